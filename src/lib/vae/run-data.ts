/**
 * The data one VAE run sees, made the same way by the precompute and by the browser lab:
 * simulate → MCAR mask → train/test split → optional mean imputation. Each stage draws from its
 * own stream derived from the seed, so the same seed and size give the same rows anywhere.
 */
import { columnMeans, imputeMean, maskMcar, simulatePopulation, takeRows } from '../data';
import type { Matrix } from '../linalg';
import { createRng, derive, permutation } from '../random';

export type Imputation = 'none' | 'mean-train-split' | 'mean-whole-sample';

export interface VaeRunDataConfig {
  readonly n: number;
  readonly missingFraction: number;
  readonly testFraction: number;
  /** where the imputation means come from: the training rows only, or every row */
  readonly imputation: Imputation;
}

export interface VaeRunData {
  readonly train: Matrix;
  readonly test: Matrix;
  /** test rows before imputation (observed cells only), for the histograms */
  readonly testObserved: Matrix;
  /** all n rows as the model sees them (imputed, or with NaN for the masked VAE) */
  readonly all: Matrix;
  /** all n rows with missing cells as NaN */
  readonly withMissing: Matrix;
  readonly missingCells: number;
  readonly imputationMeans: Float64Array | null;
}

export function prepareVaeData(c: VaeRunDataConfig, seed: number): VaeRunData {
  const full = simulatePopulation(createRng(derive(seed, 'data')), c.n);
  const masked = c.missingFraction > 0 ? maskMcar(createRng(derive(seed, 'missing')), full, c.missingFraction) : { data: full, missing: new Uint32Array(0) };
  const order = permutation(createRng(derive(seed, 'split')), c.n);
  const nTest = Math.round(c.n * c.testFraction);
  const trainIdx = order.subarray(0, c.n - nTest);
  const testIdx = order.subarray(c.n - nTest);
  const x = masked.data;
  let means: Float64Array | null = null;
  if (c.imputation === 'mean-whole-sample') means = columnMeans(x);
  // training rows only: the test rows must not inform training
  if (c.imputation === 'mean-train-split') means = columnMeans(takeRows(x, trainIdx));
  const modelData = means ? imputeMean(x, means) : x;
  return {
    train: takeRows(modelData, trainIdx),
    test: takeRows(modelData, testIdx),
    testObserved: takeRows(x, testIdx),
    all: modelData,
    withMissing: x,
    missingCells: masked.missing.length,
    imputationMeans: means,
  };
}
