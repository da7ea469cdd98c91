/**
 * Settings shared by the replication experiments (family 'replication'): how their Bayesian
 * fits are sampled. The replications trade chains and draws for samples — the question is how
 * results vary from sample to sample, and 2 chains of 400 draws (after 400 of warm-up) give every posterior mean and
 * 94% interval an effective sample size in the hundreds (each result records its minimum).
 */
import { MVN_SAMPLING } from './mvn-family';

export const REPLICATION_SAMPLING = { chains: 2, warmup: 400, draws: 400, adaptDelta: MVN_SAMPLING.adaptDelta } as const;
export const REPLICATION_QUICK_SAMPLING = { chains: 1, warmup: 60, draws: 60, adaptDelta: MVN_SAMPLING.adaptDelta } as const;
