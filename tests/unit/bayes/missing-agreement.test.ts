/**
 * The two treatments of missing cells target the same posterior for (μ, σ, Ω): marginalising
 * each row over its missing cells, or making every missing cell a parameter. Their posterior
 * means must agree within 4 combined MCSE (√(mcse₁² + mcse₂²)), their posterior sds within
 * 15%, and so must the imputations (generated quantities in one, parameters in the other).
 * A check that the comparison has teeth: a model that wrongly drops incomplete rows
 * (complete-case analysis) disagrees beyond that band on at least one quantity.
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/lib/random';
import { maskMcar, simulateMvn } from '../../../src/lib/data';
import { fromRows, zeros, type Matrix } from '../../../src/lib/linalg';
import { mvnModel } from '../../../src/lib/bayes/models/mvn';
import { runChain, type ChainResult } from '../../../src/lib/bayes/sampler';
import { columnDraws } from '../../../src/lib/bayes/summary';
import { mcseMean, sd } from '../../../src/lib/bayes/diagnostics';

const names = ['a', 'b', 'c'];
const rng = createRng(51);
const cov = fromRows([
  [1, 0.6, -0.3],
  [0.6, 2, 0.4],
  [-0.3, 0.4, 0.5],
]);
const full = simulateMvn(rng, 60, [0.5, -0.2, 0.1], cov);
const { data: x } = maskMcar(rng, full, 0.15);

function completeCases(m: Matrix): Matrix {
  const keep: number[] = [];
  for (let r = 0; r < m.rows; r++) if ([0, 1, 2].every((j) => !Number.isNaN(m.data[r * 3 + j]))) keep.push(r);
  const out = zeros(keep.length, 3);
  keep.forEach((r, i) => out.data.set(m.data.subarray(r * 3, r * 3 + 3), i * 3));
  return out;
}

const run = (data: Matrix, missing: 'marginal' | 'parameters', seed: number): ChainResult[] =>
  [0, 1, 2, 3].map((c) => runChain(mvnModel({ x: data, names, missing }), { numWarmup: 1000, numDraws: 1000 }, seed, c));

function compare(a: ChainResult[], b: ChainResult[], columns: readonly string[]) {
  return columns.map((name) => {
    const da = columnDraws(a, name);
    const db = columnDraws(b, name);
    const mean = (d: Float64Array[]) => d.flatMap((c) => [...c]).reduce((s, v) => s + v, 0) / (d.length * d[0].length);
    return {
      name,
      z: Math.abs(mean(da) - mean(db)) / Math.hypot(mcseMean(da), mcseMean(db)),
      sdRatio: sd(da) / sd(db),
    };
  });
}

describe('missing data: marginalised vs cells-as-parameters', () => {
  const marginal = run(x, 'marginal', 61);
  const params = run(x, 'parameters', 62);
  const core = ['mu[a]', 'mu[b]', 'mu[c]', 'sigma[a]', 'sigma[b]', 'sigma[c]', 'corr[b,a]', 'corr[c,a]', 'corr[c,b]'];

  it('same posterior for μ, σ, Ω', () => {
    for (const c of compare(marginal, params, core)) {
      expect(c.z, c.name).toBeLessThan(4);
      expect(Math.abs(c.sdRatio - 1), `${c.name} sd ratio`).toBeLessThan(0.15);
    }
  });
  it('same distribution of imputed values', () => {
    const imputed = marginal[0].columns.filter((c) => c.startsWith('x['));
    expect(imputed.length).toBe(Math.round(0.15 * 180));
    expect(params[0].columns.filter((c) => c.startsWith('x['))).toEqual(imputed);
    for (const c of compare(marginal, params, imputed)) {
      expect(c.z, c.name).toBeLessThan(4);
      expect(Math.abs(c.sdRatio - 1), `${c.name} sd ratio`).toBeLessThan(0.15);
    }
  });
  it('the comparison detects a different posterior (complete-case analysis)', () => {
    const cc = run(completeCases(x), 'marginal', 63);
    const worst = Math.max(...compare(marginal, cc, core).map((c) => c.z));
    expect(worst).toBeGreaterThan(4);
  });
});
