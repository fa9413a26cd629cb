// End-to-end tests of embedding (www/stdviz.js, embed.html, article.html) and of the
// offline bundle, in Debian's Chromium driven by playwright-core.
//
//   trunk build --release && cargo build && node --test tests/e2e/embed.test.mjs
//
// Like page.test.mjs these tests never build the page: they need dist/ (or STDVIZ_DIST).
// The offline-bundle test also runs the CLI (target/debug/stdviz, or STDVIZ_BIN), which
// `cargo test` builds. Test pages are written into a temporary copy of dist/.

import test, { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from './server.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const DIST = path.resolve(process.env.STDVIZ_DIST || path.join(repo, 'dist'));
const BIN = process.env.STDVIZ_BIN || path.join(repo, 'target', 'debug', 'stdviz');
const LAUNCH = {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic'],
};
const TIMEOUT = 30_000;
const BAR = 'specs/standards-by-level-bar.json';
const DONUT = 'specs/standards-by-level-donut.json';

let browser;
let server;
let dir;

before(async () => {
  if (!fs.existsSync(path.join(DIST, 'stdviz.js'))) {
    throw new Error(`${DIST}/stdviz.js is missing: build the page first with \`trunk build --release\``);
  }
  dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'stdviz-embed-'));
  await fsp.cp(DIST, dir, { recursive: true });
  server = await serve(dir);
  browser = await chromium.launch(LAUNCH);
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (dir) await fsp.rm(dir, { recursive: true, force: true });
});

/** A test page in the served copy of dist/, loading the embed script. */
async function writePage(name, body, head = '') {
  const html = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><link rel="icon" href="data:,">${head}</head>
<body>${body}<script type="module" src="stdviz.js"></script></body></html>`;
  await fsp.writeFile(path.join(dir, name), html);
  return new URL(name, server.url).href;
}

async function open(options = { viewport: { width: 1000, height: 900 } }) {
  const context = await browser.newContext(options);
  const problems = [];
  await context.route((url) => url.protocol !== 'file:' && url.hostname !== '127.0.0.1', (route) => {
    problems.push(`off-host request ${route.request().url()}`);
    return route.abort();
  });
  const page = await context.newPage();
  page.on('console', (m) => m.type() === 'error' && problems.push(`console.error: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
  page.on('response', (r) => r.status() >= 400 && problems.push(`HTTP ${r.status()} ${r.url()}`));
  return { context, page, problems };
}

async function waitReady(page) {
  await page.waitForSelector('html[data-stdviz-ready]', { state: 'attached', timeout: TIMEOUT });
  return Number(await page.getAttribute('html', 'data-stdviz-ready'));
}

/** State, error text, canvas count and mark count of every [data-stdviz] box. */
function boxes(page) {
  return page.$$eval('[data-stdviz]', (els) =>
    els.map((el) => {
      const root = el.shadowRoot ?? el;
      let marks = null;
      try {
        marks = el.stdviz ? el.stdviz.markCount() : null;
      } catch {
        marks = null;
      }
      return {
        id: el.id,
        ref: el.getAttribute('data-stdviz'),
        state: el.getAttribute('data-stdviz-state'),
        error: root.querySelector('.stdviz-error')?.textContent ?? null,
        canvases: root.querySelectorAll('canvas').length,
        marks,
      };
    }),
  );
}

test('the article page renders every chart, the iframe chart, and the page CSS does not reach them', async () => {
  const { context, page, problems } = await open();
  try {
    await page.goto(new URL('article.html', server.url).href);
    // The article is published (pre-rendered SVG, stdviz-lite.js): its live charts, each
    // with its spec as data-stdviz, are there once html[data-stdviz-ready] is.
    const ready = await waitReady(page);
    const total = await page.$$eval('[data-stdviz]', (els) => els.length);
    assert.equal(total, 4, 'four data-stdviz charts on article.html');
    assert.equal(ready, total, 'html[data-stdviz-ready]');
    for (const b of await boxes(page)) {
      assert.equal(b.state, 'rendered', `${b.ref}: ${b.error}`);
      assert.equal(b.canvases, 1, `${b.ref}: one canvas`);
      assert.ok(b.marks > 0, `${b.ref}: ${b.marks} marks`);
    }
    // The article's CSS puts a dashed border on every canvas and styles every button: the
    // charts' canvases and menu buttons in their shadow roots keep their own styles.
    const styles = await page.$eval('[data-stdviz="specs/standards-by-level-bar.json"]', (el) => {
      const c = el.shadowRoot.querySelector('canvas');
      const b = el.shadowRoot.querySelector('button[aria-haspopup]');
      return {
        border: getComputedStyle(c).borderTopWidth,
        canvasWidth: c.getBoundingClientRect().width,
        boxWidth: Math.floor(el.getBoundingClientRect().width),
        buttonBg: getComputedStyle(b).backgroundColor,
        pageCanvasRule: [...document.styleSheets].some((s) => [...s.cssRules].some((r) => r.selectorText?.includes('canvas'))),
      };
    });
    assert.ok(styles.pageCanvasRule, 'the article has a canvas rule to resist');
    assert.equal(styles.border, '0px', 'canvas border from the page CSS');
    assert.ok(Math.abs(styles.canvasWidth - styles.boxWidth) <= 1, `canvas ${styles.canvasWidth} vs box ${styles.boxWidth}`);
    assert.notEqual(styles.buttonBg, 'rgb(179, 0, 27)', 'menu button took the page button colour');
    // The chart's stylesheet does not leak out: the page's own button keeps the page style.
    const pageButton = await page.$eval('button[data-stdviz-offline]', (b) => getComputedStyle(b).backgroundColor);
    assert.equal(pageButton, 'rgb(179, 0, 27)');
    // The iframe chart renders too.
    const frame = page.frame({ url: /embed\.html/ });
    assert.ok(frame, 'embed.html iframe');
    await frame.waitForFunction(() => document.getElementById('chart').getAttribute('data-stdviz-state') === 'rendered', null, { timeout: TIMEOUT });
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('a broken spec and a missing data file show their errors in their own boxes; the others render', async () => {
  const url = await writePage(
    'broken-embed.html',
    `<div id="bad-json" data-stdviz='{"mark": "bar", "encoding": '></div>
     <div id="good1" data-stdviz="${BAR}"></div>
     <div id="no-data" data-stdviz='{"data": {"url": "data/missing.csv"}, "mark": "bar", "encoding": {"x": {"field": "a", "type": "nominal"}, "y": {"field": "b", "type": "quantitative"}}}'></div>
     <div id="bad-field" data-stdviz='{"data": {"values": [{"a": 1}]}, "mark": "bar", "encoding": {"x": {"field": "a", "type": "nominl"}}}'></div>
     <div id="good2" data-stdviz="${DONUT}"></div>`,
  );
  const { context, page, problems } = await open();
  try {
    await page.goto(url);
    assert.equal(await waitReady(page), 2, 'two charts drawn');
    const byId = Object.fromEntries((await boxes(page)).map((b) => [b.id, b]));
    for (const id of ['good1', 'good2']) {
      assert.equal(byId[id].state, 'rendered', id);
      assert.equal(byId[id].canvases, 1, id);
    }
    for (const id of ['bad-json', 'no-data', 'bad-field']) {
      assert.equal(byId[id].state, 'error', `${id}: ${JSON.stringify(byId[id])}`);
      assert.equal(byId[id].canvases, 0, `${id}: no canvas`);
      assert.ok(byId[id].error, `${id}: no .stdviz-error`);
    }
    // What and where: the missing file is named with its HTTP status; the bad type names
    // its JSON path and the value found.
    assert.match(byId['no-data'].error, /data\/missing\.csv.*404/);
    assert.match(byId['bad-field'].error, /encoding\.x\.type/);
    assert.match(byId['bad-field'].error, /nominl/);
    // The error is text, in an alert, not markup.
    const role = await page.$eval('#bad-json', (el) => el.shadowRoot.querySelector('.stdviz-error').getAttribute('role'));
    assert.equal(role, 'alert');
    assert.deepEqual(problems.filter((p) => !p.includes('missing.csv') && !p.includes('404')), []);
  } finally {
    await context.close();
  }
});

test('a chart inserted after load is mounted; a removed one is destroyed; render() works on any element', async () => {
  const url = await writePage('later.html', `<div id="first" data-stdviz="${BAR}"></div><section id="cms"></section>`);
  const { context, page, problems } = await open();
  try {
    await page.goto(url);
    assert.equal(await waitReady(page), 1);
    const events = await page.evaluate(async (spec) => {
      const box = document.createElement('div');
      box.id = 'later';
      box.setAttribute('data-stdviz', spec);
      const rendered = new Promise((resolve) => box.addEventListener('stdviz:rendered', (e) => resolve(e.detail), { once: true }));
      // A CMS inserts a whole fragment later on.
      const wrap = document.createElement('article');
      wrap.append(box);
      document.getElementById('cms').append(wrap);
      return rendered;
    }, DONUT);
    assert.equal(events.markCount, 4, 'stdviz:rendered detail.markCount on the inserted box');
    const later = (await boxes(page)).find((b) => b.id === 'later');
    assert.equal(later.state, 'rendered');
    assert.equal(later.marks, 4);
    // Removing the element destroys its chart (the handle is gone from the element).
    const gone = await page.evaluate(async () => {
      const el = document.getElementById('later');
      const handle = el.stdviz;
      el.closest('article').remove();
      await new Promise((r) => setTimeout(r, 50));
      return { state: handle.state, onElement: 'stdviz' in el, attr: el.getAttribute('data-stdviz-state') };
    });
    assert.equal(gone.onElement, false);
    assert.equal(gone.attr, null);
    // The JS API on an element without markup, with an inline spec object and given data.
    const api = await page.evaluate(async () => {
      const { render } = await import('./stdviz.js');
      const el = document.createElement('div');
      document.body.append(el);
      const seen = [];
      const handle = render(el, {
        data: { url: 'inline.csv' },
        mark: 'bar',
        encoding: { x: { field: 'k', type: 'nominal' }, y: { field: 'v', type: 'quantitative' } },
      }, { data: { 'inline.csv': 'k,v\n甲,1\n乙,2\n丙,3\n' }, menu: false });
      handle.on('rendered', (d) => seen.push(d.markCount));
      await handle.ready;
      await handle.update({ data: { values: [{ k: 'a', v: 1 }] }, mark: 'bar', encoding: { x: { field: 'k', type: 'nominal' }, y: { field: 'v', type: 'quantitative' } } });
      await new Promise((r) => setTimeout(r, 20));
      const after = handle.markCount();
      let updateError = null;
      try {
        await handle.update('{"mark": "pie"}');
      } catch (e) {
        updateError = e.message;
      }
      return { after, seen, updateError, stillThere: handle.markCount(), menu: el.shadowRoot.querySelector('button[aria-haspopup]') !== null };
    });
    assert.equal(api.after, 1, 'update() replaced the chart');
    assert.ok(api.seen.includes(1), `rendered events: ${api.seen}`);
    assert.ok(api.updateError && api.updateError.includes('pie'), `update error: ${api.updateError}`);
    assert.equal(api.stillThere, 1, 'a failed update keeps the old chart');
    assert.equal(api.menu, false, 'menu: false');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('destroy() releases listeners, nodes and memory: no growth over 100 render/destroy cycles', async () => {
  const url = await writePage('cycles.html', `<div id="host" style="width:600px"></div>`);
  const { context, page, problems } = await open();
  try {
    await page.goto(url);
    await waitReady(page);
    const cdp = await context.newCDPSession(page);
    await page.evaluate(async (spec) => {
      const { render } = await import('./stdviz.js');
      const text = await (await fetch(spec)).text();
      const data = { 'data/yangquan-2024.json': await (await fetch('data/yangquan-2024.json')).text() };
      window.cycle = async (n) => {
        const host = document.getElementById('host');
        for (let i = 0; i < n; i++) {
          const h = render(host, text, { data });
          await h.ready;
          h.on('select', () => {});
          // Open and close the menu: its document listener must go too.
          const button = host.shadowRoot.querySelector('button[aria-haspopup]');
          button.click();
          if (i % 2) button.click();
          h.destroy();
        }
      };
    }, BAR);
    const measure = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      await cdp.send('HeapProfiler.collectGarbage');
      const heap = await cdp.send('Runtime.getHeapUsage');
      const counters = await cdp.send('Memory.getDOMCounters');
      const { result } = await cdp.send('Runtime.evaluate', { expression: 'document' });
      const docListeners = (await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId })).listeners.length;
      const host = await cdp.send('Runtime.evaluate', { expression: 'document.getElementById("host")' });
      const hostListeners = (await cdp.send('DOMDebugger.getEventListeners', { objectId: host.result.objectId, depth: -1, pierce: true })).listeners.length;
      return { used: heap.usedSize, nodes: counters.nodes, jsListeners: counters.jsEventListeners, docListeners, hostListeners };
    };
    await page.evaluate(() => window.cycle(10)); // warm-up: caches, JIT, the wasm heap
    const before = await measure();
    await page.evaluate(() => window.cycle(100));
    const afterRun = await measure();
    console.log(`# 100 render/destroy cycles: ${JSON.stringify({ before, after: afterRun })}`);
    assert.ok(afterRun.jsListeners <= before.jsListeners, `JS event listeners grew: ${before.jsListeners} → ${afterRun.jsListeners}`);
    assert.ok(afterRun.docListeners <= before.docListeners, `document listeners grew: ${before.docListeners} → ${afterRun.docListeners}`);
    assert.ok(afterRun.hostListeners <= before.hostListeners, `listeners in the host grew: ${before.hostListeners} → ${afterRun.hostListeners}`);
    assert.ok(afterRun.nodes <= before.nodes + 20, `DOM nodes grew: ${before.nodes} → ${afterRun.nodes}`);
    // 100 charts each hold a canvas, a scene and closures: a leak of one chart per cycle
    // would add megabytes. Allow 512 KB of noise.
    assert.ok(afterRun.used - before.used < 512 * 1024, `JS heap grew by ${afterRun.used - before.used} bytes`);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('the iframe of embed.html takes the height of its content, also after a resize', async () => {
  const host = await fsp.readFile(path.join(dir, 'article.html'), 'utf8');
  const snippet = /<script>\s*\/\/ Resizes the iframe[\s\S]*?<\/script>/.exec(host);
  assert.ok(snippet, 'article.html carries the documented host snippet');
  const url = await writePage(
    'iframe-host.html',
    `<div style="max-width:900px" id="wrap"><iframe data-stdviz-frame id="f" style="width:100%;border:0" src="embed.html?spec=${encodeURIComponent(BAR)}&id=bar"></iframe></div>${snippet[0]}`,
  );
  const { context, page, problems } = await open({ viewport: { width: 1000, height: 900 } });
  try {
    const messages = [];
    await page.exposeFunction('__seen', (m) => messages.push(m));
    await page.addInitScript(() => addEventListener('message', (e) => window.__seen && window.__seen(e.data)));
    await page.goto(url);
    const frame = page.frame({ url: /embed\.html/ });
    await frame.waitForFunction(() => document.getElementById('chart').getAttribute('data-stdviz-state') === 'rendered', null, { timeout: TIMEOUT });
    const heights = async () => ({
      iframe: await page.$eval('#f', (f) => f.getBoundingClientRect().height),
      content: await frame.evaluate(() => Math.ceil(document.getElementById('chart').getBoundingClientRect().height)),
      doc: await frame.evaluate(() => document.documentElement.scrollHeight),
    });
    const settle = async () => {
      let h;
      for (let i = 0; i < 100; i++) {
        h = await heights();
        if (Math.abs(h.iframe - h.content) <= 1 && h.content > 100) return h;
        await page.waitForTimeout(50);
      }
      return h;
    };
    const wide = await settle();
    assert.ok(Math.abs(wide.iframe - wide.content) <= 1, `iframe ${wide.iframe}px vs content ${wide.content}px`);
    assert.equal(await frame.evaluate(() => getComputedStyle(document.body).overflow), 'hidden', 'no scrollbar in the iframe');
    assert.ok(messages.some((m) => m && m.type === 'stdviz:height' && m.id === 'bar'), 'stdviz:height message with the id');
    // Narrow the host: the chart re-lays out (the axis titles wrap, the bars thin) and the iframe follows.
    await page.$eval('#wrap', (w) => (w.style.maxWidth = '320px'));
    await page.setViewportSize({ width: 340, height: 900 });
    // The heights match at once, before the chart has seen the resize: wait for the
    // redraw at the new width first (the assertion below still checks it), then settle.
    const canvasWidth = () => parseFloat((document.getElementById('chart').shadowRoot.querySelector('canvas') || {}).style?.width);
    await frame.waitForFunction(`(${canvasWidth})() <= 320`, null, { timeout: TIMEOUT }).catch(() => {});
    const narrow = await settle();
    assert.ok(Math.abs(narrow.iframe - narrow.content) <= 1, `after resize: iframe ${narrow.iframe}px vs content ${narrow.content}px`);
    const width = await frame.evaluate(() => (document.getElementById('chart').shadowRoot.querySelector('canvas') || {}).style?.width);
    assert.ok(parseFloat(width) <= 320, `chart drawn ${width} wide in a 320-px iframe`);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('exports: SVG parses with one shape per data mark; PNG at 1× and 2× has the pixel size asked for; CSV has a BOM', async () => {
  const url = await writePage('export.html', `<div id="bar" style="width:640px" data-stdviz="${BAR}"></div><div id="donut" style="width:640px" data-stdviz="${DONUT}"></div>`);
  const { context, page, problems } = await open({ viewport: { width: 1000, height: 900 }, deviceScaleFactor: 1, acceptDownloads: true });
  try {
    await page.goto(url);
    assert.equal(await waitReady(page), 2);
    for (const id of ['bar', 'donut']) {
      const r = await page.evaluate(async (id) => {
        const h = document.getElementById(id).stdviz;
        const svgText = h.toSVG();
        const doc = new DOMParser().parseFromString(svgText, 'image/svg+xml');
        const parseError = doc.querySelector('parsererror')?.textContent ?? null;
        const svg = doc.documentElement;
        // Show the SVG at the page's top-left corner and ask which SVG element lies
        // under each mark's anchor (from the scene): each mark must be its own shape, in
        // the mark's colour.
        const holder = document.createElement('div');
        holder.style.cssText = 'position:fixed;left:0;top:0;z-index:99;background:#fff';
        holder.append(document.importNode(svg, true));
        document.body.append(holder);
        const n = h.markCount();
        const hits = [];
        for (let i = 0; i < n; i++) {
          const [x, y, color] = h.markAnchor(i);
          const target = document.elementFromPoint(x, y);
          hits.push({ tag: target?.tagName, fill: (target?.getAttribute('fill') || '').toLowerCase(), color: color.toLowerCase(), el: target });
        }
        const distinct = new Set(hits.map((x) => x.el)).size;
        const colors = new Set(hits.map((x) => x.color));
        const shapes = [...holder.querySelectorAll('rect, polygon, path, circle')].filter((e) => colors.has((e.getAttribute('fill') || '').toLowerCase())).length;
        holder.remove();
        const canvas = h.canvas;
        const size = { w: parseFloat(canvas.style.width), h: parseFloat(canvas.style.height) };
        const pngs = [];
        for (const scale of [1, 2]) {
          const blob = await h.toPNG(scale);
          const bmp = await createImageBitmap(blob);
          pngs.push({ scale, type: blob.type, width: bmp.width, height: bmp.height });
        }
        const csv = h.toCSV();
        const data = h.data();
        return {
          parseError,
          root: svg.tagName,
          svgWidth: Number(svg.getAttribute('width')),
          n,
          hits: hits.map(({ el, ...rest }) => rest),
          distinct,
          shapes,
          size,
          pngs,
          csvHead: csv.slice(0, 40),
          bom: csv.charCodeAt(0),
          rows: data[0].rows.length,
        };
      }, id);
      assert.equal(r.parseError, null, `${id}: SVG parse error`);
      assert.equal(r.root, 'svg');
      assert.equal(r.svgWidth, Math.ceil(r.size.w), `${id}: SVG width vs canvas CSS width`);
      assert.equal(r.n, 4, `${id}: markCount`);
      assert.equal(r.distinct, r.n, `${id}: distinct SVG shapes under the ${r.n} mark anchors: ${JSON.stringify(r.hits)}`);
      for (const hit of r.hits) assert.equal(hit.fill, hit.color, `${id}: SVG shape under a mark anchor: ${JSON.stringify(hit)}`);
      if (id === 'bar') assert.equal(r.shapes, r.n, 'bar: SVG shapes in the bar colour = markCount');
      for (const p of r.pngs) {
        assert.equal(p.type, 'image/png');
        assert.equal(p.width, Math.round(Math.ceil(r.size.w) * p.scale), `${id}: PNG width at ${p.scale}×`);
        assert.equal(p.height, Math.round(Math.ceil(r.size.h) * p.scale), `${id}: PNG height at ${p.scale}×`);
      }
      assert.equal(r.bom, 0xfeff, `${id}: CSV starts with a BOM`);
      assert.equal(r.rows, 4, `${id}: data() rows`);
    }
    // The menu is reachable by keyboard: Tab reaches the button, Enter opens it, arrows
    // move, Escape closes and gives the focus back; choosing CSV downloads the file.
    await page.focus('body');
    // The chart itself is focusable (its marks are keyboard-navigable); the menu button follows it.
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press('Tab');
      const on = await page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.getAttribute('aria-haspopup'));
      if (on === 'menu') break;
    }
    const focused = await page.evaluate(() => document.activeElement?.id + ' ' + (document.activeElement?.shadowRoot?.activeElement?.getAttribute('aria-haspopup') ?? ''));
    assert.equal(focused, 'bar menu', `Tab focuses the bar chart's menu button (got "${focused}")`);
    await page.keyboard.press('Enter');
    const opened = await page.$eval('#bar', (el) => ({
      expanded: el.shadowRoot.querySelector('button[aria-haspopup]').getAttribute('aria-expanded'),
      focused: el.shadowRoot.activeElement?.textContent,
      items: [...el.shadowRoot.querySelectorAll('[role=menuitem]')].map((b) => b.tagName),
    }));
    assert.equal(opened.expanded, 'true');
    assert.match(opened.focused, /PNG/);
    assert.ok(opened.items.length >= 4 && opened.items.every((t) => t === 'BUTTON'), 'menu items are buttons');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    const onCsv = await page.$eval('#bar', (el) => el.shadowRoot.activeElement?.textContent);
    assert.match(onCsv, /CSV/);
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    const file = await fsp.readFile(await download.path());
    assert.deepEqual([...file.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'CSV download starts with the UTF-8 BOM');
    assert.match(file.toString('utf8'), /国家标准/);
    assert.match(download.suggestedFilename(), /\.csv$/);
    const closed = await page.$eval('#bar', (el) => ({
      expanded: el.shadowRoot.querySelector('button[aria-haspopup]').getAttribute('aria-expanded'),
      focus: el.shadowRoot.activeElement?.getAttribute('aria-haspopup'),
    }));
    assert.deepEqual(closed, { expanded: 'false', focus: 'menu' });
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    assert.equal(await page.$eval('#bar', (el) => el.shadowRoot.querySelector('[role=menu]').hidden), true, 'Escape closes the menu');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('a crash of the wasm instance is reported in its chart box; the instance is replaced and the other charts drawn again', async () => {
  const glue = (await fsp.readdir(dir)).find((n) => /^stdviz-[0-9a-f]+\.js$/.test(n));
  const url = await writePage('crash.html', `<div id="a" data-stdviz="${BAR}"></div><div id="b" data-stdviz="${DONUT}"></div><div id="c" data-stdviz="${BAR}"></div>`);
  const { context, page, problems } = await open();
  try {
    await page.goto(url);
    assert.equal(await waitReady(page), 3);
    const r = await page.evaluate(async (glue) => {
      // Simulate a trap: the first instance's ChartView.update throws what an aborting
      // wasm instance throws (release builds are panic=abort: WebAssembly.RuntimeError).
      const first = await import(`./${glue}`);
      first.ChartView.prototype.update = function () {
        throw new WebAssembly.RuntimeError('unreachable');
      };
      const b = document.getElementById('b').stdviz;
      let thrown = null;
      try {
        await b.update(b.source.text);
      } catch (e) {
        thrown = e.message;
      }
      const wait = (id) =>
        new Promise((resolve) => {
          const el = document.getElementById(id);
          const check = () => (el.getAttribute('data-stdviz-state') === 'rendered' && el.stdviz.canvas ? resolve() : setTimeout(check, 20));
          check();
        });
      await Promise.all([wait('a'), wait('c')]);
      // The others now run on a new instance: update works again (the first instance's
      // update still throws), and so do exports.
      const a = document.getElementById('a').stdviz;
      await a.update(a.source.text);
      return {
        thrown,
        bState: document.getElementById('b').getAttribute('data-stdviz-state'),
        bError: document.getElementById('b').shadowRoot.querySelector('.stdviz-error')?.textContent,
        aMarks: a.markCount(),
        cSvg: document.getElementById('c').stdviz.toSVG().startsWith('<svg'),
      };
    }, glue);
    assert.match(r.thrown, /crashed/);
    assert.equal(r.bState, 'error');
    assert.match(r.bError, /crashed/);
    assert.match(r.bError, /unreachable/);
    assert.equal(r.aMarks, 4);
    assert.equal(r.cSvg, true);
    // The crashed chart can be drawn again on the new instance.
    const again = await page.evaluate(async () => {
      const b = document.getElementById('b').stdviz;
      await b.update(b.source.text);
      return b.markCount();
    });
    assert.equal(again, 4);
    assert.deepEqual(problems.filter((p) => !p.includes('crashed')), []);
  } finally {
    await context.close();
  }
});

/** Opens `file` from file:// with every network route aborted; returns requests seen. */
async function openOffline(file) {
  const context = await browser.newContext({ viewport: { width: 1000, height: 900 } });
  const requests = [];
  const problems = [];
  const self = pathToFileURL(file).href;
  // Every request is aborted except the file itself, and counted.
  await context.route('**', (route) => {
    if (route.request().url() === self) return route.continue();
    requests.push(`routed ${route.request().url()}`);
    return route.abort();
  });
  const page = await context.newPage();
  page.on('request', (r) => r.url() !== self && !r.url().startsWith('blob:') && requests.push(`request ${r.url()}`));
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(pathToFileURL(file).href);
  return { context, page, requests, problems };
}

test('offline bundles (CLI and page action) render every chart from file:// with all network aborted, making no request', async () => {
  if (!fs.existsSync(BIN)) throw new Error(`${BIN} is missing: build the CLI (cargo build, or cargo test) or set STDVIZ_BIN`);
  const cliFile = path.join(dir, 'offline-cli.html');
  const specs = [BAR, DONUT, 'examples/yangquan-headline-cards.json', 'examples/group-standards-csv-gbk.json'].map((s) => path.join(dir, s));
  const run = spawnSync(BIN, ['bundle', ...specs, '-o', cliFile, '--dist', dir, '--title', '离线 <测试>'], { encoding: 'utf8' });
  assert.equal(run.status, 0, `stdviz bundle failed: ${run.stderr}`);
  assert.match(run.stdout, /wrote .*offline-cli\.html: [\d,]+ bytes, 4 chart/);

  // The same kind of file from the gallery page's own action.
  const { context: c0, page: p0 } = await open({ viewport: { width: 1000, height: 900 }, acceptDownloads: true });
  let pageFile;
  try {
    await p0.goto(new URL('gallery.html', server.url).href);
    assert.equal(await waitReady(p0), 2);
    const [download] = await Promise.all([p0.waitForEvent('download'), p0.click('button[data-stdviz-offline]')]);
    pageFile = path.join(dir, 'offline-page.html');
    await download.saveAs(pageFile);
  } finally {
    await c0.close();
  }

  for (const [file, expected] of [[cliFile, 4], [pageFile, 2]]) {
    const html = await fsp.readFile(file, 'utf8');
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'sha256-[^']+' blob: 'wasm-unsafe-eval'; style-src( 'sha256-[^']+')+;/);
    // Both ways of making the file put each chart's pictures in its box (publish's
    // fragment, written natively or by the wasm): a reader whose browser runs no script
    // still sees every chart, at the width its box has.
    const boxesWithPictures = html.match(/data-stdviz="bundle:\d+"><div class="stdviz-pub"><style>/g) || [];
    assert.equal(boxesWithPictures.length, expected, `${path.basename(file)}: charts with pictures`);
    {
      const context = await browser.newContext({ viewport: { width: 700, height: 900 }, javaScriptEnabled: false });
      await context.route('**', (route) => (route.request().url() === pathToFileURL(file).href ? route.continue() : route.abort()));
      try {
        const page = await context.newPage();
        await page.goto(pathToFileURL(file).href);
        const shown = await page.$$eval('.stdviz-pub > .stdviz-w', (vs) =>
          vs.filter((v) => getComputedStyle(v).display !== 'none').map((v) => ({ w: v.getBoundingClientRect().width, marks: v.querySelectorAll('g.m title').length })),
        );
        assert.equal(shown.length, expected, `${path.basename(file)} without script: one picture per chart`);
        for (const s of shown) assert.ok(s.w > 0 && s.marks > 0, `${path.basename(file)} without script: ${JSON.stringify(s)}`);
      } finally {
        await context.close();
      }
    }
    assert.ok(!/\son[a-z]+=/i.test(html.replace(/<script[\s\S]*?<\/script>/g, '')), `${file}: an inline event handler`);
    const { context, page, requests, problems } = await openOffline(file);
    try {
      const drawn = await waitReady(page);
      assert.equal(drawn, expected, `${path.basename(file)}: charts drawn (problems: ${problems.join(' | ')})`);
      for (const b of await boxes(page)) {
        assert.equal(b.state, 'rendered', `${path.basename(file)} ${b.ref}: ${b.error}`);
        assert.ok(b.marks > 0);
      }
      if (file === cliFile) {
        assert.equal(await page.title(), '离线 <测试>');
        // The GBK CSV travelled as bytes and was decoded in the bundle.
        const gbk = await page.$eval('[data-stdviz="bundle:3"]', (el) => el.stdviz.hitTest(...el.stdviz.markAnchor(0).slice(0, 2)));
        assert.equal(gbk.label, '广东');
      }
      assert.deepEqual(requests, [], `${path.basename(file)}: requests were made`);
      assert.deepEqual(problems, [], `${path.basename(file)}: console errors (CSP violations would show here)`);
      console.log(`# ${path.basename(file)}: ${html.length} characters, ${Buffer.byteLength(html)} bytes, ${expected} charts`);
    } finally {
      await context.close();
    }
  }
});
