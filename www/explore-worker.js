// The explorer's Web Worker (a module worker): one wasm instance holding one Dataset
// (src/web/dataset.rs). The page (explore.js) posts it a file, a URL, text or bytes to load,
// then queries; every answer is small JSON, so the page's thread never touches the rows.
//
// Messages in:   {id, type: "init", glue, wasm, workbookGlue, workbookWasm}
//                                                          → {id, type: "done", value: {memory}}
//                {id, type: "load", file | url | text | bytes, name, format, property, parse, keep}
//                                                          → {type: "progress", id, phase, loaded, total}…
//                                                            {id, type: "done", value: info}
//                {id, type: "query", query}               → {id, type: "done", value: {result, transforms, ms}}
//                {id, type: "distinct" | "extent" | "preview" | "retype" | "transformsQuery", …}
// Errors:        {id, type: "error", message}; a wasm trap also reports {type: "crashed", message}.
//
// Loading streams the file into wasm memory chunk by chunk (no second full copy in JS:
// each chunk is read into one reused buffer and copied straight into the Dataset's),
// reporting progress; delimited text is parsed as it arrives, each chunk's complete
// records at once, so the file is never held whole (JSON, and what only the whole CSV
// loader handles, are parsed in one call at the end, which the page shows as
// indeterminate; a stream that hands the input back late makes the worker read it again). A load
// is cancelled by terminating the worker: the page starts each load in a fresh worker and
// keeps the old one (and its data) until the new one has finished.

// Two engines: the CSV one (glue, wasm) at init, and the workbook one (the same plus the
// .xlsx/.xls/.ods readers, ~236 KB gzip more) loaded only when a workbook is dropped: by
// its name, or when the CSV engine says the bytes need it (NEEDS_WORKBOOK in
// src/explore/load.rs), after which the input is read again. Once loaded it stays.
let engines = null; // {csv: {glue, wasm}, workbook: {glue, wasm}}
let engine = null; // "csv" | "workbook": the one instantiated
const NEEDS_WORKBOOK = "the workbook engine";
const WORKBOOK_NAME = /\.(xlsx|xlsm|xls|ods)$/i;
let ns = null; // the wasm-bindgen glue module
let exports = null; // the wasm exports (memory)
let ds = null; // the Dataset
let queue = Promise.resolve();

const post = (m) => self.postMessage(m);
const memory = () => (exports && exports.memory ? exports.memory.buffer.byteLength : 0);

self.onmessage = (e) => {
  const m = e.data;
  queue = queue.then(() => handle(m));
};

async function handle(m) {
  try {
    const value = await run(m);
    post({ id: m.id, type: "done", value });
  } catch (err) {
    const trap = typeof WebAssembly !== "undefined" && err instanceof WebAssembly.RuntimeError;
    let message = err && err.message ? err.message : String(err);
    if (trap) {
      try {
        message = (ns && ns.lastPanic()) || message;
      } catch {
        // a dead instance may not answer
      }
      post({ type: "crashed", message });
    }
    post({ id: m.id, type: "error", message });
  }
}

const SHARE_KEEP = 96 * 1024;

async function run(m) {
  switch (m.type) {
    case "init": {
      engines = {
        csv: { glue: m.glue, wasm: m.wasm },
        workbook: m.workbookGlue ? { glue: m.workbookGlue, wasm: m.workbookWasm } : null,
      };
      await use("csv");
      return { memory: memory() };
    }
    case "load":
      return load(m);
    case "query": {
      const t0 = performance.now();
      const result = JSON.parse(need().query(JSON.stringify(m.query)));
      const ms = performance.now() - t0;
      const transforms = JSON.parse(ns.queryTransforms(JSON.stringify(m.query)));
      return { result, transforms, ms, memory: memory() };
    }
    case "distinct":
      return JSON.parse(need().distinct(m.field, m.limit ?? 200, m.search || undefined));
    case "extent":
      return JSON.parse(need().extent(m.field));
    case "preview":
      return JSON.parse(need().preview(m.start ?? 0, m.count ?? 10));
    case "retype":
      return JSON.parse(need().retype(m.field, m.to));
    case "fold":
      return JSON.parse(need().fold());
    case "unfold":
      return JSON.parse(need().unfold());
    case "pivot":
      return JSON.parse(need().pivot(m.pivot, m.value, m.op || "sum"));
    case "unpivot":
      return JSON.parse(need().unpivot());
    case "transformsQuery":
      return JSON.parse(ns.transformsQuery(JSON.stringify(m.transforms ?? [])));
    case "queryTransforms":
      return JSON.parse(ns.queryTransforms(JSON.stringify(m.query)));
    default:
      throw new Error(`explore worker: unknown message ${m.type}`);
  }
}

/** Instantiates engine `name` ("csv" or "workbook") unless it is the one running. */
async function use(name) {
  if (engine === name || (engine === "workbook" && name === "csv")) return;
  const e = engines?.[name];
  if (!e) throw new Error(`explore worker: no ${name} engine was given`);
  if (ds) ds.free();
  ds = null;
  ns = await import(e.glue);
  exports = await ns.default({ module_or_path: e.wasm });
  engine = name;
}

function need() {
  if (!ds) throw new Error("no data loaded yet");
  return ds;
}

const CHUNK = 1 << 20;

/**
 * Reads a stream to its end, handing each chunk to `take` (which must copy it before it
 * returns; a `take` that throws stops the reading). A byte stream (a File's, a response
 * body's) is read into two reused 1 MiB buffers, so a 100 MB file leaves no 100 MB of
 * chunks behind for the garbage collector while it is parsed; other streams chunk by chunk.
 */
async function drain(stream, take) {
  let byob = null;
  try {
    byob = stream.getReader({ mode: "byob" });
  } catch {
    // not a byte stream
  }
  const reader = byob || stream.getReader();
  let next = null;
  try {
    // The next chunk is always requested before this one is handed to `take`, so the
    // browser reads while the Dataset parses (two buffers take turns for a byte stream).
    let spare = byob ? new ArrayBuffer(CHUNK) : null;
    const request = () => (byob ? byob.read(new Uint8Array(spare, 0, CHUNK)) : reader.read());
    next = request();
    if (byob) spare = new ArrayBuffer(CHUNK);
    for (;;) {
      const { done, value } = await next;
      if (done) return;
      next = request();
      if (value.length) take(value);
      if (byob) spare = value.buffer;
    }
  } catch (err) {
    // `take` gave up (or the read failed): stop reading the rest.
    next?.catch(() => {});
    reader.cancel().catch(() => {});
    throw err;
  }
}

/** Thrown by a chunk's `take` when the stream asks for the input again, whole. */
const AGAIN = Symbol("read again");

async function load(m) {
  if (!ns) throw new Error("explore worker: not initialised");
  const t0 = performance.now();
  const name = m.name || m.file?.name || m.url || "";
  if (WORKBOOK_NAME.test(name.split(/[?#]/)[0])) await use("workbook");
  let info;
  try {
    info = await readInto(m, true, t0);
  } catch (err) {
    if (err === AGAIN) {
      // Something only the whole loader handles turned up after the stream had freed the
      // bytes before it: read the input again, keeping every byte this time.
      info = await readInto(m, false, t0);
    } else if (engine === "csv" && String(err?.message ?? err).includes(NEEDS_WORKBOOK)) {
      // A workbook under another name: read it again with the workbook engine.
      await use("workbook");
      info = await readInto(m, false, t0);
    } else {
      throw err;
    }
  }
  return info;
}

/**
 * Reads the input of load message `m` into a new Dataset and makes its table. With
 * `stream`, delimited text is parsed chunk by chunk as it arrives (src/web/dataset.rs);
 * throws AGAIN when the stream hands the input back after it freed bytes.
 */
async function readInto(m, stream, t0) {
  if (ds) ds.free();
  ds = null;
  const next = new ns.Dataset();
  ds = next;
  let loaded = 0;
  let total = 0;
  let parsing = 0; // ms spent parsing chunks while reading
  const kept = [];
  let keep = true;
  let last = 0;
  const progress = (phase, force) => {
    const now = performance.now();
    if (!force && now - last < 50) return;
    last = now;
    post({ type: "progress", id: m.id, phase, loaded, total });
  };
  const take = (chunk) => {
    // Straight into the Dataset's buffer: one copy, no temporary in wasm (take
    // `memory.buffer` after `grow`, which may have grown the memory).
    const at = next.grow(chunk.length);
    new Uint8Array(exports.memory.buffer, at, chunk.length).set(chunk);
    loaded += chunk.length;
    if (keep && loaded <= SHARE_KEEP) kept.push(chunk.slice());
    else keep = false;
    const f0 = performance.now();
    const more = next.feed(false);
    parsing += performance.now() - f0;
    if (!more) throw AGAIN;
    progress("read");
  };
  let source = null;
  if (m.file) {
    total = m.file.size;
    source = m.file.stream();
  }
  let whole = m.text != null ? new TextEncoder().encode(m.text) : m.bytes;
  if (m.url) {
    const res = await fetch(m.url);
    if (!res.ok) throw new Error(`could not load ${m.url}: HTTP ${res.status}`);
    total = Number(res.headers.get("content-length")) || 0;
    // Large responses stream in with progress; small ones are read whole (a stream read
    // to its end is sometimes reported as aborted by the browser's network log).
    if (total && total <= 4 * 1048576) whole = new Uint8Array(await res.arrayBuffer());
    else source = res.body;
  } else if (!m.file && !whole) {
    throw new Error("nothing to load");
  }
  if (whole) total = whole.length;
  // Corrections of a yearbook table's layout (header line, data end line), before begin.
  if (m.header || m.dataEnd) next.setLayout(m.header || 0, m.dataEnd || 0);
  if (m.sheet) next.setSheet(m.sheet); // a workbook's sheet
  next.begin(m.format || "auto", m.property || "", JSON.stringify(m.parse || {}), m.name || "data", total, stream && !whole);
  progress("read", true);
  if (whole) take(whole);
  if (source) await drain(source, take);
  const t1 = performance.now();
  progress("parse", true);
  if (!next.feed(true)) throw AGAIN;
  const info = JSON.parse(next.load());
  const t2 = performance.now();
  info.bytes = loaded;
  // read: from the request to the last byte; parse: parsing after it (all of it when not
  // streamed); streamedParse: parsing done while reading.
  info.timing = { read: t1 - t0, parse: t2 - t1, streamedParse: parsing };
  info.memory = memory();
  if (keep && loaded <= SHARE_KEEP) {
    const small = new Uint8Array(loaded);
    let at = 0;
    for (const c of kept) {
      small.set(c, at);
      at += c.length;
    }
    info.small = small;
  }
  info.preview = JSON.parse(next.preview(0, 10));
  return info;
}
