#!/usr/bin/env node
// Grammar and data figures (issue #3 "Chart grammar and data"): one command.
//
//   node bench/grammar/run.mjs [--runs 15] [--warmup 3] [--browser-runs 12] [--browser-warmup 2]
//                              [--skip-build] [--skip-size]
//
// Builds first, then measures, so no build of ours runs while anything is timed:
//
// 1. builds: `cargo build --release` (the CLI, target/release/stdviz) and `trunk build
//    --release --dist bench/out/grammar-dist` in this checkout (working tree as it is);
//    for the size comparison, the Foundation commit (the one whose subject starts with
//    "Playwright end-to-end tests and first-chart benchmark") and HEAD, each checked out in
//    its own temporary `git worktree` and built with trunk (shared cargo target dir
//    bench/out/grammar-target, so a second run is incremental); the worktrees are removed
//    afterwards. --skip-build reuses target/release/stdviz and bench/out/grammar-dist;
//    --skip-size leaves out the size comparison (its numbers are never reused from an
//    earlier run).
// 2. writes the SYNTHETIC 100,000-row catalogue (gen-catalogue.mjs, seed 20240110) to
//    bench/out/synthetic-catalogue-100k.csv.
// 3. CLI: `stdviz render SPEC -o OUT.svg --width 640` for every www/specs/*.json and
//    www/examples/*.json (not index.json), for a one-bar inline spec and for the catalogue
//    spec (with --data), plus `stdviz --help`: round-robin, `runs` rounds, the first
//    `warmup` not counted; whole-process wall time of spawnSync.
// 4. browser: bench/out/grammar-dist/bench.html (the built gallery.html with only the
//    catalogue chart in <main>), served by tests/e2e/server.mjs, loaded in Debian's
//    Chromium (playwright-core) `browser-runs` times, fresh context each, the first
//    `browser-warmup` not counted: ready mark, CSV responseEnd, and their difference.
//    Every counted load must draw the chart (data-stdviz-state="rendered", 5 marks).
// 5. Markdown tables on stdout; everything, with every sample, in bench/out/grammar.json.
//
// A benchmark, not a test: it never asserts on time. It exits non-zero only when a build
// fails, a spec does not render, or the catalogue chart is not drawn with 5 marks.

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync, constants as zlib } from 'node:zlib';
import { serve } from '../../tests/e2e/server.mjs';
import { FILE_NAME as CSV_NAME, LEVELS, SEED, ROWS, writeCatalogue } from '../../tests/fixtures/gen-catalogue.mjs';
import { stats } from '../lib/stats.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(here, '..', '..');
const OUT = path.join(REPO, 'bench', 'out');
const DIST = path.join(OUT, 'grammar-dist');
const SIZE_OUT = path.join(OUT, 'grammar-size');
const SIZE_TARGET = path.join(OUT, 'grammar-target');
const RESULTS = path.join(OUT, 'grammar.json');
const BIN = path.join(REPO, 'target', 'release', 'stdviz');
const CSV = path.join(OUT, CSV_NAME);
const CAT_SPEC_NAME = 'catalogue-count-by-level.json';
const CAT_SPEC = path.join(here, CAT_SPEC_NAME);
const TINY_SPEC = path.join(OUT, 'grammar-tiny.json');
const SVG_OUT = path.join(os.tmpdir(), `stdviz-grammar-${process.pid}.svg`);
const FOUNDATION_SUBJECT = 'Playwright end-to-end tests and first-chart benchmark';
const EXPECTED_MARKS = LEVELS.length; // one bar per level

const argv = process.argv.slice(2);
const { values: args } = parseArgs({
  args: argv,
  options: {
    runs: { type: 'string', default: '15' },
    warmup: { type: 'string', default: '3' },
    'browser-runs': { type: 'string', default: '12' },
    'browser-warmup': { type: 'string', default: '2' },
    'skip-build': { type: 'boolean', default: false },
    'skip-size': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
const USAGE =
  'usage: node bench/grammar/run.mjs [--runs 15] [--warmup 3] [--browser-runs 12] [--browser-warmup 2] [--skip-build] [--skip-size]';
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}
const RUNS = Number(args.runs);
const WARMUP = Number(args.warmup);
const B_RUNS = Number(args['browser-runs']);
const B_WARMUP = Number(args['browser-warmup']);
if (![RUNS, WARMUP, B_RUNS, B_WARMUP].every(Number.isInteger) || WARMUP < 0 || B_WARMUP < 0 || RUNS <= WARMUP || B_RUNS <= B_WARMUP) {
  console.error(`run.mjs: need integers --runs > --warmup >= 0 and --browser-runs > --browser-warmup >= 0\n${USAGE}`);
  process.exit(2);
}
if (RUNS - WARMUP < 10 || B_RUNS - B_WARMUP < 10) console.error('run.mjs: note: fewer than 10 counted runs; p95 is then close to the maximum');

const COMMAND = ['node bench/grammar/run.mjs', ...argv].join(' ');
const log = (s) => process.stderr.write(s + '\n');
const rel = (p) => path.relative(REPO, p) || '.';
const PATH = [path.join(os.homedir(), '.cargo', 'bin'), path.join(REPO, 'node_modules', '.bin'), process.env.PATH].join(':');

const LAUNCH = {
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic'],
};

// ---------------------------------------------------------------------------------------
// Helpers

function sh(cmd, cmdArgs, opts = {}) {
  log(`$ ${opts.cwd && opts.cwd !== REPO ? `(cd ${opts.cwd}) ` : ''}${[cmd, ...cmdArgs].join(' ')}`);
  const t0 = performance.now();
  // Build tools' output (trunk logs to stdout) goes to stderr: stdout carries only the report.
  const r = spawnSync(cmd, cmdArgs, { cwd: REPO, stdio: ['ignore', 2, 2], ...opts, env: { ...process.env, PATH, ...opts.env } });
  if (r.error || r.status !== 0) {
    throw new Error(`\`${[cmd, ...cmdArgs].join(' ')}\` failed: ${r.error ? r.error.message : `exit ${r.status}`}`);
  }
  return (performance.now() - t0) / 1000;
}

function git(gitArgs, opts = {}) {
  const r = spawnSync('git', gitArgs, { cwd: REPO, encoding: 'utf8', ...opts });
  if (r.status !== 0) throw new Error(`git ${gitArgs.join(' ')} failed: ${r.stderr}`);
  return (r.stdout || '').trim();
}

async function buildSizes(dir) {
  const names = (await fs.readdir(dir)).filter((n) => n.endsWith('.wasm') || /^stdviz-.*\.js$/.test(n));
  const pick = (pred) => {
    const name = names.find(pred);
    if (!name) throw new Error(`${dir}: no ${pred}`);
    const buf = readFileSync(path.join(dir, name));
    return { file: name, raw: buf.length, gzip9: gzipSync(buf, { level: zlib.Z_BEST_COMPRESSION }).length };
  };
  return { wasm: pick((n) => n.endsWith('.wasm')), js: pick((n) => n.endsWith('.js')) };
}

// ---------------------------------------------------------------------------------------
// Facts about this run

const HEAD = git(['rev-parse', 'HEAD']);
const dirty = git(['status', '--porcelain', '--', 'src', 'www', 'Cargo.toml', 'Cargo.lock', 'Trunk.toml']);
const foundationLine = git(['log', '--format=%H %s', 'HEAD']).split('\n').find((l) => l.slice(41).startsWith(FOUNDATION_SUBJECT));
if (!foundationLine) throw new Error(`no commit on HEAD's history has a subject starting "${FOUNDATION_SUBJECT}"`);
const FOUNDATION = foundationLine.slice(0, 40);
const chromiumCli = spawnSync('/usr/bin/chromium', ['--version'], { encoding: 'utf8' }).stdout?.trim() || '?';
const facts = {
  date: new Date().toISOString(),
  command: COMMAND,
  nproc: os.availableParallelism ? os.availableParallelism() : os.cpus().length,
  cpu: os.cpus()[0]?.model || '?',
  memGiB: +(os.totalmem() / 2 ** 30).toFixed(1),
  platform: `${os.platform()} ${os.release()}`,
  node: process.version,
  loadavgAtStart: os.loadavg().map((x) => +x.toFixed(2)),
  head: HEAD,
  workingTree: dirty ? 'uncommitted changes in src/www/Cargo/Trunk.toml' : 'clean',
  uncommitted: dirty ? dirty.split('\n') : [],
  foundation: `${FOUNDATION.slice(0, 7)} "${foundationLine.slice(41).split(';')[0]}"`,
};
log(`grammar bench: HEAD ${HEAD.slice(0, 7)} (${facts.workingTree}), Foundation ${FOUNDATION.slice(0, 7)}, ${facts.nproc} CPUs ${facts.cpu}`);

// ---------------------------------------------------------------------------------------
// 1. Builds (all before any timing)

const buildTimes = {};
if (!args['skip-build']) {
  buildTimes.cargoRelease = sh('cargo', ['build', '--release']);
  buildTimes.trunkWorkingTree = sh('trunk', ['build', '--release', '--dist', DIST]);
}
if (!existsSync(BIN)) throw new Error(`${rel(BIN)} is missing: run without --skip-build`);
if (!existsSync(path.join(DIST, 'gallery.html'))) throw new Error(`${rel(DIST)}/gallery.html is missing: run without --skip-build`);

/** Builds `rev` in a temporary worktree with trunk; returns the sizes of its wasm and JS glue. */
async function buildRevision(label, rev) {
  const wt = path.join(os.tmpdir(), `stdviz-bench-${label}-wt`);
  const dist = path.join(SIZE_OUT, label);
  const registered = () => git(['worktree', 'list', '--porcelain']).split('\n').some((l) => l === `worktree ${wt}`);
  if (registered()) git(['worktree', 'remove', '--force', wt]);
  else if (existsSync(wt)) throw new Error(`${wt} exists and is not a git worktree; move it away`);
  git(['worktree', 'add', '--detach', wt, rev]);
  try {
    const seconds = sh('trunk', ['build', '--release', '--dist', dist], { cwd: wt, env: { CARGO_TARGET_DIR: SIZE_TARGET } });
    return { label, rev, seconds, ...(await buildSizes(dist)) };
  } finally {
    git(['worktree', 'remove', '--force', wt]);
  }
}

const sizes = [];
if (!args['skip-size']) {
  sizes.push(await buildRevision('foundation', FOUNDATION));
  sizes.push(await buildRevision('head', HEAD));
}
// The page measured below, built from the working tree (maybe with uncommitted edits).
sizes.push({ label: 'working-tree', rev: `${HEAD}${dirty ? '+dirty' : ''}`, seconds: buildTimes.trunkWorkingTree ?? null, ...(await buildSizes(DIST)) });

// ---------------------------------------------------------------------------------------
// 2. The SYNTHETIC catalogue, the tiny spec, the benchmark page

const catalogue = await writeCatalogue(CSV);
log(`wrote ${rel(CSV)}: ${catalogue.rows} SYNTHETIC rows, ${catalogue.bytes} bytes, sha256 ${catalogue.sha256.slice(0, 16)}…`);

await fs.writeFile(
  TINY_SPEC,
  JSON.stringify({
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    data: { values: [{ level: '国家标准', count: 1 }] },
    mark: 'bar',
    encoding: { x: { field: 'level', type: 'nominal' }, y: { field: 'count', type: 'quantitative' } },
  }) + '\n',
);

await fs.copyFile(CSV, path.join(DIST, CSV_NAME));
await fs.copyFile(CAT_SPEC, path.join(DIST, CAT_SPEC_NAME));
{
  // The gallery's shell: its stylesheet, the glue and wasm preloads (named by Trunk.toml's
  // post_build hook) and its script tag, which loads the embed script alone here
  // (gallery.js's figure cards and #examples are not part of this page).
  const gallery = await fs.readFile(path.join(DIST, 'gallery.html'), 'utf8');
  const m = /(<main\b[^>]*>)[\s\S]*?(<\/main>)/.exec(gallery);
  if (!m || !/<link rel="modulepreload" href="stdviz-[0-9a-f]+\.js">/.test(gallery) || !/<script[^>]+src="gallery\.js"/.test(gallery)) {
    throw new Error(`${rel(DIST)}/gallery.html does not look like trunk's copy of www/gallery.html with the glue named`);
  }
  const page = gallery
    .replace(m[0], `${m[1]}\n    <div class="stdviz" data-stdviz="${CAT_SPEC_NAME}"></div>\n  ${m[2]}`)
    .replace(/(<script[^>]+src=)"gallery\.js"/, '$1"stdviz.js"')
    .replace('<title>', '<title>bench: SYNTHETIC catalogue · ');
  await fs.writeFile(path.join(DIST, 'bench.html'), page);
}

// ---------------------------------------------------------------------------------------
// 3. CLI wall times, round-robin

const listSpecs = async (dir) =>
  (await fs.readdir(path.join(REPO, dir)))
    .filter((n) => n.endsWith('.json') && n !== 'index.json')
    .sort()
    .map((n) => `${dir}/${n}`);
const exampleSpecs = [...(await listSpecs('www/specs')), ...(await listSpecs('www/examples'))];

const jobs = [
  { id: 'stdviz --help', kind: 'floor', args: ['--help'] },
  { id: `render ${rel(TINY_SPEC)} (one bar, inline data)`, kind: 'floor', args: ['render', TINY_SPEC, '-o', SVG_OUT, '--width', '640'] },
  ...exampleSpecs.map((s) => ({ id: s, kind: 'example', args: ['render', s, '-o', SVG_OUT, '--width', '640'] })),
  {
    id: `${rel(CAT_SPEC)} --data ${rel(CSV)}`,
    kind: 'catalogue',
    args: ['render', CAT_SPEC, '--data', CSV, '-o', SVG_OUT, '--width', '640'],
  },
];
for (const j of jobs) Object.assign(j, { samples: [], failures: [] });

log(`CLI: ${jobs.length} commands × ${RUNS} rounds (${WARMUP} warm-up), round-robin`);
for (let round = 0; round < RUNS; round++) {
  for (const j of jobs) {
    const t0 = performance.now();
    const r = spawnSync(BIN, j.args, { cwd: REPO, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
    const ms = performance.now() - t0;
    if (r.error || r.status !== 0) {
      if (j.failures.length < 3) j.failures.push({ round, status: r.status, stderr: (r.stderr || String(r.error)).trim().slice(0, 500) });
      continue;
    }
    if (round >= WARMUP) j.samples.push(ms);
  }
  log(`  round ${round + 1}/${RUNS}${round < WARMUP ? ' (warm-up)' : ''}`);
}
await fs.rm(SVG_OUT, { force: true });
const nativeCheck = spawnSync(BIN, ['check', rel(CAT_SPEC), '--data', rel(CSV)], { cwd: REPO, encoding: 'utf8' });
for (const j of jobs) j.stats = j.samples.length ? stats(j.samples) : null;
const floor = jobs.find((j) => j.kind === 'floor' && j.args[0] === 'render').stats?.median ?? 0;
const exampleJobs = jobs.filter((j) => j.kind === 'example');
const pooled = exampleJobs.flatMap((j) => j.samples);
const catJob = jobs.find((j) => j.kind === 'catalogue');

// ---------------------------------------------------------------------------------------
// 4. The catalogue chart in the browser

const { chromium } = await import('/work/main/node_modules/playwright-core/index.mjs');

async function loadOnce(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
  await context.route((u) => u.hostname !== '127.0.0.1', (route) => route.abort());
  const errors = [];
  try {
    const page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error' && !/\/favicon\.ico$/.test(m.location()?.url || '')) errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(url, { waitUntil: 'commit' });
    await page.waitForFunction(() => performance.getEntriesByName('stdviz:ready').length > 0, null, { timeout: 120_000, polling: 50 });
    const first = await page.evaluate((csvName) => {
        const res = performance.getEntriesByType('resource');
        const find = (suffix) => res.find((r) => new URL(r.name).pathname.endsWith(suffix));
        const csv = find('/' + csvName);
        const wasm = find('.wasm');
        const el = document.querySelector('[data-stdviz]');
        return {
          ready: performance.getEntriesByName('stdviz:ready')[0].startTime,
          csvStart: csv ? csv.startTime : null,
          csvResponseStart: csv ? csv.responseStart : null,
          csvResponseEnd: csv ? csv.responseEnd : null,
          csvBodyBytes: csv ? csv.encodedBodySize : null,
          wasmResponseEnd: wasm ? wasm.responseEnd : null,
          state: el && el.getAttribute('data-stdviz-state'),
          marks: el && el.stdviz ? el.stdviz.markCount() : null,
          drawn: Number(document.documentElement.getAttribute('data-stdviz-ready')),
          usedJSHeap: performance.memory ? performance.memory.usedJSHeapSize : null,
        };
      }, CSV_NAME);
    // After the measured load: mount the same chart again in the same page with the CSV
    // text already in hand, timing only dataUrls + the ChartView constructor (parse,
    // aggregate, lay out, draw) with the wasm module warm. Not part of `ready`.
    const remount = await page.evaluate(
      async ([specName, csvName]) => {
        const specText = await (await fetch(specName, { cache: 'no-store' })).text();
        const csvText = await (await fetch(csvName, { cache: 'no-store' })).text();
        // The glue module the embed script's first wasm instance uses (same URL, same
        // module record): gallery.html, and so bench.html, is a copied page without
        // trunk's window.wasmBindings.
        const b = await import((await import(new URL('stdviz.js', document.baseURI).href)).wasmAssetUrls().glue);
        const box = document.createElement('div');
        box.className = 'stdviz';
        document.querySelector('main').append(box);
        const t0 = performance.now();
        const data = {};
        for (const u of b.dataUrls(specText)) data[u] = csvText;
        const view = new b.ChartView(box, specText, data);
        const t1 = performance.now();
        return { ms: t1 - t0, state: box.getAttribute('data-stdviz-state'), marks: view.markCount() };
      },
      [CAT_SPEC_NAME, CSV_NAME],
    );
    return { ...first, remount, errors };
  } finally {
    await context.close();
  }
}

const server = await serve(DIST);
const browser = await chromium.launch(LAUNCH);
const chromiumVersion = browser.version();
const loads = [];
try {
  const url = `${server.url}bench.html`;
  log(`browser: ${url}, ${B_RUNS} loads (${B_WARMUP} warm-up), Chromium ${chromiumVersion}`);
  for (let i = 0; i < B_RUNS; i++) {
    const r = await loadOnce(browser, url);
    loads.push({ run: i, counted: i >= B_WARMUP, ...r, afterCsv: r.csvResponseEnd == null ? null : r.ready - r.csvResponseEnd });
    log(
      `  load ${String(i + 1).padStart(2)}/${B_RUNS}${i < B_WARMUP ? ' (warm-up)' : ''}: ready ${r.ready.toFixed(1)} ms, ` +
        `CSV responseEnd ${r.csvResponseEnd?.toFixed(1)} ms, ${r.state}, ${r.marks} marks; remount ${r.remount.ms.toFixed(1)} ms ${r.remount.state}/${r.remount.marks}${r.errors.length ? `, ${r.errors.length} errors: ${r.errors[0]}` : ''}`,
    );
  }
} finally {
  await browser.close();
  await server.close();
}
const counted = loads.filter((l) => l.counted);
const badLoads = counted.filter((l) => l.state !== 'rendered' || l.marks !== EXPECTED_MARKS || l.remount.state !== 'rendered' || l.remount.marks !== EXPECTED_MARKS);
const okLoads = counted.filter(
  (l) => l.state === 'rendered' && l.marks === EXPECTED_MARKS && l.csvResponseEnd != null && l.remount.state === 'rendered' && l.remount.marks === EXPECTED_MARKS,
);
const browserStats = okLoads.length
  ? {
      ready: stats(okLoads.map((l) => l.ready)),
      csvResponseEnd: stats(okLoads.map((l) => l.csvResponseEnd)),
      csvFetch: stats(okLoads.map((l) => l.csvResponseEnd - l.csvStart)),
      afterCsv: stats(okLoads.map((l) => l.afterCsv)),
      remount: stats(okLoads.map((l) => l.remount.ms)),
      wasmResponseEnd: stats(okLoads.map((l) => l.wasmResponseEnd)),
    }
  : null;

// ---------------------------------------------------------------------------------------
// 5. Results

const result = {
  ...facts,
  chromium: chromiumVersion,
  chromiumCli,
  runs: { cli: RUNS, cliWarmup: WARMUP, browser: B_RUNS, browserWarmup: B_WARMUP },
  buildSeconds: buildTimes,
  cli: {
    binary: rel(BIN),
    width: 640,
    jobs: jobs.map(({ id, kind, args: a, samples, failures, stats: s }) => ({ id, kind, args: a.map((x) => (path.isAbsolute(x) ? rel(x) : x)), stats: s, samples, failures })),
    examplesPooled: pooled.length ? stats(pooled) : null,
    startupFloorMs: floor,
  },
  catalogue: {
    SYNTHETIC: true,
    generator: 'tests/fixtures/gen-catalogue.mjs (32-bit LCG, a=1664525, c=1013904223)',
    seed: SEED,
    rows: ROWS,
    csv: rel(CSV),
    bytes: catalogue.bytes,
    sha256: catalogue.sha256,
    countsByLevel: catalogue.countsByLevel,
    spec: rel(CAT_SPEC),
    nativeCheck: (nativeCheck.stdout + nativeCheck.stderr).trim(),
    native: catJob.stats,
    browser: browserStats,
    browserLoads: loads,
    page: `${rel(DIST)}/bench.html`,
  },
  sizes,
};
await fs.mkdir(OUT, { recursive: true });
await fs.writeFile(RESULTS, JSON.stringify(result, null, 2) + '\n');

const ms = (x) => (x == null ? '–' : `${x.toFixed(1)} ms`);
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
const pct = (a, b) => `${a >= b ? '+' : ''}${(((a - b) / b) * 100).toFixed(1)} %`;
const short = (rev) => rev.slice(0, 7) + (rev.endsWith('+dirty') ? ' + uncommitted' : '');
const L = [];
L.push('## Grammar and data benchmark (issue #3)');
L.push('');
L.push('| machine | |');
L.push('|---|---|');
L.push(`| date | ${facts.date} |`);
L.push(`| command | \`${COMMAND}\` |`);
L.push(`| nproc / CPU | ${facts.nproc} × ${facts.cpu}, ${facts.memGiB} GiB RAM |`);
L.push(`| OS / Node | ${facts.platform} / ${facts.node} |`);
L.push(`| Chromium | ${chromiumVersion} (headless, playwright-core) |`);
L.push(`| load average at start | ${facts.loadavgAtStart.join(' ')} |`);
L.push(`| code | HEAD ${HEAD.slice(0, 7)}, working tree ${facts.workingTree} |`);
L.push('');
L.push(`### 1. CLI: \`stdviz render SPEC -o OUT.svg --width 640\`, whole-process wall time (spawnSync), ${RUNS - WARMUP} runs after ${WARMUP} warm-up, round-robin`);
L.push('');
L.push('| command | median | p95 | median − floor |');
L.push('|---|---:|---:|---:|');
for (const j of jobs) {
  const s = j.stats;
  const fail = j.failures.length ? ` **FAILED** (exit ${j.failures[0].status}: ${j.failures[0].stderr.split('\n')[0]})` : '';
  L.push(`| ${j.kind === 'floor' ? `*floor:* ${j.id}` : `\`${j.id}\``}${fail} | ${ms(s?.median)} | ${ms(s?.p95)} | ${j.kind === 'floor' || !s ? '' : ms(s.median - floor)} |`);
}
if (pooled.length) {
  const p = stats(pooled);
  L.push(`| **all ${exampleJobs.length} page specs and examples, pooled** (${p.n} runs) | **${ms(p.median)}** | **${ms(p.p95)}** | ${ms(p.median - floor)} |`);
}
L.push('');
L.push(`"floor" is process start-up: \`--help\` parses no spec; the one-bar render also parses, lays out and writes an SVG. "median − floor" subtracts the one-bar render.`);
L.push('');
L.push(`### 2. SYNTHETIC 100,000-row catalogue: load CSV + count by 层级 + draw (5 bars)`);
L.push('');
L.push(
  `Data: \`${rel(CSV)}\`, ${catalogue.rows.toLocaleString('en')} SYNTHETIC rows × 6 columns, ${(catalogue.bytes / 2 ** 20).toFixed(1)} MiB UTF-8, ` +
    `generated by \`tests/fixtures/gen-catalogue.mjs\` (LCG, seed ${SEED}); not published data. Spec: \`${rel(CAT_SPEC)}\`. ` +
    `Counts: ${Object.entries(catalogue.countsByLevel).map(([k, v]) => `${k} ${v}`).join(', ')}. Native \`stdviz check\`: ${result.catalogue.nativeCheck}.`,
);
L.push('');
L.push('| where | measure | median | p95 |');
L.push('|---|---|---:|---:|');
if (catJob.stats) {
  L.push(`| native CLI (${catJob.stats.n} runs) | whole process: read CSV, parse, aggregate, lay out, write SVG | ${ms(catJob.stats.median)} | ${ms(catJob.stats.p95)} |`);
  L.push(`| native CLI | the same minus the one-bar floor | ${ms(catJob.stats.median - floor)} | |`);
} else {
  L.push(`| native CLI | **FAILED**: ${catJob.failures[0]?.stderr} | | |`);
}
if (browserStats) {
  const n = okLoads.length;
  L.push(`| Chromium (${n} loads, fresh context each) | navigation start → \`stdviz:ready\` | ${ms(browserStats.ready.median)} | ${ms(browserStats.ready.p95)} |`);
  L.push(`| Chromium | navigation start → CSV responseEnd | ${ms(browserStats.csvResponseEnd.median)} | ${ms(browserStats.csvResponseEnd.p95)} |`);
  L.push(`| Chromium | CSV fetch (startTime → responseEnd, ${kib(okLoads[0].csvBodyBytes)} from 127.0.0.1) | ${ms(browserStats.csvFetch.median)} | ${ms(browserStats.csvFetch.p95)} |`);
  L.push(
    `| Chromium | **ready − CSV responseEnd**: text decode, hand to wasm, parse, aggregate, lay out, draw, one frame | **${ms(browserStats.afterCsv.median)}** | **${ms(browserStats.afterCsv.p95)}** |`,
  );
  L.push(
    `| Chromium | after each load, same page: \`dataUrls\` + \`new ChartView\` with the CSV text in hand (wasm warm; not part of ready) | ${ms(browserStats.remount.median)} | ${ms(browserStats.remount.p95)} |`,
  );
}
if (badLoads.length) L.push(`| Chromium | **${badLoads.length} counted loads did not draw 5 marks** (states: ${badLoads.map((l) => `${l.state}/${l.marks}, remount ${l.remount.state}/${l.remount.marks}`).join('; ')}) | | |`);
L.push('');
L.push('### 3. Release build size: Foundation vs HEAD (trunk build --release, wasm-opt -Oz)');
L.push('');
L.push('| build | commit | wasm raw | wasm gzip -9 | JS glue raw | JS glue gzip -9 |');
L.push('|---|---|---:|---:|---:|---:|');
for (const s of sizes) {
  L.push(`| ${s.label} | ${short(s.rev)} | ${s.wasm.raw} (${kib(s.wasm.raw)}) | ${s.wasm.gzip9} (${kib(s.wasm.gzip9)}) | ${s.js.raw} | ${s.js.gzip9} |`);
}
const found = sizes.find((s) => s.label === 'foundation');
const head = sizes.find((s) => s.label === 'head');
if (found && head) {
  const g = (k, f) => `${head[k][f] - found[k][f] >= 0 ? '+' : ''}${head[k][f] - found[k][f]} (${pct(head[k][f], found[k][f])})`;
  L.push(`| **growth HEAD − Foundation** | | ${g('wasm', 'raw')} | ${g('wasm', 'gzip9')} | ${g('js', 'raw')} | ${g('js', 'gzip9')} |`);
} else {
  L.push('| (Foundation and HEAD not built: --skip-size) | | | | | |');
}
L.push('');
L.push(`Foundation = ${facts.foundation}. gzip -9 = zlib level 9. "working-tree" is the page measured in section 2.`);
L.push('');
console.log(L.join('\n'));
console.log(`results: ${rel(RESULTS)}`);

if (jobs.some((j) => j.failures.length) || badLoads.length || !okLoads.length) process.exitCode = 1;
