/**
 * Schemas of the VAE experiments' configs and results. Imports only zod: the site
 * validates the baked JSON with these at build time.
 */
import { z } from 'zod';

export const vaeConfigSchema = z
  .object({
    seed: z.number().int(),
    /** which network: the plain VAE or the mask-aware one */
    model: z.enum(['plain', 'masked']),
    /** rows simulated from the population, before the split */
    n: z.number().int().min(10),
    /** fraction of all cells removed completely at random */
    missingFraction: z.number().min(0).lt(1),
    /**
     * 'none': missing cells stay missing (masked VAE). 'mean-train-split': column means of the
     * training rows fill both splits (no test information leaks into training).
     * 'mean-whole-sample': the original's choice, means of all rows taken before the split.
     */
    imputation: z.enum(['none', 'mean-train-split', 'mean-whole-sample']),
    testFraction: z.number().gt(0).lt(1),
    learningRate: z.number().positive(),
    batchSize: z.number().int().positive(),
    maxEpochs: z.number().int().positive(),
    patience: z.number().int().positive(),
    minDelta: z.number().min(0),
    /** generated data sets in the bootstrap audit (the brief: 1000) */
    auditSets: z.number().int().positive(),
    histogramBins: z.number().int().positive(),
    /** seeds in total, the main one included, for the SRMR spread across seeds */
    replicates: z.number().int().positive(),
    /** audit sets per extra seed */
    replicateAuditSets: z.number().int().positive(),
    /** significant digits of stored floats (weights, curves, residuals) */
    digits: z.number().int().min(3).max(9),
  })
  .superRefine((c, ctx) => {
    if (c.model === 'plain' && c.missingFraction > 0 && c.imputation === 'none') {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'the plain VAE needs complete data: set imputation when missingFraction > 0' });
    }
    if (c.model === 'masked' && c.imputation !== 'none') {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: "the masked VAE handles missing cells itself: use imputation 'none'" });
    }
  });
export type VaeConfig = z.infer<typeof vaeConfigSchema>;

const matrix = z.array(z.array(z.number()));

export const srmrSummarySchema = z.object({
  sets: z.number().int(),
  setSize: z.number().int(),
  /** mean standard SRMR over the sets */
  srmr: z.number(),
  srmrQ05: z.number(),
  srmrQ95: z.number(),
});

export const vaeWeightsSchema = z.object({
  format: z.literal('vae-weights/1'),
  spec: z.object({
    kind: z.enum(['plain', 'masked']),
    inputDim: z.number().int(),
    hiddenDim: z.number().int(),
    latentDim: z.number().int(),
    dropout: z.number(),
    logVarClamp: z.tuple([z.number(), z.number()]).nullable(),
  }),
  params: z.array(z.object({ name: z.string(), shape: z.array(z.number().int()), values: z.array(z.number()) })),
});

export const seedRunSchema = z.object({
  seed: z.number().int(),
  srmr: z.number(),
  srmrQ05: z.number(),
  srmrQ95: z.number(),
  auditSets: z.number().int(),
  epochsRun: z.number().int(),
  bestEpoch: z.number().int(),
  bestTestLoss: z.number(),
  activeDims: z.number().int(),
});

export const vaeResultSchema = z.object({
  /** the experiment's id (the catalogue, src/lib/experiments, lists them) */
  id: z.string(),
  config: vaeConfigSchema,
  seed: z.number().int(),
  /** tf backend the numbers came from (results are byte-reproducible on the same backend) */
  backend: z.enum(['wasm', 'cpu', 'webgl', 'webgpu']),
  indicators: z.array(z.string()),
  dataset: z.object({
    trainRows: z.number().int(),
    testRows: z.number().int(),
    missingCells: z.number().int(),
    imputation: z.enum(['none', 'mean-train-split', 'mean-whole-sample']),
    /** the column means used to impute, when imputing */
    imputationMeans: z.array(z.number()).nullable(),
  }),
  training: z.object({
    /** per epoch, 1-based: mean train objective, test objective, mean test KL */
    epoch: z.array(z.number().int()),
    trainLoss: z.array(z.number()),
    testLoss: z.array(z.number()),
    kl: z.array(z.number()),
    epochsRun: z.number().int(),
    bestEpoch: z.number().int(),
    bestTestLoss: z.number(),
    stoppedBy: z.enum(['patience', 'max-epochs']),
    /** true: the audited model is the best-epoch weights (a real copy), not the last epoch's */
    restoredBestWeights: z.literal(true),
  }),
  latent: z.object({
    /** variance across all n rows of each latent coordinate of the encoder mean */
    meanVariance: z.array(z.number()),
    activeDims: z.number().int(),
    threshold: z.number(),
  }),
  /** bootstrap audit of the main seed's model: `sets` generated sets of the test-set size */
  audit: srmrSummarySchema.extend({
    /** mean residual correlation matrix, truth − model */
    meanResidual: matrix,
  }),
  /** per indicator: observed test values vs one generated set of the test-set size, shared edges */
  histograms: z.array(z.object({ name: z.string(), edges: z.array(z.number()), test: z.array(z.number().int()), generated: z.array(z.number().int()) })),
  weights: vaeWeightsSchema,
  /** the whole pipeline (data, split, init, training, audit) repeated per seed */
  seeds: z.object({
    runs: z.array(seedRunSchema),
    srmrMean: z.number(),
    srmrSd: z.number(),
    srmrMin: z.number(),
    srmrMax: z.number(),
  }),
  baselines: z.object({
    /** data sets of the test-set size drawn from the true distribution: the SRMR floor from sampling alone */
    samplingFloor: srmrSummarySchema,
    /** SRMR of the mean-imputed data itself (all n rows), when cells are missing */
    imputedData: z.object({ srmr: z.number(), rows: z.number().int(), residual: matrix }).nullable(),
    /** SRMR of pairwise-complete correlations of the observed cells, when cells are missing */
    observedPairwise: z.object({ srmr: z.number(), rows: z.number().int() }).nullable(),
  }),
});
export type VaeResult = z.infer<typeof vaeResultSchema>;
