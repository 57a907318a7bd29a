#!/usr/bin/env bash
# The cross-report checks' cost (#26): N reports (N/4 agencies — county governments, county
# and city departments — four consecutive years each; requests received varying by agency;
# section 五 random prose, copied from last year for every fifth agency and from another
# agency for every seventh; table 二 licensing jumping for 5%), rendered as DOCX, then
# `xxgk batch` with the checks and compare.csv (this build) against OLD (a build before them,
# e.g. commit 9bfe462), side by side.
# Usage: bench/cross.sh OLD_BINARY [N]   (not a test: timing never goes in the suite)
set -euo pipefail
cd "$(dirname "$0")/.."
old=$1
n=${2:-10000}
bin=target/release/xxgk
cargo build --release -q -p xxgk-cli
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/json" "$tmp/in"
"$bin" parse fixtures/docx/003.docx >"$tmp/base.json"
python3 - "$tmp" "$n" <<'PY'
import json, random, sys
tmp, n = sys.argv[1], int(sys.argv[2])
base = json.load(open(f"{tmp}/base.json"))
random.seed(7)
chars = list("安平宁远清河东西南北中华兴隆昌盛永和泰康丰乐长春明光文武新建德信")
words = list("政府信息公开工作存在不足主动深度广度加强栏目更新及时政策解读形式单一图解视频运用依申请答复规范提高下一步培训完善机制质量保障公众知情参与监督")
texts = {}
for i in range(n):
    r = json.loads(json.dumps(base))
    a, year = i // 4, 2021 + i % 4
    place = chars[a % 30] + chars[(a // 30) % 30] + chars[(a // 900) % 30]
    agency = place + ["县人民政府", "县财政局", "市教育局"][a % 3]
    r["agency"], r["year"] = agency, year
    r["metadata"]["title"] = f"{agency}{year}年政府信息公开工作年度报告"
    text = "".join(random.choice(words) for _ in range(300))
    if i % 4 == 1 and a % 5 == 0:
        text = texts[i - 1]
    if i % 4 == 0 and a % 7 == 0 and i >= 4:
        text = texts[i - 4]
    texts[i] = text
    scale = 1 + (a * 7919) % 13
    r["applications"]["new_received"] = [v * scale if v else v for v in r["applications"]["new_received"]]
    if random.random() < 0.05:
        r["active"]["licensing"] = random.choice([1000, 5000])
    for s in r["sections"]:
        if s["number"] == 5:
            s["text"] = text
    json.dump(r, open(f"{tmp}/json/{i:05d}.json", "w"), ensure_ascii=False)
PY
for f in "$tmp"/json/*.json; do "$bin" render "$f" -o "$tmp/in/$(basename "$f" .json).docx" 2>/dev/null; done
hyperfine -N --warmup 1 --runs 3 -i \
  "$old batch -q $tmp/in -o $tmp/without" "$bin batch -q $tmp/in -o $tmp/with"
awk -F, 'NR > 1 { print $2 }' "$tmp/with/findings.csv" | sort | uniq -c
awk -F, 'NR > 1 { rows++; if ($10 != "") ranked++ } END { print rows " agency-years in compare.csv, " ranked " with a percentile" }' "$tmp/with/compare.csv"
