//! Fonts: character codes → Unicode text and glyph widths.
//!
//! One [`Font`] is built per font dictionary per document (the interpreter
//! caches them by object id), so encodings, `/Differences`, ToUnicode CMaps
//! and width tables are decoded once.
//!
//! Unicode comes first from `/ToUnicode`; for simple fonts, then from the
//! encoding (base encoding + `/Differences` glyph names through the Adobe
//! Glyph List); for Type0 fonts with a `Uni…-UCS2`/`UTF16` CMap, from the
//! code itself. Anything else is U+FFFD and is counted in
//! [`Font::unmapped`], which the caller reports as one warning per font.

use std::cell::{Cell, OnceCell, RefCell};
use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use lopdf::{Dictionary, Document, Object};

use super::cmap::CMap;
use super::encoding::BaseEncoding;
use super::{fontfile, glyphlist, std14, FxHasher, GlyphText};

/// Text-space units: glyph widths are given per 1000 em except in Type 3.
const THOUSANDTH: f32 = 0.001;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Simple,
    Type3,
    Composite,
}

/// How a composite font's codes become CIDs.
#[derive(Debug)]
enum CidEncoding {
    /// Identity-H / Identity-V: two-byte codes, CID = code.
    Identity,
    /// `Uni…-UCS2-H`, `…-UTF16-H`: two-byte codes that are UTF-16 units.
    Ucs2,
    /// An embedded CMap stream.
    Embedded(CMap),
}

#[derive(Debug)]
pub struct Font {
    /// `/BaseFont` (or the resource name), for warnings.
    pub name: String,
    pub kind: Kind,
    to_unicode: Option<CMap>,
    /// Simple fonts: text of each code from the encoding (`None` = unmapped).
    /// (Kept inline: no allocation per code of every font.)
    codes: Vec<Option<GlyphText>>,
    /// Simple fonts with an `/Encoding` and `/Widths` but no `/ToUnicode`:
    /// the embedded font program, whose encoding only fills the codes the
    /// PDF leaves undefined, read on the first such code shown (most
    /// documents show none, and inflating and parsing the program is most
    /// of the cost of loading the font).
    program: Option<LazyProgram>,
    /// Simple fonts: width of each code in glyph units, when known.
    widths: Vec<Option<f32>>,
    /// Width for codes without one (`/MissingWidth`, `/DW`).
    default_width: f32,
    cid_encoding: CidEncoding,
    /// `/W` widths by CID (FxHash: a CJK or Chromium font lists thousands,
    /// and SipHash cost more than the rest of building the font).
    cid_widths: HashMap<u32, f32, BuildHasherDefault<FxHasher>>,
    /// Composite fonts without ToUnicode: glyph id → Unicode from the
    /// embedded TrueType program, and CID → glyph id (`/CIDToGIDMap`).
    gid_unicode: Option<HashMap<u16, char>>,
    cid_to_gid: Option<Vec<u16>>,
    cid_width_ranges: Vec<(u32, u32, f32)>,
    /// Glyph space → text space (`/FontMatrix` of Type 3 fonts).
    pub matrix: [f32; 6],
    /// Vertical writing mode (Identity-V, `/WMode 1`).
    pub vertical: bool,
    /// Number of codes shown that could not be mapped to Unicode.
    pub unmapped: Cell<u32>,
    /// Anomalies met while building the font, reported once by the caller.
    pub notes: Vec<(&'static str, String)>,
    /// What [`Font::glyph`] found for each one-byte code, and for longer
    /// codes: a page shows the same few codes thousands of times, and the
    /// lookups behind them (ToUnicode CMap, encoding, CID widths) give the
    /// same answer each time.
    short_memo: MemoPage,
    /// Two-byte codes (Identity-H fonts: Chromium, XeTeX): a page of 256
    /// slots per high byte, made when a code of the page is first shown,
    /// so that a glyph is found by two indexings instead of a hash lookup.
    wide_memo: Box<[OnceCell<MemoPage>]>,
    long_memo: RefCell<HashMap<u64, Memo, BuildHasherDefault<FxHasher>>>,
}

/// A font program stream kept for [`Font::program_text`].
#[derive(Debug)]
struct LazyProgram {
    /// The stream with an indirect `/Filter` or `/DecodeParms` resolved.
    stream: lopdf::Stream,
    /// `/FontFile3` (CFF) rather than `/FontFile` (Type 1).
    cff: bool,
    limit: usize,
    /// Codes named by `/Differences`: the program does not fill them.
    explicit: [bool; 256],
    /// What [`glyph_text`] needs besides the name.
    std: Option<&'static str>,
    builtin: Option<BaseEncoding>,
    /// The program's glyph name of each code, once read.
    names: OnceCell<Option<Vec<Option<String>>>>,
}

/// The glyph name of each code in the encoding of a font program:
/// `/FontFile3` (CFF) when `cff`, else `/FontFile` (Type 1).
fn program_names(cff: bool, data: &[u8]) -> Option<Vec<Option<String>>> {
    if cff {
        fontfile::cff_names(data)
    } else {
        fontfile::type1_names(data)
    }
}

/// The text of a glyph name: the AGL (and TeX names), then for Symbol and
/// ZapfDingbats (also the embedded URW "Dingbats") the code the name has in
/// the font's built-in encoding (`a4` → ☎).
fn glyph_text(
    name: &str,
    std: Option<&'static str>,
    builtin: Option<BaseEncoding>,
) -> Option<String> {
    glyphlist::to_unicode(name).or_else(|| {
        let enc = builtin?;
        let code = std.and_then(std14::metrics)?.code_of_name(name)?;
        enc.decode(code).map(String::from)
    })
}

/// How a font splits a string into codes ([`Font::codes`]).
#[derive(Clone, Copy)]
pub enum Codes<'f> {
    /// Simple fonts: one byte per code.
    OneByte,
    /// Identity and UCS-2 composite fonts: two bytes (a last odd byte
    /// alone).
    TwoBytes,
    /// Composite fonts with an embedded CMap: by its code space ranges.
    CMap(&'f CMap),
}

impl Codes<'_> {
    /// [`Font::next_code`].
    #[inline]
    pub fn next_code(self, bytes: &[u8]) -> (u32, u8) {
        match self {
            Codes::CMap(cmap) => cmap.next_code(bytes, 2),
            Codes::TwoBytes => match bytes {
                [a, b, ..] => (u32::from(*a) << 8 | u32::from(*b), 2),
                [a] => (u32::from(*a), 1),
                [] => (0, 1),
            },
            Codes::OneByte => (bytes.first().copied().map(u32::from).unwrap_or(0), 1),
        }
    }
}

/// The memo slots of 256 codes, filled as the codes are shown.
type MemoPage = Box<[OnceCell<Memo>]>;

/// The text (U+FFFD when unmapped) and width of one code.
#[derive(Debug, Clone)]
struct Memo {
    text: GlyphText,
    /// False when `text` is the U+FFFD of an unmapped code (counted in
    /// [`Font::unmapped`] each time it is shown).
    mapped: bool,
    /// `text.is_space()`, worked out once: read per glyph, it was a chain
    /// of three dependent loads (the variant, the `str`, its byte).
    space: bool,
    width: f32,
}

/// Longer codes remembered at most: a hostile stream of distinct 4-byte
/// codes must not grow the memo without bound.
const MAX_LONG_MEMO: usize = 65_536;

fn deref<'a>(doc: &'a Document, obj: &'a Object) -> &'a Object {
    doc.dereference(obj).map(|(_, o)| o).unwrap_or(obj)
}

fn dict_get<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    dict.get(key).ok().map(|o| deref(doc, o))
}

fn num(o: &Object) -> Option<f32> {
    o.as_float().ok().filter(|v| v.is_finite())
}

fn name_str(o: &Object) -> Option<String> {
    o.as_name()
        .ok()
        .map(|n| String::from_utf8_lossy(n).into_owned())
}

/// The decoded data of stream `o`, lent to `use_data` (from the reused
/// inflate buffer: a CMap or a font program is parsed in place, not copied).
fn with_stream<R>(
    doc: &Document,
    o: &Object,
    limit: usize,
    use_data: impl FnOnce(&[u8]) -> R,
) -> Option<R> {
    super::load::stream_data_with(doc, deref(doc, o).as_stream().ok()?, limit, use_data).ok()
}

impl Font {
    /// Builds a font from its dictionary. Never fails: a broken font gives
    /// U+FFFD glyphs with a warning rather than losing the page.
    pub fn load(doc: &Document, dict: &Dictionary, resource_name: &str, limit: usize) -> Font {
        let subtype = dict_get(doc, dict, b"Subtype").and_then(|o| o.as_name().ok());
        let kind = match subtype {
            Some(b"Type0") => Kind::Composite,
            Some(b"Type3") => Kind::Type3,
            _ => Kind::Simple,
        };
        let name = dict_get(doc, dict, b"BaseFont")
            .and_then(name_str)
            .unwrap_or_else(|| resource_name.to_owned());
        let mut font = Font {
            name,
            kind,
            to_unicode: None,
            codes: Vec::new(),
            program: None,
            widths: Vec::new(),
            default_width: 0.0,
            cid_encoding: CidEncoding::Identity,
            cid_widths: HashMap::default(),
            cid_width_ranges: Vec::new(),
            gid_unicode: None,
            cid_to_gid: None,
            matrix: [THOUSANDTH, 0.0, 0.0, THOUSANDTH, 0.0, 0.0],
            vertical: false,
            unmapped: Cell::new(0),
            notes: Vec::new(),
            short_memo: (0..256).map(|_| OnceCell::new()).collect(),
            wide_memo: (0..256).map(|_| OnceCell::new()).collect(),
            long_memo: RefCell::default(),
        };
        if let Some(cmap) = dict
            .get(b"ToUnicode")
            .ok()
            .and_then(|o| with_stream(doc, o, limit, CMap::parse))
        {
            if let Some(u) = &cmap.usecmap {
                font.notes.push((
                    "cmap_usecmap_ignored",
                    format!(
                        "font {}: ToUnicode uses CMap {u}, which is not followed",
                        font.name
                    ),
                ));
            }
            if !cmap.is_empty() {
                font.to_unicode = Some(cmap);
            }
        }
        match kind {
            Kind::Composite => font.load_composite(doc, dict, limit),
            Kind::Simple | Kind::Type3 => font.load_simple(doc, dict, limit),
        }
        font
    }

    fn load_simple(&mut self, doc: &Document, dict: &Dictionary, limit: usize) {
        if self.kind == Kind::Type3 {
            if let Some(m) = dict_get(doc, dict, b"FontMatrix").and_then(|o| o.as_array().ok()) {
                let v: Vec<f32> = m.iter().filter_map(|o| num(deref(doc, o))).collect();
                if let Ok(m) = <[f32; 6]>::try_from(v.as_slice()) {
                    self.matrix = m;
                }
            }
        }
        let std = std14::canonical(&self.name).filter(|_| self.kind == Kind::Simple);
        let std_metrics = std.and_then(std14::metrics);
        let builtin = match std {
            Some("Symbol") => Some(BaseEncoding::Symbol),
            Some("ZapfDingbats") => Some(BaseEncoding::ZapfDingbats),
            _ => None,
        };

        // Encoding: a name, or a dictionary with /BaseEncoding and /Differences.
        let enc_obj = dict_get(doc, dict, b"Encoding");
        let mut base = None;
        // Borrowed from the document: only their text is kept.
        let mut differences: Vec<(u8, &[u8])> = Vec::new();
        match enc_obj {
            Some(Object::Name(n)) => base = BaseEncoding::from_name(n),
            Some(Object::Dictionary(d)) => {
                base = dict_get(doc, d, b"BaseEncoding")
                    .and_then(|o| o.as_name().ok())
                    .and_then(BaseEncoding::from_name);
                if let Some(arr) = dict_get(doc, d, b"Differences").and_then(|o| o.as_array().ok())
                {
                    let mut code: i64 = 0;
                    for item in arr {
                        match deref(doc, item) {
                            Object::Integer(c) => code = *c,
                            Object::Name(n) => {
                                if let Ok(c) = u8::try_from(code) {
                                    differences.push((c, n.as_slice()));
                                }
                                code += 1;
                            }
                            _ => {}
                        }
                    }
                }
            }
            _ => {}
        }
        let descriptor = dict_get(doc, dict, b"FontDescriptor").and_then(|o| o.as_dict().ok());
        let widths_array = dict_get(doc, dict, b"Widths").and_then(|o| o.as_array().ok());
        // The font program's own encoding, needed when the PDF gives no
        // /ToUnicode and no (or an incomplete) /Encoding.
        let program_stream = if self.to_unicode.is_none() && self.kind == Kind::Simple {
            descriptor.and_then(|fd| {
                if let Some(o) = dict_get(doc, fd, b"FontFile3") {
                    Some((o, true))
                } else {
                    dict_get(doc, fd, b"FontFile").map(|o| (o, false))
                }
            })
        } else {
            None
        };
        // With an /Encoding the program only fills the codes it leaves
        // undefined, and with /Widths nothing else reads them: the program
        // is read when one of them is shown ([`Font::program_text`]).
        let lazy = enc_obj.is_some() && widths_array.is_some();
        let program = match program_stream {
            Some((o, cff)) if !lazy => {
                with_stream(doc, o, limit, |data| program_names(cff, data)).flatten()
            }
            _ => None,
        };
        let base = base.or(builtin).unwrap_or_else(|| {
            // Symbolic fonts without an encoding use their built-in one,
            // which only the font program knows. StandardEncoding is the
            // spec's default for non-symbolic fonts; for the others, say it.
            let flags = descriptor
                .and_then(|fd| dict_get(doc, fd, b"Flags"))
                .and_then(|o| o.as_i64().ok())
                .unwrap_or(0);
            let symbolic = flags & 4 != 0;
            if symbolic
                && enc_obj.is_none()
                && self.to_unicode.is_none()
                && std.is_none()
                && program.is_none()
            {
                self.notes.push((
                    "font_builtin_encoding",
                    format!(
                        "font {}: symbolic font without /Encoding, /ToUnicode or a readable \
                         embedded encoding; its built-in encoding was read as StandardEncoding",
                        self.name
                    ),
                ));
            }
            BaseEncoding::Standard
        });
        let mut codes: Vec<Option<GlyphText>> = (0..=255u8)
            .map(|c| base.decode(c).map(GlyphText::from))
            .collect();
        let by_name = |name: &str| glyph_text(name, std, builtin);
        // The codes `/Differences` names (a table: the names themselves are
        // not read again, and a hashed set cost more than the rest here).
        let mut explicit = [false; 256];
        for (code, name) in differences {
            let text = std::str::from_utf8(name).ok().and_then(by_name);
            if let Some(slot) = codes.get_mut(usize::from(code)) {
                *slot = text.map(GlyphText::from);
            }
            explicit[usize::from(code)] = true;
        }
        if let Some(program) = &program {
            // With no /Encoding the program's encoding is the base encoding;
            // otherwise it only fills codes the PDF left undefined.
            for (code, name) in program.iter().enumerate() {
                let named = explicit.get(code).copied().unwrap_or(false);
                let Some(slot) = codes.get_mut(code) else {
                    continue;
                };
                if named || (enc_obj.is_some() && slot.is_some()) {
                    continue;
                }
                if let Some(name) = name.as_deref() {
                    match by_name(name) {
                        Some(t) => *slot = Some(GlyphText::from(t)),
                        // The program names this glyph and the name says
                        // nothing we know (`d127` is not StandardEncoding's
                        // `6`): unmapped rather than the base encoding's guess.
                        None if enc_obj.is_none() => *slot = None,
                        None => {}
                    }
                }
            }
        }
        self.codes = codes;
        if let (Some((o, cff)), true) = (program_stream, lazy) {
            self.program = deref(doc, o).as_stream().ok().map(|stream| LazyProgram {
                stream: super::load::detached(doc, stream),
                cff,
                limit,
                explicit,
                std,
                builtin,
                names: OnceCell::new(),
            });
        }

        // Widths: /Widths from /FirstChar, else the standard-14 metrics.
        let mut widths: Vec<Option<f32>> = vec![None; 256];
        let first = dict_get(doc, dict, b"FirstChar")
            .and_then(|o| o.as_i64().ok())
            .unwrap_or(0);
        if let Some(arr) = widths_array {
            for (i, w) in arr.iter().enumerate() {
                let code = first.saturating_add(i as i64);
                if let (Ok(code), Some(w)) = (usize::try_from(code), num(deref(doc, w))) {
                    if let Some(slot) = widths.get_mut(code) {
                        *slot = Some(w);
                    }
                }
            }
        } else if let Some(m) = std_metrics {
            for (code, slot) in widths.iter_mut().enumerate() {
                let code = code as u8;
                *slot = if builtin.is_some() && !explicit[usize::from(code)] && enc_obj.is_none() {
                    m.width_of_code(code)
                } else {
                    self.codes
                        .get(usize::from(code))
                        .and_then(|t| t.as_deref())
                        .and_then(|t| t.chars().next())
                        .and_then(|c| m.width_of_char(c))
                        .or_else(|| m.width_of_code(code))
                };
            }
        }
        self.widths = widths;
        self.default_width = descriptor
            .and_then(|fd| dict_get(doc, fd, b"MissingWidth"))
            .and_then(num)
            .unwrap_or(0.0);
    }

    fn load_composite(&mut self, doc: &Document, dict: &Dictionary, limit: usize) {
        match dict_get(doc, dict, b"Encoding") {
            Some(Object::Name(n)) => match n.as_slice() {
                b"Identity-H" => {}
                b"Identity-V" => self.vertical = true,
                other => {
                    let other = String::from_utf8_lossy(other).into_owned();
                    self.vertical = other.ends_with("-V");
                    if other.contains("UCS2") || other.contains("UTF16") {
                        self.cid_encoding = CidEncoding::Ucs2;
                    } else {
                        self.notes.push((
                            "cmap_unsupported",
                            format!(
                                "font {}: predefined CMap {other} is not supported; codes read as \
                                 two-byte CIDs",
                                self.name
                            ),
                        ));
                    }
                }
            },
            Some(Object::Stream(s)) => {
                if let Ok(cmap) = super::load::stream_data_with(doc, s, limit, CMap::parse) {
                    self.vertical = cmap.vertical;
                    self.cid_encoding = CidEncoding::Embedded(cmap);
                }
            }
            _ => {}
        }
        let Some(desc) = dict_get(doc, dict, b"DescendantFonts")
            .and_then(|o| o.as_array().ok())
            .and_then(|a| a.first())
            .and_then(|o| deref(doc, o).as_dict().ok())
        else {
            return;
        };
        if self.to_unicode.is_none() {
            let program = dict_get(doc, desc, b"FontDescriptor")
                .and_then(|o| o.as_dict().ok())
                .and_then(|fd| dict_get(doc, fd, b"FontFile2"))
                .and_then(|o| with_stream(doc, o, limit, fontfile::truetype_unicode));
            self.gid_unicode = program.flatten();
            if let Some(Object::Stream(s)) = dict_get(doc, desc, b"CIDToGIDMap") {
                let gids = |map: &[u8]| {
                    map.chunks_exact(2)
                        .filter_map(|c| <[u8; 2]>::try_from(c).ok())
                        .map(u16::from_be_bytes)
                        .collect()
                };
                if let Ok(map) = super::load::stream_data_with(doc, s, limit, gids) {
                    self.cid_to_gid = Some(map);
                }
            }
        }
        self.default_width = dict_get(doc, desc, b"DW").and_then(num).unwrap_or(1000.0);
        let Some(w) = dict_get(doc, desc, b"W").and_then(|o| o.as_array().ok()) else {
            return;
        };
        let mut i = 0;
        while let Some(first) = w.get(i).map(|o| deref(doc, o)) {
            let Ok(first) = first.as_i64() else { break };
            match w.get(i + 1).map(|o| deref(doc, o)) {
                Some(Object::Array(list)) => {
                    self.cid_widths.reserve(list.len());
                    for (k, v) in list.iter().enumerate() {
                        if let (Ok(cid), Some(v)) =
                            (u32::try_from(first + k as i64), num(deref(doc, v)))
                        {
                            self.cid_widths.insert(cid, v);
                        }
                    }
                    i += 2;
                }
                Some(last) => {
                    let (Ok(last), Some(v)) =
                        (last.as_i64(), w.get(i + 2).and_then(|o| num(deref(doc, o))))
                    else {
                        break;
                    };
                    if let (Ok(lo), Ok(hi)) = (u32::try_from(first), u32::try_from(last)) {
                        self.cid_width_ranges.push((lo, hi, v));
                    }
                    i += 3;
                }
                None => break,
            }
        }
    }

    /// Splits the next code off `bytes`: `(code, length in bytes)`.
    pub fn next_code(&self, bytes: &[u8]) -> (u32, u8) {
        self.codes().next_code(bytes)
    }

    /// How the font splits its codes, for [`Codes::next_code`]: the
    /// interpreter asks once per operator, not once per glyph.
    pub fn codes(&self) -> Codes<'_> {
        match (self.kind, &self.cid_encoding) {
            (Kind::Composite, CidEncoding::Embedded(cmap)) => Codes::CMap(cmap),
            (Kind::Composite, _) => Codes::TwoBytes,
            _ => Codes::OneByte,
        }
    }

    /// Lends the text of `code` as [`Font::text`] gives it, and its
    /// [`Font::width`], looked up once per code and font, to `show`.
    // Inlined into the interpreter's per-glyph loop; the memo fill, rare,
    // is kept out of line so that the loop stays small. The text is lent
    // rather than returned so that it is cloned straight into the glyph:
    // a returned text went through the stack in pieces at odd offsets
    // and was read back whole, a store-forwarding stall per glyph that
    // cost more time than the rest of the lookup.
    #[inline]
    pub fn with_glyph<R>(
        &self,
        code: u32,
        len: u8,
        show: impl FnOnce(&GlyphText, f32, bool) -> R,
    ) -> R {
        // The U+FFFD of an unmapped code is stored in the memo too, not
        // built per glyph. A `OnceCell` per code: no borrow flag to set
        // and reset at every glyph, as a `RefCell` around the table would.
        let owned;
        let slot = match len {
            1 => self.short_memo.get(code as usize),
            2 => self.wide_slot(code),
            _ => None,
        };
        let m = match slot {
            Some(slot) => slot.get_or_init(|| self.memo(code, len)),
            None => {
                owned = self.long_glyph(code, len);
                &owned
            }
        };
        if !m.mapped {
            self.unmapped.set(self.unmapped.get().saturating_add(1));
        }
        show(&m.text, m.width, m.space)
    }

    /// The memo slot of a two-byte code, in its page (made on first use).
    #[inline]
    fn wide_slot(&self, code: u32) -> Option<&OnceCell<Memo>> {
        self.wide_memo
            .get((code >> 8) as usize)
            .map(|page| page.get_or_init(|| (0..256).map(|_| OnceCell::new()).collect()))
            .and_then(|page| page.get((code & 0xFF) as usize))
    }

    /// [`Font::with_glyph`] for the codes without a slot (more than two
    /// bytes), out of the per-glyph loop.
    #[inline(never)]
    fn long_glyph(&self, code: u32, len: u8) -> Memo {
        if len <= 2 {
            return self.memo(code, len);
        }
        let mut long = self.long_memo.borrow_mut();
        let key = (u64::from(len) << 32) | u64::from(code);
        match long.get(&key) {
            Some(m) => m.clone(),
            None => {
                let m = self.memo(code, len);
                if long.len() < MAX_LONG_MEMO {
                    long.insert(key, m.clone());
                }
                m
            }
        }
    }

    #[inline(never)]
    fn memo(&self, code: u32, len: u8) -> Memo {
        let mut s = String::new();
        let mapped = self.map(code, len, &mut s);
        let text = if mapped {
            GlyphText::from(s)
        } else {
            GlyphText::from("\u{FFFD}")
        };
        Memo {
            space: text.is_space(),
            text,
            mapped,
            width: self.width(code, len),
        }
    }

    /// Appends the text of `code` to `out` (U+FFFD when unmapped, counted).
    pub fn text(&self, code: u32, len: u8, out: &mut String) {
        if !self.map(code, len, out) {
            out.push('\u{FFFD}');
            self.unmapped.set(self.unmapped.get().saturating_add(1));
        }
    }

    /// Appends the text of `code` to `out`; false (and nothing appended)
    /// when unmapped.
    fn map(&self, code: u32, len: u8, out: &mut String) -> bool {
        if let Some(tu) = &self.to_unicode {
            if tu.lookup(code, len, out) {
                return true;
            }
        }
        match self.kind {
            Kind::Simple | Kind::Type3 => {
                match self.codes.get(code as usize).and_then(|c| c.as_deref()) {
                    Some(t) => {
                        out.push_str(t);
                        true
                    }
                    None => match self.program_text(code) {
                        Some(t) => {
                            out.push_str(&t);
                            true
                        }
                        None => false,
                    },
                }
            }
            Kind::Composite => match &self.cid_encoding {
                CidEncoding::Ucs2 => match char::from_u32(code) {
                    Some(c) => {
                        out.push(c);
                        true
                    }
                    None => false,
                },
                CidEncoding::Identity | CidEncoding::Embedded(_) => {
                    let cid = match &self.cid_encoding {
                        CidEncoding::Embedded(cmap) => cmap.cid(code, len).unwrap_or(code),
                        _ => code,
                    };
                    let gid = match &self.cid_to_gid {
                        Some(map) => map.get(cid as usize).copied(),
                        None => u16::try_from(cid).ok(),
                    };
                    match gid.and_then(|g| self.gid_unicode.as_ref()?.get(&g)) {
                        Some(&c) => {
                            out.push(c);
                            true
                        }
                        None => false,
                    }
                }
            },
        }
    }

    /// The text the embedded program's encoding gives `code`, for a code
    /// the PDF's encoding leaves undefined (what [`Font::load_simple`] fills
    /// in when it reads the program at once).
    fn program_text(&self, code: u32) -> Option<String> {
        let p = self.program.as_ref()?;
        let i = usize::try_from(code).ok()?;
        if *p.explicit.get(i)? {
            return None;
        }
        let names = p.names.get_or_init(|| {
            super::load::detached_data_with(&p.stream, p.limit, |data| program_names(p.cff, data))
                .ok()
                .flatten()
        });
        let name = names.as_ref()?.get(i)?.as_deref()?;
        glyph_text(name, p.std, p.builtin)
    }

    /// Horizontal advance of `code` in text space units (before font size).
    pub fn width(&self, code: u32, len: u8) -> f32 {
        let w = match self.kind {
            Kind::Simple | Kind::Type3 => self
                .widths
                .get(code as usize)
                .copied()
                .flatten()
                .unwrap_or(self.default_width),
            Kind::Composite => {
                let cid = match &self.cid_encoding {
                    CidEncoding::Embedded(cmap) => cmap.cid(code, len).unwrap_or(code),
                    _ => code,
                };
                self.cid_widths
                    .get(&cid)
                    .copied()
                    .or_else(|| {
                        self.cid_width_ranges
                            .iter()
                            .find(|(lo, hi, _)| *lo <= cid && cid <= *hi)
                            .map(|r| r.2)
                    })
                    .unwrap_or(self.default_width)
            }
        };
        w * self.matrix[0]
    }

    /// True when word spacing (`Tw`) applies: single-byte code 32.
    pub fn is_word_space(&self, code: u32, len: u8) -> bool {
        code == 32 && len == 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::dictionary;

    fn font(dict: Dictionary) -> Font {
        Font::load(&Document::new(), &dict, "F1", 1 << 20)
    }

    fn show(f: &Font, bytes: &[u8]) -> String {
        let mut out = String::new();
        let mut rest = bytes;
        while !rest.is_empty() {
            let (code, len) = f.next_code(rest);
            f.text(code, len, &mut out);
            rest = rest.get(usize::from(len)..).unwrap_or_default();
        }
        out
    }

    #[test]
    fn winansi_helvetica_uses_afm_widths() {
        let f = font(dictionary! {
            "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
            "Encoding" => "WinAnsiEncoding",
        });
        assert_eq!(show(&f, b"Caf\xe9 \x80"), "Café €");
        assert!((f.width(u32::from(b'a'), 1) - 0.556).abs() < 1e-6);
        assert_eq!(f.unmapped.get(), 0);
    }

    #[test]
    fn differences_override_base_encoding_and_unknown_names_are_counted() {
        let f = font(dictionary! {
            "Subtype" => "Type1", "BaseFont" => "ABCDEF+LMRoman10-Regular",
            "Encoding" => dictionary! {
                "Type" => "Encoding",
                "Differences" => vec![Object::Integer(27), "ff".into(), "fi".into(), Object::Integer(65), "g17".into()],
            },
        });
        assert_eq!(show(&f, &[27, 28, b'b']), "ﬀﬁb");
        assert_eq!(show(&f, b"A"), "\u{FFFD}");
        assert_eq!(f.unmapped.get(), 1);
    }

    #[test]
    fn symbol_builtin_encoding_gives_arrow_with_width() {
        let f = font(dictionary! { "Subtype" => "Type1", "BaseFont" => "Symbol" });
        assert_eq!(show(&f, &[0xAE]), "→");
        assert!((f.width(0xAE, 1) - 0.987).abs() < 1e-6);
    }

    #[test]
    fn dingbats_and_tex_glyph_names_in_differences() {
        // pifont's embedded URW Dingbats names its glyphs like ZapfDingbats.
        let f = font(dictionary! {
            "Subtype" => "Type1", "BaseFont" => "ABCDEF+Dingbats",
            "Encoding" => dictionary! { "Differences" => vec![Object::Integer(1), "a4".into()] },
        });
        assert_eq!(show(&f, &[1]), "☎");
        // `a4` means nothing in another font.
        let f = font(dictionary! {
            "Subtype" => "Type1", "BaseFont" => "ABCDEF+LINE10",
            "Encoding" => dictionary! { "Differences" => vec![Object::Integer(1), "a4".into()] },
        });
        assert_eq!(show(&f, &[1]), "\u{FFFD}");
        assert_eq!(f.unmapped.get(), 1);
        let f = font(dictionary! {
            "Subtype" => "Type1", "BaseFont" => "ABCDEF+LMMathItalic10-Regular",
            "Encoding" => dictionary! { "Differences" => vec![Object::Integer(2), "epsilon1".into()] },
        });
        assert_eq!(show(&f, &[2]), "ε");
    }

    #[test]
    fn embedded_program_names_replace_the_standard_guess() {
        // A symbolic Type 1 font without /Encoding: its own encoding names
        // code 54 `d127` (an XY-pic arrow tip), which StandardEncoding would
        // have read as `6`.
        let mut doc = Document::with_version("1.5");
        let program = b"%!PS-AdobeFont-1.0: XYATIP10\n/Encoding 256 array\n\
                        dup 54 /d127 put\ndup 55 /prime put\ndup 65 /A put\nreadonly def\n\
                        currentfile eexec"
            .to_vec();
        let ff = doc.add_object(lopdf::Stream::new(dictionary! {}, program));
        let dict = dictionary! {
            "Subtype" => "Type1", "BaseFont" => "ABCDEF+XYATIP10",
            "FontDescriptor" => dictionary! { "Type" => "FontDescriptor", "Flags" => 4, "FontFile" => ff },
        };
        let f = Font::load(&doc, &dict, "F1", 1 << 20);
        assert_eq!(show(&f, b"67A"), "\u{FFFD}′A");
        assert_eq!(f.unmapped.get(), 1);
    }

    #[test]
    fn embedded_program_fills_only_the_codes_the_encoding_leaves_undefined() {
        // With /Encoding and /Widths the program is read on the first code
        // that needs it: code 1 (undefined in StandardEncoding) takes the
        // program's name, code 54 keeps the encoding's `6`, and code 55,
        // named by /Differences with a name that says nothing, stays
        // unmapped even though the program names it `prime`.
        let mut doc = Document::with_version("1.5");
        let program = b"%!PS-AdobeFont-1.0: XYATIP10\n/Encoding 256 array\n\
                        dup 1 /A put\ndup 54 /d127 put\ndup 55 /prime put\nreadonly def\n\
                        currentfile eexec"
            .to_vec();
        let ff = doc.add_object(lopdf::Stream::new(dictionary! {}, program));
        let dict = dictionary! {
            "Subtype" => "Type1", "BaseFont" => "ABCDEF+XYATIP10",
            "Encoding" => dictionary! {
                "Differences" => vec![Object::Integer(55), "g7".into()],
            },
            "FirstChar" => 0, "Widths" => vec![Object::Integer(500)],
            "FontDescriptor" => dictionary! { "Type" => "FontDescriptor", "Flags" => 4, "FontFile" => ff },
        };
        let f = Font::load(&doc, &dict, "F1", 1 << 20);
        assert!(f.program.as_ref().is_some_and(|p| p.names.get().is_none()));
        assert_eq!(show(&f, b"6"), "6");
        assert!(f.program.as_ref().is_some_and(|p| p.names.get().is_none()));
        assert_eq!(show(&f, &[1, 54, 55]), "A6\u{FFFD}");
        assert_eq!(f.unmapped.get(), 1);
    }

    #[test]
    fn type0_identity_without_tounicode_is_unmapped() {
        let f = font(dictionary! {
            "Subtype" => "Type0", "BaseFont" => "ABCDEF+DejaVuSans", "Encoding" => "Identity-H",
            "DescendantFonts" => vec![Object::Dictionary(dictionary! {
                "Subtype" => "CIDFontType2", "DW" => 500,
                "W" => vec![Object::Integer(3), Object::Array(vec![Object::Integer(318), Object::Integer(401)]),
                            Object::Integer(10), Object::Integer(20), Object::Integer(600)],
            })],
        });
        assert_eq!(f.next_code(&[0, 3, 0, 4]), (3, 2));
        assert!((f.width(4, 2) - 0.401).abs() < 1e-6);
        assert!((f.width(15, 2) - 0.6).abs() < 1e-6);
        assert!((f.width(99, 2) - 0.5).abs() < 1e-6);
        assert_eq!(show(&f, &[0, 3]), "\u{FFFD}");
        assert_eq!(f.unmapped.get(), 1);
    }

    #[test]
    fn type3_widths_use_the_font_matrix() {
        let f = font(dictionary! {
            "Subtype" => "Type3",
            "FontMatrix" => vec![0.01.into(), 0.into(), 0.into(), 0.01.into(), 0.into(), 0.into()],
            "FirstChar" => 65, "Widths" => vec![Object::Integer(50)],
            "Encoding" => dictionary! { "Differences" => vec![Object::Integer(65), "A".into()] },
        });
        assert_eq!(show(&f, b"A"), "A");
        assert!((f.width(65, 1) - 0.5).abs() < 1e-6);
    }
}
