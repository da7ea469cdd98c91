/** The identified structure with the original's loading and residual-sd priors: the prior change of section 10 on its own. */
import declaration from '../../src/lib/experiments/sem-original-priors-263';
import { defineRun } from '../experiment';
import { runSemExperiment } from './sem-common';

export default defineRun(declaration, (ctx) =>
  runSemExperiment(
    ctx,
    'identified',
    [
      'The identified specification (intended path directions, structural latent covariances, UF1~~FOR = rho · s_UF1 · s_FOR with rho ~ Uniform(−1, 1), free intercepts) with two priors put back to the original\'s: loadings N(1, 0.5) and residual sds InverseGamma(3, 4) (PRIOR_SETS.original).',
      'Same sample, sampler settings and chain seeds as sem-identified-263, so the two differ only in those two priors; set beside sem-original-263 it separates the prior change from the three structural corrections.',
    ],
    'original',
  ),
);
