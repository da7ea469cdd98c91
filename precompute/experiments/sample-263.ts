/** One simulated sample of the original study's size, and how far its correlations are from the truth. */
import { GROUPS, INDICATORS, maskMcar, POPULATION, simulatePopulation } from '../../src/lib/data';
import { createRng, derive } from '../../src/lib/random';
import { correlation, covariance, residual, srmr, srmrAsInOriginal } from '../../src/lib/metrics';
import { roundArray, roundMatrix, roundSig } from '../../src/lib/round';
import type { SampleResult } from '../../src/lib/results/spine';
import { defineRun } from '../experiment';
import declaration from '../../src/lib/experiments/sample-263';

export default defineRun(declaration, async ({ config, rng, seed, progress }): Promise<SampleResult> => {
  const x = simulatePopulation(rng, config.n);
  // a separate stream, so the complete sample is the same whatever the missing fraction
  const masked = maskMcar(createRng(derive(seed, 'missing-preview')), x, config.previewMissingFraction);
  const r = correlation(x);
  const resid = residual(POPULATION.correlation, r);
  const cov = covariance(x);
  progress.report(1, 'done');
  return {
    n: config.n,
    names: [...INDICATORS],
    groups: GROUPS.map((g) => ({ id: g.id, label: g.label, indicators: [...g.indicators] })),
    data: roundMatrix(x, 5),
    previewRows: config.previewRows,
    missingFraction: config.previewMissingFraction,
    missingCells: masked.missing.length,
    dataWithMissing: roundMatrix(masked.data, 5).map((row) => row.map((v) => (Number.isNaN(v) ? null : v))),
    trueCorrelation: roundMatrix(POPULATION.correlation),
    sampleCorrelation: roundMatrix(r),
    residual: roundMatrix(resid),
    srmr: roundSig(srmr(resid)),
    srmrAsInOriginal: roundSig(srmrAsInOriginal(resid)),
    sampleSd: roundArray(Array.from({ length: cov.rows }, (_, i) => Math.sqrt(cov.data[i * cov.cols + i]))),
  };
});
