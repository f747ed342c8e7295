#!/usr/bin/env bash
# Issue 17 item 7: the SDK on virtual threads, on a JDK 21+ (Temurin 25 on the CI machine).
#   1. VirtualThreadsTest on that JDK (Maven itself runs on the default JDK 17; surefire forks the tests with
#      -Djvm=<JDK 21+>/bin/java): 1,000 virtual threads share one ImageService against the fake. The test JVM
#      records a JFR file; every jdk.VirtualThreadPinned event (pinned >= 20 ms) with an SDK frame fails the
#      check. On JDK 21-23, -Djdk.tracePinnedThreads=full also prints each pinning stack to the test output.
#   2. image-sdk-bench case 11 with children on that JDK: prints vthreads1000_ops_per_s on its RESULT line.
# Prints "VT-CHECK java=... test=pass|fail pinned_sdk_events=N vthreads1000_ops_per_s=X"; exits non-zero on a
# failure. Without a JDK 21+ it prints "VT-CHECK skipped" and exits 0.
#   VT_JAVA_HOME   the JDK 21+ to use (default /usr/lib/jvm/temurin-25-jdk-amd64)
#   VT_SKIP_BENCH  1 to leave out step 2
#   extra arguments go to Maven (e.g. -o)
set -euo pipefail
cd "$(dirname "$0")/.."
VT_JAVA_HOME="${VT_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
VT_JAVA="$VT_JAVA_HOME/bin/java"
if [ ! -x "$VT_JAVA" ]; then
  echo "VT-CHECK skipped: no JDK at $VT_JAVA_HOME"
  exit 0
fi
feature=$("$VT_JAVA" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')
if [ "${feature%%.*}" -lt 21 ]; then
  echo "VT-CHECK skipped: $VT_JAVA_HOME is JDK $feature (virtual threads need 21+)"
  exit 0
fi
out=$(mktemp -d)
jfr="$out/vthreads.jfr"
log="$out/test.log"
status=pass
# jacoco's agent is left out: the check is about the SDK's threads, not coverage.
./mvnw -B "$@" verify -pl image-sdk-v2 -am -Dtest=VirtualThreadsTest -Dsurefire.failIfNoSpecifiedTests=false \
    -Djacoco.skip=true -Djvm="$VT_JAVA" \
    "-Dsurefire.argLine=-XX:StartFlightRecording=filename=$jfr,settings=default -Djdk.tracePinnedThreads=full" \
    | tee "$log" || status=fail
grep -q 'Tests run: 2, Failures: 0, Errors: 0, Skipped: 0' image-sdk-v2/target/surefire-reports/dev.imagesdk.v2.VirtualThreadsTest.txt \
    || status=fail
grep '^VTHREADS ' "$log" || true
pinned=0
if [ -f "$jfr" ]; then
  "$VT_JAVA_HOME/bin/jfr" print --events jdk.VirtualThreadPinned "$jfr" > "$out/pinned.txt" || true
  # one event per "jdk.VirtualThreadPinned {" block; count those with a frame of the SDK's own code (a frame of
  # a test class, e.g. VirtualThreadsTest initialising AssertJ, is the test's, not the SDK's)
  pinned=$(awk '/jdk.VirtualThreadPinned/ {if (e && sdk) n++; e=1; sdk=0}
                /dev\.imagesdk\./ && !/dev\.imagesdk\.[A-Za-z0-9_.]*Test[.$(]/ {sdk=1}
                END {if (e && sdk) n++; print n+0}' "$out/pinned.txt")
  [ "$pinned" = 0 ] || { status=fail; grep -B2 -A30 'dev\.imagesdk\.' "$out/pinned.txt" | head -80; }
else
  echo "no JFR recording at $jfr"
  status=fail
fi
ops=n/a
if [ "${VT_SKIP_BENCH:-0}" != 1 ]; then
  ./mvnw -B "$@" -q -pl image-sdk-bench -am package -DskipTests
  java -jar image-sdk-bench/target/image-sdk-bench-*-all.jar --quick --cases 11 --java "$VT_JAVA" \
      2>"$out/bench.err" | tee "$out/bench.log" || status=fail
  ops=$(grep '^RESULT ' "$out/bench.log" | tr ' ' '\n' | awk -F= '$1 == "vthreads1000_ops_per_s" {print $2}')
fi
echo "VT-CHECK java=$feature test=$status pinned_sdk_events=$pinned vthreads1000_ops_per_s=${ops:-n/a}"
[ "$status" = pass ]
