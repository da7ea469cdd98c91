/**
 * The science of mvn-replication-500 and mvn-mar-500: Bayesian MVN fits (and the cheap
 * estimators) over fresh samples, graded against the population. Chains of several
 * replications go to the executor together, so a worker pool runs them in parallel.
 */
import { mcseMean } from '../bayes/diagnostics';
import { chainJobs, inlineExecutor, type ChainExecutor } from '../bayes/runner';
import type { ChainJob } from '../bayes/protocol';
import type { ChainResult } from '../bayes/sampler';
import { columnDraws } from '../bayes/summary';
import { INDICATORS, POPULATION, maskMcar, simulatePopulation } from '../data';
import type { Matrix } from '../linalg';
import { correlation, residual, srmr } from '../metrics';
import { applyMissingness, describeMechanism, type MissingnessMechanism } from '../missingness';
import { createRng, derive } from '../random';
import { roundMatrix, roundSig } from '../round';
import type { FitHealth, MethodId, MethodResult, MvnMarConfig, MvnMarResult, MvnReplicationConfig, MvnReplicationResult } from '../results/replication';
import { columnMeanImputation, completeCase, emMvn, pairwise, type MomentEstimate } from './estimators';
import { coveredCount, lowerPairs, summariseMvnFit, type MvnFitSummary } from './mvn';
import { replicationSeed, roundSummary, type ReplicationIo } from './io';
import { averageMatrix, gradeEstimate, summariseReplicates, type EstimateError } from './summary';

export interface ChainIo extends ReplicationIo {
  /** where chains run (default: this thread) */
  readonly executor?: ChainExecutor;
}

const sig = (x: number, d = 5) => roundSig(x, d);
const names = [...INDICATORS];
const truthSrmr = (r: Matrix) => srmr(residual(POPULATION.correlation, r));

interface FitRequest {
  readonly x: Matrix;
  readonly missing?: 'marginal' | 'parameters';
  readonly seed: number;
}

/**
 * Run many fits' chains through one executor call; returns each fit's chains in request order.
 * The replication summaries read μ, σ and Ω only, so no imputations are drawn (impute: false;
 * the chains' draws are the same without them).
 */
async function runFits(requests: readonly FitRequest[], settings: { chains: number; warmup: number; draws: number; adaptDelta: number }, io: ChainIo): Promise<ChainResult[][]> {
  const jobs: ChainJob[] = requests.flatMap((q) =>
    chainJobs({ kind: 'mvn', x: q.x, names, impute: false, ...(q.missing ? { missing: q.missing } : {}) }, { numWarmup: settings.warmup, numDraws: settings.draws, adaptDelta: settings.adaptDelta }, q.seed, settings.chains),
  );
  const chains = await (io.executor ?? inlineExecutor).run(jobs, undefined, io.signal);
  return requests.map((_, k) => chains.slice(k * settings.chains, (k + 1) * settings.chains));
}

function healthSummary(h: readonly FitHealth[]) {
  return {
    fits: h.length,
    divergences: h.reduce((s, v) => s + v.divergences, 0),
    treeDepthHits: h.reduce((s, v) => s + v.treeDepthHits, 0),
    maxRhat: sig(Math.max(...h.map((v) => v.maxRhat)), 4),
    minEssBulk: sig(Math.min(...h.map((v) => v.minEssBulk)), 4),
    minEssTail: sig(Math.min(...h.map((v) => v.minEssTail)), 4),
  };
}

const roundHealth = (h: FitHealth): FitHealth => ({ ...h, maxRhat: sig(h.maxRhat, 4), minEssBulk: sig(h.minEssBulk, 4), minEssTail: sig(h.minEssTail, 4) });

// ---- mvn-replication-500 ------------------------------------------------------------------

export async function runMvnReplication(config: MvnReplicationConfig, io: ChainIo, batch = 4): Promise<MvnReplicationResult> {
  const pairs = lowerPairs(names.length).length;
  const missingCells = Math.round(config.missingFraction * config.n * names.length);
  const runs: MvnReplicationResult['runs'] = [];
  let done = 0;
  const totalChains = 2 * config.replications * config.chains;
  for (let start = 0; start < config.replications; start += batch) {
    const rs = Array.from({ length: Math.min(batch, config.replications - start) }, (_, k) => start + k);
    const data = rs.map((r) => {
      const x = simulatePopulation(createRng(replicationSeed(config.seed, r)), config.n);
      return { x, masked: maskMcar(createRng(derive(config.seed, 'mask', r)), x, config.missingFraction).data };
    });
    const fits = await runFits(
      data.flatMap((d, k) => [
        { x: d.x, seed: derive(config.seed, 'chains', rs[k], 'complete') },
        { x: d.masked, missing: 'marginal' as const, seed: derive(config.seed, 'chains', rs[k], 'mcar') },
      ]),
      config,
      io,
    );
    done += fits.length * config.chains;
    io.progress.report(done / totalChains, `chains ${done}/${totalChains}`);
    data.forEach((d, k) => {
      const record = (chains: ChainResult[], x: Matrix) => {
        const f = summariseMvnFit(chains, names, config.n, config.hdiProb);
        return { posteriorSrmr: sig(truthSrmr(f.correlation)), sampleSrmr: sig(truthSrmr(correlation(x))), covered: coveredCount(POPULATION.correlation, f.lower, f.upper), health: roundHealth(f.health) };
      };
      const complete = record(fits[2 * k], d.x);
      runs.push({ floor: complete.sampleSrmr, complete, mcar: record(fits[2 * k + 1], d.masked) });
    });
  }
  const part = (which: 'complete' | 'mcar') => {
    const post = runs.map((r) => r[which].posteriorSrmr);
    const samp = runs.map((r) => r[which].sampleSrmr);
    const perRun = runs.map((r) => r[which].covered / pairs);
    const cov = summariseReplicates(perRun);
    return {
      posteriorSrmr: roundSummary(summariseReplicates(post)),
      sampleSrmr: roundSummary(summariseReplicates(samp)),
      posteriorMinusSample: roundSummary(summariseReplicates(post.map((v, i) => v - samp[i]))),
      posteriorBeatsSample: sig(post.filter((v, i) => v < samp[i]).length / post.length, 5),
      coverage: sig(cov.mean, 5),
      coverageSe: sig(cov.mcse, 4),
    };
  };
  io.progress.report(1, 'done');
  return {
    n: config.n,
    replications: config.replications,
    correlations: pairs,
    hdiProb: config.hdiProb,
    missingCells,
    runs,
    summary: {
      floor: roundSummary(summariseReplicates(runs.map((r) => r.floor))),
      complete: part('complete'),
      mcar: part('mcar'),
      health: { complete: healthSummary(runs.map((r) => r.complete.health)), mcar: healthSummary(runs.map((r) => r.mcar.health)) },
    },
    notes: [
      `Replication r: simulatePopulation(createRng(derive(seed, 'replication', r)), n); MCAR mask maskMcar(createRng(derive(seed, 'mask', r)), x, ${config.missingFraction}) (exactly ${missingCells} cells).`,
      'floor: SRMR of the complete sample\'s own correlations against the truth (one draw of the sampling floor per replication). sampleSrmr of the MCAR fit: pairwise-complete correlations of the incomplete sample.',
      `coverage: share of the ${pairs} true correlations inside their ${Math.round(config.hdiProb * 100)}% HDIs, averaged over replications; coverageSe = sd over replications of that share / √R (the correlations within one sample are not independent, so a binomial SE would understate it).`,
      'posteriorMinusSample: paired difference of SRMRs on the same sample; posteriorBeatsSample: share of replications where the posterior mean is closer to the truth.',
    ],
  };
}

// ---- mvn-mar-500 --------------------------------------------------------------------------

export const METHOD_LABELS: Readonly<Record<MethodId, string>> = {
  'complete-case': 'Complete cases only',
  pairwise: 'Pairwise deletion',
  'column-mean': 'Column-mean imputation',
  em: 'EM (maximum likelihood)',
  'bayes-marginal': 'Bayesian MVN, cells integrated out',
  'bayes-cells': 'Bayesian MVN, cells as parameters',
};

const CHEAP: readonly [MethodId, (x: Matrix) => MomentEstimate][] = [
  ['complete-case', completeCase],
  ['pairwise', pairwise],
  ['column-mean', columnMeanImputation],
  ['em', (x) => emMvn(x)],
];

function completeRows(x: Matrix): number {
  let rows = 0;
  for (let i = 0; i < x.rows; i++) {
    let ok = true;
    for (let j = 0; j < x.cols; j++) if (Number.isNaN(x.data[i * x.cols + j])) ok = false;
    if (ok) rows++;
  }
  return rows;
}

/** max over the core quantities of |Δ posterior mean| / √(MCSE_a² + MCSE_b²). */
export function formulationMaxZ(a: readonly ChainResult[], b: readonly ChainResult[]): number {
  const core = names.map((s) => `mu[${s}]`).concat(names.map((s) => `sigma[${s}]`), lowerPairs(names.length).map(([i, j]) => `corr[${names[i]},${names[j]}]`));
  let worst = 0;
  for (const c of core) {
    const da = columnDraws(a, c);
    const db = columnDraws(b, c);
    const mean = (cs: Float64Array[]) => cs.reduce((s, x) => s + x.reduce((t, v) => t + v, 0), 0) / cs.reduce((s, x) => s + x.length, 0);
    worst = Math.max(worst, Math.abs(mean(da) - mean(db)) / Math.hypot(mcseMean(da), mcseMean(db)));
  }
  return worst;
}

export async function runMvnMar(config: MvnMarConfig, io: ChainIo, batch = 4): Promise<MvnMarResult> {
  if (config.bayesReplications > config.replications || config.cellsReplications > config.bayesReplications) {
    throw new Error('mvn-mar: need replications ≥ bayesReplications ≥ cellsReplications (the Bayesian fits reuse the first samples)');
  }
  const p = names.length;
  const samples = Array.from({ length: config.replications }, (_, r) => simulatePopulation(createRng(replicationSeed(config.seed, r)), config.n));
  const floors = samples.map((x) => truthSrmr(correlation(x)));
  const totalChains = (config.bayesReplications + config.cellsReplications) * config.chains;
  const out: MvnMarResult['mechanisms'] = [];

  for (const [mi, { id, mechanism }] of config.mechanisms.entries()) {
    const mech = mechanism as MissingnessMechanism;
    // the same uniforms for every mechanism (one per maskable cell, same order): they differ only in the probabilities
    const masked = samples.map((x, r) => applyMissingness(createRng(derive(config.seed, 'mask', r)), x, mech));
    // one entry per sample the method ran on (null: it could not estimate on that sample)
    const grades = new Map<MethodId, (EstimateError | null)[]>();
    const failures = new Map<MethodId, number>();
    const health = new Map<MethodId, FitHealth[]>();
    const add = (m: MethodId, e: EstimateError | null) => (grades.get(m) ?? grades.set(m, []).get(m)!).push(e);
    for (const [r, m] of masked.entries()) {
      if (io.signal.aborted) throw new Error('interrupted');
      for (const [mid, f] of CHEAP) {
        // complete-case analysis can be left with too few rows for a correlation matrix: count it, leave the sample out
        if (mid === 'complete-case' && completeRows(m.data) <= p) {
          failures.set(mid, (failures.get(mid) ?? 0) + 1);
          add(mid, null);
          continue;
        }
        add(mid, gradeEstimate(f(m.data), POPULATION));
      }
      if (r % 20 === 19) io.progress.report((mi + (0.3 * (r + 1)) / config.replications) / config.mechanisms.length, `${id}: estimators on sample ${r + 1}/${config.replications}`);
    }
    const agreement: MvnMarResult['mechanisms'][number]['formulationAgreement'] = [];
    let chainsDone = 0;
    for (let start = 0; start < config.bayesReplications; start += batch) {
      const rs = Array.from({ length: Math.min(batch, config.bayesReplications - start) }, (_, k) => start + k);
      const requests: FitRequest[] = rs.flatMap((r) => [
        { x: masked[r].data, missing: 'marginal' as const, seed: derive(config.seed, 'chains', id, r, 'marginal') },
        ...(r < config.cellsReplications ? [{ x: masked[r].data, missing: 'parameters' as const, seed: derive(config.seed, 'chains', id, r, 'parameters') }] : []),
      ]);
      const fits = await runFits(requests, config, io);
      chainsDone += fits.length * config.chains;
      io.progress.report((mi + 0.3 + (0.7 * chainsDone) / totalChains) / config.mechanisms.length, `${id}: chains ${chainsDone}/${totalChains}`);
      let k = 0;
      for (const r of rs) {
        const marginal = fits[k++];
        const f = summariseMvnFit(marginal, names, config.n);
        add('bayes-marginal', gradeEstimate(f, POPULATION));
        (health.get('bayes-marginal') ?? health.set('bayes-marginal', []).get('bayes-marginal')!).push(f.health);
        if (r < config.cellsReplications) {
          const cells = fits[k++];
          const g: MvnFitSummary = summariseMvnFit(cells, names, config.n);
          add('bayes-cells', gradeEstimate(g, POPULATION));
          (health.get('bayes-cells') ?? health.set('bayes-cells', []).get('bayes-cells')!).push(g.health);
          agreement.push({ replication: r, maxZ: sig(formulationMaxZ(marginal, cells), 4) });
        }
      }
    }
    const em = grades.get('em')!;
    const methods: MethodResult[] = [...grades.entries()].map(([mid, all]) => {
      const gs = all.filter((e): e is EstimateError => e !== null);
      const paired = all.flatMap((e, r) => (e === null ? [] : [e.srmr - em[r]!.srmr]));
      const perColumn = (pick: (e: EstimateError) => Float64Array) =>
        Array.from({ length: p }, (_, j) => {
          const s = summariseReplicates(gs.map((e) => pick(e)[j]));
          return { mean: sig(s.mean, 4), mcse: sig(s.mcse, 3) };
        });
      const meanResidual = averageMatrix(gs.map((e) => e.residual));
      return {
        id: mid,
        label: METHOD_LABELS[mid],
        replications: all.length,
        failures: failures.get(mid) ?? 0,
        srmr: roundSummary(summariseReplicates(gs.map((e) => e.srmr))),
        systematicSrmr: sig(srmr(meanResidual)),
        meanBias: perColumn((e) => e.meanBias),
        sdBias: perColumn((e) => e.sdBias),
        srmrMinusEm: mid === 'em' ? null : roundSummary(summariseReplicates(paired)),
        meanResidual: roundMatrix(meanResidual, 4),
        health: health.has(mid) ? healthSummary(health.get(mid)!) : null,
      };
    });
    const complete = masked.map((m) => completeRows(m.data));
    out.push({
      id,
      description: describeMechanism(mech),
      mechanism: mechanism,
      missingShare: roundSummary(summariseReplicates(masked.map((m) => m.missing.length / (config.n * p)))),
      completeRows: roundSummary(summariseReplicates(complete)),
      floor: roundSummary(summariseReplicates(floors)),
      methods,
      formulationAgreement: agreement,
    });
    io.progress.log(`${id}: ` + methods.map((m) => `${m.id} SRMR ${m.srmr.mean}`).join(', '));
  }
  io.progress.report(1, 'done');
  return {
    n: config.n,
    names,
    mechanisms: out,
    notes: [
      `Replication r: simulatePopulation(createRng(derive(seed, 'replication', r)), n), the same complete samples for every mechanism; masks from createRng(derive(seed, 'mask', r)), so the mechanisms share their uniforms and differ only in the missing probabilities.`,
      `Complete-case, pairwise deletion, column-mean imputation and EM run on all ${config.replications} samples per mechanism; the Bayesian MVN (cells integrated out) on the first ${config.bayesReplications}, the cells-as-parameters formulation on the first ${config.cellsReplications}, with ${config.chains} chains of ${config.warmup} warm-up and ${config.draws} draws.`,
      'meanBias: (estimate − true mean) / true sd; sdBias: estimate / true sd − 1; averaged over replications with their Monte Carlo SEs. Bayesian estimates are posterior means of μ, σ and the correlations.',
      'systematicSrmr: the SRMR of the residual averaged over replications (what remains when sampling noise averages out); srmrMinusEm: the paired SRMR difference to EM on the same samples.',
      'EM is maximum likelihood under ignorable missingness (the likelihood the Bayesian model uses, without the priors); its sds use the ML divisor n.',
    ],
  };
}
