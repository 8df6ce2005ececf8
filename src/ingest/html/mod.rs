//! Web pages: bytes → [`RawDoc`] with the page's main content as lines and
//! its structure as [`Markup`] blocks, as a browser's reader view shows it.
//!
//! 1. **Decoding** (`decode`): byte-order mark, else the `<meta charset>`
//!    or `http-equiv` declaration (found by the HTML parser in the first
//!    8 KB), else detection as for text files; a declaration the bytes
//!    contradict is overruled, with a warning.
//! 2. **Limits** (`guard`): a cheap scan of the markup refuses pages with
//!    more elements, or elements nested deeper, than a page ever has,
//!    before anything is built.
//! 3. **Parsing**: html5ever through `dom_query`. Every element is tagged
//!    with its index, so that the blocks keep a path to the element of the
//!    page they come from, whatever the content extraction moves.
//! 4. **Metadata** (`meta`): read on the whole page before it is
//!    reduced: dates ("Publié le …" lines, `<time>`), labels by the main
//!    heading, links to documents, canonical address.
//! 5. **Main content**: Mozilla Readability's algorithm (the `dom_smoothie`
//!    port), after the page's furniture that it does not know in French
//!    (breadcrumbs "fil d'Ariane", sharing "partage", "lire aussi", cookie
//!    banners such as tarteaucitron) is removed (`furniture`); when it
//!    finds nothing, the whole page without its furniture.
//! 6. **Structure** (`walk`): the content's elements become blocks
//!    (`h1`–`h6` headings, `p` paragraphs, `ul`/`ol`/`li` nested lists with
//!    their numbering, `br` line breaks, `table` tables of cells,
//!    `blockquote` quotations, `pre` preformatted lines), one line each.

mod decode;
mod furniture;
mod guard;
mod meta;
mod paths;
pub(crate) mod url;
mod walk;

use dom_query::Document;
use dom_smoothie::{Config, Readability};

use super::markup::Markup;
use super::{RawDoc, RawPage};
use crate::error::{IngestError, Warning};
use crate::model::{SourceFormat, WebContent};

/// File name extensions of web pages.
pub const EXTENSIONS: &[&str] = &[".html", ".htm", ".xhtml", ".shtml"];

/// Whether the first bytes of a file are those of a web page: after a
/// byte-order mark, white space, an XML declaration and comments, a
/// doctype or one of the tags a page starts with (WHATWG MIME sniffing's
/// list, plus `meta` and `link`).
pub fn sniff(head: &[u8]) -> bool {
    // UTF-16 with a byte-order mark: the ASCII bytes of the code units.
    let narrowed: Vec<u8>;
    let mut s: &[u8] = head;
    if let Some(rest) = s.strip_prefix(b"\xFF\xFE") {
        narrowed = rest.iter().step_by(2).copied().collect();
        s = &narrowed;
    } else if let Some(rest) = s.strip_prefix(b"\xFE\xFF") {
        narrowed = rest.iter().skip(1).step_by(2).copied().collect();
        s = &narrowed;
    } else if let Some(rest) = s.strip_prefix(b"\xEF\xBB\xBF") {
        s = rest;
    }
    loop {
        s = s.trim_ascii_start();
        if let Some(rest) = s.strip_prefix(b"<?xml") {
            let Some(end) = rest.windows(2).position(|w| w == b"?>") else {
                return false;
            };
            s = rest.get(end + 2..).unwrap_or_default();
        } else if let Some(rest) = s.strip_prefix(b"<!--") {
            let Some(end) = rest.windows(3).position(|w| w == b"-->") else {
                return false;
            };
            s = rest.get(end + 3..).unwrap_or_default();
        } else {
            break;
        }
    }
    const TAGS: &[&[u8]] = &[
        b"<!doctype html",
        b"<html",
        b"<head",
        b"<script",
        b"<iframe",
        b"<h1",
        b"<div",
        b"<font",
        b"<table",
        b"<a",
        b"<style",
        b"<title",
        b"<b",
        b"<body",
        b"<br",
        b"<p",
        b"<meta",
        b"<link",
    ];
    TAGS.iter().any(|tag| {
        s.len() > tag.len()
            && s.get(..tag.len())
                .is_some_and(|h| h.eq_ignore_ascii_case(tag))
            && s.get(tag.len())
                .is_some_and(|&b| b == b'>' || b == b'/' || b.is_ascii_whitespace())
    })
}

/// Reads a web page named `name` (a path, or the URL it was fetched from:
/// then relative links are resolved against it).
pub fn read(name: &str, bytes: &[u8]) -> Result<RawDoc, IngestError> {
    let decoded = decode::decode(bytes)?;
    guard::check(&decoded.text)?;
    let mut warnings = decoded.warnings;

    let doc = Document::from(decoded.text.as_str());
    let paths = paths::Paths::annotate(&doc);
    let base = url::base(name, &doc);
    let mut page = meta::collect(&doc, base.as_deref());
    furniture::remove(&doc);

    // Readability wants an absolute URL to resolve links with; none is
    // needed for the text.
    let doc_url = base.as_deref().filter(|b| url::is_absolute_http(b));
    let cfg = Config {
        // The guard already bounds the page; this bounds the work of one
        // attempt again, in elements Readability scores.
        max_elements_to_parse: guard::MAX_ELEMENTS,
        ..Config::default()
    };
    let mut built = None;
    let mut title_heading = None;
    if let Ok(mut r) = Readability::with_document(doc, doc_url, Some(cfg)) {
        let json_ld = r.parse_json_ld();
        let md = r.get_article_metadata(json_ld.clone());
        meta::take_metadata(&mut page, &md, json_ld.as_ref());
        let json_ld_title = json_ld.as_ref().is_some_and(|l| !l.title.trim().is_empty());
        meta::fix_title(&r.doc, &mut page, json_ld_title);
        // Readability takes the heading that repeats the title out of the
        // article; a reader view shows it above: it is kept to put first.
        title_heading = page
            .title
            .as_deref()
            .and_then(|t| meta::title_heading(&r.doc, t, &paths));
        match r.parse() {
            Ok(article) => {
                if page.byline.is_none() {
                    page.byline = article
                        .byline
                        .map(|b| meta::collapse(&b))
                        .filter(|b| !b.is_empty());
                }
                let root = r.doc.select("#readability-page-1");
                if let Some(node) = root.nodes().first() {
                    let b = walk::walk(node, &paths);
                    if !b.lines.is_empty() {
                        built = Some(b);
                    }
                }
                if built.is_none() {
                    warnings.push(Warning::new(
                        "content_not_found",
                        "the reader view kept no text: the whole page is read without its \
                         menus, header and footer",
                    ));
                }
            }
            Err(e) => warnings.push(Warning::new(
                "content_not_found",
                format!(
                    "the reader view found no article ({e}): the whole page is read \
                     without its menus, header and footer"
                ),
            )),
        }
    }
    let built = match built {
        Some(b) => b,
        None => {
            // A fresh parse: Readability changed the tree it worked on.
            page.content = WebContent::Page;
            let doc = Document::from(decoded.text.as_str());
            let paths = paths::Paths::annotate(&doc);
            furniture::remove_all(&doc);
            let root = furniture::main_root(&doc);
            match root.nodes().first() {
                Some(node) => walk::walk(node, &paths),
                None => walk::Built::default(),
            }
        }
    };
    if built.lines.is_empty() {
        warnings.push(Warning::new(
            "no_text",
            "the page has no text content (an empty page, or one built by scripts)",
        ));
    }
    let mut built = built;
    let found = walk::mark_title(&mut built.blocks, &built.lines, page.title.as_deref());
    // (A page read whole still has its heading.)
    if !found && page.content == WebContent::Readability {
        if let Some((text, path)) = title_heading {
            walk::prepend_title(&mut built, text, path);
        }
    }
    let walk::Built {
        lines,
        blocks,
        tables,
    } = built;
    Ok(RawDoc {
        format: SourceFormat::Html,
        encoding: Some(decoded.encoding),
        paged: false,
        laid_out: true,
        pages: vec![RawPage { number: 1, lines }],
        furniture: Vec::new(),
        tables: Vec::new(),
        warnings,
        markup: Some(Box::new(Markup {
            blocks,
            tables,
            page,
        })),
        ocr: None,
    })
}
