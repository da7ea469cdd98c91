/**
 * The sampler lab speaks the bayes chain protocol (src/lib/bayes/protocol.ts) with one
 * addition: the run message names parameters to trace, and the worker streams their
 * retained draws as it goes, so the page can draw live traces.
 */
import type { ChainJob, FromWorker } from '../../lib/bayes/protocol';

export type ToSamplerWorker =
  | { readonly type: 'run'; readonly id: number; readonly job: ChainJob; readonly trace: readonly string[] }
  /** time the bench workload (labs/bench-nuts.ts) in this worker */
  | { readonly type: 'bench'; readonly iterations: number };

export type BenchMessage = { readonly type: 'bench'; readonly evaluations: number; readonly seconds: number; readonly evaluationsPerSecond: number };

export type TraceMessage = {
  readonly type: 'trace';
  readonly id: number;
  /** index of the first draw in `values` */
  readonly start: number;
  /** one row per retained draw, one value per traced parameter */
  readonly values: number[][];
};

export type FromSamplerWorker = FromWorker | TraceMessage | BenchMessage;
