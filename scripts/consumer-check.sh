#!/usr/bin/env bash
# The consumer check: builds consumer-check/ (a separate project, not a reactor module) against the
# artifacts this reactor installs, as a team adopting image-sdk would.
#   1. installs the published modules (bom, parent, core, v1, v2, fake, test, micrometer) into the local repository
#      (with image-sdk-testkit, which the modules' test compilation needs; it is never deployed)
#   2. class path: `mvn verify` of consumer-check: it imports only image-sdk-bom, depends on image-sdk-v2
#      (+ image-sdk-fake, image-sdk-test in test scope); the Enforcer's dependencyConvergence,
#      requireUpperBoundDeps and banDuplicateClasses must pass and its JUnit test (FakeGlanceExtension +
#      ImageSdkAssertions) must pass
#   3. module path: compiles consumer-check/src/modulepath (module `consumer`, requires dev.imagesdk.v2 and
#      dev.imagesdk.fake only) and runs it with `java --module-path ... -m`, no --add-modules; it checks
#      the User-Agent version is the build's, not "dev"
# Prints: CONSUMER classpath=ok modulepath=ok   (exit non-zero otherwise)
#
# The install goes to ~/.m2 (what CI wants). While developing, keep ~/.m2 clean with a private copy:
#   CONSUMER_M2=/tmp/consumer-m2 scripts/consumer-check.sh     (seed it once: cp -r ~/.m2/repository /tmp/consumer-m2)
# Extra arguments (e.g. -o) go to every Maven call.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
MVN=("$ROOT/mvnw" -B -q "$@")
if [ -n "${CONSUMER_M2:-}" ]; then
  MVN+=("-Dmaven.repo.local=$CONSUMER_M2")
fi
VERSION=$(sed -n 's|^  <version>\(.*\)</version>$|\1|p' pom.xml | head -1)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
CLASSPATH_RESULT=failed
MODULEPATH_RESULT=failed
report() { echo "CONSUMER classpath=$CLASSPATH_RESULT modulepath=$MODULEPATH_RESULT"; }

echo "== installing image-sdk $VERSION (published modules only)"
"${MVN[@]}" install -DskipTests -Dmdep.analyze.skip -Dmaven.javadoc.skip -Dmaven.source.skip \
    -pl image-sdk-bom,image-sdk-core,image-sdk-v1,image-sdk-v2,image-sdk-fake,image-sdk-test,image-sdk-micrometer -am

echo "== class path: mvn verify in consumer-check (enforcer rules + JUnit test)"
if "${MVN[@]}" -f consumer-check/pom.xml clean verify "-Dimage-sdk.version=$VERSION" >"$WORK/classpath.log" 2>&1; then
  CLASSPATH_RESULT=ok
else
  cat "$WORK/classpath.log"
fi

echo "== module path: javac + java --module-path -m consumer/consumer.ModulePathMain"
"${MVN[@]}" -f consumer-check/pom.xml dependency:build-classpath -Dmdep.includeScope=runtime \
    "-Dmdep.outputFile=$WORK/runtime.path" "-Dimage-sdk.version=$VERSION" >"$WORK/path.log" 2>&1 || cat "$WORK/path.log"
REPO=${CONSUMER_M2:-$HOME/.m2/repository}
FAKE_JAR="$REPO/dev/imagesdk/image-sdk-fake/$VERSION/image-sdk-fake-$VERSION.jar"
MODULE_PATH="$(cat "$WORK/runtime.path"):$FAKE_JAR"
if javac -d "$WORK/mp-classes" --module-path "$MODULE_PATH" \
       $(find consumer-check/src/modulepath -name '*.java') >"$WORK/javac.log" 2>&1 \
   && java --module-path "$WORK/mp-classes:$MODULE_PATH" -m consumer/consumer.ModulePathMain \
       >"$WORK/modulepath.log" 2>&1 \
   && grep -q '^MODULEPATH ok' "$WORK/modulepath.log"; then
  MODULEPATH_RESULT=ok
  grep '^MODULEPATH' "$WORK/modulepath.log"
else
  cat "$WORK/javac.log" "$WORK/modulepath.log" 2>/dev/null || true
fi

report
[ "$CLASSPATH_RESULT" = ok ] && [ "$MODULEPATH_RESULT" = ok ]
