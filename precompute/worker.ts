/**
 * Worker-thread entry: runs one experiment and streams progress to the runner.
 * Messages out: progress | log | done (result) | error. Message in: abort.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createRng } from '../src/lib/random';
import { loadExperiment } from './registry';

export interface WorkerInput {
  id: string;
  quick: boolean;
  config: Record<string, unknown> & { seed: number };
}

export type WorkerMessage =
  | { type: 'progress'; fraction: number; status?: string }
  | { type: 'log'; message: string }
  | { type: 'done'; result: unknown }
  | { type: 'error'; message: string; stack?: string };

const port = parentPort;
if (!port) throw new Error('precompute/worker.ts must run as a worker thread');

const input = workerData as WorkerInput;
const controller = new AbortController();
port.on('message', (m: { type: string }) => {
  if (m.type === 'abort') controller.abort();
});

const post = (m: WorkerMessage) => port.postMessage(m);

try {
  const experiment = await loadExperiment(input.id);
  if (!experiment) throw new Error(`no experiment ${input.id}`);
  const result: unknown = await experiment.run({
    config: input.config,
    seed: input.config.seed,
    rng: createRng(input.config.seed),
    quick: input.quick,
    signal: controller.signal,
    progress: {
      report: (fraction, status) => post({ type: 'progress', fraction, status }),
      log: (message) => post({ type: 'log', message }),
    },
  });
  post({ type: 'done', result });
} catch (err) {
  const e = err as Error;
  post({ type: 'error', message: e?.message ?? String(err), stack: e?.stack });
}
