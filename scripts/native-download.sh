#!/usr/bin/env bash
# Runs scripts/NativeDownload.java (the native resolver and downloader, straight from the modules'
# compiled classes) until the CLI has `--resolver native`. Compiles the modules it needs first
# (offline, quiet) unless NO_BUILD=1. Arguments: see NativeDownload.java, for example
#   scripts/native-download.sh --index-url file:///opt/pypi/simple --dest /tmp/x jupyter
#
# It runs the JVM as ./mkwheels does: the launcher's JIT directives (scripts/jit-directives.json) and
# an AppCDS archive of its own (mkwheels-pip/target/native-download/cds), trained the first time
# on a one-wheel index that python3 makes in a temporary directory and serves over HTTP on
# loopback too (so the HTTP client's classes are in it), host target, then checked with
# -Xshare:on and moved into place. AppCDS needs jars, so the modules' classes are jarred (again
# when they change). NATIVE_CDS=0 turns the archive off; JAVA_OPTS come after, so they can undo
# the flags.
set -euo pipefail
# Few processes before the JVM: this script's own start is part of what bench/resolve-vs-pip.sh
# times, as a launcher's would be.
self="$(readlink -f "${BASH_SOURCE[0]}")"
root="${self%/scripts/*}"
if [ "${NO_BUILD:-}" != 1 ]; then
  (cd "$root" && mvn -B -ntp -o -q -pl mkwheels-pip -am compile -Dspotless.check.skip=true) >&2
fi
m2="${M2_REPO:-$HOME/.m2/repository}"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
javac="${JAVA_HOME:+$JAVA_HOME/bin/}javac"
jar="${JAVA_HOME:+$JAVA_HOME/bin/}jar"
out="$root/mkwheels-pip/target/native-download"
classes="$out/classes"
lib="$out/lib"
modules=(mkwheels-api mkwheels-python mkwheels-resolver mkwheels-pip)
deps=""
for a in com/fasterxml/jackson/core/jackson-databind com/fasterxml/jackson/core/jackson-core \
    com/fasterxml/jackson/core/jackson-annotations; do
  deps="$deps:$m2/$a/2.18.2/${a##*/}-2.18.2.jar"
done
deps="$deps:$m2/org/apache/commons/commons-compress/1.27.1/commons-compress-1.27.1.jar"
for j in "$m2"/commons-io/commons-io/2.16.1/commons-io-2.16.1.jar \
    "$m2"/org/apache/commons/commons-lang3/3.16.0/commons-lang3-3.16.0.jar; do
  [ -f "$j" ] && deps="$deps:$j"
done
# The class path, not the module path: the modules' own requirements (mkwheels-pip needs
# mkwheels-packaging for one test) would pull in far more than this uses. Each module's classes as
# a jar (AppCDS maps classes from jars only), made again when a class changed; the driver compiled
# once, so that a timing counts neither javac nor jar. One find looks for a class newer than the
# stamp the last check left (or a jar missing); only then is each module looked at. The stamp
# moves only when every jar was made, so a failed jar is tried again next time.
[ -d "$lib" ] || mkdir -p "$lib"
cp=""
dirs=()
missing=0
for m in "${modules[@]}"; do
  cp="$cp:$lib/$m.jar"
  dirs+=("$root/$m/target/classes")
  [ -f "$lib/$m.jar" ] || missing=1
done
cp="${cp#:}$deps"
stamp="$lib/.jars-checked"
if [ "$missing" = 1 ] || [ ! -f "$stamp" ] ||
  [ -n "$(find "${dirs[@]}" -newer "$stamp" -print -quit)" ]; then
  touch "$stamp.next"
  made=1
  for m in "${modules[@]}"; do
    if [ ! -f "$lib/$m.jar" ] ||
      [ -n "$(find "$root/$m/target/classes" -newer "$lib/$m.jar" -print -quit)" ]; then
      { "$jar" --create --file "$lib/.$m.jar.$$" -C "$root/$m/target/classes" . &&
        mv -f "$lib/.$m.jar.$$" "$lib/$m.jar"; } || made=0
    fi
  done
  if [ "$made" = 1 ]; then mv -f "$stamp.next" "$stamp"; else rm -f "$stamp.next"; fi
fi
if [ ! -f "$lib/native-download.jar" ] ||
  [ "$root/scripts/NativeDownload.java" -nt "$lib/native-download.jar" ]; then
  rm -rf "$classes" && mkdir -p "$classes"
  "$javac" -nowarn -d "$classes" -cp "$cp" "$root/scripts/NativeDownload.java"
  "$jar" --create --file "$lib/.native-download.jar.$$" -C "$classes" . &&
    mv -f "$lib/.native-download.jar.$$" "$lib/native-download.jar"
fi
cp="$lib/native-download.jar:$cp"
jit=()
[ ! -f "$root/scripts/jit-directives.json" ] || jit=(-XX:+UnlockDiagnosticVMOptions
  -XX:-DisplayVMOutput "-XX:CompilerDirectivesFile=$root/scripts/jit-directives.json")
quiet=(-Xlog:cds=off -Xlog:cds+dynamic=off)

# train ARCHIVE: one run that writes ARCHIVE at its exit (its outcome is not judged here).
train() {
  local archive="$1" work port server
  work="$(mktemp -d)" || return 0
  if python3 - "$work/simple" >/dev/null 2>&1 <<'PY'
import hashlib, os, sys, zipfile

info = "cds_training-1.0.dist-info/"
files = {
    "cds_training/__init__.py": "VALUE = 1\n",
    info + "METADATA": "Metadata-Version: 2.1\nName: cds-training\nVersion: 1.0\n"
    "Requires-Dist: cds-other>=1; python_version >= '3'\n",
    info + "WHEEL": "Wheel-Version: 1.0\nGenerator: mkwheels\nRoot-Is-Purelib: true\n"
    "Tag: py3-none-any\n",
    info + "RECORD": "",
}
other = {
    "cds_other/__init__.py": "",
    "cds_other-1.0.dist-info/METADATA": "Metadata-Version: 2.1\nName: cds-other\nVersion: 1.0\n",
    "cds_other-1.0.dist-info/RECORD": "",
}
for project, wheel, members in (
    ("cds-training", "cds_training-1.0-py3-none-any.whl", files),
    ("cds-other", "cds_other-1.0-py3-none-any.whl", other),
):
    directory = os.path.join(sys.argv[1], project)
    os.makedirs(directory)
    with zipfile.ZipFile(os.path.join(directory, wheel), "w") as out:
        for name, text in members.items():
            out.writestr(zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), text, zipfile.ZIP_DEFLATED)
    with open(os.path.join(directory, wheel), "rb") as f:
        sha256 = hashlib.sha256(f.read()).hexdigest()
    with open(os.path.join(directory, "index.html"), "w") as f:
        f.write(f'<!DOCTYPE html><html><body><a href="{wheel}#sha256={sha256}">{wheel}</a>\n')
PY
  then
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])')
    python3 -m http.server --bind 127.0.0.1 --directory "$work" "$port" >/dev/null 2>&1 &
    server=$!
    for _ in $(seq 50); do
      python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/simple/')" \
        >/dev/null 2>&1 && break
      sleep 0.1
    done
    "$java" -XX:ArchiveClassesAtExit="$archive" "${quiet[@]}" ${jit[@]+"${jit[@]}"} -cp "$cp" \
      NativeDownload --index-url "http://127.0.0.1:$port/simple" \
      --extra-index-url "file://$work/simple" --dest "$work/out" cds-training \
      </dev/null >/dev/null 2>&1 || true
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
  fi
  rm -rf "$work"
}

cds=()
if [ "${NATIVE_CDS:-1}" != 0 ]; then
  # A command substitution: bash waits for it, where a process substitution still ending at the
  # exec below would stay the JVM's child, never waited for.
  key="$({ readlink -f "$(command -v "$java")"; stat -c '%n %s %Y' "$lib"/*.jar; } | cksum)"
  key="${key%% *}"
  archive="$out/cds/native-download-$key.jsa"
  if [ ! -f "$archive" ] && [ ! -f "$archive.failed" ]; then
    mkdir -p "$out/cds"
    temporary="$out/cds/.native-download-$key.jsa.$$"
    # shellcheck disable=SC2064
    trap "rm -f '$temporary'" EXIT
    train "$temporary"
    # Mapped for sure (-Xshare:on fails the JVM otherwise): the driver's usage exits 2.
    status=0
    [ ! -s "$temporary" ] || "$java" -XX:SharedArchiveFile="$temporary" -Xshare:on "${quiet[@]}" \
      -cp "$cp" NativeDownload </dev/null >/dev/null 2>&1 || status=$?
    if [ -s "$temporary" ] && [ "$status" = 2 ]; then
      find "$out/cds" -name 'native-download-*.jsa' -delete
      mv -f "$temporary" "$archive"
    else
      : >"$archive.failed"
    fi
    rm -f "$temporary"
    trap - EXIT
  fi
  [ ! -f "$archive" ] || cds=(-XX:SharedArchiveFile="$archive" "${quiet[@]}")
fi
exec "$java" ${cds[@]+"${cds[@]}"} ${jit[@]+"${jit[@]}"} -Dnative.download.start="${EPOCHREALTIME//[!0-9]/}000" \
  ${JAVA_OPTS:-} -cp "$cp" NativeDownload "$@"
