#!/usr/bin/env bash
# `xxgk.dataset` (the Python package, #27) against the CLI batch on the same N reports (DOCX
# rendered from a seed with varied agencies and values), in one hyperfine run; both read with
# every core. Usage: bench/python.sh PYTHON [N] — PYTHON is a python with the wheel installed
# (not a test: timing never goes in the suite)
set -euo pipefail
cd "$(dirname "$0")/.."
py=$1
n=${2:-1000}
bin=target/release/xxgk
cargo build --release -q -p xxgk-cli
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bench/make_reports.sh "$n" "$tmp/in"
"$py" -c "import xxgk, sys; df = xxgk.dataset(sys.argv[1]); print(df.shape)" "$tmp/in"
hyperfine -N --warmup 1 --runs 5 \
  "$bin batch -q $tmp/in -o $tmp/out" \
  "$py -c \"import xxgk; xxgk.dataset('$tmp/in')\""
