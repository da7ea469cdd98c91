/**
 * What the equal-n comparison of every model needs beyond their own results: the floor of a
 * learner trained on 400 or 500 rows, and the SEM's ML fit on fresh samples of 500 rows.
 */
import { equalNConfigSchema, equalNResultSchema } from '../results/replication';
import { declareExperiment } from './declaration';
import { SEM_MODEL_FILE } from './sem-family';

export default declareExperiment({
  id: 'equal-n-500',
  family: 'replication',
  title: 'Learner floors at 400 and 500 rows, and the SEM at 500 rows',
  configSchema: equalNConfigSchema,
  config: { seed: 5002, floorSizes: [400, 500], floorSets: 2000, semN: 500, semReplications: 1000 },
  quickConfig: { seed: 5002, floorSizes: [400, 500], floorSets: 50, semN: 500, semReplications: 10 },
  resultSchema: equalNResultSchema,
  inputs: [SEM_MODEL_FILE],
});
