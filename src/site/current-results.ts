/** Payload hash of every experiment in the manifest now (build time and the changelog CLI). */
import { loadManifest } from '../data/manifest';
import { isResultId, loadEnvelope } from '../data/results';
import { payloadHash } from './changelog';

export function currentResultHashes(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const id of Object.keys(loadManifest().experiments).sort()) {
    if (!isResultId(id)) throw new Error(`public/results/manifest.json lists "${id}", which the site has no schema for (src/data/schemas.ts)`);
    out[id] = payloadHash(loadEnvelope(id));
  }
  return out;
}
