#!/bin/sh
# Quick start, command 1: install the Debian packages that are missing, build tsutawaru,
# and generate the site from content/ into public/.
set -eu
cd "$(dirname "$0")/.."

. scripts/lib.sh
# Build dependencies: Debian 12 packages only (README, "Dependencies").
install_missing build-essential cmake ninja-build pkg-config \
  libcmark-gfm-dev libcmark-gfm-extensions-dev libkainjow-mustache-dev libicu-dev \
  libpugixml-dev libtomlplusplus-dev doctest-dev libzip-dev libdeflate-dev libxxhash-dev \
  libgoogle-perftools-dev \
  libmecab-dev mecab-ipadic-utf8 mecab-naist-jdic kanjidic \
  libcpp-httplib-dev fonts-morisawa-bizud-gothic fonts-morisawa-bizud-mincho
# The BIZ UD fonts are what the print pages are laid out for (docs/print.md); `build --pdf`
# also needs chromium (installed by scripts/test.sh).

cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build
./build/tsutawaru build
