#!/usr/bin/env bash
# The serve benchmark of issue 7: how long from saving an edited procedure to its page
# being served with the change, in a catalogue of N procedures.
#
#   bench/serve-edit.sh [N] [EDITS]      # default N = 10000, EDITS = 5
#
# Copies the generated catalogue (bench/run.sh generates it), starts `thutuc serve` on it,
# and EDITS times: appends a sentence to one procedure, then polls its page every 10 ms
# until the sentence is served. Prints each time, their median, and what serve logged
# ("updated ... N ms after the change was seen"). Serve hears of a change from the
# system's file events (polling only where there are none) and waits 40 ms for the save
# to settle. Waits for the whole rebuild between edits.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-10000}
EDITS=${2:-5}
BENCH_DIR=${BENCH_DIR:-/tmp/thutuc-bench}
TARGET=${CARGO_TARGET_DIR:-target}
THUTUC=${THUTUC:-$TARGET/release/thutuc}
[ -n "${THUTUC_SKIP_BUILD:-}" ] || cargo build --release --quiet --bin thutuc --example generate
source_content="$BENCH_DIR/content-$N"
[ -d "$source_content" ] || "$TARGET/release/examples/generate" "$N" "$source_content"

work=$(mktemp -d "$BENCH_DIR/serve-XXXX")
trap 'kill "$server" 2>/dev/null; rm -rf "$work"' EXIT
cp -r "$source_content" "$work/content"
"$THUTUC" serve --content "$work/content" --output "$work/public" --port 0 \
    >"$work/stdout" 2>"$work/log" &
server=$!
until grep -q "Serving at" "$work/stdout" 2>/dev/null; do sleep 0.2; done
url=$(sed -n 's/^Serving at //p' "$work/stdout")

file=$(find "$work/content/procedures" -name '*.md' | sort | sed -n 1p)
# Its page: the folder whose index.json (the procedure's open data) has its code.
code=$(sed -n 's/^code: *"\{0,1\}\([^"]*\)"\{0,1\} *$/\1/p' "$file" | sed -n 1p)
json=$(grep -l "\"code\": \"$code\"" "$work"/public/thu-tuc/*/index.json | sed -n 1p)
page="${url}thu-tuc/$(basename "$(dirname "$json")")/"
curl -sf "$page" >/dev/null || { echo "cannot find the page of $file ($page)" >&2; exit 1; }

times=()
for i in $(seq "$EDITS"); do
    marker="SERVEBENCH$i$RANDOM"
    rebuilt_before=$(grep -c "^rebuilt " "$work/log" || true)
    start=$(date +%s%N)
    printf '\nMột câu thêm %s.\n' "$marker" >>"$file"
    until curl -s "$page" | grep -q "$marker"; do sleep 0.01; done
    end=$(date +%s%N)
    ms=$(( (end - start) / 1000000 ))
    times+=("$ms")
    echo "edit $i: page served with the change after $ms ms"
    # Let the whole rebuild finish before the next edit.
    until [ "$(grep -c "^rebuilt " "$work/log" || true)" -gt "$rebuilt_before" ]; do sleep 0.2; done
done
median=$(printf '%s\n' "${times[@]}" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
echo "median: $median ms (N = $N, $EDITS edits)"
echo "serve's log:"
grep -E "^(updated|rebuilt)" "$work/log"
