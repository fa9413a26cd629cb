// Type declarations for stdviz.js, the stdviz embed script and JS API (docs/EMBED.md).

/** A spec: a Vega-Lite-subset spec object, its JSON text, or the URL of a spec file. */
export type Spec = object | string;

/** Options of {@link render}. */
export interface RenderOptions {
  /**
   * Data for the spec's `data.url`s, by URL, instead of fetching them: text, or bytes
   * (the wasm module detects UTF-8, UTF-16 and GBK).
   */
  data?: Record<string, string | Uint8Array>;
  /** Base URL for a spec URL and its `data.url`s (default: the page's base URL). */
  baseUrl?: string;
  /** Show the export menu (PNG, SVG, CSV, offline HTML) in the chart's corner. Default true. */
  menu?: boolean;
  /** Colours: follow the page's dark colour scheme ("auto", default), or force one. */
  theme?: "auto" | "light" | "dark";
  /** Resource limits (docs/LIMITS.md); unknown keys are an error. */
  limits?: {
    maxBytes?: number;
    maxRows?: number;
    maxColumns?: number;
    maxCellChars?: number;
    maxLabelChars?: number;
    maxCategories?: number;
    maxMarks?: number;
  };
}

/** The data behind a mark, as in the `stdviz:select` event. */
export interface MarkDatum {
  /** The category (bar label, slice label). */
  label: string;
  /** The series (colour field value), if any. */
  series: string | null;
  /** The value (bar height, slice size). */
  value: number;
  /** Share of the total (slices), 0–1, if any. */
  share: number | null;
  /** Tooltip lines as [title, formatted value] pairs. */
  fields: [string, string][];
}

/** One table of the chart's data: the rows of a view that brings its own data. */
export interface DataTable {
  /** JSON path of the view ("" for the root view). */
  view: string;
  /** Column names in order. */
  fields: string[];
  /** One object per row: numbers, ISO date text, text or null. */
  rows: Record<string, number | string | null>[];
}

/** Detail of the `stdviz:rendered` event. */
export interface RenderedDetail {
  /** Number of data marks drawn. */
  markCount: number;
}

/** Detail of the `stdviz:error` event. */
export interface ErrorDetail {
  /** What went wrong and where (the JSON path, or the line and column of the data). */
  message: string;
}

/** Events a handle reports through {@link ChartHandle.on}. */
export interface ChartEvents {
  rendered: RenderedDetail;
  select: MarkDatum;
  error: ErrorDetail;
}

/** A chart mounted by {@link render} (also `element.stdviz` for markup charts). */
export interface ChartHandle {
  /** The element the chart was rendered into. */
  readonly element: HTMLElement;
  /** Resolves with the handle when the chart is first drawn; rejects with the error shown in the box. */
  readonly ready: Promise<ChartHandle>;
  /** "loading", "rendered", "error" or "crashed". */
  readonly state: string;
  /** The canvas the chart is drawn on (inside the element's shadow root), or null. */
  readonly canvas: HTMLCanvasElement | null;
  /** Replaces the spec (and data); on error the old chart stays and the promise rejects. */
  update(spec: Spec, options?: RenderOptions): Promise<void>;
  /** Lays out and draws again now (charts also redraw by themselves when their box resizes). */
  resize(): void;
  /** Removes the chart, its listeners and observers, and frees its wasm memory. */
  destroy(): void;
  /** The chart as a PNG at `scale` device pixels per CSS pixel (1 or 2; at most 8). */
  toPNG(scale?: number): Promise<Blob>;
  /** The chart as SVG text, drawn from the same scene as the canvas. */
  toSVG(): string;
  /** Every text drawn with its box in CSS px relative to the canvas: `[text, x0, y0, x1, y1]`. */
  textBoxes(): Array<[string, number, number, number, number]>;
  /** The chart's data as CSV with a UTF-8 byte-order mark (Excel reads Chinese text). */
  toCSV(table?: number): string;
  /** The chart's data tables, as loaded (before the spec's transforms). */
  data(): DataTable[];
  /** Number of data marks drawn. */
  markCount(): number;
  /** A point inside data mark `i` (CSS px, relative to the canvas) and its colour. */
  markAnchor(i: number): [number, number, string] | undefined;
  /** The data behind the mark under (x, y), CSS px relative to the canvas. */
  hitTest(x: number, y: number): MarkDatum | undefined;
  /** The accessible summary of the chart as drawn. */
  summary(): string;
  /** Warnings from reading the spec (unknown properties), each naming its JSON path. */
  warnings(): string[];
  /** Calls `listener` on each event of `type`; returns a function that removes it. */
  on<K extends keyof ChartEvents>(type: K, listener: (detail: ChartEvents[K], chart: ChartHandle) => void): () => void;
  /** Removes a listener added with {@link ChartHandle.on}. */
  off<K extends keyof ChartEvents>(type: K, listener: (detail: ChartEvents[K], chart: ChartHandle) => void): void;
}

/** Draws `spec` in `element` (replacing a chart already there); returns at once. */
export function render(element: HTMLElement, spec: Spec, options?: RenderOptions): ChartHandle;

/** The handle of the chart mounted in `element`, or null. */
export function chartOf(element: Element): ChartHandle | null;

/** Every chart on the page. */
export function allCharts(): ChartHandle[];

/**
 * URLs of the wasm-bindgen glue module and the wasm (for a worker or test of one's own); null
 * inside an offline bundle. "chart" (default): the lite module the charts use first; "full":
 * the full chart wasm (the parts few charts use), fetched only for a spec the lite one
 * answers "NeedsFull" for; "explore": the
 * explorer's own build (the chart wasm plus the data engine `Dataset`), for its worker;
 * "workbook": that build with the .xlsx/.xls/.ods readers, which its worker loads only for a
 * workbook.
 */
export function wasmAssetUrls(kind?: "chart" | "full" | "explore" | "workbook"): { glue: string; wasm: string } | null;

/**
 * A chart published as `stdviz publish` writes it: `html` is the whole fragment (the
 * chart as inline SVG at every published width, the CSS that shows one, the spec and its
 * small data for `stdviz-lite.js`), `pictures` the pictures and their CSS alone. `data`:
 * the text of every `data.url`, or an object mapping each URL to text or bytes.
 * Rejects with an Error naming where the spec or data is wrong.
 */
export function publish(
  spec: string | object,
  data?: string | Record<string, string | Uint8Array>,
  options?: { id?: string },
): Promise<{ html: string; pictures: string }>;

/** One self-contained HTML file (wasm, JS, specs and data inside) with every chart on the page. */
export function offlineHTML(options?: { title?: string }): Promise<string>;

/** Builds {@link offlineHTML} and downloads it; resolves with its length in characters. */
export function downloadOfflineHTML(options?: { title?: string; fileName?: string }): Promise<number>;

/** Fills the offline bundle template (www/bundle-template.html, shared with `stdviz bundle`). */
export function fillBundleTemplate(
  template: string,
  parts: { title: string; loader: string; glue: string; wasmBase64: string; charts: { spec: string; files: Record<string, string> }[] },
): Promise<string>;

// Helpers that the site's own page scripts (gallery.js, explore.js) import from stdviz.js.
// Not part of the documented API (docs/EMBED.md): they may change.

/** @internal Fetches `url` (resolved against `base`, else the page's base URL) from this origin only. */
export function fetchSameOrigin(url: string, base?: string): Promise<Response>;

/** @internal A new element with a class and text content (never HTML). */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K];

/** @internal An error's message, or the thrown value as text. */
export function errorText(e: unknown): string;

/** @internal Saves `blob` as a file called `name`. */
export function download(blob: Blob, name: string): void;

/**
 * @internal A page script's own work: html[data-stdviz-ready] waits for `promise`; with
 * `beforeCharts`, the first scan for [data-stdviz] waits too.
 */
export function holdReady(promise: Promise<unknown>, options?: { beforeCharts?: boolean }): void;

declare global {
  interface HTMLElement {
    /** The handle of a chart mounted from `data-stdviz` markup. */
    stdviz?: ChartHandle;
  }
  interface HTMLElementEventMap {
    "stdviz:rendered": CustomEvent<RenderedDetail>;
    "stdviz:select": CustomEvent<MarkDatum>;
    "stdviz:error": CustomEvent<ErrorDetail>;
  }
  interface DocumentEventMap {
    "stdviz:ready": CustomEvent<{ drawn: number; total: number }>;
  }
}
