// The explorer page (index.html, the front page): data in, controls, chart, spec, share.
//
// Every row lives in a Web Worker (explore-worker.js, one wasm instance with one Dataset).
// This thread only posts small questions (a query) and draws the small answer through the
// embed script's render() handle, so it stays responsive while a million rows load or
// re-aggregate. The controls' state is a view (explore-view.js); the view means one
// Vega-Lite spec, shown in the editor, whose transforms are the engine's own reading of
// the query (queryTransforms), so the spec says exactly what was computed.
//
// Text from data reaches the DOM only through textContent, attributes and form values.

import { render, download, downloadOfflineHTML, publish, wasmAssetUrls } from "./stdviz.js";
import * as V from "./explore-view.js";

const $ = (id) => document.getElementById(id);
const root = document.documentElement;
const nf = new Intl.NumberFormat("en-US");
const fmt = (n) => nf.format(n);
const DEFAULT_DATA = { url: "data/yangquan-2024.json", format: "json", property: "standards" };

const nextTask = () => new Promise((r) => setTimeout(r, 0));

function setState(state) {
  root.setAttribute("data-explore-state", state);
}

// ---------------------------------------------------------------------------------------
// The worker

class DataWorker {
  constructor() {
    this.worker = new Worker(new URL("explore-worker.js", import.meta.url), { type: "module" });
    this.pending = new Map();
    this.next = 1;
    this.dead = null;
    this.worker.onmessage = (e) => this.receive(e.data);
    this.worker.onerror = (e) => {
      e.preventDefault();
      this.fail(e.message || "the data worker could not start");
    };
    const assets = wasmAssetUrls("explore");
    // The workbook engine's URLs: the worker loads it only when a workbook is dropped.
    const book = assets && wasmAssetUrls("workbook");
    this.ready = assets
      ? this.call({ type: "init", ...assets, workbookGlue: book.glue, workbookWasm: book.wasm })
      : Promise.reject(new Error("the explorer needs the page served over HTTP"));
    this.ready.catch(() => {});
  }

  receive(m) {
    if (m.type === "crashed") {
      this.dead = m.message;
      return;
    }
    const p = this.pending.get(m.id);
    if (!p) return;
    if (m.type === "progress") {
      p.progress?.(m);
      return;
    }
    this.pending.delete(m.id);
    if (m.type === "done") p.resolve(m.value);
    else p.reject(new Error(m.message));
  }

  fail(message) {
    this.dead = this.dead || message;
    for (const p of this.pending.values()) p.reject(new Error(message));
    this.pending.clear();
  }

  call(msg, progress) {
    if (this.dead) return Promise.reject(new Error(`the data worker stopped: ${this.dead}`));
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, progress });
      this.worker.postMessage({ ...msg, id });
    });
  }

  terminate() {
    this.worker.terminate();
    this.fail("cancelled");
  }
}

// ---------------------------------------------------------------------------------------
// State

const app = {
  worker: null, // DataWorker holding the current data
  loading: null, // {worker, cancelled} while a load runs
  data: null, // where the rows came from and what the loader found
  fields: [],
  view: V.defaultView(),
  cards: [], // filter cards: {field, kind: "values"|"range", exclude, values: Map, range}
  chart: null,
  busy: false,
  again: false,
  spec: null, // the Vega-Lite spec of the view
  drawn: null, // the spec drawn (rows inline)
  result: null,
  pendingSpec: null, // a shared view waiting for its data
  renders: 0,
  timings: [],
};

// A small read-only window for tests and benchmarks.
window.stdvizExplore = {
  get state() {
    return root.getAttribute("data-explore-state");
  },
  get view() {
    return structuredClone(app.view);
  },
  get spec() {
    return app.spec && structuredClone(app.spec);
  },
  get drawnSpec() {
    return app.drawn && structuredClone(app.drawn);
  },
  get result() {
    return app.result && structuredClone(app.result);
  },
  get data() {
    return app.data && { ...app.data, small: undefined };
  },
  get fields() {
    return structuredClone(app.fields);
  },
  get renders() {
    return app.renders;
  },
  /** No query running or waiting, no load in progress. */
  get idle() {
    return !app.busy && !app.again && !app.loading;
  },
  get timings() {
    return app.timings.slice();
  },
  get chart() {
    return app.chart;
  },
};

// ---------------------------------------------------------------------------------------
// Loading

function sameOrigin(url) {
  try {
    return new URL(url, location.href).origin === location.origin;
  } catch {
    return false;
  }
}

function showError(where, message) {
  const box = $(where);
  box.textContent = message;
  box.hidden = !message;
}

function progress(p, name) {
  const box = $("progress");
  box.hidden = false;
  const bar = $("progress-bar");
  if (p.phase === "read" && p.total) {
    bar.max = p.total;
    bar.value = p.loaded;
    $("progress-text").textContent = `读取 / Reading ${name}: ${(p.loaded / 1048576).toFixed(1)} / ${(p.total / 1048576).toFixed(1)} MB`;
  } else {
    bar.removeAttribute("value");
    $("progress-text").textContent =
      p.phase === "parse" ? `解析 / Parsing ${name}: ${(p.loaded / 1048576).toFixed(1)} MB…` : `读取 / Reading ${name}…`;
  }
}

function cancelLoad() {
  const job = app.loading;
  if (!job) return;
  job.cancelled = true;
  job.worker.terminate();
  app.loading = null;
  $("progress").hidden = true;
  $("data-status").textContent = `已取消载入 ${job.name} / Loading cancelled` + (app.data ? `; 仍显示 ${app.data.name} / still showing ${app.data.name}` : "");
  setState(app.data ? "ready" : "idle");
}

// A worker started (its wasm compiled and instantiated) ahead of the next load, so that a
// chosen file starts streaming at once instead of after the engine's start-up.
let spareWorker = null;

/** The spare worker, or a new one; a new spare is started once the page is idle. */
function takeWorker() {
  const worker = spareWorker && !spareWorker.dead ? spareWorker : new DataWorker();
  if (spareWorker && spareWorker !== worker) spareWorker.terminate();
  spareWorker = null;
  return worker;
}

function prepareSpareWorker() {
  if (spareWorker) return;
  const start = () => {
    if (!spareWorker) spareWorker = new DataWorker();
  };
  if ("requestIdleCallback" in window) requestIdleCallback(start, { timeout: 2000 });
  else setTimeout(start, 500);
}

/**
 * Loads `src` ({file} | {url} | {text} | {bytes}) in a fresh worker; the current data
 * stays until the new data has loaded (cancel keeps it).
 */
async function loadSource(src, opts) {
  cancelLoad();
  const name = opts.name;
  const worker = takeWorker();
  const job = { worker, cancelled: false, name };
  app.loading = job;
  showError("data-error", "");
  progress({ phase: "read", loaded: 0, total: src.file ? src.file.size : 0 }, name);
  setState("loading");
  const t0 = performance.now();
  try {
    await worker.ready;
    const msg = {
      type: "load",
      name,
      format: opts.format || "auto",
      property: opts.property || "",
      parse: opts.parse || {},
      header: opts.header || 0,
      dataEnd: opts.dataEnd || 0,
      sheet: opts.sheet || "",
    };
    if (src.file) msg.file = src.file;
    else if (src.url) msg.url = new URL(src.url, location.href).href;
    else if (src.text != null) msg.text = src.text;
    else msg.bytes = src.bytes;
    const info = await worker.call(msg, (p) => {
      if (!job.cancelled) progress(p, name);
    });
    if (job.cancelled) return;
    const old = app.worker;
    app.worker = worker;
    app.loading = null;
    $("progress").hidden = true;
    await loaded(info, { ...opts, name, url: src.url || null, t0, src });
    // The old data goes once the new chart is up (ending a worker takes the thread a while).
    setTimeout(() => old?.terminate(), 200);
  } catch (e) {
    if (job.cancelled) return;
    worker.terminate();
    app.loading = null;
    $("progress").hidden = true;
    showError("data-error", `无法载入 ${name} / Could not load ${name}: ${e.message}`);
    setState(app.data ? "ready" : "error");
  } finally {
    prepareSpareWorker();
  }
}

async function loaded(info, opts) {
  const parse = { ...(opts.parse || {}) };
  app.data = {
    name: opts.name,
    origin: opts.origin || (opts.url ? "url" : "file"),
    url: opts.url,
    format: info.format,
    delimiter: info.delimiter,
    property: info.property,
    properties: info.properties || [],
    parse,
    citation: info.citation,
    synthetic: /synthetic|合成/i.test(opts.name),
    rows: info.rows,
    encoding: info.encoding,
    bytes: info.bytes,
    small: info.small || null,
    timing: info.timing,
    streamed: Boolean(info.streamed), // parsed as it arrived (false: read whole)
    memory: info.memory,
    warnings: info.warnings,
    // A yearbook table's title, unit, header and notes (src/table/csv/layout.rs), and what
    // is needed to read it again with corrections.
    layout: info.layout || null,
    src: opts.src || null,
    loadOpts: { format: opts.format, property: opts.property, parse: opts.parse, origin: opts.origin, name: opts.name, sheet: opts.sheet },
    header: opts.header || 0,
    dataEnd: opts.dataEnd || 0,
    // A workbook's sheet read and all its sheets.
    sheet: info.sheet || null,
    sheets: info.sheets || [],
    // Columns that look like one variable (years, levels), and the fold made of them.
    wide: info.wide || null,
    fold: null,
    // A long table pivoted wide (`{pivot, value, groupby}`), or null.
    pivot: null,
  };
  app.fields = info.fields;
  // JSON has no format.parse in the loader: apply the corrections in memory.
  if (info.format === "json") {
    for (const [field, to] of Object.entries(parse)) {
      try {
        app.fields = await app.worker.call({ type: "retype", field, to: to ?? "text" });
      } catch (e) {
        delete parse[field];
        showError("data-error", e.message);
      }
    }
  }
  fillFormatControls();
  await showPreview(info.preview);
  showLayout();
  showReshape();
  await nextTask(); // the preview's layout and the chart's query in separate tasks
  const ms = performance.now() - opts.t0;
  const d = app.data;
  $("data-status").textContent =
    `${d.synthetic ? "【合成数据 / SYNTHETIC】 " : ""}${d.name}: ${fmt(d.rows)} 行 × ${app.fields.length} 列 / rows × columns · ` +
    `${d.format.toUpperCase()} · ${d.encoding}` +
    (d.property ? ` · ${d.property}` : "") +
    (d.sheet ? ` · 工作表 / sheet ${d.sheet}` : "") +
    ` · ${Math.round(ms)} ms` +
    (d.warnings?.length ? ` · ⚠ ${d.warnings.join("; ")}` : "");
  $("data-status").dataset.rows = String(d.rows);
  const pending = app.pendingSpec;
  app.pendingSpec = null;
  let applied = false;
  if (pending) {
    try {
      await applySpec(pending, { quiet: true });
      applied = true;
    } catch (e) {
      $("spec-status").textContent = `分享的视图无法还原 / The shared view could not be restored: ${e.message}`;
    }
  }
  if (!applied) {
    setView(V.suggest(app.fields, d.rows));
    await refresh();
  }
  await settled(); // a refresh of the previous data may still be running: the new chart follows it
  const first = app.timings.at(-1);
  performance.mark("explore:first-chart");
  root.setAttribute("data-explore-loaded", String((Number(root.getAttribute("data-explore-loaded")) || 0) + 1));
  app.firstChart = { sinceLoadStart: performance.now() - opts.t0, query: first?.query };
  setState("ready");
}

function fillFormatControls() {
  const d = app.data;
  const sel = $("property");
  sel.replaceChildren();
  const workbook = d.sheets.length > 0;
  $("property-label").textContent = workbook ? "工作表 / Sheet" : "JSON 数组 / array";
  const props = workbook ? d.sheets : d.property ? [d.property, ...d.properties] : [];
  for (const p of props) sel.append(option(p, p, workbook && p === d.sheet));
  if (!props.length) sel.append(option("", "—"));
  sel.disabled = props.length < 2;
}

// ---------------------------------------------------------------------------------------
// Preview with type correction

const TYPES = [
  ["number", "数值 / number"],
  ["date", "日期 / date"],
  ["text", "文本 / text"],
];

function option(value, label, selected = false) {
  const o = document.createElement("option");
  o.value = value;
  o.textContent = label;
  if (selected) o.selected = true;
  return o;
}

function cellText(v) {
  if (v === null || v === undefined) return "";
  return typeof v === "number" ? String(v) : v;
}

async function showPreview(rows) {
  if (!rows) rows = await app.worker.call({ type: "preview", start: 0, count: 10 });
  const head = document.createElement("tr");
  for (const f of app.fields) {
    const th = document.createElement("th");
    th.scope = "col";
    const name = document.createElement("span");
    name.className = "ex-col-name";
    name.textContent = f.name;
    const sel = document.createElement("select");
    sel.setAttribute("aria-label", `“${f.name}”的类型 / type of ${f.name}`);
    sel.dataset.field = f.name;
    for (const [t, label] of TYPES) sel.append(option(t, label, t === f.type));
    sel.addEventListener("change", () => retype(f.name, sel.value));
    const stats = document.createElement("span");
    stats.className = "ex-col-stats";
    stats.textContent =
      `${fmt(f.distinct)} 个值` + (f.missing ? ` · 缺 ${fmt(f.missing)}` : "") + (f.vocabulary ? ` · 词表 ${f.vocabulary}` : "") + (f.yearLike ? " · 年份" : "");
    th.append(name, sel, stats);
    head.append(th);
  }
  const body = rows.map((r) => {
    const tr = document.createElement("tr");
    for (const f of app.fields) {
      const td = document.createElement("td");
      td.textContent = cellText(r[f.name]);
      if (f.type === "number") td.className = "num";
      tr.append(td);
    }
    return tr;
  });
  $("preview").tHead.replaceChildren(head);
  $("preview").tBodies[0].replaceChildren(...body);
}

/** What the loader took as title, unit, header, rows and notes, with the corrections. */
function showLayout() {
  const box = $("layout");
  const d = app.data;
  const l = d?.layout;
  if (!box) return;
  if (!l || d.format === "json" || !l.headerLine) {
    box.hidden = true;
    return;
  }
  box.hidden = false;
  const parts = [];
  if (l.title) parts.push(`标题 / Title: ${l.title}`);
  if (l.subtitle) parts.push(`副标题 / Subtitle: ${l.subtitle}`);
  if (l.unit) parts.push(`单位 / Unit: ${l.unit}`);
  const header = l.headerRows > 1 ? `${l.headerLine}–${l.headerLine + l.headerRows - 1}` : `${l.headerLine}`;
  parts.push(`表头 / Header: 第 ${header} 行 / line ${header}`);
  parts.push(`数据 / Rows: 第 ${l.headerLine + l.headerRows} – ${l.dataEndLine} 行 / lines`);
  $("layout-found").textContent = parts.join(" · ");
  const notes = $("layout-notes");
  notes.replaceChildren(
    ...l.notes.map((n) => {
      const li = document.createElement("li");
      li.textContent = `${n.kind === "source" ? "来源 / Source" : "注 / Note"} (第 ${n.line} 行): ${n.text}`;
      return li;
    }),
  );
  notes.hidden = !l.notes.length;
  $("layout-header").value = String(d.header || l.headerLine);
  $("layout-end").value = String(d.dataEnd || l.dataEndLine || "");
  $("layout-apply").disabled = !d.src;
}

/** The wide-to-long control: offered when columns look like one variable. */
function showReshape() {
  const d = app.data;
  const box = $("reshape");
  const wide = d?.pivot ? null : d?.fold || d?.wide;
  box.hidden = !wide;
  showPivot();
  if (!wide) return;
  const list = wide.fields.length > 4 ? `${wide.fields[0]} … ${wide.fields.at(-1)}` : wide.fields.join("、");
  $("reshape-text").textContent = d.fold
    ? `已将 ${list} 折叠为“${wide.key}”和“${wide.value}”两列(Vega-Lite fold,见规格);建议${wide.kind === "year" ? "折线图" : "分组柱状图"}。 Folded ${list} into “${wide.key}” and “${wide.value}” (Vega-Lite fold, see the spec).`
    : `${list} 像是同一变量的 ${wide.fields.length} 列,可折叠为“${wide.key}”和“${wide.value}”两列。 ${wide.fields.length} columns look like one variable: fold them into rows.`;
  $("reshape-fold").hidden = Boolean(d.fold);
  $("reshape-unfold").hidden = !d.fold;
}

/** Folds the wide columns into rows (or back), and draws the suggested view. */
async function reshape(fold) {
  const d = app.data;
  try {
    if (fold) {
      const res = await app.worker.call({ type: "fold" });
      app.fields = res.fields;
      d.fold = res.fold;
    } else {
      app.fields = await app.worker.call({ type: "unfold" });
      d.fold = null;
    }
    showError("data-error", "");
  } catch (e) {
    showError("data-error", `无法转换 / Could not reshape: ${e.message}`);
    return;
  }
  await showPreview();
  showReshape();
  setView(fold ? V.suggestFolded(app.fields, d.fold) : V.suggest(app.fields, d.rows));
  await refresh();
}

/** The long-to-wide control (Vega-Lite `pivot`): offered for a text field with few values
 *  and a number field, unless the table was folded; shows the transform the spec gets. */
function showPivot() {
  const d = app.data;
  const box = $("pivot");
  const choices = d && !d.fold && !d.pivot ? V.pivotChoices(app.fields) : null;
  box.hidden = !(d?.pivot || choices);
  if (box.hidden) return;
  $("pivot-choose").hidden = Boolean(d.pivot);
  $("pivot-undo").hidden = !d.pivot;
  if (d.pivot) {
    const p = d.pivot;
    const ops = { sum: ["之和", "summing"], mean: ["的平均", "averaging"], median: ["的中位数", "with the median of"], min: ["的最小值", "with the least"], max: ["的最大值", "with the largest"], count: ["的个数", "counting"] };
    const [zh, en] = ops[p.op] || ops.sum;
    $("pivot-text").textContent = `已将“${p.pivot}”的各值转为列,每列为“${p.value}”${zh},按 ${p.groupby.join("、") || "(全表)"} 分行(Vega-Lite pivot,见规格)。 Pivoted the values of “${p.pivot}” into columns ${en} “${p.value}”.`;
    $("pivot-spec").textContent = JSON.stringify(V.pivotTransform(p));
    return;
  }
  $("pivot-text").textContent = "一列的各值可转为多列(每组一行)。 The values of one column can become columns (one row per group).";
  $("pivot-spec").textContent = "";
  const fill = (select, names) => {
    const keep = names.includes(select.value) ? select.value : names[0];
    select.replaceChildren(...names.map((n) => new Option(n, n)));
    select.value = keep;
  };
  fill($("pivot-field"), choices.fields);
  fill($("pivot-value"), choices.values);
}

/** Pivots the long table wide (or back), and draws the suggested view. */
async function pivot(apply) {
  const d = app.data;
  let rows = d.rows;
  try {
    if (apply) {
      const res = await app.worker.call({ type: "pivot", pivot: $("pivot-field").value, value: $("pivot-value").value, op: $("pivot-op").value });
      app.fields = res.fields;
      d.pivot = res.pivot;
      rows = res.rows;
    } else {
      app.fields = await app.worker.call({ type: "unpivot" });
      d.pivot = null;
    }
    showError("data-error", "");
  } catch (e) {
    showError("data-error", `无法转换 / Could not pivot: ${e.message}`);
    return;
  }
  await showPreview();
  showReshape();
  setView(V.suggest(app.fields, rows));
  await refresh();
}

/** Reads the data again with the header line and data end line the reader gave. */
async function correctLayout(ev) {
  ev.preventDefault();
  const d = app.data;
  if (!d?.src) return;
  // Both lines are sent as corrections: the same lines as detected read the same table.
  await loadSource(d.src, {
    ...d.loadOpts,
    header: Number($("layout-header").value) || 0,
    dataEnd: Number($("layout-end").value) || 0,
  });
}

async function retype(field, to) {
  try {
    app.fields = await app.worker.call({ type: "retype", field, to });
    const inferred = to;
    app.data.parse[field] = inferred === "text" ? null : inferred;
    showError("data-error", "");
  } catch (e) {
    showError("data-error", `类型无法更改 / Type not changed: ${e.message}`);
  }
  await showPreview();
  setView(V.sanitize(app.view, app.fields), { keepCards: true });
  await refresh();
}

// ---------------------------------------------------------------------------------------
// Controls

const SELECTS = ["form", "x", "op", "y", "color", "facet", "sort"];

function fieldOptions(sel, fields, { none } = {}) {
  sel.replaceChildren();
  if (none) sel.append(option("", none));
  for (const f of fields) sel.append(option(f.name, `${f.name}(${f.type === "number" ? "数值" : f.type === "date" ? "日期" : "文本"})`));
}

function buildControls() {
  const fields = app.fields;
  const suggested = V.suggestedForms(app.view, fields);
  const form = $("form");
  form.replaceChildren(...V.FORMS.map(([v, label]) => option(v, suggested.includes(v) ? `${label} ★` : label)));
  fieldOptions($("x"), fields);
  $("op").replaceChildren(...V.OPS.map(([v, label]) => option(v, label)));
  fieldOptions($("y"), fields.filter((f) => f.type !== "text"), { none: "—" });
  fieldOptions($("color"), fields, { none: "无 / none" });
  fieldOptions($("facet"), fields.filter((f) => f.distinct <= 50), { none: "无 / none" });
  $("sort").replaceChildren(...V.SORTS.map(([v, label]) => option(v, label)));
  fieldOptions($("add-filter"), fields, { none: "选择字段… / choose a field…" });
}

function showControls() {
  const v = app.view;
  buildControls();
  $("form").value = v.form;
  $("x").value = v.x ?? "";
  $("op").value = v.op;
  $("y").value = v.y ?? "";
  $("color").value = v.color ?? "";
  $("facet").value = v.facet ?? "";
  $("sort").value = v.sort;
  $("top").value = v.top ?? "";
  $("title").value = v.title ?? "";
  $("y").disabled = v.op === "count";
  const x = app.fields.find((f) => f.name === v.x);
  const suggested = V.suggestedForms(v, app.fields);
  const names = suggested.map((s) => V.FORMS.find(([f]) => f === s)[1].split(" / ")[0]);
  $("form-hint").textContent =
    (x?.vocabulary
      ? `“${x.name}”是标准化词表字段(${x.vocabulary}):按层级顺序排列,颜色固定。 A vocabulary field: hierarchy order, fixed colours. `
      : "") + `建议 / Suggested ★: ${names.join("、")}`;
  renderCards();
}

function readControls() {
  const v = { ...app.view };
  const prevForm = v.form;
  v.form = $("form").value;
  v.x = $("x").value || null;
  v.op = $("op").value;
  v.y = $("y").value || null;
  v.color = $("color").value || null;
  v.facet = $("facet").value || null;
  v.sort = $("sort").value;
  v.top = $("top").value ? Number($("top").value) : null;
  v.title = $("title").value.trim() || null;
  const small = app.fields.filter((f) => f.type === "text" && f.name !== v.x && f.distinct <= 30);
  if ((v.form === "grouped" || v.form === "stacked") && (!v.color || v.color === v.x)) {
    v.color = (small.find((f) => f.vocabulary) || small[0])?.name || v.color;
  }
  // A colour other than the category stacks the bars; plain bars drop such a colour.
  if (v.form === "bar" && v.color && v.color !== v.x) {
    if (prevForm === "bar" && v.color !== app.view.color) v.form = "stacked";
    else if (prevForm !== "bar") v.color = null;
  }
  const numeric = app.fields.filter((f) => f.type === "number");
  if (v.op !== "count" && !v.y) v.y = (numeric.find((f) => !f.yearLike) || numeric[0])?.name || null;
  return V.sanitize(v, app.fields);
}

function setView(view, { keepCards = false } = {}) {
  app.view = view;
  if (!keepCards) {
    app.cards = view.filters.map((f) =>
      f.range
        ? { field: f.field, kind: "range", range: [...f.range] }
        : { field: f.field, kind: "values", exclude: Boolean(f.exclude), values: new Map(f.oneOf.map((x) => [JSON.stringify(x), x])) },
    );
  }
  syncFilters();
  showControls();
}

function syncFilters() {
  app.view.filters = app.cards
    .filter((c) => (c.kind === "range" ? Boolean(c.range) : !(c.exclude && c.values.size === 0)))
    .map((c) =>
      c.kind === "range"
        ? { field: c.field, range: c.range }
        : { field: c.field, oneOf: [...c.values.values()], ...(c.exclude ? { exclude: true } : {}) },
    );
}

function onControl() {
  app.view = readControls();
  syncFilters();
  showControls();
  refresh();
}

// ---------------------------------------------------------------------------------------
// Filters: a card per field, values (checkbox list with search) or a range (sliders)

function renderCards() {
  const box = $("filters");
  box.replaceChildren(...app.cards.map((c, i) => (c.kind === "range" ? rangeCard(c, i) : valuesCard(c, i))));
}

function cardShell(c, i, kind) {
  const card = document.createElement("div");
  card.className = `ex-filter ex-filter-${kind}`;
  card.dataset.field = c.field;
  const head = document.createElement("div");
  head.className = "ex-filter-head";
  const title = document.createElement("strong");
  title.textContent = c.field;
  const remove = document.createElement("button");
  remove.type = "button";
  remove.className = "ex-remove";
  remove.textContent = "×";
  remove.setAttribute("aria-label", `移除“${c.field}”筛选 / remove the filter on ${c.field}`);
  remove.addEventListener("click", () => {
    app.cards.splice(i, 1);
    syncFilters();
    renderCards();
    refresh();
  });
  head.append(title, remove);
  card.append(head);
  return card;
}

function valuesCard(c, i) {
  const card = cardShell(c, i, "values");
  const search = document.createElement("input");
  search.type = "search";
  search.placeholder = "搜索 / Search";
  search.setAttribute("aria-label", `搜索“${c.field}”的值 / search values of ${c.field}`);
  search.value = c.search || "";
  const buttons = document.createElement("div");
  buttons.className = "ex-row";
  const all = document.createElement("button");
  all.type = "button";
  all.textContent = "全选 / All";
  const none = document.createElement("button");
  none.type = "button";
  none.textContent = "清空 / None";
  buttons.append(all, none);
  const list = document.createElement("ul");
  list.className = "ex-checks";
  const note = document.createElement("p");
  note.className = "ex-hint";
  card.append(search, buttons, list, note);
  const changed = () => {
    syncFilters();
    refresh();
  };
  all.addEventListener("click", () => {
    c.exclude = true;
    c.values.clear();
    fill();
    changed();
  });
  none.addEventListener("click", () => {
    c.exclude = false;
    c.values.clear();
    fill();
    changed();
  });
  let timer = 0;
  search.addEventListener("input", () => {
    c.search = search.value;
    clearTimeout(timer);
    timer = setTimeout(fill, 150);
  });
  let seq = 0;
  async function fill() {
    const mine = ++seq;
    let d;
    try {
      d = await app.worker.call({ type: "distinct", field: c.field, limit: 200, search: c.search || "" });
    } catch (e) {
      note.textContent = e.message;
      return;
    }
    if (mine !== seq) return;
    list.replaceChildren(
      ...d.values.map(({ value, count }) => {
        const li = document.createElement("li");
        const label = document.createElement("label");
        const box = document.createElement("input");
        box.type = "checkbox";
        const key = JSON.stringify(value);
        box.value = typeof value === "string" ? value : key;
        box.checked = c.exclude ? !c.values.has(key) : c.values.has(key);
        box.addEventListener("change", () => {
          const want = c.exclude ? !box.checked : box.checked;
          if (want) c.values.set(key, value);
          else c.values.delete(key);
          changed();
        });
        const text = document.createElement("span");
        text.textContent = cellText(value);
        const n = document.createElement("span");
        n.className = "count";
        n.textContent = fmt(count);
        label.append(box, text, n);
        li.append(label);
        return li;
      }),
    );
    note.textContent = `${d.more ? `显示 ${d.values.length} 个 / showing ${d.values.length} of ` : ""}${fmt(d.total)} 个值 / values` + (d.missing ? ` · 缺失 ${fmt(d.missing)} / missing` : "");
  }
  fill();
  return card;
}

const isoDay = (ms) => new Date(ms).toISOString().slice(0, 10);

function rangeCard(c, i) {
  const card = cardShell(c, i, "range");
  const f = app.fields.find((x) => x.name === c.field);
  const lo = f?.min ?? 0;
  const hi = f?.max ?? 0;
  const date = f?.type === "date";
  const step = date ? 86400000 : f?.yearLike || (Number.isInteger(lo) && Number.isInteger(hi) && hi - lo <= 1000) ? 1 : (hi - lo) / 200 || 1;
  const [a, b] = c.range || [lo, hi];
  const make = (value, which) => {
    const s = document.createElement("input");
    s.type = "range";
    s.min = String(lo);
    s.max = String(hi);
    s.step = String(step);
    s.value = String(value);
    s.setAttribute("aria-label", `${c.field} ${which === 0 ? "下限 / from" : "上限 / to"}`);
    return s;
  };
  const s0 = make(a, 0);
  const s1 = make(b, 1);
  const out = document.createElement("output");
  const show = () => {
    const [x, y] = c.range || [lo, hi];
    out.textContent = date ? `${isoDay(x)} – ${isoDay(y)}` : `${fmt(x)} – ${fmt(y)}`;
  };
  const moved = () => {
    let x = Number(s0.value);
    let y = Number(s1.value);
    if (x > y) [x, y] = [y, x];
    c.range = [x, y];
    show();
    syncFilters();
    refresh();
  };
  s0.addEventListener("input", moved);
  s1.addEventListener("input", moved);
  show();
  card.append(s0, s1, out);
  return card;
}

function addFilter(name) {
  const f = app.fields.find((x) => x.name === name);
  if (!f) return;
  if (f.type === "text" || (f.distinct <= 30 && !f.yearLike && f.type !== "date")) {
    app.cards.push({ field: name, kind: "values", exclude: true, values: new Map() });
  } else {
    app.cards.push({ field: name, kind: "range", range: null });
  }
  syncFilters();
  renderCards();
  $("add-filter").value = "";
}

// ---------------------------------------------------------------------------------------
// Querying and drawing

/** The plot's size for decimation, from the chart box's last observed width (reading it
 * afresh would force a layout of the page in the middle of an update). */
function chartSize() {
  const width = lastWidth || $("chart").getBoundingClientRect().width;
  return { width: Math.max(200, width - 80), height: 240 };
}

/** Resolves once no query is running or waiting. */
async function settled() {
  while (app.busy) await new Promise((r) => setTimeout(r, 10));
}

/** Runs the view's query and draws the answer; one query in flight, the latest wins. */
async function refresh() {
  if (!app.worker || !app.data) return;
  if (app.busy) {
    app.again = true;
    return;
  }
  app.busy = true;
  try {
    do {
      app.again = false;
      try {
        await refreshOnce();
      } catch (e) {
        if (!app.again) throw e; // a newer view (or newer data) is waiting: draw that instead
      }
    } while (app.again);
  } catch (e) {
    $("chart-status").textContent = `图表无法更新 / The chart could not be updated: ${e.message}`;
    $("chart-status").classList.add("ex-error");
  } finally {
    app.busy = false;
  }
}

async function refreshOnce() {
  const view = app.view;
  const query = V.toQuery(view, app.fields, chartSize());
  const t0 = performance.now();
  const worker = app.worker;
  const { result, transforms, ms, memory } = await worker.call({ type: "query", query });
  const t1 = performance.now();
  if (worker !== app.worker) app.again = true; // new data arrived meanwhile
  if (app.again) return; // a newer view is waiting: skip drawing this one
  const spec = V.toSpec(view, app.fields, app.data, transforms);
  const notes = [];
  if (result.decimatedFrom) {
    notes.push(`为绘图抽稀:${fmt(result.decimatedFrom)} 点 → ${fmt(result.rows.length)} 点(每像素列保留最高与最低点)。 Decimated for drawing: the lowest and highest point of every pixel column.`);
  }
  if (result.truncated) {
    notes.push(`只画出数值最大的 ${fmt(result.rows.length)} 项(共 ${fmt(result.groups)} 项)。 Only the largest ${fmt(result.rows.length)} of ${fmt(result.groups)} shown.`);
  }
  const drawn = V.renderSpec(spec, result.rows, notes);
  await draw(drawn);
  const t2 = performance.now();
  app.spec = spec;
  app.drawn = drawn;
  app.result = result;
  app.renders += 1;
  const timing = { query: ms, roundTrip: t1 - t0, draw: t2 - t1, total: t2 - t0, rows: result.rows.length, matched: result.matched, memory };
  app.timings.push(timing);
  if (app.timings.length > 200) app.timings.shift();
  const status = $("chart-status");
  status.classList.remove("ex-error");
  status.dataset.matched = String(result.matched);
  status.dataset.rows = String(result.rows.length);
  status.textContent =
    `${fmt(result.matched)} / ${fmt(app.data.rows)} 行符合筛选 / rows match · ` +
    (view.op === "none" ? `${fmt(result.rows.length)} 行绘出 / rows drawn` : `${fmt(result.groups)} 组 / groups`) +
    ` · 计算 ${ms.toFixed(1)} ms · 绘制 ${(t2 - t1).toFixed(1)} ms` +
    (result.decimatedFrom ? ` · 抽稀 / decimated ${fmt(result.decimatedFrom)} → ${fmt(result.rows.length)}` : "") +
    (result.truncated ? " · 已截断 / truncated" : "");
  showSpec(spec);
  root.setAttribute("data-explore-renders", String(app.renders));
  scheduleShare();
}

async function draw(spec) {
  if (!app.chart) {
    app.chart = render($("chart"), spec);
    await app.chart.ready;
  } else {
    await app.chart.update(spec);
  }
}

// Redraw decimated lines and points at the new width.
let lastWidth = 0;
new ResizeObserver((entries) => {
  const w = entries.at(-1).contentRect.width;
  const was = lastWidth;
  lastWidth = w;
  if (was && Math.abs(w - was) / was > 0.1 && ["line", "area", "point"].includes(app.view.form)) refresh();
}).observe($("chart"));

// ---------------------------------------------------------------------------------------
// The spec editor

function showSpec(spec) {
  const box = $("spec");
  if (document.activeElement === box && box.dataset.dirty === "1") return;
  box.value = JSON.stringify(spec, null, 2);
  box.dataset.dirty = "0";
}

/** Applies a spec: its data's type corrections, then its transforms and encodings. */
async function applySpec(spec, { quiet = false } = {}) {
  if (!spec || typeof spec !== "object") throw new Error("the spec must be a JSON object");
  const parse = spec.data?.format?.parse || {};
  for (const [field, to] of Object.entries(parse)) {
    const want = to === null ? "text" : String(to);
    const have = app.data.parse[field];
    const now = app.fields.find((f) => f.name === field);
    if (!now) throw new Error(`data.format.parse: the data has no field ${JSON.stringify(field)}`);
    if ((have === undefined ? now.type : have ?? "text") !== want) {
      app.fields = await app.worker.call({ type: "retype", field, to: want });
      app.data.parse[field] = to;
    }
  }
  if (Object.keys(parse).length || Object.keys(app.data.parse).length) await showPreview();
  // The fold (or pivot) of a reshaped table is the data's, not the query's.
  let transforms = spec.transform || [];
  const reshaped = V.reshapeTransform(app.data);
  if (reshaped && JSON.stringify(transforms[0]) === JSON.stringify(reshaped)) transforms = transforms.slice(1);
  const query = await app.worker.call({ type: "transformsQuery", transforms });
  const view = V.fromSpec(spec, app.fields, query);
  setView(view);
  await refresh();
  await settled();
  if (!quiet) {
    const same = JSON.stringify(normal(spec)) === JSON.stringify(normal(app.spec));
    $("spec-status").textContent = same
      ? "已应用 / Applied."
      : "已应用;规格已按控件可表达的形式整理。 Applied; the spec was normalised to what the controls express.";
  }
}

const normal = (s) => ({ transform: s?.transform || [], mark: s?.mark ?? s?.spec?.mark, encoding: s?.encoding ?? s?.spec?.encoding });

async function onSpecApply() {
  let spec;
  try {
    spec = JSON.parse($("spec").value);
  } catch (e) {
    $("spec-status").textContent = `不是有效的 JSON / Not valid JSON: ${e.message}`;
    return;
  }
  const url = spec?.data?.url;
  if (url && app.data && url !== (app.data.url || app.data.name) && sameOrigin(url) && app.data.origin === "url") {
    app.pendingSpec = spec;
    $("spec-status").textContent = `载入 ${url}… / Loading ${url}…`;
    await loadSource({ url }, { name: url.split("/").pop(), origin: "url", format: spec.data.format?.type || "auto", property: spec.data.format?.property || "", parse: spec.data.format?.parse });
    return;
  }
  try {
    $("spec").dataset.dirty = "0";
    await applySpec(spec);
  } catch (e) {
    $("spec-status").textContent = `无法应用 / Not applied: ${e.message}`;
  }
}

// ---------------------------------------------------------------------------------------
// Sharing and downloads

function dataDescription() {
  const d = app.data;
  return { name: d.name, origin: d.origin, url: d.url, format: d.format, property: d.property, parse: d.parse, synthetic: d.synthetic };
}

let shareTimer = 0;
function scheduleShare() {
  clearTimeout(shareTimer);
  shareTimer = setTimeout(updateShare, 250);
}

const attr = (s) => s.replace(/&/g, "&amp;").replace(/'/g, "&#39;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/**
 * The embed code of the drawn chart: by default the published form (`stdviz publish`'s
 * fragment, written by the same wasm: the picture at every published width, shown with
 * no script, and stdviz-lite.js, which brings the live chart on interaction or when
 * idle), else the live embed alone.
 */
let embedSeq = 0;
async function updateEmbed() {
  // Publishing waits for the full engine; only the latest call writes its code.
  const seq = ++embedSeq;
  const drawn = JSON.stringify(app.drawn);
  const live = `<div data-stdviz='${attr(drawn)}'></div>`;
  if ($("embed-form").value === "live") {
    $("embed").value = `<script type="module" src="${new URL("stdviz.js", location.href).href}"></script>\n${live}`;
    $("embed-note").textContent = "图表在脚本和 wasm 载入后显示。 The chart shows once the script and the wasm have loaded.";
    return;
  }
  try {
    const { html } = await publish(drawn, {}, { id: "stdviz-explored" });
    if (seq !== embedSeq) return;
    $("embed").value = `<script type="module" src="${new URL("stdviz-lite.js", location.href).href}"></script>\n${html}`;
    $("embed-note").textContent = `图表先以预渲染的 SVG 显示(无需脚本),交互时再载入完整图表。代码 ${fmt(html.length)} 字符。 The chart shows at once as pre-rendered SVG (no script needed); the live chart loads on interaction. ${fmt(html.length)} characters.`;
  } catch (e) {
    if (seq !== embedSeq) return;
    $("embed").value = `<script type="module" src="${new URL("stdviz.js", location.href).href}"></script>\n${live}`;
    $("embed-note").textContent = `无法预渲染,改用仅脚本 / Could not pre-render, script only: ${e.message}`;
  }
}

async function updateShare() {
  if (!app.spec || !app.data) return;
  // The link written below is of this render; a later render schedules its own.
  const renders = app.renders;
  const d = app.data;
  const bytes = d.origin === "url" ? null : d.small;
  let fragment;
  try {
    fragment = await V.encodeShare(app.spec, dataDescription(), bytes);
  } catch (e) {
    $("share-note").textContent = `链接无法生成 / No link: ${e.message}`;
    return;
  }
  const url = `${location.href.split("#")[0]}#${fragment}`;
  history.replaceState(null, "", `#${fragment}`);
  $("share-url").value = url;
  $("share-note").textContent =
    d.origin === "url"
      ? `链接包含视图;数据从 ${d.url} 载入。 The link holds the view; the data loads from ${d.url}.`
      : bytes
        ? `链接包含视图和数据(${fmt(bytes.length)} 字节)。 The link holds the view and the data.`
        : `数据太大,链接只含视图:打开者需要再载入 ${d.name}。 The data is too large for a link; whoever opens it loads ${d.name} again.`;
  await updateEmbed();
  if (Number(root.getAttribute("data-explore-shared") || 0) < renders) root.setAttribute("data-explore-shared", String(renders));
}

function baseName() {
  const t = app.spec?.title;
  return (String(typeof t === "string" ? t : t?.text || "stdviz-view").replace(/[\\/:*?"<>|\u0000-\u001f]+/g, " ").trim().slice(0, 60) || "stdviz-view");
}

async function copy(text, status) {
  try {
    await navigator.clipboard.writeText(text);
    $(status).textContent = "已复制 / Copied.";
  } catch {
    $(status).textContent = "无法访问剪贴板,请手动复制 / The clipboard is not available: select and copy.";
  }
}

async function guarded(status, fn) {
  try {
    await fn();
  } catch (e) {
    $(status).textContent = `失败 / Failed: ${e.message}`;
  }
}

// ---------------------------------------------------------------------------------------
// Wiring

function sniffName(text) {
  const t = text.trimStart();
  return t.startsWith("[") || t.startsWith("{") ? "pasted.json" : t.split("\n")[0].includes("\t") ? "pasted.tsv" : "pasted.csv";
}

function loadFile(file) {
  if (!file) return;
  loadSource({ file }, { name: file.name, origin: "file", format: $("format").value });
}

function wire() {
  const drop = $("drop");
  const pick = () => $("file").click();
  drop.addEventListener("click", pick);
  drop.addEventListener("keydown", (e) => {
    if (e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      pick();
    }
  });
  $("file").addEventListener("change", () => {
    loadFile($("file").files[0]);
    $("file").value = "";
  });
  for (const type of ["dragenter", "dragover"]) {
    drop.addEventListener(type, (e) => {
      e.preventDefault();
      drop.classList.add("ex-drop-over");
    });
  }
  drop.addEventListener("dragleave", () => drop.classList.remove("ex-drop-over"));
  drop.addEventListener("drop", (e) => {
    e.preventDefault();
    drop.classList.remove("ex-drop-over");
    loadFile(e.dataTransfer?.files?.[0]);
  });
  // A file dropped anywhere else does not navigate away from the page.
  addEventListener("dragover", (e) => e.preventDefault());
  addEventListener("drop", (e) => e.preventDefault());

  $("url-form").addEventListener("submit", (e) => {
    e.preventDefault();
    const url = $("url").value.trim();
    if (!url) return;
    if (!sameOrigin(url)) {
      showError("data-error", `${url} 在其他网站;只能载入本站的文件(其他文件请下载后拖入)。 Only files on this site load by URL; download others and drop them here.`);
      return;
    }
    loadSource({ url }, { name: url.split("/").pop() || url, origin: "url", format: $("format").value });
  });
  $("paste-load").addEventListener("click", () => {
    const text = $("paste").value;
    if (!text.trim()) return;
    loadSource({ text }, { name: sniffName(text), origin: "paste", format: $("format").value });
  });
  $("property").addEventListener("change", () => {
    const d = app.data;
    if (!d) return;
    const src = d.origin === "url" ? { url: d.url } : d.small ? { bytes: d.small } : null;
    if (!src) {
      showError("data-error", "请重新选择文件 / Choose the file again to read another array.");
      return;
    }
    if (d.sheets.length) {
      // Another sheet of the workbook: read again from the kept file.
      if (d.src) loadSource(d.src, { name: d.name, origin: d.origin, format: "auto", sheet: $("property").value });
      return;
    }
    loadSource(src, { name: d.name, origin: d.origin, format: "json", property: $("property").value });
  });
  $("cancel").addEventListener("click", cancelLoad);
  $("layout-form").addEventListener("submit", correctLayout);
  $("reshape-fold").addEventListener("click", () => reshape(true));
  $("reshape-unfold").addEventListener("click", () => reshape(false));
  $("pivot-apply").addEventListener("click", () => pivot(true));
  $("pivot-undo").addEventListener("click", () => pivot(false));

  for (const id of SELECTS) $(id).addEventListener("change", onControl);
  let typing = 0;
  for (const id of ["top", "title"]) {
    $(id).addEventListener("input", () => {
      clearTimeout(typing);
      typing = setTimeout(onControl, 300);
    });
  }
  $("controls").addEventListener("submit", (e) => e.preventDefault());
  $("add-filter").addEventListener("change", () => {
    addFilter($("add-filter").value);
    refresh();
  });

  $("spec").addEventListener("input", () => ($("spec").dataset.dirty = "1"));
  $("spec-apply").addEventListener("click", onSpecApply);
  $("spec-copy").addEventListener("click", () => copy($("spec").value, "spec-status"));
  $("spec-download").addEventListener("click", () =>
    download(new Blob([`${JSON.stringify(app.spec, null, 2)}\n`], { type: "application/json" }), `${baseName()}.vl.json`),
  );

  $("share-copy").addEventListener("click", () => copy($("share-url").value, "share-status"));
  $("embed-copy").addEventListener("click", () => copy($("embed").value, "share-status"));
  $("embed-form").addEventListener("change", () => {
    if (app.drawn) updateEmbed();
  });
  $("dl-png").addEventListener("click", () => guarded("share-status", async () => download(await app.chart.toPNG(2), `${baseName()}.png`)));
  $("dl-svg").addEventListener("click", () =>
    guarded("share-status", async () => download(new Blob([app.chart.toSVG()], { type: "image/svg+xml" }), `${baseName()}.svg`)),
  );
  $("dl-csv").addEventListener("click", () =>
    guarded("share-status", async () => download(new Blob([app.chart.toCSV()], { type: "text/csv;charset=utf-8" }), `${baseName()}.csv`)),
  );
  $("dl-offline").addEventListener("click", () =>
    guarded("share-status", async () => {
      const n = await downloadOfflineHTML({ title: baseName(), fileName: baseName() });
      $("share-status").textContent = `已生成离线 HTML(${fmt(n)} 字符) / Offline HTML saved.`;
    }),
  );
}

async function start() {
  setState("starting");
  wire();
  let shared = null;
  if (location.hash.length > 1) {
    try {
      shared = await V.decodeShare(location.hash);
    } catch (e) {
      showError("data-error", `链接中的视图无法读取 / The view in the link could not be read: ${e.message}`);
    }
  }
  if (shared) {
    const d = shared.data || {};
    app.pendingSpec = shared.spec;
    const opts = { name: d.name || "data", origin: d.origin || "file", format: d.format || "auto", property: d.property || "", parse: d.parse || {} };
    if (shared.bytes) return loadSource({ bytes: shared.bytes }, opts);
    if (d.origin === "url" && d.url && sameOrigin(d.url)) return loadSource({ url: d.url }, opts);
    $("data-status").textContent = `这个视图需要数据文件 ${d.name}:请拖入或选择它。 This view needs the data file ${d.name}: drop or choose it.`;
    setState("needs-data");
    return;
  }
  await loadSource({ url: DEFAULT_DATA.url }, { name: DEFAULT_DATA.url.split("/").pop(), origin: "url", format: DEFAULT_DATA.format, property: DEFAULT_DATA.property });
}

start();
