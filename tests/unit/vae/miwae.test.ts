/**
 * MIWAE's importance-weighted bound: K = 1 is the observed-sum ELBO, more samples tighten it,
 * and its autodiff gradient agrees with finite differences.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng, type Rng } from '../../../src/lib/random';
import {
  HALF_LOG_2PI,
  MIWAE_SPEC,
  createVae,
  decode,
  encode,
  iwBoundRows,
  logImportanceWeights,
  miwaeObjective,
  normals,
  objective,
  paramShapes,
  paramTensors,
  type Vae,
} from '../../../src/lib/vae';
import { tfReady } from './setup';

beforeAll(tfReady);

const B = 6;
const p = 12;
const L = MIWAE_SPEC.latentDim;

function batch(rng: Rng) {
  const x = normals(rng, B * p);
  const mask = Float32Array.from({ length: B * p }, () => (rng.uniform() < 0.25 ? 0 : 1));
  mask.fill(0, 0, p); // row 0: nothing observed
  for (let i = 0; i < x.length; i++) if (!mask[i]) x[i] = 0;
  return { x, mask };
}

/** A model whose encoder is informative (so the posterior differs from the prior), from a little training-free shake. */
function model(seed: number): Vae {
  const m = createVae(MIWAE_SPEC, createRng(seed));
  for (const k of ['encHead.W', 'decHead.W', 'dec.W']) m.params[k].forEach((v, i, a) => (a[i] = 3 * v));
  return m;
}

/** Per-row bound for K draws, as numbers. */
function bounds(m: Vae, x: Float32Array, mask: Float32Array, K: number, rng: Rng): Float32Array {
  return tf.tidy(() => {
    const w = logImportanceWeights(MIWAE_SPEC, paramTensors(MIWAE_SPEC, m.params), tf.tensor2d(x, [B, p]), tf.tensor2d(mask, [B, p]), tf.tensor2d(normals(rng, K * B * L), [K * B, L]));
    return iwBoundRows(w.logW).dataSync() as Float32Array;
  });
}

describe('MIWAE bound', () => {
  it('with K = 1 equals the single-sample observed-sum ELBO, log p(x_o|z) + log p(z) − log q(z|x), computed by hand', () => {
    const rng = createRng(1);
    const m = model(2);
    const { x, mask } = batch(rng);
    const eps = normals(rng, B * L);
    tf.tidy(() => {
      const P = paramTensors(MIWAE_SPEC, m.params);
      const X = tf.tensor2d(x, [B, p]);
      const M = tf.tensor2d(mask, [B, p]);
      const E = tf.tensor2d(eps, [B, L]);
      const bound = iwBoundRows(logImportanceWeights(MIWAE_SPEC, P, X, M, E).logW).dataSync();
      const enc = encode(MIWAE_SPEC, P, X, M);
      const mu = enc.mu.dataSync();
      const lv = enc.logVar.dataSync();
      const z = Float32Array.from(mu, (v, k) => v + Math.exp(0.5 * lv[k]) * eps[k]);
      const dec = decode(MIWAE_SPEC, P, tf.tensor2d(z, [B, L]));
      const dm = dec.mean.dataSync();
      const dl = dec.logVar.dataSync();
      for (let i = 0; i < B; i++) {
        let logLik = 0;
        for (let j = 0; j < p; j++) {
          const k = i * p + j;
          if (mask[k]) logLik -= 0.5 * (dl[k] + (x[k] - dm[k]) ** 2 * Math.exp(-dl[k])) + HALF_LOG_2PI;
        }
        let logPrior = 0;
        let logQ = 0;
        for (let l = 0; l < L; l++) {
          const k = i * L + l;
          logPrior += -0.5 * z[k] ** 2 - HALF_LOG_2PI;
          logQ += -0.5 * lv[k] - 0.5 * eps[k] ** 2 - HALF_LOG_2PI;
        }
        const want = logLik + logPrior - logQ;
        // float32 sums of ~25 terms of size ≤ 10: 1e-4 absolute is ~100 ulps
        expect(Math.abs(bound[i] - want), `row ${i}`).toBeLessThan(1e-4 * Math.max(1, Math.abs(want)));
      }
    });
  });

  it('with K = 1 has the observed-sum ELBO (analytic KL) as its mean over draws, within Monte Carlo error', () => {
    const rng = createRng(3);
    const m = model(4);
    const { x, mask } = batch(rng);
    const R = 1500;
    // the same ε for both: their difference is log p(z) − log q(z|x) + KL, mean zero
    const diffs: number[] = [];
    tf.tidy(() => {
      const P = paramTensors(MIWAE_SPEC, m.params);
      const X = tf.tile(tf.tensor2d(x, [B, p]), [R, 1]) as tf.Tensor2D;
      const M = tf.tile(tf.tensor2d(mask, [B, p]), [R, 1]) as tf.Tensor2D;
      const E = tf.tensor2d(normals(rng, R * B * L), [R * B, L]);
      const iw = iwBoundRows(logImportanceWeights(MIWAE_SPEC, P, X, M, E).logW).dataSync(); // K = 1 over R·B rows
      const enc = encode(MIWAE_SPEC, P, X, M);
      const dec = decode(MIWAE_SPEC, P, tf.add(enc.mu, tf.mul(tf.exp(tf.mul(enc.logVar, 0.5)), E)) as tf.Tensor2D);
      // the ELBO per row: −(observed-sum NLL) − analytic KL, assembled from objective()'s definition
      const nll = tf.sum(tf.mul(tf.add(tf.mul(0.5, tf.add(dec.logVar, tf.mul(tf.squaredDifference(X, dec.mean), tf.exp(tf.neg(dec.logVar))))), HALF_LOG_2PI), M), 1).dataSync();
      const kl = tf.mul(-0.5, tf.sum(tf.sub(tf.sub(tf.add(1, enc.logVar), tf.square(enc.mu)), tf.exp(enc.logVar)), 1)).dataSync();
      for (let i = 0; i < iw.length; i++) diffs.push(iw[i] - (-nll[i] - kl[i]));
    });
    const n = diffs.length;
    const mean = diffs.reduce((a, b) => a + b, 0) / n;
    const se = Math.sqrt(diffs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1) / n);
    expect(Math.abs(mean)).toBeLessThan(4 * se); // 4 standard errors: fails by chance ~1 in 16 000
    expect(se).toBeGreaterThan(0);
  });

  it('and objective() with observed-sum is that ELBO: K = 1 and the ELBO agree on average over a batch', () => {
    const rng = createRng(5);
    const m = model(6);
    const { x, mask } = batch(rng);
    const R = 2000;
    const [elbo, iw] = tf.tidy(() => {
      const P = paramTensors(MIWAE_SPEC, m.params);
      const X = tf.tile(tf.tensor2d(x, [B, p]), [R, 1]) as tf.Tensor2D;
      const M = tf.tile(tf.tensor2d(mask, [B, p]), [R, 1]) as tf.Tensor2D;
      const E = tf.tensor2d(normals(rng, R * B * L), [R * B, L]);
      return [-objective(MIWAE_SPEC, P, X, M, { eps: E }, { objective: 'observed-sum' }).total.dataSync()[0], -miwaeObjective(MIWAE_SPEC, P, X, M, E).total.dataSync()[0]];
    });
    // same ε: the batch means differ only by the sampled-vs-analytic KL, whose mean is 0; the
    // per-row spread of that difference is ~3 nats here, so 12 000 rows give SE ≈ 0.03
    expect(Math.abs(elbo - iw)).toBeLessThan(0.15);
  });

  it('with K = 20 is at least the K = 1 bound on average, by more than Monte Carlo error', () => {
    const rng = createRng(7);
    const m = model(8);
    const { x, mask } = batch(rng);
    const R = 200;
    const d: number[] = [];
    for (let r = 0; r < R; r++) {
      const b1 = bounds(m, x, mask, 1, rng);
      const b20 = bounds(m, x, mask, 20, rng);
      for (let i = 0; i < B; i++) d.push(b20[i] - b1[i]);
    }
    const mean = d.reduce((a, b) => a + b, 0) / d.length;
    const se = Math.sqrt(d.reduce((a, b) => a + (b - mean) ** 2, 0) / (d.length - 1) / d.length);
    expect(mean).toBeGreaterThan(3 * se);
  });

  it('is exactly log p(z) − log q(z) (no data term) for a row with nothing observed', () => {
    const rng = createRng(9);
    const m = model(10);
    const { x, mask } = batch(rng); // row 0 empty
    const w = tf.tidy(() => logImportanceWeights(MIWAE_SPEC, paramTensors(MIWAE_SPEC, m.params), tf.tensor2d(x, [B, p]), tf.tensor2d(mask, [B, p]), tf.tensor2d(normals(rng, 3 * B * L), [3 * B, L])).nll.arraySync() as number[][]);
    for (let k = 0; k < 3; k++) expect(w[k][0]).toBe(0);
  });
});

describe('MIWAE gradient', () => {
  it('(tf autodiff of the K = 5 bound) agrees with central finite differences', () => {
    const rng = createRng(11);
    const m = model(12);
    const { x, mask } = batch(rng);
    const K = 5;
    const eps = normals(rng, K * B * L);
    const names = paramShapes(MIWAE_SPEC).map((s) => s.name);
    const loss = (params: typeof m.params) =>
      tf.tidy(() => miwaeObjective(MIWAE_SPEC, paramTensors(MIWAE_SPEC, params), tf.tensor2d(x, [B, p]), tf.tensor2d(mask, [B, p]), tf.tensor2d(eps, [K * B, L])).total.dataSync()[0]);
    const grads = tf.tidy(() => {
      const P = paramTensors(MIWAE_SPEC, m.params);
      const f = (...ts: tf.Tensor[]) => miwaeObjective(MIWAE_SPEC, Object.fromEntries(names.map((k, i) => [k, ts[i]])), tf.tensor2d(x, [B, p]), tf.tensor2d(mask, [B, p]), tf.tensor2d(eps, [K * B, L])).total;
      return tf.grads(f)(names.map((k) => P[k])).map((g) => g.dataSync() as Float32Array);
    });
    // Float32 losses of size ~20 carry ~2e-6 absolute error; with h = 1e-2 the central
    // difference has ~2e-4 rounding error plus O(h²) truncation, so compare at 2e-2·|g| + 2e-3
    // on the largest-gradient coordinates of every parameter (where a wrong derivative shows).
    const h = 1e-2;
    names.forEach((k, gi) => {
      const g = grads[gi];
      const order = Array.from(g.keys()).sort((a, b) => Math.abs(g[b]) - Math.abs(g[a])).slice(0, 3);
      for (const j of order) {
        const plus = { ...m.params, [k]: m.params[k].slice() };
        const minus = { ...m.params, [k]: m.params[k].slice() };
        plus[k][j] += h;
        minus[k][j] -= h;
        const fd = (loss(plus) - loss(minus)) / (2 * h);
        expect(Math.abs(fd - g[j]), `${k}[${j}]: fd ${fd}, autodiff ${g[j]}`).toBeLessThan(2e-2 * Math.abs(g[j]) + 2e-3);
      }
    });
  });
});
