/** Command-line options of `npm run precompute`. */
import os from 'node:os';

export interface CliOptions {
  ids: string[];
  quick: boolean;
  force: boolean;
  jobs: number;
  list: boolean;
  help: boolean;
}

export const USAGE = `Usage: npm run precompute -- [ids…] [--quick] [--force] [--jobs N] [--list]

  ids…      experiments to run (default: all)
  --quick   the small CI configuration, written to .quick-results/ (never the committed results)
  --force   rerun even when a result is fresh
  --jobs N  run N experiments at once on worker threads (default 1; at most the core count)
  --list    list the experiments and whether each committed result is fresh`;

export function parseArgs(argv: string[]): CliOptions {
  const opts: CliOptions = { ids: [], quick: false, force: false, jobs: 1, list: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--quick') opts.quick = true;
    else if (a === '--force') opts.force = true;
    else if (a === '--list') opts.list = true;
    else if (a === '--help' || a === '-h') opts.help = true;
    else if (a === '--jobs' || a.startsWith('--jobs=')) {
      const v = a.includes('=') ? a.slice(7) : argv[++i];
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1) throw new Error(`--jobs takes a whole number ≥ 1, got "${v ?? ''}"`);
      opts.jobs = Math.min(n, Math.max(1, os.cpus().length));
    } else if (a.startsWith('-')) throw new Error(`Unknown option ${a}\n\n${USAGE}`);
    else opts.ids.push(a);
  }
  return opts;
}
