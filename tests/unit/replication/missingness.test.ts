import { describe, expect, it } from 'vitest';
import { INDICATORS, POPULATION, simulatePopulation } from '../../../src/lib/data';
import { applyMissingness, describeMechanism, expectedLogistic, interceptForRate, MAR_LOW_SATISFACTION, MCAR_SAME_CELLS, MNAR_LOW_VALUES, type MissingnessMechanism } from '../../../src/lib/missingness';
import { createRng } from '../../../src/lib/random';

const col = (name: string) => INDICATORS.indexOf(name as never);

describe('calibration of the logistic missingness rate', () => {
  it('is exact when the slope is zero', () => {
    // E[logistic(α)] = logistic(α): the quadrature must reproduce it to its stated accuracy
    for (const a of [-3, -1, 0, 0.7]) expect(expectedLogistic(a, 0)).toBeCloseTo(1 / (1 + Math.exp(-a)), 10);
  });

  it('finds the intercept that gives the requested rate', () => {
    for (const [rate, beta] of [[0.2, 2], [0.267, 2], [0.05, 4], [0.5, 1]]) {
      expect(expectedLogistic(interceptForRate(rate, beta), beta)).toBeCloseTo(rate, 9);
    }
    // symmetric: a rate of one half needs α = 0 whatever the slope
    expect(interceptForRate(0.5, 3)).toBeCloseTo(0, 9);
    expect(() => interceptForRate(1.2, 2)).toThrow(/rate/);
  });
});

describe('MAR and MNAR mechanisms', () => {
  const n = 20_000;
  const x = simulatePopulation(createRng(7), n);

  const rateIn = (m: ReturnType<typeof applyMissingness>, j: number) => {
    let k = 0;
    for (let i = 0; i < n; i++) if (Number.isNaN(m.data.data[i * 12 + j])) k++;
    return k / n;
  };

  for (const mech of [MCAR_SAME_CELLS, MAR_LOW_SATISFACTION, MNAR_LOW_VALUES] as MissingnessMechanism[]) {
    it(`${mech.kind}: removes about the stated share of all cells, only in the stated columns`, () => {
      const m = applyMissingness(createRng(8), x, mech);
      // binomial sd of the share over 180 000 maskable cells is ≈ 0.001; rows share a probability
      // under MAR, which inflates it a few times; 0.01 is still far below a mis-calibration
      expect(m.missing.length / (n * 12)).toBeCloseTo(0.2, 1);
      expect(Math.abs(m.missing.length / (n * 12) - 0.2)).toBeLessThan(0.01);
      for (const j of ['JW1', 'JW2', 'JW3'].map(col)) expect(rateIn(m, j)).toBe(0);
      for (const j of ['UF1', 'DA2', 'MI'].map(col)) expect(rateIn(m, j)).toBeGreaterThan(0.2);
      expect(m.missing.every((v, k) => k === 0 || v > m.missing[k - 1])).toBe(true);
      expect(m.data.data.filter(Number.isNaN).length).toBe(m.missing.length);
      expect(m.missing.every((idx) => Number.isNaN(m.data.data[idx]))).toBe(true);
      expect(Number.isNaN(x.data[m.missing[0]])).toBe(false); // the input is untouched
      expect(describeMechanism(mech)).toContain(mech.kind.toUpperCase());
    });
  }

  it('MAR depends only on the driver columns: changing the other values changes nothing', () => {
    const y = { rows: x.rows, cols: x.cols, data: Float64Array.from(x.data) };
    for (let i = 0; i < n; i++) for (const j of MAR_LOW_SATISFACTION.columns.map(col)) y.data[i * 12 + j] = -y.data[i * 12 + j] + 3;
    const a = applyMissingness(createRng(9), x, MAR_LOW_SATISFACTION);
    const b = applyMissingness(createRng(9), y, MAR_LOW_SATISFACTION);
    expect(Array.from(b.missing)).toEqual(Array.from(a.missing));
    // ...whereas MNAR, on the same change, masks different cells
    const c = applyMissingness(createRng(9), x, MNAR_LOW_VALUES);
    const d = applyMissingness(createRng(9), y, MNAR_LOW_VALUES);
    expect(Array.from(d.missing)).not.toEqual(Array.from(c.missing));
  });

  it('MAR removes more cells from low-satisfaction rows; MNAR removes low values', () => {
    const mar = applyMissingness(createRng(10), x, MAR_LOW_SATISFACTION);
    const mnar = applyMissingness(createRng(10), x, MNAR_LOW_VALUES);
    const jw1 = col('JW1');
    const uf1 = col('UF1');
    const meanWhere = (pred: (i: number) => boolean, j: number) => {
      let s = 0, k = 0;
      for (let i = 0; i < n; i++) if (pred(i)) (s += x.data[i * 12 + j]), k++;
      return s / k / POPULATION.sd[j];
    };
    // rows that lost UF1 under MAR have clearly lower job satisfaction (in population sds)
    expect(meanWhere((i) => Number.isNaN(mar.data.data[i * 12 + uf1]), jw1)).toBeLessThan(-0.4);
    expect(meanWhere((i) => !Number.isNaN(mar.data.data[i * 12 + uf1]), jw1)).toBeGreaterThan(0.1);
    // under MNAR the lost UF1 values themselves are low, the kept ones high
    expect(meanWhere((i) => Number.isNaN(mnar.data.data[i * 12 + uf1]), uf1)).toBeLessThan(-0.6);
    expect(meanWhere((i) => !Number.isNaN(mnar.data.data[i * 12 + uf1]), uf1)).toBeGreaterThan(0.15);
    // MCAR on the same cells is the MAR mechanism with slope 0: lost and kept values have the same mean (±4 se of a mean over ~5 000 rows)
    const flat = applyMissingness(createRng(10), x, MCAR_SAME_CELLS);
    expect(Array.from(applyMissingness(createRng(10), x, { ...MAR_LOW_SATISFACTION, slope: 0 }).missing)).toEqual(Array.from(flat.missing));
    expect(Math.abs(meanWhere((i) => Number.isNaN(flat.data.data[i * 12 + uf1]), jw1))).toBeLessThan(4 / Math.sqrt(5000));
  });

  it('refuses mechanisms it cannot honour, naming the problem', () => {
    expect(() => applyMissingness(createRng(1), x, { ...MAR_LOW_SATISFACTION, columns: ['UF1', 'XX'] })).toThrow(/'XX'/);
    expect(() => applyMissingness(createRng(1), x, { ...MAR_LOW_SATISFACTION, driver: ['UF1'] })).toThrow(/driver/);
    expect(() => applyMissingness(createRng(1), x, { ...MNAR_LOW_VALUES, columns: ['UF1'], fraction: 0.2 })).toThrow(/cannot come from 1 columns/);
    expect(() => applyMissingness(createRng(1), x, { ...MNAR_LOW_VALUES, slope: -1 })).toThrow(/slope/);
  });
});
