/**
 * The SEM section's figure builders (src/figures/sem.ts), rendered as the site renders them.
 * Snapshots come from small fixed inputs (they change only when the builder does); the
 * structural checks on the committed results state what each figure must show whatever the
 * numbers (one circle per latent factor, one box per indicator, an arrow per edge).
 */
import { describe, expect, it } from 'vitest';
import { loadResult } from '../../../src/data/results';
import { diagramOptions, forestOptions, forestRows, rankBars, rankOptions, SPEC_COLOURS, traceOf, traceOptions, type ForestRow } from '../../../src/figures/sem';
import type { SemResult } from '../../../src/lib/results/sem';
import { expectFinite, expectSnapshot, render } from './svg';

type Diagram = SemResult['diagram'];
const est = (mean: number, ml: number | null = null) => ({ mean, lower: mean - 0.2, upper: mean + 0.2, ml, mlSe: ml === null ? null : 0.05 });

/** Three factors with two indicators each; every kind of edge once, and two crossing paths. */
const diagram: Diagram = {
  nodes: [
    { id: 'F1', kind: 'latent', x: 0.15, y: 0.3, variance: null },
    { id: 'F2', kind: 'latent', x: 0.5, y: 0.7, variance: null },
    { id: 'F3', kind: 'latent', x: 0.85, y: 0.3, variance: null },
    { id: 'a1', kind: 'indicator', x: 0.08, y: 0.05, variance: null },
    { id: 'a2', kind: 'indicator', x: 0.22, y: 0.05, variance: null },
    { id: 'b1', kind: 'indicator', x: 0.43, y: 0.95, variance: null },
    { id: 'b2', kind: 'indicator', x: 0.57, y: 0.95, variance: null },
    { id: 'c1', kind: 'indicator', x: 0.78, y: 0.05, variance: null },
    { id: 'c2', kind: 'indicator', x: 0.92, y: 0.05, variance: null },
  ],
  edges: [
    { name: 'F1=~a1', from: 'F1', to: 'a1', kind: 'loading', fixed: true, estimate: est(1, 1) },
    { name: 'F1=~a2', from: 'F1', to: 'a2', kind: 'loading', fixed: false, estimate: est(0.83, 0.8) },
    { name: 'F2=~b1', from: 'F2', to: 'b1', kind: 'loading', fixed: true, estimate: est(1, 1) },
    { name: 'F2=~b2', from: 'F2', to: 'b2', kind: 'loading', fixed: false, estimate: est(1.21, 1.18) },
    { name: 'F3=~c1', from: 'F3', to: 'c1', kind: 'loading', fixed: true, estimate: est(1, 1) },
    { name: 'F3=~c2', from: 'F3', to: 'c2', kind: 'loading', fixed: false, estimate: est(0.64, 0.66) },
    { name: 'F2~F1', from: 'F1', to: 'F2', kind: 'path', fixed: false, estimate: est(-0.42, -0.4) },
    { name: 'F3~F1', from: 'F1', to: 'F3', kind: 'path', fixed: false, estimate: est(0.08, 0.07) },
    { name: 'F3~F2', from: 'F2', to: 'F3', kind: 'path', fixed: false, estimate: est(0.56, 0.58) },
    { name: 'a2~~c1', from: 'a2', to: 'c1', kind: 'residual-covariance', fixed: false, estimate: est(-0.05, -0.06) },
    { name: 'F1~~F2', from: 'F1', to: 'F2', kind: 'latent-covariance', fixed: false, estimate: est(0.1) },
  ],
  levels: { F1: 0, F2: 1, F3: 2 },
  pathPlacement: 'intended',
};
const count = (kind: Diagram['edges'][number]['kind'], d: Diagram = diagram) => d.edges.filter((e) => e.kind === kind).length;
/** Plot draws each arrow as one <path>; the two-headed residual covariance is two arrows. */
const arrowsOf = (d: Diagram) => d.edges.length + count('residual-covariance', d);

describe('path diagram', () => {
  it('matches its snapshot, with the ML estimates under the structural paths', async () => {
    const figure = render(diagramOptions({ diagram, colour: SPEC_COLOURS.identified, showMl: true }));
    expectFinite(figure);
    await expectSnapshot(figure, 'sem-diagram');
    // "estimate (ML)" on paths and the residual covariance; loadings print the estimate alone
    expect(figure.texts()).toEqual(expect.arrayContaining(['−0.42 (−0.40)', '0.56 (0.58)', '−0.05 (−0.06)', '0.83', '1.21']));
    expect(figure.texts()).not.toContain('0.83 (0.80)');
  });

  it('draws a circle per factor, a box per indicator, an arrow per edge, and a label on every free arrow', () => {
    const figure = render(diagramOptions({ diagram, colour: SPEC_COLOURS.original }));
    expect(figure.all('circle')).toHaveLength(3);
    expect(figure.all('rect')).toHaveLength(6);
    expect(figure.all('path')).toHaveLength(arrowsOf(diagram));
    // the structural arrows carry the series colour; the dashed latent covariance is unlabelled
    expect(figure.all(`g[stroke="${SPEC_COLOURS.original}"] > path`)).toHaveLength(count('path') + 2 * count('residual-covariance'));
    expect(figure.all('g[stroke-dasharray="3,3"] > path')).toHaveLength(count('latent-covariance'));
    const texts = figure.texts();
    for (const n of diagram.nodes) expect(texts).toContain(n.id);
    expect(texts.filter((t) => t === '1')).toHaveLength(3); // fixed marker loadings
    expect(texts).toHaveLength(diagram.nodes.length + diagram.edges.length - count('latent-covariance'));
    expect(texts).not.toContain('−0.42 (−0.40)');
  });

  it('moves the labels of two crossing paths off the crossing, and keeps a lone path label mid-arrow', () => {
    // F1 → F3 runs level at y = 0.3; F2, moved to the top, → F4 below it crosses it at (0.5, 0.3)
    const nodes = [...diagram.nodes.map((n) => (n.id === 'F2' ? { ...n, y: 0.05 } : n)), { id: 'F4', kind: 'latent' as const, x: 0.5, y: 0.6, variance: null }];
    const long = { name: 'F3~F1', from: 'F1', to: 'F3', kind: 'path' as const, fixed: false, estimate: est(0.08) };
    const short = { name: 'F4~F2', from: 'F2', to: 'F4', kind: 'path' as const, fixed: false, estimate: est(0.5) };
    const at = (edges: Diagram['edges'], text: string) => {
      const marks = diagramOptions({ diagram: { ...diagram, nodes, edges }, colour: '#000' }).marks as unknown as { data: { x: number; y: number; text: string }[] }[];
      const label = marks.flatMap((m) => (Array.isArray(m.data) ? m.data : [])).find((d) => d.text === text && 'x' in d); // the label, not its arrow's segment
      if (!label) throw new Error(`no label "${text}"`);
      return { x: label.x, y: label.y };
    };
    expect(at([long], '0.08')).toEqual({ x: 0.5, y: 0.3 });
    // crossing: the longer arrow's label moves towards its left end, the shorter's towards its lower end
    expect(at([long, short], '0.08').x).toBeCloseTo(0.15 + 0.38 * 0.7, 12);
    expect(at([long, short], '0.50').y).toBeCloseTo(0.05 + 0.7 * 0.55, 12);
  });

  it('throws naming a node an edge points to but the diagram lacks', () => {
    const broken: Diagram = { ...diagram, edges: [...diagram.edges, { name: 'F3=~zz', from: 'F3', to: 'zz', kind: 'loading', fixed: false, estimate: est(1) }] };
    expect(() => diagramOptions({ diagram: broken, colour: '#000' })).toThrow(/path diagram has no node "zz"/);
  });

  it('draws the committed results: every latent, indicator and edge of both specifications', () => {
    for (const id of ['sem-original-263', 'sem-identified-263'] as const) {
      const r = loadResult(id);
      const figure = render(diagramOptions({ diagram: r.diagram, colour: SPEC_COLOURS.identified, showMl: r.spec === 'identified' }));
      expectFinite(figure);
      expect(figure.all('circle'), id).toHaveLength(r.latents.length);
      expect(figure.all('rect'), id).toHaveLength(r.observed.length);
      expect(figure.all('path'), id).toHaveLength(arrowsOf(r.diagram));
      for (const name of [...r.latents, ...r.observed]) expect(figure.texts(), id).toContain(name);
    }
  });
});

const diamonds = (figure: ReturnType<typeof render>) => figure.all('path').filter((p) => /Z$/.test(p.getAttribute('d') ?? ''));

describe('forest plot', () => {
  const rows: ForestRow[] = [
    { name: 'F2~F1', spec: 'original', mean: 0.3, lower: -0.6, upper: 1.2 },
    { name: 'F2~F1', spec: 'identified', mean: -0.42, lower: -0.55, upper: -0.29 },
    { name: 'F3~F2', spec: 'original', mean: 0.2, lower: -0.1, upper: 0.5 },
    { name: 'F3~F2', spec: 'identified', mean: 0.56, lower: 0.22, upper: 0.9 },
  ];
  const ml = [
    { name: 'F2~F1', estimate: -0.43, se: 0.07 },
    { name: 'F3~F2', estimate: 0.58, se: 0.18 },
    { name: 'F1~~F1', estimate: 0.2, se: 0.05 }, // not a path: not drawn
  ];

  it('matches its snapshot', async () => {
    const figure = render(forestOptions(rows, ml, '94% HDI'));
    expectFinite(figure);
    await expectSnapshot(figure, 'sem-forest');
  });

  it('draws an interval and a dot per path and specification, an ML diamond per path, and a symmetric axis', () => {
    const options = forestOptions(rows, ml, '94% HDI');
    const figure = render(options);
    for (const [spec, colour] of Object.entries(SPEC_COLOURS)) {
      const mine = rows.filter((r) => r.spec === spec).length;
      expect(figure.all(`line[stroke="${colour}"]`), spec).toHaveLength(mine);
      expect(figure.all(`circle[fill="${colour}"]`), spec).toHaveLength(mine);
      expect(figure.all(`g[fill="${colour}"] > circle`), `${spec} key`).toHaveLength(1);
    }
    // ML diamonds (closed paths): one per path (the non-path F1~~F1 is left out), plus the key's
    expect(diamonds(figure)).toHaveLength(2 + 1);
    const texts = figure.texts();
    expect(texts).toEqual(expect.arrayContaining(['F2~F1', 'F3~F2', 'original', 'identified', 'maximum likelihood', 'path coefficient: posterior mean and 94% HDI →']));
    const domain = (options.x as { domain: [number, number] }).domain;
    expect(domain[0]).toBeCloseTo(-domain[1], 12);
    expect(domain[1]).toBeCloseTo(1.2 * 1.05, 12);
  });

  it('takes every structural path of both committed results, in the identified order', () => {
    const original = loadResult('sem-original-263');
    const identified = loadResult('sem-identified-263');
    const paths = identified.summary.filter((r) => r.group === 'path').map((r) => r.name);
    const got = forestRows(original, identified);
    expect(got).toHaveLength(2 * paths.length);
    expect([...new Set(got.map((r) => r.name))]).toEqual(paths);
    for (const r of got) expect(r.lower).toBeLessThanOrEqual(r.mean), expect(r.mean).toBeLessThanOrEqual(r.upper);
    const figure = render(forestOptions(got, identified.ml.parameters, '94% HDI'));
    expectFinite(figure);
    for (const colour of Object.values(SPEC_COLOURS)) expect(figure.all(`line[stroke="${colour}"]`)).toHaveLength(paths.length);
    expect(diamonds(figure)).toHaveLength(paths.length + 1);
  });
});

describe('trace and rank plots', () => {
  // two chains of six thinned draws; chain 1 holds the low values, chain 2 the high ones
  const draws = [
    [0.1, 0.3, 0.2, 0.4, 0.15, 0.25],
    [0.6, 0.8, 0.7, 0.9, 0.65, 0.75],
  ];

  it('traces match their snapshot: one line per chain, in the chain colours', async () => {
    const figure = render(traceOptions(draws, 10, [0, 1]));
    expectFinite(figure);
    await expectSnapshot(figure, 'sem-trace');
    expect(figure.all('path[stroke]').map((p) => p.getAttribute('stroke'))).toEqual(['#2f7fbf', '#c8551a']);
    expect(figure.texts()).toContain('draw →');
  });

  it('ranks a separated pair of chains into opposite halves, and well-mixed chains into flat histograms', () => {
    const separated = rankBars(draws, 2);
    expect(separated).toEqual([
      { chain: 0, bin: 0, share: 2 },
      { chain: 0, bin: 1, share: 0 },
      { chain: 1, bin: 0, share: 0 },
      { chain: 1, bin: 1, share: 2 },
    ]);
    const mixed = rankBars([[1, 4, 5, 8], [2, 3, 6, 7]], 2);
    expect(mixed.map((b) => b.share)).toEqual([1, 1, 1, 1]);
  });

  it('rank plot matches its snapshot: one stepped area per chain, a dashed flat line per lane', async () => {
    const figure = render(rankOptions(rankBars(draws, 4), 2, 4));
    expectFinite(figure);
    await expectSnapshot(figure, 'sem-rank');
    expect(figure.all('path[fill]')).toHaveLength(2);
    expect(figure.all('g[stroke-dasharray="2,2"] > line')).toHaveLength(2);
    expect(figure.texts()).toEqual(expect.arrayContaining(['chain 1', 'chain 2', 'low', 'high', 'rank bin →']));
  });

  it('reads a committed trace by name, and names a parameter it does not keep', () => {
    const r = loadResult('sem-identified-263');
    const t = traceOf(r, 'JS~SWB');
    expect(t).toHaveLength(r.traces.values.length);
    expect(() => traceOf(r, 'no~such')).toThrow(/keeps no trace of "no~such"/);
  });
});
