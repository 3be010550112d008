#!/bin/sh
# Quick start, command 2: run every test. Installs the test tooling that is missing
# (Java, Chromium, poppler-utils, the BIZ UD fonts, and from npm the Nu HTML Checker, Playwright and axe-core),
# builds with warnings as errors, runs ctest.
set -eu
cd "$(dirname "$0")/.."

. scripts/lib.sh
command -v java >/dev/null 2>&1 || install_missing default-jre-headless
command -v npm >/dev/null 2>&1 || install_missing nodejs npm
[ -x /usr/bin/chromium ] || install_missing chromium
command -v epubcheck >/dev/null 2>&1 || install_missing epubcheck   # the EPUB test (tests/epub)
# print tests: PDF tools, the print fonts, Python for the font-width check
install_missing poppler-utils python3 fonts-morisawa-bizud-gothic fonts-morisawa-bizud-mincho
if [ ! -f node_modules/vnu-jar/build/dist/vnu.jar ] || [ ! -d node_modules/playwright-core ] ||
   [ package-lock.json -nt node_modules ]; then
  # --ignore-scripts: vnu-jar's postinstall would try to download a Java; we use the system one.
  npm ci --no-audit --no-fund --ignore-scripts
fi

[ -f build/CMakeCache.txt ] || cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake -S . -B build -DTSUTAWARU_WERROR=ON >/dev/null
cmake --build build
ctest --test-dir build --output-on-failure
