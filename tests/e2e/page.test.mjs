// End-to-end tests of the Yangquan chart gallery (dist/gallery.html: masthead, figure
// cards, bar and donut, the #examples gallery) in Debian's Chromium, driven by
// playwright-core. The site's front page, dist/index.html, is the explorer
// (explorer.test.mjs).
//
//   trunk build --release && node --test tests/e2e/
//
// The tests never build: they fail at once when dist/gallery.html is missing. Each test
// runs in a fresh browser context. Expected values come from the page contract and the
// data file (www/data/yangquan-2024.json as copied to dist/), never from what the page
// computed; the page's own reports (markAnchor, data-stdviz-state) are checked against
// the pixels actually on the canvas.
//
// Each chart is drawn in an open shadow root on its [data-stdviz] box (www/stdviz.js), so
// the canvas and the error box are found through `box.shadowRoot`.

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
import { assertLinksAnswer, openPage } from './pages.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const DIST = path.resolve(process.env.STDVIZ_DIST || path.join(repo, 'dist'));
const RESULTS = path.join(repo, 'test-results');
/** The page under test, a plain file trunk copies (www/gallery.html). */
const GALLERY = 'gallery.html';


const BAR = 'specs/standards-by-level-bar.json';
const DONUT = 'specs/standards-by-level-donut.json';
const CHARTS = [
  { spec: BAR, title: '阳泉:19家单位主持或参与制定修订的标准', marks: 4, colors: ['#4c78a8', '#4c78a8', '#4c78a8', '#4c78a8'] },
  // Standard levels take the vocabulary's fixed Okabe–Ito colours (src/vocab.rs):
  // national, industry, provincial local, municipal local.
  { spec: DONUT, title: '标准层级构成', marks: 4, colors: ['#0072b2', '#56b4e9', '#d55e00', '#f0e442'] },
];
const FIGURES = ['19', '29', '24', '42', '9'];
const READY_TIMEOUT = 30_000;
const sel = (spec) => `[data-stdviz="${spec}"]`;

let browser;
let server;
let brokenServer;
let brokenDir;
/** URL of the gallery on `server`. */
let gallery;

before(async () => {
  if (!fs.existsSync(path.join(DIST, GALLERY))) {
    throw new Error(
      `${path.join(DIST, GALLERY)} is missing: build the page first with ` +
        '`trunk build --release` (from the repository root), then run `node --test tests/e2e/`.',
    );
  }
  server = await serve(DIST);
  gallery = new URL(GALLERY, server.url).href;
  browser = await chromium.launch(LAUNCH);
});

after(async () => {
  await browser?.close();
  await server?.close();
  await brokenServer?.close();
  if (brokenDir) await fsp.rm(brokenDir, { recursive: true, force: true });
});

/** {context, page, problems} for a fresh context (see pages.mjs). */
function open(contextOptions) {
  return openPage(browser, contextOptions);
}

/** Waits for `html[data-stdviz-ready]` and returns its value. */
async function waitReady(page) {
  await page.waitForSelector('html[data-stdviz-ready]', { state: 'attached', timeout: READY_TIMEOUT });
  return page.getAttribute('html', 'data-stdviz-ready');
}

/** Canvas sizes of the chart in box `selector`: backing store, CSS (style), box width, dpr. */
function canvasGeometry(page, selector) {
  return page.$eval(selector, (box) => {
    const canvas = (box.shadowRoot ?? box).querySelector('canvas.stdviz-canvas');
    if (!canvas) return null;
    return {
      width: canvas.width,
      height: canvas.height,
      styleWidth: canvas.style.width,
      styleHeight: canvas.style.height,
      cssWidth: parseFloat(canvas.style.width),
      cssHeight: parseFloat(canvas.style.height),
      renderedWidth: canvas.getBoundingClientRect().width,
      boxWidth: Math.floor(box.getBoundingClientRect().width),
      dpr: window.devicePixelRatio,
      state: box.getAttribute('data-stdviz-state'),
    };
  });
}

function assertBacking(g, dpr, name) {
  assert.ok(g, `${name}: no canvas.stdviz-canvas in the box`);
  assert.equal(g.dpr, dpr, `${name}: window.devicePixelRatio`);
  assert.match(g.styleWidth, /^\d+(\.\d+)?px$/, `${name}: canvas style.width is "${g.styleWidth}"`);
  assert.match(g.styleHeight, /^\d+(\.\d+)?px$/, `${name}: canvas style.height is "${g.styleHeight}"`);
  assert.ok(g.cssWidth > 0 && g.cssHeight > 0, `${name}: CSS size ${g.styleWidth}×${g.styleHeight}`);
  assert.equal(g.width, Math.round(g.cssWidth * dpr), `${name}: canvas.width vs style.width ${g.styleWidth} × ${dpr}`);
  assert.equal(g.height, Math.round(g.cssHeight * dpr), `${name}: canvas.height vs style.height ${g.styleHeight} × ${dpr}`);
}

/**
 * For every data mark of the chart in `selector`, reads the backing-store pixel under
 * markAnchor(i) (scaled by devicePixelRatio) and the pixel at CSS (2, 2).
 */
function samplePixels(page, selector) {
  return page.$eval(selector, (box) => {
    const view = box.stdviz;
    const canvas = (box.shadowRoot ?? box).querySelector('canvas.stdviz-canvas');
    if (!view || !canvas) return { error: `no ${view ? 'canvas' : 'el.stdviz'} on the box` };
    const dpr = window.devicePixelRatio;
    const ctx = canvas.getContext('2d');
    const px = (x, y) => {
      const X = Math.min(canvas.width - 1, Math.max(0, Math.floor(x * dpr)));
      const Y = Math.min(canvas.height - 1, Math.max(0, Math.floor(y * dpr)));
      return Array.from(ctx.getImageData(X, Y, 1, 1).data);
    };
    const count = view.markCount();
    const marks = [];
    for (let i = 0; i < count; i++) {
      const a = view.markAnchor(i);
      if (!Array.isArray(a)) {
        marks.push({ i, anchor: a === undefined ? 'undefined' : String(a) });
        continue;
      }
      const [x, y, color] = a;
      marks.push({ i, x, y, color, inside: x >= 0 && y >= 0 && x < canvas.width / dpr && y < canvas.height / dpr, rgba: px(x, y) });
    }
    return { count, marks, corner: px(2, 2), canvasWidth: canvas.width, canvasHeight: canvas.height, dpr };
  });
}

function hexToRgb(hex) {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  assert.ok(m, `anchor colour "${hex}" is not #rrggbb`);
  return [1, 2, 3].map((k) => parseInt(m[k], 16));
}

function assertColor(rgba, hex, what, tolerance = 2) {
  const want = hexToRgb(hex);
  const got = rgba.slice(0, 3);
  const ok = want.every((c, k) => Math.abs(c - got[k]) <= tolerance) && rgba[3] === 255;
  assert.ok(ok, `${what}: pixel rgba(${rgba.join(',')}) is not ${hex} (rgb ${want.join(',')}) ±${tolerance}`);
}

function assertMarksMatch(sample, chart, name) {
  assert.ok(!sample.error, `${name}: ${sample.error}`);
  assert.equal(sample.count, chart.marks, `${name}: markCount()`);
  for (const m of sample.marks) {
    assert.ok(m.rgba, `${name}: markAnchor(${m.i}) returned ${m.anchor}`);
    assert.ok(m.inside, `${name}: markAnchor(${m.i}) = (${m.x}, ${m.y}) is outside the canvas`);
    assert.equal(m.color.toLowerCase(), chart.colors[m.i], `${name}: colour of mark ${m.i} from markAnchor`);
    assertColor(m.rgba, m.color, `${name}: mark ${m.i} at CSS (${m.x.toFixed(1)}, ${m.y.toFixed(1)}) × dpr ${sample.dpr}`);
  }
}

test('a. loads at dpr 2 without errors; both charts rendered at the right backing size', async () => {
  const { context, page, problems } = await open({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 2 });
  try {
    await page.goto(gallery, { waitUntil: 'load' });
    const ready = await waitReady(page);
    assert.equal(ready, '2', 'html[data-stdviz-ready]');
    for (const { spec } of CHARTS) {
      assert.equal(await page.getAttribute(sel(spec), 'data-stdviz-state'), 'rendered', `${spec}: data-stdviz-state`);
      const g = await canvasGeometry(page, sel(spec));
      assertBacking(g, 2, spec);
      assert.ok(Math.abs(g.cssWidth - g.boxWidth) <= 1, `${spec}: canvas CSS width ${g.cssWidth} vs box width ${g.boxWidth}`);
      assert.ok(Math.abs(g.renderedWidth - g.cssWidth) <= 1, `${spec}: canvas laid out ${g.renderedWidth}px wide, style says ${g.cssWidth}`);
    }
    await fsp.mkdir(RESULTS, { recursive: true });
    await page.screenshot({ path: path.join(RESULTS, 'page-dpr2.png'), fullPage: true });
    assert.deepEqual(problems, [], 'console errors or failed requests');
  } finally {
    await context.close();
  }
});

test('b. the pixel under every markAnchor has the mark colour (dpr 2); padding is white', async () => {
  const { context, page, problems } = await open({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 2 });
  try {
    await page.goto(gallery);
    assert.equal(await waitReady(page), '2', 'html[data-stdviz-ready]');
    for (const chart of CHARTS) {
      const sample = await samplePixels(page, sel(chart.spec));
      assertMarksMatch(sample, chart, chart.spec);
      assertColor(sample.corner, '#ffffff', `${chart.spec}: canvas pixel at CSS (2, 2)`, 0);
    }
    assert.deepEqual(problems, [], 'console errors or failed requests');
  } finally {
    await context.close();
  }
});

for (const [dpr, options] of [
  [1, { viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 }],
  [3, { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true }],
]) {
  test(`c. at dpr ${dpr} (${options.viewport.width}×${options.viewport.height}) the backing store is CSS size × ${dpr}`, async () => {
    const { context, page, problems } = await open(options);
    try {
      await page.goto(gallery);
      assert.equal(await waitReady(page), '2', 'html[data-stdviz-ready]');
      for (const chart of CHARTS) {
        const g = await canvasGeometry(page, sel(chart.spec));
        assert.equal(g?.state, 'rendered', `${chart.spec}: data-stdviz-state`);
        assertBacking(g, dpr, chart.spec);
        assert.ok(g.cssWidth <= options.viewport.width, `${chart.spec}: CSS width ${g.cssWidth} wider than the viewport`);
        assert.ok(Math.abs(g.cssWidth - g.boxWidth) <= 1, `${chart.spec}: canvas CSS width ${g.cssWidth} vs box width ${g.boxWidth}`);
        assertMarksMatch(await samplePixels(page, sel(chart.spec)), chart, `${chart.spec} @${dpr}x`);
      }
      assert.deepEqual(problems, [], 'console errors or failed requests');
    } finally {
      await context.close();
    }
  });
}

test('d. the bar chart redraws to fit when the viewport narrows from 1280 to 400', async () => {
  const { context, page, problems } = await open({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
  try {
    await page.goto(gallery);
    assert.equal(await waitReady(page), '2', 'html[data-stdviz-ready]');
    const wide = await canvasGeometry(page, sel(BAR));
    assert.ok(wide.cssWidth > 400, `bar chart is only ${wide.cssWidth}px wide at 1280`);
    await page.setViewportSize({ width: 400, height: 900 });
    let narrow = wide;
    const deadline = Date.now() + 5000;
    while (Date.now() < deadline) {
      narrow = await canvasGeometry(page, sel(BAR));
      if (narrow.cssWidth !== wide.cssWidth) break;
      await page.waitForTimeout(50);
    }
    assert.notEqual(narrow.cssWidth, wide.cssWidth, `canvas CSS width stayed ${wide.cssWidth}px for 5 s after the resize`);
    assert.ok(narrow.cssWidth <= 400, `canvas CSS width ${narrow.cssWidth}px after resizing to 400`);
    assert.ok(Math.abs(narrow.cssWidth - narrow.boxWidth) <= 1, `canvas CSS width ${narrow.cssWidth} vs box width ${narrow.boxWidth}`);
    assert.equal(narrow.state, 'rendered', 'data-stdviz-state after the resize');
    assertBacking(narrow, 1, `${BAR} after resize`);
    const sample = await samplePixels(page, sel(BAR));
    const m = sample.marks[0];
    assert.ok(m?.rgba, 'markAnchor(0) after the resize');
    assert.ok(m.inside, `markAnchor(0) = (${m.x}, ${m.y}) is outside the resized canvas`);
    assertColor(m.rgba, CHARTS[0].colors[0], `bar 0 at CSS (${m.x.toFixed(1)}, ${m.y.toFixed(1)}) after resize`);
    assert.deepEqual(problems, [], 'console errors or failed requests');
  } finally {
    await context.close();
  }
});

test('e. five figure cards show 19, 29, 24, 42 and 9', async () => {
  const { context, page, problems } = await open({ viewport: { width: 1280, height: 900 } });
  try {
    await page.goto(gallery);
    await waitReady(page);
    const cards = await page.$$eval('[data-stdviz-figures] .figure', (els) =>
      els.map((el) => ({ value: el.querySelector('.value')?.textContent ?? '', text: el.textContent })),
    );
    assert.equal(cards.length, FIGURES.length, `number of .figure cards: ${JSON.stringify(cards)}`);
    FIGURES.forEach((want, i) => {
      assert.ok(cards[i].text.includes(want), `card ${i} "${cards[i].text}" does not contain ${want}`);
      // The number itself, not a digit inside another number (9 in 19, 29 ...).
      assert.match(cards[i].value, new RegExp(`^\\s*${want}(?!\\d)`), `card ${i} value "${cards[i].value}"`);
    });
    assert.deepEqual(problems, [], 'console errors or failed requests');
  } finally {
    await context.close();
  }
});

test('f. each canvas is role="img" with an aria-label that names the chart title', async () => {
  const { context, page, problems } = await open({ viewport: { width: 1280, height: 900 } });
  try {
    await page.goto(gallery);
    assert.equal(await waitReady(page), '2', 'html[data-stdviz-ready]');
    for (const { spec, title } of CHARTS) {
      const a11y = await page.$eval(sel(spec), (box) => {
        const c = (box.shadowRoot ?? box).querySelector('canvas');
        return c && { role: c.getAttribute('role'), label: c.getAttribute('aria-label') };
      });
      assert.ok(a11y, `${spec}: no canvas`);
      assert.equal(a11y.role, 'img', `${spec}: canvas role`);
      assert.ok(a11y.label && a11y.label.trim().length > 0, `${spec}: empty aria-label`);
      assert.ok(a11y.label.includes(title), `${spec}: aria-label "${a11y.label}" lacks the title "${title}"`);
    }
    assert.deepEqual(problems, [], 'console errors or failed requests');
  } finally {
    await context.close();
  }
});

test('g. a broken spec shows its error in its own box; the other charts still render', async () => {
  const BROKEN = `<div class="stdviz" data-stdviz='{"data":{"values":[]},"mark":"pie"}'></div>`;
  const MARKER = '<section class="charts"';
  brokenDir = await fsp.mkdtemp(path.join(os.tmpdir(), 'stdviz-e2e-'));
  await fsp.cp(DIST, brokenDir, { recursive: true });
  const html = await fsp.readFile(path.join(DIST, GALLERY), 'utf8');
  assert.equal(html.split(MARKER).length, 2, `dist/${GALLERY} should contain ${MARKER} exactly once`);
  await fsp.writeFile(path.join(brokenDir, 'broken.html'), html.replace(MARKER, `${BROKEN}\n${MARKER}`));
  brokenServer = await serve(brokenDir);

  const { context, page, problems } = await open({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 2 });
  try {
    await page.goto(`${brokenServer.url}broken.html`);
    const ready = await waitReady(page);
    const boxes = await page.$$eval('[data-stdviz]', (els) =>
      els.map((el) => ({
        ref: el.getAttribute('data-stdviz'),
        state: el.getAttribute('data-stdviz-state'),
        error: (el.shadowRoot ?? el).querySelector('.stdviz-error')?.textContent ?? null,
        canvases: (el.shadowRoot ?? el).querySelectorAll('canvas').length,
      })),
    );
    assert.equal(boxes.length, 3, 'three chart boxes on broken.html');
    const broken = boxes[0];
    assert.ok(broken.ref.startsWith('{'), 'the inline spec box is first');
    assert.equal(broken.state, 'error', `broken box state (box: ${JSON.stringify(broken)})`);
    assert.ok(broken.error, 'broken box has no .stdviz-error');
    assert.ok(broken.error.includes('mark'), `error text "${broken.error}" does not mention "mark"`);
    assert.ok(broken.error.includes('pie'), `error text "${broken.error}" does not mention "pie"`);
    assert.equal(broken.canvases, 0, 'broken box should hold no canvas');
    assert.equal(ready, '2', `html[data-stdviz-ready] on broken.html (boxes: ${JSON.stringify(boxes)})`);
    for (const chart of CHARTS) {
      assert.equal(await page.getAttribute(sel(chart.spec), 'data-stdviz-state'), 'rendered', `${chart.spec} on broken.html`);
      assertMarksMatch(await samplePixels(page, sel(chart.spec)), chart, `${chart.spec} on broken.html`);
    }
    // Console errors are allowed here; failed requests are not.
    const network = problems.filter((p) => !p.startsWith('console.error') && !p.startsWith('uncaught'));
    assert.deepEqual(network, [], 'failed requests on broken.html');
  } finally {
    await context.close();
  }
});

test('h. the example gallery (#examples) draws every example, including the GBK CSV, without an error', async () => {
  const list = JSON.parse(await fsp.readFile(path.join(DIST, 'examples', 'index.json'), 'utf8'));
  const { context, page, problems } = await open({ viewport: { width: 1280, height: 900 } });
  try {
    await page.goto(`${gallery}#examples`);
    const ready = await waitReady(page);
    assert.equal(Number(ready), list.examples.length, 'every example chart is rendered');
    const states = await page.$$eval('[data-stdviz]', (els) =>
      els.map((el) => ({ spec: el.getAttribute('data-stdviz'), state: el.getAttribute('data-stdviz-state'), marks: el.stdviz ? el.stdviz.markCount() : 0 })),
    );
    assert.equal(states.length, list.examples.length);
    for (const s of states) {
      assert.equal(s.state, 'rendered', `${s.spec} is ${s.state}`);
      assert.ok(s.marks > 0, `${s.spec} drew no data marks`);
    }
    // The GBK file's Chinese labels reached the chart: its marks carry them.
    const gbk = await page.$eval('[data-stdviz="examples/group-standards-csv-gbk.json"]', (el) => el.stdviz.hitTest(...el.stdviz.markAnchor(0).slice(0, 2)));
    assert.equal(gbk.label, '广东');
    assert.equal(gbk.value, 6419);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('i. gallery.html, a copied page: its plain style.css applies, the glue is preloaded once, its links lead to pages that exist', async () => {
  const html = await fsp.readFile(path.join(DIST, GALLERY), 'utf8');
  assert.ok(!html.includes('__STDVIZ_GLUE__'), 'Trunk.toml\'s post_build hook wrote the glue name into gallery.html');
  const css = await fsp.readFile(path.join(DIST, 'style.css'), 'utf8');
  const maxWidth = /\.page\s*\{[^}]*max-width:\s*([^;]+);/.exec(css);
  assert.ok(maxWidth, 'style.css sets .page max-width');
  const { context, page, problems } = await open({ viewport: { width: 1280, height: 900 } });
  const wasm = [];
  page.on('request', (req) => {
    if (new URL(req.url()).pathname.endsWith('.wasm')) wasm.push(req.url());
  });
  try {
    await page.goto(gallery);
    await waitReady(page);
    assert.equal(await page.$eval('main.page', (el) => getComputedStyle(el).maxWidth), maxWidth[1].trim(), 'style.css applies');
    assert.equal(wasm.length, 1, `the wasm is fetched once (the preload is used): ${wasm.join(', ')}`);
    await assertLinksAnswer(page, '/index.html');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
