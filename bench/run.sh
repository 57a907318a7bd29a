#!/usr/bin/env bash
# Reproduces BENCHMARKS.md (not part of CI: it installs peers and takes ~15 minutes).
#
#   bench/run.sh [N]        N reports per format (default 2000; the 5x scaling run uses 5N)
#
# 1. renders a corpus of N seeded sample reports as DOCX, XLSX and text (`xxgk-bench corpus`,
#    the same generator as the round-trip tests) and one of 5N;
# 2. times xxgk bytes -> Report per format against the floor, in process (`xxgk-bench measure`);
# 3. times `xxgk batch` over the N and 5N DOCX corpora with peak RSS (/usr/bin/time);
# 4. times the peers on a prefix of the same files (bench/peers.py): python-docx + openpyxl,
#    markitdown and docling warm in one process; pandoc and LibreOffice one process per file;
# 5. prints the Markdown tables of BENCHMARKS.md (bench/report.py).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-2000}
WORK=${XXGK_BENCH_DIR:-/tmp/xxgk-bench}
PEERS=${XXGK_PEERS_DIR:-$WORK/peers}
OUT=$WORK/results-$N.jsonl
mkdir -p "$WORK" "$PEERS"
: > "$OUT"

need() { command -v "$1" >/dev/null 2>&1; }
install() { DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q "$@"; }
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
need pandoc || install pandoc
need soffice || install libreoffice-writer-nogui libreoffice-calc-nogui
[ -x /usr/bin/time ] || install time
[ -x "$PEERS/venv/bin/python" ] || {
  python3 -m venv "$PEERS/venv"
  "$PEERS/venv/bin/pip" install -q python-docx openpyxl 'markitdown[docx,xlsx]'
}
[ -x "$PEERS/docling/bin/python" ] || {
  python3 -m venv "$PEERS/docling"
  "$PEERS/docling/bin/pip" install -q docling   # ~6 GB; DOCX/XLSX need no model download
}

cargo build --release -q -p xxgk-cli -p xxgk-bench
BIN=target/release
for n in "$N" $((5 * N)); do
  [ -d "$WORK/corpus-$n/docx" ] || "$BIN/xxgk-bench" corpus "$n" "$WORK/corpus-$n"
done
C1=$WORK/corpus-$N

echo "xxgk vs floor (in process) ..." >&2
"$BIN/xxgk-bench" measure "$C1" 7 | sed 's/^{/{"kind":"xxgk",/' >> "$OUT"

for n in "$N" $((5 * N)); do
  echo "xxgk batch over $n DOCX ..." >&2
  rm -rf "$WORK/batch-out"
  /usr/bin/time -f '%e %M' -o "$WORK/time.txt" \
    "$BIN/xxgk" batch --quiet "$WORK/corpus-$n/docx" -o "$WORK/batch-out" >/dev/null || true
  read -r secs kb < "$WORK/time.txt"
  echo "{\"kind\":\"batch\",\"files\":$n,\"seconds\":$secs,\"rss_kb\":$kb}" >> "$OUT"
done

peer() { # python tool format limit
  echo "peer $2 $3 ($4 files) ..." >&2
  HF_HUB_OFFLINE=1 "$1" bench/peers.py "$2" "$3" "$C1/$3" "$4" 2>/dev/null \
    | sed 's/^{/{"kind":"peer",/' >> "$OUT"
}
PY=$PEERS/venv/bin/python
peer "$PY" pydocx docx 500
peer "$PY" pydocx xlsx 500
peer "$PY" markitdown docx 100
peer "$PY" markitdown xlsx 100
peer "$PEERS/docling/bin/python" docling docx 50
peer "$PEERS/docling/bin/python" docling xlsx 50
peer "$PY" pandoc docx 100
peer "$PY" soffice docx 10
peer "$PY" soffice xlsx 10

python3 bench/report.py "$OUT"
