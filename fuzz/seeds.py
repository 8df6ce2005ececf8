#!/usr/bin/env python3
"""Writes small hand-made seed PDFs for the `pdf` fuzz target.

Usage: python3 fuzz/seeds.py OUTDIR

The corpus PDFs are big and their streams are compressed, which mutations
rarely get through. These seeds are a few hundred bytes each, mostly
uncompressed, and each one exercises one part of the reader: simple fonts
(standard 14, /Differences, /Widths), Type0 with a ToUnicode CMap and /W,
Identity-V, Type 3, an embedded CMap /Encoding, form XObjects (nested,
self-drawing), images (XObject and inline), marked content with
/ActualText, /Rotate and inherited attributes, a cross-reference stream
with an object stream, an incremental update, and French text that reaches
the segment and extract stages. Only the standard library is used.
"""

import os
import sys
import zlib


def pdf(objects, root=1, version="1.4"):
    """objects: list of bytes (object bodies, numbered from 1).
    A body starting with b'STREAM' is (dict, data) packed as
    b'STREAM' + dict + b'\\0' + data."""
    out = bytearray(b"%PDF-" + version.encode() + b"\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i
        if body.startswith(b"STREAM"):
            d, data = body[6:].split(b"\0", 1)
            out += d.replace(b"LEN", b"%d" % len(data)) + b"\nstream\n" + data + b"\nendstream"
        else:
            out += body
        out += b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        root,
        xref,
    )
    return bytes(out)


def stream(d, data):
    return b"STREAM" + d + b"\0" + data


def page_doc(content, resources, page_extra=b"", extra=(), pages_extra=b""):
    """Catalog 1, Pages 2, Page 3, content 4, then `extra` objects from 5."""
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 /MediaBox [0 0 595 842] " + pages_extra + b">>",
        b"<< /Type /Page /Parent 2 0 R /Resources " + resources + b" /Contents 4 0 R " + page_extra + b">>",
        stream(b"<< /Length LEN >>", content),
    ]
    return pdf(objs + list(extra))


HELV = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"

TOUNICODE = b"""/CIDInit /ProcSet findresource begin
12 dict begin begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
/CMapName /Adobe-Identity-UCS def /CMapType 2 def
1 begincodespacerange <0000> <FFFF> endcodespacerange
3 beginbfchar <0001> <0050> <0002> <0054> <0003> <00660069>
endbfchar
2 beginbfrange <0010> <0015> <0061> <0020> <0022> [<00E9> <00E8> <0153>]
endbfrange
endcmap CMapName currentdict /CMap defineresource pop end end"""

FRENCH = [
    "Projet territorial de sant\xe9 mentale de la Meuse",
    "Communiqu\xe9 de presse - 12 mars 2023",
    "1. Contexte",
    "Le PTSM de la Meuse a \xe9t\xe9 sign\xe9 le 3 f\xe9vrier 2023 par l'ARS Grand Est.",
    "2. Actions prioritaires",
    "- Action 1 : acc\xe8s aux soins pour 1 200 personnes ;",
    "- Action 2 : pr\xe9vention du suicide (CMP de Verdun, Bar-le-Duc) ;",
    "Contact : Marie Dupont, coordinatrice, contact@ptsm55.fr",
]


def pdf_string(s):
    b = s.encode("cp1252")
    return b"(" + b.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def seeds():
    res_helv = b"<< /Font << /F1 5 0 R >> >>"
    yield "simple-ops", page_doc(
        b"BT /F1 12 Tf 72 720 Td 14 TL (Hello) Tj [(W) 120 (orld) -250 (!)] TJ T* "
        b"2 Tc 1 Tw 110 Tz 3 Ts (a b) Tj 0 -14 TD (c) ' 1 0.5 (d) \" ET "
        b"q 0 1 -1 0 300 300 cm BT /F1 10 Tf 1 0 0 1 0 0 Tm (rot) Tj ET Q",
        res_helv,
        extra=[HELV],
    )
    lines = b"BT /F1 11 Tf 14 TL 72 760 Td " + b" ".join(
        pdf_string(l) + b" '" for l in FRENCH
    ) + b" ET"
    yield "french-text", page_doc(lines, res_helv, extra=[HELV])
    yield "differences-widths", page_doc(
        b"BT /F1 10 Tf 50 700 Td <01020304> Tj (\x80\xe9) Tj ET",
        res_helv,
        extra=[
            b"<< /Type /Font /Subtype /Type1 /BaseFont /ABCDEF+Custom /FirstChar 1 /LastChar 4 "
            b"/Widths [500 600 700 800] /Encoding << /Type /Encoding /BaseEncoding /MacRomanEncoding "
            b"/Differences [1 /fi /eacute /uni0153 /g42] >> /FontDescriptor 6 0 R >>",
            b"<< /Type /FontDescriptor /FontName /ABCDEF+Custom /Flags 32 /MissingWidth 250 >>",
        ],
    )
    yield "type0-tounicode", page_doc(
        b"BT /F1 10 Tf 50 700 Td <000100020003> Tj [<0010> -300 <00110020>] TJ ET",
        res_helv,
        extra=[
            b"<< /Type /Font /Subtype /Type0 /BaseFont /XYZ+Arial /Encoding /Identity-H "
            b"/DescendantFonts [6 0 R] /ToUnicode 7 0 R >>",
            b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /XYZ+Arial /DW 1000 "
            b"/W [1 [500 600] 16 21 450] /CIDToGIDMap /Identity "
            b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> >>",
            stream(b"<< /Length LEN >>", TOUNICODE),
        ],
    )
    yield "identity-v", page_doc(
        b"BT /F1 10 Tf 300 700 Td <00010002> Tj [<0010> 200 <0011>] TJ ET",
        res_helv,
        extra=[
            b"<< /Type /Font /Subtype /Type0 /BaseFont /Ryumin /Encoding /Identity-V "
            b"/DescendantFonts [<< /Type /Font /Subtype /CIDFontType0 /BaseFont /Ryumin /W2 [1 2 -1000 500 880] "
            b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Japan1) /Supplement 2 >> >>] /ToUnicode 6 0 R >>",
            stream(b"<< /Length LEN >>", TOUNICODE),
        ],
    )
    yield "embedded-cmap", page_doc(
        b"BT /F1 10 Tf 50 700 Td <41814082> Tj ET",
        res_helv,
        extra=[
            b"<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding 6 0 R "
            b"/DescendantFonts [<< /Subtype /CIDFontType0 /DW 500 >>] >>",
            stream(
                b"<< /Type /CMap /CMapName /Custom /Length LEN >>",
                b"/Adobe-Japan1-UCS2 usecmap 2 begincodespacerange <00> <80> <8140> <9FFC> endcodespacerange "
                b"1 begincidrange <8140> <8142> 633 endcidrange 1 begincidchar <41> 34 endcidchar",
            ),
        ],
    )
    yield "type3", page_doc(
        b"BT /F1 12 Tf 50 700 Td (abc) Tj ET",
        res_helv,
        extra=[
            b"<< /Type /Font /Subtype /Type3 /FontBBox [0 0 750 750] /FontMatrix [0.001 0 0 0.001 0 0] "
            b"/CharProcs << /a 6 0 R /b 6 0 R >> /Encoding << /Differences [97 /a /b /R11] >> "
            b"/FirstChar 97 /LastChar 99 /Widths [600 600 600] /Resources << >> >>",
            stream(b"<< /Length LEN >>", b"600 0 d0 0 0 500 500 re f"),
        ],
    )
    yield "forms-images", page_doc(
        b"/X1 Do q 2 0 0 2 0 0 cm /X1 Do Q /Im1 Do BI /W 2 /H 2 /BPC 8 /CS /G ID \x00\x01\x02\x03 EI "
        b"/Span << /ActualText (fi) >> BDC BT /F1 10 Tf (xy) Tj ET EMC /P /MC0 BDC EMC",
        b"<< /Font << /F1 5 0 R >> /XObject << /X1 6 0 R /Im1 7 0 R >> "
        b"/Properties << /MC0 << /ActualText <FEFF00E9> >> >> >>",
        extra=[
            HELV,
            stream(
                b"<< /Type /XObject /Subtype /Form /BBox [0 0 500 500] /Matrix [1 0 0 1 100 0] "
                b"/Resources << /Font << /F1 5 0 R >> /XObject << /X1 6 0 R /X2 8 0 R >> >> /Length LEN >>",
                b"BT /F1 10 Tf 0 0 Td (form) Tj ET /X1 Do /X2 Do",
            ),
            stream(
                b"<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /BitsPerComponent 8 "
                b"/ColorSpace /DeviceGray /Length LEN >>",
                b"\x80",
            ),
            stream(
                b"<< /Type /XObject /Subtype /Form /BBox [0 0 10 10] /Length LEN >>",
                b"BT /F1 8 Tf (inner) Tj ET",
            ),
        ],
    )
    yield "rotate-crop", page_doc(
        b"BT /F1 10 Tf 100 700 Td (landscape) Tj ET",
        b"<< /Font << /F1 5 0 R >> >>",
        page_extra=b"/Rotate 90 /CropBox [10 10 500 800] ",
        extra=[HELV],
        pages_extra=b"/Rotate 180 ",
    )
    # Resources only on the parent (inherited), flate content with a filter array.
    content = zlib.compress(b"BT /F1 10 Tf 72 700 Td (compressed) Tj ET")
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R 6 0 R] /Count 2 /Resources << /Font << /F1 5 0 R >> >> /MediaBox [0 0 595 842] >>",
        b"<< /Type /Page /Parent 2 0 R /Contents [4 0 R 7 0 R] >>",
        stream(b"<< /Filter [/FlateDecode] /Length LEN >>", content),
        HELV,
        b"<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>",
        stream(b"<< /Filter 8 0 R /Length LEN >>", content),
        b"/FlateDecode",
    ]
    yield "inherited-flate", pdf(objs)
    # Cross-reference stream (with /Index, /W [1 2 1]) and an object
    # stream holding the font (object 6 inside object stream 5).
    out = bytearray(b"%PDF-1.5\n")
    bodies = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 /MediaBox [0 0 595 842] >>",
        b"<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 6 0 R >> >> /Contents 4 0 R >>",
    ]
    offs = []
    for i, b in enumerate(bodies, 1):
        offs.append(len(out))
        out += b"%d 0 obj\n" % i + b + b"\nendobj\n"
    data = b"BT /F1 10 Tf 72 700 Td (objstm) Tj ET"
    offs.append(len(out))
    out += b"4 0 obj\n<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream\nendobj\n"
    inner = b"6 0 " + HELV
    z = zlib.compress(inner)
    offs.append(len(out))
    out += b"5 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length %d >>\nstream\n" % len(z)
    out += z + b"\nendstream\nendobj\n"
    xoff = len(out)
    rows = b"\x00\x00\x00\xff"
    for o in offs:
        rows += b"\x01" + o.to_bytes(2, "big") + b"\x00"
    rows += b"\x02\x00\x05\x00" + b"\x01" + xoff.to_bytes(2, "big") + b"\x00"
    z = zlib.compress(rows)
    out += b"7 0 obj\n<< /Type /XRef /Size 8 /Index [0 8] /W [1 2 1] /Root 1 0 R /Filter /FlateDecode /Length %d >>\nstream\n" % len(z)
    out += z + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % xoff
    yield "xref-objstm", bytes(out)
    # Incremental update: a second revision replaces the content.
    base = page_doc(b"BT /F1 10 Tf 72 700 Td (old) Tj ET", res_helv, extra=[HELV])
    prev = int(base.rsplit(b"startxref\n", 1)[1].split(b"\n")[0])
    off = len(base)
    upd = b"4 0 obj\n<< /Length 36 >>\nstream\nBT /F1 10 Tf 72 700 Td (new) Tj ET\nendstream\nendobj\n"
    xref = off + len(upd)
    upd += b"xref\n4 1\n%010d 00000 n \ntrailer\n<< /Size 6 /Root 1 0 R /Prev %d >>\nstartxref\n%d\n%%%%EOF\n" % (
        off,
        prev,
        xref,
    )
    yield "incremental", base + upd


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "corpus/pdf"
    os.makedirs(out, exist_ok=True)
    for name, data in seeds():
        with open(os.path.join(out, "seed-" + name + ".pdf"), "wb") as f:
            f.write(data)
        print(f"{name}: {len(data)} bytes")


if __name__ == "__main__":
    main()
