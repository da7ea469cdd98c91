/**
 * The two reference models the fit indices compare a SEM against, fitted to the same
 * statistics by the same likelihood: the saturated model (free means and covariance: H1 of the
 * χ² test, and the "sample" moments residuals are taken from) and the independence baseline
 * (free means and variances, no covariances: CFI's and TLI's null model). With complete data
 * both are closed forms; with missing cells the saturated model is full-information ML, as
 * lavaan's EM gives it, found here by L-BFGS on a Cholesky factor.
 */
import { minimizeLbfgs } from './lbfgs';
import { MvnLikelihood, secondMomentAboutZero, type SufficientStats } from './likelihood';

export interface ReferenceFit {
  /** means (zeros when the model has no mean structure) */
  readonly mean: Float64Array;
  /** p×p covariance (about zero when the model has no mean structure) */
  readonly cov: Float64Array;
  readonly logLik: number;
  readonly converged: boolean;
}

/** Observed count, mean and second moment about zero of each column, from the statistics. */
function columnMoments(s: SufficientStats): { count: Float64Array; mean: Float64Array; moment2: Float64Array } {
  const p = s.names.length;
  const count = new Float64Array(p);
  const sum = new Float64Array(p);
  const moment2 = new Float64Array(p);
  const patterns = s.patterns ?? [{ observed: Array.from({ length: p }, (_, j) => j), count: s.n, mean: s.mean, scatter: s.scatter }];
  for (const g of patterns) {
    const q = g.observed.length;
    g.observed.forEach((j, a) => {
      count[j] += g.count;
      sum[j] += g.count * g.mean[a];
      moment2[j] += g.scatter[a * q + a] + g.count * g.mean[a] ** 2;
    });
  }
  const mean = sum.map((v, j) => v / count[j]);
  return { count, mean, moment2: moment2.map((v, j) => v / count[j]) };
}

/** Independence model: each column's own ML mean and variance (or variance about zero). */
export function independenceFit(s: SufficientStats, withMeans: boolean): ReferenceFit {
  const p = s.names.length;
  const { mean, moment2 } = columnMoments(s);
  const mu = withMeans ? mean : new Float64Array(p);
  const cov = new Float64Array(p * p);
  for (let j = 0; j < p; j++) cov[j * p + j] = moment2[j] - (withMeans ? mean[j] ** 2 : 0);
  const logLik = new MvnLikelihood(s).logLik(withMeans ? mu : null, cov, null, null);
  return { mean: mu, cov, logLik, converged: true };
}

/** Saturated model: free covariance, and free means when the model has a mean structure. */
export function saturatedFit(s: SufficientStats, withMeans: boolean): ReferenceFit {
  const p = s.names.length;
  const lik = new MvnLikelihood(s);
  if (!s.patterns) {
    const mean = withMeans ? Float64Array.from(s.mean) : new Float64Array(p);
    const cov = (withMeans ? Float64Array.from(s.scatter) : secondMomentAboutZero(s)).map((v) => v / s.n);
    return { mean, cov, logLik: lik.logLik(withMeans ? mean : null, cov, null, null), converged: true };
  }
  return saturatedByLbfgs(s, lik, withMeans);
}

/**
 * θ = (μ if free, then the lower triangle of L row by row with log diagonal), Σ = L Lᵀ.
 * ∂ℓ/∂L = 2 G L for the symmetric ∂ℓ/∂Σ = G. Starts from the independence fit.
 */
function saturatedByLbfgs(s: SufficientStats, lik: MvnLikelihood, withMeans: boolean): ReferenceFit {
  const p = s.names.length;
  const n = s.n;
  const k0 = withMeans ? p : 0;
  const start = independenceFit(s, withMeans);
  const x0 = new Float64Array(k0 + (p * (p + 1)) / 2);
  if (withMeans) x0.set(start.mean);
  let idx = k0;
  for (let i = 0; i < p; i++) for (let j = 0; j <= i; j++) x0[idx++] = i === j ? 0.5 * Math.log(start.cov[i * p + i]) : 0;

  const mu = new Float64Array(p);
  const Lf = new Float64Array(p * p);
  const sigma = new Float64Array(p * p);
  const gMu = new Float64Array(p);
  const G = new Float64Array(p * p);
  const unpack = (x: Float64Array) => {
    if (withMeans) mu.set(x.subarray(0, p));
    let t = k0;
    Lf.fill(0);
    for (let i = 0; i < p; i++) for (let j = 0; j <= i; j++) Lf[i * p + j] = i === j ? Math.exp(x[t++]) : x[t++];
    for (let i = 0; i < p; i++) {
      for (let j = 0; j <= i; j++) {
        let v = 0;
        for (let q = 0; q <= j; q++) v += Lf[i * p + q] * Lf[j * p + q];
        sigma[i * p + j] = sigma[j * p + i] = v;
      }
    }
  };
  // minimise −ℓ/n, an O(1) objective
  const objective = (x: Float64Array, grad: Float64Array) => {
    unpack(x);
    const ll = lik.logLik(withMeans ? mu : null, sigma, gMu, G);
    if (!Number.isFinite(ll)) return Infinity;
    if (withMeans) for (let j = 0; j < p; j++) grad[j] = -gMu[j] / n;
    let t = k0;
    for (let i = 0; i < p; i++) {
      for (let j = 0; j <= i; j++) {
        let g = 0;
        for (let q = 0; q < p; q++) g += G[i * p + q] * Lf[q * p + j];
        g *= 2;
        grad[t++] = -(i === j ? g * Lf[i * p + i] : g) / n;
      }
    }
    return -ll / n;
  };
  const opt = minimizeLbfgs(objective, x0, { gradientTolerance: 1e-10, maxIterations: 10_000 });
  unpack(opt.x);
  return { mean: withMeans ? Float64Array.from(mu) : new Float64Array(p), cov: Float64Array.from(sigma), logLik: -opt.f * n, converged: opt.converged };
}
