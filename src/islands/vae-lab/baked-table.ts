/**
 * The VAE experiments as the lab's controls would describe them, derived from the catalogue.
 * Build-time only (VaeLab.astro passes it to the page as JSON): the lab's bundle does not
 * import the catalogue.
 */
import { family } from '../../lib/experiments';
import { bakedVaeConfig, type BakedVaeConfig } from './nearest';

export const BAKED_VAE: readonly BakedVaeConfig[] = family('vae').map((d) => bakedVaeConfig(d.id, d.config));
