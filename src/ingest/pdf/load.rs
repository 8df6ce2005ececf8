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
        Err(PdfError::InvalidPassword) if opts.password.is_some() && direct_encrypt(body) => {
            return Err(IngestError::Decryption(
                "the /Encrypt dictionary is written inline in the trailer, which the PDF parser \
                 (lopdf 0.47) cannot decrypt; the password was not checked"
                    .into(),
            ))
        }
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
    let bad = bad_stream_lengths(body);
    if bad > 0 {
        warnings.push(Warning::new(
            "pdf_repaired",
            format!("{bad} stream(s) with a wrong /Length; their data was taken up to `endstream`"),
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

/// Counts streams whose direct `/Length` does not land on `endstream`.
/// lopdf recovers these silently (it rewrites `/Length`), so we look at the
/// bytes ourselves to be able to warn. Indirect lengths are not checked.
fn bad_stream_lengths(body: &[u8]) -> usize {
    const LOOKBACK: usize = 4096;
    let mut bad = 0;
    let mut from = 0;
    while let Some(pos) = find(body, b"stream", from) {
        from = pos + 6;
        if pos >= 3 && body.get(pos - 3..pos) == Some(b"end".as_slice()) {
            continue;
        }
        let data = match body.get(pos + 6..pos + 8) {
            Some([b'\r', b'\n']) => pos + 8,
            Some([b'\n', _]) | Some([b'\r', _]) => pos + 7,
            _ => continue,
        };
        let head = body
            .get(pos.saturating_sub(LOOKBACK)..pos)
            .unwrap_or_default();
        let Some(obj) = rfind(head, b" obj") else {
            continue;
        };
        let dict = head.get(obj..).unwrap_or_default();
        let Some(l) = rfind(dict, b"/Length") else {
            continue;
        };
        let after = dict.get(l + 7..).unwrap_or_default();
        let digits: Vec<u8> = after
            .iter()
            .skip_while(|b| b.is_ascii_whitespace())
            .take_while(|b| b.is_ascii_digit())
            .copied()
            .collect();
        let rest: Vec<u8> = after
            .iter()
            .skip_while(|b| b.is_ascii_whitespace())
            .skip_while(|b| b.is_ascii_digit())
            .take(16)
            .copied()
            .collect();
        // `/Length 12 0 R` is a reference: its value lives elsewhere.
        let trimmed: Vec<u8> = rest
            .iter()
            .copied()
            .filter(|b| !b.is_ascii_whitespace())
            .collect();
        if trimmed.first().is_some_and(u8::is_ascii_digit) {
            continue;
        }
        let Some(len) = std::str::from_utf8(&digits)
            .ok()
            .and_then(|d| d.parse::<usize>().ok())
        else {
            continue;
        };
        let end = data.saturating_add(len);
        let tail = body.get(end..).unwrap_or_default();
        let tail = tail
            .get(
                tail.iter()
                    .take(2)
                    .take_while(|b| **b == b'\r' || **b == b'\n')
                    .count()..,
            )
            .unwrap_or_default();
        if !tail.starts_with(b"endstream") {
            bad += 1;
        } else {
            from = end;
        }
    }
    bad
}

fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

/// True when the trailer holds `/Encrypt << … >>` instead of a reference:
/// lopdf only authenticates against an indirect encryption dictionary.
fn direct_encrypt(body: &[u8]) -> bool {
    body.windows(8).enumerate().any(|(i, w)| {
        w == b"/Encrypt"
            && body
                .get(i + 8..)
                .unwrap_or_default()
                .iter()
                .find(|b| !b.is_ascii_whitespace())
                == Some(&b'<')
    })
}

/// Decoded data of a stream, within `limit` bytes. Unlike lopdf's own
/// decoding, an indirect `/Filter` or `/DecodeParms` (SAP and other
/// producers write `/Filter 3 0 R`) is resolved first instead of being
/// taken for "no filter".
pub fn stream_data(doc: &Document, stream: &lopdf::Stream, limit: usize) -> lopdf::Result<Vec<u8>> {
    let indirect = |k: &[u8]| matches!(stream.dict.get(k), Ok(Object::Reference(_)));
    if !indirect(b"Filter") && !indirect(b"DecodeParms") {
        return stream.get_plain_content_with_limit(limit);
    }
    let mut resolved = stream.clone();
    for key in [b"Filter".as_slice(), b"DecodeParms".as_slice()] {
        if let Ok(Object::Reference(id)) = stream.dict.get(key) {
            match doc.get_object(*id) {
                Ok(v) => resolved.dict.set(key.to_vec(), v.clone()),
                Err(_) => {
                    resolved.dict.remove(key);
                }
            }
        }
    }
    resolved.get_plain_content_with_limit(limit)
}
