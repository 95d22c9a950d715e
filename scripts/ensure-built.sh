# Sourced by ./mkwheels and ./mkwheels-selftest: builds the CLI and the selftest with Maven the first
# time and whenever a pom or a main source changed since the last build. Needs $root.
stamp="$root/mkwheels-cli/target/.mkwheels-build-stamp"

mkwheels_stale() {
  [ -f "$stamp" ] || return 0
  [ -d "$root/mkwheels-selftest/target/lib" ] || return 0
  [ -n "$(find "$root" -path "$root/.git" -prune -o -path '*/target' -prune -o \
      \( -name pom.xml -o -path '*/src/main/*' \) -type f -newer "$stamp" -print -quit)" ]
}

mkwheels_ensure_built() {
  mkwheels_stale || return 0
  command -v mvn >/dev/null || { echo "mkwheels: Maven (mvn) is needed to build mkwheels; install it first" >&2; exit 1; }
  mkdir -p "$root/mkwheels-cli/target"
  exec 9>"$root/mkwheels-cli/target/.build-lock"
  flock 9
  if mkwheels_stale; then
    echo "mkwheels: building (first run, or the sources changed)..." >&2
    touch "$stamp.next"
    local log="$root/mkwheels-cli/target/build.log"
    if ! (cd "$root" && mvn -B -DskipTests -pl mkwheels-cli,mkwheels-selftest -am package >"$log" 2>&1); then
      rm -f "$stamp.next"
      grep -E '\[ERROR\]' "$log" | head -20 >&2 || true
      echo "mkwheels: the build failed; Maven's whole output is in $log" >&2
      exit 1
    fi
    mv "$stamp.next" "$stamp"
  fi
  exec 9>&-
}
