/**
 * The runner's registry, derived from the catalogue (src/lib/experiments/index.ts): every
 * declared experiment, with its run from precompute/experiments/<id>.ts.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CATALOGUE, EXPERIMENT_IDS, isExperimentId } from '../src/lib/experiments';
import type { AnyExperiment } from './experiment';
import { EXPERIMENTS_DIR } from './paths';

export type { AnyExperiment } from './experiment';

/** The run module of an experiment: the entry whose import graph is fingerprinted. */
export function experimentFile(id: string): string {
  return path.join(EXPERIMENTS_DIR, `${id}.ts`);
}

async function importDefault(file: string): Promise<unknown> {
  return ((await import(pathToFileURL(file).href)) as { default?: unknown }).default;
}

const isExperiment = (e: unknown): e is AnyExperiment =>
  !!e && typeof e === 'object' && typeof (e as AnyExperiment).run === 'function' && typeof (e as AnyExperiment).declaration === 'object';

/** The declared experiment bound to its run. Unknown ids and half-added experiments fail, naming the file to write. */
export async function loadExperiment(id: string): Promise<AnyExperiment> {
  if (!isExperimentId(id)) throw new Error(`Unknown experiment id: ${id}.\nKnown experiments: ${EXPERIMENT_IDS.join(', ')}`);
  const file = experimentFile(id);
  const rel = `precompute/experiments/${id}.ts`;
  if (!existsSync(file)) throw new Error(`${id} is declared in the catalogue but has no run: write ${rel} (README: "Adding an experiment").`);
  const e = await importDefault(file);
  if (!isExperiment(e)) throw new Error(`${rel} must export default defineRun(declaration, run) (README: "Adding an experiment").`);
  if (e.declaration !== CATALOGUE[id]) {
    throw new Error(`${rel} binds the declaration of "${e.declaration.id}"; it must bind src/lib/experiments/${id}.ts (import declaration from '../../src/lib/experiments/${id}').`);
  }
  return e;
}

/** All experiment ids, in catalogue (essay) order. */
export function listExperimentIds(): readonly string[] {
  return EXPERIMENT_IDS;
}

/** Resolve requested ids (all when none given); unknown ids are an error listing the known ones. */
export function resolveIds(requested: readonly string[]): string[] {
  if (requested.length === 0) return [...EXPERIMENT_IDS];
  const unknown = requested.filter((id) => !isExperimentId(id));
  if (unknown.length > 0) {
    throw new Error(`Unknown experiment id${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}.\nKnown experiments: ${EXPERIMENT_IDS.join(', ')}`);
  }
  return [...new Set(requested)];
}

/**
 * Run modules that bind a run but whose id the catalogue does not list (an experiment half-added:
 * its result would never be made). Shared helpers in the folder have no default export.
 */
export async function unlistedRunModules(): Promise<string[]> {
  const unlisted: string[] = [];
  for (const f of readdirSync(EXPERIMENTS_DIR).sort()) {
    if (!f.endsWith('.ts') || f.endsWith('.d.ts')) continue;
    const id = f.slice(0, -3);
    if (isExperimentId(id)) continue;
    if (isExperiment(await importDefault(path.join(EXPERIMENTS_DIR, f)))) unlisted.push(id);
  }
  return unlisted;
}
