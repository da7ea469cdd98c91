/**
 * The sampler lab speaks the bayes chain protocol (src/lib/bayes/protocol.ts) with one
 * addition: the run message names parameters to trace, and the worker streams their values
 * as it goes — warm-up iterations first, then retained draws — so the page can draw live
 * traces from the start of the chain.
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
  /**
   * true: the rows are warm-up iterations (adaptation running; not draws from the posterior,
   * never summarised). Absent or false: retained draws.
   */
  readonly warmup?: boolean;
  /** index of the first row in `values`, counted within its series (warm-up or retained) */
  readonly start: number;
  /** one row per iteration of the series, one value per traced parameter */
  readonly values: number[][];
};

export type FromSamplerWorker = FromWorker | TraceMessage | BenchMessage;
