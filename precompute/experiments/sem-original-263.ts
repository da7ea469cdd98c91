/** The original analysis's SEM as it was coded, to reproduce what went wrong. */
import declaration from '../../src/lib/experiments/sem-original-263';
import { defineRun } from '../experiment';
import { runSemExperiment } from './sem-shared';

export default defineRun(declaration, (ctx) =>
  runSemExperiment(ctx, 'original', [
    "Coefficients at the original's places B[3,2], B[2,1], B[3,1], B[1,0], B[2,0], B[3,0] (latent order JS, SWB, DTP, CTS) with (I − B)η = ζ: each labelled regression y ~ x is estimated as the effect of y on x.",
    'Full latent residual covariance: LKJ(2) correlation with HalfNormal(1) scales, so paths trade off against latent correlations.',
    'Loadings N(1, 0.5) with the first of each factor fixed to 1; paths N(0, 1); Ψ = (S R)(S R)ᵀ with s ~ InverseGamma(3, 4) and R[UF1, FOR] = β ~ Beta(1, 1), so UF1~~FOR = s_UF1 s_FOR β ≥ 0 and Var(UF1) = s_UF1² (1 + β²).',
    "Left out: the original's 263 × 4 latent residual draws, which its marginal likelihood never used.",
    'Latents are stored in lavaan order (CTS, DTP, SWB, JS); the LKJ prior is exchangeable, so this only relabels the original\'s (JS, SWB, DTP, CTS).',
    'The ML estimates and fit indices are of the identified model (the original specification is not identified, so it has no unique ML solution).',
  ]),
);
