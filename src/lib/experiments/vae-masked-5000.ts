/** Mask-aware VAE, 5000 rows, 20% missing. */
import { vaeConfigSchema, vaeResultSchema } from '../results/vae';
import { declareExperiment } from './declaration';
import { vaeConfigs } from './vae-family';

export default declareExperiment({
  id: 'vae-masked-5000',
  family: 'vae',
  title: 'Mask-aware VAE, 5000 rows, 20% missing',
  configSchema: vaeConfigSchema,
  ...vaeConfigs({ seed: 5000, model: 'masked', n: 5000, quickN: 1000, missingFraction: 0.2, imputation: 'none' }),
  resultSchema: vaeResultSchema,
  inputs: [],
});
