/**
 * Schemas of the replication experiments: the SEM's sampling distribution at n = 263, the
 * Bayesian MVN over fresh samples of 500 rows, and the missing-data methods under MCAR, MAR and
 * MNAR. Imports only zod: the site reads these at build time.
 */
import { z } from 'zod';

const matrix = z.array(z.array(z.number()));

/** Mean, sd, Monte Carlo error of the mean and quantiles of one quantity over replications. */
export const replicateSummarySchema = z.object({
  count: z.number().int().min(2),
  mean: z.number(),
  sd: z.number().nonnegative(),
  mcse: z.number().nonnegative(),
  q05: z.number(),
  q50: z.number(),
  q95: z.number(),
});
export type ReplicateSummaryResult = z.infer<typeof replicateSummarySchema>;

const histogramSchema = z.object({ lo: z.number(), hi: z.number(), counts: z.array(z.number().int().nonnegative()) });

// ---- sem-replication-263 ------------------------------------------------------------------

export const semReplicationConfigSchema = z.object({
  seed: z.number().int().nonnegative(),
  n: z.number().int().min(20),
  replications: z.number().int().min(20),
  /** the seed of the essay's own sample (sample-263 and the SEM fits), placed among the replications */
  sampleSeed: z.number().int().nonnegative(),
  /** level of the χ² test of exact fit */
  alpha: z.number().gt(0).lt(1),
  histogramBins: z.number().int().min(5),
});
export type SemReplicationConfig = z.infer<typeof semReplicationConfigSchema>;

export const semParameterReplicationSchema = z.object({
  name: z.string(),
  group: z.string(),
  population: z.number(),
  estimates: replicateSummarySchema,
  biasZ: z.number(),
  signShare: z.number().min(0).max(1).nullable(),
  coverage: z.number().min(0).max(1),
  meanSe: z.number(),
  shareNegative: z.number().min(0).max(1),
  shareSignificant: z.number().min(0).max(1),
  sample: z.object({ estimate: z.number(), se: z.number(), percentile: z.number().min(0).max(1) }),
  histogram: histogramSchema,
});

export const semReplicationResultSchema = z.object({
  n: z.number().int(),
  replications: z.number().int(),
  notConverged: z.number().int().nonnegative(),
  singularInformation: z.number().int().nonnegative(),
  syntax: z.string(),
  parameters: z.array(semParameterReplicationSchema),
  fit: z.object({
    chisq: replicateSummarySchema,
    cfi: replicateSummarySchema,
    rmsea: replicateSummarySchema,
    srmr: replicateSummarySchema,
    df: z.number().int(),
    rejectExactFit: z.number().min(0).max(1),
  }),
  sampleFit: z.object({ chisq: z.number(), chisqPercentile: z.number(), srmr: z.number(), srmrPercentile: z.number() }),
  sampleSrmr: replicateSummarySchema.extend({ sample: z.number(), percentile: z.number() }),
  sampleCorrelations: z.array(replicateSummarySchema.extend({ pair: z.tuple([z.string(), z.string()]), truth: z.number(), sample: z.number(), percentile: z.number() })),
  /** indirect and total effects between latents that are not structurally zero, from each fit's ML paths */
  effects: z.array(
    z.object({
      kind: z.enum(['indirect', 'total']),
      from: z.string(),
      to: z.string(),
      population: z.number(),
      estimates: replicateSummarySchema,
      shareNegative: z.number().min(0).max(1),
      sample: z.object({ estimate: z.number(), percentile: z.number().min(0).max(1) }),
    }),
  ),
  /** the Done-when check: every path's mean ML estimate against the population fit, in MCSE */
  pathAgreement: z.object({ maxAbsBiasZ: z.number(), within2Mcse: z.boolean(), worst: z.string() }),
  notes: z.array(z.string()),
});
export type SemReplicationResult = z.infer<typeof semReplicationResultSchema>;

// ---- shared by the MVN replications -------------------------------------------------------

const samplerSettings = {
  chains: z.number().int().min(1),
  warmup: z.number().int().min(10),
  draws: z.number().int().min(10),
  adaptDelta: z.number().gt(0).lt(1),
};

const healthSchema = z.object({
  divergences: z.number().int().nonnegative(),
  treeDepthHits: z.number().int().nonnegative(),
  maxRhat: z.number(),
  minEssBulk: z.number(),
  minEssTail: z.number(),
  gradientEvaluations: z.number().int(),
});
export type FitHealth = z.infer<typeof healthSchema>;

const healthSummarySchema = z.object({
  fits: z.number().int(),
  divergences: z.number().int().nonnegative(),
  treeDepthHits: z.number().int().nonnegative(),
  maxRhat: z.number(),
  minEssBulk: z.number(),
  minEssTail: z.number(),
});

// ---- mvn-replication-500 ------------------------------------------------------------------

export const mvnReplicationConfigSchema = z.object({
  seed: z.number().int().nonnegative(),
  n: z.number().int().min(20),
  replications: z.number().int().min(2),
  missingFraction: z.number().gt(0).lt(1),
  ...samplerSettings,
  hdiProb: z.number().gt(0).lt(1),
});
export type MvnReplicationConfig = z.infer<typeof mvnReplicationConfigSchema>;

const mvnFitRecord = z.object({
  /** SRMR of the posterior-mean correlation against the truth */
  posteriorSrmr: z.number(),
  /** SRMR of the data's own correlations (pairwise-complete when cells are missing) */
  sampleSrmr: z.number(),
  /** of the true lower-triangle correlations, how many lie inside their HDI */
  covered: z.number().int().nonnegative(),
  health: healthSchema,
});

export const mvnReplicationResultSchema = z.object({
  n: z.number().int(),
  replications: z.number().int(),
  correlations: z.number().int(),
  hdiProb: z.number(),
  missingCells: z.number().int(),
  /** per replication: the complete sample's SRMR (a draw of the sampling floor), and the two fits */
  runs: z.array(z.object({ floor: z.number(), complete: mvnFitRecord, mcar: mvnFitRecord })),
  summary: z.object({
    floor: replicateSummarySchema,
    complete: z.object({ posteriorSrmr: replicateSummarySchema, sampleSrmr: replicateSummarySchema, posteriorMinusSample: replicateSummarySchema, posteriorBeatsSample: z.number(), coverage: z.number(), coverageSe: z.number() }),
    mcar: z.object({ posteriorSrmr: replicateSummarySchema, sampleSrmr: replicateSummarySchema, posteriorMinusSample: replicateSummarySchema, posteriorBeatsSample: z.number(), coverage: z.number(), coverageSe: z.number() }),
    health: z.object({ complete: healthSummarySchema, mcar: healthSummarySchema }),
  }),
  notes: z.array(z.string()),
});
export type MvnReplicationResult = z.infer<typeof mvnReplicationResultSchema>;

// ---- mvn-mar-500 --------------------------------------------------------------------------

const mechanismSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('mcar'), fraction: z.number().gt(0).lt(1), columns: z.array(z.string()).min(1).optional() }),
  z.object({ kind: z.literal('mar'), fraction: z.number().gt(0).lt(1), slope: z.number().nonnegative(), columns: z.array(z.string()).min(1), driver: z.array(z.string()).min(1) }),
  z.object({ kind: z.literal('mnar'), fraction: z.number().gt(0).lt(1), slope: z.number().nonnegative(), columns: z.array(z.string()).min(1) }),
]);

export const mvnMarConfigSchema = z.object({
  seed: z.number().int().nonnegative(),
  n: z.number().int().min(20),
  mechanisms: z.array(z.object({ id: z.string(), mechanism: mechanismSchema })).min(1),
  /** samples per mechanism for the cheap estimators (complete-case, pairwise, column mean, EM) */
  replications: z.number().int().min(2),
  /** the first this-many of those samples also get the Bayesian MVN (marginal formulation) */
  bayesReplications: z.number().int().min(2),
  /** the first this-many also get the cells-as-parameters formulation (0, or ≥ 2 so that it has a spread) */
  cellsReplications: z.number().int().min(0).refine((v) => v !== 1, 'cellsReplications must be 0 or at least 2: one fit has no spread to summarise'),
  ...samplerSettings,
});
export type MvnMarConfig = z.infer<typeof mvnMarConfigSchema>;

export const METHOD_IDS = ['complete-case', 'pairwise', 'column-mean', 'em', 'bayes-marginal', 'bayes-cells'] as const;
export type MethodId = (typeof METHOD_IDS)[number];

const methodResultSchema = z.object({
  id: z.enum(METHOD_IDS),
  label: z.string(),
  /** replications this method was run on (its own samples' indices are 0..replications−1) */
  replications: z.number().int(),
  /** samples on which it could not estimate (complete-case analysis with no more complete rows than columns); left out of the summaries */
  failures: z.number().int().nonnegative(),
  srmr: replicateSummarySchema,
  /** SRMR of the residual averaged over replications: the method's systematic error */
  systematicSrmr: z.number(),
  /** per column: mean over replications of (estimate − truth) / true sd, and its MCSE */
  meanBias: z.array(z.object({ mean: z.number(), mcse: z.number() })),
  /** per column: mean over replications of estimate / true sd − 1, and its MCSE */
  sdBias: z.array(z.object({ mean: z.number(), mcse: z.number() })),
  /** mean over replications of the SRMR difference to EM on the same samples (null for EM itself) */
  srmrMinusEm: replicateSummarySchema.nullable(),
  meanResidual: matrix,
  health: healthSummarySchema.nullable(),
});
export type MethodResult = z.infer<typeof methodResultSchema>;

export const mvnMarResultSchema = z.object({
  n: z.number().int(),
  names: z.array(z.string()),
  mechanisms: z.array(
    z.object({
      id: z.string(),
      description: z.string(),
      mechanism: mechanismSchema,
      missingShare: replicateSummarySchema,
      completeRows: replicateSummarySchema,
      /** the sampling floor on the same samples before masking */
      floor: replicateSummarySchema,
      methods: z.array(methodResultSchema),
      /** cells-as-parameters against the marginal fit on the same samples: max |Δ posterior mean| / combined MCSE over the core quantities */
      formulationAgreement: z.array(z.object({ replication: z.number().int(), maxZ: z.number() })),
    }),
  ),
  notes: z.array(z.string()),
});
export type MvnMarResult = z.infer<typeof mvnMarResultSchema>;

// ---- equal-n-500 --------------------------------------------------------------------------

export const equalNConfigSchema = z.object({
  seed: z.number().int().nonnegative(),
  /** training sizes whose floor the figure needs (the VAE learns from 80% of its rows) */
  floorSizes: z.array(z.number().int().min(13)).min(1),
  floorSets: z.number().int().min(10),
  /** rows per sample of the SEM's ML fits, and how many samples */
  semN: z.number().int().min(20),
  semReplications: z.number().int().min(2),
});
export type EqualNConfig = z.infer<typeof equalNConfigSchema>;

export const equalNResultSchema = z.object({
  floors: z.array(replicateSummarySchema.extend({ size: z.number().int() })),
  sem: z.object({
    n: z.number().int(),
    replications: z.number().int(),
    /** SRMR of the population ML fit's implied correlations against the truth: the misfit of the structure itself */
    populationMisfit: z.number(),
    /** SRMR of the implied-correlation residual averaged over samples */
    systematicSrmr: z.number(),
    /** SRMR of each sample's implied correlations */
    perSample: replicateSummarySchema,
  }),
  notes: z.array(z.string()),
});
export type EqualNResult = z.infer<typeof equalNResultSchema>;
