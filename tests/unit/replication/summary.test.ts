import { describe, expect, it } from 'vitest';
import { coverage, percentileOf, signShare, summariseReplicates, averageMatrix, shareSe } from '../../../src/lib/replication/summary';

describe('replication summaries', () => {
  it('gives mean, sd, Monte Carlo error and quantiles', () => {
    const s = summariseReplicates([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(s.mean).toBe(5.5);
    expect(s.sd).toBeCloseTo(Math.sqrt(55 / 6), 12);
    expect(s.mcse).toBeCloseTo(s.sd / Math.sqrt(10), 12);
    expect(s.q50).toBe(5.5);
    expect(s.q05).toBeCloseTo(1.45, 12);
    expect(() => summariseReplicates([1, NaN, 3])).toThrow(/replication 1/);
  });

  it('places a value among replications, ties counted half', () => {
    expect(percentileOf([1, 2, 3, 4], 2.5)).toBe(0.5);
    expect(percentileOf([1, 2, 3, 4], 2)).toBe(0.375);
    expect(percentileOf([1, 2, 3, 4], 9)).toBe(1);
  });

  it('counts signs and interval coverage', () => {
    expect(signShare([-1, 2, 3, 0], 5)).toBe(0.5);
    expect(() => signShare([1], 0)).toThrow(/zero/);
    expect(coverage([0, 1, 3], [1, 1, 1], 0.5)).toBeCloseTo(2 / 3, 12);
    expect(shareSe(0.5, 100)).toBeCloseTo(0.05, 12);
  });

  it('averages matrices', () => {
    const a = { rows: 1, cols: 2, data: Float64Array.from([1, 3]) };
    const b = { rows: 1, cols: 2, data: Float64Array.from([3, 5]) };
    expect(Array.from(averageMatrix([a, b]).data)).toEqual([2, 4]);
  });
});
