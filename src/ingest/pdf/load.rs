//! Loading a PDF with lopdf: header check, decryption, xref recovery and
//! limits, mapped to typed [`IngestError`]s and `Warning`s.
//!
//! lopdf 0.47 already rebuilds a broken cross-reference table by scanning
//! for `N G obj` (bad `startxref`, shifted offsets, missing xref/trailer)
//! and finds `endstream` when `/Length` is wrong; it reports a rebuild in
//! `Document::xref_recovery`, which we surface as a `pdf_repaired` warning.
//! It offsets everything from the `%PDF-` header, so leading junk is fine.

use std::panic::{catch_unwind, AssertUnwindSafe};

use lopdf::encryption::DecryptionError;
use lopdf::{Document, Error as PdfError, LoadOptions, Object};

use crate::error::{IngestError, Warning};
use crate::ingest::IngestOptions;

/// Where the `%PDF-` header must start at the latest (the spec allows junk
/// before it; Acrobat looks in the first kilobyte).
const HEADER_WINDOW: usize = 1024;

/// A loaded, decrypted document and the warnings raised while loading it.
pub struct Loaded {
    pub doc: Document,
    pub warnings: Vec<Warning>,
}

pub fn load(bytes: &[u8], opts: &IngestOptions) -> Result<Loaded, IngestError> {
    let window = bytes.get(..bytes.len().min(HEADER_WINDOW)).unwrap_or(bytes);
    let Some(start) = window.windows(5).position(|w| w == b"%PDF-") else {
        return Err(IngestError::NotPdf(
            "no %PDF- header in the first kilobyte".into(),
        ));
    };
    let mut warnings = Vec::new();
    if start > 0 {
        warnings.push(Warning::new(
            "pdf_junk_before_header",
            format!("{start} bytes before the %PDF- header were skipped"),
        ));
    }
    let body = bytes.get(start..).unwrap_or(bytes);

    let options = LoadOptions {
        password: opts.password.clone(),
        max_decompressed_size: Some(opts.max_stream_bytes),
        ..LoadOptions::default()
    };
    // lopdf is third-party code fed hostile bytes: a panic inside it must
    // fail this document, not the batch.
    let result = catch_unwind(AssertUnwindSafe(|| {
        Document::load_mem_with_options(body, options)
    }))
    .map_err(|_| IngestError::Corrupt("the PDF parser failed on this file".into()))?;
    let doc = match result {
        Ok(doc) => doc,
        Err(PdfError::InvalidPassword) => {
            return Err(if opts.password.is_some() {
                IngestError::WrongPassword
            } else {
                IngestError::PasswordRequired
            })
        }
        Err(PdfError::Decryption(DecryptionError::IncorrectPassword)) => {
            return Err(IngestError::WrongPassword)
        }
        Err(PdfError::Decryption(e)) => {
            return Err(IngestError::Decryption(format!(
                "cannot decrypt ({e}); supported: RC4 40/128-bit, AES-128, AES-256 (R5, R6)"
            )))
        }
        Err(PdfError::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. })) => {
            return Err(IngestError::Limit(format!(
                "a stream decompresses to more than {} bytes",
                opts.max_stream_bytes
            )))
        }
        Err(e) => return Err(IngestError::Corrupt(format!("cannot parse the PDF ({e})"))),
    };

    // Encrypted and no password authenticated: lopdf leaves /Encrypt in
    // the trailer and loads no objects.
    // lopdf tries the empty user password itself; when neither it nor ours
    // authenticated, it leaves /Encrypt in the trailer and loads no objects.
    if doc.trailer.has(b"Encrypt") {
        return Err(match &opts.password {
            Some(_) => IngestError::WrongPassword,
            None => IngestError::PasswordRequired,
        });
    }

    if doc.objects.len() > opts.max_objects {
        return Err(IngestError::Limit(format!(
            "{} objects, over the limit of {}",
            doc.objects.len(),
            opts.max_objects
        )));
    }
    if let Some(how) = doc.xref_recovery {
        warnings.push(Warning::new(
            "pdf_repaired",
            format!(
                "damaged cross-reference data; the object table was repaired ({how:?}): text may \
                 be incomplete"
            ),
        ));
    }
    if doc.page_iter().next().is_none() {
        return Err(IngestError::Corrupt("no page could be found".into()));
    }
    Ok(Loaded { doc, warnings })
}

/// True for an object that is a stream whose `/Subtype` is `name`.
pub fn is_subtype(obj: &Object, name: &[u8]) -> bool {
    obj.as_stream()
        .ok()
        .and_then(|s| s.dict.get(b"Subtype").ok())
        .and_then(|o| o.as_name().ok())
        == Some(name)
}
