/** Section 8: the Bayesian multivariate normal fitted to n = 500 complete rows. */
import { mvnExperimentConfigSchema, mvnExperimentResultSchema } from '../results/bayes';
import { declareExperiment } from './declaration';
import { mvnConfigs } from './mvn-family';

export default declareExperiment({
  id: 'mvn-500',
  family: 'mvn',
  title: 'Bayesian multivariate normal (LKJ prior), n = 500',
  configSchema: mvnExperimentConfigSchema,
  ...mvnConfigs({ seed: 500, n: 500, missingFraction: 0, compareFormulations: false }),
  resultSchema: mvnExperimentResultSchema,
  inputs: [],
});
