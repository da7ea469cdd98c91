/**
 * The wasm backend's compiled kernels called without their JavaScript wrappers, for the few
 * shapes a training step uses. Each wrapper spends more than its kernel on bookkeeping: it
 * builds two typed arrays per shape (reading `.buffer` forces V8 to move each one off the
 * heap), copies them onto the wasm stack through emscripten's ccall, and the matmuls add
 * three reshapes each. Measured on a masked-VAE step, that JavaScript was ~30% of the time.
 *
 * Here shapes are written into one small block of wasm memory that lives as long as the
 * backend, and the exported function gets the same arguments the wrapper would pass, so the
 * kernel computes the same bits (tests/unit/vae/wasm-ops.test.ts compares whole steps with
 * tf's ops). Each function returns null for a case it does not cover (another dtype, a
 * dimension of size 1 that the wrappers special-case, a rank above 2), and the caller runs
 * the wrapped kernel instead. If the module does not export what is needed (another
 * tfjs-backend-wasm), `rawKernels` returns null and every op takes the wrapped path.
 */
import type { WasmTensor } from './wasm-ops';

type Binary = (aId: number, aShape: number, aRank: number, bId: number, bShape: number, bRank: number, dtype: number, outId: number) => void;
type FusedMatMul = (aId: number, aShape: number, aRank: number, bId: number, bShape: number, bRank: number, transposeA: number, transposeB: number, activation: number, biasId: number, preluId: number, leakyreluAlpha: number, outId: number) => void;
type BatchMatMul = (aId: number, aShape: number, aRank: number, bId: number, bShape: number, bRank: number, transposeA: number, transposeB: number, outId: number) => void;
type Transpose = (xId: number, xShape: number, rank: number, dtype: number, outId: number, perm: number, permLength: number) => void;
type Sum = (xId: number, reduceSize: number, dtype: number, outId: number) => void;

/** The emscripten module's exports used here (tfjs-backend-wasm 4.x names them `_` + kernel). */
interface WasmModule {
  readonly HEAPU8: Uint8Array;
  _malloc(bytes: number): number;
  readonly _Add?: Binary;
  readonly _Sub?: Binary;
  readonly _Multiply?: Binary;
  readonly _RealDiv?: Binary;
  readonly __FusedMatMul?: FusedMatMul;
  readonly _BatchMatMul?: BatchMatMul;
  readonly _Transpose?: Transpose;
  readonly _Sum?: Sum;
}

/** What of BackendWasm the raw calls need, typed structurally. */
export interface RawCapableBackend {
  makeOutput(shape: number[], dtype: string): WasmTensor;
  disposeData(dataId: object): boolean;
  readonly wasm?: WasmModule;
  readonly dataIdMap?: { get(dataId: object): { id: number } | undefined };
}

export type BinaryName = 'Add' | 'Sub' | 'Multiply' | 'RealDiv';

export interface RawKernels {
  binary(name: BinaryName, a: WasmTensor, b: WasmTensor): WasmTensor | null;
  /** x W + b (W as stored, in × out), with `activation` fused: tf.fused.matMul */
  dense(x: WasmTensor, W: WasmTensor, bias: WasmTensor, activation: 'linear' | 'relu'): WasmTensor | null;
  matMul(a: WasmTensor, b: WasmTensor): WasmTensor | null;
  transpose(a: WasmTensor): WasmTensor | null;
  sum(a: WasmTensor, axis: number | undefined): WasmTensor | null;
}

const FLOAT32 = 0; // CppDType.float32
const ACTIVATION = { linear: 0, relu: 1 } as const; // FusableActivation
const LEAKY_RELU_ALPHA = 0.2; // what tf.fused.matMul passes (unused by linear and relu)
const SCRATCH_INTS = 12; // three slots of four: a's shape, b's shape, a permutation
const SLOT_A = 0;
const SLOT_B = 4;
const SLOT_PERM = 8;

const cache = new WeakMap<object, RawKernels | null>();

/** Raw kernels for this backend, or null when its module lacks an export used here. */
export function rawKernels(backend: RawCapableBackend): RawKernels | null {
  if (cache.has(backend)) return cache.get(backend) ?? null;
  const made = make(backend);
  cache.set(backend, made);
  return made;
}

function make(backend: RawCapableBackend): RawKernels | null {
  const m = backend.wasm;
  const ids = backend.dataIdMap;
  if (!m || !ids || typeof m._malloc !== 'function' || !(m.HEAPU8 instanceof Uint8Array)) return null;
  const { _Add, _Sub, _Multiply, _RealDiv, __FusedMatMul, _BatchMatMul, _Transpose, _Sum } = m;
  if (!_Add || !_Sub || !_Multiply || !_RealDiv || !__FusedMatMul || !_BatchMatMul || !_Transpose || !_Sum) return null;
  const binaries: Record<BinaryName, Binary> = { Add: _Add, Sub: _Sub, Multiply: _Multiply, RealDiv: _RealDiv };

  // One block for the shapes for the backend's lifetime (a few dozen bytes, never freed).
  const ptr = m._malloc(SCRATCH_INTS * 4);
  let view = new Int32Array(m.HEAPU8.buffer, ptr, SCRATCH_INTS);
  // Growing wasm memory replaces the buffer (and detaches old views): re-take the view then.
  const scratch = (): Int32Array => {
    if (view.buffer !== m.HEAPU8.buffer) view = new Int32Array(m.HEAPU8.buffer, ptr, SCRATCH_INTS);
    return view;
  };
  const at = (slot: number) => ptr + slot * 4;
  const idOf = (t: WasmTensor): number => {
    const d = ids.get(t.dataId);
    if (!d) throw new Error('wasm-raw: a tensor is not on the wasm backend (disposed, or made by another backend)');
    return d.id;
  };
  const out = (shape: number[]) => backend.makeOutput(shape, 'float32');
  const transposeInto = (a: WasmTensor, o: WasmTensor): WasmTensor => {
    const s = scratch();
    writeShape(s, SLOT_A, a.shape);
    s[SLOT_PERM] = 1;
    s[SLOT_PERM + 1] = 0;
    _Transpose(idOf(a), at(SLOT_A), 2, FLOAT32, idOf(o), at(SLOT_PERM), 2);
    return o;
  };
  const reduce = (a: WasmTensor, reduceSize: number, shape: number[]): WasmTensor => {
    const o = out(shape);
    _Sum(idOf(a), reduceSize, FLOAT32, idOf(o));
    return o;
  };

  return {
    binary(name, a, b) {
      if (a.dtype !== 'float32' || b.dtype !== 'float32' || a.shape.length > 2 || b.shape.length > 2) return null;
      const shape = broadcast(a.shape, b.shape);
      if (!shape || shape.includes(0)) return null; // the wrapper throws, or short-circuits an empty result
      const o = out(shape);
      // makeOutput may grow memory: write the shapes after it
      const s = scratch();
      writeShape(s, SLOT_A, a.shape);
      writeShape(s, SLOT_B, b.shape);
      binaries[name](idOf(a), at(SLOT_A), a.shape.length, idOf(b), at(SLOT_B), b.shape.length, FLOAT32, idOf(o));
      return o;
    },
    dense(x, W, bias, activation) {
      if (!isMatrix(x) || !isMatrix(W) || bias.dtype !== 'float32' || bias.shape.length !== 1) return null;
      const [rows, inner] = x.shape;
      const cols = W.shape[1];
      if (W.shape[0] !== inner) return null;
      const o = out([rows, cols]);
      const s = scratch();
      // as tf.fused.matMul passes them: both operands as rank 3 with a batch of one
      writeShape(s, SLOT_A, [1, rows, inner]);
      writeShape(s, SLOT_B, [1, inner, cols]);
      __FusedMatMul(idOf(x), at(SLOT_A), 3, idOf(W), at(SLOT_B), 3, 0, 0, ACTIVATION[activation], idOf(bias), 0, LEAKY_RELU_ALPHA, idOf(o));
      return o;
    },
    matMul(a, b) {
      if (!isMatrix(a) || !isMatrix(b) || a.shape[1] !== b.shape[0]) return null;
      const o = out([a.shape[0], b.shape[1]]);
      const s = scratch();
      writeShape(s, SLOT_A, [1, a.shape[0], a.shape[1]]);
      writeShape(s, SLOT_B, [1, b.shape[0], b.shape[1]]);
      _BatchMatMul(idOf(a), at(SLOT_A), 3, idOf(b), at(SLOT_B), 3, 0, 0, idOf(o));
      return o;
    },
    transpose(a) {
      // A dimension of 1 makes the wrapper's transpose a copy: leave that to it.
      if (!isMatrix(a) || a.shape[0] === 1 || a.shape[1] === 1) return null;
      return transposeInto(a, out([a.shape[1], a.shape[0]]));
    },
    sum(a, axis) {
      if (a.dtype !== 'float32' || a.shape.length < 1 || a.shape.length > 2 || a.shape.includes(0) || a.shape.includes(1)) return null;
      const [r, c] = a.shape;
      if (axis === undefined) return reduce(a, a.shape.length === 1 ? r : r * c, []);
      if (a.shape.length === 1) return axis === 0 ? reduce(a, r, []) : null;
      if (axis === 1) return reduce(a, c, [r]);
      if (axis !== 0) return null;
      // The wrapper reduces only innermost axes: it transposes first, then sums rows of the transpose.
      const t = transposeInto(a, out([c, r]));
      try {
        return reduce(t, r, [c]);
      } finally {
        backend.disposeData(t.dataId);
      }
    },
  };
}

function isMatrix(t: WasmTensor): boolean {
  return t.dtype === 'float32' && t.shape.length === 2;
}

function writeShape(s: Int32Array, slot: number, shape: readonly number[]): void {
  for (let i = 0; i < shape.length; i++) s[slot + i] = shape[i];
}

/** NumPy broadcasting of two shapes of rank ≤ 2, or null if they do not broadcast. */
export function broadcast(a: readonly number[], b: readonly number[]): number[] | null {
  const rank = Math.max(a.length, b.length);
  const shape = new Array<number>(rank);
  for (let i = 1; i <= rank; i++) {
    const da = i <= a.length ? a[a.length - i] : 1;
    const db = i <= b.length ? b[b.length - i] : 1;
    if (da !== db && da !== 1 && db !== 1) return null;
    shape[rank - i] = da === 1 ? db : da;
  }
  return shape;
}
