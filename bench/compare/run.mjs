#!/usr/bin/env node
// stdviz side by side with ECharts 6 and Vega-Lite 6 (issue #8): one command.
//
//   node bench/compare/run.mjs [--runs 10] [--warmup 2] [--hovers 6] [--updates 2] [--dpr 1]
//                              [--native-runs N] [--dist DIR | --skip-build] [--charts a,b]
//                              [--skip-native] [--timeout 180] [--benchmarks BENCHMARKS.md]
//
// 1. `npm ci --prefix bench/compare` when the pinned peer packages are not installed;
// 2. `cargo build --release` (the stdviz CLI) and `trunk build --release --dist
//    bench/out/compare/trunk` (the embed script, glue and wasm), unless --dist names a
//    trunk build to use or --skip-build reuses both; then build.mjs: the chart files
//    (SYNTHETIC data generated from a fixed seed, charts.mjs) and one page per library and
//    chart (ECharts tree-shaken per page with esbuild);
// 3. in one headless Chromium (/usr/bin/chromium via playwright-core), for every chart, the
//    three libraries' pages alternate (order rotated each iteration: A B C, B C A, C A B …),
//    each load in a fresh browser context; `warmup` iterations are not counted, then `runs`
//    counted ones. Per load: time from navigation start to the ready mark, bytes of every
//    response, JS heap (CDP Performance.getMetrics) and wasm memory after render, then
//    hover samples (pointer event → frame painted after the library redrew) and data
//    updates (update call → frame painted);
// 4. natively, alternately: `stdviz render` vs `vl2svg` and `vg2svg` (vega-cli) per chart,
//    whole-process wall time, plus an empty `node` process as the floor of the Node tools;
// 5. writes bench/out/compare/results.json (every sample) and BENCHMARKS.md (latest run
//    per machine kind; only for a full run: not with --charts or --skip-native, and not
//    with --benchmarks '').
//
// A benchmark, not a test: it never asserts on time. It exits 1 when a chart fails to
// render (a page that does not draw, a native renderer that fails), after writing what it
// measured; 2 on bad arguments or a failed build/setup. A hover or update that cannot be
// measured is reported in the output, not as a failure.

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync, constants as zlib } from 'node:zlib';
import { CHARTS as ALL_CHARTS, BOX, SEED } from './charts.mjs';
import { FILES, OUT, REPO, buildPeers, buildStdviz, writeChartFiles } from './build.mjs';
import { median, stats as summary } from '../lib/stats.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2);
const USAGE = `usage: node bench/compare/run.mjs [options]
  --runs N          counted iterations (default 10; >= 10 for a meaningful p95)
  --warmup N        iterations not counted (default 2)
  --hovers N        counted hover samples per load (default 6, after 2 not counted)
  --updates N       counted data updates per load (default 2, after 1 not counted)
  --native-runs N   counted native rounds (default: --runs)
  --dpr N           devicePixelRatio (default 1)
  --dist DIR        use this \`trunk build --release\` output instead of building one
  --skip-build      no cargo/trunk build: reuse target/release/stdviz and bench/out/compare/trunk
  --charts a,b      only these charts (ids in charts.mjs); BENCHMARKS.md is then not written
  --skip-native     no native rounds; BENCHMARKS.md is then not written
  --timeout S       seconds a page may take to draw (default 180)
  --benchmarks F    where to write the Markdown (default BENCHMARKS.md; '' writes none)`;
let args;
try {
  ({ values: args } = parseArgs({
    args: argv,
    options: {
      runs: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '2' },
      hovers: { type: 'string', default: '6' },
      updates: { type: 'string', default: '2' },
      'native-runs': { type: 'string' },
      dpr: { type: 'string', default: '1' },
      dist: { type: 'string' },
      'skip-build': { type: 'boolean', default: false },
      charts: { type: 'string' },
      'skip-native': { type: 'boolean', default: false },
      timeout: { type: 'string', default: '180' },
      benchmarks: { type: 'string', default: 'BENCHMARKS.md' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  }));
} catch (e) {
  console.error(`run.mjs: ${e.message}\n${USAGE}`);
  process.exit(2);
}
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}
const int = (s) => (/^\d+$/.test(String(s)) ? Number(s) : NaN);
const RUNS = int(args.runs);
const WARMUP = int(args.warmup);
const HOVERS = int(args.hovers);
const UPDATES = int(args.updates);
const NATIVE_RUNS = int(args['native-runs'] ?? args.runs);
const DPR = Number(args.dpr);
const TIMEOUT_MS = Number(args.timeout) * 1000;
const HOVER_WARMUP = 2;
const UPDATE_WARMUP = 1;
if (![RUNS, WARMUP, HOVERS, UPDATES, NATIVE_RUNS].every(Number.isInteger) || RUNS < 1 || NATIVE_RUNS < 1 || !(DPR > 0) || !(TIMEOUT_MS > 0)) {
  console.error(`run.mjs: need integers --runs >= 1, --warmup, --hovers, --updates >= 0, --native-runs >= 1, and --dpr, --timeout > 0\n${USAGE}`);
  process.exit(2);
}
if (args.dist && args['skip-build']) {
  console.error('run.mjs: --dist and --skip-build exclude each other');
  process.exit(2);
}
let CHARTS = ALL_CHARTS;
if (args.charts) {
  const want = args.charts.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = want.filter((id) => !ALL_CHARTS.some((c) => c.id === id));
  if (unknown.length) {
    console.error(`run.mjs: unknown chart(s) ${unknown.join(', ')}; known: ${ALL_CHARTS.map((c) => c.id).join(', ')}`);
    process.exit(2);
  }
  CHARTS = ALL_CHARTS.filter((c) => want.includes(c.id));
}
const PARTIAL = CHARTS.length !== ALL_CHARTS.length || args['skip-native'];
if (RUNS < 10 || (!args['skip-native'] && NATIVE_RUNS < 10)) console.error('run.mjs: note: fewer than 10 counted runs; p95 is then the slowest sample');

const COMMAND = ['node bench/compare/run.mjs', ...argv].join(' ');
const log = (s) => process.stderr.write(s + '\n');
/** `stdviz render` options for the limits a chart's page passes to render(). */
const limitArgs = (options) =>
  Object.entries(options?.limits ?? {}).flatMap(([name, value]) => ['--limit', `${name}=${value}`]);
const rel = (p) => path.relative(REPO, p) || '.';

function fatal(e) {
  log(`run.mjs: ${e && e.message ? e.message : e}`);
  process.exit(2);
}

// ---------------------------------------------------------------------------------------
// Setup and builds

const PATH = [path.join(os.homedir(), '.cargo', 'bin'), path.join(REPO, 'node_modules', '.bin'), process.env.PATH].join(':');

function sh(cmd, cmdArgs) {
  log(`$ ${[cmd, ...cmdArgs].join(' ')}`);
  const t0 = performance.now();
  const r = spawnSync(cmd, cmdArgs, { cwd: REPO, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, PATH } });
  if (r.error || r.status !== 0) throw new Error(`\`${[cmd, ...cmdArgs].join(' ')}\` failed: ${r.error ? r.error.message : `exit ${r.status}`}`);
  return (performance.now() - t0) / 1000;
}

const pkg = JSON.parse(readFileSync(path.join(here, 'package.json'), 'utf8'));
function installedVersion(name) {
  try {
    return JSON.parse(readFileSync(path.join(here, 'node_modules', name, 'package.json'), 'utf8')).version;
  } catch {
    return null;
  }
}
const peersInstalled = () => Object.entries(pkg.devDependencies).every(([n, v]) => installedVersion(n) === v);

const buildTimes = {};
const STDVIZ_BIN = path.join(REPO, 'target', 'release', 'stdviz');
const TRUNK_DIR = args.dist ? path.resolve(args.dist) : path.join(OUT, 'trunk');
// The root tools' playwright-core (scripts/setup.sh); PLAYWRIGHT_CORE_DIR names another copy.
const playwrightCore = process.env.PLAYWRIGHT_CORE_DIR ? path.resolve(process.env.PLAYWRIGHT_CORE_DIR) : path.join(REPO, 'node_modules', 'playwright-core');
let VERSIONS;
let updates;
let stdvizStem;
try {
  if (!peersInstalled()) {
    // vega-cli depends on node-canvas, whose install script would build a native addon
    // (no prebuilt download here, no cairo headers). package.json's allowScripts denies it;
    // --ignore-scripts does the same on an npm without allowScripts. Without node-canvas,
    // vg2svg still writes SVG; vega then estimates text widths instead of measuring them.
    buildTimes.npmCi = sh('npm', ['ci', '--prefix', rel(here), '--ignore-scripts', '--no-audit', '--no-fund']);
    if (!peersInstalled()) throw new Error('npm ci did not install the pinned versions of bench/compare/package.json');
  }
  VERSIONS = Object.fromEntries(Object.keys(pkg.devDependencies).map((n) => [n, installedVersion(n)]));
  if (!existsSync(playwrightCore)) throw new Error(`${playwrightCore} is missing: run scripts/setup.sh (it installs the root npm tools), or set PLAYWRIGHT_CORE_DIR`);
  VERSIONS['playwright-core'] = JSON.parse(readFileSync(path.join(playwrightCore, 'package.json'), 'utf8')).version;

  if (!args['skip-build']) {
    if (!args['skip-native']) buildTimes.cargoRelease = sh('cargo', ['build', '--release']);
    if (!args.dist) buildTimes.trunkRelease = sh('trunk', ['build', '--release', '--dist', rel(TRUNK_DIR)]);
  }
  if (!args['skip-native'] && !existsSync(STDVIZ_BIN)) throw new Error(`${rel(STDVIZ_BIN)} is missing: run without --skip-build`);
  const t0 = performance.now();
  updates = await writeChartFiles();
  ({ stem: stdvizStem } = await buildStdviz(TRUNK_DIR));
  await buildPeers();
  buildTimes.pages = (performance.now() - t0) / 1000;
} catch (e) {
  fatal(e);
}

function gitRev() {
  const r = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO, encoding: 'utf8' });
  const d = spawnSync('git', ['status', '--porcelain', '--', 'src', 'www', 'Cargo.toml', 'Cargo.lock', 'Trunk.toml'], { cwd: REPO, encoding: 'utf8' });
  return `${(r.stdout || '?').trim()}${d.stdout && d.stdout.trim() ? ' + uncommitted changes in src/www/Cargo' : ''}`;
}

// ---------------------------------------------------------------------------------------
// Statistics

/** The summary of `xs` (bench/lib/stats.mjs) with the samples themselves; null without any. */
function stats(xs) {
  const s = summary(xs);
  return s && { ...s, samples: xs };
}
const rotate = (xs, k) => xs.map((_, i) => xs[(i + k) % xs.length]);

// ---------------------------------------------------------------------------------------
// In the browser: the page side (functions serialised into the page)

/** Init script, before any page script: keeps every wasm memory the page instantiates. */
function initScript() {
  const memories = (window.__benchWasmMemories = []);
  const keep = (instance) => {
    try {
      for (const v of Object.values(instance.exports)) if (v instanceof WebAssembly.Memory && !memories.includes(v)) memories.push(v);
    } catch {
      // not an instance
    }
  };
  const streaming = WebAssembly.instantiateStreaming;
  if (streaming) {
    WebAssembly.instantiateStreaming = async function (...a) {
      const r = await streaming.apply(this, a);
      keep(r.instance);
      return r;
    };
  }
  const instantiate = WebAssembly.instantiate;
  WebAssembly.instantiate = async function (...a) {
    const r = await instantiate.apply(this, a);
    keep(r instanceof WebAssembly.Instance ? r : r.instance);
    return r;
  };
}

/** Resolves when the page's ready mark is set; rejects on the page's error signal or timeout. */
function waitReady({ mark, timeout }) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${mark} mark within ${timeout / 1000} s`)), timeout);
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    const error = () => {
      const e = document.documentElement.getAttribute('data-chart-error') || document.querySelector('[data-stdviz-error]')?.getAttribute('data-stdviz-error');
      if (e) {
        clearTimeout(timer);
        reject(new Error(e));
      }
    };
    if (performance.getEntriesByName(mark).length) return done();
    new PerformanceObserver((list, obs) => {
      if (list.getEntriesByName(mark).length) {
        obs.disconnect();
        done();
      }
    }).observe({ type: 'mark', buffered: true });
    new MutationObserver(error).observe(document.documentElement, { attributes: true, subtree: true, attributeFilter: ['data-chart-error', 'data-stdviz-error'] });
    error();
  });
}

/** After ready: what was drawn, and the wasm memory. */
function afterReady({ lib, mark }) {
  const box = document.querySelector('[data-chart]');
  const root = lib === 'stdviz' ? box.shadowRoot ?? box : box;
  const canvases = [...root.querySelectorAll('canvas')].map((c) => {
    const r = c.getBoundingClientRect();
    return { css: [Math.round(r.width), Math.round(r.height)], backing: [c.width, c.height] };
  });
  const drawn = lib === 'stdviz' ? box.getAttribute('data-stdviz-state') === 'rendered' : document.documentElement.getAttribute('data-chart-ready') === '1';
  const mems = window.__benchWasmMemories || [];
  return {
    ready: performance.getEntriesByName(mark)[0].startTime,
    drawn,
    canvases,
    wasmMemory: mems.length ? mems.reduce((t, m) => t + m.buffer.byteLength, 0) : null,
    wasmInstances: mems.length,
    error: box.getAttribute('data-stdviz-error') || document.documentElement.getAttribute('data-chart-error'),
  };
}

/**
 * Installs the hover probe: counts canvas drawing calls (clears, rectangles, path fills
 * and strokes, text, blits: any redraw makes at least one), and times pointer events. One sample, after window.__arm():
 *   - a capturing pointermove listener on window notes the event's timeStamp (when the
 *     browser received the input);
 *   - a bubbling one, which runs after the chart's own listeners, asks for an animation
 *     frame; in it, if the library has drawn since the event (its redraw runs in an earlier
 *     frame callback, or in the event's microtasks), a MessageChannel message is posted,
 *     whose task runs after the frame's rendering update: that moment is "painted";
 *     otherwise it waits for the next frame (up to 600 frames).
 */
function installProbe() {
  if (window.__arm) return;
  window.__draws = 0;
  const P = CanvasRenderingContext2D.prototype;
  for (const m of ['clearRect', 'fillRect', 'fill', 'stroke', 'fillText', 'drawImage', 'putImageData']) {
    const f = P[m];
    P[m] = function () {
      window.__draws++;
      return f.apply(this, arguments);
    };
  }
  const raf = window.requestAnimationFrame.bind(window);
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    const s = window.__hv;
    if (!s || s.painted !== undefined) return;
    s.painted = performance.now();
    s.resolve();
  };
  addEventListener(
    'pointermove',
    (e) => {
      const s = window.__hv;
      if (!s || s.timeStamp !== undefined) return;
      s.timeStamp = e.timeStamp;
      s.begin = performance.now();
    },
    { capture: true },
  );
  addEventListener('pointermove', () => {
    const s = window.__hv;
    if (!s || s.handled !== undefined || s.begin === undefined) return;
    s.handled = performance.now();
    const poll = () => {
      s.frames++;
      if (window.__draws > s.draws0) {
        s.drawnBy = performance.now();
        channel.port2.postMessage(0);
      } else if (s.frames < 600) raf(poll);
      else {
        s.painted = null;
        s.resolve();
      }
    };
    raf(poll);
  });
  window.__arm = () => {
    const s = { frames: 0, draws0: window.__draws };
    s.promise = new Promise((r) => (s.resolve = r));
    window.__hv = s;
  };
}

async function hoverSample(timeout) {
  const s = window.__hv;
  const t = new Promise((r) => setTimeout(() => r('timeout'), timeout));
  if ((await Promise.race([s.promise, t])) === 'timeout') return { error: s.begin === undefined ? 'no pointermove reached the page' : 'no frame' };
  if (s.painted === null) return { error: 'no canvas redraw within 600 frames of the pointer event' };
  return { eventToPainted: s.painted - s.timeStamp, dispatchToPainted: s.painted - s.begin, frames: s.frames };
}

/** Page coordinates of the hover targets; `d` = stdviz's data at its marks. */
function locate({ lib, targets, enc }) {
  const num = (s) => Number(String(s).replace(/,/g, ''));
  const close = (a, b) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a));
  if (lib === 'stdviz') {
    const el = document.querySelector('[data-chart]');
    const v = el.stdviz;
    const canvas = (el.shadowRoot ?? el).querySelector('canvas');
    const r = canvas.getBoundingClientRect();
    return targets.map((t) => {
      const a = v.markAnchor(t.mark);
      return a ? { x: r.left + a[0], y: r.top + a[1] } : { error: `stdviz has no mark ${t.mark}` };
    });
  }
  if (lib === 'echarts') {
    const chart = window.bench.chart;
    const r = chart.getDom().getBoundingClientRect();
    return targets.map((d) => {
      for (const s of chart.getModel().getSeries()) {
        if (d.series != null && s.name !== d.series) continue;
        const data = s.getData();
        const type = s.subType;
        const xy = type === 'line' || type === 'scatter';
        const dims = xy ? [data.mapDimension('x'), data.mapDimension('y')] : null;
        for (let i = 0; i < data.count(); i++) {
          const ok = xy ? close(data.get(dims[1], i), d.value) && close(data.get(dims[0], i), num(d.label)) : data.getName(i) === d.label;
          if (!ok) continue;
          const points = data.getLayout('points');
          const l = points ? [points[2 * i], points[2 * i + 1]] : data.getItemLayout(i);
          if (!l) return { error: `no layout for ${type} item ${i}` };
          if (Array.isArray(l) || ArrayBuffer.isView(l)) return { x: r.left + l[0], y: r.top + l[1] };
          if ('r0' in l) {
            const mid = (l.startAngle + l.endAngle) / 2;
            const rm = (l.r0 + l.r) / 2;
            return { x: r.left + l.cx + rm * Math.cos(mid), y: r.top + l.cy + rm * Math.sin(mid) };
          }
          return { x: r.left + l.x + l.width / 2, y: r.top + l.y + l.height / 2 };
        }
      }
      return { error: `ECharts has no item for ${JSON.stringify(d)}` };
    });
  }
  // Vega: search the scenegraph's mark items for the datum.
  const view = window.bench.view;
  const canvas = view.container().querySelector('canvas');
  const r = canvas.getBoundingClientRect();
  // The renderer draws at the view's origin plus its padding.
  const pad = view.padding();
  const ox = view.origin()[0] + (pad.left || 0);
  const oy = view.origin()[1] + (pad.top || 0);
  const items = [];
  const walk = (node) => {
    if (!node) return;
    if (node.marktype) {
      for (const it of node.items || []) {
        if (node.marktype === 'group') walk(it);
        else if (node.role === 'mark' && it.datum) items.push({ mark: node, it });
      }
    } else if (node.items) node.items.forEach(walk);
  };
  walk(view.scenegraph().root);
  return targets.map((d) => {
    for (const { mark, it } of items) {
      const dt = it.datum;
      let ok;
      if (mark.marktype === 'arc') ok = String(dt[enc.color]) === d.label;
      else if (mark.marktype === 'line' || mark.marktype === 'symbol') {
        ok = close(Number(dt[enc.y]), d.value) && close(Number(dt[enc.x]), num(d.label)) && (d.series == null || String(dt[enc.color]) === d.series);
      } else ok = String(dt[enc.x]) === d.label && (d.series == null || String(dt[enc.color]) === d.series);
      if (!ok) continue;
      let gx = 0;
      let gy = 0;
      for (let g = mark.group; g; g = g.mark && g.mark.group) {
        gx += g.x || 0;
        gy += g.y || 0;
      }
      let x = it.x;
      let y = it.y;
      if (mark.marktype === 'rect') {
        // Vega-Lite bars set y and y2 (or x and x2), not always width/height: use the bounds.
        x = (it.bounds.x1 + it.bounds.x2) / 2;
        y = (it.bounds.y1 + it.bounds.y2) / 2;
      } else if (mark.marktype === 'arc') {
        const mid = (it.startAngle + it.endAngle) / 2;
        const rm = (it.innerRadius + it.outerRadius) / 2;
        x += rm * Math.sin(mid);
        y -= rm * Math.cos(mid);
      }
      return { x: r.left + ox + gx + x, y: r.top + oy + gy + y };
    }
    return { error: `Vega has no mark item for ${JSON.stringify(d)}` };
  });
}

/** Stores the update texts in the page (outside any timing). */
function stageUpdate({ texts, url }) {
  window.__updates = { texts, bytes: texts.map((t) => new TextEncoder().encode(t)), url, k: 0 };
}

/** One data update, alternating new data and the original; time to the frame painted. */
async function updateOnce({ lib, timeout }) {
  const u = window.__updates;
  const k = u.k++ % 2;
  const frame = () =>
    new Promise((resolve) =>
      requestAnimationFrame(() => {
        const ch = new MessageChannel();
        ch.port1.onmessage = resolve;
        ch.port2.postMessage(0);
      }),
    );
  let run;
  if (lib === 'stdviz') {
    const h = document.querySelector('[data-chart]').stdviz;
    const spec = h.source.text;
    // The idiomatic path: the handle's update with the data file's bytes (what a fetch gives).
    run = () => h.update(spec, { data: { [u.url]: u.bytes[k] } });
  } else if (lib === 'echarts') {
    const { chart, optionFor } = window.bench;
    // setOption (merge) with the option built from the new rows, then ECharts' 'finished'.
    run = () => {
      const done = new Promise((resolve) => {
        const h = () => {
          chart.off('finished', h);
          resolve();
        };
        chart.on('finished', h);
      });
      chart.setOption(optionFor(u.texts[k]));
      return done;
    };
  } else {
    const { view, spec } = window.bench;
    const prop = spec.data.format && spec.data.format.property;
    // Replace the dataset's tuples (view.data = change with remove all + insert), run.
    run = async () => {
      const doc = JSON.parse(u.texts[k]);
      view.data('source_0', prop ? prop.split('.').reduce((o, p) => o[p], doc) : doc);
      await view.runAsync();
    };
  }
  const t0 = performance.now();
  const timer = new Promise((_, reject) => setTimeout(() => reject(new Error(`update not drawn within ${timeout / 1000} s`)), timeout));
  await Promise.race([run(), timer]);
  const t1 = performance.now();
  await frame();
  return { call: t1 - t0, painted: performance.now() - t0 };
}

// ---------------------------------------------------------------------------------------
// In the browser: the node side

let chromium;
let serve;
let LAUNCH; // how every browser test and benchmark of the project launches Chromium
try {
  ({ chromium } = await import(pathToFileURL(path.join(playwrightCore, 'index.mjs')).href));
  ({ serve } = await import(pathToFileURL(path.join(REPO, 'tests', 'e2e', 'server.mjs')).href));
  ({ LAUNCH } = await import(pathToFileURL(path.join(REPO, 'tests', 'e2e', 'chromium.mjs')).href));
} catch (e) {
  fatal(new Error(`cannot load playwright-core or tests/e2e/{server,chromium}.mjs (run scripts/setup.sh): ${e.message.split('\n')[0]}`));
}
if (!existsSync(LAUNCH.executablePath)) fatal(new Error(`${LAUNCH.executablePath} is missing (Debian package chromium; scripts/setup.sh; or set CHROMIUM)`));

const VIEWPORT = { width: 1280, height: 900 };
const LIBS = [
  { id: 'stdviz', name: 'stdviz', mark: 'stdviz:ready' },
  { id: 'echarts', name: `ECharts ${VERSIONS.echarts}`, mark: 'chart:ready' },
  { id: 'vegalite', name: `Vega-Lite ${VERSIONS['vega-lite']}`, mark: 'chart:ready' },
];

function kindOf(url) {
  const p = new URL(url).pathname;
  const ext = path.extname(p).toLowerCase();
  if (p.endsWith('/') || ext === '.html') return 'html';
  return { '.wasm': 'wasm', '.js': 'js', '.mjs': 'js', '.json': 'json', '.css': 'css' }[ext] || 'other';
}

function bytesOf(responses) {
  const byKind = {};
  const files = [];
  for (const r of responses) {
    const gz = gzipSync(r.body, { level: zlib.Z_BEST_COMPRESSION }).length;
    const e = (byKind[kindOf(r.url)] ||= { raw: 0, gzip9: 0, files: 0 });
    e.raw += r.body.length;
    e.gzip9 += gz;
    e.files += 1;
    files.push({ path: new URL(r.url).pathname, status: r.status, raw: r.body.length, gzip9: gz });
  }
  const total = files.reduce((t, f) => ({ raw: t.raw + f.raw, gzip9: t.gzip9 + f.gzip9, files: t.files + 1 }), { raw: 0, gzip9: 0, files: 0 });
  return { byKind, total, files };
}

const metric = (m, name) => m.metrics.find((x) => x.name === name)?.value ?? null;
const within = (p, ms, what) => Promise.race([p, new Promise((_, reject) => setTimeout(() => reject(new Error(`${what}: no answer within ${ms / 1000} s`)), ms))]);

/** Stdviz's data at its hover marks, per chart: what the peers hover too. */
const hoverTargets = {};
/**
 * Hover targets from the data file, for the peers when stdviz did not draw the chart: the
 * rows at the same fractions, as stdviz's hitTest would describe them.
 */
function dataTargets(chart) {
  const spec = JSON.parse(readFileSync(path.join(FILES, chart.spec), 'utf8'));
  const doc = JSON.parse(readFileSync(path.join(FILES, spec.data.url), 'utf8'));
  const prop = spec.data.format && spec.data.format.property;
  const rows = prop ? prop.split('.').reduce((o, k) => o[k], doc) : doc;
  const e = spec.encoding;
  const cat = e.theta ? e.color : e.x;
  const val = e.theta || e.y;
  return chart.hover(rows.length).map((i) => ({
    mark: null,
    label: String(rows[i][cat.field]),
    series: e.color && !e.theta ? String(rows[i][e.color.field]) : null,
    value: Number(rows[i][val.field]),
    fromData: true,
  }));
}

/** "chart/lib" → why its hover could not be measured (not tried again). */
const hoverSkipped = new Map();

/**
 * One load of one page; then memory, hover and update measurements on it. Returns the
 * sample; `failed` is set when the chart did not render.
 */
async function loadOnce(browser, lib, chart, url, { screenshot, keepBodies }) {
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: DPR });
  const out = { errors: [] };
  try {
    await context.route((u) => u.hostname !== '127.0.0.1', (route) => route.abort());
    await context.addInitScript(initScript);
    const page = await context.newPage();
    page.setDefaultTimeout(TIMEOUT_MS);
    page.on('console', (m) => m.type() === 'error' && out.errors.push(m.text()));
    page.on('pageerror', (e) => out.errors.push(e.message));
    const bodies = [];
    page.on('response', (res) =>
      bodies.push(
        res.body().then(
          (b) => ({ url: res.url(), status: res.status(), body: b }),
          () => ({ url: res.url(), status: res.status(), body: Buffer.alloc(0) }),
        ),
      ),
    );
    // stdviz pages that pass render() options (charts.mjs stdvizOptions) mark chart:ready.
    const mark = lib.id === 'stdviz' && chart.stdvizOptions ? 'chart:ready' : lib.mark;
    await page.goto(url, { waitUntil: 'commit', timeout: TIMEOUT_MS });
    try {
      await within(page.evaluate(waitReady, { mark, timeout: TIMEOUT_MS }), TIMEOUT_MS + 5000, 'ready');
    } catch (e) {
      out.failed = `did not draw: ${e.message.split('\n')[0]}`;
      return out;
    }
    Object.assign(out, await page.evaluate(afterReady, { lib: lib.id, mark }));
    if (!out.drawn) {
      out.failed = `did not draw${out.error ? `: ${out.error}` : ''}`;
      return out;
    }
    // Memory after render: CDP Performance.getMetrics (JSHeapUsedSize), then after a GC.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const m1 = await cdp.send('Performance.getMetrics');
    await cdp.send('HeapProfiler.collectGarbage');
    const m2 = await cdp.send('Performance.getMetrics');
    out.jsHeapUsed = metric(m1, 'JSHeapUsedSize');
    out.jsHeapUsedAfterGc = metric(m2, 'JSHeapUsedSize');
    await cdp.send('Performance.disable');
    const responses = await Promise.all(bodies);
    out.bytesRaw = responses.reduce((t, r) => t + r.body.length, 0);
    if (keepBodies) out.responses = responses;
    if (screenshot) await page.screenshot({ path: screenshot });

    // Hover (skipped for a chart and library whose hover failed once: see hoverError).
    const hoverKey = `${chart.id}/${lib.id}`;
    if (HOVERS > 0 && hoverSkipped.has(hoverKey)) out.hoverError = hoverSkipped.get(hoverKey);
    else if (HOVERS > 0) {
      try {
        if (lib.id === 'stdviz' && !hoverTargets[chart.id]) {
          const n = await page.evaluate(() => document.querySelector('[data-chart]').stdviz.markCount());
          hoverTargets[chart.id] = await page.evaluate((marks) => {
            const v = document.querySelector('[data-chart]').stdviz;
            return marks.map((i) => {
              const a = v.markAnchor(i);
              const d = a && v.hitTest(a[0], a[1]);
              return d ? { mark: i, label: d.label, series: d.series ?? null, value: d.value } : { mark: i, error: `no datum at the anchor of mark ${i}` };
            });
          }, chart.hover(n));
        }
        const targets = hoverTargets[chart.id] ?? (lib.id === 'stdviz' ? null : dataTargets(chart));
        if (!targets) throw new Error('no hover targets');
        if (targets.some((t) => t.error)) throw new Error(targets.find((t) => t.error).error);
        const spec = JSON.parse(readFileSync(path.join(FILES, chart.spec), 'utf8'));
        const e = spec.encoding;
        const enc = { x: e.x?.field, y: e.y?.field ?? e.theta?.field, color: e.color?.field };
        const points = await page.evaluate(locate, { lib: lib.id, targets, enc });
        const bad = points.find((p) => p.error);
        if (bad) throw new Error(bad.error);
        await page.evaluate(installProbe);
        out.hover = [];
        out.hoverPoints = points;
        for (let k = 0; k < HOVER_WARMUP + HOVERS; k++) {
          const p = points[k % 2];
          await page.evaluate(() => window.__arm());
          await page.mouse.move(p.x, p.y);
          const s = await within(page.evaluate(hoverSample, 30_000), 35_000, 'hover');
          if (s.error) throw new Error(`hover sample ${k}: ${s.error}`);
          if (k >= HOVER_WARMUP) out.hover.push(s);
        }
      } catch (e) {
        out.hoverError = e.message.split('\n')[0];
        hoverSkipped.set(hoverKey, out.hoverError);
        delete out.hover;
      }
      await page.mouse.move(1, 1).catch(() => {});
    }

    // Data update.
    if (UPDATES > 0) {
      try {
        const u = updates[chart.id];
        const original = readFileSync(path.join(FILES, u.url), 'utf8');
        await page.evaluate(stageUpdate, { texts: [readFileSync(u.file, 'utf8'), original], url: u.url });
        out.update = [];
        for (let k = 0; k < UPDATE_WARMUP + UPDATES; k++) {
          const s = await within(page.evaluate(updateOnce, { lib: lib.id, timeout: TIMEOUT_MS }), TIMEOUT_MS + 5000, 'update');
          if (k >= UPDATE_WARMUP) out.update.push(s);
        }
      } catch (e) {
        out.updateError = e.message.split('\n')[0];
        delete out.update;
      }
    }
    return out;
  } catch (e) {
    out.failed ??= e.message.split('\n')[0];
    return out;
  } finally {
    await context.close().catch(() => {});
  }
}

const servers = {};
let browser;
let chromiumVersion = '?';
const loads = {}; // chart id → lib id → [sample]
const failures = [];
const SHOTS = path.join(OUT, 'shots');
await fs.rm(SHOTS, { recursive: true, force: true });
await fs.mkdir(SHOTS, { recursive: true });
const load0 = os.loadavg();
try {
  for (const lib of LIBS) servers[lib.id] = await serve(path.join(OUT, lib.id));
  browser = await chromium.launch(LAUNCH);
  chromiumVersion = browser.version();
  const iterations = WARMUP + RUNS;
  for (let i = 0; i < iterations; i++) {
    const counted = i >= WARMUP;
    for (const chart of CHARTS) {
      const line = [];
      for (const lib of rotate(LIBS, i % LIBS.length)) {
        if (!browser.isConnected()) {
          log('  the browser went away: launching it again');
          browser = await chromium.launch(LAUNCH);
        }
        const list = ((loads[chart.id] ||= {})[lib.id] ||= []);
        const keepBodies = counted && !list.some((l) => l.counted && l.responses);
        const r = await loadOnce(browser, lib, chart, `${servers[lib.id].url}${chart.id}.html`, {
          screenshot: list.length === 0 ? path.join(SHOTS, `${chart.id}-${lib.id}.png`) : null,
          keepBodies,
        });
        list.push({ iteration: i, counted, ...r });
        if (r.failed) {
          failures.push(`${chart.id} / ${lib.id} (iteration ${i + 1}): ${r.failed}`);
          line.push(`${lib.id} FAILED`);
          log(`  ${chart.id} ${lib.id}: ${r.failed}${r.errors.length ? `; console: ${r.errors.slice(0, 3).join(' | ')}` : ''}`);
          continue;
        }
        const h = r.hover ? median(r.hover.map((s) => s.eventToPainted)).toFixed(1) : 'n/a';
        const u = r.update ? median(r.update.map((s) => s.painted)).toFixed(0) : 'n/a';
        line.push(`${lib.id} ${r.ready.toFixed(0)} (hover ${h}, update ${u})`);
        if (r.hoverError) log(`  ${chart.id} ${lib.id}: hover not measured: ${r.hoverError}`);
        if (r.updateError) log(`  ${chart.id} ${lib.id}: update not measured: ${r.updateError}`);
      }
      log(`${String(i + 1).padStart(2)}/${iterations}${counted ? '' : ' warm-up'} ${chart.id.padEnd(8)} ms: ${line.join(', ')}`);
    }
  }
} catch (e) {
  log(`run.mjs: the browser part stopped: ${e.stack || e.message}`);
  failures.push(`browser: ${e.message.split('\n')[0]}`);
} finally {
  if (browser) await browser.close().catch(() => {});
  for (const s of Object.values(servers)) await s.close();
}
const load1 = os.loadavg();

const browserResults = {};
for (const chart of CHARTS) {
  browserResults[chart.id] = {};
  for (const lib of LIBS) {
    const all = loads[chart.id]?.[lib.id] || [];
    const ok = all.filter((l) => l.counted && !l.failed);
    const first = ok.find((l) => l.responses);
    const pick = (f) => ok.map(f).filter((x) => x != null);
    browserResults[chart.id][lib.id] = {
      loads: all.filter((l) => l.counted).length,
      failedLoads: all.filter((l) => l.failed).map((l) => ({ iteration: l.iteration, error: l.failed })),
      readyMs: stats(pick((l) => l.ready)),
      bytes: first ? bytesOf(first.responses) : null,
      sameBytesEveryLoad: ok.every((l) => l.bytesRaw === ok[0].bytesRaw),
      jsHeapUsed: stats(pick((l) => l.jsHeapUsed)),
      jsHeapUsedAfterGc: stats(pick((l) => l.jsHeapUsedAfterGc)),
      wasmMemory: stats(pick((l) => l.wasmMemory)),
      wasmInstances: ok[0]?.wasmInstances ?? null,
      hoverMs: stats(ok.flatMap((l) => (l.hover || []).map((s) => s.eventToPainted))),
      hoverDispatchMs: stats(ok.flatMap((l) => (l.hover || []).map((s) => s.dispatchToPainted))),
      hoverFrames: stats(ok.flatMap((l) => (l.hover || []).map((s) => s.frames))),
      hoverErrors: [...new Set(all.map((l) => l.hoverError).filter(Boolean))],
      hoverPoints: ok.find((l) => l.hoverPoints)?.hoverPoints ?? null,
      updateMs: stats(ok.flatMap((l) => (l.update || []).map((s) => s.painted))),
      updateCallMs: stats(ok.flatMap((l) => (l.update || []).map((s) => s.call))),
      updateErrors: [...new Set(all.map((l) => l.updateError).filter(Boolean))],
      canvases: ok[0]?.canvases ?? null,
      consoleErrors: [...new Set(all.flatMap((l) => l.errors))].slice(0, 5),
    };
  }
}
/** Median over iterations of stdviz's value ÷ the peer's in the same iteration. */
function paired(chartId, peer, f) {
  const by = (id) => new Map((loads[chartId]?.[id] || []).filter((l) => l.counted && !l.failed).map((l) => [l.iteration, f(l)]));
  const s = by('stdviz');
  const p = by(peer);
  const r = [...s].filter(([it, v]) => v != null && p.get(it)).map(([it, v]) => v / p.get(it));
  return r.length ? median(r) : null;
}
const pairedReady = Object.fromEntries(CHARTS.map((c) => [c.id, { echarts: paired(c.id, 'echarts', (l) => l.ready), vegalite: paired(c.id, 'vegalite', (l) => l.ready) }]));

// ---------------------------------------------------------------------------------------
// Natively

const nativeResults = [];
const nativeStderr = new Map();
const NATIVE_WARMUP = 1;
if (!args['skip-native']) {
  await new Promise((r) => setTimeout(r, 2000)); // let the browser's processes exit
  const NATIVE = path.join(OUT, 'native');
  await fs.rm(NATIVE, { recursive: true, force: true });
  await fs.mkdir(NATIVE, { recursive: true });
  const NODE = process.execPath;
  const VL2VG = path.join(here, 'node_modules', 'vega-lite', 'bin', 'vl2vg');
  const VL2SVG = path.join(here, 'node_modules', 'vega-lite', 'bin', 'vl2svg');
  const VG2SVG = path.join(here, 'node_modules', 'vega-cli', 'bin', 'vg2svg');
  const NATIVE_TIMEOUT = Math.max(TIMEOUT_MS, 300_000);

  const run = (cmd, cmdArgs) => {
    const t0 = performance.now();
    const r = spawnSync(cmd, cmdArgs, { cwd: REPO, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: NATIVE_TIMEOUT, maxBuffer: 64 << 20 });
    const ms = performance.now() - t0;
    if (r.error || r.status !== 0) {
      return { ms, error: r.error ? r.error.message : `exit ${r.status}${r.signal ? ` (${r.signal})` : ''}: ${(r.stderr || '').trim().split('\n').slice(0, 3).join(' | ')}` };
    }
    return { ms, stderr: r.stderr };
  };
  const svgSize = (file) => {
    try {
      const head = readFileSync(file, 'utf8').slice(0, 600);
      const w = /<svg[^>]*\swidth="([\d.]+)"/.exec(head);
      const h = /<svg[^>]*\sheight="([\d.]+)"/.exec(head);
      return { width: w ? Number(w[1]) : null, height: h ? Number(h[1]) : null, bytes: readFileSync(file).length };
    } catch {
      return null;
    }
  };

  const tasks = [];
  for (const chart of CHARTS) {
    const specPath = path.join(FILES, chart.spec);
    const spec = JSON.parse(await fs.readFile(specPath, 'utf8'));
    // "container" has no meaning without a page: a fixed width, the whole view (padding
    // included) fitted to it, which is what the page's container width gives.
    const vl = { ...spec, width: BOX.width, autosize: { type: 'fit-x', contains: 'padding' } };
    const vlFile = path.join(NATIVE, `${chart.id}.vl.json`);
    const vgFile = path.join(NATIVE, `${chart.id}.vg.json`);
    await fs.writeFile(vlFile, JSON.stringify(vl, null, 2));
    const compiled = run(NODE, [VL2VG, vlFile, vgFile]);
    if (compiled.error) {
      failures.push(`native ${chart.id}: vl2vg failed: ${compiled.error}`);
      continue;
    }
    const out = (tool) => path.join(NATIVE, `${chart.id}.${tool}.svg`);
    // stdviz reads data.url beside the spec's folder (files/); vega gets the same base.
    const base = FILES + path.sep;
    tasks.push(
      { chart: chart.id, tool: 'stdviz', label: '`stdviz render` (Rust, release)', cmd: STDVIZ_BIN, args: ['render', specPath, '-o', out('stdviz'), '--width', String(BOX.width), ...limitArgs(chart.stdvizOptions)], out: out('stdviz') },
      { chart: chart.id, tool: 'vl2svg', label: '`vl2svg` (Vega-Lite → Vega → SVG, Node)', cmd: NODE, args: [VL2SVG, vlFile, out('vl2svg'), '-b', base], out: out('vl2svg') },
      { chart: chart.id, tool: 'vg2svg', label: '`vg2svg` (precompiled Vega → SVG, Node)', cmd: NODE, args: [VG2SVG, vgFile, out('vg2svg'), '-b', base], out: out('vg2svg') },
    );
  }
  tasks.push({ chart: '-', tool: 'node', label: 'empty Node process (`node -e 0`), the floor of the two above', cmd: NODE, args: ['-e', '0'] });
  const samples = new Map(tasks.map((t) => [t, []]));
  const broken = new Map();
  for (let i = 0; i < NATIVE_WARMUP + NATIVE_RUNS; i++) {
    for (const t of rotate(tasks, i % tasks.length)) {
      if (broken.has(t)) continue;
      const r = run(t.cmd, t.args);
      if (r.error) {
        broken.set(t, r.error);
        failures.push(`native ${t.chart} / ${t.tool}: ${r.error}`);
        log(`  native ${t.chart} ${t.tool} failed: ${r.error}`);
        continue;
      }
      if (i >= NATIVE_WARMUP) samples.get(t).push(r.ms);
      if (r.stderr.trim()) nativeStderr.set(`${t.chart} ${t.tool}`, r.stderr.trim().split('\n').slice(0, 2).join(' | '));
    }
    log(`native ${String(i + 1).padStart(2)}/${NATIVE_WARMUP + NATIVE_RUNS}${i < NATIVE_WARMUP ? ' (warm-up)' : ''}`);
  }
  for (const t of tasks) {
    nativeResults.push({
      chart: t.chart,
      tool: t.tool,
      label: t.label,
      command: [t.cmd === NODE ? 'node' : rel(t.cmd), ...t.args.map((a) => (path.isAbsolute(a) ? rel(a) : a))].join(' '),
      wallMs: stats(samples.get(t)),
      output: t.out && !broken.has(t) ? svgSize(t.out) : null,
      error: broken.get(t) || null,
      stderr: nativeStderr.get(`${t.chart} ${t.tool}`) || null,
    });
  }
}

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
const nproc = spawnSync('nproc', [], { encoding: 'utf8' }).stdout?.trim() || String(os.cpus().length);
const freeH = spawnSync('free', ['-h'], { encoding: 'utf8' }).stdout?.trimEnd() || '';
const memTotal = (/^Mem:\s+(\S+)/m.exec(freeH) || [])[1] || `${Math.round(os.totalmem() / 2 ** 30)}Gi`;
const machine = { nproc, cpu: cpuModel(), memTotal, free: freeH, kernel: `${os.platform()} ${os.release()}`, node: process.version, loadavg: { before: load0, after: load1 } };
const machineKey = `${nproc} cores · ${machine.cpu} · ${memTotal} RAM`;
const date = new Date().toISOString();

const results = {
  date,
  command: COMMAND,
  machine,
  machineKey,
  chromium: chromiumVersion,
  stdvizRevision: gitRev(),
  stdvizStem,
  versions: VERSIONS,
  seed: SEED,
  charts: CHARTS.map((c) => ({ id: c.id, label: c.label, synthetic: c.synthetic, spec: c.spec, updateNote: c.updateNote })),
  box: BOX,
  viewport: VIEWPORT,
  deviceScaleFactor: DPR,
  runs: RUNS,
  warmup: WARMUP,
  hovers: { counted: HOVERS, warmup: HOVER_WARMUP, targets: hoverTargets },
  updates: { counted: UPDATES, warmup: UPDATE_WARMUP },
  nativeRuns: args['skip-native'] ? 0 : NATIVE_RUNS,
  buildSeconds: buildTimes,
  browser: browserResults,
  pairedReady,
  native: nativeResults,
  failures,
};
await fs.mkdir(OUT, { recursive: true });
await fs.writeFile(path.join(OUT, 'results.json'), JSON.stringify(results, null, 2) + '\n');

// ---------------------------------------------------------------------------------------
// Markdown

const B = browserResults;
const fmtMs = (x) => (x == null ? '–' : x >= 100 ? x.toFixed(0) : x.toFixed(1));
const fmtInt = (n) => (n == null ? '–' : Math.round(n).toLocaleString('en-US'));
const fmtKiB = (n) => (n == null ? '–' : n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(2)} MiB` : `${(n / 1024).toFixed(1)} KiB`);
const ratio = (a, b) => (a == null || b == null || !b ? null : a / b);
const fmtRatio = (r) => (r == null ? '–' : r.toFixed(2));
const chartName = (c) => `${c.id}${c.synthetic ? ' (SYNTHETIC)' : ''}`;

/** A table: one row per chart, the three libraries, then stdviz/ECharts and stdviz/Vega-Lite. */
function table(value, cell, extra = () => ['', '']) {
  const head = `| chart | stdviz | ${LIBS[1].name} | ${LIBS[2].name} | stdviz/ECharts | stdviz/Vega-Lite |\n|---|---:|---:|---:|---:|---:|`;
  const rows = CHARTS.map((c) => {
    const v = LIBS.map((l) => value(B[c.id][l.id], l.id));
    const ex = extra(c);
    const cellFor = (l, k) => {
      const r = B[c.id][l.id];
      if (!r.readyMs) return 'failed';
      return cell(r, v[k], l.id);
    };
    return `| ${chartName(c)} | ${LIBS.map(cellFor).join(' | ')} | ${fmtRatio(ratio(v[0], v[1]))}${ex[0]} | ${fmtRatio(ratio(v[0], v[2]))}${ex[1]} |`;
  });
  return `${head}\n${rows.join('\n')}`;
}
const medP95 = (s) => (s ? `${fmtMs(s.median)} / ${fmtMs(s.p95)}` : '–');

const readyTable = table(
  (r) => r.readyMs?.median,
  (r) => medP95(r.readyMs),
  (c) => [pairedReady[c.id].echarts, pairedReady[c.id].vegalite].map((p) => (p == null ? '' : ` (paired ${p.toFixed(2)})`)),
);
const hoverNotes = [];
const hoverTable = table(
  (r) => r.hoverMs?.median,
  (r, _v, libId) => {
    if (r.hoverMs) return medP95(r.hoverMs);
    if (!r.hoverErrors.length) return 'n/a';
    const c = CHARTS.find((x) => B[x.id][libId] === r);
    hoverNotes.push(`${c.id} / ${libId}: ${r.hoverErrors[0]}${c.echarts === 'scatter' && libId === 'echarts' ? " (ECharts' `large` mode draws no hover emphasis, only the tooltip)" : ''}`);
    return `n/a (note ${hoverNotes.length})`;
  },
);
const hoverFootnotes = hoverNotes.map((n, i) => `Note ${i + 1}: ${n}.`).join('  \n');
const updateTable = table(
  (r) => r.updateMs?.median,
  (r) => medP95(r.updateMs),
);
const bytesTable = table(
  (r) => r.bytes?.total.gzip9,
  (r) => (r.bytes ? `${fmtKiB(r.bytes.total.raw)} / ${fmtKiB(r.bytes.total.gzip9)}` : '–'),
);
const memTotal_ = (r) => (r.jsHeapUsed?.median == null ? null : r.jsHeapUsed.median + (r.wasmMemory?.median ?? 0));
const memTable = table(memTotal_, (r) => {
  const heap = r.jsHeapUsed?.median;
  const wasm = r.wasmMemory?.median;
  return wasm ? `${fmtKiB(heap)} + ${fmtKiB(wasm)} wasm = ${fmtKiB(heap + wasm)}` : fmtKiB(heap);
});
const memGcTable = table(
  (r) => (r.jsHeapUsedAfterGc?.median == null ? null : r.jsHeapUsedAfterGc.median + (r.wasmMemory?.median ?? 0)),
  (r) => fmtKiB(r.jsHeapUsedAfterGc?.median == null ? null : r.jsHeapUsedAfterGc.median + (r.wasmMemory?.median ?? 0)),
);

// The bytes of one chart by kind: the founding bar chart's page.
const barBytes = (() => {
  const c = CHARTS.find((x) => x.id === 'bar');
  if (!c) return '';
  const kinds = ['js', 'wasm', 'html', 'json', 'css', 'other'].filter((k) => LIBS.some((l) => B.bar[l.id].bytes?.byKind[k]));
  const rows = kinds.map((k) => {
    const v = LIBS.map((l) => B.bar[l.id].bytes?.byKind[k]);
    return `| ${k} | ${v.map((e) => (e ? `${fmtInt(e.raw)} / ${fmtInt(e.gzip9)}` : '0')).join(' | ')} |`;
  });
  return `Bytes of the founding bar chart's page by kind (raw / gzip -9, bytes):\n\n| kind | stdviz | ${LIBS[1].name} | ${LIBS[2].name} |\n|---|---:|---:|---:|\n${rows.join('\n')}\n`;
})();

// Native.
const nativeTable = (() => {
  if (!nativeResults.length) return '_Not run (--skip-native)._';
  const head = '| chart | `stdviz render` | `vl2svg` | `vg2svg` | vg2svg ÷ stdviz | vl2svg ÷ stdviz | SVG sizes (stdviz, vg2svg) |\n|---|---:|---:|---:|---:|---:|---|';
  const rows = CHARTS.map((c) => {
    const g = (tool) => nativeResults.find((r) => r.chart === c.id && r.tool === tool);
    const [s, vl, vg] = ['stdviz', 'vl2svg', 'vg2svg'].map(g);
    const cell = (r) => (!r ? '–' : r.error ? 'failed' : medP95(r.wallMs));
    const size = (r) => (r?.output ? `${r.output.width}×${r.output.height}, ${fmtKiB(r.output.bytes)}` : '–');
    const speed = (r) => fmtRatio(ratio(r?.wallMs?.median, s?.wallMs?.median));
    const times = (r) => (speed(r) === '–' ? '–' : `${speed(r)}×`);
    return `| ${chartName(c)} | ${cell(s)} | ${cell(vl)} | ${cell(vg)} | ${times(vg)} | ${times(vl)} | ${size(s)}; ${size(vg)} |`;
  });
  const node = nativeResults.find((r) => r.tool === 'node');
  return `${head}\n${rows.join('\n')}\n\nEmpty Node process (\`node -e 0\`, the floor of the Node tools): ${medP95(node?.wallMs)} ms.`;
})();

// Targets (issue #8).
function targetRows() {
  const rows = [];
  const row = (what, measured, met, miss) => rows.push(`| ${what} | ${measured} | ${met == null ? 'not measured' : met ? 'met' : `**missed**: ${miss}`} |`);
  const bar = B.bar;
  if (bar) {
    const s = bar.stdviz.bytes?.total.gzip9;
    const e = bar.echarts.bytes?.total.gzip9;
    const r = ratio(s, e);
    row(
      'bytes for one chart ≤ 0.5× ECharts tree-shaken (founding bar page, gzip -9)',
      r == null ? '–' : `${r.toFixed(2)}× (${fmtKiB(s)} vs ${fmtKiB(e)})`,
      r == null ? null : r <= 0.5,
      r == null ? '' : `${(r / 0.5).toFixed(1)}× the target; ${fmtKiB(s - 0.5 * e)} over ${fmtKiB(0.5 * e)}`,
    );
    const sr = ratio(bar.stdviz.bytes?.total.raw, bar.echarts.bytes?.total.raw);
    row('the same, raw bytes (no compression on the wire)', sr == null ? '–' : `${sr.toFixed(2)}×`, sr == null ? null : sr <= 0.5, sr == null ? '' : `${(sr / 0.5).toFixed(1)}× the target`);
    for (const peer of ['echarts', 'vegalite']) {
      const rr = ratio(bar.stdviz.readyMs?.median, bar[peer].readyMs?.median);
      row(
        `time to first chart ≤ 0.5× ${peer === 'echarts' ? 'ECharts' : 'Vega-Lite'} (founding bar page, median)`,
        rr == null ? '–' : `${rr.toFixed(2)}× (${fmtMs(bar.stdviz.readyMs.median)} vs ${fmtMs(bar[peer].readyMs.median)} ms; paired ${fmtRatio(pairedReady.bar[peer])})`,
        rr == null ? null : rr <= 0.5,
        rr == null ? '' : `${(rr / 0.5).toFixed(2)}× the target; ${fmtMs(bar.stdviz.readyMs.median - 0.5 * bar[peer].readyMs.median)} ms too slow`,
      );
    }
  }
  const h = B.bar50?.stdviz.hoverMs;
  row(
    'hover redraw median ≤ 4 ms on the 50-bar chart (SYNTHETIC), pointer event → frame painted',
    h ? `${fmtMs(h.median)} ms (p95 ${fmtMs(h.p95)})` : '–',
    h ? h.median <= 4 : null,
    h ? `${fmtMs(h.median - 4)} ms over (${(h.median / 4).toFixed(1)}× the target)` : '',
  );
  if (nativeResults.length) {
    for (const c of CHARTS) {
      const s = nativeResults.find((r) => r.chart === c.id && r.tool === 'stdviz');
      const vg = nativeResults.find((r) => r.chart === c.id && r.tool === 'vg2svg');
      if (s?.error || vg?.error) {
        rows.push(`| native SVG render ≥ 10× faster than vg2svg: ${chartName(c)} | ${s?.error ? 'stdviz failed' : 'vg2svg failed'} | **not measured**: ${(s?.error || vg.error).slice(0, 200)} |`);
        continue;
      }
      const sp = ratio(vg?.wallMs?.median, s?.wallMs?.median);
      row(
        `native SVG render ≥ 10× faster than vg2svg: ${chartName(c)}`,
        sp == null ? '–' : `${sp.toFixed(1)}× (${fmtMs(s.wallMs.median)} vs ${fmtMs(vg.wallMs.median)} ms)`,
        sp == null ? null : sp >= 10,
        sp == null ? '' : `${(10 / sp).toFixed(1)}× too slow; stdviz would need ≤ ${fmtMs(vg.wallMs.median / 10)} ms`,
      );
    }
  }
  return `| target (issue #8) | measured (stdviz) | status |\n|---|---|---|\n${rows.join('\n')}`;
}

const notes = [];
for (const c of CHARTS) {
  for (const l of LIBS) {
    const r = B[c.id][l.id];
    if (r.updateErrors.length) notes.push(`update ${c.id} / ${l.id}: ${r.updateErrors[0]}`);
    if (r.failedLoads.length) notes.push(`${c.id} / ${l.id}: ${r.failedLoads.length} load(s) failed: ${r.failedLoads[0].error}`);
    if (r.consoleErrors.length) notes.push(`console errors ${c.id} / ${l.id}: ${r.consoleErrors[0].slice(0, 160)}`);
  }
}
for (const [k, v] of nativeStderr) notes.push(`native stderr ${k} (not an error): ${v.slice(0, 160)}`);

const canvasText = (id) =>
  LIBS.map((l) => `${l.id} ${(B[id][l.id].canvases || []).map((c) => `${c.css[0]}×${c.css[1]}`).join('+') || '–'}`).join(', ');

const section = `<!-- bench-compare machine="${machineKey}" -->
## ${machineKey}

Latest run: ${date}. Command (from the repository root):

\`\`\`sh
${COMMAND}
\`\`\`

Machine: \`nproc\` ${nproc}; CPU \`${machine.cpu}\`; ${machine.kernel}; Node ${process.version}; Chromium ${chromiumVersion} (headless, \`--disable-gpu\`), viewport ${VIEWPORT.width}×${VIEWPORT.height}, devicePixelRatio ${DPR}; load average ${load0[0].toFixed(2)} before the browser part, ${load1[0].toFixed(2)} after.

stdviz ${results.stdvizRevision} (${stdvizStem}); ${Object.entries(VERSIONS).map(([n, v]) => `${n} ${v}`).join(', ')}.

Charts, each on a page of its own, ${BOX.width} CSS px wide: ${CHARTS.map((c) => `**${c.id}** — ${c.label}`).join('; ')}. **SYNTHETIC** data: generated by \`bench/compare/charts.mjs\` from seed 0x${SEED.toString(16)}, labelled synthetic in each chart's title, subtitle and note; timings only, not figures about standards.

### Targets

${targetRows()}

### Time from navigation start to the chart on screen (ms, median / p95)

Each load in a fresh browser context (empty cache, fresh compile); ${WARMUP} warm-up iteration(s), then ${RUNS} counted, the three libraries' pages of a chart loaded one after another in an order rotated every iteration. Ready = stdviz's \`stdviz:ready\` mark (one animation frame after the chart drew); the peers' \`chart:ready\` (one frame after ECharts' \`finished\` event / after vega-embed and \`view.runAsync()\`). Ratios are of the medians (below 1: stdviz faster or smaller); paired = median over iterations of stdviz ÷ the peer in the same iteration.

${readyTable}

### Hover: pointer event → frame painted after the library redrew (ms, median / p95)

Per load, ${HOVER_WARMUP} + ${HOVERS} mouse moves (\`page.mouse.move\`, trusted input) alternating between two marks showing the same data in all three (stdviz's marks ${CHARTS.map((c) => `${c.id}: ${(hoverTargets[c.id] || []).map((t) => t.mark).join(', ') || '–'}`).join('; ')}; where stdviz did not draw a chart, the peers hover the data rows at the same fractions), the first ${HOVER_WARMUP} not counted. Event \`timeStamp\` → the task after the first animation frame in which the library drew on a canvas (counted canvas calls: clears, rectangles, path fills and strokes, text, blits): its redraw and that frame's rendering. stdviz: its own hover (tooltip, other marks dimmed); ECharts: \`tooltip\` and \`emphasis.focus\` (axis tooltip for the lines); Vega-Lite: vega-embed's tooltip and a point selection on pointerover with an opacity condition.

${hoverTable}
${hoverFootnotes ? `\n${hoverFootnotes}\n` : ''}
### Data update → frame painted (ms, median / p95)

Per load, ${UPDATE_WARMUP} + ${UPDATES} updates alternating new data and the original (first ${UPDATE_WARMUP} not counted), each starting from the data file's contents in memory: stdviz \`el.stdviz.update(spec, {data: {url: bytes}})\` (parses the bytes, lays out, draws); ECharts \`JSON.parse\`, the option builder, \`setOption\` (merge), its \`finished\` event; Vega \`JSON.parse\`, \`view.data('source_0', rows)\`, \`runAsync()\`. Then one frame. Update data: founding charts ${CHARTS.find((c) => !c.synthetic)?.updateNote ?? ''}; synthetic charts new synthetic rows (seed 0x${(SEED + 1).toString(16)}).

${updateTable}

### Bytes per page (raw / gzip -9)

Every response of the load (HTML, scripts, wasm, spec, data), as served (no compression on the wire) and gzip -9 of each file. ECharts is tree-shaken per page (only that chart's modules); Vega-Lite is one bundle (vega + vega-lite + vega-embed) for all; stdviz's page is the embed script \`stdviz.js\` and the wasm-bindgen glue (both minified by esbuild in release builds) and the wasm — the same for every chart.

${bytesTable}

${barBytes}
### Memory after render

JS heap used (CDP \`Performance.getMetrics\` \`JSHeapUsedSize\`, right after ready, median) plus, for stdviz, the WebAssembly linear memory (\`memory.buffer.byteLength\` of every instance the page creates, captured by wrapping \`WebAssembly.instantiate*\`; its first MiB is the stack rustc reserves; linear memory never shrinks, so this is the high-water mark). The peers have no wasm.

${memTable}

After a forced GC (\`HeapProfiler.collectGarbage\`), JS heap + wasm:

${memGcTable}

### Natively: spec → SVG file, whole process (ms, median / p95)

Wall time of each process (spawnSync), ${NATIVE_WARMUP} warm-up round, then ${args['skip-native'] ? 0 : NATIVE_RUNS} counted, alternating in a rotating order. Vega gets the spec with \`width: ${BOX.width}\` and \`autosize: fit-x, contains: padding\` in place of \`"container"\` (\`vg2svg\` on the spec compiled once by \`vl2vg\`); \`stdviz render … --width ${BOX.width}\`. vega-cli's optional node-canvas is not built (its install script is denied), so Vega estimates text widths.

${nativeTable}

### What is not equal

- **Pages**: one box ${BOX.width} px wide per page; ECharts needs a height (${CHARTS.map((c) => `${c.id} ${c.height}`).join(', ')} px); stdviz and Vega size the height from the spec's plot height. Drawn canvases (CSS px): ${CHARTS.map((c) => `${c.id}: ${canvasText(c.id)}`).join('; ')}.
- **Options**: ECharts animation off; the 100,000-point scatter uses ECharts' \`large\` mode with progressive rendering off (all points in the first frame). Vega-Lite draws no source/note line (\`usermeta\` is stdviz's); ECharts draws it as a \`graphic\` text.
- **Vega-Lite hover** needs the added selection and opacity condition, compiled into every Vega page (part of its time to chart).
${notes.length ? `- **Notes**: ${notes.join('; ')}.\n` : ''}${failures.length ? `- **Failures** (exit 1): ${failures.join('; ')}.\n` : ''}
<!-- /bench-compare -->
`;

const header = `# Benchmarks

stdviz side by side with ECharts and Vega-Lite, written by \`node bench/compare/run.mjs\`
(see \`bench/compare/README.md\`). Only the latest run per machine kind is kept; the raw
samples of the latest run are in \`bench/out/compare/results.json\` (not committed).
The machines are shared and noisy: absolute times drift from run to run, the ratios hold
better. Nothing here is a test; nothing asserts on time.
`;
if (args.benchmarks && !PARTIAL) {
  const benchPath = path.resolve(REPO, args.benchmarks);
  const existing = existsSync(benchPath) ? await fs.readFile(benchPath, 'utf8') : '';
  const sections = [];
  const re = /<!-- bench-compare machine="([^"]*)" -->[\s\S]*?<!-- \/bench-compare -->\n?/g;
  for (const m of existing.matchAll(re)) if (m[1] !== machineKey) sections.push(m[0].trimEnd() + '\n');
  sections.push(section);
  await fs.writeFile(benchPath, `${header}\n${sections.join('\n')}`);
  log(`\nwrote ${rel(benchPath)}`);
} else if (args.benchmarks) {
  log(`\n${rel(path.resolve(REPO, args.benchmarks))} not written: a partial run (--charts or --skip-native)`);
}
log(`wrote ${rel(path.join(OUT, 'results.json'))}; screenshots in ${rel(SHOTS)}/`);
console.log(section);
if (failures.length) {
  log(`run.mjs: ${failures.length} failure(s): a chart did not render:\n  ${failures.join('\n  ')}`);
  process.exitCode = 1;
}
