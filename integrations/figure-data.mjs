// @ts-check
/**
 * Astro integration: writes the data behind every numbered figure and table (collected while
 * the page rendered, src/site/figure-data.ts) to dist/data/, with an index.json listing each
 * file, its figure or table number and the experiments it came from. In `astro dev` the same
 * files are served from memory once the page has rendered.
 *
 * Runs after offline() on purpose: the data files are fetched by readers who ask for them,
 * not precached by the service worker.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const KEY = Symbol.for('inductive-bias-essay.figure-data');

/** @returns {{ kind: string; id: string; number: number; path: string; mediaType: string; body: string; from: unknown[] }[]} */
function entries() {
  const store = /** @type {Map<string, any> | undefined} */ (/** @type {any} */ (globalThis)[KEY]);
  return store ? [...store.values()] : [];
}

/** @param {ReturnType<typeof entries>} list */
function index(list) {
  const sorted = [...list].sort((a, b) => (a.kind === b.kind ? a.number - b.number : a.kind < b.kind ? -1 : 1));
  return `${JSON.stringify(sorted.map(({ kind, id, number, path: file, mediaType, from }) => ({ kind, id, number, path: file, mediaType, from })), null, 1)}\n`;
}

/** @returns {import('astro').AstroIntegration} */
export default function figureData() {
  return {
    name: 'essay-figure-data',
    hooks: {
      'astro:server:setup': ({ server }) => {
        server.middlewares.use((req, res, next) => {
          const url = (req.url ?? '').split('?')[0];
          if (!url.startsWith('/data/')) return next();
          const list = entries();
          const hit = url === '/data/index.json' ? { mediaType: 'application/json', body: index(list) } : list.find((e) => `/${e.path}` === url);
          if (!hit) return next();
          res.setHeader('content-type', hit.mediaType);
          res.end(hit.body);
        });
      },
      'astro:build:done': ({ dir, logger }) => {
        const list = entries();
        if (list.length === 0) throw new Error('No figure or table registered its data while the page rendered (src/site/figure-data.ts)');
        const root = fileURLToPath(dir);
        mkdirSync(path.join(root, 'data'), { recursive: true });
        for (const e of list) writeFileSync(path.join(root, e.path), e.body);
        writeFileSync(path.join(root, 'data', 'index.json'), index(list));
        logger.info(`wrote the data of ${list.filter((e) => e.kind === 'figure').length} figures and ${list.filter((e) => e.kind === 'table').length} tables to data/`);
      },
    },
  };
}
