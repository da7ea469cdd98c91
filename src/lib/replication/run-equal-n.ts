/**
 * What the equal-n comparison needs beyond the other results: the floor of a learner trained
 * on n rows (the SRMR of a training sample's own correlations) at each training size, and the
 * SEM's ML fit at n = 500 over fresh samples, whose implied correlations are its estimate.
 */
import { INDICATORS, POPULATION, simulatePopulation } from '../data';
import { zeros, type Matrix } from '../linalg';
import { correlation, residual, srmr } from '../metrics';
import { createRng, derive } from '../random';
import { roundSig } from '../round';
import type { EqualNConfig, EqualNResult } from '../results/replication';
import { describeLavaan } from '../sem/description';
import { sufficientStats } from '../sem/likelihood';
import { fitMl, type MlFit } from '../sem/ml';
import { replicationSeed, roundSummary, type ReplicationIo } from './io';
import { populationStats } from './sem';
import { averageMatrix, summariseReplicates } from './summary';

/** The ML fit's implied correlation matrix, in INDICATORS order. */
export function impliedCorrelation(ml: MlFit): Matrix {
  const p = INDICATORS.length;
  const q = ml.observed.length;
  const at = INDICATORS.map((nm) => {
    const k = ml.observed.indexOf(nm);
    if (k < 0) throw new Error(`impliedCorrelation: the SEM does not model ${nm}`);
    return k;
  });
  const s = ml.impliedCovariance;
  const out = zeros(p, p);
  for (let i = 0; i < p; i++)
    for (let j = 0; j < p; j++) {
      const a = at[i];
      const b = at[j];
      out.data[i * p + j] = i === j ? 1 : s[a * q + b] / Math.sqrt(s[a * q + a] * s[b * q + b]);
    }
  return out;
}

export function runEqualN(config: EqualNConfig, syntax: string, io: ReplicationIo): EqualNResult {
  const floors = config.floorSizes.map((size) => {
    const v = new Float64Array(config.floorSets);
    for (let s = 0; s < config.floorSets; s++) {
      if (io.signal.aborted) throw new Error('interrupted');
      v[s] = srmr(residual(POPULATION.correlation, correlation(simulatePopulation(createRng(derive(config.seed, 'floor', size, s)), size))));
    }
    return { size, ...roundSummary(summariseReplicates(v)) };
  });
  io.progress.report(0.2, 'floors done');
  const description = describeLavaan(syntax, INDICATORS);
  const pop = fitMl(description, populationStats(config.semN));
  const residuals: Matrix[] = [];
  const per = new Float64Array(config.semReplications);
  for (let r = 0; r < config.semReplications; r++) {
    if (io.signal.aborted) throw new Error('interrupted');
    const x = simulatePopulation(createRng(replicationSeed(config.seed, r)), config.semN);
    const ml = fitMl(description, sufficientStats(x, INDICATORS));
    const res = residual(POPULATION.correlation, impliedCorrelation(ml));
    residuals.push(res);
    per[r] = srmr(res);
    if (r % 50 === 49) io.progress.report(0.2 + (0.8 * (r + 1)) / config.semReplications, `SEM ML ${r + 1}/${config.semReplications}`);
  }
  io.progress.report(1, 'done');
  return {
    floors,
    sem: {
      n: config.semN,
      replications: config.semReplications,
      populationMisfit: roundSig(srmr(residual(POPULATION.correlation, impliedCorrelation(pop))), 5),
      systematicSrmr: roundSig(srmr(averageMatrix(residuals)), 5),
      perSample: roundSummary(summariseReplicates(per)),
    },
    notes: [
      "Floor at size n: SRMR of the correlations of a sample of n rows from the truth, over floorSets samples (stream derive(seed, 'floor', n, s)). A learner that reproduced its training sample exactly would have this systematic error.",
      "SEM: the ML fit of the identified specification on semReplications samples of semN rows (stream derive(seed, 'replication', r)); its estimate of the correlations is the implied correlation matrix; systematicSrmr is the SRMR of the residual averaged over samples; populationMisfit the SRMR of the fit to the population covariance, which no sample size removes.",
    ],
  };
}
