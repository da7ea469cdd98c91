/** `npm run precompute`: see USAGE in args.ts. */
import { parseArgs, USAGE } from './args';
import { createDisplay } from './display';
import { freshness, plan } from './freshness';
import { mergeShards } from './merge';
import { FULL_RESULTS_DIR, resultsDir } from './paths';
import { loadExperiment, resolveIds } from './registry';
import { runExperiments } from './runner';
import { removePendingTemps } from './atomic';
import { previousWallSeconds, shards } from './schedule';
import { readManifest } from './store';

async function main(): Promise<number> {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.help) {
    console.log(USAGE);
    return 0;
  }
  if (opts.merge) {
    const into = resultsDir(opts.quick);
    const { merged } = await mergeShards(opts.merge, into, opts.quick);
    console.log(`precompute: merged ${merged.length} result${merged.length === 1 ? '' : 's'} into ${into} (${merged.join(', ')})`);
    return 0;
  }
  let ids = resolveIds(opts.ids);
  if (opts.shard) {
    // Split by the committed manifest's wall times, which every checkout of this commit shares.
    const seconds = previousWallSeconds(readManifest(FULL_RESULTS_DIR));
    const all = shards(ids, seconds, opts.shard.count);
    ids = all[opts.shard.index - 1];
    const total = (xs: string[]) => xs.reduce((s, id) => s + (seconds[id] ?? 0), 0);
    console.log(`precompute: shard ${opts.shard.index}/${opts.shard.count}: ${ids.join(', ') || '(nothing)'} — about ${Math.round(total(ids))} s of ${Math.round(total(all.flat()))} s by the committed manifest's wall times`);
    if (ids.length === 0) return 0;
  }
  const dir = opts.out ?? resultsDir(opts.quick);
  if (opts.list) {
    // one experiment that cannot be planned (e.g. a missing input) still lets the others list
    let unplanned = 0;
    for (const id of ids) {
      const e = await loadExperiment(id);
      try {
        const f = freshness(dir, await plan(e, opts.quick));
        console.log(`${id.padEnd(22)} ${f.fresh ? 'fresh' : `stale: ${f.reason}`}  — ${e.title}`);
      } catch (err) {
        unplanned++;
        console.log(`${id.padEnd(22)} cannot be planned: ${(err as Error).message}`);
      }
    }
    return unplanned > 0 ? 1 : 0;
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
  const summary = await runExperiments({ ...opts, ids, dir, display: createDisplay(), signal: controller.signal });
  const parts = [`${summary.ran.length} ran`, `${summary.skipped.length} fresh`, `${summary.failed.length} failed`];
  console.log(`precompute: ${parts.join(', ')}${opts.out ? ` (in ${opts.out})` : opts.quick ? ' (quick configuration, in .quick-results/)' : ''}`);
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
