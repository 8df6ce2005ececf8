//! Fiches-action as records: the fields of an action found in a fiche.
//!
//! Three layouts give the same record:
//!
//! * a **table** of label/value rows (a PDF table, one normalized line per
//!   row with its cells separated by tabs, or a text table `| label | value |`),
//!   under a heading "Fiche action n°4 – …" or opened by a row
//!   "Fiche | Action 3.1 – …";
//! * **labelled paragraphs** ("Pilote(s) : …") under such a heading, a field
//!   going on over the lines that follow it (its list items, its wrapped text);
//! * an **action sheet** (OSCARS-style regional databases): labelled lines and
//!   stand-alone labels ("Description", "Contact") over a paragraph, under the
//!   action's title.
//!
//! Labels are matched through `data/fiche-labels.tsv` (French label forms and
//! the field they fill, compared as keys: lowercase, accents and punctuation
//! folded, "(s)" ignored, plural or singular); a label it does not know is kept
//! as a free field of the fiche. The recap list of the fiches ("FA n°4 – …",
//! a recap table) gives each fiche its place in the recap, and the declared
//! number of fiches is reconciled against the fiches found.
//!
//! The rules read the normalized lines only (not the block tree), so they see
//! the same thing in text, in PDF and in every rendering of a table.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::span;
use crate::error::Warning;
use crate::model::{
    Actor, ActorKind, BudgetLine, CalendarEntry, DeclaredCount, Fiche, FicheContact, FicheCount,
    FicheField, FicheLayout, Item, List, ListKind, Territory, TextValue,
};
use crate::normalize::key::key;
use crate::normalize::NormDoc;

pub use crate::normalize::labels::{field_of, NUMBER_ONLY};

/// A fiche's heading: "Fiche action n°4 – title", "FA 4 : title",
/// "Action 3.1 – title", "Fiche-action 2. title".
static HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?i:fiche[- ]actions?|fiche|fa|action)\s*(?:n\s?°|no\.?|num[ée]ro)?\s*(\d{1,3}(?:\.\d{1,3})*)\s*(?:[–—:-]|\.\s)\s*(\S.*)$",
    )
    .expect("header regex")
});

/// Running headers and footers left in text ("… Page 42 / 96", "12").
static FURNITURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:\bpage\s+\d+(?:\s*/\s*\d+)?|^\d{1,4})\s*$").expect("furniture regex")
});

/// A table-of-contents entry: dot leaders and a page number.
static TOC_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:\.\s?){3,}\s*\d+\s*$").expect("toc regex"));

/// A list marker at the start of an item: "a)", "1.", "2)", "–", "•".
static MARKER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:[a-z]\)|\d{1,2}[.)]|[–—•\-*])\s+").expect("marker regex"));

/// One label/value row of a fiche, as byte ranges of the normalized text.
#[derive(Debug, Clone)]
struct RawField {
    label: Range<usize>,
    /// The rest of a label a page break split.
    label_more: Vec<Range<usize>>,
    field: Option<&'static str>,
    parts: Vec<Range<usize>>,
}

#[derive(Debug)]
struct Draft {
    number: Option<Range<usize>>,
    title: Option<Range<usize>>,
    layout: FicheLayout,
    start: usize,
    fields: Vec<RawField>,
    /// The last field takes the lines that follow until a paragraph break
    /// (a stand-alone label of an action sheet).
    section: bool,
    /// The last row was the fiche's header repeated on a new page.
    repeated: bool,
}

/// What a line is, for the fiche reader.
enum LineKind {
    /// Cells of a table row: the first non-empty one, the others.
    Cells(Range<usize>, Vec<Range<usize>>),
    /// A table row whose first cell is empty: the rest of the row above.
    More(Vec<Range<usize>>),
    /// "Label : value" (the value may be empty: it follows on the next lines).
    Labelled(Range<usize>, Option<Range<usize>>),
    /// A known label alone on its line, its value below ("Description").
    Alone(Range<usize>),
    Text,
}

fn trimmed(text: &str, r: Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    let start = r.start + (s.len() - s.trim_start().len());
    let end = r.end - (s.len() - s.trim_end().len());
    start..end.max(start)
}

/// The cells of a table row (tabs) or of a text table (`| a | b |`).
fn cells(text: &str, r: Range<usize>) -> Option<Vec<Range<usize>>> {
    let s = &text[r.clone()];
    let (sep, inner) = if s.contains('\t') {
        ('\t', r.clone())
    } else if s.len() > 2 && s.starts_with('|') && s.trim_end().ends_with('|') {
        let end = r.start + s.trim_end().len() - 1;
        ('|', r.start + 1..end)
    } else {
        return None;
    };
    let mut out = Vec::new();
    let mut at = inner.start;
    for piece in text[inner.clone()].split(sep) {
        out.push(trimmed(text, at..at + piece.len()));
        at += piece.len() + sep.len_utf8();
    }
    Some(out)
}

/// A plausible label that the table does not know: a short noun phrase
/// starting with a capital ("Adresse", "Lien avec le PTSM").
fn free_label(s: &str) -> bool {
    let words = s.split_whitespace().count();
    (1..=5).contains(&words)
        && s.len() <= 40
        && s.chars().next().is_some_and(char::is_uppercase)
        && !s
            .chars()
            .any(|c| c.is_ascii_digit() || "–—|>«»()".contains(c))
}

fn line_kind(text: &str, r: Range<usize>, in_fiche: bool) -> LineKind {
    if let Some(cs) = cells(text, r.clone()) {
        let mut non_empty = cs.iter().filter(|c| !c.is_empty()).cloned();
        if cs.first().is_some_and(|c| c.is_empty()) {
            let rest: Vec<_> = non_empty.collect();
            return if rest.is_empty() {
                LineKind::Text
            } else {
                LineKind::More(rest)
            };
        }
        if let Some(first) = non_empty.next() {
            return LineKind::Cells(first, non_empty.collect());
        }
        return LineKind::Text;
    }
    let s = &text[r.clone()];
    if let Some(colon) = s.find(':') {
        let label = s[..colon].trim_end();
        let known = field_of(label).is_some();
        if known || (in_fiche && free_label(label)) {
            let value = trimmed(text, r.start + colon + 1..r.end);
            let label = trimmed(text, r.start..r.start + label.len());
            return LineKind::Labelled(label, (!value.is_empty()).then_some(value));
        }
    }
    if s.len() <= 60 && field_of(s).is_some() && !s.ends_with('.') {
        return LineKind::Alone(trimmed(text, r));
    }
    LineKind::Text
}

/// "Fiche action n°4 – title" → (number, title).
fn header(text: &str, r: Range<usize>) -> Option<(Range<usize>, Range<usize>)> {
    let s = &text[r.clone()];
    // Every heading starts with "f" or "a" (`^(?i:fiche…|fa|action)`, and
    // no other character folds to them): other lines are not searched,
    // and a text without such a line never compiles HEADER.
    if !s.starts_with(['f', 'F', 'a', 'A']) {
        return None;
    }
    let c = HEADER.captures(s)?;
    let n = c.get(1)?;
    let t = c.get(2)?;
    Some((
        r.start + n.start()..r.start + n.end(),
        r.start + t.start()..r.start + t.end(),
    ))
}

/// A recap entry: the number and title of a fiche listed before the fiches.
struct Recap {
    number: String,
    title: String,
    range: Range<usize>,
}

/// The fiches of a document that lists its actions nowhere else (no recap,
/// no list of actions naming them) are that list: each fiche's title an
/// action, its operational objectives the action's sub-items. A reader
/// counting the actions of a document of fiches finds them there, as in a
/// document that recaps them. `n` is the new list's number (`list/<n>`).
pub fn actions_list(
    fiches: &[Fiche],
    lists: &[List],
    n: usize,
    territory: Option<String>,
) -> Option<List> {
    let titled: Vec<&Fiche> = fiches.iter().filter(|f| f.title.is_some()).collect();
    if titled.len() < 2 || fiches.iter().any(|f| f.recap.is_some()) {
        return None;
    }
    let listed = |k: &str| {
        lists
            .iter()
            .filter(|l| l.kind == ListKind::Actions)
            .any(|l| {
                fn walk(items: &[Item], k: &str) -> bool {
                    items.iter().any(|i| i.key == k || walk(&i.sub_items, k))
                }
                walk(&l.items, k)
            })
    };
    if titled
        .iter()
        .filter_map(|f| f.title.as_ref())
        .any(|t| listed(&key(&t.text)))
    {
        return None;
    }
    let id = format!("list/{n}");
    let item = |id: String, kind: ListKind, v: &TextValue, number: Option<String>| Item {
        id,
        kind,
        text: v.text.clone(),
        key: key(&v.text),
        number,
        sub_items: Vec::new(),
        notes: Vec::new(),
        priority: None,
        decree_priority: None,
        marker: None,
        themes: Vec::new(),
        span: v.span.clone(),
    };
    let items = titled
        .iter()
        .enumerate()
        .filter_map(|(a, f)| {
            let t = f.title.as_ref()?;
            let mut it = item(
                format!("{id}/{}", a + 1),
                ListKind::Actions,
                t,
                f.number.clone(),
            );
            it.decree_priority = f.priorities.first().copied();
            it.sub_items = f
                .operational_objectives
                .iter()
                .enumerate()
                .map(|(b, o)| {
                    item(
                        format!("{id}/{}/{}", a + 1, b + 1),
                        ListKind::Objectifs,
                        o,
                        None,
                    )
                })
                .collect();
            Some(it)
        })
        .collect();
    Some(List {
        id,
        kind: ListKind::Actions,
        territory,
        title: None,
        items,
    })
}

/// Reads the fiches of a document.
pub fn extract(
    doc: &NormDoc,
    territories: &[Territory],
    lists: &[List],
    counts: &[DeclaredCount],
    warnings: &mut Vec<Warning>,
) -> (Vec<Fiche>, Vec<FicheCount>) {
    let text = doc.text.as_str();
    let lines = &doc.lines;
    let mut drafts: Vec<Draft> = Vec::new();
    let mut recaps: Vec<Recap> = Vec::new();
    let mut cur: Option<Draft> = None;
    let close = |cur: &mut Option<Draft>, drafts: &mut Vec<Draft>| {
        if let Some(d) = cur.take() {
            drafts.push(d);
        }
    };
    // Does a label row of a fiche follow line `i`?
    let fields_follow = |i: usize| {
        lines.get(i + 1..i + 3).is_some_and(|next| {
            next.iter().find(|l| !l.range.is_empty()).is_some_and(|l| {
                match line_kind(text, l.range.clone(), false) {
                    LineKind::Cells(label, _) | LineKind::Labelled(label, _) => {
                        field_of(&text[label]).is_some_and(|f| f != "number")
                    }
                    LineKind::Alone(_) => true,
                    _ => false,
                }
            })
        })
    };
    for (i, line) in lines.iter().enumerate() {
        let r = line.range.clone();
        if r.is_empty() {
            continue;
        }
        let s = &text[r.clone()];
        // A section of an action sheet takes its paragraph whatever it holds.
        if let Some(d) = cur.as_mut().filter(|d| d.section) {
            // The next label alone on its line ends it (a table flattened
            // into lines: label, value, label, value…), and so does the next
            // fiche's heading.
            let ends = matches!(line_kind(text, r.clone(), false), LineKind::Alone(_))
                || NUMBER_ONLY.is_match(s)
                || header(text, r.clone()).is_some();
            if !line.gap_before && !ends {
                if let Some(f) = d.fields.last_mut() {
                    f.parts.push(trimmed(text, r));
                }
                continue;
            }
            d.section = false;
        }
        // A running header or footer left in a text ("PTSM de l’Allier –
        // Version 12.12.2019 ⇥ Page 42 / 96"): not the fiche's, not its end.
        if cur.is_some() && line.table.is_none() && FURNITURE.is_match(s) {
            let first = s.split(['\t', ':', '|']).next().unwrap_or(s);
            if field_of(first).is_none() {
                continue;
            }
        }
        if cells(text, r.clone()).is_none() {
            if let Some((n, t)) = header(text, r.clone()) {
                if fields_follow(i) {
                    close(&mut cur, &mut drafts);
                    cur = Some(Draft {
                        number: Some(n),
                        title: Some(t),
                        layout: FicheLayout::Labelled,
                        start: r.start,
                        fields: Vec::new(),
                        section: false,
                        repeated: false,
                    });
                } else if !TOC_LINE.is_match(s) {
                    close(&mut cur, &mut drafts);
                    recaps.push(Recap {
                        number: text[n].to_string(),
                        title: text[t].to_string(),
                        range: r.clone(),
                    });
                }
                continue;
            }
            if let Some(n) = NUMBER_ONLY.captures(s).and_then(|c| c.get(1)) {
                if fields_follow(i) {
                    close(&mut cur, &mut drafts);
                    cur = Some(Draft {
                        number: Some(r.start + n.start()..r.start + n.end()),
                        title: None,
                        layout: FicheLayout::Labelled,
                        start: r.start,
                        fields: Vec::new(),
                        section: false,
                        repeated: false,
                    });
                    continue;
                }
            }
        }
        match line_kind(text, r.clone(), cur.is_some()) {
            LineKind::Cells(label, values) => {
                let l = &text[label.clone()];
                let field = field_of(l);
                // "Fiche | Action 3.1 – title": a new fiche.
                if field == Some("number") {
                    let whole = values.first().map(|v| v.start).unwrap_or(label.end)
                        ..values.last().map(|v| v.end).unwrap_or(label.end);
                    let joined = format!("{l} {}", &text[whole.clone()]);
                    let parsed = header(text, whole.clone()).or_else(|| {
                        // "Fiche | 4 – title": the label says what it is.
                        HEADER.captures(&joined).and_then(|c| {
                            let off = whole.start as isize - (l.len() as isize + 1);
                            let at = |m: regex::Match| {
                                (m.start() as isize + off) as usize
                                    ..(m.end() as isize + off) as usize
                            };
                            let n = c.get(1).filter(|m| m.start() > l.len())?;
                            Some((at(n), at(c.get(2)?)))
                        })
                    });
                    if let Some((n, t)) = parsed {
                        // The header repeated at the top of the next page.
                        let same = cur.as_ref().is_some_and(|d| {
                            d.number
                                .as_ref()
                                .is_some_and(|m| text[m.clone()] == text[n.clone()])
                        });
                        if same {
                            if let Some(d) = cur.as_mut() {
                                d.repeated = true;
                            }
                            continue;
                        }
                        close(&mut cur, &mut drafts);
                        cur = Some(Draft {
                            number: Some(n),
                            title: Some(t),
                            layout: FicheLayout::Table,
                            start: r.start,
                            fields: Vec::new(),
                            section: false,
                            repeated: false,
                        });
                    } else if cur.is_some() {
                        close(&mut cur, &mut drafts);
                    }
                    continue;
                }
                // "FA 3.1 ⇥ title" over its label rows: a new fiche.
                if let (Some(n), [t]) = (
                    NUMBER_ONLY.captures(l).and_then(|c| c.get(1)),
                    values.as_slice(),
                ) {
                    if fields_follow(i) {
                        close(&mut cur, &mut drafts);
                        cur = Some(Draft {
                            number: Some(label.start + n.start()..label.start + n.end()),
                            title: Some(t.clone()),
                            layout: FicheLayout::Table,
                            start: r.start,
                            fields: Vec::new(),
                            section: false,
                            repeated: false,
                        });
                        continue;
                    }
                }
                // A recap table row: "FA n°4 | title | axe | pilote".
                if let Some(c) = HEADER.captures(&format!("{l} – x")) {
                    if values.len() >= 2 && c.get(1).is_some() {
                        close(&mut cur, &mut drafts);
                        let number = c.get(1).map(|m| m.as_str().to_string()).unwrap_or_default();
                        if !recaps.iter().any(|x| x.number == number) {
                            recaps.push(Recap {
                                number,
                                title: text[values[0].clone()].to_string(),
                                range: r.clone(),
                            });
                        }
                        continue;
                    }
                }
                let repeated = cur.as_ref().is_some_and(|d| d.repeated);
                if let Some(d) = cur.as_mut() {
                    d.repeated = false;
                }
                match cur.as_mut() {
                    // A label split by the page break: its end, alone in its
                    // row under the repeated header ("n° 2017-" / "1200").
                    Some(d) if repeated && values.is_empty() && !d.fields.is_empty() => {
                        if let Some(f) = d.fields.last_mut() {
                            f.label_more.push(label);
                            f.field = f.field.or_else(|| field_of(&full_label(text, f)));
                        }
                    }
                    Some(d) => {
                        if d.fields.is_empty() {
                            d.layout = FicheLayout::Table;
                        }
                        d.fields.push(RawField {
                            label,
                            label_more: Vec::new(),
                            field,
                            parts: values,
                        });
                    }
                    None if field.is_some() && !values.is_empty() => {
                        cur = Some(Draft {
                            number: None,
                            title: None,
                            layout: FicheLayout::Table,
                            start: r.start,
                            fields: vec![RawField {
                                label,
                                label_more: Vec::new(),
                                field,
                                parts: values,
                            }],
                            section: false,
                            repeated: false,
                        });
                    }
                    None => {}
                }
            }
            LineKind::More(values) => {
                if let Some(f) = cur.as_mut().and_then(|d| d.fields.last_mut()) {
                    f.parts.extend(values);
                }
            }
            LineKind::Labelled(label, value) => {
                let field = field_of(&text[label.clone()]);
                let f = RawField {
                    label,
                    label_more: Vec::new(),
                    field,
                    parts: value.into_iter().collect(),
                };
                match cur.as_mut() {
                    Some(d) => {
                        if d.layout == FicheLayout::Table && !d.fields.is_empty() {
                            // A labelled line after a table: the table is over.
                            close(&mut cur, &mut drafts);
                        } else {
                            d.fields.push(f);
                        }
                    }
                    None if field.is_some_and(|f| f != "number") => {
                        cur = Some(Draft {
                            number: None,
                            title: sheet_title(doc, i),
                            layout: FicheLayout::Sheet,
                            start: r.start,
                            fields: vec![f],
                            section: false,
                            repeated: false,
                        });
                    }
                    None => {}
                }
            }
            LineKind::Alone(label) => {
                if let Some(d) = cur.as_mut().filter(|d| d.layout != FicheLayout::Table) {
                    d.fields.push(RawField {
                        field: field_of(&text[label.clone()]),
                        label,
                        label_more: Vec::new(),
                        parts: Vec::new(),
                    });
                    d.section = true;
                }
            }
            LineKind::Text => {
                let Some(d) = cur.as_mut() else { continue };
                if FURNITURE.is_match(s) {
                    continue;
                }
                // An action sheet's own heading over a paragraph ("Résultats
                // 2023"): a free field.
                let next_joined = lines.get(i + 1).is_some_and(|n| !n.gap_before);
                if d.layout == FicheLayout::Sheet
                    && line.gap_before
                    && next_joined
                    && s.len() <= 40
                    && !s.ends_with('.')
                    && s.chars().next().is_some_and(char::is_uppercase)
                {
                    d.fields.push(RawField {
                        label: r.clone(),
                        label_more: Vec::new(),
                        field: None,
                        parts: Vec::new(),
                    });
                    d.section = true;
                    continue;
                }
                if !line.gap_before && d.layout != FicheLayout::Table {
                    if let Some(f) = d.fields.last_mut() {
                        f.parts.push(trimmed(text, r));
                        continue;
                    }
                }
                // A table laid out with spaces in a text: the next items of
                // a value that started a list ("Objectifs ⇥ - intervenir …"
                // / "- éviter …") are lines of their own.
                if !line.gap_before && MARKER.is_match(s) {
                    if let Some(f) = d.fields.last_mut().filter(|f| {
                        f.parts
                            .last()
                            .is_some_and(|p| MARKER.is_match(&text[p.clone()]))
                    }) {
                        f.parts.push(trimmed(text, r));
                        continue;
                    }
                }
                close(&mut cur, &mut drafts);
            }
        }
    }
    close(&mut cur, &mut drafts);

    // A fiche has fields; one without a heading needs enough of them to be
    // one (a lone "Territoire : …" line is no fiche).
    drafts.retain(|d| {
        let known: std::collections::HashSet<_> = d
            .fields
            .iter()
            .filter(|f| !f.parts.is_empty())
            .filter_map(|f| f.field)
            .collect();
        if d.number.is_some() {
            return !known.is_empty();
        }
        known.len() >= 4
            && ["pilots", "partners", "funders", "budget", "calendar"]
                .iter()
                .any(|f| known.contains(f))
    });

    let mut fiches: Vec<Fiche> = drafts
        .iter()
        .enumerate()
        .map(|(n, d)| build(doc, d, n))
        .collect();

    // The recap and the fiche are one action: the id of the listed item
    // when the lists have it, else one made from the fiche's number.
    let mut seen = HashMap::new();
    for f in &mut fiches {
        let title_key = f.title.as_ref().map(|t| key(&t.text)).unwrap_or_default();
        let same_title = |x: &&Recap| !title_key.is_empty() && key(&x.title) == title_key;
        let recap = recaps
            .iter()
            .find(|x| f.number.as_deref() == Some(x.number.as_str()) && same_title(x))
            .or_else(|| recaps.iter().find(same_title))
            .or_else(|| {
                recaps
                    .iter()
                    .find(|x| f.number.as_deref() == Some(x.number.as_str()))
            });
        if let Some(x) = recap {
            f.recap = Some(span(doc, x.range.clone()));
        }
        if let Some(item) = find_item(territories, lists, &title_key, f.number.as_deref()) {
            f.id = item.id.clone();
        }
        let count = seen.entry(f.id.clone()).or_insert(0u32);
        *count += 1;
        if *count > 1 {
            f.id = format!("{}-{}", f.id, count);
        }
    }
    for x in &recaps {
        let found = fiches
            .iter()
            .any(|f| f.number.as_deref() == Some(x.number.as_str()));
        if !found && !fiches.is_empty() {
            warnings.push(
                Warning::new(
                    "fiche_not_found",
                    format!(
                        "the recap lists fiche {} ('{}'), not found among the fiches",
                        x.number, x.title
                    ),
                )
                .at(x.range.clone()),
            );
        }
    }

    // The declared number of fiches, when the document says one.
    let mut decl: Vec<(u32, String, crate::model::Span)> = counts
        .iter()
        .filter(|c| key(&c.what).contains("fiche"))
        .map(|c| (c.count, c.text.clone(), c.span.clone()))
        .collect();
    for t in territories {
        if let Some(c) = t
            .declared
            .actions
            .as_ref()
            .filter(|c| key(&c.text).contains("fiche"))
        {
            decl.push((c.count, c.text.clone(), c.span.clone()));
        }
    }
    decl.sort_by_key(|d| d.2.start);
    decl.dedup_by_key(|d| d.2.start);
    let fiche_counts = reconcile(&decl, &fiches, warnings);
    (fiches, fiche_counts)
}

/// Each declared count of fiches against the fiches it announces: those
/// from it to the next declaration (a collection of plans declares each
/// plan's count before its fiches), the fiches before the first one
/// included. A declaration repeated before any fiche (a preamble, then the
/// recap) is one claim with the next.
fn reconcile(
    decl: &[(u32, String, crate::model::Span)],
    fiches: &[Fiche],
    warnings: &mut Vec<Warning>,
) -> Vec<FicheCount> {
    if fiches.is_empty() {
        return Vec::new();
    }
    let starts: Vec<usize> = fiches.iter().map(|f| f.span.start).collect();
    let in_range = |a: usize, b: usize| starts.iter().filter(|&&s| s >= a && s < b).count();
    let mut kept: Vec<usize> = Vec::new();
    for i in 0..decl.len() {
        let next = decl.get(i + 1).map_or(usize::MAX, |d| d.2.start);
        let repeated = decl
            .get(i + 1)
            .is_some_and(|n| n.0 == decl[i].0 && in_range(decl[i].2.start, next) == 0);
        if !repeated {
            kept.push(i);
        }
    }
    let mut out = Vec::new();
    for (k, &i) in kept.iter().enumerate() {
        let (count, written, sp) = decl[i].clone();
        let from = if k == 0 { 0 } else { sp.start };
        let to = kept.get(k + 1).map_or(usize::MAX, |&j| decl[j].2.start);
        let found = in_range(from, to) as u32;
        if count != found {
            warnings.push(
                Warning::new(
                    "fiche_count_mismatch",
                    format!("the document declares {count} fiches ('{written}'), {found} found"),
                )
                .at(sp.start..sp.end),
            );
        }
        out.push(FicheCount {
            declared: count,
            found,
            text: written,
            span: sp,
        });
    }
    out
}

/// The listed action a fiche is: an action item (of the document's lists,
/// sub-items of axes included, or of a territory) whose text is the
/// fiche's title, or ends with it after the fiche's number ("FA n°4 – …").
fn find_item<'a>(
    territories: &'a [Territory],
    lists: &'a [List],
    title_key: &str,
    number: Option<&str>,
) -> Option<&'a Item> {
    if title_key.is_empty() {
        return None;
    }
    fn walk<'a>(items: &'a [Item], out: &mut Vec<&'a Item>) {
        for i in items {
            out.push(i);
            walk(&i.sub_items, out);
        }
    }
    let mut all = Vec::new();
    for l in lists {
        walk(&l.items, &mut all);
    }
    for t in territories {
        walk(&t.actions, &mut all);
    }
    let number_key = number.map(key);
    all.into_iter()
        .filter(|i| i.kind == ListKind::Actions)
        .find(|i| {
            let k = &i.key;
            k == title_key
                || (k.ends_with(title_key)
                    && number_key.as_deref().is_some_and(|n| {
                        k[..k.len() - title_key.len()]
                            .split(' ')
                            .any(|w| w == n || n.split(' ').all(|p| k.contains(p)))
                    }))
        })
}

/// The title of an action sheet: the line before its first field, when it
/// is a line of its own (not a label, not a breadcrumb).
fn sheet_title(doc: &NormDoc, i: usize) -> Option<Range<usize>> {
    let text = doc.text.as_str();
    let prev = doc
        .lines
        .get(..i)?
        .iter()
        .rev()
        .find(|l| !l.range.is_empty())?;
    let s = &text[prev.range.clone()];
    let plain = s.len() >= 10
        && s.len() <= 160
        && !s.contains(':')
        && !s.contains('|')
        && !s.contains('>')
        && !s.contains('\t')
        && !s.ends_with('.');
    plain.then(|| trimmed(text, prev.range.clone()))
}

/// A label with the rest a page break split from it ("n° 2017-" + "1200").
fn full_label(text: &str, f: &RawField) -> String {
    let mut out = text[f.label.clone()].to_string();
    for l in &f.label_more {
        if !out.ends_with('-') {
            out.push(' ');
        }
        out.push_str(&text[l.clone()]);
    }
    out
}

fn text_value(doc: &NormDoc, parts: &[Range<usize>]) -> Option<TextValue> {
    let first = parts.first()?;
    let last = parts.last()?;
    let text = parts
        .iter()
        .map(|p| doc.text[p.clone()].trim())
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    (!text.is_empty()).then(|| TextValue {
        text,
        span: span(doc, first.start..last.end),
    })
}

/// Splits ranges at `;` (and `,` when `commas`) outside parentheses and
/// quotes, each piece trimmed of spaces and of a leading list marker.
fn pieces(doc: &NormDoc, parts: &[Range<usize>], commas: bool) -> Vec<Range<usize>> {
    let text = doc.text.as_str();
    let mut out = Vec::new();
    for p in parts {
        let s = &text[p.clone()];
        let mut depth = 0i32;
        let mut start = 0;
        let mut cuts = Vec::new();
        for (j, c) in s.char_indices() {
            match c {
                '(' | '«' | '[' => depth += 1,
                ')' | '»' | ']' => depth -= 1,
                ';' if depth <= 0 => cuts.push(j),
                ',' if commas && depth <= 0 => cuts.push(j),
                _ => {}
            }
        }
        cuts.push(s.len());
        for c in cuts {
            let mut piece = trimmed(text, p.start + start..p.start + c);
            start = c + 1;
            if let Some(m) = MARKER.find(&text[piece.clone()]) {
                piece.start += m.end();
            }
            let piece = trimmed(text, piece);
            if !piece.is_empty() {
                out.push(piece);
            }
        }
    }
    out
}

fn list(doc: &NormDoc, parts: &[Range<usize>]) -> Vec<TextValue> {
    pieces(doc, parts, false)
        .into_iter()
        .map(|r| TextValue {
            text: doc.text[r.clone()].to_string(),
            span: span(doc, r),
        })
        .collect()
}

static PERSON: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:Dr|Pr|Mme|Mlle|M\.|Mr|Madame|Monsieur|Docteur|Professeur)\s+\S")
        .expect("person")
});

/// Pilots or partners: organisations, and people with their role.
fn actors(doc: &NormDoc, parts: &[Range<usize>], commas: bool) -> Vec<Actor> {
    let text = doc.text.as_str();
    let mut out = Vec::new();
    for p in pieces(doc, parts, false) {
        // "Organisation – Dr Name, role": the organisation, then the person.
        let s = &text[p.clone()];
        let dash = [" – ", " — ", " - "]
            .iter()
            .filter_map(|d| s.find(d).map(|at| (at, at + d.len())))
            .min();
        let (org, person) = match dash {
            Some((at, after)) if PERSON.is_match(s[after..].trim_start()) => (
                Some(trimmed(text, p.start..p.start + at)),
                Some(trimmed(text, p.start + after..p.end)),
            ),
            _ if PERSON.is_match(s) => (None, Some(p.clone())),
            _ => (Some(p.clone()), None),
        };
        if let Some(o) = org.clone() {
            let subs = if commas {
                pieces(doc, &[o], true)
            } else {
                vec![o]
            };
            for o in subs {
                out.push(Actor {
                    kind: ActorKind::Organization,
                    name: text[o.clone()].to_string(),
                    role: None,
                    organization: None,
                    span: span(doc, o),
                });
            }
        }
        if let Some(pr) = person {
            let ps = &text[pr.clone()];
            let (name, role) = match ps.find(", ") {
                Some(c) => (
                    trimmed(text, pr.start..pr.start + c),
                    Some(text[pr.start + c + 2..pr.end].trim().to_string()),
                ),
                None => (pr.clone(), None),
            };
            out.push(Actor {
                kind: ActorKind::Person,
                name: text[name.clone()].to_string(),
                role,
                organization: org.map(|o| text[o].to_string()),
                span: span(doc, pr),
            });
        }
    }
    out
}

const MONTHS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

static DATES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        (?P<dmy>\b(?P<d1>\d{1,2})/(?P<m1>\d{1,2})/(?P<y1>\d{4})\b)
        | (?P<q>\bT(?P<qn>[1-4])\s+(?P<qy>\d{4})\b)
        | (?P<sem>\b(?P<sn>1er|premier|2e|2nd|second|deuxième)\s+semestre\s+(?P<sy>\d{4})\b)
        | (?P<rentree>\brentrée\s+(?P<ry>\d{4})\b)
        | (?P<yr>\b(?P<ya>(?:19|20)\d{2})\s*[-–/]\s*(?P<yb>(?:19|20)\d{2})\b)
        | (?P<md>(?:\b(?P<day>1er|\d{1,2})(?:\s*[-–]\s*(?P<day2>\d{1,2}))?\s+)?
            \b(?P<month>janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre)\b
            (?:\s+(?P<my>\d{4}))?)
        | (?P<y>\b(?:19|20)\d{2}\b)
        ",
    )
    .expect("dates regex")
});

fn month_num(m: &str) -> u32 {
    let m = m.to_lowercase().replace('e', "é").replace("éé", "ée");
    let plain = |s: &str| key(s);
    MONTHS
        .iter()
        .position(|x| plain(x) == plain(&m))
        .map_or(0, |p| p as u32 + 1)
}

/// The dates of one calendar piece: (start, end) in ISO, as precise as the
/// text is ("2020", "2020-10", "2021-04-01").
fn dates_of(s: &str) -> (Option<String>, Option<String>) {
    // A month without its year takes the next year written in the piece.
    let years: Vec<(usize, String)> = Regex::new(r"\b(?:19|20)\d{2}\b")
        .map(|re| {
            re.find_iter(s)
                .map(|m| (m.start(), m.as_str().to_string()))
                .collect()
        })
        .unwrap_or_default();
    let mut spans: Vec<(String, String)> = Vec::new();
    for c in DATES.captures_iter(s) {
        let g = |n: &str| c.name(n).map(|m| m.as_str());
        if c.name("dmy").is_some() {
            let d = format!(
                "{}-{:02}-{:02}",
                g("y1").unwrap_or(""),
                g("m1").and_then(|x| x.parse::<u32>().ok()).unwrap_or(0),
                g("d1").and_then(|x| x.parse::<u32>().ok()).unwrap_or(0)
            );
            spans.push((d.clone(), d));
        } else if c.name("q").is_some() {
            let q: u32 = g("qn").and_then(|x| x.parse().ok()).unwrap_or(1);
            let y = g("qy").unwrap_or("");
            spans.push((format!("{y}-{:02}", q * 3 - 2), format!("{y}-{:02}", q * 3)));
        } else if c.name("sem").is_some() {
            let first = g("sn").is_some_and(|x| {
                let x = x.to_lowercase();
                x == "1er" || x == "premier"
            });
            let y = g("sy").unwrap_or("");
            spans.push(if first {
                (format!("{y}-01"), format!("{y}-06"))
            } else {
                (format!("{y}-07"), format!("{y}-12"))
            });
        } else if c.name("rentree").is_some() {
            let y = format!("{}-09", g("ry").unwrap_or(""));
            spans.push((y.clone(), y));
        } else if c.name("yr").is_some() {
            spans.push((g("ya").unwrap_or("").into(), g("yb").unwrap_or("").into()));
        } else if let Some(m) = c.name("md") {
            let month = month_num(g("month").unwrap_or(""));
            let year = g("my").map(str::to_string).or_else(|| {
                years
                    .iter()
                    .find(|(at, _)| *at > m.end())
                    .map(|(_, y)| y.clone())
            });
            let Some(year) = year else { continue };
            match g("day") {
                Some(d) => {
                    let d1: u32 = if d.eq_ignore_ascii_case("1er") {
                        1
                    } else {
                        d.parse().unwrap_or(1)
                    };
                    let d2: u32 = g("day2").and_then(|x| x.parse().ok()).unwrap_or(d1);
                    spans.push((
                        format!("{year}-{month:02}-{d1:02}"),
                        format!("{year}-{month:02}-{d2:02}"),
                    ));
                }
                None => {
                    let v = format!("{year}-{month:02}");
                    spans.push((v.clone(), v));
                }
            }
        } else if let Some(y) = g("y") {
            spans.push((y.into(), y.into()));
        }
    }
    let start = spans.iter().map(|x| x.0.clone()).min();
    let open = {
        let k = key(s);
        k.contains("a partir de") || k.starts_with("des ") || k.contains(" des ")
    };
    let end = if open {
        None
    } else {
        spans.iter().map(|x| x.1.clone()).max()
    };
    (start, end)
}

fn calendar(doc: &NormDoc, parts: &[Range<usize>]) -> Vec<CalendarEntry> {
    let text = doc.text.as_str();
    pieces(doc, parts, false)
        .into_iter()
        .map(|r| {
            let s = &text[r.clone()];
            let (when, what) = match s.find(" : ") {
                Some(c) => (&s[..c], Some(s[c + 3..].trim().to_string())),
                None => (s, None),
            };
            let (start, end) = dates_of(when);
            CalendarEntry {
                text: s.to_string(),
                start,
                end,
                what,
                span: span(doc, r),
            }
        })
        .collect()
}

static AMOUNT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:^|[^\d,.])(?P<num>\d{1,3}(?:[ \u{202F}\u{A0}.]\d{3})+|\d+)(?:,(?P<dec>\d+))?\s*(?P<unit>k€|K€|M€|€|euros?\b|millions? d[’']euros|Md€)",
    )
    .expect("amount regex")
});

fn funder_like(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

/// Amounts with their funders: "18 000 € par an (ARS – FIR)", "(ARS 5 000 € ;
/// communes 3 000 €)", "ARS PACA (12 500 €)", "Département du Var : 35 000 €".
fn budget(doc: &NormDoc, parts: &[Range<usize>]) -> Vec<BudgetLine> {
    let text = doc.text.as_str();
    let mut out = Vec::new();
    for p in parts {
        let s = &text[p.clone()];
        for c in AMOUNT.captures_iter(s) {
            let (Some(num), Some(unit)) = (c.name("num"), c.name("unit")) else {
                continue;
            };
            let digits: String = num.as_str().chars().filter(char::is_ascii_digit).collect();
            let mut value: f64 = digits.parse().unwrap_or(0.0);
            if let Some(d) = c.name("dec") {
                value += format!("0.{}", d.as_str()).parse::<f64>().unwrap_or(0.0);
            }
            let u = unit.as_str().to_lowercase();
            if u.starts_with('k') {
                value *= 1e3;
            } else if u.starts_with("m€") || u.starts_with("million") {
                value *= 1e6;
            } else if u.starts_with("md") {
                value *= 1e9;
            }
            let (a, b) = (num.start(), unit.end());
            // The piece the amount is in: between `;`, `(` and `)`.
            let before = &s[..a];
            let open = before.rfind('(');
            let close_before = before.rfind(')');
            let inside = open.is_some_and(|o| close_before.is_none_or(|c| c < o));
            let piece_start = before.rfind([';', '(', ')']).map_or(0, |k| {
                k + before[k..].chars().next().map_or(1, char::len_utf8)
            });
            let lead = s[piece_start..a].trim();
            let lead = MARKER.find(lead).map_or(lead, |m| lead[m.end()..].trim());
            let after = &s[b..];
            let piece_end = after.find([';']).unwrap_or(after.len());
            let rest = &after[..piece_end];
            let mut funder = None;
            if inside {
                let lead = lead.trim_end_matches([',', ':', ' ']).trim();
                let first_word = lead.split_whitespace().next().unwrap_or("");
                let linking = [
                    "soit", "dont", "environ", "près", "plus", "moins", "total", "pour", "sur",
                    "par", "de", "en", "à", "et",
                ];
                if !lead.is_empty()
                    && !first_word.starts_with(|c: char| c.is_ascii_digit())
                    && !linking.contains(&first_word.to_lowercase().as_str())
                {
                    funder = Some(lead.to_string());
                } else if lead.is_empty() {
                    // "ARS PACA (12 500 €)": the name before the parenthesis.
                    let o = open.unwrap_or(0);
                    let out_start = s[..o].rfind(';').map_or(0, |k| k + 1);
                    let name = s[out_start..o].trim();
                    let name = MARKER.find(name).map_or(name, |m| name[m.end()..].trim());
                    if funder_like(name) {
                        funder = Some(name.to_string());
                    }
                }
            } else if let Some(name) = lead
                .strip_suffix(':')
                .map(str::trim)
                .filter(|n| funder_like(n))
            {
                funder = Some(name.to_string());
            } else if let Some(po) = rest.find('(') {
                let inner_end = rest[po..].find(')').map_or(rest.len(), |e| po + e);
                let inner = &rest[po + 1..inner_end];
                if !AMOUNT.is_match(inner) && funder_like(inner) {
                    let first = inner.split([',']).next().unwrap_or(inner);
                    funder = Some(first.trim().to_string());
                }
            }
            let per_year = key(rest)
                .split(" (")
                .next()
                .is_some_and(|k| k.contains("par an"))
                || key(rest.split('(').next().unwrap_or("")).contains("par an");
            let range = p.start + a..p.start + b;
            out.push(BudgetLine {
                value,
                currency: "EUR".into(),
                text: text[range.clone()].to_string(),
                funder,
                per_year,
                span: span(doc, range),
            });
        }
    }
    out
}

static EMAIL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+").expect("email"));
static PHONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:\+33\s?(?:\(0\))?\s?[1-9]|\b0[1-9])(?:[\s.]?\d{2}){4}\b").expect("phone")
});

fn contact(doc: &NormDoc, parts: &[Range<usize>]) -> Option<FicheContact> {
    let v = text_value(doc, parts)?;
    let mut emails = Vec::new();
    let mut phones = Vec::new();
    for p in parts {
        let s = &doc.text[p.clone()];
        emails.extend(EMAIL.find_iter(s).map(|m| m.as_str().to_string()));
        phones.extend(PHONE.find_iter(s).map(|m| m.as_str().to_string()));
    }
    Some(FicheContact {
        text: v.text,
        emails,
        phones,
        span: v.span,
    })
}

/// A decree priority's number in a fiche's field: "4° Prévention …",
/// "P2 – P4", a checked box of the six ("☒ 2. Parcours …"; "☐ 1." is not
/// chosen).
static PRIORITY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b([1-6])\s?°|\bP([1-6])\b|[☒☑]\s*([1-6])\b").expect("priority"));

fn build(doc: &NormDoc, d: &Draft, n: usize) -> Fiche {
    let text = doc.text.as_str();
    let all = |name: &str| -> Vec<Range<usize>> {
        d.fields
            .iter()
            .filter(|f| f.field == Some(name))
            .flat_map(|f| f.parts.iter().cloned())
            .collect()
    };
    let first = |name: &str| -> Option<TextValue> {
        d.fields
            .iter()
            .find(|f| f.field == Some(name) && !f.parts.is_empty())
            .and_then(|f| text_value(doc, &f.parts))
    };
    let number = d.number.clone().map(|r| text[r].to_string());
    let title = d
        .title
        .clone()
        .map(|r| TextValue {
            text: text[r.clone()].to_string(),
            span: span(doc, r),
        })
        .or_else(|| first("title"));
    let priority = first("priority");
    let priorities = priority
        .as_ref()
        .map(|p| {
            let mut ns: Vec<u32> = Vec::new();
            for c in PRIORITY.captures_iter(&p.text) {
                let n = c.get(1).or(c.get(2)).or(c.get(3));
                if let Some(n) = n.and_then(|m| m.as_str().parse().ok()) {
                    if !ns.contains(&n) {
                        ns.push(n);
                    }
                }
            }
            ns
        })
        .unwrap_or_default();
    let mut money = all("budget");
    money.extend(all("funders"));
    let fields: Vec<FicheField> = d
        .fields
        .iter()
        .filter_map(|f| {
            let value = text_value(doc, &f.parts)?;
            Some(FicheField {
                field: f.field.map(str::to_string),
                label: TextValue {
                    text: full_label(text, f),
                    span: span(
                        doc,
                        f.label.start..f.label_more.last().map_or(f.label.end, |l| l.end),
                    ),
                },
                value,
            })
        })
        .collect();
    let end = d
        .fields
        .iter()
        .flat_map(|f| f.parts.iter().map(|p| p.end).chain([f.label.end]))
        .max()
        .unwrap_or(d.start);
    let id = match &number {
        Some(num) => format!("fiches/{num}"),
        None => format!("fiches/{}", n + 1),
    };
    Fiche {
        id,
        number,
        title,
        layout: d.layout,
        axis: first("axis"),
        priority,
        priorities,
        general_objective: first("general_objective"),
        operational_objectives: list(doc, &all("operational_objectives")),
        description: first("description"),
        pilots: actors(doc, &all("pilots"), false),
        partners: actors(doc, &all("partners"), true),
        target_public: first("target_public"),
        territory: first("territory"),
        calendar: calendar(doc, &all("calendar")),
        indicators: list(doc, &all("indicators")),
        budget: budget(doc, &money),
        contact: contact(doc, &all("contact")),
        recap: None,
        fields,
        span: span(doc, d.start..end),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A text of fiches laid out as label/value tables with spaces (what a
    /// PDF-to-text converter writes in layout mode): the label column is no
    /// column of prose, each row is a line of its own, indented lines go on
    /// with their row, a number alone opens a fiche, the items of a value
    /// stay in it, and the titles become the document's list of actions.
    #[test]
    fn fiches_laid_out_with_spaces_in_a_text() {
        let text = "\
Projet territorial de santé mentale du Gers – Fiches action

FA 2.1
Intitulé de l’action        Ouvrir une maison des adolescents à Auch
Territoire                  Ensemble du département ; antenne à Condom
Pilote(s)                   Centre hospitalier du Gers – Dr Louise MARTY,
                            cheffe de service
Partenaires                 Éducation nationale, PJJ, CH d’Auch, Mission
                            locale du Gers
Objectifs                   - accueillir les jeunes sans rendez-vous
                            - orienter vers les soins
Calendrier                  Ouverture : 2 septembre 2024
Contact                     mda32@example.fr

FA 2.2
Intitulé de l’action        Former les professionnels de premier recours
Pilote(s)                   IREPS Occitanie
Partenaires                 URPS médecins, CPTS du Gers
Objectifs                   - former 40 médecins généralistes
                            - diffuser un annuaire des ressources
Calendrier                  2024-2026
";
        let out = crate::process_bytes("t.txt", text.as_bytes(), &Default::default())
            .unwrap_or_else(|e| panic!("{e}"))
            .document;
        let got: Vec<(Option<String>, String, Vec<String>, usize)> = out
            .fiches
            .iter()
            .map(|f| {
                (
                    f.number.clone(),
                    f.title.as_ref().map(|t| t.text.clone()).unwrap_or_default(),
                    f.operational_objectives
                        .iter()
                        .map(|o| o.text.clone())
                        .collect(),
                    f.partners.len(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (
                    Some("2.1".to_string()),
                    "Ouvrir une maison des adolescents à Auch".to_string(),
                    vec![
                        "accueillir les jeunes sans rendez-vous".to_string(),
                        "orienter vers les soins".to_string()
                    ],
                    4
                ),
                (
                    Some("2.2".to_string()),
                    "Former les professionnels de premier recours".to_string(),
                    vec![
                        "former 40 médecins généralistes".to_string(),
                        "diffuser un annuaire des ressources".to_string()
                    ],
                    2
                ),
            ]
        );
        let actions = out
            .lists
            .iter()
            .find(|l| l.kind == ListKind::Actions)
            .expect("the fiches' list of actions");
        let items: Vec<(&str, usize)> = actions
            .items
            .iter()
            .map(|i| (i.text.as_str(), i.sub_items.len()))
            .collect();
        assert_eq!(
            items,
            [
                ("Ouvrir une maison des adolescents à Auch", 2),
                ("Former les professionnels de premier recours", 2)
            ]
        );
    }

    /// A table flattened into lines (a PDF read without its layout): each
    /// label alone on its line over its value, the fiche's number alone,
    /// its decree priorities as a checklist, the running header glued to
    /// nothing.
    #[test]
    fn fiches_flattened_label_over_value() {
        let text = "\
PTSM du Gers – Tome 2
FICHE ACTION N°4
Intitulé de l’action
Créer une équipe mobile de
psychiatrie du sujet âgé
Pilote(s)
Centre hospitalier d’Auch – pôle de
psychiatrie du sujet âgé
Partenaires
EHPAD du territoire, SSIAD, DAC 32,
médecins traitants
Objectifs opérationnels
• Évaluer à domicile les situations
signalées par les médecins traitants
• Limiter les passages aux urgences
Lien avec les priorités du décret n°2017-1200
☐ 1. Repérage précoce, accès au diagnostic et aux soins
☒ 2. Parcours de santé et de vie sans rupture
☐ 3. Accès aux soins somatiques
☒ 4. Prévention et prise en charge des situations de crise
☐ 5. Droits des personnes et lutte contre la stigmatisation
☐ 6. Déterminants sociaux, environnementaux et territoriaux
Calendrier
2024-2025
PTSM du Gers – Tome 2
FICHE ACTION N°5
Intitulé de l’action
Former les aidants
Pilote(s)
UNAFAM Gers
Priorités décret
P2 – P5
";
        let out = crate::process_bytes("t.txt", text.as_bytes(), &Default::default())
            .unwrap_or_else(|e| panic!("{e}"))
            .document;
        type Row = (Option<String>, String, Vec<u32>, usize, usize);
        let got: Vec<Row> = out
            .fiches
            .iter()
            .map(|f| {
                (
                    f.number.clone(),
                    f.title.as_ref().map(|t| t.text.clone()).unwrap_or_default(),
                    f.priorities.clone(),
                    f.partners.len(),
                    f.operational_objectives.len(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (
                    Some("4".to_string()),
                    "Créer une équipe mobile de psychiatrie du sujet âgé".to_string(),
                    vec![2, 4],
                    4,
                    2
                ),
                (
                    Some("5".to_string()),
                    "Former les aidants".to_string(),
                    vec![2, 5],
                    0,
                    0
                ),
            ]
        );
        // The checklist is a list of the six priorities, numbers in their
        // markers.
        let six = out
            .lists
            .iter()
            .find(|l| l.kind == ListKind::Priorites)
            .expect("the checklist");
        assert_eq!(six.items.len(), 6);
        assert_eq!(
            six.items[1].text,
            "Parcours de santé et de vie sans rupture"
        );
        assert_eq!(six.items[1].marker.as_deref(), Some("☒ 2."));
    }

    #[test]
    fn labels_match_their_variants() {
        assert_eq!(field_of("Pilote(s)"), Some("pilots"));
        assert_eq!(field_of("Porteur"), Some("pilots"));
        assert_eq!(field_of("Responsable de l’action"), Some("pilots"));
        assert_eq!(field_of("Partenaires associés"), Some("partners"));
        assert_eq!(field_of("Échéancier"), Some("calendar"));
        assert_eq!(field_of("Calendrier prévisionnel"), Some("calendar"));
        assert_eq!(field_of("Indicateurs d’évaluation"), Some("indicators"));
        assert_eq!(field_of("Financement"), Some("budget"));
        assert_eq!(field_of("Coût"), Some("budget"));
        assert_eq!(field_of("Financeur(s) :"), Some("funders"));
        assert_eq!(field_of("Public(s) visé(s)"), Some("target_public"));
        assert_eq!(field_of("Thème(s)"), Some("themes"));
        assert_eq!(field_of("Adresse"), None);
    }

    #[test]
    fn calendar_pieces_give_iso_bounds() {
        let d = |s: &str| dates_of(s);
        assert_eq!(d("2020-2022"), (Some("2020".into()), Some("2022".into())));
        assert_eq!(
            d("1er semestre 2020"),
            (Some("2020-01".into()), Some("2020-06".into()))
        );
        assert_eq!(
            d("T2 2021"),
            (Some("2021-04".into()), Some("2021-06".into()))
        );
        assert_eq!(
            d("ouverture au 1er avril 2021"),
            (Some("2021-04-01".into()), Some("2021-04-01".into()))
        );
        assert_eq!(
            d("rentrée 2020 – juin 2023"),
            (Some("2020-09".into()), Some("2023-06".into()))
        );
        assert_eq!(
            d("À partir de septembre 2021"),
            (Some("2021-09".into()), None)
        );
        assert_eq!(
            d("sessions les 14-15 mai, 11-12 juin et 19-20 novembre 2019."),
            (Some("2019-05-14".into()), Some("2019-11-20".into()))
        );
        assert_eq!(
            d("Du 1er avril 2019 au 31 décembre 2019"),
            (Some("2019-04-01".into()), Some("2019-12-31".into()))
        );
    }
}
