/**
 * The essay's yardstick: correlation matrices, residuals against the truth, and SRMR.
 */
import { zeros, type Matrix } from './linalg';

/**
 * Pearson correlation matrix. Missing cells (NaN) are ignored pairwise: each r_ij uses
 * the rows where both i and j are observed. A column with no variance gives NaN, which
 * callers must treat as a failure rather than as zero correlation.
 */
export function correlation(x: Matrix): Matrix {
  const { rows: n, cols: p, data } = x;
  const out = zeros(p, p);
  let complete = true;
  for (let i = 0; i < data.length; i++) if (Number.isNaN(data[i])) { complete = false; break; }
  if (complete) return correlationComplete(x);
  for (let i = 0; i < p; i++) {
    out.data[i * p + i] = 1;
    for (let j = 0; j < i; j++) {
      let m = 0, sx = 0, sy = 0;
      for (let r = 0; r < n; r++) {
        const a = data[r * p + i], b = data[r * p + j];
        if (Number.isNaN(a) || Number.isNaN(b)) continue;
        m++; sx += a; sy += b;
      }
      const mx = sx / m, my = sy / m;
      let sxy = 0, sxx = 0, syy = 0;
      for (let r = 0; r < n; r++) {
        const a = data[r * p + i], b = data[r * p + j];
        if (Number.isNaN(a) || Number.isNaN(b)) continue;
        sxy += (a - mx) * (b - my); sxx += (a - mx) ** 2; syy += (b - my) ** 2;
      }
      const r = sxy / Math.sqrt(sxx * syy);
      out.data[i * p + j] = r;
      out.data[j * p + i] = r;
    }
  }
  return out;
}

/** Fast path with no missing cells: one pass for means, one for the scatter. */
function correlationComplete(x: Matrix): Matrix {
  const cov = covariance(x);
  const p = x.cols;
  const out = zeros(p, p);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j < p; j++) {
      out.data[i * p + j] = i === j ? 1 : cov.data[i * p + j] / Math.sqrt(cov.data[i * p + i] * cov.data[j * p + j]);
    }
  }
  return out;
}

/**
 * Sample covariance (divisor n − 1) of a complete data matrix. Each entry is summed over rows
 * in row order from zero, as a row-by-row accumulation would; the sums run over centred
 * column-major copies, four entries at a time in registers (about half the time of accumulating
 * every entry in memory row by row, with the same bits).
 */
export function covariance(x: Matrix): Matrix {
  const { rows: n, cols: p, data } = x;
  if (n < 2) throw new Error(`covariance: need at least 2 rows, got ${n}`);
  const mean = new Float64Array(p);
  for (let r = 0; r < n; r++) for (let j = 0; j < p; j++) mean[j] += data[r * p + j];
  for (let j = 0; j < p; j++) mean[j] /= n;
  const c = new Float64Array(n * p); // centred, column j at c[j·n ..]
  for (let r = 0; r < n; r++) for (let j = 0; j < p; j++) c[j * n + r] = data[r * p + j] - mean[j];
  const out = zeros(p, p);
  const o = out.data;
  for (let i = 0; i < p; i++) {
    const ci = i * n;
    let j = 0;
    for (; j + 3 <= i; j += 4) {
      const c0 = j * n, c1 = c0 + n, c2 = c1 + n, c3 = c2 + n;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (let r = 0; r < n; r++) {
        const a = c[ci + r];
        s0 += a * c[c0 + r];
        s1 += a * c[c1 + r];
        s2 += a * c[c2 + r];
        s3 += a * c[c3 + r];
      }
      o[i * p + j] = s0;
      o[i * p + j + 1] = s1;
      o[i * p + j + 2] = s2;
      o[i * p + j + 3] = s3;
    }
    for (; j <= i; j++) {
      const cj = j * n;
      let s = 0;
      for (let r = 0; r < n; r++) s += c[ci + r] * c[cj + r];
      o[i * p + j] = s;
    }
  }
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      const v = o[i * p + j] / (n - 1);
      o[i * p + j] = v;
      o[j * p + i] = v;
    }
  }
  return out;
}

/** Residual correlation matrix, truth − model (the sign convention of the essay's heatmaps). */
export function residual(truth: Matrix, model: Matrix): Matrix {
  if (truth.rows !== model.rows || truth.cols !== model.cols) throw new Error('residual: shapes differ');
  const out = zeros(truth.rows, truth.cols);
  for (let i = 0; i < out.data.length; i++) out.data[i] = truth.data[i] - model.data[i];
  return out;
}

/**
 * Standardised root mean square residual over the lower triangle *including* the diagonal:
 * sqrt( Σ_{i≤j} r_ij² / (p(p+1)/2) ). With correlation residuals the diagonal is zero, yet it
 * still counts in the denominator, as in the standard definition (Hu & Bentler, 1999).
 */
export function srmr(resid: Matrix): number {
  const p = resid.rows;
  let s = 0;
  for (let i = 0; i < p; i++) for (let j = 0; j <= i; j++) s += resid.data[i * p + j] ** 2;
  return Math.sqrt(s / ((p * (p + 1)) / 2));
}

/**
 * The original analysis's SRMR: sqrt(Σ r² / (p(p+1)) / 2), i.e. the divisor is p(p+1)·2 = 312
 * for p = 12, not p(p+1)/2 = 78. Exactly half the standard value; kept only to relate numbers.
 */
export function srmrAsInOriginal(resid: Matrix): number {
  const p = resid.rows;
  let s = 0;
  for (let i = 0; i < p; i++) for (let j = 0; j <= i; j++) s += resid.data[i * p + j] ** 2;
  return Math.sqrt(s / (p * (p + 1)) / 2);
}

/** Quantile by linear interpolation between order statistics (type 7, numpy's default). */
export function quantile(values: ArrayLike<number>, q: number): number {
  const sorted = Float64Array.from(values).sort();
  if (sorted.length === 0) throw new Error('quantile: no values');
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

export function mean(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return s / values.length;
}

/** Histogram counts over fixed edges (values outside are clamped into the end bins). */
export function histogram(values: ArrayLike<number>, edges: readonly number[]): number[] {
  const bins = edges.length - 1;
  const counts = new Array<number>(bins).fill(0);
  const lo = edges[0];
  const width = (edges[bins] - lo) / bins;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isNaN(v)) continue;
    const b = Math.min(bins - 1, Math.max(0, Math.floor((v - lo) / width)));
    counts[b]++;
  }
  return counts;
}
