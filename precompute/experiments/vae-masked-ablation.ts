/**
 * The ablation's run: every cell × seed fitted (seed-major, so a partial log already covers
 * every cell), each fit audited (SRMR of generated data, active units, final KL, held-out NLL per
 * observed cell), then summarised per cell and the configuration selected by the stated rule.
 */
import { POPULATION, simulateMvn } from '../../src/lib/data';
import declaration from '../../src/lib/experiments/vae-masked-ablation';
import { mean } from '../../src/lib/metrics';
import { createRng, derive } from '../../src/lib/random';
import { roundSig } from '../../src/lib/round';
import type { VaeAblationResult } from '../../src/lib/results/vae-missing';
import { auditVae, importanceLogLikelihood, latentAudit, summariseSets } from '../../src/lib/vae';
import { selectByHeldOutNll } from '../../src/lib/vae/selection';
import { defineRun } from '../experiment';
import { initTf } from '../tf-node';
import { fitSeed } from './vae-common';

type Cell = VaeAblationResult['cells'][number];
type Fit = Cell['fits'][number];

export default defineRun(declaration, async (ctx) => {
  const c = ctx.config;
  const backend = await initTf();
  const d = c.digits;
  const seeds = [ctx.seed, ...Array.from({ length: c.seedsPerCell - 1 }, (_, i) => derive(ctx.seed, 'replicate', i + 1))];
  const fits: Fit[][] = c.cells.map(() => []);
  const curves: Cell['curve'][] = [];
  const observedTestCells: number[] = [];
  let rows = { train: 0, test: 0 };
  const total = seeds.length * c.cells.length;
  for (let s = 0; s < seeds.length; s++) {
    for (let k = 0; k < c.cells.length; k++) {
      const cell = c.cells[k];
      const done = s * c.cells.length + k;
      const label = `seed ${s + 1}/${seeds.length}, ${cell.id}`;
      const settings = { ...c, model: 'masked' as const, imputation: 'none' as const, ...cell };
      const { data, fit } = await fitSeed(settings, seeds[s], ctx, label, done / total, (done + 0.9) / total);
      const audit = auditVae(fit.model, { truth: POPULATION.correlation, sets: c.auditSets, setSize: data.test.rows, signal: ctx.signal }, createRng(derive(seeds[s], 'audit')));
      const latent = latentAudit(fit.model, data.all);
      const ll = importanceLogLikelihood(fit.model, data.test, { samples: c.nllSamples, signal: ctx.signal }, createRng(derive(seeds[s], 'nll')));
      const ess = Float64Array.from(ll.ess).sort();
      const best = fit.history[fit.bestEpoch - 1];
      const f: Fit = {
        seed: seeds[s],
        srmr: roundSig(audit.srmr, d),
        activeDims: latent.activeDims,
        finalKl: roundSig(best.kl, d),
        testNllPerCell: roundSig(ll.nllPerCell, d),
        essMedian: roundSig(ess[Math.floor(ess.length / 2)], d),
        epochsRun: fit.epochsRun,
        bestEpoch: fit.bestEpoch,
        stoppedBy: fit.stoppedBy,
      };
      fits[k].push(f);
      if (k === 0) observedTestCells.push(ll.observedCells);
      rows = { train: data.train.rows, test: data.test.rows };
      if (s === 0) {
        const h = fit.history;
        const r = (xs: number[]) => xs.map((v) => roundSig(v, d));
        curves[k] = { epoch: h.map((e) => e.epoch), recon: r(h.map((e) => e.recon)), kl: r(h.map((e) => e.kl)), nll: r(h.map((e) => e.nll)), testLoss: r(h.map((e) => e.testLoss)), beta: r(h.map((e) => e.beta)) };
      }
      ctx.progress.log(
        `${declaration.id} ${label}: SRMR ${f.srmr.toFixed(4)}, active ${f.activeDims}, KL ${f.finalKl.toFixed(3)}, NLL/cell ${f.testNllPerCell.toFixed(4)} (ESS median ${f.essMedian.toFixed(1)}/${c.nllSamples}), epochs ${f.epochsRun} (best ${f.bestEpoch})`,
      );
    }
  }
  const floorRng = createRng(derive(ctx.seed, 'floor'));
  const floor = summariseSets(POPULATION.correlation, c.auditSets, () => simulateMvn(floorRng, rows.test, POPULATION.mean, POPULATION.covariance));
  const range = (xs: number[]) => ({ mean: roundSig(mean(xs), d), min: roundSig(Math.min(...xs), d), max: roundSig(Math.max(...xs), d) });
  const cells: Cell[] = c.cells.map((cell, k) => ({
    ...cell,
    fits: fits[k],
    summary: {
      srmr: range(fits[k].map((f) => f.srmr)),
      activeDims: range(fits[k].map((f) => f.activeDims)),
      finalKl: range(fits[k].map((f) => f.finalKl)),
      testNllPerCell: range(fits[k].map((f) => f.testNllPerCell)),
      epochsRun: range(fits[k].map((f) => f.epochsRun)),
    },
    curve: curves[k],
  }));
  const sel = selectByHeldOutNll(cells);
  ctx.progress.log(`${declaration.id}: selected ${sel.selected} by ${c.rule}; paired difference to ${sel.ranking[1].cell}: mean ${sel.pairedDifference.mean.toFixed(4)} (${sel.pairedDifference.min.toFixed(4)} … ${sel.pairedDifference.max.toFixed(4)})`);
  ctx.progress.report(1, `selected ${sel.selected}`);
  return {
    id: declaration.id,
    config: c,
    backend,
    seeds,
    dataset: { trainRows: rows.train, testRows: rows.test, observedTestCells },
    samplingFloor: { sets: c.auditSets, setSize: rows.test, srmr: roundSig(floor.srmr, d), srmrQ05: roundSig(floor.srmrQ05, d), srmrQ95: roundSig(floor.srmrQ95, d) },
    cells,
    selection: {
      rule: c.rule,
      ranking: sel.ranking.map((r) => ({ cell: r.cell, testNllPerCell: roundSig(r.testNllPerCell, d) })),
      selected: sel.selected,
      pairedDifference: { mean: roundSig(sel.pairedDifference.mean, d), min: roundSig(sel.pairedDifference.min, d), max: roundSig(sel.pairedDifference.max, d) },
    },
  };
});
