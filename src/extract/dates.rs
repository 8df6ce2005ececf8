//! The document date: a line such as "Le 13 décembre 2023" near the top.

use std::sync::LazyLock;

use crate::model::DateValue;
use crate::normalize::NormDoc;

use super::pattern::Pattern;
use super::span;

pub(crate) static DATE: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i)\b(1er|\d{1,2})\s+(janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre)\s+(\d{4})\b")
        .unwrap_or_else(|_| unreachable!("static regex"))
});

fn month(name: &str) -> Option<u32> {
    let k = crate::normalize::key(name);
    let months = [
        "janvier",
        "fevrier",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "aout",
        "septembre",
        "octobre",
        "novembre",
        "decembre",
    ];
    months.iter().position(|m| *m == k).map(|i| i as u32 + 1)
}

/// "13 décembre 2023" → "2023-12-13".
pub fn iso(text: &str) -> Option<String> {
    let c = DATE.captures(text)?;
    let day_s = c.get(1)?.as_str();
    let day: u32 = if day_s.eq_ignore_ascii_case("1er") {
        1
    } else {
        day_s.parse().ok()?
    };
    let m = month(c.get(2)?.as_str())?;
    let y: u32 = c.get(3)?.as_str().parse().ok()?;
    (1..=31)
        .contains(&day)
        .then(|| format!("{y:04}-{m:02}-{day:02}"))
}

/// The date of the document: among its first lines, a line that is only a
/// date ("Le 13 décembre 2023", "Paris, le 3 mai 2024"). A date inside a
/// sentence is an event date, not the document date.
pub fn extract(doc: &NormDoc) -> Option<DateValue> {
    for line in doc.lines.iter().take(12) {
        let text = doc.text.get(line.range.clone())?;
        if text.split_whitespace().count() > 6 {
            continue;
        }
        let Some(m) = DATE.find(text) else { continue };
        let value = iso(m.as_str())?;
        let start = line.range.start + m.start();
        return Some(DateValue {
            value,
            text: m.as_str().to_string(),
            span: span(doc, start..line.range.start + m.end()),
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_dates_become_iso() {
        assert_eq!(iso("Le 13 décembre 2023").as_deref(), Some("2023-12-13"));
        assert_eq!(iso("1er août 2024").as_deref(), Some("2024-08-01"));
        assert_eq!(iso("3 Decembre 2025").as_deref(), Some("2025-12-03"));
        assert_eq!(iso("45 mai 2024"), None);
        assert_eq!(iso("décembre 2025"), None);
    }
}
