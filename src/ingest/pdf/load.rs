//! Loading a PDF with lopdf: header check, decryption, xref recovery and
//! limits, mapped to typed [`IngestError`]s and `Warning`s.
//!
//! lopdf 0.47 already rebuilds a broken cross-reference table by scanning
//! for `N G obj` (bad `startxref`, shifted offsets, missing xref/trailer)
//! and finds `endstream` when `/Length` is wrong; it reports a rebuild in
//! `Document::xref_recovery`, which we surface as a `pdf_repaired` warning.
//! It offsets everything from the `%PDF-` header, so leading junk is fine.

use std::cell::RefCell;
use std::panic::{catch_unwind, AssertUnwindSafe};

use libdeflater::{DecompressionError, Decompressor};
use lopdf::encryption::DecryptionError;
use lopdf::{Document, Error as PdfError, LoadOptions, Object};

use super::pages_only;
use crate::error::{IngestError, Warning};
use crate::ingest::IngestOptions;

/// Where the `%PDF-` header is expected (Acrobat looks in the first
/// kilobyte). Further on it is still taken, as pdftotext and MuPDF take it,
/// with a warning.
const HEADER_WINDOW: usize = 1024;

/// A loaded, decrypted document and the warnings raised while loading it.
pub struct Loaded {
    pub doc: Document,
    pub warnings: Vec<Warning>,
}

pub fn load(bytes: &[u8], opts: &IngestOptions) -> Result<Loaded, IngestError> {
    let Some(start) = memchr::memmem::find(bytes, b"%PDF-") else {
        return Err(IngestError::NotPdf("no %PDF- header".into()));
    };
    let mut warnings = Vec::new();
    if start > 0 {
        let far = if start >= HEADER_WINDOW {
            " (after the first kilobyte, where readers expect it)"
        } else {
            ""
        };
        warnings.push(Warning::new(
            "pdf_junk_before_header",
            format!("{start} bytes before the %PDF- header were skipped{far}"),
        ));
    }
    let body = bytes.get(start..).unwrap_or(bytes);

    // Encryption that lopdf would get wrong: text that is not encrypted at
    // all (only the embedded files are), or crypt filters written as
    // indirect objects (lopdf then decrypts nothing). Both are read through
    // an incremental update appended to a copy of the file, which lopdf
    // reads as any other (see `repair_encryption`).
    let mut ignore_encryption = false;
    let mut patched = None;
    if memchr::memmem::find(body, b"/Encrypt").is_some() {
        if let Some(enc) = pages_only::encryption(body, opts.max_stream_bytes) {
            if text_unencrypted(&enc.dict) {
                ignore_encryption = true;
                if enc.dict.has(b"EFF") {
                    warnings.push(Warning::new(
                        "pdf_encrypted_attachments",
                        "only the embedded files of this PDF are encrypted (/EFF): its text is \
                         not, and is read; the embedded files are not read",
                    ));
                }
            }
            patched = repair_encryption(body, &enc, ignore_encryption);
        }
    }

    // A well-formed file is read with only the objects its pages reach;
    // anything else, or a bug of that path, goes to lopdf's full load.
    let fast = catch_unwind(AssertUnwindSafe(|| {
        pages_only::load(
            body,
            opts.max_stream_bytes,
            opts.max_objects,
            ignore_encryption,
        )
    }));
    let lopdf_body = patched.as_deref().unwrap_or(body);
    let (mut doc, full) = match fast {
        Ok(Some(doc)) => (doc, false),
        _ => (full_load(lopdf_body, opts)?, true),
    };

    // lopdf tries the empty user password itself; when neither it nor ours
    // authenticated, it leaves /Encrypt in the trailer and loads no objects.
    if doc.trailer.has(b"Encrypt") && !ignore_encryption {
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
    // The fast path takes neither: it reads only files that need no repair.
    let no_length = if full {
        recover_unsized_streams(&mut doc, lopdf_body)
    } else {
        0
    };
    if no_length > 0 {
        warnings.push(Warning::new(
            "pdf_repaired",
            format!(
                "{no_length} stream(s) without a usable /Length; their data was taken up to \
                 `endstream`"
            ),
        ));
    }
    let lenient = if full {
        recover_unparsed_objects(&mut doc, lopdf_body)
    } else {
        0
    };
    if lenient > 0 {
        warnings.push(Warning::new(
            "pdf_repaired",
            format!(
                "{lenient} object(s) with a dictionary entry whose key is not a name were read \
                 without that entry"
            ),
        ));
    }
    let (pages, tree_warning) = page_list(&doc);
    warnings.extend(tree_warning);
    if pages.is_empty() {
        return Err(IngestError::Corrupt("no page could be found".into()));
    }
    Ok(Loaded { doc, warnings })
}

/// Whether neither the strings nor the streams of a file are encrypted
/// (ISO 32000-1 7.6.5: with `/V` 4 or 5, `/StmF` and `/StrF` absent or
/// `/Identity`): only its embedded files may be (`/EFF`). pdftotext reads
/// such a file without a password; lopdf asks for one.
fn text_unencrypted(enc: &lopdf::Dictionary) -> bool {
    let v = enc.get(b"V").and_then(Object::as_i64).unwrap_or(0);
    let identity = |key: &[u8]| match enc.get(key) {
        Err(_) => true,
        Ok(Object::Name(n)) => n == b"Identity",
        Ok(_) => false,
    };
    matches!(v, 4 | 5) && identity(b"StmF") && identity(b"StrF")
}

/// A copy of `body` with an incremental update appended (a new version of
/// the `/Encrypt` object and a trailer, ISO 32000-1 7.5.6), for lopdf: the
/// `/Encrypt` dictionary with its crypt filters written inline, or, when
/// the text is not encrypted, a trailer without `/Encrypt`. `None` when
/// there is nothing to change.
fn repair_encryption(
    body: &[u8],
    enc: &pages_only::Encryption,
    drop_encryption: bool,
) -> Option<Vec<u8>> {
    use std::io::Write;
    let mut trailer = enc.trailer.clone();
    let replaced: lopdf::Dictionary;
    let id = match enc.id {
        Some(id) => id,
        None => (enc.max_id.checked_add(1)?, 0),
    };
    if drop_encryption {
        trailer.remove(b"Encrypt");
        replaced = lopdf::Dictionary::new();
    } else if enc.indirect_filters {
        replaced = enc.dict.clone();
        trailer.set(b"Encrypt", Object::Reference(id));
    } else {
        return None;
    }
    for key in [
        &b"XRefStm"[..],
        b"Type",
        b"Length",
        b"W",
        b"Index",
        b"Filter",
        b"DecodeParms",
    ] {
        trailer.remove(key);
    }
    trailer.set(b"Prev", Object::Integer(i64::try_from(enc.startxref).ok()?));
    let size = i64::from(enc.max_id.max(id.0)) + 1;
    trailer.set(b"Size", Object::Integer(size));
    let mut out = Vec::with_capacity(body.len() + 1024);
    out.extend_from_slice(body);
    if !out.ends_with(b"\n") {
        out.push(b'\n');
    }
    let at = out.len();
    writeln!(out, "{} {} obj", id.0, id.1).ok()?;
    lopdf::Writer::write_object(&mut out, &Object::Dictionary(replaced)).ok()?;
    out.extend_from_slice(b"\nendobj\n");
    let xref = out.len();
    write!(out, "xref\n{} 1\n{at:010} {:05} n \ntrailer\n", id.0, id.1).ok()?;
    lopdf::Writer::write_object(&mut out, &Object::Dictionary(trailer)).ok()?;
    write!(out, "\nstartxref\n{xref}\n%%EOF\n").ok()?;
    Some(out)
}

/// Streams whose `/Length` is missing or unusable (lopdf leaves their data
/// empty): their data is taken from the bytes up to `endstream`, as
/// pdftotext and MuPDF take it, when `endstream` comes before the next
/// `endobj`. Returns how many were recovered.
fn recover_unsized_streams(doc: &mut Document, body: &[u8]) -> usize {
    let mut n = 0;
    for obj in doc.objects.values_mut() {
        let Object::Stream(stream) = obj else {
            continue;
        };
        let Some(start) = stream.start_position else {
            continue;
        };
        if !stream.content.is_empty() {
            continue;
        }
        let usable = matches!(stream.dict.get(b"Length"), Ok(Object::Integer(l)) if *l >= 0);
        if usable {
            continue;
        }
        let rest = body.get(start..).unwrap_or_default();
        let Some(end) = memchr::memmem::find(rest, b"endstream") else {
            continue;
        };
        if memchr::memmem::find(rest, b"endobj").is_some_and(|o| o < end) {
            continue;
        }
        let mut data = rest.get(..end).unwrap_or_default();
        if let Some(d) = data.strip_suffix(b"\r\n") {
            data = d;
        } else if let Some(d) = data
            .strip_suffix(b"\n")
            .or_else(|| data.strip_suffix(b"\r"))
        {
            data = d;
        }
        if data.is_empty() {
            continue;
        }
        stream.set_content(data.to_vec());
        n += 1;
    }
    n
}

/// Objects listed in the cross-reference data that lopdf could not parse,
/// read again leniently ([`pages_only::lenient_object`]). Returns how many
/// were recovered.
fn recover_unparsed_objects(doc: &mut Document, body: &[u8]) -> usize {
    let missing: Vec<(lopdf::ObjectId, usize)> = doc
        .reference_table
        .entries
        .iter()
        .filter_map(|(&number, e)| match *e {
            lopdf::xref::XrefEntry::Normal { offset, generation } => {
                Some(((number, generation), offset as usize))
            }
            _ => None,
        })
        .filter(|(id, _)| !doc.objects.contains_key(id))
        .collect();
    let mut n = 0;
    for (id, offset) in missing {
        if let Some(o) = pages_only::lenient_object(body, offset, id) {
            doc.objects.insert(id, o);
            n += 1;
        }
    }
    n
}

/// Most page-tree nodes followed (as lopdf's iterator, one kid per object
/// of the document): a tree that lists pages many times cannot multiply
/// the work.
///
/// The pages of `doc` in order, as lopdf's page iterator lists them; when
/// the page tree holds a cycle (a `/Kids` entry that leads back to a node
/// above it), lopdf's iterator goes round it until its budget is spent and
/// may list no page at all, so the tree is then walked again with each node
/// visited once, and a warning says so.
pub fn page_list(doc: &Document) -> (Vec<(u32, lopdf::ObjectId)>, Option<Warning>) {
    let lopdf_pages: Vec<(u32, lopdf::ObjectId)> = doc.get_pages().into_iter().collect();
    let Some(root) = doc
        .catalog()
        .ok()
        .and_then(|c| c.get(b"Pages").ok())
        .and_then(|o| o.as_reference().ok())
    else {
        return (lopdf_pages, None);
    };
    let mut budget = doc.objects.len();
    let mut seen = std::collections::HashSet::new();
    let mut cycle = false;
    let mut pages = Vec::new();
    // (node, its kids, next kid): a walk that visits each `Pages` node once.
    let kids_of = |id| {
        doc.get_dictionary(id)
            .and_then(|d| d.get_deref(b"Kids", doc))
            .and_then(Object::as_array)
            .map(|k| k.as_slice())
            .unwrap_or_default()
    };
    seen.insert(root);
    let mut stack: Vec<(&[Object], usize)> = vec![(kids_of(root), 0)];
    while let Some((kids, i)) = stack.pop() {
        let Some(kid) = kids.get(i) else { continue };
        stack.push((kids, i + 1));
        if budget == 0 {
            break;
        }
        budget -= 1;
        let Ok(id) = kid.as_reference() else { continue };
        match doc.get_dictionary(id).and_then(lopdf::Dictionary::get_type) {
            Ok(b"Page") | Err(_) => pages.push(id),
            Ok(b"Pages") if stack.len() < 256 => {
                if seen.insert(id) {
                    stack.push((kids_of(id), 0));
                } else {
                    cycle = true;
                }
            }
            _ => {}
        }
    }
    if !cycle {
        return (lopdf_pages, None);
    }
    let list: Vec<(u32, lopdf::ObjectId)> = pages
        .into_iter()
        .enumerate()
        .map(|(i, id)| (i as u32 + 1, id))
        .collect();
    let warning = Warning::new(
        "pdf_repaired",
        format!(
            "the page tree has a cycle (a /Kids entry leads back to a node above it): each node \
             was read once, {} page(s) found",
            list.len()
        ),
    );
    (list, Some(warning))
}

/// lopdf's load of every object, with its repairs of damaged files, its
/// decryption, and its errors mapped to ours.
fn full_load(body: &[u8], opts: &IngestOptions) -> Result<Document, IngestError> {
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
    match result {
        Ok(doc) => Ok(doc),
        Err(PdfError::InvalidPassword) if opts.password.is_some() && direct_encrypt(body) => {
            Err(IngestError::Decryption(
                "the /Encrypt dictionary is written inline in the trailer, which the PDF parser \
                 (lopdf 0.47) cannot decrypt; the password was not checked"
                    .into(),
            ))
        }
        Err(PdfError::InvalidPassword) => Err(if opts.password.is_some() {
            IngestError::WrongPassword
        } else {
            IngestError::PasswordRequired
        }),
        Err(PdfError::Decryption(DecryptionError::IncorrectPassword)) => {
            Err(IngestError::WrongPassword)
        }
        Err(PdfError::Decryption(e)) => Err(IngestError::Decryption(format!(
            "cannot decrypt ({e}); supported: RC4 40/128-bit, AES-128, AES-256 (R5, R6)"
        ))),
        Err(PdfError::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. })) => {
            Err(IngestError::Limit(format!(
                "a stream decompresses to more than {} bytes",
                opts.max_stream_bytes
            )))
        }
        Err(e) => Err(IngestError::Corrupt(format!("cannot parse the PDF ({e})"))),
    }
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

/// The first `needle` in `hay` at or after `from` (a PDF is scanned whole
/// for `stream`: memchr's vectorised search, not a compare per window).
fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    memchr::memmem::find(hay.get(from..)?, needle).map(|p| p + from)
}

fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::rfind(hay, needle)
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
    stream_data_with(doc, stream, limit, <[u8]>::to_vec)
}

/// [`stream_data`] lent to `use_data` instead of returned: a FlateDecode
/// stream is inflated into a buffer reused from stream to stream
/// (`Inflater`), and the caller copies only what it keeps (a CMap or a
/// font program is parsed in place, a page's streams are appended to its
/// content).
pub fn stream_data_with<R>(
    doc: &Document,
    stream: &lopdf::Stream,
    limit: usize,
    use_data: impl FnOnce(&[u8]) -> R,
) -> lopdf::Result<R> {
    if !has_indirect_filter(stream) {
        return decode_with(stream, limit, use_data);
    }
    decode_with(&resolve_filter(doc, stream), limit, use_data)
}

fn has_indirect_filter(stream: &lopdf::Stream) -> bool {
    let indirect = |k: &[u8]| matches!(stream.dict.get(k), Ok(Object::Reference(_)));
    indirect(b"Filter") || indirect(b"DecodeParms")
}

/// `stream` with its indirect `/Filter` and `/DecodeParms` resolved.
fn resolve_filter(doc: &Document, stream: &lopdf::Stream) -> lopdf::Stream {
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
    resolved
}

/// A copy of `stream` that [`detached_data_with`] decodes later, without
/// the document, as [`stream_data_with`] would now.
pub fn detached(doc: &Document, stream: &lopdf::Stream) -> lopdf::Stream {
    if has_indirect_filter(stream) {
        resolve_filter(doc, stream)
    } else {
        stream.clone()
    }
}

/// [`stream_data_with`] for a stream from [`detached`].
pub fn detached_data_with<R>(
    stream: &lopdf::Stream,
    limit: usize,
    use_data: impl FnOnce(&[u8]) -> R,
) -> lopdf::Result<R> {
    decode_with(stream, limit, use_data)
}

thread_local! {
    /// Set when a stream decoded by this thread was damaged (see
    /// [`take_damaged`]).
    static DAMAGED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Whether a stream decoded on this thread since the last call was
/// damaged: its Flate data is cut short or corrupt, and lopdf gave what it
/// could inflate before the damage without an error. The caller says what
/// was lost; the flag is cleared.
pub fn take_damaged() -> bool {
    DAMAGED.with(|d| d.replace(false))
}

/// lopdf's decoding of `stream` within `limit`, through [`Inflater`] when
/// it applies ([`is_plain_flate`]), lent to `use_data`.
fn decode_with<R>(
    stream: &lopdf::Stream,
    limit: usize,
    use_data: impl FnOnce(&[u8]) -> R,
) -> lopdf::Result<R> {
    let use_data = if is_plain_flate(stream) {
        let inflated = INFLATER.with(|cell| match cell.try_borrow_mut() {
            Ok(mut inflater) => inflater.inflate(&stream.content, limit, use_data),
            // Only if `use_data` itself decodes a stream: a fresh one then.
            Err(_) => Inflater::default().inflate(&stream.content, limit, use_data),
        });
        match inflated {
            Ok(r) => return Ok(r),
            Err(use_data) => {
                // Not a complete, valid zlib stream within the limit: what
                // lopdf returns without an error is then what it could
                // inflate before the damage (a stream over the limit is an
                // error there).
                let r = stream.get_plain_content_with_limit(limit);
                if r.is_ok() && !stream.content.is_empty() {
                    DAMAGED.with(|d| d.set(true));
                }
                return r.map(|d| use_data(&d));
            }
        }
    } else {
        use_data
    };
    stream
        .get_plain_content_with_limit(limit)
        .map(|d| use_data(&d))
}

/// The usual stream: `/Filter /FlateDecode` (or `[/FlateDecode]`) without
/// `/DecodeParms`, inflated by [`Inflater`] in one pass. lopdf goes through
/// flate2's `Read` adapter and `read_to_end`, which costs more than the
/// inflating itself. Only a complete, checksum-verified zlib stream within
/// `limit` is taken from there; anything else (corrupt or truncated data,
/// where lopdf keeps a partial output or retries as raw deflate, an empty
/// stream, an output over the limit) goes through lopdf, whose result and
/// error stay the reference.
fn is_plain_flate(stream: &lopdf::Stream) -> bool {
    if stream.dict.has(b"DecodeParms") {
        return false;
    }
    match stream.dict.get(b"Filter") {
        Ok(Object::Name(name)) => name == b"FlateDecode",
        Ok(Object::Array(filters)) => {
            matches!(filters.as_slice(), [Object::Name(name)] if name == b"FlateDecode")
        }
        _ => false,
    }
}

thread_local! {
    /// One inflater per thread, reused by every stream it decodes.
    static INFLATER: RefCell<Inflater> = RefCell::default();
}

/// Inflating state kept from stream to stream: libdeflate's decompressor
/// (allocated once per thread) and the output buffer. libdeflate inflates a
/// whole stream into a buffer in one call, about twice as fast as
/// miniz_oxide's streaming inflater on the corpus content streams, but it
/// needs the room for the whole output up front: the buffer is kept
/// between streams, so it is sized by the largest stream seen so far and
/// rarely has to grow.
struct Inflater {
    decompressor: Decompressor,
    /// Output buffer; its length is what was ever zeroed, kept between
    /// streams (up to [`KEPT_INFLATE_BUFFER`]).
    out: Vec<u8>,
}

impl Default for Inflater {
    fn default() -> Self {
        Inflater {
            decompressor: Decompressor::new(),
            out: Vec::new(),
        }
    }
}

/// Output buffer kept between streams at most: one huge stream must not
/// keep its megabytes for the rest of the batch.
const KEPT_INFLATE_BUFFER: usize = 8 << 20;

impl Inflater {
    /// Inflates the zlib stream `input` and lends the output to `use_data`;
    /// `use_data` back, unused, when the stream is not complete and valid
    /// (checksum included) within `limit`, as
    /// `decompress_to_vec_zlib_with_limit` would fail. When the output does
    /// not fit, the room is multiplied by four up to `limit` and the stream
    /// inflated again from the start: a content stream inflates to 5–10
    /// times its size, so the first room (eight times the input, or the
    /// buffer as it is) is nearly always enough.
    fn inflate<R, F: FnOnce(&[u8]) -> R>(
        &mut self,
        input: &[u8],
        limit: usize,
        use_data: F,
    ) -> Result<R, F> {
        let mut room = input
            .len()
            .saturating_mul(8)
            .max(self.out.len())
            .max(1024)
            .min(limit);
        let inflated = loop {
            if self.out.len() < room {
                self.out.resize(room, 0);
            }
            let Some(out) = self.out.get_mut(..room) else {
                break None;
            };
            match self.decompressor.zlib_decompress(input, out) {
                Ok(n) => break Some(n),
                Err(DecompressionError::InsufficientSpace) if room < limit => {
                    room = room.saturating_mul(4).min(limit);
                }
                Err(_) => break None,
            }
        };
        let result = match inflated.and_then(|n| self.out.get(..n)) {
            Some(data) => Ok(use_data(data)),
            None => Err(use_data),
        };
        if self.out.len() > KEPT_INFLATE_BUFFER {
            self.out = Vec::new();
        }
        result
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `find` gives what a scan of every window gives.
    #[test]
    fn find_is_the_window_scan() {
        let naive = |hay: &[u8], needle: &[u8], from: usize| {
            hay.get(from..)?
                .windows(needle.len())
                .position(|w| w == needle)
                .map(|p| p + from)
        };
        let hay = b"xxstreamendstream s st str stre strea stream\nsss ssssssss stream";
        for needle in [b"stream".as_slice(), b"s", b"endstream", b"zz", b"am"] {
            for from in 0..=hay.len() + 2 {
                for end in [hay.len(), hay.len() - 1, 7, 8, 9, 16, 17] {
                    let h = &hay[..end];
                    assert_eq!(
                        find(h, needle, from),
                        naive(h, needle, from),
                        "{needle:?} {from} {end}"
                    );
                }
            }
        }
        let bytes: Vec<u8> = (0..=255u8).cycle().take(3000).collect();
        for b in [0u8, 1, 0x7f, 0x80, 0x81, 0xfe, 0xff] {
            for from in [0, 1, 5, 250, 255, 256, 1000, 2999, 3000] {
                assert_eq!(find(&bytes, &[b], from), naive(&bytes, &[b], from));
                assert_eq!(
                    find(&bytes, &[b, b.wrapping_add(1)], from),
                    naive(&bytes, &[b, b.wrapping_add(1)], from)
                );
            }
        }
    }

    /// Old and new decoding of `stream` within `limit`: the same bytes, or
    /// the same error. Returns whether the one-call inflate took it.
    fn same_as_lopdf(stream: &lopdf::Stream, limit: usize) -> bool {
        let new = decode_with(stream, limit, <[u8]>::to_vec).map_err(|e| format!("{e:?}"));
        let old = stream
            .get_plain_content_with_limit(limit)
            .map_err(|e| format!("{e:?}"));
        assert_eq!(new, old, "limit {limit}, dict {:?}", stream.dict);
        is_plain_flate(stream)
            && Inflater::default()
                .inflate(&stream.content, limit, |_: &[u8]| ())
                .is_ok()
    }

    /// Every stream of the corpus and of tests/data/bad, as it is and
    /// truncated, corrupted (a byte of the deflate data, the Adler-32
    /// checksum, the zlib header) or decoded right at and below its size
    /// limit: stream_data gives what lopdf gives.
    #[test]
    fn flate_fast_path_same_as_lopdf() {
        let root = env!("CARGO_MANIFEST_DIR");
        let mut fast = 0;
        let mut variants = 0;
        for dir in ["corpus", "tests/data/bad"] {
            for e in std::fs::read_dir(format!("{root}/{dir}"))
                .into_iter()
                .flatten()
                .flatten()
            {
                let p = e.path();
                if p.extension().is_none_or(|x| x != "pdf") {
                    continue;
                }
                let Ok(doc) = Document::load(&p) else {
                    continue;
                };
                for obj in doc.objects.values() {
                    let Ok(stream) = obj.as_stream() else {
                        continue;
                    };
                    // With `/Filter 3 0 R` resolved, as stream_data does.
                    let mut stream = stream.clone();
                    for key in [b"Filter".as_slice(), b"DecodeParms".as_slice()] {
                        if let Ok(Object::Reference(id)) = stream.dict.get(key) {
                            if let Ok(v) = doc.get_object(*id) {
                                stream.dict.set(key.to_vec(), v.clone());
                            }
                        }
                    }
                    let stream = &stream;
                    if !stream.dict.has(b"Filter") {
                        continue;
                    }
                    if same_as_lopdf(stream, 1 << 26) {
                        fast += 1;
                    }
                    let Ok(plain) = stream.get_plain_content_with_limit(1 << 26) else {
                        continue;
                    };
                    for limit in [plain.len(), plain.len().saturating_sub(1), 0] {
                        same_as_lopdf(stream, limit);
                    }
                    let n = stream.content.len();
                    let mut cases: Vec<Vec<u8>> =
                        [0, 1, 2, 3, n / 2, n.saturating_sub(4), n.saturating_sub(1)]
                            .into_iter()
                            .filter(|&cut| cut < n)
                            .map(|cut| stream.content[..cut].to_vec())
                            .collect();
                    for at in [0, 1, n / 2, n.saturating_sub(1)] {
                        if at < n {
                            let mut bad = stream.content.clone();
                            bad[at] ^= 0x5a;
                            cases.push(bad);
                        }
                    }
                    let mut trailing = stream.content.clone();
                    trailing.extend_from_slice(b"\r\nendstream");
                    cases.push(trailing);
                    for content in cases {
                        let mut s = stream.clone();
                        s.content = content;
                        same_as_lopdf(&s, 1 << 26);
                        variants += 1;
                    }
                }
            }
        }
        eprintln!("{fast} streams inflated in one call, {variants} altered ones");
        assert!(fast > 100 && variants > 1000, "{fast} {variants}");
    }
}
