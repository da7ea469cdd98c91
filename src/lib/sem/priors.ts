/**
 * The few prior families the SEM uses, as log densities up to a constant with derivatives.
 * Minimal local versions; dedup against src/lib/bayes once its densities land.
 */

export type Prior =
  | { readonly dist: 'normal'; readonly mean: number; readonly sd: number }
  | { readonly dist: 'halfNormal'; readonly sd: number }
  | { readonly dist: 'inverseGamma'; readonly shape: number; readonly scale: number }
  | { readonly dist: 'beta'; readonly a: number; readonly b: number }
  | { readonly dist: 'uniform'; readonly lower: number; readonly upper: number }
  | { readonly dist: 'lkj'; readonly eta: number }
  /** no prior term: for maximum likelihood, or an improper flat prior */
  | { readonly dist: 'flat' };

export const normal = (mean: number, sd: number): Prior => ({ dist: 'normal', mean, sd });
export const halfNormal = (sd: number): Prior => ({ dist: 'halfNormal', sd });
export const inverseGamma = (shape: number, scale: number): Prior => ({ dist: 'inverseGamma', shape, scale });
export const beta = (a: number, b: number): Prior => ({ dist: 'beta', a, b });
export const uniform = (lower: number, upper: number): Prior => ({ dist: 'uniform', lower, upper });
export const lkj = (eta: number): Prior => ({ dist: 'lkj', eta });
export const flat: Prior = { dist: 'flat' };

export type Support = 'real' | 'positive' | 'bounded';

export function describePrior(p: Prior): string {
  switch (p.dist) {
    case 'normal':
      return `Normal(${p.mean}, ${p.sd})`;
    case 'halfNormal':
      return `HalfNormal(${p.sd})`;
    case 'inverseGamma':
      return `InverseGamma(${p.shape}, ${p.scale})`;
    case 'beta':
      return `Beta(${p.a}, ${p.b})`;
    case 'uniform':
      return `Uniform(${p.lower}, ${p.upper})`;
    case 'lkj':
      return `LKJ(${p.eta})`;
    case 'flat':
      return 'flat';
  }
}

/**
 * The intercept prior in words: it is stated on z = (ν − x̄)/s, so Normal(0, k) on z is
 * Normal(x̄, k·s) on the intercept, x̄ and s the column's observed mean and sd.
 */
export function describeInterceptPrior(p: Prior): string {
  const centre = p.dist === 'normal' && p.mean !== 0 ? `x̄ + ${p.mean}·s` : 'x̄';
  if (p.dist === 'normal') return `Normal(${centre}, ${p.sd}·s) per indicator (x̄, s: its observed mean and sd)`;
  return `${describePrior(p)} on (ν − x̄)/s per indicator (x̄, s: its observed mean and sd)`;
}

/** Throws, naming the block, when a prior does not fit the block's support or has bad hyperparameters. */
export function checkPrior(block: string, p: Prior, support: Support | 'correlation-matrix'): void {
  const bad = (why: string) => new Error(`prior for ${block}: ${describePrior(p)} ${why}`);
  const positiveParams: number[] =
    p.dist === 'normal' ? [p.sd] : p.dist === 'halfNormal' ? [p.sd] : p.dist === 'inverseGamma' ? [p.shape, p.scale] : p.dist === 'beta' ? [p.a, p.b] : p.dist === 'lkj' ? [p.eta] : [];
  if (positiveParams.some((v) => !(v > 0) || !Number.isFinite(v))) throw bad('needs positive, finite hyperparameters');
  if (p.dist === 'uniform' && !(p.lower < p.upper)) throw bad('needs lower < upper');
  const ok: Record<typeof support, Prior['dist'][]> = {
    real: ['normal', 'flat'],
    positive: ['halfNormal', 'inverseGamma', 'flat'],
    bounded: ['beta', 'uniform'],
    'correlation-matrix': ['lkj', 'flat'],
  };
  if (!ok[support].includes(p.dist)) throw bad(`does not suit a ${support} parameter; use one of ${ok[support].join(', ')}`);
}

/** The interval a bounded prior lives on. */
export function bounds(p: Prior): [number, number] {
  if (p.dist === 'beta') return [0, 1];
  if (p.dist === 'uniform') return [p.lower, p.upper];
  throw new Error(`bounds: ${describePrior(p)} is not a bounded prior`);
}

/** log density (up to a constant) at x; x assumed inside the support. */
export function logPrior(p: Prior, x: number): number {
  switch (p.dist) {
    case 'normal':
      return -0.5 * ((x - p.mean) / p.sd) ** 2;
    case 'halfNormal':
      return -0.5 * (x / p.sd) ** 2;
    case 'inverseGamma':
      return -(p.shape + 1) * Math.log(x) - p.scale / x;
    case 'beta':
      return (p.a - 1) * Math.log(x) + (p.b - 1) * Math.log1p(-x);
    case 'uniform':
    case 'flat':
    case 'lkj':
      return 0;
  }
}

/** d/dx of logPrior. */
export function logPriorGrad(p: Prior, x: number): number {
  switch (p.dist) {
    case 'normal':
      return -(x - p.mean) / (p.sd * p.sd);
    case 'halfNormal':
      return -x / (p.sd * p.sd);
    case 'inverseGamma':
      return -(p.shape + 1) / x + p.scale / (x * x);
    case 'beta':
      return (p.a - 1) / x - (p.b - 1) / (1 - x);
    case 'uniform':
    case 'flat':
    case 'lkj':
      return 0;
  }
}
