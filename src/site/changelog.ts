/**
 * "Updates and corrections": the changelog in content/changelog.json, and which figures and
 * tables each update changed. Every entry records, per experiment, the hash of its result
 * payload at that time (payloadHash); comparing an entry with the one before it, or the
 * current results with the last entry, names the experiments whose numbers changed, and every
 * figure or table drawn from them changed with them.
 *
 * Framework-free; build-time and CLI (scripts/changelog.ts) use.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';

export const changelogEntrySchema = z.object({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date must be YYYY-MM-DD'),
  note: z.string().min(10, 'say what changed and why, in a sentence'),
  /** experiment id → payload hash of its result when this entry was recorded */
  results: z.record(z.string().regex(/^[0-9a-f]{64}$/, 'a payload hash is 64 hex digits')),
});
export type ChangelogEntry = z.infer<typeof changelogEntrySchema>;
export const changelogSchema = z.object({ entries: z.array(changelogEntrySchema).min(1) });
export type Changelog = z.infer<typeof changelogSchema>;

/** sha256 of a result's payload: changes exactly when its numbers change (not its code hash). */
export function payloadHash(envelope: { result: unknown }): string {
  return createHash('sha256').update(JSON.stringify(envelope.result)).digest('hex');
}

export function parseChangelog(text: string, file = 'content/changelog.json'): Changelog {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new Error(`${file} is not valid JSON: ${(err as Error).message}`);
  }
  const parsed = changelogSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${file} fails its schema at ${issue?.path.join('.') || '(root)'}: ${issue?.message}`);
  }
  const dates = parsed.data.entries.map((e) => e.date);
  const sorted = [...dates].sort();
  if (dates.some((d, i) => d !== sorted[i])) throw new Error(`${file}: entries must be in date order, oldest first`);
  return parsed.data;
}

export interface ResultChange {
  id: string;
  change: 'changed' | 'added' | 'removed';
}

/** Experiments whose payload differs between two snapshots (id → hash). */
export function changedResults(before: Record<string, string>, after: Record<string, string>): ResultChange[] {
  const ids = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return ids.flatMap((id): ResultChange[] => {
    if (!(id in before)) return [{ id, change: 'added' }];
    if (!(id in after)) return [{ id, change: 'removed' }];
    return before[id] === after[id] ? [] : [{ id, change: 'changed' }];
  });
}

export interface Drawn {
  kind: 'figure' | 'table';
  id: string;
  number: number;
  /** experiment ids it draws on */
  from: readonly string[];
}

/** The figures and tables drawn from any of these experiments, figures first, in number order. */
export function affected(drawn: readonly Drawn[], changes: readonly ResultChange[]): Drawn[] {
  const ids = new Set(changes.map((c) => c.id));
  return drawn
    .filter((d) => d.from.some((f) => ids.has(f)))
    .sort((a, b) => (a.kind === b.kind ? a.number - b.number : a.kind === 'figure' ? -1 : 1));
}

export interface Update {
  date: string;
  note: string;
  /** false for results rebuilt since the last entry but not yet recorded in the changelog */
  recorded: boolean;
  results: ResultChange[];
  changed: Drawn[];
}

/** Every update, newest first: each entry against the one before it, and any unrecorded change. */
export function updates(log: Changelog, current: Record<string, string>, drawn: readonly Drawn[], currentDate: string): Update[] {
  const list: Update[] = log.entries.map((e, i) => {
    const results = i === 0 ? [] : changedResults(log.entries[i - 1].results, e.results);
    return { date: e.date, note: e.note, recorded: true, results, changed: affected(drawn, results) };
  });
  const pending = changedResults(log.entries[log.entries.length - 1].results, current);
  if (pending.length > 0) {
    list.push({
      date: currentDate,
      note: `Results rebuilt since the last recorded update (${log.entries[log.entries.length - 1].date}); no note has been written for this change yet.`,
      recorded: false,
      results: pending,
      changed: affected(drawn, pending),
    });
  }
  return list.reverse();
}
