/** The original analysis's SEM as it was coded, to reproduce what went wrong. */
import { semConfigSchema, semResultSchema } from '../results/sem';
import { declareExperiment } from './declaration';
import { SEM_FULL, SEM_MODEL_FILE, SEM_QUICK } from './sem-family';

export default declareExperiment({
  id: 'sem-original-263',
  family: 'sem',
  title: "The original's SEM as coded (reversed paths, free LKJ latent covariance), n = 263",
  configSchema: semConfigSchema,
  config: SEM_FULL,
  quickConfig: SEM_QUICK,
  resultSchema: semResultSchema,
  inputs: [SEM_MODEL_FILE],
});
