#!/usr/bin/env python3
"""Writes tests/data/ptsm-docs/fiches-expected.json: the fiches of the test
documents as written in their source (scripts/testdocs/content.py), for
tests/fiches.rs to compare ptsm's records with, field by field.

Each fiche: its number, its title and its fields as (label, value), a list
value (the operational objectives) joined by a space as a table cell or a
run of lines reads it. `allier` is the plan of the three Allier renderings
(and, its first ten, of the development set's file 45); `ain` the three
table fiches of file 59. The 228 fiches of the 300-page collection (made by
`generate.py recueil-libreoffice` into target/testdocs/, not kept in the
repository) go to target/testdocs/ptsm-recueil-fiches-expected.json.
"""

import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import content  # noqa: E402
import generate  # noqa: E402


def record(f):
    return {
        "number": f["num"],
        "title": f["title"],
        "fields": [[label, " ".join(v) if isinstance(v, list) else v] for label, v in f["fields"]],
    }


def main():
    out = {
        "allier": [record(f) for f in content.allier()],
        "ain": [record(f) for f in content.ain_table_fiches()],
    }
    recueil = [record(x[1]) for x in generate.recueil_doc()["body"] if x[0] == "fiche"]
    path = os.path.join(HERE, "..", "..", "tests", "data", "ptsm-docs", "fiches-expected.json")
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(out, fh, ensure_ascii=False, indent=1)
        fh.write("\n")
    print(f"{path}: {len(out['allier'])} + {len(out['ain'])} fiches")
    # The collection's fiches go beside the collection, out of the repository.
    target = os.path.join(HERE, "..", "..", "target", "testdocs")
    os.makedirs(target, exist_ok=True)
    path = os.path.join(target, "ptsm-recueil-fiches-expected.json")
    with open(path, "w", encoding="utf-8") as fh:
        json.dump({"recueil": recueil}, fh, ensure_ascii=False)
    print(f"{path}: {len(recueil)} fiches")


if __name__ == "__main__":
    main()
