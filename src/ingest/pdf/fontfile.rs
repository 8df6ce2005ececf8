//! Built-in encodings of embedded simple fonts, for fonts that have neither
//! `/ToUnicode` nor a complete `/Encoding` (Ghostscript's Type 1C subsets
//! from groff/enscript, TeX's Type 1 fonts in old PDFs): code → glyph name
//! from the font program itself, then the glyph name → Unicode.
//!
//! * Type 1C (`/FontFile3`, CFF): the `cff-parser` crate reads the CFF
//!   encoding and charset (code → glyph id → glyph name).
//! * Type 1 (`/FontFile`): the clear-text part of the program holds the
//!   encoding as `dup <code> /<name> put` entries; we scan for them.
//! * TrueType (`/FontFile2`) in CID fonts without `/ToUnicode`: the
//!   `ttf-parser` crate reads the font's Unicode `cmap`, reversed into
//!   glyph id → Unicode (or, failing that, the `post` glyph names).

use std::panic::{catch_unwind, AssertUnwindSafe};

/// Glyph names of codes 0–255 from a CFF font program.
pub fn cff_names(data: &[u8]) -> Option<Vec<Option<String>>> {
    // The parser is third-party code on hostile bytes: contain a panic.
    catch_unwind(AssertUnwindSafe(|| {
        let table = cff_parser::Table::parse(data)?;
        let names: Vec<Option<String>> = (0..=255u8)
            .map(|code| {
                let gid = table.glyph_index(code)?;
                // Glyph 0 is .notdef: the code is not encoded.
                if gid.0 == 0 {
                    return None;
                }
                table.glyph_name(gid).map(str::to_owned)
            })
            .collect();
        names.iter().any(Option::is_some).then_some(names)
    }))
    .ok()
    .flatten()
}

/// Glyph names of codes 0–255 from a Type 1 font program's clear text.
pub fn type1_names(data: &[u8]) -> Option<Vec<Option<String>>> {
    // The encoding precedes `eexec`; do not scan the encrypted part.
    let end = data
        .windows(5)
        .position(|w| w == b"eexec")
        .unwrap_or(data.len());
    let text = data.get(..end)?;
    if !text.windows(18).any(|w| w == b"/Encoding 256 arra") {
        return None;
    }
    let mut names: Vec<Option<String>> = vec![None; 256];
    let mut tokens = text
        .split(|b| b.is_ascii_whitespace())
        .filter(|t| !t.is_empty())
        .peekable();
    while let Some(tok) = tokens.next() {
        if tok != b"dup" {
            continue;
        }
        let (Some(code), Some(name)) = (tokens.next(), tokens.next()) else {
            break;
        };
        let Some(code) = std::str::from_utf8(code)
            .ok()
            .and_then(|c| c.parse::<u8>().ok())
        else {
            continue;
        };
        let Some(name) = name.strip_prefix(b"/") else {
            continue;
        };
        if tokens.peek() == Some(&b"put".as_slice()) {
            if let (Some(slot), Ok(name)) =
                (names.get_mut(usize::from(code)), std::str::from_utf8(name))
            {
                *slot = Some(name.to_owned());
            }
        }
    }
    names.iter().any(Option::is_some).then_some(names)
}

/// Glyph id → Unicode from a TrueType/OpenType program.
pub fn truetype_unicode(data: &[u8]) -> Option<std::collections::HashMap<u16, char>> {
    catch_unwind(AssertUnwindSafe(|| {
        let face = ttf_parser::Face::parse(data, 0).ok()?;
        let mut map = std::collections::HashMap::new();
        if let Some(cmap) = face.tables().cmap {
            for sub in cmap.subtables.into_iter().filter(|s| s.is_unicode()) {
                sub.codepoints(|cp| {
                    if let (Some(gid), Some(c)) = (sub.glyph_index(cp), char::from_u32(cp)) {
                        // Several code points may share a glyph: keep the first.
                        map.entry(gid.0).or_insert(c);
                    }
                });
            }
        }
        if map.is_empty() {
            for gid in 0..face.number_of_glyphs() {
                let c = face
                    .glyph_name(ttf_parser::GlyphId(gid))
                    .and_then(super::glyphlist::to_unicode)
                    .and_then(|t| t.chars().next());
                if let Some(c) = c {
                    map.insert(gid, c);
                }
            }
        }
        (!map.is_empty()).then_some(map)
    }))
    .ok()
    .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type1_clear_text_encoding_is_read() {
        let font = b"%!PS-AdobeFont-1.0: CMR10\n/Encoding 256 array\n0 1 255 {1 index exch /.notdef put} for\n\
                     dup 11 /ff put\ndup 65 /A put\nreadonly def\ncurrentfile eexec\xde\xad dup 66 /B put";
        let names = type1_names(font).expect("an encoding");
        assert_eq!(names[11].as_deref(), Some("ff"));
        assert_eq!(names[65].as_deref(), Some("A"));
        assert_eq!(names[66], None, "the encrypted part is not read");
    }

    #[test]
    fn standard_encoding_programs_and_garbage_give_none() {
        assert_eq!(type1_names(b"/Encoding StandardEncoding def"), None);
        assert_eq!(cff_names(b"\x01\x00\x04\x01garbage"), None);
        assert_eq!(cff_names(b""), None);
        assert_eq!(truetype_unicode(b"\x00\x01\x00\x00garbage"), None);
    }
}
