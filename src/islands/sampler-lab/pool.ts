/**
 * Runs chain jobs on Web Workers, one worker per chain and at most `concurrency` at once;
 * a worker is terminated as soon as its chain is done, and all of them on abort or on the
 * first error. The worker factory is injected, so the scheduling is unit-tested with fakes.
 */
import type { ChainJob } from '../../lib/bayes/protocol';
import type { ChainResult } from '../../lib/bayes/sampler';
import type { FromSamplerWorker, ToSamplerWorker } from './protocol';

export interface WorkerLike {
  postMessage(m: ToSamplerWorker): void;
  terminate(): void;
  onmessage: ((e: { data: FromSamplerWorker }) => void) | null;
  onerror: ((e: { message?: string }) => void) | null;
}

export interface PoolOptions {
  readonly create: () => WorkerLike;
  readonly concurrency: number;
  readonly trace: readonly string[];
  /** every message, tagged with its job's index in `jobs` */
  readonly onMessage?: (job: number, msg: FromSamplerWorker) => void;
  readonly signal?: AbortSignal;
}

export function runChainPool(jobs: readonly ChainJob[], o: PoolOptions): Promise<ChainResult[]> {
  return new Promise((resolve, reject) => {
    const results: (ChainResult | undefined)[] = new Array(jobs.length);
    const live = new Map<number, WorkerLike>();
    let next = 0;
    let finished = 0;
    let settled = false;
    const stopAll = () => {
      for (const w of live.values()) w.terminate();
      live.clear();
    };
    const fail = (err: Error) => {
      if (settled) return;
      settled = true;
      stopAll();
      o.signal?.removeEventListener('abort', onAbort);
      reject(err);
    };
    const onAbort = () => fail(new DOMException('sampling was cancelled', 'AbortError') as unknown as Error);
    const launch = () => {
      while (!settled && next < jobs.length && live.size < Math.max(1, o.concurrency)) {
        const index = next++;
        const w = o.create();
        live.set(index, w);
        w.onmessage = (e) => {
          if (settled) return;
          const msg = e.data;
          o.onMessage?.(index, msg);
          if (msg.type === 'done') {
            results[index] = msg.result;
            w.terminate();
            live.delete(index);
            if (++finished === jobs.length) {
              settled = true;
              o.signal?.removeEventListener('abort', onAbort);
              resolve(results as ChainResult[]);
            } else launch();
          } else if (msg.type === 'error') fail(new Error(`chain ${jobs[index].chain + 1}: ${msg.message}`));
        };
        w.onerror = (e) => fail(new Error(`chain ${jobs[index].chain + 1}: the worker failed${e.message ? `: ${e.message}` : ''}`));
        w.postMessage({ type: 'run', id: index, job: jobs[index], trace: o.trace });
      }
    };
    if (o.signal?.aborted) return onAbort();
    o.signal?.addEventListener('abort', onAbort);
    if (jobs.length === 0) {
      settled = true;
      resolve([]);
      return;
    }
    launch();
  });
}
