/**
 * From finished chains to what the lab shows: the worst R-hat, the smallest bulk and tail
 * ESS, divergences, and the residual of the posterior-mean correlation against the truth
 * with its SRMR. Uses the bayes library's summary (the essay's tables use the same code).
 */
import { POPULATION } from '../../lib/data';
import { residual, srmr } from '../../lib/metrics';
import { toRows, zeros, type Matrix } from '../../lib/linalg';
import type { ChainResult } from '../../lib/bayes/sampler';
import { convergence, samplerHealth, type ConvergenceRow } from '../../lib/bayes/summary';

/**
 * convergence() over the named columns (default: all): in the lab, computed in the analysis
 * workers (analysis-pool.ts); in tests and Node, `convergeHere`. Either way the same rows.
 */
export type Converge = (chains: readonly ChainResult[], columns?: readonly string[]) => Promise<ConvergenceRow[]>;

/** convergence() on the calling thread. */
export const convergeHere: Converge = async (chains, columns) => convergence(chains, columns);

export interface SamplerOutcome {
  readonly maxRhat: number;
  readonly maxRhatName: string;
  readonly minEssBulk: number;
  readonly minEssTail: number;
  readonly divergences: number;
  readonly draws: number;
  readonly srmr: number;
  /** truth − posterior mean correlation */
  readonly residual: number[][];
  readonly gradientEvaluations: number;
}

/** μ, σ and the strict lower triangle of the correlation matrix. */
export function coreColumns(names: readonly string[]): string[] {
  const cols = names.map((s) => `mu[${s}]`).concat(names.map((s) => `sigma[${s}]`));
  for (let i = 1; i < names.length; i++) for (let j = 0; j < i; j++) cols.push(`corr[${names[i]},${names[j]}]`);
  return cols;
}

export async function analyseChains(
  chains: readonly ChainResult[],
  converge: Converge,
  names: readonly string[] = POPULATION.names,
  /** the correlation to compare with (default: the population's); a reader's data: its own */
  truth: Matrix = POPULATION.correlation,
): Promise<SamplerOutcome> {
  const rows = await converge(chains, coreColumns(names));
  let worst = rows[0];
  for (const r of rows) if (!(r.r_hat <= worst.r_hat)) worst = r; // NaN counts as worst
  const p = names.length;
  const post = zeros(p, p);
  for (let i = 0; i < p; i++) post.data[i * p + i] = 1;
  for (const r of rows) {
    const m = /^corr\[(.+),(.+)\]$/.exec(r.name);
    if (!m) continue;
    const i = names.indexOf(m[1]);
    const j = names.indexOf(m[2]);
    post.data[i * p + j] = post.data[j * p + i] = r.mean;
  }
  const resid = residual(truth, post);
  const health = samplerHealth(chains);
  return {
    maxRhat: worst.r_hat,
    maxRhatName: worst.name,
    minEssBulk: Math.min(...rows.map((r) => r.ess_bulk)),
    minEssTail: Math.min(...rows.map((r) => r.ess_tail)),
    divergences: health.divergences,
    draws: health.chains * health.drawsPerChain,
    srmr: srmr(resid),
    residual: toRows(resid),
    gradientEvaluations: health.gradientEvaluations.warmup + health.gradientEvaluations.sampling,
  };
}
