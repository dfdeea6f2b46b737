#!/usr/bin/env bash
# The benchmarks of issue 7: generate synthetic catalogues, time each command on them and
# print one Markdown table row per (benchmark, N). See BENCHMARKS.md.
#
#   bench/run.sh                 # N = 1000 10000 100000
#   bench/run.sh 10000           # one size
#   RUNS=10 bench/run.sh 1000    # more runs (default 5, after one warm-up run)
#
# Environment: BENCH_DIR (where catalogues are generated and kept; default
# /tmp/thutuc-bench), THUTUC (the binary to time; default: the release build of this
# checkout), CARGO_TARGET_DIR (as for cargo). Uses hyperfine when it is installed
# (apt-get install -y hyperfine), otherwise a loop of /usr/bin/time runs; the peak memory
# always comes from /usr/bin/time (GNU time: apt-get install -y time).
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=("$@")
[ ${#SIZES[@]} -eq 0 ] && SIZES=(1000 10000 100000)
RUNS=${RUNS:-5}
BENCH_DIR=${BENCH_DIR:-/tmp/thutuc-bench}
TARGET=${CARGO_TARGET_DIR:-target}

cargo build --release --quiet --bin thutuc --example generate
THUTUC=${THUTUC:-$TARGET/release/thutuc}
GENERATE=$TARGET/release/examples/generate
mkdir -p "$BENCH_DIR"

# The benchmarks: "name|subcommand it needs|command". In the command, {content} is the
# content folder and {out} a scratch output folder, emptied before every run. A benchmark
# whose subcommand this build of thutuc does not have yet is reported as pending.
BENCHMARKS=(
    "check|check|$THUTUC check --content {content}"
    "build|build|$THUTUC build --content {content} --output {out}"
    "search export|search|$THUTUC search --content {content} --export {out}"
)

has_subcommand() { "$THUTUC" help "$1" >/dev/null 2>&1; }

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# Prints: median and minimum wall seconds, user+system CPU seconds, peak RSS in MB.
measure() {
    local cmd=$1 out=$2 prepare="rm -rf '$2'"
    local wall fastest cpu rss
    if command -v hyperfine >/dev/null; then
        local csv
        csv=$(mktemp)
        hyperfine --style none --warmup 1 --runs "$RUNS" --prepare "$prepare" \
            --export-csv "$csv" -- "$cmd" >/dev/null
        # command,mean,stddev,median,user,system,min,max
        wall=$(awk -F, 'NR == 2 { print $4 }' "$csv")
        fastest=$(awk -F, 'NR == 2 { print $7 }' "$csv")
        cpu=$(awk -F, 'NR == 2 { printf "%.3f", $5 + $6 }' "$csv")
        rm -f "$csv"
    else
        local times
        times=$(mktemp)
        bash -c "$prepare; $cmd" >/dev/null 2>&1 # warm-up
        for _ in $(seq "$RUNS"); do
            bash -c "$prepare"
            /usr/bin/time -f "%e %U %S" -a -o "$times" bash -c "$cmd" >/dev/null 2>&1
        done
        wall=$(awk '{ print $1 }' "$times" | median)
        fastest=$(awk '{ print $1 }' "$times" | sort -g | head -1)
        cpu=$(awk '{ print $2 + $3 }' "$times" | median)
        rm -f "$times"
    fi
    bash -c "$prepare"
    rss=$(/usr/bin/time -f "%M" bash -c "exec $cmd >/dev/null 2>&1" 2>&1 | tail -1)
    echo "$wall $fastest $cpu $((rss / 1024))"
}

echo "binary: $THUTUC (checkout $(git describe --always --dirty)), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), runs: $RUNS"
echo
echo "| benchmark | N | wall, median (s) | wall, fastest (s) | procedures/s (median) | CPU user+sys (s) | peak RSS (MB) |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
for n in "${SIZES[@]}"; do
    content=$BENCH_DIR/content-$n
    if [ ! -f "$content/site.yaml" ]; then
        rm -rf "$content"
        "$GENERATE" "$n" "$content" >&2
    fi
    for bench in "${BENCHMARKS[@]}"; do
        IFS='|' read -r name sub template <<<"$bench"
        if ! has_subcommand "$sub"; then
            echo "| $name | $n | pending | | | | |"
            continue
        fi
        cmd=${template//\{content\}/$content}
        out=$BENCH_DIR/out-$n
        cmd=${cmd//\{out\}/$out}
        if ! bash -c "$cmd" >/dev/null 2>&1; then
            echo "error: '$cmd' failed" >&2
            exit 1
        fi
        read -r wall fastest cpu rss <<<"$(measure "$cmd" "$out")"
        rate=$(awk -v n="$n" -v t="$wall" 'BEGIN { printf "%.0f", n / t }')
        printf '| %s | %s | %.3f | %.3f | %s | %.2f | %s |\n' "$name" "$n" "$wall" "$fastest" "$rate" "$cpu" "$rss"
    done
done
