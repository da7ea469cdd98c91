import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseNumericCsv, readCsvColumns } from '../../../src/lib/bayes/csv';
import { ORDINAL_MAX_LEVELS, ordinalNote, pairwiseCorrelation, readReaderTable, selectColumns, usableColumns, MAX_MODEL_COLUMNS } from '../../../src/islands/labs/reader-table';

const fixture = (name: string) => readFileSync(path.resolve(__dirname, '../../fixtures/labs', name), 'utf8');

describe("a reader's CSV file", () => {
  it('reports a ragged row with its line and both field counts, as the CLI does', () => {
    const text = fixture('ragged.csv');
    expect(() => readReaderTable(text, 'ragged.csv')).toThrow("ragged.csv, line 5: 2 fields but the header has 3; every row needs one value (or an empty cell) per column");
    expect(() => parseNumericCsv(text, 'ragged.csv')).toThrow('ragged.csv, line 5: 2 fields but the header has 3');
  });

  it('keeps a column with text in it, marked with the line and cell, and refuses it by line and column when chosen', () => {
    const t = readReaderTable(fixture('text-cell.csv'), 'text-cell.csv');
    expect(t.columns[1].bad).toEqual({ line: 4, text: 'n/a?' });
    expect(usableColumns(t)).toEqual(['a', 'c']);
    expect(selectColumns(t, ['a', 'c']).ok).toBe(true);
    const r = selectColumns(t, ['a', 'b']);
    expect(r.ok).toBe(false);
    const message = "text-cell.csv, line 4, column b: 'n/a?' is not a finite number; write numbers only, and leave the cell empty or write NA where a value is missing";
    if (!r.ok) expect(r.message).toBe(`${message}; or leave the column out`);
    // the CLI's reader stops at the same cell with the same words
    expect(() => parseNumericCsv(fixture('text-cell.csv'), 'text-cell.csv')).toThrow(message);
  });

  it('the CLI reports the first bad cell in reading order, whatever its column', () => {
    expect(() => parseNumericCsv('a,b\n1,2\n3,x\ny,4\n', 'f.csv')).toThrow("f.csv, line 3, column b: 'x'");
    expect(() => parseNumericCsv('a,b\n1,2\ny,4\n3,x\n', 'f.csv')).toThrow("f.csv, line 3, column a: 'y'");
  });

  it('reads NA and empty cells as missing, not as text', () => {
    const t = readReaderTable(fixture('survey-with-na.csv'), 'survey.csv');
    expect(t.rows).toBe(120);
    expect(t.columns.every((c) => c.bad === null)).toBe(true);
    const total = t.columns.reduce((s, c) => s + c.missing, 0);
    const text = fixture('survey-with-na.csv');
    const cells = text.trim().split('\n').slice(1).flatMap((l) => l.split(','));
    expect(total).toBe(cells.filter((c) => c === '' || c === 'NA').length);
    expect(total).toBeGreaterThan(0);
    const csv = readCsvColumns('a,b\n1,NA\n,2\n', 'x');
    expect(Array.from(csv.values[0])).toEqual([1, NaN]);
    expect(Array.from(csv.values[1])).toEqual([NaN, 2]);
  });

  it('flags whole-number columns with few levels as ordinal, and not continuous or wide-ranging ones', () => {
    const t = readReaderTable(fixture('survey-with-na.csv'), 'survey.csv');
    const ord = t.columns.filter((c) => c.ordinal).map((c) => c.name);
    expect(ord).toEqual(['Q1', 'Q2', 'Q3', 'Q4', 'Q5', 'Q6']);
    expect(t.columns[0].ordinal).toMatchObject({ min: 1, max: 5 });
    // one level too many: whole numbers, but not a rating scale
    const wide = readReaderTable(`a,b\n${Array.from({ length: ORDINAL_MAX_LEVELS + 1 }, (_, i) => `${i},${i % 3}`).join('\n')}\n`, 'w');
    expect(wide.columns[0].ordinal).toBeNull();
    expect(wide.columns[1].ordinal).toEqual({ min: 0, max: 2, levels: 3 });
    // a single value is not a scale
    expect(readReaderTable('a,b\n1,0.5\n1,2.5\n1,3\n', 'c').columns[0].ordinal).toBeNull();
  });

  it('says what treating ordinal answers as continuous assumes, naming the columns, and says nothing otherwise', () => {
    const t = readReaderTable(fixture('survey-with-na.csv'), 'survey.csv');
    const note = ordinalNote(t.columns)!;
    expect(note).toMatch(/^Columns Q1, Q2, Q3, Q4, Q5, Q6 hold only whole numbers \(1 to 5\)/);
    expect(note).toMatch(/continuous/);
    expect(note).toMatch(/equally far apart/);
    expect(ordinalNote(t.columns.filter((c) => c.name === 'age'))).toBeNull();
  });

  it('refuses too few rows for the chosen columns, and fewer than two columns', () => {
    const t = readReaderTable('a,b,c\n1,2,3\n2,1,4\n3,5,1\n', 'small.csv');
    const r = selectColumns(t, ['a', 'b', 'c']);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toBe('small.csv: 3 row(s) with a value in the chosen columns; 3 columns need at least 4 rows (and preferably many more). Add rows or choose fewer columns.');
    expect(selectColumns(t, ['a', 'b']).ok).toBe(true);
    const one = selectColumns(t, ['a']);
    expect(one.ok).toBe(false);
    if (!one.ok) expect(one.message).toMatch(/choose at least 2 numeric columns \(1 chosen\)/);
    const many = readReaderTable(`${Array.from({ length: MAX_MODEL_COLUMNS + 1 }, (_, j) => `v${j}`).join(',')}\n`.repeat(1) + Array.from({ length: 30 }, (_, r) => Array.from({ length: MAX_MODEL_COLUMNS + 1 }, (_, j) => (r * (j + 1)) % 7).join(',')).join('\n'), 'm');
    const m = selectColumns(many, many.csv.names);
    expect(m.ok).toBe(false);
    if (!m.ok) expect(m.message).toMatch(/at most 20/);
  });

  it('a column without spread is refused by name', () => {
    const t = readReaderTable('a,b\n1,2\n1,3\n1,5\n1,1\n', 'flat.csv');
    const r = selectColumns(t, ['a', 'b']);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/^flat.csv, column a: every observed value is 1/);
  });

  it('selects the chosen columns in file order, leaves out rows with nothing observed, and complete rows on request', () => {
    const t = readReaderTable('a,b,c\n1,2,3\nNA,,9\n4,NA,6\n7,8,9\n0,1,1\n5,2,2\n', 'f.csv');
    const r = selectColumns(t, ['b', 'a']);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.names).toEqual(['a', 'b']);
    expect(r.value.emptyRows).toBe(1);
    expect(Array.from(r.value.x.data)).toEqual([1, 2, 4, NaN, 7, 8, 0, 1, 5, 2]);
    const c = selectColumns(t, ['a', 'b'], { completeRowsOnly: true });
    expect(c.ok && c.value.x.rows).toBe(4);
  });

  it('pairwise correlation uses each pair over the rows where both are observed', () => {
    const x = { rows: 5, cols: 2, data: Float64Array.from([1, 2, 2, 4, 3, 6, NaN, 1, 4, NaN]) };
    const r = pairwiseCorrelation(x);
    expect(r.data[1]).toBeCloseTo(1, 12); // exact line through the three complete pairs
  });

  it('header names come back verbatim (the page, not the parser, keeps them from being markup)', () => {
    const t = readReaderTable(fixture('hostile-header.csv'), 'h.csv');
    expect(t.csv.names).toEqual(['<img src=x onerror=alert(1)>', 'b', '<script>alert(2)</script>']);
  });
});
