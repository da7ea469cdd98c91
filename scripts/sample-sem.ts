/**
 * npm run sample -- --model sem --syntax <model.lav> --data <csv> [--spec identified|original]
 *   [--chains 4] [--warmup 2000] [--draws 10000] [--adapt-delta 0.95] [--max-treedepth 10]
 *   [--seed 1] [--init-radius 1] [--threads N] [--ml] [--out summary.json]
 *
 * Fits a SEM written in lavaan syntax to a complete numeric CSV (header row = column names),
 * runs NUTS chains on worker_threads, prints an ArviZ-style summary with lavaan-style names
 * (CTS=~ST, DTP~CTS, UF1~~FOR) and, with --ml, maximum-likelihood estimates and SEs beside
 * them. Called by scripts/sample.ts for --model sem.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseNumericCsv } from '../src/lib/bayes/csv';
import { runChainsWithProgress, samplerJson, writeSummaryJson } from './sampling-cli';
import { chainJobs, inlineExecutor, type ChainExecutor } from '../src/lib/bayes/runner';
import { formatSummary, samplerHealth, summarise } from '../src/lib/bayes/summary';
import { groupOf } from '../src/lib/sem/analysis';
import { describeLavaan, SemModelError } from '../src/lib/sem/description';
import { sufficientStats } from '../src/lib/sem/likelihood';
import { fitMl, type MlFit } from '../src/lib/sem/ml';
import { semJobSpec } from '../src/lib/sem/register';
import { SemSyntaxError } from '../src/lib/sem/syntax';

export const SEM_USAGE = `usage: npm run sample -- --model sem --syntax <model.lav> --data <file.csv> [--spec identified|original]
       [--chains 4] [--warmup 2000] [--draws 10000] [--adapt-delta 0.95] [--max-treedepth 10] [--seed 1]
       [--init-radius 1] [--threads N] [--ml] [--out summary.json]`;

const REGISTER_MODULE = new URL('../src/lib/sem/register.ts', import.meta.url).href;

export interface SemCliOptions {
  readonly syntax: string;
  readonly data: string;
  readonly spec: 'identified' | 'original';
  readonly chains: number;
  readonly warmup: number;
  readonly draws: number;
  readonly adaptDelta: number;
  readonly maxTreeDepth: number;
  readonly seed: number;
  readonly initRadius: number;
  readonly threads?: number;
  readonly ml: boolean;
  readonly out?: string;
}

export class SemUsageError extends Error {}

export function parseSemArgs(argv: readonly string[]): SemCliOptions {
  const flags = new Map<string, string>();
  const switches = new Set(['ml']);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) throw new SemUsageError(`unexpected argument '${a}'; options look like --name value`);
    const [k, inline] = a.slice(2).split('=', 2);
    if (switches.has(k)) {
      flags.set(k, inline ?? 'true');
      continue;
    }
    const v = inline ?? argv[++i];
    if (v === undefined || v.startsWith('--')) throw new SemUsageError(`--${k} needs a value`);
    flags.set(k, v);
  }
  const known = ['model', 'syntax', 'data', 'spec', 'chains', 'warmup', 'draws', 'adapt-delta', 'max-treedepth', 'seed', 'init-radius', 'threads', 'ml', 'out'];
  for (const k of flags.keys()) if (!known.includes(k)) throw new SemUsageError(`unknown option --${k}`);
  if (flags.has('model') && flags.get('model') !== 'sem') throw new SemUsageError(`this entry point fits --model sem, got '${flags.get('model')}'`);
  const int = (k: string, def: number, min: number): number => {
    const s = flags.get(k);
    if (s === undefined) return def;
    const v = Number(s);
    if (!Number.isInteger(v) || v < min) throw new SemUsageError(`--${k} must be an integer ≥ ${min}, got '${s}'`);
    return v;
  };
  const syntax = flags.get('syntax');
  if (!syntax) throw new SemUsageError('--syntax <model.lav> is required (lavaan model text, e.g. content/models/job-satisfaction.lav)');
  const data = flags.get('data');
  if (!data) throw new SemUsageError('--data <file.csv> is required');
  const spec = flags.get('spec') ?? 'identified';
  if (spec !== 'identified' && spec !== 'original') throw new SemUsageError(`--spec must be 'identified' or 'original', got '${spec}'`);
  const ad = flags.has('adapt-delta') ? Number(flags.get('adapt-delta')) : 0.95;
  if (!(ad > 0 && ad < 1)) throw new SemUsageError(`--adapt-delta must be strictly between 0 and 1, got '${flags.get('adapt-delta')}'`);
  const radius = flags.has('init-radius') ? Number(flags.get('init-radius')) : 1;
  if (!(radius > 0)) throw new SemUsageError(`--init-radius must be positive, got '${flags.get('init-radius')}'`);
  const mlFlag = flags.get('ml');
  if (mlFlag !== undefined && mlFlag !== 'true' && mlFlag !== 'false') throw new SemUsageError(`--ml is a switch (or --ml=true/false), got '${mlFlag}'`);
  return {
    syntax,
    data,
    spec,
    chains: int('chains', 4, 1),
    warmup: int('warmup', 2000, 0),
    draws: int('draws', 10_000, 4),
    adaptDelta: ad,
    maxTreeDepth: int('max-treedepth', 10, 1),
    seed: int('seed', 1, 0),
    initRadius: radius,
    threads: flags.has('threads') ? int('threads', 0, 0) : undefined,
    ml: mlFlag === 'true',
    out: flags.get('out'),
  };
}

export async function runSemCli(argv: string[]): Promise<void> {
  let o: SemCliOptions;
  try {
    o = parseSemArgs(argv);
  } catch (e) {
    if (e instanceof SemUsageError) throw new Error(`${e.message}\n${SEM_USAGE}`);
    throw e;
  }
  for (const [what, file] of [
    ['model', o.syntax],
    ['data', o.data],
  ] as const) {
    if (!existsSync(file)) throw new Error(`${what} file '${file}' not found`);
  }
  const syntax = readFileSync(o.syntax, 'utf8');
  const { names, x } = parseNumericCsv(readFileSync(o.data, 'utf8'), o.data);
  let description;
  try {
    description = describeLavaan(syntax, names);
  } catch (e) {
    if (e instanceof SemSyntaxError || e instanceof SemModelError) throw new Error(`${o.syntax}: ${e.message}`);
    throw e;
  }
  const stats = sufficientStats(x, names);
  console.log(
    `sem (${o.spec}): ${x.rows} rows; ${description.latents.length} factors (${description.latents.join(', ')}), ` +
      `${description.observed.length} indicators, ${description.paths.length} paths, ${description.residualCovariances.length} residual covariances`,
  );

  let ml: MlFit | null = null;
  if (o.ml) {
    ml = fitMl(description, stats);
    const f = ml.fit;
    console.log(
      `ML (identified model${o.spec === 'original' ? '; the original specification has no unique ML solution' : ''}): ` +
        `converged ${ml.converged}, χ² ${f.chisq.toFixed(2)} on ${f.df} df (p ${f.pvalue.toPrecision(3)}), CFI ${f.cfi.toFixed(3)}, TLI ${f.tli.toFixed(3)}, ` +
        `RMSEA ${f.rmsea.toFixed(3)}, SRMR ${f.srmr.toFixed(3)}`,
    );
  }

  const settings = { numWarmup: o.warmup, numDraws: o.draws, adaptDelta: o.adaptDelta, maxTreeDepth: o.maxTreeDepth, initRadius: o.initRadius };
  const job = semJobSpec(syntax, stats, o.spec);
  const jobs = chainJobs(job as unknown as Parameters<typeof chainJobs>[0], settings, o.seed, o.chains);
  if (o.threads === 0) await import('../src/lib/sem/register'); // registers the 'sem' kind in this thread
  // loaded lazily: the worker adapter needs Node's import.meta.resolve, which test runners lack
  const executor: ChainExecutor =
    o.threads === 0 ? inlineExecutor : (await import('../precompute/bayes-workers')).nodeWorkerExecutor({ threads: o.threads, modules: [REGISTER_MODULE] });
  const { chains, wall } = await runChainsWithProgress(executor, jobs);
  const rows = summarise(chains);
  const health = samplerHealth(chains, o.maxTreeDepth);
  // ML is of the identified model. Under the original spec, paths point the other way and the
  // latent (co)variances are residuals of a different structure, so only measurement-side
  // parameters mean the same thing in both; the rest are left blank rather than misaligned.
  const comparable = (name: string) => o.spec === 'identified' || ['loading', 'residual-variance', 'residual-covariance'].includes(groupOf(name, description));
  const mlByName = new Map((ml?.parameters ?? []).filter((p) => comparable(p.name)).map((p) => [p.name, p] as const));
  const table = formatSummary(rows).split('\n');
  if (ml) {
    table[0] += 'ml'.padStart(10) + 'ml_se'.padStart(10);
    rows.forEach((r, i) => {
      const e = mlByName.get(r.name);
      table[i + 1] += e ? e.estimate.toFixed(3).padStart(10) + e.se.toFixed(3).padStart(10) : ''.padStart(20);
    });
  }
  console.log(table.join('\n'));
  const warmupSeconds = Math.max(...chains.map((c) => c.timing.warmupSeconds));
  const samplingSeconds = Math.max(...chains.map((c) => c.timing.samplingSeconds));
  console.log(
    `chains ${o.chains}, warmup ${o.warmup}, draws ${o.draws}, seed ${o.seed}: divergences ${health.divergences}, ` +
      `tree-depth hits ${health.treeDepthHits}, E-BFMI ${health.ebfmi.map((v) => v.toFixed(2)).join(' ')}, ` +
      `gradient evaluations ${health.gradientEvaluations.warmup + health.gradientEvaluations.sampling}, ` +
      `warmup ${warmupSeconds.toFixed(2)} s, sampling ${samplingSeconds.toFixed(2)} s (slowest chain), wall ${wall.toFixed(2)} s`,
  );
  const bad = rows.filter((r) => !(r.r_hat <= 1.01) || r.ess_bulk < (100 * o.chains) / 4);
  if (bad.length > 0) console.log(`warning: ${bad.length} parameter(s) with R-hat > 1.01 or low bulk ESS (e.g. ${bad[0].name}); run longer chains`);
  if (o.out) {
    const parameters = Object.fromEntries(
      rows.map(({ name, ...rest }) => {
        const e = mlByName.get(name);
        return [name, o.ml ? { ...rest, ml_estimate: e?.estimate ?? null, ml_se: e?.se ?? null } : rest];
      }),
    );
    const json = {
      model: 'sem',
      spec: o.spec,
      syntax: { file: o.syntax, text: syntax },
      data: { file: o.data, rows: x.rows, columns: names },
      settings: { chains: o.chains, warmup: o.warmup, draws: o.draws, seed: o.seed, adaptDelta: o.adaptDelta, maxTreeDepth: o.maxTreeDepth, initRadius: o.initRadius },
      parameters,
      ...(ml ? { ml: { converged: ml.converged, fit: ml.fit, parameters: Object.fromEntries(ml.parameters.map((p) => [p.name, { estimate: p.estimate, se: p.se }])) } } : {}),
      sampler: samplerJson(health),
      timing: { warmupSeconds, samplingSeconds, wallSeconds: wall },
    };
    writeSummaryJson(o.out, json);
  }
}
