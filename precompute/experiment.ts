/**
 * What every experiment module in precompute/experiments/ exports.
 *
 * An experiment is data in (a validated config and a seed) and data out (a result that
 * matches its schema). The runner owns files, caching, timing and progress; the
 * experiment owns only the science, which it takes from src/lib.
 */
import type { z } from 'zod';
import type { Rng } from '../src/lib/random';

export interface Progress {
  /** fraction in [0, 1] and a short status such as 'epoch 12/1000, test loss 10.31' */
  report(fraction: number, status?: string): void;
  /** a line for the log (shown above the bars on a terminal) */
  log(message: string): void;
}

export interface RunContext<C> {
  readonly config: C;
  /** the experiment's seed (also in config.seed); use it with derive() for sub-streams */
  readonly seed: number;
  /** seeded from `seed`; the only source of randomness an experiment may use */
  readonly rng: Rng;
  readonly progress: Progress;
  /** aborted on Ctrl-C or when a sibling job fails; long loops should check it */
  readonly signal: AbortSignal;
  /** true when run with --quick */
  readonly quick: boolean;
}

export interface Experiment<C extends { seed: number }, R> {
  readonly id: string;
  readonly title: string;
  readonly configSchema: z.ZodType<C>;
  /** the full configuration, whose results are committed */
  readonly config: C;
  /** a small configuration for CI (--quick), written to a separate, ignored folder */
  readonly quickConfig: C;
  readonly resultSchema: z.ZodType<R>;
  run(ctx: RunContext<C>): Promise<R>;
}

/** Identity function that gives type inference for an experiment definition. */
export function defineExperiment<C extends { seed: number }, R>(e: Experiment<C, R>): Experiment<C, R> {
  return e;
}
