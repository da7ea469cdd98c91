import { describe, expect, it } from 'vitest';
import { annotatedCells, heatmapOptions, isSymmetric } from '../../../src/figures/heatmap';
import { renderPlot } from '../../../src/figures/render';

const names = ['A', 'B', 'C'];
const symmetric = [
  [1, 0.3, -0.2],
  [0.3, 1, 0.5],
  [-0.2, 0.5, 1],
];

describe('heatmap annotations', () => {
  it('prints each value of a symmetric matrix once, below the diagonal', () => {
    const cells = annotatedCells(symmetric);
    expect(cells.map((c) => [c.i, c.j])).toEqual([[1, 0], [2, 0], [2, 1]]);
    expect(cells.map((c) => c.value)).toEqual([0.3, -0.2, 0.5]);
  });

  it('prints every cell of a matrix that is not symmetric', () => {
    const m = symmetric.map((row) => [...row]);
    m[0][1] = 0.31;
    expect(isSymmetric(m)).toBe(false);
    expect(annotatedCells(m)).toHaveLength(9);
  });

  it('treats differences at rounding-noise level (1e-12) as symmetric', () => {
    const m = symmetric.map((row) => [...row]);
    m[0][1] += 1e-12;
    expect(isSymmetric(m)).toBe(true);
  });

  it('draws one value label per annotated cell, besides the axis labels', () => {
    const svg = renderPlot(heatmapOptions({ matrix: symmetric, names, limit: 1 }));
    const values = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]).filter((t) => !names.includes(t));
    expect(values).toEqual(['.30', '−.20', '.50']);
  });
});
