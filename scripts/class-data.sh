# Sourced by ./mkwheels: application class data sharing (AppCDS) for the CLI, which cuts the JVM's
# start (Guice, Jackson and picocli load some 2,500 classes before any work). Needs $root and $java.
#
# The first run of a build on a JVM trains an archive: mkwheels vendors a one-wheel project from a
# local index made in a temporary directory (so the resolver's, the engine's and pack's classes are
# in it too; `--version` when there is no python3 to make the index) with
# -XX:ArchiveClassesAtExit (JDK 17 has no -XX:+AutoCreateSharedArchive), checked with -Xshare:on,
# then moved into place (temp file beside it, so concurrent first runs are safe and a reader never
# meets half an archive: a truncated one crashes the JVM). Every later run maps it. The archive is
# keyed by the module path's jars (name, size, mtime) and the JVM (its release file), kept in
# mkwheels-cli/target/cds (else ${XDG_CACHE_HOME:-~/.cache}/mkwheels), and never fails the run:
# without it the CLI just starts slower. MKWHEELS_CDS=0 turns it off.
#
# mkwheels_class_data LIB CLI... prints the JVM options to use (none when there is no archive) for
# the CLI started with the arguments CLI... (mkwheels_cli's).
#
# mkwheels_cli LIB prints the arguments that start the CLI from LIB's jars, one a line. The CLI
# runs from the class path: JDK 17 cannot map the module graph of a module path from an archive,
# and resolving it (45 jars, 12,400 entries) took a sixth of a second of every start (0.70 s for
# `--version` on the module path against 0.53 s on the class path, both with an archive;
# bench/README). The jars come in byte order of their names, so the same jars always give the
# same class path (an archive is only used with the class path it was made with). The modules'
# own checks run in the tests and the selftest, which start the CLI on the module path, and CI
# checks that both ways find the same modes.
mkwheels_class_data() {
  local lib="$1"
  shift
  [ "${MKWHEELS_CDS:-1}" != 0 ] || return 0
  local quiet=(-Xlog:cds=off -Xlog:cds+dynamic=off)
  local binary home jvm jars key dir archive temporary
  binary="$(readlink -f "$(command -v "$java")" 2>/dev/null)" || return 0
  home="${binary%/bin/java}"
  # Both keys from one subshell: every process started here delays every run of the CLI. A
  # command substitution, which bash waits for (it does not wait for a process substitution).
  local keys
  keys="$(
    { echo "$binary"; stat -c '%s %Y' "$binary" "$home/release" 2>/dev/null; } | cksum
    { stat -c '%n %s %Y' "$lib"/*.jar 2>/dev/null; printf '%s\n' "$@"; } | cksum
  )" || return 0
  { read -r jvm _ && read -r jars _; } <<<"$keys" || return 0
  key="$jvm-$jars"
  for dir in "$root/mkwheels-cli/target/cds" "${XDG_CACHE_HOME:-${HOME:-/nonexistent}/.cache}/mkwheels"; do
    archive="$dir/mkwheels-$key.jsa"
    if [ -f "$archive" ]; then
      printf '%s\n' "-XX:SharedArchiveFile=$archive" "${quiet[@]}"
      return 0
    fi
    # A JVM that cannot make one (not HotSpot, say) is not asked again on every run.
    [ ! -f "$dir/mkwheels-$key.failed" ] || return 0
  done
  for dir in "$root/mkwheels-cli/target/cds" "${XDG_CACHE_HOME:-${HOME:-/nonexistent}/.cache}/mkwheels"; do
    mkdir -p "$dir" 2>/dev/null && [ -w "$dir" ] || continue
    archive="$dir/mkwheels-$key.jsa"
    temporary="$dir/.mkwheels-$key.jsa.$$.tmp"
    # shellcheck disable=SC2064
    trap "rm -f '$temporary'" EXIT
    mkwheels_class_data_train "$temporary" "$@"
    if [ -s "$temporary" ] &&
      "$java" -XX:SharedArchiveFile="$temporary" -Xshare:on "${quiet[@]}" "$@" \
        --version </dev/null >/dev/null 2>&1 &&
      mv -f "$temporary" "$archive" 2>/dev/null; then
      trap - EXIT
      # This JVM's archives of earlier builds in the build's own directory are of no more use.
      [ "$dir" != "$root/mkwheels-cli/target/cds" ] ||
        find "$dir" -maxdepth 1 -name "mkwheels-$jvm-*.jsa" ! -name "mkwheels-$key.jsa" \
          -delete 2>/dev/null || true
      printf '%s\n' "-XX:SharedArchiveFile=$archive" "${quiet[@]}"
    else
      rm -f "$temporary"
      trap - EXIT
      : >"$dir/mkwheels-$key.failed" 2>/dev/null || true
    fi
    return 0
  done
}

# mkwheels_class_data_train ARCHIVE CLI...: one run of the CLI that writes ARCHIVE at its exit. It
# vendors a one-wheel project from a PEP 503 index made with python3 in a temporary directory
# (removed afterwards): `--pypi --target` on a file: URL, so the resolver, the engine and pack's
# classes (SBOM, TOML) load, with no network, no build, no pip configuration and an empty
# environment. Without python3, or if the index cannot be made, `--version`. Its outcome is not
# judged here: the caller checks the archive.
mkwheels_class_data_train() {
  local archive="$1" work
  shift
  local run=("$java" -XX:ArchiveClassesAtExit="$archive" "${quiet[@]}")
  # shellcheck disable=SC2064
  if work="$(mktemp -d 2>/dev/null)" && trap "rm -f '$archive'; rm -rf '$work'" EXIT &&
    mkdir "$work/simple" "$work/out" "$work/tmp" &&
    python3 - "$work/simple" >/dev/null 2>&1 <<'PY'
import hashlib, os, sys, zipfile

info = "cds_training-1.0.dist-info/"
files = {
    "cds_training/__init__.py": "VALUE = 1\n" * 200,
    info + "METADATA": "Metadata-Version: 2.4\nName: cds-training\nVersion: 1.0\n"
    "License-Expression: MIT\n\nA wheel the launcher vendors once to train its class archive.\n",
    info + "WHEEL": "Wheel-Version: 1.0\nGenerator: mkwheels\nRoot-Is-Purelib: true\n"
    "Tag: py3-none-any\n",
    info + "sboms/training.cdx.json": '{"bomFormat": "CycloneDX", "specVersion": "1.6",'
    ' "components": [{"type": "library", "name": "zlib", "version": "1.3.1"}]}\n',
    info + "RECORD": "",
}
project = os.path.join(sys.argv[1], "cds-training")
os.mkdir(project)
wheel = "cds_training-1.0-py3-none-any.whl"
with zipfile.ZipFile(os.path.join(project, wheel), "w") as out:
    for i, (name, text) in enumerate(files.items()):
        method = zipfile.ZIP_STORED if i % 2 else zipfile.ZIP_DEFLATED
        out.writestr(zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), text, method)
with open(os.path.join(project, wheel), "rb") as f:
    sha256 = hashlib.sha256(f.read()).hexdigest()
with open(os.path.join(project, "index.html"), "w") as f:
    f.write(f'<!DOCTYPE html><html><body><a href="{wheel}#sha256={sha256}">{wheel}</a>\n')
PY
  then
    # A training run that hangs (a pip that waits on something) must not hang the launcher.
    local limit=()
    ! command -v timeout >/dev/null || limit=(timeout --foreground 120)
    ${limit[@]+"${limit[@]}"} env -i PATH="$PATH" HOME="$work" PIP_CONFIG_FILE=/dev/null \
      "${run[@]}" \
      -Djava.io.tmpdir="$work/tmp" "$@" \
      --pypi --name cds-training --ver 1.0 --index-url "file://$work/simple" \
      --target cp311-manylinux_2_28_x86_64 --epoch 0 --output-dir "$work/out" -q \
      </dev/null >/dev/null 2>&1 || true
  else
    "${run[@]}" "$@" --version \
      </dev/null >/dev/null 2>&1 || true
  fi
  [ -z "$work" ] || rm -rf "$work"
  # shellcheck disable=SC2064
  trap "rm -f '$archive'" EXIT
}

mkwheels_cli() {
  local lib="$1" jars LC_ALL=C IFS=:
  mkwheels_one_version_each "$lib" || return 1
  jars=("$lib"/*.jar)
  printf '%s\n' -cp "${jars[*]}" dev.mkwheels.cli.Main
}

# mkwheels_one_version_each LIB fails with one line when LIB holds two versions of one jar. Maven's
# copy-dependencies never removes a jar: after a dependency's version changed, the old one stays
# beside the new, and on a class path the first would win unseen (on a module path the JVM stops
# with its own error).
mkwheels_one_version_each() {
  local lib="$1" jar name
  local -A seen=()
  for jar in "$lib"/*.jar; do
    name="${jar##*/}"
    [[ "$name" =~ ^(.+)-[0-9][^/]*\.jar$ ]] && name="${BASH_REMATCH[1]}"
    if [ -n "${seen[$name]:-}" ]; then
      echo "mkwheels: $lib holds two versions of $name (${seen[$name]##*/} and ${jar##*/}):" \
        "a build before a dependency changed left one; remove that folder (keep your plugin jars)" \
        "and run again" >&2
      return 1
    fi
    seen[$name]="$jar"
  done
}
