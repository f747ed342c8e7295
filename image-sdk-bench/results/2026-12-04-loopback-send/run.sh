#!/usr/bin/env bash
# Where does the CPU of sending 1 GiB over loopback go: write() vs sendfile(), each beside a SHA-512 pass over
# the same file (the client's work in an upload). Prints the sender's CPU, the receiver's CPU and the whole
# machine's CPU (all processes, /proc/stat) per round. Usage: run.sh [file of 1 GiB] (made if absent).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'kill $sink 2>/dev/null || true; rm -rf "$work"' EXIT
f=${1:-$work/f1g}
[ -f "$f" ] || head -c 1G /dev/urandom > "$f"
cat "$f" > /dev/null  # page cache
javac -d "$work" "$here/Send.java" "$here/Sink.java"
port=18557
java -cp "$work" Sink $port & sink=$!
sleep 1
tot() { awk '/^cpu /{print $2+$3+$4+$6+$7+$8}' /proc/stat; }
sinkcpu() { awk '{print $14+$15}' /proc/$sink/stat; }
hz=$(getconf CLK_TCK)
for mode in readonly write sendfile write sendfile; do
  a=$(tot); s=$(sinkcpu)
  out=$(java -cp "$work" Send "$f" $port $mode hash)
  b=$(tot); t=$(sinkcpu)
  echo "$out" | sed "s/^/  /"
  awk -v m="$mode" -v r=$((t-s)) -v w=$((b-a)) -v hz=$hz 'BEGIN{printf "%s: 6 rounds: receiver cpu %.2f s, whole machine %.2f s (JVM start included)\n", m, r/hz, w/hz}'
done
uptime
