/**
 * The SEM's data, reduced to sufficient statistics, and the multivariate-normal likelihood
 * they feed.
 *
 * Complete data: n, the column means and the scatter about them. Data with missing cells
 * (NaN) also carry the statistics of each missingness pattern (rows sharing the same observed
 * columns): the likelihood is then the sum over patterns of the marginal likelihood of each
 * pattern's observed columns — full-information ML, and the Bayesian SEM's likelihood with
 * the missing cells integrated out. The pattern likelihood itself is the MVN model's
 * (src/lib/bayes/mvn-likelihood.ts); this module only turns the SEM's statistics into its input.
 */
import type { Matrix } from '../linalg';
import { mvnWorkspace, mvnPatternLogLik, type MvnWorkspace, type PatternStats, type SufficientStats as PatternData } from '../bayes/mvn-likelihood';

/** The rows that share one set of observed columns. */
export interface SemPattern {
  /** observed column indices (into the statistics' names), ascending */
  readonly observed: readonly number[];
  readonly count: number;
  /** means of the observed columns over these rows */
  readonly mean: Float64Array;
  /** |observed|² scatter about that mean, row-major */
  readonly scatter: Float64Array;
}

export interface SufficientStats {
  readonly names: readonly string[];
  /** rows with at least one observed value */
  readonly n: number;
  /** column means (over each column's observed cells) */
  readonly mean: Float64Array;
  /**
   * p×p row-major. Complete data: Σ_r (x_r − x̄)(x_r − x̄)ᵀ. With missing cells: n times the
   * pairwise-available covariance (each entry over the rows where both columns are observed,
   * divisor their count) — a description of the data, used for starting values and priors,
   * never by the likelihood.
   */
  readonly scatter: Float64Array;
  /** present when some cells are missing: the statistics the likelihood uses */
  readonly patterns?: readonly SemPattern[];
}

/** Statistics of a data matrix; NaN cells are missing. */
export function sufficientStats(x: Matrix, names: readonly string[]): SufficientStats {
  const { rows, cols: p, data } = x;
  if (names.length !== p) throw new Error(`sufficientStats: ${names.length} names for ${p} columns`);
  let missing = 0;
  for (let i = 0; i < data.length; i++) {
    if (Number.isNaN(data[i])) missing++;
    else if (!Number.isFinite(data[i])) throw new Error(`sufficientStats: row ${Math.floor(i / p) + 1}, column '${names[i % p]}' is ${data[i]}; cells must be finite numbers or NaN (missing)`);
  }
  return missing === 0 ? completeStats(x, names) : incompleteStats(x, names);
}

function completeStats(x: Matrix, names: readonly string[]): SufficientStats {
  const { rows: n, cols: p, data } = x;
  if (n < 2) throw new Error(`sufficientStats: need at least 2 rows, got ${n}`);
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

function incompleteStats(x: Matrix, names: readonly string[]): SufficientStats {
  const { rows, cols: p, data } = x;
  const groups = new Map<string, number[]>();
  for (let r = 0; r < rows; r++) {
    let key = '';
    for (let j = 0; j < p; j++) key += Number.isNaN(data[r * p + j]) ? '0' : '1';
    if (!key.includes('1')) continue; // a row with nothing observed says nothing
    const g = groups.get(key);
    if (g) g.push(r);
    else groups.set(key, [r]);
  }
  // Canonical order (most observed first, as the MVN model's), so every sum is reproducible.
  const keys = [...groups.keys()].sort().reverse();
  const patterns: SemPattern[] = keys.map((key) => {
    const observed = [...key].flatMap((ch, j) => (ch === '1' ? [j] : []));
    const members = groups.get(key)!;
    const q = observed.length;
    const mean = new Float64Array(q);
    for (const r of members) for (let a = 0; a < q; a++) mean[a] += data[r * p + observed[a]];
    for (let a = 0; a < q; a++) mean[a] /= members.length;
    const scatter = new Float64Array(q * q);
    for (const r of members) {
      for (let a = 0; a < q; a++) {
        const da = data[r * p + observed[a]] - mean[a];
        for (let b = 0; b <= a; b++) scatter[a * q + b] += da * (data[r * p + observed[b]] - mean[b]);
      }
    }
    for (let a = 0; a < q; a++) for (let b = 0; b < a; b++) scatter[b * q + a] = scatter[a * q + b];
    return { observed, count: members.length, mean, scatter };
  });
  const n = patterns.reduce((s, g) => s + g.count, 0);
  const { mean, scatter } = pairwiseMoments(x, n);
  names.forEach((nm, j) => {
    if (!(scatter[j * p + j] > 0)) throw new Error(`sufficientStats: column '${nm}' has fewer than 2 distinct observed values; drop it or supply more data`);
  });
  return { names: [...names], n, mean, scatter, patterns };
}

/** Column means over observed cells, and n × the pairwise-available covariances. */
function pairwiseMoments(x: Matrix, n: number): { mean: Float64Array; scatter: Float64Array } {
  const { rows, cols: p, data } = x;
  const mean = new Float64Array(p);
  const seen = new Float64Array(p);
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < p; j++) {
      const v = data[r * p + j];
      if (!Number.isNaN(v)) {
        mean[j] += v;
        seen[j]++;
      }
    }
  }
  for (let j = 0; j < p; j++) mean[j] /= seen[j];
  const scatter = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      let si = 0;
      let sj = 0;
      let sij = 0;
      let k = 0;
      for (let r = 0; r < rows; r++) {
        const a = data[r * p + i];
        const b = data[r * p + j];
        if (Number.isNaN(a) || Number.isNaN(b)) continue;
        si += a;
        sj += b;
        sij += a * b;
        k++;
      }
      const cov = k > 0 ? (sij - (si * sj) / k) / k : 0;
      scatter[i * p + j] = scatter[j * p + i] = n * cov;
    }
  }
  return { mean, scatter };
}

/** The statistics of a subset of columns, in the given order; patterns are re-pooled over it. */
export function selectStats(s: SufficientStats, columns: readonly number[]): SufficientStats {
  const p = s.names.length;
  const q = columns.length;
  const scatter = new Float64Array(q * q);
  for (let a = 0; a < q; a++) for (let b = 0; b < q; b++) scatter[a * q + b] = s.scatter[columns[a] * p + columns[b]];
  const base = { names: columns.map((c) => s.names[c]), mean: Float64Array.from(columns, (c) => s.mean[c]), scatter };
  if (!s.patterns) return { ...base, n: s.n };
  const patterns = selectPatterns(s.patterns, columns);
  if (patterns.length === 1 && patterns[0].observed.length === q) {
    // nothing missing among these columns: plain complete-data statistics
    return { ...base, n: patterns[0].count, mean: patterns[0].mean, scatter: patterns[0].scatter };
  }
  const n = patterns.reduce((t, g) => t + g.count, 0);
  // keep scatter / n the pairwise covariance when rows with none of these columns drop out
  return { ...base, scatter: scatter.map((v) => (v * n) / s.n), n, patterns };
}

/**
 * Patterns over a subset of columns: rows whose observed sets agree on the subset merge, with
 * pooled means and scatters (within-pattern scatter plus the spread of the pattern means);
 * rows with none of the columns observed drop out.
 */
function selectPatterns(patterns: readonly SemPattern[], columns: readonly number[]): SemPattern[] {
  const q = columns.length;
  interface Part {
    pattern: SemPattern;
    /** for each selected column observed here: its position among the subset and within the pattern */
    at: [number, number][];
  }
  const groups = new Map<string, Part[]>();
  for (const g of patterns) {
    const at: [number, number][] = [];
    columns.forEach((c, a) => {
      const k = g.observed.indexOf(c);
      if (k >= 0) at.push([a, k]);
    });
    if (at.length === 0) continue;
    const key = columns.map((_, a) => (at.some(([x]) => x === a) ? '1' : '0')).join('');
    const list = groups.get(key);
    if (list) list.push({ pattern: g, at });
    else groups.set(key, [{ pattern: g, at }]);
  }
  return [...groups.keys()]
    .sort()
    .reverse()
    .map((key) => {
      const parts = groups.get(key)!;
      const observed = parts[0].at.map(([a]) => a);
      const r = observed.length;
      const count = parts.reduce((t, x) => t + x.pattern.count, 0);
      const mean = new Float64Array(r);
      for (const { pattern, at } of parts) at.forEach(([, k], u) => (mean[u] += (pattern.count * pattern.mean[k]) / count));
      const scatter = new Float64Array(r * r);
      for (const { pattern, at } of parts) {
        const w = pattern.observed.length;
        for (let u = 0; u < r; u++) {
          const ku = at[u][1];
          const du = pattern.mean[ku] - mean[u];
          for (let v = 0; v < r; v++) {
            const kv = at[v][1];
            scatter[u * r + v] += pattern.scatter[ku * w + kv] + pattern.count * du * (pattern.mean[kv] - mean[v]);
          }
        }
      }
      return { observed, count, mean, scatter };
    });
}

/** Σ_r x_r x_rᵀ = scatter + n x̄ x̄ᵀ (complete data): what a zero-mean likelihood sees. */
export function secondMomentAboutZero(s: SufficientStats): Float64Array {
  const p = s.names.length;
  const out = Float64Array.from(s.scatter);
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) out[i * p + j] += s.n * s.mean[i] * s.mean[j];
  return out;
}

/** The same statistics with every column moved to mean zero. */
export function centered(s: SufficientStats): SufficientStats {
  const patterns = s.patterns?.map((g) => ({ ...g, mean: Float64Array.from(g.observed, (j, a) => g.mean[a] - s.mean[j]) }));
  return { ...s, mean: new Float64Array(s.names.length), ...(patterns ? { patterns } : {}) };
}

/** The statistics in the form the MVN model's pattern likelihood takes (a complete sample is one pattern). */
export function patternData(s: SufficientStats): PatternData {
  const p = s.names.length;
  const all = Array.from({ length: p }, (_, j) => j);
  const patterns = s.patterns ?? [{ observed: all, count: s.n, mean: s.mean, scatter: s.scatter }];
  return {
    p,
    n: s.n,
    patterns: patterns.map(
      (g): PatternStats => ({
        observed: Uint16Array.from(g.observed),
        missing: Uint16Array.from(all.filter((j) => !g.observed.includes(j))),
        count: g.count,
        mean: g.mean,
        scatter: g.scatter,
        rows: new Uint32Array(0),
      }),
    ),
  };
}

/**
 * ℓ(μ, Σ) of the statistics (μ = null: mean zero), with ∂ℓ/∂μ and ∂ℓ/∂Σ written (not added)
 * into the gradients when given (∂ℓ/∂Σ symmetric, entries treated as independent).
 * Workspace is allocated once: one instance must not be shared between threads of control.
 */
export class MvnLikelihood {
  readonly p: number;
  readonly n: number;
  readonly data: PatternData;
  readonly complete: boolean;
  private readonly ws: MvnWorkspace;
  private readonly zero: Float64Array;
  private readonly gMu: Float64Array;
  private readonly gSigma: Float64Array;

  constructor(stats: SufficientStats) {
    this.data = patternData(stats);
    this.p = this.data.p;
    this.n = this.data.n;
    this.complete = !stats.patterns;
    this.ws = mvnWorkspace(this.p);
    this.zero = new Float64Array(this.p);
    this.gMu = new Float64Array(this.p);
    this.gSigma = new Float64Array(this.p * this.p);
  }

  /** Returns −Infinity (gradients unspecified) when some Σ_oo is not positive definite. */
  logLik(mu: Float64Array | null, sigma: Float64Array, gradMu: Float64Array | null, gradSigma: Float64Array | null): number {
    const gm = gradMu ?? this.gMu;
    const gs = gradSigma ?? this.gSigma;
    gm.fill(0);
    gs.fill(0);
    return mvnPatternLogLik(this.data, mu ?? this.zero, sigma, gm, gs, this.ws);
  }
}
