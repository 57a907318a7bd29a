#!/usr/bin/env python3
"""Makes fixtures/ofd/: OFDs of the PDF fixtures' reports, written the way a PDF-to-OFD
converter writes them, so that the OFD reader is tested on a second writer that is not
`xxgk render --to ofd`:

- one TextObject per glyph, each with its own CTM (the glyph's text matrix, rotation
  included, scaled from points to millimetres) over a Boundary of the whole page;
- no DeltaX at all; font sizes in points, made millimetres by the CTM;
- ruling lines and cell borders as thin *filled* rectangles (Fill="true", Stroke="false"),
  a stroked box or path as its straight sides, other curves dropped;
- the OFD namespace as the default namespace (no `ofd:` prefix), an absolute DocRoot, pages
  named from 1, fonts in DocumentRes.

The layouts are the PDFs' own (LibreOffice, wkhtmltopdf, cairo, Ghostscript; one with its
pages drawn on their side). Each OFD gets its PDF's truth file. Needs pdfplumber:

    python3 -m venv /tmp/ofdfx && /tmp/ofdfx/bin/pip install pdfplumber
    /tmp/ofdfx/bin/python scripts/make_ofd_fixtures.py
"""
import glob
import io
import os
import shutil
import zipfile

import pdfplumber

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
OUT = os.path.join(ROOT, "fixtures", "ofd")
NS = 'xmlns="http://www.ofdspec.org/2016"'
MM = 25.4 / 72.0
BAR = 0.2  # millimetres: how thick a ruling line is drawn


def num(v: float) -> str:
    s = f"{v:.4f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def xml(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def entry(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, (2026, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


class Ids:
    def __init__(self):
        self.n = 100

    def __call__(self) -> int:
        self.n += 1
        return self.n


def glyph(c: dict, height: float, font: int, ids: Ids) -> str:
    """One TextObject: the glyph's PDF text matrix (y up, points) as a CTM (y down, mm)."""
    a, b, cc, d, e, f = c["matrix"]
    # The em: pdfminer's glyph box is an em tall along the glyph's up direction (its height
    # for upright text, its width for text on its side).
    size = (c["height"] if c["upright"] else c["width"]) or 10.0
    # The CTM turns and places the glyph; its scale is left to Size.
    scale = (a * a + b * b) ** 0.5 or 1.0
    a, b, cc, d = a / scale, b / scale, cc / scale, d / scale
    ctm = [MM * a, -MM * b, -MM * cc, MM * d, MM * e, MM * (height - f)]
    return (f'<TextObject ID="{ids()}" Boundary="0 0 {num(9999)} {num(9999)}" Font="{font}" '
            f'Size="{num(size)}" CTM="{" ".join(num(v) for v in ctm)}">'
            f'<TextCode X="0" Y="0">{xml(c["text"])}</TextCode></TextObject>')


def bar(x0: float, y0: float, x1: float, y1: float, ids: Ids) -> str:
    """A filled rectangle from (x0, y0) to (x1, y1), millimetres, at least BAR thick."""
    if x1 - x0 < BAR:
        x0, x1 = (x0 + x1 - BAR) / 2, (x0 + x1 + BAR) / 2
    if y1 - y0 < BAR:
        y0, y1 = (y0 + y1 - BAR) / 2, (y0 + y1 + BAR) / 2
    w, h = x1 - x0, y1 - y0
    return (f'<PathObject ID="{ids()}" Boundary="{num(x0)} {num(y0)} {num(w)} {num(h)}" '
            f'Fill="true" Stroke="false"><FillColor Value="0 0 0"/><AbbreviatedData>'
            f'M 0 0 L {num(w)} 0 L {num(w)} {num(h)} L 0 {num(h)} C</AbbreviatedData></PathObject>')


def page_content(page, fonts: dict, ids: Ids) -> str:
    height = float(page.height)
    out = []
    for c in page.chars:
        if not c["text"].strip():
            continue
        font = fonts.setdefault(c.get("fontname", ""), len(fonts) + 1)
        out.append(glyph(c, height, font, ids))
    for ln in page.lines:
        out.append(bar(ln["x0"] * MM, ln["top"] * MM, ln["x1"] * MM, ln["bottom"] * MM, ids))
    for r in page.rects:
        x0, y0, x1, y1 = r["x0"] * MM, r["top"] * MM, r["x1"] * MM, r["bottom"] * MM
        if min(x1 - x0, y1 - y0) <= 1.0:
            out.append(bar(x0, y0, x1, y1, ids))  # a rule drawn as a thin box
        elif r.get("stroke"):
            out += [bar(x0, y0, x1, y0, ids), bar(x0, y1, x1, y1, ids),
                    bar(x0, y0, x0, y1, ids), bar(x1, y0, x1, y1, ids)]
    for cv in page.curves:
        x0, y0, x1, y1 = cv["x0"] * MM, cv["top"] * MM, cv["x1"] * MM, cv["bottom"] * MM
        if min(x1 - x0, y1 - y0) <= 1.0:
            out.append(bar(x0, y0, x1, y1, ids))  # a border drawn as a thin filled shape
        elif cv.get("stroke"):
            pts = [(x * MM, y * MM) for x, y in cv["pts"]]
            for (ax, ay), (bx, by) in zip(pts, pts[1:]):
                if abs(ax - bx) < 0.1 or abs(ay - by) < 0.1:
                    out.append(bar(min(ax, bx), min(ay, by), max(ax, bx), max(ay, by), ids))
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<Page {NS}><Area><PhysicalBox>0 0 '
            f'{num(float(page.width) * MM)} {num(height * MM)}</PhysicalBox></Area><Content>'
            f'<Layer ID="{ids()}" Type="Body">{"".join(out)}</Layer></Content></Page>')


def convert(pdf_path: str) -> bytes:
    ids, fonts, pages = Ids(), {}, []
    with pdfplumber.open(pdf_path) as pdf:
        first = pdf.pages[0]
        size = (float(first.width) * MM, float(first.height) * MM)
        for page in pdf.pages:
            pages.append(page_content(page, fonts, ids))
    listed = "".join(f'<Page ID="{ids()}" BaseLoc="Pages/Page_{n + 1}/Content.xml"/>'
                     for n in range(len(pages)))
    font_list = "".join(f'<Font ID="{i}" FontName="{xml(name.split("+")[-1] or "宋体")}"/>'
                        for name, i in sorted(fonts.items(), key=lambda kv: kv[1]))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(entry("OFD.xml"), f'<?xml version="1.0" encoding="UTF-8"?>\n<OFD {NS} '
                   'Version="1.1" DocType="OFD"><DocBody><DocInfo><Creator>pdf2ofd (xxgk '
                   'fixtures)</Creator></DocInfo><DocRoot>/Doc_0/Document.xml</DocRoot>'
                   '</DocBody></OFD>')
        z.writestr(entry("Doc_0/Document.xml"), f'<?xml version="1.0" encoding="UTF-8"?>\n'
                   f'<Document {NS}><CommonData><MaxUnitID>{ids.n}</MaxUnitID><PageArea>'
                   f'<PhysicalBox>0 0 {num(size[0])} {num(size[1])}</PhysicalBox></PageArea>'
                   f'<DocumentRes>DocumentRes.xml</DocumentRes></CommonData><Pages>{listed}'
                   '</Pages></Document>')
        z.writestr(entry("Doc_0/DocumentRes.xml"), f'<?xml version="1.0" encoding="UTF-8"?>\n'
                   f'<Res {NS} BaseLoc="Res"><Fonts>{font_list}</Fonts></Res>')
        for n, content in enumerate(pages):
            z.writestr(entry(f"Doc_0/Pages/Page_{n + 1}/Content.xml"), content)
    return buf.getvalue()


def main():
    os.makedirs(OUT, exist_ok=True)
    sources = sorted(glob.glob(os.path.join(ROOT, "fixtures", "layouts", "*.pdf"))
                     + glob.glob(os.path.join(ROOT, "fixtures", "libreoffice", "*.pdf"))
                     + glob.glob(os.path.join(ROOT, "fixtures", "pdf", "*.pdf")))
    made = 0
    for pdf in sources:
        truth = pdf[:-4] + ".truth.json"
        if not os.path.exists(truth):
            continue  # scans, outlines, garbled layers: no values to read
        stem = os.path.basename(pdf)[:-4] + ".pdf2ofd"
        with open(os.path.join(OUT, stem + ".ofd"), "wb") as f:
            f.write(convert(pdf))
        shutil.copyfile(truth, os.path.join(OUT, stem + ".truth.json"))
        made += 1
    print(f"{made} OFDs in {OUT}")


if __name__ == "__main__":
    main()
