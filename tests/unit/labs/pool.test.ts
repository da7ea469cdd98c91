/** The one chain pool (src/lib/bayes/pool.ts), as the sampler lab and the precompute use it, on fake workers. */
import { runChainPool, workerPoolExecutor, type WorkerLike } from '../../../src/lib/bayes/pool';
import type { ChainJob, FromWorker, ToWorker } from '../../../src/lib/bayes/protocol';
import type { ToSamplerWorker, FromSamplerWorker } from '../../../src/islands/sampler-lab/protocol';

/** A fake worker that the test finishes by hand. */
class FakeWorker implements WorkerLike<ToSamplerWorker, FromSamplerWorker> {
  static all: FakeWorker[] = [];
  handler: ((m: FromSamplerWorker) => void) | null = null;
  errorHandler: ((e: Error) => void) | null = null;
  received: ToSamplerWorker[] = [];
  terminated = false;
  constructor() {
    FakeWorker.all.push(this);
  }
  postMessage(m: ToSamplerWorker) {
    this.received.push(m);
  }
  onMessage(h: (m: FromSamplerWorker) => void) {
    this.handler = h;
  }
  onError(h: (e: Error) => void) {
    this.errorHandler = h;
  }
  terminate() {
    this.terminated = true;
  }
  get job() {
    const m = this.received[0];
    return m.type === 'run' ? m : null;
  }
  send(data: FromSamplerWorker) {
    this.handler?.(data);
  }
  finish() {
    const id = this.job!.id;
    this.send({ type: 'done', id, result: { chain: this.job!.job.chain } as never });
  }
}

/** A worker of the plain protocol (as precompute/bayes-workers.ts spawns), finished by hand. */
class PlainFake implements WorkerLike {
  static all: PlainFake[] = [];
  received: ToWorker[] = [];
  handler: ((m: FromWorker) => void) | null = null;
  errorHandler: ((e: Error) => void) | null = null;
  terminated = false;
  constructor() {
    PlainFake.all.push(this);
  }
  postMessage(m: ToWorker) {
    this.received.push(m);
  }
  onMessage(h: (m: FromWorker) => void) {
    this.handler = h;
  }
  onError(h: (e: Error) => void) {
    this.errorHandler = h;
  }
  terminate() {
    this.terminated = true;
  }
  finish() {
    const m = this.received[0];
    this.handler?.({ type: 'done', id: m.id, result: { chain: m.job.chain } as never });
  }
}

const lab = (trace: readonly string[]) => ({
  spawn: () => new FakeWorker(),
  start: (job: ChainJob, id: number): ToSamplerWorker => ({ type: 'run', id, job, trace }),
});

const jobs = (n: number): ChainJob[] => Array.from({ length: n }, (_, chain) => ({ model: { kind: 'mvn' } as never, settings: { numWarmup: 1, numDraws: 1 }, seed: 1, chain }));
const tick = () => new Promise((r) => setTimeout(r, 0));

beforeEach(() => {
  FakeWorker.all = [];
  PlainFake.all = [];
});

describe('chain pool', () => {
  it('runs at most `concurrency` workers, one chain each, and returns results in chain order', async () => {
    const seen: [number, string][] = [];
    const p = runChainPool(jobs(4), { ...lab(['mu[JW1]']), concurrency: 2, onMessage: (j, m) => seen.push([j, m.type]) });
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
    const p = runChainPool(jobs(3), { ...lab([]), concurrency: 2, signal: ac.signal });
    ac.abort();
    await expect(p).rejects.toMatchObject({ name: 'AbortError' });
    expect(FakeWorker.all).toHaveLength(2);
    expect(FakeWorker.all.every((w) => w.terminated)).toBe(true);
    FakeWorker.all[0].finish(); // a message that raced the abort is ignored
    await tick();
    expect(FakeWorker.all).toHaveLength(2);
  });

  it('one chain failing stops the others and names the chain', async () => {
    const p = runChainPool(jobs(2), { ...lab([]), concurrency: 2 });
    FakeWorker.all[1].send({ type: 'error', id: 1, message: 'no finite log density' });
    await expect(p).rejects.toThrow('chain 2: no finite log density');
    expect(FakeWorker.all[0].terminated).toBe(true);
    const q = runChainPool(jobs(1), { ...lab([]), concurrency: 1 });
    FakeWorker.all[2].errorHandler?.(new Error('script failed'));
    await expect(q).rejects.toThrow('the worker failed: script failed');
  });

  it('an already-aborted signal starts nothing', async () => {
    const ac = new AbortController();
    ac.abort();
    await expect(runChainPool(jobs(2), { ...lab([]), concurrency: 2, signal: ac.signal })).rejects.toMatchObject({ name: 'AbortError' });
    expect(FakeWorker.all).toHaveLength(0);
  });

  it('serves the precompute as a ChainExecutor: progress per chain, results in order, and a finished worker’s exit is no error', async () => {
    const progress: number[] = [];
    const executor = workerPoolExecutor(() => new PlainFake(), 2);
    const p = executor.run(jobs(3), (q) => progress.push(q.chain));
    PlainFake.all[0].handler?.({ type: 'progress', id: 0, iteration: 5, total: 10, phase: 'warmup' });
    PlainFake.all[0].finish();
    // Node reports the exit of a worker the pool terminated; that must not fail the run
    PlainFake.all[0].errorHandler?.(new Error('chain worker exited with code 1 before replying'));
    PlainFake.all[1].handler?.({ type: 'progress', id: 0, iteration: 5, total: 10, phase: 'warmup' }); // another job's id: ignored
    PlainFake.all[1].finish();
    PlainFake.all[2].finish();
    expect((await p).map((r) => r.chain)).toEqual([0, 1, 2]);
    expect(progress).toEqual([0]);
    expect(PlainFake.all[0].received[0]).toEqual({ type: 'run', id: 0, job: jobs(3)[0] });
  });
});
