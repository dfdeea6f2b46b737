// mountSearch on a minimal fake DOM: results go in as text, the live region announces the
// count, filters reach the engine, and a slow stale answer never overwrites a newer one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mountSearch } from '../../theme/static/search.js';
import { fakePage } from './fake-dom.mjs';

function page(href = 'https://thutuc.example.vn/tim-kiem/') {
  return fakePage(href);
}

const facets = {
  level: [{ id: 'xa', name: 'Cấp xã', count: 2 }],
  field: [{ id: 'ho-tich', name: 'Hộ tịch', count: 2 }],
  agency: [{ id: 'ubnd', name: 'UBND xã', count: 2 }],
};
const result = (code, title) => ({
  url: `/thu-tuc/${code}/`,
  title,
  code,
  level: [{ id: 'xa', name: 'Cấp xã' }],
  field: { id: 'ho-tich', name: 'Hộ tịch' },
  agency: { id: 'ubnd', name: 'UBND xã' },
  score: 1,
});
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

test('results are text, the live region announces the count, filters reach the engine', async () => {
  const calls = [];
  const engine = {
    async search(query, options) {
      calls.push({ query, filters: { ...options.filters } });
      return { results: [result('1.001193', 'Đăng ký <b>khai sinh</b>'), result('1.000656', 'Đăng ký khai tử')], facets, total: 2 };
    },
  };
  const p = page();
  mountSearch({ document: p.document, engine, delay: 0 });
  p.input.value = 'dang ky';
  p.input.fire('input');
  await tick();
  const links = p.byId['search-results'].all('a');
  assert.deepEqual(links.map((a) => [a.textContent, a.href]), [
    ['Đăng ký <b>khai sinh</b>', '/thu-tuc/1.001193/'],
    ['Đăng ký khai tử', '/thu-tuc/1.000656/'],
  ]);
  const status = p.byId['search-results'].parentNode.children.find((c) => c.id === 'search-status');
  assert.equal(status.attributes.role, 'status');
  assert.equal(status.attributes['aria-live'], 'polite');
  assert.equal(status.textContent, 'Tìm thấy 2 thủ tục');

  const [level] = p.byId['search-filters'].all('select');
  assert.deepEqual(level.children.map((o) => o.textContent), ['Tất cả', 'Cấp xã (2)']);
  level.value = 'xa';
  level.fire('change');
  await tick();
  assert.deepEqual(calls.at(-1), { query: 'dang ky', filters: { level: 'xa', field: '', agency: '' } });

  p.form.fire('submit');
  await tick();
  assert.equal(calls.length, 3);
});

test('a slow answer to an older query does not replace a newer one', async () => {
  const engine = {
    async search(query) {
      if (query === 'old') await new Promise((resolve) => setTimeout(resolve, 30));
      return { results: [result('1', query)], facets, total: 1 };
    },
  };
  const p = page();
  mountSearch({ document: p.document, engine, delay: 0 });
  p.input.value = 'old';
  p.input.fire('input');
  await tick();
  p.input.value = 'new';
  p.input.fire('input');
  await new Promise((resolve) => setTimeout(resolve, 60));
  assert.deepEqual(p.byId['search-results'].all('a').map((a) => a.textContent), ['new']);
});

test('the query in the address (?q=) is searched on load; errors are announced', async () => {
  const engine = {
    async search() {
      throw new Error('offline');
    },
  };
  const p = page('https://thutuc.example.vn/tim-kiem/?q=khai%20sinh');
  mountSearch({ document: p.document, engine, delay: 0 });
  assert.equal(p.input.value, 'khai sinh');
  await tick();
  const status = p.byId['search-results'].parentNode.children.find((c) => c.id === 'search-status');
  assert.match(status.textContent, /A–Z/);
});

test('in an English interface the messages are English and the Vietnamese names are marked', async () => {
  const engine = {
    async search() {
      return { results: [result('1.001193', 'Đăng ký khai sinh')], facets, total: 1 };
    },
  };
  const p = page('https://thutuc.example.vn/tim-kiem/?q=khai%20sinh');
  mountSearch({ document: p.document, engine, delay: 0, language: 'en' });
  await tick();
  const [link] = p.byId['search-results'].all('a');
  assert.equal(link.lang, 'vi');
  const [code, names] = p.byId['search-results'].all('p')[0].children;
  assert.equal(code.textContent, 'Code 1.001193');
  assert.equal(code.lang, undefined);
  assert.equal(names.textContent, ' · Cấp xã · Hộ tịch · UBND xã');
  assert.equal(names.lang, 'vi');
  const status = p.byId['search-results'].parentNode.children.find((c) => c.id === 'search-status');
  assert.equal(status.textContent, '1 procedure found');
});

test('the page says what it searched instead: a corrected query, the words left out', async () => {
  const engine = {
    async search(query) {
      if (query === 'none') return { results: [], facets, total: 0, leftOut: [], corrected: null };
      return {
        results: [result('1.001193', 'Đăng ký khai sinh')],
        facets,
        total: 1,
        leftOut: ['qwzx'],
        corrected: 'dang ky khai sinh',
      };
    },
  };
  const p = page();
  mountSearch({ document: p.document, engine, delay: 0 });
  p.input.value = 'dang ky khai sihn qwzx';
  p.input.fire('input');
  await tick();
  const notes = p.byId['search-results'].children.filter((c) => c.className === 'search-note');
  assert.deepEqual(notes.map((n) => n.textContent), [
    'Kết quả cho “dang ky khai sinh”',
    'Không có thủ tục nào chứa đủ các từ “dang ky khai sihn qwzx”; các thủ tục gần nhất (không có từ “qwzx”):',
  ]);
  const status = p.byId['search-results'].parentNode.children.find((c) => c.id === 'search-status');
  assert.match(status.textContent, /^Tìm thấy 1 thủ tục\. Kết quả cho/);
  // a query without either shows no note
  p.input.value = 'none';
  p.input.fire('input');
  await tick();
  assert.equal(p.byId['search-results'].children.filter((c) => c.className === 'search-note').length, 0);
});
