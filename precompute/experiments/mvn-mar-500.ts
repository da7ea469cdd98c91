/** Missing-data methods under MCAR, MAR and MNAR; Bayesian chains run on worker threads. */
import declaration from '../../src/lib/experiments/mvn-mar-500';
import { runMvnMar } from '../../src/lib/replication/run-mvn';
import { nodeWorkerExecutor } from '../bayes-workers';
import { defineRun } from '../experiment';

export default defineRun(declaration, (ctx) => runMvnMar(ctx.config, { ...ctx, executor: nodeWorkerExecutor() }));
