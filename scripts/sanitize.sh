#!/bin/sh
# The whole test suite again, built with AddressSanitizer and UndefinedBehaviorSanitizer
# (issue 10). Any finding fails the test that caused it. Run by .ci/run after test.sh.
# The browser suite is left out here: it runs the generator once on the real site, as
# html/vnu and the sites tests already do under the sanitizers, and spends its minutes in
# Chromium, which is not ours to sanitize.
set -eu
cd "$(dirname "$0")/.."
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DTSUTAWARU_SANITIZE=ON >/dev/null
cmake --build build-asan
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --test-dir build-asan --output-on-failure -E browser
