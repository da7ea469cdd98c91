/**
 * A Bayesian SEM on the engine's Model contract, from a description, data statistics and a
 * specification (priors and the structural choices that distinguish the original analysis
 * from the identified model):
 *
 *   Σ_y = Λ (I − B)⁻¹ Ψ_ζ (I − B)⁻ᵀ Λᵀ + Ψ,   rows ~ MVN(0, Σ_y).
 *
 * Both Ψ_ζ and Ψ are written as D C D (D = diag of scales, C a correlation-like matrix), so
 * the three ways C is built (sparse correlations, LKJ Cholesky L Lᵀ, the original's R Rᵀ)
 * share one gradient path.
 */
import type { Model, ParameterBlock } from '../bayes/model';
import type { SemDescription } from './description';
import { mul, mulT, tMul, inverseIMinusNilpotent } from '../dense';
import { ZeroMeanMvn, selectStats, type SufficientStats } from './likelihood';
import { beta, bounds, checkPrior, halfNormal, inverseGamma, lkj, logPrior, logPriorGrad, normal, uniform, type Prior } from './priors';
import {
  boundedDerivative,
  boundedForward,
  boundedInverse,
  boundedLogJacobian,
  boundedLogJacobianGrad,
  corrCholeskyBackward,
  corrCholeskyForward,
} from './transforms';

/** 'intended': `y ~ x` puts its coefficient at B[y, x]. 'reversed': at B[x, y], as the original did. */
export type PathPlacement = 'intended' | 'reversed';
/** 'structural': free variance per latent, covariances only where described. 'lkj': a full LKJ covariance. */
export type LatentCovarianceForm = 'structural' | 'lkj';
/** 'correlation': Ψ_ij = ρ s_i s_j. 'sr-product': the original's Ψ = (S R)(S R)ᵀ, R = I + β at [i, j]. */
export type ResidualCovarianceForm = 'correlation' | 'sr-product';

export interface SemPriors {
  /** free loadings */
  readonly loading: Prior;
  /** path coefficients */
  readonly path: Prior;
  /** latent (residual) standard deviations */
  readonly latentScale: Prior;
  /** LKJ(η) in the 'lkj' form; a bounded prior on each correlation in the 'structural' form */
  readonly latentCorrelation: Prior;
  /** indicator residual standard deviations (s) */
  readonly residualScale: Prior;
  /** ρ in the 'correlation' form, β in the 'sr-product' form (bounded) */
  readonly residualCorrelation: Prior;
}

export interface SemSpec {
  readonly pathPlacement: PathPlacement;
  readonly latentCovariance: LatentCovarianceForm;
  readonly residualCovariance: ResidualCovarianceForm;
  readonly priors: SemPriors;
}

/**
 * The corrected model: intended directions, standard SEM covariances, residual correlation of
 * either sign. Priors keep the brief's paths and latent scales; two are widened because on
 * these data they would dominate the likelihood: N(1, 0.5) on loadings shrinks MI's loading
 * (ML ≈ 2.3 ± 0.5), and InverseGamma(3, 4) on residual sds (mode 1, almost no mass below 0.3)
 * forces MI's residual variance far above its ML value (≈ 0.06). Override with withPriors().
 */
export const IDENTIFIED_SPEC: SemSpec = {
  pathPlacement: 'intended',
  latentCovariance: 'structural',
  residualCovariance: 'correlation',
  priors: {
    loading: normal(1, 2),
    path: normal(0, 1),
    latentScale: halfNormal(1),
    latentCorrelation: uniform(-1, 1),
    residualScale: halfNormal(1),
    residualCorrelation: uniform(-1, 1),
  },
};

/** The original analysis as coded (see the brief's "Known problems"). */
export const ORIGINAL_SPEC: SemSpec = {
  pathPlacement: 'reversed',
  latentCovariance: 'lkj',
  residualCovariance: 'sr-product',
  priors: {
    loading: normal(1, 0.5),
    path: normal(0, 1),
    latentScale: halfNormal(1),
    latentCorrelation: lkj(2),
    residualScale: inverseGamma(3, 4),
    residualCorrelation: beta(1, 1),
  },
};

/** A spec with some prior blocks replaced. */
export function withPriors(spec: SemSpec, overrides: Partial<SemPriors>): SemSpec {
  return { ...spec, priors: { ...spec.priors, ...overrides } };
}

export interface ImpliedMatrices {
  /** p×m */
  readonly lambda: Float64Array;
  /** m×m, B[i, j] = effect of j on i */
  readonly B: Float64Array;
  /** m×m latent residual covariance */
  readonly psiZeta: Float64Array;
  /** p×p indicator residual covariance */
  readonly psi: Float64Array;
  /** p×p model-implied covariance */
  readonly sigma: Float64Array;
}

export interface SemModel extends Model {
  readonly description: SemDescription;
  readonly spec: SemSpec;
  /** number of indicators and latents */
  readonly p: number;
  readonly m: number;
  /** a name per unconstrained coordinate, e.g. 'CTS=~ST', 'log sd[CTS]' */
  readonly coordinateNames: readonly string[];
  /** log-likelihood alone (no prior, no Jacobian), with its gradient in θ when grad is given */
  logLikelihood(theta: Float64Array, grad: Float64Array | null): number;
  /** Λ, B, Ψ_ζ, Ψ and Σ_y at θ (fresh arrays) */
  implied(theta: Float64Array): ImpliedMatrices;
  /** a deterministic, data-informed starting point (loadings 1, paths 0, variances from the data) */
  initialPoint(): Float64Array;
}

interface ScaledCorrelation {
  /** coordinate offset of the log scales */
  scaleOffset: number;
  /** coordinate offset of the correlation parameters */
  corrOffset: number;
  corrCount: number;
}

/**
 * Build the model. `stats` may hold more columns than the model uses; they are selected by name
 * through the description's columnIndex.
 */
export function buildSemModel(description: SemDescription, stats: SufficientStats, spec: SemSpec): SemModel {
  const d = description;
  const pr = spec.priors;
  checkPrior('loadings', pr.loading, 'real');
  checkPrior('paths', pr.path, 'real');
  checkPrior('latent scales', pr.latentScale, 'positive');
  checkPrior('latent correlations', pr.latentCorrelation, spec.latentCovariance === 'lkj' ? 'correlation-matrix' : 'bounded');
  checkPrior('residual scales', pr.residualScale, 'positive');
  checkPrior('residual correlations', pr.residualCorrelation, 'bounded');
  const [rcLo, rcHi] = bounds(pr.residualCorrelation);
  if (spec.residualCovariance === 'correlation' && (rcLo < -1 || rcHi > 1)) {
    throw new Error(`prior for residual correlations must live inside (−1, 1) in the 'correlation' form, got (${rcLo}, ${rcHi})`);
  }
  const [lcLo, lcHi] = spec.latentCovariance === 'structural' ? bounds(pr.latentCorrelation) : [-1, 1];
  if (lcLo < -1 || lcHi > 1) throw new Error(`prior for latent correlations must live inside (−1, 1), got (${lcLo}, ${lcHi})`);

  if (stats.names.length <= Math.max(...d.columnIndex)) {
    throw new Error(`buildSemModel: the statistics have ${stats.names.length} columns but the description uses column ${Math.max(...d.columnIndex) + 1}`);
  }
  d.observed.forEach((o, i) => {
    if (stats.names[d.columnIndex[i]] !== o) {
      throw new Error(`buildSemModel: column ${d.columnIndex[i]} of the statistics is '${stats.names[d.columnIndex[i]]}', the description expects '${o}'; describe the model against the same columns`);
    }
  });
  const used = selectStats(stats, d.columnIndex);
  const mvn = new ZeroMeanMvn(used);
  const p = d.observed.length;
  const m = d.latents.length;

  // ---- layout of θ -------------------------------------------------------------------
  const names: string[] = [];
  const freeLoadings = d.loadings.filter((l) => l.fixed === null);
  const loadingOffset = 0;
  for (const l of freeLoadings) names.push(l.name);
  const pathOffset = names.length;
  for (const pth of d.paths) names.push(pth.name);
  const latent: ScaledCorrelation = { scaleOffset: names.length, corrOffset: 0, corrCount: 0 };
  for (const l of d.latents) names.push(`log sd[${l}]`);
  latent.corrOffset = names.length;
  if (spec.latentCovariance === 'lkj') {
    for (let i = 1; i < m; i++) for (let j = 0; j < i; j++) names.push(`cpc[${d.latents[i]},${d.latents[j]}]`);
    latent.corrCount = (m * (m - 1)) / 2;
  } else {
    for (const c of d.latentCovariances) names.push(`rho[${c.a},${c.b}] (unconstrained)`);
    latent.corrCount = d.latentCovariances.length;
  }
  const resid: ScaledCorrelation = { scaleOffset: names.length, corrOffset: 0, corrCount: d.residualCovariances.length };
  for (const o of d.observed) names.push(`log s[${o}]`);
  resid.corrOffset = names.length;
  const rcLabel = spec.residualCovariance === 'correlation' ? 'rho' : 'beta';
  for (const c of d.residualCovariances) names.push(`${rcLabel}[${c.a},${c.b}] (unconstrained)`);
  const dim = names.length;

  // ---- workspace ---------------------------------------------------------------------
  const lambda = new Float64Array(p * m);
  const B = new Float64Array(m * m);
  const A = new Float64Array(m * m);
  const powerW = new Float64Array(m * m);
  const tmpW = new Float64Array(m * m);
  const sdL = new Float64Array(m);
  const CL = new Float64Array(m * m); // latent correlation-like matrix
  const LL = new Float64Array(m * m); // its Cholesky factor in the LKJ form
  const psiZeta = new Float64Array(m * m);
  const phi = new Float64Array(m * m);
  const T = new Float64Array(p * m);
  const sdR = new Float64Array(p);
  const CR = new Float64Array(p * p);
  const R = new Float64Array(p * p); // the original's R in the 'sr-product' form
  const psi = new Float64Array(p * p);
  const sigma = new Float64Array(p * p);
  const G = new Float64Array(p * p);
  const GL = new Float64Array(p * m);
  const GT = new Float64Array(p * m);
  const H = new Float64Array(m * m);
  const mw1 = new Float64Array(m * m);
  const mw2 = new Float64Array(m * m);
  const gPsiZeta = new Float64Array(m * m);
  const gA = new Float64Array(m * m);
  const gB = new Float64Array(m * m);
  const W = new Float64Array(Math.max(p * p, m * m));
  const gC = new Float64Array(Math.max(p * p, m * m));

  const pathRow = (k: number) => (spec.pathPlacement === 'intended' ? d.paths[k].toIndex : d.paths[k].fromIndex);
  const pathCol = (k: number) => (spec.pathPlacement === 'intended' ? d.paths[k].fromIndex : d.paths[k].toIndex);

  /** Fills the matrices; returns log prior + log Jacobian (0 when withPrior is false), or −Infinity. */
  function forward(theta: Float64Array, withPrior: boolean): number {
    if (theta.length !== dim) throw new Error(`SEM model: θ has length ${theta.length}, expected ${dim}`);
    let lp = 0;
    lambda.fill(0);
    for (const l of d.loadings) if (l.fixed !== null) lambda[l.row * m + l.col] = l.fixed;
    freeLoadings.forEach((l, k) => {
      const v = theta[loadingOffset + k];
      lambda[l.row * m + l.col] = v;
      if (withPrior) lp += logPrior(pr.loading, v);
    });
    B.fill(0);
    d.paths.forEach((_, k) => {
      const v = theta[pathOffset + k];
      B[pathRow(k) * m + pathCol(k)] = v;
      if (withPrior) lp += logPrior(pr.path, v);
    });
    // latent scales and correlation-like matrix
    for (let i = 0; i < m; i++) {
      const y = theta[latent.scaleOffset + i];
      sdL[i] = Math.exp(y);
      if (withPrior) lp += logPrior(pr.latentScale, sdL[i]) + y;
    }
    if (spec.latentCovariance === 'lkj') {
      const eta = pr.latentCorrelation.dist === 'lkj' ? pr.latentCorrelation.eta : null;
      const jac = corrCholeskyForward(theta, latent.corrOffset, m, LL, eta);
      if (withPrior) lp += jac;
      mulT(LL, LL, m, m, m, CL);
    } else {
      CL.fill(0);
      for (let i = 0; i < m; i++) CL[i * m + i] = 1;
      d.latentCovariances.forEach((c, k) => {
        const y = theta[latent.corrOffset + k];
        const r = boundedForward(y, lcLo, lcHi);
        CL[c.i * m + c.j] = r;
        CL[c.j * m + c.i] = r;
        if (withPrior) lp += logPrior(pr.latentCorrelation, r) + boundedLogJacobian(y, lcLo, lcHi);
      });
    }
    for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) psiZeta[i * m + j] = sdL[i] * CL[i * m + j] * sdL[j];
    // residual scales and correlation-like matrix
    for (let i = 0; i < p; i++) {
      const y = theta[resid.scaleOffset + i];
      sdR[i] = Math.exp(y);
      if (withPrior) lp += logPrior(pr.residualScale, sdR[i]) + y;
    }
    if (spec.residualCovariance === 'sr-product') {
      R.fill(0);
      for (let i = 0; i < p; i++) R[i * p + i] = 1;
      d.residualCovariances.forEach((c, k) => {
        const y = theta[resid.corrOffset + k];
        const b = boundedForward(y, rcLo, rcHi);
        R[c.i * p + c.j] = b;
        if (withPrior) lp += logPrior(pr.residualCorrelation, b) + boundedLogJacobian(y, rcLo, rcHi);
      });
      mulT(R, R, p, p, p, CR);
    } else {
      CR.fill(0);
      for (let i = 0; i < p; i++) CR[i * p + i] = 1;
      d.residualCovariances.forEach((c, k) => {
        const y = theta[resid.corrOffset + k];
        const r = boundedForward(y, rcLo, rcHi);
        CR[c.i * p + c.j] = r;
        CR[c.j * p + c.i] = r;
        if (withPrior) lp += logPrior(pr.residualCorrelation, r) + boundedLogJacobian(y, rcLo, rcHi);
      });
    }
    for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) psi[i * p + j] = sdR[i] * CR[i * p + j] * sdR[j];
    // Σ_y = Λ A Ψ_ζ Aᵀ Λᵀ + Ψ
    inverseIMinusNilpotent(B, m, A, powerW, tmpW);
    mul(A, psiZeta, m, m, m, mw1);
    mulT(mw1, A, m, m, m, phi);
    mul(lambda, phi, p, m, m, T);
    mulT(T, lambda, p, m, p, sigma);
    for (let i = 0; i < p * p; i++) sigma[i] += psi[i];
    return Number.isFinite(lp) ? lp : -Infinity;
  }

  /** ∂(prior part)/∂y of a D C D block: adds scale and correlation gradients for gCov = ∂ℓ/∂(D C D). */
  function scaleGrad(gCov: Float64Array, sd: Float64Array, C: Float64Array, k: number, offset: number, grad: Float64Array): void {
    // Cov_ab = sd_a sd_b C_ab ⇒ ∂ℓ/∂sd_a = 2 Σ_b gCov_ab C_ab sd_b; chain through sd = exp(y).
    for (let a = 0; a < k; a++) {
      let s = 0;
      for (let b = 0; b < k; b++) s += gCov[a * k + b] * C[a * k + b] * sd[b];
      grad[offset + a] += 2 * s * sd[a];
    }
    // W = ∂ℓ/∂C = gCov ∘ sd sdᵀ
    for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) W[a * k + b] = gCov[a * k + b] * sd[a] * sd[b];
  }

  function evaluate(theta: Float64Array, grad: Float64Array | null, withPrior: boolean): number {
    const lp = forward(theta, withPrior);
    if (lp === -Infinity) return -Infinity;
    const ll = mvn.logLikAndGrad(sigma, grad ? G : null);
    if (ll === -Infinity) return -Infinity;
    if (!grad) return ll + lp;
    grad.fill(0);

    // ∂ℓ/∂Λ = 2 G Λ Φ = 2 G T
    mul(G, T, p, p, m, GT);
    freeLoadings.forEach((l, k) => {
      grad[loadingOffset + k] += 2 * GT[l.row * m + l.col];
    });
    // H = Λᵀ G Λ;  ∂ℓ/∂Ψ_ζ = Aᵀ H A;  ∂ℓ/∂A = 2 H A Ψ_ζ;  ∂ℓ/∂B = Aᵀ (∂ℓ/∂A) Aᵀ
    mul(G, lambda, p, p, m, GL);
    tMul(lambda, GL, p, m, m, H);
    tMul(A, H, m, m, m, mw1);
    mul(mw1, A, m, m, m, gPsiZeta);
    mul(H, A, m, m, m, mw1);
    mul(mw1, psiZeta, m, m, m, mw2);
    for (let i = 0; i < m * m; i++) gA[i] = 2 * mw2[i];
    tMul(A, gA, m, m, m, mw1);
    mulT(mw1, A, m, m, m, gB);
    d.paths.forEach((_, k) => {
      grad[pathOffset + k] += gB[pathRow(k) * m + pathCol(k)];
    });

    // latent covariance block
    scaleGrad(gPsiZeta, sdL, CL, m, latent.scaleOffset, grad);
    if (spec.latentCovariance === 'lkj') {
      // C = L Lᵀ ⇒ ∂ℓ/∂L = 2 W L
      mul(W.subarray(0, m * m), LL, m, m, m, gC);
      for (let i = 0; i < m * m; i++) gC[i] *= 2;
      const eta = pr.latentCorrelation.dist === 'lkj' ? pr.latentCorrelation.eta : null;
      corrCholeskyBackward(theta, latent.corrOffset, m, LL, gC, eta, withPrior, grad);
    } else {
      d.latentCovariances.forEach((c, k) => {
        const y = theta[latent.corrOffset + k];
        const gr = 2 * W[c.i * m + c.j];
        let g = gr * boundedDerivative(y, lcLo, lcHi);
        if (withPrior) {
          const r = boundedForward(y, lcLo, lcHi);
          g += logPriorGrad(pr.latentCorrelation, r) * boundedDerivative(y, lcLo, lcHi) + boundedLogJacobianGrad(y);
        }
        grad[latent.corrOffset + k] += g;
      });
    }

    // residual covariance block: ∂ℓ/∂Ψ = G
    scaleGrad(G, sdR, CR, p, resid.scaleOffset, grad);
    if (spec.residualCovariance === 'sr-product') {
      // C = R Rᵀ ⇒ ∂ℓ/∂R = 2 W R, and only R[i, j] is free
      d.residualCovariances.forEach((c, k) => {
        let s = 0;
        for (let t = 0; t < p; t++) s += W[c.i * p + t] * R[t * p + c.j];
        const y = theta[resid.corrOffset + k];
        let g = 2 * s * boundedDerivative(y, rcLo, rcHi);
        if (withPrior) {
          const b = boundedForward(y, rcLo, rcHi);
          g += logPriorGrad(pr.residualCorrelation, b) * boundedDerivative(y, rcLo, rcHi) + boundedLogJacobianGrad(y);
        }
        grad[resid.corrOffset + k] += g;
      });
    } else {
      d.residualCovariances.forEach((c, k) => {
        const y = theta[resid.corrOffset + k];
        let g = 2 * W[c.i * p + c.j] * boundedDerivative(y, rcLo, rcHi);
        if (withPrior) {
          const r = boundedForward(y, rcLo, rcHi);
          g += logPriorGrad(pr.residualCorrelation, r) * boundedDerivative(y, rcLo, rcHi) + boundedLogJacobianGrad(y);
        }
        grad[resid.corrOffset + k] += g;
      });
    }

    if (withPrior) {
      // priors on loadings, paths and scales (in their constrained values), plus log-Jacobians of exp
      freeLoadings.forEach((_, k) => (grad[loadingOffset + k] += logPriorGrad(pr.loading, theta[loadingOffset + k])));
      d.paths.forEach((_, k) => (grad[pathOffset + k] += logPriorGrad(pr.path, theta[pathOffset + k])));
      for (let i = 0; i < m; i++) grad[latent.scaleOffset + i] += logPriorGrad(pr.latentScale, sdL[i]) * sdL[i] + 1;
      for (let i = 0; i < p; i++) grad[resid.scaleOffset + i] += logPriorGrad(pr.residualScale, sdR[i]) * sdR[i] + 1;
    }
    for (let i = 0; i < dim; i++) if (!Number.isFinite(grad[i])) return -Infinity;
    return ll + lp;
  }

  // ---- constrained output ------------------------------------------------------------
  const blocks: ParameterBlock[] = [];
  const scalar = (name: string) => blocks.push({ name, shape: [] });
  freeLoadings.forEach((l) => scalar(l.name));
  d.paths.forEach((x) => scalar(x.name));
  d.latents.forEach((l) => scalar(`${l}~~${l}`));
  const latentPairs: [number, number][] =
    spec.latentCovariance === 'lkj'
      ? d.latents.flatMap((_, i) => d.latents.slice(0, i).map((__, j) => [i, j] as [number, number]))
      : d.latentCovariances.map((c) => [c.i, c.j] as [number, number]);
  latentPairs.forEach(([i, j]) => scalar(`${d.latents[i]}~~${d.latents[j]}`));
  d.observed.forEach((o) => scalar(`${o}~~${o}`));
  d.residualCovariances.forEach((c) => scalar(c.name));
  d.residualCovariances.forEach((c) => scalar(`${rcLabel}[${c.a},${c.b}]`));

  function constrain(theta: Float64Array): Record<string, Float64Array> {
    forward(theta, false);
    const out: Record<string, Float64Array> = {};
    const put = (name: string, v: number) => (out[name] = Float64Array.of(v));
    freeLoadings.forEach((l) => put(l.name, lambda[l.row * m + l.col]));
    d.paths.forEach((x, k) => put(x.name, B[pathRow(k) * m + pathCol(k)]));
    d.latents.forEach((l, i) => put(`${l}~~${l}`, psiZeta[i * m + i]));
    latentPairs.forEach(([i, j]) => put(`${d.latents[i]}~~${d.latents[j]}`, psiZeta[i * m + j]));
    d.observed.forEach((o, i) => put(`${o}~~${o}`, psi[i * p + i]));
    d.residualCovariances.forEach((c) => put(c.name, psi[c.i * p + c.j]));
    d.residualCovariances.forEach((c, k) => put(`${rcLabel}[${c.a},${c.b}]`, boundedForward(theta[resid.corrOffset + k], rcLo, rcHi)));
    return out;
  }

  function initialPoint(): Float64Array {
    const theta = new Float64Array(dim);
    freeLoadings.forEach((_, k) => (theta[loadingOffset + k] = 1));
    const varOf = (i: number) => used.scatter[i * p + i] / used.n + used.mean[i] ** 2;
    d.latents.forEach((_, j) => {
      const marker = d.loadings.find((l) => l.col === j && l.fixed !== null);
      theta[latent.scaleOffset + j] = Math.log(Math.sqrt(0.5 * (marker ? varOf(marker.row) : 1)));
    });
    d.observed.forEach((_, i) => (theta[resid.scaleOffset + i] = Math.log(Math.sqrt(0.5 * varOf(i)))));
    // correlations at the centre of their interval (θ = 0 also gives the LKJ identity)
    d.residualCovariances.forEach((_, k) => (theta[resid.corrOffset + k] = boundedInverse(spec.residualCovariance === 'correlation' ? 0 : (rcLo + rcHi) / 2, rcLo, rcHi)));
    return theta;
  }

  return {
    dim,
    parameters: blocks,
    description: d,
    spec,
    p,
    m,
    coordinateNames: names,
    logDensityAndGradient: (theta, grad) => evaluate(theta, grad, true),
    logLikelihood: (theta, grad) => evaluate(theta, grad, false),
    constrain,
    implied(theta) {
      forward(theta, false);
      return { lambda: lambda.slice(), B: B.slice(), psiZeta: psiZeta.slice(), psi: psi.slice(), sigma: sigma.slice() };
    },
    initialPoint,
  };
}
