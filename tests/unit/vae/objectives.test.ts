/**
 * The reconstruction objectives and the KL warm-up against hand-computed values. Tolerance 1e-5
 * relative: tf computes in float32 (≈7 significant digits) and each value is a handful of
 * float32 operations.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../../src/lib/random';
import {
  HALF_LOG_2PI,
  MASKED_SPEC,
  PLAIN_SPEC,
  cellWeights,
  createVae,
  decode,
  defaultObjective,
  encode,
  klRows,
  klWeightAt,
  normals,
  objective,
  paramTensors,
  reconRows,
  reparameterise,
  vaeLoss,
} from '../../../src/lib/vae';
import { tfReady } from './setup';

beforeAll(tfReady);

const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(b)));

// Row 1: cells 1 and 3 observed, NLLs ½·1 + c and ½·9 + c (mean 0, log σ² 0); row 2: cell 2 only,
// ½·(log 4 + 4/4) + c with σ² = 4.
const x = [[1, 123, 3], [5, 2, 7]];
const mean = [[0, 0, 0], [0, 0, 0]];
const logVar = [[0, 0, 0], [0, Math.log(4), 0]];
const mask = [[1, 0, 1], [0, 1, 0]];
const c = HALF_LOG_2PI;
const row1 = 0.5 * 1 + c + (0.5 * 9 + c);
const row2 = 0.5 * (Math.log(4) + 1) + c;

function rows(objective: 'cell-mean' | 'observed-sum', withMask: boolean): number[] {
  return tf.tidy(() => reconRows(objective, tf.tensor2d(x), tf.tensor2d(mean), tf.tensor2d(logVar), withMask ? tf.tensor2d(mask) : null).arraySync() as number[]);
}

describe('reconstruction objectives', () => {
  it("observed-sum: each row's NLL summed over its observed cells", () => {
    const v = rows('observed-sum', true);
    close(v[0], row1); // 6.8378771
    close(v[1], row2); // 2.1120857
  });

  it("cell-mean: the same sums divided by each row's observed count (the original masked VAE)", () => {
    const v = rows('cell-mean', true);
    close(v[0], row1 / 2);
    close(v[1], row2 / 1);
  });

  it('complete data: observed-sum is the sum over features, cell-mean the mean over them', () => {
    const full = (r: number[], lv: number[]) => r.reduce((s, xi, j) => s + 0.5 * (lv[j] + xi * xi * Math.exp(-lv[j])) + c, 0);
    const sum = rows('observed-sum', false);
    const avg = rows('cell-mean', false);
    close(sum[0], full(x[0], logVar[0]));
    close(sum[1], full(x[1], logVar[1]));
    close(avg[0], full(x[0], logVar[0]) / 3);
    close(avg[1], full(x[1], logVar[1]) / 3);
  });

  it('defaults are the original: the plain VAE sums, the masked VAE averages', () => {
    expect(defaultObjective('plain')).toBe('observed-sum');
    expect(defaultObjective('masked')).toBe('cell-mean');
    expect(defaultObjective('miwae')).toBe('observed-sum');
  });

  it('the loss is recon + β·KL, with both terms reported unweighted', () => {
    const parts = tf.tidy(() => {
      const p = vaeLoss(tf.tensor1d([2, 4]), tf.tensor1d([1, 5]), 0.25);
      return [p.total.arraySync(), p.recon.arraySync(), p.kl.arraySync(), p.nll.arraySync()] as number[];
    });
    close(parts[0], 3 + 0.25 * 3);
    close(parts[1], 3);
    close(parts[2], 3);
    close(parts[3], 3); // recon is the observed sum unless told otherwise
  });
});

describe('the full ELBO under each objective', () => {
  it('equals the hand-assembled batch mean of recon + KL from the network’s own outputs, and reports the observed-sum NLL', () => {
    const rng = createRng(3);
    const model = createVae(MASKED_SPEC, rng);
    const B = 4;
    const xs = normals(rng, B * 12);
    const m = Float32Array.from({ length: B * 12 }, (_, i) => (i % 5 === 0 ? 0 : 1));
    for (let i = 0; i < xs.length; i++) if (!m[i]) xs[i] = 0;
    const eps = normals(rng, B * 12);
    tf.tidy(() => {
      const P = paramTensors(MASKED_SPEC, model.params);
      const X = tf.tensor2d(xs, [B, 12]);
      const M = tf.tensor2d(m, [B, 12]);
      const E = tf.tensor2d(eps, [B, 12]);
      const enc = encode(MASKED_SPEC, P, X, M);
      const dec = decode(MASKED_SPEC, P, reparameterise(enc, E));
      const mu = dec.mean.dataSync();
      const lv = dec.logVar.dataSync();
      const kl = klRows(enc.mu, enc.logVar).dataSync();
      // by hand, in float64
      let sum = 0;
      let avg = 0;
      for (let i = 0; i < B; i++) {
        let s = 0;
        let n = 0;
        for (let j = 0; j < 12; j++) {
          const k = i * 12 + j;
          if (!m[k]) continue;
          s += 0.5 * (lv[k] + (xs[k] - mu[k]) ** 2 * Math.exp(-lv[k])) + c;
          n++;
        }
        sum += s / B;
        avg += s / n / B;
      }
      const klMean = Array.from(kl).reduce((a, b) => a + b, 0) / B;
      const os = objective(MASKED_SPEC, P, X, M, { eps: E }, { objective: 'observed-sum' });
      const cm = objective(MASKED_SPEC, P, X, M, { eps: E }, { objective: 'cell-mean', klWeight: 0.5 });
      close(os.total.dataSync()[0], sum + klMean);
      close(os.nll.dataSync()[0], sum);
      close(cm.total.dataSync()[0], avg + 0.5 * klMean);
      close(cm.recon.dataSync()[0], avg);
      close(cm.nll.dataSync()[0], sum); // the observed-sum NLL whatever the objective
      close(cm.kl.dataSync()[0], klMean);
    });
  });
});

describe('cell weights of the hand-derived gradient', () => {
  const m = Float32Array.from([1, 0, 1, 0, 0, 0]); // 2 rows × 3: row 2 has nothing observed
  it('observed-sum: mask / B', () => {
    expect(Array.from(cellWeights('observed-sum', m, 2, 3) as Float32Array)).toEqual([0.5, 0, 0.5, 0, 0, 0]);
  });
  it("cell-mean: mask / (B · the row's observed count), an empty row weighing nothing", () => {
    expect(Array.from(cellWeights('cell-mean', m, 2, 3) as Float32Array)).toEqual([0.25, 0, 0.25, 0, 0, 0]);
  });
  it('complete data: the original plain path (1/B, undefined) for observed-sum, 1/(B·p) for cell-mean', () => {
    expect(cellWeights('observed-sum', null, 2, 3)).toBeUndefined();
    expect(cellWeights('cell-mean', null, 2, 3)).toBeCloseTo(1 / 6, 15);
  });
});

describe('KL warm-up', () => {
  it('β rises linearly per step from 0 to 1 over the stated epochs, then stays 1', () => {
    expect(klWeightAt(1, 0, 4, 2)).toBe(0);
    expect(klWeightAt(1, 2, 4, 2)).toBe(0.25);
    expect(klWeightAt(2, 0, 4, 2)).toBe(0.5);
    expect(klWeightAt(2, 3, 4, 2)).toBe(0.875);
    expect(klWeightAt(3, 0, 4, 2)).toBe(1);
    expect(klWeightAt(50, 1, 4, 2)).toBe(1);
    expect(klWeightAt(1, 0, 4, 0)).toBe(1); // no warm-up
  });

  it('the plain VAE trains under either objective (no mask needed)', () => {
    const model = createVae(PLAIN_SPEC, createRng(1));
    const v = tf.tidy(() => {
      const P = paramTensors(PLAIN_SPEC, model.params);
      const X = tf.tensor2d(normals(createRng(2), 24), [2, 12]);
      const E = { eps: tf.tensor2d(normals(createRng(3), 16), [2, 8]) };
      return [objective(PLAIN_SPEC, P, X, null, E).recon.dataSync()[0], objective(PLAIN_SPEC, P, X, null, E, { objective: 'cell-mean' }).recon.dataSync()[0]];
    });
    close(v[1], v[0] / 12);
  });
});
