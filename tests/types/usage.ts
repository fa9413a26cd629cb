// A page's use of the stdviz JS API, type-checked against www/stdviz.d.ts (never run):
//
//   npx tsc -p tests/types
//
// Each @ts-expect-error line is a misuse the declarations must refuse: if a declaration
// loosens, the directive is unused and tsc fails.

import {
  allCharts,
  chartOf,
  downloadOfflineHTML,
  fillBundleTemplate,
  offlineHTML,
  publish,
  render,
  wasmAssetUrls,
  type ChartHandle,
  type DataTable,
  type MarkDatum,
  type RenderOptions,
} from "../../www/stdviz.js";

export async function usage(box: HTMLElement): Promise<void> {
  const options: RenderOptions = {
    data: { "data/a.csv": "level,count\n国家标准,80\n", "data/b.csv": new Uint8Array([0xef, 0xbb, 0xbf]) },
    baseUrl: "https://example.org/specs/",
    menu: false,
    theme: "dark",
    limits: { maxRows: 5_000_000, maxMarks: 50_000 },
  };
  const chart: ChartHandle = render(box, { mark: "bar", data: { url: "data/a.csv" } }, options);
  const ready: ChartHandle = await chart.ready;
  await ready.update("specs/bar.json", { theme: "auto" });
  ready.resize();
  const png: Blob = await chart.toPNG(2);
  const svg: string = chart.toSVG();
  const csv: string = chart.toCSV(0);
  const tables: DataTable[] = chart.data();
  const firstRow: Record<string, number | string | null> | undefined = tables[0]?.rows[0];
  const boxes: Array<[string, number, number, number, number]> = chart.textBoxes();
  const anchor = chart.markAnchor(0);
  if (anchor) {
    const [x, y, colour] = anchor;
    const hit: MarkDatum | undefined = chart.hitTest(x, y);
    const label: string | undefined = hit?.label;
    void [colour, label];
  }
  const off = chart.on("select", (d, c) => {
    const share: number | null = d.share;
    void [share, c.state, c.canvas?.width];
  });
  off();
  chart.on("rendered", (d) => void d.markCount);
  chart.on("error", (d) => void d.message.length);
  box.addEventListener("stdviz:select", (e) => void e.detail.fields.map(([k, v]) => k + v));
  document.addEventListener("stdviz:ready", (e) => void (e.detail.drawn + e.detail.total));
  const same: ChartHandle | null = chartOf(box) ?? box.stdviz ?? null;
  const count: number = allCharts().length + chart.markCount() + chart.warnings().length + chart.summary().length;
  const urls = wasmAssetUrls("explore");
  const glue: string | undefined = urls?.glue;
  const html: string = await offlineHTML({ title: "阳泉" });
  const published: { html: string; pictures: string } = await publish({ mark: "bar" }, { "data/a.csv": "a\n1" }, { id: "a" });
  void published.html.length;
  // @ts-expect-error the data is text or bytes per URL, not numbers
  await publish("{}", { "a.csv": 1 });
  const length: number = await downloadOfflineHTML({ fileName: "stdviz-yangquan" });
  const filled: string = await fillBundleTemplate("<style></style>", {
    title: "t",
    loader: "",
    glue: "",
    wasmBase64: "",
    charts: [{ spec: "{}", files: { "data/a.csv": "" } }],
  });
  chart.destroy();
  void [png, svg, csv, firstRow, boxes, same, count, glue, html, length, filled];

  // @ts-expect-error theme is "auto", "light" or "dark"
  render(box, "specs/bar.json", { theme: "blue" });
  // @ts-expect-error limits have fixed names (unknown keys are an error at run time too)
  render(box, "specs/bar.json", { limits: { maxRow: 5 } });
  // @ts-expect-error there is no "hover" event
  chart.on("hover", () => {});
  // @ts-expect-error toSVG returns text, not a promise
  const notAPromise: Promise<string> = chart.toSVG();
  // @ts-expect-error a spec is an object or a string
  render(box, 42);
  void notAPromise;
}
