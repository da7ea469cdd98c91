import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { watchPage } from './helpers';
import { countPage, WORD_LIMITS } from '../../src/site/word-count';

test.describe('site quality', () => {
  test('headings descend one level at a time, with a single h1', async ({ page }) => {
    await page.goto('/');
    const levels = await page.locator('main h1, main h2, main h3, main h4, header h1').evaluateAll((els) => els.map((e) => Number(e.tagName.slice(1))));
    expect(await page.locator('h1').count()).toBe(1);
    let previous = 1;
    const jumps: string[] = [];
    levels.slice(1).forEach((level, i) => {
      if (level > previous + 1) jumps.push(`heading ${i + 2}: h${previous} → h${level}`);
      previous = level;
    });
    expect(jumps).toEqual([]);
  });

  test('prose never puts a space before punctuation (components join the text cleanly)', async ({ page }) => {
    await page.goto('/');
    // rendered text of paragraphs, captions and list items, math left out (KaTeX spaces its own)
    const texts = await page.locator('main p, main figcaption, main li, .abstract p').evaluateAll((els) =>
      els.map((e) => {
        const copy = e.cloneNode(true) as HTMLElement;
        copy.querySelectorAll('.katex, .sidenote, code, pre').forEach((m) => m.replaceWith('X'));
        return copy.textContent ?? '';
      }),
    );
    const bad = texts.flatMap((t) => [...t.matchAll(/\S\s+[.,;:!?](?=\s|$)/g)].map((m) => `…${t.slice(Math.max(0, m.index! - 40), m.index! + 6)}…`));
    expect(bad).toEqual([]);
  });

  test('the essay stays under its word limit, and every caption under its own (npm run words lists them)', async ({ request }) => {
    // counted on the page as served, by the rules stated once in src/site/word-count.ts
    const count = countPage(await (await request.get('/')).text());
    expect(count.sections.length, 'the counter found the essay sections').toBeGreaterThan(8);
    expect(count.total, `words in the essay (by section: ${count.sections.map((s) => `${s.id} ${s.words}`).join(', ')})`).toBeLessThan(WORD_LIMITS.page);
    expect(count.captions.length, 'the counter found the captions').toBeGreaterThan(20);
    expect(count.captions.filter((c) => c.words > WORD_LIMITS.caption)).toEqual([]);
  });

  for (const scheme of ['light', 'dark'] as const) {
    test(`passes axe's WCAG 2 AA checks in the ${scheme} theme`, async ({ browser }) => {
      const context = await browser.newContext({ colorScheme: scheme });
      const page = await context.newPage();
      await page.goto('/');
      const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
      const report = results.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')}`);
      console.log(`axe (${scheme}): ${results.violations.length} violations, ${results.passes.length} rules passed`);
      expect(report).toEqual([]);
      await context.close();
    });
  }

  test('has social preview metadata, a favicon and a canonical link that resolve', async ({ page, request }) => {
    await page.goto('/');
    const meta = async (sel: string) => page.locator(sel).getAttribute('content');
    expect(await meta('meta[property="og:title"]')).toBeTruthy();
    expect((await meta('meta[property="og:description"]'))!.length).toBeGreaterThan(50);
    expect(await meta('meta[name="twitter:card"]')).toBe('summary_large_image');
    const ogImage = new URL((await meta('meta[property="og:image"]'))!);
    const image = await request.get(ogImage.pathname);
    expect(image.status()).toBe(200);
    expect(image.headers()['content-type']).toContain('image/png');
    const icon = await page.locator('link[rel="icon"]').getAttribute('href');
    expect((await request.get(icon!)).status()).toBe(200);
  });

  test('serves a 404 page that links back to the essay', async ({ page }) => {
    const response = await page.goto('/no-such-page');
    expect(response?.status()).toBe(404);
    await expect(page.locator('h1')).toHaveText('Page not found');
    await page.locator('main a').first().click();
    await expect(page.locator('h1')).toHaveText(/Heuristics/);
  });

  test('works offline once loaded', async ({ browser }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const watch = watchPage(page);
    await page.goto('/');
    await page.evaluate(async () => {
      const reg = await navigator.serviceWorker.ready;
      return reg.active?.state;
    });
    await context.setOffline(true);
    await page.reload();
    await expect(page.locator('h1')).toHaveText(/Heuristics/);
    await expect(page.locator('figure[data-figure] svg').first()).toBeVisible();
    // the page's styles (and so the math font's rule) came from the cache too
    const mathStyled = await page.locator('.katex math').first().evaluate((e) => getComputedStyle(e).fontFamily);
    expect(mathStyled).toContain('Latin Modern Math');
    expect(watch.foreign).toEqual([]);
    await context.close();
  });
});
