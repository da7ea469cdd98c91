/**
 * The lab's data: the precompute's own pipeline (src/lib/vae/data.ts) with the reader's size,
 * missing share and seed, so a lab run with an experiment's seed and size sees its data.
 */
import type { Matrix } from '../../lib/linalg';
import { MASKED_SPEC, MIWAE_SPEC, PLAIN_SPEC, type VaeSpec } from '../../lib/vae/spec';
import { prepareVaeData } from '../../lib/vae/run-data';
import type { VaeLabConfig } from './controls';
import { TEST_FRACTION } from './settings';

export interface LabData {
  readonly train: Matrix;
  readonly test: Matrix;
  readonly missingCells: number;
}

export function prepareLabData(c: Pick<VaeLabConfig, 'arch' | 'rows' | 'missingFraction' | 'seed'>): LabData {
  const imputation = c.arch === 'imputed' && c.missingFraction > 0 ? 'mean-train-split' : 'none';
  const d = prepareVaeData({ n: c.rows, missingFraction: c.missingFraction, testFraction: TEST_FRACTION, imputation }, c.seed);
  return { train: d.train, test: d.test, missingCells: d.missingCells };
}

/** The essay's architectures with the reader's latent size. */
export function labSpec(c: Pick<VaeLabConfig, 'arch' | 'latent'>): VaeSpec {
  const base = c.arch === 'masked' ? MASKED_SPEC : c.arch === 'miwae' ? MIWAE_SPEC : PLAIN_SPEC;
  return { ...base, latentDim: c.latent };
}
