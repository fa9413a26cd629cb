// stdviz-lite.js: the few-KB loader of pre-rendered charts (`stdviz publish`, docs/EMBED.md).
//
//   <script type="module" src="stdviz-lite.js"></script>   (then the closing script tag)
//   <div class="stdviz-pub" data-stdviz-pub="1"> …SVG at each width… <script type="application/json"> </div>
//
// The picture is already on the page (inline SVG; CSS container queries pick the width).
// Before any wasm, this script makes it readable: a tap or hover on a mark shows the
// figure from the SVG's own <title>; the chart takes keyboard focus and the arrow keys
// step through the marks in reading order (SVG `data-order`), announcing each figure.
// The full stdviz (stdviz.js + wasm) loads on the first interaction, or when the browser
// is idle with the chart in view (IntersectionObserver + requestIdleCallback, after the
// page's load event: never before first paint); once one chart is live, the page's other
// pre-rendered charts follow, one per idle period (the wasm is loaded by then). The live canvas chart is then laid over
// the SVG at its exact width and position; the SVG stays in the flow, hidden, so nothing
// moves (zero layout shift), and the live chart answers every interaction from then on.
// Text reaches the DOM only through textContent.
//
// A published table (`.stdviz-pub-static`, the table form) needs no wasm: its headers
// become sort buttons at once. Each row carries its place in every sorted order
// (`data-sort`, written by `stdviz publish` from the table model's own sort), so this
// only reorders rows; the header cells keep their size (the arrow's room is reserved
// by the fragment's CSS), so nothing moves until the reader sorts.

const SEL = "[data-stdviz-pub]";
const TIP_CSS =
  "position:absolute;z-index:5;display:none;pointer-events:none;max-width:min(320px,90vw);padding:6px 9px;border-radius:4px;" +
  "background:rgba(20,23,27,.94);color:#fff;font:13px/1.45 system-ui,-apple-system,'Noto Sans CJK SC','PingFang SC','Microsoft YaHei',sans-serif;" +
  "box-shadow:0 2px 8px rgba(0,0,0,.25);white-space:pre-line;text-align:left";
const HIDDEN = "position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);clip-path:inset(50%);white-space:nowrap";

let stdviz = null; // the import of stdviz.js, once started

/** The variant shown now (the container query's choice). */
function shown(pub) {
  for (const v of pub.querySelectorAll(":scope > .stdviz-w")) if (getComputedStyle(v).display !== "none") return v;
  return null;
}

function tipText(g) {
  const t = g && g.querySelector(":scope > title");
  return t ? t.textContent : "";
}

class Lite {
  constructor(pub) {
    this.pub = pub;
    this.state = "static";
    this.focus = -1;
    this.tip = Object.assign(document.createElement("div"), { className: "stdviz-lite-tip" });
    this.tip.style.cssText = TIP_CSS;
    this.tip.setAttribute("aria-hidden", "true");
    this.live = document.createElement("div");
    this.live.style.cssText = HIDDEN;
    this.live.setAttribute("aria-live", "polite");
    pub.append(this.tip, this.live);
    pub.tabIndex = 0;
    pub.setAttribute("data-stdviz-state", "static");
    const on = (type, fn, opts) => pub.addEventListener(type, fn, opts);
    on("pointerover", (e) => this.point(e));
    on("pointerdown", (e) => this.point(e));
    // A finger lifts with pointerleave too: its figure stays until the next tap elsewhere.
    on("pointerleave", (e) => e.pointerType === "mouse" && this.unfocus());
    on("keydown", (e) => this.key(e));
    on("focusin", () => this.hydrate("focus"));
    on("blur", () => this.unfocus());
  }

  svg() {
    const v = shown(this.pub);
    return v && v.querySelector("svg");
  }

  marks(svg) {
    const all = [...svg.querySelectorAll("g.m[data-mark]")];
    const order = (svg.getAttribute("data-order") || "").split(" ").filter(Boolean).map(Number);
    const byMark = new Map(all.map((g) => [Number(g.getAttribute("data-mark")), g]));
    const sorted = order.map((m) => byMark.get(m)).filter(Boolean);
    return sorted.length === all.length ? sorted : all;
  }

  point(e) {
    if (this.state === "live") return;
    this.hydrate(e.type);
    const g = e.target instanceof Element ? e.target.closest("g.m") : null;
    if (g) this.show(g, e.clientX, e.clientY);
    else if (e.type === "pointerdown") this.unfocus();
  }

  /** Shows the figure of mark `g` near (x, y) in client px (the mark's centre when absent). */
  show(g, x, y) {
    const svg = g.ownerSVGElement;
    for (const m of svg.querySelectorAll("g.m.on")) m.classList.remove("on");
    g.classList.add("on");
    svg.classList.add("dim");
    this.tip.textContent = tipText(g);
    this.tip.style.display = "block";
    const box = this.pub.getBoundingClientRect();
    const r = g.getBoundingClientRect();
    const px = (x ?? r.left + r.width / 2) - box.left;
    const py = (y ?? r.top) - box.top;
    const w = this.tip.offsetWidth;
    const h = this.tip.offsetHeight;
    this.tip.style.left = `${Math.max(0, Math.min(px + 12, box.width - w))}px`;
    this.tip.style.top = `${Math.max(0, py - h - 8)}px`;
  }

  unfocus() {
    this.tip.style.display = "none";
    for (const svg of this.pub.querySelectorAll("svg.dim")) {
      svg.classList.remove("dim");
      for (const m of svg.querySelectorAll("g.m.on")) m.classList.remove("on");
    }
    this.focus = -1;
  }

  key(e) {
    if (this.state === "live") return;
    const svg = this.svg();
    if (!svg) return;
    const list = this.marks(svg);
    if (!list.length) return;
    let i = this.focus;
    if (e.key === "ArrowRight" || e.key === "ArrowDown") i = Math.min(list.length - 1, i + 1);
    else if (e.key === "ArrowLeft" || e.key === "ArrowUp") i = Math.max(0, i < 0 ? 0 : i - 1);
    else if (e.key === "Home") i = 0;
    else if (e.key === "End") i = list.length - 1;
    else if (e.key === "Escape") return this.unfocus();
    else return;
    e.preventDefault();
    this.focus = i;
    this.show(list[i]);
    this.live.textContent = tipText(list[i]).replace(/\n/g, ", ");
  }

  /** Loads stdviz.js (and through it the wasm) and lays the live chart over the picture. */
  hydrate(why) {
    if (this.state !== "static") return this.ready;
    this.state = "loading";
    this.pub.setAttribute("data-stdviz-state", "loading");
    this.pub.setAttribute("data-stdviz-hydrated-by", why);
    performance.mark("stdviz-lite:hydrate");
    this.ready = this.mount().catch((e) => {
      // The picture stays: a chart that cannot go live is still a chart.
      console.error("stdviz-lite: the live chart could not be mounted", e);
      this.state = "static";
        this.pub.setAttribute("data-stdviz-state", "static-error");
      this.pub.dispatchEvent(new CustomEvent("stdviz:live", { bubbles: true, detail: { error: String(e) } }));
    });
    return this.ready;
  }

  async mount() {
    const block = this.pub.querySelector(":scope > script.stdviz-pub-spec");
    const { spec, files } = JSON.parse(block.textContent);
    stdviz ??= import(new URL("stdviz.js", import.meta.url).href);
    const { render } = await stdviz;
    const host = document.createElement("div");
    host.className = "stdviz-pub-live";
    // The spec's own reference (markup charts are found by it); stdviz.js mounts it no
    // second time: render() below registers the element first.
    if (this.pub.dataset.ref) host.setAttribute("data-stdviz", this.pub.dataset.ref);
    host.style.cssText = "position:absolute;left:0;top:0;";
    const fit = () => {
      const svg = this.svg();
      if (svg) host.style.width = `${svg.getBoundingClientRect().width}px`;
    };
    fit();
    this.pub.append(host);
    const handle = render(host, spec, { data: files, menu: this.pub.dataset.menu !== "false", theme: "light" });
    await handle.ready;
    await new Promise((r) => requestAnimationFrame(() => r()));
    const hadFocus = this.pub.contains(document.activeElement) || document.activeElement === this.pub;
    this.unfocus();
    for (const v of this.pub.querySelectorAll(":scope > .stdviz-w")) {
      v.style.visibility = "hidden";
      v.setAttribute("aria-hidden", "true");
    }
    this.tip.remove();
    this.live.remove();
    this.pub.removeAttribute("tabindex");
    new ResizeObserver(fit).observe(this.pub);
    this.state = "live";
    this.pub.setAttribute("data-stdviz-state", "live");
    this.pub.stdviz = handle;
    if (hadFocus) host.shadowRoot?.querySelector(".stdviz-chart")?.focus();
    performance.mark("stdviz-lite:live");
    this.pub.dispatchEvent(new CustomEvent("stdviz:live", { bubbles: true, detail: { handle } }));
    rest();
  }
}

const lites = new Map();

/** Sort buttons on the headers of a published table (`box`, a `.stdviz-pub-static`). */
function sortable(box) {
  const table = box.querySelector(".stdviz-pub-table table");
  const body = table?.tBodies[0];
  const head = table?.tHead?.rows[0];
  if (!body || !head || table.dataset.stdvizSortable) return;
  const rows = [...body.rows];
  const places = new Map(rows.map((r) => [r, (r.dataset.sort || "").split(" ").map(Number)]));
  if (!rows.every((r) => places.get(r).length === 2 * head.cells.length)) return;
  table.dataset.stdvizSortable = "1";
  const heads = [...head.cells];
  heads.forEach((th, c) => {
    const button = Object.assign(document.createElement("button"), { type: "button", className: "sort" });
    button.append(...th.childNodes);
    th.append(button);
    th.setAttribute("aria-sort", "none");
    button.addEventListener("click", () => {
      const dir = th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
      for (const h of heads) h.setAttribute("aria-sort", "none");
      th.setAttribute("aria-sort", dir);
      const k = 2 * c + (dir === "ascending" ? 0 : 1);
      body.append(...rows.slice().sort((a, b) => places.get(a)[k] - places.get(b)[k]));
    });
  });
}

/** Starts the lite layer on every pre-rendered chart of the page (also called on load). */
export function attach(root = document) {
  for (const box of root.querySelectorAll(".stdviz-pub-static")) sortable(box);
  for (const pub of root.querySelectorAll(SEL)) if (!lites.has(pub)) lites.set(pub, new Lite(pub));
  return [...lites.values()];
}

/** Mounts the live chart of `pub` (or of every pre-rendered chart) now. */
export function hydrate(pub) {
  attach();
  const list = pub ? [lites.get(pub)] : [...lites.values()];
  return Promise.all(list.filter(Boolean).map((l) => l.hydrate("api")));
}

/** Once one chart is live (stdviz.js and the wasm are here), the others follow, one per idle period. */
function rest() {
  if (document.documentElement.dataset.stdvizHydrate === "interaction") return;
  const next = [...lites.values()].find((l) => l.state === "static");
  if (next) idle(() => next.hydrate("idle").then(rest));
}

const idle = (fn) => (window.requestIdleCallback ? requestIdleCallback(fn, { timeout: 3000 }) : setTimeout(fn, 200));

function whenIdleInView() {
  // In view, or about to be (200 px below the fold).
  const seen = new IntersectionObserver((entries) => {
    for (const e of entries) {
      if (!e.isIntersecting) continue;
      seen.unobserve(e.target);
      idle(() => lites.get(e.target)?.hydrate("idle"));
    }
  }, { rootMargin: "200px 0px" });
  for (const pub of lites.keys()) seen.observe(pub);
}

attach();
if (document.documentElement.dataset.stdvizHydrate !== "interaction") {
  if (document.readyState === "complete") whenIdleInView();
  else addEventListener("load", whenIdleInView, { once: true });
}
