"""Compares OCR engines on the cells of scanned report tables (issue #28).

Each PDF given is rendered at the given resolutions (pdftoppm, grey); every ruled cell that
pdfplumber finds in the PDF's own text layer is cut from the image (borders trimmed) and read
by each engine; what the text layer says is the truth. Prints, per engine and resolution,
the share of cells read exactly (value cells and label cells apart) and the time per cell.

    python bench/ocr_engines.py 150,300 FILE.pdf...

Needs: tesseract (chi_sim, eng) on PATH; pdfplumber, Pillow and rapidocr-onnxruntime in the
Python that runs it. Not part of CI.
"""

import os
import re
import subprocess
import sys
import tempfile
import time

import pdfplumber
from PIL import Image


def cells(pdf_path):
    """(page number, bbox in points, text) of every ruled cell with text."""
    out = []
    with pdfplumber.open(pdf_path) as pdf:
        for n, page in enumerate(pdf.pages, 1):
            for table in page.find_tables():
                for row in table.rows:
                    for bbox in row.cells:
                        if bbox is None:
                            continue
                        text = page.crop(bbox).extract_text() or ""
                        text = re.sub(r"\s+", "", text)
                        if text:
                            out.append((n, bbox, text))
    return out


def crops(pdf_path, dpi, folder):
    prefix = os.path.join(folder, f"p{dpi}")
    subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", pdf_path, prefix], check=True)
    pages = {}
    result = []
    for i, (n, (x0, y0, x1, y1), text) in enumerate(cells(pdf_path)):
        if n not in pages:
            name = [f for f in os.listdir(folder) if f.startswith(f"p{dpi}-") and int(f[len(f"p{dpi}-"):-4]) == n][0]
            pages[n] = Image.open(os.path.join(folder, name))
        s = dpi / 72
        trim = max(2, round(dpi / 50))
        box = (round(x0 * s) + trim, round(y0 * s) + trim, round(x1 * s) - trim, round(y1 * s) - trim)
        path = os.path.join(folder, f"c{dpi}-{i}.png")
        pages[n].crop(box).save(path)
        result.append((path, text))
    return result


def tesseract(paths, args):
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
        f.write("\n".join(paths) + "\n")
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    out = subprocess.run(["tesseract", f.name, "-", *args, "tsv"], capture_output=True, text=True, env=env).stdout
    texts = [""] * len(paths)
    for line in out.splitlines()[1:]:
        cols = line.split("\t")
        if len(cols) == 12 and cols[0] == "5" and cols[11].strip():
            texts[int(cols[1]) - 1] += cols[11].strip()
    return texts


def rapid(paths, detect=True):
    from rapidocr_onnxruntime import RapidOCR
    engine = RapidOCR()
    texts = []
    for p in paths:
        result, _ = engine(p, use_det=detect, use_cls=False, use_rec=True)
        if detect:
            texts.append("".join(r[1] for r in result or []).replace(" ", ""))
        else:
            texts.append("".join(r[0] for r in result or []).replace(" ", ""))
    return texts


def main():
    dpis = [int(d) for d in sys.argv[1].split(",")]
    engines = {
        "tesseract chi_sim psm6": lambda ps: tesseract(ps, ["-l", "chi_sim", "--psm", "6"]),
        "tesseract chi_sim psm7": lambda ps: tesseract(ps, ["-l", "chi_sim", "--psm", "7"]),
        "tesseract eng psm7": lambda ps: tesseract(ps, ["-l", "eng", "--psm", "7"]),
        "tesseract eng digits psm7": lambda ps: tesseract(ps, ["-l", "eng", "--psm", "7", "-c", "tessedit_char_whitelist=0123456789."]),
        "rapidocr PP-OCRv4 det+rec": rapid,
        "rapidocr PP-OCRv4 rec only": lambda ps: rapid(ps, detect=False),
    }
    for dpi in dpis:
        with tempfile.TemporaryDirectory() as folder:
            items = []
            for pdf in sys.argv[2:]:
                items += crops(pdf, dpi, folder)
            paths = [p for p, _ in items]
            truth = [t for _, t in items]
            digits = [re.fullmatch(r"[0-9.]+", t) is not None for t in truth]
            for name, run in engines.items():
                start = time.perf_counter()
                got = run(paths)
                spent = time.perf_counter() - start
                ok_v = sum(1 for g, t, d in zip(got, truth, digits) if d and g == t)
                ok_l = sum(1 for g, t, d in zip(got, truth, digits) if not d and g == t)
                n_v = sum(digits)
                n_l = len(truth) - n_v
                wrong_v = [(t, g) for g, t, d in zip(got, truth, digits) if d and g != t]
                print(f"{dpi} dpi  {name:28s} values {ok_v}/{n_v} ({100*ok_v/max(n_v,1):.1f}%)  "
                      f"labels {ok_l}/{n_l} ({100*ok_l/max(n_l,1):.1f}%)  {1000*spent/len(paths):.1f} ms/cell"
                      f"  misread e.g. {wrong_v[:4]}", flush=True)


if __name__ == "__main__":
    main()
