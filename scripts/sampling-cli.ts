/**
 * What both sampling CLIs share: argument parsing (node:util parseArgs, with errors that name
 * the option and what to do; the benches parse with it too), running chains with progress on
 * stderr, and the JSON summary.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { ChainExecutor, chainJobs } from '../src/lib/bayes/runner';
import type { samplerHealth } from '../src/lib/bayes/summary';

/** Run the chains, printing each chain's progress every 10%; returns the chains and wall seconds. */
export async function runChainsWithProgress(executor: ChainExecutor, jobs: ReturnType<typeof chainJobs>) {
  const started = performance.now();
  const last = new Map<number, number>();
  const chains = await executor.run(jobs, (p) => {
    const pct = Math.floor((100 * p.iteration) / p.total);
    if ((last.get(p.chain) ?? -10) + 10 <= pct) {
      last.set(p.chain, pct);
      process.stderr.write(`chain ${p.chain}: ${p.iteration}/${p.total} (${p.phase})\n`);
    }
  });
  return { chains, wall: (performance.now() - started) / 1000 };
}

type Health = ReturnType<typeof samplerHealth>;

export function samplerJson(health: Health) {
  return {
    divergences: health.divergences,
    treeDepthHits: health.treeDepthHits,
    ebfmi: health.ebfmi,
    stepSize: health.stepSize,
    meanAcceptStat: health.meanAcceptStat,
    gradientEvaluations: health.gradientEvaluations.warmup + health.gradientEvaluations.sampling,
    gradientEvaluationsByPhase: health.gradientEvaluations,
  };
}

/** Writes the summary; non-finite numbers (e.g. R-hat of a single chain) become null. */
export function writeSummaryJson(file: string, json: unknown): void {
  writeFileSync(file, JSON.stringify(json, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2) + '\n');
  console.log(`wrote ${file}`);
}

/** A mistake in the command line; the CLI prints it with the usage text. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export type OptionTypes = Readonly<Record<string, 'string' | 'boolean'>>;
export type OptionValues = Readonly<Record<string, string | boolean | undefined>>;

/** parseArgs, strict, no positionals; its errors rewritten to say what to do. */
export function parseOptions(argv: readonly string[], types: OptionTypes): OptionValues {
  const options = Object.fromEntries(Object.entries(types).map(([k, type]) => [k, { type }]));
  try {
    return parseArgs({ args: [...argv], options, strict: true, allowPositionals: false }).values as OptionValues;
  } catch (err) {
    throw new UsageError(explainParseError(err as Error & { code?: string }, Object.keys(types)));
  }
}

function explainParseError(err: Error & { code?: string }, known: readonly string[]): string {
  const opt = /'(--?[^' <]+)/.exec(err.message)?.[1] ?? '';
  switch (err.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${opt}; the options are ${known.map((k) => `--${k}`).join(', ')}`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument ${/'([^']*)'/.exec(err.message)?.[0] ?? ''}; options look like --name value`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      if (/does not take an argument/.test(err.message)) return `${opt} is a switch and takes no value`;
      if (/ambiguous/.test(err.message)) return `${opt} needs a value, but the next argument is another option; write ${opt} <value> (or ${opt}=<value>)`;
      return `${opt} needs a value`;
    default:
      return err.message;
  }
}

/** A required string option. */
export function requiredString(v: OptionValues, name: string, what: string): string {
  const s = v[name];
  if (typeof s !== 'string' || s === '') throw new UsageError(`--${name} ${what} is required`);
  return s;
}

/** An integer option ≥ min, or its default. */
export function intOption(v: OptionValues, name: string, fallback: number, min: number): number {
  const s = v[name];
  if (s === undefined) return fallback;
  const x = Number(s);
  if (typeof s !== 'string' || s.trim() === '' || !Number.isInteger(x) || x < min) throw new UsageError(`--${name} must be an integer ≥ ${min}, got '${s}'`);
  return x;
}

/** A number option satisfying `ok` (described by `rule`), or its default. */
export function numberOption(v: OptionValues, name: string, fallback: number, ok: (x: number) => boolean, rule: string): number {
  const s = v[name];
  if (s === undefined) return fallback;
  const x = Number(s);
  if (typeof s !== 'string' || s.trim() === '' || !ok(x)) throw new UsageError(`--${name} must be ${rule}, got '${s}'`);
  return x;
}

/** One of a fixed set of words, or its default. */
export function choiceOption<T extends string>(v: OptionValues, name: string, choices: readonly T[], fallback: T): T {
  const s = v[name];
  if (s === undefined) return fallback;
  if (typeof s !== 'string' || !(choices as readonly string[]).includes(s)) {
    throw new UsageError(`--${name} must be ${choices.map((c) => `'${c}'`).join(' or ')}, got '${s}'`);
  }
  return s as T;
}
