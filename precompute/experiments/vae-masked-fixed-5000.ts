/**
 * The masked VAE with the configuration the ablation selects: read the ablation's committed
 * result (a declared input), re-apply the stated rule to its per-seed held-out NLLs (and insist
 * it agrees with the selection stored there), then train and audit like every VAE experiment.
 */
import declaration from '../../src/lib/experiments/vae-masked-fixed-5000';
import { ABLATION_RESULT_FILE } from '../../src/lib/experiments/vae-missing-family';
import { vaeAblationResultSchema, type VaeVariantConfig } from '../../src/lib/results/vae-missing';
import { selectByHeldOutNll } from '../../src/lib/vae/selection';
import { defineRun } from '../experiment';
import { runVaeExperiment } from './vae-common';

export default defineRun(declaration, async (ctx) => {
  const { selection, ...rest } = ctx.config;
  const file = JSON.parse(ctx.readInput(ABLATION_RESULT_FILE)) as { id?: string; result?: unknown };
  if (file.id !== selection.experiment) throw new Error(`${ABLATION_RESULT_FILE} holds the result of ${String(file.id)}, expected ${selection.experiment}`);
  const ablation = vaeAblationResultSchema.parse(file.result);
  if (ablation.config.rule !== selection.rule) throw new Error(`the ablation selected by '${ablation.config.rule}', but this experiment applies '${selection.rule}': rerun the ablation or fix the declaration`);
  const chosen = selectByHeldOutNll(ablation.cells).selected;
  if (chosen !== ablation.selection.selected) throw new Error(`applying ${selection.rule} to ${ABLATION_RESULT_FILE} selects ${chosen}, but the result records ${ablation.selection.selected}: rebake the ablation`);
  const cell = ablation.cells.find((x) => x.id === chosen);
  if (!cell) throw new Error(`selected cell ${chosen} is missing from the ablation's cells`);
  const choice = { objective: cell.objective, learningRate: cell.learningRate, dropout: cell.dropout, klWarmupEpochs: cell.klWarmupEpochs };
  const config: VaeVariantConfig = { ...rest, ...choice };
  ctx.progress.log(`${declaration.id}: ${selection.rule} selects ${chosen} from ${selection.experiment}`);
  return runVaeExperiment(declaration.id, ctx, config, { experiment: selection.experiment, rule: selection.rule, cell: chosen, choice });
});
