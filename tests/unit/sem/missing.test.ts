/**
 * Missing cells in the SEM: the statistics of each missingness pattern, their selection to the
 * model's columns, the marginalised likelihood's exact gradients, and a short NUTS run whose
 * posterior agrees with full-information ML.
 */
import '../../../src/lib/sem/register';
import { describe, expect, it } from 'vitest';
import { runChainJob } from '../../../src/lib/bayes/runner';
import { columnDraws, samplerHealth } from '../../../src/lib/bayes/summary';
import { createRng } from '../../../src/lib/random';
import { selectStats, sufficientStats } from '../../../src/lib/sem/likelihood';
import { buildSemCellsModel } from '../../../src/lib/sem/cells';
import { fitMl } from '../../../src/lib/sem/ml';
import { buildSemModel } from '../../../src/lib/sem/model';
import { semJobSpec, semModelFromJob } from '../../../src/lib/sem/register';
import { IDENTIFIED_SPEC, ORIGINAL_SPEC, PRIOR_SETS, withPriors, type SemSpec } from '../../../src/lib/sem/spec';
import { finiteDifference, GRADIENT_TOLERANCE, maxRelativeError } from '../bayes/fd';
import { loadData, MODEL_TEXT } from './helpers';

const mcar = loadData('raw-263-mcar.csv');

describe('statistics with missing cells', () => {
  it('selecting columns pools the patterns exactly as computing them on those columns alone', () => {
    const { names, x, stats } = mcar;
    const cols = [10, 2, 5, 7]; // any subset, in any order
    const direct = sufficientStats({ rows: x.rows, cols: cols.length, data: Float64Array.from({ length: x.rows * cols.length }, (_, k) => x.data[Math.floor(k / cols.length) * x.cols + cols[k % cols.length]]) }, cols.map((c) => names[c]));
    const selected = selectStats(stats, cols);
    expect(selected.n).toBe(direct.n);
    expect(selected.patterns!.length).toBe(direct.patterns!.length);
    selected.patterns!.forEach((g, k) => {
      const h = direct.patterns![k];
      expect(g.observed).toEqual(h.observed);
      expect(g.count).toBe(h.count);
      g.mean.forEach((v, i) => expect(v).toBeCloseTo(h.mean[i], 10));
      g.scatter.forEach((v, i) => expect(v).toBeCloseTo(h.scatter[i], 9));
    });
    Array.from(selected.mean).forEach((v, i) => expect(v).toBeCloseTo(direct.mean[i], 12));
  });

  it('a row with nothing observed drops out; a fully observed subset gives complete-data statistics', () => {
    const x = { rows: 4, cols: 3, data: Float64Array.from([1, 2, NaN, NaN, NaN, NaN, 3, 5, 1, 2, 1, 7]) };
    const s = sufficientStats(x, ['a', 'b', 'c']);
    expect(s.n).toBe(3);
    const ab = selectStats(s, [0, 1]);
    expect(ab.patterns).toBeUndefined();
    expect(ab.n).toBe(3);
    expect(Array.from(ab.mean)).toEqual([2, 8 / 3]);
  });
});

describe('marginalised SEM likelihood: exact gradients against finite differences', () => {
  const specs: [string, SemSpec][] = [
    ['identified', IDENTIFIED_SPEC],
    ['identified, original priors', withPriors(IDENTIFIED_SPEC, PRIOR_SETS.original)],
    ['original (zero means)', ORIGINAL_SPEC],
  ];
  for (const [label, spec] of specs) {
    for (const which of ['posterior', 'likelihood'] as const) {
      it(`${label}, ${which}`, () => {
        const model = buildSemModel(mcar.description, mcar.stats, spec);
        const rng = createRng(label.length + (which === 'posterior' ? 1 : 2));
        const f = (t: Float64Array) => (which === 'posterior' ? model.logDensityAndGradient(t, new Float64Array(model.dim)) : model.logLikelihood(t, null));
        for (let rep = 0; rep < 2; rep++) {
          const theta = model.initialPoint().map((v) => v + 0.3 * rng.normal());
          const grad = new Float64Array(model.dim);
          expect(Number.isFinite(which === 'posterior' ? model.logDensityAndGradient(theta, grad) : model.logLikelihood(theta, grad))).toBe(true);
          expect(maxRelativeError(grad, finiteDifference(f, theta))).toBeLessThan(GRADIENT_TOLERANCE);
        }
      });
    }
  }
});

describe('Bayesian SEM on data with missing cells', () => {
  it('runs, and its posterior means sit within 3 posterior sds of full-information ML', () => {
    const { stats, description } = mcar;
    const ml = fitMl(description, stats);
    const job = structuredClone(semJobSpec(MODEL_TEXT, stats, 'identified')); // as a worker receives it
    expect(semModelFromJob(job).stats.patterns!.length).toBe(stats.patterns!.length);
    // short: 2 chains × (150 + 150), Stan's default acceptance target (shallower trees than the essay's 0.95)
    const settings = { numWarmup: 150, numDraws: 150, adaptDelta: 0.8, initRadius: 1 };
    const chains = [0, 1].map((chain) => runChainJob({ model: job as never, settings, seed: 11, chain }));
    expect(samplerHealth(chains).divergences).toBe(0);
    let compared = 0;
    let worst = 0;
    for (const p of ml.parameters) {
      if (!chains[0].columns.includes(p.name) || p.name.startsWith('rho[')) continue;
      const draws = columnDraws(chains, p.name).flatMap((c) => Array.from(c));
      const mean = draws.reduce((s, v) => s + v, 0) / draws.length;
      const sd = Math.sqrt(draws.reduce((s, v) => s + (v - mean) ** 2, 0) / (draws.length - 1));
      const z = Math.abs(mean - p.estimate) / sd;
      worst = Math.max(worst, z);
      // 43 comparisons on 300 draws: posterior mean ≠ mode (skewed variances, weak priors) plus MC error; 3 sds
      expect(z, `${p.name}: posterior ${mean} ± ${sd}, FIML ${p.estimate}`).toBeLessThan(3);
      compared++;
    }
    expect(compared).toBe(43);
    expect(worst).toBeGreaterThan(0); // not a degenerate comparison
  });
});

describe('the cells-as-parameters formulation (for measuring against the marginal one)', () => {
  it('has exact gradients in the SEM coordinates and the missing cells', () => {
    const model = buildSemCellsModel(mcar.description, mcar.x, mcar.names, IDENTIFIED_SPEC);
    expect(model.cells.length).toBe(316);
    const rng = createRng(9);
    const theta = model.initialPoint().map((v) => v + 0.2 * rng.normal());
    const grad = new Float64Array(model.dim);
    expect(Number.isFinite(model.logDensityAndGradient(theta, grad))).toBe(true);
    const f = (t: Float64Array) => model.logDensityAndGradient(t, new Float64Array(model.dim));
    expect(maxRelativeError(grad, finiteDifference(f, theta))).toBeLessThan(GRADIENT_TOLERANCE);
  });

  it('equals the marginal model when nothing is missing', () => {
    const { x, names, stats, description } = loadData('raw-263.csv');
    const cellsModel = buildSemCellsModel(description, x, names, IDENTIFIED_SPEC);
    const marginal = buildSemModel(description, stats, IDENTIFIED_SPEC);
    expect(cellsModel.dim).toBe(marginal.dim);
    const theta = marginal.initialPoint().map((v, i) => v + 0.01 * Math.sin(i));
    const a = marginal.logDensityAndGradient(theta, new Float64Array(marginal.dim));
    expect(Math.abs(cellsModel.logDensityAndGradient(theta, new Float64Array(cellsModel.dim)) - a)).toBeLessThan(1e-9 * Math.abs(a));
  });
});
