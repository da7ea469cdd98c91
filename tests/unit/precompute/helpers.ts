/** What the precompute tests share: a display that prints nothing, and temporary folders removed after the file's tests. */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import type { Display } from '../../../precompute/display';

export const silent: Display = { start: () => {}, progress: () => {}, log: () => {}, finish: () => {}, close: () => {} };

/** A function that makes a fresh temporary folder; all of them are removed after the calling file's tests. */
export function tempDirs(prefix: string): () => string {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  return () => {
    const d = mkdtempSync(path.join(os.tmpdir(), prefix));
    dirs.push(d);
    return d;
  };
}
