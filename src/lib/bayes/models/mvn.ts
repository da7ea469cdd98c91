/**
 * The essay's Bayesian multivariate normal:
 *   μ_j ~ N(0, 1),  σ_j ~ HalfNormal(1),  Ω ~ LKJ(η) via its Cholesky factor L,
 *   rows ~ MVN(μ, diag σ · Ω · diag σ).
 * Missing cells (NaN) are handled in one of two equivalent ways:
 *   'marginal'   — each row's likelihood is the marginal of its observed cells (per-pattern
 *                  sufficient statistics); imputations are generated quantities drawn from the
 *                  conditional normal for every retained draw;
 *   'parameters' — every missing cell is an unconstrained parameter (Stan's usual idiom);
 *                  the complete-data likelihood is used, so one gradient costs O(n p²).
 * Unconstrained layout: [μ (p) | log σ (p) | CPC y (p(p−1)/2) | missing cells (parameters only)].
 */
import type { Matrix } from '../../linalg';
import type { Rng } from '../../random';
import type { Model, ParameterBlock } from '../model';
import { corrCholeskyBackward, corrCholeskyConstrain, corrCholeskySize } from '../transforms';
import { halfNormal, lkjCorrCholesky, normal } from '../densities';
import { mvnCholeskyLogLik, mvnPatternLogLik, mvnWorkspace, sufficientStats, type SufficientStats } from '../mvn-likelihood';
import { drawMissing, missingLayout } from '../conditional-normal';
import { choleskyInto, inverseFromLowerInverse, invertLowerInto } from '../../dense';

export type MissingFormulation = 'marginal' | 'parameters';

export interface MvnModelData {
  /** n×p data, NaN = missing */
  readonly x: Matrix;
  /** column names, length p */
  readonly names: readonly string[];
  /** how missing cells enter the model (default 'marginal') */
  readonly missing?: MissingFormulation;
  /** LKJ shape (default 1, uniform over correlation matrices) */
  readonly eta?: number;
}

/** Index offsets of the unconstrained blocks. */
export function mvnLayout(p: number, nMissing: number) {
  const corr = corrCholeskySize(p);
  return { mu: 0, logSigma: p, corr: 2 * p, missing: 2 * p + corr, dim: 2 * p + corr + nMissing };
}

function checkData(data: MvnModelData): void {
  const { x, names } = data;
  if (names.length !== x.cols) throw new Error(`mvnModel: ${names.length} names for ${x.cols} columns; give one name per column`);
  if (x.cols < 2) throw new Error(`mvnModel: need at least 2 columns, got ${x.cols}`);
  if (x.rows < 2) throw new Error(`mvnModel: need at least 2 rows, got ${x.rows}`);
  for (let j = 0; j < x.cols; j++) {
    let seen = 0;
    for (let r = 0; r < x.rows; r++) if (!Number.isNaN(x.data[r * x.cols + j])) seen++;
    if (seen === 0) throw new Error(`mvnModel: column ${names[j]} has no observed value; drop it or supply data`);
  }
  for (let i = 0; i < x.data.length; i++) {
    const v = x.data[i];
    if (!Number.isNaN(v) && !Number.isFinite(v)) throw new Error(`mvnModel: cell ${i} is ${v}; use NaN for missing values only`);
  }
}

export function mvnModel(data: MvnModelData): Model {
  checkData(data);
  const { x, names } = data;
  const formulation = data.missing ?? 'marginal';
  const eta = data.eta ?? 1;
  const p = x.cols;
  const n = x.rows;
  const layout = missingLayout(x);
  const nMissing = layout.cells.length;
  const off = mvnLayout(p, formulation === 'parameters' ? nMissing : 0);
  const stats: SufficientStats | null = formulation === 'marginal' ? sufficientStats(x) : null;

  const ws = mvnWorkspace(p);
  const l = new Float64Array(p * p);
  const lAdj = new Float64Array(p * p);
  const omega = new Float64Array(p * p);
  const sigmaMat = new Float64Array(p * p);
  const gSigma = new Float64Array(p * p);
  const gMu = new Float64Array(p);
  const lSigma = new Float64Array(p * p);
  const gL = new Float64Array(p * p);
  const mu = new Float64Array(p);
  const sd = new Float64Array(p);
  const sdAdj = new Float64Array(p);
  const filled = new Float64Array(x.data);
  const chol = new Float64Array(p * p);
  const linv = new Float64Array(p * p);
  const prec = new Float64Array(p * p);
  const resid = new Float64Array(p);

  const missingLabels = Array.from(layout.cells, (c) => `x[${Math.floor(c / p)},${names[c % p]}]`);
  const corrLabels: string[] = [];
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) corrLabels.push(`corr[${names[i]},${names[j]}]`);
  const blocks: ParameterBlock[] = [
    { name: 'mu', shape: [p], labels: names.map((s) => `mu[${s}]`) },
    { name: 'sigma', shape: [p], labels: names.map((s) => `sigma[${s}]`) },
    { name: 'corr', shape: [p, p], labels: corrLabels, summarise: 'strict-lower' },
  ];
  const missingBlock: ParameterBlock = { name: 'x_missing', shape: [nMissing], labels: missingLabels };
  if (formulation === 'parameters' && nMissing > 0) blocks.push(missingBlock);

  /** Complete-data statistics from the current fill (parameters formulation). */
  function completeStats(): SufficientStats {
    const mean = new Float64Array(p);
    for (let r = 0; r < n; r++) for (let j = 0; j < p; j++) mean[j] += filled[r * p + j];
    for (let j = 0; j < p; j++) mean[j] /= n;
    const scatter = new Float64Array(p * p);
    for (let r = 0; r < n; r++) {
      for (let a = 0; a < p; a++) {
        const da = filled[r * p + a] - mean[a];
        for (let b = 0; b <= a; b++) scatter[a * p + b] += da * (filled[r * p + b] - mean[b]);
      }
    }
    for (let a = 0; a < p; a++) for (let b = 0; b < a; b++) scatter[b * p + a] = scatter[a * p + b];
    const observed = Uint16Array.from({ length: p }, (_, j) => j);
    return { p, n, patterns: [{ observed, missing: new Uint16Array(0), count: n, mean, scatter, rows: new Uint32Array(0) }] };
  }

  function logDensityAndGradient(theta: Float64Array, grad: Float64Array): number {
    grad.fill(0);
    let lp = 0;
    for (let j = 0; j < p; j++) {
      const m = theta[off.mu + j];
      mu[j] = m;
      const nm = normal(m, 0, 1);
      lp += nm.lp;
      grad[off.mu + j] = nm.d;
      const s = Math.exp(theta[off.logSigma + j]);
      if (!(s > 0 && Number.isFinite(s))) return -Infinity;
      sd[j] = s;
      const hn = halfNormal(s, 1);
      lp += hn.lp + theta[off.logSigma + j]; // + log-Jacobian of exp
      sdAdj[j] = hn.d;
    }
    lp += corrCholeskyConstrain(theta, off.corr, p, l);
    lAdj.fill(0);
    lp += lkjCorrCholesky(l, p, eta, lAdj);
    gMu.fill(0);
    let st = stats;
    if (formulation === 'parameters') {
      for (let c = 0; c < nMissing; c++) filled[layout.cells[c]] = theta[off.missing + c];
      st = completeStats();
    }
    const complete = st!.patterns.length === 1 && st!.patterns[0].observed.length === p;
    if (complete) {
      // Fast path: the Cholesky factor of Σ is diag(σ) L, no factorisation needed.
      for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) lSigma[i * p + j] = sd[i] * l[i * p + j];
      gL.fill(0);
      const pat = st!.patterns[0];
      const ll = mvnCholeskyLogLik(pat.count, pat.mean, pat.scatter, mu, lSigma, gMu, gL, ws);
      if (!Number.isFinite(ll)) return -Infinity;
      lp += ll;
      // L_Σ = diag(σ) L: ∂/∂L_ij = σ_i ∂/∂L_Σ,ij;  ∂/∂σ_i = Σ_j ∂/∂L_Σ,ij L_ij.
      for (let i = 0; i < p; i++) {
        let s = 0;
        for (let j = 0; j <= i; j++) {
          s += gL[i * p + j] * l[i * p + j];
          lAdj[i * p + j] += sd[i] * gL[i * p + j];
        }
        sdAdj[i] += s;
      }
    } else {
      // Ω = L Lᵀ, Σ = diag σ Ω diag σ
      for (let i = 0; i < p; i++) {
        for (let j = 0; j <= i; j++) {
          let s = 0;
          for (let k = 0; k <= j; k++) s += l[i * p + k] * l[j * p + k];
          omega[i * p + j] = omega[j * p + i] = s;
          sigmaMat[i * p + j] = sigmaMat[j * p + i] = sd[i] * sd[j] * s;
        }
      }
      gSigma.fill(0);
      const ll = mvnPatternLogLik(st!, mu, sigmaMat, gMu, gSigma, ws);
      if (!Number.isFinite(ll)) return -Infinity;
      lp += ll;
      // Σ_ij = σ_i σ_j Ω_ij: ∂/∂σ_i = 2 Σ_j G_ij σ_j Ω_ij; ∂/∂Ω_ij = G_ij σ_i σ_j; Ω = L Lᵀ ⇒ ∂/∂L = 2 H L.
      for (let i = 0; i < p; i++) {
        let s = 0;
        for (let j = 0; j < p; j++) s += gSigma[i * p + j] * sd[j] * omega[i * p + j];
        sdAdj[i] += 2 * s;
      }
      for (let i = 0; i < p; i++) {
        for (let k = 0; k <= i; k++) {
          let s = 0;
          for (let j = k; j < p; j++) s += gSigma[i * p + j] * sd[i] * sd[j] * l[j * p + k];
          lAdj[i * p + k] += 2 * s;
        }
      }
    }
    for (let j = 0; j < p; j++) grad[off.mu + j] += gMu[j];
    corrCholeskyBackward(theta, off.corr, p, l, lAdj, grad);
    for (let j = 0; j < p; j++) grad[off.logSigma + j] = sdAdj[j] * sd[j] + 1;
    if (formulation === 'parameters' && nMissing > 0) {
      // ∂ℓ/∂x_r = −Σ⁻¹ (x_r − μ) for each missing cell of row r; Σ = L_Σ L_Σᵀ, L_Σ = diag(σ) L.
      for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) chol[i * p + j] = sd[i] * l[i * p + j];
      invertLowerInto(chol, linv, p);
      inverseFromLowerInverse(linv, prec, p);
      let c = 0;
      while (c < nMissing) {
        const r = Math.floor(layout.cells[c] / p);
        for (let j = 0; j < p; j++) resid[j] = filled[r * p + j] - mu[j];
        while (c < nMissing && Math.floor(layout.cells[c] / p) === r) {
          const j = layout.cells[c] % p;
          let s = 0;
          for (let k = 0; k < p; k++) s += prec[j * p + k] * resid[k];
          grad[off.missing + c] = -s;
          c++;
        }
      }
    }
    return lp;
  }

  function constrain(theta: Float64Array): Record<string, Float64Array> {
    const muOut = theta.slice(off.mu, off.mu + p);
    const sigmaOut = new Float64Array(p);
    for (let j = 0; j < p; j++) sigmaOut[j] = Math.exp(theta[off.logSigma + j]);
    const lc = new Float64Array(p * p);
    corrCholeskyConstrain(theta, off.corr, p, lc);
    const corr = new Float64Array(p * p);
    for (let i = 0; i < p; i++) {
      for (let j = 0; j <= i; j++) {
        let s = 0;
        for (let k = 0; k <= j; k++) s += lc[i * p + k] * lc[j * p + k];
        corr[i * p + j] = corr[j * p + i] = i === j ? 1 : s;
      }
    }
    const out: Record<string, Float64Array> = { mu: muOut, sigma: sigmaOut, corr };
    if (formulation === 'parameters' && nMissing > 0) out.x_missing = theta.slice(off.missing, off.missing + nMissing);
    return out;
  }

  const model: Model = { dim: off.dim, parameters: blocks, logDensityAndGradient, constrain };
  if (formulation === 'marginal' && nMissing > 0) {
    return {
      ...model,
      generated: [missingBlock],
      generate(theta: Float64Array, rng: Rng) {
        const c = constrain(theta);
        return { x_missing: drawMissing(x, layout, c.mu, covarianceOf(c.sigma, c.corr), rng) };
      },
    };
  }
  return model;
}

/** diag σ · R · diag σ as a flat p×p array. */
export function covarianceOf(sigma: Float64Array, corr: Float64Array): Float64Array {
  const p = sigma.length;
  const out = new Float64Array(p * p);
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) out[i * p + j] = sigma[i] * sigma[j] * corr[i * p + j];
  return out;
}
