//! The issuer: the organisation that issued the document, as the text
//! states it, and of what kind (ARS, département, préfecture, hospital,
//! DAC, association, press, other).
//!
//! Where a text states it, strongest first: a source line ("Source : ARS
//! Île-de-France", "This content first appeared on: …"); header and logo
//! lines at the top (an organisation's name alone on a line, "Centre
//! hospitalier de Thuir – Actualités", a newspaper's name in capitals, a
//! site name followed by its menu, several logos of a joint release); a
//! caption naming an organisation with a date ("… - ARS Grand Est -
//! décembre 2017"); a cover line ("Coordination : …", "Mise en page
//! assurée par …"); the press contact of a release ("Contact presse" and
//! the organisation); in a press release, the ARS that speaks in it; on an
//! institution's own news page, the one organisation it keeps naming. A
//! mention of an ARS in the body of an article is not an issuer, nor is a
//! host's label appended to a PDF mirror's title ("PTSM 69.pdf - ARS
//! Auvergne-Rhône-Alpes").

use crate::model::{DocKind, Issuer, IssuerEvidence, IssuerKind};
use crate::normalize::{key, NormDoc};

use super::gazetteer::{self, Place};
use super::span;
use super::tokens::Tokens;

/// Newspapers and news sites, by key of their written forms: (forms,
/// canonical name).
const PRESS: &[(&[&str], &str)] = &[
    (&["france antilles", "franceantilles"], "France-Antilles"),
    (&["france guyane"], "France-Guyane"),
    (&["ouest france"], "Ouest-France"),
    (&["la voix du nord"], "La Voix du Nord"),
    (&["le parisien"], "Le Parisien"),
    (&["le progres"], "Le Progrès"),
    (&["le dauphine libere"], "Le Dauphiné libéré"),
    (&["sud ouest"], "Sud Ouest"),
    (&["la depeche du midi", "la depeche"], "La Dépêche du Midi"),
    (&["le telegramme"], "Le Télégramme"),
    (&["nice matin"], "Nice-Matin"),
    (&["var matin"], "Var-Matin"),
    (&["corse matin"], "Corse-Matin"),
    (&["midi libre"], "Midi libre"),
    (&["l est republicain"], "L’Est républicain"),
    (&["le republicain lorrain"], "Le Républicain lorrain"),
    (
        &["dernieres nouvelles d alsace", "dna"],
        // (The masthead says "DNA" or "Dernières Nouvelles d’Alsace".)
        "Dernières Nouvelles d’Alsace",
    ),
    (&["la montagne"], "La Montagne"),
    (&["la manche libre"], "La Manche libre"),
    (&["la provence"], "La Provence"),
    (&["la marseillaise"], "La Marseillaise"),
    (&["l union"], "L’Union"),
    (&["l alsace"], "L’Alsace"),
    (&["vosges matin"], "Vosges Matin"),
    (&["le journal du centre"], "Le Journal du Centre"),
    (&["l independant"], "L’Indépendant"),
    (&["la voix de l ain"], "La Voix de l’Ain"),
    (&["le pays malouin"], "Le Pays malouin"),
    (&["l eveil de la haute loire"], "L’Éveil de la Haute-Loire"),
    (&["la presse de la manche"], "La Presse de la Manche"),
    (
        &["le journal de la haute marne"],
        "Le Journal de la Haute-Marne",
    ),
    (&["le courrier picard"], "Le Courrier picard"),
    (&["paris normandie"], "Paris-Normandie"),
    (
        &["le journal de saone et loire"],
        "Le Journal de Saône-et-Loire",
    ),
    (&["l yonne republicaine"], "L’Yonne républicaine"),
    (&["le bien public"], "Le Bien public"),
    (&["la nouvelle republique"], "La Nouvelle République"),
    (&["le berry republicain"], "Le Berry républicain"),
    (&["la republique du centre"], "La République du Centre"),
    (&["le maine libre"], "Le Maine libre"),
    (&["le courrier de l ouest"], "Le Courrier de l’Ouest"),
    (&["presse ocean"], "Presse Océan"),
    (
        &["la charente libre", "charente libre"],
        "La Charente libre",
    ),
    (&["le populaire du centre"], "Le Populaire du Centre"),
    (&["zinfos974", "zinfos 974"], "Zinfos974"),
    (&["clicanoo"], "Clicanoo"),
    (
        &["le quotidien de la reunion"],
        "Le Quotidien de la Réunion",
    ),
    (
        &["le journal de l ile de la reunion", "jir"],
        "Le Journal de l’île de La Réunion",
    ),
    (&["outre mer la 1ere"], "Outre-mer la 1ère"),
    // The stations of the public overseas network, one per territory.
    (&["guadeloupe la 1ere"], "Guadeloupe la 1ère"),
    (&["martinique la 1ere"], "Martinique la 1ère"),
    (&["guyane la 1ere"], "Guyane la 1ère"),
    (&["reunion la 1ere"], "Réunion la 1ère"),
    (&["mayotte la 1ere"], "Mayotte la 1ère"),
    (&["polynesie la 1ere"], "Polynésie la 1ère"),
    (
        &["nouvelle caledonie la 1ere"],
        "Nouvelle-Calédonie la 1ère",
    ),
    (
        &["saint pierre et miquelon la 1ere"],
        "Saint-Pierre-et-Miquelon la 1ère",
    ),
    (&["wallis et futuna la 1ere"], "Wallis-et-Futuna la 1ère"),
    (&["france 3"], "France 3"),
    (&["france bleu"], "France Bleu"),
    (&["hospimedia"], "Hospimedia"),
    (&["actu fr"], "actu.fr"),
    // Regional and national dailies not above (titles that are also
    // common words, "Le Monde", "La Croix", "20 Minutes", "L’Humanité", or
    // places, are left out: "Le monde de la psychiatrie" is no masthead).
    (&["l echo republicain"], "L’Écho républicain"),
    (&["l est eclair"], "L’Est-Éclair"),
    (&["nord eclair"], "Nord Éclair"),
    (
        &["la republique des pyrenees"],
        "La République des Pyrénées",
    ),
    (&["l eclair des pyrenees"], "L’Éclair des Pyrénées"),
    (&["centre presse"], "Centre Presse"),
    (&["le petit bleu"], "Le Petit Bleu"),
    (
        &["la nouvelle republique des pyrenees"],
        "La Nouvelle République des Pyrénées",
    ),
    (&["le journal de l orne"], "Le Journal de l’Orne"),
    (&["la voix du jura"], "La Voix du Jura"),
    (&["le progres de fecamp"], "Le Progrès de Fécamp"),
    (&["l eveil normand"], "L’Éveil normand"),
    (
        &["la renaissance du loir et cher"],
        "La Renaissance du Loir-et-Cher",
    ),
    (&["le courrier de la mayenne"], "Le Courrier de la Mayenne"),
    (&["la gazette des communes"], "La Gazette des communes"),
    (&["franceinfo", "france info"], "franceinfo"),
    (&["le figaro"], "Le Figaro"),
    (&["le quotidien du medecin"], "Le Quotidien du médecin"),
    // Professional and online press on health and the regions.
    (&["apmnews", "apm news"], "APMnews"),
    (&["actusoins"], "Actusoins"),
    (&["egora"], "Egora"),
    (&["gazette sante social"], "Gazette Santé Social"),
    (&["corse net infos"], "Corse Net Infos"),
    (&["le journal de mayotte"], "Le Journal de Mayotte"),
    (&["mayotte hebdo"], "Mayotte Hebdo"),
    (&["outremers360", "outremers 360"], "Outremers360"),
];

/// Head words of newspaper titles written in capitals on the first line
/// ("L’ÉCHO DU LIMOUSIN", "LE JOURNAL DES OUTRE-MER").
const PRESS_HEADS: &[&str] = &[
    "journal",
    "echo",
    "courrier",
    "gazette",
    "depeche",
    "progres",
    "republicain",
    "telegramme",
    "quotidien",
    "nouvelle",
    "petit",
    "independant",
    "messager",
    "dauphine",
    "express",
    "hebdo",
    "info",
    "infos",
    "matin",
];

/// The kind of organisation a name is, from its head words.
pub fn org_kind(name: &str) -> Option<IssuerKind> {
    let k = format!(" {} ", key(name));
    let has = |w: &str| k.contains(&format!(" {w} "));
    if has("ars") || k.contains(" agence regionale de sante ") || k.contains(" agence de sante ") {
        return Some(IssuerKind::Ars);
    }
    if has("prefet") || has("prefete") || has("prefecture") {
        return Some(IssuerKind::Prefecture);
    }
    if k.contains(" conseil departemental ")
        || k.trim_start().starts_with("departement ")
        || k.contains(" conseil general ")
    {
        return Some(IssuerKind::Departement);
    }
    if k.contains(" centre hospitalier")
        || k.contains(" hopital ")
        || has("chu")
        || has("ch")
        || has("chs")
        || has("chru")
        || has("chd")
        || has("chi")
        || has("chic")
        || has("epsm")
        || has("epsmd")
        || has("epsmr")
        || has("eps")
        || has("ght")
        || has("ghu")
        || k.contains(" groupe hospitalier ")
        || k.contains(" groupement hospitalier ")
        || k.contains(" etablissement public de sante mentale ")
        || has("clinique")
        || k.contains(" centre psychotherapique ")
        || k.contains(" centre de sante mentale ")
        || k.contains(" etablissement public de sante ")
    {
        return Some(IssuerKind::Hospital);
    }
    if has("dac") || k.contains(" dispositif d appui a la coordination ") {
        return Some(IssuerKind::Dac);
    }
    if has("cres")
        || has("ors")
        || has("ireps")
        || has("codes")
        || has("unafam")
        || has("association")
        || k.contains(" maison des reseaux ")
        || k.contains(" observatoire regional de la sante ")
        || k.contains(" observatoire regional de sante ")
        || k.contains(" observatoire regional ")
        || has("or2s")
        || has("fondation")
        || has("creai")
        || has("psycom")
        || has("gem")
        || has("cpts")
        || has("mutualite")
        || k.contains(" groupe d entraide mutuelle ")
        || k.contains(" union nationale de familles ")
        || k.contains(" comite regional d education pour la sante ")
        || has("fehap")
        || has("fhf")
        || has("urps")
        || k.contains(" union regionale des professionnels de sante ")
        || has("federation")
        || has("udaf")
        || has("mda")
        || k.contains(" maison des adolescents ")
        || k.contains(" croix rouge ")
        || k.contains(" sante mentale france ")
        || k.contains(" secours ")
    {
        return Some(IssuerKind::Association);
    }
    // A town's or an intercommunality's site: "Mairie de Lorient – Santé",
    // "Ville de Brest".
    if has("mairie")
        || k.starts_with(" ville de ")
        || k.starts_with(" ville d ")
        || k.contains(" communaute d agglomeration ")
        || k.contains(" communaute de communes ")
        || k.contains(" conseil regional ")
        || k.starts_with(" collectivite de ")
        || k.starts_with(" collectivite territoriale ")
        || k.starts_with(" collectivite europeenne ")
    {
        return Some(IssuerKind::Other);
    }
    // Public bodies that publish about a PTSM they take part in: "MDPH de
    // la Sarthe", "Université de Caen Normandie", "CCAS de Brest", "CPAM
    // du Finistère".
    if has("mdph")
        || k.contains(" maison departementale des personnes handicapees ")
        || k.starts_with(" universite ")
        || has("ccas")
        || k.contains(" centre communal d action sociale ")
        || has("cpam")
        || k.contains(" caisse primaire d assurance maladie ")
        || k.contains(" caisse d allocations familiales ")
    {
        return Some(IssuerKind::Other);
    }
    // The State's institutions: "Sénat – Questions écrites".
    if has("senat")
        || k.contains(" assemblee nationale ")
        || k.starts_with(" ministere ")
        || k.contains(" haute autorite de sante ")
        || k.contains(" sante publique france ")
        || k.contains(" cour des comptes ")
    {
        return Some(IssuerKind::Other);
    }
    if has("ptsm")
        || has("oscars")
        || has("clsm")
        || k.contains(" projet territorial de sante mentale ")
        || k.contains(" conseil local de sante mentale ")
    {
        return Some(IssuerKind::Other);
    }
    // A hospital's acronym in capitals: "CHOG", "CHGR", "EPSM-R".
    let caps = name
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| (4..=5).contains(&w.len()) && w.chars().all(|c| c.is_ascii_uppercase()))
        .is_some_and(|w| w.starts_with("CH") || w.starts_with("EPS"));
    if caps {
        return Some(IssuerKind::Hospital);
    }
    None
}

/// The region an ARS name carries, canonical ("Grand Est"), reading from
/// token `i` (after "ARS", "Agence régionale de santé", "ARS de").
fn region_at(t: &Tokens, mut i: usize) -> Option<(&'static str, usize)> {
    // "ARS de Corse", "ARS d’Île-de-France", "(ARS) d’Île-de-France".
    if t.punct(i) == Some('(') && t.key(i + 1) == "ars" && t.punct(i + 2) == Some(')') {
        i += 3;
    }
    if matches!(t.key(i), "de" | "du" | "d") {
        i += 1;
        if matches!(t.punct(i), Some('’' | '\'')) {
            i += 1;
        }
    }
    if t.punct(i) == Some('-') {
        i += 1;
    }
    // "ARS La Réunion": the article is not the region's name.
    if matches!(t.key(i), "la" | "le") && t.is_word(i + 1) && gazetteer::place_at(t, i).is_none() {
        i += 1;
    }
    let (end, place) = gazetteer::place_at(t, i)?;
    let code = match place {
        Place::Region(code, _) => code,
        Place::Departement(d) => {
            let dep = gazetteer::departements().get(d)?;
            // The overseas ARS: "ARS La Réunion", "ARS Mayotte".
            if dep.code.starts_with("97") {
                dep.region
            } else {
                return None;
            }
        }
        Place::Demonym(_) => return None,
    };
    // "ARS Océan Indien" covered La Réunion and Mayotte.
    let name = gazetteer::region(code).map(|r| r.name)?;
    Some((name, end))
}

/// An ARS named from token `i` ("ARS Grand Est", "Agence régionale de santé
/// Normandie", "l’ARS de Corse"): `(canonical name, region, end token)`.
pub fn ars_at(t: &Tokens, i: usize) -> Option<(String, &'static str, usize)> {
    let after = if t.key(i) == "ars" && t.get(i).is_some_and(|x| x.upper) {
        i + 1
    } else {
        t.seq(i, &["agence", "regionale", "de", "sante"])?
    };
    // "ARS-DD 05" is a délégation: still the ARS of its region, but the
    // region is not written here.
    let (region, mut end) = region_at(t, after)?;
    // "ARS Guadeloupe, Saint-Martin, Saint-Barthélemy": the collectivités
    // the agency also covers are part of its name.
    loop {
        let next = if t.punct(end) == Some(',') || t.key(end) == "et" {
            end + 1
        } else {
            break;
        };
        match gazetteer::place_at(t, next) {
            Some((e, Place::Departement(d)))
                if gazetteer::departements()
                    .get(d)
                    .is_some_and(|x| matches!(x.code, "977" | "978")) =>
            {
                end = e;
            }
            _ => break,
        }
    }
    Some((format!("ARS {region}"), region, end))
}

/// Whether a line is a newspaper's title in title case: an article and a
/// press head word ("L’Écho", "Le Courrier", "La Gazette"), at most six
/// words, each other word capitalised or a small word, no sentence
/// punctuation.
fn titled_masthead(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() < 2 || words.len() > 6 || text.ends_with(['.', ':', '!', '?', ',']) {
        return false;
    }
    let k = key(text);
    let kw: Vec<&str> = k.split(' ').collect();
    let article = matches!(kw.first(), Some(&("le" | "la" | "les" | "l")));
    if !article || !kw.get(1).is_some_and(|w| PRESS_HEADS.contains(w)) {
        return false;
    }
    words.iter().all(|w| {
        // "L’Écho", "Presqu’île", "d’Armor": each part after an apostrophe.
        w.split(['’', '\'', '-'])
            .filter(|p| !p.is_empty())
            .all(|p| {
                p.starts_with(char::is_uppercase)
                    || SMALL_WORDS.contains(&p.to_lowercase().as_str())
                    || matches!(p, "île" | "îles")
            })
    })
}

/// Acronyms of the organisations that issue PTSM documents, kept in
/// capitals when a name written in capitals is put in title case.
const ORG_ACRONYMS: &[&str] = &[
    "ARS", "CH", "CHS", "CHU", "CHRU", "CHD", "CHI", "CHIC", "EPSM", "EPSMD", "EPSMR", "EPS",
    "GHT", "GHU", "DAC", "PTA", "IREPS", "CRES", "ORS", "FHF", "URPS", "GEM", "CPTS", "UDAF",
    "MDA", "FEHAP", "CREAI", "CODES", "CLSM", "PTSM", "CTSM", "CRSA", "CTS", "OR2S",
];

/// The small words a French title keeps in lowercase ("Le Journal des
/// Outre-Mer", "L’Écho de la Presqu’île").
const SMALL_WORDS: &[&str] = &[
    "de", "du", "des", "la", "le", "les", "et", "d", "l", "en", "sur", "à", "au", "aux",
];

/// Title case for a name written in capitals, with French small words in
/// lowercase ("LE JOURNAL DES OUTRE-MER" → "Le Journal des Outre-Mer").
fn title_case(s: &str) -> String {
    if s.chars().any(|c| c.is_lowercase()) {
        return s.trim().to_string();
    }
    let mut out = String::new();
    for (n, word) in s.split(' ').filter(|w| !w.is_empty()).enumerate() {
        if n > 0 {
            out.push(' ');
        }
        // An organisation's acronym stays in capitals: "FHF", "EPSM DE LA
        // MARNE" → "EPSM de la Marne".
        if ORG_ACRONYMS.contains(&word.trim_matches(|c: char| !c.is_alphanumeric())) {
            out.push_str(word);
            continue;
        }
        let lower = word.to_lowercase();
        // "L’ÉCHO": the elided article stays lowercase after the first
        // word, the word after it is capitalised.
        let mut parts = lower.splitn(2, ['’', '\'']);
        let head = parts.next().unwrap_or("");
        let tail = parts.next();
        let cap = |w: &str, force: bool| -> String {
            if !force && SMALL_WORDS.contains(&w) {
                return w.to_string();
            }
            let mut cs = w.chars();
            match cs.next() {
                Some(f) => f
                    .to_uppercase()
                    .chain(cs)
                    .collect::<String>()
                    .split('-')
                    .map(|p| {
                        let mut c = p.chars();
                        c.next()
                            .map_or(String::new(), |f| f.to_uppercase().chain(c).collect())
                    })
                    .collect::<Vec<_>>()
                    .join("-"),
                None => String::new(),
            }
        };
        match tail {
            Some(t) => {
                out.push_str(&cap(head, n == 0));
                out.push('’');
                out.push_str(&cap(t, true));
            }
            None => out.push_str(&cap(head, n == 0)),
        }
    }
    out
}

/// A found statement of the issuer.
struct Found {
    name: String,
    kind: IssuerKind,
    region: Option<String>,
    co: Vec<String>,
    evidence: IssuerEvidence,
    range: std::ops::Range<usize>,
}

impl Found {
    /// An ARS, by its canonical name and region.
    fn ars(
        name: String,
        region: &str,
        evidence: IssuerEvidence,
        range: std::ops::Range<usize>,
    ) -> Found {
        Found {
            name,
            kind: IssuerKind::Ars,
            region: Some(region.into()),
            co: vec![],
            evidence,
            range,
        }
    }
}

/// The agency `s` names whole ("ARS Guyane", "Agence régionale de santé
/// Normandie"): its canonical name and region.
fn ars_whole(s: &str) -> Option<(String, &'static str)> {
    let t = Tokens::new(s);
    ars_at(&t, 0)
        .filter(|&(_, _, e)| e >= t.len())
        .map(|(n, r, _)| (n, r))
}

/// An organisation named by a whole short line (a logo or header line), or
/// at its start before " – " ("Centre hospitalier de Thuir – Actualités",
/// "DAC 27 – Dispositif d’appui à la coordination de l’Eure").
fn org_line(
    doc: &NormDoc,
    t: &Tokens,
    line: std::ops::Range<usize>,
) -> Option<(String, IssuerKind, Option<String>, std::ops::Range<usize>)> {
    // A logo's alternative text copied with the page: "[Logo] Agence
    // Régionale de Santé Martinique".
    let raw = doc.text.get(line.clone())?;
    let lead_ws = raw.len() - raw.trim_start().len();
    for p in ["[Logo] ", "[logo] ", "[LOGO] ", "[Image] ", "[image] "] {
        if raw[lead_ws..].starts_with(p) {
            return org_line(doc, t, line.start + lead_ws + p.len()..line.end);
        }
    }
    let text = doc.text.get(line.clone())?.trim();
    // (A site's menu is no organisation: "Accueil | Le DAC | Professionnels".)
    if text.is_empty() || text.ends_with('.') || text.match_indices(" | ").nth(1).is_some() {
        return None;
    }
    let mut a = t.at_byte(line.start);
    // A byline's lead before the organisation: "Publié par ARS …",
    // "Rédaction : service communication du CHS de …", "Un article de
    // l’ARS …".
    let lead = [
        &["publie", "par"][..],
        &["redige", "par"],
        &["realise", "par"],
        &["redaction"],
        &["un", "article", "de"],
        // A cover's coordination line in a header: "Coordination : Centre
        // Hospitalier Bélair – Charleville-Mézières".
        &["coordination"],
    ]
    .iter()
    .find_map(|w| t.seq(a, w))
    // ("Coordination PTSM 35" is an organisation's name; "Rédaction et
    // mise en page : …" is a cover's credit, read with the cover.)
    .filter(|&q| !matches!(t.key(a), "coordination" | "redaction") || t.punct(q) == Some(':'));
    if let Some(mut q) = lead {
        while matches!(t.punct(q), Some(':' | '’' | '\'')) || matches!(t.key(q), "l" | "le" | "la")
        {
            q += 1;
        }
        // "service communication du …": the service of the organisation.
        if t.key(q) == "service" {
            let le = t.line_end(q);
            if let Some(d) =
                (q + 1..le.min(q + 5)).find(|&d| matches!(t.key(d), "du" | "de" | "des"))
            {
                q = d + 1;
                while matches!(t.punct(q), Some('’' | '\'')) || matches!(t.key(q), "l" | "la") {
                    q += 1;
                }
            }
        }
        if q < t.line_end(q) {
            a = q;
        }
        // The organisation's name ends before its date: "… le 12/03/2023".
        if lead.is_some() && ars_at(t, a).is_none() {
            let le = t.line_end(a);
            let end = (a..le)
                .find(|&e| {
                    (t.key(e) == "le"
                        && t.get(e + 1)
                            .is_some_and(|x| x.kind == super::tokens::Kind::Number))
                        || matches!(t.punct(e), Some(',' | '–' | '|' | '('))
                })
                .unwrap_or(le);
            let head = t.slice(a, end).trim();
            if let Some(kind) = org_kind(head).filter(|_| head.split_whitespace().nth(9).is_none())
            {
                return Some((
                    prefecture_name(title_case(head), kind),
                    kind,
                    None,
                    t.range(a, end),
                ));
            }
            return None;
        }
    }
    // An ARS.
    if let Some((name, region, end)) = ars_at(t, a) {
        let rest = t.slice(end, t.line_end(a));
        let gap = t.get(end).is_some_and(|x| x.gap_before);
        if gap
            || lead.is_some()
            || rest.trim().is_empty()
            || rest.trim_start().starts_with(['–', '-', ':', '|'])
        {
            return Some((
                name,
                IssuerKind::Ars,
                Some(region.to_string()),
                t.range(a, end),
            ));
        }
    }
    // The part before " – " or " | ", or before a gap (two logos side by
    // side).
    let head_end = first_of(text, &[" – ", " | ", " - ", "\t"]).unwrap_or(text.len());
    let head = text[..head_end].trim();
    // "Unafam – Union nationale de familles et amis de …": a name and its
    // expansion; a line of running text is no header.
    // (A name in full with its acronym may be longer: "Union nationale
    // de familles et amis de personnes malades et/ou handicapées
    // psychiques (Unafam)".)
    let acronym_end = head
        .strip_suffix(')')
        .and_then(|h| h.rsplit_once('('))
        .is_some_and(|(_, a)| !a.is_empty() && !a.contains(' ') && a.len() <= 12)
        && !head.contains([':', ',']);
    let limit = if acronym_end { 16 } else { 12 };
    if head.split_whitespace().nth(limit).is_some()
        || (head_end == text.len() && text.split_whitespace().nth(limit).is_some())
    {
        return None;
    }
    // "F2RSM Psy – Fédération régionale de recherche en psychiatrie …": a
    // short name in capitals, then what it stands for.
    let expanded = || {
        let acronym = head.split_whitespace().count() <= 3
            && head
                .split_whitespace()
                .next()
                .is_some_and(|w| w.chars().filter(char::is_ascii_uppercase).count() >= 3);
        let tail = text[head_end..].trim_start_matches([' ', '–', '|', '-', '\t']);
        (acronym && tail.split_whitespace().count() <= 16)
            .then(|| org_kind(tail))
            .flatten()
    };
    // A health democracy's body heading its own opinion: "CONSEIL
    // TERRITORIAL DE SANTÉ DU BAS-RHIN" (named in a text's sentences, it
    // is no organisation of the kinds above).
    let cts = || {
        crate::normalize::key::key_prefix(head, 40)
            .starts_with("conseil territorial de sante")
            .then_some(IssuerKind::Other)
    };
    let Some(kind) = org_kind(head).or_else(expanded).or_else(cts) else {
        return tail_org(doc, line, text);
    };
    // A headline is no masthead: "La préfecture et l’ARS signent le CTSM
    // de l’Aude" names organisations in a sentence (a verb in lowercase).
    let verb = head.split_whitespace().any(|w| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        let k = key(w.rsplit(['’', '\'']).next().unwrap_or(w));
        // ("à" folds to "a": only the verb is written "a".)
        w.starts_with(|c: char| c.is_lowercase())
            && (k != "a" || w == "a")
            && matches!(
                k.as_str(),
                "est"
                    | "sont"
                    | "a"
                    | "ont"
                    | "signe"
                    | "signent"
                    | "lance"
                    | "lancent"
                    | "engage"
                    | "engagent"
                    | "adopte"
                    | "adoptent"
                    | "presente"
                    | "presentent"
                    | "renforce"
                    | "renforcent"
                    | "deploie"
                    | "deploient"
                    | "accueille"
                    | "accueillent"
                    | "ouvre"
                    | "ouvrent"
                    | "organise"
                    | "organisent"
            )
    });
    if verb {
        return None;
    }
    // A title about a PTSM names no organisation; a coordination, a
    // platform or a local council does ("Coordination du PTSM", "OSCARS",
    // "CONSEIL LOCAL DE SANTÉ MENTALE").
    let hk = key(head);
    if kind == IssuerKind::Other
        && !(hk.starts_with("coordination")
            || hk.starts_with("conseil local")
            || hk.starts_with("clsm")
            || hk.starts_with("oscars")
            || hk.starts_with("mairie")
            || hk.starts_with("ville d")
            || hk.starts_with("communaute d")
            || hk.starts_with("conseil regional")
            || hk.starts_with("collectivite")
            || hk == "senat"
            || hk.starts_with("conseil territorial de sante")
            || hk.starts_with("assemblee nationale")
            || hk.starts_with("ministere")
            || hk.starts_with("haute autorite de sante")
            || hk.starts_with("sante publique france")
            || hk.starts_with("cour des comptes"))
    {
        return None;
    }
    // A sentence is no header: "Le Centre hospitalier a accueilli…".
    if head.split_whitespace().nth(9).is_some() && !acronym_end {
        return None;
    }
    let name = prefecture_name(title_case(head), kind);
    let _ = doc;
    Some((
        name,
        kind,
        None,
        line.start
            ..line.start
                + head_end
                + (doc.text[line.clone()].len() - doc.text[line.clone()].trim_start().len()),
    ))
}

/// The organisation in a later part of a header line, after " – " or
/// " | ": a caption ("Le PTSM de la Meuse – ARS Grand Est – décembre
/// 2017"), a newsletter's masthead ("Lettre d’information n°4 –
/// Coordination PTSM 35").
fn tail_org(
    doc: &NormDoc,
    line: std::ops::Range<usize>,
    text: &str,
) -> Option<(String, IssuerKind, Option<String>, std::ops::Range<usize>)> {
    let raw = doc.text.get(line.clone())?;
    let lead = raw.len() - raw.trim_start().len();
    // The parts between separators, with their byte offsets in `text`.
    // (Two searches of a substring, not a decoding of every character.)
    let mut at: Vec<(usize, usize)> = text
        .match_indices('–')
        .chain(text.match_indices('|'))
        .map(|(i, c)| (i, i + c.len()))
        .collect();
    at.sort_unstable();
    let mut cuts: Vec<(usize, usize)> = vec![(0, 0)];
    cuts.extend(at);
    cuts.push((text.len(), text.len()));
    // A venue: "Auxerre – Centre hospitalier spécialisé de l’Yonne – salle
    // du conseil" (a town first, a room), where the meeting is held.
    let first = text[..cuts.get(1).map_or(text.len(), |c| c.0)].trim();
    // (A commune's name has five words at most: a longer part, the whole
    // text when it is one line, is not tokenized to learn that.)
    let town = !super::tokens::more_words_than(first, 5) && {
        let ft = Tokens::new(first);
        gazetteer::commune_at(&ft, 0).is_some_and(|(e, _)| e >= ft.len())
    };
    // (The start of each part's key is enough for the words looked for;
    // the room may follow the building after a comma: "CHU de Besançon,
    // salle Jean Minjoz".)
    let room = cuts.windows(2).any(|w| {
        text[w[0].1..w[1].0].split(',').any(|part| {
            let k = crate::normalize::key::key_prefix(part, 32);
            k.starts_with("salle ") || k.starts_with("amphitheatre") || k.starts_with("auditorium")
        })
    });
    // A meeting's line: "Réunion du 11 avril 2024 – 14h00-16h30 – …".
    let meeting = {
        let k = crate::normalize::key::key_prefix(first, 16);
        k.starts_with("reunion ") || k.starts_with("seance ") || k.starts_with("assemblee ")
    };
    if town || room || meeting {
        return None;
    }
    for (n, w) in cuts.windows(2).enumerate() {
        let (start, end) = (w[0].1, w[1].0);
        if n == 0 || n > 3 {
            continue;
        }
        let part = &text[start..end];
        let p = part.trim();
        if p.is_empty() || p.split_whitespace().nth(6).is_some() {
            continue;
        }
        let off = line.start + lead + start + (part.len() - part.trim_start().len());
        let pt = Tokens::new(p);
        if let Some((name, region, e)) = ars_at(&pt, 0) {
            if e >= pt.len() {
                return Some((
                    name,
                    IssuerKind::Ars,
                    Some(region.to_string()),
                    off..off + p.len(),
                ));
            }
        }
        let Some(kind) = org_kind(p) else { continue };
        let k = key(p);
        if kind == IssuerKind::Other
            && !(k.starts_with("coordination") || k.starts_with("conseil local"))
        {
            continue;
        }
        return Some((
            prefecture_name(title_case(p), kind),
            kind,
            None,
            off..off + p.len(),
        ));
    }
    None
}

/// "PRÉFET DE LOIR-ET-CHER" is the État's logo: the préfecture.
fn prefecture_name(mut name: String, kind: IssuerKind) -> String {
    if kind == IssuerKind::Prefecture {
        let k = key(&name);
        if let Some(rest) = k
            .strip_prefix("prefet ")
            .or_else(|| k.strip_prefix("prefete "))
        {
            // The preposition as written: "PRÉFET DE LOIR-ET-CHER" →
            // "Préfecture de Loir-et-Cher", "PRÉFÈTE DE LA MEUSE" →
            // "Préfecture de la Meuse".
            // "PRÉFET DE LA RÉGION GUYANE": the regional prefect.
            if let Some(r) = rest
                .strip_prefix("de la region ")
                .or_else(|| rest.strip_prefix("de region "))
            {
                let rt = Tokens::new(r);
                if let Some((region, e)) = region_at(&rt, 0) {
                    if e == rt.len() {
                        return format!("Préfecture de la région {region}");
                    }
                }
            }
            let prep = ["de la ", "de l ", "du ", "des ", "de "]
                .into_iter()
                .find(|p| rest.starts_with(p));
            let place = prep.map_or(rest, |p| &rest[p.len()..]);
            if let (Some(d), Some(p)) = (gazetteer::by_name(place), prep) {
                let bare = d.name.strip_prefix("La ").unwrap_or(d.name);
                let p = match p {
                    "de l " => "de l’".to_string(),
                    other => other.to_string(),
                };
                name = format!("Préfecture {p}{bare}");
            }
        }
    }
    name
}

/// Bytes of a logo block's lines that [`logo_block`] tokenizes at most.
const LOGO_HEAD: usize = 4096;

/// `s` cut after at most `max` bytes, at a space when there is one (a
/// word is not cut in two).
fn head_of(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut at = max;
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    let cut = &s[..at];
    cut.rfind(char::is_whitespace).map_or(cut, |i| &cut[..i])
}

/// A logo written over several short lines: "Agence Régionale de Santé" /
/// "MAYOTTE", "PRÉFET" / "DE LA NIÈVRE", "NIÈVRE" / "LE DÉPARTEMENT",
/// "Agence de Santé" / "Guadeloupe" / "Saint-Martin" / …: the lines from
/// `n` joined, `(name, kind, region, last line joined)`.
fn logo_block(
    doc: &NormDoc,
    n: usize,
    last: usize,
) -> Option<(String, IssuerKind, Option<String>, usize)> {
    let line_text = |m: usize| {
        doc.lines
            .get(m)
            .and_then(|l| doc.text.get(l.range.clone()))
            .map(str::trim)
    };
    let mut joined = line_text(n)?.to_string();
    // The line alone first ("Essonne – Le Département", a site's name),
    // then with the next short lines of the logo.
    for m in n..=(n + 3).min(last) {
        if m > n {
            let next = line_text(m)?;
            if next.is_empty() || next.split_whitespace().nth(5).is_some() || motto(next) {
                break;
            }
            joined.push(' ');
            joined.push_str(next);
        }
        // Only the start is read (an agency's name and its region): the
        // first line of a text of one long line was tokenized whole a
        // second time here, as much memory again as the document's tokens.
        let jt = Tokens::new(head_of(&joined, LOGO_HEAD));
        if let Some((name, region, e)) = ars_at(&jt, 0).or_else(|| {
            // "Agence de santé Guadeloupe, Saint-Martin, Saint-Barthélemy".
            jt.seq(0, &["agence", "de", "sante"])
                .and_then(|e| region_at(&jt, e))
                .map(|(r, e)| (format!("ARS {r}"), r, e))
        }) {
            if e > 2 {
                return Some((name, IssuerKind::Ars, Some(region.to_string()), m));
            }
        }
        let k = key(&joined);
        if k.starts_with("prefet ") || k.starts_with("prefete ") {
            let name = prefecture_name(title_case(&joined), IssuerKind::Prefecture);
            if name.starts_with("Préfecture") {
                return Some((name, IssuerKind::Prefecture, None, m));
            }
        }
        // "NIÈVRE / LE DÉPARTEMENT", "LE DÉPARTEMENT / DE LA NIÈVRE".
        let place = k
            .strip_suffix(" le departement")
            .or_else(|| k.strip_prefix("le departement "))
            .map(|p| {
                p.trim_start_matches("de la ")
                    .trim_start_matches("du ")
                    .trim_start_matches("de ")
            });
        if let Some(d) = place.and_then(gazetteer::by_name) {
            return Some((
                format!("Département {}", d.with_de()),
                IssuerKind::Departement,
                None,
                m,
            ));
        }
    }
    None
}

/// A town's, an intercommunality's or a region's own name ("Communauté
/// d’agglomération de Cergy-Pontoise", "Mairie de Lorient"): a local
/// authority, which signs with its address as institutions do.
fn local_authority(name: &str) -> bool {
    let k = key(name);
    k.split(' ').count() <= 8
        && [
            "communaute ",
            "mairie ",
            "ville ",
            "metropole ",
            "agglomeration ",
            "collectivite ",
            "conseil regional ",
        ]
        .iter()
        .any(|h| k.starts_with(h))
}

/// A postal address line: a street ("17 boulevard Gaston Doumergue", "2
/// place Jean Nouzille", "CS 55502") or a postcode and town ("44262
/// Nantes cedex 2").
fn address_line(s: &str) -> bool {
    // Both readings start with a number, "cs" or "bp": a part that starts
    // otherwise (nearly every part of a one-line text split at its dashes)
    // is not keyed whole.
    let head = crate::normalize::key::key_prefix(s, 4);
    if head
        .bytes()
        .next()
        .is_some_and(|b| !(b.is_ascii_digit() || matches!(b, b'c' | b'b' | b' ')))
    {
        return false;
    }
    let k = key(s);
    let words: Vec<&str> = k.split(' ').collect();
    let street = words
        .iter()
        .any(|w| gazetteer::street_type(w) || matches!(*w, "cours" | "cs" | "bp"))
        && words
            .first()
            .is_some_and(|w| w.bytes().all(|b| b.is_ascii_digit()) || matches!(*w, "cs" | "bp"));
    let postcode = words
        .first()
        .is_some_and(|w| w.len() == 5 && w.bytes().all(|b| b.is_ascii_digit()))
        && words.len() >= 2
        && words.len() <= 5;
    street || postcode
}

/// The Republic's motto under the État's logo.
fn motto(s: &str) -> bool {
    matches!(
        key(s).as_str(),
        "liberte"
            | "egalite"
            | "fraternite"
            | "liberte egalite fraternite"
            | "republique francaise"
            | "republique"
            | "francaise"
    )
}

/// Whether `s` is, or names, a newspaper.
pub fn press_name(s: &str) -> bool {
    press_in(s).is_some()
}

/// Where the first of `seps` stands in `text` (the earliest of their first
/// occurrences). Each separator is looked for only up to the earliest
/// found so far: a line of running text, a whole one-line document, was
/// read to its end once per separator.
fn first_of(text: &str, seps: &[&str]) -> Option<usize> {
    let mut best: Option<usize> = None;
    for sep in seps {
        // An occurrence before `best` ends before `best + sep.len()`.
        let mut end = best.map_or(text.len(), |b| (b + sep.len()).min(text.len()));
        while !text.is_char_boundary(end) {
            end += 1;
        }
        if let Some(at) = text[..end].find(sep) {
            best = Some(best.map_or(at, |b| b.min(at)));
        }
    }
    best
}

/// The end of a newspaper's name written from token `i` ("La Voix du
/// Nord", "Corse-Matin"): its place words name no territory.
pub fn press_at(t: &Tokens, i: usize) -> Option<usize> {
    if !t.is_word(i) {
        return None;
    }
    // Called on every token of a document: the forms of two words or more
    // are looked up by their first word, split once, with a fast hash of
    // short keys (SipHash cost half of this function).
    type ByFirst = rustc_hash::FxHashMap<&'static str, Vec<Vec<&'static str>>>;
    static BY_FIRST: std::sync::LazyLock<ByFirst> = std::sync::LazyLock::new(|| {
        let mut m = ByFirst::default();
        for f in PRESS.iter().flat_map(|(forms, _)| forms.iter()) {
            let words: Vec<&'static str> = f.split(' ').collect();
            if words.len() >= 2 {
                m.entry(words[0]).or_default().push(words);
            }
        }
        m
    });
    let forms = BY_FIRST.get(t.key(i))?;
    // Most first words are articles ("la", "le", "l"): the second word,
    // read once, rules out most forms before they are matched in full.
    let mut j = i + 1;
    while matches!(t.punct(j), Some('-' | '’' | '\'')) {
        j += 1;
    }
    let second = t.key(j);
    forms
        .iter()
        .filter(|words| words.get(1) == Some(&second))
        .filter_map(|words| t.seq(i, words))
        .max()
}

/// A station of the public radio network named "ici" and its place
/// ("ici Normandie", "ici Pays Basque (ex-France Bleu)"): the name, up to
/// a parenthesis or a separator, on a short line.
fn ici_station(s: &str) -> Option<&str> {
    let s = s.trim();
    let rest = s.strip_prefix("ici ")?;
    let end = first_of(rest, &[" (", " – ", " - ", " | ", ","]).unwrap_or(rest.len());
    let place = &rest[..end];
    let words: Vec<&str> = place.split_whitespace().collect();
    let after = &rest[end..];
    let ok = (1..=3).contains(&words.len())
        && words[0].starts_with(char::is_uppercase)
        && (after.is_empty() || key(after).contains("france bleu") || after.starts_with(" ("))
        && s.split_whitespace().nth(6).is_none();
    ok.then(|| &s[..4 + end])
}

/// The newspaper a text names in `s`, canonical: by name, or by the
/// domain of its site ("lamontagne.fr", "www.ouest-france.fr/…").
fn press_in(s: &str) -> Option<&'static str> {
    let k = format!(" {} ", key(s));
    PRESS
        .iter()
        .find(|(forms, _)| forms.iter().any(|f| k.contains(&format!(" {f} "))))
        .map(|(_, name)| *name)
        .or_else(|| press_domain(s))
}

/// The newspaper whose site a domain in `s` is: a label of the host,
/// hyphens dropped, spells one of its forms, with or without the article
/// ("lamontagne.fr", "estrepublicain.fr", "republicain-lorrain.fr").
fn press_domain(s: &str) -> Option<&'static str> {
    if !s.contains(".fr") && !s.contains(".com") && !s.contains(".info") && !s.contains(".re") {
        return None;
    }
    let hosts = s
        .split(|c: char| c.is_whitespace() || matches!(c, '/' | '(' | ')' | '«' | '»' | ','))
        .filter(|w| {
            let w = w.trim_end_matches(['.', ';', ':']);
            [".fr", ".com", ".info", ".re"]
                .iter()
                .any(|tld| w.ends_with(tld))
        });
    for host in hosts {
        let host = host.trim_end_matches(['.', ';', ':']).to_ascii_lowercase();
        let labels: Vec<&str> = host.split('.').collect();
        for label in &labels[..labels.len().saturating_sub(1)] {
            let compact: String = label
                .chars()
                .filter(|c| c.is_ascii_alphanumeric())
                .collect();
            if compact.len() < 3 || compact == "www" {
                continue;
            }
            let found = PRESS.iter().find(|(forms, _)| {
                forms.iter().any(|f| {
                    let whole: String = f.chars().filter(|c| *c != ' ').collect();
                    let bare: String = f
                        .split(' ')
                        .skip_while(|w| matches!(*w, "le" | "la" | "les" | "l"))
                        .collect();
                    compact == whole || (bare.len() >= 6 && compact == bare)
                })
            });
            if let Some((_, name)) = found {
                return Some(name);
            }
        }
    }
    None
}

/// Whether line `n` comes back on other pages, page number apart (a
/// running footer: "PTSM du Pays basque – porté par le Centre hospitalier
/// de la Côte Basque 1/9").
fn running_line(keys: &[String], n: usize) -> bool {
    let bare = |k: &str| {
        k.trim_end_matches(|c: char| c.is_ascii_digit() || c == ' ')
            .len()
    };
    let Some(own) = keys.get(n).map(|k| &k[..bare(k)]) else {
        return false;
    };
    own.len() >= 20 && keys.iter().filter(|k| &k[..bare(k)] == own).count() >= 2
}

/// Searchers for [`COVER_LEADS`], built once: `str::find` prepared its
/// searcher again for each lead on each of the first lines of every
/// document (two thirds of the cost of finding the issuer). The same
/// leftmost byte offset.
static COVER_FINDERS: std::sync::LazyLock<Vec<memchr::memmem::Finder<'static>>> =
    std::sync::LazyLock::new(|| {
        COVER_LEADS
            .iter()
            .map(|l| memchr::memmem::Finder::new(l.as_bytes()))
            .collect()
    });

/// What introduces the organisation that made a document on its cover
/// or title page.
const COVER_LEADS: &[&str] = &[
    "Coordination et mise en page :",
    "Rédaction et mise en page :",
    "sous la coordination de l’",
    "sous la coordination de la ",
    "sous la coordination du ",
    "sous la coordination de ",
    "Document produit par ",
    "porté par le ",
    "porté par la ",
    "porté par l’",
    "portée par le ",
    "portée par la ",
    "portée par l’",
    "Porté par le ",
    "Porté par la ",
    "Porté par l’",
    "Portée par le ",
    "Portée par la ",
    "Portée par l’",
    "Coordination :",
    "Coordination:",
    "Mise en page assurée par ",
    "Mise en page :",
    "Rédaction :",
    "Réalisation :",
    "Document réalisé par ",
    "Document élaboré par ",
    "Document rédigé par ",
    "Document coordonné par ",
    "Réalisé par ",
    "Élaboré par ",
    "Rédigé par ",
    "Rédigée par ",
    "Réalisée par ",
    "Élaborée par ",
    "Étude réalisée par l’",
    "Étude réalisée par la ",
    "Étude réalisée par le ",
    "Étude réalisée par ",
    // A magazine's or a newsletter's colophon, at its head or its foot:
    // "Argenteuil Mag' est édité par la Ville d'Argenteuil – Hôtel de
    // ville, …".
    "édité par ",
    "éditée par ",
    "Éditeur : ",
];

/// The organisation a service's credit names: "service communication de
/// l’Université de Caen Normandie" → "Université de Caen Normandie"; any
/// other credit as it is.
fn service_of(org: &str) -> &str {
    let k = key(org);
    let service = [
        "service communication ",
        "service de communication ",
        "service de la communication ",
        "direction de la communication ",
    ]
    .iter()
    .any(|h| k.starts_with(h));
    if !service {
        return org;
    }
    for p in [" de l’", " de l'", " de la ", " du ", " des ", " de "] {
        if let Some(at) = org.find(p) {
            let rest = org[at + p.len()..].trim();
            if org_kind(rest).is_some() {
                return rest;
            }
        }
    }
    org
}

/// Whether a line (its key) is a heading of a legal text's structure:
/// "Article 4 – Engagements de l’Agence régionale de santé", "TITRE II –
/// …", "Chapitre 3": the organisation it names is a party, not the
/// document's author.
fn structural_heading(k: &str) -> bool {
    let mut words = k.split(' ');
    let (Some(head), Some(num)) = (words.next(), words.next()) else {
        return false;
    };
    matches!(head, "article" | "titre" | "chapitre" | "section")
        && (num.chars().all(|c| c.is_ascii_digit())
            || num == "1er"
            || num == "premier"
            || num.chars().all(|c| matches!(c, 'i' | 'v' | 'x')))
}

/// Whether a line (its key) is a publication's tagline: "Le mensuel des
/// équipes soignantes", "L’hebdomadaire du Trégor", "Le quotidien de la
/// Corse", "Votre journal en ligne".
fn press_tagline(k: &str) -> bool {
    const HEADS: &[&str] = &[
        "le quotidien ",
        "l hebdomadaire ",
        "l hebdo ",
        "le mensuel ",
        "le bimestriel ",
        "le trimestriel ",
        "le magazine ",
        "le journal ",
        "le site d information ",
        "le media ",
        "votre quotidien ",
        "votre hebdomadaire ",
        "votre journal ",
        "votre magazine ",
    ];
    HEADS.iter().any(|h| k.starts_with(h)) && k.split(' ').nth(14).is_none()
}

/// Finds the issuer.
pub fn extract(
    doc: &NormDoc,
    t: &Tokens,
    keys: &[String],
    kind: DocKind,
    title_line: Option<usize>,
) -> Option<Issuer> {
    let mut found = find(doc, t, keys, kind, title_line)?;
    // "© 2023 Centre Hospitalier La Chartreuse": the organisation, not its
    // copyright mark.
    if found.name.starts_with('©') {
        let trimmed = found
            .name
            .trim_start_matches(['©', ' '])
            .trim_start_matches(|c: char| c.is_ascii_digit())
            .trim_start()
            .to_string();
        if !trimmed.is_empty() {
            found.name = trimmed;
        }
    }
    // "Préfecture de Loir-et-Cher": no region in the name.
    let region = found.region;
    let text = doc
        .text
        .get(found.range.clone())
        .unwrap_or("")
        .trim()
        .to_string();
    // "Croix-Rouge française en Martinique": the organisation, without
    // where its branch is (the text keeps it).
    let name = match found.name.rsplit_once(" en ") {
        Some((org, place))
            if found.kind != IssuerKind::Press
                && org_kind(org).is_some()
                && gazetteer::place_at(&Tokens::new(place), 0)
                    .is_some_and(|(e, _)| e >= Tokens::new(place).len()) =>
        {
            org.to_string()
        }
        _ => found.name,
    };
    Some(Issuer {
        name,
        kind: found.kind,
        region,
        co_issuers: found.co,
        evidence: found.evidence,
        text,
        span: span(doc, found.range),
    })
}

/// A cover's credit line: "Coordination : …", "Mise en page assurée par
/// …", "Rédaction : coordination du PTSM 80", "Document réalisé par
/// l’Observatoire régional de santé … pour …".
fn cover(doc: &NormDoc, keys: &[String]) -> Option<Found> {
    let lines = &doc.lines;
    // (A colophon may close the document: its last lines are read too.)
    let foot = lines.len().saturating_sub(15).max(60);
    for (n, l) in lines
        .iter()
        .enumerate()
        .filter(|&(n, _)| n < 60 || n >= foot)
    {
        let text = doc.text.get(l.range.clone())?;
        // "Coordination du PTSM des Alpes-de-Haute-Provence" / "Centre
        // hospitalier de Digne-les-Bains – Pôle de psychiatrie" on the
        // cover: the organisation that coordinates it.
        let tk = keys.get(n).map_or("", String::as_str);
        if n < 16
            && (tk.starts_with("coordination du ptsm")
                || tk.starts_with("coordination du projet territorial"))
            && text.split_whitespace().nth(10).is_none()
        {
            if let Some(next) = lines.get(n + 1) {
                let nt = doc.text.get(next.range.clone()).unwrap_or("");
                let head = nt.split(" – ").next().unwrap_or("").trim();
                if let Some(k) = org_kind(head)
                    .filter(|k| *k != IssuerKind::Other && head.split_whitespace().nth(8).is_none())
                {
                    let off = next.range.start + nt.find(head).unwrap_or(0);
                    return Some(Found {
                        name: head.to_string(),
                        kind: k,
                        region: None,
                        co: vec![],
                        evidence: IssuerEvidence::Cover,
                        range: off..off + head.len(),
                    });
                }
            }
        }
        // "porté par" names an organisation on a cover or a running
        // footer, not in a sentence of the body.
        let short = text.split_whitespace().nth(14).is_none() || running_line(keys, n);
        for (lead, finder) in COVER_LEADS.iter().zip(COVER_FINDERS.iter()) {
            // ("Élaboré depuis 2023 sous la coordination du centre
            // hospitalier de …" in a sentence of an article is a third
            // party.)
            // (The capitalised leads too: "Porté par l’agglomération et
            // cofinancé par l’Agence régionale de santé, le CLSM est …".)
            if (lead.starts_with("port") || lead.starts_with("Port")) && !short {
                continue;
            }
            if lead.starts_with("sous la coordination")
                && text.split_whitespace().nth(24).is_some()
                && !running_line(keys, n)
            {
                continue;
            }
            let colophon = lead.contains("dit");
            // (A credit may close the document: "Coordination : ARS Mayotte
            // – mission santé mentale" as its last line.)
            // ("Document réalisé par le Centre hospitalier …, porteur de la
            // coordination du PTSM" closing it too.)
            let last = lines.len() - n <= 2
                && (lead.ends_with(':') && text.split_whitespace().nth(20).is_none()
                    || lead.starts_with("Document "));
            let allowed = n < 16 || colophon || last || (lead.starts_with("Mise en page") && short);
            if !allowed {
                continue;
            }
            if let Some(i) = finder.find(text.as_bytes()) {
                let rest = &text[i + lead.len()..];
                // "Réalisation :" alone, the organisation on the next line.
                let (l, text, rest) = if rest.trim().is_empty() && lead.ends_with(':') {
                    match lines.get(n + 1) {
                        Some(next) => {
                            let nt = doc.text.get(next.range.clone()).unwrap_or("");
                            (next, nt, nt)
                        }
                        None => (l, text, rest),
                    }
                } else {
                    (l, text, rest)
                };
                let rest = rest.trim();
                let rest = ["le ", "la ", "les ", "l’", "l'"]
                    .iter()
                    .find_map(|a| rest.strip_prefix(a))
                    .unwrap_or(rest);
                // Up to the next capitalised rubric ("Version pour …"), or
                // what the document was made for.
                // (A web page's credit goes on with its date after a bar:
                // "Rédigé par … | 05.12.2023".)
                let end = first_of(
                    rest,
                    &[
                        " Version", " – ", " pour ", " avec ", ". ", ", ", " (", " | ", " : ",
                    ],
                )
                .unwrap_or(rest.len());
                let org = rest[..end].trim().trim_end_matches('.');
                // The service that wrote it speaks for its organisation:
                // "le service communication de l’Université de Caen".
                let org = service_of(org);
                // "Rédigée par la coordination du Projet territorial de santé
                // mentale" / "Centre Hospitalier Bélair – Charleville": the
                // coordination is the organisation on the next line.
                let next_org = (key(org).starts_with("coordination ")
                    && rest[end..].trim().is_empty())
                .then(|| lines.get(n + 1))
                .flatten()
                .and_then(|next| {
                    let nt = doc.text.get(next.range.clone())?;
                    let head = nt.split(" – ").next()?.trim();
                    org_kind(head)
                        .filter(|k| {
                            *k != IssuerKind::Other && head.split_whitespace().nth(8).is_none()
                        })
                        .map(|_| (next, nt, head))
                });
                let (l, text, org) = match next_org {
                    Some((next, nt, head)) => (next, nt, head),
                    None => (l, text, org),
                };
                // "coordination du PTSM 62 – EPSM Val de Lys-Artois": the
                // organisation after the dash.
                let org = match rest[end..].strip_prefix(" – ") {
                    Some(after) if key(org).starts_with("coordination ") => {
                        // (Its town after a comma: "…, Picauville".)
                        let head = after.split([',', '–']).next().unwrap_or("").trim();
                        let head = head.trim_end_matches('.');
                        if org_kind(head).is_some_and(|k| k != IssuerKind::Other)
                            && head.split_whitespace().nth(8).is_none()
                        {
                            head
                        } else {
                            org
                        }
                    }
                    _ => org,
                };
                // A running footer's page number: "… Côte Basque 1/9".
                let org = match org.rsplit_once(' ') {
                    Some((head, num))
                        if !num.is_empty()
                            && num.chars().all(|c| c.is_ascii_digit() || c == '/') =>
                    {
                        head.trim_end()
                    }
                    _ => org,
                };
                // Two organisations: the first is named, the second joins
                // it ("EPSM Étienne Gourmelen (Quimper) et CHRU de Brest").
                let (org, co) = match org.split_once(" et ") {
                    Some((a, b)) if org_kind(a).is_some() && org_kind(b).is_some() => {
                        (a.trim(), vec![b.trim().to_string()])
                    }
                    _ => (org, vec![]),
                };
                // A service, then its organisation: "Direction de la
                // communication, ARS Martinique".
                let org = if org_kind(org).is_none() && rest[end..].starts_with(", ") {
                    let next = rest[end + 2..].trim().trim_end_matches('.');
                    if org_kind(next).is_some() && next.split_whitespace().nth(8).is_none() {
                        next
                    } else {
                        org
                    }
                } else {
                    org
                };
                if let Some(k) = org_kind(org) {
                    let off = l.range.start + text.find(org).unwrap_or(0);
                    if k == IssuerKind::Ars {
                        let ot = Tokens::new(org);
                        if let Some((name, region, _)) = ars_at(&ot, 0) {
                            return Some(Found {
                                name,
                                kind: k,
                                region: Some(region.into()),
                                co,
                                evidence: IssuerEvidence::Cover,
                                range: off..off + org.len(),
                            });
                        }
                    }
                    return Some(Found {
                        name: org.to_string(),
                        kind: k,
                        region: None,
                        co,
                        evidence: IssuerEvidence::Cover,
                        range: off..off + org.len(),
                    });
                }
            }
        }
    }
    None
}

/// The articles an organisation's name may start with after a lead.
const ARTICLES: &[&str] = &["la ", "le ", "les ", "l’", "l'"];
/// The same, capitalised too.
const ARTICLES_ANY_CASE: &[&str] = &["la ", "le ", "les ", "l’", "l'", "La ", "Le ", "L’", "L'"];

/// The number of words of a lead ("site officiel de " → 3).
fn lead_words(lead: &str) -> usize {
    lead.split(' ').filter(|w| !w.is_empty()).count()
}

/// Where in `text` the name after its first `words` words starts (words
/// as the keys count them: "d’" is one), past one of `articles`.
fn name_after(text: &str, words: usize, articles: &[&str]) -> Option<usize> {
    let lt = Tokens::new(text);
    let first_word = (0..lt.len()).filter(|&q| lt.is_word(q)).nth(words)?;
    let at = lt.get(first_word)?.start as usize;
    let article = articles
        .iter()
        .find(|a| text[at..].starts_with(*a))
        .map_or(0, |a| a.len());
    Some(at + article)
}

/// "Une publication de la Ville de Brest", "Un site du Département de
/// l’Orne", "Ce contenu est proposé par l’ARS Normandie", "Article publié
/// par la Mairie de Caen le 3 mai 2024", on one of the first six or last
/// eight lines: the organisation after the lead.
fn publisher_statement(doc: &NormDoc, t: &Tokens) -> Option<Found> {
    const LEADS: &[&str] = &[
        "une publication de ",
        "une publication du ",
        "une publication des ",
        "un site de ",
        "un site du ",
        "ce contenu est propose par ",
        "contenu propose par ",
        "article publie par ",
        "page publiee par ",
        "ce site est edite par ",
        "site edite par ",
    ];
    let n = doc.lines.len();
    for l in doc
        .lines
        .iter()
        .take(6)
        .chain(doc.lines.iter().skip(n.saturating_sub(8).max(6)))
    {
        let raw = doc.text.get(l.range.clone())?;
        let text = raw.trim();
        let k = key(text);
        if k.split(' ').count() > 20 {
            continue;
        }
        let Some(lead) = LEADS.iter().find(|p| k.starts_with(*p)) else {
            continue;
        };
        // (Past the article of the organisation's name: "la Ville de
        // Brest".)
        let at = name_after(text, lead_words(lead), ARTICLES)?;
        // Up to its date or the sentence's end: "… la Mairie de Caen le 3
        // mai 2024.".
        let rest = &text[at..];
        let stop = rest
            .match_indices(" le ")
            .find(|(i, _)| rest[i + 4..].starts_with(|c: char| c.is_ascii_digit()))
            .map(|(i, _)| i)
            .or_else(|| rest.find(", "))
            .unwrap_or(rest.len());
        let len = rest[..stop].trim_end().trim_end_matches('.').len();
        let off = l.range.start + (raw.len() - raw.trim_start().len()) + at;
        if let Some((name, kind, region, r)) = org_line(doc, t, off..off + len) {
            return Some(Found {
                name,
                kind,
                region,
                co: vec![],
                evidence: IssuerEvidence::Header,
                range: r,
            });
        }
    }
    None
}

/// The publisher a newsletter's masthead names, on one of the first three
/// lines: "La Lettre du PTSM de la Manche" → "Coordination du PTSM de la
/// Manche"; "La Lettre de la CRSA" / "Conférence régionale de la santé et
/// de l’autonomie de La Réunion" → "CRSA La Réunion"; "Lettre
/// d’information de l’EPSM de la Sarthe" → the organisation.
fn newsletter_masthead(doc: &NormDoc, t: &Tokens, coordination: bool) -> Option<Found> {
    let firsts: Vec<&crate::normalize::NormLine> = doc
        .lines
        .iter()
        .filter(|l| {
            doc.text
                .get(l.range.clone())
                .is_some_and(|x| !x.trim().is_empty())
        })
        .take(4)
        .collect();
    for (n, l) in firsts.iter().enumerate().take(3) {
        let raw = doc.text.get(l.range.clone())?;
        let text = raw.trim();
        let k = key(text);
        const LEADS: &[&str] = &[
            "la lettre d information ",
            "lettre d information ",
            "la lettre ",
            "la newsletter ",
            "newsletter ",
            "le magazine ",
            "magazine ",
            "le bulletin ",
            "bulletin ",
            "la revue ",
        ];
        let Some(after_lead) = LEADS.iter().find_map(|p| k.strip_prefix(p)) else {
            continue;
        };
        let Some(article) = ["du ", "de la ", "de l ", "des "]
            .iter()
            .find(|a| after_lead.starts_with(*a))
        else {
            continue;
        };
        // The words of the lead and its article, then the name as written.
        let skip = k.split(' ').count() - after_lead.split(' ').count()
            + article.split(' ').filter(|w| !w.is_empty()).count();
        let name_at = name_after(text, skip, &[])?;
        let name = text[name_at..]
            .split([' ', '\t'])
            .take_while(|w| {
                !w.starts_with(['–', '-', '|', '(']) && !w.starts_with("n°") && !w.starts_with("N°")
            })
            .collect::<Vec<_>>()
            .join(" ");
        let name = name.trim_end_matches([',', ';', ':', '.']).trim();
        if name.is_empty() || name.split_whitespace().count() > 10 {
            continue;
        }
        let nk = key(name);
        let off = l.range.start + (raw.len() - raw.trim_start().len()) + name_at;
        let range = off..off + name.len();
        let ptsm = nk.starts_with("ptsm ")
            || nk.starts_with("ctsm ")
            || nk.starts_with("projet territorial");
        if ptsm != coordination {
            continue;
        }
        if ptsm {
            return Some(Found {
                name: format!("Coordination du {name}"),
                kind: IssuerKind::Other,
                region: None,
                co: vec![],
                evidence: IssuerEvidence::Header,
                range,
            });
        }
        if let Some((o, kind, region, r)) = org_line(doc, t, range.clone()) {
            return Some(Found {
                name: o,
                kind,
                region,
                co: vec![],
                evidence: IssuerEvidence::Header,
                range: r,
            });
        }
        // An acronym spelled out on the next line, with its place at the
        // end: named by the acronym and the place.
        let acronym = name.len() >= 2
            && name.len() <= 8
            && name
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
        if acronym {
            let next = firsts
                .get(n + 1)
                .and_then(|x| doc.text.get(x.range.clone()))?
                .trim();
            let nt = Tokens::new(next);
            let initial = next.chars().next().is_some_and(|c| name.starts_with(c));
            let place = (0..nt.len())
                .filter_map(|q| {
                    crate::extract::gazetteer::place_at(&nt, q).and_then(|(e, p)| {
                        matches!(
                            p,
                            crate::extract::gazetteer::Place::Departement(_)
                                | crate::extract::gazetteer::Place::Region(..)
                        )
                        .then(|| (e, nt.slice(q, e)))
                    })
                })
                // (The longest form at the end: "La Réunion", not "Réunion".)
                .fold(None, |best: Option<(usize, &str)>, (e, p)| match best {
                    Some((be, _)) if be >= e => best,
                    _ => Some((e, p)),
                })
                .filter(|(e, _)| *e >= nt.len().saturating_sub(1));
            if initial && next.split_whitespace().count() >= 3 {
                let name = match place {
                    Some((_, p)) => format!("{name} {p}"),
                    None => name.to_string(),
                };
                return Some(Found {
                    name,
                    kind: IssuerKind::Other,
                    region: None,
                    co: vec![],
                    evidence: IssuerEvidence::Header,
                    range,
                });
            }
        }
    }
    None
}

fn find(
    doc: &NormDoc,
    t: &Tokens,
    keys: &[String],
    kind: DocKind,
    title_line: Option<usize>,
) -> Option<Found> {
    let lines = &doc.lines;
    let doc_kind = kind;
    let press_heads = |s: &str| key(s).split(' ').take(3).any(|w| PRESS_HEADS.contains(&w));
    let key_of = |n: usize| keys.get(n).map_or("", String::as_str);
    // 1. Source lines.
    for (n, l) in lines.iter().enumerate() {
        let text = doc.text.get(l.range.clone())?;
        let k = key_of(n);
        let rest = if k.contains("first appeared on") {
            text.find("first appeared on:")
                .map(|i| &text[i + "first appeared on:".len()..])
        } else if k.starts_with("source ") && text.contains(':') && text.len() < 120 {
            text.split_once(':').map(|(_, r)| r)
        } else {
            None
        };
        if let Some(rest) = rest {
            let rest = rest.trim();
            // A table's or a figure's source names where its data come from
            // ("Source : ARS La Réunion, bilan au 30 septembre 2024"), not
            // who publishes the document.
            let data = rest.split_once([',', '(']).is_some_and(|(_, tail)| {
                let tk = format!(" {} ", key(tail));
                [
                    " bilan ",
                    " donnees ",
                    " chiffres ",
                    " enquete ",
                    " traitement ",
                    " estimation",
                    " extraction ",
                    " recensement ",
                    " tableau de bord ",
                    " au 1er ",
                    " au 31 ",
                    " au 30 ",
                ]
                .iter()
                .any(|w| tk.contains(w))
            });
            if data {
                continue;
            }
            let off = l.range.start + text.len() - rest.len();
            let rt = Tokens::new(rest);
            if let Some((name, region, _)) = ars_at(&rt, 0) {
                return Some(Found::ars(
                    name,
                    region,
                    IssuerEvidence::SourceLine,
                    off..off + rest.len(),
                ));
            }
            if let Some(p) = press_in(rest) {
                return Some(Found {
                    name: p.into(),
                    kind: IssuerKind::Press,
                    region: None,
                    co: vec![],
                    evidence: IssuerEvidence::SourceLine,
                    range: off..off + rest.len(),
                });
            }
            // The organisation starts the source ("Source : ARS …"); a
            // table's source ("Source : RPPS 2018, traitement ORS") is data.
            let head = rest.split([',', ';', '(']).next().unwrap_or(rest);
            if let Some(k) = org_kind(head).filter(|_| rest.split_whitespace().nth(10).is_none()) {
                // "MDPH de la Sarthe – service communication": the
                // organisation, not its service.
                let name = match rest.split_once(" – ") {
                    Some((org, service))
                        if org_kind(org).is_some()
                            && ["service", "direction", "pole", "cellule"]
                                .iter()
                                .any(|w| key(service).starts_with(w)) =>
                    {
                        org.trim()
                    }
                    _ => rest,
                };
                return Some(Found {
                    name: name.to_string(),
                    kind: k,
                    region: None,
                    co: vec![],
                    evidence: IssuerEvidence::SourceLine,
                    range: off..off + rest.len(),
                });
            }
        }
    }
    // 1a. An e-mail's sender over its header ("De : Coordination PTSM 21
    // <coordination.ptsm21@…>" / "Envoyé : …" / "Objet : …"); a paywall
    // naming its newspaper ("Cet article est réservé aux abonnés de La
    // Croix.").
    for (n, l) in lines.iter().enumerate() {
        let k = key_of(n);
        let text = doc.text.get(l.range.clone())?;
        if n < 3 && (k.starts_with("de ") || k.starts_with("from ")) && text.contains('@') {
            let header = (n + 1..(n + 4).min(lines.len())).any(|m| {
                let km = key_of(m);
                km.starts_with("envoye") || km.starts_with("objet") || km.starts_with("sent")
            });
            let name = text
                .split_once(':')
                .map(|(_, r)| r.split('<').next().unwrap_or("").trim())
                .unwrap_or("");
            if let Some(kind) = org_kind(name).filter(|_| header && !name.is_empty()) {
                let off = l.range.start + text.find(name).unwrap_or(0);
                return Some(Found {
                    name: name.to_string(),
                    kind,
                    region: None,
                    co: vec![],
                    evidence: IssuerEvidence::Header,
                    range: off..off + name.len(),
                });
            }
        }
        for lead in ["réservé aux abonnés de ", "réservé aux abonnés du "] {
            let Some(at) = text.find(lead) else { continue };
            let rest = &text[at + lead.len()..];
            let raw = rest
                .split(['.', ',', ';', '('])
                .next()
                .unwrap_or("")
                .trim_end();
            let name = raw.trim();
            let name = if lead.ends_with("du ") {
                format!("Le {name}")
            } else {
                name.to_string()
            };
            let words = name.split_whitespace().count();
            if (1..=5).contains(&words) && name.starts_with(char::is_uppercase) {
                let start = l.range.start + at + lead.len();
                return Some(Found {
                    name,
                    kind: IssuerKind::Press,
                    region: None,
                    co: vec![],
                    evidence: IssuerEvidence::Statement,
                    range: start..start + raw.len(),
                });
            }
        }
    }
    // 1b. A breadcrumb that starts with the site's owner: "ARS Occitanie >
    // Appels à projets", "Centre hospitalier de Jury › Actualités".
    for l in lines.iter().take(3) {
        let text = doc.text.get(l.range.clone())?.trim();
        // (Not a period written with an arrow: "… de l’Aveyron 2020 >
        // 2025".)
        let Some(at) = first_of(text, &[" > ", " › ", " » "]).filter(|&at| {
            let len = [" > ", " › ", " » "]
                .iter()
                .find(|sep| text[at..].starts_with(**sep))
                .map_or(3, |sep| sep.len());
            !text[..at].ends_with(|c: char| c.is_ascii_digit())
                || !text[at + len..].starts_with(|c: char| c.is_ascii_digit())
        }) else {
            continue;
        };
        let head = text[..at].trim();
        let off = l.range.start + doc.text[l.range.clone()].find(head).unwrap_or(0);
        if let Some((name, region)) = ars_whole(head) {
            return Some(Found::ars(
                name,
                region,
                IssuerEvidence::Header,
                off..off + head.len(),
            ));
        }
        if let Some(kind) = org_kind(head).filter(|_| head.split_whitespace().nth(8).is_none()) {
            return Some(Found {
                name: prefecture_name(head.to_string(), kind),
                kind,
                region: None,
                co: vec![],
                evidence: IssuerEvidence::Header,
                range: off..off + head.len(),
            });
        }
    }
    // 1b'. The author of an act: "Le Directeur général de l’Agence
    // régionale de santé de Martinique," over its "Vu …" recitals (the
    // State's logo beside the agency's is the letterhead, not a joint
    // author).
    for (n, l) in lines.iter().enumerate().take(30) {
        let k = key_of(n);
        if !(k.starts_with("le ") || k.starts_with("la ")) {
            continue;
        }
        let line = doc.text.get(l.range.clone())?.trim();
        // The author up to its comma; the recitals after it (the
        // normalizer may have joined them to its line) or on the next
        // lines.
        let Some((text, after)) = line.split_once(',') else {
            continue;
        };
        if text.split_whitespace().nth(20).is_some() {
            continue;
        }
        let after = after.trim();
        let recitals = if after.is_empty() {
            (n + 1..(n + 5).min(lines.len())).any(|m| key_of(m).starts_with("vu "))
        } else {
            after.starts_with("Vu ") || after.starts_with("VU ")
        };
        if !recitals {
            continue;
        }
        let agent = [
            "le directeur general de l ",
            "la directrice generale de l ",
            "le directeur general de la ",
            "la directrice generale de la ",
        ]
        .iter()
        .any(|h| k.starts_with(h));
        if agent {
            let lt = Tokens::new(text);
            if let Some((name, region, e)) = (0..lt.len()).find_map(|i| ars_at(&lt, i)) {
                let _ = e;
                return Some(Found::ars(
                    name,
                    region,
                    IssuerEvidence::Statement,
                    l.range.start..l.range.start + text.len(),
                ));
            }
        }
        if k.starts_with("le prefet d") || k.starts_with("la prefete d") {
            let name = text.trim();
            let name = name
                .strip_prefix("Le ")
                .or_else(|| name.strip_prefix("La "))
                .unwrap_or(name);
            return Some(Found {
                name: prefecture_name(name.to_string(), IssuerKind::Prefecture),
                kind: IssuerKind::Prefecture,
                region: None,
                co: vec![],
                evidence: IssuerEvidence::Statement,
                range: l.range.start..l.range.start + text.len(),
            });
        }
    }
    // 1c. A publication's masthead over its tagline: "Santé Mentale" / "Le
    // mensuel des équipes soignantes en psychiatrie", "L’Écho" / "Le
    // quotidien du Limousin".
    {
        let firsts: Vec<(usize, &str)> = lines
            .iter()
            .enumerate()
            .take(6)
            .filter_map(|(n, l)| Some((n, doc.text.get(l.range.clone())?.trim())))
            .filter(|(_, x)| !x.is_empty())
            .collect();
        for w in firsts.windows(2) {
            let ((n, name), (m, _)) = (w[0], w[1]);
            let words = name.split_whitespace().count();
            // (A rubric over the first sentence is no masthead: "Actualités"
            // / "Le journal de bord du PTSM est en ligne.")
            let rubric = matches!(
                key(name).as_str(),
                "actualites" | "actualite" | "accueil" | "article" | "breve" | "sante" | "a la une"
            );
            let sentence = doc
                .text
                .get(lines[m].range.clone())
                .is_some_and(|x| x.trim_end().ends_with('.'));
            if !(1..=6).contains(&words)
                || name.ends_with([':', '.'])
                || !name.starts_with(char::is_uppercase)
                || rubric
                || sentence
                || !press_tagline(key_of(m))
            {
                continue;
            }
            let off =
                lines[n].range.start + doc.text[lines[n].range.clone()].find(name).unwrap_or(0);
            return Some(Found {
                name: name.to_string(),
                kind: IssuerKind::Press,
                region: None,
                co: vec![],
                evidence: IssuerEvidence::Header,
                range: off..off + name.len(),
            });
        }
    }
    // 1d. A newsletter's masthead names who writes it: "La Lettre du PTSM
    // de la Manche" (its coordination), "La Lettre de la CRSA" over what
    // the acronym stands for ("Conférence régionale … de La Réunion").
    if let Some(f) = newsletter_masthead(doc, t, false) {
        return Some(f);
    }
    // 1e. A statement of who publishes, at the head or the foot: "Une
    // publication de la Ville de Brest", "Ce contenu est proposé par l’ARS
    // Normandie", "Article publié par la Mairie de Caen le 3 mai 2024".
    if let Some(f) = publisher_statement(doc, t) {
        return Some(f);
    }
    // 2. Header lines: the lines before the title (or the first three),
    // further down while they stay short (a block of logos).
    let head_end = title_line.unwrap_or(0).clamp(1, 4);
    let logo_end = title_line.unwrap_or(0).min(14);
    let mut orgs: Vec<(String, IssuerKind, Option<String>, std::ops::Range<usize>)> = Vec::new();
    let mut skip_to = 0;
    for (n, l) in lines.iter().take(head_end.max(3).max(logo_end)).enumerate() {
        let text = doc.text.get(l.range.clone())?.trim();
        if text.is_empty() || n < skip_to || motto(text) || structural_heading(key_of(n)) {
            continue;
        }
        if n >= head_end.max(3) && text.split_whitespace().nth(6).is_some() {
            break;
        }
        // A press contact at the top is no header: the press-contact rule
        // reads it.
        let after_contact = n > 0
            && lines
                .get(n - 1)
                .and_then(|p| doc.text.get(p.range.clone()))
                .is_some_and(|p| key(p).starts_with("contact"));
        // A PDF mirror's host label: "CTSM Guyane 2023-2027 version
        // finale.pdf - ARS Guyane" is the host's, not the document's.
        let host_label = text.len() <= 300 && {
            let lower = text.to_lowercase();
            [".pdf - ", ".pdf – ", ".pdf | "]
                .iter()
                .any(|sep| lower.contains(sep))
        };
        if host_label {
            continue;
        }
        // A site's banner: "Site officiel de la Ville de Saint-Brieuc".
        let tk = key(text);
        if let Some(lead) = [
            "site officiel de ",
            "le site officiel de ",
            "site officiel du ",
        ]
        .iter()
        .find(|p| tk.starts_with(*p))
        {
            // (The organisation's name starts after the lead's words and
            // its article: "la Ville de …" is named "Ville de …".)
            let raw = &doc.text[l.range.clone()];
            let at =
                name_after(raw, lead_words(lead), ARTICLES_ANY_CASE).map(|i| l.range.start + i);
            if let Some(o) = at.and_then(|a| org_line(doc, t, a..l.range.end)) {
                orgs.push(o);
                continue;
            }
        }
        if key(text).starts_with("contact") || after_contact {
            continue;
        }
        // A newspaper's name in capitals, or a known title.
        let k = key(text);
        let words: Vec<&str> = k.split(' ').collect();
        let upper = !text.chars().any(char::is_lowercase)
            && text.chars().filter(|c| c.is_alphabetic()).count() >= 6;
        if upper
            && words.len() <= 6
            && words.iter().take(3).any(|w| PRESS_HEADS.contains(w))
            && org_kind(text).is_none()
        {
            return Some(Found {
                name: title_case(text),
                kind: IssuerKind::Press,
                region: None,
                co: vec![],
                evidence: IssuerEvidence::Header,
                range: l.range.clone(),
            });
        }
        // A masthead in title case before the headline: "L’Écho de la
        // Presqu’île", "Le Courrier de la Mayenne" (an article, a press
        // head word, every other word capitalised or small: a headline is
        // written in sentence case, "Le Petit guide du PTSM").
        if n < 4 && titled_masthead(text) && org_kind(text).is_none() {
            return Some(Found {
                name: text.to_string(),
                kind: IssuerKind::Press,
                region: None,
                co: vec![],
                evidence: IssuerEvidence::Header,
                range: l.range.clone(),
            });
        }
        // A byline names the newspaper after its writer: "Par Jeanne
        // Martin - La Montagne", "Publié le 3 mars par la rédaction
        // d'Actu.fr".
        let byline = words.len() <= 16 && (words[0] == "par" || k.contains(" par "));
        // A masthead that is a known title whatever its length ("Le
        // Journal de l'île de la Réunion").
        // (With or without its article when two words or more are left:
        // "Courrier picard"; "Provence" or "Alsace" alone are regions.)
        let whole = PRESS
            .iter()
            .find(|(forms, _)| {
                forms.iter().any(|f| {
                    *f == k
                        || k.contains(' ')
                            && ["le ", "la ", "les ", "l "]
                                .iter()
                                .any(|a| f.strip_prefix(a) == Some(k.as_str()))
                })
            })
            .map(|(_, name)| *name);
        if let Some(p) = whole {
            return Some(Found {
                name: p.into(),
                kind: IssuerKind::Press,
                region: None,
                co: vec![],
                evidence: IssuerEvidence::Header,
                range: l.range.clone(),
            });
        }
        // A masthead and its tagline: "Corse Net Infos - Pure player
        // d'informations sur la Corse", "Le Petit Journal – toute
        // l’actualité du Gers".
        if let Some((head, tail)) = text.split_once(" - ").or_else(|| text.split_once(" – ")) {
            let (head, tk) = (head.trim(), key(tail));
            let media = tk.contains("pure player")
                || tk.contains("site d information")
                || tk.contains(" d informations")
                || tk.starts_with("l actualite")
                || tk.starts_with("toute l actualite")
                || tk.starts_with("toute l info")
                || tk.starts_with("l info ")
                || tk.starts_with("quotidien ")
                || tk.starts_with("hebdomadaire ")
                || tk.starts_with("journal d information")
                || tk.starts_with("media ");
            if media
                && n < 3
                && head.starts_with(char::is_uppercase)
                && (1..=4).contains(&head.split_whitespace().count())
                && org_kind(head).is_none()
            {
                let off = l.range.start + doc.text[l.range.clone()].find(head).unwrap_or(0);
                return Some(Found {
                    name: head.to_string(),
                    kind: IssuerKind::Press,
                    region: None,
                    co: vec![],
                    evidence: IssuerEvidence::Header,
                    range: off..off + head.len(),
                });
            }
        }
        // A station of the public radio, "ici" and its place since 2025
        // ("ici Normandie (ex-France Bleu)", "ici Pays Basque").
        if let Some(station) = ici_station(text) {
            let off = l.range.start
                + (doc.text[l.range.clone()].len() - doc.text[l.range.clone()].trim_start().len());
            return Some(Found {
                name: station.to_string(),
                kind: IssuerKind::Press,
                region: None,
                co: vec![],
                evidence: IssuerEvidence::Header,
                range: off..off + station.len(),
            });
        }
        if words.len() <= 6 || byline {
            if let Some(p) = press_in(text) {
                return Some(Found {
                    name: p.into(),
                    kind: IssuerKind::Press,
                    region: None,
                    co: vec![],
                    evidence: IssuerEvidence::Header,
                    range: l.range.clone(),
                });
            }
        }
        if key(text).starts_with("communique") {
            continue;
        }
        // A logo over several lines; a bare "Agence régionale de santé"
        // or "PRÉFET" waits for its place on the next lines.
        let bare = matches!(
            key(text).as_str(),
            "agence regionale de sante"
                | "agence de sante"
                | "prefet"
                | "prefete"
                | "le departement"
        ) || gazetteer::by_name(text).is_some();
        if bare || org_line(doc, t, l.range.clone()).is_none() {
            let last = head_end
                .max(3)
                .max(logo_end)
                .min(lines.len())
                .saturating_sub(1);
            if let Some((name, kind, region, m)) = logo_block(doc, n, last) {
                let end = lines.get(m).map_or(l.range.end, |x| x.range.end);
                orgs.push((name, kind, region, l.range.start..end));
                skip_to = m + 1;
                continue;
            }
        }
        if let Some(o) = org_line(doc, t, l.range.clone()) {
            // Two logos side by side: the part after the gap is an
            // organisation too ("ARS DE CORSE ⇥ COLLECTIVITÉ DE CORSE").
            let right = text.find('\t').and_then(|g| {
                let at = l.range.start
                    + (doc.text[l.range.clone()].len()
                        - doc.text[l.range.clone()].trim_start().len())
                    + g
                    + 1;
                (at < l.range.end && o.3.end <= at)
                    .then(|| org_line(doc, t, at..l.range.end))
                    .flatten()
            });
            // An agency's name without its region under the ARS's logo is
            // its subtitle ("Agence régionale de santé"), not a second one.
            for o in std::iter::once(o).chain(right) {
                let subtitle = o.1 == IssuerKind::Ars
                    && o.2.is_none()
                    && orgs.iter().any(|x| x.1 == IssuerKind::Ars);
                if !subtitle && !orgs.iter().any(|x| x.0 == o.0) {
                    orgs.push(o);
                }
            }
        } else if !orgs.is_empty() && n + 1 >= head_end.max(3) {
            break;
        }
    }
    // A site's name before its menu on the same line: "Intranet EPSM de la
    // Marne | Accueil | Annuaire | …" (the kind of site before the name
    // is not part of it).
    if orgs.is_empty() {
        if let Some(first) = lines.first() {
            let a = doc.text.get(first.range.clone())?.trim();
            let mut cells = a.split(" | ").map(str::trim);
            let head = cells.next().unwrap_or("");
            let menu = cells.next().is_some_and(|c| key(c).starts_with("accueil"))
                && cells.next().is_some();
            let head = ["Intranet ", "Extranet ", "Portail ", "Site "]
                .iter()
                .find_map(|p| head.strip_prefix(p))
                .unwrap_or(head);
            if let Some(kind) =
                org_kind(head).filter(|_| menu && head.split_whitespace().nth(6).is_none())
            {
                let off = first.range.start + doc.text[first.range.clone()].find(head).unwrap_or(0);
                return Some(Found {
                    name: head.to_string(),
                    kind,
                    region: None,
                    co: vec![],
                    evidence: IssuerEvidence::Header,
                    range: off..off + head.len(),
                });
            }
        }
    }
    // A site name and its menu: "PTSM des Vosges – Projet territorial de
    // santé mentale" + "Accueil | Le PTSM | …"; a platform banner
    // ("OSCARS – Observation et suivi …").
    // (The site's name alone on its line, its subtitle on the next and the
    // menu after it: "PTSM de l'Aube" / "Projet territorial de santé
    // mentale" / "Accueil   Le PTSM   Les groupes de travail …".)
    if orgs.is_empty() {
        if let (Some(first), Some(second)) = (lines.first(), lines.get(1)) {
            let a = doc.text.get(first.range.clone())?.trim();
            let b = doc.text.get(second.range.clone())?.trim();
            let is_menu = |b: &str| {
                b.matches('|').count() >= 2
                    || b.starts_with("Accueil")
                    || b.contains(" > ")
                    || b.contains(" › ")
            };
            let menu = is_menu(b);
            let third_menu = !menu
                && lines
                    .get(2)
                    .and_then(|l| doc.text.get(l.range.clone()))
                    .is_some_and(|c| is_menu(c.trim()))
                && key(b).starts_with("projet territorial de sante mentale");
            let a = if third_menu {
                format!("{a} – {b}")
            } else {
                a.to_string()
            };
            let a = a.as_str();
            if menu || third_menu {
                if let Some((head, _)) = a.split_once(" – ").or_else(|| a.split_once(" - ")) {
                    let hk = key(head);
                    let site = hk.starts_with("ptsm")
                        || hk.starts_with("oscars")
                        || org_kind(head).is_some();
                    if site && head.split_whitespace().nth(5).is_none() {
                        let kind = org_kind(head).unwrap_or(IssuerKind::Other);
                        let r = first.range.start..first.range.start + head.len();
                        return Some(Found {
                            name: head.to_string(),
                            kind,
                            region: None,
                            co: vec![],
                            evidence: IssuerEvidence::Header,
                            range: r,
                        });
                    }
                }
            }
        }
    }
    // The regional prefect's logo over an ARS's name is the bloc-marque
    // of the State that every ARS document carries, not a second issuer.
    if orgs.len() >= 2
        && orgs[0].1 == IssuerKind::Prefecture
        && orgs[0].0.starts_with("Préfecture de la région")
        && orgs.iter().any(|o| o.1 == IssuerKind::Ars)
    {
        orgs.remove(0);
    }
    // A cover with the logos of three partners or more and a credit line
    // ("Coordination : EPSM Morbihan – Mission PTSM 56"): the credit says
    // who made the document, the logos who took part.
    // So does one for a subtitle that only names the département under
    // the title ("Diagnostic territorial partagé" / "Département de
    // l’Orne" / "Étude réalisée par l’ORS-CREAI Normandie pour …").
    let subtitle = orgs.len() == 1 && orgs[0].1 == IssuerKind::Departement;
    if orgs.len() >= 3 || subtitle {
        if let Some(f) = cover(doc, keys) {
            return Some(f);
        }
    }
    if let Some((name, kind, region, range)) = orgs.first().cloned() {
        let co: Vec<String> = orgs.iter().skip(1).map(|o| o.0.clone()).collect();
        return Some(Found {
            name,
            kind,
            region,
            co,
            evidence: IssuerEvidence::Header,
            range,
        });
    }
    // 2a. An address block at the foot of the document: the organisation's
    // name over its street and postcode ("ARS Pays de la Loire" /
    // "Agence régionale de santé" / "17 boulevard Gaston Doumergue" /
    // "44262 Nantes").
    let n_lines = lines.len();
    for n in n_lines.saturating_sub(12)..n_lines {
        let Some(l) = lines.get(n) else { continue };
        let text = doc.text.get(l.range.clone())?.trim();
        if text.is_empty() || text.split_whitespace().nth(8).is_some() || text.ends_with('.') {
            continue;
        }
        // (The address may be one of a line's parts: "Hôtel
        // d’agglomération – Parvis de la Préfecture – CS 80309 – 95027
        // Cergy-Pontoise Cedex".)
        let address = (n + 1..(n + 4).min(n_lines)).any(|m| {
            lines
                .get(m)
                .and_then(|x| doc.text.get(x.range.clone()))
                .is_some_and(|x| address_line(x) || x.split(" – ").any(|p| address_line(p.trim())))
        });
        if !address {
            continue;
        }
        if let Some((name, region)) = ars_whole(text) {
            return Some(Found::ars(
                name,
                region,
                IssuerEvidence::Header,
                l.range.clone(),
            ));
        }
        // Only an institution signs with its address so; a hospital's or a
        // service's address at the end of an article says where to go.
        if let Some(kind) = org_kind(text).filter(|k| {
            matches!(k, IssuerKind::Prefecture | IssuerKind::Departement)
                    // A town's or an intercommunality's ("Communauté
                    // d’agglomération de Cergy-Pontoise" over its Hôtel
                    // d’agglomération).
                    || (*k == IssuerKind::Other && local_authority(text))
        }) {
            return Some(Found {
                name: prefecture_name(title_case(text), kind),
                kind,
                region: None,
                co: vec![],
                evidence: IssuerEvidence::Header,
                range: l.range.clone(),
            });
        }
    }
    // 2a'. The same signature on one line, its parts apart by dashes:
    // "ARS Guyane – 66 avenue des Flamboyants – 97306 Cayenne Cedex",
    // "Département des Deux-Sèvres – Mail Lucie Aubrac – 79000 Niort – 05
    // …"; or the last line of the document an agency's name and its
    // delegation ("Agence Régionale de Santé X – Délégation départementale
    // de …", a page's footer).
    let last_line = lines.iter().rposition(|l| {
        doc.text
            .get(l.range.clone())
            .is_some_and(|x| !x.trim().is_empty())
    });
    for n in n_lines.saturating_sub(6)..n_lines {
        let Some(l) = lines.get(n) else { continue };
        let text = doc.text.get(l.range.clone())?.trim();
        let pieces: Vec<&str> = text
            .split(" – ")
            .flat_map(|p| p.split(" - "))
            .map(str::trim)
            .collect();
        if pieces.len() < 2 || pieces[0].split_whitespace().nth(8).is_some() {
            continue;
        }
        let addressed = pieces[1..].iter().any(|p| address_line(p));
        let delegation = Some(n) == last_line
            && matches!(
                key(pieces[1]).split(' ').next(),
                Some("delegation" | "direction" | "service" | "pole")
            );
        if !(addressed || delegation) {
            continue;
        }
        let head = pieces[0];
        // A PTSM's coordination signs with its carrier: "Coordination du
        // PTSM de la Côte-d’Or – Centre Hospitalier La Chartreuse – 1
        // boulevard Chanoine Kir – 21000 Dijon".
        let hk = key(head);
        if addressed
            && pieces.len() >= 3
            && (hk.starts_with("coordination du ptsm")
                || hk.starts_with("coordination ptsm")
                || hk.starts_with("coordination du projet territorial"))
        {
            let carrier = pieces[1];
            if let Some(kind) = org_kind(carrier)
                .filter(|k| *k != IssuerKind::Other && !address_line(carrier))
                .filter(|_| carrier.split_whitespace().nth(8).is_none())
            {
                let off = l.range.start + doc.text[l.range.clone()].find(carrier).unwrap_or(0);
                return Some(Found {
                    name: carrier.to_string(),
                    kind,
                    region: None,
                    co: vec![],
                    evidence: IssuerEvidence::Header,
                    range: off..off + carrier.len(),
                });
            }
        }
        let off = l.range.start + doc.text[l.range.clone()].find(head).unwrap_or(0);
        if let Some((name, region)) = ars_whole(head) {
            return Some(Found::ars(
                name,
                region,
                IssuerEvidence::Header,
                off..off + head.len(),
            ));
        }
        if let Some(kind) = org_kind(head)
            .filter(|k| {
                matches!(k, IssuerKind::Prefecture | IssuerKind::Departement)
                    || (*k == IssuerKind::Other && local_authority(head))
                    // A hospital signs its own newsletter or report so; in
                    // an article or a page its address says where to go.
                    || (*k == IssuerKind::Hospital && doc_kind == DocKind::PdfExtract)
            })
            .filter(|_| addressed)
        {
            return Some(Found {
                name: prefecture_name(title_case(head), kind),
                kind,
                region: None,
                co: vec![],
                evidence: IssuerEvidence::Header,
                range: off..off + head.len(),
            });
        }
    }
    // 2b. A copyright line at the foot of a page: "© 2024 EPSMR –
    // Établissement public de santé mentale de La Réunion", "© Le
    // Télégramme".
    for l in lines.iter().rev().take(12) {
        let text = doc.text.get(l.range.clone())?.trim();
        // "© 2024 X", "Copyright © X", "(c) Copyright 2024 X", and the
        // name first: "Corse Net Infos © 2024 | Mentions légales".
        let named_first = text
            .find(" ©")
            .map(|at| text[..at].trim())
            .filter(|h| !h.is_empty() && h.split_whitespace().nth(6).is_none());
        let Some(rest) = text
            .strip_prefix('©')
            .or_else(|| text.strip_prefix("Copyright ©"))
            .or_else(|| text.strip_prefix("(c) Copyright"))
            .or_else(|| text.strip_prefix("(c)"))
            .or_else(|| text.strip_prefix("(C)"))
            // A footer's last part: "Mentions légales | Plan du site | ©
            // Département de l’Orne 2024".
            .or_else(|| text.rfind("| ©").map(|i| &text[i + "| ©".len()..]))
            .or(named_first.map(|h| &text[text.find(h).unwrap_or(0)..]))
        else {
            continue;
        };
        let rest = rest.trim_start().strip_prefix("Copyright").unwrap_or(rest);
        let named_first = named_first.is_some() && !text.starts_with(['©', '(']);
        let rest = rest.trim_start();
        // A photo credit ("© Préfecture de la Meuse.") has no year; a
        // site's footer does ("© 2024 EPSMR").
        let dated = rest.starts_with(|c: char| c.is_ascii_digit())
            // "© Croix-Rouge française 2025 - Mentions légales".
            || rest
                .split([' ', '-', '–', '|'])
                .take(8)
                .any(|w| w.len() == 4 && w.starts_with("20") && w.bytes().all(|b| b.is_ascii_digit()));
        let rest = rest
            .trim_start_matches(|c: char| c.is_ascii_digit() || c == '-' || c == '–')
            .trim_start();
        let head_end =
            first_of(rest, &[" – ", " | ", " - ", ",", " (", " ©"]).unwrap_or(rest.len());
        let head = rest[..head_end].trim().trim_end_matches('.');
        // (The year after the name: "Croix-Rouge française 2025".)
        let head = match head.rsplit_once(' ') {
            Some((h, y)) if y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()) => h,
            _ => head,
        };
        if head.is_empty() || head.split_whitespace().nth(8).is_some() {
            continue;
        }
        let off = l.range.start + doc.text[l.range.clone()].find(head).unwrap_or(0);
        let range = off..off + head.len();
        let ht = Tokens::new(head);
        if let Some((name, region, _)) = ars_at(&ht, 0) {
            return Some(Found::ars(name, region, IssuerEvidence::SourceLine, range));
        }
        if !dated && press_in(head).is_none() {
            continue;
        }
        // A name no list knows, dated: a news site's ("Corse Net Infos ©
        // 2024", its masthead too), an agency's ("(c) Copyright 2024 APM
        // International"), or another publisher's when its name heads the
        // page.
        // (Its name, or its first word, in the first lines: "APMnews -
        // Dépêche" over "(c) Copyright 2024 APM International".)
        let first_word = head.split_whitespace().next().unwrap_or("");
        let in_head = lines.iter().take(3).any(|l| {
            doc.text.get(l.range.clone()).is_some_and(|x| {
                x.contains(head)
                    || (first_word.chars().count() >= 3
                        && first_word.starts_with(char::is_uppercase)
                        && x.split_whitespace().any(|w| w.starts_with(first_word)))
            })
        });
        let unknown =
            (dated && (in_head || named_first || doc_kind == DocKind::NewsArticle)).then(|| {
                if doc_kind == DocKind::NewsArticle || press_heads(head) {
                    IssuerKind::Press
                } else {
                    IssuerKind::Other
                }
            });
        let org = press_in(head)
            .map(|_| IssuerKind::Press)
            .or_else(|| org_kind(head))
            .or_else(|| {
                org_kind(rest)
                    .filter(|_| head.chars().all(|c| c.is_uppercase() || !c.is_alphabetic()))
            })
            .or(unknown);
        if let Some(kind) = org {
            return Some(Found {
                name: press_in(head).map_or_else(|| head.to_string(), str::to_string),
                kind,
                region: None,
                co: vec![],
                evidence: IssuerEvidence::SourceLine,
                range,
            });
        }
    }
    // 2c'. A team's signature that closes the text: "L’équipe du DAC 50",
    // "L’équipe de la coordination PTSM 35".
    {
        let last = lines
            .iter()
            .rev()
            .filter_map(|l| Some((l, doc.text.get(l.range.clone())?.trim())))
            .filter(|(_, x)| !x.is_empty())
            .take(2);
        for (l, text) in last {
            let k = key(text);
            let Some(head) = [
                "l equipe du ",
                "l equipe de la ",
                "l equipe de l ",
                "l equipe des ",
            ]
            .iter()
            .find(|h| k.starts_with(**h)) else {
                continue;
            };
            if text.split_whitespace().nth(10).is_some() {
                continue;
            }
            // The organisation: the words after the head, as written.
            let skip = head
                .split(' ')
                .filter(|w| !w.is_empty() && *w != "l")
                .count();
            let words: Vec<&str> = text.split_whitespace().collect();
            let Some(first) = words.get(skip.min(words.len())) else {
                continue;
            };
            let at = text.find(first).unwrap_or(0);
            let org = text[at..].trim_end_matches(['.', '!']).trim();
            let org = org
                .strip_prefix("l’")
                .or_else(|| org.strip_prefix("l'"))
                .unwrap_or(org);
            if let Some(kind) = org_kind(org).filter(|k| *k != IssuerKind::Ars) {
                let off = l.range.start + doc.text[l.range.clone()].find(org).unwrap_or(0);
                return Some(Found {
                    name: org.to_string(),
                    kind,
                    region: None,
                    co: vec![],
                    evidence: IssuerEvidence::Statement,
                    range: off..off + org.len(),
                });
            }
        }
    }
    // 2d. A signature that closes the text: a name over its role in an
    // institution ("Jean-Marc LEBRETON" / "Président du Conseil
    // départemental de la Mayenne"): the institution speaks.
    {
        let last: Vec<&crate::normalize::NormLine> = lines
            .iter()
            .rev()
            .filter(|l| {
                doc.text
                    .get(l.range.clone())
                    .is_some_and(|x| !x.trim().is_empty())
            })
            .take(6)
            .collect();
        for w in last.windows(2) {
            let (role_line, name_line) = (w[0], w[1]);
            let role = doc.text.get(role_line.range.clone())?.trim();
            let name = doc.text.get(name_line.range.clone())?.trim();
            // (A signature's lines are short; a text of one long line is
            // not folded again here.)
            if role.len() > 300 || name.len() > 100 {
                continue;
            }
            let name_words: Vec<&str> = name.split_whitespace().collect();
            let is_name = (2..=4).contains(&name_words.len())
                && name_words.iter().all(|w| w.starts_with(char::is_uppercase))
                && !name.ends_with(['.', ':']);
            let rk = key(role);
            let Some(head_len) = [
                "president du ",
                "presidente du ",
                "president de la ",
                "presidente de la ",
                "president de l ",
                "presidente de l ",
                "directeur general de l ",
                "directrice generale de l ",
                "maire de ",
            ]
            .iter()
            .find(|h| rk.starts_with(**h))
            // (Words as written: "de l’ARS" is two, its key three.)
            .map(|h| h.split(' ').filter(|x| !x.is_empty() && *x != "l").count()) else {
                continue;
            };
            if !is_name || role.split_whitespace().nth(12).is_some() {
                continue;
            }
            // The organisation: the role's words after its head, the
            // article kept out ("du" stands for "de le").
            let words: Vec<&str> = role.split_whitespace().collect();
            let skip = head_len.min(words.len());
            let mut org = words[skip..].join(" ");
            if let Some(rest) = org.strip_prefix("l’").or_else(|| org.strip_prefix("l'")) {
                org = rest.to_string();
            }
            if rk.starts_with("maire de ") {
                org = format!("Mairie de {org}");
            }
            let org = org.trim_end_matches('.').to_string();
            let ot = Tokens::new(&org);
            let off = role_line.range.start
                + doc.text[role_line.range.clone()]
                    .find(words[skip.min(words.len() - 1)])
                    .unwrap_or(0);
            if let Some((n, region, _)) = ars_at(&ot, 0) {
                return Some(Found::ars(
                    n,
                    region,
                    IssuerEvidence::Header,
                    off..role_line.range.end,
                ));
            }
            if let Some(kind) = org_kind(&org) {
                let org = org[..1].to_uppercase() + &org[1..];
                return Some(Found {
                    name: org,
                    kind,
                    region: None,
                    co: vec![],
                    evidence: IssuerEvidence::Header,
                    range: off..role_line.range.end,
                });
            }
        }
    }
    // 2c. A newspaper signing its article: its name alone on one of the
    // last lines ("La Montagne"), the text of a page copied down to its
    // sign-off. The whole line is the name: "Lire aussi dans La Montagne"
    // or a credit is not.
    if kind == DocKind::NewsArticle || kind == DocKind::WebPage {
        let last: Vec<&crate::normalize::NormLine> = lines
            .iter()
            .rev()
            .filter(|l| {
                doc.text
                    .get(l.range.clone())
                    .is_some_and(|x| !x.trim().is_empty())
            })
            .take(3)
            .collect();
        for l in last {
            let text = doc.text.get(l.range.clone())?.trim();
            // (A sign-off is a short line: a text of one long line is not
            // folded again here.)
            if text.len() > 300 {
                continue;
            }
            let k = key(text);
            // "Cet article est paru dans La Montagne du 4 février 2023."
            let appeared = k.split(' ').count() <= 16
                && [
                    " paru dans ",
                    " parue dans ",
                    " publie dans ",
                    " publiee dans ",
                ]
                .iter()
                .any(|p| format!(" {k} ").contains(p));
            let whole = PRESS
                .iter()
                .find(|(forms, _)| forms.iter().any(|f| *f == k))
                .map(|(_, name)| *name)
                .or_else(|| appeared.then(|| press_in(text)).flatten())
                // The page's address, as a browser prints it at the foot.
                .or_else(|| {
                    (text.split_whitespace().nth(3).is_none())
                        .then(|| press_domain(text))
                        .flatten()
                });
            if let Some(p) = whole {
                return Some(Found {
                    name: p.into(),
                    kind: IssuerKind::Press,
                    region: None,
                    co: vec![],
                    evidence: IssuerEvidence::SourceLine,
                    range: l.range.clone(),
                });
            }
        }
    }
    // 2d. A byline whose writer is the newspaper itself, under the title:
    // "Par Le Dauphiné Libéré - 02 févr. 2024 à 06:00", "Par la rédaction
    // de Nice-Matin" (a writer's own name before the newspaper is read
    // with the header).
    for (n, l) in lines.iter().enumerate().take(15) {
        // (The line's key, made once for every line.)
        let k = key_of(n);
        let Some(rest) = k.strip_prefix("par ") else {
            continue;
        };
        if k.split(' ').count() > 16 {
            continue;
        }
        let rest = ["la redaction de ", "la redaction d ", "la redaction du "]
            .iter()
            .find_map(|lead| rest.strip_prefix(lead))
            .unwrap_or(rest);
        let named = PRESS.iter().find(|(forms, _)| {
            forms.iter().any(|f| {
                rest.strip_prefix(f)
                    .is_some_and(|after| after.is_empty() || after.starts_with(' '))
            })
        });
        if let Some((_, p)) = named {
            return Some(Found {
                name: (*p).into(),
                kind: IssuerKind::Press,
                region: None,
                co: vec![],
                evidence: IssuerEvidence::Header,
                range: l.range.clone(),
            });
        }
    }
    // 3. A caption with a date: "… - ARS Grand Est - décembre 2017",
    // "… – ORS Auvergne-Rhône-Alpes (octobre 2019)".
    for l in lines.iter().take(8) {
        let text = doc.text.get(l.range.clone())?;
        for sep in [" - ", " – "] {
            let parts: Vec<&str> = text.split(sep).collect();
            if parts.len() < 2 {
                continue;
            }
            for (n, p) in parts.iter().enumerate().skip(1) {
                let (org, date) = match p.split_once(" (") {
                    Some((o, d)) => (o.trim(), d.trim_end_matches(')')),
                    None => (p.trim(), parts.get(n + 1).copied().unwrap_or("")),
                };
                if org.split_whitespace().nth(6).is_some() || !looks_like_date(date) {
                    continue;
                }
                let ot = Tokens::new(org);
                let off = l.range.start + text.find(org).unwrap_or(0);
                if let Some((name, region, _)) = ars_at(&ot, 0) {
                    return Some(Found::ars(
                        name,
                        region,
                        IssuerEvidence::Caption,
                        off..off + org.len(),
                    ));
                }
                if let Some(k) = org_kind(org) {
                    return Some(Found {
                        name: org.to_string(),
                        kind: k,
                        region: None,
                        co: vec![],
                        evidence: IssuerEvidence::Caption,
                        range: off..off + org.len(),
                    });
                }
            }
        }
    }
    // 4. Cover lines: "Coordination : …", "Mise en page assurée par …",
    // "Rédaction : coordination du PTSM 80", "Document réalisé par
    // l’Observatoire régional de santé … pour …".
    // (The credits of a layout may close a cover and its contents: "Mise
    // en page :" is looked for further down.)
    if let Some(f) = cover(doc, keys) {
        return Some(f);
    }
    // 5. The press contact of a release: "Contact presse" and, on its line
    // or the next, the organisation.
    // So does a communication service's signature: "Direction de la
    // communication – ARS Nouvelle-Aquitaine".
    // (Not a release that a news site quotes without naming itself:
    // "Par La Rédaction" … "Voici le communiqué de l’Agence régionale de
    // santé :" — the contact is the quoted release's.)
    let quoted = keys.iter().any(|k| {
        k.starts_with("voici le communique")
            || k.starts_with("ci dessous le communique")
            || k.starts_with("nous publions le communique")
    }) && keys
        .iter()
        .take(12)
        .any(|k| k.starts_with("par la redaction") || k.starts_with("la redaction"));
    for (n, l) in lines.iter().enumerate().filter(|_| !quoted) {
        let k = key_of(n);
        let service = k.starts_with("direction de la communication")
            || k.starts_with("service communication")
            || k.starts_with("service de la communication")
            || k.starts_with("service de presse")
            || k.starts_with("service presse")
            // A release's closing boilerplate: "À propos de l’ARS
            // Bretagne : …".
            || k.starts_with("a propos d");
        if !(k.starts_with("contact presse")
            || k.starts_with("contacts presse")
            || k.starts_with("contact media")
            || service)
        {
            continue;
        }
        if service {
            let text = doc.text.get(l.range.clone()).unwrap_or("");
            // The organisation after the separator, or before the colon
            // of "À propos de X :".
            let about = k.starts_with("a propos d");
            let part = if about {
                // ("À propos de la Fondation Bon Sauveur de la Manche" as a
                // heading of its own, the boilerplate below it.)
                text.find(" :")
                    .or_else(|| {
                        (text.split_whitespace().nth(12).is_none() && !text.ends_with('.'))
                            .then_some(text.len())
                    })
                    .and_then(|c| {
                        let head = &text[..c];
                        // (The first preposition: "À propos de la Fondation
                        // Bon Sauveur du Jura".)
                        ["de l’", "de l'", "du ", "de la ", "des ", "de "]
                            .iter()
                            .filter_map(|p| head.find(p).map(|at| (at, at + p.len())))
                            .min_by_key(|&(at, end)| (at, std::cmp::Reverse(end)))
                            .map(|(_, end)| (end, c))
                    })
                    .map(|(a, c)| (a, 0, c))
            } else {
                [" – ", " - ", " : ", " | "]
                    .iter()
                    .filter_map(|sep| text.find(sep).map(|at| (at, sep.len(), text.len())))
                    .min()
            };
            if let Some((at, sep, stop)) = part {
                let org = text[at + sep..stop].trim();
                // (A heading "À propos des PTSM" is about a topic: as a
                // heading, only an organisation of a named kind.)
                let heading = about && stop == text.len();
                let kind = org_kind(org)
                    .filter(|_| org.split_whitespace().nth(9).is_none())
                    .filter(|k| !heading || *k != IssuerKind::Other);
                if let Some(kind) = kind.filter(|&k| k != IssuerKind::Ars) {
                    let off = l.range.start + at + sep;
                    return Some(Found {
                        name: prefecture_name(title_case(org), kind),
                        kind,
                        region: None,
                        co: vec![],
                        evidence: IssuerEvidence::PressContact,
                        range: off..off + org.len(),
                    });
                }
            }
        }
        for cand in [Some(l), lines.get(n + 1)].into_iter().flatten() {
            let a = t.at_byte(cand.range.start);
            let b = t.at_byte(cand.range.end);
            for i in a..b {
                if let Some((name, region, e)) = ars_at(t, i) {
                    return Some(Found::ars(
                        name,
                        region,
                        IssuerEvidence::PressContact,
                        t.range(i, e),
                    ));
                }
            }
        }
        // Another organisation on the contact's next line: "Contact
        // presse" / "Préfecture du Calvados – Service de la communication".
        if !service {
            if let Some(next) = lines.get(n + 1) {
                let nt = doc.text.get(next.range.clone()).unwrap_or("").trim();
                let head = nt.split([':', '|']).next().unwrap_or("");
                let head = head.split(" – ").next().unwrap_or("").trim();
                let kind = org_kind(head)
                    .filter(|k| *k != IssuerKind::Other && *k != IssuerKind::Ars)
                    .filter(|_| head.split_whitespace().nth(8).is_none());
                if let Some(kind) = kind {
                    let off =
                        next.range.start + doc.text[next.range.clone()].find(head).unwrap_or(0);
                    return Some(Found {
                        name: prefecture_name(title_case(head), kind),
                        kind,
                        region: None,
                        co: vec![],
                        evidence: IssuerEvidence::PressContact,
                        range: off..off + head.len(),
                    });
                }
            }
        }
    }
    // 6. A press release in which an ARS speaks (not one a news site
    // quotes).
    if kind == DocKind::PressRelease && !quoted {
        for i in 0..t.len() {
            if let Some((name, region, e)) = ars_at(t, i) {
                return Some(Found::ars(
                    name,
                    region,
                    IssuerEvidence::Statement,
                    t.range(i, e),
                ));
            }
        }
    }
    // 7. An ARS's own page: its rubric label ("Article", "Actualité") or
    // breadcrumb ("Accueil > Votre ARS > …"), or its contact block, and
    // the ARS it names.
    if matches!(kind, DocKind::WebPage | DocKind::InstitutionalNews) {
        let ars_page = lines.iter().take(6).any(|l| {
            let k = key(doc.text.get(l.range.clone()).unwrap_or(""));
            k == "article" || k == "actualite" || k.contains("votre ars")
        });
        let contact = (0..lines.len()).find(|&n| {
            let k = key_of(n);
            k == "contact" || k == "contacts" || k == "vos contacts" || k == "nous contacter"
        });
        // The contact block names the ARS on its next line.
        if let Some(n) = contact {
            if let Some(next) = lines.get(n + 1) {
                let a = t.at_byte(next.range.start);
                if let Some((name, region, e)) = ars_at(t, a) {
                    return Some(Found::ars(
                        name,
                        region,
                        IssuerEvidence::PressContact,
                        t.range(a, e),
                    ));
                }
            }
        }
        if ars_page {
            for i in 0..t.len() {
                if let Some((name, region, e)) = ars_at(t, i) {
                    return Some(Found::ars(
                        name,
                        region,
                        IssuerEvidence::Statement,
                        t.range(i, e),
                    ));
                }
            }
        }
        // 8. An institution's own page: the one organisation (not an ARS)
        // it names again and again, or the one it names and then calls by
        // its bare title ("Le Département du Nord … Chiffres clés du
        // Département").
        if let Some(f) = page_owner(t).or_else(|| self_reference(t)) {
            return Some(f);
        }
    }
    // 9. Minutes written by a PTSM's coordination: "Mme X, coordinatrice
    // du PTSM 89 (rédactrice du compte rendu)".
    if let Some(f) = minutes_writer(doc, t, keys) {
        return Some(f);
    }
    // 10. A PTSM document names the organisation that carries it: "La
    // démarche a été conduite par l’Association Aveyronnaise de Santé
    // Mentale, porteuse du PTSM, …", "Fondation Bon Sauveur de la Manche –
    // coordination du PTSM" under the cover's title. (In a news article or
    // a release, the carrier is a third party.)
    if matches!(doc_kind, DocKind::PdfExtract | DocKind::Unknown) {
        if let Some(f) = carrier(doc) {
            return Some(f);
        }
    }
    // 11. A PTSM's newsletter that names no one else: its coordination
    // ("La Lettre du PTSM de la Manche"; a header's "DAC 27 – …" or an
    // "éditée par le centre hospitalier Bélair" said before is the
    // publisher).
    newsletter_masthead(doc, t, true)
}

/// What follows the organisation that carries a PTSM in its document.
const CARRIER_TAILS: &[&str] = &[
    ", porteur du PTSM",
    ", porteuse du PTSM",
    ", porteur du projet territorial",
    ", porteuse du projet territorial",
    ", coordonnateur du PTSM",
    ", coordinateur du PTSM",
    " – coordination du PTSM",
    " – porteur du PTSM",
];

/// The organisation written right before one of [`CARRIER_TAILS`]: the
/// longest run of its last words (ten at most) that starts with a capital
/// and names an organisation.
fn carrier(doc: &NormDoc) -> Option<Found> {
    for l in &doc.lines {
        let text = doc.text.get(l.range.clone())?;
        let Some(at) = CARRIER_TAILS
            .iter()
            .filter_map(|tail| text.find(tail))
            .min()
        else {
            continue;
        };
        let before = &text[..at];
        let starts: Vec<usize> = before
            .char_indices()
            .filter(|&(i, c)| {
                (i == 0 || before[..i].ends_with([' ', '’', '\''])) && !c.is_whitespace()
            })
            .map(|(i, _)| i)
            .collect();
        for &s in starts
            .iter()
            .rev()
            .take(10)
            .collect::<Vec<_>>()
            .iter()
            .rev()
        {
            let name = before[*s..].trim();
            // ("… portée par l’EPSM Val de Lys-Artois : M. Rémi CARLIER,
            // coordonnateur du PTSM": the coordinator is a person.)
            if !name.starts_with(char::is_uppercase) || name.contains(':') {
                continue;
            }
            if let Some(kind) = org_kind(name) {
                let off = l.range.start + *s;
                return Some(Found {
                    name: name.to_string(),
                    kind,
                    region: None,
                    co: vec![],
                    evidence: IssuerEvidence::Statement,
                    range: off..off + name.len(),
                });
            }
        }
    }
    None
}

/// An institution named in full ("le Département du Nord", "le Conseil
/// départemental de l’Yonne") and later by its bare title with a capital
/// ("du Département", "le Département"): the page speaks as it.
fn self_reference(t: &Tokens) -> Option<Found> {
    // The last bare "Département" (a capital, no name after it), found once.
    let last_bare = (0..t.len()).rev().find(|&q| {
        t.key(q) == "departement"
            && t.get(q).is_some_and(|x| x.cap && !x.upper)
            && !matches!(t.key(q + 1), "du" | "de" | "des" | "d")
    })?;
    for i in 0..t.len() {
        let (head, name_end) = if t.key(i) == "departement"
            && t.get(i).is_some_and(|x| x.cap)
            && matches!(t.key(i + 1), "du" | "de" | "des")
        {
            let mut j = i + 2;
            if matches!(t.key(j), "la" | "l") {
                j += 1;
                if matches!(t.punct(j), Some('’' | '\'')) {
                    j += 1;
                }
            }
            match gazetteer::place_at(t, j) {
                Some((e, Place::Departement(_))) => ("departement", e),
                _ => continue,
            }
        } else {
            continue;
        };
        // One organisation of an enumeration ("CPTS de l’Artois,
        // Département du Pas-de-Calais (maisons du Département …)", a
        // fiche's partners) is a third party, not the one that speaks.
        if i > 0 && matches!(t.punct(i - 1), Some(',' | ';')) {
            continue;
        }
        // A later bare reference: "Département" with a capital, not
        // followed by a name.
        if head == "departement" && last_bare >= name_end {
            let name = tidy_title(t.slice(i, name_end));
            return Some(Found {
                name,
                kind: IssuerKind::Departement,
                region: None,
                co: vec![],
                evidence: IssuerEvidence::Statement,
                range: t.range(i, name_end),
            });
        }
    }
    None
}

fn tidy_title(s: &str) -> String {
    let mut out = s.to_string();
    if let Some(first) = out.get(..1) {
        out = first.to_uppercase() + out.get(1..).unwrap_or("");
    }
    out
}

/// The coordination of a PTSM that writes its minutes: a person
/// "coordinateur/coordinatrice du PTSM NN" said to be the minutes' writer
/// ("rédactrice du compte rendu").
fn minutes_writer(doc: &NormDoc, t: &Tokens, keys: &[String]) -> Option<Found> {
    for (l, k) in doc.lines.iter().zip(keys) {
        if !(k.contains("redacteur") || k.contains("redactrice")) {
            continue;
        }
        let a = t.at_byte(l.range.start);
        let b = t.at_byte(l.range.end);
        for i in a..b {
            if !(t.key(i).starts_with("coordinat") && matches!(t.key(i + 1), "du" | "de")) {
                continue;
            }
            let j = i + 2;
            if !matches!(t.key(j), "ptsm" | "ctsm") {
                continue;
            }
            // "du PTSM 89", "du PTSM de l’Yonne".
            let dept = gazetteer::by_code(t.text(j + 1)).or_else(|| {
                let mut q = j + 1;
                while q < b
                    && !matches!(gazetteer::place_at(t, q), Some((_, Place::Departement(_))))
                    && q < j + 4
                {
                    q += 1;
                }
                match gazetteer::place_at(t, q) {
                    Some((_, Place::Departement(d))) => gazetteer::departements().get(d),
                    _ => None,
                }
            })?;
            let name = format!("Coordination du {} {}", t.text(j), dept.with_de());
            return Some(Found {
                name,
                kind: IssuerKind::Other,
                region: None,
                co: vec![],
                evidence: IssuerEvidence::Statement,
                range: t.range(i, j + 2),
            });
        }
    }
    None
}

/// Whether `s` reads as a date (a month and a year, or a day).
fn looks_like_date(s: &str) -> bool {
    // Only the first five tokens are read: a long part (the rest of a
    // one-line text) is tokenized by its head, cut before a space so that
    // its tokens are the part's first ones.
    let mut cut = s.len().min(128);
    while !s.is_char_boundary(cut) {
        cut -= 1;
    }
    let head = s[..cut]
        .rfind(char::is_whitespace)
        .filter(|_| cut < s.len())
        .map(|at| Tokens::new(&s[..at]))
        .filter(|h| h.len() >= 5);
    let t = head.unwrap_or_else(|| Tokens::new(s));
    let k0 = t.key(0);
    let month = super::dates::month_of(k0).is_some();
    let year = (0..t.len().min(4)).any(|i| {
        let x = t.text(i);
        x.len() == 4 && x.parse::<u32>().is_ok_and(|y| (1990..2100).contains(&y))
    });
    (month && year) || (t.len() <= 4 && year && super::dates::month_of(t.key(1)).is_some())
}

/// The organisation an institution's news page keeps naming: a hospital,
/// a DAC or an association named twice or more, and no other one.
fn page_owner(t: &Tokens) -> Option<Found> {
    let mut names: Vec<(String, IssuerKind, std::ops::Range<usize>, u32)> = Vec::new();
    // Each name's index in `names` by its key (it was looked for by keying
    // every name found so far again, for each name).
    let mut by_key: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    // Candidates: "Centre hospitalier X", "CH X", "le CRES", "l’ORS X".
    let mut i = 0;
    while i < t.len() {
        let start = i;
        let end = if t.get(i).is_some_and(|x| x.cap)
            && t.seq(i, &["centre", "hospitalier"]).is_some()
        {
            // "Centre hospitalier Laborit", "Centre hospitalier de Thuir".
            let mut e = i + 2;
            if matches!(t.key(e), "de" | "du" | "d") {
                e += 1;
                if matches!(t.punct(e), Some('’' | '\'')) {
                    e += 1;
                }
            }
            super::places::proper_phrase(t, e).filter(|_| t.get(e).is_some_and(|x| x.cap))
        } else if matches!(t.key(i), "cres" | "ors" | "ireps") && t.get(i).is_some_and(|x| x.upper)
        {
            Some(i + 1)
        } else {
            None
        };
        if let Some(e) = end {
            let name = t.slice(start, e).to_string();
            let nk = key(&name);
            match by_key.get(&nk).and_then(|&n| names.get_mut(n)) {
                Some(n) => n.3 += 1,
                None => {
                    let kind = org_kind(&name).unwrap_or(IssuerKind::Other);
                    by_key.insert(nk, names.len());
                    names.push((name, kind, t.range(start, e), 1));
                }
            }
            i = e;
            continue;
        }
        i += 1;
    }
    let repeated: Vec<_> = names.iter().filter(|n| n.3 >= 2).collect();
    match repeated.as_slice() {
        [one] => Some(Found {
            name: one.0.clone(),
            kind: one.1,
            region: None,
            co: vec![],
            evidence: IssuerEvidence::Statement,
            range: one.2.clone(),
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_of_organisations() {
        assert_eq!(org_kind("ARS Grand Est"), Some(IssuerKind::Ars));
        assert_eq!(
            org_kind("Centre hospitalier de Thuir"),
            Some(IssuerKind::Hospital)
        );
        assert_eq!(org_kind("DAC 27"), Some(IssuerKind::Dac));
        assert_eq!(
            org_kind("PRÉFET DE LOIR-ET-CHER"),
            Some(IssuerKind::Prefecture)
        );
        assert_eq!(
            org_kind("Conseil départemental de Loir-et-Cher"),
            Some(IssuerKind::Departement)
        );
        assert_eq!(
            org_kind("ORS Auvergne-Rhône-Alpes"),
            Some(IssuerKind::Association)
        );
        assert_eq!(org_kind("Santé mentale"), None);
    }

    #[test]
    fn ars_names_are_canonical() {
        for (s, want) in [
            ("ARS Grand Est", "ARS Grand Est"),
            ("Agence régionale de santé Normandie", "ARS Normandie"),
            ("ARS de Corse", "ARS Corse"),
            (
                "l’Agence Régionale de Santé (ARS) d’Île-de-France",
                "ARS Île-de-France",
            ),
            ("ARS PACA", "ARS Provence-Alpes-Côte d'Azur"),
            ("ARS La Réunion", "ARS La Réunion"),
        ] {
            let t = Tokens::new(s);
            let i = (0..t.len()).find(|&i| ars_at(&t, i).is_some()).expect(s);
            assert_eq!(ars_at(&t, i).map(|x| x.0).as_deref(), Some(want), "{s}");
        }
    }

    fn issuer_of(text: &str) -> Option<(String, IssuerKind)> {
        let p = crate::process_bytes("t.txt", text.as_bytes(), &Default::default()).ok()?;
        p.document.issuer.map(|i| (i.name, i.kind))
    }

    #[test]
    fn the_states_logo_over_an_ars_is_the_ars_bloc_marque() {
        assert_eq!(
            issuer_of("PRÉFET\nDE LA RÉGION\nGUYANE\nLiberté\nÉgalité\nFraternité\nAgence Régionale de Santé\nGuyane\n\nCAHIER DES CHARGES\nCréation d’une équipe mobile de psychiatrie\n"),
            Some(("ARS Guyane".into(), IssuerKind::Ars))
        );
        // A département's prefect beside an ARS is a joint release.
        assert_eq!(
            issuer_of("PRÉFET\nDE MAYOTTE\nLiberté\nÉgalité\nFraternité\n\nAgence Régionale de Santé\nMayotte\n\nCOMMUNIQUÉ DE PRESSE\nSignature du contrat territorial de santé mentale\n").map(|i| i.1),
            Some(IssuerKind::Prefecture)
        );
    }

    #[test]
    fn a_running_footer_names_who_carries_the_project() {
        assert_eq!(
            issuer_of("PROJET TERRITORIAL DE SANTÉ MENTALE\nDU PAYS BASQUE\nFeuille de route 2022-2026\n\nPTSM du Pays basque – porté par le Centre hospitalier de la Côte Basque 1/9\nINTRODUCTION\nLe département compte deux projets.\nPTSM du Pays basque – porté par le Centre hospitalier de la Côte Basque 2/9\nLes priorités.\n"),
            Some(("Centre hospitalier de la Côte Basque".into(), IssuerKind::Hospital))
        );
        // A sentence of the body that starts so names a third party, even
        // capitalised.
        assert_eq!(
            issuer_of("Un CLSM sur la Presqu’île\n\nPorté par l’agglomération et cofinancé par l’Agence régionale de santé, le CLSM est l’une des actions du projet territorial.\n"),
            None
        );
    }

    #[test]
    fn a_masthead_in_title_case_names_the_newspaper() {
        let body = "\n\nPresqu’île guérandaise : un conseil local de santé mentale\n\nPar Élise Garnier\nPublié le 16 mars 2023\n\nLe CLSM de Cap Atlantique est installé.\n";
        assert_eq!(
            issuer_of(&format!("Société\nL’Écho de la Presqu’île{body}")),
            Some(("L’Écho de la Presqu’île".into(), IssuerKind::Press))
        );
        assert_eq!(
            issuer_of(&format!("Le Courrier de la Mayenne{body}")),
            Some(("Le Courrier de la Mayenne".into(), IssuerKind::Press))
        );
        // A headline in sentence case is not a title.
        assert_eq!(issuer_of(&format!("Le Petit guide du PTSM{body}")), None);
        // A known title without its article.
        assert_eq!(
            issuer_of(&format!(
                "Courrier picard\nAmiens Abbeville Sports Loisirs{body}"
            )),
            Some(("Le Courrier picard".into(), IssuerKind::Press))
        );
        assert_eq!(issuer_of(&format!("Provence{body}")), None);
        // A site's name, its subtitle, then its menu.
        assert_eq!(
            issuer_of("PTSM de l'Aube\nProjet territorial de santé mentale\n\nAccueil   Le PTSM   Agenda   Contact\n\nLe PTSM, qu'est-ce que c'est ?\n\nTexte.\n"),
            Some(("PTSM de l’Aube".into(), IssuerKind::Other))
        );
        // A release a news site quotes without naming itself.
        assert_eq!(
            issuer_of("Accueil » Société » Santé\n\nLa Guyane signe son contrat\n\nPar La Rédaction - 11 octobre 2023 à 17h44\n\nVoici le communiqué de l'Agence régionale de santé :\n\nCommuniqué de presse. L'Agence régionale de santé Guyane et les acteurs ont signé le CTSM.\n\nContact presse ARS Guyane : 06 39 98 73 00\n"),
            None
        );
        assert_eq!(issuer_of(&format!("La nouvelle équipe mobile{body}")), None);
    }

    #[test]
    fn newspaper_names_in_capitals_get_title_case() {
        assert_eq!(title_case("L'ÉCHO DU LIMOUSIN"), "L’Écho du Limousin");
        assert_eq!(title_case("EPSM DE LA MARNE"), "EPSM de la Marne");
        assert_eq!(title_case("FHF"), "FHF");
        assert_eq!(
            title_case("LE JOURNAL DES OUTRE-MER"),
            "Le Journal des Outre-Mer"
        );
        assert_eq!(
            press_in("Martinique FranceAntilles"),
            Some("France-Antilles")
        );
        assert_eq!(press_in("Guyane la 1ère"), Some("Guyane la 1ère"));
        assert_eq!(press_in("lamontagne.fr"), Some("La Montagne"));
        assert_eq!(
            press_in("https://www.ouest-france.fr/bretagne/quimper/"),
            Some("Ouest-France")
        );
        assert_eq!(press_in("www.estrepublicain.fr"), Some("L’Est républicain"));
        assert_eq!(
            press_in("republicain-lorrain.fr"),
            Some("Le Républicain lorrain")
        );
        assert_eq!(press_in("www.ars.sante.fr"), None);
        assert_eq!(press_in("www.unafam.org"), None);
    }

    /// A département named among a fiche's partners is a third party,
    /// though the text calls it "le Département" later.
    #[test]
    fn a_departement_among_partners_is_no_issuer() {
        assert_eq!(
            issuer_of(
                "Fiche action n°7 – Équipe mobile\nPartenaires : EHPAD, DAC 62, Département du \
                 Pas-de-Calais (maisons du Département Solidarité)\nLe Département lancera un appel.\n"
            ),
            None
        );
    }

    /// An institution's address block at the end names it; a hospital's
    /// address says where to go.
    #[test]
    fn an_institutions_address_block_at_the_end() {
        assert_eq!(
            issuer_of(
                "Le PTSM de la Sarthe est adopté\n\nTexte du PTSM.\n\nARS Pays de la Loire\n\
                 Agence régionale de santé\n17 boulevard Gaston Doumergue\n44262 Nantes\n"
            ),
            Some(("ARS Pays de la Loire".to_string(), IssuerKind::Ars))
        );
        assert_eq!(
            issuer_of(
                "Une équipe mobile à Vichy\n\nPublié le 3 mars 2024\n\nPremier paragraphe de \
                 l’article sur le PTSM.\n\nDeuxième paragraphe.\n\nTroisième paragraphe.\n\n\
                 Centre hospitalier de Vichy\n12 boulevard Denière\n03200 Vichy\n"
            ),
            None
        );
    }

    /// The signature on one line, its parts apart by dashes; an agency's
    /// delegation on the last line; a breadcrumb that starts with the
    /// site's owner; the credits of a layout after a cover's contents.
    #[test]
    fn one_line_signatures_breadcrumbs_and_credits() {
        let of = issuer_of;
        let ars = |s: &str| Some((s.to_string(), IssuerKind::Ars));
        assert_eq!(
            of(
                "PTSM de Guyane : un comité\n\nTexte du PTSM.\n\nARS Guyane – 66 avenue des \
                Flamboyants – 97306 Cayenne Cedex\n"
            ),
            ars("ARS Guyane")
        );
        assert_eq!(
            of(
                "Deux-Sèvres : un PTSM\n\nTexte du PTSM.\n\nDépartement des Deux-Sèvres – Mail \
                Lucie Aubrac – 79000 Niort – 05 36 49 79 79\n"
            ),
            Some((
                "Département des Deux-Sèvres".to_string(),
                IssuerKind::Departement
            ))
        );
        assert_eq!(
            of(
                "Contrat territorial 2023-2027     47\n\nArticle 9 – Durée\nTexte du contrat.\n\n\
                ─ 47 ─\nAgence Régionale de Santé Bourgogne-Franche-Comté – Délégation \
                départementale de la Côte-d’Or\n"
            ),
            ars("ARS Bourgogne-Franche-Comté")
        );
        // A hospital's address says where to go.
        assert_eq!(
            of(
                "Une équipe mobile à Vichy\n\nPublié le 3 mars 2024\n\nPremier paragraphe de \
                l’article sur le PTSM.\n\nDeuxième paragraphe.\n\nTroisième paragraphe.\n\n\
                Centre hospitalier de Vichy – 12 boulevard Denière – 03200 Vichy\n"
            ),
            None
        );
        assert_eq!(
            of("ARS Occitanie > Appels à projets\n\nAppel à projets du PTSM\n\nTexte.\n"),
            ars("ARS Occitanie")
        );
        assert_eq!(
            of("Accueil > Actualités > Santé\n\nLe PTSM du Cher\n\nTexte.\n"),
            None
        );
        let mut cover =
            String::from("PROJET TERRITORIAL DE SANTÉ MENTALE\nDE LA MARTINIQUE\n\nSOMMAIRE\n");
        for n in 1..=20 {
            cover.push_str(&format!("{n}. Chapitre numéro {n} ........ {}\n", n + 2));
        }
        cover.push_str("Mise en page : Direction de la communication, ARS Martinique\n");
        assert_eq!(of(&cover), ars("ARS Martinique"));
    }

    /// Footers and closings: a name before its "©", "(c) Copyright", an
    /// institution's or a local authority's address, a hospital signing
    /// its own newsletter, a closing signature's institution, a cover's
    /// "Réalisation :" over its organisation, a PDF mirror's host label.
    #[test]
    fn footers_signatures_and_host_labels() {
        let body = "\n\nPremier paragraphe sur le PTSM.\n\nDeuxième paragraphe.\n\nTroisième.\n\n";
        assert_eq!(
            issuer_of(&format!("Corse Net Infos - Pure player corse\nACTUALITÉ | SOCIÉTÉ\n\nLe contrat en Haute-Corse{body}Corse Net Infos © 2024 | Mentions légales | Contact\n")),
            Some(("Corse Net Infos".to_string(), IssuerKind::Press))
        );
        assert_eq!(
            issuer_of(&format!("APMnews - Dépêche\n\nLa Réunion lance la révision de son PTSM{body}POLSAN - PSYCHIATRIE\n\n(c) Copyright 2024 APM International - Tous droits réservés.\n"))
                .map(|x| x.0),
            // (The masthead names the agency's news service, a known title.)
            Some("APMnews".to_string())
        );
        assert_eq!(
            issuer_of(&format!("Un relais du PTSM du Val-d’Oise{body}Communauté d’agglomération de Cergy-Pontoise\nHôtel d’agglomération – Parvis de la Préfecture – CS 80309 – 95027 Cergy-Pontoise Cedex\nStandard : 01 99 00 95 00\n")),
            Some(("Communauté d’agglomération de Cergy-Pontoise".to_string(), IssuerKind::Other))
        );
        assert_eq!(
            issuer_of(&format!("Tribune{body}Jean-Marc LEBRETON\nPrésident du Conseil départemental de la Mayenne\n\nPour en savoir plus : 02 61 91 53 00\n")),
            Some(("Conseil départemental de la Mayenne".to_string(), IssuerKind::Departement))
        );
        assert_eq!(
            issuer_of("DIAGNOSTIC TERRITORIAL PARTAGÉ\nDE LA SOMME\n\nRapport final\n\nRéalisation :\nObservatoire régional de la santé et du social (OR2S) Hauts-de-France\n\nTexte.\n")
                .map(|x| x.1),
            Some(IssuerKind::Association)
        );
        assert_eq!(
            issuer_of("CTSM Guyane 2023-2027 version finale.pdf - ARS Guyane\n\nCONTRAT TERRITORIAL\n\nTexte.\n"),
            None
        );
    }

    /// A publication's masthead over its tagline, a team's closing
    /// signature, a service's credit and source line, the coordination
    /// credited before its organisation, and public bodies (MDPH,
    /// université, CCAS) as publishers.
    #[test]
    fn mastheads_team_signatures_and_services() {
        let body = "\n\nPremier paragraphe sur le PTSM.\n\nDeuxième paragraphe.\n\n";
        assert_eq!(
            issuer_of(&format!("La Lettre du Psy\nL’hebdomadaire de la psychiatrie publique\n\nUn CTSM signé dans le Jura{body}")),
            Some(("La Lettre du Psy".to_string(), IssuerKind::Press))
        );
        // (A rubric over a sentence is no masthead.)
        assert_eq!(
            issuer_of(&format!(
                "Actualités\nLe quotidien des équipes change avec le PTSM du Jura.{body}"
            )),
            None
        );
        assert_eq!(
            issuer_of(&format!(
                "Actualités\n\nLe PTSM du Gers avance{body}L’équipe du DAC 32\n"
            )),
            Some(("DAC 32".to_string(), IssuerKind::Dac))
        );
        assert_eq!(
            issuer_of(&format!("Un PTSM évalué\n\nRédigé par le service communication de l’Université de Bordeaux | 03.02.2024{body}")),
            Some(("Université de Bordeaux".to_string(), IssuerKind::Other))
        );
        assert_eq!(
            issuer_of(&format!(
                "Le CTSM du Gers{body}Source : CCAS d’Auch – service communication\n"
            )),
            Some(("CCAS d’Auch".to_string(), IssuerKind::Other))
        );
        assert_eq!(
            issuer_of("LETTRE DU PTSM DU JURA\nn°2 – Mai 2024\n\nRédigée par la coordination du Projet territorial de santé mentale\nCentre hospitalier spécialisé du Jura – Saint-Ylie\n\nTexte.\n")
                .map(|x| x.0),
            Some("Centre hospitalier spécialisé du Jura".to_string())
        );
    }

    /// An e-mail's sender, a paywall's newspaper, an "À propos de …"
    /// heading over its boilerplate.
    #[test]
    fn senders_paywalls_and_about_headings() {
        assert_eq!(
            issuer_of("De : Coordination PTSM 39 <ptsm39@example.fr>\nEnvoyé : mardi 14 novembre 2023 10:42\nObjet : Plénière\n\nBonjour à tous,\nTexte.\n"),
            Some(("Coordination PTSM 39".to_string(), IssuerKind::Other))
        );
        assert_eq!(
            issuer_of("France › Santé\n\nLe PTSM du Jura avance\n\nTexte.\n\nCet article est réservé aux abonnés du Progrès. Pour lire la suite, abonnez-vous.\n")
                .map(|x| x.0),
            Some("Le Progrès".to_string())
        );
        assert_eq!(
            issuer_of("LA LETTRE\n\nLe PTSM du Jura\n\nTexte.\n\nÀ propos de la Fondation Bon Sauveur du Jura\nÉtablissement de santé privé, la Fondation assure des missions de psychiatrie.\n")
                .map(|x| x.0),
            Some("Fondation Bon Sauveur du Jura".to_string())
        );
    }

    /// An act is issued by its author ("Le Directeur général de l’ARS …,"
    /// over its "Vu …"), not by the State's logo beside the agency's; a
    /// legal text's article heading names a party, not the author.
    #[test]
    fn the_author_of_an_act_and_article_headings() {
        assert_eq!(
            issuer_of("PRÉFET DE LA CORSE\t\tAGENCE RÉGIONALE DE SANTÉ DE CORSE\n\nArrêté n° 2021-44\n\nLe Directeur général de l’Agence régionale de santé de Corse,\n\nVu le code de la santé publique ;\n\nArrête\n")
                .map(|x| x.0),
            Some("ARS Corse".to_string())
        );
        assert_eq!(
            issuer_of("Arrêté n° 2020-12\n\nLa préfète de la Meuse,\n\nVu le code ;\n")
                .map(|x| x.0),
            Some("Préfecture de la Meuse".to_string())
        );
        assert_eq!(
            issuer_of("Contrat territorial de santé mentale du Jura\n\nTITRE II – ENGAGEMENTS\n\nArticle 4 – Engagements de l’Agence régionale de santé\nL’ARS s’engage à financer.\n"),
            None
        );
    }

    /// A coordination line in a header names its organisation without
    /// its label; a branch's place after "en" is not the organisation's
    /// name.
    #[test]
    fn coordination_labels_and_branches() {
        assert_eq!(
            issuer_of("PROJET TERRITORIAL DE SANTÉ MENTALE DES ARDENNES\nCoordination : Centre \
                       Hospitalier Bélair – Charleville-Mézières\n\nRELEVÉ DE DÉCISIONS\n\nTexte.\n"),
            Some(("Centre Hospitalier Bélair".to_string(), IssuerKind::Hospital))
        );
        assert_eq!(
            issuer_of("Coordination PTSM 35\nLettre d'information n°3\n\nTexte du PTSM.\n"),
            Some(("Coordination PTSM 35".to_string(), IssuerKind::Other))
        );
        assert_eq!(
            issuer_of(
                "Croix-Rouge française en Martinique\nNos actions | Devenir bénévole | Faire \
                       un don\n\nAller vers celles et ceux\n\nTexte du PTSM.\n"
            ),
            Some(("Croix-Rouge française".to_string(), IssuerKind::Association))
        );
    }

    /// Newspapers: a masthead of any length, a site's address, a byline,
    /// a sign-off, a copyright with its year after the name, the radio's
    /// "ici" stations.
    #[test]
    fn newspapers_by_masthead_address_byline_and_sign_off() {
        let press = |s: &str| Some((s.to_string(), IssuerKind::Press));
        let body = "\n\nUne soixantaine de professionnels étaient réunis à Aurillac pour le CTSM du Cantal.\n";
        assert_eq!(
            issuer_of(&format!(
                "Le Journal de l'île de la Réunion\nSanté mentale : un projet{body}"
            )),
            press("Le Journal de l’île de La Réunion")
        );
        assert_eq!(
            issuer_of(&format!(
                "lamontagne.fr\nSanté mentale : le Cantal signe{body}"
            )),
            press("La Montagne")
        );
        assert_eq!(
            issuer_of(&format!("Santé mentale : le Cantal signe\nPublié le 03/02/2023 par la rédaction d’Actu.fr{body}")),
            press("actu.fr")
        );
        assert_eq!(
            issuer_of(&format!("Santé mentale : le Cantal signe\nPar Jeanne Martin\nLe 03/02/2023 à 18:05{body}\nLa Montagne\n")),
            press("La Montagne")
        );
        assert_eq!(
            issuer_of(&format!("Santé mentale : le Cantal signe{body}\nCet article est paru dans La Montagne du 4 février 2023.\n")),
            press("La Montagne")
        );
        assert_eq!(
            issuer_of(&format!(
                "ici Normandie (ex-France Bleu)\nInfo Santé\n\nDans l'Orne, le projet{body}"
            )),
            press("ici Normandie")
        );
        assert_eq!(
            issuer_of(&format!("Croix-Rouge française\nAccueil / Nos actualités\n\nEn Guyane, un projet{body}\n© Croix-Rouge française 2025 - Mentions légales\n")),
            Some(("Croix-Rouge française".to_string(), IssuerKind::Association))
        );
        // "Lire aussi dans La Montagne" on a last line is no sign-off.
        assert_eq!(
            issuer_of(&format!("Santé mentale : le Cantal signe{body}\nLire aussi dans La Montagne : les urgences saturées\n")),
            None
        );
    }

    /// A later part of a header line names the organisation; a venue's
    /// line does not.
    #[test]
    fn organisations_after_a_dash_in_a_header() {
        assert_eq!(
            issuer_of("Lettre d’information n°4 – Coordination PTSM 35\n\nLe PTSM\n\nTexte.\n"),
            Some(("Coordination PTSM 35".to_string(), IssuerKind::Other))
        );
        assert_eq!(
            issuer_of(
                "COMPTE RENDU\nAuxerre – Centre hospitalier spécialisé de l’Yonne – salle du \
                 conseil\n\nPrésents : vingt personnes.\n"
            ),
            None
        );
        // A meeting's line, its room after a comma.
        assert_eq!(
            issuer_of(
                "PTSM DU DOUBS\nCOMPTE RENDU DU COMITÉ DE PILOTAGE\nRéunion du 11 avril 2024 – \
                 14h00-16h30 – CHU de Besançon, salle Jean Minjoz\n\nPrésents : vingt \
                 personnes.\n"
            ),
            None
        );
    }

    /// A cover's credit line over a block of partners' logos; a State
    /// institution's site; a short name and what it stands for; a
    /// colophon at the foot.
    #[test]
    fn credits_institutions_expansions_and_colophons() {
        assert_eq!(
            issuer_of(
                "Agence Régionale de Santé\nBretagne\n\nMORBIHAN\nLE DÉPARTEMENT\n\nEPSM\n\
                 Morbihan\n\nGHBS\nGroupe Hospitalier Bretagne Sud\n\nPROJET TERRITORIAL\n\
                 DE SANTÉ MENTALE\nDU MORBIHAN\n\nCoordination : EPSM Morbihan – Mission PTSM \
                 56\n\nTexte du projet.\n"
            ),
            Some(("EPSM Morbihan".to_string(), IssuerKind::Hospital))
        );
        assert_eq!(
            issuer_of("Sénat – Questions écrites\n\nMise en œuvre du PTSM du Var\n\nTexte.\n"),
            Some(("Sénat".to_string(), IssuerKind::Other))
        );
        assert_eq!(
            issuer_of(
                "F2RSM Psy – Fédération régionale de recherche en psychiatrie et santé mentale \
                 Hauts-de-France\nLA LETTRE n° 58\n\nLes PTSM évalués\n\nTexte.\n"
            ),
            Some(("F2RSM Psy".to_string(), IssuerKind::Association))
        );
        let body = "Le CLSM réunit élus et soignants. ".repeat(4);
        assert_eq!(
            issuer_of(&format!(
                "ARGENTEUIL MAG' N° 47\n\nSanté mentale : la ville mise sur le collectif\n\n\
                 {body}\n\nArgenteuil Mag' est édité par la Ville d'Argenteuil – Hôtel de ville, \
                 12 boulevard Léon-Feix.\n"
            )),
            Some(("Ville d’Argenteuil".to_string(), IssuerKind::Other))
        );
    }

    /// A PTSM document's carrier: under its cover's title, "Porté par …",
    /// a sentence that says so, a credit as its last line; a period
    /// written with an arrow is no breadcrumb.
    #[test]
    fn a_ptsm_documents_carrier() {
        let body =
            "Le diagnostic territorial partagé a réuni les acteurs du département. ".repeat(3);
        assert_eq!(
            issuer_of(&format!("PROJET TERRITORIAL DE SANTÉ MENTALE\nMANCHE\n2020-2024\n\nVersion soumise au comité de pilotage du 17 septembre 2020\nFondation Bon Sauveur de la Manche – coordination du PTSM\n\nPréambule\n\n{body}\n")),
            Some(("Fondation Bon Sauveur de la Manche".to_string(), IssuerKind::Association))
        );
        assert_eq!(
            issuer_of(&format!("PROJET\nTERRITORIAL\nDE SANTÉ MENTALE\nDU TARN\n\nPorté par la Fondation du Bon Sauveur d’Alby,\npour le compte des acteurs tarnais\n\nSOMMAIRE\n\n{body}\n")),
            Some(("Fondation du Bon Sauveur d’Alby".to_string(), IssuerKind::Association))
        );
        assert_eq!(
            issuer_of(&format!("Projet Territorial de Santé Mentale de l’Aveyron 2020 > 2025\nSommaire\nIntroduction\n{body}\nLa démarche a été conduite par l’Association Aveyronnaise de Santé Mentale, porteuse du PTSM, avec l’appui de l’ARS Occitanie.\n")),
            Some(("Association Aveyronnaise de Santé Mentale".to_string(), IssuerKind::Association))
        );
        let many = format!("{body}\n").repeat(12);
        assert_eq!(
            issuer_of(&format!("Fiches action du PTSM de Mayotte\n\n{many}\nDocument validé le 15 décembre 2021 par le comité de pilotage\nCoordination : ARS Mayotte – mission santé mentale – 06 39 98 55 61\n")),
            Some(("ARS Mayotte".to_string(), IssuerKind::Ars))
        );
    }

    /// A logo's alternative text, a masthead with its tagline, a study's
    /// credit under a subtitle that names the département, and a third
    /// party named in an article's sentence.
    #[test]
    fn logos_taglines_studies_and_third_parties() {
        let body = "Le projet territorial de santé mentale avance dans le département. ".repeat(3);
        assert_eq!(
            issuer_of(&format!("CONSEIL TERRITORIAL DE SANTÉ DU BAS-RHIN\nCommission spécialisée en santé mentale\n\nAvis sur le projet de contrat\nSéance du 23 mai 2022\n\n{body}\n")),
            Some(("Conseil Territorial de Santé du Bas-Rhin".to_string(), IssuerKind::Other))
        );
        assert_eq!(
            issuer_of(&format!("[Logo] Agence Régionale de Santé Martinique      [Logo] Collectivité Territoriale de Martinique\n\nCOMMUNIQUÉ DE PRESSE CONJOINT\n\n{body}\n")),
            Some(("ARS Martinique".to_string(), IssuerKind::Ars))
        );
        assert_eq!(
            issuer_of(&format!("Corse Net Infos - Pure player d'informations sur la Corse\n\nSOCIÉTÉ\n\nSanté mentale : la Corse dresse un bilan\n\n{body}\n")),
            Some(("Corse Net Infos".to_string(), IssuerKind::Press))
        );
        assert_eq!(
            issuer_of(&format!("Diagnostic territorial partagé en santé mentale\nDépartement de l'Orne\n\nÉtude réalisée par l'ORS-CREAI Normandie pour le compte de l'Agence régionale de santé de Normandie\n\n{body}\n")),
            Some(("ORS-CREAI Normandie".to_string(), IssuerKind::Association))
        );
        assert_eq!(
            issuer_of(&format!("Santé mentale : le Vaucluse a son projet\n\nLe projet territorial de santé mentale (PTSM) de Vaucluse a été arrêté par le directeur général de l'agence. Élaboré depuis 2023 sous la coordination du centre hospitalier de Montfavet avec plus de cent partenaires du territoire, il compte cinq axes et vingt actions.\n\n{body}\n")),
            None
        );
    }

    /// A byline's lead is no part of the organisation's name.
    #[test]
    fn newsletters_banners_bylines_and_data_sources() {
        let body = "\n\nLe PTSM avance : trois groupes de travail se sont réunis ce mois-ci.\n";
        // A newsletter of an acronym spelled out on the next line.
        assert_eq!(
            issuer_of(&format!("La Lettre de la CRSA\nConférence régionale de la santé et de l’autonomie de La Réunion\nN° 12 – Décembre 2024{body}")),
            Some(("CRSA La Réunion".to_string(), IssuerKind::Other))
        );
        // A PTSM's newsletter: its coordination, unless a header or a
        // colophon names its publisher.
        assert_eq!(
            issuer_of(&format!(
                "La Lettre du PTSM de la Manche\nN° 4 – Janvier 2025{body}"
            )),
            Some((
                "Coordination du PTSM de la Manche".to_string(),
                IssuerKind::Other
            ))
        );
        assert_eq!(
            issuer_of(&format!("DAC 27 – Dispositif d’appui à la coordination de l’Eure\nLa lettre du PTSM de l’Eure – n° 7{body}")).map(|x| x.1),
            Some(IssuerKind::Dac)
        );
        // A site's banner.
        assert_eq!(
            issuer_of(&format!("Saint-Brieuc\nSite officiel de la Ville de Saint-Brieuc\nAccueil\nMa ville\n\nSanté mentale : deux semaines pour en parler{body}")),
            Some(("Ville de Saint-Brieuc".to_string(), IssuerKind::Other))
        );
        // A byline whose writer is the newspaper.
        assert_eq!(
            issuer_of(&format!("Savoie\nSanté\n\nPsychiatrie : le projet territorial\n\nPar Le Dauphiné Libéré - 02 févr. 2024 à 06:00{body}")),
            Some(("Le Dauphiné libéré".to_string(), IssuerKind::Press))
        );
        // A table's source is no publisher.
        assert_eq!(
            issuer_of(&format!("Le contrat dans les microrégions{body}Nord ⇥ 12\nSud ⇥ 14\nSource : ARS La Réunion, bilan au 30 septembre 2024.\n\nLa suite.\n")),
            None
        );
    }

    #[test]
    fn publisher_statements_magazines_contacts_and_footers() {
        let body = "\n\nLe projet territorial de santé mentale du Calvados compte 24 actions. Le comité de pilotage se réunit deux fois par an.\n\nLa suite du texte.\n";
        let name = |s: String| issuer_of(&s).map(|x| x.0);
        assert_eq!(
            name(format!(
                "Le magazine du Département de la Manche\nN° 42 – juin 2024\n\nTitre du PTSM{body}"
            )),
            Some("Département de la Manche".to_string())
        );
        assert_eq!(
            name(format!(
                "Une publication de la Ville de Brest\n\nTitre du PTSM{body}"
            )),
            Some("Ville de Brest".to_string())
        );
        assert_eq!(
            name(format!(
                "Titre du PTSM{body}Ce contenu est proposé par l’ARS Normandie."
            )),
            Some("ARS Normandie".to_string())
        );
        assert_eq!(
            name(format!(
                "Titre du PTSM{body}Article publié par la Mairie de Caen le 3 mai 2024"
            )),
            Some("Mairie de Caen".to_string())
        );
        assert_eq!(
            name(format!(
                "Titre du PTSM{body}Mentions légales | Plan du site | © Département de l’Orne 2024"
            )),
            Some("Département de l’Orne".to_string())
        );
        assert_eq!(
            name(format!("Communiqué de presse\nCaen, le 3 mai 2024\n\nTitre du PTSM{body}Contact presse\nPréfecture du Calvados – Service de la communication\n02 61 91 00 00\n")),
            Some("Préfecture du Calvados".to_string())
        );
        // A newspaper's own title is no magazine's publisher.
        assert_ne!(
            issuer_of(&format!("Le Journal du Centre\n\nTitre du PTSM{body}")).map(|x| x.1),
            Some(IssuerKind::Departement)
        );
    }

    #[test]
    fn a_coordinations_footer_names_its_carrier() {
        assert_eq!(
            issuer_of("PTSM 21 | Côte-d’Or\nAccueil   Le PTSM   Les actions\n\nLes actions du PTSM\n\nLe PTSM compte 24 actions.\n\nCoordination du PTSM de la Côte-d’Or – Centre Hospitalier La Chartreuse – 1 boulevard Chanoine Kir – 21000 Dijon\n").map(|x| x.0),
            Some("Centre Hospitalier La Chartreuse".to_string())
        );
    }

    #[test]
    fn cover_coordination_and_closing_credits() {
        let body = "\n\nLe PTSM s’organise en quatre axes.\n\nLe comité de pilotage se réunit deux fois par an.\n";
        assert_eq!(
            issuer_of(&format!("PROJET TERRITORIAL DE SANTÉ MENTALE\nDES ALPES-DE-HAUTE-PROVENCE\nDocument adopté par le comité de pilotage du 5 février 2021\nCoordination du PTSM des Alpes-de-Haute-Provence\nCentre hospitalier de Digne-les-Bains – Pôle de psychiatrie\n{body}")),
            Some(("Centre hospitalier de Digne-les-Bains".to_string(), IssuerKind::Hospital))
        );
        assert_eq!(
            issuer_of(&format!("Le plan d’actions{body}\nDocument réalisé par le Centre hospitalier Maurice Despinoy, porteur de la coordination du\nPTSM, avec le soutien de l’ARS Martinique.\n")).map(|x| x.0),
            Some("Centre hospitalier Maurice Despinoy".to_string())
        );
        assert_eq!(
            issuer_of(&format!("La gouvernance{body}\nRédaction et mise en page : coordination du PTSM 62 – EPSM Val de Lys-Artois\n")).map(|x| x.0),
            Some("EPSM Val de Lys-Artois".to_string())
        );
        assert_eq!(
            issuer_of(&format!("La lettre{body}\nRédaction : coordination du PTSM de la Manche – Fondation Bon Sauveur de la Manche, Picauville\n")).map(|x| x.0),
            Some("Fondation Bon Sauveur de la Manche".to_string())
        );
        // The coordinator named after a carrier is a person.
        assert_ne!(
            issuer_of(&format!("La gouvernance{body}\nL’animation est portée par l’EPSM Val de Lys-Artois : M. Rémi CARLIER, coordonnateur du PTSM, assisté d’une chargée de mission.\n")).map(|x| x.0),
            Some("EPSM Val de Lys-Artois : M. Rémi CARLIER".to_string())
        );
    }

    #[test]
    fn bylines_name_their_organisation() {
        assert_eq!(
            issuer_of(
                "Publié par ARS Hauts-de-France le 12/03/2023\n\nLe PTSM du Nord\n\nTexte.\n"
            ),
            Some(("ARS Hauts-de-France".to_string(), IssuerKind::Ars))
        );
        assert_eq!(
            issuer_of(
                "Rédaction : service communication du CHS de Sarreguemines\n\nLe PTSM\n\nTexte.\n"
            ),
            Some(("CHS de Sarreguemines".to_string(), IssuerKind::Hospital))
        );
    }

    /// A site's name in one line, "<département> – Le Département", is the
    /// département's council.
    #[test]
    fn headlines_sites_full_names_and_communication_services() {
        let of = issuer_of;
        // A headline naming organisations is no masthead; the press
        // contact tells.
        assert_eq!(
            of("COMMUNIQUÉ DE PRESSE\n\nLa préfecture et l'ARS signent le CTSM de l'Aude\n\nCarcassonne, le 5 mai 2022\n\nTexte.\n\nContact presse : ARS Occitanie – 04 00 00 00 00\n"),
            Some(("ARS Occitanie".to_string(), IssuerKind::Ars))
        );
        assert_eq!(
            of("Mairie de Lorient – Santé\n\nLe conseil local de santé mentale et le PTSM du Morbihan\n\nTexte.\n"),
            Some(("Mairie de Lorient".to_string(), IssuerKind::Other))
        );
        assert_eq!(
            of("Union nationale de familles et amis de personnes malades et/ou handicapées psychiques (Unafam)\n\nDélégation du Var\n\nLe PTSM du Var\n\nTexte.\n")
                .map(|x| x.1),
            Some(IssuerKind::Association)
        );
        assert_eq!(
            of("Accueil > Actualités\n\nLe PTSM des Landes\n\nTexte.\n\nDirection de la communication – ARS Nouvelle-Aquitaine\n"),
            Some(("ARS Nouvelle-Aquitaine".to_string(), IssuerKind::Ars))
        );
        assert_eq!(
            of("Maison des adolescents du Calvados\n\nActualités\n\nLa MDA participe au PTSM\n\nTexte.\n")
                .map(|x| x.1),
            Some(IssuerKind::Association)
        );
        assert_eq!(
            of("GHU Paris psychiatrie & neurosciences\n\nLe PTSM de Paris\n\nTexte.\n")
                .map(|x| x.1),
            Some(IssuerKind::Hospital)
        );
        // "à" is no verb; a site's menu is no organisation.
        let p = crate::process_bytes(
            "t.txt",
            "DAC 36\nDispositif d'appui à la coordination de l'Indre\nAccueil | Le DAC | Professionnels | Contact\n\nLe PTSM de l’Indre\n\nTexte.\n".as_bytes(),
            &Default::default(),
        )
        .expect("reads");
        let i = p.document.issuer.expect("an issuer");
        assert_eq!(i.name, "DAC 36");
        assert_eq!(
            i.co_issuers,
            ["Dispositif d’appui à la coordination de l’Indre"]
        );
    }

    #[test]
    fn two_logos_side_by_side_and_an_agencys_subtitle() {
        let p = crate::process_bytes(
            "t.txt",
            "   ARS DE CORSE                                        COLLECTIVITÉ DE CORSE\n   Agence régionale de santé                           COLLETTIVITÀ DI CORSICA\n\n\n              PROJET TERRITORIAL DE SANTÉ MENTALE DE CORSE\n\nTexte.\n".as_bytes(),
            &Default::default(),
        )
        .expect("reads");
        let i = p.document.issuer.expect("an issuer");
        assert_eq!(i.name, "ARS Corse");
        assert_eq!(i.co_issuers, ["Collectivité de Corse"]);
    }

    #[test]
    fn more_newspapers_and_no_common_words() {
        assert_eq!(
            issuer_of("L'Echo républicain\n\nSanté mentale : le PTSM d'Eure-et-Loir\n\nTexte.\n"),
            Some(("L’Écho républicain".to_string(), IssuerKind::Press))
        );
        assert_eq!(
            issuer_of("Le monde de la psychiatrie change\n\nTexte.\n"),
            None
        );
        // A release's closing boilerplate and its press service.
        assert_eq!(
            issuer_of("Le PTSM du Finistère\n\nTexte.\n\nÀ propos de l'ARS Bretagne : l'agence pilote la politique de santé.\n"),
            Some(("ARS Bretagne".to_string(), IssuerKind::Ars))
        );
        assert_eq!(
            issuer_of(
                "Le PTSM\n\nTexte.\n\nÀ propos du Centre hospitalier de Cornouaille : il soigne.\n"
            ),
            Some((
                "Centre hospitalier de Cornouaille".to_string(),
                IssuerKind::Hospital
            ))
        );
        assert_eq!(
            issuer_of(
                "Le PTSM du Finistère\n\nTexte.\n\nService presse ARS Bretagne : 02 00 00 00 00\n"
            ),
            Some(("ARS Bretagne".to_string(), IssuerKind::Ars))
        );
        assert_eq!(
            issuer_of("Le PTSM\n\nÀ propos de la santé mentale : un mot.\n"),
            None
        );
    }

    #[test]
    fn a_departements_site_name_on_one_line() {
        assert_eq!(
            issuer_of(
                "Essonne – Le Département\n\nLa santé mentale en Essonne\n\nTexte sur le PTSM.\n"
            ),
            Some((
                "Département de l’Essonne".to_string(),
                IssuerKind::Departement
            ))
        );
    }
}
