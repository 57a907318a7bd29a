#!/usr/bin/env bash
# Scanned reports read by OCR (issue #28) against the engine alone, side by side in one run.
# Not part of CI. Needs tesseract (chi_sim), pdfimages (poppler-utils) and hyperfine.
#
#   bench/scan.sh [RUNS]      hyperfine runs of each (default 3)
#
# The scans: fixtures/scans/ (4-page reports at 150, 200 and 300 dpi). For each, `xxgk parse`
# (deskew, ruling lines, every cell read twice, the text around the tables read as a page)
# against Tesseract alone reading the same page images as pages (`tesseract IMAGE - -l chi_sim`,
# one process per page, as a user would run it: text without tables, numbers or places).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-3}
WORK=${XXGK_BENCH_DIR:-/tmp/xxgk-bench-scan}
BIN=$PWD/target/release/xxgk
cargo build --release -q -p xxgk-cli
rm -rf "$WORK" && mkdir -p "$WORK"
export OMP_THREAD_LIMIT=1 XXGK_OCR=auto
for scan in fixtures/scans/*.clean300.pdf fixtures/scans/*.noisy150.pdf; do
  stem=$(basename "$scan" .pdf)
  mkdir -p "$WORK/$stem"
  pdfimages -j "$scan" "$WORK/$stem/p"
  pages=$(ls "$WORK/$stem"/p-*.jpg | wc -l)
  echo "== $stem: $pages pages"
  hyperfine -N --warmup 1 --runs "$RUNS" \
    -n "xxgk parse ($pages pages)" "$BIN parse --compact $scan" \
    -n "tesseract alone, page by page" "sh -c 'for p in $WORK/$stem/p-*.jpg; do tesseract \$p - -l chi_sim >/dev/null 2>&1; done'"
done
