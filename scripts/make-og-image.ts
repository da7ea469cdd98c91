/**
 * Draws the social-preview card (public/og-image.png, 1200 × 630) from the essay's title and
 * the sample correlation heatmap, by screenshotting a small HTML page in Debian's Chromium.
 * Run after changing the title: npx tsx scripts/make-og-image.ts
 */
import { chromium } from '@playwright/test';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from './chromium.mjs';
import { readFileSync } from 'node:fs';
import { essay } from '../content/meta';
import { renderPlot } from '../src/figures/render';
import { heatmapOptions } from '../src/figures/heatmap';

const sample = JSON.parse(readFileSync('public/results/sample-263.json', 'utf8')).result as { sampleCorrelation: number[][]; names: string[] };
const svg = renderPlot(heatmapOptions({ matrix: sample.sampleCorrelation, names: sample.names, limit: 1, digits: 1, size: 520 }));
const html = `<!doctype html><html><body style="margin:0;width:1200px;height:630px;display:flex;align-items:center;gap:40px;padding:0 56px;box-sizing:border-box;background:#fffdf8;color:#1d1d1f;font-family:Georgia,serif">
<div style="flex:1"><div style="font-size:62px;line-height:1.08;font-weight:600">${essay.title}</div>
<div style="font-size:28px;line-height:1.35;margin-top:24px;color:#555;font-style:italic">${essay.subtitle}</div></div>
<div style="width:520px">${svg}</div></body></html>`;

const browser = await chromium.launch({
  executablePath: CHROMIUM_PATH,
  args: CHROMIUM_FLAGS,
});
const page = await browser.newPage({ viewport: { width: 1200, height: 630 } });
await page.setContent(html);
await page.screenshot({ path: 'public/og-image.png' });
await browser.close();
console.log('wrote public/og-image.png');
