//! Lines of a table of contents: a title, leader dots (or a tab, or a
//! wide space) and a page number at the end of the line.
//!
//! Used by the reflow (an entry is never joined to the next line) and by
//! the segmentation (a run of entries is a table of contents, and the
//! headings of the body are found from it).

/// An entry of a table of contents: "1.2 Offre de soins ........ 12",
/// "Annexe 3 – Glossaire . . . . . 54", "Fiche action n°4…………… 44".
/// Returns the byte length of the title (leaders and number left out) and
/// the page number. The leaders are four or more of `.` `…` `·` `_`
/// (spaces between them allowed) or a tab; the title must have a letter.
pub fn toc_entry(s: &str) -> Option<(usize, u32)> {
    let t = s.trim_end();
    let digits = t.len() - t.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 || digits > 4 {
        return None;
    }
    let num_at = t.len() - digits;
    let page: u32 = t.get(num_at..)?.parse().ok()?;
    let before = t.get(..num_at)?;
    // "p. 12", "page 12" after the leaders.
    let before = before
        .strip_suffix("p. ")
        .or_else(|| before.strip_suffix("p."))
        .or_else(|| before.strip_suffix("page "))
        .unwrap_or(before);
    let is_leader = |c: char| matches!(c, '.' | '…' | '·' | '_' | ' ' | '\u{a0}' | '\t');
    let title = before.trim_end_matches(is_leader);
    let leaders = before.get(title.len()..)?;
    let dots: usize = leaders
        .chars()
        .map(|c| match c {
            '…' => 3,
            '.' | '·' | '_' => 1,
            _ => 0,
        })
        .sum();
    if dots < 4 && !leaders.contains('\t') {
        return None;
    }
    // A title ending with a dot lost it to the leaders: "Annexes." is fine.
    let title = title.trim_end();
    title
        .chars()
        .any(char::is_alphabetic)
        .then_some((title.len(), page))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_with_leaders_and_page_numbers() {
        for (s, title, page) in [
            (
                "1.2 Offre de soins ........................ 12",
                "1.2 Offre de soins",
                12,
            ),
            (
                "Annexe 3 – Glossaire . . . . . . . . 54",
                "Annexe 3 – Glossaire",
                54,
            ),
            (
                "Fiche action n°4 – Créer une équipe…………… 44",
                "Fiche action n°4 – Créer une équipe",
                44,
            ),
            ("Préambule.....4", "Préambule", 4),
            ("Partie 2 – Les axes\t39", "Partie 2 – Les axes", 39),
            ("Sommaire ______ p. 3", "Sommaire", 3),
        ] {
            let (end, p) = toc_entry(s).unwrap_or_else(|| panic!("{s}"));
            assert_eq!((&s[..end], p), (title, page), "{s}");
        }
    }

    #[test]
    fn other_lines_are_not_entries() {
        for s in [
            "Le plan compte 16 fiches actions, soit 12",
            "1° Repérage précoce ............ FA n°1, FA n°2",
            "Total .... 2023 2024",
            "........ 12",
            "Page 3 / 12",
            "Budget : 18 000 € par an... 2020",
        ] {
            assert_eq!(toc_entry(s), None, "{s}");
        }
    }
}
