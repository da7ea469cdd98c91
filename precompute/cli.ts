/** `npm run precompute`: see USAGE in args.ts. */
import { parseArgs, USAGE } from './args';
import { createDisplay } from './display';
import { freshness, plan } from './freshness';
import { resultsDir } from './paths';
import { loadExperiment, resolveIds } from './registry';
import { runExperiments } from './runner';
import { removePendingTemps } from './atomic';

async function main(): Promise<number> {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.help) {
    console.log(USAGE);
    return 0;
  }
  if (opts.list) {
    for (const id of resolveIds(opts.ids)) {
      const e = await loadExperiment(id);
      const f = freshness(resultsDir(opts.quick), await plan(e, opts.quick));
      console.log(`${id.padEnd(22)} ${f.fresh ? 'fresh' : `stale: ${f.reason}`}  — ${e.title}`);
    }
    return 0;
  }
  const controller = new AbortController();
  let interrupts = 0;
  process.on('SIGINT', () => {
    interrupts++;
    if (interrupts > 1) {
      removePendingTemps();
      process.exit(130);
    }
    console.error('\nInterrupted: stopping running experiments; finished results are kept. Press Ctrl-C again to quit at once.');
    controller.abort();
  });
  const summary = await runExperiments({ ...opts, display: createDisplay(), signal: controller.signal });
  const parts = [`${summary.ran.length} ran`, `${summary.skipped.length} fresh`, `${summary.failed.length} failed`];
  console.log(`precompute: ${parts.join(', ')}${opts.quick ? ' (quick configuration, in .quick-results/)' : ''}`);
  if (controller.signal.aborted) return 130;
  return summary.failed.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(`precompute: ${err.message}`);
    process.exit(2);
  },
);
