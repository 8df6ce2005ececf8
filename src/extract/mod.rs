//! Stage 4: [`BlockTree`] + [`NormDoc`] → [`model::Document`]. The only
//! stage that builds `model` values.
//!
//! One module per entity; each reads the normalized text and/or the block
//! tree and reports anything it had to guess as a [`Warning`].

pub mod amounts;
pub mod contacts;
pub mod counts;
pub mod dates;
pub mod departements;
pub mod document;
pub mod fiches;
pub mod items;
pub mod pattern;
pub mod people;
pub mod tables;
pub mod territory;

pub mod acronyms;
pub mod themes;

use crate::error::Warning;
use crate::ingest::RawDoc;
use crate::model::{self, Block, Span};
use crate::normalize::NormDoc;
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
                table: tables::table(raw, doc, n),
                page_ref: n.page_ref,
                children: blocks(raw, doc, tree, &n.children),
            }
        })
        .collect()
}

/// Extracts the entities of a document.
pub fn extract(raw: &RawDoc, doc: &NormDoc, tree: &BlockTree, info: SourceInfo) -> model::Document {
    let mut found: Vec<Warning> = Vec::new();
    let title = document::title(doc, tree);
    let kind = document::kind(doc, title.as_ref());
    let periods = counts::periods(doc);
    // The counts of the whole text, searched once: a single-territory
    // document takes its declared actions from them too.
    let all_counts = counts::counts_in(doc, 0..doc.text.len());
    let territories =
        territory::extract(doc, tree, title.as_ref(), &periods, &all_counts, &mut found);
    // Counts already read as a territory's declared groups/actions are not
    // repeated at document level.
    let taken: Vec<usize> = territories
        .iter()
        .flat_map(|t| [&t.declared.working_groups, &t.declared.actions])
        .flatten()
        .map(|c| c.span.start)
        .collect();
    let all_counts_for_fiches = all_counts.clone();
    let counts = all_counts
        .into_iter()
        .filter(|c| !taken.contains(&c.span.start))
        .collect();
    let people = people::extract(doc, tree, &mut found);
    let (fiches, fiche_counts) =
        fiches::extract(doc, &territories, &all_counts_for_fiches, &mut found);
    let mut warnings: Vec<model::Warning> = raw
        .warnings
        .iter()
        .chain(&doc.warnings)
        .chain(&found)
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
        kind,
        issuer: document::issuer(doc),
        date: dates::extract(doc),
        title,
        periods,
        counts,
        territories,
        people,
        amounts: amounts::extract(doc),
        contacts: contacts::extract(doc),
        acronyms: Vec::new(),
        furniture: raw.furniture.clone(),
        blocks: blocks(raw, doc, tree, &tree.roots),
        warnings,
        fiches,
        fiche_counts,
    }
}
