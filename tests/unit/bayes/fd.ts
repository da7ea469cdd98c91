/**
 * Central finite differences for gradient checks: the five-point stencil
 *   f'(x) ≈ [−f(x+2h) + 8f(x+h) − 8f(x−h) + f(x−2h)] / 12h.
 *
 * Tolerance rationale: its truncation error is ~h⁴|f⁽⁵⁾|/30 and its rounding error
 * ~ε|f|/h (ε = 2.2e-16). With h = 1e-3·max(1, |x|) and |f| ≲ 1e5 (log-likelihoods of a few
 * hundred rows) rounding stays ≲ 2e-8 and truncation ≲ 1e-9 unless fifth derivatives are
 * huge (near-singular correlation factors, where the simpler 3-point rule with a small h
 * lost to rounding). A relative tolerance of 1e-5 on max(1, |g|) leaves two or more orders
 * of margin, yet any wrong term in a derivation shows up as an O(1e-2..1) discrepancy.
 */
export function finiteDifference(f: (x: Float64Array) => number, x: Float64Array, h = 1e-3): Float64Array {
  const g = new Float64Array(x.length);
  const y = Float64Array.from(x);
  for (let i = 0; i < x.length; i++) {
    const step = h * Math.max(1, Math.abs(x[i]));
    const at = (k: number) => {
      y[i] = x[i] + k * step;
      return f(y);
    };
    g[i] = (-at(2) + 8 * at(1) - 8 * at(-1) + at(-2)) / (12 * step);
    y[i] = x[i];
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
