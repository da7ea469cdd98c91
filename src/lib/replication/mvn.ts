/**
 * One Bayesian MVN fit reduced to what a replication study keeps: the posterior-mean moments
 * (as a MomentEstimate, so it is graded like every other estimator), the 94% HDI of each
 * correlation, and the sampler's health in a few numbers.
 */
import { hdi } from '../bayes/diagnostics';
import type { ChainResult } from '../bayes/sampler';
import { columnDraws, samplerHealth, summarise } from '../bayes/summary';
import { zeros, type Matrix } from '../linalg';
import type { MomentEstimate } from './estimators';

export interface MvnFitSummary extends MomentEstimate {
  /** lower-triangle correlations (i > j, row by row): 94% HDI bounds */
  readonly lower: Float64Array;
  readonly upper: Float64Array;
  readonly health: {
    readonly divergences: number;
    readonly treeDepthHits: number;
    readonly maxRhat: number;
    readonly minEssBulk: number;
    readonly minEssTail: number;
    readonly gradientEvaluations: number;
  };
}

/** The lower-triangle pairs (i > j) in the order the results store them. */
export function lowerPairs(p: number): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 1; i < p; i++) for (let j = 0; j < i; j++) out.push([i, j]);
  return out;
}

const meanOf = (chains: Float64Array[]) => {
  let s = 0;
  let k = 0;
  for (const c of chains) for (const v of c) (s += v), k++;
  return s / k;
};

/** `n`: rows of the data the chains were fitted to. */
export function summariseMvnFit(chains: readonly ChainResult[], names: readonly string[], n: number, hdiProb = 0.94): MvnFitSummary {
  const p = names.length;
  const pairs = lowerPairs(p);
  const corr: Matrix = zeros(p, p);
  const lower = new Float64Array(pairs.length);
  const upper = new Float64Array(pairs.length);
  for (let j = 0; j < p; j++) corr.data[j * p + j] = 1;
  pairs.forEach(([i, j], k) => {
    const per = columnDraws(chains, `corr[${names[i]},${names[j]}]`);
    const m = meanOf(per);
    corr.data[i * p + j] = corr.data[j * p + i] = m;
    const pooled = new Float64Array(per.reduce((s, c) => s + c.length, 0));
    let o = 0;
    for (const c of per) pooled.set(c, o), (o += c.length);
    [lower[k], upper[k]] = hdi(pooled, hdiProb);
  });
  const mean = Float64Array.from(names, (nm) => meanOf(columnDraws(chains, `mu[${nm}]`)));
  const sd = Float64Array.from(names, (nm) => meanOf(columnDraws(chains, `sigma[${nm}]`)));
  const core = names.map((s) => `mu[${s}]`).concat(names.map((s) => `sigma[${s}]`), pairs.map(([i, j]) => `corr[${names[i]},${names[j]}]`));
  const rows = summarise(chains, core);
  const h = samplerHealth(chains);
  const finite = (xs: number[]) => xs.filter((v) => Number.isFinite(v));
  return {
    mean,
    sd,
    correlation: corr,
    rows: n,
    lower,
    upper,
    health: {
      divergences: h.divergences,
      treeDepthHits: h.treeDepthHits,
      maxRhat: Math.max(...finite(rows.map((r) => r.r_hat))),
      minEssBulk: Math.min(...finite(rows.map((r) => r.ess_bulk))),
      minEssTail: Math.min(...finite(rows.map((r) => r.ess_tail))),
      gradientEvaluations: h.gradientEvaluations.warmup + h.gradientEvaluations.sampling,
    },
  };
}

/** How many of the true lower-triangle correlations fall inside their intervals. */
export function coveredCount(truth: Matrix, lower: Float64Array, upper: Float64Array): number {
  const pairs = lowerPairs(truth.rows);
  let k = 0;
  pairs.forEach(([i, j], idx) => {
    const t = truth.data[i * truth.cols + j];
    if (t >= lower[idx] && t <= upper[idx]) k++;
  });
  return k;
}
