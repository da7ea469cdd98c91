/**
 * Thin singular value decomposition and low-rank reconstruction. Kept apart from linalg.ts
 * so that code which only needs reconstructions (the browser's rank slider) does not pull in
 * ml-matrix.
 */
import { SingularValueDecomposition, Matrix as MlMatrix } from 'ml-matrix';
import { toRows, zeros, type Matrix } from './linalg';
import { lowRank, type Svd } from './low-rank';

export { lowRank, type Svd };

/** Thin SVD, X = U diag(s) Vᵀ (ml-matrix's Golub–Kahan implementation). */
export function svd(x: Matrix): Svd {
  const ml = new MlMatrix(toRows(x));
  const d = new SingularValueDecomposition(ml, { autoTranspose: true });
  const r = Math.min(x.rows, x.cols);
  const U = d.leftSingularVectors;
  const V = d.rightSingularVectors;
  const u = zeros(x.rows, r);
  const v = zeros(x.cols, r);
  for (let i = 0; i < x.rows; i++) for (let k = 0; k < r; k++) u.data[i * r + k] = U.get(i, k);
  for (let j = 0; j < x.cols; j++) for (let k = 0; k < r; k++) v.data[j * r + k] = V.get(j, k);
  return { u, s: Float64Array.from(d.diagonal.slice(0, r)), v };
}

