/**
 * One NUTS chain per worker, on the bayes library's own runChain and model registry. The
 * page cancels by terminating the worker (a chain is one synchronous computation).
 */
import { transferables } from '../../lib/bayes/protocol';
import { buildModel } from '../../lib/bayes/registry';
import { runChain } from '../../lib/bayes/sampler';
import type { FromSamplerWorker, ToSamplerWorker } from './protocol';
import { tapModel, tracedValues } from './tap';
import { benchNutsGradients } from '../labs/bench-nuts';
import '../../lib/sem/register'; // registers the 'sem' model kind

/**
 * Which progress ticks become messages: the first (a trace within a second of Sample), then the
 * first tick at least POST_EVERY iterations after the last message. Each message costs the
 * page's thread, which shares the cores with the chains. bench:browser, lab default (runs vary
 * by ±0.5 s): chains done at 6.5 s posting every 10 iterations; 4.3–4.9 s every 100 (but the
 * first trace then waits for iteration 100); 5.3–6.0 s at most 4–10 messages a second;
 * 5.0–5.8 s with this rule.
 */
const POST_EVERY = 100;

const scope = self as unknown as { postMessage(m: FromSamplerWorker, transfer?: Transferable[]): void; onmessage: ((e: MessageEvent<ToSamplerWorker>) => void) | null };

scope.onmessage = (e) => {
  const msg = e.data;
  if (msg?.type === 'bench') {
    scope.postMessage({ type: 'bench', ...benchNutsGradients(msg.iterations) });
    return;
  }
  if (msg?.type !== 'run') {
    scope.postMessage({ type: 'error', id: (msg as { id?: number })?.id ?? -1, message: `sampler worker: unknown message type '${(msg as { type?: string })?.type}'` });
    return;
  }
  const { id, job } = msg;
  let lastPosted = 0; // iteration of the last progress message (0: none yet)
  // Traced values waiting for the next progress tick, and how many of each series were sent:
  // warm-up iterations (drawn from the start, so a trace shows within a second of Sample)
  // and retained draws. Warm-up rows all come before retained rows, so flushing the warm-up
  // batch first keeps each chain's iterations in order.
  const series = { warmup: { pending: [] as number[][], sent: 0 }, retained: { pending: [] as number[][], sent: 0 } };
  const flush = () => {
    for (const warmup of [true, false]) {
      const s = warmup ? series.warmup : series.retained;
      if (s.pending.length === 0) continue;
      scope.postMessage({ type: 'trace', id, ...(warmup ? { warmup } : {}), start: s.sent, values: s.pending });
      s.sent += s.pending.length;
      s.pending = [];
    }
  };
  try {
    const base = buildModel(job.model);
    const model = tapModel(base, msg.trace, (v) => series.retained.pending.push(v));
    const warmupValues = tracedValues(base, msg.trace);
    // Iteration 0: the model is built and the chain has started. On a large file the first
    // progress tick (after `progressEvery` iterations of early warmup) can be seconds away.
    scope.postMessage({ type: 'progress', id, iteration: 0, total: job.settings.numWarmup + job.settings.numDraws, phase: 'warmup' });
    const result = runChain(model, job.settings, job.seed, job.chain, {
      every: job.progressEvery ?? 10,
      onWarmupDraw: (position) => series.warmup.pending.push(warmupValues(position)),
      onProgress: (iteration, total, phase) => {
        // By iterations since the last message, so the rule holds whatever the tick interval.
        if (lastPosted > 0 && iteration - lastPosted < POST_EVERY) return;
        lastPosted = iteration;
        flush();
        scope.postMessage({ type: 'progress', id, iteration, total, phase });
      },
    });
    flush();
    scope.postMessage({ type: 'done', id, result }, transferables(result));
  } catch (err) {
    scope.postMessage({ type: 'error', id, message: err instanceof Error ? err.message : String(err) });
  }
};
