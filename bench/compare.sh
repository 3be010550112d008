#!/bin/sh
# tsutawaru against Hugo on the same corpus (issue 9), in one run, alternating the builds.
# usage: sh bench/compare.sh [N ...]        (default: 1000 10000; RUNS=3 runs each;
#        OUTPUTS=DIR writes the builds' outputs below DIR, e.g. on tmpfs)
#
# For each N: writes the corpus (bench/corpus_gen.cpp, fixed seed) into build-bench/corpus-N,
# then RUNS times, in turn: Hugo (HTML only, bench/hugo/ layout), tsutawaru with every output
# (site.toml), the same again with nothing changed (c), tsutawaru with standard HTML and
# furigana only (site-html.toml). Each build but (c) starts from an empty output folder
# and is measured with /usr/bin/time (wall, user+sys, peak RSS). Prints the medians as a
# Markdown table.
set -eu
cd "$(dirname "$0")/.."
command -v hugo >/dev/null 2>&1 || { echo "compare.sh: needs hugo (apt-get install hugo)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "compare.sh: needs /usr/bin/time (apt-get install time)" >&2; exit 1; }
cmake -S . -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DTSUTAWARU_TESTS=OFF >/dev/null
cmake --build build-bench --target tsutawaru tsu_bench_corpus >/dev/null
tsu=$(pwd)/build-bench/tsutawaru
runs=${RUNS:-3}
sizes=${*:-1000 10000}
tmp=$(mktemp -d)
# A build's last output is moved here, not deleted, and deleted once all are measured: on
# an ext4 without a journal, making files soon after deleting many makes the kernel skip
# every recently freed inode, and the build after a deletion of 60,551 files took 37 s of
# system time instead of 4 (bench/README.md). Same file system as the outputs, so a move
# is a rename.
# OUTPUTS=/dev/shm/tsu-bench puts every build's output there instead of beside the corpus
# (on tmpfs no build waits on the disk or on the file system's state: bench/README.md)
outputs=${OUTPUTS:-}
trash=${outputs:-$(pwd)/build-bench}/trash-$$
mkdir -p "$trash"
trap 'rm -rf "$tmp" "$trash"' EXIT

echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(hugo version | cut -d' ' -f1-2)"

# measure LABEL OUTDIR CMD...: one build (from an empty output folder, except tsu-again, and
# with nothing left to write back; the old folder moved to the trash); appends
# "LABEL wall user sys rss_kb" to $tmp/results.
measure() {
  label=$1 out=$2
  shift 2
  if [ "$label" != tsu-again ] && [ -e "$out" ]; then mv "$out" "$(mktemp -d -p "$trash")/"; fi
  # the last build's files written back first (untimed), so no build waits on another's
  # writeback
  sync
  if ! /usr/bin/time -f "%e %U %S %M" -o "$tmp/time" "$@" >"$tmp/out" 2>&1; then
    cat "$tmp/out" >&2
    exit 1
  fi
  echo "$label $(cat "$tmp/time")" >>"$tmp/results"
}

echo
echo "| N | build | wall s | CPU s (user+sys) | peak RSS MB | pages/s | wall vs Hugo | CPU vs Hugo | RSS vs Hugo |"
echo "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
for n in $sizes; do
  corpus=$(pwd)/build-bench/corpus-$n
  ./build-bench/bench/tsu_bench_corpus . "$corpus" "$n" >&2
  dest=${outputs:+$outputs/corpus-$n}
  dest=${dest:-$corpus}
  mkdir -p "$dest"
  : >"$tmp/results"
  i=0
  while [ $i -lt "$runs" ]; do
    measure hugo "$dest/public-hugo" hugo --source "$corpus" --config "$corpus/hugo.toml" --destination "$dest/public-hugo" --quiet
    measure tsu-all "$dest/public-tsu" "$tsu" build --config "$corpus/site.toml" --out "$dest/public-tsu"
    # (c) the same build again, nothing changed (the output folder is kept)
    measure tsu-again "$dest/public-tsu" "$tsu" build --config "$corpus/site.toml" --out "$dest/public-tsu"
    # its own folder: each build deletes only its own last output, as Hugo's does (deleting
    # (a)'s 60,551 files first cost (b) seconds of ext4 inode searching: bench/README.md)
    measure tsu-html "$dest/public-tsu-html" "$tsu" build --config "$corpus/site-html.toml" --out "$dest/public-tsu-html"
    i=$((i + 1))
  done
  # Medians of each measure per build, then ratios against Hugo's.
  awk -v n="$n" '
    function median(label, col,   k, m, v, i, j, t) {
      m = 0
      for (k = 1; k <= rows; k++) if (lab[k] == label) v[++m] = (col == "cpu" ? usr[k] + sys[k] : col == "wall" ? wall[k] : rss[k])
      for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++) if (v[j] < v[i]) { t = v[i]; v[i] = v[j]; v[j] = t }
      return m % 2 ? v[(m + 1) / 2] : (v[m / 2] + v[m / 2 + 1]) / 2
    }
    { rows++; lab[rows] = $1; wall[rows] = $2; usr[rows] = $3; sys[rows] = $4; rss[rows] = $5 }
    END {
      hw = median("hugo", "wall"); hc = median("hugo", "cpu"); hr = median("hugo", "rss")
      split("hugo tsu-all tsu-html tsu-again", order, " ")
      name["hugo"] = "Hugo (HTML only)"; name["tsu-all"] = "(a) tsutawaru, every output"; name["tsu-html"] = "(b) tsutawaru, HTML + furigana"
      name["tsu-again"] = sprintf("(c) (a) again, nothing changed: %.3f× (a)", median("tsu-again", "wall") / median("tsu-all", "wall"))
      for (o = 1; o <= 4; o++) {
        l = order[o]; w = median(l, "wall"); c = median(l, "cpu"); r = median(l, "rss")
        printf "| %d | %s | %.2f | %.2f | %.0f | %.0f | %.2f | %.2f | %.2f |\n", n, name[l], w, c, r / 1024, n / w, w / hw, c / hc, r / hr
      }
    }' "$tmp/results"
  # Each round's own ratios (a build against the Hugo build just before it): on a machine
  # whose speed drifts between rounds (a shared host), these pairs show whether the
  # medians above agree with every round.
  awk -v n="$n" '
    $1 == "hugo" { round++; hw = $2 }
    $1 == "tsu-all" { aw[round] = $2 / hw; h[round] = hw; a[round] = $2 }
    $1 == "tsu-html" { bw[round] = $2 / hw; b[round] = $2 }
    END {
      printf "\nN = %d, each round (wall s; ratio to that round'"'"'s Hugo):", n
      for (i = 1; i <= round; i++) printf " Hugo %.2f, (a) %.2f (%.2f×), (b) %.2f (%.2f×);", h[i], a[i], aw[i], b[i], bw[i]
      printf "\n\n"
    }' "$tmp/results"
done
