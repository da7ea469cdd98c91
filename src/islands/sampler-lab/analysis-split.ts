/**
 * The end-of-run convergence diagnostics split by columns: a column's row (mean, bulk and tail
 * ESS, R-hat) depends only on that column's draws in every chain, so the columns can be dealt
 * to several workers, each given only its columns' draws, and the rows put back in the order
 * asked for. Each row is convergenceColumn's on the same values, so the result equals
 * convergence() over all columns bit for bit. Pure: no DOM, no workers (see analysis-pool.ts).
 */
import type { ChainResult } from '../../lib/bayes/sampler';
import { convergenceColumn, type ConvergenceRow } from '../../lib/bayes/summary';

/** Some columns' retained draws from every chain, packed for posting to a worker. */
export interface ColumnBlock {
  readonly columns: readonly string[];
  /** per chain: its retained draws */
  readonly numDraws: readonly number[];
  /** per chain: columns.length × numDraws values, column k at [k·numDraws, (k + 1)·numDraws) */
  readonly draws: readonly Float64Array[];
}

/**
 * Deals the columns to at most `parts` parts like cards (column k to part k mod parts): every
 * column exactly once, part sizes differing by at most one, no empty part.
 */
export function splitColumns(columns: readonly string[], parts: number): string[][] {
  if (!Number.isInteger(parts) || parts < 1) throw new Error(`splitColumns: parts must be a whole number ≥ 1 (got ${parts})`);
  const out: string[][] = Array.from({ length: Math.min(parts, columns.length) }, () => []);
  columns.forEach((c, k) => out[k % out.length].push(c));
  return out;
}

/** The named columns' draws from every chain (each chain's own column order is looked up). */
export function extractColumns(chains: readonly ChainResult[], columns: readonly string[]): ColumnBlock {
  if (chains.length === 0) throw new Error('extractColumns: no chains');
  const draws = chains.map((c) => {
    const width = c.columns.length;
    const n = c.numDraws;
    const out = new Float64Array(columns.length * n);
    columns.forEach((name, k) => {
      const j = c.columns.indexOf(name);
      if (j < 0) throw new Error(`extractColumns: chain ${c.chain + 1} has no column named ${name}`);
      for (let i = 0; i < n; i++) out[k * n + i] = c.draws[i * width + j];
    });
    return out;
  });
  return { columns: [...columns], numDraws: chains.map((c) => c.numDraws), draws };
}

/** The buffers to transfer with a block (it is unusable on the sending side afterwards). */
export const blockTransferables = (b: ColumnBlock): ArrayBuffer[] => b.draws.map((d) => d.buffer as ArrayBuffer);

/** Convergence rows of a block's columns, in the block's order (what a worker computes). */
export function convergenceOfBlock(b: ColumnBlock): ConvergenceRow[] {
  return b.columns.map((name, k) => convergenceColumn(name, b.draws.map((d, c) => d.subarray(k * b.numDraws[c], (k + 1) * b.numDraws[c]))));
}

/** The parts' rows in the order of `columns`; every column must come back exactly once. */
export function mergeRows(columns: readonly string[], parts: readonly (readonly ConvergenceRow[])[]): ConvergenceRow[] {
  const byName = new Map<string, ConvergenceRow>();
  for (const rows of parts) {
    for (const r of rows) {
      if (byName.has(r.name)) throw new Error(`mergeRows: column ${r.name} came back twice`);
      byName.set(r.name, r);
    }
  }
  if (byName.size !== columns.length) throw new Error(`mergeRows: ${byName.size} rows came back for ${columns.length} columns`);
  return columns.map((name) => {
    const r = byName.get(name);
    if (!r) throw new Error(`mergeRows: no row came back for column ${name}`);
    return r;
  });
}
