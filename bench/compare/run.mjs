#!/usr/bin/env node
// stdviz side by side with ECharts 6 and Vega-Lite 6 (issue #8): one command.
//
//   node bench/compare/run.mjs [--runs 12] [--warmup 2] [--native-runs N] [--dpr 1] [--skip-build]
//
// --skip-build skips cargo and trunk (uses target/release/stdviz and bench/out/compare/stdviz
// as they are); the peers' pages are always rebuilt.
//
// 1. `npm ci --prefix bench/compare` when the pinned peer packages are not installed;
// 2. `cargo build --release` (the stdviz CLI) and `trunk build --release --dist
//    bench/out/compare/stdviz` (the page), then build.mjs (the peers' pages, esbuild);
// 3. in one headless Chromium, loads the three pages alternately (the order rotates every
//    iteration: A B C, B C A, C A B, …), each load in a fresh browser context, `warmup`
//    iterations not counted, then `runs` counted ones; per load: time from navigation start
//    to the ready mark, bytes of every response, JS heap and (stdviz) wasm memory;
// 4. natively, alternately: `stdviz render` vs `vl2svg` and `vg2svg` (vega-cli) per chart,
//    whole-process wall time, plus an empty `node` process as the floor of the Node tools;
// 5. writes bench/out/compare/results.json and BENCHMARKS.md (latest run per machine kind).
//
// A benchmark, not a test: it never asserts on time. It exits non-zero only when a build
// fails, a page does not draw all its charts, or a native renderer fails.

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync, constants as zlib } from 'node:zlib';
import { CHARTS, BOX } from './charts.mjs';
import { OUT, REPO, buildPeers, finishStdvizPage, pagePath } from './build.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2);
const { values: args } = parseArgs({
  args: argv,
  options: {
    runs: { type: 'string', default: '12' },
    warmup: { type: 'string', default: '2' },
    'native-runs': { type: 'string' },
    dpr: { type: 'string', default: '1' },
    'skip-build': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (args.help) {
  console.log('usage: node bench/compare/run.mjs [--runs 12] [--warmup 2] [--native-runs N] [--dpr 1] [--skip-build]');
  process.exit(0);
}
const RUNS = Number(args.runs);
const WARMUP = Number(args.warmup);
const NATIVE_RUNS = Number(args['native-runs'] ?? args.runs);
const DPR = Number(args.dpr);
if (![RUNS, WARMUP, NATIVE_RUNS].every(Number.isInteger) || RUNS < 1 || WARMUP < 0 || NATIVE_RUNS < 1 || !(DPR > 0)) {
  console.error('run.mjs: need integer --runs >= 1, --warmup >= 0, --native-runs >= 1 and --dpr > 0');
  process.exit(2);
}
if (RUNS < 10 || NATIVE_RUNS < 10) console.error('run.mjs: note: fewer than 10 counted runs; p95 is then just the maximum');

const COMMAND = ['node bench/compare/run.mjs', ...argv].join(' ');
const log = (s) => process.stderr.write(s + '\n');
const rel = (p) => path.relative(REPO, p) || '.';

// ---------------------------------------------------------------------------------------
// Setup and builds

const PATH = [path.join(os.homedir(), '.cargo', 'bin'), path.join(REPO, 'node_modules', '.bin'), process.env.PATH].join(':');

function sh(cmd, cmdArgs, opts = {}) {
  log(`$ ${[cmd, ...cmdArgs].join(' ')}`);
  const t0 = performance.now();
  const r = spawnSync(cmd, cmdArgs, { cwd: REPO, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, PATH }, ...opts });
  if (r.error || r.status !== 0) {
    throw new Error(`\`${[cmd, ...cmdArgs].join(' ')}\` failed: ${r.error ? r.error.message : `exit ${r.status}`}`);
  }
  return (performance.now() - t0) / 1000;
}

const compareDir = here;
const pkg = JSON.parse(readFileSync(path.join(compareDir, 'package.json'), 'utf8'));
function installedVersion(name) {
  try {
    return JSON.parse(readFileSync(path.join(compareDir, 'node_modules', name, 'package.json'), 'utf8')).version;
  } catch {
    return null;
  }
}
function peersInstalled() {
  return Object.entries(pkg.devDependencies).every(([n, v]) => installedVersion(n) === v);
}

const buildTimes = {};
if (!peersInstalled()) {
  // vega-cli depends on node-canvas, whose install script would build a native addon
  // (no prebuilt download here, no cairo headers). package.json's allowScripts denies it;
  // --ignore-scripts does the same on an npm without allowScripts. Without node-canvas,
  // vg2svg still writes SVG; vega then estimates text widths instead of measuring them.
  buildTimes.npmCi = sh('npm', ['ci', '--prefix', rel(compareDir), '--ignore-scripts', '--no-audit', '--no-fund']);
  if (!peersInstalled()) throw new Error('npm ci did not install the pinned versions of bench/compare/package.json');
}
const VERSIONS = Object.fromEntries(Object.keys(pkg.devDependencies).map((n) => [n, installedVersion(n)]));
const playwrightCore = path.join(REPO, 'node_modules', 'playwright-core');
if (!existsSync(playwrightCore)) {
  throw new Error(`${rel(playwrightCore)} is missing: run scripts/setup.sh (it installs the root npm tools)`);
}
VERSIONS['playwright-core'] = JSON.parse(readFileSync(path.join(playwrightCore, 'package.json'), 'utf8')).version;

const STDVIZ_BIN = path.join(REPO, 'target', 'release', 'stdviz');
const STDVIZ_DIR = path.join(OUT, 'stdviz');
if (!args['skip-build']) {
  buildTimes.cargoRelease = sh('cargo', ['build', '--release']);
  buildTimes.trunkRelease = sh('trunk', ['build', '--release', '--dist', rel(STDVIZ_DIR)]);
}
await finishStdvizPage(STDVIZ_DIR);
{
  // The peers' pages take a few seconds: always rebuilt, so they match charts.mjs.
  const t0 = performance.now();
  await buildPeers();
  buildTimes.peersEsbuild = (performance.now() - t0) / 1000;
}
if (!existsSync(STDVIZ_BIN)) throw new Error(`${rel(STDVIZ_BIN)} is missing: run without --skip-build`);

function gitRev() {
  const r = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO, encoding: 'utf8' });
  const d = spawnSync('git', ['status', '--porcelain', '--', 'src', 'www', 'Cargo.toml', 'Cargo.lock', 'Trunk.toml'], {
    cwd: REPO,
    encoding: 'utf8',
  });
  return `${(r.stdout || '?').trim()}${d.stdout && d.stdout.trim() ? ' + uncommitted changes in src/www/Cargo' : ''}`;
}

// ---------------------------------------------------------------------------------------
// Statistics

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}
function quantile(xs, q) {
  // Nearest rank: the smallest sample with at least a fraction q of the samples at or below it.
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.max(1, Math.ceil(q * s.length)) - 1];
}
function stats(xs) {
  return { median: median(xs), p95: quantile(xs, 0.95), min: Math.min(...xs), max: Math.max(...xs), n: xs.length, samples: xs };
}
const rotate = (xs, k) => xs.map((_, i) => xs[(i + k) % xs.length]);

// ---------------------------------------------------------------------------------------
// In the browser

const { chromium } = await import(pathToFileURL(path.join(playwrightCore, 'index.mjs')).href);
const { serve } = await import(pathToFileURL(path.join(REPO, 'tests', 'e2e', 'server.mjs')).href);

const LAUNCH = {
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic'],
};
const VIEWPORT = { width: 1280, height: 900 };

const LIBS = [
  { id: 'stdviz', name: 'stdviz', dir: STDVIZ_DIR, mark: 'stdviz:ready', drawnAttr: 'data-stdviz-ready' },
  { id: 'echarts', name: `ECharts ${VERSIONS.echarts}`, dir: path.join(OUT, 'echarts'), mark: 'chart:ready', drawnAttr: 'data-chart-ready' },
  {
    id: 'vegalite',
    name: `Vega-Lite ${VERSIONS['vega-lite']} + vega-embed ${VERSIONS['vega-embed']}`,
    dir: path.join(OUT, 'vegalite'),
    mark: 'chart:ready',
    drawnAttr: 'data-chart-ready',
  },
];

function kindOf(url) {
  const p = new URL(url).pathname;
  const ext = path.extname(p).toLowerCase();
  if (p.endsWith('/') || ext === '.html') return 'html';
  return { '.wasm': 'wasm', '.js': 'js', '.mjs': 'js', '.json': 'json', '.css': 'css' }[ext] || 'other';
}

// Runs in the page before any of its scripts: keeps trunk's wasm exports (for the size of
// the wasm linear memory) when the page is stdviz's. Installed on every page alike.
function initScript() {
  addEventListener('TrunkApplicationStarted', (e) => { window.__benchWasm = e.detail && e.detail.wasm; }, { once: true });
}

async function loadOnce(browser, lib, url) {
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: DPR });
  await context.route((u) => u.hostname !== '127.0.0.1', (route) => route.abort());
  await context.addInitScript(initScript);
  const errors = [];
  const bodies = [];
  try {
    const page = await context.newPage();
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('response', (res) => {
      bodies.push(
        res.body().then(
          (b) => ({ url: res.url(), status: res.status(), body: b }),
          () => ({ url: res.url(), status: res.status(), body: Buffer.alloc(0) }),
        ),
      );
    });
    await page.goto(url, { waitUntil: 'commit' });
    // Wait for the mark without polling the page: a PerformanceObserver resolves on it.
    await page.evaluate(
      ({ mark, drawnAttr }) =>
        new Promise((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`no ${mark} within 30 s`)), 30_000);
          const done = () => { clearTimeout(timer); resolve(); };
          if (performance.getEntriesByName(mark).length) return done();
          new PerformanceObserver((list, obs) => {
            if (list.getEntriesByName(mark).length) { obs.disconnect(); done(); }
          }).observe({ type: 'mark', buffered: true });
          new MutationObserver(() => {
            const err = document.documentElement.getAttribute('data-chart-error');
            if (err) { clearTimeout(timer); reject(new Error(err)); }
          }).observe(document.documentElement, { attributes: true });
          void drawnAttr;
        }),
      { mark: lib.mark, drawnAttr: lib.drawnAttr },
    );
    const m = await page.evaluate(({ mark, drawnAttr }) => {
      const canvases = [...document.querySelectorAll('.box')].map((box) =>
        [...box.querySelectorAll('canvas')].map((c) => {
          const r = c.getBoundingClientRect();
          return { css: [Math.round(r.width), Math.round(r.height)], backing: [c.width, c.height] };
        }),
      );
      const wasm = window.__benchWasm;
      return {
        ready: performance.getEntriesByName(mark)[0].startTime,
        drawn: Number(document.documentElement.getAttribute(drawnAttr)),
        boxes: document.querySelectorAll('.box').length,
        canvases,
        wasmMemory: wasm && wasm.memory ? wasm.memory.buffer.byteLength : null,
        perfMemory: performance.memory ? performance.memory.usedJSHeapSize : null,
      };
    }, { mark: lib.mark, drawnAttr: lib.drawnAttr });
    const cdp = await context.newCDPSession(page);
    const heapBeforeGc = await cdp.send('Runtime.getHeapUsage');
    await cdp.send('HeapProfiler.collectGarbage');
    const heapAfterGc = await cdp.send('Runtime.getHeapUsage');
    const responses = await Promise.all(bodies);
    return { ...m, heapBeforeGc, heapAfterGc, responses, errors };
  } finally {
    await context.close();
  }
}

function bytesOf(responses) {
  const byKind = {};
  for (const r of responses) {
    const k = kindOf(r.url);
    const e = (byKind[k] ||= { raw: 0, gzip9: 0, files: 0 });
    e.raw += r.body.length;
    e.gzip9 += gzipSync(r.body, { level: zlib.Z_BEST_COMPRESSION }).length;
    e.files += 1;
  }
  const total = Object.values(byKind).reduce((t, e) => ({ raw: t.raw + e.raw, gzip9: t.gzip9 + e.gzip9, files: t.files + e.files }), {
    raw: 0,
    gzip9: 0,
    files: 0,
  });
  const files = responses.map((r) => ({
    path: new URL(r.url).pathname,
    status: r.status,
    raw: r.body.length,
    gzip9: gzipSync(r.body, { level: zlib.Z_BEST_COMPRESSION }).length,
  }));
  return { byKind, total, files };
}

const servers = {};
const browser = await chromium.launch(LAUNCH);
const chromiumVersion = browser.version();
const loads = Object.fromEntries(LIBS.map((l) => [l.id, []]));
let failed = false;
try {
  for (const lib of LIBS) servers[lib.id] = await serve(lib.dir);
  const iterations = WARMUP + RUNS;
  for (let i = 0; i < iterations; i++) {
    const counted = i >= WARMUP;
    const order = rotate(LIBS, i % LIBS.length);
    const line = [];
    for (const lib of order) {
      const r = await loadOnce(browser, lib, servers[lib.id].url);
      loads[lib.id].push({ iteration: i, counted, ...r });
      line.push(`${lib.id} ${r.ready.toFixed(0)} ms`);
      if (r.drawn !== CHARTS.length) {
        failed = true;
        log(`  ${lib.id}: drew ${r.drawn} of ${CHARTS.length} charts; errors: ${r.errors.join(' | ')}`);
      }
    }
    log(`page ${String(i + 1).padStart(2)}/${iterations}${counted ? '' : ' (warm-up)'}: ${line.join(', ')}`);
  }
  // One screenshot per page, for a person to check that the three draw the same charts.
  for (const lib of LIBS) {
    const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: DPR });
    const page = await context.newPage();
    await page.goto(servers[lib.id].url);
    await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, lib.mark, { timeout: 30_000 });
    await page.screenshot({ path: path.join(OUT, `${lib.id}.png`), fullPage: true });
    await context.close();
  }
} finally {
  await browser.close();
  for (const s of Object.values(servers)) await s.close();
}

const browserResults = {};
for (const lib of LIBS) {
  const counted = loads[lib.id].filter((l) => l.counted);
  const bytes = bytesOf(counted[0].responses);
  const sameBytes = counted.every((l) => l.responses.reduce((t, r) => t + r.body.length, 0) === bytes.total.raw);
  browserResults[lib.id] = {
    name: lib.name,
    readyMs: stats(counted.map((l) => l.ready)),
    heapUsedAfterGc: median(counted.map((l) => l.heapAfterGc.usedSize)),
    heapUsedBeforeGc: median(counted.map((l) => l.heapBeforeGc.usedSize)),
    heapUsage: counted[0].heapAfterGc,
    wasmMemory: counted[0].wasmMemory,
    bytes,
    sameBytesEveryLoad: sameBytes,
    canvases: counted[0].canvases,
    chartsDrawn: counted.map((l) => l.drawn),
    consoleErrors: loads[lib.id].flatMap((l) => l.errors.map((e) => ({ iteration: l.iteration, error: e }))),
  };
}
// Paired ratios: the loads of one iteration ran back to back, so their ratio cancels drift.
const pairedReadyRatio = {};
for (const peer of ['echarts', 'vegalite']) {
  const s = loads.stdviz.filter((l) => l.counted);
  const p = loads[peer].filter((l) => l.counted);
  pairedReadyRatio[peer] = median(s.map((l, k) => l.ready / p[k].ready));
}

// ---------------------------------------------------------------------------------------
// Natively

// Let the browser's processes finish exiting before timing processes.
await new Promise((r) => setTimeout(r, 2000));
const NATIVE = path.join(OUT, 'native');
await fs.rm(NATIVE, { recursive: true, force: true });
await fs.mkdir(NATIVE, { recursive: true });
const NODE = process.execPath;
const VL2VG = path.join(compareDir, 'node_modules', 'vega-lite', 'bin', 'vl2vg');
const VL2SVG = path.join(compareDir, 'node_modules', 'vega-lite', 'bin', 'vl2svg');
const VG2SVG = path.join(compareDir, 'node_modules', 'vega-cli', 'bin', 'vg2svg');

function run(cmd, cmdArgs) {
  const t0 = performance.now();
  const r = spawnSync(cmd, cmdArgs, { cwd: REPO, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const ms = performance.now() - t0;
  if (r.error || r.status !== 0) {
    throw new Error(`\`${[cmd, ...cmdArgs].join(' ')}\` failed: ${r.error ? r.error.message : `exit ${r.status}: ${r.stderr}`}`);
  }
  return { ms, stderr: r.stderr };
}

function svgSize(file) {
  const head = readFileSync(file, 'utf8').slice(0, 400);
  const w = /<svg[^>]*\swidth="([\d.]+)"/.exec(head);
  const h = /<svg[^>]*\sheight="([\d.]+)"/.exec(head);
  return { width: w ? Number(w[1]) : null, height: h ? Number(h[1]) : null, bytes: readFileSync(file).length };
}

const nativeTasks = [];
for (const chart of CHARTS) {
  const specPath = path.join(REPO, chart.spec);
  // stdviz resolves data.url against the spec folder's parent; give vega the same base.
  const base = path.dirname(path.dirname(specPath)) + path.sep;
  const spec = JSON.parse(await fs.readFile(specPath, 'utf8'));
  // "container" has no meaning without a page: a fixed width, the whole view (padding
  // included) fitted to it, which is what the page's container width gives.
  const vl = { ...spec, width: BOX.width, autosize: { type: 'fit-x', contains: 'padding' } };
  const vlFile = path.join(NATIVE, `${chart.id}.vl.json`);
  const vgFile = path.join(NATIVE, `${chart.id}.vg.json`);
  await fs.writeFile(vlFile, JSON.stringify(vl, null, 2));
  const compiled = spawnSync(NODE, [VL2VG, vlFile, vgFile], { cwd: REPO, encoding: 'utf8' });
  if (compiled.status !== 0) throw new Error(`vl2vg ${rel(vlFile)} failed: ${compiled.stderr}`);
  const out = (tool) => path.join(NATIVE, `${chart.id}.${tool}.svg`);
  nativeTasks.push(
    { chart: chart.id, tool: 'stdviz', label: '`stdviz render` (Rust, release)', cmd: STDVIZ_BIN, args: ['render', specPath, '-o', out('stdviz'), '--width', String(BOX.width)], out: out('stdviz') },
    { chart: chart.id, tool: 'vl2svg', label: '`vl2svg` (Vega-Lite → Vega → SVG, Node)', cmd: NODE, args: [VL2SVG, vlFile, out('vl2svg'), '-b', base], out: out('vl2svg') },
    { chart: chart.id, tool: 'vg2svg', label: '`vg2svg` (precompiled Vega → SVG, Node)', cmd: NODE, args: [VG2SVG, vgFile, out('vg2svg'), '-b', base], out: out('vg2svg') },
  );
}
nativeTasks.push({ chart: '-', tool: 'node', label: 'empty Node process (`node -e 0`), the floor of the two above', cmd: NODE, args: ['-e', '0'] });

const nativeSamples = new Map(nativeTasks.map((t) => [t, []]));
const nativeStderr = new Map();
const NATIVE_WARMUP = 1;
for (let i = 0; i < NATIVE_WARMUP + NATIVE_RUNS; i++) {
  for (const t of rotate(nativeTasks, i % nativeTasks.length)) {
    const r = run(t.cmd, t.args);
    if (i >= NATIVE_WARMUP) nativeSamples.get(t).push(r.ms);
    if (r.stderr.trim()) nativeStderr.set(`${t.chart} ${t.tool}`, r.stderr.trim().split('\n').slice(0, 3).join(' | '));
  }
  log(`native ${String(i + 1).padStart(2)}/${NATIVE_WARMUP + NATIVE_RUNS}${i < NATIVE_WARMUP ? ' (warm-up)' : ''}`);
}
const nativeResults = nativeTasks.map((t) => ({
  chart: t.chart,
  tool: t.tool,
  label: t.label,
  command: [t.cmd === NODE ? 'node' : rel(t.cmd), ...t.args.map((a) => (path.isAbsolute(a) ? rel(a) : a))].join(' '),
  wallMs: stats(nativeSamples.get(t)),
  output: t.out ? svgSize(t.out) : null,
  stderr: nativeStderr.get(`${t.chart} ${t.tool}`) || null,
}));

// ---------------------------------------------------------------------------------------
// Machine, results.json

function cpuModel() {
  try {
    const m = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    return m ? m[1].trim() : os.cpus()[0]?.model || 'unknown';
  } catch {
    return os.cpus()[0]?.model || 'unknown';
  }
}
const nproc = spawnSync('nproc', [], { encoding: 'utf8' }).stdout.trim() || String(os.cpus().length);
const freeH = spawnSync('free', ['-h'], { encoding: 'utf8' }).stdout.trimEnd();
const memTotal = (/^Mem:\s+(\S+)/m.exec(freeH) || [])[1] || `${Math.round(os.totalmem() / 2 ** 30)}Gi`;
const machine = { nproc, cpu: cpuModel(), memTotal, free: freeH, kernel: `${os.platform()} ${os.release()}`, node: process.version };
const machineKey = `${nproc} cores · ${machine.cpu} · ${memTotal} RAM`;
const date = new Date().toISOString();

const results = {
  date,
  command: COMMAND,
  machine,
  machineKey,
  chromium: chromiumVersion,
  stdvizRevision: gitRev(),
  versions: VERSIONS,
  charts: CHARTS,
  box: BOX,
  viewport: VIEWPORT,
  deviceScaleFactor: DPR,
  runs: RUNS,
  warmup: WARMUP,
  nativeRuns: NATIVE_RUNS,
  nativeWarmup: NATIVE_WARMUP,
  buildSeconds: buildTimes,
  browser: browserResults,
  pairedReadyRatio,
  native: nativeResults,
};
await fs.mkdir(OUT, { recursive: true });
await fs.writeFile(path.join(OUT, 'results.json'), JSON.stringify(results, null, 2) + '\n');

// ---------------------------------------------------------------------------------------
// BENCHMARKS.md

const B = browserResults;
const ms = (x) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));
const int = (n) => (n == null ? '–' : n.toLocaleString('en-US'));
const kib = (n) => (n == null ? '–' : `${(n / 1024).toFixed(1)} KiB`);
const ratio = (a, b) => (a == null || b == null || !b ? '–' : `${(a / b).toFixed(2)}`);

function row(label, f, fmt) {
  const v = LIBS.map((l) => f(B[l.id]));
  return `| ${label} | ${v.map(fmt).join(' | ')} | ${ratio(v[0], v[1])} | ${ratio(v[2] == null ? null : v[0], v[2])} |`;
}
const libHeader = `| | ${LIBS.map((l) => B[l.id].name).join(' | ')} | stdviz/ECharts | stdviz/Vega-Lite |\n|---|---:|---:|---:|---:|---:|`;

const kinds = ['js', 'wasm', 'html', 'json', 'css', 'other'].filter((k) => LIBS.some((l) => B[l.id].bytes.byKind[k]));
const sizeRows = [];
for (const k of kinds) {
  sizeRows.push(row(`${k.toUpperCase()} raw`, (b) => b.bytes.byKind[k]?.raw ?? 0, int));
  sizeRows.push(row(`${k.toUpperCase()} gzip -9`, (b) => b.bytes.byKind[k]?.gzip9 ?? 0, int));
}

const canvasText = (b) =>
  b.canvases
    .map((cs, i) => `${CHARTS[i].id} ${cs.map((c) => `${c.css[0]}×${c.css[1]}`).join('+') || 'none'}`)
    .join(', ');

const nativeByChart = CHARTS.map((c) => {
  const rowsFor = nativeResults.filter((r) => r.chart === c.id);
  const s = rowsFor.find((r) => r.tool === 'stdviz');
  return rowsFor
    .map(
      (r) =>
        `| ${c.id} | ${r.label} | ${ms(r.wallMs.median)} | ${ms(r.wallMs.p95)} | ${r.tool === 'stdviz' ? '1' : ratio(s.wallMs.median, r.wallMs.median)} | ${r.output.width}×${r.output.height}, ${int(r.output.bytes)} B |`,
    )
    .join('\n');
}).join('\n');
const nodeFloor = nativeResults.find((r) => r.tool === 'node');

const errorsNote = LIBS.filter((l) => B[l.id].consoleErrors.length)
  .map((l) => `${l.id}: ${B[l.id].consoleErrors.length} console errors (first: ${B[l.id].consoleErrors[0].error.slice(0, 160)})`)
  .join('; ');

const section = `<!-- bench-compare machine="${machineKey}" -->
## ${machineKey}

Latest run: ${date}. Command (from the repository root):

\`\`\`sh
${COMMAND}
\`\`\`

Machine: \`nproc\` ${nproc}; CPU \`${machine.cpu}\` (/proc/cpuinfo); ${machine.kernel}; Node ${process.version}; Chromium ${chromiumVersion} (headless, \`--disable-gpu\`), viewport ${VIEWPORT.width}×${VIEWPORT.height}, devicePixelRatio ${DPR}.

\`\`\`text
$ free -h
${freeH}
\`\`\`

stdviz ${results.stdvizRevision}; ${Object.entries(VERSIONS).map(([n, v]) => `${n} ${v}`).join(', ')}.

Charts (${CHARTS.length}, every page draws all of them, in boxes ${BOX.width} CSS px wide): ${CHARTS.map((c) => `${c.id} — ${c.label}, \`${c.spec}\``).join('; ')}.

### In the browser: one page with all charts

Each load in a fresh browser context (empty cache, fresh wasm/JS compile), pages served by
\`tests/e2e/server.mjs\` on 127.0.0.1 without compression; ${WARMUP} warm-up iteration(s), then ${RUNS} counted,
the three pages alternating with the order rotated every iteration. Ratios are of the
medians (below 1: stdviz smaller or faster). Paired ratio = median over iterations of
stdviz's time ÷ the peer's time in the same iteration. p95 is nearest-rank: with fewer
than 20 samples it is the slowest one.

${libHeader}
${row('ready, median (ms)', (b) => b.readyMs.median, ms)}
${row('ready, p95 (ms)', (b) => b.readyMs.p95, ms)}
| ready, min–max (ms) | ${LIBS.map((l) => `${ms(B[l.id].readyMs.min)}–${ms(B[l.id].readyMs.max)}`).join(' | ')} | | |
| paired ratio of ready times | | | | ${pairedReadyRatio.echarts.toFixed(2)} | ${pairedReadyRatio.vegalite.toFixed(2)} |
${row('**bytes fetched, raw**', (b) => b.bytes.total.raw, (x) => `**${int(x)}**`)}
${row('**bytes fetched, gzip -9**', (b) => b.bytes.total.gzip9, (x) => `**${int(x)}**`)}
${sizeRows.join('\n')}
${row('requests', (b) => b.bytes.total.files, int)}
${row('JS heap used after render, after a forced GC (bytes)', (b) => b.heapUsedAfterGc, int)}
${row('JS heap used after render, before GC (bytes)', (b) => b.heapUsedBeforeGc, int)}
${row('wasm linear memory (bytes)', (b) => b.wasmMemory, int)}
${row('JS heap after GC + wasm memory (bytes)', (b) => b.heapUsedAfterGc + (b.wasmMemory || 0), int)}

(Heap: CDP
\`Runtime.getHeapUsage\` usedSize, median of the counted loads; the wasm linear memory is an
ArrayBuffer outside the V8 heap, so it is not in that figure: it is read from the module's
\`memory.buffer.byteLength\`; its first MiB is the stack rustc reserves for wasm32. The peers
have no wasm.)

### Natively: chart spec → SVG file, whole process

Wall time of the whole process (spawnSync), ${NATIVE_WARMUP} warm-up round, then ${NATIVE_RUNS} counted, the commands
alternating in a rotating order. Vega-Lite gets the same spec with \`width: ${BOX.width}\` and
\`autosize: fit-x, contains: padding\` in place of \`"container"\`; \`stdviz render … --width ${BOX.width}\`.

| chart | tool | median (ms) | p95 (ms) | stdviz/this | output |
|---|---|---:|---:|---:|---|
${nativeByChart}
| – | ${nodeFloor.label} | ${ms(nodeFloor.wallMs.median)} | ${ms(nodeFloor.wallMs.p95)} | | |

### What is not equal

- **Page content.** stdviz's page is trunk's release build of \`www/index.html\` with its
  \`<body>\` replaced by the same boxes as the peers' pages (\`bench/compare/build.mjs\`): no
  masthead or figure cards (the project page's cards are not drawn here). Its \`<head>\` is
  trunk's, so it also fetches \`style.css\` (${int(B.stdviz.bytes.byKind.css?.raw ?? 0)} B), which the peers' pages do not have.
- **Fetches.** stdviz's loader fetches each spec and then the spec's data file, once per
  chart; the ECharts page does the same (its option builders read the spec, so titles and
  axis names come from the same file); vega-embed loads each spec by URL and Vega loads
  the data per chart. Bytes are the response bodies as served (no gzip on the wire);
  the gzip -9 column is what a compressing server would send.
- **Drawn sizes** (CSS px per canvas): stdviz ${canvasText(B.stdviz)}; ECharts ${canvasText(B.echarts)};
  Vega-Lite ${canvasText(B.vegalite)}. ECharts fills its ${BOX.width}×${BOX.height} box; stdviz and
  Vega size the height from the spec (\`height: 240\` is the plot height).
- **Features.** ECharts is registered with bar, pie, title, grid, legend, tooltip, graphic
  (the source line) and aria, animation off (its 'finished' event would otherwise wait for
  the entry animation). vega-embed brings the whole Vega runtime (parser, dataflow,
  expression interpreter, tooltip handler) and compiles Vega-Lite in the page. stdviz has
  no tooltips yet (the specs ask for \`tooltip: true\`; the peers show them). All three
  label the chart for screen readers: stdviz an \`aria-label\` summary on each canvas,
  ECharts' aria component a generated description on its container, Vega the spec's
  \`description\` on its container.
- **Looks.** The screenshots (\`bench/out/compare/*.png\`) show the same bars, sectors,
  colours and titles. Vega-Lite draws no source line (\`usermeta.stdviz.source\` is
  stdviz's own; stdviz and ECharts draw it), rotates the bar chart's Chinese x labels by
  90°, and orders the donut's sectors differently from its legend; ECharts' legend has no
  title.
- **Ready signal.** ECharts: every chart's 'finished' event, then one animation frame;
  Vega-Lite: \`embed()\` and \`view.runAsync()\` resolved, then one frame; stdviz: its loader's
  \`stdviz:ready\` (one frame after every ChartView drew). All three pages run the same
  init script (kept for stdviz's wasm memory).
- **Native peers run on Node**: most of their time is Node start-up and module loading
  (an empty Node process is listed). vega-cli's node-canvas is not installed
  (\`allowScripts\` denies its native build), so Vega estimates every text's width as
  0.8 × characters × font size instead of measuring it (stdviz measures with its own
  advance-width table); the SVGs are laid out slightly differently from the page's.
${errorsNote ? `- **Console errors**: ${errorsNote}.\n` : ''}${nativeStderr.size ? `- **Native stderr** (not errors): ${[...nativeStderr].map(([k, v]) => `${k}: ${v}`).join('; ').slice(0, 400)}.\n` : ''}
<!-- /bench-compare -->
`;

const benchPath = path.join(REPO, 'BENCHMARKS.md');
const header = `# Benchmarks

stdviz side by side with ECharts and Vega-Lite, written by \`node bench/compare/run.mjs\`
(see \`bench/compare/README.md\`). Only the latest run per machine kind is kept; the raw
samples of the latest run are in \`bench/out/compare/results.json\` (not committed).
The machines are shared and noisy: absolute times drift from run to run, the ratios hold
better. Nothing here is a test; nothing asserts on time.
`;
let existing = existsSync(benchPath) ? await fs.readFile(benchPath, 'utf8') : '';
const sections = [];
const re = /<!-- bench-compare machine="([^"]*)" -->[\s\S]*?<!-- \/bench-compare -->\n?/g;
for (const m of existing.matchAll(re)) if (m[1] !== machineKey) sections.push(m[0].trimEnd() + '\n');
sections.push(section);
await fs.writeFile(benchPath, `${header}\n${sections.join('\n')}`);

log(`\nwrote ${rel(benchPath)} and ${rel(path.join(OUT, 'results.json'))}; screenshots ${LIBS.map((l) => rel(path.join(OUT, `${l.id}.png`))).join(', ')}`);
console.log(section);
if (failed) {
  log('run.mjs: some page did not draw all its charts (see above)');
  process.exitCode = 1;
}
