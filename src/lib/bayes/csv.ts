/**
 * Reads a numeric data table from CSV text: a header row of column names, then one row per
 * respondent; empty cells and NA are missing (NaN). Errors name the line, the column and
 * what to do about it.
 *
 * Two entry points share the reading and the messages: parseNumericCsv (the CLI: every
 * column must be numeric) and readCsvColumns (the labs: a column with text in it is kept and
 * marked, so a reader can leave it out instead of editing the file).
 */
import type { Matrix } from '../linalg';

function splitLine(line: string): string[] {
  // most lines have no quotes: the native split is several times faster than the loop below
  if (!line.includes('"')) return line.split(',').map((s) => s.trim());
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.map((s) => s.trim());
}

export interface NumericTable {
  readonly names: string[];
  readonly x: Matrix;
}

/** The first cell of a column that is neither a number nor missing. */
export interface BadCell {
  /** 1-based line of the file */
  readonly line: number;
  readonly text: string;
}

export interface CsvColumns {
  readonly names: string[];
  readonly rows: number;
  /** one array per column, `rows` long: the numbers, NaN where empty, NA or not a number */
  readonly values: Float64Array[];
  /** per column: its first non-numeric cell, or null when every cell is a number or missing */
  readonly firstBad: (BadCell | null)[];
}

/** The message for a cell that is not a number (stated once for the CLI and the labs). */
export function nonNumericCellMessage(source: string, name: string, bad: BadCell): string {
  return `${source}, line ${bad.line}, column ${name}: '${bad.text}' is not a finite number; write numbers only, and leave the cell empty or write NA where a value is missing`;
}

/**
 * The file's shape and cells, column by column. Throws (naming line and column) on what no
 * choice of columns can mend: no header, a nameless or repeated column name, a row with the
 * wrong number of fields, a blank line inside the data.
 */
export function readCsvColumns(text: string, source = 'CSV'): CsvColumns {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1].trim() === '') lines.pop();
  if (lines.length === 0) throw new Error(`${source} is empty: expected a header row of column names, then data rows`);
  const names = splitLine(lines[0]);
  names.forEach((n, j) => {
    if (n === '') throw new Error(`${source}, header: column ${j + 1} has no name; give every column a name`);
  });
  const dup = names.find((n, j) => names.indexOf(n) !== j);
  if (dup) throw new Error(`${source}, header: column name '${dup}' appears twice; column names must be unique`);
  const p = names.length;
  const n = lines.length - 1;
  const values = names.map(() => new Float64Array(n));
  const firstBad: (BadCell | null)[] = names.map(() => null);
  for (let i = 0; i < n; i++) {
    const line = lines[i + 1];
    const lineNo = i + 2;
    if (line.trim() === '') throw new Error(`${source}, line ${lineNo}: blank line inside the data; remove it`);
    const cells = splitLine(line);
    if (cells.length !== p) throw new Error(`${source}, line ${lineNo}: ${cells.length} fields but the header has ${p}; every row needs one value (or an empty cell) per column`);
    for (let j = 0; j < p; j++) {
      const c = cells[j];
      if (c === '' || c === 'NA') {
        values[j][i] = NaN;
        continue;
      }
      const v = Number(c);
      if (Number.isFinite(v)) values[j][i] = v;
      else {
        values[j][i] = NaN;
        if (!firstBad[j]) firstBad[j] = { line: lineNo, text: c };
      }
    }
  }
  return { names, rows: n, values, firstBad };
}

export function parseNumericCsv(text: string, source = 'CSV'): NumericTable {
  const t = readCsvColumns(text, source);
  const { names, rows: r, values } = t;
  if (names.length < 2) throw new Error(`${source}: found ${names.length} column; the multivariate normal needs at least 2 numeric columns`);
  // the first offending cell in reading order
  let worst = -1;
  t.firstBad.forEach((b, j) => {
    const w = worst >= 0 ? t.firstBad[worst]! : null;
    if (b && (!w || b.line < w.line)) worst = j;
  });
  if (worst >= 0) throw new Error(nonNumericCellMessage(source, names[worst], t.firstBad[worst]!));
  if (r < 2) throw new Error(`${source}: ${r} data row(s); need at least 2 rows (and preferably many more than ${names.length} columns) to fit a covariance`);
  const p = names.length;
  const data = new Float64Array(r * p);
  for (let j = 0; j < p; j++) {
    let seen = 0;
    for (let k = 0; k < r; k++) {
      const v = values[j][k];
      data[k * p + j] = v;
      if (!Number.isNaN(v)) seen++;
    }
    if (seen < 2) throw new Error(`${source}, column ${names[j]}: only ${seen} observed value(s); drop the column or supply at least 2 values`);
  }
  return { names, x: { rows: r, cols: p, data } };
}
