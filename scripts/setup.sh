#!/bin/sh
# Quick start, command 1: install the Debian packages that are missing, build tsutawaru,
# and generate the site from content/ into public/.
set -eu
cd "$(dirname "$0")/.."

# Build dependencies: Debian 12 packages only (README, "Dependencies").
packages="build-essential cmake ninja-build pkg-config
  libcmark-gfm-dev libcmark-gfm-extensions-dev libkainjow-mustache-dev libicu-dev
  libpugixml-dev libtomlplusplus-dev doctest-dev"

missing=""
for p in $packages; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "setup: installing$missing"
  $sudo apt-get update -qq
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing
fi

cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build
./build/tsutawaru build
