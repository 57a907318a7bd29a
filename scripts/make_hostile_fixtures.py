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


def entry(name: str) -> zipfile.ZipInfo:
    """A zip entry with a fixed date, so that the fixtures are the same bytes on every run."""
    info = zipfile.ZipInfo(name, (2026, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def docx(document_xml: bytes) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(entry("[Content_Types].xml"), CONTENT_TYPES)
        z.writestr(entry("word/document.xml"), document_xml)
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


XLSX_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
    'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/>'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
)


def xlsx_with_cells(cells: str, types: str = CONTENT_TYPES, shared: str = "",
                    doctype: str = "") -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(entry("[Content_Types].xml"), types)
        z.writestr(entry("_rels/.rels"),
                   '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                   'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        z.writestr(entry("xl/workbook.xml"),
                   '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                   'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
                   '<sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>')
        z.writestr(entry("xl/_rels/workbook.xml.rels"),
                   '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                   'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
        z.writestr(entry("xl/worksheets/sheet1.xml"),
                   '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                   f'<sheetData>{cells}</sheetData></worksheet>')
        if shared:
            z.writestr(entry("xl/sharedStrings.xml"),
                       f'{doctype}<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                       f'{shared}</sst>')
    return buf.getvalue()


def xlsb_record(kind: int, body: bytes = b"") -> bytes:
    """One BIFF12 record: type and size as 7-bit varints, then the body."""
    def varint(n: int, most: int) -> bytes:
        out = bytearray()
        for _ in range(most):
            byte, n = n & 0x7F, n >> 7
            out.append(byte | (0x80 if n else 0))
            if not n:
                break
        return bytes(out)
    return varint(kind, 2) + varint(len(body), 4) + body


def xlsb_with_cells(cells: list) -> bytes:
    """An XLSB workbook of one sheet holding number cells at (row, column)."""
    wide = lambda s: struct.pack("<I", len(s)) + s.encode("utf-16-le")
    book = (xlsb_record(0x0083) + xlsb_record(0x008F)
            + xlsb_record(0x009C, struct.pack("<II", 0, 1) + wide("rId1") + wide("S"))
            + xlsb_record(0x0090) + xlsb_record(0x0084))
    rows = max(r for r, _ in cells)
    cols = max(c for _, c in cells)
    sheet = xlsb_record(0x0081) + xlsb_record(0x0094, struct.pack("<IIII", 0, rows, 0, cols))
    sheet += xlsb_record(0x0091)
    for r, c in sorted(cells):
        sheet += xlsb_record(0x0000, struct.pack("<I", r) + bytes(13))
        sheet += xlsb_record(0x0005, struct.pack("<II", c, 0) + struct.pack("<d", 1.0))
    sheet += xlsb_record(0x0092) + xlsb_record(0x0082)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(entry("[Content_Types].xml"), CONTENT_TYPES)
        z.writestr(entry("xl/workbook.bin"), book)
        z.writestr(entry("xl/_rels/workbook.bin.rels"),
                   '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                   'relationships/worksheet" Target="worksheets/sheet1.bin"/></Relationships>')
        z.writestr(entry("xl/worksheets/sheet1.bin"), sheet)
    return buf.getvalue()


def ods_with_rows(rows: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(entry("mimetype"), "application/vnd.oasis.opendocument.spreadsheet",
                   compress_type=zipfile.ZIP_STORED)
        z.writestr(entry("META-INF/manifest.xml"),
                   '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
                   '<manifest:file-entry manifest:full-path="/" manifest:media-type='
                   '"application/vnd.oasis.opendocument.spreadsheet"/>'
                   '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                   '</manifest:manifest>')
        z.writestr(entry("content.xml"),
                   '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
                   'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
                   'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body>'
                   f'<office:spreadsheet><table:table table:name="S">{rows}</table:table>'
                   '</office:spreadsheet></office:body></office:document-content>')
    return buf.getvalue()


def biff(kind: int, body: bytes) -> bytes:
    return struct.pack("<HH", kind, len(body)) + body


def small_xls(cells: list) -> bytes:
    """An .xls whose Workbook stream is under 4,096 bytes, so that it lives in the OLE mini
    stream (64-byte sectors): one sheet of number cells at (row, column)."""
    sheet = biff(0x0809, struct.pack("<HHHHII", 0x0600, 0x0010, 0, 0, 0, 0))
    for r, c in cells:
        sheet += biff(0x0203, struct.pack("<HHHd", r, c, 0, 1.0))
    sheet += biff(0x000A, b"")
    globals_bof = biff(0x0809, struct.pack("<HHHHII", 0x0600, 0x0005, 0, 0, 0, 0))
    name = b"S"
    boundsheet_len = 4 + 6 + 2 + len(name)
    start = len(globals_bof) + boundsheet_len + 4
    wb = (globals_bof + biff(0x0085, struct.pack("<IBBBB", start, 0, 0, len(name), 0) + name)
          + biff(0x000A, b"") + sheet)
    mini = wb + b"\0" * (-len(wb) % 64)
    n_mini = len(mini) // 64
    n_data = -(-len(mini) // 512)
    end, free, fatsect, nostream = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF
    fat = [fatsect, end, end] + [3 + i + 1 for i in range(n_data - 1)] + [end]
    fat += [free] * (128 - len(fat))
    minifat = [i + 1 for i in range(n_mini - 1)] + [end]
    minifat += [free] * (128 - len(minifat))
    def dirent(nm: str, kind: int, child: int, start: int, size: int) -> bytes:
        raw = nm.encode("utf-16-le") + b"\0\0"
        return (raw.ljust(64, b"\0") + struct.pack("<HBB", len(raw), kind, 1)
                + struct.pack("<III", nostream, nostream, child) + bytes(16 + 4 + 16)
                + struct.pack("<IQ", start, size))
    directory = (dirent("Root Entry", 5, 1, 3, len(mini)) + dirent("Workbook", 2, nostream, 0, len(wb))
                 + bytes(256))
    header = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(16)
              + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + bytes(6)
              + struct.pack("<IIIIIIII", 0, 1, 1, 0, 4096, 2, 1, end) + struct.pack("<I", 0)
              + struct.pack("<I", 0) + struct.pack("<I", free) * 108)
    return (header + struct.pack("<128I", *fat) + directory + struct.pack("<128I", *minifat)
            + mini + b"\0" * (n_data * 512 - len(mini)))


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
    # A DIFAT sector of its own at the end, naming the FAT sector 127 times and itself as the
    # next DIFAT sector: a loop that once multiplied the FAT.
    k = (len(doc) - 512) // 512
    difat = bytearray(doc + struct.pack("<127I", *([fat_sector] * 127)) + struct.pack("<I", k))
    difat[68:72] = k.to_bytes(4, "little")
    difat[72:76] = (1).to_bytes(4, "little")
    return {
        "doc-difat-loop.doc": (bytes(difat), "ok"),
        "doc-encrypted.doc": (patched(0x0A, (flags | 0x0100).to_bytes(2, "little")), "encrypted"),
        "doc-word95.doc": (patched(0x02, (0x68).to_bytes(2, "little")), "unsupported"),
        "doc-huge-text.doc": (patched(0x4C, (0x7FFFFFF0).to_bytes(4, "little")), "limit_exceeded"),
        "doc-fat-loop.doc": (bytes(loop), "corrupt"),
    }


def pdf(objects: list, trailer: str = "") -> bytes:
    """A PDF from object bodies (object 1 is the catalog), with a correct xref table."""
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for o in offsets:
        out += f"{o:010d} 00000 n \n".encode()
    out += (f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R {trailer} >>\n"
            f"startxref\n{xref}\n%%EOF\n").encode()
    return bytes(out)


def stream(data: bytes, extra: str = "") -> bytes:
    return f"<< /Length {len(data)} {extra} >>\nstream\n".encode() + data + b"\nendstream"


def page_objects(content: bytes, resources: str = "") -> list:
    """Catalog, page tree, one A4 page with `content` as object 4."""
    return [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
            f"/Resources << {resources} >> >>".encode(),
            content]


def rc4(key: bytes, data: bytes) -> bytes:
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    out, i, j = bytearray(), 0, 0
    for b in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(b ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


def password_pdf() -> bytes:
    """Standard security handler revision 2 (RC4, 40 bits) with the user password "secret":
    the empty password does not open it."""
    import hashlib
    pad = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")
    padded = lambda pw: (pw + pad)[:32]
    owner = rc4(hashlib.md5(padded(b"owner")).digest()[:5], padded(b"secret"))
    ident = b"0123456789abcdef"
    perms = -4
    key = hashlib.md5(padded(b"secret") + owner + struct.pack("<i", perms) + ident).digest()[:5]
    user = rc4(key, pad)
    objs = page_objects(stream(b"BT ET"))
    objs.append(f"<< /Filter /Standard /V 1 /R 2 /O <{owner.hex()}> /U <{user.hex()}> "
                f"/P {perms} >>".encode())
    return pdf(objs, f"/Encrypt 5 0 R /ID [<{ident.hex()}> <{ident.hex()}>]")


def pdf_variants() -> dict:
    import zlib
    files = {}
    # 200 MB of zeros in a 200 KB content stream.
    bomb = zlib.compressobj(9)
    chunk = bytes(1 << 20)
    data = b"".join(bomb.compress(chunk) for _ in range(200)) + bomb.flush()
    files["pdf-flate-bomb.pdf"] = (pdf(page_objects(stream(data, "/Filter /FlateDecode"))),
                                   "limit_exceeded")
    # Forms that draw the next form ten times, 30 deep: 10^30 uses from a 3 KB file.
    depth = 30
    objs = page_objects(stream(b"/X0 Do"), "/XObject << /X0 5 0 R >>")
    for i in range(depth):
        body = b"/Xn Do " * 10 if i + 1 < depth else b"0 0 m 10 10 l S"
        res = f"/Resources << /XObject << /Xn {6 + i} 0 R >> >>" if i + 1 < depth else ""
        objs.append(stream(body, f"/Type /XObject /Subtype /Form /BBox [0 0 100 100] {res}"))
    files["pdf-form-fanout.pdf"] = (pdf(objs), "limit_exceeded")
    # 2,001 pages (the limit is 2,000), each the smallest page object there is.
    n = 2001
    kids = " ".join(f"{3 + i} 0 R" for i in range(n))
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            f"<< /Type /Pages /Kids [{kids}] /Count {n} /MediaBox [0 0 595 842] >>".encode()]
    objs += [b"<< /Type /Page /Parent 2 0 R >>"] * n
    files["pdf-many-pages.pdf"] = (pdf(objs), "limit_exceeded")
    files["pdf-password.pdf"] = (password_pdf(), "encrypted")
    files.update(pdf_attacks())
    rng = random.Random(7)
    files["pdf-garbage.pdf"] = (b"%PDF-1.7\n" + bytes(rng.randrange(256) for _ in range(4096)),
                                "corrupt")
    return files


def pdf_with_object_stream(catalog: bytes, objects: list, plain: list = ()) -> bytes:
    """A PDF 1.5 file: the catalog (object 1), `objects` (2..) in one Flate object stream,
    `plain` (streams cannot live in an object stream) after them, indexed by a Flate
    cross-reference stream. A million small objects cost a few kilobytes."""
    import zlib
    n = len(objects)
    heads, body = [], bytearray()
    for i, obj in enumerate(objects):
        heads.append(f"{i + 2} {len(body)}")
        body += obj + b" "
    head = " ".join(heads).encode() + b" "
    packed = zlib.compress(head + bytes(body), 9)
    out = bytearray(b"%PDF-1.7\n")
    offsets = [len(out)]
    out += b"1 0 obj\n" + catalog + b"\nendobj\n"
    for i, obj in enumerate(plain):
        offsets.append(len(out))
        out += f"{n + 2 + i} 0 obj\n".encode() + obj + b"\nendobj\n"
    stm = n + 2 + len(plain)
    offsets.append(len(out))
    out += (f"{stm} 0 obj\n<< /Type /ObjStm /N {n} /First {len(head)} /Filter /FlateDecode "
            f"/Length {len(packed)} >>\nstream\n").encode() + packed + b"\nendstream\nendobj\n"
    offsets.append(len(out))
    rows = bytearray(b"\x00" + bytes(4) + b"\xff\xff\xff")
    rows += b"\x01" + offsets[0].to_bytes(4, "big") + bytes(3)
    for i in range(n):
        rows += b"\x02" + stm.to_bytes(4, "big") + i.to_bytes(3, "big")
    for o in offsets[1:]:
        rows += b"\x01" + o.to_bytes(4, "big") + bytes(3)
    packed_rows = zlib.compress(bytes(rows), 9)
    out += (f"{stm + 1} 0 obj\n<< /Type /XRef /Size {stm + 2} /W [1 4 3] /Root 1 0 R "
            f"/Filter /FlateDecode /Length {len(packed_rows)} >>\nstream\n").encode()
    out += packed_rows + b"\nendstream\nendobj\n"
    out += f"startxref\n{offsets[-1]}\n%%EOF\n".encode()
    return bytes(out)


def lzw(data: bytes) -> bytes:
    """LZW as PDF writes it (MSB first, early change 1), the table cleared when full."""
    out, acc, nbits = bytearray(), 0, 0

    def put(code, width):
        nonlocal acc, nbits
        acc = (acc << width) | code
        nbits += width
        while nbits >= 8:
            nbits -= 8
            out.append((acc >> nbits) & 0xFF)

    table = {bytes([i]): i for i in range(256)}
    width, cur = 9, b""
    put(256, width)
    for b in data:
        nxt = cur + bytes([b])
        if nxt in table:
            cur = nxt
            continue
        put(table[cur], width)
        table[nxt] = len(table) + 2 if len(table) >= 256 else len(table)
        code = len(table) + 1
        if code >= 4095:
            put(256, width)
            table = {bytes([i]): i for i in range(256)}
            width = 9
        elif code + 1 >= (1 << width):
            width += 1
        cur = bytes([b])
    put(table[cur], width)
    put(257, width)
    if nbits:
        put(0, 8 - nbits)
    return bytes(out)


def pdf_attacks() -> dict:
    """The families of the second attack on the PDF reader (#31): each must fail alone, in
    seconds and bounded memory, whatever spelling hides it."""
    import zlib
    files = {}
    big = 130 << 20  # decoded size of each bomb: over the 128 MiB stream limit
    zeros = zlib.compressobj(9)
    chunk = bytes(1 << 20)
    flate = b"".join(zeros.compress(chunk) for _ in range(big >> 20)) + zeros.flush()

    def page(content: bytes, resources: str = "", extra: list = ()) -> bytes:
        return pdf(page_objects(content, resources) + list(extra))

    for name, filt in [("abbreviated", "/Filter /Fl"), ("escaped-name", "/Filter /Fl#61teDecode"),
                       ("array-filter", "/Filter [/FlateDecode]")]:
        files[f"pdf-bomb-{name}.pdf"] = (page(stream(flate, filt)), "limit_exceeded")
    files["pdf-bomb-comment.pdf"] = (page(
        f"<< /Length {len(flate)} /Filter /FlateDecode >> % a comment\nstream\n".encode()
        + flate + b"\nendstream"), "limit_exceeded")
    files["pdf-bomb-long-dict.pdf"] = (page(stream(
        flate, "/Filter /FlateDecode /Pad <" + "00" * 3000 + ">")), "limit_exceeded")
    files["pdf-bomb-obj-in-name.pdf"] = (page(stream(flate, "/Filter /FlateDecode /Xobj 1")),
                                         "limit_exceeded")
    files["pdf-bomb-image-in-string.pdf"] = (page(stream(
        flate, "/Filter /FlateDecode /Note (/Subtype/Image)")), "limit_exceeded")
    files["pdf-bomb-indirect-filter.pdf"] = (page(stream(flate, "/Filter 5 0 R"), "",
                                                  [b"/FlateDecode"]), "limit_exceeded")
    # `endstream` as the first bytes of the data: a stored deflate block carries them verbatim.
    lead = b"endstream\n"
    raw = zlib.compressobj(9, zlib.DEFLATED, -15)
    tail = b"".join(raw.compress(chunk) for _ in range(big >> 20)) + raw.flush()
    adler = zlib.adler32(lead)
    for _ in range(big >> 20):
        adler = zlib.adler32(chunk, adler)
    stored = b"\x00" + len(lead).to_bytes(2, "little") + (len(lead) ^ 0xFFFF).to_bytes(2, "little")
    hidden = b"\x78\xda" + stored + lead + tail + adler.to_bytes(4, "big")
    files["pdf-bomb-endstream-inside.pdf"] = (page(stream(hidden, "/Filter /FlateDecode")),
                                              "limit_exceeded")
    files["pdf-bomb-lzw.pdf"] = (page(stream(lzw(bytes(big)), "/Filter /LZWDecode")),
                                 "limit_exceeded")
    # Flate of run-length data: 128 zeros per two bytes, then 1,000x again.
    runs = b"\x81\x00" * ((1 << 30) // 128)
    files["pdf-bomb-flate-runlength.pdf"] = (page(stream(
        zlib.compress(runs, 9), "/Filter [/FlateDecode /RunLengthDecode]")), "limit_exceeded")
    # The same bomb encrypted with RC4 (revision 2, empty user password): decrypted first.
    import hashlib
    pad = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")
    owner = rc4(hashlib.md5(pad).digest()[:5], pad)
    ident = b"0123456789abcdef"
    key = hashlib.md5(pad + owner + struct.pack("<i", -4) + ident).digest()[:5]
    obj_key = hashlib.md5(key + (4).to_bytes(3, "little") + (0).to_bytes(2, "little")).digest()[:10]
    objs = page_objects(stream(rc4(obj_key, flate), "/Filter /FlateDecode"))
    objs.append(f"<< /Filter /Standard /V 1 /R 2 /O <{owner.hex()}> /U <{rc4(key, pad).hex()}> "
                f"/P -4 >>".encode())
    files["pdf-bomb-rc4.pdf"] = (pdf(objs, f"/Encrypt 5 0 R /ID [<{ident.hex()}> <{ident.hex()}>]"),
                                 "limit_exceeded")
    # A cross-reference stream of 17 million one-byte entries (/W [0 1 0]) from 17 KB.
    n = 17_000_000
    data = zlib.compress(bytes(n), 9)
    body = (f"1 0 obj\n<< /Type /XRef /Size {n} /W [0 1 0] /Filter /FlateDecode "
            f"/Length {len(data)} >>\nstream\n").encode() + data + b"\nendstream\nendobj\n"
    files["pdf-xref-stream-w010.pdf"] = (b"%PDF-1.7\n" + body + b"startxref\n9\n%%EOF\n",
                                         "limit_exceeded")
    # A page tree naming one page a million times.
    n = 1_000_000
    kids = " ".join(["3 0 R"] * n)
    files["pdf-million-pages.pdf"] = (pdf_with_object_stream(
        b"<< /Type /Catalog /Pages 2 0 R >>",
        [f"<< /Type /Pages /Kids [{kids}] /Count {n} >>".encode(),
         b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"]), "ok")
    # A shading whose PostScript function nests 50,000 procedures.
    prog = zlib.compress(b"{" * 50_000 + b"}" * 50_000, 9)
    shading = b"<< /ShadingType 2 /ColorSpace /DeviceGray /Coords [0 0 100 0] /Function 5 0 R >>"
    files["pdf-function-nesting.pdf"] = (page(
        b"/Sh0 sh", "/Shading << /Sh0 6 0 R >>",
        [stream(prog, "/FunctionType 4 /Domain [0 1] /Range [0 1] /Filter /FlateDecode"),
         shading]), "limit_exceeded")
    # Stitching functions 30,000 deep, each naming the next (objects 4..).
    n = 30_000
    funcs = [f"<< /FunctionType 3 /Domain [0 1] /Functions [{i + 5} 0 R] /Bounds [] "
             f"/Encode [0 1] >>".encode() for i in range(n)]
    funcs.append(b"<< /FunctionType 2 /Domain [0 1] /C0 [0] /C1 [1] /N 1 >>")
    shading = f"{n + 5} 0 R".encode()
    files["pdf-stitching-nesting.pdf"] = (pdf_with_object_stream(
        b"<< /Type /Catalog /Pages 2 0 R >>",
        [b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
         b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents " + f"{n + 6}".encode()
         + b" 0 R /Resources << /Shading << /Sh0 " + shading + b" >> >> >>"]
        + funcs + [b"<< /ShadingType 2 /ColorSpace /DeviceGray /Coords [0 0 100 0] /Function 4 0 R >>"],
        [stream(b"/Sh0 sh")]), "limit_exceeded")
    # The same chain listed leaf first (object 4 the leaf, each next one naming the one
    # before): a walk that trusted remembered heights would see depth 2 at every step.
    n = 2_000
    funcs = [b"<< /FunctionType 2 /Domain [0 1] /C0 [0] /C1 [1] /N 1 >>"]
    funcs += [f"<< /FunctionType 3 /Domain [0 1] /Functions [{i + 3} 0 R] /Bounds [] "
              f"/Encode [0 1] >>".encode() for i in range(1, n)]
    files["pdf-stitching-leaf-first.pdf"] = (pdf_with_object_stream(
        b"<< /Type /Catalog /Pages 2 0 R >>",
        [b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
         b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents " + f"{n + 5}".encode()
         + b" 0 R /Resources << /Shading << /Sh0 " + f"{n + 4}".encode() + b" 0 R >> >> >>"]
        + funcs + [f"<< /ShadingType 2 /ColorSpace /DeviceGray /Coords [0 0 100 0] "
                   f"/Function {n + 3} 0 R >>".encode()],
        [stream(b"/Sh0 sh")]), "limit_exceeded")
    # A damaged stored block in front of the bomb: a strict inflater stops there, a lenient
    # one (the interpreter's fallback) reads on.
    broken = b"\x78\xda\x00\x05\x00\x00\x00" + tail
    files["pdf-bomb-damaged-flate.pdf"] = (page(stream(broken, "/Filter /FlateDecode")),
                                           "limit_exceeded")
    # A cross-reference stream that declares 5 objects and indexes 17 million.
    n = 17_000_000
    data = zlib.compress(bytes(n), 9)
    body = (f"1 0 obj\n<< /Type /XRef /Size 5 /Index [0 {n}] /W [0 1 0] /Filter /FlateDecode "
            f"/Length {len(data)} >>\nstream\n").encode() + data + b"\nendstream\nendobj\n"
    files["pdf-xref-stream-index.pdf"] = (b"%PDF-1.7\n" + body + b"startxref\n9\n%%EOF\n",
                                          "limit_exceeded")
    # An object stream (decoded while the file is opened) behind an escaped filter name.
    objstm = (f"2 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /Fl#61teDecode "
              f"/Length {len(flate)} >>\nstream\n").encode() + flate + b"\nendstream\nendobj\n"
    files["pdf-objstm-bomb-escaped.pdf"] = (
        b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 3 0 R >>\nendobj\n" + objstm
        + b"trailer\n<< /Size 4 /Root 1 0 R >>\n%%EOF\n", "limit_exceeded")
    # 3,000 x 3,000 ruling lines, 3 points apart on a page of 9,000 points.
    lines = "".join(f"0 {i * 3} m 9000 {i * 3} l S {i * 3} 0 m {i * 3} 9000 l S\n"
                    for i in range(3000)).encode()
    objs = page_objects(stream(zlib.compress(lines, 9), "/Filter /FlateDecode"))
    objs[2] = objs[2].replace(b"[0 0 595 842]", b"[0 0 9000 9000]")
    files["pdf-ruling-grid.pdf"] = (pdf(objs), "ok")  # lines and no text: a scan
    # Three lines of 200,000 digits, each its own column.
    row = b"[" + b"(1) -3000 " * 200_000 + b"] TJ\n"
    text = b"BT /F1 1 Tf 10 800 Td " + row + b"0 -20 Td " + row + b"0 -20 Td " + row + b"ET"
    files["pdf-digit-columns.pdf"] = (page(
        stream(zlib.compress(text, 9), "/Filter /FlateDecode"),
        "/Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >>"), "limit_exceeded")
    return files


OFD_NS = 'xmlns:ofd="http://www.ofdspec.org/2016"'


def ofd(content: bytes, pages: int = 1, document: bytes = b"") -> bytes:
    """An OFD package whose pages all show `content` (a page's Content.xml body)."""
    listed = "".join(f'<ofd:Page ID="{n + 1}" BaseLoc="Pages/Page_0/Content.xml"/>' for n in range(pages))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(entry("OFD.xml"), f'<ofd:OFD {OFD_NS} Version="1.0" DocType="OFD"><ofd:DocBody>'
                   '<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>')
        z.writestr(entry("Doc_0/Document.xml"), document or (
            f'<ofd:Document {OFD_NS}><ofd:CommonData><ofd:PageArea><ofd:PhysicalBox>0 0 210 297'
            f'</ofd:PhysicalBox></ofd:PageArea></ofd:CommonData><ofd:Pages>{listed}</ofd:Pages>'
            '</ofd:Document>').encode())
        z.writestr(entry("Doc_0/Pages/Page_0/Content.xml"),
                   f"<ofd:Page {OFD_NS}><ofd:Content><ofd:Layer>".encode() + content
                   + b"</ofd:Layer></ofd:Content></ofd:Page>")
    return buf.getvalue()


def ofd_attacks() -> dict:
    """OFDs that try the reader's limits: each is refused (or read) within them."""
    text = (b'<ofd:TextObject ID="1" Boundary="10 10 100 10" Size="5">'
            b'<ofd:TextCode X="0" Y="4" DeltaX="%s">%s</ofd:TextCode></ofd:TextObject>')
    bomb = ofd(b" " * (64 << 20))
    return {
        # 64 MB of spaces in a page, declaring 4 GB.
        "ofd-zip-bomb.ofd": (declare_size(bomb, b"Doc_0/Pages/Page_0/Content.xml", 0xFFFFFFF0),
                             "limit_exceeded"),
        "ofd-deep-nesting.ofd": (ofd(b"<ofd:PageBlock>" * 1_000 + b"</ofd:PageBlock>" * 1_000),
                                 "limit_exceeded"),
        # A repeat count of four billion over three characters: three glyphs are placed.
        "ofd-huge-delta-repeat.ofd": (ofd(text % (b"g 4000000000 5", "年度报告".encode())), "ok"),
        # Two million points in one path (12 MB of XML packed 678:1): refused before it is read.
        "ofd-path-points.ofd": (ofd(b'<ofd:PathObject Boundary="0 0 100 100"><ofd:AbbreviatedData>M 0 0 '
                                    + b"L 1 1 " * 2_000_000 + b"</ofd:AbbreviatedData></ofd:PathObject>"),
                                "limit_exceeded"),
        # Sixty thousand glyphs on one page.
        "ofd-glyph-flood.ofd": (ofd(text % (b"g 59999 1", "字".encode() * 60_000)), "limit_exceeded"),
        # One page listed 5,000 times.
        "ofd-many-pages.ofd": (ofd(b"", pages=5_000), "limit_exceeded"),
        # A page outside the package (a path climbing out of it): a missing part.
        "ofd-traversal.ofd": (ofd(b"", document=(
            f'<ofd:Document {OFD_NS}><ofd:Pages><ofd:Page ID="1" BaseLoc="../../../../etc/passwd"/>'
            '</ofd:Pages></ofd:Document>').encode()), "corrupt"),
        "ofd-no-root.ofd": (no_root_ofd(), "corrupt"),
    }


def no_root_ofd() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(entry("OFD.xml"), f'<ofd:OFD {OFD_NS}><ofd:DocBody/></ofd:OFD>')
    return buf.getvalue()


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
                                 "corrupt")
    files["empty.docx"] = (b"", "unknown_format")
    files["zero-byte-document.docx"] = (docx(b""), "ok")
    files["garbage.xlsx"] = (bytes(rng.randrange(256) for _ in range(4096)), "unknown_format")
    files["far-cell.xlsx"] = (xlsx_with_cells(
        '<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>'
        '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'), "limit_exceeded")
    # Spellings of a far cell that a byte scan for `<c r="` misses (each once aborted the
    # process): no `r` in a far row, single quotes, a line break after `<c`.
    files["far-row-no-ref.xlsx"] = (xlsx_with_cells(
        '<row r="1"><c t="inlineStr"><is><t>x</t></is></c></row>'
        '<row r="1048576"><c><v>1</v></c><c><v>1</v></c></row>', XLSX_TYPES), "limit_exceeded")
    files["far-cell-single-quotes.xlsx"] = (xlsx_with_cells(
        "<row r='1'><c r='A1'><v>1</v></c><c r='Z200000'><v>1</v></c></row>", XLSX_TYPES),
        "limit_exceeded")
    files["far-cell-newline.xlsx"] = (xlsx_with_cells(
        '<row r="1"><c r="A1"><v>1</v></c><c\n\tr="CV300000"><v>1</v></c></row>', XLSX_TYPES),
        "limit_exceeded")
    files["ods-repeated-rows.ods"] = (ods_with_rows(
        '<table:table-row table:number-rows-repeated="1048000"><table:table-cell '
        'office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell>'
        '</table:table-row>'), "limit_exceeded")
    # Text multiplied by reference: every cell that uses a shared string, and every repeat of
    # an ODS cell, gets its own copy in the reader (500 KB x 100 = 50 MB from a 1 KB file).
    files["shared-string-copies.xlsx"] = (xlsx_with_cells(
        "<row r='1'>" + "".join(f'<c r="{chr(65 + i % 26)}{1 + i // 26}" t="s"><v>0</v></c>'
                                for i in range(100)) + "</row>",
        XLSX_TYPES, shared="<si><t>" + "x" * 500_000 + "</t></si>"), "limit_exceeded")
    files["ods-repeated-text.ods"] = (ods_with_rows(
        '<table:table-row table:number-rows-repeated="10"><table:table-cell '
        'table:number-columns-repeated="50" office:value-type="string"><text:p>'
        + "x" * 100_000 + '</text:p></table:table-cell></table:table-row>'), "limit_exceeded")
    # A DTD in the shared strings (an internal entity, and an external one that must never be
    # fetched): the workbook reads, with no entity expanded.
    files["doctype-shared-strings.xlsx"] = (xlsx_with_cells(
        '<row r="1"><c r="A1" t="s"><v>0</v></c></row>', XLSX_TYPES,
        shared='<si><t>x</t></si>', doctype='<!DOCTYPE sst [<!ENTITY e SYSTEM '
        '"file:///etc/passwd"><!ENTITY a "&e;&e;">]>'), "ok")
    # XLSB: the same far cell in binary records (calamine's dense grid: 16 GB).
    files["far-cell.xlsb"] = (xlsb_with_cells([(0, 0), (1_048_575, 16_383)]), "limit_exceeded")
    # XLS: a far cell in a Workbook stream small enough to live in the OLE mini stream.
    files["far-cell-mini-stream.xls"] = (small_xls([(0, 0), (65_535, 255)]), "limit_exceeded")
    files.update(word_doc_variants())
    files.update(pdf_variants())
    files.update(ofd_attacks())
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
