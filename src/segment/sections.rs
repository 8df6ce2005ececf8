//! Long documents: the table of contents, and the headings of the body
//! typed and levelled from it or from their numbering ("Partie 3",
//! "Axe 2", "1.2", "Annexe 1").
//!
//! A table of contents is a run of at least three entries
//! ([`toc_entry`]: a title, leader dots, a page number) whose page numbers
//! never go down. Its entries get a level from their indentation (PDF) or
//! from their numbering; the body lines after it whose text is an
//! entry's title, in the order of the entries, are headings of that
//! level. Without a table of contents, a line numbered like a section
//! (see [`numbered_level`]) and shaped like a heading is one, in a paged
//! document.

use crate::normalize::{key, toc_entry, NormDoc};

/// What a logical line is, as far as sections go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Role {
    Plain,
    /// An entry of the table of contents: the byte length of its title
    /// (leaders and page number left out) and the page it gives.
    TocEntry {
        level: u32,
        title_len: usize,
        page: Option<u32>,
    },
    /// A section heading of the body.
    Heading {
        level: u32,
    },
}

/// Entries a table of contents needs.
const MIN_ENTRIES: usize = 3;

/// The role of every logical line of `doc`.
pub(super) fn roles(doc: &NormDoc) -> Vec<Role> {
    let n = doc.lines.len();
    let mut roles = vec![Role::Plain; n];
    let text = |i: usize| {
        doc.lines
            .get(i)
            .filter(|l| l.table.is_none())
            .and_then(|l| doc.text.get(l.range.clone()))
            .unwrap_or_default()
    };
    let mut entries: Vec<Option<(usize, u32)>> = (0..n).map(|i| toc_entry(text(i))).collect();
    let mut toc: Vec<usize> = Vec::new();
    let mut i = 0;
    while i < n {
        if entries.get(i).copied().flatten().is_none() {
            i += 1;
            continue;
        }
        // A run of entries, pages never going down.
        let mut run = vec![i];
        let mut last_page = entries.get(i).copied().flatten().map_or(0, |e| e.1);
        let mut j = i + 1;
        loop {
            match entries.get(j).copied() {
                Some(Some((_, page))) if page >= last_page => {
                    last_page = page;
                    run.push(j);
                    j += 1;
                }
                // Inside a run, a page number after fewer leaders ("… âgée
                // .. 53") that the pages around it allow.
                Some(None)
                    if loose_entry(text(j)).is_some_and(|(_, page)| {
                        page >= last_page
                            && entries
                                .get(j + 1)
                                .copied()
                                .flatten()
                                .is_none_or(|(_, next)| page <= next)
                    }) =>
                {
                    if let (Some(slot), Some(e)) = (entries.get_mut(j), loose_entry(text(j))) {
                        *slot = Some(e);
                        last_page = e.1;
                    }
                    run.push(j);
                    j += 1;
                }
                // A title without a page number ("Annexes"), one or two
                // lines, between entries that go on.
                Some(None) => {
                    let gap = (j..(j + 2).min(n))
                        .take_while(|&k| entries.get(k) == Some(&None) && heading_shape(text(k)))
                        .count();
                    let resumes = entries
                        .get(j + gap)
                        .copied()
                        .flatten()
                        .is_some_and(|(_, page)| page >= last_page);
                    if gap == 0 || !resumes {
                        break;
                    }
                    run.extend(j..j + gap);
                    j += gap;
                }
                _ => break,
            }
        }
        if run
            .iter()
            .filter(|&&k| entries.get(k).copied().flatten().is_some())
            .count()
            >= MIN_ENTRIES
        {
            toc.extend(&run);
        }
        i = j;
    }
    if toc.is_empty() {
        for (i, role) in roles.iter_mut().enumerate() {
            // (The numbering first: it rules out nearly every line from
            // its first bytes.)
            if !doc.paged {
                continue;
            }
            let t = text(i);
            if let Some(level) = numbered_level(t).filter(|&l| l != 2 || axis(t)) {
                if heading_shape(t) {
                    *role = Role::Heading { level };
                }
            }
        }
        return roles;
    }
    // Levels from the indentation of the entries, when the source tells
    // it; from their numbering otherwise.
    let x0 = |i: usize| {
        doc.lines
            .get(i)
            .and_then(|l| doc.origins_of(l).first())
            .and_then(|o| o.bbox)
            .map(|b| b[0])
    };
    let mut indents: Vec<f32> = toc.iter().filter_map(|&i| x0(i)).collect();
    indents.sort_by(f32::total_cmp);
    let mut steps: Vec<f32> = Vec::new();
    for x in indents {
        if steps.last().is_none_or(|&s| x - s > 3.0) {
            steps.push(x);
        }
    }
    let by_indent = steps.len() >= 2 && steps.len() <= 6 && toc.iter().all(|&i| x0(i).is_some());
    // Without indentation: the depths the numbering gives, ranked.
    let mut depths: Vec<u32> = toc.iter().map(|&i| toc_depth(text(i))).collect();
    depths.sort_unstable();
    depths.dedup();
    let mut titles: Vec<(String, u32)> = Vec::new();
    for &i in &toc {
        let (title_len, page) = match entries.get(i).copied().flatten() {
            Some((len, page)) => (len, Some(page)),
            None => (text(i).len(), None),
        };
        let title = text(i).get(..title_len).unwrap_or_default();
        let level = if by_indent {
            x0(i).map_or(1, |x| {
                steps.iter().filter(|&&s| s < x - 3.0).count() as u32 + 1
            })
        } else {
            let d = toc_depth(title);
            depths
                .iter()
                .position(|&x| x == d)
                .map_or(1, |r| r as u32 + 1)
        };
        if let Some(r) = roles.get_mut(i) {
            *r = Role::TocEntry {
                level,
                title_len,
                page,
            };
        }
        titles.push((key(title), level));
    }
    // The headings of the body: the lines after the table of contents
    // that read as its entries, in their order.
    let body_from = toc.last().map_or(0, |&i| i + 1);
    let mut at = body_from;
    let mut bodies = 0;
    let mut last_found: Option<usize> = None;
    for (k, (title, level)) in titles.into_iter().enumerate() {
        if title.is_empty() {
            continue;
        }
        let found = (at..n).find(|&i| {
            roles.get(i) == Some(&Role::Plain)
                && text(i).len() <= 4 * title.len() + 8
                && key(text(i)) == title
        });
        if let Some(i) = found {
            if let Some(r) = roles.get_mut(i) {
                *r = Role::Heading { level };
            }
            at = i + 1;
            bodies += 1;
            last_found = Some(k);
        }
    }
    // A text excerpt that stops after its first sections (fewer than half
    // of them are in the text): the entries after the last section found
    // are the only listing of the rest (its priorities, its actions), and
    // stay lines for the lists to read. (A PDF has its pages: its contents
    // type its sections, found or not.)
    if let Some(last) = last_found.filter(|_| bodies * 2 < toc.len() && !doc.paged) {
        for &i in toc.iter().skip(last + 1) {
            if let Some(r) = roles.get_mut(i) {
                *r = Role::Plain;
            }
        }
    }
    // Contents whose sections are not in the text (an excerpt that stops
    // after them, a contents page alone) type nothing: they are then the
    // only listing of what the document holds (its fiches, its actions),
    // and stay lines of text for the lists to read.
    if bodies == 0 {
        for r in roles.iter_mut() {
            if matches!(r, Role::TocEntry { .. }) {
                *r = Role::Plain;
            }
        }
    }
    roles
}

/// How deep the numbering of a contents entry puts it: 0 for parts and
/// unnumbered titles ("Partie 2", "Préambule", "Annexes"), 1 for "1.",
/// "I.", "A.", "Axe 2", "Annexe 1", 2 for "1.2", "a)", "Action 3",
/// "Fiche action n°4", 3 for "1.2.3" and bullets.
fn toc_depth(s: &str) -> u32 {
    let t = s.trim_start();
    let starts = |w: &str| t.get(..w.len()).is_some_and(|p| p.eq_ignore_ascii_case(w));
    if let Some(level) = numbered_level(t) {
        return match level {
            1 => 0,
            2 => 1,
            l => l - 1,
        };
    }
    if starts("action ") {
        return 2;
    }
    if t.starts_with(['•', '-', '–', '→', '▪']) {
        return 3;
    }
    let word = t.split_whitespace().next().unwrap_or_default();
    let body = word.trim_end_matches(['.', ')']);
    let closed = word.len() > body.len();
    if closed && !body.is_empty() {
        let digits = body
            .split('.')
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
        if digits {
            return body.split('.').count() as u32;
        }
        if body.chars().all(|c| matches!(c, 'I' | 'V' | 'X'))
            || (body.len() == 1 && body.chars().all(|c| c.is_ascii_uppercase()))
        {
            return 1;
        }
        if body.len() == 1 && body.chars().all(|c| c.is_ascii_lowercase()) {
            return 2;
        }
    }
    0
}

/// A title ending with a page number after a space or a leader dot:
/// `(title length, page)`.
fn loose_entry(s: &str) -> Option<(usize, u32)> {
    let t = s.trim_end();
    let title = t.trim_end_matches(|c: char| c.is_ascii_digit());
    let digits = t.len() - title.len();
    if digits == 0 || digits > 4 || !title.ends_with([' ', '.', '\u{a0}']) {
        return None;
    }
    let page = t.get(title.len()..)?.parse().ok()?;
    let title = title.trim_end_matches(['.', '…', ' ', '\u{a0}']);
    title
        .chars()
        .any(char::is_alphabetic)
        .then_some((title.len(), page))
}

/// A line that can be a heading: starts with a capital or a digit, no
/// more than 15 words, no final punctuation of a sentence.
fn heading_shape(s: &str) -> bool {
    let t = s.trim();
    let Some(first) = t.chars().next() else {
        return false;
    };
    (first.is_uppercase() || first.is_ascii_digit())
        && !t.ends_with(['.', ',', ';', ':', '!', '?', '…'])
        && t.split_whitespace().count() <= 15
}

/// "Axe 2 : …", "Axe 2 – …": an axis with its title (a line that only
/// starts with "Axe 2" may be a sentence).
fn axis(s: &str) -> bool {
    let t = s.trim_start();
    let Some(rest) = t
        .get(..4)
        .filter(|p| p.eq_ignore_ascii_case("axe "))
        .map(|_| &t[4..])
    else {
        return true;
    };
    let rest = rest.trim_start_matches(|c: char| c.is_ascii_digit());
    rest.trim_start().starts_with([':', '–', '-', '—'])
}

/// The level a section number gives: "Partie 3", "Titre II", "Chapitre 1",
/// "Annexes" → 1; "Axe 2", "Annexe 1" → 2; "1.2" → 3 and "1.2.3" → 4 (a
/// dotted number of two parts or more; "1." alone is as often a list
/// item); "Fiche action n°4", "Action 3.1" → 3.
pub(super) fn numbered_level(s: &str) -> Option<u32> {
    let t = s.trim_start();
    // (The words looked for are ASCII: compared without lowercasing the
    // line, which every line of a document goes through.)
    let starts = |w: &str| t.get(..w.len()).is_some_and(|p| p.eq_ignore_ascii_case(w));
    let word_then_number = |w: &str| {
        starts(w)
            && t.get(w.len()..).is_some_and(|rest| {
                rest.starts_with(' ')
                    && rest.trim_start().starts_with(|c: char| {
                        c.is_ascii_digit() || matches!(c, 'i' | 'v' | 'x' | 'I' | 'V' | 'X')
                    })
            })
    };
    if ["partie", "titre", "chapitre", "livre"]
        .iter()
        .any(|w| word_then_number(w))
    {
        return Some(1);
    }
    if t.trim_end().eq_ignore_ascii_case("annexes") {
        return Some(1);
    }
    if ["axe", "annexe"].iter().any(|w| word_then_number(w)) {
        return Some(2);
    }
    if starts("fiche action n") || starts("fiche-action n") || starts("fa n") {
        return Some(3);
    }
    // A dotted number of two parts or more, then a title.
    let num_end = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(t.len());
    let num = t.get(..num_end)?.trim_end_matches('.');
    let parts = num.split('.').collect::<Vec<_>>();
    let rest = t.get(num_end..)?;
    if parts.len() >= 2
        && parts.len() <= 4
        && parts.iter().all(|p| !p.is_empty() && p.len() <= 2)
        && rest.starts_with(' ')
        && rest.trim_start().starts_with(char::is_uppercase)
    {
        return Some(parts.len() as u32 + 1);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn section_numbers_give_levels() {
        for (s, level) in [
            ("Partie 3 – Le plan d’actions", Some(1)),
            ("PARTIE II : Diagnostic", Some(1)),
            ("Annexes", Some(1)),
            ("Axe 2 – Organiser la réponse", Some(2)),
            ("Annexe 1 – Glossaire", Some(2)),
            ("1.2 Offre de soins", Some(3)),
            ("2.3.1 Urgences", Some(4)),
            ("Fiche action n°4 – Créer une équipe mobile", Some(3)),
            ("FA n°9 – Favoriser l’accès à l’emploi", Some(3)),
            ("1. Présentation", None),
            ("2023 Bilan", None),
            ("1.5 million d’habitants", None),
            ("Le partenariat 2", None),
        ] {
            assert_eq!(numbered_level(s), level, "{s}");
        }
        assert!(axis("Axe 2 : Organiser"));
        assert!(!axis("Axe 2 du projet adopté en 2019"));
    }
}
