/**
 * A reload keeps the reader's place, and a lab that is on screen wakes up however it got there.
 * The page's sections skip rendering off screen and stand in at estimated heights, so the
 * browser's own scroll restoration would land hundreds of pixels away; the page restores the
 * position itself, by the element that was at the top of the window.
 */
import { expect, test, type Page } from '@playwright/test';

const LABS = [
  { id: 'vae-lab', ready: 'vae-train' },
  { id: 'sampler-lab', ready: 'sampler-run' },
] as const;

const top = (page: Page, testId: string) => page.getByTestId(testId).evaluate((e) => e.getBoundingClientRect().top);

async function scrollTo(page: Page, testId: string) {
  const lab = page.getByTestId(testId);
  await expect(async () => {
    await lab.evaluate((e) => e.scrollIntoView({ block: 'start' }));
    await page.waitForTimeout(100);
    // settled: the lab sits at the top of the window
    expect(Math.abs(await top(page, testId))).toBeLessThan(2);
  }).toPass();
  // the reader reads on a little: the position is mid-lab, not a heading's edge
  await page.mouse.wheel(0, 180);
  await page.waitForTimeout(300);
}

for (const lab of LABS) {
  test(`reloading while reading the ${lab.id} comes back to it, to the pixel, with the lab ready`, async ({ page }) => {
    await page.goto('/');
    await scrollTo(page, lab.id);
    await expect(page.getByTestId(lab.id)).toHaveAttribute('data-lab-state', 'mounted');
    const before = await top(page, lab.id);
    await page.reload();
    // (to the pixel: scroll offsets snap to whole pixels, element edges need not)
    await expect.poll(async () => Math.abs((await top(page, lab.id)) - before), { message: 'the lab is back where it was' }).toBeLessThanOrEqual(1);
    await expect(page.getByTestId(lab.id)).toHaveAttribute('data-lab-state', 'mounted');
    await expect(page.getByTestId(lab.ready)).toBeEnabled({ timeout: 60_000 });
    // and it stays put once the page has settled (fonts, labs swapping in their controls)
    await page.waitForTimeout(1500);
    expect(Math.abs((await top(page, lab.id)) - before)).toBeLessThanOrEqual(1);
  });

  test(`the ${lab.id} wakes up when it is on screen at load, without any scrolling`, async ({ page }) => {
    // an instant jump: the address of the heading just above the lab
    const heading = await (async () => {
      await page.goto('/');
      return page.getByTestId(lab.id).evaluate((e) => {
        const before = [...document.querySelectorAll('main h2[id], main h3[id]')].filter((h) => h.compareDocumentPosition(e) & Node.DOCUMENT_POSITION_FOLLOWING);
        return before.pop()?.id ?? '';
      });
    })();
    expect(heading).not.toBe('');
    const fresh = await page.context().newPage();
    await fresh.goto(`/#${heading}`);
    await expect(fresh.getByTestId(lab.id)).toBeInViewport();
    await expect(fresh.getByTestId(lab.id)).toHaveAttribute('data-lab-state', 'mounted', { timeout: 30_000 });
    await expect(fresh.getByTestId(lab.ready)).toBeEnabled({ timeout: 60_000 });
    await fresh.close();
  });
}
