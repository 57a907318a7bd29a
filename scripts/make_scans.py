#!/usr/bin/env python3
"""Makes scanned reports from text PDFs the way offices make them: the signed, stamped
printout put through a copier or a scanner, or photographed with a phone.

    python3 scripts/make_scans.py OUTDIR SEED FILE.pdf...   # a scan of each, profile by seed
    python3 scripts/make_scans.py --fixtures                 # fixtures/scans/ (the set CI reads)

Each page is rendered by pdftoppm at the profile's resolution, then, as the profile says:
grey or colour; turned by up to ±2°; a copier's background (paper tone, speckles, a faint
streak); a red round seal over the corner of the first table and another at the signature;
a phone photo's perspective and uneven light; JPEG at a chosen quality. The pages are
written as a PDF of images (img2pdf: each page one JPEG, no text layer), or as a multi-page
TIFF. Each scan gets its PDF's truth file. Deterministic: the same seed and inputs make the
same files. Needs pdftoppm (poppler-utils) and, in the Python that runs it, Pillow, numpy,
img2pdf and pdfplumber (to find the tables the seals cover).
"""
import io
import json
import math
import os
import random
import shutil
import subprocess
import sys
import tempfile

import img2pdf
import numpy as np
import pdfplumber
from PIL import Image, ImageDraw, ImageFilter, ImageFont

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")

# The profiles offices' scans fall into (dpi, colour, turn, copier, seal, photo, quality).
PROFILES = {
    "clean300": dict(dpi=300, colour=False, turn=0.0, copier=False, seal=False, photo=False, quality=70),
    "scanner200": dict(dpi=200, colour=False, turn=0.5, copier=False, seal=False, photo=False, quality=80),
    "grey200": dict(dpi=200, colour=False, turn=0.6, copier=True, seal=False, photo=False, quality=75),
    "sealed200": dict(dpi=200, colour=True, turn=-1.2, copier=False, seal=True, photo=False, quality=80),
    "noisy150": dict(dpi=150, colour=False, turn=1.8, copier=True, seal=True, photo=False, quality=70),
    "colour150": dict(dpi=150, colour=True, turn=-2.0, copier=True, seal=True, photo=False, quality=65),
    "photo200": dict(dpi=200, colour=True, turn=0.9, copier=False, seal=True, photo=True, quality=80),
}

# fixtures/scans: (source under ROOT, profile, output kind).
FIXTURES = [
    ("fixtures/pdf/r5151-000002.lo-pdf.cairo.pdf", "clean300", "pdf"),
    ("fixtures/pdf/r5151-000004.lo-pdf.gs.pdf", "noisy150", "pdf"),
    ("fixtures/pdf/r5151-000005.lo-pdf.cairo.pdf", "sealed200", "pdf"),
    ("fixtures/pdf/001.utf8.wk.pdf", "colour150", "pdf"),
    ("fixtures/pdf/003.utf8.wk.cairo.pdf", "scanner200", "tiff"),
    ("fixtures/pdf/r5151-000007.lo-pdf.gs.pdf", "photo200", "pdf"),
]


def render(pdf, dpi, colour, folder):
    prefix = os.path.join(folder, "p")
    args = ["pdftoppm", "-r", str(dpi), "-png"] + ([] if colour else ["-gray"])
    subprocess.run(args + [pdf, prefix], check=True)
    names = sorted(
        (f for f in os.listdir(folder) if f.startswith("p-")), key=lambda f: int(f[2:-4])
    )
    return [Image.open(os.path.join(folder, f)).convert("RGB") for f in names]


def first_table_corner(pdf):
    """(page index, x, y in points) of the top right corner of the first ruled table."""
    with pdfplumber.open(pdf) as doc:
        for i, page in enumerate(doc.pages):
            tables = page.find_tables()
            if tables:
                x0, top, x1, bottom = tables[0].bbox
                return i, x1, top
    return None


def seal(size, rng):
    """A red round seal: a ring, a star, and an arc of characters, on transparency."""
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    red = (215, 30, 35, 200)
    w = max(3, size // 28)
    d.ellipse([w, w, size - w, size - w], outline=red, width=w)
    c, r = size / 2, size * 0.13
    star = []
    for k in range(10):
        a = -math.pi / 2 + k * math.pi / 5
        rr = r if k % 2 == 0 else r * 0.4
        star.append((c + rr * math.cos(a), c + rr * math.sin(a)))
    d.polygon(star, fill=red)
    font = chinese_font(int(size * 0.11))
    text = "政务公开专用章" if rng.random() < 0.5 else "办公室"
    n = len(text)
    for k, ch in enumerate(text):
        a = math.pi * (1.15 + 0.7 * (k + 0.5) / n)
        x = c + size * 0.34 * math.cos(a)
        y = c + size * 0.34 * math.sin(a)
        d.text((x, y), ch, fill=red, font=font, anchor="mm")
    return img


def chinese_font(size):
    for path in (
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
        "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
        "/usr/share/fonts/truetype/arphic/uming.ttc",
    ):
        if os.path.exists(path):
            return ImageFont.truetype(path, size)
    return ImageFont.load_default()


def copier(img, rng):
    a = np.asarray(img).astype(np.float32)
    h, w = a.shape[:2]
    tone = 235 + rng.random() * 12
    a = a * (tone / 255.0)
    noise = np.random.default_rng(rng.randrange(1 << 30)).normal(0, 6, a.shape[:2])
    a += noise[..., None]
    specks = np.random.default_rng(rng.randrange(1 << 30)).random(a.shape[:2]) < 0.0004
    a[specks] = 40
    x = rng.randrange(w)
    a[:, x : x + max(2, w // 400)] *= 0.9
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))


def photo(img, rng):
    w, h = img.size
    # Perspective: the corners pulled in by up to 3% of the page.
    m = lambda: rng.uniform(0, 0.03)
    quad = (m() * w, m() * h, m() * w, h - m() * h, w - m() * w, h - m() * h, w - m() * w, m() * h)
    img = img.transform((w, h), Image.QUAD, quad, resample=Image.BICUBIC, fillcolor=(255, 255, 255))
    a = np.asarray(img).astype(np.float32)
    yy, xx = np.mgrid[0:h, 0:w]
    cx, cy = rng.uniform(0.2, 0.8) * w, rng.uniform(0.2, 0.8) * h
    light = 1.0 - 0.28 * np.hypot((xx - cx) / w, (yy - cy) / h)
    a *= light[..., None]
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(0.6))


def scan(pdf, profile, kind, out, seed):
    p = PROFILES[profile]
    rng = random.Random(f"{seed}:{os.path.basename(pdf)}:{profile}")
    with tempfile.TemporaryDirectory() as folder:
        pages = render(pdf, p["dpi"], p["colour"] or p["seal"], folder)
    s = p["dpi"] / 72
    if p["seal"]:
        size = int(42 * p["dpi"] / 25.4)  # a 42 mm seal
        corner = first_table_corner(pdf)
        if corner:
            i, x, y = corner
            pages[i].paste(st := seal(size, rng), (int(x * s - size * 0.6), int(y * s - size * 0.4)), st)
        last = pages[-1]
        w, h = last.size
        st = seal(size, rng)
        last.paste(st, (int(w * 0.62), int(h * rng.uniform(0.55, 0.75))), st)
    done = []
    for img in pages:
        if not p["colour"]:
            img = img.convert("L").convert("RGB")
        if p["copier"]:
            img = copier(img, rng)
        turn = p["turn"] * rng.uniform(0.7, 1.0)
        img = img.rotate(-turn, resample=Image.BICUBIC, fillcolor=(255, 255, 255), expand=False)
        if p["photo"]:
            img = photo(img, rng)
        if not p["colour"]:
            img = img.convert("L")
        done.append(img)
    os.makedirs(os.path.dirname(out) or ".", exist_ok=True)
    if kind == "tiff":
        done[0].save(out, save_all=True, append_images=done[1:], compression="tiff_deflate", dpi=(p["dpi"], p["dpi"]))
    else:
        jpegs = []
        for img in done:
            buf = io.BytesIO()
            img.save(buf, "JPEG", quality=p["quality"], dpi=(p["dpi"], p["dpi"]))
            jpegs.append(buf.getvalue())
        a4 = img2pdf.get_layout_fun((img2pdf.mm_to_pt(210), img2pdf.mm_to_pt(297)))
        with open(out, "wb") as f:
            f.write(img2pdf.convert(jpegs, layout_fun=a4))
    truth = pdf[: -len(".pdf")] + ".truth.json"
    if os.path.exists(truth):
        shutil.copyfile(truth, out.rsplit(".", 1)[0] + ".truth.json")


def main():
    if sys.argv[1:] == ["--fixtures"]:
        out = os.path.join(ROOT, "fixtures", "scans")
        shutil.rmtree(out, ignore_errors=True)
        for src, profile, kind in FIXTURES:
            name = os.path.basename(src)[: -len(".pdf")]
            scan(os.path.join(ROOT, src), profile, kind, os.path.join(out, f"{name}.{profile}.{kind}"), 28)
        return
    out, seed, files = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
    names = sorted(PROFILES)
    for n, pdf in enumerate(files):
        profile = names[random.Random(f"{seed}:{n}").randrange(len(names))]
        name = os.path.basename(pdf)[: -len(".pdf")]
        scan(pdf, profile, "pdf", os.path.join(out, f"{name}.{profile}.pdf"), seed)


if __name__ == "__main__":
    main()
