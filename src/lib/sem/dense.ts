/**
 * Allocation-free kernels on square or rectangular row-major Float64Arrays, for the SEM's
 * inner loop (the shared linalg.ts allocates a Matrix per call, which the sampler would feel).
 */

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

/**
 * Cholesky factor of an n×n symmetric matrix into `L` (lower, zeros above).
 * Returns false instead of throwing when not positive definite: for a sampler that is an
 * ordinary rejected point, not an error.
 */
export function choleskyInto(a: Float64Array, n: number, L: Float64Array): boolean {
  L.fill(0, 0, n * n);
  for (let j = 0; j < n; j++) {
    let d = a[j * n + j];
    for (let k = 0; k < j; k++) d -= L[j * n + k] * L[j * n + k];
    if (!(d > 0) || !Number.isFinite(d)) return false;
    const ljj = Math.sqrt(d);
    L[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let s = a[i * n + j];
      for (let k = 0; k < j; k++) s -= L[i * n + k] * L[j * n + k];
      L[i * n + j] = s / ljj;
    }
  }
  return true;
}

/** A⁻¹ from its Cholesky factor L (A = L Lᵀ), written into `out`; `work` is n×n scratch. */
export function inverseFromCholesky(L: Float64Array, n: number, out: Float64Array, work: Float64Array): Float64Array {
  // work = L⁻¹ (lower triangular), then A⁻¹ = L⁻ᵀ L⁻¹.
  work.fill(0, 0, n * n);
  for (let j = 0; j < n; j++) {
    work[j * n + j] = 1 / L[j * n + j];
    for (let i = j + 1; i < n; i++) {
      let s = 0;
      for (let k = j; k < i; k++) s -= L[i * n + k] * work[k * n + j];
      work[i * n + j] = s / L[i * n + i];
    }
  }
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = i; k < n; k++) s += work[k * n + i] * work[k * n + j];
      out[i * n + j] = s;
      out[j * n + i] = s;
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
