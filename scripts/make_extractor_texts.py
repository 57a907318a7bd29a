#!/usr/bin/env python3
"""Text that ordinary extractors make of known reports: OUT/<tool>/<stem>.<tool>.txt, each with
its report's .truth.json beside it, for scoring the text reader (tools/score.py) and for
fixtures/extractors (a selection of these files).

Usage:  python3 scripts/make_extractor_texts.py [OUT]       (default /tmp/xtext)
        XXGK_CORPUS=../shared/corpus selects the corpus of originals (layouts/, docx/).
Tools (install what is missing): pypdf, pdfminer.six, pdfplumber, pymupdf, docx2txt,
mammoth, markitdown[pdf,docx] from PyPI; poppler-utils, mupdf-tools, pandoc, antiword, catdoc
from Debian. Each tool call runs in its own subprocess, time-boxed (TIMEOUT s); failures are
logged to OUT/make.log and do not stop the rest.
"""
import os, shutil, subprocess, sys, time

OUT = next((a for a in sys.argv[1:] if not a.startswith("-")), "/tmp/xtext") \
    if "--one" not in sys.argv else "/tmp/xtext"
CORPUS = os.environ.get("XXGK_CORPUS",
                        os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../shared/corpus"))
TIMEOUT = 60
LAYOUT_IDS = [f"r5151-{i:06d}" for i in range(8)]
DOCX_STEMS = ["000", "001", "002", "003", "004", "001.split", "003.kitchen", "000.tracked"]

PDF_TOOLS = ["pypdf", "pdfminer", "pdfplumber", "pymupdf", "pdftotext-raw",
             "pdftotext", "mutool", "markitdown"]
DOCX_TOOLS = ["docx2txt", "mammoth-md", "mammoth-raw", "pandoc-plain",
              "pandoc-gfm", "pandoc-markdown", "markitdown"]
DOC_TOOLS = ["antiword", "catdoc"]


def extract(tool, src):
    """Return extracted text (str). Runs inside the worker subprocess."""
    def run(cmd):
        r = subprocess.run(cmd, capture_output=True, timeout=TIMEOUT)
        if r.returncode != 0:
            raise RuntimeError(f"{cmd[0]} rc={r.returncode}: {r.stderr.decode('utf-8','replace')[:300]}")
        return r.stdout.decode("utf-8", "replace")

    if tool == "pypdf":
        import pypdf
        return "\n".join((p.extract_text() or "") for p in pypdf.PdfReader(src).pages)
    if tool == "pdfminer":
        from pdfminer.high_level import extract_text
        return extract_text(src)
    if tool == "pdfplumber":
        import pdfplumber
        with pdfplumber.open(src) as pdf:
            return "\n".join((p.extract_text() or "") for p in pdf.pages)
    if tool == "pymupdf":
        import fitz
        with fitz.open(src) as d:
            return "".join(p.get_text() for p in d)
    if tool == "pdftotext-raw":
        return run(["pdftotext", "-raw", "-enc", "UTF-8", src, "-"])
    if tool == "pdftotext":
        return run(["pdftotext", "-enc", "UTF-8", src, "-"])
    if tool == "mutool":
        return run(["mutool", "draw", "-q", "-F", "txt", "-o", "-", src])
    if tool == "markitdown":
        from markitdown import MarkItDown
        return MarkItDown().convert(src).text_content
    if tool == "docx2txt":
        import docx2txt
        return docx2txt.process(src)
    if tool in ("mammoth-md", "mammoth-raw"):
        import mammoth
        with open(src, "rb") as f:
            fn = mammoth.convert_to_markdown if tool == "mammoth-md" else mammoth.extract_raw_text
            return fn(f).value
    if tool.startswith("pandoc-"):
        fmt = tool.split("-", 1)[1]
        return run(["pandoc", "-f", "docx", "-t", fmt, "--wrap=none", src])
    if tool == "antiword":
        return run(["antiword", "-m", "UTF-8.txt", "-w", "0", src])
    if tool == "catdoc":
        return run(["catdoc", "-d", "utf-8", "-w", src])
    raise ValueError(tool)


def jobs():
    L = f"{CORPUS}/layouts"
    for rid in LAYOUT_IDS:
        for kind, ext, tools in (("lo-pdf", "pdf", PDF_TOOLS), ("nested", "docx", DOCX_TOOLS),
                                 ("lo-doc", "doc", DOC_TOOLS)):
            stem = f"{rid}.{kind}"
            src, truth = f"{L}/{stem}.{ext}", f"{L}/{stem}.truth.json"
            if os.path.exists(src) and os.path.exists(truth):
                for t in tools:
                    yield t, src, truth, stem
    D = f"{CORPUS}/docx"
    for stem in DOCX_STEMS:
        src = f"{D}/{stem}.docx"
        truth = f"{D}/{stem}.truth.json"
        if os.path.exists(src) and os.path.exists(truth):
            for t in DOCX_TOOLS:
                yield t, src, truth, stem


def main():
    os.makedirs(OUT, exist_ok=True)
    log = open(f"{OUT}/make.log", "w")
    ok = fail = 0
    for tool, src, truth, stem in jobs():
        d = f"{OUT}/{tool}"
        os.makedirs(d, exist_ok=True)
        out = f"{d}/{stem}.{tool}.txt"
        t0 = time.time()
        try:
            r = subprocess.run([sys.executable, __file__, "--one", tool, src, out],
                               capture_output=True, timeout=TIMEOUT + 5)
            if r.returncode != 0 or not os.path.exists(out):
                raise RuntimeError(r.stderr.decode("utf-8", "replace").strip()[-400:])
            shutil.copyfile(truth, f"{d}/{stem}.{tool}.truth.json")
            ok += 1
            log.write(f"OK   {tool:16s} {stem:24s} {time.time()-t0:5.1f}s {os.path.getsize(out)}B\n")
        except Exception as e:  # noqa: BLE001 - one failure must not stop the rest
            fail += 1
            for p in (out, f"{d}/{stem}.{tool}.truth.json"):
                if os.path.exists(p):
                    os.remove(p)
            log.write(f"FAIL {tool:16s} {stem:24s} {type(e).__name__}: {str(e)[:400]}\n")
        log.flush()
    log.write(f"done: {ok} ok, {fail} failed\n")
    print(f"done: {ok} ok, {fail} failed (see {OUT}/make.log)")


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--one":
        _, _, tool, src, out = sys.argv
        text = extract(tool, src)
        with open(out, "w", encoding="utf-8") as f:
            f.write(text)
    else:
        main()
