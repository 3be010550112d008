#!/bin/sh
# epubcheck (Debian epubcheck, run with the system Java) on the real site's EPUB: 0 fatals,
# 0 errors and 0 warnings. The EPUB must also be byte for byte the same when built again
# (fixed zip time stamps, dcterms:modified from site.toml).
# usage: epubcheck.sh TSUTAWARU_BINARY SOURCE_DIR WORK_DIR
set -eu
bin=$1 src=$2 work=$3
jar=/usr/share/java/epubcheck.jar
[ -f "$jar" ] || { echo "epubcheck.sh: $jar is missing (apt-get install epubcheck)" >&2; exit 1; }
command -v java >/dev/null || { echo "epubcheck.sh: java is missing (apt-get install default-jre-headless)" >&2; exit 1; }
rm -rf "$work"
mkdir -p "$work"
"$bin" build --config "$src/site.toml" --out "$work/a" >/dev/null
"$bin" build --config "$src/site.toml" --out "$work/b" >/dev/null
cmp "$work/a/plan.epub" "$work/b/plan.epub" || { echo "epubcheck.sh: two builds gave different EPUBs" >&2; exit 1; }
# mimetype first, stored: "PK\3\4", then at byte 30 the name and at 38 the content
[ "$(dd if="$work/a/plan.epub" bs=1 skip=30 count=28 2>/dev/null)" = "mimetypeapplication/epub+zip" ] ||
  { echo "epubcheck.sh: mimetype is not the first, uncompressed entry" >&2; exit 1; }
out=$(cd "$work" && java -jar "$jar" "$work/a/plan.epub" 2>&1) || true
echo "$out"
echo "$out" | grep -q "Messages: 0 fatals / 0 errors / 0 warnings" ||
  { echo "epubcheck.sh: epubcheck reported problems" >&2; exit 1; }
# The page-list matches the print pages: one entry per printed sheet (print/codes.json
# lists the whole plan's), each pointing at a page-break marker that exists.
sheets=$(grep -o '"page": *[0-9]*' "$work/a/print/codes.json" | wc -l)
mkdir -p "$work/x"
python3 -m zipfile -e "$work/a/plan.epub" "$work/x"
entries=$(grep -o 'href="[^"]*#page-[0-9]*"' "$work/x/EPUB/nav.xhtml" | wc -l)
markers=$(cat "$work/x/EPUB"/*.xhtml "$work/x/EPUB"/*/*.xhtml | grep -o 'epub:type="pagebreak"' | wc -l)
echo "print sheets: $sheets, page-list entries: $entries, page-break markers: $markers"
[ "$sheets" -gt 0 ] && [ "$entries" -eq "$sheets" ] && [ "$markers" -eq "$sheets" ] ||
  { echo "epubcheck.sh: the page-list does not match the print pages" >&2; exit 1; }
