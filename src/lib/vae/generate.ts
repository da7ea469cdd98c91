/**
 * Sampling from the model: z ~ N(0, I), decode (evaluation mode), x ~ N(mean, exp(log σ²)).
 */
import * as tf from '@tensorflow/tfjs';
import type { Matrix } from '../linalg';
import type { Rng } from '../random';
import { fillNormal } from '../ziggurat';
import { decode, encode } from './network';
import { paramTensors } from './objective';
import type { Vae } from './params';
import { toVaeData } from './batch';
import { tidyRead } from './tidy-read';

/** n rows from the model's prior predictive. Decodes in chunks so memory stays bounded. */
export function generate(model: Vae, n: number, rng: Rng, chunk = 8192): Matrix {
  if (!Number.isInteger(n) || n < 1) throw new Error(`generate: n must be a positive integer, got ${n}`);
  const { spec } = model;
  const p = spec.inputDim;
  const out = new Float64Array(n * p);
  // Normals by the ziggurat: an audit draws (latent + p) of them per generated row, millions per
  // fit, and Box–Muller was a fifth of a VAE experiment's time. Per chunk: z, then the cells' noise.
  const noise = new Float64Array(Math.min(n, chunk) * p);
  for (let s = 0; s < n; s += chunk) {
    const m = Math.min(n, s + chunk) - s;
    const z = fillNormal(rng, new Float32Array(m * spec.latentDim));
    const [mean, logVar] = tidyRead(() => {
      const d = decode(spec, paramTensors(spec, model.params), tf.tensor2d(z, [m, spec.latentDim]));
      return [d.mean, d.logVar];
    });
    fillNormal(rng, noise.subarray(0, m * p));
    for (let i = 0; i < m * p; i++) out[s * p + i] = mean[i] + Math.exp(0.5 * logVar[i]) * noise[i];
  }
  return { rows: n, cols: p, data: out };
}

/** Encoder means μ(x) for every row (evaluation mode), rows × latent. */
export function encoderMeans(model: Vae, data: Matrix, chunk = 8192): Matrix {
  const { spec } = model;
  const d = toVaeData(spec, data);
  const l = spec.latentDim;
  const out = new Float64Array(d.rows * l);
  for (let s = 0; s < d.rows; s += chunk) {
    const e = Math.min(d.rows, s + chunk);
    const [mu] = tidyRead(() => {
      const x = tf.tensor2d(d.x.subarray(s * spec.inputDim, e * spec.inputDim), [e - s, spec.inputDim]);
      const mask = d.mask ? tf.tensor2d(d.mask.subarray(s * spec.inputDim, e * spec.inputDim), [e - s, spec.inputDim]) : null;
      return [encode(spec, paramTensors(spec, model.params), x, mask).mu];
    });
    out.set(mu, s * l);
  }
  return { rows: d.rows, cols: l, data: out };
}

export interface LatentAudit {
  /** variance across the data of each latent coordinate of the encoder mean (divisor n − 1) */
  readonly meanVariance: number[];
  /** how many exceed the threshold: the dimensions the decoder can actually use */
  readonly activeDims: number;
  readonly threshold: number;
}

/** Active latent dimensions: Var_x[μ_k(x)] > threshold (0.01 by convention). */
export function latentAudit(model: Vae, data: Matrix, threshold = 0.01): LatentAudit {
  const mu = encoderMeans(model, data);
  const { rows: n, cols: l } = mu;
  if (n < 2) throw new Error('latentAudit: need at least 2 rows');
  const meanVariance: number[] = [];
  for (let k = 0; k < l; k++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += mu.data[i * l + k];
    const m = s / n;
    let v = 0;
    for (let i = 0; i < n; i++) v += (mu.data[i * l + k] - m) ** 2;
    meanVariance.push(v / (n - 1));
  }
  return { meanVariance, activeDims: meanVariance.filter((v) => v > threshold).length, threshold };
}
