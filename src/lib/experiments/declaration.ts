/**
 * What an experiment is, as data: its id, family, title, full and quick configs, the schemas of
 * its config and result, and the data files it reads. Browser-safe (imports only zod's types):
 * the site, the labs and the precompute runner all read the same declarations.
 *
 * The run function lives apart, in precompute/experiments/<id>.ts, bound to its declaration
 * with defineRun (precompute/experiment.ts).
 */
import type { z } from 'zod';

export interface ExperimentDeclaration<
  Id extends string = string,
  Family extends string = string,
  ConfigSchema extends z.ZodTypeAny = z.ZodTypeAny,
  ResultSchema extends z.ZodTypeAny = z.ZodTypeAny,
> {
  /** kebab-case; also the name of the result file, of the declaration module and of the run module */
  readonly id: Id;
  /** experiments of one family share settings (stated once in the family's module) and figures */
  readonly family: Family;
  readonly title: string;
  readonly configSchema: ConfigSchema;
  /** the full configuration, whose results are committed in public/results */
  readonly config: z.output<ConfigSchema>;
  /** a small configuration for CI (--quick), written to the ignored .quick-results */
  readonly quickConfig: z.output<ConfigSchema>;
  readonly resultSchema: ResultSchema;
  /**
   * Repo-relative paths of the data files the run reads (through ctx.readInput, which refuses
   * any other path). Their contents enter the fingerprint: editing one makes the result stale.
   */
  readonly inputs: readonly string[];
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyDeclaration = ExperimentDeclaration<string, string, z.ZodTypeAny, z.ZodTypeAny>;
export type ConfigOf<D extends AnyDeclaration> = z.output<D['configSchema']>;
export type ResultOfDeclaration<D extends AnyDeclaration> = z.output<D['resultSchema']>;

const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** Why a declared input path is unusable, or undefined when it is a clean repo-relative path. */
export function inputPathProblem(p: string): string | undefined {
  if (p.length === 0) return 'is empty';
  if (p.includes('\\')) return 'uses backslashes (write repo-relative paths with /)';
  if (p.startsWith('/') || /^[A-Za-z]:/.test(p)) return 'is absolute (write it relative to the repository root)';
  if (p.split('/').some((s) => s === '..' || s === '.' || s === '')) return 'is not a normalised path (no ., .. or empty segments)';
  return undefined;
}

/**
 * Checks a declaration's shape at import time (a bad id or input path fails every consumer
 * at once, naming the file to fix) and freezes it. The `const` type parameters keep the id and
 * family as literal types, so the catalogue can type each result by its id.
 */
export function declareExperiment<const Id extends string, const Family extends string, ConfigSchema extends z.ZodTypeAny, ResultSchema extends z.ZodTypeAny>(
  d: ExperimentDeclaration<Id, Family, ConfigSchema, ResultSchema>,
): ExperimentDeclaration<Id, Family, ConfigSchema, ResultSchema> {
  const where = `src/lib/experiments/${d.id}.ts`;
  if (!ID.test(d.id)) throw new Error(`${where}: experiment id "${d.id}" must be kebab-case (a-z, 0-9 and single hyphens)`);
  if (!ID.test(d.family)) throw new Error(`${where}: family "${d.family}" must be kebab-case`);
  for (const p of d.inputs) {
    const problem = inputPathProblem(p);
    if (problem) throw new Error(`${where}: declared input "${p}" ${problem}`);
  }
  if (new Set(d.inputs).size !== d.inputs.length) throw new Error(`${where}: an input is declared twice`);
  return Object.freeze({ ...d, inputs: Object.freeze([...d.inputs]) });
}
