/** Where results live. Quick (CI) runs never write into the committed folder. */
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const EXPERIMENTS_DIR = path.join(ROOT, 'precompute', 'experiments');
export const FULL_RESULTS_DIR = path.join(ROOT, 'public', 'results');
export const QUICK_RESULTS_DIR = path.join(ROOT, '.quick-results');

export function resultsDir(quick: boolean): string {
  return quick ? QUICK_RESULTS_DIR : FULL_RESULTS_DIR;
}
