/**
 * npm run sample -- --model mvn --data <csv> [--chains 4] [--warmup 1000] [--draws 1000]
 *   [--seed 1] [--adapt-delta 0.8] [--max-treedepth 10] [--missing marginal|parameters]
 *   [--threads N] [--out summary.json]
 *
 * Fits the Bayesian multivariate normal to a CSV (header row; empty or NA = missing; any
 * numeric columns, named by the header), runs chains in parallel on worker_threads, prints
 * an ArviZ-style summary and writes JSON. `--model sem` is handed to scripts/sample-sem.ts.
 */
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parseNumericCsv } from '../src/lib/bayes/csv';
import {
  choiceOption,
  intOption,
  numberOption,
  parseOptions,
  requiredString,
  runChainsWithProgress,
  samplerJson,
  UsageError,
  writeSummaryJson,
} from './sampling-cli';
import { chainJobs, inlineExecutor, type ChainExecutor } from '../src/lib/bayes/runner';
import { formatSummary, samplerHealth, summarise, type SummaryRow } from '../src/lib/bayes/summary';
import { ordinalColumns, ordinalNote } from '../src/lib/sem/ordinal';

const USAGE = `usage: npm run sample -- --model mvn --data <file.csv> [--chains 4] [--warmup 1000] [--draws 1000]
       [--seed 1] [--adapt-delta 0.8] [--max-treedepth 10] [--missing marginal|parameters] [--threads N] [--out summary.json]
       npm run sample -- --model sem ...   (options defined by scripts/sample-sem.ts)`;

interface Options {
  data: string;
  chains: number;
  warmup: number;
  draws: number;
  seed: number;
  adaptDelta: number;
  maxTreeDepth: number;
  missing: 'marginal' | 'parameters';
  threads?: number;
  out?: string;
}

const MVN_OPTIONS = {
  model: 'string',
  data: 'string',
  chains: 'string',
  warmup: 'string',
  draws: 'string',
  seed: 'string',
  'adapt-delta': 'string',
  'max-treedepth': 'string',
  missing: 'string',
  threads: 'string',
  out: 'string',
} as const;

export function parseMvnArgs(argv: readonly string[]): Options {
  const v = parseOptions(argv, MVN_OPTIONS);
  if (v.model !== 'mvn') throw new UsageError(v.model === undefined ? '--model is required (mvn or sem)' : `unknown --model '${v.model}'; choose mvn or sem`);
  if (v.out !== undefined && v.out === '') throw new UsageError('--out needs a file name');
  return {
    data: requiredString(v, 'data', '<file.csv>'),
    chains: intOption(v, 'chains', 4, 1),
    warmup: intOption(v, 'warmup', 1000, 0),
    draws: intOption(v, 'draws', 1000, 4),
    seed: intOption(v, 'seed', 1, 0),
    adaptDelta: numberOption(v, 'adapt-delta', 0.8, (x) => x > 0 && x < 1, 'strictly between 0 and 1'),
    maxTreeDepth: intOption(v, 'max-treedepth', 10, 1),
    missing: choiceOption(v, 'missing', ['marginal', 'parameters'], 'marginal'),
    threads: v.threads === undefined ? undefined : intOption(v, 'threads', 0, 0),
    out: v.out as string | undefined,
  };
}

/** The --model value alone (the rest is checked by the chosen model's parser). */
function modelOf(argv: readonly string[]): string | undefined {
  const m = parseArgs({ args: [...argv], options: { model: { type: 'string' } }, strict: false, allowPositionals: true }).values.model;
  return typeof m === 'string' ? m : undefined;
}

async function runMvn(o: Options): Promise<void> {
  if (!existsSync(o.data)) throw new UsageError(`data file '${o.data}' not found`);
  const { names, x } = parseNumericCsv(readFileSync(o.data, 'utf8'), o.data);
  let missingCells = 0;
  for (const v of x.data) if (Number.isNaN(v)) missingCells++;
  console.log(`mvn: ${x.rows} rows × ${x.cols} columns (${names.join(', ')}), ${missingCells} missing cells (${o.missing})`);
  const note = ordinalNote(ordinalColumns(x, names));
  if (note) console.log(note);
  const settings = { numWarmup: o.warmup, numDraws: o.draws, adaptDelta: o.adaptDelta, maxTreeDepth: o.maxTreeDepth };
  const jobs = chainJobs({ kind: 'mvn', x, names, missing: o.missing }, settings, o.seed, o.chains);
  // loaded lazily: the worker adapter needs Node's import.meta.resolve, which test runners lack
  const executor: ChainExecutor = o.threads === 0 ? inlineExecutor : (await import('../precompute/bayes-workers')).nodeWorkerExecutor({ threads: o.threads });
  const { chains, wall } = await runChainsWithProgress(executor, jobs);
  const paramColumns = chains[0].columns.filter((c) => !c.startsWith('x['));
  const lower = paramColumns.filter((c) => {
    const m = /^corr\[(.+),(.+)\]$/.exec(c);
    return !m || names.indexOf(m[1]) > names.indexOf(m[2]);
  });
  const rows = summarise(chains, lower);
  const imputedColumns = chains[0].columns.filter((c) => c.startsWith('x['));
  const imputed = imputedColumns.length > 0 ? summarise(chains, imputedColumns) : [];
  const health = samplerHealth(chains, o.maxTreeDepth);
  console.log(formatSummary(rows));
  if (imputed.length > 0) console.log(`(${imputed.length} imputed cells summarised in the JSON output under "imputed")`);
  const warmupSeconds = Math.max(...chains.map((c) => c.timing.warmupSeconds));
  const samplingSeconds = Math.max(...chains.map((c) => c.timing.samplingSeconds));
  console.log(
    `chains ${o.chains}, warmup ${o.warmup}, draws ${o.draws}, seed ${o.seed}: divergences ${health.divergences}, ` +
      `tree-depth hits ${health.treeDepthHits}, E-BFMI ${health.ebfmi.map((v) => v.toFixed(2)).join(' ')}, ` +
      `gradient evaluations ${health.gradientEvaluations.warmup + health.gradientEvaluations.sampling}, ` +
      `warmup ${warmupSeconds.toFixed(2)} s, sampling ${samplingSeconds.toFixed(2)} s (slowest chain), wall ${wall.toFixed(2)} s`,
  );
  const bad = rows.filter((r) => r.r_hat > 1.01 || r.ess_bulk < 100 * o.chains / 4);
  if (bad.length > 0) console.log(`warning: ${bad.length} parameter(s) with R-hat > 1.01 or low bulk ESS (e.g. ${bad[0].name}); run longer chains`);
  if (o.out) {
    const byName = (rs: SummaryRow[]) => Object.fromEntries(rs.map(({ name, ...rest }) => [name, rest]));
    const json = {
      model: 'mvn',
      data: { file: o.data, rows: x.rows, columns: names, missingCells, missing: o.missing, ...(note ? { ordinalNote: note } : {}) },
      settings: { chains: o.chains, warmup: o.warmup, draws: o.draws, seed: o.seed, adaptDelta: o.adaptDelta, maxTreeDepth: o.maxTreeDepth },
      parameters: byName(rows),
      ...(imputed.length > 0 ? { imputed: byName(imputed) } : {}),
      sampler: samplerJson(health),
      timing: { warmupSeconds, samplingSeconds, wallSeconds: wall },
    };
    writeSummaryJson(o.out, json);
  }
}

async function main(argv: string[]): Promise<void> {
  const model = modelOf(argv);
  if (model === 'sem') {
    const semPath = fileURLToPath(new URL('./sample-sem.ts', import.meta.url));
    if (!existsSync(semPath)) throw new UsageError('--model sem is provided by scripts/sample-sem.ts, which is missing from this checkout');
    const mod = (await import('./sample-sem.ts' as string)) as { runSemCli?: (argv: string[]) => Promise<void> | void };
    if (typeof mod.runSemCli !== 'function') throw new UsageError('scripts/sample-sem.ts does not export runSemCli(argv)');
    await mod.runSemCli(argv);
    return;
  }
  await runMvn(parseMvnArgs(argv));
}

// Run only as a program (tests import parseMvnArgs).
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main(process.argv.slice(2)).catch((err: Error) => {
    console.error(`error: ${err.message}`);
    if (err instanceof UsageError && !err.message.includes('usage:')) console.error(USAGE);
    process.exit(1);
  });
}
