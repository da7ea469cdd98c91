/**
 * Figures of the structural equation model section: the path diagram, the forest plot of the
 * structural paths, trace and rank plots. Builders take result data and return Plot options
 * (or plain rows for tables); nothing here reads files.
 */
import * as Plot from '@observablehq/plot';
import { fixed } from '../data/format';
import type { SemResult } from '../lib/results/sem';

/** Series colours with at least 3:1 contrast against both the light and the dark page. */
export const SPEC_COLOURS = { original: '#c8551a', identified: '#2f7fbf' } as const;
export const CHAIN_COLOURS = ['#2f7fbf', '#c8551a', '#3f8a3a', '#a05fbf'] as const;

type Diagram = SemResult['diagram'];
type Node = Diagram['nodes'][number];
type Edge = Diagram['edges'][number];
type SummaryRow = SemResult['summary'][number];

/** A summary row by its lavaan-style name; throws (failing the build) when absent. */
export function summaryRow(result: SemResult, name: string): SummaryRow {
  const row = result.summary.find((r) => r.name === name);
  if (!row) throw new Error(`SEM result (${result.spec}) has no parameter "${name}"; it has ${result.summary.map((r) => r.name).join(', ')}`);
  return row;
}

/** The maximum-likelihood estimate and standard error of a parameter, when the fit has it. */
export function mlParameter(result: SemResult, name: string): { estimate: number; se: number | null } | undefined {
  return result.ml.parameters.find((p) => p.name === name);
}

/** Signed estimate with two decimals for arrow labels. */
const label = (v: number, digits = 2) => fixed(v, digits);

// ───────────────────────────── path diagram ─────────────────────────────

export interface DiagramInput {
  diagram: Diagram;
  /** series colour of the structural arrows */
  colour: string;
  width?: number;
  height?: number;
  /** also print the ML estimate under each structural path and the residual covariance */
  showMl?: boolean;
}

interface Segment {
  edge: Edge;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  text: string;
}

/**
 * The path diagram: latent factors as circles, indicators as boxes, loadings and structural
 * paths as arrows labelled with their posterior means (fixed marker loadings print 1), the
 * residual covariance as a two-headed arc and, for a free latent covariance, dashed arcs.
 * Node positions come from the result's own layout (coordinates in [0, 1]).
 */
export function diagramOptions(input: DiagramInput): Plot.PlotOptions {
  const { diagram, colour, width = 640, height = 430, showMl = false } = input;
  const at = new Map<string, Node>(diagram.nodes.map((n) => [n.id, n]));
  const pos = (id: string) => {
    const n = at.get(id);
    if (!n) throw new Error(`path diagram has no node "${id}"`);
    return n;
  };
  const latents = diagram.nodes.filter((n) => n.kind === 'latent');
  const indicators = diagram.nodes.filter((n) => n.kind === 'indicator');
  const boxW = 0.058;
  const boxH = 0.075;
  const segments = (kind: Edge['kind']): Segment[] =>
    diagram.edges
      .filter((e) => e.kind === kind)
      .map((edge) => {
        const a = pos(edge.from);
        const b = pos(edge.to);
        const est = edge.estimate;
        // ML values go under the structural estimates only; the loadings' fans are too tight
        const withMl = showMl && kind !== 'loading' && est !== null && est.ml !== null;
        const text = !est ? '' : edge.fixed ? '1' : withMl ? `${label(est.mean)}\n(${label(est.ml!)})` : label(est.mean);
        return { edge, x1: a.x, y1: a.y, x2: b.x, y2: b.y, text };
      });
  const loadings = segments('loading');
  const paths = segments('path');
  const residual = segments('residual-covariance');
  const latentCov = segments('latent-covariance');
  // label positions: loadings a little towards the indicator, paths at the middle
  const along = (s: Segment, t: number) => ({ x: s.x1 + t * (s.x2 - s.x1), y: s.y1 + t * (s.y2 - s.y1), text: s.text });
  // Path labels sit mid-arrow, except where two arrows cross: then the longer arrow's label
  // moves towards its left end and the shorter one's towards its lower end.
  const length = (s: Segment) => Math.hypot(s.x2 - s.x1, s.y2 - s.y1);
  const pathLabels = paths.map((s) => {
    const other = paths.find((o) => o !== s && crosses(s, o));
    if (!other) return along(s, 0.5);
    const fromLeft = s.x1 <= s.x2;
    const fromLow = s.y1 >= s.y2;
    if (length(s) > length(other)) return along(s, fromLeft ? 0.38 : 0.62);
    return along(s, fromLow ? 0.3 : 0.7);
  });
  const loadingLabels = loadings.map((s) => along(s, 0.62));
  const halo = { stroke: 'var(--plot-background)', strokeWidth: 4, paintOrder: 'stroke' as const, fill: 'currentColor' };
  return {
    width,
    height,
    margin: 24,
    marginTop: 34,
    x: { domain: [0, 1], axis: null },
    y: { domain: [0, 1], axis: null, reverse: true },
    style: { fontSize: '11px', overflow: 'visible' },
    marks: [
      // free latent covariances (only the original specification has them): dashed, unlabelled
      Plot.arrow(latentCov, { x1: 'x1', y1: 'y1', x2: 'x2', y2: 'y2', bend: 30, headLength: 0, stroke: 'currentColor', strokeOpacity: 0.45, strokeDasharray: '3,3', insetStart: 24, insetEnd: 24 }),
      Plot.arrow(loadings, { x1: 'x1', y1: 'y1', x2: 'x2', y2: 'y2', stroke: 'currentColor', strokeWidth: 1, headLength: 7, insetStart: 23, insetEnd: 17 }),
      Plot.arrow(paths, {
        x1: 'x1',
        y1: 'y1',
        x2: 'x2',
        y2: 'y2',
        stroke: colour,
        strokeWidth: 2.2,
        headLength: 10,
        insetStart: 24,
        insetEnd: 25,
      }),
      // the two-headed residual covariance: the same arc drawn in both directions
      Plot.arrow(residual, { x1: 'x1', y1: 'y1', x2: 'x2', y2: 'y2', bend: -70, stroke: colour, strokeWidth: 1.6, headLength: 7, insetStart: 14, insetEnd: 14 }),
      Plot.arrow(residual, { x1: 'x2', y1: 'y2', x2: 'x1', y2: 'y1', bend: 70, stroke: colour, strokeWidth: 1.6, headLength: 7, insetStart: 14, insetEnd: 14 }),
      Plot.text(residual, {
        x: (s: Segment) => (s.x1 + s.x2) / 2,
        y: (s: Segment) => Math.min(s.y1, s.y2) - 0.095,
        text: (s: Segment) => s.text,
        ...halo,
        fontWeight: 600,
      }),
      Plot.rect(indicators, { x1: (n: Node) => n.x - boxW / 2, x2: (n: Node) => n.x + boxW / 2, y1: (n: Node) => n.y - boxH / 2, y2: (n: Node) => n.y + boxH / 2, fill: 'var(--plot-background)', stroke: 'currentColor' }),
      Plot.text(indicators, { x: 'x', y: 'y', text: 'id', fill: 'currentColor', fontSize: 10 }),
      Plot.dot(latents, { x: 'x', y: 'y', r: 22, fill: 'var(--plot-background)', stroke: 'currentColor', strokeWidth: 1.5 }),
      Plot.text(latents, { x: 'x', y: 'y', text: 'id', fill: 'currentColor', fontWeight: 700, fontSize: 12 }),
      Plot.text(loadingLabels, { x: 'x', y: 'y', text: 'text', ...halo, fontSize: 10 }),
      Plot.text(pathLabels, { x: 'x', y: 'y', text: 'text', ...halo, fontWeight: 600, lineHeight: 1.1 }),
    ],
  };
}

/** Whether two segments cross at an interior point of both. */
function crosses(a: Segment, b: Segment): boolean {
  const d = (a.x2 - a.x1) * (b.y2 - b.y1) - (a.y2 - a.y1) * (b.x2 - b.x1);
  if (Math.abs(d) < 1e-12) return false;
  const t = ((b.x1 - a.x1) * (b.y2 - b.y1) - (b.y1 - a.y1) * (b.x2 - b.x1)) / d;
  const u = ((b.x1 - a.x1) * (a.y2 - a.y1) - (b.y1 - a.y1) * (a.x2 - a.x1)) / d;
  return t > 0.05 && t < 0.95 && u > 0.05 && u < 0.95;
}

// ───────────────────────────── forest plot ─────────────────────────────

export interface ForestRow {
  name: string;
  spec: 'original' | 'identified';
  mean: number;
  lower: number;
  upper: number;
}

/** The structural paths of both specifications as forest-plot rows, in the identified result's order. */
export function forestRows(original: SemResult, identified: SemResult): ForestRow[] {
  const names = identified.summary.filter((r) => r.group === 'path').map((r) => r.name);
  return names.flatMap((name) =>
    ([['original', original], ['identified', identified]] as const).map(([spec, r]) => {
      const s = summaryRow(r, name);
      return { name, spec, mean: s.mean, lower: s['hdi_3%'], upper: s['hdi_97%'] };
    }),
  );
}

/** `intervalLabel` names the intervals drawn, e.g. "94% HDI" (from the results, never typed). */
export function forestOptions(rows: readonly ForestRow[], ml: readonly { name: string; estimate: number; se: number | null }[], intervalLabel: string, width = 640): Plot.PlotOptions {
  const names = [...new Set(rows.map((r) => r.name))];
  const offset = { original: -7, identified: 7 } as const;
  const lim = Math.max(...rows.map((r) => Math.max(Math.abs(r.lower), Math.abs(r.upper)))) * 1.05;
  const mlRows = ml.filter((m) => names.includes(m.name));
  const marks: Plot.Markish[] = [Plot.ruleX([0], { stroke: 'currentColor', strokeOpacity: 0.5 })];
  for (const spec of ['original', 'identified'] as const) {
    const mine = rows.filter((r) => r.spec === spec);
    marks.push(
      Plot.ruleY(mine, { y: 'name', x1: 'lower', x2: 'upper', stroke: 'spec', strokeWidth: 2.5, dy: offset[spec] }),
      Plot.dot(mine, { y: 'name', x: 'mean', fill: 'spec', r: 4.5, dy: offset[spec] }),
    );
  }
  // ML estimate ± 1.96 SE is not drawn: the point is where ML lands, shown as an open diamond
  marks.push(Plot.dot(mlRows, { y: 'name', x: 'estimate', symbol: 'diamond', r: 5.5, stroke: 'currentColor', strokeWidth: 1.5, fill: 'none' }));
  // a drawn key (Plot's swatch legend wraps the SVG in HTML with a <style>, invalid in a page body)
  const key = [
    { label: 'original', dx: 6, spec: 'original' },
    { label: 'identified', dx: 86, spec: 'identified' },
  ];
  for (const k of key) {
    marks.push(
      Plot.dot([k], { frameAnchor: 'top-left', dx: k.dx, dy: -16, r: 4.5, fill: SPEC_COLOURS[k.spec as keyof typeof SPEC_COLOURS] }),
      Plot.text([k], { frameAnchor: 'top-left', dx: k.dx + 9, dy: -16, text: 'label', textAnchor: 'start', fill: 'currentColor' }),
    );
  }
  marks.push(
    Plot.dot([0], { frameAnchor: 'top-left', dx: 180, dy: -16, symbol: 'diamond', r: 5, stroke: 'currentColor', fill: 'none' }),
    Plot.text(['maximum likelihood'], { frameAnchor: 'top-left', dx: 189, dy: -16, textAnchor: 'start', fill: 'currentColor' }),
  );
  return {
    width,
    marginTop: 34,
    height: 60 + names.length * 46,
    marginLeft: 78,
    marginRight: 20,
    marginBottom: 40,
    style: { fontSize: '12px' },
    x: { domain: [-lim, lim], grid: true, label: `path coefficient: posterior mean and ${intervalLabel} →`, labelAnchor: 'center' },
    y: { domain: names, label: null, tickSize: 0 },
    color: { domain: ['original', 'identified'], range: [SPEC_COLOURS.original, SPEC_COLOURS.identified] },
    marks,
  };
}

// ───────────────────────────── traces and ranks ─────────────────────────────

/** Thinned draws of one parameter: draws[chain][k]. */
export function traceOf(result: SemResult, name: string): number[][] {
  const col = result.traces.columns.indexOf(name);
  if (col < 0) throw new Error(`SEM result (${result.spec}) keeps no trace of "${name}"`);
  return result.traces.values.map((chain) => chain[col]);
}

interface TracePoint {
  chain: string;
  draw: number;
  value: number;
}

export function traceOptions(draws: readonly (readonly number[])[], every: number, domain: [number, number], width = 360, height = 150): Plot.PlotOptions {
  const points: TracePoint[] = draws.flatMap((chain, c) => chain.map((value, k) => ({ chain: `chain ${c + 1}`, draw: (k + 1) * every, value })));
  return {
    width,
    height,
    marginLeft: 48,
    marginRight: 22,
    marginTop: 8,
    marginBottom: 32,
    style: { fontSize: '10px' },
    x: { label: 'draw →', labelAnchor: 'right', ticks: 4 },
    y: { domain, label: null, ticks: 4, grid: true },
    color: { domain: draws.map((_, c) => `chain ${c + 1}`), range: [...CHAIN_COLOURS] },
    marks: [Plot.lineY(points, { x: 'draw', y: 'value', stroke: 'chain', strokeWidth: 0.8, strokeOpacity: 0.85 })],
  };
}

export interface RankBar {
  chain: number;
  bin: number;
  share: number;
}

/**
 * Rank histogram per chain: all thinned draws pooled and ranked, then each chain's ranks
 * binned. Well-mixed chains give flat histograms; `share` is the bin count over its expected
 * count under uniform ranks (1 = flat).
 */
export function rankBars(draws: readonly (readonly number[])[], bins = 20): RankBar[] {
  const pooled = draws.flatMap((chain, c) => chain.map((v, k) => ({ v, c, k })));
  pooled.sort((a, b) => a.v - b.v);
  const total = pooled.length;
  const counts = draws.map(() => new Array<number>(bins).fill(0));
  pooled.forEach((p, rank) => (counts[p.c][Math.min(bins - 1, Math.floor((rank * bins) / total))] += 1));
  return counts.flatMap((row, chain) => {
    const expected = draws[chain].length / bins;
    return row.map((n, bin) => ({ chain, bin, share: n / expected }));
  });
}

interface RankStep {
  chain: number;
  x: number;
  share: number;
}

/** Corners of each chain's step outline: every bin's left edge, then the last bin's right edge. */
function rankSteps(bars: readonly RankBar[], chains: number, bins: number): RankStep[] {
  return Array.from({ length: chains }, (_, chain) => {
    const own = bars.filter((b) => b.chain === chain).sort((a, b) => a.bin - b.bin);
    const points = own.map((b) => ({ chain, x: b.bin, share: b.share }));
    points.push({ chain, x: bins, share: own[own.length - 1]?.share ?? 0 });
    return points;
  }).flat();
}

export function rankOptions(bars: readonly RankBar[], chains: number, bins = 20, width = 260, height = 150): Plot.PlotOptions {
  // each chain gets a lane of height 1; a flat histogram fills half of it
  const scale = 0.45;
  return {
    width,
    height,
    marginLeft: 56,
    marginRight: 18,
    marginTop: 8,
    marginBottom: 32,
    style: { fontSize: '10px' },
    x: { domain: [0, bins], label: 'rank bin →', labelAnchor: 'right', ticks: [0, bins / 2, bins], tickFormat: (d: number) => (d === 0 ? 'low' : d === bins ? 'high' : '') },
    y: { domain: [0, chains], ticks: Array.from({ length: chains }, (_, c) => c + 0.2), tickFormat: (t: number) => `chain ${Math.round(t - 0.2) + 1}`, label: null, tickSize: 0 },
    color: { domain: Array.from({ length: chains }, (_, c) => c), range: [...CHAIN_COLOURS] },
    marks: [
      // each chain's histogram as one stepped area in its lane (bars would be bins × chains elements)
      Plot.areaY(rankSteps(bars, chains, bins), { x: 'x', y1: 'chain', y2: (d: RankStep) => d.chain + d.share * scale, z: 'chain', fill: 'chain', curve: 'step-after', fillOpacity: 0.9 }),
      Plot.ruleY(Array.from({ length: chains }, (_, c) => c + scale), { stroke: 'currentColor', strokeDasharray: '2,2', strokeOpacity: 0.7 }),
    ],
  };
}

// ───────────────────────────── prior arithmetic ─────────────────────────────

/** Parse "Name(a, b)" into its parameters (e.g. a prior string of a result's specification). */
export function priorParameters(text: string): { name: string; params: number[] } {
  const m = /^\s*([A-Za-z]+)\s*\(([^)]*)\)\s*$/.exec(text);
  if (!m) throw new Error(`cannot read the prior "${text}"`);
  return { name: m[1], params: m[2].split(',').map((s) => Number(s.trim())) };
}

/**
 * P(S ≤ s) for S ~ InverseGamma(a, b) with integer shape a: Q(a, b/s), the regularised upper
 * incomplete gamma function, which for integer a is e^{−x} Σ_{k<a} x^k / k!.
 */
export function inverseGammaCdf(s: number, a: number, b: number): number {
  if (!Number.isInteger(a) || a < 1) throw new Error('inverseGammaCdf: integer shape only');
  const x = b / s;
  let term = 1;
  let sum = 1;
  for (let k = 1; k < a; k++) {
    term *= x / k;
    sum += term;
  }
  return Math.exp(-x) * sum;
}
