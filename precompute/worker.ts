/**
 * Worker-thread entry: runs one experiment and streams progress to the runner.
 * Messages out: progress | log | done (result) | error. Message in: abort.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runContext } from './context';
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
  const progress = {
    report: (fraction: number, status?: string) => post({ type: 'progress', fraction, status }),
    log: (message: string) => post({ type: 'log', message }),
  };
  const result: unknown = await experiment.run(runContext(experiment, { config: input.config, quick: input.quick, signal: controller.signal, progress }));
  post({ type: 'done', result });
} catch (err) {
  const e = err as Error;
  post({ type: 'error', message: e?.message ?? String(err), stack: e?.stack });
}
