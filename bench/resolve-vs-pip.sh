#!/usr/bin/env bash
# Benchmark (not a test), issue 12's "Speed": resolution + download by the native resolver against
# `pip download`, for
#   1. a 90+ file tree from the machine's file:// index,
#   2. the same tree from an HTTP index on loopback (`python3 -m http.server` over the index),
#   3. the same tree for one explicit target (`--target T` against `pip download --platform ...`),
#      from both indexes: no interpreter is asked on our side, and pip judges the target, not the
#      host (cases 1 and 2 need the host's interpreter on both sides),
#   4. five targets in one native run against five `pip download --platform ...` runs.
# RUNS times each (default 3), interleaved, a fresh destination and no cache every time; prints the
# best and median wall seconds side by side and the speed-ups. Uses hyperfine when installed, else
# a loop timed with `date +%s.%N`.
#
# Usage: bench/resolve-vs-pip.sh [RUNS]
# Environment:
#   INDEX_DIR  the index's directory, holding simple/ and files/ (default /opt/pypi)
#   TREE       the requirement with a 90+ file tree (default jupyter)
#   TREE5      the requirement for the five targets (default boto3: pure Python, so any platform)
#   TARGET1    the one explicit target of case 3 (default cp311-manylinux_2_36_x86_64, this
#              machine's glibc: the index has wheels of the tree built for 2_34 only)
#   TARGETS    five short targets (default below); pip gets each as --platform/--python-version
#   PYTHON     the interpreter whose pip runs (default python3)
#   NATIVE     the native command, a shell snippet run with $index, $dest, $req and $targets
#              (`--target T` flags, empty for the host) set. Default: the resolver straight from the
#              modules (scripts/native-download.sh); NATIVE=cli uses
#              `./mkwheels --pypi ... --resolver native` once the engine has it (that one packs
#              too, so it measures more than resolution + download; give TREE and TREE5 as NAME==VER).
NATIVE_MODULES='NO_BUILD=1 "$root/scripts/native-download.sh" --index-url "$index" --dest "$dest" $targets "$req"'
NATIVE_CLI='"$root/mkwheels" --pypi --name "${req%%[=[]*}" --ver "$(version_of "$req")" --resolver native --index-url "$index" --epoch 1700000000 --output-dir "$dest" $targets'

set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
runs="${1:-3}"
index_dir="${INDEX_DIR:-/opt/pypi}"
tree="${TREE:-jupyter}"
tree5="${TREE5:-boto3}"
target1="${TARGET1:-cp311-manylinux_2_36_x86_64}"
targets5="${TARGETS:-cp311-manylinux_2_28_x86_64 cp312-manylinux_2_28_x86_64 cp313-manylinux_2_28_x86_64 cp312-macosx_11_0_arm64 cp312-win_amd64}"
python="${PYTHON:-python3}"
native="${NATIVE:-modules}"
case "$native" in modules) native="$NATIVE_MODULES" ;; cli) native="$NATIVE_CLI" ;; esac
work="$(mktemp -d)"
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

pip_clean() {
  env $(env | sed -n 's/^\(PIP_[A-Z_]*\)=.*/-u \1/p') PIP_CONFIG_FILE=/dev/null \
    PIP_DISABLE_PIP_VERSION_CHECK=1 "$python" -m pip "$@"
}
version_of() { echo "${1#*==}"; }

# --platform/--python-version/--implementation/--abi for a short target such as cp312-win_amd64.
# pip takes a manylinux_2_N platform as that one tag only, where PEP 600 (and `--target`) means
# every glibc from 2.N down: the older manylinux_2_M and the legacy aliases go in as --platform too.
pip_target() {
  local impl="${1%%-*}" platform="${1#*-}" platforms m
  local digits="${impl#cp}"
  platforms="--platform $platform"
  if [[ "$platform" =~ ^manylinux_2_([0-9]+)_(.+)$ ]]; then
    for ((m = BASH_REMATCH[1] - 1; m >= 5; m--)); do
      platforms+=" --platform manylinux_2_${m}_${BASH_REMATCH[2]}"
    done
    ((BASH_REMATCH[1] >= 17)) && platforms+=" --platform manylinux2014_${BASH_REMATCH[2]}"
    ((BASH_REMATCH[1] >= 12)) && platforms+=" --platform manylinux2010_${BASH_REMATCH[2]}"
    platforms+=" --platform manylinux1_${BASH_REMATCH[2]}"
  fi
  echo "--only-binary=:all: $platforms --python-version ${digits:0:1}.${digits:1} --implementation cp --abi $impl"
}

# Prepare: compile the native side once, outside the timings; serve the index over HTTP.
case "$native" in *native-download.sh*)
  (cd "$root" && mvn -B -ntp -o -q -pl mkwheels-pip -am compile -Dspotless.check.skip=true)
  "$root/scripts/native-download.sh" --help >/dev/null 2>&1 || true ;;
esac
port=$("$python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$python" -m http.server --bind 127.0.0.1 --directory "$index_dir" "$port" >"$work/http.log" 2>&1 &
server=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/simple/" >/dev/null 2>&1 && break; sleep 0.2; done
file_index="file://$index_dir/simple"
http_index="http://127.0.0.1:$port/simple"

# A snippet as a script of its own, with the variables and functions it reads baked in: both
# hyperfine and the loop run `bash SCRIPT DEST`.
make_script() { # FILE SNIPPET
  {
    echo 'set -euo pipefail'
    declare -p root python index req targets target1 targets5
    declare -f pip_clean pip_target version_of
    echo 'dest="$1"'
    echo "$2"
  } >"$1"
}
# Wall seconds of `bash SCRIPT DEST` with a fresh DEST; the number of files saved goes to FILE.count.
timed() {
  local dest="$work/dest" start end
  rm -rf "$dest" && mkdir -p "$dest"
  start=$(date +%s.%N)
  if ! bash "$1" "$dest" >"$work/last.log" 2>&1; then
    echo "failed: $(tail -1 "$1")" >&2; tail -3 "$work/last.log" >&2; exit 1
  fi
  end=$(date +%s.%N)
  find "$dest" -type f | wc -l >"$1.count"
  awk -v s="$start" -v e="$end" 'BEGIN {printf "%.2f\n", e - s}'
}
stats() { printf '%s\n' "$@" | sort -n | awk '{a[NR] = $1} END {print a[1], a[int((NR + 1) / 2)]}'; }

pip_one='pip_clean download -q --no-cache-dir --index-url "$index" -d "$dest" "$req"'
pip_target1='pip_clean download -q --no-cache-dir --index-url "$index" -d "$dest" $(pip_target "$target1") "$req"'
pip_five='for t in $targets5; do pip_clean download -q --no-cache-dir --index-url "$index" -d "$dest" $(pip_target "$t") "$req"; done'

declare -A best median count
run_case() { # NAME PIP-SNIPPET NATIVE-SNIPPET
  local name="$1" i p=() n=()
  make_script "$work/pip.sh" "$2"
  make_script "$work/native.sh" "$3"
  if command -v hyperfine >/dev/null; then
    hyperfine -r "$runs" --prepare "rm -rf '$work/dest' && mkdir -p '$work/dest'" \
      --export-json "$work/h.json" "bash '$work/pip.sh' '$work/dest'" \
      "bash '$work/native.sh' '$work/dest'" >/dev/null
    read -r best["$name pip"] median["$name pip"] best["$name native"] median["$name native"] < <(
      "$python" -c 'import json, sys
r = json.load(open(sys.argv[1]))["results"]
print(*["%.2f %.2f" % (min(x["times"]), x["median"]) for x in r])' "$work/h.json")
    timed "$work/pip.sh" >/dev/null && timed "$work/native.sh" >/dev/null
  else
    for ((i = 1; i <= runs; i++)); do
      p+=("$(timed "$work/pip.sh")")
      n+=("$(timed "$work/native.sh")")
    done
    read -r best["$name pip"] median["$name pip"] <<<"$(stats "${p[@]}")"
    read -r best["$name native"] median["$name native"] <<<"$(stats "${n[@]}")"
  fi
  count["$name pip"]=$(cat "$work/pip.sh.count")
  count["$name native"]=$(cat "$work/native.sh.count")
}

req="$tree" targets="" index="$file_index"
cases=("file:// index, $tree" "HTTP index, $tree" "file://, $tree, 1 target" "HTTP, $tree, 1 target"
  "5 targets, $tree5")
run_case "${cases[0]}" "$pip_one" "$native"
index="$http_index"
run_case "${cases[1]}" "$pip_one" "$native"
targets="--target $target1" index="$file_index"
run_case "${cases[2]}" "$pip_target1" "$native"
index="$http_index"
run_case "${cases[3]}" "$pip_target1" "$native"
req="$tree5" index="$file_index" targets="$(printf -- '--target %s ' $targets5)"
run_case "${cases[4]}" "$pip_five" "$native"

echo "runs: $runs each, interleaved; $(command -v hyperfine >/dev/null && echo hyperfine || echo 'date +%s.%N'); $(nproc) cores; load average: $(cut -d' ' -f1-3 /proc/loadavg); $("$python" -m pip --version | cut -d' ' -f1-2)"
echo "one target: $target1; five targets: $targets5"
printf '%-32s %7s %9s %9s %7s %9s %9s %9s\n' case "" "pip best" median files "ours best" median speed-up
for c in "${cases[@]}"; do
  printf '%-32s %7s %9s %9s %7s %9s %9s %8.1fx\n' "$c" "" "${best[$c pip]}" "${median[$c pip]}" \
    "${count[$c pip]:-?}/${count[$c native]:-?}" "${best[$c native]}" "${median[$c native]}" \
    "$(awk -v a="${median[$c pip]}" -v b="${median[$c native]}" 'BEGIN {print a / b}')"
done
echo "(wall seconds; files: pip's / ours; speed-up: pip median / ours median; issue 12 asks >= 3x)"
