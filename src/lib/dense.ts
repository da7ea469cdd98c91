/**
 * Allocation-free kernels on row-major Float64Arrays, for the inner loops of log densities
 * (the Bayesian models, the SEM). linalg.ts is the allocating API for everything else; its
 * Cholesky is this one. A matrix that is not positive definite is a `false` here, not an
 * error: for a sampler it is an ordinary point outside the support.
 */

/** Lower Cholesky factor of the n×n symmetric `a` into `l` (upper part zeroed). False if not PD. */
export function choleskyInto(a: Float64Array, l: Float64Array, n: number): boolean {
  for (let j = 0; j < n; j++) {
    let d = a[j * n + j];
    for (let k = 0; k < j; k++) d -= l[j * n + k] * l[j * n + k];
    if (!(d > 0) || d === Infinity) return false;
    const ljj = Math.sqrt(d);
    l[j * n + j] = ljj;
    for (let k = j + 1; k < n; k++) l[j * n + k] = 0;
    for (let i = j + 1; i < n; i++) {
      let s = a[i * n + j];
      for (let k = 0; k < j; k++) s -= l[i * n + k] * l[j * n + k];
      l[i * n + j] = s / ljj;
    }
  }
  return true;
}

/** Inverse of a lower-triangular n×n `l` into `out` (lower, upper zeroed). */
export function invertLowerInto(l: Float64Array, out: Float64Array, n: number): void {
  out.fill(0, 0, n * n);
  for (let j = 0; j < n; j++) {
    out[j * n + j] = 1 / l[j * n + j];
    for (let i = j + 1; i < n; i++) {
      let s = 0;
      for (let k = j; k < i; k++) s -= l[i * n + k] * out[k * n + j];
      out[i * n + j] = s / l[i * n + i];
    }
  }
}

/** out = Linvᵀ Linv, i.e. A⁻¹ when A = L Lᵀ and Linv = L⁻¹. Symmetric output. */
export function inverseFromLowerInverse(linv: Float64Array, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      // (Linvᵀ Linv)_ij = Σ_k Linv_ki Linv_kj, with Linv_ki = 0 for k < i (lower)
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
  invertLowerInto(l, linv, n);
  inverseFromLowerInverse(linv, out, n);
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

/** out (r×c) = a (r×k) · bᵀ where b is (c×k). */
export function mulT(a: Float64Array, b: Float64Array, r: number, k: number, c: number, out: Float64Array): Float64Array {
  for (let i = 0; i < r; i++) {
    for (let j = 0; j < c; j++) {
      let s = 0;
      for (let t = 0; t < k; t++) s += a[i * k + t] * b[j * k + t];
      out[i * c + j] = s;
    }
  }
  return out;
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
    power.set(tmp.subarray(0, m * m));
    for (let i = 0; i < m * m; i++) out[i] += power[i];
  }
  return out;
}
