import { describe, expect, it } from 'vitest';
import {
  BACKEND_ORDER,
  TIE_MARGIN,
  chooseBackend,
  describeChoice,
  explainChoice,
  measureBackends,
  rankBackends,
  selectBackend,
  selectFastestBackend,
  type BackendMeasurement,
  type BackendName,
  type BackendProbe,
  type BackendTrial,
} from '../../../src/lib/vae/backend-choice';

const yes = async () => true;
const no = async () => false;

describe('selectBackend (no trial: the prior order)', () => {
  it('takes the first backend that initialises, in the order WebGPU → WebGL → WASM → CPU', async () => {
    expect(await selectBackend({ webgpu: yes, webgl: yes, wasm: yes, cpu: yes })).toEqual({ backend: 'webgpu', rule: 'order', timings: [], skipped: [], spentMs: 0 });
    const c = await selectBackend({ webgpu: no, webgl: yes, wasm: yes, cpu: yes });
    expect(c.backend).toBe('webgl');
    expect(c.skipped).toEqual([{ backend: 'webgpu', reason: 'failed to initialise' }]);
  });

  it('says why each earlier backend was skipped: no probe, false, or an error', async () => {
    const c = await selectBackend({
      webgl: async () => {
        throw new Error('WebGL context lost');
      },
      wasm: no,
      cpu: yes,
    });
    expect(c.backend).toBe('cpu');
    expect(c.skipped.map((s) => s.backend)).toEqual(['webgpu', 'webgl', 'wasm']);
    expect(c.skipped[0].reason).toMatch(/no probe/);
    expect(c.skipped[1].reason).toMatch(/WebGL context lost/);
    expect(describeChoice(c)).toMatch(/^using cpu: used untimed.*; webgpu: not available/);
  });

  it('returns null when nothing initialises, and does not call probes after a success', async () => {
    expect((await selectBackend({ webgpu: no, webgl: no, wasm: no, cpu: no })).backend).toBeNull();
    let called = false;
    await selectBackend({ webgpu: yes, cpu: async () => ((called = true), true) });
    expect(called).toBe(false);
  });
});

/**
 * A fake tf: probes and `activate` set the current backend, and the trial's steps take the
 * stubbed times of whichever backend is current, one after another (the last repeats).
 */
function fakeTf(spec: Partial<Record<BackendName, { init?: boolean | Error; warm?: Error; steps?: (number | Error)[]; switchesBeforeFailing?: number }>>) {
  let current: BackendName | null = null;
  const log: string[] = [];
  const used = new Map<BackendName, number>();
  const probes: Partial<Record<BackendName, BackendProbe>> = {};
  for (const [name, s] of Object.entries(spec) as [BackendName, NonNullable<(typeof spec)[BackendName]>][]) {
    probes[name] = async () => {
      log.push(`init ${name}`);
      if (s.init instanceof Error) throw s.init;
      if (s.init === false) return false;
      current = name;
      return true;
    };
  }
  const activate = async (name: BackendName) => {
    log.push(`switch ${name}`);
    const limit = spec[name]?.switchesBeforeFailing;
    if (limit !== undefined && log.filter((l) => l === `switch ${name}`).length > limit) return false;
    current = name;
    return true;
  };
  const trial: BackendTrial = {
    async warmUp() {
      log.push(`warm ${current}`);
      const w = spec[current!]?.warm;
      if (w) throw w;
    },
    async timeStep() {
      log.push(`step ${current}`);
      const steps = spec[current!]?.steps ?? [1];
      const i = used.get(current!) ?? 0;
      used.set(current!, i + 1);
      const v = steps[Math.min(i, steps.length - 1)];
      if (v instanceof Error) throw v;
      return v;
    },
  };
  return { probes, activate, trial, log, current: () => current };
}

/** a clock that advances `tick` ms per reading, so budgets and costs are deterministic */
const clock = (tick = 10) => {
  let t = 0;
  return () => (t += tick);
};

describe('selectFastestBackend (every backend that starts is timed; the fastest is kept)', () => {
  it('keeps the fastest, not the first in the order, and leaves tf on it', async () => {
    const f = fakeTf({ webgpu: { init: new Error('no WebGPU adapter') }, webgl: { steps: [9.8] }, wasm: { steps: [3.1] }, cpu: { steps: [20] } });
    const c = await selectFastestBackend(f.probes, f.trial, f.activate, { now: clock(10) });
    expect(c.backend).toBe('wasm');
    expect(c.rule).toBe('fastest');
    expect(f.current()).toBe('wasm');
    expect(c.timings).toEqual([
      { backend: 'wasm', msPerStep: 3.1 },
      { backend: 'webgl', msPerStep: 9.8 },
      { backend: 'cpu', msPerStep: 20 },
    ]);
    expect(c.skipped).toEqual([{ backend: 'webgpu', reason: 'error while initialising: no WebGPU adapter' }]);
    expect(explainChoice(c)).toEqual(['wasm: 3.1 ms/step, the fastest: used', 'webgl: 9.8 ms/step (3.2× the fastest)', 'cpu: 20 ms/step (6.5× the fastest)', 'webgpu: error while initialising: no WebGPU adapter', 'Choosing took 0.11 s (webgl 0.02 s, wasm 0.06 s, cpu 0.02 s), starting each backend included.']);
    // (webgl and cpu are dropped after one round, being over 3× wasm; wasm is timed for the 5 rounds at least, by when the 100 ms budget is spent)
    expect(describeChoice(c)).toMatch(/^using wasm: 3.1 ms\/step, the fastest: used; webgl: 9.8 ms\/step \(3.2× the fastest\); cpu: 20 ms\/step \(6.5× the fastest\); webgpu: error/);
  });

  it('skips a backend whose trial throws, with its reason, and compares the rest', async () => {
    const f = fakeTf({ webgpu: { steps: [new Error('readSync is not supported')] }, webgl: { warm: new Error('shader failed to compile') }, wasm: { steps: [4] }, cpu: { steps: [2] } });
    const c = await selectFastestBackend(f.probes, f.trial, f.activate);
    expect(c.backend).toBe('cpu');
    expect(c.skipped).toEqual([
      { backend: 'webgpu', reason: 'trial failed: readSync is not supported' },
      { backend: 'webgl', reason: 'trial failed: shader failed to compile' },
    ]);
    expect(c.timings.map((t) => t.backend)).toEqual(['cpu', 'wasm']);
  });

  it('counts a timing that is not a time (NaN, negative, infinite) as a failed trial', async () => {
    const f = fakeTf({ webgl: { steps: [NaN] }, wasm: { steps: [-1] }, cpu: { steps: [Infinity] } });
    const c = await selectFastestBackend(f.probes, f.trial, f.activate);
    expect(c.timings).toEqual([]);
    expect(c.rule).toBe('order');
    expect(c.untimedReason).toBe('trial failed: a step was timed at NaN ms, not a time');
    expect(c.skipped.slice(1)).toEqual([
      { backend: 'wasm', reason: 'trial failed: a step was timed at -1 ms, not a time' },
      { backend: 'cpu', reason: 'trial failed: a step was timed at Infinity ms, not a time' },
    ]);
  });

  it('breaks ties by the prior order: within TIE_MARGIN of the fastest the earlier backend wins, beyond it the faster', async () => {
    expect(TIE_MARGIN).toBe(0.1);
    const within = fakeTf({ webgl: { steps: [1.1] }, wasm: { steps: [1.0] } }); // 10% slower: a tie
    const a = await selectFastestBackend(within.probes, within.trial, within.activate);
    expect(a.backend).toBe('webgl');
    expect(explainChoice(a)[0]).toBe('webgl: 1.1 ms/step: used, within 10% of the fastest and earlier in the order webgpu → webgl → wasm → cpu');
    expect(explainChoice(a)[1]).toBe('wasm: 1.0 ms/step (1.0× the fastest)');
    const beyond = fakeTf({ webgl: { steps: [1.12] }, wasm: { steps: [1.0] } }); // 12% slower: wasm
    expect((await selectFastestBackend(beyond.probes, beyond.trial, beyond.activate)).backend).toBe('wasm');
    const exact = fakeTf({ webgpu: { steps: [2] }, webgl: { steps: [2] }, wasm: { steps: [2] }, cpu: { steps: [2] } });
    expect((await selectFastestBackend(exact.probes, exact.trial, exact.activate)).backend).toBe('webgpu');
  });

  it('ranks outside the tie by time, and a faster backend is not displaced by a tie among slower ones', () => {
    const m = (backend: BackendName, msPerStep: number): BackendMeasurement => ({ backend, stage: 'timed', msPerStep, spentMs: 0 });
    expect(rankBackends([m('webgpu', 9), m('webgl', 8.5), m('wasm', 1), m('cpu', 5)])).toEqual(['wasm', 'cpu', 'webgl', 'webgpu']);
    expect(rankBackends([m('webgpu', 1.05), m('webgl', 30), m('wasm', 1), m('cpu', 1.08)])).toEqual(['webgpu', 'wasm', 'cpu', 'webgl']);
  });

  it('falls back to the prior order when every trial fails but some backend started', async () => {
    const f = fakeTf({ webgpu: { init: false }, webgl: { steps: [new Error('context lost')] }, wasm: { warm: new Error('out of memory') }, cpu: { steps: [new Error('boom')] } });
    const c = await selectFastestBackend(f.probes, f.trial, f.activate);
    expect(c.backend).toBe('webgl');
    expect(c.rule).toBe('order');
    expect(c.untimedReason).toBe('trial failed: context lost');
    expect(c.skipped.map((s) => s.backend)).toEqual(['webgpu', 'wasm', 'cpu']);
    expect(f.current()).toBe('webgl');
    expect(explainChoice(c)[0]).toBe('webgl: used untimed, as the first in the order webgpu → webgl → wasm → cpu that started (trial failed: context lost)');
  });

  it('chooses nothing when nothing starts, saying why for each', async () => {
    const f = fakeTf({ webgpu: { init: false }, webgl: { init: new Error('no context') }, wasm: { init: false } });
    const c = await selectFastestBackend(f.probes, f.trial, f.activate);
    expect(c.backend).toBeNull();
    expect(c.skipped.map((s) => s.backend)).toEqual([...BACKEND_ORDER]);
    expect(c.skipped[3].reason).toMatch(/no probe/);
    expect(describeChoice(c)).toMatch(/^no tf backend initialised \(webgpu: failed to initialise; webgl: error while initialising: no context; wasm/);
    expect(f.log.filter((l) => l.startsWith('warm') || l.startsWith('step'))).toEqual([]);
  });

  it('skips a backend tf cannot switch to for its turn, and uses the next best if it cannot switch back to the fastest', async () => {
    const turn = fakeTf({ wasm: { steps: [1], switchesBeforeFailing: 0 }, cpu: { steps: [3] } });
    const a = await selectFastestBackend(turn.probes, turn.trial, turn.activate);
    expect(a.backend).toBe('cpu');
    expect(a.skipped.slice(2)).toEqual([{ backend: 'wasm', reason: 'trial failed: tf could not switch to it for its turn' }]);
    const back = fakeTf({ wasm: { steps: [1], switchesBeforeFailing: 1 }, cpu: { steps: [3] } });
    const b = await selectFastestBackend(back.probes, back.trial, back.activate, { plan: { rounds: 1, minRounds: 1, budgetMs: 0, dropRatio: Infinity } });
    expect(b.backend).toBe('cpu');
    expect(back.current()).toBe('cpu');
    expect(b.rule).toBe('fastest');
    expect(b.skipped.slice(2)).toEqual([{ backend: 'wasm', reason: 'tf could not switch back to it after the trials (tf refused)' }]);
    expect(explainChoice(b).slice(0, 2)).toEqual(['cpu: 3.0 ms/step: used, the fastest that tf could switch to (3.0× the fastest)', 'wasm: 1.0 ms/step, but tf could not switch back to it after the trials (tf refused)']);
  });
});

describe('measureBackends (how the trial runs)', () => {
  it('warms each backend up once right after it starts, then times them in turns, switching before each step', async () => {
    const f = fakeTf({ webgpu: { init: false }, wasm: { steps: [1] }, cpu: { steps: [3] } });
    await measureBackends(f.probes, f.trial, f.activate, { plan: { rounds: 3, minRounds: 3, budgetMs: 0, dropRatio: Infinity } });
    expect(f.log).toEqual([
      'init webgpu',
      'init wasm',
      'warm wasm',
      'init cpu',
      'warm cpu',
      ...Array.from({ length: 3 }, () => ['switch wasm', 'step wasm', 'switch cpu', 'step cpu']).flat(),
    ]);
  });

  it("takes each backend's fastest step, so one slow step (a GC pause, another program) cannot decide", async () => {
    const f = fakeTf({ wasm: { steps: [1.2, 40, 1.0, 1.1, 1.3] }, cpu: { steps: [3, 3.2, 2.9, 3.1, 3] } });
    const c = await selectFastestBackend(f.probes, f.trial, f.activate);
    expect(c.timings).toEqual([
      { backend: 'wasm', msPerStep: 1.0 },
      { backend: 'cpu', msPerStep: 2.9 },
    ]);
  });

  it('runs every round within the budget, but stops after minRounds once the budget is spent', async () => {
    const plan = { rounds: 5, minRounds: 3, budgetMs: 1000, dropRatio: Infinity };
    const quick = fakeTf({ wasm: {}, cpu: {} });
    await measureBackends(quick.probes, quick.trial, quick.activate, { plan, now: clock(1) });
    expect(quick.log.filter((l) => l === 'step wasm')).toHaveLength(5);
    const slow = fakeTf({ wasm: {}, cpu: {} });
    await measureBackends(slow.probes, slow.trial, slow.activate, { plan, now: clock(500) }); // every clock reading is 500 ms later
    expect(slow.log.filter((l) => l === 'step wasm')).toHaveLength(3);
  });

  it('stops timing a backend once it is over dropRatio times slower than the best, keeping its figure', async () => {
    const f = fakeTf({ wasm: { steps: [1, 1, 1, 1, 1] }, cpu: { steps: [2.9, 2.5, 2, 2, 2] }, webgl: { steps: [3.5, 1, 1, 1, 1] } });
    const c = await selectFastestBackend(f.probes, f.trial, f.activate, { plan: { rounds: 5, minRounds: 5, budgetMs: 0, dropRatio: 3 } });
    expect(f.log.filter((l) => l === 'step webgl')).toHaveLength(1); // 3.5× after round 1: dropped
    expect(f.log.filter((l) => l === 'step cpu')).toHaveLength(5); // 2.9× is not over 3×
    expect(c.timings).toEqual([
      { backend: 'wasm', msPerStep: 1 },
      { backend: 'cpu', msPerStep: 2 },
      { backend: 'webgl', msPerStep: 3.5 },
    ]);
  });

  it('charges each backend the time spent starting, warming and timing it', async () => {
    const f = fakeTf({ webgpu: { init: false }, wasm: {}, cpu: {} });
    const m = await measureBackends(f.probes, f.trial, f.activate, { plan: { rounds: 2, minRounds: 2, budgetMs: 0, dropRatio: Infinity }, now: clock(10) });
    // each charge is one span between two readings of a clock that advances 10 ms per reading
    expect(m.map((x) => [x.backend, x.spentMs])).toEqual([
      ['webgpu', 10],
      ['webgl', 10],
      ['wasm', 30],
      ['cpu', 30],
    ]);
    expect(chooseBackend(m).spentMs).toBe(80);
  });
});
