//! People: "Virginie CAYRE, directrice générale de l’ARS Grand Est", and
//! named people whose role is stated a paragraph earlier ("le Directeur
//! général de l’ARS Normandie … François Mengin Lecreulx a plaidé").

use std::sync::LazyLock;

use crate::error::Warning;
use crate::model::{BlockKind, Person};
use crate::normalize::NormDoc;
use crate::segment::BlockTree;

use super::pattern::Pattern;
use super::span;

const ROLE_WORDS: &str = r"directeur général|directrice générale|directeur|directrice|préfète|préfet|présidente|président|maire|ministre|députée|député|sénatrice|sénateur|déléguée|délégué|secrétaire générale|secrétaire général|cheffe de projet|chef de projet";

/// Common French first names: a named person without a role next to the
/// name is only recognised when the first word is one of them, because a
/// sequence of capitalised words is far more often an institution.
const FIRST_NAMES: &[&str] = &[
    "Agnès",
    "Alain",
    "Alexandre",
    "Anne",
    "Antoine",
    "Arnaud",
    "Aurélien",
    "Benoît",
    "Bernard",
    "Brigitte",
    "Caroline",
    "Catherine",
    "Céline",
    "Christian",
    "Christine",
    "Christophe",
    "Claire",
    "Claude",
    "Daniel",
    "David",
    "Denis",
    "Didier",
    "Dominique",
    "Élisabeth",
    "Emmanuel",
    "Éric",
    "Eric",
    "Fabrice",
    "Florence",
    "Franck",
    "François",
    "Françoise",
    "Frédéric",
    "Gérard",
    "Gilles",
    "Grégory",
    "Guillaume",
    "Hélène",
    "Hervé",
    "Isabelle",
    "Jacques",
    "Jean",
    "Jean-François",
    "Jean-Luc",
    "Jean-Marc",
    "Jean-Pierre",
    "Jérôme",
    "Julie",
    "Julien",
    "Laurence",
    "Laurent",
    "Luc",
    "Marc",
    "Marie",
    "Martine",
    "Mathieu",
    "Michel",
    "Monique",
    "Nathalie",
    "Nicolas",
    "Olivier",
    "Pascal",
    "Patrick",
    "Paul",
    "Philippe",
    "Pierre",
    "Sandrine",
    "Sébastien",
    "Sophie",
    "Stéphane",
    "Sylvie",
    "Thierry",
    "Thomas",
    "Valérie",
    "Véronique",
    "Vincent",
    "Virginie",
    "Xavier",
    "Yves",
];

const NAME: &str = r"[\p{Lu}][\p{Ll}]+(?:-[\p{Lu}][\p{Ll}]+)?(?:\s+(?:[\p{Lu}][\p{L}’'-]+)){1,2}";

/// "Name, role…" up to the next comma or sentence end.
pub(crate) static NAME_ROLE: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(&format!(
        r"(?P<name>{NAME}),\s+(?P<role>(?i:{ROLE_WORDS})[^,.;]*)"
    ))
    .unwrap_or_else(|_| unreachable!("static regex"))
});

/// A person named without a role: first name from the list, then one or
/// two capitalised words, then a verb ("a plaidé", "a présenté").
pub(crate) static NAME_VERB: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(&format!(
        r"(?P<name>{NAME})\s+(?:a|ont|est|souligne|rappelle|déclare|indique|précise)\s"
    ))
    .unwrap_or_else(|_| unreachable!("static regex"))
});

/// "le Directeur général de l’ARS Normandie": a role stated without a name.
pub(crate) static ROLE_ALONE: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(&format!(r"\b(?i:le|la)\s+(?P<role>(?i:{ROLE_WORDS}))\s+(?P<org>(?:de l’|de la |du |des |de )[\p{{Lu}}][\p{{L}}’'-]*(?:\s+[\p{{Lu}}][\p{{L}}’'-]*){{0,3}})"))
        .unwrap_or_else(|_| unreachable!("static regex"))
});

/// "CAYRE" → "Cayre", "MENGIN-LECREULX" → "Mengin-Lecreulx"; mixed case kept.
pub fn normalize_name(name: &str) -> String {
    name.split_whitespace()
        .map(|w| {
            if w.chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase)
                && w.chars().count() > 1
            {
                w.split('-')
                    .map(|part| {
                        let mut cs = part.chars();
                        match cs.next() {
                            Some(f) => f
                                .to_uppercase()
                                .chain(cs.flat_map(char::to_lowercase))
                                .collect(),
                            None => String::new(),
                        }
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

/// "directrice générale de l’ARS Grand Est" → ("directrice générale",
/// "ARS Grand Est"); "Préfet de la Meuse" → ("Préfet", "la Meuse");
/// "Président du Conseil Départemental de la Meuse" → ("Président",
/// "Conseil Départemental de la Meuse").
pub fn split_role(role: &str) -> (String, Option<String>) {
    let role = role.trim();
    let mut best: Option<(usize, usize)> = None;
    for sep in [" de l’", " de l'", " de la ", " du ", " des ", " de "] {
        if let Some(i) = role.find(sep) {
            if best.is_none_or(|(b, _)| i < b) {
                // Keep "la" in "la Meuse": only the preposition goes.
                let drop = match sep {
                    " de la " => " de ".len(),
                    _ => sep.len(),
                };
                best = Some((i, drop));
            }
        }
    }
    match best {
        Some((i, drop)) => (
            role.get(..i).unwrap_or(role).trim().to_string(),
            role.get(i + drop..)
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty()),
        ),
        None => (role.to_string(), None),
    }
}

/// Cuts a role phrase where the enumeration goes on ("… de la Meuse et
/// l’ensemble des signataires ont officialisé").
fn trim_role(role: &str) -> &str {
    let cut = [" et ", " ont ", " a ", " qui "]
        .iter()
        .filter_map(|w| role.find(w))
        .min()
        .unwrap_or(role.len());
    role.get(..cut).unwrap_or(role).trim_end()
}

fn is_signing(sentence: &str) -> bool {
    // "signataire", "signé" or "signature" in the lowercased sentence, found
    // in the sentence itself, without lowercasing it (a String per
    // paragraph): the only characters whose lowercase holds an ASCII letter
    // are the ASCII letters, the Kelvin sign ("k") and "İ" ("i" then a
    // combining dot, which no word here has after an "i"), and "é" is the
    // lowercase of "é" and "É" only (checked over every character by a
    // test). So each word is there, in ASCII letters of either case (and
    // "é" or "É"), wherever its lowercase is. Checked from each 's'/'S'
    // byte (`| 0x20` folds only those two to 's'): this runs over every
    // paragraph of every document.
    let bytes = sentence.as_bytes();
    bytes.iter().enumerate().any(|(i, &b)| {
        b | 0x20 == b's'
            && bytes
                .get(i + 1..i + 4)
                .is_some_and(|w| w.eq_ignore_ascii_case(b"ign"))
            && bytes.get(i + 4..).is_some_and(|rest| {
                let starts = |w: &[u8]| {
                    rest.get(..w.len())
                        .is_some_and(|r| r.eq_ignore_ascii_case(w))
                };
                starts(b"ataire")
                    || starts(b"ature")
                    || rest.starts_with("é".as_bytes())
                    || rest.starts_with("É".as_bytes())
            })
    })
}

/// [`ROLE_WORDS`], one by one.
static ROLES: LazyLock<Vec<&'static str>> = LazyLock::new(|| ROLE_WORDS.split('|').collect());

/// Whether `text` has a comma, then spaces, then one of [`ROLE_WORDS`] in
/// any case: every match of [`NAME_ROLE`] has. A non-ASCII character of
/// the text is taken as any letter (it may be the same letter in another
/// case: "É", "ſ"): the check may say yes where there is no match, never
/// no where there is one.
fn has_role_after_comma(text: &str) -> bool {
    text.match_indices(',').any(|(i, _)| {
        let rest = text.get(i + 1..).unwrap_or_default();
        // `\s` is Unicode's White_Space, as `char::is_whitespace`.
        let word = rest.trim_start();
        if word.len() == rest.len() {
            return false; // no space after the comma
        }
        ROLES.iter().any(|role| {
            let mut t = word.chars();
            role.chars().all(|w| {
                t.next()
                    .is_some_and(|c| !c.is_ascii() || (w.is_ascii() && c.eq_ignore_ascii_case(&w)))
            })
        })
    })
}

/// [`FIRST_NAMES`] by their first byte.
static FIRST_NAMES_BY_BYTE: LazyLock<[Vec<&'static str>; 256]> = LazyLock::new(|| {
    std::array::from_fn(|b| {
        FIRST_NAMES
            .iter()
            .filter(|f| f.as_bytes().first() == Some(&(b as u8)))
            .copied()
            .collect()
    })
});

/// Whether one of [`FIRST_NAMES`] is in `text`. The first word of a match
/// of [`NAME_VERB`] is part of the text: without a first name in it, no
/// match starts with one. Each name is a capital (ASCII or "É") then a
/// lowercase letter (ASCII or "é"), checked by a test: only there are the
/// names compared, not after each capital of "ARS" or "PTSM".
fn has_first_name(text: &str) -> bool {
    let bytes = text.as_bytes();
    let by_byte = &*FIRST_NAMES_BY_BYTE;
    bytes.iter().enumerate().any(|(i, &b)| {
        // A byte test first: this runs over every paragraph.
        if !(b.is_ascii_uppercase() || b == 0xC3) {
            return false;
        }
        let rest = bytes.get(i..).unwrap_or_default();
        let second = match rest {
            [b'A'..=b'Z', next, ..] => *next,
            [0xC3, 0x89, next, ..] => *next, // "É"
            _ => return false,
        };
        (second.is_ascii_lowercase() || second == 0xC3) // 0xC3: "é"
            && by_byte[usize::from(b)]
                .iter()
                .any(|f| rest.starts_with(f.as_bytes()))
    })
}

pub fn extract(doc: &NormDoc, tree: &BlockTree, warnings: &mut Vec<Warning>) -> Vec<Person> {
    let mut people: Vec<Person> = Vec::new();
    let leaves: Vec<_> = tree.leaves().map(|(_, n)| n).collect();
    for (li, node) in leaves.iter().enumerate() {
        if node.kind == BlockKind::List {
            continue;
        }
        let Some(text) = doc.text.get(node.content.clone()) else {
            continue;
        };
        let base = node.content.start;
        let signing = is_signing(text);
        // "Name, role": no comma followed by a role word, no match (most
        // paragraphs).
        let name_roles = has_role_after_comma(text).then(|| NAME_ROLE.captures_iter(text));
        for c in name_roles.into_iter().flatten() {
            let (Some(n), Some(r)) = (c.name("name"), c.name("role")) else {
                continue;
            };
            let role_text = trim_role(r.as_str());
            let (role, organization) = split_role(role_text);
            push(
                &mut people,
                Person {
                    name: normalize_name(n.as_str()),
                    role: Some(role),
                    organization,
                    signatory: signing,
                    span: span(doc, base + n.start()..base + n.end()),
                    role_span: None,
                },
            );
        }
        // Only the matches whose first word is a listed first name are
        // kept: a paragraph without one (most) needs no search.
        let name_verbs = has_first_name(text).then(|| NAME_VERB.captures_iter(text));
        for c in name_verbs.into_iter().flatten() {
            let Some(n) = c.name("name") else { continue };
            let first = n.as_str().split_whitespace().next().unwrap_or("");
            if !FIRST_NAMES.contains(&first) {
                continue;
            }
            let name = normalize_name(n.as_str());
            if people.iter().any(|p| p.name == name) {
                continue;
            }
            let mut person = Person {
                name,
                role: None,
                organization: None,
                signatory: signing,
                span: span(doc, base + n.start()..base + n.end()),
                role_span: None,
            };
            link_role(doc, &leaves, li, &mut person, warnings);
            push(&mut people, person);
        }
    }
    people
}

fn push(people: &mut Vec<Person>, p: Person) {
    if !people.iter().any(|q| q.name == p.name) {
        people.push(p);
    }
}

/// Links a role stated without a name in the paragraph just before (or in
/// the same paragraph) to a person named without a role. Only done when
/// exactly one such role is found there, and reported as a guess.
fn link_role(
    doc: &NormDoc,
    leaves: &[&crate::segment::Node],
    li: usize,
    person: &mut Person,
    warnings: &mut Vec<Warning>,
) {
    let mut found = Vec::new();
    for node in leaves.get(li.saturating_sub(1)..=li).unwrap_or(&[]) {
        let Some(text) = doc.text.get(node.content.clone()) else {
            continue;
        };
        for c in ROLE_ALONE.captures_iter(text) {
            if let (Some(r), Some(o)) = (c.name("role"), c.name("org")) {
                let start = node.content.start + r.start();
                if start < person.span.start {
                    found.push((
                        r.as_str().to_string(),
                        o.as_str().to_string(),
                        start,
                        node.content.start + o.end(),
                    ));
                }
            }
        }
    }
    if let [(role, org, start, end)] = found.as_slice() {
        let (_, organization) = split_role(&format!("x {org}"));
        person.role = Some(role.clone());
        person.organization = organization;
        person.role_span = Some(span(doc, *start..*end));
        warnings.push(
            Warning::new(
                "role_guessed",
                format!(
                    "role of {} taken from “{}” stated earlier without a name (the only such role nearby)",
                    person.name,
                    doc.text.get(*start..*end).unwrap_or(role)
                ),
            )
            .at(person.span.start..person.span.end),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signing_words_in_any_case() {
        assert!(is_signing("les signataires du contrat"));
        assert!(is_signing("SIGNÉ le 3 mai"));
        assert!(is_signing("La Signature a eu lieu"));
        assert!(!is_signing("Le contrat a été présenté"));
        assert!(!is_signing("SİGNATURE"));
    }

    /// What `is_signing` relies on: which characters lowercase into the
    /// letters of "signataire", "signé" and "signature".
    #[test]
    fn only_ascii_letters_lowercase_into_the_signing_words() {
        for c in (0..=0x10FFFF_u32).filter_map(char::from_u32) {
            let lower: String = c.to_lowercase().collect();
            if lower.chars().any(|l| "signatureé".contains(l)) {
                assert!(
                    c.is_ascii_alphabetic() || matches!(c, 'é' | 'É' | 'İ'),
                    "{c:?} → {lower:?}"
                );
            }
            if c == 'İ' {
                assert_eq!(lower, "i\u{307}");
            }
        }
    }

    /// `is_signing` says what lowercasing the sentence and searching the
    /// words in it says.
    #[test]
    fn signing_as_lowercase_and_contains_say() {
        let tokens = [
            "sign",
            "SIGN",
            "Sign",
            "ataire",
            "ATAIRE",
            "ature",
            "é",
            "É",
            "e",
            "İ",
            "ſ",
            "s",
            "i",
            "gn",
            "x",
            " ",
            "atair",
            "signé",
            "SIGNATURE",
            "Signataires",
        ];
        let mut next = crate::test_support::xorshift(0x2545_f491_4f6c_dd1d);
        let mut yes = 0;
        for _ in 0..20_000 {
            let s = crate::test_support::random_text(&mut next, &tokens, 12);
            let l = s.to_lowercase();
            let want = l.contains("signataire") || l.contains("signé") || l.contains("signature");
            assert_eq!(is_signing(&s), want, "{s:?}");
            yes += usize::from(want);
        }
        assert!(yes >= 1000, "{yes}");
    }

    #[test]
    fn first_names_start_with_a_capital_the_check_looks_for() {
        for f in FIRST_NAMES {
            let mut cs = f.chars();
            let (first, second) = (cs.next(), cs.next());
            assert!(
                first.is_some_and(|c| c.is_ascii_uppercase() || c == 'É')
                    && second.is_some_and(|c| c.is_ascii_lowercase() || c == 'é'),
                "{f}"
            );
        }
        assert!(has_first_name("le préfet, Éric Dupont a signé"));
        assert!(has_first_name("xJean-Luc"));
        assert!(has_first_name("Éric"));
        assert!(has_first_name("Céline"));
        assert!(!has_first_name("été, Élise et JEAN"));
    }

    /// A text without a listed first name has no match of [`NAME_VERB`]
    /// that starts with one, so skipping the search changes nothing.
    #[test]
    fn no_first_name_no_kept_name_verb_match() {
        let tokens = [
            "Jean", "Jean-Luc", "Virginie", "Éric", "Élise", "Dupont", "CAYRE", "Mengin", " ",
            "\u{a0}", "\n", " a ", " est ", " ont ", "é", "É", "’", "-", "x", "Le",
        ];
        let mut next = crate::test_support::xorshift(0x2545_f491_4f6c_dd1d);
        let mut kept = 0;
        for _ in 0..20_000 {
            let text = crate::test_support::random_text(&mut next, &tokens, 20);
            let firsts: Vec<String> = NAME_VERB
                .captures_iter(&text)
                .filter_map(|c| {
                    Some(
                        c.name("name")?
                            .as_str()
                            .split_whitespace()
                            .next()?
                            .to_string(),
                    )
                })
                .filter(|f| FIRST_NAMES.contains(&f.as_str()))
                .collect();
            if !has_first_name(&text) {
                assert!(firsts.is_empty(), "{text:?}: {firsts:?}");
            }
            kept += firsts.len();
        }
        assert!(kept >= 100, "{kept}");
    }

    /// A text where no comma is followed by a role word has no match of
    /// [`NAME_ROLE`], so skipping the search changes nothing.
    #[test]
    fn no_role_after_a_comma_no_name_role_match() {
        let tokens = [
            "Virginie",
            "CAYRE",
            "Jean-Luc",
            "Éric",
            ",",
            ", ",
            ",\u{a0}",
            ",\u{2003}",
            " ",
            "\n",
            "directrice générale",
            "DIRECTEUR",
            "préfet",
            "PRÉFÈTE",
            "Président",
            "ſecrétaire générale",
            "sénateur",
            "chef de projet",
            "de l’ARS",
            "é",
            "É",
            "x",
            "de",
            "maire",
            ".",
            "Virginie CAYRE, directrice générale",
            "Jean Dupont, ",
            "Éric MARTIN,\u{a0}",
            "Anne Roux,\n",
        ];
        let mut next = crate::test_support::xorshift(0x2545_f491_4f6c_dd1d);
        let mut found = 0;
        for _ in 0..20_000 {
            let text = crate::test_support::random_text(&mut next, &tokens, 14);
            let n = NAME_ROLE.captures_iter(&text).count();
            if !has_role_after_comma(&text) {
                assert_eq!(n, 0, "{text:?}");
            }
            found += n;
        }
        assert!(found >= 200, "{found}");
    }

    #[test]
    fn capitals_names_are_case_normalized() {
        assert_eq!(normalize_name("Virginie CAYRE"), "Virginie Cayre");
        assert_eq!(
            normalize_name("Jean MENGIN-LECREULX"),
            "Jean Mengin-Lecreulx"
        );
        assert_eq!(
            normalize_name("François Mengin Lecreulx"),
            "François Mengin Lecreulx"
        );
    }

    #[test]
    fn roles_split_into_role_and_organization() {
        assert_eq!(
            split_role("directrice générale de l’ARS Grand Est"),
            ("directrice générale".into(), Some("ARS Grand Est".into()))
        );
        assert_eq!(
            split_role("Préfet de la Meuse"),
            ("Préfet".into(), Some("la Meuse".into()))
        );
        assert_eq!(
            split_role("Président du Conseil Départemental de la Meuse"),
            (
                "Président".into(),
                Some("Conseil Départemental de la Meuse".into())
            )
        );
    }

    #[test]
    fn enumerated_signatories_each_get_their_role() {
        let s = "Virginie CAYRE, directrice générale de l’ARS Grand Est, Xavier DELARUE, Préfet de la Meuse, Jérôme DUMONT, Président du Conseil Départemental de la Meuse et l’ensemble des signataires ont officialisé cet accord.";
        let got: Vec<_> = NAME_ROLE
            .captures_iter(s)
            .filter_map(|c| {
                Some((
                    c.name("name")?.as_str().to_string(),
                    trim_role(c.name("role")?.as_str()).to_string(),
                ))
            })
            .collect();
        assert_eq!(got.len(), 3);
        assert_eq!(got[2].1, "Président du Conseil Départemental de la Meuse");
    }
}
