/**
 * Settings shared by the Bayesian multivariate-normal experiments (family 'mvn'): how many
 * chains and draws, and what the result keeps. Each experiment adds its seed, size and
 * missing fraction.
 */
import type { MvnExperimentConfig } from '../results/bayes';

/** Sampler and summary settings of the committed results. */
export const MVN_SAMPLING = { chains: 4, warmup: 1000, draws: 1000, adaptDelta: 0.8, keptDraws: 200, predictiveDatasets: 300 } as const;

/** Small enough for CI. */
export const MVN_QUICK_SAMPLING = { chains: 2, warmup: 200, draws: 200, adaptDelta: 0.8, keptDraws: 50, predictiveDatasets: 20 } as const;

/** Section 9's design: 500 rows with 10% of cells MCAR (mvn-missing-500; mvn-replication-500 replicates it). */
export const MVN_MISSING_DESIGN = { n: 500, missingFraction: 0.1 } as const;

export interface MvnDesign {
  readonly seed: number;
  readonly n: number;
  readonly missingFraction: number;
  /** also fit the cells-as-parameters formulation (full configuration only: it doubles the cost) */
  readonly compareFormulations: boolean;
}

export function mvnConfigs(d: MvnDesign): { config: MvnExperimentConfig; quickConfig: MvnExperimentConfig } {
  const design = { seed: d.seed, n: d.n, missingFraction: d.missingFraction };
  return {
    config: { ...design, ...MVN_SAMPLING, compareFormulations: d.compareFormulations },
    quickConfig: { ...design, ...MVN_QUICK_SAMPLING, compareFormulations: false },
  };
}
