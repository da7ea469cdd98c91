import { describe, expect, it } from 'vitest';
import { fromRows, get, identity, zeros } from '../../../src/lib/linalg';
import { correlation, covariance, histogram, quantile, residual, srmr, srmrAsInOriginal } from '../../../src/lib/metrics';
import { POPULATION, simulatePopulation } from '../../../src/lib/data';
import { createRng } from '../../../src/lib/random';

describe('correlation', () => {
  it('matches a hand-computed Pearson correlation', () => {
    // x = 1..4, y = 2, 4, 5, 9: r = 17.5 / sqrt(5 · 26.75)... computed by hand below
    const m = fromRows([[1, 2], [2, 4], [3, 5], [4, 9]]);
    const mx = 2.5, my = 5;
    const sxy = (-1.5 * -3) + (-0.5 * -1) + (0.5 * 0) + (1.5 * 4);
    const sxx = 5, syy = 9 + 1 + 0 + 16;
    expect(get(correlation(m), 0, 1)).toBeCloseTo(sxy / Math.sqrt(sxx * syy), 12);
    expect(get(covariance(m), 0, 0)).toBeCloseTo(sxx / 3, 12);
    expect(mx + my).toBe(7.5);
  });

  it('uses pairwise-complete rows when cells are missing', () => {
    const m = fromRows([[1, 2, 5], [2, NaN, 3], [3, 5, 1], [4, 9, NaN], [5, 7, 2]]);
    const r = correlation(m);
    // r(0,1) from rows 0, 2, 3, 4 only
    const sub = correlation(fromRows([[1, 2], [3, 5], [4, 9], [5, 7]]));
    expect(get(r, 0, 1)).toBeCloseTo(get(sub, 0, 1), 12);
    const sub2 = correlation(fromRows([[1, 5], [2, 3], [3, 1], [5, 2]]));
    expect(get(r, 0, 2)).toBeCloseTo(get(sub2, 0, 1), 12);
    expect(get(r, 1, 1)).toBe(1);
  });

  it('agrees between the complete-data fast path and the pairwise path', () => {
    const x = simulatePopulation(createRng(3), 200);
    const fast = correlation(x);
    const withNaN = { ...x, data: Float64Array.from(x.data) };
    withNaN.data[5] = NaN; // forces the pairwise path; remove that row's effect by comparing a different pair
    const slow = correlation(withNaN);
    // pair (0, 1) does not involve column 5, so both paths use all 200 rows
    expect(get(slow, 1, 0)).toBeCloseTo(get(fast, 1, 0), 12);
  });
});

describe('covariance', () => {
  // Exact (Object.is): the fast covariance must sum each entry over rows in row order, as this
  // plain row-by-row accumulation does, so every baked SRMR keeps its bits. Widths 1–13 cover
  // the four-at-a-time blocks and every remainder.
  it('equals a row-by-row accumulation bit for bit', () => {
    const reference = (data: Float64Array, n: number, p: number): Float64Array => {
      const mean = new Float64Array(p);
      for (let r = 0; r < n; r++) for (let j = 0; j < p; j++) mean[j] += data[r * p + j];
      for (let j = 0; j < p; j++) mean[j] /= n;
      const out = new Float64Array(p * p);
      for (let r = 0; r < n; r++) {
        for (let i = 0; i < p; i++) for (let j = 0; j <= i; j++) out[i * p + j] += (data[r * p + i] - mean[i]) * (data[r * p + j] - mean[j]);
      }
      for (let i = 0; i < p; i++) for (let j = 0; j <= i; j++) out[j * p + i] = out[i * p + j] = out[i * p + j] / (n - 1);
      return out;
    };
    const rng = createRng(11);
    let mismatches = 0;
    for (let p = 1; p <= 13; p++) {
      const n = 50 + 37 * p;
      const data = Float64Array.from({ length: n * p }, () => 3 * rng.normal() + 100 * rng.uniform());
      const fast = covariance({ rows: n, cols: p, data }).data;
      const ref = reference(data, n, p);
      for (let k = 0; k < p * p; k++) if (!Object.is(fast[k], ref[k])) mismatches++;
    }
    expect(mismatches).toBe(0);
  });
});

describe('SRMR', () => {
  it('is zero for a perfect model', () => {
    expect(srmr(residual(POPULATION.correlation, POPULATION.correlation))).toBe(0);
  });

  it('counts the p(p+1)/2 lower-triangle entries, diagonal included', () => {
    // every off-diagonal residual c, diagonal 0: SRMR = c · sqrt((p−1)/(p+1))
    const p = 12;
    const c = 0.1;
    const e = zeros(p, p);
    for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) if (i !== j) e.data[i * p + j] = c;
    expect(srmr(e)).toBeCloseTo(c * Math.sqrt((p - 1) / (p + 1)), 14);
  });

  it('reads only the lower triangle', () => {
    const e = fromRows([[0, 5], [0.3, 0]]);
    expect(srmr(e)).toBeCloseTo(Math.sqrt(0.09 / 3), 14);
  });

  it("relates exactly to the original analysis's formula (half the standard value)", () => {
    const x = simulatePopulation(createRng(9), 263);
    const e = residual(POPULATION.correlation, correlation(x));
    expect(srmrAsInOriginal(e)).toBeCloseTo(srmr(e) / 2, 14);
  });

  it('shrinks toward zero as the sample grows (sampling floor)', () => {
    const small = srmr(residual(POPULATION.correlation, correlation(simulatePopulation(createRng(1), 100))));
    const large = srmr(residual(POPULATION.correlation, correlation(simulatePopulation(createRng(1), 20_000))));
    expect(large).toBeLessThan(small / 4);
    expect(srmr(residual(identity(3), identity(3)))).toBe(0);
  });
});

describe('summaries', () => {
  it('computes type-7 quantiles', () => {
    expect(quantile([1, 2, 3, 4, 5], 0.5)).toBe(3);
    expect(quantile([1, 2, 3, 4], 0.25)).toBeCloseTo(1.75, 14);
    expect(quantile([10, 0], 0.95)).toBeCloseTo(9.5, 14);
  });

  it('bins values, clamping outliers into the end bins and skipping NaN', () => {
    expect(histogram([-10, 0.1, 0.5, 0.9, 1.5, 99, NaN], [0, 1, 2])).toEqual([4, 2]);
  });
});
