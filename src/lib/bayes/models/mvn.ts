/**
 * The essay's Bayesian multivariate normal:
 *   μ_j ~ N(0, 1),  σ_j ~ HalfNormal(1),  Ω ~ LKJ(η) via its Cholesky factor L,
 *   rows ~ MVN(μ, diag σ · Ω · diag σ).
 * Missing cells (NaN) are handled in one of two equivalent ways:
 *   'marginal'   — each row's likelihood is the marginal of its observed cells (per-pattern
 *                  sufficient statistics); imputations are generated quantities drawn from the
 *                  conditional normal for every retained draw;
 *   'parameters' — every missing cell is an unconstrained parameter (Stan's usual idiom);
 *                  the complete-data likelihood on moments that are updated from the fixed
 *                  observed part in O(p) per missing cell, so one gradient costs O(cells · p + p³).
 * Unconstrained layout: [μ (p) | log σ (p) | CPC y (p(p−1)/2) | missing cells (parameters only)].
 */
import type { Matrix } from '../../linalg';
import type { Rng } from '../../random';
import type { Model, ParameterBlock } from '../model';
import { corrCholeskyBackward, corrCholeskyConstrain, corrCholeskySize } from '../transforms';
import { lkjCorrCholesky, standardNormalLp, unitHalfNormalLp } from '../densities';
import {
  missingDataStats,
  missingWorkspace,
  mvnCholeskyLogLik,
  mvnMissingLogLik,
  mvnMomentsLogLik,
  mvnWorkspace,
  sufficientStats,
} from '../mvn-likelihood';
import { drawMissing, missingLayout } from '../conditional-normal';
import { inverseFromLowerInverse, invertLowerInto } from '../../dense';

export type MissingFormulation = 'marginal' | 'parameters';

/** The faster of the two by bench:nuts (min bulk ESS per second): 90 parameters instead of 90 + one per cell. */
export const DEFAULT_MISSING_FORMULATION: MissingFormulation = 'marginal';

export interface MvnModelData {
  /** n×p data, NaN = missing */
  readonly x: Matrix;
  /** column names, length p */
  readonly names: readonly string[];
  /** how missing cells enter the model (default DEFAULT_MISSING_FORMULATION) */
  readonly missing?: MissingFormulation;
  /** LKJ shape (default 1, uniform over correlation matrices) */
  readonly eta?: number;
  /**
   * Marginal formulation: draw every missing cell as a generated quantity at each retained draw
   * (default true). False when nothing reads the imputations (the replication experiments): it
   * saves a conditional-normal draw per cell per draw and their columns. Generated quantities have their
   * own random stream, so the chain's draws are the same either way.
   */
  readonly impute?: boolean;
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
  const formulation = data.missing ?? DEFAULT_MISSING_FORMULATION;
  const eta = data.eta ?? 1;
  const p = x.cols;
  const n = x.rows;
  const layout = missingLayout(x);
  const nMissing = layout.cells.length;
  const off = mvnLayout(p, formulation === 'parameters' ? nMissing : 0);
  // Complete data (rows with no observed cell aside) takes the Cholesky fast path on one
  // mean and scatter; otherwise the marginal formulation uses per-pattern expected moments.
  const full = formulation === 'marginal' ? sufficientStats(x) : null;
  const complete = full !== null && full.patterns.length === 1 && full.patterns[0].observed.length === p ? full.patterns[0] : null;
  const marginal = formulation === 'marginal' && !complete ? missingDataStats(x) : null;
  const cellsAsParameters = formulation === 'parameters' && nMissing > 0;

  const ws = mvnWorkspace(p);
  const mws = missingWorkspace(p);
  const l = new Float64Array(p * p);
  const lAdj = new Float64Array(p * p);
  const gMu = new Float64Array(p);
  const lSigma = new Float64Array(p * p);
  const gL = new Float64Array(p * p);
  const mu = new Float64Array(p);
  const sd = new Float64Array(p);
  const sdAdj = new Float64Array(p);
  const filled = cellsAsParameters ? completedBase(x, layout) : null;
  /** tanh of the CPC block, from the forward transform for its reverse step */
  const cpc = new Float64Array(corrCholeskySize(p));
  const rowScratch = new Float64Array(p);

  const missingLabels = Array.from(layout.cells, (c) => `x[${Math.floor(c / p)},${names[c % p]}]`);
  const corrLabels: string[] = [];
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) corrLabels.push(`corr[${names[i]},${names[j]}]`);
  const blocks: ParameterBlock[] = [
    { name: 'mu', shape: [p], labels: names.map((s) => `mu[${s}]`) },
    { name: 'sigma', shape: [p], labels: names.map((s) => `sigma[${s}]`) },
    { name: 'corr', shape: [p, p], labels: corrLabels, summarise: 'strict-lower' },
  ];
  const missingBlock: ParameterBlock = { name: 'x_missing', shape: [nMissing], labels: missingLabels };
  if (cellsAsParameters) blocks.push(missingBlock);

  /**
   * Cells as parameters: the completed data's moments about μ from the fixed observed part
   * plus each missing cell's row products, O(p) per cell; then the complete-data likelihood,
   * and ∂ℓ/∂x_rj = −(Σ⁻¹ (x_r − μ))_j for each missing cell.
   */
  function cellsLogLik(theta: Float64Array, grad: Float64Array): number {
    const f = filled!;
    const { y, centre, rowStart, rowOf } = f;
    const { moments: M, e, nu, w, precision: P, col } = mws;
    const s = col;
    const G = mws.b;
    G.set(f.gram);
    s.set(f.sum);
    for (let c = 0; c < nMissing; c++) {
      const cell = layout.cells[c];
      y[cell] = theta[off.missing + c] - centre[cell % p];
    }
    for (let t = 0; t < rowOf.length; t++) {
      const ro = rowOf[t] * p;
      for (let c = rowStart[t]; c < rowStart[t + 1]; c++) {
        const j = layout.cells[c] - ro;
        const yj = y[ro + j];
        s[j] += yj;
        // G_jk for every k; G_kj too when k is observed (a missing k adds its own row of products)
        for (let k = 0; k < p; k++) {
          const v = yj * y[ro + k];
          G[j * p + k] += v;
          if (!f.missingMask[ro + k]) G[k * p + j] += v;
        }
      }
    }
    for (let j = 0; j < p; j++) nu[j] = mu[j] - centre[j];
    for (let i = 0; i < p; i++) {
      for (let j = 0; j < p; j++) M[i * p + j] = G[i * p + j] - nu[i] * s[j] - s[i] * nu[j] + n * nu[i] * nu[j];
      e[i] = s[i] - n * nu[i];
    }
    invertLowerInto(lSigma, w, p);
    const ll = mvnMomentsLogLik(n, e, M, lSigma, w, gMu, gL, mws.wm, mws.v, mws.t);
    inverseFromLowerInverse(w, P, p);
    const r = mws.bd;
    for (let t = 0; t < rowOf.length; t++) {
      const ro = rowOf[t] * p;
      for (let k = 0; k < p; k++) r[k] = y[ro + k] - nu[k];
      for (let c = rowStart[t]; c < rowStart[t + 1]; c++) {
        const j = layout.cells[c] - ro;
        let acc = 0;
        for (let k = 0; k < p; k++) acc += P[j * p + k] * r[k];
        grad[off.missing + c] = -acc;
      }
    }
    return ll;
  }

  function logDensityAndGradient(theta: Float64Array, grad: Float64Array): number {
    grad.fill(0);
    let lp = 0;
    for (let j = 0; j < p; j++) {
      // μ_j ~ N(0, 1), σ_j ~ HalfNormal(1)
      const m = theta[off.mu + j];
      mu[j] = m;
      lp += standardNormalLp(m);
      grad[off.mu + j] = -m;
      const s = Math.exp(theta[off.logSigma + j]);
      if (!(s > 0 && Number.isFinite(s))) return -Infinity;
      sd[j] = s;
      lp += unitHalfNormalLp(s) + theta[off.logSigma + j]; // + log-Jacobian of exp
      sdAdj[j] = -s;
    }
    lp += corrCholeskyConstrain(theta, off.corr, p, l, cpc);
    lAdj.fill(0);
    lp += lkjCorrCholesky(l, p, eta, lAdj);
    gMu.fill(0);
    gL.fill(0);
    // The Cholesky factor of Σ is diag(σ) L: no factorisation needed.
    // (lower triangle only: the upper stays 0 from allocation and is never read)
    for (let i = 0; i < p; i++) for (let j = 0; j <= i; j++) lSigma[i * p + j] = sd[i] * l[i * p + j];
    let ll: number;
    if (complete) ll = mvnCholeskyLogLik(complete.count, complete.mean, complete.scatter, mu, lSigma, gMu, gL, ws);
    else if (marginal) ll = mvnMissingLogLik(marginal, mu, lSigma, gMu, gL, mws);
    else ll = cellsLogLik(theta, grad);
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
    for (let j = 0; j < p; j++) grad[off.mu + j] += gMu[j];
    corrCholeskyBackward(theta, off.corr, p, l, lAdj, grad, cpc, rowScratch);
    for (let j = 0; j < p; j++) grad[off.logSigma + j] = sdAdj[j] * sd[j] + 1;
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
  if (formulation === 'marginal' && nMissing > 0 && data.impute !== false) {
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

/**
 * The fixed part of the cells-as-parameters moments: data centred by the observed column
 * means (missing cells 0 until filled), the Gram matrix and column sums of that zero-filled
 * data, and the rows holding missing cells with their ranges in `layout.cells`.
 */
function completedBase(x: Matrix, layout: ReturnType<typeof missingLayout>) {
  const { rows: n, cols: p, data } = x;
  const centre = new Float64Array(p);
  const seen = new Float64Array(p);
  for (let i = 0; i < n * p; i++) {
    if (Number.isNaN(data[i])) continue;
    centre[i % p] += data[i];
    seen[i % p]++;
  }
  for (let j = 0; j < p; j++) centre[j] = seen[j] > 0 ? centre[j] / seen[j] : 0;
  const y = new Float64Array(n * p);
  const missingMask = new Uint8Array(n * p);
  for (let i = 0; i < n * p; i++) {
    if (Number.isNaN(data[i])) missingMask[i] = 1;
    else y[i] = data[i] - centre[i % p];
  }
  const gram = new Float64Array(p * p);
  const sum = new Float64Array(p);
  for (let r = 0; r < n; r++) {
    for (let i = 0; i < p; i++) {
      const yi = y[r * p + i];
      sum[i] += yi;
      for (let j = 0; j < p; j++) gram[i * p + j] += yi * y[r * p + j];
    }
  }
  const rowOf: number[] = [];
  const rowStart: number[] = [];
  layout.cells.forEach((cell, c) => {
    const r = Math.floor(cell / p);
    if (rowOf[rowOf.length - 1] !== r) {
      rowOf.push(r);
      rowStart.push(c);
    }
  });
  rowStart.push(layout.cells.length);
  return { centre, y, missingMask, gram, sum, rowOf: Uint32Array.from(rowOf), rowStart: Uint32Array.from(rowStart) };
}

/** diag σ · R · diag σ as a flat p×p array. */
export function covarianceOf(sigma: Float64Array, corr: Float64Array): Float64Array {
  const p = sigma.length;
  const out = new Float64Array(p * p);
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) out[i * p + j] = sigma[i] * sigma[j] * corr[i * p + j];
  return out;
}
