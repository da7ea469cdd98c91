/**
 * The hand-derived gradients against tf's autodiff of the reference objective, on the same
 * batch and noise. Tolerance: 2e-4 relative to the largest gradient of each parameter — both
 * are float32 computations that sum in different orders (~1e-6 relative each), and a few
 * cancellations amplify that; a wrong derivative is off by O(1).
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../../src/lib/random';
import {
  MASKED_SPEC,
  MIWAE_SPEC,
  PLAIN_SPEC,
  TF_OPS,
  cellWeights,
  createVae,
  dropoutMask,
  lossAndGrads,
  miwaeLossAndGrads,
  miwaeObjective,
  normals,
  objective,
  paramShapes,
  paramTensors,
  type ReconObjective,
  type VaeSpec,
} from '../../../src/lib/vae';
import { tfReady } from './setup';

beforeAll(tfReady);

/** The hand-derived loss and gradients against tf.valueAndGrads' (tolerances in the header). */
function expectClose(manual: { loss: tf.Tensor; grads: Record<string, tf.Tensor> }, auto: { value: tf.Tensor; grads: tf.Tensor[] }, names: string[]): void {
  const lossA = auto.value.dataSync()[0];
  expect(Math.abs(manual.loss.dataSync()[0] - lossA)).toBeLessThan(1e-5 * Math.abs(lossA));
  names.forEach((k, i) => {
    const a = auto.grads[i].dataSync();
    const m = manual.grads[k].dataSync();
    expect(m.length).toBe(a.length);
    const scale = Math.max(1e-6, ...Array.from(a, Math.abs));
    let worst = 0;
    for (let j = 0; j < a.length; j++) worst = Math.max(worst, Math.abs(a[j] - m[j]) / scale);
    expect(worst, `gradient of ${k}`).toBeLessThan(2e-4);
  });
}

function compare(spec: VaeSpec, withDropout: boolean, clampActive: boolean, recon?: ReconObjective, klWeight = 1) {
  const rng = createRng(21);
  const model = createVae(spec, rng);
  if (spec.kind === 'masked') model.params.fill.set(normals(rng, 12));
  if (clampActive) for (let i = 0; i < model.params['decHead.b'].length; i++) if (i >= 12 && i % 2 === 0) model.params['decHead.b'][i] = 7; // push some log-variances past the clamp
  const B = 16;
  const x = normals(rng, B * 12);
  const maskArr = Float32Array.from({ length: B * 12 }, () => (rng.uniform() < 0.3 ? 0 : 1));
  for (let i = 0; i < x.length; i++) if (spec.kind !== 'plain' && !maskArr[i]) x[i] = 0;
  const eps = normals(rng, B * spec.latentDim);
  const dEnc = dropoutMask(rng, B * 64, 0.2);
  const dDec = dropoutMask(rng, B * 64, 0.2);
  const names = paramShapes(spec).map((s) => s.name);
  return tf.tidy(() => {
    const X = tf.tensor2d(x, [B, 12]);
    const M = spec.kind !== 'plain' ? tf.tensor2d(maskArr, [B, 12]) : null;
    const noise = { eps: tf.tensor2d(eps, [B, spec.latentDim]), ...(withDropout ? { dropEnc: tf.tensor2d(dEnc, [B, 64]), dropDec: tf.tensor2d(dDec, [B, 64]) } : {}) };
    const P = paramTensors(spec, model.params);
    const rule = recon ?? (spec.kind === 'masked' ? 'cell-mean' : 'observed-sum');
    const cw = cellWeights(rule, M ? maskArr : null, B, 12);
    const W = cw instanceof Float32Array ? tf.tensor2d(cw, [B, 12]) : cw;
    const manual = lossAndGrads(TF_OPS, spec, P, X, M, noise, W, klWeight);
    const auto = tf.valueAndGrads((...ts: tf.Tensor[]) => objective(spec, Object.fromEntries(names.map((k, i) => [k, ts[i]])), X, M, noise, { objective: recon, klWeight }).total)(names.map((k) => P[k]));
    expectClose(manual, auto, names);
  });
}

describe('hand-derived gradients', () => {
  it('match autodiff for the plain VAE', () => compare(PLAIN_SPEC, false, false));
  it('match autodiff for the masked VAE, with dropout and the log-variance clamp active', () => compare(MASKED_SPEC, true, true));
  it('match autodiff for the masked VAE in evaluation mode', () => compare(MASKED_SPEC, false, false));
  it('match autodiff for the masked VAE with the observed-sum objective', () => compare(MASKED_SPEC, true, true, 'observed-sum'));
  it('match autodiff for the masked VAE with a KL warm-up weight β = 0.3', () => compare(MASKED_SPEC, true, false, 'observed-sum', 0.3));
  it('match autodiff for the plain VAE with the cell-mean objective and β = 0.5', () => compare(PLAIN_SPEC, false, false, 'cell-mean', 0.5));
  it("match autodiff for MIWAE's architecture (zero fill, no fill-in parameter) under the observed-sum ELBO", () => compare(MIWAE_SPEC, false, true, 'observed-sum'));
});

/**
 * MIWAE's hand-derived bound gradient against tf.grads of miwaeObjective, on the same batch,
 * mask and K·B draws. Same tolerance as above and for the same reason; the softmax weights add
 * one more float32 normalisation, well inside it.
 */
function compareMiwae(K: number, clampActive: boolean) {
  const rng = createRng(33);
  const spec = MIWAE_SPEC;
  const model = createVae(spec, rng);
  if (clampActive) for (let i = 0; i < model.params['decHead.b'].length; i++) if (i >= 12 && i % 2 === 0) model.params['decHead.b'][i] = 7;
  const B = 8;
  const x = normals(rng, B * 12);
  const maskArr = Float32Array.from({ length: B * 12 }, () => (rng.uniform() < 0.3 ? 0 : 1));
  for (let i = 0; i < x.length; i++) if (!maskArr[i]) x[i] = 0;
  const eps = normals(rng, K * B * spec.latentDim);
  const names = paramShapes(spec).map((s) => s.name);
  tf.tidy(() => {
    const X = tf.tensor2d(x, [B, 12]);
    const M = tf.tensor2d(maskArr, [B, 12]);
    const E = tf.tensor2d(eps, [K * B, spec.latentDim]);
    const P = paramTensors(spec, model.params);
    const manual = miwaeLossAndGrads(TF_OPS, spec, P, X, M, E);
    const auto = tf.valueAndGrads((...ts: tf.Tensor[]) => miwaeObjective(spec, Object.fromEntries(names.map((k, i) => [k, ts[i]])), X, M, E).total)(names.map((k) => P[k]));
    expectClose(manual, auto, names);
  });
}

describe('hand-derived MIWAE bound gradients', () => {
  it('match autodiff of miwaeObjective with K = 5 draws per row and the log-variance clamp active', () => compareMiwae(5, true));
  it('match autodiff of miwaeObjective with K = 1 (no tiling)', () => compareMiwae(1, false));
  it('match autodiff of miwaeObjective with K = 20, the experiments’ K', () => compareMiwae(20, false));
  it('refuse an architecture other than MIWAE, and draws that are not a multiple of the batch', () => {
    const rng = createRng(2);
    tf.tidy(() => {
      const P = paramTensors(MASKED_SPEC, createVae(MASKED_SPEC, rng).params);
      const X = tf.zeros([4, 12]);
      expect(() => miwaeLossAndGrads(TF_OPS, MASKED_SPEC, P, X, tf.ones([4, 12]), tf.zeros([8, 12]))).toThrow(/MIWAE architecture only/);
      const Q = paramTensors(MIWAE_SPEC, createVae(MIWAE_SPEC, rng).params);
      expect(() => miwaeLossAndGrads(TF_OPS, MIWAE_SPEC, Q, X, tf.ones([4, 12]), tf.zeros([6, 12]))).toThrow(/multiple|K·4/);
    });
  });
});
