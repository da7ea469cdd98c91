/**
 * The labs' charts, drawn with Observable Plot in the browser. Loaded on demand (this module
 * imports Plot). Heatmaps reuse the essay's builders in src/figures/heatmap.ts.
 */
import * as Plot from '@observablehq/plot';
import { GROUPS, INDICATORS } from '../../lib/data';
import { heatmapLegend, heatmapOptions } from '../../figures/heatmap';

/** The essay's residual scale (section 5). */
export const RESIDUAL_LIMIT = 0.25;

const groups = GROUPS.map((g) => {
  const start = INDICATORS.indexOf(g.indicators[0]);
  return { label: g.label, start, end: start + g.indicators.length };
});

const show = (el: Element, node: Element) => el.replaceChildren(node);

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

/** Traces per parameter (facets), one line per chain; x is the draw index. */
export function drawTraces(el: Element, names: readonly string[], traces: readonly (readonly number[][])[], draws: number, width = 560): void {
  const data: { param: string; draw: number; value: number; chain: string }[] = [];
  traces.forEach((rows, c) => rows.forEach((row, d) => row.forEach((value, k) => data.push({ param: names[k], draw: d + 1, value, chain: `chain ${c + 1}` }))));
  show(
    el,
    Plot.plot({
      width,
      height: 110 * names.length,
      marginLeft: 52,
      marginRight: 110,
      style: { fontSize: '11px' },
      x: { label: 'draw', domain: [0, Math.max(draws, 1)] },
      y: { label: null, nice: true },
      fy: { domain: [...names], label: null },
      facet: { data, y: 'param' },
      color: { legend: true, type: 'ordinal', scheme: 'dark2', domain: traces.map((_, c) => `chain ${c + 1}`) },
      marks: [Plot.line(data, { x: 'draw', y: 'value', stroke: 'chain', fy: 'param', strokeWidth: 0.8 }), Plot.frame({ strokeOpacity: 0.2 })],
    }),
  );
}

/** `names` defaults to the twelve indicators; the group outlines are drawn only for those. */
export function drawResidual(el: Element, matrix: readonly (readonly number[])[], size = 360, names: readonly string[] = INDICATORS): void {
  const full = names.length === INDICATORS.length && names.every((n, i) => n === INDICATORS[i]);
  show(el, Plot.plot(heatmapOptions({ matrix, names, limit: RESIDUAL_LIMIT, groups: full ? groups : [], digits: 2, size })));
}

export function drawResidualLegend(el: Element): void {
  show(el, Plot.plot(heatmapLegend(RESIDUAL_LIMIT, 'residual correlation (truth − model)')));
}
