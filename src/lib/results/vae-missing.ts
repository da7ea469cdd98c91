/**
 * Schemas of the missing-data VAE experiments (issue 12): the masked VAE's objective ablation,
 * the masked VAE with the configuration the ablation selects, MIWAE, the masked VAE on complete
 * data, and the imputation comparison. Imports only zod: the site validates the baked JSON with
 * these at build time.
 */
import { z } from 'zod';
import { seedRunSchema, srmrSummarySchema, vaeConfigObject, vaeResultSchema } from './vae';

export const reconObjectiveSchema = z.enum(['cell-mean', 'observed-sum']);

/**
 * A VAE experiment's config with the choices issue 12 adds. Every added field is optional and
 * absent means the original's choice, so the six original configs parse unchanged.
 */
export const vaeVariantConfigObject = vaeConfigObject.extend({
  /** 'miwae': Mattei & Frellsen's importance-weighted bound, the masked VAE's sizes */
  model: z.enum(['plain', 'masked', 'miwae']),
  /** the ELBO's reconstruction term; absent: the architecture's original (masked: cell-mean) */
  objective: reconObjectiveSchema.optional(),
  /** epochs over which the KL weight β rises linearly from 0 to 1; absent: none */
  klWarmupEpochs: z.number().int().min(0).optional(),
  /** dropout on the masked VAE's feature path and decoder layer; absent: the architecture's (masked 0.2, MIWAE 0) */
  dropout: z.number().min(0).lt(1).optional(),
  /** K, importance samples per row of MIWAE's training bound */
  importanceSamples: z.number().int().positive().optional(),
  /** K of the importance-sampled held-out NLL per observed cell, reported per seed; absent: not computed */
  nllSamples: z.number().int().positive().optional(),
});

function checkVariant(c: z.infer<typeof vaeVariantConfigObject>, ctx: z.RefinementCtx): void {
  if (c.model === 'plain' && c.missingFraction > 0 && c.imputation === 'none') ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'the plain VAE needs complete data: set imputation when missingFraction > 0' });
  if (c.model !== 'plain' && c.imputation !== 'none') ctx.addIssue({ code: z.ZodIssueCode.custom, message: `the ${c.model} VAE handles missing cells itself: use imputation 'none'` });
  if (c.model === 'miwae') {
    if (c.importanceSamples === undefined) ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'MIWAE needs importanceSamples (K, e.g. 20)' });
    if (c.objective === 'cell-mean') ctx.addIssue({ code: z.ZodIssueCode.custom, message: "MIWAE's bound sums over observed cells: leave objective out or set 'observed-sum'" });
    if (c.klWarmupEpochs) ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'MIWAE has no KL warm-up' });
    if (c.dropout) ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'MIWAE trains without dropout' });
  } else if (c.importanceSamples !== undefined) ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'importanceSamples applies to MIWAE only' });
}

export const vaeVariantConfigSchema = vaeVariantConfigObject.superRefine(checkVariant);
export type VaeVariantConfig = z.infer<typeof vaeVariantConfigSchema>;

/** The rule vae-masked-fixed-5000 applies to the ablation's result (stated before it was run). */
export const SELECTION_RULES = ['lowest-mean-test-nll-per-observed-cell'] as const;
export const selectionRuleSchema = z.enum(SELECTION_RULES);

/** One configuration of the masked VAE's training, as the ablation varies it. */
export const trainingChoiceSchema = z.object({
  objective: reconObjectiveSchema,
  learningRate: z.number().positive(),
  dropout: z.number().min(0).lt(1),
  /** 0: no warm-up */
  klWarmupEpochs: z.number().int().min(0),
});
export type TrainingChoice = z.infer<typeof trainingChoiceSchema>;

/**
 * The masked VAE trained with a configuration taken from another experiment's committed result
 * by a stated rule: the config carries everything but the training choice.
 */
export const vaeSelectedConfigSchema = vaeConfigObject.omit({ learningRate: true, model: true }).extend({
  model: z.literal('masked'),
  nllSamples: z.number().int().positive(),
  selection: z.object({ experiment: z.string(), rule: selectionRuleSchema }),
});
export type VaeSelectedConfig = z.infer<typeof vaeSelectedConfigSchema>;

const curve = z.array(z.number());

export const vaeVariantResultSchema = vaeResultSchema.extend({
  /** the config the fits ran with (for a selected configuration: the declared one plus the selected choice) */
  config: vaeVariantConfigSchema,
  training: vaeResultSchema.shape.training.extend({
    /** per epoch, on the test split: reconstruction term in the objective's units, observed-sum NLL, β */
    recon: curve.optional(),
    nll: curve.optional(),
    beta: curve.optional(),
  }),
  seeds: vaeResultSchema.shape.seeds.extend({
    runs: z.array(
      seedRunSchema.extend({
        /** importance-sampled −log p(x_o) per observed test cell, best weights */
        testNllPerCell: z.number().optional(),
        /** test KL of the best epoch */
        finalKl: z.number().optional(),
      }),
    ),
    testNllPerCellMean: z.number().optional(),
  }),
  /** how the training choice was selected, when it was */
  selection: z
    .object({
      experiment: z.string(),
      rule: selectionRuleSchema,
      cell: z.string(),
      choice: trainingChoiceSchema,
    })
    .optional(),
});
export type VaeVariantResult = z.infer<typeof vaeVariantResultSchema>;

// ---- the ablation -------------------------------------------------------------------------

export const ablationCellSchema = trainingChoiceSchema.extend({ id: z.string().regex(/^[a-z0-9.-]+$/) });
export type AblationCell = z.infer<typeof ablationCellSchema>;

export const vaeAblationConfigSchema = z
  .object({
    seed: z.number().int(),
    n: z.number().int().min(10),
    missingFraction: z.number().gt(0).lt(1),
    testFraction: z.number().gt(0).lt(1),
    batchSize: z.number().int().positive(),
    maxEpochs: z.number().int().positive(),
    patience: z.number().int().positive(),
    minDelta: z.number().min(0),
    cells: z.array(ablationCellSchema).min(2),
    /** seeds per cell; every cell sees the same seeds (data, split, init, training noise), so cells are paired */
    seedsPerCell: z.number().int().min(2),
    /** generated data sets per fit in the SRMR audit (fewer than the 1000 of the main experiments) */
    auditSets: z.number().int().positive(),
    /** K of the importance-sampled held-out NLL */
    nllSamples: z.number().int().positive(),
    rule: selectionRuleSchema,
    digits: z.number().int().min(3).max(9),
  })
  .superRefine((c, ctx) => {
    if (new Set(c.cells.map((x) => x.id)).size !== c.cells.length) ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'ablation cell ids must be unique' });
  });
export type VaeAblationConfig = z.infer<typeof vaeAblationConfigSchema>;

const range = z.object({ mean: z.number(), min: z.number(), max: z.number() });

export const ablationFitSchema = z.object({
  seed: z.number().int(),
  /** mean SRMR of `auditSets` generated sets of the test-set size */
  srmr: z.number(),
  activeDims: z.number().int(),
  /** test KL at the best epoch */
  finalKl: z.number(),
  /** importance-sampled −log p(x_o) per observed test cell (best weights) */
  testNllPerCell: z.number(),
  /** median effective sample size of the importance weights (of nllSamples) */
  essMedian: z.number(),
  epochsRun: z.number().int(),
  bestEpoch: z.number().int(),
  stoppedBy: z.enum(['patience', 'max-epochs']),
});

export const vaeAblationResultSchema = z.object({
  id: z.string(),
  config: vaeAblationConfigSchema,
  backend: z.enum(['wasm', 'cpu', 'webgl', 'webgpu']),
  seeds: z.array(z.number().int()),
  dataset: z.object({ trainRows: z.number().int(), testRows: z.number().int(), observedTestCells: z.array(z.number().int()) }),
  /** sets drawn from the truth at the test-set size: the SRMR floor */
  samplingFloor: srmrSummarySchema,
  cells: z.array(
    ablationCellSchema.extend({
      fits: z.array(ablationFitSchema),
      summary: z.object({ srmr: range, activeDims: range, finalKl: range, testNllPerCell: range, epochsRun: range }),
      /** the first seed's per-epoch test terms (the collapse figure) */
      curve: z.object({ epoch: z.array(z.number().int()), recon: curve, kl: curve, nll: curve, testLoss: curve, beta: curve }),
    }),
  ),
  selection: z.object({
    rule: selectionRuleSchema,
    /** cells by mean test NLL per observed cell, best first */
    ranking: z.array(z.object({ cell: z.string(), testNllPerCell: z.number() })),
    selected: z.string(),
    /** selected minus runner-up, seed by seed (paired): negative = the selected is better */
    pairedDifference: range,
  }),
});
export type VaeAblationResult = z.infer<typeof vaeAblationResultSchema>;

// ---- imputation comparison ----------------------------------------------------------------

export const IMPUTERS = ['column-means', 'masked-vae', 'masked-vae-fixed', 'miwae', 'bayesian-mvn'] as const;
export const imputerSchema = z.enum(IMPUTERS);

export const imputationComparisonConfigSchema = z.object({
  seed: z.number().int(),
  /** the 500-row, 10% sample: regenerated from this experiment's config, imputations read from its result */
  smallSample: z.object({ mvnExperiment: z.string() }),
  /** the 5000-row, 20% sample: the VAE experiments' data (prepareVaeData) of this seed */
  largeSample: z.object({
    seed: z.number().int(),
    n: z.number().int().positive(),
    missingFraction: z.number().gt(0).lt(1),
    testFraction: z.number().gt(0).lt(1),
    /** impute the first `rows` rows only (the quick configuration); = n in the full one */
    rows: z.number().int().positive(),
    /** the committed results whose trained weights impute it */
    models: z.object({ maskedVae: z.string(), maskedVaeFixed: z.string(), miwae: z.string() }),
    /** the Bayesian MVN fitted here (missing cells marginalised, imputed from the conditional normal) */
    mvn: z.object({ chains: z.number().int().positive(), warmup: z.number().int().positive(), draws: z.number().int().positive(), adaptDelta: z.number().gt(0).lt(1) }),
  }),
  /** importance sampling of the VAEs' imputations */
  importance: z.object({ samples: z.number().int().positive(), draws: z.number().int().min(2), level: z.number().gt(0).lt(1) }),
  digits: z.number().int().min(3).max(9),
});
export type ImputationComparisonConfig = z.infer<typeof imputationComparisonConfigSchema>;

export const imputationScoreSchema = z.object({
  method: imputerSchema,
  /** root mean squared error of the imputed cells against their removed true values */
  rmse: z.number(),
  /** share of removed values inside the method's 94% interval; null when it gives none */
  coverage: z.number().nullable(),
  /** what the interval is: central quantiles of resampled draws (VAEs), the posterior HDI (MVN) */
  interval: z.enum(['none', 'central-resampled', 'hdi']),
  /** mean interval width; null without intervals */
  meanWidth: z.number().nullable(),
  /** SRMR of the completed data's correlation matrix (point imputations) against the truth */
  srmr: z.number(),
  /** median effective sample size of the importance weights (VAEs), else null */
  essMedian: z.number().nullable(),
  /** where the model came from */
  source: z.string(),
});

export const imputationComparisonResultSchema = z.object({
  id: z.string(),
  config: imputationComparisonConfigSchema,
  backend: z.enum(['wasm', 'cpu', 'webgl', 'webgpu']),
  level: z.number(),
  samples: z.array(
    z.object({
      id: z.enum(['n500-mcar10', 'n5000-mcar20']),
      rows: z.number().int(),
      missingCells: z.number().int(),
      /** SRMR of the sample before cells were removed: what a perfect imputer would reach */
      completeDataSrmr: z.number(),
      scores: z.array(imputationScoreSchema),
    }),
  ),
});
export type ImputationComparisonResult = z.infer<typeof imputationComparisonResultSchema>;
