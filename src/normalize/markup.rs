//! Normalization of a marked-up document (HTML): the markup already says
//! where every paragraph, heading and list item starts and ends, so no line
//! is joined to another (no reflow, no de-hyphenation, no page numbers to
//! drop): each source line becomes one logical line, with the French rules
//! of [`french`] applied to its text (NFC, apostrophes, quotes, spaces),
//! and the blocks are carried to segmentation over the normalized lines
//! ([`Structure`]). A table row is one line whose cells, each normalized
//! on its own, are separated by tabs.
//!
//! A list item's line starts with the marker the markup draws ("•", "1.",
//! "a)"), as a text rendering of the page writes it, unless its text
//! starts with a marker of its own ("Axe 2 : …", "- …"): the text then
//! reads as the text form of the same document does, for the extraction
//! rules that read markers in the text (numbered lines under a heading).

use std::borrow::Cow;
use std::ops::Range;

use super::{french, list_marker, NormDoc, NormLine, Origin};
use crate::ingest::markup::Markup;
use crate::ingest::RawDoc;
use crate::model::BlockKind;

/// The blocks of a marked-up document over its normalized lines.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Structure {
    /// In document order, every parent before its children; blocks whose
    /// text normalized to nothing are left out.
    pub blocks: Vec<StructBlock>,
    pub tables: Vec<StructTable>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct StructBlock {
    pub kind: BlockKind,
    /// Heading level or list depth.
    pub level: u32,
    /// Index of the enclosing block in [`Structure::blocks`].
    pub parent: Option<usize>,
    /// The marker the markup draws, for a list item.
    pub marker: Option<String>,
    /// Its lines, indices in [`NormDoc::lines`]: one for a leaf, one per
    /// row for a table, none for a list (then the place where it starts).
    pub lines: Range<usize>,
    /// Index in [`Structure::tables`].
    pub table: Option<usize>,
    /// The element it comes from (a CSS selector).
    pub path: String,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct StructTable {
    pub columns: u32,
    pub rows: Vec<StructRow>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct StructRow {
    pub header: bool,
    pub cells: Vec<StructCell>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct StructCell {
    pub row: u32,
    pub col: u32,
    pub rowspan: u32,
    pub colspan: u32,
    pub header: bool,
    /// Its text in [`NormDoc::text`] (empty, at its place in the row, for
    /// an empty cell).
    pub range: Range<usize>,
}

/// The French rules on one piece of text: context-free cleaning, then
/// quotes (paired within the piece) and guillemet spacing, as reflow does
/// on each logical line.
fn clean(s: &str) -> Cow<'_, str> {
    let c = french::clean_line(s);
    let mut open = false;
    let quoted = if c.matches('"').count() % 2 == 0 {
        match french::straight_quotes(&c, &mut open) {
            Cow::Borrowed(_) => c,
            Cow::Owned(o) => Cow::Owned(o),
        }
    } else {
        c
    };
    match french::guillemet_spacing(&quoted) {
        Cow::Borrowed(_) => quoted,
        Cow::Owned(o) => Cow::Owned(o),
    }
}

pub(super) fn normalize(raw: &RawDoc, markup: &Markup) -> NormDoc {
    let src: Vec<&str> = raw
        .pages
        .iter()
        .flat_map(|p| p.lines.iter().map(|l| l.text.as_str()))
        .collect();
    // The table row each source line is, if any.
    let mut row_of: Vec<Option<(usize, usize)>> = vec![None; src.len()];
    for b in &markup.blocks {
        if let Some(t) = b.table {
            for (k, i) in b.lines.clone().enumerate() {
                if let Some(slot) = row_of.get_mut(i) {
                    *slot = Some((t, k));
                }
            }
        }
    }
    // The block each source line is the line of, for `gap_before`: a line
    // of the same element as the line before (a `br` between them) is no
    // paragraph break.
    let mut path_of: Vec<Option<&str>> = vec![None; src.len()];
    // The marker the markup draws, for the line of a list item.
    let mut marker_of: Vec<Option<&str>> = vec![None; src.len()];
    for b in &markup.blocks {
        for i in b.lines.clone() {
            if let Some(slot) = path_of.get_mut(i) {
                *slot = Some(b.path.as_str());
            }
        }
        if b.kind == BlockKind::ListItem {
            if let Some(slot) = marker_of.get_mut(b.lines.start) {
                *slot = b.marker.as_deref();
            }
        }
    }

    let mut doc = NormDoc {
        paged: false,
        text: String::with_capacity(src.iter().map(|l| l.len() + 1).sum()),
        ..NormDoc::default()
    };
    let mut tables: Vec<StructTable> = markup
        .tables
        .iter()
        .map(|t| StructTable {
            columns: t.columns,
            rows: Vec::new(),
        })
        .collect();
    // Source line → normalized line.
    let mut map: Vec<Option<usize>> = vec![None; src.len()];
    let mut prev_path: Option<&str> = None;
    for (i, line) in src.iter().enumerate() {
        if !doc.text.is_empty() {
            doc.text.push('\n');
        }
        let start = doc.text.len();
        match row_of.get(i).copied().flatten() {
            Some((t, k)) => {
                let Some(row) = markup.tables.get(t).and_then(|t| t.rows.get(k)) else {
                    undo(&mut doc.text, start);
                    continue;
                };
                let columns = markup.tables.get(t).map_or(1, |t| t.columns) as usize;
                let mut cells = Vec::with_capacity(row.cells.len());
                for col in 0..columns {
                    if col > 0 {
                        doc.text.push('\t');
                    }
                    if let Some(cell) = row.cells.iter().find(|c| c.col as usize == col) {
                        let from = doc.text.len();
                        doc.text.push_str(&clean(&cell.text));
                        cells.push(StructCell {
                            row: cell.row,
                            col: cell.col,
                            rowspan: cell.rowspan,
                            colspan: cell.colspan,
                            header: cell.header,
                            range: from..doc.text.len(),
                        });
                    }
                }
                if cells.iter().all(|c| c.range.is_empty()) {
                    undo(&mut doc.text, start);
                    continue;
                }
                if let Some(table) = tables.get_mut(t) {
                    table.rows.push(StructRow {
                        header: row.header,
                        cells,
                    });
                }
            }
            None => {
                let text = clean(line);
                if text.is_empty() {
                    undo(&mut doc.text, start);
                    continue;
                }
                if let Some(m) = marker_of.get(i).copied().flatten() {
                    if list_marker(&text).is_none() {
                        doc.text.push_str(m);
                        doc.text.push(' ');
                    }
                }
                doc.text.push_str(&text);
            }
        }
        let end = doc.text.len();
        let here = path_of.get(i).copied().flatten();
        let same_element =
            here.is_some() && here == prev_path && row_of.get(i).copied().flatten().is_none();
        prev_path = here;
        if let Some(m) = map.get_mut(i) {
            *m = Some(doc.lines.len());
        }
        let origin = doc.origins.len();
        doc.origins.push(Origin {
            range: start..end,
            page: None,
            bbox: None,
            source_line: i as u32 + 1,
        });
        doc.lines.push(NormLine {
            range: start..end,
            gap_before: !same_element,
            origins: origin..origin + 1,
            table: None,
        });
    }
    // Blocks over the normalized lines; a leaf whose text went is left
    // out, and what was under it goes under its parent.
    let mut index: Vec<Option<usize>> = vec![None; markup.blocks.len()];
    let mut parent_of: Vec<Option<usize>> = vec![None; markup.blocks.len()];
    let mut blocks = Vec::with_capacity(markup.blocks.len());
    for (i, b) in markup.blocks.iter().enumerate() {
        let parent = b.parent.and_then(|p| {
            index
                .get(p)
                .copied()
                .flatten()
                .or_else(|| parent_of.get(p).copied().flatten())
        });
        if let Some(slot) = parent_of.get_mut(i) {
            *slot = parent;
        }
        let mapped: Vec<usize> = b
            .lines
            .clone()
            .filter_map(|l| map.get(l).copied().flatten())
            .collect();
        let lines = match (mapped.first(), mapped.last()) {
            (Some(&a), Some(&z)) => a..z + 1,
            _ if b.kind == BlockKind::List => {
                let at = map
                    .iter()
                    .skip(b.lines.start)
                    .find_map(|m| *m)
                    .unwrap_or(doc.lines.len());
                at..at
            }
            _ => continue,
        };
        if let Some(slot) = index.get_mut(i) {
            *slot = Some(blocks.len());
        }
        blocks.push(StructBlock {
            kind: b.kind,
            level: b.level,
            parent,
            marker: b.marker.clone(),
            lines,
            table: b.table,
            path: b.path.clone(),
        });
    }
    doc.structure = Some(Structure { blocks, tables });
    doc
}

/// Takes back the separator written before a line that turned out empty.
fn undo(text: &mut String, start: usize) {
    text.truncate(start);
    if text.ends_with('\n') {
        text.pop();
    }
}
