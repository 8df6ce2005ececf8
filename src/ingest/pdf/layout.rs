//! Placeholder (added by pdfcore so that the tree compiles): the `pdflayout`
//! helper owns this file and replaces it. Sorts glyphs into lines by
//! baseline and inserts spaces at gaps, nothing more.

use super::PageGlyphs;
use crate::ingest::{RawLine, RawPage};
use crate::model::Furniture;

pub fn layout(pages: &[PageGlyphs]) -> (Vec<RawPage>, Vec<Furniture>) {
    let mut out = Vec::new();
    for p in pages {
        let mut gs: Vec<_> = p.glyphs.iter().collect();
        gs.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x.total_cmp(&b.x)));
        let mut lines: Vec<RawLine> = Vec::new();
        let mut last: Option<(f32, f32)> = None;
        let mut text = String::new();
        for g in gs {
            match last {
                Some((y, _)) if (y - g.y).abs() > g.size.max(1.0) * 0.5 => {
                    lines.push(RawLine::new(std::mem::take(&mut text)));
                }
                Some((_, end)) if g.x - end > g.size * 0.15 && !text.ends_with(' ') => {
                    text.push(' ')
                }
                _ => {}
            }
            text.push_str(&g.text);
            last = Some((g.y, g.x + g.width));
        }
        if !text.is_empty() {
            lines.push(RawLine::new(text));
        }
        out.push(RawPage {
            number: p.number,
            lines,
        });
    }
    (out, Vec::new())
}
