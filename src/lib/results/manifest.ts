/**
 * The manifest that records how each result was made (written by the precompute runner,
 * read by the site's reproducibility appendix). Imports only zod.
 */
import { z } from 'zod';

export const RESULT_FORMAT = 1;

export const manifestEntrySchema = z.object({
  id: z.string(),
  title: z.string(),
  seed: z.number(),
  config: z.record(z.unknown()),
  configHash: z.string(),
  codeHash: z.string(),
  files: z.array(z.string()),
  packages: z.record(z.string()),
  /** sha256 of each declared input file (src/lib/experiments/<id>.ts: inputs), by repo-relative path */
  inputs: z.record(z.string()).optional(),
  wallSeconds: z.number(),
  timing: z.unknown().optional(),
  finishedAt: z.string(),
  node: z.string(),
  platform: z.string(),
  resultFile: z.string(),
  resultBytes: z.number(),
  resultSha256: z.string(),
});
export type ManifestEntry = z.infer<typeof manifestEntrySchema>;

export const manifestSchema = z.object({
  format: z.literal(RESULT_FORMAT),
  experiments: z.record(manifestEntrySchema),
});
export type Manifest = z.infer<typeof manifestSchema>;

