/**
 * The analysis workers of one run: started (module loading) when the run starts, so they are
 * ready when the chains finish; each is then given its share of the columns (analysis-split.ts)
 * and the rows are merged in the order asked for. Terminated when the run ends, fails or is
 * cancelled: an abort rejects at once (the page's Cancel) and stops any computation in them.
 *
 * A worker that cannot be started or fails is an error the lab shows in its failed state, not a
 * silent fall-back to the page's thread: the chains run in module workers too, so a browser
 * without them has already failed, and anything else is a bug worth seeing.
 */
import type { WorkerLike } from '../../lib/bayes/pool';
import type { ChainResult } from '../../lib/bayes/sampler';
import type { ConvergenceRow } from '../../lib/bayes/summary';
import { extractColumns, mergeRows, splitColumns, type ColumnBlock } from './analysis-split';
import type { Converge } from './analysis';

export type ToAnalysisWorker = { readonly type: 'converge'; readonly id: number; readonly block: ColumnBlock };
export type FromAnalysisWorker =
  | { readonly type: 'rows'; readonly id: number; readonly rows: ConvergenceRow[] }
  | { readonly type: 'error'; readonly id: number; readonly message: string };

export interface AnalysisPool {
  /** convergence() over the columns (default: all), computed in the workers */
  readonly converge: Converge;
  terminate(): void;
}

const abortError = () => Object.assign(new Error('the diagnostics were cancelled'), { name: 'AbortError' });

/** Starts `size` workers now. Throws (naming the cause) if one cannot be started. */
export function analysisPool(spawn: () => WorkerLike<ToAnalysisWorker, FromAnalysisWorker>, size: number, signal?: AbortSignal): AnalysisPool {
  const workers: WorkerLike<ToAnalysisWorker, FromAnalysisWorker>[] = [];
  let failure: Error | null = null; // a worker's error, kept for the next converge if none is pending
  let fail: ((e: Error) => void) | null = null; // rejects the pending converge
  const handlers = new Map<number, (m: FromAnalysisWorker) => void>();
  let terminated = false;
  const terminate = () => {
    terminated = true;
    for (const w of workers) w.terminate();
  };
  const n = Math.max(1, Math.floor(size) || 1);
  try {
    for (let i = 0; i < n; i++) {
      const w = spawn();
      workers.push(w);
      w.onMessage((m) => handlers.get(i)?.(m));
      w.onError((e) => {
        if (terminated) return;
        const err = new Error(`a diagnostics worker stopped with an error${e.message ? `: ${e.message}` : ''}`);
        if (fail) fail(err);
        else failure ??= err;
      });
    }
  } catch (err) {
    terminate();
    throw new Error(`could not start a diagnostics worker: ${err instanceof Error ? err.message : String(err)}`);
  }
  let nextId = 1;

  const converge: Converge = (chains: readonly ChainResult[], columns?: readonly string[]) =>
    new Promise<ConvergenceRow[]>((resolve, reject) => {
      if (chains.length === 0) return reject(new Error('convergence: no chains'));
      const cols = columns ?? chains[0].columns;
      let settled = false;
      const settle = (f: () => void) => {
        if (settled) return;
        settled = true;
        fail = null;
        handlers.clear();
        signal?.removeEventListener('abort', onAbort);
        f();
      };
      const onAbort = () => {
        terminate();
        settle(() => reject(abortError()));
      };
      if (signal?.aborted) return onAbort();
      if (terminated) return reject(new Error('the diagnostics workers were already stopped'));
      if (failure) return reject(failure);
      signal?.addEventListener('abort', onAbort);
      fail = (e) => {
        terminate();
        settle(() => reject(e));
      };
      try {
        const parts = splitColumns(cols, workers.length);
        const rows: ConvergenceRow[][] = new Array(parts.length);
        let left = parts.length;
        if (left === 0) return settle(() => resolve([]));
        const id = nextId++;
        parts.forEach((part, i) => {
          handlers.set(i, (m) => {
            if (m.id !== id) return;
            if (m.type === 'error') return fail?.(new Error(`a diagnostics worker reported: ${m.message}`));
            rows[i] = m.rows;
            if (--left > 0) return;
            let merged: ConvergenceRow[];
            try {
              merged = mergeRows(cols, rows);
            } catch (err) {
              return settle(() => reject(err));
            }
            settle(() => resolve(merged));
          });
          workers[i].postMessage({ type: 'converge', id, block: extractColumns(chains, part) });
        });
      } catch (err) {
        settle(() => reject(err));
      }
    });

  return { converge, terminate };
}
