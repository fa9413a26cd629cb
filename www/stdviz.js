// stdviz embed script: one module for every page that shows stdviz charts.
//
//   <script type="module" src="https://example.org/stdviz/stdviz.js"> (then the closing script tag)
//   <div data-stdviz="specs/bar.json"></div>           (a spec URL, or inline spec JSON)
//
// Every [data-stdviz] element on the page is mounted, including elements added later (a
// MutationObserver watches the document); all charts share one WebAssembly instance. The
// same module is the JS API (see stdviz.d.ts and docs/EMBED.md):
//
//   import { render } from "./stdviz.js";
//   const chart = render(element, spec, options);   // → handle: update, resize, destroy,
//                                                   //   toPNG, toSVG, toCSV, data, on
//
// Each chart lives in an open shadow root on its element with its own small stylesheet,
// so the host page's CSS cannot reach the chart and the chart's CSS cannot reach the
// page. Errors (bad spec, missing data, a crash of the wasm instance) are shown in the
// chart's own box as text; a crashed instance is replaced and the other charts mounted
// again, so the page stays alive. Text from specs and data reaches the DOM only through
// textContent and attributes.
//
// The same file runs inline in an offline bundle (stdviz bundle, or "offline HTML" in a
// chart's menu): the wasm, the wasm-bindgen glue, specs and data then come from the
// <script type="application/json" id="stdviz-bundle"> block and nothing is fetched.

// Replaced by Trunk.toml's post_build hook with the hashed stem of the wasm-bindgen
// output (stdviz-<hash>); the glue is <stem>.js and the wasm <stem>_bg.wasm beside this file.
const STEM = "__STDVIZ_GLUE__";
// Replaced by the same hook (scripts/explore-wasm.sh) with the stem of the explorer's own
// wasm (explore-engine-<hash>): the chart wasm plus the explorer's data engine (Dataset).
const EXPLORE_STEM = "__STDVIZ_EXPLORE__";
// The same for the explorer's workbook engine (workbook-engine-<hash>: the data engine plus
// the .xlsx/.xls/.ods readers), which its worker loads only when a workbook is dropped.
const WORKBOOK_STEM = "__STDVIZ_WORKBOOK__";
// Replaced by the same hook (scripts/full-wasm.sh) with the stem of the full chart wasm
// (full-engine-<hash>): the parts few charts use. The chart wasm above (the lite one)
// answers an error named "NeedsFull" for a spec that needs one of them; only then is this
// one fetched (once, shared by every such chart) and the chart drawn with it.
const FULL_STEM = "__STDVIZ_FULL__";
const HERE = import.meta.url;
const VERSION = 1;

const BUNDLE = readBundle();

function readBundle() {
  const el = document.getElementById("stdviz-bundle");
  if (!el) return null;
  try {
    const b = JSON.parse(el.textContent);
    return b && b.stdvizBundle === VERSION ? b : null;
  } catch (e) {
    console.error("stdviz: the offline bundle's data block is not valid JSON", e);
    return null;
  }
}

// ---------------------------------------------------------------------------------------
// Where the wasm and its glue come from

/**
 * URL of the wasm-bindgen glue and of the wasm, for pages served over HTTP: the lite chart
 * wasm (`kind` "chart") or the full one ("full").
 */
function assetUrls(kind = "chart") {
  if (kind === "full") {
    if (FULL_STEM.startsWith("__")) throw new Error("stdviz.js: the full chart wasm was not built (build the page with trunk)");
    return { glue: new URL(`${FULL_STEM}.js`, HERE).href, wasm: new URL(`${FULL_STEM}_bg.wasm`, HERE).href };
  }
  if (!STEM.startsWith("__")) {
    return { glue: new URL(`${STEM}.js`, HERE).href, wasm: new URL(`${STEM}_bg.wasm`, HERE).href };
  }
  // Not rewritten (e.g. a page trunk built, served from the source tree): trunk's own
  // preload link names the glue.
  const link = document.querySelector('link[rel="modulepreload"][href*="stdviz"]');
  if (!link) throw new Error("stdviz.js: cannot find the wasm glue (build the page with trunk)");
  const glue = new URL(link.getAttribute("href"), document.baseURI).href;
  return { glue, wasm: glue.replace(/\.js$/, "_bg.wasm") };
}

/**
 * URLs of the wasm-bindgen glue module and the wasm, for a worker or test of one's own;
 * null inside an offline bundle. `"chart"` (the default): the module the charts use first.
 * `"full"`: the full chart wasm, for specs the first one answers "NeedsFull" for. `"explore"`: the explorer's own build (the chart wasm plus `Dataset`, cargo feature
 * `explore`), which only the explorer's data worker loads, so chart pages never fetch it.
 * `"workbook"`: that build with the workbook readers (cargo feature `workbook`), which the
 * worker loads only for a workbook.
 */
export function wasmAssetUrls(kind = "chart") {
  if (BUNDLE) return null;
  if (kind !== "explore" && kind !== "workbook") return assetUrls(kind === "full" ? "full" : "chart");
  const stem = kind === "explore" ? EXPLORE_STEM : WORKBOOK_STEM;
  if (stem.startsWith("__")) throw new Error(`stdviz.js: the explorer's ${kind} wasm was not built (build the page with trunk)`);
  return { glue: new URL(`${stem}.js`, HERE).href, wasm: new URL(`${stem}_bg.wasm`, HERE).href };
}

function base64ToBytes(b64) {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

function bytesToBase64(bytes) {
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

// An offline bundle holds one wasm (the full one), which serves both kinds.
const compiledModules = new Map(); // kind → WebAssembly.Module, kept for re-instantiation

async function wasmModule(kind) {
  if (BUNDLE) kind = "chart";
  if (compiledModules.has(kind)) return compiledModules.get(kind);
  let module;
  if (BUNDLE) {
    module = await WebAssembly.compile(base64ToBytes(BUNDLE.wasm));
  } else {
    const res = await fetch(assetUrls(kind).wasm);
    if (!res.ok) throw new Error(`could not load the stdviz wasm: HTTP ${res.status}`);
    module = await WebAssembly.compile(await res.arrayBuffer());
  }
  compiledModules.set(kind, module);
  return module;
}

let generation = 0;
const created = new Set(); // kinds with an instance made from their glue's own URL

/**
 * A fresh wasm instance with its own copy of the glue module (the glue keeps its instance
 * in module state, so a second instance needs a second module record: a new URL).
 */
async function createEngine(kind) {
  const n = ++generation;
  let ns;
  if (BUNDLE) {
    const url = URL.createObjectURL(new Blob([BUNDLE.glue], { type: "text/javascript" }));
    try {
      ns = await import(url);
    } finally {
      URL.revokeObjectURL(url);
    }
    await ns.default({ module_or_path: await wasmModule(kind) });
  } else {
    const { glue, wasm } = assetUrls(kind);
    if (!created.has(kind)) {
      created.add(kind);
      // The first instance shares the glue module with trunk's own loader on pages trunk
      // built, so the wasm is fetched once.
      ns = await import(glue);
      await ns.default({ module_or_path: wasm });
    } else {
      ns = await import(`${glue}?stdviz-instance=${n}`);
      await ns.default({ module_or_path: await wasmModule(kind) });
    }
  }
  return { ns, kind, generation: n, dead: false };
}

// kind ("chart": the lite wasm every page fetches; "full": fetched on demand) → the
// promise of its current instance. In an offline bundle both kinds share one instance.
const enginePromises = new Map();

function engine(kind = "chart") {
  if (BUNDLE) kind = "chart";
  if (!enginePromises.has(kind)) {
    const promise = createEngine(kind);
    enginePromises.set(kind, promise);
    promise.catch(() => {
      if (enginePromises.get(kind) === promise) enginePromises.delete(kind);
    });
  }
  return enginePromises.get(kind);
}

/** True for the lite wasm's answer that a spec needs the full wasm. */
function needsFull(e) {
  return Boolean(e) && e.name === "NeedsFull";
}

// ---------------------------------------------------------------------------------------
// Crashes: a panic aborts the whole instance (release builds are panic=abort)

function isTrap(e) {
  return typeof WebAssembly !== "undefined" && e instanceof WebAssembly.RuntimeError;
}

function panicMessage(eng, e) {
  let msg = null;
  try {
    msg = eng.ns.lastPanic();
  } catch {
    // the dead instance may not answer
  }
  return msg || `WebAssembly trap: ${e && e.message ? e.message : e}`;
}

/**
 * Calls `fn` (a call into the wasm of instance `eng`); a trap kills the instance (see
 * instanceDied, `culprit` the chart it served or null) and is thrown as a crash.
 */
function guarded(eng, culprit, fn) {
  try {
    return fn();
  } catch (e) {
    if (isTrap(e)) {
      instanceDied(eng, culprit, e);
      throw new Error(`stdviz crashed: ${panicMessage(eng, e)}`);
    }
    throw e;
  }
}

const charts = new Set(); // live Chart objects
let recovering = null;

/**
 * The instance `eng` died (a panic or another trap) while serving `culprit` (null when not
 * known). The culprit's box shows the message; a new instance is created and every other
 * chart is mounted again on it. A chart whose mount crashes again is reported in its box
 * in turn, so a page never ends dead.
 */
function instanceDied(eng, culprit, error) {
  if (eng.dead) return recovering;
  eng.dead = true;
  const message = panicMessage(eng, error);
  console.error(`stdviz: the wasm instance crashed${culprit ? "" : " (chart unknown)"}: ${message}`);
  const promise = enginePromises.get(eng.kind);
  if (promise) {
    promise.then((current) => {
      if (current === eng && enginePromises.get(eng.kind) === promise) enginePromises.delete(eng.kind);
    });
  }
  // Only the charts on the dead instance (the lite and the full wasm are two instances).
  const others = [...charts].filter((c) => c !== culprit && (!c.eng || c.eng === eng));
  for (const c of others) c.abandonView();
  if (culprit) culprit.crashed(message);
  recovering = (async () => {
    await Promise.resolve();
    for (const c of others) if (!c.destroyed) await c.remount(culprit === null ? message : null);
  })();
  recovering.finally(() => {
    recovering = null;
  });
  return recovering;
}

// A trap inside a callback the glue runs by itself (a redraw on resize, a pointer event)
// surfaces here. Only traps of the current instance count: errors thrown by an old,
// already replaced instance are ignored.
addEventListener("error", (event) => {
  if (!isTrap(event.error)) return;
  for (const promise of enginePromises.values()) promise.then((eng) => {
    if (eng.dead) return;
    let panicked = false;
    try {
      panicked = Boolean(eng.ns.lastPanic());
    } catch {
      panicked = true;
    }
    if (panicked) instanceDied(eng, null, event.error);
  });
});

// ---------------------------------------------------------------------------------------
// Fetching specs and data (hosts: same origin only; bundles: from the data block)

/** Fetches `url` (resolved against `base`, else the page) from this origin only. */
export async function fetchSameOrigin(url, base) {
  const resolved = new URL(url, base || document.baseURI);
  if (resolved.origin !== location.origin && location.protocol !== "file:") {
    throw new Error(`${url} is on another origin; stdviz loads same-origin files only`);
  }
  let response;
  try {
    response = await fetch(resolved);
  } catch (e) {
    throw new Error(`could not load ${url}: ${e.message}`);
  }
  if (!response.ok) throw new Error(`could not load ${url}: HTTP ${response.status}`);
  return response;
}

const decoder = new TextDecoder();

/** Spec text from a spec reference: inline JSON, a bundle entry, or a URL. */
async function specText(ref, base) {
  const trimmed = ref.trim();
  if (trimmed.startsWith("{")) return { text: trimmed, files: null };
  if (BUNDLE && trimmed.startsWith("bundle:")) {
    const entry = BUNDLE.charts[Number(trimmed.slice(7))];
    if (!entry) throw new Error(`the offline bundle has no chart ${trimmed}`);
    return { text: entry.spec, files: entry.files };
  }
  if (!trimmed) throw new Error("data-stdviz is empty: give a spec URL or inline spec JSON");
  const res = await fetchSameOrigin(trimmed, base);
  return { text: decoder.decode(new Uint8Array(await res.arrayBuffer())), files: null };
}

// Data files travel as bytes: the wasm module detects their encoding (UTF-8, UTF-16,
// GBK), which response.text() would already have guessed wrongly as UTF-8.
async function dataBytes(url, files, base) {
  if (files) {
    if (!(url in files)) throw new Error(`the offline bundle lacks data.url ${url}`);
    return base64ToBytes(files[url]);
  }
  return new Uint8Array(await (await fetchSameOrigin(url, base)).arrayBuffer());
}

// ---------------------------------------------------------------------------------------
// One chart: a shadow root with the stage (the wasm's container), a menu, an error box

const CSS = `
:host { display: block; }
.stdviz-frame {
  all: initial; color-scheme: inherit; display: block; position: relative; box-sizing: border-box; width: 100%; height: 100%;
  font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "Helvetica Neue", Arial, sans-serif;
  font-size: 13px; line-height: 1.4; color: #1f2328; text-align: left;
}
.stdviz-stage { display: block; position: relative; width: 100%; height: 100%; }
.stdviz-chart:focus-visible { outline: 2px solid #1a6de0; outline-offset: 2px; }
.stdviz-tools { position: absolute; top: 4px; right: 4px; z-index: 3; }
.stdviz-menu-button {
  all: initial; box-sizing: border-box; display: block; min-width: 28px; height: 28px; padding: 0 6px; border-radius: 4px;
  font: 600 16px/26px sans-serif; color: #4d5560; background: rgba(255,255,255,.85); border: 1px solid #d0d5db;
  cursor: pointer; text-align: center; opacity: .75;
}
.stdviz-menu-button:hover, .stdviz-menu-button[aria-expanded="true"] { opacity: 1; background: #fff; }
.stdviz-menu-button:focus-visible { opacity: 1; outline: 2px solid #1f6feb; outline-offset: 1px; }
.stdviz-menu {
  position: absolute; right: 0; top: 32px; min-width: 13em; padding: 4px 0; margin: 0; background: #fff;
  border: 1px solid #d0d5db; border-radius: 6px; box-shadow: 0 4px 14px rgba(0,0,0,.14);
}
.stdviz-menu[hidden] { display: none; }
.stdviz-menu button {
  all: initial; box-sizing: border-box; display: block; width: 100%; padding: 6px 12px; cursor: pointer;
  font: 13px/1.4 inherit; font-family: inherit; color: #1f2328; white-space: nowrap;
}
.stdviz-menu button:hover, .stdviz-menu button:focus-visible { background: #e8f0fa; outline: none; }
.stdviz-status { display: block; padding: 12px; color: #4d5560; font-size: 12px; }
.stdviz-error {
  display: block; margin: 12px; padding: 10px 12px; border-left: 4px solid #b42318; background: #fef3f2;
  color: #7a271a; font-size: 13px; white-space: pre-wrap; overflow-wrap: anywhere;
}
`;

let sharedSheet = null;

function adoptStyles(root) {
  if ("adoptedStyleSheets" in root && typeof CSSStyleSheet === "function" && "replaceSync" in CSSStyleSheet.prototype) {
    if (!sharedSheet) {
      sharedSheet = new CSSStyleSheet();
      sharedSheet.replaceSync(CSS);
    }
    root.adoptedStyleSheets = [sharedSheet];
  } else {
    const style = document.createElement("style");
    style.textContent = CSS;
    root.append(style);
  }
}

// el, errorText and download also serve the site's own page scripts (gallery.js,
// explore.js); they are not part of the documented API (stdviz.d.ts).

/** A new element with a class and text content (never HTML). */
export function el(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

/** An error's message, or the thrown value as text. */
export function errorText(e) {
  return e && e.message ? e.message : String(e);
}

/** Saves `blob` as a file called `name`, through a temporary object URL. */
export function download(blob, name) {
  const a = document.createElement("a");
  const url = URL.createObjectURL(blob);
  a.href = url;
  a.download = name;
  a.rel = "noopener";
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const MENU = [
  ["png1", "PNG 图片 1× / PNG image 1×"],
  ["png2", "PNG 图片 2× / PNG image 2×"],
  ["svg", "SVG 矢量图 / SVG vector"],
  ["csv", "CSV 数据 (Excel) / CSV data"],
  ["offline", "离线 HTML (本页全部图表) / Offline HTML (all charts)"],
];

let idCounter = 0;

class Chart {
  constructor(host, spec, options = {}) {
    this.host = host;
    this.options = options;
    this.specRef = spec;
    this.view = null;
    this.eng = null;
    this.kind = "chart"; // which wasm draws it: "chart" (lite) or "full"
    this.destroyed = false;
    this.listeners = new Map();
    this.state = "loading";
    this.spec = null; // { text, data: {url: Uint8Array} }
    this.id = `stdviz-${++idCounter}`;
    this.build();
    this.ready = this.load(spec, options).then(() => this.handle);
    this.ready.catch(() => {}); // reported in the box; awaiting callers still see it
    this.handle = new Handle(this);
  }

  build() {
    let root;
    try {
      root = this.host.shadowRoot || this.host.attachShadow({ mode: "open" });
    } catch {
      // An element that cannot host a shadow root (canvas, img …): use a child that can.
      const inner = document.createElement("div");
      this.host.append(inner);
      root = inner.attachShadow({ mode: "open" });
    }
    root.replaceChildren();
    adoptStyles(root);
    this.root = root;
    this.frame = el("div", "stdviz-frame");
    this.stage = el("div", "stdviz-stage");
    this.frame.append(this.stage);
    if (this.options.menu !== false) this.frame.append(this.buildMenu());
    root.append(this.frame);
    this.setState("loading");
  }

  buildMenu() {
    const tools = el("div", "stdviz-tools");
    const button = el("button", "stdviz-menu-button", "⋯");
    button.type = "button";
    button.setAttribute("aria-haspopup", "menu");
    button.setAttribute("aria-expanded", "false");
    button.setAttribute("aria-label", "导出图表 / Export chart");
    button.title = "导出图表 / Export chart";
    const menu = el("div", "stdviz-menu");
    menu.setAttribute("role", "menu");
    menu.id = `${this.id}-menu`;
    menu.setAttribute("aria-label", "导出 / Export");
    menu.hidden = true;
    button.setAttribute("aria-controls", menu.id);
    for (const [action, label] of MENU) {
      const item = el("button", "", label);
      item.type = "button";
      item.setAttribute("role", "menuitem");
      item.tabIndex = -1;
      item.dataset.action = action;
      menu.append(item);
    }
    tools.append(button, menu);
    this.menuButton = button;
    this.menu = menu;
    const items = () => [...menu.querySelectorAll("button")].filter((b) => !b.hidden);
    const focusItem = (i) => {
      const list = items();
      list[(i + list.length) % list.length].focus();
    };
    this.onOutside = (e) => {
      if (!e.composedPath().includes(tools)) this.closeMenu(false);
    };
    button.addEventListener("click", () => (menu.hidden ? this.openMenu() : this.closeMenu(true)));
    button.addEventListener("keydown", (e) => {
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        e.preventDefault();
        this.openMenu(e.key === "ArrowUp" ? -1 : 0);
      }
    });
    menu.addEventListener("keydown", (e) => {
      const list = items();
      const i = list.indexOf(this.root.activeElement);
      if (e.key === "ArrowDown") focusItem(i + 1);
      else if (e.key === "ArrowUp") focusItem(i - 1);
      else if (e.key === "Home") focusItem(0);
      else if (e.key === "End") focusItem(-1);
      else if (e.key === "Escape") this.closeMenu(true);
      else if (e.key === "Tab") this.closeMenu(false);
      else return;
      if (e.key !== "Tab") e.preventDefault();
    });
    menu.addEventListener("click", (e) => {
      const item = e.target.closest("button[data-action]");
      if (!item) return;
      this.closeMenu(true);
      this.runAction(item.dataset.action).catch((err) => {
        console.error(err);
        this.emit("error", { message: `export failed: ${errorText(err)}` });
      });
    });
    return tools;
  }

  openMenu(focus = 0) {
    if (!this.menu) return;
    this.menu.hidden = false;
    this.menuButton.setAttribute("aria-expanded", "true");
    document.addEventListener("pointerdown", this.onOutside, true);
    const list = [...this.menu.querySelectorAll("button")].filter((b) => !b.hidden);
    list[(focus + list.length) % list.length].focus();
  }

  closeMenu(returnFocus) {
    if (!this.menu || this.menu.hidden) return;
    this.menu.hidden = true;
    this.menuButton.setAttribute("aria-expanded", "false");
    document.removeEventListener("pointerdown", this.onOutside, true);
    if (returnFocus) this.menuButton.focus();
  }

  fileName(ext) {
    let title = "";
    try {
      const t = JSON.parse(this.spec.text).title;
      title = typeof t === "string" ? t : (t && t.text) || "";
    } catch {
      // no title
    }
    const base = String(Array.isArray(title) ? title.join(" ") : title)
      .replace(/[\\/:*?"<>|\u0000-\u001f]+/g, " ")
      .trim()
      .slice(0, 60);
    return `${base || "stdviz-chart"}.${ext}`;
  }

  async runAction(action) {
    if (action === "png1" || action === "png2") download(await this.toPNG(action === "png2" ? 2 : 1), this.fileName("png"));
    else if (action === "svg") download(new Blob([this.toSVG()], { type: "image/svg+xml" }), this.fileName("svg"));
    else if (action === "csv") download(new Blob([this.toCSV()], { type: "text/csv;charset=utf-8" }), this.fileName("csv"));
    else if (action === "offline") await downloadOfflineHTML();
  }

  setState(state, message) {
    this.state = state;
    this.host.setAttribute("data-stdviz-state", state);
    if (message) this.host.setAttribute("data-stdviz-error", message);
    else this.host.removeAttribute("data-stdviz-error");
  }

  /** Shows `message` in the box, in place of the chart. */
  showError(message) {
    const box = el("div", "stdviz-error", `图表无法显示 / Chart could not be drawn: ${message}`);
    box.setAttribute("role", "alert");
    this.freshStage();
    this.stage.append(box);
    this.setState("error", message);
    this.emit("error", { message });
  }

  /** Replaces the stage with an empty one (the old one keeps whatever a dead view holds). */
  freshStage() {
    const stage = el("div", "stdviz-stage");
    this.stage.replaceWith(stage);
    this.stage = stage;
    this.stageObserver?.disconnect();
    // The glue's own events, re-sent from the host element (they do not leave the shadow
    // root by themselves). Sent after the wasm call that raised them has returned: a
    // listener may call back into the chart.
    for (const type of ["stdviz:rendered", "stdviz:select"]) {
      stage.addEventListener(type, (e) => {
        e.stopPropagation();
        const detail = e.detail;
        queueMicrotask(() => this.forward(type, detail));
      });
    }
    // A redraw the glue does by itself (resize) reports failure on the container.
    this.stageObserver = new MutationObserver(() => {
      if (stage.getAttribute("data-stdviz-state") === "error") {
        this.setState("error", stage.getAttribute("data-stdviz-error") || "redraw failed");
      }
    });
    this.stageObserver.observe(stage, { attributes: true, attributeFilter: ["data-stdviz-state"] });
  }

  forward(type, detail) {
    if (this.destroyed || !this.view) return;
    if (type === "stdviz:rendered") {
      this.setState("rendered");
      detail = { markCount: this.safe(() => this.view.markCount(), 0) };
    }
    const short = type.slice(7);
    this.host.dispatchEvent(new CustomEvent(type, { bubbles: true, composed: true, detail }));
    this.emit(short, detail, false);
  }

  emit(type, detail, dom = true) {
    if (dom && type === "error") {
      this.host.dispatchEvent(new CustomEvent("stdviz:error", { bubbles: true, composed: true, detail }));
    }
    for (const fn of this.listeners.get(type) || []) {
      try {
        fn(detail, this.handle);
      } catch (e) {
        console.error(e);
      }
    }
  }

  safe(fn, fallback) {
    try {
      return this.call(fn);
    } catch {
      return fallback;
    }
  }

  /** Calls into the wasm view; a trap kills the instance and is reported here. */
  call(fn) {
    if (!this.view) throw new Error("the chart is not drawn (yet)");
    return guarded(this.eng, this, () => fn(this.view));
  }

  /**
   * The spec text of `spec` (a spec object, inline JSON, a URL or a bundle entry) and the
   * bytes of every data.url it names (the wasm says which; a trap there is a crash): from
   * `options.data`, else from `previous` (the data of the spec drawn before, unless the
   * spec comes from a bundle), else fetched. Null when the chart was destroyed meanwhile.
   */
  async gather(spec, options, previous = null) {
    let text;
    let files = null;
    if (spec !== null && typeof spec === "object") text = JSON.stringify(spec);
    else ({ text, files } = await specText(String(spec ?? ""), options.baseUrl));
    // The lite wasm first; a spec it answers "NeedsFull" for goes to the full wasm.
    this.kind = "chart";
    let eng = await engine();
    if (this.destroyed) return null;
    let urls;
    try {
      urls = guarded(eng, null, () => eng.ns.dataUrls(text));
    } catch (e) {
      if (!needsFull(e)) throw e;
      this.kind = "full";
      eng = await engine("full");
      if (this.destroyed) return null;
      urls = guarded(eng, null, () => eng.ns.dataUrls(text));
    }
    const data = {};
    const given = options.data || {};
    for (const url of urls) {
      data[url] =
        url in given
          ? typeof given[url] === "string"
            ? new TextEncoder().encode(given[url])
            : given[url]
          : previous && previous[url] && !files
            ? previous[url]
            : await dataBytes(url, files, options.baseUrl);
    }
    return this.destroyed ? null : { text, data, eng };
  }

  async load(spec, options) {
    try {
      const got = await this.gather(spec, options);
      if (!got) return;
      this.spec = { text: got.text, data: got.data };
      await this.mount();
    } catch (e) {
      if (!this.destroyed && this.state !== "crashed") this.showError(errorText(e));
      throw e;
    }
  }

  /**
   * Creates the wasm view for `this.spec` on the current instance of its kind (the lite
   * wasm, or the full one once a spec needed it).
   */
  async mount() {
    const eng = await engine(this.kind);
    if (this.destroyed) return;
    this.disposeView();
    this.freshStage();
    this.eng = eng;
    try {
      // The table form (usermeta.stdviz.form "table") is an HTML <table>, not a canvas.
      const table = guarded(eng, this, () => eng.ns.isTableForm(this.spec.text));
      const View = table ? eng.ns.TableChart : eng.ns.ChartView;
      this.view = guarded(
        eng,
        this,
        () =>
          new View(this.stage, this.spec.text, this.spec.data, {
            theme: this.options.theme,
            limits: this.options.limits,
          }),
      );
      this.isTable = table;
      // A table has no picture to export: its menu offers CSV and the offline page.
      for (const b of this.menu ? this.menu.querySelectorAll('[data-action^="png"],[data-action="svg"]') : []) b.hidden = table;
    } catch (e) {
      if (!needsFull(e) || this.kind === "full") throw e;
      this.kind = "full";
      return this.mount();
    }
    for (const w of this.safe((v) => v.warnings(), [])) console.warn(`stdviz: ${w}`);
    this.setState("rendered");
  }

  /** Mounts again on a new instance after a crash of the old one. */
  async remount(note) {
    if (!this.spec) return; // still loading: its own load() will use the new instance
    try {
      await this.mount();
    } catch (e) {
      if (this.state !== "crashed") this.showError(errorText(e));
      return;
    }
    if (note) console.warn(`stdviz: ${this.id} mounted again after a crash: ${note}`);
  }

  /** The view's instance died: forget the view without calling into it. */
  abandonView() {
    if (this.view) {
      try {
        this.view.destroy();
      } catch {
        // a dead instance may refuse; its canvas goes with the stage
      }
    }
    this.view = null;
  }

  crashed(message) {
    this.view = null;
    this.showError(`stdviz crashed (panic): ${message}`);
    this.state = "crashed";
    this.host.setAttribute("data-stdviz-state", "error");
  }

  disposeView() {
    if (!this.view) return;
    const view = this.view;
    this.view = null;
    try {
      view.destroy();
      view.free();
    } catch (e) {
      if (isTrap(e)) instanceDied(this.eng, this, e);
    }
  }

  async update(spec, options) {
    this.options = { ...this.options, ...(options || {}) };
    this.specRef = spec;
    if (this.state === "crashed") this.state = "loading";
    const old = this.spec;
    try {
      const got = await this.gather(spec, this.options, old && old.data);
      if (!got) return;
      const { text, data, eng } = got;
      let updated = false;
      if (this.view && this.eng === eng) {
        try {
          // A switch between the table form and a picture mounts the other kind of view.
          if (guarded(eng, this, () => eng.ns.isTableForm(text)) === this.isTable) {
            this.call((v) => v.update(text, data));
            updated = true;
          }
        } catch (e) {
          if (!needsFull(e)) throw e;
          this.kind = "full";
        }
      }
      if (updated) {
        this.spec = { text, data };
        this.setState("rendered");
      } else {
        this.spec = { text, data };
        await this.mount();
      }
    } catch (e) {
      // The old chart stays on screen when it is there; the error is thrown to the caller.
      if (!this.view && !this.destroyed && this.state !== "crashed") this.showError(errorText(e));
      throw e;
    }
  }

  toPNG(scale = 1) {
    const canvas = this.call((v) => v.exportCanvas(scale));
    return new Promise((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error("the browser could not encode the PNG"))), "image/png"),
    );
  }

  toSVG() {
    return this.call((v) => v.toSVG());
  }

  /** Every text drawn with its box, CSS px relative to the canvas: [[text, x0, y0, x1, y1], …]. */
  textBoxes() {
    return this.call((v) => v.textBoxes());
  }

  toCSV(index) {
    return this.call((v) => v.toCSV(index));
  }

  data() {
    return this.call((v) => v.data());
  }

  destroy() {
    if (this.destroyed) return;
    this.destroyed = true;
    this.closeMenu(false);
    this.disposeView();
    this.stageObserver?.disconnect();
    this.stageObserver = null;
    this.listeners.clear();
    this.root.replaceChildren();
    this.host.removeAttribute("data-stdviz-state");
    this.host.removeAttribute("data-stdviz-error");
    if (this.host.stdviz === this.handle) delete this.host.stdviz;
    charts.delete(this);
    mounted.delete(this.host);
  }
}

/** What `render` returns; see stdviz.d.ts. */
class Handle {
  #chart;
  constructor(chart) {
    this.#chart = chart;
  }
  get element() {
    return this.#chart.host;
  }
  get ready() {
    return this.#chart.ready;
  }
  get state() {
    return this.#chart.state;
  }
  update(spec, options) {
    return this.#chart.update(spec, options);
  }
  resize() {
    this.#chart.call((v) => v.redraw());
  }
  destroy() {
    this.#chart.destroy();
  }
  toPNG(scale = 1) {
    return this.#chart.toPNG(scale);
  }
  toSVG() {
    return this.#chart.toSVG();
  }
  toCSV(index) {
    return this.#chart.toCSV(index);
  }
  data() {
    return this.#chart.data();
  }
  markCount() {
    return this.#chart.call((v) => v.markCount());
  }
  markAnchor(i) {
    return this.#chart.call((v) => v.markAnchor(i));
  }
  hitTest(x, y) {
    return this.#chart.call((v) => v.hitTest(x, y));
  }
  textBoxes() {
    return this.#chart.textBoxes();
  }
  summary() {
    return this.#chart.call((v) => v.summary());
  }
  warnings() {
    return this.#chart.call((v) => v.warnings());
  }
  /** The canvas the chart is drawn on (inside the shadow root), or null. */
  get canvas() {
    return this.#chart.stage.querySelector("canvas");
  }
  on(type, fn) {
    const list = this.#chart.listeners.get(type) || new Set();
    list.add(fn);
    this.#chart.listeners.set(type, list);
    return () => this.off(type, fn);
  }
  off(type, fn) {
    this.#chart.listeners.get(type)?.delete(fn);
  }
  /** Spec text and fetched data files, for offline bundles. */
  get source() {
    return this.#chart.spec;
  }
}

const mounted = new Map(); // host element → Chart

/**
 * Draws `spec` (a spec object, inline JSON text or a URL) in `element` and returns a
 * handle at once; `handle.ready` resolves when the chart is drawn.
 */
export function render(element, spec, options = {}) {
  if (!(element instanceof Element)) throw new TypeError("render(element, spec): element must be a DOM element");
  mounted.get(element)?.destroy();
  const chart = new Chart(element, spec, options);
  charts.add(chart);
  mounted.set(element, chart);
  element.stdviz = chart.handle;
  return chart.handle;
}

/** The handle of the chart mounted in `element`, if any. */
export function chartOf(element) {
  return mounted.get(element)?.handle ?? null;
}

/** Every chart handle on the page. */
export function allCharts() {
  return [...charts].map((c) => c.handle);
}

// ---------------------------------------------------------------------------------------
// Offline bundle: the same kind of file as `stdviz bundle`, built in the browser

async function sha256(text) {
  if (!globalThis.crypto || !crypto.subtle) {
    throw new Error("offline HTML needs crypto.subtle (an https page) to hash its scripts for the Content-Security-Policy");
  }
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return `'sha256-${bytesToBase64(new Uint8Array(digest))}'`;
}

const escapeHtml = (s) => String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/**
 * Fills the bundle template (www/bundle-template.html, shared with the CLI). Placeholders
 * are replaced in one pass, so text that looks like a placeholder inside a value stays.
 */
export async function fillBundleTemplate(template, { title, loader, glue, wasmBase64, charts: list }) {
  // Inline script text must not close the element early or open an HTML comment.
  if (/<\/script|<!-{2}/i.test(loader)) throw new Error("the loader text contains a closing script tag or a comment opener");
  const style = /<style>([\s\S]*?)<\/style>/.exec(template);
  if (!style) throw new Error("the bundle template has no <style> element");
  const payload = JSON.stringify({ stdvizBundle: VERSION, glue, wasm: wasmBase64, template, charts: list.map(({ spec, files }) => ({ spec, files })) }).replace(/</g, "\\u003c");
  // Each chart's pre-rendered pictures (`publishFragment`) stand in its box until it
  // mounts, as in `stdviz bundle`; their <style> texts join the template's in the CSP.
  const figures = list
    .map((c, i) => {
      const pictures = c.pictures ? `<div class="stdviz-pub">${c.pictures}</div>` : "";
      return `<figure class="chart"><div class="stdviz" data-stdviz="bundle:${i}">${pictures}</div></figure>`;
    })
    .join("\n");
  const styles = [style[1]];
  for (const c of list) {
    for (const m of (c.pictures || "").matchAll(/<style>([\s\S]*?)<\/style>/g)) if (!styles.includes(m[1])) styles.push(m[1]);
  }
  const values = {
    TITLE: escapeHtml(title),
    SCRIPT_HASH: await sha256(loader),
    STYLE_HASH: (await Promise.all(styles.map(sha256))).join(" "),
    CHARTS: figures,
    BUNDLE: payload,
    LOADER: loader,
  };
  return template.replace(/\{\{([A-Z_]+)\}\}/g, (m, k) => (k in values ? values[k] : m));
}

async function textOf(url) {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`could not load ${url}: HTTP ${res.status}`);
  return res.text();
}

/**
 * A chart published as `stdviz publish` writes it, from its spec (text or object) and the
 * data of its `data.url`s (one text, or an object mapping each URL to text or bytes):
 * `{html, pictures}` — `html` the whole fragment (the pictures at every published width,
 * the CSS that shows one, the spec and its small data for `stdviz-lite.js`), `pictures`
 * the pictures and their CSS alone. Throws an Error naming where the spec is wrong.
 */
export async function publish(spec, data = {}, { id = "stdviz-chart" } = {}) {
  const text = typeof spec === "string" ? spec : JSON.stringify(spec);
  // The fragment writer lives in the full engine only: a reader's page never publishes.
  return (await engine("full")).ns.publishFragment(text, data, id);
}

/** One HTML file with every chart on the page, the wasm, the glue and the data. */
export async function offlineHTML({ title = document.title || "stdviz" } = {}) {
  let template;
  let loader;
  let glue;
  let wasmBase64;
  if (BUNDLE) {
    template = BUNDLE.template;
    loader = document.querySelector("script[data-stdviz-loader]").textContent;
    glue = BUNDLE.glue;
    wasmBase64 = BUNDLE.wasm;
  } else {
    // The full wasm, so that every chart of the bundle draws with the one wasm it holds.
    const urls = assetUrls("full");
    [template, loader, glue] = await Promise.all([textOf(new URL("bundle-template.html", HERE)), textOf(HERE), textOf(urls.glue)]);
    const res = await fetch(urls.wasm);
    if (!res.ok) throw new Error(`could not load the wasm: HTTP ${res.status}`);
    wasmBase64 = bytesToBase64(new Uint8Array(await res.arrayBuffer()));
  }
  const list = [];
  for (const c of charts) {
    if (!c.spec || c.destroyed) continue;
    const files = {};
    for (const [url, bytes] of Object.entries(c.spec.data)) files[url] = bytesToBase64(bytes);
    let pictures = "";
    try {
      pictures = (await publish(c.spec.text, c.spec.data)).pictures;
    } catch {
      // A chart the pictures cannot be made for still travels: it draws when mounted.
    }
    list.push({ spec: c.spec.text, files, pictures });
  }
  return fillBundleTemplate(template, { title, loader, glue, wasmBase64, charts: list });
}

/** Builds the offline HTML and downloads it. */
export async function downloadOfflineHTML(options) {
  const html = await offlineHTML(options);
  const name = `${(options && options.fileName) || "stdviz-offline"}.html`;
  download(new Blob([html], { type: "text/html;charset=utf-8" }), name);
  return html.length;
}

// ---------------------------------------------------------------------------------------
// Offline HTML buttons ([data-stdviz-offline]) and page preparations

/**
 * A page script that imports this module (gallery.js) hands its own work here while it is
 * evaluated: html[data-stdviz-ready] waits for `promise` to settle, and with
 * `beforeCharts` the first scan for [data-stdviz] waits too (markup that is still to
 * change, like gallery.html's #examples).
 */
const beforeCharts = [];
const beforeReady = [];
export function holdReady(promise, options = {}) {
  (options.beforeCharts ? beforeCharts : beforeReady).push(promise);
}

document.addEventListener("click", (e) => {
  const button = e.target instanceof Element && e.target.closest("[data-stdviz-offline]");
  if (!button) return;
  downloadOfflineHTML({ fileName: button.getAttribute("data-stdviz-offline") || undefined }).catch((err) => {
    console.error(err);
    alert(`离线 HTML 生成失败 / Offline HTML failed: ${errorText(err)}`);
  });
});

// ---------------------------------------------------------------------------------------
// Markup: mount every [data-stdviz], now and later

function mountMarkup(host) {
  if (mounted.has(host)) return mounted.get(host).ready;
  return render(host, host.getAttribute("data-stdviz") || "").ready;
}

function scan(root) {
  const found = [];
  if (root instanceof Element && root.hasAttribute("data-stdviz")) found.push(root);
  if (root.querySelectorAll) found.push(...root.querySelectorAll("[data-stdviz]"));
  return found.filter((h) => !mounted.has(h));
}

const observer = new MutationObserver((records) => {
  for (const r of records) {
    if (r.type === "attributes") {
      const chart = mounted.get(r.target);
      const ref = r.target.getAttribute("data-stdviz");
      if (chart && ref !== null && ref !== chart.specRef) chart.update(ref).catch(() => {});
      else if (!chart && ref !== null) mountMarkup(r.target);
      continue;
    }
    for (const n of r.addedNodes) if (n.nodeType === 1) scan(n).forEach(mountMarkup);
  }
  // Charts whose element left the page are destroyed (moved elements are still connected).
  for (const [host, chart] of mounted) if (!host.isConnected) chart.destroy();
});

async function start() {
  if (document.readyState === "loading") await new Promise((r) => document.addEventListener("DOMContentLoaded", r, { once: true }));
  // Modules that import this one are evaluated before the first await resumes: their
  // holdReady() calls are in by now.
  await null;
  await Promise.allSettled(beforeCharts);
  const hosts = scan(document);
  observer.observe(document.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: ["data-stdviz"] });
  // Pre-rendered charts (stdviz publish) count once stdviz-lite.js has made them live.
  const pubs = [...document.querySelectorAll("[data-stdviz-pub]")];
  const live = (p) => /^(live|static-error)$/.test(p.getAttribute("data-stdviz-state"));
  const wentLive = (p) => live(p) || new Promise((r) => p.addEventListener("stdviz:live", r, { once: true }));
  await Promise.allSettled([...hosts.map(mountMarkup), ...beforeReady, ...pubs.map(wentLive)]);
  // One frame after drawing, the pixels are on screen: tests and benchmarks wait for this.
  requestAnimationFrame(() => {
    const drawn =
      hosts.filter((h) => h.getAttribute("data-stdviz-state") === "rendered").length +
      pubs.filter((p) => p.isConnected && p.getAttribute("data-stdviz-state") === "live").length;
    document.documentElement.setAttribute("data-stdviz-ready", String(drawn));
    performance.mark("stdviz:ready");
    document.dispatchEvent(new CustomEvent("stdviz:ready", { detail: { drawn, total: hosts.length } }));
  });
}

start();
