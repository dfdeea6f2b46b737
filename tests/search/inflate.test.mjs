// The index's files are deflated (export.rs); browsers without DecompressionStream('deflate-raw')
// inflate them with theme/static/inflate.js. Against node's zlib, and a search without
// DecompressionStream against one with it, on a real export of the site fixture (SITE_DIR).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { inflateRaw } from '../../theme/static/inflate.js';
import { createSearch } from '../../theme/static/search.js';

const siteDir = process.env.SITE_DIR;

test('inflate.js gives back what zlib deflated: stored, fixed and dynamic blocks', () => {
  const inputs = [
    Buffer.alloc(0),
    Buffer.from('a'),
    Buffer.from('Đăng ký khai sinh cho trẻ em '.repeat(500)),
    // bytes that do not compress: stored blocks at level 0, long matches nowhere
    Buffer.from(Array.from({ length: 70000 }, (_, i) => (i * 7919 + (i >> 7)) % 251)),
  ];
  for (const input of inputs) {
    for (const level of [0, 1, 6, 9]) {
      const out = inflateRaw(new Uint8Array(deflateRawSync(input, { level })));
      assert.ok(Buffer.from(out).equals(input), `${input.length} bytes at level ${level}`);
    }
  }
  assert.throws(() => inflateRaw(new Uint8Array([0xff, 0xff, 0xff])), /corrupt|truncated/);
  assert.throws(() => inflateRaw(new Uint8Array(deflateRawSync(inputs[2])).subarray(0, 20)), /truncated|corrupt/);
});

test('inflate.js reads every file of a real index as zlib does', async () => {
  const root = join(siteDir, 'search');
  const files = [];
  for (const entry of await readdir(root, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name !== 'manifest.json') files.push(join(entry.parentPath ?? entry.path, entry.name));
  }
  assert.ok(files.length > 10, `${files.length} files`);
  for (const file of files) {
    const body = await readFile(file);
    assert.ok(Buffer.from(inflateRaw(new Uint8Array(body))).equals(inflateRawSync(body)), file);
  }
});

test('without DecompressionStream (browsers before 2023) a search finds the same', async () => {
  const fetch = async (url) => new Response(await readFile(join(siteDir, decodeURI(new URL(url, 'http://site/').pathname))));
  const queries = ['dang ky khai sinh', 'Đăng ký kết hôn', 'ho khau', 'cấp lại giấy'];
  const run = () => Promise.all(queries.map((q) => createSearch({ baseUrl: '/', fetch }).search(q, { limit: 10, exact: true })));
  const modern = await run();
  const saved = globalThis.DecompressionStream;
  delete globalThis.DecompressionStream;
  try {
    const old = await run();
    assert.deepEqual(old, modern);
    assert.ok(modern.every((found) => found.total > 0));
  } finally {
    globalThis.DecompressionStream = saved;
  }
});
