/**
 * The data behind each numbered figure and table, collected while the page renders and written
 * to dist/data/ when the build ends (integrations/figure-data.mjs): a figure's file holds
 * exactly the values its builder draws, as JSON; a table's file holds its rows as the page
 * shows them, as CSV. Each names the experiments it came from with their config hashes, as the
 * page does beside the link.
 *
 * Build-time only. The renderer and the integration are separate module graphs in one process,
 * so the collection lives on globalThis under a registered symbol.
 */
import { parseHTML } from 'linkedom';
import { loadManifest } from '../data/manifest';
import { loadEnvelope } from '../data/results';
import { payloadHash } from './changelog';
import type { ResultId } from '../data/schemas';

export type DataKind = 'figure' | 'table';

export interface Provenance {
  /** the experiment id (public/results/<id>.json) */
  id: string;
  configHash: string;
  /** sha256 of the experiment's result payload: changes exactly when its numbers change */
  payloadHash: string;
}

export interface DataEntry {
  kind: DataKind;
  id: string;
  number: number;
  /** site path, e.g. data/fig-svd-error.json */
  path: string;
  mediaType: string;
  body: string;
  from: Provenance[];
}

const KEY = Symbol.for('inductive-bias-essay.figure-data');
type Store = Map<string, DataEntry>;
const store = (): Store => ((globalThis as Record<symbol, unknown>)[KEY] ??= new Map()) as Store;

/** Every entry registered so far (the integration reads the same map through the symbol). */
export const dataEntries = (): DataEntry[] => [...store().values()];

/** The site path of a figure's or table's data file. */
export const dataPath = (kind: DataKind, id: string): string => (kind === 'figure' ? `data/fig-${id}.json` : `data/tab-${id}.csv`);


export function provenance(from: readonly ResultId[]): Provenance[] {
  const manifest = loadManifest();
  return from.map((id) => {
    const entry = manifest.experiments[id];
    if (!entry) throw new Error(`Experiment ${id} is not in public/results/manifest.json. Run: npm run precompute -- ${id}`);
    return { id, configHash: entry.configHash, payloadHash: payloadHash(loadEnvelope(id)) };
  });
}

function register(entry: DataEntry): DataEntry {
  store().set(entry.path, entry);
  return entry;
}

/** A figure's data: the values its builder draws, with where they came from. */
export function registerFigureData(id: string, number: number, from: readonly ResultId[], values: unknown): DataEntry {
  if (values === undefined) throw new Error(`Figure ${id} has no data: pass the values it draws as <Figure data={…}>`);
  const prov = provenance(from);
  const body = `${JSON.stringify({ figure: number, id, experiments: prov, data: values }, finiteOrNull, 1)}\n`;
  return register({ kind: 'figure', id, number, path: dataPath('figure', id), mediaType: 'application/json', body, from: prov });
}

/** A table's data: its header and body rows as CSV, cells as the page shows them. */
export function registerTableData(id: string, number: number, from: readonly ResultId[], tableHtml: string): DataEntry {
  const rows = tableRows(tableHtml);
  if (rows.length < 2) throw new Error(`Table ${id} has no rows to export`);
  return register({ kind: 'table', id, number, path: dataPath('table', id), mediaType: 'text/csv', body: toCsv(rows), from: provenance(from) });
}

function finiteOrNull(_key: string, v: unknown): unknown {
  if (typeof v === 'number' && !Number.isFinite(v)) return null;
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return Array.from(v as unknown as ArrayLike<number>);
  return v;
}

/**
 * A cell's text as data: what a screen reader hears (hidden helper text kept, decorative
 * glyphs dropped), numbers in plain ASCII (no thin-space grouping, a hyphen for the minus),
 * "missing" as NA.
 */
export function cellText(cell: Element): string {
  const copy = cell.cloneNode(true) as Element;
  copy.querySelectorAll('[aria-hidden="true"], .katex-html').forEach((e) => e.remove());
  const text = (copy.textContent ?? '').replace(/(\d)[\u2009\u202f](?=\d{3})/g, '$1').replace(/\s+/g, ' ').trim();
  if (text === 'missing') return 'NA';
  return text.replace(/−(?=\d|\.)/g, '-');
}

/** Header and body rows of the first table in some HTML (the caption is not a row). */
export function tableRows(html: string): string[][] {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  const table = document.querySelector('table');
  if (!table) throw new Error('no <table> in the markup');
  // a cell spanning rows (rowspan) repeats in each row it covers, so every row has every column
  const pending: { col: number; left: number; text: string }[] = [];
  return [...table.querySelectorAll('tr')].map((tr) => {
    const row: string[] = [];
    const place = () => {
      for (let p = pending.find((x) => x.col === row.length); p; p = pending.find((x) => x.col === row.length)) {
        row.push(p.text);
        if (--p.left === 0) pending.splice(pending.indexOf(p), 1);
      }
    };
    for (const cell of tr.querySelectorAll('th, td')) {
      place();
      const text = cellText(cell as unknown as Element);
      const span = Number(cell.getAttribute('rowspan') ?? 1);
      if (span > 1) pending.push({ col: row.length, left: span - 1, text });
      const colspan = Number(cell.getAttribute('colspan') ?? 1);
      for (let k = 0; k < colspan; k++) row.push(text);
    }
    place();
    return row;
  });
}

export function toCsv(rows: readonly (readonly string[])[]): string {
  const quote = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  return `${rows.map((r) => r.map(quote).join(',')).join('\r\n')}\r\n`;
}
