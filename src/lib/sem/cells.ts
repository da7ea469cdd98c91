/**
 * The SEM with every missing cell as a parameter (Stan's usual idiom), the alternative to
 * integrating the cells out: θ = [the SEM's coordinates | one per missing cell], and the
 * likelihood is the complete-data MVN of the filled-in rows, so
 *   ∂ℓ/∂x_rj = −[Σ⁻¹ (x_r − μ)]_j  for each missing cell (r, j).
 * Both forms have the same posterior for the SEM's parameters. The product uses the marginal
 * form; this one exists to measure which samples faster (scripts/bench-sem-missing.ts).
 */
import type { Matrix } from '../linalg';
import { choleskyInto } from '../dense';
import type { SemDescription } from './description';
import { MvnLikelihood, sufficientStats, type SufficientStats } from './likelihood';
import { buildSemModel, type SemLikelihood, type SemModel } from './model';
import type { SemSpec } from './spec';

export interface SemCellsModel extends SemModel {
  /** the SEM's own coordinates come first; the missing cells follow, row by row */
  readonly semDim: number;
  readonly cells: readonly (readonly [row: number, column: number])[];
}

/** `x` holds the data's columns in the description's column order of `names`; NaN = missing. */
export function buildSemCellsModel(description: SemDescription, x: Matrix, names: readonly string[], spec: SemSpec): SemCellsModel {
  const stats = sufficientStats(x, names);
  const cols = description.columnIndex;
  const p = cols.length;
  // the model's columns, rows with none of them observed dropped (they carry no information)
  const rows: number[][] = [];
  for (let r = 0; r < x.rows; r++) {
    const row = cols.map((j) => x.data[r * x.cols + j]);
    if (row.some((v) => !Number.isNaN(v))) rows.push(row);
  }
  const n = rows.length;
  const data = Float64Array.from(rows.flat());
  const cells: [number, number][] = [];
  for (let r = 0; r < n; r++) for (let j = 0; j < p; j++) if (Number.isNaN(data[r * p + j])) cells.push([r, j]);
  const modelStats: SufficientStats = { names: cols.map((j) => names[j]), n, mean: new Float64Array(p), scatter: new Float64Array(p * p) };
  // the complete-data likelihood reads these two arrays, refreshed from `data` at every evaluation
  const complete = new MvnLikelihood(modelStats);
  const cellGrad = new Float64Array(cells.length);
  const chol = new Float64Array(p * p);
  const w = new Float64Array(p);

  function refreshStats(): void {
    const { mean, scatter } = modelStats;
    mean.fill(0);
    scatter.fill(0);
    for (let r = 0; r < n; r++) for (let j = 0; j < p; j++) mean[j] += data[r * p + j];
    for (let j = 0; j < p; j++) mean[j] /= n;
    for (let r = 0; r < n; r++) {
      for (let a = 0; a < p; a++) {
        const da = data[r * p + a] - mean[a];
        for (let b = 0; b <= a; b++) scatter[a * p + b] += da * (data[r * p + b] - mean[b]);
      }
    }
    for (let a = 0; a < p; a++) for (let b = 0; b < a; b++) scatter[b * p + a] = scatter[a * p + b];
  }

  /** −Σ⁻¹ (x_r − μ) at each missing cell, by one Cholesky factor and two triangular solves per row. */
  function cellGradients(mu: Float64Array | null, sigma: Float64Array): boolean {
    if (!choleskyInto(sigma, chol, p)) return false;
    let k = 0;
    while (k < cells.length) {
      const r = cells[k][0];
      for (let j = 0; j < p; j++) w[j] = data[r * p + j] - (mu ? mu[j] : 0);
      for (let i = 0; i < p; i++) {
        let s = w[i];
        for (let q = 0; q < i; q++) s -= chol[i * p + q] * w[q];
        w[i] = s / chol[i * p + i];
      }
      for (let i = p - 1; i >= 0; i--) {
        let s = w[i];
        for (let q = i + 1; q < p; q++) s -= chol[q * p + i] * w[q];
        w[i] = s / chol[i * p + i];
      }
      for (; k < cells.length && cells[k][0] === r; k++) cellGrad[k] = -w[cells[k][1]];
    }
    return true;
  }

  const likelihood: SemLikelihood = {
    logLik(mu, sigma, gradMu, gradSigma) {
      refreshStats();
      const ll = complete.logLik(mu, sigma, gradMu, gradSigma);
      if (gradMu && Number.isFinite(ll) && !cellGradients(mu, sigma)) return -Infinity;
      return ll;
    },
  };
  const inner = buildSemModel(description, stats, spec, likelihood);
  const semDim = inner.dim;
  const dim = semDim + cells.length;
  const setCells = (theta: Float64Array) => cells.forEach(([r, j], k) => (data[r * p + j] = theta[semDim + k]));
  const evaluate = (theta: Float64Array, grad: Float64Array | null, withPrior: boolean) => {
    if (theta.length !== dim) throw new Error(`SEM (cells as parameters): θ has length ${theta.length}, expected ${dim}`);
    setCells(theta);
    const head = theta.subarray(0, semDim);
    const lp = withPrior ? inner.logDensityAndGradient(head, grad ? grad.subarray(0, semDim) : new Float64Array(semDim)) : inner.logLikelihood(head, grad ? grad.subarray(0, semDim) : null);
    if (grad && Number.isFinite(lp)) grad.set(cellGrad, semDim);
    return lp;
  };
  const observedMean = stats.mean;
  return {
    ...inner,
    dim,
    semDim,
    cells,
    parameters: [...inner.parameters, { name: 'missing cells', shape: [cells.length] }],
    coordinateNames: [...inner.coordinateNames, ...cells.map(([r, j]) => `x[${r},${description.observed[j]}]`)],
    logDensityAndGradient: (theta, grad) => evaluate(theta, grad, true),
    logLikelihood: (theta, grad) => evaluate(theta, grad, false),
    constrain: (theta) => ({ ...inner.constrain(theta.subarray(0, semDim)), 'missing cells': theta.slice(semDim) }),
    implied: (theta) => inner.implied(theta.subarray(0, semDim)),
    initialPoint: () => {
      const t = new Float64Array(dim);
      t.set(inner.initialPoint());
      cells.forEach(([, j], k) => (t[semDim + k] = observedMean[cols[j]]));
      return t;
    },
  };
}
