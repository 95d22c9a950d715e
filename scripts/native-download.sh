#!/usr/bin/env bash
# Runs scripts/NativeDownload.java (the native resolver and downloader, straight from the modules'
# compiled classes) until the CLI has `--resolver native`. Compiles the modules it needs first
# (offline, quiet) unless NO_BUILD=1. Arguments: see NativeDownload.java, for example
#   scripts/native-download.sh --index-url file:///opt/pypi/simple --dest /tmp/x jupyter
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
if [ "${NO_BUILD:-}" != 1 ]; then
  (cd "$root" && mvn -B -ntp -o -q -pl mkwheels-pip -am compile -Dspotless.check.skip=true) >&2
fi
m2="${M2_REPO:-$HOME/.m2/repository}"
mp="$root/mkwheels-api/target/classes:$root/mkwheels-python/target/classes"
mp="$mp:$root/mkwheels-resolver/target/classes:$root/mkwheels-pip/target/classes"
for a in com/fasterxml/jackson/core/jackson-databind com/fasterxml/jackson/core/jackson-core \
    com/fasterxml/jackson/core/jackson-annotations; do
  mp="$mp:$m2/$a/2.18.2/$(basename $a)-2.18.2.jar"
done
mp="$mp:$m2/org/apache/commons/commons-compress/1.27.1/commons-compress-1.27.1.jar"
for j in "$m2"/commons-io/commons-io/2.16.1/commons-io-2.16.1.jar \
    "$m2"/org/apache/commons/commons-lang3/3.16.0/commons-lang3-3.16.0.jar; do
  [ -f "$j" ] && mp="$mp:$j"
done
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
javac="${JAVA_HOME:+$JAVA_HOME/bin/}javac"
# The class path, not the module path: the modules' own requirements (mkwheels-pip needs
# mkwheels-packaging for one test) would pull in far more than this uses. Compiled once, so
# that a timing does not count javac.
classes="$root/mkwheels-pip/target/native-download"
if [ ! -f "$classes/NativeDownload.class" ] || [ "$root/scripts/NativeDownload.java" -nt "$classes/NativeDownload.class" ]; then
  mkdir -p "$classes"
  "$javac" -nowarn -d "$classes" -cp "$mp" "$root/scripts/NativeDownload.java"
fi
exec "$java" ${JAVA_OPTS:-} -cp "$classes:$mp" NativeDownload "$@"
