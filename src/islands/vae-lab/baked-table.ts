/**
 * The VAE experiments as the lab's controls would describe them, derived from the catalogue.
 * Build-time only (VaeLab.astro passes it to the page as JSON): the lab's bundle does not
 * import the catalogue.
 */
import { family } from '../../lib/experiments';
import { bakedVaeConfig, type BakedVaeConfig } from './nearest';

export const BAKED_VAE: readonly BakedVaeConfig[] = family('vae').map((d) => bakedVaeConfig(d.id, d.config));

/**
 * The missing-data VAE fits (issue 12) the lab can compare with: those whose declared config
 * names the whole training choice (MIWAE, the masked VAE on complete data), not the ablation or
 * the configuration selected from it at run time.
 */
export const BAKED_VAE_MISSING: readonly BakedVaeConfig[] = family('vae-missing')
  .filter((d) => 'model' in d.config && 'learningRate' in d.config && d.config.model === 'miwae')
  .map((d) => bakedVaeConfig(d.id, d.config as Parameters<typeof bakedVaeConfig>[1]));

/** Everything the page is handed. */
export const BAKED_TABLE: readonly BakedVaeConfig[] = [...BAKED_VAE, ...BAKED_VAE_MISSING];
