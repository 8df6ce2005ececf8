//! Web pages in the shape of the sites that publish PTSM news, filled with
//! the documents of `../shared/realworld/texts/` (which are not copied
//! here: they are read from `../shared`, and the test skips, saying so,
//! when it is absent): an ARS site (Drupal: cookie banner, header and
//! menu, breadcrumb, "Communiqué de presse" label, date line, body,
//! attached PDF, sharing links, "Lire aussi", footer), a WordPress news
//! site (JSON-LD, entry meta with `<time>`, sharing, comments, widgets), a
//! SPIP local paper (breadcrumb "arbo", `info-publi`, lists written as
//! paragraph lines with dashes, forum) and a hospital site (a layout table
//! with a menu column, "Mis à jour le" line).
//!
//! Each page gives the same territories, counts, lists, people and dates
//! as the text form of its document, plus the page's metadata: its
//! publication date, its site as issuer when the text states none, its
//! attached PDF. The furniture around the article names other territories,
//! counts and dates: any of it read as content shows as a difference.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use ptsm::model::{Block, BlockKind, DateRole, DocKind, Document, IssuerEvidence};

fn texts_dir() -> Option<PathBuf> {
    let d = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/realworld/texts");
    d.is_dir().then_some(d)
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// How a site writes lists.
#[derive(Clone, Copy, PartialEq)]
enum Lists {
    /// `ul`/`ol` elements.
    Elements,
    /// SPIP's old typography: lines of a paragraph, each "— item".
    DashLines,
}

/// A site's taxonomy in the text form: a one- or two-word label ending
/// with ":" over unmarked lines ("Thématiques :" then tags). A page shows
/// it as a tag block.
fn taxonomy(label: &Block, next: Option<&Block>) -> bool {
    label.kind == BlockKind::Paragraph
        && label.text.ends_with(':')
        && label.text.split_whitespace().count() <= 2
        && next.is_some_and(|l| {
            l.kind == BlockKind::List && l.children.iter().all(|i| i.marker.is_none())
        })
}

/// The blocks of a document's text form, as a page body.
fn body(blocks: &[Block], lists: Lists, out: &mut String) {
    let mut skip = false;
    for (k, b) in blocks.iter().enumerate() {
        if std::mem::take(&mut skip) {
            continue;
        }
        if taxonomy(b, blocks.get(k + 1)) {
            let label = b.text.trim_end_matches([':', ' ']);
            let _ = write!(
                out,
                "<div class=\"field field--name-field-tags\"><div class=\"field__label\">{}</div><div class=\"field__items\">",
                esc(label)
            );
            for tag in blocks
                .get(k + 1)
                .map(|l| l.children.as_slice())
                .unwrap_or_default()
            {
                let _ = write!(
                    out,
                    "<div class=\"field__item\"><a href=\"/tags\">{}</a></div>",
                    esc(&tag.text)
                );
            }
            out.push_str("</div></div>\n");
            skip = true;
            continue;
        }
        match b.kind {
            // The title is the page's h1, outside the body.
            BlockKind::Title => {}
            BlockKind::Heading => {
                let _ = writeln!(out, "<h2>{}</h2>", esc(&b.text));
            }
            BlockKind::Rule => out.push_str("<hr>\n"),
            BlockKind::List => list(b, lists, out),
            _ => {
                let _ = writeln!(out, "<p>{}</p>", esc(&b.text));
            }
        }
    }
}

fn list(b: &Block, lists: Lists, out: &mut String) {
    let first = b
        .children
        .first()
        .and_then(|i| i.marker.as_deref())
        .unwrap_or("");
    let roman = |m: &str| {
        let body = m.trim_end_matches(['.', ')']);
        !body.is_empty() && body.len() < m.len() && body.chars().all(|c| "IVXivx".contains(c))
    };
    let numbered =
        first.len() <= 4 && first.starts_with(|c: char| c.is_ascii_digit()) || roman(first);
    let lettered = !roman(first)
        && first.len() == 2
        && first.ends_with(')')
        && first.starts_with(|c: char| c.is_ascii_lowercase());
    // A labelled marker ("Axe 1 :", "FA n°4 –") is part of the item's text
    // on a page; a bullet or a number is drawn by the list.
    let labelled =
        |m: &str| m.contains(' ') || m.chars().count() > 4 && m.starts_with(char::is_alphabetic);
    let item_text = |i: &Block| -> String {
        match i.marker.as_deref() {
            Some(m) if labelled(m) => format!("{m} {}", i.text),
            _ => i.text.clone(),
        }
    };
    if lists == Lists::DashLines && !numbered && !lettered {
        // An item with a label of its own ("Axe 1 : …") is written as it
        // is; others after SPIP's dash. Sub-items follow as lines after a
        // bullet; numbered sub-lists as lists after the paragraph.
        let line = |i: &Block, dash: &str| -> String {
            let t = item_text(i);
            if i.marker.as_deref().is_some_and(labelled) {
                esc(&t)
            } else {
                format!("{dash}&nbsp;{}", esc(&t))
            }
        };
        let mut after = String::new();
        out.push_str("<p>");
        fn lines(
            items: &[Block],
            dash: &str,
            first: &mut bool,
            line: &dyn Fn(&Block, &str) -> String,
            labelled: &dyn Fn(&str) -> bool,
            out: &mut String,
            after: &mut String,
        ) {
            for i in items {
                if !std::mem::take(first) {
                    out.push_str("<br class=\"autobr\">\n");
                }
                out.push_str(&line(i, dash));
                for sub in i.children.iter().filter(|c| c.kind == BlockKind::List) {
                    let numbered = sub
                        .children
                        .first()
                        .and_then(|s| s.marker.as_deref())
                        .is_some_and(|m| {
                            !labelled(m) && m.starts_with(|c: char| c.is_ascii_alphanumeric())
                        });
                    if numbered {
                        list(sub, Lists::Elements, after);
                    } else {
                        lines(&sub.children, "•", first, line, labelled, out, after);
                    }
                }
            }
        }
        let mut first = true;
        lines(
            &b.children,
            "—",
            &mut first,
            &line,
            &labelled,
            out,
            &mut after,
        );
        out.push_str("</p>\n");
        out.push_str(&after);
        return;
    }
    // The list's own numbering: its type, and where it starts.
    let start: u32 = first.trim_end_matches(['.', ')']).parse().unwrap_or(1);
    let open = if lettered {
        "<ol type=\"a\">".to_string()
    } else if roman(first) {
        let t = if first.starts_with(char::is_uppercase) {
            "I"
        } else {
            "i"
        };
        format!("<ol type=\"{t}\">")
    } else if numbered {
        format!("<ol start=\"{start}\">")
    } else {
        "<ul>".to_string()
    };
    out.push_str(&open);
    out.push('\n');
    for i in &b.children {
        if i.kind != BlockKind::ListItem {
            continue;
        }
        let _ = write!(out, "<li>{}", esc(&item_text(i)));
        for c in &i.children {
            if c.kind == BlockKind::List {
                list(c, lists, out);
            }
        }
        out.push_str("</li>\n");
    }
    out.push_str(if numbered || lettered {
        "</ol>\n"
    } else {
        "</ul>\n"
    });
}

/// The four site shapes.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Site {
    Ars,
    WordPress,
    Spip,
    Hospital,
}

/// The page's own date (the site's), in its forms.
const DAY: &str = "2024-02-06";
const DAY_FR: &str = "6 février 2024";
const DAY_NUM: &str = "06/02/2024";

fn page(site: Site, title: &str, blocks: &[Block]) -> String {
    let t = esc(title);
    let mut b = String::new();
    match site {
        Site::Ars => {
            body(blocks, Lists::Elements, &mut b);
            format!(
                r##"<!DOCTYPE html>
<html lang="fr" dir="ltr">
<head>
<meta charset="utf-8">
<title>{t} | Agence régionale de santé Bourgogne-Franche-Comté</title>
<meta property="og:site_name" content="Agence régionale de santé Bourgogne-Franche-Comté">
<meta property="og:title" content="{t}">
<link rel="canonical" href="https://www.bourgogne-franche-comte.ars.sante.fr/actualite-test">
<script>var tarteaucitronForceLanguage = "fr";</script>
</head>
<body class="path-node page-node-type-article">
<a href="#main-content" class="visually-hidden focusable skip-link">Aller au contenu principal</a>
<div id="tarteaucitronRoot"><div id="tarteaucitronAlertBig" role="dialog"><span id="tarteaucitronDisclaimerAlert">En poursuivant votre navigation sur ce site, vous acceptez l’utilisation de cookies pour réaliser des statistiques de visites, notamment sur les pages consacrées au projet territorial de santé mentale du Doubs.</span><button>Tout accepter</button><button>Personnaliser</button></div></div>
<header role="banner" class="header">
  <div class="site-branding"><a href="/" rel="home">Agence régionale de santé Bourgogne-Franche-Comté</a></div>
  <nav role="navigation" class="menu--main"><ul class="menu"><li><a href="/votre-sante">Votre santé</a></li><li><a href="/professionnels">Professionnels</a></li><li><a href="/ptsm">Les 8 projets territoriaux de santé mentale</a></li><li><a href="/recrutement">L’ARS recrute</a></li></ul></nav>
  <form class="search-block-form" role="search"><input type="search" name="keys" placeholder="Rechercher"><button>Rechercher</button></form>
</header>
<main role="main">
  <div class="region region-breadcrumb"><nav class="breadcrumb" role="navigation" aria-labelledby="system-breadcrumb"><h2 id="system-breadcrumb" class="visually-hidden">Fil d'Ariane</h2><ol><li><a href="/">Accueil</a></li><li><a href="/actualites">Actualités</a></li><li>{t}</li></ol></nav></div>
  <a id="main-content" tabindex="-1"></a>
  <article class="node node--type-article node--view-mode-full">
    <div class="field field--name-field-type-actualite">Communiqué de presse</div>
    <h1 class="page-title"><span class="field field--name-title">{t}</span></h1>
    <div class="date-publication">Publié le {DAY_FR}</div>
    <div class="clearfix text-formatted field field--name-body field--type-text-with-summary">
{b}
    </div>
    <div class="field field--name-field-documents">
      <h2 class="field__label">Documents à télécharger</h2>
      <div class="field__item"><span class="file file--mime-application-pdf"><a href="/media/12345/download?inline" type="application/pdf">Communiqué de presse (PDF, 212.3 Ko)</a></span></div>
    </div>
    <div class="social-share partage"><span>Partager la page :</span><ul><li><a href="https://www.facebook.com/sharer">Facebook</a></li><li><a href="https://twitter.com/share">Twitter</a></li><li><a href="https://www.linkedin.com/share">LinkedIn</a></li><li><a href="mailto:">Courriel</a></li></ul></div>
  </article>
  <aside class="block-views-lire-aussi" role="complementary">
    <h2>Lire aussi</h2>
    <ul><li><a href="/ptsm-calvados">Le PTSM du Calvados adopté : 12 actions et 5 groupes de travail</a> <span class="date">Publié le 02/02/2021</span></li>
    <li><a href="/ctsm-orne">Signature du CTSM de l’Orne le 14 mars 2022</a></li></ul>
  </aside>
</main>
<footer role="contentinfo" class="footer">
  <ul class="menu"><li><a href="/mentions-legales">Mentions légales</a></li><li><a href="/accessibilite">Accessibilité : partiellement conforme</a></li><li><a href="/plan">Plan du site</a></li><li><a href="/rapport.pdf">Rapport d’activité 2022 (PDF)</a></li></ul>
  <p>ARS Bourgogne-Franche-Comté – Le Diapason – 2 place des Savoirs – 21035 Dijon Cedex – 03 80 41 99 99</p>
</footer>
</body>
</html>
"##
            )
        }
        Site::WordPress => {
            body(blocks, Lists::Elements, &mut b);
            format!(
                r##"<!doctype html>
<html lang="fr-FR">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{t} – Santé Mentale Info</title>
<meta property="og:locale" content="fr_FR">
<meta property="og:type" content="article">
<meta property="og:title" content="{t}">
<meta property="og:site_name" content="Santé Mentale Info">
<meta property="article:published_time" content="{DAY}T09:30:00+00:00">
<meta property="article:modified_time" content="2024-02-07T11:00:00+00:00">
<script type="application/ld+json">{{"@context":"https://schema.org","@type":"NewsArticle","headline":"{t}","datePublished":"{DAY}T09:30:00+00:00","dateModified":"2024-02-07T11:00:00+00:00","author":{{"@type":"Person","name":"Rédaction"}},"publisher":{{"@type":"Organization","name":"Santé Mentale Info"}}}}</script>
<link rel="stylesheet" href="style.css">
</head>
<body class="post-template-default single single-post">
<div id="page" class="site">
<a class="skip-link screen-reader-text" href="#content">Aller au contenu</a>
<header id="masthead" class="site-header">
  <p class="site-title"><a href="/">Santé Mentale Info</a></p>
  <nav id="site-navigation" class="main-navigation"><ul id="primary-menu" class="menu"><li><a href="/">Accueil</a></li><li><a href="/ptsm">PTSM</a></li><li><a href="/agenda">Agenda</a></li></ul></nav>
</header>
<div id="content" class="site-content">
<main id="main" class="site-main">
<article id="post-1234" class="post-1234 post type-post status-publish">
  <header class="entry-header">
    <h1 class="entry-title">{t}</h1>
    <div class="entry-meta"><span class="posted-on">Publié le <time class="entry-date published" datetime="{DAY}T09:30:00+00:00">{DAY_FR}</time><time class="updated" datetime="2024-02-07T11:00:00+00:00">7 février 2024</time></span> <span class="byline">par <span class="author vcard"><a class="url fn n" href="/auteur">Rédaction</a></span></span></div>
  </header>
  <div class="entry-content">
{b}
<div class="sharedaddy sd-sharing-enabled"><h3 class="sd-title">Partager :</h3><ul><li><a class="share-twitter" href="#">Twitter</a></li><li><a class="share-facebook" href="#">Facebook</a></li></ul></div>
  </div>
  <footer class="entry-footer"><span class="cat-links">Publié dans <a href="/sante">Santé</a></span></footer>
</article>
<nav class="navigation post-navigation"><div class="nav-links"><a href="/prev" rel="prev">Article précédent : le PTSM de la Manche compte 9 fiches actions</a></div></nav>
<div id="comments" class="comments-area">
  <h2 class="comments-title">2 réflexions au sujet de « {t} »</h2>
  <ol class="comment-list"><li class="comment"><article class="comment-body"><footer class="comment-meta">Marc le 8 février 2024</footer><div class="comment-content"><p>Dans le Calvados aussi, 8 groupes de travail ont été réunis par l’ARS.</p></div></article></li></ol>
</div>
</main>
<aside id="secondary" class="widget-area"><section class="widget widget_recent_entries"><h2 class="widget-title">Articles récents</h2><ul><li><a href="/a">Le PTSM du Finistère adopté</a></li><li><a href="/b">Santé mentale : 3 millions d’euros pour la Manche</a></li></ul></section></aside>
</div>
<footer id="colophon" class="site-footer"><div class="site-info">Fièrement propulsé par WordPress</div></footer>
</div>
</body>
</html>
"##
            )
        }
        Site::Spip => {
            body(blocks, Lists::DashLines, &mut b);
            format!(
                r##"<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="fr" lang="fr" dir="ltr">
<head>
<title>{t} - Le Courrier du Haut-Pays</title>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<meta name="generator" content="SPIP 3.2" />
</head>
<body class="page_article">
<div class="page">
  <div class="header" id="header"><a rel="start home" href="/" title="Accueil" class="accueil">Le Courrier du Haut-Pays</a><p id="slogan">L’actualité du Haut-Doubs et du Jura</p></div>
  <div class="nav clearfix" id="nav"><ul class="menu-liste"><li class="menu-entree"><a href="/rubrique1">Société</a></li><li class="menu-entree"><a href="/rubrique2">Santé</a></li><li class="menu-entree"><a href="/rubrique3">Sports</a></li></ul></div>
  <div class="wrapper">
  <div class="content" id="content">
    <p class="arbo"><a href="/">Accueil</a> &gt; <a href="/rubrique2">Santé</a> &gt; <strong class="on">{t}</strong></p>
    <div class="cartouche">
      <h1 class="surlignable">{t}</h1>
      <p class="info-publi">Publié le <abbr class="published" title="{DAY}T08:00:00Z">{DAY_FR}</abbr><span class="sep">, </span><span class="auteurs">par  <span class="vcard author"><a class="url fn spip_in" href="/auteur1">Claire Vuillemin</a></span></span></p>
    </div>
    <div class="surlignable">
      <div class="texte">
{b}
      </div>
    </div>
    <div class="ps surlignable"><h2 class="pas_surlignable">Lire aussi</h2><p><a href="/art2">Le Jura signe son contrat territorial de santé mentale le 3 mai 2022</a></p></div>
    <a href="#forum" name="forum" id="forum"></a>
    <div class="forum-total">
      <h2>Un message, un commentaire ?</h2>
      <ul class="forum"><li class="forum-fil"><div class="forum-message"><div class="forum-chapo"><strong class="forum-titre">Et la Haute-Saône ?</strong><small>le 7 février 2024 par Paul</small></div><div class="forum-texte">La Haute-Saône attend toujours ses 6 groupes de réflexion.</div></div></li></ul>
    </div>
  </div>
  <div class="aside"><div class="menu"><h2>Dans la même rubrique</h2><ul><li><a href="/art3">Quatre actions pour la santé des jeunes du Doubs</a></li></ul></div></div>
  </div>
  <div class="footer clearfix" id="footer"><p class="colophon">2004-2024 © Le Courrier du Haut-Pays - Tous droits réservés</p><p class="generator"><a href="https://www.spip.net/">Site réalisé avec SPIP</a></p></div>
</div>
</body>
</html>
"##
            )
        }
        Site::Hospital => {
            body(blocks, Lists::Elements, &mut b);
            format!(
                r##"<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>Centre hospitalier spécialisé du Jura - {t}</title>
</head>
<body bgcolor="#FFFFFF">
<table width="100%" border="0" cellpadding="0" cellspacing="0">
<tr><td colspan="2" class="bandeau"><img src="logo.gif" alt="Centre hospitalier spécialisé du Jura"><br><font size="2">Établissement public de santé mentale – Saint-Ylie – 39100 Dole</font></td></tr>
<tr>
<td width="200" valign="top" class="menugauche">
<p><a href="index.html">Accueil</a></p><p><a href="urgences.html">Urgences psychiatriques : 03 84 82 00 00</a></p><p><a href="pole-adultes.html">Pôles adultes</a></p><p><a href="pedopsy.html">Pédopsychiatrie</a></p><p><a href="actualites.html">Actualités</a></p><p><a href="recrutement.html">Nous rejoindre : 12 postes ouverts</a></p>
</td>
<td valign="top" class="contenu">
<h1>{t}</h1>
<p class="date"><i>Mis à jour le {DAY_NUM}</i></p>
{b}
<p><a href="docs/ptsm-synthese.pdf">Télécharger la synthèse du PTSM</a> (format PDF)</p>
<p class="retour"><a href="actualites.html">&lt;&lt; Retour aux actualités</a></p>
</td>
</tr>
<tr><td colspan="2" class="pied"><font size="1">CHS du Jura – 120 route de Saint-Ylie – 39108 Dole Cedex – Standard : 03 84 82 80 00 – <a href="mentions.html">Mentions légales</a></font></td></tr>
</table>
</body>
</html>
"##
            )
        }
    }
}

/// What the comparison looks at, in a form that prints well.
#[derive(Debug, PartialEq)]
struct Facts {
    territories: Vec<String>,
    counts: Vec<String>,
    lists: Vec<String>,
    people: Vec<String>,
    dates: Vec<String>,
}

fn facts(d: &Document) -> Facts {
    let mut territories: Vec<String> = d
        .territories
        .iter()
        .map(|t| {
            format!(
                "{} {:?} {:?} wg={:?} act={:?} items={}/{}/{}",
                t.id,
                t.departement,
                t.parent_departement,
                t.declared.working_groups.as_ref().map(|c| c.count),
                t.declared.actions.as_ref().map(|c| c.count),
                t.axes.len(),
                t.working_groups.len(),
                t.actions.len(),
            )
        })
        .collect();
    territories.sort();
    let mut counts: Vec<String> = d
        .counts
        .iter()
        .map(|c| format!("{} {} {:?} {:?}", c.count, c.what, c.scope, c.territory))
        .collect();
    counts.sort();
    let lists = d
        .lists
        .iter()
        .map(|l| {
            fn items(its: &[ptsm::model::Item], out: &mut Vec<String>) {
                for i in its {
                    out.push(format!("{:?}:{}", i.kind, i.key));
                    items(&i.sub_items, out);
                }
            }
            let mut v = Vec::new();
            items(&l.items, &mut v);
            format!("{:?} {:?} [{}]", l.kind, l.territory, v.join(" | "))
        })
        .collect();
    let mut people: Vec<String> = d
        .people
        .iter()
        .map(|p| format!("{} {:?} signatory={}", p.name, p.role, p.signatory))
        .collect();
    people.sort();
    // Dates of the text (the page's own come from its markup, line 0, or
    // from a date line the site writes in the article, as SPIP does).
    let mut dates: Vec<String> = d
        .dates
        .iter()
        .filter(|m| m.span.line > 0 && m.value.as_deref() != Some(DAY))
        .map(|m| format!("{:?} {:?}", m.value, m.role))
        .collect();
    dates.sort();
    Facts {
        territories,
        counts,
        lists,
        people,
        dates,
    }
}

/// The documents that are web pages in their first life.
fn web_documents(dir: &Path) -> Vec<PathBuf> {
    let manifest = dir.join("../manifest.json");
    let text = std::fs::read_to_string(&manifest).expect("manifest.json");
    let json: serde_json::Value = serde_json::from_str(&text).expect("manifest JSON");
    let records = json
        .as_array()
        .or_else(|| json.get("documents").and_then(|d| d.as_array()))
        .cloned()
        .unwrap_or_default();
    records
        .iter()
        .filter(|r| {
            matches!(
                r.get("kind").and_then(|k| k.as_str()),
                Some("press_release" | "institutional_news" | "news_article" | "web_page")
            )
        })
        .filter_map(|r| r.get("file").and_then(|f| f.as_str()).map(|f| dir.join(f)))
        .collect()
}

fn process(name: &str, bytes: &[u8]) -> Document {
    ptsm::process_bytes(name, bytes, &ptsm::Options::default())
        .unwrap_or_else(|e| panic!("{name}: {e}"))
        .document
}

#[test]
fn site_pages_give_the_facts_of_their_text_form() {
    let Some(dir) = texts_dir() else {
        crate::skip::skip(
            "site_pages_give_the_facts_of_their_text_form",
            "../shared/realworld/texts is absent",
        );
        return;
    };
    let verbose = std::env::var_os("PTSM_HTML_DEBUG").is_some();
    let mut failures = Vec::new();
    let mut pages = 0;
    for path in web_documents(&dir) {
        let name = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let bytes = std::fs::read(&path).expect("text");
        let text_doc = process(&name, &bytes);
        let want = facts(&text_doc);
        let title = text_doc
            .title
            .as_ref()
            .map_or_else(|| "Actualité".to_string(), |t| t.text.clone());
        for site in [Site::Ars, Site::WordPress, Site::Spip, Site::Hospital] {
            let html = page(site, &title, &text_doc.blocks);
            let page_name = format!("{name}.{site:?}.html");
            if verbose {
                let _ = std::fs::create_dir_all("target/test-tmp/sites");
                let _ = std::fs::write(format!("target/test-tmp/sites/{page_name}"), &html);
            }
            let d = process(&page_name, html.as_bytes());
            pages += 1;
            let got = facts(&d);
            if got != want {
                failures.push(format!("{page_name}:\n  text: {want:?}\n  html: {got:?}"));
            }
            // The page's own metadata.
            let web = d.web.as_ref().expect("web metadata");
            let published = d
                .dates
                .iter()
                .any(|m| m.value.as_deref() == Some(DAY) && m.role == DateRole::Publication);
            let updated = site == Site::Hospital
                && d.dates
                    .iter()
                    .any(|m| m.value.as_deref() == Some(DAY) && m.role == DateRole::Update);
            if !(published || updated) {
                failures.push(format!(
                    "{page_name}: the page's date {DAY} is not among {:?}",
                    d.dates
                ));
            }
            if site == Site::Ars || site == Site::Hospital {
                let pdf = web.attachments.iter().any(|a| a.format == "pdf");
                let footer_pdf = web.attachments.iter().any(|a| a.url.contains("rapport"));
                if !pdf || footer_pdf {
                    failures.push(format!("{page_name}: attachments {:?}", web.attachments));
                }
            }
            if site == Site::Ars && d.kind != DocKind::PressRelease {
                failures.push(format!(
                    "{page_name}: kind {:?}, labelled a press release",
                    d.kind
                ));
            }
            if text_doc.issuer.is_none() && site != Site::Hospital {
                let by_site = d
                    .issuer
                    .as_ref()
                    .is_some_and(|i| i.evidence == IssuerEvidence::SiteName);
                if !by_site {
                    failures.push(format!(
                        "{page_name}: issuer {:?}, the site's name expected",
                        d.issuer
                    ));
                }
            }
            // A newspaper's name stays after the title, as reader views
            // show it; an institution's goes (it is the issuer).
            let title_ok = d.title.as_ref().is_some_and(|t| {
                t.text == title
                    || site == Site::Spip && t.text == format!("{title} – Le Courrier du Haut-Pays")
            });
            if !title_ok {
                failures.push(format!(
                    "{page_name}: title {:?}, {title:?} expected",
                    d.title
                ));
            }
        }
    }
    assert!(pages >= 100, "only {pages} pages");
    assert!(
        failures.is_empty(),
        "{} of {pages} checks failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
