/**
 * Correlation and residual heatmaps: a 12 × 12 grid of cells on a diverging scale, annotated
 * with their values, with the indicator groups outlined along the diagonal. A symmetric matrix
 * (every correlation and residual matrix here) is coloured whole but annotated below the
 * diagonal only: the upper triangle repeats it, and the diagonal is fixed (1 or 0).
 * Builders return Plot options, so the same figure renders at build time and in a browser.
 */
import * as Plot from '@observablehq/plot';
import { corr } from '../data/format';
import { matrixImageUri } from './pixels';

export interface HeatmapInput {
  matrix: readonly (readonly number[])[];
  names: readonly string[];
  /** symmetric colour domain: [-limit, limit] */
  limit: number;
  /** blocks outlined along the diagonal, as [start, endExclusive] index ranges */
  groups?: readonly { label: string; start: number; end: number }[];
  /** decimals in the annotations */
  digits?: number;
  size?: number;
}

interface Cell {
  i: number;
  j: number;
  value: number;
}

function heatmapCells(matrix: readonly (readonly number[])[]): Cell[] {
  const cells: Cell[] = [];
  matrix.forEach((row, i) => row.forEach((value, j) => cells.push({ i, j, value })));
  return cells;
}

/** Equal across the diagonal to rounding noise (1e-9, far below any printed digit). */
export function isSymmetric(matrix: readonly (readonly number[])[]): boolean {
  return matrix.every((row, i) => row.length === matrix.length && row.every((v, j) => Math.abs(v - matrix[j][i]) <= 1e-9));
}

/** The cells that carry a printed value: the lower triangle of a symmetric matrix, else all. */
export function annotatedCells(matrix: readonly (readonly number[])[]): Cell[] {
  const cells = heatmapCells(matrix);
  return isSymmetric(matrix) ? cells.filter((c) => c.i > c.j) : cells;
}

export function heatmapOptions(input: HeatmapInput): Plot.PlotOptions {
  const { matrix, names, limit, groups = [], digits = 2, size = 540 } = input;
  const p = names.length;
  const cells = annotatedCells(matrix);
  const ticks = names.map((_, k) => k + 0.5);
  const label = (t: number) => names[Math.floor(t)] ?? '';
  const margin = { marginLeft: 44, marginTop: 36, marginBottom: 8, marginRight: 8 };
  const height = size - 20;
  // cell colours as one pixelated image: a few hundred fewer DOM nodes per heatmap
  const src = matrixImageUri(matrix, limit);
  return {
    width: size,
    height,
    ...margin,
    style: { fontSize: '11px' },
    x: { domain: [0, p], ticks, tickFormat: label, axis: 'top', label: null, tickSize: 0 },
    y: { domain: [0, p], ticks, tickFormat: label, reverse: true, label: null, tickSize: 0 },
    marks: [
      Plot.image([src], {
        x: p / 2,
        y: p / 2,
        width: size - margin.marginLeft - margin.marginRight,
        height: height - margin.marginTop - margin.marginBottom,
        src: (d: string) => d,
        preserveAspectRatio: 'none',
        imageRendering: 'pixelated',
      }),
      // thin grid lines in the page colour separate the cells, as the old inset did
      Plot.gridX(ticks.map((t) => t - 0.5).slice(1), { stroke: 'var(--bg, white)', strokeOpacity: 1, strokeWidth: 1 }),
      Plot.gridY(ticks.map((t) => t - 0.5).slice(1), { stroke: 'var(--bg, white)', strokeOpacity: 1, strokeWidth: 1 }),
      Plot.text(cells, {
        x: (d: Cell) => d.j + 0.5,
        y: (d: Cell) => d.i + 0.5,
        text: (d: Cell) => corr(d.value, digits),
        fill: (d: Cell) => (Math.abs(d.value) > 0.55 * limit ? 'white' : 'black'),
        fontSize: 9,
      }),
      Plot.rect(groups, { x1: 'start', x2: 'end', y1: 'start', y2: 'end', fill: 'none', stroke: 'currentColor', strokeWidth: 1.5 }),
    ],
  };
}

/**
 * A colour-ramp legend drawn with Plot marks (Plot's own ramp legend paints a canvas, which
 * does not exist at build time).
 */
export function heatmapLegend(limit: number, label: string, steps = 48): Plot.PlotOptions {
  const w = (2 * limit) / steps;
  const stops = Array.from({ length: steps }, (_, k) => -limit + k * w);
  return {
    width: 320,
    height: 46,
    marginTop: 16,
    marginBottom: 18,
    marginLeft: 12,
    marginRight: 12,
    style: { fontSize: '10px' },
    x: { domain: [-limit, limit], ticks: 5, tickFormat: (d: number) => corr(d, 2), label, labelAnchor: 'center', labelOffset: 0 },
    y: { axis: null },
    color: { type: 'linear', scheme: 'RdBu', domain: [-limit, limit] },
    marks: [Plot.rect(stops, { x1: (d: number) => d, x2: (d: number) => d + w * 1.02, y1: 0, y2: 1, fill: (d: number) => d + w / 2 })],
  };
}
