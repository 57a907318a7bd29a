#!/usr/bin/env python3
"""The Python package (#27) side by side, in one run, on N mixed reports (a third each DOCX,
XLSX and PDF, cycled from the report fixtures — real WPS, LibreOffice, wkhtmltopdf and Word
files): `xxgk.dataset` (workers isolated, the default; and in process), the CLI batch over the
same folder, and the typical Python stack a researcher would reach for — python-docx for DOCX,
openpyxl for XLSX, pdfplumber for PDF — taking every table's cells out of each file, on as many
processes as xxgk uses cores. The peers only extract cells: finding the statutory tables in
them, normalising and checking are left to the researcher; xxgk does all of it.

Every command runs in a fresh process (Python's import included), once to warm the page cache,
then PASSES times (the peers once: they are slow); medians. Prints Markdown for BENCHMARKS.md.

usage: bench/python_peers.py PYTHON [N] [XXGK_BIN]
  PYTHON: a python with the wheel, pandas, python-docx, openpyxl and pdfplumber installed
(not a test: timing never goes in the suite)
"""

import glob
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
PY = sys.argv[1]
N = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
XXGK = sys.argv[3] if len(sys.argv) > 3 else os.path.join(ROOT, "target/release/xxgk")
PASSES = 3
CORES = os.cpu_count() or 1

PEERS = r'''
import multiprocessing, os, sys

def cells(path):
    if path.endswith(".docx"):
        import docx
        doc = docx.Document(path)
        return sum(len(row.cells) for t in doc.tables for row in t.rows)
    if path.endswith(".xlsx"):
        import openpyxl
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        n = sum(len(row) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True))
        book.close()
        return n
    import pdfplumber
    with pdfplumber.open(path) as pdf:
        return sum(len(row) for page in pdf.pages for t in page.extract_tables() for row in t)

if __name__ == "__main__":
    folder = sys.argv[1]
    files = sorted(os.path.join(folder, f) for f in os.listdir(folder))
    with multiprocessing.Pool(int(sys.argv[2])) as pool:
        print(sum(pool.map(cells, files, chunksize=8)))
'''


def reports(ext):
    """The report fixtures of one format (those with a truth file beside them)."""
    found = sorted(glob.glob(os.path.join(ROOT, f"fixtures/*/*.{ext}")))
    return [f for f in found if os.path.exists(f[: -len(ext) - 1] + ".truth.json")]


def timed(cmd, passes, out):
    """Median, min and max wall seconds of `cmd` (after one warm-up run); `out` is removed
    before each run. Exit 1 is a finished batch (findings of error level)."""
    runs = []
    for i in range(passes + 1):
        shutil.rmtree(out, ignore_errors=True)
        start = time.perf_counter()
        done = subprocess.run(cmd, stdout=subprocess.DEVNULL)
        assert done.returncode in (0, 1), done
        if i:
            runs.append(time.perf_counter() - start)
    return statistics.median(runs), min(runs), max(runs)


def main():
    tmp = tempfile.mkdtemp()
    try:
        folder = os.path.join(tmp, "in")
        os.makedirs(folder)
        kinds = {ext: reports(ext) for ext in ("docx", "xlsx", "pdf")}
        for i in range(N):
            ext = ("docx", "xlsx", "pdf")[i % 3]
            source = kinds[ext][(i // 3) % len(kinds[ext])]
            shutil.copy(source, os.path.join(folder, f"{i:05d}.{ext}"))
        peers = os.path.join(tmp, "peers.py")
        with open(peers, "w") as f:
            f.write(PEERS)
        dataset = "import sys, xxgk; xxgk.dataset(sys.argv[1], progress=False{})"
        out = os.path.join(tmp, "out")
        rows = [
            ("`xxgk.dataset` (workers isolated, default)",
             [PY, "-c", dataset.format(""), folder], PASSES),
            ("`xxgk.dataset(isolate=False)`",
             [PY, "-c", dataset.format(", isolate=False"), folder], PASSES),
            ("`xxgk batch` (CLI, all ten outputs written)",
             [XXGK, "batch", "-q", folder, "-o", out], PASSES),
            (f"python-docx + openpyxl + pdfplumber, cells only ({CORES} processes)",
             [PY, peers, folder, str(CORES)], 1),
        ]
        results = [(name, timed(cmd, passes, out)) for name, cmd, passes in rows]
        base = results[0][1][0]
        print(f"{N} reports ({N // 3 + (N % 3 > 0)} DOCX, {N // 3 + (N % 3 > 1)} XLSX, {N // 3} PDF), "
              f"{CORES} cores\n")
        print("| what | median s (min–max) | reports/s | vs `xxgk.dataset` |")
        print("|---|---|---|---|")
        for name, (med, lo, hi) in results:
            print(f"| {name} | {med:.2f} ({lo:.2f}–{hi:.2f}) | {N / med:.0f} | {med / base:.2f}x |")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
