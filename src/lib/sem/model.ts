/**
 * A Bayesian SEM on the engine's Model contract, from a description, data statistics and a
 * specification (spec.ts):
 *
 *   μ_y = ν (free intercepts) or 0,   Σ_y = Λ (I − B)⁻¹ Ψ_ζ (I − B)⁻ᵀ Λᵀ + Ψ,
 *   each row's observed cells ~ MVN(μ_y, Σ_y) restricted to them (missing cells integrated out).
 *
 * Both Ψ_ζ and Ψ are written as D C D (D = diag of scales, C a correlation-like matrix), so
 * the three ways C is built (sparse correlations, LKJ Cholesky L Lᵀ, the original's R Rᵀ)
 * share one gradient path. buildSemModel assembles named steps: check the spec, select the
 * data, lay out θ, then forward (θ → μ, Σ and the prior) and backward (∂ℓ/∂μ, ∂ℓ/∂Σ → ∂/∂θ).
 */
import type { Model, ParameterBlock } from '../bayes/model';
import type { SemDescription } from './description';
import { mul, mulT, tMul, inverseIMinusNilpotent } from '../dense';
import { allFinite, mulPatternLeft, mulPatternRight, mulTPatternRight, patternOf, productTPattern, tMulPatternLeft, transposePattern, type Pattern } from './structured';
import { layoutOf, type Layout } from './layout';
import { MvnLikelihood, selectStats, type SufficientStats } from './likelihood';
import { bounds, checkPrior, logPrior, logPriorGrad, type Prior } from './priors';
import type { SemSpec } from './spec';
import {
  boundedDerivative,
  boundedForward,
  boundedInverse,
  boundedLogJacobian,
  boundedLogJacobianGrad,
  corrCholeskyBackward,
  corrCholeskyForward,
} from './transforms';

export {
  IDENTIFIED_SPEC,
  ORIGINAL_SPEC,
  withPriors,
  type PathPlacement,
  type LatentCovarianceForm,
  type ResidualCovarianceForm,
  type MeanStructure,
  type SemPriors,
  type SemSpec,
} from './spec';

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
  /** p model-implied means (zeros under the 'zero' mean structure) */
  readonly mu: Float64Array;
}

export interface SemModel extends Model {
  readonly description: SemDescription;
  readonly spec: SemSpec;
  /** number of indicators and latents */
  readonly p: number;
  readonly m: number;
  /** a name per unconstrained coordinate, e.g. 'CTS=~ST', 'log sd[CTS]' */
  readonly coordinateNames: readonly string[];
  /** the model's columns' statistics (selected from those it was built with) */
  readonly stats: SufficientStats;
  /** log-likelihood alone (no prior, no Jacobian), with its gradient in θ when grad is given */
  logLikelihood(theta: Float64Array, grad: Float64Array | null): number;
  /** Λ, B, Ψ_ζ, Ψ, Σ_y and μ_y at θ (fresh arrays) */
  implied(theta: Float64Array): ImpliedMatrices;
  /** a deterministic, data-informed starting point (loadings 1, paths 0, variances from the data, intercepts at the means) */
  initialPoint(): Float64Array;
}

/** The correlation intervals the spec's bounded priors give. */
interface Intervals {
  readonly residual: readonly [number, number];
  readonly latent: readonly [number, number];
}

/** Step 1: every prior suits its block; the correlation intervals fit their forms. */
function checkSpec(spec: SemSpec): Intervals {
  const pr = spec.priors;
  checkPrior('loadings', pr.loading, 'real');
  checkPrior('paths', pr.path, 'real');
  checkPrior('latent scales', pr.latentScale, 'positive');
  checkPrior('latent correlations', pr.latentCorrelation, spec.latentCovariance === 'lkj' ? 'correlation-matrix' : 'bounded');
  checkPrior('residual scales', pr.residualScale, 'positive');
  checkPrior('residual correlations', pr.residualCorrelation, 'bounded');
  if (spec.meanStructure === 'intercepts') checkPrior('intercepts', pr.intercept, 'real');
  const residual = bounds(pr.residualCorrelation);
  if (spec.residualCovariance === 'correlation' && (residual[0] < -1 || residual[1] > 1)) {
    throw new Error(`prior for residual correlations must live inside (−1, 1) in the 'correlation' form, got (${residual[0]}, ${residual[1]})`);
  }
  const latent: [number, number] = spec.latentCovariance === 'structural' ? bounds(pr.latentCorrelation) : [-1, 1];
  if (latent[0] < -1 || latent[1] > 1) throw new Error(`prior for latent correlations must live inside (−1, 1), got (${latent[0]}, ${latent[1]})`);
  return { residual, latent };
}

/** Step 2: the statistics of the model's own columns, checked against the description. */
function modelStats(d: SemDescription, stats: SufficientStats): SufficientStats {
  if (stats.names.length <= Math.max(...d.columnIndex)) {
    throw new Error(`buildSemModel: the statistics have ${stats.names.length} columns but the description uses column ${Math.max(...d.columnIndex) + 1}`);
  }
  d.observed.forEach((o, i) => {
    if (stats.names[d.columnIndex[i]] !== o) {
      throw new Error(`buildSemModel: column ${d.columnIndex[i]} of the statistics is '${stats.names[d.columnIndex[i]]}', the description expects '${o}'; describe the model against the same columns`);
    }
  });
  return selectStats(stats, d.columnIndex);
}

/** Matrices filled by the forward pass and gradients of the backward pass, allocated once. */
function workspace(p: number, m: number) {
  const sq = (k: number) => new Float64Array(k * k);
  return {
    lambda: new Float64Array(p * m),
    B: sq(m),
    A: sq(m),
    powerW: sq(m),
    tmpW: sq(m),
    sdL: new Float64Array(m),
    CL: sq(m), // latent correlation-like matrix
    LL: sq(m), // its Cholesky factor in the LKJ form
    psiZeta: sq(m),
    phi: sq(m),
    T: new Float64Array(p * m),
    sdR: new Float64Array(p),
    CR: sq(p),
    R: sq(p), // the original's R in the 'sr-product' form
    psi: sq(p),
    sigma: sq(p),
    mu: new Float64Array(p),
    G: sq(p), // ∂ℓ/∂Σ
    gMu: new Float64Array(p), // ∂ℓ/∂μ
    GL: new Float64Array(p * m),
    H: sq(m),
    mw1: sq(m),
    mw2: sq(m),
    gPsiZeta: sq(m),
    gA: sq(m),
    W: new Float64Array(Math.max(p * p, m * m)),
    gC: new Float64Array(Math.max(p * p, m * m)),
    /** set by the forward pass: Ψ and its C hold +0 outside cPattern, and sdR is finite */
    residualSparse: false as boolean,
    /** set by the backward pass: ∂ℓ/∂Σ is finite */
    gFinite: false as boolean,
  };
}
type Workspace = ReturnType<typeof workspace>;

interface Context {
  readonly d: SemDescription;
  readonly spec: SemSpec;
  readonly iv: Intervals;
  readonly L: Layout;
  readonly ws: Workspace;
  readonly p: number;
  readonly m: number;
  /** intercepts: ν_j = center_j + scale_j z_j */
  readonly center: Float64Array;
  readonly scale: Float64Array;
  readonly S: Structure;
}

/** Where Λ, R and C can be nonzero, and θ's indices into Λ and B, fixed by the description. */
interface Structure {
  /** Λ (p×m): every loading, free or fixed; and Λᵀ's */
  readonly lambda: Pattern;
  readonly lambdaT: Pattern;
  /** R (p×p) in the 'sr-product' form: I + the residual covariances */
  readonly r: Pattern;
  /** C (p×p), the residual correlation-like matrix: C itself, or R Rᵀ */
  readonly c: Pattern;
  /** free loading k sits at Λ[loadingRow[k], loadingCol[k]]; path k at B[pathAt[k]] (flat) */
  readonly loadingRow: Int32Array;
  readonly loadingCol: Int32Array;
  readonly pathAt: Int32Array;
}

function structureOf(d: SemDescription, spec: SemSpec, L: Layout, p: number, m: number): Structure {
  const lambda = patternOf(p, m, d.loadings.map((l) => [l.row, l.col] as const));
  const diag = Array.from({ length: p }, (_, i) => [i, i] as const);
  const r = patternOf(p, p, [...diag, ...d.residualCovariances.map((cv) => [cv.i, cv.j] as const)]);
  const c = spec.residualCovariance === 'sr-product' ? productTPattern(r, r) : patternOf(p, p, [...diag, ...d.residualCovariances.flatMap((cv) => [[cv.i, cv.j] as const, [cv.j, cv.i] as const])]);
  const place = (k: number) => (spec.pathPlacement === 'intended' ? d.paths[k].toIndex * m + d.paths[k].fromIndex : d.paths[k].fromIndex * m + d.paths[k].toIndex);
  return {
    lambda,
    lambdaT: transposePattern(lambda),
    r,
    c,
    loadingRow: Int32Array.from(L.freeLoadings, (l) => l.row),
    loadingCol: Int32Array.from(L.freeLoadings, (l) => l.col),
    pathAt: Int32Array.from(d.paths, (_, k) => place(k)),
  };
}

const pathRow = (c: Context, k: number) => (c.spec.pathPlacement === 'intended' ? c.d.paths[k].toIndex : c.d.paths[k].fromIndex);
const pathCol = (c: Context, k: number) => (c.spec.pathPlacement === 'intended' ? c.d.paths[k].fromIndex : c.d.paths[k].toIndex);

// ---- forward: θ → Λ, B, Ψ_ζ, Ψ, Σ_y, μ_y; each step returns its log prior + log Jacobian ------------

function fillLoadingsAndPaths(c: Context, theta: Float64Array, withPrior: boolean): number {
  const { d, L, ws, m } = c;
  const pr = c.spec.priors;
  let lp = 0;
  ws.lambda.fill(0);
  for (const l of d.loadings) if (l.fixed !== null) ws.lambda[l.row * m + l.col] = l.fixed;
  L.freeLoadings.forEach((l, k) => {
    const v = theta[L.loadingOffset + k];
    ws.lambda[l.row * m + l.col] = v;
    if (withPrior) lp += logPrior(pr.loading, v);
  });
  ws.B.fill(0);
  d.paths.forEach((_, k) => {
    const v = theta[L.pathOffset + k];
    ws.B[pathRow(c, k) * m + pathCol(c, k)] = v;
    if (withPrior) lp += logPrior(pr.path, v);
  });
  return lp;
}

function fillLatentCovariance(c: Context, theta: Float64Array, withPrior: boolean): number {
  const { d, L, ws, m } = c;
  const pr = c.spec.priors;
  const [lo, hi] = c.iv.latent;
  let lp = 0;
  for (let i = 0; i < m; i++) {
    const y = theta[L.latentScaleOffset + i];
    ws.sdL[i] = Math.exp(y);
    if (withPrior) lp += logPrior(pr.latentScale, ws.sdL[i]) + y;
  }
  if (c.spec.latentCovariance === 'lkj') {
    const eta = pr.latentCorrelation.dist === 'lkj' ? pr.latentCorrelation.eta : null;
    const jac = corrCholeskyForward(theta, L.latentCorrOffset, m, ws.LL, eta);
    if (withPrior) lp += jac;
    mulT(ws.LL, ws.LL, m, m, m, ws.CL);
  } else {
    ws.CL.fill(0);
    for (let i = 0; i < m; i++) ws.CL[i * m + i] = 1;
    d.latentCovariances.forEach((cv, k) => {
      const y = theta[L.latentCorrOffset + k];
      const r = boundedForward(y, lo, hi);
      ws.CL[cv.i * m + cv.j] = ws.CL[cv.j * m + cv.i] = r;
      if (withPrior) lp += logPrior(pr.latentCorrelation, r) + boundedLogJacobian(y, lo, hi);
    });
  }
  for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) ws.psiZeta[i * m + j] = ws.sdL[i] * ws.CL[i * m + j] * ws.sdL[j];
  return lp;
}

function fillResidualCovariance(c: Context, theta: Float64Array, withPrior: boolean): number {
  const { d, L, ws, p } = c;
  const pr = c.spec.priors;
  const [lo, hi] = c.iv.residual;
  let lp = 0;
  for (let i = 0; i < p; i++) {
    const y = theta[L.residualScaleOffset + i];
    ws.sdR[i] = Math.exp(y);
    if (withPrior) lp += logPrior(pr.residualScale, ws.sdR[i]) + y;
  }
  const C = c.spec.residualCovariance === 'sr-product' ? ws.R : ws.CR;
  C.fill(0);
  for (let i = 0; i < p; i++) C[i * p + i] = 1;
  d.residualCovariances.forEach((cv, k) => {
    const y = theta[L.residualCorrOffset + k];
    const v = boundedForward(y, lo, hi);
    C[cv.i * p + cv.j] = v;
    if (c.spec.residualCovariance === 'correlation') C[cv.j * p + cv.i] = v;
    if (withPrior) lp += logPrior(pr.residualCorrelation, v) + boundedLogJacobian(y, lo, hi);
  });
  // With R finite, R Rᵀ's terms off R's pattern are ±0 (structured.ts); C is then +0 off its
  // pattern, and with sdR finite so is Ψ = sd C sd, entry by entry.
  const rFinite = c.spec.residualCovariance !== 'sr-product' || allFinite(ws.R, p * p);
  if (c.spec.residualCovariance === 'sr-product') {
    if (rFinite) mulTPatternRight(ws.R, ws.R, c.S.r, p, p, p, null, ws.CR);
    else mulT(ws.R, ws.R, p, p, p, ws.CR);
  }
  ws.residualSparse = rFinite && allFinite(ws.sdR, p);
  if (ws.residualSparse) {
    const { start, index } = c.S.c;
    ws.psi.fill(0, 0, p * p);
    for (let i = 0; i < p; i++) {
      for (let u = start[i]; u < start[i + 1]; u++) {
        const j = index[u];
        ws.psi[i * p + j] = ws.sdR[i] * ws.CR[i * p + j] * ws.sdR[j];
      }
    }
  } else for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) ws.psi[i * p + j] = ws.sdR[i] * ws.CR[i * p + j] * ws.sdR[j];
  return lp;
}

function fillMeans(c: Context, theta: Float64Array, withPrior: boolean): number {
  const { L, ws, p } = c;
  ws.mu.fill(0);
  if (L.interceptOffset === null) return 0;
  let lp = 0;
  for (let j = 0; j < p; j++) {
    const z = theta[L.interceptOffset + j];
    ws.mu[j] = c.center[j] + c.scale[j] * z;
    if (withPrior) lp += logPrior(c.spec.priors.intercept, z);
  }
  return lp;
}

/** Σ_y = Λ A Ψ_ζ Aᵀ Λᵀ + Ψ with A = (I − B)⁻¹. */
function impliedCovariance(c: Context): void {
  const { ws, p, m } = c;
  inverseIMinusNilpotent(ws.B, m, ws.A, ws.powerW, ws.tmpW);
  mul(ws.A, ws.psiZeta, m, m, m, ws.mw1);
  mulT(ws.mw1, ws.A, m, m, m, ws.phi);
  mulPatternLeft(ws.lambda, c.S.lambda, ws.phi, p, m, m, ws.T);
  // T Λᵀ over Λ's pattern is exact when T is finite (structured.ts)
  if (allFinite(ws.T, p * m)) mulTPatternRight(ws.T, ws.lambda, c.S.lambda, p, m, p, ws.psi, ws.sigma);
  else {
    mulT(ws.T, ws.lambda, p, m, p, ws.sigma);
    for (let i = 0; i < p * p; i++) ws.sigma[i] += ws.psi[i];
  }
}

/** Fills every matrix; returns log prior + log Jacobian (0 when withPrior is false), or −Infinity. */
function forward(c: Context, theta: Float64Array, withPrior: boolean): number {
  if (theta.length !== c.L.dim) throw new Error(`SEM model: θ has length ${theta.length}, expected ${c.L.dim}`);
  const lp = fillLoadingsAndPaths(c, theta, withPrior) + fillLatentCovariance(c, theta, withPrior) + fillResidualCovariance(c, theta, withPrior) + fillMeans(c, theta, withPrior);
  impliedCovariance(c);
  return Number.isFinite(lp) ? lp : -Infinity;
}

// ---- backward: ∂ℓ/∂Σ (ws.G) and ∂ℓ/∂μ (ws.gMu) → ∂ℓ/∂θ ---------------------------------------

/** Adds ∂ℓ/∂(log sd) of a D C D block given gCov = ∂ℓ/∂(D C D); leaves ∂ℓ/∂C in ws.W. */
function scaleGradient(c: Context, gCov: Float64Array, sd: Float64Array, C: Float64Array, k: number, offset: number, grad: Float64Array): void {
  const W = c.ws.W;
  // Cov_ab = sd_a sd_b C_ab ⇒ ∂ℓ/∂sd_a = 2 Σ_b gCov_ab C_ab sd_b; chain through sd = exp(y).
  for (let a = 0; a < k; a++) {
    let s = 0;
    for (let b = 0; b < k; b++) s += gCov[a * k + b] * C[a * k + b] * sd[b];
    grad[offset + a] += 2 * s * sd[a];
  }
  for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) W[a * k + b] = gCov[a * k + b] * sd[a] * sd[b];
}

/** Loadings, paths, and ∂ℓ/∂Ψ_ζ into ws.gPsiZeta. */
function structuralGradient(c: Context, grad: Float64Array): void {
  const { L, ws, p, m, S } = c;
  const { G, T } = ws;
  // ∂ℓ/∂Λ = 2 G Λ Φ = 2 G T, needed at the free loadings only (each entry as dense.ts's mul sums it)
  for (let k = 0; k < S.loadingRow.length; k++) {
    const go = S.loadingRow[k] * p;
    const col = S.loadingCol[k];
    let s = 0;
    for (let t = 0; t < p; t++) {
      const v = G[go + t];
      if (v === 0) continue;
      s += v * T[t * m + col];
    }
    grad[L.loadingOffset + k] += 2 * s;
  }
  // H = Λᵀ G Λ;  ∂ℓ/∂Ψ_ζ = Aᵀ H A;  ∂ℓ/∂A = 2 H A Ψ_ζ;  ∂ℓ/∂B = Aᵀ (∂ℓ/∂A) Aᵀ
  ws.gFinite = allFinite(G, p * p);
  if (ws.gFinite) mulPatternRight(G, ws.lambda, S.lambdaT, p, p, m, ws.GL);
  else mul(G, ws.lambda, p, p, m, ws.GL);
  tMulPatternLeft(ws.lambda, S.lambda, ws.GL, p, m, m, ws.H);
  tMul(ws.A, ws.H, m, m, m, ws.mw1);
  mul(ws.mw1, ws.A, m, m, m, ws.gPsiZeta);
  mul(ws.H, ws.A, m, m, m, ws.mw1);
  mul(ws.mw1, ws.psiZeta, m, m, m, ws.mw2);
  for (let i = 0; i < m * m; i++) ws.gA[i] = 2 * ws.mw2[i];
  tMul(ws.A, ws.gA, m, m, m, ws.mw1);
  // gB = mw1 Aᵀ (dense.ts's mulT), needed at the paths only
  for (let k = 0; k < S.pathAt.length; k++) {
    const io = Math.floor(S.pathAt[k] / m) * m;
    const jo = (S.pathAt[k] % m) * m;
    let s = 0;
    for (let t = 0; t < m; t++) s += ws.mw1[io + t] * ws.A[jo + t];
    grad[L.pathOffset + k] += s;
  }
}

/** A bounded correlation-like parameter's gradient: the likelihood's, plus prior and Jacobian. */
function boundedGradient(gValue: number, y: number, lo: number, hi: number, prior: Prior, withPrior: boolean): number {
  let g = gValue * boundedDerivative(y, lo, hi);
  if (withPrior) g += logPriorGrad(prior, boundedForward(y, lo, hi)) * boundedDerivative(y, lo, hi) + boundedLogJacobianGrad(y);
  return g;
}

function latentCovarianceGradient(c: Context, theta: Float64Array, withPrior: boolean, grad: Float64Array): void {
  const { d, L, ws, m } = c;
  const pr = c.spec.priors;
  scaleGradient(c, ws.gPsiZeta, ws.sdL, ws.CL, m, L.latentScaleOffset, grad);
  if (c.spec.latentCovariance === 'lkj') {
    // C = L Lᵀ ⇒ ∂ℓ/∂L = 2 W L
    mul(ws.W, ws.LL, m, m, m, ws.gC); // reads W's first m×m entries
    for (let i = 0; i < m * m; i++) ws.gC[i] *= 2;
    const eta = pr.latentCorrelation.dist === 'lkj' ? pr.latentCorrelation.eta : null;
    corrCholeskyBackward(theta, L.latentCorrOffset, m, ws.LL, ws.gC, eta, withPrior, grad);
  } else {
    const [lo, hi] = c.iv.latent;
    d.latentCovariances.forEach((cv, k) => {
      const y = theta[L.latentCorrOffset + k];
      grad[L.latentCorrOffset + k] += boundedGradient(2 * ws.W[cv.i * m + cv.j], y, lo, hi, pr.latentCorrelation, withPrior);
    });
  }
}

function residualCovarianceGradient(c: Context, theta: Float64Array, withPrior: boolean, grad: Float64Array): void {
  const { d, L, ws, p } = c;
  const [lo, hi] = c.iv.residual;
  const { G, sdR, CR, R, W } = ws;
  // ∂ℓ/∂Ψ = G. As scaleGradient, over C's pattern when C is +0 off it and G, sd are finite
  // (a skipped term (G_ab · 0) · sd_b is then ±0); W only where it is read below.
  if (ws.residualSparse && ws.gFinite) {
    const { start, index } = c.S.c;
    for (let a = 0; a < p; a++) {
      let s = 0;
      for (let u = start[a]; u < start[a + 1]; u++) {
        const b = index[u];
        s += G[a * p + b] * CR[a * p + b] * sdR[b];
      }
      grad[L.residualScaleOffset + a] += 2 * s * sdR[a];
    }
    for (const cv of d.residualCovariances) {
      const io = cv.i * p;
      if (c.spec.residualCovariance === 'sr-product') for (let t = 0; t < p; t++) W[io + t] = G[io + t] * sdR[cv.i] * sdR[t];
      else W[io + cv.j] = G[io + cv.j] * sdR[cv.i] * sdR[cv.j];
    }
  } else scaleGradient(c, G, sdR, CR, p, L.residualScaleOffset, grad);
  d.residualCovariances.forEach((cv, k) => {
    let gValue: number;
    if (c.spec.residualCovariance === 'sr-product') {
      // C = R Rᵀ ⇒ ∂ℓ/∂R = 2 W R, and only R[i, j] is free
      let s = 0;
      for (let t = 0; t < p; t++) s += W[cv.i * p + t] * R[t * p + cv.j];
      gValue = 2 * s;
    } else gValue = 2 * W[cv.i * p + cv.j];
    const y = theta[L.residualCorrOffset + k];
    grad[L.residualCorrOffset + k] += boundedGradient(gValue, y, lo, hi, c.spec.priors.residualCorrelation, withPrior);
  });
}

function interceptGradient(c: Context, theta: Float64Array, withPrior: boolean, grad: Float64Array): void {
  const { L, ws, p } = c;
  if (L.interceptOffset === null) return;
  for (let j = 0; j < p; j++) {
    grad[L.interceptOffset + j] += ws.gMu[j] * c.scale[j];
    if (withPrior) grad[L.interceptOffset + j] += logPriorGrad(c.spec.priors.intercept, theta[L.interceptOffset + j]);
  }
}

/** Priors on loadings, paths and scales (in their constrained values), and the log-Jacobians of exp. */
function simplePriorGradient(c: Context, theta: Float64Array, grad: Float64Array): void {
  const { d, L, ws, p, m } = c;
  const pr = c.spec.priors;
  L.freeLoadings.forEach((_, k) => (grad[L.loadingOffset + k] += logPriorGrad(pr.loading, theta[L.loadingOffset + k])));
  d.paths.forEach((_, k) => (grad[L.pathOffset + k] += logPriorGrad(pr.path, theta[L.pathOffset + k])));
  for (let i = 0; i < m; i++) grad[L.latentScaleOffset + i] += logPriorGrad(pr.latentScale, ws.sdL[i]) * ws.sdL[i] + 1;
  for (let i = 0; i < p; i++) grad[L.residualScaleOffset + i] += logPriorGrad(pr.residualScale, ws.sdR[i]) * ws.sdR[i] + 1;
}

function backward(c: Context, theta: Float64Array, withPrior: boolean, grad: Float64Array): void {
  grad.fill(0);
  structuralGradient(c, grad);
  latentCovarianceGradient(c, theta, withPrior, grad);
  residualCovarianceGradient(c, theta, withPrior, grad);
  interceptGradient(c, theta, withPrior, grad);
  if (withPrior) simplePriorGradient(c, theta, grad);
}

// ---- outputs -----------------------------------------------------------------------------

function constrainedValues(c: Context, theta: Float64Array): Record<string, Float64Array> {
  forward(c, theta, false);
  const { d, L, ws, p, m } = c;
  const out: Record<string, Float64Array> = {};
  const put = (name: string, v: number) => (out[name] = Float64Array.of(v));
  L.freeLoadings.forEach((l) => put(l.name, ws.lambda[l.row * m + l.col]));
  d.paths.forEach((x, k) => put(x.name, ws.B[pathRow(c, k) * m + pathCol(c, k)]));
  d.latents.forEach((l, i) => put(`${l}~~${l}`, ws.psiZeta[i * m + i]));
  L.latentPairs.forEach(([i, j]) => put(`${d.latents[i]}~~${d.latents[j]}`, ws.psiZeta[i * m + j]));
  d.observed.forEach((o, i) => put(`${o}~~${o}`, ws.psi[i * p + i]));
  d.residualCovariances.forEach((cv) => put(cv.name, ws.psi[cv.i * p + cv.j]));
  const [lo, hi] = c.iv.residual;
  d.residualCovariances.forEach((cv, k) => put(`${L.residualLabel}[${cv.a},${cv.b}]`, boundedForward(theta[L.residualCorrOffset + k], lo, hi)));
  if (L.interceptOffset !== null) d.observed.forEach((o, j) => put(`${o}~1`, ws.mu[j]));
  return out;
}

/** Loadings 1, paths 0, half of each indicator's variance to its factor and half to its residual, intercepts at the means. */
function initialPoint(c: Context, stats: SufficientStats): Float64Array {
  const { d, L, spec } = c;
  const theta = new Float64Array(L.dim);
  L.freeLoadings.forEach((_, k) => (theta[L.loadingOffset + k] = 1));
  // the spread the model has to explain: about the mean with intercepts, about zero without
  const spread = (i: number) => stats.scatter[i * c.p + i] / stats.n + (spec.meanStructure === 'zero' ? stats.mean[i] ** 2 : 0);
  d.latents.forEach((_, j) => {
    const marker = d.loadings.find((l) => l.col === j && l.fixed !== null);
    theta[L.latentScaleOffset + j] = Math.log(Math.sqrt(0.5 * (marker ? spread(marker.row) : 1)));
  });
  d.observed.forEach((_, i) => (theta[L.residualScaleOffset + i] = Math.log(Math.sqrt(0.5 * spread(i)))));
  // correlations at the centre of their interval (θ = 0 also gives the LKJ identity)
  const [lo, hi] = c.iv.residual;
  d.residualCovariances.forEach((_, k) => (theta[L.residualCorrOffset + k] = boundedInverse(spec.residualCovariance === 'correlation' ? 0 : (lo + hi) / 2, lo, hi)));
  return theta; // intercepts: z = 0, ν = the column means
}

/** ℓ(μ, Σ) with ∂ℓ/∂μ and ∂ℓ/∂Σ written into the gradients when given (MvnLikelihood's contract). */
export interface SemLikelihood {
  logLik(mu: Float64Array | null, sigma: Float64Array, gradMu: Float64Array | null, gradSigma: Float64Array | null): number;
}

/**
 * Build the model. `stats` may hold more columns than the model uses; they are selected by name
 * through the description's columnIndex. Statistics with missing cells give the likelihood
 * marginalised over them. `likelihood` replaces the statistics' own MVN likelihood (the
 * cells-as-parameters variant supplies one whose data move with θ); the statistics then only
 * set starting values and the intercepts' scale.
 */
export function buildSemModel(description: SemDescription, stats: SufficientStats, spec: SemSpec, likelihoodOverride?: SemLikelihood): SemModel {
  const d = description;
  const iv = checkSpec(spec);
  const used = modelStats(d, stats);
  const likelihood = likelihoodOverride ?? new MvnLikelihood(used);
  const p = d.observed.length;
  const m = d.latents.length;
  const L = layoutOf(d, spec);
  // intercepts on the data's scale: ν_j = x̄_j + s_j z_j (observed mean and sd of column j)
  const center = Float64Array.from(used.mean);
  const scale = Float64Array.from({ length: p }, (_, j) => Math.sqrt(used.scatter[j * p + j] / used.n) || 1);
  const c: Context = { d, spec, iv, L, ws: workspace(p, m), p, m, center, scale, S: structureOf(d, spec, L, p, m) };

  function evaluate(theta: Float64Array, grad: Float64Array | null, withPrior: boolean): number {
    const lp = forward(c, theta, withPrior);
    if (lp === -Infinity) return -Infinity;
    const mu = spec.meanStructure === 'intercepts' ? c.ws.mu : null;
    const ll = likelihood.logLik(mu, c.ws.sigma, grad ? c.ws.gMu : null, grad ? c.ws.G : null);
    if (ll === -Infinity || Number.isNaN(ll)) return -Infinity;
    if (!grad) return ll + lp;
    backward(c, theta, withPrior, grad);
    for (let i = 0; i < L.dim; i++) if (!Number.isFinite(grad[i])) return -Infinity;
    return ll + lp;
  }

  const blocks: ParameterBlock[] = [...L.blocks];
  return {
    dim: L.dim,
    parameters: blocks,
    description: d,
    spec,
    p,
    m,
    coordinateNames: L.names,
    stats: used,
    logDensityAndGradient: (theta, grad) => evaluate(theta, grad, true),
    logLikelihood: (theta, grad) => evaluate(theta, grad, false),
    constrain: (theta) => constrainedValues(c, theta),
    implied(theta) {
      forward(c, theta, false);
      const { lambda, B, psiZeta, psi, sigma, mu } = c.ws;
      return { lambda: lambda.slice(), B: B.slice(), psiZeta: psiZeta.slice(), psi: psi.slice(), sigma: sigma.slice(), mu: mu.slice() };
    },
    initialPoint: () => initialPoint(c, used),
  };
}
