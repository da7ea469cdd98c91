/**
 * What an analyst without the truth can compute from an incomplete sample: the three classic
 * shortcuts (complete-case analysis, pairwise deletion, column-mean imputation) and the
 * likelihood-based estimate (EM for the multivariate normal, i.e. full-information maximum
 * likelihood under ignorable missingness). Each returns means, standard deviations and a
 * correlation matrix, so they can all be graded the same way against the population.
 */
import { choleskyInto } from '../dense';
import { columnMeans, imputeMean } from '../data';
import { zeros, type Matrix } from '../linalg';
import { correlation, covariance } from '../metrics';

export interface MomentEstimate {
  readonly mean: Float64Array;
  readonly sd: Float64Array;
  readonly correlation: Matrix;
  /** rows that entered the estimate (complete-case: complete rows; others: all rows) */
  readonly rows: number;
}

function fromCovariance(mean: Float64Array, cov: Matrix, rows: number): MomentEstimate {
  const p = cov.rows;
  const sd = new Float64Array(p);
  for (let i = 0; i < p; i++) sd[i] = Math.sqrt(cov.data[i * p + i]);
  const r = zeros(p, p);
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) r.data[i * p + j] = i === j ? 1 : cov.data[i * p + j] / (sd[i] * sd[j]);
  return { mean, sd, correlation: r, rows };
}

/** Listwise deletion: only rows with every cell observed. Needs more complete rows than columns. */
export function completeCase(x: Matrix): MomentEstimate {
  const p = x.cols;
  const keep: number[] = [];
  for (let i = 0; i < x.rows; i++) {
    let ok = true;
    for (let j = 0; j < p; j++) if (Number.isNaN(x.data[i * p + j])) { ok = false; break; }
    if (ok) keep.push(i);
  }
  if (keep.length <= p) throw new Error(`completeCase: only ${keep.length} complete rows for ${p} columns; the correlation matrix would be singular`);
  const sub = zeros(keep.length, p);
  keep.forEach((r, k) => sub.data.set(x.data.subarray(r * p, (r + 1) * p), k * p));
  const mean = columnMeans(sub);
  return fromCovariance(mean, covariance(sub), keep.length);
}

/** Pairwise deletion: each mean and sd from its column's observed cells, each correlation from the rows where both are observed. */
export function pairwise(x: Matrix): MomentEstimate {
  const p = x.cols;
  const mean = columnMeans(x);
  const sd = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    let s = 0;
    let m = 0;
    for (let i = 0; i < x.rows; i++) {
      const v = x.data[i * p + j];
      if (!Number.isNaN(v)) (s += (v - mean[j]) ** 2), m++;
    }
    if (m < 2) throw new Error(`pairwise: column ${j} has fewer than 2 observed cells`);
    sd[j] = Math.sqrt(s / (m - 1));
  }
  return { mean, sd, correlation: correlation(x), rows: x.rows };
}

/** Column-mean imputation, then the complete-data moments of the filled-in matrix. */
export function columnMeanImputation(x: Matrix): MomentEstimate {
  const filled = imputeMean(x);
  return fromCovariance(columnMeans(filled), covariance(filled), x.rows);
}

export interface EmOptions {
  /** stop when no entry of μ or Σ moves by more than this (default 1e-7: far below any difference the grading can see) */
  readonly tolerance?: number;
  readonly maxIterations?: number;
}

export interface EmEstimate extends MomentEstimate {
  readonly iterations: number;
  readonly converged: boolean;
  /** the ML covariance (divisor n) */
  readonly covariance: Matrix;
}

/**
 * Maximum likelihood for MVN(μ, Σ) from incomplete rows by EM (Dempster, Laird & Rubin 1977;
 * Little & Rubin 2019, ch. 11). Rows are grouped by missingness pattern, so each iteration
 * factors Σ_oo once per pattern. Valid (consistent) when missingness is ignorable: MCAR or MAR.
 */
export function emMvn(x: Matrix, options: EmOptions = {}): EmEstimate {
  const { rows: n, cols: p } = x;
  const tol = options.tolerance ?? 1e-7;
  const maxIt = options.maxIterations ?? 2000;
  // patterns: key → rows
  const groups = new Map<string, { obs: number[]; mis: number[]; rows: number[] }>();
  for (let i = 0; i < n; i++) {
    const obs: number[] = [];
    const mis: number[] = [];
    for (let j = 0; j < p; j++) (Number.isNaN(x.data[i * p + j]) ? mis : obs).push(j);
    if (obs.length === 0) continue; // a row with nothing observed carries no information
    const key = mis.join(',');
    const g = groups.get(key);
    if (g) g.rows.push(i);
    else groups.set(key, { obs, mis, rows: [i] });
  }
  // start: pairwise means and a diagonal covariance of the observed variances
  const start = pairwise(x);
  let mu = Float64Array.from(start.mean);
  let sigma = new Float64Array(p * p);
  for (let j = 0; j < p; j++) sigma[j * p + j] = start.sd[j] ** 2;

  const used = [...groups.values()].reduce((s, g) => s + g.rows.length, 0);
  let it = 0;
  let converged = false;
  const xhat = new Float64Array(p);
  while (it < maxIt) {
    it++;
    const t1 = new Float64Array(p);
    const t2 = new Float64Array(p * p);
    for (const g of groups.values()) {
      const { obs, mis } = g;
      const o = obs.length;
      const m = mis.length;
      // regression of the missing on the observed: B = Σ_mo Σ_oo⁻¹, C = Σ_mm − B Σ_om
      let B = new Float64Array(0);
      const C = new Float64Array(m * m);
      if (m > 0) {
        const soo = new Float64Array(o * o);
        for (let a = 0; a < o; a++) for (let b = 0; b < o; b++) soo[a * o + b] = sigma[obs[a] * p + obs[b]];
        const L = new Float64Array(o * o);
        if (!choleskyInto(soo, L, o)) throw new Error('emMvn: the observed block of Σ lost positive definiteness; the data may have a constant or duplicated column');
        B = new Float64Array(m * o);
        const rhs = new Float64Array(o);
        for (let a = 0; a < m; a++) {
          for (let b = 0; b < o; b++) rhs[b] = sigma[obs[b] * p + mis[a]];
          // solve Σ_oo w = Σ_o,a by forward and back substitution
          for (let r = 0; r < o; r++) {
            let s = rhs[r];
            for (let k = 0; k < r; k++) s -= L[r * o + k] * rhs[k];
            rhs[r] = s / L[r * o + r];
          }
          for (let r = o - 1; r >= 0; r--) {
            let s = rhs[r];
            for (let k = r + 1; k < o; k++) s -= L[k * o + r] * rhs[k];
            rhs[r] = s / L[r * o + r];
          }
          B.set(rhs, a * o);
        }
        for (let a = 0; a < m; a++)
          for (let c = 0; c < m; c++) {
            let s = sigma[mis[a] * p + mis[c]];
            for (let b = 0; b < o; b++) s -= B[a * o + b] * sigma[obs[b] * p + mis[c]];
            C[a * m + c] = s;
          }
      }
      for (const i of g.rows) {
        for (const j of obs) xhat[j] = x.data[i * p + j];
        for (let a = 0; a < m; a++) {
          let s = mu[mis[a]];
          for (let b = 0; b < o; b++) s += B[a * o + b] * (xhat[obs[b]] - mu[obs[b]]);
          xhat[mis[a]] = s;
        }
        for (let j = 0; j < p; j++) {
          t1[j] += xhat[j];
          for (let k = 0; k <= j; k++) t2[j * p + k] += xhat[j] * xhat[k];
        }
        for (let a = 0; a < m; a++) for (let c = 0; c <= a; c++) {
          const ja = mis[a], jc = mis[c];
          if (ja >= jc) t2[ja * p + jc] += C[a * m + c];
          else t2[jc * p + ja] += C[a * m + c];
        }
      }
    }
    const newMu = t1.map((v) => v / used);
    const newSigma = new Float64Array(p * p);
    for (let j = 0; j < p; j++)
      for (let k = 0; k <= j; k++) {
        const v = t2[j * p + k] / used - newMu[j] * newMu[k];
        newSigma[j * p + k] = v;
        newSigma[k * p + j] = v;
      }
    let delta = 0;
    for (let j = 0; j < p; j++) delta = Math.max(delta, Math.abs(newMu[j] - mu[j]));
    for (let j = 0; j < p * p; j++) delta = Math.max(delta, Math.abs(newSigma[j] - sigma[j]));
    mu = newMu;
    sigma = newSigma;
    if (delta < tol) {
      converged = true;
      break;
    }
  }
  const cov = { rows: p, cols: p, data: sigma };
  return { ...fromCovariance(mu, cov, used), covariance: cov, iterations: it, converged };
}
