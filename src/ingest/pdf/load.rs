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

    // A well-formed file is read with only the objects its pages reach;
    // anything else, or a bug of that path, goes to lopdf's full load.
    let fast = catch_unwind(AssertUnwindSafe(|| {
        pages_only::load(body, opts.max_stream_bytes, opts.max_objects)
    }));
    let doc = match fast {
        Ok(Some(doc)) => doc,
        _ => full_load(body, opts)?,
    };

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
            Err(use_data) => use_data,
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
