#!/usr/bin/env node
// Builds the benchmark pages under bench/out/compare/:
//
//   echarts/   index.html + echarts.js (ECharts 6, tree-shaken, esbuild --minify) + specs/ data/
//   vegalite/  index.html + vegalite.js (vega + vega-lite + vega-embed, esbuild --minify) + specs/ data/
//   stdviz/    trunk's release build (built by run.mjs), its <body> replaced by the same boxes
//
// Every page has one box per entry of charts.mjs, in the same order and at the same CSS
// size, and the same spec and data files at the same relative paths. The peers' pages mark
// performance 'chart:ready' one frame after their libraries report rendering done; stdviz's
// loader (www/stdviz.js) marks 'stdviz:ready'.
//
//   node bench/compare/build.mjs            # peers only (needs `npm ci --prefix bench/compare`)
//   node bench/compare/build.mjs --stdviz   # also rewrite bench/out/compare/stdviz/index.html

import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CHARTS, BOX } from './charts.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
export const REPO = path.resolve(here, '..', '..');
export const OUT = path.join(REPO, 'bench', 'out', 'compare');

/** Where a repository file lands inside a page folder: www/specs/x.json → specs/x.json. */
export function pagePath(repoPath) {
  return repoPath.replace(/^(www|bench\/compare)\//, '');
}

const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

const STYLE = `<style>
  body { margin: 0; padding: 16px; background: #fff; font-family: "Noto Sans CJK SC", "Source Han Sans SC", sans-serif; }
  .box { width: ${BOX.width}px; min-height: ${BOX.height}px; margin: 0 0 16px; }
  .box[data-echarts] { height: ${BOX.height}px; }
</style>`;

/** The boxes, one per chart; `attrs(chart)` adds the library's own attributes. */
function boxes(attrs) {
  return CHARTS.map(
    (c) =>
      `  <div class="box" data-chart="${esc(c.id)}" data-spec="${esc(pagePath(c.spec))}"${attrs(c)}></div>`,
  ).join('\n');
}

function shell(title, head, body) {
  return `<!doctype html>
<html lang="zh-CN">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${esc(title)}</title>
  <link rel="icon" href="data:,">
  ${STYLE}
${head}
</head>
<body>
${body}
</body>
</html>
`;
}

async function copyChartFiles(dir) {
  const files = new Set(CHARTS.flatMap((c) => [c.spec, ...c.files]));
  for (const f of files) {
    const dest = path.join(dir, pagePath(f));
    await fs.mkdir(path.dirname(dest), { recursive: true });
    await fs.copyFile(path.join(REPO, f), dest);
  }
}

async function bundle(entry, outfile) {
  const esbuild = await import(pathToFileURL(path.join(here, 'node_modules', 'esbuild', 'lib', 'main.js')).href);
  const result = await esbuild.build({
    entryPoints: [path.join(here, 'pages', entry)],
    outfile,
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
    metafile: true,
  });
  return Object.keys(result.metafile.inputs).length;
}

/** Builds the ECharts and Vega-Lite pages. Returns { echarts: dir, vegalite: dir }. */
export async function buildPeers() {
  const pages = {
    echarts: { title: 'bench: ECharts', entry: 'echarts.mjs', attrs: (c) => ` data-echarts="${esc(c.echarts)}"` },
    vegalite: { title: 'bench: Vega-Lite', entry: 'vegalite.mjs', attrs: () => '' },
  };
  const dirs = {};
  for (const [name, p] of Object.entries(pages)) {
    const dir = path.join(OUT, name);
    await fs.rm(dir, { recursive: true, force: true });
    await fs.mkdir(dir, { recursive: true });
    const modules = await bundle(p.entry, path.join(dir, `${name}.js`));
    await copyChartFiles(dir);
    const body = `${boxes(p.attrs)}\n  <script type="module" src="${name}.js"></script>`;
    await fs.writeFile(path.join(dir, 'index.html'), shell(p.title, '', body));
    process.stderr.write(`build: ${path.relative(REPO, dir)}/ (${modules} modules bundled)\n`);
    dirs[name] = dir;
  }
  return dirs;
}

/**
 * Turns trunk's build of the project page into the benchmark page: keeps trunk's <head>
 * (wasm init script, modulepreload/preload links, style.css) and replaces the <body>
 * (masthead, figure cards, two chart cards) by the same boxes as the peers' pages, each
 * with data-stdviz, and the project's loader stdviz.js. The original is kept as site.html
 * (never fetched by the benchmark).
 */
export async function finishStdvizPage(dir = path.join(OUT, 'stdviz')) {
  const indexPath = path.join(dir, 'index.html');
  let html = await fs.readFile(indexPath, 'utf8');
  if (html.includes('data-bench-page')) return dir; // already rewritten
  await fs.writeFile(path.join(dir, 'site.html'), html);
  const headEnd = html.indexOf('</head>');
  if (headEnd < 0 || !/TrunkApplicationStarted/.test(html)) {
    throw new Error(`${indexPath} does not look like a trunk build (no </head> or init script)`);
  }
  const head = html.slice(0, headEnd).replace('<title>', '<title>bench: stdviz · ');
  const body = `${boxes((c) => ` data-stdviz="${esc(pagePath(c.spec))}"`)}\n  <script type="module" src="stdviz.js"></script>`;
  html = `${head}  ${STYLE}\n</head>\n<body data-bench-page>\n${body}\n</body>\n</html>\n`;
  await copyChartFiles(dir);
  await fs.writeFile(indexPath, html);
  return dir;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  await buildPeers();
  if (process.argv.includes('--stdviz')) await finishStdvizPage();
}
