// Lighthouse against the built site in Debian's Chromium: prints the four category scores and
// fails when performance or accessibility is below the bar (default 95).
// Usage: node scripts/lighthouse.mjs [url]   (default: serves dist/ itself on 127.0.0.1)
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync, mkdirSync } from 'node:fs';
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';

const MIN = Number(process.env.LIGHTHOUSE_MIN ?? 95);
const port = Number(process.env.LIGHTHOUSE_PORT ?? 4339);
let server;
let url = process.argv[2];
if (!url) {
  if (!existsSync('dist/index.html')) {
    console.error('lighthouse: dist/ is missing. Run: npx astro build');
    process.exit(2);
  }
  server = spawn('npx', ['astro', 'preview', '--host', '127.0.0.1', '--port', String(port)], { stdio: 'ignore', detached: true });
  url = `http://127.0.0.1:${port}/`;
  for (let i = 0; i < 60; i++) {
    try {
      if ((await fetch(url)).ok) break;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  chromeFlags: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
let code = 0;
try {
  const result = await lighthouse(url, {
    port: chrome.port,
    output: 'json',
    logLevel: 'error',
    onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo'],
  });
  const lhr = result.lhr;
  mkdirSync('.cache', { recursive: true });
  writeFileSync('.cache/lighthouse.json', JSON.stringify(lhr));
  const scores = Object.fromEntries(Object.entries(lhr.categories).map(([k, c]) => [k, Math.round((c.score ?? 0) * 100)]));
  console.log(`lighthouse ${url}: ${Object.entries(scores).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  for (const cat of ['performance', 'accessibility']) {
    if (scores[cat] < MIN) {
      code = 1;
      console.log(`  ${cat} ${scores[cat]} < ${MIN}. Failing audits:`);
      for (const ref of lhr.categories[cat].auditRefs) {
        const a = lhr.audits[ref.id];
        if (ref.weight > 0 && a.score !== null && a.score < 0.9) console.log(`   - ${a.id}: ${a.title} (${a.displayValue ?? a.score})`);
      }
    }
  }
  for (const id of ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift', 'total-byte-weight']) {
    const a = lhr.audits[id];
    if (a) console.log(`  ${a.title}: ${a.displayValue}`);
  }
} finally {
  await chrome.kill();
  if (server) process.kill(-server.pid);
}
process.exit(code);
