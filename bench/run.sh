#!/bin/sh
# Runs the benchmarks on a Release build. usage: sh bench/run.sh
set -eu
cd "$(dirname "$0")/.."
. scripts/lib.sh
command -v mecab >/dev/null 2>&1 || install_missing mecab
command -v bc >/dev/null 2>&1 || install_missing bc
cmake -S . -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DTSUTAWARU_TESTS=OFF >/dev/null
cmake --build build-bench --target tsu_bench_furigana tsutawaru >/dev/null
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"

corpus=build-bench/plan-5mb.txt
echo
echo "== furigana, in process (ja::annotate vs MeCab's tokenize)"
./build-bench/bench/tsu_bench_furigana . --corpus "$corpus"

# Whole process: start, load the dictionaries, read 5 MB, write the result.
chars=$(python3 -c "import sys; print(len(open(sys.argv[1], encoding='utf-8').read().replace(chr(10), '')))" "$corpus" 2>/dev/null ||
        wc -m < "$corpus")
seconds() { s=$(date +%s.%N); "$@" < "$corpus" > /dev/null; e=$(date +%s.%N); echo "$e - $s" | bc -l; }
echo
echo "== furigana, whole process, one thread ($chars characters)"
m=$(seconds mecab -d /var/lib/mecab/dic/ipadic-utf8)
t=$(seconds ./build-bench/tsutawaru readings --config site.toml)
printf '%-34s %10.0f chars/s  1.00\n' "mecab command (peer)" "$(echo "$chars / $m" | bc -l)"
printf '%-34s %10.0f chars/s  %.2fx\n' "tsutawaru readings (ruby HTML)" "$(echo "$chars / $t" | bc -l)" "$(echo "$t / $m" | bc -l)"
