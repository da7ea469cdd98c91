import { defineVaeExperiment } from './vae-common';

export default defineVaeExperiment({
  id: 'vae-masked-5000',
  title: 'Mask-aware VAE, 5000 rows, 20% missing',
  model: 'masked',
  n: 5000,
  quickN: 1000,
  missingFraction: 0.2,
  imputation: 'none',
  seed: 5000,
});
