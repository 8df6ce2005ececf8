//! Glyph names → Unicode.
//!
//! The Adobe Glyph List comes from the `pdf_encoding` crate (pdf-rs), which
//! embeds Adobe's `glyphlist.txt`; on top of it we apply the AGL
//! specification's rules for names it does not list: `uniXXXX[XXXX…]`,
//! `uXXXX[XX]`, suffixes after a period (`a.sc`) and ligatures joined by `_`
//! (`f_f_i`). TeX's math fonts (Computer Modern / Latin Modern `cmmi`,
//! `cmsy`, `cmex`, AMS `msam`/`msbm`) use names the AGL does not have
//! (`epsilon1`, `prime`, `parenleftbig`, `summationdisplay`…): the ones with
//! one meaning are listed in `TEX_NAMES` and `TEX_SIZED`, as pdfTeX's
//! `glyphtounicode.tex` maps them. Pieces of large delimiters and arrows
//! (`vextendsingle`, `bracehtipdownleft`, `arrowhookleft`) stay unmapped.
//! Names such as `g123`, `cid123`, `glyph45` carry no Unicode meaning: they
//! return `None`, and the caller emits U+FFFD with a warning.

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
    if let Some(t) = tex_name(name) {
        return Some(t.to_owned());
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

/// TeX math glyph names missing from the AGL.
const TEX_NAMES: &[(&str, &str)] = &[
    ("Ifractur", "\u{2111}"),
    ("Rfractur", "\u{211C}"),
    ("angbracketleft", "\u{27E8}"),
    ("angbracketright", "\u{27E9}"),
    ("arrownortheast", "\u{2197}"),
    ("arrownorthwest", "\u{2196}"),
    ("arrowsoutheast", "\u{2198}"),
    ("arrowsouthwest", "\u{2199}"),
    ("bardbl", "\u{2016}"),
    ("ceilingleft", "\u{2308}"),
    ("ceilingright", "\u{2309}"),
    ("circlecopyrt", "\u{25EF}"),
    ("circledivide", "\u{2298}"),
    ("circledot", "\u{2299}"),
    ("circleminus", "\u{2296}"),
    ("contintegral", "\u{222E}"),
    ("coproduct", "\u{2210}"),
    ("dotlessj", "\u{0237}"),
    ("epsilon1", "\u{03B5}"),
    ("equivasymptotic", "\u{224D}"),
    ("flat", "\u{266D}"),
    ("floorleft", "\u{230A}"),
    ("floorright", "\u{230B}"),
    ("follows", "\u{227B}"),
    ("followsequal", "\u{2AB0}"),
    ("greatermuch", "\u{226B}"),
    ("harpoonleftbarbed", "\u{21BC}"),
    ("harpoonrightbarbed", "\u{21C0}"),
    ("intersectionsq", "\u{2293}"),
    ("latticetop", "\u{22A4}"),
    ("lessmuch", "\u{226A}"),
    ("lscript", "\u{2113}"),
    ("measuredangle", "\u{2221}"),
    ("minusplus", "\u{2213}"),
    ("natural", "\u{266E}"),
    ("negationslash", "\u{0338}"),
    ("notexistential", "\u{2204}"),
    ("owner", "\u{220B}"),
    ("precedes", "\u{227A}"),
    ("precedesequal", "\u{2AAF}"),
    ("prime", "\u{2032}"),
    ("rho1", "\u{03F1}"),
    ("sharp", "\u{266F}"),
    ("similarequal", "\u{2243}"),
    ("slurabove", "\u{2322}"),
    ("slurbelow", "\u{2323}"),
    ("squaresolid", "\u{25A0}"),
    ("star", "\u{22C6}"),
    ("subsetnoteql", "\u{228A}"),
    ("subsetsqequal", "\u{2291}"),
    ("supersetnoteql", "\u{228B}"),
    ("supersetsqequal", "\u{2292}"),
    ("triangle", "\u{25B3}"),
    ("triangleinv", "\u{25BD}"),
    ("triangleleft", "\u{25C1}"),
    ("triangleright", "\u{25B7}"),
    ("turnstileleft", "\u{22A2}"),
    ("turnstileright", "\u{22A3}"),
    ("unionmulti", "\u{228E}"),
    ("unionsq", "\u{2294}"),
];

/// Delimiters and operators of TeX's extension font (`cmex`), drawn in
/// several sizes: the name is one of these plus a size suffix
/// ([`TEX_SIZES`]). Big operators map to their n-ary forms.
const TEX_SIZED: &[(&str, &str)] = &[
    ("angbracketleft", "\u{27E8}"),
    ("angbracketright", "\u{27E9}"),
    ("backslash", "\\"),
    ("braceleft", "{"),
    ("braceright", "}"),
    ("bracketleft", "["),
    ("bracketright", "]"),
    ("ceilingleft", "\u{2308}"),
    ("ceilingright", "\u{2309}"),
    ("circledot", "\u{2A00}"),
    ("circlemultiply", "\u{2A02}"),
    ("circleplus", "\u{2A01}"),
    ("contintegral", "\u{222E}"),
    ("coproduct", "\u{2210}"),
    ("floorleft", "\u{230A}"),
    ("floorright", "\u{230B}"),
    ("hat", "\u{02C6}"),
    ("integral", "\u{222B}"),
    ("intersection", "\u{22C2}"),
    ("logicaland", "\u{22C0}"),
    ("logicalor", "\u{22C1}"),
    ("parenleft", "("),
    ("parenright", ")"),
    ("product", "\u{220F}"),
    ("radical", "\u{221A}"),
    ("slash", "/"),
    ("summation", "\u{2211}"),
    ("tilde", "\u{02DC}"),
    ("union", "\u{22C3}"),
    ("unionmulti", "\u{2A04}"),
    ("unionsq", "\u{2A06}"),
];

/// Size suffixes of [`TEX_SIZED`] names, longest first.
const TEX_SIZES: &[&str] = &[
    "display", "widest", "wider", "Bigg", "bigg", "text", "wide", "Big", "big",
];

fn tex_name(name: &str) -> Option<&'static str> {
    if let Some(&(_, t)) = TEX_NAMES.iter().find(|(n, _)| *n == name) {
        return Some(t);
    }
    let base = TEX_SIZES.iter().find_map(|s| name.strip_suffix(s))?;
    TEX_SIZED.iter().find(|(n, _)| *n == base).map(|&(_, t)| t)
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
    fn tex_math_names_are_mapped() {
        assert_eq!(to_unicode("epsilon1").as_deref(), Some("ε"));
        assert_eq!(to_unicode("prime").as_deref(), Some("′"));
        assert_eq!(to_unicode("parenleftbig").as_deref(), Some("("));
        assert_eq!(to_unicode("bracerightBigg").as_deref(), Some("}"));
        assert_eq!(to_unicode("summationdisplay").as_deref(), Some("∑"));
        assert_eq!(to_unicode("integraltext").as_deref(), Some("∫"));
        assert_eq!(to_unicode("tildewider").as_deref(), Some("˜"));
        assert_eq!(to_unicode("radicalBig").as_deref(), Some("√"));
        // Pieces of extensible delimiters have no character of their own.
        assert_eq!(to_unicode("vextendsingle"), None);
        assert_eq!(to_unicode("bracehtipdownleft"), None);
        assert_eq!(to_unicode("big"), None);
        assert_eq!(to_unicode("abig"), None);
    }

    #[test]
    fn meaningless_names_give_none() {
        assert_eq!(to_unicode("g123"), None);
        assert_eq!(to_unicode("cid42"), None);
        assert_eq!(to_unicode(".notdef"), None);
        assert_eq!(to_unicode(""), None);
    }
}
