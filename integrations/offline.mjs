// @ts-check
/**
 * Astro integration: after the build, write dist/sw.js, a service worker that precaches the
 * built page and its assets (so the essay works offline once loaded) and then serves
 * same-origin requests network-first, falling back to the cache.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// Browsers here use woff2; sw.js must not cache itself; WebAssembly and big scripts or data
// (the labs' TensorFlow.js worker, large results) are fetched only when a lab needs them, then
// cached on use. Pages are always precached, whatever their size: they are what offline means.
const SKIP = /\.(ttf|woff|map|wasm|br|gz)$|^sw\.js$/;
const MAX_PRECACHE_BYTES = 200_000;
const ALWAYS = /\.(html|css)$/;

/** @param {string} dir @param {string} [prefix] @returns {string[]} */
function walk(dir, prefix = '') {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    const rel = prefix ? `${prefix}/${name}` : name;
    const stat = statSync(full);
    if (stat.isDirectory()) return walk(full, rel);
    return SKIP.test(rel) || (stat.size > MAX_PRECACHE_BYTES && !ALWAYS.test(rel)) ? [] : [rel];
  });
}

/** @returns {import('astro').AstroIntegration} */
export default function offline() {
  return {
    name: 'essay-offline',
    hooks: {
      'astro:build:done': ({ dir, logger }) => {
        const root = fileURLToPath(dir);
        const files = walk(root).sort();
        const hash = createHash('sha256');
        for (const f of files) hash.update(f).update(readFileSync(path.join(root, f)));
        const version = hash.digest('hex').slice(0, 12);
        // index.html is cached under its directory URL, the address readers actually load
        const urls = files.map((f) => (f === 'index.html' ? './' : f.endsWith('/index.html') ? `./${f.slice(0, -10)}` : `./${f}`));
        const source = `// Generated at build time by integrations/offline.mjs.
const CACHE = 'essay-${version}';
const PRECACHE = ${JSON.stringify(urls)};
self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(PRECACHE)).then(() => self.skipWaiting()));
});
self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys().then((keys) => Promise.all(keys.filter((k) => k.startsWith('essay-') && k !== CACHE).map((k) => caches.delete(k)))).then(() => self.clients.claim()),
  );
});
self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(
    fetch(request)
      .then((response) => {
        if (response.ok && response.type === 'basic') {
          const copy = response.clone();
          caches.open(CACHE).then((cache) => cache.put(request, copy));
        }
        return response;
      })
      .catch(() => caches.match(request, { ignoreSearch: true }).then((hit) => hit ?? Response.error())),
  );
});
`;
        writeFileSync(path.join(root, 'sw.js'), source);
        logger.info(`sw.js precaches ${urls.length} files (cache essay-${version})`);
      },
    },
  };
}
