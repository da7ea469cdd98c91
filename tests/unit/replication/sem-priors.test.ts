import { describe, expect, it } from 'vitest';
import { largestPathShift, priorShiftRows } from '../../../src/figures/sem-priors';
import type { SemResult } from '../../../src/lib/results/sem';

type Row = SemResult['summary'][number];
const row = (name: string, group: Row['group'], mean: number, sd: number, mcse: number | null = 0.001): Row => ({
  name, group, mean, sd, 'hdi_3%': mean - 1.9 * sd, 'hdi_97%': mean + 1.9 * sd, mcse_mean: mcse, ess_bulk: 1000, ess_tail: 1000, r_hat: 1,
});
const fit = (spec: 'identified' | 'original', rows: Row[]) => ({ spec, summary: rows, ml: { parameters: [{ name: 'DTP~CTS', estimate: 0.07, se: 0.08 }] } }) as unknown as SemResult;

const widened = fit('identified', [
  row('CTS=~MI', 'loading', 2.3, 0.34),
  row('DTP~CTS', 'path', 0.08, 0.08),
  row('JS~CTS', 'path', 0.28, 0.125),
  row('MI~~MI', 'residual-variance', 0.13, 0.11),
  row('ST~~ST', 'residual-variance', 0.5, 0.1),
  row('rho[UF1,FOR]', 'auxiliary', -0.4, 0.1),
]);
const original = fit('identified', [
  row('CTS=~MI', 'loading', 1.77, 0.22),
  row('DTP~CTS', 'path', 0.08, 0.075),
  row('JS~CTS', 'path', 0.22, 0.115),
  row('MI~~MI', 'residual-variance', 0.33, 0.09),
  row('ST~~ST', 'residual-variance', 0.55, 0.1),
  row('rho[UF1,FOR]', 'auxiliary', 2, 0.1),
]);

describe('prior-change comparison', () => {
  it('keeps every path, then only the other parameters that move by more than the threshold, never auxiliaries', () => {
    const rows = priorShiftRows(widened, original);
    expect(rows.map((r) => r.name)).toEqual(['DTP~CTS', 'JS~CTS', 'CTS=~MI', 'MI~~MI']);
    // a lower threshold lets ST~~ST (0.5 sd) in; the auxiliary never enters
    expect(priorShiftRows(widened, original, 0.4).map((r) => r.name)).toEqual(['DTP~CTS', 'JS~CTS', 'CTS=~MI', 'MI~~MI', 'ST~~ST']);
  });

  it('measures the shift in widened-posterior sds and against the combined Monte Carlo error', () => {
    const js = priorShiftRows(widened, original).find((r) => r.name === 'JS~CTS')!;
    expect(js.shift).toBeCloseTo((0.22 - 0.28) / 0.125, 12);
    expect(js.shiftZ).toBeCloseTo(-0.06 / Math.hypot(0.001, 0.001), 9);
    expect(js.ml).toBeNull();
    expect(priorShiftRows(widened, original)[0].ml).toBe(0.07);
    expect(largestPathShift(priorShiftRows(widened, original)).name).toBe('JS~CTS');
  });

  it('has no Monte Carlo z when either fit lacks an MCSE', () => {
    const noMcse = fit('identified', widened.summary.map((r) => ({ ...r, mcse_mean: null })));
    expect(priorShiftRows(noMcse, original).every((r) => r.shiftZ === null)).toBe(true);
  });

  it('refuses a fit of another specification and a parameter the other fit lacks, naming them', () => {
    expect(() => priorShiftRows(widened, fit('original', original.summary))).toThrow(/identified specification; got identified and original/);
    expect(() => priorShiftRows(widened, fit('identified', original.summary.slice(1)))).toThrow(/no parameter "CTS=~MI"/);
  });
});
