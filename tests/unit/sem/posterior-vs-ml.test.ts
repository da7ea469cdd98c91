import '../../../src/lib/sem/register';
import { describe, expect, it } from 'vitest';
import { runChainJob } from '../../../src/lib/bayes/runner';
import { columnDraws, samplerHealth } from '../../../src/lib/bayes/summary';
import { fitMl } from '../../../src/lib/sem/ml';
import { semJobSpec } from '../../../src/lib/sem/register';
import { fixture, MODEL_TEXT } from './helpers';

describe('identified SEM: a quick NUTS fit agrees with maximum likelihood', () => {
  it('every shared parameter’s posterior mean lies within 2 posterior sds of its ML estimate', () => {
    const { stats, description } = fixture();
    const ml = fitMl(description, stats);
    const job = semJobSpec(MODEL_TEXT, stats, 'identified');
    const settings = { numWarmup: 300, numDraws: 300, adaptDelta: 0.9, initRadius: 1 };
    const chains = [0, 1].map((chain) => runChainJob({ model: job as never, settings, seed: 7, chain }));
    expect(samplerHealth(chains).divergences).toBe(0);
    let compared = 0;
    for (const p of ml.parameters) {
      if (!chains[0].columns.includes(p.name) || p.name.startsWith('rho[')) continue;
      const draws = columnDraws(chains, p.name).flatMap((c) => Array.from(c));
      const mean = draws.reduce((s, v) => s + v, 0) / draws.length;
      const sd = Math.sqrt(draws.reduce((s, v) => s + (v - mean) ** 2, 0) / (draws.length - 1));
      expect(Math.abs(mean - p.estimate) / sd, `${p.name}: posterior ${mean} ± ${sd}, ML ${p.estimate}`).toBeLessThan(2);
      compared++;
    }
    expect(compared).toBe(43); // 31 covariance-structure parameters and 12 intercepts
  });
});
