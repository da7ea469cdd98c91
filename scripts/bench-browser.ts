/**
 * npm run bench:browser
 *
 * Times the labs in the reader's browser against the same code in Node. Builds nothing: it
 * needs dist/ (npx astro build). It serves dist/ on 127.0.0.1, opens it in Debian's Chromium
 * (CHROMIUM_PATH to use another), scrolls the two labs into view so their code loads, and
 * through window.__labBench runs the fixed workloads of src/islands/labs/bench-{vae,nuts}.ts
 * inside the labs' workers: plain-VAE training steps per second on every tf backend the page
 * can start, and NUTS gradient evaluations per second. Then it runs the same two functions
 * in Node (tf on wasm and cpu, as the precompute uses them) and prints both side by side.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { initTf } from '../precompute/tf-node';
import { benchVaeSteps } from '../src/islands/labs/bench-vae';
import { benchNutsGradients } from '../src/islands/labs/bench-nuts';

const DIST = path.resolve(process.cwd(), 'dist');
const BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
const VAE_EPOCHS = 3; // 75 steps of batch 32
const NUTS_ITERATIONS = 150; // warmup and draws each

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm', // streaming compilation needs the right type
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

function serve(root: string): Promise<Server> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    let file = path.join(root, decodeURIComponent(url.pathname));
    if (!file.startsWith(root)) return void res.writeHead(403).end();
    if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!existsSync(file)) return void res.writeHead(404).end('not found');
    res.writeHead(200, { 'content-type': MIME[path.extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

interface Row {
  readonly where: string;
  readonly backend: string;
  readonly vae: string;
  readonly nuts: string;
}

const fmt = (v: number) => (v >= 100 ? v.toFixed(0) : v.toFixed(1));

async function browser(url: string): Promise<Row[]> {
  const b = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    // No service worker: its precache would compete with the timed code.
    const page = await (await b.newContext({ serviceWorkers: 'block' })).newPage();
    page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
    await page.goto(url);
    for (const lab of ['vae-lab', 'sampler-lab']) {
      await page.getByTestId(lab).scrollIntoViewIfNeeded();
      await page.getByTestId(lab).and(page.locator('[data-lab-state="mounted"]')).waitFor({ timeout: 60_000 });
    }
    await page.waitForFunction(() => document.querySelector('[data-testid="vae-backend"]')?.textContent !== 'choosing…', null, { timeout: 60_000 });
    const chosen = await page.getByTestId('vae-backend').textContent();
    console.log(`the lab itself chose: ${chosen}`);
    type VaeBench = { ok: boolean; stepsPerSecond: number; reason?: string };
    type Bench = { __labBench: { vae(b: string, e: number): Promise<VaeBench>; nuts(i: number): Promise<{ evaluationsPerSecond: number }> } };
    const nuts = await page.evaluate((n) => (window as unknown as Bench).__labBench.nuts(n), NUTS_ITERATIONS);
    const rows: Row[] = [];
    for (const backend of BACKENDS) {
      const r = await page.evaluate(([bk, e]) => (window as unknown as Bench).__labBench.vae(bk as string, e as number), [backend, VAE_EPOCHS] as const);
      rows.push({ where: 'Chromium', backend, vae: r.ok ? fmt(r.stepsPerSecond) : `unavailable (${r.reason})`, nuts: backend === chosen ? fmt(nuts.evaluationsPerSecond) : '' });
    }
    if (!rows.some((r) => r.nuts)) rows.push({ where: 'Chromium', backend: '(chain worker)', vae: '', nuts: fmt(nuts.evaluationsPerSecond) });
    return rows;
  } finally {
    await b.close();
  }
}

async function node(): Promise<Row[]> {
  const nuts = benchNutsGradients(NUTS_ITERATIONS);
  const rows: Row[] = [];
  for (const backend of ['wasm', 'cpu'] as const) {
    await initTf(backend);
    const r = await benchVaeSteps(VAE_EPOCHS);
    rows.push({ where: `Node ${process.versions.node}`, backend, vae: fmt(r.stepsPerSecond), nuts: backend === 'wasm' ? fmt(nuts.evaluationsPerSecond) : '' });
  }
  return rows;
}

async function main(): Promise<void> {
  if (!existsSync(path.join(DIST, 'index.html'))) {
    console.error('bench:browser: dist/ is missing or has no index.html. Build the site first: npx astro build');
    process.exit(1);
  }
  const server = await serve(DIST);
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  console.log(`serving dist/ at ${url}`);
  let rows: Row[];
  try {
    rows = await browser(url);
  } finally {
    server.close();
  }
  rows.push(...(await node()));
  console.log(`\nVAE: plain VAE training steps per second (batch 32, ${VAE_EPOCHS} epochs of 25 steps after one warm-up epoch)`);
  console.log(`NUTS: log-density gradient evaluations per second (MVN model, n = 500, ${NUTS_ITERATIONS} warmup + ${NUTS_ITERATIONS} draws, one chain)\n`);
  const head = ['where', 'tf backend', 'VAE steps/s', 'NUTS grad evals/s'];
  const table = [head, ...rows.map((r) => [r.where, r.backend, r.vae, r.nuts])];
  const widths = head.map((_, i) => Math.max(...table.map((t) => t[i].length)));
  for (const t of table) console.log(t.map((c, i) => c.padEnd(widths[i])).join('  '));
  console.log('\nNUTS does not use tf: its figure is per JavaScript engine (browser worker vs Node), shown once per side.');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
