/**
 * An experiment as the runner sees it: its declaration (src/lib/experiments/<id>.ts: configs,
 * schemas, declared inputs) and its run function (precompute/experiments/<id>.ts).
 *
 * An experiment is data in (a validated config and a seed, and its declared input files) and
 * data out (a result that matches its schema). The runner owns files, caching, timing and
 * progress; the experiment owns only the science, which it takes from src/lib.
 */
import type { Rng } from '../src/lib/random';
import type { AnyDeclaration, ConfigOf, ResultOfDeclaration } from '../src/lib/experiments/declaration';

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
  /**
   * The text (UTF-8) of a data file the declaration lists in `inputs`, by its repo-relative
   * path. The only way a run reads a file: any other path throws, so every file a result
   * depends on is in its fingerprint.
   */
  readInput(repoPath: string): string;
}

/** What a run may return: its result, plus wall-clock figures that go to the manifest, not the result file. */
export type RunOutput<D extends AnyDeclaration> = ResultOfDeclaration<D> & { timing?: unknown };

export type RunFunction<D extends AnyDeclaration> = (ctx: RunContext<ConfigOf<D>>) => Promise<RunOutput<D>>;

export type Experiment<D extends AnyDeclaration = AnyDeclaration> = D & {
  readonly declaration: D;
  readonly run: RunFunction<D>;
};

/** Any experiment, as the runner handles them (configs and results are checked by their schemas at run time). */
export type AnyExperiment = AnyDeclaration & {
  readonly declaration: AnyDeclaration;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly run: (ctx: RunContext<any>) => Promise<unknown>;
};

/** Binds a run function to its declaration: the default export of precompute/experiments/<id>.ts. */
export function defineRun<D extends AnyDeclaration>(declaration: D, run: RunFunction<D>): Experiment<D> {
  return Object.freeze({ ...declaration, declaration, run });
}
