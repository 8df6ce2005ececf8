//! Glyph names → Unicode.
//!
//! The Adobe Glyph List comes from the `pdf_encoding` crate (pdf-rs), which
//! embeds Adobe's `glyphlist.txt`; on top of it we apply the AGL
//! specification's rules for names it does not list: `uniXXXX[XXXX…]`,
//! `uXXXX[XX]`, suffixes after a period (`a.sc`) and ligatures joined by `_`
//! (`f_f_i`). Names such as `g123`, `cid123`, `glyph45` carry no Unicode
//! meaning: they return `None`, and the caller emits U+FFFD with a warning.

/// The Unicode text of a glyph name, or `None` when the name does not say.
pub fn to_unicode(name: &str) -> Option<String> {
    if let Some(s) = pdf_encoding::glyphname_to_unicode(name) {
        return Some(s.to_owned());
    }
    // AGL spec: drop everything after the first period.
    let base = match name.find('.') {
        Some(0) => return None, // `.notdef`, `.null`
        Some(i) => name.get(..i)?,
        None => name,
    };
    if base.contains('_') {
        let mut out = String::new();
        for part in base.split('_') {
            out.push_str(&component(part)?);
        }
        return Some(out);
    }
    component(base)
}

/// One component of a name (no period, no underscore).
fn component(name: &str) -> Option<String> {
    if let Some(s) = pdf_encoding::glyphname_to_unicode(name) {
        return Some(s.to_owned());
    }
    if let Some(hex) = name.strip_prefix("uni") {
        // A sequence of 4-digit upper-case hex groups, each a BMP scalar.
        if hex.is_empty() || hex.len() % 4 != 0 || !is_upper_hex(hex) {
            return None;
        }
        let mut out = String::new();
        for i in (0..hex.len()).step_by(4) {
            let v = u32::from_str_radix(hex.get(i..i + 4)?, 16).ok()?;
            out.push(scalar(v)?);
        }
        return Some(out);
    }
    if let Some(hex) = name.strip_prefix('u') {
        if (4..=6).contains(&hex.len()) && is_upper_hex(hex) {
            let v = u32::from_str_radix(hex, 16).ok()?;
            return scalar(v).map(String::from);
        }
    }
    None
}

fn is_upper_hex(s: &str) -> bool {
    s.bytes()
        .all(|b| b.is_ascii_digit() || (b'A'..=b'F').contains(&b))
}

/// A Unicode scalar value, excluding surrogates (the AGL spec rejects them).
fn scalar(v: u32) -> Option<char> {
    char::from_u32(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agl_names_map_to_their_characters() {
        assert_eq!(to_unicode("eacute").as_deref(), Some("é"));
        assert_eq!(to_unicode("arrowright").as_deref(), Some("→"));
        assert_eq!(to_unicode("quoteright").as_deref(), Some("’"));
        assert_eq!(to_unicode("fi").as_deref(), Some("ﬁ"));
        assert_eq!(to_unicode("Euro").as_deref(), Some("€"));
    }

    #[test]
    fn uni_and_u_names_are_decoded() {
        assert_eq!(to_unicode("uni00E9").as_deref(), Some("é"));
        assert_eq!(to_unicode("uni00660069").as_deref(), Some("fi"));
        assert_eq!(to_unicode("u1F4DE").as_deref(), Some("📞"));
        assert_eq!(to_unicode("uni00e9"), None, "lower-case hex is not AGL");
        assert_eq!(to_unicode("uniD800"), None, "surrogates are refused");
    }

    #[test]
    fn suffixes_and_ligature_components() {
        assert_eq!(to_unicode("a.sc").as_deref(), Some("a"));
        assert_eq!(to_unicode("f_f_i").as_deref(), Some("ffi"));
        assert_eq!(to_unicode("eacute.alt").as_deref(), Some("é"));
    }

    #[test]
    fn meaningless_names_give_none() {
        assert_eq!(to_unicode("g123"), None);
        assert_eq!(to_unicode("cid42"), None);
        assert_eq!(to_unicode(".notdef"), None);
        assert_eq!(to_unicode(""), None);
    }
}
