import { defineVaeExperiment } from './vae-common';

export default defineVaeExperiment({
  id: 'vae-plain-10000',
  title: 'Plain VAE, 10 000 rows',
  model: 'plain',
  n: 10000,
  quickN: 2000,
  missingFraction: 0,
  imputation: 'none',
  seed: 10000,
});
