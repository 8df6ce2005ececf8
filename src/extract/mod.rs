//! Stage 4: [`BlockTree`] + [`NormDoc`] → [`model::Document`]. The only
//! stage that builds `model` values.

pub mod acronyms;
pub mod themes;

use crate::error::Warning;
use crate::ingest::RawDoc;
use crate::model::{self, Block, Contacts, DocKind, Span};
use crate::normalize::NormDoc;
use crate::segment::{BlockId, BlockTree};

/// What extraction needs to know about the source besides the text.
#[derive(Debug, Clone)]
pub struct SourceInfo {
    pub source: model::Source,
}

/// Builds a [`Span`] for a byte range of the normalized text.
pub fn span(doc: &NormDoc, range: std::ops::Range<usize>) -> Span {
    Span {
        start: range.start,
        end: range.end,
        line: doc.line_of(range.start),
        page: doc.page_of(range.start),
        bbox: doc.bbox_of(range),
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

fn blocks(doc: &NormDoc, tree: &BlockTree, ids: &[BlockId]) -> Vec<Block> {
    ids.iter()
        .map(|&id| {
            let n = tree.get(id);
            Block {
                kind: n.kind,
                level: n.level,
                marker: n.marker.clone(),
                text: doc.text[n.content.clone()].to_string(),
                span: span(doc, n.range.clone()),
                children: blocks(doc, tree, &n.children),
            }
        })
        .collect()
}

/// Extracts the entities of a document.
pub fn extract(raw: &RawDoc, doc: &NormDoc, tree: &BlockTree, info: SourceInfo) -> model::Document {
    let mut warnings: Vec<model::Warning> = raw
        .warnings
        .iter()
        .chain(&doc.warnings)
        .map(|w| warning(doc, w))
        .collect();
    warnings.sort_by_key(|w| w.span.as_ref().map(|s| s.start));
    model::Document {
        schema_version: model::SCHEMA_VERSION.to_string(),
        tool: model::Tool {
            name: "ptsm".into(),
            version: env!("CARGO_PKG_VERSION").into(),
        },
        source: info.source,
        kind: DocKind::Unknown,
        title: None,
        issuer: None,
        date: None,
        periods: Vec::new(),
        counts: Vec::new(),
        territories: Vec::new(),
        people: Vec::new(),
        amounts: Vec::new(),
        contacts: Contacts::default(),
        acronyms: Vec::new(),
        furniture: raw.furniture.clone(),
        blocks: blocks(doc, tree, &tree.roots),
        warnings,
    }
}
