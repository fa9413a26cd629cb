// End-to-end tests of the table form (usermeta.stdviz.form "table", issue #19 point 4) on
// the built site, in Debian's Chromium at phone widths (320 and 375 px, dpr 3):
//
//   trunk build --release && node --test tests/e2e/table.test.mjs
//
// A real <table> in the chart's box: sorting by click and by keyboard (aria-sort), search,
// pages of 10/25/50 rows, no column cut at 320 px (the table scrolls sideways in its box
// with the first column kept in view). Screenshots go to STDVIZ_SHOTS (default: a
// temporary folder) to be looked at.

import test, { before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from './server.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const DIST = path.resolve(process.env.STDVIZ_DIST || path.join(repo, 'dist'));
const LAUNCH = {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic'],
};
const TIMEOUT = 30_000;
const SPEC = 'specs/standards-in-force-table.json';

let browser;
let server;
let dir;
let shots;

before(async () => {
  if (!fs.existsSync(path.join(DIST, 'stdviz.js'))) {
    throw new Error(`${DIST}/stdviz.js is missing: build the page first with \`trunk build --release\``);
  }
  dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'stdviz-table-'));
  await fsp.cp(DIST, dir, { recursive: true });
  shots = process.env.STDVIZ_SHOTS || (await fsp.mkdtemp(path.join(os.tmpdir(), 'stdviz-table-shots-')));
  server = await serve(dir);
  browser = await chromium.launch(LAUNCH);
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (dir) await fsp.rm(dir, { recursive: true, force: true });
});

/** SYNTHETIC rows for the pages: 60 items, item i with value i × 1,000. */
function manyRowsSpec() {
  const values = Array.from({ length: 60 }, (_, i) => ({ item: `条目 ${i + 1}`, v: (i + 1) * 1000 }));
  return JSON.stringify({
    title: '合成数据 60 行',
    data: { values },
    mark: 'bar',
    encoding: { y: { field: 'item', type: 'nominal', sort: null, title: '条目' }, x: { field: 'v', type: 'quantitative', title: '数值' } },
    usermeta: { stdviz: { form: 'table', numbers: 'zh', table: { columns: ['item', 'v'] } } },
  });
}

async function openPage(width) {
  const html = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><link rel="icon" href="data:,">
<meta name="viewport" content="width=device-width,initial-scale=1"><style>body{margin:8px;font-family:sans-serif}</style></head>
<body><div id="t" data-stdviz="${SPEC}"></div><div id="m" data-stdviz='${manyRowsSpec().replace(/'/g, '&#39;')}'></div>
<script type="module" src="stdviz.js"></script></body></html>`;
  await fsp.writeFile(path.join(dir, `table-${width}.html`), html);
  const context = await browser.newContext({ viewport: { width, height: 900 }, deviceScaleFactor: 3, hasTouch: true });
  const problems = [];
  const page = await context.newPage();
  page.on('console', (m) => m.type() === 'error' && problems.push(`console.error: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`));
  await page.goto(new URL(`table-${width}.html`, server.url).href);
  await page.waitForSelector('html[data-stdviz-ready]', { state: 'attached', timeout: TIMEOUT });
  return { context, page, problems };
}

/** The table of box `id`, read from its shadow root. */
function read(page, id) {
  return page.$eval(`#${id}`, (host) => {
    const root = host.shadowRoot;
    const table = root.querySelector('table');
    return {
      state: host.getAttribute('data-stdviz-state'),
      error: root.querySelector('.stdviz-error')?.textContent ?? null,
      canvases: root.querySelectorAll('canvas').length,
      caption: table?.querySelector('caption')?.textContent ?? null,
      headers: [...(table?.querySelectorAll('thead th[scope=col]') ?? [])].map((th) => ({
        text: th.querySelector('button').textContent,
        sort: th.getAttribute('aria-sort'),
      })),
      rows: [...(table?.querySelectorAll('tbody tr') ?? [])].map((tr) => [...tr.children].map((c) => c.textContent)),
      rowHeaders: table?.querySelectorAll('tbody th[scope=row]').length ?? 0,
      status: root.querySelector('.stdviz-table-status')?.textContent ?? null,
    };
  });
}

const inShadow = (page, id, selector) => page.locator(`#${id}`).locator(selector);

test('the table form is a real, sortable, searchable <table> readable at 320 and 375 px', async () => {
  for (const width of [320, 375]) {
    const { context, page, problems } = await openPage(width);
    try {
      let t = await read(page, 't');
      assert.equal(t.state, 'rendered', t.error);
      assert.equal(t.canvases, 0, 'a table, not a picture');
      assert.equal(t.caption, '全国现行有效标准数量(年末)');
      assert.deepEqual(t.headers.map((h) => h.text), ['标准层级', '年份', '标准数量(项)']);
      assert.deepEqual(t.headers.map((h) => h.sort), ['none', 'none', 'none']);
      assert.equal(t.rows.length, 9);
      assert.equal(t.rowHeaders, 9);
      assert.deepEqual(t.rows[0], ['国家标准', '2020', '4.0万']);
      assert.equal(t.status, '第 1–9 行,共 9 行');
      // Nine rows: no page-size chooser and no pager to bother with.
      assert.equal(await inShadow(page, 't', 'select').isVisible(), false);
      assert.equal(await inShadow(page, 't', 'button[data-page=next]').isVisible(), false);
      // The exact figure behind a rounded one.
      assert.equal(await inShadow(page, 't', 'tbody tr >> nth=0 >> td >> nth=1').getAttribute('title'), '39,847');

      // No column cut: every header and cell shows its whole text (nothing overflows its
      // cell), and the box scrolls sideways when the table is wider than the phone.
      const fit = await page.$eval('#t', (host) => {
        const root = host.shadowRoot;
        const scroll = root.querySelector('.stdviz-table-scroll');
        const cells = [...root.querySelectorAll('th, td')];
        return {
          overflowing: cells.filter((c) => c.scrollWidth > c.clientWidth + 1).map((c) => c.textContent),
          scrollable: scroll.scrollWidth >= scroll.clientWidth,
          boxRight: scroll.getBoundingClientRect().right,
          viewport: window.innerWidth,
        };
      });
      assert.deepEqual(fit.overflowing, []);
      assert.ok(fit.boxRight <= fit.viewport, `the box stays inside the ${width}-px page`);
      await page.screenshot({ path: path.join(shots, `table-${width}.png`), fullPage: true });

      // Sort by click: numbers by value (not as text), ascending then descending.
      await inShadow(page, 't', 'thead button >> nth=2').click();
      t = await read(page, 't');
      assert.equal(t.headers[2].sort, 'ascending');
      assert.deepEqual(t.rows.map((r) => r[2]).slice(0, 3), ['4.0万', '4.3万', '4.4万']);
      await inShadow(page, 't', 'thead button >> nth=2').click();
      t = await read(page, 't');
      assert.equal(t.headers[2].sort, 'descending');
      assert.equal(t.rows[0][2], '8.1万');
      assert.equal(t.headers[0].sort, 'none');

      // Sort by keyboard: Enter on the first header's button; text in the vocabulary's
      // order (national, industry, local).
      await inShadow(page, 't', 'thead button >> nth=0').focus();
      await page.keyboard.press('Enter');
      t = await read(page, 't');
      assert.equal(t.headers[0].sort, 'ascending');
      assert.deepEqual([...new Set(t.rows.map((r) => r[0]))], ['国家标准', '行业标准', '地方标准']);
      assert.equal(await inShadow(page, 't', 'thead button >> nth=0').evaluate((b) => b.getRootNode().activeElement === b), true, 'focus stays on the header');
      await page.keyboard.press('Enter');
      t = await read(page, 't');
      assert.equal(t.headers[0].sort, 'descending');
      assert.equal(t.rows[0][0], '地方标准');

      // The first column stays in view when the table is scrolled sideways.
      const sticky = await page.$eval('#t', (host) => {
        const scroll = host.shadowRoot.querySelector('.stdviz-table-scroll');
        scroll.scrollLeft = 1000;
        const first = host.shadowRoot.querySelector('tbody th');
        return Math.abs(first.getBoundingClientRect().left - scroll.getBoundingClientRect().left);
      });
      assert.ok(sticky < 1.5, `first column ${sticky}px from the box's left edge`);

      // Search.
      await inShadow(page, 't', 'input[type=search]').fill('行业');
      t = await read(page, 't');
      assert.equal(t.rows.length, 3);
      assert.ok(t.rows.every((r) => r[0] === '行业标准'));
      assert.equal(t.status, '第 1–3 行,共 3 行(筛选自 9 行)');
      await inShadow(page, 't', 'input[type=search]').fill('');

      // Pages: 60 rows, 25 a page; then 10 a page and the next page.
      let m = await read(page, 'm');
      assert.equal(m.state, 'rendered', m.error);
      assert.equal(m.rows.length, 25);
      assert.equal(m.status, '第 1–25 行,共 60 行');
      await inShadow(page, 'm', 'select').selectOption('10');
      await inShadow(page, 'm', 'button[data-page=next]').click();
      m = await read(page, 'm');
      assert.equal(m.rows.length, 10);
      assert.equal(m.status, '第 11–20 行,共 60 行');
      assert.deepEqual(m.rows[0], ['条目 11', '1.1万']);
      assert.equal(await inShadow(page, 'm', 'button[data-page=previous]').isDisabled(), false);
      await page.screenshot({ path: path.join(shots, `table-${width}-sorted-paged.png`), fullPage: true });

      // CSV export: the loaded rows.
      const csv = await page.$eval('#t', (host) => host.stdviz.toCSV());
      assert.match(csv, /国家标准/);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  }
  console.log(`screenshots in ${shots}`);
});

test('the table form is drawn in the offline bundle (file://, no network)', async () => {
  const BIN = process.env.STDVIZ_BIN || path.join(repo, 'target', 'debug', 'stdviz');
  if (!fs.existsSync(BIN)) throw new Error(`${BIN} is missing: build the CLI (cargo build --features cli) or set STDVIZ_BIN`);
  const { spawnSync } = await import('node:child_process');
  const file = path.join(dir, 'offline-table.html');
  const run = spawnSync(BIN, ['bundle', path.join(dir, SPEC), '-o', file, '--dist', dir], { encoding: 'utf8' });
  assert.equal(run.status, 0, `stdviz bundle failed: ${run.stderr}`);
  const context = await browser.newContext({ viewport: { width: 320, height: 800 }, deviceScaleFactor: 3 });
  const requests = [];
  await context.route((url) => url.protocol !== 'file:', (route) => {
    requests.push(route.request().url());
    return route.abort();
  });
  const problems = [];
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && problems.push(`console.error: ${m.text()}`));
  try {
    await page.goto(`file://${file}`);
    await page.waitForSelector('html[data-stdviz-ready]', { state: 'attached', timeout: TIMEOUT });
    const t = await page.$eval('[data-stdviz="bundle:0"]', (host) => ({
      state: host.getAttribute('data-stdviz-state'),
      rows: host.shadowRoot.querySelectorAll('.stdviz-table tbody tr').length,
    }));
    assert.deepEqual(t, { state: 'rendered', rows: 9 });
    assert.deepEqual(problems, []);
    assert.deepEqual(requests, []);
    await page.screenshot({ path: path.join(shots, 'table-offline-320.png'), fullPage: true });
  } finally {
    await context.close();
  }
});

test('a published table (stdviz publish, stdviz-lite.js) sorts by its header buttons with no wasm and no layout shift; axe clean', async () => {
  const BIN = process.env.STDVIZ_BIN || path.join(repo, 'target', 'debug', 'stdviz');
  if (!fs.existsSync(BIN)) throw new Error(`${BIN} is missing: build the CLI (cargo build --features cli) or set STDVIZ_BIN`);
  const { spawnSync } = await import('node:child_process');
  const file = path.join(dir, 'published-table.html');
  await fsp.writeFile(file, `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><link rel="icon" href="data:,">
<meta name="viewport" content="width=device-width,initial-scale=1"><title>已发布的表格</title></head>
<body><main><h1>已发布的表格</h1><div data-stdviz="${SPEC}"></div></main>
<script type="module" src="stdviz-lite.js"></script></body></html>`);
  const run = spawnSync(BIN, ['publish', '--page', file], { encoding: 'utf8' });
  assert.equal(run.status, 0, `stdviz publish failed: ${run.stderr}`);
  // Expected counts from the data file, never from the page.
  const rows = JSON.parse(await fsp.readFile(path.join(dir, 'data', 'samr-annual-reports.json'), 'utf8')).in_force;
  const ascending = rows.map((r) => r.count).sort((a, b) => a - b);
  const url = new URL('published-table.html', server.url).href;
  const headBoxes = (page) => page.$$eval('.stdviz-pub-table thead th', (ths) => ths.map((th) => {
    const r = th.getBoundingClientRect();
    return [r.x, r.y, r.width, r.height].map((v) => Math.round(v * 10) / 10);
  }));
  const counts = (page) => page.$$eval('.stdviz-pub-table tbody tr', (trs) =>
    trs.map((tr) => { const c = tr.cells[2]; return Number((c.getAttribute('title') || c.textContent).replace(/,/g, '')); }));

  // The table as it reads with no script: its header boxes.
  const plain = await browser.newContext({ viewport: { width: 320, height: 800 }, deviceScaleFactor: 3, javaScriptEnabled: false });
  let still;
  try {
    const page = await plain.newPage();
    await page.goto(url);
    still = await headBoxes(page);
    assert.equal(still.length, 3);
  } finally {
    await plain.close();
  }

  const context = await browser.newContext({ viewport: { width: 320, height: 800 }, deviceScaleFactor: 3, hasTouch: true });
  const problems = [];
  const wasm = [];
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && problems.push(`console.error: ${m.text()}`));
  page.on('request', (r) => /\.wasm$|\/stdviz\.js$/.test(r.url()) && wasm.push(r.url()));
  await page.addInitScript(() => {
    window.__shifts = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shifts.push(e.value);
    }).observe({ type: 'layout-shift', buffered: true });
  });
  try {
    await page.goto(url);
    await page.waitForSelector('.stdviz-pub-table table[data-stdviz-sortable]', { state: 'attached', timeout: TIMEOUT });
    await page.waitForLoadState('load');
    await page.waitForTimeout(300);
    // The buttons changed no header's size or place, and nothing shifted.
    assert.deepEqual(await headBoxes(page), still);
    assert.equal(await page.evaluate(() => window.__shifts.reduce((a, b) => a + b, 0)), 0);
    const sorts = () => page.$$eval('.stdviz-pub-table thead th', (ths) => ths.map((th) => th.getAttribute('aria-sort')));
    assert.deepEqual(await sorts(), ['none', 'none', 'none']);
    assert.deepEqual(await page.$$eval('.stdviz-pub-table thead button', (bs) => bs.map((b) => b.textContent)), ['标准层级', '年份', '标准数量(项)']);
    assert.equal(await page.locator('.stdviz-pub-table thead').screenshot({ path: path.join(shots, 'published-table-320-head.png') }) instanceof Buffer, true);

    // Numbers by value: ascending, then descending.
    await page.locator('.stdviz-pub-table thead button >> nth=2').click();
    assert.deepEqual(await sorts(), ['none', 'none', 'ascending']);
    assert.deepEqual(await counts(page), ascending);
    await page.locator('.stdviz-pub-table thead button >> nth=2').click();
    assert.deepEqual(await sorts(), ['none', 'none', 'descending']);
    assert.deepEqual(await counts(page), ascending.slice().reverse());
    // By keyboard, text in the vocabulary's order (national, industry, local).
    await page.locator('.stdviz-pub-table thead button >> nth=0').focus();
    await page.keyboard.press('Enter');
    assert.deepEqual(await sorts(), ['ascending', 'none', 'none']);
    const levels = await page.$$eval('.stdviz-pub-table tbody th', (ths) => [...new Set(ths.map((th) => th.textContent))]);
    assert.deepEqual(levels, ['国家标准', '行业标准', '地方标准']);
    await page.screenshot({ path: path.join(shots, 'published-table-320-sorted.png'), fullPage: true });

    await page.addScriptTag({ path: path.join(repo, 'node_modules', 'axe-core', 'axe.min.js') });
    const violations = await page.evaluate(async () =>
      // eslint-disable-next-line no-undef
      (await axe.run(document, { resultTypes: ['violations'] })).violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    );
    assert.deepEqual(violations, []);
    assert.deepEqual(wasm, [], 'a published table loads no wasm');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('the table follows a dark page (prefers-color-scheme and the page\'s color-scheme, as charts do); axe clean light and dark', async () => {
  const html = (scheme) => `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><link rel="icon" href="data:,">
<meta name="viewport" content="width=device-width,initial-scale=1"><title>表格 ${scheme}</title>
<style>:root{color-scheme:${scheme}}body{margin:8px;font-family:sans-serif}@media (prefers-color-scheme: dark){:root:not([data-light]){background:#0d1117;color:#e6edf3}}</style></head>
<body><main><h1>表格 ${scheme}</h1><div id="t" data-stdviz="${SPEC}"></div></main><script type="module" src="stdviz.js"></script></body></html>`;
  await fsp.writeFile(path.join(dir, 'table-dark.html'), html('light dark'));
  await fsp.writeFile(path.join(dir, 'table-light-only.html'), html('light').replace('<html lang', '<html data-light lang'));
  const cases = [
    // [page, reader's preference, expected theme, expected background of a plain cell]
    ['table-dark.html', 'dark', 'dark', 'rgb(23, 25, 28)'],
    ['table-dark.html', 'light', 'light', 'rgb(255, 255, 255)'],
    // A page that does not support dark keeps the table light, whatever the reader prefers.
    ['table-light-only.html', 'dark', 'light', 'rgb(255, 255, 255)'],
  ];
  for (const [file, colorScheme, theme, background] of cases) {
    const context = await browser.newContext({ viewport: { width: 320, height: 900 }, deviceScaleFactor: 3, colorScheme });
    const problems = [];
    const page = await context.newPage();
    page.on('console', (m) => m.type() === 'error' && problems.push(`console.error: ${m.text()}`));
    page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`));
    try {
      await page.goto(new URL(file, server.url).href);
      await page.waitForSelector('html[data-stdviz-ready]', { state: 'attached', timeout: TIMEOUT });
      const got = await page.$eval('#t', (host) => {
        const root = host.shadowRoot.querySelector('.stdviz-table');
        const plain = host.shadowRoot.querySelector('tbody tr td');
        return { theme: root.getAttribute('data-theme'), background: getComputedStyle(plain).backgroundColor };
      });
      assert.deepEqual(got, { theme, background }, `${file} with ${colorScheme}`);
      await page.screenshot({ path: path.join(shots, `table-320-${colorScheme}-${file.replace('.html', '')}.png`), fullPage: true });
      await page.addScriptTag({ path: path.join(repo, 'node_modules', 'axe-core', 'axe.min.js') });
      const violations = await page.evaluate(async () =>
        // eslint-disable-next-line no-undef
        (await axe.run(document, { resultTypes: ['violations'] })).violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
      );
      assert.deepEqual(violations, [], `${file} with ${colorScheme}`);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  }
  // The reader switching to dark recolours a table already shown.
  const context = await browser.newContext({ viewport: { width: 320, height: 900 }, colorScheme: 'light' });
  try {
    const page = await context.newPage();
    await page.goto(new URL('table-dark.html', server.url).href);
    await page.waitForSelector('html[data-stdviz-ready]', { state: 'attached', timeout: TIMEOUT });
    const theme = () => page.$eval('#t', (host) => host.shadowRoot.querySelector('.stdviz-table').getAttribute('data-theme'));
    assert.equal(await theme(), 'light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.waitForFunction(() => document.querySelector('#t').shadowRoot.querySelector('.stdviz-table').getAttribute('data-theme') === 'dark', null, { timeout: TIMEOUT });
  } finally {
    await context.close();
  }
});
