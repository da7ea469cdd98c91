import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as Plot from '@observablehq/plot';
import { describe, expect, it } from 'vitest';
import { corr, count, duration, fixed, percent } from '../../../src/data/format';
import { essayListings, extractDeclaration, readDeclaration } from '../../../src/data/source';
import { roundMatrix, roundSig } from '../../../src/lib/round';
import { fromRows } from '../../../src/lib/linalg';
import { compactGeometry, renderPlot, stripPlotStyle } from '../../../src/figures/render';
import { stripGroupLabels } from '../../../src/figures/mark-labels';

describe('number formatting', () => {
  it('uses a true minus sign and drops the leading zero of correlations', () => {
    expect(fixed(-1.234, 2)).toBe('−1.23');
    expect(corr(0.6684)).toBe('.668');
    expect(corr(-0.2)).toBe('−.200');
    expect(corr(-0.004, 2)).toBe('.00');
    expect(count(10000)).toBe('10\u2009000');
    expect(percent(0.253, 1)).toBe('25.3%');
    expect(duration(42)).toBe('42 s');
    expect(duration(600)).toBe('10.0 min');
  });

  it('rounds deterministically to significant digits', () => {
    expect(roundSig(0.123456789, 4)).toBe(0.1235);
    expect(roundSig(-12345.6789, 3)).toBe(-12300);
    expect(roundSig(0)).toBe(0);
    expect(roundMatrix(fromRows([[1 / 3]]), 3)).toEqual([[0.333]]);
  });
});

describe('source listings', () => {
  it('extracts a function with its doc comment and nothing after it', () => {
    const text = `const a = 1;\n/** doc */\nexport function f(x: number): number {\n  if (x) { return 1; }\n  return 2;\n}\nexport function g() {}\n`;
    const out = extractDeclaration(text, 'f');
    expect(out.startsWith('/** doc */')).toBe(true);
    expect(out.endsWith('return 2;\n}')).toBe(true);
    expect(out).not.toContain('function g');
  });

  it('reads real declarations from the project and names a missing one', () => {
    expect(readDeclaration('src/lib/metrics.ts', 'srmr')).toContain('p * (p + 1)) / 2');
    expect(() => readDeclaration('src/lib/metrics.ts', 'nope')).toThrow(/no exported declaration named "nope"/);
  });
});

describe('figure markup', () => {
  it('rounds geometry attributes but never text', () => {
    const svg = '<rect x="1.23456" width="10" height="3.14159"></rect><text y="2.71828">0.66812</text>';
    expect(compactGeometry(svg)).toBe('<rect x="1.23" width="10" height="3.14"></rect><text y="2.72">0.66812</text>');
  });

  it('drops the style Plot puts inside each SVG, and nothing else', () => {
    expect(stripPlotStyle('<svg class="plot-d6a7b5"><style>:where(.plot-d6a7b5) {}</style><text>a</text></svg>')).toBe('<svg class="plot-d6a7b5"><text>a</text></svg>');
    const svg = renderPlot({ marks: [Plot.dot([{ x: 1, y: 2 }], { x: 'x', y: 'y' })] });
    expect(svg).not.toContain('<style');
    // the page's stylesheet carries the dropped rules for the class Plot actually emits
    const plotClass = /^<svg[^>]*class="(plot-[0-9a-f]+)"/.exec(svg)?.[1];
    expect(plotClass).toBeDefined();
    expect(readFileSync('src/styles/essay.css', 'utf8')).toContain(`:where(.${plotClass})`);
  });

  it('drops aria-label from plain groups and shapes (an unfaceted frame is a bare <rect>), not from text', () => {
    expect(stripGroupLabels('<g fill="red" aria-label="rect"><text aria-label="x">a</text></g>')).toBe('<g fill="red"><text aria-label="x">a</text></g>');
    expect(stripGroupLabels('<svg aria-label="s"><rect width="5" aria-label="frame" fill="none"></rect></svg>')).toBe('<svg aria-label="s"><rect width="5" fill="none"></rect></svg>');
  });
});

describe('the source page listings', () => {
  it('finds every <Source> in reading order, whatever the order of its attributes', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sections-'));
    writeFileSync(path.join(dir, '01-a.mdx'), 'text <Source file="src/lib/metrics.ts" symbol="srmr" /> more');
    writeFileSync(path.join(dir, '02-b.mdx'), '<Source symbol="lowRank" summary="x" file="src/lib/low-rank.ts" />');
    expect(essayListings(dir).map((l) => [l.section, l.file, l.symbol, l.id])).toEqual([
      ['01-a.mdx', 'src/lib/metrics.ts', 'srmr', 'lib-metrics-srmr'],
      ['02-b.mdx', 'src/lib/low-rank.ts', 'lowRank', 'lib-low-rank-lowRank'],
    ]);
  });

  it('names the section of a <Source> that lacks its file or symbol', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sections-'));
    writeFileSync(path.join(dir, '03-c.mdx'), '<Source symbol="srmr" />');
    expect(() => essayListings(dir)).toThrow(/03-c\.mdx: <Source.*needs file/);
  });
});
