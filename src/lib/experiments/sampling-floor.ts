/**
 * The sampling floor: how far from the true correlation matrix a sample of n rows drawn from
 * the true distribution itself lands (standard SRMR), for every set size the essay judges a
 * model at.
 */
import { floorConfigSchema, floorResultSchema } from '../results/floor';
import { declareExperiment } from './declaration';

export default declareExperiment({
  id: 'sampling-floor',
  family: 'data',
  title: 'SRMR of samples drawn from the true distribution (the sampling floor)',
  configSchema: floorConfigSchema,
  config: { seed: 404, sizes: [100, 200, 263, 500, 1000, 2000, 5000], sets: 1000 },
  quickConfig: { seed: 404, sizes: [100, 263, 500], sets: 50 },
  resultSchema: floorResultSchema,
  inputs: [],
});
