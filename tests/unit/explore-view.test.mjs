// Unit tests of the explorer's pure view model (www/explore-view.js) in Node: no build, no
// browser.
//
//   node --test tests/unit/
//
// The share fragment round-trips the SYNTHETIC 500-row catalogue of
// tests/fixtures/gen-catalogue.mjs (fixed seed), generated in memory.

import test from 'node:test';
import assert from 'node:assert/strict';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCatalogue, SEED } from '../fixtures/gen-catalogue.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
// Imported from its text: the repository's package.json does not declare ES modules.
const V = await import(`data:text/javascript;base64,${(await fsp.readFile(path.join(repo, 'www', 'explore-view.js'))).toString('base64')}`);

const small = { text: generateCatalogue({ rows: 500, seed: SEED }).text };

test('view model: every form round-trips through its spec; the share fragment round-trips', async () => {
  const fields = [
    { name: '层级', type: 'text', distinct: 5, missing: 0, vocabulary: 'level', yearLike: false },
    { name: '状态', type: 'text', distinct: 2, missing: 0, vocabulary: null, yearLike: false },
    { name: '年份', type: 'number', distinct: 9, missing: 0, vocabulary: null, yearLike: true, min: 2015, max: 2023 },
    { name: '起草单位数', type: 'number', distinct: 12, missing: 0, vocabulary: null, yearLike: false, min: 1, max: 12 },
  ];
  const data = { name: 'x.csv', url: 'x.csv', format: 'csv', parse: {}, synthetic: true };
  // The engine's reading of a query, as transformsQuery returns it (the query form of src/web/dataset/wire.rs).
  const engineQuery = (q) => ({ filters: q.filters.length ? q.filters : undefined, groupBy: q.groupBy, aggregate: q.aggregate, top: q.top });
  for (const [form] of V.FORMS) {
    const view = {
      ...V.defaultView(),
      form,
      x: '层级',
      op: 'sum',
      y: '起草单位数',
      color: ['grouped', 'stacked', 'line', 'area', 'point'].includes(form) ? '状态' : null,
      facet: form === 'bar' ? '状态' : null,
      sort: ['bar', 'grouped', 'stacked', 'barh', 'waffle'].includes(form) ? '-value' : 'auto',
      top: 3,
      filters: [{ field: '年份', range: [2016, 2020] }, { field: '状态', oneOf: ['废止'], exclude: true }],
    };
    const q = V.toQuery(view, fields);
    const s = V.toSpec(view, fields, data, []);
    const back = V.fromSpec(s, fields, engineQuery(q));
    assert.deepEqual(back, view, `form ${form}`);
  }
  assert.throws(() => V.fromSpec({ mark: 'rect', encoding: {} }, fields, {}), /mark/);
  assert.throws(() => V.fromSpec({ mark: 'bar', encoding: { x: { field: 'nope' } } }, fields, {}), /nope/);

  const bytes = new TextEncoder().encode(small.text);
  const s = { mark: 'bar', title: '阳泉 <test> & "quotes"' };
  const frag = await V.encodeShare(s, data, bytes);
  assert.match(frag, /^v1\.[A-Za-z0-9_-]+$/);
  const back = await V.decodeShare(`#${frag}`);
  assert.deepEqual(back.spec, s);
  assert.deepEqual(back.data, data);
  assert.deepEqual(Buffer.from(back.bytes), Buffer.from(bytes));
  const big = new Uint8Array(V.SHARE_DATA_MAX + 1);
  assert.equal((await V.decodeShare(await V.encodeShare(s, data, big))).bytes, null, 'large data stays out of the link');
});

// ---------------------------------------------------------------------------------------
// The page

test('pivot: choices from the field profiles, and the transform first in the spec', () => {
  const fields = [
    { name: '年份', type: 'number', distinct: 2, missing: 0, vocabulary: null, yearLike: true },
    { name: '备注', type: 'text', distinct: 300, missing: 0, vocabulary: null, yearLike: false },
    { name: '地区', type: 'text', distinct: 6, missing: 0, vocabulary: null, yearLike: false },
    { name: '层级', type: 'text', distinct: 4, missing: 0, vocabulary: 'level', yearLike: false },
    { name: '数量', type: 'number', distinct: 8, missing: 0, vocabulary: null, yearLike: false },
  ];
  // The vocabulary field first, then by fewest values; a 300-value field is not offered.
  assert.deepEqual(V.pivotChoices(fields), { fields: ['层级', '地区'], values: ['数量', '年份'] });
  assert.equal(V.pivotChoices(fields.filter((f) => f.type === 'number')), null);
  const pivot = { pivot: '层级', value: '数量', groupby: ['年份', '地区'] };
  const data = { name: 'x.csv', url: 'x.csv', format: 'csv', parse: {}, pivot };
  const view = { ...V.defaultView(), x: '年份', op: 'sum', y: '国家标准' };
  const s = V.toSpec(view, fields, data, [{ filter: { field: '年份', range: [2020, 2023] } }]);
  assert.deepEqual(s.transform[0], { pivot: '层级', value: '数量', groupby: ['年份', '地区'] });
  assert.equal(s.transform.length, 2);
  assert.deepEqual(V.reshapeTransform({ fold: null, pivot: null }), null);
  // Vega-Lite's pivot sums unless told otherwise: only another op is written.
  assert.deepEqual(V.pivotTransform({ ...pivot, op: 'sum' }), { pivot: '层级', value: '数量', groupby: ['年份', '地区'] });
  assert.deepEqual(V.pivotTransform({ ...pivot, op: 'mean' }), { pivot: '层级', value: '数量', groupby: ['年份', '地区'], op: 'mean' });
});
