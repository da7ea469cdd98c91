/** SVD figures: data matrices as images, and reconstruction error against rank. */
import * as Plot from '@observablehq/plot';
import { matrixImageUri } from './pixels';

export interface MatrixPanel {
  title: string;
  rows: readonly (readonly number[])[];
}

/**
 * One n × p matrix as an image: a single PNG pixel per cell, scaled without smoothing, with
 * Plot's axes around it. (Thousands of SVG rectangles would make the page slow to lay out.)
 */
export function matrixImageOptions(panel: MatrixPanel, names: readonly string[], limit = 2.5, opts: { width?: number; height?: number; yAxis?: boolean } = {}): Plot.PlotOptions {
  const { width = 170, height = 340, yAxis = true } = opts;
  const n = panel.rows.length;
  const p = names.length;
  const margin = { marginLeft: yAxis ? 34 : 8, marginRight: 8, marginTop: 26, marginBottom: 24 };
  const innerW = width - margin.marginLeft - margin.marginRight;
  const innerH = height - margin.marginTop - margin.marginBottom;
  const src = matrixImageUri(panel.rows, limit);
  return {
    width,
    height,
    ...margin,
    style: { fontSize: '11px' },
    x: { domain: [0, p], ticks: [0.5, p - 0.5], tickFormat: (t: number) => names[Math.floor(t)], label: null, tickSize: 0 },
    y: { domain: [0, n], reverse: true, ticks: yAxis ? [0, n] : [], label: yAxis ? 'row' : null, tickSize: 0, axis: yAxis ? 'left' : null },
    marks: [
      Plot.image([panel], { x: p / 2, y: n / 2, width: innerW, height: innerH, src: () => src, preserveAspectRatio: 'none', imageRendering: 'pixelated' }),
      Plot.text([panel.title], { frameAnchor: 'top', dy: -20, fontWeight: 600, fontSize: 12 }),
    ],
  };
}

export interface ErrorPoint {
  k: number;
  relative: number;
}

export function errorCurveOptions(errors: readonly ErrorPoint[], marked: readonly number[], width = 640): Plot.PlotOptions {
  const highlighted = errors.filter((e) => marked.includes(e.k));
  return {
    width,
    height: 280,
    marginLeft: 52,
    marginBottom: 40,
    style: { fontSize: '12px' },
    x: { label: 'rank k', ticks: errors.map((e) => e.k), domain: [0, errors.length - 1] },
    y: { label: 'relative error ‖X − Xₖ‖ / ‖X‖', domain: [0, 1], grid: true },
    marks: [
      Plot.ruleY([0]),
      Plot.line(errors, { x: 'k', y: 'relative', stroke: 'currentColor', strokeWidth: 1.5 }),
      Plot.dot(errors, { x: 'k', y: 'relative', fill: 'currentColor', r: 2.5 }),
      Plot.dot(highlighted, { x: 'k', y: 'relative', r: 6, stroke: '#d6604d', strokeWidth: 2, fill: 'none' }),
      Plot.text(highlighted, { x: 'k', y: 'relative', text: (d: ErrorPoint) => `k = ${d.k}`, dy: -14, fill: '#b2182b', fontWeight: 600 }),
    ],
  };
}
