#!/usr/bin/env python3
"""Compares the facts ptsm extracts from scanned PDFs with those of their text source.

    scripts/ocr-facts.py PTSM_BINARY SCANS_DIR [CORPUS_DIR]

For every SCANS_DIR/DOC.PRODUCER.pdf, runs `PTSM_BINARY extract --stdout` and
compares its entities (kind, title, issuer, date, periods, counts,
territories with their groups and actions, people, amounts, contacts, and
the warnings other than OCR's own) with those of CORPUS_DIR/DOC.txt (default
corpus/), as the test `corpus::pdf_renderings_give_the_entities_of_their_text_source`
does for the renderings: spans and list markers left out. Prints one line per
file (with how many of its items — territory names, working groups, actions,
axes, sub-items, people — come out word for word), then every difference as
`path: text source → scan`, and a summary.
Exit status 1 when some file differs. JOBS (default 2) files are read at once.
"""
import concurrent.futures
import json
import os
import subprocess
import sys

KEYS = ["kind", "title", "issuer", "date", "periods", "counts", "territories",
        "people", "amounts", "contacts"]


def strip(v):
    if isinstance(v, dict):
        return {k: strip(x) for k, x in v.items() if k not in ("span", "role_span", "marker")}
    if isinstance(v, list):
        return [strip(x) for x in v]
    return v


def entities(doc):
    e = {k: strip(doc.get(k)) for k in KEYS}
    e["warnings"] = [(w["code"], w["message"]) for w in doc.get("warnings", [])
                     if not w["code"].startswith("ocr_")]
    return e


def items(e):
    """Territory names, working groups, actions, axes and their sub-items, as texts."""
    out = []
    def walk(item):
        out.append(item.get("text", ""))
        for sub in item.get("sub_items", []):
            walk(sub)
    for t in e.get("territories") or []:
        out.append("territory: " + t.get("name", ""))
        for k in ("working_groups", "actions", "axes"):
            for item in t.get(k, []):
                walk(item)
    out += ["person: " + p.get("name", "") for p in e.get("people") or []]
    return out


def matched(want, got):
    bag = {}
    for x in got:
        bag[x] = bag.get(x, 0) + 1
    n = 0
    for x in want:
        if bag.get(x, 0) > 0:
            bag[x] -= 1
            n += 1
    return n


def diff(a, b, path="", out=None):
    out = [] if out is None else out
    if isinstance(a, dict) and isinstance(b, dict):
        for k in list(a) + [k for k in b if k not in a]:
            diff(a.get(k), b.get(k), f"{path}.{k}" if path else k, out)
    elif isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            out.append((f"{path} (length)", len(a), len(b)))
        for i, (x, y) in enumerate(zip(a, b)):
            diff(x, y, f"{path}[{i}]", out)
    elif a != b:
        out.append((path, a, b))
    return out


def extract(binary, path):
    r = subprocess.run([binary, "extract", "--stdout", path], capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError(r.stderr.strip())
    return json.loads(r.stdout)


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    binary, scans = sys.argv[1], sys.argv[2]
    corpus = sys.argv[3] if len(sys.argv) > 3 else "corpus"
    want = {}
    same = total = 0
    lost = {}
    items_total = items_same = 0
    names = sorted(n for n in os.listdir(scans) if n.endswith(".pdf"))

    def run(name):
        try:
            return entities(extract(binary, os.path.join(scans, name)))
        except RuntimeError as e:
            return e

    jobs = int(os.environ.get("JOBS", "2"))
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        results = list(pool.map(run, names))
    for name, got in zip(names, results):
        source = name.split(".")[0]
        if source not in want:
            want[source] = entities(extract(binary, os.path.join(corpus, source + ".txt")))
        total += 1
        if isinstance(got, RuntimeError):
            print(f"{name}: FAILED {got}")
            continue
        d = diff(want[source], got)
        w_items = items(want[source])
        hit = matched(w_items, items(got))
        items_total += len(w_items)
        items_same += hit
        if not d:
            same += 1
            print(f"{name}: same facts")
        else:
            print(f"{name}: {len(d)} difference(s); items word for word: {hit}/{len(w_items)}")
            for path, a, b in d:
                print(f"    {path}: {json.dumps(a, ensure_ascii=False)} → {json.dumps(b, ensure_ascii=False)}")
                lost.setdefault(path.split("[")[0].split(".")[0], 0)
                lost[path.split("[")[0].split(".")[0]] += 1
    print(f"facts: {same}/{total} files give the facts of their text source; "
          f"items (territories, groups, actions, axes, sub-items, people) word for word: "
          f"{items_same}/{items_total} ({100.0 * items_same / max(items_total, 1):.1f} %); "
          f"differences by field: {json.dumps(lost, sort_keys=True)}")
    sys.exit(0 if same == total else 1)


if __name__ == "__main__":
    main()
