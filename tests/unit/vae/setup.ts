/** Shared test helpers: a tf backend (wasm, as in precompute) and small data sets. */
import { initTf } from '../../../precompute/tf-node';
import { simulatePopulation, sliceRows, maskMcar } from '../../../src/lib/data';
import { createRng } from '../../../src/lib/random';

export async function tfReady(): Promise<void> {
  await initTf('wasm');
}

export function smallData(seed: number, n = 200, missing = 0) {
  const rng = createRng(seed);
  let x = simulatePopulation(rng, n);
  if (missing > 0) x = maskMcar(rng, x, missing).data;
  const cut = Math.round(n * 0.8);
  return { train: sliceRows(x, 0, cut), test: sliceRows(x, cut, n) };
}
