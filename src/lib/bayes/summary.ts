/**
 * ArviZ-style posterior summary over chains: mean, sd, 94% HDI, MCSE of the mean, bulk and
 * tail ESS, rank-normalised split R-hat; plus the sampler's own health checks.
 */
import { NUTS_DEFAULTS, type ChainResult } from './sampler';
import { ebfmi, essBulk, essBulkAndRhat, essTail, hdi, mcseMean, sd } from './diagnostics';

export interface SummaryRow {
  readonly name: string;
  readonly mean: number;
  readonly sd: number;
  readonly 'hdi_3%': number;
  readonly 'hdi_97%': number;
  readonly mcse_mean: number;
  readonly ess_bulk: number;
  readonly ess_tail: number;
  readonly r_hat: number;
}

export interface SamplerHealth {
  readonly chains: number;
  readonly drawsPerChain: number;
  readonly divergences: number;
  readonly treeDepthHits: number;
  readonly maxTreeDepth: number;
  readonly ebfmi: number[];
  readonly stepSize: number[];
  readonly meanAcceptStat: number[];
  readonly gradientEvaluations: { readonly warmup: number; readonly sampling: number };
}

/** Draws of one column, one array per chain. */
export function columnDraws(chains: readonly ChainResult[], column: string | number): Float64Array[] {
  const cols = chains[0].columns;
  const j = typeof column === 'number' ? column : cols.indexOf(column);
  if (j < 0) throw new Error(`columnDraws: no column named ${column}`);
  return chains.map((c) => {
    const k = c.columns.length;
    const out = new Float64Array(c.numDraws);
    for (let i = 0; i < c.numDraws; i++) out[i] = c.draws[i * k + j];
    return out;
  });
}

/** The convergence part of a summary row: what a sampler's health check needs, without sd, HDI or MCSE. */
export type ConvergenceRow = Pick<SummaryRow, 'name' | 'mean' | 'ess_bulk' | 'ess_tail' | 'r_hat'>;

export function convergenceColumn(name: string, chains: readonly Float64Array[]): ConvergenceRow {
  let sum = 0;
  let count = 0;
  for (const c of chains) {
    for (let i = 0; i < c.length; i++) sum += c[i];
    count += c.length;
  }
  // R-hat needs two split halves of at least one draw each.
  const bulk = count >= 4 ? essBulkAndRhat(chains) : { essBulk: essBulk(chains), rhat: NaN };
  return { name, mean: sum / count, ess_bulk: bulk.essBulk, ess_tail: essTail(chains), r_hat: bulk.rhat };
}

export function summariseColumn(name: string, chains: readonly Float64Array[], hdiProb = 0.94): SummaryRow {
  const all = new Float64Array(chains.reduce((s, c) => s + c.length, 0));
  let o = 0;
  for (const c of chains) {
    all.set(c, o);
    o += c.length;
  }
  const [lo, hi] = hdi(all, hdiProb);
  const c = convergenceColumn(name, chains);
  return { name, mean: c.mean, sd: sd(chains), 'hdi_3%': lo, 'hdi_97%': hi, mcse_mean: mcseMean(chains), ess_bulk: c.ess_bulk, ess_tail: c.ess_tail, r_hat: c.r_hat };
}

/** Summary rows for the named columns (default: all). */
export function summarise(chains: readonly ChainResult[], columns?: readonly string[]): SummaryRow[] {
  if (chains.length === 0) throw new Error('summarise: no chains');
  const names = columns ?? chains[0].columns;
  return names.map((name) => summariseColumn(name, columnDraws(chains, name)));
}

/** Convergence rows for the named columns (default: all): a quarter fewer FFTs than summarise, and no sorts for HDIs. */
export function convergence(chains: readonly ChainResult[], columns?: readonly string[]): ConvergenceRow[] {
  if (chains.length === 0) throw new Error('convergence: no chains');
  const names = columns ?? chains[0].columns;
  return names.map((name) => convergenceColumn(name, columnDraws(chains, name)));
}

export function samplerHealth(chains: readonly ChainResult[], maxTreeDepth: number = NUTS_DEFAULTS.maxTreeDepth): SamplerHealth {
  const sum = (a: Float64Array) => a.reduce((s, v) => s + v, 0);
  return {
    chains: chains.length,
    drawsPerChain: chains[0].numDraws,
    divergences: chains.reduce((s, c) => s + sum(c.stats.divergent), 0),
    treeDepthHits: chains.reduce((s, c) => s + c.stats.treeDepth.filter((d) => d >= maxTreeDepth).length, 0),
    maxTreeDepth,
    ebfmi: chains.map((c) => ebfmi(c.stats.energy)),
    stepSize: chains.map((c) => c.stepSize),
    meanAcceptStat: chains.map((c) => sum(c.stats.acceptStat) / c.numDraws),
    gradientEvaluations: {
      warmup: chains.reduce((s, c) => s + c.warmupGradientEvaluations, 0),
      sampling: chains.reduce((s, c) => s + c.samplingGradientEvaluations, 0),
    },
  };
}

/** Fixed-width text table in ArviZ's column order. */
export function formatSummary(rows: readonly SummaryRow[]): string {
  const width = Math.max(4, ...rows.map((r) => r.name.length));
  const heads = ['mean', 'sd', 'hdi_3%', 'hdi_97%', 'mcse_mean', 'ess_bulk', 'ess_tail', 'r_hat'];
  const fmt = (v: number, k: string) =>
    !Number.isFinite(v) ? 'nan' : k.startsWith('ess') ? v.toFixed(0) : k === 'r_hat' ? v.toFixed(2) : k === 'mcse_mean' ? v.toFixed(4) : v.toFixed(3);
  const lines = [' '.repeat(width) + heads.map((h) => h.padStart(10)).join('')];
  for (const r of rows) {
    const vals = [r.mean, r.sd, r['hdi_3%'], r['hdi_97%'], r.mcse_mean, r.ess_bulk, r.ess_tail, r.r_hat];
    lines.push(r.name.padEnd(width) + vals.map((v, i) => fmt(v, heads[i]).padStart(10)).join(''));
  }
  return lines.join('\n');
}
