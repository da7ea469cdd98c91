/**
 * Fixed benchmark workloads, shared by the browser (inside the sampler lab's workers) and Node
 * (scripts/bench-browser.ts), so the two sets of figures time exactly the same code.
 */
import { POPULATION, simulatePopulation } from '../../lib/data';
import { createRng } from '../../lib/random';
import { buildModel } from '../../lib/bayes/registry';
import { runChain } from '../../lib/bayes/sampler';

const now = () => performance.now();

/** NUTS log-density-and-gradient evaluations per second: one chain of the MVN model, n = 500. */
export function benchNutsGradients(iterations = 150): { evaluations: number; seconds: number; evaluationsPerSecond: number } {
  const x = simulatePopulation(createRng(11), 500);
  const model = buildModel({ kind: 'mvn', x, names: POPULATION.names });
  const t0 = now();
  const r = runChain(model, { numWarmup: iterations, numDraws: iterations }, 12, 0);
  const seconds = (now() - t0) / 1000;
  const evaluations = r.warmupGradientEvaluations + r.samplingGradientEvaluations;
  return { evaluations, seconds, evaluationsPerSecond: evaluations / seconds };
}
