/**
 * The one chain pool: runs chain jobs on workers, one worker per chain and at most
 * `concurrency` at once; a worker is terminated as soon as its chain is done, and all of them
 * on abort or on the first error. Results come back in job order, so they equal the inline
 * executor's bit for bit.
 *
 * Generic over the worker's messages: Node worker_threads (precompute/bayes-workers.ts) and
 * browser Web Workers (the sampler lab, whose protocol adds live trace messages) differ only
 * in how they are spawned and wired, which the caller's `spawn` hides behind WorkerLike.
 *
 * Browser adapter, in full:
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

export interface WorkerLike<In = ToWorker, Out = FromWorker> {
  postMessage(message: In): void;
  onMessage(handler: (message: Out) => void): void;
  /** errors, and (Node) exits before a reply */
  onError(handler: (error: Error) => void): void;
  terminate(): void;
}

type Done = Extract<FromWorker, { type: 'done' }>;
type Failed = Extract<FromWorker, { type: 'error' }>;
const isDone = (m: { readonly type: string }): m is Done => m.type === 'done';
const isFailed = (m: { readonly type: string }): m is Failed => m.type === 'error';

export interface ChainPoolOptions<In, Out> {
  readonly spawn: () => WorkerLike<In, Out>;
  readonly concurrency: number;
  /** the message that starts job `index` on its worker */
  readonly start: (job: ChainJob, index: number) => In;
  /** every message, tagged with its job's index in `jobs` */
  readonly onMessage?: (index: number, message: Out) => void;
  readonly signal?: AbortSignal;
}

/** An error named AbortError, as fetch and DOM APIs reject when cancelled. */
function abortError(): Error {
  return Object.assign(new Error('sampling was cancelled'), { name: 'AbortError' });
}

/**
 * Runs the jobs. Out holds the protocol's replies ({ type: 'progress' | 'done' | 'error', id })
 * and any others the caller's protocol adds; a message carrying another job's id is ignored.
 */
export function runChainPool<In, Out extends { readonly type: string }>(jobs: readonly ChainJob[], o: ChainPoolOptions<In, Out>): Promise<ChainResult[]> {
  return new Promise((resolve, reject) => {
    const results: (ChainResult | undefined)[] = new Array(jobs.length);
    const live = new Map<number, WorkerLike<In, Out>>();
    let next = 0;
    let finished = 0;
    let settled = false;
    const stopAll = () => {
      for (const w of live.values()) w.terminate();
      live.clear();
    };
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      stopAll();
      o.signal?.removeEventListener('abort', onAbort);
      fn();
    };
    const onAbort = () => settle(() => reject(abortError()));
    const launch = () => {
      while (!settled && next < jobs.length && live.size < Math.max(1, Math.floor(o.concurrency) || 1)) {
        const index = next++;
        const chain = jobs[index].chain + 1;
        const w = o.spawn();
        live.set(index, w);
        w.onMessage((m) => {
          if (settled || !live.has(index)) return;
          if ('id' in m && (m as { id?: unknown }).id !== index) return;
          o.onMessage?.(index, m);
          if (isDone(m)) {
            results[index] = m.result;
            w.terminate();
            live.delete(index);
            if (++finished === jobs.length) settle(() => resolve(results as ChainResult[]));
            else launch();
          } else if (isFailed(m)) settle(() => reject(new Error(`chain ${chain}: ${m.message}`)));
        });
        // a worker we terminated (its chain done) may still report its exit: not an error then
        w.onError((e) => live.has(index) && settle(() => reject(o.signal?.aborted ? abortError() : new Error(`chain ${chain}: the worker failed${e.message ? `: ${e.message}` : ''}`))));
        w.postMessage(o.start(jobs[index], index));
      }
    };
    if (o.signal?.aborted) return onAbort();
    o.signal?.addEventListener('abort', onAbort);
    if (jobs.length === 0) return settle(() => resolve([]));
    launch();
  });
}

/** A ChainExecutor over workers that speak the plain protocol (src/lib/bayes/protocol.ts). */
export function workerPoolExecutor(spawn: () => WorkerLike, threads: number): ChainExecutor {
  return {
    run(jobs: readonly ChainJob[], onProgress?: (p: ChainProgress) => void, signal?: AbortSignal): Promise<ChainResult[]> {
      return runChainPool(jobs, {
        spawn,
        concurrency: Math.min(jobs.length, threads),
        start: (job, id): ToWorker => ({ type: 'run', id, job }),
        onMessage: (i, m) => {
          if (m.type === 'progress') onProgress?.({ chain: jobs[i].chain, iteration: m.iteration, total: m.total, phase: m.phase });
        },
        signal,
      });
    },
  };
}
