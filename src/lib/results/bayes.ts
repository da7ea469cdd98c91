/**
 * Result schemas of the Bayesian multivariate-normal experiments (mvn-500, mvn-missing-500).
 * Imports only zod: the site reads these at build time.
 */
import { z } from 'zod';

const matrix = z.array(z.array(z.number()));
const nullableNumber = z.number().nullable();

export const mvnExperimentConfigSchema = z.object({
  seed: z.number().int().nonnegative(),
  n: z.number().int().min(20).max(100_000),
  /** fraction of cells removed completely at random (0 = complete data) */
  missingFraction: z.number().min(0).max(0.5),
  chains: z.number().int().min(1).max(16),
  warmup: z.number().int().min(0),
  draws: z.number().int().min(10),
  adaptDelta: z.number().gt(0).lt(1),
  /** posterior draws kept in the result, pooled over chains (thinned evenly) */
  keptDraws: z.number().int().min(10).max(2000),
  /** posterior predictive data sets, each of n rows */
  predictiveDatasets: z.number().int().min(1).max(2000),
  /** also fit the missing-cells-as-parameters formulation and compare (missing data only) */
  compareFormulations: z.boolean(),
});
export type MvnExperimentConfig = z.infer<typeof mvnExperimentConfigSchema>;

export const summaryRowSchema = z.object({
  name: z.string(),
  mean: z.number(),
  sd: z.number(),
  'hdi_3%': z.number(),
  'hdi_97%': z.number(),
  mcse_mean: nullableNumber,
  ess_bulk: nullableNumber,
  ess_tail: nullableNumber,
  r_hat: nullableNumber,
});
export type SummaryRowResult = z.infer<typeof summaryRowSchema>;

export const samplerHealthSchema = z.object({
  chains: z.number().int(),
  drawsPerChain: z.number().int(),
  divergences: z.number().int(),
  treeDepthHits: z.number().int(),
  maxTreeDepth: z.number().int(),
  ebfmi: z.array(z.number()),
  stepSize: z.array(z.number()),
  meanAcceptStat: z.array(z.number()),
  gradientEvaluations: z.object({ warmup: z.number().int(), sampling: z.number().int() }),
});

export const modelGraphSchema = z.object({
  nodes: z.array(
    z.object({
      id: z.string(),
      label: z.string(),
      kind: z.enum(['parameter', 'deterministic', 'observed', 'missing', 'generated']),
      distribution: z.string().optional(),
      shape: z.string().optional(),
      plate: z.string().optional(),
      description: z.string(),
    }),
  ),
  edges: z.array(z.object({ from: z.string(), to: z.string() })),
  plates: z.array(z.object({ id: z.string(), label: z.string(), size: z.number().int() })),
});
export type ModelGraphResult = z.infer<typeof modelGraphSchema>;

export const imputedCellSchema = z.object({
  row: z.number().int(),
  column: z.string(),
  truth: z.number(),
  mean: z.number(),
  'hdi_3%': z.number(),
  'hdi_97%': z.number(),
  covered: z.boolean(),
});

export const mvnExperimentResultSchema = z.object({
  experiment: z.string(),
  config: mvnExperimentConfigSchema,
  names: z.array(z.string()),
  n: z.number().int(),
  missingCells: z.number().int(),
  /** how missing cells entered the model reported in `summary` */
  formulation: z.enum(['complete', 'marginal']),
  graph: modelGraphSchema,
  truth: z.object({ correlation: matrix, sd: z.array(z.number()) }),
  /** mu[·], sigma[·], corr[·,·] (strict lower triangle) */
  summary: z.array(summaryRowSchema),
  sampler: samplerHealthSchema,
  /** pooled, evenly thinned posterior draws of the summary's quantities */
  draws: z.object({ columns: z.array(z.string()), chain: z.array(z.number().int()), values: matrix }),
  posteriorMeanCorrelation: matrix,
  /** truth − posterior-mean correlation */
  residual: matrix,
  /** standard SRMR of `residual` (Hu & Bentler) */
  srmr: z.number(),
  /** the same for the sample's own (pairwise) correlation matrix, for reference */
  sample: z.object({ correlation: matrix, residual: matrix, srmr: z.number() }),
  predictive: z.object({
    datasets: z.number().int(),
    /** SRMR of each replicate's correlation against the truth */
    srmr: z.object({ mean: z.number(), q05: z.number(), q50: z.number(), q95: z.number() }),
    /** mean over replicates of truth − replicate correlation */
    meanResidual: matrix,
  }),
  imputation: z
    .object({
      cells: z.array(imputedCellSchema),
      /** share of removed true values inside their 94% HDI */
      coverage: z.number(),
      rmse: z.number(),
      /** RMSE of column-mean imputation on the same cells, for comparison */
      rmseColumnMean: z.number(),
    })
    .optional(),
  /** the missing-cells-as-parameters fit, compared with the marginal one (missing data only) */
  agreement: z
    .object({
      summary: z.array(summaryRowSchema),
      /** |mean₁ − mean₂| / √(mcse₁² + mcse₂²) per quantity, and its maximum */
      z: z.array(z.object({ name: z.string(), z: z.number() })),
      maxZ: z.number(),
      /** max |posterior-mean imputation difference| over cells, and the largest such z */
      imputationMaxZ: z.number(),
      /** posterior predictive SRMR of this fit (same summary as predictive.srmr) */
      predictiveSrmr: z.object({ mean: z.number(), q05: z.number(), q50: z.number(), q95: z.number() }),
      sampler: samplerHealthSchema,
    })
    .optional(),
  /**
   * Wall-clock seconds (summed over chains): not reproducible. The runner moves this key into
   * the manifest before validating and writing, so stored results never contain it.
   */
  timing: z
    .object({
      warmupSeconds: z.number(),
      samplingSeconds: z.number(),
      comparisonSeconds: z.number().optional(),
    })
    .optional(),
});
export type MvnExperimentResult = z.infer<typeof mvnExperimentResultSchema>;
