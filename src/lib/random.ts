/**
 * Seeded pseudo-random numbers, threaded explicitly through every computation.
 *
 * Generator: xoshiro128** (Blackman & Vigna, 2018), 128 bits of state, seeded by
 * splitmix32 so that nearby seeds give unrelated streams. Doubles take 53 bits from
 * two 32-bit outputs, so uniforms are as fine-grained as a float64 allows.
 *
 * An `Rng` is a small mutable object: handing it to a function is the explicit
 * statement that the function consumes randomness. Independent streams (one per
 * chain, per seed, per worker) come from `derive(seed, ...path)`, never from a
 * shared global.
 */

export interface Rng {
  /** Uniform 32-bit unsigned integer. */
  nextUint32(): number;
  /** Uniform double in [0, 1) with 53 random bits. */
  uniform(): number;
  /** Standard normal draw. */
  normal(): number;
  /** Snapshot of the internal state (for checkpoints and tests). */
  state(): Uint32Array;
}

function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/**
 * The four state words live in number fields held as signed 32-bit integers (small integers to
 * V8, never boxed), not in a Uint32Array: every draw then stays in registers, which makes
 * normal() about a quarter cheaper. The stream is the reference algorithm's, word for word
 * (tests/unit/core/random.test.ts compares it with a direct transcription).
 */
const TWO_TO_MINUS_53 = 2 ** -53;

class Xoshiro128 implements Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  constructor(state: Uint32Array) {
    this.s0 = state[0] | 0;
    this.s1 = state[1] | 0;
    this.s2 = state[2] | 0;
    this.s3 = state[3] | 0;
  }

  nextUint32(): number {
    const s1 = this.s1;
    const x = Math.imul(s1, 5);
    const result = Math.imul((x << 7) | (x >>> 25), 9) >>> 0;
    const s2 = this.s2 ^ this.s0;
    const s3 = this.s3 ^ s1;
    this.s1 = s1 ^ s2;
    this.s0 = this.s0 ^ s3;
    this.s2 = s2 ^ (s1 << 9);
    this.s3 = (s3 << 11) | (s3 >>> 21);
    return result;
  }

  uniform(): number {
    const hi = this.nextUint32() >>> 5; // 27 bits
    const lo = this.nextUint32() >>> 6; // 26 bits
    // × 2⁻⁵³ rather than ÷ 2⁵³: the same double (scaling by a power of two is exact), and cheaper.
    return (hi * 67108864 + lo) * TWO_TO_MINUS_53; // 2^26, 2^-53
  }

  normal(): number {
    // Box–Muller, one variate per call: no cached spare, so a stream's values never
    // depend on how many normals were drawn before a checkpoint.
    let u = this.uniform();
    while (u === 0) u = this.uniform();
    const v = this.uniform();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  state(): Uint32Array {
    return Uint32Array.of(this.s0, this.s1, this.s2, this.s3);
  }
}

/** A generator from an integer seed (any 32-bit value; floats and negatives are truncated). */
export function createRng(seed: number): Rng {
  if (!Number.isFinite(seed)) throw new Error(`createRng: seed must be a finite number, got ${seed}`);
  const next = splitmix32(Math.trunc(seed));
  const s = new Uint32Array([next(), next(), next(), next()]);
  if ((s[0] | s[1] | s[2] | s[3]) === 0) s[0] = 1; // the all-zero state is a fixed point
  return new Xoshiro128(s);
}

/** Resume a generator from a `state()` snapshot. */
export function rngFromState(state: Uint32Array): Rng {
  if (state.length !== 4) throw new Error('rngFromState: expected 4 words of state');
  return new Xoshiro128(Uint32Array.from(state));
}

/**
 * A seed for an independent sub-stream, e.g. derive(seed, 'chain', 3).
 * Hashes the parent seed with the path (FNV-1a, then a splitmix finaliser), so the
 * same path always yields the same stream and different paths unrelated ones.
 */
export function derive(seed: number, ...path: (string | number)[]): number {
  let h = 0x811c9dc5 ^ (Math.trunc(seed) >>> 0);
  const text = path.join('/');
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return splitmix32(h)();
}

/** Uniform integer in [0, n). Rejection sampling, so no modulo bias. */
export function randInt(rng: Rng, n: number): number {
  if (!(n >= 1 && n <= 0x100000000 && Number.isInteger(n))) throw new Error(`randInt: bad range ${n}`);
  const limit = 0x100000000 - (0x100000000 % n);
  let x = rng.nextUint32();
  while (x >= limit) x = rng.nextUint32();
  return x % n;
}

/** Fisher–Yates shuffle of 0..n-1. */
export function permutation(rng: Rng, n: number): Uint32Array {
  const p = new Uint32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = randInt(rng, i + 1);
    const t = p[i];
    p[i] = p[j];
    p[j] = t;
  }
  return p;
}

/** k distinct indices from 0..n-1, in random order (partial Fisher–Yates). */
export function sampleWithoutReplacement(rng: Rng, n: number, k: number): Uint32Array {
  if (k > n || k < 0) throw new Error(`sampleWithoutReplacement: cannot take ${k} of ${n}`);
  const p = new Uint32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = 0; i < k; i++) {
    const j = i + randInt(rng, n - i);
    const t = p[i];
    p[i] = p[j];
    p[j] = t;
  }
  return p.slice(0, k);
}
