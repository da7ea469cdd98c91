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
import { parseNumericCsv } from '../src/lib/bayes/csv';
import { runChainsWithProgress, samplerJson, writeSummaryJson } from './sampling-cli';
import { chainJobs, inlineExecutor, type ChainExecutor } from '../src/lib/bayes/runner';
import { formatSummary, samplerHealth, summarise, type SummaryRow } from '../src/lib/bayes/summary';
import { nodeWorkerExecutor } from '../precompute/bayes-workers';

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

class UsageError extends Error {}

function parseArgs(argv: string[]): { model: string; options: Options } {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) throw new UsageError(`unexpected argument '${a}'; options look like --name value`);
    const [k, inline] = a.slice(2).split('=', 2);
    const v = inline ?? argv[++i];
    if (v === undefined) throw new UsageError(`--${k} needs a value`);
    flags.set(k, v);
  }
  const known = ['model', 'data', 'chains', 'warmup', 'draws', 'seed', 'adapt-delta', 'max-treedepth', 'missing', 'threads', 'out'];
  for (const k of flags.keys()) if (!known.includes(k)) throw new UsageError(`unknown option --${k}`);
  const model = flags.get('model');
  if (!model) throw new UsageError('--model is required (mvn or sem)');
  const int = (k: string, def: number, min: number): number => {
    const s = flags.get(k);
    if (s === undefined) return def;
    const v = Number(s);
    if (!Number.isInteger(v) || v < min) throw new UsageError(`--${k} must be an integer ≥ ${min}, got '${s}'`);
    return v;
  };
  const data = flags.get('data');
  if (!data) throw new UsageError('--data <file.csv> is required');
  const ad = flags.has('adapt-delta') ? Number(flags.get('adapt-delta')) : 0.8;
  if (!(ad > 0 && ad < 1)) throw new UsageError(`--adapt-delta must be strictly between 0 and 1, got '${flags.get('adapt-delta')}'`);
  const missing = flags.get('missing') ?? 'marginal';
  if (missing !== 'marginal' && missing !== 'parameters') throw new UsageError(`--missing must be 'marginal' or 'parameters', got '${missing}'`);
  return {
    model,
    options: {
      data,
      chains: int('chains', 4, 1),
      warmup: int('warmup', 1000, 0),
      draws: int('draws', 1000, 4),
      seed: int('seed', 1, 0),
      adaptDelta: ad,
      maxTreeDepth: int('max-treedepth', 10, 1),
      missing,
      threads: flags.has('threads') ? int('threads', 0, 0) : undefined,
      out: flags.get('out'),
    },
  };
}

async function runMvn(o: Options): Promise<void> {
  if (!existsSync(o.data)) throw new UsageError(`data file '${o.data}' not found`);
  const { names, x } = parseNumericCsv(readFileSync(o.data, 'utf8'), o.data);
  let missingCells = 0;
  for (const v of x.data) if (Number.isNaN(v)) missingCells++;
  console.log(`mvn: ${x.rows} rows × ${x.cols} columns (${names.join(', ')}), ${missingCells} missing cells (${o.missing})`);
  const settings = { numWarmup: o.warmup, numDraws: o.draws, adaptDelta: o.adaptDelta, maxTreeDepth: o.maxTreeDepth };
  const jobs = chainJobs({ kind: 'mvn', x, names, missing: o.missing }, settings, o.seed, o.chains);
  const executor: ChainExecutor = o.threads === 0 ? inlineExecutor : nodeWorkerExecutor({ threads: o.threads });
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
      data: { file: o.data, rows: x.rows, columns: names, missingCells, missing: o.missing },
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
  const modelIdx = argv.indexOf('--model');
  const modelArg = modelIdx >= 0 ? argv[modelIdx + 1] : argv.find((a) => a.startsWith('--model='))?.slice(8);
  if (modelArg === 'sem') {
    const semPath = fileURLToPath(new URL('./sample-sem.ts', import.meta.url));
    if (!existsSync(semPath)) {
      throw new UsageError('--model sem is provided by scripts/sample-sem.ts, which does not exist yet (the SEM engineer adds it)');
    }
    const mod = (await import('./sample-sem.ts' as string)) as { runSemCli?: (argv: string[]) => Promise<void> | void };
    if (typeof mod.runSemCli !== 'function') throw new UsageError('scripts/sample-sem.ts does not export runSemCli(argv)');
    await mod.runSemCli(argv);
    return;
  }
  const { model, options } = parseArgs(argv);
  if (model !== 'mvn') throw new UsageError(`unknown --model '${model}'; choose mvn or sem`);
  await runMvn(options);
}

main(process.argv.slice(2)).catch((err: Error) => {
  console.error(`error: ${err.message}`);
  if (err instanceof UsageError) console.error(USAGE);
  process.exit(1);
});
