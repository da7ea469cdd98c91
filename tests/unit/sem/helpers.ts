/** Shared fixtures for the SEM tests: the brief's model on a seeded n = 263 sample. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseNumericCsv } from '../../../src/lib/bayes/csv';
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

/**
 * A committed fixture data file (tests/unit/sem/fixtures): raw-263.csv is the fixture() sample
 * with 3 added to every cell; raw-263-mcar.csv the same with 10 % of cells missing (NA).
 */
export function loadData(file: 'raw-263.csv' | 'raw-263-mcar.csv') {
  const path = fileURLToPath(new URL(`./fixtures/${file}`, import.meta.url));
  const { names, x } = parseNumericCsv(readFileSync(path, 'utf8'), file);
  return { names, x, stats: sufficientStats(x, names), description: describeLavaan(MODEL_TEXT, names) };
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
