/** Longest-first scheduling, deterministic shards and merging their results (issue 16, levers 3 and 4). */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../../precompute/args';
import { mergeShards } from '../../../precompute/merge';
import { runExperiments } from '../../../precompute/runner';
import { runLanes } from '../../../precompute/lanes';
import { criticalPathFirst, dependencyWaves, longestFirst, makespan, parseShard, shards } from '../../../precompute/schedule';
import { readManifest, writeManifest } from '../../../precompute/store';
import { silent, tempDirs } from './helpers';

const tempDir = tempDirs('schedule-test-');

/**
 * The runner's own lanes (runLanes) with fake experiments on a virtual clock: each takes
 * seconds[id]; the clock jumps to the next finish once every lane has settled.
 */
async function simulateLanes(order: readonly string[], dependsOn: (id: string) => readonly string[], seconds: Readonly<Record<string, number>>, lanes: number) {
  let now = 0;
  let busiest = 0;
  const starts: Record<string, number> = {};
  const running: { end: number; finish: () => void }[] = [];
  const inputsOf = (id: string) => dependsOn(id).filter((d) => order.includes(d) && d !== id);
  const all = runLanes(order, inputsOf, lanes, (id) => new Promise<void>((finish) => {
    starts[id] = now;
    running.push({ end: now + seconds[id], finish });
  }));
  for (;;) {
    await new Promise<void>((r) => setImmediate(r)); // every lane that can start something has
    busiest = Math.max(busiest, running.length);
    if (running.length === 0) break;
    running.sort((a, b) => a.end - b.end);
    const next = running.shift()!;
    now = next.end;
    next.finish();
  }
  await all;
  return { makespan: now, starts, busiest };
}

// Wall seconds of the committed manifest at 1eaa2e4 (2 cores), and a long new experiment added last.
const seconds: Record<string, number> = { a: 4, b: 3, c: 23, d: 38, e: 287, f: 174, g: 854, h: 188, i: 53, j: 33, k: 354, l: 243, m: 101 };
const ids = Object.keys(seconds);

describe('longest first', () => {
  it('orders by previous wall time, never-timed experiments first, ties in the given order', () => {
    expect(longestFirst(['x', 'y', 'z', 'new'], { x: 1, y: 5, z: 1 })).toEqual(['new', 'y', 'x', 'z']);
  });

  it('finishes no later than the catalogue order, and much earlier when a long experiment comes last', () => {
    for (const lanes of [2, 3, 4]) expect(makespan(longestFirst(ids, seconds), seconds, lanes)).toBeLessThanOrEqual(makespan(ids, seconds, lanes));
    const late = { ...seconds, n: 600 };
    const order = [...ids, 'n'];
    // catalogue order leaves the 600 s run to start after 1 178 s on two lanes; longest first packs it
    expect(makespan(order, late, 2)).toBeGreaterThan(1600);
    expect(makespan(longestFirst(order, late), late, 2)).toBeLessThan(1500);
  });
});

describe('experiments that read others\' results', () => {
  // The committed manifest's wall times of this session's full run (2 cores): the ablation feeds
  // the fixed VAE, which feeds the imputation comparison with three others.
  const wall: Record<string, number> = {
    ablation: 585, masked25000: 299, mar: 254, miwae: 230, imputation: 139, replication: 91, semOriginal: 76, fixed: 76, plain10000: 65, masked5000: 64,
    missing: 54, complete: 49, imputed: 48, semIdentified: 35, priors: 29, semReplication: 15, plain1000: 14, equalN: 11, floor: 11, plain500: 9, mvn: 5, svd: 1, sample: 1,
  };
  const reads: Record<string, string[]> = { fixed: ['ablation'], imputation: ['missing', 'masked5000', 'fixed', 'miwae'] };
  const dependsOn = (id: string) => reads[id] ?? [];
  const all = Object.keys(wall);

  it('starts the head of the longest chain first: its own time plus the longest chain of its readers', () => {
    const order = criticalPathFirst(['lone', 'head', 'tail'], (id) => (id === 'tail' ? ['head'] : []), { lone: 10, head: 6, tail: 6 });
    expect(order).toEqual(['head', 'lone', 'tail']);
    expect(criticalPathFirst(['x', 'new', 'y'], () => [], { x: 5, y: 9 })).toEqual(['new', 'y', 'x']);
    expect(() => criticalPathFirst(['p', 'q'], (id) => (id === 'p' ? ['q'] : ['p']), {})).toThrow(/cycle/);
  });

  it('a free lane takes the first experiment whose inputs are done: as tight as two lanes allow, where waves lose ~110 s', async () => {
    const waves = dependencyWaves(all, dependsOn).reduce((t, w) => t + makespan(longestFirst(w, wall), wall, 2), 0);
    const ready = await simulateLanes(criticalPathFirst(all, dependsOn, wall), dependsOn, wall, 2);
    const total = all.reduce((t, id) => t + wall[id], 0);
    expect(ready.makespan).toBeLessThanOrEqual(Math.ceil(total / 2) + 1);
    expect(waves - ready.makespan).toBeGreaterThan(100);
    expect(ready.busiest).toBe(2);
    // the ablation starts at once, and each reader as soon as its inputs are written
    expect(ready.starts.ablation).toBe(0);
    expect(ready.starts.fixed).toBe(wall.ablation);
  });

  it('never starts a reader before what it reads is done, even with a lane free and the reader first in line', async () => {
    const r = await simulateLanes(['imputation', 'fixed', 'ablation'], dependsOn, { ablation: 5, fixed: 1, imputation: 1 }, 3);
    expect(r).toEqual({ makespan: 7, starts: { ablation: 0, fixed: 5, imputation: 6 }, busiest: 1 });
  });
});

describe('shards', () => {
  it('parses k/n and refuses anything else, saying what it takes', () => {
    expect(parseShard('2/3')).toEqual({ index: 2, count: 3 });
    for (const bad of ['0/3', '4/3', '1/0', 'a/b', '2', '']) expect(() => parseShard(bad)).toThrow(/--shard takes k\/n/);
    expect(parseArgs(['--shard', '1/2', '--out', 'x']).shard).toEqual({ index: 1, count: 2 });
    expect(() => parseArgs(['--merge'])).toThrow(/needs the shard directories/);
  });

  it('cover every experiment exactly once, in about equal time, the same way every time', () => {
    for (const n of [1, 2, 3, 5]) {
      const s = shards(ids, seconds, n);
      expect(s).toHaveLength(n);
      expect(s.flat().sort()).toEqual([...ids].sort());
      expect(shards(ids, seconds, n)).toEqual(s);
    }
    const two = shards(ids, seconds, 2).map((s) => s.reduce((t, id) => t + seconds[id], 0));
    expect(Math.abs(two[0] - two[1])).toBeLessThan(10);
    // the longest experiment alone bounds a shard from below; LPT reaches that bound here
    expect(Math.max(...shards(ids, seconds, 4).map((s) => s.reduce((t, id) => t + seconds[id], 0)))).toBe(854);
  });
});

describe('merging shard results', () => {
  const runShard = async (dir: string, id: string) => runExperiments({ ids: [id], quick: true, force: false, jobs: 1, display: silent, dir });

  it('copies verified results and their manifest entries, and refuses tampered, foreign or conflicting ones', async () => {
    const one = tempDir();
    const two = tempDir();
    await runShard(one, 'svd-100');
    await runShard(two, 'sample-263');
    const into = tempDir();
    expect(await mergeShards([one, two], into, true)).toEqual({ merged: ['sample-263', 'svd-100'] });
    expect(readFileSync(path.join(into, 'svd-100.json'), 'utf8')).toBe(readFileSync(path.join(one, 'svd-100.json'), 'utf8'));
    expect(readManifest(into).experiments['sample-263']).toEqual(readManifest(two).experiments['sample-263']);

    // the same experiment from two shards must be the same bytes
    const again = tempDir();
    await runShard(again, 'svd-100');
    await expect(mergeShards([one, again], tempDir(), true)).resolves.toEqual({ merged: ['svd-100'] });

    // a result edited after the run
    const file = path.join(again, 'svd-100.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"n":100', '"n":101'));
    await expect(mergeShards([one, again], tempDir(), true)).rejects.toThrow(/nothing merged[\s\S]*svd-100: result file does not match its manifest entry/);

    // made by other code
    const m = readManifest(two);
    m.experiments['sample-263'] = { ...m.experiments['sample-263'], codeHash: 'other' };
    writeManifest(two, m);
    await expect(mergeShards([two], tempDir(), true)).rejects.toThrow(/sample-263: made from a different code or input than this checkout's/);
    await expect(mergeShards([tempDir()], tempDir(), true)).rejects.toThrow(/no manifest\.json/);
  });
});
