// The Vega-Lite page script (vega + vega-lite + vega-embed, bundled and minified by
// esbuild into bench/out/compare/vegalite/vegalite.js, one bundle for every chart).
// Embeds the page's one [data-chart] box: fetches the spec (the same file stdviz draws),
// adds a hover highlight (below), embeds it with the canvas renderer and no actions menu
// (vega loads data.url relative to the page), awaits embed and view.runAsync(), then one
// animation frame later marks performance 'chart:ready'. Exposes `window.bench`.
//
// Hover: stdviz dims the other marks when one is hovered and shows a tooltip. Vega-Lite
// shows the tooltip (vega-embed's handler, the specs say `tooltip: true`); for the same
// emphasis the spec gets a point selection on pointerover (the whole series for lines) and
// an opacity condition on it — the usual Vega-Lite hover highlight.

import embed from 'vega-embed';

async function getText(url) {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`could not load ${url}: HTTP ${r.status}`);
  return r.text();
}

function withHover(spec) {
  const mark = typeof spec.mark === 'string' ? spec.mark : spec.mark.type;
  const enc = spec.encoding;
  const select = { type: 'point', on: 'pointerover', clear: 'pointerout' };
  if (mark === 'line' && enc.color) select.fields = [enc.color.field];
  return {
    ...spec,
    params: [...(spec.params || []), { name: 'bench_hover', select }],
    encoding: { ...enc, opacity: { condition: { param: 'bench_hover', empty: true, value: 1 }, value: 0.3 } },
  };
}

async function start() {
  const box = document.querySelector('[data-chart]');
  const spec = withHover(JSON.parse(await getText(box.dataset.spec)));
  // vega-embed's own CSS makes the embed element 100% wide when the spec's width is
  // "container" (fit-x): embed into a child, so the box sets the width as on other pages.
  const target = box.appendChild(document.createElement('div'));
  const result = await embed(target, spec, { renderer: 'canvas', actions: false });
  await result.view.runAsync();
  window.bench = { result, view: result.view, spec };
  requestAnimationFrame(() => {
    document.documentElement.setAttribute('data-chart-ready', '1');
    performance.mark('chart:ready');
  });
}

start().catch((e) => {
  console.error(e);
  document.documentElement.setAttribute('data-chart-error', String((e && e.message) || e));
});
