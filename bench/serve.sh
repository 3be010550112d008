#!/bin/sh
# Save-to-reload latency of `tsutawaru serve` on the plan's full content (issue 8): median
# over 20 edits of one goal page. usage: sh bench/serve.sh [EDITS]
set -eu
cd "$(dirname "$0")/.."
cmake -S . -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DTSUTAWARU_TESTS=OFF >/dev/null
cmake --build build-bench --target tsu_bench_serve tsutawaru >/dev/null
site=$(mktemp -d)
trap 'rm -rf "$site"' EXIT
cp -r site.toml content themes assets "$site"/
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1 /proc/loadavg)"
./build-bench/bench/tsu_bench_serve ./build-bench/tsutawaru "$site" "${1:-20}"
