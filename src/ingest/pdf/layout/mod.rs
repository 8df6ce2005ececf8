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
//! | [`words`] | glyphs → rows → words (per page and writing direction) |
//! | [`furniture`] | running headers, footers and page numbers (whole document) |
//! | [`order`] | columns and reading order: the recursive XY-cut → lines of word indices |
//! | [`lines`] | a line's words → its text and measures (right-to-left reordering) |
//! | [`blocks`] | lines → blocks (paragraph breaks), with what the whole document says about its line pitch |

mod blocks;
mod furniture;
mod lines;
mod order;
#[cfg(test)]
mod tests;
mod words;

use crate::ingest::pdf::PageGlyphs;
use crate::ingest::{BBox, RawLine, RawPage};
use crate::model::Furniture;

use blocks::{blocks, DocLines};
use furniture::find_furniture;
pub use furniture::is_page_number;
use lines::{is_rtl_word, line_info, LineInfo};
use order::order_lines;
use words::{page_words, PageWords};

/// Lays out all pages of a document (all at once, because running headers
/// and footers are found by comparing pages).
pub fn layout(pages: &[PageGlyphs]) -> (Vec<RawPage>, Vec<Furniture>) {
    let mut laid: Vec<PageWords> = pages.iter().map(page_words).collect();
    let furniture = find_furniture(&mut laid);
    // Lines of every layer of every page first: whether the document is
    // justified is decided over all of them.
    let infos: Vec<Vec<Vec<LineInfo>>> = laid
        .iter()
        .map(|p| {
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
        })
        .collect();
    let doc = DocLines::measure(infos.iter().flatten().flatten());
    let raw = laid
        .iter()
        .zip(infos)
        .map(|(p, layers)| RawPage {
            number: p.number,
            lines: layers.into_iter().fold(Vec::new(), |mut acc, lines| {
                let mut out = blocks(lines, &doc);
                if !acc.is_empty() && !out.is_empty() {
                    acc.push(RawLine::new(""));
                }
                acc.append(&mut out);
                acc
            }),
        })
        .collect();
    (raw, furniture)
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
