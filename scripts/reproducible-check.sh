#!/usr/bin/env bash
# Builds the published artifacts twice, from clean, in two copies of the source tree at different paths,
# and compares the sha256 of every jar they make (main, sources, javadoc and the fake's standalone jar;
# no test jar is made). Reproducibility rests on project.build.outputTimestamp (pom.xml, image-sdk-bom/pom.xml)
# and on javadoc's -notimestamp.
# Prints: REPRODUCIBLE jars=N identical=M   (exit 0 only if N > 0 and M = N)
# Extra arguments (e.g. -o) go to both Maven builds. The copies hold the working tree's tracked and
# untracked (not ignored) files, so editing the tree while this runs does not affect it.
set -euo pipefail
cd "$(dirname "$0")/.."
# image-sdk-testkit is built for the modules' test compilation only; its jar is not published or compared.
MODULES=image-sdk-bom,image-sdk-testkit,image-sdk-core,image-sdk-v1,image-sdk-v2,image-sdk-fake,image-sdk-test
PUBLISHED=(image-sdk-core image-sdk-v1 image-sdk-v2 image-sdk-fake image-sdk-test)
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

build() {  # $1 = copy name; rest = Maven arguments
  local dir="$OUT/$1"; shift
  mkdir -p "$dir"
  git ls-files -z -c -o --exclude-standard | xargs -0 cp --parents -t "$dir"
  (cd "$dir" && ./mvnw -B -q "$@" package -DskipTests -Dmdep.analyze.skip -pl "$MODULES") \
      >"$OUT/$(basename "$dir").log" 2>&1 || { cat "$OUT/$(basename "$dir").log"; echo "REPRODUCIBLE build failed"; exit 1; }
  (cd "$dir" && for m in "${PUBLISHED[@]}"; do find "$m/target" -maxdepth 1 -name '*.jar'; done | sort \
      | xargs sha256sum) >"$OUT/$(basename "$dir").sums"
}

build first "$@"
build second-copy "$@"

N=$(wc -l <"$OUT/first.sums")
SAME=$(join -j 2 <(sort -k2 "$OUT/first.sums") <(sort -k2 "$OUT/second-copy.sums") | awk '$2 == $3' | wc -l)
if [ "$N" -eq 0 ] || [ "$SAME" -ne "$N" ] || [ "$(wc -l <"$OUT/second-copy.sums")" -ne "$N" ]; then
  echo "Differing jars:"
  diff "$OUT/first.sums" "$OUT/second-copy.sums" || true
  echo "REPRODUCIBLE jars=$N identical=$SAME"
  exit 1
fi
echo "REPRODUCIBLE jars=$N identical=$SAME"
