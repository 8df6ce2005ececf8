//! The frame every page shares, the assets, the overview and the warnings
//! pages.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::atomic::AtomicU64;

use maud::{html, Markup, DOCTYPE};
use serde_json::json;

use super::doc_page::bars;
use super::summary::{Corpus, DocInfo, Failed};
use super::{write, ReportError};

const CSS: &str = include_str!("assets/report.css");
const JS: &str = include_str!("assets/report.js");

/// Rows of the documents table per page (the table shows one page at a
/// time, whatever the number of documents).
pub const PAGE_ROWS: usize = 50;

/// Which page: its entry in the navigation, and what the script does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    Overview,
    Map,
    Heatmap,
    Warnings,
    Doc,
}

impl Page {
    fn name(self) -> &'static str {
        match self {
            Page::Overview => "overview",
            Page::Map => "map",
            Page::Heatmap => "heatmap",
            Page::Warnings => "warnings",
            Page::Doc => "doc",
        }
    }
}

/// A whole page: `root` is the way back to the report's folder (`""` or
/// `"../"`), `data` the data scripts (relative to the folder) it loads
/// before the report's script.
pub fn layout(title: &str, page: Page, root: &str, data: &[&str], content: Markup) -> String {
    let nav = [
        (Page::Overview, "index.html", "Documents"),
        (Page::Map, "map.html", "Map"),
        (Page::Heatmap, "heatmap.html", "Territories × themes"),
    ];
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                // Nothing but this folder: no request can leave the machine.
                meta http-equiv="Content-Security-Policy" content="default-src 'self' data:; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'";
                title { (title) " · ptsm report" }
                link rel="stylesheet" href={ (root) "assets/report.css" };
            }
            body data-page=(page.name()) {
                a.skip href="#main" { "Skip to content" }
                header.top {
                    span.brand { "ptsm report" }
                    nav aria-label="Report" {
                        ul {
                            @for (p, href, label) in nav {
                                li { a href={ (root) (href) } aria-current=[(p == page).then_some("page")] { (label) } }
                            }
                        }
                    }
                }
                main #main tabindex="-1" {
                    h1 { (title) }
                    (content)
                }
                footer.foot {
                    p { "Made by ptsm " (env!("CARGO_PKG_VERSION")) " from ptsm JSON (schema " (crate::model::SCHEMA_VERSION) "). "
                        "A static folder: it makes no network request." }
                }
                @for d in data { script src={ (root) (d) } {} }
                script src={ (root) "assets/report.js" } {}
            }
        }
    }
    .into_string()
}

pub fn write_assets(out: &Path, bytes: &AtomicU64) -> Result<(), ReportError> {
    write(&out.join("assets/report.css"), CSS.as_bytes(), bytes)?;
    write(&out.join("assets/report.js"), JS.as_bytes(), bytes)
}

/// `window.NAME = <json>;` for a page's script.
pub fn data_script(name: &str, value: &serde_json::Value) -> String {
    // `</script>` cannot occur: the file is loaded by `src`, never inlined.
    format!("window.{name} = {value};\n")
}

/// The inputs `ptsm extract` could not convert, from `errors.jsonl` (or
/// the shards' `errors.K-of-N.jsonl`) in the folder read.
pub fn read_errors(input: &Path) -> Vec<Failed> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(input) else {
        return out;
    };
    let mut files: Vec<_> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("errors") && n.ends_with(".jsonl"))
        })
        .collect();
    files.sort();
    for f in files {
        let Ok(text) = std::fs::read_to_string(&f) else {
            continue;
        };
        for line in text.lines() {
            let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
                continue;
            };
            let s = |k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or("").to_string();
            out.push(Failed {
                input: s("input"),
                kind: s("kind"),
                message: s("message"),
            });
        }
    }
    out
}

fn doc_row(d: &DocInfo) -> serde_json::Value {
    let ters: Vec<String> = d
        .territories
        .iter()
        .filter(|t| t.about)
        .map(|t| match t.dep() {
            Some(c) => format!("{} ({c})", t.name),
            None => t.name.clone(),
        })
        .collect();
    json!([
        d.slug,
        d.title,
        d.issuer,
        d.kind,
        d.date,
        ters.join(", "),
        d.groups.0,
        d.groups.1,
        d.actions.0,
        d.actions.1,
        d.warnings.len(),
        d.format,
        d.source,
        d.text_ok,
        d.id,
    ])
}

fn counts_cell(declared: Option<u32>, listed: u32) -> Markup {
    let bad = declared.is_some_and(|d| d != listed);
    html! {
        td.num.mismatch[bad] {
            (declared.map_or("—".to_string(), |d| d.to_string())) " / " (listed)
            @if bad { span.sr { " (declared and listed differ)" } " ≠" }
        }
    }
}

pub fn overview(c: &Corpus, out: &Path, bytes: &AtomicU64) -> Result<(), ReportError> {
    let rows: Vec<serde_json::Value> = c.docs.iter().map(doc_row).collect();
    let kinds: BTreeMap<&str, usize> = c.docs.iter().fold(BTreeMap::new(), |mut m, d| {
        *m.entry(d.kind.as_str()).or_default() += 1;
        m
    });
    let formats: BTreeMap<&str, usize> = c.docs.iter().fold(BTreeMap::new(), |mut m, d| {
        *m.entry(d.format.as_str()).or_default() += 1;
        m
    });
    let mut codes: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for d in &c.docs {
        for (code, n) in d.warning_codes() {
            let e = codes.entry(code).or_default();
            e.0 += n;
            e.1 += 1;
        }
    }
    let territories: usize = c.docs.iter().map(|d| d.territories.len()).sum();
    let sum = |f: fn(&DocInfo) -> (Option<u32>, u32)| {
        c.docs.iter().fold((None::<u32>, 0u32), |(d, l), x| {
            let (xd, xl) = f(x);
            (
                match (d, xd) {
                    (None, None) => None,
                    (a, b) => Some(a.unwrap_or(0) + b.unwrap_or(0)),
                },
                l + xl,
            )
        })
    };
    let groups = sum(|d| d.groups);
    let actions = sum(|d| d.actions);
    let warnings: usize = c.docs.iter().map(|d| d.warnings.len()).sum();
    let mismatches = c.docs.iter().filter(|d| d.mismatch()).count();
    let without_text = c.docs.iter().filter(|d| !d.text_ok).count();
    write(
        &out.join("data/documents.js"),
        data_script("PTSM_DOCS", &serde_json::Value::Array(rows)).as_bytes(),
        bytes,
    )?;
    let headers = [
        ("title", "Document"),
        ("issuer", "Issuer"),
        ("kind", "Kind"),
        ("date", "Date"),
        ("territories", "Territories"),
        ("groups", "Groups declared / listed"),
        ("actions", "Actions declared / listed"),
        ("warnings", "Warnings"),
    ];
    let content = html! {
        section.totals aria-labelledby="h-totals" {
            h2 #h-totals { "Totals" }
            dl.cards {
                div { dt { "Documents" } dd { (c.docs.len()) } }
                div { dt { "Territories" } dd { (territories) } }
                div { dt { "Working groups" } dd { (groups.1) } }
                div { dt { "Actions" } dd { (actions.1) } }
                div { dt { "Warnings" } dd { (warnings) } }
                div { dt { "Declared ≠ listed" } dd { (mismatches) } }
            }
            (bars("Working groups, all documents", groups.0, groups.1))
            (bars("Actions, all documents", actions.0, actions.1))
            p.muted {
                "By kind: " @for (i, (k, n)) in kinds.iter().enumerate() { @if i > 0 { ", " } (k) " " (n) } ". "
                "By format: " @for (i, (k, n)) in formats.iter().enumerate() { @if i > 0 { ", " } (k) " " (n) } "."
                @if without_text > 0 { " " (without_text) " document(s) without rebuilt text." }
            }
        }
        section aria-labelledby="h-docs" {
            h2 #h-docs { "Documents" }
            form.filters #filters role="search" {
                label { "Filter " input #f-text type="search" placeholder="title, issuer, territory…" autocomplete="off"; }
                label { "Kind " select #f-kind { option value="" { "any" } @for k in kinds.keys() { option value=(k) { (k) } } } }
                label { input #f-mismatch type="checkbox"; " declared ≠ listed" }
                label { input #f-warn type="checkbox"; " with warnings" }
            }
            p #doc-status .muted aria-live="polite" { "Showing documents 1–" (c.docs.len().min(PAGE_ROWS)) " of " (c.docs.len()) "." }
            div.tablewrap {
                table.docs #docs {
                    caption.sr { "Documents of the report; column headers sort." }
                    thead { tr {
                        @for (key, label) in headers {
                            th scope="col" aria-sort="none" { button type="button" data-sort=(key) { (label) } }
                        }
                    } }
                    tbody #docs-body {
                        // The first page, for readers without scripts and
                        // for print; the script replaces it.
                        @for d in c.docs.iter().take(PAGE_ROWS) {
                            tr {
                                td { a href={ "doc/" (d.slug) ".html" } { (d.title) } br; span.file { (d.id) } }
                                td { (d.issuer.as_deref().unwrap_or("—")) }
                                td { (d.kind) }
                                td.nowrap { (d.date.as_deref().unwrap_or("—")) }
                                td { (doc_row(d)[5].as_str().unwrap_or("")) }
                                (counts_cell(d.groups.0, d.groups.1))
                                (counts_cell(d.actions.0, d.actions.1))
                                td.num { (d.warnings.len()) }
                            }
                        }
                    }
                }
            }
            nav.pager #pager aria-label="Pages of the documents table" {}
            noscript { p.notice { "Scripts are off: the first " (PAGE_ROWS) " documents are shown, unsorted." } }
        }
        section aria-labelledby="h-warn" {
            h2 #h-warn { "Warnings by code" }
            @if codes.is_empty() { p.muted { "No warnings." } } @else {
                table.small { thead { tr { th scope="col" { "code" } th.num scope="col" { "warnings" } th.num scope="col" { "documents" } } }
                    tbody { @for (code, (n, docs)) in &codes { tr {
                        td { a href={ "warnings/" (code) ".html" } { (code) } } td.num { (n) } td.num { (docs) } } } } }
            }
        }
        @if !c.failed.is_empty() {
            section aria-labelledby="h-failed" {
                h2 #h-failed { "Inputs that could not be converted (" (c.failed.len()) ")" }
                table.small { thead { tr { th scope="col" { "input" } th scope="col" { "kind" } th scope="col" { "message" } } }
                    tbody { @for f in &c.failed { tr { td { code { (f.input) } } td { (f.kind) } td { (f.message) } } } } }
            }
        }
        @if !c.unreadable.is_empty() {
            section aria-labelledby="h-unread" {
                h2 #h-unread { "JSON files that are not ptsm documents (" (c.unreadable.len()) ")" }
                ul.plain { @for u in &c.unreadable { li { code { (u.id) } ": " (u.reason) } } }
            }
        }
    };
    let page = layout(
        "Documents",
        Page::Overview,
        "",
        &["data/documents.js"],
        content,
    );
    write(&out.join("index.html"), page.as_bytes(), bytes)
}

/// Warning codes are `[a-z0-9_]`; anything else is not used as a file name.
fn safe_code(code: &str) -> bool {
    !code.is_empty()
        && code
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

pub fn warnings(c: &Corpus, out: &Path, bytes: &AtomicU64) -> Result<(), ReportError> {
    let mut by_code: BTreeMap<&str, Vec<(&DocInfo, usize, &str)>> = BTreeMap::new();
    for d in &c.docs {
        for (code, i, msg) in &d.warnings {
            by_code.entry(code.as_str()).or_default().push((d, *i, msg));
        }
    }
    for (code, list) in by_code {
        if !safe_code(code) {
            continue;
        }
        let content = html! {
            p { (list.len()) " warning(s) in "
                (list.iter().map(|(d, _, _)| d.index).collect::<std::collections::BTreeSet<_>>().len())
                " document(s). Each links to its place in the document's text." }
            table.small {
                thead { tr { th scope="col" { "document" } th scope="col" { "message" } } }
                tbody { @for (d, i, msg) in &list { tr {
                    td { a href={ "../doc/" (d.slug) ".html" } { (d.title) } }
                    td { a href={ "../doc/" (d.slug) ".html#f/warnings/" (i) } { (msg) } }
                } } }
            }
        };
        let page = layout(
            &format!("Warning {code}"),
            Page::Warnings,
            "../",
            &[],
            content,
        );
        write(
            &out.join(format!("warnings/{code}.html")),
            page.as_bytes(),
            bytes,
        )?;
    }
    Ok(())
}
