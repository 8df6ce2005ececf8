//! List items → [`Item`]: marker, priority, parenthetical notes, sub-items.

use std::sync::LazyLock;

use regex::Regex;

use crate::model::Item;
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

/// Builds the item for a list item node.
pub fn item(doc: &NormDoc, node: &Node, id: String) -> Option<Item> {
    let full = doc.text.get(node.content.clone())?;
    let (text, prio) = priority(full);
    let base = node.content.start;
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
                text: t.to_string(),
                key: key(t),
                sub_items: Vec::new(),
                notes: notes(t),
                priority: None,
                marker: None,
                themes: Vec::new(),
                span: span(doc, base + r.start..base + r.end),
            });
        }
    }
    Some(Item {
        id,
        text: head_text.to_string(),
        key: key(head_text),
        sub_items,
        notes: notes(head_text),
        priority: prio,
        marker: node.marker.clone(),
        themes: Vec::new(),
        span: span(doc, node.range.clone()),
    })
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
    fn notes_skip_acronyms_and_inclusive_spellings() {
        assert_eq!(
            notes(
                "Psychiatrie périnatale (en lien avec l’expérimentation) des adolescent(e)s (CLSM)"
            ),
            vec!["en lien avec l’expérimentation".to_string()]
        );
    }
}
