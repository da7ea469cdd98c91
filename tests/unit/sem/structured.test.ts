import { describe, expect, it } from 'vitest';
import { mul, mulT, tMul } from '../../../src/lib/dense';
import { createRng } from '../../../src/lib/random';
import { allFinite, mulPatternLeft, mulPatternRight, mulTPatternRight, patternOf, productTPattern, tMulPatternLeft, transposePattern } from '../../../src/lib/sem/structured';

// Products over a fixed zero pattern must give dense.ts's products bit for bit (the SEM's
// results are baked from those): always for the kernels that skip the patterned matrix's
// zeros, and whenever the other factor is finite for the rest. Equality: Object.is per entry.
const rng = createRng(7);
const same = (x: Float64Array, y: Float64Array) => x.length === y.length && x.every((v, i) => Object.is(v, y[i]));
/** A random pattern and a matrix that is 0 off it (and sometimes 0 or −0 on it). */
function patterned(r: number, c: number) {
  const entries: [number, number][] = [];
  const m = new Float64Array(r * c);
  for (let i = 0; i < r; i++) {
    for (let j = 0; j < c; j++) {
      if (rng.uniform() < 0.35) {
        entries.push([i, j]);
        const u = rng.uniform();
        m[i * c + j] = u < 0.1 ? 0 : u < 0.15 ? -0 : rng.normal();
      }
    }
  }
  return { m, pattern: patternOf(r, c, entries) };
}
const finite = (n: number) => Float64Array.from({ length: n }, () => (rng.uniform() < 0.1 ? 0 : rng.normal() * 10 ** Math.floor(6 * rng.uniform() - 3)));
/** Runs both into fresh outputs (the structured one prefilled with junk) and expects them equal; returns the dense one's. */
function agree(n: number, dense: (out: Float64Array) => unknown, structured: (out: Float64Array) => unknown): Float64Array {
  const d = new Float64Array(n);
  const s = anything(n);
  dense(d);
  structured(s);
  expect(same(d, s)).toBe(true);
  return d;
}
const anything = (n: number) => Float64Array.from({ length: n }, () => [NaN, Infinity, -Infinity, 0, -0, 1e308][Math.floor(rng.uniform() * 12)] ?? rng.normal());

describe('structured products equal the dense kernels bit for bit', () => {
  for (let t = 0; t < 200; t++) {
    const [r, k, c] = [1 + (t % 5), 1 + ((t >> 1) % 7), 1 + ((t >> 3) % 5)];
    it(`shapes ${r}×${k}×${c}, case ${t}`, () => {
      const { m: s, pattern } = patterned(r, k); // r×k
      // mulPatternLeft and tMulPatternLeft skip the pattern's zeros as mul and tMul do: any other factor
      const b = anything(k * c);
      agree(r * c, (o) => mul(s, b, r, k, c, o), (o) => mulPatternLeft(s, pattern, b, r, k, c, o));
      const bt = anything(r * c);
      agree(k * c, (o) => tMul(s, bt, r, k, c, o), (o) => tMulPatternLeft(s, pattern, bt, r, k, c, o));
      // the others need the dense factor finite
      const a = finite(c * r);
      agree(c * k, (o) => mul(a, s, c, r, k, o), (o) => mulPatternRight(a, s, transposePattern(pattern), c, r, k, o));
      const a2 = finite(c * k);
      const add = finite(c * r);
      const plusAdd = (o: Float64Array) => {
        mulT(a2, s, c, k, r, o);
        for (let i = 0; i < c * r; i++) o[i] += add[i];
      };
      agree(c * r, plusAdd, (o) => mulTPatternRight(a2, s, pattern, c, k, r, add, o));
      // s sᵀ over s's own pattern (finite s), and the pattern of the product covers its nonzeros
      const h1 = agree(r * r, (o) => mulT(s, s, r, k, r, o), (o) => mulTPatternRight(s, s, pattern, r, k, r, null, o));
      const pp = productTPattern(pattern, pattern);
      for (let i = 0; i < r; i++) for (let j = 0; j < r; j++) if (h1[i * r + j] !== 0) expect([...pp.index.subarray(pp.start[i], pp.start[i + 1])]).toContain(j);
    });
  }

  it('allFinite flags any infinite or NaN entry among the first n', () => {
    expect(allFinite(Float64Array.of(1, -0, 1e308, 5e-324), 4)).toBe(true);
    for (const bad of [NaN, Infinity, -Infinity]) expect(allFinite(Float64Array.of(1, bad, 2), 3)).toBe(false);
    expect(allFinite(Float64Array.of(1, 2, NaN), 2)).toBe(true);
  });

  it('a product with an infinite dense factor is why the finite check exists: the dense kernel then differs', () => {
    const s = Float64Array.of(1, 0); // 1×2, pattern {(0,0)}
    const a = Float64Array.of(2, Infinity); // 1×2
    const out = new Float64Array(1);
    mulT(a, s, 1, 2, 1, out);
    expect(out[0]).toBeNaN(); // Infinity · 0
    mulTPatternRight(a, s, patternOf(1, 2, [[0, 0]]), 1, 2, 1, null, out);
    expect(out[0]).toBe(2);
  });
});
