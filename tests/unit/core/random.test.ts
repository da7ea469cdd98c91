import { describe, expect, it } from 'vitest';
import { createRng, derive, permutation, randInt, rngFromState, sampleWithoutReplacement } from '../../../src/lib/random';

describe('seeded PRNG', () => {
  it('gives the same stream for the same seed and different streams for different seeds', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const xa = Array.from({ length: 100 }, () => a.nextUint32());
    const xb = Array.from({ length: 100 }, () => b.nextUint32());
    const xc = Array.from({ length: 100 }, () => c.nextUint32());
    expect(xa).toEqual(xb);
    expect(xa).not.toEqual(xc);
  });

  it('resumes exactly from a state snapshot', () => {
    const a = createRng(7);
    for (let i = 0; i < 10; i++) a.uniform();
    const b = rngFromState(a.state());
    expect(Array.from({ length: 20 }, () => a.normal())).toEqual(Array.from({ length: 20 }, () => b.normal()));
  });

  it('draws uniforms in [0, 1) with mean 1/2 and variance 1/12', () => {
    const rng = createRng(1);
    const n = 200_000;
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const u = rng.uniform();
      expect(u >= 0 && u < 1).toBe(true);
      s += u;
      s2 += u * u;
    }
    const m = s / n;
    // standard error of the mean is sqrt(1/12/n) ≈ 0.00065; 5 se keeps false failures negligible
    expect(Math.abs(m - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(s2 / n - m * m - 1 / 12)).toBeLessThan(0.002);
  });

  it('draws standard normals with the right first four moments', () => {
    const rng = createRng(2);
    const n = 200_000;
    let m1 = 0, m2 = 0, m3 = 0, m4 = 0;
    for (let i = 0; i < n; i++) {
      const z = rng.normal();
      m1 += z; m2 += z * z; m3 += z ** 3; m4 += z ** 4;
    }
    // tolerances are ~5 standard errors: sd of the sample mean of z^k is sqrt(Var z^k / n)
    expect(Math.abs(m1 / n)).toBeLessThan(5 * Math.sqrt(1 / n));
    expect(Math.abs(m2 / n - 1)).toBeLessThan(5 * Math.sqrt(2 / n));
    expect(Math.abs(m3 / n)).toBeLessThan(5 * Math.sqrt(15 / n));
    expect(Math.abs(m4 / n - 3)).toBeLessThan(5 * Math.sqrt(96 / n));
  });

  it('draws integers without modulo bias (chi-square over 7 bins)', () => {
    const rng = createRng(3);
    const counts = new Array(7).fill(0);
    const n = 70_000;
    for (let i = 0; i < n; i++) counts[randInt(rng, 7)]++;
    const chi2 = counts.reduce((s, c) => s + (c - n / 7) ** 2 / (n / 7), 0);
    // 99.9th percentile of chi-square with 6 degrees of freedom is 22.46
    expect(chi2).toBeLessThan(22.46);
  });

  it('shuffles into a permutation and samples distinct indices', () => {
    const rng = createRng(4);
    const p = Array.from(permutation(rng, 50)).sort((a, b) => a - b);
    expect(p).toEqual(Array.from({ length: 50 }, (_, i) => i));
    const s = sampleWithoutReplacement(rng, 1000, 300);
    expect(new Set(s).size).toBe(300);
    expect(Math.max(...s)).toBeLessThan(1000);
    expect(() => sampleWithoutReplacement(rng, 3, 4)).toThrow(/cannot take 4 of 3/);
  });

  it('derives stable, distinct sub-stream seeds', () => {
    expect(derive(1, 'chain', 0)).toBe(derive(1, 'chain', 0));
    const seeds = new Set([0, 1, 2, 3].map((k) => derive(1, 'chain', k)));
    expect(seeds.size).toBe(4);
    expect(derive(1, 'chain', 0)).not.toBe(derive(2, 'chain', 0));
  });

  it('rejects a non-finite seed', () => {
    expect(() => createRng(Number.NaN)).toThrow(/finite/);
  });
});
