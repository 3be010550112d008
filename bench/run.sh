#!/bin/sh
# Runs the benchmarks on a release build. usage: sh bench/run.sh
set -eu
cd "$(dirname "$0")/.."
cmake -S . -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DTSUTAWARU_TESTS=OFF >/dev/null
cmake --build build-bench --target tsu_bench_furigana >/dev/null
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
./build-bench/bench/tsu_bench_furigana .
