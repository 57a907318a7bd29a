"""Peer tools doing xxgk's job on the benchmark corpus, timed the way each is used.

Library peers run warm in one process (imports, model set-up and one warm-up file excluded):
  pydocx     python-docx (DOCX: every table cell's text and every paragraph) and
             openpyxl (XLSX: read-only, cached values, every row of every sheet)
  markitdown markitdown, DOCX/XLSX -> Markdown
  docling    docling DocumentConverter, DOCX/XLSX -> DoclingDocument -> Markdown
Command-line peers run once per file, one process each:
  pandoc     pandoc -f docx -t plain
  soffice    LibreOffice headless --convert-to txt (DOCX) / csv (XLSX)

usage: python peers.py TOOL FORMAT DIR LIMIT   -> one JSON line on stdout
"""

import json
import os
import subprocess
import sys
import tempfile
import time


def files_of(directory, limit):
    names = sorted(os.listdir(directory))[:limit]
    return [os.path.join(directory, n) for n in names]


def pydocx(fmt):
    if fmt == "docx":
        import docx

        def run(path):
            d = docx.Document(path)
            out = [p.text for p in d.paragraphs]
            for t in d.tables:
                for row in t.rows:
                    out.extend(c.text for c in row.cells)
            return out

        return run
    import openpyxl

    def run(path):
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
        rows = [list(r) for ws in wb.worksheets for r in ws.iter_rows(values_only=True)]
        wb.close()
        return rows

    return run


def markitdown(fmt):
    from markitdown import MarkItDown

    md = MarkItDown()
    return lambda path: md.convert(path).text_content


def docling(fmt):
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from docling.document_converter import DocumentConverter

    conv = DocumentConverter()
    return lambda path: conv.convert(path).document.export_to_markdown()


def command(tool, fmt):
    tmp = tempfile.mkdtemp(prefix="xxgk-peer-")
    if tool == "pandoc":
        return lambda path: subprocess.run(
            ["pandoc", "-f", "docx", "-t", "plain", path, "-o", os.devnull], check=True
        )
    target = "txt:Text (encoded):UTF8" if fmt == "docx" else "csv:Text - txt - csv (StarCalc):44,34,76,1"
    profile = "file://" + os.path.join(tmp, "profile")
    return lambda path: subprocess.run(
        ["soffice", "-env:UserInstallation=" + profile, "--headless", "--convert-to", target,
         "--outdir", tmp, path],
        check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )


def main():
    tool, fmt, directory, limit = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    files = files_of(directory, limit)
    if tool in ("pandoc", "soffice"):
        run, mode = command(tool, fmt), "per process"
    else:
        run, mode = {"pydocx": pydocx, "markitdown": markitdown, "docling": docling}[tool](fmt), "warm, in process"
    run(files[0])  # warm-up (and, for soffice, the profile's first start)
    start = time.perf_counter()
    for f in files:
        run(f)
    seconds = time.perf_counter() - start
    print(json.dumps({
        "tool": tool, "format": fmt, "mode": mode, "files": len(files),
        "seconds": seconds, "ms_per_doc": seconds * 1e3 / len(files),
    }))


if __name__ == "__main__":
    main()
