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
const anything = (n: number) => Float64Array.from({ length: n }, () => [NaN, Infinity, -Infinity, 0, -0, 1e308][Math.floor(rng.uniform() * 12)] ?? rng.normal());

describe('structured products equal the dense kernels bit for bit', () => {
  for (let t = 0; t < 200; t++) {
    const [r, k, c] = [1 + (t % 5), 1 + ((t >> 1) % 7), 1 + ((t >> 3) % 5)];
    it(`shapes ${r}×${k}×${c}, case ${t}`, () => {
      const { m: s, pattern } = patterned(r, k); // r×k
      // mulPatternLeft and tMulPatternLeft skip the pattern's zeros as mul and tMul do: any other factor
      const b = anything(k * c);
      const d1 = new Float64Array(r * c);
      const d2 = anything(r * c);
      mul(s, b, r, k, c, d1);
      mulPatternLeft(s, pattern, b, r, k, c, d2);
      expect(same(d1, d2)).toBe(true);
      const bt = anything(r * c);
      const e1 = new Float64Array(k * c);
      const e2 = anything(k * c);
      tMul(s, bt, r, k, c, e1);
      tMulPatternLeft(s, pattern, bt, r, k, c, e2);
      expect(same(e1, e2)).toBe(true);
      // the others need the dense factor finite
      const a = finite(c * r);
      const f1 = new Float64Array(c * k);
      const f2 = anything(c * k);
      mul(a, s, c, r, k, f1);
      mulPatternRight(a, s, transposePattern(pattern), c, r, k, f2);
      expect(same(f1, f2)).toBe(true);
      const a2 = finite(c * k);
      const add = finite(c * r);
      const g1 = new Float64Array(c * r);
      const g2 = anything(c * r);
      mulT(a2, s, c, k, r, g1);
      for (let i = 0; i < c * r; i++) g1[i] += add[i];
      mulTPatternRight(a2, s, pattern, c, k, r, add, g2);
      expect(same(g1, g2)).toBe(true);
      // s sᵀ over s's own pattern (finite s), and the pattern of the product covers its nonzeros
      const h1 = new Float64Array(r * r);
      const h2 = anything(r * r);
      mulT(s, s, r, k, r, h1);
      mulTPatternRight(s, s, pattern, r, k, r, null, h2);
      expect(same(h1, h2)).toBe(true);
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
