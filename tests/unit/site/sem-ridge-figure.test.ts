import { describe, expect, it } from 'vitest';
import { ridgeOptions, ridgePoints, type RidgePanel } from '../../../src/figures/sem-ridge';
import { quantile } from '../../../src/lib/metrics';
import { renderPlot } from '../../../src/figures/render';
import type { SemResult } from '../../../src/lib/results/sem';

// a minimal stand-in for a result: only the traces the figure reads
const fake = (spec: 'original' | 'identified', columns: string[], values: number[][][]) => ({ spec, traces: { every: 1, columns, values } }) as unknown as SemResult;
const original = fake('original', ['b', 'psi'], [[[-1, 0, 1, 2], [0.3, 0.2, 0.3, 0.6]], [[-2, -1, 0, 1], [0.7, 0.3, 0.2, 0.3]]]);
const identified = fake('identified', ['b', 'psi'], [[[0.1, 0.2, 0.1, 0.2], [0.1, 0.1, 0.12, 0.11]], [[0.1, 0.15, 0.2, 0.1], [0.1, 0.11, 0.1, 0.12]]]);
const panels: RidgePanel[] = [
  { spec: 'original', path: 'b', variance: 'psi' },
  { spec: 'identified', path: 'b', variance: 'psi' },
];

describe('SEM ridge figure', () => {
  it('pairs each draw of the path with the same draw of the variance, across chains, thinned by the stride', () => {
    const all = ridgePoints({ original, identified }, panels, ['o', 'i']);
    expect(all).toHaveLength(16);
    expect(all.filter((p) => p.panel === 'o').map((p) => [p.path, p.variance])).toEqual([[-1, 0.3], [0, 0.2], [1, 0.3], [2, 0.6], [-2, 0.7], [-1, 0.3], [0, 0.2], [1, 0.3]]);
    expect(ridgePoints({ original, identified }, panels, ['o', 'i'], 2)).toHaveLength(8);
    expect(() => ridgePoints({ original, identified }, panels, ['o', 'i'], 0)).toThrow(/stride/);
  });

  it('names a parameter the result keeps no trace of', () => {
    expect(() => ridgePoints({ original, identified }, [{ spec: 'original', path: 'SWB~DTP', variance: 'psi' }], ['o'])).toThrow(/keeps no trace of "SWB~DTP"/);
  });

  it('draws one dot per point in two panels, the vertical axis ending just above the 99th percentile', () => {
    const points = ridgePoints({ original, identified }, panels, ['o', 'i']);
    const options = ridgeOptions(points, ['o', 'i'], 'path');
    expect((options.y as { domain: number[] }).domain[1]).toBeCloseTo(quantile(points.map((p) => p.variance), 0.99) * 1.05, 12);
    const svg = renderPlot(options);
    expect(svg.match(/<circle/g)).toHaveLength(points.length);
    expect(svg).toContain('>o<');
    expect(svg).toContain('>i<');
  });

  it('the axis quantile (metrics.quantile) interpolates linearly', () => {
    expect(quantile([0, 10], 0.5)).toBe(5);
    expect(quantile([3, 1, 2], 1)).toBe(3);
    expect(() => quantile([], 0.5)).toThrow();
  });
});
