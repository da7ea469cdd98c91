import { defineVaeExperiment } from './vae-common';

export default defineVaeExperiment({
  id: 'vae-plain-500',
  title: 'Plain VAE, 500 rows',
  model: 'plain',
  n: 500,
  quickN: 500,
  missingFraction: 0,
  imputation: 'none',
  seed: 500,
});
