// No script injection: hostile text in specs and data reaches the page only as text.
//
//   trunk build --release && node --test tests/e2e/injection.test.mjs
//
// Serves a temporary copy of the built page (dist/, or $STDVIZ_DIST) whose <main> is
// replaced by chart boxes with hostile specs and data: labels, titles, descriptions and
// usermeta.source such as `<img src=x onerror=…>`, `<script>`, `javascript:` URLs and
// attribute breakouts. It proves that nothing executes (window.__pwned stays undefined,
// no dialog opens, no <img>, <svg> or extra <script> element appears) and that the text
// shows up as text: in the canvas's aria-label and in the error box's textContent (both
// inside the chart's shadow root). It
// also checks that a data.url on another origin (or a javascript: URL) is refused with
// a clear message, and that the other origin receives no request.

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

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const DIST = path.resolve(process.env.STDVIZ_DIST || path.join(repo, 'dist'));
const READY_TIMEOUT = 30_000;


// Each payload would set window.__pwned (or open a dialog) if it ever ran as HTML or as a URL.
const IMG = '<img src=x onerror="window.__pwned=1">';
const SCRIPT = '<script>window.__pwned=2</script>';
const JS_URL = 'javascript:window.__pwned=3';
const BREAKOUT = '"><svg onload=window.__pwned=4>';
const ALERT = '<img src=x onerror=alert(1)>';

const BAR_SPEC = {
  title: { text: `${IMG} 标题`, subtitle: SCRIPT },
  description: `${SCRIPT} ${ALERT}`,
  width: 400,
  height: 200,
  data: { url: 'hostile/labels.csv' },
  mark: { type: 'bar', tooltip: true },
  encoding: {
    x: { field: 'label', type: 'nominal', sort: null, title: BREAKOUT },
    y: { field: 'count', type: 'quantitative', title: JS_URL },
  },
  usermeta: { stdviz: { source: `来源: ${JS_URL} ${IMG}`, unit: ALERT } },
};
const LABELS = ['label,count', `"${IMG.replaceAll('"', '""')}",5`, `${SCRIPT},3`, `${JS_URL},4`, `"${BREAKOUT.replaceAll('"', '""')}",2`, `${ALERT},1`].join('\n') + '\n';

// A field name that is not in the data: the error message quotes it.
const ERROR_SPEC = {
  data: { values: [{ a: 1 }] },
  mark: 'bar',
  encoding: { x: { field: IMG, type: 'nominal' }, y: { field: 'a', type: 'quantitative' } },
};

// Inline spec in the data-stdviz attribute itself, with a hostile title.
const INLINE_SPEC = {
  title: ALERT,
  data: { values: [{ k: SCRIPT, v: 1 }, { k: IMG, v: 2 }] },
  mark: 'arc',
  encoding: { theta: { field: 'v', type: 'quantitative' }, color: { field: 'k', type: 'nominal' } },
};

const crossOriginSpec = (url) => ({
  data: { url },
  mark: 'bar',
  encoding: { x: { field: 'label', type: 'nominal' }, y: { field: 'count', type: 'quantitative' } },
});

let browser;
let server;
let other;
let dir;
const otherRequests = [];

function escapeAttr(s) {
  return s.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

before(async () => {
  if (!fs.existsSync(path.join(DIST, 'gallery.html'))) {
    throw new Error(
      `${path.join(DIST, 'gallery.html')} is missing: build the page first with ` +
        '`trunk build --release` (from the repository root), then run `node --test tests/e2e/`.',
    );
  }
  // A second origin (another port) that would serve the data, and records any request.
  other = await serve(path.join(repo, 'tests', 'hostile', 'cases'), { log: (line) => otherRequests.push(line) });

  dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'stdviz-injection-'));
  await fsp.cp(DIST, dir, { recursive: true });
  await fsp.mkdir(path.join(dir, 'hostile'));
  await fsp.writeFile(path.join(dir, 'hostile', 'labels.csv'), LABELS);
  await fsp.writeFile(path.join(dir, 'hostile', 'bar.json'), JSON.stringify(BAR_SPEC));
  await fsp.writeFile(path.join(dir, 'hostile', 'error.json'), JSON.stringify(ERROR_SPEC));
  await fsp.writeFile(path.join(dir, 'hostile', 'cross.json'), JSON.stringify(crossOriginSpec(`${other.url}one-row.csv`)));
  await fsp.writeFile(path.join(dir, 'hostile', 'jsurl.json'), JSON.stringify(crossOriginSpec(JS_URL)));
  const boxes = [
    ['bar', 'hostile/bar.json'],
    ['error', 'hostile/error.json'],
    ['inline', JSON.stringify(INLINE_SPEC)],
    ['cross', 'hostile/cross.json'],
    ['jsurl', 'hostile/jsurl.json'],
  ]
    .map(([id, ref]) => `<div class="stdviz" id="${id}" data-stdviz="${escapeAttr(ref)}"></div>`)
    .join('\n');
  // The gallery's shell (its head, stylesheet and script) with these boxes in its <main>,
  // written as this copy's index.html (the root the tests open).
  const html = await fsp.readFile(path.join(DIST, 'gallery.html'), 'utf8');
  const main = /<main[\s\S]*<\/main>/;
  assert.match(html, main, 'dist/gallery.html has a <main> element');
  await fsp.writeFile(path.join(dir, 'index.html'), html.replace(main, `<main class="page">\n${boxes}\n</main>`));

  server = await serve(dir);
  browser = await chromium.launch(LAUNCH);
});

after(async () => {
  await browser?.close();
  await server?.close();
  await other?.close();
  if (dir) await fsp.rm(dir, { recursive: true, force: true });
});

test('hostile labels, titles and URLs are drawn as text and never run', async () => {
  const context = await browser.newContext();
  const dialogs = [];
  const problems = [];
  const page = await context.newPage();
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    d.dismiss().catch(() => {});
  });
  page.on('pageerror', (err) => problems.push(`uncaught: ${err.message}`));
  await page.goto(server.url);
  await page.waitForSelector('html[data-stdviz-ready]', { state: 'attached', timeout: READY_TIMEOUT });
  // Give any injected handler (onerror of a broken image, onload of an svg) time to fire.
  await page.waitForTimeout(300);

  const report = await page.evaluate(() => {
    const host = (id) => document.getElementById(id);
    // Charts live in open shadow roots: look inside them too.
    const roots = [document, ...[...document.querySelectorAll('[data-stdviz]')].map((h) => h.shadowRoot).filter(Boolean)];
    const all = (sel) => roots.flatMap((r) => [...r.querySelectorAll(sel)]);
    const errorBox = (id) => host(id).shadowRoot?.querySelector('.stdviz-error');
    return {
      pwned: window.__pwned,
      imgs: all('img').length,
      svgs: all('svg').length,
      scripts: all('script').map((s) => s.src || s.textContent.slice(0, 40)),
      handlers: all('*').flatMap((e) => [...e.attributes].filter((a) => a.name.startsWith('on')).map((a) => `${e.tagName} ${a.name}`)),
      states: Object.fromEntries(['bar', 'error', 'inline', 'cross', 'jsurl'].map((id) => [id, host(id).getAttribute('data-stdviz-state')])),
      barLabel: host('bar').stdviz?.canvas?.getAttribute('aria-label') ?? null,
      inlineLabel: host('inline').stdviz?.canvas?.getAttribute('aria-label') ?? null,
      barMarks: host('bar').stdviz?.markCount(),
      errorText: errorBox('error')?.textContent ?? null,
      errorChildren: errorBox('error')?.children.length ?? null,
      errorAttr: host('error').getAttribute('data-stdviz-error'),
    };
  });

  assert.equal(report.pwned, undefined, 'window.__pwned was set: a payload ran');
  assert.deepEqual(dialogs, [], 'a dialog opened');
  assert.deepEqual(problems, [], 'uncaught errors on the page');
  assert.equal(report.imgs, 0, 'an <img> element was created');
  assert.equal(report.svgs, 0, 'an <svg> element was created');
  assert.deepEqual(report.handlers, [], 'elements with inline event handlers');
  for (const s of report.scripts) assert.ok(!s.includes('__pwned'), `an injected script element: ${s}`);

  // The bar chart is drawn, one bar per hostile label, and its accessible text holds the
  // payloads verbatim (as text: the description and title come first in the summary).
  assert.equal(report.states.bar, 'rendered');
  assert.equal(report.barMarks, 5);
  assert.ok(report.barLabel.includes(SCRIPT), `aria-label lacks the description text: ${report.barLabel}`);
  assert.ok(report.barLabel.includes(ALERT), `aria-label lacks the description text: ${report.barLabel}`);
  assert.equal(report.states.inline, 'rendered');
  assert.ok(report.inlineLabel && report.inlineLabel.length > 0, 'inline chart has an aria-label');

  // The error quotes the hostile field name as text: the box holds text only, and the
  // host's data-stdviz-error attribute carries the same words.
  assert.equal(report.states.error, 'error');
  assert.ok(report.errorText?.includes(`field "${IMG}" is not in the data`), `error text: ${report.errorText}`);
  assert.equal(report.errorChildren, 0, 'the error box holds no elements, only text');
  assert.ok(report.errorAttr?.includes(IMG), `data-stdviz-error: ${report.errorAttr}`);
});

test('data.url on another origin, or a javascript: URL, is refused with a clear message', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(server.url);
  await page.waitForSelector('html[data-stdviz-ready]', { state: 'attached', timeout: READY_TIMEOUT });
  const texts = await page.evaluate(() => {
    const read = (id) => {
      const h = document.getElementById(id);
      return [h.getAttribute('data-stdviz-state'), h.shadowRoot?.querySelector('.stdviz-error')?.textContent ?? ''];
    };
    return { cross: read('cross'), jsurl: read('jsurl'), pwned: window.__pwned };
  });
  assert.equal(texts.cross[0], 'error');
  assert.match(texts.cross[1], /http:\/\/127\.0\.0\.1:\d+\/one-row\.csv is on another origin; stdviz loads same-origin/);
  assert.equal(texts.jsurl[0], 'error');
  assert.ok(texts.jsurl[1].includes(`${JS_URL} is on another origin`), `javascript: URL: ${texts.jsurl[1]}`);
  assert.equal(texts.pwned, undefined);
  assert.deepEqual(otherRequests, [], 'the other origin was asked for data');
});
