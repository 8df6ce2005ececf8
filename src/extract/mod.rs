//! Stage 4: [`BlockTree`] + [`NormDoc`] → [`model::Document`]. The only
//! stage that builds `model` values.
//!
//! One module per entity; each reads the normalized text and/or the block
//! tree and reports anything it had to guess as a [`Warning`].

pub mod amounts;
pub mod contacts;
pub mod counts;
pub mod dates;
pub mod document;
pub mod fiches;
pub mod gazetteer;
pub mod issuer;
pub mod items;
pub mod lists;
pub mod numbers;
pub mod pattern;
pub mod people;
pub mod places;
pub mod tables;
pub mod territory;
pub mod tokens;

pub mod acronyms;
pub mod themes;

// Web pages: the metadata their markup gives (see the hooks marked "web
// page" below).
pub mod web;

use crate::error::Warning;
use crate::ingest::RawDoc;
use crate::model::{self, Block, Span};
use crate::normalize::NormDoc;
use crate::par;
use crate::segment::{BlockId, BlockTree};

/// What extraction needs to know about the source besides the text.
#[derive(Debug, Clone)]
pub struct SourceInfo {
    pub source: model::Source,
}

/// Builds a [`Span`] for a byte range of the normalized text.
pub fn span(doc: &NormDoc, range: std::ops::Range<usize>) -> Span {
    let line = doc.line_of(range.start);
    Span {
        start: range.start,
        end: range.end,
        line,
        page: doc.page_in(line, range.start),
        bbox: doc.bbox_in(line, range),
    }
}

/// Converts a stage warning into the output form.
pub fn warning(doc: &NormDoc, w: &Warning) -> model::Warning {
    let span = match (&w.location.range, w.location.page) {
        (Some(r), _) => Some(span(doc, r.clone())),
        (None, Some(page)) => Some(Span {
            start: 0,
            end: 0,
            line: 0,
            page: Some(page),
            bbox: None,
        }),
        (None, None) => None,
    };
    model::Warning {
        code: w.code.to_string(),
        message: w.message.clone(),
        span,
    }
}

fn blocks(raw: &RawDoc, doc: &NormDoc, tree: &BlockTree, ids: &[BlockId]) -> Vec<Block> {
    ids.iter()
        .map(|&id| {
            let n = tree.get(id);
            Block {
                kind: n.kind,
                level: n.level,
                marker: n.marker.clone(),
                text: doc
                    .text
                    .get(n.content.clone())
                    .unwrap_or_default()
                    .to_string(),
                span: span(doc, n.range.clone()),
                path: web::path(doc, tree, id),
                table: tables::table(raw, doc, n).or_else(|| web::table(doc, tree, id)),
                page_ref: n.page_ref,
                children: blocks(raw, doc, tree, &n.children),
            }
        })
        .collect()
}

/// What the territories, counts and lists give: the territories first,
/// then the counts and the lists (both read the territories), with the
/// warnings of each step. (The fiches read all three, but no token: they
/// come once the tokens are dropped.)
struct Listed {
    terr: territory::Territories,
    counts: Vec<model::DeclaredCount>,
    lists: Vec<model::List>,
    terr_found: Vec<Warning>,
    lists_found: Vec<Warning>,
}

/// The genre of the document and its issuer, which tell each other.
struct Issued {
    kind: model::DocKind,
    issuer: Option<model::Issuer>,
    found: Vec<Warning>,
}

/// Extracts the entities of a document.
///
/// The extractors read the same text and tokens; those that do not need
/// each other's results run at once on the pool for a long document (one
/// long document used one core): the territories → counts and lists →
/// fiches chain, the genre and issuer, the dates, the people, the amounts,
/// the contacts and the block tree. The chain is the longest: what the
/// lists need no territory for (the block tree's lists, their items not
/// yet filtered, and the lists inside lines and rows: [`lists::loose`]) is
/// found while the territories are read, which leave the lists only their
/// filter and de-duplication. Their warnings are put together in the
/// order the extractors had when they ran one after the other.
pub fn extract(raw: &RawDoc, doc: &NormDoc, tree: &BlockTree, info: SourceInfo) -> model::Document {
    extract_with(raw, doc, tree, tokens::Tokens::new(&doc.text), info)
}

/// [`extract`] with the tokens of `doc.text` at hand ([`crate::process`]
/// makes them while the block tree is built). They are taken, to be
/// dropped as soon as no extractor reads them.
pub fn extract_with(
    raw: &RawDoc,
    doc: &NormDoc,
    tree: &BlockTree,
    toks: tokens::Tokens,
    info: SourceInfo,
) -> model::Document {
    let t = &toks;
    let parallel = doc.text.len() >= crate::par::MIN_TEXT;
    let title = document::title(doc, tree);
    // Web page: the title its metadata gives (the text's title block, if
    // any, still places it for the other entities).
    let page = web::page(raw);
    let doc_title = match page {
        Some(p) => web::title(p, doc, tree, title.clone()),
        None => title.clone(),
    };
    let title_range = title.as_ref().map(|x| x.span.start..x.span.end);
    let title_line = title.as_ref().map(|x| x.span.line as usize - 1);
    let periods = counts::periods(doc);
    let subject = document::subject(doc, doc_title.as_ref());
    let listed = || {
        // Most of the lists' work needs no territory: done while the
        // territories are read.
        let ((terr, terr_found), loose) = par::join(
            parallel,
            || {
                let mut found = Vec::new();
                let terr = territory::extract(doc, t, title_range.as_ref(), &periods, &mut found);
                (terr, found)
            },
            || lists::loose(doc, tree, t),
        );
        // The counts and the lists both read the territories alone.
        let (counts, (lists, lists_found)) = par::join(
            parallel,
            || counts::extract(doc, t, &terr),
            || {
                let mut found = Vec::new();
                let lists = lists::extract(doc, t, &terr, loose, &mut found);
                (lists, found)
            },
        );
        Listed {
            terr,
            counts,
            lists,
            terr_found,
            lists_found,
        }
    };
    let issued = || {
        let mut found = Vec::new();
        // The genre and the issuer tell each other: a newspaper's name
        // makes a news article, a press release lets its ARS speak.
        let keys = document::line_keys(doc, t);
        let first_kind = document::kind(doc, &keys, info.source.format, false);
        let mut issuer = issuer::extract(doc, t, &keys, first_kind, title_line);
        let press = issuer
            .as_ref()
            .is_some_and(|i| i.kind == model::IssuerKind::Press);
        let kind = if press && first_kind != model::DocKind::PressRelease {
            model::DocKind::NewsArticle
        } else {
            first_kind
        };
        if kind != first_kind {
            issuer = issuer::extract(doc, t, &keys, kind, title_line);
        }
        if let Some(i) = issuer
            .as_ref()
            .filter(|i| i.evidence == model::IssuerEvidence::Statement)
        {
            found.push(
                Warning::new(
                    "issuer_inferred",
                    format!(
                        "issuer {} read from how the text speaks of it, not from a header, caption, source or contact line",
                        i.name
                    ),
                )
                .at(i.span.start..i.span.end),
            );
        }
        Issued {
            kind,
            issuer,
            found,
        }
    };
    let dated = || {
        let (mut date, mut dates) =
            dates::extract(doc, t, subject == Some(model::Subject::Minutes));
        let found: Vec<Warning> = dates
            .iter()
            .filter(|m| m.year_inferred)
            .map(|m| {
                Warning::new(
                    "date_year_inferred",
                    format!(
                        "“{}”: the year is not written with it; taken from the document ({})",
                        m.text,
                        m.value.as_deref().unwrap_or("?")
                    ),
                )
                .at(m.span.start..m.span.end)
            })
            .collect();
        // Web page: the dates its markup gives.
        if let Some(p) = page {
            web::dates(p, &mut date, &mut dates);
        }
        (date, dates, found)
    };
    let people = || {
        let mut found = Vec::new();
        let people = people::extract(doc, t, &mut found);
        (people, found)
    };
    let amounts = || {
        // In digits, and in words where the digits do not say it again
        // ("un million … d’euros (1 380 000 €)" is one amount).
        let mut a = amounts::extract(doc);
        let words = amounts::in_words(doc, t);
        for w in words {
            if !a.iter().any(|d| d.value == w.value) {
                a.push(w);
            }
        }
        a.sort_by_key(|x| x.span.start);
        a
    };
    // The region the text names, read ahead on the pool for a long document
    // (the whole text when it names none), read after the issuer only when
    // needed for a short one.
    let contacts = || {
        let named = parallel.then(|| document::named_region(t));
        (contacts::extract(doc), named)
    };
    // The chain is the longest part: the others share the other side.
    let p = parallel;
    let (listed, ((issued, dated), ((people, amounts), (contacts, named_region)))) =
        par::join(p, listed, || {
            par::join(
                p,
                || par::join(p, issued, dated),
                || par::join(p, || par::join(p, people, amounts), contacts),
            )
        });
    let Listed {
        mut terr,
        counts,
        lists,
        terr_found,
        lists_found,
    } = listed;
    let mut attach_found = Vec::new();
    territory::attach(doc, &mut terr, &lists, &counts, &mut attach_found);
    let Issued {
        kind,
        mut issuer,
        found: issuer_found,
    } = issued;
    let (date, dates, dates_found) = dated;
    let (people, people_found) = people;
    // Web page: a label by the title gives the genre; the site's name is
    // the issuer when the text states none.
    let kind = page.map_or(kind, |p| web::kind(p, kind));
    if issuer.is_none() {
        issuer = page.and_then(|p| web::site_issuer(p, doc));
    }
    let about: Vec<String> = terr
        .list
        .iter()
        .filter(|x| x.about)
        .filter_map(|x| x.departement.clone().or(x.parent_departement.clone()))
        .collect();
    let region = document::region_with(
        issuer.as_ref().and_then(|i| i.region.as_deref()),
        || named_region.unwrap_or_else(|| document::named_region(t)),
        &about,
    );
    // The tokens (several times the text) are read no more: dropped before
    // the fiches and the block tree are built, which a document of many
    // short lines makes about as large (each line a block).
    drop(toks);
    let (fiches, blocks) = par::join(
        p,
        || {
            let mut found = Vec::new();
            let f = fiches::extract(doc, &terr.list, &lists, &counts, &mut found);
            (f, found)
        },
        || blocks(raw, doc, tree, &tree.roots),
    );
    let ((fiches, fiche_counts), fiches_found) = fiches;
    let mut lists = lists;
    let about = {
        let mut a = terr.list.iter().filter(|x| x.about);
        match (a.next(), a.next()) {
            (Some(x), None) => Some(x.id.clone()),
            _ => None,
        }
    };
    if let Some(l) = fiches::actions_list(&fiches, &lists, lists.len() + 1, about) {
        lists.push(l);
    }
    let found = [
        terr_found,
        issuer_found,
        dates_found,
        lists_found,
        attach_found,
        people_found,
        fiches_found,
    ];
    let mut warnings: Vec<model::Warning> = raw
        .warnings
        .iter()
        .chain(&doc.warnings)
        .chain(found.iter().flatten())
        .map(|w| warning(doc, w))
        .collect();
    // Stable: warnings without a span first, then by position, then code.
    warnings.sort_by(|a, b| {
        (a.span.as_ref().map(|s| s.start), &a.code)
            .cmp(&(b.span.as_ref().map(|s| s.start), &b.code))
    });
    model::Document {
        schema_version: model::SCHEMA_VERSION.to_string(),
        tool: model::Tool {
            name: "ptsm".into(),
            version: env!("CARGO_PKG_VERSION").into(),
        },
        source: info.source,
        web: page.map(web::web),
        kind,
        subject,
        title: doc_title,
        issuer,
        region,
        date,
        dates,
        periods,
        counts,
        territories: terr.list,
        lists,
        people,
        amounts,
        contacts,
        acronyms: Vec::new(),
        furniture: raw.furniture.clone(),
        blocks,
        warnings,
        fiches,
        fiche_counts,
    }
}
