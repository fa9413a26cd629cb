// The Vega-Lite page (vega + vega-lite + vega-embed, bundled and minified by esbuild into
// bench/out/compare/vegalite/). Embeds every [data-chart] box from its spec URL (the same
// spec file stdviz draws; vega loads data.url relative to the page), canvas renderer,
// no actions menu; awaits embed and view.runAsync(), then one animation frame later
// marks performance 'chart:ready'.

import embed from 'vega-embed';

async function draw(box) {
  // vega-embed's own CSS makes the embed element 100% wide when the spec's width is
  // "container" (fit-x): embed into a child, so the box sets the width as on other pages.
  const target = box.appendChild(document.createElement('div'));
  const result = await embed(target, box.dataset.spec, { renderer: 'canvas', actions: false });
  await result.view.runAsync();
  return result;
}

const boxes = [...document.querySelectorAll('[data-chart]')];
Promise.all(boxes.map(draw)).then(
  (results) => {
    window.benchCharts = results;
    requestAnimationFrame(() => {
      document.documentElement.setAttribute('data-chart-ready', String(results.length));
      performance.mark('chart:ready');
    });
  },
  (e) => {
    console.error(e);
    document.documentElement.setAttribute('data-chart-error', String(e && e.message));
  },
);
