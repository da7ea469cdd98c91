/**
 * Limited-memory BFGS minimisation with a strong-Wolfe line search (Nocedal & Wright,
 * Algorithms 7.4, 3.5 and 3.6). Small and dependency-free; the SEM objective is smooth but
 * undefined outside positive-definite Σ, so non-finite values are treated as "step too long".
 */

export type ObjectiveFn = (x: Float64Array, grad: Float64Array) => number;

export interface LbfgsOptions {
  /** stored correction pairs (default 10) */
  readonly memory?: number;
  readonly maxIterations?: number;
  /** stop when max |gradient| falls below this (default 1e-8) */
  readonly gradientTolerance?: number;
  /** stop when the relative decrease of f in an iteration falls below this (default 1e-14) */
  readonly functionTolerance?: number;
}

export interface LbfgsResult {
  readonly x: Float64Array;
  readonly f: number;
  readonly gradient: Float64Array;
  readonly iterations: number;
  readonly evaluations: number;
  readonly converged: boolean;
  readonly reason: string;
}

const C1 = 1e-4;
const C2 = 0.9;

const dot = (a: Float64Array, b: Float64Array) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
};
const maxAbs = (a: Float64Array) => a.reduce((m, v) => Math.max(m, Math.abs(v)), 0);

export function minimizeLbfgs(fg: ObjectiveFn, x0: ArrayLike<number>, options: LbfgsOptions = {}): LbfgsResult {
  const n = x0.length;
  const memory = options.memory ?? 10;
  const maxIterations = options.maxIterations ?? 2000;
  const gtol = options.gradientTolerance ?? 1e-8;
  const ftol = options.functionTolerance ?? 1e-14;
  let evaluations = 0;
  const evaluate = (x: Float64Array, g: Float64Array) => {
    evaluations++;
    return fg(x, g);
  };

  let x: Float64Array = Float64Array.from(x0);
  let g: Float64Array = new Float64Array(n);
  let f = evaluate(x, g);
  if (!Number.isFinite(f) || !g.every(Number.isFinite)) throw new Error('L-BFGS: the objective is not finite at the starting point; choose another start');
  const S: Float64Array[] = [];
  const Y: Float64Array[] = [];
  const rho: number[] = [];
  const d = new Float64Array(n);
  const alpha = new Float64Array(memory);

  for (let iter = 0; iter < maxIterations; iter++) {
    if (maxAbs(g) < gtol) return done(iter, true, 'gradient below tolerance');
    // two-loop recursion: d = −H g
    d.set(g);
    for (let k = S.length - 1; k >= 0; k--) {
      alpha[k] = rho[k] * dot(S[k], d);
      for (let i = 0; i < n; i++) d[i] -= alpha[k] * Y[k][i];
    }
    const gamma = S.length > 0 ? dot(S[S.length - 1], Y[Y.length - 1]) / dot(Y[Y.length - 1], Y[Y.length - 1]) : 1 / Math.max(1, maxAbs(g));
    for (let i = 0; i < n; i++) d[i] *= gamma;
    for (let k = 0; k < S.length; k++) {
      const b = rho[k] * dot(Y[k], d);
      for (let i = 0; i < n; i++) d[i] += S[k][i] * (alpha[k] - b);
    }
    for (let i = 0; i < n; i++) d[i] = -d[i];
    let slope = dot(g, d);
    if (!(slope < 0)) {
      // not a descent direction (stale curvature): restart from steepest descent
      S.length = 0;
      Y.length = 0;
      rho.length = 0;
      for (let i = 0; i < n; i++) d[i] = -g[i] / Math.max(1, maxAbs(g));
      slope = dot(g, d);
    }
    const ls = lineSearch(evaluate, x, f, g, d, slope);
    if (!ls) return done(iter, maxAbs(g) < Math.sqrt(gtol), 'line search failed to find a better point');
    const s = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      s[i] = ls.x[i] - x[i];
      y[i] = ls.g[i] - g[i];
    }
    const sy = dot(s, y);
    const fOld = f;
    x = ls.x;
    g = ls.g;
    f = ls.f;
    if (sy > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y))) {
      S.push(s);
      Y.push(y);
      rho.push(1 / sy);
      if (S.length > memory) {
        S.shift();
        Y.shift();
        rho.shift();
      }
    }
    if (Math.abs(fOld - f) <= ftol * Math.max(1, Math.abs(f))) {
      return done(iter + 1, maxAbs(g) < Math.sqrt(gtol), 'relative decrease of f below tolerance');
    }
  }
  return done(maxIterations, false, 'iteration limit reached');

  function done(iterations: number, converged: boolean, reason: string): LbfgsResult {
    return { x, f, gradient: g, iterations, evaluations, converged, reason };
  }
}

interface Point {
  x: Float64Array;
  f: number;
  g: Float64Array;
}

/** Strong-Wolfe line search along d from x (N&W Alg. 3.5 with zoom 3.6, bisection-safeguarded cubic steps). */
function lineSearch(evaluate: ObjectiveFn, x: Float64Array, f0: number, g0: Float64Array, d: Float64Array, slope0: number): Point | null {
  const n = x.length;
  const at = (a: number): Point & { slope: number } => {
    const xa = new Float64Array(n);
    for (let i = 0; i < n; i++) xa[i] = x[i] + a * d[i];
    const ga = new Float64Array(n);
    let fa = evaluate(xa, ga);
    if (!Number.isFinite(fa) || !ga.every(Number.isFinite)) fa = Infinity;
    return { x: xa, f: fa, g: ga, slope: Number.isFinite(fa) ? dot(ga, d) : NaN };
  };
  let aPrev = 0;
  let pPrev = { x, f: f0, g: g0, slope: slope0 };
  let a = 1;
  for (let i = 0; i < 40; i++) {
    const p = at(a);
    if (p.f === Infinity) {
      // outside the domain: shrink and try again (no bracket yet)
      a = aPrev + 0.5 * (a - aPrev);
      continue;
    }
    if (p.f > f0 + C1 * a * slope0 || (i > 0 && p.f >= pPrev.f)) return zoom(aPrev, pPrev, a, p);
    if (Math.abs(p.slope) <= -C2 * slope0) return p;
    if (p.slope >= 0) return zoom(a, p, aPrev, pPrev);
    aPrev = a;
    pPrev = p;
    a *= 2;
  }
  return null;

  function zoom(aLo: number, lo: Point & { slope: number }, aHi: number, hi: Point & { slope: number }): Point | null {
    for (let j = 0; j < 40; j++) {
      let aj = cubicMin(aLo, lo.f, lo.slope, aHi, hi.f, hi.slope);
      const lower = Math.min(aLo, aHi);
      const width = Math.abs(aHi - aLo);
      if (!Number.isFinite(aj) || aj < lower + 0.1 * width || aj > lower + 0.9 * width) aj = 0.5 * (aLo + aHi);
      const p = at(aj);
      if (p.f === Infinity || p.f > f0 + C1 * aj * slope0 || p.f >= lo.f) {
        aHi = aj;
        hi = p;
      } else {
        if (Math.abs(p.slope) <= -C2 * slope0) return p;
        if (p.slope * (aHi - aLo) >= 0) {
          aHi = aLo;
          hi = lo;
        }
        aLo = aj;
        lo = p;
      }
      if (width < 1e-16) break;
    }
    // accept the best point found if it decreased f (a weaker but still useful step)
    return lo.f < f0 ? lo : null;
  }
}

/** Minimiser of the cubic interpolating f and f' at two points (NaN when undefined). */
function cubicMin(a: number, fa: number, ga: number, b: number, fb: number, gb: number): number {
  if (!Number.isFinite(fb) || !Number.isFinite(gb)) return NaN;
  const d1 = ga + gb - (3 * (fa - fb)) / (a - b);
  const disc = d1 * d1 - ga * gb;
  if (disc < 0) return NaN;
  const d2 = Math.sign(b - a) * Math.sqrt(disc);
  return b - (b - a) * ((gb + d2 - d1) / (gb - ga + 2 * d2));
}
