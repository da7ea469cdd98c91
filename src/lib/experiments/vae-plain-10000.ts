/** Plain VAE, 10 000 rows. */
import { vaeConfigSchema, vaeResultSchema } from '../results/vae';
import { declareExperiment } from './declaration';
import { vaeConfigs } from './vae-family';

export default declareExperiment({
  id: 'vae-plain-10000',
  family: 'vae',
  title: 'Plain VAE, 10 000 rows',
  configSchema: vaeConfigSchema,
  ...vaeConfigs({ seed: 10000, model: 'plain', n: 10000, quickN: 2000, missingFraction: 0, imputation: 'none' }),
  resultSchema: vaeResultSchema,
  inputs: [],
});
