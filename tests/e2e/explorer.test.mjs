// End-to-end tests of the explorer page (index.html, the site's front page, issue #7;
// explore.html forwards to it) in Debian's Chromium,
// driven by playwright-core:
//
//   trunk build --release && node --test --test-concurrency=1 tests/e2e/explorer.test.mjs
//   STDVIZ_DIST=/tmp/dist-x node --test tests/e2e/explorer.test.mjs   (another dist dir)
//
// Expected values come from the files themselves, counted here in Node (the cited data
// files in dist/data/, and SYNTHETIC catalogues written by tests/fixtures/gen-catalogue.mjs
// with its fixed seed into a temporary directory), never from what the page computed.
// The chart is drawn in an open shadow root on #chart (www/stdviz.js); its handle is
// #chart.stdviz. The last test loads a 1,000,000-row file (~108 MB, written in ~15 s).
//
// The pure view model (www/explore-view.js) is tested without a build or a browser in
// tests/unit/explore-view.test.mjs (node --test tests/unit/).

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
import { assertLinksAnswer, dropFile, openPage } from './pages.mjs';
import { writeCatalogue, LEVELS } from '../fixtures/gen-catalogue.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const DIST = path.resolve(process.env.STDVIZ_DIST || path.join(repo, 'dist'));
const RESULTS = path.join(repo, 'test-results');

/** The explorer: the page trunk builds, served at the site's root. */
const EXPLORER = 'index.html';
const TIMEOUT = 60_000;
const AXE = path.join(repo, 'node_modules', 'axe-core', 'axe.min.js');
const SEED = 20240110;

let browser;
let server;
let tmp;
/** The SYNTHETIC 500-row catalogue: path, text and parsed rows. */
let small;

/** Rows of a catalogue CSV text (no field is quoted: see gen-catalogue.mjs). */
function parseCatalogue(text) {
  const [head, ...lines] = text.trimEnd().split('\n');
  const names = head.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [names[i], v])));
}

before(async () => {
  for (const name of [EXPLORER, 'explore.html']) {
    if (!fs.existsSync(path.join(DIST, name))) {
      throw new Error(`${path.join(DIST, name)} is missing: build the page first with \`trunk build --release\`.`);
    }
  }
  tmp = await fsp.mkdtemp(path.join(os.tmpdir(), 'stdviz-e2e-explorer-'));
  const file = path.join(tmp, 'synthetic-catalogue-500.csv');
  const facts = await writeCatalogue(file, { rows: 500, seed: SEED });
  const text = await fsp.readFile(file, 'utf8');
  small = { path: file, name: path.basename(file), text, rows: parseCatalogue(text), facts };
  server = await serve(DIST);
  browser = await chromium.launch(LAUNCH);
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (tmp) await fsp.rm(tmp, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------
// Helpers

/** {context, page, problems} for a fresh context (see pages.mjs). */
function open(contextOptions = { viewport: { width: 1280, height: 1000 } }) {
  return openPage(browser, contextOptions);
}

const state = (page) => page.getAttribute('html', 'data-explore-state');
const loads = async (page) => Number((await page.getAttribute('html', 'data-explore-loaded')) || 0);
const renders = async (page) => Number((await page.getAttribute('html', 'data-explore-renders')) || 0);

/** Waits until the page has loaded data `n` times and is ready. */
async function waitLoaded(page, n, timeout = TIMEOUT) {
  await page.waitForFunction(
    (n) => Number(document.documentElement.getAttribute('data-explore-loaded') || 0) >= n && document.documentElement.getAttribute('data-explore-state') === 'ready',
    n,
    { timeout },
  );
}

/** Runs `action` and waits until the chart has been drawn again and no query is pending. */
async function redrawn(page, action) {
  const before = await renders(page);
  await action();
  await page.waitForFunction(
    (n) => Number(document.documentElement.getAttribute('data-explore-renders') || 0) > n && window.stdvizExplore.idle,
    before,
    { timeout: TIMEOUT },
  );
}

async function openExplorer(hash = '') {
  const o = await open();
  await o.page.goto(`${server.url}${EXPLORER}${hash}`);
  await waitLoaded(o.page, 1);
  return o;
}

/** Loads the small SYNTHETIC catalogue through the file picker. */
async function loadSmall(page) {
  const n = await loads(page);
  await page.setInputFiles('#file', small.path);
  await waitLoaded(page, n + 1);
}

const spec = async (page) => JSON.parse(await page.inputValue('#spec'));
const drawnRows = (page) => page.evaluate(() => window.stdvizExplore.drawnSpec.data.values);

/** Counts rows by the given fields, as "a|b" → n. */
function countBy(rows, fields, keep = () => true) {
  const out = new Map();
  for (const r of rows) {
    if (!keep(r)) continue;
    const k = fields.map((f) => r[f]).join('|');
    out.set(k, (out.get(k) || 0) + 1);
  }
  return out;
}

function drawnCounts(rows, fields, value = 'count') {
  return new Map(rows.map((r) => [fields.map((f) => String(r[f])).join('|'), r[value]]));
}


const headers = (page) => page.$$eval('#preview thead th .ex-col-name', (ths) => ths.map((t) => t.textContent));

test('the founding data loads by default: four bars in hierarchy order with the article\'s figures', async () => {
  const doc = JSON.parse(await fsp.readFile(path.join(DIST, 'data', 'yangquan-2024.json'), 'utf8'));
  const { context, page, problems } = await openExplorer();
  try {
    assert.equal(await page.getAttribute('#data-status', 'data-rows'), String(doc.standards.length));
    const s = await spec(page);
    assert.deepEqual(s.data, { url: 'data/yangquan-2024.json', format: { type: 'json', property: 'standards' } });
    assert.deepEqual(s.transform, [{ aggregate: [{ op: 'sum', field: 'count', as: 'sum_count' }], groupby: ['level'] }]);
    const marks = await page.$eval('#chart', (el) => {
      const h = el.stdviz;
      return Array.from({ length: h.markCount() }, (_, i) => h.hitTest(...h.markAnchor(i).slice(0, 2)));
    });
    assert.deepEqual(
      marks.map((m) => [m.label, m.value]),
      doc.standards.map((r) => [r.level, r.count]),
      'one bar per level, in hierarchy order, with the article\'s figures',
    );
    assert.match(s.usermeta.stdviz.source, /中国质量报/);
    // A JSON file has no yearbook layout: its box stays out of sight (the page's grid class
    // once overrode its hidden attribute and showed an empty box).
    assert.equal(await page.isVisible('#layout'), false, 'no table-layout box for JSON data');
    await fsp.mkdir(RESULTS, { recursive: true });
    await page.screenshot({ path: path.join(RESULTS, 'explorer-default.png'), fullPage: true });
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('the served root / is the explorer, the founding data drawn; its links lead to pages that exist', async () => {
  const doc = JSON.parse(await fsp.readFile(path.join(DIST, 'data', 'yangquan-2024.json'), 'utf8'));
  const national = doc.standards.find((r) => r.level === '国家标准');
  assert.ok(national, 'yangquan-2024.json has a 国家标准 row');
  const { context, page, problems } = await open();
  try {
    await page.goto(server.url);
    await waitLoaded(page, 1);
    assert.equal(new URL(page.url()).pathname, '/', 'no redirect away from the root');
    assert.equal(await page.getAttribute('#data-status', 'data-rows'), String(doc.standards.length));
    const marks = await page.$eval('#chart', (el) => {
      const h = el.stdviz;
      return Array.from({ length: h.markCount() }, (_, i) => h.hitTest(...h.markAnchor(i).slice(0, 2)));
    });
    const bar = marks.find((m) => m.label === national.level);
    assert.ok(bar, `a bar for ${national.level} among ${marks.map((m) => m.label).join(', ')}`);
    assert.equal(bar.value, national.count, `the ${national.level} bar shows the article's figure`);
    // Every link of the page (the gallery, the article, the examples) answers 200.
    await assertLinksAnswer(page, '/gallery.html');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('a GBK CSV and a UTF-8 CSV dropped on the page show their Chinese headers and values', async () => {
  const gbk = await fsp.readFile(path.join(DIST, 'data', 'group-standards-by-region-2022-gbk.csv'));
  const text = new TextDecoder('gb18030').decode(gbk);
  const [head, first] = text.split(/\r?\n/);
  const { context, page, problems } = await openExplorer();
  try {
    await dropFile(page, 'group-standards-by-region-2022-gbk.csv', gbk);
    await waitLoaded(page, 2);
    assert.deepEqual(await headers(page), head.split(','));
    assert.match(await page.textContent('#data-status'), /gb18030/);
    const firstRow = await page.$$eval('#preview tbody tr:first-child td', (tds) => tds.map((t) => t.textContent));
    const [region, value] = first.split(/,(.*)/s);
    assert.deepEqual(firstRow, [region, value.replace(/"|,/g, '')], 'the first row, thousands separators read');

    await dropFile(page, small.name, Buffer.from(small.text));
    await waitLoaded(page, 3);
    assert.deepEqual(await headers(page), small.text.split('\n')[0].split(','));
    assert.match(await page.textContent('#data-status'), /UTF-8/);
    assert.match(await page.textContent('#data-status'), /SYNTHETIC/, 'synthetic data is labelled so');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('a grouped bar chart built with the controls only has the expected spec and counts', async () => {
  const { context, page, problems } = await openExplorer();
  try {
    await loadSmall(page);
    await redrawn(page, () => page.selectOption('#form', 'grouped'));
    await redrawn(page, () => page.selectOption('#x', '年份'));
    await redrawn(page, () => page.selectOption('#color', '层级'));
    await redrawn(page, () => page.selectOption('#op', 'count'));
    const s = await spec(page);
    assert.deepEqual(s, {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      title: '数量 / Count · 按年份、层级',
      data: { url: small.name, format: { type: 'csv' } },
      transform: [{ aggregate: [{ op: 'count', as: 'count' }], groupby: ['年份', '层级'] }],
      width: 'container',
      height: 300,
      mark: { type: 'bar', tooltip: true },
      encoding: {
        x: { field: '年份', type: 'ordinal', title: '年份' },
        y: { field: 'count', type: 'quantitative', title: '数量 / Count' },
        xOffset: { field: '层级', type: 'nominal' },
        color: { field: '层级', type: 'nominal', title: '层级' },
      },
      usermeta: { stdviz: { source: `合成数据,非公布数字 / SYNTHETIC data, not published figures (${small.name})`, numbers: 'zh' } },
    });
    const want = countBy(small.rows, ['年份', '层级']);
    assert.deepEqual(drawnCounts(await drawnRows(page), ['年份', '层级']), want);
    const marks = await page.$eval('#chart', (el) => el.stdviz.markCount());
    assert.equal(marks, want.size, 'one bar per (year, level) present');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('the table is a form: its spec carries usermeta.stdviz.form "table" and the page shows the rows as a table at 320 px', async () => {
  const doc = JSON.parse(await fsp.readFile(path.join(DIST, 'data', 'yangquan-2024.json'), 'utf8'));
  const { context, page, problems } = await open({ viewport: { width: 320, height: 900 }, deviceScaleFactor: 3 });
  try {
    await page.goto(`${server.url}${EXPLORER}`);
    await waitLoaded(page, 1);
    assert.ok((await page.$$eval('#form option', (os) => os.map((o) => o.value))).includes('table'));
    await redrawn(page, () => page.selectOption('#form', 'table'));
    const s = await spec(page);
    assert.equal(s.usermeta.stdviz.form, 'table');
    assert.deepEqual(s.usermeta.stdviz.table, { heat: ['sum_count'] });
    assert.deepEqual(s.encoding.y.field, 'sum_count');
    await page.waitForFunction(() => document.querySelector('#chart').shadowRoot?.querySelector('.stdviz-table tbody tr'), null, { timeout: TIMEOUT });
    const t = await page.$eval('#chart', (host) => ({
      canvases: host.shadowRoot.querySelectorAll('canvas').length,
      rows: [...host.shadowRoot.querySelectorAll('.stdviz-table tbody tr')].map((tr) => tr.firstElementChild.textContent),
      boxRight: host.shadowRoot.querySelector('.stdviz-table-scroll').getBoundingClientRect().right,
    }));
    assert.equal(t.canvases, 0);
    assert.deepEqual(t.rows, doc.standards.map((r) => r.level), 'one row per level, in the chart\'s order');
    assert.ok(t.boxRight <= 320, 'the table stays inside the phone');
    await fsp.mkdir(RESULTS, { recursive: true });
    await page.screenshot({ path: path.join(RESULTS, 'explorer-table-320.png'), fullPage: true });
    // Back to bars: the controls read the form from the spec both ways.
    await redrawn(page, () => page.selectOption('#form', 'bar'));
    assert.equal((await spec(page)).usermeta.stdviz.form, undefined);
    assert.equal(await page.$eval('#chart', (host) => host.shadowRoot.querySelectorAll('canvas').length > 0), true);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('filters: unchecking a status and narrowing the year range change the counts; spec edits flow back into the controls', async () => {
  const { context, page, problems } = await openExplorer();
  try {
    await loadSmall(page);
    await redrawn(page, () => page.selectOption('#x', '层级'));
    await redrawn(page, () => page.selectOption('#form', 'bar'));
    const all = countBy(small.rows, ['层级']);
    assert.deepEqual(drawnCounts(await drawnRows(page), ['层级']), all);
    assert.equal(await page.getAttribute('#chart-status', 'data-matched'), String(small.rows.length));

    // Category filter: a checkbox list with counts; uncheck 废止.
    await page.selectOption('#add-filter', '状态');
    const box = page.locator('.ex-filter[data-field="状态"] input[type=checkbox][value="废止"]');
    await box.waitFor();
    const listed = await page.$$eval('.ex-filter[data-field="状态"] li', (lis) => lis.map((li) => li.textContent));
    const byStatus = countBy(small.rows, ['状态']);
    for (const [status, n] of byStatus) assert.ok(listed.some((t) => t.includes(status) && t.includes(String(n))), `${status} listed with ${n}`);
    await redrawn(page, () => box.uncheck());
    const current = (r) => r['状态'] !== '废止';
    assert.deepEqual(drawnCounts(await drawnRows(page), ['层级']), countBy(small.rows, ['层级'], current));
    assert.equal(await page.getAttribute('#chart-status', 'data-matched'), String(small.rows.filter(current).length));
    assert.deepEqual((await spec(page)).transform[0], { filter: { not: { field: '状态', oneOf: ['废止'] } } });

    // Search narrows the list.
    await page.fill('.ex-filter[data-field="状态"] input[type=search]', '现');
    await page.waitForFunction(() => document.querySelectorAll('.ex-filter[data-field="状态"] li').length === 1);

    // Range filter: two sliders.
    await redrawn(page, () => page.selectOption('#add-filter', '年份'));
    const setRange = (i, v) =>
      page
        .locator('.ex-filter[data-field="年份"] input[type=range]')
        .nth(i)
        .evaluate((el, v) => {
          el.value = String(v);
          el.dispatchEvent(new Event('input', { bubbles: true }));
        }, v);
    await redrawn(page, () => setRange(0, 2016));
    await redrawn(page, () => setRange(1, 2018));
    const inRange = (r) => current(r) && Number(r['年份']) >= 2016 && Number(r['年份']) <= 2018;
    assert.deepEqual(drawnCounts(await drawnRows(page), ['层级']), countBy(small.rows, ['层级'], inRange));
    assert.equal(await page.getAttribute('#chart-status', 'data-matched'), String(small.rows.filter(inRange).length));

    // Edit the spec: sum of 起草单位数, sorted by value, a title; the controls follow.
    const s = await spec(page);
    const agg = s.transform.find((t) => t.aggregate);
    agg.aggregate = [{ op: 'sum', field: '起草单位数', as: 'sum_起草单位数' }];
    s.encoding.y.field = 'sum_起草单位数';
    s.encoding.x.sort = '-y';
    s.title = '起草单位数合计';
    await page.fill('#spec', JSON.stringify(s, null, 2));
    await redrawn(page, () => page.click('#spec-apply'));
    assert.equal(await page.inputValue('#op'), 'sum');
    assert.equal(await page.inputValue('#y'), '起草单位数');
    assert.equal(await page.inputValue('#sort'), '-value');
    assert.equal(await page.inputValue('#title'), '起草单位数合计');
    const sums = new Map();
    for (const r of small.rows.filter(inRange)) sums.set(r['层级'], (sums.get(r['层级']) || 0) + Number(r['起草单位数']));
    assert.deepEqual(drawnCounts(await drawnRows(page), ['层级'], 'sum_起草单位数'), sums);
    // An edit the controls cannot express is refused with its path, and nothing changes.
    const bad = await spec(page);
    bad.transform.push({ calculate: 'datum.a', as: 'b' });
    await page.fill('#spec', JSON.stringify(bad));
    await page.click('#spec-apply');
    await page.waitForFunction(() => /transform\[\d\]/.test(document.getElementById('spec-status').textContent));
    assert.equal(await page.inputValue('#op'), 'sum');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('the shared URL (view and small data in the fragment) reloads into the same view', async () => {
  const { context, page, problems } = await openExplorer();
  let url;
  let want;
  try {
    await loadSmall(page);
    await redrawn(page, () => page.selectOption('#form', 'stacked'));
    await redrawn(page, () => page.selectOption('#color', '状态'));
    await redrawn(page, () => page.fill('#top', '3'));
    await page.waitForFunction(() => Number(document.documentElement.getAttribute('data-explore-shared')) >= Number(document.documentElement.getAttribute('data-explore-renders')));
    url = await page.inputValue('#share-url');
    assert.match(url, /#v1\.[A-Za-z0-9_-]+$/);
    assert.match(await page.textContent('#share-note'), /数据|data/);
    want = { spec: await spec(page), rows: await drawnRows(page) };
    assert.ok(want.spec.transform.some((t) => t.window), 'top-N in the spec');
  } finally {
    await context.close();
  }
  // A fresh browser context: nothing shared but the URL; then the same link as the
  // explorer wrote it when it lived at explore.html, which forwards with the fragment.
  const o = await open();
  try {
    const old = new URL(url);
    assert.equal(old.pathname, `/${EXPLORER}`);
    old.pathname = '/explore.html';
    for (const link of [url, old.href]) {
      await o.page.goto(link);
      await o.page.waitForURL(url);
      await waitLoaded(o.page, 1);
      assert.equal(o.page.url(), url, `${link} opens ${url}`);
      assert.deepEqual(await spec(o.page), want.spec);
      assert.deepEqual(await drawnRows(o.page), want.rows);
      assert.equal(await o.page.inputValue('#form'), 'stacked');
      assert.equal(await o.page.inputValue('#top'), '3');
    }
    assert.deepEqual([...problems, ...o.problems], []);
  } finally {
    await o.context.close();
  }
});

test('axe-core: the explorer page (light and dark, a filter open) has no violations', async () => {
  for (const colorScheme of ['light', 'dark']) {
    const { context, page, problems } = await open({ viewport: { width: 1280, height: 1000 }, colorScheme });
    try {
      await page.goto(`${server.url}${EXPLORER}`);
      await waitLoaded(page, 1);
      await redrawn(page, () => page.selectOption('#add-filter', 'level'));
      await page.waitForSelector('.ex-filter input[type=checkbox]');
      await page.addScriptTag({ path: AXE });
      const violations = await page.evaluate(async () =>
        // eslint-disable-next-line no-undef
        (await axe.run(document, { resultTypes: ['violations'] })).violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
      );
      assert.deepEqual(violations, [], `axe violations (${colorScheme})`);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  }
});

test('downloads of the current view: CSV, SVG, PNG and offline HTML', async () => {
  const { context, page, problems } = await open({ viewport: { width: 1280, height: 1000 }, acceptDownloads: true });
  try {
    await page.goto(`${server.url}${EXPLORER}`);
    await waitLoaded(page, 1);
    const get = async (button) => {
      const [d] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
      return { name: d.suggestedFilename(), body: await fsp.readFile(await d.path()) };
    };
    const csv = await get('#dl-csv');
    const rows = await drawnRows(page);
    const text = csv.body.toString('utf8').replace(/^\uFEFF/, '');
    for (const r of rows) assert.ok(text.includes(`${r.level},${r.sum_count}`), `CSV has ${r.level},${r.sum_count}`);
    const svg = await get('#dl-svg');
    assert.match(svg.body.toString('utf8'), /<svg[\s\S]*国家标准/);
    const png = await get('#dl-png');
    assert.deepEqual([...png.body.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
    const html = await get('#dl-offline');
    assert.match(html.body.toString('utf8'), /Content-Security-Policy/);
    // The embed code is the published form by default: the light loader, the pictures
    // at every published width (each mark titled with its figure) and the drawn rows in
    // the spec block for the live chart.
    const published = await page.inputValue('#embed');
    assert.match(published, /<script type="module" src="http:\/\/127\.0\.0\.1:\d+\/stdviz-lite\.js"><\/script>/);
    assert.equal((published.match(/<div class="stdviz-w w\d+" data-width="\d+">/g) || []).length, 5, 'five published widths');
    for (const r of rows) assert.ok(published.includes(`<title>${r.level}`), `a mark titled ${r.level}`);
    const block = JSON.parse(/<script type="application\/json" class="stdviz-pub-spec">([\s\S]*?)<\/script>/.exec(published)[1]);
    assert.deepEqual(JSON.parse(block.spec).data.values, rows, 'the published block carries the drawn rows');
    await page.selectOption('#embed-form', 'live');
    await page.waitForFunction(() => document.getElementById('embed').value.includes('/stdviz.js"'));
    const embed = await page.inputValue('#embed');
    assert.match(embed, /<script type="module" src="http:\/\/127\.0\.0\.1:\d+\/stdviz\.js"><\/script>/);
    const attr = /data-stdviz='([^']*)'/.exec(embed)[1].replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    assert.deepEqual(JSON.parse(attr).data.values, rows, 'the embed code carries the drawn rows');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('files are parsed as they stream in (UTF-8 and GBK); one whose number column turns to text after the first megabyte is read again whole', async () => {
  // SYNTHETIC: codes and counts made from the row number (2.6 MB, so the worker's 1 MiB
  // chunks are parsed and freed before the last row contradicts the numbers).
  const rows = 250_000;
  const lines = ['编号,数量'];
  for (let i = 0; i < rows; i++) lines.push(`S${String(i).padStart(6, '0')},${i % 97}`);
  const plain = path.join(tmp, 'synthetic-streamed.csv');
  const late = path.join(tmp, 'synthetic-late-text.csv');
  await fsp.writeFile(plain, `${lines.join('\n')}\n`);
  await fsp.writeFile(late, `${lines.join('\n')}\nS-last,不详\n`);
  assert.ok(fs.statSync(late).size > 2 * 1048576);
  const { context, page, problems } = await openExplorer();
  try {
    const field = (fields, name) => fields.find((f) => f.name === name);
    await page.setInputFiles('#file', plain);
    await waitLoaded(page, 2);
    let data = await page.evaluate(() => window.stdvizExplore.data);
    let fields = await page.evaluate(() => window.stdvizExplore.fields);
    assert.equal(data.streamed, true, 'parsed while it streamed in');
    assert.equal(data.rows, rows);
    assert.equal(field(fields, '数量').type, 'number');
    assert.equal(field(fields, '编号').distinct, rows);

    await page.setInputFiles('#file', late);
    await waitLoaded(page, 3);
    data = await page.evaluate(() => window.stdvizExplore.data);
    fields = await page.evaluate(() => window.stdvizExplore.fields);
    assert.equal(data.streamed, false, 'handed back by the stream and read again whole');
    assert.equal(data.rows, rows + 1);
    assert.equal(field(fields, '数量').type, 'text', 'the whole loader reads the column as text');
    assert.equal(field(fields, '数量').distinct, 98, '0 … 96 and 不详');
    assert.equal(await page.getAttribute('#data-status', 'data-rows'), String(rows + 1));

    // GBK (Excel on Chinese Windows) streams too: SYNTHETIC rows whose region names are the
    // GBK bytes of the cited data file's first column, cycled.
    const gbkFile = await fsp.readFile(path.join(DIST, 'data', 'group-standards-by-region-2022-gbk.csv'));
    const nl = [];
    for (let i = 0; i < gbkFile.length; i++) if (gbkFile[i] === 0x0a) nl.push(i);
    const names = [];
    for (let k = 0; k + 1 < nl.length; k++) {
      const line = gbkFile.subarray(nl[k] + 1, nl[k + 1]);
      names.push(line.subarray(0, line.indexOf(0x2c)));
    }
    const parts = [Buffer.from('code,'), gbkFile.subarray(0, gbkFile.indexOf(0x2c)), Buffer.from(',n\n')];
    for (let i = 0; i < rows; i++) parts.push(Buffer.from(`S${i},`), names[i % names.length], Buffer.from(`,${i % 97}\n`));
    const gbkBig = path.join(tmp, 'synthetic-gbk.csv');
    await fsp.writeFile(gbkBig, Buffer.concat(parts));
    await page.setInputFiles('#file', gbkBig);
    await waitLoaded(page, 4);
    data = await page.evaluate(() => window.stdvizExplore.data);
    fields = await page.evaluate(() => window.stdvizExplore.fields);
    const decoder = new TextDecoder('gbk');
    assert.equal(data.streamed, true, 'GBK parsed while it streamed in');
    assert.equal(data.encoding, 'gb18030');
    assert.equal(data.rows, rows);
    assert.deepEqual(fields.map((f) => f.name), ['code', decoder.decode(gbkFile.subarray(0, gbkFile.indexOf(0x2c))), 'n']);
    assert.equal(fields[1].distinct, new Set(names.map((n) => decoder.decode(n))).size);
    const preview = await page.$$eval('#preview tbody tr:first-child td', (tds) => tds.map((t) => t.textContent));
    assert.deepEqual(preview, ['S0', decoder.decode(names[0]), '0']);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('1,000,000 rows load in the worker: cancel keeps the old data; the page answers clicks while loading; counts are exact', async () => {
  const big = path.join(tmp, 'synthetic-catalogue-1m.csv');
  const facts = await writeCatalogue(big, { rows: 1_000_000, seed: SEED });
  const { context, page, problems } = await openExplorer();
  try {
    // Cancel: the default data stays.
    await page.setInputFiles('#file', big);
    await page.waitForSelector('html[data-explore-state="loading"]');
    await page.click('#cancel');
    assert.equal(await state(page), 'ready');
    assert.match(await page.textContent('#data-status'), /取消|cancelled/);
    assert.equal(await page.getAttribute('#data-status', 'data-rows'), '4', 'the founding data is still loaded');

    // Load for real; click while the worker parses.
    await page.evaluate(() => {
      window.__clicks = [];
      document.addEventListener('click', () => window.__clicks.push(window.stdvizExplore.state), true);
      window.__long = [];
      new PerformanceObserver((l) => window.__long.push(...l.getEntries().map((e) => Math.round(e.duration)))).observe({ type: 'longtask' });
    });
    await page.setInputFiles('#file', big);
    await page.waitForSelector('html[data-explore-state="loading"]');
    await page.click('#paste-box summary');
    const clicks = await page.evaluate(() => window.__clicks);
    assert.deepEqual(clicks, ['loading'], 'the click was handled while the worker was still loading');
    assert.equal(await page.getAttribute('#paste-box', 'open'), '', 'and did what it does');
    await waitLoaded(page, 2, 300_000);
    assert.equal(await page.getAttribute('#data-status', 'data-rows'), '1000000');
    assert.equal(await page.getAttribute('#chart-status', 'data-matched'), '1000000');
    const s = await spec(page);
    assert.equal(s.encoding.x.field, '层级');
    const drawn = drawnCounts(await drawnRows(page), ['层级']);
    assert.deepEqual(drawn, new Map(LEVELS.map(([level]) => [level, facts.countsByLevel[level]])), 'counts by level as generated');
    const long = await page.evaluate(() => window.__long);
    console.log(`# 1M rows: main-thread long tasks during the load (ms): ${JSON.stringify(long)}; ${await page.textContent('#data-status')}`);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
    await fsp.rm(big, { force: true });
  }
});
