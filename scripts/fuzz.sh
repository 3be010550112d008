#!/bin/sh
# Runs every libFuzzer target (tests/fuzz/*_fuzz.cpp) for a bounded time on its committed
# corpus (issue 10). Built with Debian's clang and libFuzzer, with ASan and UBSan.
# usage: sh scripts/fuzz.sh [SECONDS per target, default 60]
set -eu
cd "$(dirname "$0")/.."
seconds=${1:-60}
. scripts/lib.sh
install_missing clang libfuzzer-14-dev
CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DTSUTAWARU_FUZZ=ON -DTSUTAWARU_TESTS=OFF >/dev/null
cmake --build build-fuzz
status=0
for target in build-fuzz/tests/fuzz/*_fuzz; do
  name=$(basename "$target" _fuzz)
  work=$(mktemp -d)
  echo "fuzz: $name for ${seconds}s"
  # New inputs go to a scratch folder; the committed corpus is read, not rewritten.
  if ! "$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
       -artifact_prefix="$work/" "$work" "tests/fuzz/corpus/$name" > "$work/log" 2>&1; then
    echo "fuzz: $name FAILED; the input that broke it:"; ls "$work"/crash-* "$work"/timeout-* "$work"/oom-* 2>/dev/null
    tail -40 "$work/log"
    status=1
  else
    grep -E "stat::number_of_executed_units" "$work/log" | sed "s/^/fuzz: $name /"
  fi
  rm -rf "$work"
done
exit $status
