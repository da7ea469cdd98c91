/**
 * Shared pipeline of the VAE experiments: simulate → (mask) → split → (impute) → train →
 * audit the latent space and the joint structure → repeat over seeds → baselines.
 * Their configs are declared in src/lib/experiments (settings shared in vae-family.ts).
 */
import { INDICATORS, POPULATION, imputeMean } from '../../src/lib/data';
import type { Matrix } from '../../src/lib/linalg';
import { correlation, mean, residual, srmr } from '../../src/lib/metrics';
import { createRng, derive } from '../../src/lib/random';
import { vaeConfigSchema, type VaeConfig, type VaeResult } from '../../src/lib/results/vae';
import {
  MASKED_SPEC,
  PLAIN_SPEC,
  auditVae,
  createVae,
  prepareVaeData,
  exportWeights,
  generate,
  histograms,
  latentAudit,
  roundSig,
  summariseSets,
  trainVae,
  type TrainResult,
  type VaeRunData,
} from '../../src/lib/vae';
import { simulateMvn } from '../../src/lib/data';
import type { RunContext } from '../experiment';
import { initTf } from '../tf-node';

const round = (xs: ArrayLike<number>, digits: number) => Array.from(xs, (v) => roundSig(v, digits));
const rows = (m: Matrix, digits: number) => Array.from({ length: m.rows }, (_, i) => round(m.data.subarray(i * m.cols, (i + 1) * m.cols), digits));

/** Data for one seed (src/lib/vae/data.ts, shared with the browser lab). */
export function prepareData(c: VaeConfig, seed: number): VaeRunData {
  return prepareVaeData(c, seed);
}

interface SeedRun {
  readonly seed: number;
  readonly data: VaeRunData;
  readonly fit: TrainResult;
  readonly audit: ReturnType<typeof auditVae>;
  readonly latent: ReturnType<typeof latentAudit>;
}

async function runSeed(c: VaeConfig, seed: number, auditSets: number, ctx: RunContext<VaeConfig>, label: string, lo: number, hi: number): Promise<SeedRun> {
  const data = prepareData(c, seed);
  const spec = c.model === 'masked' ? MASKED_SPEC : PLAIN_SPEC;
  const init = createVae(spec, createRng(derive(seed, 'init')));
  const trainShare = 0.85; // of this seed's progress span; the audit takes the rest
  const fit = await trainVae(
    init,
    { train: data.train, test: data.test },
    { learningRate: c.learningRate, batchSize: c.batchSize, maxEpochs: c.maxEpochs, patience: c.patience, minDelta: c.minDelta },
    createRng(derive(seed, 'train')),
    {
      signal: ctx.signal,
      onEpoch: (p) => {
        // Early stopping usually ends long before maxEpochs; count patience as the horizon.
        const horizon = Math.min(p.maxEpochs, Math.max(p.epoch + 1, p.bestEpoch + c.patience));
        ctx.progress.report(lo + (hi - lo) * trainShare * (p.epoch / horizon), `${label}: epoch ${p.epoch}, test loss ${p.testLoss.toFixed(3)}, KL ${p.kl.toFixed(3)}`);
      },
    },
  );
  const audit = auditVae(fit.model, { truth: POPULATION.correlation, sets: auditSets, setSize: data.test.rows, signal: ctx.signal }, createRng(derive(seed, 'audit')));
  ctx.progress.report(hi, `${label}: audited, SRMR ${audit.srmr.toFixed(4)}`);
  const latent = latentAudit(fit.model, data.all);
  return { seed, data, fit, audit, latent };
}

function sd(xs: number[]): number {
  if (xs.length < 2) return 0;
  const m = mean(xs);
  return Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1));
}

export async function runVaeExperiment(id: string, ctx: RunContext<VaeConfig>): Promise<VaeResult> {
  const c = vaeConfigSchema.parse(ctx.config);
  const backend = await initTf();
  const d = c.digits;
  const seeds = [ctx.seed, ...Array.from({ length: c.replicates - 1 }, (_, i) => derive(ctx.seed, 'replicate', i + 1))];
  const runs: SeedRun[] = [];
  for (let i = 0; i < seeds.length; i++) {
    const label = `seed ${i + 1}/${seeds.length}`;
    runs.push(await runSeed(c, seeds[i], i === 0 ? c.auditSets : c.replicateAuditSets, ctx, label, i / seeds.length, (i + 1) / seeds.length));
    ctx.progress.log(`${id} ${label} (${seeds[i]}): ${runs[i].fit.epochsRun} epochs, best ${runs[i].fit.bestEpoch}, SRMR ${runs[i].audit.srmr.toFixed(4)}, active dims ${runs[i].latent.activeDims}`);
  }
  const main = runs[0];
  const setSize = main.data.test.rows;
  const floorRng = createRng(derive(ctx.seed, 'floor'));
  const floor = summariseSets(POPULATION.correlation, c.auditSets, () => simulateMvn(floorRng, setSize, POPULATION.mean, POPULATION.covariance));
  const generated = generate(main.fit.model, setSize, createRng(derive(ctx.seed, 'histogram')));
  const srmrs = runs.map((r) => r.audit.srmr);
  const h = main.fit.history;
  let imputedData: VaeResult['baselines']['imputedData'] = null;
  let observedPairwise: VaeResult['baselines']['observedPairwise'] = null;
  if (c.missingFraction > 0) {
    const imputed = main.data.imputationMeans ? main.data.all : imputeMean(main.data.withMissing);
    const r = residual(POPULATION.correlation, correlation(imputed));
    imputedData = { srmr: roundSig(srmr(r), d), rows: c.n, residual: rows(r, d) };
    observedPairwise = { srmr: roundSig(srmr(residual(POPULATION.correlation, correlation(main.data.withMissing))), d), rows: c.n };
  }
  const summary = (s: { srmr: number; srmrQ05: number; srmrQ95: number }, sets: number) => ({
    sets,
    setSize,
    srmr: roundSig(s.srmr, d),
    srmrQ05: roundSig(s.srmrQ05, d),
    srmrQ95: roundSig(s.srmrQ95, d),
  });
  const result: VaeResult = {
    id,
    config: c,
    seed: ctx.seed,
    backend,
    indicators: [...INDICATORS],
    dataset: {
      trainRows: main.data.train.rows,
      testRows: setSize,
      missingCells: main.data.missingCells,
      imputation: c.imputation,
      imputationMeans: main.data.imputationMeans ? round(main.data.imputationMeans, d) : null,
    },
    training: {
      epoch: h.map((e) => e.epoch),
      trainLoss: round(h.map((e) => e.trainLoss), d),
      testLoss: round(h.map((e) => e.testLoss), d),
      kl: round(h.map((e) => e.kl), d),
      epochsRun: main.fit.epochsRun,
      bestEpoch: main.fit.bestEpoch,
      bestTestLoss: roundSig(main.fit.bestTestLoss, d),
      stoppedBy: main.fit.stoppedBy,
      restoredBestWeights: true,
    },
    latent: { meanVariance: round(main.latent.meanVariance, d), activeDims: main.latent.activeDims, threshold: main.latent.threshold },
    audit: { ...summary(main.audit, c.auditSets), meanResidual: rows(main.audit.meanResidual, d) },
    histograms: histograms(INDICATORS, main.data.testObserved, generated, c.histogramBins).map((x) => ({ ...x, edges: round(x.edges, d) })),
    weights: exportWeights(main.fit.model, d),
    seeds: {
      runs: runs.map((r, i) => ({
        seed: r.seed,
        ...summary(r.audit, i === 0 ? c.auditSets : c.replicateAuditSets),
        auditSets: i === 0 ? c.auditSets : c.replicateAuditSets,
        epochsRun: r.fit.epochsRun,
        bestEpoch: r.fit.bestEpoch,
        bestTestLoss: roundSig(r.fit.bestTestLoss, d),
        activeDims: r.latent.activeDims,
      })).map(({ sets: _s, setSize: _z, ...rest }) => rest),
      srmrMean: roundSig(mean(srmrs), d),
      srmrSd: roundSig(sd(srmrs), d),
      srmrMin: roundSig(Math.min(...srmrs), d),
      srmrMax: roundSig(Math.max(...srmrs), d),
    },
    baselines: { samplingFloor: summary(floor, c.auditSets), imputedData, observedPairwise },
  };
  ctx.progress.report(1, `SRMR ${result.audit.srmr} (floor ${result.baselines.samplingFloor.srmr})`);
  return result;
}

/** The run of a VAE experiment: `defineRun(declaration, vaeRun(declaration.id))`. */
export function vaeRun(id: string): (ctx: RunContext<VaeConfig>) => Promise<VaeResult> {
  return (ctx) => runVaeExperiment(id, ctx);
}
