import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../../src/lib/random';
import { MASKED_SPEC, MIWAE_SPEC, PLAIN_SPEC, createVae, trainVae, type Params } from '../../../src/lib/vae';
import { smallData, tfReady } from './setup';

beforeAll(tfReady);

const copy = (p: Params): Params => Object.fromEntries(Object.entries(p).map(([k, v]) => [k, v.slice()]));
const same = (a: Params, b: Params) => Object.keys(a).every((k) => a[k].every((v, i) => v === b[k][i]));

describe('trainVae', () => {
  it('restores a real copy of the best-epoch weights, not the last epoch’s', async () => {
    const data = smallData(1, 160);
    const snapshots: Params[] = [];
    // A large learning rate makes the test loss wander, so the best epoch is not the last.
    const r = await trainVae(createVae(PLAIN_SPEC, createRng(2)), data, { learningRate: 0.03, patience: 3, maxEpochs: 40 }, createRng(3), {
      onEpoch: (_, live) => snapshots.push(copy(live.params)),
    });
    expect(r.stoppedBy).toBe('patience');
    expect(r.bestEpoch).toBe(r.epochsRun - 3);
    expect(same(r.model.params, snapshots[r.bestEpoch - 1])).toBe(true);
    expect(same(r.model.params, snapshots[r.epochsRun - 1])).toBe(false);
    expect(r.bestTestLoss).toBe(Math.min(...r.history.map((h) => h.testLoss)));
  });

  it('does not modify the initial model', async () => {
    const init = createVae(PLAIN_SPEC, createRng(4));
    const before = copy(init.params);
    await trainVae(init, smallData(2, 100), { learningRate: 1e-3, maxEpochs: 2 }, createRng(5));
    expect(same(init.params, before)).toBe(true);
  });

  it('is reproducible: same seeds, byte-identical weights and history', async () => {
    const run = () => trainVae(createVae(MASKED_SPEC, createRng(6)), smallData(3, 120, 0.2), { learningRate: 1e-3, maxEpochs: 3 }, createRng(7));
    const [a, b] = [await run(), await run()];
    expect(b.history).toEqual(a.history);
    expect(same(a.model.params, b.model.params)).toBe(true);
  });

  it('leaves no tensors behind (plain and masked)', async () => {
    const before = tf.memory().numTensors;
    await trainVae(createVae(PLAIN_SPEC, createRng(8)), smallData(4, 100), { learningRate: 1e-3, maxEpochs: 2 }, createRng(9));
    await trainVae(createVae(MASKED_SPEC, createRng(8)), smallData(4, 100, 0.2), { learningRate: 1e-3, maxEpochs: 2 }, createRng(9));
    expect(tf.memory().numTensors).toBe(before);
  });

  it('stops with a clear error when the loss becomes NaN or infinite, and leaks nothing', async () => {
    const data = smallData(5, 100);
    data.train.data[3] = 1e30; // squares to Infinity in float32
    const before = tf.memory().numTensors;
    await expect(trainVae(createVae(PLAIN_SPEC, createRng(1)), data, { learningRate: 1e-3, maxEpochs: 2 }, createRng(1))).rejects.toThrow(/diverged/);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects missing values for the plain VAE, naming the cell and the fix', async () => {
    const data = smallData(6, 100, 0.1);
    await expect(trainVae(createVae(PLAIN_SPEC, createRng(1)), data, { learningRate: 1e-3, maxEpochs: 1 }, createRng(1))).rejects.toThrow(/missing value \(NaN\) at row \d+, column \d+.*impute/);
  });

  it('is cancellable: aborting stops within one epoch and rejects', async () => {
    const ac = new AbortController();
    let epochs = 0;
    const p = trainVae(createVae(PLAIN_SPEC, createRng(1)), smallData(7, 200), { learningRate: 1e-3, maxEpochs: 100 }, createRng(1), {
      signal: ac.signal,
      onEpoch: (e) => {
        epochs = e.epoch;
        if (e.epoch === 2) ac.abort(new Error('stop please'));
      },
    });
    await expect(p).rejects.toThrow(/stop please/);
    expect(epochs).toBe(2);
  });

  it('reports progress every epoch with losses and KL', async () => {
    const seen: number[] = [];
    const r = await trainVae(createVae(PLAIN_SPEC, createRng(1)), smallData(8, 100), { learningRate: 1e-3, maxEpochs: 3 }, createRng(1), {
      onEpoch: (e) => {
        seen.push(e.epoch);
        expect(Number.isFinite(e.trainLoss) && Number.isFinite(e.testLoss) && e.kl >= 0).toBe(true);
      },
    });
    expect(seen).toEqual([1, 2, 3]);
    expect(r.history.map((h) => h.epoch)).toEqual([1, 2, 3]);
  });

  it('defaults to the original objectives: naming them explicitly changes nothing', async () => {
    const run = (o: object) => trainVae(createVae(MASKED_SPEC, createRng(6)), smallData(3, 120, 0.2), { learningRate: 1e-3, maxEpochs: 2, ...o }, createRng(7));
    const [a, b] = [await run({}), await run({ objective: 'cell-mean', klWarmupEpochs: 0 })];
    expect(b.history).toEqual(a.history);
    expect(same(a.model.params, b.model.params)).toBe(true);
  });

  it('records the test reconstruction and KL terms: test loss = recon + KL, and recon = NLL for the observed-sum objective', async () => {
    for (const objective of ['cell-mean', 'observed-sum'] as const) {
      const r = await trainVae(createVae(MASKED_SPEC, createRng(1)), smallData(9, 120, 0.2), { learningRate: 1e-3, maxEpochs: 2, objective }, createRng(2));
      for (const h of r.history) {
        expect(Math.abs(h.testLoss - (h.recon + h.kl))).toBeLessThan(1e-4 * Math.abs(h.testLoss)); // float32 sums
        if (objective === 'observed-sum') expect(h.nll).toBe(h.recon);
        else expect(h.nll).toBeGreaterThan(5 * h.recon); // ~9.6 observed cells per row: the sum is ~10× the mean
        expect(h.beta).toBe(1);
      }
    }
  });

  it('warms the KL weight up linearly and does not stop before the warm-up ends', async () => {
    // patience 1 would stop at epoch 2 if the warm-up epochs counted
    const r = await trainVae(createVae(MASKED_SPEC, createRng(1)), smallData(10, 160, 0.2), { learningRate: 0.05, maxEpochs: 8, patience: 1, klWarmupEpochs: 4, objective: 'observed-sum' }, createRng(2));
    expect(r.epochsRun).toBeGreaterThan(4);
    const nb = Math.ceil(128 / 32);
    expect(r.history.slice(0, 4).map((h) => h.beta)).toEqual([1, 2, 3, 4].map((e) => (e - 1 + (nb - 1) / nb) / 4));
    expect(r.history[4].beta).toBe(1);
  });

  it('trains MIWAE with K samples: the test loss (−bound) falls and every recorded term is finite', async () => {
    const data = smallData(11, 200, 0.2);
    const r = await trainVae(createVae(MIWAE_SPEC, createRng(1)), data, { learningRate: 3e-3, maxEpochs: 6, importanceSamples: 10, objective: 'observed-sum' }, createRng(2));
    expect(r.history[r.history.length - 1].testLoss).toBeLessThan(r.history[0].testLoss);
    for (const h of r.history) expect(Number.isFinite(h.kl) && Number.isFinite(h.nll)).toBe(true);
  });

  it('rejects option combinations that do not exist, saying what to do', async () => {
    const d = smallData(12, 60, 0.2);
    await expect(trainVae(createVae(MIWAE_SPEC, createRng(1)), d, { learningRate: 1e-3, maxEpochs: 1 }, createRng(1))).rejects.toThrow(/MIWAE needs importanceSamples/);
    await expect(trainVae(createVae(MIWAE_SPEC, createRng(1)), d, { learningRate: 1e-3, maxEpochs: 1, importanceSamples: 5, objective: 'cell-mean' }, createRng(1))).rejects.toThrow(/objective must be 'observed-sum'/);
    await expect(trainVae(createVae(MASKED_SPEC, createRng(1)), d, { learningRate: 1e-3, maxEpochs: 1, importanceSamples: 5 }, createRng(1))).rejects.toThrow(/MIWAE only/);
    await expect(trainVae(createVae(MASKED_SPEC, createRng(1)), d, { learningRate: 1e-3, maxEpochs: 1, klWarmupEpochs: -1 }, createRng(1))).rejects.toThrow(/klWarmupEpochs/);
  });
});
