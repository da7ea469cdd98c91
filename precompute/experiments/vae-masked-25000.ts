import { defineVaeExperiment } from './vae-common';

export default defineVaeExperiment({
  id: 'vae-masked-25000',
  title: 'Mask-aware VAE, 25 000 rows, 20% missing',
  model: 'masked',
  n: 25000,
  quickN: 2000,
  missingFraction: 0.2,
  imputation: 'none',
  seed: 25000,
});
