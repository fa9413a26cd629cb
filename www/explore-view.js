// The explorer's view model: what the controls say, and the Vega-Lite spec that means it.
// Pure functions, no DOM (node can import this file; tests/e2e/explorer.test.mjs does).
//
//   view   = { form, x, y, op, color, facet, sort, top, filters, title }  (the controls)
//   fields = [{ name, type: "number"|"date"|"text", distinct, missing, vocabulary, yearLike, min, max }]
//   data   = { name, url, format, property, parse, citation, synthetic }  (where the rows came from)
//
//   toQuery(view, fields, size)          → the worker's query (the query form of src/web/dataset/wire.rs)
//   toSpec(view, fields, data, transforms) → the Vega-Lite spec shown, edited and shared;
//                                          `transforms` come from the engine (queryTransforms)
//   fromSpec(spec, fields, query)        → the view the spec means; `query` from transformsQuery
//   renderSpec(spec, rows, notes)        → the spec drawn: the same, with the engine's rows inline
//   suggest(fields, rows)                → a first view for freshly loaded data
//   suggestedForms(view, fields)         → forms that suit the fields (vocabulary defaults)

export const FORMS = [
  ["bar", "柱形 / Bar"],
  ["grouped", "分组柱形 / Grouped bars"],
  ["stacked", "堆积柱形 / Stacked bars"],
  ["barh", "条形 / Horizontal bars"],
  ["line", "折线 / Line"],
  ["area", "面积 / Area"],
  ["point", "散点 / Points"],
  ["arc", "环形 / Donut"],
  ["cards", "数字卡片 / Number cards"],
  ["waffle", "方格 / Waffle"],
  ["table", "表格 / Table"],
];

export const OPS = [
  ["count", "计数 / Count rows"],
  ["sum", "合计 / Sum"],
  ["mean", "平均 / Mean"],
  ["median", "中位数 / Median"],
  ["min", "最小 / Min"],
  ["max", "最大 / Max"],
  ["distinct", "不同值数 / Distinct"],
  ["none", "不汇总(原始行) / None (raw rows)"],
];

export const SORTS = [
  ["auto", "默认(词表层级或标签) / Default (hierarchy or label)"],
  ["-value", "按数值降序 / Value, descending"],
  ["value", "按数值升序 / Value, ascending"],
  ["label", "按标签升序 / Label, ascending"],
  ["-label", "按标签降序 / Label, descending"],
];

const OP_TITLE = { sum: "合计", mean: "平均", median: "中位数", min: "最小", max: "最大", distinct: "不同值数" };
const SORTABLE = new Set(["bar", "grouped", "stacked", "barh", "waffle"]);
const LINEAR = new Set(["line", "area", "point"]);
export const SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json";

/** Most groups a bar-like chart asks for; most raw rows; rows kept when decimating. */
export const LIMITS = { groups: 2000, raw: 20000 };

export function defaultView() {
  return { form: "bar", x: null, y: null, op: "count", color: null, facet: null, sort: "auto", top: null, filters: [], title: null };
}

const field = (fields, name) => fields.find((f) => f.name === name) || null;

/** The name of the aggregate's output field, unique among the data's fields. */
export function valueName(view, fields) {
  if (view.op === "none") return view.y;
  let name = view.op === "count" ? "count" : `${view.op}_${view.y}`;
  while (fields.some((f) => f.name === name)) name += "_";
  return name;
}

export function valueTitle(view) {
  if (view.op === "count") return "数量 / Count";
  if (view.op === "none") return view.y;
  return `${view.y}(${OP_TITLE[view.op] || view.op})`;
}

function autoTitle(view) {
  const by = [view.x, view.color && view.color !== view.x ? view.color : null].filter(Boolean).join("、");
  return by ? `${valueTitle(view)} · 按${by}` : valueTitle(view);
}

/** Group-by fields in order: x (the category of a donut or cards), colour, facet. */
export function groupBy(view) {
  const out = [];
  for (const f of [view.x, view.color, view.facet]) if (f && !out.includes(f)) out.push(f);
  return out;
}

function xType(view, f) {
  if (!f) return "nominal";
  if (f.type === "text") return "nominal";
  if (f.type === "date") return "temporal";
  if (LINEAR.has(view.form)) return view.op !== "none" && f.yearLike ? "ordinal" : "quantitative";
  return "ordinal";
}

/** Which forms suit the chosen fields; the vocabulary's defaults first. */
export function suggestedForms(view, fields) {
  const x = field(fields, view.x);
  const color = field(fields, view.color);
  if (!x) return ["bar"];
  if (view.op === "none") return x.type === "text" ? ["bar", "barh"] : ["point", "line"];
  const series = color && color.name !== x.name;
  if (x.type === "date" || x.yearLike) return series ? ["line", "grouped", "area"] : ["line", "bar", "area"];
  if (x.vocabulary) return series ? ["grouped", "stacked"] : ["bar", "arc", "waffle", "cards"];
  if (x.distinct > 12) return ["barh"];
  return series ? ["grouped", "stacked"] : ["bar", "barh", "arc"];
}

/**
 * A first view for a table just folded long (`fold` = {fields, kind, key, value}): the
 * key along x summed, one series per row label — a line over years, grouped bars otherwise.
 */
export function suggestFolded(fields, fold) {
  const view = defaultView();
  view.x = fold.key;
  view.op = "sum";
  view.y = fold.value;
  const label = fields.find((f) => f.type === "text" && f.name !== fold.key);
  if (label) view.color = label.name;
  view.form = fold.kind === "year" ? "line" : label ? "grouped" : "bar";
  return view;
}

/** The Vega-Lite `fold` transform of a fold, or null. */
export function foldTransform(fold) {
  return fold ? { fold: [...fold.fields], as: [fold.key, fold.value] } : null;
}

/** Most columns a pivot may make (src/explore/reshape.rs MAX_PIVOT_COLUMNS). */
export const MAX_PIVOT_COLUMNS = 100;

/**
 * What a long table may be pivoted by: `fields` (text fields with 2 to 100 values, the
 * fewest first, a vocabulary field such as the standard levels before the rest) whose values
 * become columns, and `values` (number fields, the last non-year one first). Null when the
 * table has no such pair.
 */
export function pivotChoices(fields) {
  const fields2 = fields
    .filter((f) => f.type === "text" && f.distinct >= 2 && f.distinct <= MAX_PIVOT_COLUMNS)
    .sort((a, b) => Boolean(b.vocabulary) - Boolean(a.vocabulary) || a.distinct - b.distinct)
    .map((f) => f.name);
  const numbers = fields.filter((f) => f.type === "number");
  const values = [...numbers.filter((f) => !f.yearLike).reverse(), ...numbers.filter((f) => f.yearLike)].map((f) => f.name);
  return fields2.length && values.length ? { fields: fields2, values } : null;
}

/** The Vega-Lite `pivot` transform of a pivot (`{pivot, value, groupby}`), or null. */
export function pivotTransform(p) {
  if (!p) return null;
  const t = { pivot: p.pivot, value: p.value, groupby: [...p.groupby] };
  // Vega-Lite's pivot sums by default: the op is written only when it is another.
  if (p.op && p.op !== "sum") t.op = p.op;
  return t;
}

/** The reshape transform the data carries (a fold or a pivot), first in the spec; or null. */
export function reshapeTransform(data) {
  return foldTransform(data?.fold) || pivotTransform(data?.pivot);
}

/** A first view for freshly loaded data: the vocabulary field (or a small category) by count. */
export function suggest(fields, rows) {
  const view = defaultView();
  const texts = fields.filter((f) => f.type === "text");
  const vocab = texts.find((f) => f.vocabulary === "level") || texts.find((f) => f.vocabulary);
  const cat = vocab || texts.find((f) => f.distinct >= 2 && f.distinct <= 30);
  const time = fields.find((f) => f.type === "date" || f.yearLike);
  const measure = fields.find((f) => f.type === "number" && !f.yearLike && f.distinct > 1);
  const x = cat || time || fields[0];
  if (!x) return view;
  view.x = x.name;
  // One row per category: the table is already a count; sum its measure.
  if (measure && x.distinct + (x.missing ? 1 : 0) === rows) {
    view.op = "sum";
    view.y = measure.name;
  }
  if (x === time) view.form = "line";
  else if (x.distinct > 12) {
    view.form = "barh";
    view.top = 10;
    view.sort = "-value";
  } else if (x.vocabulary) view.color = x.name; // the vocabulary's fixed colours
  return view;
}

/** The worker's query for a view (the query form of src/web/dataset/wire.rs); `size` = plot {width, height} in CSS px. */
export function toQuery(view, fields, size = { width: 640, height: 300 }) {
  const q = { filters: view.filters.map(filterQuery) };
  const linear = LINEAR.has(view.form);
  const x = field(fields, view.x);
  const canDecimate = linear && x && x.type !== "text";
  const columns = Math.max(50, Math.round(size.width || 640));
  const rows = Math.max(50, Math.round(size.height || 300));
  if (view.op === "none") {
    q.fields = [...new Set([view.x, view.y, view.color, view.facet].filter(Boolean))];
    q.limit = LIMITS.raw;
    if (canDecimate && view.y) {
      q.decimate = { x: view.x, y: view.y, columns, ...(view.form === "point" ? { rows } : {}) };
      if (view.color) q.decimate.series = view.color;
    }
    return q;
  }
  q.groupBy = groupBy(view);
  q.aggregate = { op: view.op, as: valueName(view, fields) };
  if (view.op !== "count") q.aggregate.field = view.y;
  if (view.top && q.groupBy.length) q.top = view.top;
  q.limit = LIMITS.groups;
  if (canDecimate) {
    q.decimate = { x: view.x, y: q.aggregate.as, columns, ...(view.form === "point" ? { rows } : {}) };
    if (view.color && view.color !== view.x) q.decimate.series = view.color;
  }
  return q;
}

function filterQuery(f) {
  const out = { field: f.field };
  if (f.range) out.range = [f.range[0] ?? null, f.range[1] ?? null];
  else out.oneOf = f.oneOf || [];
  if (f.exclude) out.exclude = true;
  return out;
}

/** The `data` of the spec: where the rows came from, with the type corrections. */
export function dataSpec(data) {
  // A workbook (xlsx, xls, ods) has no Vega-Lite format type: stdviz tells it by its bytes.
  const workbook = ["xlsx", "xls", "ods"].includes(data.format);
  const format = workbook ? {} : { type: data.format || "csv" };
  if (data.format === "json" && data.property) format.property = data.property;
  if (data.parse && Object.keys(data.parse).length) format.parse = { ...data.parse };
  return { url: data.url || data.name || "data.csv", format };
}

function sourceLine(data) {
  if (data.synthetic) return `合成数据,非公布数字 / SYNTHETIC data, not published figures (${data.name})`;
  if (data.layout?.source) return data.layout.source;
  if (data.citation) return `来源 / Source: ${data.citation}`;
  return `数据 / Data: ${data.name}`;
}

function sortFor(view, axis) {
  const other = axis === "x" ? "y" : "x";
  switch (view.sort) {
    case "-value": return `-${other}`;
    case "value": return other;
    case "label": return "ascending";
    case "-label": return "descending";
    default: return undefined;
  }
}

/** The mark and encoding of one panel. */
function unit(view, fields) {
  const xf = field(fields, view.x);
  const vname = valueName(view, fields);
  const V = { field: vname, type: "quantitative", title: valueTitle(view) };
  const X = { field: view.x, type: xType(view, xf), title: view.x };
  // Colour by the category itself (vocabulary colours) needs no legend: the axis names it.
  const C = view.color
    ? { field: view.color, type: "nominal", title: view.color, ...(view.color === view.x && view.form !== "arc" ? { legend: null } : {}) }
    : null;
  const sorted = (enc, axis) => {
    const s = SORTABLE.has(view.form) ? sortFor(view, axis) : undefined;
    return s === undefined ? enc : { ...enc, sort: s };
  };
  const withColor = (enc) => (C ? { ...enc, color: C } : enc);
  switch (view.form) {
    case "grouped":
      return {
        mark: { type: "bar", tooltip: true },
        encoding: { x: sorted(X, "x"), y: V, ...(C ? { xOffset: { field: view.color, type: "nominal" }, color: C } : {}) },
      };
    case "barh":
      return { mark: { type: "bar", tooltip: true }, encoding: withColor({ y: sorted(X, "y"), x: V }) };
    case "line":
    case "area":
      return { mark: { type: view.form, tooltip: true }, encoding: withColor({ x: X, y: V }) };
    case "point":
      return { mark: { type: "point", tooltip: true }, encoding: withColor({ x: X, y: V }) };
    case "arc":
      return {
        mark: { type: "arc", innerRadius: 50, tooltip: true },
        encoding: { theta: V, color: { field: view.x, type: "nominal", title: view.x } },
      };
    case "cards":
      return { mark: { type: "text", tooltip: true }, encoding: { y: { field: view.x, type: "nominal", sort: null, title: null }, text: V } };
    case "waffle":
    case "stacked":
    case "bar":
    default:
      return { mark: { type: "bar", tooltip: true }, encoding: withColor({ x: sorted(X, "x"), y: V }) };
  }
}

/** The Vega-Lite spec of a view. `transforms` is the engine's own reading of the query. */
export function toSpec(view, fields, data, transforms) {
  // A yearbook table's own title (its table number dropped) when the reader gave none.
  const title = view.title || data.layout?.chartTitle || autoTitle(view);
  const spec = { $schema: SCHEMA, title, data: dataSpec(data) };
  // A wide table folded long (or a long one pivoted wide): that transform comes first,
  // then the engine's own transforms.
  const reshaped = reshapeTransform(data);
  const all = [...(reshaped ? [reshaped] : []), ...(transforms || [])];
  if (all.length) spec.transform = all;
  const u = unit(view, fields);
  if (view.facet && !["cards", "waffle", "table"].includes(view.form)) {
    spec.facet = { field: view.facet, type: "nominal", title: view.facet };
    spec.columns = 2;
    spec.spec = { height: 160, ...u };
  } else {
    spec.width = "container";
    spec.height = 300;
    Object.assign(spec, u);
  }
  // Large figures the Chinese way (316.6万; one unit per axis), as the gallery's charts.
  const stdviz = { source: sourceLine(data), numbers: "zh" };
  if (data.layout?.unit) stdviz.unit = data.layout.unit;
  // The reader's corrections of the file's layout, and a workbook's sheet.
  if (data.header) stdviz.header = data.header;
  if (data.dataEnd) stdviz.dataEnd = data.dataEnd;
  if (data.sheet && data.sheets?.length > 1) stdviz.sheet = data.sheet;
  if (data.layout?.note) stdviz.note = data.layout.note;
  if (view.form === "cards") stdviz.form = { type: "cards", label: view.x };
  if (view.form === "waffle") stdviz.form = { type: "waffle", columns: 20 };
  // The table form: the chart's rows (the same bars' encoding) as a sortable table, the
  // value column a heat map on the continuous colour ramp.
  if (view.form === "table") {
    stdviz.form = "table";
    const value = unit(view, fields).encoding.y?.field;
    if (value) stdviz.table = { heat: [value] };
  }
  spec.usermeta = { stdviz };
  return spec;
}

/** The spec drawn: the same marks and encodings, the engine's rows inline, no transforms. */
export function renderSpec(spec, rows, notes = []) {
  const out = structuredClone(spec);
  delete out.transform;
  delete out.$schema;
  out.data = { values: rows };
  if (notes.length) {
    out.usermeta = out.usermeta || {};
    const own = out.usermeta.stdviz?.note;
    out.usermeta.stdviz = { ...(out.usermeta.stdviz || {}), note: [own, ...notes].filter(Boolean).join(" ") };
  }
  return out;
}

const FORM_OF_MARK = { line: "line", area: "area", point: "point", circle: "point", square: "point", arc: "arc", text: "cards" };

/**
 * The view a spec means, for the controls. `query` is the engine's reading of the spec's
 * transforms (transformsQuery). Throws an Error naming what the controls cannot show.
 */
export function fromSpec(spec, fields, query) {
  if (!spec || typeof spec !== "object" || Array.isArray(spec)) throw new Error("the spec must be a JSON object");
  const names = new Set(fields.map((f) => f.name));
  const known = (name, where) => {
    if (name == null) return null;
    if (typeof name !== "string" || !names.has(name)) throw new Error(`${where}: the data has no field ${JSON.stringify(name)} (fields: ${[...names].join(", ")})`);
    return name;
  };
  const view = defaultView();
  let u = spec;
  if (spec.facet) {
    const f = spec.facet.field ?? spec.facet.row?.field ?? spec.facet.column?.field;
    view.facet = known(f, "facet.field");
    u = spec.spec || {};
  }
  const mark = typeof u.mark === "string" ? u.mark : u.mark?.type;
  const enc = u.encoding || {};
  const stated = spec.usermeta?.stdviz?.form;
  const form = typeof stated === "string" ? stated : stated?.type;
  if (form === "cards" || form === "waffle" || form === "table") view.form = form;
  else if (mark === "bar") {
    const horizontal = enc.y && enc.x && enc.y.type !== "quantitative" && enc.x.type === "quantitative";
    if (horizontal) view.form = "barh";
    else if (enc.xOffset) view.form = "grouped";
    else if (enc.color && enc.color.field !== enc.x?.field) view.form = "stacked";
    else view.form = "bar";
  } else if (FORM_OF_MARK[mark]) view.form = FORM_OF_MARK[mark];
  else throw new Error(`mark: the controls draw bar, line, area, point, arc and text (cards), not ${JSON.stringify(mark)}`);

  let category;
  let valueEnc;
  if (view.form === "arc") {
    category = enc.color;
    valueEnc = enc.theta;
  } else if (view.form === "cards") {
    category = enc.y;
    valueEnc = enc.text;
  } else if (view.form === "barh") {
    category = enc.y;
    valueEnc = enc.x;
  } else {
    category = enc.x;
    valueEnc = enc.y;
  }
  view.x = known(category?.field, "encoding: the category field");
  if (view.form !== "arc" && enc.color) view.color = known(enc.color.field, "encoding.color.field");
  if (view.form === "grouped" && enc.xOffset?.field && enc.xOffset.field !== view.color) {
    throw new Error("encoding.xOffset: the controls group bars by the colour field");
  }
  const sort = category?.sort;
  view.sort =
    sort === undefined ? "auto"
    : sort === "-y" || sort === "-x" ? "-value"
    : sort === "y" || sort === "x" ? "value"
    : sort === "ascending" ? "label"
    : sort === "descending" ? "-label"
    : sort === null && view.form === "cards" ? "auto"
    : (() => { throw new Error(`sort: the controls sort by value or label, not ${JSON.stringify(sort)}`); })();

  const q = query || {};
  for (const f of q.filters || []) {
    known(f.field, "transform: filter field");
    const out = { field: f.field };
    if (f.range) out.range = f.range;
    else out.oneOf = f.oneOf;
    if (f.exclude) out.exclude = true;
    view.filters.push(out);
  }
  if (q.aggregate) {
    view.op = q.aggregate.op === "average" ? "mean" : q.aggregate.op;
    view.y = view.op === "count" ? null : known(q.aggregate.field, "transform: aggregate field");
    if (valueEnc?.field !== q.aggregate.as) {
      throw new Error(`encoding: the value channel should read the aggregate's output "${q.aggregate.as}", not ${JSON.stringify(valueEnc?.field)}`);
    }
    const want = groupBy(view);
    if (JSON.stringify(q.groupBy || []) !== JSON.stringify(want)) {
      throw new Error(`transform: the aggregate's groupby ${JSON.stringify(q.groupBy || [])} should be ${JSON.stringify(want)} (category, colour, facet)`);
    }
    view.top = q.top ?? null;
  } else {
    view.op = "none";
    view.y = known(valueEnc?.field, "encoding: the value field");
  }
  if (typeof spec.title === "string") view.title = spec.title;
  else if (spec.title && typeof spec.title.text === "string") view.title = spec.title.text;
  if (view.title === autoTitle(view)) view.title = null;
  return view;
}

/** A view with every field reference checked against `fields`; unknown ones dropped. */
export function sanitize(view, fields) {
  const names = new Set(fields.map((f) => f.name));
  const ok = (n) => (n && names.has(n) ? n : null);
  const v = { ...defaultView(), ...view };
  v.x = ok(v.x);
  v.y = ok(v.y);
  v.color = ok(v.color);
  v.facet = ok(v.facet);
  v.filters = (v.filters || []).filter((f) => names.has(f.field));
  if (!FORMS.some(([f]) => f === v.form)) v.form = "bar";
  if (!OPS.some(([o]) => o === v.op)) v.op = "count";
  if (v.op !== "count" && v.op !== "none" && !v.y) v.op = "count";
  if (v.op === "none" && !v.y) v.op = "count";
  if (!SORTS.some(([s]) => s === v.sort)) v.sort = "auto";
  const top = Number(v.top);
  v.top = Number.isInteger(top) && top > 0 ? top : null;
  if (!v.x && fields[0]) v.x = fields[0].name;
  return v;
}

// ---------------------------------------------------------------------------------------
// The URL fragment: #v1.<base64url(deflate-raw(payload))> (or #v1u.<base64url(payload)>
// where CompressionStream is missing). payload = 4-byte big-endian header length, the
// header as UTF-8 JSON {spec, data: {name, url, format, property, parse, synthetic}},
// then the data file's bytes when they are small enough to travel in the link.

export const SHARE_DATA_MAX = 96 * 1024;

function toBase64Url(bytes) {
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text) {
  const b64 = text.replace(/-/g, "+").replace(/_/g, "/");
  const bin = atob(b64 + "===".slice((b64.length + 3) % 4));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

async function pipe(bytes, stream) {
  const out = new Response(new Blob([bytes]).stream().pipeThrough(stream));
  return new Uint8Array(await out.arrayBuffer());
}

/** The fragment (without `#`) for a spec, its data description and, when small, its bytes. */
export async function encodeShare(spec, data, bytes) {
  const header = new TextEncoder().encode(JSON.stringify({ spec, data }));
  const withData = bytes && bytes.length <= SHARE_DATA_MAX ? bytes : new Uint8Array(0);
  const payload = new Uint8Array(4 + header.length + withData.length);
  new DataView(payload.buffer).setUint32(0, header.length);
  payload.set(header, 4);
  payload.set(withData, 4 + header.length);
  if (typeof CompressionStream === "function") {
    return `v1.${toBase64Url(await pipe(payload, new CompressionStream("deflate-raw")))}`;
  }
  return `v1u.${toBase64Url(payload)}`;
}

/** Reads a fragment written by encodeShare: {spec, data, bytes (null when not included)}. */
export async function decodeShare(fragment) {
  const m = /^#?(v1u?)\.([A-Za-z0-9_-]+)$/.exec(fragment || "");
  if (!m) return null;
  let payload = fromBase64Url(m[2]);
  if (m[1] === "v1") payload = await pipe(payload, new DecompressionStream("deflate-raw"));
  const n = new DataView(payload.buffer, payload.byteOffset, payload.byteLength).getUint32(0);
  const header = JSON.parse(new TextDecoder().decode(payload.subarray(4, 4 + n)));
  const rest = payload.subarray(4 + n);
  return { spec: header.spec, data: header.data, bytes: rest.length ? rest : null };
}
