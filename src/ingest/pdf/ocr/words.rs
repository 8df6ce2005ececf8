//! hOCR lines and words → [`Glyph`]s in upright page space, the kind the
//! interpreter makes, so that the layout reads an OCR'd page like any other.
//!
//! - **Skew.** A scan turned by a degree or two has sloping baselines:
//!   the page's skew is the median slope of its lines, and every point is
//!   turned back by it about the centre of the text, so that each line has
//!   one baseline and the columns stay straight.
//! - **Baselines.** All words of a line sit on the line's baseline (as
//!   Tesseract fitted it), so a word with descenders is not lower than its
//!   neighbours.
//! - **Size.** A line's letters measure ascender to descender (`x_size`),
//!   about [`EM_PER_X_SIZE`] of the font size; the sizes of all OCR'd lines
//!   of the document are clustered and each line takes its cluster's
//!   median, so that the lines of one paragraph have exactly one size (the
//!   layout starts a block where the size changes).
//! - **Glyphs.** Each character of a word is a glyph with an equal share of
//!   the word's width; a space glyph fills the gap between two words of a
//!   line, as a text layer has it.

use super::engine::Line;
use super::image::Frame;
use super::{LowWord, LOW_CONFIDENCE, OCR_FONT};
use crate::ingest::pdf::{Glyph, GlyphText};

/// Font size ÷ ascender-to-descender height of its letters (about 0.93 em
/// in the usual text faces).
const EM_PER_X_SIZE: f32 = 1.0 / 0.93;

/// Two line sizes farther apart than this share (of the smaller) start a
/// new cluster …
const CLUSTER_GAP: f32 = 0.04;
/// … and a cluster never spans more than this share.
const CLUSTER_SPAN: f32 = 0.15;

/// The lines of one page and where its raster lies.
pub struct PageText {
    lines: Vec<Line>,
    frame: Frame,
    /// Skew of the page (radians, positive when baselines go down to the
    /// right in the image), and the centre it is turned about.
    skew: f32,
    centre: (f32, f32),
}

/// What one page gives.
pub struct PageOut {
    pub glyphs: Vec<Glyph>,
    pub low: Vec<LowWord>,
    pub mean_confidence: f32,
    pub words: u32,
    pub low_count: u32,
}

impl PageText {
    pub fn new(lines: Vec<Line>, frame: &Frame) -> Self {
        let mut slopes: Vec<f32> = lines
            .iter()
            .filter(|l| l.words.len() >= 2 && l.bbox[2] - l.bbox[0] > 4.0 * l.x_size)
            .map(|l| l.slope.atan())
            .filter(|s| s.is_finite())
            .collect();
        slopes.sort_by(f32::total_cmp);
        let skew = slopes.get(slopes.len() / 2).copied().unwrap_or(0.0);
        let n = lines.len().max(1) as f32;
        let centre = lines.iter().fold((0.0, 0.0), |(x, y), l| {
            (
                x + (l.bbox[0] + l.bbox[2]) / 2.0 / n,
                y + (l.bbox[1] + l.bbox[3]) / 2.0 / n,
            )
        });
        PageText {
            lines,
            frame: *frame,
            skew,
            centre,
        }
    }

    /// The size of each line in page units, before clustering: the median
    /// letter height of the lines of its paragraph, so that a line of
    /// capitals or digits (no ascenders, no descenders) is not a size of
    /// its own.
    fn line_sizes(&self) -> Vec<f32> {
        paragraph_sizes(&self.lines, self.frame.scale)
    }

    /// A raster point turned back by the skew.
    fn deskew(&self, x: f32, y: f32) -> (f32, f32) {
        let (s, c) = self.skew.sin_cos();
        let (dx, dy) = (x - self.centre.0, y - self.centre.1);
        (
            self.centre.0 + dx * c + dy * s,
            self.centre.1 - dx * s + dy * c,
        )
    }

    pub fn glyphs(&self, sizes: &SizeClusters, page: u32) -> PageOut {
        let f = &self.frame;
        let mut out = PageOut {
            glyphs: Vec::new(),
            low: Vec::new(),
            mean_confidence: 0.0,
            words: 0,
            low_count: 0,
        };
        let mut confidence_sum = 0.0f64;
        let mut lines: Vec<Line> = self.lines.iter().map(without_specks).collect();
        attach_stray_markers(&mut lines);
        let aligned = aligned_markers(&lines);
        let line_sizes = paragraph_sizes(&lines, f.scale);
        for ((line, raw_size), aligned) in lines.iter().zip(line_sizes).zip(aligned) {
            if line.words.is_empty() {
                continue;
            }
            let line = &cleaned(line, aligned);
            let size = sizes.snap(raw_size);
            let baseline = |x: f32| line.bbox[3] + line.offset + line.slope * (x - line.bbox[0]);
            let mid = (line.bbox[0] + line.bbox[2]) / 2.0;
            let (_, line_y) = self.deskew(mid, baseline(mid));
            let y = f.y1 - line_y / f.scale;
            let mut prev_end: Option<f32> = None;
            for word in &line.words {
                let (wx, _) = self.deskew(word.bbox[0], baseline(word.bbox[0]));
                let x = f.x0 + wx / f.scale;
                let width = ((word.bbox[2] - word.bbox[0]) / f.scale).max(0.0);
                if let Some(end) = prev_end.filter(|e| x > *e) {
                    out.glyphs.push(Glyph {
                        text: GlyphText::from(" "),
                        x: end,
                        y,
                        width: x - end,
                        size,
                        font: OCR_FONT,
                        dir: 0,
                        space: true,
                    });
                }
                let n = word.text.chars().count().max(1);
                let advance = width / n as f32;
                for (i, c) in word.text.chars().enumerate() {
                    out.glyphs.push(Glyph {
                        text: GlyphText::from(c),
                        x: x + advance * i as f32,
                        y,
                        width: advance,
                        size,
                        font: OCR_FONT,
                        dir: 0,
                        space: false,
                    });
                }
                prev_end = Some(x + width);
                out.words += 1;
                confidence_sum += f64::from(word.confidence);
                if word.confidence < LOW_CONFIDENCE {
                    out.low_count += 1;
                    out.low.push(LowWord {
                        page,
                        bbox: [x, y - 0.25 * size, x + width, y + 0.75 * size],
                        text: word.text.clone(),
                        confidence: word.confidence,
                    });
                }
            }
        }
        if out.words > 0 {
            let mean = confidence_sum / f64::from(out.words);
            out.mean_confidence = (mean * 10.0).round() as f32 / 10.0;
        }
        out
    }
}

/// Characters Tesseract reads a list bullet (•, ◦, ▪) as, alone or in runs:
/// `*`, `+`, `_` (the tab after it), `°`, `©`…
fn bullet_like(word: &str) -> bool {
    !word.is_empty()
        && word
            .chars()
            .all(|c| "*+•·◦●○▪■□°_¢®©".contains(c) || c == '.')
        && word.chars().any(|c| c != '.')
}

/// Characters Tesseract reads an arrow (→) as: `—>`, `->`, `=`, `—-`…
fn arrow_like(word: &str) -> bool {
    !word.is_empty() && word.chars().all(|c| "-–—=>~→".contains(c))
}

/// A list marker Tesseract misread, at the start of `line`: how many of
/// its first words it spans and what it is (`•` or `→`), or `None`.
///
/// - symbols a bullet is read as (`*_`, `+ __`, `°`), or a lone `e`, `o`
///   or `«` followed by a gap wider than a space: `•`;
/// - dashes and `=` as tall as an arrowhead (a dash is a thin bar, under
///   a tenth of an em), or with a `>`: `→`;
/// - a short token the engine barely believes (under 40) followed by an
///   indent (half an em or more), or made of bars and stray letters (`|`,
///   `Î`, `u`, `LL`) before a capital: a marker whose shape it does not
///   know, if it is aligned with the marker of another line
///   ([`Marker::Unsure`]), of that line's kind when known, else `→` when
///   as wide as one and `•` otherwise; not aligned, a smudge.
fn misread_marker(line: &Line) -> Option<Marker> {
    let em = line.x_size * EM_PER_X_SIZE;
    let words = &line.words;
    let gap_after = |i: usize| match (words.get(i), words.get(i + 1)) {
        (Some(a), Some(b)) => b.bbox[0] - a.bbox[2],
        _ => 0.0,
    };
    let first = words.first()?;
    words.get(1)?;
    let width = first.bbox[2] - first.bbox[0];
    let bullets = words.iter().take_while(|w| bullet_like(&w.text)).count();
    if bullets > 0 && bullets < words.len() {
        return Some(Marker::Known(bullets, "•"));
    }
    if matches!(first.text.as_str(), "e" | "o" | "«") && gap_after(0) > 0.8 * line.x_size {
        return Some(Marker::Known(1, "•"));
    }
    let height = first.bbox[3] - first.bbox[1];
    if arrow_like(&first.text) && (first.text.contains('>') || height >= 0.15 * em) {
        return Some(Marker::Known(1, "→"));
    }
    // Shapes it has no letter for, read as bars and stray letters.
    const JUNK: &str = "|¦ÎÏIlLuUneo«»›";
    let junk = first.text.chars().all(|c| JUNK.contains(c))
        && words[1].text.starts_with(char::is_uppercase);
    let unsure = first.confidence < 40.0 && width >= 0.2 * em && gap_after(0) >= 0.5 * em;
    if first.text.chars().count() <= 3
        && height >= 0.15 * em
        && (unsure || (junk && gap_after(0) >= 0.25 * em))
    {
        return Some(Marker::Unsure(if width >= 0.6 * em {
            "→"
        } else {
            "•"
        }));
    }
    None
}

/// A list marker at the start of a line: one Tesseract misread in a way
/// it does often (spanning the first `n` words), or a token it could not
/// read that is one only if the markers of other lines line up with it.
enum Marker {
    Known(usize, &'static str),
    Unsure(&'static str),
}

/// `line` without the specks of a dirty scan read as punctuation: tiny,
/// unsure, no letter.
fn without_specks(line: &Line) -> Line {
    let mut line = line.clone();
    let em = line.x_size * EM_PER_X_SIZE;
    line.words.retain(|w| {
        !(w.confidence < LOW_CONFIDENCE
            && w.bbox[2] - w.bbox[0] < 0.2 * em
            && w.bbox[3] - w.bbox[1] < 0.2 * em
            && w.text.chars().all(|c| !c.is_alphanumeric()))
    });
    line
}

/// Where the line starts, when it starts with a list marker, read or
/// misread, and which marker it is when that is known: for the alignment
/// of [`Marker::Unsure`].
fn marker_start(line: &Line) -> Option<(f32, Option<&'static str>)> {
    let first = line.words.first()?;
    let x = first.bbox[0];
    if let Some(m) = misread_marker(line) {
        return Some((
            x,
            match m {
                Marker::Known(_, kind) => Some(kind),
                Marker::Unsure(_) => None,
            },
        ));
    }
    match first.text.as_str() {
        "•" => Some((x, Some("•"))),
        "→" => Some((x, Some("→"))),
        "-" | "–" | "—" | "*" | "◦" | "▪" => Some((x, None)),
        _ => None,
    }
}

/// A list marker the engine read as a line of its own (a column of
/// arrows becomes a block of `|`, `l`, `Î`): a line of one short word that
/// is no word, level with a line that starts just right of it (within
/// three ems), goes to the start of that line.
fn attach_stray_markers(lines: &mut Vec<Line>) {
    let mut i = 0;
    while i < lines.len() {
        let stray = match lines[i].words.as_slice() {
            [w] => {
                w.text.chars().count() <= 3 && !w.text.chars().any(char::is_alphanumeric)
                    || (w.text.chars().count() <= 3
                        && (w.confidence < 40.0 || w.text.chars().all(|c| "|¦ÎÏIlLun".contains(c))))
            }
            _ => false,
        };
        if !stray {
            i += 1;
            continue;
        }
        let w = lines[i].words[0].clone();
        let em = lines[i].x_size.max(1.0) * EM_PER_X_SIZE;
        let mid = (w.bbox[1] + w.bbox[3]) / 2.0;
        let target = lines.iter().position(|l| {
            l.words.first().is_some_and(|f| {
                let gap = f.bbox[0] - w.bbox[2];
                gap > 0.0 && gap < 3.0 * em && mid >= l.bbox[1] && mid <= l.bbox[3]
            })
        });
        match target {
            Some(t) if t != i => {
                let marker = lines.remove(i);
                let t = if t > i { t - 1 } else { t };
                let line = &mut lines[t];
                line.bbox[0] = line.bbox[0].min(marker.bbox[0]);
                line.words.insert(0, w);
            }
            _ => i += 1,
        }
    }
}

/// For each line, whether it starts with a marker aligned (within half
/// an em) with the marker of another line of the page, and the kind of
/// the first such marker that is known (`•` or `→`).
fn aligned_markers(lines: &[Line]) -> Vec<(bool, Option<&'static str>)> {
    let starts: Vec<Option<(f32, Option<&'static str>)>> = lines.iter().map(marker_start).collect();
    starts
        .iter()
        .enumerate()
        .map(|(i, start)| {
            let em = lines.get(i).map_or(0.0, |l| l.x_size * EM_PER_X_SIZE);
            let Some((x, _)) = start else {
                return (false, None);
            };
            let near: Vec<Option<&'static str>> = starts
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != i)
                .filter_map(|(_, s)| *s)
                .filter(|(y, _)| (x - y).abs() <= 0.5 * em)
                .map(|(_, kind)| kind)
                .collect();
            (!near.is_empty(), near.into_iter().flatten().next())
        })
        .collect()
}

/// `line` (without specks) with the OCR misreadings of a few kinds put
/// right: two pieces of a word it split are one; a list marker
/// read as something else ([`misread_marker`]) is the marker; an address
/// split at its `@` is one word; an O among digits is a 0, a `[` before
/// capitals an I; `ler`, `lère`
/// are the ordinals `1er`,
/// `1ère`; apostrophes read twice (`l’'ARS`) are one.
fn cleaned(line: &Line, (aligned, kind): (bool, Option<&str>)) -> Line {
    let mut line = line.clone();
    match misread_marker(&line) {
        Some(Marker::Known(n, marker)) => set_marker(&mut line, n, marker),
        Some(Marker::Unsure(marker)) if aligned => set_marker(&mut line, 1, kind.unwrap_or(marker)),
        Some(Marker::Unsure(_)) => {
            line.words.remove(0);
        }
        None => {}
    }
    // A word split where no space is: at its `@` (`presse@ ars.sante.fr`:
    // addresses have no spaces), or between two letters closer than any
    // space (`A gées`, a kerned pair; a space leaves a fifth of an em or
    // more between the inks of its words).
    let em = line.x_size * EM_PER_X_SIZE;
    let mut i = 0;
    while i + 1 < line.words.len() {
        let (a, b) = (&line.words[i], &line.words[i + 1]);
        let gap = b.bbox[0] - a.bbox[2];
        let letters =
            a.text.ends_with(char::is_alphabetic) && b.text.starts_with(char::is_alphabetic);
        if ((a.text.ends_with('@') || b.text.starts_with('@')) && gap < 0.5 * line.x_size)
            || (letters && gap < 0.14 * em)
        {
            let b = line.words.remove(i + 1);
            let a = &mut line.words[i];
            a.text.push_str(&b.text);
            a.bbox[2] = b.bbox[2];
            a.confidence = a.confidence.min(b.confidence);
        } else {
            i += 1;
        }
    }
    for w in &mut line.words {
        // An I read as a bracket or a bar before capitals (`[PA`).
        let mut chars = w.text.chars();
        if let (Some('[' | '|'), Some(c)) = (chars.next(), chars.next()) {
            if c.is_uppercase() && !w.text.contains(']') {
                w.text = format!("I{}", &w.text[1..]);
            }
        }
        // A number with an O for a 0 (`238 O00€`, `2O23`).
        if w.text.chars().any(|c| c.is_ascii_digit())
            && w.text.contains(['O', 'o'])
            && w.text
                .chars()
                .all(|c| !c.is_alphabetic() || c == 'O' || c == 'o')
        {
            w.text = w.text.replace(['O', 'o'], "0");
        }
        // French ordinals whose 1 was read as an l (`ler`, `lère`).
        if let Some(rest) = w.text.strip_prefix(['l', 'L']) {
            if matches!(rest, "er" | "ère" | "re" | "ers" | "ères" | "res") {
                w.text = format!("1{rest}");
            }
        }
        if w.text.contains(['\'', '’', '‘']) {
            let mut out = String::with_capacity(w.text.len());
            let mut prev_quote = false;
            for c in w.text.chars() {
                let quote = matches!(c, '\'' | '’' | '‘');
                if !(quote && prev_quote) {
                    out.push(c);
                }
                prev_quote = quote;
            }
            w.text = out;
        }
    }
    line
}

/// The size of each of `lines` in page units (`scale` pixels a unit): the
/// median letter height of the lines of its paragraph.
fn paragraph_sizes(lines: &[Line], scale: f32) -> Vec<f32> {
    lines
        .iter()
        .map(|l| {
            let mut par: Vec<f32> = lines
                .iter()
                .filter(|o| o.par == l.par)
                .map(|o| o.x_size)
                .collect();
            par.sort_by(f32::total_cmp);
            let x_size = par.get(par.len() / 2).copied().unwrap_or(l.x_size);
            x_size * EM_PER_X_SIZE / scale
        })
        .collect()
}

/// The first `n` words of `line` are the list marker `marker`.
fn set_marker(line: &mut Line, n: usize, marker: &str) {
    let Some(last) = line.words.get(n.saturating_sub(1)).map(|w| w.bbox[2]) else {
        return;
    };
    let mut m = line.words[0].clone();
    m.bbox[2] = last;
    m.text = marker.into();
    // Not a word the reader needs to check.
    m.confidence = m.confidence.max(LOW_CONFIDENCE);
    line.words.splice(0..n, [m]);
}

/// The line sizes of the OCR'd pages of a document, in clusters.
pub struct SizeClusters {
    /// `(lowest, highest, median)` of each cluster, ascending.
    clusters: Vec<(f32, f32, f32)>,
}

impl SizeClusters {
    pub fn new<'a>(pages: impl Iterator<Item = &'a PageText>) -> Self {
        let mut all: Vec<f32> = pages
            .flat_map(PageText::line_sizes)
            .filter(|s| s.is_finite() && *s > 0.0)
            .collect();
        all.sort_by(f32::total_cmp);
        let mut clusters = Vec::new();
        let mut start = 0;
        for i in 1..=all.len() {
            let split = match (all.get(i - 1), all.get(i)) {
                (Some(&prev), Some(&next)) => {
                    next > prev * (1.0 + CLUSTER_GAP)
                        || next > all.get(start).copied().unwrap_or(next) * (1.0 + CLUSTER_SPAN)
                }
                _ => true,
            };
            if split {
                if let Some(members) = all.get(start..i) {
                    if let (Some(&lo), Some(&hi)) = (members.first(), members.last()) {
                        let median = members.get(members.len() / 2).copied().unwrap_or(lo);
                        clusters.push((lo, hi, median));
                    }
                }
                start = i;
            }
        }
        SizeClusters { clusters }
    }

    /// The median of the cluster of `size`, rounded to a tenth of a unit.
    pub fn snap(&self, size: f32) -> f32 {
        let snapped = self
            .clusters
            .iter()
            .find(|(lo, hi, _)| size >= *lo && size <= *hi)
            .map_or(size, |c| c.2);
        (snapped * 10.0).round() / 10.0
    }
}

#[cfg(test)]
mod tests {
    use super::super::engine::Word;
    use super::*;

    fn word(x0: f32, x1: f32, top: f32, text: &str, confidence: f32) -> Word {
        Word {
            bbox: [x0, top, x1, top + 40.0],
            confidence,
            text: text.into(),
        }
    }

    #[test]
    fn skewed_lines_come_out_level_with_one_size_per_cluster() {
        // 300 dpi, a page of two lines sloping down to the right by 1.5°.
        let slope = 1.5f32.to_radians().tan();
        let line = |top: f32, x_size: f32, words: Vec<Word>| Line {
            bbox: [100.0, top, 2000.0, top + 40.0 + 1900.0 * slope],
            slope,
            offset: -(1900.0 * slope) - 8.0,
            x_size,
            par: top as u32,
            words,
        };
        let lines = vec![
            line(
                500.0,
                46.0,
                vec![
                    word(100.0, 400.0, 500.0, "Groupes", 96.0),
                    word(1700.0, 2000.0, 545.0, "travail", 30.0),
                ],
            ),
            line(
                600.0,
                47.0,
                vec![
                    word(100.0, 300.0, 600.0, "Actions", 90.0),
                    word(1800.0, 2000.0, 645.0, "fin", 95.0),
                ],
            ),
        ];
        let frame = Frame {
            x0: 0.0,
            y1: 842.0,
            scale: 300.0 / 72.0,
        };
        let text = PageText::new(lines, &frame);
        assert!((text.skew - 1.5f32.to_radians()).abs() < 1e-4);
        let sizes = SizeClusters::new([&text].into_iter());
        let out = text.glyphs(&sizes, 3);
        let first = |s: &str| {
            let c = s.chars().next().unwrap();
            out.glyphs
                .iter()
                .find(|g| g.text.starts_with(c))
                .unwrap()
                .clone()
        };
        let (g, t) = (first("G"), first("t"));
        assert!(
            (g.y - t.y).abs() < 1e-3,
            "one baseline per line: {} {}",
            g.y,
            t.y
        );
        assert_eq!(g.size, first("A").size, "one size for 46 and 47 px");
        // 46 px at 300 dpi is 11 pt of letters: about 11.9 pt type.
        assert!((g.size - 11.9).abs() < 0.3, "{}", g.size);
        assert!(first("A").y < g.y - 20.0, "second line below the first");
        // A space glyph between the two words, and the low-confidence word.
        assert_eq!(out.glyphs.iter().filter(|g| g.space).count(), 2);
        assert_eq!(out.words, 4);
        assert_eq!(out.low_count, 1);
        assert_eq!(out.low[0].text, "travail");
        assert_eq!(out.low[0].page, 3);
        assert_eq!(out.mean_confidence, 77.8);
    }

    fn clean(l: Line) -> Line {
        cleaned(&without_specks(&l), (true, None))
    }

    #[test]
    fn unsure_markers_count_only_when_they_line_up() {
        let line = |top: f32, words: Vec<Word>| Line {
            bbox: [0.0, top, 2000.0, top + 40.0],
            slope: 0.0,
            offset: 0.0,
            x_size: 40.0,
            par: 1,
            words,
        };
        let lines = vec![
            // Two arrows read as junk, one under the other: markers.
            line(
                0.0,
                vec![
                    word(100.0, 140.0, 0.0, "nu", 10.0),
                    word(200.0, 400.0, 0.0, "Parcours", 96.0),
                ],
            ),
            line(
                50.0,
                vec![
                    word(102.0, 140.0, 50.0, "LL", 5.0),
                    word(200.0, 400.0, 50.0, "Volet", 96.0),
                ],
            ),
            // A smudge far from any other: dropped.
            line(
                100.0,
                vec![
                    word(900.0, 960.0, 100.0, "LL", 15.0),
                    word(1200.0, 1400.0, 100.0, "Contact", 95.0),
                ],
            ),
        ];
        let aligned = aligned_markers(&lines);
        assert_eq!(aligned, [(true, None), (true, None), (false, None)]);
        let texts: Vec<Vec<String>> = lines
            .iter()
            .zip(aligned)
            .map(|(l, a)| cleaned(l, a).words.into_iter().map(|w| w.text).collect())
            .collect();
        assert_eq!(
            texts,
            [vec!["→", "Parcours"], vec!["→", "Volet"], vec!["Contact"]]
        );
    }

    #[test]
    fn misread_bullets_and_doubled_apostrophes_are_put_right() {
        let line = |words: Vec<Word>| Line {
            bbox: [0.0, 0.0, 2000.0, 40.0],
            slope: 0.0,
            offset: 0.0,
            x_size: 40.0,
            par: 1,
            words,
        };
        let texts = |l: &Line| l.words.iter().map(|w| w.text.clone()).collect::<Vec<_>>();
        let l = clean(line(vec![
            word(100.0, 120.0, 0.0, "+", 30.0),
            word(130.0, 160.0, 0.0, "__", 20.0),
            word(220.0, 400.0, 0.0, "Améliorer", 96.0),
            word(420.0, 600.0, 0.0, "l’'offre", 90.0),
        ]));
        assert_eq!(texts(&l), ["•", "Améliorer", "l’offre"]);
        assert_eq!(l.words[0].bbox, [100.0, 0.0, 160.0, 40.0]);
        assert!(l.words[0].confidence >= LOW_CONFIDENCE);
        let l = clean(line(vec![
            word(100.0, 120.0, 0.0, "e", 60.0),
            word(220.0, 400.0, 0.0, "Développer", 96.0),
        ]));
        assert_eq!(texts(&l), ["•", "Développer"]);
        // A word "e" or a lone symbol that is all the line stays as read.
        let l = clean(line(vec![
            word(100.0, 120.0, 0.0, "e", 60.0),
            word(130.0, 400.0, 0.0, "mois", 96.0),
        ]));
        assert_eq!(texts(&l), ["e", "mois"]);
        let l = clean(line(vec![word(100.0, 120.0, 0.0, "*", 60.0)]));
        assert_eq!(texts(&l), ["*"]);
        // A speck before the text is dropped, not made a marker.
        let mut speck = word(50.0, 54.0, 0.0, "'", 20.0);
        speck.bbox[3] = 4.0;
        let l = clean(line(vec![speck, word(140.0, 400.0, 0.0, "Contact", 96.0)]));
        assert_eq!(texts(&l), ["Contact"]);
        // Arrows: a wide dash, `—>`, a low-confidence token before an
        // indent; an en dash (narrow) stays a dash.
        for (x1, text, conf) in [(140.0, "-", 90.0), (125.0, "—>", 80.0), (140.0, "nu", 10.0)] {
            let l = clean(line(vec![
                word(100.0, x1, 0.0, text, conf),
                word(200.0, 400.0, 0.0, "Parcours", 96.0),
            ]));
            assert_eq!(texts(&l), ["→", "Parcours"], "{text}");
        }
        let mut dash = word(100.0, 140.0, 20.0, "—", 90.0);
        dash.bbox[3] = 23.0;
        let l = clean(line(vec![dash, word(160.0, 400.0, 0.0, "Parcours", 96.0)]));
        assert_eq!(texts(&l), ["—", "Parcours"], "a thin bar is a dash");
        let l = clean(line(vec![
            word(100.0, 160.0, 0.0, "[PA", 90.0),
            word(180.0, 400.0, 0.0, "[sic]", 96.0),
        ]));
        assert_eq!(texts(&l), ["IPA", "[sic]"]);
        let l = clean(line(vec![
            word(0.0, 30.0, 0.0, "A", 90.0),
            word(33.0, 90.0, 0.0, "gées", 90.0),
            word(100.0, 300.0, 0.0, "presse@", 90.0),
            word(310.0, 500.0, 0.0, "ars.sante.fr", 96.0),
            word(520.0, 560.0, 0.0, "le", 96.0),
            word(580.0, 640.0, 0.0, "lère", 80.0),
            word(660.0, 700.0, 0.0, "Ier", 90.0),
        ]));
        assert_eq!(
            texts(&l),
            ["Agées", "presse@ars.sante.fr", "le", "1ère", "Ier"]
        );
        let l = clean(line(vec![
            word(100.0, 200.0, 0.0, "O00€", 90.0),
            word(220.0, 300.0, 0.0, "2O23", 90.0),
            word(320.0, 400.0, 0.0, "Orne", 90.0),
        ]));
        assert_eq!(texts(&l), ["000€", "2023", "Orne"]);
    }

    #[test]
    fn markers_read_as_lines_of_their_own_join_their_line() {
        let line = |x0: f32, top: f32, words: Vec<Word>| Line {
            bbox: [x0, top, 2000.0, top + 40.0],
            slope: 0.0,
            offset: 0.0,
            x_size: 40.0,
            par: 1,
            words,
        };
        let mut lines = vec![
            line(100.0, 0.0, vec![word(100.0, 110.0, 5.0, "|", 80.0)]),
            line(100.0, 50.0, vec![word(100.0, 110.0, 55.0, "l", 80.0)]),
            line(
                150.0,
                0.0,
                vec![word(150.0, 300.0, 0.0, "Directives", 96.0)],
            ),
            line(
                150.0,
                50.0,
                vec![word(150.0, 300.0, 50.0, "Addictologie", 96.0)],
            ),
            // A word alone on its line stays.
            line(100.0, 100.0, vec![word(100.0, 160.0, 100.0, "Fin", 96.0)]),
            line(200.0, 100.0, vec![word(200.0, 300.0, 100.0, "Suite", 96.0)]),
        ];
        attach_stray_markers(&mut lines);
        let texts: Vec<Vec<&str>> = lines
            .iter()
            .map(|l| l.words.iter().map(|w| w.text.as_str()).collect())
            .collect();
        assert_eq!(
            texts,
            [
                vec!["|", "Directives"],
                vec!["l", "Addictologie"],
                vec!["Fin"],
                vec!["Suite"]
            ]
        );
    }

    #[test]
    fn sizes_cluster_on_gaps() {
        let c = SizeClusters {
            clusters: Vec::new(),
        };
        assert_eq!(c.snap(11.04), 11.0);
        let mut all = [10.7, 10.9, 11.0, 11.1, 11.3, 14.0, 14.4];
        all.sort_by(f32::total_cmp);
        let frame = Frame {
            x0: 0.0,
            y1: 0.0,
            scale: 1.0,
        };
        let lines = all
            .iter()
            .enumerate()
            .map(|(i, s)| Line {
                bbox: [0.0, 0.0, 10.0, 10.0],
                slope: 0.0,
                offset: 0.0,
                x_size: s / EM_PER_X_SIZE,
                par: i as u32,
                words: Vec::new(),
            })
            .collect();
        let p = PageText::new(lines, &frame);
        let c = SizeClusters::new([&p].into_iter());
        assert_eq!(c.clusters.len(), 2);
        assert_eq!(c.snap(10.7), c.snap(11.3));
        assert_eq!(c.snap(14.0), c.snap(14.4));
        assert_ne!(c.snap(11.0), c.snap(14.0));
    }
}
