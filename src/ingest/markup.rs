//! Structure that a source states in its markup (HTML), carried from
//! ingest to the later stages so that they take it as it is instead of
//! guessing it from lines: headings, paragraphs, nested lists with their
//! numbering, tables, quotations; and what a web page says about itself
//! (title, dates, site name, attachments), for extraction, which never
//! parses HTML.

use std::ops::Range;

use crate::model::{BlockKind, WebContent, WebDateSource};

/// The blocks of a marked-up document and its page metadata.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Markup {
    /// In document order, every parent before its children.
    pub blocks: Vec<MarkupBlock>,
    /// The data tables, indexed by [`MarkupBlock::table`].
    pub tables: Vec<MarkupTable>,
    pub page: PageMeta,
}

/// One block, as the markup gives it.
#[derive(Debug, Clone, PartialEq)]
pub struct MarkupBlock {
    /// Title, heading, paragraph, quote, preformatted line, list, list
    /// item or table.
    pub kind: BlockKind,
    /// Heading level (1 for `h1`…) or list depth (1 = outer list); 1
    /// otherwise.
    pub level: u32,
    /// Index of the enclosing block: a list for an item, an item for a
    /// nested list or a further paragraph of the item.
    pub parent: Option<usize>,
    /// For a list item, the marker the markup draws: "•", "◦", "▪" by
    /// depth for `ul`, "1.", "a)", "A)", "i)", "I." for `ol` (with its
    /// `start`, `type`, `reversed` and the item's `value`).
    pub marker: Option<String>,
    /// Its lines in the document's only page: one for a leaf block, one
    /// per row for a table, none for a list.
    pub lines: Range<usize>,
    /// For a table: its index in [`Markup::tables`].
    pub table: Option<usize>,
    /// Where it comes from: a CSS selector from the root of the page.
    pub path: String,
}

/// A data table: rows of cells on a grid of `columns` columns.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MarkupTable {
    pub columns: u32,
    pub rows: Vec<MarkupRow>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct MarkupRow {
    /// Every cell of the row is a header cell (`th`), or the row is in
    /// `thead`.
    pub header: bool,
    /// The cells that start in this row, left to right.
    pub cells: Vec<MarkupCell>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct MarkupCell {
    /// 0-based row and column of its top left grid cell.
    pub row: u32,
    pub col: u32,
    pub rowspan: u32,
    pub colspan: u32,
    pub header: bool,
    /// Its text, whitespace collapsed, lines joined by a space.
    pub text: String,
}

/// What a web page says about itself in its markup.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageMeta {
    /// The page's title from its metadata (Readability's choice: JSON-LD,
    /// `og:title`, `twitter:title`, Dublin Core, else `<title>` without a
    /// trailing site name when what is left is long enough).
    pub title: Option<String>,
    pub site_name: Option<String>,
    pub byline: Option<String>,
    pub lang: Option<String>,
    pub canonical_url: Option<String>,
    /// Publication dates, best first.
    pub published: Vec<PageDate>,
    /// Update dates, best first.
    pub modified: Vec<PageDate>,
    /// Short labels right before or after the page's main heading, outside
    /// the main content ("Communiqué de presse", "Actualité").
    pub labels: Vec<String>,
    /// Links to documents, in page order.
    pub attachments: Vec<PageLink>,
    pub content: WebContent,
}

/// A date as the page gives it.
#[derive(Debug, Clone, PartialEq)]
pub struct PageDate {
    pub text: String,
    pub from: WebDateSource,
}

/// A link to a document.
#[derive(Debug, Clone, PartialEq)]
pub struct PageLink {
    pub url: String,
    pub text: String,
    /// `pdf`, `docx`, `odt`…
    pub format: String,
}
