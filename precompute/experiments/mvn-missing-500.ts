/**
 * Section 9: the same model with 10% of cells missing completely at random, n = 500.
 * Missing cells are marginalised and imputed afterwards; the cells-as-parameters
 * formulation is fitted too, and the two posteriors are compared.
 */
import { defineExperiment } from '../experiment';
import { mvnExperimentConfigSchema, mvnExperimentResultSchema } from '../../src/lib/results/bayes';
import { runMvnExperiment } from '../../src/lib/bayes/experiment-mvn';

export default defineExperiment({
  id: 'mvn-missing-500',
  title: 'Bayesian imputation: multivariate normal with 10% MCAR cells, n = 500',
  configSchema: mvnExperimentConfigSchema,
  config: {
    seed: 501,
    n: 500,
    missingFraction: 0.1,
    chains: 4,
    warmup: 1000,
    draws: 1000,
    adaptDelta: 0.8,
    keptDraws: 200,
    predictiveDatasets: 300,
    compareFormulations: true,
  },
  quickConfig: {
    seed: 501,
    n: 500,
    missingFraction: 0.1,
    chains: 2,
    warmup: 200,
    draws: 200,
    adaptDelta: 0.8,
    keptDraws: 50,
    predictiveDatasets: 20,
    compareFormulations: false,
  },
  resultSchema: mvnExperimentResultSchema,
  run: (ctx) => runMvnExperiment('mvn-missing-500', ctx.config, ctx.rng, ctx.seed, ctx),
});
