"""Writes fixtures/hostile/: small files made to hurt a reader, each with the outcome xxgk must
give (EXPECTED.tsv: file, error kind or "ok"). Deterministic; standard library only.

The large cases (100,000 zip entries, a 200 MB text file) are built by tests/robustness.rs
instead of being committed.

usage: python3 scripts/make_hostile_fixtures.py
"""

import io
import os
import random
import struct
import zipfile

OUT = os.path.join(os.path.dirname(__file__), "..", "fixtures", "hostile")
SEED_TEXT = os.path.join(os.path.dirname(__file__), "..", "fixtures", "seeds", "003_fac3aa8f181fedbf.txt")

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
    'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>'
)
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def docx(document_xml: bytes) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("word/document.xml", document_xml)
    return buf.getvalue()


def declare_size(data: bytes, name: bytes, size: int) -> bytes:
    """Rewrites the uncompressed size of entry `name` in its local and central headers."""
    out = bytearray(data)
    for sig, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = 0
        while (at := out.find(sig, at)) >= 0:
            name_at = at + (30 if sig == b"PK\x03\x04" else 46)
            if out[name_at:name_at + len(name)] == name:
                struct.pack_into("<I", out, at + offset, size)
            at += 4
    return bytes(out)


def xlsx_with_cells(cells: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("xl/workbook.xml",
                   '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                   'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
                   '<sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels",
                   '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                   'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
        z.writestr("xl/worksheets/sheet1.xml",
                   '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                   f'<sheetData>{cells}</sheetData></worksheet>')
    return buf.getvalue()


def ole(extra: bytes) -> bytes:
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + extra + b"\0" * 1024


def word_doc_variants() -> dict:
    """Hostile variants of a real LibreOffice .doc: its FIB patched in place."""
    with open(os.path.join(os.path.dirname(OUT), "libreoffice", "003.doc"), "rb") as f:
        doc = f.read()
    fib = next(o for o in range(512, len(doc), 512) if doc[o:o + 2] == b"\xec\xa5")

    def patched(at: int, data: bytes) -> bytes:
        out = bytearray(doc)
        out[fib + at:fib + at + len(data)] = data
        return bytes(out)

    flags = int.from_bytes(doc[fib + 0x0A:fib + 0x0C], "little")
    # the FAT entry of the WordDocument stream's first sector points to itself: a loop
    fat_sector = int.from_bytes(doc[76:80], "little")
    first = fib // 512 - 1
    loop = bytearray(doc)
    at = 512 * (fat_sector + 1) + 4 * first
    loop[at:at + 4] = first.to_bytes(4, "little")
    return {
        "doc-encrypted.doc": (patched(0x0A, (flags | 0x0100).to_bytes(2, "little")), "encrypted"),
        "doc-word95.doc": (patched(0x02, (0x68).to_bytes(2, "little")), "unsupported"),
        "doc-huge-text.doc": (patched(0x4C, (0x7FFFFFF0).to_bytes(4, "little")), "limit_exceeded"),
        "doc-fat-loop.doc": (bytes(loop), "corrupt"),
    }


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = random.Random(20261123)
    files = {}
    # A zip bomb: 64 MB of one byte, about 64 KB packed, declaring 4 GB.
    bomb = docx(b"<w:document " + W.encode() + b">" + b" " * (64 << 20) + b"</w:document>")
    files["zip-bomb.docx"] = (declare_size(bomb, b"word/document.xml", 0xFFFFFFF0), "limit_exceeded")
    depth = 100_000
    files["deep-nesting.docx"] = (
        docx(f"<w:document {W}><w:body>".encode() + b"<a>" * depth + b"</a>" * depth
             + b"</w:body></w:document>"), "limit_exceeded")
    laughs = "".join(f'<!ENTITY l{i} "{"&l%d;" % (i - 1) * 10}">' for i in range(1, 10))
    files["entity-expansion.docx"] = (
        docx(f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY l0 "lol">{laughs}]>'
             f"<w:document {W}><w:body><w:p><w:r><w:t>&l9;</w:t></w:r></w:p></w:body></w:document>"
             .encode()), "ok")
    files["encrypted.docx"] = (ole("EncryptionInfo".encode("utf-16-le") + b"\0\0"
                                   + "EncryptedPackage".encode("utf-16-le")), "encrypted")
    files["doc-renamed.docx"] = (ole("WordDocument".encode("utf-16-le")), "unknown_format")
    files["png-renamed.xlsx"] = (b"\x89PNG\r\n\x1a\n" + bytes(rng.randrange(256) for _ in range(2048)),
                                 "unknown_format")
    files["empty.docx"] = (b"", "unknown_format")
    files["zero-byte-document.docx"] = (docx(b""), "ok")
    files["garbage.xlsx"] = (bytes(rng.randrange(256) for _ in range(4096)), "unknown_format")
    files["far-cell.xlsx"] = (xlsx_with_cells(
        '<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>'
        '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'), "limit_exceeded")
    files.update(word_doc_variants())
    with open(SEED_TEXT, encoding="utf-8") as f:
        files["utf16-no-bom.txt"] = (f.read().encode("utf-16-le"), "ok")
    for name, (data, _) in files.items():
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(data)
    with open(os.path.join(OUT, "EXPECTED.tsv"), "w", encoding="utf-8") as f:
        f.write("# file\texpected outcome (error kind, or ok)\n")
        for name, (_, kind) in sorted(files.items()):
            f.write(f"{name}\t{kind}\n")


if __name__ == "__main__":
    main()
