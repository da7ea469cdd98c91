/**
 * The catalogue's contract with the runner: every declared experiment has a run bound to its
 * declaration; a run reads files only through its declared inputs; declared inputs enter the
 * fingerprint; and an experiment's fingerprint depends on its own imports only, never on the
 * catalogue index or the other experiments (adding one leaves the rest fresh).
 */
import { copyFileSync, mkdirSync, mkdtempSync, appendFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { EXPERIMENTS, EXPERIMENT_IDS, CATALOGUE } from '../../../src/lib/experiments';
import { declareExperiment } from '../../../src/lib/experiments/declaration';
import { SEM_MODEL_FILE } from '../../../src/lib/experiments/sem-family';
import { svdConfigSchema, svdResultSchema } from '../../../src/lib/results/spine';
import { resultSchemas } from '../../../src/data/schemas';
import { runContext } from '../../../precompute/context';
import { codeFingerprint } from '../../../precompute/fingerprint';
import { freshness, plan } from '../../../precompute/freshness';
import { inputHashes, inputReader } from '../../../precompute/inputs';
import { ROOT } from '../../../precompute/paths';
import { experimentFile, loadExperiment, unlistedRunModules } from '../../../precompute/registry';
import { record } from '../../../precompute/runner';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(path.join(os.tmpdir(), 'catalogue-test-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A copy of the repository's declared SEM model file under a temporary root. */
function rootWithModelFile(): string {
  const root = tempDir();
  mkdirSync(path.join(root, path.dirname(SEM_MODEL_FILE)), { recursive: true });
  copyFileSync(path.join(ROOT, SEM_MODEL_FILE), path.join(root, SEM_MODEL_FILE));
  return root;
}

describe('the catalogue', () => {
  it('binds every declared experiment to a run in precompute/experiments/<id>.ts, and no run lacks a declaration', async () => {
    for (const id of EXPERIMENT_IDS) {
      const e = await loadExperiment(id);
      expect(e.declaration).toBe(CATALOGUE[id]);
      expect(e.id).toBe(id);
    }
    expect(await unlistedRunModules()).toEqual([]);
  });

  it('gives the site a schema for every experiment, and each full and quick config passes its schema', () => {
    expect(Object.keys(resultSchemas)).toEqual([...EXPERIMENT_IDS]);
    for (const d of EXPERIMENTS) {
      expect(d.configSchema.safeParse(d.config).success, `${d.id} config`).toBe(true);
      expect(d.configSchema.safeParse(d.quickConfig).success, `${d.id} quick config`).toBe(true);
    }
  });

  it('refuses ids and input paths that are not clean, naming the declaration', () => {
    const base = { family: 'data', title: 't', configSchema: svdConfigSchema, config: { seed: 1, n: 100, shownRanks: [2] }, quickConfig: { seed: 1, n: 100, shownRanks: [2] }, resultSchema: svdResultSchema };
    expect(() => declareExperiment({ ...base, id: 'Bad_Id', inputs: [] })).toThrow(/kebab-case/);
    expect(() => declareExperiment({ ...base, id: 'x', inputs: ['/etc/passwd'] })).toThrow(/src\/lib\/experiments\/x\.ts: declared input "\/etc\/passwd" is absolute/);
    expect(() => declareExperiment({ ...base, id: 'x', inputs: ['content/../secret'] })).toThrow(/not a normalised path/);
    expect(() => declareExperiment({ ...base, id: 'x', inputs: ['a.txt', 'a.txt'] })).toThrow(/declared twice/);
  });
});

describe('declared inputs', () => {
  it('lets a run read its declared inputs and fails loudly on any other file', () => {
    const read = inputReader('sem-identified-263', [SEM_MODEL_FILE]);
    expect(read(SEM_MODEL_FILE)).toMatch(/=~/);
    expect(() => read('content/models/other.lav')).toThrow(/sem-identified-263 tried to read content\/models\/other\.lav, which it does not declare[\s\S]*src\/lib\/experiments\/sem-identified-263\.ts/);
    expect(() => inputReader('svd-100', [])('package.json')).toThrow(/declares no inputs/);
    expect(() => inputHashes('x', ['no/such/file.lav'])).toThrow(/x declares the input no\/such\/file\.lav .*but there is no such file/);
  });

  it('gives each run a context whose readInput is bound to its own declaration', async () => {
    const sem = await loadExperiment('sem-original-263');
    expect(runContext(sem, { quick: true }).readInput(SEM_MODEL_FILE).length).toBeGreaterThan(0);
    const svd = await loadExperiment('svd-100');
    expect(() => runContext(svd, { quick: true }).readInput(SEM_MODEL_FILE)).toThrow(/does not declare/);
  });

  it('declares the SEM model file for both SEM experiments', () => {
    expect(CATALOGUE['sem-original-263'].inputs).toEqual([SEM_MODEL_FILE]);
    expect(CATALOGUE['sem-identified-263'].inputs).toEqual([SEM_MODEL_FILE]);
  });

  it('makes a result stale when a declared input changes, naming the input', async () => {
    // svd-100's run with the SEM model file declared as its input, under a temporary root
    const svd = await loadExperiment('svd-100');
    const e = { ...svd, inputs: [SEM_MODEL_FILE] };
    const root = rootWithModelFile();
    const dir = tempDir();
    const before = await plan(e, true, root);
    expect(Object.keys(before.code.inputs)).toEqual([SEM_MODEL_FILE]);
    record(dir, before, await svd.run(runContext(svd, { quick: true })), 0.1);
    expect(freshness(dir, before)).toEqual({ fresh: true });

    appendFileSync(path.join(root, SEM_MODEL_FILE), '# a comment\n');
    const after = await plan(e, true, root);
    expect(after.code.hash).not.toBe(before.code.hash);
    expect(after.code.files).toEqual(before.code.files);
    expect(freshness(dir, after)).toEqual({ fresh: false, reason: `its declared input ${SEM_MODEL_FILE} changed` });
  });
});

describe('fingerprints stay per experiment', () => {
  const others = (id: string) => EXPERIMENT_IDS.filter((x) => x !== id).flatMap((x) => [`src/lib/experiments/${x}.ts`, `precompute/experiments/${x}.ts`]);

  it('never include the catalogue index or another experiment’s declaration or run', async () => {
    for (const id of EXPERIMENT_IDS) {
      const { files } = await codeFingerprint(experimentFile(id));
      expect(files, id).toContain(`src/lib/experiments/${id}.ts`);
      expect(files, id).not.toContain('src/lib/experiments/index.ts');
      expect(files.filter((f) => others(id).includes(f)), id).toEqual([]);
    }
  });

  it('leave file reads to ctx.readInput: no module a run imports uses node:fs', async () => {
    for (const id of EXPERIMENT_IDS) {
      const result = await build({ entryPoints: [experimentFile(id)], bundle: true, write: false, metafile: true, platform: 'node', format: 'esm', packages: 'external', logLevel: 'silent', absWorkingDir: ROOT });
      const readers = Object.entries(result.metafile.inputs)
        .filter(([, v]) => v.imports.some((i) => i.external && /^(node:)?fs(\/promises)?$/.test(i.path)))
        .map(([f]) => f);
      expect(readers, `${id}: read files through ctx.readInput (declared inputs), not node:fs`).toEqual([]);
    }
  });
});
