/**
 * Settings shared by the VAE experiments (family 'vae'): the brief's training settings, stated
 * once. The VAE lab trains with these same settings unless the reader changes them.
 */
import type { VaeConfig } from '../results/vae';

/** The brief's training settings, shared by every full config. */
export const VAE_TRAINING = { testFraction: 0.2, batchSize: 32, maxEpochs: 1000, patience: 10, minDelta: 1e-4 } as const;

/** Adam's learning rate by network, as the brief gives them (1e-3 plain, 1e-4 masked). */
export const VAE_LEARNING_RATE = { plain: 1e-3, masked: 1e-4 } as const satisfies Record<VaeConfig['model'], number>;

/** What the committed results store beside the fit. */
const VAE_AUDIT = { auditSets: 1000, histogramBins: 30, replicates: 5, replicateAuditSets: 1000, digits: 6 } as const;

/** Small enough that all six finish in a couple of minutes on two cores. */
const VAE_QUICK = { maxEpochs: 8, auditSets: 40, replicates: 2, replicateAuditSets: 20, histogramBins: 20 } as const;

/** What distinguishes one VAE experiment from another. */
export interface VaeDesign {
  readonly seed: number;
  readonly model: VaeConfig['model'];
  /** rows in the full configuration, and in the quick one */
  readonly n: number;
  readonly quickN: number;
  readonly missingFraction: number;
  readonly imputation: VaeConfig['imputation'];
}

export function vaeConfigs(d: VaeDesign): { config: VaeConfig; quickConfig: VaeConfig } {
  const config: VaeConfig = {
    seed: d.seed,
    model: d.model,
    n: d.n,
    missingFraction: d.missingFraction,
    imputation: d.imputation,
    ...VAE_TRAINING,
    learningRate: VAE_LEARNING_RATE[d.model],
    ...VAE_AUDIT,
  };
  return { config, quickConfig: { ...config, n: d.quickN, ...VAE_QUICK } };
}
