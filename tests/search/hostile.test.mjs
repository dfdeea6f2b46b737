// The search client under hostile queries, against a real exported index (SITE_DIR, set by
// tests/search_hostile.rs), and the page when the index is missing or corrupted: no
// exception, a sensible answer, and a clear message on the page instead of a blank one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { createSearch, mountSearch, analyzeQuery } from '../../theme/static/search.js';
import { fakePage } from './fake-dom.mjs';

const siteDir = process.env.SITE_DIR;

function diskFetch(transform = (path, body) => body) {
  return async (url) => {
    const path = decodeURI(new URL(url, 'http://site/').pathname);
    try {
      const body = transform(path, await readFile(join(siteDir, path)));
      return body === null ? new Response('not found', { status: 404 }) : new Response(body, { status: 200 });
    } catch {
      return new Response('not found', { status: 404 });
    }
  };
}

const hostile = {
  long: 'khai sinh '.repeat(1111).slice(0, 10000),
  longWord: 'a'.repeat(10000),
  regex: '.*+?^${}()|[]\\/ (?<x>a) \\1 [^a-z]* khai.*sinh',
  punctuation: '!@#$%^&*()_+-=[]{};\':",./<>?`~…—–“”',
  emoji: '👶🏽 khai sinh 🇻🇳 👨‍👩‍👧',
  onlyEmoji: '👶🏽🇻🇳👨‍👩‍👧',
  nfd: 'khai sinh'.normalize('NFD') + ' Đăng ký'.normalize('NFD'),
  zeroWidth: 'kh\u200bai\u00ad si\ufeffnh',
  lone: '\ud800 khai',
  control: '\u0000\u0007 khai sinh \u001b[31m',
  html: '<script>alert(1)</script> khai sinh',
};

test('hostile queries give an answer, never an exception', async () => {
  const client = createSearch({ baseUrl: '/', fetch: diskFetch() });
  const reference = await client.search('khai sinh', { limit: 10 });
  assert.ok(reference.total > 0);
  for (const [name, query] of Object.entries(hostile)) {
    const started = Date.now();
    const found = await client.search(query, { limit: 10 });
    assert.ok(Number.isInteger(found.total) && found.total >= 0, name);
    assert.ok(Array.isArray(found.results), name);
    assert.ok(Date.now() - started < 2000, `${name} took ${Date.now() - started} ms`);
    analyzeQuery(query);
  }
  // the words in them still count, the marks and emoji around them do not (the words of
  // markup or a pattern are words too: every word must match, so those find nothing)
  for (const name of ['emoji', 'nfd', 'zeroWidth']) {
    const found = await client.search(hostile[name], { limit: 10 });
    assert.ok(found.total > 0, `${name}: nothing found`);
  }
  for (const name of ['punctuation', 'onlyEmoji', 'longWord']) {
    const found = await client.search(hostile[name], { limit: 10 });
    assert.equal(found.total, 0, name);
  }
  const nfd = await client.search(hostile.nfd, { limit: 10 });
  const nfc = await client.search(hostile.nfd.normalize('NFC'), { limit: 10 });
  assert.deepEqual(nfd.results.map((r) => r.code), nfc.results.map((r) => r.code));
});

// ---- the page, on the fake DOM of fake-dom.mjs
function page(query) {
  const { document, byId } = fakePage(`https://x.vn/tim-kiem/?q=${encodeURIComponent(query)}`, {
    filters: false,
  });
  return {
    document,
    status: () => byId['search-results'].parentNode.children.find((c) => c.id === 'search-status'),
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 50));
const corruptions = {
  'missing index': () => null,
  'missing manifest': (path, body) => (path.endsWith('manifest.json') ? null : body),
  'manifest not JSON': (path, body) => (path.endsWith('manifest.json') ? Buffer.from('{"format": 1, "fi') : body),
  'manifest of another format': (path, body) => (path.endsWith('manifest.json') ? Buffer.from('{"format": 999}') : body),
  'manifest empty object': (path, body) => (path.endsWith('manifest.json') ? Buffer.from('{}') : body),
  'files truncated': (path, body) => (path.endsWith('manifest.json') ? body : body.subarray(0, Math.floor(body.length / 3))),
  'files not deflated': (path, body) => (path.endsWith('manifest.json') ? body : Buffer.alloc(body.length, 0xff)),
  'files of garbage, deflated': (path, body) => (path.endsWith('manifest.json') ? body : deflateRawSync(Buffer.alloc(body.length, 0xff))),
  'result rows not JSON': (path, body) => (/\/d-/.test(path) ? deflateRawSync(Buffer.from('[{"x":')) : body),
};

for (const [name, transform] of Object.entries(corruptions)) {
  test(`${name}: the page says the search could not load`, async () => {
    const errors = [];
    const onError = (e) => errors.push(e);
    process.on('unhandledRejection', onError);
    try {
      const p = page('khai sinh');
      mountSearch({ document: p.document, baseUrl: '/', fetch: diskFetch(transform), delay: 0 });
      // the page answers once its fetches settle; a loaded machine may take a while
      for (let waited = 0; p.status().textContent === '' && waited < 5000; waited += 50) await settle();
      const status = p.status().textContent;
      assert.ok(status !== '', 'the status is blank');
      // either an honest answer from what could be read, or the message
      assert.ok(/could not be loaded|không tải được|Không tải|A–Z|Tìm thấy/.test(status), status);
    } finally {
      await settle();
      process.off('unhandledRejection', onError);
    }
    assert.deepEqual(errors, []);
  });
}
