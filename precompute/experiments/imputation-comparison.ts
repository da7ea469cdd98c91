/**
 * The imputation comparison's run: rebuild both samples (checking them against the committed
 * results they come from), impute their missing cells with each model, score against the
 * removed true values.
 */
import { chainJobs, columnDraws, hdi } from '../../src/lib/bayes';
import { INDICATORS, POPULATION, columnMeans, imputeMean, maskMcar, simulatePopulation, takeRows } from '../../src/lib/data';
import declaration, { IMPUTATION_INPUTS } from '../../src/lib/experiments/imputation-comparison';
import type { Matrix } from '../../src/lib/linalg';
import { correlation, residual, srmr } from '../../src/lib/metrics';
import { createRng, derive, permutation } from '../../src/lib/random';
import { roundSig } from '../../src/lib/round';
import type { ImputationComparisonResult } from '../../src/lib/results/vae-missing';
import { vaeVariantConfigSchema, type VaeVariantConfig } from '../../src/lib/results/vae-missing';
import { createVae, importWeights, importanceImpute, prepareVaeData, trainVae, type Vae } from '../../src/lib/vae';
import { defineRun, type RunContext } from '../experiment';
import { initTf } from '../tf-node';
import { nodeWorkerExecutor } from '../bayes-workers';
import { specFor, trainOptionsFor } from './vae-common';

type Score = ImputationComparisonResult['samples'][number]['scores'][number];
type Method = Score['method'];
type Ctx = RunContext<(typeof declaration)['config']>;

const p = INDICATORS.length;

/** A committed result file's payload and config, checked to be the experiment expected. */
function readResult(ctx: Ctx, path: string, id: string): { config: Record<string, unknown>; result: Record<string, unknown> } {
  const file = JSON.parse(ctx.readInput(path)) as { id?: string; config?: Record<string, unknown>; result?: Record<string, unknown> };
  if (file.id !== id || !file.result || !file.config) throw new Error(`${path} should hold the result of ${id} (found ${String(file.id)}); rebake ${id}`);
  return { config: file.config, result: file.result };
}

interface Imputed {
  readonly completed: Matrix;
  /** per missing cell (row-major order of `missing`): interval, or null */
  readonly lower: Float64Array | null;
  readonly upper: Float64Array | null;
  readonly essMedian: number | null;
}

/** Flat indices of the missing cells, ascending (row-major). */
function missingCells(x: Matrix): number[] {
  const out: number[] = [];
  for (let i = 0; i < x.data.length; i++) if (Number.isNaN(x.data[i])) out.push(i);
  return out;
}

function score(method: Method, source: string, interval: Score['interval'], truth: Matrix, x: Matrix, imp: Imputed, digits: number): Score {
  const cells = missingCells(x);
  let sq = 0;
  let covered = 0;
  let width = 0;
  cells.forEach((flat, q) => {
    const t = truth.data[flat];
    const m = imp.completed.data[flat];
    if (!Number.isFinite(m)) throw new Error(`${method}: cell ${flat} was not imputed`);
    sq += (m - t) ** 2;
    if (imp.lower && imp.upper) {
      if (t >= imp.lower[q] && t <= imp.upper[q]) covered++;
      width += imp.upper[q] - imp.lower[q];
    }
  });
  for (let i = 0; i < x.data.length; i++) if (!Number.isNaN(x.data[i]) && imp.completed.data[i] !== x.data[i]) throw new Error(`${method}: observed cell ${i} was changed`);
  const withIntervals = imp.lower !== null;
  return {
    method,
    rmse: roundSig(Math.sqrt(sq / cells.length), digits),
    coverage: withIntervals ? roundSig(covered / cells.length, digits) : null,
    interval,
    meanWidth: withIntervals ? roundSig(width / cells.length, digits) : null,
    srmr: roundSig(srmr(residual(POPULATION.correlation, correlation(imp.completed))), digits),
    essMedian: imp.essMedian === null ? null : roundSig(imp.essMedian, digits),
    source,
  };
}

function vaeImpute(model: Vae, x: Matrix, ctx: Ctx, stream: string): Imputed {
  const c = ctx.config.importance;
  const r = importanceImpute(model, x, { samples: c.samples, draws: c.draws, level: c.level, signal: ctx.signal }, createRng(derive(ctx.seed, 'impute', stream)));
  const ess = Float64Array.from(r.ess).sort();
  return { completed: r.completed, lower: r.missing.lower, upper: r.missing.upper, essMedian: ess[Math.floor(ess.length / 2)] };
}

/** Train a VAE on a whole sample with a committed experiment's settings (80/20 split for early stopping). */
async function trainOn(x: Matrix, settings: VaeVariantConfig, ctx: Ctx, stream: string): Promise<Vae> {
  const order = permutation(createRng(derive(ctx.seed, 'split', stream)), x.rows);
  const nTest = Math.round(x.rows * settings.testFraction);
  const train = takeRows(x, order.subarray(0, x.rows - nTest));
  const test = takeRows(x, order.subarray(x.rows - nTest));
  const init = createVae(specFor(settings), createRng(derive(ctx.seed, 'init', stream)));
  const fit = await trainVae(init, { train, test }, trainOptionsFor(settings), createRng(derive(ctx.seed, 'train', stream)), {
    signal: ctx.signal,
    onEpoch: (e) => ctx.progress.report(0.2, `500 rows, ${stream}: epoch ${e.epoch}, test loss ${e.testLoss.toFixed(3)}`),
  });
  ctx.progress.log(`${declaration.id} 500-row ${stream}: ${fit.epochsRun} epochs (best ${fit.bestEpoch})`);
  return fit.model;
}

/** Posterior means and 94% HDIs of every missing cell under the Bayesian MVN, fitted here. */
async function mvnImpute(x: Matrix, ctx: Ctx): Promise<Imputed> {
  const m = ctx.config.largeSample.mvn;
  const jobs = chainJobs({ kind: 'mvn', x, names: [...INDICATORS], missing: 'marginal' }, { numWarmup: m.warmup, numDraws: m.draws, adaptDelta: m.adaptDelta }, derive(ctx.seed, 'mvn'), m.chains);
  // one worker thread per chain (the same draws as in-thread, bit for bit): the 5000-row fit is this run's longest part
  const chains = await nodeWorkerExecutor().run(jobs, (e) => ctx.progress.report(0.6, `MVN: chain ${e.chain + 1}/${m.chains}, ${e.phase} ${e.iteration}/${e.total}`), ctx.signal);
  const cells = missingCells(x);
  const completed: Matrix = { rows: x.rows, cols: p, data: Float64Array.from(x.data) };
  const lower = new Float64Array(cells.length);
  const upper = new Float64Array(cells.length);
  cells.forEach((flat, q) => {
    const draws = columnDraws(chains, `x[${Math.floor(flat / p)},${INDICATORS[flat % p]}]`);
    const pooled = new Float64Array(draws.reduce((s, a) => s + a.length, 0));
    let at = 0;
    for (const a of draws) pooled.set(a, (at += a.length) - a.length);
    completed.data[flat] = pooled.reduce((s, v) => s + v, 0) / pooled.length;
    [lower[q], upper[q]] = hdi(pooled, ctx.config.importance.level);
  });
  return { completed, lower, upper, essMedian: null };
}

function columnMeanImpute(x: Matrix): Imputed {
  return { completed: imputeMean(x, columnMeans(x)), lower: null, upper: null, essMedian: null };
}

export default defineRun(declaration, async (ctx) => {
  const c = ctx.config;
  const d = c.digits;
  const backend = await initTf();
  const samples: ImputationComparisonResult['samples'] = [];
  const settingsOf = (path: string, id: string): { settings: VaeVariantConfig; weights: unknown } => {
    const r = readResult(ctx, path, id);
    return { settings: vaeVariantConfigSchema.parse(r.result.config), weights: r.result.weights };
  };
  const vaes = {
    'masked-vae': { ...settingsOf(IMPUTATION_INPUTS.maskedVae, c.largeSample.models.maskedVae), source: c.largeSample.models.maskedVae },
    'masked-vae-fixed': { ...settingsOf(IMPUTATION_INPUTS.maskedVaeFixed, c.largeSample.models.maskedVaeFixed), source: c.largeSample.models.maskedVaeFixed },
    miwae: { ...settingsOf(IMPUTATION_INPUTS.miwae, c.largeSample.models.miwae), source: c.largeSample.models.miwae },
  } as const;

  // ---- the 500-row sample of mvn-missing-500, rebuilt as its run builds it ----
  {
    const mvn = readResult(ctx, IMPUTATION_INPUTS.mvnMissing500, c.smallSample.mvnExperiment);
    const mc = mvn.config as { seed: number; n: number; missingFraction: number };
    const rng = createRng(mc.seed);
    const full = simulatePopulation(rng, mc.n);
    const x = maskMcar(rng, full, mc.missingFraction).data;
    const cells = missingCells(x);
    const stored = (mvn.result.imputation as { cells: { row: number; column: string; truth: number; mean: number; 'hdi_3%': number; 'hdi_97%': number }[] }).cells;
    if (stored.length !== cells.length) throw new Error(`${IMPUTATION_INPUTS.mvnMissing500} imputes ${stored.length} cells, the rebuilt sample has ${cells.length} missing: rebake ${c.smallSample.mvnExperiment}`);
    const completed: Matrix = { rows: x.rows, cols: p, data: Float64Array.from(x.data) };
    const lower = new Float64Array(cells.length);
    const upper = new Float64Array(cells.length);
    stored.forEach((s, q) => {
      const flat = s.row * p + INDICATORS.indexOf(s.column as (typeof INDICATORS)[number]);
      if (flat !== cells[q] || roundSig(full.data[flat]) !== s.truth) throw new Error(`${IMPUTATION_INPUTS.mvnMissing500}: cell ${q} (${s.row}, ${s.column}) does not match the rebuilt sample: rebake ${c.smallSample.mvnExperiment}`);
      completed.data[flat] = s.mean;
      lower[q] = s['hdi_3%'];
      upper[q] = s['hdi_97%'];
    });
    const scores: Score[] = [score('column-means', 'observed-cell means of the sample', 'none', full, x, columnMeanImpute(x), d)];
    for (const [method, v] of Object.entries(vaes) as [Method, (typeof vaes)[keyof typeof vaes]][]) {
      const model = await trainOn(x, v.settings, ctx, method);
      scores.push(score(method, `trained here with ${v.source}'s settings`, 'central-resampled', full, x, vaeImpute(model, x, ctx, `500-${method}`), d));
    }
    scores.push(score('bayesian-mvn', c.smallSample.mvnExperiment, 'hdi', full, x, { completed, lower, upper, essMedian: null }, d));
    samples.push({ id: 'n500-mcar10', rows: x.rows, missingCells: cells.length, completeDataSrmr: roundSig(srmr(residual(POPULATION.correlation, correlation(full))), d), scores });
    ctx.progress.log(`${declaration.id} 500 rows: ${scores.map((s) => `${s.method} RMSE ${s.rmse} cov ${s.coverage} SRMR ${s.srmr}`).join('; ')}`);
  }

  // ---- the essay's 5000-row sample (the VAE experiments' data), first `rows` rows ----
  {
    const L = c.largeSample;
    for (const v of Object.values(vaes)) {
      if (v.settings.seed !== L.seed || v.settings.n !== L.n || v.settings.missingFraction !== L.missingFraction || v.settings.testFraction !== L.testFraction) {
        throw new Error(`${v.source} was trained on another sample (seed ${v.settings.seed}, n ${v.settings.n}, missing ${v.settings.missingFraction}) than the one imputed here (seed ${L.seed}, n ${L.n}, missing ${L.missingFraction})`);
      }
    }
    const data = prepareVaeData({ n: L.n, missingFraction: L.missingFraction, testFraction: L.testFraction, imputation: 'none' }, L.seed);
    // The true values: the same stream prepareVaeData simulates from (checked on every observed cell).
    const truthAll = simulatePopulation(createRng(derive(L.seed, 'data')), L.n);
    for (let i = 0; i < truthAll.data.length; i++) {
      const v = data.withMissing.data[i];
      if (!Number.isNaN(v) && v !== truthAll.data[i]) throw new Error('imputation-comparison: the rebuilt true values disagree with prepareVaeData (its streams changed?)');
    }
    const rowsIdx = Uint32Array.from({ length: L.rows }, (_, i) => i);
    const x = takeRows(data.withMissing, rowsIdx);
    const full = takeRows(truthAll, rowsIdx);
    const scores: Score[] = [score('column-means', 'observed-cell means of the sample', 'none', full, x, columnMeanImpute(x), d)];
    for (const [method, v] of Object.entries(vaes) as [Method, (typeof vaes)[keyof typeof vaes]][]) {
      const model = importWeights(v.weights);
      ctx.progress.report(0.4, `5000 rows: imputing with ${method}`);
      scores.push(score(method, `${v.source} (main seed's weights)`, 'central-resampled', full, x, vaeImpute(model, x, ctx, `5000-${method}`), d));
    }
    scores.push(score('bayesian-mvn', `fitted here: ${L.mvn.chains} chains × ${L.mvn.draws} draws`, 'hdi', full, x, await mvnImpute(x, ctx), d));
    samples.push({ id: 'n5000-mcar20', rows: x.rows, missingCells: missingCells(x).length, completeDataSrmr: roundSig(srmr(residual(POPULATION.correlation, correlation(full))), d), scores });
    ctx.progress.log(`${declaration.id} 5000 rows: ${scores.map((s) => `${s.method} RMSE ${s.rmse} cov ${s.coverage} SRMR ${s.srmr}`).join('; ')}`);
  }
  ctx.progress.report(1, 'done');
  return { id: declaration.id, config: c, backend, level: c.importance.level, samples };
});
