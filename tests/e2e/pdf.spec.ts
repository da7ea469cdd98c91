import { expect, test } from '@playwright/test';
import { essay } from '../../content/meta';
import { printEssay, readPdf, type PdfPage } from '../../scripts/pdf-print';

/** Whitespace and soft hyphens differ between the page and the PDF's text runs; compare without them. */
const squash = (s: string) => s.replace(/[\s\u00ad]+/g, '');

test.describe('the essay as a PDF (npm run pdf)', () => {
  test('prints every section and figure as text and vectors, on A4, nothing cut at the margins, links kept', async ({ page }) => {
    test.setTimeout(240_000);
    const pages: PdfPage[] = await readPdf(await printEssay(page, '/'));

    // The essay prints to ~60 A4 pages; far fewer means content was lost (e.g. sections the screen
    // skips left undrawn), far more a layout gone wrong.
    expect(pages.length).toBeGreaterThan(35);
    expect(pages.length).toBeLessThan(120);
    for (const p of pages) {
      // A4 is 595.3 × 841.9 pt; Chromium rounds the media box to whole pixels (±1 pt)
      expect(Math.abs(p.width - 595.3)).toBeLessThan(1.5);
      expect(Math.abs(p.height - 841.9)).toBeLessThan(1.5);
    }

    const text = squash(pages.flatMap((p) => p.text.map((t) => t.str)).join(''));
    expect(text).toContain(squash(essay.title));
    const headings = await page.locator('main h2').allTextContents();
    expect(headings.length).toBeGreaterThan(10);
    const missing = headings.map((h) => h.replace(/#$/, '').trim()).filter((h) => !text.includes(squash(h)));
    expect(missing, 'section headings not found in the PDF text').toEqual([]);

    // Vector figures: each figure's longest SVG label is text in the PDF (a raster would have none).
    const labels = await page.locator('figure.figure').evaluateAll((figs) =>
      figs.flatMap((f) => {
        const ts = [...f.querySelectorAll('svg text')].map((t) => (t.textContent ?? '').trim()).filter((t) => t.length >= 3);
        return ts.length ? [ts.reduce((a, b) => (b.length > a.length ? b : a))] : [];
      }),
    );
    expect(labels.length).toBeGreaterThan(15);
    const rastered = labels.filter((l) => !text.includes(squash(l)));
    expect(rastered, 'figure labels not found as PDF text').toEqual([]);

    // Nothing runs past the paper's edge (1 pt of slack for rounding of glyph widths).
    const cut = pages.flatMap((p, i) => p.text.filter((t) => t.x < -1 || t.x + t.width > p.width + 1).map((t) => `page ${i + 1}: "${t.str}" at ${t.x.toFixed(0)}–${(t.x + t.width).toFixed(0)} pt`));
    expect(cut, 'text beyond the page edge').toEqual([]);

    // Links survive: references' addresses, and jumps within the essay (figures, citations).
    const links = pages.flatMap((p) => p.links);
    expect(links.filter((l) => l.url?.startsWith('http')).length).toBeGreaterThan(10);
    expect(links.filter((l) => l.internal).length).toBeGreaterThan(20);
  });
});
