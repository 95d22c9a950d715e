#!/usr/bin/env bash
# Benchmark (not a test): scripts/native-download.sh of another checkout (BEFORE_ROOT, its modules
# compiled, e.g. `git archive main | tar -x -C DIR && cd DIR && mvn -o -q -pl mkwheels-pip -am
# compile`) against this one's, interleaved, RUNS rounds, a fresh destination each time. Prints
# each run's wall and CPU seconds (user + system of every process, `/usr/bin/time`), the driver's
# own line (resolved in / host probe / downloaded in) and the load average, then the medians.
#
# Usage: BEFORE_ROOT=DIR bench/native-before-after.sh RUNS INDEX_URL [DRIVER ARGS...]
#   e.g. BEFORE_ROOT=/tmp/main bench/native-before-after.sh 3 file:///opt/pypi/simple
#        BEFORE_ROOT=/tmp/main bench/native-before-after.sh 3 file:///opt/pypi/simple \
#          --target cp311-manylinux_2_36_x86_64
# REQ (default jupyter) is the requirement. Both sides are run once first, untimed (this one's
# jars and class archive are made then).
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
before="${BEFORE_ROOT:?set BEFORE_ROOT to a checkout with compiled modules}"
runs="$1" index="$2"
shift 2
req="${REQ:-jupyter}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
one() { # ROOT [DRIVER ARGS...]: prints "N files wall W cpu C | driver line"
  local r="$1"
  shift
  rm -rf "$work/dest"
  if ! /usr/bin/time -f '%e %U %S' -o "$work/time" env NO_BUILD=1 "$r/scripts/native-download.sh" \
      --index-url "$index" --dest "$work/dest" "$@" "$req" >/dev/null 2>"$work/err"; then
    tail -3 "$work/err" >&2
    exit 1
  fi
  printf '%s files %s | %s' "$(find "$work/dest" -type f | wc -l)" \
    "$(awk '{printf "wall %.2f cpu %.2f", $1, $2 + $3}' "$work/time")" \
    "$(grep -o 'resolved in.*' "$work/err" | tail -1)"
}
args=("$@")
run() { local r="$1"; shift; one "$r" ${args[@]+"${args[@]}"}; }
run "$before" >/dev/null
run "$root" >/dev/null
declare -a wb cb wa ca
for ((i = 1; i <= runs; i++)); do
  for side in before after; do
    r="$root"
    [ "$side" = after ] || r="$before"
    line="$(run "$r")"
    echo "$side  $line | load $(cut -d' ' -f1 /proc/loadavg)"
    w="$(sed -n 's/.*wall \([0-9.]*\).*/\1/p' <<<"$line")"
    c="$(sed -n 's/.*cpu \([0-9.]*\).*/\1/p' <<<"$line")"
    if [ "$side" = before ]; then wb+=("$w") cb+=("$c"); else wa+=("$w") ca+=("$c"); fi
  done
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
echo "medians: before wall $(median "${wb[@]}") cpu $(median "${cb[@]}");" \
  "after wall $(median "${wa[@]}") cpu $(median "${ca[@]}")" \
  "($(nproc) cores, load average now $(cut -d' ' -f1-3 /proc/loadavg))"
