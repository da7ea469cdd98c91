/**
 * npm run pdf: prints the built essay (dist/) to a PDF with Debian's Chromium and the print
 * stylesheet, so the essay can be archived. Serves dist/ with the project's static server on a
 * free port; writes atomically.
 * Usage: npm run pdf -- [--out essay.pdf] [--site dist]
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { writeFileAtomic } from '../precompute/atomic';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from './chromium.mjs';
import { printEssay, readPdf } from './pdf-print';
import { parseOptions, UsageError } from './sampling-cli';
import { startStaticServer } from './static-server.mjs';

const USAGE = 'Usage: npm run pdf -- [--out essay.pdf] [--site dist]';
let v: ReturnType<typeof parseOptions>;
try {
  v = parseOptions(process.argv.slice(2), { out: 'string', site: 'string' });
} catch (err) {
  if (!(err instanceof UsageError)) throw err;
  console.error(`pdf: ${err.message}\n${USAGE}`);
  process.exit(2);
}
const site = typeof v.site === 'string' ? v.site : 'dist';
const out = path.resolve(typeof v.out === 'string' ? v.out : 'essay.pdf');
if (!existsSync(path.join(site, 'index.html'))) {
  console.error(`pdf: ${site}/index.html is missing. Build the site first: npx astro build`);
  process.exit(2);
}

const server = await startStaticServer(0, site);
const address = server.address();
const port = typeof address === 'object' && address ? address.port : 0;
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS });
const stop = () => {
  void browser.close();
  server.close();
};
process.once('SIGINT', () => {
  stop();
  process.exit(130);
});
try {
  const started = performance.now();
  const page = await browser.newPage();
  const pdf = await printEssay(page, `http://127.0.0.1:${port}/`);
  writeFileAtomic(out, pdf);
  const pages = await readPdf(pdf);
  const links = pages.reduce((n, p) => n + p.links.length, 0);
  console.log(`pdf: wrote ${path.relative(process.cwd(), out)}: ${pages.length} pages, ${(pdf.length / 1024).toFixed(0)} kB, ${links} links, in ${((performance.now() - started) / 1000).toFixed(1)} s`);
} finally {
  stop();
}
