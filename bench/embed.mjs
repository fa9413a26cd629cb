#!/usr/bin/env node
// Bytes a page downloads to show ONE stdviz chart, and the size of the offline bundle
// of the founding page (issue #5). A benchmark: it reports, it never asserts.
//
//   trunk build --release && cargo build --release
//   node bench/embed.mjs [--dist dist] [--bin target/release/stdviz]
//
// One chart = embed.html?spec=specs/standards-by-level-bar.json in a fresh Chromium
// context: every response body is counted, raw and gzip -9 (the server does not compress),
// by kind. The bundle is `stdviz bundle` of the founding page's two specs
// (www/specs/*.json), and gzip -9 of it for mail or a file server that compresses.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync, constants as zlib } from 'node:zlib';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
  options: { dist: { type: 'string', default: 'dist' }, bin: { type: 'string', default: 'target/release/stdviz' } },
});
const DIST = path.resolve(REPO, args.dist);
const BIN = path.resolve(REPO, args.bin);
const { chromium } = await import(pathToFileURL(path.join(REPO, 'node_modules', 'playwright-core', 'index.mjs')).href);
const { serve } = await import(pathToFileURL(path.join(REPO, 'tests', 'e2e', 'server.mjs')).href);
const gz = (b) => gzipSync(b, { level: zlib.Z_BEST_COMPRESSION }).length;
const kind = (u) => ({ '.wasm': 'wasm', '.js': 'js', '.json': 'json', '.html': 'html', '.css': 'css' })[path.extname(new URL(u).pathname)] || 'other';

const server = await serve(DIST);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic'],
});
const files = [];
try {
  const context = await browser.newContext({ viewport: { width: 800, height: 600 } });
  const page = await context.newPage();
  const bodies = [];
  page.on('response', (r) => bodies.push(r.body().then((b) => ({ url: r.url(), b }), () => ({ url: r.url(), b: Buffer.alloc(0) }))));
  await page.goto(`${server.url}embed.html?spec=specs%2Fstandards-by-level-bar.json`);
  await page.waitForFunction(() => document.getElementById('chart').getAttribute('data-stdviz-state') === 'rendered', null, { timeout: 30_000 });
  await page.waitForTimeout(200);
  for (const { url, b } of await Promise.all(bodies)) files.push({ path: new URL(url).pathname, kind: kind(url), raw: b.length, gzip: gz(b) });
  await context.close();
} finally {
  await browser.close();
  await server.close();
}
const total = files.reduce((t, f) => ({ raw: t.raw + f.raw, gzip: t.gzip + f.gzip }), { raw: 0, gzip: 0 });
const ECHARTS = 207_560;
const VEGA = 279_814;
const fmt = (n) => n.toLocaleString('en-US');
console.log('One chart (embed.html + stdviz.js + glue + wasm + spec + data), fresh context:');
for (const f of files) console.log(`  ${f.path.padEnd(40)} ${fmt(f.raw).padStart(10)} raw ${fmt(f.gzip).padStart(9)} gzip -9`);
console.log(`  ${'total'.padEnd(40)} ${fmt(total.raw).padStart(10)} raw ${fmt(total.gzip).padStart(9)} gzip -9  (${files.length} requests)`);
console.log(`  vs ECharts tree-shaken bar/pie/line ${fmt(ECHARTS)} B gzip: ${(total.gzip / ECHARTS).toFixed(2)}×; vs Vega + Vega-Lite + vega-embed ${fmt(VEGA)} B gzip: ${(total.gzip / VEGA).toFixed(2)}×`);

const out = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'stdviz-bench-')), 'founding-page.html');
const specs = ['www/specs/standards-by-level-bar.json', 'www/specs/standards-by-level-donut.json'].map((s) => path.join(REPO, s));
const r = spawnSync(BIN, ['bundle', ...specs, '-o', out, '--dist', DIST, '--title', '阳泉标准化成果'], { encoding: 'utf8' });
if (r.status !== 0) {
  console.error(`stdviz bundle failed: ${r.stderr || r.error}`);
  process.exit(1);
}
const html = await fs.readFile(out);
console.log(`Offline bundle of the founding page (2 charts): ${fmt(html.length)} bytes, ${fmt(gz(html))} gzip -9`);
console.log(`  CLI: ${r.stdout.trim()}`);
await fs.rm(path.dirname(out), { recursive: true, force: true });
