/**
 * What every replication run shares and nothing else: progress/abort plumbing, the stream of
 * replication r, and rounding of a summary. Kept apart from the SEM and MVN runs so that each
 * run's fingerprint covers only the engine it uses.
 */
import { derive } from '../random';
import { roundSig } from '../round';
import type { ReplicateSummary } from './summary';

export interface ReplicationIo {
  readonly progress: { report(fraction: number, status?: string): void; log(message: string): void };
  readonly signal: AbortSignal;
}

/** The stream of replication r: independent of R, so a larger run extends a smaller one. */
export const replicationSeed = (seed: number, r: number) => derive(seed, 'replication', r);

const sig = (x: number, d: number) => roundSig(x, d);
export const roundSummary = (s: ReplicateSummary, d = 5): ReplicateSummary => ({ count: s.count, mean: sig(s.mean, d), sd: sig(s.sd, d), mcse: sig(s.mcse, d), q05: sig(s.q05, d), q50: sig(s.q50, d), q95: sig(s.q95, d) });
