import { describe, expect, it } from 'vitest';
import { INDICATORS, simulateMvn } from '../../../src/lib/data';
import { fromRows } from '../../../src/lib/linalg';
import { createRng } from '../../../src/lib/random';
import { describeLavaan } from '../../../src/lib/sem/description';
import { minimizeLbfgs } from '../../../src/lib/sem/lbfgs';
import { sufficientStats } from '../../../src/lib/sem/likelihood';
import { fitMl } from '../../../src/lib/sem/ml';
import { buildSemModel, IDENTIFIED_SPEC } from '../../../src/lib/sem/model';
import { chiSquareSurvival } from '../../../src/lib/special';
import { fixture, MODEL_TEXT } from './helpers';

describe('L-BFGS', () => {
  it('minimises the Rosenbrock function from (−1.2, 1)', () => {
    const r = minimizeLbfgs(
      (x, g) => {
        g[0] = -2 * (1 - x[0]) - 400 * x[0] * (x[1] - x[0] ** 2);
        g[1] = 200 * (x[1] - x[0] ** 2);
        return (1 - x[0]) ** 2 + 100 * (x[1] - x[0] ** 2) ** 2;
      },
      [-1.2, 1],
    );
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBeCloseTo(1, 6);
    expect(r.x[1]).toBeCloseTo(1, 6);
  });

  it('solves an ill-conditioned quadratic and survives a domain wall (Infinity outside x₀ > −0.5)', () => {
    const c = [1, 10, 100, 1000, 1e4];
    const r = minimizeLbfgs((x, g) => {
      if (x[0] <= -0.5) return Infinity;
      let f = 0;
      for (let i = 0; i < 5; i++) {
        f += 0.5 * c[i] * (x[i] - i) ** 2;
        g[i] = c[i] * (x[i] - i);
      }
      return f;
    }, [5, 5, 5, 5, 5]);
    for (let i = 0; i < 5; i++) expect(r.x[i]).toBeCloseTo(i, 6);
  });

  it('refuses a non-finite start with a clear message', () => {
    expect(() => minimizeLbfgs(() => NaN, [0])).toThrow(/not finite at the starting point/);
  });
});

describe('chi-square tail', () => {
  it('matches closed forms and a tabulated value', () => {
    expect(chiSquareSurvival(3, 2)).toBeCloseTo(Math.exp(-1.5), 12); // df 2: exp(−x/2)
    expect(chiSquareSurvival(3.841458820694124, 1)).toBeCloseTo(0.05, 10);
    expect(chiSquareSurvival(64.0011, 47)).toBeCloseTo(0.05, 4); // qchisq(0.95, 47) = 64.0011
  });
});

describe('maximum likelihood', () => {
  it('recovers known parameters from data simulated by the identified SEM (n = 20 000)', () => {
    const { stats, description } = fixture();
    const model = buildSemModel(description, stats, IDENTIFIED_SPEC);
    const truthFit = fitMl(description, stats); // use the n = 263 ML solution as the "true" parameters
    const sigma = model.implied(truthFit.theta).sigma;
    const p = model.p;
    const rows = Array.from({ length: p }, (_, i) => Array.from(sigma.subarray(i * p, (i + 1) * p)));
    const big = simulateMvn(createRng(99), 20000, truthFit.impliedMean, fromRows(rows));
    const fit = fitMl(description, sufficientStats(big, INDICATORS));
    expect(fit.converged).toBe(true);
    const truth = new Map(truthFit.parameters.map((x) => [x.name, x.estimate]));
    for (const est of fit.parameters) {
      // each estimate within 4.5 of its own standard errors of the truth (31+ checks at once)
      expect(Math.abs(est.estimate - truth.get(est.name)!) / est.se, est.name).toBeLessThan(4.5);
    }
    // the model holds exactly in the population, so the χ² test should not reject at 0.1 %
    expect(fit.fit.pvalue).toBeGreaterThan(0.001);
  });

  it('sits at a stationary point with a positive definite information matrix on the n = 263 sample', () => {
    const { stats, description } = fixture();
    const fit = fitMl(description, stats);
    expect(fit.converged).toBe(true);
    expect(fit.hessianPositiveDefinite).toBe(true);
    const model = buildSemModel(description, stats, IDENTIFIED_SPEC);
    const g = new Float64Array(model.dim);
    model.logLikelihood(fit.theta, g);
    for (const v of g) expect(Math.abs(v)).toBeLessThan(1e-4);
    // 78 covariances + 12 means = 90 moments; 31 covariance-structure parameters + 12 intercepts
    expect(fit.fit.df).toBe(47);
    expect(fit.fit.npar).toBe(43);
  });
});

it('the description API accepts the same text lavaan does', () => {
  expect(describeLavaan(MODEL_TEXT, INDICATORS).paths).toHaveLength(6);
});
