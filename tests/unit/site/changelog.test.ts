/** Updates and corrections: which figures and tables a rebuild changed, from payload hashes. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { affected, changedResults, parseChangelog, updates, type Drawn } from '../../../src/site/changelog';
import { currentResultHashes } from '../../../src/site/current-results';

const h = (c: string) => c.repeat(64);
const drawn: Drawn[] = [
  { kind: 'figure', id: 'a', number: 2, from: ['mvn-500'] },
  { kind: 'figure', id: 'b', number: 1, from: ['svd-100'] },
  { kind: 'table', id: 't', number: 1, from: ['mvn-500', 'sem-original-263'] },
  { kind: 'table', id: 'i', number: 2, from: [] },
];

describe('the changelog', () => {
  it('names the experiments whose payload changed, appeared or went', () => {
    expect(changedResults({ x: h('a'), y: h('b'), z: h('c') }, { x: h('a'), y: h('d'), w: h('e') })).toEqual([
      { id: 'w', change: 'added' },
      { id: 'y', change: 'changed' },
      { id: 'z', change: 'removed' },
    ]);
  });

  it('finds every figure and table drawn from a changed experiment, figures first', () => {
    expect(affected(drawn, [{ id: 'mvn-500', change: 'changed' }]).map((d) => `${d.kind}:${d.id}`)).toEqual(['figure:a', 'table:t']);
    expect(affected(drawn, [{ id: 'sample-263', change: 'changed' }])).toEqual([]);
  });

  it('lists updates newest first, and a rebuild not yet recorded as its own update', () => {
    const log = parseChangelog(JSON.stringify({ entries: [
      { date: '2026-11-25', note: 'First publication of the essay.', results: { 'mvn-500': h('1'), 'svd-100': h('2') } },
      { date: '2026-11-30', note: 'Rebaked the SVD with a corrected seed.', results: { 'mvn-500': h('1'), 'svd-100': h('3') } },
    ] }));
    const list = updates(log, { 'mvn-500': h('4'), 'svd-100': h('3') }, drawn, '2026-12-01');
    expect(list.map((u) => [u.date, u.recorded, u.changed.map((d) => d.id)])).toEqual([
      ['2026-12-01', false, ['a', 't']],
      ['2026-11-30', true, ['b']],
      ['2026-11-25', true, []],
    ]);
  });

  it('rejects entries out of date order, or without a note', () => {
    const e = (date: string, note = 'Something changed here.') => ({ date, note, results: {} });
    expect(() => parseChangelog(JSON.stringify({ entries: [e('2026-12-02'), e('2026-11-01')] }))).toThrow(/date order/);
    expect(() => parseChangelog(JSON.stringify({ entries: [e('2026-12-02', '')] }))).toThrow(/entries.0.note/);
    expect(() => parseChangelog('{')).toThrow(/not valid JSON/);
  });

  it('content/changelog.json parses, and its first entry recorded results the manifest still knows', () => {
    // (a rebuild not yet recorded is shown on the page as such, so later entries may lag)
    const log = parseChangelog(readFileSync('content/changelog.json', 'utf8'));
    const known = Object.keys(currentResultHashes());
    expect(Object.keys(log.entries[0].results).filter((id) => !known.includes(id))).toEqual([]);
  });
});
