/** Rank-k reconstruction from a thin SVD; dependency-free so the browser island can use it. */
import { zeros, type Matrix } from './linalg';

export interface Svd {
  /** n×r left singular vectors */
  u: Matrix;
  /** r singular values, descending */
  s: Float64Array;
  /** p×r right singular vectors */
  v: Matrix;
}

/** Rank-k reconstruction U_k diag(s_k) V_kᵀ from a thin SVD. */
export function lowRank(d: Svd, k: number): Matrix {
  const n = d.u.rows;
  const p = d.v.rows;
  const r = d.s.length;
  if (k < 0 || k > r) throw new Error(`lowRank: rank ${k} outside 0..${r}`);
  const out = zeros(n, p);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++) {
      let acc = 0;
      for (let c = 0; c < k; c++) acc += d.u.data[i * r + c] * d.s[c] * d.v.data[j * r + c];
      out.data[i * p + j] = acc;
    }
  }
  return out;
}

