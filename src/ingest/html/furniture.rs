//! Page furniture: what a reader view leaves out (navigation, header and
//! footer, breadcrumbs, menus, cookie banners, sharing buttons, "lire
//! aussi" blocks, comments, hidden parts), recognised by element, ARIA
//! role, and the words of `class` and `id`.
//!
//! Readability knows the English words of such blocks ("breadcrumbs",
//! "share", "related", "comment"…) but not the French ones that the sites
//! publishing PTSM news use ("fil d'Ariane", "partage", "lire aussi", "sur
//! le même sujet") nor the cookie-consent tools of French sites
//! (tarteaucitron, Didomi, Axeptio): [`remove`] takes those out before it
//! runs. [`remove_all`] takes out everything, for pages where Readability
//! finds no article.

use dom_query::{Document, NodeRef, Selection};

/// Words of `class`/`id` that Readability does not know, compared with
/// each `-`/`_`-separated part of a class or id, and with the whole of it
/// once `-`/`_` are dropped ("fil-ariane", "filAriane", "fil_d_ariane").
const FRENCH_PARTS: &[&str] = &[
    "ariane",
    "filariane",
    "partage",
    "partager",
    "partages",
    "reseaux",
    "reseauxsociaux",
    "lireaussi",
    "alire",
    "voiraussi",
    "memesujet",
    "surlememesujet",
    "articlesconnexes",
    "articlessimilaires",
    "articlesassocies",
    "articleslies",
    "actualitesliees",
    "cookie",
    "cookies",
    "consent",
    "consentement",
    "rgpd",
    "evitement",
    "imprimer",
    "retourhaut",
    "piedpage",
    "pieddepage",
    // SPIP: the breadcrumb ("arborescence") and the comments.
    "arbo",
    "forum",
    "forums",
];

/// Cookie-consent tools, matched anywhere in a class or id
/// ("tarteaucitronRoot", "didomi-host", "axeptio_overlay").
const CONSENT_TOOLS: &[&str] = &[
    "tarteaucitron",
    "didomi",
    "axeptio",
    "cookiebanner",
    "cookieconsent",
    "onetrust",
];

/// Further words for a page without an article, where everything that is
/// not content goes.
const GENERIC_PARTS: &[&str] = &[
    "nav",
    "navbar",
    "navigation",
    "menu",
    "menus",
    "breadcrumb",
    "breadcrumbs",
    "share",
    "sharing",
    "social",
    "related",
    "comment",
    "comments",
    "commentaires",
    "sidebar",
    "footer",
    "skip",
    "skiplinks",
    "newsletter",
    "banner",
    "sronly",
    "visuallyhidden",
];

/// ARIA roles of furniture.
const ROLES: &[&str] = &[
    "navigation",
    "banner",
    "contentinfo",
    "complementary",
    "search",
    "menu",
    "menubar",
    "dialog",
    "alertdialog",
];

/// Elements that are never content.
const NEVER: &str = "script, style, noscript, template, svg, math, iframe, object, embed, form, button, select, input, textarea, nav, aside, dialog";

/// The words of `node`'s class and id, lowercased: each part between `-`,
/// `_` and spaces, and each class and the id whole without `-`/`_`.
fn words(node: &NodeRef) -> Vec<String> {
    let mut out = Vec::new();
    for attr in ["class", "id"] {
        let Some(v) = node.attr(attr) else { continue };
        for token in v.split_ascii_whitespace() {
            let lower = token.to_ascii_lowercase();
            out.extend(
                lower
                    .split(['-', '_'])
                    .filter(|p| !p.is_empty())
                    .map(str::to_string),
            );
            let whole: String = lower.chars().filter(|c| !matches!(c, '-' | '_')).collect();
            out.push(whole);
        }
    }
    out
}

fn matches_french(node: &NodeRef) -> bool {
    let w = words(node);
    w.iter()
        .any(|p| FRENCH_PARTS.contains(&p.as_str()) || CONSENT_TOOLS.iter().any(|t| p.contains(t)))
}

fn matches_any(node: &NodeRef) -> bool {
    let w = words(node);
    matches_french(node)
        || w.iter().any(|p| GENERIC_PARTS.contains(&p.as_str()))
        || node
            .attr("role")
            .is_some_and(|r| ROLES.contains(&r.trim().to_ascii_lowercase().as_str()))
}

/// Whether `node` is hidden: `hidden`, `aria-hidden="true"`, or an inline
/// style with `display: none` or `visibility: hidden`.
pub fn hidden(node: &NodeRef) -> bool {
    if node.has_attr("hidden") {
        return true;
    }
    if node
        .attr("aria-hidden")
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
    {
        return true;
    }
    node.attr("style").is_some_and(|s| {
        let compact: String = s
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        compact.contains("display:none") || compact.contains("visibility:hidden")
    })
}

/// Removes the French furniture Readability does not know, and the
/// navigation columns of layout tables (Readability never removes
/// anything inside a table as unlikely content: a site laid out in a table
/// keeps its menu), unless an element holds the page's main heading or
/// most of its text (a site that calls its main column "contenu-partage"
/// keeps it).
pub fn remove(doc: &Document) {
    remove_where(doc, |n| matches_french(n) || menu_cell(n) || dateline(n));
}

/// The site's date line, which Readability removes when it is classed
/// "dateline" or "byline", written in French and classed otherwise
/// ("info-publi", "date-publication", "date"): "Publié le 6 février 2024,
/// par …", "Mis à jour le 06/02/2024". Its dates are kept as the page's
/// metadata (read before). A date line without such a class is text of
/// the article and stays.
fn dateline(n: &NodeRef) -> bool {
    let named = words(n).iter().any(|w| {
        [
            "date",
            "publi",
            "posted",
            "dateline",
            "maj",
            "miseajour",
            "updated",
            "modif",
            "infos",
        ]
        .iter()
        .any(|d| w.contains(d))
    });
    named && super::meta::french_date_line(&n.text())
}

/// A table cell that is a navigation column: named so ("menu", "nav"
/// anywhere in its class or id, as Readability matches them), or made of
/// links (four or more, holding 80 % of its text).
fn menu_cell(n: &NodeRef) -> bool {
    if !(n.has_name("td") || n.has_name("th")) {
        return false;
    }
    let named = ["class", "id"].iter().any(|a| {
        n.attr(a).is_some_and(|v| {
            let v = v.to_ascii_lowercase();
            v.contains("menu") || v.contains("nav")
        })
    });
    if named {
        return true;
    }
    let links: Vec<NodeRef> = n.descendants_it().filter(|d| d.has_name("a")).collect();
    if links.len() < 4 {
        return false;
    }
    let link_chars: usize = links.iter().map(char_count).sum();
    link_chars * 5 >= char_count(n) * 4
}

/// Removes all furniture: for a page read whole.
pub fn remove_all(doc: &Document) {
    doc.select(NEVER).remove();
    remove_where(doc, |n| {
        hidden(n)
            || matches_any(n)
            || (n.has_name("header") || n.has_name("footer")) && !inside_article(n)
    });
}

fn inside_article(n: &NodeRef) -> bool {
    n.ancestors_it(None)
        .any(|a| a.has_name("article") || a.has_name("main"))
}

fn remove_where(doc: &Document, pred: impl Fn(&NodeRef) -> bool) {
    let body = doc.select("body");
    let Some(body) = body.nodes().first().cloned() else {
        return;
    };
    let total = char_count(&body);
    let h1 = doc.select("h1").nodes().first().cloned();
    // Collected first, outermost only, then removed.
    let mut doomed: Vec<NodeRef> = Vec::new();
    for node in body.descendants_it() {
        if !node.is_element() || !pred(&node) {
            continue;
        }
        if doomed
            .iter()
            .any(|d| node.ancestors_it(None).any(|a| a.id == d.id))
        {
            continue;
        }
        let holds_title = h1
            .as_ref()
            .is_some_and(|h| h.id == node.id || h.ancestors_it(None).any(|a| a.id == node.id));
        if holds_title || char_count(&node) * 2 > total {
            continue;
        }
        doomed.push(node);
    }
    for n in doomed {
        n.remove_from_parent();
    }
}

fn char_count(node: &NodeRef) -> usize {
    node.text().chars().filter(|c| !c.is_whitespace()).count()
}

/// Whether `node` lies in page furniture (itself or an ancestor), for the
/// metadata read on the whole page: links and dates there are not the
/// page's own.
pub fn in_furniture(node: &NodeRef) -> bool {
    std::iter::once(*node)
        .chain(node.ancestors_it(None))
        .any(|a| {
            a.is_element()
                && (a.has_name("nav")
                    || (a.has_name("footer") || a.has_name("header")) && !inside_article(&a)
                    || matches_any(&a))
        })
}

/// Where a page read whole starts: its `main` element (or `role=main`),
/// else its only `article`, else `body`.
pub fn main_root(doc: &Document) -> Selection<'_> {
    let main = doc.select("main, [role=main]");
    if main.length() == 1 {
        return main;
    }
    let article = doc.select("article");
    if article.length() == 1 {
        return article;
    }
    doc.select("body")
}
