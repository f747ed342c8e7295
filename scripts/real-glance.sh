#!/usr/bin/env bash
# Runs a REAL OpenStack Glance 25 (Zed) + Keystone 22 on 127.0.0.1 for integration tests,
# from Debian bookworm's packages. Everything (config, sqlite DBs, image data, logs, PIDs) lives in
# one state folder; nothing listens beyond loopback.
#
#   scripts/real-glance.sh install          install the Debian packages (idempotent)
#   scripts/real-glance.sh up               install if needed, configure, start, wait until ready
#   scripts/real-glance.sh down             stop the processes this script started (by PID)
#   scripts/real-glance.sh status           show what runs and whether it answers
#   scripts/real-glance.sh env [--user U]   print `export OS_...` lines (U: demo, alt_demo, admin)
#   scripts/real-glance.sh clouds-yaml      print a clouds.yaml with one cloud per user
#   scripts/real-glance.sh logs [N]         print the last N lines of each log
#   scripts/real-glance.sh reset            down, then delete the state folder
#   scripts/real-glance.sh image-endpoint add REGION URL
#                                           register URL (e.g. a fake Glance) as the image service's
#                                           public/internal/admin endpoints in a new region REGION
#   scripts/real-glance.sh image-endpoint remove REGION
#                                           delete REGION's image endpoints and the region itself
#
# Accounts (domain Default, region RegionOne; password = user name = project name):
#   demo / alt_demo   role member (+ reader) in projects demo / alt_demo
#   admin             role admin in project admin; glance (service user) in project service
# Glance: http://127.0.0.1:9292 (API v2.16, stores file1 (default) + file2, import methods
# glance-direct, web-download, copy-image). web-download accepts only http://127.0.0.1:18080/...,
# served from $IMAGE_SDK_GLANCE_STATE/www (tests may put files there).
#
# Environment: IMAGE_SDK_GLANCE_STATE (state folder, default /tmp/image-sdk-real-glance),
# IMAGE_SDK_GLANCE_TIMEOUT (seconds to wait for readiness, default 180).
# Ports are fixed (Keystone 5000, Glance 9292, web-download file server 18080) because the
# catalog and Glance's import filtering name them.
set -euo pipefail

STATE="${IMAGE_SDK_GLANCE_STATE:-/tmp/image-sdk-real-glance}"
TIMEOUT="${IMAGE_SDK_GLANCE_TIMEOUT:-180}"
HOST=127.0.0.1
KEYSTONE_PORT=5000
GLANCE_PORT=9292
WEB_PORT=18080
KEYSTONE_URL="http://$HOST:$KEYSTONE_PORT/v3"
GLANCE_URL="http://$HOST:$GLANCE_PORT"
WEB_URL="http://$HOST:$WEB_PORT"
REGION=RegionOne

# The OpenStack libraries live in Debian's dist-packages: a pyenv/venv python first on PATH
# would not see them, so always use Debian's interpreter and tools.
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
unset PYTHONPATH PYTHONHOME VIRTUAL_ENV
PY=/usr/bin/python3
# A proxy from the caller's environment must never see loopback traffic.
export no_proxy="$HOST,localhost" NO_PROXY="$HOST,localhost"
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY

APT_PACKAGES=(python3-glance python3-keystone python3-glanceclient python3-openstackclient
              uwsgi-core uwsgi-plugin-python3 curl)
# Service packages whose files (paste ini, schema-image.json, metadefs, entry points) we need,
# unpacked with dpkg -x so their postinst (dbconfig-common, debconf, init scripts) never runs.
SERVICE_PACKAGES=(glance-common glance-api)

PKGROOT="$STATE/pkgroot"
ETC="$STATE/etc"
RUN="$STATE/run"
LOG="$STATE/log"
DATA="$STATE/data"
WWW="$STATE/www"

T0=$EPOCHREALTIME
say() { printf '[real-glance %6ss] %s\n' "$(awk -v a="$T0" -v b="$EPOCHREALTIME" 'BEGIN{printf "%.1f", b-a}')" "$*"; }
die() { printf '[real-glance] ERROR: %s\n' "$*" >&2; exit 1; }

# --- small helpers ------------------------------------------------------------------------

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo -n "$@"
  else die "installing Debian packages needs root (or sudo): $*"; fi
}

pkg_installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

port_open() { (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null; }

pid_of() { [ -f "$RUN/$1.pid" ] && cat "$RUN/$1.pid" || true; }

# Alive AND still the process we started (guards against PID reuse after a reboot/session end).
alive() {
  local pid; pid=$(pid_of "$1")
  [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- "$2"
}

http_code() { curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$@" || true; }

# --- install --------------------------------------------------------------------------------

cmd_install() {
  local missing=() p
  for p in "${APT_PACKAGES[@]}"; do pkg_installed "$p" || missing+=("$p"); done
  if [ ${#missing[@]} -eq 0 ]; then
    say "Debian packages already installed ($(dpkg-query -W -f='${Version}' python3-glance) glance, $(dpkg-query -W -f='${Version}' python3-keystone) keystone)"
  else
    local t=$SECONDS guard=""
    say "installing ${missing[*]} (first time: ~2 min)"
    # No service may be started by a maintainer script while we install.
    if [ ! -e /usr/sbin/policy-rc.d ]; then
      guard=/usr/sbin/policy-rc.d
      printf '#!/bin/sh\nexit 101\n' | as_root tee "$guard" >/dev/null
      as_root chmod 755 "$guard"
    fi
    local rc=0
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq || rc=$?
    if [ $rc -eq 0 ]; then
      as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
        -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold "${missing[@]}" \
        >"/tmp/image-sdk-real-glance-apt.log" 2>&1 || rc=$?
    fi
    [ -n "$guard" ] && as_root rm -f "$guard"
    if [ $rc -ne 0 ]; then
      tail -n 30 /tmp/image-sdk-real-glance-apt.log >&2 || true
      die "apt-get failed (exit $rc); full log: /tmp/image-sdk-real-glance-apt.log"
    fi
    say "installed in $((SECONDS - t)) s"
  fi
  unpack_service_packages
}

unpack_service_packages() {
  local version; version=$(dpkg-query -W -f='${Version}' python3-glance)
  if [ -f "$PKGROOT/.version" ] && [ "$(cat "$PKGROOT/.version")" = "$version" ]; then
    return
  fi
  say "unpacking ${SERVICE_PACKAGES[*]} $version into $PKGROOT (files only, no maintainer scripts)"
  rm -rf "$PKGROOT"; mkdir -p "$PKGROOT/debs"
  local p specs=()
  for p in "${SERVICE_PACKAGES[@]}"; do specs+=("$p=$version"); done
  # apt-get download warns "Download is performed unsandboxed as root": harmless.
  if ! (cd "$PKGROOT/debs" && apt-get download -q "${specs[@]}" >/dev/null 2>&1); then
    # Package lists may be missing or stale on a machine where the packages were installed earlier.
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    (cd "$PKGROOT/debs" && apt-get download -q "${specs[@]}") || die "apt-get download ${specs[*]} failed"
  fi
  for p in "$PKGROOT"/debs/*.deb; do dpkg -x "$p" "$PKGROOT"; done
  echo "$version" >"$PKGROOT/.version"
}

# --- configuration ------------------------------------------------------------------------

write_configs() {
  mkdir -p "$ETC/glance" "$ETC/keystone" "$RUN" "$LOG" "$WWW" "$STATE/db" "$STATE/lock" \
           "$DATA/file1" "$DATA/file2" "$DATA/staging" "$DATA/tasks" "$DATA/cache"
  local share="$PKGROOT/usr/share/glance-common"
  cp "$share/glance-api-paste.ini" "$ETC/glance/glance-api-paste.ini"
  # Found by Glance next to its config file: adds kernel_id, os_distro, ... to /v2/schemas/image.
  cp "$share/schema-image.json" "$ETC/glance/schema-image.json"

  cat >"$ETC/keystone/keystone.conf" <<EOF
[DEFAULT]
log_file = $LOG/keystone.log
use_stderr = false
[database]
connection = sqlite:///$STATE/db/keystone.sqlite
[token]
provider = fernet
[fernet_tokens]
key_repository = $ETC/keystone/fernet-keys
[fernet_receipts]
key_repository = $ETC/keystone/fernet-keys
[credential]
key_repository = $ETC/keystone/credential-keys
[identity]
# Test-only: bcrypt's minimum cost keeps token issue fast.
password_hash_rounds = 4
[cache]
# One Keystone process, so an in-process cache is coherent; cuts token validation ~0.5 s -> ~15 ms.
enabled = true
backend = dogpile.cache.memory
[oslo_policy]
enforce_new_defaults = false
enforce_scope = false
EOF

  cat >"$ETC/glance/glance-api.conf" <<EOF
[DEFAULT]
bind_host = $HOST
bind_port = $GLANCE_PORT
# sqlite: a second worker process gives "database is locked" 500s under load.
workers = 1
log_file = $LOG/glance-api.log
use_stderr = false
enabled_backends = file1:file, file2:file
enabled_import_methods = [glance-direct,web-download,copy-image]
# Setting a cache dir is what makes Zed advertise API v2.16 (cache API) as CURRENT.
image_cache_dir = $DATA/cache
[database]
connection = sqlite:///$STATE/db/glance.sqlite
[glance_store]
default_backend = file1
[file1]
store_description = First file store (default)
filesystem_store_datadir = $DATA/file1
[file2]
store_description = Second file store
filesystem_store_datadir = $DATA/file2
[os_glance_staging_store]
filesystem_store_datadir = $DATA/staging
[os_glance_tasks_store]
filesystem_store_datadir = $DATA/tasks
[import_filtering_opts]
# Must be lists: a bare "18080" is only rejected at use, and then every URI fails filtering.
allowed_schemes = [http]
allowed_hosts = [$HOST]
allowed_ports = [$WEB_PORT]
[paste_deploy]
flavor = keystone
config_file = $ETC/glance/glance-api-paste.ini
[keystone_authtoken]
www_authenticate_uri = http://$HOST:$KEYSTONE_PORT
auth_url = http://$HOST:$KEYSTONE_PORT
auth_type = password
user_domain_name = Default
project_domain_name = Default
project_name = service
username = glance
password = glance
region_name = $REGION
interface = public
[oslo_policy]
# Zed defaults: new rules OR'ed with the deprecated ones (what most clouds ran then).
enforce_new_defaults = false
enforce_scope = false
[oslo_concurrency]
lock_path = $STATE/lock
EOF

  # A small deterministic file for web-download tests; tests may drop their own files here.
  [ -f "$WWW/small.img" ] || $PY -c '
import sys, random
r = random.Random(7)
sys.stdout.buffer.write(bytes(r.getrandbits(8) for _ in range(65536)))' >"$WWW/small.img"
}

set_wal() { $PY -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute("PRAGMA journal_mode=WAL"); c.close()' "$1"; }

init_keystone() {
  [ -f "$STATE/.keystone-ready" ] && return
  local t=$SECONDS km=(keystone-manage --config-file "$ETC/keystone/keystone.conf")
  say "keystone: db_sync, fernet keys, bootstrap"
  "${km[@]}" db_sync >>"$LOG/keystone-manage.log" 2>&1 || { tail -n 30 "$LOG/keystone-manage.log" >&2; die "keystone-manage db_sync failed"; }
  set_wal "$STATE/db/keystone.sqlite"
  mkdir -p "$ETC/keystone/fernet-keys" "$ETC/keystone/credential-keys"
  "${km[@]}" fernet_setup --keystone-user "$(id -un)" --keystone-group "$(id -gn)" >>"$LOG/keystone-manage.log" 2>&1
  "${km[@]}" credential_setup --keystone-user "$(id -un)" --keystone-group "$(id -gn)" >>"$LOG/keystone-manage.log" 2>&1
  "${km[@]}" bootstrap --bootstrap-password admin --bootstrap-username admin \
    --bootstrap-project-name admin --bootstrap-role-name admin \
    --bootstrap-service-name keystone --bootstrap-region-id "$REGION" \
    --bootstrap-admin-url "$KEYSTONE_URL" --bootstrap-internal-url "$KEYSTONE_URL" \
    --bootstrap-public-url "$KEYSTONE_URL" >>"$LOG/keystone-manage.log" 2>&1 \
    || { tail -n 30 "$LOG/keystone-manage.log" >&2; die "keystone-manage bootstrap failed"; }
  touch "$STATE/.keystone-ready"
  say "keystone initialised in $((SECONDS - t)) s"
}

init_glance() {
  [ -f "$STATE/.glance-ready" ] && return
  local t=$SECONDS gm=("$PY" "$PKGROOT/usr/bin/glance-manage" --config-file "$ETC/glance/glance-api.conf")
  say "glance: db_sync, load metadefs"
  "${gm[@]}" db_sync >>"$LOG/glance-manage.log" 2>&1 || { tail -n 30 "$LOG/glance-manage.log" >&2; die "glance-manage db_sync failed"; }
  set_wal "$STATE/db/glance.sqlite"
  "${gm[@]}" db_load_metadefs "$PKGROOT/usr/share/glance-common/metadefs" >>"$LOG/glance-manage.log" 2>&1 \
    || { tail -n 30 "$LOG/glance-manage.log" >&2; die "glance-manage db_load_metadefs failed"; }
  touch "$STATE/.glance-ready"
  say "glance initialised in $((SECONDS - t)) s"
}

# Users, projects, the glance service user and the image endpoints, over Keystone's REST API
# (one process; idempotent get-or-create, so a half-finished earlier run is simply completed).
provision_keystone() {
  [ -f "$STATE/.provisioned" ] && return
  say "keystone: projects demo/alt_demo/service, users, image service + endpoints"
  $PY - "$KEYSTONE_URL" "$GLANCE_URL" "$REGION" <<'PY' || die "keystone provisioning failed"
import json, sys, urllib.request, urllib.error
ks, glance, region = sys.argv[1:4]

def call(method, path, body=None, token=None):
    req = urllib.request.Request(ks + path, method=method,
                                 data=None if body is None else json.dumps(body).encode())
    req.add_header("Content-Type", "application/json")
    req.add_header("Accept", "application/json")
    if token:
        req.add_header("X-Auth-Token", token)
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            raw = r.read()
            return r.headers, (json.loads(raw) if raw else None)
    except urllib.error.HTTPError as e:
        raise SystemExit(f"{method} {path} -> {e.code}: {e.read()[:300]!r}")

hdrs, _ = call("POST", "/auth/tokens", {"auth": {
    "identity": {"methods": ["password"], "password": {"user": {
        "name": "admin", "domain": {"id": "default"}, "password": "admin"}}},
    "scope": {"project": {"name": "admin", "domain": {"id": "default"}}}}})
tok = hdrs["X-Subject-Token"]

def find(coll, key, **filters):
    q = "&".join(f"{k}={v}" for k, v in filters.items())
    return call("GET", f"/{coll}?{q}", token=tok)[1][key]

def ensure(coll, one, filters, body):
    found = find(coll, coll, **filters)
    if found:
        return found[0]["id"]
    return call("POST", f"/{coll}", {one: body}, token=tok)[1][one]["id"]

roles = {r["name"]: r["id"] for r in find("roles", "roles")}
for needed in ("admin", "member", "reader"):
    if needed not in roles:
        roles[needed] = ensure("roles", "role", {"name": needed}, {"name": needed})

def ensure_user(name, password, project, role):
    pid = ensure("projects", "project", {"name": project, "domain_id": "default"},
                 {"name": project, "domain_id": "default", "description": "image-sdk tests"})
    uid = ensure("users", "user", {"name": name, "domain_id": "default"},
                 {"name": name, "domain_id": "default", "password": password,
                  "default_project_id": pid})
    call("PUT", f"/projects/{pid}/users/{uid}/roles/{roles[role]}", token=tok)
    if role == "member":
        # Zed's implied roles already give reader; explicit for clarity in tokens.
        call("PUT", f"/projects/{pid}/users/{uid}/roles/{roles['reader']}", token=tok)

ensure_user("glance", "glance", "service", "admin")
ensure_user("demo", "demo", "demo", "member")
ensure_user("alt_demo", "alt_demo", "alt_demo", "member")

sid = ensure("services", "service", {"type": "image"},
             {"type": "image", "name": "glance", "description": "Image service (real Glance)"})
existing = find("endpoints", "endpoints", service_id=sid)
have = {e["interface"] for e in existing}
for iface in ("public", "internal", "admin"):
    if iface not in have:
        call("POST", "/endpoints", {"endpoint": {"service_id": sid, "interface": iface,
             "region_id": region, "url": glance}}, token=tok)
PY
  touch "$STATE/.provisioned"
}

# --- processes ----------------------------------------------------------------------------

# Starts "$@" detached in its own session (so `down` can signal its whole process group),
# with output to log/$name.out and its PID in run/$name.pid.
spawn() {
  local name=$1; shift
  echo "=== $(date -u +%FT%TZ) starting: $*" >>"$LOG/$name.out"
  setsid "$@" >>"$LOG/$name.out" 2>&1 </dev/null &
  echo $! >"$RUN/$name.pid"
}

ensure_port_free() {
  if port_open "$1"; then
    die "127.0.0.1:$1 is already in use by a process this script did not start ($2 cannot start); stop it or run 'down'"
  fi
}

start_fileserver() {
  if alive fileserver "http.server $WEB_PORT"; then return; fi
  ensure_port_free "$WEB_PORT" "file server"
  spawn fileserver $PY -m http.server "$WEB_PORT" --bind "$HOST" --directory "$WWW"
}

start_keystone() {
  if alive keystone "keystone-wsgi-public"; then return; fi
  ensure_port_free "$KEYSTONE_PORT" keystone
  # One process (sqlite), Connection: close (uwsgi's http-socket drops kept-alive connections).
  spawn keystone env OS_KEYSTONE_CONFIG_DIR="$ETC/keystone" OS_KEYSTONE_CONFIG_FILES=keystone.conf \
    uwsgi --plugin python3 --http-socket "$HOST:$KEYSTONE_PORT" \
    --wsgi-file /usr/bin/keystone-wsgi-public --master --processes 1 --threads 1 \
    --die-on-term --no-orphans --need-app --lazy-apps --buffer-size 65535 --add-header "Connection: close"
}

start_glance() {
  if alive glance "glance-api --config-file $ETC/glance/glance-api.conf"; then return; fi
  ensure_port_free "$GLANCE_PORT" glance-api
  spawn glance $PY "$PKGROOT/usr/bin/glance-api" --config-file "$ETC/glance/glance-api.conf"
}

tail_logs() {
  local n=${1:-25} f
  for f in "$LOG"/keystone.out "$LOG"/keystone.log "$LOG"/glance.out "$LOG"/glance-api.log "$LOG"/fileserver.out; do
    [ -s "$f" ] || continue
    echo "----- tail -n $n $f" >&2
    tail -n "$n" "$f" >&2
  done
}

keystone_token_ok() {
  [ "$(http_code -X POST -H 'Content-Type: application/json' "$KEYSTONE_URL/auth/tokens" \
    -d '{"auth":{"identity":{"methods":["password"],"password":{"user":{"name":"admin","domain":{"id":"default"},"password":"admin"}}},"scope":{"project":{"name":"admin","domain":{"id":"default"}}}}}')" = 201 ]
}

glance_ok() { [ "$(http_code "$GLANCE_URL/")" = 300 ]; }
web_ok() { [ "$(http_code "$WEB_URL/small.img")" = 200 ]; }

# wait_for NAME PROCESS-PATTERN CHECK-FUNCTION
wait_for() {
  local name=$1 pattern=$2 check=$3 t=$SECONDS
  while ! $check; do
    if ! alive "$name" "$pattern"; then
      tail_logs 40; die "$name exited during start-up (logs above, all in $LOG); '$0 down' stops the rest"
    fi
    if [ $((SECONDS - t)) -ge "$TIMEOUT" ]; then
      tail_logs 40; die "$name not ready after $TIMEOUT s (logs above, all in $LOG); '$0 down' stops the rest"
    fi
    sleep 0.3
  done
}

# Fail before starting anything if a port we need is held by a process that is not ours.
preflight_ports() {
  alive fileserver "http.server $WEB_PORT" || ensure_port_free "$WEB_PORT" "the web-download file server"
  alive keystone keystone-wsgi-public || ensure_port_free "$KEYSTONE_PORT" keystone
  alive glance "glance-api --config-file" || ensure_port_free "$GLANCE_PORT" glance-api
}

cmd_up() {
  local t=$SECONDS
  preflight_ports
  cmd_install
  write_configs
  start_fileserver
  wait_for fileserver "http.server $WEB_PORT" web_ok
  # Glance's DB set-up does not need Keystone: run it alongside Keystone's (2 cores).
  local glance_init=""
  if [ ! -f "$STATE/.glance-ready" ]; then init_glance & glance_init=$!; fi
  init_keystone
  start_keystone
  wait_for keystone keystone-wsgi-public keystone_token_ok
  say "keystone answers on $KEYSTONE_URL (pid $(pid_of keystone))"
  provision_keystone
  if [ -n "$glance_init" ]; then wait "$glance_init" || die "glance initialisation failed"; fi
  start_glance
  wait_for glance "glance-api --config-file" glance_ok
  say "glance answers on $GLANCE_URL (pid $(pid_of glance)); web-download files: $WEB_URL/ from $WWW"
  say "up in $((SECONDS - t)) s. Use: eval \"\$($0 env)\""
}

stop_one() {
  local name=$1 pattern=$2 pid
  pid=$(pid_of "$name")
  if [ -z "$pid" ]; then return; fi
  if alive "$name" "$pattern"; then
    # Own session => PGID == PID: signal the group so workers go too.
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do alive "$name" "$pattern" || break; sleep 0.2; done
    if alive "$name" "$pattern"; then
      kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
    fi
    say "stopped $name (pid $pid)"
  fi
  rm -f "$RUN/$name.pid"
}

cmd_down() {
  if [ ! -d "$RUN" ]; then say "nothing to stop ($STATE has no run folder)"; return; fi
  stop_one glance "glance-api --config-file"
  stop_one keystone keystone-wsgi-public
  stop_one fileserver "http.server $WEB_PORT"
  say "down"
}

cmd_status() {
  local rc=0 name pattern check url
  for spec in "keystone|keystone-wsgi-public|keystone_token_ok|$KEYSTONE_URL" \
              "glance|glance-api --config-file|glance_ok|$GLANCE_URL" \
              "fileserver|http.server $WEB_PORT|web_ok|$WEB_URL"; do
    IFS='|' read -r name pattern check url <<<"$spec"
    if alive "$name" "$pattern"; then
      if $check; then echo "$name: running (pid $(pid_of "$name")), answers on $url"
      else echo "$name: running (pid $(pid_of "$name")), NOT answering on $url"; rc=1; fi
    else
      echo "$name: stopped"; rc=3
    fi
  done
  echo "state: $STATE"
  return $rc
}

cmd_env() {
  local user=demo
  while [ $# -gt 0 ]; do
    case $1 in
      --user) user=${2:?--user needs a name}; shift 2 ;;
      --user=*) user=${1#--user=}; shift ;;
      *) die "env: unknown option $1" ;;
    esac
  done
  case $user in demo|alt_demo|admin) ;; *) die "env: --user must be demo, alt_demo or admin" ;; esac
  cat <<EOF
export OS_AUTH_URL=$KEYSTONE_URL
export OS_IDENTITY_API_VERSION=3
export OS_AUTH_TYPE=password
export OS_USERNAME=$user
export OS_PASSWORD=$user
export OS_PROJECT_NAME=$user
export OS_USER_DOMAIN_NAME=Default
export OS_PROJECT_DOMAIN_NAME=Default
export OS_REGION_NAME=$REGION
export OS_INTERFACE=public
export OS_IMAGE_API_VERSION=2
export IMAGE_SDK_GLANCE_URL=$GLANCE_URL
export IMAGE_SDK_GLANCE_WEB_URL=$WEB_URL
export IMAGE_SDK_GLANCE_WEB_DIR=$WWW
export IMAGE_SDK_GLANCE_STATE=$STATE
EOF
}

cmd_clouds_yaml() {
  echo "clouds:"
  local u
  for u in demo alt_demo admin; do
    cat <<EOF
  real-glance-$u:
    auth:
      auth_url: $KEYSTONE_URL
      username: $u
      password: $u
      project_name: $u
      user_domain_name: Default
      project_domain_name: Default
    region_name: $REGION
    interface: public
    identity_api_version: 3
    image_api_version: 2
EOF
  done
}

cmd_reset() {
  cmd_down
  case "$STATE" in /|/tmp|/root|"$HOME") die "refusing to delete $STATE" ;; esac
  rm -rf "$STATE"
  say "deleted $STATE"
}

# Registers (or removes) a second image endpoint in its own region of this Keystone, so that
# catalog-driven clients (Tempest, openstacksdk with a region name) can be pointed at another
# image server, e.g. the standalone fake in external-Keystone mode. Refuses RegionOne.
cmd_image_endpoint() {
  local action=${1:-} region=${2:-} url=${3:-}
  case $action in add) [ -n "$url" ] || die "image-endpoint add needs REGION URL" ;; remove) ;;
    *) die "image-endpoint: add REGION URL | remove REGION" ;; esac
  [ -n "$region" ] || die "image-endpoint: REGION missing"
  [ "$region" != "$REGION" ] || die "image-endpoint: refusing to touch $REGION (real Glance's region)"
  keystone_token_ok || die "keystone does not answer on $KEYSTONE_URL (run '$0 up')"
  $PY - "$KEYSTONE_URL" "$action" "$region" "$url" <<'PY' || die "image-endpoint $action $region failed"
import json, sys, urllib.request, urllib.error
ks, action, region, url = sys.argv[1:5]

def call(method, path, body=None, token=None, ok404=False):
    req = urllib.request.Request(ks + path, method=method,
                                 data=None if body is None else json.dumps(body).encode())
    req.add_header("Content-Type", "application/json")
    req.add_header("Accept", "application/json")
    if token:
        req.add_header("X-Auth-Token", token)
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            raw = r.read()
            return r.headers, (json.loads(raw) if raw else None)
    except urllib.error.HTTPError as e:
        if ok404 and e.code == 404:
            return None, None
        raise SystemExit(f"{method} {path} -> {e.code}: {e.read()[:300]!r}")

hdrs, _ = call("POST", "/auth/tokens", {"auth": {
    "identity": {"methods": ["password"], "password": {"user": {
        "name": "admin", "domain": {"id": "default"}, "password": "admin"}}},
    "scope": {"project": {"name": "admin", "domain": {"id": "default"}}}}})
tok = hdrs["X-Subject-Token"]
services = call("GET", "/services?type=image", token=tok)[1]["services"]
if not services:
    raise SystemExit("no image service in the catalog")
sid = services[0]["id"]
for e in call("GET", f"/endpoints?service_id={sid}&region_id={region}", token=tok)[1]["endpoints"]:
    if e.get("region_id") == region:
        call("DELETE", f"/endpoints/{e['id']}", token=tok, ok404=True)
if action == "add":
    if call("GET", f"/regions/{region}", token=tok, ok404=True)[0] is None:
        call("POST", "/regions", {"region": {"id": region, "description": "image-sdk: second image endpoint"}}, token=tok)
    for iface in ("public", "internal", "admin"):
        call("POST", "/endpoints", {"endpoint": {"service_id": sid, "interface": iface,
             "region_id": region, "url": url}}, token=tok)
    print(f"image endpoints in region {region}: {url}")
else:
    call("DELETE", f"/regions/{region}", token=tok, ok404=True)
    print(f"region {region} and its image endpoints removed")
PY
}

usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; }

case "${1:-}" in
  install) cmd_install ;;
  up) cmd_up ;;
  down|stop) cmd_down ;;
  status) cmd_status ;;
  env) shift; cmd_env "$@" ;;
  clouds-yaml) cmd_clouds_yaml ;;
  logs) tail_logs "${2:-40}" 2>&1 ;;
  reset) cmd_reset ;;
  image-endpoint) shift; cmd_image_endpoint "$@" ;;
  -h|--help|help) usage ;;
  *) usage >&2; exit 2 ;;
esac
