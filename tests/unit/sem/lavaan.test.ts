/**
 * Maximum likelihood against lavaan 0.6-14 on raw, uncentred data (the test sample + 3), with
 * complete data and with 10 % of cells missing completely at random (full-information ML).
 * lavaan's numbers were computed once and committed: tests/unit/sem/fixtures/lavaan-fixtures.R.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fitMl, type MlFit } from '../../../src/lib/sem/ml';
import { saturatedFit } from '../../../src/lib/sem/saturated';
import { loadData } from './helpers';

interface LavaanFixture {
  readonly lavaan: string;
  readonly parameters: Record<string, { estimate: number; se: number }>;
  readonly fit: Record<string, number>;
}

const here = (f: string) => fileURLToPath(new URL(`./fixtures/${f}`, import.meta.url));
const loadLavaan = (file: string): LavaanFixture => JSON.parse(readFileSync(here(file), 'utf8'));

/** lavaan names a covariance either way round; intercepts 'x~1'. */
const refOf = (lav: LavaanFixture, name: string) => lav.parameters[name] ?? lav.parameters[name.split('~~').reverse().join('~~')];

function compare(fit: MlFit, lav: LavaanFixture) {
  expect(fit.converged).toBe(true);
  let compared = 0;
  for (const est of fit.parameters) {
    const ref = refOf(lav, est.name);
    if (!ref) continue; // rho[·] has no lavaan counterpart
    compared++;
    // The bar: within 0.01 and within 5 % of lavaan's SE (both optimise the same function; ~1e-5 SE seen).
    expect(Math.abs(est.estimate - ref.estimate), est.name).toBeLessThan(Math.min(0.01, 0.05 * ref.se));
    // SEs: both from the observed information; ours by differencing the exact gradient. 1 %.
    expect(Math.abs(est.se - ref.se) / ref.se, `${est.name} se`).toBeLessThan(0.01);
  }
  expect(compared).toBe(43); // 31 covariance-structure parameters and 12 intercepts
  const f = fit.fit;
  expect(f.npar).toBe(lav.fit.npar);
  expect(f.df).toBe(lav.fit.df);
  expect(f.n).toBe(lav.fit.ntotal);
  // fit indices to 3 decimals (toBeCloseTo(·, 3): |Δ| < 5e-4)
  expect(f.chisq).toBeCloseTo(lav.fit.chisq, 3);
  expect(f.logLik).toBeCloseTo(lav.fit.logl, 3);
  expect(f.baselineChisq).toBeCloseTo(lav.fit['baseline.chisq'], 3);
  expect(f.baselineDf).toBe(lav.fit['baseline.df']);
  expect(f.cfi).toBeCloseTo(lav.fit.cfi, 3);
  expect(f.tli).toBeCloseTo(lav.fit.tli, 3);
  expect(f.rmsea).toBeCloseTo(lav.fit.rmsea, 3);
  expect(f.srmr).toBeCloseTo(lav.fit.srmr, 3);
}

describe('maximum likelihood against lavaan (fixtures computed once with lavaan 0.6-14)', () => {
  it('complete raw data (every cell + 3): estimates with intercepts, SEs and fit indices', () => {
    const { stats, description } = loadData('raw-263.csv');
    compare(fitMl(description, stats), loadLavaan('lavaan-raw-263.json'));
  });

  it("10 % MCAR cells: full-information ML (lavaan's missing = 'ml')", () => {
    const { stats, description } = loadData('raw-263-mcar.csv');
    expect(stats.patterns!.length).toBeGreaterThan(50);
    compare(fitMl(description, stats), loadLavaan('lavaan-mcar-263.json'));
  });

  it('the saturated model under missingness has lavaan’s log-likelihood (its EM estimate)', () => {
    const { stats } = loadData('raw-263-mcar.csv');
    const h1 = saturatedFit(stats, true);
    expect(h1.converged).toBe(true);
    expect(h1.logLik).toBeCloseTo(loadLavaan('lavaan-mcar-263.json').fit['unrestricted.logl'], 3);
  });
});
