#!/usr/bin/env bash
# Benchmark (not a test): `mkwheels pack` against the GNU pipeline it replaces,
#   tar --sort=name --mtime=@N --owner=0 --group=0 --numeric-owner -cf - DIR | gzip -n -6
# and against the I/O floor, `tar ... -cf FILE DIR && sha256sum FILE` (the bytes written once and
# read back once, nothing compressed), on the same directory, RUNS times each, interleaved, with the page cache warm. Prints the best
# and median wall times, MB/s of input, output sizes, and mkwheels' own packing time (from -v,
# which leaves out the JVM start).
#
# Usage: bench/pack-vs-tar-gzip.sh DIR [RUNS]      (DIR: a wheelhouse of 250 MB or more)
# With BEFORE_LIB=DIR (the mkwheels-cli/target/lib of another build, e.g. a copy of main's), that
# build's pack runs too, in the same interleaved rounds, as `java -p BEFORE_LIB -m ...` with an
# AppCDS archive trained on `--version` the way the launcher did before w4-pack (BEFORE_CDS=0:
# without one; BEFORE_JAVA_OPTS: more JVM options), so a change is measured side by side under
# the same load. With BEFORE=DIR (another checkout of mkwheels, e.g. a git worktree of main, built
# once), that checkout's own launcher runs instead, with its JVM options and class data sharing:
# the fairest baseline for a change that is not about the launcher.
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

# Wall and CPU (user + system, children included) milliseconds of one command. Each starts after
# `sync`, outside its timing, so that none pays for writing back the half gigabyte the command
# before it left dirty in the page cache (the kernel's writeback shares the same two cores).
timed() { sync; /usr/bin/time -f '%e %U %S' -o "$work/time.txt" "$@"; awk '{printf "%d %d\n", $1 * 1000, ($2 + $3) * 1000}' "$work/time.txt"; }
tar_ms=() tar_cpu=() mk_ms=() mk_cpu=() mk_inner=() floor_ms=() floor_cpu=()
before_ms=() before_cpu=() before_inner=()
before_lib="${BEFORE_LIB:-}"
before_root="${BEFORE:-}"
before_opts=()
if [ -n "$before_root" ]; then
  before_root="$(cd "$before_root" && pwd)"
  before_lib="$before_root/mkwheels-cli/target/lib"
  "$before_root/mkwheels" --version >/dev/null # builds it first if needed, outside the timings
fi
if [ -n "$before_lib" ] && [ -z "$before_root" ] && [ "${BEFORE_CDS:-1}" != 0 ]; then
  "${JAVA_HOME:+$JAVA_HOME/bin/}java" -XX:ArchiveClassesAtExit="$work/before.jsa" -Xlog:cds=off \
    -Xlog:cds+dynamic=off -p "$before_lib" -m dev.mkwheels.cli/dev.mkwheels.cli.Main --version \
    >/dev/null 2>&1 && before_opts=(-XX:SharedArchiveFile="$work/before.jsa" -Xlog:cds=off)
fi
read -r -a more <<<"${BEFORE_JAVA_OPTS:-}"
before_opts+=(${more[@]+"${more[@]}"})
for ((i = 1; i <= runs; i++)); do
  rm -f "$work/tar.tar.gz" "$work"/bench-wheels-1.tar.gz
  read -r wall cpu < <(timed sh -c 'tar --sort=name --mtime=@"$1" --owner=0 --group=0 --numeric-owner \
      -cf - -C "$(dirname "$2")" "$(basename "$2")" | gzip -n -6 >"$3"' sh $epoch "$dir" "$work/tar.tar.gz")
  tar_ms+=("$wall") tar_cpu+=("$cpu")
  rm -f "$work/floor.tar"
  read -r wall cpu < <(timed sh -c 'tar --sort=name --mtime=@"$1" --owner=0 --group=0 --numeric-owner \
      -cf "$3" -C "$(dirname "$2")" "$(basename "$2")" && sha256sum "$3" >/dev/null' sh $epoch "$dir" "$work/floor.tar")
  floor_ms+=("$wall") floor_cpu+=("$cpu")
  read -r wall cpu < <(timed sh -c '"$1" pack --dir "$2" --name bench --ver 1 --epoch "$3" --output-dir "$4" -v \
      >"$4/out.txt" 2>"$4/err.txt"' sh "$mkwheels" "$dir" $epoch "$work")
  mk_ms+=("$wall") mk_cpu+=("$cpu")
  mk_inner+=($(sed -n 's/.* in \([0-9]*\) ms .*/\1/p' "$work/err.txt"))
  if [ -n "$before_lib" ]; then
    mkdir -p "$work/before" && rm -f "$work/before"/*.tar.gz
    if [ -n "$before_root" ]; then
      read -r wall cpu < <(timed sh -c '"$1" pack --dir "$2" --name bench --ver 1 --epoch "$3" \
          --output-dir "$4" -v >"$4/out.txt" 2>"$4/err.txt"' sh "$before_root/mkwheels" "$dir" $epoch \
          "$work/before")
    else
      read -r wall cpu < <(timed sh -c 'lib="$1" dir="$2" epoch="$3" out="$4"; shift 4
          "${JAVA_HOME:+$JAVA_HOME/bin/}java" "$@" -p "$lib" \
          -m dev.mkwheels.cli/dev.mkwheels.cli.Main pack --dir "$dir" --name bench --ver 1 \
          --epoch "$epoch" --output-dir "$out" -v >"$out/out.txt" 2>"$out/err.txt"' \
          sh "$before_lib" "$dir" $epoch "$work/before" ${before_opts[@]+"${before_opts[@]}"})
    fi
    before_ms+=("$wall") before_cpu+=("$cpu")
    before_inner+=($(sed -n 's/.* in \([0-9]*\) ms .*/\1/p' "$work/before/err.txt"))
  fi
done
gzip -t "$work/bench-wheels-1.tar.gz"
tar_size=$(stat -c %s "$work/tar.tar.gz")
mk_size=$(stat -c %s "$work/bench-wheels-1.tar.gz")

stats() { printf '%s\n' "$@" | sort -n | awk '{a[NR] = $1} END {print a[1], a[int((NR + 1) / 2)]}'; }
read -r tar_best tar_median <<<"$(stats "${tar_ms[@]}")"
read -r mk_best mk_median <<<"$(stats "${mk_ms[@]}")"
read -r inner_best inner_median <<<"$(stats "${mk_inner[@]}")"
read -r tar_cpu_best tar_cpu_median <<<"$(stats "${tar_cpu[@]}")"
read -r mk_cpu_best mk_cpu_median <<<"$(stats "${mk_cpu[@]}")"
read -r floor_best floor_median <<<"$(stats "${floor_ms[@]}")"
read -r floor_cpu_best floor_cpu_median <<<"$(stats "${floor_cpu[@]}")"

awk -v input="$input" -v files="$files" -v runs="$runs" -v cores="$(nproc)" \
    -v tb="$tar_best" -v tm="$tar_median" -v mb="$mk_best" -v mm="$mk_median" \
    -v ib="$inner_best" -v im="$inner_median" -v ts="$tar_size" -v ms="$mk_size" \
    -v tc="$tar_cpu_best" -v tcm="$tar_cpu_median" -v mc="$mk_cpu_best" -v mcm="$mk_cpu_median" \
    -v fb="$floor_best" -v fm="$floor_median" -v fc="$floor_cpu_best" -v fcm="$floor_cpu_median" \
    -v load="$(cut -d' ' -f1-3 /proc/loadavg)" 'BEGIN {
  printf "input: %d files, %.1f MB; %d runs each; %d cores; load average before: %s\n", files, input / 1e6, runs, cores, load
  printf "%-34s %9s %9s %9s %9s %9s %14s\n", "", "wall best", "median", "MB/s", "CPU best", "median", "output bytes"
  printf "%-34s %9d %9d %9.0f %9d %9d %14d\n", "tar --sort=name ... | gzip -n -6", tb, tm, input / 1e3 / tb, tc, tcm, ts
  printf "%-34s %9d %9d %9.0f %9d %9d %14s\n", "tar -cf FILE && sha256sum FILE", fb, fm, input / 1e3 / fb, fc, fcm, "(uncompressed)"
  printf "%-34s %9d %9d %9.0f %9d %9d %14d\n", "mkwheels pack (whole command)", mb, mm, input / 1e3 / mb, mc, mcm, ms
  printf "%-34s %9d %9d %9.0f\n", "mkwheels pack (packing, no JVM)", ib, im, input / 1e3 / ib
  printf "(milliseconds; CPU is user + system of every process of the command)\n"
  printf "speed-up, wall: %.1fx best, %.1fx median; without the JVM start %.1fx best\n", tb / mb, tm / mm, tb / ib
  printf "speed-up, CPU:  %.1fx best, %.1fx median\n", tc / mc, tcm / mcm
  printf "against the I/O floor, wall: %.2fx best, %.2fx median (mkwheels / floor)\n", mb / fb, mm / fm
  printf "size: mkwheels is %+.2f%% against gzip -6\n", (ms - ts) * 100 / ts
}'
if [ -n "$before_lib" ]; then
  cmp -s "$work/bench-wheels-1.tar.gz" "$work/before/bench-wheels-1.tar.gz" &&
    same="byte-identical" || same="DIFFERENT BYTES"
  read -r b_best b_median <<<"$(stats "${before_ms[@]}")"
  read -r bc_best bc_median <<<"$(stats "${before_cpu[@]}")"
  read -r bi_best bi_median <<<"$(stats "${before_inner[@]}")"
  awk -v tb="$tar_best" -v tm="$tar_median" -v fb="$floor_best" -v fm="$floor_median" \
      -v bb="$b_best" -v bm="$b_median" -v bcb="$bc_best" -v bcm="$bc_median" \
      -v bib="$bi_best" -v bim="$bi_median" -v same="$same" -v lib="${before_root:-$before_lib}" \
      -v opts="${before_opts[*]+ ${before_opts[*]}}" 'BEGIN {
    printf "before (%s%s), same rounds: whole command %d ms best, %d median; CPU %d best, %d median;\n", lib, opts, bb, bm, bcb, bcm
    printf "  its -v time %d best, %d median; speed-up %.1fx best, %.1fx median; against the floor %.2fx best, %.2fx median; output %s\n", bib, bim, tb / bb, tm / bm, bb / fb, bm / fm, same
  }'
fi
