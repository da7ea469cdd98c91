/** The corrected, identified SEM of section 10, fitted by NUTS and checked against maximum likelihood. */
import { semConfigSchema, semResultSchema } from '../results/sem';
import { declareExperiment } from './declaration';
import { SEM_FULL, SEM_MODEL_FILE, SEM_QUICK } from './sem-family';

export default declareExperiment({
  id: 'sem-identified-263',
  family: 'sem',
  title: 'Identified SEM (paths in their intended direction), n = 263',
  configSchema: semConfigSchema,
  config: SEM_FULL,
  quickConfig: SEM_QUICK,
  resultSchema: semResultSchema,
  inputs: [SEM_MODEL_FILE],
});
