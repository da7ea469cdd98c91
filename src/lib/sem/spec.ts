/**
 * What distinguishes one SEM from another beyond its lavaan text: where path coefficients go,
 * how the latent and residual covariances are built, whether the indicators have intercepts,
 * and the priors. The two named specifications and the named prior sets are stated here once.
 */
import { beta, flat, halfNormal, inverseGamma, lkj, normal, uniform, type Prior } from './priors';

/** 'intended': `y ~ x` puts its coefficient at B[y, x]. 'reversed': at B[x, y], as the original did. */
export type PathPlacement = 'intended' | 'reversed';
/** 'structural': free variance per latent, covariances only where described. 'lkj': a full LKJ covariance. */
export type LatentCovarianceForm = 'structural' | 'lkj';
/** 'correlation': Ψ_ij = ρ s_i s_j. 'sr-product': the original's Ψ = (S R)(S R)ᵀ, R = I + β at [i, j]. */
export type ResidualCovarianceForm = 'correlation' | 'sr-product';
/**
 * 'intercepts': each indicator has a free intercept ν_j (latent means fixed at 0, as lavaan's
 * default), so μ_y = ν and nothing depends on where the data's columns are centred.
 * 'zero': rows ~ MVN(0, Σ_y), as the original coded it (right only for centred data).
 */
export type MeanStructure = 'intercepts' | 'zero';

export interface SemPriors {
  /** free loadings */
  readonly loading: Prior;
  /** path coefficients */
  readonly path: Prior;
  /** latent (residual) standard deviations */
  readonly latentScale: Prior;
  /** LKJ(η) in the 'lkj' form; a bounded prior on each correlation in the 'structural' form */
  readonly latentCorrelation: Prior;
  /** indicator residual standard deviations (s) */
  readonly residualScale: Prior;
  /** ρ in the 'correlation' form, β in the 'sr-product' form (bounded) */
  readonly residualCorrelation: Prior;
  /**
   * Indicator intercepts, on the data's own scale: the prior is on z_j = (ν_j − x̄_j) / s_j,
   * x̄_j and s_j the column's observed mean and standard deviation. Unused under 'zero'.
   */
  readonly intercept: Prior;
}

export interface SemSpec {
  readonly pathPlacement: PathPlacement;
  readonly latentCovariance: LatentCovarianceForm;
  readonly residualCovariance: ResidualCovarianceForm;
  readonly meanStructure: MeanStructure;
  readonly priors: SemPriors;
}

/**
 * The corrected model: intended directions, standard SEM covariances, residual correlation of
 * either sign, free intercepts. Priors keep the brief's paths and latent scales; two are widened
 * because on these data they would dominate the likelihood: N(1, 0.5) on loadings shrinks MI's
 * loading (ML ≈ 2.3 ± 0.5), and InverseGamma(3, 4) on residual sds (mode 1, almost no mass
 * below 0.3) forces MI's residual variance far above its ML value (≈ 0.06). Intercepts get
 * Normal(x̄_j, 2.5 s_j), centred and scaled by the column as brms centres and scales its default
 * intercept prior (Student-t(3, median, 2.5 mad)): weak (the data pin ν_j to about s_j/√n), and
 * it moves with the data, so a shift of a column moves only its intercept.
 */
export const IDENTIFIED_SPEC: SemSpec = {
  pathPlacement: 'intended',
  latentCovariance: 'structural',
  residualCovariance: 'correlation',
  meanStructure: 'intercepts',
  priors: {
    loading: normal(1, 2),
    path: normal(0, 1),
    latentScale: halfNormal(1),
    latentCorrelation: uniform(-1, 1),
    residualScale: halfNormal(1),
    residualCorrelation: uniform(-1, 1),
    intercept: normal(0, 2.5),
  },
};

/** The original analysis as coded (see the brief's "Known problems"), zero means included. */
export const ORIGINAL_SPEC: SemSpec = {
  pathPlacement: 'reversed',
  latentCovariance: 'lkj',
  residualCovariance: 'sr-product',
  meanStructure: 'zero',
  priors: {
    loading: normal(1, 0.5),
    path: normal(0, 1),
    latentScale: halfNormal(1),
    latentCorrelation: lkj(2),
    residualScale: inverseGamma(3, 4),
    residualCorrelation: beta(1, 1),
    intercept: flat,
  },
};

export type SpecName = 'identified' | 'original';
export const NAMED_SPECS: Readonly<Record<SpecName, SemSpec>> = { identified: IDENTIFIED_SPEC, original: ORIGINAL_SPEC };

/**
 * Prior sets a specification can take: 'default' keeps the specification's own; 'original'
 * puts back the two the identified model widens (loadings N(1, 0.5), residual sds
 * InverseGamma(3, 4)) — the step between the original's SEM and the corrected one.
 */
export type PriorSetName = 'default' | 'original';
export const PRIOR_SETS: Readonly<Record<PriorSetName, Partial<SemPriors>>> = {
  default: {},
  original: { loading: ORIGINAL_SPEC.priors.loading, residualScale: ORIGINAL_SPEC.priors.residualScale },
};

/** A spec with some prior blocks replaced. */
export function withPriors(spec: SemSpec, overrides: Partial<SemPriors>): SemSpec {
  return { ...spec, priors: { ...spec.priors, ...overrides } };
}

/** The prior blocks a spec actually uses (the intercept prior only with intercepts). */
export function usedPriors(spec: SemSpec): Partial<SemPriors> {
  const { intercept, ...rest } = spec.priors;
  return spec.meanStructure === 'intercepts' ? { ...rest, intercept } : rest;
}
