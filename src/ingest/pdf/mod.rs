//! PDF: lopdf for the object layer, our own content-stream interpreter,
//! font/encoding layer and layout (words → lines → blocks, reading order,
//! page furniture).
//!
//! Data flow inside this module: `read` (lopdf load, decryption, recovery,
//! limits) → per page, the interpreter turns the content stream into
//! [`PageGlyphs`] (positioned Unicode glyphs) → [`layout::layout`] turns the
//! glyphs of all pages into lines and blocks ([`RawPage`](crate::ingest::RawPage)s) and page furniture.

pub mod cmap;
pub mod content;
pub mod encoding;
pub mod fontfile;
pub mod fonts;
pub mod glyphlist;
pub mod interp;
pub mod layout;
pub mod load;
pub mod ocr;
mod pages_only;
pub mod std14;

use std::hash::Hasher;

use super::{BBox, IngestOptions, RawDoc};
use crate::error::{IngestError, Warning};
use crate::model::SourceFormat;

/// The positioned glyphs of one page: the contract between the interpreter
/// (fonts, encodings, text state) and the layout.
#[derive(Debug, Clone, Default)]
pub struct PageGlyphs {
    /// 1-based page number.
    pub number: u32,
    /// Page box after `/Rotate` is applied: `[0, 0, width, height]` in the
    /// coordinates the glyphs use.
    pub bbox: BBox,
    pub glyphs: Vec<Glyph>,
    /// The straight, axis-aligned lines and filled rectangles drawn on the
    /// page (table rulings and cell backgrounds), for the table finder.
    pub rules: Vec<Rule>,
}

/// A ruling drawn on a page, in the coordinates of the glyphs: a stroked
/// horizontal or vertical segment (its box is the segment widened by the
/// line width) or a filled rectangle (`filled`: a thin one is a line, a
/// wide one a shaded area whose edges bound cells). Strokes and fills in
/// white are not kept (they draw nothing on a white page), nor curves and
/// slanted lines.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    pub bbox: BBox,
    pub filled: bool,
}

/// One shown glyph (or one `/ActualText` replacement), in page space after
/// rotation, y growing upwards.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Glyph {
    /// Unicode text of the glyph: usually one char, several for a ligature
    /// that maps to many, U+FFFD when it could not be mapped.
    pub text: GlyphText,
    /// Origin of the glyph on the baseline.
    pub x: f32,
    pub y: f32,
    /// Advance along the baseline, in page units (0 when unknown).
    pub width: f32,
    /// Effective font size (font size × text and CTM scaling), in page units.
    pub size: f32,
    /// Index of the font in the document (for grouping runs by font).
    pub font: u32,
    /// Direction of the baseline: 0 = left to right horizontal; other values
    /// are the rotation in degrees (90, 180, 270) or vertical writing (-1).
    pub dir: i16,
    /// True when the glyph came from a space character (code 32 or a glyph
    /// named `space`): a word break whatever the geometry says.
    pub space: bool,
}

/// The text of a glyph, a `str` (it derefs to one) kept inline up to 22
/// bytes: a page shows thousands of glyphs of one or two characters, and a
/// `String` each cost an allocation and a free per glyph.
#[derive(Clone, Default)]
pub struct GlyphText(Repr);

impl Eq for GlyphText {}

impl PartialEq for GlyphText {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

/// A text that is not on the heap is copied as a block: the glyph loop
/// clones a font's text into every glyph, and a copy of every kind but
/// one (`Heap`) is then one test and a copy, not a match of four arms.
#[derive(Clone)]
enum Repr {
    Small(Small),
    /// Longer texts (an `/ActualText` replacement).
    Heap(Box<str>),
}

#[derive(Clone, Copy)]
enum Small {
    /// One character of the tables below (ASCII, the common case, and é,
    /// à, œ, ’, “, –, …): lent from a constant `str`, read without the
    /// UTF-8 check an `Inline` text costs at every read.
    Static(&'static str),
    Inline {
        len: u8,
        bytes: [u8; INLINE],
    },
}

const INLINE: usize = 22;

/// The UTF-8 encodings of the `N / width` characters from `first`, one
/// after the other: all of them take `width` bytes.
const fn utf8_run<const N: usize>(first: u32, width: usize) -> [u8; N] {
    let mut out = [0; N];
    let mut i = 0;
    while i < N / width {
        let c = first + i as u32;
        let at = i * width;
        if width == 2 {
            out[at] = 0xC0 | (c >> 6) as u8;
            out[at + 1] = 0x80 | (c & 0x3F) as u8;
        } else {
            out[at] = 0xE0 | (c >> 12) as u8;
            out[at + 1] = 0x80 | ((c >> 6) & 0x3F) as u8;
            out[at + 2] = 0x80 | (c & 0x3F) as u8;
        }
        i += 1;
    }
    out
}

/// Every two-byte character, U+0080 to U+07FF (the accented Latin
/// letters, œ, Greek…).
const TWO_BYTES: [u8; 2 * 0x780] = utf8_run(0x80, 2);
const TWO: &str = match std::str::from_utf8(&TWO_BYTES) {
    Ok(s) => s,
    Err(_) => panic!("two-byte table"),
};
/// U+2000 to U+21FF: general punctuation (’ “ ” – — … •), currency
/// signs (€), letterlike symbols and arrows.
const PUNCT_FIRST: u32 = 0x2000;
const PUNCT_BYTES: [u8; 3 * 0x200] = utf8_run(PUNCT_FIRST, 3);
const PUNCT: &str = match std::str::from_utf8(&PUNCT_BYTES) {
    Ok(s) => s,
    Err(_) => panic!("punctuation table"),
};

/// `c` lent from one of the constant tables, when it is in one.
fn static_char(c: char) -> Option<&'static str> {
    let c = u32::from(c);
    let (table, at, width) = match c {
        0..0x80 => (ASCII, c, 1),
        0x80..0x800 => (TWO, c - 0x80, 2),
        PUNCT_FIRST..0x2200 => (PUNCT, c - PUNCT_FIRST, 3),
        _ => return None,
    };
    let at = at as usize * width;
    table.get(at..at + width)
}

/// Every ASCII character, so that one can be lent as a `&str`.
const ASCII: &str = "\0\x01\x02\x03\x04\x05\x06\x07\x08\t\n\x0B\x0C\r\x0E\x0F\
\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1A\x1B\x1C\x1D\x1E\x1F \
!\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~\x7F";

impl Default for Repr {
    fn default() -> Self {
        Repr::Small(Small::Inline {
            len: 0,
            bytes: [0; INLINE],
        })
    }
}

impl GlyphText {
    pub fn as_str(&self) -> &str {
        match &self.0 {
            Repr::Small(Small::Static(s)) => s,
            Repr::Small(Small::Inline { len, bytes }) => {
                std::str::from_utf8(bytes.get(..usize::from(*len)).unwrap_or_default())
                    .unwrap_or_default()
            }
            Repr::Heap(s) => s,
        }
    }

    /// `self == " "`, without building the `str`: a one-byte ASCII text
    /// is always kept as `Small::Static` (see `From<&str>`).
    pub fn is_space(&self) -> bool {
        matches!(self.0, Repr::Small(Small::Static(" ")))
    }

    pub fn is_empty(&self) -> bool {
        matches!(self.0, Repr::Small(Small::Inline { len: 0, .. }))
            || matches!(&self.0, Repr::Heap(s) if s.is_empty())
    }
}

impl From<&str> for GlyphText {
    fn from(s: &str) -> Self {
        // The characters of the tables take one to three bytes.
        if let 1..=3 = s.len() {
            let mut chars = s.chars();
            if let (Some(c), None) = (chars.next(), chars.next()) {
                if let Some(s) = static_char(c) {
                    return GlyphText(Repr::Small(Small::Static(s)));
                }
            }
        }
        let mut bytes = [0; INLINE];
        match bytes.get_mut(..s.len()) {
            Some(head) => {
                head.copy_from_slice(s.as_bytes());
                GlyphText(Repr::Small(Small::Inline {
                    len: s.len() as u8,
                    bytes,
                }))
            }
            None => GlyphText(Repr::Heap(s.into())),
        }
    }
}

/// The same text as `From<&str>` of the character's encoding, without
/// decoding it back: a simple font makes 256 of them when it is loaded.
impl From<char> for GlyphText {
    fn from(c: char) -> Self {
        match static_char(c) {
            Some(s) => GlyphText(Repr::Small(Small::Static(s))),
            None => GlyphText::from(c.encode_utf8(&mut [0; 4]) as &str),
        }
    }
}

impl From<String> for GlyphText {
    fn from(s: String) -> Self {
        if s.len() <= INLINE {
            GlyphText::from(s.as_str())
        } else {
            GlyphText(Repr::Heap(s.into_boxed_str()))
        }
    }
}

impl std::ops::Deref for GlyphText {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for GlyphText {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq<str> for GlyphText {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for GlyphText {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl std::fmt::Debug for GlyphText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

impl std::fmt::Display for GlyphText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What the interpreter made of every page, each page as `each` made it.
struct Interpreted<T> {
    pages: Vec<T>,
    warnings: Vec<Warning>,
    /// Image XObjects and inline images drawn.
    images: u32,
    drawn: Vec<interp::DrawnImage>,
}

/// Pages whose content is decoded ahead of the interpreter.
const AHEAD: usize = 8;

/// A page's content decoded on the pool ahead of the interpreter, or by
/// the interpreter itself when it needs the page before the pool started
/// on it.
#[derive(Default)]
enum Ahead {
    #[default]
    Waiting,
    Decoding,
    Done(interp::Content),
    Taken,
}

type AheadSlot = std::sync::Arc<(std::sync::Mutex<Ahead>, std::sync::Condvar)>;

/// The content of page `id`, from its slot: as the pool decoded it
/// (waited for when being decoded), or decoded here when the pool has not
/// started on it.
fn take_ahead(
    slot: &AheadSlot,
    doc: &lopdf::Document,
    opts: &IngestOptions,
    number: u32,
    id: lopdf::ObjectId,
) -> interp::Content {
    let (lock, done) = &**slot;
    let Ok(mut state) = lock.lock() else {
        return interp::content(doc, opts, number, id);
    };
    loop {
        match std::mem::replace(&mut *state, Ahead::Taken) {
            Ahead::Done(c) => return c,
            Ahead::Decoding => {
                *state = Ahead::Decoding;
                state = match done.wait(state) {
                    Ok(s) => s,
                    Err(_) => return interp::content(doc, opts, number, id),
                };
            }
            Ahead::Waiting | Ahead::Taken => {
                drop(state);
                return interp::content(doc, opts, number, id);
            }
        }
    }
}

/// Interprets `page_ids` in order, handing each page's glyphs (with its
/// index and the images it drew) to `each` as soon as the page is run:
/// [`read`] keeps only the page's words, so that a long document never
/// holds the glyphs of all its pages at once. With a `pool`, the content
/// of the next pages is decoded there while a page is interpreted (the
/// interpreter, which runs the pages in order on this thread, is the
/// longest part of reading a long document).
fn interpret<'s, T>(
    doc: &'s lopdf::Document,
    page_ids: Vec<(u32, lopdf::ObjectId)>,
    mut warnings: Vec<Warning>,
    opts: &'s IngestOptions,
    pool: Option<&rayon::Scope<'s>>,
    mut each: impl FnMut(usize, PageGlyphs, &[interp::DrawnImage]) -> T,
) -> Interpreted<T> {
    let count = page_ids.len();
    let mut interp = interp::Interp::new(doc, opts, count);
    let mut ahead: std::collections::VecDeque<AheadSlot> = std::collections::VecDeque::new();
    let mut next = 0;
    let pages: Vec<T> = (0..page_ids.len())
        .filter_map(|index| page_ids.get(index).map(|&(number, id)| (index, number, id)))
        .map(|(index, number, id)| {
            let content = pool.map(|pool| {
                // The slots of the pages up to `AHEAD` after this one.
                while next < page_ids.len() && next <= index + AHEAD {
                    let slot: AheadSlot = Default::default();
                    if let Some(&(n, i)) = page_ids.get(next) {
                        let job = std::sync::Arc::clone(&slot);
                        pool.spawn(move |_| {
                            let (lock, done) = &*job;
                            match lock.lock() {
                                Ok(mut s) if matches!(*s, Ahead::Waiting) => *s = Ahead::Decoding,
                                _ => return,
                            }
                            let c = interp::content(doc, opts, n, i);
                            if let Ok(mut s) = lock.lock() {
                                *s = Ahead::Done(c);
                            }
                            done.notify_all();
                        });
                    }
                    ahead.push_back(slot);
                    next += 1;
                }
                match ahead.pop_front() {
                    Some(slot) => take_ahead(&slot, doc, opts, number, id),
                    None => interp::content(doc, opts, number, id),
                }
            });
            let before = interp.drawn_images.len();
            let p = interp.page_with(number, id, content);
            each(
                index,
                p,
                interp.drawn_images.get(before..).unwrap_or_default(),
            )
        })
        .collect();
    let images = interp.images;
    let drawn = std::mem::take(&mut interp.drawn_images);
    warnings.extend(interp.finish());
    Interpreted {
        pages,
        warnings,
        images,
        drawn,
    }
}

/// Whether a page shows any text.
fn shows_text(page: &PageGlyphs) -> bool {
    page.glyphs.iter().any(|g| !g.text.trim().is_empty())
}

/// No page shows any text (`shown` is false): an error when images were
/// drawn (a scan that could not be read, `hint` says why), else a warning.
fn check_shown(
    shown: bool,
    pages: usize,
    images: u32,
    hint: &str,
    warnings: &mut Vec<Warning>,
) -> Result<(), IngestError> {
    if !shown {
        if images > 0 {
            return Err(IngestError::ImageOnly {
                pages: pages as u32,
                hint: hint.to_string(),
            });
        }
        warnings.push(Warning::new(
            "pdf_no_text",
            "the PDF has no text and no images: its pages are empty or drawn with vector graphics",
        ));
    }
    Ok(())
}

/// The positioned glyphs of every page's text layer (no OCR), with the
/// warnings raised while loading and interpreting (for debugging tools).
pub fn glyphs(
    bytes: &[u8],
    opts: &IngestOptions,
) -> Result<(Vec<PageGlyphs>, Vec<Warning>), IngestError> {
    let loaded = load::load(bytes, opts)?;
    // Not lopdf's `get_pages`: a page tree with a cycle lists no page there.
    let (page_ids, _) = load::page_list(&loaded.doc);
    let mut i = interpret(
        &loaded.doc,
        page_ids,
        loaded.warnings,
        opts,
        None,
        |_, p, _| p,
    );
    let shown = i.pages.iter().any(shows_text);
    check_shown(shown, i.pages.len(), i.images, NOT_READ, &mut i.warnings)?;
    Ok((i.pages, i.warnings))
}

/// The hint of an image-only error when OCR was not asked for.
const NOT_READ: &str = "its pages were not read by OCR";

/// A page as [`read`] keeps it while the others are interpreted.
enum Slot {
    /// Turned into words at once.
    Laid(layout::Prepared),
    /// Being turned into words on the thread pool.
    Away,
    /// Kept whole for OCR, which reads the pages that need it together.
    Ocr(PageGlyphs, ocr::Need),
}

/// Reads a PDF: load, interpret every page, OCR the pages that need it
/// ([`ocr`]), lay the glyphs out. A page that needs no OCR is turned into
/// words as soon as it is interpreted: in a long document, on the thread
/// pool while this thread interprets the next pages (the interpreter runs
/// the pages in order, its font caches and budgets carried from one page
/// to the next; the words of a page depend on its glyphs alone), so that
/// one long document does not leave the other cores idle.
pub fn read(bytes: &[u8], opts: &IngestOptions) -> Result<RawDoc, IngestError> {
    let loaded = load::load(bytes, opts)?;
    let doc = loaded.doc;
    // Not lopdf's `get_pages`: a page tree with a cycle lists no page there.
    let (page_ids, _) = load::page_list(&doc);
    let count = page_ids.len();
    let mut shown = false;
    let (done, laid_away) = std::sync::mpsc::channel::<(usize, layout::Prepared)>();
    let mut i = crate::par::scope(count >= crate::par::MIN_PAGES, |pool| {
        interpret(
            &doc,
            page_ids,
            loaded.warnings,
            opts,
            pool,
            |index, p, drawn| {
                match ocr::page_plan(&p, drawn, opts.ocr) {
                    Some(need) => Slot::Ocr(p, need),
                    None => {
                        shown = shown || shows_text(&p);
                        match pool {
                            Some(pool) => {
                                let done = done.clone();
                                pool.spawn(move |_| {
                                    // The receiver outlives the scope.
                                    let _ = done.send((index, layout::prepare(p)));
                                });
                                Slot::Away
                            }
                            None => Slot::Laid(layout::prepare(p)),
                        }
                    }
                }
            },
        )
    });
    drop(done);
    // The pages to OCR, taken out of their slots (`planned` indexes them).
    let mut pending: Vec<PageGlyphs> = Vec::new();
    let mut planned: Vec<(usize, ocr::Need)> = Vec::new();
    let mut slots: Vec<Option<layout::Prepared>> = Vec::with_capacity(i.pages.len());
    for slot in std::mem::take(&mut i.pages) {
        match slot {
            Slot::Laid(p) => slots.push(Some(p)),
            Slot::Away => slots.push(None),
            Slot::Ocr(p, need) => {
                planned.push((pending.len(), need));
                pending.push(p);
                slots.push(None);
            }
        }
    }
    // Back in page order, whatever order the pool finished them in.
    for (index, p) in laid_away.try_iter() {
        if let Some(slot) = slots.get_mut(index) {
            *slot = Some(p);
        }
    }
    let outcome = ocr::run(
        &doc,
        bytes,
        opts,
        &mut pending,
        &i.drawn,
        &planned,
        &mut i.warnings,
    );
    drop(doc);
    let hint = match (&outcome.not_read, &outcome.report, opts.ocr) {
        (Some(why), _, _) => why.clone(),
        (None, Some(_), _) => "OCR found no text on its pages".to_string(),
        (None, None, crate::ingest::OcrMode::Never) => format!(
            "OCR is off (--ocr never); run with --ocr auto ({})",
            ocr::INSTALL_HINT
        ),
        (None, None, _) => "OCR read none of its pages (see the warnings)".to_string(),
    };
    shown = shown || pending.iter().any(shows_text);
    check_shown(shown, slots.len(), i.images, &hint, &mut i.warnings)?;
    let mut pending = pending.into_iter();
    let prepared: Vec<layout::Prepared> = slots
        .into_iter()
        .filter_map(|s| s.or_else(|| pending.next().map(layout::prepare)))
        .collect();
    let layout::Layout {
        pages,
        furniture,
        tables,
    } = layout::finish(prepared);
    Ok(RawDoc {
        format: SourceFormat::Pdf,
        encoding: None,
        paged: true,
        laid_out: true,
        pages,
        furniture,
        tables,
        markup: None,
        warnings: i.warnings,
        ocr: outcome.report,
    })
}

/// The multiply-rotate hash of rustc (FxHash), for the fonts' code memos
/// and the layout's word hashes: SipHash costs more than the lookups and
/// comparisons it serves, and these keys are not worth protecting against
/// chosen collisions (the memos are bounded, word hashes are only compared
/// within one document).
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod glyph_text_tests {
    use super::GlyphText;

    #[test]
    fn every_text_reads_back() {
        let mut all: Vec<String> = (0u32..0x3000)
            .filter_map(char::from_u32)
            .map(|c| c.to_string())
            .collect();
        all.extend(
            [
                "é",
                "\u{80}",
                "\u{7FF}",
                "\u{800}",
                "\u{1FFF}",
                "\u{2000}",
                "’",
                "…",
                "€",
                "\u{21FF}",
                "\u{2200}",
                "ﬁ",
                "",
                "fi",
                "Ω≈ç√",
                "a very long text from an ActualText span",
            ]
            .map(String::from),
        );
        for s in &all {
            let t = GlyphText::from(s.as_str());
            assert_eq!(t.as_str(), s);
            assert_eq!(t.is_empty(), s.is_empty());
            assert_eq!(t.is_space(), s == " ");
            assert_eq!(GlyphText::from(s.clone()).is_space(), s == " ");
            assert_eq!(GlyphText::from(s.clone()), t);
            if let (Some(c), 1) = (s.chars().next(), s.chars().count()) {
                assert_eq!(GlyphText::from(c), t);
                assert_eq!(GlyphText::from(c).is_space(), c == ' ');
            }
        }
        assert!(GlyphText::default().is_empty());
    }
}
