#!/usr/bin/env node
// Static-first publishing (issue #17), side by side in one headless-Chromium run: the
// founding bar chart (www/specs/standards-by-level-bar.json, published figures) as
//
//   stdviz-published   dist/published.html: `stdviz publish` SVG at 5 widths + stdviz-lite.js
//   stdviz-embed       <div data-stdviz> + stdviz.js, as the README embeds it (bench/compare)
//   echarts            ECharts 6, tree-shaken for this chart, canvas (bench/compare)
//   echarts-ssr        ECharts 6 renderToSVGString in Node, inline, + its 1.3 KB SSR client
//   vegalite           Vega + Vega-Lite + vega-embed (bench/compare)
//   raw-canvas         the same four bars, title and labels drawn with raw canvas calls (floor)
//
//   trunk build --release && node bench/publish/run.mjs [--dist dist] [--runs 8] [--warmup 1] [--throttle]
//
// Needs bench/compare's pinned peers (`npm ci --prefix bench/compare --ignore-scripts`).
// Every load is a fresh browser context (empty cache). Per page:
// * chart on screen (ms from navigation start): for pages whose chart is inline SVG, the
//   first contentful paint (the SVG is in the first frame); for the others the page's own
//   mark one animation frame after drawing ('stdviz:ready' / 'chart:ready');
// * bytes before the chart is on screen: gzip -9 of the page and of every response that
//   ended by then (the server sends them gzip-compressed, as a news site would);
// * bytes for full interactivity: every response until the chart answers hover and
//   keyboard (stdviz-published: after stdviz-lite.js hydrated it);
// * tap to tooltip on a fresh load (stdviz pages only): a tap on the national-standards
//   bar as soon as the chart is on screen, to the first frame that shows its tooltip.
// --throttle slows network (slow 4G: 150 ms, 1.6 Mbit/s down) and CPU (4×) through CDP.
// A benchmark, never a test: it reports medians; it exits non-zero only if a page fails.

import fs from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync, constants as zlib } from 'node:zlib';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const here = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(here, '..', '..');
const { values: args } = parseArgs({
  options: {
    dist: { type: 'string', default: 'dist' },
    runs: { type: 'string', default: '8' },
    warmup: { type: 'string', default: '1' },
    throttle: { type: 'boolean', default: false },
    'skip-build': { type: 'boolean', default: false },
    out: { type: 'string', default: path.join(REPO, 'bench', 'out', 'publish', 'results.json') },
  },
});
const RUNS = Number(args.runs);
const WARMUP = Number(args.warmup);
const DIST = path.resolve(REPO, args.dist);
if (!existsSync(path.join(DIST, 'published.html'))) {
  console.error(`publish bench: ${DIST}/published.html is missing: run \`trunk build --release\` first`);
  process.exit(2);
}
if (!existsSync(path.join(REPO, 'bench', 'compare', 'node_modules', 'echarts'))) {
  console.error('publish bench: run `npm ci --prefix bench/compare --ignore-scripts` first (the peers)');
  process.exit(2);
}
const { chromium } = await import(pathToFileURL(path.join(REPO, 'node_modules', 'playwright-core', 'index.mjs')).href);
const { serve } = await import(pathToFileURL(path.join(REPO, 'tests', 'e2e', 'server.mjs')).href);
const { LAUNCH } = await import(pathToFileURL(path.join(REPO, 'tests', 'e2e', 'chromium.mjs')).href);
const build = await import(pathToFileURL(path.join(REPO, 'bench', 'compare', 'build.mjs')).href);
const { BUILDERS } = await import(pathToFileURL(path.join(REPO, 'bench', 'compare', 'pages', 'echarts-options.mjs')).href);

const OUT = build.OUT; // bench/out/compare: the peers' pages live there
const SITE = path.join(OUT, 'publish');
const gz = (b) => gzipSync(b, { level: zlib.Z_BEST_COMPRESSION }).length;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length ? (s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2) : NaN;
};

const SPEC = JSON.parse(readFileSync(path.join(REPO, 'www', 'specs', 'standards-by-level-bar.json'), 'utf8'));
const DATA = JSON.parse(readFileSync(path.join(REPO, 'www', 'data', 'yangquan-2024.json'), 'utf8'));
const ROWS = DATA.standards; // published figures (the file cites its source)
const WIDTH = 600;
const HEIGHT = 380;

// ---------------------------------------------------------------------------------------
// Pages

async function copy(from, to) {
  await fs.mkdir(path.dirname(to), { recursive: true });
  await fs.cp(from, to, { recursive: true });
}

/** The raw-canvas floor: the bars, their labels and the title, no library. */
function rawCanvasPage() {
  const rows = ROWS.map((r) => [r.level, r.count]);
  const title = SPEC.title.text;
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>bench: raw canvas</title><link rel="icon" href="data:,"><style>body{margin:0;padding:16px;background:#fff}</style></head>
<body><canvas id="c" style="width:${WIDTH}px;height:${HEIGHT}px"></canvas>
<script>
const rows = ${JSON.stringify(rows)};
const c = document.getElementById('c'), d = devicePixelRatio || 1;
c.width = ${WIDTH} * d; c.height = ${HEIGHT} * d;
const g = c.getContext('2d'); g.scale(d, d);
g.fillStyle = '#fff'; g.fillRect(0, 0, ${WIDTH}, ${HEIGHT});
g.font = 'bold 17px "Noto Sans CJK SC", sans-serif'; g.fillStyle = '#1f2328'; g.textBaseline = 'top';
g.fillText(${JSON.stringify(title)}, 12, 12);
const max = Math.max(...rows.map((r) => r[1])), y0 = 70, y1 = ${HEIGHT} - 40, bw = (${WIDTH} - 60) / rows.length;
g.font = '11px "Noto Sans CJK SC", sans-serif'; g.textAlign = 'center';
rows.forEach(([k, v], i) => {
  const h = (y1 - y0) * v / max, x = 40 + i * bw + bw * 0.1;
  g.fillStyle = '#4c78a8'; g.fillRect(x, y1 - h, bw * 0.8, h);
  g.fillStyle = '#1f2328'; g.fillText(k, x + bw * 0.4, y1 + 6);
});
requestAnimationFrame(() => { document.documentElement.setAttribute('data-chart-ready', '1'); performance.mark('chart:ready'); });
</script></body></html>
`;
}

/** ECharts SSR: the SVG rendered in Node, inline, and the SSR client (hover emphasis only). */
async function echartsSsrPage() {
  const echarts = await import(pathToFileURL(path.join(REPO, 'bench', 'compare', 'node_modules', 'echarts', 'index.js')).href);
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: WIDTH, height: HEIGHT });
  chart.setOption(BUILDERS.bar(SPEC, ROWS));
  const svg = chart.renderToSVGString();
  chart.dispose();
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>bench: ECharts SSR</title><link rel="icon" href="data:,"><style>body{margin:0;padding:16px;background:#fff}</style></head>
<body><div id="chart" style="width:${WIDTH}px;height:${HEIGHT}px">${svg}</div>
<script src="echarts-ssr-client.js"></script>
<script>
echartsSSRClient.hydrate(document.getElementById('chart'), { on: { mouseover() {}, mouseout() {}, click() {} } });
requestAnimationFrame(() => { document.documentElement.setAttribute('data-chart-ready', '1'); performance.mark('chart:interactive'); });
</script></body></html>
`;
}

async function buildPages() {
  if (!args['skip-build']) {
    await build.writeChartFiles();
    await build.buildPeers();
    await build.buildStdviz(DIST);
  }
  await fs.rm(SITE, { recursive: true, force: true });
  await fs.mkdir(SITE, { recursive: true });
  const names = await fs.readdir(DIST);
  for (const n of names) {
    if (/^(stdviz|published)/.test(n) || n === 'specs' || n === 'data') await copy(path.join(DIST, n), path.join(SITE, n));
  }
  // The published page at the same box as the peers' pages: 640 px is the published
  // width that fits a 600–960 px column (the peers draw at 600 px).
  const published = (await fs.readFile(path.join(DIST, 'published.html'), 'utf8')).replace('max-width: 976px;', 'max-width: 656px;');
  await fs.writeFile(path.join(SITE, 'published.html'), published);
  await fs.writeFile(path.join(SITE, 'raw-canvas.html'), rawCanvasPage());
  await fs.writeFile(path.join(SITE, 'echarts-ssr.html'), await echartsSsrPage());
  const client = readFileSync(path.join(REPO, 'bench', 'compare', 'node_modules', 'echarts', 'ssr', 'client', 'dist', 'index.js'), 'utf8');
  await fs.writeFile(path.join(SITE, 'echarts-ssr-client.js'), client.replace(/global\['echarts-ssr-client'\]/, "global['echartsSSRClient']"));
}

// ---------------------------------------------------------------------------------------
// Measuring

const PAGES = [
  { id: 'stdviz-published', path: 'publish/published.html', shown: 'fcp', interactive: 'live', tap: 'lite' },
  { id: 'stdviz-embed', path: 'stdviz/bar.html', shown: 'stdviz:ready', interactive: 'shown', tap: 'embed' },
  { id: 'echarts', path: 'echarts/bar.html', shown: 'chart:ready', interactive: 'shown' },
  { id: 'echarts-ssr', path: 'publish/echarts-ssr.html', shown: 'fcp', interactive: 'chart:interactive' },
  { id: 'vegalite', path: 'vegalite/bar.html', shown: 'chart:ready', interactive: 'shown' },
  { id: 'raw-canvas', path: 'publish/raw-canvas.html', shown: 'chart:ready', interactive: 'shown' },
];

async function throttle(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
}

async function markTime(page, name) {
  await page.waitForFunction((n) => performance.getEntriesByName(n).length > 0, name, { timeout: 30_000, polling: 20 });
  return page.evaluate((n) => performance.getEntriesByName(n)[0].startTime, name);
}

/** Taps the national-standards bar and times the first frame that shows its tooltip. */
async function tapToTooltip(page, kind) {
  const at = await page.evaluate((kind) => {
    if (kind === 'lite') {
      const v = [...document.querySelectorAll('[data-stdviz-pub] .stdviz-w')].find((e) => getComputedStyle(e).display !== 'none');
      const r = v.querySelector('g.m[data-mark="0"] polygon, g.m[data-mark="0"] rect').getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    }
    const el = document.querySelector('[data-stdviz]');
    const [x, y] = el.stdviz.markAnchor(0);
    const c = el.stdviz.canvas.getBoundingClientRect();
    return { x: c.left + x, y: c.top + y };
  }, kind);
  const wait = page.evaluate(
    (kind) =>
      new Promise((resolve) => {
        let t0 = null;
        addEventListener('pointerdown', () => (t0 ??= performance.now()), { capture: true, once: true });
        // The lite layer's tooltip, or the live chart's once it has gone live.
        const visible = () =>
          [document.querySelector('.stdviz-lite-tip'), document.querySelector('[data-stdviz]')?.shadowRoot?.querySelector('.stdviz-tooltip')].some(
            (tip) => tip && getComputedStyle(tip).display !== 'none' && tip.textContent.length > 0,
          );
        const frame = () => (t0 !== null && visible() ? resolve(performance.now() - t0) : requestAnimationFrame(frame));
        requestAnimationFrame(frame);
        // No tooltip within a minute is reported as such, not waited for forever.
        setTimeout(() => resolve(NaN), 60_000);
      }),
    kind,
  );
  await page.touchscreen.tap(at.x, at.y);
  return wait;
}

async function loadOnce(browser, base, p, withTap) {
  const context = await browser.newContext({ viewport: { width: 800, height: 700 }, hasTouch: true });
  const page = await context.newPage();
  if (args.throttle) await throttle(page);
  const bodies = [];
  page.on('response', (r) => bodies.push(r.body().then((b) => ({ url: r.url(), b }), () => ({ url: r.url(), b: Buffer.alloc(0) }))));
  try {
    // Fresh load: act as soon as the chart is on screen, not at the load event.
    await page.goto(base + p.path, { waitUntil: 'commit' });
    const shown = p.shown === 'fcp' ? await markTime(page, 'first-contentful-paint') : await markTime(page, p.shown);
    let tap = null;
    if (withTap && p.tap) tap = await tapToTooltip(page, p.tap);
    if (p.interactive === 'live') await page.waitForSelector('[data-stdviz-pub][data-stdviz-state="live"]', { state: 'attached', timeout: 120_000 });
    else if (p.interactive !== 'shown') await markTime(page, p.interactive);
    await page.waitForTimeout(300);
    const timing = await page.evaluate(() =>
      [{ name: location.href, responseEnd: performance.getEntriesByType('navigation')[0].responseEnd }, ...performance.getEntriesByType('resource').map((e) => ({ name: e.name, responseEnd: e.responseEnd }))],
    );
    const files = await Promise.all(bodies);
    const size = (u) => gz(files.find((f) => f.url === u)?.b ?? Buffer.alloc(0));
    // The page itself always counts (it carries an inline picture; with a slow network
    // its last bytes can arrive after the first paint), then every file that ended by then.
    const before = timing.filter((t, i) => i === 0 || t.responseEnd <= shown).reduce((s, t) => s + size(t.name), 0);
    const all = files.reduce((s, f) => s + gz(f.b), 0);
    return { shown, before, all, tap, requests: files.length };
  } finally {
    await context.close();
  }
}

await buildPages();
// Compressed as a news site serves pages: over a slow network the page's raw size would
// otherwise dominate the time to the first picture.
const server = await serve(OUT, { gzip: true });
const browser = await chromium.launch(LAUNCH);
const results = {};
try {
  for (let run = 0; run < RUNS; run++) {
    // Pages alternate within a run, so drift on a shared machine hits all alike.
    for (const p of PAGES) {
      if (args.throttle) process.stderr.write(`  ${p.id}…\n`);
      const r = await loadOnce(browser, server.url, p, true).catch((e) => {
        throw new Error(`${p.id} (${p.path}): ${e.message}`);
      });
      if (run < WARMUP) continue;
      (results[p.id] ??= []).push(r);
    }
    process.stderr.write(`run ${run + 1}/${RUNS}\n`);
  }
} finally {
  await browser.close();
  await server.close();
}

const floor = median(results['raw-canvas'].map((r) => r.shown));
const fmt = (n) => n.toLocaleString('en-US');
console.log(`\npublish bench: founding bar chart, ${RUNS - WARMUP} counted loads each${args.throttle ? ', slow 4G + CPU 4×' : ', loopback, unthrottled'}; medians\n`);
console.log('| page | chart on screen (ms) | × raw canvas | bytes before chart (gzip) | bytes for full interactivity (gzip) | tap → tooltip (ms) |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
const summary = {};
for (const p of PAGES) {
  const rs = results[p.id];
  const s = {
    shown: median(rs.map((r) => r.shown)),
    before: median(rs.map((r) => r.before)),
    all: median(rs.map((r) => r.all)),
    tap: rs[0].tap === null ? null : median(rs.map((r) => r.tap)),
  };
  summary[p.id] = s;
  console.log(`| ${p.id} | ${s.shown.toFixed(1)} | ${(s.shown / floor).toFixed(2)} | ${fmt(s.before)} | ${fmt(s.all)} | ${s.tap === null ? '—' : s.tap.toFixed(1)} |`);
}
await fs.mkdir(path.dirname(args.out), { recursive: true });
await fs.writeFile(args.out, JSON.stringify({ throttled: args.throttle, runs: RUNS, warmup: WARMUP, summary, results }, null, 1));
console.log(`\nsamples: ${path.relative(REPO, args.out)}`);
process.exit(0); // ECharts (SSR, in this process) keeps timers alive
