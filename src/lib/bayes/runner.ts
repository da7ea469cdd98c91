/**
 * Worker-agnostic chain running: a pure function from a ChainJob to a ChainResult, a
 * message handler any worker can install, and an in-thread executor for tests and the CLI's
 * --workers 0 mode. Thread adapters implement `ChainExecutor` and nothing else.
 */
import { buildModel } from './registry';
import type { ChainJob, FromWorker, ToWorker } from './protocol';
import { transferables } from './protocol';
import { runChain, type ChainResult } from './sampler';

export function runChainJob(
  job: ChainJob,
  onProgress?: (iteration: number, total: number, phase: 'warmup' | 'sampling') => void,
  shouldStop?: () => boolean,
): ChainResult {
  const model = buildModel(job.model);
  return runChain(model, job.settings, job.seed, job.chain, { onProgress, every: job.progressEvery ?? 50, shouldStop });
}

/** Handle one inbound message; `post` sends a reply (with buffers to transfer). */
export function handleWorkerMessage(msg: ToWorker, post: (reply: FromWorker, transfer: ArrayBuffer[]) => void): void {
  if (msg?.type !== 'run') {
    post({ type: 'error', id: (msg as { id?: number })?.id ?? -1, message: `chain worker: unknown message type '${(msg as { type?: string })?.type}'` }, []);
    return;
  }
  try {
    const result = runChainJob(msg.job, (iteration, total, phase) => post({ type: 'progress', id: msg.id, iteration, total, phase }, []));
    post({ type: 'done', id: msg.id, result }, transferables(result));
  } catch (err) {
    post({ type: 'error', id: msg.id, message: (err as Error)?.message ?? String(err) }, []);
  }
}

/** The global scope of a worker (DedicatedWorkerGlobalScope, or a Node parentPort wrapper). */
export interface ChainWorkerScope {
  onmessage: ((event: { data: ToWorker }) => void) | null;
  postMessage(message: FromWorker, transfer: ArrayBuffer[]): void;
}

/** Make a worker serve chain jobs (browser: `installChainWorker(self)`). */
export function installChainWorker(scope: ChainWorkerScope): void {
  scope.onmessage = (event) => handleWorkerMessage(event.data, (reply, transfer) => scope.postMessage(reply, transfer));
}

export interface ChainProgress {
  readonly chain: number;
  readonly iteration: number;
  readonly total: number;
  readonly phase: 'warmup' | 'sampling';
}

/** Runs chain jobs somewhere (this thread, worker threads, Web Workers). */
export interface ChainExecutor {
  run(jobs: readonly ChainJob[], onProgress?: (p: ChainProgress) => void, signal?: AbortSignal): Promise<ChainResult[]>;
}

/** Runs every chain here, one after another. Results equal a worker pool's, bit for bit. */
export const inlineExecutor: ChainExecutor = {
  async run(jobs, onProgress, signal) {
    const out: ChainResult[] = [];
    for (const job of jobs) {
      if (signal?.aborted) throw new Error('chains aborted');
      out.push(
        runChainJob(
          job,
          (iteration, total, phase) => onProgress?.({ chain: job.chain, iteration, total, phase }),
          () => signal?.aborted ?? false,
        ),
      );
    }
    return out;
  },
};

/** One job per chain, chains 0..n−1, all sharing the seed. */
export function chainJobs(model: ChainJob['model'], settings: ChainJob['settings'], seed: number, chains: number): ChainJob[] {
  if (!Number.isInteger(chains) || chains < 1) throw new Error(`chainJobs: chains must be a positive integer, got ${chains}`);
  return Array.from({ length: chains }, (_, chain) => ({ model, settings, seed, chain }));
}
