#!/usr/bin/env bash
# `xxgk batch` at 1,000, 10,000 and 100,000 reports (issue #30's scaling table): wall time,
# reports per second, peak RSS and the size of the outputs, one run each (every output, the
# default worker processes). Not part of CI; needs about 15 GB of disk for 100,000.
#
#   bench/scale.sh [SIZES]      SIZES defaults to "1000 10000 100000"
#
# The reports: bench/make_reports.sh's 10,000 DOCX (agencies, years and values varied); for
# 100,000, ten copies of each, every copy's bytes made distinct by a zip comment (the batch
# would otherwise skip them as duplicates), so each is read, checked and written in full.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${1:-1000 10000 100000}
WORK=${XXGK_BENCH_DIR:-/tmp/xxgk-bench-scale}
mkdir -p "$WORK"
cargo build --release -q --locked -p xxgk-cli
[ -d "$WORK/base-10000" ] || bench/make_reports.sh 10000 "$WORK/base-10000"
for n in $SIZES; do
  [ -d "$WORK/in-$n" ] || python3 - "$WORK/base-10000" "$WORK/in-$n" "$n" <<'PY'
import os, shutil, sys, zipfile
src, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
files = sorted(os.listdir(src))
os.makedirs(out)
for i in range(n):
    copy, f = divmod(i, len(files))
    dst = os.path.join(out, f"{copy}-{files[f]}")
    shutil.copyfile(os.path.join(src, files[f]), dst)
    if copy:
        with zipfile.ZipFile(dst, "a") as z:
            z.comment = f"copy {copy}".encode()
PY
  rm -rf "$WORK/out"
  /usr/bin/time -f "%e %M" -o "$WORK/time" target/release/xxgk batch --quiet "$WORK/in-$n" -o "$WORK/out" >/dev/null 2>&1 || true
  read -r secs kb <"$WORK/time"
  total=$(du -sb "$WORK/out" | cut -f1)
  python3 -c "import sys; n,s,kb,b=int(sys.argv[1]),float(sys.argv[2]),int(sys.argv[3]),int(sys.argv[4]); print(f'| {n:,} | {s:.1f} | {n/s:,.0f} | {kb/1024:.0f} MiB | {b/1e9:.2f} GB |')" "$n" "$secs" "$kb" "$total"
  ls -l "$WORK/out" | awk 'NR>1 {printf "    %-18s %14s bytes\n", $9, $5}'
done
rm -rf "$WORK/out"
