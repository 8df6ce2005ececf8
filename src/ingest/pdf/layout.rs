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

use super::PageGlyphs;
use crate::ingest::{BBox, RawLine, RawPage};
use crate::model::{Furniture, FurnitureKind};

/// A word break wider than this fraction of the font size is a space.
const WORD_GAP: f32 = 0.15;
/// Rows: a glyph belongs to the row whose top baseline is within this
/// fraction of the size (covers superscripts raised by Trise).
const ROW_TOL: f32 = 0.4;
/// Furniture is looked for within this fraction of the page height from the
/// top and bottom edges.
const MARGIN_ZONE: f32 = 0.13;

/// Lays out all pages of a document (all at once, because running headers
/// and footers are found by comparing pages).
pub fn layout(pages: &[PageGlyphs]) -> (Vec<RawPage>, Vec<Furniture>) {
    let mut laid: Vec<PageWords> = pages.iter().map(page_words).collect();
    let furniture = find_furniture(&mut laid);
    let raw = laid
        .iter()
        .map(|p| RawPage {
            number: p.number,
            lines: p.layers.iter().fold(Vec::new(), |mut acc, layer| {
                let lines = order_lines(&layer.words);
                let mut out = blocks(&layer.words, &lines);
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

/// One word, in the layer's upright frame (x grows in reading direction of
/// the row, y upwards), with its box in page space for provenance.
#[derive(Debug, Clone)]
struct Word {
    text: String,
    /// Separator to put before this word when it follows another word of the
    /// same line (a space, or the no-break space that was drawn).
    sep: char,
    x0: f32,
    x1: f32,
    /// Baseline.
    y: f32,
    size: f32,
    font: u32,
    row: usize,
    bbox: BBox,
    /// Removed as page furniture.
    gone: bool,
    /// Some glyph carried several characters (an /ActualText replacement):
    /// its text is already in logical order, so bidi must not reverse it.
    logical: bool,
}

impl Word {
    fn top(&self) -> f32 {
        self.y + 0.8 * self.size
    }
    fn bottom(&self) -> f32 {
        self.y - 0.25 * self.size
    }
}

/// Words of one writing direction on one page.
struct Layer {
    words: Vec<Word>,
    /// Upright frame height (for the furniture zones); 0 when unknown.
    height: f32,
    /// Upright frame lower edge.
    base: f32,
    /// Only the upright horizontal layer is searched for furniture.
    horizontal: bool,
}

struct PageWords {
    number: u32,
    layers: Vec<Layer>,
}

/// A glyph in the upright frame of its layer.
struct G<'a> {
    text: &'a str,
    x: f32,
    y: f32,
    w: f32,
    size: f32,
    font: u32,
    space: bool,
    bbox: BBox,
}

/// Maps page coordinates into a frame where the glyph's baseline runs left
/// to right and lines go downwards as y decreases.
fn upright(dir: i16, x: f32, y: f32) -> (f32, f32) {
    match dir {
        90 => (y, -x),
        180 => (-x, -y),
        270 => (-y, x),
        // Vertical writing: columns top to bottom, right to left.
        -1 => (-y, x),
        _ => (x, y),
    }
}

fn glyph_bbox(g: &super::Glyph, w: f32) -> BBox {
    let s = g.size.abs();
    let (lo, hi) = (-0.25 * s, 0.8 * s);
    let (x, y) = (g.x, g.y);
    match g.dir {
        90 => [x - hi, y, x - lo, y + w],
        180 => [x - w, y - hi, x, y - lo],
        270 | -1 => [x + lo, y - w, x + hi, y],
        _ => [x, y + lo, x + w, y + hi],
    }
}

fn page_words(p: &PageGlyphs) -> PageWords {
    let mut dirs: Vec<(i16, usize)> = Vec::new();
    for g in &p.glyphs {
        match dirs.iter_mut().find(|(d, _)| *d == g.dir) {
            Some((_, n)) => *n += 1,
            None => dirs.push((g.dir, 1)),
        }
    }
    // The dominant direction first: it carries the body text.
    dirs.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let [px0, py0, px1, py1] = p.bbox;
    let layers = dirs
        .iter()
        .map(|&(dir, _)| {
            let gs: Vec<G> = p
                .glyphs
                .iter()
                // Empty text: glyphs covered by an /ActualText replacement
                // that the interpreter put on the first glyph of the span.
                .filter(|g| {
                    g.dir == dir
                        && !g.text.is_empty()
                        && g.size.is_finite()
                        && g.x.is_finite()
                        && g.y.is_finite()
                })
                .map(|g| {
                    let size = if g.size.abs() > 0.01 {
                        g.size.abs()
                    } else {
                        1.0
                    };
                    let w = if g.width.is_finite() && g.width > 0.0 {
                        g.width
                    } else {
                        0.5 * size
                    };
                    let (x, y) = upright(dir, g.x, g.y);
                    G {
                        text: &g.text,
                        x,
                        y,
                        w,
                        size,
                        font: g.font,
                        space: g.space || g.text.chars().all(char::is_whitespace),
                        bbox: glyph_bbox(g, w),
                    }
                })
                // Room for all the glyphs at once (collect would grow it
                // from nothing, copying it a dozen times on a full page).
                .fold(Vec::with_capacity(p.glyphs.len()), |mut v, g| {
                    v.push(g);
                    v
                });
            let mut gs = gs;
            fix_sizes(&mut gs);
            let (a, b) = (upright(dir, px0, py0), upright(dir, px1, py1));
            Layer {
                words: words_of(gs),
                height: (a.1 - b.1).abs(),
                base: a.1.min(b.1),
                horizontal: dir == 0,
            }
        })
        .collect();
    PageWords {
        number: p.number,
        layers,
    }
}

/// Some fonts report a size that is not the drawn one (a Type 3 font whose
/// FontMatrix scale was not folded into the size): all thresholds are
/// relative to the size, so a font whose median advance is below 0.2 × size
/// gets its size rescaled so that the median advance is 0.5 × size.
fn fix_sizes(gs: &mut [G]) {
    // (font, advance/size ratios), fonts in increasing order.
    let mut fonts: Vec<(u32, Vec<f32>)> = Vec::new();
    for g in gs.iter() {
        let i = match fonts.binary_search_by_key(&g.font, |f| f.0) {
            Ok(i) => i,
            Err(i) => {
                fonts.insert(i, (g.font, Vec::new()));
                i
            }
        };
        if !g.space && g.w > 0.0 {
            if let Some((_, ratios)) = fonts.get_mut(i) {
                ratios.push(g.w / g.size);
            }
        }
    }
    for (f, mut ratios) in fonts {
        if ratios.len() < 3 {
            continue;
        }
        let mid = ratios.len() / 2;
        let (_, &mut med, _) = ratios.select_nth_unstable_by(mid, f32::total_cmp);
        if med > 0.0 && med < 0.2 {
            let k = med / 0.5;
            for g in gs.iter_mut().filter(|g| g.font == f) {
                g.size *= k;
            }
        }
    }
}

/// Rows by baseline, then words by gaps.
fn words_of(mut gs: Vec<G>) -> Vec<Word> {
    gs.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x.total_cmp(&b.x)));
    let mut words = Vec::new();
    let mut start = 0;
    let mut row = 0;
    while start < gs.len() {
        let (top, tsize) = match gs.get(start) {
            Some(g) => (g.y, g.size),
            None => break,
        };
        let mut end = start + 1;
        while let Some(g) = gs.get(end) {
            if top - g.y > ROW_TOL * tsize.max(g.size) {
                break;
            }
            end += 1;
        }
        if let Some(slice) = gs.get_mut(start..end) {
            slice.sort_by(|a, b| a.x.total_cmp(&b.x));
            row_words(slice, row, &mut words);
        }
        row += 1;
        start = end;
    }
    words
}

/// How a word was ended.
#[derive(Clone, Copy, PartialEq)]
enum Break {
    /// A space glyph was drawn.
    Space(char),
    /// Only the geometry says so; the gap is kept to recognise letter-spacing.
    Gap(f32),
}

fn row_words(gs: &[G], row: usize, out: &mut Vec<Word>) {
    // Dominant size of the row: the baseline and the box use it.
    let mut cur: Option<Word> = None;
    let mut pending: Option<Break> = None;
    let mut last_end = f32::NEG_INFINITY;
    let mut kept: Vec<&G> = Vec::with_capacity(4);
    let mut row_out: Vec<(Word, Option<Break>)> = Vec::new();
    for g in gs {
        if g.space {
            let c = if g.text.contains('\u{a0}') {
                '\u{a0}'
            } else {
                ' '
            };
            if cur.is_some() {
                pending = Some(Break::Space(c));
            }
            last_end = last_end.max(g.x + g.w);
            continue;
        }
        // Fake bold: the same glyph drawn again a hair away.
        if kept.iter().any(|k| {
            k.text == g.text
                && (k.x - g.x).abs() < 0.15 * g.size
                && (k.y - g.y).abs() < 0.15 * g.size
        }) {
            continue;
        }
        if kept.len() == 4 {
            kept.remove(0);
        }
        kept.push(g);
        let gap = g.x - last_end;
        let brk = match pending.take() {
            Some(b) => Some(b),
            None if gap > WORD_GAP * g.size => Some(Break::Gap(gap)),
            None => None,
        };
        match (&mut cur, brk) {
            (Some(w), None) => {
                w.text.push_str(g.text);
                w.logical |= g.text.chars().nth(1).is_some();
                w.x1 = w.x1.max(g.x + g.w);
                if g.size > w.size {
                    w.size = g.size;
                    w.y = g.y;
                }
                union(&mut w.bbox, &g.bbox);
            }
            (c, b) => {
                if let Some(w) = c.take() {
                    row_out.push((w, b));
                }
                *c = Some(Word {
                    text: g.text.to_string(),
                    sep: ' ',
                    x0: g.x,
                    x1: g.x + g.w,
                    y: g.y,
                    size: g.size,
                    font: g.font,
                    row,
                    bbox: g.bbox,
                    gone: false,
                    logical: g.text.chars().nth(1).is_some(),
                });
            }
        }
        last_end = g.x + g.w;
    }
    if let Some(w) = cur {
        row_out.push((w, None));
    }
    // Each word records the break that *follows* it; move it to the next word.
    let mut prev_break: Option<Break> = None;
    let mut seq: Vec<(Word, Option<Break>)> = Vec::with_capacity(row_out.len());
    for (mut w, after) in row_out {
        if let Some(Break::Space(c)) = prev_break {
            w.sep = c;
        }
        seq.push((w, prev_break));
        prev_break = after;
    }
    merge_letter_spaced(seq, out);
}

/// "C O M M U N I Q U E": single letters separated by small, even,
/// geometric gaps (no space glyph) are one word.
fn merge_letter_spaced(seq: Vec<(Word, Option<Break>)>, out: &mut Vec<Word>) {
    let single = |w: &Word| {
        let mut cs = w.text.chars();
        matches!((cs.next(), cs.next()), (Some(c), None) if c.is_alphanumeric())
    };
    let mut i = 0;
    let n = seq.len();
    let mut items: Vec<Option<(Word, Option<Break>)>> = seq.into_iter().map(Some).collect();
    // Gap of the last merged run: a short word ("DE") with the same
    // letter-spacing in the same row is merged too.
    let mut spacing: Option<f32> = None;
    while i < n {
        // Find the run of singles joined by gap breaks, starting at i.
        let mut j = i + 1;
        let mut gaps: Vec<f32> = Vec::new();
        if items
            .get(i)
            .and_then(|x| x.as_ref())
            .is_some_and(|(w, _)| single(w))
        {
            while let Some(Some((w, Some(Break::Gap(g))))) = items.get(j) {
                if !single(w) || *g > 0.6 * w.size {
                    break;
                }
                gaps.push(*g);
                j += 1;
            }
        }
        let even = match (
            gaps.iter().cloned().reduce(f32::min),
            gaps.iter().cloned().reduce(f32::max),
        ) {
            (Some(lo), Some(hi)) => hi <= lo * 1.6 + 0.05,
            _ => false,
        };
        let like_before = match (spacing, gaps.first()) {
            (Some(s), Some(&g)) => j - i == 2 && g >= 0.6 * s && g <= 1.6 * s,
            _ => false,
        };
        if (j - i >= 3 && even) || like_before {
            if j - i >= 3 {
                spacing = gaps.get(gaps.len() / 2).copied();
            }
            let mut first = match items.get_mut(i).and_then(Option::take) {
                Some((w, _)) => w,
                None => break,
            };
            for k in i + 1..j {
                if let Some((w, _)) = items.get_mut(k).and_then(Option::take) {
                    first.text.push_str(&w.text);
                    first.x1 = w.x1;
                    union(&mut first.bbox, &w.bbox);
                }
            }
            out.push(first);
            i = j;
        } else {
            if let Some((w, _)) = items.get_mut(i).and_then(Option::take) {
                out.push(w);
            }
            i += 1;
        }
    }
}

fn union(a: &mut BBox, b: &BBox) {
    a[0] = a[0].min(b[0]);
    a[1] = a[1].min(b[1]);
    a[2] = a[2].max(b[2]);
    a[3] = a[3].max(b[3]);
}

// ---------------------------------------------------------------------------
// Page furniture

/// Text with digit runs folded, to compare running headers across pages.
fn furniture_key(s: &str) -> String {
    let mut k = String::with_capacity(s.len());
    let mut in_digits = false;
    for c in s.chars() {
        if c.is_ascii_digit() {
            if !in_digits {
                k.push('#');
            }
            in_digits = true;
            continue;
        }
        in_digits = false;
        if c.is_whitespace() {
            if !k.ends_with(' ') {
                k.push(' ');
            }
        } else {
            k.extend(c.to_lowercase());
        }
    }
    k.trim().to_string()
}

/// "1", "- 2 -", "page 3", "3 / 5", "Page 2 sur 3", "p. 4", "4 of 9".
pub fn is_page_number(s: &str) -> bool {
    let t = s.trim().to_lowercase();
    let t = t.trim_matches(|c: char| c == '-' || c == '–' || c == '—' || c.is_whitespace());
    let t = t
        .strip_prefix("page")
        .or_else(|| t.strip_prefix("p."))
        .or_else(|| t.strip_prefix("pg"))
        .unwrap_or(t)
        .trim();
    let (a, rest) = split_number(t);
    if a.is_empty() || a.len() > 3 {
        return false;
    }
    let rest = rest.trim();
    if rest.is_empty() {
        return true;
    }
    let rest = rest
        .strip_prefix('/')
        .or_else(|| rest.strip_prefix("sur"))
        .or_else(|| rest.strip_prefix("of"))
        .or_else(|| rest.strip_prefix("de"))
        .map(str::trim);
    match rest {
        Some(r) => {
            let (b, tail) = split_number(r);
            !b.is_empty() && b.len() <= 3 && tail.trim().is_empty()
        }
        None => false,
    }
}

fn split_number(s: &str) -> (&str, &str) {
    let end = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    s.split_at(end)
}

/// A candidate piece of page furniture: consecutive words of one row, cut at
/// wide gaps (a header often has a left, a centre and a right part).
struct Frag {
    page: usize,
    layer: usize,
    words: Vec<usize>,
    text: String,
    key: String,
    top: bool,
}

fn find_furniture(pages: &mut [PageWords]) -> Vec<Furniture> {
    let mut frags: Vec<Frag> = Vec::new();
    for (pi, p) in pages.iter().enumerate() {
        for (li, layer) in p.layers.iter().enumerate() {
            if !layer.horizontal || layer.height <= 0.0 {
                continue;
            }
            collect_edge_frags(pi, li, layer, &mut frags);
        }
    }
    let text_pages = pages
        .iter()
        .filter(|p| p.layers.iter().any(|l| !l.words.is_empty()))
        .count();
    let mut found = Vec::new();
    for (fi, f) in frags.iter().enumerate() {
        let numeric = is_page_number(&f.text);
        // Repeated: the same text up to digits at the same edge of other pages.
        let mut on_pages: Vec<usize> = frags
            .iter()
            .filter(|o| o.top == f.top && o.key == f.key)
            .map(|o| o.page)
            .collect();
        on_pages.dedup();
        // Half the pages at least: the first page often differs.
        let repeated = on_pages.len() >= 2 && on_pages.len() * 2 >= text_pages;
        if numeric || repeated {
            let kind = if numeric {
                FurnitureKind::PageNumber
            } else if f.top {
                FurnitureKind::Header
            } else {
                FurnitureKind::Footer
            };
            found.push((fi, kind));
        }
    }
    let mut out = Vec::with_capacity(found.len());
    for (fi, kind) in found {
        let Some(f) = frags.get(fi) else { continue };
        let Some(layer) = pages
            .get_mut(f.page)
            .and_then(|p| p.layers.get_mut(f.layer))
        else {
            continue;
        };
        let mut bbox: Option<BBox> = None;
        for &wi in &f.words {
            if let Some(w) = layer.words.get_mut(wi) {
                w.gone = true;
                match &mut bbox {
                    Some(b) => union(b, &w.bbox),
                    None => bbox = Some(w.bbox),
                }
            }
        }
        out.push(Furniture {
            page: pages.get(f.page).map_or(0, |p| p.number),
            kind,
            text: f.text.clone(),
            bbox: bbox.unwrap_or_default(),
        });
    }
    out.sort_by(|a, b| a.page.cmp(&b.page).then(b.bbox[1].total_cmp(&a.bbox[1])));
    out
}

/// The fragments of the first and last rows of a layer that lie in the top
/// or bottom margin zone.
fn collect_edge_frags(pi: usize, li: usize, layer: &Layer, out: &mut Vec<Frag>) {
    let words = &layer.words;
    let Some(last_row) = words.last().map(|w| w.row) else {
        return;
    };
    let top_edge = layer.base + layer.height;
    for (wi, w) in words.iter().enumerate() {
        // Words are stored row by row, rows from the top; start a fragment at
        // the first word of each row or after a wide gap.
        let starts = match wi.checked_sub(1).and_then(|i| words.get(i)) {
            Some(p) => p.row != w.row || w.x0 - p.x1 > 2.0 * w.size.max(p.size),
            None => true,
        };
        let rank_top = w.row;
        let rank_bottom = last_row - w.row;
        let in_top = rank_top < 3 && top_edge - w.y < MARGIN_ZONE * layer.height;
        let in_bottom = rank_bottom < 3 && w.y - layer.base < MARGIN_ZONE * layer.height;
        if !(in_top || in_bottom) {
            continue;
        }
        let extend = !starts
            && out.last().is_some_and(|f| {
                f.page == pi && f.layer == li && f.words.last() == Some(&(wi - 1))
            });
        match out.last_mut() {
            Some(f) if extend => {
                f.words.push(wi);
                f.text.push(w.sep);
                f.text.push_str(&w.text);
            }
            _ => out.push(Frag {
                page: pi,
                layer: li,
                words: vec![wi],
                text: w.text.clone(),
                key: String::new(),
                top: in_top,
            }),
        }
    }
    for f in out.iter_mut().filter(|f| f.page == pi && f.layer == li) {
        f.key = furniture_key(&f.text);
    }
}

// ---------------------------------------------------------------------------
// Reading order: recursive XY-cut on the words, columns first.

/// Orders the live words into lines: each line is a list of word indices
/// from one row of one region, left to right.
fn order_lines(words: &[Word]) -> Vec<Vec<usize>> {
    let live: Vec<usize> = (0..words.len())
        .filter(|&i| words.get(i).is_some_and(|w| !w.gone))
        .collect();
    let mut lines = Vec::new();
    xy_cut(words, live, &mut lines, 0);
    lines
}

fn median_size(words: &[Word], idx: &[usize]) -> f32 {
    let mut s: Vec<f32> = idx
        .iter()
        .filter_map(|&i| words.get(i))
        .map(|w| w.size)
        .collect();
    let mid = s.len() / 2;
    if mid >= s.len() {
        return 10.0;
    }
    // The element a sort would put in the middle (a total order).
    *s.select_nth_unstable_by(mid, f32::total_cmp).1
}

fn distinct_rows(words: &[Word], idx: &[usize]) -> usize {
    let mut rows: Vec<usize> = idx
        .iter()
        .filter_map(|&i| words.get(i))
        .map(|w| w.row)
        .collect();
    rows.sort_unstable();
    rows.dedup();
    rows.len()
}

fn xy_cut(words: &[Word], idx: Vec<usize>, out: &mut Vec<Vec<usize>>, depth: u32) {
    if idx.is_empty() {
        return;
    }
    let size = median_size(words, &idx);
    if depth < 64 {
        if let Some((left, right)) = x_cut(words, &idx, size) {
            xy_cut(words, left, out, depth + 1);
            xy_cut(words, right, out, depth + 1);
            return;
        }
        if let Some(bands) = y_cut(words, &idx, size) {
            for b in bands {
                xy_cut(words, b, out, depth + 1);
            }
            return;
        }
    }
    // A leaf: rows that overlap vertically (or a single row).
    let mut idx = idx;
    idx.sort_by(|&a, &b| {
        let (wa, wb) = (words.get(a), words.get(b));
        let ra = wa.map_or(0, |w| w.row);
        let rb = wb.map_or(0, |w| w.row);
        ra.cmp(&rb).then(
            wa.map_or(0.0, |w| w.x0)
                .total_cmp(&wb.map_or(0.0, |w| w.x0)),
        )
    });
    let mut cur: Vec<usize> = Vec::new();
    let mut cur_row = usize::MAX;
    for i in idx {
        let r = words.get(i).map_or(0, |w| w.row);
        if r != cur_row && !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        cur_row = r;
        cur.push(i);
    }
    if !cur.is_empty() {
        out.push(cur);
    }
}

/// A vertical river of whitespace through the whole region with real text
/// columns on both sides.
fn x_cut(words: &[Word], idx: &[usize], size: f32) -> Option<(Vec<usize>, Vec<usize>)> {
    let mut spans: Vec<(f32, f32)> = idx
        .iter()
        .filter_map(|&i| words.get(i))
        .map(|w| (w.x0, w.x1))
        .collect();
    spans.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut best: Option<(f32, f32)> = None; // (gap width, cut x)
    let mut reach = f32::NEG_INFINITY;
    let lo = spans.first().map_or(0.0, |s| s.0);
    let hi = spans.iter().map(|s| s.1).fold(f32::NEG_INFINITY, f32::max);
    for &(a, b) in &spans {
        if reach > f32::NEG_INFINITY && a - reach >= 0.8 * size {
            let cut = (a + reach) / 2.0;
            // Both sides must be real columns, not a list-marker gutter.
            if cut - lo >= 4.0 * size && hi - cut >= 4.0 * size {
                let gap = a - reach;
                if best.is_none_or(|(g, _)| gap > g) {
                    best = Some((gap, cut));
                }
            }
        }
        reach = reach.max(b);
    }
    let (gap, cut) = best?;
    let (left, right): (Vec<usize>, Vec<usize>) = idx
        .iter()
        .partition(|&&i| words.get(i).is_some_and(|w| w.x1 <= cut));
    let (nl, nr) = (distinct_rows(words, &left), distinct_rows(words, &right));
    let need = if gap >= 2.0 * size { 2 } else { 4 };
    // A gutter is narrow next to the columns it separates; a wide gap
    // beside short phrases is a table (read row by row) instead.
    let width = |side: &[usize]| {
        let (a, b) = side
            .iter()
            .filter_map(|&i| words.get(i))
            .fold((f32::INFINITY, f32::NEG_INFINITY), |(a, b), w| {
                (a.min(w.x0), b.max(w.x1))
            });
        b - a
    };
    let narrow = gap <= 0.5 * width(&left).min(width(&right));
    if narrow && nl >= need && nr >= need {
        Some((left, right))
    } else {
        None
    }
}

/// Horizontal cuts at the widest empty bands of the region.
fn y_cut(words: &[Word], idx: &[usize], size: f32) -> Option<Vec<Vec<usize>>> {
    let mut order: Vec<usize> = idx.to_vec();
    order.sort_by(|&a, &b| {
        let ta = words.get(a).map_or(0.0, Word::top);
        let tb = words.get(b).map_or(0.0, Word::top);
        tb.total_cmp(&ta)
    });
    // Gaps between the running lowest bottom and the next top.
    let mut gaps: Vec<(usize, f32)> = Vec::new(); // (position in order, width)
    let mut low = f32::INFINITY;
    for (k, &i) in order.iter().enumerate() {
        let Some(w) = words.get(i) else { continue };
        if k > 0 && w.top() < low {
            gaps.push((k, low - w.top()));
        }
        low = low.min(w.bottom());
    }
    let widest = gaps.iter().map(|g| g.1).fold(0.0f32, f32::max);
    if gaps.is_empty() {
        return None;
    }
    let tol = 0.1 * size;
    let mut bands = Vec::new();
    let mut start = 0;
    for &(k, g) in &gaps {
        if g >= widest - tol {
            if let Some(b) = order.get(start..k) {
                bands.push(b.to_vec());
            }
            start = k;
        }
    }
    if let Some(b) = order.get(start..) {
        bands.push(b.to_vec());
    }
    (bands.len() > 1).then_some(bands)
}

// ---------------------------------------------------------------------------
// Blocks and output lines.

struct LineInfo {
    text: String,
    bbox: BBox,
    x0: f32,
    x1: f32,
    y: f32,
    size: f32,
    /// The font of every word when they share one.
    font: Option<u32>,
}

fn blocks(words: &[Word], lines: &[Vec<usize>]) -> Vec<RawLine> {
    let infos: Vec<LineInfo> = lines.iter().filter_map(|l| line_info(words, l)).collect();
    // Typical line pitch: the most common baseline step between consecutive
    // lines of the same size, in units of the size.
    let mut steps: Vec<f32> = infos
        .windows(2)
        .filter_map(|w| match w {
            [a, b] if (a.size - b.size).abs() < 0.1 * a.size && a.y > b.y => {
                Some((a.y - b.y) / a.size)
            }
            _ => None,
        })
        .filter(|s| *s > 0.8 && *s < 3.0)
        .collect();
    steps.sort_by(f32::total_cmp);
    let pitch = steps.get(steps.len() / 3).copied().unwrap_or(1.2).max(1.0);
    let mut out = Vec::with_capacity(infos.len() * 2);
    let mut prev: Option<&LineInfo> = None;
    for l in &infos {
        if let Some(p) = prev {
            if new_block(p, l, pitch) {
                out.push(RawLine::new(""));
            }
        }
        out.push(RawLine {
            text: l.text.clone(),
            bbox: Some(l.bbox),
        });
        prev = Some(l);
    }
    out
}

fn new_block(p: &LineInfo, l: &LineInfo, pitch: f32) -> bool {
    let size = p.size.max(l.size);
    let step = p.y - l.y;
    if step.abs() < 0.3 * size {
        // Two pieces of one row (an x-cut through a short region).
        return false;
    }
    if step < 0.0 {
        // Going up: a new column.
        return true;
    }
    if l.x0 > p.x1 || l.x1 < p.x0 {
        return true;
    }
    if (p.size - l.size).abs() > 0.12 * size {
        return true;
    }
    if step > (pitch + 0.35) * p.size.min(l.size).max(0.5 * size) {
        return true;
    }
    matches!((p.font, l.font), (Some(a), Some(b)) if a != b)
}

fn line_info(words: &[Word], l: &[usize]) -> Option<LineInfo> {
    let mut ws: Vec<&Word> = l.iter().filter_map(|&i| words.get(i)).collect();
    let first = *ws.first()?;
    let mut bbox = first.bbox;
    let (mut x0, mut x1) = (first.x0, first.x1);
    let (mut y, mut size) = (first.y, first.size);
    let mut font = Some(first.font);
    for w in &ws {
        union(&mut bbox, &w.bbox);
        x0 = x0.min(w.x0);
        x1 = x1.max(w.x1);
        if w.size > size {
            size = w.size;
            y = w.y;
        }
        if font != Some(w.font) {
            font = None;
        }
    }
    bidi_reorder(&mut ws);
    let mut text = String::new();
    for (k, w) in ws.iter().enumerate() {
        if k > 0 {
            text.push(w.sep);
        }
        if is_rtl_word(&w.text) && !w.logical {
            text.extend(w.text.chars().rev());
        } else {
            text.push_str(&w.text);
        }
    }
    Some(LineInfo {
        text,
        bbox,
        x0,
        x1,
        y,
        size,
        font,
    })
}

fn is_rtl_char(c: char) -> bool {
    matches!(c as u32,
        0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF | 0x10800..=0x10FFF | 0x1E800..=0x1EFFF)
}

fn is_rtl_word(s: &str) -> bool {
    s.chars().any(is_rtl_char)
}

/// The glyphs of right-to-left scripts are drawn in visual order: runs of
/// RTL words (with the neutral words between them) are read right to left.
fn bidi_reorder(ws: &mut [&Word]) {
    let n = ws.len();
    let mut i = 0;
    while i < n {
        if !ws
            .get(i)
            .is_some_and(|w| is_rtl_word(&w.text) && !w.logical)
        {
            i += 1;
            continue;
        }
        // Extend over RTL words and neutral words followed by more RTL.
        let mut j = i + 1;
        let mut end = i + 1;
        while let Some(w) = ws.get(j) {
            if is_rtl_word(&w.text) && !w.logical {
                end = j + 1;
            } else if w.logical || w.text.chars().any(char::is_alphanumeric) {
                break;
            }
            j += 1;
        }
        if let Some(run) = ws.get_mut(i..end) {
            run.reverse();
        }
        i = end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::pdf::Glyph;

    /// Glyphs of `s` at 0.5 em advance from x, with `gap` extra between
    /// letters; spaces are drawn as space glyphs.
    fn run(s: &str, x: f32, y: f32, size: f32, gap: f32) -> Vec<Glyph> {
        let mut out = Vec::new();
        let mut cx = x;
        for c in s.chars() {
            let w = 0.5 * size;
            out.push(Glyph {
                text: c.to_string().into(),
                x: cx,
                y,
                width: w,
                size,
                font: 0,
                dir: 0,
                space: c == ' ',
            });
            cx += w + gap;
        }
        out
    }

    fn page(number: u32, glyphs: Vec<Glyph>) -> PageGlyphs {
        PageGlyphs {
            number,
            bbox: [0.0, 0.0, 595.0, 842.0],
            glyphs,
        }
    }

    fn texts(p: &RawPage) -> Vec<&str> {
        p.lines.iter().map(|l| l.text.as_str()).collect()
    }

    #[test]
    fn gaps_without_space_glyphs_become_spaces() {
        let mut g = run("Bonjour", 100.0, 500.0, 10.0, 0.0);
        g.extend(run("monde", 100.0 + 35.0 + 3.0, 500.0, 10.0, 0.0));
        let (pages, _) = layout(&[page(1, g)]);
        assert_eq!(texts(&pages[0]), ["Bonjour monde"]);
    }

    #[test]
    fn letter_spaced_label_is_one_word() {
        let mut g = run("COMMUNIQUE", 100.0, 700.0, 10.0, 2.5);
        let end = g.last().map_or(0.0, |g| g.x + g.width);
        g.extend(run(" DE", end + 2.5, 700.0, 10.0, 2.5));
        let (pages, _) = layout(&[page(1, g)]);
        assert_eq!(texts(&pages[0]), ["COMMUNIQUE DE"]);
    }

    #[test]
    fn fake_bold_duplicates_are_dropped() {
        let mut g = run("Titre", 100.0, 700.0, 12.0, 0.0);
        g.extend(run("Titre", 100.3, 700.0, 12.0, 0.0));
        let (pages, _) = layout(&[page(1, g)]);
        assert_eq!(texts(&pages[0]), ["Titre"]);
    }

    #[test]
    fn superscript_stays_on_its_line() {
        let mut g = run("le 1", 100.0, 500.0, 10.0, 0.0);
        g.extend(run("er", 120.0, 503.5, 6.0, 0.0));
        g.extend(run(" mars", 126.0, 500.0, 10.0, 0.0));
        let (pages, _) = layout(&[page(1, g)]);
        assert_eq!(texts(&pages[0]), ["le 1er mars"]);
    }

    #[test]
    fn paragraphs_are_separated_by_an_empty_line_and_keep_hyphens() {
        let mut g = Vec::new();
        g.extend(run("Une ligne qui se coupe au mi-", 72.0, 700.0, 10.0, 0.0));
        g.extend(run("lieu du mot.", 72.0, 688.0, 10.0, 0.0));
        g.extend(run("Autre paragraphe.", 72.0, 664.0, 10.0, 0.0));
        let (pages, _) = layout(&[page(1, g)]);
        assert_eq!(
            texts(&pages[0]),
            [
                "Une ligne qui se coupe au mi-",
                "lieu du mot.",
                "",
                "Autre paragraphe."
            ]
        );
        assert!(pages[0].lines[0].bbox.is_some());
    }

    #[test]
    fn two_columns_are_read_column_by_column() {
        let mut g = Vec::new();
        for k in 0..6 {
            let y = 700.0 - 12.0 * k as f32;
            // 36 characters (180 pt) per column line, a 20 pt gutter.
            g.extend(run(
                &format!("gauche ligne {k} du texte en colonne"),
                72.0,
                y,
                10.0,
                0.0,
            ));
            g.extend(run(
                &format!("droite ligne {k} du texte en colonne"),
                272.0,
                y,
                10.0,
                0.0,
            ));
        }
        let (pages, _) = layout(&[page(1, g)]);
        let t = texts(&pages[0]);
        let pos = |s: &str| t.iter().position(|l| l.starts_with(s));
        assert!(pos("gauche ligne 5").is_some(), "{t:?}");
        assert!(pos("gauche ligne 5") < pos("droite ligne 0"), "{t:?}");
        assert_eq!(t.len(), 13, "{t:?}");
    }

    #[test]
    fn indented_list_items_stay_in_one_column() {
        let mut g = Vec::new();
        for k in 0..5 {
            let y = 700.0 - 14.0 * k as f32;
            g.extend(run("→", 80.0, y, 10.0, 0.0));
            g.extend(run(
                &format!("action numéro {k} du groupe"),
                100.0,
                y,
                10.0,
                0.0,
            ));
        }
        let (pages, _) = layout(&[page(1, g)]);
        let t = texts(&pages[0]);
        assert_eq!(
            t.first().copied(),
            Some("→ action numéro 0 du groupe"),
            "{t:?}"
        );
    }

    #[test]
    fn running_footer_and_page_numbers_become_furniture() {
        let pages: Vec<PageGlyphs> = (1..=3)
            .map(|n| {
                let mut g = run("Corps du texte de la page.", 72.0, 700.0, 10.0, 0.0);
                g.extend(run(
                    &format!("CTSM de la Meuse – page {n} sur 3"),
                    72.0,
                    40.0,
                    9.0,
                    0.0,
                ));
                g.extend(run(&format!("{n}"), 500.0, 800.0, 9.0, 0.0));
                page(n, g)
            })
            .collect();
        let (raw, furn) = layout(&pages);
        for p in &raw {
            assert_eq!(texts(p), ["Corps du texte de la page."]);
        }
        assert_eq!(furn.len(), 6);
        assert!(furn.iter().any(|f| f.kind == FurnitureKind::Footer
            && f.page == 2
            && f.text == "CTSM de la Meuse – page 2 sur 3"));
        assert!(furn
            .iter()
            .any(|f| f.kind == FurnitureKind::PageNumber && f.page == 3 && f.text == "3"));
    }

    #[test]
    fn single_page_keeps_its_last_line_unless_it_is_a_number() {
        let mut g = run("Texte.", 72.0, 700.0, 10.0, 0.0);
        g.extend(run("Fin du communiqué", 72.0, 50.0, 10.0, 0.0));
        let (raw, furn) = layout(&[page(1, g)]);
        assert_eq!(texts(&raw[0]), ["Texte.", "", "Fin du communiqué"]);
        assert!(furn.is_empty());
    }

    #[test]
    fn page_number_forms() {
        for s in [
            "1",
            "page 3",
            "3 / 5",
            "Page 2 sur 3",
            "- 2 -",
            "4/5",
            "p. 7",
        ] {
            assert!(is_page_number(s), "{s}");
        }
        for s in ["2023", "12345", "Page de garde", "1 2 3 Enfant", ""] {
            assert!(!is_page_number(s), "{s}");
        }
    }

    #[test]
    fn arabic_visual_order_becomes_logical() {
        // "سلام عليكم" drawn in visual order: the last word leftmost, each
        // word's letters reversed.
        let mut g = run("مكيلع", 100.0, 500.0, 10.0, 0.0);
        g.extend(run("مالس", 130.0, 500.0, 10.0, 0.0));
        let (raw, _) = layout(&[page(1, g)]);
        assert_eq!(texts(&raw[0]), ["سلام عليكم"]);
    }

    #[test]
    fn rotated_glyphs_are_laid_out_in_their_own_frame() {
        let g: Vec<Glyph> = run("Vertical", 0.0, 0.0, 10.0, 0.0)
            .into_iter()
            .map(|mut g| {
                // Baseline going up the page at x = 50.
                g.y = 100.0 + g.x;
                g.x = 50.0;
                g.dir = 90;
                g
            })
            .collect();
        let (raw, _) = layout(&[page(1, g)]);
        assert_eq!(texts(&raw[0]), ["Vertical"]);
    }

    #[test]
    fn wide_gap_between_short_phrases_is_a_table_not_columns() {
        let mut g = Vec::new();
        for k in 0..4 {
            let y = 700.0 - 100.0 * k as f32;
            g.extend(run("Hello", 100.0, y, 24.0, 0.0));
            g.extend(run("World", 260.0, y, 24.0, 0.0));
        }
        let (raw, _) = layout(&[page(1, g)]);
        let t: Vec<&str> = texts(&raw[0])
            .into_iter()
            .filter(|l| !l.is_empty())
            .collect();
        assert_eq!(t, ["Hello World"; 4]);
    }

    /// poppler writes Arabic words reversed (visual order); ptsm must give
    /// logical order: the first word of the file read right to left.
    #[test]
    fn arabic_file_reads_in_logical_order() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/pdf-corpus/real/sf-habibi-arabic.pdf"
        );
        let Ok(bytes) = std::fs::read(path) else {
            println!("skipped: {path} is absent");
            return;
        };
        let doc = match crate::ingest::read(path, &bytes, &crate::IngestOptions::default()) {
            Ok(d) => d,
            Err(e) => panic!("{path}: {e}"),
        };
        let text: String = doc
            .pages
            .iter()
            .flat_map(|p| &p.lines)
            .map(|l| l.text.as_str())
            .collect::<Vec<_>>()
            .join("\n");
        // "حَبيبي" (habibi) in logical order; poppler gives "يبيبَح".
        assert!(text.contains("ح\u{64e}بيبي"), "{text}");
        assert!(!text.contains("يبيبَح"), "{text}");
    }

    #[test]
    fn oversized_font_sizes_are_rescaled_from_advances() {
        // Advances of 5 pt but a reported size of 60 (a Type 3 font):
        // two lines 10 pt apart must stay two lines.
        let big = |mut g: Glyph| {
            g.size = 60.0;
            g
        };
        let mut g: Vec<Glyph> = run("Booked and", 36.0, 582.0, 10.0, 0.0)
            .into_iter()
            .map(big)
            .collect();
        g.extend(run("interest", 36.0, 572.0, 10.0, 0.0).into_iter().map(big));
        let (raw, _) = layout(&[page(1, g)]);
        assert_eq!(texts(&raw[0]), ["Booked and", "interest"]);
    }

    #[test]
    fn garbage_coordinates_do_not_panic() {
        let mut g = run("abc", f32::NAN, 10.0, 0.0, 0.0);
        g.extend(run("def", 10.0, f32::INFINITY, -3.0, 0.0));
        g.extend(run("ghi", 1e30, -1e30, 1e30, 0.0));
        let _ = layout(&[page(1, g), page(2, Vec::new())]);
    }
}
