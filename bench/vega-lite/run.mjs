// Vega-Lite gallery conformance (issue #18): how much of Vega-Lite's own example gallery
// `stdviz render` accepts, why it refuses the rest, and on the accepted specs how many of
// the text labels Vega draws (examples/compiled/*.svg) stdviz's SVG also shows.
//
//   node bench/vega-lite/run.mjs --vega-lite DIR --datasets DIR [--bin target/release/stdviz]
//        [--timeout 20] [--out bench/out/vega-lite.json] [--only NAME,NAME]
//
// --vega-lite: a checkout (or extract) of github:vega/vega-lite, or its bare git directory
//   (files are then read with `git cat-file`); nothing of it is copied into the project.
// --datasets: the `data/` folder of the npm package vega-datasets (the gallery's data.urls
//   are `data/NAME`), e.g. after `npm pack vega-datasets@3 && tar xzf vega-datasets-*.tgz`:
//   package/data.
// It never fails on what it counts; it prints a Markdown summary and writes every spec's
// outcome to --out (git-ignored bench/out/).

import { spawnSync, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

function parseArgs(argv) {
  const args = { bin: 'target/release/stdviz', timeout: 20, out: 'bench/out/vega-lite.json' };
  for (let i = 0; i < argv.length; i += 1) {
    const key = argv[i];
    const value = argv[i + 1];
    if (key === '--vega-lite') args.vegaLite = value;
    else if (key === '--datasets') args.datasets = value;
    else if (key === '--bin') args.bin = value;
    else if (key === '--timeout') args.timeout = Number(value);
    else if (key === '--out') args.out = value;
    else if (key === '--only') args.only = new Set(value.split(','));
    else {
      console.error(`unknown argument ${key}`);
      process.exit(2);
    }
    i += 1;
  }
  if (!args.vegaLite || !args.datasets) {
    console.error('usage: node bench/vega-lite/run.mjs --vega-lite DIR --datasets DIR [--bin PATH]');
    process.exit(2);
  }
  return args;
}

/** Reads files of the vega-lite repository from a work tree or from a bare git directory. */
function repoReader(dir) {
  if (fs.existsSync(path.join(dir, 'examples', 'specs'))) {
    return {
      list: (folder) => fs.readdirSync(path.join(dir, folder)),
      read: (file) => {
        try {
          return fs.readFileSync(path.join(dir, file), 'utf8');
        } catch {
          return null;
        }
      },
    };
  }
  const git = (...rest) => execFileSync('git', ['--git-dir', dir, ...rest], { maxBuffer: 1 << 28 });
  const listing = new Map();
  for (const folder of ['examples/specs', 'examples/compiled']) {
    const rows = git('ls-tree', 'HEAD', `${folder}/`).toString().trim().split('\n');
    for (const row of rows) {
      const [meta, name] = row.split('\t');
      listing.set(name, meta.split(' ')[2]);
    }
  }
  return {
    list: (folder) =>
      [...listing.keys()].filter((name) => name.startsWith(`${folder}/`)).map((name) => name.slice(folder.length + 1)),
    read: (file) => {
      const blob = listing.get(file);
      if (!blob) return null;
      try {
        return git('cat-file', 'blob', blob).toString('utf8');
      } catch {
        return null; // blobs absent from a partial snapshot
      }
    },
  };
}

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(text) {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** The distinct visible texts of an SVG's <text> elements (tspans joined), whitespace collapsed. */
function svgTexts(svg) {
  const texts = new Set();
  for (const match of svg.matchAll(/<text\b([^>]*)>([\s\S]*?)<\/text>/g)) {
    // Vega keeps the labels its labelOverlap removes, at opacity 0: not shown to a reader.
    if (/\bopacity="0"/.test(match[1])) continue;
    const inner = match[2].replace(/<[^>]*>/g, ' ');
    const text = decodeEntities(inner).replace(/\s+/g, ' ').trim();
    if (text) texts.add(text);
  }
  return texts;
}

/** The first line of stderr that is not a warning (warnings come before the error). */
function firstError(stderr) {
  const lines = stderr.split('\n').filter((row) => row.trim());
  return lines.find((row) => !/: warning at /.test(row) && !row.startsWith('warning')) ?? lines[0] ?? '';
}

/** The property path of the first error on stderr (`spec error at layer[0].mark.x: …`),
 * array indices dropped so that specs refused for the same property group together. */
function errorGroup(stderr) {
  const line = firstError(stderr);
  const at = line.match(/ error (?:in .*? )?at (.*?): /);
  if (!at) return line.replace(/^[^:]*\.vl\.json: /, '').slice(0, 60) || '(no message)';
  if (/^line \d+/.test(at[1])) return '(data line/column)';
  return at[1].replace(/\[\d+\]/g, '[]');
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  const repo = repoReader(args.vegaLite);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'stdviz-vl-'));
  fs.symlinkSync(path.resolve(args.datasets), path.join(work, 'data'));
  const names = repo
    .list('examples/specs')
    .filter((name) => name.endsWith('.vl.json') && !name.includes('/'))
    .filter((name) => !args.only || args.only.has(name.replace(/\.vl\.json$/, '')))
    .sort();
  const results = [];
  for (const name of names) {
    const stem = name.replace(/\.vl\.json$/, '');
    const text = repo.read(`examples/specs/${name}`);
    if (text === null) {
      results.push({ stem, outcome: 'unavailable' });
      continue;
    }
    const specFile = path.join(work, name);
    const svgFile = path.join(work, `${stem}.svg`);
    // A few specs name the datasets by their CDN address: the same files, read offline.
    fs.writeFileSync(specFile, text.replace(/https:\/\/cdn\.jsdelivr\.net\/npm\/vega-datasets@[^/]+\/data\//g, 'data/'));
    const started = process.hrtime.bigint();
    const run = spawnSync(path.resolve(args.bin), ['render', specFile, '-o', svgFile], {
      encoding: 'utf8',
      timeout: args.timeout * 1000,
      killSignal: 'SIGKILL',
    });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const row = { stem, ms };
    if (run.error && run.error.code === 'ETIMEDOUT') row.outcome = 'hang';
    else if (run.status === 0) row.outcome = 'accepted';
    else if (run.status === 1) {
      row.outcome = 'refused';
      row.error = firstError(run.stderr).replace(/^.*?\.vl\.json: /, '');
      row.group = errorGroup(run.stderr);
    } else {
      row.outcome = 'crash';
      row.error = `status ${run.status} signal ${run.signal}: ${run.stderr.slice(0, 300)}`;
    }
    if (row.outcome === 'accepted') {
      const vega = repo.read(`examples/compiled/${stem}.svg`);
      if (vega !== null) {
        const ours = svgTexts(fs.readFileSync(svgFile, 'utf8'));
        const theirs = [...svgTexts(vega)];
        row.labels = theirs.length;
        row.shown = theirs.filter((label) => ours.has(label)).length;
        row.missing = theirs.filter((label) => !ours.has(label)).slice(0, 8);
      }
    }
    results.push(row);
    fs.rmSync(svgFile, { force: true });
    fs.rmSync(specFile, { force: true });
  }
  fs.rmSync(work, { recursive: true, force: true });
  report(results, args);
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor((sorted.length - 1) / 2)] : NaN;
}

function report(results, args) {
  const count = (outcome) => results.filter((row) => row.outcome === outcome).length;
  const accepted = results.filter((row) => row.outcome === 'accepted');
  const withLabels = accepted.filter((row) => row.labels);
  const labels = withLabels.reduce((sum, row) => sum + row.labels, 0);
  const shown = withLabels.reduce((sum, row) => sum + row.shown, 0);
  const perSpec = withLabels.map((row) => row.shown / row.labels);
  const groups = new Map();
  for (const row of results.filter((r) => r.outcome === 'refused')) {
    const entry = groups.get(row.group) ?? { count: 0, example: row.stem, message: row.error };
    entry.count += 1;
    groups.set(row.group, entry);
  }
  const lines = [];
  lines.push(`# Vega-Lite gallery conformance (${new Date().toISOString()})`, '');
  lines.push(`| specs | accepted | refused | crashes | hangs (>${args.timeout} s) | unavailable |`);
  lines.push('| --- | --- | --- | --- | --- | --- |');
  lines.push(
    `| ${results.length} | ${accepted.length} | ${count('refused')} | ${count('crash')} | ${count('hang')} | ${count('unavailable')} |`,
  );
  lines.push('');
  lines.push(
    `Labels on accepted specs: stdviz shows ${shown} of Vega's ${labels} distinct <text> labels ` +
      `(share ${(shown / labels).toFixed(3)}; median per spec ${median(perSpec).toFixed(3)}; ` +
      `${withLabels.length} specs with labels). Render time per spec: median ${median(results.map((r) => r.ms ?? 0)).toFixed(0)} ms.`,
  );
  lines.push('', '| first error at | specs | example | message |', '| --- | --- | --- | --- |');
  for (const [group, entry] of [...groups].sort((a, b) => b[1].count - a[1].count)) {
    lines.push(`| \`${group}\` | ${entry.count} | ${entry.example} | ${entry.message.slice(0, 110).replace(/\|/g, '\\|')} |`);
  }
  for (const row of results.filter((r) => r.outcome === 'crash' || r.outcome === 'hang')) {
    lines.push('', `${row.outcome}: ${row.stem} ${row.error ?? ''}`);
  }
  console.log(lines.join('\n'));
  fs.mkdirSync(path.dirname(args.out), { recursive: true });
  fs.writeFileSync(args.out, JSON.stringify({ results }, null, 1));
}

main();
