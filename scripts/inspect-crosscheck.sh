#!/usr/bin/env bash
# Cross-checks the SDK's disk-image inspector (dev.imagesdk.inspect) against Glance 25's own
# glance.common.format_inspector on real images made by qemu-img and xorriso.
#
#   scripts/inspect-crosscheck.sh            build image-sdk-core if its classes are missing, then check
#
# Installs Debian's qemu-utils, xorriso and python3-glance when missing (root or sudo, like
# scripts/real-glance.sh). Makes each image in a temporary folder (deleted at exit), runs our inspector
# (dev.imagesdk.internal.inspect.InspectCli, by path and by stream) and Glance's detect_file_format() +
# safety_check() over the same files, and compares format, virtual size and safety verdict. Prints one line
# per file and `INSPECT files=N agree=N disagree=N`; exits 1 on any disagreement.
#
# How Glance's answers are read (Glance 25 differs by design in a few places; each is mapped, not ignored):
# - detect_file_format() returns the raw inspector when nothing matched; that inspector's virtual_size is
#   the bytes it consumed, so for raw we feed it the whole file, as Glance's upload path does
#   (InfoWrapper over the whole stream): its virtual size is then the file's size.
# - iso: Glance 25 has no iso inspector and calls an iso raw. Expected: Glance raw + safe, ours iso + safe,
#   our virtual size (the volume size in the primary volume descriptor) equal to the file's size.
# - qed: Glance's QED inspector names itself 'raw' (no __str__; we use its class) and does not read the size (its virtual_size is the bytes consumed); the size
#   is compared with `qemu-img info` instead. Both must call it unsafe (Glance refuses every qed).
# - vmdk text descriptor (monolithicFlat's small .vmdk; its data is in the -flat file): Glance 25 calls it
#   raw and safe; we call it vmdk and unsafe (create type and an extent in another file), because an
#   upload of it carries no disk at all. Expected: Glance raw + safe, ours vmdk + unsafe.
# - safety_check() raising ImageFormatError counts as unsafe (Glance's conversion refuses it).
set -euo pipefail

export PATH=/usr/sbin:/usr/bin:/sbin:/bin
unset PYTHONPATH PYTHONHOME VIRTUAL_ENV
PY=/usr/bin/python3
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
T0=$SECONDS

say() { printf '[inspect-crosscheck] %s\n' "$*" >&2; }
die() { printf '[inspect-crosscheck] ERROR: %s\n' "$*" >&2; exit 2; }
# shellcheck source=lib.sh
. "$ROOT/scripts/lib.sh"

apt_install /tmp/image-sdk-inspect-apt.log qemu-utils xorriso python3-glance

CP=$(ls "$ROOT"/image-sdk-core/target/image-sdk-core-*[0-9T].jar 2>/dev/null | head -n 1 || true)
if [ -z "$CP" ]; then
  CP="$ROOT/image-sdk-core/target/classes"
  if [ ! -f "$CP/dev/imagesdk/internal/inspect/InspectCli.class" ]; then
    say "compiling image-sdk-core"
    (cd "$ROOT" && ./mvnw -B -q compile -pl image-sdk-core) || die "build of image-sdk-core failed"
  fi
fi
JAVA=java
[ -n "${JAVA_HOME:-}" ] && JAVA="$JAVA_HOME/bin/java"

W=$(mktemp -d /tmp/image-sdk-inspect.XXXXXX)
trap 'rm -rf "$W"' EXIT
cd "$W"
q() { qemu-img "$@" -q; }

# A raw source with some content (random first MiB, a marker further in) to convert from.
head -c 1048576 /dev/urandom >src.raw
truncate -s 64M src.raw
printf 'image-sdk' | dd of=src.raw bs=1 seek=$((40 << 20)) conv=notrunc status=none
cp --sparse=always src.raw raw.img
q create -f qcow2 -o compat=0.10 qcow2-v2.qcow2 1G
q create -f qcow2 -o compat=1.1 qcow2-v3.qcow2 10G
q convert -O qcow2 src.raw qcow2-converted.qcow2
q create -f qcow2 -b qcow2-v3.qcow2 -F qcow2 qcow2-backing.qcow2
q create -f qcow2 -o compat=0.10 -b qcow2-v2.qcow2 -F qcow2 qcow2-v2-backing.qcow2
q create -f qcow2 -o data_file=qcow2-data.raw qcow2-datafile.qcow2 64M
q create -f qcow2 -o extended_l2=on qcow2-extended-l2.qcow2 64M
q create -f vmdk -o subformat=monolithicSparse vmdk-sparse.vmdk 2G
q convert -O vmdk -o subformat=streamOptimized src.raw vmdk-stream.vmdk
q create -f vmdk -o subformat=monolithicFlat vmdk-flat.vmdk 32M
q convert -O vpc src.raw vhd-dynamic.vhd
q create -f vpc vhd-empty.vhd 3G
q convert -O vhdx src.raw vhdx-converted.vhdx
q create -f vhdx vhdx-empty.vhdx 5G
q convert -O vdi src.raw vdi-converted.vdi
q create -f vdi vdi-empty.vdi 2G
q create -f qed qed.qed 1G
mkdir -p isoroot && printf 'hello\n' >isoroot/readme.txt && head -c 300000 /dev/urandom >isoroot/blob.bin
xorriso -as mkisofs -quiet -V IMAGESDK -o image.iso isoroot 2>/dev/null
rm -rf isoroot src.raw

FILES=$(ls | sort)
"$JAVA" -cp "$CP" dev.imagesdk.internal.inspect.InspectCli $FILES >ours.tsv
for f in $FILES; do
  case "$f" in *.qed) printf '%s\t%s\n' "$f" "$(qemu-img info --output=json "$f" | "$PY" -c 'import json,sys; print(json.load(sys.stdin)["virtual-size"])')";; esac
done >qemu-sizes.tsv

rc=0
"$PY" - "$W" $FILES <<'EOF' || rc=$?
import os, sys
import logging
logging.disable(logging.CRITICAL)  # Glance's inspector logs warnings for the unsafe images
from glance.common import format_inspector as fi

work, files = sys.argv[1], sys.argv[2:]
ours = {}
for line in open(os.path.join(work, 'ours.tsv')):
    parts = line.rstrip('\n').split('\t')
    ours[parts[0]] = parts
qemu_size = dict(l.rstrip('\n').split('\t') for l in open(os.path.join(work, 'qemu-sizes.tsv')))

def glance(path):
    det = fi.detect_file_format(path)
    # Glance 25's QEDInspector does not override __str__, so it prints as 'raw': name it by its class.
    fmt = 'qed' if isinstance(det, fi.QEDInspector) else str(det)
    try:
        safe = bool(det.safety_check())
    except fi.ImageFormatError:
        safe = False
    if fmt == 'raw':
        whole = fi.FileInspector()
        with open(path, 'rb') as f:
            for chunk in fi.chunked_reader(f, 65536):
                whole.eat_chunk(chunk)
        size = whole.virtual_size
    else:
        size = det.virtual_size
    return fmt, size, safe

agree = disagree = 0
for name in files:
    path = os.path.join(work, name)
    g_fmt, g_size, g_safe = glance(path)
    o = ours.get(name)
    if o is None:
        ok, note = False, 'no result from our inspector'
        o = [name, '?', '-1', '?', '']
    else:
        o_fmt, o_size, o_safe = o[1], int(o[2]), o[3] == 'safe'
        note = ''
        exp_fmt, exp_size, exp_safe = g_fmt, g_size, g_safe
        if o_fmt == 'iso' and g_fmt == 'raw':
            exp_fmt, exp_size, note = 'iso', os.path.getsize(path), 'mapped: Glance 25 has no iso inspector'
        elif o_fmt == 'vmdk' and g_fmt == 'raw' and open(path, 'rb').read(21) == b'# Disk DescriptorFile':
            exp_fmt, exp_size, exp_safe = 'vmdk', -1, False
            note = 'mapped: vmdk descriptor file, raw+safe to Glance 25'
        elif g_fmt == 'qed':
            exp_size, note = int(qemu_size[name]), 'mapped: qed size from qemu-img info'
        ok = (o_fmt, o_size, o_safe) == (exp_fmt, exp_size, exp_safe) and len(o) < 6
        if len(o) >= 6:
            note = 'path and stream verdicts differ: ' + o[5]
    agree += ok
    disagree += not ok
    print('%-8s %-26s glance=%s/%s/%s ours=%s/%s/%s %s%s' % (
        'agree' if ok else 'DISAGREE', name, g_fmt, g_size, 'safe' if g_safe else 'unsafe',
        o[1], o[2], o[3], o[4] if len(o) > 4 and o[4] != '[]' else '', ('  # ' + note) if note else ''))
print('INSPECT files=%d agree=%d disagree=%d' % (len(files), agree, disagree))
sys.exit(1 if disagree else 0)
EOF
say "done in $((SECONDS - T0)) s"
exit $rc
