// The analyzer vectors shared with src/search/analyzer.rs, and the client's other building
// blocks checked against values computed by tantivy and Rust.   node --test tests/search/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { analyze, analyzeQuery, fold, slugify, FIELDNORMS } from '../../theme/static/search.js';

const vectors = JSON.parse(readFileSync(new URL('./analyzer-vectors.json', import.meta.url), 'utf8'));
const pairs = (words) => words.map((w) => [w.accented, w.folded]);

test('at least 200 text vectors', () => {
  assert.ok(vectors.texts.length >= 200, `${vectors.texts.length} vectors`);
});

test('texts give the expected words', () => {
  const wrong = vectors.texts.filter((v) => JSON.stringify(pairs(analyze(v.text))) !== JSON.stringify(v.words));
  assert.deepEqual(wrong.map((v) => [v.text, pairs(analyze(v.text))]), []);
});

test('queries give the expected words and prefix flag', () => {
  for (const v of vectors.queries) {
    const q = analyzeQuery(v.query);
    assert.deepEqual({ words: pairs(q.words), lastIsPrefix: q.lastIsPrefix }, { words: v.words, lastIsPrefix: v.lastIsPrefix }, v.query);
  }
});

test('fold and slugify', () => {
  assert.equal(fold('đăng kí'), 'dang ki');
  assert.equal(slugify('Đăng ký khai sinh (cấp xã)'), 'dang-ky-khai-sinh-cap-xa');
  assert.equal(slugify('  --Thủ tục: 1.000656!! '), 'thu-tuc-1-000656');
  assert.equal(slugify('!!!'), '');
});

test("tantivy's field norm table", () => {
  // values from tantivy's FieldNormReader::id_to_fieldnorm
  assert.equal(FIELDNORMS.length, 256);
  for (let id = 0; id <= 40; id++) assert.equal(FIELDNORMS[id], id);
  assert.deepEqual([41, 48, 49, 56, 57].map((id) => FIELDNORMS[id]), [42, 56, 60, 88, 96]);
  assert.equal(FIELDNORMS[255], 2013265944);
  for (let id = 1; id < 256; id++) assert.ok(FIELDNORMS[id] > FIELDNORMS[id - 1]);
});
