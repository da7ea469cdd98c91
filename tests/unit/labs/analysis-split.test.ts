/**
 * The end-of-run diagnostics split over workers by columns: split → convergence per part →
 * merge equals convergence() over all columns bit for bit (exact equality, no tolerance: each
 * row is the same function on the same values), on real short chains; and the pool that runs
 * the parts on workers (fake, in-process ones here) merges in the order asked for, stops on
 * Cancel and reports a failing worker.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { INDICATORS } from '../../../src/lib/data';
import { buildModel } from '../../../src/lib/bayes/registry';
import { runChain, type ChainResult } from '../../../src/lib/bayes/sampler';
import { convergence } from '../../../src/lib/bayes/summary';
import type { WorkerLike } from '../../../src/lib/bayes/pool';
import { coreColumns } from '../../../src/islands/sampler-lab/analysis';
import { blockTransferables, convergenceOfBlock, extractColumns, mergeRows, splitColumns } from '../../../src/islands/sampler-lab/analysis-split';
import { analysisPool, type FromAnalysisWorker, type ToAnalysisWorker } from '../../../src/islands/sampler-lab/analysis-pool';
import { labData } from '../../../src/islands/sampler-lab/data';

// Three short chains of the lab's MVN on 40 rows with 20% missing cells, imputations kept so
// the chains hold x[…] columns the lab's analysis leaves out.
const x = labData({ rows: 40, missingFraction: 0.2, seed: 1 });
const chains: ChainResult[] = [0, 1, 2].map((c) => runChain(buildModel({ kind: 'mvn', x, names: INDICATORS }), { numWarmup: 40, numDraws: 25 }, 11, c));
const core = coreColumns(INDICATORS);
// an order unlike the chain's own: correlations first, then σ, then μ
const asked = [...core].reverse();

const inParts = (columns: readonly string[], parts: number) => {
  const split = splitColumns(columns, parts);
  return mergeRows(columns, split.map((part) => convergenceOfBlock(extractColumns(chains, part))).reverse());
};

describe('splitting the convergence diagnostics by columns', () => {
  it('deals every column to exactly one part, part sizes within one of each other, no empty part', () => {
    const cols = chains[0].columns;
    expect(cols.some((c) => c.startsWith('x['))).toBe(true);
    for (const parts of [1, 2, 3, 7]) {
      const split = splitColumns(cols, parts);
      expect(split).toHaveLength(parts);
      expect(split.flat().sort()).toEqual([...cols].sort());
      const sizes = split.map((p) => p.length);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    }
    expect(splitColumns(['a', 'b'], 4)).toEqual([['a'], ['b']]);
    expect(splitColumns([], 2)).toEqual([]);
    expect(() => splitColumns(['a'], 0)).toThrow('whole number');
  });

  it('extracts only the asked columns, one packed array per chain', () => {
    const b = extractColumns(chains, ['corr[JW2,JW1]', 'mu[JW1]']);
    expect(b.columns).toEqual(['corr[JW2,JW1]', 'mu[JW1]']);
    expect(b.draws).toHaveLength(3);
    expect(b.draws.every((d) => d.length === 2 * 25)).toBe(true);
    expect(blockTransferables(b)).toHaveLength(3);
    expect(() => extractColumns(chains, ['nope'])).toThrow('no column named nope');
  });

  it('split → convergence per part → merge equals convergence() over all columns, bit for bit', () => {
    for (const parts of [1, 2, 3, 4]) {
      expect(inParts(asked, parts), `${parts} parts, the lab's columns`).toEqual(convergence(chains, asked));
      expect(inParts(chains[0].columns, parts), `${parts} parts, every column`).toEqual(convergence(chains));
    }
  });

  it('refuses a merge that lost or repeated a column', () => {
    const rows = convergence(chains, ['mu[JW1]', 'mu[JW2]']);
    expect(() => mergeRows(['mu[JW1]', 'mu[JW2]'], [[rows[0]]])).toThrow('1 rows came back for 2 columns');
    expect(() => mergeRows(['mu[JW1]'], [[rows[0]], [rows[0]]])).toThrow('came back twice');
  });
});

/** An in-process worker: answers a block as analysis-worker.ts does, after a delay. */
class FakeAnalysisWorker implements WorkerLike<ToAnalysisWorker, FromAnalysisWorker> {
  static all: FakeAnalysisWorker[] = [];
  handler: ((m: FromAnalysisWorker) => void) | null = null;
  errorHandler: ((e: Error) => void) | null = null;
  terminated = false;
  received: ToAnalysisWorker[] = [];
  constructor(readonly delayMs: number) {
    FakeAnalysisWorker.all.push(this);
  }
  postMessage(m: ToAnalysisWorker) {
    this.received.push(m);
    const copy = structuredClone(m); // what crosses to the worker
    setTimeout(() => !this.terminated && this.handler?.({ type: 'rows', id: copy.id, rows: convergenceOfBlock(copy.block) }), this.delayMs);
  }
  onMessage(h: (m: FromAnalysisWorker) => void) {
    this.handler = h;
  }
  onError(h: (e: Error) => void) {
    this.errorHandler = h;
  }
  terminate() {
    this.terminated = true;
  }
}

describe('the analysis pool', () => {
  afterEach(() => {
    FakeAnalysisWorker.all = [];
  });
  // later workers answer first, so a merge in order of arrival would be caught
  const spawner = () => {
    let k = 0;
    return () => new FakeAnalysisWorker(30 - 10 * k++);
  };

  it('starts its workers at once and merges their rows in the order asked for, equal to convergence()', async () => {
    const pool = analysisPool(spawner(), 3);
    expect(FakeAnalysisWorker.all).toHaveLength(3);
    expect(await pool.converge(chains, asked)).toEqual(convergence(chains, asked));
    expect(await pool.converge(chains)).toEqual(convergence(chains));
    // each worker got only its share of the columns
    expect(FakeAnalysisWorker.all.map((w) => w.received[0].block.columns.length)).toEqual([30, 30, 30]);
    pool.terminate();
    expect(FakeAnalysisWorker.all.every((w) => w.terminated)).toBe(true);
  });

  it('Cancel rejects at once with an AbortError and stops the workers', async () => {
    const abort = new AbortController();
    const pool = analysisPool(spawner(), 2, abort.signal);
    const p = pool.converge(chains, asked);
    abort.abort();
    await expect(p).rejects.toMatchObject({ name: 'AbortError' });
    expect(FakeAnalysisWorker.all.every((w) => w.terminated)).toBe(true);
  });

  it('a failing worker fails the diagnostics with a message that says so', async () => {
    const pool = analysisPool(spawner(), 2);
    const p = pool.converge(chains, asked);
    FakeAnalysisWorker.all[1].errorHandler?.(new Error('out of memory'));
    await expect(p).rejects.toThrow('a diagnostics worker stopped with an error: out of memory');
    // an error before the diagnostics start is reported when they do
    const early = analysisPool(spawner(), 2);
    FakeAnalysisWorker.all[3].errorHandler?.(new Error('module not found'));
    await expect(early.converge(chains, asked)).rejects.toThrow('module not found');
    // and an error the worker reports itself
    const reporting = analysisPool(() => Object.assign(new FakeAnalysisWorker(0), { postMessage(this: FakeAnalysisWorker, m: ToAnalysisWorker) { setTimeout(() => this.handler?.({ type: 'error', id: m.id, message: 'no chains' })); } }), 2);
    await expect(reporting.converge(chains, asked)).rejects.toThrow('a diagnostics worker reported: no chains');
    expect(FakeAnalysisWorker.all.slice(-2).every((w) => w.terminated)).toBe(true);
  });

  it('a worker that cannot be started is an error naming the cause', () => {
    expect(() =>
      analysisPool(() => {
        throw new Error('module workers are not supported');
      }, 2),
    ).toThrow('could not start a diagnostics worker: module workers are not supported');
  });
});

describe('the diagnostics worker module', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('answers a block with its convergence rows, and an unknown message with an error', async () => {
    const sent: FromAnalysisWorker[] = [];
    const scope: { postMessage(m: FromAnalysisWorker): void; onmessage: ((e: { data: unknown }) => void) | null } = { postMessage: (m) => sent.push(m), onmessage: null };
    vi.stubGlobal('self', scope);
    await import('../../../src/islands/sampler-lab/analysis-worker');
    const part = splitColumns(asked, 2)[1];
    scope.onmessage!({ data: { type: 'converge', id: 4, block: extractColumns(chains, part) } });
    scope.onmessage!({ data: { type: 'nope', id: 5 } });
    expect(sent[0]).toEqual({ type: 'rows', id: 4, rows: convergence(chains, part) });
    expect(sent[1]).toMatchObject({ type: 'error', id: 5, message: expect.stringContaining("unknown message type 'nope'") });
  });
});
