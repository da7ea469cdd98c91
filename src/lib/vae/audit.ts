/**
 * Does the model reproduce the joint structure? Generate many data sets of the test-set size,
 * compare each one's correlation matrix with the truth, and summarise.
 */
import type { Matrix } from '../linalg';
import { zeros } from '../linalg';
import { correlation, histogram, mean, quantile, residual, srmr } from '../metrics';
import type { Rng } from '../random';
import { generate } from './generate';
import type { Vae } from './params';

export interface SrmrSummary {
  /** mean standard SRMR over the sets */
  readonly srmr: number;
  readonly srmrQ05: number;
  readonly srmrQ95: number;
  /** each set's SRMR, in generation order */
  readonly perSet: number[];
  /** average residual correlation matrix, truth − model */
  readonly meanResidual: Matrix;
}

export interface AuditOptions {
  readonly truth: Matrix; // the true correlation matrix
  readonly sets: number; // 1000 in the essay
  readonly setSize: number; // the test-set size
  /** called after each set with the fraction done (for progress bars) */
  readonly onProgress?: (fraction: number) => void;
  readonly signal?: AbortSignal;
}

/** Summarises residuals of any sequence of data sets against the truth. */
export function summariseSets(truth: Matrix, sets: number, draw: (i: number) => Matrix, onProgress?: (f: number) => void, signal?: AbortSignal): SrmrSummary {
  if (!Number.isInteger(sets) || sets < 1) throw new Error(`audit: sets must be a positive integer, got ${sets}`);
  const acc = zeros(truth.rows, truth.cols);
  const perSet: number[] = [];
  for (let i = 0; i < sets; i++) {
    if (signal?.aborted) throw signal.reason ?? new DOMException('audit cancelled', 'AbortError');
    const r = residual(truth, correlation(draw(i)));
    for (let k = 0; k < acc.data.length; k++) acc.data[k] += r.data[k];
    const s = srmr(r);
    if (!Number.isFinite(s)) throw new Error(`audit: set ${i} has an undefined correlation (a generated column has zero variance)`);
    perSet.push(s);
    onProgress?.((i + 1) / sets);
  }
  for (let k = 0; k < acc.data.length; k++) acc.data[k] /= sets;
  return { srmr: mean(perSet), srmrQ05: quantile(perSet, 0.05), srmrQ95: quantile(perSet, 0.95), perSet, meanResidual: acc };
}

/** The bootstrap audit of a trained VAE: `sets` generated data sets of `setSize` rows each. */
export function auditVae(model: Vae, o: AuditOptions, rng: Rng): SrmrSummary {
  if (o.truth.rows !== model.spec.inputDim) throw new Error(`audit: truth is ${o.truth.rows}×${o.truth.cols}, the VAE has ${model.spec.inputDim} features`);
  return summariseSets(o.truth, o.sets, () => generate(model, o.setSize, rng), o.onProgress, o.signal);
}

export interface IndicatorHistogram {
  readonly name: string;
  /** shared bin edges (bins + 1) */
  readonly edges: number[];
  /** counts of observed test values per bin (missing cells ignored) */
  readonly test: number[];
  readonly generated: number[];
}

/** Per-indicator histograms of two data sets over shared, equal-width edges spanning both. */
export function histograms(names: readonly string[], test: Matrix, generatedData: Matrix, bins = 30): IndicatorHistogram[] {
  if (test.cols !== generatedData.cols || names.length !== test.cols) throw new Error('histograms: names, test and generated data must have the same number of columns');
  return names.map((name, j) => {
    let lo = Infinity;
    let hi = -Infinity;
    for (const m of [test, generatedData]) {
      for (let i = 0; i < m.rows; i++) {
        const v = m.data[i * m.cols + j];
        if (Number.isNaN(v)) continue;
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
    }
    if (!(hi > lo)) hi = lo + 1;
    const edges = Array.from({ length: bins + 1 }, (_, b) => lo + ((hi - lo) * b) / bins);
    const col = (m: Matrix) => Float64Array.from({ length: m.rows }, (_, i) => m.data[i * m.cols + j]);
    return { name, edges, test: histogram(col(test), edges), generated: histogram(col(generatedData), edges) };
  });
}
