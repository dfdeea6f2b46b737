#!/usr/bin/env bash
# What the search costs a citizen (issue 7): the index size, and the bytes a fresh browser
# downloads for its first query, over the fixed query set bench/queries.json (100 queries:
# typed with and without diacritics, half-typed words, codes, short common words).
#
#   bench/search-bytes.sh [N...]        # default: 10000 100000
#
# Exports the index of the generated catalogue of N procedures with `thutuc search
# --export`, then runs every query through the real client (theme/static/search.js) in
# Node with a fetch that counts bytes (bench/first-query-bytes.mjs), each query with a
# fresh client, so every query is a first query. "client included" adds search.js itself.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=("${@:-10000 100000}")
# shellcheck disable=SC2206
SIZES=(${SIZES[*]})
BENCH_DIR=${BENCH_DIR:-/tmp/thutuc-bench}
TARGET=${CARGO_TARGET_DIR:-target}
THUTUC=${THUTUC:-$TARGET/release/thutuc}
[ -n "${THUTUC_SKIP_BUILD:-}" ] || cargo build --release --quiet --bin thutuc --example generate
client=$(wc -c <theme/static/search.js)
client_gz=$(gzip -9c theme/static/search.js | wc -c)
echo "| N | index | files | first query, median | first query, max | median, client included (gzip) | max, client included (gzip) |"
echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
for n in "${SIZES[@]}"; do
    content="$BENCH_DIR/content-$n"
    [ -d "$content" ] || "$TARGET/release/examples/generate" "$n" "$content" >/dev/null
    site="$BENCH_DIR/search-$n"
    rm -rf "$site"
    "$THUTUC" search --content "$content" --export "$site" x >/dev/null 2>&1
    index=$(du -sb "$site/search" | cut -f1)
    files=$(find "$site/search" -type f | wc -l)
    node bench/first-query-bytes.mjs "$site" bench/queries.json 20 >"$site/client.json"
    node -e '
      const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
      const [n, index, files, client, clientGz] = process.argv.slice(2).map(Number);
      const med = (a) => { const s = [...a].sort((x, y) => x - y); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
      const kb = (b) => (b / 1024).toFixed(1) + " KB";
      const raw = r.fetched.map((f) => f.bytes), gz = r.fetched.map((f) => f.gzip);
      console.log(`| ${n.toLocaleString("en")} | ${kb(index)} | ${files} | ${kb(med(raw))} | ${kb(Math.max(...raw))} | ${kb(med(raw) + client)} (${kb(med(gz) + clientGz)}) | ${kb(Math.max(...raw) + client)} (${kb(Math.max(...gz) + clientGz)}) |`);
    ' "$site/client.json" "$n" "$index" "$files" "$client" "$client_gz"
done
