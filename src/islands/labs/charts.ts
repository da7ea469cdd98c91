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

/**
 * One small trace plot per parameter (each with its own y scale: a mean near 0 and a scale
 * near 1 would flatten each other on a shared one), one line per chain; x is the draw index.
 */
export function drawTraces(el: Element, names: readonly string[], traces: readonly (readonly number[][])[], draws: number, width = 560): void {
  const chains = traces.map((_, c) => `chain ${c + 1}`);
  const plots = names.map((name, k) => {
    const data: { draw: number; value: number; chain: string }[] = [];
    traces.forEach((rows, c) => rows.forEach((row, d) => data.push({ draw: d + 1, value: row[k], chain: chains[c] })));
    return Plot.plot({
      width,
      height: k === names.length - 1 ? 120 : 95,
      marginLeft: 52,
      marginTop: 20,
      marginBottom: k === names.length - 1 ? 32 : 12,
      style: { fontSize: '11px' },
      x: { label: 'draw', domain: [0, Math.max(draws, 1)], axis: k === names.length - 1 ? 'bottom' : null },
      y: { label: name, nice: true, ticks: 3, labelAnchor: 'top' },
      color: { type: 'ordinal', scheme: 'dark2', domain: chains, legend: k === 0 },
      marks: [Plot.line(data, { x: 'draw', y: 'value', stroke: 'chain', strokeWidth: 0.8 }), Plot.frame({ strokeOpacity: 0.2 })],
    });
  });
  el.replaceChildren(...plots);
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
  el.replaceChildren(key, Plot.plot(heatmapLegend(RESIDUAL_LIMIT, '')));
}
