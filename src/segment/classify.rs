//! Line shapes: list markers, headings, titles, list announcers.
//!
//! Decisions are made on one logical line at a time (plus its position for
//! the title); the tree building in `mod.rs` decides from the context.

pub use crate::normalize::list_marker;
use crate::normalize::{key, key_within, NormDoc};

/// Kind of list marker. Items with markers of the same class are siblings;
/// a new class nests under the last item ("•" outer, "→"/"–" inner…,
/// "Axe 1 :" outer, "Action 1.1 –" inner).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MarkerClass {
    Bullet,
    Arrow,
    Dash,
    Check,
    Number,
    Letter,
    Roman,
    /// "1|".
    Pipe,
    /// "1°".
    Degree,
    /// A section number with this many levels ("4.3.1." → 3).
    Section(u8),
    /// A labelled marker, by the kind of its label.
    Label(LabelKind),
}

/// What a labelled marker's label names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LabelKind {
    /// "Axe 2 :".
    Axe,
    /// "Action 3.1 –", "Fiche action n°4 –", "FA n°9 –", "Chantier 2 :".
    Action,
    /// "Orientation 1 –", "Volet 2 :".
    Orientation,
    /// "Objectif 1 :".
    Objectif,
    /// "Priorité 2 :".
    Priorite,
    /// "Enjeu 3 :".
    Enjeu,
    /// "Thématique 1 :".
    Thematique,
    /// "Groupe 1 –", "GT 2 :", "Groupe de travail 3 :".
    Groupe,
}

impl LabelKind {
    /// The kind of a labelled marker ("Axe 1 :", "FA n°9 –"), if `marker`
    /// is one.
    pub fn of(marker: &str) -> Option<LabelKind> {
        let k = crate::normalize::key(marker);
        let first = k.split(' ').next().unwrap_or("");
        Some(match first {
            "axe" => LabelKind::Axe,
            "action" | "fiche" | "fiches" | "fa" | "chantier" | "mesure" => LabelKind::Action,
            "orientation" | "volet" => LabelKind::Orientation,
            "objectif" => LabelKind::Objectif,
            // "P2 –": a decree priority's number.
            "priorite" | "p1" | "p2" | "p3" | "p4" | "p5" | "p6" => LabelKind::Priorite,
            "enjeu" => LabelKind::Enjeu,
            "thematique" => LabelKind::Thematique,
            "groupe" | "gt" => LabelKind::Groupe,
            _ => return None,
        })
    }
}

impl MarkerClass {
    pub fn of(marker: &str) -> MarkerClass {
        if matches!(marker, "->" | "=>") {
            return MarkerClass::Arrow;
        }
        if let Some(l) = LabelKind::of(marker).filter(|_| marker.len() > 2) {
            return MarkerClass::Label(l);
        }
        let first = marker.chars().next().unwrap_or('•');
        if first.is_ascii_digit() {
            let dots = marker.trim_end_matches('.').matches('.').count();
            if dots > 0 {
                return MarkerClass::Section((dots + 1).min(8) as u8);
            }
            if marker.ends_with('|') {
                return MarkerClass::Pipe;
            }
            if marker.ends_with('°') || marker.ends_with("°)") {
                return MarkerClass::Degree;
            }
        }
        match first {
            '→' | '➔' | '►' | '➢' | '>' | '›' | '➤' | '▶' | '▸' => {
                MarkerClass::Arrow
            }
            '-' | '–' | '—' => MarkerClass::Dash,
            '✓' | '✔' | '☐' | '☒' | '☑' | '❑' => MarkerClass::Check,
            c if c.is_ascii_digit() => MarkerClass::Number,
            c if c.is_alphabetic() => {
                let body = marker.trim_end_matches([')', '.']);
                if body.len() > 1 && body.chars().all(|c| matches!(c, 'i' | 'v' | 'x'))
                    || body.chars().all(|c| matches!(c, 'I' | 'V' | 'X'))
                {
                    MarkerClass::Roman
                } else {
                    MarkerClass::Letter
                }
            }
            _ => MarkerClass::Bullet,
        }
    }
}

/// Words that announce a list of unmarked items when they make up a whole
/// line ("Actions", "Groupes de travail").
const ANNOUNCERS: &[&str] = &[
    "actions",
    "groupes de travail",
    "groupes de reflexion",
    "axes",
    "axes strategiques",
    "themes",
    "objectifs",
    "priorites",
    "fiches action",
    "fiches actions",
];

/// A line that, on its own, announces a list: "Actions", "Groupes de
/// travail", "Quatre thèmes clés ont émergé … :" (a line ending with ":").
pub fn is_list_announcer(s: &str) -> bool {
    announces_by_words(s) || s.trim_end().ends_with(':')
}

/// A whole line that is a list name ("Actions", "Groupes de travail"):
/// its unmarked items run until the next heading.
pub fn announces_by_words(s: &str) -> bool {
    key_within(s, LONGEST_ANNOUNCER).is_some_and(|k| ANNOUNCERS.contains(&k.as_str()))
}

/// The length of the longest of [`ANNOUNCERS`]: a line whose key is longer
/// is none of them.
const LONGEST_ANNOUNCER: usize = "groupes de reflexion".len();

/// "Projet Territorial de santé de l’Orne", "Projet territorial de santé
/// mentale du Calvados": one heading per territory in regional releases.
pub fn is_territory_heading(s: &str) -> bool {
    territory_heading_name(s).is_some()
}

/// The territory named by a territory heading, as written ("de l’Orne",
/// "Rouen – Elbeuf – Pays-de-Bray").
pub fn territory_heading_name(s: &str) -> Option<&str> {
    let t = s.trim();
    if t.len() > 120 || t.ends_with('.') || t.ends_with(':') {
        return None;
    }
    // Only "p" and "P" lowercase to a leading "p" (see the reflow test
    // `only_p_and_digits_lowercase_to_p_and_digits`): other lines are
    // refused before anything is lowercased.
    if !t.starts_with(['p', 'P']) {
        return None;
    }
    // Only the head of the line is compared: the lowercase of its first
    // 36 characters is 36 bytes or more, as long as the longest prefix,
    // and starts the lowercase of the line (a "Σ" lowercased differently
    // at the cut matches no prefix either way).
    let head = t
        .char_indices()
        .nth(36)
        .map_or(t, |(i, _)| t.get(..i).unwrap_or(t));
    let lower = head.to_lowercase();
    for prefix in [
        "projet territorial de santé mentale",
        "projet territorial de santé",
        "ptsm",
    ] {
        if lower.starts_with(prefix) {
            // Lowercasing keeps byte lengths of these ASCII/é prefixes.
            let rest = t.get(prefix.len()..)?.trim();
            if rest.is_empty() || rest.starts_with(['(', ':', ',']) {
                return None;
            }
            return Some(rest);
        }
    }
    None
}

/// A line written in capitals ("COMMUNIQUE DE PRESSE"): at least two words
/// and no lowercase letter.
pub fn is_caps_line(s: &str) -> bool {
    // Most lines have a lowercase letter early: that check goes first.
    !s.chars().any(char::is_lowercase)
        && s.chars().filter(|c| c.is_alphabetic()).count() >= 6
        && s.split_whitespace().nth(1).is_some()
        && !s.contains('@')
}

/// A date line such as "Le 13 décembre 2023".
pub fn is_date_line(s: &str) -> bool {
    // Not starting with a digit, at most five words, at least four digits:
    // counted only as far as needed, this runs on every line of a list.
    // Cheapest test first: most lines have fewer than four digits.
    s.bytes().filter(u8::is_ascii_digit).nth(3).is_some()
        && s.chars().next().is_some_and(|c| !c.is_ascii_digit())
        && s.split_whitespace().nth(5).is_none()
}

/// A short line without final punctuation, starting with a capital: a
/// section heading ("Un financement dédié", "En savoir +").
pub fn is_heading_shape(s: &str) -> bool {
    let t = s.trim();
    let Some(first) = t.chars().next() else {
        return false;
    };
    let last = t.chars().last().unwrap_or('.');
    // The tests that look at one character first, those that scan the
    // line after (all of them must pass). Only whether there are 1 to 10
    // words matters.
    first.is_uppercase()
        && !matches!(last, '.' | ',' | ';' | ':' | '!' | '?' | '…')
        && (1..=10).contains(&t.split_whitespace().take(11).count())
        && t.chars().count() <= 80
        && !t.contains('@')
        && !t.contains(':')
        && !is_date_line(t)
}

/// Whether an unmarked line can be an item of an announced list: one
/// sentence at most, not a whole paragraph.
pub fn could_be_item(s: &str) -> bool {
    let t = s.trim();
    let inner_sentence = || {
        // Each ". " is a full stop followed by a space: the stops are found
        // with a byte search, not a substring search (". " cannot overlap
        // itself, so these are the same places).
        let body = t.trim_end_matches(['.', ' ']);
        body.match_indices('.')
            .filter(|&(i, _)| body.as_bytes().get(i + 1) == Some(&b' '))
            .any(|(i, _)| {
                // "1. " or "etc. " do not end a sentence.
                t.get(i.saturating_sub(3)..i)
                    .is_some_and(|w| !w.ends_with("etc") && !w.chars().all(|c| c.is_ascii_digit()))
            })
    };
    // A date line ("Le 13 décembre 2023") starts the body, it is not an item.
    // (No more bytes than 500, no more characters: not counted.)
    // A fiche's labelled field ("Pilote : CHM – …", "Financement : 150 k€",
    // "Indicateurs : …") starts the fiche's next part: no item of the
    // objectives listed above it.
    let field = || {
        t.split_once(" : ")
            .or_else(|| t.split_once(": "))
            .is_some_and(|(head, _)| {
                head.len() <= 40 && crate::normalize::labels::field_of(head).is_some()
            })
    };
    !t.is_empty()
        && (t.len() <= 500 || t.chars().count() <= 500)
        && !inner_sentence()
        && !is_date_line(t)
        && !is_section_label(t)
        && !field()
}

/// Labels of the sections of a fiche, an action sheet or a page
/// ("Calendrier", "Évaluation", "Contact", "Description"): such a line
/// starts a section, it is no item of the list before it.
const SECTION_LABELS: &[&str] = &[
    "calendrier",
    "evaluation",
    "contact",
    "contacts",
    "description",
    "resume",
    "financement",
    "financements",
    "budget",
    "partenaires",
    "indicateurs",
    "porteur",
    "porteurs",
    "public",
    "public cible",
    "publics",
    "territoire",
    "territoires",
    "resultats",
    "agenda",
    "documents",
    "documents a telecharger",
    "pour en savoir plus",
    "en savoir plus",
    "en savoir",
    "pilote",
    "pilotes",
    "pilote s",
    "modalites",
    "methode",
    "gouvernance",
    "suivi",
    "perspectives",
    "synthese",
    "sommaire",
    "annexes",
    "glossaire",
    "vos contacts",
    "nous contacter",
];

/// A line that is only a section label ("Calendrier", "Contact :").
pub fn is_section_label(s: &str) -> bool {
    let t = s.trim().trim_end_matches([':', ' ']);
    t.len() <= 30
        && key_within(t, 30)
            .is_some_and(|k| SECTION_LABELS.contains(&k.as_str()) || k.starts_with("resultats "))
}

/// Index of the title line: among the first lines that are not page or
/// site furniture (labels such as "COMMUNIQUÉ DE PRESSE", "Article",
/// "Actualités"; date and publication lines; breadcrumbs and menus;
/// bylines, source and contact lines; a short name alone on its line,
/// such as a logo's or a newspaper's), the first line in capitals of at
/// least four words, else the first heading-shaped one (no final full
/// stop), else the first line.
pub fn title_line(doc: &NormDoc) -> Option<usize> {
    // (A table row is never the title.)
    let text = |i: usize| {
        doc.lines
            .get(i)
            .filter(|l| l.table.is_none())
            .and_then(|l| doc.text.get(l.range.clone()))
    };
    let furniture = |t: &str| -> bool {
        let k = key(t);
        let words = k.split(' ').filter(|w| !w.is_empty()).count();
        words <= 2
            || k.starts_with("communique")
            || k.starts_with("dossier de presse")
            || k.starts_with("publie")
            || k.starts_with("mis a jour")
            || k.starts_with("mis en ligne")
            || k.starts_with("par ")
            || k.starts_with("source")
            || k.starts_with("contact")
            || k.starts_with("accueil")
            || k.starts_with("vous etes ici")
            // A site's banner: "Site officiel de la Ville de Saint-Brieuc".
            || k.starts_with("site officiel")
            || k.starts_with("le site officiel")
            || t.contains(" > ")
            || t.contains(" › ")
            || t.matches('|').count() >= 2
            || is_date_line(t)
            // The State's logo and an agency's name over it: "PRÉFET" /
            // "DE LA RÉGION" / "GUYANE", "RÉPUBLIQUE FRANÇAISE",
            // "Agence Régionale de Santé".
            || k.starts_with("prefet")
            || k.starts_with("republique francaise")
            || k.starts_with("agence regionale de sante")
            || k.starts_with("delegation departementale")
            || k.starts_with("delegation territoriale")
            || (words <= 4
                && is_caps_line(t)
                && (k.starts_with("de ") || k.starts_with("du ") || k.starts_with("des ")))
    };
    // A cookie-consent banner saved with a web page comes first; the page
    // starts after it.
    let from = consent_banner_end(doc);
    let candidates: Vec<usize> = (from..doc.lines.len().min(from + 10))
        .filter(|&i| text(i).is_some_and(|t| !furniture(t) && !name_alone(t)))
        .collect();
    for &i in candidates.iter().take(6) {
        let Some(t) = text(i) else { continue };
        if is_caps_line(t) && t.split_whitespace().count() >= 4 {
            return Some(i);
        }
    }
    if let Some(&i) = candidates.first() {
        let t = text(i).unwrap_or("");
        let words = t.split_whitespace().count();
        if words <= 30 && !t.trim_end().ends_with('.') || words <= 20 {
            return Some(i);
        }
    }
    doc.lines.iter().position(|l| l.table.is_none())
}

/// The line after a cookie-consent banner at the top of a saved web page
/// ("Nous respectons votre vie privée", "… nous et nos partenaires
/// utilisons des cookies …", "Accepter et fermer", "Paramétrer"), or 0.
pub fn consent_banner_end(doc: &NormDoc) -> usize {
    let consent = |k: &str| {
        k.contains("cookie")
            || k.contains("consentement")
            || k.contains("vie privee")
            || k.contains("donnees personnelles")
            || k.starts_with("accepter")
            || k.starts_with("tout accepter")
            || k.starts_with("tout refuser")
            || k.starts_with("refuser")
            || k.starts_with("continuer sans accepter")
            || k.starts_with("parametrer")
            || k.starts_with("personnaliser")
            || k.starts_with("gerer mes choix")
            || k.starts_with("en savoir plus et parametrer")
    };
    let keys: Vec<String> = doc
        .lines
        .iter()
        .take(12)
        .map(|l| key(doc.text.get(l.range.clone()).unwrap_or("")))
        .collect();
    if !keys.iter().any(|k| k.contains("cookie")) {
        return 0;
    }
    // The banner is the run of consent lines from the top.
    keys.iter().take_while(|k| consent(k)).count()
}

/// A line that is only a name of two or three capitalised words ("La
/// Montagne", "Le Puy-en-Velay"): a logo, a newspaper, a breadcrumb's
/// place, no title.
fn name_alone(t: &str) -> bool {
    let words: Vec<&str> = t.split_whitespace().collect();
    (1..=3).contains(&words.len())
        && words.iter().all(|w| {
            let mut cs = w.chars();
            cs.next().is_some_and(char::is_uppercase)
                && !(w.chars().filter(|c| c.is_alphabetic()).count() >= 2
                    && w.chars().all(|c| !c.is_lowercase()))
        })
}

/// The ordinal a marker gives: "3." → 3, "III." → 3, "Axe 2 :" → 2;
/// letters and bullets give none.
pub fn marker_ordinal(marker: &str) -> Option<u32> {
    let body: &str = marker
        .trim_end_matches([':', '–', '—', '-', '.', ')', '|', '°', ' '])
        .rsplit(' ')
        .next()?;
    if !body.is_empty() && body.bytes().all(|b| b.is_ascii_digit()) {
        return body.parse().ok();
    }
    if !body.is_empty() && body.chars().all(|c| matches!(c, 'I' | 'V' | 'X')) {
        let value = |c| match c {
            'I' => 1,
            'V' => 5,
            _ => 10,
        };
        let digits: Vec<u32> = body.chars().map(value).collect();
        let mut n = 0;
        for (i, &d) in digits.iter().enumerate() {
            if digits.get(i + 1).is_some_and(|&next| next > d) {
                n -= d as i64;
            } else {
                n += d as i64;
            }
        }
        return u32::try_from(n).ok().filter(|&n| n > 0);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_announcer_is_the_longest() {
        assert_eq!(
            ANNOUNCERS.iter().map(|a| a.len()).max(),
            Some(LONGEST_ANNOUNCER)
        );
    }

    #[test]
    fn markers_are_found_with_their_class() {
        assert_eq!(list_marker("• Actions"), Some("•"));
        assert_eq!(list_marker("→ Santé mentale et travail"), Some("→"));
        assert_eq!(list_marker("– Une évaluation rapide"), Some("–"));
        assert_eq!(list_marker("1. Premier"), Some("1."));
        assert_eq!(list_marker("a) sous-point"), Some("a)"));
        assert_eq!(list_marker("1 2 3 Enfant propose :"), None);
        assert_eq!(list_marker("médico-social"), None);
        assert_eq!(MarkerClass::of("→"), MarkerClass::Arrow);
        assert_eq!(list_marker("-> Volet psychiatrique"), Some("->"));
        assert_eq!(MarkerClass::of("->"), MarkerClass::Arrow);
        assert_eq!(MarkerClass::of("–"), MarkerClass::Dash);
        assert_eq!(MarkerClass::of("ii)"), MarkerClass::Roman);
        assert_eq!(MarkerClass::of("b)"), MarkerClass::Letter);
    }

    #[test]
    fn territory_headings_give_the_name_as_written() {
        assert_eq!(
            territory_heading_name("Projet Territorial de santé de l’Orne"),
            Some("de l’Orne")
        );
        assert_eq!(
            territory_heading_name("Projet Territorial de santé Rouen – Elbeuf – Pays-de-Bray"),
            Some("Rouen – Elbeuf – Pays-de-Bray")
        );
        assert_eq!(
            territory_heading_name("Projet territorial de santé mentale (PTSM) de Normandie."),
            None
        );
    }

    #[test]
    fn announcers_and_heading_shapes() {
        assert!(is_list_announcer("Groupes de travail"));
        assert!(is_list_announcer(
            "Quatre thèmes clés ont émergé de cette collaboration :"
        ));
        assert!(!is_list_announcer("Réhabilitation par le logement"));
        assert!(is_heading_shape("Un financement dédié"));
        assert!(!is_heading_shape("Le 13 décembre 2023"));
        assert!(!is_heading_shape("Une phrase qui finit par un point."));
        assert!(!is_heading_shape(
            "Pour prendre rendez-vous : 📞 03.76.33.01.15"
        ));
        assert!(!could_be_item("Le 13 décembre 2023"));
        assert!(is_caps_line("COMMUNIQUE DE PRESSE"));
        assert!(!is_caps_line(
            "ARS Grand Est : ars-grandest-presse@ars.sante.fr"
        ));
    }
}
