/**
 * Scheduling and sharding from the previous wall times the manifest records. Pure.
 *
 * Longest first: with J lanes, starting the longest experiments first keeps one long run from
 * starting last and leaving the other lanes idle (LPT list scheduling). Sharding splits the
 * experiments into n sets of about equal total time by the same rule, deterministically: the
 * split depends only on the ids and the committed manifest, so every machine agrees on it.
 */
import type { Manifest } from './store';

/** Wall seconds of each experiment's previous run, by id. */
export function previousWallSeconds(manifest: Manifest): Record<string, number> {
  return Object.fromEntries(Object.entries(manifest.experiments).map(([id, e]) => [id, e.wallSeconds]));
}

/**
 * Longest previous wall time first; experiments never timed go first of all (a new experiment
 * is as likely as any to be long, and finding out early costs least). Ties keep the given order.
 */
export function longestFirst(ids: readonly string[], seconds: Readonly<Record<string, number>>): string[] {
  const key = (id: string) => seconds[id] ?? Infinity;
  return ids.map((id, i) => ({ id, i })).sort((a, b) => key(b.id) - key(a.id) || a.i - b.i).map((x) => x.id);
}

/**
 * The order to start experiments in when some read others' results: by the longest chain of
 * work that must still follow from each one's start (its own time plus the longest chain of the
 * experiments that read it), longest first; a never-timed experiment's chain is unbounded, so it
 * goes first, as in longestFirst.
 * An experiment at the head of a long dependent chain then starts before a longer lone one, so
 * the chain's tail does not run on one lane while the others sit idle.
 */
export function criticalPathFirst(ids: readonly string[], dependsOn: (id: string) => readonly string[], seconds: Readonly<Record<string, number>>): string[] {
  const readers = new Map(ids.map((id) => [id, [] as string[]]));
  for (const id of ids) for (const d of dependsOn(id)) if (d !== id) readers.get(d)?.push(id);
  const memo = new Map<string, number>();
  const chain = (id: string, seen: Set<string>): number => {
    const m = memo.get(id);
    if (m !== undefined) return m;
    if (seen.has(id)) throw new Error(`criticalPathFirst: a cycle through ${id}`);
    seen.add(id);
    const tail = Math.max(0, ...readers.get(id)!.map((r) => chain(r, seen)));
    seen.delete(id);
    const v = (seconds[id] ?? Infinity) + tail;
    memo.set(id, v);
    return v;
  };
  return ids.map((id, i) => ({ id, i, c: chain(id, new Set()) })).sort((a, b) => b.c - a.c || a.i - b.i).map((x) => x.id);
}

/** Wall time of running `order` on `lanes` lanes, each taking the next job when it frees up. Unknown times count as `unknown`. */
export function makespan(order: readonly string[], seconds: Readonly<Record<string, number>>, lanes: number, unknown = 0): number {
  const free = new Array<number>(Math.max(1, lanes)).fill(0);
  for (const id of order) {
    const k = free.indexOf(Math.min(...free));
    free[k] += seconds[id] ?? unknown;
  }
  return Math.max(...free);
}

export interface Shard {
  /** 1-based */
  readonly index: number;
  readonly count: number;
}

/** "k/n" with 1 ≤ k ≤ n, or a clear error. */
export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index < 1 || index > count) throw new Error(`--shard takes k/n with 1 ≤ k ≤ n (e.g. --shard 2/3), got "${text}"`);
  return { index, count };
}

/**
 * The experiments in each of `count` shards: longest first, each to the shard with the least
 * time so far (ties: the lower shard). Never-timed experiments count as the longest known.
 * Within a shard, ids keep the given order.
 */
export function shards(ids: readonly string[], seconds: Readonly<Record<string, number>>, count: number): string[][] {
  const known = ids.map((id) => seconds[id]).filter((s): s is number => s !== undefined);
  const guess = known.length > 0 ? Math.max(...known) : 1;
  const load = new Array<number>(count).fill(0);
  const members: Set<string>[] = Array.from({ length: count }, () => new Set());
  for (const id of longestFirst(ids, seconds)) {
    const k = load.indexOf(Math.min(...load));
    load[k] += seconds[id] ?? guess;
    members[k].add(id);
  }
  return members.map((m) => ids.filter((id) => m.has(id)));
}

/**
 * Experiments in waves for one run: an experiment that reads the result of another experiment
 * in the same run goes in a later wave than it, so it is planned (its inputs fingerprinted) and
 * run only after that result is written. `dependsOn` lists the ids an experiment reads the
 * results of; ids outside `ids` are ignored. Within a wave, ids keep the given order. A cycle
 * can never be run and is an error naming its members.
 */
export function dependencyWaves(ids: readonly string[], dependsOn: (id: string) => readonly string[]): string[][] {
  const inRun = new Set(ids);
  const deps = new Map(ids.map((id) => [id, dependsOn(id).filter((d) => inRun.has(d) && d !== id)]));
  const placed = new Set<string>();
  const waves: string[][] = [];
  while (placed.size < ids.length) {
    const wave = ids.filter((id) => !placed.has(id) && deps.get(id)!.every((d) => placed.has(d)));
    if (wave.length === 0) {
      const stuck = ids.filter((id) => !placed.has(id));
      throw new Error(`These experiments read each other's results, so none can run first: ${stuck.join(', ')}. Remove the cycle from their declared inputs.`);
    }
    wave.forEach((id) => placed.add(id));
    waves.push(wave);
  }
  return waves;
}
