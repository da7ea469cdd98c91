/**
 * The missing-data VAE experiments (issue 12): the selection rule, the ablation end to end on a
 * shortened quick config, the fixed VAE deriving its configuration from the ablation's result,
 * and the original six configs left untouched by the new options.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runContext } from '../../../precompute/context';
import type { AnyExperiment, RunContext } from '../../../precompute/experiment';
import ablation from '../../../precompute/experiments/vae-masked-ablation';
import fixed from '../../../precompute/experiments/vae-masked-fixed-5000';
import imputation from '../../../precompute/experiments/imputation-comparison';
import masked5000 from '../../../precompute/experiments/vae-masked-5000';
import miwae5000 from '../../../precompute/experiments/vae-miwae-5000';
import { IMPUTATION_INPUTS } from '../../../src/lib/experiments/imputation-comparison';
import plain500 from '../../../precompute/experiments/vae-plain-500';
import masked5000Decl from '../../../src/lib/experiments/vae-masked-5000';
import { ABLATION_CELLS, ABLATION_RESULT_FILE, MASKED_SAMPLE } from '../../../src/lib/experiments/vae-missing-family';
import { imputationComparisonResultSchema, vaeAblationResultSchema, vaeVariantConfigSchema, vaeVariantResultSchema, type VaeAblationResult } from '../../../src/lib/results/vae-missing';
import { vaeConfigSchema } from '../../../src/lib/results/vae';
import { selectByHeldOutNll } from '../../../src/lib/vae/selection';

const fits = (seeds: number[], nll: number[]) => seeds.map((seed, i) => ({ seed, testNllPerCell: nll[i] }));

describe('the selection rule (lowest mean held-out NLL per observed cell)', () => {
  it('ranks cells by their mean over seeds and reports the paired difference to the runner-up', () => {
    const s = selectByHeldOutNll([
      { id: 'a', fits: fits([1, 2, 3], [1.2, 1.1, 1.3]) }, // mean 1.2
      { id: 'b', fits: fits([1, 2, 3], [1.0, 1.2, 1.05]) }, // mean 1.0833
      { id: 'c', fits: fits([1, 2, 3], [1.1, 1.1, 1.1]) }, // mean 1.1
    ]);
    expect(s.selected).toBe('b');
    expect(s.ranking.map((r) => r.cell)).toEqual(['b', 'c', 'a']);
    expect(s.pairedDifference.mean).toBeCloseTo((-0.1 + 0.1 - 0.05) / 3, 12);
    expect(s.pairedDifference.min).toBeCloseTo(-0.1, 12);
    expect(s.pairedDifference.max).toBeCloseTo(0.1, 12);
  });

  it('breaks ties by catalogue order, and refuses non-finite NLLs and unpaired seeds', () => {
    expect(selectByHeldOutNll([{ id: 'first', fits: fits([1], [1]) }, { id: 'second', fits: fits([1], [1]) }]).selected).toBe('first');
    expect(() => selectByHeldOutNll([{ id: 'a', fits: fits([1], [NaN]) }, { id: 'b', fits: fits([1], [1]) }])).toThrow(/non-finite held-out NLL at seed 1/);
    expect(() => selectByHeldOutNll([{ id: 'a', fits: fits([1], [1]) }, { id: 'b', fits: fits([2], [2]) }])).toThrow(/do not share seed 1/);
  });
});

describe('declarations', () => {
  it("use the essay's masked sample exactly (vae-masked-5000's seed, size and missing fraction)", () => {
    expect(MASKED_SAMPLE).toMatchObject({ seed: masked5000Decl.config.seed, n: masked5000Decl.config.n, missingFraction: masked5000Decl.config.missingFraction, quickN: masked5000Decl.quickConfig.n });
  });

  it('cover objective × learning rate × dropout, plus warm-up on the observed-sum arm, with the original first', () => {
    expect(ABLATION_CELLS[0]).toMatchObject({ objective: 'cell-mean', learningRate: 1e-4, dropout: 0.2, klWarmupEpochs: 0 });
    for (const o of ['cell-mean', 'observed-sum']) for (const lr of [1e-4, 1e-3]) for (const p of [0, 0.2]) expect(ABLATION_CELLS.some((c) => c.objective === o && c.learningRate === lr && c.dropout === p && c.klWarmupEpochs === 0)).toBe(true);
    expect(ABLATION_CELLS.filter((c) => c.klWarmupEpochs > 0).every((c) => c.objective === 'observed-sum')).toBe(true);
    expect(ablation.config.seedsPerCell).toBeGreaterThanOrEqual(5);
    expect(ablation.config.seed).not.toBe(MASKED_SAMPLE.seed); // selection data ≠ evaluation data
  });

  it('reject variant configs that do not exist, saying what to change', () => {
    const base = { ...masked5000Decl.config };
    expect(vaeVariantConfigSchema.safeParse({ ...base, model: 'miwae' }).error?.issues[0].message).toMatch(/MIWAE needs importanceSamples/);
    expect(vaeVariantConfigSchema.safeParse({ ...base, model: 'miwae', importanceSamples: 5, dropout: 0.2 }).error?.issues[0].message).toMatch(/without dropout/);
    expect(vaeVariantConfigSchema.safeParse({ ...base, importanceSamples: 5 }).error?.issues[0].message).toMatch(/MIWAE only/);
    expect(vaeVariantConfigSchema.safeParse(base).success).toBe(true); // an original config is a valid variant config
  });
});

function shortAblation(e: AnyExperiment): RunContext<VaeAblationResult['config']> {
  return runContext(e, { quick: true, config: { ...e.quickConfig, n: 300, maxEpochs: 2, auditSets: 5, nllSamples: 5 } });
}

describe('vae-masked-ablation (shortened quick config)', () => {
  it('produces a schema-valid, byte-reproducible result whose selection is the rule applied to its fits', async () => {
    const a = await ablation.run(shortAblation(ablation));
    expect(() => vaeAblationResultSchema.parse(a)).not.toThrow();
    expect(a.cells.map((c) => c.fits.length)).toEqual([2, 2]);
    expect(a.cells[0].fits.map((f) => f.seed)).toEqual(a.cells[1].fits.map((f) => f.seed)); // paired
    expect(a.selection.selected).toBe(selectByHeldOutNll(a.cells).selected);
    expect(a.cells[1].curve.beta[0]).toBeLessThan(1); // the warm-up cell's β rises
    expect(JSON.stringify(await ablation.run(shortAblation(ablation)))).toBe(JSON.stringify(a));
  });
});

describe('vae-masked-fixed-5000', () => {
  const fakeAblation = (selected: string, nll: [number, number]) => {
    const cells = [ABLATION_CELLS[0], ABLATION_CELLS[ABLATION_CELLS.length - 1]].map((c, k) => ({
      ...c,
      fits: [1, 2].map((seed) => ({ seed, srmr: 0.1, activeDims: 3, finalKl: 1, testNllPerCell: nll[k], essMedian: 50, epochsRun: 10, bestEpoch: 5, stoppedBy: 'patience' as const })),
      summary: { srmr: { mean: 0, min: 0, max: 0 }, activeDims: { mean: 0, min: 0, max: 0 }, finalKl: { mean: 0, min: 0, max: 0 }, testNllPerCell: { mean: 0, min: 0, max: 0 }, epochsRun: { mean: 0, min: 0, max: 0 } },
      curve: { epoch: [1], recon: [1], kl: [1], nll: [1], testLoss: [1], beta: [1] },
    }));
    const result: VaeAblationResult = {
      id: 'vae-masked-ablation',
      config: { ...ablation.quickConfig, cells: cells.map(({ id, objective, learningRate, dropout, klWarmupEpochs }) => ({ id, objective, learningRate, dropout, klWarmupEpochs })) },
      backend: 'wasm',
      seeds: [1, 2],
      dataset: { trainRows: 1, testRows: 1, observedTestCells: [1] },
      samplingFloor: { sets: 1, setSize: 1, srmr: 0, srmrQ05: 0, srmrQ95: 0 },
      cells,
      selection: { rule: 'lowest-mean-test-nll-per-observed-cell', ranking: [], selected, pairedDifference: { mean: 0, min: 0, max: 0 } },
    };
    return JSON.stringify({ format: 1, id: 'vae-masked-ablation', config: result.config, result });
  };
  const ctxWith = (text: string) => ({
    ...runContext(fixed, { quick: true, config: { ...fixed.quickConfig, n: 200, maxEpochs: 2, auditSets: 5, replicates: 1, replicateAuditSets: 5, nllSamples: 5 } }),
    readInput: (p: string) => {
      if (p !== ABLATION_RESULT_FILE) throw new Error(`undeclared read of ${p}`);
      return text;
    },
  });

  it("trains the configuration the rule selects from the ablation's result, and records it", async () => {
    const warm = ABLATION_CELLS[ABLATION_CELLS.length - 1];
    const r = await fixed.run(ctxWith(fakeAblation(warm.id, [1.3, 1.1])));
    expect(() => vaeVariantResultSchema.parse(r)).not.toThrow();
    expect(r.selection).toEqual({ experiment: 'vae-masked-ablation', rule: 'lowest-mean-test-nll-per-observed-cell', cell: warm.id, choice: { objective: warm.objective, learningRate: warm.learningRate, dropout: warm.dropout, klWarmupEpochs: warm.klWarmupEpochs } });
    expect(r.config).toMatchObject({ objective: 'observed-sum', learningRate: warm.learningRate, dropout: 0, klWarmupEpochs: warm.klWarmupEpochs, model: 'masked' });
    expect(r.training.beta?.[0]).toBeLessThan(1);
    expect(Number.isFinite(r.seeds.runs[0].testNllPerCell)).toBe(true);
  });

  it('refuses an ablation result whose stored selection is not what the rule gives', async () => {
    await expect(fixed.run(ctxWith(fakeAblation(ABLATION_CELLS[0].id, [1.3, 1.1])))).rejects.toThrow(/selects observed-sum.*but the result records cell-mean/);
  });
});

describe('the original VAE experiments', () => {
  it('get none of the new fields (their results stay byte-identical)', async () => {
    const ctx = runContext(plain500, { quick: true, config: { ...plain500.quickConfig, maxEpochs: 2, auditSets: 5, replicates: 2, replicateAuditSets: 5 } });
    const r = (await plain500.run(ctx)) as Record<string, unknown> & { training: object; seeds: { runs: object[] } };
    expect(Object.keys(r.training)).not.toContain('recon');
    expect(Object.keys(r.seeds.runs[0])).not.toContain('testNllPerCell');
    expect(Object.keys(r.seeds)).not.toContain('testNllPerCellMean');
    expect(Object.keys(r)).not.toContain('selection');
    expect(JSON.stringify(r.config)).toBe(JSON.stringify(vaeConfigSchema.parse(ctx.config))); // same keys, same order as before
  });
});

describe('imputation-comparison (shortened quick config, inputs made in the test)', () => {
  it('scores every imputer on both samples with finite, well-formed numbers', async () => {
    const short = { maxEpochs: 2, auditSets: 5, replicates: 1, replicateAuditSets: 5, nllSamples: 5 };
    const asFile = (id: string, config: unknown, result: unknown) => JSON.stringify({ format: 1, id, config, result });
    const masked = await masked5000.run(runContext(masked5000, { quick: true, config: { ...masked5000.quickConfig, ...short } }));
    const miwae = await miwae5000.run(runContext(miwae5000, { quick: true, config: { ...miwae5000.quickConfig, ...short } }));
    const fixedCtx = {
      ...runContext(fixed, { quick: true, config: { ...fixed.quickConfig, ...short } }),
      readInput: () => {
        const cells = [ABLATION_CELLS[0], ABLATION_CELLS[1]].map((c, k) => ({
          ...c,
          fits: [1, 2].map((seed) => ({ seed, srmr: 0.1, activeDims: 3, finalKl: 1, testNllPerCell: k, essMedian: 50, epochsRun: 10, bestEpoch: 5, stoppedBy: 'patience' as const })),
          summary: { srmr: { mean: 0, min: 0, max: 0 }, activeDims: { mean: 0, min: 0, max: 0 }, finalKl: { mean: 0, min: 0, max: 0 }, testNllPerCell: { mean: 0, min: 0, max: 0 }, epochsRun: { mean: 0, min: 0, max: 0 } },
          curve: { epoch: [1], recon: [1], kl: [1], nll: [1], testLoss: [1], beta: [1] },
        }));
        const result = { id: 'vae-masked-ablation', config: { ...ablation.quickConfig, cells: cells.map(({ fits: _f, summary: _s, curve: _c, ...c }) => c) }, backend: 'wasm', seeds: [1, 2], dataset: { trainRows: 1, testRows: 1, observedTestCells: [1] }, samplingFloor: { sets: 1, setSize: 1, srmr: 0, srmrQ05: 0, srmrQ95: 0 }, cells, selection: { rule: 'lowest-mean-test-nll-per-observed-cell', ranking: [], selected: ABLATION_CELLS[0].id, pairedDifference: { mean: 0, min: 0, max: 0 } } };
        return asFile('vae-masked-ablation', result.config, result);
      },
    };
    const fx = await fixed.run(fixedCtx);
    const inputs: Record<string, string> = {
      [IMPUTATION_INPUTS.mvnMissing500]: readFileSync(IMPUTATION_INPUTS.mvnMissing500, 'utf8'),
      [IMPUTATION_INPUTS.maskedVae]: asFile('vae-masked-5000', {}, masked),
      [IMPUTATION_INPUTS.maskedVaeFixed]: asFile('vae-masked-fixed-5000', {}, fx),
      [IMPUTATION_INPUTS.miwae]: asFile('vae-miwae-5000', {}, miwae),
    };
    const q = imputation.quickConfig;
    const config = { ...q, largeSample: { ...q.largeSample, n: masked5000.quickConfig.n, rows: 80, mvn: { chains: 1, warmup: 40, draws: 40, adaptDelta: 0.8 } }, importance: { samples: 8, draws: 20, level: 0.94 } };
    const r = await imputation.run({ ...runContext(imputation, { quick: true, config }), readInput: (p: string) => inputs[p] });
    expect(() => imputationComparisonResultSchema.parse(r)).not.toThrow();
    expect(r.samples.map((s) => s.id)).toEqual(['n500-mcar10', 'n5000-mcar20']);
    for (const s of r.samples) {
      expect(s.scores.map((x) => x.method)).toEqual(['column-means', 'masked-vae', 'masked-vae-fixed', 'miwae', 'bayesian-mvn']);
      for (const x of s.scores) {
        expect(x.rmse > 0 && Number.isFinite(x.srmr)).toBe(true);
        expect(x.coverage === null).toBe(x.method === 'column-means');
        if (x.coverage !== null) expect(x.coverage >= 0 && x.coverage <= 1).toBe(true);
      }
    }
    // on the 500-row sample the MVN's imputations are mvn-missing-500's own: same RMSE
    const mvnFile = JSON.parse(inputs[IMPUTATION_INPUTS.mvnMissing500]);
    expect(r.samples[0].scores[4].rmse).toBeCloseTo(mvnFile.result.imputation.rmse, 4);
    expect(r.samples[0].scores[0].rmse).toBeCloseTo(mvnFile.result.imputation.rmseColumnMean, 4);
  });
});
