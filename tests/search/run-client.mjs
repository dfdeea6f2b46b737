// Runs queries through the browser client in Node, against an exported site folder.
//
//   node tests/search/run-client.mjs SITE_DIR QUERIES_JSON [LIMIT]
//
// QUERIES_JSON is a JSON array of strings. Prints one JSON object: for every query its total
// and ranked {code, score, url} (the parity test compares them with `thutuc search --json`),
// the bytes a fresh client fetched for it, the bytes one client fetched for all of them in
// turn, the facet counts that disagree with filtered totals, and the time per query once
// every file is cached.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createSearch } from '../../theme/static/search.js';

const [siteDir, queriesFile, limitArg] = process.argv.slice(2);
const limit = Number(limitArg || 10);
const queries = JSON.parse(await readFile(queriesFile, 'utf8'));

/** A fetch over the site folder that counts what it serves. */
function diskFetch(counter) {
  return async (url) => {
    const path = join(siteDir, decodeURI(new URL(url, 'http://site/').pathname));
    try {
      const body = await readFile(path);
      counter.bytes += body.length;
      counter.gzip += gzipSync(body).length;
      counter.files += 1;
      return new Response(body, { status: 200 });
    } catch {
      return new Response('not found', { status: 404 });
    }
  };
}

const results = [];
const fetched = [];
for (const query of queries) {
  const counter = { bytes: 0, gzip: 0, files: 0 };
  const client = createSearch({ baseUrl: '/', fetch: diskFetch(counter) });
  const found = await client.search(query, { limit });
  results.push({
    query,
    total: found.total,
    exact: found.exact,
    hits: found.results.map((r) => ({ code: r.code, score: r.score, url: r.url, field: r.field.id })),
    left_out: found.leftOut,
    corrected: found.corrected,
  });
  fetched.push(counter);
}

// facets: a facet's count is the total of the same query filtered by it (checked on the
// first queries with results, with one client so that files are fetched once)
const checker = createSearch({ baseUrl: '/', fetch: diskFetch({ bytes: 0, gzip: 0, files: 0 }) });
const facetFailures = [];
let facetChecks = 0;
for (const query of queries.filter((q, i) => results[i].total > 0).slice(0, 20)) {
  const { facets, total } = await checker.search(query, { limit: 0 });
  for (const kind of ['level', 'field', 'agency']) {
    for (const { id, count } of facets[kind]) {
      const filtered = await checker.search(query, { filters: { [kind]: id }, limit: 0 });
      facetChecks += 1;
      if (filtered.total !== count) facetFailures.push(`${query} ${kind}=${id}: ${count} vs ${filtered.total}`);
    }
    const ids = facets[kind].map((f) => f.id);
    const all = await checker.search(query, { filters: { [kind]: ids }, limit: 0 });
    if (all.total !== total) facetFailures.push(`${query} ${kind} in all values: ${all.total} vs ${total}`);
  }
}

// warm: one client, every file fetched once, then time a second pass
const warm = createSearch({ baseUrl: '/', fetch: diskFetch({ bytes: 0, gzip: 0, files: 0 }) });
for (const query of queries) await warm.search(query, { limit });
const start = process.hrtime.bigint();
const rounds = 3;
for (let i = 0; i < rounds; i++) for (const query of queries) await warm.search(query, { limit });
const ms = Number(process.hrtime.bigint() - start) / 1e6 / (rounds * queries.length);

// a stale manifest (a cached one after a rebuild): its files are gone; the client reloads it
let manifests = 0;
const staleFetch = async (url) => {
  const real = await diskFetch({ bytes: 0, gzip: 0, files: 0 })(url);
  if (!url.endsWith('manifest.json') || manifests++ > 0) return real;
  const m = await real.json();
  for (const files of Object.values(m.files)) if (files.dir) files.dir += '-gone';
  return new Response(JSON.stringify(m), { status: 200 });
};
const probe = queries.findIndex((q, i) => results[i].total > 0);
const afterStale = await createSearch({ baseUrl: '/', fetch: staleFetch }).search(queries[probe], { limit });
const staleRecovered = manifests === 2 && afterStale.total === results[probe].total;

// a session: one client for all the queries, in order (the manifest and facets once)
const session = { bytes: 0, gzip: 0, files: 0 };
const sessionClient = createSearch({ baseUrl: '/', fetch: diskFetch(session) });
for (const query of queries) await sessionClient.search(query, { limit });

console.log(JSON.stringify({ results, fetched, session, facetChecks, facetFailures, staleRecovered, cachedMsPerQuery: ms }));
