import { defineVaeExperiment } from './vae-common';

export default defineVaeExperiment({
  id: 'vae-imputed-10000',
  title: 'Plain VAE on mean-imputed data, 10 000 rows, 20% missing',
  model: 'plain',
  n: 10000,
  quickN: 2000,
  missingFraction: 0.2,
  imputation: 'mean-train-split',
  seed: 10010,
});
