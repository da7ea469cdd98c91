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
