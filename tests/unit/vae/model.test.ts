import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../../src/lib/random';
import {
  MASKED_SPEC,
  PLAIN_SPEC,
  createVae,
  encode,
  exportWeights,
  generate,
  importWeights,
  objective,
  paramShapes,
  paramTensors,
  parameterCount,
} from '../../../src/lib/vae';
import { tfReady } from './setup';

beforeAll(tfReady);

describe('initialisation', () => {
  it('draws PyTorch’s default Linear init (±1/√fan_in) from our PRNG, reproducibly', () => {
    const a = createVae(PLAIN_SPEC, createRng(7));
    const b = createVae(PLAIN_SPEC, createRng(7));
    expect(parameterCount(a)).toBe(12 * 64 + 64 + 64 * 16 + 16 + 8 * 64 + 64 + 64 * 24 + 24);
    for (const s of paramShapes(PLAIN_SPEC)) {
      const bound = 1 / Math.sqrt(s.fanIn);
      const v = a.params[s.name];
      expect(Math.max(...v.map(Math.abs))).toBeLessThanOrEqual(bound);
      expect(Math.max(...v.map(Math.abs))).toBeGreaterThan(0.8 * bound); // really spans the range
      expect(Array.from(v)).toEqual(Array.from(b.params[s.name]));
    }
    expect(Array.from(createVae(MASKED_SPEC, createRng(7)).params.fill)).toEqual(new Array(12).fill(0));
  });
});

describe('masked VAE inputs', () => {
  const model = createVae(MASKED_SPEC, createRng(3));
  model.params.fill.set([0.5, -1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0.25]);
  const row = [0.3, -0.2, 1.1, 0.4, 0.9, -0.7, 0.1, 0.2, -0.3, 0.5, 0.6, -0.8];
  const mask = row.map((_, j) => (j === 1 || j === 2 || j === 11 ? 0 : 1));

  it('replaces missing inputs by the learnable fill-in values, whatever the missing cells hold', () => {
    const withGarbage = row.map((v, j) => (mask[j] ? v : 1e3));
    const withFill = row.map((v, j) => (mask[j] ? v : model.params.fill[j]));
    const mu = (x: number[]) => tf.tidy(() => encode(MASKED_SPEC, paramTensors(MASKED_SPEC, model.params), tf.tensor2d([x]), tf.tensor2d([mask])).mu.arraySync()[0]);
    const a = mu(withGarbage);
    const b = mu(withFill);
    a.forEach((v, k) => expect(v).toBeCloseTo(b[k], 6));
  });

  it('ignores missing cells in the loss', () => {
    const loss = (x: number[]) =>
      tf.tidy(() => {
        const eps = tf.zeros([1, 12]) as tf.Tensor2D;
        return objective(MASKED_SPEC, paramTensors(MASKED_SPEC, model.params), tf.tensor2d([x]), tf.tensor2d([mask]), { eps }).total.arraySync() as number;
      });
    // The network sees x·mask, so changing a missing cell changes nothing — inputs or loss.
    expect(loss(row.map((v, j) => (mask[j] ? v : 50)))).toBe(loss(row));
  });

  it('rejects a masked forward pass without a mask', () => {
    expect(() =>
      tf.tidy(() => {
        encode(MASKED_SPEC, paramTensors(MASKED_SPEC, model.params), tf.zeros([1, 12]), null);
      }),
    ).toThrow(/needs a mask/);
  });
});

describe('weight export/import', () => {
  it('round-trips exactly through JSON at full precision, and generates identical data', () => {
    const m = createVae(MASKED_SPEC, createRng(11));
    const back = importWeights(JSON.parse(JSON.stringify(exportWeights(m, null))));
    expect(back.spec).toEqual(m.spec);
    for (const k of Object.keys(m.params)) expect(Array.from(back.params[k])).toEqual(Array.from(m.params[k]));
    expect(Array.from(generate(back, 50, createRng(1)).data)).toEqual(Array.from(generate(m, 50, createRng(1)).data));
  });

  it('rounds to 6 significant digits by default (relative error ≤ 5e-6)', () => {
    const m = createVae(PLAIN_SPEC, createRng(12));
    const back = importWeights(exportWeights(m));
    for (const k of Object.keys(m.params)) {
      m.params[k].forEach((v, i) => expect(Math.abs(back.params[k][i] - v)).toBeLessThanOrEqual(5e-6 * Math.abs(v) + 1e-12));
    }
  });

  it('names the problem in bad input', () => {
    expect(() => importWeights({ format: 'nope' })).toThrow(/unknown format/);
    const j = exportWeights(createVae(PLAIN_SPEC, createRng(1)));
    expect(() => importWeights({ ...j, params: j.params.slice(1) })).toThrow(/'enc.W' is missing/);
  });
});

describe('generation', () => {
  it('produces finite rows of the right shape, reproducibly from the seed', () => {
    const m = createVae(PLAIN_SPEC, createRng(2));
    const g = generate(m, 1000, createRng(5), 300); // chunk smaller than n on purpose
    expect([g.rows, g.cols]).toEqual([1000, 12]);
    expect(g.data.every(Number.isFinite)).toBe(true);
    expect(Array.from(generate(m, 1000, createRng(5), 300).data)).toEqual(Array.from(g.data));
  });
});
