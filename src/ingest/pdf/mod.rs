//! PDF: lopdf for the object layer, our own content-stream interpreter,
//! font/encoding layer and layout (words → lines → blocks, reading order,
//! page furniture).
//!
//! Data flow inside this module: `read` (lopdf load, decryption, recovery,
//! limits) → per page, the interpreter turns the content stream into
//! [`PageGlyphs`] (positioned Unicode glyphs) → [`layout::layout`] turns the
//! glyphs of all pages into lines and blocks ([`RawPage`]s) and page furniture.

pub mod layout;

use super::{BBox, IngestOptions, RawDoc};
use crate::error::IngestError;

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
    pub text: String,
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

pub fn read(_bytes: &[u8], _opts: &IngestOptions) -> Result<RawDoc, IngestError> {
    Err(IngestError::Unsupported(
        "PDF reading is not implemented yet".into(),
    ))
}
