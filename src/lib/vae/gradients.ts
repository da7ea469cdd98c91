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

/** What the encoder's backward pass needs from its forward pass. */
interface EncoderPass {
  readonly h: T2;
  readonly filled: T2 | null;
  readonly ax: T2 | null;
  readonly sigX: T2 | null;
  readonly am1: T2 | null;
  readonly sigM1: T2 | null;
  readonly sm1: T2 | null;
  readonly mu: T2;
  readonly lv: T2;
  /** exp(lv / 2) */
  readonly s: T2;
}

function encoderForward(spec: VaeSpec, P: ParamTensors, x: T2, mask: T2 | null, noise: StepNoise): EncoderPass {
  const B = x.shape[0];
  const L = spec.latentDim;
  let h: T2;
  let filled: T2 | null = null;
  let ax: T2 | null = null;
  let sigX: T2 | null = null;
  let am1: T2 | null = null;
  let sigM1: T2 | null = null;
  let sm1: T2 | null = null;
  if (spec.kind === 'plain') {
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
  return { h, filled, ax, sigX, am1, sigM1, sm1, mu, lv, s };
}

/** Gradients of every encoder parameter from dLoss/dμ and dLoss/dlog σ². */
function encoderBackward(spec: VaeSpec, P: ParamTensors, x: T2, mask: T2 | null, noise: StepNoise, f: EncoderPass, dMu: T2, dLv: T2, grads: Record<string, tf.Tensor>): void {
  const dE = tf.concat([dMu, dLv], 1);
  linearGrads(grads, 'encHead', f.h, dE);
  const dH = backThrough(dE, P, 'encHead');
  if (spec.kind === 'plain') {
    linearGrads(grads, 'enc', x, tf.mul(dH, tf.step(f.h)));
    return;
  }
  const dHx = noise.dropEnc ? tf.mul(dH, noise.dropEnc) : dH;
  const dAx = tf.mul(dHx, siluGrad(f.ax as T2, f.sigX as T2));
  linearGrads(grads, 'encX', f.filled as T2, dAx);
  if (spec.kind === 'masked') {
    const dFilled = backThrough(dAx, P, 'encX');
    grads.fill = tf.sum(tf.mul(dFilled, tf.sub(1, mask as T2)), 0);
  }
  linearGrads(grads, 'encM2', f.sm1 as T2, dH);
  const dSm1 = backThrough(dH, P, 'encM2');
  linearGrads(grads, 'encM1', mask as T2, tf.mul(dSm1, siluGrad(f.am1 as T2, f.sigM1 as T2)));
}

/** What the decoder's backward pass needs from its forward pass, and its outputs. */
interface DecoderPass {
  readonly hd: T2;
  readonly a2: T2 | null;
  readonly sig2: T2 | null;
  readonly mean: T2;
  readonly rawLv: T2;
  /** the log-variance after the clamp */
  readonly olv: T2;
}

function decoderForward(spec: VaeSpec, P: ParamTensors, z: T2, noise: StepNoise): DecoderPass {
  const rows = z.shape[0];
  const p = spec.inputDim;
  let hd: T2;
  let a2: T2 | null = null;
  let sig2: T2 | null = null;
  if (spec.kind === 'plain') {
    hd = dense(z, P, 'dec', 'relu');
  } else {
    a2 = dense(z, P, 'dec');
    sig2 = tf.sigmoid(a2);
    const hdPre = tf.mul(a2, sig2);
    hd = noise.dropDec ? tf.mul(hdPre, noise.dropDec) : hdPre;
  }
  const o = dense(hd, P, 'decHead');
  const mean = tf.slice(o, [0, 0], [rows, p]);
  const rawLv = tf.slice(o, [0, p], [rows, p]);
  const olv = spec.logVarClamp ? tf.clipByValue(rawLv, spec.logVarClamp[0], spec.logVarClamp[1]) : rawLv;
  return { hd, a2, sig2, mean, rawLv, olv };
}

/**
 * Decoder gradients from the cells' NLL terms weighted by `w` (loss = Σ w·nll + …): fills the
 * decoder's parameter gradients and returns dLoss/dz through the decoder. `rie` = (x − mean)·e^−olv,
 * `r2ie` = (x − mean)²·e^−olv.
 */
function decoderBackward(spec: VaeSpec, P: ParamTensors, z: T2, noise: StepNoise, f: DecoderPass, rie: T2, r2ie: T2, w: T2 | number, grads: Record<string, tf.Tensor>): T2 {
  const dMean = tf.mul(rie, typeof w === 'number' ? -w : tf.neg(w));
  let dOlv = tf.mul(tf.sub(1, r2ie), typeof w === 'number' ? 0.5 * w : tf.mul(w, 0.5));
  // clipByValue passes gradient only inside [lo, hi], as torch.clamp does.
  if (spec.logVarClamp) dOlv = tf.mul(dOlv, tf.cast(tf.equal(f.rawLv, f.olv), 'float32'));
  const dO = tf.concat([dMean, dOlv], 1);
  linearGrads(grads, 'decHead', f.hd, dO);
  const dHd = backThrough(dO, P, 'decHead');
  let dA2: T2;
  if (spec.kind === 'plain') {
    dA2 = tf.mul(dHd, tf.step(f.hd));
  } else {
    const dPre = noise.dropDec ? tf.mul(dHd, noise.dropDec) : dHd;
    dA2 = tf.mul(dPre, siluGrad(f.a2 as T2, f.sig2 as T2));
  }
  linearGrads(grads, 'dec', z, dA2);
  return backThrough(dA2, P, 'dec');
}

/** Per-cell Gaussian NLL ½(olv + r²e^−olv) + ½ log 2π, with the intermediates the backward pass reuses. */
function cellNll(x: T2, f: DecoderPass): { cell: T2; rie: T2; r2ie: T2 } {
  const ie = tf.exp(tf.neg(f.olv));
  const r = tf.sub(x, f.mean);
  const rie = tf.mul(r, ie);
  const r2ie = tf.mul(r, rie);
  return { cell: tf.add(tf.mul(tf.add(f.olv, r2ie), 0.5), HALF_LOG_2PI), rie, r2ie };
}

/**
 * `cellWeight`: a B×p tensor from cellWeights, or one number for every cell; omitted, every
 * cell weighs 1/B (the plain VAE's sum over features). The mask-taking architectures need a
 * tensor. `x` has missing cells as 0. `klWeight` is β (1: the ELBO).
 */
export function lossAndGrads(spec: VaeSpec, P: ParamTensors, x: T2, mask: T2 | null, noise: StepNoise, cellWeight?: T2 | number, klWeight = 1): LossAndGrads {
  const B = x.shape[0];
  const invB = 1 / B;
  const klScale = klWeight * invB; // exactly invB when β = 1
  if (spec.kind !== 'plain' && (!mask || !cellWeight || typeof cellWeight === 'number')) throw new Error(`lossAndGrads: the ${spec.kind} VAE needs a mask and per-cell weights (cellWeights)`);
  const grads: Record<string, tf.Tensor> = {};

  // ---- forward ----
  const enc = encoderForward(spec, P, x, mask, noise);
  const { mu, lv, s } = enc;
  const z = tf.add(mu, tf.mul(s, noise.eps));
  const dec = decoderForward(spec, P, z, noise);
  const { cell, rie, r2ie } = cellNll(x, dec);
  const recon = cellWeight === undefined ? tf.mul(tf.sum(cell), invB) : typeof cellWeight === 'number' ? tf.mul(tf.sum(cell), cellWeight) : tf.sum(tf.mul(cell, cellWeight));
  const el = tf.square(s); // exp(lv)
  const klSum = tf.sum(tf.sub(tf.sub(tf.add(lv, 1), tf.square(mu)), el));
  const loss = tf.add(recon, tf.mul(klSum, -0.5 * klScale)) as tf.Scalar;

  // ---- backward ----
  const dz = decoderBackward(spec, P, z, noise, dec, rie, r2ie, cellWeight ?? invB, grads);
  const dMu = tf.add(dz, tf.mul(mu, klScale));
  // z = μ + exp(lv/2)ε → ∂z/∂lv = ½ s ε; KL: ∂/∂lv of −½β(1 + lv − e^lv)/B = ½β(e^lv − 1)/B
  const dLv = tf.add(tf.mul(tf.mul(dz, noise.eps), tf.mul(s, 0.5)), tf.mul(tf.sub(el, 1), 0.5 * klScale));
  encoderBackward(spec, P, x, mask, noise, enc, dMu, dLv, grads);
  return { loss, grads };
}

/**
 * MIWAE's loss, −(batch mean of the K-sample bound), and its gradient (see miwae.ts for the
 * bound). With a_ki the normalised importance weights (softmax over k of log w), dLoss/dlog w_ki
 * = −a_ki/B, so each draw's decoder cells weigh a_ki·mask/B, and through the prior and the
 * reparameterisation dLoss/dz_ki gains (a_ki/B)·z_ki and dLoss/dlog σ²_i gains −½ Σ_k a_ki/B
 * (log q at z = μ + σε does not depend on μ). `eps` is (K·B) × L, sample-major as in miwae.ts;
 * `mask` is required (1 = observed). Checked against tf.grads of miwaeObjective in the tests.
 */
export function miwaeLossAndGrads(spec: VaeSpec, P: ParamTensors, x: T2, mask: T2, eps: T2): LossAndGrads {
  if (spec.kind !== 'miwae') throw new Error(`miwaeLossAndGrads: the MIWAE architecture only, got ${spec.kind}`);
  const B = x.shape[0];
  const KB = eps.shape[0];
  const L = spec.latentDim;
  if (KB % B !== 0 || eps.shape[1] !== L) throw new Error(`miwaeLossAndGrads: eps must be (K·${B}) × ${L}, got ${eps.shape.join('×')}`);
  const K = KB / B;
  const noise: StepNoise = { eps: eps as tf.Tensor2D };
  const grads: Record<string, tf.Tensor> = {};
  const tileK = (t: T2): T2 => (K === 1 ? t : tf.tile(t, [K, 1]));

  // ---- forward: B encoder rows, K·B decoder rows ----
  const enc = encoderForward(spec, P, x, mask, noise);
  const lvT = tileK(enc.lv);
  const sT = tileK(enc.s);
  const z = tf.add(tileK(enc.mu), tf.mul(sT, eps));
  const dec = decoderForward(spec, P, z, noise);
  const mT = tileK(mask);
  const { cell, rie, r2ie } = cellNll(tileK(x), dec);
  const nll = tf.sum(tf.mul(cell, mT), 1);
  // log p(z) − log q(z|x) = Σ_l ½(log σ² + ε² − z²): the ½ log 2π constants cancel.
  const logPrior = tf.mul(tf.sum(tf.sub(tf.add(lvT, tf.square(eps)), tf.square(z)), 1), 0.5);
  const logW = tf.reshape(tf.sub(logPrior, nll), [K, B]);
  const top = tf.max(logW, 0, true);
  const ex = tf.exp(tf.sub(logW, top));
  const total = tf.sum(ex, 0);
  const bound = tf.sub(tf.add(tf.reshape(top, [B]), tf.log(total)), Math.log(K));
  const loss = tf.neg(tf.mean(bound)) as tf.Scalar;

  // ---- backward ----
  const g = tf.reshape(tf.div(ex, tf.mul(total, B)), [KB, 1]); // a_ki / B, sample-major
  const dzDec = decoderBackward(spec, P, z, noise, dec, rie, r2ie, tf.mul(mT, g), grads);
  const dz = tf.add(dzDec, tf.mul(z, g));
  const untile = (t: T2): T2 => (K === 1 ? t : tf.sum(tf.reshape(t, [K, B, L]), 0));
  const dMu = untile(dz);
  const dLv = untile(tf.sub(tf.mul(tf.mul(dz, eps), tf.mul(sT, 0.5)), tf.mul(g, 0.5)));
  encoderBackward(spec, P, x, mask, noise, enc, dMu, dLv, grads);
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
