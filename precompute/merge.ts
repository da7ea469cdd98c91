/**
 * Merging shard results (`npm run precompute -- --merge DIR…`): each DIR holds the result files
 * and manifest.json that one `--shard k/n --out DIR` run wrote. Every result is checked before
 * anything is written: its bytes match its manifest entry, and its config and code hashes are
 * what this checkout would produce (so a shard run on other code is refused, not mixed in).
 * The same experiment in two shards must be byte-identical.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from './atomic';
import { sha256 } from './fingerprint';
import { plan } from './freshness';
import { loadExperiment } from './registry';
import { readManifest, readResult, resultPath, writeManifest, type Manifest } from './store';
import { isExperimentId } from '../src/lib/experiments';

export interface MergeSummary {
  /** ids written, sorted */
  readonly merged: string[];
}

interface Found {
  readonly dir: string;
  readonly text: string;
  readonly entry: Manifest['experiments'][string];
}

export async function mergeShards(dirs: readonly string[], into: string, quick: boolean): Promise<MergeSummary> {
  if (dirs.length === 0) throw new Error('--merge needs at least one shard directory (each written by --shard k/n --out DIR)');
  const found = new Map<string, Found>();
  const problems: string[] = [];
  for (const dir of dirs) {
    if (!existsSync(path.join(dir, 'manifest.json'))) {
      problems.push(`${dir}: no manifest.json (is it a shard's --out directory?)`);
      continue;
    }
    for (const [id, entry] of Object.entries(readManifest(dir).experiments)) {
      const where = `${dir}: ${id}`;
      if (!isExperimentId(id)) {
        problems.push(`${where}: not in the catalogue (src/lib/experiments/index.ts)`);
        continue;
      }
      const stored = readResult(dir, id);
      if (!stored.ok) {
        problems.push(`${where}: result file is ${stored.problem}`);
        continue;
      }
      if (sha256(stored.text) !== entry.resultSha256) {
        problems.push(`${where}: result file does not match its manifest entry`);
        continue;
      }
      const planned = await plan(await loadExperiment(id), quick);
      if (entry.configHash !== planned.configHash || entry.codeHash !== planned.code.hash) {
        problems.push(`${where}: made from a different ${entry.configHash !== planned.configHash ? `${quick ? 'quick ' : ''}config` : 'code or input'} than this checkout's; rerun that shard at this commit${quick ? ' with --quick' : ''}`);
        continue;
      }
      const other = found.get(id);
      if (other && other.entry.resultSha256 !== entry.resultSha256) {
        problems.push(`${id}: ${other.dir} and ${dir} hold different results for the same code and config (the run is not reproducible on these machines)`);
        continue;
      }
      if (!other) found.set(id, { dir, text: stored.text, entry });
    }
  }
  if (problems.length > 0) throw new Error(`nothing merged; ${problems.length} problem${problems.length > 1 ? 's' : ''}:\n  - ${problems.join('\n  - ')}`);
  const manifest = readManifest(into);
  const merged = [...found.keys()].sort();
  for (const id of merged) {
    const f = found.get(id)!;
    const target = resultPath(into, id);
    if (path.resolve(resultPath(f.dir, id)) !== path.resolve(target)) writeFileAtomic(target, f.text);
    manifest.experiments[id] = f.entry;
  }
  writeManifest(into, manifest);
  return { merged };
}

