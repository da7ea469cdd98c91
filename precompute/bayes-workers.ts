/**
 * Node adapter for the chain protocol (src/lib/bayes/protocol.ts): worker_threads running
 * this same file. In the main thread it exports `nodeWorkerExecutor` (the generic pool of
 * src/lib/bayes/pool.ts over Node workers); in a worker it installs the pure handler.
 * Node 20 does not apply `--import tsx` from a Worker's execArgv to the worker's module
 * loader, so a tiny eval'd bootstrap registers tsx's loader and then imports this file.
 */
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import os from 'node:os';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { handleWorkerMessage, type ChainExecutor } from '../src/lib/bayes/runner';
import { workerPoolExecutor, type WorkerLike } from '../src/lib/bayes/pool';
import type { ToWorker } from '../src/lib/bayes/protocol';

interface WorkerSetup {
  readonly bayesChainWorker: true;
  /** module URLs to import first, e.g. one that registers the 'sem' model kind */
  readonly modules: readonly string[];
}

if (!isMainThread && parentPort && (workerData as Partial<WorkerSetup>)?.bayesChainWorker) {
  const port = parentPort;
  for (const m of (workerData as WorkerSetup).modules) await import(m);
  port.on('message', (msg: ToWorker) => handleWorkerMessage(msg, (reply, transfer) => port.postMessage(reply, transfer)));
}

/** Worker source: register tsx, then load this file (resolved lazily; vitest lacks import.meta.resolve). */
function bootstrap(): string {
  // The ESM entry of tsx/esm/api (require.resolve would give the CJS one).
  const tsxRoot = path.dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
  const tsxApi = pathToFileURL(path.join(tsxRoot, 'dist/esm/api/index.mjs')).href;
  return `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(import.meta.url)}); });`;
}

export interface NodeExecutorOptions {
  /** number of worker threads (default: available cores) */
  readonly threads?: number;
  /** module URLs each worker imports before running jobs (model-kind registrations) */
  readonly modules?: readonly string[];
}

function spawnNode(modules: readonly string[]): WorkerLike {
  const w = new Worker(bootstrap(), { eval: true, workerData: { bayesChainWorker: true, modules } satisfies WorkerSetup });
  let errorHandler: ((e: Error) => void) | undefined;
  w.on('error', (e) => errorHandler?.(e));
  w.on('exit', (code) => errorHandler?.(new Error(`chain worker exited with code ${code} before replying`)));
  return {
    postMessage: (m) => w.postMessage(m),
    onMessage: (h) => w.on('message', h),
    onError: (h) => (errorHandler = h),
    terminate: () => void w.terminate(),
  };
}

/** Runs chains on worker_threads, one worker per chain, at most `threads` at once. */
export function nodeWorkerExecutor(options: NodeExecutorOptions = {}): ChainExecutor {
  return workerPoolExecutor(() => spawnNode(options.modules ?? []), options.threads ?? os.availableParallelism());
}
