#!/bin/sh
# The Nu HTML Checker (npm vnu-jar, run with the system Java) on every page of the real
# site and of the golden fixture sites. Any error fails the test; info messages (such as
# the trailing slash on void elements, which polyglot XHTML needs) do not.
# usage: vnu.sh TSUTAWARU_BINARY SOURCE_DIR WORK_DIR
set -eu
bin=$1 src=$2 work=$3
jar="$src/node_modules/vnu-jar/build/dist/vnu.jar"
if [ ! -f "$jar" ]; then
  echo "vnu.sh: $jar is missing; run 'npm ci' in $src (scripts/test.sh does)" >&2
  exit 1
fi
command -v java >/dev/null || { echo "vnu.sh: java is missing (apt-get install default-jre-headless)" >&2; exit 1; }
rm -rf "$work"
mkdir -p "$work"
"$bin" build --config "$src/site.toml" --out "$work/site" >/dev/null
pages=$(find "$work/site" "$src/tests/fixtures/sites" -name '*.html' | sort)
count=$(echo "$pages" | wc -l)
# shellcheck disable=SC2086
java -jar "$jar" --errors-only --format gnu $pages
echo "vnu: $count pages, no errors"
