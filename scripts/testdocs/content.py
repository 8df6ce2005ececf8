"""Content of the test PTSM documents: fiches-action, territories, the
prose and the figures of the diagnostics.

The fiches of the development set (`../shared/realworld/texts/45_*.txt`,
labelled paragraphs, and `59_*.txt`, label/value tables) are read from
there; the others are written here in the same manner. People, phone
numbers, amounts and figures are invented (phone numbers in the blocks the
French numbering plan keeps for fiction); organisations are real kinds of
public bodies.
"""

import glob
import os
import random
import re

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.path.normpath(os.path.join(HERE, "..", "..", "..", "shared", "realworld", "texts"))

# The labels of a fiche, in the order they are laid out.
LABELS = [
    "Axe",
    "Priorité du décret n° 2017-1200",
    "Objectif général",
    "Objectifs opérationnels",
    "Description",
    "Pilote(s)",
    "Partenaires",
    "Public cible",
    "Territoire",
    "Calendrier",
    "Indicateurs",
    "Budget / financement",
    "Contact",
]


def read_shared(prefix):
    paths = glob.glob(os.path.join(SHARED, prefix + "_*.txt"))
    if not paths:
        raise SystemExit(f"missing {SHARED}/{prefix}_*.txt (the shared development set)")
    with open(paths[0], encoding="utf-8") as f:
        return f.read()


def parse_labelled(text):
    """Fiches written as labelled paragraphs (file 45): a title line
    "Fiche action n°N – title", then "Label : value" lines; the operational
    objectives as indented "a) …" lines."""
    fiches = []
    cur = None
    last = None
    for line in text.split("\n"):
        m = re.match(r"^Fiche action n°(\d+) – (.*)$", line)
        if m:
            cur = {"num": m.group(1), "title": m.group(2), "fields": []}
            fiches.append(cur)
            last = None
            continue
        if cur is None:
            continue
        if line.startswith("    ") and last is not None:
            value = last[1]
            if not isinstance(value, list):
                last[1] = value = []
            value.append(line.strip())
            continue
        m = re.match(r"^([A-ZÉ][^:]{1,40}?) :(?: (.*))?$", line)
        if m and not line.startswith("PTSM de"):
            last = [m.group(1), m.group(2) or ""]
            cur["fields"].append(last)
            continue
        if line.strip() == "" or line.startswith("PTSM de"):
            continue
        if line.startswith(("Synthèse", "Annexe", "Les fiches")):
            cur = None
    for f in fiches:
        f["fields"] = [(k, v if v else "") for k, v in f["fields"]]
    return fiches


def parse_table(text):
    """Fiches written as label/value tables (file 59): "| Label | value |"
    rows, the first one "| Fiche | Action 3.1 – title |"."""
    fiches = []
    cur = None
    for line in text.split("\n"):
        m = re.match(r"^\| (.*?) \| (.*) \|$", line)
        if not m:
            cur = None
            continue
        label, value = m.group(1), m.group(2)
        if label == "Fiche":
            num, _, title = value.partition(" – ")
            cur = {"num": num.replace("Action ", ""), "title": title, "fields": []}
            fiches.append(cur)
        elif cur is not None:
            cur["fields"].append((label, value))
    return fiches


# Fiches of the Allier PTSM written for these documents, after the ten of
# file 45 (same territory, same manner).
ALLIER_MORE = [
    {
        "num": "11",
        "title": "Renforcer la pédopsychiatrie de liaison dans les services de pédiatrie",
        "fields": [
            ("Axe", "1 – Prévenir et repérer précocement"),
            ("Priorité du décret n° 2017-1200", "1° (repérage précoce)"),
            ("Objectif général", "assurer un avis pédopsychiatrique dans les 48 heures à tout enfant ou adolescent hospitalisé en pédiatrie pour un motif psychique."),
            ("Objectifs opérationnels", [
                "a) créer une équipe de liaison partagée entre les trois centres hospitaliers ;",
                "b) formaliser un protocole d’appel commun avec les urgences pédiatriques ;",
                "c) organiser une réunion clinique mensuelle entre pédiatres et pédopsychiatres.",
            ]),
            ("Description", "l’équipe, composée d’un pédopsychiatre à mi-temps, de deux infirmiers et d’une psychologue, intervient dans les services de pédiatrie de Moulins, Montluçon et Vichy ; elle assure aussi le lien avec les centres médico-psychologiques pour enfants et adolescents à la sortie."),
            ("Pilote(s)", "Centre hospitalier de Moulins-Yzeure – pôle de psychiatrie de l’enfant et de l’adolescent"),
            ("Partenaires", "services de pédiatrie des trois centres hospitaliers, maison des adolescents de l’Allier, aide sociale à l’enfance"),
            ("Public cible", "enfants et adolescents de 0 à 17 ans hospitalisés en pédiatrie"),
            ("Territoire", "ensemble du département"),
            ("Calendrier", "septembre 2020 : recrutement ; janvier 2021 : début des interventions"),
            ("Indicateurs", "délai moyen du premier avis ; nombre d’avis par an ; part des enfants orientés vers un CMP-EA à la sortie"),
            ("Budget / financement", "210 000 € par an (ARS – Fonds d’intervention régional puis dotation annuelle de financement)"),
        ],
    },
    {
        "num": "12",
        "title": "Développer les conseils locaux de santé mentale",
        "fields": [
            ("Axe", "4 – Promouvoir les droits et lutter contre la stigmatisation"),
            ("Priorité du décret n° 2017-1200", "6° (déterminants sociaux, environnementaux et territoriaux)"),
            ("Objectif général", "doter chaque bassin d’un conseil local de santé mentale réunissant élus, psychiatrie publique, usagers et aidants."),
            ("Objectifs opérationnels", [
                "a) créer le CLSM de Moulins Communauté ;",
                "b) recruter un coordinateur à temps plein pour les trois CLSM ;",
                "c) mettre en place dans chaque CLSM une cellule de situations complexes.",
            ]),
            ("Pilote(s)", "Villes de Montluçon, Moulins et Vichy"),
            ("Partenaires", "centres hospitaliers, bailleurs sociaux, UNAFAM 03, CCAS, police municipale, Centre national de ressources et d’appui aux CLSM"),
            ("Public cible", "habitants des trois agglomérations"),
            ("Territoire", "Montluçon Communauté, Moulins Communauté, Vichy Communauté"),
            ("Calendrier", "2020 : Montluçon et Vichy ; 2021 : Moulins"),
            ("Indicateurs", "nombre de CLSM ; nombre de situations complexes examinées ; nombre de réunions plénières par an"),
            ("Budget / financement", "coordination : 50 % ARS, 50 % communes, soit 30 000 € par CLSM et par an"),
            ("Contact", "Mme Sandrine ROUSSEL – Tél. 04 65 71 03 20 – clsm.montlucon@ville-montlucon.fr"),
        ],
    },
    {
        "num": "13",
        "title": "Mettre en place un dispositif de soutien aux aidants",
        "fields": [
            ("Axe", "3 – Fluidifier les parcours et favoriser le rétablissement"),
            ("Objectif général", "reconnaître les proches aidants de personnes vivant avec un trouble psychique et leur offrir une écoute, une information et un répit."),
            ("Objectifs opérationnels", [
                "a) déployer le programme de psychoéducation des familles dans chaque bassin ;",
                "b) ouvrir une permanence d’accueil des familles dans les trois centres hospitaliers ;",
                "c) proposer deux séjours de répit par an.",
            ]),
            ("Pilote(s)", "UNAFAM 03"),
            ("Partenaires", "centres hospitaliers, plateformes de répit, Conseil départemental de l’Allier, mutuelles"),
            ("Public cible", "proches aidants de personnes vivant avec un trouble psychique"),
            ("Calendrier", "2021-2024"),
            ("Indicateurs", "nombre de familles accueillies ; nombre de participants au programme de psychoéducation ; satisfaction"),
            ("Budget / financement", "45 000 € par an (CNSA – plan d’aide aux aidants, 30 000 € ; mutuelles, 15 000 €)"),
        ],
    },
    {
        "num": "14",
        "title": "Prévenir les ruptures de parcours des jeunes de 16 à 25 ans",
        "fields": [
            ("Axe", "3 – Fluidifier les parcours et favoriser le rétablissement"),
            ("Priorité du décret n° 2017-1200", "2° (parcours sans rupture, rétablissement)"),
            ("Objectif général", "éviter les ruptures de soins au passage de la pédopsychiatrie à la psychiatrie adulte."),
            ("Objectifs opérationnels", [
                "a) organiser une consultation de transition commune aux deux secteurs ;",
                "b) désigner un référent de parcours pour chaque jeune suivi ;",
                "c) associer les missions locales et les services universitaires de santé.",
            ]),
            ("Description", "la consultation de transition réunit, pour chaque jeune, le psychiatre d’enfants qui le suit et le psychiatre d’adultes qui prendra le relais ; le référent de parcours reste l’interlocuteur du jeune et de sa famille pendant la première année de suivi en psychiatrie adulte."),
            ("Pilote(s)", "CH de Montluçon-Néris-les-Bains – Dr Mathieu LEBRUN, psychiatre, chef du pôle de psychiatrie adulte"),
            ("Partenaires", "maison des adolescents, missions locales, service de santé universitaire, Protection judiciaire de la jeunesse"),
            ("Public cible", "jeunes de 16 à 25 ans suivis en psychiatrie"),
            ("Territoire", "bassin de Montluçon, puis ensemble du département"),
            ("Calendrier", "2021 : expérimentation à Montluçon ; 2022 : extension"),
            ("Indicateurs", "nombre de consultations de transition ; part des jeunes sans rupture de suivi à 12 mois"),
            ("Budget / financement", "0,5 ETP de psychiatre et 1 ETP d’infirmier, soit 110 000 € par an (ARS)"),
        ],
    },
    {
        "num": "15",
        "title": "Faciliter l’accès à l’emploi des personnes vivant avec un trouble psychique",
        "fields": [
            ("Axe", "3 – Fluidifier les parcours et favoriser le rétablissement"),
            ("Objectif général", "permettre l’accès et le maintien dans l’emploi en milieu ordinaire grâce à l’emploi accompagné."),
            ("Objectifs opérationnels", [
                "a) porter à 40 le nombre de places d’emploi accompagné ;",
                "b) former les conseillers de France Travail et de Cap emploi au handicap psychique ;",
                "c) sensibiliser les employeurs des trois bassins d’emploi.",
            ]),
            ("Pilote(s)", "Association départementale des amis et parents de personnes handicapées mentales (ADAPEI de l’Allier)"),
            ("Partenaires", "France Travail, Cap emploi, ESAT, centres hospitaliers, AGEFIPH"),
            ("Public cible", "adultes vivant avec un trouble psychique et souhaitant travailler"),
            ("Territoire", "ensemble du département"),
            ("Calendrier", "2020-2023"),
            ("Indicateurs", "nombre de personnes accompagnées ; nombre de contrats de travail signés ; maintien dans l’emploi à 12 mois"),
            ("Budget / financement", "120 000 € par an (ARS 60 000 € ; AGEFIPH 60 000 €)"),
            ("Contact", "emploi.accompagne@adapei03.fr – 04 65 71 03 30"),
        ],
    },
    {
        "num": "16",
        "title": "Développer la télépsychiatrie vers les établissements médico-sociaux",
        "fields": [
            ("Axe", "2 – Organiser la réponse aux situations de crise et d’urgence"),
            ("Priorité du décret n° 2017-1200", "3° (soins somatiques) et 4° (situations de crise)"),
            ("Objectif général", "apporter un avis psychiatrique rapide aux EHPAD et aux établissements pour personnes handicapées éloignés des centres hospitaliers."),
            ("Objectifs opérationnels", [
                "a) équiper vingt établissements en matériel de téléconsultation ;",
                "b) ouvrir deux créneaux hebdomadaires de téléexpertise par bassin ;",
                "c) former les équipes soignantes des établissements à la préparation des téléconsultations.",
            ]),
            ("Pilote(s)", "CH Jacques Lacarin de Vichy"),
            ("Partenaires", "EHPAD, maisons d’accueil spécialisées, foyers d’accueil médicalisé, GRADeS Auvergne-Rhône-Alpes"),
            ("Public cible", "résidents des EHPAD et des établissements médico-sociaux"),
            ("Calendrier", "2021 : dix établissements ; 2022 : vingt établissements"),
            ("Indicateurs", "nombre de téléconsultations ; nombre d’hospitalisations évitées ; délai de réponse"),
            ("Budget / financement", "80 000 € d’investissement (ARS) ; 25 000 € par an de fonctionnement"),
        ],
    },
]

# Territories of the regional collection of action plans.
TERRITORIES = [
    ("Ain", "de l’Ain", "01", ["Bourg-en-Bresse", "Ambérieu-en-Bugey", "Oyonnax", "Belley"],
     "Centre psychothérapique de l’Ain", "CH de Bourg-en-Bresse"),
    ("Allier", "de l’Allier", "03", ["Moulins", "Montluçon", "Vichy"],
     "Centre hospitalier de Moulins-Yzeure", "CH de Montluçon-Néris-les-Bains"),
    ("Ardèche", "de l’Ardèche", "07", ["Privas", "Aubenas", "Annonay", "Tournon-sur-Rhône"],
     "Centre hospitalier Sainte-Marie de Privas", "CH d’Ardèche Nord"),
    ("Cantal", "du Cantal", "15", ["Aurillac", "Saint-Flour", "Mauriac"],
     "Centre hospitalier Henri Mondor d’Aurillac", "CH de Saint-Flour"),
    ("Drôme", "de la Drôme", "26", ["Valence", "Montélimar", "Romans-sur-Isère", "Die"],
     "Centre hospitalier Drôme Vivarais", "CH de Valence"),
    ("Isère", "de l’Isère", "38", ["Grenoble", "Vienne", "Voiron", "Bourgoin-Jallieu"],
     "Centre hospitalier Alpes-Isère", "CHU Grenoble Alpes"),
    ("Loire", "de la Loire", "42", ["Saint-Étienne", "Roanne", "Montbrison", "Firminy"],
     "CHU de Saint-Étienne", "CH de Roanne"),
    ("Haute-Loire", "de la Haute-Loire", "43", ["Le Puy-en-Velay", "Yssingeaux", "Brioude"],
     "Centre hospitalier Sainte-Marie du Puy-en-Velay", "CH Émile Roux"),
    ("Puy-de-Dôme", "du Puy-de-Dôme", "63", ["Clermont-Ferrand", "Riom", "Thiers", "Issoire", "Ambert"],
     "Centre hospitalier Sainte-Marie de Clermont-Ferrand", "CHU de Clermont-Ferrand"),
    ("Rhône", "du Rhône", "69", ["Lyon", "Villefranche-sur-Saône", "Vénissieux", "Tarare"],
     "Centre hospitalier Le Vinatier", "Centre hospitalier Saint-Jean-de-Dieu"),
    ("Savoie", "de la Savoie", "73", ["Chambéry", "Albertville", "Aix-les-Bains", "Saint-Jean-de-Maurienne"],
     "Centre hospitalier spécialisé de la Savoie", "CH Métropole Savoie"),
    ("Haute-Savoie", "de la Haute-Savoie", "74", ["Annecy", "Thonon-les-Bains", "Annemasse", "Sallanches"],
     "EPSM de la vallée de l’Arve", "CH Annecy Genevois"),
]

FIRST = ["Claire", "Nicolas", "Isabelle", "Julien", "Nathalie", "Thomas", "Sophie", "Karim",
         "Hélène", "Olivier", "Camille", "Pierre", "Lucie", "Mehdi", "Anne", "François"]
LAST = ["MARTIN", "BERNARD", "GIRAUD", "FAURE", "ROUSSEL", "MOREAU", "LAURENT", "GARNIER",
        "CHEVALIER", "BLANC", "GUERIN", "MULLER", "BONNET", "DUPUIS", "LEFEBVRE", "BRUN"]


def adapt(fiche, terr, rng, num):
    """A fiche of file 45 (Allier) adapted to another territory: the
    towns, hospitals and département of the Allier replaced by its own."""
    name, de, code, towns, ch1, ch2 = terr
    subs = [
        ("Centre hospitalier de Moulins-Yzeure", ch1),
        ("CH de Moulins-Yzeure", ch1),
        ("CH de Montluçon-Néris-les-Bains", ch2),
        ("CH Jacques Lacarin de Vichy", f"CH de {towns[-1]}"),
        ("de l’Allier", de),
        ("l’Allier", de[3:] if de.startswith("de ") else name),
        ("03", code),
        ("Moulins", towns[0]),
        ("Montluçon", towns[1]),
        ("Vichy", towns[2] if len(towns) > 2 else towns[1]),
        ("ch-moulins-yzeure.fr", f"ptsm{code}-sante.fr"),
    ]

    def sub(s):
        for a, b in subs:
            s = s.replace(a, b)
        # Names of people are the territory's own.
        s = re.sub(r"(Dr|Pr|Mme|M\.) ([A-ZÉ][a-zéèï]+) ([A-ZÉ]{3,})",
                   lambda m: f"{m.group(1)} {rng.choice(FIRST)} {rng.choice(LAST)}", s)
        s = re.sub(r"04 65 71 0\d \d\d", lambda m: f"04 65 71 {code[:2]} {rng.randint(10, 99)}", s)
        return s

    fields = []
    for k, v in fiche["fields"]:
        fields.append((k, [sub(x) for x in v] if isinstance(v, list) else sub(v)))
    return {"num": str(num), "title": sub(fiche["title"]), "fields": fields}


# --------------------------------------------------------------------------
# Diagnostics: prose and figures.

DIAG_SECTIONS = [
    ("Présentation du territoire", [
        "Le département {de} compte {pop} habitants répartis sur {ncom} communes. La densité de population, de {dens} habitants au kilomètre carré, reste inférieure à la moyenne régionale, et près d’un tiers des habitants vivent dans une commune de moins de 2 000 habitants.",
        "La population vieillit : les personnes de 75 ans et plus représentent {p75} % des habitants, contre 9,6 % en moyenne nationale, et cette part devrait encore croître d’ici 2030. Les jeunes de moins de 20 ans sont proportionnellement moins nombreux qu’ailleurs dans la région.",
        "Le territoire s’organise autour de {nb} bassins de vie, {towns}, qui concentrent l’essentiel de l’offre de soins et des services publics. Les zones rurales de l’est et du sud du département sont éloignées de plus de 40 minutes d’un centre médico-psychologique.",
        "Les indicateurs sociaux sont défavorables : le taux de pauvreté atteint {pauv} %, le taux de chômage {chom} % et la part des bénéficiaires de la complémentaire santé solidaire est supérieure à la moyenne régionale. Ces déterminants pèsent sur la santé mentale des habitants.",
    ]),
    ("Offre de soins en psychiatrie adulte", [
        "La psychiatrie adulte est organisée en {nsect} secteurs rattachés à trois établissements autorisés. Chaque secteur dispose d’au moins un centre médico-psychologique, d’un hôpital de jour et d’un centre d’accueil thérapeutique à temps partiel.",
        "Le taux d’équipement en lits d’hospitalisation à temps plein, de {lits} lits pour 100 000 habitants de plus de 16 ans, est proche de la moyenne régionale, mais les durées moyennes de séjour sont plus longues, faute de solutions d’aval en logement et en établissement médico-social.",
        "Les délais d’accès à un premier rendez-vous en centre médico-psychologique varient de {d1} à {d2} jours selon les secteurs. Les groupes de travail ont relevé que ces délais conduisent une partie des patients à consulter aux urgences.",
        "La démographie médicale est fragile : {vac} postes de psychiatre sur {post} sont vacants ou occupés par des praticiens à temps partiel, et la moitié des psychiatres libéraux du département ont plus de 60 ans.",
    ]),
    ("Psychiatrie de l’enfant et de l’adolescent", [
        "La pédopsychiatrie compte {nsecti} intersecteurs. Les centres médico-psychologiques pour enfants et adolescents font face à une hausse continue des demandes, de l’ordre de {hausse} % en cinq ans, sans augmentation comparable des effectifs.",
        "Le délai moyen d’attente pour un premier rendez-vous atteint {attente} mois pour les situations qui ne relèvent pas de l’urgence. Les familles et les professionnels de l’éducation nationale décrivent des parcours longs et fragmentés.",
        "La maison des adolescents assure une mission d’accueil et d’orientation ; elle a reçu {mda} jeunes en 2018, dont un tiers adressés par les établissements scolaires. Ses antennes dans les bassins de vie restent à développer.",
    ]),
    ("Urgences et situations de crise", [
        "Les services d’urgences des centres hospitaliers ont accueilli {urg} passages pour motif psychiatrique en 2018, soit {urgp} % de l’ensemble des passages. La présence d’un psychiatre aux urgences n’est assurée qu’en journée dans deux établissements sur trois.",
        "Les hospitalisations sans consentement représentent {sdt} % des hospitalisations à temps plein, un niveau supérieur à la moyenne nationale. Les acteurs soulignent le manque d’interventions précoces au domicile, qui permettraient de désamorcer les crises.",
        "Le territoire ne dispose pas encore d’équipe mobile de crise. Les forces de l’ordre et les pompiers sont souvent les premiers intervenants, ce qui conduit à des admissions dans des conditions difficiles pour les personnes et leurs proches.",
    ]),
    ("Logement, insertion et accompagnement social", [
        "L’offre de logement accompagné reste limitée : {pens} places en pensions de famille et résidences accueil, et aucune place de type « Un chez-soi d’abord » à ce jour. Les bailleurs sociaux se disent prêts à s’engager si un accompagnement soignant est garanti.",
        "{gem} groupes d’entraide mutuelle fonctionnent dans le département. Ils accueillent chaque semaine plusieurs dizaines de personnes et jouent un rôle reconnu dans la lutte contre l’isolement.",
        "L’accès à l’emploi des personnes vivant avec un trouble psychique passe surtout par les établissements et services d’aide par le travail ; l’emploi accompagné en milieu ordinaire ne concerne encore qu’une vingtaine de personnes.",
    ]),
    ("Personnes âgées et personnes en situation de précarité", [
        "Les équipes mobiles de psychiatrie de la personne âgée interviennent dans {ehpad} EHPAD sur {ehpadt} ; les établissements qui n’en bénéficient pas signalent des hospitalisations en urgence faute d’avis spécialisé.",
        "L’équipe mobile psychiatrie précarité couvre surtout l’agglomération principale. Dans les autres bassins, les personnes sans domicile vivant avec un trouble psychique sont repérées par les accueils de jour et les maraudes, sans relais soignant organisé.",
        "Les permanences d’accès aux soins de santé accueillent chaque année plus de {pass} personnes, dont une part croissante présente des troubles psychiques ou des conduites addictives.",
    ]),
    ("Prévention et promotion de la santé mentale", [
        "Le taux de mortalité par suicide, de {suic} pour 100 000 habitants, dépasse la moyenne nationale, en particulier chez les hommes de plus de 45 ans vivant en milieu rural. Le dispositif de recontact des suicidants n’est pas encore déployé dans tous les établissements.",
        "Les actions de promotion de la santé mentale sont nombreuses mais dispersées : semaines d’information sur la santé mentale, formations de premiers secours, interventions en milieu scolaire. Leur coordination est l’un des enjeux du présent projet.",
        "Les professionnels de première ligne, travailleurs sociaux, enseignants, agents d’accueil, expriment un besoin de formation au repérage de la souffrance psychique et de connaissance des ressources du territoire.",
    ]),
]


def fill(template, terr, rng):
    name, de, code, towns, ch1, ch2 = terr
    values = {
        "de": de,
        "pop": f"{rng.randint(140, 1800) * 1000 + rng.randint(0, 999):,}".replace(",", " "),
        "ncom": rng.randint(150, 520),
        "dens": rng.randint(28, 140),
        "p75": f"{rng.randint(95, 140) / 10:.1f}".replace(".", ","),
        "nb": {3: "trois", 4: "quatre", 5: "cinq"}.get(len(towns), str(len(towns))),
        "towns": ", ".join(towns[:-1]) + " et " + towns[-1],
        "pauv": f"{rng.randint(120, 180) / 10:.1f}".replace(".", ","),
        "chom": f"{rng.randint(65, 110) / 10:.1f}".replace(".", ","),
        "nsect": rng.randint(4, 9),
        "lits": rng.randint(70, 120),
        "d1": rng.randint(8, 20),
        "d2": rng.randint(35, 90),
        "vac": rng.randint(4, 12),
        "post": rng.randint(30, 60),
        "nsecti": rng.randint(2, 4),
        "hausse": rng.randint(18, 45),
        "attente": rng.randint(4, 11),
        "mda": rng.randint(600, 1600),
        "urg": f"{rng.randint(1500, 6000):,}".replace(",", " "),
        "urgp": f"{rng.randint(20, 45) / 10:.1f}".replace(".", ","),
        "sdt": rng.randint(22, 34),
        "pens": rng.randint(40, 160),
        "gem": rng.randint(3, 9),
        "suic": f"{rng.randint(150, 240) / 10:.1f}".replace(".", ","),
        "ehpad": rng.randint(8, 30),
        "ehpadt": rng.randint(35, 80),
        "pass": rng.randint(300, 1200),
    }
    return template.format(**values)


def figures_tables(terr, rng):
    """Two tables of figures for a diagnostic: equipment by bassin, and
    activity by year."""
    name, de, code, towns, ch1, ch2 = terr
    head1 = ["Bassin", "Lits temps plein", "Places hôpital de jour", "CMP adultes", "CMP enfants", "Délai CMP (jours)"]
    rows1 = []
    tot = [0, 0, 0, 0]
    for t in towns:
        r = [rng.randint(20, 120), rng.randint(10, 60), rng.randint(1, 4), rng.randint(1, 3)]
        tot = [a + b for a, b in zip(tot, r)]
        rows1.append([t] + [str(x) for x in r] + [str(rng.randint(10, 80))])
    rows1.append(["Total"] + [str(x) for x in tot] + ["–"])
    years = ["2015", "2016", "2017", "2018"]
    head2 = ["Indicateur"] + years
    rows2 = []
    for label, lo, hi in [
        ("File active adulte", 6000, 15000),
        ("File active enfants et adolescents", 2000, 6000),
        ("Journées d’hospitalisation à temps plein", 50000, 120000),
        ("Hospitalisations sans consentement", 300, 900),
        ("Passages aux urgences pour motif psychiatrique", 1500, 6000),
    ]:
        base = rng.randint(lo, hi)
        vals = [base + rng.randint(-base // 10, base // 10) for _ in years]
        rows2.append([label] + [f"{v:,}".replace(",", " ") for v in vals])
    return [
        (f"Équipement en psychiatrie par bassin {de} (2018)", head1, rows1),
        ("Activité des établissements autorisés en psychiatrie, 2015-2018", head2, rows2),
    ]


def allier():
    """The Allier PTSM: the ten fiches of file 45 and six more."""
    return parse_labelled(read_shared("45")) + ALLIER_MORE


def ain_table_fiches():
    return parse_table(read_shared("59"))


def rng_for(seed):
    return random.Random(seed)
