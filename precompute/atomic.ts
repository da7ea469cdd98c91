/**
 * Atomic file writes: write a sibling temp file, fsync, rename over the target.
 * A crash or Ctrl-C leaves either the old file or the new one, never half of one.
 */
import { openSync, writeSync, fsyncSync, closeSync, renameSync, unlinkSync, mkdirSync, existsSync } from 'node:fs';
import path from 'node:path';

const pending = new Set<string>();

export function writeFileAtomic(file: string, contents: string | Uint8Array): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  pending.add(tmp);
  try {
    const fd = openSync(tmp, 'w');
    try {
      if (typeof contents === 'string') writeSync(fd, contents);
      else writeSync(fd, contents);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, file);
  } finally {
    if (existsSync(tmp)) unlinkSync(tmp);
    pending.delete(tmp);
  }
}

/** Remove temp files of writes interrupted in this process (called on SIGINT). */
export function removePendingTemps(): void {
  for (const tmp of pending) {
    try {
      unlinkSync(tmp);
    } catch {
      /* already gone */
    }
  }
  pending.clear();
}
