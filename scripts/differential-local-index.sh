#!/usr/bin/env bash
# Differential check (not a test), issue 12's "try it as a user would": for each project of a list,
# the files `pip download NAME==VER` saves from an index against the distribution files of the
# tarball the native resolver makes for the same release. One line per project, then a total.
#
# Usage: scripts/differential-local-index.sh [INDEX_URL] [PROJECTS_FILE]
#   INDEX_URL      default file:///opt/pypi/simple (the machine's local index)
#   PROJECTS_FILE  lines `NAME` or `NAME==VER` (# comments); default: the list below. Without a
#                  version, the newest the index gives pip is taken (`pip download --no-deps`).
# Environment: PYTHON (default python3), KEEP=1 to keep the work directory, NATIVE to override the
# native command below.
#
# The native side is one command, NATIVE: a shell snippet run with $name, $req (NAME[extras]),
# $extras (the extras, comma-separated, or empty), $ver, $index and $out set, which leaves in $out
# either the tarball (NAME-wheels-VER.tar.gz) or the downloaded files. The default is the CLI as
# issue 12 specifies it (with --extras when the line has extras); the resolver straight from the
# modules (scripts/native-download.sh) is:
#   NATIVE=modules scripts/differential-local-index.sh
NATIVE_DEFAULT='"$root/mkwheels" --pypi --name "$name" --ver "$ver" ${extras:+--extras "$extras"} --resolver native --index-url "$index" --epoch 1700000000 --output-dir "$out"'
NATIVE_MODULES='NO_BUILD=1 "$root/scripts/native-download.sh" --index-url "$index" --dest "$out" "$req==$ver"'
NATIVE="${NATIVE:-$NATIVE_DEFAULT}"
[ "$NATIVE" = modules ] && NATIVE="$NATIVE_MODULES"

set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
index="${1:-file:///opt/pypi/simple}"
python="${PYTHON:-python3}"
work="$(mktemp -d)"
[ "${KEEP:-}" = 1 ] && echo "work directory: $work" >&2 || trap 'rm -rf "$work"' EXIT

# Varied trees: big ones (90+ files: jupyter, jupyterlab, streamlit, transformers), C extensions with many
# tags (numpy, pandas, pyarrow), extras and markers (requests[socks], httpx), sdist-only leaves.
default_projects() {
  cat <<'LIST'
jupyter
jupyterlab
notebook
sphinx
streamlit
ipython
pandas
numpy
scipy
scikit-learn
matplotlib
pyarrow
requests
requests[socks]
httpx
aiohttp
fastapi
uvicorn[standard]
flask
django
sqlalchemy
alembic
nbconvert
boto3
black
pytest
jupyter-server
cryptography
pydantic
rich
typer
jsonschema
openai
anthropic
transformers
LIST
}

pip_clean() {
  # Only the index given here counts: no pip.conf, no PIP_* (this machine sets PIP_FIND_LINKS).
  env $(env | sed -n 's/^\(PIP_[A-Z_]*\)=.*/-u \1/p') PIP_CONFIG_FILE=/dev/null \
    PIP_DISABLE_PIP_VERSION_CHECK=1 "$python" -m pip "$@"
}

# The version pip takes for NAME (extras dropped), from the file it saves with --no-deps.
newest() {
  local req="$1" dir="$work/newest"
  rm -rf "$dir" && mkdir -p "$dir"
  pip_clean download -q --no-deps --no-cache-dir --index-url "$index" -d "$dir" "$req" >/dev/null 2>&1 || return 1
  local file
  file="$(ls "$dir" | head -1)"
  case "$file" in
    *.whl) echo "$file" | cut -d- -f2 ;;
    *) echo "$file" | sed -E 's/\.(tar\.gz|zip|tar\.bz2)$//; s/.*-//' ;;
  esac
}

case "$NATIVE" in *native-download.sh*) (cd "$root" && mvn -B -ntp -o -q -pl mkwheels-pip -am compile -Dspotless.check.skip=true) ;; esac
if [ -n "${2:-}" ]; then projects="$(grep -v '^\s*#' "$2" | grep -v '^\s*$')"; else projects="$(default_projects)"; fi
same=0 different=0 failed=0 bothfailed=0
printf '%-44s %-14s %6s %6s  %s\n' project version pip native result
while read -r line; do
  req="${line%%==*}"
  name="${req%%[*}"
  extras=""
  case "$req" in *\[*\]) extras="${req#*\[}" extras="${extras%]}" ;; esac
  ver="${line#*==}"
  [ "$ver" = "$line" ] && ver="$(newest "$req" || true)"
  if [ -z "$ver" ]; then
    printf '%-44s %-14s %6s %6s  %s\n' "$req" - - - "not on the index"
    failed=$((failed + 1))
    continue
  fi
  p="$work/$name/pip" out="$work/$name/native"
  mkdir -p "$p" "$out"
  # A native command that takes no extras (it names neither $req nor $extras): pip gets the
  # release without them too, and the line says so.
  asked="$req"
  case "$NATIVE" in *'$req'* | *'$extras'*) ;; *) asked="$name" ;; esac
  [ "$asked" = "$req" ] || req="$req (as $name: the native command takes no extras)"
  if ! pip_clean download -q --no-cache-dir --index-url "$index" -d "$p" "$asked==$ver" >"$work/$name/pip.log" 2>&1; then
    # pip finds no solution (the index lacks something): the native resolver must not find one.
    why="$(grep -E '^ERROR' "$work/$name/pip.log" | tail -1)"
    if (cd "$root" && eval "$NATIVE") >"$work/$name/native.log" 2>&1; then
      printf '%-44s %-14s %6s %6s  %s\n' "$req" "$ver" - "$(ls "$out" | wc -l)" "different: pip failed ($why), native did not"
      different=$((different + 1))
    else
      printf '%-44s %-14s %6s %6s  %s\n' "$req" "$ver" - - "both failed: pip: $why; native: $(tail -1 "$work/$name/native.log")"
      bothfailed=$((bothfailed + 1))
    fi
    continue
  fi
  ls "$p" | sort >"$work/$name/pip.txt"
  if ! (cd "$root" && eval "$NATIVE") >"$work/$name/native.log" 2>&1; then
    printf '%-44s %-14s %6s %6s  %s\n' "$req" "$ver" "$(wc -l <"$work/$name/pip.txt")" - \
      "native failed: $(tail -1 "$work/$name/native.log")"
    failed=$((failed + 1))
    continue
  fi
  # The tarball's distributions: files directly in its one top-level directory, manifests left
  # out; or, from a native command that downloads without packing, the files in $out.
  tarball="$(ls "$out"/*-wheels-*.tar.gz 2>/dev/null | head -1 || true)"
  if [ -n "$tarball" ]; then
    tar -tzf "$tarball" | awk -F/ 'NF == 2 && $2 ~ /\.(whl|tar\.gz|tar\.bz2|zip)$/ {print $2}'
  else
    ls "$out"
  fi | sort >"$work/$name/native.txt"
  n_pip=$(wc -l <"$work/$name/pip.txt") n_native=$(wc -l <"$work/$name/native.txt")
  if cmp -s "$work/$name/pip.txt" "$work/$name/native.txt"; then
    printf '%-44s %-14s %6d %6d  %s\n' "$req" "$ver" "$n_pip" "$n_native" same
    same=$((same + 1))
  else
    # (diff exits 1 when the lists differ: not a failure of this script under pipefail)
    diff_line="$({ diff "$work/$name/pip.txt" "$work/$name/native.txt" || true; } | grep '^[<>]' |
      head -4 | tr '\n' ' ')"
    printf '%-44s %-14s %6d %6d  %s\n' "$req" "$ver" "$n_pip" "$n_native" "different (< pip, > native): $diff_line"
    different=$((different + 1))
  fi
done <<<"$projects"
echo "total: $((same + bothfailed + different + failed)) projects, $same same, $bothfailed both failed, $different different, $failed failed"
[ "$different" -eq 0 ] && [ "$failed" -eq 0 ]
