// End-to-end tests of static-first publishing (issue #17): dist/published.html, the
// founding bar chart as `stdviz publish --page` leaves it (inline SVG at every width,
// container queries, stdviz-lite.js), in Debian's Chromium driven by playwright-core.
//
//   trunk build --release && node --test tests/e2e/publish.test.mjs
//
// Network throttled to a slow-4G profile and the CPU slowed 4× through CDP where the test
// is about loading. Expected figures come from the data file (www/data/yangquan-2024.json
// as copied to dist/), never from what the page computed.
//
// Screenshot threshold (before vs after hydration, the chart's box only): a pixel differs
// when one of its channels differs by more than 64 of 255; at most MAX_DIFF_SHARE (1 %) of
// the box's pixels may differ, and the middle of every bar must be the same colour in
// both. What differs is text only: SVG text and canvas fillText rasterise the same glyphs
// with different edge coverage. (Text is placed alike: src/svg.rs writes plotters' top-,
// middle- and bottom-anchored `dy` offsets as the canvas's em-box baselines.)

import test, { before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from './server.mjs';
import { LAUNCH } from './chromium.mjs';
import { openPage } from './pages.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const DIST = path.resolve(process.env.STDVIZ_DIST || path.join(repo, 'dist'));
const PAGE = 'published.html';
const PUB = '[data-stdviz-pub]';
const LIVE_TIMEOUT = 60_000;
/** Chrome DevTools' "Slow 4G" preset (the Lighthouse mobile profile's network). */
const SLOW_4G = { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 };
const CHANNEL_TOLERANCE = 64;
const MAX_DIFF_SHARE = 0.01; // measured 0.24–0.44 % (was 1.8–4.4 % before SVG text sat on the canvas baselines)

let browser;
let server;
let url;
let standards;

before(async () => {
  if (!fs.existsSync(path.join(DIST, PAGE))) {
    throw new Error(`${path.join(DIST, PAGE)} is missing: build first with \`trunk build --release\`, then run node --test tests/e2e/publish.test.mjs`);
  }
  standards = JSON.parse(fs.readFileSync(path.join(DIST, 'data', 'yangquan-2024.json'), 'utf8')).standards;
  browser = await chromium.launch(LAUNCH);
  server = await serve(DIST);
  url = new URL(PAGE, server.url).href;
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** Slows the page's network to slow 4G and its CPU 4× (CDP). */
async function throttle(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  return cdp;
}

/** Serves the page with `<html data-stdviz-hydrate="interaction">` (no idle hydration). */
async function interactionOnly(page) {
  await page.route(`**/${PAGE}`, async (route) => {
    const res = await route.fetch();
    const body = (await res.text()).replace('<html lang=', '<html data-stdviz-hydrate="interaction" lang=');
    await route.fulfill({ response: res, body });
  });
}

/** Holds every request for stdviz.js until `release()` is called. */
async function holdFullStdviz(page) {
  const held = [];
  let released = false;
  await page.route('**/stdviz.js', (route) => (released ? route.continue() : held.push(route)));
  return {
    release: async () => {
      released = true;
      for (const r of held.splice(0)) await r.continue();
    },
  };
}

/** Installs a layout-shift observer before any page script runs. */
async function watchShifts(page) {
  await page.addInitScript(() => {
    window.__shifts = [];
    new PerformanceObserver((list) => {
      // As CLS counts them: shifts within 500 ms of the reader's input do not count.
      for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shifts.push(e.value);
    }).observe({ type: 'layout-shift', buffered: true });
  });
}

const shiftSum = (page) => page.evaluate(() => window.__shifts.reduce((a, b) => a + b, 0));

/** The centre of mark `label`'s shape in the shown SVG, page px. */
async function markCentre(page, label) {
  return page.$eval(PUB, (pub, label) => {
    const v = [...pub.querySelectorAll('.stdviz-w')].find((e) => getComputedStyle(e).display !== 'none');
    const g = [...v.querySelectorAll('g.m')].find((m) => m.getAttribute('data-label') === label);
    const r = g.querySelector('polygon, rect').getBoundingClientRect();
    return { x: r.left + r.width / 2, y: r.top + r.height * 0.6 };
  }, label);
}

const waitLive = (page) => page.waitForSelector(`${PUB}[data-stdviz-state="live"]`, { state: 'attached', timeout: LIVE_TIMEOUT });

test('a. throttled (slow 4G, CPU 4×): the chart is on screen before any .wasm request starts, then goes live when idle', async () => {
  const { context, page, problems } = await openPage(browser, { viewport: { width: 412, height: 823 }, deviceScaleFactor: 2 });
  try {
    await throttle(page);
    await watchShifts(page);
    const wasmAt = [];
    page.on('request', (req) => {
      if (req.url().endsWith('.wasm')) wasmAt.push(Date.now());
    });
    await page.goto(url, { waitUntil: 'load' });
    await waitLive(page);
    const t = await page.evaluate(() => {
      const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime;
      const wasm = performance.getEntriesByType('resource').filter((e) => e.name.endsWith('.wasm'));
      const pub = document.querySelector('[data-stdviz-pub]');
      return { fcp, wasmStart: wasm.map((e) => e.startTime), by: pub.getAttribute('data-stdviz-hydrated-by') };
    });
    assert.ok(t.fcp > 0, 'first contentful paint recorded');
    assert.equal(t.wasmStart.length, 1, 'one wasm fetched');
    assert.ok(t.wasmStart[0] > t.fcp, `wasm requested at ${t.wasmStart[0]} ms, after first paint at ${t.fcp} ms`);
    assert.equal(t.by, 'idle');
    // What the first paint showed: the SVG of the 375-px width (412 - 16 px of margins).
    const box = await page.$eval(PUB, (pub) => {
      const v = [...pub.querySelectorAll('.stdviz-w')].find((e) => getComputedStyle(e).display !== 'none');
      return { width: Number(v.getAttribute('data-width')) };
    });
    assert.equal(box.width, 375);
    assert.equal(await shiftSum(page), 0, 'layout-shift sum');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('b. before hydration a tap shows the figure from the SVG; the tap starts hydration; no layout shift', async () => {
  const { context, page, problems } = await openPage(browser, { viewport: { width: 412, height: 823 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true });
  try {
    await throttle(page);
    await interactionOnly(page);
    await watchShifts(page);
    const hold = await holdFullStdviz(page);
    const wasm = [];
    page.on('request', (req) => req.url().endsWith('.wasm') && wasm.push(req.url()));
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForTimeout(1500);
    assert.equal(await page.getAttribute(PUB, 'data-stdviz-state'), 'static', 'no hydration without interaction');
    assert.deepEqual(wasm, [], 'no wasm before interaction');
    const national = standards.find((s) => s.level === '国家标准');
    const at = await markCentre(page, '国家标准');
    await page.touchscreen.tap(at.x, at.y);
    const tip = await page.waitForSelector('.stdviz-lite-tip', { state: 'visible', timeout: 5000 });
    const text = await tip.textContent();
    assert.ok(text.startsWith('国家标准'), text);
    assert.ok(text.includes(`${national.count} 项`), `${text} shows ${national.count} 项`);
    assert.equal(await page.getAttribute(PUB, 'data-stdviz-state'), 'loading', 'the tap started hydration');
    // A tap sends pointerover, then pointerdown: the first starts hydration.
    assert.match(await page.getAttribute(PUB, 'data-stdviz-hydrated-by'), /^pointer(over|down)$/);
    await hold.release();
    await waitLive(page);
    assert.equal(wasm.length, 1);
    assert.equal(await shiftSum(page), 0, 'layout-shift sum');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('c. keyboard before hydration: Tab reaches the chart, arrows announce each figure in reading order', async () => {
  const { context, page, problems } = await openPage(browser, { viewport: { width: 1000, height: 800 } });
  try {
    await interactionOnly(page);
    const hold = await holdFullStdviz(page);
    await page.goto(url, { waitUntil: 'load' });
    await page.keyboard.press('Tab');
    assert.ok(await page.$eval(PUB, (pub) => document.activeElement === pub), 'the chart has focus');
    const heard = [];
    for (let i = 0; i < standards.length; i++) {
      await page.keyboard.press('ArrowRight');
      heard.push(await page.$eval(`${PUB} [aria-live]`, (el) => el.textContent));
    }
    standards.forEach((s, i) => {
      assert.ok(heard[i].startsWith(s.level), `announcement ${i}: ${heard[i]}`);
      assert.ok(heard[i].includes(`${s.count} 项`), `announcement ${i}: ${heard[i]}`);
    });
    // Focus started hydration; once live, the live chart holds the focus.
    await hold.release();
    await waitLive(page);
    const focused = await page.$eval(`${PUB} .stdviz-pub-live`, (host) => host.shadowRoot.activeElement?.className ?? null);
    assert.equal(focused, 'stdviz-chart');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('d. after hydration: hover shows the live tooltip, the keyboard moves through the marks', async () => {
  const { context, page, problems } = await openPage(browser, { viewport: { width: 1000, height: 800 } });
  try {
    await watchShifts(page);
    await page.goto(url, { waitUntil: 'load' });
    await waitLive(page);
    const host = `${PUB} .stdviz-pub-live`;
    assert.equal(await page.getAttribute(host, 'data-stdviz-state'), 'rendered');
    const national = standards.find((s) => s.level === '国家标准');
    const at = await markCentre(page, '国家标准');
    await page.mouse.move(at.x, at.y);
    const tip = page.locator(`${host} .stdviz-tooltip`);
    await tip.waitFor({ state: 'visible', timeout: 5000 });
    const text = await tip.textContent();
    assert.ok(text.includes('国家标准') && text.includes(String(national.count)), text);
    // The canvas answers where the SVG drew: the live hit test under the SVG bar's centre.
    const hit = await page.$eval(host, (el, at) => {
      const c = el.stdviz.canvas.getBoundingClientRect();
      return el.stdviz.hitTest(at.x - c.left, at.y - c.top);
    }, at);
    assert.equal(hit.label, '国家标准');
    assert.equal(hit.value, national.count);
    await page.locator(`${host} >> .stdviz-chart`).focus();
    await page.keyboard.press('ArrowRight');
    const said = await page.locator(`${host} >> .stdviz-live`).textContent();
    assert.ok(standards.some((s) => said.includes(s.level)), `live region: ${said}`);
    assert.equal(await shiftSum(page), 0, 'layout-shift sum');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('e. without JavaScript the page shows the chart', async () => {
  const { context, page } = await openPage(browser, { viewport: { width: 700, height: 800 }, javaScriptEnabled: false });
  try {
    await page.goto(url);
    const shown = await page.$$eval(`${PUB} .stdviz-w`, (vs) =>
      vs.filter((v) => getComputedStyle(v).display !== 'none').map((v) => {
        const r = v.querySelector('svg').getBoundingClientRect();
        return { width: Number(v.getAttribute('data-width')), w: r.width, h: r.height, marks: v.querySelectorAll('g.m').length };
      }),
    );
    assert.equal(shown.length, 1, 'exactly one width shown');
    assert.equal(shown[0].width, 640);
    assert.equal(shown[0].w, 640);
    assert.ok(shown[0].h > 200, `height ${shown[0].h}`);
    assert.equal(shown[0].marks, standards.length);
  } finally {
    await context.close();
  }
});

/** Share of pixels that differ by more than CHANNEL_TOLERANCE in a channel (decoded in the page). */
async function diffShare(page, a, b, points = []) {
  return page.evaluate(
    async ([a, b, tol, points]) => {
      const load = async (b64) => {
        const img = new Image();
        img.src = `data:image/png;base64,${b64}`;
        await img.decode();
        const c = document.createElement('canvas');
        c.width = img.width;
        c.height = img.height;
        const ctx = c.getContext('2d');
        ctx.drawImage(img, 0, 0);
        return ctx.getImageData(0, 0, c.width, c.height);
      };
      const [x, y] = [await load(a), await load(b)];
      if (x.width !== y.width || x.height !== y.height) return { share: 1, size: [x.width, x.height, y.width, y.height] };
      let diff = 0;
      for (let i = 0; i < x.data.length; i += 4) {
        if (Math.max(...[0, 1, 2].map((k) => Math.abs(x.data[i + k] - y.data[i + k]))) > tol) diff++;
      }
      const at = (img, [px, py]) => [...img.data.slice((py * img.width + px) * 4, (py * img.width + px) * 4 + 3)];
      const samples = points.map((p) => [at(x, p), at(y, p)]);
      return { share: diff / (x.width * x.height), size: [x.width, x.height], samples };
    },
    [a.toString('base64'), b.toString('base64'), CHANNEL_TOLERANCE, points],
  );
}

for (const dpr of [1, 2]) {
  for (const width of [420, 1000]) {
    test(`f. same picture before and after hydration: dpr ${dpr}, viewport ${width} px`, async () => {
      const { context, page, problems } = await openPage(browser, { viewport: { width, height: 900 }, deviceScaleFactor: dpr });
      try {
        await interactionOnly(page);
        await watchShifts(page);
        await page.goto(url, { waitUntil: 'load' });
        const clip = await page.$eval(PUB, (pub) => {
          const r = pub.getBoundingClientRect();
          return { x: r.left, y: r.top, width: r.width, height: r.height };
        });
        const before = await page.screenshot({ clip });
        await page.evaluate(() => import('./stdviz-lite.js').then((m) => m.hydrate()));
        await waitLive(page);
        await page.mouse.move(0, 0);
        // The live chart's export-menu button (not part of the picture) is left out.
        await page.$eval(`${PUB} .stdviz-pub-live`, (host) => (host.shadowRoot.querySelector('.stdviz-tools').style.visibility = 'hidden'));
        const after = await page.screenshot({ clip });
        // The middle of each bar, in device px of the screenshot.
        const points = await page.$eval(PUB, (pub, dpr) => {
          const box = pub.getBoundingClientRect();
          const v = [...pub.querySelectorAll('.stdviz-w')].find((e) => getComputedStyle(e).display !== 'none');
          return [...v.querySelectorAll('g.m')].map((g) => {
            const r = g.querySelector('polygon, rect').getBoundingClientRect();
            return [Math.round((r.left + r.width / 2 - box.left) * dpr), Math.round((r.top + r.height / 2 - box.top) * dpr)];
          });
        }, dpr);
        const d = await diffShare(page, before, after, points);
        assert.equal(d.samples.length, standards.length);
        for (const [b, a] of d.samples) assert.deepEqual(a, b, 'a bar is the same colour before and after');
        console.log(`  dpr ${dpr}, ${width} px: ${(d.share * 100).toFixed(2)}% of ${d.size[0]}×${d.size[1]} px differ by > ${CHANNEL_TOLERANCE}`);
        if (d.share > MAX_DIFF_SHARE) {
          fs.mkdirSync(path.join(repo, 'test-results'), { recursive: true });
          fs.writeFileSync(path.join(repo, 'test-results', `publish-${dpr}x-${width}-before.png`), before);
          fs.writeFileSync(path.join(repo, 'test-results', `publish-${dpr}x-${width}-after.png`), after);
        }
        assert.ok(d.share <= MAX_DIFF_SHARE, `${(d.share * 100).toFixed(2)}% of pixels differ (size ${d.size})`);
        assert.equal(await shiftSum(page), 0, 'layout-shift sum');
        assert.deepEqual(problems, []);
      } finally {
        await context.close();
      }
    });
  }
}
