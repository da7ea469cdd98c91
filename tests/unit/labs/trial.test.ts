import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { initTf } from '../../../precompute/tf-node';
import { selectFastestBackend, type BackendName } from '../../../src/lib/vae/backend-choice';
import { createLabTrial, trialNetwork } from '../../../src/islands/vae-lab/trial';

// A switch turns a leak into the real step on, so the trial's leak check is shown to bite.
const leak = vi.hoisted(() => ({ on: false }));
vi.mock('../../../src/lib/vae', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../src/lib/vae')>();
  return {
    ...real,
    step: (...args: Parameters<typeof real.step>) => {
      const loss = real.step(...args);
      if (leak.on) tf.scalar(1); // kept by nobody
      return loss;
    },
  };
});

beforeAll(async () => {
  await initTf('cpu');
  await initTf('wasm');
});

describe('the lab backend trial (real tf steps in Node: wasm and cpu)', () => {
  it("trains the lab's opening network: the first architecture at the initial latent size", () => {
    expect(trialNetwork()).toEqual({ arch: 'plain', latent: 8 });
  });

  it('times real steps on each backend, keeps one, and leaves tf holding no tensors', async () => {
    const before = tf.memory().numTensors;
    const probes: Partial<Record<BackendName, () => Promise<boolean>>> = { wasm: () => tf.setBackend('wasm'), cpu: () => tf.setBackend('cpu') };
    const c = await selectFastestBackend(probes, createLabTrial(), (b) => tf.setBackend(b));
    expect(c.timings.map((t) => t.backend).sort()).toEqual(['cpu', 'wasm']);
    for (const t of c.timings) expect(t.msPerStep).toBeGreaterThan(0);
    expect(c.rule).toBe('fastest');
    expect(tf.getBackend()).toBe(c.backend);
    expect(c.spentMs).toBeGreaterThan(0);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses to time before warming up, and fails a step that leaves a tensor behind', async () => {
    const trial = createLabTrial();
    await expect(trial.timeStep()).rejects.toThrow('timeStep before warmUp');
    await trial.warmUp();
    expect(await trial.timeStep()).toBeGreaterThan(0);
    leak.on = true;
    try {
      await expect(trial.timeStep()).rejects.toThrow('a trial step left 1 tensor behind');
    } finally {
      leak.on = false;
      tf.disposeVariables();
    }
  });
});
