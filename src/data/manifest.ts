/** Build-time access to public/results/manifest.json, schema-checked. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { manifestSchema, type Manifest } from '../lib/results/manifest';

let cached: Manifest | undefined;

export function loadManifest(): Manifest {
  if (cached) return cached;
  const file = path.resolve(process.env.RESULTS_DIR ?? 'public/results', 'manifest.json');
  if (!existsSync(file)) throw new Error(`${file} is missing. Run: npm run precompute`);
  const parsed = manifestSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file} fails the manifest schema (${parsed.error.issues[0]?.message}). Run: npm run precompute -- --force`);
  cached = parsed.data;
  return cached;
}
