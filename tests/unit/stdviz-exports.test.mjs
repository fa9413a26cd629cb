// www/stdviz.js and its declarations (www/stdviz.d.ts) name the same exports: a function
// added to one and not the other fails here (tests/types/usage.ts checks the types of the
// declared ones with tsc).
//
//   node --test tests/unit/

import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const www = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'www');

/** Names of the values (functions, constants, classes) a file exports at its top level. */
function exportedValues(text) {
  const names = [...text.matchAll(/^export\s+(?:declare\s+)?(?:async\s+)?(?:function\*?|const|let|var|class)\s+([A-Za-z_$][\w$]*)/gm)].map((m) => m[1]);
  for (const m of text.matchAll(/^export\s*\{([^}]*)\}/gm)) {
    for (const part of m[1].split(',')) {
      const name = part.trim().split(/\s+as\s+/).pop();
      if (name && !name.startsWith('type ')) names.push(name);
    }
  }
  return [...new Set(names)].sort();
}

test('stdviz.js exports exactly what stdviz.d.ts declares', () => {
  const js = exportedValues(fs.readFileSync(path.join(www, 'stdviz.js'), 'utf8'));
  const dts = exportedValues(fs.readFileSync(path.join(www, 'stdviz.d.ts'), 'utf8'));
  assert.ok(js.includes('render') && dts.includes('render'), `read no exports: ${js} / ${dts}`);
  assert.deepEqual(js, dts);
});
