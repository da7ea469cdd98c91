/**
 * Posterior predictive check of the joint structure: for each of a set of posterior draws,
 * simulate a data set of the study's size from MVN(0, Σ_y), take its correlation matrix and
 * its residual against the true correlation (truth − model), then average.
 */
import { simulateMvn } from '../data';
import type { Matrix } from '../linalg';
import { zeros } from '../linalg';
import { correlation, residual, srmr } from '../metrics';
import type { Rng } from '../random';

export interface PredictiveCheck {
  readonly sets: number;
  readonly n: number;
  /** average correlation matrix of the predictive data sets */
  readonly meanCorrelation: Matrix;
  /** truth − average predictive correlation */
  readonly meanResidual: Matrix;
  /** standard SRMR of meanResidual (the number that goes with the heatmap) */
  readonly srmr: number;
  /** SRMR of each set's own residual, which also contains sampling noise of size n */
  readonly srmrPerSet: Float64Array;
}

/** `covariances`: one p×p implied covariance per chosen posterior draw. */
export function predictiveResiduals(covariances: readonly Float64Array[], n: number, truth: Matrix, rng: Rng): PredictiveCheck {
  const p = truth.rows;
  if (covariances.length === 0) throw new Error('predictiveResiduals: no covariance draws');
  const sum = zeros(p, p);
  const perSet = new Float64Array(covariances.length);
  covariances.forEach((cov, s) => {
    if (cov.length !== p * p) throw new Error(`predictiveResiduals: draw ${s} has ${cov.length} entries, expected ${p}×${p}`);
    const x = simulateMvn(rng, n, new Float64Array(p), { rows: p, cols: p, data: cov });
    const r = correlation(x);
    perSet[s] = srmr(residual(truth, r));
    for (let k = 0; k < p * p; k++) sum.data[k] += r.data[k];
  });
  const meanCorrelation = { rows: p, cols: p, data: sum.data.map((v) => v / covariances.length) };
  const meanResidual = residual(truth, meanCorrelation);
  return { sets: covariances.length, n, meanCorrelation, meanResidual, srmr: srmr(meanResidual), srmrPerSet: perSet };
}
