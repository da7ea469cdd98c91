/**
 * TensorOps on the wasm backend's kernels, called directly. For networks this small a training
 * step is ~70 kernels on 32×64 tensors, and tf-core's per-op work (argument conversion, scopes,
 * tensor tracking, the reshapes around a fused matmul) costs more than the kernel: measured
 * here, tf.mul 6–11 µs against 3.5 µs for its kernel, tf.fused.matMul 24 µs against 8 µs.
 * The kernels are the ones tf's ops run, with the attributes those ops pass, so results are
 * the same bits (tests/unit/vae/wasm-ops.test.ts checks that on whole steps).
 *
 * Memory: a scope owns every tensor made in it and frees them all at once; kernels that alias
 * their input (reshape, identity-like transposes) take a reference, so freeing each output
 * once is always right.
 */
import * as tf from '@tensorflow/tfjs';
import type { TensorOps } from './ops';
import { rawKernels, type BinaryName, type RawCapableBackend } from './wasm-raw';

export interface WasmTensor {
  readonly dataId: object;
  readonly shape: number[];
  readonly dtype: string;
}

/** The methods of tfjs-backend-wasm's BackendWasm used here (typed structurally: src/lib does not import that package). */
interface WasmBackend extends RawCapableBackend {
  makeOutput(shape: number[], dtype: string, memoryOffset?: number, values?: Float32Array): WasmTensor;
  disposeData(dataId: object, force?: boolean): boolean;
  typedArrayFromHeap(t: WasmTensor): Float32Array;
}

type Kernel = (args: { inputs: Record<string, WasmTensor> | WasmTensor[]; backend: WasmBackend; attrs: Record<string, unknown> }) => WasmTensor;

const KERNELS = ['_FusedMatMul', 'BatchMatMul', 'Transpose', 'Add', 'Sub', 'Multiply', 'RealDiv', 'Neg', 'Exp', 'Log', 'Sigmoid', 'Square', 'Step', 'Slice', 'Concat', 'Sum', 'Max', 'Mean', 'Tile', 'Reshape', 'ClipByValue', 'Equal', 'Cast'] as const;
type KernelName = (typeof KERNELS)[number];

export interface WasmScope {
  readonly ops: TensorOps<WasmTensor>;
  /** the tensor's values in place on the wasm heap: valid until the scope is disposed or anything else allocates */
  view(t: WasmTensor): Float32Array;
  /** frees every tensor the scope made */
  dispose(): void;
}

/** The active backend if it is tf's wasm backend with the methods used here, else null. */
export function activeWasmBackend(): WasmBackend | null {
  if (tf.getBackend() !== 'wasm') return null;
  const b = tf.backend() as unknown as Partial<WasmBackend>;
  return typeof b.makeOutput === 'function' && typeof b.disposeData === 'function' && typeof b.typedArrayFromHeap === 'function' ? (b as WasmBackend) : null;
}

// Looked up once per backend instance (tf's registry lookup builds a string key per call).
const kernelCache = new WeakMap<WasmBackend, Record<KernelName, Kernel>>();

function kernelsOf(backend: WasmBackend): Record<KernelName, Kernel> {
  const cached = kernelCache.get(backend);
  if (cached) return cached;
  const out = {} as Record<KernelName, Kernel>;
  for (const name of KERNELS) {
    const k = tf.getKernel(name, 'wasm');
    if (!k) throw new Error(`wasm-ops: the wasm backend has no '${name}' kernel (tfjs-backend-wasm changed?)`);
    out[name] = k.kernelFunc as unknown as Kernel;
  }
  kernelCache.set(backend, out);
  return out;
}

/**
 * tf.tile of a matrix, as copies in JavaScript. The wasm Tile kernel computes a multi-index per
 * element: MIWAE's four [K, 1] tiles of 32×12 inputs took ~3 ms of a 6.7 ms step, against a few
 * µs for these copies. Tiling moves values without arithmetic, so the bits are the kernel's.
 */
function tile2d(backend: WasmBackend, a: WasmTensor, r0: number, r1: number): WasmTensor {
  const [m, n] = a.shape;
  const out = backend.makeOutput([m * r0, n * r1], 'float32');
  // Views taken after makeOutput: an allocation may grow the heap and detach older views.
  const src = backend.typedArrayFromHeap(a);
  const dst = backend.typedArrayFromHeap(out);
  const w = n * r1;
  for (let i = 0; i < m; i++) {
    const row = src.subarray(i * n, (i + 1) * n);
    for (let c = 0; c < r1; c++) dst.set(row, i * w + c * n);
  }
  const block = m * w;
  for (let k = 1; k < r0; k++) dst.copyWithin(k * block, 0, block);
  return out;
}

/**
 * A block of a matrix's columns (all rows), as the Slice kernel would give it. Its wrapper copies
 * row by row through a subarray and a set each, which for a 640-row MIWAE head (12 columns per
 * row) costs more than copying the floats one by one. Null for any other slice.
 */
function sliceColumns(backend: WasmBackend, a: WasmTensor, begin: number[], size: number[]): WasmTensor | null {
  if (a.dtype !== 'float32' || a.shape.length !== 2 || begin.length !== 2 || size.length !== 2) return null;
  const [m, n] = a.shape;
  const [c0, w] = [begin[1], size[1]];
  if (begin[0] !== 0 || size[0] !== m || !(w > 0) || c0 < 0 || c0 + w > n) return null;
  const out = backend.makeOutput([m, w], 'float32');
  const src = backend.typedArrayFromHeap(a); // after makeOutput, which may grow the heap
  const dst = backend.typedArrayFromHeap(out);
  for (let i = 0; i < m; i++) {
    const from = i * n + c0;
    const to = i * w;
    for (let j = 0; j < w; j++) dst[to + j] = src[from + j];
  }
  return out;
}

/** Matrices side by side (tf.concat on axis 1), copied element by element for the same reason. */
function concatColumns(backend: WasmBackend, ts: WasmTensor[]): WasmTensor | null {
  if (ts.length < 1 || ts.some((t) => t.dtype !== 'float32' || t.shape.length !== 2 || t.shape[1] < 1 || t.shape[0] !== ts[0].shape[0])) return null;
  const m = ts[0].shape[0];
  if (m < 1) return null;
  const width = ts.reduce((w, t) => w + t.shape[1], 0);
  const out = backend.makeOutput([m, width], 'float32');
  const dst = backend.typedArrayFromHeap(out);
  let c0 = 0;
  for (const t of ts) {
    const src = backend.typedArrayFromHeap(t);
    const n = t.shape[1];
    for (let i = 0; i < m; i++) {
      const from = i * n;
      const to = i * width + c0;
      for (let j = 0; j < n; j++) dst[to + j] = src[from + j];
    }
    c0 += n;
  }
  return out;
}

/** A scope of direct kernel calls on `backend` (see activeWasmBackend). */
export function wasmScope(backend: WasmBackend): WasmScope {
  const k = kernelsOf(backend);
  const owned: WasmTensor[] = [];
  const scalars = new Map<number, WasmTensor>();
  const keep = (t: WasmTensor): WasmTensor => (owned.push(t), t);
  const run = (name: KernelName, inputs: Record<string, WasmTensor> | WasmTensor[], attrs: Record<string, unknown> = {}): WasmTensor => keep(k[name]({ inputs, backend, attrs }));
  // The common shapes skip the kernels' JavaScript wrappers (wasm-raw.ts, and the copies above);
  // a fast path returns null for anything else, which then runs wrapped.
  const raw = rawKernels(backend);
  const fastOr = (fast: WasmTensor | null | undefined, wrapped: () => WasmTensor): WasmTensor => (fast ? keep(fast) : wrapped());
  const binary = (name: BinaryName, a: WasmTensor, b: WasmTensor): WasmTensor => fastOr(raw?.binary(name, a, b), () => run(name, { a, b }));
  const upload = (values: Float32Array, shape: number[]): WasmTensor => keep(backend.makeOutput(shape, 'float32', undefined, values));
  // tf turns a number operand into a float32 scalar; one per value and scope
  const scalar = (v: number): WasmTensor => {
    let s = scalars.get(v);
    if (!s) scalars.set(v, (s = upload(Float32Array.of(v), [])));
    return s;
  };
  const T = (a: WasmTensor | number): WasmTensor => (typeof a === 'number' ? scalar(a) : a);
  const reshape = (a: WasmTensor, shape: number[]): WasmTensor => run('Reshape', { x: a }, { shape });
  const ops: TensorOps<WasmTensor> = {
    tensor: upload,
    dense: (x, W, b, activation) => {
      return fastOr(raw?.dense(x, W, b, activation ?? 'linear'), () => {
        // as tf.fused.matMul: rank-3 operands, the kernel, the result back to rank 2
        const [m, kk] = x.shape;
        const n = W.shape[1];
        const out = run('_FusedMatMul', { a: reshape(x, [1, m, kk]), b: reshape(W, [1, kk, n]), bias: b }, { transposeA: false, transposeB: false, activation: activation ?? 'linear', leakyreluAlpha: 0.2 });
        return reshape(out, [m, n]);
      });
    },
    matMul: (a, b) => fastOr(raw?.matMul(a, b), () => run('BatchMatMul', { a, b }, { transposeA: false, transposeB: false })),
    transpose: (a) => fastOr(raw?.transpose(a), () => run('Transpose', { x: a }, { perm: [1, 0] })),
    add: (a, b) => binary('Add', T(a), T(b)),
    sub: (a, b) => binary('Sub', T(a), T(b)),
    mul: (a, b) => binary('Multiply', T(a), T(b)),
    div: (a, b) => binary('RealDiv', T(a), T(b)),
    neg: (a) => run('Neg', { x: a }),
    exp: (a) => run('Exp', { x: a }),
    log: (a) => run('Log', { x: a }),
    sigmoid: (a) => run('Sigmoid', { x: a }),
    square: (a) => run('Square', { x: a }),
    step: (a) => run('Step', { x: a }, { alpha: 0 }),
    slice: (a, begin, size) => fastOr(sliceColumns(backend, a, begin, size), () => run('Slice', { x: a }, { begin, size })),
    concat: (ts, axis) => fastOr(axis === 1 ? concatColumns(backend, ts) : null, () => run('Concat', ts, { axis })),
    sum: (a, axis) => fastOr(raw?.sum(a, axis), () => run('Sum', { x: a }, { axis: axis ?? null, keepDims: false })),
    max: (a, axis, keepDims) => run('Max', { x: a }, { reductionIndices: axis, keepDims }),
    mean: (a) => run('Mean', { x: a }, { axis: null, keepDims: false }),
    tile: (a, reps) => fastOr(a.shape.length === 2 && reps.length === 2 && a.dtype === 'float32' ? tile2d(backend, a, reps[0], reps[1]) : null, () => run('Tile', { x: a }, { reps })),
    reshape,
    clip: (a, lo, hi) => run('ClipByValue', { x: a }, { clipValueMin: lo, clipValueMax: hi }),
    equalMask: (a, b) => run('Cast', { x: run('Equal', { a, b }) }, { dtype: 'float32' }),
    shape: (a) => a.shape,
  };
  return {
    ops,
    view: (t) => backend.typedArrayFromHeap(t),
    dispose: () => {
      for (const t of owned) backend.disposeData(t.dataId);
      owned.length = 0;
      scalars.clear();
    },
  };
}
