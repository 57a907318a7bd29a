#!/usr/bin/env bash
# Writes `xxgk parse` of every report file under the given folders into OUTDIR, one JSON per
# input (path with / as __), to compare two builds byte for byte after a refactor:
#   scripts/parse_snapshot.sh /tmp/before fixtures ../shared/corpus   # on the old build
#   scripts/parse_snapshot.sh /tmp/after  fixtures ../shared/corpus   # on the new build
#   diff -r /tmp/before /tmp/after
# XXGK_BIN names the binary (default target/release/xxgk).
set -euo pipefail
out=$1; shift
bin=${XXGK_BIN:-target/release/xxgk}
mkdir -p "$out"
find "$@" -type f ! -name '*.truth.json' ! -name '*.md' ! -name '*.tsv' ! -name '*.py' ! -name '*.sh' -print0 |
  sort -z |
  while IFS= read -r -d '' f; do
    name=$(printf '%s' "$f" | sed 's#/#__#g')
    XXGK_ISOLATION=off "$bin" parse --compact "$f" >"$out/$name.json" 2>"$out/$name.err" || echo "exit $?" >>"$out/$name.err"
  done
echo "$(find "$out" -name '*.json' | wc -l) files in $out"
