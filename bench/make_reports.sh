#!/usr/bin/env bash
# N report DOCX files in OUTDIR, rendered from fixtures/docx/003.docx with varied agencies
# (four years each) and values, for the benchmarks. Usage: bench/make_reports.sh N OUTDIR
set -euo pipefail
cd "$(dirname "$0")/.."
n=$1
out=$2
bin=target/release/xxgk
json=$(mktemp -d)
trap 'rm -rf "$json"' EXIT
mkdir -p "$out"
"$bin" parse fixtures/docx/003.docx >"$json/base.json"
python3 - "$json" "$n" <<'PY'
import json, sys
tmp, n = sys.argv[1], int(sys.argv[2])
base = json.load(open(f"{tmp}/base.json"))
for i in range(n):
    r = json.loads(json.dumps(base))
    r["agency"], r["year"] = f"第{i // 4}号县财政局", 2021 + i % 4
    r["metadata"]["title"] = f"{r['agency']}{r['year']}年政府信息公开工作年度报告"
    r["active"]["licensing"] = 100 + i
    json.dump(r, open(f"{tmp}/{i:05d}.json", "w"), ensure_ascii=False)
PY
for f in "$json"/0*.json; do "$bin" render "$f" -o "$out/$(basename "$f" .json).docx" 2>/dev/null; done
