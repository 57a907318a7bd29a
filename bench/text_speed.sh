#!/usr/bin/env bash
# Text reading speed, this tree against an earlier commit, side by side in one run (issue #23:
# within 1.2x of before). Not part of CI.
#
#   bench/text_speed.sh [BASE] [ROUNDS]     BASE defaults to 1daf72c (main before #23)
#
# The corpus: 500 rendered sample texts (`xxgk-bench corpus`) plus every real and converted
# text in fixtures/ (realtext, extractors, layouts, seeds). Each binary times bytes -> Report
# in process (`xxgk-bench measure`), three runs each, alternating.
set -euo pipefail
cd "$(dirname "$0")/.."
BASE=${1:-1daf72c}
ROUNDS=${2:-5}
WORK=${XXGK_BENCH_DIR:-/tmp/xxgk-bench-text}
mkdir -p "$WORK/corpus/txt"
[ -d "$WORK/base" ] || git worktree add -f "$WORK/base" "$BASE" -q
(cd "$WORK/base" && CARGO_TARGET_DIR="$WORK/base-target" cargo build --release -q -p xxgk-bench)
cargo build --release -q -p xxgk-bench
[ -d "$WORK/gen/txt" ] || target/release/xxgk-bench corpus 500 "$WORK/gen" >/dev/null
cp "$WORK"/gen/txt/* "$WORK/corpus/txt/"
for d in realtext extractors layouts seeds; do
  for f in fixtures/$d/*.txt; do cp "$f" "$WORK/corpus/txt/$d-$(basename "$f")"; done
done
row() { python3 -c 'import json,sys; d=json.load(sys.stdin); print(f"{d[\"files\"]} files  read {d[\"read_ms_per_doc\"]:.3f} ms/doc  parse {d[\"xxgk_ms_per_doc\"]:.3f} ms/doc")'; }
for i in 1 2 3; do
  echo "base $BASE: $("$WORK/base-target/release/xxgk-bench" measure "$WORK/corpus" "$ROUNDS" | row)"
  echo "this tree:  $(target/release/xxgk-bench measure "$WORK/corpus" "$ROUNDS" | row)"
done
