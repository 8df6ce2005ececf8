//! Loading a well-formed PDF without parsing what the text does not need.
//!
//! lopdf parses every object of a file before it returns, and a tagged PDF
//! (LibreOffice, Chromium, Word) carries a structure tree of hundreds of
//! small dictionaries, more objects than its pages, fonts and content
//! streams together: on the corpus, three quarters of lopdf's parsing was
//! for objects no stage ever reads. This module reads the cross-reference
//! data as written and parses only the objects reachable from the page tree,
//! into a [`Document`] that the rest of the pipeline reads exactly as it reads
//! lopdf's.
//!
//! It only takes files it can read without any repair: encryption, a hybrid
//! or unreadable cross-reference section, an object that is not where the
//! table says, a reference to a missing object, a stream whose `/Length`
//! does not end at `endstream`, anything the parser does not expect, and
//! [`load`] returns `None`; the caller then loads the file with lopdf, whose
//! repairs, errors and warnings stay the only ones ptsm has. So this path
//! never has to get a damaged file right, only to recognise one. Where it
//! accepts a file, it builds the same objects lopdf does (same number
//! parsing, string escapes, name escapes, duplicate keys, `/Length` written
//! back into the stream dictionary): a test compares every object it loads
//! with lopdf's on every PDF at hand.

use std::collections::{BTreeMap, HashMap};

use lopdf::xref::{Xref, XrefEntry, XrefType};
use lopdf::{Dictionary, Document, Object, ObjectId, Stream, StringFormat};

/// Deepest nesting of arrays and dictionaries lopdf parses; deeper goes to lopdf.
const MAX_DEPTH: usize = 100;
/// Deepest nesting of parentheses in a literal string lopdf parses.
const MAX_PARENS: usize = 100;
/// Most cross-reference sections followed through `/Prev`.
const MAX_SECTIONS: usize = 64;

/// Keys whose values no stage reads and which lead to large subgraphs: the
/// catalog is only followed through `/Pages`, and these are never followed.
/// Everything else reachable from the page tree is loaded, so that resources,
/// annotations and their parents resolve as with a full load.
const NOT_FOLLOWED: [&[u8]; 5] = [b"Metadata", b"Thumb", b"PieceInfo", b"B", b"StructTreeRoot"];

/// The document with the page tree and everything it reaches, or `None` when
/// the file needs anything but a plain reading (see the module comment).
/// `body` starts at `%PDF-`; offsets in the file are relative to it, as
/// lopdf's are.
pub fn load(
    body: &[u8],
    max_stream_bytes: usize,
    max_objects: usize,
    ignore_encryption: bool,
) -> Option<Document> {
    let mut reader = Reader {
        buf: body,
        xref: Xref::new(0, XrefType::CrossReferenceTable),
        limit: max_stream_bytes,
        object_streams: HashMap::new(),
    };
    let start = startxref(body)?;
    let mut trailer = reader.read_xref(start)?;
    if trailer.has(b"Encrypt") {
        if !ignore_encryption {
            return None;
        }
        // Neither strings nor streams are encrypted (the caller checked):
        // the file reads as if it were not.
        trailer.remove(b"Encrypt");
    }
    let in_use = reader
        .xref
        .entries
        .values()
        .filter(|e| matches!(e, XrefEntry::Normal { .. } | XrefEntry::Compressed { .. }))
        .count();
    // lopdf counts the objects it loaded; over the limit, let it say how many.
    if in_use > max_objects {
        return None;
    }

    let root = trailer.get(b"Root").ok()?.as_reference().ok()?;
    let mut doc = Document::new();
    doc.version = version(body)?;
    let catalog = reader.object(root)?;
    let pages = catalog
        .as_dict()
        .ok()?
        .get(b"Pages")
        .ok()?
        .as_reference()
        .ok()?;
    doc.objects.insert(root, catalog);
    let mut todo = vec![pages];
    while let Some(id) = todo.pop() {
        if doc.objects.contains_key(&id) {
            continue;
        }
        let object = reader.object(id)?;
        references(&object, &mut todo);
        doc.objects.insert(id, object);
    }

    let max_id = reader.xref.max_id();
    doc.max_id = max_id.max(doc.objects.keys().next_back().map_or(0, |id| id.0));
    doc.reference_table = reader.xref;
    doc.trailer = trailer;
    Some(doc)
}

/// What can be read of a file's encryption without lopdf: its newest
/// trailer, where its newest cross-reference section starts, and its
/// `/Encrypt` dictionary with `/CF` and the crypt filters in it resolved when
/// they are indirect references.
pub struct Encryption {
    pub trailer: Dictionary,
    pub startxref: usize,
    /// The `/Encrypt` object, `None` when written inline in the trailer.
    pub id: Option<ObjectId>,
    pub dict: Dictionary,
    /// `/CF` or a crypt filter in it was an indirect reference (lopdf 0.47
    /// reads them only inline, and then decrypts nothing).
    pub indirect_filters: bool,
    /// The highest object number in use.
    pub max_id: u32,
}

/// [`Encryption`] of a file whose cross-reference data reads without
/// repair; `None` otherwise, or when it is not encrypted.
pub fn encryption(body: &[u8], max_stream_bytes: usize) -> Option<Encryption> {
    let mut reader = Reader {
        buf: body,
        xref: Xref::new(0, XrefType::CrossReferenceTable),
        limit: max_stream_bytes,
        object_streams: HashMap::new(),
    };
    let start = startxref(body)?;
    let trailer = reader.read_xref(start)?;
    let (id, mut dict) = match trailer.get(b"Encrypt").ok()? {
        Object::Reference(id) => (Some(*id), reader.object(*id)?.as_dict().ok()?.clone()),
        Object::Dictionary(d) => (None, d.clone()),
        _ => return None,
    };
    let mut indirect_filters = false;
    let mut resolve = |reader: &mut Reader, o: &mut Object| {
        if let Object::Reference(r) = *o {
            if let Some(v) = reader.object(r) {
                *o = v;
                indirect_filters = true;
            }
        }
    };
    if let Ok(cf) = dict.get_mut(b"CF") {
        resolve(&mut reader, cf);
        if let Object::Dictionary(filters) = cf {
            for (_, f) in filters.iter_mut() {
                resolve(&mut reader, f);
            }
        }
    }
    let max_id = reader.xref.max_id();
    Some(Encryption {
        trailer,
        startxref: start,
        id,
        dict,
        indirect_filters,
        max_id,
    })
}

/// The references held by `object`, except under [`NOT_FOLLOWED`] keys.
fn references(object: &Object, out: &mut Vec<ObjectId>) {
    match object {
        Object::Reference(id) => out.push(*id),
        Object::Array(items) => items.iter().for_each(|o| references(o, out)),
        Object::Dictionary(dict) => dict_references(dict, out),
        Object::Stream(stream) => dict_references(&stream.dict, out),
        _ => {}
    }
}

fn dict_references(dict: &Dictionary, out: &mut Vec<ObjectId>) {
    for (key, value) in dict.iter() {
        if !NOT_FOLLOWED.contains(&key.as_slice()) {
            references(value, out);
        }
    }
}

/// The version from the `%PDF-x.y` header, as lopdf keeps it.
fn version(body: &[u8]) -> Option<String> {
    let rest = body.strip_prefix(b"%PDF-")?;
    let end = rest
        .iter()
        .position(|c| !(c.is_ascii_digit() || *c == b'.'))?;
    let after = rest.get(end).copied();
    // Anything but the end of the line after the digits (some producers put
    // binary bytes there) is for lopdf's lenient header reading.
    if !matches!(after, Some(b'\r' | b'\n')) || end == 0 {
        return None;
    }
    String::from_utf8(rest[..end].to_vec()).ok()
}

/// The offset written after `startxref`, found as lopdf finds it (the last
/// `%%EOF` within the file's last kilobyte, white space after it ignored,
/// `startxref` within the 25 bytes before it) but read strictly: `startxref`,
/// a line end, the number between spaces, a line end, `%%EOF`.
fn startxref(buf: &[u8]) -> Option<usize> {
    let end = buf.iter().rposition(|c| !is_white(*c)).map_or(0, |p| p + 1);
    let window = end.saturating_sub(1024);
    let eof = window + memchr::memmem::rfind(&buf[window..end], b"%%EOF")?;
    if eof <= 25 {
        return None;
    }
    let at = eof - 25 + memchr::memmem::rfind(&buf[eof - 25..eof], b"startxref")?;
    let mut p = Parser::at(buf, at + b"startxref".len());
    p.single_space();
    p.eol()?;
    p.inline_spaces();
    let offset = p.unsigned()?;
    p.inline_spaces();
    p.eol()?;
    (p.pos == eof).then_some(usize::try_from(offset).ok()?)
}

struct Reader<'a> {
    buf: &'a [u8],
    xref: Xref,
    limit: usize,
    /// Decoded object streams by object number.
    object_streams: HashMap<u32, Members>,
}

/// A decoded object stream and where its members start in it.
struct Members {
    content: Vec<u8>,
    /// (object number, offset in `content`), by number.
    starts: Vec<(u32, usize)>,
}

impl Reader<'_> {
    /// Reads the cross-reference section at `start` and those before it
    /// (`/Prev`), newest entries first, and returns the newest trailer.
    fn read_xref(&mut self, start: usize) -> Option<Dictionary> {
        let mut trailer = None;
        let mut next = Some(start);
        let mut seen = Vec::new();
        while let Some(at) = next {
            if seen.contains(&at) {
                break;
            }
            if seen.len() == MAX_SECTIONS {
                return None;
            }
            seen.push(at);
            let (entries, mut section_trailer) = self.xref_section(at)?;
            // A hybrid-reference file's `/XRefStm` has rules of its own (free
            // entries that hide compressed ones): lopdf's business.
            if section_trailer.has(b"XRefStm") {
                return None;
            }
            // Within a section the last entry of a number wins, as in lopdf;
            // across sections the newest.
            let section: BTreeMap<u32, XrefEntry> = entries.into_iter().collect();
            if self.xref.entries.is_empty() {
                // The newest section (most files have no other): taken
                // whole, not inserted again entry by entry.
                self.xref.entries = section;
            } else {
                for (id, entry) in section {
                    self.xref.entries.entry(id).or_insert(entry);
                }
            }
            next = match section_trailer.remove(b"Prev") {
                Some(prev) => Some(usize::try_from(prev.as_i64().ok()?).ok()?),
                None => None,
            };
            if trailer.is_none() {
                trailer = Some(section_trailer);
            }
        }
        let trailer = trailer?;
        self.xref.size = self.xref.max_id().checked_add(1)?;
        // lopdf keys the objects it loads by the number written at their
        // offset, not by the table's: one that differs can replace another
        // object of its number, which only a full load reproduces. (Where no
        // object starts, lopdf loads nothing: a reference to it fails below.)
        for (&number, entry) in &self.xref.entries {
            if let XrefEntry::Normal { offset, generation } = *entry {
                let header = Parser::at(self.buf, offset as usize).object_header();
                if header.is_some_and(|id| id != (number, generation)) {
                    return None;
                }
            }
        }
        Some(trailer)
    }

    /// One section: a table and its trailer, or a cross-reference stream.
    fn xref_section(&self, at: usize) -> Option<(Vec<(u32, XrefEntry)>, Dictionary)> {
        let mut p = Parser::at(self.buf, at);
        if p.keyword(b"xref") {
            return table(&mut p);
        }
        let (_, object) = p.indirect_object(|_| None)?;
        let Object::Stream(stream) = object else {
            return None;
        };
        if stream.dict.get(b"Type").and_then(Object::as_name).ok()? != b"XRef" {
            return None;
        }
        let entries = xref_stream(&stream, self.limit)?;
        // What lopdf keeps of the stream's dictionary as the trailer.
        let mut trailer = stream.dict;
        for key in [&b"Length"[..], b"W", b"Index", b"Filter", b"DecodeParms"] {
            trailer.remove(key);
        }
        Some((entries, trailer))
    }

    /// The object `id`, from where the cross-reference table says it is.
    fn object(&mut self, id: ObjectId) -> Option<Object> {
        match *self.xref.entries.get(&id.0)? {
            XrefEntry::Normal { .. } => {
                let (buf, xref) = (self.buf, &self.xref);
                uncompressed(buf, xref, id, |length| direct_length(buf, xref, length))
            }
            XrefEntry::Compressed { container, .. } if id.1 == 0 => {
                self.compressed(container, id.0)
            }
            _ => None,
        }
    }

    /// Object `number` of object stream `container`.
    fn compressed(&mut self, container: u32, number: u32) -> Option<Object> {
        if !self.object_streams.contains_key(&container) {
            let decoded = self.object_stream(container)?;
            self.object_streams.insert(container, decoded);
        }
        let members = self.object_streams.get(&container)?;
        let at = members.starts.binary_search_by_key(&number, |m| m.0).ok()?;
        let offset = members.starts[at].1;
        let mut p = Parser::at(&members.content, offset);
        p.space();
        if p.rest().is_empty() {
            return None;
        }
        p.direct_object(MAX_DEPTH)
    }

    fn object_stream(&mut self, container: u32) -> Option<Members> {
        // lopdf only reads object streams that are plain objects of that type.
        if !matches!(
            self.xref.entries.get(&container),
            Some(XrefEntry::Normal { .. })
        ) {
            return None;
        }
        let Object::Stream(stream) = self.object((container, 0))? else {
            return None;
        };
        if !stream.dict.has_type(b"ObjStm") {
            return None;
        }
        let content = stream.get_plain_content_with_limit(self.limit).ok()?;
        let first = usize::try_from(stream.dict.get(b"First").ok()?.as_i64().ok()?).ok()?;
        let header = std::str::from_utf8(content.get(..first)?).ok()?;
        if header.contains('%') {
            return None;
        }
        let numbers: Vec<u32> = header
            .split_ascii_whitespace()
            .map(|n| n.parse().ok())
            .collect::<Option<_>>()?;
        if numbers.len() % 2 != 0 {
            return None;
        }
        let mut starts: Vec<(u32, usize)> = numbers
            .chunks_exact(2)
            .map(|pair| Some((pair[0], first.checked_add(pair[1] as usize)?)))
            .filter(|m| m.is_none_or(|(_, offset)| offset < content.len()))
            .collect::<Option<_>>()?;
        // Sorted by number for look-ups; of two members with one number,
        // lopdf keeps the last, which the stable sort of the reversed list
        // puts first and `dedup` keeps.
        starts.reverse();
        starts.sort_by_key(|m| m.0);
        starts.dedup_by_key(|m| m.0);
        Some(Members { content, starts })
    }
}

/// The uncompressed object `id`, parsed where the table says it is;
/// `length` resolves an indirect `/Length`.
fn uncompressed(
    buf: &[u8],
    xref: &Xref,
    id: ObjectId,
    length: impl Fn(ObjectId) -> Option<i64>,
) -> Option<Object> {
    let XrefEntry::Normal { offset, generation } = *xref.entries.get(&id.0)? else {
        return None;
    };
    if generation != id.1 {
        return None;
    }
    let (found, object) = Parser::at(buf, offset as usize).indirect_object(length)?;
    (found == id).then_some(object)
}

/// The value of a `/Length` that is an indirect reference: an integer written
/// directly in an uncompressed object.
fn direct_length(buf: &[u8], xref: &Xref, id: ObjectId) -> Option<i64> {
    match uncompressed(buf, xref, id, |_| None)? {
        Object::Integer(n) => Some(n),
        _ => None,
    }
}

/// A cross-reference table after its `xref` keyword, and its trailer, in
/// the layout lopdf reads (entries of 19 or 20 bytes, single spaces).
fn table(p: &mut Parser) -> Option<(Vec<(u32, XrefEntry)>, Dictionary)> {
    p.single_space();
    p.eol()?;
    let mut entries = Vec::new();
    // Sections follow each other with nothing between them, white space
    // only before `trailer`.
    while p.peek().is_some_and(|c| c.is_ascii_digit()) {
        let first = p.unsigned()?;
        p.expect(b' ')?;
        let count = p.unsigned()?;
        p.single_space();
        p.eol()?;
        // Room for the entries at once (a table of thousands grew a dozen
        // times), no more than the bytes left can hold: the count is the
        // file's word (an entry takes 19 or 20 bytes).
        let room = usize::try_from(count).unwrap_or(usize::MAX);
        entries.reserve(room.min(p.rest().len() / 19));
        for index in 0..count {
            let offset = u32::try_from(p.unsigned()?).ok()?;
            p.expect(b' ')?;
            let generation = p.unsigned()?;
            p.expect(b' ')?;
            let entry = match p.byte()? {
                b'n' => XrefEntry::Normal {
                    offset,
                    generation: u16::try_from(generation).ok()?,
                },
                b'f' => XrefEntry::Free,
                _ => return None,
            };
            p.single_space();
            p.eol()?;
            entries.push((u32::try_from(first.checked_add(index)?).ok()?, entry));
        }
        // lopdf reads entries as long as they come: more than the count
        // would be read by it and not by us.
        if p.peek().is_some_and(|c| c.is_ascii_digit()) && p.looks_like_entry() {
            return None;
        }
    }
    if entries.is_empty() {
        return None;
    }
    p.space();
    if !p.keyword(b"trailer") {
        return None;
    }
    p.space();
    if !p.rest().starts_with(b"<<") {
        return None;
    }
    let trailer = p.dictionary(MAX_DEPTH)?;
    // lopdf refuses a section whose trailer has no integer `/Size`.
    trailer.get(b"Size").ok()?.as_i64().ok()?;
    Some((entries, trailer))
}

/// The entries of a cross-reference stream (ISO 32000-1 §7.5.8).
fn xref_stream(stream: &Stream, limit: usize) -> Option<Vec<(u32, XrefEntry)>> {
    let content = stream.get_plain_content_with_limit(limit).ok()?;
    let ints = |key: &[u8]| -> Option<Vec<i64>> {
        stream
            .dict
            .get(key)
            .ok()?
            .as_array()
            .ok()?
            .iter()
            .map(|o| o.as_i64().ok())
            .collect()
    };
    let size = stream.dict.get(b"Size").ok()?.as_i64().ok()?;
    let index = match stream.dict.get(b"Index") {
        Ok(_) => ints(b"Index")?,
        Err(_) => vec![0, size],
    };
    let widths = ints(b"W")?;
    let [w0, w1, w2] = <[i64; 3]>::try_from(widths).ok()?;
    if [w0, w1, w2].iter().any(|w| !(0..=8).contains(w)) || index.len() % 2 != 0 {
        return None;
    }
    let (w0, w1, w2) = (w0 as usize, w1 as usize, w2 as usize);
    let width = w0 + w1 + w2;
    if width == 0 {
        return None;
    }
    let mut rows = content.chunks_exact(width);
    // One entry per row the index covers: room for them at once, no more
    // than the rows there are (the loop below reads that many at most).
    let listed = index
        .chunks_exact(2)
        .map(|pair| usize::try_from(pair[1]).unwrap_or(0))
        .fold(0usize, usize::saturating_add);
    let mut entries = Vec::with_capacity(listed.min(rows.len()));
    for pair in index.chunks_exact(2) {
        let (first, count) = (u32::try_from(pair[0]).ok()?, u32::try_from(pair[1]).ok()?);
        for i in 0..count {
            let row = rows.next()?;
            let field = |from: usize, len: usize| {
                row[from..from + len]
                    .iter()
                    .fold(0u64, |v, b| (v << 8) | u64::from(*b))
            };
            let kind = if w0 == 0 { 1 } else { field(0, w0) };
            let (a, b) = (field(w0, w1), field(w0 + w1, w2));
            let entry = match kind {
                0 => XrefEntry::Free,
                1 => XrefEntry::Normal {
                    offset: u32::try_from(a).ok()?,
                    generation: u16::try_from(b).ok()?,
                },
                2 => XrefEntry::Compressed {
                    container: u32::try_from(a).ok()?,
                    index: u16::try_from(b).ok()?,
                },
                _ => return None,
            };
            entries.push((first.checked_add(i)?, entry));
        }
    }
    Some(entries)
}

/// The value of a run of ASCII digits; `None` when empty or over `u64`.
fn decimal(digits: &[u8]) -> Option<u64> {
    if digits.is_empty() {
        return None;
    }
    digits.iter().try_fold(0u64, |v, d| {
        v.checked_mul(10)?.checked_add(u64::from(d - b'0'))
    })
}

fn is_white(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\0' | b'\x0C')
}

fn is_delimiter(c: u8) -> bool {
    matches!(
        c,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

/// A cursor over PDF object syntax, as lopdf's parser reads it.
struct Parser<'a> {
    buf: &'a [u8],
    pos: usize,
    /// Reads through a dictionary entry whose key is not a name (see
    /// [`lenient_object`]); lopdf refuses the whole object.
    lenient: bool,
}

/// The object `id` at `offset` of `body`, read as pdftotext reads a
/// dictionary with an entry whose key is not a name (`/BaseFont /Arial,
/// Unicode MS`, a name cut by a space): that token is skipped and the next
/// ones read on. For objects lopdf could not read; `None` if this cannot
/// either.
pub fn lenient_object(body: &[u8], offset: usize, id: ObjectId) -> Option<Object> {
    // An object that reads strictly was left out by lopdf on purpose (the
    // encryption dictionary, a cross-reference stream): not this case.
    if Parser::at(body, offset).indirect_object(|_| None).is_some() {
        return None;
    }
    let mut p = Parser::at(body, offset);
    p.lenient = true;
    let (found, object) = p.indirect_object(|_| None)?;
    (found == id).then_some(object)
}

impl<'a> Parser<'a> {
    fn at(buf: &'a [u8], pos: usize) -> Self {
        Parser {
            buf,
            pos: pos.min(buf.len()),
            lenient: false,
        }
    }

    fn rest(&self) -> &'a [u8] {
        &self.buf[self.pos..]
    }

    fn peek(&self) -> Option<u8> {
        self.buf.get(self.pos).copied()
    }

    fn byte(&mut self) -> Option<u8> {
        let c = self.peek()?;
        self.pos += 1;
        Some(c)
    }

    /// White space and comments.
    fn space(&mut self) {
        loop {
            while self.peek().is_some_and(is_white) {
                self.pos += 1;
            }
            if self.peek() != Some(b'%') {
                return;
            }
            // lopdf takes a comment only when a line end closes it.
            let rest = self.rest();
            match rest.iter().position(|c| matches!(c, b'\r' | b'\n')) {
                Some(end) => self.pos += end,
                None => return,
            }
        }
    }

    /// A line end: CR LF, LF or CR.
    fn eol(&mut self) -> Option<()> {
        match self.rest() {
            [b'\r', b'\n', ..] => self.pos += 2,
            [b'\r' | b'\n', ..] => self.pos += 1,
            _ => return None,
        }
        Some(())
    }

    /// One space if there is one.
    fn single_space(&mut self) {
        if self.peek() == Some(b' ') {
            self.pos += 1;
        }
    }

    fn expect(&mut self, c: u8) -> Option<()> {
        (self.byte()? == c).then_some(())
    }

    /// True when a table entry (`nnnnnnnnnn ggggg n`) starts here.
    fn looks_like_entry(&self) -> bool {
        let rest = self.rest();
        rest.len() >= 18 && rest[10] == b' ' && rest[16] == b' ' && matches!(rest[17], b'n' | b'f')
    }

    /// Spaces (not tabs), as lopdf allows around the `startxref` number.
    fn inline_spaces(&mut self) {
        while self.peek() == Some(b' ') {
            self.pos += 1;
        }
    }

    /// Spaces and tabs, within a line.
    fn inline_space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t')) {
            self.pos += 1;
        }
    }

    /// `word` if it comes next and ends there (a delimiter, white space or
    /// the end follows).
    fn keyword(&mut self, word: &[u8]) -> bool {
        let rest = self.rest();
        if rest.starts_with(word)
            && rest
                .get(word.len())
                .is_none_or(|c| is_white(*c) || is_delimiter(*c))
        {
            self.pos += word.len();
            true
        } else {
            false
        }
    }

    fn digits(&mut self) -> &'a [u8] {
        let start = self.pos;
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.pos += 1;
        }
        &self.buf[start..self.pos]
    }

    fn unsigned(&mut self) -> Option<u64> {
        decimal(self.digits())
    }

    /// True when the token just read ends here, as the next token must start.
    fn at_token_end(&self) -> bool {
        self.peek().is_none_or(|c| is_white(c) || is_delimiter(c))
    }

    /// `N G obj` and the white space after it.
    fn object_header(&mut self) -> Option<ObjectId> {
        self.space();
        let number = u32::try_from(self.unsigned()?).ok()?;
        self.space();
        let generation = u16::try_from(self.unsigned()?).ok()?;
        self.space();
        if !self.keyword(b"obj") {
            return None;
        }
        self.space();
        Some((number, generation))
    }

    /// `N G obj <object> [endobj]`; `length` resolves an indirect `/Length`.
    fn indirect_object(
        &mut self,
        length: impl Fn(ObjectId) -> Option<i64>,
    ) -> Option<(ObjectId, Object)> {
        let id = self.object_header()?;
        if !self.rest().starts_with(b"<<") {
            return Some((id, self.direct_object(MAX_DEPTH)?));
        }
        let dict = self.dictionary(MAX_DEPTH)?;
        let after_dict = self.pos;
        self.space();
        if !self.rest().starts_with(b"stream") {
            self.pos = after_dict;
            return Some((id, Object::Dictionary(dict)));
        }
        self.pos += b"stream".len();
        self.inline_space();
        // `stream` not followed by a line end: not a stream keyword to lopdf,
        // a syntax error after the dictionary to us.
        self.eol()?;
        let len = match dict.get(b"Length").ok()? {
            Object::Integer(n) => *n,
            Object::Reference(r) => length(*r)?,
            _ => return None,
        };
        let len = usize::try_from(len).ok()?;
        let end = self.pos.checked_add(len)?;
        let data = self.buf.get(self.pos..end)?;
        let mut after = &self.buf[end..];
        for eol in [&b"\r\n"[..], b"\n", b"\r"] {
            if let Some(rest) = after.strip_prefix(eol) {
                after = rest;
                break;
            }
        }
        if !after.starts_with(b"endstream") {
            return None;
        }
        self.pos = self.buf.len() - after.len() + b"endstream".len();
        Some((id, Object::Stream(Stream::new(dict, data.to_vec()))))
    }

    /// A direct object and the white space after it.
    fn direct_object(&mut self, depth: usize) -> Option<Object> {
        let depth = depth.checked_sub(1)?;
        let object = match self.peek()? {
            b'n' if self.keyword(b"null") => Object::Null,
            b't' if self.keyword(b"true") => Object::Boolean(true),
            b'f' if self.keyword(b"false") => Object::Boolean(false),
            b'0'..=b'9' => self.number_or_reference()?,
            b'+' | b'-' | b'.' => self.number()?,
            b'/' => Object::Name(self.name()?),
            b'(' => Object::String(self.literal_string()?, StringFormat::Literal),
            b'<' if self.rest().starts_with(b"<<") => Object::Dictionary(self.dictionary(depth)?),
            b'<' => self.hex_string()?,
            b'[' => {
                self.pos += 1;
                self.space();
                let mut items = Vec::new();
                while self.peek()? != b']' {
                    items.push(self.direct_object(depth)?);
                }
                self.pos += 1;
                Object::Array(items)
            }
            _ => return None,
        };
        self.space();
        Some(object)
    }

    fn dictionary(&mut self, depth: usize) -> Option<Dictionary> {
        self.pos += 2; // `<<`
        self.space();
        let mut dict = Dictionary::new();
        loop {
            match self.peek()? {
                b'>' if self.rest().starts_with(b">>") => {
                    self.pos += 2;
                    return Some(dict);
                }
                b'/' => {
                    let key = self.name()?;
                    self.space();
                    let value = self.direct_object(depth)?;
                    dict.set(key, value);
                }
                c if self.lenient && c.is_ascii_alphanumeric() => {
                    // A bare word where a key should be: skipped.
                    while self
                        .peek()
                        .is_some_and(|c| !is_white(c) && !is_delimiter(c))
                    {
                        self.pos += 1;
                    }
                    self.space();
                }
                _ if self.lenient => {
                    self.direct_object(depth)?;
                }
                _ => return None,
            }
        }
    }

    /// `N G R`, or a number.
    fn number_or_reference(&mut self) -> Option<Object> {
        let start = self.pos;
        let first = self.unsigned();
        if let Some(number) = first.and_then(|n| u32::try_from(n).ok()) {
            self.space();
            if let Some(generation) = self.unsigned().and_then(|g| u16::try_from(g).ok()) {
                self.space();
                if self.peek() == Some(b'R') {
                    self.pos += 1;
                    if self.at_token_end() {
                        return Some(Object::Reference((number, generation)));
                    }
                    return None;
                }
            }
        }
        self.pos = start;
        self.number()
    }

    /// An integer or a real, as lopdf reads them (a real through
    /// `f32::from_str` of its text).
    fn number(&mut self) -> Option<Object> {
        let start = self.pos;
        if matches!(self.peek(), Some(b'+' | b'-')) {
            self.pos += 1;
        }
        let int_digits = self.digits();
        let object = if self.peek() == Some(b'.') {
            self.pos += 1;
            let frac_digits = self.digits().len();
            if int_digits.is_empty() && frac_digits == 0 {
                return None;
            }
            let text = std::str::from_utf8(&self.buf[start..self.pos]).ok()?;
            Object::Real(text.parse().ok()?)
        } else {
            let magnitude = decimal(int_digits)?;
            let value = if self.buf[start] == b'-' {
                0i64.checked_sub_unsigned(magnitude)?
            } else {
                i64::try_from(magnitude).ok()?
            };
            Object::Integer(value)
        };
        // `1.5.2`, `0.00-41` and the like are lopdf's to read.
        self.at_token_end().then_some(object)
    }

    fn name(&mut self) -> Option<Vec<u8>> {
        self.pos += 1; // `/`
                       // Nearly every name is written without `#` escapes: copied in one
                       // allocation of its size (pushing byte by byte grew it twice or
                       // three times, for each of the many names of a file's objects).
        let rest = self.rest();
        let len = rest
            .iter()
            .position(|&c| is_white(c) || is_delimiter(c) || c == b'#')
            .unwrap_or(rest.len());
        if rest.get(len) != Some(&b'#') {
            self.pos += len;
            return Some(rest[..len].to_vec());
        }
        let mut name = Vec::new();
        while let Some(c) = self.peek() {
            if is_white(c) || is_delimiter(c) {
                break;
            }
            if c == b'#' {
                let hex = self.buf.get(self.pos + 1..self.pos + 3)?;
                let high = (hex[0] as char).to_digit(16)?;
                let low = (hex[1] as char).to_digit(16)?;
                name.push((high * 16 + low) as u8);
                self.pos += 3;
            } else {
                name.push(c);
                self.pos += 1;
            }
        }
        Some(name)
    }

    fn literal_string(&mut self) -> Option<Vec<u8>> {
        self.pos += 1; // `(`
        let mut out = Vec::new();
        let mut open = 0usize;
        loop {
            match self.byte()? {
                b'(' => {
                    open += 1;
                    if open > MAX_PARENS {
                        return None;
                    }
                    out.push(b'(');
                }
                b')' if open == 0 => return Some(out),
                b')' => {
                    open -= 1;
                    out.push(b')');
                }
                b'\r' => {
                    if self.peek() == Some(b'\n') {
                        self.pos += 1;
                    }
                    out.push(b'\n');
                }
                b'\\' => match self.byte()? {
                    c @ b'0'..=b'7' => {
                        let mut value = u16::from(c - b'0');
                        for _ in 0..2 {
                            match self.peek() {
                                Some(d @ b'0'..=b'7') => {
                                    value = value * 8 + u16::from(d - b'0');
                                    self.pos += 1;
                                }
                                _ => break,
                            }
                        }
                        out.push(value as u8);
                    }
                    b'\r' => {
                        if self.peek() == Some(b'\n') {
                            self.pos += 1;
                        }
                    }
                    b'\n' => {}
                    b'n' => out.push(b'\n'),
                    b'r' => out.push(b'\r'),
                    b't' => out.push(b'\t'),
                    b'b' => out.push(b'\x08'),
                    b'f' => out.push(b'\x0C'),
                    c => out.push(c),
                },
                c => out.push(c),
            }
        }
    }

    fn hex_string(&mut self) -> Option<Object> {
        self.pos += 1; // `<`
        let mut out = Vec::new();
        let mut high = None;
        loop {
            let c = self.byte()?;
            if is_white(c) {
                continue;
            }
            if c == b'>' {
                break;
            }
            let digit = (c as char).to_digit(16)? as u8;
            match high.take() {
                None => {
                    out.push(digit << 4);
                    high = Some(());
                }
                Some(()) => *out.last_mut()? |= digit,
            }
        }
        Some(Object::String(out, StringFormat::Hexadecimal))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::xorshift;
    use lopdf::LoadOptions;

    const BIG: usize = 1 << 30;

    /// lopdf's full, lenient load, as `load::full_load` makes it.
    fn lopdf_load(body: &[u8]) -> Option<Document> {
        let options = LoadOptions {
            max_decompressed_size: Some(BIG),
            ..LoadOptions::default()
        };
        std::panic::catch_unwind(|| Document::load_mem_with_options(body, options).ok()).ok()?
    }

    /// When the fast path takes `body`, lopdf reads it without repair and
    /// every object the fast path loaded is lopdf's object of that number.
    /// Returns whether the fast path took it.
    fn check(body: &[u8], what: &str) -> bool {
        let Ok(Some(fast)) = std::panic::catch_unwind(|| load(body, BIG, BIG, false)) else {
            return false;
        };
        let full = lopdf_load(body).unwrap_or_else(|| panic!("{what}: taken, lopdf fails"));
        assert_eq!(full.xref_recovery, None, "{what}: taken, lopdf repairs");
        assert_eq!(
            fast.trailer.get(b"Root").ok(),
            full.trailer.get(b"Root").ok(),
            "{what}"
        );
        for (id, object) in &fast.objects {
            assert_eq!(Some(object), full.objects.get(id), "{what}: object {id:?}");
        }
        assert_eq!(fast.get_pages(), full.get_pages(), "{what}");
        true
    }

    fn pdfs() -> Vec<std::path::PathBuf> {
        let root = env!("CARGO_MANIFEST_DIR");
        let shared = format!("{root}/../shared/pdf-corpus");
        let dirs = [
            format!("{root}/corpus"),
            format!("{root}/tests/data/bad"),
            format!("{shared}/pdf"),
            format!("{shared}/real"),
            format!("{shared}/bad"),
        ];
        let mut files: Vec<_> = dirs
            .iter()
            .flat_map(|d| std::fs::read_dir(d).into_iter().flatten().flatten())
            .map(|e| e.path())
            .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "pdf"))
            .collect();
        files.sort();
        files
    }

    fn body(bytes: &[u8]) -> &[u8] {
        let start = memchr::memmem::find(bytes, b"%PDF-").unwrap_or(0);
        &bytes[start..]
    }

    /// Every PDF at hand (corpus, the project's bad files and, when present,
    /// ../shared's renderings, real-world and hostile files): the objects the
    /// fast path loads are lopdf's, and it takes every corpus file.
    #[test]
    fn same_objects_as_lopdf_on_every_pdf() {
        let (mut taken, mut total) = (0, 0);
        for path in pdfs() {
            let bytes = std::fs::read(&path).unwrap();
            let what = path.display().to_string();
            let took = check(body(&bytes), &what);
            if what.contains("/corpus/") {
                assert!(took, "{what}: a corpus file goes to the full load");
            }
            if !took {
                eprintln!("full load: {what}");
            }
            taken += usize::from(took);
            total += 1;
        }
        eprintln!("fast path took {taken} of {total} PDFs");
        assert!(taken >= 19, "{taken}");
    }

    /// Damaged copies of the corpus files (bytes changed, removed or added
    /// anywhere, the end cut): whatever the fast path takes, lopdf reads the
    /// same way without repair.
    #[test]
    fn damaged_files_are_taken_only_when_lopdf_reads_them_the_same() {
        let mut next = xorshift(0x5eed_f00d);
        let (mut taken, mut total) = (0, 0);
        for path in pdfs()
            .iter()
            .filter(|p| p.to_string_lossy().contains("/corpus/"))
        {
            let bytes = std::fs::read(path).unwrap();
            for round in 0..400 {
                let mut damaged = bytes.clone();
                // Near the end half the time: that is where the cross-reference data is.
                let n = damaged.len();
                let at = if round % 2 == 0 {
                    n - 1 - (next() as usize % n.min(600))
                } else {
                    next() as usize % n
                };
                let how = match next() % 4 {
                    0 => {
                        damaged[at] = b"0123456789 /<>[]()nRf\n"[next() as usize % 22];
                        "changed"
                    }
                    1 => {
                        damaged.remove(at);
                        "removed"
                    }
                    2 => {
                        damaged.insert(at, b" 0\n"[next() as usize % 3]);
                        "inserted"
                    }
                    _ => {
                        damaged.truncate(at.max(1));
                        "cut"
                    }
                };
                let context =
                    String::from_utf8_lossy(&bytes[at.saturating_sub(30)..(at + 30).min(n)]);
                let what = format!(
                    "{} round {round}: {how} at {at} of {n} in {context:?}",
                    path.display()
                );
                taken += usize::from(check(body(&damaged), &what));
                total += 1;
            }
        }
        eprintln!("fast path took {taken} of {total} damaged files");
        assert!(taken > 0 && taken < total, "{taken} of {total}");
    }

    /// A file with a classic table from object bodies (1-based numbers).
    fn pdf(objects: &[&str]) -> Vec<u8> {
        let mut out = b"%PDF-1.4\n".to_vec();
        let mut offsets = Vec::new();
        for (i, body) in objects.iter().enumerate() {
            offsets.push(out.len());
            out.extend_from_slice(format!("{} 0 obj\n{body}\nendobj\n", i + 1).as_bytes());
        }
        let xref = out.len();
        out.extend_from_slice(
            format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
        );
        for o in offsets {
            out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
        }
        out.extend_from_slice(
            format!(
                "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
                objects.len() + 1
            )
            .as_bytes(),
        );
        out
    }

    /// The syntax lopdf reads in its own way (escapes, odd hex digits, name
    /// escapes, signs and bare points in numbers, comments inside a
    /// reference, duplicate keys, an indirect `/Length`) gives lopdf's objects.
    #[test]
    fn tricky_syntax_reads_as_lopdf_reads_it() {
        let file = pdf(&[
            "<< /Type /Catalog /Pages 2 0 R /StructTreeRoot 6 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612. -.5] /Contents 4 0 R \
             /Resources << /X (a\\(b\\)c \\101\\0612\\\r\nd\re\r\nf (nested (twice)) \\q \\t) \
             /H <41 4 2 4> /N /A#20B#2fc /R [+3 -0 1.5 +.25 -7.] /K 1 % comment\n 0 % again\n R \
             /D 1 /D 2 /T true /F false /Z null /E [] /G <<>> >> >>",
            "<< /Length 5 0 R >>\nstream\nBT ET\nendstream",
            "5",
            "<< /Type /StructTreeRoot /K [7 0 R] >>",
            "<< /S /P >>",
        ]);
        assert!(check(&file, "tricky"));
        let doc = load(&file, BIG, BIG, false).unwrap();
        // The structure tree is not read; the pages and what they reach are.
        // (5, an indirect `/Length`, is written into the stream's dictionary.)
        assert!(doc.objects.contains_key(&(4, 0)));
        assert!(!doc.objects.contains_key(&(6, 0)) && !doc.objects.contains_key(&(7, 0)));
    }

    /// What the fast path leaves to lopdf: encryption, a `/Length` that does
    /// not end at `endstream`, a reference to a missing object, an object
    /// that is not where the table says, and `startxref` pointing elsewhere.
    #[test]
    fn leaves_what_needs_repair_to_lopdf() {
        let good = [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
            "<< /Length 5 >>\nstream\nBT ET\nendstream",
        ];
        assert!(load(&pdf(&good), BIG, BIG, false).is_some());
        let mut long = good;
        long[3] = "<< /Length 9 >>\nstream\nBT ET\nendstream";
        assert!(load(&pdf(&long), BIG, BIG, false).is_none());
        let mut missing = good;
        missing[2] = "<< /Type /Page /Parent 2 0 R /Contents 9 0 R >>";
        assert!(load(&pdf(&missing), BIG, BIG, false).is_none());
        let encrypted = String::from_utf8(pdf(&good))
            .unwrap()
            .replace("/Root 1 0 R", "/Root 1 0 R /Encrypt 2 0 R");
        assert!(load(encrypted.as_bytes(), BIG, BIG, false).is_none());
        let shifted = String::from_utf8(pdf(&good))
            .unwrap()
            .replacen("2 0 obj", "2 0  obj", 1);
        assert!(load(shifted.as_bytes(), BIG, BIG, false).is_none());
        let moved = String::from_utf8(pdf(&good))
            .unwrap()
            .replacen("\nxref", "\n xref", 1);
        assert!(load(moved.as_bytes(), BIG, BIG, false).is_none());
        // Over the object limit: lopdf's load says by how much.
        assert!(load(&pdf(&good), BIG, 3, false).is_none());
        assert!(load(&pdf(&good), BIG, 4, false).is_some());
    }
}
