/**
 * Dense float64 matrices, row-major, and the few decompositions the essay needs.
 *
 * A `Matrix` is plain data ({ rows, cols, data }) so it crosses worker boundaries and
 * serialises without ceremony. Missing values in data matrices are NaN.
 */

import { choleskyInto } from './dense';

export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
}

export function zeros(rows: number, cols: number): Matrix {
  return { rows, cols, data: new Float64Array(rows * cols) };
}

export function identity(n: number): Matrix {
  const m = zeros(n, n);
  for (let i = 0; i < n; i++) m.data[i * n + i] = 1;
  return m;
}

export function fromRows(rows: readonly (readonly number[])[]): Matrix {
  const r = rows.length;
  const c = r === 0 ? 0 : rows[0].length;
  const m = zeros(r, c);
  rows.forEach((row, i) => {
    if (row.length !== c) throw new Error(`fromRows: row ${i} has ${row.length} entries, expected ${c}`);
    m.data.set(row, i * c);
  });
  return m;
}

export function toRows(m: Matrix): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < m.rows; i++) out.push(Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)));
  return out;
}

export function get(m: Matrix, i: number, j: number): number {
  return m.data[i * m.cols + j];
}

export function transpose(m: Matrix): Matrix {
  const t = zeros(m.cols, m.rows);
  for (let i = 0; i < m.rows; i++) for (let j = 0; j < m.cols; j++) t.data[j * m.rows + i] = m.data[i * m.cols + j];
  return t;
}

export function matmul(a: Matrix, b: Matrix): Matrix {
  if (a.cols !== b.rows) throw new Error(`matmul: ${a.rows}×${a.cols} times ${b.rows}×${b.cols}`);
  const out = zeros(a.rows, b.cols);
  const { data: A } = a;
  const { data: B } = b;
  const C = out.data;
  const n = b.cols;
  for (let i = 0; i < a.rows; i++) {
    for (let k = 0; k < a.cols; k++) {
      const aik = A[i * a.cols + k];
      if (aik === 0) continue;
      const bo = k * n;
      const co = i * n;
      for (let j = 0; j < n; j++) C[co + j] += aik * B[bo + j];
    }
  }
  return out;
}

/** diag(d) · M · diag(d) */
export function scaleSymmetric(m: Matrix, d: ArrayLike<number>): Matrix {
  const out = zeros(m.rows, m.cols);
  for (let i = 0; i < m.rows; i++) for (let j = 0; j < m.cols; j++) out.data[i * m.cols + j] = d[i] * d[j] * m.data[i * m.cols + j]; // d_i·d_j first: exactly symmetric
  return out;
}

/**
 * Lower-triangular Cholesky factor L with A = L Lᵀ. Throws, naming the pivot, when A is
 * not positive definite: callers decide whether that is a bug or a rejected proposal.
 */
export function cholesky(a: Matrix): Matrix {
  const n = a.rows;
  if (a.cols !== n) throw new Error('cholesky: matrix is not square');
  const L = zeros(n, n);
  if (!choleskyInto(a.data, L.data, n)) {
    // the kernel stops at the failing column, leaving its diagonal entry unset (0)
    const pivot = Array.from({ length: n }, (_, j) => L.data[j * n + j]).findIndex((v) => !(v > 0));
    throw new Error(`cholesky: matrix is not positive definite (pivot ${pivot})`);
  }
  return L;
}

/** Solve L x = b for lower-triangular L (forward substitution). */
export function solveLower(L: Matrix, b: ArrayLike<number>): Float64Array {
  const n = L.rows;
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= L.data[i * n + k] * x[k];
    x[i] = s / L.data[i * n + i];
  }
  return x;
}

/** Solve Lᵀ x = b for lower-triangular L (back substitution). */
export function solveUpperFromLower(L: Matrix, b: ArrayLike<number>): Float64Array {
  const n = L.rows;
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = b[i];
    for (let k = i + 1; k < n; k++) s -= L.data[k * n + i] * x[k];
    x[i] = s / L.data[i * n + i];
  }
  return x;
}

/** Frobenius norm of a − b. */
export function frobeniusDistance(a: Matrix, b: Matrix): number {
  let s = 0;
  for (let i = 0; i < a.data.length; i++) s += (a.data[i] - b.data[i]) ** 2;
  return Math.sqrt(s);
}
