import { mkdtempSync, readFileSync, writeFileSync, rmSync, existsSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseArgs } from '../../../precompute/args';
import type { Display } from '../../../precompute/display';
import { canonicalJson, codeFingerprint, configHash } from '../../../precompute/fingerprint';
import { freshness, plan } from '../../../precompute/freshness';
import { experimentFile, loadExperiment, resolveIds } from '../../../precompute/registry';
import { findNonFinite, runExperiments } from '../../../precompute/runner';
import { readManifest } from '../../../precompute/store';
import { writeFileAtomic } from '../../../precompute/atomic';

const silent: Display = { start: () => {}, progress: () => {}, log: () => {}, finish: () => {}, close: () => {} };
const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(path.join(os.tmpdir(), 'precompute-test-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('fingerprints', () => {
  it('hashes configs independently of key order', () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: 3 } })).toBe('{"a":{"c":3,"d":2},"b":1}');
    expect(configHash({ seed: 1, n: 2 })).toBe(configHash({ n: 2, seed: 1 }));
    expect(configHash({ seed: 1, n: 2 })).not.toBe(configHash({ seed: 1, n: 3 }));
  });

  it('follows imports transitively to every local source file', async () => {
    const fp = await codeFingerprint(experimentFile('sample-263'));
    expect(fp.files).toContain('src/lib/random.ts');
    expect(fp.files).toContain('src/lib/linalg.ts');
    expect(fp.files).toContain('precompute/experiments/sample-263.ts');
    expect(fp.packages.zod).toMatch(/^\d/);
  });
});

describe('argument parsing', () => {
  it('reads ids and flags, and refuses unknown options and bad --jobs', () => {
    expect(parseArgs(['a', '--quick', '--force', '--jobs', '1'])).toMatchObject({ ids: ['a'], quick: true, force: true, jobs: 1 });
    expect(() => parseArgs(['--jbos'])).toThrow(/Unknown option '--jbos'[\s\S]*Usage: npm run precompute/);
    expect(() => parseArgs(['--jobs', 'two'])).toThrow(/--jobs takes a whole number/);
  });

  it('names unknown experiment ids and lists the known ones', () => {
    expect(() => resolveIds(['no-such-thing'])).toThrow(/Unknown experiment id: no-such-thing[\s\S]*sample-263/);
  });
});

describe('results guard', () => {
  it('finds NaN and Infinity anywhere in a result', () => {
    expect(findNonFinite({ a: [1, 2, { b: NaN }] })).toBe('result.a[2].b = NaN');
    expect(findNonFinite({ loss: [1, Infinity] })).toBe('result.loss[1] = Infinity');
    expect(findNonFinite({ ok: [1, 2] })).toBeUndefined();
  });

  it('writes atomically, leaving no temporary file behind', () => {
    const dir = tempDir();
    const file = path.join(dir, 'x.json');
    writeFileAtomic(file, 'one');
    writeFileAtomic(file, 'two');
    expect(readFileSync(file, 'utf8')).toBe('two');
    expect(readdirSync(dir)).toEqual(['x.json']);
  });
});

describe('runner', () => {
  it('runs, records, skips when fresh, detects edits, and reproduces byte-identical files', async () => {
    const dir = tempDir();
    const run = (force = false) => runExperiments({ ids: ['svd-100'], quick: true, force, jobs: 1, display: silent, dir });
    const first = await run();
    expect(first.ran).toEqual(['svd-100']);
    const file = path.join(dir, 'svd-100.json');
    const bytes = readFileSync(file, 'utf8');
    const entry = readManifest(dir).experiments['svd-100'];
    expect(entry.files).toContain('src/lib/svd.ts');
    expect(entry.wallSeconds).toBeGreaterThan(0);

    expect((await run()).skipped).toEqual(['svd-100']);
    expect((await run(true)).ran).toEqual(['svd-100']);
    expect(readFileSync(file, 'utf8')).toBe(bytes);

    const experiment = (await loadExperiment('svd-100'))!;
    const planned = await plan(experiment, true);
    expect(freshness(dir, planned)).toEqual({ fresh: true });
    writeFileSync(file, bytes.replace('"n":100', '"n":101'));
    expect(freshness(dir, planned)).toMatchObject({ fresh: false, reason: expect.stringMatching(/does not match the manifest/) });
    writeFileSync(file, '{ not json');
    expect(freshness(dir, planned)).toMatchObject({ fresh: false, reason: expect.stringMatching(/not valid JSON/) });
    expect(freshness(dir, { ...planned, configHash: 'other' })).toMatchObject({ fresh: false });
  });

  it('reports a config that fails its schema before running anything', async () => {
    const experiment = (await loadExperiment('sample-263'))!;
    await expect(plan({ ...experiment, quickConfig: { seed: 1, n: 3, previewRows: 8 } }, true)).rejects.toThrow(/Invalid quick config for sample-263: n:/);
    expect(existsSync(experimentFile('sample-263'))).toBe(true);
  });
});
