/**
 * The sampling floor: how far from the true correlation matrix a sample of n rows drawn from
 * the true distribution itself lands (standard SRMR), for every set size the essay judges a
 * model at. No model can be expected to do better than this at that size.
 */
import { POPULATION, simulatePopulation } from '../../src/lib/data';
import { identity } from '../../src/lib/linalg';
import { correlation, mean, quantile, residual, srmr } from '../../src/lib/metrics';
import { derive, createRng } from '../../src/lib/random';
import { roundSig } from '../../src/lib/round';
import type { FloorResult } from '../../src/lib/results/floor';
import { defineRun } from '../experiment';
import declaration from '../../src/lib/experiments/sampling-floor';

export default defineRun(declaration, async ({ config, seed, progress, signal }): Promise<FloorResult> => {
  const floors: FloorResult['floors'] = [];
  for (const [k, size] of config.sizes.entries()) {
    const values = new Float64Array(config.sets);
    for (let s = 0; s < config.sets; s++) {
      if (signal.aborted) throw new Error('interrupted');
      const rng = createRng(derive(seed, 'floor', size, s));
      values[s] = srmr(residual(POPULATION.correlation, correlation(simulatePopulation(rng, size))));
    }
    floors.push({ size, mean: roundSig(mean(values)), q05: roundSig(quantile(values, 0.05)), q95: roundSig(quantile(values, 0.95)) });
    progress.report((k + 1) / config.sizes.length, `n = ${size}`);
  }
  const independence = roundSig(srmr(residual(POPULATION.correlation, identity(POPULATION.correlation.rows))));
  return { sets: config.sets, floors, independence };
});
