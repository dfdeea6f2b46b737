// The bytes a fresh browser downloads for its first query, for each query of a file:
//
//   node bench/first-query-bytes.mjs SITE_DIR QUERIES_JSON [LIMIT]
//
// Prints JSON: { fetched: [{ query, bytes, gzip, files }] }. Each query gets a new client,
// so each is a first query (manifest, facets and the shards its words need).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createSearch } from '../theme/static/search.js';

const [siteDir, queriesFile, limitArg] = process.argv.slice(2);
const queries = JSON.parse(await readFile(queriesFile, 'utf8'));
const fetched = [];
for (const query of queries) {
  const counter = { query, bytes: 0, gzip: 0, files: 0 };
  const fetch = async (url) => {
    const body = await readFile(join(siteDir, decodeURI(new URL(url, 'http://site/').pathname)));
    counter.bytes += body.length;
    counter.gzip += gzipSync(body).length;
    counter.files += 1;
    return new Response(body, { status: 200 });
  };
  await createSearch({ baseUrl: '/', fetch }).search(query, { limit: Number(limitArg || 20) });
  fetched.push(counter);
}
console.log(JSON.stringify({ fetched }));
