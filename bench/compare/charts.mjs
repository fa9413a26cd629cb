// The charts of the side-by-side benchmark (issue #8), one entry per chart.
//
// Every library (stdviz, ECharts, Vega-Lite) draws every chart of this list on a page of
// its own (one chart per page, so bytes, time to pixels, hover, update and memory are per
// chart). The first two draw the founding article's published figures
// (www/data/yangquan-2024.json). The others need more data than any published source has:
// their numbers are SYNTHETIC, generated here from a fixed seed (mulberry32, SEED below),
// labelled synthetic in the chart's title, subtitle and `usermeta.stdviz.note`, written only
// under bench/out/compare/ (git-ignored) and never presented as published figures.
//
// Each entry:
//   id, label      short id (file names, tables) and what the chart is
//   synthetic      true when the data are generated here
//   spec           page path of the Vega-Lite spec (one stdviz accepts; see docs/SPEC.md)
//   files()        { pagePath: text } — the spec and its data files, as every page serves them
//   update()       { url, text } — new contents for the spec's data file, for the update metric
//   echarts        the ECharts option builder (bench/compare/pages/echarts-options.mjs)
//   height         CSS height of the ECharts box (ECharts needs one; stdviz and Vega size
//                  the height from the spec's plot height)
//   stdvizOptions  render() options for stdviz's page (JS API instead of markup), if any
//   hover(n)       the two marks of stdviz's scene (indices, n = markCount()) the hover
//                  metric moves between; the peers hover the marks showing the same data
//                  (found from stdviz's hitTest at those marks: label, series, value)
//
// To add a chart: add an entry here and, when it is a new kind, a builder in
// pages/echarts-options.mjs (with the ECharts modules it needs in its `uses`).

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Seed of every synthetic dataset; the update data use SEED + 1. */
export const SEED = 0x5eed0008;

/** mulberry32: a small seeded PRNG, uniform in [0, 1). */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal variates from a uniform PRNG (Box–Muller). */
function normal(r) {
  return () => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
}

const round2 = (x) => Math.round(x * 100) / 100;
const pad2 = (i) => String(i).padStart(2, '0');

export const SYNTHETIC_NOTE = `合成数据(SYNTHETIC),由 bench/compare/charts.mjs 以固定种子 0x${SEED.toString(16)} 生成,不是公开发布的数字。Synthetic data: not published figures.`;

function syntheticSpec(id, title, rest) {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: `SYNTHETIC benchmark data (bench/compare/charts.mjs, seed 0x${SEED.toString(16)}): not published figures.`,
    title: { text: `合成数据(SYNTHETIC):${title}`, subtitle: 'SYNTHETIC · 基准测试用合成数据,不是公开发布的数字', anchor: 'start' },
    width: 'container',
    height: 300,
    data: { url: `data/synthetic-${id}.json` },
    ...rest,
    usermeta: { stdviz: { note: SYNTHETIC_NOTE, locale: 'zh' } },
  };
}

const json = (x) => JSON.stringify(x);
/** Rows as JSON text, one row a line (readable, and what a server would send). */
const rowsText = (rows) => `[\n${rows.map((r) => JSON.stringify(r)).join(',\n')}\n]\n`;

// ---------------------------------------------------------------------------------------
// Synthetic data

/** 12 series × 1,000 points: random walks. */
function lineRows(seed) {
  const r = prng(seed);
  const n = normal(r);
  const rows = [];
  for (let s = 1; s <= 12; s++) {
    let v = 100 + 15 * s;
    for (let t = 0; t < 1000; t++) {
      v += n() * 2;
      rows.push({ t, series: `合成序列${pad2(s)}`, value: round2(v) });
    }
  }
  return rows;
}

/** 30 categories × 7 levels. */
function stackedRows(seed) {
  const r = prng(seed);
  const rows = [];
  for (let c = 1; c <= 30; c++) {
    for (let l = 1; l <= 7; l++) rows.push({ category: `类目${pad2(c)}`, level: `合成层级${l}`, count: 5 + Math.floor(r() * 95) });
  }
  return rows;
}

/** 100,000 points: two correlated clusters. */
function scatterRows(seed) {
  const r = prng(seed);
  const n = normal(r);
  const rows = new Array(100_000);
  for (let i = 0; i < rows.length; i++) {
    const k = r() < 0.6 ? 0 : 1;
    const x = k ? 65 + 12 * n() : 35 + 10 * n();
    rows[i] = { x: round2(x), y: round2(0.8 * x + (k ? -10 : 15) + 8 * n()) };
  }
  return rows;
}

/** 50 bars. */
function bar50Rows(seed) {
  const r = prng(seed);
  return Array.from({ length: 50 }, (_, i) => ({ item: `合成${pad2(i + 1)}`, count: 10 + Math.floor(r() * 990) }));
}

// ---------------------------------------------------------------------------------------
// The founding charts: published figures

/** Marks a third and two thirds along stdviz's drawing order. */
const thirds = (n) => [Math.floor(n / 3), Math.floor((2 * n) / 3)];

const read = (p) => readFileSync(path.join(REPO, p), 'utf8');
const YANGQUAN = 'data/yangquan-2024.json';

/** The same published figures with the standards rows in reverse order (bar order changes). */
function yangquanReversed() {
  const doc = JSON.parse(read(`www/${YANGQUAN}`));
  doc.standards = [...doc.standards].reverse();
  return JSON.stringify(doc, null, 2) + '\n';
}

function founding(id, label, specFile, echarts, height) {
  const spec = `specs/${specFile}`;
  return {
    id,
    label,
    synthetic: false,
    spec,
    files: () => ({ [spec]: read(`www/${spec}`), [YANGQUAN]: read(`www/${YANGQUAN}`) }),
    update: () => ({ url: YANGQUAN, text: yangquanReversed() }),
    updateNote: 'the same published figures, standards rows in reverse order',
    echarts,
    height,
    hover: thirds,
  };
}

function synthetic(id, label, title, rowsOf, specRest, echarts, height, hover = thirds) {
  const spec = `specs/synthetic-${id}.json`;
  const url = `data/synthetic-${id}.json`;
  return {
    id,
    label,
    synthetic: true,
    spec,
    files: () => ({ [spec]: json(syntheticSpec(id, title, specRest)), [url]: rowsText(rowsOf(SEED)) }),
    update: () => ({ url, text: rowsText(rowsOf(SEED + 1)) }),
    updateNote: `new synthetic rows (seed 0x${(SEED + 1).toString(16)})`,
    echarts,
    height,
    hover,
  };
}

export const CHARTS = [
  founding('bar', 'founding bar chart (4 bars, published figures)', 'standards-by-level-bar.json', 'bar', 380),
  founding('donut', 'donut (4 sectors, legend; published figures)', 'standards-by-level-donut.json', 'donut', 380),
  synthetic(
    'line',
    'SYNTHETIC 12-series line, 1,000 points each',
    '12 条折线 × 1,000 点',
    lineRows,
    {
      mark: { type: 'line', tooltip: true },
      encoding: {
        x: { field: 't', type: 'quantitative', title: '序号(synthetic)' },
        y: { field: 'value', type: 'quantitative', title: '合成数值(synthetic)', scale: { zero: false } },
        color: { field: 'series', type: 'nominal', title: '合成序列' },
      },
    },
    'line',
    470,
    // stdviz draws the points series by series: series 4 at t = 333, series 9 at t = 666.
    (n) => [Math.floor((3 * n) / 12) + Math.floor(n / 36), Math.floor((8 * n) / 12) + Math.floor((2 * n) / 36)],
  ),
  synthetic(
    'stacked',
    'SYNTHETIC stacked bar, 30 categories × 7 levels',
    '30 类 × 7 层堆叠柱',
    stackedRows,
    {
      mark: { type: 'bar', tooltip: true },
      encoding: {
        x: { field: 'category', type: 'nominal', sort: null, title: '合成类目(synthetic)' },
        y: { field: 'count', type: 'quantitative', title: '合成数值(synthetic)' },
        color: { field: 'level', type: 'nominal', title: '合成层级' },
      },
    },
    'stacked',
    470,
  ),
  synthetic(
    'scatter',
    'SYNTHETIC scatter, 100,000 points',
    '100,000 点散点图',
    scatterRows,
    {
      mark: { type: 'point', filled: true, tooltip: true },
      encoding: {
        x: { field: 'x', type: 'quantitative', title: '合成 x(synthetic)' },
        y: { field: 'y', type: 'quantitative', title: '合成 y(synthetic)' },
      },
    },
    'scatter',
    450,
  ),
  synthetic(
    'bar50',
    'SYNTHETIC 50-bar chart (the hover target)',
    '50 个柱',
    bar50Rows,
    {
      mark: { type: 'bar', tooltip: true },
      encoding: {
        x: { field: 'item', type: 'nominal', sort: null, title: '合成类目(synthetic)' },
        y: { field: 'count', type: 'quantitative', title: '合成数值(synthetic)' },
      },
    },
    'bar',
    450,
  ),
];

// stdviz refuses charts of more than 20,000 data marks by default (docs/LIMITS.md); a host
// that expects more raises the limit through render()'s options, as the scatter's page
// does; natively the run passes the same limits to `stdviz render` as `--limit` options.
CHARTS.find((c) => c.id === 'scatter').stdvizOptions = { limits: { maxMarks: 100_000 } };

/** CSS width of each chart box on every page (stdviz draws at the box width). */
export const BOX = { width: 600 };
