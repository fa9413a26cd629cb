#!/usr/bin/env node
// The explorer's figures (issue #7), side by side with Vega-Lite 6 doing the same work with
// its own transforms, in the same headless Chromium (playwright-core, Debian's chromium).
//
//   trunk build --release && node bench/explore/run.mjs
//       [--dist dist] [--sizes 10000,100000,1000000] [--runs 3] [--reaggregations 7]
//       (a size ending in `s`, e.g. 1000000s, uses short titles: 59.5 MB for a million rows)
//       [--peers bench/compare/node_modules] [--skip-vegalite] [--out bench/out/explore.json]
//
// Data (SYNTHETIC, fixed seeds, written to bench/out/explore/ when missing):
//   synthetic-catalogue-<n>.csv  tests/fixtures/gen-catalogue.mjs, seed 20240110, 6 columns
//   synthetic-series-1m.csv      bench/explore/gen-series.mjs: a 1,000,000-point random walk
//
// What is measured, each run in a fresh browser (so the renderer's peak RSS is its own):
//   load + first chart  from the file input's change event to the first aggregated chart on
//                       screen (count by 层级): index.html's `explore:first-chart` mark;
//                       Vega-Lite: File.text() + vega.read(parse auto) + embed + runAsync + 1 frame
//   tab CPU time        user + system time of the renderers (every thread) over the same span
//   peak memory         VmHWM (peak resident set) of the page's renderer process, which holds
//                       the page, its worker and both wasm instances; also its value before the
//                       load, and the worker's wasm memory (explorer)
//   re-aggregation      after a filter change (状态 ≠ 废止, toggled): the engine's query time in
//                       the worker, and change → chart drawn on the page; Vega-Lite: the
//                       filter's parameter set, dataflow re-run (filter + aggregate), 1 frame
//   line redraw         a 1,000,000-point line: explorer = decimated (min/max per pixel
//                       column) in the worker, the chart's layout + paint timed on the page
//                       (handle.resize()); Vega-Lite = every point, view.width(w ± 1).runAsync()
//
// A benchmark, not a test: it never fails on time. Medians of the runs; every sample in
// the JSON. Needs the peers of bench/compare (`npm ci --prefix bench/compare --ignore-scripts`)
// for the Vega-Lite side.

import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { serve } from '../../tests/e2e/server.mjs';
import { LAUNCH } from '../../tests/e2e/chromium.mjs';
import { writeCatalogue, SEED } from '../../tests/fixtures/gen-catalogue.mjs';
import { writeSeries } from './gen-series.mjs';
import { median } from '../lib/stats.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const { values: args } = parseArgs({
  options: {
    dist: { type: 'string', default: path.join(repo, 'dist') },
    sizes: { type: 'string', default: '10000,100000,1000000' },
    runs: { type: 'string', default: '3' },
    reaggregations: { type: 'string', default: '7' },
    peers: { type: 'string', default: path.join(repo, 'bench', 'compare', 'node_modules') },
    'skip-vegalite': { type: 'boolean', default: false },
    out: { type: 'string', default: path.join(repo, 'bench', 'out', 'explore.json') },
  },
});
const DIST = path.resolve(args.dist);
// A size is a row count; with a trailing `s`, the catalogue's short titles (gen-catalogue
// --titles short: 1,000,000 rows in 59.5 MB, the file size issue #7 names).
const SIZES = args.sizes.split(',');
const rowsOf = (size) => Number(size.replace(/s$/, ''));
const isShort = (size) => size.endsWith('s');
const RUNS = Number(args.runs);
const REAGG = Number(args.reaggregations);
const DATA = path.join(repo, 'bench', 'out', 'explore');
const PEERS = path.resolve(args.peers);
const VL = !args['skip-vegalite'];
const TIMEOUT = 15 * 60_000;

// The explorer is the page trunk builds, the site's front page.
const EXPLORER = 'index.html';
if (!existsSync(path.join(DIST, EXPLORER))) {
  console.error(`explore bench: ${path.join(DIST, EXPLORER)} is missing; run \`trunk build --release\` (or pass --dist).`);
  process.exit(2);
}
if (VL && !existsSync(path.join(PEERS, 'vega-lite'))) {
  console.error(`explore bench: no vega-lite in ${PEERS}; run \`npm ci --prefix bench/compare --ignore-scripts\`, pass --peers, or --skip-vegalite.`);
  process.exit(2);
}

const log = (s) => process.stderr.write(`${s}\n`);
const rowLabel = (n) => (n >= 1e6 ? `${n / 1e6}m` : n >= 1e3 ? `${n / 1e3}k` : String(n));
const label = (size) => `${rowLabel(rowsOf(size))}${isShort(size) ? '-short' : ''}`;

// ---------------------------------------------------------------------------------------
// Peak resident memory of the page's renderer (VmHWM), read from /proc

async function childrenOf(pid) {
  const out = [];
  for (const d of await fs.readdir('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = await fs.readFile(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) out.push(Number(d));
    } catch {
      // gone
    }
  }
  return out;
}

/** Launches Chromium with a marker switch, so that its processes can be found in /proc. */
let launched = 0;
async function launch() {
  const marker = `--stdviz-bench-run=${process.pid}-${++launched}`;
  const browser = await chromium.launch({ ...LAUNCH, args: [...LAUNCH.args, marker] });
  browser.marker = marker;
  return browser;
}

async function renderers(browser) {
  let root = null;
  for (const d of await fs.readdir('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const cmd = await fs.readFile(`/proc/${d}/cmdline`, 'utf8');
      if (cmd.split('\0').includes(browser.marker) && !cmd.includes('--type=')) root = Number(d);
    } catch {
      // gone
    }
  }
  if (!root) return [];
  const all = [];
  const queue = [root];
  while (queue.length) {
    const p = queue.shift();
    for (const c of await childrenOf(p)) {
      all.push(c);
      queue.push(c);
    }
  }
  const found = [];
  for (const pid of all) {
    try {
      const cmd = await fs.readFile(`/proc/${pid}/cmdline`, 'utf8');
      if (cmd.includes('--type=renderer')) found.push(pid);
    } catch {
      // gone
    }
  }
  return found;
}

/** Clock ticks per second of /proc/PID/stat's times (USER_HZ: 100 on Linux). */
const TICK_MS = 10;

/**
 * The largest VmHWM and VmRSS among the browser's renderers, in MB, and the CPU time all
 * of them have used (user + system, every thread: page, worker), in ms — on a shared
 * machine the CPU time of a load says more than its wall time.
 */
async function rendererMemory(browser) {
  let hwm = 0;
  let rss = 0;
  let ticks = 0;
  for (const pid of await renderers(browser)) {
    try {
      const status = await fs.readFile(`/proc/${pid}/status`, 'utf8');
      const kb = (k) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(status)?.[1] || 0);
      hwm = Math.max(hwm, kb('VmHWM'));
      rss = Math.max(rss, kb('VmRSS'));
      const stat = await fs.readFile(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15)
    } catch {
      // gone
    }
  }
  return { peakMB: hwm / 1024, rssMB: rss / 1024, cpuMs: ticks * TICK_MS };
}

// ---------------------------------------------------------------------------------------
// Data and the Vega-Lite page

async function ensureData() {
  await fs.mkdir(DATA, { recursive: true });
  const files = {};
  for (const n of SIZES) {
    const file = path.join(DATA, `synthetic-catalogue-${label(n)}.csv`);
    if (!existsSync(file)) {
      log(`data: writing ${path.relative(repo, file)} (SYNTHETIC, seed ${SEED})`);
      await writeCatalogue(file, { rows: rowsOf(n), seed: SEED, titles: isShort(n) ? 'short' : 'long' });
    }
    files[n] = file;
  }
  const series = path.join(DATA, 'synthetic-series-1m.csv');
  if (!existsSync(series)) {
    log(`data: writing ${path.relative(repo, series)} (SYNTHETIC)`);
    await writeSeries(series, { rows: 1_000_000 });
  }
  return { files, series };
}

async function buildVegaLitePage() {
  const dir = path.join(DATA, 'vegalite');
  await fs.mkdir(dir, { recursive: true });
  const esbuild = await import(pathToFileURL(path.join(PEERS, 'esbuild', 'lib', 'main.js')).href);
  await esbuild.build({
    entryPoints: [path.join(here, 'vegalite-page.mjs')],
    outfile: path.join(dir, 'vl.js'),
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    nodePaths: [PEERS],
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
  });
  await fs.writeFile(
    path.join(dir, 'index.html'),
    `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>bench: Vega-Lite explore</title><link rel="icon" href="data:,">
<style>body{margin:0;padding:16px;font-family:"Noto Sans CJK SC",sans-serif}#chart{width:700px}</style></head>
<body><input id="file" type="file"><div id="chart"></div><script type="module" src="vl.js"></script></body></html>\n`,
  );
  return dir;
}

// ---------------------------------------------------------------------------------------
// One explorer run

async function explorerRun(url, file, { reaggregate = true } = {}) {
  const browser = await launch();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${url}${EXPLORER}`);
    await page.waitForFunction(() => document.documentElement.getAttribute('data-explore-loaded') === '1', null, { timeout: TIMEOUT });
    const before = await rendererMemory(browser);
    await page.evaluate(() => {
      window.__t0 = null;
      document.getElementById('file').addEventListener('change', () => (window.__t0 = performance.now()), { capture: true, once: true });
      window.__long = [];
      new PerformanceObserver((l) => window.__long.push(...l.getEntries().map((e) => e.duration))).observe({ type: 'longtask' });
    });
    await page.setInputFiles('#file', file);
    await page.waitForFunction(() => document.documentElement.getAttribute('data-explore-loaded') === '2', null, { timeout: TIMEOUT, polling: 50 });
    const first = await page.evaluate(() => ({
      ms: performance.getEntriesByName('explore:first-chart').at(-1).startTime - window.__t0,
      data: window.stdvizExplore.data,
      timing: window.stdvizExplore.timings.at(-1),
      long: window.__long.slice(),
    }));
    const after = await rendererMemory(browser);
    const out = {
      firstChartMs: first.ms,
      readMs: first.data.timing.read,
      parseMs: first.data.timing.parse + (first.data.timing.streamedParse ?? 0),
      streamedParseMs: first.data.timing.streamedParse ?? 0,
      firstQueryMs: first.timing.query,
      firstDrawMs: first.timing.draw,
      wasmMB: first.data.memory / 1048576,
      peakMB: after.peakMB,
      baselinePeakMB: before.peakMB,
      rssAfterMB: after.rssMB,
      cpuMs: after.cpuMs - before.cpuMs,
      longTasks: first.long,
      errors,
    };
    if (reaggregate) {
      await page.selectOption('#add-filter', '状态');
      const box = page.locator('.ex-filter[data-field="状态"] input[type=checkbox][value="废止"]');
      await box.waitFor();
      await page.waitForFunction(() => window.stdvizExplore.idle);
      out.reaggregations = [];
      for (let k = 0; k < REAGG; k++) {
        const n = await page.evaluate(() => window.stdvizExplore.renders);
        await box.click();
        await page.waitForFunction((n) => window.stdvizExplore.renders > n && window.stdvizExplore.idle, n, { timeout: TIMEOUT });
        const t = await page.evaluate(() => window.stdvizExplore.timings.at(-1));
        out.reaggregations.push({ queryMs: t.query, totalMs: t.total, drawMs: t.draw, matched: t.matched });
      }
    }
    return out;
  } finally {
    await browser.close();
  }
}

async function explorerLine(url, file) {
  const browser = await launch();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await page.goto(`${url}${EXPLORER}`);
    await page.waitForFunction(() => document.documentElement.getAttribute('data-explore-loaded') === '1', null, { timeout: TIMEOUT });
    await page.setInputFiles('#file', file);
    await page.waitForFunction(() => document.documentElement.getAttribute('data-explore-loaded') === '2', null, { timeout: TIMEOUT });
    const step = async (fn) => {
      const n = await page.evaluate(() => window.stdvizExplore.renders);
      await fn();
      await page.waitForFunction((n) => window.stdvizExplore.renders > n && window.stdvizExplore.idle, n, { timeout: TIMEOUT });
    };
    await step(() => page.selectOption('#form', 'line'));
    await step(() => page.selectOption('#op', 'none'));
    await step(() => page.selectOption('#x', 'x'));
    await step(() => page.selectOption('#y', 'y'));
    const requery = [];
    for (let k = 0; k < 5; k++) {
      await step(() => page.fill('#title', `line ${k}`));
      requery.push(await page.evaluate(() => window.stdvizExplore.timings.at(-1)));
    }
    const redraw = await page.evaluate(() => {
      const h = window.stdvizExplore.chart;
      const out = [];
      for (let k = 0; k < 9; k++) {
        const t0 = performance.now();
        h.resize();
        out.push(performance.now() - t0);
      }
      return out;
    });
    const result = await page.evaluate(() => window.stdvizExplore.result);
    return {
      points: result.decimatedFrom,
      drawn: result.rows.length,
      redrawMs: redraw,
      requeryMs: requery.map((t) => t.query),
      requeryDrawMs: requery.map((t) => t.draw),
      requeryTotalMs: requery.map((t) => t.total),
    };
  } finally {
    await browser.close();
  }
}

// ---------------------------------------------------------------------------------------
// One Vega-Lite run

async function vegaLiteRun(url, file, { reaggregate = true } = {}) {
  const browser = await launch();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(url);
    await page.waitForSelector('html[data-bench-ready]');
    const before = await rendererMemory(browser);
    await page.setInputFiles('#file', file);
    const t = await page.evaluate(() => window.benchVL.load(document.getElementById('file').files[0]));
    const after = await rendererMemory(browser);
    const out = { firstChartMs: t.total, readMs: t.read, parseMs: t.parse, chartMs: t.chart, peakMB: after.peakMB, baselinePeakMB: before.peakMB, rssAfterMB: after.rssMB, cpuMs: after.cpuMs - before.cpuMs, errors };
    if (reaggregate) {
      out.reaggregations = [];
      for (let k = 0; k < REAGG; k++) {
        const r = await page.evaluate((v) => window.benchVL.refilter(v), k % 2 ? null : '现行');
        out.reaggregations.push({ totalMs: r.total });
      }
    }
    return out;
  } finally {
    await browser.close();
  }
}

async function vegaLiteLine(url, file) {
  const browser = await launch();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await page.goto(url);
    await page.waitForSelector('html[data-bench-ready]');
    await page.setInputFiles('#file', file);
    const first = await page.evaluate(() => window.benchVL.line(document.getElementById('file').files[0]));
    const redraw = [];
    for (let k = 0; k < 5; k++) redraw.push((await page.evaluate(() => window.benchVL.redraw())).total);
    return { points: first.rows, firstMs: first.total, redrawMs: redraw };
  } finally {
    await browser.close();
  }
}

// ---------------------------------------------------------------------------------------

const { files, series } = await ensureData();
const stdvizServer = await serve(DIST);
let vlServer = null;
if (VL) vlServer = await serve(await buildVegaLitePage());
const results = { machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, load: os.loadavg(), chromium: null }, sizes: {}, line: {} };
try {
  const probe = await launch();
  results.machine.chromium = probe.version();
  await probe.close();
  for (const n of SIZES) {
    const r = { explorer: [], vegalite: [] };
    for (let k = 0; k < RUNS; k++) {
      log(`explorer ${label(n)} run ${k + 1}/${RUNS}`);
      r.explorer.push(await explorerRun(stdvizServer.url, files[n]));
      if (VL) {
        log(`vega-lite ${label(n)} run ${k + 1}/${RUNS}`);
        r.vegalite.push(await vegaLiteRun(vlServer.url, files[n]));
      }
    }
    results.sizes[n] = r;
  }
  log('explorer line 1m');
  results.line.explorer = await explorerLine(stdvizServer.url, series);
  if (VL) {
    log('vega-lite line 1m');
    results.line.vegalite = await vegaLiteLine(vlServer.url, series);
  }
} finally {
  await stdvizServer.close();
  await vlServer?.close();
}
results.machine.loadAfter = os.loadavg();
await fs.mkdir(path.dirname(path.resolve(args.out)), { recursive: true });
await fs.writeFile(path.resolve(args.out), `${JSON.stringify(results, null, 2)}\n`);

// ---------------------------------------------------------------------------------------
// Tables

const f0 = (x) => (x == null ? '—' : Math.round(x).toLocaleString('en-US'));
const f1 = (x) => (x == null ? '—' : x.toFixed(1));
const m = (runs, key) => median(runs.map((r) => r[key]));
const reagg = (runs, key) => median(runs.flatMap((r) => (r.reaggregations || []).map((x) => x[key])));
const lines = [];
lines.push(`Explorer vs Vega-Lite ${VL ? '6' : '(skipped)'} — ${results.machine.chromium ? `Chromium ${results.machine.chromium}` : ''}, ${results.machine.cpus} CPUs, load average ${results.machine.load.map((x) => x.toFixed(1)).join(' ')}; medians of ${RUNS} runs (SYNTHETIC data).`);
lines.push('');
lines.push('| rows | explorer: load + first chart (tab CPU) | of which parse | VL: load + first chart (tab CPU) | explorer peak RSS (before) | wasm (worker) | VL peak RSS (before) | explorer re-aggregation: engine / to screen | VL re-aggregation |');
lines.push('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const n of SIZES) {
  const e = results.sizes[n].explorer;
  const v = results.sizes[n].vegalite;
  lines.push(
    `| ${rowsOf(n).toLocaleString('en-US')}${isShort(n) ? ' (short titles)' : ''} | ${f0(m(e, 'firstChartMs'))} ms (${f0(m(e, 'cpuMs'))}) | ${f0(m(e, 'parseMs'))} ms | ${VL ? `${f0(m(v, 'firstChartMs'))} ms (${f0(m(v, 'cpuMs'))})` : '—'} | ` +
      `${f0(m(e, 'peakMB'))} MB (${f0(m(e, 'baselinePeakMB'))}) | ${f0(m(e, 'wasmMB'))} MB | ${VL ? `${f0(m(v, 'peakMB'))} MB (${f0(m(v, 'baselinePeakMB'))})` : '—'} | ` +
      `${f1(reagg(e, 'queryMs'))} / ${f1(reagg(e, 'totalMs'))} ms | ${VL ? `${f1(reagg(v, 'totalMs'))} ms` : '—'} |`,
  );
}
lines.push('');
const le = results.line.explorer;
const lv = results.line.vegalite;
lines.push('| 1,000,000-point line | points drawn | redraw (layout + paint) | re-query (decimation in the worker) + draw |');
lines.push('| --- | ---: | ---: | ---: |');
lines.push(`| explorer (min/max per pixel column) | ${f0(le.drawn)} | ${f1(median(le.redrawMs))} ms | ${f1(median(le.requeryMs))} + ${f1(median(le.requeryDrawMs))} ms |`);
if (lv) lines.push(`| Vega-Lite (every point) | ${f0(lv.points)} | ${f1(median(lv.redrawMs))} ms | — (first draw ${f0(lv.firstMs)} ms) |`);
const long = SIZES.map((n) => `${label(n)}: ${JSON.stringify(results.sizes[n].explorer.map((r) => r.longTasks.map(Math.round)))}`).join('; ');
lines.push('');
lines.push(`Main-thread long tasks (> 50 ms) while the explorer loaded, per run: ${long}.`);
console.log(lines.join('\n'));
