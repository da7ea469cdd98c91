/**
 * The masked VAE with the original's objective and settings on the essay's sample with no cell
 * removed (the same 5000 rows as vae-masked-5000 before masking): does it collapse without
 * missing cells? Separates the architecture and objective from the missing data.
 */
import { vaeVariantConfigSchema, vaeVariantResultSchema } from '../results/vae-missing';
import { declareExperiment } from './declaration';
import { MASKED_SAMPLE, variantConfigs } from './vae-missing-family';

export default declareExperiment({
  id: 'vae-masked-complete-5000',
  family: 'vae-missing',
  title: 'Mask-aware VAE, original objective, 5000 complete rows',
  configSchema: vaeVariantConfigSchema,
  ...variantConfigs({ seed: MASKED_SAMPLE.seed, missingFraction: 0, model: 'masked', extra: {} }),
  resultSchema: vaeVariantResultSchema,
  inputs: [],
});
