/** SVD figures: data matrices as images, and reconstruction error against rank. */
import * as Plot from '@observablehq/plot';

export interface MatrixPanel {
  title: string;
  rows: readonly (readonly number[])[];
}

interface Pixel {
  panel: string;
  r: number;
  c: number;
  value: number;
}

/** Several n × p matrices side by side, one facet each, on one diverging scale. */
export function matrixImagesOptions(panels: readonly MatrixPanel[], names: readonly string[], limit = 2.5, width = 720): Plot.PlotOptions {
  const pixels: Pixel[] = [];
  for (const panel of panels) panel.rows.forEach((row, r) => row.forEach((value, c) => pixels.push({ panel: panel.title, r, c, value })));
  const n = panels[0]?.rows.length ?? 0;
  const p = names.length;
  return {
    width,
    height: 360,
    marginLeft: 36,
    marginTop: 28,
    marginBottom: 36,
    style: { fontSize: '11px' },
    fx: { domain: panels.map((q) => q.title), label: null, padding: 0.08 },
    x: { domain: [0, p], ticks: [0.5, p - 0.5], tickFormat: (t: number) => names[Math.floor(t)], label: null, tickSize: 0 },
    y: { domain: [0, n], reverse: true, ticks: [0, n], label: 'row', tickSize: 0 },
    color: { type: 'linear', scheme: 'RdBu', domain: [-limit, limit], clamp: true },
    marks: [
      Plot.rect(pixels, { fx: 'panel', x1: 'c', x2: (d: Pixel) => d.c + 1, y1: 'r', y2: (d: Pixel) => d.r + 1, fill: 'value', shapeRendering: 'crispEdges' }),
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
