//! One page per document: its normalized text with every extracted item
//! highlighted in place, and the structured result beside it.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicU64;

use maud::{html, Markup, PreEscaped};
use serde::Deserialize;
use serde_json::Value;

use super::marks::{self, Anchor, Category};
use super::pages::{layout, Page};
use super::summary::{enum_name, DocInfo, Unreadable};
use super::{thumbs, Options};
use crate::model::{Block, Document, Item, Span};

/// Reads the JSON file of document `index`, writes its page (and its
/// thumbnails), and returns what the corpus pages need of it.
#[allow(clippy::too_many_arguments)]
pub fn make(
    index: usize,
    id: &str,
    path: &Path,
    slug: &str,
    out: &Path,
    opts: &Options,
    pdftoppm: bool,
    bytes: &AtomicU64,
) -> Result<DocInfo, Unreadable> {
    let unreadable = |reason: String| Unreadable {
        id: id.to_string(),
        reason,
    };
    let raw = std::fs::read(path).map_err(|e| unreadable(format!("cannot read: {e}")))?;
    let value: Value =
        serde_json::from_slice(&raw).map_err(|e| unreadable(format!("not JSON: {e}")))?;
    let doc = Document::deserialize(&value)
        .map_err(|e| unreadable(format!("not a ptsm document: {e}")))?;
    let cols = super::summary::columns(crate::extract::themes::Taxonomy::builtin());
    let mut info = DocInfo::new(index, id, slug, &doc, &cols);

    let thumbs = if pdftoppm && doc.source.format == crate::model::SourceFormat::Pdf {
        thumbs::source_file(
            &doc.source.path,
            &doc.source.sha256,
            opts.sources.as_deref(),
        )
        .map(|pdf| {
            let rel = format!("pages/{slug}");
            thumbs::render(&pdf, &out.join(&rel), &rel, doc.source.pages.unwrap_or(1))
        })
        .unwrap_or_default()
    } else {
        Vec::new()
    };
    info.thumbnails = thumbs.len();

    let marks = marks::collect(&value);
    let (body, text_ok, unplaced) = match super::text::rebuild(&doc.blocks) {
        Ok(text) => {
            let anchors = anchors(&doc.blocks);
            let r = marks::render(&text, &marks, &anchors);
            (Ok(r.html), true, r.unplaced)
        }
        Err(e) => (Err(e.to_string()), false, Vec::new()),
    };
    info.text_ok = text_ok;
    info.unplaced = unplaced.len();
    let page = page(&doc, &info, &marks, body, &unplaced, &thumbs);
    let file: PathBuf = out.join("doc").join(format!("{slug}.html"));
    super::write(&file, page.as_bytes(), bytes).map_err(|e| unreadable(e.to_string()))?;
    Ok(info)
}

/// A gutter label at each block's start (its page, for paged sources) and
/// a page rule where the page changes.
fn anchors(blocks: &[Block]) -> Vec<Anchor> {
    fn walk(bs: &[Block], page: &mut Option<u32>, out: &mut Vec<Anchor>) {
        for b in bs {
            if b.children.is_empty() || b.table.is_some() || !b.text.is_empty() {
                let mut html = String::new();
                if b.span.page.is_some() && b.span.page != *page {
                    if page.is_some() {
                        html.push_str(&format!(
                            "<span class=\"pb\" role=\"separator\" aria-label=\"Page {0}\" data-p=\"{0}\"></span>",
                            b.span.page.unwrap_or(0)
                        ));
                    }
                    *page = b.span.page;
                }
                html.push_str("<span class=\"bk\"");
                if let Some(p) = b.span.page {
                    html.push_str(&format!(" data-p=\"{p}\""));
                }
                html.push_str(&format!(" data-k=\"{}\"></span>", enum_name(&b.kind)));
                out.push(Anchor {
                    at: b.span.start,
                    html,
                });
            }
            if b.table.is_none() {
                walk(&b.children, page, out);
            }
        }
    }
    let mut out = Vec::new();
    walk(blocks, &mut None, &mut out);
    out.sort_by_key(|a| a.at);
    out
}

fn link(pointer: &str, text: &str) -> Markup {
    html! { a.jump href={ "#f" (pointer) } { (text) } }
}

fn opt_link(span_ok: bool, pointer: &str, text: &str) -> Markup {
    if span_ok {
        link(pointer, text)
    } else {
        html! { (text) }
    }
}

/// Two small bars: declared (outline) and listed (filled), to the same
/// scale.
pub fn bars(label: &str, declared: Option<u32>, listed: u32) -> Markup {
    let max = declared.unwrap_or(0).max(listed).max(1) as f32;
    let pct = |n: u32| format!("width:{:.1}%", n as f32 * 100.0 / max);
    let bad = declared.is_some_and(|d| d != listed);
    let declared_text = declared.map_or("—".to_string(), |d| d.to_string());
    html! {
        div.bars.mismatch[bad] role="img"
            aria-label={ (label) ": declared " (declared_text) ", listed " (listed) (if bad { " (they differ)" } else { "" }) } {
            span.bl { (label) }
            span.bt { span.bd style=(pct(declared.unwrap_or(0))) {} }
            span.bn { "declared " (declared_text) }
            span.bt { span.bf style=(pct(listed)) {} }
            span.bn { "listed " (listed) @if bad { " ≠" } }
        }
    }
}

fn items_list(items: &[Item], ptr: &str) -> Markup {
    html! {
        ol.items {
            @for (i, it) in items.iter().enumerate() {
                @let p = format!("{ptr}/{i}");
                li {
                    @if let Some(m) = &it.marker { span.marker { (m) " " } }
                    (link(&p, &it.text))
                    @if let Some(n) = it.decree_priority { " " span.chip title="National priority of décret 2017-1200" { "P" (n) } }
                    @for t in &it.themes { " " span.chip.theme title=(t.label) { (t.id) } }
                    @if !it.sub_items.is_empty() { (items_list(&it.sub_items, &format!("{p}/sub_items"))) }
                }
            }
        }
    }
}

fn span_page(s: &Span) -> String {
    s.page.map(|p| format!("p. {p}")).unwrap_or_default()
}

fn page(
    doc: &Document,
    info: &DocInfo,
    marks: &[marks::Mark],
    body: Result<String, String>,
    unplaced: &[String],
    thumbs: &[thumbs::Thumb],
) -> String {
    let ok = body.is_ok();
    let placed = |p: &str| ok && !unplaced.iter().any(|u| u == p);
    let mut counts_by_cat = std::collections::BTreeMap::new();
    for m in marks {
        *counts_by_cat.entry(m.category).or_insert(0usize) += 1;
    }
    let pages_json = serde_json::to_string(
        &thumbs
            .iter()
            .map(|t| (t.page, format!("../{}", t.file), t.width, t.height))
            .collect::<Vec<_>>(),
    )
    .unwrap_or_default();
    let content = html! {
        div.docpage {
            section.textcol aria-labelledby="h-text" {
                h2 #h-text { "Normalized text" }
                p.legend {
                    @for c in Category::ALL {
                        @if let Some(n) = counts_by_cat.get(&c) {
                            span class={ "sw " (c.class()) } { (c.name()) " (" (n) ")" } " "
                        }
                    }
                }
                p.hint { "Hover or select a highlight to see its field and id; keys "
                    kbd { "n" } " / " kbd { "p" } " go to the next / previous highlight." }
                @match &body {
                    Ok(h) => { div.text #text lang="fr" tabindex="0" aria-label="Normalized text with highlights" { (PreEscaped(h)) } }
                    Err(e) => { p.notice role="alert" { "The normalized text could not be rebuilt from the block tree (" (e) "): the items are listed beside, without highlights." } }
                }
            }
            aside.panel aria-label="Structured result" {
                @if !thumbs.is_empty() {
                    figure.pageview #pageview data-pages=(pages_json) {
                        div.pv-frame { img #pv-img alt="" ; div.pv-box #pv-box hidden {} }
                        figcaption #pv-cap { "Page 1. Select an item to see its box on its page." }
                    }
                }
                section {
                    h2 { "Document" }
                    dl.meta {
                        dt { "Source" } dd { code { (doc.source.path) } }
                        dt { "Format" } dd { (info.format) @if let Some(p) = doc.source.pages { ", " (p) " page(s)" } @if !doc.source.ocr_pages.is_empty() { ", OCR on " (doc.source.ocr_pages.len()) " page(s)" } }
                        dt { "Kind" } dd { (info.kind) @if let Some(s) = &info.subject { " (" (s) ")" } }
                        dt { "Title" } dd { @if let Some(t) = &doc.title { (opt_link(placed("/title"), "/title", &t.text)) } @else { "—" } }
                        dt { "Issuer" } dd { @if let Some(i) = &doc.issuer { (opt_link(placed("/issuer"), "/issuer", &i.name)) " (" (enum_name(&i.kind)) ")" } @else { "—" } }
                        dt { "Region" } dd { (doc.region.as_deref().unwrap_or("—")) }
                        dt { "Date" } dd { @if let Some(d) = &doc.date { (opt_link(placed("/date"), "/date", &d.value)) " (" (enum_name(&d.role)) ")" } @else { "—" } }
                        dt { "JSON" } dd { code { (info.id) ".json" } }
                    }
                }
                section {
                    h2 { "Declared vs listed" }
                    (bars("Working groups", info.groups.0, info.groups.1))
                    (bars("Actions", info.actions.0, info.actions.1))
                    @for (i, t) in doc.territories.iter().enumerate() {
                        @if t.declared.working_groups.is_some() || t.declared.actions.is_some() || !t.working_groups.is_empty() || !t.actions.is_empty() {
                            h3.ter { (opt_link(placed(&format!("/territories/{i}")), &format!("/territories/{i}"), &t.normalized_name)) }
                            (bars("Groups", t.declared.working_groups.as_ref().map(|c| c.count), t.working_groups.len() as u32))
                            (bars("Actions", t.declared.actions.as_ref().map(|c| c.count), t.actions.len() as u32))
                        }
                    }
                }
                section {
                    h2 { "Territories (" (doc.territories.len()) ")" }
                    ul.plain {
                        @for (i, t) in doc.territories.iter().enumerate() {
                            li {
                                (opt_link(placed(&format!("/territories/{i}")), &format!("/territories/{i}"), &t.normalized_name))
                                " " span.muted { (enum_name(&t.kind))
                                    @if let Some(d) = &t.departement { " " (d) }
                                    @if let Some(d) = &t.parent_departement { ", in " (d) }
                                    @if !t.about { ", mentioned" }
                                    ", id " code { (t.id) } }
                                @if !t.other_forms.is_empty() {
                                    " · also " @for (j, f) in t.other_forms.iter().enumerate() {
                                        @if j > 0 { ", " } (link(&format!("/territories/{i}/other_forms/{j}"), &f.text))
                                    }
                                }
                                @for (name, list) in [("axes", &t.axes), ("working_groups", &t.working_groups), ("actions", &t.actions)] {
                                    @if !list.is_empty() {
                                        details { summary { (name.replace('_', " ")) " (" (list.len()) ")" }
                                            (items_list(list, &format!("/territories/{i}/{name}"))) }
                                    }
                                }
                            }
                        }
                    }
                }
                section {
                    h2 { "Lists (" (doc.lists.len()) ")" }
                    @for (i, l) in doc.lists.iter().enumerate() {
                        details open[doc.lists.len() <= 6] {
                            summary {
                                (l.id) " · " (enum_name(&l.kind))
                                @if let Some(t) = &l.territory { " · " (t) }
                                " (" (l.items.len()) ")"
                            }
                            @if let Some(t) = &l.title { p.ltitle { (link(&format!("/lists/{i}/title"), &t.text)) } }
                            (items_list(&l.items, &format!("/lists/{i}/items")))
                        }
                    }
                }
                @if !doc.counts.is_empty() {
                    section { h2 { "Declared counts (" (doc.counts.len()) ")" }
                        table.small { thead { tr { th scope="col" { "as written" } th scope="col" { "what" } th scope="col" { "scope" } } }
                            tbody { @for (i, c) in doc.counts.iter().enumerate() { tr {
                                td { (link(&format!("/counts/{i}"), &c.text)) } td { (c.what) } td { (enum_name(&c.scope)) @if let Some(t) = &c.territory { " " (t) } } } } } }
                    }
                }
                @if !doc.dates.is_empty() {
                    section { h2 { "Dates (" (doc.dates.len()) ")" }
                        table.small { thead { tr { th scope="col" { "as written" } th scope="col" { "value" } th scope="col" { "role" } } }
                            tbody { @for (i, d) in doc.dates.iter().enumerate() { tr {
                                td { (link(&format!("/dates/{i}"), &d.text)) } td { (d.value.as_deref().unwrap_or("—")) @if d.year_inferred { " (year inferred)" } } td { (enum_name(&d.role)) } } } } }
                    }
                }
                @if !doc.periods.is_empty() {
                    section { h2 { "Periods" } ul.plain { @for (i, p) in doc.periods.iter().enumerate() {
                        li { (link(&format!("/periods/{i}"), &p.text)) " " span.muted { (p.start) "–" (p.end) @if let Some(l) = &p.label { " " (l) } } } } } }
                }
                @if !doc.people.is_empty() {
                    section { h2 { "People (" (doc.people.len()) ")" } ul.plain { @for (i, p) in doc.people.iter().enumerate() {
                        li { (link(&format!("/people/{i}"), &p.name))
                            @if let Some(r) = &p.role { ", " @if p.role_span.is_some() { (link(&format!("/people/{i}/role_span"), r)) } @else { (r) } }
                            @if let Some(o) = &p.organization { ", " (o) }
                            @if p.signatory { " " span.chip { "signatory" } } } } } }
                }
                @if !doc.amounts.is_empty() {
                    section { h2 { "Amounts" } ul.plain { @for (i, a) in doc.amounts.iter().enumerate() {
                        li { (link(&format!("/amounts/{i}"), &a.text)) " " span.muted { (a.value) " " (a.currency) } } } } }
                }
                @if !doc.contacts.emails.is_empty() || !doc.contacts.phones.is_empty() {
                    section { h2 { "Contacts" } ul.plain {
                        @for (i, e) in doc.contacts.emails.iter().enumerate() { li { (link(&format!("/contacts/emails/{i}"), &e.address)) } }
                        @for (i, p) in doc.contacts.phones.iter().enumerate() { li { (link(&format!("/contacts/phones/{i}"), &p.text)) " " span.muted { (p.e164) } } }
                    } }
                }
                @if !doc.acronyms.is_empty() {
                    section { details { summary { h2.inline { "Acronyms (" (doc.acronyms.len()) ")" } }
                        ul.plain { @for (i, a) in doc.acronyms.iter().enumerate() {
                            li { (link(&format!("/acronyms/{i}"), &a.acronym)) " " span.muted { (a.expansion.as_deref().unwrap_or("unknown")) " ×" (a.occurrences) } } } } } }
                }
                section #warnings {
                    h2 { "Warnings (" (doc.warnings.len()) ")" }
                    @if doc.warnings.is_empty() { p.muted { "None." } }
                    ul.plain.warnings {
                        @for (i, w) in doc.warnings.iter().enumerate() {
                            li {
                                span.code { (w.code) } " "
                                @if w.span.is_some() && placed(&format!("/warnings/{i}")) {
                                    (link(&format!("/warnings/{i}"), &w.message))
                                    @if let Some(s) = &w.span { " " span.muted { (span_page(s)) } }
                                } @else { (w.message) }
                            }
                        }
                    }
                }
                @if !unplaced.is_empty() {
                    section { h2 { "Items outside the text" }
                        p.notice { (unplaced.len()) " item(s) have a span that is not in the text and are not highlighted:" }
                        ul.plain { @for u in unplaced { li { code { (u) } } } } }
                }
                @if !doc.furniture.is_empty() {
                    section { details { summary { h2.inline { "Page furniture (" (doc.furniture.len()) ")" } }
                        ul.plain { @for f in &doc.furniture { li { "p. " (f.page) " " span.muted { (enum_name(&f.kind)) } " " (f.text) } } } } }
                }
            }
        }
    };
    layout(&info.title, Page::Doc, "../", &[], content)
}
