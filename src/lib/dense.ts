/**
 * Allocation-free kernels on row-major Float64Arrays, for the inner loops of log densities
 * (the Bayesian models, the SEM). linalg.ts is the allocating API for everything else; its
 * Cholesky is this one. A matrix that is not positive definite is a `false` here, not an
 * error: for a sampler it is an ordinary point outside the support.
 *
 * Every output entry is one sum, taken in a fixed order (stated per kernel) from a fixed
 * start. Several independent sums run in one loop (two to four outputs at a time), so the
 * processor overlaps them instead of waiting on one chain of additions; each sum still sees
 * the same operands in the same order, so the results are those of the plain loops bit for bit.
 */

/** Lower Cholesky factor of the n×n symmetric `a` into `l` (upper part zeroed). False if not PD. */
// L_ij = (A_ij − Σ_{k<j} L_ik L_jk) / L_jj, k ascending; L_jj² = A_jj − Σ_{k<j} L_jk², k ascending.
export function choleskyInto(a: Float64Array, l: Float64Array, n: number): boolean {
  for (let j = 0; j < n; j++) {
    const jo = j * n;
    let d = a[jo + j];
    for (let k = 0; k < j; k++) d -= l[jo + k] * l[jo + k];
    if (!(d > 0) || d === Infinity) return false;
    const ljj = Math.sqrt(d);
    l[jo + j] = ljj;
    for (let k = j + 1; k < n; k++) l[jo + k] = 0;
    let i = j + 1;
    for (; i + 1 < n; i += 2) {
      const i0 = i * n;
      const i1 = i0 + n;
      let s0 = a[i0 + j];
      let s1 = a[i1 + j];
      for (let k = 0; k < j; k++) {
        const y = l[jo + k];
        s0 -= l[i0 + k] * y;
        s1 -= l[i1 + k] * y;
      }
      l[i0 + j] = s0 / ljj;
      l[i1 + j] = s1 / ljj;
    }
    if (i < n) {
      const i0 = i * n;
      let s = a[i0 + j];
      for (let k = 0; k < j; k++) s -= l[i0 + k] * l[jo + k];
      l[i0 + j] = s / ljj;
    }
  }
  return true;
}

/** Inverse of a lower-triangular n×n `l` into `out` (lower, upper zeroed). */
// W_jj = 1 / L_jj; W_ij = (0 − Σ_{k=j}^{i−1} L_ik W_kj) / L_ii for i > j, k ascending. Row by row
// (W_ij needs only rows above i), two columns at a time.
export function invertLowerInto(l: Float64Array, out: Float64Array, n: number): void {
  out.fill(0, 0, n * n);
  for (let i = 0; i < n; i++) {
    const io = i * n;
    const lii = l[io + i];
    let j = 0;
    for (; j + 1 < i; j += 2) {
      // column j takes its k = j term alone, then both columns share k = j+1 … i−1
      let s0 = 0;
      let s1 = 0;
      s0 -= l[io + j] * out[j * n + j];
      for (let k = j + 1; k < i; k++) {
        const x = l[io + k];
        const ko = k * n;
        s0 -= x * out[ko + j];
        s1 -= x * out[ko + j + 1];
      }
      out[io + j] = s0 / lii;
      out[io + j + 1] = s1 / lii;
    }
    if (j < i) {
      let s = 0;
      for (let k = j; k < i; k++) s -= l[io + k] * out[k * n + j];
      out[io + j] = s / lii;
    }
    out[io + i] = 1 / lii;
  }
}

/** out = Linvᵀ Linv, i.e. A⁻¹ when A = L Lᵀ and Linv = L⁻¹. Symmetric output. */
export function inverseFromLowerInverse(linv: Float64Array, out: Float64Array, n: number): void {
  // (Linvᵀ Linv)_ij = Σ_{k=i}^{n−1} Linv_ki Linv_kj, k ascending (Linv_ki = 0 for k < i), j ≤ i,
  // four j at a time
  for (let i = 0; i < n; i++) {
    let j = 0;
    for (; j + 3 <= i; j += 4) {
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let k = i; k < n; k++) {
        const ko = k * n;
        const x = linv[ko + i];
        s0 += x * linv[ko + j];
        s1 += x * linv[ko + j + 1];
        s2 += x * linv[ko + j + 2];
        s3 += x * linv[ko + j + 3];
      }
      out[i * n + j] = s0;
      out[j * n + i] = s0;
      out[i * n + j + 1] = s1;
      out[(j + 1) * n + i] = s1;
      out[i * n + j + 2] = s2;
      out[(j + 2) * n + i] = s2;
      out[i * n + j + 3] = s3;
      out[(j + 3) * n + i] = s3;
    }
    for (; j <= i; j++) {
      let s = 0;
      for (let k = i; k < n; k++) s += linv[k * n + i] * linv[k * n + j];
      out[i * n + j] = s;
      out[j * n + i] = s;
    }
  }
}

/** A⁻¹ from its Cholesky factor (A = L Lᵀ) into `out`; `work` (n×n) receives L⁻¹. */
export function inverseFromCholesky(l: Float64Array, out: Float64Array, work: Float64Array, n: number): Float64Array {
  invertLowerInto(l, work, n);
  inverseFromLowerInverse(work, out, n);
  return out;
}

/**
 * Inverse of the n×n symmetric `a` into `out` (full), returning log|a|, or NaN when `a` is not
 * positive definite. Up to 3×3 by cofactors (one division and one log, positive definiteness
 * by the leading minors); larger by Cholesky, with `work` (2·n·n) for the factor and its
 * inverse. The small case is the common one: a missingness pattern's block of the precision.
 */
export function spdInverseLogDet(a: Float64Array, out: Float64Array, n: number, work: Float64Array): number {
  if (n === 1) {
    const a00 = a[0];
    if (!(a00 > 0) || a00 === Infinity) return NaN;
    out[0] = 1 / a00;
    return Math.log(a00);
  }
  if (n === 2) {
    const a00 = a[0];
    const a01 = a[1];
    const a11 = a[3];
    const det = a00 * a11 - a01 * a01;
    if (!(a00 > 0 && det > 0) || det === Infinity) return NaN;
    const inv = 1 / det;
    out[0] = a11 * inv;
    out[1] = out[2] = -a01 * inv;
    out[3] = a00 * inv;
    return Math.log(det);
  }
  if (n === 3) {
    const a00 = a[0];
    const a01 = a[1];
    const a02 = a[2];
    const a11 = a[4];
    const a12 = a[5];
    const a22 = a[8];
    const c00 = a11 * a22 - a12 * a12;
    const c01 = a02 * a12 - a01 * a22;
    const c02 = a01 * a12 - a02 * a11;
    const minor2 = a00 * a11 - a01 * a01;
    const det = a00 * c00 + a01 * c01 + a02 * c02;
    if (!(a00 > 0 && minor2 > 0 && det > 0) || det === Infinity) return NaN;
    const inv = 1 / det;
    out[0] = c00 * inv;
    out[1] = out[3] = c01 * inv;
    out[2] = out[6] = c02 * inv;
    out[4] = (a00 * a22 - a02 * a02) * inv;
    out[5] = out[7] = (a01 * a02 - a00 * a12) * inv;
    out[8] = minor2 * inv;
    return Math.log(det);
  }
  const l = work.subarray(0, n * n);
  const linv = work.subarray(n * n, 2 * n * n);
  if (!choleskyInto(a, l, n)) return NaN;
  inverseFromCholesky(l, out, linv, n);
  return 2 * logDiagSum(l, n);
}

/** Sum of log of the diagonal of a lower-triangular factor, i.e. ½ log|A| for A = L Lᵀ. */
export function logDiagSum(l: Float64Array, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += Math.log(l[i * n + i]);
  return s;
}

/** out (r×c) = a (r×k) · b (k×c). `out` must not alias a or b. */
export function mul(a: Float64Array, b: Float64Array, r: number, k: number, c: number, out: Float64Array): Float64Array {
  out.fill(0, 0, r * c);
  for (let i = 0; i < r; i++) {
    for (let t = 0; t < k; t++) {
      const v = a[i * k + t];
      if (v === 0) continue;
      const bo = t * c;
      const oo = i * c;
      for (let j = 0; j < c; j++) out[oo + j] += v * b[bo + j];
    }
  }
  return out;
}

/** out (r×c) = a (r×k) · bᵀ where b is (c×k); out_ij = Σ_t a_it b_jt, t ascending. `out` must not alias a or b. */
export function mulT(a: Float64Array, b: Float64Array, r: number, k: number, c: number, out: Float64Array): Float64Array {
  mulTRows(a, b, r, k, c, out, false);
  return out;
}

/** The lower triangle (j ≤ i) of a (n×k) · bᵀ (b n×k) into out (n×n), each entry as mulT sums it; the upper part is left alone. */
export function mulTLower(a: Float64Array, b: Float64Array, n: number, k: number, out: Float64Array): Float64Array {
  mulTRows(a, b, n, k, n, out, true);
  return out;
}

/** mulT over all columns, or (lower) columns j ≤ i; a 2×2 block of outputs at a time (a 2×4 block measured 2–7% faster, within noise). */
function mulTRows(a: Float64Array, b: Float64Array, r: number, k: number, c: number, out: Float64Array, lower: boolean): void {
  let i = 0;
  for (; i + 1 < r; i += 2) {
    const a0 = i * k;
    const a1 = a0 + k;
    const o0 = i * c;
    const o1 = o0 + c;
    // row i needs j ≤ i, row i+1 needs j ≤ i+1: pairs up to j = i−1 (or all), then the tail
    const jEnd = lower ? i + 2 : c;
    let j = 0;
    for (; j + 1 < jEnd; j += 2) {
      const b0 = j * k;
      const b1 = b0 + k;
      let s00 = 0;
      let s01 = 0;
      let s10 = 0;
      let s11 = 0;
      for (let t = 0; t < k; t++) {
        const x0 = a[a0 + t];
        const x1 = a[a1 + t];
        const y0 = b[b0 + t];
        const y1 = b[b1 + t];
        s00 += x0 * y0;
        s01 += x0 * y1;
        s10 += x1 * y0;
        s11 += x1 * y1;
      }
      out[o0 + j] = s00;
      out[o1 + j] = s10;
      out[o1 + j + 1] = s11;
      if (!lower || j + 1 <= i) out[o0 + j + 1] = s01;
    }
    for (; j < jEnd; j++) {
      const b0 = j * k;
      let s0 = 0;
      let s1 = 0;
      for (let t = 0; t < k; t++) {
        const y = b[b0 + t];
        s0 += a[a0 + t] * y;
        s1 += a[a1 + t] * y;
      }
      if (!lower || j <= i) out[o0 + j] = s0;
      out[o1 + j] = s1;
    }
  }
  if (i < r) {
    const a0 = i * k;
    const jEnd = lower ? i + 1 : c;
    for (let j = 0; j < jEnd; j++) {
      const b0 = j * k;
      let s = 0;
      for (let t = 0; t < k; t++) s += a[a0 + t] * b[b0 + t];
      out[i * c + j] = s;
    }
  }
}

/** out (r×c) = aᵀ · b where a is (k×r) and b is (k×c). */
export function tMul(a: Float64Array, b: Float64Array, k: number, r: number, c: number, out: Float64Array): Float64Array {
  out.fill(0, 0, r * c);
  for (let t = 0; t < k; t++) {
    for (let i = 0; i < r; i++) {
      const v = a[t * r + i];
      if (v === 0) continue;
      for (let j = 0; j < c; j++) out[i * c + j] += v * b[t * c + j];
    }
  }
  return out;
}

/** (I − B)⁻¹ for a nilpotent B (an acyclic path matrix): I + B + B² + … + B^(m−1). */
export function inverseIMinusNilpotent(B: Float64Array, m: number, out: Float64Array, power: Float64Array, tmp: Float64Array): Float64Array {
  out.fill(0, 0, m * m);
  power.fill(0, 0, m * m);
  for (let i = 0; i < m; i++) {
    out[i * m + i] = 1;
    power[i * m + i] = 1;
  }
  for (let k = 1; k < m; k++) {
    mul(power, B, m, m, m, tmp);
    for (let i = 0; i < m * m; i++) {
      power[i] = tmp[i];
      out[i] += tmp[i];
    }
  }
  return out;
}
