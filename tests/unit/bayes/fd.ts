/**
 * Central finite differences for gradient checks.
 *
 * Tolerance rationale: with step h the central difference has truncation error ~h²·|f'''|/6
 * and rounding error ~ε·|f|/h (ε = 2.2e-16). For h = 1e-5 and |f| ≲ 1e4 (log-likelihoods
 * of tens to hundreds of rows) both are ≲ 1e-7, so a relative tolerance of 1e-5 on
 * max(1, |g|) leaves two orders of margin yet still catches any wrong term, which shows up
 * as an O(1) discrepancy.
 */
export function finiteDifference(f: (x: Float64Array) => number, x: Float64Array, h = 1e-5): Float64Array {
  const g = new Float64Array(x.length);
  const y = Float64Array.from(x);
  for (let i = 0; i < x.length; i++) {
    const step = h * Math.max(1, Math.abs(x[i]));
    y[i] = x[i] + step;
    const fp = f(y);
    y[i] = x[i] - step;
    const fm = f(y);
    y[i] = x[i];
    g[i] = (fp - fm) / (2 * step);
  }
  return g;
}

/** Largest |a − b| / max(1, |a|) over components. */
export function maxRelativeError(a: Float64Array, b: Float64Array): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]) / Math.max(1, Math.abs(a[i])));
  return worst;
}

export const GRADIENT_TOLERANCE = 1e-5;
