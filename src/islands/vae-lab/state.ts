/**
 * The VAE lab's state as a function of what happened: the reader's actions and the worker's
 * messages. Pure, so message handling (stale runs, cancellation races) is unit-tested.
 */
import type { BackendChoice } from '../../lib/vae/backend-choice';
import type { FromVaeWorker, TensorMemory, VaeLabOutcome } from './protocol';

export type VaePhase = 'starting' | 'ready' | 'training' | 'auditing' | 'cancelling' | 'done' | 'cancelled' | 'error';

export interface LossPoint {
  readonly epoch: number;
  readonly trainLoss: number;
  readonly testLoss: number;
}

export interface VaeLabState {
  readonly phase: VaePhase;
  readonly backend: BackendChoice | null;
  /** the run the page is waiting for; messages of older runs are ignored */
  readonly runId: number;
  readonly maxEpochs: number;
  readonly losses: readonly LossPoint[];
  readonly outcome: VaeLabOutcome | null;
  readonly memory: TensorMemory | null;
  /** one line for the aria-live status: changes at milestones only, so it is not chatty */
  readonly status: string;
  /** the visible progress line, updated every epoch (not announced) */
  readonly progress: string;
}

export type VaeLabEvent =
  | { readonly type: 'start'; readonly id: number; readonly maxEpochs: number }
  | { readonly type: 'cancel' }
  /** the worker did not answer a cancel in time and was terminated */
  | { readonly type: 'terminated' }
  | { readonly type: 'worker-failed'; readonly message: string };

export const initialVaeState: VaeLabState = { phase: 'starting', backend: null, runId: 0, maxEpochs: 0, losses: [], outcome: null, memory: null, status: 'Loading TensorFlow.js and choosing a backend…', progress: '' };

export const isBusy = (s: VaeLabState): boolean => s.phase === 'training' || s.phase === 'auditing' || s.phase === 'cancelling';

export function vaeReduce(s: VaeLabState, e: FromVaeWorker | VaeLabEvent): VaeLabState {
  switch (e.type) {
    case 'backend':
      if (!e.choice.backend) return { ...s, phase: 'error', backend: e.choice, status: 'No TensorFlow.js backend could start in this browser, so the lab cannot train.' };
      return { ...s, phase: s.phase === 'starting' ? 'ready' : s.phase, backend: e.choice, status: `Ready: training will run on ${e.choice.backend}.` };
    case 'start':
      return { ...s, phase: 'training', runId: e.id, maxEpochs: e.maxEpochs, losses: [], outcome: null, status: 'Preparing data and starting training…', progress: '' };
    case 'cancel':
      return isBusy(s) ? { ...s, phase: 'cancelling', status: 'Cancelling…' } : s;
    case 'terminated':
      return { ...s, phase: 'cancelled', status: 'Cancelled (the worker was stopped and will restart for the next run).' };
    case 'worker-failed':
      return { ...s, phase: 'error', status: `The lab's worker failed: ${e.message}` };
    case 'bench':
      return s;
  }
  if (e.id !== s.runId) return s; // a late message from an earlier run
  switch (e.type) {
    case 'epoch': {
      if (s.phase !== 'training') return s;
      const losses = [...s.losses, { epoch: e.epoch, trainLoss: e.trainLoss, testLoss: e.testLoss }];
      const line = `Epoch ${e.epoch} of at most ${e.maxEpochs}: test loss ${e.testLoss.toFixed(3)}.`;
      return { ...s, losses, progress: line, status: e.epoch === 1 || e.epoch % 10 === 0 ? `Training: ${line}` : s.status };
    }
    case 'auditing':
      if (s.phase !== 'training' && s.phase !== 'auditing') return s;
      return { ...s, phase: 'auditing', status: 'Training done; generating data sets to compare correlations…', progress: `Audit: ${Math.round(100 * e.fraction)}% of the generated data sets.` };
    case 'done':
      return {
        ...s,
        phase: 'done',
        outcome: e.outcome,
        memory: e.memory,
        status: `Done: ${e.outcome.epochsRun} epochs (best ${e.outcome.bestEpoch}), SRMR ${e.outcome.srmr.toFixed(3)} over ${e.outcome.auditSets} generated data sets.`,
      };
    case 'cancelled':
      return { ...s, phase: 'cancelled', memory: e.memory, status: `Cancelled after epoch ${e.epoch}.` };
    case 'error':
      return { ...s, phase: 'error', memory: e.memory ?? s.memory, status: `Training failed: ${e.message}` };
  }
}
