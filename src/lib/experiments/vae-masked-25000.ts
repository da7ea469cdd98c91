/** Mask-aware VAE, 25 000 rows, 20% missing. */
import { vaeConfigSchema, vaeResultSchema } from '../results/vae';
import { declareExperiment } from './declaration';
import { vaeConfigs } from './vae-family';

export default declareExperiment({
  id: 'vae-masked-25000',
  family: 'vae',
  title: 'Mask-aware VAE, 25 000 rows, 20% missing',
  configSchema: vaeConfigSchema,
  ...vaeConfigs({ seed: 25000, model: 'masked', n: 25000, quickN: 2000, missingFraction: 0.2, imputation: 'none' }),
  resultSchema: vaeResultSchema,
  inputs: [],
});
