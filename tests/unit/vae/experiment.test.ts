/** The experiment modules end to end on their quick configs: schema-valid, reproducible, cancellable. */
import { describe, expect, it } from 'vitest';
import type { AnyExperiment, RunContext } from '../../../precompute/experiment';
import { runContext } from '../../../precompute/context';
import plain500 from '../../../precompute/experiments/vae-plain-500';
import masked5000 from '../../../precompute/experiments/vae-masked-5000';
import imputed from '../../../precompute/experiments/vae-imputed-10000';
import { vaeResultSchema, type VaeConfig } from '../../../src/lib/results/vae';

function ctx(e: AnyExperiment, signal = new AbortController().signal): RunContext<VaeConfig> {
  const config = { ...e.quickConfig, maxEpochs: 3, auditSets: 10, replicateAuditSets: 5 };
  return runContext(e, { config, quick: true, signal });
}

describe('VAE experiments (quick, shortened)', () => {
  it('produce schema-valid, byte-reproducible results', async () => {
    for (const e of [plain500, masked5000]) {
      const a = await e.run(ctx(e));
      expect(() => vaeResultSchema.parse(a)).not.toThrow();
      expect(a.seeds.runs).toHaveLength(e.quickConfig.replicates);
      expect(a.audit.meanResidual).toHaveLength(12);
      expect(JSON.stringify(await e.run(ctx(e)))).toBe(JSON.stringify(a));
    }
  });

  it('record the imputation choice and the baselines for missing data', async () => {
    const r = await imputed.run(ctx(imputed));
    expect(r.config.imputation).toBe('mean-train-split');
    expect(r.dataset.imputationMeans).toHaveLength(12);
    expect(r.baselines.imputedData?.srmr).toBeGreaterThan(0);
    expect(r.baselines.samplingFloor.setSize).toBe(r.dataset.testRows);
  });

  it('stop when the runner aborts', async () => {
    const ac = new AbortController();
    ac.abort(new Error('runner stopped'));
    await expect(plain500.run(ctx(plain500, ac.signal))).rejects.toThrow(/runner stopped/);
  });

  it('full configs follow the brief', () => {
    expect(plain500.config).toMatchObject({ learningRate: 1e-3, batchSize: 32, maxEpochs: 1000, patience: 10, minDelta: 1e-4, auditSets: 1000, testFraction: 0.2 });
    expect(masked5000.config).toMatchObject({ learningRate: 1e-4, missingFraction: 0.2, imputation: 'none' });
    expect(plain500.config.replicates).toBeGreaterThanOrEqual(5);
  });
});
