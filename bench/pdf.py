#!/usr/bin/env python3
"""PDF bytes -> report, side by side in one run: xxgk (one `xxgk check` process over all files,
and one `xxgk parse` process per file), poppler's `pdftotext -layout` and `-bbox-layout` (one
process per file) and pdfplumber's `extract_tables` on every page (warm, in this process: import
and one warm-up file excluded). Then peak memory on a 100-page PDF (the report PDFs joined by
qpdf). Prints Markdown for BENCHMARKS.md.

usage: bench/pdf.py [XXGK_BIN]   (default target/release/xxgk)
needs: poppler-utils, qpdf (Debian); pdfplumber (PyPI)
"""

import glob
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
XXGK = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "target/release/xxgk")
FILES = sorted(
    glob.glob(os.path.join(ROOT, "fixtures/layouts/*.pdf"))
    + glob.glob(os.path.join(ROOT, "fixtures/libreoffice/*.pdf"))
    + [f for f in glob.glob(os.path.join(ROOT, "fixtures/pdf/*.pdf"))
       if os.path.exists(f[:-4] + ".truth.json")]
)
PASSES = 5


def per_process(cmd):
    """Median over passes of the mean wall time per file, one process per file (ms)."""
    runs = []
    for _ in range(PASSES):
        start = time.perf_counter()
        for f in FILES:
            subprocess.run(cmd(f), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        runs.append((time.perf_counter() - start) / len(FILES) * 1000)
    return statistics.median(runs)


def one_process(cmd, files):
    """Median over passes of one process over `files`, per file (ms): warm, like the library
    peers (start-up spread over all files)."""
    runs = []
    for _ in range(PASSES):
        start = time.perf_counter()
        subprocess.run(cmd + files, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       check=False)
        runs.append((time.perf_counter() - start) / len(files) * 1000)
    return statistics.median(runs)


def pdfplumber_warm():
    import pdfplumber

    def tables(path):
        with pdfplumber.open(path) as pdf:
            return sum(len(p.extract_tables()) for p in pdf.pages)

    tables(FILES[0])
    runs = []
    found = 0
    for _ in range(max(1, PASSES // 2)):
        start = time.perf_counter()
        found = sum(tables(f) for f in FILES)
        runs.append((time.perf_counter() - start) / len(FILES) * 1000)
    return statistics.median(runs), found


def peak_kb(cmd):
    """Peak resident memory of a child process (KB), via /usr/bin/time."""
    out = subprocess.run(["/usr/bin/time", "-f", "%M"] + cmd, stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE, text=True, check=False)
    return int(out.stderr.strip().splitlines()[-1])


def main():
    xxgk_one = one_process([XXGK, "check"], FILES * 4)
    xxgk_each = per_process(lambda f: [XXGK, "parse", f])
    layout = per_process(lambda f: ["pdftotext", "-layout", f, "-"])
    bbox = per_process(lambda f: ["pdftotext", "-bbox-layout", f, "-"])
    plumber, found = pdfplumber_warm()
    pages = sum(int(subprocess.run(["pdfinfo", f], capture_output=True, text=True).stdout
                    .split("Pages:")[1].split()[0]) for f in FILES)
    print(f"{len(FILES)} PDFs, {pages} pages, {sum(os.path.getsize(f) for f in FILES) // len(FILES) // 1024} KB "
          f"on average; {PASSES} passes, medians.\n")
    print("| reader | how | ms/report | xxgk is |")
    print("|---|---|---|---|")
    print(f"| `xxgk check` (the files 4 times, one process) | bytes -> Report, tables and findings | {xxgk_one:.1f} | |")
    print(f"| `xxgk parse` (one process per file) | bytes -> Report as JSON | {xxgk_each:.1f} | |")
    print(f"| `pdftotext -layout` | text only, one process per file | {layout:.1f} | "
          f"{layout / xxgk_each:.2f}x faster per process |")
    print(f"| `pdftotext -bbox-layout` | word boxes (XHTML), one process per file | {bbox:.1f} | "
          f"{bbox / xxgk_each:.2f}x faster per process |")
    print(f"| pdfplumber `extract_tables` (warm, in process; {found} tables) | cell text only | "
          f"{plumber:.1f} | {plumber / xxgk_one:.0f}x faster (in process) |")
    with tempfile.TemporaryDirectory() as tmp:
        big = os.path.join(tmp, "100pages.pdf")
        src = sorted(glob.glob(os.path.join(ROOT, "fixtures/layouts/*.lo-pdf.pdf")))
        subprocess.run(["qpdf", "--empty", "--pages"] + (src * 4)[:25] + ["--", big], check=True)
        n = subprocess.run(["pdfinfo", big], capture_output=True, text=True).stdout
        n = n.split("Pages:")[1].split()[0]
        print(f"\nPeak memory (max RSS) on one {n}-page PDF ({os.path.getsize(big) // 1024} KB):\n")
        print("| reader | peak MB |")
        print("|---|---|")
        print(f"| `xxgk parse` | {peak_kb([XXGK, 'parse', big]) / 1024:.1f} |")
        print(f"| `pdftotext -layout` | {peak_kb(['pdftotext', '-layout', big, '-']) / 1024:.1f} |")
        script = ("import pdfplumber,sys\n"
                  "with pdfplumber.open(sys.argv[1]) as p:\n"
                  "    [pg.extract_tables() for pg in p.pages]\n")
        print(f"| pdfplumber `extract_tables` | {peak_kb([sys.executable, '-c', script, big]) / 1024:.1f} |")


if __name__ == "__main__":
    main()
