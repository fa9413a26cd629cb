// stdviz page loader: mounts every [data-stdviz] element with the shared wasm module,
// fills [data-stdviz-figures] cards, and signals when all charts are drawn.
//
// data-stdviz holds a spec URL or inline spec JSON. The spec's data.url is fetched here
// (same origin only) and handed to the wasm module as text: the Rust core does no I/O.
// Text from specs and data reaches the DOM only through textContent.

const ready = (bindings) => mountAll(bindings).catch((e) => console.error(e));

async function fetchSameOrigin(url) {
  const resolved = new URL(url, document.baseURI);
  if (resolved.origin !== location.origin && location.protocol !== "file:") {
    throw new Error(`data.url ${url} is on another origin; stdviz loads same-origin data only`);
  }
  const response = await fetch(resolved);
  if (!response.ok) throw new Error(`could not load ${url}: HTTP ${response.status}`);
  return response;
}

async function fetchText(url) {
  return (await fetchSameOrigin(url)).text();
}

// Data files travel as bytes: the wasm module detects their encoding (UTF-8, UTF-16,
// GBK), which response.text() would already have guessed wrongly as UTF-8.
async function fetchBytes(url) {
  return new Uint8Array(await (await fetchSameOrigin(url)).arrayBuffer());
}

function showError(el, error) {
  el.setAttribute("data-stdviz-state", "error");
  const box = document.createElement("div");
  box.className = "stdviz-error";
  box.setAttribute("role", "alert");
  box.textContent = `图表无法显示 / Chart could not be drawn: ${error && error.message ? error.message : error}`;
  el.replaceChildren(box);
}

async function mountChart(el, bindings) {
  try {
    const ref = el.getAttribute("data-stdviz") || "";
    const specText = ref.trim().startsWith("{") ? ref : await fetchText(ref);
    // The wasm module lists the spec's data URLs (and reports a bad spec with its path).
    const data = {};
    for (const url of bindings.dataUrls(specText)) data[url] = await fetchBytes(url);
    el.stdviz = new bindings.ChartView(el, specText, data);
    for (const w of el.stdviz.warnings()) console.warn(`stdviz: ${w}`);
  } catch (e) {
    const panic = bindings.lastPanic && bindings.lastPanic();
    showError(el, panic ? new Error(panic) : e);
  }
}

async function fillFigures(el) {
  try {
    const doc = JSON.parse(await fetchText(el.getAttribute("data-stdviz-figures")));
    const rows = el.dataset.property ? doc[el.dataset.property] : doc;
    const cards = rows.map((row) => {
      const card = document.createElement("div");
      card.className = "figure";
      const value = document.createElement("div");
      value.className = "value";
      value.textContent = String(row[el.dataset.value]);
      const unit = document.createElement("span");
      unit.className = "unit";
      unit.textContent = String(row[el.dataset.unit] ?? "");
      value.append(unit);
      const label = document.createElement("div");
      label.className = "label";
      label.textContent = String(row[el.dataset.label]);
      card.append(value, label);
      return card;
    });
    el.replaceChildren(...cards);
  } catch (e) {
    showError(el, e);
  }
}

// With #examples in the URL, the chart section lists every example spec instead.
async function showExamples() {
  if (location.hash !== "#examples") return;
  const section = document.querySelector(".charts");
  if (!section) return;
  const list = JSON.parse(await fetchText("examples/index.json"));
  const cards = list.examples.map((ex) => {
    const figure = document.createElement("figure");
    figure.className = "chart-card";
    const box = document.createElement("div");
    box.className = "stdviz";
    box.setAttribute("data-stdviz", ex.spec);
    const caption = document.createElement("figcaption");
    caption.className = "example-caption";
    caption.textContent = `${ex.description} (${ex.spec})`;
    figure.append(box, caption);
    return figure;
  });
  section.replaceChildren(...cards);
}

addEventListener("hashchange", () => location.reload());

async function mountAll(bindings) {
  await showExamples().catch((e) => console.error(e));
  const charts = [...document.querySelectorAll("[data-stdviz]")];
  const figures = [...document.querySelectorAll("[data-stdviz-figures]")];
  await Promise.all([...charts.map((el) => mountChart(el, bindings)), ...figures.map(fillFigures)]);
  // One frame after drawing, the pixels are on screen: tests and benchmarks wait for this.
  requestAnimationFrame(() => {
    const drawn = charts.filter((el) => el.getAttribute("data-stdviz-state") === "rendered").length;
    document.documentElement.setAttribute("data-stdviz-ready", String(drawn));
    performance.mark("stdviz:ready");
    document.dispatchEvent(new CustomEvent("stdviz:ready", { detail: { drawn, total: charts.length } }));
  });
}

if (window.wasmBindings) {
  ready(window.wasmBindings);
} else {
  addEventListener("TrunkApplicationStarted", () => ready(window.wasmBindings), { once: true });
}
