/**
 * The SEM's sampling distribution: the ML fit of one specification on many fresh samples of
 * the same size, summarised per parameter against the ML fit on the population covariance
 * itself, with one particular sample (the essay's) placed among them.
 */
import { INDICATORS, POPULATION } from '../data';
import type { Matrix } from '../linalg';
import { correlation, residual, srmr } from '../metrics';
import type { SemDescription } from '../sem/description';
import { effects, pathMatrix } from '../sem/effects';
import { sufficientStats, type SufficientStats } from '../sem/likelihood';
import { fitMl, type MlFit } from '../sem/ml';
import { coverage, percentileOf, signShare, summariseReplicates, Z95, type ReplicateSummary } from './summary';

/** The population covariance as the statistics of an n-row sample (zero mean), for the population ML fit. */
export function populationStats(n: number): SufficientStats {
  return { names: [...INDICATORS], n, mean: new Float64Array(INDICATORS.length), scatter: POPULATION.covariance.data.map((v) => v * n) };
}

/** What one replication keeps: estimates and SEs in the fit's parameter order, fit indices, and two sample facts. */
export interface SemReplicate {
  readonly estimates: Float64Array;
  readonly ses: Float64Array;
  readonly converged: boolean;
  readonly hessianPositiveDefinite: boolean;
  readonly chisq: number;
  readonly pvalue: number;
  readonly cfi: number;
  readonly rmsea: number;
  readonly srmr: number;
  /** SRMR of the sample's own correlation matrix against the truth */
  readonly sampleSrmr: number;
  /** the sample correlations named in `SAMPLE_CORRELATIONS` */
  readonly sampleCorrelations: Float64Array;
  /** indirect and total effects among the latents (m×m, [i, j] = effect of j on i), from the ML paths */
  readonly indirect: Float64Array;
  readonly total: Float64Array;
}

/** Indirect and total effects implied by an ML fit's path estimates (paths in their intended direction). */
export function fitEffects(description: SemDescription, ml: MlFit): { indirect: Float64Array; total: Float64Array } {
  const byName = new Map(ml.parameters.map((q) => [q.name, q.estimate]));
  const B = pathMatrix(description, 'intended', (name) => {
    const v = byName.get(name);
    if (v === undefined) throw new Error(`fitEffects: the ML fit has no path '${name}'`);
    return v;
  });
  const e = effects(B, description.latents.length);
  return { indirect: e.indirect, total: e.total };
}

/** Sample correlations worth placing: the pair whose residual covariance the essay discusses. */
export const SAMPLE_CORRELATIONS: readonly (readonly [string, string])[] = [['UF1', 'FOR']];

export function fitSemReplicate(description: SemDescription, x: Matrix, names: readonly string[] = INDICATORS): SemReplicate {
  const ml = fitMl(description, sufficientStats(x, names));
  const r = correlation(x);
  const p = r.cols;
  return replicateFromFit(description, ml, srmr(residual(POPULATION.correlation, r)), Float64Array.from(SAMPLE_CORRELATIONS, ([a, b]) => r.data[names.indexOf(a) * p + names.indexOf(b)]));
}

export function replicateFromFit(description: SemDescription, ml: MlFit, sampleSrmr: number, sampleCorrelations: Float64Array): SemReplicate {
  return {
    ...fitEffects(description, ml),
    estimates: Float64Array.from(ml.parameters, (q) => q.estimate),
    ses: Float64Array.from(ml.parameters, (q) => q.se),
    converged: ml.converged,
    hessianPositiveDefinite: ml.hessianPositiveDefinite,
    chisq: ml.fit.chisq,
    pvalue: ml.fit.pvalue,
    cfi: ml.fit.cfi,
    rmsea: ml.fit.rmsea,
    srmr: ml.fit.srmr,
    sampleSrmr,
    sampleCorrelations,
  };
}

export interface ParameterReplication {
  readonly name: string;
  /** ML estimate on the population covariance */
  readonly population: number;
  /** ML estimates over the replications */
  readonly estimates: ReplicateSummary;
  /** (mean − population) / MCSE: the finite-sample bias in units of its Monte Carlo error */
  readonly biasZ: number;
  /** share of replications with the population value's sign (null when that value is 0) */
  readonly signShare: number | null;
  /** share of replications whose estimate ± 1.96·SE covers the population value (replications with a finite SE only) */
  readonly coverage: number;
  /** the mean ML standard error, to set beside the sd over replications */
  readonly meanSe: number;
  /** share of replications below zero */
  readonly shareNegative: number;
  /** share of replications whose 95% interval excludes zero (the power of a two-sided test at this n) */
  readonly shareSignificant: number;
  /** the given sample's estimate, SE, and its percentile among the replications */
  readonly sample: { readonly estimate: number; readonly se: number; readonly percentile: number };
}

export interface EffectReplication {
  readonly kind: 'indirect' | 'total';
  /** latent acting, and latent acted on */
  readonly from: string;
  readonly to: string;
  readonly population: number;
  readonly estimates: ReplicateSummary;
  readonly shareNegative: number;
  readonly sample: { readonly estimate: number; readonly percentile: number };
}

export interface SemReplicationSummary {
  readonly replications: number;
  readonly notConverged: number;
  readonly singularInformation: number;
  readonly parameters: readonly ParameterReplication[];
  readonly fit: { readonly chisq: ReplicateSummary; readonly cfi: ReplicateSummary; readonly rmsea: ReplicateSummary; readonly srmr: ReplicateSummary; readonly rejectExactFit: number };
  /** the given sample's own fit and sample facts, with their percentiles */
  readonly sampleFit: { readonly chisq: number; readonly chisqPercentile: number; readonly srmr: number; readonly srmrPercentile: number };
  readonly sampleSrmr: ReplicateSummary & { readonly sample: number; readonly percentile: number };
  readonly sampleCorrelations: readonly (ReplicateSummary & { readonly pair: readonly [string, string]; readonly truth: number; readonly sample: number; readonly percentile: number })[];
  /** every indirect and total effect that is not structurally zero */
  readonly effects: readonly EffectReplication[];
}

/**
 * Per-parameter summaries over the converged replications. Non-converged fits are counted and
 * left out (a fit that stopped early has no estimate worth averaging).
 */
export function summariseSemReplication(description: SemDescription, population: MlFit, replicates: readonly SemReplicate[], sample: SemReplicate, alpha = 0.05): SemReplicationSummary {
  const names = population.parameters.map((q) => q.name);
  if (replicates.some((r) => r.estimates.length !== names.length)) throw new Error('summariseSemReplication: the population fit has different parameters from the replications');
  const ok = replicates.filter((r) => r.converged);
  if (ok.length < 2) throw new Error(`summariseSemReplication: only ${ok.length} of ${replicates.length} fits converged`);
  const col = (k: number, pick: (r: SemReplicate) => Float64Array) => Float64Array.from(ok, (r) => pick(r)[k]);
  const parameters = names.map((name, k): ParameterReplication => {
    const est = col(k, (r) => r.estimates);
    const se = col(k, (r) => r.ses);
    const pop = population.parameters[k].estimate;
    const s = summariseReplicates(est);
    const finite = [...se.keys()].filter((i) => Number.isFinite(se[i]));
    let neg = 0;
    for (const v of est) if (v < 0) neg++;
    const significant = finite.filter((i) => Math.abs(est[i]) > Z95 * se[i]).length;
    return {
      name,
      population: pop,
      estimates: s,
      biasZ: (s.mean - pop) / s.mcse,
      signShare: pop === 0 ? null : signShare(est, pop),
      coverage: coverage(finite.map((i) => est[i]), finite.map((i) => se[i]), pop),
      meanSe: finite.reduce((a, i) => a + se[i], 0) / finite.length,
      shareNegative: neg / est.length,
      shareSignificant: significant / est.length,
      sample: { estimate: sample.estimates[k], se: sample.ses[k], percentile: percentileOf(est, sample.estimates[k]) },
    };
  });
  const pick = (f: (r: SemReplicate) => number) => Float64Array.from(ok, f);
  const chisq = pick((r) => r.chisq);
  const fitSrmr = pick((r) => r.srmr);
  const sampleSrmrs = pick((r) => r.sampleSrmr);
  return {
    replications: replicates.length,
    notConverged: replicates.length - ok.length,
    singularInformation: ok.filter((r) => !r.hessianPositiveDefinite).length,
    parameters,
    fit: {
      chisq: summariseReplicates(chisq),
      cfi: summariseReplicates(pick((r) => r.cfi)),
      rmsea: summariseReplicates(pick((r) => r.rmsea)),
      srmr: summariseReplicates(fitSrmr),
      rejectExactFit: ok.filter((r) => r.pvalue < alpha).length / ok.length,
    },
    sampleFit: { chisq: sample.chisq, chisqPercentile: percentileOf(chisq, sample.chisq), srmr: sample.srmr, srmrPercentile: percentileOf(fitSrmr, sample.srmr) },
    sampleSrmr: { ...summariseReplicates(sampleSrmrs), sample: sample.sampleSrmr, percentile: percentileOf(sampleSrmrs, sample.sampleSrmr) },
    effects: effectSummaries(description, population, ok, sample),
    sampleCorrelations: SAMPLE_CORRELATIONS.map((pair, k) => {
      const v = pick((r) => r.sampleCorrelations[k]);
      const p = POPULATION.correlation.cols;
      const truth = POPULATION.correlation.data[INDICATORS.indexOf(pair[0] as never) * p + INDICATORS.indexOf(pair[1] as never)];
      return { ...summariseReplicates(v), pair, truth, sample: sample.sampleCorrelations[k], percentile: percentileOf(v, sample.sampleCorrelations[k]) };
    }),
  };
}

function effectSummaries(description: SemDescription, population: MlFit, ok: readonly SemReplicate[], sample: SemReplicate): EffectReplication[] {
  const m = description.latents.length;
  const pop = fitEffects(description, population);
  const out: EffectReplication[] = [];
  for (const kind of ['indirect', 'total'] as const) {
    for (let i = 0; i < m; i++)
      for (let j = 0; j < m; j++) {
        const k = i * m + j;
        if (i === j || pop[kind][k] === 0) continue;
        const v = Float64Array.from(ok, (r) => r[kind][k]);
        let neg = 0;
        for (const x of v) if (x < 0) neg++;
        out.push({
          kind,
          from: description.latents[j],
          to: description.latents[i],
          population: pop[kind][k],
          estimates: summariseReplicates(v),
          shareNegative: neg / v.length,
          sample: { estimate: sample[kind][k], percentile: percentileOf(v, sample[kind][k]) },
        });
      }
  }
  return out;
}
