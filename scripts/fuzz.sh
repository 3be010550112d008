#!/bin/sh
# Runs every libFuzzer target (tests/fuzz/*_fuzz.cpp) on its committed corpus (issue 10),
# bounded in runs and in time. Built with Debian's clang and libFuzzer, with ASan and UBSan.
# The seed is fixed, but a run is not replayed exactly on another machine (libFuzzer's
# choices follow coverage, which follows addresses and timing): CI found a crash that the
# same seed missed here (stop 17). So before a submission, fuzz longer with fresh seeds:
# FUZZ_SEED=0 sh scripts/fuzz.sh 600.
# usage: sh scripts/fuzz.sh [SECONDS per target at most, default 60]
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
  case "$name" in  # about 30 s each on a 2-core machine
    align) runs=800000 ;; front_matter) runs=1000000 ;; author_ruby) runs=90000 ;; *) runs=220000 ;;
  esac
  if ! "$target" -seed="${FUZZ_SEED:-1}" -runs="$runs" -max_total_time="$seconds" -timeout=10 \
       -rss_limit_mb=2048 -print_final_stats=1 \
       -artifact_prefix="$work/" "$work" "tests/fuzz/corpus/$name" > "$work/log" 2>&1; then
    # A short report that survives a cut CI log: what broke, where in our code, and the
    # input itself (base64), so it can be replayed without the machine that found it.
    echo "fuzz: $name FAILED"
    grep -m4 -E "ERROR|SUMMARY|runtime error|terminate called|what\(\):" "$work/log" | sed "s/^/fuzz: $name /"
    grep -E "^ +#[0-9]+ .*/(generator|tests)/[^ ]*\.(cpp|hpp):[0-9]+" "$work/log" | head -8 |
      sed -E "s/^ +/fuzz: $name   /"
    for input in "$work"/crash-* "$work"/leak-* "$work"/timeout-* "$work"/oom-*; do
      [ -f "$input" ] || continue
      echo "fuzz: $name input $(basename "$input") ($(wc -c < "$input") bytes), base64:"
      base64 -w 100 "$input" | head -40 | sed "s/^/fuzz: $name   /"
    done
    status=1
  else
    grep -E "stat::number_of_executed_units" "$work/log" | sed "s/^/fuzz: $name /"
  fi
  rm -rf "$work"
done
exit $status
