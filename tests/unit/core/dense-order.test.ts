import { describe, expect, it } from 'vitest';
import { choleskyInto, inverseFromLowerInverse, invertLowerInto, mulT, mulTLower } from '../../../src/lib/dense';
import { createRng } from '../../../src/lib/random';

// The kernels run several sums per loop; each output must still be the plain loop's sum, bit
// for bit (results are baked from them). References: the plain loops, one output at a time.
// Equality is Object.is per entry (−0 ≠ +0); NaN counts as equal to NaN whatever its payload,
// which JavaScript cannot observe.

function refCholesky(a: Float64Array, l: Float64Array, n: number): boolean {
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

function refInvertLower(l: Float64Array, out: Float64Array, n: number): void {
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

function refInverseFromLowerInverse(linv: Float64Array, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = i; k < n; k++) s += linv[k * n + i] * linv[k * n + j];
      out[i * n + j] = s;
      out[j * n + i] = s;
    }
  }
}

function refMulT(a: Float64Array, b: Float64Array, r: number, k: number, c: number, out: Float64Array): void {
  for (let i = 0; i < r; i++) {
    for (let j = 0; j < c; j++) {
      let s = 0;
      for (let t = 0; t < k; t++) s += a[i * k + t] * b[j * k + t];
      out[i * c + j] = s;
    }
  }
}

const rng = createRng(20261202);
/** Mostly normals, with zeros, −0, huge, subnormal and non-finite entries mixed in when `special`. */
function entries(n: number, special: boolean): Float64Array {
  return Float64Array.from({ length: n }, () => {
    const u = rng.uniform();
    if (!special || u > 0.15) return rng.normal();
    return [0, -0, NaN, Infinity, -Infinity, 1e300, 1e-320, 1e-160][Math.floor(u * 53) % 8];
  });
}
/** G Gᵀ + 0.1 I: positive definite. */
function spd(n: number): Float64Array {
  const g = entries(n * n, false);
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) for (let k = 0; k < n; k++) a[i * n + j] += g[i * n + k] * g[j * n + k] + (i === j && k === 0 ? 0.1 : 0);
  return a;
}
const same = (x: Float64Array, y: Float64Array) => x.length === y.length && x.every((v, i) => Object.is(v, y[i]));

describe('dense kernels: each output is the plain loop’s sum, bit for bit', () => {
  it('choleskyInto: same factor, same verdict, same partial factor when not positive definite', () => {
    for (let t = 0; t < 400; t++) {
      const n = t % 15;
      const a = t % 3 === 0 ? entries(n * n, true) : spd(n);
      if (t % 5 === 1) a[(n >> 1) * (n + 1)] = -1; // a bad pivot part way
      const start = entries(n * n, true);
      const l1 = start.slice();
      const l2 = start.slice();
      expect(choleskyInto(a, l1, n)).toBe(refCholesky(a, l2, n));
      expect(same(l1, l2)).toBe(true);
    }
  });

  it('invertLowerInto and inverseFromLowerInverse', () => {
    for (let t = 0; t < 400; t++) {
      const n = t % 15;
      const l = new Float64Array(n * n);
      if (t % 2 === 0 || !refCholesky(spd(n), l, n)) l.set(entries(n * n, t % 4 === 1));
      const w1 = entries(n * n, true);
      const w2 = w1.slice();
      invertLowerInto(l, w1, n);
      refInvertLower(l, w2, n);
      expect(same(w1, w2)).toBe(true);
      const o1 = entries(n * n, true);
      const o2 = o1.slice();
      inverseFromLowerInverse(w1, o1, n);
      refInverseFromLowerInverse(w1, o2, n);
      expect(same(o1, o2)).toBe(true);
    }
  });

  it('mulT over odd and even shapes; mulTLower writes its lower triangle and nothing else', () => {
    for (let t = 0; t < 400; t++) {
      const [r, k, c] = [t % 7, (t >> 2) % 6, (t >> 4) % 7];
      const a = entries(r * k, t % 3 === 0);
      const b = entries(c * k, t % 3 === 0);
      const o1 = new Float64Array(r * c);
      const o2 = new Float64Array(r * c);
      mulT(a, b, r, k, c, o1);
      refMulT(a, b, r, k, c, o2);
      expect(same(o1, o2)).toBe(true);
      const n = t % 9;
      const x = entries(n * k, t % 3 === 1);
      const y = entries(n * k, t % 3 === 1);
      const full = new Float64Array(n * n);
      refMulT(x, y, n, k, n, full);
      const lower = entries(n * n, true);
      const expected = lower.slice();
      for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) expected[i * n + j] = full[i * n + j];
      mulTLower(x, y, n, k, lower);
      expect(same(lower, expected)).toBe(true);
    }
  });
});
