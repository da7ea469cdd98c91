/**
 * The VAE lab's training settings: the essay's (src/lib/experiments/vae-family.ts), except the
 * ones the reader sets in the controls (rows, missing share, latent size, learning rate, epoch
 * cap). Nothing here is retyped: a change to the essay's settings changes the lab.
 */
import { VAE_LEARNING_RATE, VAE_TRAINING } from '../../lib/experiments/vae-family';
import type { TrainOptions } from '../../lib/vae/train';
import type { VaeArch, VaeLabConfig } from './controls';

/** Share of rows held out for early stopping and the audit, as in the essay. */
export const TEST_FRACTION: number = VAE_TRAINING.testFraction;

/** Learning rate the essay used for each architecture (the control's suggestion). */
export const ESSAY_LEARNING_RATE: Readonly<Record<VaeArch, number>> = {
  plain: VAE_LEARNING_RATE.plain,
  imputed: VAE_LEARNING_RATE.plain,
  masked: VAE_LEARNING_RATE.masked,
};

/** What the worker hands trainVae: the reader's learning rate and epoch cap, the essay's batch size and early stopping. */
export function labTrainSettings(c: Pick<VaeLabConfig, 'learningRate' | 'maxEpochs'>): TrainOptions {
  return { learningRate: c.learningRate, maxEpochs: c.maxEpochs, batchSize: VAE_TRAINING.batchSize, patience: VAE_TRAINING.patience, minDelta: VAE_TRAINING.minDelta };
}
