/**
 * MIWAE (Mattei & Frellsen 2019) on the essay's masked sample: the importance-weighted bound on
 * the observed-data likelihood with K = 20, the masked VAE's sizes, zero-filled inputs and the
 * mask, no dropout, the paper's learning rate; audited like the other VAE experiments.
 */
import { vaeVariantConfigSchema, vaeVariantResultSchema } from '../results/vae-missing';
import { declareExperiment } from './declaration';
import { MASKED_SAMPLE, MIWAE_K, MIWAE_LEARNING_RATE, variantConfigs } from './vae-missing-family';

export default declareExperiment({
  id: 'vae-miwae-5000',
  family: 'vae-missing',
  title: 'MIWAE (K = 20), 5000 rows, 20% missing',
  configSchema: vaeVariantConfigSchema,
  ...variantConfigs({ seed: MASKED_SAMPLE.seed, missingFraction: MASKED_SAMPLE.missingFraction, model: 'miwae', extra: { learningRate: MIWAE_LEARNING_RATE, importanceSamples: MIWAE_K } }),
  resultSchema: vaeVariantResultSchema,
  inputs: [],
});
