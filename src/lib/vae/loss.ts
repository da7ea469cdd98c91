/**
 * The VAE objectives, as tf ops. Gaussian NLL includes its constant ½ log 2π per cell, so the
 * number is a true negative log-likelihood (PyTorch's GaussianNLLLoss drops it by default; the
 * constant shifts the loss, not its gradient or the early-stopping decisions).
 */
import * as tf from '@tensorflow/tfjs';

export const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/** Per-cell NLL: ½(log 2π + log σ² + (x − m)² / σ²), batch × p. */
export function gaussianNllCells(x: tf.Tensor2D, mean: tf.Tensor2D, logVar: tf.Tensor2D): tf.Tensor2D {
  return tf.add(tf.mul(0.5, tf.add(logVar, tf.mul(tf.squaredDifference(x, mean), tf.exp(tf.neg(logVar))))), HALF_LOG_2PI) as tf.Tensor2D;
}

/** KL(q(z|x) ‖ N(0, I)) per row: −½ Σ (1 + log σ² − μ² − σ²). */
export function klRows(mu: tf.Tensor2D, logVar: tf.Tensor2D): tf.Tensor1D {
  return tf.mul(-0.5, tf.sum(tf.sub(tf.sub(tf.add(1, logVar), tf.square(mu)), tf.exp(logVar)), 1)) as tf.Tensor1D;
}

/** Reconstruction term per row: NLL summed over features. */
export function nllRows(x: tf.Tensor2D, mean: tf.Tensor2D, logVar: tf.Tensor2D): tf.Tensor1D {
  return tf.sum(gaussianNllCells(x, mean, logVar), 1) as tf.Tensor1D;
}

/**
 * How a row's reconstruction term is formed from its observed cells.
 * 'cell-mean': the NLL summed over observed cells divided by their count (the original masked
 * VAE's loss; for complete data, the mean over features). 'observed-sum': the NLL summed over
 * observed cells — the ELBO of the observed data when missingness is ignorable (for complete
 * data, the plain VAE's loss). Averaging over ~10 cells while the KL is summed over the latent
 * dimensions weighs the KL about ten times more than the ELBO does.
 */
export type ReconObjective = 'cell-mean' | 'observed-sum';
export const RECON_OBJECTIVES: readonly ReconObjective[] = ['cell-mean', 'observed-sum'];

/** Each architecture's objective in the original (and so the default): plain sums, masked averages. */
export function defaultObjective(kind: 'plain' | 'masked' | 'miwae'): ReconObjective {
  return kind === 'masked' ? 'cell-mean' : 'observed-sum';
}

/**
 * Masked reconstruction per row: NLL summed over observed cells, divided by the row's count of
 * observed cells. A row with nothing observed contributes 0 (its count is floored at 1).
 */
export function maskedNllRows(x: tf.Tensor2D, mean: tf.Tensor2D, logVar: tf.Tensor2D, mask: tf.Tensor2D): tf.Tensor1D {
  const s = tf.sum(tf.mul(gaussianNllCells(x, mean, logVar), mask), 1);
  return tf.div(s, tf.maximum(tf.sum(mask, 1), 1)) as tf.Tensor1D;
}

/** NLL summed over each row's observed cells (mask 1): −log p(x_obs | z) per row. */
export function observedNllRows(x: tf.Tensor2D, mean: tf.Tensor2D, logVar: tf.Tensor2D, mask: tf.Tensor2D): tf.Tensor1D {
  return tf.sum(tf.mul(gaussianNllCells(x, mean, logVar), mask), 1) as tf.Tensor1D;
}

/** Reconstruction term per row under `objective`; `mask` null means every cell is observed. */
export function reconRows(objective: ReconObjective, x: tf.Tensor2D, mean: tf.Tensor2D, logVar: tf.Tensor2D, mask: tf.Tensor2D | null): tf.Tensor1D {
  if (!mask) return objective === 'observed-sum' ? nllRows(x, mean, logVar) : (tf.div(nllRows(x, mean, logVar), x.shape[1]) as tf.Tensor1D);
  return objective === 'observed-sum' ? observedNllRows(x, mean, logVar, mask) : maskedNllRows(x, mean, logVar, mask);
}

export interface LossParts {
  /** batch mean of reconstruction + β·KL (the training objective) */
  readonly total: tf.Scalar;
  /** batch mean of the reconstruction term alone, in the objective's units */
  readonly recon: tf.Scalar;
  /** batch mean of the KL term alone (unweighted) */
  readonly kl: tf.Scalar;
  /** batch mean of the NLL summed over observed cells, −log p(x_o | z), whatever the objective */
  readonly nll: tf.Scalar;
}

/**
 * `klWeight` is β of a KL warm-up; 1 is the ELBO. `nll`: rows' NLL summed over observed cells,
 * when `recon` is not already that (omitted: recon is taken to be it).
 */
export function vaeLoss(recon: tf.Tensor1D, kl: tf.Tensor1D, klWeight = 1, nll?: tf.Tensor1D): LossParts {
  const klMean = tf.mean(kl) as tf.Scalar;
  const reconMean = tf.mean(recon) as tf.Scalar;
  return {
    total: tf.add(reconMean, klWeight === 1 ? klMean : tf.mul(klMean, klWeight)) as tf.Scalar,
    recon: reconMean,
    kl: klMean,
    nll: nll ? (tf.mean(nll) as tf.Scalar) : reconMean,
  };
}
