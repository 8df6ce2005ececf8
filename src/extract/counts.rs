//! Declared counts ("7 projets territoriaux", "17 fiches-action") and
//! periods ("CTSM 2023-2028").

use std::sync::LazyLock;

use crate::model::{Count, CountStatus, DeclaredCount, Period};
use crate::normalize::NormDoc;

use super::pattern::{self, Pattern, Window};
use super::span;

const NUMBER_WORDS: &[(&str, u32)] = &[
    ("deux", 2),
    ("trois", 3),
    ("quatre", 4),
    ("cinq", 5),
    ("six", 6),
    ("sept", 7),
    ("huit", 8),
    ("neuf", 9),
    ("dix", 10),
    ("onze", 11),
    ("douze", 12),
];

/// A count followed by a counted noun phrase.
pub(crate) static COUNT: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i)\b(\d{1,5}|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze)\s+(projets territoriaux de santé mentale|projets territoriaux|projets|acteurs régionaux|acteurs|fiches-actions?|fiches actions?|actions|groupes de réflexion|groupes de travail|thèmes clés|thèmes|axes|territoires|contrats territoriaux de santé mentale|contrats)\b")
        .unwrap_or_else(|_| unreachable!("static regex"))
});

/// "5 actions à contractualiser", "25 actions contractualisées".
pub(crate) static STATUS: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i)^\s*(à contractualis\p{L}*|contractualis\p{L}*)")
        .unwrap_or_else(|_| unreachable!("static regex"))
});

pub(crate) static PERIOD: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(r"(?i)\b(?:(CTSM|PTSM|feuille de route|contrat|projet|plan)\s+)?((?:19|20)\d{2})\s*[-–/]\s*((?:19|20)\d{2})\b")
        .unwrap_or_else(|_| unreachable!("static regex"))
        .with_skip(period_window)
});

/// Where the [`PERIOD`] matches starting at or after `at` may be. A match
/// starts with its first "19"/"20" (ASCII digits) or with a label of at
/// most 16 characters (letters, no digit) and spaces before it. So the
/// first "19"/"20" at or after `at` is the first year of any match that
/// starts at or after `at` and not after it; such a match starts at most
/// spaces and 16 characters before it, and ends at most 4 characters,
/// spaces, 1 character, spaces and 4 characters after it.
fn period_window(hay: &str, at: usize) -> Option<Window> {
    const LABEL_CHARS: usize = "feuille de route".len();
    let bytes = hay.as_bytes();
    let mut from = at;
    let year = loop {
        let k = from + memchr::memchr2(b'1', b'2', bytes.get(from..)?)?;
        if matches!(bytes.get(k..k + 2), Some(b"19" | b"20")) {
            break k;
        }
        from = k + 1;
    };
    let spaces = pattern::back_over(hay, year, pattern::is_wide_space);
    let mut end = pattern::forward_chars(hay, year, 4);
    end = pattern::forward_over(hay, end, pattern::is_wide_space);
    end = pattern::forward_chars(hay, end, 1);
    end = pattern::forward_over(hay, end, pattern::is_wide_space);
    end = pattern::forward_chars(hay, end, 4);
    Some(Window {
        from: pattern::back_chars(hay, spaces, LABEL_CHARS),
        last: year,
        end,
    })
}

fn number(s: &str) -> Option<u32> {
    s.parse().ok().or_else(|| {
        let l = s.to_lowercase();
        NUMBER_WORDS.iter().find(|(w, _)| *w == l).map(|(_, n)| *n)
    })
}

/// Every declared count in `range` of the text.
pub fn counts_in(doc: &NormDoc, range: std::ops::Range<usize>) -> Vec<DeclaredCount> {
    let Some(hay) = doc.text.get(range.clone()) else {
        return Vec::new();
    };
    COUNT
        .captures_iter(hay)
        .filter_map(|c| {
            let whole = c.get(0)?;
            let start = range.start + whole.start();
            Some(DeclaredCount {
                count: number(c.get(1)?.as_str())?,
                what: c.get(2)?.as_str().to_string(),
                text: whole.as_str().to_string(),
                span: span(doc, start..range.start + whole.end()),
            })
        })
        .collect()
}

/// Status words right after a count ("actions à contractualiser").
pub fn status_after(doc: &NormDoc, end: usize) -> Option<(CountStatus, usize)> {
    let rest = doc.text.get(end..)?;
    let line_end = rest.find('\n').unwrap_or(rest.len());
    let line = rest.get(..line_end)?;
    // A match is spaces then "à"/"À" or "c"/"C": most counts are followed
    // by something else ("," "de" "sont"), ruled out without a search. The
    // test is on the first non-space character when it is ASCII only, so
    // that it never differs from `\s` on what is a space.
    if line
        .trim_start()
        .bytes()
        .next()
        .is_some_and(|b| b.is_ascii() && b | 0x20 != b'c')
    {
        return None;
    }
    let c = STATUS.captures(line)?;
    let m = c.get(1)?;
    let status = if m.as_str().to_lowercase().starts_with('à') {
        CountStatus::ToBeContracted
    } else {
        CountStatus::Contracted
    };
    Some((status, end + m.end()))
}

/// Turns a declared count into a territory count with its status.
pub fn as_count(doc: &NormDoc, d: &DeclaredCount) -> Count {
    let (status, end) = match status_after(doc, d.span.end) {
        Some((s, e)) => (Some(s), e),
        None => (None, d.span.end),
    };
    let text = doc
        .text
        .get(d.span.start..end)
        .unwrap_or(&d.text)
        .to_string();
    Count {
        count: d.count,
        status,
        text,
        span: span(doc, d.span.start..end),
    }
}

pub fn periods(doc: &NormDoc) -> Vec<Period> {
    PERIOD
        .captures_iter(&doc.text)
        .filter_map(|c| {
            let whole = c.get(0)?;
            let start: i32 = c.get(2)?.as_str().parse().ok()?;
            let end: i32 = c.get(3)?.as_str().parse().ok()?;
            (end > start && end - start <= 15).then(|| Period {
                label: c.get(1).map(|m| m.as_str().to_string()),
                start,
                end,
                text: whole.as_str().to_string(),
                span: span(doc, whole.range()),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_read_digits_and_words() {
        let caps: Vec<_> = COUNT
            .captures_iter("Ces sept projets visent, 17 fiches-action, 8 groupes de réflexion et 5 actions à contractualiser")
            .filter_map(|c| Some((number(c.get(1)?.as_str())?, c.get(2)?.as_str().to_string())))
            .collect();
        assert_eq!(
            caps,
            [
                (7, "projets".to_string()),
                (17, "fiches-action".to_string()),
                (8, "groupes de réflexion".to_string()),
                (5, "actions".to_string())
            ]
        );
    }

    #[test]
    fn status_words_including_the_misspelling() {
        for (s, want) in [
            (
                " à contractualiser spécifiques",
                CountStatus::ToBeContracted,
            ),
            (
                " à contractualisée spécifiques",
                CountStatus::ToBeContracted,
            ),
            (" contractualisées spécifiques", CountStatus::Contracted),
        ] {
            let c = STATUS
                .captures(s)
                .and_then(|c| c.get(1))
                .map(|m| m.as_str().to_string());
            let got = c.map(|m| {
                if m.starts_with('à') {
                    CountStatus::ToBeContracted
                } else {
                    CountStatus::Contracted
                }
            });
            assert_eq!(got, Some(want), "{s}");
        }
    }

    /// `status_after` skips the search when the text after the count does
    /// not start (after spaces) with "à" or "c": the search finds nothing
    /// there either.
    #[test]
    fn no_status_unless_a_or_c_first() {
        let tokens = [
            " ",
            "\u{a0}",
            "\u{2003}",
            "\t",
            "à",
            "À",
            "a",
            "c",
            "C",
            "ſ",
            "contractualis",
            "CONTRACTUALISÉES",
            "à contractualiser",
            "x",
            ",",
            "é",
            "de",
        ];
        let mut next = crate::test_support::xorshift(0x2545_f491_4f6c_dd1d);
        let mut found = 0;
        for _ in 0..20_000 {
            let text = crate::test_support::random_text(&mut next, &tokens, 8);
            let first = text.trim_start().bytes().next();
            if first.is_some_and(|b| b.is_ascii() && b | 0x20 != b'c') {
                assert!(STATUS.captures(&text).is_none(), "{text:?}");
            }
            found += usize::from(STATUS.captures(&text).is_some());
        }
        assert!(found >= 500, "{found}");
    }

    #[test]
    fn periods_with_labels() {
        let c = PERIOD
            .captures("la signature du CTSM 2023-2028.")
            .and_then(|c| {
                Some((
                    c.get(1)?.as_str().to_string(),
                    c.get(2)?.as_str().to_string(),
                    c.get(3)?.as_str().to_string(),
                ))
            });
        assert_eq!(c, Some(("CTSM".into(), "2023".into(), "2028".into())));
    }
}
