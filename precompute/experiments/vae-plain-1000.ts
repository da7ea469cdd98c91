import { defineVaeExperiment } from './vae-common';

export default defineVaeExperiment({
  id: 'vae-plain-1000',
  title: 'Plain VAE, 1000 rows',
  model: 'plain',
  n: 1000,
  quickN: 1000,
  missingFraction: 0,
  imputation: 'none',
  seed: 1000,
});
