/**
 * Content fingerprints that decide whether a result is stale.
 *
 * configHash: sha256 of the canonical JSON of the validated config.
 * codeHash:   sha256 over every local source file the experiment's run module imports,
 *             transitively (found by esbuild's dependency graph, so edits to any file —
 *             comments included — count), the versions of the npm packages those files
 *             import, and the contents of the data files its declaration lists as inputs.
 *
 * Only the run module's own graph counts (its run, its declaration, the shared modules they
 * import): never the catalogue index, so adding an experiment leaves the others fresh.
 */
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './paths';

export function sha256(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}

/** JSON with object keys sorted, so equal configs hash equally whatever their key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v) && !ArrayBuffer.isView(v)) {
      return Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    }
    return v;
  });
}

export function configHash(config: unknown): string {
  return sha256(canonicalJson(config));
}

export interface CodeFingerprint {
  hash: string;
  /** repo-relative source files, sorted */
  files: string[];
  /** npm packages imported, with installed versions */
  packages: Record<string, string>;
}

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function installedVersion(name: string): string {
  if (name.startsWith('node:')) return `node ${process.versions.node}`;
  try {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string };
    return pkg.version;
  } catch {
    return 'builtin';
  }
}

export async function codeFingerprint(entry: string): Promise<CodeFingerprint> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    metafile: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    logLevel: 'silent',
    absWorkingDir: ROOT,
  });
  const inputs = result.metafile.inputs;
  const files = Object.keys(inputs).sort();
  const packages: Record<string, string> = {};
  for (const file of files) {
    for (const imp of inputs[file].imports) {
      if (imp.external) {
        const name = packageName(imp.path);
        packages[name] = installedVersion(name);
      }
    }
  }
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(`${file}\0`);
    hash.update(readFileSync(path.join(ROOT, file)));
    hash.update('\0');
  }
  const sortedPackages = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a < b ? -1 : 1)));
  hash.update(canonicalJson(sortedPackages));
  return { hash: hash.digest('hex'), files, packages: sortedPackages };
}

export interface Fingerprint extends CodeFingerprint {
  /** sha256 of each declared input file, by repo-relative path */
  inputs: Record<string, string>;
}

/** The code fingerprint with the declared inputs' hashes folded into its hash. */
export function withInputs(code: CodeFingerprint, inputs: Record<string, string>): Fingerprint {
  return { ...code, hash: sha256(`${code.hash}\0${canonicalJson(inputs)}`), inputs };
}
