/** Command-line options of `npm run precompute` (node:util parseArgs). */
import os from 'node:os';
import { parseArgs as parseNodeArgs } from 'node:util';

export interface CliOptions {
  ids: string[];
  quick: boolean;
  force: boolean;
  jobs: number;
  list: boolean;
  help: boolean;
}

export const USAGE = `Usage: npm run precompute -- [ids…] [--quick] [--force] [--jobs N] [--list]

  ids…      experiments to run (default: all in the catalogue, src/lib/experiments)
  --quick   the small CI configuration, written to .quick-results/ (never the committed results)
  --force   rerun even when a result is fresh
  --jobs N  run N experiments at once on worker threads (default 1; at most the core count)
  --list    list the experiments and whether each result is fresh`;

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
  return { ids: positionals, quick: values.quick ?? false, force: values.force ?? false, jobs, list: values.list ?? false, help: values.help ?? false };
}
