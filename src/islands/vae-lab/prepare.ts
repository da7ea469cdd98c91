/**
 * The lab's data, made as the precompute makes it (precompute/experiments/vae-common.ts,
 * prepareData): simulate → MCAR mask → 80/20 split → mean-impute from the training rows.
 * Same derived streams, so a lab run with an experiment's seed and size sees its data.
 * (That function lives in precompute/, which imports Node; see the report's API note.)
 */
import { columnMeans, imputeMean, maskMcar, simulatePopulation, takeRows } from '../../lib/data';
import type { Matrix } from '../../lib/linalg';
import { createRng, derive, permutation } from '../../lib/random';
import { MASKED_SPEC, PLAIN_SPEC, type VaeSpec } from '../../lib/vae/spec';
import type { VaeLabConfig } from './controls';

export const TEST_FRACTION = 0.2;

export interface LabData {
  readonly train: Matrix;
  readonly test: Matrix;
  readonly missingCells: number;
}

export function prepareLabData(c: Pick<VaeLabConfig, 'arch' | 'rows' | 'missingFraction' | 'seed'>): LabData {
  const full = simulatePopulation(createRng(derive(c.seed, 'data')), c.rows);
  const masked = c.missingFraction > 0 ? maskMcar(createRng(derive(c.seed, 'missing')), full, c.missingFraction) : { data: full, missing: new Uint32Array(0) };
  const order = permutation(createRng(derive(c.seed, 'split')), c.rows);
  const nTest = Math.round(c.rows * TEST_FRACTION);
  const trainIdx = order.subarray(0, c.rows - nTest);
  const testIdx = order.subarray(c.rows - nTest);
  // Means from the training rows only: the test rows must not inform training.
  const x = c.arch === 'imputed' && c.missingFraction > 0 ? imputeMean(masked.data, columnMeans(takeRows(masked.data, trainIdx))) : masked.data;
  return { train: takeRows(x, trainIdx), test: takeRows(x, testIdx), missingCells: masked.missing.length };
}

/** The essay's architectures with the reader's latent size. */
export function labSpec(c: Pick<VaeLabConfig, 'arch' | 'latent'>): VaeSpec {
  const base = c.arch === 'masked' ? MASKED_SPEC : PLAIN_SPEC;
  return { ...base, latentDim: c.latent };
}

/** Learning rate the essay used for each architecture (the control's suggestion). */
export const ESSAY_LEARNING_RATE: Readonly<Record<VaeLabConfig['arch'], number>> = { plain: 1e-3, imputed: 1e-3, masked: 1e-4 };
