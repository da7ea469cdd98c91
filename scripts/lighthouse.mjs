// Lighthouse against the built site in Debian's Chromium, phone and desktop profiles: prints the
// four category scores of each. Accessibility is a gate (below 95 fails): it is the same on every
// run. Performance is a benchmark, printed beside its target (95) and never a gate: it times this
// machine's CPU, and on one commit on a 2-core host the phone score ranged 54-93 within an hour
// (2026-12-02), so as a gate it failed and passed at random.
// Usage: node scripts/lighthouse.mjs [--url URL]   (default: serves dist/ itself on 127.0.0.1)
import { existsSync, writeFileSync, mkdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import * as chromeLauncher from 'chrome-launcher';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from './chromium.mjs';
import { startStaticServer } from './static-server.mjs';

const MIN = Number(process.env.LIGHTHOUSE_MIN ?? 95);
// Both of Lighthouse's profiles gate: 'mobile' (its default: a mid-range phone on slow 4G with a
// 4× slower CPU, simulated) and 'desktop'. LIGHTHOUSE_FORM=mobile or =desktop runs just one.
const FORMS = process.env.LIGHTHOUSE_FORM ? [process.env.LIGHTHOUSE_FORM] : ['mobile', 'desktop'];
// The phone profile's performance score moves a few points run to run (its CPU timings are this
// machine's, scaled), so like Lighthouse CI it runs three times and keeps the median run.
const RUNS = { mobile: Number(process.env.LIGHTHOUSE_RUNS ?? 3), desktop: 1 };
const port = Number(process.env.LIGHTHOUSE_PORT ?? 4339);
let server;
let url;
try {
  url = parseArgs({ options: { url: { type: 'string' } } }).values.url;
} catch (err) {
  console.error(`lighthouse: ${err.message}\nUsage: node scripts/lighthouse.mjs [--url URL]`);
  process.exit(2);
}
if (!url) {
  if (!existsSync(`${process.env.SITE_DIR ?? 'dist'}/index.html`)) {
    console.error('lighthouse: dist/ is missing. Run: npx astro build');
    process.exit(2);
  }
  // served compressed, as a real static host would serve it
  server = await startStaticServer(port, process.env.SITE_DIR ?? 'dist');
  url = `http://127.0.0.1:${port}/`;
}

const chrome = await chromeLauncher.launch({
  chromePath: CHROMIUM_PATH,
  chromeFlags: CHROMIUM_FLAGS,
});
let code = 0;
try {
  mkdirSync('.cache', { recursive: true });
  for (const form of FORMS) {
    const runs = [];
    for (let i = 0; i < (RUNS[form] ?? 1); i++) {
      const result = await lighthouse(url, {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo'],
      }, form === 'desktop' ? desktopConfig : undefined);
      runs.push(result.lhr);
    }
    runs.sort((a, b) => (a.categories.performance.score ?? 0) - (b.categories.performance.score ?? 0));
    const lhr = runs[Math.floor(runs.length / 2)];
    if (runs.length > 1) console.log(`lighthouse (${form}) performance over ${runs.length} runs: ${runs.map((r) => Math.round((r.categories.performance.score ?? 0) * 100)).join(', ')}; the median run follows`);
    writeFileSync(`.cache/lighthouse-${form}.json`, JSON.stringify(lhr));
    const scores = Object.fromEntries(Object.entries(lhr.categories).map(([k, c]) => [k, Math.round((c.score ?? 0) * 100)]));
    console.log(`lighthouse (${form}) ${url}: ${Object.entries(scores).map(([k, v]) => `${k} ${v}`).join(', ')}`);
    const perf = scores.performance;
    console.log(`  benchmark: ${form} performance ${perf}, target ≥ ${MIN}: ${perf >= MIN ? 'met' : 'NOT MET'} (benchmark index of this machine ${Math.round(lhr.environment.benchmarkIndex)})`);
    for (const cat of ['performance', 'accessibility']) {
      if (scores[cat] < MIN) {
        if (cat === 'accessibility') code = 1;
        console.log(`  ${cat} ${scores[cat]} < ${MIN}. Audits below 0.9:`);
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
  }
} finally {
  await chrome.kill();
  server?.close();
}
process.exit(code);
