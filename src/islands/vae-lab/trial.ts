/**
 * The backend trial: real training steps of the lab's network at the lab's batch size, on
 * whatever tf backend is current. selectFastestBackend (src/lib/vae/backend-choice.ts) warms it up
 * once on every backend that starts, then times a few steps on each, taking turns.
 *
 * What it measures is the first steps after one warm-up, which is what decides between
 * WebAssembly and a GPU (their kernels are compiled code or shaders, ready after one step). The
 * plain-JavaScript cpu backend's kernels are still being JIT-compiled then: in headless Chromium
 * its trial figure was 15–191 ms/step (18 runs, 2 cores under load) against 6.8 ms/step over bench:browser's 75 steps after a
 * warm-up epoch (WebAssembly: 1.5–18 vs 4.6), so it overstates cpu's long-run cost. Warming it up
 * fully would take ~10 steps, most of a second; it only loses a choice it would lose anyway
 * unless WebAssembly is missing and a slow GPU is the alternative.
 */
import * as tf from '@tensorflow/tfjs';
import { createRng, derive } from '../../lib/random';
import { createAdam, createVae, step, toVaeData } from '../../lib/vae';
import type { BackendTrial } from '../../lib/vae/backend-choice';
import { prepareLabData, labSpec } from './prepare';
import { ESSAY_LEARNING_RATE, labTrainSettings } from './settings';
import { LAB_SEED, VAE_ARCHS, VAE_FIELDS, type VaeArch } from './controls';

/** The network the lab opens with: its first architecture at the controls' initial latent size. */
export function trialNetwork(): { arch: VaeArch; latent: number } {
  const latent = VAE_FIELDS.find((f) => f.key === 'latent')?.initial;
  if (latent === undefined) throw new Error('trial: the lab has no latent-size control to take the initial size from');
  return { arch: VAE_ARCHS[0].value, latent };
}

/** Batches the trial cycles through; each step takes the next. */
const TRIAL_BATCHES = 8;

/**
 * A trial over the lab's own data pipeline, network and optimiser (one model, trained on by
 * every backend in turn: its parameters live in JavaScript, so switching backends moves
 * nothing). Each call frees every tensor it makes, and throws if tf holds more tensors after it
 * than before, so a leak cannot pass as a timing.
 */
export function createLabTrial(now: () => number = () => performance.now()): BackendTrial {
  const { arch, latent } = trialNetwork();
  const spec = labSpec({ arch, latent });
  const { batchSize = 32 } = labTrainSettings({ learningRate: ESSAY_LEARNING_RATE[arch], maxEpochs: 1 });
  let state: { run(): void } | null = null;
  const setUp = () => {
    // the lab's pipeline holds out a test share; ask for enough rows that TRIAL_BATCHES fit in the rest
    const data = toVaeData(spec, prepareLabData({ arch, rows: Math.ceil((TRIAL_BATCHES * batchSize) / 0.75), missingFraction: 0, seed: LAB_SEED }).train, 'trial data');
    if (data.rows < TRIAL_BATCHES * batchSize) throw new Error(`trial: ${data.rows} training rows, fewer than ${TRIAL_BATCHES} batches of ${batchSize}`);
    const model = createVae(spec, createRng(derive(LAB_SEED, 'backend-trial')));
    const adam = createAdam(model.params, { learningRate: ESSAY_LEARNING_RATE[arch] });
    const rng = createRng(derive(LAB_SEED, 'backend-trial-steps'));
    const order = Uint32Array.from({ length: data.rows }, (_, i) => i);
    let k = 0;
    return {
      run() {
        const s = (k++ % TRIAL_BATCHES) * batchSize;
        step(model, adam, data, order, s, s + batchSize, rng); // reads loss and gradients back: the step has finished when it returns
      },
    };
  };
  /** runs one step, returns its ms; the tensor count is read outside the timed span */
  const run = (): number => {
    const before = tf.memory().numTensors;
    const t0 = now();
    state!.run();
    const ms = now() - t0;
    const leaked = tf.memory().numTensors - before;
    if (leaked !== 0) throw new Error(`a trial step left ${leaked} tensor${leaked === 1 ? '' : 's'} behind`);
    return ms;
  };
  return {
    async warmUp() {
      state ??= setUp();
      run();
    },
    async timeStep() {
      if (!state) throw new Error('trial: timeStep before warmUp');
      return run();
    },
  };
}
