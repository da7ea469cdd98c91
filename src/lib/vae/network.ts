/**
 * Forward passes as plain tf ops over explicit parameter tensors. Callers own tidying.
 */
import * as tf from '@tensorflow/tfjs';
import type { VaeSpec } from './spec';

export type ParamTensors = Record<string, tf.Tensor>;

/** Per-step random inputs, drawn in JS from our PRNG so that runs are reproducible. */
export interface StepNoise {
  /** reparameterisation noise, batch × latent */
  readonly eps: tf.Tensor2D;
  /** dropout multipliers (0 or 1/(1−p)), batch × hidden; absent in evaluation mode */
  readonly dropEnc?: tf.Tensor2D;
  readonly dropDec?: tf.Tensor2D;
}

export interface Encoded {
  readonly mu: tf.Tensor2D;
  readonly logVar: tf.Tensor2D;
}

export interface Decoded {
  readonly mean: tf.Tensor2D;
  readonly logVar: tf.Tensor2D;
}

const linear = (x: tf.Tensor2D, P: ParamTensors, name: string): tf.Tensor2D =>
  tf.add(tf.matMul(x, P[`${name}.W`] as tf.Tensor2D), P[`${name}.b`]) as tf.Tensor2D;

const silu = (x: tf.Tensor2D): tf.Tensor2D => tf.mul(x, tf.sigmoid(x));

function halves(t: tf.Tensor2D): [tf.Tensor2D, tf.Tensor2D] {
  const [a, b] = tf.split(t, 2, 1);
  return [a as tf.Tensor2D, b as tf.Tensor2D];
}

/**
 * Encoder. `x` must have no NaN: for the masked VAE and MIWAE pass missing cells as 0 together
 * with `mask` (1 = observed); the masked VAE replaces them by its learnable fill-in values here.
 */
export function encode(spec: VaeSpec, P: ParamTensors, x: tf.Tensor2D, mask: tf.Tensor2D | null, noise?: StepNoise): Encoded {
  let h: tf.Tensor2D;
  if (spec.kind === 'plain') {
    h = tf.relu(linear(x, P, 'enc'));
  } else {
    if (!mask) throw new Error(`encode: the ${spec.kind} VAE needs a mask (1 = observed, 0 = missing)`);
    // Masked VAE: x·m + fill·(1 − m), the fill-in values receive gradient only through missing
    // cells. MIWAE: zero-filled, x·m.
    const filled = spec.kind === 'miwae' ? (tf.mul(x, mask) as tf.Tensor2D) : (tf.add(tf.mul(x, mask), tf.mul(P.fill, tf.sub(1, mask))) as tf.Tensor2D);
    let hx = silu(linear(filled, P, 'encX'));
    if (noise?.dropEnc) hx = tf.mul(hx, noise.dropEnc);
    const hm = linear(silu(linear(mask, P, 'encM1')), P, 'encM2');
    h = tf.add(hx, hm);
  }
  const [mu, logVar] = halves(linear(h, P, 'encHead'));
  return { mu, logVar };
}

export function decode(spec: VaeSpec, P: ParamTensors, z: tf.Tensor2D, noise?: StepNoise): Decoded {
  let h = linear(z, P, 'dec');
  h = spec.kind === 'plain' ? tf.relu(h) : silu(h);
  if (noise?.dropDec) h = tf.mul(h, noise.dropDec);
  const [mean, rawLogVar] = halves(linear(h, P, 'decHead'));
  // clipByValue has zero gradient outside the range, as torch.clamp does.
  const logVar = spec.logVarClamp ? tf.clipByValue(rawLogVar, spec.logVarClamp[0], spec.logVarClamp[1]) : rawLogVar;
  return { mean, logVar };
}

/** z = μ + exp(½ log σ²) · ε */
export function reparameterise(e: Encoded, eps: tf.Tensor2D): tf.Tensor2D {
  return tf.add(e.mu, tf.mul(tf.exp(tf.mul(e.logVar, 0.5)), eps));
}
