/**
 * The objective and its gradient, differentiated by hand. tf's autodiff spends ~160 kernels
 * on a plain-VAE step (a third of them Identity/Reshape/Cast bookkeeping); this pass takes ~60,
 * and step time is dominated by per-kernel overhead for networks this small. `objective` in
 * objective.ts stays the reference: tests check these gradients against tf.grads of it.
 *
 * Notation: batch B, loss = Σ_cells w·nll + (β/B) Σ_rows KL, with the cell weight w set by the
 * reconstruction objective (cellWeights): 1/B (sum over a complete row), mask/B (sum over
 * observed cells), mask/(B·observed count of the row) (the original masked VAE's mean over
 * observed cells), 1/(B·p) (mean over a complete row); so every objective is one formula.
 * β is a KL warm-up's weight, 1 for the ELBO.
 */
import * as tf from '@tensorflow/tfjs';
import { HALF_LOG_2PI, type ReconObjective } from './loss';
import type { ParamTensors, StepNoise } from './network';
import type { VaeSpec } from './spec';

export interface LossAndGrads {
  readonly loss: tf.Scalar;
  readonly grads: Record<string, tf.Tensor>;
}

type T2 = tf.Tensor;

const dense = (x: T2, P: ParamTensors, name: string, activation?: 'relu'): T2 =>
  tf.fused.matMul({ a: x, b: P[`${name}.W`] as T2, bias: P[`${name}.b`], activation });

/** dσ(a)·a/da for SiLU, from a and σ(a): σ(1 + a(1 − σ)). */
const siluGrad = (a: T2, sig: T2): T2 => tf.mul(sig, tf.add(1, tf.mul(a, tf.sub(1, sig))));

/** dy Wᵀ, with Wᵀ uploaded from JS (see paramTensors' transposes) to avoid the slow transposed matmul. */
const backThrough = (dy: T2, P: ParamTensors, name: string): T2 => tf.matMul(dy, P[`${name}.WT`] ?? tf.transpose(P[`${name}.W`]));

/** Weight-and-bias gradients of y = x W + b from dy. */
function linearGrads(grads: Record<string, tf.Tensor>, name: string, x: T2, dy: T2): void {
  // wasm's BatchMatMul takes a slow path for transposed operands (4× slower at batch 256):
  // an explicit transpose first is cheaper.
  grads[`${name}.W`] = tf.matMul(tf.transpose(x), dy);
  grads[`${name}.b`] = tf.sum(dy, 0);
}

/**
 * `cellWeight`: a B×p tensor from cellWeights, or one number for every cell; omitted, every
 * cell weighs 1/B (the plain VAE's sum over features). The mask-taking architectures need a
 * tensor. `x` has missing cells as 0. `klWeight` is β (1: the ELBO).
 */
export function lossAndGrads(spec: VaeSpec, P: ParamTensors, x: T2, mask: T2 | null, noise: StepNoise, cellWeight?: T2 | number, klWeight = 1): LossAndGrads {
  const B = x.shape[0];
  const L = spec.latentDim;
  const p = spec.inputDim;
  const invB = 1 / B;
  const klScale = klWeight * invB; // exactly invB when β = 1
  const masked = spec.kind !== 'plain';
  if (masked && (!mask || !cellWeight || typeof cellWeight === 'number')) throw new Error(`lossAndGrads: the ${spec.kind} VAE needs a mask and per-cell weights (cellWeights)`);
  const grads: Record<string, tf.Tensor> = {};

  // ---- forward ----
  let h: T2;
  let filled: T2 | null = null;
  let ax: T2 | null = null;
  let sigX: T2 | null = null;
  let am1: T2 | null = null;
  let sigM1: T2 | null = null;
  let sm1: T2 | null = null;
  if (!masked) {
    h = dense(x, P, 'enc', 'relu');
  } else {
    const m = mask as T2;
    filled = spec.kind === 'miwae' ? x : tf.add(x, tf.mul(P.fill, tf.sub(1, m))); // x is 0 where missing: MIWAE zero-fills
    ax = dense(filled, P, 'encX');
    sigX = tf.sigmoid(ax);
    let hx = tf.mul(ax, sigX);
    if (noise.dropEnc) hx = tf.mul(hx, noise.dropEnc);
    am1 = dense(m, P, 'encM1');
    sigM1 = tf.sigmoid(am1);
    sm1 = tf.mul(am1, sigM1);
    h = tf.add(hx, dense(sm1, P, 'encM2'));
  }
  const e = dense(h, P, 'encHead');
  const mu = tf.slice(e, [0, 0], [B, L]);
  const lv = tf.slice(e, [0, L], [B, L]);
  const s = tf.exp(tf.mul(lv, 0.5));
  const z = tf.add(mu, tf.mul(s, noise.eps));
  let hd: T2;
  let a2: T2 | null = null;
  let sig2: T2 | null = null;
  let hdPre: T2 | null = null;
  if (!masked) {
    hd = dense(z, P, 'dec', 'relu');
  } else {
    a2 = dense(z, P, 'dec');
    sig2 = tf.sigmoid(a2);
    hdPre = tf.mul(a2, sig2);
    hd = noise.dropDec ? tf.mul(hdPre, noise.dropDec) : hdPre;
  }
  const o = dense(hd, P, 'decHead');
  const mean = tf.slice(o, [0, 0], [B, p]);
  const rawLv = tf.slice(o, [0, p], [B, p]);
  const olv = spec.logVarClamp ? tf.clipByValue(rawLv, spec.logVarClamp[0], spec.logVarClamp[1]) : rawLv;
  const ie = tf.exp(tf.neg(olv));
  const r = tf.sub(x, mean);
  const rie = tf.mul(r, ie);
  const r2ie = tf.mul(r, rie);
  const cell = tf.add(tf.mul(tf.add(olv, r2ie), 0.5), HALF_LOG_2PI);
  const recon = cellWeight === undefined ? tf.mul(tf.sum(cell), invB) : typeof cellWeight === 'number' ? tf.mul(tf.sum(cell), cellWeight) : tf.sum(tf.mul(cell, cellWeight));
  const el = tf.square(s); // exp(lv)
  const klSum = tf.sum(tf.sub(tf.sub(tf.add(lv, 1), tf.square(mu)), el));
  const loss = tf.add(recon, tf.mul(klSum, -0.5 * klScale)) as tf.Scalar;

  // ---- backward ----
  const w: T2 | number = cellWeight ?? invB;
  const dMean = tf.mul(rie, typeof w === 'number' ? -w : tf.neg(w));
  let dOlv = tf.mul(tf.sub(1, r2ie), typeof w === 'number' ? 0.5 * w : tf.mul(w, 0.5));
  // clipByValue passes gradient only inside [lo, hi], as torch.clamp does.
  if (spec.logVarClamp) dOlv = tf.mul(dOlv, tf.cast(tf.equal(rawLv, olv), 'float32'));
  const dO = tf.concat([dMean, dOlv], 1);
  linearGrads(grads, 'decHead', hd, dO);
  const dHd = backThrough(dO, P, 'decHead');
  let dA2: T2;
  if (!masked) {
    dA2 = tf.mul(dHd, tf.step(hd));
  } else {
    const dPre = noise.dropDec ? tf.mul(dHd, noise.dropDec) : dHd;
    dA2 = tf.mul(dPre, siluGrad(a2 as T2, sig2 as T2));
  }
  linearGrads(grads, 'dec', z, dA2);
  const dz = backThrough(dA2, P, 'dec');
  const dMu = tf.add(dz, tf.mul(mu, klScale));
  // z = μ + exp(lv/2)ε → ∂z/∂lv = ½ s ε; KL: ∂/∂lv of −½β(1 + lv − e^lv)/B = ½β(e^lv − 1)/B
  const dLv = tf.add(tf.mul(tf.mul(dz, noise.eps), tf.mul(s, 0.5)), tf.mul(tf.sub(el, 1), 0.5 * klScale));
  const dE = tf.concat([dMu, dLv], 1);
  linearGrads(grads, 'encHead', h, dE);
  const dH = backThrough(dE, P, 'encHead');
  if (!masked) {
    linearGrads(grads, 'enc', x, tf.mul(dH, tf.step(h)));
  } else {
    const dHx = noise.dropEnc ? tf.mul(dH, noise.dropEnc) : dH;
    const dAx = tf.mul(dHx, siluGrad(ax as T2, sigX as T2));
    linearGrads(grads, 'encX', filled as T2, dAx);
    if (spec.kind === 'masked') {
      const dFilled = backThrough(dAx, P, 'encX');
      grads.fill = tf.sum(tf.mul(dFilled, tf.sub(1, mask as T2)), 0);
    }
    linearGrads(grads, 'encM2', sm1 as T2, dH);
    const dSm1 = backThrough(dH, P, 'encM2');
    linearGrads(grads, 'encM1', mask as T2, tf.mul(dSm1, siluGrad(am1 as T2, sigM1 as T2)));
  }
  return { loss, grads };
}

/** Per-cell loss weights of the masked objective: mask / (B · max(1, observed in row)). */
export function maskedCellWeights(mask: Float32Array, rows: number, cols: number): Float32Array {
  const w = new Float32Array(mask.length);
  for (let i = 0; i < rows; i++) {
    let c = 0;
    for (let j = 0; j < cols; j++) c += mask[i * cols + j];
    const k = 1 / (rows * Math.max(1, c));
    for (let j = 0; j < cols; j++) w[i * cols + j] = mask[i * cols + j] * k;
  }
  return w;
}

/** Per-cell loss weights of the observed-sum objective: mask / B. */
export function observedSumCellWeights(mask: Float32Array, rows: number): Float32Array {
  const k = 1 / rows;
  return Float32Array.from(mask, (m) => m * k);
}

/**
 * The cell weights of lossAndGrads for a batch: a B×p array for the mask-taking architectures,
 * a number (or undefined, the plain VAE's original) for complete data without a mask.
 */
export function cellWeights(objective: ReconObjective, mask: Float32Array | null, rows: number, cols: number): Float32Array | number | undefined {
  if (!mask) return objective === 'observed-sum' ? undefined : 1 / (rows * cols);
  return objective === 'observed-sum' ? observedSumCellWeights(mask, rows) : maskedCellWeights(mask, rows, cols);
}
