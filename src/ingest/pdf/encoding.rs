//! Simple-font base encodings (one byte → Unicode).
//!
//! Standard, WinAnsi, MacRoman, MacExpert, Symbol and ZapfDingbats tables
//! come from the `pdf_encoding` crate. PDFDocEncoding is not in that crate:
//! it equals Latin-1 except for 0x18–0x1F and 0x80–0xA0, which are listed
//! here from ISO 32000-1 Annex D.

use pdf_encoding::Encoding as Pe;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BaseEncoding {
    Standard,
    WinAnsi,
    MacRoman,
    MacExpert,
    PdfDoc,
    Symbol,
    ZapfDingbats,
}

impl BaseEncoding {
    /// The encoding named by an `/Encoding` or `/BaseEncoding` name.
    pub fn from_name(name: &[u8]) -> Option<BaseEncoding> {
        Some(match name {
            b"StandardEncoding" => BaseEncoding::Standard,
            b"WinAnsiEncoding" => BaseEncoding::WinAnsi,
            b"MacRomanEncoding" => BaseEncoding::MacRoman,
            b"MacExpertEncoding" => BaseEncoding::MacExpert,
            b"PDFDocEncoding" => BaseEncoding::PdfDoc,
            _ => return None,
        })
    }

    /// The Unicode character of `code`, or `None` when the code is undefined.
    pub fn decode(self, code: u8) -> Option<char> {
        let pe = match self {
            BaseEncoding::Standard => Pe::AdobeStandard,
            BaseEncoding::WinAnsi => Pe::WinAnsiEncoding,
            BaseEncoding::MacRoman => Pe::MacRomanEncoding,
            BaseEncoding::MacExpert => Pe::AdobeExpert,
            BaseEncoding::Symbol => Pe::AdobeSymbol,
            BaseEncoding::ZapfDingbats => Pe::AdobeZdingbat,
            BaseEncoding::PdfDoc => return pdfdoc(code),
        };
        // ISO 32000-1 D.2 note 6: in WinAnsiEncoding the unused codes 0x7F,
        // 0x81, 0x8D, 0x8F, 0x90 and 0x9D show a bullet (ReportLab relies on
        // 0x7F for list bullets).
        if self == BaseEncoding::WinAnsi && matches!(code, 0x7F | 0x81 | 0x8D | 0x8F | 0x90 | 0x9D)
        {
            return Some('•');
        }
        // pdf_encoding maps the `space` glyph of code 32 to U+00A0 in the
        // Standard, Symbol, ZapfDingbats tables (and Standard's `hyphen` to
        // U+00AD): the Adobe Glyph List says U+0020 and U+002D. A no-break
        // space is not a word break to the layout, and a soft hyphen is
        // dropped by normalization, so text in these encodings lost its
        // spaces and hyphens.
        match (self, code) {
            (_, 0x20) => return Some(' '),
            (BaseEncoding::Standard, 0x2D) => return Some('-'),
            _ => {}
        }
        pe.forward_map()?.get(code)
    }
}

/// A PDF text string (ISO 32000-1 7.9.2.2): UTF-16BE after a `FE FF` byte
/// order mark, UTF-8 after `EF BB BF` (PDF 2.0), PDFDocEncoding otherwise.
/// Undecodable bytes give U+FFFD.
pub fn text_string(bytes: &[u8]) -> String {
    if let Some(utf16) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units = utf16.chunks(2).map(|c| {
            u16::from_be_bytes([
                c.first().copied().unwrap_or(0),
                c.get(1).copied().unwrap_or(0),
            ])
        });
        return char::decode_utf16(units)
            .map(|r| r.unwrap_or('\u{FFFD}'))
            .collect();
    }
    if let Some(utf8) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return String::from_utf8_lossy(utf8).into_owned();
    }
    bytes
        .iter()
        .map(|&b| pdfdoc(b).unwrap_or('\u{FFFD}'))
        .collect()
}

fn pdfdoc(code: u8) -> Option<char> {
    const LOW: [char; 8] = ['˘', 'ˇ', 'ˆ', '˙', '˝', '˛', '˚', '˜'];
    const HIGH: [char; 33] = [
        '•', '†', '‡', '…', '—', '–', 'ƒ', '⁄', '‹', '›', '−', '‰', '„', '“', '”', '‘', '’', '‚',
        '™', 'ﬁ', 'ﬂ', 'Ł', 'Œ', 'Š', 'Ÿ', 'Ž', 'ı', 'ł', 'œ', 'š', 'ž', '\u{FFFD}', '€',
    ];
    match code {
        0x18..=0x1F => LOW.get(usize::from(code - 0x18)).copied(),
        0x80..=0xA0 => HIGH
            .get(usize::from(code - 0x80))
            .copied()
            .filter(|&c| c != '\u{FFFD}'),
        0x09 | 0x0A | 0x0D | 0x20..=0x7E | 0xA1..=0xFF if code != 0xAD => Some(char::from(code)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn winansi_maps_french_and_cp1252_extras() {
        assert_eq!(BaseEncoding::WinAnsi.decode(0xE9), Some('é'));
        assert_eq!(BaseEncoding::WinAnsi.decode(0x80), Some('€'));
        assert_eq!(BaseEncoding::WinAnsi.decode(0x92), Some('’'));
        assert_eq!(BaseEncoding::WinAnsi.decode(0x9C), Some('œ'));
        assert_eq!(BaseEncoding::WinAnsi.decode(0x7F), Some('•'));
    }

    #[test]
    fn standard_and_macroman_differ_from_latin1() {
        assert_eq!(BaseEncoding::Standard.decode(0x27), Some('’'));
        assert_eq!(BaseEncoding::Standard.decode(0xAE), Some('ﬁ'));
        assert_eq!(BaseEncoding::MacRoman.decode(0x8E), Some('é'));
        // The glyphs `space` and `hyphen`, not U+00A0 and U+00AD.
        for e in [
            BaseEncoding::Standard,
            BaseEncoding::WinAnsi,
            BaseEncoding::MacRoman,
            BaseEncoding::Symbol,
            BaseEncoding::ZapfDingbats,
        ] {
            assert_eq!(e.decode(0x20), Some(' '), "{e:?}");
        }
        assert_eq!(BaseEncoding::Standard.decode(0x2D), Some('-'));
        assert_eq!(BaseEncoding::WinAnsi.decode(0xAD), Some('\u{AD}'));
    }

    #[test]
    fn symbol_and_dingbats_builtins() {
        assert_eq!(BaseEncoding::Symbol.decode(0xAE), Some('→'));
        assert_eq!(BaseEncoding::Symbol.decode(0x61), Some('α'));
        assert_eq!(BaseEncoding::ZapfDingbats.decode(0x25), Some('☎'));
        assert_eq!(BaseEncoding::ZapfDingbats.decode(0x6E), Some('■'));
    }

    #[test]
    fn text_strings_in_their_three_encodings() {
        assert_eq!(text_string(b"\xFE\xFF\x00A\x00l\x00i\x00c\x00e"), "Alice");
        assert_eq!(text_string(b"\xEF\xBB\xBFd\xC3\xA9j\xC3\xA0"), "déjà");
        assert_eq!(text_string(b"Caf\xE9 \x80"), "Café •");
        assert_eq!(text_string(b"\xFE\xFF\xD8\x00"), "\u{FFFD}");
        assert_eq!(text_string(b""), "");
    }

    #[test]
    fn pdfdoc_special_ranges() {
        assert_eq!(BaseEncoding::PdfDoc.decode(0x80), Some('•'));
        assert_eq!(BaseEncoding::PdfDoc.decode(0xA0), Some('€'));
        assert_eq!(BaseEncoding::PdfDoc.decode(0x9F), None);
        assert_eq!(BaseEncoding::PdfDoc.decode(0xE9), Some('é'));
        assert_eq!(BaseEncoding::PdfDoc.decode(0x18), Some('˘'));
    }

    #[test]
    fn encoding_names_are_recognised() {
        assert_eq!(
            BaseEncoding::from_name(b"WinAnsiEncoding"),
            Some(BaseEncoding::WinAnsi)
        );
        assert_eq!(BaseEncoding::from_name(b"Identity-H"), None);
    }
}
