//! Lines → blocks: where a paragraph (or a heading, a list item) ends,
//! from the line pitch, the column edges, sizes and fonts. What the whole
//! document says about its wrapped lines ([`DocLines`]) is measured once.

use super::lines::LineInfo;
use crate::ingest::RawLine;

/// What the whole document says about its lines, for the paragraph tests
/// of every page.
pub(super) struct DocLines {
    /// Baseline steps of the lines that evidently wrap (the next line goes
    /// on in lowercase), as (size, step in ems), sorted by step: the true
    /// line pitch of each size, even on a page that has no wrapped line.
    pub(super) wraps: Vec<(f32, f32)>,
    /// How much more than the pitch a wrapped line can be set below the
    /// previous one, in ems (the spread of `wraps`): zero in LaTeX or a
    /// word processor; up to ~0.08 em in a browser, which makes a line
    /// taller when a fallback font ("œ", "…", "'") sits in it. At most 0.2.
    pub(super) slack: f32,
    /// The body size, when the text is justified (see [`justified_size`]).
    pub(super) justified: Option<f32>,
    /// [`DocLines::pitch_of`] of the sizes asked so far, by the bits of
    /// the size: every page asks for its few sizes, and each answer reads
    /// all the wraps of the document (asked anew on each page, a long
    /// document spent most of its layout there). Behind a lock: the pages
    /// of a long document ask from the threads of the pool (an answer
    /// computed twice is the same answer).
    memo: std::sync::Mutex<std::collections::HashMap<u32, Option<f32>>>,
}

impl DocLines {
    pub(super) fn measure<'a>(lines: impl Iterator<Item = &'a LineInfo> + Clone) -> DocLines {
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
            memo: Default::default(),
        }
    }

    /// The wrap pitch of lines of this size, from the evident wraps.
    pub(super) fn pitch_of(&self, size: f32) -> Option<f32> {
        let bits = size.to_bits();
        let memo = || {
            self.memo
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
        };
        if let Some(&p) = memo().get(&bits) {
            return p;
        }
        let p = self.pitch_of_uncached(size);
        memo().insert(bits, p);
        p
    }

    fn pitch_of_uncached(&self, size: f32) -> Option<f32> {
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
pub(super) fn justified_size<'a>(lines: impl Iterator<Item = &'a LineInfo>) -> Option<f32> {
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

pub(super) fn blocks(infos: Vec<LineInfo>, doc: &DocLines) -> Vec<RawLine> {
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
    // (Exactly: a document keeps the lines of all its pages.)
    let mut out = Vec::with_capacity(infos.len() + breaks.iter().filter(|b| **b).count());
    for (l, brk) in infos.into_iter().zip(breaks) {
        if brk {
            out.push(RawLine::new(""));
        }
        out.push(RawLine {
            text: l.text,
            bbox: Some(l.bbox),
            table: None,
            source_line: None,
        });
    }
    out
}

/// Line pitches of a page layer.
pub(super) struct Pitch<'a> {
    /// Over all sizes: only for the coarse test of a wide gap.
    pub(super) any: f32,
    /// (size, step in sizes), sorted by step.
    pub(super) steps: Vec<(f32, f32)>,
    pub(super) doc: &'a DocLines,
    /// `of_size` of the sizes asked so far, by the bits of the size: a
    /// page has few sizes, and each answer reads all the wraps of the
    /// document.
    pub(super) memo: std::cell::RefCell<Vec<(u32, Option<f32>)>>,
}

impl Pitch<'_> {
    /// The wrap pitch of lines of this size: from the document's evident
    /// wraps, else from the steps of this page when enough pairs show it.
    pub(super) fn of_size(&self, size: f32) -> Option<f32> {
        let bits = size.to_bits();
        if let Some(&(_, p)) = self.memo.borrow().iter().find(|m| m.0 == bits) {
            return p;
        }
        let p = self.compute(size);
        self.memo.borrow_mut().push((bits, p));
        p
    }

    pub(super) fn compute(&self, size: f32) -> Option<f32> {
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
pub(super) fn wrap_pitch(sorted_steps: &[f32]) -> Option<f32> {
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

pub(super) fn new_block(p: &LineInfo, l: &LineInfo, pitch: &Pitch) -> bool {
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
pub(super) fn aligned(p: &LineInfo, l: &LineInfo) -> bool {
    let size = p.size.max(l.size);
    !p.rtl && !l.rtl && p.x0 >= l.x0 - 0.5 * size && p.x0 <= l.x0 + 3.0 * size
}

/// In justified text, for body lines: whether `p` reaches its column's
/// edge (a wrap; a hyphenated line too). `None` when the text is not
/// justified or the rule does not apply to this pair.
pub(super) fn flush_wrap(p: &LineInfo, l: &LineInfo, justified: Option<f32>) -> Option<bool> {
    let body = justified?;
    ((p.size - body).abs() < 0.05 * body && aligned(p, l))
        .then(|| p.x1 >= l.col_right.min(p.col_right) - 1.0)
}

/// The fit test: `p` ended although the first word of `l` would have fitted
/// on it within the column, so the line break was the author's, not a
/// wrap. Left-aligned lines are measured against the column's right edge;
/// others (right-aligned, centred) against its width, since a line of any
/// alignment is filled before it wraps.
pub(super) fn ended_short(p: &LineInfo, l: &LineInfo) -> bool {
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
