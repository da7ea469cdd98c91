/**
 * Draws for missing cells from their conditional normal given a row's observed cells:
 *   x_m | x_o ~ N(μ_m + Σ_mo Σ_oo⁻¹ (x_o − μ_o), Σ_mm − Σ_mo Σ_oo⁻¹ Σ_om).
 * Rows are handled per missingness pattern so each pattern's factorisations happen once.
 */
import type { Matrix } from '../linalg';
import type { Rng } from '../random';
import { choleskyInto } from './dense';

export interface MissingPattern {
  readonly observed: Uint16Array;
  readonly missing: Uint16Array;
  readonly rows: Uint32Array;
}

/** Missing cells in flat row-major order, and the rows that have any, grouped by pattern. */
export interface MissingLayout {
  /** flat indices r·p + j of missing cells, ascending */
  readonly cells: Uint32Array;
  readonly patterns: readonly MissingPattern[];
}

export function missingLayout(x: Matrix): MissingLayout {
  const { rows: n, cols: p, data } = x;
  const cells: number[] = [];
  const groups = new Map<string, number[]>();
  for (let r = 0; r < n; r++) {
    let key = '';
    for (let j = 0; j < p; j++) {
      const miss = Number.isNaN(data[r * p + j]);
      key += miss ? '0' : '1';
      if (miss) cells.push(r * p + j);
    }
    if (!key.includes('0')) continue;
    const g = groups.get(key);
    if (g) g.push(r);
    else groups.set(key, [r]);
  }
  const patterns = [...groups.keys()].sort().map((key) => {
    const obs: number[] = [];
    const mis: number[] = [];
    for (let j = 0; j < p; j++) (key[j] === '1' ? obs : mis).push(j);
    return { observed: Uint16Array.from(obs), missing: Uint16Array.from(mis), rows: Uint32Array.from(groups.get(key)!) };
  });
  return { cells: Uint32Array.from(cells), patterns };
}

/**
 * One joint draw of every missing cell given (μ, Σ), in the order of `layout.cells`.
 * Consumes rng pattern by pattern, row by row, missing column by column.
 */
export function drawMissing(x: Matrix, layout: MissingLayout, mu: Float64Array, sigma: Float64Array, rng: Rng): Float64Array {
  const p = x.cols;
  const filled = new Float64Array(x.data); // values by flat index; missing ones written below
  for (const pat of layout.patterns) {
    const o = pat.observed;
    const m = pat.missing;
    const q = o.length;
    const k = m.length;
    // B = Σ_mo Σ_oo⁻¹ (k×q) and the conditional covariance's Cholesky factor (k×k).
    const soo = new Float64Array(q * q);
    for (let a = 0; a < q; a++) for (let b = 0; b < q; b++) soo[a * q + b] = sigma[o[a] * p + o[b]];
    const loo = new Float64Array(q * q);
    if (q > 0 && !choleskyInto(soo, loo, q)) throw new Error('drawMissing: Σ_oo is not positive definite');
    const bmat = new Float64Array(k * q);
    const tmp = new Float64Array(q);
    for (let a = 0; a < k; a++) {
      // Solve Σ_oo b = Σ_o,m[a] by forward then back substitution; b is row a of B.
      for (let i = 0; i < q; i++) {
        let s = sigma[o[i] * p + m[a]];
        for (let c = 0; c < i; c++) s -= loo[i * q + c] * tmp[c];
        tmp[i] = s / loo[i * q + i];
      }
      for (let i = q - 1; i >= 0; i--) {
        let s = tmp[i];
        for (let c = i + 1; c < q; c++) s -= loo[c * q + i] * bmat[a * q + c];
        bmat[a * q + i] = s / loo[i * q + i];
      }
    }
    const cond = new Float64Array(k * k);
    for (let a = 0; a < k; a++) {
      for (let b = 0; b < k; b++) {
        let s = sigma[m[a] * p + m[b]];
        for (let c = 0; c < q; c++) s -= bmat[a * q + c] * sigma[o[c] * p + m[b]];
        cond[a * k + b] = s;
      }
    }
    // Symmetrise against rounding before factorising.
    for (let a = 0; a < k; a++) for (let b = 0; b < a; b++) cond[a * k + b] = cond[b * k + a] = 0.5 * (cond[a * k + b] + cond[b * k + a]);
    const lc = new Float64Array(k * k);
    if (!choleskyInto(cond, lc, k)) throw new Error('drawMissing: conditional covariance is not positive definite');
    const z = new Float64Array(k);
    for (const r of pat.rows) {
      for (let a = 0; a < k; a++) z[a] = rng.normal();
      for (let a = 0; a < k; a++) {
        let v = mu[m[a]];
        for (let c = 0; c < q; c++) v += bmat[a * q + c] * (x.data[r * p + o[c]] - mu[o[c]]);
        for (let c = 0; c <= a; c++) v += lc[a * k + c] * z[c];
        filled[r * p + m[a]] = v;
      }
    }
  }
  const out = new Float64Array(layout.cells.length);
  for (let i = 0; i < out.length; i++) out[i] = filled[layout.cells[i]];
  return out;
}
