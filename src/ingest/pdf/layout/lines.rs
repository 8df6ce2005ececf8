//! A line's words (from [`super::order`]) → its text and the measures the
//! block step reads: extent, baseline, size, font, column edges; glyphs of
//! right-to-left scripts put in logical order.

use super::order::OrderedLine;
use super::union;
use super::words::Word;
use crate::ingest::BBox;

pub(super) struct LineInfo {
    pub(super) text: String,
    pub(super) bbox: BBox,
    pub(super) x0: f32,
    pub(super) x1: f32,
    pub(super) y: f32,
    pub(super) size: f32,
    /// The font of every word when they share one.
    pub(super) font: Option<u32>,
    /// Width of the leftmost word.
    pub(super) first_w: f32,
    /// Left and right edges of the line's column.
    pub(super) col_left: f32,
    pub(super) col_right: f32,
    /// Starts with a lowercase letter (evidently continues a sentence).
    pub(super) lower_start: bool,
    /// Holds right-to-left text: the left/right fit test does not apply.
    pub(super) rtl: bool,
    /// Every word has the same size (within 1 %).
    pub(super) uniform: bool,
}

/// `idx`: the word indices of `line`; `ws`: a buffer reused from line to
/// line; `rtl`: whether the layer's text holds any right-to-left
/// character (when not, none of its lines does).
pub(super) fn line_info<'a>(
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

pub(super) fn is_rtl_char(c: char) -> bool {
    matches!(c as u32,
        0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF | 0x10800..=0x10FFF | 0x1E800..=0x1EFFF)
}

pub(super) fn is_rtl_word(s: &str) -> bool {
    // The UTF-8 lead bytes of the ranges of `is_rtl_char` are 0xD6 to
    // 0xE0 (U+0590 to U+08FF), 0xEF (U+FB1D to U+FEFF) and 0xF0 (U+10800
    // to U+1EFFF): most text has none (French has 0xC3 for "é", 0xE2 for
    // "’" and "…") and is not decoded.
    s.bytes().any(|b| matches!(b, 0xD6..=0xE0 | 0xEF | 0xF0)) && s.chars().any(is_rtl_char)
}

/// The glyphs of right-to-left scripts are drawn in visual order: runs of
/// RTL words (with the neutral words between them) are read right to left.
pub(super) fn bidi_reorder(ws: &mut [&Word], buf: &str) {
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
