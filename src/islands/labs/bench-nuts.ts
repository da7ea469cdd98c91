/**
 * The fixed NUTS benchmark workload, one definition for every bench: bench:nuts (its
 * gradient rates), and bench:browser both inside the sampler lab's worker and in Node, so
 * all three figures are the same measurement of the same code on the same data.
 */
import { INDICATORS, maskMcar, simulatePopulation } from '../../lib/data';
import type { Matrix } from '../../lib/linalg';
import { createRng, derive } from '../../lib/random';
import type { Model } from '../../lib/bayes/model';
import { mvnModel } from '../../lib/bayes/models/mvn';

const now = () => performance.now();

/** Untimed evaluations first (JIT tiers settle within a few thousand), then the timed run. */
export const GRADIENT_BENCH = { warmup: 3000, evaluations: 20_000 } as const;

/** bench:nuts's data: n = 500 rows from the population, and the same rows with 10% MCAR cells. */
export function benchData(seed = 1): { readonly complete: Matrix; readonly missing: Matrix } {
  const rng = createRng(derive(seed, 'bench-data'));
  const complete = simulatePopulation(rng, 500);
  return { complete, missing: maskMcar(rng, complete, 0.1).data };
}

/** Log-density-and-gradient evaluations per second at one fixed point, warm-up excluded. */
export function gradientThroughput(
  model: Model,
  evaluations: number = GRADIENT_BENCH.evaluations,
  warmup: number = GRADIENT_BENCH.warmup,
): { evaluations: number; seconds: number; evaluationsPerSecond: number } {
  const rng = createRng(3);
  const theta = Float64Array.from({ length: model.dim }, () => rng.uniform() - 0.5);
  const grad = new Float64Array(model.dim);
  for (let i = 0; i < warmup; i++) model.logDensityAndGradient(theta, grad);
  const t0 = now();
  for (let i = 0; i < evaluations; i++) model.logDensityAndGradient(theta, grad);
  const seconds = (now() - t0) / 1000;
  return { evaluations, seconds, evaluationsPerSecond: evaluations / seconds };
}

/**
 * The complete-data MVN model on bench:nuts's 500 rows: gradient evaluations per second.
 * `evaluations` is the timed count (the worker's message calls it `iterations`).
 */
export function benchNutsGradients(evaluations: number = GRADIENT_BENCH.evaluations): { evaluations: number; seconds: number; evaluationsPerSecond: number } {
  return gradientThroughput(mvnModel({ x: benchData().complete, names: INDICATORS }), evaluations);
}
