//! Emails and phone numbers (normalized to E.164).

use std::sync::LazyLock;

use crate::model::{Contacts, Email, Phone};
use crate::normalize::NormDoc;

use super::pattern::{self, Pattern, Window};
use super::span;

pub(crate) static EMAIL: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::lazy(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
});

/// French numbers: "03.76.33.01.15", "03 76 33 01 15", "+33 3 76 33 01 15",
/// and toll-free numbers grouped "0 800 53 01 88".
pub(crate) static PHONE: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::lazy_starting_with_rare_literal(
        r"(?:(?:\+33[\s.\u{a0}\u{202f}]?(?:\(0\))?|\b0)[1-9](?:[\s.\-\u{a0}\u{202f}]?\d{2}){4}|\b0[\s\u{a0}\u{202f}]8\d{2}(?:[\s.\-\u{a0}\u{202f}]\d{2}){3})\b",
    )
    .with_skip(phone_window)
});

/// Where the [`PHONE`] matches starting at or after `at` may be. Every
/// match starts with "+" or "0", so the first of them at or after `at` is
/// where any match that starts at or after `at` and not after it starts;
/// a match is at most 20 characters long ("+33", a separator, "(0)", a
/// digit and four groups of a separator and two digits). A text with
/// neither character never compiles the pattern.
fn phone_window(hay: &str, at: usize) -> Option<Window> {
    const PHONE_CHARS: usize = 20;
    let k = at + memchr::memchr2(b'+', b'0', hay.as_bytes().get(at..)?)?;
    Some(Window {
        from: k,
        last: k,
        end: pattern::forward_chars(hay, k, PHONE_CHARS),
    })
}

/// "03.76.33.01.15" → "+33376330115".
pub fn to_e164(text: &str) -> Option<String> {
    let digits: String = text
        .replace("(0)", "")
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    let national = if let Some(rest) = digits.strip_prefix("33") {
        if text.trim_start().starts_with('+') {
            rest.to_string()
        } else {
            return None;
        }
    } else {
        digits.strip_prefix('0')?.to_string()
    };
    (national.len() == 9).then(|| format!("+33{national}"))
}

/// The matches of [`EMAIL`] in `text`, as `EMAIL.find_iter(text)` gives
/// them: a match holds an "@" and no whitespace, and the pattern has no
/// look-around, so only the whitespace-delimited words with an "@" (a few
/// per document) are searched, not the whole text.
fn emails(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(at) = text.get(from..).and_then(|t| t.find('@')).map(|i| from + i) {
        let start = text
            .get(..at)
            .and_then(|t| t.char_indices().rev().find(|(_, c)| c.is_whitespace()))
            .map_or(0, |(i, c)| i + c.len_utf8());
        let end = text
            .get(at..)
            .and_then(|t| t.find(char::is_whitespace))
            .map_or(text.len(), |i| at + i);
        if let Some(word) = text.get(start..end) {
            out.extend(
                EMAIL
                    .find_iter(word)
                    .map(|m| start + m.start()..start + m.end()),
            );
        }
        from = end;
    }
    out
}

pub fn extract(doc: &NormDoc) -> Contacts {
    let mut out = Contacts::default();
    for r in emails(&doc.text) {
        let Some(found) = doc.text.get(r.clone()) else {
            continue;
        };
        let address = found.trim_end_matches('.').to_string();
        if !out
            .emails
            .iter()
            .any(|e| e.address.eq_ignore_ascii_case(&address))
        {
            out.emails.push(Email {
                address,
                span: span(doc, r),
            });
        }
    }
    for m in PHONE.find_iter(&doc.text) {
        if let Some(e164) = to_e164(m.as_str()) {
            if !out.phones.iter().any(|p| p.e164 == e164) {
                out.phones.push(Phone {
                    e164,
                    text: m.as_str().to_string(),
                    span: span(doc, m.range()),
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_by_word_are_the_matches_over_the_whole_text() {
        let text = "Écrire à ars-grandest@ars.sante.fr ou (contact@x.fr),a@b.c@d.org\u{a0}z@q.com.\nfin@ et @ x@y";
        let whole: Vec<_> = EMAIL.find_iter(text).map(|m| m.range()).collect();
        assert_eq!(emails(text), whole);
        assert_eq!(whole.len(), 4);
    }

    #[test]
    fn french_numbers_become_e164() {
        assert_eq!(to_e164("03.76.33.01.15").as_deref(), Some("+33376330115"));
        assert_eq!(to_e164("03 76 33 01 15").as_deref(), Some("+33376330115"));
        assert_eq!(
            to_e164("+33 3 76 33 01 15").as_deref(),
            Some("+33376330115")
        );
        assert_eq!(
            to_e164("+33 (0)3 76 33 01 15").as_deref(),
            Some("+33376330115")
        );
        assert_eq!(to_e164("12 34"), None);
    }

    #[test]
    fn phone_pattern_skips_years_and_amounts() {
        assert!(PHONE
            .find("Pour prendre rendez-vous : 📞 03.76.33.01.15")
            .is_some());
        assert!(PHONE.find("CTSM 2023-2028 et 625 616 €").is_none());
    }
}
