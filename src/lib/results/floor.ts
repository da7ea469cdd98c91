/** Schema of the sampling-floor experiment: SRMR of samples drawn from the truth itself. Imports only zod. */
import { z } from 'zod';

export const floorConfigSchema = z.object({
  seed: z.number().int().nonnegative(),
  /** sample sizes: every generated-set size that a model is judged at */
  sizes: z.array(z.number().int().min(13)).min(1),
  /** samples per size */
  sets: z.number().int().min(10),
});
export type FloorConfig = z.infer<typeof floorConfigSchema>;

export const floorResultSchema = z.object({
  sets: z.number().int(),
  floors: z.array(z.object({ size: z.number().int(), mean: z.number(), q05: z.number(), q95: z.number() })),
  /** SRMR of a model that gets every correlation exactly zero (truth − identity): total loss of joint structure */
  independence: z.number(),
});
export type FloorResult = z.infer<typeof floorResultSchema>;
