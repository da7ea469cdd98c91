/**
 * Node adapter for the chain protocol (src/lib/bayes/protocol.ts): a pool of
 * worker_threads, each running this same file. In the main thread it exports
 * `nodeWorkerExecutor`; in a worker it installs the pure message handler.
 * Node 20 does not apply `--import tsx` from a Worker's execArgv to the worker's module
 * loader, so a tiny eval'd bootstrap registers tsx's loader and then imports this file.
 */
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import os from 'node:os';
import { handleWorkerMessage, type ChainExecutor, type ChainProgress } from '../src/lib/bayes/runner';
import type { ChainJob, FromWorker, ToWorker } from '../src/lib/bayes/protocol';
import type { ChainResult } from '../src/lib/bayes/sampler';

interface WorkerSetup {
  /** module URLs to import first, e.g. one that registers the 'sem' model kind */
  readonly modules: readonly string[];
}

if (!isMainThread && parentPort && (workerData as { bayesChainWorker?: boolean })?.bayesChainWorker) {
  const port = parentPort;
  const setup = workerData as WorkerSetup;
  for (const m of setup.modules) await import(m);
  port.on('message', (msg: ToWorker) => handleWorkerMessage(msg, (reply, transfer) => port.postMessage(reply, transfer)));
}

const BOOTSTRAP = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))})
  .then((m) => { m.register(); return import(${JSON.stringify(import.meta.url)}); })
  .catch((e) => { throw e; });`;

export interface NodeExecutorOptions {
  /** number of worker threads (default: min(chains, available cores)) */
  readonly threads?: number;
  /** module URLs each worker imports before running jobs (model-kind registrations) */
  readonly modules?: readonly string[];
}

/** Runs chains on worker_threads; at most `threads` at once, one chain per worker. */
export function nodeWorkerExecutor(options: NodeExecutorOptions = {}): ChainExecutor {
  return {
    async run(jobs: readonly ChainJob[], onProgress?: (p: ChainProgress) => void, signal?: AbortSignal): Promise<ChainResult[]> {
      const threads = Math.max(1, Math.min(jobs.length, options.threads ?? os.availableParallelism()));
      const results: ChainResult[] = new Array(jobs.length);
      let next = 0;
      const live = new Set<Worker>();
      const onAbort = () => {
        for (const w of live) void w.terminate();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      const lane = async (): Promise<void> => {
        while (next < jobs.length) {
          if (signal?.aborted) throw new Error('chains aborted');
          const i = next++;
          results[i] = await runOne(jobs[i], i, options.modules ?? [], live, onProgress);
        }
      };
      try {
        await Promise.all(Array.from({ length: threads }, lane));
      } finally {
        signal?.removeEventListener('abort', onAbort);
        for (const w of live) void w.terminate();
      }
      return results;
    },
  };
}

function runOne(
  job: ChainJob,
  id: number,
  modules: readonly string[],
  live: Set<Worker>,
  onProgress?: (p: ChainProgress) => void,
): Promise<ChainResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(BOOTSTRAP, {
      eval: true,
      workerData: { bayesChainWorker: true, modules } satisfies WorkerSetup & { bayesChainWorker: boolean },
    });
    live.add(worker);
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      live.delete(worker);
      void worker.terminate();
      fn();
    };
    worker.on('message', (m: FromWorker) => {
      if (m.type === 'progress') onProgress?.({ chain: job.chain, iteration: m.iteration, total: m.total, phase: m.phase });
      else if (m.type === 'done') finish(() => resolve(m.result));
      else if (m.type === 'error') finish(() => reject(new Error(`chain ${job.chain}: ${m.message}`)));
    });
    worker.on('error', (e) => finish(() => reject(e)));
    worker.on('exit', (code) => finish(() => reject(new Error(`chain ${job.chain}: worker exited with code ${code} before finishing (aborted?)`))));
    worker.postMessage({ type: 'run', id, job } satisfies ToWorker);
  });
}
