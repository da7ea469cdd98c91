/**
 * The importance-weighted bound on the observed-data likelihood (MIWAE, Mattei & Frellsen,
 * ICML 2019): for a row with observed cells x_o, K draws z_k ~ q(z | x_o) and
 *
 *   log w_k = log p(x_o | z_k) + log p(z_k) − log q(z_k | x_o),
 *   bound   = log (1/K) Σ_k w_k ≤ log p(x_o).
 *
 * Missing cells drop out of p(x_o | z) because the decoder factorises over cells, and the
 * encoder sees the zero-filled row and its mask. With K = 1 the bound is the single-sample
 * estimate of the observed-sum ELBO (its expectation is that ELBO; the ELBO's KL is analytic,
 * this one is sampled). Training differentiates it by hand (miwaeLossAndGrads in gradients.ts:
 * the bound's gradient weights each draw by its normalised weight); tests check that against
 * tf autodiff of `miwaeObjective` and this against finite differences.
 *
 * Layout of the K·B latent draws: sample-major, row k·B + i is draw k of batch row i, so one
 * decoder pass covers every draw and a reshape to K×B recovers the weights.
 */
import * as tf from '@tensorflow/tfjs';
import { klRows, observedNllRows, type LossParts } from './loss';
import { decode, encode, type ParamTensors } from './network';
import type { VaeSpec } from './spec';

export interface ImportanceWeights {
  /** log w, K × B */
  readonly logW: tf.Tensor2D;
  /** −log p(x_o | z_k), K × B */
  readonly nll: tf.Tensor2D;
  /** decoder outputs for every draw, (K·B) × p, sample-major */
  readonly mean: tf.Tensor2D;
  readonly logVar: tf.Tensor2D;
  /** encoder outputs, B × L */
  readonly mu: tf.Tensor2D;
  readonly encLogVar: tf.Tensor2D;
}

/**
 * tf.tile(t, [K, 1]) as a concatenation of K copies: the same values, and on the wasm backend
 * 10–200× cheaper here (its Tile kernel computes a multi-index per element; its Concat copies blocks).
 */
function repeatRows(t: tf.Tensor2D, K: number): tf.Tensor2D {
  return K === 1 ? t : (tf.concat(Array.from({ length: K }, () => t), 0) as tf.Tensor2D);
}

/**
 * Log importance weights of K draws per row, evaluation mode (no dropout). `eps` is (K·B) × L
 * standard normals, sample-major; `mask` null means every cell is observed.
 */
export function logImportanceWeights(spec: VaeSpec, P: ParamTensors, x: tf.Tensor2D, mask: tf.Tensor2D | null, eps: tf.Tensor2D): ImportanceWeights {
  const B = x.shape[0];
  const KB = eps.shape[0];
  if (KB % B !== 0 || eps.shape[1] !== spec.latentDim) throw new Error(`logImportanceWeights: eps must be (K·${B}) × ${spec.latentDim}, got ${eps.shape.join('×')}`);
  const K = KB / B;
  const m = mask ?? (tf.onesLike(x) as tf.Tensor2D);
  const enc = encode(spec, P, x, spec.kind === 'plain' ? null : m);
  const muT = repeatRows(enc.mu, K);
  const lvT = repeatRows(enc.logVar, K);
  const z = tf.add(muT, tf.mul(tf.exp(tf.mul(lvT, 0.5)), eps)) as tf.Tensor2D;
  const dec = decode(spec, P, z);
  const xT = repeatRows(x, K);
  const mT = repeatRows(m, K);
  const nll = observedNllRows(xT, dec.mean, dec.logVar, mT);
  // log p(z) − log q(z|x) = Σ_l ½(log σ² + ε² − z²): the ½ log 2π constants cancel.
  const logPrior = tf.mul(tf.sum(tf.sub(tf.add(lvT, tf.square(eps)), tf.square(z)), 1), 0.5);
  const logW = tf.reshape(tf.sub(logPrior, nll), [K, B]) as tf.Tensor2D;
  return { logW, nll: tf.reshape(nll, [K, B]) as tf.Tensor2D, mean: dec.mean, logVar: dec.logVar, mu: enc.mu, encLogVar: enc.logVar };
}

/**
 * Per-row bound log (1/K) Σ_k w_k, B.
 */
export function iwBoundRows(logW: tf.Tensor2D): tf.Tensor1D {
  const K = logW.shape[0];
  return tf.sub(tf.logSumExp(logW, 0), Math.log(K)) as tf.Tensor1D;
}

/**
 * The MIWAE training loss for a batch: total = −(batch mean of the bound); recon = mean over
 * rows and draws of −log p(x_o | z) (so is nll); kl = the encoder's analytic KL (batch mean), a diagnostic
 * of the latent channel — neither is a term of the bound itself.
 */
export function miwaeObjective(spec: VaeSpec, P: ParamTensors, x: tf.Tensor2D, mask: tf.Tensor2D | null, eps: tf.Tensor2D): LossParts {
  const w = logImportanceWeights(spec, P, x, mask, eps);
  const recon = tf.mean(w.nll) as tf.Scalar;
  return {
    total: tf.neg(tf.mean(iwBoundRows(w.logW))) as tf.Scalar,
    recon,
    nll: recon,
    kl: tf.mean(klRows(w.mu, w.encLogVar)) as tf.Scalar,
  };
}
