// A tiny static file server for the built site (dist/), for the e2e tests and the benchmarks.
//
//   import { serve } from './server.mjs';
//   const { url, close } = await serve('dist');      // url ends with '/'
//
//   node tests/e2e/server.mjs [root=dist] [port=0]   // prints the URL, Ctrl-C to stop
//
// A path ending in `/` serves that folder's index.html, as `trunk serve` does, so the root
// is the explorer. Binds 127.0.0.1 only. GET and HEAD; 404 for missing files, 403 for
// paths that would leave the root (after decoding and normalising, and after resolving
// symlinks).
// Files are read from disk on every request (no server-side cache needed at this size),
// with `Cache-Control: no-store` so the browser never reuses a previous build.

import http from 'node:http';
import fs from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { pathToFileURL } from 'node:url';

export const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.ico': 'image/x-icon',
};

function send(res, status, body, headers = {}) {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...headers });
  res.end(body);
}

/** Is `p` equal to `root` or inside it? Both absolute and normalised. */
function inside(root, p) {
  const rel = path.relative(root, p);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * Serves the files under `root` on 127.0.0.1.
 * @param {string} root directory to serve (default: dist/ of the current directory)
 * @param {{port?: number, log?: (line: string) => void, gzip?: boolean}} [options] port 0
 *   (default) picks a free one; `gzip` compresses what it sends when the browser accepts
 *   it, as a news site would (the benchmarks that time loading over a slow network)
 * @returns {Promise<{url: string, port: number, close: () => Promise<void>}>}
 */
export async function serve(root = 'dist', { port = 0, log, gzip = false } = {}) {
  const rootAbs = await fs.realpath(path.resolve(root));
  const stat = await fs.stat(rootAbs);
  if (!stat.isDirectory()) throw new Error(`serve: ${rootAbs} is not a directory`);

  const server = http.createServer(async (req, res) => {
    const done = (status) => log && log(`${status} ${req.method} ${req.url}`);
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        done(405);
        return send(res, 405, 'method not allowed\n', { Allow: 'GET, HEAD' });
      }
      let pathname;
      try {
        pathname = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
      } catch {
        done(400);
        return send(res, 400, 'bad request\n');
      }
      if (pathname.includes('\0')) {
        done(400);
        return send(res, 400, 'bad request\n');
      }
      if (pathname.endsWith('/')) pathname += 'index.html';
      // Join as a relative path so an absolute or dotted request cannot escape the root.
      let file = path.resolve(rootAbs, '.' + path.posix.normalize('/' + pathname));
      if (!inside(rootAbs, file)) {
        done(403);
        return send(res, 403, 'forbidden\n');
      }
      let real;
      try {
        real = await fs.realpath(file);
      } catch {
        done(404);
        return send(res, 404, `not found: ${pathname}\n`);
      }
      if (!inside(rootAbs, real)) {
        done(403);
        return send(res, 403, 'forbidden\n');
      }
      let st = await fs.stat(real);
      if (st.isDirectory()) {
        // A directory without a trailing slash: redirect so relative URLs resolve.
        const index = path.join(real, 'index.html');
        const exists = await fs.stat(index).then((s) => s.isFile(), () => false);
        if (!exists) {
          done(404);
          return send(res, 404, `not found: ${pathname}\n`);
        }
        done(301);
        return send(res, 301, '', { Location: new URL(req.url, 'http://x').pathname + '/' });
      }
      if (!st.isFile()) {
        done(404);
        return send(res, 404, `not found: ${pathname}\n`);
      }
      let body = await fs.readFile(real);
      const type = CONTENT_TYPES[path.extname(real).toLowerCase()] || 'application/octet-stream';
      const encoded = gzip && /\bgzip\b/.test(req.headers['accept-encoding'] || '');
      if (encoded) body = gzipSync(body, { level: 9 });
      res.writeHead(200, {
        'Content-Type': type,
        'Content-Length': body.length,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
        ...(encoded ? { 'Content-Encoding': 'gzip', Vary: 'Accept-Encoding' } : {}),
      });
      res.end(req.method === 'HEAD' ? undefined : body);
      done(200);
    } catch (e) {
      done(500);
      if (!res.headersSent) send(res, 500, `server error: ${e && e.message}\n`);
      else res.destroy();
    }
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const actualPort = server.address().port;
  return {
    url: `http://127.0.0.1:${actualPort}/`,
    port: actualPort,
    root: rootAbs,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections?.();
      }),
  };
}

// Run directly: node tests/e2e/server.mjs [root] [port]
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const [root = 'dist', port = '0'] = process.argv.slice(2);
  const verbose = process.env.SERVE_LOG === '1';
  try {
    const { url, close } = await serve(root, { port: Number(port), log: verbose ? console.log : undefined });
    console.log(`serving ${path.resolve(root)} at ${url}  (Ctrl-C to stop)`);
    const stop = () => close().then(() => process.exit(0));
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  } catch (e) {
    console.error(`server.mjs: ${e.message}`);
    process.exit(1);
  }
}

export default serve;
