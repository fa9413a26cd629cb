// The charts of the side-by-side benchmark: one entry per chart, in page order.
//
// Every page (stdviz, ECharts, Vega-Lite) draws every chart of this list into its own box,
// in this order, and signals ready once all are drawn. To add a chart (a 12-series line,
// a 30×7 stacked bar, a 100,000-point scatter, …):
//   1. put its Vega-Lite spec (one stdviz accepts) and its data file under www/ or
//      bench/compare/specs/ and bench/compare/data/ (data.url relative to the page root);
//   2. add an entry here;
//   3. add an ECharts option builder under the entry's `echarts` key in
//      bench/compare/pages/echarts-options.mjs (and register any new ECharts chart or
//      component there, in USE).
//
// Paths are relative to the repository root. `spec` and every file of `files` are copied
// into each page's folder at the same relative place under `specs/` or `data/`, so a
// spec's `data.url` ("data/x.json") resolves the same way on every page and natively.

export const CHARTS = [
  {
    id: 'bar',
    label: 'founding bar chart (4 bars)',
    spec: 'www/specs/standards-by-level-bar.json',
    files: ['www/data/yangquan-2024.json'],
    echarts: 'bar',
  },
  {
    id: 'donut',
    label: 'donut (4 sectors, legend)',
    spec: 'www/specs/standards-by-level-donut.json',
    files: ['www/data/yangquan-2024.json'],
    echarts: 'donut',
  },
];

/** CSS size of each chart box on every page (stdviz draws at the box width). */
export const BOX = { width: 600, height: 360 };
