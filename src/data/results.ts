/**
 * Build-time access to baked results (Node only: used by pages and components while
 * Astro renders, never shipped to the browser).
 *
 * Reads public/results/<id>.json (or $RESULTS_DIR), checks the envelope and the payload
 * schema, and fails the build with the file, the problem and the command that fixes it.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { resultSchemas, type ResultId, type ResultOf } from './schemas';

const RESULTS_DIR = path.resolve(process.env.RESULTS_DIR ?? 'public/results');

export interface Envelope<T> {
  id: string;
  configHash: string;
  codeHash: string;
  config: Record<string, unknown>;
  result: T;
}

const cache = new Map<string, Envelope<unknown>>();

export function resultFile(id: string): string {
  return path.join(RESULTS_DIR, `${id}.json`);
}

export function loadEnvelope<I extends ResultId>(id: I): Envelope<ResultOf<I>> {
  const hit = cache.get(id);
  if (hit) return hit as Envelope<ResultOf<I>>;
  const file = resultFile(id);
  const fix = `Run: npm run precompute -- ${id}`;
  if (!existsSync(file)) throw new Error(`Result ${id} is missing (${file}). ${fix}`);
  let raw: { id?: unknown; result?: unknown; config?: unknown; configHash?: unknown; codeHash?: unknown };
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`Result ${id} is not valid JSON (${(err as Error).message}). ${fix}`);
  }
  if (raw.id !== id) throw new Error(`Result file ${file} holds "${String(raw.id)}", not ${id}. ${fix}`);
  const parsed = resultSchemas[id].safeParse(raw.result);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Result ${id} fails its schema at ${issue?.path.join('.') || '(root)'}: ${issue?.message}. ${fix}`);
  }
  const envelope: Envelope<ResultOf<I>> = {
    id,
    configHash: String(raw.configHash),
    codeHash: String(raw.codeHash),
    config: (raw.config ?? {}) as Record<string, unknown>,
    result: parsed.data as ResultOf<I>,
  };
  cache.set(id, envelope);
  return envelope;
}

export function loadResult<I extends ResultId>(id: I): ResultOf<I> {
  return loadEnvelope(id).result;
}

export function isResultId(id: string): id is ResultId {
  return id in resultSchemas;
}

/**
 * A value inside a result by a dotted path, e.g. valueAt('sample-263', 'srmr') or
 * valueAt('svd-100', 'errors.2.relative'). Throws (failing the build) when the path is absent.
 */
export function valueAt(id: string, dotted: string): unknown {
  if (!isResultId(id)) throw new Error(`Unknown result "${id}" referenced in the essay; known: ${Object.keys(resultSchemas).join(', ')}`);
  let v: unknown = loadEnvelope(id).result;
  for (const key of dotted.split('.')) {
    if (v === null || typeof v !== 'object' || !(key in (v as object))) {
      throw new Error(`The essay references ${id}:${dotted}, but the result has no "${key}" there.`);
    }
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}
