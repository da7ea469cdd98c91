import { describe, expect, it } from 'vitest';
import { hdiMass } from '../../../src/data/hdi';
import { loadResult } from '../../../src/data/results';

describe('the interval mass printed beside posterior intervals', () => {
  it('is read from the names of the summary bounds, for every posterior result', () => {
    expect(hdiMass([{ name: 'a', 'hdi_3%': -1, 'hdi_97%': 1 }])).toBeCloseTo(0.94, 12);
    expect(hdiMass([{ 'hdi_5%': 0, 'hdi_95%': 1 }])).toBeCloseTo(0.9, 12);
    for (const id of ['mvn-500', 'mvn-missing-500', 'sem-original-263', 'sem-identified-263'] as const) {
      expect(hdiMass(loadResult(id).summary)).toBeGreaterThan(0);
    }
  });

  it('refuses a summary without exactly two bounds, naming what it found', () => {
    expect(() => hdiMass([{ name: 'a', mean: 0 }])).toThrow(/exactly two hdi_N% bounds, found 0/);
    expect(() => hdiMass([])).toThrow(/no rows/);
  });
});
