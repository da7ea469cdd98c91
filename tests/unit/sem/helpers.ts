/** Shared fixtures for the SEM tests: the brief's model on a seeded n = 263 sample. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { INDICATORS, simulatePopulation } from '../../../src/lib/data';
import { createRng } from '../../../src/lib/random';
import { describeLavaan } from '../../../src/lib/sem/description';
import { sufficientStats } from '../../../src/lib/sem/likelihood';

export const MODEL_TEXT = readFileSync(fileURLToPath(new URL('../../../content/models/job-satisfaction.lav', import.meta.url)), 'utf8');

export function fixture(seed = 263, n = 263) {
  const x = simulatePopulation(createRng(seed), n);
  const stats = sufficientStats(x, INDICATORS);
  const description = describeLavaan(MODEL_TEXT, INDICATORS);
  return { x, stats, description };
}

/** Central finite-difference gradient of f at θ with step h. */
export function centralDifference(f: (t: Float64Array) => number, theta: Float64Array, h: number): Float64Array {
  const g = new Float64Array(theta.length);
  const t = Float64Array.from(theta);
  for (let i = 0; i < theta.length; i++) {
    t[i] = theta[i] + h;
    const up = f(t);
    t[i] = theta[i] - h;
    const down = f(t);
    t[i] = theta[i];
    g[i] = (up - down) / (2 * h);
  }
  return g;
}
