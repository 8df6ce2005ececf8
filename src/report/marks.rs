//! Every span of a document, as a highlight in its text.
//!
//! The spans are found by walking the document's JSON, not its Rust type:
//! every object that carries a `span` (and a person's `role_span`) is an
//! extracted item, named by its JSON Pointer (`/territories/2/actions/3`),
//! so a field added to the contract later is highlighted without a change
//! here. The block tree is the text itself and is not highlighted; table
//! cells under it neither.
//!
//! Spans nest (an action holds a territory's name, which holds nothing),
//! but may also cross (a period and a date sharing a year). [`render`]
//! writes properly nested `<mark>` elements: a mark that crosses one
//! already open is cut in fragments at the boundary, the first fragment
//! carrying the element id (`f` + pointer) and the others `data-of` with
//! the same value, so that the fragments of an item, joined, are exactly
//! its span, and no item is highlighted twice.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::fmt::Write;

use serde_json::Value;

/// What an extracted item is, for its colour and its label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Category {
    /// A list's title line.
    ListTitle,
    /// An item of a list (action, working group, axis…) or a sub-item.
    Item,
    Territory,
    /// Title, issuer.
    Meta,
    Count,
    Period,
    Date,
    Person,
    Amount,
    Contact,
    Acronym,
    Warning,
    Other,
}

impl Category {
    /// The CSS class of its highlight.
    pub fn class(self) -> &'static str {
        match self {
            Category::ListTitle => "k-list",
            Category::Item => "k-item",
            Category::Territory => "k-ter",
            Category::Meta => "k-meta",
            Category::Count => "k-count",
            Category::Period => "k-period",
            Category::Date => "k-date",
            Category::Person => "k-person",
            Category::Amount => "k-amount",
            Category::Contact => "k-contact",
            Category::Acronym => "k-acr",
            Category::Warning => "k-warn",
            Category::Other => "k-other",
        }
    }

    /// Its name in the legend.
    pub fn name(self) -> &'static str {
        match self {
            Category::ListTitle => "list title",
            Category::Item => "list item",
            Category::Territory => "territory",
            Category::Meta => "title, issuer",
            Category::Count => "declared count",
            Category::Period => "period",
            Category::Date => "date",
            Category::Person => "person",
            Category::Amount => "amount",
            Category::Contact => "contact",
            Category::Acronym => "acronym",
            Category::Warning => "warning",
            Category::Other => "other",
        }
    }

    pub const ALL: [Category; 12] = [
        Category::Territory,
        Category::ListTitle,
        Category::Item,
        Category::Count,
        Category::Date,
        Category::Period,
        Category::Person,
        Category::Amount,
        Category::Contact,
        Category::Meta,
        Category::Acronym,
        Category::Warning,
    ];
}

/// One extracted item with a span.
#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    /// JSON Pointer of the object that carries the span (`/dates/3`), or of
    /// the span itself when it is not named `span` (`/people/0/role_span`).
    pub pointer: String,
    pub start: usize,
    pub end: usize,
    pub page: Option<u32>,
    pub bbox: Option<[f32; 4]>,
    pub category: Category,
    /// What a reader sees on hover: the field and the item's id or value.
    pub label: String,
}

/// The marks of a document, in JSON order.
pub fn collect(doc: &Value) -> Vec<Mark> {
    let mut out = Vec::new();
    let mut path = Vec::new();
    if let Value::Object(map) = doc {
        for (k, v) in map {
            if k == "blocks" {
                continue;
            }
            path.push(k.clone());
            walk(v, &mut path, &mut out);
            path.pop();
        }
    }
    out
}

fn walk(v: &Value, path: &mut Vec<String>, out: &mut Vec<Mark>) {
    match v {
        Value::Object(map) => {
            if let Some(span) = map.get("span").and_then(span_of) {
                out.push(mark(map, path, span, false));
            }
            if let Some(span) = map.get("role_span").and_then(span_of) {
                path.push("role_span".into());
                out.push(mark(map, path, span, true));
                path.pop();
            }
            for (k, child) in map {
                if k == "span" || k == "role_span" {
                    continue;
                }
                path.push(k.clone());
                walk(child, path, out);
                path.pop();
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                path.push(i.to_string());
                walk(child, path, out);
                path.pop();
            }
        }
        _ => {}
    }
}

struct SpanOf {
    start: usize,
    end: usize,
    page: Option<u32>,
    bbox: Option<[f32; 4]>,
}

fn span_of(v: &Value) -> Option<SpanOf> {
    let start = usize::try_from(v.get("start")?.as_u64()?).ok()?;
    let end = usize::try_from(v.get("end")?.as_u64()?).ok()?;
    let page = v
        .get("page")
        .and_then(Value::as_u64)
        .and_then(|p| u32::try_from(p).ok());
    let bbox = v.get("bbox").and_then(Value::as_array).and_then(|a| {
        let f: Vec<f32> = a
            .iter()
            .filter_map(Value::as_f64)
            .map(|x| x as f32)
            .collect();
        <[f32; 4]>::try_from(f).ok()
    });
    Some(SpanOf {
        start,
        end,
        page,
        bbox,
    })
}

/// JSON Pointer of `path` (RFC 6901 escapes).
pub fn pointer(path: &[String]) -> String {
    let mut s = String::new();
    for p in path {
        s.push('/');
        s.push_str(&p.replace('~', "~0").replace('/', "~1"));
    }
    s
}

fn str_of<'a>(map: &'a serde_json::Map<String, Value>, key: &str) -> Option<&'a str> {
    map.get(key).and_then(Value::as_str)
}

fn mark(map: &serde_json::Map<String, Value>, path: &[String], span: SpanOf, role: bool) -> Mark {
    let keys: Vec<&str> = path
        .iter()
        .map(String::as_str)
        .filter(|k| k.parse::<usize>().is_err())
        .collect();
    let top = keys.first().copied().unwrap_or("");
    let last = keys.last().copied().unwrap_or("");
    let text = str_of(map, "text").unwrap_or("");
    let (category, label) = match (top, last) {
        ("people", "role_span") => (
            Category::Person,
            format!(
                "Role of {}: {}",
                str_of(map, "name").unwrap_or(""),
                str_of(map, "role").unwrap_or("")
            ),
        ),
        ("people", _) => {
            let mut l = format!("Person: {}", str_of(map, "name").unwrap_or(text));
            for k in ["role", "organization"] {
                if let Some(v) = str_of(map, k) {
                    let _ = write!(l, ", {v}");
                }
            }
            if map.get("signatory").and_then(Value::as_bool) == Some(true) {
                l.push_str(" (signatory)");
            }
            (Category::Person, l)
        }
        ("territories", "territories") => {
            let code = str_of(map, "departement")
                .map(|c| format!(" ({c})"))
                .or_else(|| str_of(map, "parent_departement").map(|c| format!(" (in {c})")))
                .unwrap_or_default();
            (
                Category::Territory,
                format!(
                    "Territory {}: {}{code}",
                    str_of(map, "id").unwrap_or(""),
                    str_of(map, "normalized_name").unwrap_or(text)
                ),
            )
        }
        ("territories", "other_forms") => (
            Category::Territory,
            format!("Other form of a territory: {text}"),
        ),
        (_, "declared") | (_, "working_groups" | "actions") if keys.contains(&"declared") => (
            Category::Count,
            format!("Declared {last}: {}", count_label(map)),
        ),
        ("counts", _) => (
            Category::Count,
            format!(
                "Declared count ({}): {}",
                str_of(map, "what").unwrap_or(""),
                count_label(map)
            ),
        ),
        (_, "periods") => (
            Category::Period,
            format!(
                "Period{}: {}–{}",
                str_of(map, "label")
                    .map(|l| format!(" of {l}"))
                    .unwrap_or_default(),
                map.get("start").and_then(Value::as_i64).unwrap_or(0),
                map.get("end").and_then(Value::as_i64).unwrap_or(0)
            ),
        ),
        ("date", _) | ("dates", _) => (
            Category::Date,
            format!(
                "{} ({}): {}",
                if top == "date" {
                    "Document date"
                } else {
                    "Date"
                },
                str_of(map, "role").unwrap_or("other"),
                str_of(map, "value").unwrap_or("no year")
            ),
        ),
        ("lists", "title") => (Category::ListTitle, "List title".to_string()),
        ("lists" | "territories", _) if map.contains_key("key") && map.contains_key("kind") => {
            let kind = str_of(map, "kind").unwrap_or("item");
            let sub = if last == "sub_items" {
                "sub-item"
            } else {
                "item"
            };
            (
                Category::Item,
                format!(
                    "{} {sub} {}",
                    kind_name(kind),
                    str_of(map, "id").unwrap_or("")
                ),
            )
        }
        ("amounts", _) => (
            Category::Amount,
            format!(
                "Amount: {} {}",
                map.get("value").map(Value::to_string).unwrap_or_default(),
                str_of(map, "currency").unwrap_or("")
            ),
        ),
        ("contacts", "emails") => (
            Category::Contact,
            format!("E-mail: {}", str_of(map, "address").unwrap_or("")),
        ),
        ("contacts", _) => (
            Category::Contact,
            format!("Phone: {}", str_of(map, "e164").unwrap_or(text)),
        ),
        ("title", _) => (Category::Meta, "Title".to_string()),
        ("issuer", _) => (
            Category::Meta,
            format!(
                "Issuer: {} ({}, {})",
                str_of(map, "name").unwrap_or(""),
                str_of(map, "kind").unwrap_or(""),
                str_of(map, "evidence").unwrap_or("")
            ),
        ),
        ("acronyms", _) => (
            Category::Acronym,
            format!(
                "Acronym {}: {}",
                str_of(map, "acronym").unwrap_or(""),
                str_of(map, "expansion").unwrap_or("unknown")
            ),
        ),
        ("warnings", _) => (
            Category::Warning,
            format!(
                "Warning {}: {}",
                str_of(map, "code").unwrap_or(""),
                str_of(map, "message").unwrap_or("")
            ),
        ),
        _ => (Category::Other, last.to_string()),
    };
    let _ = role;
    Mark {
        pointer: pointer(path),
        start: span.start,
        end: span.end,
        page: span.page,
        bbox: span.bbox,
        category,
        label,
    }
}

fn count_label(map: &serde_json::Map<String, Value>) -> String {
    let mut l = map.get("count").map(Value::to_string).unwrap_or_default();
    if let Some(n) = str_of(map, "noun") {
        let _ = write!(l, " {n}");
    }
    if let Some(s) = str_of(map, "status") {
        let _ = write!(l, " ({s})");
    }
    l
}

/// A list kind in the reader's words.
pub fn kind_name(kind: &str) -> &'static str {
    match kind {
        "actions" => "Action",
        "axes" => "Axis",
        "orientations" => "Orientation",
        "priorites" => "Priority",
        "thematiques" => "Theme",
        "enjeux" => "Stake",
        "objectifs" => "Objective",
        "groupes" => "Working group",
        _ => "Item",
    }
}

/// A zero-width point of the text where something is drawn (a block
/// start with its page), written before any mark that opens there.
#[derive(Debug, Clone)]
pub struct Anchor {
    pub at: usize,
    /// Raw HTML of an element with no text content.
    pub html: String,
}

/// What did not fit the text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rendered {
    pub html: String,
    /// Pointers of the marks whose span is outside the text or not on
    /// character boundaries: listed on the page, not drawn.
    pub unplaced: Vec<String>,
    /// Marks cut in fragments because they cross another.
    pub split: usize,
}

/// `text` as HTML with every mark nested in place and the anchors at
/// their offsets. Marks are given ids `f` + pointer.
pub fn render(text: &str, marks: &[Mark], anchors: &[Anchor]) -> Rendered {
    let mut out = Rendered {
        html: String::with_capacity(text.len() * 2 + marks.len() * 120),
        ..Rendered::default()
    };
    // Pending marks, smallest start first, then the longest, then by
    // category (a list item holds the territory named in it), then JSON
    // order. A fragment re-enters the heap with its new start.
    #[derive(PartialEq, Eq, PartialOrd, Ord)]
    struct Pending {
        start: usize,
        end: Reverse<usize>,
        category: Category,
        index: usize,
        fragment: bool,
    }
    let mut heap = BinaryHeap::new();
    for (index, m) in marks.iter().enumerate() {
        let ok = m.start <= m.end
            && m.end <= text.len()
            && text.is_char_boundary(m.start)
            && text.is_char_boundary(m.end);
        if !ok {
            out.unplaced.push(m.pointer.clone());
            continue;
        }
        heap.push(Reverse(Pending {
            start: m.start,
            end: Reverse(m.end),
            category: m.category,
            index,
            fragment: false,
        }));
    }
    let mut pos = 0;
    let mut anchors = anchors.iter().filter(|a| a.at <= text.len()).peekable();
    // Open marks: their ends, innermost last.
    let mut open: Vec<usize> = Vec::new();
    let html = &mut out.html;
    while let Some(Reverse(p)) = heap.pop() {
        while let Some(&end) = open.last() {
            if end > p.start {
                break;
            }
            emit_to(html, text, &mut pos, end, &mut anchors);
            html.push_str("</mark>");
            open.pop();
        }
        emit_to(html, text, &mut pos, p.start, &mut anchors);
        let m = &marks[p.index];
        let mut end = p.end.0;
        let mut cut = false;
        if let Some(&outer) = open.last() {
            if end > outer {
                // Crosses the innermost open mark: this fragment ends with
                // it, the rest comes back when it is closed.
                heap.push(Reverse(Pending {
                    start: outer,
                    end: Reverse(end),
                    category: p.category,
                    index: p.index,
                    fragment: true,
                }));
                end = outer;
                cut = true;
            }
        }
        if cut && !p.fragment {
            out.split += 1;
        }
        open_tag(html, m, p.fragment);
        open.push(end);
        if end == p.start {
            // Empty: closed at once (a warning about a removed page number).
            html.push_str("</mark>");
            open.pop();
        }
    }
    while let Some(end) = open.pop() {
        emit_to(html, text, &mut pos, end, &mut anchors);
        html.push_str("</mark>");
    }
    emit_to(html, text, &mut pos, text.len(), &mut anchors);
    out
}

/// Writes the text up to `to`, with the anchors that stand in it.
fn emit_to<'a>(
    html: &mut String,
    text: &str,
    pos: &mut usize,
    to: usize,
    anchors: &mut std::iter::Peekable<impl Iterator<Item = &'a Anchor>>,
) {
    while let Some(a) = anchors.next_if(|a| a.at <= to) {
        if a.at > *pos {
            escape_into(html, &text[*pos..a.at]);
            *pos = a.at;
        }
        html.push_str(&a.html);
    }
    if to > *pos {
        escape_into(html, &text[*pos..to]);
        *pos = to;
    }
}

fn open_tag(html: &mut String, m: &Mark, fragment: bool) {
    html.push_str("<mark class=\"");
    html.push_str(m.category.class());
    if m.start == m.end {
        html.push_str(" empty");
    }
    html.push_str(if fragment {
        "\" data-of=\"f"
    } else {
        "\" id=\"f"
    });
    escape_into(html, &m.pointer);
    html.push_str("\" data-l=\"");
    escape_into(html, &m.label);
    html.push('"');
    if let Some(p) = m.page {
        let _ = write!(html, " data-p=\"{p}\"");
    }
    if let Some([x0, y0, x1, y1]) = m.bbox {
        let _ = write!(html, " data-b=\"{x0} {y0} {x1} {y1}\"");
    }
    html.push('>');
}

/// HTML-escapes `s` into `out` (text and attribute values).
pub fn escape_into(out: &mut String, s: &str) {
    let mut last = 0;
    for (i, b) in s.bytes().enumerate() {
        let rep = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&s[last..i]);
        out.push_str(rep);
        last = i + 1;
    }
    out.push_str(&s[last..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(pointer: &str, start: usize, end: usize, category: Category) -> Mark {
        Mark {
            pointer: pointer.into(),
            start,
            end,
            page: None,
            bbox: None,
            category,
            label: String::new(),
        }
    }

    /// Strips tags, keeping the text of the marks of one pointer (first
    /// fragment by id, the others by `data-of`).
    fn text_of(html: &str, pointer: &str) -> String {
        let mut out = String::new();
        let mut depth_in: Vec<bool> = Vec::new();
        let mut rest = html;
        while !rest.is_empty() {
            if let Some(r) = rest.strip_prefix("</mark>") {
                depth_in.pop();
                rest = r;
            } else if rest.starts_with("<mark") {
                let end = rest.find('>').unwrap();
                let tag = &rest[..end];
                let mine = tag.contains(&format!("id=\"f{pointer}\""))
                    || tag.contains(&format!("data-of=\"f{pointer}\""));
                depth_in.push(mine);
                rest = &rest[end + 1..];
            } else {
                let c = rest.chars().next().unwrap();
                if depth_in.iter().any(|&b| b) {
                    out.push(c);
                }
                rest = &rest[c.len_utf8()..];
            }
        }
        out
    }

    #[test]
    fn nested_and_crossing_marks_each_cover_their_span_once() {
        let text = "Le CTSM 2023-2028 de la Meuse";
        let marks = vec![
            m("/a", 3, 17, Category::Period),
            m("/b", 8, 12, Category::Date),
            m("/c", 13, 29, Category::Item), // crosses /a
            m("/d", 24, 29, Category::Territory),
            m("/e", 24, 29, Category::Territory),
            m("/w", 0, 0, Category::Warning),
        ];
        let r = render(text, &marks, &[]);
        assert!(r.unplaced.is_empty());
        assert_eq!(r.split, 1);
        for mk in &marks {
            assert_eq!(
                text_of(&r.html, &mk.pointer),
                &text[mk.start..mk.end],
                "{}",
                mk.pointer
            );
            assert_eq!(
                r.html.matches(&format!("id=\"f{}\"", mk.pointer)).count(),
                1
            );
        }
        assert_eq!(
            r.html.matches("<mark").count(),
            r.html.matches("</mark>").count()
        );
    }

    #[test]
    fn out_of_text_and_mid_character_spans_are_not_drawn() {
        let text = "Périnatalité";
        let r = render(
            text,
            &[
                m("/a", 0, 2, Category::Item),
                m("/b", 0, 99, Category::Item),
                m("/c", 0, 3, Category::Item),
            ],
            &[],
        );
        assert_eq!(r.unplaced, vec!["/a".to_string(), "/b".to_string()]);
        assert!(
            r.html.contains("id=\"f/c\" data-l=\"\">Pé</mark>"),
            "{}",
            r.html
        );
    }

    #[test]
    fn text_is_escaped_and_anchors_are_placed() {
        let text = "a<b & \"c\"";
        let r = render(
            text,
            &[m("/x", 2, 5, Category::Other)],
            &[
                Anchor {
                    at: 0,
                    html: "<i></i>".into(),
                },
                Anchor {
                    at: 2,
                    html: "<u></u>".into(),
                },
            ],
        );
        assert_eq!(
            r.html,
            "<i></i>a&lt;<u></u><mark class=\"k-other\" id=\"f/x\" data-l=\"\">b &amp;</mark> &quot;c&quot;"
        );
    }

    #[test]
    fn every_span_of_a_corpus_document_is_collected_under_its_pointer() {
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/normandie-ptsm-2026.txt");
        let p = crate::process(&path, &crate::Options::default()).unwrap();
        let v = serde_json::to_value(&p.document).unwrap();
        let marks = collect(&v);
        let ptrs: Vec<&str> = marks.iter().map(|m| m.pointer.as_str()).collect();
        assert!(ptrs.contains(&"/territories/0"));
        assert!(ptrs.contains(&"/territories/1/actions/0"));
        assert!(ptrs.contains(&"/territories/1/declared/actions"));
        assert!(ptrs.contains(&"/lists/0/items/0"));
        assert!(!ptrs.iter().any(|p| p.starts_with("/blocks")));
        let eure = marks
            .iter()
            .find(|m| m.pointer == "/territories/1")
            .unwrap();
        assert_eq!(eure.category, Category::Territory);
        assert_eq!(eure.label, "Territory eure: Eure (27)");
        let action = marks
            .iter()
            .find(|m| m.pointer == "/territories/1/actions/0")
            .unwrap();
        assert_eq!(action.category, Category::Item);
        assert_eq!(action.label, "Action item eure/actions/1");
        let r = render(&p.norm.text, &marks, &[]);
        assert!(r.unplaced.is_empty(), "{:?}", r.unplaced);
    }
}
