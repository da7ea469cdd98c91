/** Config and result schemas of the SEM experiments (sem-original-263, sem-identified-263). Imports only zod. */
import { z } from 'zod';

const matrix = z.array(z.array(z.number()));
/** diagnostics can be undefined on tiny runs (e.g. R-hat of too few draws): stored as null */
const maybe = z.number().nullable();

export const semConfigSchema = z.object({
  seed: z.number().int().nonnegative(),
  /** simulated sample size (the original study's 263) */
  n: z.number().int().min(20),
  chains: z.number().int().min(1).max(16),
  warmup: z.number().int().min(0),
  draws: z.number().int().min(1),
  adaptDelta: z.number().gt(0).lt(1),
  maxTreeDepth: z.number().int().min(1).max(15),
  /** inits uniform on (−r, r) around the model's data-informed initial point (unconstrained scale) */
  initRadius: z.number().positive(),
  /** retained draws per chain for trace and rank plots */
  tracePoints: z.number().int().min(10),
  /** posterior predictive data sets (each of size n) */
  predictiveSets: z.number().int().min(1),
});
export type SemConfig = z.infer<typeof semConfigSchema>;

export const parameterGroupSchema = z.enum(['loading', 'path', 'latent-variance', 'latent-covariance', 'residual-variance', 'residual-covariance', 'intercept', 'auxiliary']);
export type ParameterGroup = z.infer<typeof parameterGroupSchema>;

export const summaryRowSchema = z.object({
  /** lavaan-style name: 'CTS=~ST', 'DTP~CTS', 'UF1~~FOR', 'ST~~ST', 'ST~1' (intercept); auxiliary: 'rho[UF1,FOR]', 'beta[UF1,FOR]' */
  name: z.string(),
  group: parameterGroupSchema,
  mean: z.number(),
  sd: z.number(),
  'hdi_3%': z.number(),
  'hdi_97%': z.number(),
  mcse_mean: maybe,
  ess_bulk: maybe,
  ess_tail: maybe,
  r_hat: maybe,
});
export type SummaryRowResult = z.infer<typeof summaryRowSchema>;

const intervalMatrix = z.object({ mean: matrix, lower: matrix, upper: matrix });

const estimate = z.object({ mean: z.number(), lower: maybe, upper: maybe, ml: maybe, mlSe: maybe });

export const pathDiagramSchema = z.object({
  nodes: z.array(z.object({ id: z.string(), kind: z.enum(['latent', 'indicator']), x: z.number(), y: z.number(), variance: estimate.nullable() })),
  edges: z.array(
    z.object({
      name: z.string(),
      from: z.string(),
      to: z.string(),
      kind: z.enum(['loading', 'path', 'residual-covariance', 'latent-covariance']),
      fixed: z.boolean(),
      estimate: estimate.nullable(),
    }),
  ),
  levels: z.record(z.number()),
  pathPlacement: z.enum(['intended', 'reversed']),
});

export const fitIndicesSchema = z.object({
  n: z.number(),
  npar: z.number(),
  df: z.number(),
  logLik: z.number(),
  chisq: z.number(),
  pvalue: z.number(),
  baselineChisq: z.number(),
  baselineDf: z.number(),
  cfi: z.number(),
  tli: z.number(),
  rmsea: z.number(),
  srmr: z.number(),
  srmrCorrelation: z.number(),
});

export const semResultSchema = z.object({
  spec: z.enum(['original', 'identified']),
  n: z.number().int(),
  observed: z.array(z.string()),
  latents: z.array(z.string()),
  /** the lavaan model text the description came from */
  syntax: z.string(),
  /** structural choices and priors, in words */
  specification: z.object({
    pathPlacement: z.enum(['intended', 'reversed']),
    latentCovariance: z.enum(['structural', 'lkj']),
    residualCovariance: z.enum(['correlation', 'sr-product']),
    /** free indicator intercepts, or rows ~ MVN(0, Σ) as the original coded it (absent in results baked before intercepts) */
    meanStructure: z.enum(['intercepts', 'zero']).optional(),
    priors: z.record(z.string()),
  }),
  notes: z.array(z.string()),
  summary: z.array(summaryRowSchema),
  sampler: z.object({
    chains: z.number().int(),
    warmup: z.number().int(),
    drawsPerChain: z.number().int(),
    adaptDelta: z.number(),
    initRadius: z.number(),
    divergences: z.number().int(),
    warmupDivergences: z.number().int(),
    treeDepthHits: z.number().int(),
    maxTreeDepth: z.number().int(),
    stepSize: z.array(z.number()),
    meanAcceptStat: z.array(z.number()),
    ebfmi: z.array(maybe),
    gradientEvaluations: z.object({ warmup: z.number(), sampling: z.number() }),
    maxRhat: maybe,
    minEssBulk: maybe,
    minEssTail: maybe,
  }),
  /** thinned draws for trace and rank plots: values[chain][column][draw] */
  traces: z.object({ every: z.number().int(), columns: z.array(z.string()), values: z.array(z.array(z.array(z.number()))) }),
  predictive: z.object({
    sets: z.number().int(),
    n: z.number().int(),
    meanCorrelation: matrix,
    /** truth − mean predictive correlation */
    meanResidual: matrix,
    srmrPerSet: z.object({ mean: z.number(), sd: z.number(), lower: z.number(), upper: z.number() }),
  }),
  /** standard SRMR of predictive.meanResidual */
  srmr: z.number(),
  /** [i][j] = effect of latents[j] on latents[i]; posterior means with 94% HDIs */
  effects: z.object({ latents: z.array(z.string()), direct: intervalMatrix, indirect: intervalMatrix, total: intervalMatrix }),
  ml: z.object({
    /** the ML fit is always of the identified model (the original's is not identified) */
    spec: z.literal('identified'),
    converged: z.boolean(),
    parameters: z.array(z.object({ name: z.string(), estimate: z.number(), se: maybe })),
    fit: fitIndicesSchema,
  }),
  /** identified spec only: posterior mean vs ML estimate per shared parameter, in posterior sds */
  mlComparison: z
    .object({
      rows: z.array(z.object({ name: z.string(), posteriorMean: z.number(), posteriorSd: z.number(), ml: z.number(), mlSe: maybe, z: z.number() })),
      maxAbsZ: z.number(),
      allWithin2Sd: z.boolean(),
    })
    .nullable(),
  /** the sign of the UF1~~FOR residual covariance: what ML on this sample and in the population says, and the posterior */
  residualCovarianceSign: z.object({
    name: z.string(),
    mlEstimate: z.number(),
    mlSe: z.number(),
    mlCorrelation: z.number(),
    populationEstimate: z.number(),
    populationCorrelation: z.number(),
    posteriorMean: z.number(),
    posteriorProbNegative: z.number(),
  }),
  diagram: pathDiagramSchema,
});
export type SemResult = z.infer<typeof semResultSchema>;
