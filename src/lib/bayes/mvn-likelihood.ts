/**
 * Multivariate-normal log-likelihood from sufficient statistics, with its exact gradient
 * w.r.t. the mean and the covariance matrix. Rows are grouped by missingness pattern; each
 * pattern contributes the marginal likelihood of its observed columns, so one gradient costs
 * O(patterns · p³), independent of the number of rows.
 *
 * For a pattern with observed index set o, count m, sample mean x̄ and scatter S about x̄:
 *   ℓ = −½ m |o| log 2π − ½ m log|Σ_oo| − ½ tr(Σ_oo⁻¹ [S + m (x̄ − μ_o)(x̄ − μ_o)ᵀ])
 *   ∂ℓ/∂μ_o = m Σ_oo⁻¹ (x̄ − μ_o)
 *   ∂ℓ/∂Σ_oo = −½ m Σ_oo⁻¹ + ½ Σ_oo⁻¹ M Σ_oo⁻¹      (M the bracket; treated as symmetric)
 * Reusable by any model that builds a covariance (the SEM builds Σ_y and calls this).
 */
import type { Matrix } from '../linalg';
import { choleskyInto, invertLowerInto, inverseFromLowerInverse, logDiagSum } from '../dense';

export interface PatternStats {
  /** observed column indices, ascending */
  readonly observed: Uint16Array;
  /** missing column indices, ascending */
  readonly missing: Uint16Array;
  /** number of rows with this pattern */
  readonly count: number;
  /** mean of the observed columns over those rows */
  readonly mean: Float64Array;
  /** |o|×|o| scatter Σ_r (x_r − x̄)(x_r − x̄)ᵀ, row-major */
  readonly scatter: Float64Array;
  /** indices (into the data's rows) of the rows with this pattern */
  readonly rows: Uint32Array;
}

export interface SufficientStats {
  readonly p: number;
  readonly n: number;
  /** patterns with at least one observed column */
  readonly patterns: readonly PatternStats[];
}

/** Groups rows by missingness (NaN = missing) and accumulates per-pattern mean and scatter. */
export function sufficientStats(x: Matrix): SufficientStats {
  const { rows: n, cols: p, data } = x;
  if (p > 65535) throw new Error('sufficientStats: too many columns');
  const groups = new Map<string, number[]>();
  for (let r = 0; r < n; r++) {
    let key = '';
    for (let j = 0; j < p; j++) key += Number.isNaN(data[r * p + j]) ? '0' : '1';
    const g = groups.get(key);
    if (g) g.push(r);
    else groups.set(key, [r]);
  }
  // Sorted by key so the statistics (and every sum over them) have a canonical order.
  const keys = [...groups.keys()].sort().reverse();
  const patterns: PatternStats[] = [];
  for (const key of keys) {
    const obs: number[] = [];
    const mis: number[] = [];
    for (let j = 0; j < p; j++) (key[j] === '1' ? obs : mis).push(j);
    if (obs.length === 0) continue;
    const rows = Uint32Array.from(groups.get(key)!);
    const q = obs.length;
    const mean = new Float64Array(q);
    for (const r of rows) for (let a = 0; a < q; a++) mean[a] += data[r * p + obs[a]];
    for (let a = 0; a < q; a++) mean[a] /= rows.length;
    const scatter = new Float64Array(q * q);
    for (const r of rows) {
      for (let a = 0; a < q; a++) {
        const da = data[r * p + obs[a]] - mean[a];
        for (let b = 0; b <= a; b++) scatter[a * q + b] += da * (data[r * p + obs[b]] - mean[b]);
      }
    }
    for (let a = 0; a < q; a++) for (let b = 0; b < a; b++) scatter[b * q + a] = scatter[a * q + b];
    patterns.push({ observed: Uint16Array.from(obs), missing: Uint16Array.from(mis), count: rows.length, mean, scatter, rows });
  }
  return { p, n, patterns };
}

/** Scratch buffers sized for p, reused across calls (one per model instance). */
export interface MvnWorkspace {
  /** full-size Σ⁻¹ and factor, shared by every pattern */
  readonly fullChol: Float64Array;
  readonly fullLinv: Float64Array;
  readonly precision: Float64Array;
  /** P_mm and its factor/inverse, and P_om P_mm⁻¹ */
  readonly pmm: Float64Array;
  readonly pmmChol: Float64Array;
  readonly pmmLinv: Float64Array;
  readonly pmmInv: Float64Array;
  readonly pomInv: Float64Array;
  readonly sub: Float64Array;
  readonly chol: Float64Array;
  readonly linv: Float64Array;
  readonly inv: Float64Array;
  readonly m: Float64Array;
  readonly t: Float64Array;
  readonly d: Float64Array;
}

export function mvnWorkspace(p: number): MvnWorkspace {
  const sq = () => new Float64Array(p * p);
  return {
    fullChol: sq(),
    fullLinv: sq(),
    precision: sq(),
    pmm: sq(),
    pmmChol: sq(),
    pmmLinv: sq(),
    pmmInv: sq(),
    pomInv: sq(),
    sub: sq(),
    chol: sq(),
    linv: sq(),
    inv: sq(),
    m: sq(),
    t: sq(),
    d: new Float64Array(p),
  };
}

const LOG_2PI = Math.log(2 * Math.PI);

/**
 * ℓ(μ, Σ) summed over patterns. Adds ∂ℓ/∂μ into `gradMu` (length p) and ∂ℓ/∂Σ into
 * `gradSigma` (p×p, symmetric: each of Σ_ij and Σ_ji receives the symmetric gradient, so
 * for a symmetric parametrisation use Σ_ij gradSigma_ij dΣ_ij over all i, j).
 * Returns −Infinity when some Σ_oo is not positive definite.
 */
export function mvnPatternLogLik(
  stats: SufficientStats,
  mu: Float64Array,
  sigma: Float64Array,
  gradMu: Float64Array,
  gradSigma: Float64Array,
  ws: MvnWorkspace = mvnWorkspace(stats.p),
): number {
  const p = stats.p;
  // Σ⁻¹ once; a pattern missing only a few columns gets Σ_oo⁻¹ by a Schur complement of it,
  //   Σ_oo⁻¹ = P_oo − P_om P_mm⁻¹ P_mo,  log|Σ_oo| = log|Σ| + log|P_mm|,
  // costing O(q² k) for k missing columns instead of O(q³).
  const { fullChol, fullLinv, precision: P } = ws;
  if (!choleskyInto(sigma, fullChol, p)) return -Infinity;
  invertLowerInto(fullChol, fullLinv, p);
  inverseFromLowerInverse(fullLinv, P, p);
  const logDetFull = 2 * logDiagSum(fullChol, p);
  let ll = 0;
  for (const pat of stats.patterns) {
    const o = pat.observed;
    const mis = pat.missing;
    const q = o.length;
    const k = mis.length;
    const m = pat.count;
    const { sub, chol, linv, inv, t, d } = ws;
    let logDet: number;
    if (k === 0) {
      inv.set(P.subarray(0, p * p));
      logDet = logDetFull;
    } else if (k <= q) {
      const { pmm, pmmChol, pmmLinv, pmmInv, pomInv } = ws;
      for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) pmm[a * k + b] = P[mis[a] * p + mis[b]];
      if (!choleskyInto(pmm, pmmChol, k)) return -Infinity;
      invertLowerInto(pmmChol, pmmLinv, k);
      inverseFromLowerInverse(pmmLinv, pmmInv, k);
      logDet = logDetFull + 2 * logDiagSum(pmmChol, k);
      // pomInv = P_om P_mm⁻¹ (q×k)
      for (let a = 0; a < q; a++) {
        for (let b = 0; b < k; b++) {
          let s = 0;
          for (let c = 0; c < k; c++) s += P[o[a] * p + mis[c]] * pmmInv[c * k + b];
          pomInv[a * k + b] = s;
        }
      }
      for (let a = 0; a < q; a++) {
        for (let b = 0; b <= a; b++) {
          let s = P[o[a] * p + o[b]];
          for (let c = 0; c < k; c++) s -= pomInv[a * k + c] * P[mis[c] * p + o[b]];
          inv[a * q + b] = inv[b * q + a] = s;
        }
      }
    } else {
      for (let a = 0; a < q; a++) for (let b = 0; b < q; b++) sub[a * q + b] = sigma[o[a] * p + o[b]];
      if (!choleskyInto(sub, chol, q)) return -Infinity;
      invertLowerInto(chol, linv, q);
      inverseFromLowerInverse(linv, inv, q);
      logDet = 2 * logDiagSum(chol, q);
    }
    for (let a = 0; a < q; a++) d[a] = pat.mean[a] - mu[o[a]];
    // tr(Σ⁻¹ S) + m dᵀ Σ⁻¹ d, and Σ⁻¹ d for the mean gradient.
    let quad = 0;
    const hasScatter = m > 1;
    for (let a = 0; a < q; a++) {
      let sa = 0;
      for (let b = 0; b < q; b++) {
        if (hasScatter) quad += inv[a * q + b] * pat.scatter[b * q + a];
        sa += inv[a * q + b] * d[b];
      }
      quad += m * d[a] * sa;
      gradMu[o[a]] += m * sa;
      t[a] = sa; // Σ⁻¹ d
    }
    ll += -0.5 * m * q * LOG_2PI - 0.5 * m * logDet - 0.5 * quad;
    // ∂ℓ/∂Σ_oo = ½ (Σ⁻¹ S Σ⁻¹ + m (Σ⁻¹d)(Σ⁻¹d)ᵀ − m Σ⁻¹); S = 0 for a single row.
    const isInv = ws.m; // Σ⁻¹ S, q×q
    if (hasScatter) {
      for (let a = 0; a < q; a++) {
        for (let b = 0; b < q; b++) {
          let s = 0;
          for (let c = 0; c < q; c++) s += inv[a * q + c] * pat.scatter[c * q + b];
          isInv[a * q + b] = s;
        }
      }
    }
    for (let a = 0; a < q; a++) {
      for (let b = 0; b <= a; b++) {
        let s = 0;
        if (hasScatter) for (let c = 0; c < q; c++) s += isInv[a * q + c] * inv[c * q + b];
        const g = 0.5 * (s + m * t[a] * t[b] - m * inv[a * q + b]);
        gradSigma[o[a] * p + o[b]] += g;
        if (a !== b) gradSigma[o[b] * p + o[a]] += g;
      }
    }
  }
  return ll;
}

/**
 * Complete-data ℓ given the Cholesky factor L of Σ directly (Stan's multi_normal_cholesky,
 * but on sufficient statistics): with W = L⁻¹ and V = W M Wᵀ,
 *   ℓ = −½ n p log 2π − n Σ log L_ii − ½ tr V,
 *   ∂ℓ/∂L = tril(Wᵀ (V − n I)),   ∂ℓ/∂μ = n Wᵀ W (x̄ − μ).
 * No factorisation and no full inverse, so about p³ flops: the fast path for complete data.
 * Adds into gradMu and gradL (lower triangle of a p×p array).
 */
export function mvnCholeskyLogLik(
  count: number,
  mean: Float64Array,
  scatter: Float64Array,
  mu: Float64Array,
  l: Float64Array,
  gradMu: Float64Array,
  gradL: Float64Array,
  ws: MvnWorkspace,
): number {
  const p = mean.length;
  const { linv: w, m, t, d, sub: wm } = ws;
  for (let i = 0; i < p; i++) if (!(l[i * p + i] > 0)) return -Infinity;
  invertLowerInto(l, w, p);
  for (let i = 0; i < p; i++) d[i] = mean[i] - mu[i];
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) m[i * p + j] = scatter[i * p + j] + count * d[i] * d[j];
  // WM (W lower): row i uses W[i, 0..i]
  for (let i = 0; i < p; i++) {
    for (let j = 0; j < p; j++) {
      let s = 0;
      for (let k = 0; k <= i; k++) s += w[i * p + k] * m[k * p + j];
      wm[i * p + j] = s;
    }
  }
  // V = (WM) Wᵀ, symmetric; V_ij = Σ_{k ≤ j} WM_ik W_jk
  let trace = 0;
  const v = ws.chol;
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = 0; k <= j; k++) s += wm[i * p + k] * w[j * p + k];
      v[i * p + j] = v[j * p + i] = s;
    }
    trace += v[i * p + i];
  }
  let logDet = 0;
  for (let i = 0; i < p; i++) logDet += Math.log(l[i * p + i]);
  // ∂ℓ/∂L_ij = Σ_k W_ki (V − nI)_kj for j ≤ i; W_ki = 0 unless k ≥ i.
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = i; k < p; k++) s += w[k * p + i] * (v[k * p + j] - (k === j ? count : 0));
      gradL[i * p + j] += s;
    }
  }
  // n Wᵀ (W d)
  for (let i = 0; i < p; i++) {
    let s = 0;
    for (let k = 0; k <= i; k++) s += w[i * p + k] * d[k];
    t[i] = s;
  }
  for (let i = 0; i < p; i++) {
    let s = 0;
    for (let k = i; k < p; k++) s += w[k * p + i] * t[k];
    gradMu[i] += count * s;
  }
  return -0.5 * count * p * LOG_2PI - count * logDet - 0.5 * trace;
}
