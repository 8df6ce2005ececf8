//! The content's elements → lines and [`MarkupBlock`]s.
//!
//! Text is gathered as a browser lays it out: white space collapsed, a
//! line ended by every block-level element and every `br`. Each line is
//! one leaf block whose kind comes from the element that holds it: `h1`–
//! `h6` headings (a `br` there is a space: a heading is one line), `p` and
//! any other text paragraphs, `blockquote` quotations, `pre` preformatted
//! lines (one per source line). `ul`/`ol` are lists, nested as in the
//! page; an `li`'s first line is the item's own text and its further lines
//! are paragraphs under it, so that no item holds a line break. An item
//! with no text of its own (`<li><ul>…</ul></li>`) is no item: its
//! content goes under the item before it, as a browser draws it. A data
//! `table` is one block of rows, one line per row with its cells separated
//! by tabs; a table used for layout (`role="presentation"`, nested tables,
//! a single column, cells holding headings, lists or several paragraphs)
//! is read as the blocks in its cells.

use dom_query::NodeRef;

use super::furniture;
use super::meta::fold;
use super::paths::Paths;
use crate::ingest::markup::{MarkupBlock, MarkupCell, MarkupRow, MarkupTable};
use crate::ingest::RawLine;
use crate::model::BlockKind;

/// Lines and blocks of a page's content.
#[derive(Debug, Default)]
pub struct Built {
    pub lines: Vec<RawLine>,
    pub blocks: Vec<MarkupBlock>,
    pub tables: Vec<MarkupTable>,
}

/// Elements whose content is never text of the page.
const SKIP: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed",
    "canvas", "video", "audio", "head", "title", "meta", "link", "button", "select", "input",
    "textarea", "option", "datalist", "map", "frameset", "frame",
];

/// Block-level elements that only group other content: each ends the
/// line before it and its own last line.
const BLOCKS: &[&str] = &[
    "html", "body", "div", "section", "article", "main", "header", "footer", "aside", "nav",
    "address", "center", "details", "dialog", "dl", "fieldset", "figure", "form", "hgroup",
    "search", "tbody", "thead", "tfoot", "tr", "td", "th", "li", "noframes", "marquee",
];

/// Elements holding one paragraph of text.
const PARAGRAPHS: &[&str] = &[
    "p",
    "dt",
    "dd",
    "figcaption",
    "summary",
    "caption",
    "legend",
];

/// Nesting beyond which elements are read as plain text (the guard keeps
/// pages far below; this bounds the recursion whatever happens).
const MAX_DEPTH: usize = 256;

/// Builds the lines and blocks of the content under `root`.
pub fn walk(root: &NodeRef, paths: &Paths) -> Built {
    let mut w = Walker {
        paths,
        out: Built::default(),
        removed: Vec::new(),
        buf: String::new(),
        space: false,
        kind: BlockKind::Paragraph,
        level: 1,
        path: paths.path_of(root),
        parent: None,
        item: None,
        lists: Vec::new(),
        quote: 0,
        pre: 0,
        heading: 0,
    };
    w.node(root, 0);
    w.flush();
    w.compact();
    w.out
}

struct ListCtx {
    block: usize,
    depth: u32,
    ordered: bool,
    /// `1`, `a`, `A`, `i` or `I`.
    style: char,
    next: i64,
    step: i64,
    last_item: Option<usize>,
}

struct Walker<'p> {
    paths: &'p Paths,
    out: Built,
    /// Blocks taken out (items without text), by index.
    removed: Vec<bool>,
    /// The line being gathered.
    buf: String,
    /// White space seen since the last character of `buf`.
    space: bool,
    /// What the line being gathered will be.
    kind: BlockKind,
    level: u32,
    path: String,
    /// The block the next leaves go under (a list item, a list).
    parent: Option<usize>,
    /// A list item whose own line is still to come.
    item: Option<usize>,
    lists: Vec<ListCtx>,
    quote: u32,
    pre: u32,
    heading: u32,
}

impl Walker<'_> {
    fn node(&mut self, n: &NodeRef, depth: usize) {
        if n.is_text() {
            let t = n.text();
            self.text(&t);
            return;
        }
        if !(n.is_element() || n.is_document() || n.is_fragment()) {
            return;
        }
        let Some(name) = n.node_name() else {
            self.children(n, depth);
            return;
        };
        let name: &str = &name;
        if SKIP.contains(&name) || furniture::hidden(n) {
            return;
        }
        if depth > MAX_DEPTH {
            let t = n.text();
            self.text(&t);
            return;
        }
        match name {
            "br" => self.line_break(),
            "hr" => self.flush(),
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                let level = name.get(1..).and_then(|d| d.parse().ok()).unwrap_or(1);
                self.leaf(n, BlockKind::Heading, level, depth);
            }
            "ul" | "ol" | "menu" | "dir" => self.list(n, name == "ol", depth),
            "li" if !self.lists.is_empty() => self.item(n, depth),
            "table" => self.table(n, depth),
            "blockquote" => {
                self.quote += 1;
                self.container(n, depth);
                self.quote -= 1;
            }
            "pre" | "listing" | "xmp" | "plaintext" => {
                self.flush();
                self.pre += 1;
                self.container(n, depth);
                self.pre -= 1;
            }
            _ if PARAGRAPHS.contains(&name) => self.leaf(n, BlockKind::Paragraph, 1, depth),
            _ if BLOCKS.contains(&name) => self.container(n, depth),
            _ => self.children(n, depth),
        }
    }

    fn children(&mut self, n: &NodeRef, depth: usize) {
        for c in n.children_it(false) {
            self.node(&c, depth + 1);
        }
    }

    /// Text, white space collapsed (kept as it is in `pre`).
    fn text(&mut self, t: &str) {
        if self.pre > 0 {
            for (i, part) in t.split('\n').enumerate() {
                if i > 0 {
                    self.flush();
                }
                self.buf.push_str(part.trim_end_matches('\r'));
            }
            return;
        }
        for c in t.chars() {
            if matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{C}') {
                self.space = true;
            } else {
                if self.space && !self.buf.is_empty() {
                    self.buf.push(' ');
                }
                self.space = false;
                self.buf.push(c);
            }
        }
    }

    fn line_break(&mut self) {
        if self.heading > 0 {
            self.space = true;
        } else {
            self.flush();
        }
    }

    /// An element whose lines are of `kind` (heading, paragraph).
    fn leaf(&mut self, n: &NodeRef, kind: BlockKind, level: u32, depth: usize) {
        self.flush();
        let saved = (
            self.kind,
            self.level,
            std::mem::replace(&mut self.path, self.paths.path_of(n)),
        );
        self.kind = kind;
        self.level = level;
        let heading = kind == BlockKind::Heading;
        if heading {
            self.heading += 1;
        }
        self.children(n, depth);
        self.flush();
        if heading {
            self.heading -= 1;
        }
        (self.kind, self.level, self.path) = saved;
    }

    /// A block that groups others: its lines keep the kind around it.
    fn container(&mut self, n: &NodeRef, depth: usize) {
        self.flush();
        let saved = std::mem::replace(&mut self.path, self.paths.path_of(n));
        self.children(n, depth);
        self.flush();
        self.path = saved;
    }

    /// Ends the line being gathered: a leaf block, or the own line of the
    /// list item waiting for one.
    fn flush(&mut self) {
        let text = std::mem::take(&mut self.buf);
        self.space = false;
        if !visible(&text) {
            return;
        }
        let line = self.out.lines.len();
        self.out.lines.push(RawLine::new(text));
        if let Some(item) = self.item.take() {
            if let Some(b) = self.out.blocks.get_mut(item) {
                b.lines = line..line + 1;
            }
            return;
        }
        let kind = match self.kind {
            BlockKind::Paragraph if self.pre > 0 => BlockKind::Preformatted,
            BlockKind::Paragraph if self.quote > 0 => BlockKind::Quote,
            k => k,
        };
        let level = if kind == BlockKind::Heading {
            self.level
        } else {
            1
        };
        self.push(MarkupBlock {
            kind,
            level,
            parent: self.parent,
            marker: None,
            lines: line..line + 1,
            table: None,
            path: self.path.clone(),
        });
    }

    fn push(&mut self, b: MarkupBlock) -> usize {
        self.out.blocks.push(b);
        self.removed.push(false);
        self.out.blocks.len() - 1
    }

    fn list(&mut self, n: &NodeRef, ordered: bool, depth: usize) {
        self.flush();
        // A list right inside another list (not in an item) belongs to the
        // item before it.
        let in_list = n.parent().is_some_and(|p| {
            matches!(p.node_name().as_deref(), Some("ul" | "ol" | "menu" | "dir"))
        });
        let parent = match self.lists.last() {
            Some(l) if in_list => l.last_item.or(Some(l.block)),
            _ => self.parent,
        };
        let level = self.lists.len() as u32 + 1;
        let at = self.out.lines.len();
        let block = self.push(MarkupBlock {
            kind: BlockKind::List,
            level,
            parent,
            marker: None,
            lines: at..at,
            table: None,
            path: self.paths.path_of(n),
        });
        let style = n
            .attr("type")
            .and_then(|t| t.trim().chars().next())
            .filter(|c| matches!(c, '1' | 'a' | 'A' | 'i' | 'I'))
            .unwrap_or('1');
        let reversed = ordered && n.has_attr("reversed");
        let items = || n.children_it(false).filter(|c| c.has_name("li")).count() as i64;
        let start = n
            .attr("start")
            .and_then(|s| s.trim().parse::<i64>().ok())
            .unwrap_or_else(|| if reversed { items() } else { 1 });
        self.lists.push(ListCtx {
            block,
            depth: level,
            ordered,
            style,
            next: start,
            step: if reversed { -1 } else { 1 },
            last_item: None,
        });
        // Text of the list that is in no item goes under the list. An
        // item that was waiting for its text has none before its sub-list:
        // it gets no line (text after the sub-list comes after the
        // sub-list's lines, so it is a paragraph under the item).
        let saved = self.parent;
        self.item = None;
        self.parent = Some(block);
        self.children(n, depth);
        self.flush();
        self.parent = saved;
        self.item = None;
        self.lists.pop();
    }

    fn item(&mut self, n: &NodeRef, depth: usize) {
        self.flush();
        let Some(ctx) = self.lists.last_mut() else {
            return;
        };
        let marker = if ctx.ordered {
            if let Some(v) = n.attr("value").and_then(|v| v.trim().parse::<i64>().ok()) {
                ctx.next = v;
            }
            let m = numeral(ctx.next, ctx.style);
            ctx.next += ctx.step;
            m
        } else {
            match ctx.depth {
                1 => "•",
                2 => "◦",
                _ => "▪",
            }
            .to_string()
        };
        let (list, level, previous) = (ctx.block, ctx.depth, ctx.last_item);
        let at = self.out.lines.len();
        let block = self.push(MarkupBlock {
            kind: BlockKind::ListItem,
            level,
            parent: Some(list),
            marker: Some(marker),
            lines: at..at,
            table: None,
            path: self.paths.path_of(n),
        });
        let saved = (
            self.parent,
            self.item,
            self.kind,
            self.level,
            std::mem::replace(&mut self.path, self.paths.path_of(n)),
        );
        self.parent = Some(block);
        self.item = Some(block);
        self.kind = BlockKind::Paragraph;
        self.level = 1;
        self.children(n, depth);
        self.flush();
        let empty = self
            .out
            .blocks
            .get(block)
            .is_none_or(|b| b.lines.is_empty());
        (self.parent, self.item, self.kind, self.level, self.path) = saved;
        if empty {
            self.take_out(block, previous.or(Some(list)));
        } else if let Some(ctx) = self.lists.last_mut() {
            ctx.last_item = Some(block);
        }
    }

    /// Takes block `i` out; what was under it goes under `to`.
    fn take_out(&mut self, i: usize, to: Option<usize>) {
        if let Some(r) = self.removed.get_mut(i) {
            *r = true;
        }
        for b in self.out.blocks.iter_mut().skip(i + 1) {
            if b.parent == Some(i) {
                b.parent = to;
            }
        }
    }

    fn table(&mut self, n: &NodeRef, depth: usize) {
        self.flush();
        let rows = table_rows(n);
        if layout_table(n, &rows) {
            self.container(n, depth);
            return;
        }
        for c in n.children_it(false).filter(|c| c.has_name("caption")) {
            self.leaf(&c, BlockKind::Paragraph, 1, depth + 1);
        }
        let Some(table) = grid(&rows) else {
            return;
        };
        let first = self.out.lines.len();
        for r in 0..table.rows.len() {
            let cols = table.columns as usize;
            let mut fields = vec![""; cols];
            for cell in table
                .rows
                .get(r)
                .map(|r| r.cells.as_slice())
                .unwrap_or_default()
            {
                if let Some(f) = fields.get_mut(cell.col as usize) {
                    *f = &cell.text;
                }
            }
            let line = fields.join("\t");
            self.out.lines.push(RawLine::new(line));
        }
        let last = self.out.lines.len();
        let index = self.out.tables.len();
        self.out.tables.push(table);
        // A table cannot be an item's own line: the item stays without.
        self.item = None;
        self.push(MarkupBlock {
            kind: BlockKind::Table,
            level: 1,
            parent: self.parent,
            marker: None,
            lines: first..last,
            table: Some(index),
            path: self.paths.path_of(n),
        });
    }

    /// Drops the blocks taken out and renumbers the others.
    fn compact(&mut self) {
        if !self.removed.iter().any(|&r| r) {
            return;
        }
        let mut map = vec![None; self.out.blocks.len()];
        let mut kept = Vec::with_capacity(self.out.blocks.len());
        for (i, b) in std::mem::take(&mut self.out.blocks).into_iter().enumerate() {
            if self.removed.get(i).copied().unwrap_or(false) {
                continue;
            }
            if let Some(m) = map.get_mut(i) {
                *m = Some(kept.len());
            }
            kept.push(b);
        }
        for b in &mut kept {
            b.parent = b.parent.and_then(|p| map.get(p).copied().flatten());
        }
        self.out.blocks = kept;
    }
}

/// Whether a line has anything to show (not only spaces, zero-width
/// characters, soft hyphens or controls).
fn visible(s: &str) -> bool {
    s.chars().any(|c| {
        !(c.is_whitespace()
            || c.is_control()
            || matches!(
                c,
                '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{AD}'
            ))
    })
}

/// The marker of item number `n` in a list of `style`, as French text
/// writes them and as [`crate::normalize::list_marker`] reads them: "3.",
/// "c)", "C)", "iii)", "III.".
fn numeral(n: i64, style: char) -> String {
    match style {
        'a' | 'A' if n >= 1 => {
            // Bijective base 26: a … z, aa, ab …
            let mut k = n;
            let mut s = Vec::new();
            while k > 0 {
                let d = ((k - 1) % 26) as u8;
                s.push(if style == 'a' { b'a' + d } else { b'A' + d });
                k = (k - 1) / 26;
            }
            s.reverse();
            format!("{})", String::from_utf8_lossy(&s))
        }
        'i' | 'I' if (1..4000).contains(&n) => {
            let table = [
                (1000, "m"),
                (900, "cm"),
                (500, "d"),
                (400, "cd"),
                (100, "c"),
                (90, "xc"),
                (50, "l"),
                (40, "xl"),
                (10, "x"),
                (9, "ix"),
                (5, "v"),
                (4, "iv"),
                (1, "i"),
            ];
            let mut k = n;
            let mut s = String::new();
            for (v, r) in table {
                while k >= v {
                    s.push_str(r);
                    k -= v;
                }
            }
            if style == 'I' {
                format!("{}.", s.to_uppercase())
            } else {
                format!("{s})")
            }
        }
        _ => format!("{n}."),
    }
}

/// The rows of `table` (not of tables nested in it), each with whether it
/// is in `thead`.
fn table_rows<'a>(table: &NodeRef<'a>) -> Vec<(NodeRef<'a>, bool)> {
    let mut rows = Vec::new();
    for c in table.children_it(false) {
        match c.node_name().as_deref() {
            Some("tr") => rows.push((c, false)),
            Some(section @ ("thead" | "tbody" | "tfoot")) => {
                let head = section == "thead";
                rows.extend(
                    c.children_it(false)
                        .filter(|r| r.has_name("tr"))
                        .map(|r| (r, head)),
                );
            }
            _ => {}
        }
    }
    rows
}

fn cells<'a>(row: &NodeRef<'a>) -> impl Iterator<Item = NodeRef<'a>> {
    row.children_it(false)
        .filter(|c| c.has_name("td") || c.has_name("th"))
}

/// A table used for layout rather than data.
fn layout_table(table: &NodeRef, rows: &[(NodeRef, bool)]) -> bool {
    if table
        .attr("role")
        .is_some_and(|r| matches!(r.trim(), "presentation" | "none"))
    {
        return true;
    }
    let single_column = rows.iter().all(|(r, _)| cells(r).count() <= 1);
    if single_column {
        return true;
    }
    rows.iter().any(|(r, _)| {
        cells(r).any(|cell| {
            cell.descendants_it().any(|d| {
                matches!(
                    d.node_name().as_deref(),
                    Some(
                        "table"
                            | "ul"
                            | "ol"
                            | "h1"
                            | "h2"
                            | "h3"
                            | "h4"
                            | "h5"
                            | "h6"
                            | "blockquote"
                            | "pre"
                    )
                )
            }) || cell.descendants_it().filter(|d| d.has_name("p")).count() >= 2
        })
    })
}

/// The text of a cell on one line.
fn cell_text(cell: &NodeRef) -> String {
    fn gather(n: &NodeRef, out: &mut String, depth: usize) {
        for c in n.children_it(false) {
            if c.is_text() {
                out.push_str(&c.text());
            } else if c.is_element() {
                let name = c.node_name().unwrap_or_default();
                if SKIP.contains(&&*name) || furniture::hidden(&c) {
                    continue;
                }
                if depth > MAX_DEPTH {
                    out.push_str(&c.text());
                    continue;
                }
                let block = name.as_ref() == "br"
                    || BLOCKS.contains(&&*name)
                    || PARAGRAPHS.contains(&&*name);
                if block {
                    out.push(' ');
                }
                gather(&c, out, depth + 1);
                if block {
                    out.push(' ');
                }
            }
        }
    }
    let mut s = String::new();
    gather(cell, &mut s, 0);
    s.split([' ', '\t', '\n', '\r', '\u{C}'])
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The grid of a data table: cells placed as browsers place them (a cell
/// goes to the first column its row leaves free of cells spanning from
/// above), rows without any text left out. `None` when no row has text.
fn grid(rows: &[(NodeRef, bool)]) -> Option<MarkupTable> {
    // At most 1,000 columns, as browsers allow for colspan.
    const MAX_COLS: usize = 1000;
    let n = rows.len();
    let mut taken: Vec<Vec<bool>> = vec![Vec::new(); n];
    let mut placed: Vec<Vec<MarkupCell>> = vec![Vec::new(); n];
    let mut columns = 0usize;
    for (r, (row, head)) in rows.iter().enumerate() {
        let mut c = 0usize;
        for cell in cells(row) {
            while taken
                .get(r)
                .and_then(|t| t.get(c))
                .copied()
                .unwrap_or(false)
            {
                c += 1;
            }
            if c >= MAX_COLS {
                break;
            }
            let span = |a: &str| cell.attr(a).and_then(|v| v.trim().parse::<usize>().ok());
            let colspan = span("colspan").unwrap_or(1).clamp(1, MAX_COLS - c);
            let rowspan = match span("rowspan") {
                Some(0) => n - r,
                Some(k) => k.clamp(1, n - r),
                None => 1,
            };
            for rr in r..r + rowspan {
                if let Some(t) = taken.get_mut(rr) {
                    if t.len() < c + colspan {
                        t.resize(c + colspan, false);
                    }
                    for slot in t.iter_mut().skip(c).take(colspan) {
                        *slot = true;
                    }
                }
            }
            columns = columns.max(c + colspan);
            if let Some(p) = placed.get_mut(r) {
                p.push(MarkupCell {
                    row: r as u32,
                    col: c as u32,
                    rowspan: rowspan as u32,
                    colspan: colspan as u32,
                    header: *head || cell.has_name("th"),
                    text: cell_text(&cell),
                });
            }
            c += colspan;
        }
    }
    // Rows with text, renumbered; a span over rows left out shrinks.
    let keep: Vec<bool> = placed
        .iter()
        .map(|p| p.iter().any(|c| !c.text.is_empty()))
        .collect();
    let mut new_index = vec![0u32; n];
    let mut k = 0u32;
    for (i, &kept) in keep.iter().enumerate() {
        if let Some(slot) = new_index.get_mut(i) {
            *slot = k;
        }
        if kept {
            k += 1;
        }
    }
    let mut out_rows = Vec::new();
    for (r, cells) in placed.into_iter().enumerate() {
        if !keep.get(r).copied().unwrap_or(false) {
            continue;
        }
        let header = !cells.is_empty() && cells.iter().all(|c| c.header);
        let cells = cells
            .into_iter()
            .map(|mut c| {
                let from = c.row as usize;
                let to = (from + c.rowspan as usize).min(n);
                c.rowspan = keep
                    .get(from..to)
                    .map_or(1, |k| k.iter().filter(|&&x| x).count() as u32)
                    .max(1);
                c.row = new_index.get(from).copied().unwrap_or(0);
                c
            })
            .collect();
        out_rows.push(MarkupRow { header, cells });
    }
    (!out_rows.is_empty()).then_some(MarkupTable {
        columns: columns.max(1) as u32,
        rows: out_rows,
    })
}

/// Whether heading text `heading` is the page's `title`: the same words,
/// or the start of them (a title that goes on with the site's name), or
/// the title is the heading's start (a heading with a subtitle).
pub fn is_title(heading: &str, title: &str) -> bool {
    let (h, t) = (words_key(heading), words_key(title));
    !h.is_empty()
        && !t.is_empty()
        && (h == t || t.starts_with(&format!("{h} ")) || h.starts_with(&format!("{t} ")))
}

/// Whether two texts have the same words (case, accents and punctuation
/// aside).
pub fn same_words(a: &str, b: &str) -> bool {
    let (a, b) = (words_key(a), words_key(b));
    !a.is_empty() && a == b
}

fn words_key(s: &str) -> String {
    fold(s)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Puts the page's title heading first, as a reader view shows it above
/// the article: `text` as the page writes it, from element `path`.
pub fn prepend_title(built: &mut Built, text: String, path: String) {
    for b in &mut built.blocks {
        b.lines = b.lines.start + 1..b.lines.end + 1;
        b.parent = b.parent.map(|p| p + 1);
    }
    built.lines.insert(0, RawLine::new(text));
    built.blocks.insert(
        0,
        MarkupBlock {
            kind: BlockKind::Title,
            level: 1,
            parent: None,
            marker: None,
            lines: 0..1,
            table: None,
            path,
        },
    );
}

/// Marks as the title the first heading whose text is the page's title,
/// or its start (a title that goes on with the site's name), or, when the
/// page has no title in its metadata, its first `h1` if it comes before
/// any paragraph.
pub fn mark_title(blocks: &mut [MarkupBlock], lines: &[RawLine], title: Option<&str>) -> bool {
    let text_of =
        |b: &MarkupBlock| -> &str { lines.get(b.lines.start).map_or("", |l| l.text.as_str()) };
    let found = match title {
        Some(t) => blocks
            .iter()
            .position(|b| b.kind == BlockKind::Heading && is_title(text_of(b), t)),
        None => blocks
            .iter()
            .take_while(|b| b.kind != BlockKind::Paragraph)
            .position(|b| b.kind == BlockKind::Heading && b.level == 1),
    };
    match found.and_then(|i| blocks.get_mut(i)) {
        Some(b) => {
            b.kind = BlockKind::Title;
            true
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dom_query::Document;

    fn built(html: &str) -> (Built, Vec<String>) {
        let doc = Document::from(html);
        let paths = Paths::annotate(&doc);
        let body = doc.select("body");
        let b = walk(body.nodes().first().expect("body"), &paths);
        let lines = b.lines.iter().map(|l| l.text.clone()).collect();
        (b, lines)
    }

    fn shape(b: &Built) -> Vec<(BlockKind, u32, Option<usize>, Option<String>)> {
        b.blocks
            .iter()
            .map(|x| (x.kind, x.level, x.parent, x.marker.clone()))
            .collect()
    }

    #[test]
    fn paragraphs_headings_and_line_breaks() {
        let (b, lines) = built(
            "<h2>Un  <em>titre</em><br>en deux</h2><p>Premier\n paragraphe<br>suite</p><div>texte <span>libre</span></div>",
        );
        assert_eq!(
            lines,
            [
                "Un titre en deux",
                "Premier paragraphe",
                "suite",
                "texte libre"
            ]
        );
        let kinds: Vec<_> = b.blocks.iter().map(|x| (x.kind, x.level)).collect();
        assert_eq!(
            kinds,
            [
                (BlockKind::Heading, 2),
                (BlockKind::Paragraph, 1),
                (BlockKind::Paragraph, 1),
                (BlockKind::Paragraph, 1)
            ]
        );
        assert_eq!(b.blocks[1].path, "html > body > p");
    }

    #[test]
    fn nested_lists_keep_their_numbering_and_items_their_lines() {
        let (b, lines) = built(
            "<ol start=3><li>Axe A<ul><li>action 1</li><li>action 2<br>détail</li></ul></li><li value=7>Axe B</li></ol>",
        );
        assert_eq!(lines, ["Axe A", "action 1", "action 2", "détail", "Axe B"]);
        use BlockKind::*;
        assert_eq!(
            shape(&b),
            [
                (List, 1, None, None),
                (ListItem, 1, Some(0), Some("3.".into())),
                (List, 2, Some(1), None),
                (ListItem, 2, Some(2), Some("◦".into())),
                (ListItem, 2, Some(2), Some("◦".into())),
                (Paragraph, 1, Some(4), None),
                (ListItem, 1, Some(0), Some("7.".into())),
            ]
        );
    }

    #[test]
    fn an_item_without_text_gives_its_list_to_the_item_before() {
        let (b, lines) = built("<ul><li>a</li><li><ul><li>a1</li></ul></li><li>b</li></ul>");
        assert_eq!(lines, ["a", "a1", "b"]);
        use BlockKind::*;
        assert_eq!(
            shape(&b),
            [
                (List, 1, None, None),
                (ListItem, 1, Some(0), Some("•".into())),
                (List, 2, Some(1), None),
                (ListItem, 2, Some(2), Some("◦".into())),
                (ListItem, 1, Some(0), Some("•".into())),
            ]
        );
    }

    #[test]
    fn ordered_list_styles() {
        assert_eq!(numeral(3, 'a'), "c)");
        assert_eq!(numeral(28, 'A'), "AB)");
        assert_eq!(numeral(14, 'i'), "xiv)");
        assert_eq!(numeral(4, 'I'), "IV.");
        assert_eq!(numeral(0, 'a'), "0.");
        let (b, _) = built("<ol reversed><li>x</li><li>y</li></ol>");
        assert_eq!(b.blocks[1].marker.as_deref(), Some("2."));
        assert_eq!(b.blocks[2].marker.as_deref(), Some("1."));
    }

    #[test]
    fn data_tables_are_grids_and_layout_tables_their_blocks() {
        let (b, lines) = built(
            "<table><thead><tr><th>Axe</th><th>Actions</th></tr></thead>\
             <tr><td rowspan=2>Prévention</td><td>Repérage</td></tr><tr><td>Formation</td></tr>\
             <tr><td></td><td></td></tr></table>",
        );
        assert_eq!(
            lines,
            ["Axe\tActions", "Prévention\tRepérage", "\tFormation"]
        );
        let t = &b.tables[0];
        assert_eq!(t.columns, 2);
        assert!(t.rows[0].header);
        assert_eq!(t.rows[1].cells[0].rowspan, 2);
        assert_eq!((t.rows[2].cells[0].row, t.rows[2].cells[0].col), (2, 1));
        assert_eq!(b.blocks[0].kind, BlockKind::Table);
        assert_eq!(b.blocks[0].lines, 0..3);

        let (b, lines) =
            built("<table><tr><td><h2>Titre</h2><p>a</p><p>b</p></td><td>c</td></tr></table>");
        assert_eq!(lines, ["Titre", "a", "b", "c"]);
        assert!(b.tables.is_empty());
    }

    #[test]
    fn quotes_pre_and_hidden_parts() {
        let (b, lines) = built(
            "<blockquote><p>« Cité »</p></blockquote><pre>ligne 1\n  ligne 2</pre>\
             <p hidden>caché</p><p style='display: none'>caché</p><div aria-hidden=true>caché</div>",
        );
        assert_eq!(lines, ["« Cité »", "ligne 1", "  ligne 2"]);
        let kinds: Vec<_> = b.blocks.iter().map(|x| x.kind).collect();
        assert_eq!(
            kinds,
            [
                BlockKind::Quote,
                BlockKind::Preformatted,
                BlockKind::Preformatted
            ]
        );
    }

    #[test]
    fn the_title_heading_is_found_by_its_text() {
        let (mut b, _) = built("<h1>Le PTSM de l’Orne</h1><p>x</p>");
        let lines = b.lines.clone();
        mark_title(
            &mut b.blocks,
            &lines,
            Some("Le PTSM de l'Orne - ARS Normandie"),
        );
        assert_eq!(b.blocks[0].kind, BlockKind::Title);
    }
}
