/**
 * The page and both labs run under the site's Content-Security-Policy with nothing refused:
 * the policy arrives as a header from the static server and as a <meta> tag in the page, and
 * neither the page, the labs' workers nor WebAssembly trip it. Violations are caught both as
 * securitypolicyviolation events in the page and as the console errors the browser prints for
 * them (which is how a worker's own violations surface).
 */
import { expect, test, type Page } from '@playwright/test';
import { CSP, CSP_HEADER } from '../../src/site/csp.mjs';
import { openLab, watchPage } from './helpers';

async function recordViolations(page: Page): Promise<() => Promise<string[]>> {
  const consoleViolations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) consoleViolations.push(m.text());
  });
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} blocked ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`));
  });
  return async () => [...consoleViolations, ...(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp))];
}

test.describe('the content security policy', () => {
  test('is sent as a header and as a meta tag', async ({ page }) => {
    const response = await page.goto('/');
    expect(response?.headers()['content-security-policy']).toBe(CSP_HEADER);
    expect(await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')).toBe(CSP);
  });

  test('the whole page, scrolled through, reports no violation', async ({ page }) => {
    const violations = await recordViolations(page);
    const watch = watchPage(page);
    await page.goto('/', { waitUntil: 'networkidle' });
    // every section drawn, every island woken
    await page.evaluate(async () => {
      for (let y = 0; y < document.body.scrollHeight; y += window.innerHeight) {
        window.scrollTo(0, y);
        await new Promise((r) => requestAnimationFrame(() => r(null)));
      }
    });
    await page.waitForLoadState('networkidle');
    await page.getByTestId('svd-rank').fill('5');
    await expect(page.locator('[data-rank-slider] [data-status]')).toContainText('Rank 5');
    expect(await violations()).toEqual([]);
    expect(watch.errors).toEqual([]);
  });

  test('the VAE lab trains on WebAssembly in its worker with no violation', async ({ page }) => {
    const violations = await recordViolations(page);
    const watch = watchPage(page);
    await page.goto('/');
    const lab = await openLab(page, 'vae-lab');
    await expect(page.getByTestId('vae-backend')).toHaveText('wasm', { timeout: 60_000 });
    await page.getByTestId('vae-arch').selectOption('plain');
    await page.getByTestId('vae-rows').fill('200');
    await page.getByTestId('vae-missing').fill('0');
    await page.getByTestId('vae-epochs').fill('2');
    await page.getByTestId('vae-train').click();
    await expect(lab).toHaveAttribute('data-lab-phase', 'done', { timeout: 90_000 });
    expect(await violations()).toEqual([]);
    expect(watch.errors).toEqual([]);
  });

  test('the sampler lab runs chains in workers with no violation', async ({ page }) => {
    const violations = await recordViolations(page);
    const watch = watchPage(page);
    await page.goto('/');
    const lab = await openLab(page, 'sampler-lab');
    await page.getByTestId('sampler-rows').fill('60');
    await page.getByTestId('sampler-chains').fill('2');
    await page.getByTestId('sampler-draws').fill('40');
    await page.getByTestId('sampler-run').click();
    await expect(lab).toHaveAttribute('data-lab-phase', 'done', { timeout: 90_000 });
    expect(await violations()).toEqual([]);
    expect(watch.errors).toEqual([]);
  });

  test('a violation would be caught: an inline script is refused and reported', async ({ page }) => {
    const violations = await recordViolations(page);
    await page.goto('/');
    await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__ran = true';
      document.body.append(s);
    });
    expect(await page.evaluate(() => (window as unknown as { __ran?: boolean }).__ran)).toBeUndefined();
    await expect.poll(async () => (await violations()).length).toBeGreaterThan(0);
  });
});
