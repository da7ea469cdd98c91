/**
 * Stan's warmup adaptation as plain state + update functions:
 *  - dual averaging of log ε towards a target acceptance statistic (Hoffman & Gelman 2014,
 *    Stan's stepsize_adaptation: γ = 0.05, t₀ = 10, κ = 0.75, μ = log 10ε₀);
 *  - windowed diagonal metric adaptation (Stan's windowed_adaptation + var_adaptation):
 *    75 initial fast iterations, slow windows of 25, 50, 100, … , 50 terminal fast ones,
 *    with each window's variance shrunk towards 1e-3: (n/(n+5)) var + 1e-3 · 5/(n+5).
 */

export interface DualAveraging {
  counter: number;
  sBar: number;
  xBar: number;
  mu: number;
  readonly delta: number;
  readonly gamma: number;
  readonly t0: number;
  readonly kappa: number;
}

export function dualAveragingInit(stepSize: number, delta: number): DualAveraging {
  return { counter: 0, sBar: 0, xBar: 0, mu: Math.log(10 * stepSize), delta, gamma: 0.05, t0: 10, kappa: 0.75 };
}

/** One update from an acceptance statistic; returns the step size to use next. */
export function dualAveragingUpdate(s: DualAveraging, acceptStat: number): number {
  s.counter++;
  const a = acceptStat > 1 ? 1 : acceptStat;
  const eta = 1 / (s.counter + s.t0);
  s.sBar = (1 - eta) * s.sBar + eta * (s.delta - a);
  const x = s.mu - (s.sBar * Math.sqrt(s.counter)) / s.gamma;
  const xEta = Math.pow(s.counter, -s.kappa);
  s.xBar = (1 - xEta) * s.xBar + xEta * x;
  return Math.exp(x);
}

/** The step size to keep after warmup. */
export const dualAveragingFinal = (s: DualAveraging): number => Math.exp(s.xBar);

export function dualAveragingRestart(s: DualAveraging, stepSize: number): void {
  s.counter = 0;
  s.sBar = 0;
  s.xBar = 0;
  s.mu = Math.log(10 * stepSize);
}

export interface WindowSchedule {
  readonly numWarmup: number;
  initBuffer: number;
  termBuffer: number;
  baseWindow: number;
  /** false when warmup is too short (< 20) to adapt the metric */
  readonly adaptMetric: boolean;
}

/** Stan's set_window_params, including its fallback to 15% / 75% / 10% for short warmups. */
export function windowSchedule(numWarmup: number, initBuffer = 75, termBuffer = 50, baseWindow = 25): WindowSchedule {
  if (numWarmup < 20) return { numWarmup, initBuffer, termBuffer, baseWindow, adaptMetric: false };
  if (initBuffer + baseWindow + termBuffer > numWarmup) {
    const ib = Math.trunc(0.15 * numWarmup);
    const tb = Math.trunc(0.1 * numWarmup);
    return { numWarmup, initBuffer: ib, termBuffer: tb, baseWindow: numWarmup - (ib + tb), adaptMetric: true };
  }
  return { numWarmup, initBuffer, termBuffer, baseWindow, adaptMetric: true };
}

export interface MetricAdaptation {
  readonly schedule: WindowSchedule;
  windowCounter: number;
  windowSize: number;
  nextWindow: number;
  /** Welford accumulators */
  n: number;
  mean: Float64Array;
  m2: Float64Array;
}

export function metricAdaptationInit(schedule: WindowSchedule, dim: number): MetricAdaptation {
  return {
    schedule,
    windowCounter: 0,
    windowSize: schedule.baseWindow,
    nextWindow: schedule.initBuffer + schedule.baseWindow - 1,
    n: 0,
    mean: new Float64Array(dim),
    m2: new Float64Array(dim),
  };
}

function inSlowWindow(a: MetricAdaptation): boolean {
  const { initBuffer, termBuffer, numWarmup } = a.schedule;
  return a.windowCounter >= initBuffer && a.windowCounter < numWarmup - termBuffer && a.windowCounter !== numWarmup;
}

function endOfSlowWindow(a: MetricAdaptation): boolean {
  return a.windowCounter === a.nextWindow && a.windowCounter !== a.schedule.numWarmup;
}

function computeNextWindow(a: MetricAdaptation): void {
  const { numWarmup, termBuffer } = a.schedule;
  if (a.nextWindow === numWarmup - termBuffer - 1) return;
  a.windowSize *= 2;
  a.nextWindow = a.windowCounter + a.windowSize;
  if (a.nextWindow !== numWarmup - termBuffer - 1) {
    const nextBoundary = a.nextWindow + 2 * a.windowSize;
    if (nextBoundary >= numWarmup - termBuffer) a.nextWindow = numWarmup - termBuffer - 1;
  }
}

/**
 * Feed one warmup position. Returns a new inverse-metric diagonal at the end of a slow
 * window (the caller then re-initialises ε and restarts dual averaging), else null.
 */
export function metricAdaptationUpdate(a: MetricAdaptation, q: Float64Array): Float64Array | null {
  if (!a.schedule.adaptMetric) return null;
  if (inSlowWindow(a)) {
    a.n++;
    for (let i = 0; i < q.length; i++) {
      const delta = q[i] - a.mean[i];
      a.mean[i] += delta / a.n;
      a.m2[i] += delta * (q[i] - a.mean[i]);
    }
  }
  if (endOfSlowWindow(a)) {
    computeNextWindow(a);
    const n = a.n;
    const out = new Float64Array(q.length);
    for (let i = 0; i < q.length; i++) {
      const v = a.m2[i] / (n - 1);
      out[i] = (n / (n + 5)) * v + 1e-3 * (5 / (n + 5));
    }
    a.n = 0;
    a.mean.fill(0);
    a.m2.fill(0);
    a.windowCounter++;
    return out;
  }
  a.windowCounter++;
  return null;
}
