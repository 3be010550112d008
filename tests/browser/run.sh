#!/bin/sh
# The browser suite (tests/browser/site.test.mjs) on a fresh build of the real site:
# axe-core at 1280×800 and 320×640, sideways scroll, table headers in Chromium's
# accessibility tree. Needs Debian's chromium and `npm ci` (scripts/test.sh does both).
# usage: run.sh TSUTAWARU_BINARY SOURCE_DIR WORK_DIR
set -eu
bin=$1 src=$2 work=$3
[ -x /usr/bin/chromium ] || { echo "browser: /usr/bin/chromium is missing (apt-get install chromium)" >&2; exit 1; }
[ -d "$src/node_modules/playwright-core" ] || { echo "browser: run 'npm ci' in $src" >&2; exit 1; }
rm -rf "$work"
mkdir -p "$work"
"$bin" build --config "$src/site.toml" --out "$work/site" >/dev/null
cd "$src"
SITE_DIR="$work/site" CONTENT_DIR="$src/content" TSUTAWARU="$bin" SOURCE_ROOT="$src" \
  node --test --test-reporter=spec tests/browser/
