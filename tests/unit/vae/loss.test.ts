/**
 * Losses against hand-computed values. Tolerance 1e-5 relative: tf computes in float32
 * (≈7 significant digits), and each value is a handful of float32 operations.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { HALF_LOG_2PI, gaussianNllCells, klRows, maskedNllRows, nllRows, vaeLoss } from '../../../src/lib/vae';
import { tfReady } from './setup';

beforeAll(tfReady);

const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(b)));

describe('Gaussian NLL', () => {
  it('matches ½(log 2π + log σ² + (x − m)²/σ²) cell by cell', () => {
    const v = tf.tidy(() => gaussianNllCells(tf.tensor2d([[1, 2]]), tf.tensor2d([[0, 1]]), tf.tensor2d([[0, Math.log(4)]])).arraySync());
    close(v[0][0], 0.5 * 1 + HALF_LOG_2PI); // 1.4189385
    close(v[0][1], 0.5 * (Math.log(4) + 1 / 4) + HALF_LOG_2PI); // 1.7370857
  });

  it('sums over features per row, and the loss averages rows', () => {
    const x = tf.tensor2d([[1, 2], [0, 0]]);
    const m = tf.zeros([2, 2]) as tf.Tensor2D;
    const lv = tf.zeros([2, 2]) as tf.Tensor2D;
    const rows = tf.tidy(() => nllRows(x, m, lv).arraySync());
    close(rows[0], 0.5 * (1 + 4) + 2 * HALF_LOG_2PI);
    close(rows[1], 2 * HALF_LOG_2PI);
    const total = tf.tidy(() => vaeLoss(nllRows(x, m, lv), tf.tensor1d([1, 3])).total.arraySync() as number);
    close(total, (rows[0] + rows[1]) / 2 + 2);
    tf.dispose([x, m, lv]);
  });
});

describe('KL term', () => {
  it('is −½ Σ (1 + log σ² − μ² − σ²) per row', () => {
    const v = tf.tidy(() => klRows(tf.tensor2d([[1, 0], [0, 0]]), tf.tensor2d([[0, Math.log(2)], [0, 0]])).arraySync());
    close(v[0], -0.5 * ((1 + 0 - 1 - 1) + (1 + Math.log(2) - 0 - 2))); // 0.6534264
    close(v[1], 0); // the prior itself
  });
});

describe('masked NLL', () => {
  it('sums observed cells only and divides by the row’s observed count', () => {
    const x = tf.tensor2d([[1, 123, 3], [1, 2, 3]]);
    const mean = tf.zeros([2, 3]) as tf.Tensor2D;
    const lv = tf.zeros([2, 3]) as tf.Tensor2D;
    const mask = tf.tensor2d([[1, 0, 1], [0, 0, 0]]);
    const v = tf.tidy(() => maskedNllRows(x, mean, lv, mask).arraySync());
    close(v[0], (0.5 * 1 + HALF_LOG_2PI + 0.5 * 9 + HALF_LOG_2PI) / 2);
    close(v[1], 0); // nothing observed: contributes nothing, not NaN
    tf.dispose([x, mean, lv, mask]);
  });
});
