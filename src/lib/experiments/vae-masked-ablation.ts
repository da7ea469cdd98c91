/**
 * Is the masked VAE's collapse the method or the objective? The masked VAE on 5000 fresh rows
 * with 20% MCAR, trained in every cell of objective {cell-mean, observed-sum} × learning rate
 * {1e-4, 1e-3} × dropout {0, 0.2}, plus a KL warm-up on the observed-sum arm; five seeds per cell,
 * the same five (data, split, init, noise) in every cell, so cells are compared seed by seed.
 *
 * Selection rule, stated before this ran (SELECTION_RULE): the cell with the lowest mean, over
 * seeds, of the importance-sampled held-out NLL per observed test cell is the configuration
 * vae-masked-fixed-5000 trains. Its own seed (not the essay sample's), so that the selection and
 * the fixed VAE's evaluation use different data.
 *
 * Cost: each fit is audited with 200 generated sets (not the 1000 of the main experiments:
 * the SRMR's Monte Carlo error over 200 sets is ~0.0005, far below the differences between cells)
 * and its held-out NLL estimated with K = 100 importance samples per row.
 */
import { vaeAblationConfigSchema, vaeAblationResultSchema, type VaeAblationConfig } from '../results/vae-missing';
import { declareExperiment } from './declaration';
import { VAE_TRAINING } from './vae-family';
import { ABLATION_CELLS, HELD_OUT_NLL_SAMPLES, MASKED_SAMPLE, SELECTION_RULE } from './vae-missing-family';

const config: VaeAblationConfig = {
  seed: 5100,
  n: MASKED_SAMPLE.n,
  missingFraction: MASKED_SAMPLE.missingFraction,
  ...VAE_TRAINING,
  cells: [...ABLATION_CELLS],
  seedsPerCell: 5,
  auditSets: 200,
  nllSamples: HELD_OUT_NLL_SAMPLES.full,
  rule: SELECTION_RULE,
  digits: 6,
};

export default declareExperiment({
  id: 'vae-masked-ablation',
  family: 'vae-missing',
  title: 'Masked VAE: objective × learning rate × dropout (and KL warm-up), 5000 rows, 20% missing, 5 seeds per cell',
  configSchema: vaeAblationConfigSchema,
  config,
  quickConfig: {
    ...config,
    n: 600,
    maxEpochs: 4,
    cells: [ABLATION_CELLS[0], ABLATION_CELLS[ABLATION_CELLS.length - 1]], // the original and a warm-up cell (β still rising after 4 epochs)
    seedsPerCell: 2,
    auditSets: 10,
    nllSamples: HELD_OUT_NLL_SAMPLES.quick,
  },
  resultSchema: vaeAblationResultSchema,
  inputs: [],
});
