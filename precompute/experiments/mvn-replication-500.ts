/** The Bayesian MVN over fresh samples of 500 rows; chains of several samples run together on worker threads. */
import declaration from '../../src/lib/experiments/mvn-replication-500';
import { runMvnReplication } from '../../src/lib/replication/run-mvn';
import { nodeWorkerExecutor } from '../bayes-workers';
import { defineRun } from '../experiment';

export default defineRun(declaration, (ctx) => runMvnReplication(ctx.config, { ...ctx, executor: nodeWorkerExecutor() }));
