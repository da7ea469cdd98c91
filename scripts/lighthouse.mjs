// Lighthouse against the built site in Debian's Chromium: prints the four category scores and
// fails when performance or accessibility is below the bar (default 95).
// Usage: node scripts/lighthouse.mjs [url]   (default: serves dist/ itself on 127.0.0.1)
import { existsSync, writeFileSync, mkdirSync } from 'node:fs';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import * as chromeLauncher from 'chrome-launcher';
import { startStaticServer } from './static-server.mjs';

const MIN = Number(process.env.LIGHTHOUSE_MIN ?? 95);
// The gate is Lighthouse's desktop profile: this is a long-form essay of twenty-odd inline
// figures, read mostly on wide screens. `LIGHTHOUSE_FORM=mobile` runs the throttled phone profile.
const FORM = process.env.LIGHTHOUSE_FORM ?? 'desktop';
const port = Number(process.env.LIGHTHOUSE_PORT ?? 4339);
let server;
let url = process.argv[2];
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
  }, FORM === 'desktop' ? desktopConfig : undefined);
  const lhr = result.lhr;
  mkdirSync('.cache', { recursive: true });
  writeFileSync('.cache/lighthouse.json', JSON.stringify(lhr));
  const scores = Object.fromEntries(Object.entries(lhr.categories).map(([k, c]) => [k, Math.round((c.score ?? 0) * 100)]));
  console.log(`lighthouse (${FORM}) ${url}: ${Object.entries(scores).map(([k, v]) => `${k} ${v}`).join(', ')}`);
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
  server?.close();
}
process.exit(code);
