/**
 * The 'sem' model kind for the chain protocol: a job carries plain data (model text, column
 * names, sufficient statistics, spec), and each worker rebuilds the same Model from it.
 * Import this module (for its side effect) wherever chain jobs of kind 'sem' are run.
 */
import { registerModelKind } from '../bayes/registry';
import { describeLavaan } from './description';
import type { SufficientStats } from './likelihood';
import { buildSemModel, type SemModel } from './model';
import { NAMED_SPECS, withPriors, type SemPriors, type SpecName } from './spec';

export { NAMED_SPECS };

export interface SemJobSpec {
  readonly kind: 'sem';
  /** lavaan model text */
  readonly syntax: string;
  /** data column names, in the order of the statistics */
  readonly names: readonly string[];
  readonly n: number;
  readonly mean: readonly number[];
  /** p×p scatter about the mean, row-major (see SufficientStats) */
  readonly scatter: readonly number[];
  /** with missing cells: each missingness pattern's statistics (see SemPattern) */
  readonly patterns?: readonly { readonly observed: readonly number[]; readonly count: number; readonly mean: readonly number[]; readonly scatter: readonly number[] }[];
  readonly spec: SpecName;
  /** prior blocks to override (plain data) */
  readonly priors?: Partial<SemPriors>;
  /**
   * Centre of the sampler's coordinates on the model's unconstrained scale: the sampler sees
   * θ − origin, so its random inits on (−r, r) land around it. A constant shift changes
   * nothing else (zero log-Jacobian). Default: the model's data-informed initialPoint
   * (loadings 1, paths 0, variances from the data), like PyMC's jittered initial point.
   * Why: with inits on (−2, 2) around zero, a chain can settle in a trap mode (negative SWB
   * loadings, log density ≈ 70 lower) that holds no posterior mass.
   */
  readonly origin?: readonly number[] | 'initial-point' | 'zero';
}

/** Plain-data job spec from statistics (Float64Arrays become arrays so it clones anywhere). */
export function semJobSpec(syntax: string, stats: SufficientStats, spec: SpecName, priors?: Partial<SemPriors>): SemJobSpec {
  const patterns = stats.patterns?.map((g) => ({ observed: [...g.observed], count: g.count, mean: Array.from(g.mean), scatter: Array.from(g.scatter) }));
  return {
    kind: 'sem',
    syntax,
    names: [...stats.names],
    n: stats.n,
    mean: Array.from(stats.mean),
    scatter: Array.from(stats.scatter),
    ...(patterns ? { patterns } : {}),
    spec,
    ...(priors && Object.keys(priors).length > 0 ? { priors } : {}),
  };
}

/** The statistics a job carries, as typed arrays again. */
export function statsFromJob(job: SemJobSpec): SufficientStats {
  const patterns = job.patterns?.map((g) => ({ observed: [...g.observed], count: g.count, mean: Float64Array.from(g.mean), scatter: Float64Array.from(g.scatter) }));
  return { names: job.names, n: job.n, mean: Float64Array.from(job.mean), scatter: Float64Array.from(job.scatter), ...(patterns ? { patterns } : {}) };
}

export function semModelFromJob(job: SemJobSpec): SemModel {
  const base = NAMED_SPECS[job.spec];
  if (!base) throw new Error(`sem job: unknown spec '${job.spec}'; use 'identified' or 'original'`);
  const model = buildSemModel(describeLavaan(job.syntax, job.names), statsFromJob(job), job.priors ? withPriors(base, job.priors) : base);
  const origin = job.origin ?? 'initial-point';
  if (origin === 'zero') return model;
  const shift = origin === 'initial-point' ? model.initialPoint() : Float64Array.from(origin);
  if (shift.length !== model.dim) throw new Error(`sem job: origin has ${shift.length} values, the model has ${model.dim} coordinates`);
  return shiftedModel(model, shift);
}

/** The same model in coordinates θ' = θ − origin. */
export function shiftedModel(model: SemModel, origin: Float64Array): SemModel {
  const buf = new Float64Array(model.dim);
  const inner = (t: Float64Array) => {
    for (let i = 0; i < buf.length; i++) buf[i] = t[i] + origin[i];
    return buf;
  };
  return {
    ...model,
    logDensityAndGradient: (t, g) => model.logDensityAndGradient(inner(t), g),
    logLikelihood: (t, g) => model.logLikelihood(inner(t), g),
    constrain: (t) => model.constrain(inner(t)),
    implied: (t) => model.implied(inner(t)),
    initialPoint: () => model.initialPoint().map((v, i) => v - origin[i]),
  };
}

registerModelKind('sem', (spec) => semModelFromJob(spec as unknown as SemJobSpec));
