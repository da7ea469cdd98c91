/**
 * Numbers over replications: how a quantity varies from sample to sample, how precisely its
 * average is known (Monte Carlo error), and where one particular sample sits among them.
 * Also the grading of a moment estimate against the population.
 */
import type { Matrix } from '../linalg';
import { quantile, residual, srmr } from '../metrics';
import type { MomentEstimate } from './estimators';

export interface ReplicateSummary {
  readonly count: number;
  readonly mean: number;
  /** standard deviation over replications (divisor R − 1) */
  readonly sd: number;
  /** Monte Carlo standard error of the mean: sd / √R */
  readonly mcse: number;
  readonly q05: number;
  readonly q50: number;
  readonly q95: number;
}

export function summariseReplicates(values: ArrayLike<number>): ReplicateSummary {
  const r = values.length;
  if (r < 2) throw new Error(`summariseReplicates: need at least 2 replications, got ${r}`);
  let s = 0;
  for (let i = 0; i < r; i++) {
    if (!Number.isFinite(values[i])) throw new Error(`summariseReplicates: replication ${i} is ${values[i]}; a failed fit must be handled before summarising`);
    s += values[i];
  }
  const mean = s / r;
  let ss = 0;
  for (let i = 0; i < r; i++) ss += (values[i] - mean) ** 2;
  const sd = Math.sqrt(ss / (r - 1));
  return { count: r, mean, sd, mcse: sd / Math.sqrt(r), q05: quantile(values, 0.05), q50: quantile(values, 0.5), q95: quantile(values, 0.95) };
}

/** Share of the values at or below x, ties counted half (mid-rank): where x sits among them, in [0, 1]. */
export function percentileOf(values: ArrayLike<number>, x: number): number {
  let below = 0;
  let ties = 0;
  for (let i = 0; i < values.length; i++) {
    if (values[i] < x) below++;
    else if (values[i] === x) ties++;
  }
  return (below + 0.5 * ties) / values.length;
}

/** Share of the values with the same sign as `reference` (zero counts as neither). */
export function signShare(values: ArrayLike<number>, reference: number): number {
  const s = Math.sign(reference);
  if (s === 0) throw new Error('signShare: the reference is exactly zero, so it has no sign');
  let k = 0;
  for (let i = 0; i < values.length; i++) if (Math.sign(values[i]) === s) k++;
  return k / values.length;
}

/** The two-sided normal quantile for a 95% interval. */
export const Z95 = 1.959963984540054;

/** Share of replications whose estimate ± z·se covers `truth`. */
export function coverage(estimates: ArrayLike<number>, ses: ArrayLike<number>, truth: number, z = Z95): number {
  if (estimates.length !== ses.length) throw new Error('coverage: estimates and standard errors differ in length');
  let k = 0;
  for (let i = 0; i < estimates.length; i++) if (Math.abs(estimates[i] - truth) <= z * ses[i]) k++;
  return k / estimates.length;
}

/** Binomial standard error of a share estimated from R replications. */
export const shareSe = (share: number, r: number) => Math.sqrt((share * (1 - share)) / r);

export interface Truth {
  readonly mean: ArrayLike<number>;
  readonly sd: ArrayLike<number>;
  readonly correlation: Matrix;
}

export interface EstimateError {
  /** standard SRMR of truth − estimated correlation */
  readonly srmr: number;
  /** (estimated mean − true mean) / true sd, per column */
  readonly meanBias: Float64Array;
  /** estimated sd / true sd − 1, per column */
  readonly sdBias: Float64Array;
  /** truth − estimated correlation */
  readonly residual: Matrix;
}

export function gradeEstimate(est: Pick<MomentEstimate, 'mean' | 'sd' | 'correlation'>, truth: Truth): EstimateError {
  const p = truth.correlation.rows;
  if (est.mean.length !== p || est.sd.length !== p) throw new Error('gradeEstimate: the estimate and the truth have different numbers of columns');
  const resid = residual(truth.correlation, est.correlation);
  const meanBias = new Float64Array(p);
  const sdBias = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    meanBias[j] = (est.mean[j] - truth.mean[j]) / truth.sd[j];
    sdBias[j] = est.sd[j] / truth.sd[j] - 1;
  }
  return { srmr: srmr(resid), meanBias, sdBias, residual: resid };
}

/** Element-wise average of equally shaped matrices (e.g. residuals over replications). */
export function averageMatrix(ms: readonly Matrix[]): Matrix {
  if (ms.length === 0) throw new Error('averageMatrix: no matrices');
  const { rows, cols } = ms[0];
  const data = new Float64Array(rows * cols);
  for (const m of ms) {
    if (m.rows !== rows || m.cols !== cols) throw new Error('averageMatrix: shapes differ');
    for (let i = 0; i < data.length; i++) data[i] += m.data[i];
  }
  for (let i = 0; i < data.length; i++) data[i] /= ms.length;
  return { rows, cols, data };
}
