/**
 * The labs' charts, drawn with Observable Plot in the browser. Loaded on demand (this module
 * imports Plot). Heatmaps reuse the essay's builders in src/figures/heatmap.ts.
 */
import * as Plot from '@observablehq/plot';
import { GROUPS, INDICATORS } from '../../lib/data';
import { heatmapLegend, heatmapOptions } from '../../figures/heatmap';
import { stripGroupLabelsIn } from '../../figures/mark-labels';

/** The essay's residual scale (section 5). */
export const RESIDUAL_LIMIT = 0.25;

const groups = GROUPS.map((g) => {
  const start = INDICATORS.indexOf(g.indicators[0]);
  return { label: g.label, start, end: start + g.indicators.length };
});

/** Puts drawn charts in `el`, without Plot's aria-labels on mark groups (the container has the text alternative). */
const show = (el: Element, ...nodes: Element[]) => el.replaceChildren(...nodes.map(stripGroupLabelsIn));

export interface LossPoint {
  readonly epoch: number;
  readonly trainLoss: number;
  readonly testLoss: number;
}

export function drawLoss(el: Element, losses: readonly LossPoint[], maxEpochs: number, width = 560): void {
  const data = losses.flatMap((l) => [
    { epoch: l.epoch, loss: l.trainLoss, set: 'train' },
    { epoch: l.epoch, loss: l.testLoss, set: 'test' },
  ]);
  show(
    el,
    Plot.plot({
      width,
      height: 220,
      marginLeft: 52,
      style: { fontSize: '11px' },
      x: { label: 'epoch', domain: [0, Math.max(maxEpochs, 1)] },
      y: { label: 'loss', grid: true },
      color: { domain: ['train', 'test'], range: ['#888', 'currentColor'], legend: true },
      marks: [Plot.line(data, { x: 'epoch', y: 'loss', stroke: 'set', strokeWidth: 1.5 })],
    }),
  );
}

/** A chain's warm-up so far, drawn before its retained draws. */
export interface WarmupTraces {
  /** per chain: warm-up iterations so far, one row of traced values each */
  readonly traces: readonly (readonly number[][])[];
  /** warm-up iterations per chain (the width of the warm-up band) */
  readonly iterations: number;
}

/**
 * One small trace plot per parameter (each with its own y scale: a mean near 0 and a scale
 * near 1 would flatten each other on a shared one), one line per chain; x is the iteration.
 * Warm-up iterations (1 … W) sit in a shaded band labelled "warm-up" and ended by a dashed
 * rule, drawn as lighter lines; retained draws follow at W + 1 … W + draws. Once there are
 * retained draws the y scale is theirs, and the warm-up's early excursions (from inits on
 * (−2, 2)) are clipped at the frame: otherwise they would flatten the draws that matter.
 * The band, rule and label carry the distinction, not colour alone.
 */
export function drawTraces(el: Element, names: readonly string[], traces: readonly (readonly number[][])[], draws: number, width = 560, warmup: WarmupTraces = { traces: [], iterations: 0 }): void {
  const chains = traces.map((_, c) => `chain ${c + 1}`);
  const w = warmup.iterations;
  const anyRetained = traces.some((rows) => rows.length > 0);
  const plots = names.map((name, k) => {
    type Point = { iteration: number; value: number; chain: string };
    const retained: Point[] = [];
    const early: Point[] = [];
    traces.forEach((rows, c) => rows.forEach((row, d) => retained.push({ iteration: w + d + 1, value: row[k], chain: chains[c] })));
    warmup.traces.forEach((rows, c) => rows.forEach((row, d) => early.push({ iteration: d + 1, value: row[k], chain: chains[c] })));
    const first = k === 0;
    const last = k === names.length - 1;
    const band = w > 0 ? [Plot.rect([{ x1: 0, x2: w }], { x1: 'x1', x2: 'x2', fill: 'currentColor', fillOpacity: 0.07 }), Plot.ruleX([w], { strokeDasharray: '3,3', strokeOpacity: 0.5 })] : [];
    const labels =
      w > 0 && first
        ? [
            Plot.text(['warm-up'], { x: w / 2, frameAnchor: 'top', dy: -12, text: (d: string) => d, fill: 'currentColor' }),
            Plot.text(['draws'], { x: w + Math.max(draws, 1) / 2, frameAnchor: 'top', dy: -12, text: (d: string) => d, fill: 'currentColor' }),
          ]
        : [];
    return Plot.plot({
      width,
      height: last ? 120 : first && w > 0 ? 105 : 95,
      marginLeft: 52,
      marginRight: 20, // the same on every panel (Plot's default depends on the axis), so iterations line up
      marginTop: first && w > 0 ? 30 : 20,
      marginBottom: last ? 32 : 12,
      style: { fontSize: '11px' },
      x: { label: w > 0 ? 'iteration' : 'draw', domain: [0, w + Math.max(draws, 1)], axis: last ? 'bottom' : null },
      y: { label: name, nice: true, ticks: 3, labelAnchor: 'top', domain: anyRetained ? extent(retained) : undefined },
      color: { type: 'ordinal', scheme: 'dark2', domain: chains, legend: first },
      marks: [
        ...band,
        ...labels,
        Plot.line(early, { x: 'iteration', y: 'value', stroke: 'chain', strokeWidth: 0.8, strokeOpacity: 0.45, clip: true }),
        Plot.line(retained, { x: 'iteration', y: 'value', stroke: 'chain', strokeWidth: 0.8 }),
        Plot.frame({ strokeOpacity: 0.2 }),
      ],
    });
  });
  show(el, ...plots);
  // what is on show, all chains together (for tests)
  const rows = (t: readonly (readonly number[][])[]) => String(t.reduce((a, r) => a + r.length, 0));
  (el as HTMLElement).dataset.warmupShown = rows(warmup.traces);
  (el as HTMLElement).dataset.drawsShown = rows(traces);
}

/** [min, max] of the points' finite values, widened when they are all equal; undefined if none. */
function extent(points: readonly { value: number }[]): [number, number] | undefined {
  let lo = Infinity;
  let hi = -Infinity;
  for (const p of points) {
    if (p.value < lo) lo = p.value;
    if (p.value > hi) hi = p.value;
  }
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return undefined;
  return lo < hi ? [lo, hi] : [lo - 1, hi + 1];
}

/** `names` defaults to the twelve indicators; the group outlines are drawn only for those. */
export function drawResidual(el: Element, matrix: readonly (readonly number[])[], size = 360, names: readonly string[] = INDICATORS): void {
  const full = names.length === INDICATORS.length && names.every((n, i) => n === INDICATORS[i]);
  show(el, Plot.plot(heatmapOptions({ matrix, names, limit: RESIDUAL_LIMIT, groups: full ? groups : [], digits: 2, size })));
}

export function drawResidualLegend(el: Element): void {
  // The colour key's words go in a line of text: a long axis label overlaps the ramp.
  const key = document.createElement('p');
  key.className = 'lab-legend-label';
  key.textContent = 'Colour: residual correlation, truth − model';
  show(el, key, Plot.plot(heatmapLegend(RESIDUAL_LIMIT, '')));
}
