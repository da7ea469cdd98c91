/**
 * What a trained model says about the cells a row is missing, and how likely its observed cells
 * are, by importance sampling with the encoder as proposal (Mattei & Frellsen 2019, §4): K draws
 * z_k ~ q(z | x_o), self-normalised weights w̃_k ∝ p(x_o | z_k) p(z_k) / q(z_k | x_o).
 *
 *   log p̂(x_o) = log (1/K) Σ w_k                       (the K-sample bound; → log p(x_o) as K grows)
 *   E[x_m | x_o] ≈ Σ_k w̃_k μ_m(z_k)                    (the imputation: a point estimate)
 *   draws: k ~ Categorical(w̃), x_m ~ N(μ_m(z_k), σ²_m(z_k))   (sampling importance resampling,
 *          joint over a row's missing cells; their quantiles give the interval)
 *
 * Works for any architecture whose encoder reads a mask (masked VAE, MIWAE), and for the plain
 * VAE on complete data (log-likelihood only). Evaluation mode: no dropout.
 */
import * as tf from '@tensorflow/tfjs';
import type { Matrix } from '../linalg';
import { quantile } from '../metrics';
import { createRng, type Rng } from '../random';
import { toVaeData } from './batch';
import { logImportanceWeights } from './miwae';
import { paramTensors } from './objective';
import { tidyRead } from './tidy-read';
import type { Vae } from './params';

export interface ImportanceOptions {
  /** K, importance samples per row */
  readonly samples: number;
  /**
   * resampled draws per row for the interval (imputation only); default 1000. The type-7
   * quantiles of n draws cover (n − 1)·level/(n + 1) in expectation: 0.938 for 94% at 1000.
   */
  readonly draws?: number;
  /** central interval mass; default 0.94 */
  readonly level?: number;
  /** latent draws decoded per tf call (memory bound); default 32 768 */
  readonly chunkDraws?: number;
  readonly signal?: AbortSignal;
}

export interface LogLikelihood {
  /** per row, log p̂(x_o) (nats) */
  readonly perRow: Float64Array;
  /** per row, effective sample size 1 / Σ w̃² of the normalised weights (1 … K) */
  readonly ess: Float64Array;
  readonly observedCells: number;
  /** −Σ log p̂(x_o) / observed cells: the held-out NLL per observed cell */
  readonly nllPerCell: number;
}

export interface MissingCells {
  /** the missing cells, row-major order */
  readonly row: Uint32Array;
  readonly col: Uint32Array;
  /** SNIS posterior-predictive mean */
  readonly mean: Float64Array;
  /** central interval bounds from the resampled draws */
  readonly lower: Float64Array;
  readonly upper: Float64Array;
}

export interface ImportanceImputation extends LogLikelihood {
  /** the data with every missing cell replaced by its imputed mean */
  readonly completed: Matrix;
  readonly missing: MissingCells;
  readonly level: number;
}

function checkOptions(o: ImportanceOptions): { samples: number; draws: number; level: number; chunkDraws: number } {
  const r = { samples: o.samples, draws: o.draws ?? 1000, level: o.level ?? 0.94, chunkDraws: o.chunkDraws ?? 32768 };
  if (!Number.isInteger(r.samples) || r.samples < 1) throw new Error(`importance sampling: samples (K) must be a positive integer, got ${r.samples}`);
  if (!Number.isInteger(r.draws) || r.draws < 2) throw new Error(`importance sampling: draws must be an integer ≥ 2, got ${r.draws}`);
  if (!(r.level > 0 && r.level < 1)) throw new Error(`importance sampling: level must be in (0, 1), got ${r.level}`);
  if (!Number.isInteger(r.chunkDraws) || r.chunkDraws < 1) throw new Error(`importance sampling: chunkDraws must be a positive integer, got ${r.chunkDraws}`);
  return r;
}

/** Index of the first cumulative weight > u (cum ascending, last = 1). */
function pick(cum: Float64Array, u: number): number {
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cum[mid] > u) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function run(model: Vae, data: Matrix, o: ImportanceOptions, rng: Rng, impute: boolean): ImportanceImputation | LogLikelihood {
  const opt = checkOptions(o);
  const { spec } = model;
  const d = toVaeData(spec, data);
  const K = opt.samples;
  const p = d.cols;
  const L = spec.latentDim;
  const perRow = new Float64Array(d.rows);
  const ess = new Float64Array(d.rows);
  let observedCells = 0;
  const completed = impute ? Float64Array.from(data.data) : null; // observed cells keep their float64 values
  const cells: { row: number[]; col: number[]; mean: number[]; lower: number[]; upper: number[] } = { row: [], col: [], mean: [], lower: [], upper: [] };
  const qLo = (1 - opt.level) / 2;
  const qHi = 1 - qLo;
  const chunkRows = Math.max(1, Math.floor(opt.chunkDraws / K));
  // two streams, so that the resampling draws never shift the latent draws (and vice versa)
  const epsRng = createRng(rng.nextUint32());
  const drawRng = createRng(rng.nextUint32());
  const w = new Float64Array(K);
  const cum = new Float64Array(K);
  for (let s = 0; s < d.rows; s += chunkRows) {
    if (o.signal?.aborted) throw o.signal.reason ?? new DOMException('importance sampling cancelled', 'AbortError');
    const e = Math.min(d.rows, s + chunkRows);
    const n = e - s;
    // ε row by row (K·L each) laid out sample-major: a row's draws do not depend on the chunking
    const eps = new Float32Array(K * n * L);
    for (let i = 0; i < n; i++) for (let k = 0; k < K; k++) for (let l = 0; l < L; l++) eps[(k * n + i) * L + l] = epsRng.normal();
    const arrays = tidyRead(() => {
      const x = tf.tensor2d(d.x.subarray(s * p, e * p), [n, p]);
      const mask = d.mask ? tf.tensor2d(d.mask.subarray(s * p, e * p), [n, p]) : null;
      const r = logImportanceWeights(spec, paramTensors(spec, model.params), x, mask, tf.tensor2d(eps, [K * n, L]));
      return impute ? [r.logW, r.mean, r.logVar] : [r.logW];
    });
    const out = { logW: arrays[0], mean: arrays[1] ?? new Float32Array(0), logVar: arrays[2] ?? new Float32Array(0) };
    for (let i = 0; i < n; i++) {
      const row = s + i;
      let max = -Infinity;
      for (let k = 0; k < K; k++) max = Math.max(max, out.logW[k * n + i]);
      if (!Number.isFinite(max)) throw new Error(`importance sampling: row ${row} has no finite importance weight (the model gives its observed cells zero density)`);
      let sum = 0;
      for (let k = 0; k < K; k++) sum += w[k] = Math.exp(out.logW[k * n + i] - max);
      perRow[row] = max + Math.log(sum) - Math.log(K);
      let sq = 0;
      let c = 0;
      for (let k = 0; k < K; k++) {
        w[k] /= sum;
        sq += w[k] * w[k];
        cum[k] = c += w[k];
      }
      cum[K - 1] = 1;
      ess[row] = 1 / sq;
      const missingCols: number[] = [];
      for (let j = 0; j < p; j++) {
        if (!d.mask || d.mask[row * p + j]) observedCells++;
        else missingCols.push(j);
      }
      if (!impute || missingCols.length === 0 || !completed) continue;
      const { mean, logVar } = out;
      const drawn = missingCols.map(() => new Float64Array(opt.draws));
      for (let t = 0; t < opt.draws; t++) {
        const k = pick(cum, drawRng.uniform());
        const base = (k * n + i) * p;
        missingCols.forEach((j, q) => (drawn[q][t] = mean[base + j] + Math.exp(0.5 * logVar[base + j]) * drawRng.normal()));
      }
      missingCols.forEach((j, q) => {
        let m = 0;
        for (let k = 0; k < K; k++) m += w[k] * mean[(k * n + i) * p + j];
        completed[row * p + j] = m;
        cells.row.push(row);
        cells.col.push(j);
        cells.mean.push(m);
        cells.lower.push(quantile(drawn[q], qLo));
        cells.upper.push(quantile(drawn[q], qHi));
      });
    }
  }
  let total = 0;
  for (const v of perRow) total += v;
  const ll: LogLikelihood = { perRow, ess, observedCells, nllPerCell: observedCells > 0 ? -total / observedCells : NaN };
  if (!impute || !completed) return ll;
  return {
    ...ll,
    completed: { rows: d.rows, cols: p, data: completed },
    missing: {
      row: Uint32Array.from(cells.row),
      col: Uint32Array.from(cells.col),
      mean: Float64Array.from(cells.mean),
      lower: Float64Array.from(cells.lower),
      upper: Float64Array.from(cells.upper),
    },
    level: opt.level,
  };
}

/** The K-sample estimate of log p(x_o) for every row (missing cells as NaN). */
export function importanceLogLikelihood(model: Vae, data: Matrix, o: ImportanceOptions, rng: Rng): LogLikelihood {
  return run(model, data, o, rng, false);
}

/** Imputes every missing (NaN) cell: SNIS mean and a `level` interval from resampled draws. */
export function importanceImpute(model: Vae, data: Matrix, o: ImportanceOptions, rng: Rng): ImportanceImputation {
  return run(model, data, o, rng, true) as ImportanceImputation;
}
