/** Section 8: the Bayesian multivariate normal fitted to n = 500 complete rows. */
import declaration from '../../src/lib/experiments/mvn-500';
import { runMvnExperiment } from '../../src/lib/bayes/experiment-mvn';
import { defineRun } from '../experiment';

export default defineRun(declaration, (ctx) => runMvnExperiment(declaration.id, ctx.config, ctx.rng, ctx.seed, ctx));
