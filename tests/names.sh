#!/bin/sh
# doctest_discover_tests hands test names to CMake, which splits them at ';': a TEST_CASE
# whose name holds one becomes two ctest entries that each run no test at all, and pass.
# usage: names.sh TESTS_DIR
if grep -rn 'TEST_CASE("[^"]*;' "$1" --include='*.cpp'; then
  echo "names.sh: the test cases above have ';' in their names; ctest would skip them silently" >&2
  exit 1
fi
