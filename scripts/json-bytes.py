#!/usr/bin/env python3
"""Where the bytes of ptsm JSON outputs go.

Usage: scripts/json-bytes.py FILE.json|DIR ...

For the files given (or every *.json under the folders, batch bookkeeping
excepted), prints:
- the pretty form's size against the compact form's (`--compact`): the
  share that is indentation and line breaks;
- the compact bytes of each top-level field;
- across the whole document: the bytes of `span` objects (provenance),
  of their `bbox` arrays alone, of object keys (names and quotes), of
  numbers, and of the text the document quotes (strings).

Only the standard library; the numbers are the JSON as written, re-encoded
compactly with the same separators serde_json uses (no spaces).
"""
import json
import os
import sys
from collections import Counter


def compact(v):
    return len(json.dumps(v, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


def walk(v, acc, key=None):
    if isinstance(v, dict):
        if key == "span":
            acc["span objects"] += compact(v)
        for k, x in v.items():
            acc["object keys (\"k\":)"] += len(json.dumps(k, ensure_ascii=False).encode()) + 1
            if k == "bbox":
                acc["bbox arrays"] += compact(x)
            walk(x, acc, k)
    elif isinstance(v, list):
        for x in v:
            walk(x, acc, key)
    elif isinstance(v, str):
        acc["string values"] += len(json.dumps(v, ensure_ascii=False).encode())
    elif isinstance(v, (int, float)) and not isinstance(v, bool):
        acc["numbers"] += len(json.dumps(v))


def files(args):
    for a in args:
        if os.path.isdir(a):
            for root, dirs, names in os.walk(a):
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                for n in sorted(names):
                    if n.endswith(".json") and not n.startswith(("summary", ".")):
                        yield os.path.join(root, n)
        else:
            yield a


def main():
    pretty = small = 0
    top = Counter()
    acc = Counter()
    n = 0
    for f in files(sys.argv[1:]):
        raw = open(f, "rb").read()
        doc = json.loads(raw)
        if not isinstance(doc, dict) or "schema_version" not in doc:
            continue
        n += 1
        pretty += len(raw)
        small += compact(doc) + 1
        for k, v in doc.items():
            top[k] += compact(v)
        walk(doc, acc)
    if not n:
        sys.exit("no ptsm JSON given")
    print(f"{n} document(s): pretty {pretty:,} bytes, compact {small:,} "
          f"({100 * small / pretty:.1f} %): indentation and line breaks {100 * (pretty - small) / pretty:.1f} % of the pretty form")
    print("\nshare of the compact form, by top-level field:")
    for k, b in top.most_common():
        if b * 1000 >= small:
            print(f"  {k:<16} {b:>12,}  {100 * b / small:5.1f} %")
    print("\nshare of the compact form, across the document:")
    for k, b in acc.most_common():
        print(f"  {k:<22} {b:>12,}  {100 * b / small:5.1f} %")


if __name__ == "__main__":
    main()
