/**
 * Posterior predictive data sets for the mvn model, in either missing-data formulation (both
 * output mu, sigma and corr): one replicate of n complete rows per selected posterior draw.
 */
import { simulateMvn } from '../data';
import type { Matrix } from '../linalg';
import type { Rng } from '../random';
import type { ChainResult } from './sampler';
import { covarianceOf } from './models/mvn';

export interface MvnDraw {
  readonly mu: Float64Array;
  readonly sigma: Float64Array;
  /** p×p correlation matrix, row-major */
  readonly corr: Float64Array;
}

/** Pooled draw number g (chain-major) of μ, σ, Ω for columns named by `names`. */
export function mvnDrawAt(chains: readonly ChainResult[], names: readonly string[], g: number): MvnDraw {
  const perChain = chains[0].numDraws;
  const c = chains[Math.floor(g / perChain)];
  if (!c) throw new Error(`mvnDrawAt: draw ${g} is beyond the ${perChain * chains.length} pooled draws`);
  const width = c.columns.length;
  const o = (g % perChain) * width;
  const col = (name: string) => {
    const j = c.columns.indexOf(name);
    if (j < 0) throw new Error(`mvnDrawAt: no column ${name}; is this an mvn fit?`);
    return j;
  };
  const p = names.length;
  const corr0 = col(`corr[${names[0]},${names[0]}]`);
  return {
    mu: Float64Array.from(names, (s) => c.draws[o + col(`mu[${s}]`)]),
    sigma: Float64Array.from(names, (s) => c.draws[o + col(`sigma[${s}]`)]),
    corr: c.draws.slice(o + corr0, o + corr0 + p * p),
  };
}

/** One replicate data set of n rows from MVN(μ, diag σ Ω diag σ). */
export function mvnPredictive(draw: MvnDraw, n: number, rng: Rng): Matrix {
  const p = draw.mu.length;
  return simulateMvn(rng, n, draw.mu, { rows: p, cols: p, data: covarianceOf(draw.sigma, draw.corr) });
}

/** `count` pooled draw indices spread evenly over all draws. */
export function evenDraws(total: number, count: number): number[] {
  const k = Math.min(count, total);
  return Array.from({ length: k }, (_, i) => Math.floor((i * total) / k));
}
