#!/usr/bin/env bash
# Time and peak memory of `xxgk parse` on each hostile file (fixtures/hostile plus the two large
# cases the tests build in memory: 100,000 zip entries and a 200 MB text file). Not a test:
# timing never goes in the suite. Prints a Markdown table for FUZZING.md.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -q -p xxgk-cli
WORK=${XXGK_BENCH_DIR:-/tmp/xxgk-bench}/hostile
mkdir -p "$WORK"
cp fixtures/hostile/* "$WORK/"
python3 - "$WORK" <<'PY'
import io, sys, zipfile
work = sys.argv[1]
buf = io.BytesIO()
with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as z:
    z.writestr("word/document.xml", "<w:document/>")
    for i in range(100_000):
        z.writestr(f"x/{i}", b"")
open(f"{work}/many-entries.docx", "wb").write(buf.getvalue())
line = "这一行没有表格。" * 10 + "\n"
with open(f"{work}/huge.txt", "w", encoding="utf-8") as f:
    for _ in range((200 << 20) // len(line.encode())):
        f.write(line)
PY
echo "| file | bytes | outcome | seconds | peak RSS MB |"
echo "|---|---|---|---|---|"
for f in "$WORK"/*; do
  name=$(basename "$f")
  [ "$name" = EXPECTED.tsv ] && continue
  /usr/bin/time -f '%e %M' -o "$WORK/.time" target/release/xxgk parse "$f" >/dev/null 2>"$WORK/.err" && out=ok || out=$(sed 's/.*: //' "$WORK/.err" | head -c 80)
  read -r secs kb < <(tail -n 1 "$WORK/.time")
  echo "| $name | $(stat -c %s "$f") | $out | $secs | $((kb / 1024)) |"
done
