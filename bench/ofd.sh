#!/usr/bin/env bash
# OFD against PDF on the same reports (issue #29), side by side in one run. Not part of CI.
#
#   bench/ofd.sh [COPIES]      COPIES of each report in the batch runs (default 40)
#
# The reports: the nine LibreOffice-printed layout reports. Each is read as its PDF
# (fixtures/layouts/*.lo-pdf.pdf), as the OFD a PDF-to-OFD converter makes of that PDF (same
# layout; a glyph per text object: fixtures/ofd/*.pdf2ofd.ofd), and as `xxgk render --to ofd`
# writes it from its truth (a text object per line). Per process (`xxgk parse`, in process:
# XXGK_ISOLATION=off) on one report, then a batch of COPIES copies of all nine.
set -euo pipefail
cd "$(dirname "$0")/.."
COPIES=${1:-40}
WORK=${XXGK_BENCH_DIR:-/tmp/xxgk-bench-ofd}
BIN=$PWD/target/release/xxgk
cargo build --release -q -p xxgk-cli
rm -rf "$WORK" && mkdir -p "$WORK"/{pdf,ofd,render}
for pdf in fixtures/layouts/*.lo-pdf.pdf; do
  stem=$(basename "$pdf" .pdf)
  for i in $(seq 1 "$COPIES"); do
    cp "$pdf" "$WORK/pdf/$stem-$i.pdf"
    cp "fixtures/ofd/$stem.pdf2ofd.ofd" "$WORK/ofd/$stem-$i.ofd"
  done
  "$BIN" render "fixtures/layouts/$stem.truth.json" -o "$WORK/render/$stem.ofd" >/dev/null 2>&1
  for i in $(seq 2 "$COPIES"); do cp "$WORK/render/$stem.ofd" "$WORK/render/$stem-$i.ofd"; done
done
one=r5151-000000.lo-pdf
export XXGK_ISOLATION=off
hyperfine -N --warmup 5 --runs 40 \
  -n "PDF (LibreOffice)" "$BIN parse --compact fixtures/layouts/$one.pdf" \
  -n "OFD (converter)" "$BIN parse --compact fixtures/ofd/$one.pdf2ofd.ofd" \
  -n "OFD (xxgk render)" "$BIN parse --compact $WORK/render/$one.ofd"
unset XXGK_ISOLATION
hyperfine --warmup 1 --runs 5 --prepare "rm -rf $WORK/out" \
  -n "batch PDF" "$BIN batch --quiet $WORK/pdf -o $WORK/out" \
  -n "batch OFD (converter)" "$BIN batch --quiet $WORK/ofd -o $WORK/out" \
  -n "batch OFD (xxgk render)" "$BIN batch --quiet $WORK/render -o $WORK/out"
ls -l fixtures/layouts/$one.pdf fixtures/ofd/$one.pdf2ofd.ofd "$WORK/render/$one.ofd" | awk '{print $5, $9}'
