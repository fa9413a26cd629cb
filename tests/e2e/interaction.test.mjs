// End-to-end tests of chart interaction and accessibility (issue #4) in Debian's Chromium,
// driven by playwright-core:
//
//   trunk build --release && node --test --test-concurrency=1 tests/e2e/interaction.test.mjs
//   STDVIZ_DIST=/tmp/dist-x node --test tests/e2e/interaction.test.mjs   (another dist dir)
//
// Expected figures come from the cited data files (dist/data/*.json, copied from
// www/data/) and from the page contract (tooltip rows like `80 项`, live-region sentences
// like `…。第 2 项,共 4 项`), never from what the page computed. Marks are found through
// the chart's own scene (markAnchor, hitTest, textBoxes) and then checked against the
// pixels actually on the canvas, so a scene that disagrees with the drawing fails too.
//
// The embed script (www/stdviz.js) puts each chart in an open shadow root on its
// [data-stdviz] element and sets el.stdviz to its handle; the chart's parts (canvas,
// tooltip, live region, table, breadcrumb) are found through el.shadowRoot.
//
// Charts the gallery lacks (a drill-down) live in tests/e2e/fixtures/; they are served
// from a temporary copy of dist/ with an extra page built from dist/gallery.html.
// Screenshots go to test-results/ (gitignored).

import test, { before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from './server.mjs';
import { LAUNCH } from './chromium.mjs';
import { openPage } from './pages.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const DIST = path.resolve(process.env.STDVIZ_DIST || path.join(repo, 'dist'));
const RESULTS = path.join(repo, 'test-results');
const AXE = path.join(repo, 'node_modules', 'axe-core', 'axe.min.js');

const READY_TIMEOUT = 30_000;
/** How long to wait for a redraw that should happen (it takes a frame or two). */
const REDRAW_TIMEOUT = 5_000;

const BAR = 'specs/standards-by-level-bar.json';
const GROUPED = 'examples/in-force-grouped-bars.json';
const LINES = 'examples/issued-lines.json';
const DRILL = 'fixtures/in-force-drill.json';
/** The fixture page: its chart section holds these boxes, in this order. */
const FIXTURE_CHARTS = [DRILL, GROUPED, LINES];
const FOCUS_RING = '#1a6de0';
const sel = (spec) => `[data-stdviz="${spec}"]`;

let browser;
let server;
let fixtureServer;
/** URL of the gallery (dist/gallery.html) on `server`. */
let gallery;
let fixtureDir;
/** yangquan-2024.json `standards` and samr-annual-reports.json `in_force`. */
let yangquan;
let inForce;

before(async () => {
  if (!fs.existsSync(path.join(DIST, 'gallery.html'))) {
    throw new Error(
      `${path.join(DIST, 'gallery.html')} is missing: build the page first with ` +
        '`trunk build --release` (from the repository root), then run the e2e tests.',
    );
  }
  yangquan = JSON.parse(await fsp.readFile(path.join(DIST, 'data', 'yangquan-2024.json'), 'utf8')).standards;
  inForce = JSON.parse(await fsp.readFile(path.join(DIST, 'data', 'samr-annual-reports.json'), 'utf8')).in_force;

  // dist/ plus the fixtures, and pages whose chart section holds the fixture charts.
  fixtureDir = await fsp.mkdtemp(path.join(os.tmpdir(), 'stdviz-e2e-interaction-'));
  await fsp.cp(DIST, fixtureDir, { recursive: true });
  await fsp.cp(path.join(here, 'fixtures'), path.join(fixtureDir, 'fixtures'), { recursive: true });
  const html = await fsp.readFile(path.join(DIST, 'gallery.html'), 'utf8');
  const section = /<section class="charts"[^>]*>[\s\S]*?<\/section>/;
  assert.match(html, section, 'dist/gallery.html has a <section class="charts">');
  const boxes = FIXTURE_CHARTS.map(
    (spec) => `<figure class="chart-card"><div class="stdviz" data-stdviz="${spec}"></div></figure>`,
  ).join('\n');
  const page = html.replace(section, `<section class="charts" aria-label="图表">\n${boxes}\n</section>`);
  await fsp.writeFile(path.join(fixtureDir, 'interaction.html'), page);
  // The same page declaring that it supports a dark colour scheme, and that it does not.
  for (const [file, scheme] of [
    ['dark.html', 'light dark'],
    ['light.html', 'light'],
  ]) {
    await fsp.writeFile(path.join(fixtureDir, file), page.replace('</head>', `<style>:root { color-scheme: ${scheme}; }</style>\n</head>`));
  }

  server = await serve(DIST);
  gallery = new URL('gallery.html', server.url).href;
  fixtureServer = await serve(fixtureDir);
  browser = await chromium.launch(LAUNCH);
});

after(async () => {
  await browser?.close();
  await server?.close();
  await fixtureServer?.close();
  if (fixtureDir) await fsp.rm(fixtureDir, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------
// Helpers

/** {context, page, problems} for a fresh context (see pages.mjs). */
function open(contextOptions = { viewport: { width: 1280, height: 900 } }) {
  return openPage(browser, contextOptions);
}

/** Loads `url`, waits until every chart is drawn, returns html[data-stdviz-ready]. */
async function load(page, url) {
  await page.goto(url);
  await page.waitForSelector('html[data-stdviz-ready]', { state: 'attached', timeout: READY_TIMEOUT });
  const ready = Number(await page.getAttribute('html', 'data-stdviz-ready'));
  const boxes = await page.$$eval('[data-stdviz]', (els) => els.length);
  assert.equal(ready, boxes, `charts drawn on ${url}`);
  await page.evaluate(installTextBoxes);
  return ready;
}

/**
 * Defines window.__stdvizActive() (the focused element, inside shadow roots) and
 * window.__stdvizTextBoxes(el): the chart's text boxes, [[text, x0, y0, x1, y1], …]
 * in CSS px relative to its canvas (ChartView.textBoxes). Uses the handle's textBoxes()
 * when it has one; otherwise reaches the handle's ChartView through the wasm-bindgen
 * class, by noting `this` in one markCount() call. The class comes from the glue module
 * the embed script names (wasmAssetUrls().glue): importing that URL again yields the same
 * module record as the embed script's first wasm instance. (Pages trunk builds also expose
 * it as window.wasmBindings; the gallery and the pages built from it are plain copies.)
 */
async function installTextBoxes() {
  if (window.__stdvizTextBoxes) return;
  const { wasmAssetUrls } = await import(new URL('stdviz.js', document.baseURI).href);
  const assets = wasmAssetUrls();
  const bindings = assets ? await import(assets.glue) : null;
  // The focused element, inside shadow roots.
  window.__stdvizActive = () => {
    let a = document.activeElement;
    while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
    return a;
  };
  window.__stdvizTextBoxes = (el) => {
    const handle = el.stdviz;
    if (typeof handle?.textBoxes === 'function') return handle.textBoxes();
    const proto = bindings?.ChartView?.prototype;
    if (!proto) throw new Error('the chart handle has no textBoxes() and the wasm glue has no ChartView');
    if (!proto.__stdvizNotesView) {
      const markCount = proto.markCount;
      proto.markCount = function () {
        window.__stdvizView = this;
        return markCount.call(this);
      };
      proto.__stdvizNotesView = true;
    }
    window.__stdvizView = null;
    handle.markCount();
    const view = window.__stdvizView;
    if (!view) throw new Error('could not reach the ChartView behind the handle');
    return view.textBoxes();
  };
}


/** Waits `n` animation frames (the glue redraws in the first one after an event). */
function frames(page, n = 2) {
  return page.evaluate(
    (n) =>
      new Promise((resolve) => {
        const step = (k) => (k === 0 ? resolve() : requestAnimationFrame(() => step(k - 1)));
        step(n);
      }),
    n,
  );
}

/** Starts counting `stdviz:rendered` events of a chart; returns the count so far. */
function countRenders(page, spec) {
  return page.$eval(sel(spec), (el) => {
    if (el.__renders === undefined) {
      el.__renders = 0;
      el.addEventListener('stdviz:rendered', () => el.__renders++);
    }
    return el.__renders;
  });
}

/** Waits until the chart laid out again after `count` (from countRenders). */
async function waitRendered(page, spec, count, what) {
  try {
    await page.waitForFunction(([s, c]) => document.querySelector(s).__renders > c, [sel(spec), count], {
      timeout: REDRAW_TIMEOUT,
    });
  } catch {
    assert.fail(`${spec}: no new layout (stdviz:rendered) within ${REDRAW_TIMEOUT} ms after ${what}`);
  }
  await frames(page);
}

/** Scrolls the chart to the middle of the viewport. */
async function centre(page, spec) {
  await page.$eval(sel(spec), (el) => el.scrollIntoView({ block: 'center', inline: 'nearest' }));
  await frames(page);
}

/**
 * Every data mark of a chart: its anchor (CSS px relative to the canvas), the same point
 * in viewport coordinates, the colour the scene gives it and what hitTest finds there.
 */
function marks(page, spec) {
  return page.$eval(sel(spec), (el) => {
    const v = el.stdviz;
    const r = (el.shadowRoot ?? el).querySelector('canvas.stdviz-canvas').getBoundingClientRect();
    const out = [];
    for (let i = 0; i < v.markCount(); i++) {
      const a = v.markAnchor(i);
      if (!Array.isArray(a)) {
        out.push({ i, missing: true });
        continue;
      }
      const [x, y, color] = a;
      out.push({ i, x, y, vx: r.left + x, vy: r.top + y, color, item: v.hitTest(x, y) ?? null });
    }
    return out;
  });
}

/** The canvas rectangle in viewport coordinates and its CSS size. */
function canvasRect(page, spec) {
  return page.$eval(sel(spec), (el) => {
    const c = (el.shadowRoot ?? el).querySelector('canvas.stdviz-canvas');
    const r = c.getBoundingClientRect();
    return { left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: parseFloat(c.style.width), height: parseFloat(c.style.height) };
  });
}

/** RGBA of the backing-store pixels under CSS points (x, y) of the canvas. */
function pixels(page, spec, points) {
  return page.$eval(
    sel(spec),
    (el, points) => {
      const c = (el.shadowRoot ?? el).querySelector('canvas.stdviz-canvas');
      const ctx = c.getContext('2d');
      const dpr = c.width / parseFloat(c.style.width);
      return points.map(([x, y]) => {
        const X = Math.min(c.width - 1, Math.max(0, Math.floor(x * dpr)));
        const Y = Math.min(c.height - 1, Math.max(0, Math.floor(y * dpr)));
        return Array.from(ctx.getImageData(X, Y, 1, 1).data);
      });
    },
    points,
  );
}

/**
 * Pixels of colour `hex` (±tol per channel, opaque) in the canvas, optionally only left
 * of CSS x `maxX`: their number and bounding box in CSS px.
 */
function findColour(page, spec, hex, { tol = 2, maxX = Infinity } = {}) {
  return page.$eval(
    sel(spec),
    (el, [hex, tol, maxX]) => {
      const c = (el.shadowRoot ?? el).querySelector('canvas.stdviz-canvas');
      const dpr = c.width / parseFloat(c.style.width);
      const want = [1, 3, 5].map((k) => parseInt(hex.slice(k, k + 2), 16));
      const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
      const limit = Math.min(c.width, Math.floor(maxX * dpr));
      let count = 0;
      let box = null;
      for (let y = 0; y < c.height; y++) {
        for (let x = 0; x < limit; x++) {
          const o = (y * c.width + x) * 4;
          if (data[o + 3] !== 255) continue;
          if (Math.abs(data[o] - want[0]) > tol || Math.abs(data[o + 1] - want[1]) > tol || Math.abs(data[o + 2] - want[2]) > tol) continue;
          count++;
          const [cx, cy] = [x / dpr, y / dpr];
          box = box
            ? { x0: Math.min(box.x0, cx), y0: Math.min(box.y0, cy), x1: Math.max(box.x1, cx), y1: Math.max(box.y1, cy) }
            : { x0: cx, y0: cy, x1: cx, y1: cy };
        }
      }
      return { count, box };
    },
    [hex, tol, maxX],
  );
}

function hexToRgb(hex) {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  assert.ok(m, `colour "${hex}" is not #rrggbb`);
  return [1, 2, 3].map((k) => parseInt(m[k], 16));
}

const distance = (a, b) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);

function assertColour(rgba, hex, what, tol = 2) {
  const want = hexToRgb(hex);
  const ok = want.every((c, k) => Math.abs(c - rgba[k]) <= tol) && rgba[3] === 255;
  assert.ok(ok, `${what}: pixel rgba(${rgba.join(',')}) is not ${hex} ±${tol}`);
}

/** The tooltip of a chart: shown?, title, rows as [key, value], box, viewport size. */
function tooltip(page, spec) {
  return page.$eval(sel(spec), (el) => {
    const t = (el.shadowRoot ?? el).querySelector('.stdviz-tooltip');
    if (!t) return null;
    const r = t.getBoundingClientRect();
    return {
      shown: getComputedStyle(t).display !== 'none',
      title: t.querySelector('.stdviz-tooltip-title')?.textContent ?? '',
      rows: [...t.querySelectorAll('.stdviz-tooltip-row')].map((row) => [
        row.querySelector('.stdviz-tooltip-key')?.textContent.trim() ?? '',
        row.querySelector('.stdviz-tooltip-value')?.textContent ?? '',
      ]),
      text: t.textContent,
      rect: { left: r.left, top: r.top, right: r.right, bottom: r.bottom },
      viewport: { width: innerWidth, height: innerHeight },
    };
  });
}

function assertTooltipInViewport(tip, what) {
  const { rect, viewport } = tip;
  assert.ok(
    rect.left >= 0 && rect.top >= 0 && rect.right <= viewport.width && rect.bottom <= viewport.height,
    `${what}: tooltip box ${JSON.stringify(rect)} leaves the ${viewport.width}×${viewport.height} viewport`,
  );
}

const live = (page, spec) => page.$eval(sel(spec), (el) => (el.shadowRoot ?? el).querySelector('.stdviz-live')?.textContent ?? null);

/** What the reader and a screen reader get besides the pixels. */
function accessible(page, spec) {
  return page.$eval(sel(spec), (el) => ({
    label: (el.shadowRoot ?? el).querySelector('canvas.stdviz-canvas')?.getAttribute('aria-label') ?? null,
    summary: el.stdviz.summary(),
    rows: [...(el.shadowRoot ?? el).querySelectorAll('table.stdviz-table tbody tr')].map((tr) => [...tr.cells].map((c) => c.textContent)),
  }));
}

const textBoxes = (page, spec) => page.$eval(sel(spec), (el) => window.__stdvizTextBoxes(el));

/** The breadcrumb: shown?, its text, its buttons as [depth, text], the current level. */
function breadcrumb(page, spec) {
  return page.$eval(sel(spec), (el) => {
    const nav = (el.shadowRoot ?? el).querySelector('nav.stdviz-breadcrumb');
    return nav && {
      shown: getComputedStyle(nav).display !== 'none',
      text: nav.textContent,
      buttons: [...nav.querySelectorAll('button[data-depth]')].map((b) => [b.getAttribute('data-depth'), b.textContent]),
      current: nav.querySelector('[aria-current]')?.textContent ?? null,
    };
  });
}

/** `39847` → `39,847` (the page's thousands separator). */
const grouped = (n) => n.toLocaleString('en-US');

/** The text boxes of one row of labels: those whose top is within 1 px of `y0`. */
const row = (boxes, y0) => boxes.filter((b) => Math.abs(b[2] - y0) < 1).sort((a, b) => a[1] - b[1]).map((b) => b[0]);

/** The plain numbers among the text boxes (y axis labels and the like). */
const numbers = (boxes) => boxes.map((b) => b[0]).filter((t) => /^-?[\d,]+(\.\d+)?$/.test(t)).map((t) => Number(t.replace(/,/g, '')));

/** Overlapping pairs and boxes outside (0, 0)–(width, height), as messages. */
function layoutProblems(boxes, width, height) {
  const eps = 0.01;
  const out = [];
  for (const [t, x0, y0, x1, y1] of boxes) {
    if (x0 < -eps || y0 < -eps || x1 > width + eps || y1 > height + eps) {
      out.push(`"${t}" (${[x0, y0, x1, y1].map((v) => v.toFixed(1)).join(', ')}) leaves the ${width}×${height} canvas`);
    }
  }
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const [a, b] = [boxes[i], boxes[j]];
      const ox = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
      const oy = Math.min(a[4], b[4]) - Math.max(a[2], b[2]);
      if (ox > eps && oy > eps) out.push(`"${a[0]}" and "${b[0]}" overlap by ${ox.toFixed(1)}×${oy.toFixed(1)} px`);
    }
  }
  return out;
}

/** Sum of in_force counts by year, as the drill chart's top level should show. */
function inForceByYear() {
  const m = new Map();
  for (const r of inForce) m.set(String(r.year), (m.get(String(r.year)) ?? 0) + r.count);
  return m;
}

// ---------------------------------------------------------------------------------------
// Tooltips and highlight

test('hovering a bar shows its tooltip (国家标准, 80 项) and dims the other bars; leaving restores', async () => {
  const { context, page, problems } = await open({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
  try {
    await load(page, gallery);
    await centre(page, BAR);
    const ms = await marks(page, BAR);
    assert.equal(ms.length, yangquan.length, 'one bar per level in yangquan-2024.json');
    const [bg] = await pixels(page, BAR, [[2, 2]]);
    const before = await pixels(page, BAR, ms.map((m) => [m.x, m.y]));
    ms.forEach((m, i) => assertColour(before[i], m.color, `bar ${i} before hovering`));

    for (const m of ms) {
      const want = yangquan.find((r) => r.level === m.item?.label);
      assert.ok(want, `bar ${m.i}: hitTest label ${JSON.stringify(m.item?.label)} is not a level of the data`);
      await page.mouse.move(m.vx, m.vy);
      await frames(page);
      const tip = await tooltip(page, BAR);
      assert.ok(tip.shown, `hovering bar ${m.i} (${want.level}) shows no tooltip`);
      assert.equal(tip.title, want.level, `tooltip title over bar ${m.i}`);
      assert.ok(
        tip.rows.some(([, v]) => v === `${want.count} ${want.unit}`),
        `tooltip over ${want.level} has no row "${want.count} ${want.unit}": ${JSON.stringify(tip.rows)}`,
      );
      assertTooltipInViewport(tip, `tooltip over ${want.level}`);
      // The hovered bar keeps its colour; every other bar fades towards the background.
      const now = await pixels(page, BAR, ms.map((o) => [o.x, o.y]));
      ms.forEach((o, k) => {
        if (k === m.i) {
          assertColour(now[k], o.color, `hovered bar ${k}`);
        } else {
          const c = hexToRgb(o.color);
          assert.ok(
            distance(now[k], bg) < distance(now[k], c),
            `bar ${k} while bar ${m.i} is hovered: rgba(${now[k].join(',')}) is not dimmed towards the background rgba(${bg.join(',')})`,
          );
        }
      });
    }
    // The issue's own example, spelled out.
    const national = ms.find((m) => m.item?.label === '国家标准');
    await page.mouse.move(national.vx, national.vy);
    await frames(page);
    const tip = await tooltip(page, BAR);
    assert.ok(tip.text.includes('国家标准') && tip.text.includes('80 项'), `tooltip text "${tip.text}"`);

    // Off the chart: tooltip gone, every bar at full colour again.
    const rect = await canvasRect(page, BAR);
    await page.mouse.move(rect.right + 40, rect.bottom + 40);
    await frames(page);
    assert.equal((await tooltip(page, BAR)).shown, false, 'tooltip still shown after the mouse left the chart');
    const after = await pixels(page, BAR, ms.map((m) => [m.x, m.y]));
    ms.forEach((m, i) => assertColour(after[i], m.color, `bar ${i} after the mouse left`));
    assert.deepEqual(problems, [], 'console errors or failed requests');
  } finally {
    await context.close();
  }
});

test('on a touch phone (390×844, dpr 3) a tap pins the tooltip; a tap on an empty spot of the chart closes it', async () => {
  const { context, page, problems } = await open({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 3,
    isMobile: true,
    hasTouch: true,
  });
  try {
    await load(page, gallery);
    await centre(page, BAR);
    const ms = await marks(page, BAR);
    const rect = await canvasRect(page, BAR);
    // Every bar, including the last one at the right edge of a narrow screen.
    for (const m of ms) {
      const want = yangquan.find((r) => r.level === m.item?.label);
      assert.ok(want, `bar ${m.i}: hitTest label ${JSON.stringify(m.item?.label)}`);
      await page.touchscreen.tap(m.vx, m.vy);
      await frames(page);
      const tip = await tooltip(page, BAR);
      assert.ok(tip.shown, `tapping ${want.level} shows no tooltip`);
      assert.equal(tip.title, want.level, 'tooltip title after the tap');
      assert.ok(tip.rows.some(([, v]) => v === `${want.count} ${want.unit}`), `tooltip rows ${JSON.stringify(tip.rows)}`);
      assertTooltipInViewport(tip, `tooltip of ${want.level} on the phone`);
      assert.ok((await live(page, BAR)).includes(`${want.count} ${want.unit}`), 'the tap is announced in the live region');
      // Pinned: it stays after the finger lifted and time passed.
      await frames(page, 4);
      assert.ok((await tooltip(page, BAR)).shown, `the tooltip of ${want.level} did not stay after the tap`);

      // A tap on the chart where there is no mark (the canvas's top-left corner) closes it.
      const empty = await page.$eval(sel(BAR), (el) => el.stdviz.hitTest(3, 3));
      assert.equal(empty, undefined, 'canvas (3, 3) should be empty');
      await page.touchscreen.tap(rect.left + 3, rect.top + 3);
      await frames(page);
      assert.equal((await tooltip(page, BAR)).shown, false, `tap on an empty spot left the tooltip of ${want.level} open`);
    }
    assert.deepEqual(problems, [], 'console errors or failed requests');
  } finally {
    await context.close();
  }
});

test('on a touch phone a tap on the page outside the chart closes a pinned tooltip', async () => {
  const { context, page, problems } = await open({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 3,
    isMobile: true,
    hasTouch: true,
  });
  try {
    await load(page, gallery);
    await centre(page, BAR);
    const ms = await marks(page, BAR);
    // A tap outside the chart, on the page's heading, closes it too.
    const first = ms[0];
    await page.touchscreen.tap(first.vx, first.vy);
    await frames(page);
    assert.ok((await tooltip(page, BAR)).shown, 'tooltip after tapping the first bar again');
    await page.$eval('h1', (h) => h.scrollIntoView({ block: 'start' }));
    const h1 = await page.$eval('h1', (h) => {
      const r = h.getBoundingClientRect();
      return [r.left + 10, r.top + r.height / 2];
    });
    const chartTop = (await canvasRect(page, BAR)).top;
    assert.ok(h1[1] < chartTop, 'the heading is above the chart');
    await page.touchscreen.tap(h1[0], h1[1]);
    await frames(page);
    assert.equal((await tooltip(page, BAR)).shown, false, 'a tap on the page outside the chart left the tooltip open');
    assert.deepEqual(problems, [], 'console errors or failed requests');
  } finally {
    await context.close();
  }
});

// ---------------------------------------------------------------------------------------
// Legend

test('clicking a legend entry hides its series: bars, axis, summary and table follow; clicking again shows it', async () => {
  const { context, page, problems } = await open({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
  try {
    await load(page, `${fixtureServer.url}interaction.html`);
    await centre(page, GROUPED);
    const levels = [...new Set(inForce.map((r) => r.level))];
    const HIDE = '行业标准';
    const rest = inForce.filter((r) => r.level !== HIDE);
    const ms0 = await marks(page, GROUPED);
    assert.equal(ms0.length, inForce.length, 'one bar per row of in_force');
    const boxes0 = await textBoxes(page, GROUPED);
    const legend = (boxes) => boxes.filter((b) => levels.includes(b[0]));
    assert.deepEqual(legend(boxes0).map((b) => b[0]).sort(), [...levels].sort(), 'legend labels among the text boxes');
    const legendLeft = Math.min(...legend(boxes0).map((b) => b[1]));
    // The hidden series' bars and colour, from the scene, checked on the canvas.
    const hidden = ms0.filter((m) => m.item?.series === HIDE);
    assert.equal(hidden.length, inForce.filter((r) => r.level === HIDE).length, `bars of ${HIDE}`);
    const colour = hidden[0].color;
    const px0 = await pixels(page, GROUPED, hidden.map((m) => [m.x, m.y]));
    hidden.forEach((m, k) => assertColour(px0[k], colour, `${HIDE} bar ${m.i} before`));
    const plotArea = { maxX: legendLeft - 30 };
    assert.ok((await findColour(page, GROUPED, colour, plotArea)).count > 100, `${HIDE}'s colour is on the plot`);
    const a0 = await accessible(page, GROUPED);
    assert.ok(a0.label.includes(`共 ${inForce.length} 项`), `aria-label "${a0.label}" counts ${inForce.length} items`);
    assert.equal(a0.rows.length, inForce.length, 'hidden table rows');
    const max0 = Math.max(...numbers(boxes0));
    const maxAll = Math.max(...inForce.map((r) => r.count));
    const maxRest = Math.max(...rest.map((r) => r.count));
    assert.ok(max0 >= maxAll, `y axis reaches ${max0}, the data ${maxAll}`);

    const entry = legend(boxes0).find((b) => b[0] === HIDE);
    const r = await canvasRect(page, GROUPED);
    const click = [r.left + (entry[1] + entry[3]) / 2, r.top + (entry[2] + entry[4]) / 2];
    let n = await countRenders(page, GROUPED);
    await page.mouse.click(...click);
    await waitRendered(page, GROUPED, n, `clicking the legend entry ${HIDE}`);

    const ms1 = await marks(page, GROUPED);
    assert.equal(ms1.length, rest.length, 'markCount after hiding');
    assert.ok(ms1.every((m) => m.item && m.item.series !== HIDE), `a bar of ${HIDE} is still hit-testable`);
    const px1 = await pixels(page, GROUPED, hidden.map((m) => [m.x, m.y]));
    hidden.forEach((m, k) =>
      assert.ok(distance(px1[k], hexToRgb(colour)) > 60, `former anchor of ${HIDE} bar ${m.i} still rgba(${px1[k].join(',')})`),
    );
    const [bg] = await pixels(page, GROUPED, [[2, 2]]);
    // Former anchors that no other bar covers now are background.
    for (const [k, m] of hidden.entries()) {
      const covered = await page.$eval(sel(GROUPED), (el, [x, y]) => el.stdviz.hitTest(x, y) !== undefined, [m.x, m.y]);
      if (!covered) assert.ok(distance(px1[k], bg) < 40, `former anchor of ${HIDE} bar ${m.i}: rgba(${px1[k].join(',')}) is not background`);
    }
    assert.equal((await findColour(page, GROUPED, colour)).count, 0, `${HIDE}'s colour ${colour} is still on the canvas (the legend greys it)`);
    const boxes1 = await textBoxes(page, GROUPED);
    assert.ok(legend(boxes1).some((b) => b[0] === HIDE), 'the legend keeps the hidden entry');
    const max1 = Math.max(...numbers(boxes1));
    assert.ok(max1 >= maxRest && max1 < maxAll, `y axis top ${max1} after hiding: should fit ${maxRest} and drop below ${maxAll}`);
    const a1 = await accessible(page, GROUPED);
    assert.notEqual(a1.label, a0.label, 'aria-label unchanged after hiding a series');
    assert.ok(a1.label.includes(`共 ${rest.length} 项`), `aria-label "${a1.label}"`);
    assert.ok(a1.summary.includes(grouped(maxRest)) && !a1.summary.includes(grouped(maxAll)), `summary "${a1.summary}" names the new largest`);
    assert.equal(a1.rows.length, rest.length, 'hidden table rows after hiding');
    assert.ok(a1.rows.every((cells) => !cells.includes(HIDE)), `the hidden table still lists ${HIDE}`);
    assert.ok((await live(page, GROUPED)).includes(HIDE), 'hiding is announced');

    // Again: the series comes back and everything is as before.
    n = await countRenders(page, GROUPED);
    await page.mouse.click(...click);
    await waitRendered(page, GROUPED, n, `clicking ${HIDE} again`);
    assert.equal((await marks(page, GROUPED)).length, inForce.length, 'markCount after showing again');
    assert.deepEqual(await accessible(page, GROUPED), a0, 'aria-label, summary and table after showing again');
    assert.deepEqual(await textBoxes(page, GROUPED), boxes0, 'text after showing again');
    const px2 = await pixels(page, GROUPED, hidden.map((m) => [m.x, m.y]));
    hidden.forEach((m, k) => assertColour(px2[k], colour, `${HIDE} bar ${m.i} shown again`));
    assert.deepEqual(problems, [], 'console errors or failed requests');
  } finally {
    await context.close();
  }
});

test('the last visible series cannot be hidden', async () => {
  const { context, page, problems } = await open();
  try {
    await load(page, `${fixtureServer.url}interaction.html`);
    await centre(page, GROUPED);
    const levels = [...new Set(inForce.map((r) => r.level))];
    const clickEntry = async (label) => {
      const boxes = await textBoxes(page, GROUPED);
      const e = boxes.find((b) => b[0] === label);
      assert.ok(e, `legend entry ${label}`);
      const r = await canvasRect(page, GROUPED);
      await page.mouse.click(r.left + (e[1] + e[3]) / 2, r.top + (e[2] + e[4]) / 2);
      await frames(page, 3);
    };
    for (const level of levels.slice(0, -1)) await clickEntry(level);
    const last = levels.at(-1);
    const left = inForce.filter((r) => r.level === last).length;
    assert.equal((await marks(page, GROUPED)).length, left, `only ${last} is left`);
    await clickEntry(last);
    const ms = await marks(page, GROUPED);
    assert.equal(ms.length, left, `clicking the last visible entry (${last}) hid it`);
    assert.ok(ms.every((m) => m.item?.series === last));
    assert.ok((await live(page, GROUPED)).includes(last), 'the refusal is announced');
    assert.deepEqual(problems, [], 'console errors or failed requests');
  } finally {
    await context.close();
  }
});

// ---------------------------------------------------------------------------------------
// Keyboard

/** The focused mark's ring: blue pixels, their box must surround mark `m` and no other. */
async function assertRingAround(page, spec, ms, m, what) {
  const ring = await findColour(page, spec, FOCUS_RING, { tol: 3 });
  assert.ok(ring.count >= 20, `${what}: no focus ring (${FOCUS_RING}) on the canvas (${ring.count} px)`);
  const inside = (p) => p.x > ring.box.x0 && p.x < ring.box.x1 && p.y > ring.box.y0 && p.y < ring.box.y1;
  assert.ok(inside(m), `${what}: the focus ring ${JSON.stringify(ring.box)} does not surround mark ${m.i} at (${m.x}, ${m.y})`);
  for (const o of ms) {
    if (o.i !== m.i) assert.ok(!inside(o), `${what}: the focus ring ${JSON.stringify(ring.box)} also surrounds mark ${o.i}`);
  }
}

test('keyboard: Tab focuses the chart; arrows, Home and End walk every bar, read out in the live region', async () => {
  const { context, page, problems } = await open({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
  try {
    await load(page, gallery);
    await page.keyboard.press('Tab');
    await frames(page);
    const focused = await page.evaluate(() => {
      const a = window.__stdvizActive();
      return {
        cls: a?.className,
        spec: document.activeElement?.closest('[data-stdviz]')?.getAttribute('data-stdviz'),
        label: a?.getAttribute('aria-label'),
      };
    });
    assert.deepEqual([focused.cls, focused.spec], ['stdviz-chart', BAR], 'the first Tab stop is the bar chart');
    assert.ok(focused.label?.includes('阳泉'), `the chart's accessible name "${focused.label}" names it`);
    const ms = await marks(page, BAR);
    const n = yangquan.length;
    // Reading order = left to right for vertical bars.
    const order = [...ms].sort((a, b) => a.x - b.x);
    const sentence = (m, k) => {
      const r = yangquan.find((d) => d.level === m.item.label);
      return `${r.level}:标准数量(项) ${r.count} ${r.unit}。第 ${k + 1} 项,共 ${n} 项`;
    };
    const check = async (k, what) => {
      const m = order[k];
      assert.equal(await live(page, BAR), sentence(m, k), `live region ${what}`);
      const tip = await tooltip(page, BAR);
      assert.ok(tip.shown && tip.title === m.item.label, `${what}: tooltip ${JSON.stringify(tip.title)} shown=${tip.shown}, want ${m.item.label}`);
      await assertRingAround(page, BAR, ms, m, what);
    };
    await check(0, 'after Tab');
    for (let k = 1; k < n; k++) {
      await page.keyboard.press('ArrowRight');
      await frames(page);
      await check(k, `after ArrowRight ×${k}`);
    }
    await page.keyboard.press('ArrowRight');
    await frames(page);
    await check(n - 1, 'ArrowRight past the last bar (no legend)');
    for (let k = n - 2; k >= 0; k--) {
      await page.keyboard.press('ArrowLeft');
      await frames(page);
      await check(k, `ArrowLeft back to ${k}`);
    }
    await page.keyboard.press('End');
    await frames(page);
    await check(n - 1, 'End');
    await page.keyboard.press('Home');
    await frames(page);
    await check(0, 'Home');
    // Escape closes the tooltip (its DOM box: see the test "keyboard: Escape hides …").
    await page.keyboard.press('Escape');
    await frames(page);
    await assertRingAround(page, BAR, ms, order[0], 'focus stays after Escape');
    // Tab on: the chart lets focus go, the ring disappears.
    await page.keyboard.press('Tab');
    await frames(page);
    assert.notEqual(await page.evaluate(() => window.__stdvizActive()?.className), 'stdviz-chart', 'Tab left the chart');
    assert.equal((await findColour(page, BAR, FOCUS_RING, { tol: 3 })).count, 0, 'focus ring left after Tab moved on');
    assert.deepEqual(problems, [], 'console errors or failed requests');
  } finally {
    await context.close();
  }
});

test('keyboard: after the last bar come the legend entries; Enter on one hides its series', async () => {
  const { context, page, problems } = await open({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
  try {
    await load(page, `${fixtureServer.url}interaction.html`);
    await centre(page, GROUPED);
    await page.$eval(sel(GROUPED), (el) => (el.shadowRoot ?? el).querySelector('.stdviz-chart').focus());
    await page.keyboard.press('Home');
    await frames(page);
    const ms = await marks(page, GROUPED);
    const order = [...ms].sort((a, b) => a.x - b.x);
    const heard = [];
    for (let k = 0; k < order.length; k++) {
      const text = await live(page, GROUPED);
      heard.push(text);
      const m = order[k];
      assert.ok(text.includes(grouped(m.item.value)), `step ${k}: "${text}" lacks ${grouped(m.item.value)} (${m.item.label} ${m.item.series})`);
      assert.ok(text.endsWith(`第 ${k + 1} 项,共 ${order.length} 项`), `step ${k}: "${text}"`);
      await assertRingAround(page, GROUPED, ms, m, `grouped bar step ${k}`);
      await page.keyboard.press('ArrowRight');
      await frames(page);
    }
    // Focus is on the first legend entry now.
    const levels = [...new Set(inForce.map((r) => r.level))];
    const first = await live(page, GROUPED);
    assert.ok(first.startsWith('图例') && levels.some((l) => first.includes(l)), `after the bars: "${first}"`);
    const level = levels.find((l) => first.includes(l));
    const n = await countRenders(page, GROUPED);
    await page.keyboard.press('Enter');
    await waitRendered(page, GROUPED, n, 'Enter on a legend entry');
    const after = await marks(page, GROUPED);
    assert.equal(after.length, inForce.filter((r) => r.level !== level).length, `markCount after Enter on ${level}`);
    assert.ok(after.every((m) => m.item.series !== level));
    assert.ok((await live(page, GROUPED)).includes(level), 'the toggle is announced');
    assert.deepEqual(problems, [], 'console errors or failed requests');
  } finally {
    await context.close();
  }
});

test('keyboard: Escape hides the tooltip box; moving focus onto a legend entry hides it', async () => {
  const { context, page, problems } = await open();
  try {
    await load(page, `${fixtureServer.url}interaction.html`);
    await centre(page, GROUPED);
    await page.$eval(sel(GROUPED), (el) => (el.shadowRoot ?? el).querySelector('.stdviz-chart').focus());
    await page.keyboard.press('Home');
    await frames(page);
    assert.ok((await tooltip(page, GROUPED)).shown, 'tooltip on the first bar after Home');
    await page.keyboard.press('Escape');
    await frames(page);
    assert.equal((await tooltip(page, GROUPED)).shown, false, 'tooltip box after Escape');
    await page.keyboard.press('End');
    await frames(page);
    assert.ok((await live(page, GROUPED)).startsWith('图例'), 'End focuses the last legend entry');
    assert.equal((await tooltip(page, GROUPED)).shown, false, 'tooltip box on a legend entry');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await frames(page);
    assert.ok((await tooltip(page, GROUPED)).shown, 'tooltip on the last bar');
    await page.keyboard.press('ArrowRight');
    await frames(page);
    assert.equal((await tooltip(page, GROUPED)).shown, false, 'tooltip box after moving from the last bar to the legend');
    assert.deepEqual(problems, [], 'console errors or failed requests');
  } finally {
    await context.close();
  }
});

test('after a click drills down, the tooltip of the bar that was clicked is gone', async () => {
  const { context, page, problems } = await open();
  try {
    await load(page, `${fixtureServer.url}interaction.html`);
    await centre(page, DRILL);
    const bar = (await marks(page, DRILL)).at(-1);
    await page.mouse.move(bar.vx, bar.vy);
    await frames(page);
    assert.equal((await tooltip(page, DRILL)).title, bar.item.label, 'tooltip of the hovered year');
    const n = await countRenders(page, DRILL);
    await page.mouse.down();
    await page.mouse.up();
    await waitRendered(page, DRILL, n, 'the drill click');
    const tip = await tooltip(page, DRILL);
    const labels = (await marks(page, DRILL)).map((m) => m.item.label);
    assert.ok(!tip.shown || labels.includes(tip.title), `the tooltip still shows "${tip.text}", a bar of the level above`);
    assert.deepEqual(problems, [], 'console errors or failed requests');
  } finally {
    await context.close();
  }
});

// ---------------------------------------------------------------------------------------
// Drill-down

test('drill-down: clicking a year shows its levels and a breadcrumb; the breadcrumb goes back', async () => {
  const { context, page, problems } = await open();
  try {
    await load(page, `${fixtureServer.url}interaction.html`);
    await centre(page, DRILL);
    const byYear = inForceByYear();
    const top = await marks(page, DRILL);
    assert.deepEqual(
      top.map((m) => [m.item.label, m.item.value]).sort(),
      [...byYear].sort(),
      'top level: one bar per year with the sum over levels',
    );
    assert.equal((await breadcrumb(page, DRILL)).shown, false, 'no breadcrumb at the top level');
    const year = '2023';
    const bar = top.find((m) => m.item.label === year);
    await page.$eval(sel(DRILL), (el) => {
      el.__selected = [];
      el.addEventListener('stdviz:select', (e) => el.__selected.push(e.detail));
    });
    const n = await countRenders(page, DRILL);
    await page.mouse.click(bar.vx, bar.vy);
    await waitRendered(page, DRILL, n, `clicking the ${year} bar`);
    const selected = await page.$eval(sel(DRILL), (el) => el.__selected);
    assert.equal(selected.length, 1, 'one stdviz:select event');
    assert.equal(selected[0].label, year, 'stdviz:select detail.label');
    assert.equal(selected[0].value, byYear.get(year), 'stdviz:select detail.value');

    const crumb = await breadcrumb(page, DRILL);
    assert.ok(crumb.shown, 'breadcrumb shown after drilling');
    assert.equal(crumb.text.replace(/\s+/g, ''), `全部›${year}`, 'breadcrumb text');
    assert.deepEqual(crumb.buttons, [['0', '全部']], 'breadcrumb buttons');
    assert.equal(crumb.current, year, 'current level');
    const levels = inForce.filter((r) => String(r.year) === year);
    const down = await marks(page, DRILL);
    assert.deepEqual(
      down.map((m) => [m.item.label, m.item.value]).sort(),
      levels.map((r) => [r.level, r.count]).sort(),
      `${year}: one bar per level with its count`,
    );
    const boxes = (await textBoxes(page, DRILL)).map((b) => b[0]);
    assert.ok(boxes.includes('层级'), `the x axis is titled with the level's title: ${JSON.stringify(boxes)}`);
    assert.ok((await live(page, DRILL)).includes(year), 'the new level is announced');
    assert.ok((await accessible(page, DRILL)).rows.every((cells) => levels.some((r) => cells.includes(r.level))), 'the table lists the levels');

    // At the deepest level a click selects without drilling further.
    const n2 = await countRenders(page, DRILL);
    await page.mouse.click(down[0].vx, down[0].vy);
    await frames(page, 3);
    assert.equal(await countRenders(page, DRILL), n2, 'a click at the deepest level laid the chart out again');
    assert.equal((await page.$eval(sel(DRILL), (el) => el.__selected)).length, 2, 'a click at the deepest level selects');

    // The breadcrumb's "全部" goes back to the top.
    const n3 = await countRenders(page, DRILL);
    await page.click(`${sel(DRILL)} nav.stdviz-breadcrumb button[data-depth="0"]`);
    await waitRendered(page, DRILL, n3, 'clicking 全部 in the breadcrumb');
    assert.equal((await breadcrumb(page, DRILL)).shown, false, 'breadcrumb after going back');
    assert.deepEqual((await marks(page, DRILL)).map((m) => m.item.label).sort(), [...byYear.keys()].sort(), 'years again');
    assert.deepEqual(problems, [], 'console errors or failed requests');
  } finally {
    await context.close();
  }
});

test('drill-down by keyboard: Enter on a bar goes down, Escape closes the tooltip, then goes up', async () => {
  const { context, page, problems } = await open();
  try {
    await load(page, `${fixtureServer.url}interaction.html`);
    await centre(page, DRILL);
    await page.keyboard.press('Tab');
    await frames(page);
    assert.equal(
      await page.evaluate(() => document.activeElement?.closest('[data-stdviz]')?.getAttribute('data-stdviz')),
      DRILL,
      'Tab focuses the drill chart (first on the page)',
    );
    const byYear = inForceByYear();
    const years = [...byYear.keys()].sort();
    await page.keyboard.press('End');
    await frames(page);
    const last = years.at(-1);
    assert.ok((await live(page, DRILL)).startsWith(last), `End focuses ${last}: "${await live(page, DRILL)}"`);
    let n = await countRenders(page, DRILL);
    await page.keyboard.press('Enter');
    await waitRendered(page, DRILL, n, 'Enter on a bar');
    assert.equal((await breadcrumb(page, DRILL)).current, last, 'breadcrumb after Enter');
    assert.ok((await live(page, DRILL)).includes(last), 'drill announced');
    const levels = inForce.filter((r) => String(r.year) === last).map((r) => r.level).sort();
    assert.deepEqual((await marks(page, DRILL)).map((m) => m.item.label).sort(), levels, 'levels after Enter');
    assert.equal(
      await page.evaluate(() => window.__stdvizActive()?.className),
      'stdviz-chart',
      'focus stays on the chart after drilling',
    );
    // Focus stays on a mark of the new level, with its tooltip; the first Escape closes
    // that, the second goes up.
    await page.keyboard.press('ArrowRight');
    await frames(page);
    assert.ok((await tooltip(page, DRILL)).shown, 'tooltip on the focused level bar');
    await page.keyboard.press('Escape');
    await frames(page, 3);
    assert.ok((await breadcrumb(page, DRILL)).shown, 'first Escape (closing the tooltip) left the level');
    n = await countRenders(page, DRILL);
    await page.keyboard.press('Escape');
    await waitRendered(page, DRILL, n, 'the second Escape');
    assert.equal((await breadcrumb(page, DRILL)).shown, false, 'breadcrumb after the second Escape');
    assert.deepEqual((await marks(page, DRILL)).map((m) => m.item.label).sort(), years, 'years after Escape');
    assert.equal(await live(page, DRILL), '已返回全部', 'going up is announced');
    assert.deepEqual(problems, [], 'console errors or failed requests');
  } finally {
    await context.close();
  }
});

// ---------------------------------------------------------------------------------------
// Zoom and pan

test('zoom: Ctrl+wheel on the line chart changes the x axis, drag pans, double-click restores; plain wheel scrolls the page', async () => {
  const { context, page, problems } = await open({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
  try {
    await load(page, `${fixtureServer.url}interaction.html`);
    await centre(page, LINES);
    const boxes0 = await textBoxes(page, LINES);
    const first = boxes0.find((b) => b[0] === '2019');
    assert.ok(first, `an x axis label 2019: ${JSON.stringify(boxes0.map((b) => b[0]))}`);
    const xRow = first[2];
    const xLabels = async () => row(await textBoxes(page, LINES), xRow);
    const labels0 = await xLabels();
    assert.ok(labels0.length >= 3, `x labels ${JSON.stringify(labels0)}`);
    // A point in the middle of the plot: between the first and last x labels, above them.
    const xs = boxes0.filter((b) => Math.abs(b[2] - xRow) < 1);
    const mid = async () => {
      const r = await canvasRect(page, LINES);
      return [r.left + (xs[0][1] + xs.at(-1)[3]) / 2, r.top + xRow - 60];
    };

    // Without Ctrl and without focus, the wheel scrolls the page and leaves the chart be.
    let [x, y] = await mid();
    await page.mouse.move(x, y);
    const scroll0 = await page.evaluate(() => scrollY);
    // Upwards: were it taken for a zoom, it would zoom in and change the labels.
    await page.mouse.wheel(0, -200);
    await frames(page, 3);
    assert.deepEqual(await xLabels(), labels0, 'a plain wheel zoomed the chart');
    assert.notEqual(await page.evaluate(() => scrollY), scroll0, 'a plain wheel over the chart did not scroll the page');

    await centre(page, LINES);
    [x, y] = await mid();
    await page.mouse.move(x, y);
    const scroll1 = await page.evaluate(() => scrollY);
    let n = await countRenders(page, LINES);
    await page.keyboard.down('Control');
    await page.mouse.wheel(0, -400);
    await page.keyboard.up('Control');
    await waitRendered(page, LINES, n, 'Ctrl+wheel');
    const zoomed = await xLabels();
    assert.notDeepEqual(zoomed, labels0, 'Ctrl+wheel left the x axis labels as they were');
    assert.equal(await page.evaluate(() => scrollY), scroll1, 'Ctrl+wheel over the chart scrolled the page');
    assert.ok((await marks(page, LINES)).length < LINES_POINTS(), 'zooming in shows fewer points');

    // Drag pans the zoomed window.
    n = await countRenders(page, LINES);
    await page.mouse.move(x, y);
    await page.mouse.down();
    await page.mouse.move(x + 150, y, { steps: 6 });
    await page.mouse.up();
    await waitRendered(page, LINES, n, 'dragging the zoomed chart');
    const panned = await xLabels();
    assert.notDeepEqual(panned, zoomed, 'dragging did not pan');

    // Double-click restores the full domain.
    n = await countRenders(page, LINES);
    await page.mouse.dblclick(x, y);
    await waitRendered(page, LINES, n, 'double-click');
    assert.deepEqual(await xLabels(), labels0, 'x labels after double-click');
    assert.deepEqual(await textBoxes(page, LINES), boxes0, 'all text after double-click');
    assert.equal((await marks(page, LINES)).length, LINES_POINTS(), 'every point after double-click');
    assert.deepEqual(problems, [], 'console errors or failed requests');
  } finally {
    await context.close();
  }
});

/** Points of issued-lines.json: one per row of `issued`. */
let issuedRows = null;
function LINES_POINTS() {
  if (issuedRows === null) {
    issuedRows = JSON.parse(fs.readFileSync(path.join(DIST, 'data', 'samr-annual-reports.json'), 'utf8')).issued.length;
  }
  return issuedRows;
}

test('zoom: bars never zoom; Escape on the focused line chart resets its zoom', async () => {
  const { context, page, problems } = await open();
  try {
    await load(page, `${fixtureServer.url}interaction.html`);
    // Bars: Ctrl+wheel does nothing to the chart.
    await centre(page, GROUPED);
    const bars0 = await textBoxes(page, GROUPED);
    const ms = await marks(page, GROUPED);
    await page.mouse.move(ms[4].vx, ms[4].vy);
    let n = await countRenders(page, GROUPED);
    await page.keyboard.down('Control');
    await page.mouse.wheel(0, -400);
    await page.keyboard.up('Control');
    await frames(page, 3);
    assert.equal(await countRenders(page, GROUPED), n, 'Ctrl+wheel laid the bar chart out again');
    assert.deepEqual(await textBoxes(page, GROUPED), bars0, 'Ctrl+wheel changed the bar chart');

    // Lines: zoom with Ctrl+wheel, then Escape on the focused chart (tooltip first, then
    // the zoom) comes back to the full x axis.
    await centre(page, LINES);
    const boxes0 = await textBoxes(page, LINES);
    const p = (await marks(page, LINES))[0];
    const r = await canvasRect(page, LINES);
    await page.mouse.move(r.left + r.width / 2, p.vy);
    n = await countRenders(page, LINES);
    await page.keyboard.down('Control');
    await page.mouse.wheel(0, -400);
    await page.keyboard.up('Control');
    await waitRendered(page, LINES, n, 'Ctrl+wheel on the line chart');
    assert.notDeepEqual(await textBoxes(page, LINES), boxes0, 'Ctrl+wheel did not zoom');
    await page.$eval(sel(LINES), (el) => (el.shadowRoot ?? el).querySelector('.stdviz-chart').focus());
    for (let k = 0; k < 3 && JSON.stringify(await textBoxes(page, LINES)) !== JSON.stringify(boxes0); k++) {
      await page.keyboard.press('Escape');
      await frames(page, 3);
    }
    assert.deepEqual(await textBoxes(page, LINES), boxes0, 'Escape resets the zoom');
    assert.deepEqual(problems, [], 'console errors or failed requests');
  } finally {
    await context.close();
  }
});

test('zoom: with keyboard focus the wheel zooms without Ctrl', async () => {
  const { context, page, problems } = await open();
  try {
    await load(page, `${fixtureServer.url}interaction.html`);
    await centre(page, LINES);
    const boxes0 = await textBoxes(page, LINES);
    await page.$eval(sel(LINES), (el) => (el.shadowRoot ?? el).querySelector('.stdviz-chart').focus());
    const p = (await marks(page, LINES))[0];
    const r = await canvasRect(page, LINES);
    await page.mouse.move(r.left + r.width / 2, p.vy);
    const scroll = await page.evaluate(() => scrollY);
    const n = await countRenders(page, LINES);
    await page.mouse.wheel(0, -400);
    await waitRendered(page, LINES, n, 'the wheel on the focused line chart');
    assert.notDeepEqual(await textBoxes(page, LINES), boxes0, 'the wheel on the focused chart did not zoom');
    assert.equal(await page.evaluate(() => scrollY), scroll, 'the wheel on the focused chart scrolled the page');
    assert.deepEqual(problems, [], 'console errors or failed requests');
  } finally {
    await context.close();
  }
});

// ---------------------------------------------------------------------------------------
// Dark theme

test('dark theme: a page that supports dark gets a dark chart when the reader prefers dark', async () => {
  const cases = [
    ['light.html', 'dark', false],
    ['dark.html', 'light', false],
    ['dark.html', 'dark', true],
  ];
  for (const [file, scheme, dark] of cases) {
    const { context, page, problems } = await open({ viewport: { width: 1280, height: 900 }, colorScheme: scheme });
    try {
      await load(page, `${fixtureServer.url}${file}`);
      for (const spec of FIXTURE_CHARTS) {
        const [corner] = await pixels(page, spec, [[2, 2]]);
        const lum = (0.2126 * corner[0] + 0.7152 * corner[1] + 0.0722 * corner[2]) / 255;
        assert.equal(lum < 0.4, dark, `${file} with prefers-color-scheme ${scheme}: ${spec} background rgba(${corner.join(',')})`);
        // The text stays readable: some text pixel contrasts with the background.
        const title = (await textBoxes(page, spec))[0];
        const inkDark = await page.$eval(
          sel(spec),
          (el, [x0, y0, x1, y1]) => {
            const c = (el.shadowRoot ?? el).querySelector('canvas.stdviz-canvas');
            const dpr = c.width / parseFloat(c.style.width);
            const { data } = c.getContext('2d').getImageData(x0 * dpr, y0 * dpr, (x1 - x0) * dpr, (y1 - y0) * dpr);
            let min = 255;
            let max = 0;
            for (let o = 0; o < data.length; o += 4) {
              const l = 0.2126 * data[o] + 0.7152 * data[o + 1] + 0.0722 * data[o + 2];
              min = Math.min(min, l);
              max = Math.max(max, l);
            }
            return [min, max];
          },
          title.slice(1),
        );
        assert.ok(inkDark[1] - inkDark[0] > 120, `${spec}: title "${title[0]}" ink range ${inkDark} on ${scheme}`);
      }
      assert.deepEqual(problems, [], 'console errors or failed requests');
    } finally {
      await context.close();
    }
  }
});

// ---------------------------------------------------------------------------------------
// Responsive layout: screenshots and text boxes

for (const [name, hash] of [
  ['gallery', ''],
  ['examples', '#examples'],
]) {
  for (const width of [320, 768, 1280]) {
    for (const dpr of [1, 2]) {
      test(`layout ${name} at ${width} px, dpr ${dpr}: no text overlaps or leaves its canvas`, async () => {
        const { context, page, problems } = await open({ viewport: { width, height: 900 }, deviceScaleFactor: dpr });
        try {
          await load(page, `${gallery}${hash}`);
          await fsp.mkdir(RESULTS, { recursive: true });
          await page.screenshot({ path: path.join(RESULTS, `interaction-${name}-${width}-dpr${dpr}.png`), fullPage: true });
          const charts = await page.$$eval('[data-stdviz]', (els) =>
            els.map((el) => {
              const root = el.shadowRoot ?? el;
              const c = root.querySelector('canvas.stdviz-canvas');
              // A table-form chart is an HTML <table> (tests/e2e/table.test.mjs): no canvas.
              const table = c ? null : root.querySelector('table');
              return {
                spec: el.getAttribute('data-stdviz'),
                table: table ? { rows: table.tBodies[0]?.rows.length ?? 0, right: table.closest('[role="region"]')?.getBoundingClientRect().right ?? table.getBoundingClientRect().right } : null,
                state: el.getAttribute('data-stdviz-state'),
                boxes: el.stdviz ? window.__stdvizTextBoxes(el) : [],
                width: c ? parseFloat(c.style.width) : 0,
                height: c ? parseFloat(c.style.height) : 0,
                backing: c ? [c.width, c.height] : null,
                right: c ? c.getBoundingClientRect().right : 0,
              };
            }),
          );
          const found = [];
          for (const c of charts) {
            assert.equal(c.state, 'rendered', `${c.spec}`);
            if (c.table) {
              // Its rows are there and its scrolling box stays inside the viewport.
              assert.ok(c.table.rows > 0, `${c.spec}: an empty table`);
              assert.ok(c.table.right <= width + 0.5, `${c.spec}: the table's box ends at ${c.table.right} px`);
              continue;
            }
            assert.ok(c.boxes.length > 0, `${c.spec}: no text boxes`);
            assert.ok(c.right <= width + 0.5, `${c.spec}: canvas ends at ${c.right} px, wider than the ${width} px viewport`);
            assert.deepEqual(c.backing, [Math.round(c.width * dpr), Math.round(c.height * dpr)], `${c.spec}: backing store`);
            for (const p of layoutProblems(c.boxes, c.width, c.height)) found.push(`${c.spec}: ${p}`);
          }
          assert.deepEqual(found, [], `text layout at ${width} px, dpr ${dpr}`);
          assert.deepEqual(problems, [], 'console errors or failed requests');
        } finally {
          await context.close();
        }
      });
    }
  }
}

// ---------------------------------------------------------------------------------------
// What a screen reader gets says what the chart shows

/** The gallery's charts: summary, hidden table rows, the tooltip of mark 0, drawn text. */
async function galleryTexts() {
  const { context, page, problems } = await open();
  try {
    await load(page, `${gallery}#examples`);
    const out = await page.$$eval('[data-stdviz]', (els) =>
      Object.fromEntries(
        // Canvas charts only: a table-form chart's texts are its table's (table.test.mjs).
        els.filter((el) => (el.shadowRoot ?? el).querySelector('canvas.stdviz-canvas')).map((el) => {
          const v = el.stdviz;
          const [x, y] = v.markAnchor(0);
          return [
            el.getAttribute('data-stdviz'),
            {
              summary: v.summary(),
              rows: [...(el.shadowRoot ?? el).querySelectorAll('table.stdviz-table tbody tr')].map((tr) => [...tr.cells].map((c) => c.textContent)),
              item: v.hitTest(x, y),
              drawn: window.__stdvizTextBoxes(el).map((b) => b[0]),
            },
          ];
        }),
      ),
    );
    assert.deepEqual(problems, [], 'console errors or failed requests');
    return out;
  } finally {
    await context.close();
  }
}

test('the summary and the data table name each bar once', async () => {
  const t = (await galleryTexts())['examples/yangquan-bars-with-labels.json'];
  for (const r of yangquan) {
    assert.ok(!t.summary.includes(`${r.level} ${r.level}`), `summary "${t.summary}" repeats ${r.level}`);
  }
  for (const cells of t.rows) {
    assert.equal(new Set(cells).size, cells.length, `table row ${JSON.stringify(cells)} repeats a cell`);
  }
});

test('an English chart is summarised with the English labels it draws', async () => {
  const t = (await galleryTexts())['examples/in-force-bars-english.json'];
  const y2023 = inForce.filter((r) => r.year === 2023);
  const largest = y2023.reduce((a, b) => (b.count > a.count ? b : a));
  assert.ok(t.drawn.includes(largest.level_en), `the chart draws "${largest.level_en}": ${JSON.stringify(t.drawn)}`);
  assert.ok(t.summary.includes(`${largest.level_en} ${grouped(largest.count)}`), `summary "${t.summary}" lacks "${largest.level_en} ${grouped(largest.count)}"`);
  assert.ok(!/[\u4e00-\u9fff]/.test(t.summary.replace(/^[\s\S]*?Bar chart/, '')), `summary "${t.summary}" has Chinese text`);
});

test('the hidden table of an English chart uses the English labels it draws', async () => {
  const t = (await galleryTexts())['examples/in-force-bars-english.json'];
  const y2023 = inForce.filter((r) => r.year === 2023);
  for (const r of y2023) {
    assert.ok(t.rows.some((cells) => cells.includes(r.level_en) && cells.some((c) => c.includes(grouped(r.count)))), `table ${JSON.stringify(t.rows)} lacks ${r.level_en} ${grouped(r.count)}`);
  }
  assert.ok(t.rows.every((cells) => cells.every((c) => !/[\u4e00-\u9fff]/.test(c))), `table ${JSON.stringify(t.rows)} has Chinese text`);
});

/** The largest 2023 level's share of in_force, as the share chart draws it (41.4%), and a regex for it at 0 or 1 decimals. */
function largestShare() {
  const y2023 = inForce.filter((r) => r.year === 2023);
  const total = y2023.reduce((a, r) => a + r.count, 0);
  const largest = y2023.reduce((a, b) => (b.count > a.count ? b : a));
  const p = (100 * largest.count) / total;
  return { drawn: `${p.toFixed(1)}%`, re: new RegExp(`(^|[^\\d.])(${p.toFixed(1).replace('.', '\\.')}|${Math.round(p)})\\s?%`), fraction: (p / 100).toFixed(2) };
}

test('a share chart is summarised in percent, as drawn', async () => {
  const t = (await galleryTexts())['examples/in-force-share-2023.json'];
  const share = largestShare();
  assert.ok(t.drawn.includes(share.drawn), `the chart draws ${share.drawn}: ${JSON.stringify(t.drawn)}`);
  assert.match(t.summary, share.re, `summary "${t.summary}" lacks ${share.drawn} (or rounded)`);
  assert.ok(!t.summary.includes(share.fraction), `summary "${t.summary}" has the fraction ${share.fraction}`);
});

test('the hidden table of a share chart lists percentages', async () => {
  const t = (await galleryTexts())['examples/in-force-share-2023.json'];
  const share = largestShare();
  assert.ok(t.rows.some((cells) => cells.some((c) => share.re.test(c))), `table ${JSON.stringify(t.rows)} lacks ${share.drawn} (or rounded)`);
  assert.ok(t.rows.every((cells) => cells.every((c) => !c.includes(share.fraction))), `table ${JSON.stringify(t.rows)} has the fraction ${share.fraction}`);
});

test('a line chart\'s tooltip names the year as its axis does', async () => {
  const { context, page, problems } = await open();
  try {
    await load(page, `${fixtureServer.url}interaction.html`);
    await centre(page, LINES);
    const issued = JSON.parse(await fsp.readFile(path.join(DIST, 'data', 'samr-annual-reports.json'), 'utf8')).issued;
    for (const m of await marks(page, LINES)) {
      await page.mouse.move(m.vx, m.vy);
      await frames(page);
      const tip = await tooltip(page, LINES);
      assert.ok(tip.shown, `no tooltip over point ${m.i}`);
      const row = issued.find((r) => tip.text.includes(grouped(r.count)) && tip.text.includes(r.kind));
      assert.ok(row, `tooltip "${tip.text}" matches no row of issued`);
      assert.ok(tip.title.includes(String(row.year)) && !tip.title.includes(`${row.year}-`), `tooltip title "${tip.title}" for ${row.year}`);
    }
    assert.deepEqual(problems, [], 'console errors or failed requests');
  } finally {
    await context.close();
  }
});

// ---------------------------------------------------------------------------------------
// axe-core

async function axe(page, context) {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async (ctx) => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(ctx === 'charts' ? { include: [...document.querySelectorAll('[data-stdviz]')] } : document, {
      resultTypes: ['violations'],
    });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary.replace(/\s+/g, ' ')}`),
    }));
  }, context);
}

test('axe-core: the charts on the page, the gallery and the fixture page (drilled, tooltip shown) have no violations', async () => {
  const { context, page, problems } = await open();
  try {
    for (const hash of ['', '#examples']) {
      await load(page, `${gallery}${hash}`);
      assert.deepEqual(await axe(page, 'charts'), [], `axe violations in the charts of ${hash || 'the gallery'}`);
      if (hash === '') await page.goto('about:blank');
    }
    await load(page, `${fixtureServer.url}interaction.html`);
    await centre(page, DRILL);
    const bar = (await marks(page, DRILL)).at(-1);
    const n = await countRenders(page, DRILL);
    await page.mouse.click(bar.vx, bar.vy);
    await waitRendered(page, DRILL, n, 'the drill click');
    assert.ok((await breadcrumb(page, DRILL)).shown, 'breadcrumb shown for the axe run');
    const level = (await marks(page, DRILL))[0];
    await page.mouse.move(level.vx, level.vy);
    await frames(page);
    assert.ok((await tooltip(page, DRILL)).shown, 'tooltip shown for the axe run');
    assert.deepEqual(await axe(page, 'charts'), [], 'axe violations with breadcrumb and tooltip');
    assert.deepEqual(problems, [], 'console errors or failed requests');
  } finally {
    await context.close();
  }
});

for (const [name, hash] of [
  ['gallery', ''],
  ['examples', '#examples'],
]) {
  test(
    `axe-core: the whole ${name} page has no violations`,
    {},
    async () => {
      const { context, page } = await open();
      try {
        await load(page, `${gallery}${hash}`);
        assert.deepEqual(await axe(page, 'page'), [], `axe violations on ${name}`);
      } finally {
        await context.close();
      }
    },
  );
}
