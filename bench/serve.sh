#!/usr/bin/env bash
# The workbench under load (#32): N reports (DOCX rendered from a seed with varied agencies
# and values) read by `xxgk serve` at start, progress polled as the page polls it, then each
# view timed (curl, median of 20): the page, /status, the review page, the workbook, a report
# rendered, the original of a DOCX cell (its table) and of a PDF place (its page drawn; one PDF
# is added to the reports). Usage: bench/serve.sh [N]   (not a test: timing never goes in the suite)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-500}
bin=target/release/xxgk
cargo build --release -q -p xxgk-cli
tmp=$(mktemp -d)
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"' EXIT
bench/make_reports.sh "$n" "$tmp/in"
cp fixtures/pdf/004.labels.utf8.wk.pdf "$tmp/in/zz.pdf"
start=$(date +%s.%N)
"$bin" serve "$tmp/in" --workspace "$tmp/ws" --no-browser >"$tmp/log" 2>&1 &
pid=$!
until grep -q token= "$tmp/log"; do sleep 0.05; done
url=$(grep -o 'http://[^ ]*' "$tmp/log")
base=${url%%/?token=*}
port=${base##*:}
cookie="xxgk-$port=${url##*token=}"
polls=0; moved=0; last=-1
while :; do
  s=$(curl -s -H "Cookie: $cookie" "$base/status")
  polls=$((polls + 1))
  done_n=$(python3 -c 'import json,sys; j=json.loads(sys.argv[1]); print(j["done"], j["running"], j["generation"])' "$s")
  set -- $done_n
  [ "$1" != "$last" ] && moved=$((moved + 1)) && last=$1
  [ "$2" = "False" ] && [ "$3" -ge 1 ] && break
  sleep 0.2
done
end=$(date +%s.%N)
echo "read $n reports in $(python3 -c "print(round($end - $start, 2))") s; $polls polls saw $moved different progress counts"
file=$(awk -F, 'NR == 2 { print $1 }' "$tmp/ws/out/manifest.csv")
quote() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$1"; }
enc=$(quote "$file")
pdf=$(quote "$(grep -o '^[^,]*zz.pdf' "$tmp/ws/out/manifest.csv")")
cell=$(quote '{"kind":"table_cell","table":2,"row":6,"col":9}')
place=$(quote '{"kind":"page","page":2,"at":{"kind":"table_cell","table":1,"row":26,"col":1}}')
for view in "/" "/status" "/out/report.html" "/out/xxgk.xlsx" "/render?file=$enc&to=docx" \
  "/original?file=$enc&at=$cell" "/original?file=$pdf&at=$place"; do
  times=$(for _ in $(seq 20); do curl -s -o /dev/null -w '%{time_total}\n' -H "Cookie: $cookie" "$base$view"; done | sort -n)
  median=$(echo "$times" | sed -n 10p)
  size=$(curl -s -H "Cookie: $cookie" "$base$view" | wc -c)
  printf '%-40s median %6.1f ms, max %6.1f ms, %s bytes\n' "${view:0:40}" \
    "$(python3 -c "print($median * 1000)")" "$(python3 -c "print($(echo "$times" | tail -1) * 1000)")" "$size"
done
