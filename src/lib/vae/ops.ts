/**
 * The tensor operations the hand-derived gradients use, as an interface over an opaque tensor
 * type, so one derivation (gradients.ts) runs on two implementations: `TF_OPS`, tf's public ops
 * (any backend), and the wasm backend's kernels called directly (wasm-ops.ts), which skip
 * tf-core's per-op bookkeeping. Each operation names the tf op it must equal, bit for bit.
 */
import * as tf from '@tensorflow/tfjs';

export interface TensorOps<T> {
  /** tf.tensor(values, shape, 'float32'): a tensor holding a copy of `values` */
  tensor(values: Float32Array, shape: number[]): T;
  /** tf.fused.matMul({ a: x, b: W, bias: b, activation }) */
  dense(x: T, W: T, b: T, activation?: 'relu'): T;
  /** tf.matMul(a, b) */
  matMul(a: T, b: T): T;
  /** tf.transpose(a) of a matrix */
  transpose(a: T): T;
  add(a: T | number, b: T | number): T;
  sub(a: T | number, b: T | number): T;
  mul(a: T | number, b: T | number): T;
  div(a: T | number, b: T | number): T;
  neg(a: T): T;
  exp(a: T): T;
  log(a: T): T;
  sigmoid(a: T): T;
  square(a: T): T;
  /** tf.step(a): 1 where a > 0, else 0 */
  step(a: T): T;
  slice(a: T, begin: number[], size: number[]): T;
  concat(ts: T[], axis: number): T;
  /** tf.sum(a, axis); every axis when omitted */
  sum(a: T, axis?: number): T;
  max(a: T, axis: number, keepDims: boolean): T;
  /** tf.mean(a) over every axis */
  mean(a: T): T;
  tile(a: T, reps: number[]): T;
  reshape(a: T, shape: number[]): T;
  clip(a: T, lo: number, hi: number): T;
  /** tf.cast(tf.equal(a, b), 'float32') */
  equalMask(a: T, b: T): T;
  shape(a: T): readonly number[];
}

/** tf's public ops: the reference implementation, on whatever backend tf runs. */
export const TF_OPS: TensorOps<tf.Tensor> = {
  tensor: (values, shape) => tf.tensor(values, shape, 'float32'),
  dense: (x, W, b, activation) => tf.fused.matMul({ a: x as tf.Tensor2D, b: W as tf.Tensor2D, bias: b, activation }),
  matMul: (a, b) => tf.matMul(a as tf.Tensor2D, b as tf.Tensor2D),
  transpose: (a) => tf.transpose(a),
  add: (a, b) => tf.add(a, b),
  sub: (a, b) => tf.sub(a, b),
  mul: (a, b) => tf.mul(a, b),
  div: (a, b) => tf.div(a, b),
  neg: (a) => tf.neg(a),
  exp: (a) => tf.exp(a),
  log: (a) => tf.log(a),
  sigmoid: (a) => tf.sigmoid(a),
  square: (a) => tf.square(a),
  step: (a) => tf.step(a),
  slice: (a, begin, size) => tf.slice(a, begin, size),
  concat: (ts, axis) => tf.concat(ts, axis),
  sum: (a, axis) => tf.sum(a, axis),
  max: (a, axis, keepDims) => tf.max(a, axis, keepDims),
  mean: (a) => tf.mean(a),
  tile: (a, reps) => tf.tile(a, reps),
  reshape: (a, shape) => tf.reshape(a, shape),
  clip: (a, lo, hi) => tf.clipByValue(a, lo, hi),
  equalMask: (a, b) => tf.cast(tf.equal(a, b), 'float32'),
  shape: (a) => a.shape,
};
