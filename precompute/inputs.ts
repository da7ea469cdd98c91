/**
 * Declared data inputs: the files an experiment's declaration lists in `inputs`. Their contents
 * are hashed into the fingerprint, and the run reads them only through ctx.readInput, which
 * refuses any path the declaration does not list — so no file a result depends on can escape
 * the staleness check.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { isExperimentId } from '../src/lib/experiments';
import { inputPathProblem } from '../src/lib/experiments/declaration';
import { sha256 } from './fingerprint';
import { FULL_RESULTS_DIR, ROOT } from './paths';

const declarationOf = (id: string) => `src/lib/experiments/${id}.ts`;

/** The experiment whose committed result a repo path is (public/results/<id>.json), if any. */
export function producerOf(repoPath: string): string | undefined {
  const dir = path.relative(ROOT, FULL_RESULTS_DIR).split(path.sep).join('/');
  const m = new RegExp(`^${dir}/([a-z0-9-]+)\\.json$`).exec(repoPath);
  return m && isExperimentId(m[1]) ? m[1] : undefined;
}

/**
 * The experiments whose results a run writing into `dir` must finish before `inputs` are read:
 * the producers of declared results, when `dir` is the folder runs read them from (a quick or
 * --out run writes elsewhere, and its readers still read the committed results).
 */
export function resultsReadFrom(dir: string, inputs: readonly string[]): string[] {
  if (path.resolve(dir) !== FULL_RESULTS_DIR) return [];
  return inputs.map(producerOf).filter((id): id is string => id !== undefined);
}

/** Why a declared input is absent, and what to do: run the experiment that makes it, or restore the file. */
export function missingInputMessage(id: string, repoPath: string): string {
  const producer = producerOf(repoPath);
  if (producer) {
    return (
      `${id} reads the result of ${producer} (${repoPath}, declared in ${declarationOf(id)}), and that result does not exist yet. ` +
      `Run \`npm run precompute -- ${producer} ${id}\`: the runner makes ${producer}'s result first, then plans and runs ${id} ` +
      `(runs read the committed results, so this holds with --quick too; the quick run of ${id} needs the full result of ${producer}).`
    );
  }
  return `${id} declares the input ${repoPath} (${declarationOf(id)}), but there is no such file. Restore it (git checkout -- ${repoPath}) or fix the path in the declaration.`;
}

function absolute(id: string, repoPath: string, root: string): string {
  const problem = inputPathProblem(repoPath);
  if (problem) throw new Error(`${id}: input path "${repoPath}" ${problem}.`);
  const file = path.join(root, repoPath);
  if (!existsSync(file) || !statSync(file).isFile()) throw new Error(missingInputMessage(id, repoPath));
  return file;
}

/** sha256 of each declared input's bytes, by repo-relative path (sorted). */
export function inputHashes(id: string, inputs: readonly string[], root: string = ROOT): Record<string, string> {
  return Object.fromEntries([...inputs].sort().map((p) => [p, sha256(readFileSync(absolute(id, p, root)))]));
}

/** ctx.readInput for one experiment: the UTF-8 text of a declared input; any other path throws. */
export function inputReader(id: string, inputs: readonly string[], root: string = ROOT): (repoPath: string) => string {
  const declared = new Set(inputs);
  return (repoPath: string) => {
    if (!declared.has(repoPath)) {
      const listed = inputs.length > 0 ? `it declares only ${inputs.join(', ')}` : 'it declares no inputs';
      throw new Error(
        `${id} tried to read ${repoPath}, which it does not declare (${listed}). ` +
          `Add "${repoPath}" to inputs in ${declarationOf(id)}, so that its content enters the fingerprint and an edit to it makes the result stale.`,
      );
    }
    return readFileSync(absolute(id, repoPath, root), 'utf8');
  };
}
