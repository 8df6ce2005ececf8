//! Columns and reading order: a recursive XY-cut on the words, columns
//! first, gives the lines of a layer (word indices) in reading order with
//! the edges of the column each line sits in.

use super::words::Word;
use super::{max_f, min_f, total_key, total_value};

/// One line in reading order: word indices from one row of one region, left
/// to right, and the right edge of the column the line sits in (the extent
/// of the region the nearest enclosing column cut made), so that a line
/// ending short of it can be told from a line that was full.
pub(super) struct OrderedLine {
    /// The word indices are `idx[words]` of the [`Lines`].
    pub(super) words: std::ops::Range<usize>,
    pub(super) col_left: f32,
    pub(super) col_right: f32,
}

/// The lines of a layer in reading order, their word indices one after
/// the other in one list (rather than a `Vec` per line).
#[derive(Default)]
pub(super) struct Lines {
    pub(super) idx: Vec<usize>,
    pub(super) lines: Vec<OrderedLine>,
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
pub(super) fn order_lines(words: &[Word]) -> Lines {
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
pub(super) fn sorted_by_key(
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
pub(super) fn sort_packed(
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
pub(super) fn pack(key: u32, i: usize) -> u64 {
    (u64::from(key) << 32) | i as u64
}

/// The index of a key made by [`pack`].
pub(super) fn packed_index(k: u64) -> usize {
    (k & 0xffff_ffff) as usize
}

/// The words of a region of the XY-cut, the same set in two orders (see
/// [`order_lines`]).
pub(super) struct Region<'a> {
    pub(super) idx: &'a mut [usize],
    pub(super) by_top: &'a mut [usize],
}

impl<'a> Region<'a> {
    /// Splits the region in two, the words for which `left` holds first,
    /// each list keeping its order.
    pub(super) fn split(
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
pub(super) fn stable_partition(
    v: &mut [usize],
    tmp: &mut Vec<usize>,
    left: impl Fn(usize) -> bool,
) -> usize {
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
pub(super) struct CutScratch {
    /// For `median_size`.
    pub(super) sizes: Vec<f32>,
    pub(super) size_counts: Vec<(u32, usize)>,
    /// For the partitions.
    pub(super) tmp: Vec<usize>,
    /// The spans by start and their ends, for `x_cut` (see there).
    pub(super) by_x: Vec<u64>,
    pub(super) ends_x: Vec<f32>,
    /// For `group_by_band`.
    pub(super) grouped: Vec<usize>,
    pub(super) next: Vec<usize>,
    /// For `y_cut`.
    pub(super) gaps: Vec<(usize, f32)>,
    /// Band of each word (by word index) while a region is cut into bands.
    pub(super) band_of: Vec<u32>,
    /// Line starts and ends, for `column_edges`.
    pub(super) starts: Vec<f32>,
    pub(super) ends: Vec<f32>,
}

/// Left and right edges of a column (`idx` in index order).
pub(super) fn column_edges(words: &[Word], idx: &[usize], s: &mut CutScratch) -> (f32, f32) {
    // The leftmost start and the rightmost end of each row.
    let (starts, ends) = (&mut s.starts, &mut s.ends);
    starts.clear();
    ends.clear();
    let mut cur: Option<(u32, f32, f32)> = None;
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
pub(super) fn left_edge(xs: &mut [f32]) -> f32 {
    // (Values equal under `total_cmp` are the same bits: an unstable sort
    // gives the same slice.)
    xs.sort_unstable_by(f32::total_cmp);
    shared_extreme(xs, |x, y| y - x)
}

/// The first value of `xs` (sorted from the extreme inwards) that at least
/// 2 (or 5 %) of the values reach within a point; `inwards(x, y)` is how
/// far `y` lies inside `x`.
pub(super) fn shared_extreme(xs: &[f32], inwards: impl Fn(f32, f32) -> f32) -> f32 {
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
pub(super) fn right_edge(xs: &mut [f32]) -> f32 {
    xs.sort_unstable_by(|a, b| b.total_cmp(a));
    shared_extreme(xs, |x, y| x - y)
}

/// `s`, `counts`: scratch buffers reused across the recursion of
/// `xy_cut`, so that no level allocates for this.
pub(super) fn median_size(
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
pub(super) fn median_size_sorted(words: &[Word], idx: &[usize], s: &mut Vec<f32>) -> f32 {
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
pub(super) fn xy_cut(
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
pub(super) fn one_line(words: &[Word], idx: &[usize]) -> bool {
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
pub(super) fn leaf(
    words: &[Word],
    idx: &mut [usize],
    col: (f32, f32),
    out: &mut Lines,
    banded: bool,
) {
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
pub(super) fn group_by_band(
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
pub(super) fn x_cut(
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
    let mut cur: Option<(u32, f32, f32, f32)> = None;
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
        last: Option<u32>,
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
pub(super) fn y_cut(gaps: &[(usize, f32)], n: usize, size: f32) -> Option<Vec<usize>> {
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
