/**
 * Section 10's SEM over fresh samples: the ML fit of the identified specification on many
 * samples of the original's size, against the fit to the population covariance, with the
 * essay's own sample placed among them.
 */
import { ORIGINAL_N } from '../data';
import { semReplicationConfigSchema, semReplicationResultSchema } from '../results/replication';
import { declareExperiment } from './declaration';
import { SEM_MODEL_FILE, SEM_SEED } from './sem-family';

const design = { seed: 2630, n: ORIGINAL_N, sampleSeed: SEM_SEED, alpha: 0.05, histogramBins: 40 };

export default declareExperiment({
  id: 'sem-replication-263',
  family: 'replication',
  title: 'The SEM over 2 000 fresh samples of 263 rows (maximum likelihood)',
  configSchema: semReplicationConfigSchema,
  config: { ...design, replications: 2000 },
  quickConfig: { ...design, replications: 40 },
  resultSchema: semReplicationResultSchema,
  inputs: [SEM_MODEL_FILE],
});
