/** Plain VAE on mean-imputed data, 10 000 rows, 20% missing. */
import { vaeConfigSchema, vaeResultSchema } from '../results/vae';
import { declareExperiment } from './declaration';
import { vaeConfigs } from './vae-family';

export default declareExperiment({
  id: 'vae-imputed-10000',
  family: 'vae',
  title: 'Plain VAE on mean-imputed data, 10 000 rows, 20% missing',
  configSchema: vaeConfigSchema,
  ...vaeConfigs({ seed: 10010, model: 'plain', n: 10000, quickN: 2000, missingFraction: 0.2, imputation: 'mean-train-split' }),
  resultSchema: vaeResultSchema,
  inputs: [],
});
