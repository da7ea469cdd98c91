import { initialVaeState, isBusy, vaeReduce, type VaeLabState } from '../../../src/islands/vae-lab/state';
import type { FromVaeWorker, VaeLabOutcome } from '../../../src/islands/vae-lab/protocol';
import { initialSamplerState, samplerReduce } from '../../../src/islands/sampler-lab/state';
import type { SamplerOutcome } from '../../../src/islands/sampler-lab/analysis';

const ready = vaeReduce(initialVaeState, { type: 'backend', choice: { backend: 'wasm', rule: 'fastest', timings: [{ backend: 'wasm', msPerStep: 1.2 }], skipped: [{ backend: 'webgpu', reason: 'no adapter' }], spentMs: 300 } });
const epoch = (id: number, e: number): FromVaeWorker => ({ type: 'epoch', id, epoch: e, maxEpochs: 50, trainLoss: 10 - e, testLoss: 11 - e, kl: 1 });
const outcome: VaeLabOutcome = { srmr: 0.05, residual: [[0]], auditSets: 100, epochsRun: 3, bestEpoch: 3, stoppedBy: 'max-epochs', activeDims: 4, latentDim: 8, seconds: 1 };
const memory = { numTensors: 0, numBytes: 0 };

describe('VAE lab state', () => {
  it('is ready once a backend is chosen, and says which', () => {
    expect(ready.phase).toBe('ready');
    expect(ready.status).toContain('wasm');
    const none = vaeReduce(initialVaeState, { type: 'backend', choice: { backend: null, rule: 'order', timings: [], skipped: [], spentMs: 0 } });
    expect(none.phase).toBe('error');
  });

  it('collects epochs of the current run, announcing only milestones', () => {
    let s = vaeReduce(ready, { type: 'start', id: 1, maxEpochs: 50 });
    expect(isBusy(s)).toBe(true);
    for (let e = 1; e <= 12; e++) s = vaeReduce(s, epoch(1, e));
    expect(s.losses.map((l) => l.epoch)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(s.progress).toContain('Epoch 12');
    expect(s.status).toContain('Epoch 10'); // epochs 11 and 12 were not announced
    s = vaeReduce(s, { type: 'auditing', id: 1, fraction: 0.5 });
    expect(s.phase).toBe('auditing');
    s = vaeReduce(s, { type: 'done', id: 1, outcome, memory });
    expect(s.phase).toBe('done');
    expect(s.outcome).toBe(outcome);
    expect(s.status).toContain('SRMR 0.050');
  });

  it('ignores late messages from an earlier run', () => {
    let s = vaeReduce(ready, { type: 'start', id: 1, maxEpochs: 50 });
    s = vaeReduce(s, epoch(1, 1));
    s = vaeReduce(s, { type: 'cancel' });
    s = vaeReduce(s, { type: 'cancelled', id: 1, epoch: 1, memory });
    s = vaeReduce(s, { type: 'start', id: 2, maxEpochs: 5 });
    const before: VaeLabState = s;
    for (const m of [epoch(1, 2), { type: 'done', id: 1, outcome, memory } as FromVaeWorker, { type: 'error', id: 1, message: 'old' } as FromVaeWorker]) s = vaeReduce(s, m);
    expect(s).toBe(before);
    expect(s.losses).toEqual([]);
  });

  it('Cancel moves a busy lab to cancelling, and the worker confirms it', () => {
    let s = vaeReduce(ready, { type: 'start', id: 3, maxEpochs: 50 });
    s = vaeReduce(s, { type: 'cancel' });
    expect(s.phase).toBe('cancelling');
    expect(vaeReduce(s, epoch(3, 4)).losses).toEqual([]); // an epoch that raced the cancel is not drawn
    s = vaeReduce(s, { type: 'cancelled', id: 3, epoch: 4, memory });
    expect(s.phase).toBe('cancelled');
    expect(isBusy(s)).toBe(false);
    expect(vaeReduce(ready, { type: 'cancel' })).toBe(ready); // nothing to cancel
  });

  it('a worker that had to be terminated leaves the lab cancelled, not busy', () => {
    let s = vaeReduce(ready, { type: 'start', id: 4, maxEpochs: 50 });
    s = vaeReduce(vaeReduce(s, { type: 'cancel' }), { type: 'terminated' });
    expect(s.phase).toBe('cancelled');
  });
});

const sOutcome: SamplerOutcome = { maxRhat: 1.01, maxRhatName: 'mu[JW1]', minEssBulk: 100, minEssTail: 90, divergences: 0, draws: 200, srmr: 0.04, residual: [[0]], gradientEvaluations: 1000 };

describe('sampler lab state', () => {
  const start = samplerReduce(initialSamplerState, { type: 'start', id: 1, chains: 2, total: 200, concurrent: 2 });

  it('tracks each chain and appends traces in order', () => {
    let s = samplerReduce(start, { type: 'chain', id: 1, chain: 0, msg: { type: 'progress', id: 0, iteration: 100, total: 200, phase: 'warmup' } });
    expect(s.progress).toContain('chain 1: 100/200');
    expect(s.progress).toContain('chain 2: waiting');
    s = samplerReduce(s, { type: 'chain', id: 1, chain: 1, msg: { type: 'trace', id: 1, start: 0, values: [[1, 2], [3, 4]] } });
    s = samplerReduce(s, { type: 'chain', id: 1, chain: 1, msg: { type: 'trace', id: 1, start: 2, values: [[5, 6]] } });
    // a repeated batch is placed by its start index, not appended twice
    s = samplerReduce(s, { type: 'chain', id: 1, chain: 1, msg: { type: 'trace', id: 1, start: 2, values: [[5, 6]] } });
    expect(s.traces[1]).toEqual([[1, 2], [3, 4], [5, 6]]);
    expect(s.traces[0]).toEqual([]);
  });

  it('keeps warm-up rows apart from retained draws, each series in order', () => {
    const trace = (warmup: boolean | undefined, start: number, values: number[][]) => ({ type: 'chain' as const, id: 1, chain: 0, msg: { type: 'trace' as const, id: 0, warmup, start, values } });
    let s = samplerReduce(start, trace(true, 0, [[9, 9], [8, 8]]));
    s = samplerReduce(s, trace(true, 2, [[7, 7]]));
    s = samplerReduce(s, trace(true, 2, [[7, 7]])); // repeated: placed by start
    expect(s.warmupTraces[0]).toEqual([[9, 9], [8, 8], [7, 7]]);
    expect(s.traces[0]).toEqual([]); // warm-up is never a retained draw
    s = samplerReduce(s, trace(undefined, 0, [[1, 2]])); // the original message shape: retained
    s = samplerReduce(s, trace(false, 1, [[3, 4]]));
    expect(s.traces[0]).toEqual([[1, 2], [3, 4]]);
    expect(s.warmupTraces[0]).toHaveLength(3);
    expect(s.warmupTraces[1]).toEqual([]);
  });

  it('summarises when every chain is done, then shows the outcome', () => {
    const done = (chain: number) => ({ type: 'chain' as const, id: 1, chain, msg: { type: 'done' as const, id: chain, result: {} as never } });
    let s = samplerReduce(start, done(0));
    expect(s.phase).toBe('sampling');
    s = samplerReduce(s, done(1));
    expect(s.phase).toBe('summarising');
    s = samplerReduce(s, { type: 'analysed', id: 1, outcome: sOutcome });
    expect(s.phase).toBe('done');
    expect(s.status).toContain('R-hat 1.010');
  });

  it('Cancel or a failure during the diagnostics says it was the diagnostics, and a late outcome is ignored', () => {
    const done = (chain: number) => ({ type: 'chain' as const, id: 1, chain, msg: { type: 'done' as const, id: chain, result: {} as never } });
    const summarising = samplerReduce(samplerReduce(start, done(0)), done(1));
    const cancelled = samplerReduce(summarising, { type: 'cancelled', id: 1 });
    expect(cancelled.phase).toBe('cancelled');
    expect(cancelled.status).toBe('Cancelled: the diagnostics were stopped.');
    expect(samplerReduce(cancelled, { type: 'analysed', id: 1, outcome: sOutcome })).toBe(cancelled);
    const failed = samplerReduce(summarising, { type: 'failed', id: 1, message: 'a diagnostics worker stopped with an error: out of memory' });
    expect(failed.status).toBe('Diagnostics failed: a diagnostics worker stopped with an error: out of memory');
    expect(samplerReduce(start, { type: 'cancelled', id: 1 }).status).toBe('Cancelled: the chains were stopped.');
  });

  it('ignores an earlier run after a new start, and anything after Cancel', () => {
    let s = samplerReduce(start, { type: 'cancelled', id: 1 });
    expect(s.phase).toBe('cancelled');
    const late = samplerReduce(s, { type: 'chain', id: 1, chain: 0, msg: { type: 'trace', id: 0, start: 0, values: [[1]] } });
    expect(late).toBe(s);
    s = samplerReduce(s, { type: 'start', id: 2, chains: 1, total: 50, concurrent: 1 });
    expect(samplerReduce(s, { type: 'failed', id: 1, message: 'old' })).toBe(s);
    const failed = samplerReduce(s, { type: 'chain', id: 2, chain: 0, msg: { type: 'error', id: 0, message: 'no finite log density' } });
    expect(failed.phase).toBe('error');
    expect(failed.status).toContain('no finite log density');
  });

  it('says when chains must queue for cores', () => {
    expect(samplerReduce(initialSamplerState, { type: 'start', id: 5, chains: 4, total: 10, concurrent: 2 }).status).toContain('2 at a time');
  });
});
