/**
 * Result files and the manifest that records how each was made.
 *
 * <dir>/<id>.json      { format, id, configHash, codeHash, config, result } — byte-identical for
 *                      the same config, seed and code (nothing time-dependent inside)
 * <dir>/manifest.json  per experiment: config, seed, hashes, source files, package versions,
 *                      wall time, any `timing` the experiment reported, when it finished
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from './atomic';
import { RESULT_FORMAT, manifestSchema, type Manifest } from '../src/lib/results/manifest';

export { RESULT_FORMAT, manifestSchema, type Manifest };

export const resultEnvelopeSchema = z.object({
  format: z.literal(RESULT_FORMAT),
  id: z.string(),
  configHash: z.string(),
  codeHash: z.string(),
  config: z.record(z.unknown()),
  result: z.unknown(),
});
export type ResultEnvelope = z.infer<typeof resultEnvelopeSchema>;

export function manifestPath(dir: string): string {
  return path.join(dir, 'manifest.json');
}

export function resultPath(dir: string, id: string): string {
  return path.join(dir, `${id}.json`);
}

/** The manifest, or an empty one when there is none. A corrupt manifest is an error, never silently replaced. */
export function readManifest(dir: string): Manifest {
  const file = manifestPath(dir);
  if (!existsSync(file)) return { format: RESULT_FORMAT, experiments: {} };
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`${file} is not valid JSON (${(err as Error).message}). Restore it from git (git checkout -- ${path.relative(process.cwd(), file)}) or delete it and rerun npm run precompute -- --force.`);
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(`${file} does not match the manifest schema: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}. Restore it from git or rerun npm run precompute -- --force.`);
  }
  return parsed.data;
}

export function writeManifest(dir: string, manifest: Manifest): void {
  const sorted = Object.fromEntries(Object.entries(manifest.experiments).sort(([a], [b]) => (a < b ? -1 : 1)));
  writeFileAtomic(manifestPath(dir), `${JSON.stringify({ format: manifest.format, experiments: sorted }, null, 2)}\n`);
}

export function serialiseResult(envelope: ResultEnvelope): string {
  return `${JSON.stringify(envelope)}\n`;
}

export type ReadResult =
  | { ok: true; envelope: ResultEnvelope; text: string }
  | { ok: false; problem: string };

/** Read a result file and its envelope (the payload is validated by the caller's schema). */
export function readResult(dir: string, id: string): ReadResult {
  const file = resultPath(dir, id);
  if (!existsSync(file)) return { ok: false, problem: 'missing' };
  const text = readFileSync(file, 'utf8');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    return { ok: false, problem: `not valid JSON (${(err as Error).message})` };
  }
  const parsed = resultEnvelopeSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, problem: `not a result file of format ${RESULT_FORMAT}` };
  if (parsed.data.id !== id) return { ok: false, problem: `holds experiment "${parsed.data.id}"` };
  return { ok: true, envelope: parsed.data, text };
}
