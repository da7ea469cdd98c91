/**
 * Unconstraining transforms with log-Jacobians and their derivatives, for the SEM: bounded
 * intervals (Beta and Uniform priors), and the correlation Cholesky factor with the LKJ term
 * folded in and a switch that leaves the Jacobian out (the ML fit uses the same
 * parametrisation without it). The maps are those of src/lib/bayes/transforms.ts, whose
 * correlation transform has neither option; both are checked against finite differences.
 */

/** x = exp(y) on (0, ∞); log|dx/dy| = y. */
export const positive = {
  forward: (y: number) => Math.exp(y),
  inverse: (x: number) => Math.log(x),
};

/** x = lo + (hi − lo)·σ(y) on (lo, hi). */
export function boundedForward(y: number, lo: number, hi: number): number {
  return lo + (hi - lo) * logistic(y);
}

export function boundedInverse(x: number, lo: number, hi: number): number {
  const u = (x - lo) / (hi - lo);
  return Math.log(u) - Math.log1p(-u);
}

/** log|dx/dy| = log(hi − lo) + log σ(y) + log(1 − σ(y)), computed stably. */
export function boundedLogJacobian(y: number, lo: number, hi: number): number {
  return Math.log(hi - lo) - softplus(-y) - softplus(y);
}

/** d/dy of boundedLogJacobian = 1 − 2σ(y). */
export function boundedLogJacobianGrad(y: number): number {
  return 1 - 2 * logistic(y);
}

/** dx/dy = (hi − lo) σ(y)(1 − σ(y)). */
export function boundedDerivative(y: number, lo: number, hi: number): number {
  const s = logistic(y);
  return (hi - lo) * s * (1 - s);
}

export function logistic(y: number): number {
  return y >= 0 ? 1 / (1 + Math.exp(-y)) : Math.exp(y) / (1 + Math.exp(y));
}

function softplus(y: number): number {
  return y > 0 ? y + Math.log1p(Math.exp(-y)) : Math.log1p(Math.exp(y));
}

/**
 * Cholesky factor L of a k×k correlation matrix from k(k−1)/2 unconstrained values, via
 * canonical partial correlations z = tanh(y) (the construction Stan uses), row by row.
 * Adds to the return value log|Jacobian| plus the LKJ(η) log density of L (up to a constant)
 * when eta is given (eta = null: Jacobian only, i.e. a flat prior on the CPCs' space).
 */
export function corrCholeskyForward(y: Float64Array, offset: number, k: number, L: Float64Array, eta: number | null): number {
  L.fill(0, 0, k * k);
  L[0] = 1;
  let lp = 0;
  let idx = offset;
  for (let i = 1; i < k; i++) {
    let sumsq = 0;
    for (let j = 0; j < i; j++) {
      const z = Math.tanh(y[idx++]);
      const w = Math.sqrt(1 - sumsq);
      const v = z * w;
      L[i * k + j] = v;
      sumsq += v * v;
      lp += Math.log1p(-z * z) + Math.log(w); // d tanh, and ∂L_ij/∂z_ij = w
    }
    const d = Math.sqrt(1 - sumsq);
    L[i * k + i] = d;
    if (eta !== null) lp += (k - i + 2 * eta - 3) * Math.log(d);
  }
  return lp;
}

/**
 * Reverse pass of corrCholeskyForward: given gL = ∂f/∂L (lower triangle used) adds
 * ∂(f + [log-Jacobian + LKJ term])/∂y into grad[offset …]. With jacobian = false only f's
 * gradient is propagated (for a likelihood alone).
 */
export function corrCholeskyBackward(
  y: Float64Array,
  offset: number,
  k: number,
  L: Float64Array,
  gL: Float64Array,
  eta: number | null,
  jacobian: boolean,
  grad: Float64Array,
): void {
  const w = new Float64Array(k);
  let rowStart = offset;
  for (let i = 1; i < k; i++) {
    // Row i depends only on its own i values; walk it backwards through the running sum of squares s.
    let sumsq = 0;
    for (let j = 0; j < i; j++) {
      w[j] = Math.sqrt(1 - sumsq);
      sumsq += L[i * k + j] ** 2;
    }
    const d = L[i * k + i];
    const c = jacobian && eta !== null ? k - i + 2 * eta - 3 : 0;
    // L_ii = sqrt(1 − s_i) ⇒ ∂L_ii/∂s_i = −1/(2 L_ii)
    let gs = (gL[i * k + i] + c / d) * (-0.5 / d);
    for (let j = i - 1; j >= 0; j--) {
      const z = Math.tanh(y[rowStart + j]);
      const v = L[i * k + j];
      const gv = gL[i * k + j] + gs * 2 * v; // s_{j+1} = s_j + L_ij²
      const gw = gv * z + (jacobian ? 1 / w[j] : 0); // L_ij = z w_j, and log w_j in the Jacobian
      gs += gw * (-0.5 / w[j]);
      grad[rowStart + j] += gv * w[j] * (1 - z * z) + (jacobian ? -2 * z : 0);
    }
    rowStart += i;
  }
}

/** Inverse of corrCholeskyForward: unconstrained values for a correlation Cholesky factor. */
export function corrCholeskyInverse(L: Float64Array, k: number, out: Float64Array, offset: number): void {
  let idx = offset;
  for (let i = 1; i < k; i++) {
    let sumsq = 0;
    for (let j = 0; j < i; j++) {
      const v = L[i * k + j];
      const z = v / Math.sqrt(1 - sumsq);
      out[idx++] = Math.atanh(Math.max(-0.999999, Math.min(0.999999, z)));
      sumsq += v * v;
    }
  }
}
