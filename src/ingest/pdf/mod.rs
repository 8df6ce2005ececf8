//! PDF: lopdf for the object layer, our own content-stream interpreter,
//! font/encoding layer and layout (words → lines → blocks, reading order,
//! page furniture).
//!
//! Data flow inside this module: `read` (lopdf load, decryption, recovery,
//! limits) → per page, the interpreter turns the content stream into
//! [`PageGlyphs`] (positioned Unicode glyphs) → [`layout::layout`] turns the
//! glyphs of all pages into lines and blocks ([`RawPage`]s) and page furniture.

pub mod cmap;
pub mod content;
pub mod encoding;
pub mod fontfile;
pub mod fonts;
pub mod glyphlist;
pub mod interp;
pub mod layout;
pub mod load;
pub mod std14;

use super::{BBox, IngestOptions, RawDoc};
use crate::error::{IngestError, Warning};
use crate::model::SourceFormat;

/// The positioned glyphs of one page: the contract between the interpreter
/// (fonts, encodings, text state) and the layout.
#[derive(Debug, Clone, Default)]
pub struct PageGlyphs {
    /// 1-based page number.
    pub number: u32,
    /// Page box after `/Rotate` is applied: `[0, 0, width, height]` in the
    /// coordinates the glyphs use.
    pub bbox: BBox,
    pub glyphs: Vec<Glyph>,
}

/// One shown glyph (or one `/ActualText` replacement), in page space after
/// rotation, y growing upwards.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Glyph {
    /// Unicode text of the glyph: usually one char, several for a ligature
    /// that maps to many, U+FFFD when it could not be mapped.
    pub text: GlyphText,
    /// Origin of the glyph on the baseline.
    pub x: f32,
    pub y: f32,
    /// Advance along the baseline, in page units (0 when unknown).
    pub width: f32,
    /// Effective font size (font size × text and CTM scaling), in page units.
    pub size: f32,
    /// Index of the font in the document (for grouping runs by font).
    pub font: u32,
    /// Direction of the baseline: 0 = left to right horizontal; other values
    /// are the rotation in degrees (90, 180, 270) or vertical writing (-1).
    pub dir: i16,
    /// True when the glyph came from a space character (code 32 or a glyph
    /// named `space`): a word break whatever the geometry says.
    pub space: bool,
}

/// The text of a glyph, a `str` (it derefs to one) kept inline up to 22
/// bytes: a page shows thousands of glyphs of one or two characters, and a
/// `String` each cost an allocation and a free per glyph.
#[derive(Clone, Default)]
pub struct GlyphText(Repr);

impl Eq for GlyphText {}

impl PartialEq for GlyphText {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

#[derive(Clone)]
enum Repr {
    /// One ASCII character, the common case: read without a UTF-8 check.
    Ascii(u8),
    /// One character of [`CHARS`] (accented letters, quotes, dashes,
    /// bullets, arrows, ligatures), lent from it by its byte range there:
    /// no UTF-8 check at every read, as bytes kept inline would need.
    Char {
        start: u16,
        len: u8,
    },
    Inline {
        len: u8,
        bytes: [u8; INLINE],
    },
    /// Longer texts (an `/ActualText` replacement).
    Heap(Box<str>),
}

const INLINE: usize = 22;

/// The characters [`CHARS`] holds, one after the other: all of ASCII
/// (first, so that ASCII character `b` is at byte `b`), every two-byte
/// character (Latin, Greek, Cyrillic…), U+2000–U+2BFF (punctuation,
/// currency, arrows, mathematical and other symbols) and the ligatures.
const CHAR_RANGES: [(u32, u32); 4] = [(0, 0x80), (0x80, 0x800), (0x2000, 0x2C00), (0xFB00, 0xFB50)];

/// Bytes of [`CHARS`]: 128 + 1,920 × 2 + 3,072 × 3 + 80 × 3.
const CHARS_LEN: usize = 13_424;

/// The UTF-8 of every character of [`CHAR_RANGES`], in order.
const fn chars_bytes() -> [u8; CHARS_LEN] {
    let mut bytes = [0; CHARS_LEN];
    let mut n = 0;
    let mut r = 0;
    while r < CHAR_RANGES.len() {
        let (mut c, end) = CHAR_RANGES[r];
        while c < end {
            if c < 0x80 {
                bytes[n] = c as u8;
                n += 1;
            } else if c < 0x800 {
                bytes[n] = 0xC0 | (c >> 6) as u8;
                bytes[n + 1] = 0x80 | (c & 0x3F) as u8;
                n += 2;
            } else {
                bytes[n] = 0xE0 | (c >> 12) as u8;
                bytes[n + 1] = 0x80 | ((c >> 6) & 0x3F) as u8;
                bytes[n + 2] = 0x80 | (c & 0x3F) as u8;
                n += 3;
            }
            c += 1;
        }
        r += 1;
    }
    assert!(n == CHARS_LEN);
    bytes
}

const CHARS_BYTES: [u8; CHARS_LEN] = chars_bytes();

/// Every character of [`CHAR_RANGES`], so that one can be lent as a
/// `&str` by slicing (checked once, at compile time).
const CHARS: &str = match std::str::from_utf8(&CHARS_BYTES) {
    Ok(s) => s,
    Err(_) => panic!("CHARS is not UTF-8"),
};

/// Where `c` is in [`CHARS`] (start, length), if it is there.
fn char_slot(c: char) -> Option<(u16, u8)> {
    let c = u32::from(c);
    let mut start = 0;
    for (lo, hi) in CHAR_RANGES {
        let width = char::from_u32(lo).map_or(0, char::len_utf8) as u32;
        if (lo..hi).contains(&c) {
            return Some((u16::try_from(start + (c - lo) * width).ok()?, width as u8));
        }
        start += (hi - lo) * width;
    }
    None
}

impl Default for Repr {
    fn default() -> Self {
        Repr::Inline {
            len: 0,
            bytes: [0; INLINE],
        }
    }
}

impl GlyphText {
    pub fn as_str(&self) -> &str {
        match &self.0 {
            Repr::Ascii(b) => {
                let i = usize::from(*b);
                CHARS.get(i..i + 1).unwrap_or_default()
            }
            Repr::Char { start, len } => {
                let i = usize::from(*start);
                CHARS.get(i..i + usize::from(*len)).unwrap_or_default()
            }
            Repr::Inline { len, bytes } => {
                std::str::from_utf8(bytes.get(..usize::from(*len)).unwrap_or_default())
                    .unwrap_or_default()
            }
            Repr::Heap(s) => s,
        }
    }

    /// `self == " "`, without building the `str`: a one-byte ASCII text
    /// is always kept as `Repr::Ascii` (see `From<&str>`).
    pub fn is_space(&self) -> bool {
        matches!(self.0, Repr::Ascii(b' '))
    }

    pub fn is_empty(&self) -> bool {
        matches!(self.0, Repr::Inline { len: 0, .. })
            || matches!(&self.0, Repr::Heap(s) if s.is_empty())
    }
}

impl From<&str> for GlyphText {
    fn from(s: &str) -> Self {
        if let [b] = s.as_bytes() {
            if b.is_ascii() {
                return GlyphText(Repr::Ascii(*b));
            }
        }
        let mut chars = s.chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            if let Some((start, len)) = char_slot(c) {
                return GlyphText(Repr::Char { start, len });
            }
        }
        let mut bytes = [0; INLINE];
        match bytes.get_mut(..s.len()) {
            Some(head) => {
                head.copy_from_slice(s.as_bytes());
                GlyphText(Repr::Inline {
                    len: s.len() as u8,
                    bytes,
                })
            }
            None => GlyphText(Repr::Heap(s.into())),
        }
    }
}

impl From<String> for GlyphText {
    fn from(s: String) -> Self {
        if s.len() <= INLINE {
            GlyphText::from(s.as_str())
        } else {
            GlyphText(Repr::Heap(s.into_boxed_str()))
        }
    }
}

impl std::ops::Deref for GlyphText {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for GlyphText {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq<str> for GlyphText {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for GlyphText {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl std::fmt::Debug for GlyphText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

impl std::fmt::Display for GlyphText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The positioned glyphs of every page, with the warnings raised while
/// loading and interpreting (for debugging tools and for [`read`]).
pub fn glyphs(
    bytes: &[u8],
    opts: &IngestOptions,
) -> Result<(Vec<PageGlyphs>, Vec<Warning>), IngestError> {
    let loaded = load::load(bytes, opts)?;
    let mut warnings = loaded.warnings;
    let doc = &loaded.doc;
    let mut interp = interp::Interp::new(doc, opts);
    let pages: Vec<PageGlyphs> = doc
        .get_pages()
        .into_iter()
        .map(|(number, id)| interp.page(number, id))
        .collect();
    let images = interp.images;
    warnings.extend(interp.finish());
    let shown = pages
        .iter()
        .flat_map(|p| &p.glyphs)
        .any(|g| !g.text.trim().is_empty());
    if !shown {
        if images > 0 {
            return Err(IngestError::ImageOnly {
                pages: pages.len() as u32,
            });
        }
        warnings.push(Warning::new(
            "pdf_no_text",
            "the PDF has no text and no images: its pages are empty or drawn with vector graphics",
        ));
    }
    Ok((pages, warnings))
}

/// Reads a PDF: load, interpret every page, lay the glyphs out.
pub fn read(bytes: &[u8], opts: &IngestOptions) -> Result<RawDoc, IngestError> {
    let (pages, warnings) = glyphs(bytes, opts)?;
    let (pages, furniture) = layout::layout(&pages);
    Ok(RawDoc {
        format: SourceFormat::Pdf,
        encoding: None,
        paged: true,
        laid_out: true,
        pages,
        furniture,
        warnings,
    })
}

#[cfg(test)]
mod glyph_text_tests {
    use super::GlyphText;

    #[test]
    fn every_text_reads_back() {
        let mut all: Vec<String> = (0u8..=127).map(|b| char::from(b).to_string()).collect();
        all.extend(
            [
                "é",
                "ﬁ",
                "",
                "fi",
                "Ω≈ç√",
                "a very long text from an ActualText span",
            ]
            .map(String::from),
        );
        for s in &all {
            let t = GlyphText::from(s.as_str());
            assert_eq!(t.as_str(), s);
            assert_eq!(t.is_empty(), s.is_empty());
            assert_eq!(t.is_space(), s == " ");
            assert_eq!(GlyphText::from(s.clone()).is_space(), s == " ");
            assert_eq!(GlyphText::from(s.clone()), t);
        }
        assert!(GlyphText::default().is_empty());
    }
}

#[cfg(test)]
mod tests {
    use super::GlyphText;

    #[test]
    fn glyph_texts_read_back() {
        for s in [
            "",
            "a",
            " ",
            "\u{7F}",
            "é",
            "\u{80}",
            "\u{7FF}",
            "\u{800}",
            "’",
            "→",
            "€",
            "\u{1FFF}",
            "\u{2000}",
            "\u{2BFF}",
            "\u{2C00}",
            "ﬁ",
            "\u{FB4F}",
            "\u{FB50}",
            "📞",
            "fi",
            "é’",
            "a longer text than twenty-two bytes",
        ] {
            assert_eq!(GlyphText::from(s).as_str(), s);
            assert_eq!(GlyphText::from(s.to_string()).as_str(), s);
        }
    }
}
