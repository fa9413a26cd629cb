// The Vega-Lite side of bench/explore/run.mjs (bundled by esbuild with vega, vega-lite and
// vega-embed from bench/compare/node_modules). The same work as the explorer, done with
// Vega-Lite's own machinery in the same browser:
//
//   load(file)      File.text() → vega.read(text, {type: "csv", parse: "auto"}) → a bar chart
//                   of count by 层级 through a filter + aggregate transform on the rows
//                   (data inserted into a named dataset), canvas renderer; resolves one frame
//                   after view.runAsync()
//   refilter(v)     sets the filter's parameter (状态 == v, or null for all) and re-runs the
//                   dataflow (filter + aggregate over every row): the re-aggregation time
//   line(file)      the same read, then a line of x/y (every point, no decimation)
//   redraw()        the line again at a 1 px different width (every point drawn again)
//
// Every function returns timings in ms; window.benchVL is the entry point for run.mjs.

import embed from 'vega-embed';
import { read } from 'vega';

const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
let view = null;
let width = 600;

async function rows(file) {
  const t0 = performance.now();
  const text = await file.text();
  const t1 = performance.now();
  const values = read(text, { type: 'csv', parse: 'auto' });
  const t2 = performance.now();
  return { values, read: t1 - t0, parse: t2 - t1 };
}

async function show(spec, values) {
  const box = document.getElementById('chart');
  box.replaceChildren();
  view?.finalize();
  const result = await embed(box, spec, { renderer: 'canvas', actions: false });
  view = result.view;
  await view.insert('table', values).runAsync();
  await frame();
}

window.benchVL = {
  async load(file) {
    const t0 = performance.now();
    const { values, read: r, parse } = await rows(file);
    const t2 = performance.now();
    await show(
      {
        $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
        width,
        height: 300,
        data: { name: 'table' },
        params: [{ name: 'status', value: null }],
        transform: [{ filter: 'status === null || datum["状态"] === status' }, { aggregate: [{ op: 'count', as: 'count' }], groupby: ['层级'] }],
        mark: 'bar',
        encoding: { x: { field: '层级', type: 'nominal' }, y: { field: 'count', type: 'quantitative' }, color: { field: '层级', type: 'nominal' } },
      },
      values,
    );
    const t3 = performance.now();
    return { read: r, parse, chart: t3 - t2, total: t3 - t0, rows: values.length };
  },
  async refilter(value) {
    const t0 = performance.now();
    await view.signal('status', value).runAsync();
    await frame();
    return { total: performance.now() - t0, bars: view.data('data_0')?.length ?? null };
  },
  async line(file) {
    const t0 = performance.now();
    const { values, read: r, parse } = await rows(file);
    const t2 = performance.now();
    await show(
      {
        $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
        width,
        height: 300,
        data: { name: 'table' },
        mark: 'line',
        encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } },
      },
      values,
    );
    const t3 = performance.now();
    return { read: r, parse, chart: t3 - t2, total: t3 - t0, rows: values.length };
  },
  async redraw() {
    width += width % 2 ? -1 : 1;
    const t0 = performance.now();
    await view.width(width).runAsync();
    await frame();
    return { total: performance.now() - t0 };
  },
};
document.documentElement.setAttribute('data-bench-ready', '1');
