/**
 * Scalar log densities with their derivatives, as { lp, d } pairs, normalising constants
 * included (SBC and the conjugate test compare absolute values; the sampler ignores them).
 * `d` is ∂lp/∂x; where a density has parameters the sampler might move, ∂ w.r.t. them too.
 */

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/** log s, skipping the call for the unit scales the essay's priors use (log 1 is exactly 0). */
const logScale = (s: number): number => (s === 1 ? 0 : Math.log(s));

/** log Γ(x) for x > 0 (Lanczos, g = 7, n = 9; ~1e-15 relative). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  x -= 1;
  let a = c[0];
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += c[i] / (x + i);
  return LOG_SQRT_2PI + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

export interface Scalar {
  /** log density */
  lp: number;
  /** ∂lp/∂x */
  d: number;
}

/** Normal(μ, s): also returns ∂/∂μ and ∂/∂s. */
export function normal(x: number, mu: number, s: number): Scalar & { dMu: number; dSigma: number } {
  const z = (x - mu) / s;
  return {
    lp: -0.5 * z * z - logScale(s) - LOG_SQRT_2PI,
    d: -z / s,
    dMu: z / s,
    dSigma: (z * z - 1) / s,
  };
}

/**
 * normal(x, 0, 1).lp without the result object, for per-coordinate priors in hot gradients
 * (the object is allocated when the call is not inlined); the same arithmetic, so the same
 * bits. Its derivative is −x.
 */
export const standardNormalLp = (x: number): number => -0.5 * x * x - LOG_SQRT_2PI;

/** halfNormal(x, 1).lp for x ≥ 0 without the result object (see standardNormalLp); derivative −x. */
export const unitHalfNormalLp = (x: number): number => Math.LN2 - 0.5 * x * x - LOG_SQRT_2PI;

/** Half-normal(s) on x ≥ 0: twice the normal density. */
export function halfNormal(x: number, s: number): Scalar {
  if (x < 0) return { lp: -Infinity, d: 0 };
  const z = x / s;
  return { lp: Math.LN2 - 0.5 * z * z - logScale(s) - LOG_SQRT_2PI, d: -z / s };
}

/** Inverse-gamma(α, β) on x > 0: β^α/Γ(α) x^(−α−1) e^(−β/x). */
export function inverseGamma(x: number, alpha: number, beta: number): Scalar {
  if (!(x > 0)) return { lp: -Infinity, d: 0 };
  return {
    lp: alpha * Math.log(beta) - logGamma(alpha) - (alpha + 1) * Math.log(x) - beta / x,
    d: -(alpha + 1) / x + beta / (x * x),
  };
}

/** Beta(a, b) on (0, 1). */
export function beta(x: number, a: number, b: number): Scalar {
  if (!(x > 0 && x < 1)) return { lp: -Infinity, d: 0 };
  return {
    lp: (a - 1) * Math.log(x) + (b - 1) * Math.log1p(-x) + logGamma(a + b) - logGamma(a) - logGamma(b),
    d: (a - 1) / x - (b - 1) / (1 - x),
  };
}

/**
 * LKJ(η) density of the correlation matrix expressed on its Cholesky factor L (Stan's
 * lkj_corr_cholesky_lpdf, normalising constant omitted): Σ_{i=1}^{K−1} (K − i − 1 + 2η − 2) log L_ii.
 * Adds ∂/∂L_ii into `lAdjoint` (K×K) and returns lp.
 */
export function lkjCorrCholesky(l: Float64Array, k: number, eta: number, lAdjoint: Float64Array): number {
  let lp = 0;
  for (let i = 1; i < k; i++) {
    const c = k - i - 1 + 2 * eta - 2;
    const lii = l[i * k + i];
    lp += c * Math.log(lii);
    lAdjoint[i * k + i] += c / lii;
  }
  return lp;
}
