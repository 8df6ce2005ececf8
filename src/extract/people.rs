//! People: every named person, with civility or title (M., Mme, Dr, Pr,
//! le Docteur), the name as written and normalised ("Michèle PEYRON" →
//! "Michèle Peyron"), the role and organisation from an apposition after
//! the name ("Xavier Delarue, préfet de la Meuse"), before it ("la préfète
//! de Loir-et-Cher, Mme Hélène DUVERGER"), in a quote attribution ("« … »,
//! a souligné Sophie GARNIER, déléguée …"), or stated a paragraph earlier
//! without a name (reported as a guess).
//!
//! A person is a title followed by a name, or a French first name (from
//! `data/prenoms.txt`) followed by a surname. Not people: unnamed office
//! holders ("M. le Maire de Sens"), names inside the name of a thing ("CH
//! Jacques Lacarin", "avenue René Porterat", "Charte Madeleine Brès"),
//! bylines ("Par Karine Vélayoudon", an author's name alone on the last
//! line), a first name alone ("Marie, 34 ans"), a host's uploader ("La
//! page est créée Lucas Perrin").

use crate::error::Warning;
use crate::model::Person;
use crate::normalize::{key, NormDoc};

use super::gazetteer;
use super::span;
use super::tokens::{Kind, Tokens};

/// Civilities and titles before a name, as word-key sequences.
const TITLES: &[&[&str]] = &[
    &["le", "docteur"],
    &["la", "docteure"],
    &["le", "professeur"],
    &["la", "professeure"],
    &["docteur"],
    &["docteure"],
    &["professeur"],
    &["professeure"],
    &["monsieur"],
    &["madame"],
    &["mme"],
    &["mmes"],
    &["mlle"],
    &["m"],
    &["mm"],
    &["dr"],
    &["pr"],
    &["me"],
];

/// First names that are also common words or places: a person only with a
/// title before them.
const AMBIGUOUS_FIRST: &[&str] = &[
    "france",
    "rose",
    "marine",
    "ange",
    "line",
    "reine",
    "lorraine",
    "savoie",
    "loire",
    "aube",
    "olive",
    "prudence",
    "constance",
    "victoire",
    "fleur",
    "paris",
    "lourdes",
    "nancy",
    "valence",
    "vienne",
    "celeste",
    "colombe",
    "esperance",
    "gloria",
    "grace",
    "avril",
    "mai",
    "juin",
    "pascale",
    "clementine",
    "ocean",
    "mer",
    "soleil",
    "lune",
    "etoile",
    "ciel",
];

/// Capitalised common nouns and heads of names of things: a name after
/// one of them is the thing's name ("CH Jacques Lacarin", "Charte
/// Madeleine Brès", "rue Gustave Delory").
fn thing_head(k: &str) -> bool {
    matches!(
        k,
        "ch" | "chu"
            | "chs"
            | "chru"
            | "chi"
            | "epsm"
            | "centre"
            | "hopital"
            | "hospitalier"
            | "clinique"
            | "charte"
            | "prix"
            | "programme"
            | "dispositif"
            | "espace"
            | "salle"
            | "residence"
            | "maison"
            | "lycee"
            | "college"
            | "ecole"
            | "institut"
            | "fondation"
            | "universite"
            | "rue"
            | "avenue"
            | "boulevard"
            | "place"
            | "allee"
            | "chemin"
            | "quai"
            | "impasse"
            | "square"
            | "cours"
            | "route"
            | "pole"
            | "service"
            | "unite"
            | "gem"
            | "association"
            | "amphitheatre"
            | "bibliotheque"
            | "mediatheque"
            | "stade"
            | "plateforme"
            | "foyer"
            | "ehpad"
            | "esat"
            | "ime"
            | "fam"
            | "mas"
            | "cmp"
            | "cmpp"
            | "cattp"
            | "hdj"
            | "loi"
            | "plan"
            | "mission"
            | "rapport"
            | "fonds"
            | "collectif"
            | "cree"
            | "creee"
            | "page"
            // Addresses and institutions named after people: "Esplanade
            // Jean-Marie Louvel", "Cité administrative Jean Montalat",
            // "EPS Barthélemy Durand".
            | "esplanade"
            | "cite"
            | "administrative"
            | "parvis"
            | "promenade"
            | "rond"
            | "eps"
            | "epsmd"
            | "ght"
            | "ghu"
    )
}

/// Words that start a role ("directeur", "présidente", "psychiatre",
/// "chargée de mission"): an apposition starting with one is a role, any
/// other is an affiliation.
fn role_word(k: &str) -> bool {
    const STEMS: &[&str] = &[
        "direct",
        "president",
        "vice",
        "prefet",
        "prefete",
        "sous",
        "coordinat",
        "charge",
        "delegu",
        "chef",
        "cheffe",
        "responsable",
        "medecin",
        "psychiatre",
        "pedopsychiatre",
        "psychologue",
        "infirmi",
        "cadre",
        "secretaire",
        "conseill",
        "ministre",
        "depute",
        "senat",
        "maire",
        "adjoint",
        "elu",
        "pilote",
        "referent",
        "membre",
        "representant",
        "animat",
        "administrat",
        "gestionnaire",
        "educat",
        "assistant",
        "professeur",
        "praticien",
        "interne",
        "pharmacien",
        "avocat",
        "juge",
        "procureur",
        "commissaire",
        "inspect",
        "consultant",
        "fondat",
        "benevole",
        "mediat",
        "pair",
        "usager",
        "porte",
        "redact",
        "rapporteu",
        "tresori",
        "capitaine",
        "colonel",
        "general",
        "conseiller",
        "sage",
        "travailleu",
        "coordonnat",
        "haut",
        "haute",
        "doyen",
        // "Le Recteur", "La Rectrice" of an académie.
        "recteur",
        "rectrice",
    ];
    // Abbreviated offices: "DG de l’ARS Grand Est", "DGA", "DGS".
    STEMS.iter().any(|s| k.starts_with(s)) || matches!(k, "dg" | "dga" | "dgs" | "dd" | "ddars")
}

/// "CAYRE" → "Cayre", "MENGIN-LECREULX" → "Mengin-Lecreulx", "BENSAÏD" →
/// "Bensaïd"; mixed case kept.
pub fn normalize_name(name: &str) -> String {
    name.split_whitespace()
        .map(|w| {
            let letters = w.chars().filter(|c| c.is_alphabetic()).count();
            if letters > 1
                && w.chars()
                    .filter(|c| c.is_alphabetic())
                    .all(char::is_uppercase)
            {
                w.split('-')
                    .map(|part| {
                        let mut out = String::new();
                        let mut start = true;
                        for c in part.chars() {
                            if start && c.is_alphabetic() {
                                out.extend(c.to_uppercase());
                                start = false;
                            } else {
                                out.extend(c.to_lowercase());
                                if c == '’' || c == '\'' {
                                    start = true;
                                }
                            }
                        }
                        out
                    })
                    .collect::<Vec<String>>()
                    .join("-")
            } else {
                w.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// "directrice générale de l’ARS Grand Est" → "ARS Grand Est"; "Préfet de
/// la Meuse" → "la Meuse"; "psychiatre au CHU de Martinique" → "CHU de
/// Martinique".
pub fn organization_of(role: &str) -> Option<String> {
    let role = role.trim();
    // A préfet's organisation is the préfecture of the département named
    // ("Préfet de la Meuse" → "Préfecture de la Meuse").
    let rk = key(role);
    if rk.starts_with("prefet ") || rk.starts_with("prefete ") {
        let (_, rest) = role.split_once(' ')?;
        return Some(format!("Préfecture {}", rest.trim()));
    }
    // Candidates: what follows each preposition, up to the next
    // coordinated role ("… et présidente de …"); the workplace ("à l’ARS
    // Guyane", "au CHU de Martinique") first.
    let mut cands: Vec<(bool, usize, &str)> = Vec::new();
    for sep in [
        " de l’",
        " de l'",
        " de la ",
        " du ",
        " des ",
        " de ",
        " au ",
        " à l’",
        " à l'",
        " à la ",
        " à ",
        " pour le ",
        " pour la ",
    ] {
        for (i, _) in role.match_indices(sep) {
            let from = i + sep.len();
            let rest = role.get(from..).unwrap_or("").trim();
            let end = rest.find(" et ").unwrap_or(rest.len());
            let workplace = sep.starts_with(" à") || sep == " au ";
            cands.push((
                workplace,
                i,
                rest[..end].trim().trim_end_matches([',', '.']),
            ));
        }
    }
    cands.sort_by_key(|c| (!c.0, c.1));
    let org_word = |s: &str| {
        let k = format!(" {} ", key(s));
        [
            " ars ",
            " agence ",
            " chu ",
            " ch ",
            " chs ",
            " chru ",
            " epsm ",
            " centre ",
            " conseil ",
            " commission ",
            " cpts ",
            " unafam ",
            " ptsm ",
            " dac ",
            " departement ",
            " prefecture ",
            " cts ",
            " cssm ",
            " cme ",
            " ireps ",
            " codes ",
            " cres ",
            " ors ",
            " mda ",
            " gem ",
            " association ",
            " hopital ",
            " clinique ",
            " universite ",
            " mutualite ",
            " delegation ",
        ]
        .iter()
        .any(|w| k.contains(w))
            || s.split_whitespace().any(|w| {
                w.len() >= 2
                    && w.len() <= 6
                    && w.chars().all(|c| c.is_uppercase() || c.is_ascii_digit())
            })
    };
    let capitalised = |c: &str| c.chars().next().is_some_and(char::is_uppercase);
    let (_, _, best) = cands
        .iter()
        .find(|(_, _, c)| org_word(c) && capitalised(c))
        .or_else(|| cands.iter().find(|(_, _, c)| org_word(c)))
        .or_else(|| cands.iter().find(|(_, _, c)| capitalised(c)))?;
    (!best.is_empty()).then(|| best.to_string())
}

/// A title before token `i`: the token where it starts and its text.
fn title_at(t: &Tokens, i: usize) -> Option<(usize, usize)> {
    // Most tokens start no title: their key rules the table out.
    if !matches!(
        t.key(i),
        "le" | "la"
            | "docteur"
            | "docteure"
            | "professeur"
            | "professeure"
            | "monsieur"
            | "madame"
            | "mme"
            | "mmes"
            | "mlle"
            | "m"
            | "mm"
            | "dr"
            | "pr"
            | "me"
    ) {
        return None;
    }
    // (Only the titles of that first word: "le" is a common word.)
    let k = t.key(i);
    for words in TITLES.iter().filter(|w| w.first() == Some(&k)) {
        if let Some(mut end) = t.seq(i, words) {
            // "M." "Dr." "Pr." take their dot; "Mme" may have none.
            if t.punct(end) == Some('.') {
                end += 1;
            } else if matches!(words, [w] if matches!(*w, "m" | "mm")) {
                // "M" without its dot is no civility.
                return None;
            }
            let tok = t.get(i)?;
            let single = words.len() == 1;
            // "M." must be a capital; "le docteur" lowercase is fine.
            if single && !(tok.cap || tok.upper) {
                return None;
            }
            return Some((i, end));
        }
    }
    None
}

/// Whether token `i` can be a word of a name: capitalised (or in
/// capitals), letters.
fn name_word(t: &Tokens, i: usize) -> bool {
    t.get(i).is_some_and(|x| {
        x.kind == Kind::Word && (x.cap || x.upper) && t.text(i).chars().count() >= 2
    })
}

/// Reads the words of a name from token `i`: capitalised words, joined by
/// hyphens, with particles ("Da", "de", "Le"). Returns the end token.
fn name_end(t: &Tokens, i: usize) -> Option<usize> {
    if !name_word(t, i) {
        return None;
    }
    let mut j = i + 1;
    let mut end = j;
    let mut words = 1;
    while words < 5 {
        // A name never runs across a table's cells ("… Cannes Simone Veil
        // ⇥ Mme Florence AUDIBERT").
        if t.get(j).is_some_and(|x| x.gap_before) {
            break;
        }
        if matches!(t.punct(j), Some('-'))
            && !t.get(j).is_some_and(|x| x.space_before)
            && name_word(t, j + 1)
            && !t.get(j + 1).is_some_and(|x| x.space_before)
        {
            j += 2;
            end = j;
            continue;
        }
        if matches!(t.punct(j), Some('’' | '\''))
            && matches!(t.key(j - 1), "d" | "l")
            && name_word(t, j + 1)
        {
            j += 2;
            end = j;
            continue;
        }
        if !t.is_word(j) {
            break;
        }
        let k = t.key(j);
        // "Anne-Sophie d’Argent": an elided particle before the surname.
        if k == "d"
            && !t.get(j).is_some_and(|x| x.cap || x.upper)
            && matches!(t.punct(j + 1), Some('’' | '\''))
            && name_word(t, j + 2)
            && super::gazetteer::place_at(t, j + 2).is_none()
            && !role_word(t.key(j + 2))
        {
            j += 3;
            end = j;
            words += 1;
            continue;
        }
        if matches!(
            k,
            "de" | "du" | "da" | "le" | "la" | "van" | "von" | "di" | "dos" | "des"
        ) && name_word(t, j + 1)
            && !t.get(j).is_some_and(|x| x.upper)
        {
            // A particle: only inside a name ("Sonia Da Cruz"), not "de la
            // Meuse" after a name.
            let next = t.key(j + 1);
            if super::gazetteer::place_at(t, j + 1).is_some()
                || matches!(next, "l" | "la")
                || role_word(next)
            {
                break;
            }
            j += 2;
            end = j;
            words += 1;
            continue;
        }
        // (A demonym after a first name is a surname: "Maryvonne
        // Landais"; a département or region is where the person works.)
        if name_word(t, j)
            && !role_word(k)
            && !thing_head(k)
            && !matches!(
                super::gazetteer::place_at(t, j),
                Some((
                    _,
                    super::gazetteer::Place::Departement(_) | super::gazetteer::Place::Region(..)
                ))
            )
        {
            j += 1;
            end = j;
            words += 1;
            continue;
        }
        break;
    }
    Some(end)
}

/// A person found in the text.
#[derive(Debug, Clone)]
struct Found {
    title: Option<String>,
    /// Written surname first ("LEBAS Thierry").
    surname_first: bool,
    /// Tokens of the name.
    name: std::ops::Range<usize>,
    /// Bytes of the role phrase, if any.
    role: Option<std::ops::Range<usize>>,
    /// The apposition is an affiliation, not a role ("UNAFAM 89").
    affiliation: Option<String>,
}

/// The role or affiliation after a name: ", directeur …" up to the next
/// comma (or a following role segment), dash, parenthesis or sentence end.
fn role_after(t: &Tokens, end: usize) -> (Option<std::ops::Range<usize>>, Option<String>) {
    // "Name, role" or "Name (affiliation)" or "Name – role".
    let mut j = end;
    let paren = t.punct(j) == Some('(');
    if !(matches!(t.punct(j), Some(',' | '('))
        || (matches!(t.punct(j), Some('–')) && t.is_word(j + 1) && role_word(t.key(j + 1))))
    {
        return (None, None);
    }
    j += 1;
    let start = j;
    if !t.is_word(start) {
        return (None, None);
    }
    let line_end = t.line_end(start);
    let mut stop = start;
    let mut segment_start = start;
    while stop < line_end {
        // "(CSSM)", "(CH)": an acronym in parentheses stays in the role.
        if t.punct(stop) == Some('(')
            && t.get(stop + 1).is_some_and(|x| x.upper)
            && t.punct(stop + 2) == Some(')')
            && stop > start
        {
            stop += 3;
            continue;
        }
        match t.punct(stop) {
            Some(',') => {
                // A second role segment: "psychiatre, responsable du pôle".
                let next = stop + 1;
                if t.is_word(next) && role_word(t.key(next)) && !name_word_person(t, next) {
                    segment_start = next;
                    stop += 1;
                    continue;
                }
                break;
            }
            Some('.' | ';' | ':' | '«' | '»' | '|' | '(' | ')') => break,
            Some('–' | '—') if t.get(stop).is_some_and(|x| x.space_before) => break,
            _ => {}
        }
        // "…, et M. Olivier PAUL": the next person; "… de la Meuse et
        // l’ensemble des signataires": the sentence goes on. Only "et" and
        // a second role continue the role ("psychiatre … et coordinatrice
        // du projet").
        if t.key(stop) == "et" && t.get(stop).is_some_and(|x| x.space_before) {
            let next = stop + 1;
            let article_place = matches!(t.key(next), "la" | "le" | "les")
                && t.get(next + 1).is_some_and(|x| x.cap || x.upper);
            if !(article_place || t.is_word(next) && role_word(t.key(next))) {
                break;
            }
        }

        if matches!(t.key(stop), "a" | "ont" | "qui") && t.text(stop) != "à" && stop > start {
            break;
        }
        stop += 1;
    }
    let _ = segment_start;
    if stop == start {
        return (None, None);
    }
    let first = t.key(start);
    // "(présidente de l’Unafam 35)": a role in parentheses is a role.
    if paren && role_word(first) && t.punct(stop) == Some(')') {
        return (Some(t.range(start, stop)), None);
    }
    if paren || !role_word(first) {
        // An affiliation: "(CHU Dijon Bourgogne, …)", ", UNAFAM 89", ",
        // CPTS du Sénonais".
        let text = t.slice(start, stop).to_string();
        let looks_org = t.get(start).is_some_and(|x| x.cap || x.upper);
        return (None, looks_org.then_some(text));
    }
    (Some(t.range(start, stop)), None)
}

/// Whether the word `p`, right before a name, makes the name part of a
/// thing's name: a head such as "CH", "rue", "Charte", an acronym, or a
/// capitalised word inside a sentence ("EPSM du Loiret Georges
/// Daumézon").
fn glued_to_thing(t: &Tokens, p: usize) -> bool {
    let k = t.key(p);
    if thing_head(k) {
        return true;
    }
    // "Établissement public de santé (mentale) Barthélemy Durand": a
    // hospital named after a person.
    if matches!(k, "sante" | "mentale") {
        let mut q = p;
        for _ in 0..4 {
            let Some(w) = t.prev_word(q, 0) else { break };
            if t.key(w) == "etablissement" {
                return true;
            }
            q = w;
        }
    }
    let Some(tok) = t.get(p) else { return false };
    if tok.upper && t.text(p).chars().count() <= 5 {
        return !matches!(k, "m" | "mme" | "dr" | "pr");
    }
    if !tok.cap {
        return false;
    }
    // A capitalised word that starts its sentence is no part of a name
    // ("Pour", "Selon", "Avec").
    let sentence_start = p == t.line_start(p)
        || matches!(
            t.punct(p.wrapping_sub(1)),
            Some('.' | '!' | '?' | ':' | '«' | '(' | '-' | '–' | '•' | '|' | ',')
        );
    !sentence_start
}

/// Common nouns of organisations' names that are no surname ("Cristal
/// Habitat", "Alpha Santé").
const ORG_WORDS: &[&str] = &[
    "habitat",
    "sante",
    "services",
    "solidarite",
    "solidarites",
    "logement",
    "emploi",
    "formation",
    "insertion",
    "immobilier",
    "prevention",
    "accueil",
    "conseil",
    "developpement",
];

/// Whether the name at `i` ends a thing's name begun before it: "les Amis
/// de Jean Bosco" (a capitalised word inside its sentence, then "de"), or
/// a name at the start of a line under a line that ends with a head and
/// its adjectives ("Pour le Centre hospitalier spécialisé" / "Pierre Lôo,"
/// in a signature block).
fn named_thing_before(t: &Tokens, i: usize) -> bool {
    // The second of two people a thing is named after: "rue Pierre et
    // Marie Curie", "rue René et Émile Fage".
    if i >= 3
        && t.key(i - 1) == "et"
        && t.get(i - 2).is_some_and(|x| x.cap && x.kind == Kind::Word)
        && thing_head(t.key(i - 3))
    {
        return true;
    }
    if i >= 2 && matches!(t.key(i - 1), "de" | "du" | "des") {
        // (Past an acronym in parentheses: "le Conseil local de santé
        // mentale (CLSM) de Saint-Brieuc Armor Agglomération".)
        let q = if t.punct(i - 2) == Some(')') && i >= 5 && t.punct(i - 4) == Some('(') {
            i - 3
        } else {
            i - 2
        };
        if t.get(q).is_some_and(|x| x.cap && x.kind == Kind::Word)
            && q > t.line_start(q)
            && !matches!(t.punct(q - 1), Some('.' | ':' | '!' | '?' | '«'))
            && !role_word(t.key(q))
        {
            return true;
        }
    }
    // "Pour le Centre hospitalier spécialisé Pierre Lôo, …": the
    // organisation a signature block signs for runs to its comma.
    let ls = t.line_start(i);
    if t.key(ls) == "pour"
        && (ls..i).all(|q| t.is_word(q) || matches!(t.punct(q), Some('’' | '\'' | '-')))
        && (ls..i).any(|q| thing_head(t.key(q)))
    {
        return true;
    }
    if i != ls || i == 0 || !t.is_newline(i - 1) {
        return false;
    }
    // The previous line's last words: lowercase adjectives back to a head.
    let mut q = i - 1;
    for _ in 0..3 {
        let Some(p) = q.checked_sub(1) else {
            return false;
        };
        q = p;
        if !t.is_word(q) {
            return false;
        }
        if thing_head(t.key(q)) {
            return true;
        }
        if t.get(q).is_some_and(|x| x.cap) {
            return false;
        }
    }
    false
}

fn name_word_person(t: &Tokens, i: usize) -> bool {
    first_name_at(t, i) || title_at(t, i).is_some()
}

/// Whether token `i` starts an item of an attendance line ("Participants
/// :", "Présents :", "Étaient présents :", "Excusés :"): after the colon or
/// a comma, two capitalised words (the second not in capitals only: a
/// surname written "MADI" is read by the other rules) and the item's
/// organisation in parentheses. Returns the name's end token.
fn attendance_item(t: &Tokens, i: usize) -> Option<usize> {
    if !name_word(t, i) || t.get(i).is_some_and(|x| x.upper) {
        return None;
    }
    if !matches!(t.punct(i.checked_sub(1)?), Some(',' | ':')) {
        return None;
    }
    let end = name_end(t, i).filter(|&e| e == i + 2 && t.punct(e) == Some('('))?;
    let ls = t.line_start(i);
    let lead = t.key(ls);
    let attendance = matches!(
        lead,
        "participants" | "presents" | "presentes" | "excuses" | "excusees" | "etaient"
    ) || (lead == "membres" && t.key(ls + 1).starts_with("present"));
    attendance.then_some(end)
}

/// The end of a name whose first name no list holds, at `i`: one
/// capitalised word (not in capitals, not a word the text writes in
/// lowercase, not a function word), then a surname in capitals (hyphens
/// allowed), then a comma and an office ("Dumenica ALBERTINI, directrice
/// …"). The office makes it a person.
fn unlisted_first_name(t: &Tokens, i: usize) -> Option<usize> {
    let tok = t.get(i)?;
    if tok.kind != Kind::Word || !tok.cap || tok.upper || t.hyphen_before(i) {
        return None;
    }
    let k = t.key(i);
    if k.chars().count() < 3
        || gazetteer::is_first_name_key(k)
        || t.written_lowercase(k)
        || AMBIGUOUS_FIRST.contains(&k)
        || ORG_WORDS.contains(&k)
        || thing_head(k)
        || role_word(k)
        || matches!(
            k,
            "selon"
                | "pour"
                | "avec"
                | "chez"
                | "merci"
                | "contact"
                | "madame"
                | "monsieur"
                | "docteur"
                | "professeur"
                | "maitre"
                | "signe"
                | "signataire"
                | "interlocuteur"
                | "referent"
                | "referente"
                | "auteur"
                | "auteure"
                | "redaction"
        )
    {
        return None;
    }
    // The surname: words in capitals, joined by hyphens.
    let mut j = i + 1;
    let upper = |q: usize| {
        t.get(q)
            .is_some_and(|x| x.kind == Kind::Word && x.upper && t.text(q).chars().count() >= 2)
    };
    if !upper(j) {
        return None;
    }
    j += 1;
    while t.punct(j) == Some('-') && !t.get(j).is_some_and(|x| x.space_before) && upper(j + 1) {
        j += 2;
    }
    (t.punct(j) == Some(',') && t.next_word(j + 1, 0).is_some_and(|w| role_word(t.key(w))))
        .then_some(j)
}

/// The token after initials standing for a first name at `i` ("C.",
/// "M.-F.", "J.-M."), when a capitalised word follows them.
fn initials_end(t: &Tokens, i: usize) -> Option<usize> {
    let initial = |q: usize| {
        t.get(q).is_some_and(|x| x.kind == Kind::Word && x.upper)
            && t.text(q).chars().count() == 1
            && t.punct(q + 1) == Some('.')
    };
    if !initial(i) {
        return None;
    }
    let mut j = i + 2;
    while t.punct(j) == Some('-') && initial(j + 1) {
        j += 3;
    }
    name_word(t, j).then_some(j)
}

/// Whether a French first name starts at token `i` and a surname follows.
fn first_name_at(t: &Tokens, i: usize) -> bool {
    let Some(tok) = t.get(i) else { return false };
    // "Sainte-Marie", "Saint-Pierre": part of a compound name.
    if t.hyphen_before(i) {
        return false;
    }
    // Capitalised, not in capitals (a surname's form).
    if !tok.cap || tok.upper {
        return false;
    }
    // "Jean-Marc", "Paul-Antoine": a compound first name.
    let mut end = i + 1;
    let k = t.key(i);
    let mut known = gazetteer::is_first_name_key(k);
    if t.punct(i + 1) == Some('-')
        && name_word(t, i + 2)
        && !t.get(i + 1).is_some_and(|x| x.space_before)
    {
        let compound = format!("{k} {}", t.key(i + 2));
        // ("Max-Olivier": two first names joined, as a compound the list
        // does not hold.)
        if gazetteer::is_first_name_key(&compound)
            || (known
                && gazetteer::is_first_name_key(t.key(i + 2))
                && !AMBIGUOUS_FIRST.contains(&t.key(i + 2))
                && t.get(i + 2).is_some_and(|x| x.cap && !x.upper))
        {
            known = true;
            end = i + 3;
        }
    }
    if !known || AMBIGUOUS_FIRST.contains(&k) {
        return false;
    }
    name_word(t, end)
        || (matches!(t.key(end), "da" | "de" | "le" | "du") && name_word(t, end + 1))
        || (t.key(end) == "d"
            && matches!(t.punct(end + 1), Some('’' | '\''))
            && name_word(t, end + 2))
}

/// The role stated before a name: "la préfète de Loir-et-Cher, Mme
/// Hélène DUVERGER", "La présidente de la commission …, le Dr Nadia
/// BENSAÏD", "Pour Mme X, présidente …" (after).
fn role_before(t: &Tokens, first: usize) -> Option<std::ops::Range<usize>> {
    // A comma right before the name (or its title).
    let mut j = first;
    if t.is_word(j.wrapping_sub(1)) && matches!(t.key(j - 1), "le" | "la") {
        j -= 1;
    }
    if t.punct(j.checked_sub(1)?) != Some(',') {
        return None;
    }
    let comma = j - 1;
    // Back to the start of the clause: a comma, the sentence start, or an
    // article that starts the role.
    let line_start = t.line_start(comma);
    let mut s = comma;
    while s > line_start {
        if matches!(t.punct(s - 1), Some(',' | '.' | ';' | ':' | '«' | '»')) {
            break;
        }
        s -= 1;
    }
    // "la préfète de …", "La présidente de …", "et le directeur de …".
    let mut r = s;
    if t.is_word(r) && t.key(r) == "et" {
        r += 1;
    }
    if t.is_word(r) && matches!(t.key(r), "le" | "la" | "l" | "les") {
        r += 1;
        if matches!(t.punct(r), Some('’' | '\'')) {
            r += 1;
        }
    }
    if !(t.is_word(r) && role_word(t.key(r))) || comma <= r {
        return None;
    }
    Some(t.range(r, comma))
}

/// The organisation a signature signs for, said before its office: "Pour
/// le CHIC de Castres-Mazamet, le directeur par intérim, Frédéric MAURY"
/// (`role` is the office's first token).
fn signs_for(t: &Tokens, role: usize) -> Option<String> {
    let mut j = role;
    if t.is_word(j.wrapping_sub(1)) && matches!(t.key(j - 1), "le" | "la") {
        j -= 1;
    }
    let comma = j.checked_sub(1)?;
    if t.punct(comma) != Some(',') {
        return None;
    }
    // "Pour" starts the clause (a capital: a dateline may run into it).
    let ls = t.line_start(comma);
    let mut p = comma;
    while p > ls && !matches!(t.punct(p - 1), Some(',' | '.' | ';' | ':')) {
        p -= 1;
        if t.key(p) == "pour" && t.get(p).is_some_and(|x| x.cap) {
            break;
        }
    }
    if t.key(p) != "pour" || !t.get(p).is_some_and(|x| x.cap) {
        return None;
    }
    let mut a = p + 1;
    if matches!(t.key(a), "le" | "la" | "les") {
        a += 1;
    } else if t.key(a) == "l" && matches!(t.punct(a + 1), Some('’' | '\'')) {
        a += 2;
    }
    (a < comma && t.get(a).is_some_and(|x| x.cap || x.upper))
        .then(|| t.slice(a, comma).trim().to_string())
}

/// In a table row, the cells after a name: its role, then its
/// organisation ("LEBAS Thierry ⇥ Vice-président de la commission ⇥ UDAF
/// du Calvados ⇥ P").
fn cell_role(t: &Tokens, end: usize) -> (Option<std::ops::Range<usize>>, Option<String>) {
    if !t.get(end).is_some_and(|x| x.gap_before) {
        return (None, None);
    }
    let line_end = t.line_end(end);
    let cell_end = |a: usize| {
        (a + 1..line_end)
            .find(|&q| t.get(q).is_some_and(|x| x.gap_before))
            .unwrap_or(line_end)
    };
    let role_end = cell_end(end);
    if !(end..role_end).any(|q| t.is_word(q) && role_word(t.key(q))) {
        return (None, None);
    }
    let org = (role_end < line_end).then(|| {
        let org_end = cell_end(role_end);
        t.slice(role_end, org_end).trim().to_string()
    });
    // A cell of one or two letters is a mark ("P", "E"), not an organisation.
    let org = org.filter(|o| o.chars().filter(|c| c.is_alphabetic()).count() > 2);
    (Some(t.range(end, role_end)), org)
}

/// The office on the line before a name that is alone on its line, in a
/// signature block: "La directrice générale", "Le président du Conseil
/// départemental" (an article, then a role word).
fn signing_office(t: &Tokens, a: usize, b: usize) -> Option<std::ops::Range<usize>> {
    let ls = t.line_start(a);
    if ls != a || t.line_end(a) != b || ls == 0 {
        return None;
    }
    let prev_end = ls - 1;
    let mut ps = t.line_start(prev_end);
    // "Pour le Centre hospitalier de Rouffach, Le Directeur": the
    // organisation and its office on one line (a comma ends the first, the
    // line's break was joined); the office is after the comma.
    if t.key(ps) == "pour" && t.get(ps).is_some_and(|x| x.cap) {
        if let Some(c) = (ps..prev_end).rev().find(|&q| t.punct(q) == Some(',')) {
            ps = c + 1;
        }
    }
    let words: Vec<usize> = (ps..prev_end).filter(|&q| t.is_word(q)).collect();
    let (&w0, &w1) = (words.first()?, words.get(1)?);
    if !(matches!(t.key(w0), "le" | "la") && role_word(t.key(w1))) || words.len() > 10 {
        return None;
    }
    Some(t.range(w1, prev_end))
}

/// The office on the line under a name alone on its line: a signature
/// that closes a text ("Jean-Marc LEBRETON" / "Président du Conseil
/// départemental de la Mayenne").
fn office_below(t: &Tokens, a: usize, b: usize) -> Option<std::ops::Range<usize>> {
    let ls = t.line_start(a);
    if ls != a || t.line_end(a) != b || b + 1 >= t.len() {
        return None;
    }
    let ns = b + 1;
    let ne = t.line_end(ns);
    let words: Vec<usize> = (ns..ne).filter(|&q| t.is_word(q)).take(13).collect();
    let &w0 = words.first()?;
    let office = [
        "president",
        "presidente",
        "directeur",
        "directrice",
        "prefet",
        "prefete",
        "maire",
        "vice",
        "delegue",
        "deleguee",
        "coordinateur",
        "coordinatrice",
        "secretaire",
        "depute",
        "deputee",
        "senateur",
        "senatrice",
    ]
    .contains(&t.key(w0));
    (t.get(w0).is_some_and(|x| x.cap) && office && words.len() <= 12).then(|| t.range(w0, ne))
}

/// The end of a surname in capitals at token `i` ("LE BIHAN",
/// "DUPRÉ-MASSON").
fn surname_end(t: &Tokens, i: usize) -> usize {
    let mut j = i + 1;
    loop {
        if t.punct(j) == Some('-') && t.get(j + 1).is_some_and(|x| x.upper && !x.space_before) {
            j += 2;
        } else if t.is_word(j) && t.get(j).is_some_and(|x| x.upper) && j < i + 3 {
            j += 1;
        } else {
            break;
        }
    }
    j
}

/// A surname in capitals and a known first name, at the start of a line
/// or of a table cell, the name then ending the cell: `Some(end)`.
fn surname_first(t: &Tokens, i: usize) -> Option<usize> {
    let tok = t.get(i)?;
    let at_cell = i == t.line_start(i) || tok.gap_before;
    if !at_cell || !tok.upper || !t.is_word(i) || t.key(i).chars().count() < 3 {
        return None;
    }
    // The surname may be compound ("LE BIHAN", "DUPRÉ-MASSON"). Acronyms
    // are no surnames: the first name must follow and be known.
    let f = surname_end(t, i);
    let ft = t.get(f)?;
    if !t.is_word(f) || !ft.cap || ft.upper || !gazetteer::is_first_name_key(t.key(f)) {
        return None;
    }
    let mut e = f + 1;
    // "Anne-Claire".
    if t.punct(e) == Some('-')
        && t.get(e + 1)
            .is_some_and(|x| x.cap && !x.upper && !x.space_before)
    {
        e += 2;
    }
    // The cell ends there: a gap, the line's end, a parenthesis or a comma.
    let ends = e >= t.line_end(i)
        || t.get(e).is_some_and(|x| x.gap_before)
        || matches!(t.punct(e), Some('(' | ',' | '–'));
    ends.then_some(e)
}

/// Whether the name at `a..b` is a byline or a host artefact: "Par Karine
/// Vélayoudon", "La page est créée Lucas Perrin", an author's name alone
/// on the last line.
fn byline(t: &Tokens, a: usize, b: usize) -> bool {
    if let Some(p) = t.prev_word(a, 0) {
        // ("Mercredi 7 février 2024 à 7:12 - Par Maialen Etxeberria": a
        // capitalised "Par" after a separator.)
        let after_separator = p > 0
            && t.get(p).is_some_and(|x| x.cap)
            && matches!(t.punct(p - 1), Some('-' | '–' | '|' | '·' | '•'));
        if matches!(
            t.key(p),
            "par" | "creee" | "cree" | "signe" | "auteur" | "auteure" | "redige"
        ) && (p == t.line_start(p) || after_separator)
            || matches!(t.key(p), "creee" | "cree")
        {
            return true;
        }
    }
    // A comment's or a post's author, its date and time after it:
    // "Patrick Dumez · 14 septembre 2023 à 08 h 37", "Hélène Martin," /
    // "le 09/10/2023 à 17:05".
    {
        let mut q = b;
        let mut seps = 0;
        while q < t.len() && seps < 3 && (t.punct(q).is_some() || t.is_newline(q)) {
            q += 1;
            seps += 1;
        }
        if t.key(q) == "le" {
            q += 1;
        }
        let dated = super::dates::month_key(t.key(q + 1))
            || (t.get(q).is_some_and(|x| x.kind == Kind::Number) && t.punct(q + 1) == Some('/'));
        if dated && seps >= 1 {
            // (The date and its time are short: a dozen tokens, not the
            // rest of a long line, for each name.)
            let le = t.line_end(q).min(q + 12);
            let at = (q..le).any(|x| t.key(x) == "a");
            let time = (q..le).any(|x| t.key(x) == "h" || t.punct(x) == Some(':'));
            if at && time {
                return true;
            }
        }
    }
    // A name alone on its line: a byline, a signature, a host's uploader.
    let line_a = t.line_start(a);
    let line_b = t.line_end(a);
    if line_a == a && line_b == b {
        return true;
    }
    // A short line of credits: "Écrit par …", "Le reportage de … et …",
    // "Photo Archives Corse-Matin / …", "Archives … /SUD", "© …".
    // (Its words counted up to 17 only, and the rest looked at only when
    // the line is short: a long line holds many names, and reading all of
    // it for each was quadratic.)
    let words = (line_a..line_b).filter(|&q| t.is_word(q)).take(17).count();
    if words <= 16 {
        let first = (line_a..line_b)
            .find(|&q| t.is_word(q))
            .map_or("", |q| t.key(q));
        let credit_line = matches!(
            first,
            "par"
                | "ecrit"
                | "redige"
                | "redigee"
                | "propos"
                | "texte"
                | "photo"
                | "photos"
                | "credit"
                | "credits"
                | "archives"
                | "source"
                | "reportage"
                | "video"
                | "illustration"
        ) || (first == "le" || first == "un")
            && (line_a..line_b).take(3).any(|q| t.key(q) == "reportage")
            || (line_a..line_b).any(|q| t.punct(q) == Some('©'));
        if credit_line {
            return true;
        }
    }
    // A credit inside a caption: "… Photo RL /Karim SIARI", "Archives
    // Bertrand Lapègue/SUD OUEST", "… Bélair. • © Marion Lefèvre /
    // France Télévisions".
    if (a.saturating_sub(2)..a).any(|x| t.punct(x) == Some('©')) {
        return true;
    }
    let mut q = a;
    for _ in 0..4 {
        let Some(p) = t.prev_word(q, 2) else { break };
        if matches!(
            t.key(p),
            "photo" | "photos" | "archives" | "credit" | "credits"
        ) || (p + 1..a).any(|x| t.punct(x) == Some('©'))
        {
            return true;
        }
        q = p;
    }
    // A newspaper's byline: "Ouest-France Gwenaëlle LE GOFF."
    let before = t.slice(line_a, a);
    if b + 1 >= line_b && !before.trim().is_empty() && super::issuer::press_name(before) {
        return true;
    }
    // "Rodolphe Lamy | Publié le 21 juin 2024": the author of a page.
    t.punct(b) == Some('|')
        && (b + 1..line_b)
            .find(|&q| t.is_word(q))
            .is_some_and(|q| t.key(q).starts_with("publi") || t.key(q) == "mis")
}

/// Finds the people of a document.
pub fn extract(doc: &NormDoc, t: &Tokens, warnings: &mut Vec<Warning>) -> Vec<Person> {
    let mut found: Vec<Found> = Vec::new();
    let n = t.len();
    let mut i = 0;
    while i < n {
        // A title and a name.
        if let Some((ts, te)) = title_at(t, i) {
            // "Mme C. Aubry", "Mme M.-F. Dupuis": initials for the first
            // name.
            // ("M." after a comma may be an initial itself: "A. Dogac, M.
            // T. Özsu, and T. K. Sellis" in a reference list.)
            let initial_m = t.key(ts) == "m" && ts > 0 && t.punct(ts - 1) == Some(',');
            let end = name_end(t, te).or_else(|| {
                let after = initials_end(t, te).filter(|_| !initial_m)?;
                name_end(t, after).filter(|_| !role_word(t.key(after)))
            });
            // "M. le Maire de Sens": an office holder, unnamed.
            if let Some(end) = end {
                if !thing_head(t.key(te)) && !role_word(t.key(te)) {
                    let title = t.slice(ts, te).to_string();
                    let (role, affiliation) = role_after(t, end);
                    found.push(Found {
                        title: Some(title),
                        surname_first: false,
                        name: te..end,
                        role,
                        affiliation,
                    });
                    i = end;
                    continue;
                }
            }
            i = te;
            continue;
        }
        // A surname in capitals then a first name, as attendance tables
        // write them: "LEBAS Thierry ⇥ Vice-président …", "ROGER Léa (Pr)".
        if let Some(end) = surname_first(t, i) {
            // "ROGER Léa (Pr)": the title after the name.
            let mut after = end;
            let mut title = None;
            if t.punct(end) == Some('(')
                && t.punct(end + 2) == Some(')')
                && title_at(t, end + 1).is_some()
            {
                title = Some(t.text(end + 1).to_string());
                after = end + 3;
            }
            let (role, affiliation) = role_after(t, after);
            // (An affiliation in parentheses stays when no cell follows.)
            let (role, affiliation) = match role {
                Some(r) => (Some(r), affiliation),
                None => {
                    let (r, o) = cell_role(t, after);
                    (r, o.or(affiliation))
                }
            };
            found.push(Found {
                title,
                surname_first: true,
                name: i..end,
                role,
                affiliation,
            });
            i = after;
            continue;
        }
        // An item of an attendance line with its organisation in
        // parentheses, whatever the first name: "Participants : Dr Fatima
        // Ali (CHM), Nassur Madi (Croix-Rouge), Anli Soilihi (Conseil
        // départemental)".
        // Or a first name the list does not hold, before a surname in
        // capitals and an office, which makes it a person: "Dumenica
        // ALBERTINI, directrice générale adjointe de l’ARS de Corse".
        let named = attendance_item(t, i)
            .map(|end| (end, false))
            .or_else(|| unlisted_first_name(t, i).map(|end| (end, true)));
        if let Some((end, needs_role)) = named {
            let (role, affiliation) = role_after(t, end);
            if !needs_role || role.is_some() {
                found.push(Found {
                    title: None,
                    surname_first: false,
                    name: i..end,
                    role,
                    affiliation,
                });
                i = end;
                continue;
            }
        }
        // A first name and a surname.
        if first_name_at(t, i) {
            let Some(end) = name_end(t, i) else {
                i += 1;
                continue;
            };
            // Two words at least; not part of a thing's name.
            let words = (i..end).filter(|&q| t.is_word(q)).count();
            let prev_thing = t.prev_word(i, 0).is_some_and(|p| glued_to_thing(t, p))
                || named_thing_before(t, i)
                || (end == i + 2 && ORG_WORDS.contains(&t.key(i + 1)));
            // A name alone under its office in a signature block ("Pour
            // l’ARS … / La directrice générale / Claire LÉVÊQUE-MARTIN")
            // signs; alone elsewhere it is a byline.
            let office = signing_office(t, i, end).or_else(|| office_below(t, i, end));
            if words >= 2 && !prev_thing && (office.is_some() || !byline(t, i, end)) {
                let (role, affiliation) = role_after(t, end);
                let (role, affiliation) = match role.or(office) {
                    Some(r) => (Some(r), affiliation),
                    None => {
                        let (r, o) = cell_role(t, end);
                        (r, o.or(affiliation))
                    }
                };
                found.push(Found {
                    title: None,
                    surname_first: false,
                    name: i..end,
                    role,
                    affiliation,
                });
                i = end;
                continue;
            }
            i = end.max(i + 1);
            continue;
        }
        i += 1;
    }
    // Whether each line read so far speaks of signing, by its first token:
    // a line is read once, not once per person on it (a one-line text of
    // many names was read whole for each).
    let mut signing_lines: std::collections::HashMap<usize, bool> =
        std::collections::HashMap::new();
    let mut signing_sentence = |at: usize| -> bool {
        let s = t.line_start(at);
        *signing_lines.entry(s).or_insert_with(|| {
            let e = t.line_end(at);
            (s..e).any(|q| {
                let k = t.key(q);
                k.starts_with("signe") || k.starts_with("signat") || k.starts_with("paraph")
            })
        })
    };
    let mut people: Vec<Person> = Vec::new();
    // The key of each person's name and its words sorted, as `people`
    // (computed once, not again for each later name compared with it).
    let mut keys: Vec<(String, String)> = Vec::new();
    for f in found {
        let written = t.slice(f.name.start, f.name.end).to_string();
        // The name keeps the order it is written in ("LEBAS Thierry" is
        // "Lebas Thierry"); the same person written the other way round
        // ("Hugo LECLERC") is found by its words.
        let name = normalize_name(&written);
        let before = if f.role.is_none() {
            role_before(
                t,
                f.name
                    .start
                    .saturating_sub(if f.title.is_some() { 1 } else { 0 })
                    .max(title_start(t, &f)),
            )
        } else {
            None
        };
        let role_range = f.role.clone().or(before.clone());
        let role = role_range
            .as_ref()
            .map(|r| doc.text.get(r.clone()).unwrap_or("").trim().to_string());
        // A table's organisation cell, else what the role names.
        let organization = f
            .affiliation
            .clone()
            .or_else(|| role.as_deref().and_then(organization_of))
            .or_else(|| {
                before
                    .as_ref()
                    .or(f.role.as_ref())
                    .and_then(|r| signs_for(t, t.at_byte(r.start)))
            });
        let name_bytes = t.range(f.name.start, f.name.end);
        let role_span = before.map(|r| span(doc, r));
        // A later short reference ("le Dr Lambert") is the person named
        // before ("Dr Hervé LAMBERT").
        let nk = key(&name);
        let sorted = |k: &str| {
            let mut w: Vec<&str> = k.split(' ').collect();
            w.sort_unstable();
            w.join(" ")
        };
        let (nk_sorted, f_surname_first) = (sorted(&nk), f.surname_first);
        // "a ends with ' ' + b", "a starts with b + ' '", without the strings.
        let ends_with_word = |a: &str, b: &str| a.strip_suffix(b).is_some_and(|r| r.ends_with(' '));
        let starts_with_word =
            |a: &str, b: &str| a.strip_prefix(b).is_some_and(|r| r.starts_with(' '));
        // "J. Abitbol", "P.-Y. Nguyen" after "Julie Abitbol", "Pierre-Yves
        // Nguyen": the initials of the first name and the surname.
        let initialled = |pk: &str, nk: &str| {
            let (Some((ni, ns)), Some((pf, ps))) = (nk.rsplit_once(' '), pk.rsplit_once(' '))
            else {
                return false;
            };
            ns == ps
                && ni.split(' ').all(|w| w.len() == 1)
                && ni.split(' ').count() == pf.split(' ').count()
                && ni
                    .split(' ')
                    .zip(pf.split(' '))
                    .all(|(i, w)| w.starts_with(i) && w.len() > 1)
        };
        if let Some(p) = people
            .iter_mut()
            .zip(&keys)
            .find_map(|(p, (pk, pk_sorted))| {
                (*pk == nk
                    || initialled(pk, &nk)
                    || ends_with_word(pk, &nk)
                    || ends_with_word(&nk, pk)
                    || *pk_sorted == nk_sorted
                    || (f_surname_first && starts_with_word(pk, &nk))
                    || starts_with_word(pk, &nk)
                        && p.name_as_written
                            .split_whitespace()
                            .next()
                            .is_some_and(|w| {
                                w.chars()
                                    .filter(|c| c.is_alphabetic())
                                    .all(char::is_uppercase)
                            }))
                .then_some(p)
            })
        {
            if p.role.is_none() {
                p.role = role;
                p.organization = p.organization.clone().or(organization);
            }
            continue;
        }
        keys.push((nk, nk_sorted));
        people.push(Person {
            name,
            name_as_written: written,
            title: f.title,
            role,
            organization,
            signatory: signing_sentence(f.name.start),
            span: span(doc, name_bytes),
            role_span,
        });
    }
    // A person named without a role, whose role is stated just before
    // without a name ("le Directeur général de l’ARS Normandie …
    // François Mengin Lecreulx a plaidé").
    for p in &mut people {
        if p.role.is_some() || p.organization.is_some() {
            continue;
        }
        link_role(doc, t, p, warnings);
    }
    people
}

fn title_start(t: &Tokens, f: &Found) -> usize {
    if f.title.is_none() {
        return f.name.start;
    }
    // Back over the title's tokens.
    let mut s = f.name.start;
    let title = f.title.as_deref().unwrap_or("");
    let n = Tokens::new(title).len();
    s = s.saturating_sub(n);
    let _ = t;
    s
}

/// "le Directeur général de l’ARS Normandie" (a role without a name) in the
/// paragraph of the person or the one before: taken when it is the only
/// one, and reported as a guess.
fn link_role(doc: &NormDoc, t: &Tokens, p: &mut Person, warnings: &mut Vec<Warning>) {
    let at = t.at_byte(p.span.start);
    let line = t.line_start(at);
    let prev_line = if line > 0 {
        t.line_start(line - 1)
    } else {
        line
    };
    let mut found = Vec::new();
    let mut i = prev_line;
    while i < at {
        if matches!(t.key(i), "le" | "la") && t.is_word(i + 1) && role_word(t.key(i + 1)) {
            // The role words then "de/du/de l’" and a capitalised name.
            let mut j = i + 1;
            while j < at
                && t.is_word(j)
                && !matches!(t.key(j), "de" | "du" | "des" | "d")
                && j < i + 4
            {
                j += 1;
            }
            if matches!(t.key(j), "de" | "du" | "des" | "d") {
                let mut k = j + 1;
                if matches!(t.punct(k), Some('’' | '\'')) {
                    k += 1;
                }
                if matches!(t.key(k), "la" | "l") {
                    k += 1;
                    if matches!(t.punct(k), Some('’' | '\'')) {
                        k += 1;
                    }
                }
                if t.get(k).is_some_and(|x| x.cap || x.upper) {
                    let mut e = k + 1;
                    while e < at
                        && (name_word(t, e) || (t.is_word(e) && t.get(e).is_some_and(|x| x.upper)))
                    {
                        e += 1;
                    }
                    found.push((i + 1, j, k, e));
                }
            }
        }
        i += 1;
    }
    if let [(rs, re, os, oe)] = found.as_slice() {
        let role = t.slice(*rs, *re).trim().to_string();
        let org = t.slice(*os, *oe).trim().to_string();
        let r = t.range(*rs, *oe);
        p.role = Some(role);
        p.organization = Some(org);
        p.role_span = Some(span(doc, r.clone()));
        warnings.push(
            Warning::new(
                "role_guessed",
                format!(
                    "role of {} taken from “{}” stated earlier without a name (the only such role nearby)",
                    p.name,
                    doc.text.get(r).unwrap_or("")
                ),
            )
            .at(p.span.start..p.span.end),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    type Person = (String, Option<String>, Option<String>, Option<String>);

    fn people(text: &str) -> Vec<Person> {
        let doc = crate::normalize::normalize(
            &crate::ingest::read("t.txt", text.as_bytes(), &Default::default())
                .unwrap_or_else(|e| panic!("{e}")),
        );
        let t = Tokens::new(&doc.text);
        extract(&doc, &t, &mut Vec::new())
            .into_iter()
            .map(|p| (p.name, p.title, p.role, p.organization))
            .collect()
    }

    #[test]
    fn names_roles_and_titles() {
        let got = people("Virginie CAYRE, directrice générale de l’ARS Grand Est, Xavier DELARUE, Préfet de la Meuse, et M. Olivier PAUL, président de la CSSM du CTS du Rhône : les signataires.");
        assert_eq!(got.len(), 3, "{got:?}");
        assert_eq!(got[0].0, "Virginie Cayre");
        assert_eq!(
            got[0].2.as_deref(),
            Some("directrice générale de l’ARS Grand Est")
        );
        assert_eq!(got[0].3.as_deref(), Some("ARS Grand Est"));
        assert_eq!(got[2].1.as_deref(), Some("M."));
    }

    /// An attendance line names its people whatever their first names.
    #[test]
    fn attendance_lines() {
        let got: Vec<String> = people("Participants : Dr Fatima Ali (CHM, pôle santé mentale), Nassur Madi (Croix-Rouge), Anli Soilihi (Conseil départemental), 2 représentantes de l'association.")
            .into_iter()
            .map(|p| p.0)
            .collect();
        assert_eq!(got, ["Fatima Ali", "Nassur Madi", "Anli Soilihi"]);
        // Not outside such a line.
        assert!(people("Le projet, Pointe Noire (Guadeloupe), avance.").is_empty());
    }

    #[test]
    fn roles_before_names_and_quote_attributions() {
        let got = people("Ce jeudi, la préfète de Loir-et-Cher, Mme Hélène DUVERGER, a signé.");
        assert_eq!(got[0].2.as_deref(), Some("préfète de Loir-et-Cher"));
        let got = people("« Les familles sont seules », a souligné Sophie GARNIER, déléguée départementale de l’UNAFAM, qui a salué.");
        assert_eq!(got[0].0, "Sophie Garnier");
        assert_eq!(
            got[0].2.as_deref(),
            Some("déléguée départementale de l’UNAFAM")
        );
        let got = people("- Pr Laure FONTAINE (CHU Dijon Bourgogne, psychiatrie de l’enfant)\n- M. Yves CARRÉ, UNAFAM 89");
        assert_eq!(got[0].2, None);
        assert_eq!(got[0].3.as_deref(), Some("CHU Dijon Bourgogne"));
        assert_eq!(got[1].0, "Yves Carré");
        assert_eq!(got[1].3.as_deref(), Some("UNAFAM 89"));
        // Without a title too; a role in parentheses; an abbreviated office.
        let got = people("Étaient présents : Jean Dupont (ARS), Marie Martin (CH Quimper) et Paul Henry (Unafam).");
        let orgs: Vec<_> = got.iter().map(|p| p.3.as_deref()).collect();
        assert_eq!(orgs, [Some("ARS"), Some("CH Quimper"), Some("Unafam")]);
        let got = people("Mme Anne Durand (présidente de l'Unafam 35) a salué le projet.");
        assert_eq!(got[0].2.as_deref(), Some("présidente de l’Unafam 35"));
        // An elided particle; a place after "d’" is none.
        let got = people("Anne-Sophie d'Argent, directrice, a signé.");
        assert_eq!(got[0].0, "Anne-Sophie d’Argent");
        assert!(people("Marie d'Ille-et-Vilaine a signé.").is_empty());
        let got = people("Christophe Lannelongue, DG de l'ARS Grand Est, a signé.");
        assert_eq!(got[0].2.as_deref(), Some("DG de l’ARS Grand Est"));
        assert_eq!(got[0].3.as_deref(), Some("ARS Grand Est"));
    }

    #[test]
    fn initials_for_a_first_name_after_a_title() {
        let got = people("Présents : Mme C. Aubry (ARS Centre-Val de Loire, DD 36) ; M. S. Renard, directeur délégué (CH Châteauroux-Le Blanc) ; Mme M.-F. Dupuis, coordinatrice PTSM.");
        let names: Vec<&str> = got.iter().map(|p| p.0.as_str()).collect();
        for n in ["C. Aubry", "S. Renard", "M.-F. Dupuis"] {
            assert!(names.contains(&n), "{n}: {names:?}");
        }
    }

    #[test]
    fn initials_refer_to_a_person_named_before() {
        let got = people("Le Dr Julie Abitbol, psychiatre, et Pierre-Yves Nguyen, directeur, ont ouvert la séance.\nPhoto : Dr J. Abitbol et M. P.-Y. Nguyen.");
        assert_eq!(got.len(), 2, "{got:?}");
        // An English reference's initials are no title.
        assert!(people("A. Dogac, M. T. Özsu, and T. K. Sellis, Eds. IEEE, 2007.").is_empty());
    }

    #[test]
    fn streets_of_two_names_captions_and_places_after_an_acronym() {
        assert!(
            people("Coordination du CLSM – 2 rue Pierre et Marie Curie – 68100 Mulhouse")
                .is_empty()
        );
        assert!(people("Le contrat a été signé au centre hospitalier Bélair. • © Marion Lefèvre / France Télévisions").is_empty());
        assert!(people("La Ville et le Conseil local de santé mentale (CLSM) de Saint-Brieuc Armor Agglomération vous donnent rendez-vous.").is_empty());
    }

    #[test]
    fn a_surname_that_is_a_demonym() {
        let got = people("La table ronde réunit Nicolas Besnier (ESAT de Château-Gontier) et Maryvonne Landais, pair-aidante.");
        assert!(got.iter().any(|p| p.0 == "Maryvonne Landais"), "{got:?}");
    }

    #[test]
    fn an_unlisted_first_name_before_a_surname_in_capitals_and_an_office() {
        let got = people("« Nous en avons mené à bien la moitié », a reconnu Dumenica ALBERTINI, directrice générale adjointe de l’ARS de Corse, en ouverture.");
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0, "Dumenica Albertini");
        // Not without the office, nor after a preposition.
        assert!(people("Le rapport cite Dumenica ALBERTINI, en ouverture.").is_empty());
        assert!(people("Selon ALBERTINI, directrice du projet, tout va bien.").is_empty());
    }

    #[test]
    fn not_people() {
        for s in [
            "Excusés : M. le Maire de Sens",
            "Partenaires : CH Jacques Lacarin de Vichy",
            "Centre hospitalier Ravenel – 1115, avenue René Porterat",
            "dans le cadre de la Charte Madeleine Brès",
            "Par Karine Vélayoudon",
            "Marie, 34 ans, y croit",
            "La page est créée Lucas Perrin",
            "Un texte.\nAnne-Sophie Delage",
            "Partenaires : Cristal Habitat, OPAC de la Savoie",
            "Association « Les Amis de Jean Bosco »",
            "Pour le Centre hospitalier spécialisé Pierre Lôo, la directrice",
        ] {
            assert!(people(s).is_empty(), "{s}: {:?}", people(s));
        }
        // A name never runs across a table's cells.
        let names: Vec<String> = people(
            "Annexe\n8    Centre hospitalier de Cannes Simone Veil    Mme Florence AUDIBERT       Directrice\n",
        )
        .into_iter()
        .map(|p| p.0)
        .collect();
        assert_eq!(names, ["Florence Audibert"]);
    }

    #[test]
    fn a_short_reference_is_the_same_person() {
        let got = people("- Dr Hervé LAMBERT, président de séance\nLe Dr Lambert rappelle que le PTSM arrive à échéance.");
        assert_eq!(got.len(), 1);
    }

    #[test]
    fn capitals_names_are_case_normalized() {
        assert_eq!(normalize_name("Virginie CAYRE"), "Virginie Cayre");
        assert_eq!(
            normalize_name("Jean MENGIN-LECREULX"),
            "Jean Mengin-Lecreulx"
        );
        assert_eq!(normalize_name("Nadia BENSAÏD"), "Nadia Bensaïd");
        assert_eq!(normalize_name("Jean-Marc PAYET"), "Jean-Marc Payet");
    }

    #[test]
    fn tables_signature_blocks_and_credits() {
        // Surname first in an attendance table, role and organisation in
        // the next cells.
        let got = people("NOM Prénom    Fonction    Structure\nLEBAS Thierry    Vice-président de la commission    UDAF du Calvados    P\nROGER Léa (Pr)    Cheffe du service    CHU de Caen    E");
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[0].0, "Lebas Thierry");
        assert_eq!(got[0].2.as_deref(), Some("Vice-président de la commission"));
        assert_eq!(got[0].3.as_deref(), Some("UDAF du Calvados"));
        assert_eq!(got[1].1.as_deref(), Some("Pr"));
        // A name over its office closes a text: it signs; a journalist's
        // name over the page's tags does not.
        let got = people("Texte de la tribune.\n\nJean-Marc LEBRETON\nPrésident du Conseil départemental de la Mayenne\n");
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(
            got[0].3.as_deref(),
            Some("Conseil départemental de la Mayenne")
        );
        let got = people(
            "Texte.\n\nNotre journaliste\nClaire MONTAGNON\nHaute-Loire Le Puy-en-Velay Santé\n",
        );
        assert!(got.is_empty(), "{got:?}");
        // A name under its office in a signature block signs.
        let got = people("Fait à Créteil.\nLa directrice générale\nClaire LÉVÊQUE-MARTIN");
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].2.as_deref(), Some("directrice générale"));
        // The organisation a signatory signs for, before the office.
        let got = people("Fait à Albi, le 12 septembre 2022\nPour le CHIC de Castres-Mazamet,\nle directeur par intérim,\n\nFrédéric MAURY");
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].2.as_deref(), Some("directeur par intérim"));
        assert_eq!(got[0].3.as_deref(), Some("CHIC de Castres-Mazamet"));
        // The organisation and its office on one line, over the name.
        let got = people("Fait à Albi, le 12 septembre 2022.\n\nPour le Centre hospitalier d’Albi,\nLe Directeur général\n\nVincent KELLER\n\nPour l’UNAFAM du Tarn,\nLa Déléguée départementale\n\nAnne MOREL\n");
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[0].3.as_deref(), Some("Centre hospitalier d’Albi"));
        assert_eq!(got[1].2.as_deref(), Some("Déléguée départementale"));
        // Addresses and hospitals named after people are no people.
        for text in [
            "Ville de Caen – Hôtel de Ville – Esplanade Jean-Marie Louvel – 14027 Caen",
            "Délégation – Cité administrative Jean Montalat – 19011 Tulle Cedex",
            "L’Établissement public de santé Barthélemy Durand pilote l’action.",
        ] {
            assert!(people(text).is_empty(), "{text:?}: {:?}", people(text));
        }
        // A post's author with its date and time, a byline after a date.
        for text in [
            "Texte.\n\nPatrick Dumez · 14 septembre 2023 à 08 h 37\nEt les cliniques ?",
            "Texte.\n\nHélène Martin,\nle 09/10/2023 à 17:05\n",
            "Mercredi 7 février 2024 à 7:12 - Par Maialen Etxeberria\n\nTexte.",
        ] {
            assert!(people(text).is_empty(), "{text:?}: {:?}", people(text));
        }
        // (A person and a meeting's date stay: "M. Paul Dupont, le 12 mars
        // 2024, a présidé".)
        assert_eq!(
            people("Le comité réuni par M. Paul DUPONT, préfet du Jura, le 12 mars 2024.").len(),
            1
        );
        // A compound first name of two first names.
        let got =
            people("Fait à Dole.\n\nPour la Collectivité, Le Président\nMax-Olivier DUPONT\n");
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0, "Max-Olivier Dupont");
        // Credits and bylines are no people.
        for text in [
            "Plus de 200 personnes étaient là. Photo RL /Karim SIARI",
            "Écrit par Lucas Sabayo",
            "Le reportage de Lucas Sabayo et Naïma Joseph",
            "Rodolphe Lamy | Publié le 21 juin 2024 à 16h40",
        ] {
            assert!(people(text).is_empty(), "{text:?}: {:?}", people(text));
        }
    }
}
