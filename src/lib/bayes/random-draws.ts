/**
 * Draws from the priors (for simulation-based calibration and prior predictive checks).
 * Every function consumes only the Rng it is handed.
 */
import type { Rng } from '../random';
import { corrCholeskyConstrain } from './transforms';

/** Gamma(shape α, rate 1): Marsaglia & Tsang (2000), boosted for α < 1. */
export function gammaDraw(rng: Rng, alpha: number): number {
  if (!(alpha > 0)) throw new Error(`gammaDraw: shape must be positive, got ${alpha}`);
  if (alpha < 1) {
    let u = rng.uniform();
    while (u === 0) u = rng.uniform();
    return gammaDraw(rng, alpha + 1) * Math.pow(u, 1 / alpha);
  }
  const d = alpha - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = rng.normal();
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rng.uniform();
    if (u < 1 - 0.0331 * x ** 4) return d * v;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

export function betaDraw(rng: Rng, a: number, b: number): number {
  const x = gammaDraw(rng, a);
  const y = gammaDraw(rng, b);
  return x / (x + y);
}

/**
 * Cholesky factor of an LKJ(η) correlation matrix. The row-wise canonical partial
 * correlation behind L_ij (i > j) conditions on variables 0..j−1, so it is the C-vine
 * partial correlation of level j, distributed as 2·Beta(a_j, a_j) − 1 with
 * a_j = η + (K − 2 − j)/2 (Lewandowski, Kurowicka & Joe 2009; Stan's lkj_corr_cholesky_rng).
 * Returns the K×K factor and the unconstrained vector y = atanh(z) that maps to it.
 */
export function lkjCorrCholeskyDraw(rng: Rng, k: number, eta: number): { l: Float64Array; y: Float64Array } {
  const y = new Float64Array((k * (k - 1)) / 2);
  let idx = 0;
  for (let i = 1; i < k; i++) {
    for (let j = 0; j < i; j++) {
      const a = eta + (k - 2 - j) / 2;
      const z = 2 * betaDraw(rng, a, a) - 1;
      y[idx++] = Math.atanh(Math.max(-1 + 1e-15, Math.min(1 - 1e-15, z)));
    }
  }
  const l = new Float64Array(k * k);
  corrCholeskyConstrain(y, 0, k, l);
  return { l, y };
}

/** One draw of (μ, σ, Ω) from the mvn model's prior: N(0,1), HalfNormal(1), LKJ(η). */
export function mvnPriorDraw(rng: Rng, p: number, eta = 1): { mu: Float64Array; sigma: Float64Array; corr: Float64Array; l: Float64Array } {
  const mu = Float64Array.from({ length: p }, () => rng.normal());
  const sigma = Float64Array.from({ length: p }, () => Math.abs(rng.normal()));
  const { l } = lkjCorrCholeskyDraw(rng, p, eta);
  const corr = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let m = 0; m <= j; m++) s += l[i * p + m] * l[j * p + m];
      corr[i * p + j] = corr[j * p + i] = i === j ? 1 : s;
    }
  }
  return { mu, sigma, corr, l };
}
