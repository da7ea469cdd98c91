/**
 * The VAE lab's training settings: the essay's (src/lib/experiments/vae-family.ts), except the
 * ones the reader sets in the controls (rows, missing share, latent size, learning rate, epoch
 * cap). Nothing here is retyped: a change to the essay's settings changes the lab.
 */
import { VAE_LEARNING_RATE, VAE_TRAINING } from '../../lib/experiments/vae-family';
import { MIWAE_LEARNING_RATE } from '../../lib/experiments/vae-missing-family';
import type { TrainOptions } from '../../lib/vae/train';
import type { VaeArch, VaeLabConfig } from './controls';

/** Share of rows held out for early stopping and the audit, as in the essay. */
export const TEST_FRACTION: number = VAE_TRAINING.testFraction;

/** Learning rate the essay used for each architecture (the control's suggestion). */
export const ESSAY_LEARNING_RATE: Readonly<Record<VaeArch, number>> = {
  plain: VAE_LEARNING_RATE.plain,
  imputed: VAE_LEARNING_RATE.plain,
  masked: VAE_LEARNING_RATE.masked,
  miwae: MIWAE_LEARNING_RATE,
};

/**
 * What the worker hands trainVae: the reader's learning rate, epoch cap, objective and MIWAE's K,
 * the essay's batch size and early stopping. The objective and K are passed only when given.
 */
export function labTrainSettings(c: Pick<VaeLabConfig, 'learningRate' | 'maxEpochs'> & Partial<Pick<VaeLabConfig, 'objective' | 'importanceSamples'>>): TrainOptions {
  return {
    learningRate: c.learningRate,
    maxEpochs: c.maxEpochs,
    batchSize: VAE_TRAINING.batchSize,
    patience: VAE_TRAINING.patience,
    minDelta: VAE_TRAINING.minDelta,
    ...(c.objective !== undefined ? { objective: c.objective } : {}),
    ...(c.importanceSamples !== undefined && c.importanceSamples !== null ? { importanceSamples: c.importanceSamples } : {}),
  };
}
