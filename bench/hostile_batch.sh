#!/usr/bin/env bash
# Every hostile case of issue #17 in one `xxgk batch`: the fixtures/hostile and fixtures/fuzz
# files plus the large and special inputs built here (a text file of tabs, 500,000 HTML rows,
# 200,000 nested <div>s, rowspan/colspan 1000, 10,000 nested tables, 300,000 shared strings,
# a 10,000-entry zip, a 100 MB zip inside a zip, repeated entry names, a RAR named .zip, a
# truncated zip, a third zip level, a link loop, a link to /dev/zero, a FIFO) and two good
# reports. Prints the summary line, the wall time and the peak memory (/usr/bin/time), and
# checks that the manifest has a row for every input. Not a test: timing never goes in the
# suite. The promise (README, FUZZING.md): under 60 s and 1 GB, every input a row.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -q -p xxgk-cli
WORK=${XXGK_BENCH_DIR:-/tmp/xxgk-bench}/hostile-batch
rm -rf "$WORK"
mkdir -p "$WORK/in"
cp fixtures/hostile/* fixtures/fuzz/* "$WORK/in/"
rm -f "$WORK/in/EXPECTED.tsv"
cp fixtures/docx/003.docx "$WORK/in/good.docx"
cp fixtures/seeds/004_*.txt "$WORK/in/good.txt"
python3 - "$WORK/in" <<'PY'
import io, os, sys, zipfile
d = sys.argv[1]
def put(name, data):
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)
put("tabs.txt", ("\t|" * 8_000_000).encode())
put("rows.html", b"<table>" + b"<tr><td>1</td><td>2</td></tr>" * 500_000 + b"</table>")
put("divs.html", b"<div>" * 200_000 + b"x" + b"</div>" * 200_000)
put("spans.html", b"<table>" + b'<tr><td colspan="1000" rowspan="1000">1</td></tr>' * 100 + b"</table>")
put("nested-tables.html", b"<table><tr><td>" * 10_000 + b"x" + b"</td></tr></table>" * 10_000)
def zipped(entries, method=zipfile.ZIP_DEFLATED):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as z:
        for n, data in entries:
            z.writestr(n, data)
    return buf.getvalue()
sheet = "".join(f'<row r="{i+1}"><c r="A{i+1}" t="s"><v>{i}</v></c></row>' for i in range(300_000))
strings = "".join(f"<si><t>s{i}</t></si>" for i in range(300_000))
put("shared-strings.xlsx", zipped([
    ("[Content_Types].xml", '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    ("xl/workbook.xml", '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
     'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
     '<sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>'),
    ("xl/_rels/workbook.xml.rels", '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
     '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
     'Target="worksheets/sheet1.xml"/></Relationships>'),
    ("xl/worksheets/sheet1.xml", f'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{sheet}</sheetData></worksheet>'),
    ("xl/sharedStrings.xml", f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{strings}</sst>'),
]))
put("many.zip", zipped([(f"{i}.txt", b"x") for i in range(10_000)]))
inner = zipped([(f"{i}.txt", os.urandom(50_000)) for i in range(2_000)], zipfile.ZIP_STORED)
put("zip-in-zip.zip", zipped([("inner.zip", inner)]))
put("dup-names.zip", zipped([("a.txt", b"1"), ("a.txt", b"2"), ("a.txt", b"3")]))
put("rar.zip", b"Rar!\x1a\x07\x00" + os.urandom(1000))
put("truncated.zip", zipped([("a.txt", b"x" * 10_000)])[:-30])
put("three-levels.zip", zipped([("l2.zip", zipped([("l3.zip", zipped([("r.txt", b"x")]))]))]))
PY
mkdir -p "$WORK/in/loop"
ln -s .. "$WORK/in/loop/up"
ln -s /dev/zero "$WORK/in/zero.docx"
mkfifo "$WORK/in/pipe.txt"
/usr/bin/time -f '%e s, %M KB peak' -o "$WORK/time" \
  target/release/xxgk batch --quiet "$WORK/in" -o "$WORK/out" 2>"$WORK/stderr" || true
tail -n 1 "$WORK/stderr" || true
cat "$WORK/time"
rows=$(($(wc -l < "$WORK/out/manifest.csv") - 1))
echo "manifest rows: $rows"
