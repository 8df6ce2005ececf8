//! Where a text names territories: départements (by name, code or
//! demonym), the region-wide territory of Corse, overseas collectivités,
//! and sub-departmental territories (arrondissements, territoires de
//! proximité, bassins, métropoles, pays, microrégions). Every mention is
//! judged in its context: a town used as a venue ("organisées à Vienne"),
//! a département inside a private organisation's name ("la Sauvegarde du
//! Nord"), a word inside a compound ("Est-Var", "Saint-Dié-des-Vosges") is
//! not a territory.
//!
//! [`mentions`] only finds; `territory` decides which mentions make a
//! territory and what the document is about.

use std::ops::Range;

use super::gazetteer::{self, Place};
use super::tokens::Tokens;

/// What a mention names.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Entity {
    /// A département or overseas collectivité, by code.
    Departement(&'static str),
    /// The region-wide territory of Corse.
    Corse,
    /// A sub-departmental territory, by the key of its normalized name.
    Sub(String),
}

/// How a mention is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// The name ("Meuse", "la Réunion", "arrondissement de Lille").
    Name,
    /// A code after an acronym or in parentheses ("PTSM 55", "(29)").
    Code,
    /// A demonym ("meusien").
    Demonym,
}

/// One mention of a territory.
#[derive(Debug, Clone)]
pub struct Mention {
    pub entity: Entity,
    pub form: Form,
    /// Tokens of the mention.
    pub toks: Range<usize>,
    /// Bytes of the mention in the normalized text.
    pub bytes: Range<usize>,
    /// For a sub-territory: its normalized name and its parent département
    /// when the words themselves tell it (a town's département, a
    /// département named in the same phrase).
    pub sub: Option<SubInfo>,
    /// Strong evidence that the text is about this territory ("PTSM de X",
    /// "Département de X", a code after PTSM/CTSM).
    pub subject: bool,
    /// The mention starts a line (a section heading of a multi-territory
    /// text: "Loire-Atlantique (44)", "1. Métropole lilloise").
    pub line_start: bool,
}

/// What a sub-territory mention says about it.
#[derive(Debug, Clone)]
pub struct SubInfo {
    pub normalized: String,
    pub parent: Option<&'static str>,
    /// A parenthesis after the name holds other names of it
    /// ("Métropole lilloise (arrondissement de Lille)").
    pub aliases: Vec<Range<usize>>,
    /// The départements a gazetteer puts it in, when its words do not
    /// tell one (the Morvan lies in four): the document's choose.
    pub candidates: &'static [&'static str],
    /// Found only as a place where something happens ("en Brenne"), not
    /// as a unit of the PTSM: a territory only if the document names it
    /// again or in its title.
    pub in_passing: bool,
}

/// Head nouns of private organisations: a département named right after
/// "X du/de la" with one of them is part of the organisation's name ("la
/// Sauvegarde du Nord", "l’Université de Corse").
const ORG_HEADS: &[&str] = &[
    "sauvegarde",
    "association",
    "mutualite",
    "union",
    "federation",
    "fondation",
    "ligue",
    "clinique",
    "universite",
    "chambre",
    "caisse",
    "banque",
    "credit",
    "iles",
    "ile",
    "journal",
    "echo",
    "courrier",
    "republicain",
    "progres",
    "telegramme",
    "depeche",
    "cpts",
    "gem",
    "unafam",
    "adapei",
    "udaf",
    "samu",
    "sdis",
];

/// Head nouns after which a sub-territory candidate is part of an
/// organisation's name ("CPTS du Sénonais", "EPSM de l’agglomération
/// lilloise", "CH de l’Agglomération Montargoise").
const SUB_ORG_HEADS: &[&str] = &[
    "cpts",
    "ch",
    "chu",
    "chs",
    "chi",
    "epsm",
    "ght",
    "cls",
    "clsm",
    "cmp",
    "gem",
    "unafam",
    "sauvegarde",
    "association",
    "clinique",
    "hopital",
    "mission",
    "missions",
    "plie",
    "siao",
    "ccas",
    "caf",
    "cpam",
    "mda",
    "ars",
    "dac",
    "ireps",
    "codes",
    "pole",
    "maison",
    "centre",
    "hospitalier",
    "psychiatrique",
    "psychotherapique",
    "universitaire",
    "intercommunal",
    "specialise",
    "direction",
    "delegation",
    "service",
    "departement",
    "conseil",
    "commission",
    "agence",
    "union",
    "federation",
    "fondation",
    "institut",
    "ecole",
    "lycee",
    "college",
    "universite",
    "observatoire",
    "comite",
    "plan",
    "programme",
    "schema",
    "projet",
    "contrat",
];

/// Words that name a sub-departmental territory's type, singular key →
/// (plural key, whether the type word is part of the name: "Pays de Gex",
/// "Métropole de Lyon" keep it, so do "arrondissement de Lille" and
/// "bassin de Vichy" in annotated data).
const SUB_TYPES: &[(&str, &str)] = &[
    ("arrondissement", "arrondissements"),
    ("bassin", "bassins"),
    ("microregion", "microregions"),
    ("metropole", "metropoles"),
    ("pays", "pays"),
    ("agglomeration", "agglomerations"),
    ("territoire", "territoires"),
    ("secteur", "secteurs"),
    ("canton", "cantons"),
    // "décliné en quatre zones de proximité :".
    ("zone", "zones"),
    // "l’aire toulonnaise, le Var Est, …".
    ("aire", "aires"),
    // "l’une des cinq intercommunalités du département :" and its
    // communautés listed.
    ("intercommunalite", "intercommunalites"),
];

/// Cardinal points: "Nord-Isère", "Est-Var", "Yvelines Sud", "Centre
/// Corse", and the bare points of an enumeration of microrégions.
const CARDINALS: &[&str] = &["nord", "sud", "est", "ouest", "centre"];

/// Words that never name a territory although written with a capital
/// after an article ("les Outre-mer", "l’Hexagone", "la France").
const NOT_PLACES: &[&str] = &[
    "outre",
    "hexagone",
    "france",
    "europe",
    "etat",
    "region",
    "departement",
    "republique",
    "agence",
    "assemblee",
    "communaute",
    "commission",
    "conseil",
    "comite",
    "direction",
    "delegation",
    "prefecture",
    "ministere",
    "gouvernement",
    "suisse",
    "canada",
    "belgique",
    "allemagne",
    "espagne",
    "italie",
    "luxembourg",
    "monaco",
    "andorre",
    "projet",
    "contrat",
    "plan",
    "programme",
    "semaine",
    "semaines",
    "journee",
    "journees",
];

/// Lowercase words that may sit inside a place name ("Pays de la Loire",
/// "Uzège-Pont du Gard", "Saint-Pierre-et-Miquelon").
fn connector(k: &str) -> bool {
    matches!(
        k,
        "de" | "du" | "des" | "d" | "la" | "le" | "les" | "l" | "sur" | "en" | "aux" | "et"
    )
}

/// A lowercase adjective that ends a place name ("Vexin normand",
/// "Camargue gardoise", "Métropole lilloise", "Pays ajaccien", "Flandre
/// intérieure").
fn place_adjective(k: &str) -> bool {
    const ENDS: &[&str] = &[
        "ois", "oise", "ais", "aise", "ien", "ienne", "and", "ande", "ieure", "ieur", "in", "ine",
        "onne",
    ];
    // Common adjectives with those endings.
    const NOT: &[&str] = &[
        "quotidien",
        "quotidienne",
        "ancien",
        "ancienne",
        "moyen",
        "moyenne",
        "certain",
        "certaine",
        "humain",
        "humaine",
        "urbain",
        "urbaine",
        "prochain",
        "prochaine",
        "lointain",
        "sain",
        "saine",
        "francais",
        "francaise",
        "anglais",
        "mauvais",
        "frais",
        "europeen",
        "interieur",
        "exterieur",
        "superieur",
        "superieure",
        "inferieur",
        "anterieur",
        "posterieur",
        "posterieure",
        "anterieure",
        "ulterieur",
        "grand",
        "grande",
        "marin",
        "marine",
        "feminin",
        "feminine",
        "masculin",
        "divin",
        "voisin",
        "voisine",
        "metropolitain",
        "metropolitaine",
        "ultramarin",
        "ultramarine",
        "fin",
        "fine",
        "plein",
        "pleine",
        "medecin",
        "prochaines",
        "mondain",
        "bonne",
        "personne",
        "colonne",
        "couronne",
    ];
    // Adjectives of position: "Picardie maritime", "Plaine orientale",
    // "Bretagne occidentale", "Alsace centrale".
    const POSITION: &[&str] = &[
        "maritime",
        "oriental",
        "orientale",
        "occidental",
        "occidentale",
        "septentrional",
        "septentrionale",
        "meridional",
        "meridionale",
        "central",
        "centrale",
        "littoral",
    ];
    POSITION.contains(&k) || k.len() > 4 && ENDS.iter().any(|e| k.ends_with(e)) && !NOT.contains(&k)
}

/// Common nouns that end like names of pays ("-ie", "-ois"…) and may be
/// written with a capital in headings ("la Psychiatrie", "l’Autonomie").
const NOT_PAYS: &[&str] = &[
    "psychiatrie",
    "pedopsychiatrie",
    "gerontopsychiatrie",
    "autonomie",
    "strategie",
    "economie",
    "geographie",
    "demographie",
    "chirurgie",
    "energie",
    "philosophie",
    "therapie",
    "pathologie",
    "maladie",
    "categorie",
    "partie",
    "sortie",
    "vie",
    "harmonie",
    "academie",
    "mairie",
    "democratie",
    "bureaucratie",
    "technologie",
    "methodologie",
    "psychologie",
    "sociologie",
    "pharmacie",
    "infirmerie",
    "boulangerie",
    "galerie",
    "loterie",
    "liturgie",
    "courtoisie",
    "garantie",
    "modalite",
    "ecologie",
    "epidemie",
    "anorexie",
    "boulimie",
    "schizophrenie",
    "hospitalisation",
    "compagnie",
    "patrie",
    "folie",
    "melancolie",
    "bourgeoisie",
    "synergie",
    "pedagogie",
    "allergie",
    "epilepsie",
    "amnesie",
    "dyslexie",
    "agonie",
    "insomnie",
    "copie",
    "pluie",
    "prairie",
    "batterie",
    "poesie",
    "fantaisie",
    "industrie",
    "ingenierie",
    "comedie",
    "tragedie",
    "theorie",
    "entreprise",
    "chinois",
    "francois",
    "fois",
    "mois",
    "bois",
    "choix",
    "pays",
    "relais",
    "palais",
    "marais",
    "biais",
    "delais",
    "frais",
    "jamais",
    "desormais",
    "anglais",
    "portugais",
    "hongrois",
    "suedois",
    "danois",
    "gaulois",
    "bourgeois",
    "courtois",
    "narbonnais",
    "ecossais",
    "irlandais",
    "libanais",
    "japonais",
    "polonais",
    "marseillais",
    "toulousain",
    "jardin",
    "chemin",
    "matin",
    "besoin",
    "destin",
    "bassin",
    "cousin",
    "lapin",
    "moulin",
    "vaccin",
    "terrain",
    "demain",
    "train",
    "bain",
    "pain",
    "main",
    "certain",
    "lien",
    "bien",
    "rien",
    "soutien",
    "entretien",
    "maintien",
    "moyen",
    "chien",
    "citoyen",
    "doyen",
    "ensemble",
];

/// Whether token `i` is capitalised (or written in capitals).
fn capital(t: &Tokens, i: usize) -> bool {
    t.get(i).is_some_and(|x| x.cap || x.upper) && t.is_word(i)
}

/// Reads a proper place phrase from token `i`: capitalised words joined by
/// hyphens, spaces or connectors, optionally ended by a place adjective,
/// optionally continued after a spaced dash by another capitalised phrase
/// ("Extrême-Sud – Alta Rocca"). Returns the end token.
pub fn proper_phrase(t: &Tokens, i: usize) -> Option<usize> {
    if !capital(t, i)
        || t.get(i)
            .is_some_and(|x| x.kind == super::tokens::Kind::Number)
    {
        return None;
    }
    let mut end = i + 1;
    let mut j = i + 1;
    loop {
        // Parts of a line that stood apart on the page are not one name.
        if t.get(j).is_some_and(|x| x.gap_before) {
            break;
        }
        // Hyphen or apostrophe glue; an en dash too when nothing spaces it
        // ("Santerre–Haute-Somme").
        let glued_dash = t.punct(j) == Some('–')
            && t.get(j).is_some_and(|x| !x.space_before)
            && t.get(j + 1).is_some_and(|x| !x.space_before)
            && capital(t, j + 1);
        if (matches!(t.punct(j), Some('-' | '’' | '\'')) || glued_dash) && t.is_word(j + 1) {
            if capital(t, j + 1) || connector(t.key(j + 1)) {
                j += 1;
                continue;
            }
            // An elided word: "Presqu’île guérandaise".
            if matches!(t.punct(j), Some('’' | '\'')) && t.key(j - 1) == "presqu" {
                j += 2;
                end = j;
                continue;
            }
            break;
        }
        if !t.is_word(j) {
            // " – Alta Rocca": a spaced dash between two proper phrases.
            // A département or region is whole on its own: "Mayotte –
            // Synthèse" is a heading's name and its subject.
            let whole_place = gazetteer::place_at(t, i).is_some_and(|(e, _)| e >= end);
            // (A hyphen spaced on both sides is such a dash in plain
            // text: "pays de Vannes - Auray".)
            let spaced_hyphen =
                t.punct(j) == Some('-') && t.get(j + 1).is_some_and(|x| x.space_before);
            if (matches!(t.punct(j), Some('–')) || spaced_hyphen)
                && !whole_place
                && t.get(j).is_some_and(|x| x.space_before)
                && capital(t, j + 1)
                && !super::dates::month_key(t.key(j + 1))
                && t.get(j + 1)
                    .is_some_and(|x| !x.upper || t.key(j + 1).len() > 3)
            {
                // Only when the next phrase is itself a place-like name, not
                // a sentence going on ("Rhône – offre de soins"), nor an
                // abbreviation ("– Tél. : 04 …").
                let next = j + 1;
                let e2 = proper_phrase_plain(t, next);
                // (A name may end its sentence: "… et Bastia – Cap Corse.";
                // a short word before a full stop or a colon is an
                // abbreviation.)
                let abbreviation = (matches!(t.punct(e2), Some('.' | ':'))
                    && e2 == next + 1
                    && t.key(next).len() <= 4)
                    || matches!(
                        t.key(next),
                        "tel" | "fax" | "version" | "page" | "mail" | "courriel"
                    );
                // Where the place lies may follow: "Bastia – Cap Corse au
                // nord".
                // So may the list's "et" or the sentence's verb: "le pays
                // de Vannes - Auray et le pays de Ploërmel", "… -
                // Decazeville est concerné".
                // (Two towns: "bassin de Villefranche-de-Rouergue -
                // Decazeville fera …".)
                let two_towns = gazetteer::commune_at(t, next).is_some_and(|(e, _)| e == e2);
                let ends_list = matches!(t.key(e2), "et" | "ou" | "est" | "sont" | "a" | "ont");
                let where_it_lies = t.key(e2) == "au" && CARDINALS.contains(&t.key(e2 + 1));
                let goes_on = t.is_word(e2) && !where_it_lies && !ends_list && !two_towns;
                if e2 > next && !goes_on && !abbreviation {
                    end = e2;
                    j = e2;
                    continue;
                }
            }
            break;
        }
        let k = t.key(j);
        if capital(t, j)
            && t.get(j)
                .is_some_and(|x| x.kind != super::tokens::Kind::Number)
        {
            j += 1;
            end = j;
            continue;
        }
        // Connectors followed by a capitalised word.
        if connector(k) && k != "et" {
            let mut n = j + 1;
            while matches!(t.punct(n), Some('’' | '\'' | '-'))
                || (t.is_word(n) && connector(t.key(n)) && t.key(n) != "et")
            {
                n += 1;
            }
            if capital(t, n) {
                j = n;
                continue;
            }
            break;
        }
        if place_adjective(k) && j == end {
            end = j + 1;
        } else if j == end && !capital(t, j) {
            // A département's demonym: "Genevois haut-savoyard".
            if let Some((e, Place::Demonym(_))) = gazetteer::place_at(t, j) {
                end = e;
            }
        }
        break;
    }
    Some(end)
}

/// A proper phrase without the dash continuation: capitalised words
/// joined by hyphens, apostrophes or connectors ("Pays-de-Bray",
/// "Alta Rocca").
fn proper_phrase_plain(t: &Tokens, i: usize) -> usize {
    if !capital(t, i) {
        return i;
    }
    let mut j = i + 1;
    let mut end = j;
    loop {
        if t.get(j).is_some_and(|x| x.gap_before) {
            break;
        }
        if matches!(t.punct(j), Some('-' | '’' | '\''))
            && t.is_word(j + 1)
            && (capital(t, j + 1) || connector(t.key(j + 1)))
        {
            j += 1;
            continue;
        }
        if capital(t, j) {
            j += 1;
            end = j;
            continue;
        }
        if t.is_word(j)
            && connector(t.key(j))
            && t.key(j) != "et"
            && (capital(t, j + 1) || t.punct(j + 1) == Some('-'))
        {
            j += 1;
            continue;
        }
        break;
    }
    end
}

/// Strips a leading article from tokens `a..b`: "les Cévennes" →
/// "Cévennes", "l’Uzège" → "Uzège".
fn skip_article(t: &Tokens, a: usize, b: usize) -> usize {
    // A town whose name holds its article keeps it: "Le Havre", "La
    // Rochelle", "Les Sables-d’Olonne".
    if t.get(a).is_some_and(|x| x.cap)
        && gazetteer::commune_at(t, a).is_some_and(|(e, _)| e > a + 1 && e <= b)
    {
        return a;
    }
    if a + 1 < b && matches!(t.key(a), "le" | "la" | "les") && t.is_word(a + 1) {
        return a + 1;
    }
    if a + 2 < b && t.key(a) == "l" && matches!(t.punct(a + 1), Some('’' | '\'')) {
        return a + 2;
    }
    a
}

/// Title case for a name written in capitals ("ROUEN ELBEUF" → "Rouen
/// Elbeuf"); other names are kept as written.
pub fn tidy_name(s: &str) -> String {
    // (Counted in one pass, without collecting the letters: every
    // sub-territory's name comes here.)
    let (mut letters, mut lowercase) = (0, false);
    for c in s.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        lowercase |= c.is_lowercase();
    }
    if letters < 3 || lowercase {
        return single_spaced(s);
    }
    // One short word in capitals that no gazetteer knows is an acronym
    // ("CADEMA", "CIVIS"), kept as written; a town or a département in
    // capitals ("ROUEN") is not.
    if letters <= 8
        && s.chars().all(char::is_alphabetic)
        && gazetteer::commune(s).is_none()
        && gazetteer::by_name(s).is_none()
    {
        return s.to_string();
    }
    // So is such an acronym before a code ("PTSM 64", "DD 05"): the
    // name is the code as written, not "Ptsm 64".
    let mut words = s.split_whitespace();
    if let (Some(head), Some(code), None) = (words.next(), words.next(), words.next()) {
        if (2..=5).contains(&head.len())
            && head.chars().all(|c| c.is_ascii_uppercase())
            && gazetteer::by_name(head).is_none()
            && gazetteer::commune(head).is_none()
            && code.chars().all(|c| c.is_ascii_alphanumeric())
            && code.chars().any(|c| c.is_ascii_digit())
        {
            return single_spaced(s);
        }
    }
    let mut out = String::with_capacity(s.len());
    let mut start = true;
    for c in s.chars() {
        if c.is_alphabetic() {
            if start {
                out.extend(c.to_uppercase());
            } else {
                out.extend(c.to_lowercase());
            }
            start = false;
        } else {
            start = matches!(c, ' ' | '-' | '’' | '\'');
            out.push(c);
        }
    }
    // Articles and linking words inside a name stay lowercase:
    // "VAL-DE-MARNE" → "Val-de-Marne", "PAYS DE LA LOIRE" → "Pays de la
    // Loire".
    let mut fixed = String::with_capacity(out.len());
    let mut word = String::new();
    let flush = |word: &mut String, fixed: &mut String, next: Option<char>| {
        let particle = matches!(
            word.as_str(),
            "De" | "Du"
                | "Des"
                | "La"
                | "Le"
                | "Les"
                | "Et"
                | "Sur"
                | "Sous"
                | "En"
                | "Lès"
                | "Aux"
        ) || (matches!(word.as_str(), "D" | "L")
            && matches!(next, Some('’' | '\'')));
        if particle && !fixed.trim().is_empty() {
            fixed.push_str(&word.to_lowercase());
        } else {
            fixed.push_str(word);
        }
        word.clear();
    };
    for c in out.chars() {
        if c.is_alphabetic() {
            word.push(c);
        } else {
            flush(&mut word, &mut fixed, Some(c));
            fixed.push(c);
        }
    }
    flush(&mut word, &mut fixed, None);
    single_spaced(&fixed)
}

/// The words of `s` joined by one space (`split_whitespace` then `join`,
/// without the vector).
fn single_spaced(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// The département of a sub-territory named after a town ("Lille" → 59,
/// "Grand Nancy" → 54), or of a département named inside it
/// ("Uzège-Pont du Gard" → 30, "Yvelines Sud" → 78).
fn parent_in(t: &Tokens, a: usize, b: usize) -> Option<&'static str> {
    // A pays of the gazetteer, whole, that lies in one département: that
    // one ("Alsace du Nord" lies in the Bas-Rhin, not in the Nord). (The
    // Cévennes lie in three: the document's context tells.)
    if let Some((end, p)) = gazetteer::pays_at(t, a) {
        if end == b && p.departements.len() == 1 {
            return p.departements.first().copied();
        }
    }
    let mut i = a;
    while i < b {
        // A cardinal point inside a longer name is a direction ("Grand
        // Nord", "Nord Loire-Atlantique"), not the Nord.
        if b > a + 1 && CARDINALS.contains(&t.key(i)) {
            i += 1;
            continue;
        }
        // "Cosne-sur-Loire", "Aix-en-Provence": a town's name.
        if t.hyphen_before(i) && i > a {
            i += 1;
            continue;
        }
        if let Some((end, Place::Departement(d))) = gazetteer::place_at(t, i) {
            if end <= b {
                return gazetteer::departements().get(d).map(|d| d.code);
            }
        }
        i += 1;
    }
    // A pays of one département inside the name ("Havre – Pointe de
    // Caux": the Pointe de Caux, not the town of Caux in the Hérault),
    // then a town.
    for i in a + 1..b {
        if let Some((end, p)) = gazetteer::pays_at(t, i) {
            if end <= b && p.departements.len() == 1 && end > i + 1 {
                return p.departements.first().copied();
            }
        }
    }
    let mut i = a;
    while i < b {
        if let Some((end, c)) = gazetteer::commune_at(t, i) {
            if end <= b {
                return Some(c.departement);
            }
        }
        i += 1;
    }
    None
}

/// Whether a sub-territory candidate at tokens `a..` follows the head of
/// an organisation's name ("CPTS du Sénonais", "Direction de
/// l’Autonomie").
fn after_org(t: &Tokens, a: usize) -> bool {
    // Skip back over "du", "de la", "de l’", "des".
    let j = back_over_particles(t, a, connector);
    if j == a {
        return false;
    }
    let Some(p) = t.prev_word(j, 0) else {
        return false;
    };
    let acronym = |p: usize| {
        t.get(p).is_some_and(|x| x.upper)
            && t.key(p).len() >= 2
            && t.key(p).len() <= 6
            && !matches!(t.key(p), "ptsm" | "ctsm" | "dtp" | "pts")
    };
    // "Missions locales du …", "Centre hospitalier de …": the head two
    // words back.
    let before = t.prev_word(p, 0);
    SUB_ORG_HEADS.contains(&t.key(p))
        || acronym(p)
        || before.is_some_and(|b| {
            SUB_ORG_HEADS.contains(&t.key(b))
                && !capital(t, p)
                && !matches!(
                    t.key(p),
                    "dans"
                        | "sur"
                        | "en"
                        | "a"
                        | "au"
                        | "aux"
                        | "pour"
                        | "par"
                        | "avec"
                        | "vers"
                        | "et"
                        | "ou"
                        | "chez"
                        | "entre"
                )
        })
}

/// Builds a sub-territory mention for tokens `a..b` (article included or
/// not), with normalized name `normalized`.
fn sub_mention(
    t: &Tokens,
    a: usize,
    b: usize,
    normalized: String,
    parent: Option<&'static str>,
) -> Mention {
    let aliases = aliases_after(t, b);
    // An acronym and its expansion in parentheses: the expansion is the
    // standard name ("la CACEM (Communauté d’Agglomération du Centre de la
    // Martinique)").
    let s = skip_article(t, a, b);
    let normalized = match aliases.as_slice() {
        [one]
            if b == s + 1
                && t.get(s).is_some_and(|x| x.upper)
                && (3..=8).contains(&t.text(s).chars().count()) =>
        {
            let (x, y) = (t.at_byte(one.start), t.at_byte(one.end));
            let words = (x..y).filter(|&q| t.is_word(q)).count();
            let initial = t.text(s).chars().next();
            if words >= 3 && capital(t, x) && t.text(x).chars().next() == initial {
                tidy_name(t.slice(x, y).trim())
            } else {
                normalized
            }
        }
        _ => normalized,
    };
    Mention {
        entity: Entity::Sub(crate::normalize::key(&normalized)),
        form: Form::Name,
        toks: a..b,
        bytes: t.range(a, b),
        sub: Some(SubInfo {
            normalized,
            parent,
            aliases,
            candidates: &[],
            in_passing: false,
        }),
        subject: false,
        line_start: a == t.line_start(a) || first_after_marker(t, a),
    }
}

/// A parenthesis right after a name: its comma-separated parts.
fn aliases_after(t: &Tokens, b: usize) -> Vec<Range<usize>> {
    if t.punct(b) != Some('(') {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut j = b + 1;
    let mut start = j;
    while j < t.len() && !t.is_newline(j) && j < b + 20 {
        match t.punct(j) {
            Some(')') => {
                if j > start {
                    out.push(t.range(start, j));
                }
                return out;
            }
            Some(',') => {
                out.push(t.range(start, j));
                start = j + 1;
            }
            _ => {}
        }
        j += 1;
    }
    Vec::new()
}

/// Whether token `a` is the first word after a list marker that starts its
/// line ("1. Métropole lilloise"), or after a preposition or article that
/// does ("En Corse-du-Sud (2A), …", "À La Réunion, …").
fn first_after_marker(t: &Tokens, a: usize) -> bool {
    let s = t.line_start(a);
    if s == a {
        return true;
    }
    if (s..a).all(|q| {
        (t.is_word(q)
            && matches!(
                t.key(q),
                "en" | "a" | "au" | "aux" | "dans" | "le" | "la" | "les" | "l" | "pour"
            ))
            || matches!(t.punct(q), Some('’' | '\''))
    }) && a - s <= 3
    {
        return true;
    }
    let head = t.slice(s, a);
    head.len() <= 4
        && head.chars().all(|c| {
            c.is_ascii_digit()
                || matches!(
                    c,
                    '.' | ')'
                        | '-'
                        | '–'
                        | '•'
                        | ' '
                        | '►'
                        | '▶'
                        | '■'
                        | '▪'
                        | '→'
                        | '>'
                        | '·'
                        | '*'
                )
        })
}

/// Whether a lowercase word ends like a demonym ("meusien", "isérois",
/// "vendéennes", "tourangeaux", "nordiste").
///
/// The endings are "-ien", "-een", "-in", "-an" (and "-ain"), "-ard",
/// "-ais", "-ois", "-eau", "-elle", "-iste", with their feminine and
/// plural forms. Every lowercase word of a document is tested: the endings
/// are chosen by the last letter (and the one before a plural "s"), not
/// all compared in turn (36 comparisons a word were a quarter of finding the
/// places).
fn demonym_shape(k: &str) -> bool {
    // Masculine endings in "n", feminine ones in "e" ("-aine" is "-ine").
    const N: &[&str] = &["ien", "een", "in", "an"];
    const E: &[&str] = &[
        "ienne", "eenne", "aise", "oise", "ine", "elle", "arde", "ane", "iste",
    ];
    if k.len() <= 4 {
        return false;
    }
    let ends: &[&str] = match k.strip_suffix('s') {
        // "-iens", "-ennes", "-ards", and "-ais", "-ois" (singular too).
        Some(stem) => {
            let ends: &[&str] = match stem.as_bytes().last() {
                Some(b'n') => N,
                Some(b'e') => E,
                Some(b'd') => &["ard"],
                Some(b'i') => &["ai", "oi"],
                _ => &[],
            };
            return ends.iter().any(|e| stem.ends_with(e));
        }
        None => match k.as_bytes().last() {
            Some(b'n') => N,
            Some(b'e') => E,
            Some(b'd') => &["ard"],
            Some(b'u') => &["eau"],
            Some(b'x') => &["eaux"],
            _ => &[],
        },
    };
    ends.iter().any(|e| k.ends_with(e))
}

/// Whether the département mention at tokens `a..b` names a territory in
/// its context.
fn departement_reading(t: &Tokens, a: usize, b: usize, code: &str) -> bool {
    // Capitalised: "le nord du département", "une réunion" are words.
    if !capital(t, a) {
        return false;
    }
    // Inside a compound: "Est-Var", "Saint-Dié-des-Vosges", "Bourbon-
    // l’Archambault".
    if t.hyphen_before(a) || t.hyphen_after(b - 1) {
        return false;
    }
    // "Grand …" names an intercommunality: "Grand Paris Sud", "le Grand
    // Paris".
    if a > 0 && t.key(a - 1) == "grand" && capital(t, a - 1) {
        return false;
    }
    // Where an institution lies, in parentheses after its name: "Dr Paul
    // Escoffier, pédopsychiatre, CH Alpes-Isère (Isère)", "CH Annecy
    // Genevois (Haute-Savoie)" (a speaker's affiliation, not a PTSM).
    if a > 0 && t.punct(a - 1) == Some('(') && t.punct(b) == Some(')') {
        let ls = t.line_start(a);
        let mut q = a - 1;
        let mut words = 0;
        let mut org = false;
        while q > ls && words < 8 {
            q -= 1;
            if matches!(t.punct(q), Some(',' | ';' | ':' | '(' | ')')) {
                break;
            }
            if !t.is_word(q) {
                continue;
            }
            words += 1;
            match t.key(q) {
                "ptsm" | "ctsm" => {
                    org = false;
                    break;
                }
                "ch" | "chu" | "chs" | "chi" | "epsm" | "ght" | "clinique" | "hopital"
                | "hospitalier" | "universite" | "association" | "unafam" | "udaf" | "gem"
                | "cpts" | "dac" | "mda" | "fondation" | "institut" => org = true,
                _ => {}
            }
        }
        if org {
            return false;
        }
    }
    // The département of towns named before it, in parentheses: "à
    // Marseille et à Nice (Bouches-du-Rhône et Alpes-Maritimes)",
    // "hospitalisés à Montfavet (Vaucluse)" (where patients go, not a
    // territory of the document).
    {
        let mut q = a;
        let mut open = None;
        for _ in 0..8 {
            if q == 0 {
                break;
            }
            q -= 1;
            match t.punct(q) {
                Some('(') => {
                    open = Some(q);
                    break;
                }
                Some(')' | '.' | ';' | ':') => break,
                _ => {}
            }
        }
        // "en Isère (Vienne, Roussillon)": the towns of the place before
        // the parenthesis, not départements of their own.
        if let Some(o) = open {
            let listed = (o + 1..a).any(|q| t.punct(q) == Some(',')) || t.punct(b) == Some(',');
            let town_too = gazetteer::commune_at(t, a).is_some_and(|(e, _)| e == b);
            if listed
                && town_too
                && o > 0
                && matches!(gazetteer::place_at(t, o - 1), Some((e, Place::Departement(_))) if e == o)
            {
                return false;
            }
        }
        if let Some(o) = open {
            // (A town the gazetteer knows, or a capitalised name after
            // "à": "à Montfavet (Vaucluse)".)
            let town = (o.saturating_sub(5)..o).any(|s| {
                capital(t, s)
                    && (gazetteer::commune_at(t, s).is_some_and(|(e, _)| e == o)
                        || (s > 0
                            && t.key(s - 1) == "a"
                            && proper_phrase(t, s).is_some_and(|e| e == o)))
            });
            let is_itself = gazetteer::place_at(t, o.saturating_sub(1)).is_some();
            if town && !is_itself {
                return false;
            }
        }
    }
    // A place inside an organisation's name after its acronym: "le GHT
    // Rhône Vercors Vivarais", "l’EPSM Val-de-Marne Sud" (the name goes on
    // with capitals).
    if a > 0
        && matches!(
            t.key(a - 1),
            "ght" | "ch" | "chu" | "chs" | "epsm" | "cpts" | "dac" | "gem" | "clsm" | "mda"
        )
        && t.get(a - 1).is_some_and(|x| x.upper)
        && b < t.line_end(a)
        && t.get(b).is_some_and(|x| x.cap && !x.upper)
        && t.is_word(b)
    {
        return false;
    }
    // A meeting with a capital, at a line's start or in a heading:
    // "Réunion du 11 avril 2024", "Réunion du comité de pilotage",
    // "Réunion de lancement" (the island is "La Réunion", "la Réunion").
    if code == "974" && t.key(b - 1) == "reunion" && b - a == 1 {
        let mut q = b;
        if t.key(q) == "d" && matches!(t.punct(q + 1), Some('’' | '\'')) {
            q += 2;
        } else if matches!(t.key(q), "de" | "du" | "des") {
            q += 1;
        } else {
            q = usize::MAX;
        }
        // (After "la", only a meeting's words: "à la Réunion du nord au
        // sud" is the island.)
        let article = a > 0 && t.key(a - 1) == "la";
        if q != usize::MAX
            && t.get(q).is_some_and(|x| {
                x.kind == super::tokens::Kind::Number
                    || (t.is_word(q)
                        && !capital(t, q)
                        && (!article
                            || matches!(
                                t.key(q),
                                "comite"
                                    | "travail"
                                    | "lancement"
                                    | "information"
                                    | "pilotage"
                                    | "bureau"
                                    | "groupe"
                                    | "conseil"
                                    | "commission"
                                    | "suivi"
                                    | "concertation"
                            )))
            })
        {
            return false;
        }
    }
    // "GHT Aisne Nord": the point of another place's name, not the Nord.
    if code == "59"
        && a > 0
        && capital(t, a - 1)
        && gazetteer::place_at(t, a - 1).is_some_and(|(e, _)| e == a)
    {
        return false;
    }
    // A river ("la vallée du Rhône", "les bords de Loire"), a neighbour
    // ("les cantons limitrophes de l’Allier", "le département voisin de la
    // Creuse") or a destination ("transférés vers la Martinique") is not
    // a territory of the document.
    let mut p = a;
    for _ in 0..4 {
        let Some(q) = t.prev_word(p, 1) else { break };
        let k = t.key(q);
        if matches!(
            k,
            "vallee"
                | "vallees"
                | "val"
                | "bords"
                | "rive"
                | "rives"
                | "fleuve"
                | "estuaire"
                | "embouchure"
                | "gorges"
                | "delta"
                | "confluence"
                | "limitrophe"
                | "limitrophes"
                | "voisin"
                | "voisins"
                | "voisine"
                | "voisines"
                | "frontalier"
                | "frontaliers"
                | "frontaliere"
                | "frontalieres"
                | "vers"
                // A comparison: "à l’instar de la Drôme", "sur le modèle
                // du Finistère", "inspiré de l’Isère", "comme dans le Gers".
                | "instar"
                | "modele"
                | "inspire"
                | "inspiree"
        ) {
            return false;
        }
        // "les patients du sud des Landes": a part described in lowercase
        // is a direction, not the département ("l’Est de la Somme", a
        // named part, is read as a sub-territory before this; "le centre
        // et nord Manche", without "de", still names the Manche).
        if CARDINALS.contains(&k) && p != a && t.get(q).is_some_and(|x| !x.cap && !x.upper) {
            return false;
        }
        // "Comme dans le Gers, …" opens a comparison; "en Haute-Corse comme
        // en Corse-du-Sud" joins two places.
        if k == "comme"
            && (t.get(q).is_some_and(|x| x.cap)
                || q == t.line_start(q)
                || matches!(t.punct(q - 1), Some(',' | ';' | ':' | '.')))
        {
            return false;
        }
        // ("comme dans le Gers", "comme en Isère"; "la rive ardéchoise du
        // Rhône": an adjective after the river's word.)
        let adjective = p != a
            && t.get(q).is_some_and(|x| !x.cap && !x.upper)
            && demonym_shape(k)
            && t.prev_word(q, 1)
                .is_some_and(|r| matches!(t.key(r), "rive" | "rives" | "vallee" | "bords"));
        if !adjective
            && !matches!(
                k,
                "de" | "du" | "des" | "d" | "la" | "l" | "le" | "les" | "dans" | "en"
            )
        {
            break;
        }
        p = q;
    }
    // A town used as a venue: "organisées à Vienne, Bourgoin-Jallieu".
    if let Some(p) = t.prev_word(a, 0) {
        let w = t.text(p);
        if (w == "à" || w == "À") && code != "75" {
            let name = t.slice(a, b);
            if gazetteer::commune(name).is_some() {
                return false;
            }
        }
    }
    // Inside a private organisation's name: "la Sauvegarde du Nord",
    // "les Îles du Nord".
    let j = back_over_particles(t, a, |k| {
        matches!(k, "de" | "du" | "des" | "d" | "la" | "l")
    });
    if j < a {
        if let Some(p) = t.prev_word(j, 0) {
            if ORG_HEADS.contains(&t.key(p)) && capital(t, p) {
                return false;
            }
            // In an address: "132, boulevard de Paris", "12 rue de la
            // Somme", "Avenue de Lorraine" (the street's number, a comma
            // or a capital before the street's type).
            let street = gazetteer::street_type(t.key(p))
                || matches!(t.key(p), "square" | "esplanade" | "parvis");
            let addressed = capital(t, p)
                || t.prev_word(p, 1).is_some_and(|n| {
                    t.get(n)
                        .is_some_and(|x| x.kind == super::tokens::Kind::Number)
                        || matches!(t.key(n), "bis" | "ter")
                });
            if street && addressed {
                return false;
            }
        }
    }
    true
}

/// The first of the (at most three) particles or apostrophes right before
/// token `a` ("du", "de l’"), words chosen by `particle`; `a` when there is
/// none.
pub(crate) fn back_over_particles(t: &Tokens, a: usize, particle: impl Fn(&str) -> bool) -> usize {
    let mut j = a;
    let mut steps = 0;
    while j > 0 && steps < 3 {
        let p = j - 1;
        if (t.is_word(p) && particle(t.key(p))) || matches!(t.punct(p), Some('’' | '\'')) {
            j = p;
            steps += 1;
        } else {
            break;
        }
    }
    j
}

/// Codes that can follow these acronyms: "PTSM 35", "CTSM 2A", "DD 05",
/// "ARS-DD 05", "DAC 27", "CTS 28".
const CODE_HEADS: &[(&str, bool)] = &[
    ("ptsm", true),
    ("ctsm", true),
    ("dtp", true),
    ("pts", true),
    ("dd", false),
    ("dt", false),
    ("dac", false),
    ("cts", false),
    ("cd", false),
];

/// The département code at token `i` ("35", "2A", "974"), if it is one.
fn code_at(t: &Tokens, i: usize) -> Option<&'static str> {
    let s = t.text(i);
    let ok = match s.len() {
        2 => {
            s.bytes().all(|b| b.is_ascii_digit())
                || s.eq_ignore_ascii_case("2a")
                || s.eq_ignore_ascii_case("2b")
        }
        3 => s.starts_with("97") && s.bytes().all(|b| b.is_ascii_digit()),
        _ => false,
    };
    if !ok
        || (t.punct(i + 1) == Some('.')
            && t.is_word(i + 2)
            && t.get(i + 2)
                .is_some_and(|x| !x.space_before && x.kind == super::tokens::Kind::Number))
    {
        return None;
    }
    // "20" is not a code (Corse is 2A/2B since 1976).
    gazetteer::by_code(s).map(|d| d.code)
}

/// A département named by its code over tokens `toks` ("PTSM 35",
/// "PTSM35"); `strong` after PTSM/CTSM, which name the document's subject.
fn code_mention(t: &Tokens, toks: Range<usize>, code: &'static str, strong: bool) -> Mention {
    Mention {
        entity: Entity::Departement(code),
        form: Form::Code,
        bytes: t.range(toks.start, toks.end),
        toks,
        sub: None,
        subject: strong,
        line_start: false,
    }
}

/// Every mention of a territory in the text, in text order (sub-territory
/// mentions are found by `subs`).
pub fn mentions(t: &Tokens) -> Vec<Mention> {
    let mut out: Vec<Mention> = Vec::new();
    let n = t.len();
    let mut i = 0;
    // Sub-territories first: they claim their tokens ("Uzège-Pont du
    // Gard" is not the Gard, "microrégions : Nord, Est" not the Nord).
    // A newspaper's name ("La Voix du Nord", "La Montagne") names no
    // territory.
    let mut press: Vec<Range<usize>> = Vec::new();
    let mut p = 0;
    while p < n {
        match super::issuer::press_at(t, p) {
            Some(e) => {
                press.push(p..e);
                p = e;
            }
            None => p += 1,
        }
    }
    let mut subs = subs(t);
    // (A longer name that holds a newspaper's is no newspaper: "l’Alsace
    // du Nord" is not the daily "L’Alsace".)
    subs.retain(|m| {
        !press.iter().any(|r| {
            r.start < m.toks.end
                && m.toks.start < r.end
                && !(m.toks.start <= r.start && r.end < m.toks.end)
        })
    });
    press.retain(|r| {
        !subs
            .iter()
            .any(|m| m.toks.start <= r.start && r.end < m.toks.end)
    });
    let mut claimed = vec![false; n];
    for r in &press {
        for c in claimed.iter_mut().take(r.end.min(n)).skip(r.start) {
            *c = true;
        }
    }
    for m in &subs {
        for c in claimed
            .iter_mut()
            .take(m.toks.end.min(n))
            .skip(m.toks.start)
        {
            *c = true;
        }
    }
    while i < n {
        if claimed.get(i).copied().unwrap_or(false) {
            i += 1;
            continue;
        }
        // Codes after an acronym.
        if t.is_word(i) {
            let k = t.key(i);
            // "PTSM35", "CTSM974": the code glued to the acronym.
            let glued = ["ptsm", "ctsm"].iter().find_map(|h| {
                let code = k.strip_prefix(h)?;
                gazetteer::by_code(&code.to_uppercase())
                    .filter(|_| (2..=3).contains(&code.len()) && code != "20")
                    .map(|d| d.code)
            });
            if let Some(code) = glued {
                out.push(code_mention(t, i..i + 1, code, true));
                i += 1;
                continue;
            }
            if let Some(&(_, strong)) = CODE_HEADS.iter().find(|(h, _)| *h == k) {
                // "PTSM 35", "ARS-DD 05", "(PTSM) 974", "PTSM n°35".
                let mut j = i + 1;
                if t.punct(j) == Some(')') {
                    j += 1;
                }
                let numbered = t.key(j) == "n" && t.punct(j + 1) == Some('°');
                if numbered {
                    j += 2;
                }
                // "Coordination du PTSM   18 000   22 000": a table's
                // amount, its thousands after a space, is no code.
                let thousands = t
                    .get(j + 1)
                    .is_some_and(|x| x.kind == super::tokens::Kind::Number && x.space_before)
                    && t.text(j + 1).len() == 3;
                if let Some(code) = code_at(t, j).filter(|_| !thousands) {
                    if !t.hyphen_after(j) && (numbered || t.get(j).is_some_and(|x| x.space_before))
                    {
                        // "(PTSM) 974": the form starts at the parenthesis.
                        let from = if t.punct(i + 1) == Some(')')
                            && i > 0
                            && t.punct(i - 1) == Some('(')
                        {
                            i - 1
                        } else {
                            i
                        };
                        out.push(code_mention(t, from..j + 1, code, strong));
                        i = j + 1;
                        continue;
                    }
                }
            }
        }
        // Only a capitalised word starts a place's name; a lowercase one
        // may be a demonym ("meusien", "isérois"), known by its ending.
        if t.is_word(i)
            && !capital(t, i)
            && !demonym_shape(t.key(i))
            && !matches!(t.key(i), "la" | "le" | "les")
        {
            i += 1;
            continue;
        }
        let Some((end, place)) = gazetteer::place_at(t, i) else {
            i += 1;
            continue;
        };
        // "la Réunion" in lowercase is read from "Réunion".
        if matches!(t.key(i), "la" | "le" | "les") && !capital(t, i) {
            i += 1;
            continue;
        }
        if claimed.get(i..end).is_some_and(|c| c.iter().any(|&x| x)) {
            i += 1;
            continue;
        }
        match place {
            Place::Departement(d) => {
                let dep = &gazetteer::departements()[d];
                if departement_reading(t, i, end, dep.code) {
                    let subject = subject_before(t, i);
                    out.push(Mention {
                        entity: Entity::Departement(dep.code),
                        form: Form::Name,
                        toks: i..end,
                        bytes: t.range(i, end),
                        sub: None,
                        subject,
                        line_start: i == t.line_start(i) || first_after_marker(t, i),
                    });
                    // "(44)" after the name.
                    if t.punct(end) == Some('(')
                        && t.punct(end + 2) == Some(')')
                        && code_at(t, end + 1) == Some(dep.code)
                    {
                        out.push(Mention {
                            entity: Entity::Departement(dep.code),
                            form: Form::Code,
                            toks: end..end + 3,
                            bytes: t.range(end, end + 3),
                            sub: None,
                            subject: false,
                            line_start: false,
                        });
                    }
                }
            }
            Place::Demonym(d) => {
                // Only a form of a département named elsewhere; the
                // capitalised plural is a people ("les Loir-et-Chériens").
                let dep = &gazetteer::departements()[d];
                if !t.hyphen_before(i) && !t.hyphen_after(end - 1) {
                    out.push(Mention {
                        entity: Entity::Departement(dep.code),
                        form: Form::Demonym,
                        toks: i..end,
                        bytes: t.range(i, end),
                        sub: None,
                        subject: false,
                        line_start: false,
                    });
                }
            }
            Place::Region("94", false) => {
                // Corse, the region-wide PTSM territory; not inside
                // "Haute-Corse" (matched first) nor "Collectivité de
                // Corse"'s compound forms.
                if capital(t, i) && !t.hyphen_before(i) && !t.hyphen_after(end - 1) {
                    out.push(Mention {
                        entity: Entity::Corse,
                        form: Form::Name,
                        toks: i..end,
                        bytes: t.range(i, end),
                        sub: None,
                        subject: subject_before(t, i),
                        line_start: i == t.line_start(i),
                    });
                }
            }
            Place::Region(..) => {}
        }
        i = end;
    }
    out.extend(subs);
    out.sort_by_key(|m| (m.toks.start, m.toks.end));
    settle_nord(t, &mut out);
    scheme_points(t, &mut out);
    out
}

/// "le Nord", "du Nord", "dans le Nord" is the Nord département only when
/// the document makes it one: a code ("Nord (59)", "PTSM 59"), "département
/// du Nord", "PTSM du Nord", a neighbour of the Hauts-de-France or the
/// region named. Elsewhere it is a direction: in a document whose
/// sub-territories are cardinal points ("microrégion Est", "Centre",
/// "Sud") it is the northern one of them; otherwise no territory ("les
/// Alpes du Nord", "les CLSM du Nord et du Sud" of an island).
fn settle_nord(t: &Tokens, out: &mut Vec<Mention>) {
    let is_nord = |m: &Mention| m.entity == Entity::Departement("59");
    if !out.iter().any(is_nord) {
        return;
    }
    let said = |m: &Mention| {
        let before = t.prev_word(m.toks.start, 0).map(|p| (p, t.key(p)));
        let by_noun = before.is_some_and(|(p, k)| {
            matches!(k, "du" | "le")
                && t.prev_word(p, 0).is_some_and(|q| {
                    matches!(
                        t.key(q),
                        "departement" | "departemental" | "ptsm" | "ctsm" | "prefet" | "prefecture"
                    )
                })
        });
        let coded = t.punct(m.toks.end) == Some('(') && t.key(m.toks.end + 1) == "59";
        m.form != Form::Name || m.subject || by_noun || coded
    };
    let neighbours = out
        .iter()
        .any(|m| matches!(m.entity, Entity::Departement("02" | "60" | "62" | "80")));
    if neighbours
        || out.iter().any(|m| is_nord(m) && said(m))
        || region_named(t, "32")
        || town_of(t, "59")
    {
        return;
    }
    // The document's cardinal sub-territories: their type word and parent.
    match cardinal_scheme(out, false) {
        Some((head, parent)) => {
            for m in out.iter_mut().filter(|m| is_nord(m)) {
                let a = m.toks.start;
                *m = sub_mention(t, a, m.toks.end, scheme_name(&head, "Nord"), parent);
            }
        }
        None => out.retain(|m| !is_nord(m)),
    }
}

/// The document's cardinal sub-territories, from the first one found:
/// their head ("Microrégion", "" for a bare point) and parent. With
/// `typed`, only a head that is a type counts ("Microrégion", "Territoire
/// de proximité"), not a name's first word ("le Grand Nord", "Îles du
/// Sud").
fn cardinal_scheme(out: &[Mention], typed: bool) -> Option<(String, Option<&'static str>)> {
    out.iter().find_map(|m| {
        let s = m.sub.as_ref()?;
        let (head, last) = s
            .normalized
            .rsplit_once(' ')
            .unwrap_or(("", s.normalized.as_str()));
        let type_head = || {
            head.split(' ')
                .next()
                .map(crate::normalize::key)
                .is_some_and(|kind| SUB_TYPES.iter().any(|(k, _)| *k == kind))
        };
        (CARDINALS.contains(&crate::normalize::key(last).as_str()) && (!typed || type_head()))
            .then(|| (head.to_string(), s.parent))
    })
}

/// The name of the cardinal point `point` in a scheme of sub-territories
/// whose type is `head` ("Microrégion" + "Sud").
fn scheme_name(head: &str, point: &str) -> String {
    if head.is_empty() {
        point.to_string()
    } else {
        format!("{head} {point}")
    }
}

/// In a document whose sub-territories are cardinal points with a type
/// ("la microrégion Est", "le territoire de proximité Nord"), the other
/// points named alone after an article are those sub-territories too:
/// "dans l’Ouest", "celle du Sud", "l’Est" (a news article names the
/// type once, then the bare points). A point followed by "de" ("le Sud de
/// la France") or by an adjective or a name ("l’Ouest guyanais", "Nord
/// Caraïbe") is something else.
fn scheme_points(t: &Tokens, out: &mut Vec<Mention>) {
    // (La Réunion's four microrégions are its official cardinal
    // sub-territories: a text about the island alone names them bare,
    // "dans le Sud", "l’Est", without saying "microrégion".)
    let reunion = || {
        let mut depts = out.iter().filter_map(|m| match m.entity {
            Entity::Departement(c) => Some(c),
            _ => None,
        });
        let first = depts.next();
        (first == Some("974") && depts.all(|c| c == "974"))
            .then(|| ("Microrégion".to_string(), Some("974")))
    };
    let Some((head, parent)) = cardinal_scheme(out, true).or_else(reunion) else {
        return;
    };
    let mut found = Vec::new();
    for i in 0..t.len() {
        let k = t.key(i);
        if !CARDINALS.contains(&k)
            || !t.get(i).is_some_and(|x| x.cap && !x.upper)
            || t.hyphen_before(i)
            || t.hyphen_after(i)
            || out.iter().any(|m| m.toks.contains(&i))
        {
            continue;
        }
        let article = t
            .prev_word(i, 1)
            .is_some_and(|p| matches!(t.key(p), "le" | "l" | "du") && p + 3 > i);
        let next_free = match t.next_word(i + 1, 0) {
            // "le Centre hospitalier": "Centre" takes only a conjunction.
            Some(n) if k == "centre" => matches!(t.key(n), "et" | "ou"),
            Some(n) if n == i + 1 => {
                !capital(t, n) && !matches!(t.key(n), "de" | "du" | "des" | "d")
            }
            Some(_) => false,
            None => true,
        } && !(t.punct(i + 1).is_some_and(|c| c == '’' || c == '\''));
        let adjective = t
            .next_word(i + 1, 0)
            .filter(|&n| n == i + 1)
            .is_some_and(|n| {
                let k = t.key(n);
                ["ais", "aise", "ois", "oise", "ien", "ienne", "ain", "aine"]
                    .iter()
                    .any(|s| k.ends_with(s))
            });
        if article && next_free && !adjective {
            let point = t.text(i).to_string();
            found.push(sub_mention(t, i, i + 1, scheme_name(&head, &point), parent));
        }
    }
    if !found.is_empty() {
        out.extend(found);
        out.sort_by_key(|m| (m.toks.start, m.toks.end));
    }
}

/// Whether the text names a town of 10,000 inhabitants or more of the
/// département `code` ("Lille", "Dunkerque").
fn town_of(t: &Tokens, code: &str) -> bool {
    (0..t.len()).any(|i| {
        capital(t, i)
            && gazetteer::commune_at(t, i)
                .is_some_and(|(_, c)| c.departement == code && c.population >= 10_000)
    })
}

/// Whether the text names the region of INSEE code `code` in full.
fn region_named(t: &Tokens, code: &str) -> bool {
    (0..t.len()).any(|i| {
        capital(t, i)
            && matches!(
                gazetteer::place_at(t, i),
                Some((e, Place::Region(c, false))) if c == code && e > i + 1
            )
    })
}

/// Whether the words before token `i` make it the subject of the document:
/// "PTSM de", "projet territorial de santé mentale de", "contrat … de",
/// "Département de", "CTSM de".
fn subject_before(t: &Tokens, i: usize) -> bool {
    let mut j = i;
    let mut steps = 0;
    while j > 0 && steps < 3 {
        let p = j - 1;
        if (t.is_word(p)
            && matches!(
                t.key(p),
                "de" | "du" | "des" | "d" | "la" | "l" | "pour" | "en"
            ))
            || matches!(t.punct(p), Some('’' | '\'' | ')'))
        {
            j = p;
            steps += 1;
        } else {
            break;
        }
    }
    if j == i {
        return false;
    }
    // Skip "(PTSM)" before the preposition.
    let mut p = t.prev_word(j, 2);
    if let Some(q) = p {
        if matches!(t.key(q), "ptsm" | "ctsm") && t.punct(q + 1) == Some(')') {
            p = t.prev_word(q.saturating_sub(1), 0).or(Some(q));
            if matches!(t.key(q), "ptsm" | "ctsm") {
                return true;
            }
        }
    }
    let Some(p) = p else { return false };
    matches!(
        t.key(p),
        "ptsm"
            | "ctsm"
            | "mentale"
            | "departement"
            | "dtp"
            | "sante"
            | "territorial"
            | "territoriale"
    )
}

/// Sub-departmental territories: typed names, enumerations after a
/// territorial noun, "Territoire(s) :" fields, "PTSM de X" where X is not a
/// département, and names shaped like pays ("le Lunévillois", "Grand
/// Nancy", "Haut-Doubs", "Est-Var", "Pays ajaccien").
fn subs(t: &Tokens) -> Vec<Mention> {
    let mut out: Vec<Mention> = Vec::new();
    let n = t.len();
    let mut i = 0;
    // The items of an enumeration written one per line, in text order:
    // the rest of each line is read as text ("- CAP Nord Martinique, où …
    // pour les communes du Nord Caraïbe"), the items themselves are not
    // read again.
    let mut claimed: Vec<Range<usize>> = Vec::new();
    let mut next_claim = 0;
    while i < n {
        while next_claim < claimed.len() && claimed[next_claim].end <= i {
            next_claim += 1;
        }
        if let Some(c) = claimed.get(next_claim).filter(|c| c.start <= i) {
            i = c.end;
            continue;
        }
        if !t.is_word(i) {
            i += 1;
            continue;
        }
        let k = t.key(i);
        // Typed: "arrondissement de Lille", "bassin de Moulins",
        // "territoire de proximité de X" (rare), "Métropole de Lyon",
        // "Pays de Gex", "Communauté d’agglomération du Grand Avignon".
        if let Some(m) = typed(t, i) {
            i = m.toks.end;
            out.push(m);
            continue;
        }
        // An intercommunality whose name says it is one, in the gazetteer,
        // named as a place: "des avancées à Dijon Métropole", "portée à
        // l’Eurométropole de Strasbourg" (a subject or a signatory, "Amiens
        // Métropole propose …", is the organisation).
        // (Or what an action concerns, and the parts of it named: "concernent
        // l’Eurométropole de Strasbourg", "hors de la Métropole Nice Côte
        // d’Azur", "les quartiers prioritaires de Châteauroux Métropole".)
        let place_word = {
            let a = back_over_particles(t, i, |k| matches!(k, "l" | "la" | "le"));
            t.prev_word(a, 0).is_some_and(|p| match t.key(p) {
                "a" | "en" | "sur" | "dans" | "pour" | "au" | "vers" | "concerne"
                | "concernent" | "concernera" | "concerneront" => true,
                "de" | "d" | "du" => {
                    let part = |q: usize| {
                        matches!(
                            t.key(q),
                            "hors"
                                | "quartiers"
                                | "quartier"
                                | "communes"
                                | "habitants"
                                | "perimetre"
                                | "echelle"
                                | "reste"
                        )
                    };
                    // (One adjective between: "quartiers prioritaires de".)
                    t.prev_word(p, 0).is_some_and(|pp| {
                        part(pp) || (!capital(t, pp) && t.prev_word(pp, 0).is_some_and(part))
                    })
                }
                _ => false,
            })
        };
        if capital(t, i) && place_word {
            if let Some(m) = epci(t, i).filter(|m| {
                (m.toks.start..m.toks.end).any(|w| {
                    matches!(
                        t.key(w),
                        "metropole" | "eurometropole" | "agglomeration" | "agglo"
                    ) && capital(t, w)
                }) && !after_org(t, i)
            }) {
                i = m.toks.end;
                out.push(m);
                continue;
            }
        }
        // "deux comités d’animation, l’un pour Brest-Morlaix, l’autre pour
        // la Cornouaille": the two parts a thing is shared between.
        if matches!(k, "un" | "une") {
            if let Some(ms) = each_for(t, i) {
                i = ms.last().map_or(i + 1, |m| m.toks.end);
                out.extend(ms);
                continue;
            }
        }
        // Plural type + enumeration: "arrondissements d’Aurillac,
        // Saint-Flour et Mauriac", "quatre territoires de proximité :
        // A, B, C et D", "les territoires de vie du département – A, B et
        // C –", "quatre microrégions : Nord, Est, Ouest et Sud".
        if let Some((ms, end)) = enumeration(t, i) {
            let lines = ms
                .first()
                .zip(ms.last())
                .is_some_and(|(a, b)| t.line_start(a.toks.start) != t.line_start(b.toks.start));
            if lines {
                claimed = ms.iter().map(|m| m.toks.clone()).collect();
                next_claim = 0;
                i = ms[0].toks.end;
            } else {
                i = end;
            }
            out.extend(ms);
            continue;
        }
        // A heading about the territories, then one numbered line per
        // territory: "Les quatre territoires et leurs priorités" / "1.
        // Métropole lilloise (…)" / … / "2. Flandre intérieure et
        // Dunkerquois".
        if t.line_start(i) == i {
            if let Some((ms, end)) = headed_items(t, i) {
                out.extend(ms);
                i = end;
                continue;
            }
        }
        // A table whose first column is the territories: "Territoire de
        // proximité ⇥ Population ⇥ Densité" over one row per territory.
        if t.line_start(i) == i {
            if let Some((ms, end)) = territory_column(t, i) {
                out.extend(ms);
                i = end;
                continue;
            }
        }
        // "Territoire(s) : Vaucluse (84) ; Communauté … ; Pays d’Apt".
        if matches!(k, "territoire" | "territoires") && t.line_start(i) == i {
            let mut j = i + 1;
            while matches!(t.punct(j), Some('(' | ')' | 's')) || t.key(j) == "s" {
                j += 1;
            }
            // "Territoire(s) d’intervention :", "Territoire concerné :".
            if t.key(j) == "d" && t.key(j + 2).starts_with("intervention") {
                j += 3;
            } else if t.key(j).starts_with("concerne") || t.key(j).starts_with("couvert") {
                j += 1;
            }
            // The value after a colon, a bar, or a table's gap ("Territoire
            // ⇥ Centre, Sud, Nord Caraïbe, Nord Atlantique").
            let value = if matches!(t.punct(j), Some(':' | '|')) {
                Some(j + 1)
            } else if t.get(j).is_some_and(|x| x.gap_before) && t.is_word(j) {
                Some(j)
            } else {
                None
            };
            // (After a gap, a table's row: an enumeration of two places at
            // least, not whatever one value a row holds.)
            let least = if value == Some(j) { 2 } else { 1 };
            // A site's rubrics ("Territoires | Psychiatrie"): a bar and one
            // short value that no gazetteer knows.
            let rubric = t.punct(j) == Some('|')
                && (i..t.line_end(i)).filter(|&q| t.is_word(q)).take(5).count() <= 4
                && gazetteer::place_at(t, j + 1).is_none()
                && gazetteer::pays_at(t, j + 1).is_none()
                && gazetteer::commune_at(t, j + 1).is_none();
            // Nor a table's header row written with bars: "Territoire |
            // Habitants | Lits de psychiatrie adulte | Psychiatres".
            let header_row = t.punct(j) == Some('|')
                && (j + 1..t.line_end(i))
                    .filter(|&q| t.punct(q) == Some('|'))
                    .take(2)
                    .count()
                    >= 2;
            let rubric = rubric || header_row;
            let value = value.filter(|_| !rubric);
            if let Some(v) = value {
                let ms = field_places(t, v, value == Some(j));
                if ms.len() >= least {
                    i = t.line_end(v);
                    out.extend(ms);
                    continue;
                }
            }
        }
        // "PTSM de X", "PTSM DE ROUEN ELBEUF" where X is no département.
        if matches!(k, "ptsm" | "ctsm") {
            if let Some(m) = ptsm_of(t, i, i + 1, false) {
                i = m.toks.end;
                out.push(m);
                continue;
            }
        }
        // A heading "Projet territorial de santé (mentale) [de] X", "Contrat
        // territorial de santé mentale de X": X is the territory, a town's
        // name included ("Projet Territorial de santé de Dieppe").
        if t.line_start(i) == i {
            if let Some(after) = long_form(t, i) {
                if let Some(mut m) = ptsm_of(t, i, after, true) {
                    m.line_start = true;
                    i = m.toks.end;
                    out.push(m);
                    continue;
                }
            }
        }
        if let Some(m) = shaped(t, i) {
            i = m.toks.end;
            out.push(m);
            continue;
        }
        if let Some(m) = pays(t, i) {
            i = m.toks.end;
            out.push(m);
            continue;
        }
        i += 1;
    }
    // Coordination: "la Balagne et le Centre Corse", "Le Pithiverais et le
    // Giennois": an article + proper name coordinated with a found
    // sub-territory is one too.
    let mut extra = Vec::new();
    for m in &out {
        let a = m.toks.start;
        // "X et [le] <m>": look before.
        if a >= 3 {
            let mut j = a - 1;
            if t.is_word(j) && matches!(t.key(j), "le" | "la" | "les" | "l") {
                j = j.saturating_sub(1);
            }
            if t.key(j) == "et" && j >= 2 {
                if let Some(start) = phrase_ending_at(t, j) {
                    let s = skip_article(t, start, j);
                    if s < j && !known_place(t, s, j) && !after_org(t, start) {
                        let name = tidy_name(t.slice(s, j));
                        let parent = m.sub.as_ref().and_then(|x| x.parent);
                        extra.push(sub_mention(t, start, j, name, parent));
                    }
                }
            }
        }
    }
    out.extend(extra);
    out.sort_by_key(|m| (m.toks.start, m.toks.end));
    // The items before a found sub-territory in an enumeration, pays the
    // gazetteer knows that had no place word of their own: "les trois
    // autres étant l’Artois, l’Audomarois et l’Arrageois" (the second and
    // third read as pays by their shape). Each item has its article and
    // the same département; the chain is walked back item by item.
    let mut chained = Vec::new();
    for m in &out {
        let Some(sub) = m.sub.as_ref() else {
            continue;
        };
        // (A name read by its shape gets its parent later, from the
        // document's département.)
        let parent = sub.parent;
        // The mention may start at its name, after its article.
        let mut a = m.toks.start;
        if a >= 2 && matches!(t.punct(a - 1), Some('’' | '\'')) && t.key(a - 2) == "l" {
            a -= 2;
        } else if a >= 1 && t.is_word(a - 1) && matches!(t.key(a - 1), "le" | "la" | "les") {
            a -= 1;
        }
        for _ in 0..6 {
            // `a` is the item's article: the joint is right before it.
            if !(t.is_word(a) && matches!(t.key(a), "le" | "la" | "les" | "l")) || a < 3 {
                break;
            }
            let joint = a - 1;
            if !(t.punct(joint) == Some(',') || t.key(joint) == "et") {
                break;
            }
            let Some((s, p)) = (joint.saturating_sub(4)..joint)
                .filter_map(|s| gazetteer::pays_at(t, s).map(|(e, p)| (s, e, p)))
                .find(|&(_, e, _)| e == joint)
                .map(|(s, _, p)| (s, p))
            else {
                break;
            };
            let art = if t.is_word(s - 1) && matches!(t.key(s - 1), "le" | "la" | "les") {
                s - 1
            } else if s >= 2 && matches!(t.punct(s - 1), Some('’' | '\'')) && t.key(s - 2) == "l"
            {
                s - 2
            } else {
                break;
            };
            // (Without a parent to compare, a pays of one département.)
            if parent.map_or(p.departements.len() != 1, |c| {
                p.departements.first() != Some(&c)
            }) || p.ambiguous
                || !capital(t, s)
                || after_org(t, art)
                || out.iter().any(|o| o.toks.start < joint && s < o.toks.end)
            {
                break;
            }
            let mut c = sub_mention(
                t,
                art,
                joint,
                tidy_name(t.slice(s, joint)),
                p.departements.first().copied(),
            );
            if let Some(x) = c.sub.as_mut() {
                x.candidates = p.departements.as_slice();
                x.in_passing = sub.in_passing;
            }
            chained.push(c);
            a = art;
        }
    }
    out.extend(chained);
    out.sort_by_key(|m| (m.toks.start, m.toks.end));
    // The last item of a coordination of sub-territories, two of them
    // known, is one too though no gazetteer knows it: "le Grand
    // Périgueux, le Bergeracois et le Périgord Noir-Sarladais".
    let mut more = Vec::new();
    // Whether a mention covers a token of `s..e` (`out` is sorted by start
    // and its mentions barely overlap: the ones starting before `e`, the
    // last few, are enough to look at).
    let overlaps = |s: usize, e: usize| {
        let k = out.partition_point(|m| m.toks.start < e);
        out[k.saturating_sub(3)..k].iter().any(|m| s < m.toks.end)
    };
    for (n, b) in out.iter().enumerate() {
        let joined = |from: usize, to: usize| {
            from <= to
                && to <= from + 4
                && (from..to).all(|q| {
                    t.punct(q) == Some(',')
                        || matches!(t.key(q), "et" | "le" | "la" | "les" | "l")
                        || matches!(t.punct(q), Some('’' | '\''))
                })
        };
        // Another item before it: a sub-territory, or a name after its
        // article and before the comma ("le Grand Périgueux, le
        // Bergeracois").
        let a = n.checked_sub(1).and_then(|p| out.get(p));
        let item_before = a.is_some_and(|a| a.sub.is_some() && joined(a.toks.end, b.toks.start))
            || {
                let mut q = b.toks.start;
                while q > 0
                    && (matches!(t.key(q - 1), "le" | "la" | "les" | "l")
                        || matches!(t.punct(q - 1), Some('’' | '\'')))
                {
                    q -= 1;
                }
                q > 1 && t.punct(q - 1) == Some(',') && capital(t, q - 2)
            };
        if b.sub.is_none() {
            continue;
        }
        // After the second: ", le X" or "et le X", X no known place.
        let mut q = b.toks.end;
        if !(t.punct(q) == Some(',') || t.key(q) == "et") {
            continue;
        }
        q += 1;
        if t.key(q) == "et" {
            q += 1;
        }
        // (An intercommunality the gazetteer knows needs no other item
        // after a territory that is not in passing: "l’équipe mobile couvre
        // le Sedanais et Ardenne Métropole"; not "la Camargue gardoise et
        // la Petite Camargue accueillent …".)
        // (Its name says it is one: "Métropole", "Agglo", "Grand …";
        // "la Petite Camargue" is also a natural area.)
        let b_kept = b.sub.as_ref().is_some_and(|x| !x.in_passing);
        if let Some(m) = epci(t, skip_article(t, q, t.line_end(q))).filter(|m| {
            let named = (m.toks.start..m.toks.end).any(|w| {
                matches!(
                    t.key(w),
                    "metropole" | "agglo" | "agglomeration" | "grand" | "communaute"
                )
            });
            b_kept && named && !overlaps(m.toks.start, m.toks.end)
        }) {
            more.push(m);
            continue;
        }
        if !item_before {
            continue;
        }
        let s = skip_article(t, q, t.line_end(q));
        if s == q {
            continue;
        }
        let Some(e) = proper_phrase(t, s) else {
            continue;
        };
        if overlaps(s, e)
            || known_place(t, s, e)
            || SUB_ORG_HEADS.contains(&t.key(s))
            || !matches!(t.punct(e), Some('.' | ',' | ';' | ')')) && !t.is_newline(e) && e < t.len()
        {
            continue;
        }
        let parent = b.sub.as_ref().and_then(|x| x.parent);
        let mut m = sub_mention(t, q, e, tidy_name(t.slice(s, e)), parent);
        if let Some(sub) = m.sub.as_mut() {
            sub.in_passing = b.sub.as_ref().is_some_and(|x| x.in_passing)
                && a.is_none_or(|a| a.sub.as_ref().is_none_or(|x| x.in_passing));
        }
        more.push(m);
    }
    out.extend(more);
    // The name of an intercommunality that funds or signs ("la
    // communauté de communes du Grand Langres [est associée] au
    // financement"): an organisation, whatever rule read the name.
    out.retain(|m| !(epci_head(t, m.toks.start) && funds(t, m.toks.start)));
    out.sort_by_key(|m| (m.toks.start, m.toks.end));
    out.dedup_by(|b, a| b.toks.start < a.toks.end);
    out
}

/// Whether the name at token `a` follows an intercommunality's type:
/// "communauté de communes du …", "communauté d’agglomération de …",
/// "l’agglomération de …".
fn epci_head(t: &Tokens, a: usize) -> bool {
    let mut q = a;
    let mut words = 0;
    while q > 0 && words < 4 {
        q -= 1;
        if !t.is_word(q) {
            continue;
        }
        words += 1;
        if matches!(t.key(q), "communaute" | "agglomeration") {
            return true;
        }
    }
    false
}

/// The start of an article + proper phrase that ends right before token
/// `end` ("la Balagne" before "et").
fn phrase_ending_at(t: &Tokens, end: usize) -> Option<usize> {
    let mut s = end;
    while s > 0 && (capital(t, s - 1) || matches!(t.punct(s - 1), Some('-'))) && t.is_word(s - 1)
        || (s > 0 && t.punct(s - 1) == Some('-'))
    {
        s -= 1;
    }
    if s == end || !capital(t, s) {
        return None;
    }
    // An article before it.
    let p = s.checked_sub(1)?;
    if t.is_word(p) && matches!(t.key(p), "le" | "la" | "les") {
        return Some(p);
    }
    if matches!(t.punct(p), Some('’' | '\'')) && p > 0 && t.key(p - 1) == "l" {
        return Some(p - 1);
    }
    None
}

/// Whether tokens `a..b` are a département, region, commune or a word
/// that is never a place.
fn known_place(t: &Tokens, a: usize, b: usize) -> bool {
    if let Some((end, _)) = gazetteer::place_at(t, a) {
        if end >= b {
            return true;
        }
    }
    if let Some((end, _)) = gazetteer::commune_at(t, a) {
        if end >= b {
            return true;
        }
    }
    NOT_PLACES.contains(&t.key(a))
}

fn typed(t: &Tokens, i: usize) -> Option<Mention> {
    let k = t.key(i);
    // Every reading below starts with one of these types: the other words,
    // nearly all of them, are left at once (this runs on every word).
    if !matches!(
        k,
        "microregion"
            | "territoire"
            | "bassin"
            | "aire"
            | "arrondissement"
            | "metropole"
            | "pays"
            | "communaute"
            | "agglomeration"
    ) {
        return None;
    }
    // "trois territoires : l’agglomération de Nevers, le Morvan et …",
    // "l’agglomération angevine, les Mauges-Choletais et …": an
    // agglomeration is a territory as an item of an announced list; in a
    // sentence it is where something is ("dans l’agglomération de Rennes").
    if k == "agglomeration" {
        let a = back_over_particles(t, i, |k| matches!(k, "l" | "la" | "le" | "les"));
        // (Or a dashed line of its own: "– l’agglomération troyenne ;" under
        // "découpé en quatre territoires de proximité :".)
        let dashed = a > 0
            && t.line_start(a) == a - 1
            && matches!(t.punct(a - 1), Some('–' | '-' | '•' | '·' | '*'))
            && (i + 2..t.line_end(i)).all(|q| !t.is_word(q) || q <= i + 4);
        let item = a > 0
            && ((matches!(t.punct(a - 1), Some(':' | ',')) || t.key(a - 1) == "et")
                && announced_list(t, i)
                || dashed);
        if !item || t.hyphen_before(i) || after_org(t, i) {
            return None;
        }
        // (The town's adjective, whatever its ending as an item:
        // "troyenne", "mancelle", "rouennaise".)
        if t.is_word(i + 1)
            && !capital(t, i + 1)
            && !matches!(
                t.key(i + 1),
                "de" | "du" | "des" | "d" | "et" | "ou" | "qui" | "a" | "au" | "aux" | "en"
            )
        {
            let name = tidy_name(t.slice(i, i + 2));
            return Some(sub_mention(t, i, i + 2, name, None));
        }
        let mut j = i + 1;
        match t.key(j) {
            "de" | "du" => j += 1,
            "d" if matches!(t.punct(j + 1), Some('’' | '\'')) => j += 2,
            _ => return None,
        }
        let end = proper_phrase(t, j)?;
        let name = tidy_name(t.slice(i, end));
        return Some(sub_mention(t, i, end, name, parent_in(t, j, end)));
    }
    // "microrégion Est", "le territoire Nord", "bassin Sud": a type and a
    // capitalised cardinal point (La Réunion names its microrégions so).
    // "le territoire Nord-Ouest": a compound of two points.
    let point_end = || {
        if t.hyphen_after(i + 1)
            && CARDINALS.contains(&t.key(i + 3))
            && capital(t, i + 3)
            && !t.hyphen_after(i + 3)
        {
            i + 4
        } else {
            i + 2
        }
    };
    // (Not across a table's gap: "Territoire ⇥ Centre, Sud, Nord Caraïbe"
    // is a field and its value.)
    if matches!(k, "microregion" | "territoire" | "bassin")
        && t.is_word(i + 1)
        && CARDINALS.contains(&t.key(i + 1))
        && capital(t, i + 1)
        && !t.get(i + 1).is_some_and(|x| x.gap_before)
        && !t.hyphen_after(i)
        && (point_end() == i + 4 || !t.hyphen_after(i + 1))
        && i + 1 < t.line_end(i)
        && !after_org(t, i)
    {
        // "le bassin Ouest Alpes-Maritimes": the point names a part of a
        // département.
        if let Some(m) = cardinal_part(t, i + 1) {
            return Some(m);
        }
        let point_end = point_end();
        let point = tidy_name(t.slice(i + 1, point_end));
        let head = type_phrase(t, i, i + 1);
        return Some(sub_mention(
            t,
            i,
            point_end,
            format!("{head} {point}"),
            None,
        ));
    }
    // "l’aire toulonnaise", "le territoire lavallois": an area named by
    // its town's adjective.
    // (A département's demonym names the département: "le territoire
    // meusien".)
    if matches!(k, "aire" | "territoire")
        && t.is_word(i + 1)
        && !capital(t, i + 1)
        && place_adjective(t.key(i + 1))
        // (Only the endings of towns' adjectives: "-ois", "-ais", "-ien"
        // and their feminines; "le territoire décline" is a verb.)
        && ["ois", "oise", "ais", "aise", "ien", "ienne"]
            .iter()
            .any(|e| t.key(i + 1).ends_with(e))
        && gazetteer::place_at(t, i + 1).is_none()
        && !t.hyphen_after(i)
        && !after_org(t, i)
    {
        let name = tidy_name(t.slice(i, i + 2));
        return Some(sub_mention(t, i, i + 2, name, None));
    }
    let (type_words, keep_type): (usize, bool) = match k {
        "arrondissement" | "bassin" | "microregion" => (1, true),
        "metropole" | "pays" if capital(t, i) => (1, true),
        // "le pays de Brest": a lowercase pays after an article, named after
        // a town (checked below).
        // (Or an item of a list: "calqués sur les pays : pays de Vannes,
        // pays de Lorient et pays de Ploërmel".)
        "pays"
            if i > 0
                && (matches!(t.key(i - 1), "le" | "du" | "au")
                    || (matches!(t.punct(i - 1), Some(':' | ',')) || t.key(i - 1) == "et")
                        && announced_list(t, i)) =>
        {
            (1, true)
        }
        // (And "Communauté de communes du Sud", whose names are known to
        // the gazetteer but may be written otherwise.)
        "communaute"
            if (t.seq(i + 1, &["d", "agglomeration"]).is_some()
                || t.seq(i + 1, &["de", "communes"]).is_some())
                && !funds(t, i) =>
        {
            (
                t.seq(i + 1, &["d", "agglomeration"])
                    .or_else(|| t.seq(i + 1, &["de", "communes"]))
                    .map_or(1, |e| e - i),
                true,
            )
        }
        "territoire" if t.seq(i + 1, &["de", "proximite"]).is_some() => (
            t.seq(i + 1, &["de", "proximite"]).map_or(1, |e| e - i),
            false,
        ),
        _ => return None,
    };
    if t.hyphen_before(i) {
        return None;
    }
    let mut j = i + type_words;
    // "bassin de vie de X", "bassin de santé de X".
    if k == "bassin" {
        if let Some(e) = t
            .seq(j, &["de", "vie"])
            .or_else(|| t.seq(j, &["de", "sante"]))
        {
            j = e;
        }
    }
    // "Pays ajaccien", "Métropole lilloise", "bassin ruthénois": the type
    // and an adjective.
    if matches!(k, "pays" | "metropole" | "bassin")
        && t.is_word(j)
        && !capital(t, j)
        && place_adjective(t.key(j))
    {
        let name = tidy_name(t.slice(i, j + 1));
        return Some(sub_mention(t, i, j + 1, name, None)).filter(|_| !after_org(t, i));
    }
    // "Pays Basque", "Pays Bigouden", "Pays Voironnais": a capitalised
    // "Pays" and a capitalised adjective ("le pays Royannais" too, the
    // adjective shaped like a town's).
    if k == "pays"
        && (capital(t, i) || place_adjective(t.key(j)))
        && t.is_word(j)
        && capital(t, j)
        && !t.hyphen_after(i)
        && !t.get(j).is_some_and(|x| x.upper)
        && j < t.line_end(i)
        && !matches!(t.key(j), "de" | "du" | "des" | "d" | "la" | "le" | "les")
        && gazetteer::place_at(t, i).is_none_or(|(e, _)| e <= j)
        && !after_org(t, i)
    {
        // (And what follows with its particle: "Pays Vallée du Loir",
        // "Pays Vallée de la Sarthe".)
        let mut e = j + 1;
        if matches!(t.key(e), "du" | "de" | "des") && e < t.line_end(i) {
            if let Some(pe) = proper_phrase(t, i).filter(|&pe| pe > e + 1) {
                e = pe;
            }
        }
        let name = tidy_name(t.slice(i, e));
        return Some(sub_mention(t, i, e, name, None));
    }
    // "Pays-Haut".
    if k == "pays" && t.hyphen_after(i) && capital(t, i + 2) {
        let end = proper_phrase(t, i).unwrap_or(i + 3);
        let name = tidy_name(t.slice(i, end));
        return Some(sub_mention(t, i, end, name, parent_in(t, i, end)));
    }
    // The preposition (none in "Communauté d’agglomération
    // Dembéni-Mamoudzou", "Communauté de communes Cœur de Savoie").
    let prep = j;
    match t.key(j) {
        "de" | "du" | "des" => j += 1,
        "d" if matches!(t.punct(j + 1), Some('’' | '\'')) => j += 2,
        // (Only where a name is expected: an item of a list, "-
        // Communauté d’agglomération Dembéni-Mamoudzou"; in prose "la
        // communauté d’agglomération Grand Paris Sud" is often an actor.)
        _ if k == "communaute"
            && capital(t, i)
            && capital(t, j)
            && j < t.line_end(i)
            && first_after_marker(t, i)
            // (A row of signatories names its person: "5  Communauté
            // d’agglomération Cannes   Mme Sandra BOTTERO".)
            && !(j..t.line_end(i)).any(|q| {
                matches!(t.key(q), "m" | "mme" | "monsieur" | "madame") && capital(t, q)
            }) => {}
        _ => return None,
    }
    if t.key(j) == "la" || t.key(j) == "l" {
        j += if t.key(j) == "l" { 2 } else { 1 };
    }
    let end = proper_phrase(t, j)?;
    // (Or after two towns: "le pays de Vannes - Auray".)
    if k == "pays"
        && !capital(t, i)
        && gazetteer::commune_at(t, j)
            .is_none_or(|(e, _)| e < end && !matches!(t.punct(e), Some('-' | '–')))
    {
        return None;
    }
    if known_place(t, j, end)
        && !matches!(
            k,
            "arrondissement" | "bassin" | "metropole" | "pays" | "communaute"
        )
    {
        return None;
    }
    // "Pays de la Loire" is a region, "Pays de Gex" a pays.
    if let Some((e, Place::Region(..))) = gazetteer::place_at(t, i) {
        if e >= end {
            return None;
        }
    }
    if after_org(t, i) {
        return None;
    }
    let name_words = t.slice(j, end);
    let parent = match k {
        "arrondissement" => gazetteer::arrondissement(name_words).or_else(|| parent_in(t, j, end)),
        _ => parent_in(t, j, end),
    };
    let normalized = if keep_type {
        tidy_name(t.slice(i, end))
    } else {
        tidy_name(name_words)
    };
    let _ = prep;
    Some(sub_mention(t, i, end, normalized, parent))
}

/// Whether token `i` is an item of a list its line announces with a colon,
/// outside any parenthesis ("calqués sur les pays : pays de Vannes, …",
/// not "(vallée de l’Ubaye, Haut-Verdon, pays de Forcalquier)").
fn announced_list(t: &Tokens, i: usize) -> bool {
    // (At most 200 tokens back: a long line of many items stays linear.)
    let ls = t.line_start(i).max(i.saturating_sub(200));
    let mut colon = false;
    let mut depth = 0i32;
    for q in ls..i {
        match t.punct(q) {
            Some(':') => colon = true,
            Some('(') => depth += 1,
            Some(')') => depth -= 1,
            Some('.' | ';') => colon = false,
            _ => {}
        }
    }
    colon && depth <= 0
}

/// An enumeration of sub-territories after a plural territorial noun.
fn enumeration(t: &Tokens, i: usize) -> Option<(Vec<Mention>, usize)> {
    let k = t.key(i);
    let counted = t
        .prev_word(i, 0)
        .is_some_and(|p| super::numbers::at(t, p, false).is_some_and(|n| n.end == i));
    // "La Seine-Maritime compte trois PTSM : Rouen-Elbeuf, Le Havre et
    // Dieppe", "deux projets territoriaux de santé mentale : …": counted
    // projects whose territories follow.
    let projects = if k == "ptsm" && counted {
        Some(i + 1)
    } else if k == "projets" && counted {
        t.seq(i + 1, &["territoriaux", "de", "sante", "mentale"])
    } else {
        None
    };
    // "les quatre établissements publics territoriaux du département :
    // Plaine Commune, …": the intercommunalities of the Grand Paris.
    let ept = if k == "etablissements" && projects.is_none() {
        t.seq(i + 1, &["publics", "territoriaux"])
    } else {
        None
    };
    let singular: &str = match (projects, ept) {
        (Some(_), _) => "ptsm",
        (None, Some(_)) => "intercommunalite",
        (None, None) => SUB_TYPES.iter().find(|(_, pl)| *pl == k)?.0,
    };
    let singular = &singular;
    let mut j = projects.or(ept).unwrap_or(i + 1);
    // "territoires de proximité", "bassins de vie", "territoires de vie
    // du département", "territoires de santé".
    for tail in [
        &["de", "proximite"][..],
        &["de", "vie"],
        &["de", "sante", "mentale"],
        &["de", "sante"],
        &["de", "vie", "du", "departement"],
    ] {
        if let Some(e) = t.seq(j, tail) {
            j = e;
        }
    }
    if let Some(e) = t.seq(j, &["du", "departement"]) {
        j = e;
    }
    // "territoires intercommunaux".
    if t.is_word(j) && !capital(t, j) && t.key(j).ends_with("aux") && t.key(j).len() > 6 {
        j += 1;
    }
    // "les quatre pays périgourdins – Périgord vert, …": the département's
    // demonym after the type.
    if counted
        && j == i + 1
        && t.is_word(j)
        && !capital(t, j)
        && demonym_shape(t.key(j))
        && matches!(t.punct(j + 1), Some('–' | '—' | ':' | '('))
    {
        j += 1;
    }
    // The type as a cardinal point's item is named with it: "Territoire
    // de proximité Ouest", "Microrégion Nord", "Territoire intercommunal
    // Centre-Ouest".
    let type_name = type_phrase(t, i, j);
    // "les trois territoires de proximité de l’Oise : le Beauvaisis, …":
    // the département they divide, then the items.
    {
        let mut q = j;
        if matches!(t.key(q), "de" | "du" | "des") {
            q += 1;
        } else if t.key(q) == "d" && matches!(t.punct(q + 1), Some('’' | '\'')) {
            q += 2;
        }
        if q > j {
            if t.key(q) == "la" {
                q += 1;
            } else if t.key(q) == "l" && matches!(t.punct(q + 1), Some('’' | '\'')) {
                q += 2;
            }
            if let Some((e, Place::Departement(_))) = gazetteer::place_at(t, q) {
                let after = if t.punct(e) == Some('(') {
                    past_parenthesis(t, e, t.line_end(e))
                } else {
                    e
                };
                if t.punct(after) == Some(':') {
                    j = after;
                }
            }
        }
    }
    let line_end = wrapped_end(t, i);
    // "arrondissements d’Aurillac, Saint-Flour et Mauriac".
    let mut typed_items = false;
    let start =
        if t.key(j) == "d" && matches!(t.punct(j + 1), Some('’' | '\'')) && capital(t, j + 2) {
            typed_items = true;
            j + 2
        } else if j == i + 1 && CARDINALS.contains(&t.key(j)) && capital(t, j) {
            // "microrégions Sud et Ouest".
            j
        } else if matches!(t.key(j), "de" | "du" | "des")
            && capital(t, j + 1)
            // "bassins de proximité du PTSM :" is no "bassin du X".
            && !t.get(j + 1).is_some_and(|x| x.upper)
            && matches!(*singular, "arrondissement" | "bassin")
        {
            typed_items = true;
            j + 1
        } else if j > i + 1
            && matches!(t.key(j), "de" | "du" | "des")
            && (capital(t, j + 1)
                || (matches!(t.key(j + 1), "l" | "la")
                    && capital(t, j + 2 + usize::from(t.key(j + 1) == "l"))))
            && !t
                .get(j + 1)
                .is_some_and(|x| x.upper && t.key(j + 1).len() <= 5)
        {
            // "les territoires de proximité de Lens-Hénin, de l’Artois et
            // du Littoral": each item after its preposition.
            j
        } else {
            // Up to a colon or a spaced dash within a few words: "pour
            // l’animation du PTSM :", "aux profils très différents :".
            let mut s = None;
            for q in j..(j + 12).min(line_end) {
                // "trois territoires de santé (Nord-Est, Ouest, Sud)",
                // "quatre bassins de proximité retenus par le comité
                // (bassin chambérien, Maurienne, …)": a parenthesis later
                // on holds the items too after a PTSM's own type ("de
                // proximité", "de santé"), not after a description ("les
                // microrégions de l’intérieur (Niolu, …)").
                // "deux territoires, l’Est et l’Ouest": a counted type and a
                // comma.
                if matches!(t.punct(q), Some(':'))
                    || (matches!(t.punct(q), Some('–' | '—' | '(')) && q == j)
                    || (t.punct(q) == Some('(') && j > i + 1)
                    || (t.punct(q) == Some(',') && q == j && counted && {
                        let s = skip_article(t, q + 1, line_end);
                        capital(t, s) && s < q + 4
                    })
                {
                    s = Some(q + 1);
                    break;
                }
                if matches!(t.punct(q), Some('.' | ';')) {
                    break;
                }
                // (Counted projects name their territories right after:
                // "les coordonnateurs des six PTSM, se sont réunis 14 fois
                // :" announces something else.)
                if projects.is_some() && t.punct(q) == Some(',') {
                    break;
                }
            }
            // "Les quatre territoires de proximité du PTSM sont Dijon
            // Métropole, le Beaunois, …".
            let s = s.or_else(|| {
                (j..(j + 6).min(line_end))
                    .find(|&q| t.key(q) == "sont" && t.is_word(q))
                    .map(|q| {
                        if t.punct(q + 1) == Some(':') {
                            q + 2
                        } else {
                            q + 1
                        }
                    })
            });
            let s = s?;
            // Items on the following lines ("a) le Grand Besançon, …").
            if s >= line_end {
                return line_items(t, line_end + 1, &type_name).map(|ms| {
                    let end = ms.last().map_or(line_end, |m| m.toks.end);
                    (ms, end)
                });
            }
            s
        };
    // Split the rest of the phrase on ",", "et", up to "." ";" "–" ")" or
    // a lowercase verb.
    let mut out = Vec::new();
    let mut q = start;
    loop {
        while q < line_end
            && (t.key(q) == "et" || matches!(t.punct(q), Some(',')) || t.is_newline(q))
        {
            q += 1;
        }
        if q >= line_end || !t.is_word(q) {
            break;
        }
        // A relative clause after an item, up to the next item: "le Pays
        // basque, dont la coordination est assurée par …, et le Béarn et
        // la Soule".
        if !out.is_empty() && (matches!(t.key(q), "dont" | "qui") || t.text(q) == "où") {
            let next = (q + 1..line_end.min(q + 40)).find(|&c| {
                t.punct(c) == Some(',') && t.key(c + 1) == "et" && {
                    let s = skip_article(t, c + 2, line_end);
                    capital(t, s)
                }
            });
            match next {
                Some(c) => {
                    q = c + 1;
                    continue;
                }
                None => break,
            }
        }
        let a = q;
        // ("de l’Artois", "du Littoral": the preposition of a complement.)
        let mut a2 = a;
        if matches!(t.key(a2), "de" | "du" | "des") {
            a2 += 1;
        } else if t.key(a2) == "d" && matches!(t.punct(a2 + 1), Some('’' | '\'')) {
            a2 += 2;
        }
        let mut s = skip_article(t, a2, line_end);
        // The project named with its territory: "le PTSM Var Est et le
        // PTSM Var Ouest".
        if matches!(t.key(s), "ptsm" | "ctsm") && capital(t, s + 1) {
            s += 1;
        }
        // A town whose name holds its article is named whole: "Le Havre".
        if s > a2
            && capital(t, a2)
            && gazetteer::commune_at(t, a2)
                .is_some_and(|(e, _)| proper_phrase(t, s).is_some_and(|pe| pe == e))
        {
            s = a2;
        }
        // An intercommunality named as a territory: "Caen la mer",
        // "Paris Est Marne & Bois".
        let cardinal_item = proper_phrase(t, s).is_some_and(|e| cardinal_words(t, s, e));
        // (A longer name that starts like one is that name: "Grand Paris
        // Sud" is not the Métropole du "Grand Paris".)
        let longer = |m: &Mention| proper_phrase(t, s).is_some_and(|e| e > m.toks.end);
        if let Some(mut m) = epci(t, s).filter(|m| !cardinal_item && !longer(m)) {
            m.toks.start = a;
            m.bytes.start = t.range(a, a + 1).start;
            m.subject = false;
            q = m.toks.end;
            out.push(m);
            // Its acronym or its towns: "Grand Paris Sud Est Avenir
            // (GPSEA)", "le Centre Littoral (Cayenne, Matoury, Kourou)".
            q = past_parenthesis(t, q, line_end);
            if !(t.key(q) == "et" || matches!(t.punct(q), Some(','))) {
                break;
            }
            continue;
        }
        // An item named with a type: "(bassin chambérien, bassin aixois,
        // Maurienne, Tarentaise)", "le Biterrois, le bassin de Thau et le
        // Cœur d’Hérault".
        // Or a pays written in lowercase: "et les îles du Sud".
        if !capital(t, s) {
            let m = if SUB_TYPES.iter().any(|(k, _)| *k == t.key(s)) {
                typed(t, s)
            } else {
                gazetteer::pays_at(t, s)
                    .filter(|&(e, _)| (s + 1..e).any(|q| capital(t, q)))
                    .map(|(e, p)| {
                        let name = tidy_name(t.slice(s, e));
                        sub_mention(t, s, e, name, p.departements.first().copied())
                    })
            };
            let Some(mut m) = m else {
                break;
            };
            if let Some(sub) = m.sub.as_mut() {
                sub.in_passing = false;
            }
            m.toks.start = a;
            m.bytes.start = t.range(a, a + 1).start;
            m.subject = false;
            q = m.toks.end;
            out.push(m);
            if !(t.key(q) == "et" || matches!(t.punct(q), Some(','))) {
                break;
            }
            continue;
        }
        // A pays of the gazetteer whose name goes on in lowercase:
        // "Périgord vert, Périgord blanc, …" (the region "Périgord" alone
        // would end the enumeration).
        if let Some((e, p)) = gazetteer::pays_at(t, s).filter(|&(e, _)| {
            e > s + 1 && proper_phrase(t, s).is_some_and(|pe| pe < e) && e <= line_end
        }) {
            let mut m = sub_mention(
                t,
                a,
                e,
                tidy_name(t.slice(s, e)),
                p.departements.first().copied(),
            );
            if let Some(x) = m.sub.as_mut() {
                x.candidates = p.departements.as_slice();
            }
            m.subject = false;
            out.push(m);
            q = past_parenthesis(t, e, line_end);
            if !(t.key(q) == "et" || matches!(t.punct(q), Some(','))) {
                break;
            }
            continue;
        }
        let Some(mut end) = proper_phrase(t, s) else {
            break;
        };
        // "Estuaire et Pays de Retz, Presqu’île guérandaise et Nord
        // Loire-Atlantique": an "et" followed later by a comma joins two
        // names into one item; the list's own "et" comes before its last
        // item.
        while t.key(end) == "et" {
            let s2 = skip_article(t, end + 1, line_end);
            let Some(e2) = proper_phrase(t, s2) else {
                break;
            };
            // (Another item after the comma: "…, le bassin du Puy,
            // l’Yssingelais et le Brivadois, où …" ends there.)
            let next = skip_article(t, e2 + 1, line_end);
            if t.punct(e2) != Some(',') || !capital(t, next) {
                break;
            }
            // (Nor when what follows the comma is no item but a clause:
            // "Val-d’Oise Est et Val-d’Oise Ouest, Argenteuil relevant du
            // second".)
            let clause = proper_phrase(t, next).is_some_and(|e3| {
                t.is_word(e3) && t.key(e3) != "et" && t.get(e3).is_some_and(|x| !x.cap)
            });
            if clause {
                break;
            }
            end = e2;
        }
        // A name cut by the end of a hand-wrapped line: "… et le Nord" /
        // "Atlantique." (the rest ends the enumeration or goes on with it).
        if t.is_newline(end) && end < line_end {
            if let Some(e2) = proper_phrase(t, end + 1) {
                if matches!(t.punct(e2), Some('.' | ',' | ';' | ')')) || t.key(e2) == "et" {
                    end = e2;
                }
            }
        }
        // A town that starts a clause after the list is no item: "…, Val-
        // d’Oise Ouest, Argenteuil relevant du second" (a lowercase word
        // other than the list's own goes on after it).
        if !out.is_empty()
            && t.is_word(end)
            && end < line_end
            && t.get(end).is_some_and(|x| !x.cap)
            && !matches!(t.key(end), "et" | "ou" | "au" | "aux")
            && gazetteer::commune_at(t, s).is_some_and(|(e, _)| e == end)
        {
            break;
        }
        let words_owned = t.slice(s, end).replace('\n', " ");
        let words = words_owned.as_str();
        let cardinal = cardinal_words(t, s, end);
        // Arrondissements, and bassins named after a town, are named with
        // their type: "arrondissement de Chaumont".
        let town = gazetteer::commune_at(t, s).is_some_and(|(e, _)| e == end);
        let typed_items = typed_items
            || (*singular == "arrondissement"
                && (town || gazetteer::arrondissement(words).is_some()))
            || (*singular == "bassin" && town);
        let normalized = if typed_items {
            // ("bassins de vie : …, Le Blanc" → "bassin de vie du Blanc".)
            let head = if *singular == "bassin" && t.seq(i + 1, &["de", "vie"]).is_some() {
                "bassin de vie"
            } else {
                singular
            };
            let name = tidy_name(words);
            let (de, name) = if let Some(rest) = name.strip_prefix("Le ") {
                ("du ", rest.to_string())
            } else if let Some(rest) = name.strip_prefix("Les ") {
                ("des ", rest.to_string())
            } else if words.starts_with(|c: char| "AEIOUYÉÈÊÂÎÔaeiouy".contains(c)) {
                ("d’", name)
            } else {
                ("de ", name)
            };
            format!("{head} {de}{name}")
        } else if cardinal && *singular != "ptsm" {
            format!("{type_name} {}", tidy_name(words))
        } else {
            tidy_name(words)
        };
        // A bare cardinal point ("Nord") names no département.
        let parent = if cardinal {
            None
        } else if *singular == "arrondissement" {
            gazetteer::arrondissement(words).or_else(|| parent_in(t, s, end))
        } else {
            parent_in(t, s, end)
        };
        // The projects of départements are the départements' own: "cinq
        // PTSM : Cher, Indre, …" (read as départements).
        if *singular == "ptsm" && gazetteer::by_name(words).is_some() {
            q = end;
            if !(t.key(q) == "et" || matches!(t.punct(q), Some(','))) {
                break;
            }
            continue;
        }
        if !cardinal && !typed_items && known_place(t, s, end) && parent_in(t, s, end).is_none() {
            break;
        }
        // A département qualified by its part is an item: "la Drôme
        // provençale", "Drôme des collines" (an adjective, or "des"/"du"
        // and a noun in lowercase).
        if !cardinal {
            if let Some((pe, Place::Departement(d))) = gazetteer::place_at(t, s) {
                let adjective = |q: usize| {
                    t.is_word(q)
                        && !capital(t, q)
                        && (place_adjective(t.key(q))
                            || demonym_shape(t.key(q))
                            || ["ale", "al", "aux"].iter().any(|x| t.key(q).ends_with(x)))
                };
                let e = if pe == end && adjective(end) {
                    end + 1
                } else if pe == end
                    && matches!(t.key(end), "des" | "du")
                    && t.is_word(end + 1)
                    && !capital(t, end + 1)
                    && t.key(end + 1).len() > 3
                {
                    end + 2
                } else {
                    end
                };
                if e > end && e <= line_end {
                    let code = gazetteer::departements().get(d).map(|d| d.code);
                    let mut m = sub_mention(t, a, e, tidy_name(t.slice(s, e)), code);
                    m.subject = false;
                    out.push(m);
                    q = past_parenthesis(t, e, line_end);
                    if !(t.key(q) == "et" || matches!(t.punct(q), Some(','))) {
                        break;
                    }
                    continue;
                }
            }
        }
        // A département or collectivité among the items is read as itself:
        // "cinq territoires de proximité : Basse-Terre, Grande-Terre,
        // Marie-Galante, Saint-Martin et Saint-Barthélemy".
        if !cardinal
            && matches!(gazetteer::place_at(t, s), Some((e, Place::Departement(_))) if e == end)
        {
            q = past_parenthesis(t, end, line_end);
            if !(t.key(q) == "et" || matches!(t.punct(q), Some(','))) {
                break;
            }
            continue;
        }
        let mut m = sub_mention(t, a, end, normalized, parent);
        m.subject = false;
        out.push(m);
        q = end;
        // Skip a parenthesis: "(Alès)", "(Briey, Longwy)".
        q = past_parenthesis(t, q, line_end);
        // "le Béarn-Soule, d’une part, et le Pays basque, de l’autre".
        q = past_each_part(t, q);
        // And where the items lie: "le Grand Ajaccio et le Sartenais-Valinco
        // au sud, la Plaine orientale et Bastia – Cap Corse au nord".
        if t.key(q) == "au" && CARDINALS.contains(&t.key(q + 1)) && !capital(t, q + 1) {
            q += 2;
        }
        if !(t.key(q) == "et" || matches!(t.punct(q), Some(','))) {
            break;
        }
    }
    if out.len() < 2 {
        return None;
    }
    let end = out.last().map_or(i + 1, |m| m.toks.end);
    Some((out, end))
}

/// The end of the line of token `i`, or of the next one or two when the
/// text is wrapped by hand and the phrase runs on (a long line that ends
/// with a word or a comma): enumerations of PDF extracts cross lines.
fn wrapped_end(t: &Tokens, i: usize) -> usize {
    let mut end = t.line_end(i);
    for _ in 0..2 {
        let start = t.line_start(end.saturating_sub(1));
        let long = end > start && t.range(start, end).len() >= 60;
        let open = end
            .checked_sub(1)
            .is_some_and(|l| t.is_word(l) || matches!(t.punct(l), Some(',' | '&')));
        if !(long && open && t.is_newline(end) && t.is_word(end + 1)) {
            break;
        }
        end = t.line_end(end + 1);
    }
    end
}

/// An intercommunality of the gazetteer at token `i` ("Caen la Mer",
/// "Laval Agglomération", "Grand-Orly Seine Bièvre"), named as written,
/// with the département of its seat.
fn epci(t: &Tokens, i: usize) -> Option<Mention> {
    if !capital(t, i) {
        return None;
    }
    // The name first: a look-up, where `funds` reads the sentence.
    let (e, _, dep) = gazetteer::epci_at(t, i)?;
    if funds(t, i) {
        return None;
    }
    Some(sub_mention(t, i, e, tidy_name(t.slice(i, e)), Some(dep)))
}

/// Whether tokens `a..b` are a cardinal point, or two joined by a hyphen
/// ("Nord", "Centre-Ouest", "Nord-Est").
fn cardinal_words(t: &Tokens, a: usize, b: usize) -> bool {
    (b == a + 1 && CARDINALS.contains(&t.key(a)))
        || (b == a + 3
            && t.hyphen_after(a)
            && CARDINALS.contains(&t.key(a))
            && CARDINALS.contains(&t.key(a + 2)))
}

/// The singular of a plural territorial type as the text writes it, with
/// its complement: "territoires de proximité" → "Territoire de
/// proximité", "territoires intercommunaux" → "Territoire
/// intercommunal", "microrégions" → "Microrégion".
fn type_phrase(t: &Tokens, i: usize, j: usize) -> String {
    let mut words: Vec<String> = Vec::new();
    for q in i..j {
        if !t.is_word(q) {
            continue;
        }
        let w = t.text(q).to_lowercase();
        let w = if q == i {
            if w == "pays" {
                w
            } else {
                w.strip_suffix('s').unwrap_or(&w).to_string()
            }
        } else if let Some(stem) = w.strip_suffix("aux") {
            format!("{stem}al")
        } else {
            w
        };
        words.push(w);
    }
    let mut out = words.join(" ");
    if let Some(c) = out.chars().next() {
        out = c.to_uppercase().chain(out.chars().skip(1)).collect();
    }
    out
}

fn display_type(singular: &str) -> &'static str {
    match singular {
        "microregion" => "microrégion",
        "arrondissement" => "arrondissement",
        "bassin" => "bassin",
        "secteur" => "secteur",
        "canton" => "canton",
        "agglomeration" => "agglomération",
        "metropole" => "métropole",
        "pays" => "pays",
        _ => "territoire",
    }
}

/// Items of a marked list on the lines from token `i`, each a sub-territory
/// named at its start ("a) le Grand Besançon, où …").
fn line_items(t: &Tokens, mut i: usize, type_name: &str) -> Option<Vec<Mention>> {
    let mut out = Vec::new();
    let mut first_marker: Option<(bool, Option<char>)> = None;
    while i < t.len() {
        let end = t.line_end(i);
        // The marker: "a)", "1.", "•", "-", the same on every line.
        let mut j = i;
        // (The marker's own length: "–" and "•" take three bytes.)
        let marked = matches!(t.punct(i), Some('•' | '-' | '–' | '·' | '*'))
            || (t.is_word(i)
                && t.text(i).len() <= 2
                && matches!(t.punct(i + 1), Some(')' | '.'))
                && t.slice(i, i + 2).len() <= 3);
        // Or no marker: one short name per line, the whole line ("ARTOIS"
        // / "AUDOMAROIS" / "BOULONNAIS – MONTREUILLOIS").
        if !marked {
            let bare = first_marker.is_none_or(|m| m == (false, None))
                && proper_phrase(t, i).is_some_and(|e| e == end)
                && (i..end).filter(|&q| t.is_word(q)).count() <= 5;
            if !bare {
                break;
            }
            first_marker = Some((false, None));
            let e = end;
            let words = t.slice(i, e);
            let cardinal = cardinal_words(t, i, e);
            if known_place(t, i, e) && !cardinal {
                break;
            }
            let normalized = if cardinal {
                format!("{type_name} {}", tidy_name(words))
            } else {
                tidy_name(words)
            };
            let parent = if cardinal { None } else { parent_in(t, i, e) };
            out.push(sub_mention(t, i, e, normalized, parent));
            i = end + 1;
            continue;
        }
        let shape = (
            t.is_word(i) && t.text(i).chars().all(|c| c.is_ascii_digit()),
            if t.is_word(i) {
                t.punct(i + 1)
            } else {
                t.punct(i)
            },
        );
        if *first_marker.get_or_insert(shape) != shape {
            break;
        }
        j += if t.is_word(i) { 2 } else { 1 };
        let s = skip_article(t, j, end);
        // A heading in capitals is no item.
        if (s..end)
            .filter(|&q| t.is_word(q))
            .all(|q| t.get(q).is_some_and(|x| x.upper))
        {
            break;
        }
        // An intercommunality by its full name: "- Communauté de communes
        // du Sud" (its type word would end a proper phrase).
        // (A name that holds its article is named whole: "Le Mans
        // Métropole".)
        if let Some(mut m) = epci(t, j).or_else(|| epci(t, s)).or_else(|| typed(t, s)) {
            m.toks.start = j;
            m.bytes.start = t.range(j, j + 1).start;
            m.subject = false;
            out.push(m);
            i = end + 1;
            continue;
        }
        let Some(e) = proper_phrase(t, s) else { break };
        let words = t.slice(s, e);
        let cardinal = cardinal_words(t, s, e);
        let normalized = if cardinal {
            format!("{type_name} {}", tidy_name(words))
        } else {
            tidy_name(words)
        };
        let parent = if cardinal { None } else { parent_in(t, s, e) };
        out.push(sub_mention(t, j, e, normalized, parent));
        i = end + 1;
    }
    (out.len() >= 2).then_some(out)
}

/// A heading line naming territories in the plural ("Les quatre
/// territoires et leurs priorités"), and the numbered lines under it that
/// each start with a territory's name: `(mentions, end token)`.
fn headed_items(t: &Tokens, i: usize) -> Option<(Vec<Mention>, usize)> {
    let end = t.line_end(i);
    let words: Vec<usize> = (i..end).filter(|&q| t.is_word(q)).collect();
    if words.len() > 10
        || words.len() < 2
        || matches!(t.punct(end.wrapping_sub(1)), Some('.' | ':'))
    {
        return None;
    }
    let plural = words.iter().take(6).find_map(|&q| {
        SUB_TYPES
            .iter()
            .find(|(_, pl)| *pl == t.key(q))
            .map(|(sg, _)| *sg)
    })?;
    // Numbered lines until the next heading in capitals or 60 lines.
    let mut out = Vec::new();
    let mut line = end + 1;
    let mut lines = 0;
    let mut shape: Option<Option<char>> = None;
    while line < t.len() && lines < 60 {
        let le = t.line_end(line);
        lines += 1;
        let numbered = t
            .get(line)
            .is_some_and(|x| x.kind == super::tokens::Kind::Number)
            && t.text(line).len() <= 2
            && matches!(t.punct(line + 1), Some('.' | ')'))
            && t.get(line + 2).is_some_and(|x| x.space_before);
        if numbered {
            let sh = t.punct(line + 1);
            if *shape.get_or_insert(sh) != sh {
                break;
            }
            let s = skip_article(t, line + 2, le);
            // The name up to a parenthesis or the end of the line, with
            // "et" between names ("Douaisis et Cambrésis").
            // (A numbered line that is no name after marked items ends
            // them: "1) Créer une plateforme …" under the next heading.)
            let name_end = || {
                let mut e = proper_phrase(t, s)?;
                while t.key(e) == "et" && capital(t, e + 1) {
                    e = proper_phrase(t, e + 1)?;
                }
                (e >= le || t.punct(e) == Some('(')).then_some(e)
            };
            let Some(e) = name_end() else {
                if out.is_empty() {
                    return None;
                }
                break;
            };
            let name = tidy_name(t.slice(s, e));
            let cardinal = e == s + 1 && CARDINALS.contains(&t.key(s));
            let normalized = if cardinal {
                format!("{} {name}", display_type(plural))
            } else {
                name
            };
            out.push(sub_mention(t, s, e, normalized, parent_in(t, s, e)));
        } else if let Some(m) = marked_label_place(t, line, le) {
            // "> Sedanais : le groupe d’entraide mutuelle …": a marked line
            // that starts with a territory's name as its label.
            out.push(m);
        } else if (line..le)
            .filter(|&q| t.is_word(q))
            .all(|q| t.get(q).is_some_and(|x| x.upper))
            && le > line
        {
            break;
        }
        line = le + 1;
    }
    if out.len() < 2 {
        return None;
    }
    Some((out, end))
}

/// "l’un pour Brest-Morlaix, l’autre pour la Cornouaille", "l’une pour la
/// Plaine orientale, l’autre pour le Sartenais-Valinco" from token `i`
/// ("un"/"une" after "l’"): the two places, when neither is a town, a
/// département or an organisation.
fn each_for(t: &Tokens, i: usize) -> Option<Vec<Mention>> {
    if !(i >= 2 && t.key(i - 2) == "l" && matches!(t.punct(i - 1), Some('’' | '\''))) {
        return None;
    }
    let place = |q: usize| -> Option<(usize, usize)> {
        if t.key(q) != "pour" {
            return None;
        }
        let s = skip_article(t, q + 1, t.line_end(q));
        let e = proper_phrase(t, s)?;
        let plain = !matches!(gazetteer::place_at(t, s), Some((pe, _)) if pe >= e)
            && gazetteer::commune_at(t, s).is_none_or(|(ce, _)| ce < e)
            && !NOT_PLACES.contains(&t.key(s))
            && !SUB_ORG_HEADS.contains(&t.key(s))
            && !t.get(s).is_some_and(|x| x.upper);
        plain.then_some((s, e))
    };
    let (s1, e1) = place(i + 1)?;
    // ", l’autre pour …".
    let mut q = e1;
    if t.punct(q) != Some(',') {
        return None;
    }
    q += 1;
    if !(t.key(q) == "l" && matches!(t.punct(q + 1), Some('’' | '\'')) && t.key(q + 2) == "autre")
    {
        return None;
    }
    let (s2, e2) = place(q + 3)?;
    Some(
        [(s1, e1), (s2, e2)]
            .into_iter()
            .map(|(s, e)| {
                let mut m = sub_mention(t, s, e, tidy_name(t.slice(s, e)), parent_in(t, s, e));
                m.subject = false;
                m
            })
            .collect(),
    )
}

/// A marked line whose label is a place's name: "> Pointe des Ardennes :
/// à Givet, …", "• Argonne ardennaise : …" (a département, a town or a
/// fiche's label is none).
fn marked_label_place(t: &Tokens, line: usize, le: usize) -> Option<Mention> {
    if !matches!(t.punct(line), Some('>' | '•' | '-' | '–' | '→' | '·' | '*')) {
        return None;
    }
    let s = skip_article(t, line + 1, le);
    let mut e = proper_phrase(t, s)?;
    while t.key(e) == "et" && capital(t, e + 1) {
        e = proper_phrase(t, e + 1)?;
    }
    if t.punct(e) != Some(':') || e > s + 5 {
        return None;
    }
    let words = t.slice(s, e);
    if crate::normalize::labels::field_of(words).is_some()
        || matches!(gazetteer::place_at(t, s), Some((pe, Place::Departement(_) | Place::Region(..))) if pe >= e)
        || gazetteer::commune_at(t, s).is_some_and(|(ce, _)| ce >= e)
        || NOT_PLACES.contains(&t.key(s))
        || SUB_ORG_HEADS.contains(&t.key(s))
    {
        return None;
    }
    let mut m = sub_mention(t, s, e, tidy_name(words), parent_in(t, s, e));
    m.subject = false;
    Some(m)
}

/// Places in a "Territoire(s) :" field value: every proper phrase that is
/// not a département (those are found anyway) nor a town.
fn field_places(t: &Tokens, from: usize, cell_only: bool) -> Vec<Mention> {
    let line_end = t.line_end(from);
    // After a table's gap, the field's own cell only: the next cells are
    // other columns ("Territoire ⇥ Arrêté du PTSM ⇥ Actions" is a header
    // row).
    let end = if cell_only {
        (from + 1..line_end)
            .find(|&q| t.get(q).is_some_and(|x| x.gap_before))
            .unwrap_or(line_end)
    } else {
        line_end
    };
    let mut out = Vec::new();
    let mut j = from;
    while j < end {
        if let Some(m) = typed(t, j) {
            j = m.toks.end;
            out.push(m);
            continue;
        }
        if let Some(m) = epci(t, j) {
            j = m.toks.end;
            out.push(m);
            continue;
        }
        // "golfe de Saint-Tropez", "vallée de la Roya".
        if matches!(
            t.key(j),
            "golfe"
                | "vallee"
                | "plateau"
                | "cote"
                | "littoral"
                | "massif"
                | "plaine"
                | "val"
                | "bassin"
                | "pays"
        ) && matches!(t.key(j + 1), "de" | "du" | "des" | "d")
        {
            let mut q = j + 2;
            if matches!(t.punct(q), Some('’' | '\'')) {
                q += 1;
            }
            if let Some(e) = proper_phrase(t, q) {
                let name = tidy_name(t.slice(j, e));
                out.push(sub_mention(t, j, e, name, parent_in(t, from, end)));
                j = e;
                continue;
            }
        }
        if !capital(t, j) || (j > from && t.hyphen_before(j)) {
            j += 1;
            continue;
        }
        let s = j;
        let Some(e) = proper_phrase(t, s) else {
            j += 1;
            continue;
        };
        // A pays whose name goes on in lowercase: "Périgord blanc et
        // Périgord vert", not "Périgord" and an adjective.
        if let Some((pe, _)) = gazetteer::pays_at(t, s).filter(|(pe, _)| *pe > e && *pe <= end) {
            let name = tidy_name(t.slice(s, pe));
            out.push(sub_mention(t, s, pe, name, parent_in(t, from, end)));
            j = pe;
            continue;
        }
        // "Département de l’Ain", "Var (83)": départements are mentions
        // of their own.
        // (Not a cardinal part: "Sud-Aveyron" is a sub-territory.)
        let dept = (s..e).any(|q| matches!(gazetteer::place_at(t, q), Some((pe, Place::Departement(_))) if pe == e && q >= s))
            && !cardinal_part_shape(t, s, e);
        let whole_commune = gazetteer::commune_at(t, s).is_some_and(|(ce, _)| ce >= e);
        // ("Centre-Essonne" is a cardinal part, not a "Centre …"
        // organisation.)
        let cardinal = cardinal_part_shape(t, s, e)
            && !matches!(gazetteer::place_at(t, s), Some((pe, Place::Region(..))) if pe >= e);
        if !dept
            && !whole_commune
            && (cardinal || (!NOT_PLACES.contains(&t.key(s)) && !SUB_ORG_HEADS.contains(&t.key(s))))
            && !matches!(t.key(s), "ensemble" | "departement")
        {
            let name = tidy_name(t.slice(s, e));
            out.push(sub_mention(t, s, e, name, parent_in(t, from, end)));
        }
        j = e.max(j + 1);
        // Its parts in parentheses are not items: "Sud-Aveyron (Causses,
        // Lévézou)".
        j = past_parenthesis(t, j, end);
    }
    out
}

/// A table's header row whose first cell names territories ("Territoire
/// de proximité", "Territoires", "Bassin de vie", "Zone de proximité")
/// and has two more cells at least, then the rows under it: each first
/// cell is a sub-territory, but a département, a region, the country and
/// a total, which the table compares with. `(mentions, end token)`.
fn territory_column(t: &Tokens, i: usize) -> Option<(Vec<Mention>, usize)> {
    if !matches!(
        t.key(i),
        "territoire" | "territoires" | "bassin" | "bassins" | "zone" | "zones"
    ) {
        return None;
    }
    let cells = |s: usize| {
        let e = t.line_end(s);
        (s + 1..e)
            .filter(|&q| t.get(q).is_some_and(|x| x.gap_before))
            .count()
    };
    let first_cell_end = |s: usize| {
        let e = t.line_end(s);
        (s + 1..e)
            .find(|&q| t.get(q).is_some_and(|x| x.gap_before))
            .unwrap_or(e)
    };
    let head_end = first_cell_end(i);
    // A table with its territories across the header ("Bassin ⇥ Genevois ⇥
    // Chablais ⇥ Vallée de l’Arve") has indicators down its first column
    // ("Population (2016)", "CMP adultes"): no column of territories.
    let across = (head_end..t.line_end(i))
        .filter(|&q| t.get(q).is_some_and(|x| x.gap_before))
        .filter(|&q| {
            gazetteer::pays_at(t, q).is_some()
                || gazetteer::place_at(t, q).is_some()
                || gazetteer::commune_at(t, q).is_some()
        })
        .count();
    if across >= 2 {
        return None;
    }
    // (A header whose later titles the layout kept as one cell,
    // "Territoire de proximité ⇥ Population (2019) Secteurs adultes …",
    // over rows of three cells or more.)
    let rows_wide = t.line_end(i) + 1 < t.len() && cells(t.line_end(i) + 1) >= 2;
    if (cells(i) < 2 && !(cells(i) == 1 && rows_wide)) || head_end > i + 5 {
        return None;
    }
    let mut out = Vec::new();
    let mut line = t.line_end(i) + 1;
    let mut end = t.line_end(i);
    for _ in 0..30 {
        if line >= t.len() || cells(line) < 1 {
            break;
        }
        let e = first_cell_end(line);
        end = t.line_end(line);
        let s = skip_article(t, line, e);
        let next = end + 1;
        // A fiche's label/value table ("Territoires concernés ⇥ Cortenais,
        // …" then "Calendrier ⇥ …", "Budget ⇥ …"): its first column holds
        // labels, not territories.
        if crate::normalize::labels::field_of(t.slice(line, e).trim()).is_some() {
            return None;
        }
        // A header's second line ("(2016) ⇥ 75 ans et +").
        if !capital(t, s) {
            line = next;
            continue;
        }
        let whole = |e2: Option<usize>| e2.is_some_and(|x| x >= e);
        // (A département with its code, "Côte-d'Or (21)", is the
        // département: read as such outside the column.)
        let place_end = gazetteer::place_at(t, s).map(|(x, _)| {
            let code = t.text(x + 1);
            if t.punct(x) == Some('(')
                && t.punct(x + 2) == Some(')')
                && (1..=3).contains(&code.len())
                && code.chars().all(|c| c.is_ascii_alphanumeric())
            {
                x + 3
            } else {
                x
            }
        });
        let coded = place_end.is_some_and(|x| t.punct(x - 1) == Some(')'));
        let compared = whole(place_end)
            || coded
            || matches!(t.key(s), "total" | "ensemble" | "france" | "moyenne")
            || t.key(s).starts_with("total");
        // The whole cell is the name: "Drôme des Collines – Nord", "Drôme
        // provençale".
        let words = (s..e).filter(|&q| t.is_word(q)).count();
        if !compared && (1..=8).contains(&words) {
            let name = tidy_name(t.slice(s, e).trim());
            let mut m = sub_mention(t, line, e, name, parent_in(t, s, e));
            m.subject = false;
            out.push(m);
        }
        // The total is the last row (the page's footer may follow it
        // without a blank line: "ARS BFC – Décision … ⇥ Page 1 sur 2").
        if t.key(s).starts_with("total") {
            break;
        }
        line = next;
    }
    (out.len() >= 2).then_some((out, end))
}

/// The token after ", d’une part" / ", d’autre part" / ", de l’autre" at
/// `q` (the comma that follows kept), or `q` when none stands there: the
/// halves of a two-part enumeration.
fn past_each_part(t: &Tokens, q: usize) -> usize {
    if t.punct(q) != Some(',') {
        return q;
    }
    for words in [
        &["d", "une", "part"][..],
        &["d", "autre", "part"],
        &["de", "l", "autre", "part"],
        &["de", "l", "autre"],
    ] {
        if let Some(e) = t.seq(q + 1, words) {
            return e;
        }
    }
    q
}

/// The token after the parenthesis that opens at `q` (its closing one
/// included), or `q` when none opens there; at most `end`.
fn past_parenthesis(t: &Tokens, mut q: usize, end: usize) -> usize {
    if t.punct(q) != Some('(') {
        return q;
    }
    while q < end && t.punct(q) != Some(')') {
        q += 1;
    }
    (q + 1).min(end.max(q))
}

/// "Sud-Aveyron", "Nord-Isère": a cardinal point hyphenated to a place.
fn cardinal_part_shape(t: &Tokens, s: usize, e: usize) -> bool {
    e > s + 2 && CARDINALS.contains(&t.key(s)) && t.hyphen_after(s)
}

/// The end of "projet(s) territorial(aux) de santé (mentale)" or
/// "contrat(s) territorial(aux) de santé mentale" at token `i`.
pub fn long_form(t: &Tokens, i: usize) -> Option<usize> {
    let head = matches!(t.key(i), "projet" | "projets" | "contrat" | "contrats");
    let adj = matches!(
        t.key(i + 1),
        "territorial" | "territoriaux" | "territoriale"
    );
    if !(head && adj && t.key(i + 2) == "de" && t.key(i + 3) == "sante") {
        return None;
    }
    let mut e = i + 4;
    if t.key(e) == "mentale" {
        e += 1;
    }
    // "(PTSM)".
    if t.punct(e) == Some('(')
        && matches!(t.key(e + 1), "ptsm" | "ctsm")
        && t.punct(e + 2) == Some(')')
    {
        e += 3;
    }
    Some(e)
}

/// "PTSM de X" / "PTSM DE ROUEN ELBEUF" where X is no département nor
/// region: the PTSM's own territory. `j` is the token after the PTSM's
/// name; in a heading (`heading`), the preposition may be missing and X
/// may be a town ("Projet Territorial de santé Rouen – Elbeuf –
/// Pays-de-Bray", "… de Dieppe"), and X must end the line.
fn ptsm_of(t: &Tokens, _i: usize, j: usize, heading: bool) -> Option<Mention> {
    let mut j = j;
    match t.key(j) {
        "de" | "du" | "des" => j += 1,
        "d" if matches!(t.punct(j + 1), Some('’' | '\'')) => j += 2,
        _ if heading && capital(t, j) => {}
        _ => return None,
    }
    // "PTSM du territoire de Lens-Hénin": the territory's name after it.
    if t.key(j) == "territoire" && matches!(t.key(j + 1), "de" | "du") && capital(t, j + 2) {
        j += 2;
    }
    if t.key(j) == "l" && matches!(t.punct(j + 1), Some('’' | '\'')) {
        j += 2;
    } else if t.key(j) == "la" {
        j += 1;
    }
    let end = proper_phrase(t, j)?;
    // "PTSM d’Alsace": a historical region that is no region of today is
    // a territory over several départements, with no code of its own.
    if let Some((e, Place::Region(_, true))) = gazetteer::place_at(t, j) {
        if e == end
            && (!heading
                || end >= t.line_end(j)
                || matches!(t.punct(end), Some('(' | ':' | '–' | '-')))
        {
            let mut m = sub_mention(t, j, end, tidy_name(t.slice(j, end)), None);
            m.subject = true;
            return Some(m);
        }
    }
    // "PTSM de l’Indre Synthèse": a département and a running header's
    // word, no territory of its own.
    if gazetteer::place_at(t, j).is_some_and(|(e, p)| e < end && !matches!(p, Place::Demonym(_))) {
        return None;
    }
    // (A département that is also a town's name, "de l’Indre", "de la
    // Vienne", is the département: its own reading names it.)
    if matches!(gazetteer::place_at(t, j), Some((e, Place::Departement(_))) if e >= end) {
        return None;
    }
    let town = heading && gazetteer::commune_at(t, j).is_some_and(|(e, _)| e >= end);
    if (known_place(t, j, end) && !town) || typed(t, j).is_some() {
        return None;
    }
    if heading && end < t.line_end(j) && !matches!(t.punct(end), Some('(' | ':')) {
        return None;
    }
    // A place phrase, not "PTSM de Santé" or an acronym.
    let words = t.slice(j, end);
    if words.chars().filter(|c| c.is_alphabetic()).count() < 4
        || t.get(j).is_some_and(|x| x.upper) && end == j + 1 && t.key(j).len() <= 5
    {
        return None;
    }
    // Every word a commune, a place adjective or a known pays shape: "Rouen
    // Elbeuf", "Rouen – Elbeuf – Pays-de-Bray".
    let parent = parent_in(t, j, end);
    parent?;
    let mut m = sub_mention(t, j, end, tidy_name(words), parent);
    m.subject = true;
    Some(m)
}

/// Whether the text writes the word of key `k` in lowercase somewhere.
fn lowercase_elsewhere(t: &Tokens, k: &str) -> bool {
    t.written_lowercase(k)
}

/// Names shaped like a pays or a sub-territory, in a place context:
/// "le Lunévillois", "la Déodatie", "Grand Nancy", "Haut-Doubs",
/// "Basse-Marche", "Est-Var", "Yvelines Sud", "Centre Corse", "Littoral
/// 62".
fn shaped(t: &Tokens, i: usize) -> Option<Mention> {
    // Not inside a hyphenated name: "Haute-Provence" in
    // "Alpes-de-Haute-Provence" is the département's.
    if !capital(t, i) || after_org(t, i) || t.hyphen_before(i) {
        return None;
    }
    // Nor inside "Grand …": "Paris Sud" in "Grand Paris Sud".
    if i > 0 && t.key(i - 1) == "grand" && capital(t, i - 1) {
        return None;
    }
    let k = t.key(i);
    // "Grand Nancy", "Grand Bastia": Grand + a town.
    if k == "grand" && !t.hyphen_after(i) {
        let (e, c) = gazetteer::commune_at(t, i + 1)?;
        // Not the start of a longer name: "Grand Paris Sud" is no "Grand
        // Paris".
        if !capital(t, i + 1) || (capital(t, e) && !t.hyphen_before(e) && e < t.line_end(i)) {
            return None;
        }
        return Some(sub_mention(
            t,
            i,
            e,
            tidy_name(t.slice(i, e)),
            Some(c.departement),
        ));
    }
    // A cardinal point and a département, by name or demonym: "Nord-
    // Ardèche", "Centre-Manche", "Nord Loire-Atlantique", "Ouest guyanais"
    // name a part of that département (checked before the département
    // reading: "Nord" and "Centre" are places of their own).
    if let Some(m) = cardinal_part(t, i) {
        return Some(m);
    }
    // A département or region: only "Yvelines Sud"-like names.
    if let Some((_, place)) = gazetteer::place_at(t, i) {
        if matches!(place, Place::Departement(_)) {
            if let Some(m) = cardinal_after(t, i) {
                return Some(m);
            }
        }
        // "Centre Corse", and "Nord-Cotentin", "Centre-Bretagne": a
        // cardinal point that is also a place ("Nord", "Centre") before a
        // hyphen is read as a prefix below.
        let prefix = CARDINALS.contains(&k) && t.hyphen_after(i) && capital(t, i + 2);
        if !(prefix || k == "centre" && t.key(i + 1) == "corse") {
            return None;
        }
    }
    // "Haut-Doubs", "Basse-Marche", "Haut-Limousin", "Extrême-Sud",
    // "Est-Var", "Nord-Isère", "Sud-Gironde".
    let prefix =
        matches!(k, "haut" | "haute" | "bas" | "basse" | "extreme") || CARDINALS.contains(&k);
    if prefix && t.hyphen_after(i) && capital(t, i + 2) {
        let end = proper_phrase(t, i)?;
        // A pays of the gazetteer ("Haut-Verdon", "Basse-Marche") is read
        // as one, named in passing or not.
        if gazetteer::pays_at(t, i).is_some_and(|(e, _)| e == end) {
            return None;
        }
        // "Ouest-France" is a newspaper, "Sud-Ouest" one too.
        if known_place(t, i, end)
            || (i..end).any(|q| NOT_PLACES.contains(&t.key(q)))
            || (end == i + 3 && CARDINALS.contains(&t.key(i + 2)))
        {
            return None;
        }
        // "Haute-Corse" is a département (known), "Hauts-de-France" a
        // region (known).
        let parent = parent_in(t, i + 2, end);
        return Some(sub_mention(t, i, end, tidy_name(t.slice(i, end)), parent));
    }
    // "Centre Corse", "Yvelines Sud", "Littoral 62".
    if k == "centre" && capital(t, i + 1) && t.key(i + 1) == "corse" {
        return Some(sub_mention(t, i, i + 2, tidy_name(t.slice(i, i + 2)), None));
    }
    if k == "littoral" {
        if let Some(code) = t.get(i + 1).and_then(|_| code_at(t, i + 1)) {
            return Some(sub_mention(
                t,
                i,
                i + 2,
                tidy_name(t.slice(i, i + 2)),
                Some(code),
            ));
        }
    }
    // An article and a pays-shaped name: "le Lunévillois", "le Vexin
    // normand", "la Déodatie", "les Combrailles", "la Balagne" are judged
    // by their suffix; towns and known places are not.
    let p = i.checked_sub(1)?;
    let article = (t.is_word(p) && matches!(t.key(p), "le" | "la" | "les"))
        || (matches!(t.punct(p), Some('’' | '\'')) && p > 0 && t.key(p - 1) == "l")
        || (t.is_word(p) && matches!(t.key(p), "du" | "au" | "aux"));
    if !article {
        return None;
    }
    let end = proper_phrase(t, i)?;
    if end != i + 1 && !(end == i + 2 && t.is_word(i + 1) && !capital(t, i + 1)) {
        return None;
    }
    if t.get(i).is_some_and(|x| x.upper) || known_place(t, i, end) {
        return None;
    }
    let pays = ["ois", "ais", "isis", "esis", "ie", "aille", "ailles", "agne", "in"]
        .iter()
        .any(|s| k.ends_with(s) && k.len() > 5)
        && !NOT_PAYS.contains(&k)
        // A word the text also writes in lowercase is a common noun.
        && !lowercase_elsewhere(t, k);
    let adjective = end == i + 2 && place_adjective(t.key(i + 1));
    if !(pays || adjective) || gazetteer::is_first_name_key(k) {
        return None;
    }
    // Not a demonym of a département ("le Parisien"), not a common noun
    // written with a capital at the start of a sentence.
    if matches!(gazetteer::place_at(t, i), Some((_, Place::Demonym(_)))) {
        return None;
    }
    // A place needs a place preposition or coordination around it:
    // "dans le Vendômois", "au Vexin normand", "le Pithiverais et le
    // Giennois", "de la Déodatie".
    let before = t.prev_word(p, 1).map(|q| t.key(q)).unwrap_or("");
    let place_prep = matches!(
        before,
        "dans" | "sur" | "en" | "de" | "et" | "vers" | "antenne" | "a"
    ) || matches!(t.key(p), "du" | "au" | "aux")
        || t.key(end) == "et"
        || (p == t.line_start(p));
    if !place_prep {
        return None;
    }
    let a = if matches!(t.punct(p), Some('’' | '\'')) {
        p - 1
    } else {
        p
    };
    Some(sub_mention(t, a, end, tidy_name(t.slice(i, end)), None))
}

/// A pays or natural region of the gazetteer where the sentence puts
/// something: "dans le Morvan", "en Brenne", "sur la Maurienne", "les
/// zones rurales de la Basse-Marche", "du Cap Corse" — after a preposition
/// of place, with its article when the name is also a common word or a
/// first name ("le Perche", not "Perche"). A pays that is the subject of
/// its sentence ("la Petite Camargue accueille …") is only described.
fn pays(t: &Tokens, i: usize) -> Option<Mention> {
    if !t.is_word(i) || t.get(i).is_some_and(|x| x.upper && t.key(i).len() > 3) {
        return None;
    }
    let (mut end, p) = gazetteer::pays_at(t, i)?;
    // A bare cardinal point ("le Centre", "du Sud") is read by the
    // cardinal rules; "les îles du Sud" may start in lowercase when a later
    // word has its capital.
    if end == i + 1 && CARDINALS.contains(&t.key(i)) {
        return None;
    }
    // An archipelago of several overseas collectivités ("les Îles du
    // Nord": Saint-Martin and Saint-Barthélemy) is those territories, not
    // a part of one.
    if p.departements.len() > 1
        && p.departements
            .iter()
            .all(|c| gazetteer::by_code(c).is_some_and(|d| d.collectivite))
    {
        return None;
    }
    if !capital(t, i) && !(i + 1..end).any(|q| t.is_word(q) && capital(t, q)) {
        return None;
    }
    // Pays joined by hyphens are one territory: "Castagniccia-Casinca",
    // "Taravo-Valinco-Sartenais".
    while t.hyphen_after(end - 1) {
        match gazetteer::pays_at(t, end + 1) {
            Some((e, _)) => end = e,
            None => break,
        }
    }
    // A pays and its département's adjective: "l’Argonne ardennaise" (the
    // Ardennes' part of the Argonne).
    if end < t.line_end(i)
        && t.is_word(end)
        && !capital(t, end)
        && matches!(gazetteer::place_at(t, end), Some((e, Place::Demonym(_))) if e == end + 1)
    {
        end += 1;
    }
    // Two pays of one département coordinated without an article of their
    // own are one territory's name: "le PTSM Béarn et Soule", "En Béarn et
    // Soule" (but "en Brenne et dans le Boischaut Sud", "du Béarn et de la
    // Soule" name two).
    if t.key(end) == "et" && capital(t, end + 1) {
        if let Some((e2, p2)) = gazetteer::pays_at(t, end + 1) {
            if p2.departements.first() == p.departements.first() && !t.hyphen_after(e2 - 1) {
                end = e2;
            }
        }
    }
    // "Bresse" is also "La Bresse" (Vosges); "le Léon" is no "Léon Blum".
    let mut a = i;
    let mut article = None;
    if i > 0 && t.is_word(i - 1) && matches!(t.key(i - 1), "le" | "la" | "les") {
        article = Some(i - 1);
        a = i - 1;
    } else if i > 1 && matches!(t.punct(i - 1), Some('’' | '\'')) && t.key(i - 2) == "l" {
        article = Some(i - 2);
        a = i - 2;
    }
    let before = t.prev_word(a, 1).map(|q| t.key(q)).unwrap_or("");
    let contracted = article.is_none() && matches!(before, "du" | "au" | "aux" | "des");
    let locative = matches!(
        before,
        "en" | "dans"
            | "sur"
            | "de"
            | "du"
            | "des"
            | "au"
            | "aux"
            | "pour"
            | "vers"
            | "entre"
            | "a"
            | "couvrant"
            // "le PTSM Béarn et Soule": a PTSM named by its territory.
            | "ptsm"
            | "ctsm"
    );
    // (A pays whose parts follow in parentheses needs no place word: "y
    // compris les îles du Sud (Marie-Galante, Les Saintes, La Désirade)".)
    let listed_parts = || aliases_after(t, end).len() >= 2;
    if (!locative && !listed_parts()) || t.hyphen_before(i) || t.hyphen_after(end - 1) {
        return None;
    }
    if (p.ambiguous || p.commune) && article.is_none() && !contracted {
        return None;
    }
    // A capitalised article belongs to a town's name ("à La Bresse").
    if p.commune && article.is_some_and(|q| capital(t, q)) {
        return None;
    }
    // A first name followed by a surname is a person ("Morvan Lebesque").
    if p.ambiguous && t.is_word(end) && capital(t, end) && end < t.line_end(i) {
        return None;
    }
    if after_org(t, a) {
        return None;
    }
    // A river ("le long du Maroni", "du fleuve Maroni") is no area.
    if t.prev_word(a, 1).is_some_and(|q| {
        matches!(t.key(q), "fleuve" | "riviere")
            || matches!(t.key(q), "du" | "de" | "des")
                && t.prev_word(q, 1).is_some_and(|r| {
                    matches!(t.key(r), "long" | "fleuve" | "rive" | "rives" | "bords")
                })
    }) {
        return None;
    }
    // The partners, funders or leads of an action sheet are organisations
    // ("Partenaires : Missions locales du Grand Avignon et du Luberon").
    let ls = t.line_start(i);
    if matches!(
        t.key(ls),
        "partenaires"
            | "partenaire"
            | "financeurs"
            | "financeur"
            | "financement"
            | "porteur"
            | "porteurs"
            | "pilote"
            | "pilotes"
            | "contact"
            | "contacts"
    ) && (ls + 1..i).any(|q| matches!(t.punct(q), Some(':')))
    {
        return None;
    }
    // "l’Extrême-Sud – Alta Rocca": a dash continuation of the name.
    if t.punct(end) == Some('–') {
        if let Some(e) = proper_phrase(t, i).filter(|&e| e > end + 1) {
            end = e;
        }
    }
    let mut m = sub_mention(
        t,
        a,
        end,
        tidy_name(t.slice(i, end)),
        match p.departements.as_slice() {
            [one] => Some(*one),
            _ => None,
        },
    );
    // In an action sheet's "Territoire" field the place is the action's
    // territory, not a place in passing.
    let mut first = ls;
    while t.punct(first) == Some('|') {
        first += 1;
    }
    // The field's value stands after a colon, a bar or a table's gap.
    let field = matches!(t.key(first), "territoire" | "territoires")
        && (first + 1..i).any(|q| {
            matches!(t.punct(q), Some(':' | '|')) || t.get(q).is_some_and(|x| x.gap_before)
        });
    if let Some(s) = m.sub.as_mut() {
        s.candidates = p.departements.as_slice();
        // "le PTSM Béarn et Soule" names a PTSM's own territory.
        let ptsm = matches!(before, "ptsm" | "ctsm");
        // "les îles du Sud (Marie-Galante, Les Saintes, La Désirade)": a
        // pays whose parts the text lists is one it is organised by.
        let parts = s.aliases.len() >= 2;
        s.in_passing =
            !field && !ptsm && !parts && !action_place(t, a) && !territorial_sentence(t, a);
    }
    Some(m)
}

/// Whether the intercommunality at token `i` acts as an organisation in
/// its sentence: it funds or pays ("La communauté d’agglomération du
/// Cotentin et Saint-Lô Agglo ont cofinancé …", "sont associées au
/// financement", "450 000 € de la Communauté d’agglomération …"), or
/// signs ("Pour Nevers Agglomération,"). It is then no territory of the
/// PTSM.
fn funds(t: &Tokens, i: usize) -> bool {
    // The sentence, 40 tokens either side at most: a sentence thousands of
    // names long made this quadratic.
    let ls = t.line_start(i).max(i.saturating_sub(40));
    let le = t.line_end(i).min(i + 40);
    let mut a = i;
    while a > ls && t.punct(a - 1) != Some('.') {
        a -= 1;
    }
    let mut b = i;
    while b < le && t.punct(b) != Some('.') {
        b += 1;
    }
    let line = t.line_start(i);
    if line == ls && t.key(ls) == "pour" && (ls..i).all(|q| !matches!(t.punct(q), Some('.' | ':')))
    {
        return true;
    }
    // (By the key's first letter: the window is read for every
    // intercommunality named.)
    (a..b).any(|q| {
        let k = t.key(q);
        match k.as_bytes().first() {
            Some(b'f') => k.starts_with("financ"),
            Some(b'c') => k.starts_with("cofinanc"),
            Some(b's') => k.starts_with("subvention"),
            // (Punctuation has no key, a word no punctuation.)
            _ => t.punct(q) == Some('€'),
        }
    })
}

/// Words that make a clause about an action of the PTSM (keys, as
/// prefixes): "une équipe mobile … dans le Trégor", "le renforcement de
/// l’offre … en Castagniccia", "Ouvrir un centre … en Cornouaille".
const ACTION_CUES: &[&str] = &[
    "action",
    "renforc",
    "creation",
    "creer",
    "developp",
    "ouvr",
    "ouverture",
    "deploi",
    "deploy",
    "intervien",
    "implant",
];

/// Whether the place at token `a` is where one of the document's actions
/// happens: its sentence (from the line's start or the last `.`, `;`, `:`,
/// `!` or `?`) is a list item, or its clause says what is done there (an action, a
/// team, a service opened or strengthened). A pays named once that way is
/// one of the areas the PTSM works in; named once in a description ("les
/// communes des monts d’Arrée cumulent…", a venue), it is not.
fn action_place(t: &Tokens, a: usize) -> bool {
    let ls = t.line_start(a);
    let mut s = a;
    while s > ls && !matches!(t.punct(s - 1), Some('.' | ';' | ':' | '!' | '?')) {
        s -= 1;
    }
    if s == ls {
        let mut q = ls;
        while t.punct(q) == Some('|') {
            q += 1;
        }
        let item = matches!(
            t.punct(q),
            Some(
                '-' | '–'
                    | '•'
                    | '→'
                    | '·'
                    | '*'
                    | '▪'
                    | '►'
                    | '\u{f0a7}'
                    | '\u{f0b7}'
                    | '\u{f0d8}'
            )
        ) || (t
            .get(q)
            .is_some_and(|x| x.kind == super::tokens::Kind::Number)
            && matches!(t.punct(q + 1), Some(')' | '.')));
        if item {
            return true;
        }
    }
    // The words of its own clause, after the last comma: "des
    // difficultés qui freinent les actions de l’axe 2, et l’isolement des
    // communes de la Margeride" says nothing done there.
    let mut c = a;
    while c > s && t.punct(c - 1) != Some(',') {
        c -= 1;
    }
    (c..a).any(|q| {
        let k = t.key(q);
        (k == "equipe" || k == "equipes") && t.key(q + 1).starts_with("mobile")
            || ACTION_CUES.iter().any(|c| k.starts_with(c))
    })
}

/// Whether the words just before token `a`, in its sentence, say it is
/// one of the PTSM's territories: "c'est le territoire du
/// Montreuillois-Boulonnais-Calaisis qui est concerné", "découpé en …",
/// "décliné sur …" (not "sans découpage"). A pays named there is one of
/// its territories.
fn territorial_sentence(t: &Tokens, a: usize) -> bool {
    let ls = t.line_start(a);
    let mut s = a;
    while s > ls && s + 12 > a && !matches!(t.punct(s - 1), Some('.' | ';' | '!' | '?' | ',')) {
        s -= 1;
    }
    (s..a).any(|q| {
        let k = t.key(q);
        let cue = matches!(k, "territoire" | "territoires" | "proximite")
            || k.starts_with("decoup")
            || k.starts_with("declin");
        cue && t.prev_word(q, 0).is_none_or(|p| t.key(p) != "sans")
    })
}

/// "Yvelines Sud", "la Moselle-Est": a département's name and a
/// capitalised cardinal point after it, the part of the département the
/// PTSM names so. Not inside an organisation's name ("GHT Aisne Nord").
fn cardinal_after(t: &Tokens, i: usize) -> Option<Mention> {
    if !capital(t, i) || t.hyphen_before(i) || after_org(t, i) {
        return None;
    }
    let (e, place) = gazetteer::place_at(t, i)?;
    let Place::Departement(d) = place else {
        return None;
    };
    let c = if t.hyphen_after(e - 1) { e + 1 } else { e };
    // "l’Ardèche méridionale", "la Moselle orientale": the point as an
    // adjective.
    if e == c
        && t.is_word(c)
        && !capital(t, c)
        && matches!(
            t.key(c),
            "meridionale"
                | "meridional"
                | "septentrionale"
                | "septentrional"
                | "orientale"
                | "oriental"
                | "occidentale"
                | "occidental"
        )
    {
        let code = gazetteer::departements().get(d).map(|d| d.code);
        return Some(sub_mention(t, i, c + 1, tidy_name(t.slice(i, c + 1)), code));
    }
    if !(t.is_word(c)
        && CARDINALS.contains(&t.key(c))
        && capital(t, c)
        && !t.get(c).is_some_and(|x| x.upper && t.key(c).len() > 3)
        && c < t.line_end(i))
    {
        return None;
    }
    // The phrase ends with the point: not "Moselle Est Habitat", not
    // "Aisne Nord-Est".
    if t.hyphen_after(c) || (t.is_word(c + 1) && capital(t, c + 1) && c + 1 < t.line_end(i)) {
        return None;
    }
    // An organisation before it: "GHT Aisne Nord", "CH Moselle-Est"; a
    // project is not one: "PTSM Var Est".
    if t.prev_word(i, 0).is_some_and(|p| {
        t.get(p).is_some_and(|x| x.upper)
            && t.key(p).len() >= 2
            && !matches!(t.key(p), "ptsm" | "ctsm")
    }) {
        return None;
    }
    let code = gazetteer::departements().get(d).map(|d| d.code);
    Some(sub_mention(t, i, c + 1, tidy_name(t.slice(i, c + 1)), code))
}

/// "Nord-Ardèche", "Sud Manche", "Nord Loire-Atlantique", "Centre-Ouest
/// Bretagne" (no), "Ouest guyanais", "Est-Var": a capitalised cardinal
/// point joined by a hyphen or a space to a département's name, or
/// followed by the département's demonym in lowercase.
fn cardinal_part(t: &Tokens, i: usize) -> Option<Mention> {
    let k = t.key(i);
    if !CARDINALS.contains(&k) || t.hyphen_before(i) || t.get(i).is_some_and(|x| x.upper) {
        return None;
    }
    // A longer place that starts with the point: "Nord-Pas-de-Calais".
    if gazetteer::place_at(t, i).is_some_and(|(e, _)| e > i + 1) {
        return None;
    }
    // An organisation's name: "Groupe hospitalier Est Réunion", "CH
    // Nord-Mayenne".
    if t.prev_word(i, 0).is_some_and(|p| {
        SUB_ORG_HEADS.contains(&t.key(p)) || matches!(t.key(p), "hospitalier" | "hospitaliere")
    }) {
        return None;
    }
    let mut j = if t.hyphen_after(i) { i + 2 } else { i + 1 };
    // "l’Est de la Somme", "le Sud de l’Aisne", "le Nord du Finistère".
    let mut of = false;
    if j == i + 1 && matches!(t.key(j), "de" | "du" | "des") {
        of = true;
        j += 1;
        if t.key(j) == "la" {
            j += 1;
        } else if t.key(j) == "l" && matches!(t.punct(j + 1), Some('’' | '\'')) {
            j += 2;
        }
    }
    if !t.is_word(j) || j >= t.line_end(i) {
        return None;
    }
    let (e, place) = gazetteer::place_at(t, j)?;
    let d = match place {
        Place::Departement(d) if capital(t, j) => d,
        Place::Demonym(d) if !capital(t, j) && j == i + 1 && !of => d,
        _ => return None,
    };
    // "Nord-Pas-de-Calais" is a former region, "Sud-Ouest" a newspaper:
    // the whole phrase must end with the département.
    if t.hyphen_after(e - 1) {
        return None;
    }
    let code = gazetteer::departements().get(d).map(|d| d.code);
    Some(sub_mention(t, i, e, tidy_name(t.slice(i, e)), code))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(String, Form)> {
        let t = Tokens::new(text);
        mentions(&t)
            .into_iter()
            .map(|m| {
                let name = match &m.entity {
                    Entity::Departement(c) => c.to_string(),
                    Entity::Corse => "Corse".to_string(),
                    Entity::Sub(_) => m.sub.map(|s| s.normalized).unwrap_or_default(),
                };
                (name, m.form)
            })
            .collect()
    }

    fn names(text: &str) -> Vec<String> {
        found(text).into_iter().map(|(n, _)| n).collect()
    }

    #[test]
    fn names_of_two_towns_joined_by_a_spaced_hyphen() {
        assert_eq!(
            names("trois territoires de proximité : le pays de Lorient, le pays de Vannes - Auray et le pays de Ploërmel."),
            ["pays de Lorient", "pays de Vannes - Auray", "pays de Ploërmel"]
        );
        assert_eq!(
            names("Le bassin de Villefranche-de-Rouergue - Decazeville fera l’objet d’un avenant."),
            ["bassin de Villefranche-de-Rouergue - Decazeville"]
        );
        // A heading and its subject stay apart.
        assert_eq!(names("Mayotte - Synthèse des travaux"), ["976"]);
    }

    #[test]
    fn the_parent_of_a_name_holding_a_pays() {
        // The Pointe de Caux (76), not the town of Caux (34).
        let t = Tokens::new("Havre – Pointe de Caux");
        assert_eq!(parent_in(&t, 0, t.len()), Some("76"));
    }

    #[test]
    fn a_ptsm_of_a_historical_region() {
        assert_eq!(
            names("Le PTSM d’Alsace couvre le Bas-Rhin."),
            ["Alsace", "67"]
        );
        // A region of today is no territory.
        assert!(names("Le PTSM de Normandie").is_empty());
    }

    #[test]
    fn counted_projects_and_their_territories() {
        // Counted projects, each named by its territory; a town named with
        // its article; the départements among them are read as such.
        assert_eq!(
            names("La Seine-Maritime compte trois PTSM : Rouen-Elbeuf, Le Havre et Dieppe."),
            ["76", "Rouen-Elbeuf", "Le Havre", "Dieppe"]
        );
        assert_eq!(
            names("La région compte trois PTSM : Cher, Indre et Loiret."),
            ["18", "36", "45"]
        );
        // Uncounted, no enumeration: "les PTSM : définition".
        assert!(names("Les PTSM : définition et calendrier.").is_empty());
        // The project named with its territory and a cardinal point.
        assert_eq!(
            names("deux PTSM coexistent : le PTSM Var Est et le PTSM Var Ouest."),
            ["Var Est", "Var Ouest"]
        );
        assert_eq!(names("Le PTSM Gironde Nord est signé."), ["Gironde Nord"]);
        // (A place inside an organisation's name after its acronym is no
        // mention: "GHT Aisne Nord".)
        assert!(names("Le GHT Aisne Nord est partenaire.").is_empty());
    }

    #[test]
    fn enumerations_in_a_later_parenthesis_and_with_places_said() {
        // A parenthesis after a PTSM's own type, items named with the type.
        assert_eq!(
            names("quatre bassins de proximité retenus par le comité de pilotage (bassin chambérien, bassin aixois, Maurienne, Tarentaise)."),
            ["bassin chambérien", "bassin aixois", "Maurienne", "Tarentaise"]
        );
        // A typed item does not end the enumeration.
        assert_eq!(
            names("quatre territoires de proximité : le Montpelliérais, le Biterrois, le bassin de Thau et le Cœur d’Hérault."),
            ["Montpelliérais", "Biterrois", "bassin de Thau", "Cœur d’Hérault"]
        );
        // Each item after its preposition; a counted type and a comma; a
        // compound point after a type.
        assert_eq!(
            names("les territoires de proximité de Lens-Hénin, de l'Artois et du Littoral."),
            ["Lens-Hénin", "Artois", "Littoral"]
        );
        assert_eq!(
            names("Le PTSM couvre deux territoires, l'Est et l'Ouest."),
            ["Territoire Est", "Territoire Ouest"]
        );
        assert!(names("Le PTSM couvre deux territoires, chacun doté d’un comité.").is_empty());
        assert_eq!(
            names("le territoire Nord-Ouest accueille une équipe mobile."),
            ["Territoire Nord-Ouest"]
        );
        // An "et" joins two names into one item only when another item
        // follows the comma.
        assert_eq!(
            names("les trois bassins de santé du département, le bassin du Puy, l'Yssingelais et le Brivadois, où l'accès est difficile."),
            ["bassin du Puy", "Yssingelais", "Brivadois"]
        );
        // Not after a description.
        assert!(names("Les microrégions de l’intérieur (Castagniccia, Niolu, Alta Rocca) restent peu couvertes.").is_empty());
        // Where the items lie, and a dashed name that ends the sentence.
        assert_eq!(
            names("Il est décliné dans quatre territoires de proximité : le Grand Ajaccio et le Sartenais-Valinco au sud, la Plaine orientale et Bastia – Cap Corse au nord."),
            ["Grand Ajaccio", "Sartenais-Valinco", "Plaine orientale", "Bastia – Cap Corse"]
        );
        assert_eq!(
            names("deux territoires de proximité : la Balagne, Bastia – Cap Corse."),
            ["Balagne", "Bastia – Cap Corse"]
        );
    }

    #[test]
    fn zones_listed_with_dashes_and_a_newspaper_inside_a_name() {
        // "zones de proximité", items on dashed lines (a three-byte
        // marker), "l’Alsace du Nord" is no daily "L’Alsace" and lies in
        // the Bas-Rhin (its one département in the gazetteer).
        let t = Tokens::new("décliné en quatre\nzones de proximité :\n– l’Eurométropole de Strasbourg,\n– l’Alsace du Nord,\n– le Centre Haut-Rhin,\n– le Sud Haut-Rhin.\n");
        let got: Vec<(String, Option<&str>)> = mentions(&t)
            .into_iter()
            .filter_map(|m| m.sub.map(|s| (s.normalized, s.parent)))
            .collect();
        assert_eq!(
            got,
            [
                ("Eurométropole de Strasbourg".to_string(), Some("67")),
                ("Alsace du Nord".to_string(), Some("67")),
                ("Centre Haut-Rhin".to_string(), Some("68")),
                ("Sud Haut-Rhin".to_string(), Some("68")),
            ]
        );
        // The daily itself is still no territory.
        assert!(names("selon L’Alsace, le projet avance.").is_empty());
    }

    #[test]
    fn compounds_inside_a_name_and_pays_in_passing() {
        // "Haute-Provence" inside the département's name is no pays.
        assert_eq!(
            names("la délégation départementale des Alpes-de-Haute-Provence (DD04)"),
            ["04"]
        );
        // A Haut- compound of the gazetteer is read as a pays: named once
        // in passing in a parenthesis it is none, after an article it is.
        assert!(!names(
            "les secteurs éloignés (vallée de l’Ubaye, Haut-Verdon, pays de Forcalquier)."
        )
        .contains(&"Haut-Verdon".to_string()));
        assert_eq!(names("Les équipes du Haut-Doubs"), ["Haut-Doubs"]);
        // A pays whose parts follow needs no place word; a river is none.
        assert_eq!(
            names("Le PTSM couvre la Guadeloupe, y compris les îles du Sud (Marie-Galante, Les Saintes, La Désirade)."),
            ["971", "îles du Sud"]
        );
        assert!(
            !names("les villages du fleuve Maroni (Apatou, Grand-Santi, Papaïchton)")
                .iter()
                .any(|n| n.contains("Maroni"))
        );
    }

    #[test]
    fn a_longer_grand_name_is_neither_its_start_nor_its_town() {
        assert!(names(
            "La communauté d’agglomération Grand Paris Sud, qui concentre 26 % des passages."
        )
        .is_empty());
        assert_eq!(names("le Grand Nancy accueille"), ["Grand Nancy"]);
        assert_eq!(
            names("Le PTSM de Paris et la Métropole du Grand Paris."),
            ["75", "Métropole du Grand Paris"]
        );
    }

    #[test]
    fn a_departement_named_for_comparison_is_none() {
        assert_eq!(
            names("Le PTSM du Cher. Un modèle inspiré de la Drôme. Comme dans le Finistère, une équipe sera créée. À l'instar de l'Isère, le Cher recrute."),
            ["18", "18"]
        );
        // "GHT Aisne Nord" names no Nord (nor the Aisne: it is the
        // group's name).
        assert_eq!(names("Le PTSM de l'Aisne, avec le GHT Aisne Nord."), ["02"]);
        // A part described in lowercase is a direction.
        assert!(names("Certaines actions visent les patients du sud des Landes.").is_empty());
        // "comme" joining two places is no comparison.
        assert_eq!(
            names("En Haute-Corse (2B) comme en Corse-du-Sud (2A), les actions sont pilotées."),
            ["2B", "2B", "2A", "2A"]
        );
    }

    #[test]
    fn a_territory_field_after_a_tables_gap() {
        // Two places at least after the gap; a cardinal part is no
        // département; its parts in parentheses are no items.
        assert_eq!(
            names("Territoire\tSud-Aveyron (Causses, Lévézou), Ouest-Aveyron\nPublic\tUsagers\n"),
            ["Sud-Aveyron", "Ouest-Aveyron"]
        );
        // The field's label and its value are not "le territoire Centre".
        let t = Tokens::new("Territoire\tCentre, Sud, Nord Caraïbe, Nord Atlantique\n");
        assert!(typed(&t, 0).is_none());
        // A name cut by a hand-wrapped line.
        assert_eq!(
            names("Les quatre territoires de proximité du PTSM sont le Centre, le Sud, le Nord Caraïbe et le Nord\nAtlantique."),
            [
                "Territoire de proximité Centre",
                "Territoire de proximité Sud",
                "Nord Caraïbe",
                "Nord Atlantique"
            ]
        );
    }

    #[test]
    fn bare_points_of_a_typed_cardinal_scheme() {
        // The type named once, then the points alone after an article.
        assert_eq!(
            names("La Réunion : l’équipe fonctionne dans le Nord et dans l’Ouest. Celle du Sud ouvrira en janvier, dit le coordinateur de la microrégion Est."),
            [
                "974",
                "Microrégion Nord",
                "Microrégion Ouest",
                "Microrégion Sud",
                "Microrégion Est"
            ]
        );
        // Not a point followed by "de", an adjective or a name, nor "le
        // Centre hospitalier", nor without a typed scheme.
        assert_eq!(
            names("La Réunion, microrégion Est : le Sud de la France, l’Ouest lointain, le Centre hospitalier."),
            ["974", "Microrégion Est"]
        );
        assert_eq!(names("La Guadeloupe : dans le Sud et l’Ouest."), ["971"]);
        // (La Réunion's scheme is known: its four microrégions.)
        assert_eq!(
            names("La Réunion : dans le Sud et l’Ouest."),
            ["974", "Microrégion Sud", "Microrégion Ouest"]
        );
        // A name's first word is not a type ("le Grand Nord", "îles du Sud").
        assert_eq!(
            names("Mayotte : les bassins de proximité du PTSM : le Grand Nord, le Centre-Ouest, le Sud. Puis le Sud."),
            [
                "976",
                "Grand Nord",
                "Bassin de proximité Centre-Ouest",
                "Bassin de proximité Sud",
                "Bassin de proximité Sud"
            ]
        );
    }

    #[test]
    fn demonym_endings_are_the_listed_ones() {
        const ENDS: &[&str] = &[
            "ien", "iens", "ienne", "iennes", "een", "eens", "eenne", "eennes", "ais", "aise",
            "aises", "ois", "oise", "oises", "in", "ins", "ine", "ines", "eau", "eaux", "elle",
            "elles", "ard", "ards", "arde", "ardes", "an", "ans", "ane", "anes", "iste", "istes",
            "ain", "ains", "aine", "aines",
        ];
        let listed = |k: &str| k.len() > 4 && ENDS.iter().any(|e| k.ends_with(e));
        // Every ending and every two-letter tail after every stem.
        let mut tails: Vec<String> = ENDS.iter().map(|e| e.to_string()).collect();
        for a in 'a'..='z' {
            for b in 'a'..='z' {
                tails.push(format!("{a}{b}"));
                tails.push(format!("{a}{b}s"));
                tails.push(format!("{a}{b}e"));
            }
        }
        for stem in ["", "m", "meus", "isérois", "x"] {
            for tail in &tails {
                for k in [format!("{stem}{tail}"), format!("{stem}{tail}s")] {
                    assert_eq!(demonym_shape(&k), listed(&k), "{k}");
                }
            }
        }
    }

    #[test]
    fn names_in_capitals_get_title_case_with_lowercase_particles() {
        assert_eq!(tidy_name("VAL-DE-MARNE"), "Val-de-Marne");
        assert_eq!(tidy_name("ROUEN ELBEUF"), "Rouen Elbeuf");
        assert_eq!(tidy_name("PAYS DE LA LOIRE"), "Pays de la Loire");
        assert_eq!(tidy_name("CÔTES-D’ARMOR"), "Côtes-d’Armor");
        assert_eq!(tidy_name("LE HAVRE"), "Le Havre");
        assert_eq!(tidy_name("PTSM 64"), "PTSM 64");
        assert_eq!(tidy_name("DD 05"), "DD 05");
        assert_eq!(tidy_name("NORD 59"), "Nord 59");
        assert_eq!(tidy_name("CADEMA"), "CADEMA");
        assert_eq!(
            tidy_name("Grand Paris Sud\nEst Avenir"),
            "Grand Paris Sud Est Avenir"
        );
    }

    #[test]
    fn departements_by_name_code_and_demonym() {
        assert_eq!(names("Le PTSM de Mayenne et des Vosges"), ["53", "88"]);
        assert_eq!(
            names("PTSM 29, CTSM 2A, Loire-Atlantique (44)"),
            ["29", "2A", "44", "44"]
        );
        assert_eq!(names("les Hautes Alpes (ARS-DD 05)"), ["05", "05"]);
        assert_eq!(names("un projet vendéen"), ["85"]);
        assert_eq!(names("INDRE-et- LOIRE"), ["37"]);
    }

    #[test]
    fn places_that_are_not_territories() {
        assert!(names("organisées à Vienne, Bourgoin-Jallieu et Grenoble").is_empty());
        assert!(names("co-pilotée par la Sauvegarde du Nord").is_empty());
        assert!(names("couvrant le nord du département").is_empty());
        assert!(names("une réunion plénière").is_empty());
        assert!(names("Auvergne-Rhône-Alpes et Pays de la Loire").is_empty());
        assert!(names("à Saint-Dié-des-Vosges").is_empty());
        assert!(names("entre le plateau et la vallée du Rhône").is_empty());
        assert!(names("les cantons limitrophes de l’Allier").is_empty());
        assert!(names("transférés vers la Martinique").is_empty());
        assert!(names("la MSA Alpes du Nord").is_empty());
        assert_eq!(names("Équipe mobile de l’Est-Var"), ["Est-Var"]);
        // A newspaper's name.
        assert!(names("La Voix du Nord\nSaint-Omer et ses environs").is_empty());
        assert!(names("La Montagne\nMenu").is_empty());
    }

    /// An intercommunality in an enumeration keeps the items after it
    /// when its towns follow in parentheses.
    #[test]
    fn an_enumerated_intercommunality_with_its_towns() {
        let got = names(
            "PTSM 973, quatre bassins de vie : le Centre Littoral (Matoury, Kourou), les Savanes \
             et l’Est guyanais.",
        );
        for n in ["Centre Littoral", "Savanes", "Est guyanais"] {
            assert!(got.contains(&n.to_string()), "{n}: {got:?}");
        }
    }

    /// A département's intercommunalities counted and listed, by their
    /// full names, inline or one per line; the Grand Paris's
    /// établissements publics territoriaux; an acronym's expansion is its
    /// name; the rest of a listed line is still read.
    #[test]
    fn intercommunalities_counted_and_listed() {
        assert_eq!(
            names("venus des quatre intercommunalités – Communauté d'agglomération du Centre Littoral (CACL), Communauté de communes des Savanes (CCDS) et Communauté de communes de l'Est Guyanais (CCEG) – ont préparé le PTSM."),
            [
                "Communauté d'agglomération du Centre Littoral",
                "Communauté de communes des Savanes",
                "Communauté de communes de l'Est Guyanais"
            ]
        );
        assert_eq!(
            names("sur le territoire de l'une des cinq intercommunalités du département :\n- Communauté d'agglomération Dembéni-Mamoudzou (CADEMA)\n- Communauté de communes du Sud\n- Communauté de communes de Petite-Terre\n"),
            [
                "Communauté d'agglomération Dembéni-Mamoudzou",
                "Communauté de communes du Sud",
                "Communauté de communes de Petite-Terre"
            ]
        );
        assert_eq!(
            names("déployée à l'échelle des quatre établissements publics territoriaux du département : Plaine Commune, Paris Terres d'Envol, Est Ensemble et Grand Paris Grand Est."),
            ["Plaine Commune", "Paris Terres d'Envol", "Est Ensemble", "Grand Paris Grand Est"]
        );
        let got = names("répartie entre les trois intercommunalités de l’île :\n- CAP Nord Martinique, où une équipe ira dans les communes du Nord Caraïbe ;\n- la CACEM (Communauté d’Agglomération du Centre de la Martinique), qui accueillera un centre ;\n- l’Espace Sud, où un GEM ouvrira.\n");
        for n in [
            "CAP Nord Martinique",
            "Nord Caraïbe",
            "Communauté d’Agglomération du Centre de la Martinique",
            "Espace Sud",
        ] {
            assert!(got.contains(&n.to_string()), "{n}: {got:?}");
        }
        // Not an actor in prose, nor a signatory's row.
        assert!(names(
            "La communauté d’agglomération Grand Paris Sud, qui concentre 26 % des passages"
        )
        .is_empty());
        assert!(
            names("5    Communauté d’agglomération Cannes           Mme Sandra BOTTERO").is_empty()
        );
    }

    /// Where an institution lies, in parentheses after its name, is no
    /// territory; a PTSM's is. A collectivité among the items of an
    /// enumeration is itself, not a part of one.
    #[test]
    fn institutions_places_and_collectivites_among_items() {
        assert!(
            names("Animée par Dr Paul Escoffier, pédopsychiatre, CH Alpes-Isère (Isère)")
                .iter()
                .all(|n| n != "38")
        );
        assert!(names("Mme Inès Faure, coordinatrice du PTSM (Drôme)").contains(&"26".to_string()));
        let got = found("Il couvre trois collectivités et cinq territoires de proximité : Basse-Terre, Grande-Terre, Marie-Galante, Saint-Martin et Saint-Barthélemy.");
        assert!(got.iter().any(|(n, _)| n == "978"), "{got:?}");
        assert!(!got.iter().any(|(n, _)| n == "Saint-Martin"), "{got:?}");
    }

    /// Towns with their département in parentheses, the towns listed
    /// after a département, a place inside an organisation's name after
    /// its acronym, a river's bank: none is a territory.
    #[test]
    fn towns_organisations_and_rivers_around_departements() {
        let got = names("les patients sont hospitalisés à Montfavet (Vaucluse), à Marseille et à Nice (Bouches-du-Rhône et Alpes-Maritimes) ; d’autres consultent en Isère (Vienne, Roussillon), avec le GHT Rhône Vercors Vivarais, sur la rive ardéchoise du Rhône.");
        for c in ["84", "13", "06", "86", "69"] {
            assert!(!got.contains(&c.to_string()), "{c}: {got:?}");
        }
        assert!(got.contains(&"38".to_string()), "{got:?}");
    }

    /// A table with its territories across the header has indicators down
    /// its first column, no territories.
    #[test]
    fn territories_across_a_tables_header() {
        let got = names("Bassin\tGenevois\tChablais\tVallée de l’Arve\nPopulation (2016)\t286 500\t214 800\t141 900\nCMP adultes\t4\t3\t2\nPsychiatres libéraux\t41\t19\t9\n");
        assert!(
            !got.iter().any(|n| n.starts_with("CMP")
                || n.starts_with("Population")
                || n.starts_with("Psychiatres")),
            "{got:?}"
        );
    }

    /// A département's name in a street's is an address.
    #[test]
    fn streets_named_after_departements() {
        assert_eq!(
            names("Le PTSM du Var. Siège : 12 rue de la Somme, 83000 Toulon."),
            ["83"]
        );
        assert!(names("ARS Provence-Alpes-Côte d'Azur - 132, boulevard de Paris - CS 50039 - 13331 Marseille Cedex 03").is_empty());
        assert_eq!(names("La mise en place du PTSM de Paris avance."), ["75"]);
    }

    /// An enumeration goes on past an item's relative clause; "le Béarn et
    /// la Soule" is one territory.
    #[test]
    fn enumerations_past_a_relative_clause() {
        let got = names("Le PTSM est décliné sur deux territoires : le Pays basque, dont la coordination est assurée par le Centre hospitalier de la Côte Basque, et le Béarn et la Soule, coordonné par le Centre hospitalier des Pyrénées.");
        assert!(got.contains(&"Pays basque".to_string()), "{got:?}");
        assert!(got.contains(&"Béarn et la Soule".to_string()), "{got:?}");
    }

    /// Bassins de vie named after their towns keep their whole type and
    /// contract the article: "bassin de vie du Blanc".
    #[test]
    fn bassins_de_vie_named_after_towns() {
        let got = names("Des entretiens ont été menés dans les quatre bassins de vie du département : Châteauroux, Issoudun, Le Blanc et La Châtre.");
        for n in [
            "bassin de vie de Châteauroux",
            "bassin de vie d’Issoudun",
            "bassin de vie du Blanc",
            "bassin de vie de La Châtre",
        ] {
            assert!(got.contains(&n.to_string()), "{n}: {got:?}");
        }
    }

    /// A territory field's pays whose names go on in lowercase.
    #[test]
    fn a_fields_pays_with_lowercase_qualifiers() {
        let got = names("Territoire : Périgord blanc et Périgord vert dans un premier temps, puis extension au Périgord noir et au Périgord pourpre en 2025\n");
        assert_eq!(
            got,
            [
                "Périgord blanc",
                "Périgord vert",
                "Périgord noir",
                "Périgord pourpre"
            ]
        );
    }

    /// Counted PTSM name their territories right after them, not past a
    /// clause; a town's name keeps its article.
    #[test]
    fn counted_projects_and_towns_with_their_article() {
        let got = names("Quatre groupes de travail régionaux, ouverts aux coordonnateurs des six PTSM, se sont réunis 14 fois en 2023 :\n• Psychiatrie périnatale et petite enfance\n• Prévention du suicide\n• Pair-aidance et rétablissement\n");
        assert!(got.is_empty(), "{got:?}");
        let got = names("La Seine-Maritime compte trois PTSM : Rouen-Elbeuf, Le Havre et Dieppe.");
        assert!(got.contains(&"Le Havre".to_string()), "{got:?}");
    }

    /// La Réunion's microrégions named bare in a text about the island;
    /// not the points of another département's text.
    #[test]
    fn reunion_microregions_named_bare() {
        let got = names("Le PTSM de La Réunion prévoit une antenne de la maison des adolescents dans le Sud. Une antenne dans l’Est est à l’étude, pas dans le Sud de la France.");
        assert!(got.contains(&"Microrégion Sud".to_string()), "{got:?}");
        assert!(got.contains(&"Microrégion Est".to_string()), "{got:?}");
        let got = names("Le PTSM de la Martinique prévoit une antenne dans le Sud.");
        assert!(!got.iter().any(|n| n.contains("Sud")), "{got:?}");
    }

    /// A table whose first column is the territories; list items whose
    /// name holds its article; a pays and its particle phrase.
    #[test]
    fn territories_in_a_tables_first_column_and_list_items() {
        let got = names("Territoire de proximité\tPopulation\tDensité\nDrôme des Collines – Nord\t118 400\t96\nValentinois\t221 900\t242\nDrôme provençale\t112 100\t45\nDrôme\t516 700\t79\nAuvergne-Rhône-Alpes\t7 916 900\t113\nFrance métropolitaine\t64 468 800\t118\n");
        for n in [
            "Drôme des Collines – Nord",
            "Valentinois",
            "Drôme provençale",
        ] {
            assert!(got.contains(&n.to_string()), "{n}: {got:?}");
        }
        assert!(
            !got.iter()
                .any(|n| n.starts_with("France") || n.starts_with("Auvergne")),
            "{got:?}"
        );
        // Départements with their code in the column are the
        // départements; the total is the last row, before the footer.
        let mut got = names("ANNEXE\n\nTerritoire\tPorteur\tMontant\nCôte-d'Or (21)\tCHS La Chartreuse\t172 000 €\nDoubs (25)\tCHU de Besançon\t198 000 €\nTerritoire de Belfort (90) AHBFC\t128 000 €\nTOTAL\t498 000 €\nARS BFC – Décision DOS/PSY/2023-145\tPage 2 sur 2\n");
        got.dedup();
        assert_eq!(got, ["21", "25", "90"], "{got:?}");
        let got = names("le découpage en cinq territoires :\na) Le Mans Métropole\nb) Pays Vallée du Loir\nc) Pays Vallée de la Sarthe\n");
        for n in [
            "Le Mans Métropole",
            "Pays Vallée du Loir",
            "Pays Vallée de la Sarthe",
        ] {
            assert!(got.contains(&n.to_string()), "{n}: {got:?}");
        }
    }

    /// Pays of the gazetteer whose names go on in lowercase, and a
    /// lowercase "pays" with its town's adjective, as enumeration items.
    #[test]
    fn pays_named_with_lowercase_words_in_enumerations() {
        assert_eq!(
            names("Le département est découpé en quatre territoires de proximité, hérités des pays : Périgord vert, Périgord blanc, Périgord pourpre et Périgord noir."),
            ["Périgord vert", "Périgord blanc", "Périgord pourpre", "Périgord noir"]
        );
        assert!(names("les quatre territoires de proximité : l'Aunis, le Rochefortais, la Saintonge et le pays Royannais.").contains(&"pays Royannais".to_string()));
    }

    /// A clause after an enumeration is no item: "deux territoires :
    /// Val-d’Oise Est et Val-d’Oise Ouest, Argenteuil relevant du second".
    #[test]
    fn a_clause_after_an_enumeration() {
        assert_eq!(
            names("Il est décliné sur deux territoires : Val-d’Oise Est et Val-d’Oise Ouest, Argenteuil relevant du second."),
            ["Val-d’Oise Est", "Val-d’Oise Ouest"]
        );
    }

    /// The items before a found sub-territory, pays of the gazetteer
    /// without a place word of their own.
    #[test]
    fn pays_earlier_in_an_enumeration() {
        let got = names("c'est le Montreuillois qui est concerné, les trois autres étant l'Artois, l'Audomarois et l'Arrageois.");
        for n in ["Artois", "Audomarois", "Arrageois"] {
            assert!(got.contains(&n.to_string()), "{n}: {got:?}");
        }
        // Not a pays of another département.
        assert!(!names("la Bresse, l'Audomarois et l'Arrageois").contains(&"Bresse".to_string()));
    }

    /// An agglomeration as an item of an announced list, the halves of a
    /// two-part enumeration, and an intercommunality named as the place
    /// actions concern or as the whole its parts belong to.
    #[test]
    fn agglomerations_two_part_lists_and_metropoles_as_places() {
        let got = names("Le PTSM de la Mayenne est décliné en trois territoires : l’agglomération lavalloise, le Craonnais et le Nord-Mayenne.");
        assert!(
            got.contains(&"agglomération lavalloise".to_string()),
            "{got:?}"
        );
        let got = names("Le PTSM du Gard est organisé en deux territoires : l’agglomération de Nîmes et les Cévennes.");
        assert!(
            got.contains(&"agglomération de Nîmes".to_string()),
            "{got:?}"
        );
        // (In a sentence, an agglomeration is where something is.)
        assert!(names("Le CMP est installé dans l’agglomération de Nîmes.").is_empty());
        let got = names("Le PTSM des Landes couvre deux territoires : la Haute Lande, d’une part, et le Marensin, d’autre part.");
        assert!(
            got.contains(&"Haute Lande".to_string()) && got.contains(&"Marensin".to_string()),
            "{got:?}"
        );
        let got = names("Une partie des actions concernent l’Eurométropole de Strasbourg.");
        assert!(
            got.contains(&"Eurométropole de Strasbourg".to_string()),
            "{got:?}"
        );
        let got = names("Le dispositif vise les quartiers prioritaires de Châteauroux Métropole.");
        assert!(
            got.contains(&"Châteauroux Métropole".to_string()),
            "{got:?}"
        );
        // (The intercommunality that acts is the organisation.)
        assert!(names("Le président de Châteauroux Métropole a signé.").is_empty());
    }

    /// Dashed items under an announcing line, an agglomeration named by any
    /// adjective as an item, the demonym between a counted type and its
    /// items, a cardinal part in an action's territory field.
    #[test]
    fn dashed_agglomerations_demonym_types_and_cardinal_fields() {
        let got = names("Le PTSM de l’Aube a été découpé en trois territoires de proximité :\n– l’agglomération troyenne ;\n– le Nogentais ;\n– la Côte des Bar.\n");
        for n in ["agglomération troyenne", "Nogentais", "Côte des Bar"] {
            assert!(got.contains(&n.to_string()), "{n}: {got:?}");
        }
        let got = names("Le diagnostic de la Dordogne est conduit dans les quatre pays périgourdins – Périgord vert, Périgord blanc, Périgord noir et Périgord pourpre –, en distinguant la ville.");
        assert!(got.contains(&"Périgord pourpre".to_string()), "{got:?}");
        let got = names("Territoire : Nord-Essonne et Centre-Essonne dans un premier temps");
        assert!(got.contains(&"Centre-Essonne".to_string()), "{got:?}");
        assert!(!names("Territoire : Centre-Val de Loire")
            .iter()
            .any(|n| n.starts_with("Centre")));
    }

    /// Marked lines under a heading about the territories, each labelled
    /// with a territory's name.
    #[test]
    fn marked_lines_labelled_with_territories() {
        let got = names("Le PTSM des Ardennes.\nÇA BOUGE DANS LES TERRITOIRES\n> Pointe des Ardennes : à Givet, une permanence a lieu.\n> Sedanais : le GEM de Sedan a fêté ses dix ans.\n> Argonne ardennaise : les infirmiers interviennent.\n1) Créer une plateforme unique d’orientation\n");
        for n in ["Pointe des Ardennes", "Sedanais", "Argonne ardennaise"] {
            assert!(got.contains(&n.to_string()), "{n}: {got:?}");
        }
        // (Fields are no territories.)
        let got = names("Dans les territoires\n• Contact : 03 53 01 22 40\n• Calendrier : 2024\n");
        assert!(got.is_empty(), "{got:?}");
    }

    /// A title naming the PTSM of a département that is also a town's name
    /// names the département.
    #[test]
    fn a_titles_departement_that_is_also_a_town() {
        for (text, code) in [
            (
                "Projet territorial de santé mentale de l’Indre\n\nTexte.",
                "36",
            ),
            (
                "Projet territorial de santé mentale de la Vienne\n\nTexte.",
                "86",
            ),
        ] {
            let got = found(text);
            assert!(got.iter().all(|(n, _)| n == code), "{text:?}: {got:?}");
            assert!(!got.is_empty(), "{text:?}");
        }
    }

    /// A département qualified by its part is an item of an enumeration.
    #[test]
    fn a_qualified_departement_as_an_item() {
        let got = names("Le PTSM de la Drôme s’appuie sur trois territoires de proximité : la Drôme des collines, Valence et la Drôme provençale.");
        for n in ["Drôme des collines", "Drôme provençale"] {
            assert!(got.contains(&n.to_string()), "{n}: {got:?}");
        }
    }

    /// The two parts a thing is shared between.
    #[test]
    fn one_for_a_place_the_other_for_another() {
        let got = names("Le PTSM du Finistère sera suivi par deux comités, l’un pour Brest-Morlaix, l’autre pour la Cornouaille, chaque année.");
        assert!(
            got.contains(&"Brest-Morlaix".to_string()) && got.contains(&"Cornouaille".to_string()),
            "{got:?}"
        );
        // (Not towns, nor people or organisations.)
        let got = names("Deux équipes, l’une pour Brest, l’autre pour Quimper.");
        assert!(!got.contains(&"Brest".to_string()), "{got:?}");
        let got = names("Deux équipes, l’une pour les adolescents, l’autre pour les adultes.");
        assert!(got.is_empty(), "{got:?}");
    }

    /// Two names glued by an en dash are one.
    #[test]
    fn names_glued_by_an_en_dash() {
        let got = names("Le PTSM de la Somme compte trois territoires de proximité : l'Amiénois, la Picardie maritime et le Santerre–Haute-Somme.");
        assert!(got.contains(&"Santerre–Haute-Somme".to_string()), "{got:?}");
    }

    /// A département and an orientation adjective name its part.
    #[test]
    fn a_departement_and_its_orientation_adjective() {
        let got = names("Les acteurs du Nord-Ardèche et de l’Ardèche méridionale se réunissent.");
        assert!(got.contains(&"Ardèche méridionale".to_string()), "{got:?}");
        assert!(got.contains(&"Nord-Ardèche".to_string()), "{got:?}");
    }

    /// A fiche's label column is no column of territories.
    #[test]
    fn a_fiches_labels_are_no_territories() {
        let got = names("Territoires\tCortenais, Castagniccia\nCalendrier\t2023\nIndicateurs\tDélai moyen\nBudget\t10 000 €\n");
        for label in ["Calendrier", "Indicateurs", "Budget"] {
            assert!(!got.contains(&label.to_string()), "{got:?}");
        }
    }

    /// A département's name and a cardinal point after it name its part;
    /// not inside an organisation's name.
    #[test]
    fn cardinal_point_after_a_departement() {
        let got =
            names("Trois territoires : le Nord mosellan, le bassin messin et la Moselle-Est.");
        assert!(got.contains(&"Moselle-Est".to_string()), "{got:?}");
        let got = names("Pilote : GHT Aisne Nord, réalisée.");
        assert!(!got.contains(&"Aisne Nord".to_string()), "{got:?}");
    }

    /// In an enumeration of territories, a name longer than an
    /// intercommunality's that starts like it is that longer name.
    #[test]
    fn a_longer_name_is_not_the_intercommunality_it_starts_with() {
        let got = names(
            "Le PTSM est décliné sur quatre territoires : le Nord-Ouest Essonne, le Nord-Est \
             Essonne, Grand Paris Sud et le Sud-Essonne.",
        );
        assert!(got.contains(&"Grand Paris Sud".to_string()), "{got:?}");
        assert!(!got.contains(&"Grand Paris".to_string()), "{got:?}");
    }

    #[test]
    fn names_wrapped_at_the_end_of_a_line() {
        assert_eq!(
            names("Chaque action est déclinée dans les trois territoires du département, qui\ncorrespondent aux EPT : Paris Est Marne & Bois, Grand Paris Sud\nEst Avenir (GPSEA) et Grand-Orly Seine Bièvre. Un référent"),
            [
                "Paris Est Marne & Bois",
                "Grand Paris Sud Est Avenir",
                "Grand-Orly Seine Bièvre"
            ]
        );
    }

    #[test]
    fn sub_departmental_territories() {
        assert_eq!(
            names("le PTSM de l’arrondissement de Lille"),
            ["arrondissement de Lille"]
        );
        assert_eq!(
            names("dans les arrondissements d’Aurillac, Saint-Flour et Mauriac."),
            [
                "arrondissement d’Aurillac",
                "arrondissement de Saint-Flour",
                "arrondissement de Mauriac"
            ]
        );
        assert_eq!(
            names("découpé en quatre territoires de proximité pour l’animation du PTSM : Grand Nancy, Lunévillois, Terres de Lorraine (Toul) et Pays-Haut (Briey, Longwy)."),
            ["Grand Nancy", "Lunévillois", "Terres de Lorraine", "Pays-Haut"]
        );
        assert_eq!(
            names("chacune des quatre microrégions : Nord, Est, Ouest et Sud."),
            [
                "Microrégion Nord",
                "Microrégion Est",
                "Microrégion Ouest",
                "Microrégion Sud"
            ]
        );
        assert_eq!(names("le Grand Bastia accueille"), ["Grand Bastia"]);
        assert_eq!(
            names("Le Pithiverais et le Giennois restent"),
            ["Pithiverais", "Giennois"]
        );
        assert_eq!(names("consultation dans le Vendômois."), ["Vendômois"]);
        assert!(names("CPTS du Sénonais").is_empty());
        assert_eq!(names("2 PTSM DE ROUEN ELBEUF"), ["Rouen Elbeuf"]);
        assert_eq!(names("la Métropole de Lyon"), ["Métropole de Lyon"]);
        assert_eq!(
            names("découpé en trois bassins : Nord-Ardèche, autour d’Annonay, Centre-Ardèche et Sud-Ardèche."),
            ["Nord-Ardèche", "Centre-Ardèche", "Sud-Ardèche"]
        );
        assert_eq!(
            names("dans quatre territoires de proximité : Nantes Métropole, Estuaire et Pays de Retz, Presqu’île guérandaise et Nord Loire-Atlantique."),
            ["Nantes Métropole", "Estuaire et Pays de Retz", "Presqu’île guérandaise", "Nord Loire-Atlantique"]
        );
        assert_eq!(
            names("les trois territoires de santé (Nord-Est, Ouest, Sud)."),
            [
                "Territoire de santé Nord-Est",
                "Territoire de santé Ouest",
                "Territoire de santé Sud"
            ]
        );
        assert_eq!(
            names("chacun des trois arrondissements – Chaumont, Langres et Saint-Dizier –"),
            [
                "arrondissement de Chaumont",
                "arrondissement de Langres",
                "arrondissement de Saint-Dizier"
            ]
        );
        assert_eq!(
            names("le Pays Basque et le pays de Brest"),
            ["Pays Basque", "pays de Brest"]
        );
        assert_eq!(
            names("au Pays ajaccien et 2 à l’Extrême-Sud – Alta Rocca, où"),
            ["Pays ajaccien", "Extrême-Sud – Alta Rocca"]
        );
    }
}
