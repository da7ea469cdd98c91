import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { INDICATORS, simulateMvn } from '../../../src/lib/data';
import { fromRows } from '../../../src/lib/linalg';
import { createRng } from '../../../src/lib/random';
import { describeLavaan } from '../../../src/lib/sem/description';
import { minimizeLbfgs } from '../../../src/lib/sem/lbfgs';
import { centered, sufficientStats } from '../../../src/lib/sem/likelihood';
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
    const big = simulateMvn(createRng(99), 20000, new Float64Array(p), fromRows(rows));
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
    expect(fit.fit.df).toBe(47);
    expect(fit.fit.npar).toBe(31);
  });
});

const rscript = spawnSync('Rscript', ['-e', 'suppressMessages(library(lavaan)); cat("ok")'], { encoding: 'utf8' });
const haveLavaan = rscript.status === 0 && rscript.stdout.includes('ok');
if (!haveLavaan) console.warn('SEM: skipping the lavaan comparison (Rscript or the lavaan package is not installed; `apt-get install r-cran-lavaan` enables it)');

describe.skipIf(!haveLavaan)('maximum likelihood against lavaan (reference implementation)', () => {
  it('agrees with lavaan::sem on the brief model and a seeded n = 263 sample', () => {
    const { x, stats, description } = fixture();
    const dir = mkdtempSync(join(tmpdir(), 'sem-lavaan-'));
    try {
      const rows = [INDICATORS.join(',')];
      for (let r = 0; r < x.rows; r++) rows.push(Array.from(x.data.subarray(r * x.cols, (r + 1) * x.cols), (v) => v.toPrecision(17)).join(','));
      writeFileSync(join(dir, 'data.csv'), rows.join('\n') + '\n');
      writeFileSync(join(dir, 'model.lav'), MODEL_TEXT);
      const script = [
        'suppressMessages(library(lavaan))',
        `d <- read.csv('${join(dir, 'data.csv')}')`,
        `m <- paste(readLines('${join(dir, 'model.lav')}'), collapse = '\\n')`,
        "f <- sem(m, data = d, information = 'observed')",
        'pe <- parameterEstimates(f)',
        "for (i in seq_len(nrow(pe))) cat(sprintf('P %s%s%s %.10g %.10g\\n', pe$lhs[i], pe$op[i], pe$rhs[i], pe$est[i], pe$se[i]))",
        "fm <- fitMeasures(f, c('chisq', 'df', 'cfi', 'tli', 'rmsea', 'srmr', 'logl'))",
        "for (k in names(fm)) cat(sprintf('F %s %.10g\\n', k, fm[[k]]))",
      ].join('\n');
      writeFileSync(join(dir, 'fit.R'), script);
      const out = spawnSync('Rscript', [join(dir, 'fit.R')], { encoding: 'utf8' });
      expect(out.status, out.stderr).toBe(0);
      const lav = new Map<string, [number, number]>();
      const fm = new Map<string, number>();
      for (const line of out.stdout.split('\n')) {
        const parts = line.trim().split(/\s+/);
        if (parts[0] === 'P') lav.set(parts[1], [Number(parts[2]), Number(parts[3])]);
        if (parts[0] === 'F') fm.set(parts[1], Number(parts[2]));
      }
      // lavaan centres the data (saturated mean structure); our zero-mean likelihood matches it on centred statistics.
      const ours = fitMl(description, centered(stats));
      let compared = 0;
      for (const est of ours.parameters) {
        const ref = lav.get(est.name) ?? lav.get(est.name.split('~~').reverse().join('~~'));
        if (!ref) continue; // rho[·] has no lavaan counterpart
        compared++;
        // Both optimise the same function to ~1e-8 in the gradient: estimates agree to ~1e-5.
        expect(Math.abs(est.estimate - ref[0]), est.name).toBeLessThan(2e-4 * Math.max(1, Math.abs(ref[0])));
        // SEs: both observed information; ours by differencing the exact gradient. Allow 1 %.
        expect(Math.abs(est.se - ref[1]) / ref[1], `${est.name} se`).toBeLessThan(0.01);
      }
      expect(compared).toBe(31);
      expect(ours.fit.chisq).toBeCloseTo(fm.get('chisq')!, 3);
      expect(ours.fit.df).toBe(fm.get('df'));
      expect(ours.fit.logLik).toBeCloseTo(fm.get('logl')!, 3);
      expect(ours.fit.cfi).toBeCloseTo(fm.get('cfi')!, 5);
      expect(ours.fit.tli).toBeCloseTo(fm.get('tli')!, 5);
      expect(ours.fit.rmsea).toBeCloseTo(fm.get('rmsea')!, 5);
      expect(ours.fit.srmr).toBeCloseTo(fm.get('srmr')!, 5);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

it('the description API accepts the same text lavaan does', () => {
  expect(describeLavaan(MODEL_TEXT, INDICATORS).paths).toHaveLength(6);
});
