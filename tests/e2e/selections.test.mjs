// End-to-end tests of Vega-Lite selections and bound parameters (issue #18) in Debian's
// Chromium, driven by playwright-core:
//
//   trunk build --release && node --test --test-concurrency=1 tests/e2e/selections.test.mjs
//   STDVIZ_DIST=/tmp/dist-x node --test tests/e2e/selections.test.mjs   (another dist dir)
//
// The charts are fixtures (tests/e2e/fixtures/sel-*.json) on a page built from
// dist/gallery.html, as interaction.test.mjs builds its page. Their data are the page's
// cited files (dist/data/); every expected figure is computed here from those files and
// from the specs' own conditions (the selected colour, the unselected colour), never
// from what the page computed. Marks are found through the chart's scene (markAnchor,
// hitTest) and their colours read back from the canvas pixels.

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

const READY_TIMEOUT = 30_000;
const REDRAW_TIMEOUT = 5_000;

const POINT = 'fixtures/sel-point-bars.json';
const RANGE = 'fixtures/sel-range.json';
const BRUSH = 'fixtures/sel-brush.json';
const LEGEND = 'fixtures/sel-legend.json';
const BRUSH2D = 'fixtures/sel-brush2d.json';
const SCALES = 'fixtures/sel-scales.json';
const OVERVIEW = 'fixtures/sel-overview.json';
const BAND = 'fixtures/sel-band.json';
const CHARTS = [POINT, RANGE, BRUSH, LEGEND, BRUSH2D, SCALES, OVERVIEW, BAND];
const sel = (spec) => `[data-stdviz="${spec}"]`;

let browser;
let server;
let fixtureDir;
/** The specs, as written in tests/e2e/fixtures/. */
const specs = {};
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
  for (const spec of CHARTS) specs[spec] = JSON.parse(await fsp.readFile(path.join(here, spec), 'utf8'));

  fixtureDir = await fsp.mkdtemp(path.join(os.tmpdir(), 'stdviz-e2e-selections-'));
  await fsp.cp(DIST, fixtureDir, { recursive: true });
  await fsp.cp(path.join(here, 'fixtures'), path.join(fixtureDir, 'fixtures'), { recursive: true });
  const html = await fsp.readFile(path.join(DIST, 'gallery.html'), 'utf8');
  const section = /<section class="charts"[^>]*>[\s\S]*?<\/section>/;
  assert.match(html, section, 'dist/gallery.html has a <section class="charts">');
  const boxes = CHARTS.map(
    (spec) => `<figure class="chart-card"><div class="stdviz" data-stdviz="${spec}"></div></figure>`,
  ).join('\n');
  await fsp.writeFile(
    path.join(fixtureDir, 'selections.html'),
    html.replace(section, `<section class="charts" aria-label="图表">\n${boxes}\n</section>`),
  );
  server = await serve(fixtureDir);
  browser = await chromium.launch(LAUNCH);
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (fixtureDir) await fsp.rm(fixtureDir, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------
// Helpers

const DESKTOP = { viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 };
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true };

async function load(page) {
  const url = `${server.url}selections.html`;
  await page.goto(url);
  await page.waitForSelector('html[data-stdviz-ready]', { state: 'attached', timeout: READY_TIMEOUT });
  const ready = Number(await page.getAttribute('html', 'data-stdviz-ready'));
  assert.equal(ready, await page.$$eval('[data-stdviz]', (els) => els.length), `charts drawn on ${url}`);
}

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

function countRenders(page, spec) {
  return page.$eval(sel(spec), (el) => {
    if (el.__renders === undefined) {
      el.__renders = 0;
      el.addEventListener('stdviz:rendered', () => el.__renders++);
    }
    return el.__renders;
  });
}

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

async function centre(page, spec) {
  await page.$eval(sel(spec), (el) => el.scrollIntoView({ block: 'center', inline: 'nearest' }));
  await frames(page);
}

/**
 * Every data mark: anchor (CSS px on the canvas), the same point in the viewport, the
 * scene's colour, hitTest's item there, and the canvas pixel under the anchor.
 */
function marks(page, spec) {
  return page.$eval(sel(spec), (el) => {
    const v = el.stdviz;
    const c = (el.shadowRoot ?? el).querySelector('canvas.stdviz-canvas');
    const r = c.getBoundingClientRect();
    const dpr = c.width / parseFloat(c.style.width);
    const ctx = c.getContext('2d');
    const out = [];
    for (let i = 0; i < v.markCount(); i++) {
      const a = v.markAnchor(i);
      if (!Array.isArray(a)) throw new Error(`mark ${i} has no anchor`);
      const [x, y, color] = a;
      const px = Array.from(ctx.getImageData(Math.floor(x * dpr), Math.floor(y * dpr), 1, 1).data);
      out.push({ i, x, y, vx: r.left + x, vy: r.top + y, color, item: v.hitTest(x, y) ?? null, px });
    }
    return out;
  });
}

function hexToRgb(hex) {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  assert.ok(m, `colour "${hex}" is not #rrggbb`);
  return [1, 2, 3].map((k) => parseInt(m[k], 16));
}

function isColour(rgba, hex, tol = 3) {
  const want = hexToRgb(hex);
  return want.every((c, k) => Math.abs(c - rgba[k]) <= tol) && rgba[3] === 255;
}

/** The selected and unselected colours of a spec's colour condition. */
function conditionColours(spec) {
  const c = specs[spec].encoding.color;
  return { on: c.condition.value, off: c.value };
}

/**
 * Which marks show the selected colour ("on") and which the unselected one ("off"), by
 * `key` (default: hitTest's label, the x category). The scene's colour of each mark must
 * be exactly one of the two; the canvas pixel under its anchor must agree — its hue, as
 * the hovered or focused mark's emphasis fades the other marks towards the background
 * (the two colours here are an orange and a grey, told apart by saturation).
 */
async function shown(page, spec, key = (m) => String(m.item?.label)) {
  const { on, off } = conditionColours(spec);
  const saturated = ([r, g, b]) => Math.max(r, g, b) - Math.min(r, g, b) > 40;
  assert.ok(saturated(hexToRgb(on)) && !saturated(hexToRgb(off)), 'the fixture colours are an orange and a grey');
  const out = { on: [], off: [] };
  for (const m of await marks(page, spec)) {
    const scene = m.color.toLowerCase();
    assert.ok(scene === on || scene === off, `${spec} mark ${m.i} (${key(m)}): the scene's colour ${m.color} is neither ${on} nor ${off}`);
    const isOn = scene === on;
    const pixelOn = saturated(m.px) && m.px[3] === 255;
    const pixelOff = !saturated(m.px) && m.px[3] === 255 && m.px[0] < 250;
    assert.ok(
      isOn ? pixelOn : pixelOff,
      `${spec} mark ${m.i} (${key(m)}): the scene says ${m.color}, the canvas shows rgba(${m.px.join(',')})`,
    );
    (isOn ? out.on : out.off).push(key(m));
  }
  out.on.sort();
  out.off.sort();
  return out;
}

/** As `shown`, and every pixel exactly the condition's colour (no emphasis on the chart). */
async function shownExactly(page, spec, key) {
  const s = await shown(page, spec, key);
  const { on, off } = conditionColours(spec);
  for (const m of await marks(page, spec)) {
    assert.ok(isColour(m.px, m.color.toLowerCase() === on ? on : off), `${spec} mark ${m.i}: pixel rgba(${m.px.join(',')}) is not ${m.color}`);
  }
  return s;
}

const sorted = (xs) => [...xs].sort();
const levels = () => yangquan.map((r) => r.level);

async function tooltipShown(page, spec) {
  return page.$eval(sel(spec), (el) => {
    const t = (el.shadowRoot ?? el).querySelector('.stdviz-tooltip');
    return !!t && getComputedStyle(t).display !== 'none';
  });
}

// ---------------------------------------------------------------------------------------
// Point selections

test('point selection: click selects a bar, Shift+click adds one, Escape clears', async () => {
  const { context, page, problems } = await openPage(browser, DESKTOP);
  try {
    await load(page);
    await centre(page, POINT);
    // Before any interaction the empty selection holds for every bar (as in Vega).
    assert.deepEqual(await shownExactly(page, POINT), { on: sorted(levels()), off: [] }, 'initially');

    const ms = await marks(page, POINT);
    const [a, b] = [ms[1], ms[3]];
    let n = await countRenders(page, POINT);
    await page.mouse.click(a.vx, a.vy);
    await waitRendered(page, POINT, n, 'a click on a bar');
    const one = await shown(page, POINT);
    assert.deepEqual(one.on, [a.item.label], 'after a click');
    assert.deepEqual(one.off, sorted(levels().filter((l) => l !== a.item.label)));

    n = await countRenders(page, POINT);
    await page.keyboard.down('Shift');
    await page.mouse.click(b.vx, b.vy);
    await page.keyboard.up('Shift');
    await waitRendered(page, POINT, n, 'a Shift+click on another bar');
    assert.deepEqual((await shown(page, POINT)).on, sorted([a.item.label, b.item.label]), 'after Shift+click');

    n = await countRenders(page, POINT);
    await page.keyboard.down('Shift');
    await page.mouse.click(a.vx, a.vy);
    await page.keyboard.up('Shift');
    await waitRendered(page, POINT, n, 'a Shift+click on a selected bar');
    assert.deepEqual((await shown(page, POINT)).on, [b.item.label], 'Shift+click toggles the first one off');

    // A plain click replaces the selection.
    n = await countRenders(page, POINT);
    await page.mouse.click(a.vx, a.vy);
    await waitRendered(page, POINT, n, 'a click on another bar');
    assert.deepEqual((await shown(page, POINT)).on, [a.item.label], 'a plain click replaces');

    // Escape clears (the first Escape closes a tooltip box if one is open).
    if (await tooltipShown(page, POINT)) {
      await page.keyboard.press('Escape');
      await frames(page);
    }
    n = await countRenders(page, POINT);
    await page.keyboard.press('Escape');
    await waitRendered(page, POINT, n, 'Escape');
    assert.deepEqual(await shown(page, POINT), { on: sorted(levels()), off: [] }, 'after Escape');
    assert.deepEqual(problems, [], 'console errors or failed requests');
  } finally {
    await context.close();
  }
});

test('point selection: a tap selects a bar on a phone (390×844, dpr 3)', async () => {
  const { context, page, problems } = await openPage(browser, PHONE);
  try {
    await load(page);
    await centre(page, POINT);
    const ms = await marks(page, POINT);
    for (const m of [ms[0], ms[2]]) {
      const n = await countRenders(page, POINT);
      await page.touchscreen.tap(m.vx, m.vy);
      await waitRendered(page, POINT, n, `a tap on ${m.item.label}`);
      const s = await shown(page, POINT);
      assert.deepEqual(s.on, [m.item.label], `after a tap on ${m.item.label}`);
      assert.equal(s.off.length, levels().length - 1);
    }
    assert.deepEqual(problems, [], 'console errors or failed requests');
  } finally {
    await context.close();
  }
});

test('point selection: Enter and Space on the focused bar select it, Shift+Enter toggles, Escape clears', async () => {
  const { context, page, problems } = await openPage(browser, DESKTOP);
  try {
    await load(page);
    await centre(page, POINT);
    await page.$eval(sel(POINT), (el) => (el.shadowRoot ?? el).querySelector('.stdviz-chart').focus());
    await page.keyboard.press('Home');
    await frames(page);
    const order = [...(await marks(page, POINT))].sort((p, q) => p.x - q.x).map((m) => m.item.label);

    let n = await countRenders(page, POINT);
    await page.keyboard.press('Enter');
    await waitRendered(page, POINT, n, 'Enter on the first bar');
    assert.deepEqual((await shown(page, POINT)).on, [order[0]], 'Enter selects the focused (first) bar');

    await page.keyboard.press('ArrowRight');
    await frames(page);
    n = await countRenders(page, POINT);
    await page.keyboard.press('Space');
    await waitRendered(page, POINT, n, 'Space on the second bar');
    assert.deepEqual((await shown(page, POINT)).on, [order[1]], 'Space selects the focused (second) bar');

    await page.keyboard.press('ArrowRight');
    await frames(page);
    n = await countRenders(page, POINT);
    await page.keyboard.press('Shift+Enter');
    await waitRendered(page, POINT, n, 'Shift+Enter on the third bar');
    assert.deepEqual((await shown(page, POINT)).on, sorted([order[1], order[2]]), 'Shift+Enter adds the third bar');

    if (await tooltipShown(page, POINT)) {
      await page.keyboard.press('Escape');
      await frames(page);
    }
    n = await countRenders(page, POINT);
    await page.keyboard.press('Escape');
    await waitRendered(page, POINT, n, 'Escape');
    assert.deepEqual(await shown(page, POINT), { on: sorted(levels()), off: [] }, 'after Escape');
    assert.deepEqual(problems, [], 'console errors or failed requests');
  } finally {
    await context.close();
  }
});

// ---------------------------------------------------------------------------------------
// A bound value parameter

test('a range input bound to a parameter filters the bars as it moves', async () => {
  const { context, page, problems } = await openPage(browser, DESKTOP);
  try {
    await load(page);
    await centre(page, RANGE);
    const bind = specs[RANGE].params[0].bind;
    const slider = page.locator(`${sel(RANGE)} input[type=range]`);
    assert.equal(await slider.count(), 1, 'one slider');
    assert.equal(await slider.getAttribute('min'), String(bind.min));
    assert.equal(await slider.getAttribute('max'), String(bind.max));
    // Its label is the binding's name, as text.
    const label = await page.$eval(sel(RANGE), (el) => (el.shadowRoot ?? el).querySelector('input[type=range]').closest('label')?.textContent ?? '');
    assert.ok(label.includes(bind.name), `label "${label}"`);
    const expect = (cut) => sorted(yangquan.filter((r) => r.count >= cut).map((r) => r.level));
    const labels = async () => sorted((await marks(page, RANGE)).map((m) => m.item.label));
    assert.deepEqual(await labels(), expect(specs[RANGE].params[0].value), 'initially');

    // Set it (input events), then move it with the keyboard as a reader would.
    const cut = 38;
    let n = await countRenders(page, RANGE);
    await slider.fill(String(cut));
    await waitRendered(page, RANGE, n, `setting the slider to ${cut}`);
    assert.deepEqual(await labels(), expect(cut), `at ${cut}`);
    assert.notDeepEqual(expect(cut), expect(cut - 1), 'the step below changes the bars (test data check)');

    n = await countRenders(page, RANGE);
    await slider.focus();
    await page.keyboard.press('ArrowLeft');
    await waitRendered(page, RANGE, n, 'ArrowLeft on the slider');
    assert.deepEqual(await labels(), expect(cut - 1), `at ${cut - 1}`);

    // Dragging the thumb to the right end keeps only the bars at the maximum or above.
    const box = await slider.boundingBox();
    n = await countRenders(page, RANGE);
    await page.mouse.move(box.x + box.width * ((cut - 1 - bind.min) / (bind.max - bind.min)), box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width + 20, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    await waitRendered(page, RANGE, n, 'dragging the slider');
    assert.equal(await slider.inputValue(), String(bind.max));
    assert.deepEqual(await labels(), expect(bind.max), `at ${bind.max}`);
    assert.deepEqual(problems, [], 'console errors or failed requests');
  } finally {
    await context.close();
  }
});

// ---------------------------------------------------------------------------------------
// An interval brush

test('interval selection: a mouse drag across the plot brushes the years it covers; double-click clears', async () => {
  const { context, page, problems } = await openPage(browser, DESKTOP);
  try {
    await load(page);
    await centre(page, BRUSH);
    const key = (m) => `${m.item?.label}`;
    const ms = await marks(page, BRUSH);
    assert.equal(ms.length, inForce.length);
    // x in px of a year, from two marks of different years (x is linear in the year).
    const years = [...new Set(inForce.map((r) => r.year))].sort((p, q) => p - q);
    const first = ms.find((m) => Number(m.item.label) === years[0]);
    const last = ms.find((m) => Number(m.item.label) === years.at(-1));
    assert.ok(first && last, `marks of ${years[0]} and ${years.at(-1)} (labels ${ms.map(key)})`);
    const vx = (year) => first.vx + ((year - years[0]) / (years.at(-1) - years[0])) * (last.vx - first.vx);
    assert.deepEqual(await shownExactly(page, BRUSH, key), { on: [], off: sorted(ms.map(key)) }, 'empty: false holds for no mark');

    const [from, to] = [years[0] + 0.5, years.at(-1) + 0.5];
    const y = (Math.min(...ms.map((m) => m.vy)) + Math.max(...ms.map((m) => m.vy))) / 2;
    const n = await countRenders(page, BRUSH);
    await page.mouse.move(vx(from), y);
    await page.mouse.down();
    await page.mouse.move(vx(to), y, { steps: 8 });
    await page.mouse.up();
    await waitRendered(page, BRUSH, n, 'a drag');
    const inside = inForce.filter((r) => r.year >= from && r.year <= to);
    const s = await shown(page, BRUSH, key);
    assert.equal(s.on.length, inside.length, `${JSON.stringify(s)}`);
    assert.deepEqual(s.on, sorted(inside.map((r) => String(r.year))));
    assert.equal(s.off.length, inForce.length - inside.length);

    const m = await countRenders(page, BRUSH);
    await page.mouse.dblclick(vx(years[0] + 0.25), y);
    await waitRendered(page, BRUSH, m, 'a double click');
    assert.equal((await shown(page, BRUSH, key)).on.length, 0, 'double click clears the brush');
    assert.deepEqual(problems, [], 'console errors or failed requests');
  } finally {
    await context.close();
  }
});

/**
 * The drawn brush's left and right edges on the canvas (CSS px): over each canvas row
 * between `top` and `bottom`, the longest run of light grey pixels (the brush's
 * translucent fill over the white plot; gridlines inside it are grey too, marks are not),
 * and of those the run most rows share.
 */
function brushEdges(page, spec, top, bottom) {
  return page.$eval(
    sel(spec),
    (el, [top, bottom]) => {
      const c = (el.shadowRoot ?? el).querySelector('canvas.stdviz-canvas');
      const dpr = c.width / parseFloat(c.style.width);
      const ctx = c.getContext('2d');
      const count = new Map();
      for (let y = Math.ceil(top * dpr); y <= Math.floor(bottom * dpr); y++) {
        const d = ctx.getImageData(0, y, c.width, 1).data;
        let best = [0, -1];
        let start = -1;
        for (let x = 0; x <= c.width; x++) {
          const i = x * 4;
          const grey =
            x < c.width &&
            Math.abs(d[i] - d[i + 1]) <= 3 &&
            Math.abs(d[i + 1] - d[i + 2]) <= 3 &&
            d[i] >= 190 &&
            d[i] <= 245;
          if (grey && start < 0) start = x;
          if (!grey && start >= 0) {
            if (x - start > best[1] - best[0] + 1) best = [start, x - 1];
            start = -1;
          }
        }
        if (best[1] - best[0] < 10) continue;
        const key = `${best[0]},${best[1]}`;
        count.set(key, (count.get(key) ?? 0) + 1);
      }
      const top1 = [...count.entries()].sort((a, b) => b[1] - a[1])[0];
      if (!top1) return null;
      const [l, r] = top1[0].split(',').map(Number);
      return { left: l / dpr, right: (r + 1) / dpr, rows: top1[1] };
    },
    [top, bottom],
  );
}

test('interval selection: a drag from the middle of a drawn brush moves it and keeps its width (translate); Alt+→ steps it', async () => {
  const { context, page, problems } = await openPage(browser, DESKTOP);
  try {
    await load(page);
    await centre(page, BRUSH);
    const ms = await marks(page, BRUSH);
    const years = [...new Set(inForce.map((r) => r.year))].sort((p, q) => p - q);
    const first = ms.find((m) => Number(m.item.label) === years[0]);
    const last = ms.find((m) => Number(m.item.label) === years.at(-1));
    assert.ok(first && last, 'marks of the first and last year');
    const vx = (year) => first.vx + ((year - years[0]) / (years.at(-1) - years[0])) * (last.vx - first.vx);
    const box = await page.$eval(sel(BRUSH), (el) => {
      const r = (el.shadowRoot ?? el).querySelector('canvas.stdviz-canvas').getBoundingClientRect();
      return { left: r.left, top: r.top };
    });
    const top = Math.min(...ms.map((m) => m.y));
    const bottom = Math.max(...ms.map((m) => m.y));
    const y = box.top + (top + bottom) / 2;

    // Draw a brush over 2019.6–2021.4.
    let n = await countRenders(page, BRUSH);
    await page.mouse.move(vx(2019.6), y);
    await page.mouse.down();
    await page.mouse.move(vx(2021.4), y, { steps: 8 });
    await page.mouse.up();
    await waitRendered(page, BRUSH, n, 'drawing a brush');
    const drawn = await brushEdges(page, BRUSH, top, bottom);
    assert.ok(drawn, 'a brush is drawn');
    assert.ok(Math.abs(box.left + drawn.left - vx(2019.6)) <= 2, `drawn from the press: ${JSON.stringify(drawn)}`);
    assert.ok(Math.abs(box.left + drawn.right - vx(2021.4)) <= 2, `to the release: ${JSON.stringify(drawn)}`);

    // Drag it from its middle by a year and a half.
    const dx = vx(2022) - vx(2020.5);
    n = await countRenders(page, BRUSH);
    await page.mouse.move(vx(2020.5), y);
    await page.mouse.down();
    await page.mouse.move(vx(2020.5) + dx, y, { steps: 8 });
    await page.mouse.up();
    await waitRendered(page, BRUSH, n, 'dragging the brush');
    const moved = await brushEdges(page, BRUSH, top, bottom);
    assert.ok(moved, 'the brush is still drawn');
    assert.ok(Math.abs(moved.left - drawn.left - dx) <= 2, `moved by ${dx}px: ${JSON.stringify({ drawn, moved })}`);
    assert.ok(
      Math.abs(moved.right - moved.left - (drawn.right - drawn.left)) <= 2,
      `kept its width: ${JSON.stringify({ drawn, moved })}`,
    );
    // The selection follows: the marks of 2022 are in it, those of 2020 no longer.
    const s = await shown(page, BRUSH, (m) => `${m.item?.label}`);
    assert.ok(s.on.includes('2022') && !s.on.includes('2020'), JSON.stringify(s));

    // Alt+→ with the chart focused moves it by a tenth of its width.
    await page.$eval(sel(BRUSH), (el) => (el.shadowRoot ?? el).querySelector('.stdviz-chart').focus());
    n = await countRenders(page, BRUSH);
    await page.keyboard.press('Alt+ArrowRight');
    await waitRendered(page, BRUSH, n, 'Alt+→');
    const stepped = await brushEdges(page, BRUSH, top, bottom);
    const tenth = (moved.right - moved.left) / 10;
    assert.ok(Math.abs(stepped.left - moved.left - tenth) <= 2, `Alt+→ moved it by ${tenth}px: ${JSON.stringify({ moved, stepped })}`);
    assert.ok(Math.abs(stepped.right - stepped.left - (moved.right - moved.left)) <= 2, JSON.stringify({ moved, stepped }));
    assert.deepEqual(problems, [], 'console errors or failed requests');
  } finally {
    await context.close();
  }
});

// ---------------------------------------------------------------------------------------
// An interval brush over x and y (Vega-Lite's default for "select": "interval")

/** A mark's key: its year (the x label) and its figure (the y value). */
const yearCount = (m) => `${m.item?.label}:${m.item?.value}`;
const rowKey = (r) => `${r.year}:${r.count}`;

/** The rows inside both ranges (inclusive), as the selection's predicate means. */
function insideBoth(rows, [x0, x1], [y0, y1]) {
  return sorted(
    rows
      .filter((r) => r.year >= Math.min(x0, x1) && r.year <= Math.max(x0, x1))
      .filter((r) => r.count >= Math.min(y0, y1) && r.count <= Math.max(y0, y1))
      .map(rowKey),
  );
}

/**
 * The viewport position of (year, count) on BRUSH2D's plot, from its marks (both axes
 * linear): x from the earliest and latest years' marks, y from the smallest and largest
 * figures' marks.
 */
async function brush2dPlace(page) {
  const ms = await marks(page, BRUSH2D);
  assert.equal(ms.length, inForce.length);
  assert.deepEqual(sorted(ms.map(yearCount)), sorted(inForce.map(rowKey)), 'each mark is one row: year and figure');
  const by = (f) => [...ms].sort((p, q) => f(p) - f(q));
  const [ex, lx] = [by((m) => Number(m.item.label))[0], by((m) => Number(m.item.label)).at(-1)];
  const [sy, ly] = [by((m) => m.item.value)[0], by((m) => m.item.value).at(-1)];
  const vx = (year) => ex.vx + ((year - Number(ex.item.label)) / (Number(lx.item.label) - Number(ex.item.label))) * (lx.vx - ex.vx);
  const vy = (count) => sy.vy + ((count - sy.item.value) / (ly.item.value - sy.item.value)) * (ly.vy - sy.vy);
  return { ms, vx, vy };
}

test('interval selection over x and y: a mouse drag draws a rectangle; only the marks inside both ranges change colour', async () => {
  const { context, page, problems } = await openPage(browser, DESKTOP);
  try {
    await load(page);
    await centre(page, BRUSH2D);
    const { ms, vx, vy } = await brush2dPlace(page);
    assert.deepEqual(await shownExactly(page, BRUSH2D, yearCount), { on: [], off: sorted(ms.map(yearCount)) });
    const xs = [2020.5, 2023.5];
    const ys = [46000, 30000];
    const n = await countRenders(page, BRUSH2D);
    await page.mouse.move(vx(xs[0]), vy(ys[0]));
    await page.mouse.down();
    await page.mouse.move(vx(xs[1]), vy(ys[1]), { steps: 8 });
    await page.mouse.up();
    await waitRendered(page, BRUSH2D, n, 'a drag');
    const want = insideBoth(inForce, xs, ys);
    // The x range alone would hold more: the y range counts.
    assert.ok(want.length > 0 && want.length < insideBoth(inForce, xs, [0, 1e9]).length, `${want}`);
    const s = await shown(page, BRUSH2D, yearCount);
    assert.deepEqual(s.on, want);
    assert.equal(s.off.length, inForce.length - want.length);
    assert.equal(
      await page.$eval(sel(BRUSH2D), (el) => (el.shadowRoot ?? el).querySelector('.stdviz-chart').style.touchAction),
      'none',
      'a brush over y keeps finger drags from the page',
    );
    assert.deepEqual(problems, [], 'console errors or failed requests');
  } finally {
    await context.close();
  }
});

test('interval selection over x and y: a one-finger drag brushes on a phone (390×844, dpr 3)', async () => {
  const { context, page, problems } = await openPage(browser, PHONE);
  try {
    await load(page);
    await centre(page, BRUSH2D);
    const { vx, vy } = await brush2dPlace(page);
    const xs = [2021, 2023.4];
    const ys = [75000, 40000];
    const cdp = await context.newCDPSession(page);
    const touch = (type, x, y) =>
      cdp.send('Input.dispatchTouchEvent', { type, touchPoints: type === 'touchEnd' ? [] : [{ x, y, id: 1 }] });
    const n = await countRenders(page, BRUSH2D);
    const scrollBefore = await page.evaluate(() => window.scrollY);
    await touch('touchStart', vx(xs[0]), vy(ys[0]));
    for (let k = 1; k <= 8; k++) {
      const f = k / 8;
      await touch('touchMove', vx(xs[0] + (xs[1] - xs[0]) * f), vy(ys[0] + (ys[1] - ys[0]) * f));
    }
    await touch('touchEnd');
    await waitRendered(page, BRUSH2D, n, 'a one-finger drag');
    assert.equal(await page.evaluate(() => window.scrollY), scrollBefore, 'the drag brushed; the page did not scroll');
    const want = insideBoth(inForce, xs, ys);
    assert.ok(want.length > 0 && want.length < inForce.length, `${want}`);
    assert.deepEqual((await shown(page, BRUSH2D, yearCount)).on, want);
    assert.deepEqual(problems, [], 'console errors or failed requests');
  } finally {
    await context.close();
  }
});

test('interval selection over x and y: Shift+↑ stretches the y range, Shift+→ the x range, Escape clears', async () => {
  const { context, page, problems } = await openPage(browser, DESKTOP);
  try {
    await load(page);
    await centre(page, BRUSH2D);
    await page.$eval(sel(BRUSH2D), (el) => (el.shadowRoot ?? el).querySelector('.stdviz-chart').focus());
    await page.keyboard.press('Home');
    await frames(page);
    // Reading order: by year, then from the smallest figure up. Home: the first.
    const order = [...inForce].sort((p, q) => p.year - q.year || p.count - q.count);
    const start = order[0];
    // Shift+↑ moves to the nearest larger figure (any year), twice.
    const byCount = [...inForce].sort((p, q) => p.count - q.count);
    const up2 = byCount[byCount.indexOf(start) + 2];
    // Shift+→ moves on in reading order from there.
    const right = order[order.indexOf(up2) + 1];
    for (const key of ['Shift+ArrowUp', 'Shift+ArrowUp', 'Shift+ArrowRight']) {
      const n = await countRenders(page, BRUSH2D);
      await page.keyboard.press(key);
      await waitRendered(page, BRUSH2D, n, key);
    }
    const want = insideBoth(inForce, [start.year, right.year], [start.count, up2.count]);
    assert.ok(want.length >= 3, `${want}`);
    assert.deepEqual((await shown(page, BRUSH2D, yearCount)).on, want);

    if (await tooltipShown(page, BRUSH2D)) {
      await page.keyboard.press('Escape');
      await frames(page);
    }
    const n = await countRenders(page, BRUSH2D);
    await page.keyboard.press('Escape');
    await waitRendered(page, BRUSH2D, n, 'Escape');
    assert.equal((await shown(page, BRUSH2D, yearCount)).on.length, 0, 'Escape clears the brush');
    assert.deepEqual(problems, [], 'console errors or failed requests');
  } finally {
    await context.close();
  }
});

// ---------------------------------------------------------------------------------------
// Brushes in concatenations, and over band axes

test('overview + detail: a mouse drag in the overview sets the detail view\'s x domain', async () => {
  const { context, page, problems } = await openPage(browser, DESKTOP);
  try {
    await load(page);
    await centre(page, OVERVIEW);
    // Drawing order: the detail view (vconcat[0]) first, then the overview's marks.
    const split = (ms) => [ms.slice(0, ms.length - inForce.length), ms.slice(ms.length - inForce.length)];
    const [detail, overview] = split(await marks(page, OVERVIEW));
    const year = (m) => Number(m.item.label);
    // Before any drag, the initial brush [2019.5, 2023.5] holds every year.
    assert.equal(detail.length, inForce.length, 'the detail view draws every row');
    assert.ok(Math.min(...overview.map((m) => m.vy)) > Math.max(...detail.map((m) => m.vy)), 'the overview is below');
    const years = [...new Set(inForce.map((r) => r.year))].sort((p, q) => p - q);
    const at = (ms, y) => ms.find((m) => year(m) === y);
    const [o0, o1] = [at(overview, years[0]), at(overview, years.at(-1))];
    const vx = (y) => o0.vx + ((y - years[0]) / (years.at(-1) - years[0])) * (o1.vx - o0.vx);
    const gap = (ms) => at(ms, years.at(-1)).vx - at(ms, years.at(-2)).vx;
    const gapBefore = gap(detail);

    // From right to left, starting outside the initial brush (a drag that starts inside
    // it moves it: `translate`).
    const [from, to] = [years.at(-2) - 0.25, years.at(-1) + 0.75];
    const y = (Math.min(...overview.map((m) => m.vy)) + Math.max(...overview.map((m) => m.vy))) / 2;
    const n = await countRenders(page, OVERVIEW);
    await page.mouse.move(vx(to), y);
    await page.mouse.down();
    await page.mouse.move(vx(from), y, { steps: 8 });
    await page.mouse.up();
    await waitRendered(page, OVERVIEW, n, 'a drag in the overview');

    const [after, overviewAfter] = split(await marks(page, OVERVIEW));
    const inside = inForce.filter((r) => r.year >= from && r.year <= to);
    assert.deepEqual(sorted(after.map((m) => `${m.item.label}:${m.item.value}`)), sorted(inside.map((r) => `${r.year}:${r.count}`)), 'the detail view draws the brushed years only');
    // Its domain is now half as wide (2 years for 4): the same years stand twice as far apart.
    const ratio = gap(after) / gapBefore;
    assert.ok(Math.abs(ratio - 2) < 0.1, `the detail's spacing grew ${ratio}×, not 2×`);
    // The canvas shows each detail mark where its anchor is; the overview did not move.
    for (const m of after) assert.ok(isColour(m.px, m.color), `detail mark ${m.item.label}: pixel rgba(${m.px.join(',')}) is not ${m.color}`);
    assert.deepEqual(overviewAfter.map((m) => Math.round(m.vx)), overview.map((m) => Math.round(m.vx)));
    // A drag in the detail view does not brush.
    const before = await marks(page, OVERVIEW);
    const dy = (Math.min(...after.map((m) => m.vy)) + Math.max(...after.map((m) => m.vy))) / 2;
    await page.mouse.move(after[0].vx - 40, dy);
    await page.mouse.down();
    await page.mouse.move(after[0].vx + 40, dy, { steps: 6 });
    await page.mouse.up();
    await frames(page, 4);
    assert.deepEqual((await marks(page, OVERVIEW)).map((m) => [m.x, m.y]), before.map((m) => [m.x, m.y]), 'a drag in the detail changes nothing');
    assert.deepEqual(problems, [], 'console errors or failed requests');
  } finally {
    await context.close();
  }
});

test('interval over a band axis: a mouse drag and a one-finger drag select the bars they reach', async () => {
  for (const device of [DESKTOP, PHONE]) {
    const { context, page, problems } = await openPage(browser, device);
    try {
      await load(page);
      await centre(page, BAND);
      const rows = inForce.filter((r) => r.year === 2023);
      const ms = [...(await marks(page, BAND))].sort((p, q) => p.x - q.x);
      assert.equal(ms.length, rows.length);
      assert.deepEqual(await shownExactly(page, BAND), { on: [], off: sorted(rows.map((r) => r.level)) }, 'empty: false holds for no bar');
      // From the first bar's middle to the second's: those two bands.
      const y = Math.max(...ms.map((m) => m.vy));
      const [a, b] = [ms[0].vx, ms[1].vx];
      const n = await countRenders(page, BAND);
      if (device === DESKTOP) {
        await page.mouse.move(a, y);
        await page.mouse.down();
        await page.mouse.move(b, y, { steps: 8 });
        await page.mouse.up();
      } else {
        const cdp = await context.newCDPSession(page);
        const touch = (type, x) =>
          cdp.send('Input.dispatchTouchEvent', { type, touchPoints: type === 'touchEnd' ? [] : [{ x, y, id: 1 }] });
        await touch('touchStart', a);
        for (let k = 1; k <= 8; k++) await touch('touchMove', a + ((b - a) * k) / 8);
        await touch('touchEnd');
      }
      await waitRendered(page, BAND, n, 'a drag across two bars');
      const s = await shown(page, BAND);
      assert.deepEqual(s.on, sorted([ms[0].item.label, ms[1].item.label]), `${JSON.stringify(s)}`);
      assert.deepEqual(s.off, [ms[2].item.label]);
      assert.deepEqual(problems, [], 'console errors or failed requests');
    } finally {
      await context.close();
    }
  }
});

test('interval bound to the scales: the wheel zooms y as well as x; a double click shows everything', async () => {
  const { context, page, problems } = await openPage(browser, DESKTOP);
  try {
    await load(page);
    await centre(page, SCALES);
    const ms = await marks(page, SCALES);
    assert.equal(ms.length, inForce.length);
    // The pointer on a middle year's smallest figure; the same year's largest is far above.
    const years = [...new Set(inForce.map((r) => r.year))].sort((p, q) => p - q);
    const mid = years[1];
    const ofMid = inForce.filter((r) => r.year === mid).sort((p, q) => p.count - q.count);
    const [low, high] = [ofMid[0], ofMid.at(-1)];
    const at = ms.find((m) => yearCount(m) === rowKey(low));
    assert.ok(at, `a mark of ${rowKey(low)}`);
    await page.$eval(sel(SCALES), (el) => (el.shadowRoot ?? el).querySelector('.stdviz-chart').focus());
    await page.mouse.move(at.vx, at.vy);
    const n = await countRenders(page, SCALES);
    await page.mouse.wheel(0, -400);
    await waitRendered(page, SCALES, n, 'the wheel');
    const shownNow = (await marks(page, SCALES)).map(yearCount);
    // The x zoom alone keeps every mark of the pointer's year; the y zoom leaves out the
    // figure far above the pointer.
    assert.ok(shownNow.includes(rowKey(low)), `${shownNow}`);
    assert.ok(!shownNow.includes(rowKey(high)), `${rowKey(high)} is outside the y window: ${shownNow}`);
    const m = await countRenders(page, SCALES);
    await page.mouse.dblclick(at.vx, at.vy);
    await waitRendered(page, SCALES, m, 'a double click');
    assert.equal((await marks(page, SCALES)).length, inForce.length, 'everything shown again');
    assert.deepEqual(problems, [], 'console errors or failed requests');
  } finally {
    await context.close();
  }
});

// ---------------------------------------------------------------------------------------
// A legend bound to a point selection

/** By series: how many of its bars are drawn solid and how many faded (near white). */
async function solidBySeries(page) {
  const out = {};
  for (const m of await marks(page, LEGEND)) {
    const series = m.item?.series;
    assert.ok(series, `bar ${m.i} has a series`);
    out[series] ??= { solid: 0, faded: 0 };
    out[series][Math.min(...m.px.slice(0, 3)) >= 200 ? 'faded' : 'solid']++;
  }
  return out;
}

test('legend bound to a selection: a click on an entry fades the other levels, Shift+click adds one, Enter selects, Escape clears', async () => {
  const { context, page, problems } = await openPage(browser, DESKTOP);
  try {
    await load(page);
    await centre(page, LEGEND);
    const levels = [...new Set(inForce.map((r) => r.level))];
    const perLevel = (lvl) => inForce.filter((r) => r.level === lvl).length;
    const expect = (chosen) =>
      Object.fromEntries(levels.map((l) => [l, chosen.includes(l) ? { solid: perLevel(l), faded: 0 } : { solid: 0, faded: perLevel(l) }]));
    assert.deepEqual(await solidBySeries(page), expect(levels), 'initially every level is solid');
    const clickEntry = async (label, shift = false) => {
      const boxes = await page.$eval(sel(LEGEND), (el) => el.stdviz.textBoxes());
      const e = boxes.find((b) => b[0] === label);
      assert.ok(e, `legend entry ${label} among ${boxes.map((b) => b[0])}`);
      const r = await page.$eval(sel(LEGEND), (el) => (el.shadowRoot ?? el).querySelector('canvas.stdviz-canvas').getBoundingClientRect().toJSON());
      const n = await countRenders(page, LEGEND);
      if (shift) await page.keyboard.down('Shift');
      await page.mouse.click(r.left + (e[1] + e[3]) / 2, r.top + (e[2] + e[4]) / 2);
      if (shift) await page.keyboard.up('Shift');
      await waitRendered(page, LEGEND, n, `a click on legend entry ${label}`);
      // Move the pointer off the chart: no hover emphasis on what is read back.
      await page.mouse.move(1, 1);
      await frames(page, 3);
    };
    await clickEntry(levels[1]);
    assert.deepEqual(await solidBySeries(page), expect([levels[1]]), `after a click on ${levels[1]}`);
    assert.equal((await marks(page, LEGEND)).length, inForce.length, 'no series is hidden');
    await clickEntry(levels[2], true);
    assert.deepEqual(await solidBySeries(page), expect([levels[1], levels[2]]), 'after Shift+click');

    // Keyboard: End reaches the last legend entry; Enter selects it alone.
    await page.$eval(sel(LEGEND), (el) => (el.shadowRoot ?? el).querySelector('.stdviz-chart').focus());
    await page.keyboard.press('End');
    await frames(page);
    const live = () => page.$eval(sel(LEGEND), (el) => (el.shadowRoot ?? el).querySelector('[aria-live]')?.textContent ?? '');
    const heard = await live();
    const last = levels.find((l) => heard.includes(l));
    assert.ok(heard.startsWith('图例') && last, `End: "${heard}"`);
    let n = await countRenders(page, LEGEND);
    await page.keyboard.press('Enter');
    await waitRendered(page, LEGEND, n, 'Enter on a legend entry');
    assert.equal(await live(), `已选择 ${last}`);
    const s = await solidBySeries(page);
    assert.equal(s[last].solid, perLevel(last), `after Enter: ${JSON.stringify(s)}`);
    for (const l of levels.filter((l) => l !== last)) assert.equal(s[l].solid, 0, `after Enter, ${l}: ${JSON.stringify(s)}`);

    n = await countRenders(page, LEGEND);
    await page.keyboard.press('Escape');
    await frames(page, 3);
    // The first Escape closes a tooltip box when one is open.
    if ((await page.$eval(sel(LEGEND), (el) => el.__renders)) === n) await page.keyboard.press('Escape');
    await waitRendered(page, LEGEND, n, 'Escape');
    await page.$eval(sel(LEGEND), (el) => (el.shadowRoot ?? el).activeElement?.blur());
    await frames(page, 3);
    assert.deepEqual(await solidBySeries(page), expect(levels), 'after Escape every level is solid');
    assert.deepEqual(problems, [], 'console errors or failed requests');
  } finally {
    await context.close();
  }
});
