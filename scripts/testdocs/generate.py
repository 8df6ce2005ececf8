#!/usr/bin/env python3
"""Builds the test PTSM documents: long PDFs with a table of contents,
numbered sections, running headers and footers, tables of figures and
fiches-action laid out as label/value tables that continue over page
breaks, rendered by LibreOffice Writer (flat ODT → PDF), LaTeX (longtable)
and Chromium (HTML tables).

    scripts/testdocs/generate.py [--out DIR] [DOC...]

DOC is one of: allier-libreoffice (≈60 pages), allier-actions-latex and
allier-actions-chromium (its plan d’actions, ≈20 pages), recueil-libreoffice
(≈300 pages); all of them by default.
Needs soffice (libreoffice-writer), pdflatex (texlive-latex-recommended,
texlive-lang-french, lmodern), chromium and pdftotext (poppler-utils).

The table of contents is built by the script (its page numbers read back
from a first rendering with pdftotext, then the document rendered again)
so that every producer draws it the same way: entries, dot leaders, page
numbers. Everything is deterministic: the same inputs give the same
documents (up to the producers' own time stamps).
"""

import argparse
import html
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import content  # noqa: E402

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))

# --------------------------------------------------------------------------
# The document model: a list of elements.
#   ("cover", title, subtitle)
#   ("toc",)                                    the table of contents
#   ("h", level, number, text)                  a heading (number may be "")
#   ("p", text)
#   ("list", [items])
#   ("table", caption, head, rows, widths, style)  style: "grid" or "rules"
#   ("fiche", fiche, style)    style: "plain" (the table, under its own heading) or "headed"
#                              (first row "Fiche | Action x.y – title")
#   ("break",)


def fiche_rows(f):
    rows = []
    for label, value in f["fields"]:
        rows.append((label, value))
    return rows


def allier_doc(whole=True):
    """The Allier PTSM (≈60 pages), or, not `whole`, its plan d’actions
    and annexes only (≈20 pages)."""
    rng = content.rng_for(3)
    terr = next(t for t in content.TERRITORIES if t[0] == "Allier")
    fiches = content.allier()
    doc = {
        "name": "PTSM de l’Allier 2020-2025",
        "header": "Projet territorial de santé mentale de l’Allier – Version du 12 décembre 2019",
        "footer": "PTSM de l’Allier",
        "body": [],
    }
    b = doc["body"]
    b.append(("cover", "Projet territorial de santé mentale de l’Allier 2020-2025",
              "Version du 12 décembre 2019 – document soumis à l’avis du Conseil territorial de santé de l’Allier"))
    b.append(("toc",))
    b.append(("h", 1, "", "Préambule"))
    b.append(("p", "Le présent projet territorial de santé mentale a été élaboré entre janvier et novembre 2019 par les acteurs de la santé mentale de l’Allier, réunis à l’initiative de la Communauté psychiatrique de territoire. Il répond à l’article 69 de la loi de modernisation de notre système de santé du 26 janvier 2016 et au décret n° 2017-1200 du 27 juillet 2017, qui en fixe les six priorités."))
    b.append(("p", "Le diagnostic territorial partagé a été conduit par cinq groupes thématiques. Il a réuni plus de 150 professionnels des secteurs sanitaire, social et médico-social, des représentants des usagers et des familles, des élus et des services de l’État. Le plan d’actions qui en découle compte seize fiches actions, réparties en quatre axes."))
    if not whole:
        b.append(("h", 1, "Partie 3", "Le plan d’actions"))
    if whole:
        b.append(("h", 1, "Partie 1", "Diagnostic territorial partagé"))
    for si, (title, templates) in enumerate(content.DIAG_SECTIONS if whole else [], start=1):
        b.append(("h", 2, f"{si}.", title))
        subs = ["Constats", "Ressources du territoire", "Points de vigilance", "Attentes des acteurs"]
        for sub, sub_title in enumerate(subs, start=1):
            b.append(("h", 3, f"{si}.{sub}", sub_title))
            for k in range(5):
                for t in templates:
                    b.append(("p", content.fill(t, terr, rng)))
            if sub == 3:
                b.append(("table", f"Points forts et points de vigilance – {title.lower()}", ["Points forts", "Points de vigilance"], [
                    ["Des acteurs mobilisés et qui se connaissent", "Des délais d’accès aux soins spécialisés qui s’allongent"],
                    ["Des dispositifs innovants déjà expérimentés dans un bassin", "Une démographie médicale fragile, surtout en zone rurale"],
                    ["Des associations d’usagers et de familles actives", "Des coopérations encore dépendantes des personnes"],
                    ["Un engagement des collectivités dans les conseils locaux", "Des financements souvent annuels et non reconductibles"],
                ], [0.5, 0.5], "grid"))
            if sub == 4:
                b.append(("list", [
                    "une coordination insuffisante entre les secteurs sanitaire, social et médico-social ;",
                    "des délais d’accès aux soins spécialisés trop longs dans les zones rurales ;",
                    "un besoin de formation partagé par les professionnels de première ligne ;",
                    "une place encore trop réduite des usagers et des familles dans les instances.",
                ]))
        if si in (2, 4):
            for cap, head, rows in content.figures_tables(terr, rng):
                style = "rules" if si == 2 else "grid"
                b.append(("table", cap, head, rows, None, style))
    if whole:
        b.append(("h", 1, "Partie 2", "Les axes du projet"))
    axes = [
        ("Axe 1", "Prévenir et repérer précocement"),
        ("Axe 2", "Organiser la réponse aux situations de crise et d’urgence"),
        ("Axe 3", "Fluidifier les parcours et favoriser le rétablissement"),
        ("Axe 4", "Promouvoir les droits et lutter contre la stigmatisation"),
    ]
    for num, title in axes if whole else []:
        b.append(("h", 2, num, title))
        for _ in range(3):
            for t in content.DIAG_SECTIONS[-1][1][1:] + content.DIAG_SECTIONS[4][1][:2]:
                b.append(("p", content.fill(t, terr, rng)))
    if whole:
        b.append(("h", 1, "Partie 3", "Le plan d’actions"))
    b.append(("h", 2, "", "Récapitulatif des fiches actions"))
    b.append(("p", f"Issu des travaux de cinq groupes thématiques réunis entre mars et octobre 2019, le plan d’actions compte {len(fiches)} fiches actions, réparties en 4 axes. Chaque fiche précise son pilote, ses partenaires, son calendrier, ses indicateurs et son financement."))
    recap = []
    for f in fiches:
        axis = dict(f["fields"]).get("Axe", "")
        pilot = dict(f["fields"]).get("Pilote(s)", "")
        recap.append([f"FA n°{f['num']}", f["title"], axis.split(" – ")[0], pilot])
    b.append(("table", "Récapitulatif des fiches actions", ["N°", "Fiche action", "Axe", "Pilote"],
              recap, [0.1, 0.45, 0.08, 0.37], "grid"))
    for f in fiches:
        b.append(("h", 3, "Fiche action n°" + f["num"], f["title"]))
        b.append(("fiche", f, "plain"))
    if not whole:
        return doc
    b.append(("h", 1, "Partie 4", "Mise en œuvre, suivi et gouvernance"))
    b.append(("h", 2, "4.1", "Gouvernance du projet"))
    for _ in range(2):
        for t in content.DIAG_SECTIONS[0][1] + content.DIAG_SECTIONS[-1][1]:
            b.append(("p", content.fill(t, terr, rng)))
    b.append(("h", 2, "4.2", "Calendrier prévisionnel"))
    years = ["2020", "2021", "2022", "2023", "2024", "2025"]
    cal = []
    for f in fiches:
        start = rng.randint(0, 2)
        end = rng.randint(start + 1, 5)
        cal.append([f"FA n°{f['num']}"] + ["X" if start <= i <= end else "" for i in range(6)])
    b.append(("table", "Calendrier de mise en œuvre des fiches actions", ["Fiche"] + years, cal,
              [0.22] + [0.13] * 6, "grid"))
    b.append(("h", 2, "4.3", "Plan de financement"))
    fin = []
    totals = [0, 0, 0]
    for f in fiches:
        a = rng.randint(0, 30) * 5000
        c = rng.randint(0, 10) * 5000
        o = rng.randint(0, 6) * 5000
        totals = [totals[0] + a, totals[1] + c, totals[2] + o]
        fin.append([f"FA n°{f['num']}", f"{a:,} €".replace(",", " "), f"{c:,} €".replace(",", " "),
                    f"{o:,} €".replace(",", " "), f"{a + c + o:,} €".replace(",", " ")])
    fin.append(["Total"] + [f"{t:,} €".replace(",", " ") for t in totals] + [f"{sum(totals):,} €".replace(",", " ")])
    b.append(("table", "Financements annuels prévus par fiche action", ["Fiche", "ARS", "Collectivités", "Autres", "Total"],
              fin, [0.2, 0.2, 0.2, 0.2, 0.2], "rules"))
    for _ in range(2):
        for t in content.DIAG_SECTIONS[4][1]:
            b.append(("p", content.fill(t, terr, rng)))
    b.append(("h", 1, "Annexes", ""))
    b.append(("h", 2, "Annexe 1", "Glossaire"))
    gloss = [
        ("ARS", "Agence régionale de santé"), ("CATTP", "Centre d’accueil thérapeutique à temps partiel"),
        ("CLSM", "Conseil local de santé mentale"), ("CMP", "Centre médico-psychologique"),
        ("CNSA", "Caisse nationale de solidarité pour l’autonomie"), ("CPTS", "Communauté professionnelle territoriale de santé"),
        ("ESAT", "Établissement et service d’aide par le travail"), ("GEM", "Groupe d’entraide mutuelle"),
        ("IREPS", "Instance régionale d’éducation et de promotion de la santé"), ("MDA", "Maison des adolescents"),
        ("PSSM", "Premiers secours en santé mentale"), ("PTSM", "Projet territorial de santé mentale"),
        ("SISM", "Semaines d’information sur la santé mentale"), ("UNAFAM", "Union nationale de familles et amis de personnes malades et/ou handicapées psychiques"),
    ]
    b.append(("table", "Sigles et acronymes", ["Sigle", "Signification"], [list(g) for g in gloss], [0.2, 0.8], "grid"))
    b.append(("h", 2, "Annexe 2", "Correspondance entre les fiches actions et les priorités du décret"))
    prio = [
        ["1°", "Repérage précoce, accès au diagnostic et aux soins", "FA n°1, FA n°2, FA n°3, FA n°11"],
        ["2°", "Parcours de santé et de vie sans rupture", "FA n°6, FA n°7, FA n°14"],
        ["3°", "Accès aux soins somatiques", "FA n°8, FA n°16"],
        ["4°", "Situations de crise et d’urgence", "FA n°4, FA n°5, FA n°16"],
        ["5°", "Droits, pouvoir d’agir, lutte contre la stigmatisation", "FA n°9, FA n°10"],
        ["6°", "Déterminants sociaux, environnementaux et territoriaux", "FA n°7, FA n°12"],
    ]
    b.append(("table", "Priorités du décret n° 2017-1200", ["Priorité", "Intitulé", "Fiches actions"], prio, [0.12, 0.55, 0.33], "rules"))
    b.append(("h", 2, "Annexe 3", "Composition des groupes de travail"))
    groups = ["Prévention et repérage", "Crise et urgence", "Parcours et rétablissement",
              "Droits et citoyenneté", "Enfants et adolescents"]
    structures = ["Centre hospitalier de Moulins-Yzeure", "CH de Montluçon-Néris-les-Bains", "CH Jacques Lacarin de Vichy",
                  "UNAFAM 03", "Conseil départemental de l’Allier", "IREPS Auvergne-Rhône-Alpes", "Maison des adolescents",
                  "CPTS du Bocage bourbonnais", "ADAPEI de l’Allier", "Direction des services départementaux de l’éducation nationale",
                  "GEM « L’Entre-Deux »", "SIAO 03", "Mutualité française", "Ville de Montluçon"]
    roles = ["psychiatre", "cadre de santé", "infirmière", "directrice", "chargé de mission", "présidente",
             "médecin généraliste", "assistante sociale", "coordinatrice", "éducateur spécialisé"]
    members = []
    for g in groups:
        for k in range(11):
            members.append([g if k == 0 else "", f"{rng.choice(content.FIRST)} {rng.choice(content.LAST)}",
                            rng.choice(structures), rng.choice(roles)])
    b.append(("table", "Membres des groupes de travail", ["Groupe", "Nom", "Structure", "Fonction"], members,
              [0.22, 0.22, 0.36, 0.2], "grid"))
    b.append(("h", 2, "Annexe 4", "Indicateurs de suivi du plan d’actions"))
    ind = []
    for f in fiches:
        fields = dict(f["fields"])
        for i, item in enumerate(fields.get("Indicateurs", "").split(" ; ")):
            ind.append([f"FA n°{f['num']}" if i == 0 else "", item, rng.choice(["annuelle", "semestrielle", "trimestrielle"]),
                        rng.choice(["coordination du PTSM", "pilote de la fiche", "ARS – délégation départementale"])])
    b.append(("table", "Indicateurs et modalités de suivi", ["Fiche", "Indicateur", "Fréquence", "Responsable du suivi"], ind,
              [0.12, 0.48, 0.15, 0.25], "grid"))
    return doc


def recueil_doc():
    rng = content.rng_for(11)
    base = content.allier()
    table_fiches = content.ain_table_fiches()
    doc = {
        "name": "Recueil des plans d’actions des PTSM d’Auvergne-Rhône-Alpes",
        "header": "Recueil régional des plans d’actions des projets territoriaux de santé mentale – 2023",
        "footer": "ARS Auvergne-Rhône-Alpes",
        "body": [],
    }
    b = doc["body"]
    b.append(("cover", "Recueil des plans d’actions des projets territoriaux de santé mentale d’Auvergne-Rhône-Alpes",
              "Agence régionale de santé Auvergne-Rhône-Alpes – édition du 6 mars 2023"))
    b.append(("toc",))
    b.append(("h", 1, "", "Introduction"))
    for t in content.DIAG_SECTIONS[-1][1]:
        b.append(("p", content.fill(t, content.TERRITORIES[8], rng)))
    for pi, terr in enumerate(content.TERRITORIES, start=1):
        name, de, code, towns, ch1, ch2 = terr
        b.append(("h", 1, f"Partie {pi}", f"PTSM {de}"))
        b.append(("h", 2, f"{pi}.1", "Diagnostic"))
        for si, (title, templates) in enumerate(content.DIAG_SECTIONS, start=1):
            b.append(("h", 3, f"{pi}.1.{si}", title))
            for _ in range(11):
                for t in templates:
                    b.append(("p", content.fill(t, terr, rng)))
        for cap, head, rows in content.figures_tables(terr, rng):
            b.append(("table", cap, head, rows, None, "rules"))
        b.append(("h", 2, f"{pi}.2", "Plan d’actions"))
        picks = [base[i] for i in rng.sample(range(len(base)), 16)]
        fiches = []
        for k, f in enumerate(picks, start=1):
            axis = dict(f["fields"]).get("Axe", "1").split(" ")[0]
            g = content.adapt(f, terr, rng, f"{axis}.{k}")
            fiches.append(g)
        for k, f in enumerate(table_fiches, start=len(picks) + 1):
            g = content.adapt(
                {"num": f["num"], "title": f["title"], "fields": f["fields"]},
                terr, rng, f"3.{k}")
            fiches.append(g)
        b.append(("p", f"Le plan d’actions du PTSM {de} compte {len(fiches)} fiches actions."))
        for f in fiches:
            b.append(("fiche", f, "headed"))
    return doc


# --------------------------------------------------------------------------
# Headings and the table of contents.

def headings(doc):
    return [(e[1], e[2], e[3]) for e in doc["body"] if e[0] == "h"]


def heading_text(num, text):
    if num and text:
        sep = " – " if num.startswith(("Partie", "Annexe", "Axe", "Fiche")) else " "
        return f"{num}{sep}{text}"
    return num or text


def find_pages(pdf, doc):
    """The page of each heading, read back from the PDF's text: the first
    page after the table of contents where its text starts a line."""
    out = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, check=True).stdout.decode()
    pages = out.split("\f")

    def norm(s):
        return re.sub(r"\s+", " ", s).strip()

    lines = [[norm(l) for l in p.split("\n") if l.strip()] for p in pages]
    # Skip the pages of the table of contents: those with dot leaders.
    leaders = re.compile(r"(\. ?){5,}")
    toc_pages = {i for i, p in enumerate(lines) if sum(1 for l in p if leaders.search(l)) >= 3}
    start = max(toc_pages) + 1 if toc_pages else 1
    result = []
    at = start
    for level, num, text in headings(doc):
        target = norm(heading_text(num, text))
        found = None
        for i in range(at, len(lines)):
            if any(l.startswith(target[:40]) for l in lines[i]):
                found = i
                break
        if found is None:
            result.append(None)
            continue
        at = found
        result.append(found + 1)
    return result


# --------------------------------------------------------------------------
# LibreOffice: a flat ODT.

def x(s):
    return html.escape(s, quote=True)


FODT_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls>
 <style:font-face style:name="Liberation Sans" svg:font-family="'Liberation Sans'" style:font-family-generic="swiss"/>
 <style:font-face style:name="Liberation Serif" svg:font-family="'Liberation Serif'" style:font-family-generic="roman"/>
</office:font-face-decls>
<office:styles>
 <style:default-style style:family="paragraph">
  <style:paragraph-properties fo:hyphenation-ladder-count="no-limit"/>
  <style:text-properties style:font-name="Liberation Serif" fo:font-size="11pt" fo:language="fr" fo:country="FR"/>
 </style:default-style>
 <style:style style:name="Standard" style:family="paragraph">
  <style:paragraph-properties fo:margin-bottom="0.2cm" fo:text-align="justify" fo:line-height="115%"/>
 </style:style>
 <style:style style:name="Cover" style:family="paragraph">
  <style:paragraph-properties fo:margin-top="6cm" fo:margin-bottom="1cm" fo:text-align="center"/>
  <style:text-properties style:font-name="Liberation Sans" fo:font-size="24pt" fo:font-weight="bold"/>
 </style:style>
 <style:style style:name="Subtitle" style:family="paragraph">
  <style:paragraph-properties fo:text-align="center" fo:break-after="page"/>
  <style:text-properties style:font-name="Liberation Sans" fo:font-size="13pt"/>
 </style:style>
 <style:style style:name="TocTitle" style:family="paragraph">
  <style:paragraph-properties fo:margin-bottom="0.4cm"/>
  <style:text-properties style:font-name="Liberation Sans" fo:font-size="16pt" fo:font-weight="bold"/>
 </style:style>
 <style:style style:name="Toc1" style:family="paragraph">
  <style:paragraph-properties fo:margin-top="0.15cm">
   <style:tab-stops><style:tab-stop style:position="16.5cm" style:type="right" style:leader-style="dotted" style:leader-text="."/></style:tab-stops>
  </style:paragraph-properties>
  <style:text-properties fo:font-weight="bold"/>
 </style:style>
 <style:style style:name="Toc2" style:family="paragraph">
  <style:paragraph-properties fo:margin-left="0.6cm">
   <style:tab-stops><style:tab-stop style:position="15.9cm" style:type="right" style:leader-style="dotted" style:leader-text="."/></style:tab-stops>
  </style:paragraph-properties>
 </style:style>
 <style:style style:name="Toc3" style:family="paragraph">
  <style:paragraph-properties fo:margin-left="1.2cm">
   <style:tab-stops><style:tab-stop style:position="15.3cm" style:type="right" style:leader-style="dotted" style:leader-text="."/></style:tab-stops>
  </style:paragraph-properties>
  <style:text-properties fo:font-size="10pt"/>
 </style:style>
 <style:style style:name="H1" style:family="paragraph" style:default-outline-level="1">
  <style:paragraph-properties fo:margin-top="0.6cm" fo:margin-bottom="0.4cm" fo:keep-with-next="always" fo:break-before="page"/>
  <style:text-properties style:font-name="Liberation Sans" fo:font-size="18pt" fo:font-weight="bold" fo:color="#1f4e79"/>
 </style:style>
 <style:style style:name="H2" style:family="paragraph" style:default-outline-level="2">
  <style:paragraph-properties fo:margin-top="0.5cm" fo:margin-bottom="0.25cm" fo:keep-with-next="always"/>
  <style:text-properties style:font-name="Liberation Sans" fo:font-size="14pt" fo:font-weight="bold" fo:color="#1f4e79"/>
 </style:style>
 <style:style style:name="H3" style:family="paragraph" style:default-outline-level="3">
  <style:paragraph-properties fo:margin-top="0.4cm" fo:margin-bottom="0.2cm" fo:keep-with-next="always"/>
  <style:text-properties style:font-name="Liberation Sans" fo:font-size="12pt" fo:font-weight="bold"/>
 </style:style>
 <style:style style:name="Caption" style:family="paragraph">
  <style:paragraph-properties fo:margin-top="0.3cm" fo:margin-bottom="0.15cm" fo:keep-with-next="always"/>
  <style:text-properties fo:font-size="10pt" fo:font-style="italic"/>
 </style:style>
 <style:style style:name="Item" style:family="paragraph">
  <style:paragraph-properties fo:margin-left="0.8cm" fo:text-indent="-0.4cm" fo:margin-bottom="0.1cm"/>
 </style:style>
 <style:style style:name="Cell" style:family="paragraph">
  <style:paragraph-properties fo:text-align="start"/>
  <style:text-properties fo:font-size="10pt"/>
 </style:style>
 <style:style style:name="CellNum" style:family="paragraph">
  <style:paragraph-properties fo:text-align="end"/>
  <style:text-properties fo:font-size="10pt"/>
 </style:style>
 <style:style style:name="CellHead" style:family="paragraph">
  <style:paragraph-properties fo:text-align="start"/>
  <style:text-properties style:font-name="Liberation Sans" fo:font-size="10pt" fo:font-weight="bold"/>
 </style:style>
 <style:style style:name="Header" style:family="paragraph">
  <style:paragraph-properties fo:text-align="center" fo:border-bottom="0.5pt solid #808080" fo:padding-bottom="0.1cm"/>
  <style:text-properties fo:font-size="8pt" fo:color="#404040"/>
 </style:style>
 <style:style style:name="Footer" style:family="paragraph">
  <style:paragraph-properties fo:text-align="end"/>
  <style:text-properties fo:font-size="8pt"/>
 </style:style>
</office:styles>
<office:automatic-styles>
 <style:page-layout style:name="PL">
  <style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="1.2cm" fo:margin-bottom="1.2cm" fo:margin-left="2.2cm" fo:margin-right="2.2cm"/>
  <style:header-style><style:header-footer-properties fo:min-height="0.6cm" fo:margin-bottom="0.5cm"/></style:header-style>
  <style:footer-style><style:header-footer-properties fo:min-height="0.6cm" fo:margin-top="0.5cm"/></style:footer-style>
 </style:page-layout>
 <style:style style:name="Tbl" style:family="table">
  <style:table-properties style:width="16.6cm" table:align="left" fo:margin-top="0.1cm" fo:margin-bottom="0.3cm"/>
 </style:style>
 <style:style style:name="TC" style:family="table-cell">
  <style:table-cell-properties fo:border="0.5pt solid #000000" fo:padding="0.08cm"/>
 </style:style>
 <style:style style:name="TCLabel" style:family="table-cell">
  <style:table-cell-properties fo:background-color="#dbe5f1" fo:border="0.5pt solid #000000" fo:padding="0.08cm"/>
 </style:style>
 <style:style style:name="TCHead" style:family="table-cell">
  <style:table-cell-properties fo:background-color="#1f4e79" fo:border="0.5pt solid #000000" fo:padding="0.08cm"/>
 </style:style>
 <style:style style:name="RTop" style:family="table-cell">
  <style:table-cell-properties fo:border-top="1pt solid #000000" fo:border-bottom="0.5pt solid #000000" fo:border-left="none" fo:border-right="none" fo:padding="0.06cm"/>
 </style:style>
 <style:style style:name="RNone" style:family="table-cell">
  <style:table-cell-properties fo:border="none" fo:padding="0.06cm"/>
 </style:style>
 <style:style style:name="RBottom" style:family="table-cell">
  <style:table-cell-properties fo:border-top="none" fo:border-bottom="1pt solid #000000" fo:border-left="none" fo:border-right="none" fo:padding="0.06cm"/>
 </style:style>
 <style:style style:name="HeadWhite" style:family="paragraph" style:parent-style-name="CellHead">
  <style:text-properties fo:color="#ffffff"/>
 </style:style>
{colstyles}
</office:automatic-styles>
<office:master-styles>
 <style:master-page style:name="Standard" style:page-layout-name="PL">
  <style:header><text:p text:style-name="Header">{header}</text:p></style:header>
  <style:footer><text:p text:style-name="Footer">{footer} – Page <text:page-number text:select-page="current">1</text:page-number> / <text:page-count>1</text:page-count></text:p></style:footer>
 </style:master-page>
</office:master-styles>
<office:body><office:text>
"""


class Fodt:
    def __init__(self):
        self.colstyles = {}
        self.ntables = 0

    def col(self, cm):
        name = f"C{int(round(cm * 100))}"
        self.colstyles[name] = cm
        return name

    def table(self, head, rows, widths, style, header_style="head"):
        self.ntables += 1
        n = len(head) if head else len(rows[0])
        widths = widths or ([0.34] + [0.66 / (n - 1)] * (n - 1) if n > 1 else [1.0])
        out = [f'<table:table table:name="Tableau{self.ntables}" table:style-name="Tbl">']
        for w in widths:
            out.append(f'<table:table-column table:style-name="{self.col(16.6 * w)}"/>')

        def cell(text, cstyle, pstyle, span=1):
            attrs = f' table:number-columns-spanned="{span}"' if span > 1 else ""
            paras = text if isinstance(text, list) else [text]
            body = "".join(f'<text:p text:style-name="{pstyle}">{x(p)}</text:p>' for p in paras)
            s = f'<table:table-cell table:style-name="{cstyle}" office:value-type="string"{attrs}>{body}</table:table-cell>'
            return s + "<table:covered-table-cell/>" * (span - 1)

        grid = style == "grid"
        if head:
            out.append("<table:table-header-rows><table:table-row>")
            for h in head:
                if grid:
                    out.append(cell(h, "TCHead", "HeadWhite"))
                else:
                    out.append(cell(h, "RTop", "CellHead"))
            out.append("</table:table-row></table:table-header-rows>")
        for ri, r in enumerate(rows):
            out.append("<table:table-row>")
            last = ri + 1 == len(rows)
            for ci, v in enumerate(r):
                num = isinstance(v, str) and bool(re.fullmatch(r"[\d  ,.%–-]+", v))
                p = "CellNum" if num and ci > 0 else "Cell"
                if grid:
                    out.append(cell(v, "TC", p))
                else:
                    out.append(cell(v, "RBottom" if last else "RNone", p))
            out.append("</table:table-row>")
        out.append("</table:table>")
        return "".join(out)

    def fiche(self, f, style):
        out = []
        rows = fiche_rows(f)
        self.ntables += 1
        out.append(f'<table:table table:name="Fiche{self.ntables}" table:style-name="Tbl">')
        out.append(f'<table:table-column table:style-name="{self.col(4.6)}"/><table:table-column table:style-name="{self.col(12.0)}"/>')

        def row(label, value, lstyle="TCLabel", lpara="CellHead"):
            paras = value if isinstance(value, list) else [value]
            body = "".join(f'<text:p text:style-name="Cell">{x(p)}</text:p>' for p in paras)
            return (f'<table:table-row><table:table-cell table:style-name="{lstyle}" office:value-type="string">'
                    f'<text:p text:style-name="{lpara}">{x(label)}</text:p></table:table-cell>'
                    f'<table:table-cell table:style-name="TC" office:value-type="string">{body}</table:table-cell></table:table-row>')

        if style == "headed":
            out.append("<table:table-header-rows>")
            out.append(row("Fiche", f"Action {f['num']} – {f['title']}"))
            out.append("</table:table-header-rows>")
        for label, value in rows:
            out.append(row(label, value))
        out.append("</table:table>")
        return "".join(out)

    def render(self, doc, toc_pages):
        body = []
        hs = headings(doc)
        for e in doc["body"]:
            kind = e[0]
            if kind == "cover":
                body.append(f'<text:p text:style-name="Cover">{x(e[1])}</text:p>')
                body.append(f'<text:p text:style-name="Subtitle">{x(e[2])}</text:p>')
            elif kind == "toc":
                body.append('<text:p text:style-name="TocTitle">Sommaire</text:p>')
                for (level, num, text), page in zip(hs, toc_pages):
                    body.append(f'<text:p text:style-name="Toc{level}">{x(heading_text(num, text))}<text:tab/>{page or 0}</text:p>')
            elif kind == "h":
                body.append(f'<text:h text:style-name="H{e[1]}" text:outline-level="{e[1]}">{x(heading_text(e[2], e[3]))}</text:h>')
            elif kind == "p":
                body.append(f'<text:p text:style-name="Standard">{x(e[1])}</text:p>')
            elif kind == "list":
                for it in e[1]:
                    body.append(f'<text:p text:style-name="Item">•\u00a0{x(it)}</text:p>')
            elif kind == "table":
                body.append(f'<text:p text:style-name="Caption">{x(e[1])}</text:p>')
                body.append(self.table(e[2], e[3], e[4], e[5]))
            elif kind == "fiche":
                f, style = e[1], e[2]
                body.append(self.fiche(f, style))
        cols = "\n".join(
            f' <style:style style:name="{n}" style:family="table-column"><style:table-column-properties style:column-width="{cm:.2f}cm"/></style:style>'
            for n, cm in sorted(self.colstyles.items()))
        head = FODT_HEAD.replace("{colstyles}", cols).replace("{header}", x(doc["header"])).replace("{footer}", x(doc["footer"]))
        return head + "\n".join(body) + "\n</office:text></office:body></office:document>\n"


def libreoffice(doc, fodt_path, pdf_path, toc_pages):
    with open(fodt_path, "w", encoding="utf-8") as f:
        f.write(Fodt().render(doc, toc_pages))
    outdir = os.path.dirname(pdf_path)
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
             "--outdir", outdir, fodt_path],
            check=True, capture_output=True, timeout=900)
    produced = os.path.join(outdir, os.path.splitext(os.path.basename(fodt_path))[0] + ".pdf")
    if produced != pdf_path:
        shutil.move(produced, pdf_path)


# --------------------------------------------------------------------------
# LaTeX: longtable for the fiches and the long tables, booktabs rules.

def tex(s):
    rep = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
           "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\^{}", "€": r"\texteuro{}",
           "’": "'", "«\u00a0": "«~", "\u00a0»": "~»", "\u00a0": "~"}
    out = []
    i = 0
    while i < len(s):
        for k in ("«\u00a0", "\u00a0»"):
            if s.startswith(k, i):
                out.append(rep[k])
                i += len(k)
                break
        else:
            out.append(rep.get(s[i], s[i]))
            i += 1
    return "".join(out)


def latex_source(doc, toc_pages):
    out = [r"""\documentclass[11pt,a4paper]{article}
\usepackage[utf8]{inputenc}
\usepackage[T1]{fontenc}
\usepackage{lmodern}
\usepackage[french]{babel}
\usepackage[margin=2.3cm,headheight=14pt]{geometry}
\usepackage{longtable,booktabs,array,fancyhdr,textcomp}
\renewcommand{\arraystretch}{1.2}
\pagestyle{fancy}
\fancyhf{}
\fancyhead[C]{\footnotesize """ + tex(doc["header"]) + r"""}
\fancyfoot[R]{\footnotesize """ + tex(doc["footer"]) + r""" -- Page \thepage}
\setlength{\parskip}{4pt}
\begin{document}
"""]
    hs = headings(doc)
    for e in doc["body"]:
        kind = e[0]
        if kind == "cover":
            out.append(r"\begin{titlepage}\centering\vspace*{5cm}{\LARGE\bfseries " + tex(e[1]) + r"\par}\vspace{1cm}{\large " + tex(e[2]) + r"\par}\end{titlepage}")
        elif kind == "toc":
            out.append(r"\section*{Sommaire}")
            for (level, num, text), page in zip(hs, toc_pages):
                indent = {1: "0em", 2: "1.5em", 3: "3em"}[level]
                bf = r"\bfseries " if level == 1 else ""
                out.append(r"\noindent\hspace*{" + indent + "}{" + bf + tex(heading_text(num, text)) + r"}\dotfill " + str(page or 0) + r"\par")
            out.append(r"\clearpage")
        elif kind == "h":
            level = e[1]
            cmd = {1: r"\clearpage\section*", 2: r"\subsection*", 3: r"\subsubsection*"}[level]
            out.append(cmd + "{" + tex(heading_text(e[2], e[3])) + "}")
        elif kind == "p":
            out.append(tex(e[1]) + "\n")
        elif kind == "list":
            out.append(r"\begin{itemize}" + "".join(r"\item " + tex(i) for i in e[1]) + r"\end{itemize}")
        elif kind == "table":
            cap, head, rows, widths, style = e[1], e[2], e[3], e[4], e[5]
            n = len(head)
            widths = widths or ([0.3] + [0.62 / (n - 1)] * (n - 1))
            grid = style == "grid"
            cols = []
            for i, w in enumerate(widths):
                align = r"\raggedright" if i == 0 or w > 0.25 else r"\raggedleft"
                cols.append(r">{" + align + r"\arraybackslash}p{" + f"{w * 0.9:.3f}" + r"\textwidth}")
            spec = ("|" + "|".join(cols) + "|") if grid else "".join(cols)
            out.append(r"\noindent\textit{\small " + tex(cap) + "}")
            out.append(r"{\small\begin{longtable}{" + spec + "}")
            top = r"\hline" if grid else r"\toprule"
            mid = r"\hline" if grid else r"\midrule"
            bot = r"\hline" if grid else r"\bottomrule"
            hdr = " & ".join(r"\textbf{" + tex(h) + "}" for h in head) + r" \\ " + mid
            out.append(top + hdr + r"\endfirsthead")
            out.append(top + hdr + r"\endhead")
            out.append(bot + r"\endlastfoot")
            for r in rows:
                out.append(" & ".join(tex(v) for v in r) + r" \\" + (r" \hline" if grid else ""))
            out.append(r"\end{longtable}}")
        elif kind == "fiche":
            f, style = e[1], e[2]
            out.append(r"{\small\begin{longtable}{|>{\raggedright\arraybackslash\bfseries}p{0.25\textwidth}|>{\raggedright\arraybackslash}p{0.67\textwidth}|}")
            if style == "headed":
                first = r"\hline Fiche & " + tex(f"Action {f['num']} – {f['title']}") + r" \\ \hline"
                out.append(first + r"\endfirsthead")
                out.append(first + r"\endhead")
            else:
                out.append(r"\hline\endfirsthead\hline\endhead")
            for label, value in fiche_rows(f):
                v = r" \newline ".join(tex(x_) for x_ in value) if isinstance(value, list) else tex(value)
                out.append(tex(label) + " & " + v + r" \\ \hline")
            out.append(r"\end{longtable}}")
    out.append(r"\end{document}")
    return "\n".join(out)


def latex(doc, tex_path, pdf_path, toc_pages):
    with open(tex_path, "w", encoding="utf-8") as f:
        f.write(latex_source(doc, toc_pages))
    d = os.path.dirname(tex_path)
    for _ in range(2):
        r = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", os.path.basename(tex_path)],
                           cwd=d, capture_output=True, timeout=900)
        if r.returncode != 0:
            sys.stderr.write(r.stdout.decode(errors="replace")[-3000:])
            raise SystemExit("pdflatex failed")
    produced = os.path.splitext(tex_path)[0] + ".pdf"
    if produced != pdf_path:
        shutil.move(produced, pdf_path)


# --------------------------------------------------------------------------
# Chromium: HTML tables, @page margin boxes.

def html_source(doc, toc_pages):
    h = x
    out = ["""<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>""" + h(doc["name"]) + """</title><style>
@page { size: A4; margin: 2cm 2cm 2cm 2cm;
  @top-center { content: \"""" + doc["header"].replace('"', '\\"') + """\"; font: 8pt sans-serif; color: #444; }
  @bottom-right { content: \"""" + doc["footer"].replace('"', '\\"') + """ – Page " counter(page) " / " counter(pages); font: 8pt sans-serif; } }
body { font: 11pt/1.35 'DejaVu Serif', serif; text-align: justify; }
h1 { font: bold 18pt sans-serif; color: #1f4e79; break-before: page; }
h2 { font: bold 14pt sans-serif; color: #1f4e79; break-after: avoid; }
h3 { font: bold 12pt sans-serif; break-after: avoid; }
.cover { text-align: center; margin-top: 8cm; font: bold 24pt sans-serif; }
.sub { text-align: center; font: 13pt sans-serif; break-after: page; }
.toc p { margin: 2pt 0; display: flex; }
.toc .l1 { font-weight: bold; margin-top: 6pt; }
.toc .l2 { padding-left: 1.5em; } .toc .l3 { padding-left: 3em; font-size: 10pt; }
.toc .t { flex: none; } .toc .d { flex: auto; overflow: hidden; white-space: nowrap; }
.toc .d::after { content: " . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . ."; }
.toc .n { flex: none; }
table { border-collapse: collapse; width: 100%; font-size: 10pt; margin: 4pt 0 10pt; text-align: left; }
table.grid td, table.grid th { border: 0.75pt solid #000; padding: 3pt 4pt; vertical-align: top; }
table.grid th { background: #1f4e79; color: #fff; }
table.rules { border-top: 1.2pt solid #000; border-bottom: 1.2pt solid #000; }
table.rules th { border-bottom: 0.75pt solid #000; padding: 2pt 4pt; }
table.rules td { padding: 2pt 4pt; }
td.num { text-align: right; }
table.fiche td.label { background: #dbe5f1; font-weight: bold; width: 28%; }
.caption { font-style: italic; font-size: 10pt; margin-top: 8pt; }
</style></head><body>"""]
    hs = headings(doc)
    for e in doc["body"]:
        kind = e[0]
        if kind == "cover":
            out.append(f'<p class="cover">{h(e[1])}</p><p class="sub">{h(e[2])}</p>')
        elif kind == "toc":
            out.append('<div class="toc"><h2>Sommaire</h2>')
            for (level, num, text), page in zip(hs, toc_pages):
                out.append(f'<p class="l{level}"><span class="t">{h(heading_text(num, text))}</span><span class="d"></span><span class="n">{page or 0}</span></p>')
            out.append("</div>")
        elif kind == "h":
            out.append(f"<h{e[1]}>{h(heading_text(e[2], e[3]))}</h{e[1]}>")
        elif kind == "p":
            out.append(f"<p>{h(e[1])}</p>")
        elif kind == "list":
            out.append("<ul>" + "".join(f"<li>{h(i)}</li>" for i in e[1]) + "</ul>")
        elif kind == "table":
            cap, head, rows, widths, style = e[1], e[2], e[3], e[4], e[5]
            out.append(f'<p class="caption">{h(cap)}</p><table class="{style}"><thead><tr>' + "".join(f"<th>{h(c)}</th>" for c in head) + "</tr></thead><tbody>")
            for r in rows:
                cells = []
                for ci, v in enumerate(r):
                    num = ci > 0 and re.fullmatch(r"[\d  ,.%–-]+", v)
                    cells.append(f'<td class="num">{h(v)}</td>' if num else f"<td>{h(v)}</td>")
                out.append("<tr>" + "".join(cells) + "</tr>")
            out.append("</tbody></table>")
        elif kind == "fiche":
            f, style = e[1], e[2]
            out.append('<table class="grid fiche">')
            if style == "headed":
                out.append(f'<thead><tr><td class="label">Fiche</td><td>{h("Action " + f["num"] + " – " + f["title"])}</td></tr></thead>')
            out.append("<tbody>")
            for label, value in fiche_rows(f):
                v = "<br>".join(h(i) for i in value) if isinstance(value, list) else h(value)
                out.append(f'<tr><td class="label">{h(label)}</td><td>{v}</td></tr>')
            out.append("</tbody></table>")
    out.append("</body></html>")
    return "\n".join(out)


def chromium(doc, html_path, pdf_path, toc_pages):
    with open(html_path, "w", encoding="utf-8") as f:
        f.write(html_source(doc, toc_pages))
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={profile}", "--no-pdf-header-footer", f"--print-to-pdf={pdf_path}",
             "file://" + os.path.abspath(html_path)],
            check=True, capture_output=True, timeout=900)


# --------------------------------------------------------------------------

DOCS = {
    "allier-libreoffice": (allier_doc, libreoffice, ".fodt"),
    "allier-actions-latex": (lambda: allier_doc(False), latex, ".tex"),
    "allier-actions-chromium": (lambda: allier_doc(False), chromium, ".html"),
    "recueil-libreoffice": (recueil_doc, libreoffice, ".fodt"),
}


def build(name, out_dir, work):
    make, render, ext = DOCS[name]
    doc = make()
    src = os.path.join(work, name + ext)
    pdf = os.path.join(out_dir, f"ptsm-{name}.pdf")
    n = len(headings(doc))
    pages = [1] * n
    # Page numbers of the table of contents: rendered, read back, rendered
    # again until they hold (they do after one round: the contents take
    # the same room whatever the numbers).
    for _ in range(3):
        render(doc, src, pdf, pages)
        found = find_pages(pdf, doc)
        missing = [heading_text(*h[1:]) for h, p in zip(headings(doc), found) if p is None]
        if missing:
            raise SystemExit(f"{name}: headings not found in the PDF: {missing[:5]}")
        if found == pages:
            break
        pages = found
    if render is chromium and shutil.which("qpdf"):
        # Chromium writes each glyph run uncompressed in its own way:
        # object streams and a stronger compression halve the file (what
        # the repository keeps), the content is the same.
        small = pdf + ".tmp"
        subprocess.run(["qpdf", "--object-streams=generate", "--recompress-flate",
                        "--compression-level=9", pdf, small], check=True)
        os.replace(small, pdf)
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, check=True).stdout.decode()
    count = re.search(r"Pages:\s+(\d+)", info).group(1)
    print(f"{pdf}: {count} pages, {os.path.getsize(pdf) // 1024} KB")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=os.path.join(ROOT, "target", "testdocs"),
                    help="output folder (tests/data/ptsm-docs for the documents the repository keeps)")
    ap.add_argument("--keep-sources", action="store_true", help="keep the .fodt/.tex/.html next to the PDFs")
    ap.add_argument("docs", nargs="*", default=list(DOCS))
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    for name in args.docs:
        if name not in DOCS:
            raise SystemExit(f"unknown document {name}; one of {', '.join(DOCS)}")
        if args.keep_sources:
            build(name, args.out, args.out)
        else:
            with tempfile.TemporaryDirectory() as work:
                build(name, args.out, work)


if __name__ == "__main__":
    main()
