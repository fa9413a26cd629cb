// The ECharts page script. build.mjs bundles it per chart with an entry that registers
// only the ECharts modules that chart needs (echarts-options.mjs `USES`) and then calls
// start(kind). Draws the page's one [data-chart] box: fetches its spec and data the way
// stdviz's embed script does (spec, then its data.url), builds the option, waits for the
// chart's 'finished' event, then one animation frame later marks performance
// 'chart:ready'. Exposes `window.bench` for the runner's hover and update metrics.

import { init } from 'echarts/core';
import { BUILDERS } from './echarts-options.mjs';

async function getText(url) {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`could not load ${url}: HTTP ${r.status}`);
  return r.text();
}

/** The rows of a data document, as the spec's data.format.property says. */
function rowsOf(spec, doc) {
  const prop = spec.data && spec.data.format && spec.data.format.property;
  return prop ? prop.split('.').reduce((o, k) => o[k], doc) : doc;
}

function failed(e) {
  console.error(e);
  document.documentElement.setAttribute('data-chart-error', String((e && e.message) || e));
}

export async function start(kind) {
  try {
    const box = document.querySelector('[data-chart]');
    const spec = JSON.parse(await getText(box.dataset.spec));
    const rows = Array.isArray(spec.data.values) ? spec.data.values : rowsOf(spec, JSON.parse(await getText(spec.data.url)));
    const chart = init(box, null, { renderer: 'canvas' });
    const finished = new Promise((resolve) => chart.on('finished', resolve));
    chart.setOption(BUILDERS[kind](spec, rows));
    await finished;
    window.bench = {
      chart,
      spec,
      /** The option for new data-file text (the update metric times this and setOption). */
      optionFor: (text) => BUILDERS[kind](spec, rowsOf(spec, JSON.parse(text))),
    };
    requestAnimationFrame(() => {
      document.documentElement.setAttribute('data-chart-ready', '1');
      performance.mark('chart:ready');
    });
  } catch (e) {
    failed(e);
  }
}
