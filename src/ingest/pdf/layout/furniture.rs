//! Page furniture: running headers and footers, page numbers.
//!
//! Found over the whole document by comparing the first and last rows of
//! every page (see [`find_furniture`]).

use std::collections::HashMap;
use std::hash::{BuildHasher, BuildHasherDefault};

use super::union;
use super::words::{Layer, PageWords};
use crate::ingest::pdf::FxHasher;
use crate::ingest::BBox;
use crate::model::{Furniture, FurnitureKind};

/// Furniture is looked for within this fraction of the page height from the
/// top and bottom edges.
const MARGIN_ZONE: f32 = 0.13;

/// Text with digit runs folded, to compare running headers across pages.
pub(super) fn furniture_key(s: &str) -> String {
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
pub(super) fn page_number_value(s: &str) -> Option<(u64, usize)> {
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

pub(super) fn split_number(s: &str) -> (&str, &str) {
    let end = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    s.split_at(end)
}

/// A candidate piece of page furniture: consecutive words of one row, cut at
/// wide gaps (a header often has a left, a centre and a right part).
pub(super) struct Frag {
    pub(super) page: usize,
    pub(super) layer: usize,
    pub(super) words: Vec<usize>,
    pub(super) text: String,
    pub(super) key: String,
    pub(super) top: bool,
    /// Distance of the baseline from its edge of the page, and the font
    /// size: a running header sits at the same place on every page.
    pub(super) depth: f32,
    pub(super) size: f32,
}

pub(super) fn find_furniture(pages: &mut [PageWords]) -> Vec<Furniture> {
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
    // A fragment is compared only with the fragments of its edge and text
    // (every pair of fragments of the document, each page against every
    // other, made this step quadratic in pages), and the answer for one
    // place and size is the answer for every fragment of the group there:
    // a running header, at one place on every page, is worked out once.
    let mut groups: HashMap<(bool, &str), Vec<usize>> = HashMap::new();
    for (fi, f) in frags.iter().enumerate() {
        groups.entry((f.top, f.key.as_str())).or_default().push(fi);
    }
    let mut memo: HashMap<(bool, &str, u32, u32), bool> = HashMap::new();
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
        let at = (f.top, f.key.as_str(), f.depth.to_bits(), f.size.to_bits());
        let repeated = match memo.get(&at) {
            Some(&r) => r,
            None => {
                let group = groups
                    .get(&(f.top, f.key.as_str()))
                    .map_or(&[][..], Vec::as_slice);
                let mut on_pages: Vec<usize> = group
                    .iter()
                    .filter_map(|&oi| frags.get(oi))
                    .filter(|o| (o.depth - f.depth).abs() <= 2.0 * o.size.max(f.size))
                    .map(|o| o.page)
                    .collect();
                on_pages.dedup();
                // A page that is a copy of another (an invoice and its
                // duplicate) repeats everything: it does not count.
                // Half the pages at least: the first page often differs.
                let r = on_pages.len() * 2 >= text_pages && copies.two_distinct(&on_pages);
                memo.insert(at, r);
                r
            }
        };
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
pub(super) struct PageCopies<'a> {
    pub(super) pages: &'a [PageWords],
    /// Sorted hashes of the words of each page, once compared.
    pub(super) words: Vec<Option<Vec<u64>>>,
    pub(super) same: HashMap<(usize, usize), bool>,
}

impl<'a> PageCopies<'a> {
    pub(super) fn new(pages: &'a [PageWords]) -> PageCopies<'a> {
        PageCopies {
            pages,
            words: vec![None; pages.len()],
            same: HashMap::new(),
        }
    }

    /// Hashes the words of page `i`, if not done yet.
    pub(super) fn hash_page(&mut self, i: usize) {
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

    pub(super) fn copies(&mut self, a: usize, b: usize) -> bool {
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
    pub(super) fn two_distinct(&mut self, on: &[usize]) -> bool {
        let Some((&first, rest)) = on.split_first() else {
            return false;
        };
        rest.iter().any(|&p| !self.copies(first, p))
    }
}

/// The fragments of the first and last rows of a layer that lie in the top
/// or bottom margin zone.
pub(super) fn collect_edge_frags(pi: usize, li: usize, layer: &Layer, out: &mut Vec<Frag>) {
    let first = out.len();
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
    // (Only the fragments of this layer, the last ones: reading all the
    // fragments of the document for each layer was quadratic in pages.)
    for f in out
        .iter_mut()
        .skip(first)
        .filter(|f| f.page == pi && f.layer == li)
    {
        f.key = furniture_key(&f.text);
    }
}
