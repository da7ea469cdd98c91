/**
 * npm run bench:browser [-- --skip-budgets] [-- --runs N]
 *
 * Times the labs in the reader's browser against the same code in Node. Builds nothing: it
 * needs dist/ (npx astro build). It serves dist/ on 127.0.0.1 with the project's static server,
 * opens it in Debian's Chromium (CHROMIUM_PATH to use another), scrolls the two labs into view so their code loads, and:
 *
 * 1. through window.__labBench runs the fixed workloads of src/islands/labs/bench-{vae,nuts}.ts
 *    inside the labs' workers: plain-VAE training steps per second on every tf backend the
 *    page can start, and NUTS gradient evaluations per second — the same function, data and
 *    run length (warm-up excluded) as bench:nuts's grad/s — then the same functions in Node
 *    (tf on wasm and cpu, as the precompute uses them), side by side with Chromium/Node;
 * 2. the budgets of issue 16, by pressing the labs' own buttons as a reader would and timing
 *    in the page from the click: plain VAE on 1 000 rows to early stopping; 4 chains × 1 000
 *    draws of the MVN on 500 rows (the lab's 10% missing cells, and complete); the identified
 *    SEM 4 × 1 000; the first trace drawn after Sample (the first plot of the chains' warm-up
 *    iterations, which the lab streams from the start; when the first retained draws show is
 *    printed beside it). Each figure is printed beside its target.
 */
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { initTf } from '../precompute/tf-node';
import { benchVaeSteps } from '../src/islands/labs/bench-vae';
import { GRADIENT_BENCH, benchNutsGradients } from '../src/islands/labs/bench-nuts';
import { intOption, parseOptions, UsageError } from './sampling-cli';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from './chromium.mjs';
import { startStaticServer } from './static-server.mjs';
import type { Page } from '@playwright/test';

const DIST = path.resolve(process.cwd(), 'dist');
const BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
const VAE_EPOCHS = 3; // 75 steps of batch 32
/** A lab run that has not finished by then is reported as such, not waited for. */
const RUN_LIMIT_MS = 300_000;

interface Row {
  readonly where: string;
  readonly backend: string;
  readonly vae: string;
  /** the lab's own backend trial (its fastest step), Chromium only */
  readonly trial?: string;
  readonly nuts: string;
}

const fmt = (v: number) => (v >= 100 ? v.toFixed(0) : v.toFixed(1));
const perStep = (stepsPerSecond: number) => `${fmt(stepsPerSecond)} (${(1000 / stepsPerSecond).toFixed(2)} ms/step)`;
/** the lab's own trial, ms per step by backend, read from its "why this backend" */
const trialMs = new Map<string, number>();

interface LabRun {
  readonly name: string;
  /** ms from the click to each phase the lab entered (data-lab-phase), in order */
  readonly phases: readonly (readonly [string, number])[];
  /** the first trace plot in the page (warm-up iterations) */
  readonly firstTraceMs: number | null;
  /** the first trace plot with a retained draw in it */
  readonly firstDrawMs: number | null;
  readonly endPhase: string;
  readonly status: string;
  readonly backend?: string;
}

/**
 * Sets the lab's controls, presses its button and times in the page, from the click, every
 * phase the lab enters and the first trace drawn, until the run ends (or RUN_LIMIT_MS).
 */
async function runLab(page: Page, lab: 'sampler-lab' | 'vae-lab', name: string, select: Record<string, string>, fields: Record<string, number>): Promise<LabRun> {
  const root = page.getByTestId(lab);
  for (const [k, v] of Object.entries(select)) await root.locator(`[name="${k}"]`).selectOption(v);
  for (const [k, v] of Object.entries(fields)) await root.locator(`[name="${k}"]`).fill(String(v));
  const button = root.getByTestId(lab === 'sampler-lab' ? 'sampler-run' : 'vae-train');
  const deadline = Date.now() + 60_000;
  while (!(await button.isEnabled())) {
    if (Date.now() > deadline) throw new Error(`${name}: the lab's button stayed disabled (status: ${await root.locator('[data-status]').textContent()})`);
    await page.waitForTimeout(100);
  }
  const r = await page.evaluate(
    ([labId, limit]) =>
      new Promise<Omit<LabRun, 'name'>>((resolve) => {
        const el = document.querySelector(`[data-testid="${labId}"]`) as HTMLElement;
        const traces = el.querySelector('[data-traces]');
        const phases: [string, number][] = [];
        let firstTraceMs: number | null = null;
        let firstDrawMs: number | null = null;
        const t0 = performance.now();
        const since = () => performance.now() - t0;
        const traceObserver = new MutationObserver(() => {
          if (firstTraceMs === null && traces?.querySelector('svg')) firstTraceMs = since();
          if (firstDrawMs === null && Number((traces as HTMLElement | null)?.dataset.drawsShown) > 0) firstDrawMs = since();
        });
        if (traces) traceObserver.observe(traces, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-draws-shown'] });
        const finish = (endPhase: string) => {
          traceObserver.disconnect();
          phaseObserver.disconnect();
          clearTimeout(timer);
          resolve({ phases, firstTraceMs, firstDrawMs, endPhase, status: el.querySelector('[data-status]')?.textContent ?? '' });
        };
        const phaseObserver = new MutationObserver(() => {
          const ph = el.dataset.labPhase ?? '';
          if (phases.length === 0 || phases[phases.length - 1][0] !== ph) phases.push([ph, since()]);
          if (ph === 'done' || ph === 'error' || ph === 'cancelled') finish(ph);
        });
        phaseObserver.observe(el, { attributes: true, attributeFilter: ['data-lab-phase'] });
        const timer = setTimeout(() => finish('unfinished'), limit);
        (el.querySelector(labId === 'sampler-lab' ? '[data-testid="sampler-run"]' : '[data-testid="vae-train"]') as HTMLButtonElement).click();
      }),
    [lab, RUN_LIMIT_MS] as const,
  );
  const backend = lab === 'vae-lab' ? ((await root.getByTestId('vae-backend').textContent()) ?? '') : undefined;
  return { name, ...r, backend };
}

/** Printed after the throughput table. */
const budgetLines: string[] = [];

const at = (run: LabRun, phase: string) => run.phases.find((p) => p[0] === phase)?.[1];

/** The median of the defined values (the mean of the middle two for an even count), or undefined. */
function medianOf(values: readonly (number | undefined)[]): number | undefined {
  const v = values.filter((x): x is number => x !== undefined).sort((a, b) => a - b);
  if (v.length === 0) return undefined;
  const m = v.length >> 1;
  return v.length % 2 === 1 ? v[m] : (v[m - 1] + v[m]) / 2;
}

/**
 * Each budget is run `repeats` times, the configurations interleaved (one run of each, then the
 * next round), and judged on the median: single runs of the same chains vary by ±0.6 s here.
 */
async function budgets(page: Page, cores: number, repeats: number): Promise<void> {
  const mvn = (missing: number) => ({ lab: 'sampler-lab' as const, select: { model: 'mvn' }, fields: { rows: 500, missing, chains: 4, draws: 1000 } });
  // Chains run in min(chains, navigator.hardwareConcurrency) workers at once.
  const configs = [
    { name: 'mvn, 500 rows, 10% missing (the lab default), 4 × 1 000', ...mvn(10) },
    { name: 'mvn, 500 rows, complete, 4 × 1 000', ...mvn(0) },
    { name: 'identified SEM, 263 rows, 4 × 1 000', lab: 'sampler-lab' as const, select: { model: 'sem-identified' }, fields: { rows: 263, missing: 0, chains: 4, draws: 1000 } },
    { name: 'plain VAE, 1 000 rows, to early stopping (epoch cap 300)', lab: 'vae-lab' as const, select: { arch: 'plain' }, fields: { rows: 1000, missing: 0, epochs: 300 } },
  ];
  const runs: LabRun[][] = configs.map(() => []);
  for (let r = 0; r < repeats; r++) for (const [i, c] of configs.entries()) runs[i].push(await runLab(page, c.lab, c.name, c.select, c.fields));
  const s = (ms: number | undefined) => (ms === undefined ? 'n/a' : `${(ms / 1000).toFixed(2)} s`);
  const each = (rs: readonly LabRun[], ms: (r: LabRun) => number | undefined) => (rs.length > 1 ? `runs ${rs.map((r) => s(ms(r)).replace(' s', '')).join(', ')} s; ` : '');
  const line = (what: string, ms: number | undefined, targetS: number, note: string) =>
    budgetLines.push(`  ${what.padEnd(62)} ${s(ms).padStart(9)}   target ≤ ${targetS} s — ${ms === undefined ? 'not measured' : ms <= targetS * 1000 ? 'met' : 'NOT met'}${note ? `   (${note})` : ''}`);
  budgetLines.push(
    `\nBudgets (headless Chromium, navigator.hardwareConcurrency = ${cores}; timed in the page from the click; ${repeats === 1 ? 'one run each' : `median of ${repeats} runs each`}; 1-minute load ${loadavg()[0].toFixed(1)} on ${cpus().length} cores after the runs):`,
  );
  const [missing, complete, sem, vae] = runs;
  const ended = (rs: readonly LabRun[]) => rs.filter((r) => r.endPhase !== 'done').map((r) => `a run ended ${r.endPhase}: ${r.status}`).join('; ');
  const done = (r: LabRun) => at(r, 'done');
  const chainsDone = (r: LabRun) => at(r, 'summarising');
  for (const rs of [missing, complete, sem]) {
    line(rs[0].name, medianOf(rs.map(done)), rs === sem ? 15 : 5, ended(rs) || `${each(rs, done)}chains done at ${s(medianOf(rs.map(chainsDone)))}`);
  }
  line(
    `first trace drawn after Sample (mvn, 10% missing, 1 000 warm-up)`,
    medianOf(missing.map((r) => r.firstTraceMs ?? undefined)),
    1,
    `first trace: the chains' first warm-up iterations, streamed from the start (the first after 10 iterations, then every 100); first retained draws drawn at ${s(medianOf(missing.map((r) => r.firstDrawMs ?? undefined)))}`,
  );
  const v = vae[0];
  line(`${v.name} on ${v.backend}`, medianOf(vae.map((r) => at(r, 'auditing') ?? done(r))), 10, ended(vae) || `${each(vae, (r) => at(r, 'auditing') ?? done(r))}${v.status.replace(/\.$/, '')}; to the end of the audit ${s(medianOf(vae.map(done)))}`);
}

async function browser(url: string, withBudgets: boolean, repeats: number): Promise<Row[]> {
  const b = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_FLAGS,
  });
  try {
    // No service worker: its precache would compete with the timed code.
    const page = await (await b.newContext({ serviceWorkers: 'block' })).newPage();
    page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
    // tsx compiles this file with esbuild's keepNames, which wraps the named functions inside the
    // page.evaluate callbacks in __name(…): a helper that exists here but not in the page.
    await page.addInitScript({ content: 'window.__name = (f) => f;' });
    await page.goto(url);
    for (const lab of ['vae-lab', 'sampler-lab']) {
      // Sections above draw as they pass and change height, pushing the lab away again: keep
      // scrolling (as a reader would) until it has mounted.
      const el = page.getByTestId(lab);
      const deadline = Date.now() + 180_000;
      while ((await el.getAttribute('data-lab-state')) !== 'mounted') {
        if (Date.now() > deadline) throw new Error(`bench:browser: the ${lab} did not mount within 180 s (status: ${await el.locator('[data-status]').textContent()})`);
        await el.scrollIntoViewIfNeeded();
        await page.waitForTimeout(500);
      }
    }
    await page.waitForFunction(() => document.querySelector('[data-testid="vae-backend"]')?.textContent !== 'choosing…', null, { timeout: 60_000 });
    const chosen = await page.getByTestId('vae-backend').textContent();
    // the lab's own choice: its trial's ms/step per backend (src/lib/vae/backend-choice.ts), and what it cost
    const why = await page.getByTestId('vae-lab').locator('[data-backend-skipped] li').allTextContents();
    console.log(`the lab itself chose: ${chosen}. Why (the lab's trial):\n${why.map((l) => `  ${l}`).join('\n')}`);
    for (const l of why) {
      const m = /^(\w+): ([\d.]+) ms\/step/.exec(l);
      if (m) trialMs.set(m[1], Number(m[2]));
    }
    type VaeBench = { ok: boolean; stepsPerSecond: number; reason?: string };
    type Bench = { __labBench: { vae(b: string, e: number): Promise<VaeBench>; nuts(i: number): Promise<{ evaluationsPerSecond: number }> } };
    // Chromium and Node in turn, NUTS_ROUNDS times, medians: on a shared machine the load moves
    // between measurements, and alternating gives both sides the same conditions.
    const cr: number[] = [];
    const nd: number[] = [];
    for (let r = 0; r < NUTS_ROUNDS; r++) {
      cr.push((await page.evaluate((n) => (window as unknown as Bench).__labBench.nuts(n), GRADIENT_BENCH.evaluations)).evaluationsPerSecond);
      nd.push(benchNutsGradients().evaluationsPerSecond);
    }
    const nuts = { evaluationsPerSecond: median(cr) };
    nodeNuts = median(nd);
    nutsRounds = { chromium: cr, node: nd };
    const rows: Row[] = [];
    for (const backend of BACKENDS) {
      const r = await page.evaluate(([bk, e]) => (window as unknown as Bench).__labBench.vae(bk as string, e as number), [backend, VAE_EPOCHS] as const);
      const trial = trialMs.get(backend);
      rows.push({ where: 'Chromium', backend, vae: r.ok ? perStep(r.stepsPerSecond) : `unavailable (${r.reason})`, trial: trial === undefined ? 'not timed' : `${trial} ms/step`, nuts: backend === chosen ? fmt(nuts.evaluationsPerSecond) : '' });
    }
    if (!rows.some((r) => r.nuts)) rows.push({ where: 'Chromium', backend: '(chain worker)', vae: '', nuts: fmt(nuts.evaluationsPerSecond) });
    chromiumNuts = nuts.evaluationsPerSecond;
    if (withBudgets) await budgets(page, await page.evaluate(() => navigator.hardwareConcurrency), repeats);
    return rows;
  } finally {
    await b.close();
  }
}

let chromiumNuts = NaN;
/** alternating rounds of the NUTS gradient benchmark, Chromium then Node */
const NUTS_ROUNDS = 3;
let nutsRounds: { chromium: number[]; node: number[] } = { chromium: [], node: [] };
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function node(): Promise<Row[]> {
  // nodeNuts was measured beside Chromium's (browser())
  const nuts = { evaluationsPerSecond: nodeNuts };
  const rows: Row[] = [];
  for (const backend of ['wasm', 'cpu'] as const) {
    await initTf(backend);
    const r = await benchVaeSteps(VAE_EPOCHS);
    rows.push({ where: `Node ${process.versions.node}`, backend, vae: perStep(r.stepsPerSecond), nuts: backend === 'wasm' ? fmt(nuts.evaluationsPerSecond) : '' });
  }
  return rows;
}

let nodeNuts = NaN;

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2), { 'skip-budgets': 'boolean', runs: 'string' });
  const repeats = intOption(options, 'runs', 3, 1);
  if (!existsSync(path.join(DIST, 'index.html'))) {
    console.error('bench:browser: dist/ is missing or has no index.html. Build the site first: npx astro build');
    process.exit(1);
  }
  // the project's one static server, as the browser tests and Lighthouse use it (port 0: any free port)
  const server = await startStaticServer(0, DIST);
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  console.log(`serving dist/ at ${url}`);
  let rows: Row[];
  try {
    rows = await browser(url, options['skip-budgets'] !== true, repeats);
  } finally {
    server.close();
  }
  rows.push(...(await node()));
  console.log(`\nVAE: plain VAE training steps per second (batch 32, ${VAE_EPOCHS} epochs of 25 steps after one warm-up epoch)`);
  console.log(
    `NUTS: log-density gradient evaluations per second (complete-data MVN, bench:nuts's 500 rows, ${GRADIENT_BENCH.evaluations} timed after ${GRADIENT_BENCH.warmup} untimed; bench:nuts's grad/s for mvn-500 is this measurement)\n`,
  );
  const head = ['where', 'tf backend', 'VAE steps/s', "lab's trial", 'NUTS grad evals/s'];
  const table = [head, ...rows.map((r) => [r.where, r.backend, r.vae, r.trial ?? '', r.nuts])];
  const widths = head.map((_, i) => Math.max(...table.map((t) => t[i].length)));
  for (const t of table) console.log(t.map((c, i) => c.padEnd(widths[i])).join('  '));
  console.log("\nThe lab's trial: its fastest of a few steps (batch 32, after one warm-up step) on each backend it may use; a software-rendered WebGL is not one.");
  console.log('NUTS does not use tf: its figure is per JavaScript engine (browser worker vs Node), shown once per side.');
  console.log(
    `NUTS gradient evaluations, Chromium worker / Node: ${(chromiumNuts / nodeNuts).toFixed(2)}× (medians of ${NUTS_ROUNDS} alternating rounds, ${fmt(chromiumNuts)} vs ${fmt(nodeNuts)} per second; ` +
      `rounds: Chromium ${nutsRounds.chromium.map(fmt).join(', ')}; Node ${nutsRounds.node.map(fmt).join(', ')}; load ${loadavg()[0].toFixed(1)} on ${cpus().length} cores)`,
  );
  for (const l of budgetLines) console.log(l);
}

main().catch((err) => {
  if (err instanceof UsageError) {
    console.error(`bench:browser: ${err.message}\nUsage: npm run bench:browser [-- --skip-budgets] [-- --runs N]`);
    process.exit(2);
  }
  console.error(err);
  process.exit(1);
});
