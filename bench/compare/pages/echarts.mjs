// The ECharts page (bundled and minified by esbuild into bench/out/compare/echarts/).
// Draws every [data-chart] box: fetches its spec and data like stdviz's loader does, builds
// the option (echarts-options.mjs), waits for each chart's 'finished' event, then one
// animation frame later marks performance 'chart:ready'.

import { init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { BUILDERS, USE } from './echarts-options.mjs';

use([...USE, CanvasRenderer]);

async function getJSON(url) {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`could not load ${url}: HTTP ${r.status}`);
  return r.json();
}

async function rowsOf(spec) {
  const d = spec.data || {};
  if (Array.isArray(d.values)) return d.values;
  const doc = await getJSON(d.url);
  const prop = d.format && d.format.property;
  return prop ? prop.split('.').reduce((o, k) => o[k], doc) : doc;
}

async function draw(box) {
  const spec = await getJSON(box.dataset.spec);
  const rows = await rowsOf(spec);
  const chart = init(box, null, { renderer: 'canvas' });
  const finished = new Promise((resolve) => chart.on('finished', resolve));
  chart.setOption(BUILDERS[box.dataset.echarts](spec, rows));
  await finished;
  return chart;
}

const boxes = [...document.querySelectorAll('[data-chart]')];
Promise.all(boxes.map(draw)).then(
  (charts) => {
    window.benchCharts = charts;
    requestAnimationFrame(() => {
      document.documentElement.setAttribute('data-chart-ready', String(charts.length));
      performance.mark('chart:ready');
    });
  },
  (e) => {
    console.error(e);
    document.documentElement.setAttribute('data-chart-error', String(e && e.message));
  },
);
