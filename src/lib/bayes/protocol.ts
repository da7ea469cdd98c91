/**
 * The message protocol between a page/process and a chain worker. One job = one chain.
 * Everything is structured-clone data, so the same messages cross Node worker_threads and
 * browser Web Workers; the pure runner does the work and the adapters only move messages.
 *
 *   → { type: 'run', id, job }
 *   ← { type: 'progress', id, iteration, total, phase }   (every job.progressEvery iterations)
 *   ← { type: 'done', id, result }                         (ChainResult)
 *   ← { type: 'error', id, message }
 * Cancellation is by terminating the worker: a chain is one synchronous computation.
 */
import type { ModelSpec } from './registry';
import type { ChainResult, SamplerSettings } from './sampler';

export interface ChainJob {
  readonly model: ModelSpec;
  readonly settings: SamplerSettings;
  /** the run's seed; the chain's stream is derive(seed, 'chain', chain) */
  readonly seed: number;
  readonly chain: number;
  /** iterations between progress messages (default 50) */
  readonly progressEvery?: number;
}

export type ToWorker = { readonly type: 'run'; readonly id: number; readonly job: ChainJob };

export type FromWorker =
  | { readonly type: 'progress'; readonly id: number; readonly iteration: number; readonly total: number; readonly phase: 'warmup' | 'sampling' }
  | { readonly type: 'done'; readonly id: number; readonly result: ChainResult }
  | { readonly type: 'error'; readonly id: number; readonly message: string };

/** Buffers of a result that can be transferred rather than copied. */
export function transferables(result: ChainResult): ArrayBuffer[] {
  const s = result.stats;
  return [result.draws, s.acceptStat, s.stepSize, s.treeDepth, s.numLeapfrog, s.divergent, s.energy, s.lp].map((a) => a.buffer as ArrayBuffer);
}
