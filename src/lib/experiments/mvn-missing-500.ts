/**
 * Section 9: the same model with 10% of cells missing completely at random, n = 500.
 * Missing cells are marginalised and imputed afterwards; the cells-as-parameters
 * formulation is fitted too, and the two posteriors are compared.
 */
import { mvnExperimentConfigSchema, mvnExperimentResultSchema } from '../results/bayes';
import { declareExperiment } from './declaration';
import { MVN_MISSING_DESIGN, mvnConfigs } from './mvn-family';

export default declareExperiment({
  id: 'mvn-missing-500',
  family: 'mvn',
  title: 'Bayesian imputation: multivariate normal with 10% MCAR cells, n = 500',
  configSchema: mvnExperimentConfigSchema,
  ...mvnConfigs({ seed: 501, ...MVN_MISSING_DESIGN, compareFormulations: true }),
  resultSchema: mvnExperimentResultSchema,
  inputs: [],
});
