/**
 * The live labs against the built site: lazy loading and the initial-load budget, a tiny VAE
 * run and a tiny sampler run to completion, Cancel, a second run, backend fallback, no
 * console errors. Runs are kept tiny so the file finishes in well under three minutes.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { openLab, watchPage } from './helpers';

/** HTML + CSS + JS before any lab is opened, in bytes on the wire (fonts excluded). */
const INITIAL_BUDGET = 300_000;
const HEAVY = /tfjs|worker|\.wasm|controller|charts/;

async function setField(page: Page, testId: string, value: string) {
  const input = page.getByTestId(testId);
  await input.fill(value);
}

test.describe('the live labs', () => {
  test('load nothing heavy with the page, and the initial load stays under budget', async ({ page }) => {
    const sizes: { url: string; type: string; bytes: number }[] = [];
    const background: { url: string; bytes: number }[] = [];
    page.context().on('requestfinished', async (r) => {
      const s = await r.sizes().catch(() => null);
      if (!s) return;
      const bytes = s.responseBodySize + s.responseHeadersSize;
      // Requests a service worker makes (its precache) are not the page's own load.
      if (r.serviceWorker() || !r.frame) background.push({ url: r.url(), bytes });
      else sizes.push({ url: r.url(), type: r.resourceType(), bytes });
    });
    await page.goto('/', { waitUntil: 'networkidle' });
    await expect(page.getByTestId('vae-lab')).not.toHaveAttribute('data-lab-state', 'mounted');
    await expect(page.getByTestId('sampler-lab')).not.toHaveAttribute('data-lab-state', 'mounted');
    const counted = sizes.filter((s) => ['document', 'stylesheet', 'script'].includes(s.type));
    const total = counted.reduce((a, s) => a + s.bytes, 0);
    const byType = (t: string) => counted.filter((s) => s.type === t).reduce((a, s) => a + s.bytes, 0);
    console.log(
      `initial load (HTML + CSS + JS, transferred, fonts excluded): ${total} bytes — document ${byType('document')}, CSS ${byType('stylesheet')}, JS ${byType('script')} in ${counted.filter((s) => s.type === 'script').length} files`,
    );
    if (background.length > 0) {
      const heavy = background.filter((b) => HEAVY.test(b.url));
      console.log(`  + ${background.reduce((a, b) => a + b.bytes, 0)} bytes fetched in the background by the service worker after load, of which ${heavy.reduce((a, b) => a + b.bytes, 0)} bytes are lab code (${heavy.length} files)`);
    }
    expect(counted.filter((s) => HEAVY.test(s.url)).map((s) => s.url)).toEqual([]);
    expect(total).toBeLessThan(INITIAL_BUDGET);
    expect(total).toBeGreaterThan(0);
  });

  test('VAE lab: falls back to a working backend, trains, cancels, trains again', async ({ page }) => {
    const watch = watchPage(page);
    await page.goto('/');
    const lab = await openLab(page, 'vae-lab');
    // No GPU here: WebGPU and WebGL must be skipped with a reason; WebAssembly and plain
    // JavaScript both start, are timed, and WebAssembly is the faster.
    await expect(page.getByTestId('vae-backend')).toHaveText('wasm', { timeout: 60_000 });
    const why = await lab.locator('[data-backend-skipped] li').allTextContents();
    expect(why[0]).toMatch(/^wasm: [\d.]+ ms\/step, the fastest: used$/);
    expect(why[1]).toMatch(/^cpu: [\d.]+ ms\/step \([\d.]+× the fastest\)$/);
    expect(why.slice(2, 4).map((s) => s.split(':')[0])).toEqual(['webgpu', 'webgl']);
    expect(why[4]).toMatch(/^Choosing took [\d.]+ s \(wasm [\d.]+ s, cpu [\d.]+ s\)/);
    console.log(`VAE lab backend: wasm; why: ${why.join(' | ')}`);

    // A value out of range is refused at the control, with the range shown.
    await setField(page, 'vae-rows', '50');
    await expect(lab.locator('[data-error-for="rows"]')).toContainText('100–5000');
    await expect(page.getByTestId('vae-rows')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByTestId('vae-train')).toBeDisabled();

    // A tiny run to completion.
    await page.getByTestId('vae-arch').selectOption('plain');
    await setField(page, 'vae-rows', '200');
    await setField(page, 'vae-missing', '0');
    await setField(page, 'vae-epochs', '3');
    await page.getByTestId('vae-train').click();
    await expect(page.getByTestId('vae-srmr')).toHaveText(/^\d\.\d{3}$/, { timeout: 60_000 });
    const first = await page.getByTestId('vae-srmr').textContent();
    const memoryAfterFirst = await lab.locator('[data-memory]').textContent();
    expect(memoryAfterFirst).toContain('after the run: 0 ('); // every tensor of the run was disposed
    await expect(lab.locator('[data-baked-caption]')).not.toBeEmpty();

    // Cancel a long run: it stops, and the lab is ready for another.
    await setField(page, 'vae-rows', '5000');
    await setField(page, 'vae-epochs', '300');
    await page.getByTestId('vae-train').click();
    await expect(lab.locator('[data-progress]')).toContainText('Epoch 1', { timeout: 30_000 });
    await page.getByTestId('vae-cancel').click();
    await expect(lab).toHaveAttribute('data-lab-phase', 'cancelled', { timeout: 15_000 });
    await expect(lab.locator('[data-status]')).toContainText('Cancelled after epoch'); // the worker stopped itself, not by termination
    await expect(page.getByTestId('vae-train')).toBeEnabled();

    // A second complete run works, and leaves no more tensors behind than the first.
    await page.getByTestId('vae-arch').selectOption('masked');
    await setField(page, 'vae-rows', '200');
    await setField(page, 'vae-missing', '20');
    await setField(page, 'vae-latent', '12');
    await setField(page, 'vae-lr', '0.001');
    await setField(page, 'vae-epochs', '2');
    await page.getByTestId('vae-train').click();
    // (a run this small may finish before a check for 'training' could see it)
    await expect(lab).toHaveAttribute('data-lab-phase', 'done', { timeout: 60_000 });
    await expect(lab.locator('[data-status]')).toContainText('Done: 2 epochs');
    await expect(page.getByTestId('vae-srmr')).toHaveText(/^\d\.\d{3}$/);
    expect(await lab.locator('[data-memory]').textContent()).toBe(memoryAfterFirst);
    console.log(`VAE lab, after two runs and a cancel: ${memoryAfterFirst}`);
    expect(first).toMatch(/^\d\.\d{3}$/);
    expect(watch.errors).toEqual([]);
    expect(watch.foreign).toEqual([]);
  });

  test('VAE lab: starts from baked weights when the nearest result is baked', async ({ page }) => {
    const watch = watchPage(page);
    await page.goto('/');
    const lab = await openLab(page, 'vae-lab');
    const available = (await lab.getAttribute('data-baked-available')) ?? '';
    test.skip(!available.split(' ').includes('vae-plain-500'), 'vae-plain-500 is not baked in this build');
    await expect(page.getByTestId('vae-backend')).toHaveText('wasm', { timeout: 60_000 });
    await page.getByTestId('vae-arch').selectOption('plain');
    await setField(page, 'vae-rows', '300');
    await setField(page, 'vae-latent', '4');
    await page.getByTestId('vae-from-baked').check();
    await expect(page.getByTestId('vae-latent')).toHaveValue('8'); // the baked model's latent size
    await setField(page, 'vae-epochs', '1');
    await page.getByTestId('vae-train').click();
    await expect(lab).toHaveAttribute('data-lab-phase', 'done', { timeout: 60_000 });
    await expect(page.getByTestId('vae-srmr')).toHaveText(/^\d\.\d{3}$/);
    await expect(lab.locator('[data-baked-caption]')).toContainText('vae-plain-500');
    expect(watch.errors).toEqual([]);
  });

  test('sampler lab: chains run, traces draw, diagnostics and SRMR appear; Cancel stops; a second run works', async ({ page }) => {
    const watch = watchPage(page);
    await page.goto('/');
    const lab = await openLab(page, 'sampler-lab');
    await expect(page.getByTestId('sampler-run')).toBeEnabled();

    await setField(page, 'sampler-chains', '5');
    await expect(lab.locator('[data-error-for="chains"]')).toContainText('1–4');
    await expect(page.getByTestId('sampler-run')).toBeDisabled();

    // Cancel a long run.
    await setField(page, 'sampler-chains', '2');
    await setField(page, 'sampler-rows', '2000');
    await setField(page, 'sampler-draws', '2000');
    await page.getByTestId('sampler-run').click();
    await expect(lab).toHaveAttribute('data-lab-phase', 'sampling');
    await expect(lab.locator('[data-progress]')).toContainText('chain 1:', { timeout: 30_000 });
    // The traces start during warm-up (2 000 iterations on 2 000 rows: tens of seconds): the
    // warm-up band is drawn and labelled, with warm-up rows on show and no retained draw yet.
    const traces = lab.locator('[data-traces]');
    await expect(traces).toHaveAttribute('data-warmup-shown', /^[1-9]\d*$/, { timeout: 30_000 });
    await expect(traces).toHaveAttribute('data-draws-shown', '0');
    await expect(traces.locator('svg text', { hasText: /^warm-up$/ })).toBeVisible();
    await page.getByTestId('sampler-cancel').click();
    await expect(lab).toHaveAttribute('data-lab-phase', 'cancelled');
    await expect(page.getByTestId('sampler-run')).toBeEnabled();

    // A tiny run to completion, from the keyboard only: type into each field, Tab between
    // them, Enter to submit.
    await page.getByTestId('sampler-rows').focus();
    for (const value of ['60', '10', '2', '60']) {
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.type(value);
      await page.keyboard.press('Tab');
    }
    await expect(page.getByTestId('sampler-draws')).toHaveValue('60');
    await page.getByTestId('sampler-draws').press('Enter');
    await expect(lab).toHaveAttribute('data-lab-phase', 'done', { timeout: 90_000 });
    await expect(page.getByTestId('sampler-rhat')).toHaveText(/^\d+\.\d{3}$/);
    await expect(page.getByTestId('sampler-srmr')).toHaveText(/^\d\.\d{3}$/);
    await expect(lab.locator('[data-traces] svg').first()).toBeVisible();
    // the finished traces: both chains' 60 warm-up iterations, then their 60 retained draws
    await expect(traces).toHaveAttribute('data-warmup-shown', '120');
    await expect(traces).toHaveAttribute('data-draws-shown', '120');
    await expect(lab.locator('[data-heatmap] svg')).toBeVisible();
    // the drawn lab (traces with their warm-up band and label, diagnostics, heatmap) passes axe
    const axe = await new AxeBuilder({ page }).include('[data-testid="sampler-lab"]').withTags(['wcag2a', 'wcag2aa']).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.html.slice(0, 160)).join(' | ')}`)).toEqual([]);
    expect(watch.errors).toEqual([]);
    expect(watch.foreign).toEqual([]);
  });

  test('sampler lab, SEM option: a parse error shows at its line; the essay model samples', async ({ page }) => {
    const watch = watchPage(page);
    await page.goto('/');
    const lab = await openLab(page, 'sampler-lab');
    await page.getByTestId('sampler-model').selectOption('sem-custom');
    const syntax = page.getByTestId('sampler-syntax');
    await expect(syntax).toBeVisible();
    const essay = await syntax.inputValue();
    await syntax.fill(essay.replace('DTP ~ CTS', 'DTP ~ CTS +\nSWB ~~'));
    await expect(lab.locator('[data-error-for="syntax"]')).toContainText(/line \d+/i);
    await expect(syntax).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByTestId('sampler-run')).toBeDisabled();
    await syntax.fill(essay);
    await setField(page, 'sampler-missing', '0');
    await setField(page, 'sampler-rows', '263');
    await setField(page, 'sampler-chains', '2');
    await setField(page, 'sampler-draws', '40');
    await page.getByTestId('sampler-run').click();
    await expect(lab).toHaveAttribute('data-lab-phase', 'done', { timeout: 90_000 });
    await expect(page.getByTestId('sampler-rhat')).toHaveText(/^\d+\.\d{3}$/);
    await expect(page.getByTestId('sampler-srmr')).toHaveText(/^\d\.\d{3}$/);
    expect(watch.errors).toEqual([]);
  });

  test('without JavaScript the labs show their static note and no controls', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto('/');
    for (const lab of ['vae-lab', 'sampler-lab']) {
      await expect(page.getByTestId(lab).locator('[data-lab-static]')).toBeVisible();
      await expect(page.getByTestId(lab).locator('form')).toBeHidden();
    }
    await context.close();
  });
});
