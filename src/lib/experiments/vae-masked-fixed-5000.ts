/**
 * The masked VAE on the essay's sample with the training configuration the ablation selects.
 * The configuration is not typed here: the run reads vae-masked-ablation's committed result (a
 * declared input, so a rebaked ablation makes this stale) and applies the rule stated before the
 * ablation ran — the lowest mean held-out NLL per observed cell (SELECTION_RULE). Full audit, as
 * the other VAE experiments.
 */
import { vaeSelectedConfigSchema, vaeVariantResultSchema, type VaeSelectedConfig } from '../results/vae-missing';
import { declareExperiment } from './declaration';
import { ABLATION_RESULT_FILE, HELD_OUT_NLL_SAMPLES, MASKED_SAMPLE, SELECTION_RULE, variantConfigs } from './vae-missing-family';

// the family's audit and quick settings, without the learning rate (selected at run time)
const strip = ({ learningRate: _lr, objective: _o, dropout: _d, klWarmupEpochs: _w, importanceSamples: _k, ...rest }: ReturnType<typeof variantConfigs>['config']) => rest;
const base = variantConfigs({ seed: MASKED_SAMPLE.seed, missingFraction: MASKED_SAMPLE.missingFraction, model: 'masked', extra: {} });
const selection = { experiment: 'vae-masked-ablation', rule: SELECTION_RULE };
const config: VaeSelectedConfig = { ...strip(base.config), model: 'masked', nllSamples: HELD_OUT_NLL_SAMPLES.full, selection };
const quickConfig: VaeSelectedConfig = { ...strip(base.quickConfig), model: 'masked', nllSamples: HELD_OUT_NLL_SAMPLES.quick, selection };

export default declareExperiment({
  id: 'vae-masked-fixed-5000',
  family: 'vae-missing',
  title: 'Mask-aware VAE with the ablation-selected configuration, 5000 rows, 20% missing',
  configSchema: vaeSelectedConfigSchema,
  config,
  quickConfig,
  resultSchema: vaeVariantResultSchema,
  inputs: [ABLATION_RESULT_FILE],
});
