#!/usr/bin/env node
// SYNTHETIC catalogue of standards as CSV, for the grammar/data benchmark (issue #3).
//
//   node bench/grammar/gen-catalogue.mjs [--rows 100000] [--seed 20240110]
//                                        [--out bench/out/synthetic-catalogue-100k.csv]
//
// NOT published data. Every value comes from a fixed-seed pseudo-random generator so the
// file is byte-identical on every machine and every run; it exists only to give the CSV
// loader and the aggregation a realistic shape and size to chew on.
//
// Generator: a 32-bit linear congruential generator (Numerical Recipes constants),
//   state(n+1) = (1664525 * state(n) + 1013904223) mod 2^32,  state(0) = seed,
// each draw u = state / 2^32 in [0, 1). Per row, in this order, draws choose: the title
// (four draws: domain, object, aspect, part), the level, the year, the status, the number
// of drafting organisations.
//
// Columns (UTF-8, no BOM, LF line ends, a header row first, no comment lines; no field
// contains a comma, quote or line break, so nothing is quoted):
//   编号        unique code `T/SYN 000001-2019`: row number (6 digits; 7 from 1,000,000 rows) and the row's year
//   标准名称    synthetic title, e.g. `合成示例 智能制造 工业机器人 安全要求 第2部分`; with
//               `--titles short` only the domain (`智能制造`): 1,000,000 rows are then 59.5 MB,
//               the size issue #7 names, instead of 108 MB (the same draws, so every other
//               column is the same)
//   层级        国家标准 10 %, 行业标准 15 %, 地方标准 20 %, 团体标准 30 %, 企业标准 25 %
//   年份        2015–2023, uniform
//   状态        现行 85 %, 废止 15 %
//   起草单位数  1–12, uniform

import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

export const SEED = 20240110;
export const ROWS = 100_000;
export const FILE_NAME = 'synthetic-catalogue-100k.csv';
export const HEADER = ['编号', '标准名称', '层级', '年份', '状态', '起草单位数'];

/** Level names and their fixed weights (sum 1). */
export const LEVELS = [
  ['国家标准', 0.1],
  ['行业标准', 0.15],
  ['地方标准', 0.2],
  ['团体标准', 0.3],
  ['企业标准', 0.25],
];

const DOMAINS = ['智能制造', '绿色建筑', '食品安全', '数据安全', '新能源汽车', '医疗器械', '冷链物流', '智慧城市', '电子商务', '节能环保', '轨道交通', '现代农业'];
const OBJECTS = ['工业机器人', '储能系统', '追溯平台', '检测设备', '信息系统', '服务流程', '包装材料', '计量器具', '充电设施', '管理体系'];
const ASPECTS = ['通用要求', '技术规范', '试验方法', '评价指南', '安全要求', '术语和定义', '运行维护规程', '数据接口'];

/** The LCG described above; returns draws in [0, 1). */
export function lcg(seed = SEED) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(1664525, state) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

const pick = (list, u) => list[Math.floor(u * list.length)];

function pickWeighted(weighted, u) {
  let acc = 0;
  for (const [name, w] of weighted) {
    acc += w;
    if (u < acc) return name;
  }
  return weighted[weighted.length - 1][0];
}

/**
 * Generates the catalogue.
 * @returns {{text: string, rows: number, countsByLevel: Record<string, number>, sha256: string, bytes: number}}
 */
export function generateCatalogue({ rows = ROWS, seed = SEED, titles = 'long' } = {}) {
  const next = lcg(seed);
  const lines = [HEADER.join(',')];
  const countsByLevel = Object.fromEntries(LEVELS.map(([n]) => [n, 0]));
  // Six digits up to 999,999 rows (the files of earlier runs stay byte-identical), more beyond.
  const width = Math.max(6, String(rows).length);
  for (let i = 1; i <= rows; i++) {
    const domain = pick(DOMAINS, next());
    const object = pick(OBJECTS, next());
    const aspect = pick(ASPECTS, next());
    const part = Math.floor(next() * 4); // 0: no part, 1–3: 第n部分
    const level = pickWeighted(LEVELS, next());
    const year = 2015 + Math.floor(next() * 9);
    const status = next() < 0.85 ? '现行' : '废止';
    const drafters = 1 + Math.floor(next() * 12);
    const code = `T/SYN ${String(i).padStart(width, '0')}-${year}`;
    const title = titles === 'short' ? domain : `合成示例 ${domain} ${object} ${aspect}${part ? ` 第${part}部分` : ''}`;
    countsByLevel[level]++;
    lines.push(`${code},${title},${level},${year},${status},${drafters}`);
  }
  const text = lines.join('\n') + '\n';
  const buf = Buffer.from(text, 'utf8');
  return { text, rows, countsByLevel, bytes: buf.length, sha256: createHash('sha256').update(buf).digest('hex') };
}

/** Writes the catalogue to `out` (directories created) and returns generateCatalogue()'s facts. */
export async function writeCatalogue(out, opts = {}) {
  const cat = generateCatalogue(opts);
  await fs.mkdir(path.dirname(out), { recursive: true });
  await fs.writeFile(out, cat.text);
  const { text, ...facts } = cat;
  return { path: out, ...facts };
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
  const { values: args } = parseArgs({
    options: {
      rows: { type: 'string', default: String(ROWS) },
      seed: { type: 'string', default: String(SEED) },
      out: { type: 'string', default: path.join(repo, 'bench', 'out', FILE_NAME) },
      titles: { type: 'string', default: 'long' },
    },
  });
  const rows = Number(args.rows);
  const seed = Number(args.seed);
  if (!Number.isInteger(rows) || rows < 1 || rows > 9_999_999 || !Number.isInteger(seed) || !['long', 'short'].includes(args.titles)) {
    console.error('gen-catalogue: need integer --rows from 1 to 9999999, an integer --seed and --titles long|short');
    process.exit(2);
  }
  const facts = await writeCatalogue(path.resolve(args.out), { rows, seed, titles: args.titles });
  console.log(JSON.stringify(facts, null, 2));
}
