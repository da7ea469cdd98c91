import { describe, expect, it } from 'vitest';
import { spdInverseLogDet } from '../../../src/lib/dense';
import { createRng } from '../../../src/lib/random';

/** A random SPD n×n matrix G Gᵀ + n·0.1 I (well conditioned, so cofactors and Cholesky agree closely). */
function randomSpd(n: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const g = Float64Array.from({ length: n * n }, () => rng.normal());
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = i === j ? 0.1 * n : 0;
      for (let k = 0; k < n; k++) s += g[i * n + k] * g[j * n + k];
      a[i * n + j] = s;
    }
  }
  return a;
}

const product = (a: Float64Array, b: Float64Array, n: number) => {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) for (let k = 0; k < n; k++) out[i * n + j] += a[i * n + k] * b[k * n + j];
  return out;
};

/** log|A| by Gaussian elimination without pivoting (A is SPD, so every pivot is positive). */
function logDetByElimination(a: Float64Array, n: number): number {
  const m = Float64Array.from(a);
  let ld = 0;
  for (let k = 0; k < n; k++) {
    ld += Math.log(m[k * n + k]);
    for (let i = k + 1; i < n; i++) {
      const f = m[i * n + k] / m[k * n + k];
      for (let j = k; j < n; j++) m[i * n + j] -= f * m[k * n + j];
    }
  }
  return ld;
}

describe('spdInverseLogDet: inverse and log-determinant of a small SPD block', () => {
  // Sizes 1–3 take the cofactor formulas, 4 and 6 the Cholesky path.
  for (const n of [1, 2, 3, 4, 6]) {
    it(`n = ${n}: A·A⁻¹ = I and log|A| match elimination (1e-12: rounding of a well-conditioned ${n}×${n})`, () => {
      for (let t = 0; t < 5; t++) {
        const a = randomSpd(n, 100 * n + t);
        const inv = new Float64Array(n * n);
        const ld = spdInverseLogDet(a, inv, n, new Float64Array(2 * n * n));
        expect(Math.abs(ld - logDetByElimination(a, n))).toBeLessThan(1e-12 * Math.max(1, Math.abs(ld)));
        const id = product(a, inv, n);
        for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) expect(Math.abs(id[i * n + j] - (i === j ? 1 : 0))).toBeLessThan(1e-12);
        for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) expect(inv[i * n + j]).toBe(inv[j * n + i]);
      }
    });
  }

  it('is NaN for matrices that are not positive definite, even with a positive determinant', () => {
    const work = new Float64Array(32);
    const out = new Float64Array(16);
    expect(spdInverseLogDet(Float64Array.of(-1), out, 1, work)).toBeNaN();
    expect(spdInverseLogDet(Float64Array.of(0), out, 1, work)).toBeNaN();
    // diag(−1, −1): determinant 1
    expect(spdInverseLogDet(Float64Array.of(-1, 0, 0, -1), out, 2, work)).toBeNaN();
    // diag(−1, −1, 1) and diag(1, −1, −1): determinant 1, a negative leading minor
    expect(spdInverseLogDet(Float64Array.of(-1, 0, 0, 0, -1, 0, 0, 0, 1), out, 3, work)).toBeNaN();
    expect(spdInverseLogDet(Float64Array.of(1, 0, 0, 0, -1, 0, 0, 0, -1), out, 3, work)).toBeNaN();
    // |ρ| > 1 in a 2×2 correlation block
    expect(spdInverseLogDet(Float64Array.of(1, 1.2, 1.2, 1), out, 2, work)).toBeNaN();
    // 4×4 with one negative eigenvalue (Cholesky path)
    expect(spdInverseLogDet(Float64Array.of(1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 2, 0, 0, 2, 1), out, 4, work)).toBeNaN();
    expect(spdInverseLogDet(Float64Array.of(NaN, 0, 0, 1), out, 2, work)).toBeNaN();
  });
});
