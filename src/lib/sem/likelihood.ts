/**
 * Sufficient statistics of a data matrix and the zero-mean multivariate normal
 * log-likelihood of a covariance Σ, with its gradient ∂ℓ/∂Σ.
 *
 * The brief's model is rows ~ MVN(0, Σ_y), so only n and the second moment about zero,
 * Σ_r x_r x_rᵀ = scatter + n·x̄x̄ᵀ, enter the likelihood.
 */
import type { Matrix } from '../linalg';
import { choleskyInto, inverseFromCholesky, mul } from '../dense';

export interface SufficientStats {
  readonly names: readonly string[];
  readonly n: number;
  readonly mean: Float64Array;
  /** Σ_r (x_r − x̄)(x_r − x̄)ᵀ, p×p row-major */
  readonly scatter: Float64Array;
}

export function sufficientStats(x: Matrix, names: readonly string[]): SufficientStats {
  const { rows: n, cols: p, data } = x;
  if (names.length !== p) throw new Error(`sufficientStats: ${names.length} names for ${p} columns`);
  if (n < 2) throw new Error(`sufficientStats: need at least 2 rows, got ${n}`);
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i])) {
      throw new Error(`sufficientStats: row ${Math.floor(i / p) + 1}, column '${names[i % p]}' is missing or not a number; the SEM needs complete data (impute or drop the row first)`);
    }
  }
  const mean = new Float64Array(p);
  for (let r = 0; r < n; r++) for (let j = 0; j < p; j++) mean[j] += data[r * p + j];
  for (let j = 0; j < p; j++) mean[j] /= n;
  const scatter = new Float64Array(p * p);
  const c = new Float64Array(p);
  for (let r = 0; r < n; r++) {
    for (let j = 0; j < p; j++) c[j] = data[r * p + j] - mean[j];
    for (let i = 0; i < p; i++) for (let j = 0; j <= i; j++) scatter[i * p + j] += c[i] * c[j];
  }
  for (let i = 0; i < p; i++) for (let j = 0; j < i; j++) scatter[j * p + i] = scatter[i * p + j];
  return { names: [...names], n, mean, scatter };
}

/** The statistics of a subset of columns, in the given order. */
export function selectStats(s: SufficientStats, columns: readonly number[]): SufficientStats {
  const p = s.names.length;
  const q = columns.length;
  const scatter = new Float64Array(q * q);
  for (let a = 0; a < q; a++) for (let b = 0; b < q; b++) scatter[a * q + b] = s.scatter[columns[a] * p + columns[b]];
  return { names: columns.map((c) => s.names[c]), n: s.n, mean: Float64Array.from(columns, (c) => s.mean[c]), scatter };
}

/** Σ_r x_r x_rᵀ = scatter + n x̄ x̄ᵀ: what a zero-mean likelihood sees. */
export function secondMomentAboutZero(s: SufficientStats): Float64Array {
  const p = s.names.length;
  const out = Float64Array.from(s.scatter);
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) out[i * p + j] += s.n * s.mean[i] * s.mean[j];
  return out;
}

/** The same statistics with the sample mean moved to zero (for comparisons with software that centres). */
export function centered(s: SufficientStats): SufficientStats {
  return { ...s, mean: new Float64Array(s.names.length) };
}

const LOG_2PI = Math.log(2 * Math.PI);

/**
 * ℓ(Σ) = −n/2 (p log 2π + log|Σ|) − ½ tr(Σ⁻¹ M), M = Σ_r x_r x_rᵀ, and
 * ∂ℓ/∂Σ = ½ (Σ⁻¹ M Σ⁻¹ − n Σ⁻¹) (entries treated as independent; symmetric).
 * Workspace is allocated once, so one instance must not be shared between threads of control.
 */
export class ZeroMeanMvn {
  readonly p: number;
  readonly n: number;
  private readonly M: Float64Array;
  private readonly L: Float64Array;
  private readonly inv: Float64Array;
  private readonly w1: Float64Array;
  private readonly w2: Float64Array;

  constructor(stats: SufficientStats) {
    const p = stats.names.length;
    this.p = p;
    this.n = stats.n;
    this.M = secondMomentAboutZero(stats);
    this.L = new Float64Array(p * p);
    this.inv = new Float64Array(p * p);
    this.w1 = new Float64Array(p * p);
    this.w2 = new Float64Array(p * p);
  }

  /** Returns −Infinity (grad untouched) when Σ is not positive definite. */
  logLikAndGrad(sigma: Float64Array, grad: Float64Array | null): number {
    const { p, n, M, L, inv, w1, w2 } = this;
    if (!choleskyInto(sigma, L, p)) return -Infinity;
    let logdet = 0;
    for (let i = 0; i < p; i++) logdet += 2 * Math.log(L[i * p + i]);
    inverseFromCholesky(L, inv, w1, p);
    let trace = 0;
    for (let i = 0; i < p * p; i++) trace += inv[i] * M[i]; // both symmetric
    const ll = -0.5 * n * (p * LOG_2PI + logdet) - 0.5 * trace;
    if (grad) {
      mul(inv, M, p, p, p, w1);
      mul(w1, inv, p, p, p, w2);
      for (let i = 0; i < p * p; i++) grad[i] = 0.5 * (w2[i] - n * inv[i]);
    }
    return ll;
  }

  /** ℓ at the saturated maximum Σ = M / n (for χ²). */
  saturatedLogLik(): number {
    const s = this.M.map((v) => v / this.n);
    return this.logLikAndGrad(s, null);
  }
}
