#!/usr/bin/env python3
"""Writes the generated PDFs of tests/data/reliability/ (issue 20, part 9):
PDFs that other readers open and ptsm refused.

  encrypted-attachment-only.pdf  /Encrypt V4 R4 whose strings and streams are
                                 not encrypted (/StmF and /StrF /Identity),
                                 only embedded files (/EFF /StdCF), as pdf.js's
                                 `encrypted-attachment`: the user password is
                                 not empty (real /O and /U values), so a reader
                                 that authenticates first asks for it, while
                                 pdftotext and MuPDF read the text.
  header-after-1k.pdf            2 KB of mail headers before %PDF- (pdf.js's
                                 `bug1606566`: the header is found further on).
  page-tree-cycle.pdf            the root /Pages lists a node whose /Kids lead
                                 back to the root, then the one real page.
  flate-cut-short.pdf            a FlateDecode content stream cut in the middle
                                 (its /Length says so): the text before the cut
                                 inflates, the rest is lost (README's promised
                                 pdf_content_error warning).
  string-cut-short.pdf           a content stream that ends inside a string.

Run from anywhere: python3 tests/data/reliability/make.py
"""
import hashlib
import os

HERE = os.path.dirname(os.path.abspath(__file__))
PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def rc4(key, data):
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    out = bytearray()
    i = j = 0
    for b in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(b ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


def r4_values(owner, user, p, file_id, n=16):
    """/O and /U of the standard security handler, revision 4 (ISO 32000-1
    algorithms 3, 2 and 5)."""
    def pad(pw):
        return (pw + PAD)[:32]
    h = hashlib.md5(pad(owner)).digest()
    for _ in range(50):
        h = hashlib.md5(h[:n]).digest()
    okey = h[:n]
    o = rc4(okey, pad(user))
    for i in range(1, 20):
        o = rc4(bytes(b ^ i for b in okey), o)
    k = hashlib.md5(pad(user) + o + p.to_bytes(4, "little", signed=True) + file_id).digest()
    for _ in range(50):
        k = hashlib.md5(k[:n]).digest()
    key = k[:n]
    u = rc4(key, hashlib.md5(PAD + file_id).digest())
    for i in range(1, 20):
        u = rc4(bytes(b ^ i for b in key), u)
    return o, u + bytes(16)


def pdf(objects, trailer_extra=b"", prefix=b""):
    """A PDF of `objects` (bodies without `N 0 obj`), numbered from 1, with a
    correct cross-reference table; offsets count from %PDF-."""
    out = bytearray(b"%PDF-1.6\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R " % (len(objects) + 1) + trailer_extra + b">>\n"
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return prefix + bytes(out)


def stream(data, extra=b""):
    return b"<< /Length %d " % len(data) + extra + b">>\nstream\n" + data + b"\nendstream"


PAGE = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>"
FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"


def content(*lines):
    ops = b"BT /F1 12 Tf 72 760 Td 14 TL\n"
    for line in lines:
        ops += b"(" + line.encode("cp1252") + b") Tj T*\n"
    return stream(ops + b"ET")


def encrypted_attachment_only():
    file_id = bytes.fromhex("5ea1c0ffee00112233445566778899aa")
    o, u = r4_values(b"proprietaire", b"piece-jointe", -4, file_id)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles << /Names [(annexe.txt) 7 0 R] >> >> >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        PAGE,
        FONT,
        content("Projet territorial de sant\xe9 mentale de la Meuse",
                "La pi\xe8ce jointe est chiffr\xe9e, le texte ne l'est pas."),
        b"<< /Filter /Standard /V 4 /R 4 /Length 128 /P -4 /O <" + o.hex().encode()
        + b"> /U <" + u.hex().encode()
        + b"> /CF << /StdCF << /CFM /AESV2 /AuthEvent /EFOpen /Length 16 >> >>"
        + b" /StmF /Identity /StrF /Identity /EFF /StdCF >>",
        b"<< /Type /Filespec /F (annexe.txt) /EF << /F 8 0 R >> >>",
        # The attachment's bytes stand for AES data: never read.
        stream(bytes(range(32)), b"/Type /EmbeddedFile "),
    ]
    ident = b"<" + file_id.hex().encode() + b">"
    return pdf(objects, b"/Encrypt 6 0 R /ID [" + ident + b" " + ident + b"] ")


def header_after_1k():
    junk = b"".join(
        b"X-Header-%04d: une ligne d'en-t\xc3\xaate de courriel avant le PDF\r\n" % i
        for i in range(40)
    ) + b"\r\n"
    assert len(junk) > 1024
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        PAGE,
        FONT,
        content("Contrat territorial de sant\xe9 mentale", "apr\xe8s deux kilo-octets d'en-t\xeates"),
    ]
    return pdf(objects, prefix=junk)


def page_tree_cycle():
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [6 0 R 3 0 R] /Count 1 >>",
        PAGE,
        FONT,
        content("La page valide d'un arbre de pages en boucle"),
        b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 0 >>",
    ]
    return pdf(objects)


def flate_cut_short():
    import zlib
    text = b"BT /F1 12 Tf 72 760 Td 14 TL\n" + b"".join(
        b"(Ligne %d du contrat territorial de sante mentale) Tj T*\n" % i for i in range(60)
    ) + b"ET"
    packed = zlib.compress(text)
    cut = packed[: len(packed) // 2]
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        PAGE,
        FONT,
        stream(cut, b"/Filter /FlateDecode "),
    ]
    return pdf(objects)


def string_cut_short():
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        PAGE,
        FONT,
        stream(b"BT /F1 12 Tf 72 760 Td (Avant la coupure) Tj 0 -14 Td (Apr\xe8s la coup"),
    ]
    return pdf(objects)


for name, make in [
    ("flate-cut-short.pdf", flate_cut_short),
    ("string-cut-short.pdf", string_cut_short),
    ("encrypted-attachment-only.pdf", encrypted_attachment_only),
    ("header-after-1k.pdf", header_after_1k),
    ("page-tree-cycle.pdf", page_tree_cycle),
]:
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(make())
