//! Layout: positioned glyphs → words → lines → blocks, reading order
//! (columns), running headers/footers and page numbers.
//!
//! Per page: glyphs are clustered into rows by baseline, sorted left to
//! right, cleaned of fake-bold duplicates and cut into words from the real
//! gaps (and the `space` flag). Page furniture is then found by comparing
//! the top and bottom rows of all pages. The remaining words are ordered by a
//! recursive XY-cut that prefers vertical cuts (columns), and the resulting
//! lines are grouped into blocks by vertical gaps and font changes.
//!
//! All thresholds are relative to the font size, so the same rules work on
//! a 6 pt footnote and a 24 pt title.
//!
//! One file per step, in the order the data flows through them:
//!
//! | file | step |
//! | --- | --- |
//! | `words.rs` | glyphs → rows → words (per page and writing direction) |
//! | `furniture.rs` | running headers, footers and page numbers (whole document) |
//! | `order.rs` | columns and reading order: the recursive XY-cut → lines of word indices |
//! | `lines.rs` | a line's words → its text and measures (right-to-left reordering) |
//! | `tables/` | ruled and unruled tables (taken out of the text flow, read cell by cell), joined across pages |
//! | `blocks.rs` | lines → blocks (paragraph breaks), with what the whole document says about its line pitch |

mod blocks;
mod furniture;
mod lines;
mod order;
mod tables;
#[cfg(test)]
mod tests;
mod words;

use crate::ingest::pdf::{PageGlyphs, Rule};
use crate::ingest::{BBox, RawLine, RawPage, RawTable, TableRow};
use crate::model::Furniture;

use blocks::{blocks, DocLines};
use furniture::find_furniture;
pub use furniture::is_page_number;
use lines::{is_rtl_word, line_info, LineInfo};
use order::order_lines;
use tables::{join_pages, PageTable, Placed};
use words::{page_words, PageWords};

/// What the layout makes of a document's pages.
#[derive(Debug, Default)]
pub struct Layout {
    pub pages: Vec<RawPage>,
    /// Page furniture removed from the pages.
    pub furniture: Vec<Furniture>,
    /// The tables; their rows are lines of `pages` too.
    pub tables: Vec<RawTable>,
}

/// Lays out all pages of a document (all at once, because running headers
/// and footers are found by comparing pages, and tables joined across
/// them).
pub fn layout(pages: &[PageGlyphs]) -> Layout {
    finish(pages.iter().map(|p| prepare(p.clone())).collect())
}

/// A page made ready for [`finish`]: its words (the glyphs are no longer
/// needed), and its rulings and box for the tables.
pub struct Prepared {
    words: PageWords,
    rules: Vec<Rule>,
    bbox: BBox,
}

/// The first step of the layout, page by page, as pages are read: glyphs
/// to words.
pub fn prepare(p: PageGlyphs) -> Prepared {
    Prepared {
        words: page_words(&p),
        rules: p.rules,
        bbox: p.bbox,
    }
}

/// The rest of the layout, over all the pages [`prepare`]d.
pub fn finish(pages: Vec<Prepared>) -> Layout {
    // The work of each page alone (its tables, its lines, its blocks) is
    // done on the pool for a long document; what crosses pages (page
    // furniture, tables continued, the document's line measures) stays in
    // order on this thread.
    let parallel = pages.len() >= crate::par::MIN_PAGES;
    let mut laid: Vec<PageWords> = Vec::with_capacity(pages.len());
    let mut rulings: Vec<(Vec<Rule>, BBox)> = Vec::with_capacity(pages.len());
    for p in pages {
        laid.push(p.words);
        rulings.push((p.rules, p.bbox));
    }
    let furniture = find_furniture(&mut laid);
    // Tables (on the horizontal layer), before the reading order: their
    // words are read cell by cell, not in the text flow.
    let found: Vec<Vec<(PageTable, bool, bool)>> = crate::par::map(
        parallel,
        laid.iter().zip(rulings).collect(),
        |(p, (rules, bbox))| match p.layers.iter().find(|l| l.horizontal) {
            Some(layer) => tables::find(layer, &rules, bbox),
            None => Vec::new(),
        },
    );
    let numbers: Vec<u32> = laid.iter().map(|p| p.number).collect();
    let (tables, placed) = join_pages(found, &numbers);
    for t in &placed {
        if let Some(layer) = laid
            .get_mut(t.page)
            .and_then(|p| p.layers.iter_mut().find(|l| l.horizontal))
        {
            for &w in &t.words {
                if let Some(w) = layer.words.get_mut(w) {
                    w.gone = true;
                }
            }
        }
    }
    // What the pages are needed for after their lines are made.
    let heads: Vec<(u32, Option<usize>)> = laid
        .iter()
        .map(|p| (p.number, p.layers.iter().position(|l| l.horizontal)))
        .collect();
    // Lines of every layer of every page first: whether the document is
    // justified is decided over all of them. (Each page's words are freed
    // once its lines are made.)
    let infos: Vec<Vec<Vec<LineInfo>>> = crate::par::map(parallel, laid, |p| {
        p.layers
            .iter()
            .map(|layer| {
                let ordered = order_lines(&layer.words);
                // Right-to-left text is rare: told once for the whole
                // layer, so that the lines of a layer without any skip
                // the bidi pass and the tests of each word.
                let rtl = is_rtl_word(&layer.text);
                // (One buffer for the words of every line.)
                let mut ws = Vec::new();
                ordered
                    .lines
                    .iter()
                    .filter_map(|l| {
                        let idx = ordered.idx.get(l.words.clone()).unwrap_or_default();
                        line_info(&layer.words, &layer.text, idx, l, &mut ws, rtl)
                    })
                    .collect()
            })
            .collect()
    });
    let doc = DocLines::measure(infos.iter().flatten().flatten());
    let raw = crate::par::map(
        parallel,
        heads.into_iter().zip(infos).enumerate().collect(),
        |(pi, ((number, horizontal), layers))| RawPage {
            number,
            lines: layers
                .into_iter()
                .enumerate()
                .fold(Vec::new(), |mut acc, (li, lines)| {
                    let mut out = blocks(lines, &doc);
                    if Some(li) == horizontal {
                        let here = placed.iter().filter(|t| t.page == pi);
                        out = insert_tables(out, here, &tables, number);
                    }
                    if !acc.is_empty() && !out.is_empty() {
                        acc.push(RawLine::new(""));
                    }
                    acc.append(&mut out);
                    acc
                }),
        },
    );
    Layout {
        pages: raw,
        furniture,
        tables,
    }
}

/// Puts the rows of the tables `placed` on page `number` among the lines
/// of its horizontal layer: each table, a block of its own, before the
/// first line below its top that it overlaps horizontally (so a table in
/// one column of a page is read with that column).
fn insert_tables<'a>(
    mut lines: Vec<RawLine>,
    placed: impl Iterator<Item = &'a Placed>,
    tables: &[RawTable],
    number: u32,
) -> Vec<RawLine> {
    for t in placed {
        let Some(table) = tables.get(t.table as usize) else {
            continue;
        };
        let rows: Vec<RawLine> = t
            .rows
            .clone()
            .filter_map(|r| Some((r, table.rows.get(r)?)))
            .map(|(r, row)| {
                let mut fields = vec![String::new(); table.cols as usize];
                let mut bbox: Option<BBox> = None;
                for cell in &row.cells {
                    let text: Vec<&str> = cell
                        .parts
                        .iter()
                        .flat_map(|p| p.lines.iter().map(String::as_str))
                        .collect();
                    if let Some(f) = fields.get_mut(cell.col as usize) {
                        *f = text.join(" ");
                    }
                    for part in cell.parts.iter().filter(|p| p.page == number) {
                        match &mut bbox {
                            Some(b) => union(b, &part.bbox),
                            None => bbox = Some(part.bbox),
                        }
                    }
                }
                RawLine {
                    text: fields.join("\t"),
                    bbox,
                    table: Some(TableRow {
                        table: t.table,
                        row: r as u32,
                    }),
                    source_line: None,
                }
            })
            .collect();
        if rows.is_empty() {
            continue;
        }
        let below = |l: &RawLine| match l.bbox {
            Some(b) if l.table.is_none() && !l.text.is_empty() => {
                (b[1] + b[3]) / 2.0 < t.bbox[3] && b[0] < t.bbox[2] && b[2] > t.bbox[0]
            }
            _ => false,
        };
        let at = lines.iter().position(below).unwrap_or(lines.len());
        let mut block = Vec::with_capacity(rows.len() + 2);
        if at > 0 && lines.get(at - 1).is_some_and(|l| !l.text.is_empty()) {
            block.push(RawLine::new(""));
        }
        block.extend(rows);
        if at < lines.len() && lines.get(at).is_some_and(|l| !l.text.is_empty()) {
            block.push(RawLine::new(""));
        }
        lines.splice(at..at, block);
    }
    lines
}

/// The value of a [`total_key`].
fn total_value(k: u32) -> f32 {
    f32::from_bits(if k >> 31 == 1 { k & 0x7fff_ffff } else { !k })
}

/// An integer that orders like `f32::total_cmp` (-0 before +0, NaNs at the
/// ends): the sign bit flipped for positives, all bits for negatives.
fn total_key(x: f32) -> u32 {
    let b = x.to_bits();
    if b >> 31 == 1 {
        !b
    } else {
        b | 0x8000_0000
    }
}

/// `a.min(b)` for values that are never NaN (coordinates inside the
/// layout, not written out): one comparison, without the NaN handling of
/// `f32::min`, on the hot paths.
fn min_f(a: f32, b: f32) -> f32 {
    if b < a {
        b
    } else {
        a
    }
}

/// `a.max(b)` for values that are never NaN (see [`min_f`]).
fn max_f(a: f32, b: f32) -> f32 {
    if b > a {
        b
    } else {
        a
    }
}

fn union(a: &mut BBox, b: &BBox) {
    a[0] = a[0].min(b[0]);
    a[1] = a[1].min(b[1]);
    a[2] = a[2].max(b[2]);
    a[3] = a[3].max(b[3]);
}
