// The one static file server for dist/ (serve.sh, `npm run preview`, the browser tests and
// Lighthouse all use it). It behaves like a real static host: the build's precompressed
// .br/.gz copies when the browser accepts them (as nginx brotli_static does), else gzip on the
// fly; the site's Content-Security-Policy and the usual hardening headers on every response; a
// directory without its trailing slash redirected; 404.html for anything missing.
// Usage: node scripts/static-server.mjs [--port 4321] [--dir dist] [--host 127.0.0.1]
import { createServer } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { CSP_HEADER } from '../src/site/csp.mjs';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.json': 'application/json', '.csv': 'text/csv; charset=utf-8', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.wasm': 'application/wasm', '.woff2': 'font/woff2', '.woff': 'font/woff', '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8', '.pdf': 'application/pdf', '.xml': 'application/xml',
};
const COMPRESS = new Set(['.html', '.css', '.js', '.mjs', '.json', '.csv', '.svg', '.wasm', '.txt', '.xml']);

/** Headers every response carries (the README's nginx and Caddy lines say the same). */
export const SECURITY_HEADERS = {
  'content-security-policy': CSP_HEADER,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
};

export function startStaticServer(port, root = 'dist', host = '127.0.0.1') {
  const base = path.resolve(root);
  if (!existsSync(path.join(base, 'index.html'))) {
    throw new Error(`${base}/index.html is missing: build the site first (npx astro build)`);
  }
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    let pathname;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      res.writeHead(400, SECURITY_HEADERS).end('bad request');
      return;
    }
    let file = path.join(base, pathname);
    if (file !== base && !file.startsWith(base + path.sep)) {
      res.writeHead(403, SECURITY_HEADERS).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) {
      if (!pathname.endsWith('/')) {
        res.writeHead(301, { ...SECURITY_HEADERS, location: `${url.pathname}/${url.search}` }).end();
        return;
      }
      file = path.join(file, 'index.html');
    }
    let status = 200;
    if (!existsSync(file)) {
      status = 404;
      file = path.join(base, '404.html');
      if (!existsSync(file)) {
        res.writeHead(404, { ...SECURITY_HEADERS, 'content-type': 'text/plain' }).end('not found');
        return;
      }
    }
    const ext = path.extname(file);
    let body = readFileSync(file);
    const headers = {
      ...SECURITY_HEADERS,
      'content-type': TYPES[ext] ?? 'application/octet-stream',
      'cache-control': ext === '.html' || ext === '.js' && path.basename(file) === 'sw.js' ? 'no-cache' : 'max-age=31536000',
    };
    const accepts = String(req.headers['accept-encoding'] ?? '');
    if (COMPRESS.has(ext)) {
      headers.vary = 'accept-encoding';
      if (/\bbr\b/.test(accepts) && existsSync(`${file}.br`)) {
        body = readFileSync(`${file}.br`);
        headers['content-encoding'] = 'br';
      } else if (/\bgzip\b/.test(accepts)) {
        body = existsSync(`${file}.gz`) ? readFileSync(`${file}.gz`) : gzipSync(body);
        headers['content-encoding'] = 'gzip';
      }
    }
    res.writeHead(status, headers).end(req.method === 'HEAD' ? undefined : body);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const usage = 'Usage: node scripts/static-server.mjs [--port 4321] [--dir dist] [--host 127.0.0.1]';
  let port, dir, host;
  try {
    const { values } = parseArgs({ options: { port: { type: 'string', default: '4321' }, dir: { type: 'string', default: 'dist' }, host: { type: 'string', default: '127.0.0.1' } } });
    port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a whole number from 0 to 65535, got '${values.port}'`);
    ({ dir, host } = values);
  } catch (err) {
    console.error(`static-server: ${err instanceof Error ? err.message : String(err)}\n${usage}`);
    process.exit(2);
  }
  try {
    const server = await startStaticServer(port, dir, host);
    console.log(`serving ${dir}/ at http://${host}:${port}/ (Ctrl-C to stop)`);
    const stop = () => server.close(() => process.exit(0));
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  } catch (err) {
    console.error(`static-server: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}
