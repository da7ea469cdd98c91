import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAR_LOW_SATISFACTION, MCAR_SAME_CELLS, mechanismData, MNAR_LOW_VALUES } from '../../../src/lib/missingness';
import { equalNResultSchema, mvnMarResultSchema, mvnReplicationResultSchema, semReplicationResultSchema } from '../../../src/lib/results/replication';
import { runEqualN } from '../../../src/lib/replication/run-equal-n';
import { runMvnMar, runMvnReplication } from '../../../src/lib/replication/run-mvn';
import { runSemReplication } from '../../../src/lib/replication/run-sem';

const syntax = readFileSync(new URL('../../../content/models/job-satisfaction.lav', import.meta.url), 'utf8');
const io = { progress: { report: () => {}, log: () => {} }, signal: new AbortController().signal };

describe('sem-replication run', () => {
  const config = { seed: 3, n: 263, replications: 30, sampleSeed: 20250725, alpha: 0.05, histogramBins: 12 };
  const result = runSemReplication(config, syntax, io);

  it('returns a valid result with every path, each histogram holding every converged fit', () => {
    semReplicationResultSchema.parse(result);
    const paths = result.parameters.filter((p) => p.group === 'path').map((p) => p.name);
    expect(paths).toEqual(['DTP~CTS', 'SWB~CTS', 'SWB~DTP', 'JS~CTS', 'JS~DTP', 'JS~SWB']);
    for (const p of result.parameters) expect(p.histogram.counts.reduce((a, b) => a + b, 0)).toBe(30 - result.notConverged);
    expect(result.fit.df).toBe(47);
  });

  it('places the essay sample where its estimate falls among the replications', () => {
    for (const p of result.parameters) {
      const { q05, q95 } = p.estimates;
      // type-7 quantiles interpolate between order statistics, so the bound is 5% plus one replication
      if (p.sample.estimate < q05) expect(p.sample.percentile).toBeLessThanOrEqual(0.05 + 1 / 30);
      if (p.sample.estimate > q95) expect(p.sample.percentile).toBeGreaterThanOrEqual(0.95 - 1 / 30);
      if (p.sample.estimate > q05 && p.sample.estimate < q95) expect(p.sample.percentile).toBeGreaterThan(0.05 - 1 / 30);
    }
    // the essay's sample has DTP~CTS ≈ +0.081 (section 10's ML fit, with intercepts); it must be reproduced
    expect(result.parameters.find((p) => p.name === 'DTP~CTS')!.sample.estimate).toBeCloseTo(0.081, 2);
  });

  it('derives indirect and total effects from the paths (total CTS → JS = direct + the three chains)', () => {
    const pop = (name: string) => result.parameters.find((p) => p.name === name)!.population;
    const total = result.effects.find((e) => e.kind === 'total' && e.from === 'CTS' && e.to === 'JS')!;
    const expected = pop('JS~CTS') + pop('DTP~CTS') * pop('JS~DTP') + pop('DTP~CTS') * pop('SWB~DTP') * pop('JS~SWB') + pop('SWB~CTS') * pop('JS~SWB');
    // stored values are rounded to 5 significant digits
    expect(total.population).toBeCloseTo(expected, 4);
    // CTS → DTP has no indirect route, so no indirect entry; JS acts on nothing
    expect(result.effects.some((e) => e.kind === 'indirect' && e.from === 'CTS' && e.to === 'DTP')).toBe(false);
    expect(result.effects.some((e) => e.from === 'JS')).toBe(false);
  });

  it('is deterministic', () => {
    expect(JSON.stringify(runSemReplication(config, syntax, io))).toBe(JSON.stringify(result));
  });
});

describe('equal-n run', () => {
  it('gives floors that shrink with n and an SEM misfit below the per-sample error', () => {
    const r = runEqualN({ seed: 1, floorSizes: [100, 400], floorSets: 40, semN: 500, semReplications: 6 }, syntax, io);
    equalNResultSchema.parse(r);
    expect(r.floors[0].mean).toBeGreaterThan(r.floors[1].mean * 1.5);
    expect(r.sem.populationMisfit).toBeGreaterThan(0);
    expect(r.sem.perSample.mean).toBeGreaterThan(r.sem.systematicSrmr);
  });
});

describe('MVN replication runs (tiny configurations; checks plumbing, not science)', () => {
  it('mvn-replication: one record per replication, coverage a share', async () => {
    const r = await runMvnReplication({ seed: 2, n: 120, replications: 2, missingFraction: 0.1, chains: 1, warmup: 40, draws: 40, adaptDelta: 0.8, hdiProb: 0.94 }, io);
    mvnReplicationResultSchema.parse(r);
    expect(r.runs).toHaveLength(2);
    expect(r.correlations).toBe(66);
    expect(r.missingCells).toBe(144);
    for (const run of r.runs) expect(run.floor).toBe(run.complete.sampleSrmr);
  }, 300_000);

  it('mvn-mar: every method on every mechanism, Bayesian ones on the first samples only', async () => {
    const mechanisms = [
      { id: 'mcar', mechanism: MCAR_SAME_CELLS },
      { id: 'mar', mechanism: MAR_LOW_SATISFACTION },
      { id: 'mnar', mechanism: MNAR_LOW_VALUES },
    ].map((m) => ({ id: m.id, mechanism: mechanismData(m.mechanism) }));
    const r = await runMvnMar({ seed: 4, n: 500, mechanisms, replications: 3, bayesReplications: 2, cellsReplications: 0, chains: 1, warmup: 40, draws: 40, adaptDelta: 0.8 }, io);
    mvnMarResultSchema.parse(r);
    for (const m of r.mechanisms) {
      expect(m.methods.map((x) => x.id)).toEqual(['complete-case', 'pairwise', 'column-mean', 'em', 'bayes-marginal']);
      expect(m.methods.find((x) => x.id === 'bayes-marginal')!.replications).toBe(2);
      expect(m.methods.find((x) => x.id === 'em')!.srmrMinusEm).toBeNull();
      // the MCAR mask and the MAR mask share their uniforms, so they differ only where the probabilities do
      expect(m.missingShare.mean).toBeGreaterThan(0.1);
    }
    // column-mean imputation shrinks every maskable column's sd under every mechanism
    for (const m of r.mechanisms) expect(m.methods.find((x) => x.id === 'column-mean')!.sdBias[3].mean).toBeLessThan(-0.05);
    await expect(runMvnMar({ seed: 4, n: 500, mechanisms, replications: 3, bayesReplications: 4, cellsReplications: 0, chains: 1, warmup: 40, draws: 40, adaptDelta: 0.8 }, io)).rejects.toThrow(/bayesReplications/);
  }, 300_000);
});
