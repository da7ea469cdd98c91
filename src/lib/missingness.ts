/**
 * Missingness mechanisms beyond MCAR, stated as data so that a result can carry the exact
 * mechanism it used.
 *
 * - MAR ("low satisfaction skips"): each cell of the `columns` is missing with probability
 *   logistic(α + β·s_i), where s_i is respondent i's job-satisfaction score, *negated* and
 *   standardised in the population (so low satisfaction → more missing). The score is built
 *   from the `driver` columns, which are never masked, so the probability depends only on
 *   observed answers: missing at random in Rubin's sense.
 * - MNAR ("low values skipped"): each cell of the `columns` is missing with probability
 *   logistic(α + β·s_ij), s_ij = −(x_ij − μ_j)/σ_j: the probability depends on the value
 *   that goes missing. Missing not at random.
 *
 * Both use the same α, solved so that the population's expected share of *all* cells that
 * are missing equals `fraction`, and the same slope β per population standard deviation; the
 * two differ only in what drives the probability. Cells are masked independently given the
 * probability (one uniform per maskable cell, row-major), so the realised fraction varies
 * around the target from sample to sample.
 */
import { POPULATION, maskMcar } from './data';
import type { Matrix } from './linalg';
import type { Rng } from './random';

export type MissingnessMechanism =
  /** without `columns`: exactly round(fraction · cells) cells of the whole matrix (data.maskMcar); with them: each of their cells independently, at the rate that gives `fraction` of all cells */
  | { readonly kind: 'mcar'; readonly fraction: number; readonly columns?: readonly string[] }
  | { readonly kind: 'mar'; readonly fraction: number; readonly slope: number; readonly columns: readonly string[]; readonly driver: readonly string[] }
  | { readonly kind: 'mnar'; readonly fraction: number; readonly slope: number; readonly columns: readonly string[] };

/** Every item except the three job-satisfaction ones. */
const NON_SATISFACTION = ['UF1', 'UF2', 'FOR', 'DA1', 'DA2', 'DA3', 'EBA', 'ST', 'MI'] as const;

/**
 * The essay's MAR mechanism, fixed before any result was seen: a fifth of all cells missing,
 * all of them among the nine items other than job satisfaction, odds of a cell going missing
 * multiplied by e² ≈ 7.4 for each population sd lower job satisfaction.
 */
export const MAR_LOW_SATISFACTION = { kind: 'mar', fraction: 0.2, slope: 2, columns: NON_SATISFACTION, driver: ['JW1', 'JW2', 'JW3'] } as const satisfies MissingnessMechanism;

/** The completely-at-random reference on the same cells at the same rate (the MAR mechanism with slope 0). */
export const MCAR_SAME_CELLS = { kind: 'mcar', fraction: 0.2, columns: NON_SATISFACTION } as const satisfies MissingnessMechanism;

/** Its not-at-random twin: same cells, same rate, same slope, driven by the missing value itself (low values skipped). */
export const MNAR_LOW_VALUES = { kind: 'mnar', fraction: 0.2, slope: 2, columns: NON_SATISFACTION } as const satisfies MissingnessMechanism;

const logistic = (t: number) => 1 / (1 + Math.exp(-t));

/** E[logistic(α + β Z)] for Z ~ N(0, 1), by composite Simpson on [−10, 10] (error far below 1e-10 for β ≤ 10). */
export function expectedLogistic(alpha: number, beta: number): number {
  const m = 4000;
  const h = 20 / m;
  let s = 0;
  for (let k = 0; k <= m; k++) {
    const z = -10 + k * h;
    const w = k === 0 || k === m ? 1 : k % 2 === 1 ? 4 : 2;
    s += w * logistic(alpha + beta * z) * Math.exp(-0.5 * z * z);
  }
  return (s * h) / 3 / Math.sqrt(2 * Math.PI);
}

/** α such that E[logistic(α + β Z)] = rate, by bisection (the expectation is increasing in α). */
export function interceptForRate(rate: number, beta: number): number {
  if (!(rate > 0 && rate < 1)) throw new Error(`interceptForRate: the rate of missing cells must lie in (0, 1), got ${rate}`);
  let lo = -50;
  let hi = 50;
  for (let it = 0; it < 200 && hi - lo > 1e-13; it++) {
    const mid = 0.5 * (lo + hi);
    if (expectedLogistic(mid, beta) < rate) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

function columnIndices(names: readonly string[], wanted: readonly string[], role: string): number[] {
  return wanted.map((w) => {
    const j = names.indexOf(w);
    if (j < 0) throw new Error(`missingness: ${role} column '${w}' is not one of the data's columns (${names.join(', ')})`);
    return j;
  });
}

/** The per-cell missing probability within the maskable columns: that share of their cells gives `fraction` of all cells. */
function maskableRate(m: { fraction: number; columns: readonly string[] }, p: number): number {
  const rate = (m.fraction * p) / m.columns.length;
  if (!(rate > 0 && rate < 1)) throw new Error(`missingness: ${m.fraction} of all ${p} columns' cells cannot come from ${m.columns.length} columns; lower the fraction or add columns`);
  return rate;
}

export interface Masked {
  readonly data: Matrix;
  /** flat (row-major) indices of the missing cells, ascending */
  readonly missing: Uint32Array;
}

/**
 * Apply a mechanism to complete data drawn from the population (whose means and sds
 * standardise the scores). Returns a copy with NaN in the missing cells.
 */
export function applyMissingness(rng: Rng, x: Matrix, mechanism: MissingnessMechanism, names: readonly string[] = POPULATION.names): Masked {
  if (names.length !== x.cols) throw new Error(`applyMissingness: ${names.length} names for ${x.cols} columns`);
  if (mechanism.kind === 'mcar' && !mechanism.columns) {
    const r = maskMcar(rng, x, mechanism.fraction);
    return { data: r.data, missing: r.missing };
  }
  const slope = mechanism.kind === 'mcar' ? 0 : mechanism.slope;
  if (!(slope >= 0 && Number.isFinite(slope))) throw new Error(`applyMissingness: slope must be a finite number ≥ 0, got ${slope}`);
  const p = x.cols;
  const columns = mechanism.columns!;
  const cols = columnIndices(names, columns, 'maskable');
  const alpha = interceptForRate(maskableRate({ fraction: mechanism.fraction, columns }, p), slope);
  const mu = POPULATION.mean;
  const sd = POPULATION.sd;
  const out = { rows: x.rows, cols: p, data: Float64Array.from(x.data) };
  const missing: number[] = [];

  let score: (row: number, col: number) => number;
  if (mechanism.kind === 'mcar') {
    score = () => 0;
  } else if (mechanism.kind === 'mar') {
    const driver = columnIndices(names, mechanism.driver, 'driver');
    if (driver.some((j) => cols.includes(j))) throw new Error('applyMissingness: a MAR driver column cannot also lose cells (the probability would depend on unobserved values)');
    // composite c = Σ_k (x_k − μ_k)/σ_k; its population variance is the sum of the driver block of the correlation matrix
    let variance = 0;
    for (const a of driver) for (const b of driver) variance += POPULATION.correlation.data[a * POPULATION.correlation.cols + b];
    const scale = Math.sqrt(variance);
    score = (row) => {
      let c = 0;
      for (const k of driver) c += (x.data[row * p + k] - mu[k]) / sd[k];
      return -c / scale;
    };
  } else {
    score = (row, col) => -(x.data[row * p + col] - mu[col]) / sd[col];
  }
  for (let i = 0; i < x.rows; i++) {
    for (const j of cols) {
      const u = rng.uniform();
      if (u < logistic(alpha + slope * score(i, j))) missing.push(i * p + j);
    }
  }
  missing.sort((a, b) => a - b);
  for (const idx of missing) out.data[idx] = NaN;
  return { data: out, missing: Uint32Array.from(missing) };
}

/** A one-line statement of the mechanism, for results' notes and figure captions. */
export function describeMechanism(m: MissingnessMechanism): string {
  const pct = `${Math.round(m.fraction * 1000) / 10}%`;
  if (m.kind === 'mcar') {
    if (!m.columns) return `MCAR: ${pct} of all cells, chosen uniformly at random`;
    return `MCAR: each cell of ${m.columns.join(', ')} missing independently with the same probability, set so that ${pct} of all cells are missing`;
  }
  const base = `each cell of ${m.columns.join(', ')} missing with probability logistic(α + ${m.slope}·s), α set so that ${pct} of all cells are missing in the population`;
  if (m.kind === 'mar') return `MAR: ${base}; s = the respondent's job-satisfaction score (${m.driver.join(' + ')}, standardised, negated: low satisfaction → more missing), from items that are never missing`;
  return `MNAR: ${base}; s = −(the cell's own value − its population mean) / its population sd (low values more often missing)`;
}

/** The same union with plain arrays (what a zod-validated config gives). */
export type MechanismData =
  | { kind: 'mcar'; fraction: number; columns?: string[] }
  | { kind: 'mar'; fraction: number; slope: number; columns: string[]; driver: string[] }
  | { kind: 'mnar'; fraction: number; slope: number; columns: string[] };

/** A plain, mutable copy of a mechanism, the shape an experiment's config holds. */
export function mechanismData(m: MissingnessMechanism): MechanismData {
  switch (m.kind) {
    case 'mcar':
      return m.columns ? { kind: 'mcar', fraction: m.fraction, columns: [...m.columns] } : { kind: 'mcar', fraction: m.fraction };
    case 'mar':
      return { kind: 'mar', fraction: m.fraction, slope: m.slope, columns: [...m.columns], driver: [...m.driver] };
    case 'mnar':
      return { kind: 'mnar', fraction: m.fraction, slope: m.slope, columns: [...m.columns] };
  }
}
