/** The data files behind figures and tables: CSV as the table shows it, provenance attached. */
import { describe, expect, it } from 'vitest';
import { payloadHash } from '../../../src/site/changelog';
import { cellText, dataPath, registerFigureData, registerTableData, dataEntries, tableRows, toCsv } from '../../../src/site/figure-data';
import { loadManifest } from '../../../src/data/manifest';
import { parseHTML } from 'linkedom';

const cell = (html: string) => parseHTML(`<table><tr><td>${html}</td></tr></table>`).document.querySelector('td') as unknown as Element;

describe('table data as CSV', () => {
  it('reads a cell as a screen reader hears it, numbers in plain ASCII, missing as NA', () => {
    expect(cellText(cell('1\u2009234.5'))).toBe('1234.5');
    expect(cellText(cell('−0.25'))).toBe('-0.25');
    expect(cellText(cell('<span aria-hidden="true">—</span><span class="visually-hidden">missing</span>'))).toBe('NA');
    expect(cellText(cell('0.12 (0.05–0.20)'))).toBe('0.12 (0.05–0.20)');
  });

  it('repeats a row-spanning cell in every row it covers', () => {
    const rows = tableRows(`<table><thead><tr><th>group</th><th>item</th></tr></thead><tbody>
      <tr><th rowspan="2">A</th><td>a1</td></tr><tr><td>a2</td></tr><tr><th>B</th><td>b1</td></tr></tbody></table>`);
    expect(rows).toEqual([['group', 'item'], ['A', 'a1'], ['A', 'a2'], ['B', 'b1']]);
  });

  it('quotes fields that hold commas, quotes or line breaks', () => {
    expect(toCsv([['a', 'b,c'], ['say "hi"', 'x']])).toBe('a,"b,c"\r\n"say ""hi""",x\r\n');
  });

  it('refuses a table with no body rows', () => {
    expect(() => registerTableData('empty', 1, [], '<table><tr><th>only a header</th></tr></table>')).toThrow(/no rows/);
  });
});

describe('provenance', () => {
  it('names each experiment with its manifest config hash and a payload hash', () => {
    const e = registerFigureData('svd-error', 3, ['svd-100'], { x: [1, Number.NaN] });
    const body = JSON.parse(e.body);
    expect(e.path).toBe(dataPath('figure', 'svd-error'));
    expect(body.experiments[0].id).toBe('svd-100');
    expect(body.experiments[0].configHash).toBe(loadManifest().experiments['svd-100'].configHash);
    expect(body.experiments[0].payloadHash).toMatch(/^[0-9a-f]{64}$/);
    expect(body.data.x).toEqual([1, null]); // JSON has no NaN
    expect(dataEntries().some((d) => d.path === e.path)).toBe(true);
  });

  it('changes the payload hash exactly when the numbers change', () => {
    expect(payloadHash({ result: { a: 1 } })).toBe(payloadHash({ result: { a: 1 } }));
    expect(payloadHash({ result: { a: 1 } })).not.toBe(payloadHash({ result: { a: 1.0000001 } }));
  });

  it('fails on an experiment the manifest does not know', () => {
    expect(() => registerFigureData('x', 1, ['no-such-run' as never], {})).toThrow(/not in public\/results\/manifest.json/);
  });
});
