/** The SEM's sampling distribution at n = 263 (section 10), from src/lib/replication. */
import declaration from '../../src/lib/experiments/sem-replication-263';
import { SEM_MODEL_FILE } from '../../src/lib/experiments/sem-family';
import { runSemReplication } from '../../src/lib/replication/run-sem';
import { defineRun } from '../experiment';

export default defineRun(declaration, async (ctx) => runSemReplication(ctx.config, ctx.readInput(SEM_MODEL_FILE), ctx));
