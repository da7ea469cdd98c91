/** The corrected, identified SEM of section 10, fitted by NUTS and checked against maximum likelihood. */
import declaration from '../../src/lib/experiments/sem-identified-263';
import { defineRun } from '../experiment';
import { runSemExperiment } from './sem-shared';

export default defineRun(declaration, (ctx) =>
  runSemExperiment(ctx, 'identified', [
    "lavaan model of the brief with marker-variable identification; y ~ x puts its coefficient at B[y, x] (effect of x on y).",
    'Free variance for the exogenous factor (CTS), independent residual variances for DTP, SWB and JS.',
    'UF1~~FOR = rho · s_UF1 · s_FOR with rho ~ Uniform(−1, 1), so the residual covariance can take either sign.',
    "Priors: paths N(0, 1) and latent sds HalfNormal(1) as in the brief; loadings N(1, 2) and residual sds HalfNormal(1) instead of the original's N(1, 0.5) and InverseGamma(3, 4), which on these data dominate MI's loading and residual variance.",
    'Likelihood: rows ~ MVN(0, Σ_y) from sufficient statistics, as in the brief; the ML fit uses the same likelihood (equal to lavaan\'s up to centring).',
  ]),
);
