/**
 * The sampler lab, wired to the page: controls → data and chain jobs → one Web Worker per
 * chain → live traces → diagnostics and the residual heatmap. Loaded only when the lab
 * comes into view (see labs/boot.ts).
 */
import { INDICATORS } from '../../lib/data';
import { labData } from './data';
import { chainJobs } from '../../lib/bayes/runner';
import { installBench } from '../labs/bench-hook';
import { lockControls, readFields, showErrors } from '../labs/form';
import { analyseChains, type SamplerOutcome } from './analysis';
import { analysisPool, type AnalysisPool, type FromAnalysisWorker, type ToAnalysisWorker } from './analysis-pool';
import { blockTransferables } from './analysis-split';
import { analyseSemChains, checkSyntax, semJob, semTraced } from './sem';
import type { ChainJob } from '../../lib/bayes/protocol';
import { ESSAY_SAMPLER, SAMPLER_FIELDS, TRACED, concurrentChains, labChainSettings, validateSampler } from './controls';
import { runChainPool, type WorkerLike } from '../../lib/bayes/pool';
import type { BenchMessage, FromSamplerWorker, ToSamplerWorker } from './protocol';
import { initialSamplerState, samplerBusy, samplerReduce, type SamplerEvent, type SamplerLabState } from './state';
import { mountOwnData, ownPlan } from './own-data-view';

/** One chain worker, wired for the pool (and the bench). */
const newWorker = (): WorkerLike<ToSamplerWorker, FromSamplerWorker> => {
  const w = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'sampler-lab-chain' });
  return {
    postMessage: (m) => w.postMessage(m),
    onMessage: (h) => (w.onmessage = (e: MessageEvent<FromSamplerWorker>) => h(e.data)),
    onError: (h) => (w.onerror = (e) => h(new Error(e.message ?? ''))),
    terminate: () => w.terminate(),
  };
};

/** One diagnostics worker (the end-of-run convergence rows of a share of the columns). */
const newAnalysisWorker = (): WorkerLike<ToAnalysisWorker, FromAnalysisWorker> => {
  const w = new Worker(new URL('./analysis-worker.ts', import.meta.url), { type: 'module', name: 'sampler-lab-diagnostics' });
  return {
    postMessage: (m) => w.postMessage(m, blockTransferables(m.block)),
    onMessage: (h) => (w.onmessage = (e: MessageEvent<FromAnalysisWorker>) => h(e.data)),
    onError: (h) => (w.onerror = (e) => h(new Error(e.message ?? ''))),
    terminate: () => w.terminate(),
  };
};

const q = <T extends Element>(root: Element, sel: string): T => {
  const el = root.querySelector<T>(sel);
  if (!el) throw new Error(`sampler lab markup is missing ${sel}`);
  return el;
};

export function mount(root: HTMLElement): void {
  const form = q<HTMLFormElement>(root, 'form');
  const modelSelect = q<HTMLSelectElement>(root, '[name="model"]');
  const syntaxBox = q<HTMLTextAreaElement>(root, '[name="syntax"]');
  const syntaxField = q<HTMLElement>(root, '[data-syntax-field]');
  const essaySyntax = syntaxBox.value; // the essay's model, as the page shipped it
  const run = q<HTMLButtonElement>(root, '[data-testid="sampler-run"]');
  const cancel = q<HTMLButtonElement>(root, '[data-testid="sampler-cancel"]');
  const ui = {
    status: q<HTMLElement>(root, '[data-status]'),
    progress: q<HTMLElement>(root, '[data-progress]'),
    traces: q<HTMLElement>(root, '[data-traces]'),
    results: q<HTMLElement>(root, '[data-results]'),
    rhat: q<HTMLElement>(root, '[data-testid="sampler-rhat"]'),
    rhatName: q<HTMLElement>(root, '[data-rhat-name]'),
    essBulk: q<HTMLElement>(root, '[data-ess-bulk]'),
    essTail: q<HTMLElement>(root, '[data-ess-tail]'),
    divergences: q<HTMLElement>(root, '[data-divergences]'),
    srmr: q<HTMLElement>(root, '[data-testid="sampler-srmr"]'),
    heatmap: q<HTMLElement>(root, '[data-heatmap]'),
    legend: q<HTMLElement>(root, '[data-legend]'),
  };
  root.dataset.labState = 'mounted';
  const charts = import('../labs/charts');
  let state: SamplerLabState = { ...initialSamplerState, status: 'Ready: choose a configuration and press Sample.' };
  let formValid = true;
  let nextId = 1;
  let abort: AbortController | null = null;
  let traceTimer: ReturnType<typeof setTimeout> | undefined;
  let draws = 0;
  let warmupIterations = 0;
  let traced: readonly string[] = TRACED;
  let tracedLabels: readonly string[] | null = null; // the reader's column names, when they differ from `traced`
  // Chain workers started ahead of a run on a reader's file (module loaded, waiting for a job).
  const spare: WorkerLike<ToSamplerWorker, FromSamplerWorker>[] = [];
  const takeWorker = (): WorkerLike<ToSamplerWorker, FromSamplerWorker> => spare.pop() ?? newWorker();
  const prewarm = () => {
    while (spare.length < concurrentChains(4, navigator.hardwareConcurrency)) spare.push(newWorker());
  };
  const own = mountOwnData(root, () => validate(), prewarm);

  const render = () => {
    const busy = samplerBusy(state);
    run.disabled = busy || !formValid;
    cancel.disabled = !busy;
    lockControls(form, busy);
    if (ui.status.textContent !== state.status) ui.status.textContent = state.status;
    ui.progress.textContent = state.progress;
    root.dataset.labPhase = state.phase;
  };
  const validate = () => {
    syntaxField.hidden = modelSelect.value !== 'sem-custom';
    const syntax = modelSelect.value === 'sem-custom' ? syntaxBox.value : essaySyntax;
    const raw = { ...readFields(form, SAMPLER_FIELDS.map((f) => f.key)), model: modelSelect.value, syntax };
    const v = own.active() ? own.validate(raw) : validateSampler(raw);
    showErrors(form, v.ok ? {} : v.errors);
    formValid = v.ok;
    render();
    return v;
  };
  // Warm-up iterations, then retained draws; only the retained draws are ever summarised.
  const drawTraces = async () =>
    (await charts).drawTraces(ui.traces, tracedLabels ?? traced, state.traces, draws, Math.min(560, ui.traces.clientWidth || 560), { traces: state.warmupTraces, iterations: warmupIterations });
  // Redraw the traces at most every 250 ms, and rarer as a redraw grows with the draws: the
  // page's thread shares the cores with the chains' workers, so redraws are held to about a
  // tenth of one core (the wait is nine times the last redraw's duration when that is longer).
  let lastRedrawMs = 0;
  const drawTracesSoon = () => {
    if (traceTimer) return;
    traceTimer = setTimeout(async () => {
      traceTimer = undefined;
      const t0 = performance.now();
      await drawTraces();
      lastRedrawMs = performance.now() - t0;
    }, Math.max(250, 9 * lastRedrawMs));
  };
  const dispatch = (e: SamplerEvent) => {
    state = samplerReduce(state, e);
    render();
    if (e.type === 'chain' && e.msg.type === 'trace') drawTracesSoon();
  };
  let residualNames: readonly string[] = INDICATORS;
  const showOutcome = async () => {
    const o = state.outcome;
    if (!o) return;
    ui.results.hidden = false;
    ui.rhat.textContent = Number.isFinite(o.maxRhat) ? o.maxRhat.toFixed(3) : 'n/a';
    ui.rhatName.textContent = o.maxRhatName;
    ui.essBulk.textContent = o.minEssBulk.toFixed(0);
    ui.essTail.textContent = o.minEssTail.toFixed(0);
    ui.divergences.textContent = String(o.divergences);
    ui.srmr.textContent = o.srmr.toFixed(3);
    const c = await charts;
    c.drawResidual(ui.heatmap, o.residual, 360, residualNames);
    c.drawResidualLegend(ui.legend);
  };

  form.addEventListener('input', () => validate());
  form.addEventListener('change', (e) => {
    // A new model starts from the essay's target acceptance for it; the reader can change it.
    if (e.target === modelSelect) {
      const settings = ESSAY_SAMPLER[modelSelect.value as keyof typeof ESSAY_SAMPLER];
      const field = form.elements.namedItem('adaptDelta');
      if (settings && field instanceof HTMLInputElement) field.value = String(settings.adaptDelta);
    }
    validate();
  });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const v = validate();
    if (!v.ok || samplerBusy(state)) return;
    const c = v.config;
    const id = nextId++;
    draws = c.draws;
    warmupIterations = c.warmup;
    lastRedrawMs = 0; // a new run starts with short traces: the first redraw comes at 250 ms
    abort = new AbortController();
    const concurrent = concurrentChains(c.chains, navigator.hardwareConcurrency);
    ui.results.hidden = true;
    ui.rhat.textContent = '—';
    ui.srmr.textContent = '—';
    dispatch({ type: 'start', id, chains: c.chains, total: c.warmup + c.draws, concurrent });
    let diagnostics: AnalysisPool | null = null;
    try {
      // Started now so their modules load while the chains run; one per core the chains had.
      diagnostics = analysisPool(newAnalysisWorker, concurrent, abort.signal);
      const converge = diagnostics.converge;
      const plan = ownPlan(c);
      own.showOutput(null);
      const x = plan ? null : labData(c);
      let spec: ChainJob['model'];
      let analyse: (chains: Parameters<typeof analyseChains>[0]) => Promise<SamplerOutcome>;
      tracedLabels = plan ? plan.labels : null;
      if (plan) {
        spec = plan.spec;
        traced = plan.traced;
        residualNames = plan.names;
        analyse = (chains) => plan.analyse(chains, converge);
      } else if (c.model === 'mvn') {
        spec = { kind: 'mvn', x: x!, names: INDICATORS, missing: 'marginal', impute: false }; // nothing reads the x[…] draws
        traced = TRACED;
        residualNames = INDICATORS;
        analyse = (chains) => analyseChains(chains, converge);
      } else {
        const job = semJob(x!, c.syntax, c.model);
        const check = checkSyntax(c.syntax);
        traced = check.ok ? semTraced(check.description) : [];
        spec = job;
        analyse = async (chains) => {
          const o = await analyseSemChains(chains, job, converge);
          residualNames = o.names;
          return o;
        };
      }
      const jobs = chainJobs(spec, labChainSettings(c), c.seed, c.chains).map((j) => ({ ...j, progressEvery: 10 }));
      const trace = traced;
      const chains = await runChainPool(jobs, {
        spawn: takeWorker,
        concurrency: concurrent,
        start: (job, index): ToSamplerWorker => ({ type: 'run', id: index, job, trace }),
        signal: abort.signal,
        onMessage: (chain, msg) => dispatch({ type: 'chain', id, chain, msg }),
      });
      // The diagnostics take every core: a trace redraw still waiting would hold up their reply
      // (bench: +0.25 s); the redraw after them draws every draw anyway.
      clearTimeout(traceTimer);
      traceTimer = undefined;
      await new Promise((r) => setTimeout(r, 0)); // let the "computing diagnostics" status paint
      const outcome = await analyse(chains);
      diagnostics.terminate();
      dispatch({ type: 'analysed', id, outcome });
      await drawTraces();
      await showOutcome();
      own.showOutput(plan);
    } catch (err) {
      if (abort.signal.aborted) dispatch({ type: 'cancelled', id });
      else dispatch({ type: 'failed', id, message: err instanceof Error ? err.message : String(err) });
    } finally {
      diagnostics?.terminate();
    }
  });
  cancel.addEventListener('click', () => abort?.abort());

  installBench('nuts', (iterations: number) =>
    new Promise<BenchMessage>((resolve, reject) => {
      const w = newWorker();
      w.onMessage((m) => {
        w.terminate();
        if (m.type === 'bench') resolve(m);
        else reject(new Error(`unexpected ${m.type}`));
      });
      w.onError((e) => {
        w.terminate();
        reject(new Error(e.message || 'worker failed'));
      });
      w.postMessage({ type: 'bench', iterations });
    }),
  );
  validate();
}
