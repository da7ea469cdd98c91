/**
 * A chain executor over any worker that speaks the protocol: Node worker_threads and
 * browser Web Workers differ only in how they are spawned and wired, which the caller's
 * `spawn` hides behind WorkerLike. One worker per chain, at most `threads` at a time;
 * results come back in job order, so they are identical to the inline executor's.
 *
 * Browser adapter, in full (e.g. src/islands/chain-pool.ts):
 *   // chain-worker.ts:  import { installChainWorker } from '../lib/bayes/runner';
 *   //                   installChainWorker(self as unknown as ChainWorkerScope);
 *   const spawn = (): WorkerLike => {
 *     const w = new Worker(new URL('./chain-worker.ts', import.meta.url), { type: 'module' });
 *     return { postMessage: (m) => w.postMessage(m), onMessage: (h) => (w.onmessage = (e) => h(e.data)),
 *              onError: (h) => (w.onerror = (e) => h(new Error(e.message))), terminate: () => w.terminate() };
 *   };
 *   const executor = workerPoolExecutor(spawn, navigator.hardwareConcurrency);
 */
import type { ChainJob, FromWorker, ToWorker } from './protocol';
import type { ChainExecutor, ChainProgress } from './runner';
import type { ChainResult } from './sampler';

export interface WorkerLike {
  postMessage(message: ToWorker): void;
  onMessage(handler: (message: FromWorker) => void): void;
  /** errors, and (Node) exits before a reply */
  onError(handler: (error: Error) => void): void;
  terminate(): void;
}

export function workerPoolExecutor(spawn: () => WorkerLike, threads: number): ChainExecutor {
  return {
    async run(jobs: readonly ChainJob[], onProgress?: (p: ChainProgress) => void, signal?: AbortSignal): Promise<ChainResult[]> {
      const lanes = Math.max(1, Math.min(jobs.length, Math.floor(threads) || 1));
      const results: ChainResult[] = new Array(jobs.length);
      const live = new Set<WorkerLike>();
      const onAbort = () => {
        for (const w of live) w.terminate();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      let next = 0;
      const lane = async (): Promise<void> => {
        while (next < jobs.length) {
          if (signal?.aborted) throw new Error('chains aborted');
          const i = next++;
          results[i] = await runOne(spawn, jobs[i], i, live, onProgress, signal);
        }
      };
      try {
        await Promise.all(Array.from({ length: lanes }, lane));
      } finally {
        signal?.removeEventListener('abort', onAbort);
        for (const w of live) w.terminate();
      }
      return results;
    },
  };
}

function runOne(
  spawn: () => WorkerLike,
  job: ChainJob,
  id: number,
  live: Set<WorkerLike>,
  onProgress?: (p: ChainProgress) => void,
  signal?: AbortSignal,
): Promise<ChainResult> {
  return new Promise((resolve, reject) => {
    const worker = spawn();
    live.add(worker);
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      live.delete(worker);
      worker.terminate();
      fn();
    };
    worker.onMessage((m) => {
      if (m.id !== id) return;
      if (m.type === 'progress') onProgress?.({ chain: job.chain, iteration: m.iteration, total: m.total, phase: m.phase });
      else if (m.type === 'done') finish(() => resolve(m.result));
      else finish(() => reject(new Error(`chain ${job.chain}: ${m.message}`)));
    });
    worker.onError((e) => finish(() => reject(signal?.aborted ? new Error('chains aborted') : e)));
    worker.postMessage({ type: 'run', id, job });
  });
}
