//! Money amounts in euros: "plus de 2 millions d’euros" → 2000000 (plus
//! de), "625 616 € euros" → 625616, "238 000€" → 238000.

use std::sync::LazyLock;

use crate::model::Amount;
use crate::normalize::NormDoc;

use super::pattern::Pattern;
use super::span;

pub(crate) static AMOUNT: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"(?i)(?:\b(plus de|près de|environ|jusqu[’']à|moins de|au moins|presque)\s+)?\b(\d{1,3}(?:[ \u{a0}\u{202f}.]\d{3})+|\d+)(?:,(\d+))?\s*(milliards?|millions?|mds?|m|k)?\s*(?:€(?:\s*(?:d[’']euros|euros)\b)?|d[’']euros\b|euros\b|eur\b)",
    )
    .unwrap_or_else(|_| unreachable!("static regex"))
});

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
    }
}
