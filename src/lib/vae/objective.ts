/**
 * The full objective for one batch: encode, reparameterise, decode, loss. Shared by training
 * (with dropout) and evaluation (without).
 */
import * as tf from '@tensorflow/tfjs';
import { decode, encode, reparameterise, type ParamTensors, type StepNoise } from './network';
import { defaultObjective, klRows, reconRows, vaeLoss, type LossParts, type ReconObjective } from './loss';
import { paramShapes, type VaeSpec } from './spec';
import type { Params } from './params';
import { dropoutMask, normals } from './batch';
import type { Rng } from '../random';

export interface ElboOptions {
  /** how rows' reconstruction terms are formed; default: the architecture's original (defaultObjective) */
  readonly objective?: ReconObjective;
  /** β multiplying the KL term (a warm-up's current value); default 1, the ELBO */
  readonly klWeight?: number;
}

/** The negative ELBO (β-weighted when klWeight ≠ 1), batch-averaged, with its two terms. */
export function objective(spec: VaeSpec, P: ParamTensors, x: tf.Tensor2D, mask: tf.Tensor2D | null, noise: StepNoise, o: ElboOptions = {}): LossParts {
  const enc = encode(spec, P, x, mask, noise);
  const dec = decode(spec, P, reparameterise(enc, noise.eps), noise);
  const m = spec.kind === 'plain' ? null : mask;
  const rule = o.objective ?? defaultObjective(spec.kind);
  const recon = reconRows(rule, x, dec.mean, dec.logVar, m);
  const nll = rule === 'observed-sum' ? undefined : reconRows('observed-sum', x, dec.mean, dec.logVar, m);
  return vaeLoss(recon, klRows(enc.mu, enc.logVar), o.klWeight ?? 1, nll);
}

/** One parameter array (or a weight's transpose, named W + 'T') with its shape, ready to upload. */
export interface ParamArray {
  readonly name: string;
  readonly values: Float32Array;
  readonly shape: number[];
}

/**
 * The model's arrays in upload order. With `transposes`, each weight W also gets 'W'+'T'
 * transposed in JS (a few thousand floats), which the hand-derived backward pass multiplies by
 * instead of asking the backend for a transposed matmul.
 */
export function paramArrays(spec: VaeSpec, params: Params, transposes = false): ParamArray[] {
  const out: ParamArray[] = [];
  for (const s of paramShapes(spec)) {
    const a = params[s.name];
    out.push({ name: s.name, values: a, shape: s.shape as number[] });
    if (transposes && s.shape.length === 2) {
      const [r, c] = s.shape;
      const t = new Float32Array(a.length);
      for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) t[j * r + i] = a[i * c + j];
      out.push({ name: `${s.name}T`, values: t, shape: [c, r] });
    }
  }
  return out;
}

/** Parameter tensors from the model's arrays (call inside tf.tidy); `transposes` as in paramArrays. */
export function paramTensors(spec: VaeSpec, params: Params, transposes = false): ParamTensors {
  const out: ParamTensors = {};
  for (const a of paramArrays(spec, params, transposes)) out[a.name] = tf.tensor(a.values, a.shape, 'float32');
  return out;
}

/** One batch's noise as arrays: ε (batch × latent), and in training with dropout the two dropout multipliers (batch × hidden). */
export interface NoiseArrays {
  readonly eps: Float32Array;
  readonly dropEnc?: Float32Array;
  readonly dropDec?: Float32Array;
}

/** Noise for one batch, always drawn in the same order: ε, then encoder dropout, then decoder dropout. */
export function drawNoiseArrays(spec: VaeSpec, rng: Rng, batch: number, train: boolean): NoiseArrays {
  const eps = normals(rng, batch * spec.latentDim);
  if (!train || spec.dropout === 0) return { eps };
  const h = spec.hiddenDim;
  return { eps, dropEnc: dropoutMask(rng, batch * h, spec.dropout), dropDec: dropoutMask(rng, batch * h, spec.dropout) };
}

/** drawNoiseArrays as tensors (call inside tf.tidy). */
export function drawNoise(spec: VaeSpec, rng: Rng, batch: number, train: boolean): StepNoise {
  const a = drawNoiseArrays(spec, rng, batch, train);
  const h = spec.hiddenDim;
  return {
    eps: tf.tensor2d(a.eps, [batch, spec.latentDim]),
    ...(a.dropEnc && a.dropDec ? { dropEnc: tf.tensor2d(a.dropEnc, [batch, h]), dropDec: tf.tensor2d(a.dropDec, [batch, h]) } : {}),
  };
}
