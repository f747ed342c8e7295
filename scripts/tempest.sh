#!/usr/bin/env bash
# Runs OpenStack's own conformance tests for the image API (Tempest 33, Debian bookworm's
# python3-tempest, `^tempest\.api\.image`) against a REAL Glance 25 + Keystone 22 on loopback
# (scripts/real-glance.sh) and then against the standalone fake Glance (image-sdk-fake) in
# external-Keystone mode, registered as the image service of a second region of the same Keystone.
# Prints, per target:
#   TEMPEST target=real passed=N failed=N skipped=N
#   TEMPEST target=fake passed=N failed=N skipped=N
# then every test that passes on real Glance and not on the fake, one per line, and exits 1 when
# there is any (0 otherwise; 2 when the set-up itself fails).
#
#   scripts/tempest.sh            install Tempest if missing, start the real Glance if needed, run both
#
# Environment:
#   TEMPEST_ALLOW_GAPS=1     exit 0 even when tests pass on real Glance and not on the fake
#   TEMPEST_FILTER=REGEX     tests to run (default ^tempest\.api\.image)
#   TEMPEST_CONCURRENCY=N    stestr workers (default 2)
#   TEMPEST_KEEP=1           keep the scratch folder (tempest.conf, logs, subunit streams, fake log)
#   TEMPEST_FAKE_REGION=R    the Keystone region the fake is registered in (default ImageSdkFake; one per concurrent run)
#   TEMPEST_FAKE_JAR=PATH    the standalone fake jar (default: the module's, built if missing/stale)
#   TEMPEST_REUSE_REAL=1     skip the real-Glance run and compare with the last one saved in
#                            $IMAGE_SDK_GLANCE_STATE/tempest-real.csv (same TEMPEST_FILTER; for fix loops)
#   IMAGE_SDK_GLANCE_STATE   scripts/real-glance.sh's state folder (shared with it)
# Tempest contacts only 127.0.0.1: Keystone :5000, Glance :9292, the fake on a free port, and the
# file server :18080 ([image] http_image); every request URL in the logs is checked for that.
# The real Glance is left running (others may use it); the fake, its region and endpoints are
# removed on exit, whatever happens.
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/java}
[ -n "$JAVA" ] && [ -x "$JAVA" ] || JAVA=$(command -v java || true)
ORIG_PATH=$PATH
JAR=${TEMPEST_FAKE_JAR:-$ROOT/image-sdk-fake/target/image-sdk-fake-0.1.0-SNAPSHOT-standalone.jar}
FILTER=${TEMPEST_FILTER:-'^tempest\.api\.image'}
CONCURRENCY=${TEMPEST_CONCURRENCY:-2}
STATE="${IMAGE_SDK_GLANCE_STATE:-/tmp/image-sdk-real-glance}"
export IMAGE_SDK_GLANCE_STATE=$STATE
FAKE_REGION=${TEMPEST_FAKE_REGION:-ImageSdkFake}

# Debian's interpreter and tools only (Tempest lives in dist-packages); no OS_* or proxy leaks in.
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
unset PYTHONPATH PYTHONHOME VIRTUAL_ENV
for v in $(compgen -e | grep '^OS_' || true); do unset "$v"; done
export no_proxy="127.0.0.1,localhost" NO_PROXY="127.0.0.1,localhost"
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY
PY=/usr/bin/python3

T0=$SECONDS
say() { printf '[tempest %4ss] %s\n' "$((SECONDS - T0))" "$*" >&2; }
die() { printf '[tempest] ERROR: %s\n' "$*" >&2; exit 2; }

# shellcheck source=lib.sh
. "$ROOT/scripts/lib.sh"

install_tempest() {
  apt_install /tmp/image-sdk-tempest-apt.log python3-tempest python3-stestr python3-subunit
  command -v stestr >/dev/null && command -v subunit2csv >/dev/null || die "stestr or subunit2csv missing"
  say "tempest $(dpkg-query -W -f='${Version}' python3-tempest), stestr $(dpkg-query -W -f='${Version}' python3-stestr)"
}

WORK=$(mktemp -d /tmp/image-sdk-tempest.XXXXXX)
FAKE_PID=""
ENDPOINT_ADDED=""
STESTR_PID=""
cleanup() {
  if [ -n "$STESTR_PID" ] && kill -0 "$STESTR_PID" 2>/dev/null; then
    kill -TERM -- "-$STESTR_PID" 2>/dev/null || kill -TERM "$STESTR_PID" 2>/dev/null
    wait "$STESTR_PID" 2>/dev/null
  fi
  if [ -n "$ENDPOINT_ADDED" ]; then
    bash "$ROOT/scripts/real-glance.sh" image-endpoint remove "$FAKE_REGION" >/dev/null 2>&1 \
      || say "WARNING: could not remove region $FAKE_REGION from Keystone"
  fi
  if [ -n "$FAKE_PID" ] && kill -0 "$FAKE_PID" 2>/dev/null; then
    kill "$FAKE_PID" 2>/dev/null; wait "$FAKE_PID" 2>/dev/null
  fi
  if [ "${TEMPEST_KEEP:-0}" = 1 ]; then say "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# write_workspace DIR REGION: a Tempest workspace (stestr config + etc/tempest.conf) for one
# target. Not `tempest init`: that keeps a registry in ~/.tempest that goes stale with scratch dirs.
write_workspace() {
  local dir=$1 region=$2 tdir
  tdir=$("$PY" -c 'import os, tempest; print(os.path.dirname(tempest.__file__))')
  mkdir -p "$dir/etc" "$dir/lock" "$dir/logs"
  cat >"$dir/.stestr.conf" <<EOF
[DEFAULT]
test_path=$tdir/test_discover
top_dir=$(dirname "$tdir")
group_regex=([^\.]*\.)*
EOF
  cat >"$dir/etc/tempest.conf" <<EOF
[DEFAULT]
log_dir = $dir/logs
log_file = tempest.log
use_stderr = false
debug = false
[oslo_concurrency]
lock_path = $dir/lock
[auth]
# Tempest makes a project and users per test class (needs the admin user).
use_dynamic_credentials = true
create_isolated_networks = false
admin_username = admin
admin_password = admin
admin_project_name = admin
admin_domain_name = Default
default_credentials_domain_name = Default
[identity]
uri_v3 = http://127.0.0.1:5000/v3
auth_version = v3
region = RegionOne
disable_ssl_certificate_validation = true
[identity-feature-enabled]
api_v2 = false
[service_available]
glance = true
nova = false
neutron = false
cinder = false
swift = false
[image]
# The image URL comes from the catalog: the region picks real Glance or the fake.
region = $region
endpoint_type = publicURL
# Never the default internet URL: the real-glance.sh file server on loopback.
http_image = http://127.0.0.1:18080/small.img
# The cache API is not tested on either target (the fake does not serve it).
image_caching_enabled = false
# Real Glance imports/copies finish in 1-2 s; a waiter that never ends costs this much per test.
build_timeout = 30
build_interval = 1
[image-feature-enabled]
api_v1 = false
api_v2 = true
import_image = true
os_glance_reserved = true
manage_locations = false
EOF
}

# run_target NAME REGION: runs the tests in a workspace of their own; outcomes in $WORK/NAME.csv.
run_target() {
  local name=$1 region=$2 dir=$WORK/$1 t=$SECONDS
  write_workspace "$dir" "$region"
  say "running $FILTER against $name (region $region, concurrency $CONCURRENCY)"
  (cd "$dir" && stestr init >/dev/null 2>&1) || true
  # In its own session, waited for with `wait`: a signal then runs the EXIT trap at once (not after
  # the whole run), and the trap can stop stestr and its workers as one process group.
  (cd "$dir" && TEMPEST_CONFIG_DIR="$dir/etc" exec setsid stestr run --concurrency "$CONCURRENCY" "$FILTER" \
       >"$dir/stestr.out" 2>&1) &
  STESTR_PID=$!
  wait "$STESTR_PID" || true
  STESTR_PID=""
  (cd "$dir" && stestr last --subunit >"$dir/subunit.bin" 2>/dev/null) || die "no stestr result for $name (see $dir/stestr.out)"
  # subunit2csv exits 1 when the stream holds a failure: judge it by its output.
  subunit2csv <"$dir/subunit.bin" >"$WORK/$name.csv" 2>"$dir/subunit2csv.err" || true
  head -n 1 "$WORK/$name.csv" | grep -q '^test,status' || die "subunit2csv failed for $name ($dir/subunit2csv.err)"
  # Every request Tempest sent, from the per-test logs in the subunit stream (tempest.log is
  # truncated by each worker): anything not on loopback is a configuration error.
  "$PY" - "$dir/subunit.bin" >"$dir/requests.txt" <<'PY'
import re, sys, subunit, testtools
lines = []
class R(testtools.StreamResult):
    def status(self, test_id=None, test_status=None, file_name=None, file_bytes=None, **kw):
        if file_bytes:
            for m in re.finditer(rb"Request \([^)]*\): (\d+) (\w+) (\S+)", file_bytes):
                lines.append(f"{test_id} {m.group(1).decode()} {m.group(2).decode()} {m.group(3).decode()}")
subunit.ByteStreamToStreamResult(open(sys.argv[1], "rb"), non_subunit_name="stdout").run(R())
print("\n".join(lines))
PY
  if grep -vE ' https?://127\.0\.0\.1[:/]' "$dir/requests.txt" | grep -q .; then
    grep -vE ' https?://127\.0\.0\.1[:/]' "$dir/requests.txt" | head -5 >&2
    die "Tempest sent requests off loopback (above)"
  fi
  eval "ELAPSED_$name=\"$((SECONDS - t)) s\""
  say "$name done in $((SECONDS - t)) s ($(wc -l <"$dir/requests.txt") logged requests)"
}

start_fake() {
  [ -n "$JAVA" ] || die "java not found"
  local port i
  port=$(free_port)
  # external mode: tokens are Keystone's, validated with GET /v3/auth/tokens as the glance service user.
  "$JAVA" -jar "$JAR" --port "$port" --auth external --keystone-url http://127.0.0.1:5000/v3 \
      --service-user glance:glance:service >"$WORK/fake.log" 2>&1 &
  FAKE_PID=$!
  for i in $(seq 1 300); do
    grep -q 'listening on' "$WORK/fake.log" && break
    kill -0 "$FAKE_PID" 2>/dev/null || { cat "$WORK/fake.log" >&2; die "the fake exited at start"; }
    sleep 0.1
  done
  grep -q 'listening on' "$WORK/fake.log" || die "the fake did not start in 30 s"
  FAKE_URL="http://127.0.0.1:$port"
  say "$(head -n 1 "$WORK/fake.log")"
}

# summary NAME: the TEMPEST line from NAME.csv (one row per test; a class whose setUpClass
# failed or was skipped is one row for the whole class).
summary() {
  "$PY" - "$WORK/$1.csv" "$1" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
n = {"passed": 0, "failed": 0, "skipped": 0}
for r in rows:
    s = r["status"]
    n["passed" if s in ("success", "xfail") else "skipped" if s == "skip" else "failed"] += 1
print(f"TEMPEST target={sys.argv[2]} passed={n['passed']} failed={n['failed']} skipped={n['skipped']}")
PY
}

# gaps: tests that pass on real and not on the fake (a test missing from the fake's run because
# its class's setUpClass failed counts, with that reason).
gaps() {
  "$PY" - "$WORK/real.csv" "$WORK/fake.csv" <<'PY'
import csv, re, sys
def load(p):
    return {r["test"]: r["status"] for r in csv.DictReader(open(p))}
real, fake = load(sys.argv[1]), load(sys.argv[2])
def cls(t):
    return re.sub(r"\.[^.]*$", "", re.sub(r"\[.*\]$", "", t))
fixture = {}
for t, s in fake.items():
    m = re.match(r"(setUpClass|tearDownClass) \((.*)\)$", t)
    if m and s != "success":
        fixture[m.group(2)] = f"{m.group(1)} {s}"
for t in sorted(real):
    if real[t] != "success" or t.startswith(("setUpClass", "tearDownClass")):
        continue
    if t in fake:
        if fake[t] != "success":
            print(f"{t} fake={fake[t]}")
    else:
        print(f"{t} fake={fixture.get(cls(t), 'missing')}")
PY
}

install_tempest
build_fake_jar "$JAR" TEMPEST_FAKE_JAR
bash "$ROOT/scripts/real-glance.sh" up >&2 || die "scripts/real-glance.sh up failed"

REAL_SAVED="$STATE/tempest-real.csv"
if [ "${TEMPEST_REUSE_REAL:-0}" = 1 ]; then
  [ -f "$REAL_SAVED" ] && [ "$(cat "$REAL_SAVED.filter" 2>/dev/null)" = "$FILTER" ] \
    || die "TEMPEST_REUSE_REAL=1 but no saved real-Glance result for filter $FILTER (run once without it)"
  cp "$REAL_SAVED" "$WORK/real.csv"; ELAPSED_real="reused"
  say "real Glance: reusing $REAL_SAVED"
else
  run_target real RegionOne
  cp "$WORK/real.csv" "$REAL_SAVED" && printf '%s' "$FILTER" >"$REAL_SAVED.filter"
fi
start_fake
bash "$ROOT/scripts/real-glance.sh" image-endpoint add "$FAKE_REGION" "$FAKE_URL" >&2 \
  || die "could not register the fake in region $FAKE_REGION"
ENDPOINT_ADDED=1
run_target fake "$FAKE_REGION"

summary real
summary fake
gaps >"$WORK/gaps.txt"
say "times: real ${ELAPSED_real}, fake ${ELAPSED_fake}"
echo "PASSES ON REAL, NOT ON THE FAKE: $(wc -l <"$WORK/gaps.txt")"
cat "$WORK/gaps.txt"
if [ -s "$WORK/gaps.txt" ] && [ "${TEMPEST_ALLOW_GAPS:-0}" != 1 ]; then exit 1; fi
exit 0
