//! Glyphs → rows → words, per page and writing direction.
//!
//! Glyphs are grouped by baseline direction into layers, mapped into an
//! upright frame, swept into rows by baseline and cut into words by the
//! space flag and the gaps; fake bold, kerned ellipses, letter-spaced
//! labels and rows of rule characters are handled here.

use super::{max_f, min_f, total_key, union};
use crate::ingest::pdf::{Glyph, PageGlyphs};
use crate::ingest::BBox;

/// A word break wider than this fraction of the font size is a space.
const WORD_GAP: f32 = 0.15;
/// Rows: a glyph belongs to the row whose top baseline is within this
/// fraction of the size (covers superscripts raised by Trise).
const ROW_TOL: f32 = 0.4;

/// One word, in the layer's upright frame (x grows in reading direction of
/// the row, y upwards), with its box in page space for provenance.
#[derive(Debug, Clone)]
pub(super) struct Word {
    /// The word's text is `text[start..end]` of its layer's text buffer:
    /// one buffer per layer rather than a `String` per word. The words of
    /// a row are written one after the other, so that joining a word to
    /// the previous one only moves its end.
    pub(super) start: u32,
    pub(super) end: u32,
    /// Separator to put before this word when it follows another word of the
    /// same line (a space, or the no-break space that was drawn).
    pub(super) sep: char,
    pub(super) x0: f32,
    pub(super) x1: f32,
    /// Baseline.
    pub(super) y: f32,
    pub(super) size: f32,
    pub(super) font: u32,
    pub(super) row: u32,
    pub(super) bbox: BBox,
    /// Removed as page furniture.
    pub(super) gone: bool,
    /// Some glyph carried several characters (an /ActualText replacement):
    /// its text is already in logical order, so bidi must not reverse it.
    pub(super) logical: bool,
    /// Smallest gap between two glyphs of the word (infinite for one glyph):
    /// a letter-spaced word keeps a positive gap even where a kerning pair
    /// brought two letters under the word-gap threshold ("PRE SS E").
    pub(super) min_gap: f32,
}

impl Word {
    pub(super) fn text<'a>(&self, buf: &'a str) -> &'a str {
        buf.get(self.start as usize..self.end as usize)
            .unwrap_or_default()
    }
    pub(super) fn top(&self) -> f32 {
        self.y + 0.8 * self.size
    }
    pub(super) fn bottom(&self) -> f32 {
        self.y - 0.25 * self.size
    }
}

/// Words of one writing direction on one page.
pub(super) struct Layer {
    pub(super) words: Vec<Word>,
    /// The text of the words (see [`Word::text`]).
    pub(super) text: String,
    /// Upright frame height (for the furniture zones); 0 when unknown.
    pub(super) height: f32,
    /// Upright frame lower edge.
    pub(super) base: f32,
    /// Only the upright horizontal layer is searched for furniture.
    pub(super) horizontal: bool,
}

pub(super) struct PageWords {
    pub(super) number: u32,
    pub(super) layers: Vec<Layer>,
}

/// A glyph in the upright frame of its layer.
#[derive(Clone, Copy)]
pub(super) struct G<'a> {
    pub(super) text: &'a str,
    pub(super) x: f32,
    pub(super) y: f32,
    pub(super) w: f32,
    pub(super) size: f32,
    pub(super) font: u32,
    pub(super) space: bool,
    pub(super) bbox: BBox,
}

/// Maps page coordinates into a frame where the glyph's baseline runs left
/// to right and lines go downwards as y decreases.
pub(super) fn upright(dir: i16, x: f32, y: f32) -> (f32, f32) {
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
pub(super) fn glyph_bbox(dir: i16, g: &Glyph, w: f32) -> BBox {
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

pub(super) fn page_words(p: &PageGlyphs) -> PageWords {
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
            let (mut words, mut text) = words_of(gs);
            // Sized for the glyphs, and kept until the whole document is
            // read (the furniture compares pages): given back now.
            words.shrink_to_fit();
            text.shrink_to_fit();
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
pub(super) fn upright_glyphs<'a, const D: i16>(glyphs: &'a [Glyph], dir: i16, gs: &mut Vec<G<'a>>) {
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
pub(super) fn is_blank(t: &str) -> bool {
    match t.as_bytes() {
        &[b] => matches!(b, b'\t'..=b'\r' | b' '),
        _ => t.chars().all(char::is_whitespace),
    }
}

/// Some fonts report a size that is not the drawn one (a Type 3 font whose
/// FontMatrix scale was not folded into the size): all thresholds are
/// relative to the size, so a font whose median advance is below 0.2 × size
/// gets its size rescaled so that the median advance is 0.5 × size.
pub(super) fn fix_sizes(gs: &mut [G]) {
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
pub(super) fn words_of(gs: Vec<G>) -> (Vec<Word>, String) {
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
/// A word of at least 4 copies of one rule character.
pub(super) fn is_rule(w: &Word, buf: &str) -> bool {
    let t = w.text(buf);
    let mut cs = t.chars();
    let Some(c) = cs.next() else { return false };
    matches!(c, '-' | '=' | '_' | '~' | '*' | '─' | '━' | '═')
        && t.chars().count() >= 4
        && cs.all(|d| d == c)
}

/// How a word was ended.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum Break {
    /// A space glyph was drawn.
    Space(char),
    /// Only the geometry says so; the gap is kept to recognise letter-spacing.
    Gap(f32),
}

/// Below this fraction of the size, a gap is still a (thin) space before
/// `; : ! ? »` and after `«`: French typography puts a thin space there,
/// which can be narrower than [`WORD_GAP`].
pub(super) const THIN_GAP: f32 = 0.08;

pub(super) fn thin_space_before(t: &str) -> bool {
    matches!(t, ";" | ":" | "!" | "?" | "»")
}

/// The words of a row with the break before each, and the ends of the runs
/// of `merge_letter_spaced`: kept between rows so that a page allocates
/// them once.
#[derive(Default)]
pub(super) struct RowScratch {
    pub(super) seq: Vec<(Word, Option<Break>)>,
    pub(super) runs: Vec<usize>,
    pub(super) gaps: Vec<f32>,
    /// (single, spaced) of each word of `seq`, for `merge_letter_spaced`.
    pub(super) kinds: Vec<(bool, bool)>,
}

/// The glyphs of the row are `gs[i]` for the `(_, i)` of `order`, left to right.
pub(super) fn row_words(
    gs: &[G],
    order: &[(u64, usize)],
    row: u32,
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
pub(super) fn several_chars(t: &str) -> bool {
    t.len() > 1 && t.chars().nth(1).is_some()
}

/// Appends `t` to `buf`: most glyphs are one ASCII byte, pushed without
/// the call to copy a slice.
pub(super) fn push_text(buf: &mut String, t: &str) {
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
pub(super) fn join_ellipsis(seq: &mut Vec<(Word, Option<Break>)>, buf: &str) {
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
pub(super) fn merge_letter_spaced(scratch: &mut RowScratch, out: &mut Vec<Word>, buf: &str) {
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
