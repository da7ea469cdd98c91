/**
 * Maps from unconstrained R^d to constrained parameters, each with its log-Jacobian and
 * the reverse-mode step that pulls an adjoint on the constrained value back to θ
 * (including the Jacobian's own derivative). Same transforms as Stan's reference manual.
 */

/** σ = exp(u); log|dσ/du| = u. */
export function positiveConstrain(u: number): { value: number; logJacobian: number } {
  return { value: Math.exp(u), logJacobian: u };
}

/** Adjoint of u given the adjoint of σ = exp(u), plus d(logJacobian)/du = 1. */
export function positiveBackward(value: number, valueAdjoint: number): number {
  return valueAdjoint * value + 1;
}

/** x = logistic(u); log|dx/du| = log x + log(1 − x), computed stably. */
export function unitConstrain(u: number): { value: number; logJacobian: number } {
  const value = 1 / (1 + Math.exp(-u));
  const logJacobian = -Math.abs(u) - 2 * Math.log1p(Math.exp(-Math.abs(u)));
  return { value, logJacobian };
}

/** Adjoint of u for x = logistic(u), plus d(log x(1−x))/du = 1 − 2x. */
export function unitBackward(value: number, valueAdjoint: number): number {
  return valueAdjoint * value * (1 - value) + (1 - 2 * value);
}

/** log(1 − tanh²y) = log sech²y, stable for large |y| (where 1 − tanh² rounds to 0). */
function logSech2(y: number, z: number): number {
  const a = Math.abs(y);
  // Direct form is accurate to ~1e-12 relative while 1 − z² ≥ 1e-4 (|y| < 5) and cheaper.
  if (a < 5) return Math.log1p(-z * z);
  return 2 * (Math.LN2 - a - Math.log1p(Math.exp(-2 * a)));
}

/** Number of unconstrained values for a K×K correlation Cholesky factor. */
export const corrCholeskySize = (k: number): number => (k * (k - 1)) / 2;

/**
 * Stan's cholesky_corr_constrain: canonical partial correlations z = tanh(y), filled row by
 * row into the lower triangle, each row rescaled so that it has unit norm. Writes the K×K
 * factor into `l` and returns the log-Jacobian:
 *   Σ_k log(1 − z_k²) + Σ_{i} Σ_{j=1}^{i−1} ½ log(1 − Σ_{m<j} L_im²).
 * `y` is read from `offset`. When `z` (length ≥ K(K−1)/2) is given, the partial correlations
 * tanh(y) are left in it for corrCholeskyBackward, which then need not recompute them.
 */
export function corrCholeskyConstrain(y: ArrayLike<number>, offset: number, k: number, l: Float64Array, z?: Float64Array): number {
  l.fill(0, 0, k * k);
  let lp = 0;
  let idx = offset;
  l[0] = 1;
  for (let i = 1; i < k; i++) {
    let sumSqs = 0;
    const row = i * k;
    for (let j = 0; j < i; j++) {
      const yv = y[idx];
      const zv = Math.tanh(yv);
      if (z) z[idx - offset] = zv;
      idx++;
      lp += logSech2(yv, zv);
      if (j > 0) lp += 0.5 * Math.log1p(-sumSqs);
      const v = zv * Math.sqrt(1 - sumSqs);
      l[row + j] = v;
      sumSqs += v * v;
    }
    l[row + i] = Math.sqrt(1 - sumSqs);
  }
  return lp;
}

/**
 * Reverse mode through corrCholeskyConstrain: given the adjoint `lAdjoint` of every
 * lower-triangular entry of L (diagonal included), adds ∂/∂y of
 * (Σ lAdjoint ⊙ L + logJacobian) into `grad` starting at `offset`. `l` is the forward output;
 * `z`, if given, holds the forward pass's tanh(y) (corrCholeskyConstrain's `z`), else they
 * are recomputed; `scratch` (length ≥ K), if given, saves an allocation.
 */
export function corrCholeskyBackward(
  y: ArrayLike<number>,
  offset: number,
  k: number,
  l: Float64Array,
  lAdjoint: Float64Array,
  grad: Float64Array,
  z?: Float64Array,
  scratch?: Float64Array,
): void {
  // Running sums of squares before each element of a row (s_j), recomputed from L.
  const s = scratch ?? new Float64Array(k);
  let rowStart = offset;
  for (let i = 1; i < k; i++) {
    const row = i * k;
    let acc = 0;
    for (let j = 0; j < i; j++) {
      s[j] = acc;
      acc += l[row + j] ** 2;
    }
    // L_ii = sqrt(1 − s_i): adjoint flows into s_i.
    let sBar = lAdjoint[row + i] * (-0.5 / l[row + i]);
    for (let j = i - 1; j >= 0; j--) {
      const lij = l[row + j];
      // s_{j+1} = s_j + L_ij², so L_ij receives 2 L_ij s̄ and s_j inherits s̄.
      const lBar = lAdjoint[row + j] + 2 * lij * sBar;
      const sj = s[j];
      const w = Math.sqrt(1 - sj);
      const zv = z ? z[rowStart - offset + j] : Math.tanh(y[rowStart + j]);
      const zBar = lBar * w;
      // L_ij = z w(s_j): ∂/∂s_j = −z / (2w); Jacobian term ½ log(1 − s_j) for j ≥ 1.
      sBar += (lBar * zv * -0.5) / w;
      if (j > 0) sBar += -0.5 / (1 - sj);
      // z = tanh y and the log sech² y Jacobian term (derivative −2 tanh y).
      grad[rowStart + j] += zBar * (1 - zv * zv) - 2 * zv;
    }
    rowStart += i;
  }
}
