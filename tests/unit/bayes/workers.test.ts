/**
 * Chains run on worker_threads through the message protocol give bit-identical results to
 * the same jobs run in this thread (and so, by the same pure runner, to Web Workers).
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/lib/random';
import { maskMcar, simulatePopulation, INDICATORS } from '../../../src/lib/data';
import { chainJobs, handleWorkerMessage, inlineExecutor } from '../../../src/lib/bayes/runner';
import { nodeWorkerExecutor } from '../../../precompute/bayes-workers';
import type { FromWorker } from '../../../src/lib/bayes/protocol';

describe('chain runner', () => {
  const x = maskMcar(createRng(71), simulatePopulation(createRng(70), 60), 0.05).data;
  const jobs = chainJobs({ kind: 'mvn', x, names: INDICATORS }, { numWarmup: 60, numDraws: 40 }, 99, 2);

  it('worker_threads and in-thread execution give identical draws and statistics', async () => {
    const inline = await inlineExecutor.run(jobs);
    const threaded = await nodeWorkerExecutor({ threads: 2 }).run(jobs);
    expect(threaded.length).toBe(2);
    for (let k = 0; k < 2; k++) {
      expect(threaded[k].columns).toEqual(inline[k].columns);
      expect(Array.from(threaded[k].draws)).toEqual(Array.from(inline[k].draws));
      expect(Array.from(threaded[k].stats.energy)).toEqual(Array.from(inline[k].stats.energy));
      expect(threaded[k].stepSize).toBe(inline[k].stepSize);
    }
  });
  it('reports bad jobs as error messages, naming the problem', () => {
    const replies: FromWorker[] = [];
    handleWorkerMessage({ type: 'run', id: 3, job: { ...jobs[0], model: { kind: 'nope' } } }, (r) => replies.push(r));
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatchObject({ type: 'error', id: 3 });
    expect((replies[0] as { message: string }).message).toMatch(/unknown model kind 'nope'/);
  });
});
