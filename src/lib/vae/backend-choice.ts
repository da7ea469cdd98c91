/**
 * Which tf backend to train on in the browser. Every backend that initialises gets a short timed
 * trial of real training steps and the fastest is kept: for networks this small, per-kernel
 * dispatch and read-back latency dominate, so WebAssembly often beats a GPU and the old rule
 * (first of WebGPU → WebGL → WASM → CPU that starts) can pick the slower one.
 *
 * The policy is pure over injected probes and trials, so it is unit-tested without a browser;
 * the worker supplies probes that call tf.setBackend and a trial that times the lab's network.
 */

// The names, the prior order (ties, and the fallback when no trial gives a timing) and the probe
// type stay in ./backend, which every VAE experiment imports: this module is the browser's
// policy only, so changing it leaves the baked results' fingerprints alone.
import { BACKEND_ORDER, type BackendName, type BackendProbe } from './backend';
export { BACKEND_ORDER, type BackendName, type BackendProbe };

/**
 * Two timings within this relative margin of the fastest are a tie, won by the backend earlier
 * in BACKEND_ORDER. Browsers coarsen performance.now() to 0.1 ms without cross-origin isolation
 * and a WebAssembly step of the lab's network takes about 1 ms, so a smaller difference is not
 * measured; the prior order (GPU first) then leaves the CPU to the page.
 */
export const TIE_MARGIN = 0.1;


/**
 * Real training steps of the lab's network, on whatever tf backend is current. The same trial
 * serves every backend: the policy switches backends between calls.
 */
export interface BackendTrial {
  /** one untimed step (shader compilation, JIT, first allocations) */
  warmUp(): Promise<void>;
  /** one timed step; resolves to its milliseconds */
  timeStep(): Promise<number>;
}

/**
 * How long the trial runs. Backends take turns, one step each per round, so a burst of load
 * from elsewhere on the machine (or JIT of the JavaScript all backends share) falls on all of
 * them rather than on whichever came first; each backend's figure is its fastest step, because
 * interference only ever adds time.
 */
export interface TrialPlan {
  /** rounds at most */
  readonly rounds: number;
  /** …but stop after this many once `budgetMs` of timed rounds have gone by */
  readonly minRounds: number;
  readonly budgetMs: number;
  /**
   * after each round, a backend whose fastest step is over this many times the best one's stops
   * being timed: it could only come within TIE_MARGIN if its steps so far were off that much
   */
  readonly dropRatio: number;
}

/**
 * Five rounds at least: in loaded headless Chromium (2 cores, load ~10) a WebAssembly step's
 * fastest of 3 was once 14 ms against its usual ~2 ms, so close to plain JavaScript's 15 ms
 * that the order was almost decided by noise. Extra rounds are cheap when the slow backends
 * have been dropped, and cost ~0.1 s when they have not — exactly when they are needed.
 */
export const TRIAL_PLAN: TrialPlan = { rounds: 7, minRounds: 5, budgetMs: 100, dropRatio: 3 };

/** What trying one backend found. */
export type BackendMeasurement =
  | { readonly backend: BackendName; readonly stage: 'timed'; readonly msPerStep: number; readonly spentMs: number }
  /** it initialised, but its trial threw or gave no usable timing */
  | { readonly backend: BackendName; readonly stage: 'trial-failed'; readonly reason: string; readonly spentMs: number }
  | { readonly backend: BackendName; readonly stage: 'not-initialised'; readonly reason: string; readonly spentMs: number };

export interface BackendTiming {
  readonly backend: BackendName;
  readonly msPerStep: number;
}

export interface BackendChoice {
  /** null when nothing initialised */
  readonly backend: BackendName | null;
  /**
   * 'fastest': the shortest trial (ties as TIE_MARGIN says); 'order': the first in BACKEND_ORDER
   * that initialised, because no trial gave a timing (or no trial was run: selectBackend)
   */
  readonly rule: 'fastest' | 'order';
  /** every timed backend, fastest first (the chosen one included) */
  readonly timings: readonly BackendTiming[];
  /** why each backend not chosen and not timed was passed over, in BACKEND_ORDER */
  readonly skipped: readonly { readonly backend: BackendName; readonly reason: string }[];
  /** with rule 'order' after trials: why the chosen backend has no timing */
  readonly untimedReason?: string;
  /** wall time spent initialising and timing backends, ms (0 when not measured) */
  readonly spentMs: number;
  /** that time by backend (those that started), ms */
  readonly spentByBackend?: Partial<Record<BackendName, number>>;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

async function initialise(probe: BackendProbe | undefined): Promise<string | null> {
  if (!probe) return 'not available in this build (no probe)';
  try {
    return (await probe()) ? null : 'failed to initialise';
  } catch (e) {
    return `error while initialising: ${message(e)}`;
  }
}

/**
 * The old policy, no timing: the first backend in `order` that initialises. Kept for callers
 * that only need a working backend; the lab uses selectFastestBackend.
 */
export async function selectBackend(probes: Partial<Record<BackendName, BackendProbe>>, order: readonly BackendName[] = BACKEND_ORDER): Promise<BackendChoice> {
  const skipped: { backend: BackendName; reason: string }[] = [];
  for (const name of order) {
    const reason = await initialise(probes[name]);
    if (reason === null) return { backend: name, rule: 'order', timings: [], skipped, spentMs: 0 };
    skipped.push({ backend: name, reason });
  }
  return { backend: null, rule: 'order', timings: [], skipped, spentMs: 0 };
}

const timeError = (v: number) => new Error(`a step was timed at ${v} ms, not a time`);

/**
 * Initialises each backend in `order` and warms the trial up on it right away (while it is tf's
 * current backend), then times TrialPlan's rounds of steps, switching with `activate`. Never
 * rejects: every failure becomes a measurement with its reason.
 */
export async function measureBackends(
  probes: Partial<Record<BackendName, BackendProbe>>,
  trial: BackendTrial,
  activate: (backend: BackendName) => Promise<boolean>,
  { order = BACKEND_ORDER, plan = TRIAL_PLAN, now = () => performance.now() }: { order?: readonly BackendName[]; plan?: TrialPlan; now?: () => number } = {},
): Promise<BackendMeasurement[]> {
  const spent = new Map<BackendName, number>();
  const charge = (b: BackendName, since: number) => spent.set(b, (spent.get(b) ?? 0) + now() - since);
  const failed = new Map<BackendName, { stage: 'not-initialised' | 'trial-failed'; reason: string }>();
  const samples = new Map<BackendName, number[]>();
  for (const backend of order) {
    const t0 = now();
    const reason = await initialise(probes[backend]);
    if (reason !== null) failed.set(backend, { stage: 'not-initialised', reason });
    else {
      try {
        await trial.warmUp();
        samples.set(backend, []);
      } catch (e) {
        failed.set(backend, { stage: 'trial-failed', reason: `trial failed: ${message(e)}` });
      }
    }
    charge(backend, t0);
  }
  const start = now();
  const dropped = new Set<BackendName>();
  for (let round = 0; round < plan.rounds; round++) {
    if (round >= plan.minRounds && now() - start >= plan.budgetMs) break;
    for (const [backend, times] of samples) {
      if (failed.has(backend) || dropped.has(backend)) continue;
      const t0 = now();
      try {
        if (!(await activate(backend))) throw new Error('tf could not switch to it for its turn');
        const ms = await trial.timeStep();
        if (!(Number.isFinite(ms) && ms >= 0)) throw timeError(ms);
        times.push(ms);
      } catch (e) {
        failed.set(backend, { stage: 'trial-failed', reason: `trial failed: ${message(e)}` });
      }
      charge(backend, t0);
    }
    const best = (b: BackendName) => Math.min(...(samples.get(b) ?? []));
    const live = [...samples.keys()].filter((b) => !failed.has(b));
    const fastest = Math.min(...live.map(best));
    for (const b of live) if (best(b) > fastest * plan.dropRatio) dropped.add(b);
  }
  return order.map((backend): BackendMeasurement => {
    const spentMs = spent.get(backend) ?? 0;
    const f = failed.get(backend);
    if (f) return { backend, ...f, spentMs };
    const times = samples.get(backend) ?? [];
    if (times.length === 0) return { backend, stage: 'trial-failed', reason: 'trial failed: no step was timed', spentMs };
    return { backend, stage: 'timed', msPerStep: Math.min(...times), spentMs };
  });
}

const rank = (b: BackendName, order: readonly BackendName[]) => {
  const i = order.indexOf(b);
  return i < 0 ? order.length : i;
};

/**
 * Every backend that could be used, best first: timed ones by the fastest rule (those within
 * TIE_MARGIN of the fastest by `order`, then the rest by time), then the ones that initialised
 * but gave no timing, by `order`. Pure.
 */
export function rankBackends(measured: readonly BackendMeasurement[], order: readonly BackendName[] = BACKEND_ORDER, tieMargin = TIE_MARGIN): BackendName[] {
  const timed = measured.filter((m): m is Extract<BackendMeasurement, { stage: 'timed' }> => m.stage === 'timed');
  const fastest = Math.min(...timed.map((m) => m.msPerStep));
  const tied = (m: { msPerStep: number }) => m.msPerStep <= fastest * (1 + tieMargin);
  const byRule = [...timed].sort((a, b) => {
    const ta = tied(a);
    const tb = tied(b);
    if (ta !== tb) return ta ? -1 : 1;
    if (ta) return rank(a.backend, order) - rank(b.backend, order);
    return a.msPerStep - b.msPerStep || rank(a.backend, order) - rank(b.backend, order);
  });
  const untimed = measured.filter((m) => m.stage === 'trial-failed').sort((a, b) => rank(a.backend, order) - rank(b.backend, order));
  return [...byRule, ...untimed].map((m) => m.backend);
}

/**
 * The choice, given what the trials measured and which backend (`chosen`, default: the best of
 * rankBackends) is actually in use. Pure: unit-tested with stubbed timings.
 */
export function chooseBackend(measured: readonly BackendMeasurement[], chosen: BackendName | null = rankBackends(measured)[0] ?? null, passedOver: ReadonlyMap<BackendName, string> = new Map()): BackendChoice {
  const spentMs = measured.reduce((s, m) => s + m.spentMs, 0);
  const timings = measured
    .flatMap((m) => (m.stage === 'timed' ? [{ backend: m.backend, msPerStep: m.msPerStep }] : []))
    .sort((a, b) => a.msPerStep - b.msPerStep);
  const mine = measured.find((m) => m.backend === chosen);
  const skipped = measured.flatMap((m) => {
    if (m.backend === chosen) return [];
    const extra = passedOver.get(m.backend);
    if (extra) return [{ backend: m.backend, reason: extra }];
    return m.stage === 'timed' ? [] : [{ backend: m.backend, reason: m.reason }];
  });
  const untimed = mine && mine.stage === 'trial-failed' ? { untimedReason: mine.reason } : {};
  const spentByBackend = Object.fromEntries(measured.filter((m) => m.stage !== 'not-initialised').map((m) => [m.backend, m.spentMs]));
  return { backend: chosen, rule: mine?.stage === 'timed' ? 'fastest' : 'order', timings, skipped, ...untimed, spentMs, spentByBackend };
}

/**
 * The lab's policy: measure every backend, then switch tf to the best (the trials leave the last
 * one tried current). If switching fails, the next best is tried. Never rejects.
 */
export async function selectFastestBackend(
  probes: Partial<Record<BackendName, BackendProbe>>,
  trial: BackendTrial,
  activate: (backend: BackendName) => Promise<boolean>,
  options: { order?: readonly BackendName[]; plan?: TrialPlan; now?: () => number } = {},
): Promise<BackendChoice> {
  const measured = await measureBackends(probes, trial, activate, options);
  const passedOver = new Map<BackendName, string>();
  for (const backend of rankBackends(measured, options.order)) {
    let reason: string;
    try {
      if (await activate(backend)) return chooseBackend(measured, backend, passedOver);
      reason = 'tf refused';
    } catch (e) {
      reason = message(e);
    }
    passedOver.set(backend, `tf could not switch back to it after the trials (${reason})`);
  }
  return chooseBackend(measured, null, passedOver);
}

const ms = (v: number) => (v >= 10 ? v.toFixed(0) : v.toFixed(1));
const seconds = (v: number) => `${(v / 1000).toFixed(v < 10_000 ? 2 : 1)} s`;
const ORDER_TEXT = BACKEND_ORDER.join(' → ');

/**
 * One line per backend for the lab's "why this backend": the chosen one first (with why), then
 * the other timings (with their ratio to the fastest), then the backends passed over untimed;
 * last, what the choosing cost.
 */
export function explainChoice(c: BackendChoice): string[] {
  const fastest = c.timings[0]?.msPerStep ?? NaN;
  const skippedBy = new Map(c.skipped.map((s) => [s.backend, s.reason]));
  const chosen: string[] = [];
  const others: string[] = [];
  for (const t of c.timings) {
    const time = `${t.backend}: ${ms(t.msPerStep)} ms/step`;
    if (t.backend === c.backend) {
      if (t.msPerStep === fastest) chosen.push(`${time}, the fastest: used`);
      else if (t.msPerStep <= fastest * (1 + TIE_MARGIN)) chosen.push(`${time}: used, within ${Math.round(TIE_MARGIN * 100)}% of the fastest and earlier in the order ${ORDER_TEXT}`);
      else chosen.push(`${time}: used, the fastest that tf could switch to (${(t.msPerStep / fastest).toFixed(1)}× the fastest)`);
      continue;
    }
    const reason = skippedBy.get(t.backend);
    others.push(reason ? `${time}, but ${reason}` : `${time} (${(t.msPerStep / fastest).toFixed(1)}× the fastest)`);
  }
  if (c.backend && chosen.length === 0) {
    chosen.push(`${c.backend}: used untimed, as the first in the order ${ORDER_TEXT} that started${c.untimedReason ? ` (${c.untimedReason})` : ''}`);
  }
  const untimed = c.skipped.filter((s) => !c.timings.some((t) => t.backend === s.backend)).map((s) => `${s.backend}: ${s.reason}`);
  const cost = Object.entries(c.spentByBackend ?? {}).map(([b, v]) => `${b} ${seconds(v)}`);
  const costLine = c.spentMs > 0 ? [`Choosing took ${seconds(c.spentMs)}${cost.length ? ` (${cost.join(', ')})` : ''}, starting each backend included.`] : [];
  return [...chosen, ...others, ...untimed, ...costLine];
}

/** Human-readable summary, e.g. for a status line or a log. */
export function describeChoice(c: BackendChoice): string {
  const lines = explainChoice(c);
  if (!c.backend) return `no tf backend initialised (${lines.join('; ')})`;
  return `using ${lines[0]}${lines.length > 1 ? `; ${lines.slice(1).join('; ')}` : ''}`;
}
