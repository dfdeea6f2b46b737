#!/usr/bin/env bash
# The browser tests: installs Debian's Chromium and the npm packages (from the committed
# lock file) when they are missing, builds thutuc, then runs the suite with `node --test`.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"

if [ ! -x /usr/bin/chromium ]; then
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
fi
if [ ! -d "$here/node_modules/playwright-core" ] || [ ! -d "$here/node_modules/axe-core" ]; then
  (cd "$here" && npm ci --no-audit --no-fund)
fi
(cd "$repo" && cargo build --quiet && cargo build --quiet --example generate)
export THUTUC_BIN="${CARGO_TARGET_DIR:-$repo/target}/debug/thutuc"
# A catalogue large enough that its lists take several pages.
export THUTUC_GENERATE="${CARGO_TARGET_DIR:-$repo/target}/debug/examples/generate"
cd "$here"
node --test site.test.mjs
