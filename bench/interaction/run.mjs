#!/usr/bin/env node
// Interaction latency (issue #4): from a pointer event to the frame painted, for a 50-bar
// chart and a 10,000-point line, in Debian's headless Chromium (playwright-core).
//
//   trunk build --release && node bench/interaction/run.mjs
//   node bench/interaction/run.mjs --dist /tmp/dist-x --samples 300 --warmup 30 --redraws 200 --dpr 1
//
// SYNTHETIC DATA: both charts draw numbers generated here from a fixed seed (SEED below).
// They are labelled synthetic in the spec's title and usermeta, exist only in a temporary
// directory, and are never published figures.
//
// How one hover sample is taken (see README.md, "Interaction latency"):
//   1. node moves the mouse with page.mouse.move (CDP Input.dispatchMouseEvent): a trusted
//      pointermove, as a reader's mouse sends, alternating between two marks so that every
//      sample changes the hovered mark and needs a repaint.
//   2. In the page, a capturing window listener records the event's timeStamp (when the
//      browser received the input) and the time its dispatch began; a bubbling window
//      listener, which runs after the chart's own listener, records when the handler
//      finished and asks for an animation frame. That frame callback is registered after
//      the glue's, so it runs after the glue repainted; it posts a MessageChannel message,
//      which runs after the frame's rendering update (style, layout, paint, commit): the
//      frame is painted.
//   3. requestAnimationFrame is wrapped (init script) to time the glue's own frame
//      callback: the repaint itself (emphasis, drawing, tooltip).
// Also timed: ChartView.redraw() (a whole layout and paint, synchronous), called in a loop
// (through the embed handle's resize(), which calls it).
//
// A benchmark, not a test: it never fails on time. It exits non-zero only when the page
// does not draw or the glue never repaints. Results: Markdown on stdout,
// bench/out/interaction.json (all samples) and bench/interaction/RESULTS.md.

import fs from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { serve } from '../../tests/e2e/server.mjs';
import { LAUNCH } from '../../tests/e2e/chromium.mjs';
import { prng } from '../compare/charts.mjs';
import { stats } from '../lib/stats.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');

const { values: args } = parseArgs({
  options: {
    dist: { type: 'string', default: process.env.STDVIZ_DIST || path.join(repo, 'dist') },
    samples: { type: 'string', default: '300' },
    warmup: { type: 'string', default: '30' },
    redraws: { type: 'string', default: '200' },
    dpr: { type: 'string', default: '1' },
    frames: { type: 'string', default: 'vsync' },
    out: { type: 'string', default: path.join(repo, 'bench', 'out', 'interaction.json') },
    results: { type: 'string', default: path.join(here, 'RESULTS.md') },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (args.help) {
  console.log(
    'usage: node bench/interaction/run.mjs [--dist dist] [--samples 300] [--warmup 30] [--redraws 200] [--dpr 1] [--frames vsync|unthrottled|both]\n' +
      '       [--out bench/out/interaction.json] [--results bench/interaction/RESULTS.md] (--results "" writes none)',
  );
  process.exit(0);
}
const SAMPLES = Number(args.samples);
const WARMUP = Number(args.warmup);
const REDRAWS = Number(args.redraws);
const DPR = Number(args.dpr);
// Chromium paints frames on a 60 Hz clock and dispatches pointermove at the start of the
// next frame ("rAF-aligned input"): from a pointer event to its frame there is a wait of
// up to one frame interval (16.7 ms, 8.3 ms on average) whatever the page does. `vsync`
// measures that, as a reader's browser behaves (the default); `unthrottled` launches
// Chromium with --disable-frame-rate-limit --disable-gpu-vsync, meant to produce frames on
// demand — in headless Chromium 156 it did not shorten the input wait (bench/README.md).
const FRAME_MODES = { vsync: [], unthrottled: ['--disable-frame-rate-limit', '--disable-gpu-vsync'] };
const MODES = args.frames === 'both' ? Object.keys(FRAME_MODES) : [args.frames];
if (!MODES.every((m) => m in FRAME_MODES)) {
  console.error('interaction bench: --frames vsync|unthrottled|both');
  process.exit(2);
}
if (![SAMPLES, WARMUP, REDRAWS].every((n) => Number.isInteger(n) && n >= 0) || SAMPLES < 1 || !(DPR > 0)) {
  console.error('interaction bench: --samples >= 1, --warmup >= 0, --redraws >= 0 (integers) and --dpr > 0');
  process.exit(2);
}
const DIST = path.resolve(args.dist);
if (!existsSync(path.join(DIST, 'gallery.html'))) {
  console.error(`interaction bench: ${path.join(DIST, 'gallery.html')} is missing; run \`trunk build --release\` first.`);
  process.exit(2);
}

const VIEWPORT = { width: 1280, height: 900 };

// ---------------------------------------------------------------------------------------
// Synthetic data (fixed seed)

const SEED = 0x5eed2024;


const NOTE = `Synthetic data generated by bench/interaction/run.mjs (seed 0x${SEED.toString(16)}): not published figures.`;

function barSpec() {
  const r = prng(SEED);
  const values = Array.from({ length: 50 }, (_, i) => ({
    item: `合成${String(i + 1).padStart(2, '0')}`,
    count: 10 + Math.floor(r() * 990),
  }));
  return {
    title: { text: '合成数据(synthetic):50 个柱', subtitle: NOTE },
    width: 'container',
    height: 300,
    data: { values },
    mark: { type: 'bar', tooltip: true },
    encoding: {
      x: { field: 'item', type: 'nominal', sort: null, title: '合成类目(synthetic)' },
      y: { field: 'count', type: 'quantitative', title: '合成数值(synthetic)' },
    },
    usermeta: { stdviz: { unit: '项', locale: 'zh', note: NOTE } },
  };
}

function lineSpec() {
  const r = prng(SEED + 1);
  let y = 500;
  const values = Array.from({ length: 10_000 }, (_, i) => {
    y += (r() - 0.5) * 10;
    return { t: i, v: Math.round(y * 100) / 100 };
  });
  return {
    title: { text: '合成数据(synthetic):10,000 点折线', subtitle: NOTE },
    width: 'container',
    height: 300,
    data: { values },
    mark: { type: 'line', tooltip: true },
    encoding: {
      x: { field: 't', type: 'quantitative', title: '序号(synthetic)' },
      y: { field: 'v', type: 'quantitative', title: '合成数值(synthetic)', scale: { zero: false } },
    },
    usermeta: { stdviz: { locale: 'zh', note: NOTE } },
  };
}

/** 20,000 points in three colours: the most marks a chart may draw by default (maxMarks). */
function scatterSpec() {
  const r = prng(SEED + 2);
  const values = Array.from({ length: 20_000 }, (_, i) => ({
    x: Math.round(r() * 10_000) / 100,
    y: Math.round((r() + r() + r()) * 3_333) / 100,
    g: ['合成甲', '合成乙', '合成丙'][i % 3],
  }));
  return {
    title: { text: '合成数据(synthetic):20,000 点散点', subtitle: NOTE },
    width: 'container',
    height: 300,
    data: { values },
    mark: { type: 'point', filled: true, tooltip: true },
    encoding: {
      x: { field: 'x', type: 'quantitative', title: '合成横轴(synthetic)' },
      y: { field: 'y', type: 'quantitative', title: '合成数值(synthetic)' },
      color: { field: 'g', type: 'nominal', title: '合成分组(synthetic)' },
    },
    usermeta: { stdviz: { locale: 'zh', note: NOTE } },
  };
}

const CHARTS = [
  { id: 'bars', name: '50-bar chart', spec: barSpec(), target: { stat: 'median', ms: 4 } },
  { id: 'line', name: '10,000-point line', spec: lineSpec(), target: { stat: 'p95', ms: 16 } },
  // No target: the largest chart the default limits allow, for the cost of a whole redraw.
  { id: 'scatter', name: '20,000-point scatter (maxMarks)', spec: scatterSpec(), target: null },
];

// ---------------------------------------------------------------------------------------
// Page instrumentation (runs before the page's scripts)

function instrument() {
  const raf = window.requestAnimationFrame.bind(window);
  /** Every animation frame callback: when it was asked for, when it ran, how long. */
  window.__frames = [];
  window.requestAnimationFrame = (cb) => {
    const asked = performance.now();
    return raf((ts) => {
      const start = performance.now();
      try {
        cb(ts);
      } finally {
        window.__frames.push({ asked, start, end: performance.now() });
      }
    });
  };
  window.__sample = null;
  /** Prepares one sample; resolves when the frame after the next pointermove is painted. */
  window.__arm = () => {
    window.__frames.length = 0;
    window.__sample = { done: null };
    window.__sample.promise = new Promise((resolve) => (window.__sample.done = resolve));
  };
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    const s = window.__sample;
    if (!s || s.painted !== undefined) return;
    s.painted = performance.now();
    s.done();
  };
  addEventListener(
    'pointermove',
    (e) => {
      const s = window.__sample;
      if (!s || s.begin !== undefined) return;
      s.timeStamp = e.timeStamp;
      s.begin = performance.now();
    },
    { capture: true },
  );
  addEventListener('pointermove', () => {
    const s = window.__sample;
    if (!s || s.handled !== undefined || s.begin === undefined) return;
    s.handled = performance.now();
    raf(() => {
      s.frameDone = performance.now();
      channel.port2.postMessage(0);
    });
  });
}

// ---------------------------------------------------------------------------------------
// The run

const escapeAttr = (t) => t.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

async function makeSite() {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'stdviz-bench-interaction-'));
  await fs.cp(DIST, dir, { recursive: true });
  const html = await fs.readFile(path.join(DIST, 'gallery.html'), 'utf8');
  const section = /<section class="charts"[^>]*>[\s\S]*?<\/section>/;
  if (!section.test(html)) throw new Error('dist/gallery.html has no <section class="charts">');
  // One page per chart, so that neither pays for the other's DOM (e.g. its data table).
  for (const c of CHARTS) {
    const box = `<figure class="chart-card"><div class="stdviz" id="${c.id}" data-stdviz="${escapeAttr(JSON.stringify(c.spec))}"></div></figure>`;
    await fs.writeFile(path.join(dir, `bench-${c.id}.html`), html.replace(section, `<section class="charts" aria-label="synthetic benchmark chart">\n${box}\n</section>`));
  }
  return dir;
}

/** Hover samples on chart `c`: mouse moves alternating between two marks. */
async function hover(page, c) {
  await page.$eval(`#${c.id}`, (el) => el.scrollIntoView({ block: 'center' }));
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const info = await page.$eval(`#${c.id}`, (el) => {
    const v = el.stdviz;
    const n = v.markCount();
    const r = (el.shadowRoot ?? el).querySelector('canvas.stdviz-canvas').getBoundingClientRect();
    // Two marks a third and two thirds along: far apart, both well inside the plot.
    const picks = [Math.floor(n / 3), Math.floor((2 * n) / 3)].map((i) => {
      const [x, y] = v.markAnchor(i);
      return { i, x: r.left + x, y: r.top + y, hit: v.hitTest(x, y)?.label ?? null };
    });
    return { n, picks, width: r.width, height: r.height };
  });
  const out = [];
  let repaints = 0;
  for (let k = 0; k < WARMUP + SAMPLES; k++) {
    const p = info.picks[k % 2];
    await page.evaluate(() => window.__arm());
    await page.mouse.move(p.x, p.y);
    const s = await page.evaluate(async () => {
      const s = window.__sample;
      const timeout = new Promise((r) => setTimeout(() => r('timeout'), 10_000));
      if ((await Promise.race([s.promise, timeout])) === 'timeout') return null;
      // The glue's frame callback: asked for while the event was being handled.
      const glue = window.__frames.find((f) => f.asked >= s.begin && f.asked <= s.handled);
      return {
        timeStamp: s.timeStamp,
        begin: s.begin,
        handled: s.handled,
        frameDone: s.frameDone,
        painted: s.painted,
        glue: glue ? { start: glue.start, end: glue.end } : null,
      };
    });
    if (!s) throw new Error(`${c.name}: sample ${k} never painted`);
    if (s.glue) repaints++;
    if (k >= WARMUP) out.push(s);
  }
  if (repaints === 0) throw new Error(`${c.name}: the glue never asked for a frame after a pointermove`);
  const withFrame = out.filter((s) => s.glue);
  return {
    marks: info.n,
    picks: info.picks,
    canvas: { width: info.width, height: info.height },
    samples: out,
    repainted: withFrame.length,
    // Pointer event (its timeStamp) → the frame showing the new hover is painted.
    eventToPainted: stats(withFrame.map((s) => s.painted - s.timeStamp)),
    // Input queued: from the event's timeStamp until its dispatch began (Chromium aligns
    // pointermove with animation frames, so this is mostly waiting for the next frame).
    queued: stats(withFrame.map((s) => s.begin - s.timeStamp)),
    // The chart's pointermove handler (hit test, state step).
    handler: stats(withFrame.map((s) => s.handled - s.begin)),
    // The same without the input queue: what the chart and the frame it draws cost.
    dispatchToPainted: stats(withFrame.map((s) => s.painted - s.begin)),
    // The glue's frame callback: the repaint (emphasis, drawing, tooltip).
    repaint: stats(withFrame.map((s) => s.glue.end - s.glue.start)),
    // Waiting for the frame: from the handler's end to the glue's frame callback.
    waitForFrame: stats(withFrame.map((s) => s.glue.start - s.handled)),
    // After the frame callbacks until the frame is painted: style, layout, canvas raster,
    // paint and commit of the frame.
    render: stats(withFrame.map((s) => s.painted - s.glue.end)),
    // What stdviz itself spends per hover: its pointermove handler plus its repaint.
    work: stats(withFrame.map((s) => s.handled - s.begin + (s.glue.end - s.glue.start))),
  };
}

/** ChartView.redraw(): a whole layout and paint, synchronous (handle.resize() calls it). */
async function redraws(page, c) {
  if (REDRAWS === 0) return null;
  const times = [];
  const warm = Math.min(10, Math.max(2, Math.floor(REDRAWS / 10)));
  for (let k = 0; k < warm + REDRAWS; k++) {
    const t = await page.$eval(`#${c.id}`, (el) => {
      const t0 = performance.now();
      const h = el.stdviz;
      if (typeof h.redraw === 'function') h.redraw();
      else h.resize();
      return performance.now() - t0;
    });
    if (k >= warm) times.push(t);
  }
  return { ...stats(times), samples: times };
}

const site = await makeSite();
const server = await serve(site);
let chromiumVersion = '';
const load0 = os.loadavg();
const results = [];
try {
  for (const mode of MODES) {
    const browser = await chromium.launch({ ...LAUNCH, args: [...LAUNCH.args, ...FRAME_MODES[mode]] });
    chromiumVersion = browser.version();
    try {
      const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: DPR });
      await context.route((u) => u.hostname !== '127.0.0.1', (route) => route.abort());
      await context.addInitScript(instrument);
      const page = await context.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(e.message));
      for (const c of CHARTS) {
        await page.goto(`${server.url}bench-${c.id}.html`);
        await page.waitForSelector('html[data-stdviz-ready]', { state: 'attached', timeout: 120_000 });
        const drawn = Number(await page.getAttribute('html', 'data-stdviz-ready'));
        if (drawn !== 1) throw new Error(`${c.name} was not drawn: ${errors.join('; ')}`);
        process.stderr.write(`${mode}: ${c.name}: ${WARMUP} + ${SAMPLES} hover samples …\n`);
        const h = await hover(page, c);
        process.stderr.write(`${mode}: ${c.name}: ${REDRAWS} redraw() calls …\n`);
        const r = await redraws(page, c);
        results.push({ id: c.id, name: c.name, frames: mode, target: c.target, ...h, redraw: r });
      }
      if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
      await context.close();
    } finally {
      await browser.close();
    }
  }
} finally {
  await server.close();
  await fs.rm(site, { recursive: true, force: true });
}
const load1 = os.loadavg();

// ---------------------------------------------------------------------------------------
// Report

const ms = (x) => x.toFixed(1);
const row = (what, s) => `| ${what} | ${s.n} | ${ms(s.median)} | ${ms(s.p95)} | ${ms(s.min)} | ${ms(s.max)} |`;
const lines = [];
lines.push(`Headless Chromium ${chromiumVersion}, viewport ${VIEWPORT.width}×${VIEWPORT.height}, dpr ${DPR}, ` +
  `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}; load average ${load0[0].toFixed(2)} before, ${load1[0].toFixed(2)} after. ` +
  `Synthetic data (seed 0x${SEED.toString(16)}).`);
lines.push('');
for (const r of results) {
  const target = r.target ?? { stat: 'median', ms: null };
  const headline = r.eventToPainted[target.stat];
  const frames = r.frames === 'vsync' ? 'frames on the 60 Hz clock' : 'unthrottled frames (--disable-frame-rate-limit --disable-gpu-vsync)';
  lines.push(`**${r.name}**, ${frames} (${r.marks} marks, canvas ${Math.round(r.canvas.width)}×${Math.round(r.canvas.height)} CSS px; ` +
    `${r.repainted} of ${r.samples.length} samples repainted): pointer event → frame painted ${target.stat} ${ms(headline)} ms` +
    (target.ms === null ? ' (no target).' : `, target ≤ ${target.ms} ms: ${headline <= target.ms ? 'met' : 'not met'}.`));
  lines.push('');
  lines.push('| ms | n | median | p95 | min | max |');
  lines.push('| --- | ---: | ---: | ---: | ---: | ---: |');
  lines.push(row('pointer event → frame painted', r.eventToPainted));
  lines.push(row('… input queued until dispatch', r.queued));
  lines.push(row('… pointermove handler (hit test, state)', r.handler));
  lines.push(row('… handler end → glue frame callback', r.waitForFrame));
  lines.push(row('… repaint (glue frame callback)', r.repaint));
  lines.push(row('… frame rendering after the callbacks', r.render));
  lines.push(row('handler start → frame painted', r.dispatchToPainted));
  lines.push(row('stdviz\'s work: handler + repaint', r.work));
  if (r.redraw) lines.push(row('`redraw()` (handle.resize()): layout + paint', r.redraw));
  lines.push('');
}
const table = lines.join('\n');
console.log(table);

const result = {
  date: new Date().toISOString(),
  synthetic: NOTE,
  seed: SEED,
  dist: DIST,
  samples: SAMPLES,
  warmup: WARMUP,
  redraws: REDRAWS,
  deviceScaleFactor: DPR,
  frames: MODES,
  viewport: VIEWPORT,
  chromium: chromiumVersion,
  node: process.version,
  host: { cpus: os.cpus().length, model: os.cpus()[0]?.model, platform: `${os.platform()} ${os.release()}`, loadavg: { before: load0, after: load1 } },
  charts: results,
};
await fs.mkdir(path.dirname(path.resolve(args.out)), { recursive: true });
await fs.writeFile(path.resolve(args.out), JSON.stringify(result, null, 2) + '\n');

if (args.results) {
  const cmd = `node bench/interaction/run.mjs --samples ${SAMPLES} --warmup ${WARMUP} --redraws ${REDRAWS} --dpr ${DPR} --frames ${args.frames}`;
  const md = [
    '# Interaction latency: results',
    '',
    `Written by \`${cmd}\` on ${result.date.slice(0, 10)} (after \`trunk build --release\`). Method: see`,
    '[../README.md](../README.md), "Interaction latency". **All data are synthetic** (generated',
    `in run.mjs from seed 0x${SEED.toString(16)}); these are timings, not figures about standards.`,
    'Targets from issue #4: ≤ 4 ms median for the bar chart, ≤ 16 ms p95 for the line.',
    '',
    table,
  ].join('\n');
  await fs.writeFile(path.resolve(args.results), md);
  process.stderr.write(`wrote ${path.relative(repo, path.resolve(args.results))} and ${path.relative(repo, path.resolve(args.out))}\n`);
}
