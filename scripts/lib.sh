# Shared helpers of the check scripts (sourced, not run). The caller defines say() and die() first, and
# sets ROOT (the project's root), PY (Debian's python3) and ORIG_PATH (the caller's PATH before it was
# narrowed to the system folders, so ./mvnw still finds a java outside them).

# Runs a command as root: directly, or through sudo without a password prompt.
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo -n "$@"
  else die "installing Debian packages needs root (or sudo): $*"; fi
}

pkg_installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

# apt_install LOG PACKAGE...: installs the Debian packages that are missing (none: does nothing);
# apt's output goes to LOG, whose tail is shown when the install fails.
apt_install() {
  local log=$1 missing=() p
  shift
  for p in "$@"; do pkg_installed "$p" || missing+=("$p"); done
  [ ${#missing[@]} -gt 0 ] || return 0
  say "installing ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq || die "apt-get update failed"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" \
    >"$log" 2>&1 || { tail -n 30 "$log" >&2; die "apt-get install failed (log: $log)"; }
}

# build_fake_jar JAR OVERRIDE: makes sure the standalone fake jar JAR exists and is current. OVERRIDE is
# the name of the variable a user sets to test a jar of their own (then JAR must exist and is used as is);
# otherwise the jar is rebuilt when missing or older than any fake/core source (a stale jar tests old code).
build_fake_jar() {
  local jar=$1 override=$2
  if [ -n "${!override:-}" ]; then
    [ -f "$jar" ] || die "$override=$jar does not exist"
    return
  fi
  if [ -f "$jar" ] && [ -z "$(find "$ROOT/image-sdk-fake/src/main" "$ROOT/image-sdk-core/src/main" \
        "$ROOT/image-sdk-fake/pom.xml" -newer "$jar" -print -quit 2>/dev/null)" ]; then
    return
  fi
  say "building the standalone fake jar"
  (cd "$ROOT" && PATH=$ORIG_PATH ./mvnw -B -q package -pl image-sdk-fake -am -DskipTests) || die "build failed"
  [ -f "$jar" ] || die "no jar at $jar after the build"
}

# A free TCP port on 127.0.0.1.
free_port() { "$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
