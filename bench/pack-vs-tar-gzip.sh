#!/usr/bin/env bash
# Benchmark (not a test): `mkwheels pack` against the GNU pipeline it replaces,
#   tar --sort=name --mtime=@N --owner=0 --group=0 --numeric-owner -cf - DIR | gzip -n -6
# on the same directory, RUNS times each, interleaved, with the page cache warm. Prints the best
# and median wall times, MB/s of input, output sizes, and mkwheels' own packing time (from -v,
# which leaves out the JVM start).
#
# Usage: bench/pack-vs-tar-gzip.sh DIR [RUNS]      (DIR: a wheelhouse of 250 MB or more)
# For instance, from the machine's local index:
#   python3 -m pip download --index-url file:///opt/pypi/simple -d /tmp/bench-wh jax jaxlib scipy pyarrow
set -euo pipefail
dir="$(cd "${1:?usage: $0 DIR [RUNS]}" && pwd)"
runs="${2:-5}"
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
epoch=1700000000
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

mkwheels="$root/mkwheels"
"$mkwheels" --version >/dev/null # builds first if the sources changed, outside the timings
input=$(find "$dir" -maxdepth 1 -type f -printf '%s\n' | awk '{s += $1} END {print s}')
files=$(find "$dir" -maxdepth 1 -type f | wc -l)
cat "$dir"/* >/dev/null # warm the page cache for both

now() { date +%s%N; }
tar_ms=() mk_ms=() mk_inner=()
for ((i = 1; i <= runs; i++)); do
  rm -f "$work/tar.tar.gz" "$work"/bench-wheels-1.tar.gz
  start=$(now)
  tar --sort=name --mtime=@$epoch --owner=0 --group=0 --numeric-owner \
      -cf - -C "$(dirname "$dir")" "$(basename "$dir")" | gzip -n -6 >"$work/tar.tar.gz"
  tar_ms+=($(( ($(now) - start) / 1000000 )))
  start=$(now)
  "$mkwheels" pack --dir "$dir" --name bench --ver 1 --epoch $epoch --output-dir "$work" -v \
      >"$work/out.txt" 2>"$work/err.txt"
  mk_ms+=($(( ($(now) - start) / 1000000 )))
  mk_inner+=($(sed -n 's/.* in \([0-9]*\) ms .*/\1/p' "$work/err.txt"))
done
gzip -t "$work/bench-wheels-1.tar.gz"
tar_size=$(stat -c %s "$work/tar.tar.gz")
mk_size=$(stat -c %s "$work/bench-wheels-1.tar.gz")

stats() { printf '%s\n' "$@" | sort -n | awk '{a[NR] = $1} END {print a[1], a[int((NR + 1) / 2)]}'; }
read -r tar_best tar_median <<<"$(stats "${tar_ms[@]}")"
read -r mk_best mk_median <<<"$(stats "${mk_ms[@]}")"
read -r inner_best inner_median <<<"$(stats "${mk_inner[@]}")"

awk -v input="$input" -v files="$files" -v runs="$runs" -v cores="$(nproc)" \
    -v tb="$tar_best" -v tm="$tar_median" -v mb="$mk_best" -v mm="$mk_median" \
    -v ib="$inner_best" -v im="$inner_median" -v ts="$tar_size" -v ms="$mk_size" \
    -v load="$(cut -d' ' -f1-3 /proc/loadavg)" 'BEGIN {
  printf "input: %d files, %.1f MB; %d runs each; %d cores; load average before: %s\n", files, input / 1e6, runs, cores, load
  printf "%-34s %10s %10s %10s %14s\n", "", "best ms", "median ms", "MB/s best", "output bytes"
  printf "%-34s %10d %10d %10.0f %14d\n", "tar --sort=name ... | gzip -n -6", tb, tm, input / 1e3 / tb, ts
  printf "%-34s %10d %10d %10.0f %14d\n", "mkwheels pack (whole command)", mb, mm, input / 1e3 / mb, ms
  printf "%-34s %10d %10d %10.0f\n", "mkwheels pack (packing, no JVM)", ib, im, input / 1e3 / ib
  printf "speed-up: %.1fx best, %.1fx median (whole command); %.1fx best without the JVM start\n", tb / mb, tm / mm, tb / ib
  printf "size: mkwheels is %+.2f%% against gzip -6\n", (ms - ts) * 100 / ts
}'
