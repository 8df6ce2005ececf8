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

use std::collections::HashMap;
use std::hash::{BuildHasher, BuildHasherDefault};

use super::{FxHasher, PageGlyphs};
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

/// What the whole document says about its lines, for the paragraph tests
/// of every page.
struct DocLines {
    /// Baseline steps of the lines that evidently wrap (the next line goes
    /// on in lowercase), as (size, step in ems), sorted by step: the true
    /// line pitch of each size, even on a page that has no wrapped line.
    wraps: Vec<(f32, f32)>,
    /// How much more than the pitch a wrapped line can be set below the
    /// previous one, in ems (the spread of `wraps`): zero in LaTeX or a
    /// word processor; up to ~0.08 em in a browser, which makes a line
    /// taller when a fallback font ("œ", "…", "'") sits in it. At most 0.2.
    slack: f32,
    /// The body size, when the text is justified (see [`justified_size`]).
    justified: Option<f32>,
}

impl DocLines {
    fn measure<'a>(lines: impl Iterator<Item = &'a LineInfo> + Clone) -> DocLines {
        let mut wraps: Vec<(f32, f32)> = Vec::new();
        let mut prev: Option<&LineInfo> = None;
        for l in lines.clone() {
            if let Some(p) = prev {
                let step = (p.y - l.y) / p.size;
                if l.lower_start
                    && (p.size - l.size).abs() < 0.1 * p.size
                    && step > 0.8
                    && step < 3.0
                {
                    wraps.push((p.size, step));
                }
            }
            prev = Some(l);
        }
        wraps.sort_by(|a, b| a.1.total_cmp(&b.1));
        let steps: Vec<f32> = wraps.iter().map(|w| w.1).collect();
        let slack = match (wrap_pitch(&steps), steps.last()) {
            (Some(wrap), Some(max)) => (max - wrap).clamp(0.0, 0.2),
            _ => 0.0,
        };
        DocLines {
            wraps,
            slack,
            justified: justified_size(lines),
        }
    }

    /// The wrap pitch of lines of this size, from the evident wraps.
    fn pitch_of(&self, size: f32) -> Option<f32> {
        let same: Vec<f32> = self
            .wraps
            .iter()
            .filter(|(z, _)| (z - size).abs() < 0.1 * size)
            .map(|s| s.1)
            .collect();
        wrap_pitch(&same)
    }
}

/// The body size of a justified text, if the text is justified: the lines
/// that evidently wrap (the next line of the column goes on in lowercase)
/// nearly all reach their column's right edge. In justified text a body
/// line that stops short ends a paragraph; headings are set ragged, so the
/// rule is kept to the body size.
fn justified_size<'a>(lines: impl Iterator<Item = &'a LineInfo>) -> Option<f32> {
    let mut wraps: Vec<(f32, bool)> = Vec::new();
    let mut prev: Option<&LineInfo> = None;
    for l in lines {
        if let Some(p) = prev {
            let step = p.y - l.y;
            if l.lower_start && !p.rtl && step > 0.5 * p.size && step < 2.0 * p.size {
                wraps.push((p.size, p.x1 >= p.col_right - 1.0));
            }
        }
        prev = Some(l);
    }
    let mut sizes: Vec<f32> = wraps.iter().map(|w| w.0).collect();
    sizes.sort_by(f32::total_cmp);
    let body = *sizes.get(sizes.len() / 2)?;
    let (n, flush) = wraps
        .iter()
        .filter(|w| (w.0 - body).abs() < 0.05 * body)
        .fold((0usize, 0usize), |(n, f), w| (n + 1, f + usize::from(w.1)));
    (n >= 5 && flush * 10 >= n * 9).then_some(body)
}

/// One word, in the layer's upright frame (x grows in reading direction of
/// the row, y upwards), with its box in page space for provenance.
#[derive(Debug, Clone)]
struct Word {
    /// The word's text is `text[start..end]` of its layer's text buffer:
    /// one buffer per layer rather than a `String` per word. The words of
    /// a row are written one after the other, so that joining a word to
    /// the previous one only moves its end.
    start: u32,
    end: u32,
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
    /// Smallest gap between two glyphs of the word (infinite for one glyph):
    /// a letter-spaced word keeps a positive gap even where a kerning pair
    /// brought two letters under the word-gap threshold ("PRE SS E").
    min_gap: f32,
}

impl Word {
    fn text<'a>(&self, buf: &'a str) -> &'a str {
        buf.get(self.start as usize..self.end as usize)
            .unwrap_or_default()
    }
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
    /// The text of the words (see [`Word::text`]).
    text: String,
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
#[derive(Clone, Copy)]
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

/// The box of glyph `g` of direction `dir`, in page space.
fn glyph_bbox(dir: i16, g: &super::Glyph, w: f32) -> BBox {
    let s = g.size.abs();
    let (lo, hi) = (-0.25 * s, 0.8 * s);
    let (x, y) = (g.x, g.y);
    match dir {
        90 => [x - hi, y, x - lo, y + w],
        180 => [x - w, y - hi, x, y - lo],
        270 | -1 => [x + lo, y - w, x + hi, y],
        _ => [x, y + lo, x + w, y + hi],
    }
}

fn page_words(p: &PageGlyphs) -> PageWords {
    let mut dirs: Vec<(i16, usize)> = Vec::new();
    // Glyphs come in long runs of one direction (nearly every page has
    // only one): a run is counted on its own, then added to its
    // direction's count.
    let add = |dirs: &mut Vec<(i16, usize)>, (dir, n): (i16, usize)| match dirs
        .iter_mut()
        .find(|(d, _)| *d == dir)
    {
        Some((_, m)) => *m += n,
        None => dirs.push((dir, n)),
    };
    let mut run: Option<(i16, usize)> = None;
    for g in &p.glyphs {
        match &mut run {
            Some((d, n)) if *d == g.dir => *n += 1,
            _ => {
                if let Some(r) = run {
                    add(&mut dirs, r);
                }
                run = Some((g.dir, 1));
            }
        }
    }
    if let Some(r) = run {
        add(&mut dirs, r);
    }
    // The dominant direction first: it carries the body text.
    dirs.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let [px0, py0, px1, py1] = p.bbox;
    let layers = dirs
        .iter()
        .map(|&(dir, _)| {
            // Room for all the glyphs at once (collect would grow it from
            // nothing, copying it a dozen times on a full page).
            let mut gs: Vec<G> = Vec::with_capacity(p.glyphs.len());
            // One loop per direction, so that no glyph goes through the
            // dispatch on the direction (other values are left as drawn,
            // as `upright` does).
            match dir {
                90 => upright_glyphs::<90>(&p.glyphs, dir, &mut gs),
                180 => upright_glyphs::<180>(&p.glyphs, dir, &mut gs),
                270 => upright_glyphs::<270>(&p.glyphs, dir, &mut gs),
                -1 => upright_glyphs::<-1>(&p.glyphs, dir, &mut gs),
                _ => upright_glyphs::<0>(&p.glyphs, dir, &mut gs),
            }
            fix_sizes(&mut gs);
            let (a, b) = (upright(dir, px0, py0), upright(dir, px1, py1));
            let (words, text) = words_of(gs);
            Layer {
                words,
                text,
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

/// Appends the glyphs of direction `dir` to `gs`, in the upright frame of
/// direction `D` (`dir` itself, or 0 for a value `upright` leaves as is).
fn upright_glyphs<'a, const D: i16>(glyphs: &'a [super::Glyph], dir: i16, gs: &mut Vec<G<'a>>) {
    for g in glyphs {
        // Empty text: glyphs covered by an /ActualText replacement
        // that the interpreter put on the first glyph of the span.
        if g.dir != dir
            || g.text.is_empty()
            || !(g.size.is_finite() && g.x.is_finite() && g.y.is_finite())
        {
            continue;
        }
        // (Read once: an inline glyph text is checked as UTF-8 at
        // each read.)
        let text: &str = &g.text;
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
        let (x, y) = upright(D, g.x, g.y);
        gs.push(G {
            text,
            x,
            y,
            w,
            size,
            font: g.font,
            space: g.space || is_blank(text),
            bbox: glyph_bbox(D, g, w),
        });
    }
}

/// `t.chars().all(char::is_whitespace)`, with the one-byte texts of most
/// glyphs told without decoding them (the ASCII white space of
/// `char::is_whitespace` is tab to carriage return, and the space).
#[inline]
fn is_blank(t: &str) -> bool {
    match t.as_bytes() {
        &[b] => matches!(b, b'\t'..=b'\r' | b' '),
        _ => t.chars().all(char::is_whitespace),
    }
}

/// Some fonts report a size that is not the drawn one (a Type 3 font whose
/// FontMatrix scale was not folded into the size): all thresholds are
/// relative to the size, so a font whose median advance is below 0.2 × size
/// gets its size rescaled so that the median advance is 0.5 × size.
fn fix_sizes(gs: &mut [G]) {
    // (font, glyphs with an advance, of which narrow: advance/size below
    // 0.2), fonts in increasing order. The median ratio is below 0.2 only
    // when more than half of them are narrow: only such a font (rare) has
    // its ratios gathered and its median found.
    let mut fonts: Vec<(u32, usize, usize)> = Vec::new();
    // Glyphs come in runs of one font: a run is counted on its own, then
    // added to its font's counts.
    let add =
        |fonts: &mut Vec<(u32, usize, usize)>, (f, n, narrow): (u32, usize, usize)| match fonts
            .binary_search_by_key(&f, |e| e.0)
        {
            Ok(i) => {
                if let Some(e) = fonts.get_mut(i) {
                    e.1 += n;
                    e.2 += narrow;
                }
            }
            Err(i) => fonts.insert(i, (f, n, narrow)),
        };
    let mut run: Option<(u32, usize, usize)> = None;
    for g in gs.iter() {
        let (_, n, narrow) = match &mut run {
            Some(r) if r.0 == g.font => r,
            _ => {
                if let Some(r) = run {
                    add(&mut fonts, r);
                }
                run.insert((g.font, 0, 0))
            }
        };
        if !g.space && g.w > 0.0 {
            *n += 1;
            *narrow += usize::from(g.w / g.size < 0.2);
        }
    }
    if let Some(r) = run {
        add(&mut fonts, r);
    }
    for (f, n, narrow) in fonts {
        if n < 3 || narrow <= n / 2 {
            continue;
        }
        let mut ratios: Vec<f32> = gs
            .iter()
            .filter(|g| g.font == f && !g.space && g.w > 0.0)
            .map(|g| g.w / g.size)
            .collect();
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
fn words_of(gs: Vec<G>) -> (Vec<Word>, String) {
    // Top to bottom, then left to right (by `total_cmp`, ties in drawing
    // order): sorting integer keys with the index as the last one gives
    // the order of a stable sort of the glyphs, for less than moving the
    // glyphs themselves at every step.
    let mut keys: Vec<(u64, usize)> = gs
        .iter()
        .enumerate()
        .map(|(i, g)| {
            let y_down = u64::from(!total_key(g.y));
            ((y_down << 32) | u64::from(total_key(g.x)), i)
        })
        .collect();
    // (Stable, on the key alone: ties stay in index order.)
    keys.sort_by_key(|k| k.0);
    let glyph = |k: Option<&(u64, usize)>| k.and_then(|&(_, i)| gs.get(i));
    // (Words average several glyphs: room for most pages at once.)
    let mut words = Vec::with_capacity(gs.len() / 4);
    let mut text = String::with_capacity(gs.iter().map(|g| g.text.len()).sum());
    // Buffers of `row_words`, reused from row to row.
    let mut scratch = RowScratch::default();
    let mut start = 0;
    let mut row = 0;
    while start < keys.len() {
        // The row's baseline is that of its biggest glyph so far: a small
        // raised glyph that comes first (the A of the LaTeX logo, a
        // superscript) must not pull the row up and push a lowered glyph
        // (the E of LaTeX, a subscript) out of it.
        let (mut base, mut bsize) = match glyph(keys.get(start)) {
            Some(g) => (g.y, g.size),
            None => break,
        };
        // Left to right (a stable sort by x of the row would leave ties
        // top to bottom, then in drawing order): the x key moved in front
        // of the y key, the keys sorted again, not the glyphs (stably, on
        // the key alone: ties stay in index order). The keys are turned
        // in the pass that finds the row's end, which also tells whether
        // they are in order (most rows are drawn left to right).
        let mut end = start;
        let mut sorted = true;
        let mut prev = 0;
        while let Some(k) = keys.get_mut(end) {
            let Some(g) = gs.get(k.1) else { break };
            // (Sizes are positive, never NaN: see `max_f`.)
            if end > start {
                if base - g.y > ROW_TOL * max_f(bsize, g.size) {
                    break;
                }
                if g.size > 1.05 * bsize {
                    (base, bsize) = (g.y, g.size);
                }
            }
            k.0 = k.0.rotate_left(32);
            sorted &= prev <= k.0;
            prev = k.0;
            end += 1;
        }
        if let Some(slice) = keys.get_mut(start..end) {
            if !sorted {
                slice.sort_by_key(|k| k.0);
            }
            let first = words.len();
            row_words(&gs, slice, row, &mut scratch, &mut words, &mut text);
            // A row drawn only with rule characters ("=====" under a
            // heading, "-----" around a box in monospaced text) is
            // decoration, like a drawn line: it carries no words.
            if let Some(r) = words.get(first..) {
                if let (Some(w), true) = (r.first(), r.iter().all(|w| is_rule(w, &text))) {
                    text.truncate(w.start as usize);
                    words.truncate(first);
                }
            }
        }
        row += 1;
        start = end;
    }
    (words, text)
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

/// A word of at least 4 copies of one rule character.
fn is_rule(w: &Word, buf: &str) -> bool {
    let t = w.text(buf);
    let mut cs = t.chars();
    let Some(c) = cs.next() else { return false };
    matches!(c, '-' | '=' | '_' | '~' | '*' | '─' | '━' | '═')
        && t.chars().count() >= 4
        && cs.all(|d| d == c)
}

/// How a word was ended.
#[derive(Clone, Copy, PartialEq)]
enum Break {
    /// A space glyph was drawn.
    Space(char),
    /// Only the geometry says so; the gap is kept to recognise letter-spacing.
    Gap(f32),
}

/// Below this fraction of the size, a gap is still a (thin) space before
/// `; : ! ? »` and after `«`: French typography puts a thin space there,
/// which can be narrower than [`WORD_GAP`].
const THIN_GAP: f32 = 0.08;

fn thin_space_before(t: &str) -> bool {
    matches!(t, ";" | ":" | "!" | "?" | "»")
}

/// The words of a row with the break before each, and the ends of the runs
/// of `merge_letter_spaced`: kept between rows so that a page allocates
/// them once.
#[derive(Default)]
struct RowScratch {
    seq: Vec<(Word, Option<Break>)>,
    runs: Vec<usize>,
    gaps: Vec<f32>,
    /// (single, spaced) of each word of `seq`, for `merge_letter_spaced`.
    kinds: Vec<(bool, bool)>,
}

/// The glyphs of the row are `gs[i]` for the `(_, i)` of `order`, left to right.
fn row_words(
    gs: &[G],
    order: &[(u64, usize)],
    row: usize,
    scratch: &mut RowScratch,
    out: &mut Vec<Word>,
    buf: &mut String,
) {
    // The word being read, field by field (a `Word` on the stack had its
    // fields read back and written at every glyph; locals stay in
    // registers): whether there is one, where its text starts, and the
    // fields of `Word` that its glyphs change. (Its size is the largest of
    // its glyphs: the baseline is that of the first glyph of that size.)
    let mut open = false;
    let mut start: u32 = 0;
    let (mut x0, mut x1, mut y, mut size) = (0.0f32, 0.0f32, 0.0f32, 0.0f32);
    let mut font: u32 = 0;
    let mut bbox: BBox = [0.0; 4];
    let mut logical = false;
    let mut min_gap = f32::INFINITY;
    let word = |start: u32,
                end: u32,
                (x0, x1, y, size): (f32, f32, f32, f32),
                font: u32,
                bbox: BBox,
                logical: bool,
                min_gap: f32| Word {
        start,
        end,
        sep: ' ',
        x0,
        x1,
        y,
        size,
        font,
        row,
        bbox,
        gone: false,
        logical,
        min_gap,
    };
    let mut pending: Option<Break> = None;
    // The last space glyph drawn since the last other glyph: (x, width).
    let mut space_at: Option<(f32, f32)> = None;
    let mut last_end = f32::NEG_INFINITY;
    // End of the last glyph that is not a space, and its text.
    let mut ink_end = f32::NEG_INFINITY;
    let mut prev_text = "";
    // The last 4 glyphs kept, in a ring (only their set matters).
    let mut kept: [Option<&G>; 4] = [None; 4];
    let mut next_kept = 0;
    // The x of the glyph kept last.
    let mut last_kept_x: Option<f32> = None;
    // Each word with the break that *follows* it, at first.
    let row_out = &mut scratch.seq;
    row_out.clear();
    for g in order.iter().filter_map(|&(_, i)| gs.get(i)) {
        if g.space {
            // (The no-break space takes two bytes: most space glyphs, one
            // byte, are told without searching their text.)
            let c = if g.text.len() > 1 && g.text.contains('\u{a0}') {
                '\u{a0}'
            } else {
                ' '
            };
            if open {
                pending = Some(Break::Space(c));
                space_at = Some((g.x, g.w));
            }
            last_end = max_f(last_end, g.x + g.w);
            continue;
        }
        // Fake bold: the same glyph drawn again a hair away.
        // (Positions first: they rule out nearly every pair without
        // comparing the texts. The row comes left to right, so the glyph
        // kept last has the largest x of the ring: when it lies too far to
        // the left, all of them do — rounding keeps `g.x - k.x` in the
        // order of the exact differences — and the ring is not read.)
        let near = last_kept_x.is_some_and(|x: f32| (x - g.x).abs() < 0.15 * g.size);
        if near
            && kept.iter().flatten().any(|k| {
                (k.x - g.x).abs() < 0.15 * g.size
                    && (k.y - g.y).abs() < 0.15 * g.size
                    && k.text == g.text
            })
        {
            continue;
        }
        if let Some(slot) = kept.get_mut(next_kept) {
            *slot = Some(g);
        }
        next_kept = (next_kept + 1) % 4;
        last_kept_x = Some(g.x);
        // A space glyph that the next glyph is drawn back over (groff's
        // "av ec") shows no space: no break when no gap is left either.
        if let (Some(Break::Space(_)), Some((sx, sw))) = (pending, space_at) {
            if g.x < sx + 0.5 * sw && g.x - ink_end < WORD_GAP * g.size {
                pending = None;
                last_end = ink_end;
            }
        }
        space_at = None;
        let gap = g.x - last_end;
        let threshold = if thin_space_before(g.text) || prev_text == "«" {
            THIN_GAP
        } else {
            WORD_GAP
        };
        let brk = match pending.take() {
            Some(b) => Some(b),
            None if gap > threshold * g.size => Some(Break::Gap(gap)),
            None => None,
        };
        if open && brk.is_none() {
            // The current word is the last text of the buffer (its end is
            // set when it is closed).
            push_text(buf, g.text);
            logical |= several_chars(g.text);
            min_gap = min_f(min_gap, gap);
            x1 = max_f(x1, g.x + g.w);
            if g.size > size {
                size = g.size;
                y = g.y;
            }
            union(&mut bbox, &g.bbox);
        } else {
            let at = u32::try_from(buf.len()).unwrap_or(u32::MAX);
            if open {
                let w = word(start, at, (x0, x1, y, size), font, bbox, logical, min_gap);
                row_out.push((w, brk));
            }
            push_text(buf, g.text);
            open = true;
            start = at;
            (x0, x1, y, size) = (g.x, g.x + g.w, g.y, g.size);
            font = g.font;
            bbox = g.bbox;
            logical = several_chars(g.text);
            min_gap = f32::INFINITY;
        }
        last_end = g.x + g.w;
        ink_end = last_end;
        prev_text = g.text;
    }
    if open {
        let end = u32::try_from(buf.len()).unwrap_or(u32::MAX);
        let w = word(start, end, (x0, x1, y, size), font, bbox, logical, min_gap);
        row_out.push((w, None));
    }
    // Each word records the break that *follows* it; move it to the next word.
    let mut prev_break: Option<Break> = None;
    for (w, brk) in row_out.iter_mut() {
        if let Some(Break::Space(c)) = prev_break {
            w.sep = c;
        }
        prev_break = std::mem::replace(brk, prev_break);
    }
    join_ellipsis(&mut scratch.seq, buf);
    merge_letter_spaced(scratch, out, buf);
}

/// Whether `t` holds more than one character: one byte is one character,
/// told without decoding it (most glyphs).
fn several_chars(t: &str) -> bool {
    t.len() > 1 && t.chars().nth(1).is_some()
}

/// Appends `t` to `buf`: most glyphs are one ASCII byte, pushed without
/// the call to copy a slice.
fn push_text(buf: &mut String, t: &str) {
    match t.as_bytes() {
        &[b] if b.is_ascii() => buf.push(char::from(b)),
        _ => buf.push_str(t),
    }
}

/// LaTeX's `\textellipsis` is three periods kerned apart ("psychiatrie. . .").
/// A word of punctuation that starts with a period (".", ".)") and follows
/// a word ending in a period after a small gap (no space glyph) is joined
/// to it.
///
/// In place: the words kept are moved to the front (`seq[..n]`), the
/// joined ones left behind and cut off at the end.
/// (The words joined follow each other in the buffer: joining moves the
/// end of the word kept.)
fn join_ellipsis(seq: &mut Vec<(Word, Option<Break>)>, buf: &str) {
    let mut n: usize = 0;
    for k in 0..seq.len() {
        let (kept, rest) = seq.split_at_mut(k);
        let Some((w, brk)) = rest.first() else { break };
        let t = w.text(buf);
        let dots = t.starts_with('.') && !t.chars().any(char::is_alphanumeric);
        let prev = n.checked_sub(1).and_then(|p| kept.get_mut(p));
        if let (true, Some(Break::Gap(g)), Some((prev, _))) = (dots, *brk, prev) {
            if prev.text(buf).ends_with('.') && g < 0.35 * w.size.max(prev.size) {
                prev.end = w.end;
                prev.x1 = prev.x1.max(w.x1);
                union(&mut prev.bbox, &w.bbox);
                continue;
            }
        }
        // (Nothing to move until a word has been joined.)
        if n != k {
            seq.swap(n, k);
        }
        n += 1;
    }
    seq.truncate(n);
}

/// "C O M M U N I Q U E": single letters separated by small, even,
/// geometric gaps (no space glyph) are one word. A short piece whose letters
/// are themselves spaced apart (a kerning pair such as "SS" that fell under
/// the word-gap threshold) can be part of the run. Gaps as wide as the
/// row's gaps between ordinary words are word spaces ("1 2 3 Enfant" set
/// by LaTeX, which draws no space glyphs), not letter-spacing.
///
/// The runs are found first, reading `scratch.seq`; then the words are
/// moved out of it in one pass, each run into one word.
fn merge_letter_spaced(scratch: &mut RowScratch, out: &mut Vec<Word>, buf: &str) {
    let RowScratch {
        seq,
        runs,
        gaps,
        kinds,
    } = scratch;
    // Each word is looked at once: a single letter or digit; a piece
    // that can be part of a letter-spaced run.
    kinds.clear();
    kinds.extend(seq.iter().map(|(w, _)| {
        let t = w.text(buf);
        let mut cs = t.chars();
        let single = matches!((cs.next(), cs.next()), (Some(c), None) if c.is_alphanumeric());
        // (The gap first: most words have glyphs closer than that, and
        // their text is not read. Three characters take 12 bytes at most.)
        let spaced = single
            || (w.min_gap >= 0.06 * w.size
                && t.len() <= 12
                && t.chars().count() <= 3
                && t.chars().all(char::is_alphanumeric));
        (single, spaced)
    }));
    let single = |k: usize| kinds.get(k).is_some_and(|f| f.0);
    let spaced = |k: usize| kinds.get(k).is_some_and(|f| f.1);
    // A run needs two pieces that follow each other with a gap break
    // between them: most rows have none, and keep their words as they are
    // (without the sorted gaps of the row, which only runs read).
    let any_run = seq
        .iter()
        .enumerate()
        .skip(1)
        .any(|(k, (_, brk))| matches!(brk, Some(Break::Gap(_))) && spaced(k - 1) && spaced(k));
    if !any_run {
        out.extend(seq.drain(..).map(|(w, _)| w));
        return;
    }
    // Gaps between ordinary words of the row (not letter pieces).
    let word_gaps = gaps;
    word_gaps.clear();
    word_gaps.extend(
        seq.iter()
            .enumerate()
            .skip(1)
            .filter_map(|(k, (_, brk))| match brk {
                Some(Break::Gap(g)) if !spaced(k - 1) || !spaced(k) => Some(*g),
                _ => None,
            }),
    );
    word_gaps.sort_by(f32::total_cmp);
    let word_gap = word_gaps.get(word_gaps.len() / 2).copied();
    let gaps = word_gaps;
    let mut i = 0;
    let n = seq.len();
    // End (exclusive) of each output word's run of `seq`, in order.
    runs.clear();
    // Gap of the last merged run: a short word ("DE") with the same
    // letter-spacing in the same row is merged too.
    let mut spacing: Option<f32> = None;
    while i < n {
        // Find the run of spaced pieces joined by gap breaks, starting at i.
        let mut j = i + 1;
        gaps.clear();
        let mut singles = 0;
        if spaced(i) {
            singles += usize::from(single(i));
            while let Some((w, Some(Break::Gap(g)))) = seq.get(j) {
                if !spaced(j) || *g > 0.6 * w.size {
                    break;
                }
                singles += usize::from(single(j));
                gaps.push(*g);
                j += 1;
            }
        }
        let (lo, hi) = (
            gaps.iter().cloned().reduce(f32::min),
            gaps.iter().cloned().reduce(f32::max),
        );
        let even = match (lo, hi) {
            (Some(lo), Some(hi)) => hi <= lo * 1.6 + 0.05,
            _ => false,
        };
        let narrower = match (lo, word_gap) {
            (Some(lo), Some(wg)) => lo < 0.75 * wg,
            _ => true,
        };
        let like_before = match (spacing, gaps.first()) {
            (Some(s), Some(&g)) => j - i == 2 && g >= 0.6 * s && g <= 1.6 * s,
            _ => false,
        };
        if (j - i >= 3 && singles * 2 > j - i && even && narrower) || like_before {
            if j - i >= 3 {
                spacing = gaps.get(gaps.len() / 2).copied();
            }
            runs.push(j);
            i = j;
        } else {
            runs.push(i + 1);
            i += 1;
        }
    }
    let mut words = seq.drain(..);
    let mut at = 0;
    for &end in runs.iter() {
        let Some((mut first, _)) = words.next() else {
            break;
        };
        at += 1;
        while at < end {
            if let Some((w, _)) = words.next() {
                // (The run's words follow each other in the buffer.)
                first.end = w.end;
                first.x1 = w.x1;
                union(&mut first.bbox, &w.bbox);
            }
            at += 1;
        }
        out.push(first);
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
        } else if c.is_ascii() {
            k.push(c.to_ascii_lowercase());
        } else {
            k.extend(c.to_lowercase());
        }
    }
    k.trim().to_string()
}

/// "1", "- 2 -", "page 3", "3 / 5", "Page 2 sur 3", "p. 4", "4 of 9", with
/// at most 3 digits (so that a year such as `2023` is not one).
pub fn is_page_number(s: &str) -> bool {
    page_number_value(s).is_some_and(|(_, digits)| digits <= 3)
}

/// The page number a fragment shows, if it has one of the forms of
/// [`is_page_number`] (any number of digits, up to 9): `(value, digits)`.
fn page_number_value(s: &str) -> Option<(u64, usize)> {
    // Every form has an ASCII digit (no character lowercases to one): most
    // fragments have none and are told without lowercasing them.
    if !s.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let t = s.trim().to_lowercase();
    let t = t.trim_matches(|c: char| c == '-' || c == '–' || c == '—' || c.is_whitespace());
    let t = t
        .strip_prefix("page")
        .or_else(|| t.strip_prefix("p."))
        .or_else(|| t.strip_prefix("pg"))
        .unwrap_or(t)
        .trim();
    let (a, rest) = split_number(t);
    if a.is_empty() || a.len() > 9 {
        return None;
    }
    let value = (a.parse().ok()?, a.len());
    let rest = rest.trim();
    if rest.is_empty() {
        return Some(value);
    }
    let rest = rest
        .strip_prefix('/')
        .or_else(|| rest.strip_prefix("sur"))
        .or_else(|| rest.strip_prefix("of"))
        .or_else(|| rest.strip_prefix("de"))
        .map(str::trim)?;
    let (b, tail) = split_number(rest);
    (!b.is_empty() && b.len() <= 9 && tail.trim().is_empty()).then_some(value)
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
    /// Distance of the baseline from its edge of the page, and the font
    /// size: a running header sits at the same place on every page.
    depth: f32,
    size: f32,
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
    let values: Vec<Option<(u64, usize)>> =
        frags.iter().map(|f| page_number_value(&f.text)).collect();
    // Page numbers in sequence: the same edge of several pages shows the
    // page index plus a constant (whatever the number of digits).
    let mut sequence: HashMap<(bool, i64), Vec<usize>> = HashMap::new();
    // Numbers per page edge: an axis or a table row shows several.
    let mut per_edge: HashMap<(usize, bool), usize> = HashMap::new();
    for (f, v) in frags.iter().zip(&values) {
        if let Some((v, _)) = v {
            let offset = i64::try_from(*v).unwrap_or(i64::MAX) - f.page as i64;
            sequence.entry((f.top, offset)).or_default().push(f.page);
            *per_edge.entry((f.page, f.top)).or_default() += 1;
        }
    }
    for on in sequence.values_mut() {
        on.dedup();
    }
    let mut copies = PageCopies::new(pages);
    let mut found = Vec::new();
    for (fi, f) in frags.iter().enumerate() {
        let numeric = match values.get(fi).copied().flatten() {
            Some((v, digits)) => {
                let offset = i64::try_from(v).unwrap_or(i64::MAX) - f.page as i64;
                let in_sequence = sequence
                    .get(&(f.top, offset))
                    .is_some_and(|on| on.len() >= 2);
                // Alone at its edge, a small number is a page number even on
                // a one-page document; 0 never is.
                let alone = per_edge.get(&(f.page, f.top)) == Some(&1);
                in_sequence || (alone && digits <= 3 && v >= 1)
            }
            None => false,
        };
        // Repeated: the same text up to digits, at the same place from the
        // same edge of other pages.
        let mut on_pages: Vec<usize> = frags
            .iter()
            .filter(|o| {
                o.top == f.top
                    && o.key == f.key
                    && (o.depth - f.depth).abs() <= 2.0 * o.size.max(f.size)
            })
            .map(|o| o.page)
            .collect();
        on_pages.dedup();
        // A page that is a copy of another (an invoice and its duplicate)
        // repeats everything: it does not count.
        // Half the pages at least: the first page often differs.
        let repeated = on_pages.len() * 2 >= text_pages && copies.two_distinct(&on_pages);
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

/// Which pages are copies of one another: pages whose words are at least
/// 95 % the same (as multisets). Computed on demand, pairs cached; the
/// words of a page are hashed when the page is first compared (most
/// documents compare two pages or none: `two_distinct` stops at the first
/// page that differs).
struct PageCopies<'a> {
    pages: &'a [PageWords],
    /// Sorted hashes of the words of each page, once compared.
    words: Vec<Option<Vec<u64>>>,
    same: HashMap<(usize, usize), bool>,
}

impl<'a> PageCopies<'a> {
    fn new(pages: &'a [PageWords]) -> PageCopies<'a> {
        PageCopies {
            pages,
            words: vec![None; pages.len()],
            same: HashMap::new(),
        }
    }

    /// Hashes the words of page `i`, if not done yet.
    fn hash_page(&mut self, i: usize) {
        let (Some(slot @ None), Some(p)) = (self.words.get_mut(i), self.pages.get(i)) else {
            return;
        };
        // (Only compared with other hashes of one document: FxHash does.)
        let hasher = BuildHasherDefault::<FxHasher>::default();
        let mut h: Vec<u64> = p
            .layers
            .iter()
            .flat_map(|l| l.words.iter().map(|w| hasher.hash_one(w.text(&l.text))))
            .collect();
        h.sort_unstable();
        *slot = Some(h);
    }

    fn copies(&mut self, a: usize, b: usize) -> bool {
        if let Some(&same) = self.same.get(&(a, b)) {
            return same;
        }
        self.hash_page(a);
        self.hash_page(b);
        let (Some(Some(x)), Some(Some(y))) = (self.words.get(a), self.words.get(b)) else {
            return false;
        };
        let (mut i, mut j, mut common) = (0, 0, 0usize);
        while let (Some(p), Some(q)) = (x.get(i), y.get(j)) {
            match p.cmp(q) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    common += 1;
                    i += 1;
                    j += 1;
                }
            }
        }
        let same = common * 20 >= x.len().max(y.len()) * 19;
        self.same.insert((a, b), same);
        same
    }

    /// True when at least two pages of `on` are not copies of each other.
    fn two_distinct(&mut self, on: &[usize]) -> bool {
        let Some((&first, rest)) = on.split_first() else {
            return false;
        };
        rest.iter().any(|&p| !self.copies(first, p))
    }
}

/// The fragments of the first and last rows of a layer that lie in the top
/// or bottom margin zone.
fn collect_edge_frags(pi: usize, li: usize, layer: &Layer, out: &mut Vec<Frag>) {
    let words = &layer.words;
    let Some(last_row) = words.last().map(|w| w.row) else {
        return;
    };
    let top_edge = layer.base + layer.height;
    // Only the first and the last 3 rows can hold furniture: words are
    // stored row by row, rows from the top, so they are a prefix and a
    // suffix of the words (the rows between are not read).
    let head = words.partition_point(|w| w.row < 3);
    let tail = words.partition_point(|w| last_row - w.row >= 3).max(head);
    let edges = (0..head).chain(tail..words.len());
    for (wi, w) in edges.filter_map(|wi| Some((wi, words.get(wi)?))) {
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
                f.text.push_str(w.text(&layer.text));
            }
            _ => out.push(Frag {
                page: pi,
                layer: li,
                words: vec![wi],
                text: w.text(&layer.text).to_string(),
                key: String::new(),
                top: in_top,
                depth: if in_top {
                    top_edge - w.y
                } else {
                    w.y - layer.base
                },
                size: w.size,
            }),
        }
    }
    for f in out.iter_mut().filter(|f| f.page == pi && f.layer == li) {
        f.key = furniture_key(&f.text);
    }
}

// ---------------------------------------------------------------------------
// Reading order: recursive XY-cut on the words, columns first.

/// One line in reading order: word indices from one row of one region, left
/// to right, and the right edge of the column the line sits in (the extent
/// of the region the nearest enclosing column cut made), so that a line
/// ending short of it can be told from a line that was full.
struct OrderedLine {
    /// The word indices are `idx[words]` of the [`Lines`].
    words: std::ops::Range<usize>,
    col_left: f32,
    col_right: f32,
}

/// The lines of a layer in reading order, their word indices one after
/// the other in one list (rather than a `Vec` per line).
#[derive(Default)]
struct Lines {
    idx: Vec<usize>,
    lines: Vec<OrderedLine>,
}

/// Orders the live words into lines.
///
/// Every region handed down the recursion lists its words twice: in index
/// order, which is row order (rows are numbered top-down as the words are
/// stored), so that rows are counted and column edges found by one pass;
/// and by top, highest first, ties in index order, for the sweep of
/// [`y_cut`]. The words are sorted by top here, once; a cut splits both
/// lists by stable partitions, which keep each side in its order, so that
/// no level of the recursion sorts them. (The words by start, for the
/// sweep of [`x_cut`], are sorted only in the regions that reach the sweep:
/// few, and keeping a third list in order through every cut cost more.)
fn order_lines(words: &[Word]) -> Lines {
    let mut idx: Vec<usize> = (0..words.len())
        .filter(|&i| words.get(i).is_some_and(|w| !w.gone))
        .collect();
    // (Words are stored row by row from the top: their tops come nearly
    // in order.)
    let mut by_top = sorted_by_key(words, &idx, |w| !total_key(w.top()), true);
    // (Every live word goes into one line: room for them all at once.)
    let mut lines = Lines {
        idx: Vec::with_capacity(idx.len()),
        lines: Vec::new(),
    };
    let mut s = CutScratch::default();
    let col = column_edges(words, &idx, &mut s);
    let region = Region {
        idx: &mut idx,
        by_top: &mut by_top,
    };
    xy_cut(words, region, col, &mut lines, 0, false, &mut s);
    lines
}

/// `idx` (in index order) sorted by `key`, ties in index order.
fn sorted_by_key(
    words: &[Word],
    idx: &[usize],
    key: impl Fn(&Word) -> u32,
    runs: bool,
) -> Vec<usize> {
    let mut keys = Vec::new();
    sort_packed(words, idx, key, runs, &mut keys);
    keys.iter().map(|&k| packed_index(k)).collect()
}

/// `idx` (in index order) sorted by `key`, ties in index order, into `out`
/// as the key and the index packed into one integer ([`packed_index`]
/// reads the index back), which sorts faster than comparing words. The
/// keys are distinct, so a stable and an unstable sort give the same order;
/// `runs` picks the stable one, for keys that come in long ascending runs,
/// which it finds and merges.
fn sort_packed(
    words: &[Word],
    idx: &[usize],
    key: impl Fn(&Word) -> u32,
    runs: bool,
    out: &mut Vec<u64>,
) {
    out.clear();
    out.extend(
        idx.iter()
            .filter_map(|&i| Some(pack(key(words.get(i)?), i))),
    );
    if runs {
        out.sort();
    } else {
        out.sort_unstable();
    }
}

/// `key` and the index `i` packed into one integer that sorts by `key`,
/// then by `i`; [`packed_index`] reads `i` back.
fn pack(key: u32, i: usize) -> u64 {
    (u64::from(key) << 32) | i as u64
}

/// The index of a key made by [`pack`].
fn packed_index(k: u64) -> usize {
    (k & 0xffff_ffff) as usize
}

/// The words of a region of the XY-cut, the same set in two orders (see
/// [`order_lines`]).
struct Region<'a> {
    idx: &'a mut [usize],
    by_top: &'a mut [usize],
}

impl<'a> Region<'a> {
    /// Splits the region in two, the words for which `left` holds first,
    /// each list keeping its order.
    fn split(
        self,
        tmp: &mut Vec<usize>,
        left: impl Fn(usize) -> bool + Copy,
    ) -> (Region<'a>, Region<'a>) {
        let n = stable_partition(self.idx, tmp, left);
        stable_partition(self.by_top, tmp, left);
        let (il, ir) = self.idx.split_at_mut(n);
        let (tl, tr) = self.by_top.split_at_mut(n);
        (
            Region {
                idx: il,
                by_top: tl,
            },
            Region {
                idx: ir,
                by_top: tr,
            },
        )
    }
}

/// Moves the elements for which `left` holds to the front of `v`, in
/// their order, the others after them, in their order; returns how many
/// went to the front.
fn stable_partition(v: &mut [usize], tmp: &mut Vec<usize>, left: impl Fn(usize) -> bool) -> usize {
    tmp.clear();
    let mut n = 0;
    for k in 0..v.len() {
        let Some(&i) = v.get(k) else { break };
        if left(i) {
            if let Some(slot) = v.get_mut(n) {
                *slot = i;
            }
            n += 1;
        } else {
            tmp.push(i);
        }
    }
    if let Some(rest) = v.get_mut(n..) {
        rest.copy_from_slice(tmp);
    }
    n
}

/// Buffers shared by the whole recursion of `xy_cut`, so that no level
/// allocates for them.
#[derive(Default)]
struct CutScratch {
    /// For `median_size`.
    sizes: Vec<f32>,
    size_counts: Vec<(u32, usize)>,
    /// For the partitions.
    tmp: Vec<usize>,
    /// The spans by start and their ends, for `x_cut` (see there).
    by_x: Vec<u64>,
    ends_x: Vec<f32>,
    /// For `group_by_band`.
    grouped: Vec<usize>,
    next: Vec<usize>,
    /// For `y_cut`.
    gaps: Vec<(usize, f32)>,
    /// Band of each word (by word index) while a region is cut into bands.
    band_of: Vec<u32>,
    /// Line starts and ends, for `column_edges`.
    starts: Vec<f32>,
    ends: Vec<f32>,
}

/// Left and right edges of a column (`idx` in index order).
fn column_edges(words: &[Word], idx: &[usize], s: &mut CutScratch) -> (f32, f32) {
    // The leftmost start and the rightmost end of each row.
    let (starts, ends) = (&mut s.starts, &mut s.ends);
    starts.clear();
    ends.clear();
    let mut cur: Option<(usize, f32, f32)> = None;
    for w in idx.iter().filter_map(|&i| words.get(i)) {
        match &mut cur {
            Some((row, a, b)) if *row == w.row => {
                if w.x0.total_cmp(a).is_lt() {
                    *a = w.x0;
                }
                if w.x1.total_cmp(b).is_gt() {
                    *b = w.x1;
                }
            }
            _ => {
                if let Some((_, a, b)) = cur {
                    starts.push(a);
                    ends.push(b);
                }
                cur = Some((w.row, w.x0, w.x1));
            }
        }
    }
    if let Some((_, a, b)) = cur {
        starts.push(a);
        ends.push(b);
    }
    (left_edge(starts), right_edge(ends))
}

/// The left edge of a column: the leftmost line start several rows share.
fn left_edge(xs: &mut [f32]) -> f32 {
    // (Values equal under `total_cmp` are the same bits: an unstable sort
    // gives the same slice.)
    xs.sort_unstable_by(f32::total_cmp);
    shared_extreme(xs, |x, y| y - x)
}

/// The first value of `xs` (sorted from the extreme inwards) that at least
/// 2 (or 5 %) of the values reach within a point; `inwards(x, y)` is how
/// far `y` lies inside `x`.
fn shared_extreme(xs: &[f32], inwards: impl Fn(f32, f32) -> f32) -> f32 {
    let need = (xs.len() / 20).max(2);
    xs.iter()
        .enumerate()
        .find(|&(k, &x)| {
            xs.get(k..).is_some_and(|rest| {
                rest.iter().take_while(|&&y| inwards(x, y) <= 1.0).count() >= need
            })
        })
        .or_else(|| xs.first().map(|x| (0, x)))
        .map_or(0.0, |(_, &x)| x)
}

/// The right edge of a column: the rightmost line end that several rows
/// reach (within a point), so that one overfull line (a long URL, a word
/// LaTeX could not break) does not move it.
fn right_edge(xs: &mut [f32]) -> f32 {
    xs.sort_unstable_by(|a, b| b.total_cmp(a));
    shared_extreme(xs, |x, y| x - y)
}

/// `s`, `counts`: scratch buffers reused across the recursion of
/// `xy_cut`, so that no level allocates for this.
fn median_size(
    words: &[Word],
    idx: &[usize],
    s: &mut Vec<f32>,
    counts: &mut Vec<(u32, usize)>,
) -> f32 {
    // A region has few sizes: they are counted (by their bits: sizes are
    // positive, never NaN, so equal values are the same bits) and the
    // median read from the counts in size order — the element a sort
    // would put in the middle — without sorting the words' sizes.
    // (Many sizes: gathered and selected instead.)
    counts.clear();
    let mut last = 0;
    let mut n = 0usize;
    for w in idx.iter().filter_map(|&i| words.get(i)) {
        let bits = w.size.to_bits();
        n += 1;
        match counts.get_mut(last) {
            Some(c) if c.0 == bits => c.1 += 1,
            _ => match counts.iter().position(|c| c.0 == bits) {
                Some(k) => {
                    last = k;
                    if let Some(c) = counts.get_mut(k) {
                        c.1 += 1;
                    }
                }
                None if counts.len() < 16 => {
                    last = counts.len();
                    counts.push((bits, 1));
                }
                None => return median_size_sorted(words, idx, s),
            },
        }
    }
    let mid = n / 2;
    if mid >= n {
        return 10.0;
    }
    counts.sort_unstable_by(|a, b| f32::from_bits(a.0).total_cmp(&f32::from_bits(b.0)));
    let mut seen = 0;
    for &(bits, c) in counts.iter() {
        seen += c;
        if seen > mid {
            return f32::from_bits(bits);
        }
    }
    10.0
}

/// [`median_size`] by gathering the sizes and selecting the middle one.
fn median_size_sorted(words: &[Word], idx: &[usize], s: &mut Vec<f32>) -> f32 {
    s.clear();
    s.extend(idx.iter().filter_map(|&i| words.get(i)).map(|w| w.size));
    let mid = s.len() / 2;
    if mid >= s.len() {
        return 10.0;
    }
    // The element a sort would put in the middle (a total order).
    *s.select_nth_unstable_by(mid, f32::total_cmp).1
}

/// `banded`: a horizontal cut was made above this region, which read its
/// words top-down; a leaf keeps that order between words of one row that
/// start at the same x. `s`: buffers shared by the whole recursion.
fn xy_cut(
    words: &[Word],
    r: Region,
    col: (f32, f32),
    out: &mut Lines,
    depth: u32,
    banded: bool,
    s: &mut CutScratch,
) {
    if r.idx.is_empty() {
        return;
    }
    // Most regions are one line: no cut can split them (each side of a
    // column cut needs two rows; a band opens only where a top lies below
    // a bottom read before it), which one pass tells before the median
    // size is needed. The same pass finds the horizontal extent.
    let mut first_row = None;
    let mut one_row = true;
    let (mut min_top, mut max_bottom) = (f32::INFINITY, f32::NEG_INFINITY);
    let (mut lo, mut hi) = (f32::INFINITY, f32::NEG_INFINITY);
    let (mut small, mut big) = (f32::INFINITY, f32::NEG_INFINITY);
    // The same pass, read top-down (the values above do not depend on the
    // order), gathers the gaps of `y_cut`: between the running lowest
    // bottom and the next top, (position in `by_top`, width).
    let gaps = &mut s.gaps;
    gaps.clear();
    let mut low = f32::INFINITY;
    for (k, &i) in r.by_top.iter().enumerate() {
        let Some(w) = words.get(i) else { continue };
        match first_row {
            None => first_row = Some(w.row),
            Some(f) => one_row &= f == w.row,
        }
        let (top, bottom) = (w.top(), w.bottom());
        if k > 0 && top < low {
            gaps.push((k, low - top));
        }
        low = min_f(low, bottom);
        min_top = min_f(min_top, top);
        max_bottom = max_f(max_bottom, bottom);
        lo = min_f(lo, w.x0);
        hi = max_f(hi, w.x1);
        small = min_f(small, w.size);
        big = max_f(big, w.size);
    }
    let stacked = min_top < max_bottom;
    if depth < 64 && (!one_row || stacked) {
        // Most regions (a paragraph, a few lines) are set in one size: it
        // is their median, found without gathering the sizes. (Sizes are
        // positive, never NaN: equal values are the same bits.)
        let size = if small.to_bits() == big.to_bits() {
            small
        } else {
            median_size(words, r.idx, &mut s.sizes, &mut s.size_counts)
        };
        let x = if one_row {
            None
        } else {
            x_cut(words, r.idx, (&mut s.by_x, &mut s.ends_x), size, (lo, hi))
        };
        if let Some(cut) = x {
            let (left, right) = r.split(&mut s.tmp, |i| words.get(i).is_some_and(|w| w.x1 <= cut));
            let lc = column_edges(words, left.idx, s);
            let rc = column_edges(words, right.idx, s);
            xy_cut(words, left, lc, out, depth + 1, banded, s);
            xy_cut(words, right, rc, out, depth + 1, banded, s);
            return;
        }
        let y = if stacked {
            y_cut(&s.gaps, r.by_top.len(), size)
        } else {
            None
        };
        if let Some(bounds) = y {
            // Most bands are one line (a paragraph cut into its lines): when
            // every band is a leaf, each is read from its slice of `by_top`,
            // and the index-order list need not be grouped by band. (The
            // same words; the leaf's ties — same row, x and top — come in
            // index order in `by_top` too, so its stable sort gives the
            // same lines.)
            let band_is_leaf = |pair: &[usize]| match *pair {
                [lo, hi] => {
                    depth + 1 >= 64 || r.by_top.get(lo..hi).is_some_and(|b| one_line(words, b))
                }
                _ => true,
            };
            if bounds.windows(2).all(band_is_leaf) {
                for pair in bounds.windows(2) {
                    if let [lo, hi] = *pair {
                        if let Some(band) = r.by_top.get_mut(lo..hi) {
                            leaf(words, band, col, out, true);
                        }
                    }
                }
                return;
            }
            // Band `b` is `by_top[bounds[b]..bounds[b + 1]]`: group the
            // index-order list the same way, each band keeping its order.
            if s.band_of.len() < words.len() {
                s.band_of.resize(words.len(), 0);
            }
            for (b, pair) in bounds.windows(2).enumerate() {
                if let [lo, hi] = *pair {
                    for &i in r.by_top.get(lo..hi).unwrap_or_default() {
                        if let Some(slot) = s.band_of.get_mut(i) {
                            *slot = u32::try_from(b).unwrap_or(u32::MAX);
                        }
                    }
                }
            }
            group_by_band(r.idx, &s.band_of, &bounds, &mut s.grouped, &mut s.next);
            let (mut idx, mut by_top) = (r.idx, r.by_top);
            for pair in bounds.windows(2) {
                let len = match *pair {
                    [lo, hi] => hi - lo,
                    _ => continue,
                };
                let (bi, rest_i) = std::mem::take(&mut idx).split_at_mut(len);
                let (bt, rest_t) = std::mem::take(&mut by_top).split_at_mut(len);
                (idx, by_top) = (rest_i, rest_t);
                let band = Region {
                    idx: bi,
                    by_top: bt,
                };
                xy_cut(words, band, col, out, depth + 1, true, s);
            }
            return;
        }
    }
    leaf(words, r.idx, col, out, banded);
}

/// Whether the words of `idx` are one row that no other word stacks
/// over: a region that `xy_cut` does not cut (see there).
fn one_line(words: &[Word], idx: &[usize]) -> bool {
    let mut first_row = None;
    let (mut min_top, mut max_bottom) = (f32::INFINITY, f32::NEG_INFINITY);
    for w in idx.iter().filter_map(|&i| words.get(i)) {
        match first_row {
            None => first_row = Some(w.row),
            Some(f) if f != w.row => return false,
            Some(_) => {}
        }
        min_top = min_f(min_top, w.top());
        max_bottom = max_f(max_bottom, w.bottom());
    }
    min_top >= max_bottom
}

/// A leaf of the XY-cut: rows that overlap vertically (or a single row),
/// read row by row, left to right. Index order is nearly always that
/// already (words are stored row by row from left to right): checked
/// before sorting.
fn leaf(words: &[Word], idx: &mut [usize], col: (f32, f32), out: &mut Lines, banded: bool) {
    let order = |&a: &usize, &b: &usize| {
        let (wa, wb) = (words.get(a), words.get(b));
        let ra = wa.map_or(0, |w| w.row);
        let rb = wb.map_or(0, |w| w.row);
        let by_x = ra.cmp(&rb).then(
            wa.map_or(0.0, |w| w.x0)
                .total_cmp(&wb.map_or(0.0, |w| w.x0)),
        );
        if banded {
            by_x.then_with(|| {
                let ta = wa.map_or(0.0, Word::top);
                let tb = wb.map_or(0.0, Word::top);
                tb.total_cmp(&ta)
            })
        } else {
            by_x
        }
    };
    if !idx.is_sorted_by(|a, b| order(a, b).is_le()) {
        idx.sort_by(order);
    }
    let row = |i: &usize| words.get(*i).map_or(0, |w| w.row);
    for line in idx.chunk_by(|a, b| row(a) == row(b)) {
        let start = out.idx.len();
        out.idx.extend_from_slice(line);
        out.lines.push(OrderedLine {
            words: start..out.idx.len(),
            col_left: col.0,
            col_right: col.1,
        });
    }
}

/// Reorders `v` band by band (`band_of` of each element; band `b` has
/// `bounds[b + 1] - bounds[b]` elements), each band keeping its order.
fn group_by_band(
    v: &mut [usize],
    band_of: &[u32],
    bounds: &[usize],
    tmp: &mut Vec<usize>,
    next: &mut Vec<usize>,
) {
    // (Only grown: every slot of `tmp[..v.len()]` is written below.)
    if tmp.len() < v.len() {
        tmp.resize(v.len(), 0);
    }
    next.clear();
    next.extend_from_slice(bounds);
    for &i in v.iter() {
        let b = band_of.get(i).map_or(0, |&b| b as usize);
        if let Some(at) = next.get_mut(b) {
            if let Some(slot) = tmp.get_mut(*at) {
                *slot = i;
            }
            *at += 1;
        }
    }
    if let Some(t) = tmp.get(..v.len()) {
        v.copy_from_slice(t);
    }
}

/// A vertical river of whitespace through the whole region with real text
/// columns on both sides: the x of the cut (the left side is the words
/// that end before it). `idx` is in index order; `by_x`, `ends`: buffers
/// for the spans by start.
/// The region has two rows at least (each side needs two, see `need`).
/// `extent`: the leftmost start and the rightmost end of the region.
fn x_cut(
    words: &[Word],
    idx: &[usize],
    (by_x, ends): (&mut Vec<u64>, &mut Vec<f32>),
    size: f32,
    extent: (f32, f32),
) -> Option<f32> {
    // The sweep below finds the gaps of at least 0.8 × `size` between the
    // spans of the words, read by start. The words of a row that follow
    // each other, left to right, with less than that between them, cover
    // the gaps between them for the sweep: no wider gap can lie inside
    // such a run, and one beside it has the same ends. So the runs of the
    // rows are swept rather than the words (a row is most often one run,
    // a paragraph's rows few): fewer spans to sort. A run that reaches
    // from the leftmost start to the rightmost end (most paragraphs have
    // such a row) leaves no gap at all, nor any to sort. A row that does
    // not come left to right has its words swept one by one.
    by_x.clear();
    ends.clear();
    let (lo, hi) = extent;
    let gap_min = 0.8 * size;
    // The run being read: (row, start, last word's start, reach).
    let mut cur: Option<(usize, f32, f32, f32)> = None;
    let mut runs = true;
    for w in idx.iter().filter_map(|&i| words.get(i)) {
        match &mut cur {
            Some((row, _, last, reach))
                if *row == w.row && w.x0 >= *last && w.x0 - *reach < gap_min =>
            {
                *last = w.x0;
                *reach = max_f(*reach, w.x1);
                continue;
            }
            Some((row, _, last, _)) if *row == w.row && w.x0 < *last => {
                runs = false;
                break;
            }
            _ => {}
        }
        if let Some((_, start, _, reach)) = cur {
            if start == lo && reach == hi {
                return None;
            }
            by_x.push(pack(total_key(start), ends.len()));
            ends.push(reach);
        }
        cur = Some((w.row, w.x0, w.x0, w.x1));
    }
    if runs {
        if let Some((_, start, _, reach)) = cur {
            if start == lo && reach == hi {
                return None;
            }
            by_x.push(pack(total_key(start), ends.len()));
            ends.push(reach);
        }
    } else {
        by_x.clear();
        ends.clear();
        for w in idx.iter().filter_map(|&i| words.get(i)) {
            by_x.push(pack(total_key(w.x0), ends.len()));
            ends.push(w.x1);
        }
    }
    // By start. The order of spans starting at the same x does not matter:
    // the first one read sees the widest gap of them (the later ones see a
    // reach at least as far), and the reach after them all is the same.
    by_x.sort_unstable();
    let spans = by_x.iter().filter_map(|&k| {
        let end = ends.get(packed_index(k))?;
        Some((total_value((k >> 32) as u32), *end))
    });
    let mut best: Option<(f32, f32)> = None; // (gap width, cut x)
    let mut reach = f32::NEG_INFINITY;
    let lo = spans.clone().next().map_or(0.0, |s| s.0);
    for (a, b) in spans {
        if reach > f32::NEG_INFINITY && a - reach >= gap_min {
            let cut = (a + reach) / 2.0;
            // Both sides must be real columns, not a list-marker gutter.
            if cut - lo >= 4.0 * size && hi - cut >= 4.0 * size {
                let gap = a - reach;
                if best.is_none_or(|(g, _)| gap > g) {
                    best = Some((gap, cut));
                }
            }
        }
        reach = max_f(reach, b);
    }
    let (gap, cut) = best?;
    // Rows (they come grouped in index order: counting the changes is
    // enough) and extents of both sides, in one pass.
    #[derive(Clone, Copy)]
    struct Side {
        rows: usize,
        last: Option<usize>,
        x0: f32,
        x1: f32,
    }
    let empty = Side {
        rows: 0,
        last: None,
        x0: f32::INFINITY,
        x1: f32::NEG_INFINITY,
    };
    let (mut left, mut right) = (empty, empty);
    for w in idx.iter().filter_map(|&i| words.get(i)) {
        let side = if w.x1 <= cut { &mut left } else { &mut right };
        if side.last != Some(w.row) {
            side.rows += 1;
            side.last = Some(w.row);
        }
        side.x0 = min_f(side.x0, w.x0);
        side.x1 = max_f(side.x1, w.x1);
    }
    let need = if gap >= 2.0 * size { 2 } else { 4 };
    // A gutter is narrow next to the columns it separates; a wide gap
    // beside short phrases is a table (read row by row) instead.
    let narrow = gap <= 0.5 * (left.x1 - left.x0).min(right.x1 - right.x0);
    (narrow && left.rows >= need && right.rows >= need).then_some(cut)
}

/// Horizontal cuts at the widest empty bands of the region: the bounds of
/// the bands in `by_top` (the region's `n` words by top, highest first),
/// from 0 to `n`, two bands at least. `gaps`: where a top lies below
/// every bottom read before it, (position in `by_top`, width), gathered
/// by `xy_cut` (which checked that some top lies below some bottom).
fn y_cut(gaps: &[(usize, f32)], n: usize, size: f32) -> Option<Vec<usize>> {
    if gaps.is_empty() {
        return None;
    }
    let widest = gaps.iter().map(|g| g.1).fold(0.0f32, f32::max);
    let tol = 0.1 * size;
    // The bounds of the bands: 0, the cuts, the end.
    let mut bounds = vec![0];
    bounds.extend(
        gaps.iter()
            .filter(|&&(_, g)| g >= widest - tol)
            .map(|g| g.0),
    );
    bounds.push(n);
    (bounds.len() > 2).then_some(bounds)
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
    /// Width of the leftmost word.
    first_w: f32,
    /// Left and right edges of the line's column.
    col_left: f32,
    col_right: f32,
    /// Starts with a lowercase letter (evidently continues a sentence).
    lower_start: bool,
    /// Holds right-to-left text: the left/right fit test does not apply.
    rtl: bool,
    /// Every word has the same size (within 1 %).
    uniform: bool,
}

fn blocks(infos: Vec<LineInfo>, doc: &DocLines) -> Vec<RawLine> {
    // Baseline steps between consecutive lines of the same size, in units of
    // the size, with that size.
    let mut steps: Vec<(f32, f32)> = infos
        .windows(2)
        .filter_map(|w| match w {
            [a, b] if (a.size - b.size).abs() < 0.1 * a.size && a.y > b.y => {
                Some((a.size, (a.y - b.y) / a.size))
            }
            _ => None,
        })
        .filter(|(_, s)| *s > 0.8 && *s < 3.0)
        .collect();
    steps.sort_by(|a, b| a.1.total_cmp(&b.1));
    let all: Vec<f32> = steps.iter().map(|s| s.1).collect();
    let pitch = Pitch {
        any: wrap_pitch(&all).unwrap_or(1.2).max(1.0),
        steps,
        doc,
        memo: Default::default(),
    };
    let breaks: Vec<bool> = std::iter::once(false)
        .chain(infos.windows(2).map(|w| match w {
            [p, l] => new_block(p, l, &pitch),
            _ => false,
        }))
        .collect();
    let mut out = Vec::with_capacity(infos.len() * 2);
    for (l, brk) in infos.into_iter().zip(breaks) {
        if brk {
            out.push(RawLine::new(""));
        }
        out.push(RawLine {
            text: l.text,
            bbox: Some(l.bbox),
            source_line: None,
        });
    }
    out
}

/// Line pitches of a page layer.
struct Pitch<'a> {
    /// Over all sizes: only for the coarse test of a wide gap.
    any: f32,
    /// (size, step in sizes), sorted by step.
    steps: Vec<(f32, f32)>,
    doc: &'a DocLines,
    /// `of_size` of the sizes asked so far, by the bits of the size: a
    /// page has few sizes, and each answer reads all the wraps of the
    /// document.
    memo: std::cell::RefCell<Vec<(u32, Option<f32>)>>,
}

impl Pitch<'_> {
    /// The wrap pitch of lines of this size: from the document's evident
    /// wraps, else from the steps of this page when enough pairs show it.
    fn of_size(&self, size: f32) -> Option<f32> {
        let bits = size.to_bits();
        if let Some(&(_, p)) = self.memo.borrow().iter().find(|m| m.0 == bits) {
            return p;
        }
        let p = self.compute(size);
        self.memo.borrow_mut().push((bits, p));
        p
    }

    fn compute(&self, size: f32) -> Option<f32> {
        self.doc.pitch_of(size).or_else(|| {
            let same: Vec<f32> = self
                .steps
                .iter()
                .filter(|(z, _)| (z - size).abs() < 0.1 * size)
                .map(|s| s.1)
                .collect();
            wrap_pitch(&same)
        })
    }
}

/// The baseline step of wrapped lines: the smallest step that several
/// pairs of lines share. Paragraph spacing only ever adds to it, so the
/// smallest well-supported value is the line pitch even on a page where
/// most lines are one-line paragraphs or list items (where a median or a
/// low quantile would give the paragraph step instead).
fn wrap_pitch(sorted_steps: &[f32]) -> Option<f32> {
    let need = (sorted_steps.len() / 10).max(2);
    sorted_steps
        .iter()
        .enumerate()
        .find(|&(k, &s)| {
            sorted_steps
                .get(k..)
                .is_some_and(|rest| rest.iter().take_while(|&&t| t <= s + 0.03).count() >= need)
        })
        .map(|(_, &s)| s)
}

fn new_block(p: &LineInfo, l: &LineInfo, pitch: &Pitch) -> bool {
    let size = p.size.max(l.size);
    let step = p.y - l.y;
    if step.abs() < 0.3 * size {
        // Two pieces of one row (an x-cut through a short region).
        return false;
    }
    if step < 0.0 {
        // Going up: a new column. The text carries on from the foot of the
        // previous one when the next line starts in lowercase, or when the
        // last one was full (justified to its column's edge) and did not end
        // a sentence.
        let full = p.x1 >= p.col_right - 0.5 * size;
        let closed = p.text.ends_with(['.', ':', '!', '?', '»', ')']);
        return !(l.lower_start || full && !closed);
    }
    if l.x0 > p.x1 || l.x1 < p.x0 {
        return true;
    }
    if (p.size - l.size).abs() > 0.12 * size {
        return true;
    }
    // Lines set in one size each: a smaller change is a change of style too
    // (a 13 pt title over a 12 pt label).
    if p.uniform && l.uniform && (p.size - l.size).abs() > 0.05 * size {
        return true;
    }
    let small = p.size.min(l.size).max(0.5 * size);
    if step > (pitch.any + 0.35) * small {
        return true;
    }
    if matches!((p.font, l.font), (Some(a), Some(b)) if a != b) {
        return true;
    }
    if l.lower_start {
        // A sentence going on, whatever the spacing says.
        return false;
    }
    // Paragraph spacing: a point or two more than the line pitch (word
    // processors put one paragraph per item of a list with a small space
    // after each, LaTeX a \parskip), beyond what wrapped lines of this
    // document already vary by. It wins over the justified test below
    // when they disagree: a one-line item of justified text can end at the
    // edge by chance, and splitting is the lesser harm (joining would
    // merge two items).
    let extra = 0.05f32.max(pitch.doc.slack + 0.015);
    if pitch
        .of_size(p.size)
        .is_some_and(|wrap| step > (wrap + extra) * p.size)
    {
        return true;
    }
    if let Some(flush) = flush_wrap(p, l, pitch.doc.justified) {
        // Justified body text: a line that reaches the edge wrapped, one
        // that stops short ended its paragraph.
        return !flush;
    }
    ended_short(p, l)
}

/// Left-aligned pair of left-to-right lines: `p` may be a first line
/// indented more than `l`, not less. (A centred title wraps short lines on
/// both sides: no test on line ends applies to it.)
fn aligned(p: &LineInfo, l: &LineInfo) -> bool {
    let size = p.size.max(l.size);
    !p.rtl && !l.rtl && p.x0 >= l.x0 - 0.5 * size && p.x0 <= l.x0 + 3.0 * size
}

/// In justified text, for body lines: whether `p` reaches its column's
/// edge (a wrap; a hyphenated line too). `None` when the text is not
/// justified or the rule does not apply to this pair.
fn flush_wrap(p: &LineInfo, l: &LineInfo, justified: Option<f32>) -> Option<bool> {
    let body = justified?;
    ((p.size - body).abs() < 0.05 * body && aligned(p, l))
        .then(|| p.x1 >= l.col_right.min(p.col_right) - 1.0)
}

/// The fit test: `p` ended although the first word of `l` would have fitted
/// on it within the column, so the line break was the author's, not a
/// wrap. Left-aligned lines are measured against the column's right edge;
/// others (right-aligned, centred) against its width, since a line of any
/// alignment is filled before it wraps.
fn ended_short(p: &LineInfo, l: &LineInfo) -> bool {
    if p.rtl || l.rtl {
        return false;
    }
    let size = p.size.max(l.size);
    let right = l.col_right.min(p.col_right);
    let room = 0.25 * size + l.first_w + 0.5 * size;
    if aligned(p, l) {
        return p.x1 + room < right;
    }
    let width = right - l.col_left.max(p.col_left);
    width > 0.0 && p.x1 - p.x0 + room < width
}

/// `idx`: the word indices of `line`; `ws`: a buffer reused from line to
/// line; `rtl`: whether the layer's text holds any right-to-left
/// character (when not, none of its lines does).
fn line_info<'a>(
    words: &'a [Word],
    buf: &str,
    idx: &[usize],
    line: &OrderedLine,
    ws: &mut Vec<&'a Word>,
    rtl: bool,
) -> Option<LineInfo> {
    ws.clear();
    ws.extend(idx.iter().filter_map(|&i| words.get(i)));
    let first = *ws.first()?;
    let first_w = first.x1 - first.x0;
    let mut bbox = first.bbox;
    let (mut x0, mut x1) = (first.x0, first.x1);
    let (mut y, mut size) = (first.y, first.size);
    let mut font = Some(first.font);
    let (mut min_size, mut max_size) = (first.size, first.size);
    // Bytes of the text: the words and a separator (at most 2 bytes) each.
    let mut len = 0;
    for w in ws.iter() {
        len += w.text(buf).len() + 2;
        min_size = min_size.min(w.size);
        max_size = max_size.max(w.size);
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
    if rtl {
        bidi_reorder(ws, buf);
    }
    let mut text = String::with_capacity(len);
    for (k, w) in ws.iter().enumerate() {
        if k > 0 {
            text.push(w.sep);
        }
        let t = w.text(buf);
        if rtl && is_rtl_word(t) && !w.logical {
            text.extend(t.chars().rev());
        } else {
            text.push_str(t);
        }
    }
    let lower_start = text.chars().next().is_some_and(char::is_lowercase);
    let rtl = rtl && is_rtl_word(&text);
    Some(LineInfo {
        text,
        bbox,
        x0,
        x1,
        y,
        size,
        font,
        first_w,
        col_left: line.col_left,
        col_right: line.col_right,
        lower_start,
        rtl,
        uniform: max_size - min_size <= 0.01 * max_size,
    })
}

fn is_rtl_char(c: char) -> bool {
    matches!(c as u32,
        0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF | 0x10800..=0x10FFF | 0x1E800..=0x1EFFF)
}

fn is_rtl_word(s: &str) -> bool {
    // The UTF-8 lead bytes of the ranges of `is_rtl_char` are 0xD6 to
    // 0xE0 (U+0590 to U+08FF), 0xEF (U+FB1D to U+FEFF) and 0xF0 (U+10800
    // to U+1EFFF): most text has none (French has 0xC3 for "é", 0xE2 for
    // "’" and "…") and is not decoded.
    s.bytes().any(|b| matches!(b, 0xD6..=0xE0 | 0xEF | 0xF0)) && s.chars().any(is_rtl_char)
}

/// The glyphs of right-to-left scripts are drawn in visual order: runs of
/// RTL words (with the neutral words between them) are read right to left.
fn bidi_reorder(ws: &mut [&Word], buf: &str) {
    let n = ws.len();
    let mut i = 0;
    while i < n {
        if !ws
            .get(i)
            .is_some_and(|w| is_rtl_word(w.text(buf)) && !w.logical)
        {
            i += 1;
            continue;
        }
        // Extend over RTL words and neutral words followed by more RTL.
        let mut j = i + 1;
        let mut end = i + 1;
        while let Some(w) = ws.get(j) {
            if is_rtl_word(w.text(buf)) && !w.logical {
                end = j + 1;
            } else if w.logical || w.text(buf).chars().any(char::is_alphanumeric) {
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
    fn letter_spacing_survives_a_kerning_pair() {
        // Chromium's "P R E S S E": 2 pt letter-spacing, but the "SS" pair
        // is kerned to 1.5 pt, under the word-gap threshold (1.8 pt).
        let mut g = Vec::new();
        let mut x = 341.0;
        for (c, gap) in [
            ("P", 2.0),
            ("R", 2.0),
            ("E", 2.0),
            ("S", 1.5),
            ("S", 2.0),
            ("E", 0.0),
        ] {
            g.extend(run(c, x, 715.0, 12.0, 0.0));
            x += 6.0 + gap;
        }
        let (pages, _) = layout(&[page(1, g)]);
        assert_eq!(texts(&pages[0]), ["PRESSE"]);
    }

    #[test]
    fn single_digits_at_word_spacing_stay_apart() {
        // LaTeX draws no space glyphs: "1 2 3 Enfant propose" has the same
        // gaps between the digits as between the words.
        let mut g = Vec::new();
        let mut x = 87.0;
        for w in ["1", "2", "3", "Enfant", "propose", ":"] {
            g.extend(run(w, x, 655.0, 10.9, 0.0));
            x += 5.45 * w.chars().count() as f32 + 3.6;
        }
        let (pages, _) = layout(&[page(1, g)]);
        assert_eq!(texts(&pages[0]), ["1 2 3 Enfant propose :"]);
    }

    #[test]
    fn a_space_glyph_drawn_over_is_no_space() {
        // groff: "av", a space glyph, then "ec" drawn back over the space.
        let mut g = run("av", 75.9, 248.6, 10.0, 0.0);
        g.extend(run(" ", 84.9, 248.6, 10.0, 0.0));
        g.extend(run("ec des", 85.0, 248.6, 10.0, 0.0));
        let (pages, _) = layout(&[page(1, g)]);
        assert_eq!(texts(&pages[0]), ["avec des"]);
    }

    #[test]
    fn kerned_ellipsis_and_french_thin_spaces() {
        // LaTeX's \textellipsis: periods 0.17 em apart, the last one
        // followed by a parenthesis.
        let mut g = run("psychiatrie.", 100.0, 500.0, 10.0, 0.0);
        g.extend(run(".", 161.7, 500.0, 10.0, 0.0));
        g.extend(run(".)", 168.4, 500.0, 10.0, 0.0));
        // A 0.13 em thin space before a semicolon (XeLaTeX, babel french).
        g.extend(run("avancées", 100.0, 480.0, 10.0, 0.0));
        g.extend(run(";", 141.3, 480.0, 10.0, 0.0));
        let (pages, _) = layout(&[page(1, g)]);
        let lines: Vec<&str> = texts(&pages[0])
            .into_iter()
            .filter(|t| !t.is_empty())
            .collect();
        assert_eq!(lines, ["psychiatrie...)", "avancées ;"]);
    }

    #[test]
    fn a_small_size_change_between_uniform_lines_starts_a_block() {
        let mut g = run(
            "Projets territoriaux de santé mentale",
            72.0,
            769.0,
            13.0,
            0.0,
        );
        g.extend(run(
            "route annuelles de chaque territoire",
            72.0,
            753.0,
            13.0,
            0.0,
        ));
        g.extend(run("Communiqué de presse", 72.0, 735.4, 12.0, 0.0));
        let (pages, _) = layout(&[page(1, g)]);
        assert_eq!(
            texts(&pages[0]),
            [
                "Projets territoriaux de santé mentale",
                "route annuelles de chaque territoire",
                "",
                "Communiqué de presse"
            ]
        );
    }

    #[test]
    fn fake_bold_duplicates_are_dropped() {
        let mut g = run("Titre", 100.0, 700.0, 12.0, 0.0);
        g.extend(run("Titre", 100.3, 700.0, 12.0, 0.0));
        let (pages, _) = layout(&[page(1, g)]);
        assert_eq!(texts(&pages[0]), ["Titre"]);
    }

    #[test]
    fn rows_of_rule_characters_are_dropped() {
        let mut g = run("Un financement dédié", 72.0, 700.0, 10.0, 0.0);
        g.extend(run("====================", 72.0, 688.0, 10.0, 0.0));
        g.extend(run("---------- ----------", 72.0, 676.0, 10.0, 0.0));
        g.extend(run("Note -- ---- fin", 72.0, 664.0, 10.0, 0.0));
        let (pages, _) = layout(&[page(1, g)]);
        assert_eq!(
            texts(&pages[0]),
            ["Un financement dédié", "", "Note -- ---- fin"]
        );
    }

    #[test]
    fn latex_logo_stays_one_word() {
        // L, a small raised A, T, a lowered E, X.
        let mut g = run("L", 100.0, 500.0, 10.0, 0.0);
        g.extend(run("A", 103.6, 502.2, 7.0, 0.0));
        g.extend(run("T", 107.0, 500.0, 10.0, 0.0));
        g.extend(run("E", 112.0, 497.8, 10.0, 0.0));
        g.extend(run("X", 117.0, 500.0, 10.0, 0.0));
        let (pages, _) = layout(&[page(1, g)]);
        assert_eq!(texts(&pages[0]), ["LATEX"]);
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
        // The left column's last line is full and unpunctuated: the text
        // goes on at the top of the right column, no block boundary.
        assert_eq!(t.len(), 12, "{t:?}");
    }

    /// Lines (text, x, baseline) at size 10, 0.5 em per character.
    fn lines_at(lines: &[(&str, f32, f32)]) -> Vec<String> {
        let g = lines
            .iter()
            .flat_map(|(t, x, y)| run(t, *x, *y, 10.0, 0.0))
            .collect();
        let (pages, _) = layout(&[page(1, g)]);
        texts(&pages[0]).iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn paragraph_spacing_a_little_above_the_line_pitch_separates_items() {
        // Wrapped lines 12 pt apart, one-line items 14 pt apart (a word
        // processor's "space after" of 2 pt): each item is its own block.
        let wide = "Mettre en place une dynamique collective territoriale pour";
        let t = lines_at(&[
            (wide, 72.0, 700.0),
            ("diminuer les hospitalisations", 72.0, 688.0),
            ("Psychotraumatisme : offre jeune", 72.0, 674.0),
            ("Réhabilitation par le logement", 72.0, 660.0),
            (wide, 72.0, 646.0),
            ("encore une ligne", 72.0, 634.0),
        ]);
        assert_eq!(
            t,
            [
                wide,
                "diminuer les hospitalisations",
                "",
                "Psychotraumatisme : offre jeune",
                "",
                "Réhabilitation par le logement",
                "",
                wide,
                "encore une ligne"
            ]
        );
    }

    #[test]
    fn a_line_ending_short_of_the_column_ends_its_paragraph() {
        // Same pitch everywhere; "Intégration" would have fitted after the
        // short line, so the break was the author's. "hospitalisations"
        // would not have fitted after the full line: a wrap.
        let wide = "Mettre en place une dynamique collective territoriale pour";
        let t = lines_at(&[
            (wide, 72.0, 700.0),
            ("hospitalisations au long cours", 72.0, 688.0),
            ("Intégration des IPA", 72.0, 676.0),
            (wide, 72.0, 664.0),
            ("fin", 72.0, 652.0),
        ]);
        assert_eq!(
            t,
            [
                wide,
                "hospitalisations au long cours",
                "",
                "Intégration des IPA",
                "",
                wide,
                "fin"
            ]
        );
    }

    #[test]
    fn justified_text_breaks_where_a_body_line_stops_short() {
        // Justified: every wrap reaches x = 372 exactly. "Tréport" stops
        // 15 pt short although "Déploiement" would not have fitted there.
        let full = "Ligne justifiée qui atteint le bord droit";
        let mut rows = Vec::new();
        for k in 0..6 {
            rows.push((full, 72.0, 700.0 - 24.0 * k as f32));
            rows.push(("suite en minuscules", 72.0, 688.0 - 24.0 * k as f32));
        }
        // 38 characters: ends at 262, 15 pt short of the edge.
        rows.push(("Mise en place d’un GEM sur Eu/Le Trépo", 72.0, 550.0));
        rows.push(("Déploiement des directives", 72.0, 538.0));
        // 41 characters at 5 pt: 205 pt wide, from 72 to 277.
        let full_w = 72.0 + 0.5 * 10.0 * full.chars().count() as f32;
        assert!((full_w - 277.0).abs() < 0.01);
        let t = lines_at(&rows);
        let k = t.iter().position(|l| l.starts_with("Déploiement")).unwrap();
        assert_eq!(t[k - 1], "", "{t:?}");
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
    fn a_page_and_its_copy_have_no_running_header() {
        // An invoice and its duplicate: everything repeats, nothing is
        // furniture (but a page number still is).
        let pages: Vec<PageGlyphs> = (1..=2)
            .map(|n| {
                let mut g = run("Faktura nr FV 1/2021", 380.0, 800.0, 10.0, 0.0);
                g.extend(run("Sprzedawca Test itp", 72.0, 600.0, 10.0, 0.0));
                g.extend(run("Wydruk pochodzi z systemu", 240.0, 20.0, 6.0, 0.0));
                page(n, g)
            })
            .collect();
        let (raw, furn) = layout(&pages);
        assert!(furn.is_empty(), "{furn:?}");
        assert_eq!(texts(&raw[1])[0], "Faktura nr FV 1/2021");
    }

    #[test]
    fn a_running_header_stays_at_one_place() {
        // The title of page 1 has the words of the running header of the
        // next pages, but lower on the page: it is not furniture.
        let pages: Vec<PageGlyphs> = (1..=3)
            .map(|n| {
                let mut g = Vec::new();
                if n == 1 {
                    g.extend(run("Communiqué de presse", 240.0, 735.0, 12.0, 0.0));
                } else {
                    g.extend(run("Communiqué de presse", 430.0, 800.0, 10.0, 0.0));
                }
                g.extend(run(
                    &format!("Texte de la page {n}."),
                    72.0,
                    600.0,
                    10.0,
                    0.0,
                ));
                page(n, g)
            })
            .collect();
        let (raw, furn) = layout(&pages);
        assert_eq!(texts(&raw[0])[0], "Communiqué de presse");
        assert_eq!(furn.len(), 2, "{furn:?}");
        assert!(furn
            .iter()
            .all(|f| f.page > 1 && f.kind == FurnitureKind::Header));
    }

    #[test]
    fn axis_labels_are_not_page_numbers() {
        // A chart's x axis along the bottom edge, and the bottom of its y
        // axis: numbers, but several at one edge, and 0 is never a page.
        let mut g = Vec::new();
        for (k, t) in ["0", "2", "4", "6", "8"].iter().enumerate() {
            g.extend(run(t, 33.0 + 72.0 * k as f32, 9.0, 10.0, 0.0));
        }
        g.extend(run("0", 7.0, 32.0, 10.0, 0.0));
        g.extend(run("8", 7.0, 247.0, 10.0, 0.0));
        let (raw, furn) = layout(&[PageGlyphs {
            number: 1,
            bbox: [0.0, 0.0, 388.0, 300.0],
            glyphs: g,
        }]);
        assert!(furn.is_empty(), "{furn:?}");
        assert_eq!(
            texts(&raw[0])
                .join(" ")
                .split(' ')
                .filter(|w| !w.is_empty())
                .count(),
            7
        );
        // A lone 0 at the foot of a page is not a page number either.
        let (_, furn) = layout(&[page(1, run("0", 300.0, 30.0, 10.0, 0.0))]);
        assert!(furn.is_empty(), "{furn:?}");
    }

    #[test]
    fn long_page_numbers_in_sequence_are_furniture() {
        // Journal pages 1572, 1573, 1574: four digits, but they follow the
        // page index; a year at the foot of one page does not.
        let pages: Vec<PageGlyphs> = (1..=3)
            .map(|n| {
                let mut g = run(&format!("{}", 1571 + n), 520.0, 800.0, 9.0, 0.0);
                g.extend(run("Corps du texte.", 72.0, 600.0, 10.0, 0.0));
                page(n, g)
            })
            .collect();
        let (_, furn) = layout(&pages);
        assert_eq!(furn.len(), 3, "{furn:?}");
        assert!(furn.iter().all(|f| f.kind == FurnitureKind::PageNumber));
        let mut g = run("Corps du texte.", 72.0, 600.0, 10.0, 0.0);
        g.extend(run("2023", 300.0, 30.0, 10.0, 0.0));
        let (_, furn) = layout(&[page(1, g)]);
        assert!(furn.is_empty(), "{furn:?}");
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
