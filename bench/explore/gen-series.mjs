#!/usr/bin/env node
// SYNTHETIC series as CSV, for the explorer's line-redraw benchmark (issue #7).
//
//   node bench/explore/gen-series.mjs [--rows 1000000] [--seed 20240110] [--out bench/out/explore/synthetic-series-1m.csv]
//
// NOT published data: a random walk from a fixed-seed generator, byte-identical on every
// machine and run, so that a line of a million points has a realistic jagged shape.
// Generator: the same 32-bit LCG as tests/fixtures/gen-catalogue.mjs (Numerical Recipes
// constants, state(0) = seed, u = state / 2^32). Columns (UTF-8, LF, header first):
//   x   the row number 0 … rows − 1
//   y   the walk: y(0) = 0, y(i) = y(i − 1) + (u − 0.5), written with 3 decimals

import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { lcg, SEED } from '../../tests/fixtures/gen-catalogue.mjs';

/** The series as CSV text. */
export function generateSeries({ rows = 1_000_000, seed = SEED } = {}) {
  const next = lcg(seed);
  const lines = ['x,y'];
  let y = 0;
  for (let i = 0; i < rows; i++) {
    if (i > 0) y += next() - 0.5;
    lines.push(`${i},${y.toFixed(3)}`);
  }
  return lines.join('\n') + '\n';
}

/** Writes the series to `out` (directories created); returns {path, rows, bytes}. */
export async function writeSeries(out, opts = {}) {
  const text = generateSeries(opts);
  await fs.mkdir(path.dirname(out), { recursive: true });
  await fs.writeFile(out, text);
  return { path: out, rows: opts.rows ?? 1_000_000, bytes: Buffer.byteLength(text) };
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
  const { values: args } = parseArgs({
    options: {
      rows: { type: 'string', default: '1000000' },
      seed: { type: 'string', default: String(SEED) },
      out: { type: 'string', default: path.join(repo, 'bench', 'out', 'explore', 'synthetic-series-1m.csv') },
    },
  });
  const rows = Number(args.rows);
  if (!Number.isInteger(rows) || rows < 1 || rows > 10_000_000) {
    console.error('gen-series: need integer --rows from 1 to 10000000');
    process.exit(2);
  }
  console.log(JSON.stringify(await writeSeries(path.resolve(args.out), { rows, seed: Number(args.seed) }), null, 2));
}
