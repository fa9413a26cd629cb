#!/usr/bin/env node
// Time to first chart for an Excel workbook dropped on the explorer (issue #19): from the
// file input's change event to index.html's `explore:first-chart` mark, each run in a
// fresh browser. A benchmark, not a test: it never fails on time; medians of the runs.
//
//   trunk build --release
//   cargo test --test workbook -- --ignored synthetic     (writes the SYNTHETIC workbook)
//   node bench/explore/xlsx.mjs [--dist dist] [--runs 5]
//       [--file bench/out/explore/synthetic-catalogue-100000.xlsx]

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { serve } from '../../tests/e2e/server.mjs';
import { LAUNCH } from '../../tests/e2e/chromium.mjs';
import { median } from '../lib/stats.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const { values: args } = parseArgs({
  options: {
    dist: { type: 'string', default: path.join(repo, 'dist') },
    runs: { type: 'string', default: '5' },
    file: { type: 'string', default: path.join(repo, 'bench', 'out', 'explore', 'synthetic-catalogue-100000.xlsx') },
  },
});
const TIMEOUT = 120_000;

const server = await serve(path.resolve(args.dist));
const samples = [];
try {
  for (let k = 0; k < Number(args.runs); k++) {
    const browser = await chromium.launch(LAUNCH);
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
      await page.goto(`${server.url}index.html`);
      await page.waitForFunction(() => document.documentElement.getAttribute('data-explore-loaded') === '1', null, { timeout: TIMEOUT });
      await page.evaluate(() => {
        document.getElementById('file').addEventListener('change', () => (window.__t0 = performance.now()), { capture: true, once: true });
      });
      await page.setInputFiles('#file', args.file);
      await page.waitForFunction(() => document.documentElement.getAttribute('data-explore-loaded') === '2', null, { timeout: TIMEOUT, polling: 50 });
      const run = await page.evaluate(() => ({
        ms: performance.getEntriesByName('explore:first-chart').at(-1).startTime - window.__t0,
        rows: window.stdvizExplore.data.rows,
        timing: window.stdvizExplore.data.timing,
      }));
      samples.push(run);
      console.error(`run ${k + 1}: ${run.ms.toFixed(0)} ms (${run.rows} rows; parse ${run.timing.parse.toFixed(0)} ms)`);
    } finally {
      await browser.close();
    }
  }
} finally {
  await server.close();
}
console.log(
  `${path.basename(args.file)}: load + first chart median ${median(samples.map((s) => s.ms)).toFixed(0)} ms ` +
    `(parse ${median(samples.map((s) => s.timing.parse)).toFixed(0)} ms) over ${samples.length} runs`,
);
