"""Turns bench/run.sh's JSON lines into the Markdown tables of BENCHMARKS.md."""

import json
import sys

rows = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8") if line.strip()]
xxgk = {r["format"]: r for r in rows if r["kind"] == "xxgk"}

print("| format | files | xxgk ms/report | reports/s | MB/s | floor ms/report | xxgk / floor |")
print("|---|---|---|---|---|---|---|")
for fmt, r in xxgk.items():
    floor = r.get("floor_ms_per_doc")
    ratio = r.get("ratio_to_floor")
    print(f"| {fmt} | {r['files']} | {r['xxgk_ms_per_doc']:.3f} | {r['xxgk_docs_per_s']:.0f} | "
          f"{r['xxgk_mb_per_s']:.1f} | {'' if floor is None else f'{floor:.3f}'} | "
          f"{'' if ratio is None else f'{ratio:.2f}x'} |")

print()
print("| peer | how timed | format | files | ms/report | peer / xxgk |")
print("|---|---|---|---|---|---|")
for r in rows:
    if r["kind"] != "peer":
        continue
    base = xxgk.get(r["format"], {}).get("xxgk_ms_per_doc")
    ratio = f"{r['ms_per_doc'] / base:.0f}x" if base else ""
    print(f"| {r['tool']} | {r['mode']} | {r['format']} | {r['files']} | {r['ms_per_doc']:.1f} | {ratio} |")

print()
print("| `xxgk batch` over DOCX | wall s | reports/s | peak RSS MB |")
print("|---|---|---|---|")
for r in rows:
    if r["kind"] == "batch":
        print(f"| {r['files']} | {float(r['seconds']):.2f} | {r['files'] / float(r['seconds']):.0f} | "
              f"{int(r['rss_kb']) / 1024:.0f} |")
