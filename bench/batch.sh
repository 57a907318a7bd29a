#!/usr/bin/env bash
# `xxgk batch` speed and memory, this tree against an earlier commit, side by side in one run
# (issue #30). Not part of CI.
#
#   bench/batch.sh [BASE] [N] [RUNS]    BASE defaults to 5aff0b6 (main before #30's batch work),
#                                        N report DOCX (default 10000), RUNS each (default 3)
#
# The reports come from bench/make_reports.sh (one DOCX rendered N times with varied agencies,
# years and values). Both binaries run the default batch (worker processes, every output);
# runs alternate so that drift on a shared machine hits both. Prints wall seconds, reports per
# second and peak RSS of each run, and the output sizes.
set -euo pipefail
cd "$(dirname "$0")/.."
BASE=${1:-5aff0b6}
N=${2:-10000}
RUNS=${3:-3}
WORK=${XXGK_BENCH_DIR:-/tmp/xxgk-bench-batch}
mkdir -p "$WORK"
[ -d "$WORK/base" ] || git worktree add -f "$WORK/base" "$BASE" -q
(cd "$WORK/base" && CARGO_TARGET_DIR="$WORK/base-target" cargo build --release -q -p xxgk-cli)
cargo build --release -q -p xxgk-cli
[ -d "$WORK/in-$N" ] || bench/make_reports.sh "$N" "$WORK/in-$N"
run() {
  rm -rf "$WORK/out"
  /usr/bin/time -f "%e %M" -o "$WORK/time" "$1" batch --quiet "$WORK/in-$N" -o "$WORK/out" >/dev/null 2>&1 || true
  read -r secs kb <"$WORK/time"
  python3 -c "import sys; s,kb=float(sys.argv[1]),int(sys.argv[2]); print(f'{sys.argv[3]:<12} {s:6.2f} s  {int(sys.argv[4])/s:7.0f} reports/s  {kb/1024:6.1f} MiB peak')" "$secs" "$kb" "$2" "$N"
}
for i in $(seq 1 "$RUNS"); do
  run "$WORK/base-target/release/xxgk" "base $BASE"
  run target/release/xxgk "this tree"
done
ls -l "$WORK/out" | awk 'NR>1 {printf "%-18s %12d bytes\n", $9, $5}'
