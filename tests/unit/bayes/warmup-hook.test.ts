/**
 * runChain's onWarmupDraw hook (the sampler lab streams warm-up traces through it): it is
 * called once per warm-up iteration, in order, with a finite position of the model's
 * dimension, and a run with it draws bit for bit what a run without it draws — parameters,
 * generated quantities (their own RNG stream) and sampler statistics. Exact comparisons:
 * the hook must not touch the chain's arithmetic or randomness at all.
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/lib/random';
import { buildModel } from '../../../src/lib/bayes/registry';
import { runChain, type ChainResult } from '../../../src/lib/bayes/sampler';
import type { Matrix } from '../../../src/lib/linalg';

// A small MVN with missing cells, marginal formulation: generated quantities draw the missing cells,
// so a hook that moved either RNG stream would show in the draws.
const n = 40;
const p = 3;
const rng = createRng(7);
const data = new Float64Array(n * p);
for (let i = 0; i < n; i++) {
  const z = rng.normal();
  for (let j = 0; j < p; j++) data[i * p + j] = i % 7 === j ? NaN : 0.5 * j + 0.7 * z + 0.6 * rng.normal();
}
const x: Matrix = { rows: n, cols: p, data };
const model = buildModel({ kind: 'mvn', x, names: ['a', 'b', 'c'], missing: 'marginal' });
const settings = { numWarmup: 120, numDraws: 60 };

const same = (a: ChainResult, b: ChainResult) => {
  expect(Buffer.from(a.draws.buffer).equals(Buffer.from(b.draws.buffer))).toBe(true);
  for (const k of Object.keys(a.stats) as (keyof ChainResult['stats'])[]) expect(Array.from(b.stats[k])).toEqual(Array.from(a.stats[k]));
  expect(b.stepSize).toBe(a.stepSize);
  expect(Array.from(b.inverseMassDiagonal)).toEqual(Array.from(a.inverseMassDiagonal));
};

describe('runChain onWarmupDraw', () => {
  it('is called once per warm-up iteration, in order, with finite positions', () => {
    const seen: number[] = [];
    const values: number[][] = [];
    runChain(model, settings, 11, 0, {
      onWarmupDraw(position, iteration) {
        expect(position.length).toBe(model.dim);
        expect(Array.from(position).every(Number.isFinite)).toBe(true);
        seen.push(iteration);
        values.push(Array.from(position));
      },
    });
    expect(seen).toEqual(Array.from({ length: settings.numWarmup }, (_, i) => i));
    // positions are the chain's, iteration by iteration: they move
    expect(new Set(values.map((v) => v.join())).size).toBeGreaterThan(settings.numWarmup / 4);
  });

  it('changes no draw: parameters, generated quantities and statistics are bit-identical', () => {
    expect(model.generate).toBeDefined();
    const plain = runChain(model, settings, 11, 1);
    let calls = 0;
    const hooked = runChain(model, settings, 11, 1, {
      onWarmupDraw(position) {
        calls++;
        model.constrain(position); // what the lab does with it
      },
    });
    expect(calls).toBe(settings.numWarmup);
    expect(plain.columns.length).toBeGreaterThan(model.parameters.length); // generated quantities present
    same(plain, hooked);
  });

  it('is not called when there is no warm-up', () => {
    let calls = 0;
    runChain(model, { numWarmup: 0, numDraws: 5 }, 11, 0, { onWarmupDraw: () => calls++ });
    expect(calls).toBe(0);
  });
});
