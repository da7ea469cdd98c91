/**
 * Reads a numeric data table from CSV text: a header row of column names, then one row per
 * respondent; empty cells and NA are missing (NaN). Errors name the line, the column and
 * what to do about it.
 */
import type { Matrix } from '../linalg';

function splitLine(line: string): string[] {
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

export function parseNumericCsv(text: string, source = 'CSV'): NumericTable {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1].trim() === '') lines.pop();
  if (lines.length === 0) throw new Error(`${source} is empty: expected a header row of column names, then data rows`);
  const names = splitLine(lines[0]);
  names.forEach((n, j) => {
    if (n === '') throw new Error(`${source}, header: column ${j + 1} has no name; give every column a name`);
  });
  const dup = names.find((n, j) => names.indexOf(n) !== j);
  if (dup) throw new Error(`${source}, header: column name '${dup}' appears twice; column names must be unique`);
  if (names.length < 2) throw new Error(`${source}: found ${names.length} column; the multivariate normal needs at least 2 numeric columns`);
  const p = names.length;
  const rows = lines.slice(1);
  const data = new Float64Array(rows.length * p);
  let r = 0;
  rows.forEach((line, i) => {
    const lineNo = i + 2;
    if (line.trim() === '') throw new Error(`${source}, line ${lineNo}: blank line inside the data; remove it`);
    const cells = splitLine(line);
    if (cells.length !== p) throw new Error(`${source}, line ${lineNo}: ${cells.length} fields but the header has ${p}; every row needs one value (or an empty cell) per column`);
    cells.forEach((c, j) => {
      if (c === '' || c === 'NA') {
        data[r * p + j] = NaN;
        return;
      }
      const v = Number(c);
      if (!Number.isFinite(v)) {
        throw new Error(`${source}, line ${lineNo}, column ${names[j]}: '${c}' is not a finite number; write numbers only, and leave the cell empty or write NA where a value is missing`);
      }
      data[r * p + j] = v;
    });
    r++;
  });
  if (r < 2) throw new Error(`${source}: ${r} data row(s); need at least 2 rows (and preferably many more than ${p} columns) to fit a covariance`);
  names.forEach((n, j) => {
    let seen = 0;
    for (let k = 0; k < r; k++) if (!Number.isNaN(data[k * p + j])) seen++;
    if (seen < 2) throw new Error(`${source}, column ${n}: only ${seen} observed value(s); drop the column or supply at least 2 values`);
  });
  return { names, x: { rows: r, cols: p, data } };
}
