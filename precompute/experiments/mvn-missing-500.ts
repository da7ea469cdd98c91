/**
 * Section 9: the same model with 10% of cells missing completely at random, n = 500.
 * Missing cells are marginalised and imputed afterwards; the cells-as-parameters
 * formulation is fitted too, and the two posteriors are compared.
 */
import declaration from '../../src/lib/experiments/mvn-missing-500';
import { runMvnExperiment } from '../../src/lib/bayes/experiment-mvn';
import { defineRun } from '../experiment';

export default defineRun(declaration, (ctx) => runMvnExperiment(declaration.id, ctx.config, ctx.rng, ctx.seed, ctx));
