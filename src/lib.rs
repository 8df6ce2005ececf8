//! # ptsm
//!
//! Turns French public mental-health documents (press releases and planning
//! documents about *Projets Territoriaux de Santé Mentale* and their
//! contracts, as PDF, web pages or text) into structured data: territories
//! with their département code, working groups, actions, declared counts
//! reconciled with what is listed, themes, people, amounts and dates, each
//! with its provenance, and a warning for every anomaly.
//!
//! # Use
//!
//! [`process`] reads a file, [`process_bytes`] takes bytes you already
//! hold (a download, a database blob); both return a [`Processed`] whose
//! [`model::Document`] is the JSON contract's value, and
//! [`output::to_json`] writes it as the command line does
//! (`schemas/ptsm.schema.json`).
//!
//! ```
//! use std::path::Path;
//!
//! let opts = ptsm::Options::default();
//!
//! // A file: PDF, web page or text, told apart by its content.
//! let meuse = ptsm::process(Path::new("corpus/meuse-ctsm-2023.txt"), &opts)?;
//! let doc = &meuse.document;
//! assert_eq!(doc.date.as_ref().map(|d| d.value.as_str()), Some("2023-12-13"));
//! let meuse_55 = &doc.territories[0];
//! assert_eq!((meuse_55.name.as_str(), meuse_55.departement.as_deref()), ("Meuse", Some("55")));
//!
//! // Bytes, named for the messages and `source.path`.
//! let text = "Communiqué de presse\n\nLe PTSM de l’Orne compte 8 groupes de travail et 5 actions.\n";
//! let orne = ptsm::process_bytes("orne.txt", text.as_bytes(), &opts)?;
//! let t = &orne.document.territories[0];
//! assert_eq!(t.departement.as_deref(), Some("61"));
//! assert_eq!(t.declared.working_groups.as_ref().map(|c| c.count), Some(8));
//! assert_eq!(t.declared.actions.as_ref().map(|c| c.count), Some(5));
//! // Where the count was read: a byte span of the normalized text.
//! let span = &t.declared.actions.as_ref().unwrap().span;
//! assert_eq!(&orne.norm.text[span.start..span.end], "5 actions");
//!
//! // The JSON the command line writes (pretty, deterministic key order).
//! let json = ptsm::output::to_json(&orne.document)?;
//! assert!(json.contains("\"departement\": \"61\""));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Errors are per document ([`DocError`]: the file and a typed reason,
//! [`DocError::kind`] being the `kind` of the command line's
//! `errors.jsonl`); nothing panics on bad input. The command-line
//! dependencies (clap, indicatif…) are behind the `cli` feature: a library
//! user can depend on `ptsm` with `default-features = false` (and the
//! `tables` feature for Parquet and XLSX export).
//!
//! # Steps
//! Data flows one way; each stage owns its types and imports only the one
//! before it:
//!
//! 1. [`ingest`]: bytes → [`ingest::RawDoc`] (text decoding, or PDF parsing and layout);
//! 2. [`normalize`]: → [`normalize::NormDoc`] (NFC, French typography, reflow, de-hyphenation);
//! 3. [`segment`]: → [`segment::BlockTree`] (title, headings, paragraphs, nested lists);
//! 4. [`extract`]: → [`model::Document`] (territories, groups, actions, counts, people…);
//! 5. [`output`]: → JSON conforming to `schemas/ptsm.schema.json`.
//!
//! [`process`] and [`process_bytes`] join the stages and do nothing else.

pub mod analyst;
pub mod error;
pub mod extract;
pub mod ingest;
pub mod model;
pub mod normalize;
pub mod output;
mod par;
#[cfg(feature = "report")]
pub mod report;
pub mod segment;
#[cfg(test)]
mod test_support;

use std::path::Path;

use sha2::{Digest, Sha256};

pub use error::{DocError, IngestError, Warned, Warning};
pub use ingest::IngestOptions;

/// Options for one document.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub ingest: IngestOptions,
}

/// A processed document: the contract value and the normalized text it
/// points into.
#[derive(Debug, Clone)]
pub struct Processed {
    pub document: model::Document,
    pub norm: normalize::NormDoc,
}

/// Reads and processes the file at `path`. Its type and size are checked
/// before it is read ([`ingest::read_file`]): a file over the size limit, a
/// folder or a device fails without being read.
pub fn process(path: &Path, opts: &Options) -> Result<Processed, DocError> {
    let bytes = ingest::read_file(path, &opts.ingest).map_err(|e| DocError::new(path, e))?;
    process_bytes(&path.to_string_lossy(), &bytes, opts)
}

/// Processes `bytes`, named `name` (a path, or `-` for standard input).
pub fn process_bytes(name: &str, bytes: &[u8], opts: &Options) -> Result<Processed, DocError> {
    process_bytes_hashed(name, bytes, sha256_hex(bytes), opts)
}

/// [`process_bytes`] when the caller already has the SHA-256 of `bytes`
/// (lowercase hex, as [`sha256_hex`] gives it), e.g. to look the input up
/// in a manifest: it is not computed again.
pub fn process_bytes_hashed(
    name: &str,
    bytes: &[u8],
    sha256: String,
    opts: &Options,
) -> Result<Processed, DocError> {
    let raw = ingest::read(name, bytes, &opts.ingest).map_err(|e| DocError::new(name, e))?;
    process_raw(name, raw, bytes.len() as u64, sha256)
}

/// [`process_bytes_hashed`] of bytes the caller gives away: they are freed
/// once read, so that a large input is not held in memory through the
/// later stages as well (a batch does this with inputs of many megabytes).
pub fn process_owned(
    name: &str,
    bytes: Vec<u8>,
    sha256: String,
    opts: &Options,
) -> Result<Processed, DocError> {
    let raw = ingest::read(name, &bytes, &opts.ingest).map_err(|e| DocError::new(name, e))?;
    let len = bytes.len() as u64;
    drop(bytes);
    process_raw(name, raw, len, sha256)
}

/// The stages after ingest.
fn process_raw(
    name: &str,
    mut raw: ingest::RawDoc,
    bytes: u64,
    sha256: String,
) -> Result<Processed, DocError> {
    let norm = normalize::normalize(&raw);
    if let Some(ocr) = &raw.ocr {
        let located = normalize::ocr::low_confidence_warnings(ocr, &norm);
        raw.warnings.extend(located);
    }
    // The later stages read the normalized text, not the source's lines.
    raw.release_lines();
    // The block tree and the tokens both read the text alone: made at
    // once for a long text.
    let (tree, tokens) = par::join(
        norm.text.len() >= par::MIN_TEXT,
        || segment::segment(&norm),
        || extract::tokens::Tokens::new(&norm.text),
    );
    let source = model::Source {
        path: name.to_string(),
        format: raw.format,
        sha256,
        encoding: raw.encoding.clone(),
        bytes,
        pages: raw.paged.then_some(raw.pages.len() as u32),
        ocr_pages: raw
            .ocr
            .iter()
            .flat_map(|o| o.pages.iter().map(|p| p.page))
            .collect(),
        ocr: raw.ocr.as_ref().map(|o| model::Ocr {
            engine: o.engine.clone(),
            version: o.version.clone(),
            language: o.language.clone(),
            pages: o
                .pages
                .iter()
                .map(|p| model::OcrPage {
                    page: p.page,
                    mean_confidence: p.mean_confidence,
                    words: p.words,
                    low_confidence_words: p.low_confidence_words,
                })
                .collect(),
        }),
    };
    let mut document =
        extract::extract_with(&raw, &norm, &tree, tokens, extract::SourceInfo { source });
    analyst::enrich(&mut document, &norm);
    Ok(Processed { document, norm })
}

/// Lowercase hex SHA-256.
pub fn sha256_hex(bytes: &[u8]) -> String {
    // Two digits per byte from a table: not a `format!` (and its String)
    // per byte.
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let digest = Sha256::digest(bytes);
    let mut s = String::with_capacity(64);
    for b in digest {
        s.push(char::from(HEX[usize::from(b >> 4)]));
        s.push(char::from(HEX[usize::from(b & 15)]));
    }
    s
}
