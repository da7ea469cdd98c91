/**
 * The training loop: shuffled mini-batches, Adam, test loss each epoch, early stopping that
 * restores a real copy of the best weights, per-epoch progress, cancellation, NaN guard.
 */
import * as tf from '@tensorflow/tfjs';
import type { Matrix } from '../linalg';
import { createRng, permutation, type Rng } from '../random';
import { adamStep, createAdam, type AdamState } from './adam';
import { cellWeights, lossAndGrads, miwaeLossAndGrads, type LossAndGrads } from './gradients';
import { gatherRows, importanceNoise, toVaeData, type VaeData } from './batch';
import { defaultObjective, type LossParts, type ReconObjective } from './loss';
import { miwaeObjective } from './miwae';
import { drawNoise, drawNoiseArrays, objective, paramArrays, paramTensors } from './objective';
import { TF_OPS, type TensorOps } from './ops';
import { activeWasmBackend, wasmScope } from './wasm-ops';
import { cloneVae, type Params, type Vae } from './params';
import { paramShapes } from './spec';

export interface TrainOptions {
  readonly learningRate: number;
  readonly batchSize?: number; // 32
  readonly maxEpochs?: number; // 1000
  readonly patience?: number; // 10
  /** an epoch "improves" when test loss < best − minDelta */
  readonly minDelta?: number; // 1e-4
  /** 'manual' (default): hand-derived gradients, ~3× fewer kernels; 'autodiff': tf.valueAndGrads, the reference. */
  readonly gradients?: 'manual' | 'autodiff';
  /** the ELBO's reconstruction term (see ReconObjective); default: the architecture's original. MIWAE: 'observed-sum' only */
  readonly objective?: ReconObjective;
  /**
   * KL warm-up: β rises linearly, step by step, from 0 to 1 over this many epochs (0, the
   * default: none). The test loss stays the β = 1 objective, and patience only starts counting
   * once β = 1, so a fit cannot stop before the warm-up ends.
   */
  readonly klWarmupEpochs?: number;
  /** K, importance samples per row of MIWAE's bound (MIWAE only; required there) */
  readonly importanceSamples?: number;
}

/** The objective one step or evaluation computes: the ELBO with a reconstruction rule and β, or the K-sample bound. */
export interface StepObjective {
  readonly objective?: ReconObjective;
  /** β, the KL weight (default 1) */
  readonly klWeight?: number;
  /** K for MIWAE */
  readonly samples?: number;
}

export interface EpochRecord {
  /** 1-based */
  readonly epoch: number;
  /** mean training objective over the epoch's batches (weighted by batch size; dropout on) */
  readonly trainLoss: number;
  /** objective on the whole test set, evaluation mode (no dropout, z sampled) */
  readonly testLoss: number;
  /** mean KL term on the test set, the latent audit's first signal (MIWAE: the encoder's analytic KL, a diagnostic) */
  readonly kl: number;
  /** mean reconstruction term on the test set, in the objective's units (test loss = recon + kl for the ELBO) */
  readonly recon: number;
  /** mean over test rows of the NLL summed over observed cells, −log p(x_o | z), whatever the objective */
  readonly nll: number;
  /** β at the epoch's last step (1 without warm-up) */
  readonly beta: number;
}

export interface EpochProgress extends EpochRecord {
  readonly maxEpochs: number;
  readonly bestEpoch: number;
  readonly bestTestLoss: number;
}

export interface TrainHooks {
  /** called after every epoch; `live` is the model being trained (read it, don't keep it) */
  readonly onEpoch?: (p: EpochProgress, live: Vae) => void;
  /** aborting stops training within one step, rejecting with the signal's reason */
  readonly signal?: AbortSignal;
}

export type StopReason = 'patience' | 'max-epochs';

export interface TrainResult {
  /** the best-test-loss weights (a copy; the input model is not modified) */
  readonly model: Vae;
  readonly history: EpochRecord[];
  readonly epochsRun: number;
  readonly bestEpoch: number;
  readonly bestTestLoss: number;
  readonly stoppedBy: StopReason;
}

export interface TrainData {
  readonly train: Matrix;
  readonly test: Matrix;
}

function resolve(o: TrainOptions, kind: Vae['spec']['kind']) {
  const r = {
    gradients: o.gradients ?? 'manual',
    learningRate: o.learningRate,
    batchSize: o.batchSize ?? 32,
    maxEpochs: o.maxEpochs ?? 1000,
    patience: o.patience ?? 10,
    minDelta: o.minDelta ?? 1e-4,
    objective: o.objective ?? defaultObjective(kind),
    klWarmupEpochs: o.klWarmupEpochs ?? 0,
    samples: o.importanceSamples,
  };
  if (r.objective !== 'cell-mean' && r.objective !== 'observed-sum') throw new Error(`train: objective must be 'cell-mean' or 'observed-sum', got ${String(r.objective)}`);
  if (!Number.isInteger(r.klWarmupEpochs) || r.klWarmupEpochs < 0) throw new Error(`train: klWarmupEpochs must be a whole number ≥ 0, got ${r.klWarmupEpochs}`);
  if (kind === 'miwae') {
    if (r.samples === undefined || !Number.isInteger(r.samples) || r.samples < 1) throw new Error(`train: MIWAE needs importanceSamples, a positive integer K (e.g. 20), got ${String(r.samples)}`);
    if (r.objective !== 'observed-sum') throw new Error("train: MIWAE's bound sums over observed cells; objective must be 'observed-sum'");
    if (r.klWarmupEpochs > 0) throw new Error('train: KL warm-up is not defined for MIWAE (its bound has no separate KL term)');
  } else if (r.samples !== undefined) throw new Error(`train: importanceSamples applies to MIWAE only, not the ${kind} VAE`);
  if (!Number.isInteger(r.batchSize) || r.batchSize < 1) throw new Error(`train: batchSize must be a positive integer, got ${r.batchSize}`);
  if (!Number.isInteger(r.maxEpochs) || r.maxEpochs < 1) throw new Error(`train: maxEpochs must be a positive integer, got ${r.maxEpochs}`);
  if (!Number.isInteger(r.patience) || r.patience < 1) throw new Error(`train: patience must be a positive integer, got ${r.patience}`);
  if (!(r.minDelta >= 0)) throw new Error(`train: minDelta must be ≥ 0, got ${r.minDelta}`);
  return r;
}

function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw signal.reason ?? new DOMException('VAE training was cancelled', 'AbortError');
}

/** One optimisation step in place; returns the batch loss. */
export function step(model: Vae, adam: AdamState, d: VaeData, order: ArrayLike<number>, start: number, end: number, rng: Rng, gradients: 'manual' | 'autodiff' = 'manual', o: StepObjective = {}): number {
  const { spec } = model;
  const names = paramShapes(spec).map((s) => s.name);
  const b = gatherRows(d, order, start, end);
  const n = end - start;
  const batch: Batch = { x: b.x, mask: b.mask, rows: n, objective: o.objective ?? defaultObjective(spec.kind), klWeight: o.klWeight ?? 1, samples: o.samples };
  if (gradients === 'manual') {
    // On wasm, its kernels called directly (the same bits as tf's ops, without tf-core's per-op cost).
    const wasm = activeWasmBackend();
    if (wasm) {
      const scope = wasmScope(wasm);
      try {
        const r = manualLossAndGrads(scope.ops, model, batch, rng);
        // Adam reads the gradients in place on the wasm heap
        return update(adam, model, scope.view(r.loss)[0], names, (k) => scope.view(r.grads[k]));
      } finally {
        scope.dispose();
      }
    }
    const r = tf.tidy(() => ({ ...manualLossAndGrads(TF_OPS, model, batch, rng) }));
    try {
      return update(adam, model, r.loss.dataSync()[0], names, (k) => r.grads[k].dataSync() as Float32Array);
    } finally {
      tf.dispose([r.loss, ...Object.values(r.grads)]);
    }
  }
  // tf autodiff of the reference objective
  const { value, grads } = tf.tidy(() => {
    const x = tf.tensor2d(b.x, [n, spec.inputDim]);
    const mask = b.mask ? tf.tensor2d(b.mask, [n, spec.inputDim]) : null;
    const P = paramTensors(spec, model.params);
    let f: (...ts: tf.Tensor[]) => tf.Scalar;
    if (spec.kind === 'miwae') {
      const K = o.samples ?? 1;
      const eps = tf.tensor2d(importanceNoise(rng, K, n, spec.latentDim), [K * n, spec.latentDim]);
      f = (...ts) => miwaeObjective(spec, Object.fromEntries(names.map((k, i) => [k, ts[i]])), x, mask, eps).total;
    } else {
      const noise = drawNoise(spec, rng, n, true);
      f = (...ts) => objective(spec, Object.fromEntries(names.map((k, i) => [k, ts[i]])), x, mask, noise, { objective: batch.objective, klWeight: batch.klWeight }).total;
    }
    return tf.valueAndGrads(f)(names.map((k) => P[k]));
  });
  try {
    return update(adam, model, value.dataSync()[0], names, (k) => grads[names.indexOf(k)].dataSync() as Float32Array);
  } finally {
    tf.dispose([value, ...grads]);
  }
}

/** A batch and the objective one step computes on it. */
interface Batch {
  readonly x: Float32Array;
  readonly mask: Float32Array | null;
  readonly rows: number;
  readonly objective: ReconObjective;
  readonly klWeight: number;
  /** K, MIWAE only */
  readonly samples: number | undefined;
}

/**
 * The hand-derived loss and gradients of one batch on `ops`. Noise is drawn in the fixed order
 * (MIWAE: its K·B draws; the ELBO: ε, then the dropout masks), whatever `ops` is.
 */
function manualLossAndGrads<T>(ops: TensorOps<T>, model: Vae, b: Batch, rng: Rng): LossAndGrads<T> {
  const { spec } = model;
  const p = spec.inputDim;
  const n = b.rows;
  const P: Record<string, T> = {};
  for (const a of paramArrays(spec, model.params)) P[a.name] = ops.tensor(a.values, a.shape);
  const x = ops.tensor(b.x, [n, p]);
  const mask = b.mask ? ops.tensor(b.mask, [n, p]) : null;
  if (spec.kind === 'miwae') {
    const K = b.samples ?? 1;
    return miwaeLossAndGrads(ops, spec, P, x, mask as T, ops.tensor(importanceNoise(rng, K, n, spec.latentDim), [K * n, spec.latentDim]));
  }
  const a = drawNoiseArrays(spec, rng, n, true);
  const h = spec.hiddenDim;
  const noise = {
    eps: ops.tensor(a.eps, [n, spec.latentDim]),
    ...(a.dropEnc && a.dropDec ? { dropEnc: ops.tensor(a.dropEnc, [n, h]), dropDec: ops.tensor(a.dropDec, [n, h]) } : {}),
  };
  const cw = cellWeights(b.objective, b.mask, n, p);
  return lossAndGrads(ops, spec, P, x, mask, noise, cw instanceof Float32Array ? ops.tensor(cw, [n, p]) : cw, b.klWeight);
}

/** Adam on the step's gradients, after checking the batch loss is finite (before the weights are touched). */
function update(adam: AdamState, model: Vae, loss: number, names: readonly string[], grad: (name: string) => Float32Array): number {
  if (!Number.isFinite(loss)) throw new Error(`VAE training diverged: the batch loss is ${loss} at Adam step ${adam.t + 1}. Lower the learning rate, or check the data for extreme values.`);
  const g: Record<string, Float32Array> = {};
  for (const k of names) g[k] = grad(k);
  adamStep(adam, model.params, g);
  return loss;
}

export interface Evaluation {
  /** the objective at β = 1 (MIWAE: −bound), mean per row */
  readonly loss: number;
  readonly kl: number;
  readonly recon: number;
  readonly nll: number;
}

/** Objective and its terms (means per row) on a whole data set, in chunks, evaluation mode. */
export function evaluate(model: Vae, d: VaeData, rng: Rng, chunk = 4096, o: StepObjective = {}): Evaluation {
  const { spec } = model;
  const sums = { loss: 0, kl: 0, recon: 0, nll: 0 };
  const all = Uint32Array.from({ length: d.rows }, (_, i) => i);
  const recon = o.objective ?? defaultObjective(spec.kind);
  for (let s = 0; s < d.rows; s += chunk) {
    const e = Math.min(d.rows, s + chunk);
    const n = e - s;
    const b = gatherRows(d, all, s, e);
    const v = tf.tidy(() => {
      const x = tf.tensor2d(b.x, [n, spec.inputDim]);
      const mask = b.mask ? tf.tensor2d(b.mask, [n, spec.inputDim]) : null;
      const P = paramTensors(spec, model.params);
      let parts: LossParts;
      if (spec.kind === 'miwae') {
        const K = o.samples ?? 1;
        parts = miwaeObjective(spec, P, x, mask, tf.tensor2d(importanceNoise(rng, K, n, spec.latentDim), [K * n, spec.latentDim]));
      } else {
        parts = objective(spec, P, x, mask, drawNoise(spec, rng, n, false), { objective: recon });
      }
      return { loss: parts.total.dataSync()[0], kl: parts.kl.dataSync()[0], recon: parts.recon.dataSync()[0], nll: parts.nll.dataSync()[0] };
    });
    for (const k of ['loss', 'kl', 'recon', 'nll'] as const) sums[k] += v[k] * n;
  }
  return { loss: sums.loss / d.rows, kl: sums.kl / d.rows, recon: sums.recon / d.rows, nll: sums.nll / d.rows };
}

/** β of a linear KL warm-up at step `b` of `nb` in 1-based `epoch`; 1 once `warmup` epochs have passed (or with none). */
export function klWeightAt(epoch: number, b: number, nb: number, warmup: number): number {
  if (warmup <= 0) return 1;
  return Math.min(1, (epoch - 1 + b / nb) / warmup);
}

const nextTick = () => new Promise<void>((r) => setTimeout(r, 0));

/**
 * Trains a copy of `initial`. Randomness (shuffles, ε, dropout, test-loss ε) comes only from
 * `rng`, split into two sub-streams so evaluation draws never shift the training noise.
 */
export async function trainVae(initial: Vae, data: TrainData, options: TrainOptions, rng: Rng, hooks: TrainHooks = {}): Promise<TrainResult> {
  const o = resolve(options, initial.spec.kind);
  const train = toVaeData(initial.spec, data.train, 'training data');
  const test = toVaeData(initial.spec, data.test, 'test data');
  const trainRng = createRng(rng.nextUint32());
  const evalRng = createRng(rng.nextUint32());
  const model = cloneVae(initial);
  const adam = createAdam(model.params, { learningRate: o.learningRate });
  const history: EpochRecord[] = [];
  let best: Params = cloneVae(model).params;
  let bestEpoch = 0;
  let bestTestLoss = Infinity;
  let sinceBest = 0;
  let stoppedBy: StopReason = 'max-epochs';
  const nb = Math.ceil(train.rows / o.batchSize);
  for (let epoch = 1; epoch <= o.maxEpochs; epoch++) {
    throwIfAborted(hooks.signal);
    const order = permutation(trainRng, train.rows);
    let sum = 0;
    let beta = 1;
    for (let s = 0, bi = 0; s < train.rows; s += o.batchSize, bi++) {
      throwIfAborted(hooks.signal);
      const e = Math.min(train.rows, s + o.batchSize);
      beta = klWeightAt(epoch, bi, nb, o.klWarmupEpochs);
      sum += step(model, adam, train, order, s, e, trainRng, o.gradients, { objective: o.objective, klWeight: beta, samples: o.samples }) * (e - s);
    }
    const trainLoss = sum / train.rows;
    const ev = evaluate(model, test, evalRng, undefined, { objective: o.objective, samples: o.samples });
    if (!Number.isFinite(ev.loss)) throw new Error(`VAE training diverged: the test loss is ${ev.loss} at epoch ${epoch}. Lower the learning rate, or check the data for extreme values.`);
    const record: EpochRecord = { epoch, trainLoss, testLoss: ev.loss, kl: ev.kl, recon: ev.recon, nll: ev.nll, beta };
    history.push(record);
    if (ev.loss < bestTestLoss - o.minDelta) {
      bestTestLoss = ev.loss;
      bestEpoch = epoch;
      sinceBest = 0;
      // slice() copies: the original kept references to live tensors and so restored nothing.
      best = cloneVae(model).params;
    } else if (epoch > o.klWarmupEpochs) {
      sinceBest++;
    }
    hooks.onEpoch?.({ ...record, maxEpochs: o.maxEpochs, bestEpoch, bestTestLoss }, model);
    if (sinceBest >= o.patience) {
      stoppedBy = 'patience';
      break;
    }
    await nextTick(); // let an abort (or a worker message) be delivered between epochs
  }
  return { model: { spec: model.spec, params: best }, history, epochsRun: history.length, bestEpoch, bestTestLoss, stoppedBy };
}
