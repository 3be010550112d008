#!/bin/sh
# The print pages and their PDFs (issue 6): builds the real site with --pdf and checks
# every goal's PDF and the whole plan's against what the generator says it printed
# (tests/print/print.test.mjs). Needs Debian's chromium, poppler-utils, the BIZ UD fonts
# and `npm ci` (scripts/test.sh installs them).
# usage: run.sh TSUTAWARU_BINARY SOURCE_DIR WORK_DIR
set -eu
bin=$1 src=$2 work=$3
[ -x /usr/bin/chromium ] || { echo "print: /usr/bin/chromium is missing (apt-get install chromium)" >&2; exit 1; }
command -v pdfinfo >/dev/null || { echo "print: pdfinfo is missing (apt-get install poppler-utils)" >&2; exit 1; }
fc-list | grep -q 'BIZ UDGothic' || { echo "print: BIZ UDGothic is missing (apt-get install fonts-morisawa-bizud-gothic)" >&2; exit 1; }
[ -d "$src/node_modules/playwright-core" ] || { echo "print: run 'npm ci' in $src" >&2; exit 1; }
rm -rf "$work"
mkdir -p "$work"
"$bin" build --pdf --config "$src/site.toml" --out "$work/site" >/dev/null
cd "$src"
SITE_DIR="$work/site" node --test --test-reporter=spec tests/print/
