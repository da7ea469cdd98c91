/**
 * `npm run check:results`: fails when a committed result is missing, stale (its config, any
 * source file it imports, or a data file it declares changed) or fails its schema, naming each
 * experiment and the command that remakes them. Also fails on a run module the catalogue does
 * not list. `--quick` checks .quick-results/ against the quick configs instead.
 */
import { parseArgs } from 'node:util';
import { freshness, plan } from './freshness';
import { resultsDir } from './paths';
import { listExperimentIds, loadExperiment, unlistedRunModules } from './registry';

export const CHECK_USAGE = `Usage: npm run check:results -- [--quick]

  --quick   check .quick-results/ (the CI configuration) instead of public/results/`;

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { quick: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } }, strict: true });
  if (values.help) {
    console.log(CHECK_USAGE);
    return 0;
  }
  const quick = values.quick ?? false;
  const dir = resultsDir(quick);
  const problems: string[] = [];
  const stale: string[] = [];
  const ids = listExperimentIds();
  for (const id of ids) {
    try {
      const f = freshness(dir, await plan(await loadExperiment(id), quick));
      if (!f.fresh) {
        problems.push(`${id}: ${f.reason}.`);
        stale.push(id);
      }
    } catch (err) {
      problems.push(`${id}: ${(err as Error).message}`);
    }
  }
  for (const id of await unlistedRunModules()) {
    problems.push(`precompute/experiments/${id}.ts binds a run, but src/lib/experiments/index.ts does not list ${id}: import its declaration there.`);
  }
  const where = quick ? 'quick results (.quick-results/)' : 'committed results';
  if (problems.length > 0) {
    console.error(`check:results: ${problems.length} of ${ids.length} ${where} need attention:`);
    for (const p of problems) console.error(`  - ${p}`);
    if (stale.length > 0) console.error(`Run: npm run precompute -- ${quick ? '--quick ' : ''}${stale.join(' ')}`);
    return 1;
  }
  console.log(`check:results: all ${ids.length} ${where} are fresh and match their schemas.`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(`check:results: ${err.message}\n\n${CHECK_USAGE}`);
    process.exit(2);
  },
);
