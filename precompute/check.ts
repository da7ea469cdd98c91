/**
 * `npm run check:results`: fails when a committed result is missing, stale (its config or any
 * source file it imports changed) or fails its schema, naming the experiment and the command.
 */
import { freshness, plan } from './freshness';
import { FULL_RESULTS_DIR } from './paths';
import { listExperimentIds, loadExperiment } from './registry';

async function main(): Promise<number> {
  const problems: string[] = [];
  const ids = await listExperimentIds();
  for (const id of ids) {
    const experiment = await loadExperiment(id);
    if (!experiment) continue;
    try {
      const f = freshness(FULL_RESULTS_DIR, await plan(experiment, false));
      if (!f.fresh) problems.push(`${id}: ${f.reason}. Run: npm run precompute -- ${id}`);
    } catch (err) {
      problems.push(`${id}: ${(err as Error).message}`);
    }
  }
  if (problems.length > 0) {
    console.error(`check:results: ${problems.length} of ${ids.length} committed results need attention:`);
    for (const p of problems) console.error(`  - ${p}`);
    return 1;
  }
  console.log(`check:results: all ${ids.length} committed results are fresh and match their schemas.`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(`check:results: ${err.message}`);
    process.exit(2);
  },
);
