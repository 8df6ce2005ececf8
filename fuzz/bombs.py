#!/usr/bin/env python3
"""Writes the two amplification inputs of tests/data/fuzz/ (see EXPECT.tsv).

Usage: python3 fuzz/bombs.py OUTDIR [PAGES_GLYPHS PAGES_OPS]   (defaults 10 100)

One page listed PAGES times in /Kids, drawing nested form XObjects (×10
each level): 5 levels ending in 50 glyphs (5 M glyphs a page), or 6 levels
ending in 50 `q Q` (20 M operators a page). `null` objects pad the file:
lopdf visits at most one /Kids entry per object.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from seeds import HELV, pdf, stream  # noqa: E402


def bomb(npages, depth, leaf, first=b""):
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + b" ".join([b"3 0 R"] * npages)
        + b"] /Count %d /MediaBox [0 0 595 842] >>" % npages,
        b"<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 5 0 R >> "
        b"/XObject << /X 6 0 R >> >> /Contents 4 0 R >>",
        stream(b"<< /Length LEN >>", first + b" ".join([b"/X Do"] * 10)),
        HELV,
    ]
    for d in range(depth):
        if d < depth - 1:
            body, res = b" ".join([b"/X Do"] * 10), b"<< /XObject << /X %d 0 R >> >>" % (7 + d)
        else:
            body, res = leaf
        objs.append(
            stream(
                b"<< /Type /XObject /Subtype /Form /BBox [0 0 600 800] /Resources "
                + res + b" /Length LEN >>",
                body,
            )
        )
    objs += [b"null"] * npages
    return pdf(objs)


def main():
    out = sys.argv[1]
    n_glyphs = int(sys.argv[2]) if len(sys.argv) > 2 else 10
    n_ops = int(sys.argv[3]) if len(sys.argv) > 3 else 100
    glyphs = (b"BT /F1 10 Tf 72 700 Td (" + b"a" * 50 + b") Tj ET", b"<< /Font << /F1 5 0 R >> >>")
    ops = (b"q Q " * 50, b"<< >>")
    with open(os.path.join(out, "repeated-page-glyph-bomb.pdf"), "wb") as f:
        f.write(bomb(n_glyphs, 5, glyphs))
    with open(os.path.join(out, "repeated-page-operator-bomb.pdf"), "wb") as f:
        f.write(bomb(n_ops, 6, ops, first=b"BT /F1 10 Tf (hello) Tj ET "))


if __name__ == "__main__":
    main()
