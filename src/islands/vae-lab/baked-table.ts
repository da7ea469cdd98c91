/**
 * The VAE experiments as the lab's controls would describe them, derived from the catalogue.
 * Build-time only (VaeLab.astro passes it to the page as JSON): the lab's bundle does not
 * import the catalogue.
 */
import { existsSync } from 'node:fs';
import { family } from '../../lib/experiments';
import type { VaeVariantResult } from '../../lib/results/vae-missing';
import { loadResult, resultFile } from '../../data/results';
import type { ResultId } from '../../data/schemas';
import { bakedVaeConfig, type BakedVaeConfig } from './nearest';

export const BAKED_VAE: readonly BakedVaeConfig[] = family('vae').map((d) => bakedVaeConfig(d.id, d.config));

/**
 * The missing-data VAE fits (issue 12) the lab can compare with: MIWAE, described by its declared
 * config, and the masked VAE whose training choice is selected from the ablation at run time,
 * described by the config its committed result records (absent until it is baked). Not the
 * ablation (many fits) nor the complete-data control.
 */
export const BAKED_VAE_MISSING: readonly BakedVaeConfig[] = family('vae-missing').flatMap((d) => {
  const c = d.config as Record<string, unknown>;
  if (c.model === 'miwae' && 'learningRate' in c) return [bakedVaeConfig(d.id, c as Parameters<typeof bakedVaeConfig>[1])];
  if ('selection' in c && existsSync(resultFile(d.id))) return [bakedVaeConfig(d.id, (loadResult(d.id as ResultId) as VaeVariantResult).config)];
  return [];
});

/** Everything the page is handed. */
export const BAKED_TABLE: readonly BakedVaeConfig[] = [...BAKED_VAE, ...BAKED_VAE_MISSING];
