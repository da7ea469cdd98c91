/**
 * The RunContext an experiment's run receives: the one place it is built, for the runner's
 * worker, tests and benches alike, so every caller reads files through the declared-input
 * accessor.
 */
import { createRng } from '../src/lib/random';
import type { AnyExperiment, Progress, RunContext } from './experiment';
import { inputReader } from './inputs';

export interface ContextOptions<C> {
  /** default: the experiment's quick config when `quick`, else its full config */
  readonly config?: C;
  readonly quick?: boolean;
  readonly signal?: AbortSignal;
  readonly progress?: Progress;
}

const silent: Progress = { report: () => {}, log: () => {} };

export function runContext<C extends { seed: number }>(experiment: AnyExperiment, options: ContextOptions<C> = {}): RunContext<C> {
  const quick = options.quick ?? false;
  const config = (options.config ?? (quick ? experiment.quickConfig : experiment.config)) as C;
  return {
    config,
    seed: config.seed,
    rng: createRng(config.seed),
    quick,
    signal: options.signal ?? new AbortController().signal,
    progress: options.progress ?? silent,
    readInput: inputReader(experiment.id, experiment.inputs),
  };
}
