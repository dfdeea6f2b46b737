// The words citizens type (issue 13), through the client against a real export of the site
// fixture (SITE_DIR): built-in synonyms from the short shards, a typo read as the nearest
// known word, no dead ends, a leading "thủ tục" left out, the plain procedure first.
// tests/search_parity.rs holds the same rules to tantivy's; these check the client alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createSearch } from '../../theme/static/search.js';

const siteDir = process.env.SITE_DIR;

function counting() {
  const fetched = [];
  const fetch = async (url) => {
    const path = decodeURI(new URL(url, 'http://site/').pathname);
    try {
      const body = await readFile(join(siteDir, path));
      fetched.push(path);
      return new Response(body, { status: 200 });
    } catch {
      return new Response('not found', { status: 404 });
    }
  };
  return { fetched, client: createSearch({ baseUrl: '/', fetch }) };
}

const codes = (found) => found.results.map((r) => r.code);

test('a synonym finds what the titles call it, from the shards a query fetches anyway', async () => {
  const { fetched, client } = counting();
  const found = await client.search('ho khau', { limit: 10 });
  assert.equal(found.results[0].title, 'Đăng ký thường trú');
  assert.deepEqual(found.leftOut, []);
  assert.equal(found.corrected, null);
  // the synonym table costs no file of its own
  assert.ok(!fetched.some((p) => /synonym/.test(p)), fetched.join(' '));
});

test('a mistyped word is read as the nearest known word, at the cost of one completion shard', async () => {
  const plain = counting();
  const right = await plain.client.search('dang ky ket hon ', { limit: 10 });
  const { fetched, client } = counting();
  const found = await client.search('dang ky ket hno ', { limit: 10 });
  assert.equal(found.corrected, null, 'three letters are not corrected');
  const typo = await client.search('dang ky kett hon ', { limit: 10 });
  assert.equal(typo.corrected, 'dang ky ket hon', 'the other words as typed');
  assert.deepEqual(codes(typo), codes(right));
  assert.ok(typo.results[0].score < right.results[0].score, 'a correction scores below the word');
  assert.ok(fetched.filter((p) => p.includes('/c-')).length <= 1, fetched.join(' '));
  assert.equal(found.total >= 0, true);
});

test('no dead ends: the closest procedures, and the words they lack', async () => {
  const { client } = counting();
  const found = await client.search('dang ky ket hon qwzx', { limit: 10 });
  assert.deepEqual(found.leftOut, ['qwzx']);
  assert.equal(found.results[0].title, 'Đăng ký kết hôn');
  const none = await client.search('qwzx', { limit: 10 });
  assert.equal(none.total, 0);
  assert.deepEqual(none.leftOut, []);
});

test('a leading "thủ tục" is left out; the plain procedure ranks above its variant', async () => {
  const { client } = counting();
  const bare = await client.search('dang ky ket hon', { limit: 10 });
  const boiler = await client.search('Thủ tục đăng ký kết hôn', { limit: 10 });
  assert.deepEqual(codes(boiler), codes(bare));
  const found = await client.search('dang ky khai sinh', { limit: 10 });
  assert.equal(found.results[0].title, 'Đăng ký khai sinh');
  assert.equal(found.results[1].title, 'Đăng ký khai sinh (mẫu cũ)');
});
