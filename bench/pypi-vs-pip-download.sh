#!/usr/bin/env bash
# Benchmark (not a test), issue 12's end-to-end target: `mkwheels --pypi ... --resolver native`
# (resolve, download, check, pack) against what it replaces,
#   (a) pip download REQ -d DIR --index-url URL, then
#       tar --sort=name --mtime=@EPOCH --owner=0 --group=0 --numeric-owner -cf - DIR | gzip -n -6
#   (b) ./mkwheels --pypi --name N --ver V --resolver native --index-url URL --epoch EPOCH
# RUNS rounds (default 3), (a) then (b) in each, a fresh output directory every time and no pip
# cache; from the machine's file:// index, then (unless HTTP=0) from the same index over HTTP on
# loopback (`python3 -m http.server`, as bench/resolve-vs-pip.sh serves it). Prints the best and
# median wall and CPU (user + system of every process of the command) milliseconds, the files each
# saved, and the ratio of the medians (issue 12 asks mkwheels <= 0.5x of (a)). The mkwheels line's
# -v timeline of the last round is kept in $KEEP (when set) to see where its time went.
#
# Usage: bench/pypi-vs-pip-download.sh [RUNS]
# Environment:
#   INDEX_DIR  the index's directory, holding simple/ and files/ (default /opt/pypi)
#   REQ        NAME==VERSION (default jupyter==1.1.1)
#   PYTHON     the interpreter whose pip runs, for (a) and mkwheels' --python (default python3)
#   HTTP       0 to leave out the loopback HTTP index
#   KEEP       a file to keep the last mkwheels run's -v output in
# pip runs with the user's pip configuration cleared (PIP_* unset, PIP_CONFIG_FILE=/dev/null) in
# both commands, so that only --index-url counts.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
runs="${1:-3}"
index_dir="${INDEX_DIR:-/opt/pypi}"
req="${REQ:-jupyter==1.1.1}"
name="${req%%==*}"
version="${req#*==}"
python="${PYTHON:-python3}"
epoch=1700000000
work="$(mktemp -d)"
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

# Both sides see pip with no configuration but the command line's.
clean_env=(env $(env | sed -n 's/^\(PIP_[A-Z_]*\)=.*/-u \1/p') PIP_CONFIG_FILE=/dev/null
  PIP_DISABLE_PIP_VERSION_CHECK=1)

"$root/mkwheels" --version >/dev/null # builds first if the sources changed, outside the timings
indexes=("file://$index_dir/simple")
if [ "${HTTP:-1}" != 0 ]; then
  port=$("$python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  "$python" -m http.server --bind 127.0.0.1 --directory "$index_dir" "$port" >"$work/http.log" 2>&1 &
  server=$!
  for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/simple/" >/dev/null 2>&1 && break; sleep 0.2; done
  indexes+=("http://127.0.0.1:$port/simple")
fi

# Wall and CPU (user + system, children included) milliseconds of one command.
timed() {
  if ! /usr/bin/time -f '%e %U %S' -o "$work/time.txt" "$@" >"$work/last.log" 2>&1; then
    echo "failed: $*" >&2; tail -5 "$work/last.log" >&2; exit 1
  fi
  awk '{printf "%d %d\n", $1 * 1000, ($2 + $3) * 1000}' "$work/time.txt"
}
stats() { printf '%s\n' "$@" | sort -n | awk '{a[NR] = $1} END {print a[1], a[int((NR + 1) / 2)]}'; }

echo "$req; $runs rounds each, interleaved; $(nproc) cores; load average before: $(cut -d' ' -f1-3 /proc/loadavg); $("$python" -m pip --version | cut -d' ' -f1-2)"
printf '%-44s %9s %9s %9s %9s %6s\n' "" "wall best" median "CPU best" median files
for index in "${indexes[@]}"; do
  pip_ms=() pip_cpu=() mk_ms=() mk_cpu=()
  for ((i = 1; i <= runs; i++)); do
    rm -rf "$work/a" "$work/b" && mkdir -p "$work/a/dl" "$work/b"
    read -r wall cpu < <(timed "${clean_env[@]}" sh -c '"$1" -m pip download -q --no-cache-dir \
        --index-url "$2" -d "$3/dl" "$4" && tar --sort=name --mtime=@"$5" --owner=0 --group=0 \
        --numeric-owner -cf - -C "$3" dl | gzip -n -6 >"$3/out.tar.gz"' \
        sh "$python" "$index" "$work/a" "$req" "$epoch")
    pip_ms+=("$wall") pip_cpu+=("$cpu")
    pip_files=$(find "$work/a/dl" -type f | wc -l)
    read -r wall cpu < <(timed "${clean_env[@]}" "$root/mkwheels" --pypi --name "$name" \
        --ver "$version" --resolver native --index-url "$index" --epoch "$epoch" \
        --python "$python" --output-dir "$work/b" -v)
    mk_ms+=("$wall") mk_cpu+=("$cpu")
    [ -n "${KEEP:-}" ] && cp "$work/last.log" "$KEEP"
    mk_files=$(tar -tzf "$work/b/"*.tar.gz | grep -cE '\.(whl|tar\.gz|zip)$')
  done
  read -r pb pm <<<"$(stats "${pip_ms[@]}")"
  read -r pcb pcm <<<"$(stats "${pip_cpu[@]}")"
  read -r mb mm <<<"$(stats "${mk_ms[@]}")"
  read -r mcb mcm <<<"$(stats "${mk_cpu[@]}")"
  echo "index: $index"
  printf '%-44s %9d %9d %9d %9d %6d\n' "  pip download + tar | gzip -n -6" "$pb" "$pm" "$pcb" "$pcm" "$pip_files"
  printf '%-44s %9d %9d %9d %9d %6d\n' "  mkwheels --pypi --resolver native" "$mb" "$mm" "$mcb" "$mcm" "$mk_files"
  awk -v pm="$pm" -v mm="$mm" -v pcm="$pcm" -v mcm="$mcm" 'BEGIN {
    printf "  mkwheels / (pip + tar | gzip), medians: wall %.2fx, CPU %.2fx (issue 12 asks <= 0.5x)\n", mm / pm, mcm / pcm }'
done
echo "(milliseconds; files: distributions saved by pip, and in mkwheels' tarball)"
