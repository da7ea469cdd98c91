/**
 * Section 10's prior change isolated: the identified structure (intended paths, structural
 * latent covariances, residual correlation of either sign, intercepts) with the original's
 * priors on the loadings, N(1, 0.5), and the residual sds, InverseGamma(3, 4). Set beside
 * sem-identified-263 (same structure, widened priors) and sem-original-263 (original structure
 * and priors), it separates the effect of the prior change from the three corrections.
 */
import { semConfigSchema, semResultSchema } from '../results/sem';
import { declareExperiment } from './declaration';
import { SEM_FULL, SEM_MODEL_FILE, SEM_QUICK } from './sem-family';

export default declareExperiment({
  id: 'sem-original-priors-263',
  family: 'sem',
  title: 'Identified SEM with the original priors on loadings and residual sds, n = 263',
  configSchema: semConfigSchema,
  config: SEM_FULL,
  quickConfig: SEM_QUICK,
  resultSchema: semResultSchema,
  inputs: [SEM_MODEL_FILE],
});
