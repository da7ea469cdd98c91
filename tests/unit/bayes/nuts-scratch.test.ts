/**
 * nutsStep reuses the scratch buffers a state carries (made by nutsInit, handed on to each
 * returned state). Reuse must leave no trace: interleaving the transitions of two chains on
 * different models of the same dimension gives each chain exactly the draws it gets alone,
 * a chain run on scratch another model's chain has just written draws what it draws alone,
 * and a state a transition returned is not touched by the next one. Exact comparisons: the
 * arithmetic is the same.
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/lib/random';
import { nutsInit, nutsStep, type LogDensityFn, type NutsState } from '../../../src/lib/bayes/nuts';

const d = 6;

/** N(m, diag(s²)): a different posterior for each (m, s). */
function gaussian(m: number, s: number): LogDensityFn {
  return (q, g) => {
    let lp = 0;
    for (let i = 0; i < d; i++) {
      const z = (q[i] - m) / (s * (1 + i / 4));
      lp -= 0.5 * z * z;
      g[i] = -z / (s * (1 + i / 4));
    }
    return lp;
  };
}

const params = { stepSize: 0.4, inverseMassDiagonal: new Float64Array(d).fill(1), maxTreeDepth: 6, maxDeltaH: 1000 };

function run(f: LogDensityFn, seed: number, steps: number): number[] {
  const rng = createRng(seed);
  let state = nutsInit(new Float64Array(d).fill(0.3), f);
  const out: number[] = [];
  for (let t = 0; t < steps; t++) {
    state = nutsStep(state, params, f, rng).state;
    out.push(...state.position, state.logDensity);
  }
  return out;
}

describe('nutsStep scratch reuse', () => {
  it('scratch carries nothing: a chain whose every transition uses scratch another model just wrote draws what it draws alone', () => {
    const fa = gaussian(0, 1);
    const fb = gaussian(2, 0.3);
    const alone = run(fa, 1, 40);
    const rngA = createRng(1);
    const rngB = createRng(2);
    let a = nutsInit(new Float64Array(d).fill(0.3), fa);
    let b = nutsInit(new Float64Array(d).fill(0.3), fb);
    const out: number[] = [];
    for (let t = 0; t < 40; t++) {
      b = nutsStep(b, params, fb, rngB).state; // writes b's scratch
      a = nutsStep({ ...a, scratch: b.scratch }, params, fa, rngA).state; // a runs on it
      out.push(...a.position, a.logDensity);
    }
    expect(out).toEqual(alone);
  });

  it('says so when a state\'s scratch does not fit its position', () => {
    const f = gaussian(0, 1);
    const s = nutsInit(new Float64Array(d), f);
    expect(() => nutsStep({ ...s, position: new Float64Array(d + 1), gradient: new Float64Array(d + 1) }, params, f, createRng(1))).toThrow(/scratch is for dimension 6.*nutsInit/);
  });

  it('two chains interleaved step by step draw exactly what each draws alone', () => {
    const fa = gaussian(0, 1);
    const fb = gaussian(2, 0.3);
    const alone = [run(fa, 1, 40), run(fb, 2, 40)];
    const rngs = [createRng(1), createRng(2)];
    const fs = [fa, fb];
    const states: NutsState[] = fs.map((f) => nutsInit(new Float64Array(d).fill(0.3), f));
    const out: number[][] = [[], []];
    for (let t = 0; t < 40; t++) {
      for (const c of [0, 1]) {
        states[c] = nutsStep(states[c], params, fs[c], rngs[c]).state;
        out[c].push(...states[c].position, states[c].logDensity);
      }
    }
    expect(out[0]).toEqual(alone[0]);
    expect(out[1]).toEqual(alone[1]);
  });

  it('a returned state is not overwritten by the next transition', () => {
    const f = gaussian(0, 1);
    const rng = createRng(3);
    const first = nutsStep(nutsInit(new Float64Array(d).fill(0.3), f), params, f, rng).state;
    const kept = { position: first.position.slice(), gradient: first.gradient.slice() };
    let s = first;
    for (let t = 0; t < 5; t++) s = nutsStep(s, params, f, rng).state;
    expect(s.position).not.toEqual(kept.position);
    expect(first.position).toEqual(kept.position);
    expect(first.gradient).toEqual(kept.gradient);
  });
});
