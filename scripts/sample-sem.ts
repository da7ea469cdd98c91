/**
 * npm run sample -- --model sem --syntax <model.lav> --data <csv> [--spec identified|original]
 *   [--priors default|original] [--chains 4] [--warmup 2000] [--draws 10000] [--adapt-delta 0.95]
 *   [--max-treedepth 10] [--seed 1] [--init-radius 1] [--threads N] [--ml] [--out summary.json]
 *
 * Fits a SEM written in lavaan syntax to a numeric CSV (header row = column names; empty cells
 * and NA are missing, and the likelihood integrates them out), runs NUTS chains on
 * worker_threads, prints an ArviZ-style summary with lavaan-style names (CTS=~ST, DTP~CTS,
 * UF1~~FOR, ST~1) and, with --ml, maximum-likelihood estimates (full-information ML when cells
 * are missing) and SEs beside them. --priors original puts the original analysis's loading and
 * residual-sd priors on the chosen specification. Called by scripts/sample.ts for --model sem.
 */
import { existsSync, readFileSync } from 'node:fs';
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
import { formatSummary, samplerHealth, summarise } from '../src/lib/bayes/summary';
import { groupOf } from '../src/lib/sem/analysis';
import { describeLavaan, SemModelError, type SemDescription } from '../src/lib/sem/description';
import { sufficientStats } from '../src/lib/sem/likelihood';
import { fitMl, type MlFit } from '../src/lib/sem/ml';
import { ordinalColumns, ordinalNote } from '../src/lib/sem/ordinal';
import { describeInterceptPrior, describePrior } from '../src/lib/sem/priors';
import { semJobSpec } from '../src/lib/sem/register';
import { NAMED_SPECS, PRIOR_SETS, usedPriors, withPriors, type PriorSetName, type SpecName } from '../src/lib/sem/spec';
import { SemSyntaxError } from '../src/lib/sem/syntax';

export const SEM_USAGE = `usage: npm run sample -- --model sem --syntax <model.lav> --data <file.csv> [--spec identified|original]
       [--priors default|original] [--chains 4] [--warmup 2000] [--draws 10000] [--adapt-delta 0.95] [--max-treedepth 10]
       [--seed 1] [--init-radius 1] [--threads N] [--ml] [--out summary.json]`;

const REGISTER_MODULE = new URL('../src/lib/sem/register.ts', import.meta.url).href;

const SEM_OPTIONS = {
  model: 'string',
  syntax: 'string',
  data: 'string',
  spec: 'string',
  priors: 'string',
  chains: 'string',
  warmup: 'string',
  draws: 'string',
  'adapt-delta': 'string',
  'max-treedepth': 'string',
  seed: 'string',
  'init-radius': 'string',
  threads: 'string',
  ml: 'boolean',
  out: 'string',
} as const;

export interface SemCliOptions {
  readonly syntax: string;
  readonly data: string;
  readonly spec: SpecName;
  readonly priors: PriorSetName;
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

/** Kept for callers that catch it by name; every usage mistake is a UsageError. */
export { UsageError as SemUsageError };

export function parseSemArgs(argv: readonly string[]): SemCliOptions {
  const v = parseOptions(argv, SEM_OPTIONS);
  if (v.model !== undefined && v.model !== 'sem') throw new UsageError(`this entry point fits --model sem, got '${v.model}'`);
  const out = v.out;
  if (out !== undefined && (typeof out !== 'string' || out === '')) throw new UsageError('--out needs a file name');
  return {
    syntax: requiredString(v, 'syntax', '<model.lav> (lavaan model text, e.g. content/models/job-satisfaction.lav)'),
    data: requiredString(v, 'data', '<file.csv>'),
    spec: choiceOption(v, 'spec', ['identified', 'original'], 'identified'),
    priors: choiceOption(v, 'priors', ['default', 'original'], 'default'),
    chains: intOption(v, 'chains', 4, 1),
    warmup: intOption(v, 'warmup', 2000, 0),
    draws: intOption(v, 'draws', 10_000, 4),
    adaptDelta: numberOption(v, 'adapt-delta', 0.95, (x) => x > 0 && x < 1, 'strictly between 0 and 1'),
    maxTreeDepth: intOption(v, 'max-treedepth', 10, 1),
    seed: intOption(v, 'seed', 1, 0),
    initRadius: numberOption(v, 'init-radius', 1, (x) => x > 0 && Number.isFinite(x), 'a positive number'),
    threads: v.threads === undefined ? undefined : intOption(v, 'threads', 0, 0),
    ml: v.ml === true,
    out,
  };
}

/** The priors a run uses, in words, by block (recorded in the output). */
export function priorsInWords(o: Pick<SemCliOptions, 'spec' | 'priors'>): Record<string, string> {
  const spec = withPriors(NAMED_SPECS[o.spec], PRIOR_SETS[o.priors]);
  return Object.fromEntries(Object.entries(usedPriors(spec)).map(([k, p]) => [k, k === 'intercept' ? describeInterceptPrior(p) : describePrior(p)]));
}

function describeOrExplain(syntax: string, names: readonly string[], file: string): SemDescription {
  try {
    return describeLavaan(syntax, names);
  } catch (e) {
    if (e instanceof SemSyntaxError || e instanceof SemModelError) throw new Error(`${file}: ${e.message}`);
    throw e;
  }
}

export async function runSemCli(argv: string[]): Promise<void> {
  let o: SemCliOptions;
  try {
    o = parseSemArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) throw new UsageError(`${e.message}\n${SEM_USAGE}`);
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
  const description = describeOrExplain(syntax, names, o.syntax);
  const stats = sufficientStats(x, names);
  let missingCells = 0;
  for (let r = 0; r < x.rows; r++) for (const j of description.columnIndex) if (Number.isNaN(x.data[r * x.cols + j])) missingCells++;
  const used = stats.patterns ? description.columnIndex : null;
  const patternCount = used ? new Set(Array.from({ length: x.rows }, (_, r) => used.map((j) => (Number.isNaN(x.data[r * x.cols + j]) ? 0 : 1)).join(''))).size : 1;
  const priors = priorsInWords(o);
  console.log(
    `sem (${o.spec}, ${o.priors} priors): ${x.rows} rows; ${description.latents.length} factors (${description.latents.join(', ')}), ` +
      `${description.observed.length} indicators, ${description.paths.length} paths, ${description.residualCovariances.length} residual covariances`,
  );
  console.log(`priors: ${Object.entries(priors).map(([k, v]) => `${k} ${v}`).join('; ')}`);
  if (missingCells > 0) {
    console.log(`missing: ${missingCells} of ${x.rows * description.observed.length} cells in ${patternCount} patterns; the likelihood integrates them out (each row contributes its observed cells), which assumes they are missing at random`);
  }
  const note = ordinalNote(ordinalColumns(x, names, description.columnIndex));
  if (note) console.log(note);

  let ml: MlFit | null = null;
  if (o.ml) {
    ml = fitMl(description, stats);
    const f = ml.fit;
    console.log(
      `ML (identified model${missingCells > 0 ? ', full information over the missing cells' : ''}${o.spec === 'original' ? '; the original specification has no unique ML solution' : ''}): ` +
        `converged ${ml.converged}, χ² ${f.chisq.toFixed(2)} on ${f.df} df (p ${f.pvalue.toPrecision(3)}), CFI ${f.cfi.toFixed(3)}, TLI ${f.tli.toFixed(3)}, ` +
        `RMSEA ${f.rmsea.toFixed(3)}, SRMR ${f.srmr.toFixed(3)}`,
    );
  }

  const settings = { numWarmup: o.warmup, numDraws: o.draws, adaptDelta: o.adaptDelta, maxTreeDepth: o.maxTreeDepth, initRadius: o.initRadius };
  const job = semJobSpec(syntax, stats, o.spec, PRIOR_SETS[o.priors]);
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
      priors: { set: o.priors, blocks: priors },
      meanStructure: NAMED_SPECS[o.spec].meanStructure,
      syntax: { file: o.syntax, text: syntax },
      data: { file: o.data, rows: x.rows, columns: names, missingCells, missingPatterns: patternCount, ...(note ? { ordinalNote: note } : {}) },
      settings: { chains: o.chains, warmup: o.warmup, draws: o.draws, seed: o.seed, adaptDelta: o.adaptDelta, maxTreeDepth: o.maxTreeDepth, initRadius: o.initRadius },
      parameters,
      ...(ml ? { ml: { converged: ml.converged, fit: ml.fit, parameters: Object.fromEntries(ml.parameters.map((p) => [p.name, { estimate: p.estimate, se: p.se }])) } } : {}),
      sampler: samplerJson(health),
      timing: { warmupSeconds, samplingSeconds, wallSeconds: wall },
    };
    writeSummaryJson(o.out, json);
  }
}
