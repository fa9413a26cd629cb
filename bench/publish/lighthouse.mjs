#!/usr/bin/env node
// Lighthouse (mobile preset: Moto G Power viewport, simulated slow 4G and 4× CPU) on the
// pages of bench/publish/run.mjs, side by side in one run: the founding bar chart as
// published by stdviz, as stdviz's live embed, ECharts full, ECharts SSR + its client,
// Vega-Lite + embed and the raw-canvas floor.
//
//   trunk build --release && node bench/publish/run.mjs --runs 1 --warmup 0   # builds the pages
//   node bench/publish/lighthouse.mjs [--runs 5]
//
// Needs bench/compare's pinned peers, Lighthouse among them
// (`npm ci --prefix bench/compare --ignore-scripts`). The pages are served gzip-compressed
// (as any news site serves them; the e2e server does not compress), each Lighthouse run in
// a fresh Chromium with an empty profile, pages alternating within a run. Reports the
// median of each figure: performance score, FCP, LCP, CLS, total blocking time, speed
// index, and the bytes transferred. A benchmark, never a test.

import fs from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const here = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(here, '..', '..');
const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    out: { type: 'string', default: path.join(REPO, 'bench', 'out', 'publish', 'lighthouse.json') },
  },
});
const RUNS = Number(args.runs);
const ROOT = path.join(REPO, 'bench', 'out', 'compare');
const PEERS = path.join(REPO, 'bench', 'compare', 'node_modules');
if (!existsSync(path.join(ROOT, 'publish', 'published.html'))) {
  console.error('lighthouse bench: run `node bench/publish/run.mjs --runs 1 --warmup 0` first (it builds the pages)');
  process.exit(2);
}
if (!existsSync(path.join(PEERS, 'lighthouse'))) {
  console.error('lighthouse bench: run `npm ci --prefix bench/compare --ignore-scripts` first');
  process.exit(2);
}
const lighthouse = (await import(pathToFileURL(path.join(PEERS, 'lighthouse', 'core', 'index.js')).href)).default;
const chromeLauncher = await import(pathToFileURL(path.join(PEERS, 'chrome-launcher', 'dist', 'index.js')).href);
const { LAUNCH } = await import(pathToFileURL(path.join(REPO, 'tests', 'e2e', 'chromium.mjs')).href);
const { serve } = await import(pathToFileURL(path.join(REPO, 'tests', 'e2e', 'server.mjs')).href);

const PAGES = [
  { id: 'stdviz-published', path: 'publish/published.html' },
  { id: 'stdviz-embed', path: 'stdviz/bar.html' },
  { id: 'echarts', path: 'echarts/bar.html' },
  { id: 'echarts-ssr', path: 'publish/echarts-ssr.html' },
  { id: 'vegalite', path: 'vegalite/bar.html' },
  { id: 'raw-canvas', path: 'publish/raw-canvas.html' },
];

const median = (xs) => {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length ? (s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2) : NaN;
};

async function audit(url) {
  const chrome = await chromeLauncher.launch({
    chromePath: LAUNCH.executablePath,
    chromeFlags: ['--headless=new', ...LAUNCH.args, '--no-first-run'],
  });
  try {
    const { lhr } = await lighthouse(url, { port: chrome.port, onlyCategories: ['performance'], output: 'json', logLevel: 'error' });
    const a = (id) => lhr.audits[id]?.numericValue;
    if (lhr.runtimeError) throw new Error(`${lhr.runtimeError.code}: ${lhr.runtimeError.message}`);
    return {
      score: Math.round((lhr.categories.performance.score ?? NaN) * 100),
      fcp: a('first-contentful-paint'),
      lcp: a('largest-contentful-paint'),
      cls: a('cumulative-layout-shift'),
      tbt: a('total-blocking-time'),
      si: a('speed-index'),
      bytes: a('total-byte-weight'),
    };
  } finally {
    await chrome.kill();
  }
}

const server = await serve(ROOT, { gzip: true });
const results = {};
try {
  for (let run = 0; run < RUNS; run++) {
    for (const p of PAGES) {
      const r = await audit(new URL(p.path, server.url).href).catch((e) => {
        throw new Error(`${p.id} (${p.path}): ${e.message}`);
      });
      (results[p.id] ??= []).push(r);
    }
    process.stderr.write(`run ${run + 1}/${RUNS}\n`);
  }
} finally {
  await server.close();
}

const fmt = (n, d = 0) => (Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d }) : '—');
const lines = [
  `Lighthouse ${(await import(pathToFileURL(path.join(PEERS, 'lighthouse', 'package.json')).href, { with: { type: 'json' } })).default.version} mobile preset (simulated slow 4G, 4× CPU), medians of ${RUNS} runs, pages served gzip:`,
  '',
  '| page | performance | FCP | LCP | CLS | TBT | speed index | bytes (transferred) |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
];
for (const p of PAGES) {
  const rs = results[p.id];
  const m = (k) => median(rs.map((r) => r[k]));
  lines.push(`| ${p.id} | ${fmt(m('score'))} | ${fmt(m('fcp'))} ms | ${fmt(m('lcp'))} ms | ${fmt(m('cls'), 3)} | ${fmt(m('tbt'))} ms | ${fmt(m('si'))} ms | ${fmt(m('bytes'))} |`);
}
lines.push('', '— : Lighthouse found no largest contentful paint (a page that draws only into a canvas has none: a canvas is not an LCP candidate), so it gives no LCP, TBT or score.');
console.log(lines.join('\n'));
await fs.mkdir(path.dirname(args.out), { recursive: true });
await fs.writeFile(args.out, JSON.stringify({ runs: RUNS, results }, null, 1));
