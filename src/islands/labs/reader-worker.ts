/**
 * Reads a reader's CSV file off the page's main thread, so a large file never freezes the
 * page: the File goes in, the parsed table (its columns as transferred buffers) comes out.
 * Nothing is fetched or sent anywhere.
 */
import { readReaderTable, type ReaderTable } from './reader-table';

export type ToReaderWorker = { readonly file: Blob; readonly source: string };
export type FromReaderWorker = { readonly ok: true; readonly table: ReaderTable; readonly ms: number } | { readonly ok: false; readonly message: string };

const scope = self as unknown as { postMessage(m: FromReaderWorker, transfer?: Transferable[]): void; onmessage: ((e: MessageEvent<ToReaderWorker>) => void) | null };

scope.onmessage = async (e) => {
  const t0 = performance.now();
  try {
    const text = await e.data.file.text();
    const table = readReaderTable(text, e.data.source);
    scope.postMessage({ ok: true, table, ms: performance.now() - t0 }, table.csv.values.map((v) => v.buffer as ArrayBuffer));
  } catch (err) {
    scope.postMessage({ ok: false, message: err instanceof Error ? err.message : String(err) });
  }
};
