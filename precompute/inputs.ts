/**
 * Declared data inputs: the files an experiment's declaration lists in `inputs`. Their contents
 * are hashed into the fingerprint, and the run reads them only through ctx.readInput, which
 * refuses any path the declaration does not list — so no file a result depends on can escape
 * the staleness check.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { inputPathProblem } from '../src/lib/experiments/declaration';
import { sha256 } from './fingerprint';
import { ROOT } from './paths';

const declarationOf = (id: string) => `src/lib/experiments/${id}.ts`;

function absolute(id: string, repoPath: string, root: string): string {
  const problem = inputPathProblem(repoPath);
  if (problem) throw new Error(`${id}: input path "${repoPath}" ${problem}.`);
  const file = path.join(root, repoPath);
  if (!existsSync(file) || !statSync(file).isFile()) {
    throw new Error(`${id} declares the input ${repoPath} (${declarationOf(id)}), but there is no such file. Restore it or fix the path in the declaration.`);
  }
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
