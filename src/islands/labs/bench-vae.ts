/**
 * Fixed benchmark workloads, shared by the browser (inside the labs' workers) and Node
 * (scripts/bench-browser.ts), so the two sets of figures time exactly the same code.
 */
import { simulatePopulation } from '../../lib/data';
import { createRng } from '../../lib/random';
import { PLAIN_SPEC, createVae, trainVae } from '../../lib/vae';

const now = () => performance.now();
/** Plain-VAE training steps (batch 32) per second on the current tf backend. */
export async function benchVaeSteps(epochs = 3): Promise<{ steps: number; seconds: number; stepsPerSecond: number }> {
  const rng = createRng(7);
  const train = simulatePopulation(rng, 800); // 25 steps per epoch
  const test = simulatePopulation(rng, 32); // keep the per-epoch evaluation negligible
  const init = createVae(PLAIN_SPEC, createRng(8));
  const options = { learningRate: 1e-3, patience: 1000 };
  await trainVae(init, { train, test }, { ...options, maxEpochs: 1 }, createRng(9)); // warm-up: kernels, shaders, JIT
  const t0 = now();
  await trainVae(init, { train, test }, { ...options, maxEpochs: epochs }, createRng(9));
  const seconds = (now() - t0) / 1000;
  const steps = epochs * Math.ceil(train.rows / 32);
  return { steps, seconds, stepsPerSecond: steps / seconds };
}
