/** Plain VAE, 1000 rows. */
import { vaeConfigSchema, vaeResultSchema } from '../results/vae';
import { declareExperiment } from './declaration';
import { vaeConfigs } from './vae-family';

export default declareExperiment({
  id: 'vae-plain-1000',
  family: 'vae',
  title: 'Plain VAE, 1000 rows',
  configSchema: vaeConfigSchema,
  ...vaeConfigs({ seed: 1000, model: 'plain', n: 1000, quickN: 1000, missingFraction: 0, imputation: 'none' }),
  resultSchema: vaeResultSchema,
  inputs: [],
});
