// End-to-end tests of the lite and the full chart wasm (ARCHITECTURE.md, "lite and full"):
// a page whose charts the lite wasm draws never fetches the full one; a chart that needs
// the full build (the lite wasm answers "NeedsFull") is drawn with it, fetched only then
// and once for every such chart on the page, and the reader sees charts, never an error.
//
//   trunk build --release && node --test tests/e2e/lite.test.mjs
//
// Like page.test.mjs these tests never build the page: they need dist/ (or STDVIZ_DIST).

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
const TIMEOUT = 30_000;

let browser;
let server;
let dir;

before(async () => {
  if (!fs.existsSync(path.join(DIST, 'stdviz.js'))) {
    throw new Error(`${DIST}/stdviz.js is missing: build the page first with \`trunk build --release\``);
  }
  dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'stdviz-lite-'));
  await fsp.cp(DIST, dir, { recursive: true });
  server = await serve(dir);
  browser = await chromium.launch(LAUNCH);
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (dir) await fsp.rm(dir, { recursive: true, force: true });
});

async function writePage(name, body) {
  const html = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><link rel="icon" href="data:,"></head>
<body>${body}<script type="module" src="stdviz.js"></script></body></html>`;
  await fsp.writeFile(path.join(dir, name), html);
  return new URL(name, server.url).href;
}

/** The .wasm files the page requested, by kind ("lite" stdviz-*, "full" full-engine-*). */
function wasmLog(page) {
  const log = { lite: 0, full: 0, fullAt: [] };
  page.on('request', (req) => {
    const name = new URL(req.url()).pathname.split('/').pop();
    if (!name.endsWith('.wasm')) return;
    if (name.startsWith('full-engine-')) {
      log.full += 1;
      log.fullAt.push(Date.now());
    } else if (name.startsWith('stdviz-')) log.lite += 1;
  });
  return log;
}

const rendered = (page, sel) =>
  page.waitForSelector(`${sel}[data-stdviz-state="rendered"]`, { state: 'attached', timeout: TIMEOUT });

test('the founding bar chart, embedded and published, never fetches the full wasm', async () => {
  const url = await writePage('lite-founding.html', '<div id="bar" data-stdviz="specs/standards-by-level-bar.json"></div>');
  const { context, page, problems } = await openPage(browser);
  try {
    const log = wasmLog(page);
    await page.goto(url);
    await rendered(page, '#bar');
    // Interactions of #4 that lay the chart out again (legend, drill, zoom) run on the
    // same lite instance: hover and the keyboard, then a while for any late request.
    const box = await page.locator('#bar').boundingBox();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowRight');
    await page.waitForTimeout(500);
    assert.equal(log.lite, 1, 'the lite wasm once');
    assert.equal(log.full, 0, 'the founding chart must not fetch the full wasm');
    assert.deepEqual(problems, []);

    // The published page (stdviz-lite.js, hydrated on interaction) likewise.
    const pub = await context.newPage();
    const pubLog = wasmLog(pub);
    await pub.goto(new URL('published.html', server.url).href);
    const chart = pub.locator('[data-stdviz-pub]').first();
    await chart.hover();
    await pub.waitForSelector('[data-stdviz-pub][data-stdviz-state="live"]', { state: 'attached', timeout: TIMEOUT });
    await pub.waitForTimeout(500);
    assert.equal(pubLog.full, 0, 'published.html must not fetch the full wasm');
    assert.equal(pubLog.lite, 1);
  } finally {
    await context.close();
  }
});

test('charts that need the full build draw with the full wasm, fetched once, beside lite charts', async () => {
  // The tile map (a lookup transform), annotations and a news form all need the full
  // build; the bar does not.
  const url = await writePage(
    'lite-mixed.html',
    `<div id="bar" data-stdviz="specs/standards-by-level-bar.json"></div>
     <div id="tiles" data-stdviz="examples/group-standards-tile-map.json"></div>
     <div id="notes" data-stdviz="examples/national-in-force-annotated.json"></div>
     <div id="cards" data-stdviz="examples/yangquan-headline-cards.json"></div>`,
  );
  const { context, page, problems } = await openPage(browser);
  try {
    const log = wasmLog(page);
    await page.goto(url);
    for (const sel of ['#bar', '#tiles', '#notes', '#cards']) await rendered(page, sel);
    for (const sel of ['#tiles', '#notes', '#cards']) {
      assert.equal(await page.getAttribute(sel, 'data-stdviz-error'), null, `${sel} shows no error`);
    }
    assert.equal(log.lite, 1, 'the lite wasm once');
    assert.equal(log.full, 1, 'the full wasm once, shared by the three charts that need it');
    // The charts drew: the tile map has its tiles (the canvas is not blank).
    const inked = await page.evaluate(() => {
      const canvas = document.querySelector('#tiles').shadowRoot.querySelector('canvas');
      const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      let n = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n += 1;
      return n;
    });
    assert.ok(inked > 1000, `the tile map is drawn (${inked} painted pixels)`);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('a chart updated to a spec that needs the full build moves to the full wasm', async () => {
  const url = await writePage('lite-update.html', '<div id="c" data-stdviz="specs/standards-by-level-bar.json"></div>');
  const { context, page, problems } = await openPage(browser);
  try {
    const log = wasmLog(page);
    await page.goto(url);
    await rendered(page, '#c');
    assert.equal(log.full, 0);
    await page.evaluate(async () => {
      const el = document.querySelector('#c');
      await el.stdviz.update('examples/group-standards-tile-map.json');
    });
    await rendered(page, '#c');
    assert.equal(log.full, 1, 'the update fetched the full wasm');
    assert.equal(await page.getAttribute('#c', 'data-stdviz-error'), null);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
