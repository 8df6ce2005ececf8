//! Unruled tables: rows of the page whose words fall into the same
//! columns, with gaps wider than a word space between them.
//!
//! 1. Each row of the page (the free words of one baseline) is cut into
//!    *chunks* at gaps wider than [`CHUNK_GAP`] ems.
//! 2. A *block* is a run of rows of two chunks or more, close to each
//!    other, with short one-chunk rows allowed between them (a section
//!    label, a wrapped label); at least three rows of several chunks.
//! 3. Its columns are cut at the x ranges that (nearly) no chunk of its
//!    rows covers: a header spanning several columns does not close them.
//! 4. Each chunk goes to the column it lies in; one that crosses a column
//!    boundary is split at the word gap there, or else is a cell spanning
//!    those columns. A line that only goes on with the cell above it (in
//!    lowercase, or a hanging indent) is part of that row, and the lines
//!    of a multi-line header are joined cell by cell.
//! 5. What is not a table is left alone: two columns of running text, a
//!    list (markers in the first column), a column with one cell.

use super::super::words::{Layer, Word};
use super::{cell_lines, header_rows, one_font, Cell, PageTable, Seg};
use crate::ingest::BBox;

/// Between two words of a row, a gap wider than this (in ems) separates
/// two chunks; word spaces, even stretched by justification, are narrower.
const CHUNK_GAP: f32 = 0.9;
/// Rows of several chunks a block needs.
const MIN_ROWS: usize = 3;

/// The free words of one row of the page, in x order, cut into chunks.
struct Line {
    words: Vec<usize>,
    /// `words[from..to]` of each chunk, with its extent.
    chunks: Vec<Chunk>,
    top: f32,
    bottom: f32,
    size: f32,
    x0: f32,
    x1: f32,
}

#[derive(Clone, Copy)]
struct Chunk {
    from: usize,
    to: usize,
    x0: f32,
    x1: f32,
}

/// The unruled tables of a page: `taken` are the words already read by
/// ruled tables, `hs` the page's horizontal lines (a rule under the first
/// rows of a table marks its header).
pub(super) fn unruled_tables(layer: &Layer, taken: &[bool], hs: &[Seg]) -> Vec<PageTable> {
    // Most pages have no row of several chunks, or too few: told in one
    // pass over the words, before any line is gathered.
    if rows_of_several_chunks(layer, taken) < MIN_ROWS {
        return Vec::new();
    }
    let lines = page_lines(layer, taken);

    if lines.iter().filter(|l| l.chunks.len() >= 2).count() < MIN_ROWS {
        return Vec::new();
    }
    let bs = blocks(&lines, hs);
    bs.into_iter()
        .filter_map(|b| table_of(layer, &lines, &b, hs))
        .collect()
}

/// How many rows of free words have a gap wider than [`CHUNK_GAP`].
fn rows_of_several_chunks(layer: &Layer, taken: &[bool]) -> usize {
    let mut n = 0;
    let mut prev: Option<&Word> = None;
    let mut counted_row = u32::MAX;
    for (i, w) in layer.words.iter().enumerate() {
        if w.gone || taken.get(i) == Some(&true) {
            continue;
        }
        if let Some(p) = prev {
            if p.row == w.row
                && w.row != counted_row
                && w.x0 - p.x1 > CHUNK_GAP * 0.5 * (p.size + w.size)
            {
                n += 1;
                counted_row = w.row;
            }
        }
        prev = Some(w);
    }
    n
}

fn page_lines(layer: &Layer, taken: &[bool]) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::new();
    let mut row = u32::MAX;
    for (i, w) in layer.words.iter().enumerate() {
        if w.gone || taken.get(i) == Some(&true) {
            continue;
        }
        if w.row != row || out.is_empty() {
            row = w.row;
            out.push(Line {
                words: Vec::new(),
                chunks: Vec::new(),
                top: f32::NEG_INFINITY,
                bottom: f32::INFINITY,
                size: 0.0,
                x0: f32::INFINITY,
                x1: f32::NEG_INFINITY,
            });
        }
        if let Some(l) = out.last_mut() {
            l.words.push(i);
            l.top = l.top.max(w.top());
            l.bottom = l.bottom.min(w.bottom());
            l.size = l.size.max(w.size);
            l.x0 = l.x0.min(w.x0);
            l.x1 = l.x1.max(w.x1);
        }
    }
    for l in &mut out {
        let mut prev: Option<&Word> = None;
        for (k, w) in l
            .words
            .iter()
            .filter_map(|&i| layer.words.get(i))
            .enumerate()
        {
            let split = prev.is_none_or(|p| w.x0 - p.x1 > CHUNK_GAP * 0.5 * (p.size + w.size));
            match l.chunks.last_mut() {
                Some(c) if !split => {
                    c.to = k + 1;
                    c.x1 = c.x1.max(w.x1);
                }
                _ => l.chunks.push(Chunk {
                    from: k,
                    to: k + 1,
                    x0: w.x0,
                    x1: w.x1,
                }),
            }
            prev = Some(w);
        }
    }
    out
}

/// Runs of rows of several chunks (indices into `lines`), close to each
/// other, with short one-chunk rows between them.
fn blocks(lines: &[Line], hs: &[Seg]) -> Vec<Vec<usize>> {
    let mut out = Vec::new();
    let mut cur: Vec<usize> = Vec::new();
    let (mut bx0, mut bx1) = (f32::INFINITY, f32::NEG_INFINITY);
    let close = |cur: &mut Vec<usize>, out: &mut Vec<Vec<usize>>| {
        while cur
            .last()
            .is_some_and(|&i| lines.get(i).is_some_and(|l| l.chunks.len() < 2))
        {
            cur.pop();
        }
        let multi = cur
            .iter()
            .filter(|&&i| lines.get(i).is_some_and(|l| l.chunks.len() >= 2))
            .count();
        if multi >= MIN_ROWS {
            out.push(std::mem::take(cur));
        } else {
            cur.clear();
        }
    };
    for (i, l) in lines.iter().enumerate() {
        let multi = l.chunks.len() >= 2;
        let fits = match cur.last().and_then(|&p| lines.get(p)) {
            None => false,
            Some(prev) => {
                let near = prev.bottom - l.top <= 2.0 * l.size.max(prev.size);
                let inside = l.x0 >= bx0 - 2.0 * l.size && l.x1 <= bx1 + 2.0 * l.size;
                // A one-chunk row under a rule across the block is the
                // text after the table (a caption, a note): the rule was
                // the table's last.
                let ruled_off = hs.iter().any(|s| {
                    s.pos < prev.bottom + 1.0
                        && s.pos > l.top - 1.0
                        && s.hi.min(bx1) - s.lo.max(bx0) >= 0.6 * (bx1 - bx0)
                });
                let short = l.x1 - l.x0 <= 0.5 * (bx1 - bx0) && !ruled_off;
                // (A row of several chunks may reach further than the rows
                // above it: numbers set right of left-aligned headers.)
                let overlaps = l.x0 < bx1 && l.x1 > bx0;
                near && ((multi && overlaps) || (inside && short))
            }
        };
        if !fits {
            close(&mut cur, &mut out);
            (bx0, bx1) = (f32::INFINITY, f32::NEG_INFINITY);
            if !multi {
                continue;
            }
        }
        cur.push(i);
        if multi {
            bx0 = bx0.min(l.x0);
            bx1 = bx1.max(l.x1);
        }
    }
    close(&mut cur, &mut out);
    out
}

/// Column boundaries of a block: its left edge, the middle of each x
/// range that at most a tenth of its rows of several chunks cover, its
/// right edge.
fn columns(lines: &[&Line], head: usize) -> Vec<f32> {
    // The gaps are read on the body of the table when it has rows enough:
    // a header's cells, left-aligned over right-aligned numbers, can come
    // closer to the column before than the numbers do.
    let body: Vec<&&Line> = lines
        .iter()
        .skip(head)
        .filter(|l| l.chunks.len() >= 2)
        .collect();
    let multi: Vec<&&Line> = if body.len() >= MIN_ROWS {
        body
    } else {
        lines.iter().filter(|l| l.chunks.len() >= 2).collect()
    };
    let x0 = lines.iter().map(|l| l.x0).fold(f32::INFINITY, f32::min);
    let x1 = lines.iter().map(|l| l.x1).fold(f32::NEG_INFINITY, f32::max);
    let mut sizes: Vec<f32> = multi.iter().map(|l| l.size).collect();
    sizes.sort_by(f32::total_cmp);
    let size = sizes.get(sizes.len() / 2).copied().unwrap_or(10.0);
    // (x, +1 at a chunk's start, -1 at its end); at one x, starts first:
    // chunks that touch leave no gap.
    let mut ev: Vec<(f32, i32)> = multi
        .iter()
        .flat_map(|l| l.chunks.iter().flat_map(|c| [(c.x0, 1), (c.x1, -1)]))
        .collect();
    ev.sort_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)));
    let allowed = (multi.len() / 10) as i32;
    let mut out = vec![x0];
    let mut count = 0;
    let mut open: Option<f32> = None;
    for (x, d) in ev {
        let before = count;
        count += d;
        if before > allowed && count <= allowed {
            open = Some(x);
        } else if before <= allowed && count > allowed {
            if let Some(a) = open.take() {
                if a > x0 && x < x1 && x - a >= 0.5 * size {
                    out.push(boundary(lines, a, x));
                }
            }
        }
    }
    out.push(x1);
    out
}

/// Where to cut in the gap `a..b` between the text of two columns: next
/// to the chunks of other rows (a header) that start or end in the gap —
/// a header set left over right-aligned numbers shows where the column
/// starts; in the middle of the gap otherwise.
fn boundary(lines: &[&Line], a: f32, b: f32) -> f32 {
    let chunks = || lines.iter().flat_map(|l| l.chunks.iter());
    let starts = chunks()
        .map(|c| c.x0)
        .filter(|&x| x > a && x < b)
        .fold(f32::INFINITY, f32::min);
    // (Chunks that come from the left column and end in the gap.)
    let ends = chunks()
        .filter(|c| c.x0 <= a)
        .map(|c| c.x1)
        .filter(|&x| x > a && x < b)
        .fold(f32::NEG_INFINITY, f32::max);
    match (starts.is_finite(), ends.is_finite()) {
        (true, false) => (a + starts) / 2.0,
        (false, true) => (ends + b) / 2.0,
        (true, true) if ends < starts => (ends + starts) / 2.0,
        _ => (a + b) / 2.0,
    }
}

/// A piece of a row: words of one line in columns `c0..=c1`.
#[derive(Clone)]
struct Piece {
    line: usize,
    c0: usize,
    c1: usize,
    words: Vec<usize>,
    x0: f32,
}

/// The pieces of line `li` on the columns `xs`.
fn pieces(layer: &Layer, line: &Line, li: usize, xs: &[f32]) -> Vec<Piece> {
    let nc = xs.len().saturating_sub(1);
    let col_of = |x: f32| xs.partition_point(|&b| b < x).clamp(1, nc.max(1)) - 1;
    let mut out: Vec<Piece> = Vec::new();
    for c in &line.chunks {
        let ws: Vec<usize> = line.words.get(c.from..c.to).unwrap_or_default().to_vec();
        let (a, b) = (col_of(c.x0 + 0.01), col_of(c.x1 - 0.01));
        // The boundaries inside the chunk, each at a gap between words?
        let at_gaps = (a + 1..=b).all(|k| {
            let x = xs.get(k).copied().unwrap_or(0.0);
            ws.windows(2)
                .any(|p| match (layer.words.get(p[0]), layer.words.get(p[1])) {
                    (Some(u), Some(v)) => u.x1 <= x + 1.0 && v.x0 >= x - 1.0,
                    _ => false,
                })
        });
        if a == b || !at_gaps {
            out.push(Piece {
                line: li,
                c0: a,
                c1: b.max(a),
                words: ws,
                x0: c.x0,
            });
            continue;
        }
        for &w in &ws {
            let Some(word) = layer.words.get(w) else {
                continue;
            };
            let col = col_of((word.x0 + word.x1) / 2.0);
            match out.last_mut() {
                Some(p) if p.line == li && p.c0 == col && p.c1 == col => p.words.push(w),
                _ => out.push(Piece {
                    line: li,
                    c0: col,
                    c1: col,
                    words: vec![w],
                    x0: word.x0,
                }),
            }
        }
    }
    out
}

fn text_of(layer: &Layer, words: &[usize]) -> String {
    let mut s = String::new();
    for w in words.iter().filter_map(|&i| layer.words.get(i)) {
        if !s.is_empty() {
            s.push(' ');
        }
        s.push_str(w.text(&layer.text));
    }
    s
}

/// A number, an amount, a percentage, a date: more digits than letters
/// in the words `words` (read one after the other, not joined).
fn numeric_words(layer: &Layer, words: &[usize]) -> bool {
    let (mut digits, mut letters) = (0, 0);
    for w in words.iter().filter_map(|&i| layer.words.get(i)) {
        for c in w.text(&layer.text).chars() {
            digits += usize::from(c.is_ascii_digit());
            letters += usize::from(c.is_alphabetic());
        }
    }
    digits > 0 && digits >= letters
}

/// A list marker alone: "•", "–", "1.", "a)", "→".
fn marker(s: &str) -> bool {
    let s = s.trim();
    let n = s.chars().count();
    if n == 0 || n > 4 {
        return false;
    }
    let letters = s.chars().filter(|c| c.is_alphabetic()).count();
    !s.chars().any(char::is_alphanumeric)
        || (s.ends_with(['.', ')']) && letters <= 1)
        || (s.ends_with(')') && s.chars().all(|c| matches!(c, 'i' | 'v' | 'x' | ')')))
}

/// Whether column `col` holds running text: its lines go on from one to
/// the next (a hyphen at the end, a lowercase start) for a fifth of them,
/// half of them start with a list marker, or they are long (five words
/// and more) and fill the column.
/// `head`: the lines of the header (the lines of a header cell go on from
/// one to the next and prove nothing).
fn running_text(layer: &Layer, pieces: &[Piece], head: usize, col: usize) -> bool {
    // The column's text line by line (a justified line can be cut into
    // several chunks).
    let mut merged: Vec<Piece> = Vec::new();
    for p in pieces.iter().filter(|p| p.c0 == col && p.c1 == col) {
        match merged.last_mut() {
            Some(m) if m.line == p.line => m.words.extend(&p.words),
            _ => merged.push(p.clone()),
        }
    }
    let mine: Vec<&Piece> = merged.iter().collect();
    if mine.len() < 3 {
        return false;
    }
    // (The text of a piece, its words joined by spaces, ends with the last
    // word's end and starts with the first word's start: no string made.)
    let word = |i: Option<&usize>| {
        i.and_then(|&i| layer.words.get(i))
            .map(|w| w.text(&layer.text))
    };
    let goes_on = mine
        .windows(2)
        .filter(|p| {
            p[1].line == p[0].line + 1
                && p[1].line > head
                && (word(p[0].words.last()).is_some_and(|t| t.ends_with('-'))
                    || word(p[1].words.first())
                        .and_then(|t| t.chars().next())
                        .is_some_and(char::is_lowercase))
        })
        .count();
    // Items of a list: most lines that start a row start with a marker.
    let items = mine
        .iter()
        .filter(|p| {
            p.words
                .first()
                .and_then(|&i| layer.words.get(i))
                .is_some_and(|w| marker(w.text(&layer.text)) || w.text(&layer.text) == "->")
        })
        .count();
    if goes_on * 5 >= mine.len() - 1 || items * 2 >= mine.len() {
        return true;
    }
    let right = mine
        .iter()
        .flat_map(|p| p.words.iter().filter_map(|&i| layer.words.get(i)))
        .map(|w| w.x1)
        .fold(f32::NEG_INFINITY, f32::max);
    let left = mine.iter().map(|p| p.x0).fold(f32::INFINITY, f32::min);
    let mut words: Vec<usize> = mine.iter().map(|p| p.words.len()).collect();
    words.sort_unstable();
    let mut fill: Vec<f32> = mine
        .iter()
        .map(|p| {
            let end = p
                .words
                .iter()
                .filter_map(|&i| layer.words.get(i))
                .map(|w| w.x1)
                .fold(p.x0, f32::max);
            (end - left) / (right - left).max(1.0)
        })
        .collect();
    fill.sort_by(f32::total_cmp);
    let mid = mine.len() / 2;
    words.get(mid).is_some_and(|&w| w >= 5) && fill.get(mid).is_some_and(|&f| f >= 0.75)
}

/// The lines at the top of a block that are its header, before its
/// columns are known: those above a rule across the block near its top,
/// or above the first line with a number after its first chunk.
fn head_guess(layer: &Layer, bl: &[&Line], hs: &[Seg]) -> usize {
    let x0 = bl.iter().map(|l| l.x0).fold(f32::INFINITY, f32::min);
    let x1 = bl.iter().map(|l| l.x1).fold(f32::NEG_INFINITY, f32::max);
    let ruled = (0..bl.len().min(6)).find(|&k| {
        let (Some(a), Some(b)) = (bl.get(k), bl.get(k + 1)) else {
            return false;
        };
        hs.iter().any(|s| {
            s.pos < a.bottom + 1.0
                && s.pos > b.top - 1.0
                && s.hi.min(x1) - s.lo.max(x0) >= 0.6 * (x1 - x0)
        })
    });
    if let Some(k) = ruled {
        return k + 1;
    }
    let numbers = |l: &Line| {
        l.chunks
            .iter()
            .skip(1)
            .any(|c| numeric_words(layer, l.words.get(c.from..c.to).unwrap_or_default()))
    };
    let with_numbers = bl.iter().filter(|l| numbers(l)).count();
    if with_numbers * 2 >= bl.len() {
        bl.iter().position(|l| numbers(l)).unwrap_or(0)
    } else {
        0
    }
}

fn table_of(layer: &Layer, lines: &[Line], block: &[usize], hs: &[Seg]) -> Option<PageTable> {
    let bl: Vec<&Line> = block.iter().filter_map(|&i| lines.get(i)).collect();
    let guessed_head = head_guess(layer, &bl, hs);
    let mut xs = columns(&bl, guessed_head);
    // Columns with text in one row only are no columns: their boundary
    // goes (the narrower gap first), and the pieces are cut again.
    let mut all: Vec<Piece>;
    loop {
        if xs.len() < 3 {
            return None;
        }
        all = bl
            .iter()
            .enumerate()
            .flat_map(|(k, l)| pieces(layer, l, k, &xs))
            .collect();
        let nc = xs.len() - 1;
        let mut filled = vec![0usize; nc];
        for p in all.iter().filter(|p| p.c0 == p.c1) {
            if let Some(f) = filled.get_mut(p.c0) {
                *f += 1;
            }
        }
        let Some(weak) = filled.iter().position(|&f| f < 2) else {
            break;
        };
        // Remove the boundary on the side of the weak column that its
        // text is closer to.
        let k = if weak == 0 {
            1
        } else if weak + 1 == nc {
            weak
        } else {
            let mid = (xs[weak] + xs[weak + 1]) / 2.0;
            let centre = all
                .iter()
                .find(|p| p.c0 == weak && p.c1 == weak)
                .map_or(mid, |p| p.x0);
            if centre - xs[weak] < xs[weak + 1] - centre {
                weak
            } else {
                weak + 1
            }
        };
        xs.remove(k);
    }
    let nc = xs.len() - 1;
    // Two columns of running text (a two-column page) are told here
    // already, before any row or cell is made (again below, with the
    // header the rows show).
    if (0..nc)
        .filter(|&c| running_text(layer, &all, guessed_head, c))
        .count()
        >= 2
    {
        return None;
    }
    // Rows: each line a row, but a line that only goes on with a cell of
    // the row above (lowercase start, or a hanging indent that the next
    // line comes back from) joins that row.
    let n = bl.len();
    let mut row_of: Vec<usize> = (0..n).collect();
    // The pieces of line `k`: `all` holds them line by line, in order.
    let mut starts = vec![0usize; n + 1];
    for p in &all {
        if let Some(s) = starts.get_mut(p.line + 1) {
            *s += 1;
        }
    }
    for k in 0..n {
        starts[k + 1] += starts[k];
    }
    let by_line = |k: usize| {
        let range = match (starts.get(k), starts.get(k + 1)) {
            (Some(&a), Some(&b)) => a..b,
            _ => 0..0,
        };
        all.get(range).unwrap_or_default().iter()
    };
    for k in 1..n {
        let mine: Vec<&Piece> = by_line(k).collect();
        let [p] = mine.as_slice() else { continue };
        if p.c0 != p.c1 {
            continue;
        }
        let Some(above) = by_line(k - 1).find(|q| q.c0 == p.c0 && q.c1 == p.c1) else {
            continue;
        };
        let size = bl.get(k).map_or(10.0, |l| l.size);
        let lower = text_of(layer, &p.words)
            .chars()
            .next()
            .is_some_and(char::is_lowercase);
        let next_back = by_line(k + 1)
            .find(|q| q.c0 == p.c0)
            .is_some_and(|q| q.x0 < p.x0 - 0.5 * size);
        let hanging = p.x0 > above.x0 + 0.5 * size && next_back;
        let close = bl
            .get(k - 1)
            .zip(bl.get(k))
            .is_some_and(|(a, b)| a.bottom - b.top <= 0.8 * size);
        if (lower || hanging) && close {
            row_of[k] = row_of[k - 1];
        }
    }
    // The header: the lines above a rule across the table near its top,
    // or, in a table of numbers, the lines above the first row of numbers.
    let (tx0, tx1) = (xs[0], xs[nc]);
    let rule_under = |k: usize| {
        let (Some(a), Some(b)) = (bl.get(k), bl.get(k + 1)) else {
            return false;
        };
        hs.iter().any(|s| {
            s.pos < a.bottom + 1.0
                && s.pos > b.top - 1.0
                && s.hi.min(tx1) - s.lo.max(tx0) >= 0.6 * (tx1 - tx0)
        })
    };
    let numbers = |k: usize| by_line(k).any(|p| p.c0 > 0 && numeric_words(layer, &p.words));
    let numeric_lines = (0..n).filter(|&k| numbers(k)).count();
    let head_lines = match (0..n.min(6)).find(|&k| rule_under(k)) {
        Some(k) => k + 1,
        None if numeric_lines * 2 >= n => (0..n).find(|&k| numbers(k)).unwrap_or(0),
        None => 0,
    };
    // What is not a table: two columns of running text or of list items.
    if (0..nc)
        .filter(|&c| running_text(layer, &all, head_lines, c))
        .count()
        >= 2
    {
        return None;
    }
    // A multi-line header: a line whose cells fall under the cells of the
    // line above joins its row.
    for k in 1..head_lines.min(n) {
        let cols = |k: usize| -> Option<Vec<usize>> {
            let ps: Vec<&Piece> = by_line(k).collect();
            if ps.iter().any(|p| p.c0 != p.c1) {
                return None;
            }
            Some(ps.iter().map(|p| p.c0).collect())
        };
        let size = bl.get(k).map_or(10.0, |l| l.size);
        let close = bl
            .get(k - 1)
            .zip(bl.get(k))
            .is_some_and(|(a, b)| a.bottom - b.top <= 0.8 * size);
        if let (Some(above), Some(mine), true) = (cols(k - 1), cols(k), close) {
            if !mine.is_empty() && mine.iter().all(|c| above.contains(c)) {
                row_of[k] = row_of[k - 1];
            }
        }
    }
    // Renumber the rows.
    let mut rank = vec![0usize; n];
    let mut r = 0;
    for k in 0..n {
        if k > 0 && row_of[k] != row_of[k - 1] {
            r += 1;
        }
        rank[k] = r;
    }
    let rows = r + 1;
    let header_lines_rows = if head_lines > 0 {
        rank.get(head_lines - 1).map_or(0, |&r| r + 1)
    } else {
        0
    };
    // Cells: pieces of one row and column span joined.
    let mut cells: Vec<(usize, usize, usize, Vec<usize>)> = Vec::new();
    let mut cell_at: std::collections::HashMap<(usize, usize, usize), usize> =
        std::collections::HashMap::new();
    for p in &all {
        let row = rank.get(p.line).copied().unwrap_or(0);
        match cell_at
            .get(&(row, p.c0, p.c1))
            .and_then(|&i| cells.get_mut(i))
        {
            Some(c) => c.3.extend(&p.words),
            None => {
                cell_at.insert((row, p.c0, p.c1), cells.len());
                cells.push((row, p.c0, p.c1, p.words.clone()));
            }
        }
    }
    // Overlapping spans in a row (a spanning piece and a piece below it
    // in the same row): the grid must hold one cell per place.
    cells.sort_by_key(|c| (c.0, c.1, std::cmp::Reverse(c.2)));
    let mut kept: Vec<(usize, usize, usize, Vec<usize>)> = Vec::new();
    for c in cells {
        match kept.last_mut() {
            Some(k) if k.0 == c.0 && c.1 <= k.2 => {
                k.2 = k.2.max(c.2);
                k.3.extend(c.3);
            }
            _ => kept.push(c),
        }
    }
    let first: Vec<String> = kept
        .iter()
        .filter(|c| c.1 == 0)
        .map(|c| text_of(layer, &c.3))
        .collect();
    if !first.is_empty() && first.iter().filter(|t| marker(t)).count() * 10 >= first.len() * 7 {
        return None;
    }
    let mut per_row = vec![0usize; rows];
    for c in &kept {
        if let Some(n) = per_row.get_mut(c.0) {
            *n += 1;
        }
    }
    let several = per_row.iter().filter(|&&n| n >= 2).count();
    // Most places of the grid hold text: a chart's labels or a formula
    // scattered over a page leave most of them empty.
    let covered: usize = kept.iter().map(|c| c.2 + 1 - c.1).sum();
    if several < MIN_ROWS || covered * 2 < rows * nc {
        return None;
    }
    // Row extents, for the cells' boxes.
    let mut row_y = vec![(f32::NEG_INFINITY, f32::INFINITY); rows];
    for (k, l) in bl.iter().enumerate() {
        if let Some(y) = rank.get(k).and_then(|&r| row_y.get_mut(r)) {
            y.0 = y.0.max(l.top);
            y.1 = y.1.min(l.bottom);
        }
    }
    let mut out_cells: Vec<Cell> = Vec::new();
    let kept_at: std::collections::HashMap<(usize, usize), usize> = kept
        .iter()
        .enumerate()
        .map(|(i, k)| ((k.0, k.1), i))
        .collect();
    for r in 0..rows {
        let (top, bottom) = row_y.get(r).copied().unwrap_or((0.0, 0.0));
        let mut c = 0;
        while c < nc {
            let found = kept_at.get(&(r, c)).and_then(|&i| kept.get(i));
            let (c1, words) = match found {
                Some(k) => (k.2, k.3.clone()),
                None => (c, Vec::new()),
            };
            let bbox: BBox = [xs[c], bottom, xs[c1 + 1], top];
            out_cells.push(Cell {
                row: r,
                col: c,
                rowspan: 1,
                colspan: c1 + 1 - c,
                bbox,
                lines: cell_lines(layer, &words),
                font: one_font(layer, &words),
            });
            c = c1 + 1;
        }
    }
    let words: Vec<usize> = kept.iter().flat_map(|c| c.3.iter().copied()).collect();
    let mut bbox: Option<BBox> = None;
    for w in words.iter().filter_map(|&i| layer.words.get(i)) {
        let b = bbox.get_or_insert(w.bbox);
        super::super::union(b, &w.bbox);
    }
    let mut t = PageTable {
        bbox: bbox?,
        cols: nc,
        rows,
        xs,
        cells: out_cells,
        header_rows: 0,
        words,
    };
    t.header_rows = if header_lines_rows > 0 && header_lines_rows < rows {
        header_lines_rows
    } else {
        header_rows(&t)
    };
    Some(t)
}
