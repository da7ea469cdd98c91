import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/lib/random';
import { buildSemModel, IDENTIFIED_SPEC, ORIGINAL_SPEC, withPriors, type SemSpec } from '../../../src/lib/sem/model';
import { halfNormal, normal } from '../../../src/lib/sem/priors';
import { corrCholeskyForward } from '../../../src/lib/sem/transforms';
import { centralDifference, fixture } from './helpers';

const { stats, description } = fixture();

/**
 * Tolerance for exact-vs-central-difference gradients. With |log p| ≈ 4·10³, float64 rounding in
 * (f(θ+h) − f(θ−h)) / 2h with h = 1e-5 is about 4·10³ · 2.2e-16 / 1e-5 ≈ 1e-7, and the O(h²)
 * truncation term is smaller still; observed errors are ~1e-7 relative. 1e-5 (relative, with a
 * floor of 1 in the scale) leaves room for rounding yet fails on any wrong term, which shows
 * up as O(1) or larger.
 */
const GRAD_TOL = 1e-5;

function checkGradient(spec: SemSpec, which: 'posterior' | 'likelihood', seed: number) {
  const model = buildSemModel(description, stats, spec);
  const rng = createRng(seed);
  for (let rep = 0; rep < 4; rep++) {
    const theta = model.initialPoint().map((v) => v + 0.4 * rng.normal());
    const f = (t: Float64Array) => (which === 'posterior' ? model.logDensityAndGradient(t, new Float64Array(model.dim)) : model.logLikelihood(t, null));
    const grad = new Float64Array(model.dim);
    const value = which === 'posterior' ? model.logDensityAndGradient(theta, grad) : model.logLikelihood(theta, grad);
    expect(Number.isFinite(value)).toBe(true);
    const fd = centralDifference(f, theta, 1e-5);
    for (let i = 0; i < model.dim; i++) {
      const err = Math.abs(grad[i] - fd[i]) / Math.max(1, Math.abs(fd[i]));
      if (err > GRAD_TOL) throw new Error(`${which} gradient of ${model.coordinateNames[i]}: exact ${grad[i]}, finite difference ${fd[i]}`);
    }
  }
}

describe('SEM log density gradients against central differences at random points', () => {
  it('identified spec, posterior', () => checkGradient(IDENTIFIED_SPEC, 'posterior', 1));
  it('identified spec, likelihood only', () => checkGradient(IDENTIFIED_SPEC, 'likelihood', 2));
  it('original spec (reversed paths, LKJ, SR product), posterior', () => checkGradient(ORIGINAL_SPEC, 'posterior', 3));
  it('original spec, likelihood only', () => checkGradient(ORIGINAL_SPEC, 'likelihood', 4));
  it('with overridden priors', () => checkGradient(withPriors(IDENTIFIED_SPEC, { loading: normal(0, 2), residualScale: halfNormal(1) }), 'posterior', 5));
});

describe('SEM model structure', () => {
  it('has 43 coordinates (identified: 31 + 12 intercepts) and 37 (original, zero means)', () => {
    expect(buildSemModel(description, stats, IDENTIFIED_SPEC).dim).toBe(43);
    expect(buildSemModel(description, stats, ORIGINAL_SPEC).dim).toBe(37);
  });

  it('builds Σ_y = Λ (I − B)⁻¹ Ψ_ζ (I − B)⁻ᵀ Λᵀ + Ψ and places paths by the spec', () => {
    for (const spec of [IDENTIFIED_SPEC, ORIGINAL_SPEC]) {
      const model = buildSemModel(description, stats, spec);
      const rng = createRng(7);
      const theta = model.initialPoint().map((v) => v + 0.3 * rng.normal());
      const { lambda, B, psiZeta, psi, sigma } = model.implied(theta);
      const { p, m } = model;
      // (I − B)⁻¹ by Gauss–Jordan, independent of the model's nilpotent series
      const A = invert(Float64Array.from({ length: m * m }, (_, k) => (Math.floor(k / m) === k % m ? 1 : 0) - B[k]), m);
      const phi = mm(mm(A, psiZeta, m, m, m), transpose(A, m, m), m, m, m);
      const expected = mm(mm(lambda, phi, p, m, m), transpose(lambda, p, m), p, m, p).map((v, k) => v + psi[k]);
      for (let k = 0; k < p * p; k++) expect(sigma[k]).toBeCloseTo(expected[k], 12);
      const values = model.constrain(theta);
      const path = description.paths.find((x) => x.name === 'SWB~DTP')!;
      const [r, c] = spec.pathPlacement === 'intended' ? [path.toIndex, path.fromIndex] : [path.fromIndex, path.toIndex];
      expect(B[r * m + c]).toBe(values['SWB~DTP'][0]);
    }
  });

  it('identified: UF1~~FOR = ρ s_UF1 s_FOR can be negative; original: s_UF1 s_FOR β ≥ 0 with Var(UF1) = s²(1 + β²)', () => {
    const id = buildSemModel(description, stats, IDENTIFIED_SPEC);
    const t = id.initialPoint();
    const k = id.coordinateNames.indexOf('rho[UF1,FOR] (unconstrained)');
    t[k] = -2;
    const v = id.constrain(t);
    expect(v['rho[UF1,FOR]'][0]).toBeCloseTo(2 / (1 + Math.exp(2)) - 1, 12);
    expect(v['UF1~~FOR'][0]).toBeLessThan(0);

    const orig = buildSemModel(description, stats, ORIGINAL_SPEC);
    const u = orig.initialPoint();
    const kb = orig.coordinateNames.indexOf('beta[UF1,FOR] (unconstrained)');
    for (const y of [-3, 0, 3]) {
      u[kb] = y;
      const w = orig.constrain(u);
      const b = w['beta[UF1,FOR]'][0];
      const s1 = Math.exp(u[orig.coordinateNames.indexOf('log s[UF1]')]);
      const s2 = Math.exp(u[orig.coordinateNames.indexOf('log s[FOR]')]);
      expect(w['UF1~~FOR'][0]).toBeCloseTo(s1 * s2 * b, 12);
      expect(w['UF1~~FOR'][0]).toBeGreaterThan(0);
      expect(w['UF1~~UF1'][0]).toBeCloseTo(s1 * s1 * (1 + b * b), 12);
    }
  });

  it('returns −Infinity, not an exception, where Σ_y is not positive definite', () => {
    const model = buildSemModel(description, stats, IDENTIFIED_SPEC);
    const t = model.initialPoint().fill(-400); // all variances underflow to 0
    expect(model.logDensityAndGradient(t, new Float64Array(model.dim))).toBe(-Infinity);
  });

  it('rejects priors that do not suit a block, naming the block', () => {
    expect(() => buildSemModel(description, stats, withPriors(IDENTIFIED_SPEC, { residualScale: normal(0, 1) }))).toThrow(/residual scales.*use one of/);
    expect(() => buildSemModel(description, stats, withPriors(IDENTIFIED_SPEC, { path: halfNormal(-1) }))).toThrow(/positive, finite/);
  });

  it('LKJ(η) term: for a 2×2 correlation r = tanh(y) the density in y is (1 − r²)^(η−1) · (1 − r²)', () => {
    const L = new Float64Array(4);
    for (const y of [-1.3, 0.2, 2]) {
      const r = Math.tanh(y);
      expect(corrCholeskyForward(Float64Array.of(y), 0, 2, L, 2.5)).toBeCloseTo(2.5 * Math.log(1 - r * r), 12);
    }
  });
});

function mm(a: Float64Array, b: Float64Array, r: number, k: number, c: number): Float64Array {
  const out = new Float64Array(r * c);
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) for (let t = 0; t < k; t++) out[i * c + j] += a[i * k + t] * b[t * c + j];
  return out;
}
function transpose(a: Float64Array, r: number, c: number): Float64Array {
  const out = new Float64Array(r * c);
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) out[j * r + i] = a[i * c + j];
  return out;
}
function invert(a: Float64Array, n: number): Float64Array {
  const m = Float64Array.from(a);
  const inv = Float64Array.from({ length: n * n }, (_, k) => (Math.floor(k / n) === k % n ? 1 : 0));
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r * n + c]) > Math.abs(m[piv * n + c])) piv = r;
    for (let j = 0; j < n; j++) {
      [m[c * n + j], m[piv * n + j]] = [m[piv * n + j], m[c * n + j]];
      [inv[c * n + j], inv[piv * n + j]] = [inv[piv * n + j], inv[c * n + j]];
    }
    const d = m[c * n + c];
    for (let j = 0; j < n; j++) {
      m[c * n + j] /= d;
      inv[c * n + j] /= d;
    }
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r * n + c];
      for (let j = 0; j < n; j++) {
        m[r * n + j] -= f * m[c * n + j];
        inv[r * n + j] -= f * inv[c * n + j];
      }
    }
  }
  return inv;
}

describe('LKJ Cholesky transform (3×3)', () => {
  /** correlations (c21, c31, c32) of L Lᵀ for unconstrained y */
  const corr = (y: Float64Array) => {
    const L = new Float64Array(9);
    corrCholeskyForward(y, 0, 3, L, null);
    const c = (i: number, j: number) => L[i * 3] * L[j * 3] + L[i * 3 + 1] * L[j * 3 + 1] + L[i * 3 + 2] * L[j * 3 + 2];
    return [c(1, 0), c(2, 0), c(2, 1)];
  };
  const det3 = (m: number[][]) =>
    m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0]) + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);

  it('log density in y = (η − 1) log det C + log |∂C/∂y| up to one constant', () => {
    const eta = 2;
    const rng = createRng(21);
    const diffs: number[] = [];
    for (let rep = 0; rep < 5; rep++) {
      const y = Float64Array.from({ length: 3 }, () => rng.normal());
      const ours = corrCholeskyForward(y, 0, 3, new Float64Array(9), eta);
      const [a, b, c] = corr(y);
      const logDetC = Math.log(det3([[1, a, b], [a, 1, c], [b, c, 1]]));
      // Jacobian of y ↦ (c21, c31, c32) by central differences
      const J: number[][] = [[], [], []];
      for (let k = 0; k < 3; k++) {
        const up = Float64Array.from(y);
        const dn = Float64Array.from(y);
        up[k] += 1e-6;
        dn[k] -= 1e-6;
        const cu = corr(up);
        const cd = corr(dn);
        for (let i = 0; i < 3; i++) J[i][k] = (cu[i] - cd[i]) / 2e-6;
      }
      diffs.push(ours - ((eta - 1) * logDetC + Math.log(Math.abs(det3(J)))));
    }
    for (const d of diffs) expect(d).toBeCloseTo(diffs[0], 6);
  });
});
