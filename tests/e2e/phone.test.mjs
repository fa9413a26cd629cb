// A reader on a phone (issue #16): the gallery and the article at 320 px and 375 px,
// device pixel ratio 3, in Debian's Chromium driven by playwright-core. Every chart is read
// twice — as first shown (the pre-rendered SVG of `stdviz publish`) and once live (the
// canvas chart after hydration, through its handle's textBoxes()) — and every category
// and series of its marks must be there in full as text (a label may run over several
// lines), with nothing cut with "…". A full-page screenshot of each is written to
// test-results/ for a person to look at.
//
//   trunk build --release && node --test tests/e2e/phone.test.mjs
//
// Expected names come from the marks themselves (the SVG's data-label/data-series, the
// live chart's hitTest at each mark), never from the texts under test.

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
const RESULTS = path.join(repo, 'test-results');
const PAGES = ['gallery.html', 'article.html'];
const LIVE_TIMEOUT = 60_000;

let browser;
let server;

before(async () => {
  for (const p of PAGES) {
    if (!fs.existsSync(path.join(DIST, p))) {
      throw new Error(`${path.join(DIST, p)} is missing: build first with \`trunk build --release\``);
    }
  }
  browser = await chromium.launch(LAUNCH);
  server = await serve(DIST);
  fs.mkdirSync(RESULTS, { recursive: true });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** Per pre-rendered chart on the page: the names its marks carry and the texts shown. */
function staticCharts(page) {
  return page.$$eval('[data-stdviz-pub]', (pubs) =>
    pubs.map((pub) => {
      const shown = [...pub.querySelectorAll('.stdviz-w')].find((e) => getComputedStyle(e).display !== 'none');
      const svg = shown?.querySelector('svg');
      if (!svg) return { spec: pub.id, missing: true };
      const names = new Set();
      for (const g of svg.querySelectorAll('g.m')) {
        const series = g.getAttribute('data-series');
        if (series) names.add(series);
        if (/^(柱状图|条形图|饼图|环形图|Column|Bar|Pie|Donut)/.test(svg.getAttribute('aria-label') || '')) {
          const label = g.getAttribute('data-label');
          if (label) names.add(label);
        }
      }
      const lines = [...svg.querySelectorAll('text')].map((t) => t.textContent.trim());
      return {
        spec: pub.id,
        width: svg.getBoundingClientRect().width,
        names: [...names],
        lines,
      };
    }),
  );
}

/** Per live chart on the page: the names of its marks (by hitTest) and its texts. */
function liveCharts(page) {
  return page.evaluate(async () => {
    const { allCharts } = await import('./stdviz.js');
    return allCharts().map((chart) => {
      const names = new Set();
      const categorical = /^(柱状图|条形图|饼图|环形图|Column|Bar|Pie|Donut)/.test(chart.summary());
      for (let i = 0; i < chart.markCount(); i++) {
        const a = chart.markAnchor(i);
        const d = a && chart.hitTest(a[0], a[1]);
        if (!d) continue;
        if (d.series) names.add(d.series);
        if (categorical && d.label) names.add(d.label);
      }
      const texts = chart.textBoxes().map((b) => b[0]);
      return { summary: chart.summary().slice(0, 40), names: [...names], texts };
    });
  });
}

/** True when `name` reads in full in `texts`: one text, or consecutive lines of one. */
function readsInFull(name, texts) {
  const joined = texts.map((t) => t.replace(/\n/g, ''));
  if (joined.some((t) => t.includes(name))) return true;
  // Lines of one label are consecutive texts in the SVG.
  for (let i = 0; i < texts.length; i++) {
    let acc = '';
    for (let j = i; j < Math.min(texts.length, i + 4); j++) {
      acc += texts[j];
      if (acc === name || acc.includes(name)) return true;
      if (!name.startsWith(acc)) break;
    }
  }
  return false;
}

for (const file of PAGES) {
  for (const width of [320, 375]) {
    test(`${file} at ${width} px, dpr 3: every category in full, as first shown and live`, async () => {
      const { context, page, problems } = await openPage(browser, {
        viewport: { width, height: 800 },
        deviceScaleFactor: 3,
      });
      try {
        await page.goto(new URL(file, server.url).href, { waitUntil: 'load' });
        const first = await staticCharts(page);
        assert.ok(first.length >= 2, `${file}: pre-rendered charts found: ${first.length}`);
        for (const c of first) {
          assert.ok(!c.missing, `${c.spec}: no picture shown at ${width} px`);
          assert.ok(c.width <= width, `${c.spec}: ${c.width} px wide in a ${width} px screen`);
          const cut = c.lines.filter((l) => l.endsWith('…'));
          assert.deepEqual(cut, [], `${c.spec}: text cut`);
          for (const n of c.names) {
            assert.ok(readsInFull(n, c.lines), `${c.spec} (first shown): "${n}" not in full among ${JSON.stringify(c.lines)}`);
          }
        }
        await page.screenshot({ path: path.join(RESULTS, `phone-${width}-${file.replace('.html', '')}-static.png`), fullPage: true });

        // Live: hydrate every chart and read the canvas charts' own texts.
        await page.evaluate(() => import('./stdviz-lite.js').then((m) => m.hydrate()));
        await page.waitForFunction(
          (n) => import('./stdviz.js').then((m) => m.allCharts().filter((c) => c.state === 'rendered').length >= n),
          first.length,
          { timeout: LIVE_TIMEOUT },
        );
        const live = await liveCharts(page);
        assert.ok(live.length >= first.length, `live charts: ${live.length}`);
        for (const c of live) {
          const cut = c.texts.filter((t) => t.split('\n').some((l) => l.trimEnd().endsWith('…')));
          assert.deepEqual(cut, [], `${c.summary}: text cut`);
          for (const n of c.names) {
            assert.ok(readsInFull(n, c.texts), `${c.summary} (live): "${n}" not in full among ${JSON.stringify(c.texts)}`);
          }
        }
        await page.screenshot({ path: path.join(RESULTS, `phone-${width}-${file.replace('.html', '')}-live.png`), fullPage: true });
        assert.deepEqual(problems, []);
      } finally {
        await context.close();
      }
    });
  }
}
