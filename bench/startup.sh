#!/usr/bin/env bash
# What one `xxgk` process costs (issue #30: a small parse ≤ 2.5 ms, a `.doc` ≤ 1.5x antiword),
# side by side in one hyperfine run: `xxgk formats` (start-up alone), `xxgk parse` of a small
# text report and of the eight LibreOffice `.doc` layouts, in process (`XXGK_ISOLATION=off`) and
# as shipped (a worker process reads), against `antiword` and `catdoc` on the same `.doc` files,
# and the machine's floor: a Rust program that only prints one line (built here by rustc, same
# libc and loader), so that what a process costs before it does anything is in the same table.
# Optionally an earlier build too. Not part of CI.
#
#   bench/startup.sh [OLD_BINARY]
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -q --locked -p xxgk-cli
X=$PWD/target/release/xxgk
TEXT=$PWD/fixtures/seeds/004_ad9f0d6ea18bc191.txt
DOCS=$(ls "$PWD"/fixtures/layouts/*.lo-doc.doc | tr '\n' ' ')
FLOOR=$(mktemp -d)/print-one-line
trap 'rm -rf "$(dirname "$FLOOR")"' EXIT
echo 'fn main() { println!("xxgk"); }' | rustc -O -o "$FLOOR" -
each() { echo "for f in $DOCS; do $1 \"\$f\" >/dev/null; done"; }
old=()
if [ -n "${1:-}" ]; then
  old=(-n "old parse, text, in process" "XXGK_ISOLATION=off $1 parse $TEXT")
fi
export XXGK_OCR=off
hyperfine -w 5 -r 60 --export-markdown /tmp/xxgk-startup.md \
  -n "floor: a Rust program printing a line" "$FLOOR" \
  -n "formats" "$X formats" \
  -n "parse, text, in process" "XXGK_ISOLATION=off $X parse $TEXT" \
  -n "parse, text, worker" "$X parse $TEXT" \
  "${old[@]}" \
  -n "8 .doc: parse, in process" "$(each "XXGK_ISOLATION=off $X parse")" \
  -n "8 .doc: parse, worker" "$(each "$X parse")" \
  -n "8 .doc: antiword" "$(each antiword)" \
  -n "8 .doc: catdoc" "$(each catdoc)" \
  -n "8 x floor" "$(each "$FLOOR")"
cat /tmp/xxgk-startup.md
