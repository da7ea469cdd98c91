import { describe, expect, it } from 'vitest';
import { maskMcar, POPULATION, simulatePopulation } from '../../../src/lib/data';
import { applyMissingness, MAR_LOW_SATISFACTION } from '../../../src/lib/missingness';
import { covariance } from '../../../src/lib/metrics';
import { fromRows } from '../../../src/lib/linalg';
import { createRng } from '../../../src/lib/random';
import { columnMeanImputation, completeCase, emMvn, pairwise } from '../../../src/lib/replication/estimators';
import { gradeEstimate } from '../../../src/lib/replication/summary';

describe('EM for the multivariate normal', () => {
  it('on complete data returns the sample mean and the ML (divisor n) covariance', () => {
    const x = simulatePopulation(createRng(1), 200);
    const em = emMvn(x);
    const S = covariance(x);
    expect(em.converged).toBe(true);
    for (let i = 0; i < 144; i++) expect(em.covariance.data[i]).toBeCloseTo((S.data[i] * 199) / 200, 10);
  });

  it('matches the closed-form ML of a bivariate sample with one column partly missing', () => {
    // monotone pattern: x always observed, y missing in some rows. ML (Anderson 1957):
    // μx = mean of all x; β = s_xy/s_xx over complete rows; μy = ȳ_c + β(μx − x̄_c)
    const rng = createRng(2);
    const rows: number[][] = [];
    for (let i = 0; i < 300; i++) {
      const a = rng.normal();
      const b = 0.6 * a + 0.8 * rng.normal() + 1;
      rows.push([a, i % 3 === 0 ? NaN : b]);
    }
    const x = fromRows(rows);
    const em = emMvn(x, { tolerance: 1e-12 });
    const all = rows.map((r) => r[0]);
    const comp = rows.filter((r) => !Number.isNaN(r[1]));
    const mx = all.reduce((s, v) => s + v, 0) / all.length;
    const xc = comp.reduce((s, r) => s + r[0], 0) / comp.length;
    const yc = comp.reduce((s, r) => s + r[1], 0) / comp.length;
    let sxy = 0, sxx = 0;
    for (const r of comp) (sxy += (r[0] - xc) * (r[1] - yc)), (sxx += (r[0] - xc) ** 2);
    const beta = sxy / sxx;
    expect(em.mean[0]).toBeCloseTo(mx, 9);
    expect(em.mean[1]).toBeCloseTo(yc + beta * (mx - xc), 8);
  });

  it('recovers the truth under MAR where pairwise deletion and complete cases do not (negative controls)', () => {
    // n = 20 000: sampling error of a standardised mean ≈ 0.008, so 0.03 is ~4 se of slack
    const x = simulatePopulation(createRng(3), 20_000);
    const m = applyMissingness(createRng(4), x, MAR_LOW_SATISFACTION);
    const em = gradeEstimate(emMvn(m.data), POPULATION);
    const pw = gradeEstimate(pairwise(m.data), POPULATION);
    const cc = gradeEstimate(completeCase(m.data), POPULATION);
    const worst = (v: Float64Array) => Math.max(...Array.from(v, Math.abs));
    expect(worst(em.meanBias)).toBeLessThan(0.03);
    expect(worst(pw.meanBias)).toBeGreaterThan(0.07);
    expect(worst(cc.meanBias)).toBeGreaterThan(0.3);
    expect(em.srmr).toBeLessThan(0.01);
    expect(pw.srmr).toBeGreaterThan(em.srmr * 2);
  });
});

describe('the shortcuts', () => {
  it('column-mean imputation keeps the observed means and shrinks the sds; pairwise keeps both', () => {
    const x = simulatePopulation(createRng(5), 2000);
    const m = maskMcar(createRng(6), x, 0.3);
    const cm = columnMeanImputation(m.data);
    const pw = pairwise(m.data);
    for (let j = 0; j < 12; j++) {
      expect(cm.mean[j]).toBeCloseTo(pw.mean[j], 12);
      expect(cm.sd[j]).toBeLessThan(pw.sd[j] * 0.9);
    }
  });

  it('complete-case analysis refuses too few complete rows', () => {
    const x = simulatePopulation(createRng(5), 20);
    const m = maskMcar(createRng(6), x, 0.5);
    expect(() => completeCase(m.data)).toThrow(/complete rows/);
  });
});
