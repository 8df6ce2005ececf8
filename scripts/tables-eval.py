#!/usr/bin/env python3
"""Table detection and structure recognition, scored on an ICDAR 2013 table
competition folder (NAME.pdf with NAME-reg.xml and NAME-str.xml).

    scripts/tables-eval.py [--data DIR] [--ptsm BIN] [--tools ptsm,camelot-lattice,...]
                           [--json FILE] [-v]

Tools: `ptsm` (runs `BIN extract --stdout FILE` and reads the `table` blocks
of the JSON), `camelot-lattice`, `camelot-stream`, `pdfplumber` (imported
from the Python running this script: `pip install camelot-py pdfplumber`,
in a venv). Every tool runs on the same files in the same run. Default:
every tool that can run here; the others are reported as unavailable.

Measures (docs/tables.md explains them):

* **Region** precision, recall and F1: every table region is a (page, box)
  pair; a table continued on the next page has one region per page. A
  detected region is correct when it overlaps a ground-truth region of the
  same page by at least half of their union (IoU >= 0.5); matching is one
  to one, best overlaps first.
* **Structure** precision, recall and F1 over the adjacency relations of
  the competition: for every non-empty cell, its nearest non-empty
  neighbour to the right in each row it spans and below in each column it
  spans, as (content, content, direction). Contents are compared with
  everything but letters and digits removed, in lower case. Relations are
  taken per region (page) and pooled per document; a relation is correct
  when the ground truth of the same document has it (multiset
  intersection), so tables missed or invented cost recall or precision.
  The totals are summed over all documents (micro average); the mean of
  the per-document F1 is printed too.

Ground-truth entries whose PDF is absent (eu-009b, us-011b…: second
annotations of a PDF kept under the other name) are skipped and listed.
"""

import argparse
import collections
import json
import os
import shutil
import subprocess
import sys
import time
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DEFAULT_DATA = os.path.join(ROOT, "..", "shared", "pdf-corpus", "tables", "icdar2013")
TOOLS = ["ptsm", "camelot-lattice", "camelot-stream", "pdfplumber"]


# --------------------------------------------------------------------------
# Tables: a list of regions [(page, (x0, y0, x1, y1))] in PDF points, origin
# at the bottom left of the page, and cells
# [(page, row, col, rowspan, colspan, text)].


def norm_text(s):
    return "".join(c for c in s.lower() if c.isalnum())


def read_ground_truth(data, name):
    reg = ET.parse(os.path.join(data, name + "-reg.xml")).getroot()
    regions = []
    for table in reg.iter("table"):
        for r in table.iter("region"):
            b = r.find("bounding-box")
            if b is None:
                continue
            regions.append((int(r.get("page")), box(b)))
    tables = []
    strx = ET.parse(os.path.join(data, name + "-str.xml")).getroot()
    for table in strx.iter("table"):
        cells = []
        for r in table.iter("region"):
            page = int(r.get("page"))
            for c in r.iter("cell"):
                sr, sc = int(c.get("start-row")), int(c.get("start-col"))
                er = int(c.get("end-row", sr))
                ec = int(c.get("end-col", sc))
                content = c.find("content")
                text = content.text if content is not None and content.text else ""
                cells.append((page, sr, sc, er - sr + 1, ec - sc + 1, text))
        tables.append(cells)
    return regions, tables


def box(b):
    x1, y1, x2, y2 = (float(b.get(k)) for k in ("x1", "y1", "x2", "y2"))
    return (min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2))


def relations(cells):
    """Adjacency relations of one table's cells, per page:
    Counter of (content, content, 'h'|'v')."""
    out = collections.Counter()
    by_page = collections.defaultdict(list)
    for c in cells:
        by_page[c[0]].append(c)
    for page_cells in by_page.values():
        grid = {}
        for i, (_, r, c, rs, cs, text) in enumerate(page_cells):
            if not norm_text(text):
                continue
            for dr in range(max(rs, 1)):
                for dc in range(max(cs, 1)):
                    grid.setdefault((r + dr, c + dc), i)
        if not grid:
            continue
        max_r = max(k[0] for k in grid)
        max_c = max(k[1] for k in grid)
        for i, (_, r, c, rs, cs, text) in enumerate(page_cells):
            a = norm_text(text)
            if not a:
                continue
            right, below = set(), set()
            for rr in range(r, r + max(rs, 1)):
                for cc in range(c + max(cs, 1), max_c + 1):
                    j = grid.get((rr, cc))
                    if j is not None and j != i:
                        right.add(j)
                        break
            for cc in range(c, c + max(cs, 1)):
                for rr in range(r + max(rs, 1), max_r + 1):
                    j = grid.get((rr, cc))
                    if j is not None and j != i:
                        below.add(j)
                        break
            for j in right:
                out[(a, norm_text(page_cells[j][5]), "h")] += 1
            for j in below:
                out[(a, norm_text(page_cells[j][5]), "v")] += 1
    return out


def iou(a, b):
    ix = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    iy = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = ix * iy
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / union if union > 0 else 0.0


def match_regions(found, truth):
    """Number of one-to-one matches with IoU >= 0.5, best overlaps first."""
    pairs = []
    for i, (pf, bf) in enumerate(found):
        for j, (pt, bt) in enumerate(truth):
            if pf == pt:
                v = iou(bf, bt)
                if v >= 0.5:
                    pairs.append((v, i, j))
    pairs.sort(reverse=True)
    used_f, used_t = set(), set()
    for _, i, j in pairs:
        if i not in used_f and j not in used_t:
            used_f.add(i)
            used_t.add(j)
    return len(used_f)


# --------------------------------------------------------------------------
# Extractors: each returns (regions, tables of cells) for one PDF.


def run_ptsm(binary, pdf):
    out = subprocess.run(
        [binary, "extract", "--stdout", pdf],
        capture_output=True,
        timeout=120,
        check=False,
    )
    if out.returncode != 0:
        raise RuntimeError(out.stderr.decode(errors="replace").strip()[:200])
    doc = json.loads(out.stdout)
    regions, tables = [], []

    def walk(blocks):
        for b in blocks:
            t = b.get("table")
            if b.get("kind") == "table" and t:
                for r in t.get("regions", []):
                    regions.append((r["page"], tuple(r["bbox"])))
                cells = []
                for row in t["rows"]:
                    for c in row["cells"]:
                        cells.append(
                            (c["page"], c["row"], c["col"], c["rowspan"], c["colspan"], c["text"])
                        )
                tables.append(cells)
            walk(b.get("children", []))

    walk(doc.get("blocks", []))
    return regions, tables


def grid_cells(page, rows):
    """Cells of a table given as rows of strings (spanned cells empty)."""
    cells = []
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text:
                cells.append((page, r, c, 1, 1, text))
    return cells


def run_camelot(flavor, pdf):
    import camelot  # noqa: PLC0415 (optional dependency)

    tables = camelot.read_pdf(pdf, pages="all", flavor=flavor)
    regions, out = [], []
    for t in tables:
        page = int(t.page)
        x1, y1, x2, y2 = t._bbox
        regions.append((page, (min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2))))
        out.append(grid_cells(page, t.df.values.tolist()))
    return regions, out


def run_pdfplumber(pdf):
    import pdfplumber  # noqa: PLC0415 (optional dependency)

    regions, out = [], []
    with pdfplumber.open(pdf) as doc:
        for number, page in enumerate(doc.pages, start=1):
            ox, oy = page.bbox[0], page.bbox[1]
            h = page.height
            for t in page.find_tables():
                x0, top, x1, bottom = t.bbox
                regions.append((number, (x0 - ox, h - bottom, x1 - ox, h - top)))
                rows = [[c or "" for c in row] for row in t.extract()]
                out.append(grid_cells(number, rows))
    return regions, out


def available(tool, ptsm):
    if tool == "ptsm":
        return os.path.exists(ptsm) or shutil.which(ptsm) is not None
    module = "camelot" if tool.startswith("camelot") else "pdfplumber"
    try:
        __import__(module)
        return True
    except Exception:  # noqa: BLE001 (any import failure means unavailable)
        return False


def extractor(tool, ptsm):
    if tool == "ptsm":
        return lambda pdf: run_ptsm(ptsm, pdf)
    if tool == "camelot-lattice":
        return lambda pdf: run_camelot("lattice", pdf)
    if tool == "camelot-stream":
        return lambda pdf: run_camelot("stream", pdf)
    if tool == "pdfplumber":
        return run_pdfplumber
    raise ValueError(tool)


# --------------------------------------------------------------------------


def f1(p, r):
    return 2 * p * r / (p + r) if p + r else 0.0


def ratio(a, b):
    return a / b if b else 0.0


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=DEFAULT_DATA, help="ICDAR 2013 folder (default: ../shared/…/icdar2013)")
    ap.add_argument("--ptsm", default=os.path.join(ROOT, "target", "release", "ptsm"), help="ptsm binary")
    ap.add_argument("--tools", default=",".join(TOOLS), help="comma-separated tools to run")
    ap.add_argument("--json", help="write per-document results to FILE")
    ap.add_argument("-v", "--verbose", action="store_true", help="per-document lines")
    args = ap.parse_args()

    names = sorted(
        f[: -len("-str.xml")] for f in os.listdir(args.data) if f.endswith("-str.xml")
    )
    docs = [n for n in names if os.path.exists(os.path.join(args.data, n + ".pdf"))]
    skipped = [n for n in names if n not in docs]
    truth = {}
    for n in docs:
        truth[n] = read_ground_truth(args.data, n)

    tools = [t.strip() for t in args.tools.split(",") if t.strip()]
    results = {}
    per_doc = {}
    for tool in tools:
        if not available(tool, args.ptsm):
            results[tool] = None
            continue
        run = extractor(tool, args.ptsm)
        tot = collections.Counter()
        doc_f1 = []
        errors = 0
        start = time.monotonic()
        for n in docs:
            pdf = os.path.join(args.data, n + ".pdf")
            g_regions, g_tables = truth[n]
            try:
                regions, tables = run(pdf)
            except Exception as e:  # noqa: BLE001 (a tool's failure on one file is a result)
                errors += 1
                regions, tables = [], []
                if args.verbose:
                    print(f"  {tool} {n}: error {str(e)[:120]}", file=sys.stderr)
            matched = match_regions(regions, g_regions)
            g_rel = collections.Counter()
            for t in g_tables:
                g_rel += relations(t)
            f_rel = collections.Counter()
            for t in tables:
                f_rel += relations(t)
            correct = sum((g_rel & f_rel).values())
            row = {
                "regions_found": len(regions),
                "regions_truth": len(g_regions),
                "regions_correct": matched,
                "relations_found": sum(f_rel.values()),
                "relations_truth": sum(g_rel.values()),
                "relations_correct": correct,
            }
            tot.update(row)
            sp = ratio(correct, row["relations_found"])
            sr = ratio(correct, row["relations_truth"])
            doc_f1.append(f1(sp, sr))
            per_doc.setdefault(n, {})[tool] = row
            if args.verbose:
                print(
                    f"  {tool:16} {n:8} regions {matched}/{len(regions)} found, {len(g_regions)} true;"
                    f" relations {correct}/{row['relations_found']} found, {row['relations_truth']} true",
                    file=sys.stderr,
                )
        rp = ratio(tot["regions_correct"], tot["regions_found"])
        rr = ratio(tot["regions_correct"], tot["regions_truth"])
        sp = ratio(tot["relations_correct"], tot["relations_found"])
        sr = ratio(tot["relations_correct"], tot["relations_truth"])
        results[tool] = {
            "region": (rp, rr, f1(rp, rr)),
            "structure": (sp, sr, f1(sp, sr)),
            "structure_doc_mean_f1": sum(doc_f1) / len(doc_f1) if doc_f1 else 0.0,
            "errors": errors,
            "seconds": time.monotonic() - start,
            "totals": dict(tot),
        }

    print(f"ICDAR 2013: {len(docs)} documents, {sum(len(truth[n][0]) for n in docs)} table regions"
          f" ({len(skipped)} ground-truth entries without their PDF skipped: {', '.join(skipped) or 'none'})")
    print()
    print("| tool | region P | region R | region F1 | structure P | structure R | structure F1 |"
          " structure F1, mean per document | errors | seconds |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for tool in tools:
        r = results[tool]
        if r is None:
            print(f"| {tool} | unavailable | | | | | | | | |")
            continue
        print(
            f"| {tool} | {r['region'][0]:.3f} | {r['region'][1]:.3f} | {r['region'][2]:.3f} |"
            f" {r['structure'][0]:.3f} | {r['structure'][1]:.3f} | {r['structure'][2]:.3f} |"
            f" {r['structure_doc_mean_f1']:.3f} | {r['errors']} | {r['seconds']:.1f} |"
        )
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"summary": results, "documents": per_doc, "skipped": skipped}, f, indent=1)


if __name__ == "__main__":
    main()
