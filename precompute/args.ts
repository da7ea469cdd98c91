/** Command-line options of `npm run precompute` (node:util parseArgs). */
import os from 'node:os';
import path from 'node:path';
import { parseArgs as parseNodeArgs } from 'node:util';
import { parseShard, type Shard } from './schedule';

export interface CliOptions {
  ids: string[];
  quick: boolean;
  force: boolean;
  jobs: number;
  list: boolean;
  help: boolean;
  /** run only this deterministic share of the experiments */
  shard?: Shard;
  /** write results here instead of public/results or .quick-results (a shard's artifact) */
  out?: string;
  /** merge these shard directories' results into the results folder */
  merge?: string[];
}

export const USAGE = `Usage: npm run precompute -- [ids…] [--quick] [--force] [--jobs N] [--list] [--shard k/n] [--out DIR]
       npm run precompute -- --merge DIR… [--quick]

  ids…         experiments to run (default: all in the catalogue, src/lib/experiments)
  --quick      the small CI configuration, written to .quick-results/ (never the committed results)
  --force      rerun even when a result is fresh
  --jobs N     run N experiments at once on worker threads (default 1; at most the core count);
               the longest (by the manifest's previous wall times) start first
  --list       list the experiments and whether each result is fresh
  --shard k/n  run the k-th of n shares of about equal time (the same split on every machine)
  --out DIR    write results and manifest to DIR instead (e.g. a shard's CI artifact)
  --merge DIR… check the results in each shard's DIR and copy them, with their manifest
               entries, into public/results (or .quick-results with --quick)`;

export function parseArgs(argv: string[]): CliOptions {
  let parsed;
  try {
    parsed = parseNodeArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        quick: { type: 'boolean', default: false },
        force: { type: 'boolean', default: false },
        list: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        jobs: { type: 'string' },
        shard: { type: 'string' },
        out: { type: 'string' },
        merge: { type: 'boolean', default: false },
      },
    });
  } catch (err) {
    // node's messages name the option ("Unknown option '--jbos'"); add what is accepted
    throw new Error(`${(err as Error).message.replace(/\. To specify a positional argument.*$/s, '')}\n\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  let jobs = 1;
  if (values.jobs !== undefined) {
    const n = Number(values.jobs);
    if (!Number.isInteger(n) || n < 1) throw new Error(`--jobs takes a whole number ≥ 1, got "${values.jobs}"`);
    jobs = Math.min(n, Math.max(1, os.cpus().length));
  }
  const opts: CliOptions = { ids: positionals, quick: values.quick ?? false, force: values.force ?? false, jobs, list: values.list ?? false, help: values.help ?? false };
  if (values.shard !== undefined) opts.shard = parseShard(values.shard);
  if (values.out !== undefined) {
    if (values.out.trim() === '') throw new Error('--out takes a directory');
    opts.out = path.resolve(values.out);
  }
  if (values.merge) {
    if (opts.shard || opts.out || opts.force || opts.list) throw new Error('--merge takes only shard directories (and --quick)');
    if (positionals.length === 0) throw new Error('--merge needs the shard directories to merge, e.g. --merge shard-1 shard-2');
    opts.merge = positionals.map((d) => path.resolve(d));
    opts.ids = [];
  }
  return opts;
}
