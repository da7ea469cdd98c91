/**
 * Small in-place kernels on square row-major Float64Arrays (n×n), for the inner loop of a
 * log density. Unlike src/lib/linalg.ts they allocate nothing and never throw on a
 * non-positive-definite matrix: the sampler treats that as "outside the support".
 */

/** In-place lower Cholesky of the n×n matrix `a` into `l` (upper part zeroed). Returns false if not PD. */
export function choleskyInto(a: Float64Array, l: Float64Array, n: number): boolean {
  for (let j = 0; j < n; j++) {
    let d = a[j * n + j];
    for (let k = 0; k < j; k++) d -= l[j * n + k] * l[j * n + k];
    if (!(d > 0)) return false;
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

/** out = a · b for n×n matrices (out must not alias a or b). */
export function matmulInto(a: Float64Array, b: Float64Array, out: Float64Array, n: number): void {
  out.fill(0, 0, n * n);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < n; k++) {
      const aik = a[i * n + k];
      if (aik === 0) continue;
      for (let j = 0; j < n; j++) out[i * n + j] += aik * b[k * n + j];
    }
  }
}

/** Sum of log of the diagonal of a lower-triangular factor, i.e. ½ log|A| for A = L Lᵀ. */
export function logDiagSum(l: Float64Array, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += Math.log(l[i * n + i]);
  return s;
}
