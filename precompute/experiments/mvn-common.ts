/**
 * The science of the mvn-500 and mvn-missing-500 experiments, as one function of a config,
 * an Rng and a seed: simulate the population, optionally remove cells MCAR, fit the Bayesian
 * MVN, and compare its posterior-mean correlation (and its posterior predictive data, and its
 * imputations) with the truth. Deterministic for a given config and seed, except `timing`.
 */
import { INDICATORS, POPULATION, maskMcar, simulatePopulation, imputeMean } from '../../src/lib/data';
import { toRows, zeros, type Matrix } from '../../src/lib/linalg';
import { correlation, residual, srmr, quantile } from '../../src/lib/metrics';
import { derive, createRng, type Rng } from '../../src/lib/random';
import { roundArray, roundMatrix, roundSig } from '../../src/lib/round';
import type { MvnExperimentConfig, MvnExperimentResult, SummaryRowResult } from '../../src/lib/results/bayes';
import { mvnGraph } from '../../src/lib/bayes/graph';
import { chainJobs, inlineExecutor, type ChainExecutor } from '../../src/lib/bayes/runner';
import type { ChainResult } from '../../src/lib/bayes/sampler';
import { columnDraws, samplerHealth, summarise, type SummaryRow } from '../../src/lib/bayes/summary';
import { hdi, mcseMean } from '../../src/lib/bayes/diagnostics';
import { evenDraws, mvnDrawAt, mvnPredictive } from '../../src/lib/bayes/predictive';

export interface ExperimentIo {
  readonly progress: { report(fraction: number, status?: string): void; log(message: string): void };
  readonly signal: AbortSignal;
  /** where chains run (default: this thread, one after another) */
  readonly executor?: ChainExecutor;
}

const clean = (v: number, digits = 6): number | null => (Number.isFinite(v) ? roundSig(v, digits) : null);

function rowResult(r: SummaryRow): SummaryRowResult {
  return {
    name: r.name,
    mean: roundSig(r.mean),
    sd: roundSig(r.sd),
    'hdi_3%': roundSig(r['hdi_3%']),
    'hdi_97%': roundSig(r['hdi_97%']),
    mcse_mean: clean(r.mcse_mean, 4),
    ess_bulk: clean(r.ess_bulk, 5),
    ess_tail: clean(r.ess_tail, 5),
    r_hat: clean(r.r_hat, 5),
  };
}

function coreColumns(names: readonly string[]): string[] {
  const cols = names.map((s) => `mu[${s}]`).concat(names.map((s) => `sigma[${s}]`));
  for (let i = 1; i < names.length; i++) for (let j = 0; j < i; j++) cols.push(`corr[${names[i]},${names[j]}]`);
  return cols;
}

const meanOf = (chains: Float64Array[]): number => {
  let s = 0;
  let k = 0;
  for (const c of chains) for (const v of c) (s += v), k++;
  return s / k;
};

function healthResult(chains: ChainResult[]) {
  const h = samplerHealth(chains);
  return { ...h, ebfmi: roundArray(h.ebfmi, 4), stepSize: roundArray(h.stepSize, 5), meanAcceptStat: roundArray(h.meanAcceptStat, 4) };
}

async function fit(
  x: Matrix,
  missing: 'marginal' | 'parameters',
  config: MvnExperimentConfig,
  seed: number,
  io: ExperimentIo,
  progressSpan: [number, number],
  label: string,
): Promise<ChainResult[]> {
  const settings = { numWarmup: config.warmup, numDraws: config.draws, adaptDelta: config.adaptDelta };
  const jobs = chainJobs({ kind: 'mvn', x, names: INDICATORS, missing }, settings, seed, config.chains);
  const done = new Map<number, number>();
  const total = config.chains * (config.warmup + config.draws);
  return (io.executor ?? inlineExecutor).run(
    jobs,
    (p) => {
      done.set(p.chain, p.iteration);
      let s = 0;
      for (const v of done.values()) s += v;
      const f = progressSpan[0] + ((progressSpan[1] - progressSpan[0]) * s) / total;
      io.progress.report(f, `${label}: chain ${p.chain + 1}/${config.chains}, ${p.phase} ${p.iteration}/${p.total}`);
    },
    io.signal,
  );
}

export async function runMvnExperiment(id: string, config: MvnExperimentConfig, rng: Rng, seed: number, io: ExperimentIo): Promise<MvnExperimentResult> {
  const p = INDICATORS.length;
  const names = [...INDICATORS];
  const full = simulatePopulation(rng, config.n);
  const masked = config.missingFraction > 0 ? maskMcar(rng, full, config.missingFraction) : null;
  const x = masked ? masked.data : full;
  const missingCells = masked ? masked.missing.length : 0;
  const withComparison = masked !== null && config.compareFormulations;

  const chains = await fit(x, 'marginal', config, derive(seed, 'chains'), io, [0, withComparison ? 0.45 : 0.9], 'fit');
  const cols = coreColumns(names);
  const rows = summarise(chains, cols);

  // Posterior-mean correlation and its residual against the truth.
  const postCorr = zeros(p, p);
  for (let i = 0; i < p; i++) {
    postCorr.data[i * p + i] = 1;
    for (let j = 0; j < i; j++) {
      const m = meanOf(columnDraws(chains, `corr[${names[i]},${names[j]}]`));
      postCorr.data[i * p + j] = postCorr.data[j * p + i] = m;
    }
  }
  const truth = POPULATION.correlation;
  const resid = residual(truth, postCorr);
  const sampleCorr = correlation(x);
  const sampleResid = residual(truth, sampleCorr);

  // Pooled draws, evenly thinned; also the index set for the predictive replicates.
  const perChain = chains[0].numDraws;
  const totalDraws = perChain * chains.length;
  const colIndex = cols.map((c) => chains[0].columns.indexOf(c));
  const width = chains[0].columns.length;
  const kept = evenDraws(totalDraws, config.keptDraws);
  const draws = {
    columns: cols,
    chain: kept.map((g) => Math.floor(g / perChain)),
    values: kept.map((g) => {
      const c = chains[Math.floor(g / perChain)];
      const d = g % perChain;
      return colIndex.map((j) => roundSig(c.draws[d * width + j], 4));
    }),
  };

  // Posterior predictive: one data set of n rows per selected draw.
  io.progress.report(withComparison ? 0.45 : 0.9, 'posterior predictive');
  const predictive = (fitChains: ChainResult[], stream: string) => {
    const ppRng = createRng(derive(seed, stream));
    const values: number[] = [];
    const sum = new Float64Array(p * p);
    for (const g of evenDraws(fitChains[0].numDraws * fitChains.length, config.predictiveDatasets)) {
      if (io.signal.aborted) throw new Error('aborted');
      const r = residual(truth, correlation(mvnPredictive(mvnDrawAt(fitChains, names, g), config.n, ppRng)));
      values.push(srmr(r));
      for (let i = 0; i < p * p; i++) sum[i] += r.data[i];
    }
    for (let i = 0; i < p * p; i++) sum[i] /= values.length;
    const stats = {
      mean: roundSig(values.reduce((s, v) => s + v, 0) / values.length),
      q05: roundSig(quantile(values, 0.05)),
      q50: roundSig(quantile(values, 0.5)),
      q95: roundSig(quantile(values, 0.95)),
    };
    return { datasets: values.length, srmr: stats, meanResidual: roundMatrix({ rows: p, cols: p, data: sum }) };
  };
  const pp = predictive(chains, 'predictive');

  let imputation: MvnExperimentResult['imputation'];
  if (masked) {
    const meanImputed = imputeMean(x);
    let sq = 0;
    let sqMean = 0;
    let covered = 0;
    const cells = Array.from(masked.missing, (flat) => {
      const r = Math.floor(flat / p);
      const j = flat % p;
      const name = `x[${r},${names[j]}]`;
      const all = columnDraws(chains, name);
      const pooled = new Float64Array(totalDraws);
      all.forEach((a, k) => pooled.set(a, k * perChain));
      const m = meanOf(all);
      const [lo, hi] = hdi(pooled, 0.94);
      const t = full.data[flat];
      const inside = t >= lo && t <= hi;
      if (inside) covered++;
      sq += (m - t) ** 2;
      sqMean += (meanImputed.data[flat] - t) ** 2;
      return { row: r, column: names[j], truth: roundSig(t), mean: roundSig(m), 'hdi_3%': roundSig(lo), 'hdi_97%': roundSig(hi), covered: inside };
    });
    imputation = {
      cells,
      coverage: roundSig(covered / cells.length),
      rmse: roundSig(Math.sqrt(sq / cells.length)),
      rmseColumnMean: roundSig(Math.sqrt(sqMean / cells.length)),
    };
  }

  let agreement: MvnExperimentResult['agreement'];
  let comparisonSeconds: number | undefined;
  if (withComparison) {
    const other = await fit(x, 'parameters', config, derive(seed, 'chains-parameters'), io, [0.5, 0.95], 'missing cells as parameters');
    comparisonSeconds = other.reduce((s, c) => s + c.timing.warmupSeconds + c.timing.samplingSeconds, 0);
    const zOf = (name: string) => {
      const a = columnDraws(chains, name);
      const b = columnDraws(other, name);
      return Math.abs(meanOf(a) - meanOf(b)) / Math.hypot(mcseMean(a), mcseMean(b));
    };
    const z = cols.map((name) => ({ name, z: roundSig(zOf(name), 4) }));
    const imputedZ = chains[0].columns.filter((c) => c.startsWith('x[')).map(zOf);
    agreement = {
      summary: summarise(other, cols).map(rowResult),
      z,
      maxZ: Math.max(...z.map((e) => e.z)),
      imputationMaxZ: roundSig(Math.max(...imputedZ), 4),
      predictiveSrmr: predictive(other, 'predictive-parameters').srmr,
      sampler: healthResult(other),
    };
  }
  io.progress.report(1, 'done');

  return {
    experiment: id,
    config,
    names,
    n: config.n,
    missingCells,
    formulation: masked ? 'marginal' : 'complete',
    graph: (({ nodes, edges, plates }) => ({ nodes: [...nodes], edges: [...edges], plates: [...plates] }))(
      mvnGraph({ p, n: config.n, missing: masked ? 'marginal' : null }),
    ),
    truth: { correlation: toRows(truth), sd: Array.from(POPULATION.sd) },
    summary: rows.map(rowResult),
    sampler: healthResult(chains),
    draws,
    posteriorMeanCorrelation: roundMatrix(postCorr),
    residual: roundMatrix(resid),
    srmr: roundSig(srmr(resid)),
    sample: { correlation: roundMatrix(sampleCorr), residual: roundMatrix(sampleResid), srmr: roundSig(srmr(sampleResid)) },
    predictive: pp,
    ...(imputation ? { imputation } : {}),
    ...(agreement ? { agreement } : {}),
    timing: {
      warmupSeconds: roundSig(chains.reduce((s, c) => s + c.timing.warmupSeconds, 0), 4),
      samplingSeconds: roundSig(chains.reduce((s, c) => s + c.timing.samplingSeconds, 0), 4),
      ...(comparisonSeconds !== undefined ? { comparisonSeconds: roundSig(comparisonSeconds, 4) } : {}),
    },
  };
}
