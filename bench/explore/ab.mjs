// Two explorer builds side by side in one run: `run.mjs` on each, alternated round by
// round (A, B, A, B…) so the shared machine's load falls on both alike, one fresh browser
// per load. Prints the medians of load + first chart (wall and the tab's CPU time) and of
// the re-aggregation, and the ratio B / A. A benchmark, never a test.
//
//   node bench/explore/ab.mjs --a DIST_A --b DIST_B [--rounds 5] [--size 1000000s]
//
// e.g. --a a copy of main's dist/, --b this branch's (both from `trunk build --release`).
// Data: run.mjs's SYNTHETIC catalogue (bench/explore/README.md).

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { median } from '../lib/stats.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const { values: args } = parseArgs({
  options: {
    a: { type: 'string' },
    b: { type: 'string' },
    rounds: { type: 'string', default: '5' },
    size: { type: 'string', default: '1000000s' },
  },
});
if (!args.a || !args.b) throw new Error('usage: node bench/explore/ab.mjs --a DIST_A --b DIST_B [--rounds N] [--size 1000000s]');
const ROUNDS = Number(args.rounds);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'stdviz-ab-'));
const samples = { a: [], b: [] };
const loads = [];

for (let round = 0; round < ROUNDS; round++) {
  for (const side of ['a', 'b']) {
    const out = path.join(tmp, `${side}-${round}.json`);
    const run = spawnSync(
      process.execPath,
      [path.join(here, 'run.mjs'), '--dist', args[side], '--runs', '1', '--sizes', args.size, '--skip-vegalite', '--reaggregations', '3', '--out', out],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    );
    if (run.status !== 0) throw new Error(`run.mjs for ${side} exited ${run.status}`);
    const r = JSON.parse(fs.readFileSync(out, 'utf8'));
    loads.push(r.machine.load[0]);
    for (const s of r.sizes[args.size].explorer) samples[side].push(s);
    console.error(`round ${round + 1}/${ROUNDS} ${side}: ${Math.round(r.sizes[args.size].explorer[0].firstChartMs)} ms`);
  }
}

const med = (side, key) => median(samples[side].map((s) => s[key]));
const reagg = (side) => median(samples[side].flatMap((s) => (s.reaggregations || []).map((x) => x.queryMs)));
const row = (name, f) => {
  const a = f('a');
  const b = f('b');
  return `| ${name} | ${a.toFixed(1)} | ${b.toFixed(1)} | ${(b / a).toFixed(3)} |`;
};
console.log(`${args.size} rows, ${ROUNDS} rounds alternated, load average ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}`);
console.log(`A = ${args.a}\nB = ${args.b}\n`);
console.log('| median | A | B | B / A |');
console.log('| --- | --- | --- | --- |');
console.log(row('load + first chart (ms)', (s) => med(s, 'firstChartMs')));
console.log(row('of it: tab CPU (ms)', (s) => med(s, 'cpuMs')));
console.log(row('re-aggregation, engine (ms)', reagg));
