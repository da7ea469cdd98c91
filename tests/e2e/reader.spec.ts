/**
 * What a reader of the essay gets beyond the text: previews of citations and of figure, table
 * and equation references where they read; side notes that open inline on a phone; a permalink
 * and a data file behind every figure and table; how to cite and reuse the essay; and its
 * updates and corrections.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { figures, tables } from '../../content/numbering';
import { essay } from '../../content/meta';
import { references } from '../../src/data/bibliography';
import { loadManifest } from '../../src/data/manifest';
import { watchPage } from './helpers';

const card = (page: Page) => page.locator('#preview-card');

/** Scroll a link to the middle of the window (drawing the sections above it first). */
async function reach(page: Page, selector: string) {
  const link = page.locator(selector).first();
  await expect(async () => {
    await link.evaluate((a) => a.scrollIntoView({ block: 'center' }));
    await expect(link).toBeInViewport({ timeout: 500 });
  }).toPass();
  return link;
}

test.describe('previews where you read', () => {
  test('a citation shows its full reference on hover and on focus; Escape closes it; focus moves on freely', async ({ page }) => {
    const watch = watchPage(page);
    await page.goto('/');
    const link = await reach(page, 'main .cite a[href^="#ref-"]');
    const key = (await link.getAttribute('href'))!.slice('#ref-'.length);
    const ref = references().get(key)!;
    const before = await link.boundingBox();

    await link.hover();
    await expect(card(page)).toBeVisible();
    await expect(card(page)).toHaveAttribute('role', 'tooltip');
    await expect(card(page)).toContainText(ref.year);
    expect((await card(page).textContent())!.toLowerCase()).toContain(ref.title.slice(0, 25).toLowerCase());
    // the card is what the page's reference list says, in full
    expect((await card(page).textContent())!.replace(/\s+/g, ' ').trim()).toBe((await page.locator(`#ref-${key}`).textContent())!.replace(/\s+/g, ' ').trim());
    // the card is the link's description, and opening it moved nothing
    await expect(link).toHaveAttribute('aria-describedby', 'preview-card');
    expect(await link.boundingBox()).toEqual(before);

    await page.keyboard.press('Escape');
    await expect(card(page)).toBeHidden();
    await expect(link).not.toHaveAttribute('aria-describedby', /./);

    // from the keyboard
    await page.mouse.move(0, 0);
    await link.focus();
    await expect(card(page)).toBeVisible();
    await expect(card(page)).toContainText(ref.year);
    await page.keyboard.press('Escape');
    await expect(card(page)).toBeHidden();
    await expect(link).toBeFocused(); // Escape closed the card, focus stayed put
    await page.keyboard.press('Tab');
    await expect(link).not.toBeFocused(); // never trapped
    expect(watch.errors).toEqual([]);
  });

  test('a figure reference previews the figure, a table reference the table, an equation reference the formula', async ({ page }) => {
    await page.goto('/');
    const fig = await reach(page, 'main a.xref[href^="#fig-"]');
    const figId = (await fig.getAttribute('href'))!.slice(1);
    const n = await page.locator(`#${figId}`).getAttribute('data-number');
    await fig.hover();
    await expect(card(page)).toBeVisible();
    await expect(card(page).locator('svg').first()).toBeVisible();
    await expect(card(page)).toContainText(`Figure ${n}.`);
    const box = await card(page).boundingBox();
    expect(box!.height).toBeGreaterThan(80);
    await page.keyboard.press('Escape');

    const eq = await reach(page, 'main a.xref[href^="#eq-"]');
    await eq.hover();
    await expect(card(page).locator('.katex').first()).toBeVisible();
    await page.keyboard.press('Escape');

    const tab = await reach(page, 'main a.xref[href^="#tab-"]');
    await tab.hover();
    await expect(card(page).locator('table')).toBeVisible();
    await page.keyboard.press('Escape');
    // nothing copied into the card duplicates an id on the page
    await fig.hover();
    await expect(card(page)).toBeVisible();
    expect(await card(page).locator('[id]').count()).toBe(0);
  });

  test('on a touch screen the first tap previews and the card’s link jumps', async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
    const page = await context.newPage();
    await page.goto('/');
    const link = await reach(page, 'main a.xref[href^="#fig-"]');
    const href = (await link.getAttribute('href'))!;
    const y = await page.evaluate(() => window.scrollY);
    await link.tap();
    await expect(card(page)).toBeVisible();
    expect(page.url()).not.toContain(href); // no jump yet
    expect(Math.abs((await page.evaluate(() => window.scrollY)) - y)).toBeLessThan(2);
    const box = await card(page).boundingBox();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    await card(page).locator('a.preview-go').tap();
    await expect(page).toHaveURL(new RegExp(`${href}$`));
    await expect(card(page)).toBeHidden();
    await context.close();
  });

  for (const scheme of ['light', 'dark'] as const) {
    test(`axe stays clean with a preview open (${scheme})`, async ({ browser }) => {
      const context = await browser.newContext({ colorScheme: scheme });
      const page = await context.newPage();
      await page.goto('/');
      const link = await reach(page, 'main .cite a[href^="#ref-"]');
      await link.focus();
      await expect(card(page)).toBeVisible();
      const results = await new AxeBuilder({ page }).include('#preview-card').include('main .cite').withTags(['wcag2a', 'wcag2aa']).analyze();
      expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((x) => x.target.join(' ')).join('; ')}`)).toEqual([]);
      await context.close();
    });
  }

  test('on a phone a side note opens inline on tap, and from the keyboard', async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
    const page = await context.newPage();
    await page.goto('/');
    const toggle = await reach(page, 'main label.sidenote-toggle');
    const id = (await toggle.getAttribute('for'))!;
    const note = page.locator(`#${id} + .sidenote`);
    await expect(note).toBeHidden();
    await toggle.tap();
    await expect(note).toBeVisible();
    const box = (await note.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390); // inline, inside the column
    await toggle.tap();
    await expect(note).toBeHidden();
    // keyboard: the toggle is a real, focusable checkbox
    await page.locator(`#${id}`).focus();
    await page.keyboard.press('Space');
    await expect(note).toBeVisible();
    await context.close();
  });
});

test.describe('the data behind every figure and table', () => {
  test('each has a permalink on its number and a data link that returns its data, with experiment and config hash', async ({ page, request }) => {
    await page.goto('/');
    const manifest = loadManifest();
    const items = [...figures.map((id) => ({ kind: 'figure', anchor: `fig-${id}` })), ...tables.map((id) => ({ kind: 'table', anchor: `tab-${id}` }))];
    for (const item of items) {
      const host = page.locator(`#${item.anchor}`);
      await expect(host.locator(`a.figure-label[href="#${item.anchor}"]`)).toHaveCount(1);
      const data = host.locator('.data-link a').first();
      const href = (await data.getAttribute('href'))!;
      expect(href).toBe(`/data/${item.anchor}.${item.kind === 'figure' ? 'json' : 'csv'}`);
      const response = await request.get(href);
      expect(response.status(), href).toBe(200);
      const body = await response.text();
      expect(body.length, href).toBeGreaterThan(20);
      if (item.kind === 'figure') {
        expect(response.headers()['content-type']).toContain('application/json');
        const json = JSON.parse(body);
        expect(json.data).toBeTruthy();
        for (const e of json.experiments) {
          expect(e.configHash).toBe(manifest.experiments[e.id].configHash);
          // the caption names it too (or, past three, points to the index that does)
          const text = await host.locator('.data-link').textContent();
          if (json.experiments.length <= 3) expect(text).toContain(`${e.id} #${e.configHash.slice(0, 8)}`);
        }
      } else {
        expect(response.headers()['content-type']).toContain('text/csv');
        const lines = body.trim().split(/\r\n/);
        expect(lines.length, href).toBeGreaterThanOrEqual(2);
        const width = lines[0].split(',').length;
        expect(width).toBeGreaterThan(1);
      }
    }
    const index = await (await request.get('/data/index.json')).json();
    expect(index.length).toBe(items.length);
  });

  test('a numbered table’s CSV holds the numbers the page shows', async ({ page, request }) => {
    await page.goto('/');
    const shown = await page.locator('#tab-sample-rows tbody tr').first().locator('td').allTextContents();
    const csv = await (await request.get('/data/tab-sample-rows.csv')).text();
    const first = csv.split('\r\n')[1].split(',').slice(1);
    expect(first).toEqual(shown.map((s) => s.replace('−', '-').trim()));
  });
});

test.describe('citing, reusing and correcting the essay', () => {
  test('carries the citation meta tags scholarly indexers read', async ({ page }) => {
    await page.goto('/');
    const meta = (name: string) => page.locator(`meta[name="${name}"]`);
    await expect(meta('citation_title')).toHaveAttribute('content', essay.title);
    await expect(meta('citation_author')).toHaveCount(essay.authors.length);
    await expect(meta('citation_publication_date')).toHaveAttribute('content', essay.published.replace(/-/g, '/'));
    await expect(meta('citation_fulltext_html_url')).toHaveAttribute('content', /^https?:\/\//);
    expect(await meta('citation_reference').count()).toBe(references().size);
  });

  test('offers BibTeX and a plain-text citation, a licence for text and code, and its updates', async ({ page }) => {
    await page.goto('/');
    const bib = page.locator('[data-cite-bibtex]');
    await expect(bib).toContainText(/^@online\{/);
    await expect(bib).toContainText(essay.title);
    await expect(page.locator('[data-cite-plain]')).toContainText(`${essay.title}: ${essay.subtitle}`);
    const licences = page.locator('[data-licence] a[rel="license"]');
    await expect(licences).toHaveCount(2);
    await expect(page.locator('[data-licence]')).toContainText('CC BY 4.0');
    await expect(page.locator('[data-licence]')).toContainText('MIT');
    const updates = page.locator('[data-updates] > li');
    expect(await updates.count()).toBeGreaterThanOrEqual(1);
    await expect(updates.first().locator('time')).toHaveAttribute('datetime', /^\d{4}-\d{2}-\d{2}$/);
  });
});
