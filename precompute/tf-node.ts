/**
 * tf setup for Node (precompute, bench, tests). The wasm backend needs the path of its .wasm
 * files, which live in node_modules; the cpu backend needs nothing.
 *
 * wasm is the default: measured ~2.5–4× faster per training step than cpu for these networks
 * (npm run bench:vae). Node loads the single-threaded SIMD build unless threads are asked for,
 * and we pin it to 1 thread so that results are byte-identical run to run.
 */
import * as tf from '@tensorflow/tfjs';
import { setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import path from 'node:path';

export type NodeBackend = 'wasm' | 'cpu';

let wasmPathsSet = false;

export function wasmDir(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + path.sep;
}

/** Select a backend (wasm by default, or TF_BACKEND=cpu|wasm); returns the one in use. */
export async function initTf(preferred: NodeBackend = (process.env.TF_BACKEND as NodeBackend | undefined) ?? 'wasm'): Promise<NodeBackend> {
  if (preferred !== 'wasm' && preferred !== 'cpu') throw new Error(`initTf: backend must be 'wasm' or 'cpu', got '${preferred}' (check TF_BACKEND)`);
  if (preferred === 'wasm' && !wasmPathsSet) {
    setThreadsCount(1);
    setWasmPaths(wasmDir());
    wasmPathsSet = true;
  }
  const ok = await tf.setBackend(preferred);
  if (!ok) throw new Error(`initTf: the ${preferred} backend failed to initialise${preferred === 'wasm' ? ` (looked for .wasm files in ${wasmDir()})` : ''}`);
  await tf.ready();
  return preferred;
}
