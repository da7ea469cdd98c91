/**
 * Standard normal draws in bulk by the ziggurat method (Marsaglia & Tsang 2000, with Doornik's
 * 2005 correction: the value and the layer come from independent words, so layer choice and
 * magnitude are not correlated). 128 layers of equal area V under the half-density; a draw
 * lands inside its layer's rectangle ~97% of the time and then costs two 32-bit words, a
 * multiply and a compare. Box–Muller (`Rng.normal`) costs four words, a log, a sqrt and a cos:
 * measured here about four times as much per draw.
 *
 * Used where normals are drawn by the million: the VAEs' generated data sets (audits) and
 * MIWAE's K latent draws per row in training (vae/batch.ts importanceNoise). The samplers and
 * the plain and masked VAEs' training noise keep `Rng.normal`.
 *
 * The value's resolution is 2⁻³¹ of its layer's width: far below float32's, and below anything
 * a Monte Carlo average over generated data sets could resolve.
 */
import type { Rng } from './random';

const LAYERS = 128;
/** right edge of the base layer's rectangle, and the tail's start */
const R = 3.442619855899;
/** area of each layer (including, for the base, the tail beyond R), for f(x) = exp(−x²/2) */
const V = 9.91256303526217e-3;
const TWO_TO_MINUS_31 = 2 ** -31;

/** X[i]: right edge of layer i (X[0] the base's pseudo-width V/f(R), X[1] = R, X[128] = 0). */
const X = new Float64Array(LAYERS + 1);
/** X[i + 1] / X[i]: below it, a draw in layer i is inside the curve without evaluating it */
const INSIDE = new Float64Array(LAYERS);
/** f(X[i]) = exp(−X[i]²/2), for the wedge test */
const F = new Float64Array(LAYERS + 1);
{
  let f = Math.exp(-0.5 * R * R);
  X[0] = V / f;
  X[1] = R;
  for (let i = 2; i < LAYERS; i++) {
    X[i] = Math.sqrt(-2 * Math.log(V / X[i - 1] + f));
    f = Math.exp(-0.5 * X[i] * X[i]);
  }
  X[LAYERS] = 0;
  for (let i = 0; i < LAYERS; i++) INSIDE[i] = X[i + 1] / X[i];
  for (let i = 0; i <= LAYERS; i++) F[i] = Math.exp(-0.5 * X[i] * X[i]);
}

/** One standard normal draw. */
export function zigguratNormal(rng: Rng): number {
  for (;;) {
    const u = (rng.nextUint32() | 0) * TWO_TO_MINUS_31; // uniform on [−1, 1)
    const i = rng.nextUint32() & (LAYERS - 1);
    if (Math.abs(u) < INSIDE[i]) return u * X[i];
    if (i === 0) return tail(rng, u < 0);
    // the wedge between the rectangle of layer i and that of layer i + 1: accept under the curve
    const x = u * X[i];
    const fx = Math.exp(-0.5 * x * x);
    if (F[i] + rng.uniform() * (F[i + 1] - F[i]) < fx) return x;
  }
}

/** Marsaglia's tail algorithm for |x| > R. */
function tail(rng: Rng, negative: boolean): number {
  for (;;) {
    // 1 − uniform() is in (0, 1], so the logs are finite
    const x = Math.log(1 - rng.uniform()) / R;
    const y = Math.log(1 - rng.uniform());
    if (-2 * y >= x * x) return negative ? x - R : R - x;
  }
}

/** Fills `out` with standard normal draws, in index order; returns it. */
export function fillNormal<A extends Float32Array | Float64Array>(rng: Rng, out: A): A {
  for (let i = 0; i < out.length; i++) out[i] = zigguratNormal(rng);
  return out;
}
