/**
 * The job-satisfaction population and the ways the essay samples from it:
 * multivariate-normal rows, MCAR missingness, column-mean imputation.
 *
 * Source: Houghton & Jinkerson (2007), as tabulated by Vehkalahti & Everitt (2019).
 */
import { cholesky, fromRows, scaleSymmetric, zeros, type Matrix } from './linalg';
import { sampleWithoutReplacement, type Rng } from './random';

export const INDICATORS = ['JW1', 'JW2', 'JW3', 'UF1', 'UF2', 'FOR', 'DA1', 'DA2', 'DA3', 'EBA', 'ST', 'MI'] as const;
export type Indicator = (typeof INDICATORS)[number];

export interface IndicatorGroup {
  readonly id: 'JS' | 'SWB' | 'DTP' | 'CTS';
  readonly label: string;
  readonly indicators: readonly Indicator[];
}

export const GROUPS: readonly IndicatorGroup[] = [
  { id: 'JS', label: 'Job satisfaction', indicators: ['JW1', 'JW2', 'JW3'] },
  { id: 'SWB', label: 'Subjective well-being', indicators: ['UF1', 'UF2', 'FOR'] },
  { id: 'DTP', label: 'Dysfunctional thought patterns', indicators: ['DA1', 'DA2', 'DA3'] },
  { id: 'CTS', label: 'Constructive thought strategies', indicators: ['EBA', 'ST', 'MI'] },
];

export const INDICATOR_LABELS: Readonly<Record<Indicator, string>> = {
  JW1: 'Job satisfaction, item 1',
  JW2: 'Job satisfaction, item 2',
  JW3: 'Job satisfaction, item 3',
  UF1: 'Well-being, item 1',
  UF2: 'Well-being, item 2',
  FOR: 'Well-being, item 3',
  DA1: 'Dysfunctional attitudes, item 1',
  DA2: 'Dysfunctional attitudes, item 2',
  DA3: 'Dysfunctional attitudes, item 3',
  EBA: 'Evaluating beliefs and assumptions',
  ST: 'Self-talk',
  MI: 'Mental imagery',
};

export const STANDARD_DEVIATIONS: readonly number[] = [0.939, 1.017, 0.937, 0.562, 0.76, 0.524, 0.585, 0.609, 0.731, 0.711, 1.124, 1.001];

/** Lower triangle, row by row, each row ending with its unit diagonal. */
const CORRELATION_LOWER: readonly (readonly number[])[] = [
  [1],
  [0.668, 1],
  [0.635, 0.599, 1],
  [0.263, 0.261, 0.164, 1],
  [0.29, 0.315, 0.247, 0.486, 1],
  [0.207, 0.245, 0.231, 0.251, 0.449, 1],
  [-0.206, -0.182, -0.195, -0.309, -0.266, -0.142, 1],
  [-0.28, -0.241, -0.238, -0.344, -0.305, -0.23, 0.753, 1],
  [-0.258, -0.244, -0.185, -0.255, -0.255, -0.215, 0.554, 0.587, 1],
  [0.08, 0.096, 0.094, -0.017, 0.151, 0.141, -0.074, -0.111, 0.016, 1],
  [0.061, 0.028, -0.035, -0.058, -0.051, -0.003, -0.04, -0.04, -0.018, 0.284, 1],
  [0.113, 0.174, 0.059, 0.063, 0.138, 0.044, -0.119, -0.073, -0.084, 0.563, 0.379, 1],
];

/** The number of respondents in the original study. */
export const ORIGINAL_N = 263;

function symmetricFromLower(lower: readonly (readonly number[])[]): Matrix {
  const p = lower.length;
  const m = zeros(p, p);
  lower.forEach((row, i) => {
    if (row.length !== i + 1) throw new Error(`correlation row ${i} has ${row.length} entries`);
    row.forEach((v, j) => {
      m.data[i * p + j] = v;
      m.data[j * p + i] = v;
    });
  });
  return m;
}

export interface Population {
  readonly names: readonly string[];
  readonly correlation: Matrix;
  readonly sd: Float64Array;
  readonly covariance: Matrix;
  readonly mean: Float64Array;
}

/** The true data-generating distribution: MVN(0, D R D). */
export const POPULATION: Population = (() => {
  const correlation = symmetricFromLower(CORRELATION_LOWER);
  const sd = Float64Array.from(STANDARD_DEVIATIONS);
  return {
    names: INDICATORS,
    correlation,
    sd,
    covariance: scaleSymmetric(correlation, sd),
    mean: new Float64Array(INDICATORS.length),
  };
})();

/** n rows from MVN(mean, covariance): x = mean + L z with L the Cholesky factor. */
export function simulateMvn(rng: Rng, n: number, mean: ArrayLike<number>, covariance: Matrix): Matrix {
  if (!Number.isInteger(n) || n < 1) throw new Error(`simulateMvn: n must be a positive integer, got ${n}`);
  const p = covariance.rows;
  const L = cholesky(covariance);
  const out = zeros(n, p);
  const z = new Float64Array(p);
  for (let r = 0; r < n; r++) {
    for (let j = 0; j < p; j++) z[j] = rng.normal();
    for (let i = 0; i < p; i++) {
      let acc = mean[i];
      for (let k = 0; k <= i; k++) acc += L.data[i * p + k] * z[k];
      out.data[r * p + i] = acc;
    }
  }
  return out;
}

/** n rows from the job-satisfaction population. */
export function simulatePopulation(rng: Rng, n: number): Matrix {
  return simulateMvn(rng, n, POPULATION.mean, POPULATION.covariance);
}

/**
 * Missing completely at random: exactly round(fraction · cells) cells, chosen by flat index
 * without replacement, set to NaN. Returns a copy; the input is untouched.
 */
export function maskMcar(rng: Rng, x: Matrix, fraction: number): { data: Matrix; missing: Uint32Array } {
  if (!(fraction >= 0 && fraction < 1)) throw new Error(`maskMcar: fraction must be in [0, 1), got ${fraction}`);
  const cells = x.rows * x.cols;
  const k = Math.round(fraction * cells);
  const missing = sampleWithoutReplacement(rng, cells, k).sort();
  const data = { rows: x.rows, cols: x.cols, data: Float64Array.from(x.data) };
  for (const idx of missing) data.data[idx] = NaN;
  return { data, missing };
}

/** Mean of each column over its observed (non-NaN) cells. */
export function columnMeans(x: Matrix): Float64Array {
  const sums = new Float64Array(x.cols);
  const counts = new Float64Array(x.cols);
  for (let i = 0; i < x.rows; i++) {
    for (let j = 0; j < x.cols; j++) {
      const v = x.data[i * x.cols + j];
      if (!Number.isNaN(v)) {
        sums[j] += v;
        counts[j]++;
      }
    }
  }
  return sums.map((s, j) => {
    if (counts[j] === 0) throw new Error(`columnMeans: column ${j} has no observed value`);
    return s / counts[j];
  });
}

/** Replace each missing cell with `means` (by default, its column's observed mean). */
export function imputeMean(x: Matrix, means: ArrayLike<number> = columnMeans(x)): Matrix {
  const out = { rows: x.rows, cols: x.cols, data: Float64Array.from(x.data) };
  for (let i = 0; i < out.data.length; i++) if (Number.isNaN(out.data[i])) out.data[i] = means[i % x.cols];
  return out;
}

/** Rows [start, end) as a new matrix. */
export function sliceRows(x: Matrix, start: number, end: number): Matrix {
  return { rows: end - start, cols: x.cols, data: x.data.slice(start * x.cols, end * x.cols) };
}

/** Rows in the given order. */
export function takeRows(x: Matrix, index: ArrayLike<number>): Matrix {
  const out = zeros(index.length, x.cols);
  for (let r = 0; r < index.length; r++) out.data.set(x.data.subarray(index[r] * x.cols, (index[r] + 1) * x.cols), r * x.cols);
  return out;
}
