import { describe, expect, it } from 'vitest';
import { columnMeans, GROUPS, imputeMean, INDICATORS, maskMcar, POPULATION, simulatePopulation, STANDARD_DEVIATIONS } from '../../../src/lib/data';
import { cholesky, fromRows, get } from '../../../src/lib/linalg';
import { covariance } from '../../../src/lib/metrics';
import { createRng } from '../../../src/lib/random';

describe('job-satisfaction population', () => {
  it('has twelve indicators in four groups of three, in column order', () => {
    expect(INDICATORS).toHaveLength(12);
    expect(GROUPS.flatMap((g) => g.indicators)).toEqual([...INDICATORS]);
  });

  it('has a symmetric, positive-definite covariance equal to D R D', () => {
    const { covariance: S, correlation: R } = POPULATION;
    for (let i = 0; i < 12; i++) {
      expect(get(R, i, i)).toBe(1);
      for (let j = 0; j < 12; j++) {
        expect(get(S, i, j)).toBe(get(S, j, i));
        expect(get(S, i, j)).toBeCloseTo(STANDARD_DEVIATIONS[i] * get(R, i, j) * STANDARD_DEVIATIONS[j], 14);
      }
    }
    expect(() => cholesky(S)).not.toThrow();
    expect(get(R, 1, 0)).toBe(0.668);
    expect(get(R, 11, 10)).toBe(0.379);
  });

  it('simulates samples whose covariance converges to Σ', () => {
    const n = 100_000;
    const x = simulatePopulation(createRng(11), n);
    const S = covariance(x);
    for (let i = 0; i < 12; i++) {
      for (let j = 0; j <= i; j++) {
        const sij = get(POPULATION.covariance, i, j);
        // sd of a sample covariance is sqrt((σii σjj + σij²) / n); allow 5 of them
        const se = Math.sqrt((get(POPULATION.covariance, i, i) * get(POPULATION.covariance, j, j) + sij ** 2) / n);
        expect(Math.abs(get(S, i, j) - sij)).toBeLessThan(5 * se);
      }
    }
  });

  it('is reproducible: same seed, same sample', () => {
    expect(simulatePopulation(createRng(5), 20).data).toEqual(simulatePopulation(createRng(5), 20).data);
  });
});

describe('MCAR missingness and mean imputation', () => {
  const x = simulatePopulation(createRng(12), 500);

  it('removes exactly the requested fraction of cells, distinct, leaving the input untouched', () => {
    const { data, missing } = maskMcar(createRng(1), x, 0.2);
    expect(missing.length).toBe(Math.round(0.2 * 500 * 12));
    expect(new Set(missing).size).toBe(missing.length);
    expect(data.data.filter(Number.isNaN).length).toBe(1200);
    expect(x.data.some(Number.isNaN)).toBe(false);
  });

  it('spreads missing cells over every column (flat index, not per column)', () => {
    const { data } = maskMcar(createRng(2), x, 0.2);
    for (let j = 0; j < 12; j++) {
      let m = 0;
      for (let i = 0; i < 500; i++) if (Number.isNaN(data.data[i * 12 + j])) m++;
      // Binomial(500, 0.2) has sd ≈ 9; 100 ± 45 is 5 sd
      expect(Math.abs(m - 100)).toBeLessThan(45);
    }
  });

  it('rejects fractions outside [0, 1)', () => {
    expect(() => maskMcar(createRng(1), x, 1)).toThrow(/fraction/);
    expect(() => maskMcar(createRng(1), x, -0.1)).toThrow(/fraction/);
  });

  it('imputes each missing cell with its column mean over observed cells', () => {
    const m = fromRows([
      [1, NaN],
      [3, 4],
      [NaN, 8],
    ]);
    expect(Array.from(columnMeans(m))).toEqual([2, 6]);
    expect(Array.from(imputeMean(m).data)).toEqual([1, 6, 3, 4, 2, 8]);
  });

  it('refuses a column with nothing observed', () => {
    expect(() => columnMeans(fromRows([[NaN, 1], [NaN, 2]]))).toThrow(/column 0/);
  });
});
