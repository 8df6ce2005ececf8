//! List items → [`Item`]: marker, priority, parenthetical notes, sub-items.

use std::sync::LazyLock;

use regex::Regex;

use crate::model::{Item, ListKind};
use crate::normalize::{key, NormDoc};
use crate::segment::Node;

use super::span;

static PRIORITY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\s*[-–—(]\s*priorité\s*(\d{1,2})\s*\)?\s*$")
        .unwrap_or_else(|_| unreachable!("static regex"))
});

/// Parenthetical notes: "(en lien avec …)". Acronym expansions such as
/// "(CLSM)" and word-internal parentheses ("adolescent(e)s") are not notes.
pub fn notes(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    // Most items have no parenthesis: found by memchr, not decoded.
    if !text.contains('(') {
        return out;
    }
    let mut depth = 0usize;
    let mut start = 0usize;
    let mut prev: Option<char> = None;
    let mut open_prev: Option<char> = None;
    for (i, c) in text.char_indices() {
        match c {
            '(' => {
                if depth == 0 {
                    start = i + 1;
                    open_prev = prev;
                }
                depth += 1;
            }
            ')' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    let inner = text.get(start..i).unwrap_or("").trim();
                    let acronym = !inner.contains(' ')
                        && inner
                            .chars()
                            .filter(|c| c.is_alphabetic())
                            .all(char::is_uppercase);
                    let glued = open_prev.is_some_and(char::is_alphanumeric);
                    if !inner.is_empty() && !acronym && !glued {
                        out.push(inner.to_string());
                    }
                }
            }
            _ => {}
        }
        prev = Some(c);
    }
    out
}

/// "Déploiement … - priorité 2" → ("Déploiement …", Some(2)).
pub fn priority(text: &str) -> (&str, Option<u32>) {
    if !mentions_priority(text) {
        return (text.trim_end(), None);
    }
    match PRIORITY.captures(text) {
        Some(c) => {
            let p = c.get(1).and_then(|m| m.as_str().parse().ok());
            let cut = c.get(0).map_or(text.len(), |m| m.start());
            (text.get(..cut).unwrap_or(text).trim_end(), p)
        }
        None => (text.trim_end(), None),
    }
}

/// Whether `text` ends (before trailing whitespace) with a digit or ")" and
/// holds "priorit" in any ASCII case, without which [`PRIORITY`] cannot
/// match: it is anchored at the end, where only `\s` follows its `\d` or
/// `\)` (`char::is_whitespace` is the same White_Space property as `\s`,
/// and `char::is_numeric` holds every `\d`), and its case-insensitive
/// letters have no non-ASCII case variant (see the test
/// `priority_letters_fold_to_ascii_only`). Most items end with a letter or
/// a full stop: looked at once, not scanned twice for "p" and "P".
fn mentions_priority(text: &str) -> bool {
    if !text
        .trim_end()
        .chars()
        .next_back()
        .is_some_and(|c| c == ')' || c.is_numeric())
    {
        return false;
    }
    // The "p"s and "P"s are found with the standard library's memchr
    // rather than by looking at every window of the text.
    let at = |i: usize| {
        text.as_bytes()
            .get(i..i + 7)
            .is_some_and(|w| w.eq_ignore_ascii_case(b"priorit"))
    };
    text.match_indices('p').any(|(i, _)| at(i)) || text.match_indices('P').any(|(i, _)| at(i))
}

/// Splits "X: A…, B…, C…" into head X and parts A, B, C (byte ranges in
/// `text`) when what follows the colon is a list of capitalised noun
/// phrases; `None` when it is a description ("Habitat intermédiaire :
/// réfléchir à …") or a single phrase.
pub fn sub_items(text: &str) -> Option<(std::ops::Range<usize>, Vec<std::ops::Range<usize>>)> {
    let colon = text.find(':')?;
    let head = 0..text.get(..colon)?.trim_end().len();
    let body_start =
        colon + 1 + (text.get(colon + 1..)?.len() - text.get(colon + 1..)?.trim_start().len());
    let body = text.get(body_start..)?;
    if !starts_capitalised(body) {
        return None;
    }
    // Split at commas outside parentheses and guillemets that are followed
    // by a capitalised word (not an acronym: "CLS, CPTS, DAC" stay together).
    let mut parts = Vec::new();
    let mut depth = 0i32;
    let mut part_start = 0usize;
    for (i, c) in body.char_indices() {
        match c {
            '(' | '«' => depth += 1,
            ')' | '»' => depth -= 1,
            ',' if depth <= 0 => {
                let rest = body.get(i + 1..).unwrap_or("");
                let next = rest.trim_start();
                if starts_capitalised(next) {
                    parts.push(part_start..i);
                    part_start = i + 1 + (rest.len() - next.len());
                }
            }
            _ => {}
        }
    }
    parts.push(part_start..body.len());
    if parts.len() < 2 {
        return None;
    }
    let parts = parts
        .into_iter()
        .filter_map(|r| {
            let p = body.get(r.clone())?;
            let trimmed = p.trim_end_matches([',', ' ', '.']);
            (!trimmed.is_empty())
                .then(|| body_start + r.start..body_start + r.start + trimmed.len())
        })
        .collect();
    Some((head, parts))
}

/// A capital letter followed by a lowercase one: a noun phrase, not an
/// acronym and not a lowercase clause.
fn starts_capitalised(s: &str) -> bool {
    let mut cs = s.chars();
    matches!((cs.next(), cs.next()), (Some(a), Some(b)) if a.is_uppercase() && b.is_lowercase())
}

/// Removes what ends an item but is not part of it: a separator (";",
/// ",", ".", ":"), the dot leaders and page number of a table of contents
/// ("…… 59", "..... 4"), and the references to fiches after leaders ("…
/// FA n°1, FA n°2").
pub fn clean_end(text: &str) -> &str {
    // A table row: the item is its first cell ("Créer une plateforme ⇥
    // CHS La Chartreuse ⇥ 2023").
    let text = text.split('\t').next().unwrap_or(text);
    let mut t = text.trim_end();
    // Dot leaders and what follows them: a page number, or references.
    if let Some(i) = leader_start(t) {
        t = t.get(..i).unwrap_or(t).trim_end();
    }
    loop {
        let before = t;
        t = t.trim_end_matches([';', ',', ':', ' ']).trim_end();
        // One final full stop, not an ellipsis ("…", "...").
        if t.ends_with('.') && !t.ends_with("..") {
            t = &t[..t.len() - 1];
        }
        if t == before {
            break;
        }
    }
    t
}

/// Where dot leaders start in `t` ("……", "....", "…….", ". . ."), if a
/// run of four or more leader characters is there.
fn leader_start(t: &str) -> Option<usize> {
    // Most items have no leader character at all: told by three byte
    // searches, not by decoding the item.
    let b = t.as_bytes();
    if memchr::memchr(b'.', b).is_none()
        && memchr::memmem::find(b, "…".as_bytes()).is_none()
        && memchr::memmem::find(b, "·".as_bytes()).is_none()
    {
        return None;
    }
    let mut run_start = None;
    let mut run = 0;
    for (i, c) in t.char_indices() {
        if matches!(c, '.' | '…' | '·') {
            if run == 0 {
                run_start = Some(i);
            }
            run += if c == '…' { 3 } else { 1 };
            if run >= 4 {
                return run_start;
            }
        } else if c != ' ' || run == 0 {
            run = 0;
        }
    }
    None
}

/// Builds the item for a list item node, of kind `kind`.
pub fn item(doc: &NormDoc, node: &Node, id: String, kind: ListKind) -> Option<Item> {
    let full = doc.text.get(node.content.clone())?;
    item_at(
        doc,
        node.content.start,
        full,
        node.range.clone(),
        node.marker.clone(),
        id,
        kind,
    )
}

/// Builds an item from `full`, its text at byte `base`, with `range` the
/// whole item (marker included).
pub fn item_at(
    doc: &NormDoc,
    base: usize,
    full: &str,
    range: std::ops::Range<usize>,
    marker: Option<String>,
    id: String,
    kind: ListKind,
) -> Option<Item> {
    let cleaned = clean_end(full);
    let (text, prio) = priority(cleaned);
    // `clean_end` gives what it would leave as it is: cleaned again only
    // when a priority was cut off.
    let mut text = if text.len() == cleaned.len() {
        text
    } else {
        clean_end(text)
    };
    let mut base = base;
    // A labelled marker inside a marked item ("- Axe 1 : promouvoir …",
    // "3.1. Orientation 1 : Prévenir …"): the label is the item's number,
    // not its text.
    let mut inner_number = None;
    if let Some(m) = crate::normalize::list_marker(text) {
        if matches!(
            crate::segment::MarkerClass::of(m),
            crate::segment::MarkerClass::Label(_)
        ) {
            inner_number = marker_number(m);
            let rest = &text[m.len()..];
            let skip = m.len() + (rest.len() - rest.trim_start().len());
            base += skip;
            text = &text[skip..];
        }
    }
    // Split first: an item with sub-items keeps only its head as text, so
    // the key and notes are computed once, of the head.
    let split = sub_items(text);
    let head_text = match &split {
        Some((head, _)) => text.get(head.clone())?,
        None => text,
    };
    // The sub-items first, while `id` is lent to their ids: the item then
    // takes it without a copy.
    let mut sub_items = Vec::new();
    if let Some((_, parts)) = &split {
        for (m, r) in parts.iter().enumerate() {
            let t = text.get(r.clone())?;
            sub_items.push(Item {
                id: format!("{id}/{}", m + 1),
                kind,
                text: t.to_string(),
                key: key(t),
                number: None,
                sub_items: Vec::new(),
                notes: notes(t),
                priority: None,
                decree_priority: None,
                marker: None,
                themes: Vec::new(),
                span: span(doc, base + r.start..base + r.end),
            });
        }
    }
    let number = inner_number.or_else(|| marker.as_deref().and_then(marker_number));
    Some(Item {
        id,
        kind,
        text: head_text.to_string(),
        key: key(head_text),
        number,
        sub_items,
        notes: notes(head_text),
        priority: prio,
        decree_priority: None,
        marker,
        themes: Vec::new(),
        span: span(doc, range),
    })
}

/// The number a marker gives ("Action 3.1 –" → "3.1", "FA n°9 –" → "9",
/// "IV." → "IV", "2)" → "2"); `None` for bullets.
pub fn marker_number(marker: &str) -> Option<String> {
    let digits: String = marker
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    let digits = digits.trim_end_matches('.');
    if !digits.is_empty() {
        return Some(digits.to_string());
    }
    let body = marker.trim_end_matches([')', '.', ' ', '|']);
    (!body.is_empty() && body.chars().count() <= 4 && body.chars().all(|c| c.is_alphabetic()))
        .then(|| body.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(s: &str) -> Option<Vec<&str>> {
        let (_, p) = sub_items(s)?;
        Some(p.into_iter().filter_map(|r| s.get(r)).collect())
    }

    #[test]
    fn capitalised_phrases_after_colon_are_sub_items() {
        let s = "Animation territoriale du réseau des coordo sur la santé mentale: Déploiement du CLSM Bernay Terres de Normandie, Création d’axe santé mentale dans les CLS, CPTS, DAC,…, Elaboration d’outils sur le rôle, Organisation de temps de travail intercoordo";
        assert_eq!(
            parts(s),
            Some(vec![
                "Déploiement du CLSM Bernay Terres de Normandie",
                "Création d’axe santé mentale dans les CLS, CPTS, DAC,…",
                "Elaboration d’outils sur le rôle",
                "Organisation de temps de travail intercoordo"
            ])
        );
    }

    #[test]
    fn a_clause_after_colon_is_a_description() {
        assert_eq!(
            parts(
                "Habitat intermédiaire : réfléchir à des solutions d’habitat, pour les personnes"
            ),
            None
        );
        assert_eq!(
            parts("Parcours TND : Animation territoriale du réseau des acteurs TND"),
            None
        );
        assert_eq!(
            parts(
                "Parcours Personnes Agées : Articulation entre les équipes mobiles (EMGD, EMPPA…)"
            ),
            None
        );
    }

    #[test]
    fn priority_is_read_and_removed() {
        assert_eq!(
            priority("Déploiement des consultations de psychiatrie par la télémédecine dans les EHPAD - priorité 2"),
            ("Déploiement des consultations de psychiatrie par la télémédecine dans les EHPAD", Some(2))
        );
        assert_eq!(
            priority("Sans priorité déclarée "),
            ("Sans priorité déclarée", None)
        );
    }

    #[test]
    fn priority_letters_fold_to_ascii_only() {
        for letter in ['p', 'r', 'i', 'o', 't'] {
            let re = Regex::new(&format!("(?i)^{letter}$")).expect("valid regex");
            let mut buf = [0u8; 4];
            for c in (0..=0x10FFFF).filter_map(char::from_u32) {
                if re.is_match(c.encode_utf8(&mut buf)) {
                    assert!(c.eq_ignore_ascii_case(&letter), "{letter} matches {c:?}");
                }
            }
        }
        assert_eq!(priority("Action (PRIORITÉ 1)"), ("Action", Some(1)));
        assert_eq!(
            priority("Action - Priorite 1"),
            ("Action - Priorite 1", None)
        );
        assert_eq!(
            priority("Action - priorité 12 )\u{a0}\n"),
            ("Action", Some(12))
        );
        assert_eq!(
            priority("Action (priorité 1) suite"),
            ("Action (priorité 1) suite", None)
        );
        assert_eq!(priority("Action - priorité \u{663}"), ("Action", None));
    }

    #[test]
    fn item_ends_are_cleaned() {
        assert_eq!(clean_end("Repérage précoce ;"), "Repérage précoce");
        assert_eq!(
            clean_end("Le territoire......................5"),
            "Le territoire"
        );
        assert_eq!(
            clean_end("Droits, pouvoir d’agir ......... FA n°9, FA n°10"),
            "Droits, pouvoir d’agir"
        );
        assert_eq!(clean_end("Amélioration…"), "Amélioration…");
        assert_eq!(clean_end("des aidants."), "des aidants");
        assert_eq!(marker_number("Action 3.1 –").as_deref(), Some("3.1"));
        assert_eq!(marker_number("FA n°9 –").as_deref(), Some("9"));
        assert_eq!(marker_number("IV.").as_deref(), Some("IV"));
        assert_eq!(marker_number("•"), None);
    }

    #[test]
    fn notes_skip_acronyms_and_inclusive_spellings() {
        assert_eq!(
            notes(
                "Psychiatrie périnatale (en lien avec l’expérimentation) des adolescent(e)s (CLSM)"
            ),
            vec!["en lien avec l’expérimentation".to_string()]
        );
    }
}
