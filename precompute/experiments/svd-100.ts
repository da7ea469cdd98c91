/** SVD of an n = 100 sample: singular values, and the error of every rank-k reconstruction. */
import { INDICATORS, simulatePopulation } from '../../src/lib/data';
import { frobeniusDistance, zeros } from '../../src/lib/linalg';
import { lowRank, svd } from '../../src/lib/svd';
import { roundArray, roundMatrix, roundSig } from '../../src/lib/round';
import type { SvdResult } from '../../src/lib/results/spine';
import { defineRun } from '../experiment';
import declaration from '../../src/lib/experiments/svd-100';

export default defineRun(declaration, async ({ config, rng, progress }): Promise<SvdResult> => {
  const x = simulatePopulation(rng, config.n);
  const d = svd(x);
  const total = frobeniusDistance(x, zeros(x.rows, x.cols));
  const totalSq = total ** 2;
  let explained = 0;
  const errors = Array.from({ length: d.s.length + 1 }, (_, k) => {
    if (k > 0) explained += d.s[k - 1] ** 2;
    const err = frobeniusDistance(x, lowRank(d, k));
    return { k, frobenius: roundSig(err), relative: roundSig(err / total), varianceExplained: roundSig(explained / totalSq) };
  });
  progress.report(1, 'done');
  return {
    n: config.n,
    names: [...INDICATORS],
    data: roundMatrix(x, 6),
    u: roundMatrix(d.u, 8),
    singularValues: roundArray(d.s, 8),
    v: roundMatrix(d.v, 8),
    shownRanks: config.shownRanks,
    errors,
  };
});
