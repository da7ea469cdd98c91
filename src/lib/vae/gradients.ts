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
 *
 * Written once over TensorOps (ops.ts): tf's public ops on any backend, or the wasm backend's
 * kernels called directly (wasm-ops.ts), with the same bits.
 */
import { HALF_LOG_2PI, type ReconObjective } from './loss';
import type { TensorOps } from './ops';
import type { VaeSpec } from './spec';

export interface LossAndGrads<T> {
  /** a scalar */
  readonly loss: T;
  readonly grads: Record<string, T>;
}

/** The per-step random inputs (network.ts's StepNoise) over any tensor type. */
export interface Noise<T> {
  readonly eps: T;
  readonly dropEnc?: T;
  readonly dropDec?: T;
}

const dense = <T>(o: TensorOps<T>, x: T, P: Record<string, T>, name: string, activation?: 'relu'): T => o.dense(x, P[`${name}.W`], P[`${name}.b`], activation);

/** dσ(a)·a/da for SiLU, from a and σ(a): σ(1 + a(1 − σ)). */
const siluGrad = <T>(o: TensorOps<T>, a: T, sig: T): T => o.mul(sig, o.add(1, o.mul(a, o.sub(1, sig))));

/** dy Wᵀ, by an explicit transpose: the matmul kernel with transposeB takes a slow path on wasm. */
const backThrough = <T>(o: TensorOps<T>, dy: T, P: Record<string, T>, name: string): T => o.matMul(dy, o.transpose(P[`${name}.W`]));

/** Weight-and-bias gradients of y = x W + b from dy. */
function linearGrads<T>(o: TensorOps<T>, grads: Record<string, T>, name: string, x: T, dy: T): void {
  // wasm's BatchMatMul takes a slow path for transposed operands (4× slower at batch 256):
  // an explicit transpose first is cheaper.
  grads[`${name}.W`] = o.matMul(o.transpose(x), dy);
  grads[`${name}.b`] = o.sum(dy, 0);
}

/** What the encoder's backward pass needs from its forward pass. */
interface EncoderPass<T> {
  readonly h: T;
  readonly filled: T | null;
  readonly ax: T | null;
  readonly sigX: T | null;
  readonly am1: T | null;
  readonly sigM1: T | null;
  readonly sm1: T | null;
  readonly mu: T;
  readonly lv: T;
  /** exp(lv / 2) */
  readonly s: T;
}

function encoderForward<T>(o: TensorOps<T>, spec: VaeSpec, P: Record<string, T>, x: T, mask: T | null, noise: Noise<T>): EncoderPass<T> {
  const B = o.shape(x)[0];
  const L = spec.latentDim;
  let h: T;
  let filled: T | null = null;
  let ax: T | null = null;
  let sigX: T | null = null;
  let am1: T | null = null;
  let sigM1: T | null = null;
  let sm1: T | null = null;
  if (spec.kind === 'plain') {
    h = dense(o, x, P, 'enc', 'relu');
  } else {
    const m = mask as T;
    filled = spec.kind === 'miwae' ? x : o.add(x, o.mul(P.fill, o.sub(1, m))); // x is 0 where missing: MIWAE zero-fills
    ax = dense(o, filled, P, 'encX');
    sigX = o.sigmoid(ax);
    let hx = o.mul(ax, sigX);
    if (noise.dropEnc) hx = o.mul(hx, noise.dropEnc);
    am1 = dense(o, m, P, 'encM1');
    sigM1 = o.sigmoid(am1);
    sm1 = o.mul(am1, sigM1);
    h = o.add(hx, dense(o, sm1, P, 'encM2'));
  }
  const e = dense(o, h, P, 'encHead');
  const mu = o.slice(e, [0, 0], [B, L]);
  const lv = o.slice(e, [0, L], [B, L]);
  const s = o.exp(o.mul(lv, 0.5));
  return { h, filled, ax, sigX, am1, sigM1, sm1, mu, lv, s };
}

/** Gradients of every encoder parameter from dLoss/dμ and dLoss/dlog σ². */
function encoderBackward<T>(o: TensorOps<T>, spec: VaeSpec, P: Record<string, T>, x: T, mask: T | null, noise: Noise<T>, f: EncoderPass<T>, dMu: T, dLv: T, grads: Record<string, T>): void {
  const dE = o.concat([dMu, dLv], 1);
  linearGrads(o, grads, 'encHead', f.h, dE);
  const dH = backThrough(o, dE, P, 'encHead');
  if (spec.kind === 'plain') {
    linearGrads(o, grads, 'enc', x, o.mul(dH, o.step(f.h)));
    return;
  }
  const dHx = noise.dropEnc ? o.mul(dH, noise.dropEnc) : dH;
  const dAx = o.mul(dHx, siluGrad(o, f.ax as T, f.sigX as T));
  linearGrads(o, grads, 'encX', f.filled as T, dAx);
  if (spec.kind === 'masked') {
    const dFilled = backThrough(o, dAx, P, 'encX');
    grads.fill = o.sum(o.mul(dFilled, o.sub(1, mask as T)), 0);
  }
  linearGrads(o, grads, 'encM2', f.sm1 as T, dH);
  const dSm1 = backThrough(o, dH, P, 'encM2');
  linearGrads(o, grads, 'encM1', mask as T, o.mul(dSm1, siluGrad(o, f.am1 as T, f.sigM1 as T)));
}

/** What the decoder's backward pass needs from its forward pass, and its outputs. */
interface DecoderPass<T> {
  readonly hd: T;
  readonly a2: T | null;
  readonly sig2: T | null;
  readonly mean: T;
  readonly rawLv: T;
  /** the log-variance after the clamp */
  readonly olv: T;
}

function decoderForward<T>(o: TensorOps<T>, spec: VaeSpec, P: Record<string, T>, z: T, noise: Noise<T>): DecoderPass<T> {
  const rows = o.shape(z)[0];
  const p = spec.inputDim;
  let hd: T;
  let a2: T | null = null;
  let sig2: T | null = null;
  if (spec.kind === 'plain') {
    hd = dense(o, z, P, 'dec', 'relu');
  } else {
    a2 = dense(o, z, P, 'dec');
    sig2 = o.sigmoid(a2);
    const hdPre = o.mul(a2, sig2);
    hd = noise.dropDec ? o.mul(hdPre, noise.dropDec) : hdPre;
  }
  const out = dense(o, hd, P, 'decHead');
  const mean = o.slice(out, [0, 0], [rows, p]);
  const rawLv = o.slice(out, [0, p], [rows, p]);
  const olv = spec.logVarClamp ? o.clip(rawLv, spec.logVarClamp[0], spec.logVarClamp[1]) : rawLv;
  return { hd, a2, sig2, mean, rawLv, olv };
}

/**
 * Decoder gradients from the cells' NLL terms weighted by `w` (loss = Σ w·nll + …): fills the
 * decoder's parameter gradients and returns dLoss/dz through the decoder. `rie` = (x − mean)·e^−olv,
 * `r2ie` = (x − mean)²·e^−olv.
 */
function decoderBackward<T>(o: TensorOps<T>, spec: VaeSpec, P: Record<string, T>, z: T, noise: Noise<T>, f: DecoderPass<T>, rie: T, r2ie: T, w: T | number, grads: Record<string, T>): T {
  const dMean = o.mul(rie, typeof w === 'number' ? -w : o.neg(w));
  let dOlv = o.mul(o.sub(1, r2ie), typeof w === 'number' ? 0.5 * w : o.mul(w, 0.5));
  // clipByValue passes gradient only inside [lo, hi], as torch.clamp does.
  if (spec.logVarClamp) dOlv = o.mul(dOlv, o.equalMask(f.rawLv, f.olv));
  const dO = o.concat([dMean, dOlv], 1);
  linearGrads(o, grads, 'decHead', f.hd, dO);
  const dHd = backThrough(o, dO, P, 'decHead');
  let dA2: T;
  if (spec.kind === 'plain') {
    dA2 = o.mul(dHd, o.step(f.hd));
  } else {
    const dPre = noise.dropDec ? o.mul(dHd, noise.dropDec) : dHd;
    dA2 = o.mul(dPre, siluGrad(o, f.a2 as T, f.sig2 as T));
  }
  linearGrads(o, grads, 'dec', z, dA2);
  return backThrough(o, dA2, P, 'dec');
}

/** Per-cell Gaussian NLL ½(olv + r²e^−olv) + ½ log 2π, with the intermediates the backward pass reuses. */
function cellNll<T>(o: TensorOps<T>, x: T, f: DecoderPass<T>): { cell: T; rie: T; r2ie: T } {
  const ie = o.exp(o.neg(f.olv));
  const r = o.sub(x, f.mean);
  const rie = o.mul(r, ie);
  const r2ie = o.mul(r, rie);
  return { cell: o.add(o.mul(o.add(f.olv, r2ie), 0.5), HALF_LOG_2PI), rie, r2ie };
}

/**
 * `cellWeight`: a B×p tensor from cellWeights, or one number for every cell; omitted, every
 * cell weighs 1/B (the plain VAE's sum over features). The mask-taking architectures need a
 * tensor. `x` has missing cells as 0. `klWeight` is β (1: the ELBO).
 */
export function lossAndGrads<T>(o: TensorOps<T>, spec: VaeSpec, P: Record<string, T>, x: T, mask: T | null, noise: Noise<T>, cellWeight?: T | number, klWeight = 1): LossAndGrads<T> {
  const B = o.shape(x)[0];
  const invB = 1 / B;
  const klScale = klWeight * invB; // exactly invB when β = 1
  if (spec.kind !== 'plain' && (!mask || !cellWeight || typeof cellWeight === 'number')) throw new Error(`lossAndGrads: the ${spec.kind} VAE needs a mask and per-cell weights (cellWeights)`);
  const grads: Record<string, T> = {};

  // ---- forward ----
  const enc = encoderForward(o, spec, P, x, mask, noise);
  const { mu, lv, s } = enc;
  const z = o.add(mu, o.mul(s, noise.eps));
  const dec = decoderForward(o, spec, P, z, noise);
  const { cell, rie, r2ie } = cellNll(o, x, dec);
  const recon = cellWeight === undefined ? o.mul(o.sum(cell), invB) : typeof cellWeight === 'number' ? o.mul(o.sum(cell), cellWeight) : o.sum(o.mul(cell, cellWeight));
  const el = o.square(s); // exp(lv)
  const klSum = o.sum(o.sub(o.sub(o.add(lv, 1), o.square(mu)), el));
  const loss = o.add(recon, o.mul(klSum, -0.5 * klScale));

  // ---- backward ----
  const dz = decoderBackward(o, spec, P, z, noise, dec, rie, r2ie, cellWeight ?? invB, grads);
  const dMu = o.add(dz, o.mul(mu, klScale));
  // z = μ + exp(lv/2)ε → ∂z/∂lv = ½ s ε; KL: ∂/∂lv of −½β(1 + lv − e^lv)/B = ½β(e^lv − 1)/B
  const dLv = o.add(o.mul(o.mul(dz, noise.eps), o.mul(s, 0.5)), o.mul(o.sub(el, 1), 0.5 * klScale));
  encoderBackward(o, spec, P, x, mask, noise, enc, dMu, dLv, grads);
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
export function miwaeLossAndGrads<T>(o: TensorOps<T>, spec: VaeSpec, P: Record<string, T>, x: T, mask: T, eps: T): LossAndGrads<T> {
  if (spec.kind !== 'miwae') throw new Error(`miwaeLossAndGrads: the MIWAE architecture only, got ${spec.kind}`);
  const B = o.shape(x)[0];
  const KB = o.shape(eps)[0];
  const L = spec.latentDim;
  if (KB % B !== 0 || o.shape(eps)[1] !== L) throw new Error(`miwaeLossAndGrads: eps must be (K·${B}) × ${L}, got ${o.shape(eps).join('×')}`);
  const K = KB / B;
  const noise: Noise<T> = { eps };
  const grads: Record<string, T> = {};
  const tileK = (t: T): T => (K === 1 ? t : o.tile(t, [K, 1]));

  // ---- forward: B encoder rows, K·B decoder rows ----
  const enc = encoderForward(o, spec, P, x, mask, noise);
  const lvT = tileK(enc.lv);
  const sT = tileK(enc.s);
  const z = o.add(tileK(enc.mu), o.mul(sT, eps));
  const dec = decoderForward(o, spec, P, z, noise);
  const mT = tileK(mask);
  const { cell, rie, r2ie } = cellNll(o, tileK(x), dec);
  const nll = o.sum(o.mul(cell, mT), 1);
  // log p(z) − log q(z|x) = Σ_l ½(log σ² + ε² − z²): the ½ log 2π constants cancel.
  const logPrior = o.mul(o.sum(o.sub(o.add(lvT, o.square(eps)), o.square(z)), 1), 0.5);
  const logW = o.reshape(o.sub(logPrior, nll), [K, B]);
  const top = o.max(logW, 0, true);
  const ex = o.exp(o.sub(logW, top));
  const total = o.sum(ex, 0);
  const bound = o.sub(o.add(o.reshape(top, [B]), o.log(total)), Math.log(K));
  const loss = o.neg(o.mean(bound));

  // ---- backward ----
  const g = o.reshape(o.div(ex, o.mul(total, B)), [KB, 1]); // a_ki / B, sample-major
  const dzDec = decoderBackward(o, spec, P, z, noise, dec, rie, r2ie, o.mul(mT, g), grads);
  const dz = o.add(dzDec, o.mul(z, g));
  const untile = (t: T): T => (K === 1 ? t : o.sum(o.reshape(t, [K, B, L]), 0));
  const dMu = untile(dz);
  const dLv = untile(o.sub(o.mul(o.mul(dz, eps), o.mul(sT, 0.5)), o.mul(g, 0.5)));
  encoderBackward(o, spec, P, x, mask, noise, enc, dMu, dLv, grads);
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
