#!/usr/bin/env node
// Time to first chart for the built chart gallery (dist/gallery.html: figure cards, the
// founding bar and donut), in Debian's Chromium (playwright-core). The explorer, the site's
// front page, has its own benchmark (bench/explore/run.mjs).
//
//   trunk build --release && node bench/first-chart.mjs [--runs 15] [--warmup 3] [--dist dist]
//
// Serves dist/ on 127.0.0.1 with tests/e2e/server.mjs, loads gallery.html `runs` times, each in
// a fresh browser context (empty HTTP cache, fresh wasm compile), and records for each
// load performance.getEntriesByName('stdviz:ready')[0].startTime: milliseconds from
// navigation start until one frame after every chart was drawn. The first `warmup` loads
// are not counted. Also records the bytes the first counted load transferred, by kind,
// and the raw and gzip -9 sizes of the wasm module and its JS glue.
//
// A benchmark, not a test: it never fails on time. It exits non-zero only when the page
// does not become ready at all. Results: a Markdown table on stdout and
// bench/out/first-chart.json.

import fs from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync, constants as zlib } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { serve } from '../tests/e2e/server.mjs';
import { LAUNCH } from '../tests/e2e/chromium.mjs';
import { median, quantile } from './lib/stats.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..');

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '15' },
    warmup: { type: 'string', default: '3' },
    dist: { type: 'string', default: 'dist' },
    out: { type: 'string', default: path.join(repo, 'bench', 'out', 'first-chart.json') },
    dpr: { type: 'string', default: '1' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (args.help) {
  console.log('usage: node bench/first-chart.mjs [--runs 15] [--warmup 3] [--dist dist] [--dpr 1] [--out bench/out/first-chart.json]');
  process.exit(0);
}
const RUNS = Number(args.runs);
const WARMUP = Number(args.warmup);
const DPR = Number(args.dpr);
if (!Number.isInteger(RUNS) || !Number.isInteger(WARMUP) || WARMUP < 0 || RUNS <= WARMUP || !(DPR > 0)) {
  console.error(`first-chart: need integer --runs > --warmup >= 0 and --dpr > 0 (got runs=${args.runs} warmup=${args.warmup} dpr=${args.dpr})`);
  process.exit(2);
}
const DIST = path.resolve(args.dist);
const PAGE = 'gallery.html';
if (!existsSync(path.join(DIST, PAGE))) {
  console.error(`first-chart: ${path.join(DIST, PAGE)} is missing; run \`trunk build --release\` first.`);
  process.exit(2);
}


function kindOf(url) {
  const p = new URL(url).pathname;
  const ext = path.extname(p).toLowerCase();
  if (p.endsWith('/') || ext === '.html') return 'html';
  return { '.wasm': 'wasm', '.js': 'js', '.mjs': 'js', '.json': 'json', '.css': 'css' }[ext] || 'other';
}

async function fileSizes(dir) {
  const names = (await fs.readdir(dir)).filter((n) => n.endsWith('.wasm') || /^stdviz-.*\.js$/.test(n));
  const rows = [];
  for (const name of names.sort()) {
    const buf = await fs.readFile(path.join(dir, name));
    rows.push({ file: name, raw: buf.length, gzip9: gzipSync(buf, { level: zlib.Z_BEST_COMPRESSION }).length });
  }
  return rows;
}

async function loadOnce(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: DPR });
  await context.route((u) => u.hostname !== '127.0.0.1', (route) => route.abort());
  const errors = [];
  const bodies = [];
  try {
    const page = await context.newPage();
    page.on('console', (m) => {
      // Skip Chromium's own implicit /favicon.ico request (the page links no icon).
      if (m.type() === 'error' && !/\/favicon\.ico$/.test(m.location()?.url || '')) errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('response', (res) => {
      bodies.push(
        res.body().then(
          (b) => ({ url: res.url(), status: res.status(), bytes: b.length }),
          () => ({ url: res.url(), status: res.status(), bytes: 0 }),
        ),
      );
    });
    await page.goto(url, { waitUntil: 'commit' });
    await page.waitForFunction(() => performance.getEntriesByName('stdviz:ready').length > 0, null, {
      timeout: 30_000,
      polling: 50,
    });
    const m = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      const res = performance.getEntriesByType('resource');
      const wasm = res.find((r) => r.name.endsWith('.wasm'));
      return {
        ready: performance.getEntriesByName('stdviz:ready')[0].startTime,
        drawn: Number(document.documentElement.getAttribute('data-stdviz-ready')),
        domContentLoaded: nav ? nav.domContentLoadedEventEnd : null,
        wasmResponseEnd: wasm ? wasm.responseEnd : null,
        transfer: [nav, ...res].filter(Boolean).map((e) => ({ url: e.name, encoded: e.encodedBodySize, transfer: e.transferSize })),
      };
    });
    const responses = await Promise.all(bodies);
    return { ...m, responses, errors };
  } finally {
    await context.close();
  }
}

const server = await serve(DIST);
const browser = await chromium.launch(LAUNCH);
const chromiumVersion = browser.version();
const loads = [];
try {
  for (let i = 0; i < RUNS; i++) {
    const r = await loadOnce(browser, new URL(PAGE, server.url).href);
    const counted = i >= WARMUP;
    loads.push({ run: i, counted, ...r });
    process.stderr.write(
      `run ${String(i + 1).padStart(2)}/${RUNS}${counted ? '' : ' (warm-up)'}: ready ${r.ready.toFixed(1)} ms, ${r.drawn} charts` +
        `${r.errors.length ? `, ${r.errors.length} console errors` : ''}\n`,
    );
  }
} finally {
  await browser.close();
  await server.close();
}

const counted = loads.filter((l) => l.counted);
const times = counted.map((l) => l.ready).sort((a, b) => a - b);
const first = counted[0];
const bytesByKind = {};
for (const r of first.responses) {
  const k = kindOf(r.url);
  bytesByKind[k] = (bytesByKind[k] || 0) + r.bytes;
}
const totalBytes = Object.values(bytesByKind).reduce((a, b) => a + b, 0);
const files = await fileSizes(DIST);
const stats = {
  median: median(times),
  p95: quantile(times, 0.95),
  min: times[0],
  max: times[times.length - 1],
};

const result = {
  date: new Date().toISOString(),
  dist: DIST,
  runs: RUNS,
  warmup: WARMUP,
  counted: counted.length,
  deviceScaleFactor: DPR,
  viewport: { width: 1280, height: 900 },
  chromium: chromiumVersion,
  node: process.version,
  host: { cpus: os.cpus().length, model: os.cpus()[0]?.model, platform: `${os.platform()} ${os.release()}` },
  timeToFirstChartMs: { ...stats, samples: counted.map((l) => l.ready) },
  chartsDrawn: counted.map((l) => l.drawn),
  consoleErrors: loads.flatMap((l) => l.errors.map((e) => ({ run: l.run, error: e }))),
  domContentLoadedMs: counted.map((l) => l.domContentLoaded),
  wasmResponseEndMs: counted.map((l) => l.wasmResponseEnd),
  pageBytes: { byKind: bytesByKind, total: totalBytes, responses: first.responses, resourceTiming: first.transfer },
  files,
};

await fs.mkdir(path.dirname(path.resolve(args.out)), { recursive: true });
await fs.writeFile(path.resolve(args.out), JSON.stringify(result, null, 2) + '\n');

const ms = (x) => x.toFixed(1);
const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
const lines = [];
lines.push(`### Time to first chart (\`stdviz:ready\`), ${counted.length} loads after ${WARMUP} warm-up, dpr ${DPR}, Chromium ${chromiumVersion}`);
lines.push('');
lines.push('| median | p95 | min | max |');
lines.push('|---:|---:|---:|---:|');
lines.push(`| ${ms(stats.median)} ms | ${ms(stats.p95)} ms | ${ms(stats.min)} ms | ${ms(stats.max)} ms |`);
lines.push('');
lines.push('### Bytes transferred by one load (response bodies, uncompressed: the server does not gzip)');
lines.push('');
lines.push('| kind | bytes | |');
lines.push('|---|---:|---:|');
for (const k of ['wasm', 'js', 'html', 'json', 'css', 'other']) {
  if (bytesByKind[k] !== undefined) lines.push(`| ${k} | ${bytesByKind[k]} | ${kb(bytesByKind[k])} |`);
}
lines.push(`| **total** | **${totalBytes}** | **${kb(totalBytes)}** |`);
lines.push('');
lines.push('### Build output sizes');
lines.push('');
lines.push('| file | raw | gzip -9 |');
lines.push('|---|---:|---:|');
for (const f of files) lines.push(`| ${f.file} | ${f.raw} (${kb(f.raw)}) | ${f.gzip9} (${kb(f.gzip9)}) |`);
lines.push('');
console.log(lines.join('\n'));
console.log(`results: ${path.relative(process.cwd(), path.resolve(args.out)) || args.out}`);

const notReady = counted.filter((l) => !Number.isFinite(l.ready));
if (notReady.length) process.exitCode = 1;
