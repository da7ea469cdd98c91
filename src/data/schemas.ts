/**
 * Which schema validates which result. The site validates every result it reads against
 * this table at build time, so a corrupt or outdated result file fails the build loudly.
 */
import type { z } from 'zod';
import { sampleResultSchema, svdResultSchema } from '../lib/results/spine';
import { vaeResultSchema } from '../lib/results/vae';
import { semResultSchema } from '../lib/results/sem';
import { mvnExperimentResultSchema } from '../lib/results/bayes';
import { floorResultSchema } from '../lib/results/floor';

export const resultSchemas = {
  'sample-263': sampleResultSchema,
  'svd-100': svdResultSchema,
  'vae-plain-500': vaeResultSchema,
  'vae-plain-1000': vaeResultSchema,
  'vae-plain-10000': vaeResultSchema,
  'vae-masked-5000': vaeResultSchema,
  'vae-masked-25000': vaeResultSchema,
  'vae-imputed-10000': vaeResultSchema,
  'sampling-floor': floorResultSchema,
  'mvn-500': mvnExperimentResultSchema,
  'mvn-missing-500': mvnExperimentResultSchema,
  'sem-original-263': semResultSchema,
  'sem-identified-263': semResultSchema,
} as const satisfies Record<string, z.ZodTypeAny>;

export type ResultId = keyof typeof resultSchemas;
export type ResultOf<I extends ResultId> = z.infer<(typeof resultSchemas)[I]>;
