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
import { choleskyInto, invertLowerInto, inverseFromLowerInverse, logDiagSum, mulT, mulTLower, spdInverseLogDet } from '../dense';

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
  /** a pattern's scatter, transposed (Sᵀ), so that Σ⁻¹ S reads rows */
  readonly st: Float64Array;
  /** Σ⁻¹ S Σ⁻¹ (lower triangle) */
  readonly sis: Float64Array;
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
    st: sq(),
    sis: sq(),
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
    const { sub, chol, linv, t, d, st } = ws;
    // Σ_oo⁻¹; a complete pattern reads P itself (q = p, same layout)
    let inv = ws.inv;
    let logDet: number;
    if (k === 0) {
      inv = P;
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
    // Every branch leaves Σ_oo⁻¹ symmetric bit for bit (both halves written from one sum), so
    // its column b is read as row b below. S need not be: it is read through Sᵀ.
    const mean = pat.mean;
    const sc = pat.scatter;
    for (let a = 0; a < q; a++) d[a] = mean[a] - mu[o[a]];
    const hasScatter = m > 1;
    if (hasScatter) for (let a = 0; a < q; a++) for (let b = 0; b < q; b++) st[b * q + a] = sc[a * q + b];
    // Σ⁻¹ d (each entry summed over b ascending, as mulT sums), for the mean gradient
    mulT(inv, d, q, q, 1, t);
    // tr(Σ⁻¹ S) + m dᵀ Σ⁻¹ d, one sum in the order row a's trace terms, then its m d_a (Σ⁻¹ d)_a
    let quad = 0;
    for (let a = 0; a < q; a++) {
      const ao = a * q;
      if (hasScatter) for (let b = 0; b < q; b++) quad += inv[ao + b] * st[ao + b];
      const sa = t[a];
      quad += m * d[a] * sa;
      gradMu[o[a]] += m * sa;
    }
    ll += -0.5 * m * q * LOG_2PI - 0.5 * m * logDet - 0.5 * quad;
    // ∂ℓ/∂Σ_oo = ½ (Σ⁻¹ S Σ⁻¹ + m (Σ⁻¹d)(Σ⁻¹d)ᵀ − m Σ⁻¹); S = 0 for a single row.
    // (Σ⁻¹ S)_ab = Σ_c Σ⁻¹_ac S_cb and (Σ⁻¹ S Σ⁻¹)_ab = Σ_c (Σ⁻¹ S)_ac Σ⁻¹_cb, c ascending (mulT's order)
    const { m: isInv, sis } = ws;
    if (hasScatter) {
      mulT(inv, st, q, q, q, isInv);
      mulTLower(isInv, inv, q, q, sis);
    }
    for (let a = 0; a < q; a++) {
      const ao = a * q;
      const ta = t[a];
      const ga = o[a] * p;
      for (let b = 0; b <= a; b++) {
        const s = hasScatter ? sis[ao + b] : 0;
        const g = 0.5 * (s + m * ta * t[b] - m * inv[ao + b]);
        gradSigma[ga + o[b]] += g;
        if (a !== b) gradSigma[o[b] * p + o[a]] += g;
      }
    }
  }
  return ll;
}

/**
 * Complete-data ℓ given the Cholesky factor L of Σ directly (Stan's multi_normal_cholesky,
 * but on sufficient statistics): the moments about μ are e = n (x̄ − μ) and
 * M = S + n (x̄ − μ)(x̄ − μ)ᵀ, and mvnMomentsLogLik does the rest. No factorisation and no
 * full inverse, so about p³ flops: the fast path for complete data. Adds into gradMu and
 * gradL (lower triangle of a p×p array).
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
  const { linv: w, m, t, d, sub: wm, chol: v } = ws;
  for (let i = 0; i < p; i++) if (!(l[i * p + i] > 0)) return -Infinity;
  invertLowerInto(l, w, p);
  for (let i = 0; i < p; i++) d[i] = mean[i] - mu[i];
  for (let i = 0; i < p; i++) {
    const io = i * p;
    const cd = count * d[i];
    for (let j = 0; j < p; j++) m[io + j] = scatter[io + j] + cd * d[j];
  }
  // e = n d, passed as d with the factor n applied to Wᵀ W d at the end
  return mvnMomentsLogLik(count, d, m, l, w, gradMu, gradL, wm, v, t, count);
}

/**
 * Likelihood and gradient from the moments about μ, given the Cholesky factor L of Σ and
 * W = L⁻¹:  e = Σ_r (x_r − μ),  M = Σ_r (x_r − μ)(x_r − μ)ᵀ  over `count` rows.
 *   ℓ = −½ n p log 2π − n Σ log L_ii − ½ tr V,   V = W M Wᵀ,
 *   ∂ℓ/∂L = tril(Wᵀ (V − n I)),   ∂ℓ/∂μ = Wᵀ W e.
 * Every path ends here: the complete data (mvnCholeskyLogLik), the marginal likelihood with
 * missing cells (expected moments) and the cells-as-parameters model. `e` may be given
 * divided by `eScale` (the complete path passes x̄ − μ and n). Adds into gradMu and gradL
 * (lower p×p). `wm` and `v` are p×p scratch (only their lower triangles are written), `t` p
 * scratch.
 */
export function mvnMomentsLogLik(
  count: number,
  e: Float64Array,
  mMat: Float64Array,
  l: Float64Array,
  w: Float64Array,
  gradMu: Float64Array,
  gradL: Float64Array,
  wm: Float64Array,
  v: Float64Array,
  t: Float64Array,
  eScale = 1,
): number {
  const p = e.length;
  // WM (W lower), lower triangle only: V below reads WM_ik for k ≤ i.
  for (let i = 0; i < p; i++) {
    const io = i * p;
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = 0; k <= i; k++) s += w[io + k] * mMat[k * p + j];
      wm[io + j] = s;
    }
  }
  // V = (WM) Wᵀ, symmetric, lower triangle: V_ij = Σ_{k ≤ j} WM_ik W_jk
  let trace = 0;
  for (let i = 0; i < p; i++) {
    const io = i * p;
    for (let j = 0; j <= i; j++) {
      const jo = j * p;
      let s = 0;
      for (let k = 0; k <= j; k++) s += wm[io + k] * w[jo + k];
      v[io + j] = s;
    }
    trace += v[io + i];
  }
  let logDet = 0;
  for (let i = 0; i < p; i++) logDet += Math.log(l[i * p + i]);
  // ∂ℓ/∂L_ij = Σ_k W_ki (V − nI)_kj for j ≤ i; W_ki = 0 unless k ≥ i, and (nI)_kj ≠ 0 only at k = j = i.
  for (let i = 0; i < p; i++) {
    const io = i * p;
    for (let j = 0; j < i; j++) {
      let s = 0;
      for (let k = i; k < p; k++) s += w[k * p + i] * v[k * p + j];
      gradL[io + j] += s;
    }
    let s = w[io + i] * (v[io + i] - count);
    for (let k = i + 1; k < p; k++) s += w[k * p + i] * v[k * p + i];
    gradL[io + i] += s;
  }
  // Wᵀ (W e)
  for (let i = 0; i < p; i++) {
    const io = i * p;
    let s = 0;
    for (let k = 0; k <= i; k++) s += w[io + k] * e[k];
    t[i] = s;
  }
  for (let i = 0; i < p; i++) {
    let s = 0;
    for (let k = i; k < p; k++) s += w[k * p + i] * t[k];
    gradMu[i] += eScale * s;
  }
  return -0.5 * count * p * LOG_2PI - count * logDet - 0.5 * trace;
}

/**
 * What the marginal likelihood with missing cells needs from the data, fixed once. Values
 * are centred by `centre` (the observed column means) so the moment sums below lose
 * nothing to cancellation.
 */
export interface MissingDataStats {
  readonly p: number;
  /** rows with at least one observed cell (rows with none carry no information) */
  readonly n: number;
  /** missing cells in those rows */
  readonly missingCells: number;
  readonly centre: Float64Array;
  /** p×p, over rows where columns i and j are both observed: row count, Σ y_i, Σ y_i y_j (y = x − centre) */
  readonly pairCount: Float64Array;
  readonly pairSum: Float64Array;
  readonly pairGram: Float64Array;
  /** patterns with ≥ 1 missing and ≥ 1 observed column; `mean` is of the centred values */
  readonly incomplete: readonly MissingPatternStats[];
  /** the same patterns packed into flat arrays, in the same order, for the likelihood's loop */
  readonly packed: PackedPatterns;
}

/**
 * `incomplete` in flat typed arrays, one entry per pattern. The likelihood walks every pattern
 * on every gradient; with a thousand small patterns, loading each pattern's object and its own
 * arrays from scattered memory cost more than their arithmetic (measured: a third of the time
 * on the property loads, 5 000 rows, 20% missing).
 */
export interface PackedPatterns {
  readonly count: number;
  /** per pattern: missing and observed column counts, rows, 1 if rowwise */
  readonly k: Int32Array;
  readonly q: Int32Array;
  readonly rows: Int32Array;
  readonly rowwise: Uint8Array;
  /** per pattern: where its missing and observed indices start in `missing` / `observed`, and its numbers in `data` */
  readonly missingAt: Int32Array;
  readonly observedAt: Int32Array;
  readonly dataAt: Int32Array;
  readonly missing: Int32Array;
  readonly observed: Int32Array;
  /**
   * rowwise: its rows' centred values, rows × p, 0 in the missing columns (full width, so a
   * row's loops run over contiguous columns without an index list: a missing column's term is
   * exactly +0 and leaves every sum as it was); otherwise its centred `mean` (q) then `scatter` (q × q)
   */
  readonly data: Float64Array;
}

function packPatterns(patterns: readonly MissingPatternStats[], x: Matrix, centre: Float64Array): PackedPatterns {
  const p = x.cols;
  const count = patterns.length;
  const k = new Int32Array(count);
  const q = new Int32Array(count);
  const rows = new Int32Array(count);
  const rowwise = new Uint8Array(count);
  const missingAt = new Int32Array(count);
  const observedAt = new Int32Array(count);
  const dataAt = new Int32Array(count);
  let nm = 0;
  let no = 0;
  let nd = 0;
  patterns.forEach((pat, g) => {
    k[g] = pat.missing.length;
    q[g] = pat.observed.length;
    rows[g] = pat.count;
    rowwise[g] = pat.rowwise ? 1 : 0;
    missingAt[g] = nm;
    observedAt[g] = no;
    dataAt[g] = nd;
    nm += k[g];
    no += q[g];
    nd += pat.rowwise ? pat.count * p : q[g] + q[g] * q[g];
  });
  const missing = new Int32Array(nm);
  const observed = new Int32Array(no);
  const data = new Float64Array(nd);
  patterns.forEach((pat, g) => {
    missing.set(pat.missing, missingAt[g]);
    observed.set(pat.observed, observedAt[g]);
    if (pat.rowwise) pat.rows.forEach((r, i) => pat.observed.forEach((j) => (data[dataAt[g] + i * p + j] = x.data[r * p + j] - centre[j])));
    else {
      data.set(pat.mean, dataAt[g]);
      data.set(pat.scatter, dataAt[g] + q[g]);
    }
  });
  return { count, k, q, rows, rowwise, missingAt, observedAt, dataAt, missing, observed, data };
}

export interface MissingPatternStats extends PatternStats {
  /**
   * Whether the expected moments are cheaper row by row (few rows: O(k q) each) than from
   * the pattern's scatter (O(k q²) once); fixed by the shape, so the arithmetic is too.
   */
  readonly rowwise: boolean;
}

export function missingDataStats(x: Matrix): MissingDataStats {
  const { rows: n, cols: p, data } = x;
  const centre = new Float64Array(p);
  const seen = new Float64Array(p);
  for (let r = 0; r < n; r++) {
    for (let j = 0; j < p; j++) {
      const v = data[r * p + j];
      if (Number.isNaN(v)) continue;
      centre[j] += v;
      seen[j]++;
    }
  }
  for (let j = 0; j < p; j++) centre[j] = seen[j] > 0 ? centre[j] / seen[j] : 0;
  const pairCount = new Float64Array(p * p);
  const pairSum = new Float64Array(p * p);
  const pairGram = new Float64Array(p * p);
  const y = new Float64Array(p);
  for (let r = 0; r < n; r++) {
    for (let j = 0; j < p; j++) y[j] = data[r * p + j] - centre[j];
    for (let i = 0; i < p; i++) {
      if (Number.isNaN(y[i])) continue;
      for (let j = 0; j < p; j++) {
        if (Number.isNaN(y[j])) continue;
        pairCount[i * p + j]++;
        pairSum[i * p + j] += y[i];
        pairGram[i * p + j] += y[i] * y[j];
      }
    }
  }
  const all = sufficientStats(x);
  let rows = 0;
  let missingCells = 0;
  const incomplete: MissingPatternStats[] = [];
  for (const pat of all.patterns) {
    rows += pat.count;
    missingCells += pat.count * pat.missing.length;
    if (pat.missing.length === 0) continue;
    const o = pat.observed;
    const q = o.length;
    const k = pat.missing.length;
    const mean = Float64Array.from(pat.mean, (v, a) => v - centre[o[a]]);
    // multiply-adds beyond the shared P_mm factor: per row P_mo r, solve, cross and mm blocks;
    // per pattern B = P_mm⁻¹ P_mo, B M_o, (B M_o) Bᵀ
    const rowwise = pat.count * (2 * k * q + k * k) < q * k * k + k * q * q + 2 * k * q + k * k * q;
    incomplete.push({ ...pat, mean, rowwise });
  }
  return { p, n: rows, missingCells, centre, pairCount, pairSum, pairGram, incomplete, packed: packPatterns(incomplete, x, centre) };
}

/** Scratch for mvnMissingLogLik, sized for p. */
export interface MissingWorkspace {
  readonly w: Float64Array;
  readonly precision: Float64Array;
  readonly moments: Float64Array;
  readonly e: Float64Array;
  readonly nu: Float64Array;
  readonly d: Float64Array;
  /** P_mm (k×k), its inverse, and scratch for inverting it when k > 3 */
  readonly pmm: Float64Array;
  readonly pinv: Float64Array;
  readonly pwork: Float64Array;
  /** P_mo r for one row (k) */
  readonly pv: Float64Array;
  /** B = P_mm⁻¹ P_mo (k×q), then B M_o (k×q) */
  readonly b: Float64Array;
  readonly bm: Float64Array;
  readonly bd: Float64Array;
  readonly col: Float64Array;
  /** cross block accumulator X (E[M] = M_oo-part + X + Xᵀ + mm-part) */
  readonly cross: Float64Array;
  readonly wm: Float64Array;
  readonly v: Float64Array;
  readonly t: Float64Array;
}

export function missingWorkspace(p: number): MissingWorkspace {
  const sq = () => new Float64Array(p * p);
  const vec = () => new Float64Array(p);
  return { w: sq(), precision: sq(), moments: sq(), e: vec(), nu: vec(), d: vec(), pmm: sq(), pinv: sq(), pwork: new Float64Array(2 * p * p), pv: vec(), b: sq(), bm: sq(), bd: vec(), col: vec(), cross: sq(), wm: sq(), v: sq(), t: vec() };
}

/**
 * The observed-data log-likelihood of rows with missing cells, each row's marginal of its
 * observed cells, with its exact gradient w.r.t. μ and the Cholesky factor L of Σ. Same
 * value as mvnPatternLogLik, at a fraction of the cost:
 *
 * Gradient (Fisher's identity): ∇ℓ_obs = E[∇ℓ_complete | observed cells], and the complete-data
 * gradient is linear in the moments e = Σ(x_r − μ), M = Σ(x_r − μ)(x_r − μ)ᵀ, so it is the
 * complete-data gradient at their conditional expectations. For a pattern (observed o,
 * missing m, P = Σ⁻¹, B = P_mm⁻¹ P_mo) the missing part of a row's residual has mean
 * −B (x_o − μ_o) and covariance P_mm⁻¹, so with M_o the pattern's observed moments
 *   E[M]_mo = −B M_o,   E[M]_mm = B M_o Bᵀ + count · P_mm⁻¹,   E[e]_m = −count · B d.
 * The observed-observed block of E[M] over all rows comes from pairwise sums fixed once.
 * Value: with log|Σ_oo| = log|Σ| + log|P_mm| and tr(Σ_oo⁻¹ M_o) = tr(P T M_o Tᵀ), T = [I; −B],
 *   ℓ_obs = ℓ_complete(E[e], E[M]) + ½ N_mis (log 2π + 1) − ½ Σ_patterns count · log|P_mm|.
 * Per pattern this costs O(k q²) (k missing, q observed) — O(k p) for a single row — rather
 * than the O(q³) of factorising Σ_oo. P_mm⁻¹ and log|P_mm| come by cofactors when k ≤ 3 (at
 * 10% missing cells nearly every pattern): one division and one log per pattern, where a
 * Cholesky factor and its triangular solves took k logs and O(k²) dependent divisions, and
 * most of the time. Returns −Infinity when Σ is not positive definite.
 */
export function mvnMissingLogLik(
  stats: MissingDataStats,
  mu: Float64Array,
  l: Float64Array,
  gradMu: Float64Array,
  gradL: Float64Array,
  ws: MissingWorkspace,
): number {
  const { p, centre, pairCount, pairSum, pairGram } = stats;
  const { w, precision: P, moments: M, e, nu, d, pmm, pinv, pwork, pv, b, bm, bd, col, cross: X } = ws;
  for (let i = 0; i < p; i++) if (!(l[i * p + i] > 0)) return -Infinity;
  invertLowerInto(l, w, p);
  inverseFromLowerInverse(w, P, p);
  for (let j = 0; j < p; j++) nu[j] = mu[j] - centre[j];
  // Observed-observed block: Σ over rows observing i and j of (y_i − ν_i)(y_j − ν_j).
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      const ij = i * p + j;
      const v = pairGram[ij] - nu[j] * pairSum[ij] - nu[i] * pairSum[j * p + i] + pairCount[ij] * nu[i] * nu[j];
      M[ij] = v;
      M[j * p + i] = v;
    }
    e[i] = pairSum[i * p + i] - pairCount[i * p + i] * nu[i];
  }
  // Missing-observed blocks go to X (rows missing, columns observed); E[M] gets X + Xᵀ at the end.
  X.fill(0, 0, p * p);
  let logDetPmm = 0;
  const { k: K, q: Q, rows: R, rowwise: RW, missingAt, observedAt, dataAt, missing: MI, observed: OB, data: DA } = stats.packed;
  for (let g = 0; g < stats.packed.count; g++) {
    const k = K[g];
    const q = Q[g];
    const cnt = R[g];
    const ma0 = missingAt[g];
    const m0 = MI[ma0];
    const m1 = k > 1 ? MI[ma0 + 1] : 0;
    // P_mm⁻¹ and log|P_mm| (by cofactors for the usual one to three missing columns; one
    // missing column inline, as spdInverseLogDet computes it, since it is the commonest)
    let logDetMm: number;
    if (k === 1) {
      const a00 = P[m0 * p + m0];
      if (!(a00 > 0) || a00 === Infinity) return -Infinity;
      pinv[0] = 1 / a00;
      logDetMm = Math.log(a00);
    } else {
      for (let a = 0; a < k; a++) for (let c = 0; c < k; c++) pmm[a * k + c] = P[MI[ma0 + a] * p + MI[ma0 + c]];
      logDetMm = spdInverseLogDet(pmm, pinv, k, pwork);
      if (Number.isNaN(logDetMm)) return -Infinity;
    }
    logDetPmm += 0.5 * cnt * logDetMm;
    if (RW[g] === 1) {
      // Each row: z = P_mm⁻¹ P_mo r (r = y_o − ν_o) is minus the conditional mean residual.
      // d runs over all p columns with 0 in the missing ones: their terms are +0 and change no sum.
      let ro = dataAt[g];
      if (k === 1) {
        const pm = m0 * p;
        const i00 = pinv[0];
        for (let r = 0; r < cnt; r++, ro += p) {
          let s = 0;
          for (let j = 0; j < p; j++) {
            const dj = j === m0 ? 0 : DA[ro + j] - nu[j];
            d[j] = dj;
            s += P[pm + j] * dj;
          }
          const z = 0 + i00 * s;
          e[m0] -= z;
          for (let j = 0; j < p; j++) X[pm + j] -= z * d[j];
          M[pm + m0] += z * z;
        }
      } else if (k === 2) {
        const pm0 = m0 * p;
        const pm1 = m1 * p;
        const i00 = pinv[0];
        const i01 = pinv[1];
        const i10 = pinv[2];
        const i11 = pinv[3];
        for (let r = 0; r < cnt; r++, ro += p) {
          let s0 = 0;
          let s1 = 0;
          for (let j = 0; j < p; j++) {
            const dj = j === m0 || j === m1 ? 0 : DA[ro + j] - nu[j];
            d[j] = dj;
            s0 += P[pm0 + j] * dj;
            s1 += P[pm1 + j] * dj;
          }
          const z0 = 0 + i00 * s0 + i01 * s1;
          const z1 = 0 + i10 * s0 + i11 * s1;
          e[m0] -= z0;
          e[m1] -= z1;
          for (let j = 0; j < p; j++) {
            const dj = d[j];
            X[pm0 + j] -= z0 * dj;
            X[pm1 + j] -= z1 * dj;
          }
          M[pm0 + m0] += z0 * z0;
          const vz = z1 * z0;
          M[pm1 + m0] += vz;
          M[pm0 + m1] += vz;
          M[pm1 + m1] += z1 * z1;
        }
      } else if (k === 3) {
        const m2 = MI[ma0 + 2];
        const pm0 = m0 * p;
        const pm1 = m1 * p;
        const pm2 = m2 * p;
        const i00 = pinv[0];
        const i01 = pinv[1];
        const i02 = pinv[2];
        const i10 = pinv[3];
        const i11 = pinv[4];
        const i12 = pinv[5];
        const i20 = pinv[6];
        const i21 = pinv[7];
        const i22 = pinv[8];
        for (let r = 0; r < cnt; r++, ro += p) {
          let s0 = 0;
          let s1 = 0;
          let s2 = 0;
          for (let j = 0; j < p; j++) {
            const dj = j === m0 || j === m1 || j === m2 ? 0 : DA[ro + j] - nu[j];
            d[j] = dj;
            s0 += P[pm0 + j] * dj;
            s1 += P[pm1 + j] * dj;
            s2 += P[pm2 + j] * dj;
          }
          const z0 = 0 + i00 * s0 + i01 * s1 + i02 * s2;
          const z1 = 0 + i10 * s0 + i11 * s1 + i12 * s2;
          const z2 = 0 + i20 * s0 + i21 * s1 + i22 * s2;
          e[m0] -= z0;
          e[m1] -= z1;
          e[m2] -= z2;
          for (let j = 0; j < p; j++) {
            const dj = d[j];
            X[pm0 + j] -= z0 * dj;
            X[pm1 + j] -= z1 * dj;
            X[pm2 + j] -= z2 * dj;
          }
          M[pm0 + m0] += z0 * z0;
          const v10 = z1 * z0;
          M[pm1 + m0] += v10;
          M[pm0 + m1] += v10;
          M[pm1 + m1] += z1 * z1;
          const v20 = z2 * z0;
          M[pm2 + m0] += v20;
          M[pm0 + m2] += v20;
          const v21 = z2 * z1;
          M[pm2 + m1] += v21;
          M[pm1 + m2] += v21;
          M[pm2 + m2] += z2 * z2;
        }
      } else {
        for (let r = 0; r < cnt; r++, ro += p) {
          for (let j = 0; j < p; j++) d[j] = DA[ro + j] - nu[j];
          for (let a = 0; a < k; a++) d[MI[ma0 + a]] = 0;
          for (let a = 0; a < k; a++) {
            const ma = MI[ma0 + a] * p;
            let s = 0;
            for (let j = 0; j < p; j++) s += P[ma + j] * d[j];
            pv[a] = s;
          }
          for (let a = 0; a < k; a++) {
            let s = 0;
            for (let c = 0; c < k; c++) s += pinv[a * k + c] * pv[c];
            col[a] = s;
          }
          for (let a = 0; a < k; a++) {
            const ma = MI[ma0 + a];
            const z = col[a];
            e[ma] -= z;
            const xo = ma * p;
            for (let j = 0; j < p; j++) X[xo + j] -= z * d[j];
            for (let c = 0; c < a; c++) {
              const vz = z * col[c];
              M[ma * p + MI[ma0 + c]] += vz;
              M[MI[ma0 + c] * p + ma] += vz;
            }
            M[ma * p + ma] += z * z;
          }
        }
      }
    } else {
      const oa = observedAt[g];
      const mean = dataAt[g];
      const sc = mean + q;
      // B = P_mm⁻¹ P_mo (k×q)
      for (let a = 0; a < k; a++) {
        for (let jo = 0; jo < q; jo++) {
          const oj = OB[oa + jo];
          let s = 0;
          for (let c = 0; c < k; c++) s += pinv[a * k + c] * P[MI[ma0 + c] * p + oj];
          b[a * q + jo] = s;
        }
      }
      for (let a = 0; a < q; a++) d[a] = DA[mean + a] - nu[OB[oa + a]];
      // bd = B d;  BM = B M_o = B S_o + cnt (B d) dᵀ
      for (let a = 0; a < k; a++) {
        let s = 0;
        for (let c = 0; c < q; c++) s += b[a * q + c] * d[c];
        bd[a] = s;
      }
      for (let a = 0; a < k; a++) {
        for (let c = 0; c < q; c++) {
          let s = cnt * bd[a] * d[c];
          // S is stored mirrored (exactly symmetric), so row c is column c: read contiguously
          const sr = sc + c * q;
          for (let t = 0; t < q; t++) s += b[a * q + t] * DA[sr + t];
          bm[a * q + c] = s;
        }
      }
      for (let a = 0; a < k; a++) {
        const ma = MI[ma0 + a];
        e[ma] -= cnt * bd[a];
        for (let c = 0; c < q; c++) X[ma * p + OB[oa + c]] -= bm[a * q + c];
        // (B M_o) Bᵀ, symmetric
        for (let c = 0; c <= a; c++) {
          let s = 0;
          for (let t = 0; t < q; t++) s += bm[a * q + t] * b[c * q + t];
          M[ma * p + MI[ma0 + c]] += s;
          if (c !== a) M[MI[ma0 + c] * p + ma] += s;
        }
      }
    }
    // + cnt · P_mm⁻¹
    if (k === 1) M[m0 * p + m0] += cnt * pinv[0];
    else for (let a = 0; a < k; a++) for (let c = 0; c < k; c++) M[MI[ma0 + a] * p + MI[ma0 + c]] += cnt * pinv[a * k + c];
  }
  for (let i = 0; i < p; i++) {
    for (let j = 0; j < i; j++) {
      const v = X[i * p + j] + X[j * p + i];
      M[i * p + j] += v;
      M[j * p + i] += v;
    }
  }
  const ll = mvnMomentsLogLik(stats.n, e, M, l, w, gradMu, gradL, ws.wm, ws.v, ws.t);
  return ll + 0.5 * stats.missingCells * (LOG_2PI + 1) - logDetPmm;
}
