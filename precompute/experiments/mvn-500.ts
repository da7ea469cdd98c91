/** Section 8: the Bayesian multivariate normal fitted to n = 500 complete rows. */
import { defineExperiment } from '../experiment';
import { mvnExperimentConfigSchema, mvnExperimentResultSchema } from '../../src/lib/results/bayes';
import { runMvnExperiment } from '../../src/lib/bayes/experiment-mvn';

export default defineExperiment({
  id: 'mvn-500',
  title: 'Bayesian multivariate normal (LKJ prior), n = 500',
  configSchema: mvnExperimentConfigSchema,
  config: {
    seed: 500,
    n: 500,
    missingFraction: 0,
    chains: 4,
    warmup: 1000,
    draws: 1000,
    adaptDelta: 0.8,
    keptDraws: 200,
    predictiveDatasets: 300,
    compareFormulations: false,
  },
  quickConfig: {
    seed: 500,
    n: 500,
    missingFraction: 0,
    chains: 2,
    warmup: 200,
    draws: 200,
    adaptDelta: 0.8,
    keptDraws: 50,
    predictiveDatasets: 20,
    compareFormulations: false,
  },
  resultSchema: mvnExperimentResultSchema,
  run: (ctx) => runMvnExperiment('mvn-500', ctx.config, ctx.rng, ctx.seed, ctx),
});
