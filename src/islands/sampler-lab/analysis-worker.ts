/**
 * A diagnostics worker: given some columns' draws from every chain (analysis-split.ts), returns
 * their convergence rows. The page terminates it at the run's end or on Cancel.
 */
import { convergenceOfBlock } from './analysis-split';
import type { FromAnalysisWorker, ToAnalysisWorker } from './analysis-pool';

const scope = self as unknown as { postMessage(m: FromAnalysisWorker): void; onmessage: ((e: MessageEvent<ToAnalysisWorker>) => void) | null };

scope.onmessage = (e) => {
  const msg = e.data;
  const id = (msg as { id?: number })?.id ?? -1;
  if (msg?.type !== 'converge') {
    scope.postMessage({ type: 'error', id, message: `diagnostics worker: unknown message type '${(msg as { type?: string })?.type}'` });
    return;
  }
  try {
    scope.postMessage({ type: 'rows', id, rows: convergenceOfBlock(msg.block) });
  } catch (err) {
    scope.postMessage({ type: 'error', id, message: err instanceof Error ? err.message : String(err) });
  }
};
