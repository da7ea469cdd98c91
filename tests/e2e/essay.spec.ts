import { expect, test } from '@playwright/test';
import { equations, figures, tables } from '../../content/numbering';
import { watchPage } from './helpers';
import { readFileSync } from 'node:fs';
import { mathChars } from '../../src/site/math-chars.mjs';

test.describe('the essay page', () => {
  test('loads with no console errors and no request to another host', async ({ page }) => {
    const watch = watchPage(page);
    await page.goto('/', { waitUntil: 'networkidle' });
    await expect(page.locator('h1')).toHaveText(/Heuristics, Priors and Latent Space/);
    // scroll through so lazy islands wake up, then settle
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.waitForLoadState('networkidle');
    expect(watch.errors).toEqual([]);
    expect(watch.foreign).toEqual([]);
    expect(watch.requests.length).toBeGreaterThan(0);
  });

  test('renders every equation as MathML, numbered in order, in the math font the site serves, which covers every formula', async ({ page }) => {
    await page.goto('/');
    await expect(page.locator('.katex-error')).toHaveCount(0);
    const found = await page.locator('[data-equation]').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.equation));
    expect(found).toEqual([...equations]);
    expect(await page.locator('.katex math').count()).toBeGreaterThan(found.length);
    const numbers = await page.locator('[data-equation] .equation-number').allTextContents();
    expect(numbers).toEqual(equations.map((_, i) => `(${i + 1})`));
    // the math font is served by the site itself and is the one formulas are set in
    const font = await page.evaluate(async () => {
      document.querySelectorAll('.part').forEach((p) => p.classList.add('part-drawn'));
      await document.fonts.ready;
      return {
        loaded: [...document.fonts].some((f) => f.family.includes('Latin Modern Math') && f.status === 'loaded'),
        family: getComputedStyle(document.querySelector('math')!).fontFamily,
      };
    });
    expect(font).toEqual({ loaded: true, family: expect.stringContaining('Latin Modern Math') });
    // the font is a subset: every character a formula draws must be in it
    const html = await (await page.request.get('/')).text();
    const covered = new Set(readFileSync('src/styles/fonts/latinmodern-math.chars.txt', 'utf8').trim());
    const missing = mathChars(html).filter((c) => !covered.has(c));
    expect(missing, `characters missing from the math font: run \`node scripts/math-font.mjs\` after a build, then build again`).toEqual([]);
  });

  test('shows every figure and table, in registry order, with caption and text alternative', async ({ page }) => {
    await page.goto('/');
    const figs = await page.locator('figure[data-figure]').evaluateAll((els) =>
      els.map((e) => ({
        id: (e as HTMLElement).dataset.figure,
        number: Number((e as HTMLElement).dataset.number),
        caption: e.querySelector('figcaption')?.textContent?.trim() ?? '',
        alt: e.querySelector('[role="img"]')?.getAttribute('aria-label') ?? '',
        svg: e.querySelectorAll('svg').length,
      })),
    );
    expect(figs.map((f) => f.id)).toEqual([...figures]);
    figs.forEach((f, i) => {
      expect(f.number).toBe(i + 1);
      expect(f.caption).toMatch(new RegExp(`^Figure ${i + 1}\\. .{20,}`));
      expect(f.alt.length).toBeGreaterThan(20);
      expect(f.svg).toBeGreaterThan(0);
    });
    const tabs = await page.locator('[data-table]').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.table));
    expect(tabs).toEqual([...tables]);
  });

  test('resolves every internal link and citation to an element on the page', async ({ page }) => {
    await page.goto('/');
    const broken = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLAnchorElement>('a[href^="#"]')].map((a) => a.getAttribute('href')!).filter((h) => h.length > 1 && !document.getElementById(decodeURIComponent(h.slice(1)))),
    );
    expect(broken).toEqual([]);
    expect(await page.locator('.references li').count()).toBeGreaterThanOrEqual(10);
  });

  test('the rank slider redraws the reconstruction and marks the error curve', async ({ page }) => {
    const watch = watchPage(page);
    await page.goto('/');
    const slider = page.getByTestId('svd-rank');
    await expect(slider).toBeVisible();
    const island = page.locator('[data-rank-slider]');
    const before = await island.locator('[data-images]').innerHTML();
    await slider.fill('7');
    await expect(island.locator('[data-status]')).toContainText('Rank 7');
    await expect(island.locator('[data-images]')).toContainText('rank 7');
    expect(await island.locator('[data-images]').innerHTML()).not.toBe(before);
    await expect(island.locator('[data-curve]')).toContainText('k = 7');
    expect(watch.requests.some((u) => u.endsWith('/results/svd-100.json'))).toBe(true);
    expect(watch.errors).toEqual([]);
  });

  test('reads completely with JavaScript disabled', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto('/');
    await expect(page.locator('figure[data-figure] svg').first()).toBeVisible();
    expect(await page.locator('figure[data-figure]').count()).toBe(figures.length);
    await expect(page.locator('.katex').first()).toBeVisible();
    // the slider's control needs JS and stays hidden; its static rank-2 state is there
    await expect(page.getByTestId('svd-rank')).toBeHidden();
    await expect(page.locator('[data-rank-slider] [data-status]')).toContainText('Rank 2');
    await context.close();
  });

  test('on a wide screen, wide figures and side notes hang in the margin unclipped', async ({ browser }) => {
    // sections skip rendering off screen (content-visibility), which clips at their edge:
    // their box must reach over the margin, or the right of these would vanish
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await page.goto('/');
    for (const selector of ['figure.wide', '.sidenote']) {
      // scroll, measure and hit-test in one go (sections drawn on the way may still move things;
      // the poll repeats until the page has settled)
      const painted = () =>
        page.evaluate((selector) => {
          const el = document.querySelector(selector);
          if (!el) return false;
          el.scrollIntoView({ block: 'center' });
          const r = el.getBoundingClientRect();
          const at = document.elementFromPoint(r.right - 6, r.top + Math.min(r.height / 2, 40));
          return at !== null && at.closest(selector) === el;
        }, selector);
      await expect.poll(painted, { message: `the right edge of the first ${selector} is painted` }).toBe(true);
    }
    await context.close();
  });

  test('the contents highlight the section being read as the reader scrolls', async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await page.goto('/');
    const current = page.locator('.toc a[aria-current="location"]');
    await expect(current).toHaveCount(1);
    const targets = await page.locator('.toc a[data-toc-link]').evaluateAll((as) => as.map((a) => (a as HTMLElement).dataset.tocLink!));
    for (const id of [targets[3], targets[Math.floor(targets.length / 2)], targets[targets.length - 2]]) {
      await page.locator(`.toc a[data-toc-link="${id}"]`).click();
      // the entry for the last heading above the reading line, a quarter down the window
      const expected = await page.evaluate((ids) => {
        const line = window.innerHeight * 0.25;
        return ids.filter((h) => document.getElementById(h)!.getBoundingClientRect().top < line).pop();
      }, targets);
      expect(expected).toBe(id); // the jump put the heading at the top
      await expect(current).toHaveAttribute('data-toc-link', id);
      // and the sticky contents column has scrolled itself to show it
      const inside = await current.evaluate((a) => {
        const nav = a.closest('.toc')!.getBoundingClientRect();
        const r = a.getBoundingClientRect();
        return r.top >= nav.top && r.bottom <= nav.bottom;
      });
      expect(inside, `contents entry ${id} is visible in the contents column`).toBe(true);
    }
    await context.close();
  });

  test('jumps land on their target: contents links, references, and addresses with a fragment, with and without JavaScript', async ({ browser }) => {
    // off-screen sections stand in at estimated heights until drawn; a jump must not be placed
    // by those estimates. "Lands" = the target's top is where scroll-margin puts it (±2 px).
    const landed = (page: import('@playwright/test').Page, id: string) =>
      page.evaluate((id) => {
        const el = document.getElementById(id)!;
        const margin = parseFloat(getComputedStyle(el).scrollMarginTop) || 0;
        return Math.abs(el.getBoundingClientRect().top - margin) <= 2;
      }, id);
    for (const javaScriptEnabled of [true, false]) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, javaScriptEnabled });
      const page = await context.newPage();
      await page.goto('/');
      const ids = await page.locator('.toc a[data-toc-link]').evaluateAll((as) => as.map((a) => (a as HTMLElement).dataset.tocLink!));
      const far = [ids[Math.floor(ids.length / 2)], ids[ids.length - 3], 'fig-summary-srmr'];
      for (const id of far) {
        const fresh = await context.newPage();
        await fresh.goto(`/#${id}`);
        await expect.poll(() => landed(fresh, id), { message: `open /#${id} (JS ${javaScriptEnabled ? 'on' : 'off'})` }).toBe(true);
        await fresh.close();
      }
      // from the top of the page, a contents link and a figure reference far below
      const link = page.locator(`.toc a[data-toc-link="${ids[ids.length - 2]}"]`);
      await link.click();
      await expect.poll(() => landed(page, ids[ids.length - 2]), { message: `contents link (JS ${javaScriptEnabled ? 'on' : 'off'})` }).toBe(true);
      await page.evaluate(() => window.scrollTo(0, 0));
      const ref = page.locator('main a[href="#fig-summary-srmr"]').first();
      await ref.click();
      await expect.poll(() => landed(page, 'fig-summary-srmr'), { message: `figure reference (JS ${javaScriptEnabled ? 'on' : 'off'})` }).toBe(true);
      await context.close();
    }
  });

  test('a source fold brings in its listing from the source page; without JavaScript it links there', async ({ browser }) => {
    for (const javaScriptEnabled of [true, false]) {
      const context = await browser.newContext({ javaScriptEnabled });
      const page = await context.newPage();
      await page.goto('/');
      const folds = page.locator('details.source[data-listing]');
      expect(await folds.count()).toBeGreaterThan(0);
      const fold = folds.first();
      const id = (await fold.getAttribute('data-listing'))!;
      await fold.locator('summary').click();
      if (javaScriptEnabled) {
        await expect(fold.locator('pre')).toContainText('export function');
      } else {
        const link = fold.locator('[data-listing-link] a');
        await expect(link).toBeVisible();
        await link.click();
        await expect(page).toHaveURL(new RegExp(`/source/#${id}$`));
        await expect(page.locator(`[id="${id}"] pre`)).toContainText('export function');
      }
      await context.close();
    }
  });

  test('the source page lists every folded listing once, with its code', async ({ page }) => {
    await page.goto('/');
    const ids = await page.locator('details.source[data-listing]').evaluateAll((ds) => ds.map((d) => (d as HTMLElement).dataset.listing!));
    await page.goto('/source/');
    const listed = await page.locator('section.listing').evaluateAll((ss) => ss.map((s) => s.id));
    expect(listed).toEqual(ids);
    for (const id of listed) await expect(page.locator(`[id="${id}"] pre`)).not.toBeEmpty();
  });
});
