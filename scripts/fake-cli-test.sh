#!/usr/bin/env bash
# Runs the REAL `glance` and `openstack` CLIs (Debian bookworm's python3-glanceclient 4.1 and
# python3-openstackclient 6.0) against the standalone fake Glance (image-sdk-fake) on a free
# 127.0.0.1 port, and checks every answer: create with properties, upload, show (checksum and
# os_hash_value), download and compare, update/remove properties, tags, share + accept, list with
# filters and pagination, deactivate/reactivate, delete; then the same basics over image API v1.
#
#   scripts/fake-cli-test.sh     install the CLIs if missing, (re)build the jar if missing/stale, test
#
# Prints one line per step and ends with `fake-cli: N passed, N failed`; exits non-zero on failure.
# Environment: FAKE_CLI_JAR (jar to run; default: the module's standalone jar, built if missing or
# older than the sources),
# FAKE_CLI_KEEP=1 keeps the scratch folder (CLI outputs, fake log) for inspection.
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
# Found before PATH is narrowed: java may live outside the system folders (JAVA_HOME, sdkman).
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/java}
[ -n "$JAVA" ] && [ -x "$JAVA" ] || JAVA=$(command -v java || true)
ORIG_PATH=$PATH
JAR=${FAKE_CLI_JAR:-$ROOT/image-sdk-fake/target/image-sdk-fake-0.1.0-SNAPSHOT-standalone.jar}

# The CLIs are Debian's /usr/bin scripts on /usr/bin/python3: a pyenv/venv python first on PATH
# would not see their dist-packages. No OS_* from the caller's shell may leak into a step.
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
unset PYTHONPATH PYTHONHOME VIRTUAL_ENV
for v in $(compgen -e | grep '^OS_' || true); do unset "$v"; done
export no_proxy="127.0.0.1,localhost" NO_PROXY="127.0.0.1,localhost"
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY
PY=/usr/bin/python3

T0=$SECONDS
say() { printf '[fake-cli %4ss] %s\n' "$((SECONDS - T0))" "$*"; }
die() { printf '[fake-cli] ERROR: %s\n' "$*" >&2; exit 2; }

# --- prerequisites ----------------------------------------------------------------------------

# shellcheck source=lib.sh
. "$ROOT/scripts/lib.sh"

install_clis() {
  # Not scripts/real-glance.sh install: that also installs the Glance/Keystone services.
  apt_install /tmp/image-sdk-fake-cli-apt.log python3-glanceclient python3-openstackclient
  [ -x /usr/bin/glance ] && [ -x /usr/bin/openstack ] || die "/usr/bin/glance or /usr/bin/openstack missing after install"
  say "CLIs: python3-glanceclient $(dpkg-query -W -f='${Version}' python3-glanceclient), python3-openstackclient $(dpkg-query -W -f='${Version}' python3-openstackclient)"
}

FAKE_PID=""
WORK=""
cleanup() {
  if [ -n "$FAKE_PID" ] && kill -0 "$FAKE_PID" 2>/dev/null; then
    kill "$FAKE_PID" 2>/dev/null; wait "$FAKE_PID" 2>/dev/null
  fi
  if [ -n "$WORK" ]; then
    if [ "${FAKE_CLI_KEEP:-0}" = 1 ]; then say "kept $WORK"; else rm -rf "$WORK"; fi
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

start_fake() {
  [ -n "$JAVA" ] || die "java not found"
  local port i
  port=$(free_port)
  "$JAVA" -jar "$JAR" --port "$port" --advertise-v1 >"$WORK/fake.log" 2>&1 &
  FAKE_PID=$!
  for i in $(seq 1 300); do
    grep -q 'listening on' "$WORK/fake.log" && break
    kill -0 "$FAKE_PID" 2>/dev/null || { cat "$WORK/fake.log" >&2; die "the fake exited at start"; }
    sleep 0.1
  done
  grep -q 'listening on' "$WORK/fake.log" || die "the fake did not start in 30 s"
  URL="http://127.0.0.1:$port"
  say "$(head -n 1 "$WORK/fake.log")"
}

# --- running CLIs -----------------------------------------------------------------------------

# as USER CMD...: runs CMD with OS_* for USER (password = project = user name for the defaults).
# Both CLIs upload whatever a non-TTY stdin holds (`openstack image create` too): `glance
# image-create` gets a closed stdin (as real-glance.md advises); every other command a
# pseudo-terminal, because a closed fd 0 makes sys.stdin None and cliff/glance v1 call isatty() on it.
as() {
  local u=$1; shift
  local envs=(OS_AUTH_URL="$URL/v3" OS_IDENTITY_API_VERSION=3 OS_USERNAME="$u" OS_PASSWORD="$u"
              OS_PROJECT_NAME="$u" OS_USER_DOMAIN_NAME=Default OS_PROJECT_DOMAIN_NAME=Default
              OS_REGION_NAME=RegionOne OS_INTERFACE=public)
  if [ "$1" = glance ] && [[ " $* " == *" image-create "* ]]; then
    env "${envs[@]}" "$@" <&-
  else
    # The master end stays open (inherited) so the terminal is not hung up.
    env "${envs[@]}" "$PY" -c 'import os, pty, shutil, sys
m, s = pty.openpty(); os.set_inheritable(m, True); os.dup2(s, 0)
os.execv(shutil.which(sys.argv[1]), sys.argv[1:])' "$@"
  fi
}

OUT="" ERR=""
# run USER CMD...: as USER, output in $OUT/$ERR files; fails the step (with stderr) if CMD fails.
run() {
  local n=$((++CALLS))
  OUT="$WORK/out.$n" ERR="$WORK/err.$n"
  echo "$*" >"$WORK/cmd.$n"
  if ! as "$@" >"$OUT" 2>"$ERR"; then
    why "'${*:2}' as $1 failed: $(tail -n 3 "$ERR" | tr '\n' ' ')"
    return 1
  fi
}
# run_fails USER CMD...: the command must fail; its stderr (and stdout) are in $ERR.
run_fails() {
  local n=$((++CALLS))
  OUT="$WORK/out.$n" ERR="$WORK/err.$n"
  if as "$@" >"$OUT" 2>"$ERR"; then why "'${*:2}' as $1 succeeded, expected a failure"; return 1; fi
  cat "$OUT" >>"$ERR"
}

# jq over the last output (openstack -f json).
j() { jq -r "$1" "$OUT"; }
# Field of the last glance table output (`| key | value |`, wrapped values joined).
g() {
  "$PY" - "$OUT" "$1" <<'EOF'
import sys
rows, key = {}, None
for line in open(sys.argv[1]):
    if not line.startswith('|'):
        continue
    cells = [c.strip() for c in line.strip().strip('|').split('|')]
    if len(cells) < 2:
        continue
    k, v = cells[0], '|'.join(cells[1:]).strip()
    if k:
        key = k
        rows[k] = v
    elif key:
        rows[key] += v
print(rows.get(sys.argv[2], '<missing>'))
EOF
}
# Column NAME of every row of the last glance list table, one per line.
gcol() {
  "$PY" - "$OUT" "$1" <<'EOF'
import sys
head = None
for line in open(sys.argv[1]):
    if not line.startswith('|'):
        continue
    cells = [c.strip() for c in line.strip().strip('|').split('|')]
    if head is None:
        head = cells
    else:
        print(cells[head.index(sys.argv[2])])
EOF
}

WHY=""
why() { WHY="${WHY:+$WHY; }$*"; }
eq() { # eq WHAT ACTUAL EXPECTED
  [ "$2" = "$3" ] && return 0
  why "$1: got '$2', expected '$3'"; return 1
}
contains() { # contains WHAT HAYSTACK NEEDLE
  case "$2" in *"$3"*) return 0 ;; esac
  why "$1: '$3' not in '$(echo "$2" | head -c 300)'"; return 1
}

PASSED=0 FAILED=0 CALLS=0
step() { # step NAME FUNCTION
  WHY=""
  if "$2" && [ -z "$WHY" ]; then
    PASSED=$((PASSED + 1)); printf 'ok   %s\n' "$1"
  else
    FAILED=$((FAILED + 1)); printf 'FAIL %s: %s\n' "$1" "${WHY:-step returned non-zero}"
  fi
}

fake_get() { curl -sf --max-time 10 "$URL$1"; }
fake_clear_journal() { curl -sf --max-time 10 -X DELETE "$URL/_fake/requests" >/dev/null; }
# Queries of the image-list GETs the journal holds, one per line.
journal_list_queries() {
  fake_get /_fake/requests | jq -r --arg p "$1" '.requests[] | select(.method=="GET" and .path==$p) | .query // ""'
}

# --- v2 steps ---------------------------------------------------------------------------------
# Shared between steps: ids, data files and their digests.

s_tokens() {
  run demo openstack token issue -f json || return 1
  DEMO_PID=$(j .project_id)
  run alt_demo openstack token issue -f json || return 1
  ALT_PID=$(j .project_id)
  [ -n "$DEMO_PID" ] && [ "$DEMO_PID" != null ] && [ "$DEMO_PID" != "$ALT_PID" ] \
    || why "project ids: demo '$DEMO_PID', alt_demo '$ALT_PID'"
}

s_os_create() {
  run demo openstack image create --disk-format raw --container-format bare --min-disk 1 \
      --property os_distro=debian --property build=42 -f json cli-one || return 1
  IMG1=$(j .id)
  eq status "$(j .status)" queued
  eq name "$(j .name)" cli-one
  eq min_disk "$(j .min_disk)" 1
  eq "properties.build" "$(j '.properties.build')" 42
  eq "properties.os_distro" "$(j '.properties.os_distro')" debian
  run demo openstack image show -f json "$IMG1" || return 1
  eq "status after create (no data sent)" "$(j .status)" queued
}

s_glance_upload() {
  run demo glance image-upload --file "$DATA1" "$IMG1" || return 1
  run demo glance image-show "$IMG1" || return 1
  eq status "$(g status)" active
  eq size "$(g size)" "$SIZE1"
}

s_os_show_digests() {
  run demo openstack image show -f json "$IMG1" || return 1
  eq checksum "$(j .checksum)" "$MD5_1"
  eq os_hash_algo "$(j '.os_hash_algo // .properties.os_hash_algo')" sha512
  eq os_hash_value "$(j '.os_hash_value // .properties.os_hash_value')" "$SHA512_1"
  eq size "$(j .size)" "$SIZE1"
  eq owner "$(j .owner)" "$DEMO_PID"
}

s_glance_show_digests() {
  run demo glance image-show "$IMG1" || return 1
  eq checksum "$(g checksum)" "$MD5_1"
  eq os_hash_algo "$(g os_hash_algo)" sha512
  eq os_hash_value "$(g os_hash_value)" "$SHA512_1"
  eq build "$(g build)" 42
  eq os_distro "$(g os_distro)" debian
  eq disk_format "$(g disk_format)" raw
}

s_glance_create_with_file() {
  run demo glance image-create --name cli-two --disk-format qcow2 --container-format bare \
      --property purpose=cli-test --file "$DATA2" || return 1
  IMG2=$(g id)
  eq status "$(g status)" active
  eq checksum "$(g checksum)" "$MD5_2"
  eq os_hash_value "$(g os_hash_value)" "$SHA512_2"
  eq size "$(g size)" "$SIZE2"
  eq purpose "$(g purpose)" cli-test
}

s_glance_create_no_data() {
  # Without --file and with stdin closed the image stays queued (no accidental empty upload).
  run demo glance image-create --name cli-empty --disk-format raw --container-format bare || return 1
  IMG_EMPTY=$(g id)
  eq status "$(g status)" queued
  eq size "$(g size)" None
}

s_glance_download() {
  run demo glance image-download --file "$WORK/dl1.bin" "$IMG1" || return 1
  cmp -s "$DATA1" "$WORK/dl1.bin" || why "glance image-download: bytes differ"
  run demo glance image-download --file "$WORK/dl2.bin" "$IMG2" || return 1
  cmp -s "$DATA2" "$WORK/dl2.bin" || why "glance image-download cli-two: bytes differ"
}

s_os_save() {
  run demo openstack image save --file "$WORK/save1.bin" "$IMG1" || return 1
  cmp -s "$DATA1" "$WORK/save1.bin" || why "openstack image save: bytes differ"
  eq md5 "$(md5sum <"$WORK/save1.bin" | cut -d' ' -f1)" "$MD5_1"
}

s_glance_download_empty() {
  # An image without data: Glance answers 204; glanceclient reports it and writes nothing.
  run_fails demo glance image-download --file "$WORK/none.bin" "$IMG_EMPTY" || return 1
  contains "download of an image without data" "$(cat "$ERR")" "no data"
}

s_glance_update_props() {
  run demo glance image-update --property build=43 --property extra=x --remove-property os_distro \
      --name cli-one-v2 "$IMG1" || return 1
  eq build "$(g build)" 43
  eq extra "$(g extra)" x
  eq os_distro "$(g os_distro)" '<missing>'
  eq name "$(g name)" cli-one-v2
  run demo openstack image show -f json "$IMG1" || return 1
  eq "properties.build" "$(j .properties.build)" 43
  eq "properties has os_distro" "$(j '.properties | has("os_distro")')" false
}

s_os_set_unset_props() {
  run demo openstack image set --property color=blue --min-ram 128 --name cli-one "$IMG1" || return 1
  run demo openstack image unset --property extra "$IMG1" || return 1
  run demo openstack image show -f json "$IMG1" || return 1
  eq name "$(j .name)" cli-one
  eq min_ram "$(j .min_ram)" 128
  eq "properties.color" "$(j .properties.color)" blue
  eq "properties has extra" "$(j '.properties | has("extra")')" false
  eq "properties.build" "$(j .properties.build)" 43
  eq checksum "$(j .checksum)" "$MD5_1"
}

s_glance_tags() {
  run demo glance image-tag-update "$IMG1" alpha || return 1
  run demo glance image-tag-update "$IMG1" beta || return 1
  run demo glance image-tag-update "$IMG1" beta || return 1   # idempotent
  run demo glance image-tag-delete "$IMG1" beta || return 1
  run demo openstack image show -f json "$IMG1" || return 1
  eq tags "$(j '.tags | sort | join(",")')" alpha
  run_fails demo glance image-tag-delete "$IMG1" nosuchtag || return 1
  contains "deleting a missing tag" "$(cat "$ERR")" "404"
}

s_os_tags() {
  run demo openstack image set --tag gamma --tag delta "$IMG1" || return 1
  run demo openstack image unset --tag alpha "$IMG1" || return 1
  run demo openstack image show -f json "$IMG1" || return 1
  eq tags "$(j '.tags | sort | join(",")')" delta,gamma
  run demo glance image-show "$IMG1" || return 1
  contains "glance tags" "$(g tags)" gamma
}

s_share_glance() {
  run demo glance image-show "$IMG1" || return 1
  eq visibility "$(g visibility)" shared
  run demo glance member-create "$IMG1" "$ALT_PID" || return 1
  eq "member status" "$(gcol Status)" pending
  run demo glance member-list --image-id "$IMG1" || return 1
  eq "member id" "$(gcol "Member ID")" "$ALT_PID"
  # Pending: not in alt_demo's default list, but listed with --member-status pending.
  run alt_demo openstack image list -f json || return 1
  eq "pending image in alt_demo's default list" "$(jq -r --arg i "$IMG1" '[.[] | select(.ID==$i)] | length' "$OUT")" 0
  run alt_demo openstack image list --shared --member-status pending -f json || return 1
  eq "pending image listed with --member-status pending" "$(jq -r --arg i "$IMG1" '[.[] | select(.ID==$i)] | length' "$OUT")" 1
  run_fails demo glance member-create "$IMG1" "$ALT_PID" || return 1
  contains "adding the same member twice" "$(cat "$ERR")" "409"
}

s_accept_os() {
  run alt_demo openstack image set --accept "$IMG1" || return 1
  run alt_demo openstack image list -f json || return 1
  eq "accepted image in alt_demo's list" "$(jq -r --arg i "$IMG1" '[.[] | select(.ID==$i)] | length' "$OUT")" 1
  run demo openstack image member list -f json "$IMG1" || return 1
  eq "member status" "$(jq -r '.[0].Status' "$OUT")" accepted
  run alt_demo glance image-download --file "$WORK/alt.bin" "$IMG1" || return 1
  cmp -s "$DATA1" "$WORK/alt.bin" || why "alt_demo's download: bytes differ"
  # A member may not change the image.
  run_fails alt_demo openstack image set --property hacked=yes "$IMG1" || return 1
  contains "member modifying the image" "$(cat "$ERR")" "403"
}

s_share_os_and_glance_accept() {
  run demo openstack image add project "$IMG2" "$ALT_PID" -f json || return 1
  eq "member status" "$(j '.status // .Status')" pending
  run alt_demo glance member-update "$IMG2" "$ALT_PID" accepted || return 1
  eq "member status" "$(gcol Status)" accepted
  run alt_demo openstack image show -f json "$IMG2" || return 1
  eq "alt_demo sees" "$(j .name)" cli-two
  run demo openstack image remove project "$IMG2" "$ALT_PID" || return 1
  run_fails alt_demo openstack image show "$IMG2" || return 1
  contains "after removal" "$(cat "$ERR")" "No Image found"
}

s_list_seed() {
  local i
  PAGE_IDS=()
  for i in 3 1 5 2 4; do
    run demo glance image-create --name "page-$i" --disk-format raw --container-format bare \
        --property batch=b1 --property idx="$i" || return 1
    PAGE_IDS+=("$(g id)")
  done
  run demo glance image-tag-update "${PAGE_IDS[0]}" odd || return 1
}

s_list_filters() {
  run demo openstack image list --property batch=b1 -f json || return 1
  eq "--property batch=b1" "$(j 'length')" 5
  run demo openstack image list --name page-3 -f json || return 1
  eq "--name page-3" "$(j '[.[].Name] | join(",")')" page-3
  run demo openstack image list --tag odd -f json || return 1
  eq "--tag odd" "$(j '[.[].Name] | join(",")')" page-3
  run demo openstack image list --status active --long -f json || return 1
  eq "--status active" "$(j '[.[].Name] | sort | join(",")')" cli-one,cli-two
  run demo glance image-list --property-filter batch=b1 --property-filter idx=4 || return 1
  eq "glance --property-filter" "$(gcol Name | paste -sd,)" page-4
  run demo glance image-list --tag gamma || return 1
  eq "glance --tag gamma" "$(gcol Name | paste -sd,)" cli-one
  run demo glance image-list --visibility shared --property-filter batch=b1 || return 1
  eq "glance --visibility shared" "$(gcol Name | wc -l)" 5
  run demo glance image-list --visibility public || return 1
  eq "glance --visibility public" "$(gcol Name | wc -l)" 0
}

s_list_pages_glance() {
  fake_clear_journal || { why "cannot clear the journal"; return 1; }
  run demo glance image-list --page-size 2 --property-filter batch=b1 --sort-key name --sort-dir asc || return 1
  eq "names in order" "$(gcol Name | paste -sd,)" page-1,page-2,page-3,page-4,page-5
  local q; q=$(journal_list_queries /v2/images)
  eq "list requests" "$(echo "$q" | grep -c 'limit=2')" 3
  eq "requests with a marker" "$(echo "$q" | grep -c 'marker=')" 2
  run demo glance image-list --limit 3 --page-size 2 --property-filter batch=b1 --sort-key name --sort-dir desc || return 1
  eq "--limit 3 desc" "$(gcol Name | paste -sd,)" page-5,page-4,page-3
}

s_list_pages_os() {
  # OSC 6: --limit N is ONE server page of N (sdk pagination off), --marker its start; --property
  # and --sort (default name:asc) are applied client-side. --sort created_at:desc is a stable
  # re-sort of the server's default order, so a page's last row is the next marker.
  run demo openstack image list -f json || return 1
  local all; all=$(j '[.[].ID] | sort | join(",")')
  eq "full list size" "$(j length)" 8
  fake_clear_journal || { why "cannot clear the journal"; return 1; }
  local marker="" walked="" pages=0
  while [ $pages -lt 10 ]; do
    run demo openstack image list --limit 3 ${marker:+--marker "$marker"} --sort created_at:desc -f json || return 1
    [ "$(j length)" -eq 0 ] && break
    [ "$(j length)" -le 3 ] || why "page of $(j length) with --limit 3"
    walked=${walked:+$walked,}$(j '[.[].ID] | join(",")')
    marker=$(j '.[-1].ID')
    pages=$((pages + 1))
  done
  eq "pages walked" "$pages" 3
  eq "paged ids (no duplicates, none missing)" "$(echo "$walked" | tr , '\n' | sort | paste -sd,)" "$all"
  local q; q=$(journal_list_queries /v2/images)
  eq "requests with limit=3" "$(echo "$q" | grep -c 'limit=3')" 4
  eq "requests with a marker" "$(echo "$q" | grep -c 'marker=')" 3
  run demo openstack image list --property batch=b1 --sort name:desc -f json || return 1
  eq "client-side filter and sort" "$(j '[.[].Name] | join(",")')" page-5,page-4,page-3,page-2,page-1
}

s_deactivate_reactivate() {
  run demo glance image-deactivate "$IMG1" || return 1
  run demo openstack image show -f json "$IMG1" || return 1
  eq status "$(j .status)" deactivated
  run_fails demo glance image-download --file "$WORK/deact.bin" "$IMG1" || return 1
  contains "non-admin download of a deactivated image" "$(cat "$ERR")" "403"
  run admin glance image-download --file "$WORK/deact-admin.bin" "$IMG1" || return 1
  cmp -s "$DATA1" "$WORK/deact-admin.bin" || why "admin download of a deactivated image: bytes differ"
  run demo glance image-reactivate "$IMG1" || return 1
  run demo openstack image set --deactivate "$IMG2" || return 1
  run demo glance image-show "$IMG2" || return 1
  eq "status after openstack --deactivate" "$(g status)" deactivated
  run demo openstack image set --activate "$IMG2" || return 1
  run demo openstack image show -f json "$IMG1" || return 1
  eq "status after reactivate" "$(j .status)" active
  run demo glance image-download --file "$WORK/react.bin" "$IMG1" || return 1
  cmp -s "$DATA1" "$WORK/react.bin" || why "download after reactivate: bytes differ"
}

s_protected() {
  run demo openstack image set --protected "$IMG2" || return 1
  run_fails demo openstack image delete "$IMG2" || return 1
  run demo openstack image show -f json "$IMG2" || return 1
  eq "protected image still there" "$(j .status)" active
  run demo openstack image set --unprotected "$IMG2" || return 1
}

s_admin_publicize() {
  run_fails demo openstack image set --public "$IMG_EMPTY" || return 1
  contains "non-admin publicize" "$(cat "$ERR")" "403"
  run admin openstack image set --public "$IMG_EMPTY" || return 1
  run alt_demo openstack image list --public -f json || return 1
  eq "public image visible to alt_demo" "$(jq -r --arg i "$IMG_EMPTY" '[.[] | select(.ID==$i)] | length' "$OUT")" 1
}

s_delete() {
  run demo glance image-delete "$IMG2" || return 1
  run demo openstack image delete "$IMG1" "$IMG_EMPTY" "${PAGE_IDS[@]}" || return 1
  run_fails demo glance image-show "$IMG2" || return 1
  contains "glance show after delete" "$(cat "$ERR")" "404"
  run_fails demo openstack image show "$IMG1" || return 1
  contains "openstack show after delete" "$(cat "$ERR")" "No Image found"
  run demo openstack image list -f json || return 1
  eq "images left" "$(j length)" 0
  run_fails demo glance image-delete "$IMG2" || return 1
}

# --- v1 steps (glance --os-image-api-version 1; the fake serves v1 beside v2) ------------------

v1() { local u=$1; shift; run "$u" glance --os-image-api-version 1 "$@"; }
v1_fails() { local u=$1; shift; run_fails "$u" glance --os-image-api-version 1 "$@"; }

s_v1_create() {
  v1 demo image-create --name v1-one --disk-format raw --container-format bare \
     --property flavour=vanilla --property build=7 --file "$DATA1" || return 1
  V1IMG=$(g id)
  eq status "$(g status)" active
  eq checksum "$(g checksum)" "$MD5_1"
  eq size "$(g size)" "$SIZE1"
  eq "Property 'flavour'" "$(g "Property 'flavour'")" vanilla
  eq is_public "$(g is_public)" False
}

s_v1_show_download() {
  v1 demo image-show "$V1IMG" || return 1
  eq checksum "$(g checksum)" "$MD5_1"
  eq "Property 'build'" "$(g "Property 'build'")" 7
  v1 demo image-download --file "$WORK/v1.bin" "$V1IMG" || return 1
  cmp -s "$DATA1" "$WORK/v1.bin" || why "v1 download: bytes differ"
  # The same image through v2: os_hash_value is computed for v1 uploads too.
  run demo openstack image show -f json "$V1IMG" || return 1
  eq "v2 os_hash_value" "$(j '.os_hash_value // .properties.os_hash_value')" "$SHA512_1"
  [ "$(j .visibility)" != public ] || why "v2 visibility of a v1 image with is_public False: public"
}

s_v1_update() {
  v1 demo image-update --property build=8 --property extra=y --name v1-renamed "$V1IMG" || return 1
  eq "Property 'build'" "$(g "Property 'build'")" 8
  eq "Property 'flavour'" "$(g "Property 'flavour'")" vanilla
  eq name "$(g name)" v1-renamed
  # --purge-props replaces the whole property set.
  v1 demo image-update --purge-props --property only=this "$V1IMG" || return 1
  eq "Property 'only'" "$(g "Property 'only'")" this
  eq "Property 'flavour' after purge" "$(g "Property 'flavour'")" '<missing>'
}

s_v1_create_then_upload() {
  v1 demo image-create --name v1-later --disk-format raw --container-format bare || return 1
  V1IMG2=$(g id)
  eq status "$(g status)" queued
  v1 demo image-update --file "$DATA2" "$V1IMG2" || return 1
  eq status "$(g status)" active
  eq checksum "$(g checksum)" "$MD5_2"
}

s_v1_list() {
  v1 demo image-list --property-filter only=this || return 1
  eq "v1 --property-filter" "$(gcol Name | paste -sd,)" v1-renamed
  fake_clear_journal || { why "cannot clear the journal"; return 1; }
  v1 demo image-list --page-size 1 --sort-key name --sort-dir asc || return 1
  eq "v1 paged names" "$(gcol Name | paste -sd,)" v1-later,v1-renamed
  eq "v1 page requests" "$(journal_list_queries /v1/images/detail | grep -c 'limit=1')" 3
}

s_v1_members() {
  v1 demo member-create "$V1IMG" "$ALT_PID" || return 1
  v1 demo member-list --image-id "$V1IMG" || return 1
  eq "v1 member" "$(gcol "Member ID")" "$ALT_PID"
  v1 alt_demo image-show "$V1IMG" || return 1
  eq "alt_demo sees the v1 share" "$(g checksum)" "$MD5_1"
  v1 demo member-delete "$V1IMG" "$ALT_PID" || return 1
  v1_fails alt_demo image-show "$V1IMG" || return 1
}

s_v1_delete() {
  v1 demo image-delete "$V1IMG" "$V1IMG2" || return 1
  v1_fails demo image-show "$V1IMG" || return 1
  v1 demo image-list || return 1
  eq "v1 images left" "$(gcol ID | wc -l)" 0
}

# --- main -------------------------------------------------------------------------------------

install_clis
build_fake_jar "$JAR" FAKE_CLI_JAR
WORK=$(mktemp -d /tmp/image-sdk-fake-cli.XXXXXX)
start_fake

# Data: not block-aligned sizes, so off-by-one and chunking mistakes show.
head -c 1234567 /dev/urandom >"$WORK/data1.bin"
head -c 65537 /dev/urandom >"$WORK/data2.bin"
DATA1=$WORK/data1.bin DATA2=$WORK/data2.bin
SIZE1=$(stat -c %s "$DATA1") SIZE2=$(stat -c %s "$DATA2")
MD5_1=$(md5sum "$DATA1" | cut -d' ' -f1) MD5_2=$(md5sum "$DATA2" | cut -d' ' -f1)
SHA512_1=$(sha512sum "$DATA1" | cut -d' ' -f1) SHA512_2=$(sha512sum "$DATA2" | cut -d' ' -f1)
DEMO_PID="" ALT_PID="" IMG1="" IMG2="" IMG_EMPTY="" V1IMG="" V1IMG2="" PAGE_IDS=()

step "keystone: openstack token issue (demo, alt_demo)" s_tokens
step "v2 openstack image create with properties" s_os_create
step "v2 glance image-upload" s_glance_upload
step "v2 openstack image show: checksum, os_hash_value" s_os_show_digests
step "v2 glance image-show: checksum, os_hash_value, properties" s_glance_show_digests
step "v2 glance image-create with properties and --file" s_glance_create_with_file
step "v2 glance image-create without data stays queued" s_glance_create_no_data
step "v2 glance image-download and compare" s_glance_download
step "v2 openstack image save and compare" s_os_save
step "v2 glance image-download of an image without data" s_glance_download_empty
step "v2 glance image-update properties (set, remove, rename)" s_glance_update_props
step "v2 openstack image set/unset properties" s_os_set_unset_props
step "v2 glance image-tag-update/-delete" s_glance_tags
step "v2 openstack image set/unset --tag" s_os_tags
step "v2 glance member-create (pending) and member-list" s_share_glance
step "v2 openstack image set --accept by alt_demo, then download" s_accept_os
step "v2 openstack image add/remove project, glance member-update accepted" s_share_os_and_glance_accept
step "v2 seed images for lists" s_list_seed
step "v2 list filters (property, name, tag, status, visibility)" s_list_filters
step "v2 glance image-list pagination and sort" s_list_pages_glance
step "v2 openstack image list pagination, sort and marker" s_list_pages_os
step "v2 deactivate/reactivate (glance and openstack)" s_deactivate_reactivate
step "v2 protected image cannot be deleted" s_protected
step "v2 publicize: 403 for demo, allowed for admin" s_admin_publicize
step "v2 delete (glance and openstack)" s_delete
step "v1 glance image-create with properties and --file" s_v1_create
step "v1 glance image-show, image-download, v2 view" s_v1_show_download
step "v1 glance image-update properties and --purge-props" s_v1_update
step "v1 glance image-create, then upload with image-update --file" s_v1_create_then_upload
step "v1 glance image-list filter and pagination" s_v1_list
step "v1 glance member-create/-list/-delete" s_v1_members
step "v1 glance image-delete" s_v1_delete

if [ "$FAILED" -gt 0 ]; then
  say "fake log: $(tail -n 5 "$WORK/fake.log" | tr '\n' ' ')"
  FAKE_CLI_KEEP=${FAKE_CLI_KEEP:-1}
fi
echo "fake-cli: $PASSED passed, $FAILED failed ($((SECONDS - T0)) s)"
[ "$FAILED" -eq 0 ]
