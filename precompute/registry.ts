/**
 * Finds experiments: every module precompute/experiments/<id>.ts whose default export is an
 * experiment with that id. Shared helpers in that folder simply have no default export.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Experiment } from './experiment';
import { EXPERIMENTS_DIR } from './paths';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyExperiment = Experiment<any, any>;

export function experimentFile(id: string): string {
  return path.join(EXPERIMENTS_DIR, `${id}.ts`);
}

function candidateIds(): string[] {
  return readdirSync(EXPERIMENTS_DIR)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map((f) => f.slice(0, -3))
    .sort();
}

export async function loadExperiment(id: string): Promise<AnyExperiment | undefined> {
  if (!candidateIds().includes(id)) return undefined;
  const mod = (await import(pathToFileURL(experimentFile(id)).href)) as { default?: AnyExperiment };
  const e = mod.default;
  if (!e || typeof e !== 'object' || typeof e.run !== 'function') return undefined;
  if (e.id !== id) throw new Error(`precompute/experiments/${id}.ts exports an experiment with id "${e.id}"; the id must match the file name`);
  return e;
}

/** All experiment ids, sorted. Imports each candidate module once. */
export async function listExperimentIds(): Promise<string[]> {
  const ids: string[] = [];
  for (const id of candidateIds()) if (await loadExperiment(id)) ids.push(id);
  return ids;
}

/** Resolve requested ids (all when none given); unknown ids are an error listing the known ones. */
export async function resolveIds(requested: string[]): Promise<string[]> {
  const known = await listExperimentIds();
  if (requested.length === 0) return known;
  const unknown = requested.filter((id) => !known.includes(id));
  if (unknown.length > 0) {
    throw new Error(`Unknown experiment id${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}.\nKnown experiments: ${known.join(', ')}`);
  }
  return [...new Set(requested)];
}
