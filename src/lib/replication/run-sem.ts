/**
 * The science of sem-replication-263 as one function of a config, the model text and the
 * progress/abort plumbing: R fresh samples of n rows, the ML fit of the identified
 * specification on each, the ML fit on the population covariance, and the essay's own sample
 * placed among them. Deterministic for a given config.
 */
import { INDICATORS, POPULATION, simulatePopulation } from '../data';
import { histogram } from '../metrics';
import { createRng } from '../random';
import { roundSig } from '../round';
import type { SemReplicationConfig, SemReplicationResult } from '../results/replication';
import { groupOf } from '../sem/analysis';
import { describeLavaan } from '../sem/description';
import { fitMl } from '../sem/ml';
import { fitSemReplicate, populationStats, summariseSemReplication, type SemReplicate } from './sem';
import { replicationSeed, roundSummary, type ReplicationIo } from './io';

const sig = (x: number, d = 5) => roundSig(x, d);

export function runSemReplication(config: SemReplicationConfig, syntax: string, io: ReplicationIo): SemReplicationResult {
  const description = describeLavaan(syntax, INDICATORS);
  const population = fitMl(description, populationStats(config.n));
  if (!population.converged) throw new Error(`sem-replication: the ML fit to the population covariance did not converge (${population.message})`);

  const replicates: SemReplicate[] = [];
  for (let r = 0; r < config.replications; r++) {
    if (io.signal.aborted) throw new Error('interrupted');
    replicates.push(fitSemReplicate(description, simulatePopulation(createRng(replicationSeed(config.seed, r)), config.n)));
    if (r % 50 === 49) io.progress.report((r + 1) / (config.replications + 1), `ML fit ${r + 1}/${config.replications}`);
  }
  // the essay's sample: simulatePopulation(createRng(sampleSeed), n), as sample-263 and the SEM fits draw it
  const sample = fitSemReplicate(description, simulatePopulation(createRng(config.sampleSeed), config.n));
  const s = summariseSemReplication(description, population, replicates, sample, config.alpha);

  const ok = replicates.filter((r) => r.converged);
  const parameters = s.parameters.map((p, k) => {
    const values = Float64Array.from(ok, (r) => r.estimates[k]);
    let lo = Math.min(p.population, p.sample.estimate);
    let hi = Math.max(p.population, p.sample.estimate);
    for (const v of values) (lo = Math.min(lo, v)), (hi = Math.max(hi, v));
    const width = (hi - lo) / config.histogramBins;
    const edges = Array.from({ length: config.histogramBins + 1 }, (_, b) => lo + b * width);
    return {
      name: p.name,
      group: groupOf(p.name, description),
      population: sig(p.population),
      estimates: roundSummary(p.estimates),
      biasZ: sig(p.biasZ, 4),
      signShare: p.signShare === null ? null : sig(p.signShare, 5),
      coverage: sig(p.coverage, 5),
      meanSe: sig(p.meanSe),
      shareNegative: sig(p.shareNegative, 5),
      shareSignificant: sig(p.shareSignificant, 5),
      sample: { estimate: sig(p.sample.estimate), se: sig(p.sample.se), percentile: sig(p.sample.percentile, 5) },
      histogram: { lo: sig(lo, 6), hi: sig(hi, 6), counts: histogram(values, edges) },
    };
  });
  const paths = parameters.filter((p) => p.group === 'path');
  const worst = paths.reduce((a, b) => (Math.abs(b.biasZ) > Math.abs(a.biasZ) ? b : a));
  const maxAbsBiasZ = Math.abs(worst.biasZ);
  io.progress.log(`sem-replication: ${ok.length}/${replicates.length} converged; worst path ${worst.name} bias z = ${worst.biasZ}`);
  io.progress.report(1, 'done');
  return {
    n: config.n,
    replications: s.replications,
    notConverged: s.notConverged,
    singularInformation: s.singularInformation,
    syntax,
    parameters,
    fit: {
      chisq: roundSummary(s.fit.chisq),
      cfi: roundSummary(s.fit.cfi),
      rmsea: roundSummary(s.fit.rmsea),
      srmr: roundSummary(s.fit.srmr),
      df: population.fit.df,
      rejectExactFit: sig(s.fit.rejectExactFit, 5),
    },
    sampleFit: { chisq: sig(s.sampleFit.chisq), chisqPercentile: sig(s.sampleFit.chisqPercentile, 5), srmr: sig(s.sampleFit.srmr), srmrPercentile: sig(s.sampleFit.srmrPercentile, 5) },
    sampleSrmr: { ...roundSummary(s.sampleSrmr), sample: sig(s.sampleSrmr.sample), percentile: sig(s.sampleSrmr.percentile, 5) },
    sampleCorrelations: s.sampleCorrelations.map((c) => ({ ...roundSummary(c), pair: [c.pair[0], c.pair[1]] as [string, string], truth: c.truth, sample: sig(c.sample), percentile: sig(c.percentile, 5) })),
    effects: s.effects.map((e) => ({ kind: e.kind, from: e.from, to: e.to, population: sig(e.population), estimates: roundSummary(e.estimates), shareNegative: sig(e.shareNegative, 5), sample: { estimate: sig(e.sample.estimate), percentile: sig(e.sample.percentile, 5) } })),
    pathAgreement: { maxAbsBiasZ: sig(maxAbsBiasZ, 4), within2Mcse: maxAbsBiasZ < 2, worst: worst.name },
    notes: [
      `Replication r is simulatePopulation(createRng(derive(seed, 'replication', r)), n); the essay's sample is simulatePopulation(createRng(${config.sampleSeed}), n), the sample of sample-263 and both SEM fits.`,
      'Each sample: the ML fit of the identified specification (the likelihood the Bayesian SEM uses); SEs from the observed information; a 95% interval is estimate ± 1.96 SE.',
      `Population: the same ML fit to the true covariance (${POPULATION.names.length} indicators, zero mean) given as the statistics of an n-row sample; its estimates are the values the replications are compared with.`,
      'biasZ = (mean over replications − population value) / MCSE, MCSE = sd over replications / √R: ML is consistent, not unbiased, so a |biasZ| above 2 is finite-sample bias that R replications are enough to see.',
      'percentile = share of replications below the essay-sample estimate (ties count half).',
    ],
  };
}
