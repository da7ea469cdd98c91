/**
 * Maximum likelihood for a SEM description: L-BFGS on the same log-likelihood the Bayesian
 * model uses (priors and Jacobians left out) — with missing cells, full-information ML over
 * the missingness patterns (lavaan's missing = "ml") — standard errors from the observed
 * information (finite differences of the exact gradient, mapped to lavaan-style parameters by
 * the delta method), and the usual fit indices.
 */
import { srmr as srmrOf } from '../metrics';
import { zeros } from '../linalg';
import type { SemDescription } from './description';
import { choleskyInto, inverseFromCholesky } from '../dense';
import { minimizeLbfgs } from './lbfgs';
import type { SufficientStats } from './likelihood';
import { buildSemModel, IDENTIFIED_SPEC, type SemModel, type SemSpec } from './model';
import { independenceFit, saturatedFit } from './saturated';
import { chiSquareSurvival } from '../special';

export interface MlParameter {
  /** lavaan-style name, e.g. 'DTP~CTS', 'CTS=~ST', 'UF1~~FOR', 'ST~~ST' */
  readonly name: string;
  readonly estimate: number;
  /** standard error from the observed information; NaN when the information is singular */
  readonly se: number;
}

export interface FitIndices {
  readonly n: number;
  /** free parameters */
  readonly npar: number;
  readonly df: number;
  readonly logLik: number;
  /** likelihood-ratio test against the saturated model, 2(ℓ_sat − ℓ̂) */
  readonly chisq: number;
  readonly pvalue: number;
  /** independence (diagonal) baseline model */
  readonly baselineChisq: number;
  readonly baselineDf: number;
  readonly cfi: number;
  readonly tli: number;
  /** sqrt(max(χ² − df, 0) / (df · n)) */
  readonly rmsea: number;
  /** Bentler's SRMR as lavaan reports it: covariance residuals scaled by sqrt(s_ii s_jj), i ≤ j */
  readonly srmr: number;
  /** SRMR of correlation residuals (the essay's metrics.srmr on cor(S) − cor(Σ̂)) */
  readonly srmrCorrelation: number;
}

export interface MlFit {
  readonly parameters: readonly MlParameter[];
  /** the optimum on the unconstrained scale */
  readonly theta: Float64Array;
  readonly fit: FitIndices;
  readonly converged: boolean;
  readonly iterations: number;
  readonly message: string;
  readonly hessianPositiveDefinite: boolean;
  /** model-implied covariance of the observed variables (p×p, the description's order) */
  readonly impliedCovariance: Float64Array;
  /** model-implied means (zeros without a mean structure) */
  readonly impliedMean: Float64Array;
  readonly observed: readonly string[];
}

export interface MlOptions {
  /** structural choices; priors are ignored (default: the identified specification) */
  readonly spec?: SemSpec;
  /** starting point on the unconstrained scale (default: the model's initialPoint) */
  readonly start?: Float64Array;
}

export function fitMl(description: SemDescription, stats: SufficientStats, options: MlOptions = {}): MlFit {
  const model = buildSemModel(description, stats, options.spec ?? IDENTIFIED_SPEC);
  const n = stats.n;
  // Minimise −ℓ/n: an O(1) objective keeps the line search's tolerances meaningful.
  const objective = (theta: Float64Array, grad: Float64Array) => {
    const ll = model.logLikelihood(theta, grad);
    for (let i = 0; i < grad.length; i++) grad[i] = -grad[i] / n;
    return -ll / n;
  };
  const opt = minimizeLbfgs(objective, options.start ?? model.initialPoint(), { gradientTolerance: 1e-9, maxIterations: 5000 });
  const theta = opt.x;
  const logLik = model.logLikelihood(theta, null);

  const { covariance: covTheta, positiveDefinite } = inverseHessian(model, theta);
  const parameters = deltaMethod(model, theta, covTheta);
  const implied = model.implied(theta);
  const fit = fitIndices(model.stats, implied, logLik, model.dim, model.spec.meanStructure === 'intercepts');
  return {
    parameters,
    theta,
    fit,
    converged: opt.converged,
    iterations: opt.iterations,
    message: opt.reason,
    hessianPositiveDefinite: positiveDefinite,
    impliedCovariance: implied.sigma,
    impliedMean: implied.mu,
    observed: description.observed,
  };
}

/** (−∇²ℓ)⁻¹ in θ by central differences of the exact gradient. */
function inverseHessian(model: SemModel, theta: Float64Array): { covariance: Float64Array; positiveDefinite: boolean } {
  const d = model.dim;
  const h = 1e-5;
  const H = new Float64Array(d * d);
  const gp = new Float64Array(d);
  const gm = new Float64Array(d);
  const t = Float64Array.from(theta);
  for (let j = 0; j < d; j++) {
    t[j] = theta[j] + h;
    model.logLikelihood(t, gp);
    t[j] = theta[j] - h;
    model.logLikelihood(t, gm);
    t[j] = theta[j];
    for (let i = 0; i < d; i++) H[i * d + j] = -(gp[i] - gm[i]) / (2 * h);
  }
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < i; j++) {
      const v = 0.5 * (H[i * d + j] + H[j * d + i]);
      H[i * d + j] = v;
      H[j * d + i] = v;
    }
  }
  const L = new Float64Array(d * d);
  const out = new Float64Array(d * d);
  if (!choleskyInto(H, L, d)) return { covariance: out.fill(NaN), positiveDefinite: false };
  inverseFromCholesky(L, out, new Float64Array(d * d), d);
  return { covariance: out, positiveDefinite: true };
}

/** Estimates and SEs of the named constrained parameters: J Cov(θ) Jᵀ with J by central differences. */
function deltaMethod(model: SemModel, theta: Float64Array, covTheta: Float64Array): MlParameter[] {
  const d = model.dim;
  const names = model.parameters.map((b) => b.name);
  const at = model.constrain(theta);
  const estimates = names.map((nm) => at[nm][0]);
  const J = new Float64Array(names.length * d);
  const h = 1e-6;
  const t = Float64Array.from(theta);
  for (let j = 0; j < d; j++) {
    t[j] = theta[j] + h;
    const up = model.constrain(t);
    t[j] = theta[j] - h;
    const down = model.constrain(t);
    t[j] = theta[j];
    names.forEach((nm, i) => (J[i * d + j] = (up[nm][0] - down[nm][0]) / (2 * h)));
  }
  return names.map((name, i) => {
    let v = 0;
    for (let a = 0; a < d; a++) {
      const ja = J[i * d + a];
      if (ja === 0) continue;
      for (let b = 0; b < d; b++) v += ja * covTheta[a * d + b] * J[i * d + b];
    }
    return { name, estimate: estimates[i], se: Math.sqrt(v) };
  });
}

/**
 * χ², CFI, TLI, RMSEA and SRMR of a fitted model (implied μ and Σ, log-likelihood, free
 * parameters) on its own columns' statistics, as lavaan computes them: χ² against the saturated
 * model (full-information ML when cells are missing), CFI and TLI against the independence
 * model, RMSEA with n, and Bentler's SRMR from residuals scaled by the saturated model's sds —
 * over the covariances, and over the means too when the model has a mean structure.
 */
export function fitIndices(stats: SufficientStats, implied: { sigma: Float64Array; mu: Float64Array }, logLik: number, npar: number, withMeans: boolean): FitIndices {
  const p = stats.names.length;
  const n = stats.n;
  const h1 = saturatedFit(stats, withMeans);
  const h0 = independenceFit(stats, withMeans);
  const moments = (p * (p + 1)) / 2 + (withMeans ? p : 0);
  const df = moments - npar;
  const baselineDf = moments - (withMeans ? 2 * p : p);
  const chisq = Math.max(0, 2 * (h1.logLik - logLik));
  const baselineChisq = 2 * (h1.logLik - h0.logLik);
  const excess = Math.max(chisq - df, 0);
  const cfiDen = Math.max(chisq - df, baselineChisq - baselineDf, 0);
  const cfi = cfiDen === 0 ? 1 : 1 - excess / cfiDen;
  const tli = (baselineChisq / baselineDf - chisq / df) / (baselineChisq / baselineDf - 1);
  const rmsea = df > 0 ? Math.sqrt(excess / (df * n)) : NaN;

  const S = h1.cov;
  const sigma = implied.sigma;
  let bentler = 0;
  const rs = zeros(p, p);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      const scale = Math.sqrt(S[i * p + i] * S[j * p + j]);
      bentler += ((S[i * p + j] - sigma[i * p + j]) / scale) ** 2;
      const rS = S[i * p + j] / scale;
      const rM = sigma[i * p + j] / Math.sqrt(sigma[i * p + i] * sigma[j * p + j]);
      rs.data[i * p + j] = rS - rM;
      rs.data[j * p + i] = rS - rM;
    }
    if (withMeans) bentler += ((h1.mean[i] - implied.mu[i]) / Math.sqrt(S[i * p + i])) ** 2;
  }
  return {
    n,
    npar,
    df,
    logLik,
    chisq,
    pvalue: df > 0 ? chiSquareSurvival(chisq, df) : NaN,
    baselineChisq,
    baselineDf,
    cfi,
    tli,
    rmsea,
    srmr: Math.sqrt(bentler / moments),
    srmrCorrelation: srmrOf(rs),
  };
}
