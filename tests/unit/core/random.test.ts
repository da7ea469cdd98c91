import { describe, expect, it } from 'vitest';
import { createRng, derive, permutation, randInt, rngFromState, sampleWithoutReplacement } from '../../../src/lib/random';

describe('seeded PRNG', () => {
  // Published reference vectors; exact, as the generator is integer arithmetic.
  // xoshiro128** 1.1 (the reference code at prng.di.unimi.it/xoshiro128starstar.c; "version 1.0 had
  // mistakenly s[0] instead of s[1] as state word passed to the scrambler"): the vector published
  // with wallstop/unity-helpers' Xoshiro128StarStar tests, from that code.
  it('is xoshiro128** 1.1: from a given state it gives the reference code’s outputs', () => {
    const rng = rngFromState(Uint32Array.from([0x12345678, 0x9abcdef0, 0x0fedcba9, 0x87654321]));
    expect(Array.from({ length: 4 }, () => rng.nextUint32())).toEqual([0x99981812, 0x66666962, 0xd3905550, 0x309cbe4f]);
  });

  // The older published vectors (rand_xoshiro's Xoshiro128StarStar, Apache Commons RNG's
  // XoShiRo128StarStar, both from the 1.0 reference code) differ only in the scrambled word: they
  // check our state transition when the output is recomputed from s[0] of the state before each step.
  it('steps its state as the 1.0 reference vectors require (output recomputed from s[0])', () => {
    const rotl = (x: number, k: number) => ((x << k) | (x >>> (32 - k))) >>> 0;
    const v10 = (state: number[], n: number) => {
      const rng = rngFromState(Uint32Array.from(state));
      return Array.from({ length: n }, () => {
        const s0 = rng.state()[0];
        rng.nextUint32();
        return Math.imul(rotl(Math.imul(s0, 5) >>> 0, 7), 9) >>> 0;
      });
    };
    expect(v10([1, 2, 3, 4], 10)).toEqual([5760, 40320, 70819200, 3297914139, 2480851620, 1792823698, 4118739149, 1251203317, 1581886583, 1721184582]);
    expect(v10([0x012de1ba, 0xa5a818b8, 0xb124ea2b, 0x18e03749], 8)).toEqual([0x8856d912, 0xf2a19a86, 0x7693f66d, 0x23516f86, 0x4895054e, 0xf4503fe6, 0x40e04672, 0x99244e34]);
  });

  // The generator keeps its state in four number fields for speed; this is the straightforward
  // Uint32Array transcription it replaced. Exact equality over long mixed streams (integers,
  // uniforms, normals) pins every result the essay baked with the earlier code.
  it('gives exactly the stream of a plain Uint32Array transcription (integers, uniforms, normals, snapshots)', () => {
    const rotl = (x: number, k: number) => ((x << k) | (x >>> (32 - k))) >>> 0;
    const reference = (state: Uint32Array) => {
      const s = Uint32Array.from(state);
      const next = () => {
        const result = Math.imul(rotl(Math.imul(s[1], 5) >>> 0, 7), 9) >>> 0;
        const t = (s[1] << 9) >>> 0;
        s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3]; s[2] ^= t;
        s[3] = rotl(s[3], 11);
        return result;
      };
      const uniform = () => ((next() >>> 5) * 67108864 + (next() >>> 6)) / 9007199254740992;
      const normal = () => {
        let u = uniform();
        while (u === 0) u = uniform();
        const v = uniform();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
      };
      return { draws: [next, uniform, normal], state: () => Array.from(s) };
    };
    for (const start of [[1, 2, 3, 4], [0xffffffff, 0x80000000, 0x7fffffff, 0x12345678], Array.from(createRng(99).state())]) {
      const fast = rngFromState(Uint32Array.from(start));
      const ref = reference(Uint32Array.from(start));
      const fastDraws = [() => fast.nextUint32(), () => fast.uniform(), () => fast.normal()];
      let mismatches = 0;
      for (let i = 0; i < 30_000; i++) {
        const k = (i * 7) % 3; // interleave the three kinds
        if (!Object.is(fastDraws[k](), ref.draws[k]())) mismatches++;
      }
      expect(mismatches).toBe(0);
      expect(Array.from(fast.state())).toEqual(ref.state());
      expect(fast.state()).toBeInstanceOf(Uint32Array);
    }
    // and a few values recorded from that transcription, seeded through createRng (splitmix32)
    const rng = createRng(42);
    expect([rng.nextUint32(), rng.uniform(), rng.normal(), rng.normal(), rng.uniform()]).toEqual([2837322924, 0.12688010269181393, 0.6310041402959609, -0.746136702144005, 0.4746070427364051]);
    expect(Array.from(rng.state())).toEqual([3972987238, 3461282320, 2768257730, 1502774328]);
  });

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
