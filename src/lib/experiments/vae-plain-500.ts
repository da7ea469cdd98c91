/** Plain VAE, 500 rows. */
import { vaeConfigSchema, vaeResultSchema } from '../results/vae';
import { declareExperiment } from './declaration';
import { vaeConfigs } from './vae-family';

export default declareExperiment({
  id: 'vae-plain-500',
  family: 'vae',
  title: 'Plain VAE, 500 rows',
  configSchema: vaeConfigSchema,
  ...vaeConfigs({ seed: 500, model: 'plain', n: 500, quickN: 500, missingFraction: 0, imputation: 'none' }),
  resultSchema: vaeResultSchema,
  inputs: [],
});
