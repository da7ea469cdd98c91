import type { Page } from '@playwright/test';

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
