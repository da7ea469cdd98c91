/**
 * The wasm backend's kernels called directly (wasm-ops.ts) against tf's public ops (TF_OPS), on
 * the same inputs: the loss and every gradient must be the same float32 bits — a training run
 * and its committed result must not depend on which path computed them. Exact equality is the
 * tolerance because the two paths run the same kernels with the same attributes.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../../src/lib/random';
import {
  MASKED_SPEC,
  MIWAE_SPEC,
  PLAIN_SPEC,
  TF_OPS,
  activeWasmBackend,
  cellWeights,
  createAdam,
  createVae,
  dropoutMask,
  lossAndGrads,
  miwaeLossAndGrads,
  normals,
  paramArrays,
  paramShapes,
  step,
  toVaeData,
  wasmScope,
  type LossAndGrads,
  type ReconObjective,
  type TensorOps,
  type VaeSpec,
  type WasmTensor,
} from '../../../src/lib/vae';
import { simulatePopulation, maskMcar } from '../../../src/lib/data';
import { broadcast, rawKernels } from '../../../src/lib/vae/wasm-raw';
import { tfReady } from './setup';

beforeAll(tfReady);

interface Inputs {
  readonly B: number;
  readonly x: Float32Array;
  readonly mask: Float32Array;
  readonly eps: Float32Array;
  readonly dropEnc: Float32Array;
  readonly dropDec: Float32Array;
}

function inputs(spec: VaeSpec, B: number, K: number, seed: number): Inputs {
  const rng = createRng(seed);
  const x = normals(rng, B * 12);
  const mask = Float32Array.from({ length: B * 12 }, () => (rng.uniform() < 0.25 ? 0 : 1));
  for (let i = 0; i < x.length; i++) if (spec.kind !== 'plain' && !mask[i]) x[i] = 0;
  return { B, x, mask, eps: normals(rng, K * B * spec.latentDim), dropEnc: dropoutMask(rng, B * 64, 0.2), dropDec: dropoutMask(rng, B * 64, 0.2) };
}

/** Loss and gradients as plain arrays, computed with one implementation's ops. */
function run<T>(spec: VaeSpec, params: Record<string, Float32Array>, inp: Inputs, K: number, recon: ReconObjective, ops: TensorOps<T>, read: (t: T) => Float32Array) {
  const P: Record<string, T> = {};
  for (const a of paramArrays(spec, params)) P[a.name] = ops.tensor(a.values, a.shape);
  const { B } = inp;
  const X = ops.tensor(inp.x, [B, 12]);
  const masked = spec.kind !== 'plain';
  const M = masked ? ops.tensor(inp.mask, [B, 12]) : null;
  let r: LossAndGrads<T>;
  if (spec.kind === 'miwae') r = miwaeLossAndGrads(ops, spec, P, X, M as T, ops.tensor(inp.eps, [K * B, spec.latentDim]));
  else {
    const dropout = spec.dropout > 0;
    const noise = { eps: ops.tensor(inp.eps, [B, spec.latentDim]), ...(dropout ? { dropEnc: ops.tensor(inp.dropEnc, [B, 64]), dropDec: ops.tensor(inp.dropDec, [B, 64]) } : {}) };
    const cw = cellWeights(recon, masked ? inp.mask : null, B, 12);
    r = lossAndGrads(ops, spec, P, X, M, noise, cw instanceof Float32Array ? ops.tensor(cw, [B, 12]) : cw, 0.7);
  }
  const grads: Record<string, Float32Array> = {};
  for (const s of paramShapes(spec)) grads[s.name] = Float32Array.from(read(r.grads[s.name]));
  return { loss: read(r.loss)[0], grads };
}

function compare(spec: VaeSpec, B: number, K: number, recon: ReconObjective, clamp: boolean) {
  const rng = createRng(5);
  const model = createVae(spec, rng);
  if (spec.kind === 'masked') model.params.fill.set(normals(rng, 12));
  if (clamp) for (let i = 12; i < 24; i += 2) model.params['decHead.b'][i] = 7; // log-variances past the clamp
  const inp = inputs(spec, B, K, 9);
  const viaTf = tf.tidy(() => run(spec, model.params, inp, K, recon, TF_OPS, (t) => t.dataSync() as Float32Array));
  const backend = activeWasmBackend();
  expect(backend, 'the tests run on the wasm backend').not.toBeNull();
  const scope = wasmScope(backend!);
  let direct: ReturnType<typeof run<WasmTensor>>;
  try {
    direct = run(spec, model.params, inp, K, recon, scope.ops, scope.view);
  } finally {
    scope.dispose();
  }
  expect(Object.is(direct.loss, viaTf.loss), `loss ${direct.loss} vs ${viaTf.loss}`).toBe(true);
  for (const k of Object.keys(viaTf.grads)) expect(Buffer.from(direct.grads[k].buffer).equals(Buffer.from(viaTf.grads[k].buffer)), `gradient of ${k}`).toBe(true);
}

describe('direct wasm kernels give the bits of tf’s ops', () => {
  it('plain VAE, batch 32, cell-mean objective with β = 0.7', () => compare(PLAIN_SPEC, 32, 1, 'cell-mean', false));
  it('plain VAE, a last batch of one row (identity-like transposes alias their input)', () => compare(PLAIN_SPEC, 1, 1, 'observed-sum', false));
  it('masked VAE, batch 32, dropout and the clamp active', () => compare(MASKED_SPEC, 32, 1, 'cell-mean', true));
  it('masked VAE, batch 7, observed-sum objective', () => compare(MASKED_SPEC, 7, 1, 'observed-sum', false));
  it('MIWAE, batch 32, K = 20', () => compare(MIWAE_SPEC, 32, 20, 'observed-sum', true));
  it('MIWAE, batch 3, K = 1', () => compare(MIWAE_SPEC, 3, 1, 'observed-sum', false));
});

describe('tile on the direct kernels (copies in JavaScript, not the wasm Tile kernel)', () => {
  // Distinct values in every cell, so a copy from the wrong place cannot pass by equal values.
  const cases: [number, number, number, number][] = [
    [32, 12, 20, 1],
    [3, 5, 1, 4],
    [4, 3, 2, 3],
    [1, 2, 5, 2],
  ];
  for (const [m, n, r0, r1] of cases) {
    it(`${m}×${n} tiled [${r0}, ${r1}] equals tf.tile`, () => {
      const values = Float32Array.from({ length: m * n }, (_, i) => i + 0.25 * ((i * 7) % 3));
      const want = tf.tidy(() => tf.tile(tf.tensor2d(values, [m, n]), [r0, r1]).dataSync() as Float32Array);
      const backend = activeWasmBackend();
      if (!backend) throw new Error('the tests run on the wasm backend');
      const scope = wasmScope(backend);
      try {
        const t = scope.ops.tile(scope.ops.tensor(values, [m, n]), [r0, r1]);
        expect(t.shape).toEqual([m * r0, n * r1]);
        expect(Array.from(scope.view(t))).toEqual(Array.from(want));
      } finally {
        scope.dispose();
      }
    });
  }
});

describe('column slices and side-by-side concatenation on the direct kernels (copies in JavaScript)', () => {
  const matrix = (m: number, n: number, k: number) => Float32Array.from({ length: m * n }, (_, i) => k * 1000 + i + 0.5 * ((i * 5) % 7));
  const backendOrThrow = () => {
    const backend = activeWasmBackend();
    if (!backend) throw new Error('the tests run on the wasm backend');
    return backend;
  };
  for (const [m, n, c0, w] of [
    [640, 24, 0, 12],
    [640, 24, 12, 12],
    [3, 5, 1, 3],
    [1, 4, 2, 2],
  ]) {
    it(`slice of ${m}×${n}, columns ${c0}..${c0 + w - 1}, equals tf.slice`, () => {
      const values = matrix(m, n, 1);
      const want = tf.tidy(() => tf.slice(tf.tensor2d(values, [m, n]), [0, c0], [m, w]).dataSync() as Float32Array);
      const scope = wasmScope(backendOrThrow());
      try {
        const t = scope.ops.slice(scope.ops.tensor(values, [m, n]), [0, c0], [m, w]);
        expect(t.shape).toEqual([m, w]);
        expect(Array.from(scope.view(t))).toEqual(Array.from(want));
      } finally {
        scope.dispose();
      }
    });
  }
  for (const widths of [[12, 12], [3, 1, 2], [5]]) {
    it(`concat on axis 1 of widths ${widths.join(', ')} equals tf.concat`, () => {
      const m = 7;
      const parts = widths.map((w, k) => matrix(m, w, k + 1));
      const want = tf.tidy(() => tf.concat(parts.map((v, k) => tf.tensor2d(v, [m, widths[k]])), 1).dataSync() as Float32Array);
      const scope = wasmScope(backendOrThrow());
      try {
        const t = scope.ops.concat(parts.map((v, k) => scope.ops.tensor(v, [m, widths[k]])), 1);
        expect(t.shape).toEqual([m, widths.reduce((a, b) => a + b, 0)]);
        expect(Array.from(scope.view(t))).toEqual(Array.from(want));
      } finally {
        scope.dispose();
      }
    });
  }
});

describe('the unwrapped kernels (wasm-raw.ts)', () => {
  it('are available on the pinned tfjs-backend-wasm, so the comparisons above exercise them', () => {
    const backend = activeWasmBackend();
    if (!backend) throw new Error('the tests run on the wasm backend');
    expect(rawKernels(backend)).not.toBeNull();
  });
  it('broadcast shapes as tf does, and refuse what tf refuses', () => {
    expect(broadcast([32, 12], [32, 12])).toEqual([32, 12]);
    expect(broadcast([32, 12], [])).toEqual([32, 12]);
    expect(broadcast([], [5])).toEqual([5]);
    expect(broadcast([32, 1], [32, 12])).toEqual([32, 12]);
    expect(broadcast([12], [32, 12])).toEqual([32, 12]);
    expect(broadcast([1, 12], [32, 1])).toEqual([32, 12]);
    expect(broadcast([32, 12], [12, 32])).toBeNull();
    expect(broadcast([3], [4])).toBeNull();
  });
  it('leave the cases the wrappers special-case to the wrappers', () => {
    const backend = activeWasmBackend();
    const raw = backend && rawKernels(backend);
    if (!backend || !raw) throw new Error('the tests run on the wasm backend');
    const scope = wasmScope(backend);
    try {
      const row = scope.ops.tensor(Float32Array.of(1, 2, 3), [1, 3]);
      const cube = scope.ops.tensor(new Float32Array(8), [2, 2, 2]);
      expect(raw.transpose(row)).toBeNull(); // a dimension of 1: the wrapper copies
      expect(raw.sum(row, 0)).toBeNull();
      expect(raw.sum(cube, 0)).toBeNull(); // rank 3
      expect(raw.binary('Add', cube, cube)).toBeNull();
    } finally {
      scope.dispose();
    }
  });
});

describe('training steps on the direct kernels', () => {
  it('free every tensor they make', () => {
    const rng = createRng(3);
    const d = toVaeData(MASKED_SPEC, maskMcar(rng, simulatePopulation(rng, 100), 0.2).data);
    const model = createVae(MASKED_SPEC, rng);
    const adam = createAdam(model.params, { learningRate: 1e-3 });
    const order = Uint32Array.from({ length: 100 }, (_, i) => i);
    const before = tf.memory().numBytes;
    const dataIds = (tf.backend() as unknown as { numDataIds(): number }).numDataIds();
    for (let s = 0; s < 100; s += 32) step(model, adam, d, order, s, Math.min(100, s + 32), rng);
    expect((tf.backend() as unknown as { numDataIds(): number }).numDataIds()).toBe(dataIds);
    expect(tf.memory().numBytes).toBe(before);
  });
});
