#!/usr/bin/env bash
# Smoke test of the real Glance started by scripts/real-glance.sh, using the real CLIs
# (python-glanceclient `glance`, python-openstackclient `openstack`) and curl.
# Exits non-zero if any check fails; removes every image it created.
#
#   scripts/real-glance.sh up && scripts/real-glance-smoke.sh
set -uo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
RG="$HERE/real-glance.sh"
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
PY=/usr/bin/python3

"$RG" status >/dev/null || { "$RG" status; echo "real Glance is not running: run $RG up" >&2; exit 2; }
eval "$("$RG" env --user demo)"

WORK=$(mktemp -d /tmp/real-glance-smoke.XXXXXX)
TAG="smoke-$$-$RANDOM"
CREATED=()
PASSED=0
FAILED=0
T0=$SECONDS

cleanup() {
  local id
  for id in "${CREATED[@]}"; do [ -n "$id" ] || continue; glance image-delete "$id" <&- >/dev/null 2>&1 || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

pass() { PASSED=$((PASSED + 1)); echo "PASS  $*"; }
fail() { FAILED=$((FAILED + 1)); echo "FAIL  $*"; }
# check DESCRIPTION COMMAND...: passes when COMMAND succeeds.
check() { local d=$1; shift; if "$@"; then pass "$d"; else fail "$d"; fi; }

# glance's table output: | key | value |  (stdin closed: glanceclient reads image data from a
# non-TTY stdin and would otherwise upload an EMPTY image).
field() { awk -F'|' -v k="$1" '{gsub(/^ +| +$/, "", $2); gsub(/^ +| +$/, "", $3)} $2 == k {print $3}'; }
show() { glance image-show --max-column-width 1000 "$1" <&- 2>/dev/null | field "$2"; }

wait_status() { # id status timeout
  local s
  for _ in $(seq 1 $(( $3 * 2 ))); do
    s=$(show "$1" status)
    [ "$s" = "$2" ] && return 0
    case $s in killed|deleted) return 1 ;; esac
    sleep 0.5
  done
  return 1
}

TOKEN=$(openstack token issue -f value -c id <&-) || { echo "cannot get a token" >&2; exit 1; }
api() { curl -s --max-time 30 -H "X-Auth-Token: $TOKEN" -H 'Accept: application/json' "$IMAGE_SDK_GLANCE_URL$1"; }

# --- create, upload, show, download, list, delete --------------------------------------------
head -c 300000 /dev/urandom >"$WORK/data.bin"
MD5=$(md5sum "$WORK/data.bin" | cut -d' ' -f1)
SHA512=$(sha512sum "$WORK/data.bin" | cut -d' ' -f1)

ID=$(glance image-create --name "$TAG-basic" --disk-format raw --container-format bare <&- | field id)
[ -n "$ID" ] && CREATED+=("$ID")
check "image-create returns an id ($ID)" test -n "$ID"
check "new image is queued" test "$(show "$ID" status)" = queued
check "image-upload succeeds" glance image-upload --file "$WORK/data.bin" "$ID" <&-
check "uploaded image is active" wait_status "$ID" active 30
check "size is the file size" test "$(show "$ID" size)" = 300000
check "checksum is the MD5 of the file" test "$(show "$ID" checksum)" = "$MD5"
check "os_hash_algo is sha512" test "$(show "$ID" os_hash_algo)" = sha512
check "os_hash_value is the SHA-512 of the file" test "$(show "$ID" os_hash_value)" = "$SHA512"
check "image-download succeeds" glance image-download --file "$WORK/down.bin" "$ID" <&-
check "downloaded bytes equal the uploaded bytes" cmp -s "$WORK/data.bin" "$WORK/down.bin"
check "openstack image list shows the image" \
  bash -c 'openstack image list -f value -c ID <&- | grep -qx "$1"' _ "$ID"
if openstack image delete "$ID" <&-; then
  pass "openstack image delete succeeds"; CREATED=("${CREATED[@]/$ID}")
else
  fail "openstack image delete succeeds"
fi
check "deleted image is gone (show -> 404)" \
  bash -c '! glance image-show "$1" <&- >/dev/null 2>&1' _ "$ID"

# --- discovery ------------------------------------------------------------------------------
check "GET / answers 300" \
  test "$(curl -s -o /dev/null -w '%{http_code}' "$IMAGE_SDK_GLANCE_URL/")" = 300
IMPORT=$(api /v2/info/import)
check "/v2/info/import lists glance-direct, web-download, copy-image" $PY -c '
import json, sys
m = set(json.loads(sys.argv[1])["import-methods"]["value"])
sys.exit(0 if {"glance-direct", "web-download", "copy-image"} <= m else 1)' "$IMPORT"
STORES=$(api /v2/info/stores)
check "/v2/info/stores lists file1 (default) and file2" $PY -c '
import json, sys
s = {x["id"]: x for x in json.loads(sys.argv[1])["stores"]}
sys.exit(0 if set(s) == {"file1", "file2"} and s["file1"].get("default") else 1)' "$STORES"

# --- interoperable import -------------------------------------------------------------------
WEB_FILE="$IMAGE_SDK_GLANCE_WEB_DIR/$TAG.bin"
head -c 200000 /dev/urandom >"$WEB_FILE"
WEB_MD5=$(md5sum "$WEB_FILE" | cut -d' ' -f1)
WID=$(glance image-create-via-import --name "$TAG-web" --disk-format raw --container-format bare \
  --import-method web-download --uri "$IMAGE_SDK_GLANCE_WEB_URL/$TAG.bin" <&- 2>"$WORK/web.err" | field id)
[ -n "$WID" ] && CREATED+=("$WID")
check "web-download import from the loopback file server is accepted ($WID)" test -n "$WID"
check "web-download image becomes active" wait_status "$WID" active 60
check "web-download image has the file's MD5" test "$(show "$WID" checksum)" = "$WEB_MD5"
rm -f "$WEB_FILE"

GID=$(glance image-create-via-import --name "$TAG-direct" --disk-format raw --container-format bare \
  --import-method glance-direct --file "$WORK/data.bin" <&- 2>"$WORK/direct.err" | field id)
[ -n "$GID" ] && CREATED+=("$GID")
check "glance-direct import is accepted ($GID)" test -n "$GID"
check "glance-direct image becomes active with the file's MD5" \
  bash -c 'for i in $(seq 60); do [ "$(glance image-show "$1" <&- | awk -F"|" "\$2 ~ /^ checksum / {gsub(/ /,\"\",\$3); print \$3}")" = "$2" ] && exit 0; sleep 0.5; done; exit 1' _ "$GID" "$MD5"

# copy-image is admin-only by Glance's default policy.
if [ -n "$GID" ]; then
  (eval "$("$RG" env --user admin)"; glance image-import --import-method copy-image --stores file2 "$GID" <&- >/dev/null 2>"$WORK/copy.err")
  check "copy-image (admin) to file2 is accepted" test $? -eq 0
  check "after copy-image the image is in stores file1,file2" \
    bash -c 'for i in $(seq 60); do s=$(glance image-show "$1" <&- | awk -F"|" "\$2 ~ /^ stores / {gsub(/ /,\"\",\$3); print \$3}"); case $s in *file1*file2*|*file2*file1*) exit 0;; esac; sleep 0.5; done; exit 1' _ "$GID"
fi

echo "real Glance smoke finished in $((SECONDS - T0)) s"
echo "smoke: $PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
