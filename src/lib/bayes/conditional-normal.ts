/**
 * Draws for missing cells from their conditional normal given a row's observed cells:
 *   x_m | x_o ~ N(μ_m + Σ_mo Σ_oo⁻¹ (x_o − μ_o), Σ_mm − Σ_mo Σ_oo⁻¹ Σ_om).
 * Rows are handled per missingness pattern so each pattern's factorisations happen once.
 */
import type { Matrix } from '../linalg';
import type { Rng } from '../random';
import { choleskyInto, inverseFromLowerInverse, invertLowerInto } from '../dense';

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
 * Uses the precision P = Σ⁻¹: the conditional of x_m given x_o has precision P_mm and mean
 * μ_m − P_mm⁻¹ P_mo (x_o − μ_o), so each pattern needs only a k×k factorisation (k missing).
 * Consumes rng pattern by pattern, row by row, missing column by column.
 */
export function drawMissing(x: Matrix, layout: MissingLayout, mu: Float64Array, sigma: Float64Array, rng: Rng): Float64Array {
  const p = x.cols;
  const chol = new Float64Array(p * p);
  const linv = new Float64Array(p * p);
  const prec = new Float64Array(p * p);
  if (!choleskyInto(sigma, chol, p)) throw new Error('drawMissing: Σ is not positive definite');
  invertLowerInto(chol, linv, p);
  inverseFromLowerInverse(linv, prec, p);
  const filled = new Float64Array(x.data);
  const pmm = new Float64Array(p * p);
  const lm = new Float64Array(p * p);
  const rhs = new Float64Array(p);
  const v = new Float64Array(p);
  const e = new Float64Array(p);
  for (const pat of layout.patterns) {
    const o = pat.observed;
    const m = pat.missing;
    const k = m.length;
    for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) pmm[a * k + b] = prec[m[a] * p + m[b]];
    if (!choleskyInto(pmm, lm, k)) throw new Error('drawMissing: conditional precision is not positive definite');
    for (const r of pat.rows) {
      for (let a = 0; a < k; a++) {
        let s = 0;
        for (let c = 0; c < o.length; c++) s += prec[m[a] * p + o[c]] * (x.data[r * p + o[c]] - mu[o[c]]);
        rhs[a] = s;
      }
      // v = P_mm⁻¹ rhs (forward then back substitution with Lm)
      for (let a = 0; a < k; a++) {
        let s = rhs[a];
        for (let c = 0; c < a; c++) s -= lm[a * k + c] * v[c];
        v[a] = s / lm[a * k + a];
      }
      for (let a = k - 1; a >= 0; a--) {
        let s = v[a];
        for (let c = a + 1; c < k; c++) s -= lm[c * k + a] * v[c];
        v[a] = s / lm[a * k + a];
      }
      // e = Lm⁻ᵀ z has covariance P_mm⁻¹
      for (let a = 0; a < k; a++) e[a] = rng.normal();
      for (let a = k - 1; a >= 0; a--) {
        let s = e[a];
        for (let c = a + 1; c < k; c++) s -= lm[c * k + a] * e[c];
        e[a] = s / lm[a * k + a];
      }
      for (let a = 0; a < k; a++) filled[r * p + m[a]] = mu[m[a]] - v[a] + e[a];
    }
  }
  const out = new Float64Array(layout.cells.length);
  for (let i = 0; i < out.length; i++) out[i] = filled[layout.cells[i]];
  return out;
}
