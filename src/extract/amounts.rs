//! Money amounts in euros: "plus de 2 millions d’euros" → 2000000 (plus
//! de), "625 616 € euros" → 625616, "238 000€" → 238000, "1.5 M€" →
//! 1500000; in words ([`in_words`]): "deux millions d’euros" → 2000000.

use std::sync::LazyLock;

use crate::model::Amount;
use crate::normalize::NormDoc;

use super::pattern::{self, Pattern, Window};
use super::span;
use super::tokens::Tokens;

pub(crate) static AMOUNT: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::lazy(
        r"(?i)(?:\b(plus de|près de|environ|jusqu[’']à|moins de|au moins|presque)\s+)?\b(\d{1,3}(?:[ \u{a0}\u{202f}.]\d{3})+|\d+)(?:[,.](\d+))?\s*(milliards?|millions?|mds?|m|k)?\s*(?:€(?:\s*(?:d[’']euros|euros)\b)?|d[’']euros\b|euros\b|eur\b)",
    )
    .with_skip(amount_window)
});

/// Where the [`AMOUNT`] matches starting at or after `at` may be. Every
/// match ends with its currency, whose first "€" or "eur" (ASCII letters in
/// any case: no other character folds to them) is the first such in the
/// match: the qualifier, number, decimals and multiplier hold none. That
/// "eur" follows no ASCII letter but the last one of a multiplier
/// ("d", "s", "n", "m", "k") and is followed by "o", a character that is
/// not an ASCII letter, digit or "_", or nothing (`\b`): "leur",
/// "acteurs", "chercheurs" are passed over. So the first "€"/"eur" of that
/// kind at or after `at` is that of any match that starts at or after `at`
/// and not after it. Before it, from right to left: at most 2
/// characters ("d’"), spaces, a multiplier of at most 9 characters, the
/// number with its spaces, separators and decimals (all digits, spaces,
/// ".", "," or non-ASCII characters), a qualifier of at most 8 characters.
/// After it: at most "€", spaces and "d’euros".
fn amount_window(hay: &str, at: usize) -> Option<Window> {
    const CURRENCY_PREFIX_CHARS: usize = 2; // "d’"
    const MULTIPLIER_CHARS: usize = "milliards".len();
    const QUALIFIER_CHARS: usize = "au moins".len();
    const AFTER_SPACES_CHARS: usize = 7; // "d’euros"
    let bytes = hay.as_bytes();
    let mut from = at;
    // Found by their "u" or by the last byte of "€" (E2 82 AC): rarer bytes
    // than "e".
    let currency = loop {
        let k = from + memchr::memchr3(b'u', b'U', 0xAC, bytes.get(from..)?)?;
        let starts = |n: usize| k.checked_sub(n).filter(|&i| i >= at);
        let euro = starts(2).filter(|&i| bytes.get(i..=k) == Some("€".as_bytes()));
        if let Some(i) = euro {
            break i;
        }
        let eur = starts(1).filter(|&i| {
            bytes.get(i).is_some_and(|b| b | 0x20 == b'e')
                && bytes.get(k + 1).is_some_and(|b| b | 0x20 == b'r')
                && i.checked_sub(1)
                    .and_then(|j| bytes.get(j))
                    .is_none_or(|&b| !b.is_ascii_alphabetic() || b"dsnmk".contains(&(b | 0x20)))
                && bytes
                    .get(k + 2)
                    .is_none_or(|&b| b | 0x20 == b'o' || !(b.is_ascii_alphanumeric() || b == b'_'))
        });
        if let Some(i) = eur {
            break i;
        }
        from = k + 1;
    };
    let number_part =
        |c: char| pattern::is_wide_space(c) || c.is_ascii_digit() || c == '.' || c == ',';
    let mut start = pattern::back_chars(hay, currency, CURRENCY_PREFIX_CHARS);
    start = pattern::back_over(hay, start, number_part);
    start = pattern::back_chars(hay, start, MULTIPLIER_CHARS);
    start = pattern::back_over(hay, start, number_part);
    start = pattern::back_chars(hay, start, QUALIFIER_CHARS);
    let mut end = pattern::forward_chars(hay, currency, 1);
    end = pattern::forward_over(hay, end, pattern::is_wide_space);
    end = pattern::forward_chars(hay, end, AFTER_SPACES_CHARS);
    Some(Window {
        from: start,
        last: currency,
        end,
    })
}

/// Parses the number part of an amount: integer digits (with thousands
/// separators), optional decimals, optional multiplier word.
fn value(int: &str, dec: Option<&str>, mult: Option<&str>) -> Option<f64> {
    let digits: String = int.chars().filter(char::is_ascii_digit).collect();
    let mut s = digits;
    if let Some(d) = dec {
        s.push('.');
        s.push_str(d);
    }
    let base: f64 = s.parse().ok()?;
    let factor = match mult.map(str::to_lowercase).as_deref() {
        Some(m) if m.starts_with("milliard") || m.starts_with("md") => 1e9,
        Some(m) if m.starts_with("million") || m == "m" => 1e6,
        Some("k") => 1e3,
        _ => 1.0,
    };
    Some((base * factor * 100.0).round() / 100.0)
}

pub fn extract(doc: &NormDoc) -> Vec<Amount> {
    AMOUNT
        .captures_iter(&doc.text)
        .filter_map(|c| {
            let whole = c.get(0)?;
            let v = value(
                c.get(2)?.as_str(),
                c.get(3).map(|m| m.as_str()),
                c.get(4).map(|m| m.as_str()),
            )?;
            Some(Amount {
                value: v,
                currency: "EUR".into(),
                qualifier: c.get(1).map(|m| m.as_str().to_lowercase()),
                text: whole.as_str().trim_end().to_string(),
                span: span(doc, whole.range()),
            })
        })
        .collect()
}

/// Amounts written in words: "deux millions d’euros", "un million trois
/// cent quatre-vingt mille euros". Only with "million(s)", "milliard(s)" or
/// "mille" (a sum of money in words is that large; "cinq euros" is no
/// amount of a contract), then "euros" or "€".
pub fn in_words(doc: &NormDoc, t: &Tokens) -> Vec<Amount> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < t.len() {
        let Some(first) = super::numbers::at(t, i, true).filter(|n| !n.digits && !n.approx_noun)
        else {
            i += 1;
            continue;
        };
        let mut total = 0.0;
        let mut large = false;
        let mut n = first;
        let end = loop {
            let k = t.key(n.end);
            let factor = if k.starts_with("milliard") {
                1e9
            } else if k.starts_with("million") {
                1e6
            } else {
                total += n.value;
                large |= n.value >= 1000.0;
                break n.end;
            };
            total += n.value * factor;
            large = true;
            match super::numbers::at(t, n.end + 1, true).filter(|m| !m.digits && !m.approx_noun) {
                Some(m) => n = m,
                None => break n.end + 1,
            }
        };
        // The currency: "euros", "d’euros", "€".
        let mut c = end;
        if t.key(c) == "d" && matches!(t.punct(c + 1), Some('’' | '\'')) {
            c += 2;
        }
        let currency = matches!(t.key(c), "euros" | "euro") || t.text(c) == "€";
        if large && currency {
            let r = t.range(first.first, c + 1);
            out.push(Amount {
                value: total,
                currency: "EUR".into(),
                qualifier: None,
                text: doc.text.get(r.clone()).unwrap_or("").to_string(),
                span: span(doc, r),
            });
            i = c + 1;
        } else {
            i = end.max(i + 1);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn amounts(s: &str) -> Vec<(f64, Option<String>, String)> {
        AMOUNT
            .captures_iter(s)
            .filter_map(|c| {
                Some((
                    value(
                        c.get(2)?.as_str(),
                        c.get(3).map(|m| m.as_str()),
                        c.get(4).map(|m| m.as_str()),
                    )?,
                    c.get(1).map(|m| m.as_str().to_string()),
                    c.get(0)?.as_str().to_string(),
                ))
            })
            .collect()
    }

    #[test]
    fn french_amounts_with_qualifier_and_multiplier() {
        let a = amounts("s’élève à plus de 2 millions d’euros. A date 625 616 € euros sont engagés, dont 238 000€ pour");
        assert_eq!(a.len(), 3);
        assert_eq!(a[0].0, 2_000_000.0);
        assert_eq!(a[0].1.as_deref(), Some("plus de"));
        assert_eq!(a[0].2, "plus de 2 millions d’euros");
        assert_eq!(a[1].0, 625_616.0);
        assert_eq!(a[1].2, "625 616 € euros");
        assert_eq!(a[2].0, 238_000.0);
        assert_eq!(a[2].2, "238 000€");
    }

    #[test]
    fn decimals_and_nbsp_separators() {
        let a = amounts("1,5 million d’euros et 12\u{a0}500 €");
        assert_eq!(a[0].0, 1_500_000.0);
        assert_eq!(a[1].0, 12_500.0);
        assert!(amounts("en 2023 et 17 actions").is_empty());
        // A decimal point before a multiplier.
        assert_eq!(amounts("doté de 1.5 M€")[0].0, 1_500_000.0);
        assert_eq!(amounts("doté de 1.500 €")[0].0, 1_500.0);
    }

    #[test]
    fn amounts_in_words() {
        let words = |s: &str| -> Vec<(f64, String)> {
            let doc = crate::normalize::normalize(
                &crate::ingest::read("t.txt", s.as_bytes(), &Default::default())
                    .unwrap_or_else(|e| panic!("{e}")),
            );
            let t = Tokens::new(&doc.text);
            in_words(&doc, &t)
                .into_iter()
                .map(|a| (a.value, a.text))
                .collect()
        };
        assert_eq!(
            words("Le contrat est doté d'un million trois cent quatre-vingt mille euros."),
            [(
                1_380_000.0,
                "un million trois cent quatre-vingt mille euros".to_string()
            )]
        );
        assert_eq!(words("doté de deux millions d’euros")[0].0, 2_000_000.0);
        assert_eq!(words("Trois mille euros sont prévus.")[0].0, 3_000.0);
        assert!(words("Le repas coûte cinq euros.").is_empty());
        assert!(words("deux millions de personnes").is_empty());
    }
}
