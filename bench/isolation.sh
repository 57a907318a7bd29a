#!/usr/bin/env bash
# What reading in worker processes costs (#31): `xxgk parse` of one small report per process,
# and a batch of N DOCX with all outputs, each in process (XXGK_ISOLATION=off) and isolated,
# alternating, three times. Not a test: timing never goes in the suite.
# Usage: bench/isolation.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1500}
bin=target/release/xxgk
cargo build --release -q -p xxgk-cli
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/in"
for i in $(seq 1 "$n"); do cp fixtures/docx/003.docx "$tmp/in/$i.docx"; done
seed=$(ls fixtures/seeds/*.txt | head -n 1)
per_parse() {
  local start end
  start=$(date +%s%N)
  for _ in $(seq 1 200); do "$bin" parse "$seed" >/dev/null; done
  end=$(date +%s%N)
  awk -v ns=$((end - start)) 'BEGIN { printf "%.2f", ns / 200 / 1e6 }'
}
for round in 1 2 3; do
  for mode in off on; do
    if [ "$mode" = off ]; then export XXGK_ISOLATION=off; else unset XXGK_ISOLATION; fi
    ms=$(per_parse)
    rm -rf "$tmp/out"
    /usr/bin/time -f '%e %M' -o "$tmp/t" "$bin" batch --quiet -o "$tmp/out" "$tmp/in" >/dev/null || true
    read -r s kb < "$tmp/t"
    label=$([ "$mode" = off ] && echo "in process" || echo "isolated")
    echo "round $round, $label: parse ${ms} ms/process; batch of $n DOCX ${s} s, $((kb / 1024)) MB peak"
  done
done
