#!/usr/bin/env bash
# What the search costs a citizen (issue 12): the index size and file count, the export time,
# and the bytes a browser downloads, over two query sets: bench/queries.json (100 queries:
# titles typed with and without diacritics, half-typed words, codes) and
# bench/queries-citizen.json (124 queries written as citizens type them: short, long,
# accented, unaccented, codes, one word).
#
#   bench/search-bytes.sh [N...]        # default: 2000 10000 100000
#
# Exports the index of the generated catalogue of N procedures with `thutuc search --export`
# into $OUT_DIR (default /dev/shm/thutuc-search-bench; removed afterwards), then runs every
# query through the real client (theme/static/search.js) in Node with a fetch that counts
# bytes as stored (bench/first-query-bytes.mjs), a fresh client per query for the first
# query, one client for all of them for a later query. "client included" adds search.js as
# `thutuc build` writes it.
# The first page shows LIMIT (10) results, as the search page does.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=("${@:-2000 10000 100000}")
# shellcheck disable=SC2206
SIZES=(${SIZES[*]})
BENCH_DIR=${BENCH_DIR:-/tmp/thutuc-bench}
OUT_DIR=${OUT_DIR:-/dev/shm/thutuc-search-bench}
LIMIT=${LIMIT:-10}
TARGET=${CARGO_TARGET_DIR:-target}
THUTUC=${THUTUC:-$TARGET/release/thutuc}
[ -n "${THUTUC_SKIP_BUILD:-}" ] || cargo build --release --quiet --bin thutuc --example generate
# the client as the site serves it (minified when the site is built)
rm -rf "$OUT_DIR/site"
"$THUTUC" build --content content --output "$OUT_DIR/site" -q
client=$(cat "$OUT_DIR"/site/static/search.*.js | wc -c)
rm -rf "$OUT_DIR/site"
echo "| N | queries | index | files | export | first query, median | first query, max | median / max, client included | later query, median |"
echo "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
for n in "${SIZES[@]}"; do
    content="$BENCH_DIR/content-$n"
    [ -d "$content" ] || "$TARGET/release/examples/generate" "$n" "$content" >/dev/null
    site="$OUT_DIR/search-$n"
    rm -rf "$site"
    mkdir -p "$OUT_DIR"
    start=$(date +%s.%N)
    "$THUTUC" search --content "$content" --export "$site" x >/dev/null 2>&1
    seconds=$(echo "$(date +%s.%N) - $start" | bc)
    index=$(du -sb "$site/search" | cut -f1)
    files=$(find "$site/search" -type f | wc -l)
    for queries in bench/queries.json bench/queries-citizen.json; do
        node bench/first-query-bytes.mjs "$site" "$queries" "$LIMIT" >"$OUT_DIR/client.json"
        node -e '
          const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
          const [n, index, files, client, seconds] = process.argv.slice(2).map(Number);
          const name = process.argv[7];
          const med = (a) => { const s = [...a].sort((x, y) => x - y); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
          const kb = (b) => (b / 1024).toFixed(1) + " KB";
          const raw = r.fetched.map((f) => f.bytes);
          console.log(`| ${n.toLocaleString("en")} | ${name} | ${kb(index)} | ${files} | ${seconds.toFixed(1)} s | ${kb(med(raw))} | ${kb(Math.max(...raw))} | ${kb(med(raw) + client)} / ${kb(Math.max(...raw) + client)} | ${kb(med(r.later))} |`);
        ' "$OUT_DIR/client.json" "$n" "$index" "$files" "$client" "$seconds" "$(basename "$queries")"
    done
    rm -rf "$site"
done
rm -f "$OUT_DIR/client.json"
