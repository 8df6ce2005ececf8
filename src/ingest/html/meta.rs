//! What a page says about itself, read on the whole page before its main
//! content is chosen: Readability's metadata (title, site name, author,
//! language, dates from `<meta>` and JSON-LD), and what it does not read:
//! `<time datetime>` elements, "Publié le …" / "Mis à jour le …" lines,
//! the short labels by the main heading ("Communiqué de presse"), the
//! canonical address, and links to documents (PDF, DOCX…), all outside
//! the page's furniture.

use dom_query::{Document, NodeRef};
use dom_smoothie::Metadata;
use unicode_normalization::UnicodeNormalization;

use super::paths::Paths;
use super::{furniture, url, walk};
use crate::ingest::markup::{PageDate, PageLink, PageMeta};
use crate::model::WebDateSource;

/// Words before a publication date on its line, folded (lowercase, no
/// accents).
const PUBLISHED: &[&str] = &[
    "publie le",
    "publiee le",
    "publie :",
    "publie:",
    "article publie le",
    "date de publication",
    "mis en ligne le",
    "mise en ligne le",
    "mise en ligne :",
    "publication :",
    "publication le",
    "posted on",
    "published on",
    "published",
];

/// Words before an update date, folded.
const MODIFIED: &[&str] = &[
    "mis a jour le",
    "mise a jour le",
    "mise a jour :",
    "derniere mise a jour",
    "modifie le",
    "actualise le",
    "maj le",
    "updated on",
    "last updated",
    "updated",
];

/// Longest text of an element read as a date line or a label.
const MAX_LINE: usize = 120;
const MAX_LABEL: usize = 60;

/// Extensions of document links, and the format each names.
const DOCUMENTS: &[(&str, &str)] = &[
    ("pdf", "pdf"),
    ("docx", "docx"),
    ("doc", "doc"),
    ("odt", "odt"),
    ("xlsx", "xlsx"),
    ("xls", "xls"),
    ("ods", "ods"),
    ("pptx", "pptx"),
    ("ppt", "ppt"),
    ("odp", "odp"),
    ("rtf", "rtf"),
    ("zip", "zip"),
];

/// Lowercase without accents: "Publié le" → "publie le".
pub fn fold(s: &str) -> String {
    s.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Text with white space collapsed and trimmed.
pub fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What the markup says, before the content is chosen.
pub fn collect(doc: &Document, base: Option<&str>) -> PageMeta {
    let mut page = PageMeta {
        lang: doc
            .select("html[lang]")
            .nodes()
            .first()
            .and_then(|n| n.attr("lang"))
            .map(|l| l.trim().to_string())
            .filter(|l| !l.is_empty()),
        canonical_url: doc
            .select("link[rel~=canonical][href]")
            .nodes()
            .first()
            .and_then(|n| n.attr("href"))
            .map(|h| match base {
                Some(b) => url::resolve(b, &h),
                None => h.trim().to_string(),
            })
            .filter(|h| !h.is_empty()),
        ..PageMeta::default()
    };
    let body = doc.select("body");
    let Some(body) = body.nodes().first().cloned() else {
        return page;
    };
    times(&body, &mut page);
    date_lines(&body, &mut page);
    page.labels = labels(doc);
    page.attachments = attachments(&body, base);
    page
}

/// `<time datetime>` elements: published or modified by their
/// `itemprop`, `pubdate` or the words of their class (or their parent's);
/// the first unclassified one as a last publication candidate.
fn times(body: &NodeRef, page: &mut PageMeta) {
    let mut unclassified: Option<PageDate> = None;
    for t in body.descendants_it().filter(|n| n.has_name("time")) {
        let Some(dt) = t.attr("datetime").map(|d| d.trim().to_string()) else {
            continue;
        };
        if dt.is_empty() || furniture::in_furniture(&t) {
            continue;
        }
        let date = PageDate {
            text: dt,
            from: WebDateSource::Time,
        };
        let prop = t
            .attr("itemprop")
            .map(|p| p.to_ascii_lowercase())
            .unwrap_or_default();
        let classes = fold(&format!(
            "{} {}",
            t.attr("class").unwrap_or_default(),
            t.parent().and_then(|p| p.attr("class")).unwrap_or_default()
        ));
        if prop == "datemodified"
            || ["modif", "update", "maj"]
                .iter()
                .any(|w| classes.contains(w))
        {
            page.modified.push(date);
        } else if prop == "datepublished"
            || t.has_attr("pubdate")
            || ["publi", "posted", "created", "date-pub"]
                .iter()
                .any(|w| classes.contains(w))
        {
            page.published.push(date);
        } else if unclassified.is_none() {
            unclassified = Some(date);
        }
    }
    page.published.extend(unclassified);
}

/// "Publié le 13 décembre 2023", "Mis à jour le 18/01/2024": a text that
/// starts so, read with the inline elements around it ("<span>Publié
/// le</span> <time>13 décembre 2023</time>"), outside furniture. Found
/// from the text nodes, not by taking the text of every element.
fn date_lines(body: &NodeRef, page: &mut PageMeta) {
    let mut seen: Vec<String> = Vec::new();
    for t in body.descendants_it().filter(NodeRef::is_text) {
        let own = t.text();
        let f = fold(own.trim_start());
        if !PUBLISHED.iter().chain(MODIFIED).any(|p| f.starts_with(p)) {
            continue;
        }
        let Some(mut el) = t.parent() else { continue };
        while INLINE.iter().any(|n| el.has_name(n)) {
            match el.parent() {
                Some(p) if collapse(&p.text()).chars().count() <= MAX_LINE => el = p,
                _ => break,
            }
        }
        if matches!(
            el.node_name().as_deref(),
            Some("script" | "style" | "noscript" | "template" | "title")
        ) {
            continue;
        }
        let text = collapse(&el.text());
        if text.is_empty()
            || text.chars().count() > MAX_LINE
            || seen.contains(&text)
            || furniture::in_furniture(&el)
        {
            continue;
        }
        seen.push(text.clone());
        let f = fold(&text);
        if PUBLISHED.iter().any(|p| f.starts_with(p)) {
            page.published.push(PageDate {
                text: text.clone(),
                from: WebDateSource::Text,
            });
        }
        if let Some(at) = MODIFIED.iter().filter_map(|p| f.find(p)).min() {
            // Offsets of `f` and `text` differ past accented letters:
            // the update part is cut at the same character count.
            let chars_before = f.get(..at).map_or(0, |p| p.chars().count());
            page.modified.push(PageDate {
                text: text.chars().skip(chars_before).collect(),
                from: WebDateSource::Text,
            });
        }
    }
}

/// Words that start a French date line ("Publié le", "Mis à jour le"),
/// folded.
const FRENCH_DATE_LINE: &[&str] = &[
    "publie le",
    "publiee le",
    "publie :",
    "article publie le",
    "date de publication",
    "mis en ligne le",
    "mise en ligne le",
    "mis a jour le",
    "mise a jour le",
    "mise a jour :",
    "derniere mise a jour",
    "modifie le",
    "actualise le",
];

/// Whether `text` is a short French date line ("Publié le 6 février 2024,
/// par …", "Mis à jour le 06/02/2024").
pub fn french_date_line(text: &str) -> bool {
    let t = collapse(text);
    t.chars().count() <= MAX_LINE && {
        let f = fold(&t);
        FRENCH_DATE_LINE.iter().any(|p| f.starts_with(p))
    }
}

/// Inline elements a date line's words may be split into.
const INLINE: &[&str] = &[
    "span", "strong", "b", "em", "i", "small", "time", "a", "font", "label", "abbr", "u",
];

/// Short texts next to the page's main heading (two elements before and
/// after it, and around its parent): the genre or section labels a page
/// puts there ("Communiqué de presse", "Actualité").
fn labels(doc: &Document) -> Vec<String> {
    let Some(h1) = doc
        .select("h1")
        .nodes()
        .iter()
        .find(|h| !furniture::in_furniture(h))
        .cloned()
    else {
        return Vec::new();
    };
    let mut out: Vec<String> = Vec::new();
    let mut node = Some(h1);
    for _ in 0..2 {
        let Some(cur) = node else { break };
        let mut around: Vec<NodeRef> = Vec::new();
        let mut prev = cur.prev_element_sibling();
        let mut next = cur.next_element_sibling();
        for _ in 0..2 {
            if let Some(p) = prev {
                prev = p.prev_element_sibling();
                around.push(p);
            }
            if let Some(n) = next {
                next = n.next_element_sibling();
                around.push(n);
            }
        }
        for a in around {
            let t = collapse(&a.text());
            if !t.is_empty()
                && t.chars().count() <= MAX_LABEL
                && t.split_whitespace().count() <= 8
                && !furniture::in_furniture(&a)
                && !out.contains(&t)
            {
                out.push(t);
            }
        }
        node = cur.parent().filter(|p| !p.has_name("body"));
    }
    out
}

/// Links to documents, outside furniture, in page order, one per address.
fn attachments(body: &NodeRef, base: Option<&str>) -> Vec<PageLink> {
    let mut out: Vec<PageLink> = Vec::new();
    for a in body.descendants_it().filter(|n| n.has_name("a")) {
        let Some(href) = a.attr("href").map(|h| h.trim().to_string()) else {
            continue;
        };
        if href.is_empty()
            || href.starts_with('#')
            || href.to_ascii_lowercase().starts_with("javascript:")
        {
            continue;
        }
        let text = collapse(&a.text());
        let Some(format) = document_format(&href, a.attr("type").as_deref(), &text) else {
            continue;
        };
        if furniture::in_furniture(&a) {
            continue;
        }
        let url = match base {
            Some(b) => url::resolve(b, &href),
            None => href,
        };
        let text = if text.is_empty() {
            a.attr("title").map(|t| collapse(&t)).unwrap_or_default()
        } else {
            text
        };
        match out.iter_mut().find(|l| l.url == url) {
            // The same document linked twice (an icon, then a title): the
            // longer text.
            Some(l) => {
                if text.len() > l.text.len() {
                    l.text = text;
                }
            }
            None => out.push(PageLink {
                url,
                text,
                format: format.to_string(),
            }),
        }
    }
    out
}

/// The document format a link points to: the extension of its path, else
/// its `type`, else a format named in its text ("Télécharger (PDF, 212
/// Ko)"), for links to download handlers without an extension.
fn document_format(href: &str, mime: Option<&str>, text: &str) -> Option<&'static str> {
    let path = href.split(['?', '#']).next().unwrap_or(href);
    let last = path.rsplit('/').next().unwrap_or(path);
    if let Some((_, ext)) = last.rsplit_once('.') {
        let ext = ext.to_ascii_lowercase();
        if let Some((_, f)) = DOCUMENTS.iter().find(|(e, _)| *e == ext) {
            return Some(f);
        }
        // An ordinary page ("x.html", "x.php"): not a document, whatever
        // its text says.
        if !ext.is_empty() && ext.len() <= 5 {
            return None;
        }
    }
    if let Some(m) = mime.map(str::to_ascii_lowercase) {
        let by_mime = [
            ("pdf", "pdf"),
            ("wordprocessingml", "docx"),
            ("msword", "doc"),
            ("opendocument.text", "odt"),
            ("spreadsheetml", "xlsx"),
            ("ms-excel", "xls"),
        ];
        if let Some((_, f)) = by_mime.iter().find(|(k, _)| m.contains(k)) {
            return Some(f);
        }
    }
    let words: Vec<String> = fold(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    let download = words.iter().any(|w| w == "telecharger" || w == "download")
        || href.to_ascii_lowercase().contains("download");
    DOCUMENTS
        .iter()
        .find(|(e, _)| words.iter().any(|w| w == e) && (download || words.len() <= 12))
        .map(|(_, f)| *f)
}

/// Fills in what Readability read of the page's metadata, where the page
/// did not already say it otherwise.
pub fn take_metadata(page: &mut PageMeta, md: &Metadata, json_ld: Option<&Metadata>) {
    let nonempty = |s: &Option<String>| s.as_ref().map(|v| collapse(v)).filter(|v| !v.is_empty());
    let title = collapse(&md.title);
    if !title.is_empty() {
        page.title = Some(title);
    }
    page.site_name = nonempty(&md.site_name);
    page.byline = nonempty(&md.byline);
    if page.lang.is_none() {
        page.lang = nonempty(&md.lang);
    }
    if page.canonical_url.is_none() {
        page.canonical_url = nonempty(&md.url).filter(|u| url::is_absolute_http(u));
    }
    let from = |v: &Option<String>, ld: Option<&Option<String>>| {
        if ld.is_some_and(|l| l.is_some() && l == v) {
            WebDateSource::JsonLd
        } else {
            WebDateSource::Meta
        }
    };
    if let Some(p) = nonempty(&md.published_time) {
        let src = from(&md.published_time, json_ld.map(|l| &l.published_time));
        page.published.insert(0, PageDate { text: p, from: src });
    }
    if let Some(m) = nonempty(&md.modified_time) {
        let src = from(&md.modified_time, json_ld.map(|l| &l.modified_time));
        page.modified.insert(0, PageDate { text: m, from: src });
    }
}

/// The page's first `h1` or `h2` outside furniture whose text is its
/// title: `(text, path)`.
pub fn title_heading(doc: &Document, title: &str, paths: &Paths) -> Option<(String, String)> {
    doc.select("h1, h2").nodes().iter().find_map(|h| {
        let text = collapse(&h.text());
        (walk::is_title(&text, title) && !furniture::in_furniture(h))
            .then(|| (text, paths.path_of(h)))
    })
}

/// Separators between the parts of a `<title>`, spaces on both sides
/// (Readability.js: `/ [\|\-–—\\\/>»] /`).
const TITLE_SEPARATORS: &[&str] = &[" | ", " - ", " – ", " — ", " \\ ", " / ", " > ", " » "];

/// The separators of `title`: " » " is a closing guillemet, not a
/// separator, in a title that opens one.
fn separators(title: &str) -> impl Iterator<Item = &'static str> + '_ {
    TITLE_SEPARATORS
        .iter()
        .copied()
        .filter(move |s| *s != " » " || !title.contains('«'))
}

/// The parts of a `<title>` between separators.
fn title_parts(title: &str) -> Vec<&str> {
    let mut parts = vec![title];
    for sep in separators(title) {
        parts = parts.iter().flat_map(|p| p.split(sep)).collect();
    }
    parts
        .into_iter()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect()
}

/// The page's title when Readability took it from `<title>`, corrected
/// where the port errs for French sites, and the site's name the rest of
/// `<title>` gives when the page states none:
/// - Readability.js cuts `<title>` at its last separator written with a
///   space on each side ("Le PTSM du Doubs - Le Courrier du Haut-Pays");
///   the port cuts only at the last separator character, and leaves the
///   whole when that is a hyphen inside a word ("Haut-Pays",
///   "Île-de-France"): the cut is made as Readability.js makes it;
/// - a `<title>` that puts the site first ("Centre hospitalier du Jura -
///   Le PTSM …") gives the site's name as title: when `<title>` ends with
///   the page's main heading after a separator, the heading is the title;
/// - the site's name is then what `<title>` adds to the title, when that
///   is one short part.
pub fn fix_title(doc: &Document, page: &mut PageMeta, json_ld_title: bool) {
    let Some(raw) = doc
        .select("title")
        .nodes()
        .first()
        .map(|t| collapse(&t.text()))
        .filter(|t| !t.is_empty())
    else {
        return;
    };
    let Some(current) = page.title.clone() else {
        return;
    };
    let words = |s: &str| s.split_whitespace().count();
    // A title the page gives in its metadata (`og:title`, `twitter:title`,
    // Dublin Core, JSON-LD) is its own, even when `<title>` is the same.
    let from_meta = json_ld_title
        || doc
            .select("meta[property$=title][content], meta[name$=title][content]")
            .nodes()
            .iter()
            .any(|m| m.attr("content").is_some_and(|c| collapse(&c) == current));
    let mut title = current.clone();
    if current == raw && !from_meta {
        title = readability_cut(&raw);
    }
    let heading = doc
        .select("h1")
        .nodes()
        .iter()
        .find(|h| !furniture::in_furniture(h))
        .map(|h| collapse(&h.text()))
        .filter(|h| !h.is_empty());
    if let Some(h) = &heading {
        let site_first = separators(&raw).any(|sep| {
            raw.strip_suffix(h.as_str())
                .and_then(|r| r.strip_suffix(sep))
                .is_some_and(|site| !site.trim().is_empty())
        });
        // Only when the cut left the site's part: a `<title>` kept whole
        // is Readability's choice ("Evolve: … — evolve extension for
        // Mercurial", whose main heading is the site's name).
        if site_first && !from_meta && title != raw && !walk::same_words(&title, h) {
            title = h.clone();
        }
    }
    if page.site_name.is_none() {
        // What `<title>` adds to the title (or, when Readability kept it
        // whole, to the main heading).
        let base = if title == raw {
            heading.as_deref()
        } else {
            Some(title.as_str())
        };
        if let Some(base) = base {
            let rest = separators(&raw).find_map(|sep| {
                raw.strip_prefix(base)
                    .and_then(|r| r.strip_prefix(sep))
                    .or_else(|| raw.strip_suffix(base).and_then(|r| r.strip_suffix(sep)))
            });
            if let Some(rest) = rest.map(str::trim) {
                if !rest.is_empty() && words(rest) <= 8 && title_parts(rest).len() == 1 {
                    page.site_name = Some(rest.to_string());
                }
            }
        }
    }
    if title != current {
        page.title = Some(title);
    }
}

/// Readability.js's cut of a `<title>`: up to its last separator; after
/// its first when that leaves fewer than 3 words; the whole when 4 words
/// or fewer are left and either no hierarchical separator ("/", ">", "»",
/// "\\") was there or the cut took more than one word.
fn readability_cut(raw: &str) -> String {
    let words = |s: &str| s.split_whitespace().count();
    let last = separators(raw)
        .filter_map(|s| raw.rfind(s).map(|i| (i, s)))
        .max_by_key(|(i, _)| *i);
    let first = separators(raw)
        .filter_map(|s| raw.find(s).map(|i| (i, s)))
        .min_by_key(|(i, _)| *i);
    let (Some((li, _)), Some((fi, fs))) = (last, first) else {
        return raw.to_string();
    };
    let mut cut = raw.get(..li).unwrap_or(raw).trim().to_string();
    if words(&cut) < 3 {
        cut = raw.get(fi + fs.len()..).unwrap_or(raw).trim().to_string();
    }
    let hierarchical =
        separators(raw).any(|s| [" \\ ", " / ", " > ", " » "].contains(&s) && raw.contains(s));
    let all_words = title_parts(raw).iter().map(|p| words(p)).sum::<usize>();
    if words(&cut) <= 4 && (!hierarchical || words(&cut) + 1 != all_words) {
        return raw.to_string();
    }
    cut
}
