import { runChainPool, type WorkerLike } from '../../../src/islands/sampler-lab/pool';
import type { ChainJob } from '../../../src/lib/bayes/protocol';
import type { ToSamplerWorker, FromSamplerWorker } from '../../../src/islands/sampler-lab/protocol';

/** A fake worker that the test finishes by hand. */
class FakeWorker implements WorkerLike {
  static all: FakeWorker[] = [];
  onmessage: ((e: { data: FromSamplerWorker }) => void) | null = null;
  onerror: ((e: { message?: string }) => void) | null = null;
  received: ToSamplerWorker[] = [];
  terminated = false;
  constructor() {
    FakeWorker.all.push(this);
  }
  postMessage(m: ToSamplerWorker) {
    this.received.push(m);
  }
  terminate() {
    this.terminated = true;
  }
  get job() {
    const m = this.received[0];
    return m.type === 'run' ? m : null;
  }
  send(data: FromSamplerWorker) {
    this.onmessage?.({ data });
  }
  finish() {
    const id = this.job!.id;
    this.send({ type: 'done', id, result: { chain: this.job!.job.chain } as never });
  }
}

const jobs = (n: number): ChainJob[] => Array.from({ length: n }, (_, chain) => ({ model: { kind: 'mvn' } as never, settings: { numWarmup: 1, numDraws: 1 }, seed: 1, chain }));
const tick = () => new Promise((r) => setTimeout(r, 0));

beforeEach(() => {
  FakeWorker.all = [];
});

describe('chain pool', () => {
  it('runs at most `concurrency` workers, one chain each, and returns results in chain order', async () => {
    const seen: [number, string][] = [];
    const p = runChainPool(jobs(4), { create: () => new FakeWorker(), concurrency: 2, trace: ['mu[JW1]'], onMessage: (j, m) => seen.push([j, m.type]) });
    expect(FakeWorker.all).toHaveLength(2);
    expect(FakeWorker.all[0].job?.trace).toEqual(['mu[JW1]']);
    FakeWorker.all[1].send({ type: 'progress', id: 1, iteration: 10, total: 2, phase: 'warmup' });
    FakeWorker.all[1].finish();
    expect(FakeWorker.all[1].terminated).toBe(true); // a finished chain's worker goes at once
    expect(FakeWorker.all).toHaveLength(3);
    FakeWorker.all[0].finish();
    FakeWorker.all[2].finish();
    FakeWorker.all[3].finish();
    const results = await p;
    expect(results.map((r) => r.chain)).toEqual([0, 1, 2, 3]);
    expect(FakeWorker.all.every((w) => w.terminated)).toBe(true);
    expect(seen[0]).toEqual([1, 'progress']);
  });

  it('abort terminates every live worker, starts no more, and rejects', async () => {
    const ac = new AbortController();
    const p = runChainPool(jobs(3), { create: () => new FakeWorker(), concurrency: 2, trace: [], signal: ac.signal });
    ac.abort();
    await expect(p).rejects.toMatchObject({ name: 'AbortError' });
    expect(FakeWorker.all).toHaveLength(2);
    expect(FakeWorker.all.every((w) => w.terminated)).toBe(true);
    FakeWorker.all[0].finish(); // a message that raced the abort is ignored
    await tick();
    expect(FakeWorker.all).toHaveLength(2);
  });

  it('one chain failing stops the others and names the chain', async () => {
    const p = runChainPool(jobs(2), { create: () => new FakeWorker(), concurrency: 2, trace: [] });
    FakeWorker.all[1].send({ type: 'error', id: 1, message: 'no finite log density' });
    await expect(p).rejects.toThrow('chain 2: no finite log density');
    expect(FakeWorker.all[0].terminated).toBe(true);
    const q = runChainPool(jobs(1), { create: () => new FakeWorker(), concurrency: 1, trace: [] });
    FakeWorker.all[2].onerror?.({ message: 'script failed' });
    await expect(q).rejects.toThrow('the worker failed: script failed');
  });

  it('an already-aborted signal starts nothing', async () => {
    const ac = new AbortController();
    ac.abort();
    await expect(runChainPool(jobs(2), { create: () => new FakeWorker(), concurrency: 2, trace: [], signal: ac.signal })).rejects.toMatchObject({ name: 'AbortError' });
    expect(FakeWorker.all).toHaveLength(0);
  });
});
