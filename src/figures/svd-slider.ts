/**
 * The rank slider's figure: the data matrix beside its rank-k reconstruction, and the error
 * curve with k marked. Shared by the build-time render and the browser island.
 */
import type * as Plot from '@observablehq/plot';
import { fromRows, toRows } from '../lib/linalg';
import { lowRank, type Svd } from '../lib/low-rank';
import type { SvdResult } from '../lib/results/spine';
import { errorCurveOptions, matrixImageOptions } from './svd';

export function svdFromResult(r: Pick<SvdResult, 'u' | 'singularValues' | 'v'>): Svd {
  return { u: fromRows(r.u), s: Float64Array.from(r.singularValues), v: fromRows(r.v) };
}

export function sliderPlots(r: SvdResult, d: Svd, k: number): { data: Plot.PlotOptions; recon: Plot.PlotOptions; curve: Plot.PlotOptions } {
  return {
    data: matrixImageOptions({ title: 'data X', rows: r.data }, r.names, 2.5, { width: 176 }),
    recon: matrixImageOptions({ title: `rank ${k}`, rows: toRows(lowRank(d, k)) }, r.names, 2.5, { width: 150, yAxis: false }),
    curve: errorCurveOptions(r.errors, [k], 520),
  };
}
