#!/usr/bin/env bash
# Runs every test of thutuc: formatting, the Rust tests, and (when present) the Node
# and browser suites. Installs what the suites need when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

# Reuse compiled dependencies between runs on one machine (CI clones afresh each time).
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/thutuc-target}"
mkdir -p "$CARGO_TARGET_DIR"

echo "== cargo fmt --check"
cargo fmt --all -- --check

echo "== cargo test"
cargo test --all-targets

echo "== search client (node)"
node --test tests/search/

echo "== browser tests"
bash tests/browser/run.sh
