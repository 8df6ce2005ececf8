//! Tables: ruled tables from the lines and rectangles drawn on the page
//! (strokes, thin fills, and cells drawn as filled rectangles), unruled
//! ones from words that line up in columns over several rows.
//!
//! Per page, on the horizontal layer, after the furniture is removed: the
//! words of a table are taken out of the text flow (`Word::gone`) and read
//! cell by cell; the table goes back into the page's lines where it stood
//! ([`super::layout`]). A table that ends at the foot of a page and goes
//! on at the top of the next with the same columns is one table
//! ([`join_pages`]).

mod unruled;

use super::words::{Layer, Word};
use crate::ingest::pdf::Rule;
use crate::ingest::{BBox, CellPart, RawCell, RawRow, RawTable};

/// A rule box thinner than this (points) in one direction is a line.
const THIN: f32 = 3.0;
/// Positions within this distance (points) are the same grid line, and
/// lines that come this close meet.
const TOL: f32 = 2.0;
/// Rulings beyond which a page is not searched for ruled tables (a chart,
/// a map): the intersections would cost more than they can tell.
const MAX_SEGMENTS: usize = 5_000;

/// A horizontal (`pos` = y, from `lo` to `hi` in x) or vertical (`pos` =
/// x, `lo`..`hi` in y) line.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Seg {
    pos: f32,
    lo: f32,
    hi: f32,
}

/// A table found on one page, before tables are joined across pages.
#[derive(Debug, Clone)]
pub(super) struct PageTable {
    pub(super) bbox: BBox,
    pub(super) cols: usize,
    pub(super) rows: usize,
    /// Column boundaries, left to right (`cols + 1` values).
    pub(super) xs: Vec<f32>,
    /// Cells in reading order (by row, then column).
    pub(super) cells: Vec<Cell>,
    /// The first rows that are headers.
    pub(super) header_rows: usize,
    /// The words of the layer it reads (taken out of the text flow when
    /// the table is kept, see [`join_pages`]).
    pub(super) words: Vec<usize>,
}

impl PageTable {
    /// A table of one row stands only as the rest of a table broken by a
    /// page break: alone, a row of boxes is a page header, a form, a
    /// legend.
    fn standalone(&self) -> bool {
        self.rows >= 2
    }
}

#[derive(Debug, Clone)]
pub(super) struct Cell {
    pub(super) row: usize,
    pub(super) col: usize,
    pub(super) rowspan: usize,
    pub(super) colspan: usize,
    pub(super) bbox: BBox,
    pub(super) lines: Vec<String>,
    /// The font of all its words, when they share one.
    pub(super) font: Option<u32>,
}

/// Finds the tables of one page, top to bottom, with whether each is the
/// first and the last thing of the page's text (nothing above it, nothing
/// below it). `layer` is the page's horizontal layer; its words are not
/// changed.
pub(super) fn find(layer: &Layer, rules: &[Rule], page: BBox) -> Vec<(PageTable, bool, bool)> {
    let (hs, vs) = segments(rules, page);
    let mut out: Vec<PageTable> = Vec::new();
    // The words read by a table so far (allocated only when a page has
    // one: most have none).
    let mut taken: Vec<bool> = Vec::new();
    let take = |taken: &mut Vec<bool>, words: &[usize]| {
        if taken.is_empty() {
            taken.resize(layer.words.len(), false);
        }
        for &w in words {
            if let Some(slot) = taken.get_mut(w) {
                *slot = true;
            }
        }
    };
    if !vs.is_empty() && hs.len() + vs.len() <= MAX_SEGMENTS {
        for grid in grids(&hs, &vs) {
            if let Some(t) = ruled_table(layer, &taken, &grid, &hs, &vs) {
                take(&mut taken, &t.words);
                out.push(t);
            }
        }
    }
    for t in unruled::unruled_tables(layer, &taken, &hs) {
        take(&mut taken, &t.words);
        out.push(t);
    }
    out.sort_by(|a, b| b.bbox[3].total_cmp(&a.bbox[3]));
    // The text of the page around its tables: the words left.
    let free = || {
        layer
            .words
            .iter()
            .enumerate()
            .filter(|(i, w)| !w.gone && taken.get(*i) != Some(&true))
            .map(|(_, w)| w)
    };
    out.into_iter()
        .map(|t| {
            let first = !free().any(|w| w.bottom() >= t.bbox[3] - 1.0);
            let last = !free().any(|w| w.top() <= t.bbox[1] + 1.0);
            (t, first, last)
        })
        .collect()
}

// ---------------------------------------------------------------------------
// Rulings

/// The horizontal and vertical lines of the page: stroked segments, thin
/// filled rectangles, and the edges of the filled rectangles that shade
/// cells. Collinear pieces that touch are merged.
fn segments(rules: &[Rule], page: BBox) -> (Vec<Seg>, Vec<Seg>) {
    let (pw, ph) = (page[2] - page[0], page[3] - page[1]);
    let mut hs = Vec::new();
    let mut vs = Vec::new();
    let mut areas: Vec<BBox> = Vec::new();
    for r in rules {
        let [x0, y0, x1, y1] = r.bbox;
        let (w, h) = (x1 - x0, y1 - y0);
        if !(w >= 0.0 && h >= 0.0) {
            continue;
        }
        if h <= THIN && w > h {
            hs.push(Seg {
                pos: (y0 + y1) / 2.0,
                lo: x0,
                hi: x1,
            });
        } else if w <= THIN && h > w {
            vs.push(Seg {
                pos: (x0 + x1) / 2.0,
                lo: y0,
                hi: y1,
            });
        } else if r.filled && !(w > 0.8 * pw && h > 0.8 * ph) {
            // A shaded area (a page background is none).
            areas.push(r.bbox);
        }
    }
    // An area inside another is the padding of a shaded cell (HTML
    // converters fill the cell, then its paragraph): its edges are not
    // the cell's.
    if areas.len() <= 2_000 {
        let inside = |a: &BBox, b: &BBox| {
            a != b
                && a[0] >= b[0] - 0.5
                && a[1] >= b[1] - 0.5
                && a[2] <= b[2] + 0.5
                && a[3] <= b[3] + 0.5
        };
        let kept: Vec<BBox> = areas
            .iter()
            .filter(|a| !areas.iter().any(|b| inside(a, b)))
            .copied()
            .collect();
        for [x0, y0, x1, y1] in kept {
            for y in [y0, y1] {
                hs.push(Seg {
                    pos: y,
                    lo: x0,
                    hi: x1,
                });
            }
            for x in [x0, x1] {
                vs.push(Seg {
                    pos: x,
                    lo: y0,
                    hi: y1,
                });
            }
        }
    }
    (merge(hs), merge(vs))
}

/// Collinear segments that overlap or touch become one.
fn merge(mut segs: Vec<Seg>) -> Vec<Seg> {
    segs.sort_by(|a, b| a.pos.total_cmp(&b.pos).then(a.lo.total_cmp(&b.lo)));
    let mut out: Vec<Seg> = Vec::with_capacity(segs.len());
    // Lines at one position are merged along it; a line a hair away from
    // the previous one (a double border, a rounding) joins it too.
    let mut i = 0;
    while i < segs.len() {
        let base = segs[i].pos;
        let mut j = i;
        while j < segs.len() && segs[j].pos - base <= 1.0 {
            j += 1;
        }
        let mut group: Vec<Seg> = segs[i..j].to_vec();
        group.sort_by(|a, b| a.lo.total_cmp(&b.lo));
        let mut cur: Option<Seg> = None;
        for s in group {
            match &mut cur {
                Some(c) if s.lo <= c.hi + TOL => c.hi = c.hi.max(s.hi),
                _ => {
                    if let Some(c) = cur.take() {
                        out.push(c);
                    }
                    cur = Some(Seg { pos: base, ..s });
                }
            }
        }
        out.extend(cur);
        i = j;
    }
    out
}

/// A set of lines that meet: the horizontal and vertical lines (indices)
/// of one ruled structure.
struct Grid {
    hs: Vec<usize>,
    vs: Vec<usize>,
}

/// Groups the lines that meet (with [`TOL`]) into connected structures.
fn grids(hs: &[Seg], vs: &[Seg]) -> Vec<Grid> {
    let n = hs.len() + vs.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(p: &mut [usize], mut i: usize) -> usize {
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    // Verticals by x: each horizontal line meets the ones within its span.
    let mut by_x: Vec<usize> = (0..vs.len()).collect();
    by_x.sort_by(|&a, &b| vs[a].pos.total_cmp(&vs[b].pos));
    for (hi, h) in hs.iter().enumerate() {
        let from = by_x.partition_point(|&v| vs[v].pos < h.lo - TOL);
        for &v in &by_x[from..] {
            let s = &vs[v];
            if s.pos > h.hi + TOL {
                break;
            }
            if h.pos >= s.lo - TOL && h.pos <= s.hi + TOL {
                let (a, b) = (find(&mut parent, hi), find(&mut parent, hs.len() + v));
                parent[a] = b;
            }
        }
    }
    let mut groups: std::collections::BTreeMap<usize, Grid> = std::collections::BTreeMap::new();
    for i in 0..n {
        let root = find(&mut parent, i);
        let g = groups.entry(root).or_insert_with(|| Grid {
            hs: Vec::new(),
            vs: Vec::new(),
        });
        if i < hs.len() {
            g.hs.push(i);
        } else {
            g.vs.push(i - hs.len());
        }
    }
    groups
        .into_values()
        .filter(|g| g.hs.len() >= 2 && g.vs.len() >= 2)
        .collect()
}

/// Sorted positions, those within [`TOL`] of each other merged (their
/// mean).
fn cluster(mut v: Vec<f32>) -> Vec<f32> {
    v.sort_by(f32::total_cmp);
    let mut out: Vec<f32> = Vec::new();
    let mut sum = 0.0;
    let mut n = 0.0;
    let mut first = f32::NAN;
    for x in v {
        if n > 0.0 && x - first > TOL {
            out.push(sum / n);
            sum = 0.0;
            n = 0.0;
        }
        if n == 0.0 {
            first = x;
        }
        sum += x;
        n += 1.0;
    }
    if n > 0.0 {
        out.push(sum / n);
    }
    out
}

/// The table a ruled structure draws, when it is one: cells from the grid
/// of its lines (neighbouring grid cells with no line between them are one
/// cell), at least two columns, and text in two cells at least.
fn ruled_table(
    layer: &Layer,
    taken: &[bool],
    grid: &Grid,
    hs: &[Seg],
    vs: &[Seg],
) -> Option<PageTable> {
    let gh: Vec<Seg> = grid.hs.iter().map(|&i| hs[i]).collect();
    let gv: Vec<Seg> = grid.vs.iter().map(|&i| vs[i]).collect();
    let xs = cluster(
        gv.iter()
            .map(|s| s.pos)
            .chain(gh.iter().flat_map(|s| [s.lo, s.hi]))
            .collect(),
    );
    // Top to bottom.
    let mut ys = cluster(
        gh.iter()
            .map(|s| s.pos)
            .chain(gv.iter().flat_map(|s| [s.lo, s.hi]))
            .collect(),
    );
    ys.reverse();
    if xs.len() < 3 || ys.len() < 2 {
        return None;
    }
    let (nc, nr) = (xs.len() - 1, ys.len() - 1);
    if nc * nr > 100_000 {
        return None;
    }
    // Ruled along its top and its bottom: the axes of a chart cross in
    // the middle of their frame, with nothing drawn along its edges.
    let width = xs[nc] - xs[0];
    let ruled_along = |y: f32| {
        let covered: f32 = gh
            .iter()
            .filter(|s| (s.pos - y).abs() <= TOL)
            .map(|s| s.hi.min(xs[nc]) - s.lo.max(xs[0]))
            .filter(|w| *w > 0.0)
            .sum();
        covered >= 0.8 * width
    };
    if !(ruled_along(ys[0]) && ruled_along(ys[nr])) {
        return None;
    }
    // A line separates two grid cells when it crosses the middle of their
    // common edge.
    let vline = |x: f32, ymid: f32| {
        gv.iter()
            .any(|s| (s.pos - x).abs() <= TOL && s.lo - TOL <= ymid && ymid <= s.hi + TOL)
    };
    let hline = |y: f32, xmid: f32| {
        gh.iter()
            .any(|s| (s.pos - y).abs() <= TOL && s.lo - TOL <= xmid && xmid <= s.hi + TOL)
    };
    let mut parent: Vec<usize> = (0..nr * nc).collect();
    fn find(p: &mut [usize], mut i: usize) -> usize {
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    for r in 0..nr {
        let ymid = (ys[r] + ys[r + 1]) / 2.0;
        for c in 0..nc {
            let xmid = (xs[c] + xs[c + 1]) / 2.0;
            if c + 1 < nc && !vline(xs[c + 1], ymid) {
                let (a, b) = (
                    find(&mut parent, r * nc + c),
                    find(&mut parent, r * nc + c + 1),
                );
                parent[a] = b;
            }
            if r + 1 < nr && !hline(ys[r + 1], xmid) {
                let (a, b) = (
                    find(&mut parent, r * nc + c),
                    find(&mut parent, (r + 1) * nc + c),
                );
                parent[a] = b;
            }
        }
    }
    // Each cell: the grid rectangle its grid cells cover.
    let mut spans: std::collections::BTreeMap<usize, [usize; 4]> = Default::default();
    for r in 0..nr {
        for c in 0..nc {
            let root = find(&mut parent, r * nc + c);
            let e = spans.entry(root).or_insert([r, c, r, c]);
            e[0] = e[0].min(r);
            e[1] = e[1].min(c);
            e[2] = e[2].max(r);
            e[3] = e[3].max(c);
        }
    }
    // Every cell of a table is a rectangle of the grid; a region of
    // another shape is the space between boxes that touch (form fields,
    // frames), not a cell.
    let covered: usize = spans
        .values()
        .map(|e| (e[2] - e[0] + 1) * (e[3] - e[1] + 1))
        .sum();
    if covered != nr * nc {
        return None;
    }
    let rects: Vec<[usize; 4]> = spans.into_values().collect();
    // The words of each cell, by the grid cell their middle is in.
    let (left, right, top, bottom) = (xs[0], xs[nc], ys[0], ys[nr]);
    let mut cell_of = vec![usize::MAX; nr * nc];
    for (k, r) in rects.iter().enumerate() {
        for row in r[0]..=r[2] {
            for col in r[1]..=r[3] {
                cell_of[row * nc + col] = k;
            }
        }
    }
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); rects.len()];
    for (wi, w) in layer.words.iter().enumerate() {
        if w.gone || taken.get(wi) == Some(&true) {
            continue;
        }
        let (x, y) = ((w.x0 + w.x1) / 2.0, w.y + 0.3 * w.size);
        if x < left || x > right || y > top || y < bottom {
            continue;
        }
        let c = xs.partition_point(|&v| v < x).clamp(1, nc) - 1;
        let r = ys.partition_point(|&v| v > y).clamp(1, nr) - 1;
        if let Some(&k) = cell_of.get(r * nc + c) {
            if let Some(m) = members.get_mut(k) {
                m.push(wi);
            }
        }
    }
    // Text in two cells at least, and in a fair share of them (a chart's
    // grid has few labels inside).
    let filled = members
        .iter()
        .filter(|m| {
            m.iter()
                .filter_map(|&i| layer.words.get(i))
                .any(|w| w.text(&layer.text).chars().any(char::is_alphanumeric))
        })
        .count();
    if filled < 2 || (rects.len() > 4 && filled * 10 < rects.len() * 3) {
        return None;
    }
    // Text that fills its cells' height: a table's rows are as tall as
    // their text; the boxes of a diagram are big around small labels.
    let mut heights: Vec<f32> = rects
        .iter()
        .zip(&members)
        .filter(|(_, m)| !m.is_empty())
        .map(|(r, m)| {
            let (lo, hi) = m
                .iter()
                .filter_map(|&i| layer.words.get(i))
                .fold((f32::INFINITY, f32::NEG_INFINITY), |(lo, hi), w| {
                    (lo.min(w.bbox[1]), hi.max(w.bbox[3]))
                });
            (hi - lo) / (ys[r[0]] - ys[r[2] + 1]).max(0.1)
        })
        .collect();
    heights.sort_by(f32::total_cmp);
    if heights
        .get(heights.len() * 3 / 4)
        .is_some_and(|&h| h < 0.35)
    {
        return None;
    }
    let mut t = build(layer, &xs, &ys, &rects, &members)?;
    // Two columns at least; and not a page frame (two boxes of running
    // text side by side, as enscript draws a 2-up page).
    let long = t.cells.iter().filter(|c| c.lines.len() > 25).count();
    if t.cols < 2 || long >= 2 {
        return None;
    }
    t.header_rows = header_rows(&t);
    t.words = members.concat();
    Some(t)
}

/// A table from grid boundaries (`xs` left to right, `ys` top to bottom),
/// cell rectangles on that grid and the words of each: grid lines that no
/// cell starts or ends at are dropped, so that rows and columns are those
/// the cells make.
fn build(
    layer: &Layer,
    xs: &[f32],
    ys: &[f32],
    rects: &[[usize; 4]],
    members: &[Vec<usize>],
) -> Option<PageTable> {
    let mut row_cuts: Vec<usize> = rects.iter().flat_map(|r| [r[0], r[2] + 1]).collect();
    let mut col_cuts: Vec<usize> = rects.iter().flat_map(|r| [r[1], r[3] + 1]).collect();
    row_cuts.sort_unstable();
    row_cuts.dedup();
    col_cuts.sort_unstable();
    col_cuts.dedup();
    let rank = |cuts: &[usize], v: usize| cuts.partition_point(|&c| c < v);
    let mut cells: Vec<Cell> = rects
        .iter()
        .zip(members)
        .map(|(r, m)| {
            let (row, col) = (rank(&row_cuts, r[0]), rank(&col_cuts, r[1]));
            Cell {
                row,
                col,
                rowspan: rank(&row_cuts, r[2] + 1) - row,
                colspan: rank(&col_cuts, r[3] + 1) - col,
                bbox: [xs[r[1]], ys[r[2] + 1], xs[r[3] + 1], ys[r[0]]],
                lines: cell_lines(layer, m),
                font: one_font(layer, m),
            }
        })
        .collect();
    cells.sort_by_key(|c| (c.row, c.col));
    let cols = col_cuts.len().checked_sub(1)?;
    let rows = row_cuts.len().checked_sub(1)?;
    let bbox = [
        xs.first().copied()?,
        ys.last().copied()?,
        xs.last().copied()?,
        ys.first().copied()?,
    ];
    Some(PageTable {
        bbox,
        cols,
        rows,
        xs: col_cuts
            .iter()
            .filter_map(|&c| xs.get(c).copied())
            .collect(),
        cells,
        header_rows: 0,
        words: Vec::new(),
    })
}

/// The text of a cell: its words row by row (rows of the page, top down),
/// left to right, one line per row.
fn cell_lines(layer: &Layer, words: &[usize]) -> Vec<String> {
    let mut ws: Vec<&Word> = words.iter().filter_map(|&i| layer.words.get(i)).collect();
    ws.sort_by(|a, b| a.row.cmp(&b.row).then(a.x0.total_cmp(&b.x0)));
    let mut lines: Vec<String> = Vec::new();
    let mut last_row = None;
    for w in ws {
        let t = w.text(&layer.text);
        if last_row == Some(w.row) {
            if let Some(l) = lines.last_mut() {
                l.push(w.sep);
                l.push_str(t);
            }
        } else {
            lines.push(t.to_string());
        }
        last_row = Some(w.row);
    }
    lines
}

/// The font all the words `words` share, if they share one.
fn one_font(layer: &Layer, words: &[usize]) -> Option<u32> {
    let mut fonts = words
        .iter()
        .filter_map(|&i| layer.words.get(i))
        .map(|w| w.font);
    let first = fonts.next()?;
    fonts.all(|f| f == first).then_some(first)
}

/// How many rows at the top of `t` are headers: the first row when each
/// of its cells is set in one font that no value of the later rows uses
/// (a bold header over regular values; the first column, often bold row
/// labels, is left out), or when it has no number while most later rows
/// have some.
fn header_rows(t: &PageTable) -> usize {
    if t.rows < 2 {
        return 0;
    }
    let body_fonts: Vec<u32> = t
        .cells
        .iter()
        .filter(|c| c.row > 0 && c.col > 0 && !c.lines.is_empty())
        .filter_map(|c| c.font)
        .collect();
    let head: Vec<&Cell> = t
        .cells
        .iter()
        .filter(|c| c.row == 0 && !c.lines.is_empty())
        .collect();
    let by_font = !head.is_empty()
        && !body_fonts.is_empty()
        && head
            .iter()
            .all(|c| c.font.is_some_and(|f| !body_fonts.contains(&f)));
    if by_font {
        return 1;
    }
    let numeric = |c: &Cell| {
        let s: String = c.lines.join(" ");
        let digits = s.chars().filter(char::is_ascii_digit).count();
        let letters = s.chars().filter(|c| c.is_alphabetic()).count();
        digits > 0 && digits >= letters
    };
    let first_numeric = t.cells.iter().any(|c| c.row == 0 && numeric(c));
    let rows_numeric = (1..t.rows)
        .filter(|&r| {
            t.cells
                .iter()
                .any(|c| c.row == r && c.col > 0 && numeric(c))
        })
        .count();
    usize::from(!first_numeric && rows_numeric >= 2 && rows_numeric * 2 > t.rows - 1)
}

// ---------------------------------------------------------------------------
// Across pages

/// Where a page's table stands among its lines, for [`super::layout`].
pub(super) struct Placed {
    pub(super) page: usize,
    pub(super) bbox: BBox,
    /// Index in the document's tables, and the rows drawn on this page.
    pub(super) table: u32,
    pub(super) rows: std::ops::Range<usize>,
    /// The words of the page the table reads.
    pub(super) words: Vec<usize>,
}

/// The tables of every page (`found[p]`, top to bottom) become the
/// document's tables: a table continues the last one of the previous page
/// when that one ends the page's text and this one starts its page's text
/// (`first_on[p]`, `last_on[p]`: whether the table is the first / last
/// thing on its page), with the same column boundaries. A first row that
/// repeats the header is a header again; a first row whose first cell is
/// empty finishes the row the page break split.
pub(super) fn join_pages(
    found: Vec<Vec<(PageTable, bool, bool)>>,
    numbers: &[u32],
) -> (Vec<RawTable>, Vec<Placed>) {
    let mut tables: Vec<RawTable> = Vec::new();
    let mut placed: Vec<Placed> = Vec::new();
    // The last table of the previous page, if it ended that page: its
    // index and column boundaries.
    let mut open: Option<(usize, Vec<f32>)> = None;
    for (pi, page_tables) in found.into_iter().enumerate() {
        let number = numbers.get(pi).copied().unwrap_or(0);
        let count = page_tables.len();
        let mut next_open = None;
        for (k, (mut t, first, last)) in page_tables.into_iter().enumerate() {
            let continues = match &open {
                Some((ti, xs)) if k == 0 && first => {
                    same_columns(xs, &t.xs) && tables.get(*ti).is_some_and(|raw| goes_on(raw, &t))
                }
                _ => false,
            };
            if !continues && !t.standalone() {
                continue;
            }
            let xs = t.xs.clone();
            let bbox = t.bbox;
            let words = std::mem::take(&mut t.words);
            let (ti, rows) = match (continues, open.as_ref()) {
                (true, Some(&(ti, _))) => {
                    let rows = append(&mut tables[ti], t, number);
                    (ti, rows)
                }
                _ => {
                    let mut raw = RawTable {
                        cols: t.cols as u32,
                        ..RawTable::default()
                    };
                    let rows = append(&mut raw, t, number);
                    tables.push(raw);
                    (tables.len() - 1, rows)
                }
            };
            if let Some(raw) = tables.get_mut(ti) {
                raw.regions.push((number, bbox));
            }
            placed.push(Placed {
                page: pi,
                bbox,
                table: ti as u32,
                rows,
                words,
            });
            if k + 1 == count && last {
                next_open = Some((ti, xs));
            }
        }
        open = next_open;
    }
    (tables, placed)
}

/// The texts of the cells of row `r` of a page table, by column.
fn row_texts(t: &PageTable, r: usize) -> Vec<(usize, &[String])> {
    t.cells
        .iter()
        .filter(|c| c.row == r)
        .map(|c| (c.col, c.lines.as_slice()))
        .collect()
}

/// The texts of the cells of a row of a document table, by column.
fn raw_texts(row: &RawRow) -> Vec<(usize, Vec<&String>)> {
    row.cells
        .iter()
        .map(|c| {
            (
                c.col as usize,
                c.parts.iter().flat_map(|p| &p.lines).collect(),
            )
        })
        .collect()
}

/// Whether page table `t`, at the top of its page, goes on with `raw`,
/// which ended the previous page with the same columns: yes, unless its
/// first row starts like the first row of `raw` without repeating it (a
/// new fiche after another: "Fiche | Action 3.6 – …" after "Fiche |
/// Action 3.5 – …"). A first row that repeats it is the header repeated.
fn goes_on(raw: &RawTable, t: &PageTable) -> bool {
    let (Some(old), new) = (raw.rows.first().map(raw_texts), row_texts(t, 0)) else {
        return true;
    };
    let same = old.len() == new.len()
        && old
            .iter()
            .zip(&new)
            .all(|(a, b)| a.0 == b.0 && a.1.iter().copied().eq(b.1.iter()));
    let first_cell = |cells: Vec<Option<String>>| cells.into_iter().flatten().next();
    let old_first = first_cell(
        old.iter()
            .filter(|c| c.0 == 0)
            .map(|c| c.1.first().map(|s| s.to_string()))
            .collect(),
    );
    let new_first = first_cell(
        new.iter()
            .filter(|c| c.0 == 0)
            .map(|c| c.1.first().cloned())
            .collect(),
    );
    same || old_first.is_none() || old_first != new_first
}

/// Same number of columns, each boundary within a few points.
fn same_columns(a: &[f32], b: &[f32]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| (x - y).abs() <= 3.0 * TOL)
}

/// Appends the rows of page table `t` (on page `number`) to `raw`; returns
/// the range of `raw.rows` that start on this page.
fn append(raw: &mut RawTable, t: PageTable, number: u32) -> std::ops::Range<usize> {
    let offset = raw.rows.len();
    let continued = offset > 0;
    let mut rows: Vec<RawRow> = (0..t.rows)
        .map(|r| RawRow {
            header: r < t.header_rows,
            cells: Vec::new(),
        })
        .collect();
    for c in t.cells {
        if let Some(row) = rows.get_mut(c.row) {
            row.cells.push(RawCell {
                col: c.col as u32,
                colspan: c.colspan as u32,
                rowspan: c.rowspan as u32,
                parts: vec![CellPart {
                    page: number,
                    bbox: c.bbox,
                    lines: c.lines,
                }],
            });
        }
    }
    if continued {
        // A header repeated at the top of the page.
        let repeats = |a: &RawRow, b: &RawRow| {
            a.cells.len() == b.cells.len()
                && a.cells.iter().zip(&b.cells).all(|(x, y)| {
                    x.col == y.col
                        && x.parts
                            .iter()
                            .flat_map(|p| &p.lines)
                            .eq(y.parts.iter().flat_map(|p| &p.lines))
                })
        };
        // The first rows of the table repeated at the top of the page are
        // its header, there and at its start.
        let mut skip = 0;
        while let (Some(new), Some(old)) = (rows.get(skip), raw.rows.get(skip)) {
            if skip >= offset || !repeats(old, new) {
                break;
            }
            skip += 1;
        }
        for r in raw
            .rows
            .iter_mut()
            .take(skip)
            .chain(rows.iter_mut().take(skip))
        {
            r.header = true;
        }
        // The rest of a row the page break split: no text in its first
        // column, the row above has some.
        let split = rows.get(skip).is_some_and(|r| {
            !r.header
                && r.cells
                    .iter()
                    .any(|c| c.col == 0 && c.parts.iter().all(|p| p.lines.is_empty()))
                && r.cells
                    .iter()
                    .any(|c| c.col > 0 && c.parts.iter().any(|p| !p.lines.is_empty()))
        });
        let above_has_label = raw.rows.last().is_some_and(|r| {
            r.cells
                .iter()
                .any(|c| c.col == 0 && c.parts.iter().any(|p| !p.lines.is_empty()))
        });
        if split && above_has_label {
            let first = rows.remove(skip);
            if let Some(prev) = raw.rows.last_mut() {
                for cell in first.cells {
                    match prev.cells.iter_mut().find(|c| c.col == cell.col) {
                        Some(c) => c.parts.extend(cell.parts),
                        None => prev.cells.push(cell),
                    }
                }
            }
        }
    }
    raw.rows.extend(rows);
    offset..raw.rows.len()
}
