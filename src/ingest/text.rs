//! Text files: encoding detection (UTF-8 with or without BOM, UTF-16 with
//! BOM, Windows-1252/Latin-1), evident mojibake repair, split into lines.

use super::{RawDoc, RawLine, RawPage};
use crate::error::IngestError;
use crate::model::SourceFormat;

pub fn read(bytes: &[u8]) -> Result<RawDoc, IngestError> {
    // Placeholder until the real decoder lands: UTF-8 only.
    let text = std::str::from_utf8(bytes).map_err(|e| IngestError::Encoding(e.to_string()))?;
    let lines = text
        .split('\n')
        .map(|l| RawLine::new(l.trim_end_matches('\r')))
        .collect();
    Ok(RawDoc {
        format: SourceFormat::Text,
        encoding: Some("UTF-8".into()),
        paged: false,
        laid_out: false,
        pages: vec![RawPage { number: 1, lines }],
        furniture: Vec::new(),
        warnings: Vec::new(),
    })
}
