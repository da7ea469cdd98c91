/**
 * Simulation-based calibration (Talts, Betancourt, Simpson, Vehtari & Gelman 2018) for the
 * mvn model: draw parameters from the prior, simulate data, sample the posterior, and record
 * the rank of the true value among thinned posterior draws. If the sampler (and model code)
 * are right, each quantity's ranks are uniform on 0..L.
 */
import { zeros } from '../linalg';
import { simulateMvn } from '../data';
import { createRng, derive } from '../random';
import { mvnModel } from './models/mvn';
import { mvnPriorDraw } from './random-draws';
import { runChain } from './sampler';
import { covarianceOf } from './models/mvn';
import { chiSquareSurvival } from '../special';

export interface SbcOptions {
  readonly p: number;
  readonly n: number;
  readonly replications: number;
  readonly warmup: number;
  /** post-warmup iterations per replication; ranks use every `thin`-th */
  readonly draws: number;
  readonly thin: number;
  readonly bins: number;
  readonly seed: number;
  readonly eta?: number;
  /**
   * Negative control: multiply the simulated data's standard deviations by this factor
   * (default 1). Any value ≠ 1 breaks calibration on purpose; the test checks it is caught.
   */
  readonly dataScale?: number;
  readonly onProgress?: (done: number, total: number) => void;
  readonly shouldStop?: () => boolean;
}

export interface SbcResult {
  readonly quantities: string[];
  /** ranks[q][r]: number of retained draws below the truth, in 0..maxRank */
  readonly ranks: number[][];
  readonly maxRank: number;
  readonly histograms: number[][];
  readonly chiSquare: number[];
  readonly pValues: number[];
  readonly divergences: number;
}

export function runSbc(o: SbcOptions): SbcResult {
  const { p, n } = o;
  const names = Array.from({ length: p }, (_, j) => `y${j}`);
  const quantities: string[] = [];
  for (let j = 0; j < p; j++) quantities.push(`mu[${names[j]}]`);
  for (let j = 0; j < p; j++) quantities.push(`sigma[${names[j]}]`);
  for (let i = 1; i < p; i++) for (let j = 0; j < i; j++) quantities.push(`corr[${names[i]},${names[j]}]`);
  const ranks: number[][] = quantities.map(() => []);
  const maxRank = Math.floor(o.draws / o.thin);
  let divergences = 0;
  for (let r = 0; r < o.replications; r++) {
    if (o.shouldStop?.()) throw new Error('sbc: stopped');
    const rng = createRng(derive(o.seed, 'sbc', r));
    const truth = mvnPriorDraw(rng, p, o.eta ?? 1);
    const scale = o.dataScale ?? 1;
    const cov = covarianceOf(truth.sigma.map((s) => s * scale), truth.corr);
    const x = simulateMvn(rng, n, truth.mu, { ...zeros(p, p), data: cov });
    const model = mvnModel({ x, names, eta: o.eta });
    const chain = runChain(model, { numWarmup: o.warmup, numDraws: o.draws, thin: o.thin }, derive(o.seed, 'sbc', r, 'sampler'), 0);
    divergences += chain.stats.divergent.reduce((s, v) => s + v, 0);
    const trueValues: number[] = [...truth.mu, ...truth.sigma];
    for (let i = 1; i < p; i++) for (let j = 0; j < i; j++) trueValues.push(truth.corr[i * p + j]);
    quantities.forEach((q, k) => {
      const col = chain.columns.indexOf(q);
      let below = 0;
      for (let d = 0; d < chain.numDraws; d++) if (chain.draws[d * chain.columns.length + col] < trueValues[k]) below++;
      ranks[k].push(below);
    });
    o.onProgress?.(r + 1, o.replications);
  }
  const histograms = ranks.map((rs) => rankHistogram(rs, maxRank, o.bins));
  const chiSquare = histograms.map(chiSquareUniform);
  const pValues = chiSquare.map((x) => chiSquareSurvival(x, o.bins - 1));
  return { quantities, ranks, maxRank, histograms, chiSquare, pValues, divergences };
}

/** Counts of ranks 0..maxRank in `bins` equal-width bins ((maxRank + 1) must divide evenly). */
export function rankHistogram(ranks: readonly number[], maxRank: number, bins: number): number[] {
  if ((maxRank + 1) % bins !== 0) throw new Error(`rankHistogram: ${maxRank + 1} possible ranks do not split into ${bins} equal bins; choose draws/thin so that L + 1 is a multiple of bins`);
  const width = (maxRank + 1) / bins;
  const h = new Array<number>(bins).fill(0);
  for (const r of ranks) h[Math.floor(r / width)]++;
  return h;
}

/** Pearson's statistic against equal expected counts. */
export function chiSquareUniform(counts: readonly number[]): number {
  const total = counts.reduce((s, v) => s + v, 0);
  const e = total / counts.length;
  return counts.reduce((s, c) => s + (c - e) ** 2 / e, 0);
}

