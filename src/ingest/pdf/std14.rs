//! Metrics of the standard 14 fonts, for PDFs that use them without
//! embedding them or giving `/Widths` (ReportLab, old producers).
//!
//! No maintained crate ships the AFM widths, so `data/std14-widths.tsv` is
//! generated from the Adobe AFM files as groff's `afmtodit` converted them
//! (groff 1.22.4 `font/devps`, see the file header). Text fonts are keyed by
//! Unicode character (via the glyph name), Symbol and ZapfDingbats by code in
//! their built-in encoding.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::sync::OnceLock;

use super::{glyphlist, FxHasher};

const DATA: &str = include_str!("../../../data/std14-widths.tsv");

#[derive(Debug)]
pub struct Metrics {
    /// FxHash, and a table by code: a font without `/Widths` looks up its
    /// 256 codes when it is loaded, and SipHash cost more than the rest.
    by_char: HashMap<char, u16, BuildHasherDefault<FxHasher>>,
    by_code: [Option<u16>; 256],
    /// Glyph name → code in the built-in encoding (Symbol, ZapfDingbats).
    by_name: HashMap<&'static str, u8>,
}

impl Metrics {
    /// Width (1/1000 em) of the glyph showing `c`.
    pub fn width_of_char(&self, c: char) -> Option<f32> {
        self.by_char.get(&c).map(|&w| f32::from(w))
    }

    /// Width of `code` in the font's built-in encoding (Symbol, ZapfDingbats).
    pub fn width_of_code(&self, code: u8) -> Option<f32> {
        self.by_code[usize::from(code)].map(f32::from)
    }

    /// Code of glyph `name` in the font's built-in encoding (`a4` → 37 in
    /// ZapfDingbats), for names the Adobe Glyph List does not know.
    pub fn code_of_name(&self, name: &str) -> Option<u8> {
        self.by_name.get(name).copied()
    }
}

/// The fonts of the table, in the order of their lines.
const FONTS: [&str; 14] = [
    "Helvetica",
    "Helvetica-Bold",
    "Helvetica-Oblique",
    "Helvetica-BoldOblique",
    "Times-Roman",
    "Times-Bold",
    "Times-Italic",
    "Times-BoldItalic",
    "Courier",
    "Courier-Bold",
    "Courier-Oblique",
    "Courier-BoldOblique",
    "Symbol",
    "ZapfDingbats",
];

/// The metrics of one font, read from its lines of the table (`None` if it
/// has none). Read on first use: a document needs two or three of them.
/// The lines of a font are consecutive in the file (tested).
fn parse(font: &str) -> Option<Metrics> {
    let head = format!("\n{font}\t");
    let start = DATA.find(&head)? + 1;
    let mut m = Metrics {
        by_char: HashMap::default(),
        by_code: [None; 256],
        by_name: HashMap::new(),
    };
    for line in DATA.get(start..)?.lines() {
        let Some(fields) = line.strip_prefix(font).and_then(|l| l.strip_prefix('\t')) else {
            break;
        };
        let mut f = fields.split('\t');
        let (Some(code), Some(name), Some(width)) = (f.next(), f.next(), f.next()) else {
            continue;
        };
        let Ok(width) = width.parse::<u16>() else {
            continue;
        };
        if let Ok(code) = code.parse::<u8>() {
            m.by_code[usize::from(code)] = Some(width);
            m.by_name.insert(name, code);
        }
        if let Some(text) = glyphlist::to_unicode(name) {
            let mut chars = text.chars();
            if let (Some(c), None) = (chars.next(), chars.next()) {
                m.by_char.entry(c).or_insert(width);
            }
        }
    }
    Some(m)
}

/// The standard font a `/BaseFont` name designates (subset prefix removed,
/// common aliases such as Arial or TimesNewRoman resolved), if any.
pub fn canonical(base_font: &str) -> Option<&'static str> {
    let name = match base_font.split_once('+') {
        Some((prefix, rest)) if prefix.len() == 6 => rest,
        _ => base_font,
    };
    let lower = name.to_ascii_lowercase().replace([',', '-', ' '], "");
    let bold = lower.contains("bold");
    let italic = lower.contains("italic") || lower.contains("oblique");
    let family = if lower.starts_with("helvetica") || lower.starts_with("arial") {
        "Helvetica"
    } else if lower.starts_with("times") {
        "Times"
    } else if lower.starts_with("courier") {
        "Courier"
    } else if lower.starts_with("symbol") {
        return Some("Symbol");
    } else if lower.starts_with("zapfdingbats") || lower.starts_with("dingbats") {
        return Some("ZapfDingbats");
    } else {
        return None;
    };
    Some(match (family, bold, italic) {
        ("Helvetica", false, false) => "Helvetica",
        ("Helvetica", true, false) => "Helvetica-Bold",
        ("Helvetica", false, true) => "Helvetica-Oblique",
        ("Helvetica", true, true) => "Helvetica-BoldOblique",
        ("Times", false, false) => "Times-Roman",
        ("Times", true, false) => "Times-Bold",
        ("Times", false, true) => "Times-Italic",
        ("Times", true, true) => "Times-BoldItalic",
        ("Courier", false, false) => "Courier",
        ("Courier", true, false) => "Courier-Bold",
        ("Courier", false, true) => "Courier-Oblique",
        _ => "Courier-BoldOblique",
    })
}

/// Metrics of a standard font by canonical name.
pub fn metrics(canonical: &str) -> Option<&'static Metrics> {
    static TABLE: [OnceLock<Option<Metrics>>; FONTS.len()] =
        [const { OnceLock::new() }; FONTS.len()];
    let i = FONTS.iter().position(|&f| f == canonical)?;
    TABLE.get(i)?.get_or_init(|| parse(canonical)).as_ref()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn helvetica_and_times_widths_match_the_afm() {
        let h = metrics("Helvetica").expect("Helvetica metrics");
        assert_eq!(h.width_of_char('a'), Some(556.0));
        assert_eq!(h.width_of_char(' '), Some(278.0));
        assert_eq!(h.width_of_char('é'), Some(556.0));
        let t = metrics("Times-Roman").expect("Times metrics");
        assert_eq!(t.width_of_char('a'), Some(444.0));
        let c = metrics("Courier").expect("Courier metrics");
        assert_eq!(c.width_of_char('W'), Some(600.0));
    }

    /// Every font of the data file is in `FONTS`, its lines in one run
    /// (what `parse` reads), so none is lost.
    #[test]
    fn the_table_lists_every_font_of_the_data_in_one_run() {
        let mut seen: Vec<&str> = Vec::new();
        for line in DATA.lines().filter(|l| !l.starts_with('#')) {
            let font = line.split('\t').next().unwrap_or_default();
            assert!(FONTS.contains(&font), "{font}");
            if seen.last() != Some(&font) {
                assert!(!seen.contains(&font), "{font} in two runs");
                seen.push(font);
            }
        }
        for f in FONTS {
            assert!(metrics(f).is_some(), "{f}");
        }
        assert!(metrics("Arial").is_none());
    }

    #[test]
    fn symbol_widths_by_builtin_code() {
        let s = metrics("Symbol").expect("Symbol metrics");
        assert_eq!(s.width_of_code(0xAE), Some(987.0));
    }

    #[test]
    fn dingbats_names_give_their_builtin_code() {
        let m = metrics("ZapfDingbats").expect("ZapfDingbats metrics");
        assert_eq!(m.code_of_name("a4"), Some(37));
        assert_eq!(m.code_of_name("nonesuch"), None);
    }

    #[test]
    fn aliases_and_subset_prefixes_resolve() {
        assert_eq!(canonical("Helvetica"), Some("Helvetica"));
        assert_eq!(canonical("Arial,Bold"), Some("Helvetica-Bold"));
        assert_eq!(canonical("ABCDEF+Times-Italic"), Some("Times-Italic"));
        assert_eq!(
            canonical("TimesNewRomanPS-BoldItalicMT"),
            Some("Times-BoldItalic")
        );
        assert_eq!(canonical("LiberationSans"), None);
    }
}
