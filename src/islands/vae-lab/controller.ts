/**
 * The VAE lab, wired to the page: controls → config → worker; worker messages → state →
 * DOM. Loaded only when the lab comes into view (see labs/boot.ts).
 */
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { MASKED_SPEC, MIWAE_SPEC, PLAIN_SPEC } from '../../lib/vae/spec';
import { explainChoice, type BackendName } from '../../lib/vae/backend-choice';
import { lockControls, readFields, showErrors } from '../labs/form';
import { installBench } from '../labs/bench-hook';
import { MIWAE_FIELD, VAE_FIELDS, essayObjective, validateVae, type VaeArch } from './controls';
import type { ReconObjective } from '../../lib/vae/loss';
import { fetchBaked, type BakedFetch } from './baked';
import { nearestBaked, parseBakedTable } from './nearest';
import { ESSAY_LEARNING_RATE } from './settings';
import type { FromVaeWorker, ToVaeWorker } from './protocol';
import { initialVaeState, isBusy, vaeReduce, type VaeLabEvent, type VaeLabState } from './state';

/** How long a Cancel may take before the worker is terminated outright. */
const CANCEL_GRACE_MS = 4000;

const bakedLatent = (arch: VaeArch) => (arch === 'masked' ? MASKED_SPEC : arch === 'miwae' ? MIWAE_SPEC : PLAIN_SPEC).latentDim;
const FIELD_KEYS = [...VAE_FIELDS.map((f) => f.key), MIWAE_FIELD.key];

function wasmPaths(): Record<string, string> {
  // Absolute, because the worker resolves URLs against its own script's address.
  const abs = (u: string) => new URL(u, location.href).href;
  return { 'tfjs-backend-wasm.wasm': abs(wasmPlain), 'tfjs-backend-wasm-simd.wasm': abs(wasmSimd), 'tfjs-backend-wasm-threaded-simd.wasm': abs(wasmThreaded) };
}

export function createVaeWorker(onMessage: (m: FromVaeWorker) => void, onError: (message: string) => void): Worker {
  const w = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'vae-lab' });
  w.onmessage = (e: MessageEvent<FromVaeWorker>) => onMessage(e.data);
  w.onerror = (e) => onError(e.message || 'the worker script failed to load');
  w.postMessage({ type: 'init', wasmPaths: wasmPaths() } satisfies ToVaeWorker);
  return w;
}

const q = <T extends Element>(root: Element, sel: string): T => {
  const el = root.querySelector<T>(sel);
  if (!el) throw new Error(`VAE lab markup is missing ${sel}`);
  return el;
};

export function mount(root: HTMLElement): void {
  const form = q<HTMLFormElement>(root, 'form');
  const train = q<HTMLButtonElement>(root, '[data-testid="vae-train"]');
  const cancel = q<HTMLButtonElement>(root, '[data-testid="vae-cancel"]');
  const arch = q<HTMLSelectElement>(root, '[name="arch"]');
  const fromBaked = q<HTMLInputElement>(root, '[name="fromBaked"]');
  const objective = q<HTMLSelectElement>(root, '[name="objective"]');
  // MIWAE's K is a control of MIWAE only
  const samplesField = q<HTMLInputElement>(root, `[name="${MIWAE_FIELD.key}"]`).closest<HTMLElement>('.lab-field');
  const showSamples = () => {
    if (samplesField) samplesField.hidden = arch.value !== 'miwae';
  };
  showSamples();
  const ui = {
    backend: q<HTMLElement>(root, '[data-testid="vae-backend"]'),
    skipped: q<HTMLElement>(root, '[data-backend-skipped]'),
    status: q<HTMLElement>(root, '[data-status]'),
    progress: q<HTMLElement>(root, '[data-progress]'),
    loss: q<HTMLElement>(root, '[data-loss-chart]'),
    results: q<HTMLElement>(root, '[data-results]'),
    mine: q<HTMLElement>(root, '[data-heatmap-mine]'),
    mineCaption: q<HTMLElement>(root, '[data-mine-caption]'),
    srmr: q<HTMLElement>(root, '[data-testid="vae-srmr"]'),
    baked: q<HTMLElement>(root, '[data-heatmap-baked]'),
    bakedCaption: q<HTMLElement>(root, '[data-baked-caption]'),
    legend: q<HTMLElement>(root, '[data-legend]'),
    memory: q<HTMLElement>(root, '[data-memory]'),
  };
  root.dataset.labState = 'mounted';
  const charts = import('../labs/charts');
  const bakedCache = new Map<string, Promise<BakedFetch>>();
  const available = new Set((root.dataset.bakedAvailable ?? '').split(' ').filter(Boolean));
  const bakedTable = parseBakedTable(root.dataset.bakedTable);
  const baked = (id: string) => {
    if (!available.has(id)) return Promise.resolve<BakedFetch>({ ok: false, message: `The baked result ${id} is not available yet, so there is nothing to compare with.` });
    if (!bakedCache.has(id)) bakedCache.set(id, fetchBaked(root.dataset.base ?? '/', id));
    return bakedCache.get(id)!;
  };

  let state: VaeLabState = initialVaeState;
  let formValid = true;
  let nextId = 1;
  let cancelTimer: ReturnType<typeof setTimeout> | undefined;
  let lossFrame = 0;

  const validate = () => {
    const v = validateVae({ arch: arch.value, objective: objective.value, fromBaked: fromBaked.checked, fields: readFields(form, FIELD_KEYS) }, fromBaked.checked ? bakedLatent(arch.value as VaeArch) : null);
    showErrors(form, v.ok ? {} : v.errors);
    formValid = v.ok;
    render();
    return v;
  };

  const render = () => {
    const busy = isBusy(state);
    train.disabled = busy || !formValid || state.phase === 'starting' || (state.phase === 'error' && !state.backend?.backend);
    cancel.disabled = !busy || state.phase === 'cancelling';
    lockControls(form, busy);
    if (ui.status.textContent !== state.status) ui.status.textContent = state.status;
    ui.progress.textContent = state.progress;
    root.dataset.labPhase = state.phase;
    if (state.backend) {
      ui.backend.textContent = state.backend.backend ?? 'none';
      // the chosen backend and why, then every other backend's time or reason it was passed over
      ui.skipped.replaceChildren(...explainChoice(state.backend).map((line) => Object.assign(document.createElement('li'), { textContent: line })));
    }
    if (state.memory) ui.memory.textContent = `Tensors held by TensorFlow.js after the run: ${state.memory.numTensors} (${state.memory.numBytes} bytes).`;
  };

  const drawLossSoon = () => {
    if (lossFrame) return;
    lossFrame = requestAnimationFrame(async () => {
      lossFrame = 0;
      const c = await charts;
      c.drawLoss(ui.loss, state.losses, state.maxEpochs, Math.min(560, ui.loss.clientWidth || 560));
    });
  };

  const showOutcome = async (id: number) => {
    const o = state.outcome;
    if (!o || state.runId !== id) return;
    const c = await charts;
    ui.results.hidden = false;
    ui.srmr.textContent = o.srmr.toFixed(3);
    ui.mineCaption.textContent = `Your model: mean residual over ${o.auditSets} generated data sets; ${o.activeDims} of ${o.latentDim} latent dimensions active.`;
    c.drawResidual(ui.mine, o.residual);
    c.drawResidualLegend(ui.legend);
    const near = nearestBaked({ arch: arch.value as VaeArch, rows: Number(form.rows.value), missingFraction: Number(form.missing.value) / 100, objective: objective.value as ReconObjective }, bakedTable);
    if (!near) return;
    const b = await baked(near.id);
    if (state.runId !== id) return;
    if (b.ok) {
      ui.bakedCaption.textContent = `Baked ${near.id} (${b.result.config.n} rows, ${Math.round(100 * b.result.config.missingFraction)}% missing): SRMR ${b.result.audit.srmr.toFixed(3)} over ${b.result.audit.sets} data sets.`;
      c.drawResidual(ui.baked, b.result.audit.meanResidual);
    } else {
      ui.bakedCaption.textContent = b.message;
      ui.baked.replaceChildren();
    }
  };

  const dispatch = (e: FromVaeWorker | VaeLabEvent) => {
    state = vaeReduce(state, e);
    render();
    if (e.type === 'epoch') drawLossSoon();
    if ((e.type === 'done' || e.type === 'cancelled' || e.type === 'error') && cancelTimer) clearTimeout(cancelTimer);
    if (e.type === 'done') void showOutcome(e.id);
  };

  const onMessage = (m: FromVaeWorker) => dispatch(m);
  const onError = (message: string) => dispatch({ type: 'worker-failed', message });
  let worker = createVaeWorker(onMessage, onError);

  form.addEventListener('input', () => validate());
  form.addEventListener('change', (e) => {
    // Ticking "start from the baked weights" takes the baked model's latent size.
    if (e.target === fromBaked && fromBaked.checked) form.latent.value = String(bakedLatent(arch.value as VaeArch));
    // A new architecture starts from the essay's settings for it; the reader can change them.
    if (e.target === arch) {
      const a = arch.value as VaeArch;
      form.latent.value = String(bakedLatent(a));
      form.learningRate.value = String(ESSAY_LEARNING_RATE[a]);
      objective.value = essayObjective(a);
      form.missing.value = a === 'plain' ? '0' : Number(form.missing.value) > 0 ? form.missing.value : '20';
      showSamples();
    }
    validate();
  });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const v = validate();
    if (!v.ok || isBusy(state)) return;
    const id = nextId++;
    let weights: unknown;
    if (v.config.fromBaked) {
      const near = nearestBaked(v.config, bakedTable);
      const b = near ? await baked(near.id) : null;
      if (!b || !b.ok) {
        showErrors(form, { fromBaked: b ? b.message : 'No baked model matches this architecture.' });
        return;
      }
      weights = b.result.weights;
    }
    ui.results.hidden = true;
    ui.srmr.textContent = '—';
    dispatch({ type: 'start', id, maxEpochs: v.config.maxEpochs });
    drawLossSoon();
    worker.postMessage({ type: 'train', id, config: v.config, weights } as ToVaeWorker);
  });
  cancel.addEventListener('click', () => {
    if (!isBusy(state)) return;
    const id = state.runId;
    dispatch({ type: 'cancel' });
    worker.postMessage({ type: 'cancel', id } satisfies ToVaeWorker);
    // A well-behaved worker stops within an epoch; one that does not is replaced.
    cancelTimer = setTimeout(() => {
      if (state.phase !== 'cancelling' || state.runId !== id) return;
      worker.terminate();
      worker = createVaeWorker(onMessage, onError);
      state = { ...state, phase: 'starting', backend: null };
      dispatch({ type: 'terminated' });
    }, CANCEL_GRACE_MS);
  });

  installBench('vae', (backend: BackendName, epochs: number) => benchVae(backend, epochs));
  validate();
}

/** Steps/s on one backend, in a fresh worker so the lab's own worker is untouched. */
function benchVae(backend: BackendName, epochs: number): Promise<Extract<FromVaeWorker, { type: 'bench' }>> {
  return new Promise((resolve, reject) => {
    const w = createVaeWorker(
      (m) => {
        if (m.type === 'backend') w.postMessage({ type: 'bench', backend, epochs } satisfies ToVaeWorker);
        if (m.type === 'bench') {
          w.terminate();
          resolve(m);
        }
      },
      (message) => {
        w.terminate();
        reject(new Error(message));
      },
    );
  });
}
