import { describe, expect, it } from 'vitest';
import { renderPlot } from '../../../src/figures/render';
import { biasPoints, equalNOptions, methodBiasSummary, equalNRows, histogramSteps, marBiasOptions, marSrmrOptions, methodRows, replicatedPaths, semReplicationOptions, type EqualNRow } from '../../../src/figures/replication';
import type { MvnMarResult, SemReplicationResult } from '../../../src/lib/results/replication';

const summary = (mean: number, sd = 0.05) => ({ count: 100, mean, sd, mcse: sd / 10, q05: mean - 1.645 * sd, q50: mean, q95: mean + 1.645 * sd });

function parameter(name: string, group: string, population: number, sample: number): SemReplicationResult['parameters'][number] {
  return {
    name, group, population, estimates: summary(population), biasZ: 0.1, signShare: 0.9, coverage: 0.95, meanSe: 0.05, shareNegative: population < 0 ? 0.9 : 0.1, shareSignificant: 0.5,
    sample: { estimate: sample, se: 0.05, percentile: 0.5 },
    histogram: { lo: population - 0.2, hi: population + 0.2, counts: [1, 4, 10, 20, 30, 20, 10, 4, 1] },
  };
}

const paths = [parameter('DTP~CTS', 'path', -0.13, 0.075), parameter('SWB~DTP', 'path', -0.37, -0.42), parameter('JS~SWB', 'path', 0.8, 0.59)];

describe('SEM replication figure', () => {
  it('turns a stored histogram into a step outline of area one', () => {
    const steps = histogramSteps(paths[0]);
    expect(steps).toHaveLength(10);
    const w = 0.4 / 9;
    const area = steps.slice(0, -1).reduce((s, p) => s + p.density * w, 0);
    expect(area).toBeCloseTo(1, 12);
    expect(steps[9].x).toBeCloseTo(paths[0].histogram.hi, 12);
    expect(() => histogramSteps({ name: 'x', histogram: { lo: 0, hi: 1, counts: [0, 0] } })).toThrow(/empty/);
  });

  it('keeps only the structural paths', () => {
    expect(replicatedPaths({ parameters: [...paths, parameter('CTS=~ST', 'loading', 1, 1)] }).map((p) => p.name)).toEqual(['DTP~CTS', 'SWB~DTP', 'JS~SWB']);
    expect(() => replicatedPaths({ parameters: [] })).toThrow(/no structural paths/);
  });

  it('draws one panel per path with its distribution, population rule and sample diamond', () => {
    const svg = renderPlot(semReplicationOptions(paths));
    expect(svg).not.toContain('NaN');
    for (const p of paths) expect(svg).toContain(`>${p.name}<`);
    // one diamond per path (Plot draws symbols as paths inside the dot mark's group)
    expect((svg.match(/fill="#c8551a"/g) ?? []).length).toBeGreaterThanOrEqual(paths.length);
    // the x domain reaches zero and every sample value, so no marker is clipped
    const opts = semReplicationOptions(paths) as { x: { domain: number[] } };
    expect(opts.x.domain[0]).toBeLessThanOrEqual(Math.min(...paths.map((p) => p.sample.estimate)));
    expect(opts.x.domain[1]).toBeGreaterThanOrEqual(0.8);
  });
});

function method(id: MvnMarResult['mechanisms'][number]['methods'][number]['id'], label: string, bias: number): MvnMarResult['mechanisms'][number]['methods'][number] {
  return {
    id, label, replications: 10, failures: 0, srmr: summary(0.05 + Math.abs(bias) / 10, 0.01), systematicSrmr: 0.02 + Math.abs(bias) / 10,
    meanBias: Array.from({ length: 12 }, (_, j) => ({ mean: j < 3 ? 0 : bias, mcse: 0.01 })),
    sdBias: Array.from({ length: 12 }, () => ({ mean: -bias / 2, mcse: 0.01 })),
    srmrMinusEm: id === 'em' ? null : summary(0.01, 0.005), meanResidual: [[0]], health: null,
  };
}
const names = ['JW1', 'JW2', 'JW3', 'UF1', 'UF2', 'FOR', 'DA1', 'DA2', 'DA3', 'EBA', 'ST', 'MI'];
const mar: Pick<MvnMarResult, 'mechanisms' | 'names'> = {
  names,
  mechanisms: ['mcar', 'mar'].map((id) => ({
    id, description: id, mechanism: { kind: 'mar' as const, fraction: 0.2, slope: 2, columns: names.slice(3), driver: names.slice(0, 3) },
    missingShare: summary(0.2), completeRows: summary(40), floor: summary(0.035, 0.005),
    methods: [method('pairwise', 'Pairwise deletion', 0.1), method('em', 'EM (maximum likelihood)', 0.0)], formulationAgreement: [],
  })),
};

describe('missing-data method figures', () => {
  it('averages absolute bias over the columns that can go missing only', () => {
    const rows = methodRows(mar);
    expect(rows).toHaveLength(4);
    expect(rows.find((r) => r.id === 'pairwise')!.meanBias).toBeCloseTo(0.1, 12);
    expect(rows.find((r) => r.id === 'pairwise')!.sdBias).toBeCloseTo(0.05, 12);
    expect(rows[0].mechanism).toBe('MCAR');
  });

  it('draws every mechanism and method, with the floor', () => {
    const svg = renderPlot(marSrmrOptions(methodRows(mar)));
    expect(svg).not.toContain('NaN');
    expect(svg).toContain('MAR (low satisfaction)');
    expect(svg).toContain('Pairwise deletion');
    expect(svg).toContain('stroke-dasharray="4,3"');
    const bias = renderPlot(marBiasOptions(biasPoints(mar)));
    expect(bias).not.toContain('NaN');
    expect(bias).toContain('means (in sds)');
    expect(biasPoints(mar)).toHaveLength(2 * 2 * 12 * 2);
  });
});

describe('equal-n figure', () => {
  it('draws each model against its own learner floor', () => {
    const rows: EqualNRow[] = [
      { label: 'Plain VAE (400 training rows)', family: 'VAE', trainRows: 400, systematic: 0.07, floor: 0.04, floorQ05: 0.03, floorQ95: 0.05 },
      { label: 'Bayesian MVN (500 rows)', family: 'Bayesian MVN', trainRows: 500, systematic: 0.034, q05: 0.028, q95: 0.041, floor: 0.035, floorQ05: 0.028, floorQ95: 0.043 },
    ];
    const svg = renderPlot(equalNOptions(rows));
    expect(svg).not.toContain('NaN');
    for (const r of rows) expect(svg).toContain(r.label);
    expect((equalNOptions(rows) as { x: { domain: number[] } }).x.domain[1]).toBeGreaterThan(0.07);
  });
});

describe('equal-n rows', () => {
  const resid = Array.from({ length: 12 }, (_, i) => Array.from({ length: 12 }, (_, j) => (i === j ? 0 : 0.1)));
  const floors = [400, 500].map((size) => ({ size, ...summary(size === 400 ? 0.04 : 0.035, 0.005) }));
  const mvnReplication = { n: 500, replications: 20, summary: { floor: summary(0.035, 0.005), complete: { posteriorSrmr: summary(0.034), sampleSrmr: summary(0.035), posteriorMinusSample: summary(-0.001), posteriorBeatsSample: 0.6, coverage: 0.94, coverageSe: 0.01 }, mcar: { posteriorSrmr: summary(0.037), sampleSrmr: summary(0.038), posteriorMinusSample: summary(-0.001), posteriorBeatsSample: 0.6, coverage: 0.94, coverageSe: 0.01 }, health: { complete: { fits: 20, divergences: 0, treeDepthHits: 0, maxRhat: 1, minEssBulk: 500, minEssTail: 400 }, mcar: { fits: 20, divergences: 0, treeDepthHits: 0, maxRhat: 1, minEssBulk: 500, minEssTail: 400 } } } };
  const equalN = { floors, sem: { n: 500, replications: 10, populationMisfit: 0.03, systematicSrmr: 0.031, perSample: summary(0.045) } };

  it('takes the VAE\'s systematic error from its average residual and each floor at the training size', () => {
    const rows = equalNRows({ vaePlain500: { dataset: { trainRows: 400 }, audit: { meanResidual: resid } }, mvnReplication, equalN });
    // off-diagonal 0.1 in 132 of 144 cells: Σ_{i≤j} r² = 66 · 0.01 over 78 cells
    expect(rows[0].systematic).toBeCloseTo(Math.sqrt(0.66 / 78), 12);
    expect(rows[0].floor).toBe(0.04);
    expect(rows.find((r) => r.family === 'SEM')!.floor).toBe(0.035);
    expect(rows.map((r) => r.family)).toEqual(['VAE', 'Bayesian MVN', 'Bayesian MVN', 'Missing-data baseline', 'SEM']);
  });

  it('names the missing floor size', () => {
    expect(() => equalNRows({ vaePlain500: { dataset: { trainRows: 300 }, audit: { meanResidual: resid } }, mvnReplication, equalN })).toThrow(/300/);
  });
});

describe('method bias summary (the numbers section 9 quotes)', () => {
  it('takes the largest bias over all columns, with its MCSE, and the largest |bias|/MCSE', () => {
    // method(): columns 0–2 unbiased, 3–11 at `bias`, every MCSE 0.01
    const s = methodBiasSummary(mar, 'mar', 'pairwise');
    expect(s.maxMeanBias).toEqual({ column: 'UF1', bias: 0.1, mcse: 0.01 });
    expect(s.maxMeanBiasZ).toBeCloseTo(10, 12);
    expect(s.replications).toBe(10);
    expect(methodBiasSummary(mar, 'mar', 'em').maxMeanBiasZ).toBe(0);
    expect(methodBiasSummary(mar, 'mar', 'em').srmrMinusEm).toBeNull();
  });

  it('counts the columns that are never masked (complete cases bias them by dropping rows)', () => {
    const skewed = structuredClone(mar);
    skewed.mechanisms[1].methods[0].meanBias[0] = { mean: 0.8, mcse: 0.01 }; // JW1 is never missing
    expect(methodBiasSummary(skewed, 'mar', 'pairwise').maxMeanBias).toEqual({ column: 'JW1', bias: 0.8, mcse: 0.01 });
    expect(methodBiasSummary(skewed, 'mar', 'pairwise').maxMeanBiasZ).toBeCloseTo(80, 9);
  });

  it('names a mechanism or method the result lacks', () => {
    expect(() => methodBiasSummary(mar, 'mnar', 'em')).toThrow(/no mechanism "mnar"; it has mcar, mar/);
    expect(() => methodBiasSummary(mar, 'mar', 'column-mean')).toThrow(/no method "column-mean"; it has pairwise, em/);
  });
});
