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

/** One parameter array with its shape, ready to upload. */
export interface ParamArray {
  readonly name: string;
  readonly values: Float32Array;
  readonly shape: number[];
}

/** The model's arrays in upload order. */
export function paramArrays(spec: VaeSpec, params: Params): ParamArray[] {
  return paramShapes(spec).map((s) => ({ name: s.name, values: params[s.name], shape: s.shape as number[] }));
}

/** Parameter tensors from the model's arrays (call inside tf.tidy). */
export function paramTensors(spec: VaeSpec, params: Params): ParamTensors {
  const out: ParamTensors = {};
  for (const a of paramArrays(spec, params)) out[a.name] = tf.tensor(a.values, a.shape, 'float32');
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
