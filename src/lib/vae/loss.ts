/**
 * The two objectives, as tf ops. Gaussian NLL includes its constant ½ log 2π per cell, so the
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
 * Masked reconstruction per row: NLL summed over observed cells, divided by the row's count of
 * observed cells. A row with nothing observed contributes 0 (its count is floored at 1).
 */
export function maskedNllRows(x: tf.Tensor2D, mean: tf.Tensor2D, logVar: tf.Tensor2D, mask: tf.Tensor2D): tf.Tensor1D {
  const s = tf.sum(tf.mul(gaussianNllCells(x, mean, logVar), mask), 1);
  return tf.div(s, tf.maximum(tf.sum(mask, 1), 1)) as tf.Tensor1D;
}

export interface LossParts {
  /** batch mean of reconstruction + KL (the training objective) */
  readonly total: tf.Scalar;
  /** batch mean of the KL term alone */
  readonly kl: tf.Scalar;
}

export function vaeLoss(recon: tf.Tensor1D, kl: tf.Tensor1D): LossParts {
  const klMean = tf.mean(kl) as tf.Scalar;
  return { total: tf.add(tf.mean(recon), klMean) as tf.Scalar, kl: klMean };
}
