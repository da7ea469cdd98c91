/**
 * The labs rerun what the essay ran: every setting the reader does not change in the controls
 * is the essay's experiment's, and the controls start at the essay's values. A literal in a lab
 * that disagrees with its experiment's config fails here; a setting changed in the experiment's
 * family module changes the lab and passes.
 */
import { describe, expect, it } from 'vitest';
import { CATALOGUE, family } from '../../../src/lib/experiments';
import { VAE_ARCHS, VAE_FIELDS } from '../../../src/islands/vae-lab/controls';
import { BAKED_VAE } from '../../../src/islands/vae-lab/baked-table';
import { ESSAY_LEARNING_RATE, TEST_FRACTION, labTrainSettings } from '../../../src/islands/vae-lab/settings';
import { prepareLabData } from '../../../src/islands/vae-lab/prepare';
import { ESSAY_SAMPLER, SAMPLER_FIELDS, labChainSettings } from '../../../src/islands/sampler-lab/controls';
import { LAB_MODELS } from '../../../src/islands/sampler-lab/sem';

describe('the VAE lab trains with the essay’s settings', () => {
  it('uses each VAE experiment’s batch size, early stopping, test fraction and learning rate for its architecture', () => {
    for (const d of family('vae')) {
      const arch = BAKED_VAE.find((b) => b.id === d.id)!.arch;
      const c = d.config;
      expect(labTrainSettings({ learningRate: ESSAY_LEARNING_RATE[arch], maxEpochs: c.maxEpochs }), d.id).toEqual({
        learningRate: c.learningRate,
        maxEpochs: c.maxEpochs,
        batchSize: c.batchSize,
        patience: c.patience,
        minDelta: c.minDelta,
      });
      expect(TEST_FRACTION, d.id).toBe(c.testFraction);
      // the split the lab actually makes, not only the constant it names
      const data = prepareLabData({ arch, rows: 1000, missingFraction: c.missingFraction, seed: 1 });
      expect(data.test.rows, d.id).toBe(Math.round(1000 * c.testFraction));
    }
  });

  it('starts its learning-rate control at the essay’s rate for the first architecture', () => {
    const field = VAE_FIELDS.find((f) => f.key === 'learningRate')!;
    expect(field.initial).toBe(ESSAY_LEARNING_RATE[VAE_ARCHS[0].value]);
    expect(ESSAY_LEARNING_RATE.plain).toBe(CATALOGUE['vae-plain-1000'].config.learningRate);
    expect(ESSAY_LEARNING_RATE.imputed).toBe(CATALOGUE['vae-imputed-10000'].config.learningRate);
    expect(ESSAY_LEARNING_RATE.masked).toBe(CATALOGUE['vae-masked-5000'].config.learningRate);
  });
});

describe('the sampler lab samples with the essay’s NUTS settings', () => {
  const run = { warmup: 100, draws: 100 };

  it('runs both SEM specifications (and the reader’s) at the SEM experiments’ adapt_delta, tree depth and init radius', () => {
    for (const [model, id] of [['sem-identified', 'sem-identified-263'], ['sem-original', 'sem-original-263'], ['sem-custom', 'sem-identified-263']] as const) {
      const c = CATALOGUE[id].config;
      expect(labChainSettings({ model, ...run, adaptDelta: ESSAY_SAMPLER[model].adaptDelta }), model).toEqual({
        numWarmup: 100,
        numDraws: 100,
        adaptDelta: c.adaptDelta,
        maxTreeDepth: c.maxTreeDepth,
        initRadius: c.initRadius,
      });
    }
  });

  it('runs the multivariate normal at mvn-500’s adapt_delta, leaving the rest at the sampler’s defaults as that experiment does', () => {
    expect(labChainSettings({ model: 'mvn', ...run, adaptDelta: ESSAY_SAMPLER.mvn.adaptDelta })).toEqual({ numWarmup: 100, numDraws: 100, adaptDelta: CATALOGUE['mvn-500'].config.adaptDelta });
  });

  it('starts the adapt_delta control at the first model’s value, and passes the reader’s value through', () => {
    const field = SAMPLER_FIELDS.find((f) => f.key === 'adaptDelta')!;
    expect(LAB_MODELS[0].value).toBe('mvn');
    expect(field.initial).toBe(CATALOGUE['mvn-500'].config.adaptDelta);
    expect(labChainSettings({ model: 'sem-identified', ...run, adaptDelta: 0.85 }).adaptDelta).toBe(0.85);
  });
});
