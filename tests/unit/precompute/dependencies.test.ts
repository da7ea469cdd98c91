/**
 * Experiments that read other experiments' results: in one run writing the committed results,
 * the reader goes in a later wave than what it reads, so it is planned (its inputs hashed) only
 * after that result is written; a quick or --out run writes elsewhere and orders nothing.
 */
import { describe, expect, it } from 'vitest';
import { CATALOGUE, EXPERIMENT_IDS } from '../../../src/lib/experiments';
import { resultsReadFrom } from '../../../precompute/inputs';
import { FULL_RESULTS_DIR, QUICK_RESULTS_DIR } from '../../../precompute/paths';
import { dependencyWaves } from '../../../precompute/schedule';

describe('dependency waves', () => {
  const graph: Record<string, string[]> = { a: [], b: ['a'], c: ['b'], d: [], e: ['a', 'outside'] };
  const deps = (id: string) => graph[id] ?? [];

  it('put each experiment after every experiment of the run whose result it reads, keeping the given order within a wave', () => {
    expect(dependencyWaves(['a', 'b', 'c', 'd', 'e'], deps)).toEqual([['a', 'd'], ['b', 'e'], ['c']]);
    expect(dependencyWaves(['c', 'b', 'a'], deps)).toEqual([['a'], ['b'], ['c']]);
  });

  it('ignore results read from experiments outside the run (they are read as committed)', () => {
    expect(dependencyWaves(['c', 'e'], deps)).toEqual([['c', 'e']]);
    expect(dependencyWaves([], deps)).toEqual([]);
  });

  it('refuse a cycle, naming its members', () => {
    const cyclic = (id: string) => ({ x: ['y'], y: ['x'], z: [] })[id] ?? [];
    expect(() => dependencyWaves(['z', 'x', 'y'], cyclic)).toThrow("These experiments read each other's results, so none can run first: x, y.");
  });
});

describe('results an experiment reads', () => {
  const fixed = CATALOGUE['vae-masked-fixed-5000'].inputs;

  it('count only when the run writes the folder they are read from', () => {
    expect(resultsReadFrom(FULL_RESULTS_DIR, fixed)).toEqual(['vae-masked-ablation']);
    expect(resultsReadFrom(QUICK_RESULTS_DIR, fixed)).toEqual([]);
    expect(resultsReadFrom('/tmp/shard-1', fixed)).toEqual([]);
    expect(resultsReadFrom(FULL_RESULTS_DIR, CATALOGUE['sem-original-263'].inputs)).toEqual([]);
  });

  it('order the whole catalogue: the ablation-selected VAE runs after the ablation', () => {
    const waves = dependencyWaves(EXPERIMENT_IDS, (id) => resultsReadFrom(FULL_RESULTS_DIR, CATALOGUE[id as keyof typeof CATALOGUE].inputs));
    const wave = (id: string) => waves.findIndex((w) => w.includes(id));
    expect(wave('vae-masked-ablation')).toBe(0);
    expect(wave('vae-masked-fixed-5000')).toBeGreaterThan(wave('vae-masked-ablation'));
    expect(waves.flat().sort()).toEqual([...EXPERIMENT_IDS].sort());
  });
});
