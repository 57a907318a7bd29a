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
mkdir "$tmp/json" "$tmp/in"
"$bin" parse fixtures/docx/003.docx >"$tmp/base.json"
python3 - "$tmp" "$n" <<'PY'
import json, sys
tmp, n = sys.argv[1], int(sys.argv[2])
base = json.load(open(f"{tmp}/base.json"))
for i in range(n):
    r = json.loads(json.dumps(base))
    r["agency"], r["year"] = f"第{i // 4}号县财政局", 2021 + i % 4
    r["metadata"]["title"] = f"{r['agency']}{r['year']}年政府信息公开工作年度报告"
    r["active"]["licensing"] = 100 + i
    json.dump(r, open(f"{tmp}/json/{i:05d}.json", "w"), ensure_ascii=False)
PY
for f in "$tmp"/json/*.json; do "$bin" render "$f" -o "$tmp/in/$(basename "$f" .json).docx" 2>/dev/null; done
"$py" -c "import xxgk, sys; df = xxgk.dataset(sys.argv[1]); print(df.shape)" "$tmp/in"
hyperfine -N --warmup 1 --runs 5 \
  "$bin batch -q $tmp/in -o $tmp/out" \
  "$py -c \"import xxgk; xxgk.dataset('$tmp/in')\""
