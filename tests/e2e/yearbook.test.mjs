// End-to-end tests of yearbook tables in the explorer (issue #19): a table saved from
// Excel on Chinese Windows (GBK, CRLF, a title line, a unit line, a footnote with the
// source) dropped on the page is read from its header on; the page shows what was taken
// as title, unit, header, rows and notes; the chart's spec takes the title, unit and
// source from the file; the reader's correction (rows end at line M) reads it again.
//
//   trunk build --release && node --test tests/e2e/yearbook.test.mjs
//
// Expected values come from the corpus files (tests/data/yearbook/, cited figures), read
// here in Node, never from what the page computed.

import test, { before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from './server.mjs';
import { LAUNCH } from './chromium.mjs';
import { dropFile, openPage } from './pages.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const DIST = path.resolve(process.env.STDVIZ_DIST || path.join(repo, 'dist'));
const CORPUS = path.join(repo, 'tests', 'data', 'yearbook');
const TIMEOUT = 60_000;

let browser;
let server;

before(async () => {
  if (!fs.existsSync(path.join(DIST, 'index.html'))) {
    throw new Error(`${path.join(DIST, 'index.html')} is missing: build the page first with \`trunk build --release\`.`);
  }
  server = await serve(DIST);
  browser = await chromium.launch(LAUNCH);
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function waitLoaded(page, n) {
  await page.waitForFunction(
    (n) => Number(document.documentElement.getAttribute('data-explore-loaded') || 0) >= n && document.documentElement.getAttribute('data-explore-state') === 'ready',
    n,
    { timeout: TIMEOUT },
  );
}


const spec = async (page) => JSON.parse(await page.inputValue('#spec'));

test('a GBK yearbook CSV dropped on the explorer: title, unit, header, notes shown; the chart takes them; a correction reads it again', async () => {
  const name = 'standards-new-2019-2023-gbk-crlf.csv';
  const bytes = await fsp.readFile(path.join(CORPUS, name));
  const lines = new TextDecoder('gb18030').decode(bytes).split('\r\n');
  const title = lines[0];
  const header = lines[2].split(',');
  const note = lines[8];
  const { context, page, problems } = await openPage(browser, { viewport: { width: 1280, height: 1000 } });
  try {
    await page.goto(`${server.url}index.html`);
    await waitLoaded(page, 1);
    await dropFile(page, name, bytes);
    await waitLoaded(page, 2);
    const heads = await page.$$eval('#preview thead .ex-col-name', (els) => els.map((e) => e.textContent));
    assert.deepEqual(heads, header, 'the header is line 3, not the title line');
    assert.equal(await page.locator('#preview tbody tr').count(), 4, 'four rows: the footnote is not a row');
    const found = await page.textContent('#layout-found');
    assert.ok(found.includes(title), found);
    assert.match(found, /单位 \/ Unit: 项/);
    assert.match(found, /第 3 行/);
    const notes = await page.$$eval('#layout-notes li', (els) => els.map((e) => e.textContent));
    assert.equal(notes.length, 2, notes.join('\n'));
    assert.ok(note.startsWith('注：') && notes[0].includes(note.split('资料来源')[0]), notes[0]);
    assert.match(notes[1], /资料来源：国家市场监督管理总局/);

    const s = await spec(page);
    assert.equal(s.title, title.replace(/^表1\s*/, ''), 'the file title without its table number');
    assert.equal(s.usermeta.stdviz.unit, '项');
    assert.match(s.usermeta.stdviz.source, /^资料来源：国家市场监督管理总局/);
    assert.ok(Number(await page.getAttribute('html', 'data-explore-renders')) >= 1, 'the chart was drawn');

    // Rows end at line 6: the group-standards row becomes a note.
    await page.fill('#layout-end', '6');
    await page.click('#layout-apply');
    await waitLoaded(page, 3);
    assert.equal(await page.locator('#preview tbody tr').count(), 3);
    assert.equal(await page.$$eval('#layout-notes li', (els) => els.length), 3);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('a header line on which no record starts is refused with its line; the data shown stays', async () => {
  const name = 'yangquan-2024-utf8.csv';
  const bytes = await fsp.readFile(path.join(CORPUS, name));
  const { context, page } = await openPage(browser, { viewport: { width: 1280, height: 1000 } });
  try {
    await page.goto(`${server.url}index.html`);
    await waitLoaded(page, 1);
    await dropFile(page, name, bytes);
    await waitLoaded(page, 2);
    assert.equal(await page.inputValue('#layout-header'), '4');
    await page.fill('#layout-header', '3'); // a blank line
    await page.click('#layout-apply');
    await page.waitForSelector('#data-error:not([hidden])', { timeout: TIMEOUT });
    assert.match(await page.textContent('#data-error'), /line 3, column 1.*blank line/);
    assert.equal(await page.locator('#preview tbody tr').count(), 4, 'the loaded data stays');
  } finally {
    await context.close();
  }
});

test('an .xlsx workbook dropped on the explorer: its first sheet drawn with title, unit and source; the other sheet chosen', async () => {
  // Written by rust_xlsxwriter (tests/workbook.rs, yearbook_workbook), committed.
  const name = 'national-issued-2020-2023.xlsx';
  const bytes = await fsp.readFile(path.join(CORPUS, name));
  const { context, page, problems } = await openPage(browser, { viewport: { width: 1280, height: 1000 } });
  const wasm = [];
  context.on('request', (r) => { if (r.url().endsWith('.wasm')) wasm.push(path.basename(new URL(r.url()).pathname)); });
  try {
    await page.goto(`${server.url}index.html`);
    await waitLoaded(page, 1);
    assert.ok(!wasm.some((w) => w.startsWith('workbook-engine')), `no workbook engine before a workbook: ${wasm}`);
    await dropFile(page, name, bytes);
    await waitLoaded(page, 2);
    assert.ok(wasm.some((w) => w.startsWith('workbook-engine')), `the workbook engine loaded for the .xlsx: ${wasm}`);
    const heads = await page.$$eval('#preview thead .ex-col-name', (els) => els.map((e) => e.textContent));
    assert.deepEqual(heads, ['年份', '发布国家标准·合计', '发布国家标准·强制性', '发布国家标准·推荐性'], 'the merged header flattened');
    const cells = await page.$$eval('#preview tbody tr:first-child td', (tds) => tds.map((t) => t.textContent));
    assert.deepEqual(cells, ['2020年', '2252', '99', '2153']);
    assert.match(await page.textContent('#data-status'), /XLSX.*工作表 \/ sheet 国家标准/);
    const s = await spec(page);
    assert.equal(s.title, '国家标准发布数量');
    assert.equal(s.usermeta.stdviz.unit, '项');
    assert.match(s.usermeta.stdviz.source, /^资料来源：国家市场监督管理总局/);
    assert.equal(s.data.format.type, undefined, 'no Vega-Lite format type for a workbook');
    assert.ok(Number(await page.getAttribute('html', 'data-explore-renders')) >= 1, 'the chart was drawn');
    // The other sheet: dates.
    assert.equal(await page.isDisabled('#property'), false);
    await page.selectOption('#property', '报告发布');
    await waitLoaded(page, 3);
    const heads2 = await page.$$eval('#preview thead .ex-col-name', (els) => els.map((e) => e.textContent));
    assert.deepEqual(heads2, ['报告', '发布日期']);
    const types = await page.$$eval('#preview thead select', (els) => els.map((e) => e.value));
    assert.deepEqual(types, ['text', 'date'], 'dates as dates');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('the reshape control folds year columns into rows (the spec shows the fold, a line is suggested) and back', async () => {
  const name = 'standards-new-2019-2023-gbk-crlf.csv';
  const bytes = await fsp.readFile(path.join(CORPUS, name));
  const years = new TextDecoder('gb18030').decode(bytes).split('\r\n')[2].split(',').slice(1);
  const { context, page, problems } = await openPage(browser, { viewport: { width: 1280, height: 1000 } });
  try {
    await page.goto(`${server.url}index.html`);
    await waitLoaded(page, 1);
    await dropFile(page, name, bytes);
    await waitLoaded(page, 2);
    assert.equal(await page.isHidden('#reshape'), false, 'the reshape is offered');
    const before = Number(await page.getAttribute('html', 'data-explore-renders'));
    await page.click('#reshape-fold');
    await page.waitForFunction((n) => Number(document.documentElement.getAttribute('data-explore-renders')) > n, before, { timeout: TIMEOUT });
    const s = await spec(page);
    assert.deepEqual(s.transform[0], { fold: years, as: ['年份', '数值'] });
    assert.equal(s.mark.type, 'line', 'a line over the years');
    assert.equal(s.encoding.x.field, '年份');
    assert.equal(s.encoding.color.field, '指标');
    assert.equal(await page.isHidden('#reshape-unfold'), false);
    await page.click('#reshape-unfold');
    await page.waitForFunction(() => !document.querySelector('#reshape-fold').hidden, null, { timeout: TIMEOUT });
    const back = await spec(page);
    assert.ok(!(back.transform || []).some((t) => t.fold), 'no fold after going back');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

/** The drawn chart's SVG (the same scene as the canvas). */
const chartSvg = (page) => page.$eval('#chart', (el) => el.stdviz.toSVG());

/** The texts an SVG draws, trimmed. */
const svgTexts = (svg) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1].trim());

test('a 万项 table dropped on the explorer: the figures stay as written, the axis says 万项; no workbook engine for a CSV', async () => {
  const name = 'standards-in-force-wan-units-utf8.csv';
  const bytes = await fsp.readFile(path.join(CORPUS, name));
  const lines = new TextDecoder().decode(bytes).split('\n');
  const first = lines[3].split(','); // 国家标准,3.9847,…
  const { context, page, problems } = await openPage(browser, { viewport: { width: 1280, height: 1000 } });
  const wasm = [];
  context.on('request', (r) => { if (r.url().endsWith('.wasm')) wasm.push(path.basename(new URL(r.url()).pathname)); });
  try {
    await page.goto(`${server.url}index.html`);
    await waitLoaded(page, 1);
    await dropFile(page, name, bytes);
    await waitLoaded(page, 2);
    assert.match(await page.textContent('#layout-found'), /单位 \/ Unit: 万项/);
    const cells = await page.$$eval('#preview tbody tr:first-child td', (tds) => tds.map((t) => t.textContent));
    assert.deepEqual(cells, first, 'the figures as the file writes them, not multiplied');
    const before = Number(await page.getAttribute('html', 'data-explore-renders'));
    await page.click('#reshape-fold');
    await page.waitForFunction((n) => Number(document.documentElement.getAttribute('data-explore-renders')) > n, before, { timeout: TIMEOUT });
    const s = await spec(page);
    assert.equal(s.usermeta.stdviz.unit, '万项');
    const texts = svgTexts(await chartSvg(page));
    assert.ok(texts.some((t) => t.includes('单位:万项')), `the value axis names 万项: ${JSON.stringify(texts)}`);
    assert.ok(!texts.some((t) => t.includes('万万')), 'never 万万项');
    assert.ok(texts.includes('8') || texts.includes('8.0'), `ticks in 万项 (… 8), not in 项: ${JSON.stringify(texts)}`);
    assert.ok(!wasm.some((w) => w.startsWith('workbook-engine')), `a CSV never loads the workbook engine: ${wasm}`);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('regions across the columns are offered as a fold (bars suggested); a long table is pivoted wide and back, the spec showing the pivot', async () => {
  const name = 'group-standards-regions-across-2022-crlf.csv';
  const bytes = await fsp.readFile(path.join(CORPUS, name));
  const regions = new TextDecoder().decode(bytes).split('\r\n')[2].split(',').slice(1);
  const { context, page, problems } = await openPage(browser, { viewport: { width: 1280, height: 1000 } });
  try {
    await page.goto(`${server.url}index.html`);
    await waitLoaded(page, 1);
    await dropFile(page, name, bytes);
    await waitLoaded(page, 2);
    assert.equal(await page.isHidden('#reshape'), false, 'the regions are offered as a fold');
    let renders = Number(await page.getAttribute('html', 'data-explore-renders'));
    await page.click('#reshape-fold');
    await page.waitForFunction((n) => Number(document.documentElement.getAttribute('data-explore-renders')) > n, renders, { timeout: TIMEOUT });
    let s = await spec(page);
    assert.deepEqual(s.transform[0], { fold: regions, as: ['地区', '数值'] });
    assert.notEqual(s.mark.type, 'line', 'regions are not a line');
    assert.equal(s.encoding.x.field, '地区');
    assert.equal(await page.isHidden('#pivot'), true, 'no pivot of a folded table');

    // A long table pivoted wide: standards in force by level (SOURCES.md §2), written long.
    const long = '年份,层级,数量\n2020,国家标准,39847\n2020,行业标准,72620\n2023,国家标准,44499\n2023,行业标准,80828\n';
    await dropFile(page, 'long.csv', new TextEncoder().encode(long));
    await waitLoaded(page, 3);
    assert.equal(await page.isHidden('#pivot'), false, 'the pivot is offered');
    assert.equal(await page.inputValue('#pivot-field'), '层级');
    assert.equal(await page.inputValue('#pivot-value'), '数量');
    renders = Number(await page.getAttribute('html', 'data-explore-renders'));
    await page.click('#pivot-apply');
    await page.waitForFunction((n) => Number(document.documentElement.getAttribute('data-explore-renders')) > n, renders, { timeout: TIMEOUT });
    const want = { pivot: '层级', value: '数量', groupby: ['年份'] };
    s = await spec(page);
    assert.deepEqual(s.transform[0], want, 'the spec carries the pivot first');
    assert.deepEqual(JSON.parse(await page.textContent('#pivot-spec')), want, 'the control shows the transform it writes');
    const heads = await page.$$eval('#preview thead .ex-col-name', (els) => els.map((e) => e.textContent));
    assert.deepEqual(heads, ['年份', '国家标准', '行业标准']);
    assert.equal(await page.locator('#preview tbody tr').count(), 2);
    await page.click('#pivot-undo');
    await page.waitForFunction(() => !document.querySelector('#pivot-apply').closest('[hidden]'), null, { timeout: TIMEOUT });
    const back = await spec(page);
    assert.ok(!(back.transform || []).some((t) => t.pivot), 'no pivot after going back');
    assert.equal(await page.locator('#preview tbody tr').count(), 4);
    // Another aggregate: the mean of each level's figures, written into the spec's pivot.
    const before = Number(await page.getAttribute('html', 'data-explore-renders'));
    await page.selectOption('#pivot-op', 'mean');
    await page.click('#pivot-apply');
    await page.waitForFunction((n) => Number(document.documentElement.getAttribute('data-explore-renders')) > n, before, { timeout: TIMEOUT });
    assert.deepEqual((await spec(page)).transform[0], { ...want, op: 'mean' });
    assert.match(await page.textContent('#pivot-text'), /平均/);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
