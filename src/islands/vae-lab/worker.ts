/**
 * The VAE lab's worker: TensorFlow.js on the fastest backend that works, then the essay's own
 * training loop and audit (src/lib/vae) on the reader's configuration. One worker lives as
 * long as the lab; every run's tensors are disposed inside the library, and the page is told
 * tf.memory() after each run so a leak would show.
 */
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import '@tensorflow/tfjs-backend-webgpu';
import { POPULATION } from '../../lib/data';
import { toRows, zeros } from '../../lib/linalg';
import { mean } from '../../lib/metrics';
import { createRng, derive } from '../../lib/random';
import { createVae, importWeights, latentAudit, auditVae, trainVae, type BackendName, type Vae } from '../../lib/vae';
import { selectFastestBackend } from '../../lib/vae/backend-choice';
import { benchVaeSteps } from '../labs/bench-vae';
import { prepareLabData, labSpec } from './prepare';
import { labTrainSettings } from './settings';
import { browserProbes, type ProbeEnv } from './probes';
import { createLabTrial } from './trial';
import type { FromVaeWorker, TensorMemory, ToVaeWorker, VaeLabOutcome } from './protocol';
import type { VaeLabConfig } from './controls';

/** Generated data sets in the lab's audit (the essay's figures use 1000). */
export const LAB_AUDIT_SETS = 100;
const AUDIT_CHUNK = 10;

const scope = self as unknown as { postMessage(m: FromVaeWorker): void; onmessage: ((e: MessageEvent<ToVaeWorker>) => void) | null };
const post = (m: FromVaeWorker) => scope.postMessage(m);
const memory = (): TensorMemory => {
  const m = tf.memory();
  return { numTensors: m.numTensors, numBytes: m.numBytes };
};
const yieldToMessages = () => new Promise<void>((r) => setTimeout(r, 0));

function probeEnv(): ProbeEnv {
  const nav = self.navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown | null> } };
  return {
    gpu: nav.gpu,
    webglRenderer:
      typeof OffscreenCanvas === 'undefined'
        ? undefined
        : () => {
            const canvas = new OffscreenCanvas(1, 1);
            const gl = (canvas.getContext('webgl2') ?? canvas.getContext('webgl')) as WebGLRenderingContext | null;
            if (!gl) return null;
            const info = gl.getExtension('WEBGL_debug_renderer_info');
            const renderer = String(info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER));
            gl.getExtension('WEBGL_lose_context')?.loseContext(); // only asking; tf makes its own
            return renderer;
          },
    hasWasm: typeof WebAssembly === 'object',
    setBackend: (name) => tf.setBackend(name),
    smokeTest: async () => {
      const t = tf.tidy(() => tf.add(tf.scalar(1), tf.scalar(1))); // tidy: the inputs must not outlive the probe
      const v = (await t.data())[0];
      t.dispose();
      return v;
    },
  };
}

let ready: Promise<BackendName | null> = Promise.resolve(null);
let current: { id: number; abort: AbortController } | null = null;

async function audit(model: Vae, setSize: number, seed: number, id: number, signal: AbortSignal) {
  // In chunks, yielding between them, so Cancel is heard during the audit too.
  const rng = createRng(derive(seed, 'audit'));
  const p = POPULATION.correlation.rows;
  const acc = zeros(p, p);
  const perSet: number[] = [];
  for (let done = 0; done < LAB_AUDIT_SETS; done += AUDIT_CHUNK) {
    if (signal.aborted) throw signal.reason;
    const part = auditVae(model, { truth: POPULATION.correlation, sets: AUDIT_CHUNK, setSize }, rng);
    for (let k = 0; k < acc.data.length; k++) acc.data[k] += part.meanResidual.data[k] * AUDIT_CHUNK;
    perSet.push(...part.perSet);
    post({ type: 'auditing', id, fraction: (done + AUDIT_CHUNK) / LAB_AUDIT_SETS });
    await yieldToMessages();
  }
  for (let k = 0; k < acc.data.length; k++) acc.data[k] /= LAB_AUDIT_SETS;
  return { srmr: mean(perSet), residual: toRows(acc) };
}

async function train(id: number, config: VaeLabConfig, weights: unknown): Promise<void> {
  const abort = new AbortController();
  current = { id, abort };
  let epoch = 0;
  const t0 = performance.now();
  try {
    if (!(await ready)) throw new Error('no TensorFlow.js backend is available');
    const data = prepareLabData(config);
    const init = weights ? importWeights(weights) : createVae(labSpec(config), createRng(derive(config.seed, 'init')));
    const fit = await trainVae(
      init,
      { train: data.train, test: data.test },
      labTrainSettings(config),
      createRng(derive(config.seed, 'train')),
      {
        signal: abort.signal,
        onEpoch: (e) => {
          epoch = e.epoch;
          post({ type: 'epoch', id, epoch: e.epoch, maxEpochs: e.maxEpochs, trainLoss: e.trainLoss, testLoss: e.testLoss, kl: e.kl });
        },
      },
    );
    const a = await audit(fit.model, data.test.rows, config.seed, id, abort.signal);
    const latent = latentAudit(fit.model, data.train);
    const outcome: VaeLabOutcome = {
      srmr: a.srmr,
      residual: a.residual,
      auditSets: LAB_AUDIT_SETS,
      epochsRun: fit.epochsRun,
      bestEpoch: fit.bestEpoch,
      stoppedBy: fit.stoppedBy,
      activeDims: latent.activeDims,
      latentDim: fit.model.spec.latentDim,
      seconds: (performance.now() - t0) / 1000,
    };
    post({ type: 'done', id, outcome, memory: memory() });
  } catch (err) {
    if (abort.signal.aborted) post({ type: 'cancelled', id, epoch, memory: memory() });
    else post({ type: 'error', id, message: err instanceof Error ? err.message : String(err), memory: memory() });
  } finally {
    if (current?.id === id) current = null;
  }
}

async function bench(backend: BackendName, epochs: number): Promise<void> {
  const before = await ready;
  try {
    const ok = await browserProbes(probeEnv(), { allowSoftwareWebgl: true })[backend]();
    if (!ok) throw new Error('failed to initialise');
    const r = await benchVaeSteps(epochs);
    post({ type: 'bench', backend, ok: true, steps: r.steps, stepsPerSecond: r.stepsPerSecond });
  } catch (err) {
    post({ type: 'bench', backend, ok: false, steps: 0, stepsPerSecond: 0, reason: err instanceof Error ? err.message : String(err) });
  } finally {
    if (before) await tf.setBackend(before);
  }
}

scope.onmessage = (e) => {
  const msg = e.data;
  switch (msg.type) {
    case 'init':
      setWasmPaths(msg.wasmPaths);
      // every backend that starts is timed on the lab's network; the fastest is kept (src/lib/vae/backend-choice.ts)
      ready = selectFastestBackend(browserProbes(probeEnv()), createLabTrial(), (name) => tf.setBackend(name)).then((choice) => {
        post({ type: 'backend', choice });
        return choice.backend;
      });
      break;
    case 'train':
      void train(msg.id, msg.config, msg.weights);
      break;
    case 'cancel':
      if (current?.id === msg.id) current.abort.abort(new DOMException('cancelled by the reader', 'AbortError'));
      break;
    case 'bench':
      void bench(msg.backend, msg.epochs);
      break;
  }
};
