/**
 * A reader's own CSV file in the labs, as data: what each column holds (numbers, missing
 * cells, text; whether it looks like ordinal answers), and the n×p matrix of the columns the
 * reader chose, with the errors the command line gives for the same file. Pure: no DOM, and
 * nothing here sends anything anywhere.
 */
import { nonNumericCellMessage, readCsvColumns, type CsvColumns } from '../../lib/bayes/csv';
import type { Matrix } from '../../lib/linalg';

/** Files larger than this are refused before reading: the lab holds the whole file in memory. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;
/** The most columns a model in the lab may take (an MVN on 20 columns has 230 parameters). */
export const MAX_MODEL_COLUMNS = 20;
/**
 * A column looks like ordinal answers (a Likert scale) when every observed value is a whole
 * number and there are at most this many distinct values (0–10 scales included).
 */
export const ORDINAL_MAX_LEVELS = 11;

export interface ColumnSummary {
  readonly name: string;
  readonly observed: number;
  /** cells without a number (empty, NA, or text in a column that has some) */
  readonly missing: number;
  /** over observed cells; NaN when fewer than 2 */
  readonly mean: number;
  readonly sd: number;
  /** the first cell that is not a number, when there is one */
  readonly bad: { readonly line: number; readonly text: string } | null;
  /** whole numbers with few levels: the smallest, the largest and how many distinct values */
  readonly ordinal: { readonly min: number; readonly max: number; readonly levels: number } | null;
}

export interface ReaderTable {
  /** the file's name, as the reader's computer gave it (shown as text only) */
  readonly source: string;
  readonly rows: number;
  readonly csv: CsvColumns;
  readonly columns: readonly ColumnSummary[];
}

export type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

function summarise(name: string, v: Float64Array, bad: ColumnSummary['bad']): ColumnSummary {
  let observed = 0;
  let sum = 0;
  let whole = true;
  const levels = new Set<number>();
  for (const x of v) {
    if (Number.isNaN(x)) continue;
    observed++;
    sum += x;
    if (whole) {
      if (Number.isInteger(x)) {
        levels.add(x);
        if (levels.size > ORDINAL_MAX_LEVELS) whole = false;
      } else whole = false;
    }
  }
  const mean = observed >= 2 ? sum / observed : NaN;
  let ss = 0;
  if (observed >= 2) for (const x of v) if (!Number.isNaN(x)) ss += (x - mean) * (x - mean);
  const sd = observed >= 2 ? Math.sqrt(ss / (observed - 1)) : NaN;
  const ordinal = bad === null && whole && levels.size >= 2 ? { min: Math.min(...levels), max: Math.max(...levels), levels: levels.size } : null;
  return { name, observed, missing: v.length - observed, mean, sd, bad, ordinal };
}

/** Read a reader's file (throws the CLI's structural errors, prefixed with the file name). */
export function readReaderTable(text: string, source: string): ReaderTable {
  const csv = readCsvColumns(text, source);
  if (csv.rows === 0) throw new Error(`${source}: the header has no data rows below it; add one row per respondent`);
  return { source, rows: csv.rows, csv, columns: csv.names.map((n, j) => summarise(n, csv.values[j], csv.firstBad[j])) };
}

/** Numeric columns with at least two observed values and some spread: the default choice. */
export function usableColumns(t: ReaderTable): string[] {
  return t.columns.filter((c) => c.bad === null && c.observed >= 2 && c.sd > 0).map((c) => c.name);
}

export interface Selection {
  readonly names: string[];
  /** rows × names.length, NaN = missing; rows with nothing observed in these columns are left out */
  readonly x: Matrix;
  /** rows of the file left out because every chosen cell was missing */
  readonly emptyRows: number;
}

/**
 * The chosen columns as a matrix, in file order. Refuses (saying what to do) no or one column,
 * too many, a column with text in it, a column with fewer than 2 values or no spread, and too
 * few rows: a p-column covariance needs more than p rows.
 */
export function selectColumns(t: ReaderTable, chosen: readonly string[], opts: { readonly completeRowsOnly?: boolean } = {}): Outcome<Selection> {
  const fail = (message: string): Outcome<Selection> => ({ ok: false, message });
  const idx = t.csv.names.flatMap((n, j) => (chosen.includes(n) ? [j] : []));
  const unknown = chosen.filter((c) => !t.csv.names.includes(c));
  if (unknown.length > 0) return fail(`${t.source}: no column named ${unknown.map((u) => `'${u}'`).join(', ')} in the file; its columns are ${t.csv.names.map((n) => `'${n}'`).join(', ')}`);
  if (idx.length < 2) return fail(`Columns: choose at least 2 numeric columns (${idx.length} chosen); a covariance needs two.`);
  if (idx.length > MAX_MODEL_COLUMNS) return fail(`Columns: ${idx.length} chosen; the lab fits at most ${MAX_MODEL_COLUMNS} at once in your browser. Leave some out.`);
  for (const j of idx) {
    const c = t.columns[j];
    if (c.bad) return fail(`${nonNumericCellMessage(t.source, c.name, c.bad)}; or leave the column out`);
    if (c.observed < 2) return fail(`${t.source}, column ${c.name}: only ${c.observed} observed value(s); drop the column or supply at least 2 values`);
    if (!(c.sd > 0)) return fail(`${t.source}, column ${c.name}: every observed value is ${c.mean}; a column without spread has no correlation. Leave it out.`);
  }
  const p = idx.length;
  const cols = idx.map((j) => t.csv.values[j]);
  const keep: number[] = [];
  for (let r = 0; r < t.rows; r++) {
    let seen = 0;
    for (let a = 0; a < p; a++) if (cols[a][r] === cols[a][r]) seen++; // NaN ≠ NaN
    if (opts.completeRowsOnly ? seen === p : seen > 0) keep.push(r);
  }
  const need = p + 1;
  if (keep.length < need) {
    const what = opts.completeRowsOnly ? 'complete row(s) (a value in every chosen column)' : 'row(s) with a value in the chosen columns';
    return fail(`${t.source}: ${keep.length} ${what}; ${p} columns need at least ${need} rows (and preferably many more). Add rows or choose fewer columns.`);
  }
  const data = new Float64Array(keep.length * p);
  for (let i = 0; i < keep.length; i++) for (let a = 0; a < p; a++) data[i * p + a] = cols[a][keep[i]];
  return { ok: true, value: { names: idx.map((j) => t.csv.names[j]), x: { rows: keep.length, cols: p, data }, emptyRows: t.rows - keep.length } };
}

/**
 * The sentence the output carries when chosen columns look like ordinal answers: the models
 * here treat them as continuous, and what that assumes.
 */
export function ordinalNote(columns: readonly ColumnSummary[]): string | null {
  const ord = columns.filter((c) => c.ordinal);
  if (ord.length === 0) return null;
  const ranges = [...new Set(ord.map((c) => `${c.ordinal!.min} to ${c.ordinal!.max}`))];
  const list = ord.length <= 6 ? ord.map((c) => c.name).join(', ') : `${ord.slice(0, 5).map((c) => c.name).join(', ')} and ${ord.length - 5} more`;
  return (
    `${ord.length === 1 ? 'Column' : 'Columns'} ${list} hold${ord.length === 1 ? 's' : ''} only whole numbers (${ranges.join('; ')}): ordinal answers, like a Likert scale. ` +
    'Both models treat them as continuous normal values. That assumes the steps between answers are equally far apart, ' +
    'ignores that answers stop at the ends of the scale and cannot fall between categories, and takes the correlations of the answers ' +
    'for those of the attitudes behind them, which are larger, the more so with few categories or answers piled up at one end. ' +
    'An ordinal (threshold) model would not assume this.'
  );
}

/** Pearson correlation of each pair over the rows where both are observed (the data's own correlation). */
export function pairwiseCorrelation(x: Matrix): Matrix {
  const { rows: n, cols: p, data } = x;
  const out = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    out[i * p + i] = 1;
    for (let j = 0; j < i; j++) {
      let k = 0;
      let si = 0;
      let sj = 0;
      for (let r = 0; r < n; r++) {
        const a = data[r * p + i];
        const b = data[r * p + j];
        if (Number.isNaN(a) || Number.isNaN(b)) continue;
        k++;
        si += a;
        sj += b;
      }
      const mi = si / k;
      const mj = sj / k;
      let cij = 0;
      let cii = 0;
      let cjj = 0;
      for (let r = 0; r < n; r++) {
        const a = data[r * p + i];
        const b = data[r * p + j];
        if (Number.isNaN(a) || Number.isNaN(b)) continue;
        cij += (a - mi) * (b - mj);
        cii += (a - mi) * (a - mi);
        cjj += (b - mj) * (b - mj);
      }
      const r = k >= 2 && cii > 0 && cjj > 0 ? cij / Math.sqrt(cii * cjj) : NaN;
      out[i * p + j] = out[j * p + i] = r;
    }
  }
  return { rows: p, cols: p, data: out };
}
