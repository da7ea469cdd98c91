/**
 * The 'sem' model kind for the chain protocol: a job carries plain data (model text, column
 * names, sufficient statistics, spec), and each worker rebuilds the same Model from it.
 * Import this module (for its side effect) wherever chain jobs of kind 'sem' are run.
 */
import { registerModelKind } from '../bayes/registry';
import { describeLavaan } from './description';
import type { SufficientStats } from './likelihood';
import { buildSemModel, IDENTIFIED_SPEC, ORIGINAL_SPEC, withPriors, type SemModel, type SemPriors, type SemSpec } from './model';

export interface SemJobSpec {
  readonly kind: 'sem';
  /** lavaan model text */
  readonly syntax: string;
  /** data column names, in the order of the statistics */
  readonly names: readonly string[];
  readonly n: number;
  readonly mean: readonly number[];
  /** p×p scatter about the mean, row-major */
  readonly scatter: readonly number[];
  readonly spec: 'identified' | 'original';
  /** prior blocks to override (plain data) */
  readonly priors?: Partial<SemPriors>;
}

export const NAMED_SPECS: Readonly<Record<SemJobSpec['spec'], SemSpec>> = { identified: IDENTIFIED_SPEC, original: ORIGINAL_SPEC };

/** Plain-data job spec from statistics (Float64Arrays become arrays so it clones anywhere). */
export function semJobSpec(syntax: string, stats: SufficientStats, spec: SemJobSpec['spec'], priors?: Partial<SemPriors>): SemJobSpec {
  return { kind: 'sem', syntax, names: [...stats.names], n: stats.n, mean: Array.from(stats.mean), scatter: Array.from(stats.scatter), spec, ...(priors ? { priors } : {}) };
}

export function semModelFromJob(job: SemJobSpec): SemModel {
  const base = NAMED_SPECS[job.spec];
  if (!base) throw new Error(`sem job: unknown spec '${job.spec}'; use 'identified' or 'original'`);
  const stats: SufficientStats = { names: job.names, n: job.n, mean: Float64Array.from(job.mean), scatter: Float64Array.from(job.scatter) };
  return buildSemModel(describeLavaan(job.syntax, job.names), stats, job.priors ? withPriors(base, job.priors) : base);
}

registerModelKind('sem', (spec) => semModelFromJob(spec as unknown as SemJobSpec));
