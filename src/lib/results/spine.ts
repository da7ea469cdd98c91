/** Result schemas of the opening experiments (the data sample and the SVD). Imports only zod. */
import { z } from 'zod';

export const matrixSchema = z.array(z.array(z.number()));
export const seedSchema = z.number().int().nonnegative();

export const sampleConfigSchema = z.object({
  seed: seedSchema,
  n: z.number().int().min(20).max(100_000),
  previewRows: z.number().int().min(1).max(50),
  /** fraction of cells removed (MCAR) in the preview of a sample with missing answers */
  previewMissingFraction: z.number().min(0).lt(1),
});
export type SampleConfig = z.infer<typeof sampleConfigSchema>;

export const sampleResultSchema = z.object({
  n: z.number().int(),
  names: z.array(z.string()).length(12),
  groups: z.array(z.object({ id: z.string(), label: z.string(), indicators: z.array(z.string()) })),
  /** the whole simulated sample, rows × 12 */
  data: matrixSchema,
  previewRows: z.number().int(),
  /** the same sample with previewMissingFraction of its cells removed at random; null = missing */
  missingFraction: z.number(),
  missingCells: z.number().int(),
  dataWithMissing: z.array(z.array(z.number().nullable())),
  trueCorrelation: matrixSchema,
  sampleCorrelation: matrixSchema,
  /** true − sample */
  residual: matrixSchema,
  srmr: z.number().nonnegative(),
  /** the original analysis's formula, exactly half of srmr */
  srmrAsInOriginal: z.number().nonnegative(),
  sampleSd: z.array(z.number()),
});
export type SampleResult = z.infer<typeof sampleResultSchema>;

export const svdConfigSchema = z.object({
  seed: seedSchema,
  n: z.number().int().min(12).max(2000),
  /** ranks shown as images in the static figure */
  shownRanks: z.array(z.number().int().min(1).max(12)).min(1),
});
export type SvdConfig = z.infer<typeof svdConfigSchema>;

export const svdResultSchema = z.object({
  n: z.number().int(),
  names: z.array(z.string()).length(12),
  data: matrixSchema,
  u: matrixSchema,
  singularValues: z.array(z.number()),
  v: matrixSchema,
  shownRanks: z.array(z.number().int()),
  /** per k = 0..12: Frobenius norm of X − X_k, and that over ‖X‖ */
  errors: z.array(z.object({ k: z.number().int(), frobenius: z.number(), relative: z.number(), varianceExplained: z.number() })),
});
export type SvdResult = z.infer<typeof svdResultSchema>;
