import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../../src/lib/random';
import { MASKED_SPEC, PLAIN_SPEC, createVae, trainVae, type Params } from '../../../src/lib/vae';
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
});
