/** Learner floors and the SEM at 500 rows, for the equal-n comparison (from src/lib/replication). */
import declaration from '../../src/lib/experiments/equal-n-500';
import { SEM_MODEL_FILE } from '../../src/lib/experiments/sem-family';
import { runEqualN } from '../../src/lib/replication/run-equal-n';
import { defineRun } from '../experiment';

export default defineRun(declaration, async (ctx) => runEqualN(ctx.config, ctx.readInput(SEM_MODEL_FILE), ctx));
