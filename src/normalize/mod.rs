//! Stage 2: [`RawDoc`] → [`NormDoc`]. Cannot fail.
//!
//! French typographic normalization ([`french`]), line reflow and
//! de-hyphenation, removal of stray page numbers. The output text has one
//! *logical line* per paragraph, heading or list item, separated by `\n`;
//! every later span is a byte range of that text.

pub mod french;
pub mod key;
pub mod labels;
pub mod markup;
pub mod ocr;
mod reflow;
pub mod toc;

pub use key::{key, key_within};
pub use reflow::{
    dehyphenate, is_lone_marker, is_rule_line, list_marker, page_number, related_heading, Join,
};
pub use toc::toc_entry;

use std::ops::Range;

use crate::error::Warning;
use crate::ingest::{BBox, RawDoc};

/// The normalized text of a document and the map back to its source.
#[derive(Debug, Clone, Default)]
pub struct NormDoc {
    /// Logical lines joined by `\n`. NFC, canonical apostrophes and quotes,
    /// single spaces, no control characters.
    pub text: String,
    /// One entry per logical line, in order.
    pub lines: Vec<NormLine>,
    /// The source pieces of every line, in order; a line's are
    /// [`NormLine::origins`] (see [`NormDoc::origins_of`]): one `Vec` for
    /// the document rather than one per line.
    pub origins: Vec<Origin>,
    /// True when the source has pages.
    pub paged: bool,
    pub warnings: Vec<Warning>,
    /// The blocks of a marked-up source (HTML) over [`NormDoc::lines`]:
    /// segmentation takes them instead of guessing. `None` for PDF and
    /// text.
    pub structure: Option<markup::Structure>,
}

/// A logical line of the normalized text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NormLine {
    /// Byte range in [`NormDoc::text`], without the trailing `\n`.
    pub range: Range<usize>,
    /// True when one or more blank lines (or a block boundary) preceded this
    /// line in the source: a paragraph break rather than a simple line break.
    pub gap_before: bool,
    /// Source pieces that make up this line (several after reflow), in
    /// order: a range of [`NormDoc::origins`].
    pub origins: Range<usize>,
    /// Set when the line is a table row: its cells, separated by tabs, one
    /// field per column of the table ([`crate::ingest::RawDoc::tables`]).
    pub table: Option<crate::ingest::TableRow>,
}

/// Where a stretch of a logical line came from.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Origin {
    /// Byte range in [`NormDoc::text`].
    pub range: Range<usize>,
    /// 1-based page (PDF), `None` for text files.
    pub page: Option<u32>,
    pub bbox: Option<BBox>,
    /// 1-based line number in the source (text files: the physical line).
    pub source_line: u32,
}

impl NormDoc {
    /// The source pieces of `line`, a line of this document.
    pub fn origins_of(&self, line: &NormLine) -> &[Origin] {
        self.origins.get(line.origins.clone()).unwrap_or_default()
    }

    /// The 1-based logical line that contains byte `offset`.
    pub fn line_of(&self, offset: usize) -> u32 {
        let i = self.lines.partition_point(|l| l.range.end < offset);
        (i.min(self.lines.len().saturating_sub(1)) + 1) as u32
    }

    /// Page of byte `offset`, for paged sources.
    pub fn page_of(&self, offset: usize) -> Option<u32> {
        self.page_in(self.line_of(offset), offset)
    }

    /// [`NormDoc::page_of`] when `line` is already known to be
    /// `line_of(offset)`: no second search of the lines.
    pub fn page_in(&self, line: u32, offset: usize) -> Option<u32> {
        if !self.paged {
            return None;
        }
        let origins = self.origins_of(self.lines.get(line as usize - 1)?);
        origins
            .iter()
            .find(|o| o.range.end > offset)
            .or(origins.last())
            .and_then(|o| o.page)
    }

    /// Union of the bounding boxes of the source pieces overlapping `range`
    /// on the page of its start.
    pub fn bbox_of(&self, range: Range<usize>) -> Option<BBox> {
        self.bbox_in(self.line_of(range.start), range)
    }

    /// [`NormDoc::bbox_of`] when `line` is already known to be
    /// `line_of(range.start)`: the lines are searched once per span, not
    /// four times.
    pub fn bbox_in(&self, line: u32, range: Range<usize>) -> Option<BBox> {
        let page = self.page_in(line, range.start);
        let first = line as usize - 1;
        let end = range.end.saturating_sub(1).max(range.start);
        let last = if end == range.start {
            first
        } else {
            self.line_of(end) as usize - 1
        };
        let mut out: Option<BBox> = None;
        for line in self
            .lines
            .get(first..=last.min(self.lines.len().saturating_sub(1)))?
        {
            for o in self.origins_of(line) {
                if o.range.end <= range.start || o.range.start >= range.end || o.page != page {
                    continue;
                }
                if let Some(b) = o.bbox {
                    out = Some(match out {
                        None => b,
                        Some(a) => [
                            a[0].min(b[0]),
                            a[1].min(b[1]),
                            a[2].max(b[2]),
                            a[3].max(b[3]),
                        ],
                    });
                }
            }
        }
        out
    }
}

/// Normalizes a raw document: French typography on every source line
/// ([`french::clean_line`]), stray page numbers removed, then reflow into
/// logical lines (see `reflow` for the two modes) with de-hyphenation,
/// then quote pairing on each logical line. A marked-up source (HTML) keeps
/// its lines as the markup made them ([`markup`]).
pub fn normalize(raw: &RawDoc) -> NormDoc {
    match &raw.markup {
        Some(m) => markup::normalize(raw, m),
        None => reflow::normalize(raw),
    }
}
