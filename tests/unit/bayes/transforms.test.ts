/**
 * The log-Jacobians are the true log|det J| of each map (the gradient tests only show that
 * their derivatives match their values), and the correlation factor is a valid one.
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/lib/random';
import { corrCholeskyConstrain, positiveConstrain, unitConstrain } from '../../../src/lib/bayes/transforms';
import { finiteDifference } from './fd';

/** log|det A| by Gaussian elimination with partial pivoting. */
function logAbsDet(a: Float64Array, n: number): number {
  const m = a.slice();
  let s = 0;
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r * n + c]) > Math.abs(m[piv * n + c])) piv = r;
    if (piv !== c) for (let k = 0; k < n; k++) [m[c * n + k], m[piv * n + k]] = [m[piv * n + k], m[c * n + k]];
    s += Math.log(Math.abs(m[c * n + c]));
    for (let r = c + 1; r < n; r++) {
      const f = m[r * n + c] / m[c * n + c];
      for (let k = c; k < n; k++) m[r * n + k] -= f * m[c * n + k];
    }
  }
  return s;
}

describe('transforms', () => {
  const rng = createRng(21);
  it('scalar log-Jacobians equal log |dx/du|', () => {
    for (let t = 0; t < 20; t++) {
      const u = 3 * rng.normal();
      for (const con of [positiveConstrain, unitConstrain]) {
        const d = finiteDifference((v) => con(v[0]).value, Float64Array.of(u))[0];
        expect(con(u).logJacobian).toBeCloseTo(Math.log(Math.abs(d)), 6);
      }
    }
  });
  for (const k of [2, 3, 4, 6]) {
    it(`correlation Cholesky (K = ${k}): unit rows, positive diagonal, log-Jacobian of y ↦ strict lower triangle`, () => {
      const m = (k * (k - 1)) / 2;
      for (let t = 0; t < 5; t++) {
        const y = Float64Array.from({ length: m }, () => 1.5 * rng.normal());
        const l = new Float64Array(k * k);
        const lj = corrCholeskyConstrain(y, 0, k, l);
        for (let i = 0; i < k; i++) {
          let norm = 0;
          for (let j = 0; j <= i; j++) norm += l[i * k + j] ** 2;
          expect(norm).toBeCloseTo(1, 12);
          expect(l[i * k + i]).toBeGreaterThan(0);
          for (let j = i + 1; j < k; j++) expect(l[i * k + j]).toBe(0);
        }
        // Jacobian of the free coordinates (strict lower triangle, row-major) w.r.t. y.
        const jac = new Float64Array(m * m);
        let row = 0;
        for (let i = 1; i < k; i++) {
          for (let j = 0; j < i; j++) {
            const g = finiteDifference((v) => {
              const lv = new Float64Array(k * k);
              corrCholeskyConstrain(v, 0, k, lv);
              return lv[i * k + j];
            }, y);
            jac.set(g, row * m);
            row++;
          }
        }
        expect(lj).toBeCloseTo(logAbsDet(jac, m), 5);
      }
    });
  }
});
