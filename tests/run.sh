#!/usr/bin/env bash
# Runs every test of thutuc: formatting, the Rust tests (which also run the search
# client's Node tests), and the browser suite. Installs what the browser suite needs
# (Debian's chromium, the npm packages of its lock file) when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

# Reuse compiled dependencies between runs on one machine (CI clones afresh each time).
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/thutuc-target}"
mkdir -p "$CARGO_TARGET_DIR"

echo "== cargo fmt --check"
cargo fmt --all -- --check

echo "== cargo test"
cargo test --all-targets

echo "== browser tests"
bash tests/browser/run.sh
