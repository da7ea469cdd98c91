import { describe, expect, it } from 'vitest';
import { cholesky, frobeniusDistance, fromRows, matmul, solveLower, solveUpperFromLower, transpose } from '../../../src/lib/linalg';
import { lowRank, svd } from '../../../src/lib/svd';
import { POPULATION, simulatePopulation } from '../../../src/lib/data';
import { createRng } from '../../../src/lib/random';

const maxAbsDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
};

describe('Cholesky and triangular solves', () => {
  it('factors the population covariance: L Lᵀ = Σ to rounding error', () => {
    const L = cholesky(POPULATION.covariance);
    // float64 round-off on 12×12 sums of O(1) terms: 1e-14 is ample
    expect(maxAbsDiff(matmul(L, transpose(L)).data, POPULATION.covariance.data)).toBeLessThan(1e-14);
    for (let i = 0; i < 12; i++) for (let j = i + 1; j < 12; j++) expect(L.data[i * 12 + j]).toBe(0);
  });

  it('names the failing pivot for a matrix that is not positive definite', () => {
    expect(() => cholesky(fromRows([[1, 2], [2, 1]]))).toThrow(/not positive definite \(pivot 1/);
  });

  it('solves L x = b and Lᵀ x = b', () => {
    const L = cholesky(POPULATION.covariance);
    const b = Float64Array.from({ length: 12 }, (_, i) => i - 5);
    const x = solveLower(L, b);
    expect(maxAbsDiff(matmul(L, { rows: 12, cols: 1, data: x }).data, b)).toBeLessThan(1e-12);
    const y = solveUpperFromLower(L, b);
    expect(maxAbsDiff(matmul(transpose(L), { rows: 12, cols: 1, data: y }).data, b)).toBeLessThan(1e-12);
  });
});

describe('SVD and low-rank reconstruction', () => {
  const x = simulatePopulation(createRng(100), 100);
  const d = svd(x);

  it('reconstructs the data exactly at full rank', () => {
    // backward-stable SVD: error is a small multiple of machine epsilon times ‖X‖ (≈ 30)
    expect(frobeniusDistance(lowRank(d, 12), x)).toBeLessThan(1e-10);
  });

  it('returns descending, non-negative singular values and orthonormal V', () => {
    for (let k = 1; k < d.s.length; k++) expect(d.s[k]).toBeLessThanOrEqual(d.s[k - 1]);
    expect(d.s[d.s.length - 1]).toBeGreaterThanOrEqual(0);
    const vtv = matmul(transpose(d.v), d.v);
    for (let i = 0; i < 12; i++) for (let j = 0; j < 12; j++) expect(vtv.data[i * 12 + j]).toBeCloseTo(i === j ? 1 : 0, 10);
  });

  it('meets Eckart–Young: ‖X − X_k‖² equals the sum of the discarded σ²', () => {
    for (const k of [0, 2, 5, 11]) {
      let tail = 0;
      for (let i = k; i < d.s.length; i++) tail += d.s[i] ** 2;
      expect(frobeniusDistance(lowRank(d, k), x) ** 2).toBeCloseTo(tail, 8);
    }
  });

  it('rejects a rank outside 0..p', () => {
    expect(() => lowRank(d, 13)).toThrow(/rank 13/);
  });
});
