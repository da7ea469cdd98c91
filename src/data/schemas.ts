/**
 * Which schema validates which result. The site validates every result it reads against
 * this table at build time, so a corrupt or outdated result file fails the build loudly.
 */
import type { z } from 'zod';
import { sampleResultSchema, svdResultSchema } from '../lib/results/spine';

export const resultSchemas = {
  'sample-263': sampleResultSchema,
  'svd-100': svdResultSchema,
} as const satisfies Record<string, z.ZodTypeAny>;

export type ResultId = keyof typeof resultSchemas;
export type ResultOf<I extends ResultId> = z.infer<(typeof resultSchemas)[I]>;
