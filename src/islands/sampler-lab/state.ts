/**
 * The sampler lab's state as a function of the reader's actions and the chains' messages.
 * Pure, so message handling (stale runs, late messages after Cancel) is unit-tested.
 */
import type { SamplerOutcome } from './analysis';
import type { FromSamplerWorker } from './protocol';

export type SamplerPhase = 'ready' | 'sampling' | 'summarising' | 'done' | 'cancelled' | 'error';

export interface SamplerLabState {
  readonly phase: SamplerPhase;
  readonly runId: number;
  /** iterations per chain, warmup included */
  readonly total: number;
  /** per chain: iterations done */
  readonly iteration: readonly number[];
  readonly chainPhase: readonly ('waiting' | 'warmup' | 'sampling' | 'done')[];
  /** per chain: retained draws so far, each a row of traced values */
  readonly traces: readonly (readonly number[][])[];
  /** per chain: warm-up iterations so far, as rows of traced values (drawn, never summarised) */
  readonly warmupTraces: readonly (readonly number[][])[];
  readonly outcome: SamplerOutcome | null;
  /** announced (aria-live) at milestones */
  readonly status: string;
  /** shown, not announced */
  readonly progress: string;
}

export type SamplerEvent =
  | { readonly type: 'start'; readonly id: number; readonly chains: number; readonly total: number; readonly concurrent: number }
  | { readonly type: 'chain'; readonly id: number; readonly chain: number; readonly msg: FromSamplerWorker }
  | { readonly type: 'analysed'; readonly id: number; readonly outcome: SamplerOutcome }
  | { readonly type: 'cancelled'; readonly id: number }
  | { readonly type: 'failed'; readonly id: number; readonly message: string };

export const initialSamplerState: SamplerLabState = { phase: 'ready', runId: 0, total: 0, iteration: [], chainPhase: [], traces: [], warmupTraces: [], outcome: null, status: '', progress: '' };

export const samplerBusy = (s: SamplerLabState): boolean => s.phase === 'sampling' || s.phase === 'summarising';

const set = <T,>(a: readonly T[], i: number, v: T): T[] => a.map((x, k) => (k === i ? v : x));

function progressLine(s: SamplerLabState): string {
  return s.iteration.map((it, c) => `chain ${c + 1}: ${s.chainPhase[c] === 'waiting' ? 'waiting' : `${it}/${s.total}`}`).join(', ');
}

export function samplerReduce(s: SamplerLabState, e: SamplerEvent): SamplerLabState {
  if (e.type === 'start') {
    const n = e.chains;
    const queued = n > e.concurrent ? ` (${e.concurrent} at a time on this machine)` : '';
    return {
      phase: 'sampling',
      runId: e.id,
      total: e.total,
      iteration: new Array(n).fill(0),
      chainPhase: new Array(n).fill('waiting'),
      traces: Array.from({ length: n }, () => []),
      warmupTraces: Array.from({ length: n }, () => []),
      outcome: null,
      status: `Sampling ${n} chain${n > 1 ? 's' : ''}${queued}: warmup first, then draws.`,
      progress: '',
    };
  }
  if (e.id !== s.runId) return s; // an earlier run's late message
  switch (e.type) {
    case 'cancelled':
      if (!samplerBusy(s)) return s;
      return { ...s, phase: 'cancelled', status: s.phase === 'summarising' ? 'Cancelled: the diagnostics were stopped.' : 'Cancelled: the chains were stopped.' };
    case 'failed':
      return { ...s, phase: 'error', status: `${s.phase === 'summarising' ? 'Diagnostics' : 'Sampling'} failed: ${e.message}` };
    case 'analysed':
      if (s.phase !== 'summarising') return s;
      return {
        ...s,
        phase: 'done',
        outcome: e.outcome,
        status: `Done: largest R-hat ${e.outcome.maxRhat.toFixed(3)}, ${e.outcome.divergences} divergences, SRMR ${e.outcome.srmr.toFixed(3)}.`,
      };
    case 'chain': {
      if (s.phase !== 'sampling') return s;
      const m = e.msg;
      const c = e.chain;
      if (m.type === 'progress') {
        const next = { ...s, iteration: set(s.iteration, c, m.iteration), chainPhase: set(s.chainPhase, c, m.phase) };
        const enteredSampling = s.chainPhase[c] !== 'sampling' && m.phase === 'sampling';
        return { ...next, progress: progressLine(next), status: enteredSampling ? `Chain ${c + 1} finished warmup and is drawing.` : s.status };
      }
      if (m.type === 'trace') {
        const key = m.warmup ? 'warmupTraces' : 'traces';
        const mine = s[key][c];
        // Keep rows in order even if a message were repeated: place by `start`.
        const merged = m.start === mine.length ? mine.concat(m.values) : mine.slice(0, m.start).concat(m.values);
        return { ...s, [key]: set(s[key], c, merged) };
      }
      if (m.type === 'done') {
        const next = { ...s, iteration: set(s.iteration, c, s.total), chainPhase: set(s.chainPhase, c, 'done' as const) };
        const all = next.chainPhase.every((p) => p === 'done');
        return { ...next, phase: all ? 'summarising' : 'sampling', progress: progressLine(next), status: all ? 'All chains done; computing diagnostics…' : `Chain ${c + 1} done.` };
      }
      if (m.type === 'error') return { ...s, phase: 'error', status: `Sampling failed: ${m.message}` };
      return s;
    }
  }
}
