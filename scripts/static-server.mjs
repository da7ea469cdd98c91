// A minimal static file server for dist/ that compresses like a real static host, so page-weight
// measurements (Lighthouse) see what readers would get: the build's precompressed .br/.gz copies
// when the browser accepts them (as nginx brotli_static does), else gzip on the fly.
// Usage: node scripts/static-server.mjs [port] [dir] [host]   (host defaults to 127.0.0.1)
import { createServer } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.wasm': 'application/wasm',
  '.woff2': 'font/woff2', '.woff': 'font/woff', '.ttf': 'font/ttf', '.txt': 'text/plain',
};
const COMPRESS = new Set(['.html', '.css', '.js', '.mjs', '.json', '.svg', '.wasm']);

export function startStaticServer(port, root = 'dist', host = '127.0.0.1') {
  const base = path.resolve(root);
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    let file = path.join(base, decodeURIComponent(url.pathname));
    if (!file.startsWith(base)) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, 'index.html');
    let status = 200;
    if (!existsSync(file)) {
      status = 404;
      file = path.join(base, '404.html');
      if (!existsSync(file)) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
    }
    const ext = path.extname(file);
    let body = readFileSync(file);
    const headers = { 'content-type': TYPES[ext] ?? 'application/octet-stream', 'cache-control': ext === '.html' ? 'no-cache' : 'max-age=31536000' };
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
    res.writeHead(status, headers).end(body);
  });
  return new Promise((resolve) => server.listen(port, host, () => resolve(server)));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const port = Number(process.argv[2] ?? 4321);
  const host = process.argv[4] ?? '127.0.0.1';
  await startStaticServer(port, process.argv[3] ?? 'dist', host);
  console.log(`serving ${process.argv[3] ?? 'dist'}/ at http://${host}:${port}/`);
}
