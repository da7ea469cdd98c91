/** What the browser tests share: a watch on errors and foreign requests, and opening a lab as a reader does. */
import { expect, type Locator, type Page } from '@playwright/test';

export interface PageWatch {
  errors: string[];
  foreign: string[];
  requests: string[];
}

/** Record console errors, page errors and every request that leaves 127.0.0.1. */
export function watchPage(page: Page): PageWatch {
  const watch: PageWatch = { errors: [], foreign: [], requests: [] };
  page.on('console', (m) => {
    if (m.type() === 'error') watch.errors.push(m.text());
  });
  page.on('pageerror', (e) => watch.errors.push(e.message));
  page.on('request', (r) => {
    const url = new URL(r.url());
    watch.requests.push(r.url());
    if (!['127.0.0.1', 'localhost'].includes(url.hostname) && url.protocol !== 'data:') watch.foreign.push(r.url());
  });
  return watch;
}

/**
 * Scroll to a lab as a reader would and wait until it has mounted. Sections above it are drawn
 * (and change height) as they pass, so keep scrolling until the lab is actually on screen.
 */
export async function openLab(page: Page, testId: 'vae-lab' | 'sampler-lab'): Promise<Locator> {
  const lab = page.getByTestId(testId);
  await expect(async () => {
    await lab.scrollIntoViewIfNeeded();
    await expect(lab).toBeInViewport({ timeout: 500 });
  }).toPass();
  await expect(lab).toHaveAttribute('data-lab-state', 'mounted');
  return lab;
}
