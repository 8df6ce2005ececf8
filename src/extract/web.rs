//! Web pages: what a page's markup says about it (read by ingest, carried
//! in [`RawDoc::markup`]; nothing here parses HTML) → the contract: the
//! `web` field, the title, publication and update dates, the site name as
//! an issuer when the text states none, the genre a label gives, and the
//! blocks' paths and tables.
//!
//! A value taken from the metadata rather than from the text has an empty
//! span at offset 0 on line 0: it has no place in the normalized text.

use crate::ingest::markup::{PageDate, PageMeta};
use crate::ingest::RawDoc;
use crate::model::{
    self, Attachment, DateMention, DateRole, DateValue, DocKind, Issuer, IssuerEvidence,
    IssuerKind, Span, TextValue, WebDate, WebDateSource, WebMeta,
};
use crate::normalize::{french, key, NormDoc, NormLine};
use crate::segment::{BlockId, BlockTree};

use super::tokens::Tokens;
use super::{dates, issuer, span};

/// The page metadata of a web page.
pub fn page(raw: &RawDoc) -> Option<&PageMeta> {
    raw.markup.as_deref().map(|m| &m.page)
}

/// The span of a value that comes from the page's metadata.
pub fn meta_span() -> Span {
    Span {
        start: 0,
        end: 0,
        line: 0,
        page: None,
        bbox: None,
    }
}

/// The `web` field.
pub fn web(page: &PageMeta) -> WebMeta {
    let date = |d: &[PageDate]| {
        let best = d
            .iter()
            .find_map(|p| day(p).map(|(v, _)| (p, Some(v))))
            .or_else(|| d.first().map(|p| (p, None)));
        best.map(|(p, value)| WebDate {
            text: p.text.clone(),
            value,
            from: p.from,
        })
    };
    WebMeta {
        canonical_url: page.canonical_url.clone(),
        lang: page.lang.clone(),
        site_name: page.site_name.clone(),
        title: page.title.clone(),
        byline: page.byline.clone(),
        published: date(&page.published),
        modified: date(&page.modified),
        content: page.content,
        attachments: page
            .attachments
            .iter()
            .map(|a| Attachment {
                url: a.url.clone(),
                text: a.text.clone(),
                format: a.format.clone(),
            })
            .collect(),
    }
}

/// The day a page date gives (ISO `YYYY-MM-DD`) and the role its words
/// give it, if it is a full date. Machine dates (`2023-12-13T09:30`) are
/// read as written; others through the date grammar of the text.
fn day(d: &PageDate) -> Option<(String, Option<DateRole>)> {
    if d.from != WebDateSource::Text {
        if let Some(v) = iso_day(&d.text) {
            return Some((v, None));
        }
    }
    let text = french::clean_line(&d.text).into_owned();
    let doc = NormDoc {
        lines: vec![NormLine {
            range: 0..text.len(),
            gap_before: true,
            origins: 0..0,
            table: None,
        }],
        text,
        ..NormDoc::default()
    };
    let t = Tokens::new(&doc.text);
    let (_, mentions) = dates::extract(&doc, &t, false);
    mentions.into_iter().find_map(|m| {
        let v = m.value.filter(|v| v.len() == 10 && !m.year_inferred)?;
        Some((v, Some(m.role)))
    })
}

/// `2023-12-13…` → `2023-12-13`, for a valid day.
fn iso_day(s: &str) -> Option<String> {
    let s = s.trim();
    let d = s.get(..10)?;
    let b = d.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|x| x.iter().all(u8::is_ascii_digit));
    if !(digits(0..4)
        && b.get(4) == Some(&b'-')
        && digits(5..7)
        && b.get(7) == Some(&b'-')
        && digits(8..10))
    {
        return None;
    }
    let m: u32 = d.get(5..7)?.parse().ok()?;
    let day: u32 = d.get(8..10)?.parse().ok()?;
    ((1..=12).contains(&m) && (1..=31).contains(&day)).then(|| d.to_string())
}

/// The page's title, cleaned of its site's name, over the text's: its span
/// is the title block's when the page's text has it, else empty (line 0).
pub fn title(
    page: &PageMeta,
    doc: &NormDoc,
    tree: &BlockTree,
    from_text: Option<TextValue>,
) -> Option<TextValue> {
    let Some(raw) = page.title.as_deref() else {
        return from_text;
    };
    let cleaned = strip_site_name(raw, page.site_name.as_deref());
    let text = french::clean_line(cleaned).into_owned();
    if text.is_empty() {
        return from_text;
    }
    let k = key(&text);
    let block = tree
        .iter()
        .find(|(_, n)| n.kind == model::BlockKind::Title)
        .or_else(|| {
            tree.iter().find(|(_, n)| {
                n.kind == model::BlockKind::Heading
                    && doc.text.get(n.content.clone()).is_some_and(|h| key(h) == k)
            })
        });
    let span = block.map_or_else(meta_span, |(_, n)| span(doc, n.range.clone()));
    Some(TextValue { text, span })
}

/// Separators between a page's title and its site's name.
const SEPARATORS: &[&str] = &[
    " | ", " - ", " – ", " — ", " :: ", " · ", " » ", " / ", " : ",
];

/// Whether `name` names an institution: an ARS, a département, a
/// préfecture, a hospital, a DAC, an association.
fn institution(name: &str) -> bool {
    matches!(
        issuer::org_kind(name),
        Some(
            IssuerKind::Ars
                | IssuerKind::Departement
                | IssuerKind::Prefecture
                | IssuerKind::Hospital
                | IssuerKind::Dac
                | IssuerKind::Association
        )
    )
}

/// "Le PTSM de l’Orne | ARS Normandie" → "Le PTSM de l’Orne": the name of
/// the institution that publishes the page, at either end of its title
/// (the site's name, or without one a name of an institution), is its
/// signature, reported as the issuer, not part of the title. A
/// publication's name is kept, as reader views keep it ("… - Medium").
fn strip_site_name<'a>(title: &'a str, site: Option<&str>) -> &'a str {
    let site_key = site.filter(|s| institution(s)).map(key);
    let signs = |part: &str| {
        let k = key(part);
        match (&site_key, site) {
            (Some(s), _) => !k.is_empty() && k == *s,
            (None, None) => institution(part) && part.split_whitespace().nth(8).is_none(),
            (None, Some(_)) => false,
        }
    };
    for sep in SEPARATORS {
        if let Some((head, tail)) = title.rsplit_once(sep) {
            if signs(tail) && !head.trim().is_empty() {
                return head.trim();
            }
        }
        // First only when the page names its site: "Centre hospitalier de
        // Thuir – Actualités" is a title.
        if let Some((head, tail)) = title.split_once(sep).filter(|_| site_key.is_some()) {
            if signs(head) && !tail.trim().is_empty() {
                return tail.trim();
            }
        }
    }
    title
}

/// Adds the page's publication and update dates to `dates` (first, as
/// they come before the text), unless the text gives the same day with
/// the same role; and makes the page's publication date the document's
/// date unless the text has a publication date of its own, and its update
/// date when the text has no date at all.
pub fn dates(page: &PageMeta, date: &mut Option<DateValue>, dates: &mut Vec<DateMention>) {
    let mut added = Vec::new();
    let mut chosen: [Option<(String, String)>; 2] = [None, None];
    for (k, (list, role)) in [
        (&page.published, DateRole::Publication),
        (&page.modified, DateRole::Update),
    ]
    .into_iter()
    .enumerate()
    {
        let Some((p, value, said)) = list.iter().find_map(|p| day(p).map(|(v, r)| (p, v, r)))
        else {
            continue;
        };
        // A "Publié le … | Mis à jour le …" line read for its update
        // part says which it is.
        let role = match said {
            Some(r @ (DateRole::Publication | DateRole::Update)) => r,
            _ => role,
        };
        if let Some(slot) = chosen.get_mut(k) {
            *slot = Some((value.clone(), p.text.clone()));
        }
        let known = dates
            .iter()
            .any(|m| m.role == role && m.value.as_deref() == Some(value.as_str()));
        if !known {
            added.push(DateMention {
                value: Some(value),
                text: p.text.clone(),
                role,
                year_inferred: false,
                span: meta_span(),
            });
        }
    }
    dates.splice(0..0, added);
    let text_publication = date
        .as_ref()
        .is_some_and(|d| d.role == DateRole::Publication);
    let [published, modified] = chosen;
    if let Some((value, text)) = published.filter(|_| !text_publication) {
        *date = Some(DateValue {
            value,
            text,
            role: DateRole::Publication,
            span: meta_span(),
        });
    } else if let Some((value, text)) = modified.filter(|_| date.is_none()) {
        *date = Some(DateValue {
            value,
            text,
            role: DateRole::Update,
            span: meta_span(),
        });
    }
}

/// The site's name as the issuer, for a page whose text states none: an
/// ARS by its canonical name and region, another organisation by the kind
/// its name says. Its span is where the text names it, if it does.
pub fn site_issuer(page: &PageMeta, doc: &NormDoc) -> Option<Issuer> {
    let site = page.site_name.as_deref()?;
    let text = french::clean_line(site).into_owned();
    if text.is_empty() {
        return None;
    }
    let t = Tokens::new(&text);
    let (name, kind, region) = match issuer::ars_at(&t, 0) {
        Some((name, region, _)) => (name, IssuerKind::Ars, Some(region.to_string())),
        None => (
            text.clone(),
            issuer::org_kind(&text).unwrap_or(IssuerKind::Other),
            None,
        ),
    };
    let span = doc
        .text
        .find(&text)
        .map_or_else(meta_span, |at| span(doc, at..at + text.len()));
    Some(Issuer {
        name,
        kind,
        region,
        co_issuers: Vec::new(),
        evidence: IssuerEvidence::SiteName,
        text,
        span,
    })
}

/// The genre a page's label gives ("Communiqué de presse" by its title),
/// over what its text says.
pub fn kind(page: &PageMeta, from_text: DocKind) -> DocKind {
    let press = page.labels.iter().any(|l| {
        let k = key(l);
        k.contains("communique de presse")
            || k.contains("communiques de presse")
            || k.contains("dossier de presse")
    });
    if press {
        DocKind::PressRelease
    } else {
        from_text
    }
}

/// The path of node `id` in the page, for a tree built from markup.
pub fn path(doc: &NormDoc, tree: &BlockTree, id: BlockId) -> Option<String> {
    let s = doc.structure.as_ref()?;
    let b = tree.origin.get(id.index()).copied().flatten()?;
    s.blocks
        .get(b)
        .map(|b| b.path.clone())
        .filter(|p| !p.is_empty())
}

/// The rows and cells of table node `id`, for a tree built from markup.
pub fn table(doc: &NormDoc, tree: &BlockTree, id: BlockId) -> Option<model::Table> {
    let s = doc.structure.as_ref()?;
    let b = s
        .blocks
        .get(tree.origin.get(id.index()).copied().flatten()?)?;
    let t = s.tables.get(b.table?)?;
    Some(model::Table {
        columns: t.columns,
        regions: Vec::new(),
        rows: t
            .rows
            .iter()
            .map(|r| model::TableRow {
                header: r.header,
                cells: r
                    .cells
                    .iter()
                    .map(|c| model::TableCell {
                        row: c.row,
                        col: c.col,
                        rowspan: c.rowspan,
                        colspan: c.colspan,
                        header: c.header,
                        text: doc
                            .text
                            .get(c.range.clone())
                            .unwrap_or_default()
                            .to_string(),
                        page: None,
                        bbox: None,
                        span: span(doc, c.range.clone()),
                    })
                    .collect(),
            })
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_names_are_taken_off_titles() {
        assert_eq!(
            strip_site_name("Le PTSM de l’Orne | ARS Normandie", Some("ARS Normandie")),
            "Le PTSM de l’Orne"
        );
        assert_eq!(
            strip_site_name("ARS Normandie – Le PTSM", Some("ARS Normandie")),
            "Le PTSM"
        );
        assert_eq!(
            strip_site_name(
                "Semaine de la santé mentale - Centre hospitalier de Thuir",
                None
            ),
            "Semaine de la santé mentale"
        );
        assert_eq!(
            strip_site_name("Un titre - sans site", None),
            "Un titre - sans site"
        );
        assert_eq!(
            strip_site_name("Santé mentale - les actions du PTSM", None),
            "Santé mentale - les actions du PTSM"
        );
        assert_eq!(
            strip_site_name("ARS Normandie", Some("ARS Normandie")),
            "ARS Normandie"
        );
        // A publication's name stays, as reader views show it.
        assert_eq!(
            strip_site_name("How to Build a Terrarium | eHow", Some("eHow")),
            "How to Build a Terrarium | eHow"
        );
    }

    #[test]
    fn page_dates_are_read_as_written() {
        let d = |text: &str, from| PageDate {
            text: text.into(),
            from,
        };
        assert_eq!(
            day(&d("2023-12-13T09:30:00+01:00", WebDateSource::Meta))
                .map(|x| x.0)
                .as_deref(),
            Some("2023-12-13")
        );
        assert_eq!(
            day(&d("Publié le 13 décembre 2023", WebDateSource::Text))
                .map(|x| x.0)
                .as_deref(),
            Some("2023-12-13")
        );
        assert_eq!(
            day(&d("Mis à jour le 18/01/2024", WebDateSource::Text))
                .map(|x| x.0)
                .as_deref(),
            Some("2024-01-18")
        );
        assert_eq!(day(&d("2023-13-45", WebDateSource::Meta)), None);
    }
}
