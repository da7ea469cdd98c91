/**
 * Imputation and held-out likelihood by self-normalised importance sampling: outputs are
 * well-formed for any mask pattern, agree with a proposal-free estimate (prior sampling), and
 * the intervals are calibrated on data the model itself generated.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { maskMcar } from '../../../src/lib/data';
import type { Matrix } from '../../../src/lib/linalg';
import { createRng } from '../../../src/lib/random';
import { MASKED_SPEC, MIWAE_SPEC, PLAIN_SPEC, createVae, decode, generate, importanceImpute, importanceLogLikelihood, normals, paramTensors, type Vae } from '../../../src/lib/vae';
import { tfReady } from './setup';

beforeAll(tfReady);

/** A model whose latent matters: decoder weights scaled up so that z moves the means. */
function model(spec = MIWAE_SPEC, seed = 1, scale = 2): Vae {
  const m = createVae(spec, createRng(seed));
  for (const k of ['dec.W', 'decHead.W']) m.params[k].forEach((v, i, a) => (a[i] = scale * v));
  return m;
}

const nan = NaN;
const data: Matrix = {
  rows: 4,
  cols: 12,
  data: Float64Array.from([
    ...[0.1, 0.2, nan, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, nan, 1.2], // two missing
    ...[0.3, 0.1, 0.2, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.1, 1.2], // complete
    ...Array.from({ length: 12 }, () => nan), // nothing observed
    ...[nan, 0.1, 0.2, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.1, 1.2],
  ]),
};

describe('importance-sampled imputation', () => {
  for (const spec of [MIWAE_SPEC, MASKED_SPEC]) {
    it(`is well-formed for every mask pattern (${spec.kind}): observed cells untouched, each missing cell a finite mean inside an ordered interval`, () => {
      const r = importanceImpute(model(spec), data, { samples: 64, draws: 200 }, createRng(2));
      expect(r.completed.data.every(Number.isFinite)).toBe(true);
      for (let i = 0; i < data.data.length; i++) if (!Number.isNaN(data.data[i])) expect(r.completed.data[i]).toBe(data.data[i]);
      const want = Array.from(data.data.keys()).filter((i) => Number.isNaN(data.data[i]));
      expect(Array.from(r.missing.row, (row, q) => row * 12 + r.missing.col[q])).toEqual(want); // row-major, every missing cell once
      for (let q = 0; q < want.length; q++) {
        expect(r.missing.mean[q]).toBe(r.completed.data[want[q]]);
        expect(r.missing.lower[q]).toBeLessThan(r.missing.upper[q]);
      }
      expect(r.observedCells).toBe(10 + 12 + 0 + 11);
      expect(r.level).toBe(0.94);
      for (const e of r.ess) expect(e >= 1 - 1e-9 && e <= 64 + 1e-9).toBe(true);
      expect(r.perRow.every(Number.isFinite)).toBe(true);
      expect(r.nllPerCell).toBeCloseTo(-Array.from(r.perRow).reduce((a, b) => a + b, 0) / 33, 12);
    });
  }

  it('leaves no tensors behind, and gives the same numbers from the same seed however the rows are chunked', () => {
    const m = model();
    const before = tf.memory().numTensors;
    const a = importanceImpute(m, data, { samples: 16, draws: 50, chunkDraws: 20 }, createRng(3)); // chunks of one row
    const b = importanceImpute(m, data, { samples: 16, draws: 50 }, createRng(3)); // one chunk
    expect(tf.memory().numTensors).toBe(before);
    expect(a.missing.lower).toEqual(b.missing.lower);
    expect(a.perRow).toEqual(b.perRow);
  });

  it('gives the log-likelihood alone without imputing, and the plain VAE one on complete rows', () => {
    const complete: Matrix = { rows: 1, cols: 12, data: data.data.slice(12, 24) };
    const ll = importanceLogLikelihood(model(PLAIN_SPEC), complete, { samples: 32 }, createRng(4));
    expect(ll.observedCells).toBe(12);
    expect(Number.isFinite(ll.perRow[0])).toBe(true);
    expect(() => importanceLogLikelihood(model(PLAIN_SPEC), data, { samples: 8 }, createRng(4))).toThrow(/missing value/);
    expect(() => importanceImpute(model(), data, { samples: 0 }, createRng(4))).toThrow(/samples \(K\) must be a positive integer/);
  });

  it('agrees with prior sampling (a proposal-free estimate) on log p(x_o) and E[x_m | x_o]', () => {
    const m = model(MIWAE_SPEC, 5, 1);
    const row: Matrix = { rows: 1, cols: 12, data: data.data.slice(0, 12) };
    const is = importanceImpute(m, row, { samples: 4000, draws: 100 }, createRng(6));
    // prior sampling: z ~ N(0, I), weights p(x_o | z)
    const M = 40000;
    const { mean, logVar } = tf.tidy(() => {
      const d = decode(MIWAE_SPEC, paramTensors(MIWAE_SPEC, m.params), tf.tensor2d(normals(createRng(7), M * 12), [M, 12]));
      return { mean: d.mean.dataSync(), logVar: d.logVar.dataSync() };
    });
    const lw = new Float64Array(M);
    for (let k = 0; k < M; k++) {
      let s = 0;
      for (let j = 0; j < 12; j++) {
        const x = row.data[j];
        if (Number.isNaN(x)) continue;
        s -= 0.5 * (Math.log(2 * Math.PI) + logVar[k * 12 + j] + (x - mean[k * 12 + j]) ** 2 * Math.exp(-logVar[k * 12 + j]));
      }
      lw[k] = s;
    }
    const max = Math.max(...lw);
    let sum = 0;
    const e = [0, 0];
    for (let k = 0; k < M; k++) {
      const w = Math.exp(lw[k] - max);
      sum += w;
      e[0] += w * mean[k * 12 + 2];
      e[1] += w * mean[k * 12 + 10];
    }
    const logP = max + Math.log(sum / M);
    // Both are Monte Carlo estimates of the same numbers; 0.05 nats and 0.05 units (the
    // conditional sd is ~1) are several times either estimator's error at these sample sizes.
    expect(Math.abs(is.perRow[0] - logP)).toBeLessThan(0.05);
    expect(Math.abs(is.missing.mean[0] - e[0] / sum)).toBeLessThan(0.05);
    expect(Math.abs(is.missing.mean[1] - e[1] / sum)).toBeLessThan(0.05);
  });

  it('has 94% intervals that cover 94% of the removed values when the model generated the data', () => {
    // Scale 1 keeps the untrained encoder a reasonable proposal (median ESS ≈ 40% of K); with a
    // poor proposal (ESS of a few draws) SNIS is biased and the intervals under-cover.
    const m = model(MIWAE_SPEC, 8, 1);
    const rng = createRng(9);
    const truth = generate(m, 700, rng);
    const masked = maskMcar(rng, truth, 0.2);
    // 1000 draws: the type-7 quantiles of n draws cover (n−1)·0.94/(n+1) in expectation, 0.938 here
    const r = importanceImpute(m, masked.data, { samples: 200, draws: 1000 }, rng);
    let covered = 0;
    for (let q = 0; q < r.missing.row.length; q++) {
      const t = truth.data[r.missing.row[q] * 12 + r.missing.col[q]];
      if (t >= r.missing.lower[q] && t <= r.missing.upper[q]) covered++;
    }
    const n = r.missing.row.length;
    const coverage = covered / n;
    // binomial SE √(.94·.06/n) ≈ 0.0065 at n ≈ 1700; allow 4 SE plus 0.01 for resampling and IS error
    expect(n).toBeGreaterThan(1400);
    expect(Math.abs(coverage - 0.94)).toBeLessThan(4 * Math.sqrt((0.94 * 0.06) / n) + 0.01);
  });
});
