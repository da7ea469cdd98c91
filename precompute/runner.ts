/**
 * Runs experiments: plans (validate configs, fingerprint code), skips fresh results, runs the
 * rest on a pool of worker threads (runLanes: an experiment that reads another's result in the
 * same run starts once that result is written), validates each result against its schema, and writes it
 * atomically with its manifest entry. One failure does not lose the others' results.
 */
import { Worker } from 'node:worker_threads';
import os from 'node:os';
import path from 'node:path';
import type { z } from 'zod';
import { removePendingTemps, writeFileAtomic } from './atomic';
import type { Display } from './display';
import { sha256 } from './fingerprint';
import { freshness, plan, validConfig, type Planned } from './freshness';
import { resultsReadFrom } from './inputs';
import { FULL_RESULTS_DIR, resultsDir } from './paths';
import { criticalPathFirst, dependencyWaves, previousWallSeconds } from './schedule';
import { runLanes } from './lanes';
import { loadExperiment, resolveIds, type AnyExperiment } from './registry';
import { RESULT_FORMAT, readManifest, resultPath, serialiseResult, writeManifest } from './store';
import type { WorkerInput, WorkerMessage } from './worker';

export interface RunOptions {
  ids: string[];
  quick: boolean;
  force: boolean;
  jobs: number;
  display: Display;
  signal?: AbortSignal;
  /** where results go; defaults to public/results (full) or .quick-results (quick) */
  dir?: string;
}

export interface RunSummary {
  ran: string[];
  skipped: string[];
  failed: { id: string; error: string }[];
}

/** First path at which a value holds a non-finite number (JSON would silently turn it into null). */
export function findNonFinite(value: unknown, at = 'result'): string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : `${at} = ${value}`;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const p = findNonFinite(value[i], `${at}[${i}]`);
      if (p) return p;
    }
    return undefined;
  }
  if (ArrayBuffer.isView(value)) return `${at} is a typed array; convert it to a plain array before returning`;
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const p = findNonFinite(v, `${at}.${k}`);
      if (p) return p;
    }
  }
  return undefined;
}

function runInWorker(planned: Planned, quick: boolean, display: Display, signal?: AbortSignal): Promise<unknown> {
  const input: WorkerInput = { id: planned.experiment.id, quick, config: planned.config as WorkerInput['config'] };
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./worker-entry.mjs', import.meta.url), { workerData: input });
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      fn();
    };
    const onAbort = () => {
      worker.postMessage({ type: 'abort' });
      // give the experiment a moment to stop cleanly, then end the thread
      setTimeout(() => void worker.terminate(), 3000).unref();
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'progress') display.progress(input.id, m.fraction, m.status);
      else if (m.type === 'log') display.log(input.id, m.message);
      else if (m.type === 'done') settle(() => resolve(m.result));
      else if (m.type === 'error') settle(() => reject(Object.assign(new Error(m.message), { stack: m.stack })));
    });
    worker.on('error', (err) => settle(() => reject(err)));
    worker.on('exit', (code) => settle(() => reject(new Error(signal?.aborted ? 'interrupted' : `worker exited with code ${code} before finishing`))));
  });
}

/** Validate a run's output and write its result file and manifest entry (atomically). */
export function record(dir: string, planned: Planned, result: unknown, wallSeconds: number): void {
  const { experiment } = planned;
  let payload = result;
  let timing: unknown;
  // Wall-clock figures would break byte-identity of the result file: they go to the manifest.
  if (payload && typeof payload === 'object' && !Array.isArray(payload) && 'timing' in payload) {
    const { timing: t, ...rest } = payload as Record<string, unknown>;
    timing = t;
    payload = rest;
  }
  const bad = findNonFinite(payload);
  if (bad) throw new Error(`${experiment.id} produced a non-finite number: ${bad}. Nothing was written; the previous result, if any, is untouched.`);
  const parsed = (experiment.resultSchema as z.ZodTypeAny).safeParse(payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${experiment.id} returned a result that fails its schema at ${issue?.path.join('.') || '(root)'}: ${issue?.message}. Nothing was written.`);
  }
  const text = serialiseResult({
    format: RESULT_FORMAT,
    id: experiment.id,
    configHash: planned.configHash,
    codeHash: planned.code.hash,
    config: planned.config,
    result: payload,
  });
  const file = resultPath(dir, experiment.id);
  writeFileAtomic(file, text);
  const manifest = readManifest(dir);
  manifest.experiments[experiment.id] = {
    id: experiment.id,
    title: experiment.title,
    seed: (planned.config as { seed: number }).seed,
    config: planned.config,
    configHash: planned.configHash,
    codeHash: planned.code.hash,
    files: planned.code.files,
    packages: planned.code.packages,
    inputs: planned.code.inputs,
    wallSeconds: Math.round(wallSeconds * 100) / 100,
    ...(timing === undefined ? {} : { timing }),
    finishedAt: new Date().toISOString(),
    node: process.version,
    platform: `${os.platform()} ${os.arch()}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}`,
    resultFile: path.basename(file),
    resultBytes: Buffer.byteLength(text),
    resultSha256: sha256(text),
  };
  writeManifest(dir, manifest);
}

export async function runExperiments(opts: RunOptions): Promise<RunSummary> {
  const { quick, force, display } = opts;
  const dir = opts.dir ?? resultsDir(quick);
  const ids = resolveIds(opts.ids);
  const experiments = new Map<string, AnyExperiment>();
  for (const id of ids) experiments.set(id, await loadExperiment(id));
  // Validate every config before running anything: a bad config fails fast and costs nothing.
  for (const e of experiments.values()) validConfig(e, quick);
  // An experiment that reads another's result in this run waits for it: it is planned (its
  // inputs fingerprinted) only once that result is written, so its fingerprint is of what it reads.
  const readsResultsOf = (id: string) => resultsReadFrom(dir, experiments.get(id)!.inputs);
  const inRun = (id: string) => readsResultsOf(id).filter((d) => experiments.has(d) && d !== id);
  // Those that read no result of this run are planned before anything runs (a missing input
  // fails fast, too); a cycle of reads is an error here, before anything runs.
  const independent = dependencyWaves(ids, readsResultsOf)[0] ?? [];
  const planned = new Map<string, Planned>();
  for (const id of independent) planned.set(id, await plan(experiments.get(id)!, quick));

  const summary: RunSummary = { ran: [], skipped: [], failed: [] };
  const fail = (id: string, error: string) => {
    summary.failed.push({ id, error });
    display.finish(id, `${id}: FAILED — ${error}`);
  };

  const runOne = async (p: Planned) => {
    const id = p.experiment.id;
    display.start(id);
    const t0 = performance.now();
    try {
      const result = await runInWorker(p, quick, display, opts.signal);
      const secs = (performance.now() - t0) / 1000;
      record(dir, p, result, secs);
      summary.ran.push(id);
      display.finish(id, `${id}: done in ${secs.toFixed(1)} s → ${path.relative(process.cwd(), resultPath(dir, id))}`);
    } catch (err) {
      fail(id, (err as Error).message);
    }
  };

  const runId = async (id: string) => {
    const failed = inRun(id).find((d) => summary.failed.some((f) => f.id === d));
    if (failed) return fail(id, `not run: it reads the result of ${failed}, which failed in this run`);
    let p = planned.get(id);
    if (!p) {
      try {
        p = await plan(experiments.get(id)!, quick);
      } catch (err) {
        return fail(id, (err as Error).message);
      }
    }
    const f = force ? { fresh: false as const, reason: '--force' } : freshness(dir, p);
    if (f.fresh) {
      summary.skipped.push(id);
      display.finish(id, `${id}: fresh, skipped (use --force to rerun)`);
      return;
    }
    display.log(id, `will run: ${f.reason}`);
    await runOne(p);
  };

  // Start order: the longest chain of work first (criticalPathFirst), by this folder's previous
  // wall times when it has them all, else by the committed ones (a fresh .quick-results or --out
  // folder has none; only the order counts). A free lane takes the first experiment whose inputs
  // are done, so a dependent starts as soon as what it reads is written, not after a whole wave.
  const own = previousWallSeconds(readManifest(dir));
  const seconds = ids.every((id) => own[id] !== undefined) ? own : previousWallSeconds(readManifest(FULL_RESULTS_DIR));
  const order = criticalPathFirst(ids, inRun, seconds);
  const jobs = Math.max(1, Math.min(opts.jobs, ids.length || 1));

  try {
    await runLanes(order, inRun, jobs, runId, opts.signal);
  } finally {
    removePendingTemps();
    display.close();
  }
  return summary;
}
