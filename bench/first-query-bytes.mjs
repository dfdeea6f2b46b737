// The bytes a browser downloads for a query, for each query of a file:
//
//   node bench/first-query-bytes.mjs SITE_DIR QUERIES_JSON [LIMIT]
//
// Prints JSON: { fetched: [{ query, bytes, gzip, files }], later: [bytes] }. In `fetched` each
// query gets a new client, so each is a first query (the manifest and what its words need);
// `later` runs the queries in turn through one client and gives what each query after the
// first added (the manifest and shared shards are then cached).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createSearch } from '../theme/static/search.js';

const [siteDir, queriesFile, limitArg] = process.argv.slice(2);
const queries = JSON.parse(await readFile(queriesFile, 'utf8'));
const limit = Number(limitArg || 10);

function counting(counter) {
  return async (url) => {
    const body = await readFile(join(siteDir, decodeURI(new URL(url, 'http://site/').pathname)));
    counter.bytes += body.length;
    counter.gzip += gzipSync(body).length;
    counter.files += 1;
    return new Response(body, { status: 200 });
  };
}

const fetched = [];
for (const query of queries) {
  const counter = { query, bytes: 0, gzip: 0, files: 0 };
  await createSearch({ baseUrl: '/', fetch: counting(counter) }).search(query, { limit });
  fetched.push(counter);
}
const session = { bytes: 0, gzip: 0, files: 0 };
const client = createSearch({ baseUrl: '/', fetch: counting(session) });
const later = [];
for (const [i, query] of queries.entries()) {
  const before = session.bytes;
  await client.search(query, { limit });
  if (i > 0) later.push(session.bytes - before);
}
console.log(JSON.stringify({ fetched, later }));
