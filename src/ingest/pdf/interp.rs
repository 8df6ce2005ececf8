//! Content-stream interpreter: page content → positioned Unicode glyphs.
//!
//! Implements the text state (Tf, Tm, Td, TD, T*, TL, Tc, Tw, Tz, Ts),
//! the graphics state (cm, q/Q), the text-showing operators (Tj, TJ, ', "),
//! form XObjects (depth limit and cycle guard), marked content with
//! `/ActualText`, inherited page attributes and `/Rotate`.
//!
//! Glyph coordinates are given in the upright page: the crop box moved to
//! the origin and rotated as a viewer would show it.

use std::collections::HashMap;
use std::rc::Rc;

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::content::{Item, Items, Lexer, Op};
use super::fonts::Font;
use super::{Glyph, GlyphText, PageGlyphs, Rule};
use crate::error::Warning;
use crate::ingest::IngestOptions;

/// The normal appearance (`/AP /N`) of an annotation; for a check box or
/// radio button, the one of its current state (`/AS`).
fn appearance<'a>(doc: &'a Document, annot: &'a Dictionary) -> Option<&'a Object> {
    let normal = deref(doc, annot.get(b"AP").ok()?)
        .as_dict()
        .ok()?
        .get(b"N")
        .ok()?;
    match deref(doc, normal) {
        Object::Dictionary(states) => {
            let state = deref(doc, annot.get(b"AS").ok()?).as_name().ok()?;
            states.get(state).ok()
        }
        _ => Some(normal),
    }
}

/// An attribute of a form field, inherited from its `/Parent` fields.
fn field_attr<'a>(doc: &'a Document, field: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    let mut dict = field;
    for _ in 0..MAX_TREE_DEPTH {
        if let Ok(v) = dict.get(key) {
            return Some(deref(doc, v));
        }
        dict = deref(doc, dict.get(b"Parent").ok()?).as_dict().ok()?;
    }
    None
}

/// The value of a text field (or of a combo box) whose appearance stream
/// shows nothing, as a viewer draws it when the form asks for appearances
/// to be generated (`/NeedAppearances`): one line of glyphs per line of the
/// value at the left of `/Rect`, in the size of `/DA` (advances of half the
/// size: no font program is involved). Password fields are not shown.
fn field_value(doc: &Document, widget: &Dictionary, r: [f32; 4], run: &mut Run) {
    let kind = field_attr(doc, widget, b"FT").and_then(|o| o.as_name().ok());
    let flags = field_attr(doc, widget, b"Ff")
        .and_then(|o| o.as_i64().ok())
        .unwrap_or(0);
    const MULTILINE: i64 = 1 << 12;
    const PASSWORD: i64 = 1 << 13;
    const COMBO: i64 = 1 << 17;
    let shown = match kind {
        Some(b"Tx") => flags & PASSWORD == 0,
        Some(b"Ch") => flags & COMBO != 0,
        _ => false,
    };
    let Some(Object::String(value, _)) = field_attr(doc, widget, b"V").filter(|_| shown) else {
        return;
    };
    let value = super::encoding::text_string(value);
    let da = field_attr(doc, widget, b"DA");
    lay_out_text(&value, da, flags & MULTILINE != 0, r, run);
}

/// The text of a free-text annotation without an appearance stream
/// (`/Contents`, laid out in its `/DA` size as [`field_value`] lays a value
/// out): pdftotext and MuPDF show it, as viewers draw it.
fn free_text_contents(doc: &Document, annot: &Dictionary, r: [f32; 4], run: &mut Run) {
    let Some(Object::String(text, _)) = annot.get(b"Contents").ok().map(|o| deref(doc, o)) else {
        return;
    };
    let text = super::encoding::text_string(text);
    let da = annot.get(b"DA").ok().map(|o| deref(doc, o));
    lay_out_text(&text, da, true, r, run);
}

/// `value` as glyphs at the left of `r`, one line per line, in the size of
/// the `/DA` string `da` (advances of half the size: no font program is
/// involved).
fn lay_out_text(value: &str, da: Option<&Object>, multiline: bool, r: [f32; 4], run: &mut Run) {
    if value.trim().is_empty() {
        return;
    }
    // `/DA (0.3 g /F3 11 Tf)`: the number before Tf; 0 means "fit".
    let da_size = da
        .and_then(|o| o.as_str().ok())
        .and_then(|da| {
            let toks: Vec<&[u8]> = da
                .split(|b| b.is_ascii_whitespace())
                .filter(|t| !t.is_empty())
                .collect();
            let at = toks.iter().position(|t| *t == b"Tf")?;
            let n = toks.get(at.checked_sub(1)?)?;
            std::str::from_utf8(n).ok()?.parse::<f32>().ok()
        })
        .filter(|s| s.is_finite() && *s > 0.0);
    let height = r[3] - r[1];
    let size = da_size.unwrap_or(if multiline {
        12.0
    } else {
        (0.7 * height).min(12.0)
    });
    let m = run.page_m;
    let deg = m[1].atan2(m[0]).to_degrees();
    let dir = (((deg / 90.0).round() as i32).rem_euclid(4) * 90) as i16;
    let mut y = if multiline {
        r[3] - 2.0 - 0.9 * size
    } else {
        r[1] + 0.5 * (height - size) + 0.22 * size
    };
    // Text strings break lines with CR as often as LF.
    let value = value.replace("\r\n", "\n").replace('\r', "\n");
    for line in value.lines() {
        let mut x = r[0] + 2.0;
        for c in line.chars() {
            if run.glyphs.len() >= run.max_glyphs {
                return;
            }
            let (px, py) = apply(&m, x, y);
            let w = 0.5 * size;
            run.glyphs.push(Glyph {
                text: c.to_string().into(),
                x: px,
                y: py,
                width: w,
                size,
                font: u32::MAX,
                dir,
                space: c == ' ',
            });
            x += w;
        }
        y -= 1.15 * size;
    }
}

/// Affine matrix `[a b c d e f]`, row-vector convention as in the PDF spec.
type M = [f32; 6];
const IDENTITY: M = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

fn mul(m: &M, n: &M) -> M {
    [
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    ]
}

fn apply(m: &M, x: f32, y: f32) -> (f32, f32) {
    (x * m[0] + y * m[2] + m[4], x * m[1] + y * m[3] + m[5])
}

/// Upper bounds that keep a hostile page from running forever: operators
/// executed per page (forms included) and glyphs kept per page.
const MAX_OPS_PER_PAGE: usize = 20_000_000;
const MAX_GLYPHS_PER_PAGE: usize = 2_000_000;
/// The same bounds for the whole document: a small file whose pages all
/// draw the same heavy content (one page listed many times in `/Kids`,
/// nested forms) must not multiply the per-page bounds by its page count.
/// They grow with the page count (a 3,000-page report shows 8 million
/// glyphs), from a floor to a ceiling that keeps the worst file to
/// seconds of work.
const MIN_OPS_PER_DOC: usize = 40_000_000;
const MIN_GLYPHS_PER_DOC: usize = 4_000_000;
const OPS_PER_PAGE_OF_DOC: usize = 100_000;
const GLYPHS_PER_PAGE_OF_DOC: usize = 10_000;
const MAX_OPS_PER_DOC: usize = 400_000_000;
const MAX_GLYPHS_PER_DOC: usize = 40_000_000;
/// (resource dictionary, font name) pairs remembered by [`Interp::font`].
const MAX_TF_MEMO: usize = 64;
/// The code of the warning that names the pages a document's budget left
/// unread (always the last pages of the document, from the warning's page).
pub const PAGES_NOT_READ: &str = "pdf_pages_not_read";
/// Rulings kept per page (a chart or a drawing can have many more lines
/// than any table needs) and points kept per path.
const MAX_RULES_PER_PAGE: usize = 20_000;
const MAX_PATH_POINTS: usize = 4_096;
/// Glyphs reserved at most per page before the page is run.
const MAX_GLYPH_RESERVE: usize = 1 << 16;
/// Parent hops when inheriting page attributes.
const MAX_TREE_DEPTH: usize = 64;

#[derive(Clone)]
struct GState {
    ctm: M,
    font: Option<usize>,
    size: f32,
    char_spacing: f32,
    word_spacing: f32,
    hscale: f32,
    leading: f32,
    rise: f32,
    /// Line width, in user space units.
    line_width: f32,
    /// The fill and stroke colours are white: what they paint is not seen
    /// on a white page (page backgrounds, white boxes), and is no ruling.
    fill_white: bool,
    stroke_white: bool,
}

impl Default for GState {
    fn default() -> Self {
        GState {
            ctm: IDENTITY,
            font: None,
            size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            hscale: 1.0,
            leading: 0.0,
            rise: 0.0,
            line_width: 1.0,
            fill_white: false,
            stroke_white: false,
        }
    }
}

/// An image drawn on a page: the unit square of image space (row 0 of the
/// samples at the top, `v = 1`) goes to `matrix` in upright page space.
#[derive(Debug, Clone, PartialEq)]
pub struct DrawnImage {
    pub page: u32,
    /// The image XObject; `None` for an inline image.
    pub id: Option<ObjectId>,
    pub matrix: [f32; 6],
}

/// Images remembered per document ([`Interp::drawn_images`]).
const MAX_DRAWN_IMAGES: usize = 100_000;

/// Per-document interpreter: fonts are parsed once and shared by pages.
pub struct Interp<'a> {
    doc: &'a Document,
    opts: &'a IngestOptions,
    font_ids: HashMap<FontKey, usize>,
    fonts: Vec<(Rc<Font>, u32)>,
    /// Fonts already selected, by resource dictionary (its address, stable
    /// while `doc` lives) and resource name: a page selects the same few
    /// fonts hundreds of times, and each `Tf` would otherwise look the name
    /// up in `/Font` and dereference it again. Bounded ([`MAX_TF_MEMO`]).
    tf_memo: Vec<(usize, Box<[u8]>, usize)>,
    pub warnings: Vec<Warning>,
    /// Image XObjects and inline images met, for image-only detection.
    pub images: u32,
    /// Where each image was drawn, for OCR (pages without a text layer).
    pub drawn_images: Vec<DrawnImage>,
    /// Decoded form XObjects: a form drawn many times is inflated once.
    forms: HashMap<ObjectId, Rc<[u8]>>,
    /// Operators and glyphs spent by the pages already run.
    ops_spent: usize,
    glyphs_spent: usize,
    /// The document's budgets (see [`MIN_OPS_PER_DOC`]).
    max_ops_doc: usize,
    max_glyphs_doc: usize,
    /// Pages skipped once the document's budget is spent: how many, the
    /// first and the last.
    pages_skipped: u32,
    skipped_range: Option<(u32, u32)>,
    /// Glyphs shown and content bytes of the pages run, and of the last
    /// one, for the glyph reserve of the next page.
    glyphs_per_byte: (usize, usize),
    last_glyphs_per_byte: (usize, usize),
}

#[derive(Hash, PartialEq, Eq)]
enum FontKey {
    Id(ObjectId),
    /// A direct font dictionary, by address (stable while `doc` lives).
    Direct(usize),
}

/// State of one page run.
struct Run<'r> {
    page: u32,
    /// User space → upright page space.
    page_m: M,
    /// Rotation in degrees applied by `page_m` (for glyph direction).
    rotate: i32,
    glyphs: Vec<Glyph>,
    gs: GState,
    stack: Vec<GState>,
    tm: M,
    tlm: M,
    /// Marked-content stack: `Some((first glyph, text))` for ActualText spans.
    marked: Vec<Option<(usize, String)>>,
    ops: usize,
    /// Bounds for this page: the per-page ones, or what is left of the
    /// document's when less.
    max_ops: usize,
    max_glyphs: usize,
    forms: Vec<ObjectId>,
    stopped: bool,
    /// Bits of the linear parts of Tm and the CTM, of the size and the
    /// horizontal scaling, and vertical writing, of the last string shown;
    /// with the linear part of its glyph matrix, its advance scale, glyph
    /// size and direction.
    scale_memo: Option<ScaleMemo>,
    /// The path being built, and the rulings painted so far.
    path: Path,
    rules: Vec<Rule>,
    /// Off while annotation appearances are drawn: a form field's border
    /// is no table ruling.
    keep_rules: bool,
    _p: std::marker::PhantomData<&'r ()>,
}

/// The current path: its points in upright page space and its subpaths.
#[derive(Default)]
struct Path {
    points: Vec<(f32, f32)>,
    subs: Vec<SubPath>,
    /// More than [`MAX_PATH_POINTS`] points: the path is not kept.
    overflow: bool,
}

#[derive(Clone, Copy)]
struct SubPath {
    /// Its points are `points[start..end]`.
    start: usize,
    end: usize,
    closed: bool,
    /// Has a Bézier segment: not a ruling.
    curved: bool,
}

impl Path {
    fn clear(&mut self) {
        self.points.clear();
        self.subs.clear();
        self.overflow = false;
    }

    fn push(&mut self, p: (f32, f32)) -> bool {
        if self.points.len() >= MAX_PATH_POINTS {
            self.overflow = true;
            return false;
        }
        self.points.push(p);
        true
    }

    fn move_to(&mut self, p: (f32, f32)) {
        let start = self.points.len();
        if self.push(p) {
            self.subs.push(SubPath {
                start,
                end: start + 1,
                closed: false,
                curved: false,
            });
        }
    }

    /// A segment (or, `curved`, a curve) to `p` from the current point.
    fn line_to(&mut self, p: (f32, f32), curved: bool) {
        if self.subs.is_empty() || !self.push(p) {
            return;
        }
        let end = self.points.len();
        if let Some(sub) = self.subs.last_mut() {
            sub.end = end;
            sub.curved |= curved;
        }
    }

    fn close(&mut self) {
        if let Some(sub) = self.subs.last_mut() {
            sub.closed = true;
        }
    }
}

type ScaleMemo = (([u32; 10], bool), ([f32; 4], f32, f32, i16));

fn deref<'a>(doc: &'a Document, obj: &'a Object) -> &'a Object {
    doc.dereference(obj).map(|(_, o)| o).unwrap_or(obj)
}

fn num(o: &Object) -> f32 {
    o.as_float().ok().filter(|v| v.is_finite()).unwrap_or(0.0)
}

fn nums<const N: usize>(ops: &[Object]) -> Option<[f32; N]> {
    let v: Vec<f32> = ops.iter().map(num).collect();
    v.get(..N).and_then(|s| <[f32; N]>::try_from(s).ok())
}

/// [`num`] of an operand: 0 when it is not a finite number.
fn arg(op: &Op, i: usize) -> f32 {
    op.float(i).filter(|v| v.is_finite()).unwrap_or(0.0)
}

/// The first `N` operands as numbers ([`nums`]).
fn args<const N: usize>(op: &Op) -> Option<[f32; N]> {
    (op.len() >= N).then(|| std::array::from_fn(|i| arg(op, i)))
}

fn rect(doc: &Document, o: &Object) -> Option<[f32; 4]> {
    let a = deref(doc, o).as_array().ok()?;
    let v: Vec<f32> = a.iter().map(|o| num(deref(doc, o))).collect();
    let [x0, y0, x1, y1] = <[f32; 4]>::try_from(v.get(..4)?).ok()?;
    let r = [x0.min(x1), y0.min(y1), x0.max(x1), y0.max(y1)];
    (r[2] > r[0] && r[3] > r[1]).then_some(r)
}

impl<'a> Interp<'a> {
    /// `pages`: the document's page count (the budgets grow with it).
    pub fn new(doc: &'a Document, opts: &'a IngestOptions, pages: usize) -> Self {
        Interp {
            doc,
            opts,
            font_ids: HashMap::new(),
            fonts: Vec::new(),
            tf_memo: Vec::new(),
            warnings: Vec::new(),
            images: 0,
            drawn_images: Vec::new(),
            forms: HashMap::new(),
            ops_spent: 0,
            glyphs_spent: 0,
            max_ops_doc: pages
                .saturating_mul(OPS_PER_PAGE_OF_DOC)
                .clamp(MIN_OPS_PER_DOC, MAX_OPS_PER_DOC),
            max_glyphs_doc: pages
                .saturating_mul(GLYPHS_PER_PAGE_OF_DOC)
                .clamp(MIN_GLYPHS_PER_DOC, MAX_GLYPHS_PER_DOC),
            pages_skipped: 0,
            skipped_range: None,
            glyphs_per_byte: (0, 0),
            last_glyphs_per_byte: (0, 0),
        }
    }

    /// A page attribute, looked up the page tree (`/Parent`) when absent.
    fn inherited(&self, page: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
        let mut dict = page;
        for _ in 0..MAX_TREE_DEPTH {
            if let Ok(v) = dict.get(key) {
                return Some(deref(self.doc, v));
            }
            dict = deref(self.doc, dict.get(b"Parent").ok()?).as_dict().ok()?;
        }
        None
    }

    /// Interprets page `number` (1-based) with object id `id`.
    pub fn page(&mut self, number: u32, id: ObjectId) -> PageGlyphs {
        self.page_with(number, id, None)
    }

    /// [`Interp::page`] with the page's content already decoded, when
    /// `content` gives it (as `page_content` decodes it, with its
    /// warnings): a long document's contents are decoded on the pool ahead
    /// of the interpreter.
    pub fn page_with(&mut self, number: u32, id: ObjectId, content: Option<Content>) -> PageGlyphs {
        let doc = self.doc;
        let Ok(page) = doc.get_dictionary(id) else {
            self.warnings.push(
                Warning::new(
                    "pdf_page_error",
                    "page object is missing or not a dictionary",
                )
                .on_page(number),
            );
            return PageGlyphs {
                number,
                ..PageGlyphs::default()
            };
        };
        let media = self
            .inherited(page, b"MediaBox")
            .and_then(|o| rect(doc, o))
            .unwrap_or([0.0, 0.0, 612.0, 792.0]);
        let crop = self
            .inherited(page, b"CropBox")
            .and_then(|o| rect(doc, o))
            .map(|c| {
                [
                    c[0].max(media[0]),
                    c[1].max(media[1]),
                    c[2].min(media[2]),
                    c[3].min(media[3]),
                ]
            })
            .filter(|c| c[2] > c[0] && c[3] > c[1])
            .unwrap_or(media);
        let rotate = self
            .inherited(page, b"Rotate")
            .and_then(|o| o.as_i64().ok())
            .map(|r| (r.rem_euclid(360) / 90 * 90) as i32)
            .unwrap_or(0);
        let [x0, y0, x1, y1] = crop;
        let (w, h) = (x1 - x0, y1 - y0);
        // User space → upright page: translate the crop box to the origin,
        // then rotate clockwise by /Rotate.
        let (page_m, bbox) = match rotate {
            90 => ([0.0, -1.0, 1.0, 0.0, -y0, x1], [0.0, 0.0, h, w]),
            180 => ([-1.0, 0.0, 0.0, -1.0, x1, y1], [0.0, 0.0, w, h]),
            270 => ([0.0, 1.0, -1.0, 0.0, y1, -x0], [0.0, 0.0, h, w]),
            _ => ([1.0, 0.0, 0.0, 1.0, -x0, -y0], [0.0, 0.0, w, h]),
        };
        let resources = self
            .inherited(page, b"Resources")
            .and_then(|o| o.as_dict().ok());
        let max_ops = MAX_OPS_PER_PAGE.min(self.max_ops_doc.saturating_sub(self.ops_spent));
        let max_glyphs =
            MAX_GLYPHS_PER_PAGE.min(self.max_glyphs_doc.saturating_sub(self.glyphs_spent));
        if max_ops == 0 || max_glyphs == 0 {
            // Reported once, with every page skipped, by `finish`.
            self.pages_skipped = self.pages_skipped.saturating_add(1);
            self.skipped_range = Some(match self.skipped_range {
                Some((first, _)) => (first, number),
                None => (number, number),
            });
            return PageGlyphs {
                number,
                bbox,
                glyphs: Vec::new(),
                rules: Vec::new(),
            };
        }
        let data = match content {
            Some(Content { data, warnings }) => {
                self.warnings.extend(warnings);
                data
            }
            None => page_content(doc, self.opts, page, number, &mut self.warnings),
        };
        // Reserved from the content length, so that the glyph Vec is not
        // regrown and copied many times: at the glyphs per byte of the pages
        // already run (one producer writes its pages alike, but from 0.04
        // glyph per byte, Chromium placing each glyph with its own `Td`, to
        // 0.8, enscript's plain strings), or at those of the last page when
        // more (a document joined from several producers changes from one
        // to the next: the average took tens of pages to follow, each page
        // regrowing its Vec several times), with an eighth more for slack;
        // half the length for the first page. Bounded, so that a huge
        // stream of other operators does not reserve megabytes it never
        // fills.
        let at =
            |(glyphs, bytes): (usize, usize)| data.len().saturating_mul(glyphs).checked_div(bytes);
        let reserve = match (at(self.glyphs_per_byte), at(self.last_glyphs_per_byte)) {
            (Some(all), last) => {
                let expected = all.max(last.unwrap_or(0));
                expected.saturating_add(expected / 8)
            }
            (None, _) => data.len() / 2,
        };
        let reserve = reserve.min(max_glyphs).min(MAX_GLYPH_RESERVE);
        let mut run = Run {
            page: number,
            page_m,
            rotate,
            glyphs: Vec::with_capacity(reserve),
            gs: GState::default(),
            stack: Vec::new(),
            tm: IDENTITY,
            tlm: IDENTITY,
            marked: Vec::new(),
            ops: 0,
            max_ops,
            max_glyphs,
            forms: Vec::new(),
            stopped: false,
            scale_memo: None,
            path: Path::default(),
            rules: Vec::new(),
            keep_rules: true,
            _p: std::marker::PhantomData,
        };
        self.run(&mut run, &data, resources, 0);
        run.keep_rules = false;
        self.annotations(&mut run, page, resources);
        self.ops_spent = self.ops_spent.saturating_add(run.ops);
        self.glyphs_spent = self.glyphs_spent.saturating_add(run.glyphs.len());
        self.glyphs_per_byte = (
            self.glyphs_per_byte.0.saturating_add(run.glyphs.len()),
            self.glyphs_per_byte.1.saturating_add(data.len()),
        );
        self.last_glyphs_per_byte = (run.glyphs.len(), data.len());
        PageGlyphs {
            number,
            bbox,
            glyphs: run.glyphs,
            rules: run.rules,
        }
    }

    fn run(&mut self, run: &mut Run, data: &[u8], resources: Option<&'a Dictionary>, depth: u32) {
        let mut lexer = Lexer::new(data);
        while let Some(read) = lexer.next() {
            if run.stopped {
                return;
            }
            match read {
                Ok(()) => {
                    run.ops += 1;
                    if run.ops > run.max_ops {
                        self.warnings.push(
                            Warning::new(
                                "pdf_limit",
                                format!(
                                    "more than {} operators: the rest of the page is skipped",
                                    run.max_ops
                                ),
                            )
                            .on_page(run.page),
                        );
                        run.stopped = true;
                        return;
                    }
                    self.exec(run, &lexer.op(), resources, depth);
                }
                Err(e) => {
                    self.content_repairs(run, &lexer);
                    self.warnings.push(
                        Warning::new(
                            "pdf_content_error",
                            format!(
                                "content stream broken ({e}); the text before the error is kept, \
                                 the rest of the stream is lost"
                            ),
                        )
                        .on_page(run.page),
                    );
                    return;
                }
            }
        }
        self.content_repairs(run, &lexer);
        if lexer.cut_short() {
            self.warnings.push(
                Warning::new(
                    "pdf_content_error",
                    "content stream cut short at a token that cannot be read; the text before \
                     it is kept, the rest of the stream is lost",
                )
                .on_page(run.page),
            );
        }
    }

    /// One warning for the malformed tokens of a content stream that were
    /// read through (see `content`): the text around them is kept.
    fn content_repairs(&mut self, run: &Run, lexer: &Lexer) {
        let n = lexer.repairs();
        if n > 0 {
            self.warnings.push(
                Warning::new(
                    "pdf_content_repaired",
                    format!(
                        "content stream: {n} malformed token(s) read through as pdftotext \
                         reads them (an operator inside an array skipped, a number written `-` \
                         or `.` read as 0, a stray byte skipped); the text around them is kept"
                    ),
                )
                .on_page(run.page),
            );
        }
    }

    // Inlined into the operator loop of `run`, its only caller: one call
    // per operator less.
    #[inline]
    fn exec(&mut self, run: &mut Run, op: &Op, res: Option<&'a Dictionary>, depth: u32) {
        match op.operator {
            // A q without Q is legal; the cap only bounds memory.
            b"q" if run.stack.len() < 1024 => run.stack.push(run.gs.clone()),
            b"Q" => {
                if let Some(g) = run.stack.pop() {
                    run.gs = g;
                }
            }
            b"cm" => {
                if let Some(m) = args::<6>(op) {
                    run.gs.ctm = mul(&m, &run.gs.ctm);
                }
            }
            b"BT" => {
                run.tm = IDENTITY;
                run.tlm = IDENTITY;
            }
            b"Tf" => {
                if let (Some(name), true) = (op.name(0), op.len() > 1) {
                    run.gs.font = self.font(res, name, run.page);
                    run.gs.size = arg(op, 1);
                }
            }
            b"Tc" => run.gs.char_spacing = if op.is_empty() { 0.0 } else { arg(op, 0) },
            b"Tw" => run.gs.word_spacing = if op.is_empty() { 0.0 } else { arg(op, 0) },
            b"Tz" => run.gs.hscale = if op.is_empty() { 100.0 } else { arg(op, 0) } / 100.0,
            b"TL" => run.gs.leading = if op.is_empty() { 0.0 } else { arg(op, 0) },
            b"Ts" => run.gs.rise = if op.is_empty() { 0.0 } else { arg(op, 0) },
            b"Td" => {
                if let Some([tx, ty]) = args::<2>(op) {
                    next_line(run, tx, ty);
                }
            }
            b"TD" => {
                if let Some([tx, ty]) = args::<2>(op) {
                    run.gs.leading = -ty;
                    next_line(run, tx, ty);
                }
            }
            b"Tm" => {
                if let Some(m) = args::<6>(op) {
                    run.tm = m;
                    run.tlm = m;
                }
            }
            b"T*" => {
                let l = run.gs.leading;
                next_line(run, 0.0, -l);
            }
            b"Tj" => {
                if let Some(s) = op.string_items(0) {
                    self.show(run, s);
                }
            }
            b"'" => {
                let l = run.gs.leading;
                next_line(run, 0.0, -l);
                if let Some(s) = op.string_items(0) {
                    self.show(run, s);
                }
            }
            b"\"" if op.len() >= 3 => {
                run.gs.word_spacing = arg(op, 0);
                run.gs.char_spacing = arg(op, 1);
                let l = run.gs.leading;
                next_line(run, 0.0, -l);
                if let Some(s) = op.string_items(2) {
                    self.show(run, s);
                }
            }
            b"TJ" => {
                if let Some(items) = op.array(0) {
                    self.show(run, items);
                }
            }
            b"BDC" | b"BMC" => {
                let actual = if op.operator == b"BDC" && op.len() > 1 {
                    self.actual_text(op, 1, res)
                } else {
                    None
                };
                // Nested ActualText spans are covered by the outer one.
                let inside = run.marked.iter().any(Option::is_some);
                run.marked
                    .push(actual.filter(|_| !inside).map(|t| (run.glyphs.len(), t)));
            }
            b"EMC" => {
                if let Some(Some((start, text))) = run.marked.pop() {
                    replace_span(run, start, text);
                }
            }
            b"Do" => {
                if let Some(name) = op.name(0) {
                    self.xobject(run, name, res, depth);
                }
            }
            b"BI" => {
                self.images += 1;
                self.drawn(run, None);
            }
            // Paths: only what a table finder needs (straight lines and
            // rectangles, their widths and whether they are seen).
            b"m" | b"l" | b"c" | b"v" | b"y" | b"re" | b"h" if run.keep_rules => {
                path_op(run, op);
            }
            b"S" | b"s" | b"f" | b"F" | b"f*" | b"B" | b"B*" | b"b" | b"b*" => {
                if run.keep_rules {
                    paint(run, op.operator);
                }
                run.path.clear();
            }
            b"n" => run.path.clear(),
            b"w" => run.gs.line_width = arg(op, 0),
            b"g" | b"rg" | b"k" | b"sc" | b"scn" | b"cs" => run.gs.fill_white = white(op),
            b"G" | b"RG" | b"K" | b"SC" | b"SCN" | b"CS" => run.gs.stroke_white = white(op),
            _ => {}
        }
    }

    /// The `/ActualText` of the properties in operand `i`: an inline
    /// dictionary, or a name in the resources' `/Properties`.
    fn actual_text(&self, op: &Op, i: usize, res: Option<&'a Dictionary>) -> Option<String> {
        let dict = match (op.dict(i), op.name(i)) {
            (Some(d), _) => d,
            (None, Some(n)) => {
                let p = deref(self.doc, res?.get(b"Properties").ok()?)
                    .as_dict()
                    .ok()?;
                deref(self.doc, p.get(n).ok()?).as_dict().ok()?
            }
            _ => return None,
        };
        let text = deref(self.doc, dict.get(b"ActualText").ok()?);
        lopdf::decode_text_string(text).ok()
    }

    fn font(&mut self, res: Option<&'a Dictionary>, name: &[u8], page: u32) -> Option<usize> {
        let res_key = res? as *const Dictionary as usize;
        // Only fonts found are remembered: a missing one warns at each Tf.
        if let Some(&(_, _, i)) = self
            .tf_memo
            .iter()
            .rev()
            .find(|(r, n, _)| *r == res_key && **n == *name)
        {
            return Some(i);
        }
        let i = self.resolve_font(res, name, page)?;
        // Full, it starts again: a document whose every page has
        // resources of its own (a join of many files, some producers)
        // filled it on its first pages and then missed on every `Tf`.
        if self.tf_memo.len() >= MAX_TF_MEMO {
            self.tf_memo.clear();
        }
        self.tf_memo.push((res_key, name.into(), i));
        Some(i)
    }

    /// [`Interp::font`] without the memo: the font named `name` in the
    /// resources, loaded on its first use in the document.
    fn resolve_font(
        &mut self,
        res: Option<&'a Dictionary>,
        name: &[u8],
        page: u32,
    ) -> Option<usize> {
        let doc = self.doc;
        let fonts = deref(doc, res?.get(b"Font").ok()?).as_dict().ok();
        let Some(entry) = fonts.and_then(|f| f.get(name).ok()) else {
            self.warnings.push(
                Warning::new(
                    "pdf_font_missing",
                    format!(
                        "font /{} is not in the page resources; its text is skipped",
                        String::from_utf8_lossy(name)
                    ),
                )
                .on_page(page),
            );
            return None;
        };
        let Some((id, dict)) = doc
            .dereference(entry)
            .ok()
            .and_then(|(id, obj)| Some((id, obj.as_dict().ok()?)))
        else {
            let which = match entry {
                Object::Reference((n, g)) => format!(" (object {n} {g} R)"),
                _ => String::new(),
            };
            self.warnings.push(
                Warning::new(
                    "pdf_font_missing",
                    format!(
                        "font /{}{which} cannot be read (a missing or damaged object); its text \
                         is skipped",
                        String::from_utf8_lossy(name)
                    ),
                )
                .on_page(page),
            );
            return None;
        };
        let key = match id {
            Some(id) => FontKey::Id(id),
            None => FontKey::Direct(dict as *const Dictionary as usize),
        };
        if let Some(&i) = self.font_ids.get(&key) {
            return Some(i);
        }
        let font = Font::load(
            doc,
            dict,
            &String::from_utf8_lossy(name),
            self.opts.max_stream_bytes,
        );
        for (code, message) in &font.notes {
            self.warnings
                .push(Warning::new(code, message.clone()).on_page(page));
        }
        let i = self.fonts.len();
        self.fonts.push((Rc::new(font), page));
        self.font_ids.insert(key, i);
        Some(i)
    }

    /// Shows the strings of a `Tj` (one item) or a `TJ` (strings and
    /// position adjustments). Everything but the translation of the text
    /// matrix stays the same through a `TJ` (its adjustments only move the
    /// text), so the font, the scales and the direction are worked out once
    /// per operator, not once per string: TeX and XeTeX write a `TJ` per
    /// line with an adjustment between every few glyphs.
    fn show(&mut self, run: &mut Run, items: Items) {
        let (size, th) = (run.gs.size, run.gs.hscale);
        // Borrowed apart from the warnings pushed below: no `Rc` count
        // traffic per string (Chromium shows one glyph per `Tj`).
        let (fonts, warnings) = (&self.fonts, &mut self.warnings);
        let Some((fi, (font, _))) = run.gs.font.and_then(|fi| Some((fi, fonts.get(fi)?))) else {
            // Without a font strings show nothing; adjustments still move.
            for item in items {
                if let Item::Num(n) = item {
                    tj_adjust(&mut run.tm, n, size, th, false);
                }
            }
            return;
        };
        let gs = &run.gs;
        let (ctm, pm) = (gs.ctm, run.page_m);
        // The effective size is the Tf size through Tm and the CTM. For Type 3
        // fonts the FontMatrix only says how big glyph units are, not how
        // tall the glyphs are, so it does not enter the size (AFP and
        // matplotlib files size their Type 3 fonts with Tf like any other).
        // Only the translation of the text matrix changes from glyph to
        // glyph: what depends on the rest of the matrix (direction, scale)
        // is computed once.
        // The linear part of `m = tm × ctm × page_m` depends only on the
        // linear parts of the three (`page_m` is fixed for the run), and
        // the sizes and direction below only on it, `size`, `th` and the
        // writing mode: consecutive strings mostly share all of them (a
        // `Td` between two `Tj` moves only the translation), so they are
        // remembered by these inputs and the two matrix products, the two
        // `hypot` and the `atan2` are skipped then. Same inputs, same
        // operations: the values are bit-identical.
        let mut tm = run.tm;
        let key = [
            tm[0], tm[1], tm[2], tm[3], ctm[0], ctm[1], ctm[2], ctm[3], size, th,
        ]
        .map(f32::to_bits);
        let vertical = font.vertical;
        // Compared word by word: `==` on the arrays calls `memcmp`, which
        // costs more than the comparison itself.
        let same = |k: &[u32; 10]| k.iter().zip(&key).fold(0, |d, (a, b)| d | (a ^ b)) == 0;
        let (lin, advance_scale, glyph_size, dir) = match run.scale_memo {
            Some(((k, v), memo)) if v == vertical && same(&k) => memo,
            _ => {
                let m = mul(&mul(&tm, &ctm), &pm);
                let (ax, ay) = (m[0] * size * th, m[1] * size * th);
                let (bx, by) = (m[2] * size, m[3] * size);
                let dir = if vertical {
                    -1
                } else {
                    let deg = ay.atan2(ax).to_degrees();
                    (((deg / 90.0).round() as i32).rem_euclid(4) * 90) as i16
                };
                let memo = ([m[0], m[1], m[2], m[3]], ax.hypot(ay), bx.hypot(by), dir);
                run.scale_memo = Some(((key, vertical), memo));
                memo
            }
        };
        // The glyph origin is `apply(&mul(&mul(&run.tm, ctm), page_m), 0.0,
        // rise)`; of that product only the translation moves from glyph to
        // glyph, so the rest is taken from `lin` above and the translation is
        // computed alone, with the same operations in the same order (the
        // coordinates stay bit-identical).
        let rise = run.gs.rise;
        let (x_lin, y_lin) = (0.0 * lin[0] + rise * lin[2], 0.0 * lin[1] + rise * lin[3]);
        // What the loop reads, in locals: the glyph pushes would otherwise
        // make the compiler reload them from `run` at every glyph.
        let (char_spacing, word_spacing) = (run.gs.char_spacing, run.gs.word_spacing);
        let codes = font.codes();
        // Glyphs the page may still take: counted down in a register, where
        // the length and the bound were loaded from `run` at every glyph.
        let mut left = run.max_glyphs.saturating_sub(run.glyphs.len());
        for item in items {
            let s = match item {
                Item::Str(s) => s,
                Item::Num(n) => {
                    tj_adjust(&mut tm, n, size, th, vertical);
                    continue;
                }
            };
            let mut rest = s;
            while !rest.is_empty() {
                let (code, len) = codes.next_code(rest);
                rest = rest.get(usize::from(len)..).unwrap_or_default();
                let (e, f) = (
                    tm[4] * ctm[0] + tm[5] * ctm[2] + ctm[4],
                    tm[4] * ctm[1] + tm[5] * ctm[3] + ctm[5],
                );
                let (x, y) = (
                    x_lin + (e * pm[0] + f * pm[2] + pm[4]),
                    y_lin + (e * pm[1] + f * pm[3] + pm[5]),
                );
                let glyphs = &mut run.glyphs;
                let room = left > 0;
                let w0 = font.with_glyph(code, len, |text, w0, space| {
                    if room {
                        glyphs.push(Glyph {
                            space,
                            text: text.clone(),
                            x,
                            y,
                            width: w0 * advance_scale,
                            size: glyph_size,
                            font: fi as u32,
                            dir,
                        });
                    }
                    w0
                });
                if !room {
                    // The page stops at the next operator: the text
                    // matrix no longer matters.
                    if !run.stopped {
                        run.stopped = true;
                        warnings.push(
                            Warning::new(
                                "pdf_limit",
                                format!(
                                    "more than {} glyphs on the page: the rest is skipped",
                                    run.max_glyphs
                                ),
                            )
                            .on_page(run.page),
                        );
                    }
                    return;
                }
                left -= 1;
                let spacing = spacing(char_spacing, word_spacing, font, code, len);
                if vertical {
                    translate(&mut tm, 0.0, -size + spacing);
                } else {
                    translate(&mut tm, (w0 * size + spacing) * th, 0.0);
                }
            }
        }
        run.tm = tm;
        let _ = run.rotate;
    }

    fn xobject(&mut self, run: &mut Run, name: &[u8], res: Option<&'a Dictionary>, depth: u32) {
        let doc = self.doc;
        let Some(entry) = res
            .and_then(|r| r.get(b"XObject").ok())
            .and_then(|o| deref(doc, o).as_dict().ok())
            .and_then(|x| x.get(name).ok())
        else {
            return;
        };
        self.draw_xobject(run, entry, res, depth);
    }

    /// Draws the XObject `entry` (a reference or a stream) in the current
    /// graphics state.
    fn draw_xobject(
        &mut self,
        run: &mut Run,
        entry: &'a Object,
        res: Option<&'a Dictionary>,
        depth: u32,
    ) {
        let doc = self.doc;
        let Ok((id, obj)) = doc.dereference(entry) else {
            return;
        };
        let Ok(stream) = obj.as_stream() else { return };
        match stream.dict.get(b"Subtype").and_then(|o| o.as_name()) {
            Ok(b"Image") => {
                self.images += 1;
                self.drawn(run, id);
            }
            Ok(b"Form") => {
                if depth >= self.opts.max_depth {
                    self.warnings.push(
                        Warning::new(
                            "pdf_limit",
                            format!(
                                "form XObjects nested deeper than {}: skipped",
                                self.opts.max_depth
                            ),
                        )
                        .on_page(run.page),
                    );
                    return;
                }
                if let Some(id) = id {
                    if run.forms.contains(&id) {
                        self.warnings.push(
                            Warning::new(
                                "pdf_cycle",
                                "a form XObject draws itself: the cycle is cut",
                            )
                            .on_page(run.page),
                        );
                        return;
                    }
                    run.forms.push(id);
                }
                let cached = id.and_then(|id| self.forms.get(&id)).cloned();
                let data: Rc<[u8]> = match cached {
                    Some(d) => d,
                    None => match self.form_data(stream) {
                        Ok(d) => {
                            if super::load::take_damaged() {
                                self.warnings.push(
                                    Warning::new(
                                        "pdf_content_error",
                                        "form XObject content cut short (its compressed data is \
                                         truncated or corrupt): the text before the damage is \
                                         kept, the rest of the stream is lost",
                                    )
                                    .on_page(run.page),
                                );
                            }
                            if let Some(id) = id {
                                self.forms.insert(id, Rc::clone(&d));
                            }
                            d
                        }
                        Err(e) => {
                            self.warnings.push(
                                Warning::new(
                                    "pdf_stream_error",
                                    format!("form XObject not decoded: {e}"),
                                )
                                .on_page(run.page),
                            );
                            if id.is_some() {
                                run.forms.pop();
                            }
                            return;
                        }
                    },
                };
                // Parsing costs with the size of the form, each time it is
                // drawn: charge it to the page's operator budget so that a
                // big form drawn millions of times cannot run for hours.
                run.ops = run.ops.saturating_add(data.len() / 16);
                let form_res = stream
                    .dict
                    .get(b"Resources")
                    .ok()
                    .and_then(|o| deref(doc, o).as_dict().ok())
                    .or(res);
                let saved = (run.gs.clone(), run.tm, run.tlm, run.stack.len());
                if let Some(m) = stream
                    .dict
                    .get(b"Matrix")
                    .ok()
                    .and_then(|o| deref(doc, o).as_array().ok())
                    .and_then(|a| nums::<6>(a))
                {
                    run.gs.ctm = mul(&m, &run.gs.ctm);
                }
                let marked = run.marked.len();
                self.run(run, &data, form_res, depth + 1);
                // Unbalanced q/Q or BDC/EMC inside the form must not leak out.
                run.stack.truncate(saved.3);
                while run.marked.len() > marked {
                    if let Some(Some((start, text))) = run.marked.pop() {
                        replace_span(run, start, text);
                    }
                }
                run.gs = saved.0;
                run.tm = saved.1;
                run.tlm = saved.2;
                if id.is_some() {
                    run.forms.pop();
                }
            }
            _ => {}
        }
    }

    /// Draws the normal appearance of the page's form fields and free-text
    /// annotations, as a viewer shows them: a filled-in form field's value
    /// is text of the page. Hidden and non-viewable annotations are skipped.
    fn annotations(&mut self, run: &mut Run, page: &'a Dictionary, res: Option<&'a Dictionary>) {
        let doc = self.doc;
        let Some(annots) = page
            .get(b"Annots")
            .ok()
            .and_then(|o| deref(doc, o).as_array().ok())
        else {
            return;
        };
        for annot in annots {
            if run.stopped {
                return;
            }
            let Ok(a) = deref(doc, annot).as_dict() else {
                continue;
            };
            let subtype = a
                .get(b"Subtype")
                .ok()
                .and_then(|o| deref(doc, o).as_name().ok());
            if !matches!(subtype, Some(b"Widget" | b"FreeText")) {
                continue;
            }
            let flags = a.get(b"F").ok().and_then(|o| deref(doc, o).as_i64().ok());
            // Invisible (1), Hidden (2), NoView (32).
            if flags.is_some_and(|f| f & (1 | 2 | 32) != 0) {
                continue;
            }
            let Some(r) = a.get(b"Rect").ok().and_then(|o| rect(doc, o)) else {
                continue;
            };
            let before = run.glyphs.len();
            if let Some(normal) = appearance(doc, a) {
                self.appearance(run, normal, r, res);
            }
            if run.glyphs.len() == before {
                if subtype == Some(b"Widget") {
                    field_value(doc, a, r, run);
                } else {
                    free_text_contents(doc, a, r, run);
                }
            }
        }
    }

    /// The decoded content of a form XObject (with the damage flag of
    /// [`super::load::take_damaged`] cleared first, to be read after).
    fn form_data(&self, stream: &lopdf::Stream) -> lopdf::Result<Rc<[u8]>> {
        super::load::take_damaged();
        super::load::stream_data_with(
            self.doc,
            stream,
            self.opts.max_stream_bytes,
            |d: &[u8]| Rc::<[u8]>::from(d),
        )
    }

    /// Draws an appearance stream onto its annotation rectangle.
    fn appearance(
        &mut self,
        run: &mut Run,
        normal: &'a Object,
        r: [f32; 4],
        res: Option<&'a Dictionary>,
    ) {
        let doc = self.doc;
        let Ok(stream) = deref(doc, normal).as_stream() else {
            return;
        };
        let Some(b) = stream.dict.get(b"BBox").ok().and_then(|o| rect(doc, o)) else {
            return;
        };
        let m = stream
            .dict
            .get(b"Matrix")
            .ok()
            .and_then(|o| deref(doc, o).as_array().ok())
            .and_then(|a| nums::<6>(a))
            .unwrap_or(IDENTITY);
        // ISO 32000-1 12.5.5: the box transformed by /Matrix is mapped onto
        // /Rect.
        let (mut bx0, mut by0) = (f32::INFINITY, f32::INFINITY);
        let (mut bx1, mut by1) = (f32::NEG_INFINITY, f32::NEG_INFINITY);
        for (x, y) in [(b[0], b[1]), (b[2], b[1]), (b[0], b[3]), (b[2], b[3])] {
            let (x, y) = apply(&m, x, y);
            bx0 = bx0.min(x);
            by0 = by0.min(y);
            bx1 = bx1.max(x);
            by1 = by1.max(y);
        }
        if !(bx1 - bx0 > 0.0 && by1 - by0 > 0.0) {
            return;
        }
        let sx = (r[2] - r[0]) / (bx1 - bx0);
        let sy = (r[3] - r[1]) / (by1 - by0);
        run.gs = GState {
            ctm: [sx, 0.0, 0.0, sy, r[0] - bx0 * sx, r[1] - by0 * sy],
            ..GState::default()
        };
        run.tm = IDENTITY;
        run.tlm = IDENTITY;
        self.draw_xobject(run, normal, res, 0);
    }

    /// Records an image drawn in the current graphics state (bounded: a
    /// page that draws millions of tiny images keeps the first ones).
    fn drawn(&mut self, run: &Run, id: Option<ObjectId>) {
        if self.drawn_images.len() < MAX_DRAWN_IMAGES {
            self.drawn_images.push(DrawnImage {
                page: run.page,
                id,
                matrix: mul(&run.gs.ctm, &run.page_m),
            });
        }
    }

    /// One `unmapped_glyph` warning per font that showed unmappable codes;
    /// one `pdf_pages_not_read` warning, on the first of them, naming the
    /// pages skipped once the document's budget was spent.
    pub fn finish(mut self) -> Vec<Warning> {
        if let Some((first, last)) = self.skipped_range {
            let pages = if first == last {
                format!("page {first} was")
            } else {
                format!("pages {first}–{last} ({} pages) were", self.pages_skipped)
            };
            self.warnings.push(
                Warning::new(
                    PAGES_NOT_READ,
                    format!(
                        "{pages} not read: the document's budget ({} operators, {} glyphs) \
                         was spent on the pages before",
                        self.max_ops_doc, self.max_glyphs_doc
                    ),
                )
                .on_page(first),
            );
        }
        for (font, page) in &self.fonts {
            let n = font.unmapped.get();
            if n > 0 {
                self.warnings.push(
                    Warning::new(
                        "unmapped_glyph",
                        format!(
                            "font {}: {n} glyph(s) have no Unicode mapping and were replaced by U+FFFD",
                            font.name
                        ),
                    )
                    .on_page(*page),
                );
            }
        }
        self.warnings
    }
}

/// A page's content streams, decoded and put end to end, with the
/// warnings their decoding raised (see `page_content`).
pub struct Content {
    pub data: Vec<u8>,
    pub warnings: Vec<Warning>,
}

/// The content of page `id`, decoded as [`Interp::page`] decodes it,
/// from any thread (the page is decoded whether or not the document's
/// budget lets the interpreter run it).
pub fn content(doc: &Document, opts: &IngestOptions, number: u32, id: ObjectId) -> Content {
    let mut warnings = Vec::new();
    let data = match doc.get_dictionary(id) {
        Ok(page) => page_content(doc, opts, page, number, &mut warnings),
        Err(_) => Vec::new(),
    };
    Content { data, warnings }
}

/// The content streams of `page` decoded and put end to end, each
/// followed by a line break; warnings for the streams cut short or not
/// decoded.
fn page_content(
    doc: &Document,
    opts: &IngestOptions,
    page: &Dictionary,
    number: u32,
    warnings: &mut Vec<Warning>,
) -> Vec<u8> {
    let mut data = Vec::new();
    let items: Vec<&Object> = match page.get(b"Contents").map(|o| deref(doc, o)) {
        Ok(Object::Array(a)) => a.iter().collect(),
        Ok(o) => vec![o],
        Err(_) => Vec::new(),
    };
    for item in items {
        let Ok(stream) = deref(doc, item).as_stream() else {
            continue;
        };
        let room = opts.max_stream_bytes.saturating_sub(data.len());
        // Each stream is appended as it is decoded (from the reused
        // inflate buffer), with the line break that separates streams.
        let append = |bytes: &[u8]| {
            data.reserve(bytes.len() + 1);
            data.extend_from_slice(bytes);
            data.push(b'\n');
        };
        super::load::take_damaged();
        match super::load::stream_data_with(doc, stream, room, append) {
            Ok(()) if super::load::take_damaged() => warnings.push(
                Warning::new(
                    "pdf_content_error",
                    "content stream cut short (its compressed data is truncated or corrupt): \
                     the text before the damage is kept, the rest of the stream is lost",
                )
                .on_page(number),
            ),
            Ok(()) => {}
            Err(e) => warnings.push(
                Warning::new(
                    "pdf_stream_error",
                    format!("content stream not decoded: {e}"),
                )
                .on_page(number),
            ),
        }
    }
    data
}

/// Whether a colour operator sets white: gray 1, RGB 1 1 1, CMYK 0 0 0 0
/// (by the number of its components; a pattern, or a new colour space,
/// whose initial colour is black or full tint, is not white).
fn white(op: &Op) -> bool {
    let n = (0..op.len()).take_while(|&i| op.float(i).is_some()).count();
    if n != op.len() {
        return false;
    }
    let all = |f: &dyn Fn(f32) -> bool| (0..n).all(|i| f(arg(op, i)));
    match n {
        1 | 3 => all(&|v| v >= 0.98),
        4 => all(&|v| v <= 0.02),
        _ => false,
    }
}

/// A path construction operator: points go to page space at once (the
/// CTM cannot change inside a path).
fn path_op(run: &mut Run, op: &Op) {
    let m = mul(&run.gs.ctm, &run.page_m);
    let at = |i: usize| apply(&m, arg(op, i), arg(op, i + 1));
    match op.operator {
        b"m" if op.len() >= 2 => run.path.move_to(at(0)),
        b"l" if op.len() >= 2 => run.path.line_to(at(0), false),
        b"c" if op.len() >= 6 => run.path.line_to(at(4), true),
        b"v" | b"y" if op.len() >= 4 => run.path.line_to(at(2), true),
        b"h" => run.path.close(),
        b"re" => {
            if let Some([x, y, w, h]) = args::<4>(op) {
                run.path.move_to(apply(&m, x, y));
                run.path.line_to(apply(&m, x + w, y), false);
                run.path.line_to(apply(&m, x + w, y + h), false);
                run.path.line_to(apply(&m, x, y + h), false);
                run.path.close();
            }
        }
        _ => {}
    }
}

/// Paints the current path (`operator` says stroke, fill or both): its
/// axis-aligned rectangles filled, its axis-aligned segments stroked,
/// become [`Rule`]s.
fn paint(run: &mut Run, operator: &[u8]) {
    let path = &run.path;
    if path.overflow || run.rules.len() >= MAX_RULES_PER_PAGE {
        return;
    }
    let fill = !matches!(operator, b"S" | b"s") && !run.gs.fill_white;
    let stroke =
        matches!(operator, b"S" | b"s" | b"B" | b"B*" | b"b" | b"b*") && !run.gs.stroke_white;
    let close_all = matches!(operator, b"s" | b"b" | b"b*");
    // The line width in page space (0 is the thinnest line a device draws).
    let m = mul(&run.gs.ctm, &run.page_m);
    let scale = (m[0] * m[3] - m[1] * m[2]).abs().sqrt();
    let half = (run.gs.line_width * scale).max(0.5) / 2.0;
    for sub in &path.subs {
        let Some(pts) = path.points.get(sub.start..sub.end) else {
            continue;
        };
        if sub.curved || pts.len() < 2 {
            continue;
        }
        if fill {
            if let Some(b) = axis_rect(pts) {
                run.rules.push(Rule {
                    bbox: b,
                    filled: true,
                });
                continue;
            }
        }
        if !stroke {
            continue;
        }
        let closing = (sub.closed || close_all).then(|| (pts[pts.len() - 1], pts[0]));
        for (a, b) in pts.windows(2).map(|w| (w[0], w[1])).chain(closing) {
            let (dx, dy) = ((b.0 - a.0).abs(), (b.1 - a.1).abs());
            let bbox = if dy <= 0.5 && dx > 0.5 {
                let y = (a.1 + b.1) / 2.0;
                [a.0.min(b.0), y - half, a.0.max(b.0), y + half]
            } else if dx <= 0.5 && dy > 0.5 {
                let x = (a.0 + b.0) / 2.0;
                [x - half, a.1.min(b.1), x + half, a.1.max(b.1)]
            } else {
                continue;
            };
            if run.rules.len() < MAX_RULES_PER_PAGE && bbox.iter().all(|v| v.is_finite()) {
                run.rules.push(Rule {
                    bbox,
                    filled: false,
                });
            }
        }
    }
}

/// The box of `pts` when they are an axis-aligned rectangle (4 corners,
/// or 5 with the first repeated).
fn axis_rect(pts: &[(f32, f32)]) -> Option<[f32; 4]> {
    let pts = match pts {
        [a, .., z] if pts.len() == 5 && (a.0 - z.0).abs() < 0.01 && (a.1 - z.1).abs() < 0.01 => {
            pts.get(..4)?
        }
        _ => pts,
    };
    if pts.len() != 4 {
        return None;
    }
    let near = |a: f32, b: f32| (a - b).abs() <= 0.5;
    let edge = |i: usize| {
        let (a, b) = (pts[i], pts[(i + 1) % 4]);
        near(a.0, b.0) || near(a.1, b.1)
    };
    if !(0..4).all(edge) {
        return None;
    }
    let (mut x0, mut y0, mut x1, mut y1) = (
        f32::INFINITY,
        f32::INFINITY,
        f32::NEG_INFINITY,
        f32::NEG_INFINITY,
    );
    for &(x, y) in pts {
        x0 = x0.min(x);
        y0 = y0.min(y);
        x1 = x1.max(x);
        y1 = y1.max(y);
    }
    let b = [x0, y0, x1, y1];
    (b.iter().all(|v| v.is_finite()) && x1 > x0 && y1 > y0).then_some(b)
}

/// The spacing added after a glyph: `Tc`, and `Tw` after a word space.
fn spacing(char_spacing: f32, word_spacing: f32, font: &Font, code: u32, len: u8) -> f32 {
    let mut s = char_spacing;
    if font.is_word_space(code, len) {
        s += word_spacing;
    }
    s
}

/// Moves the text matrix by a `TJ` adjustment (thousandths of the font
/// size, backwards along the writing direction; not a number: no move).
fn tj_adjust(tm: &mut M, n: Option<f32>, size: f32, th: f32, vertical: bool) {
    let adj = n.filter(|v| v.is_finite()).unwrap_or(0.0);
    if vertical {
        translate(tm, 0.0, -adj / 1000.0 * size);
    } else {
        translate(tm, -adj / 1000.0 * size * th, 0.0);
    }
}

fn translate(tm: &mut M, tx: f32, ty: f32) {
    tm[4] += tx * tm[0] + ty * tm[2];
    tm[5] += tx * tm[1] + ty * tm[3];
}

fn next_line(run: &mut Run, tx: f32, ty: f32) {
    translate(&mut run.tlm, tx, ty);
    run.tm = run.tlm;
}

/// Replaces the glyphs shown since `start` by one glyph carrying `text`
/// (marked content `/ActualText`), spanning their extent.
fn replace_span(run: &mut Run, start: usize, text: String) {
    let Some(first) = run.glyphs.get(start).cloned() else {
        return;
    };
    let end = run
        .glyphs
        .get(start..)
        .unwrap_or_default()
        .iter()
        .map(|g| g.x + g.width)
        .fold(first.x + first.width, f32::max);
    run.glyphs.truncate(start);
    run.glyphs.push(Glyph {
        space: text == " ",
        text: GlyphText::from(text),
        width: (end - first.x).max(0.0),
        ..first
    });
}

#[cfg(test)]
mod tests {
    use lopdf::{dictionary, Stream};

    use super::*;
    use crate::ingest::pdf::glyphs;

    /// A one-page PDF showing `content` with Helvetica as /F1; `form` is
    /// the content of a form XObject /X1 (which may draw itself).
    fn pdf(content: &[u8], rotate: i64, form: Option<&[u8]>) -> Vec<u8> {
        let mut doc = Document::with_version("1.5");
        let pages_id = doc.new_object_id();
        let font_id = doc.add_object(dictionary! {
            "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
            "Encoding" => "WinAnsiEncoding",
        });
        let mut resources = dictionary! {
            "Font" => dictionary! { "F1" => font_id },
            "Properties" => dictionary! { "P1" => dictionary! { "ActualText" => Object::string_literal("fi") } },
        };
        if let Some(form) = form {
            let form_id = doc.new_object_id();
            let stream = Stream::new(
                dictionary! {
                    "Type" => "XObject", "Subtype" => "Form",
                    "BBox" => vec![0.into(), 0.into(), 600.into(), 800.into()],
                    "Matrix" => vec![1.into(), 0.into(), 0.into(), 1.into(), 100.into(), 0.into()],
                    "Resources" => dictionary! {
                        "Font" => dictionary! { "F1" => font_id },
                        "XObject" => dictionary! { "X1" => form_id },
                    },
                },
                form.to_vec(),
            );
            doc.objects.insert(form_id, Object::Stream(stream));
            resources.set("XObject", dictionary! { "X1" => form_id });
        }
        let content_id = doc.add_object(Stream::new(dictionary! {}, content.to_vec()));
        let page_id = doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages_id, "Contents" => content_id,
        });
        doc.objects.insert(
            pages_id,
            Object::Dictionary(dictionary! {
                "Type" => "Pages", "Kids" => vec![page_id.into()], "Count" => 1,
                // Inherited by the page.
                "Resources" => resources,
                "MediaBox" => vec![0.into(), 0.into(), 600.into(), 800.into()],
                "Rotate" => rotate,
            }),
        );
        let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
        doc.trailer.set("Root", catalog);
        let mut out = Vec::new();
        doc.save_to(&mut out).expect("save");
        out
    }

    fn run(content: &[u8], rotate: i64, form: Option<&[u8]>) -> (PageGlyphs, Vec<Warning>) {
        let (mut pages, warnings) =
            glyphs(&pdf(content, rotate, form), &IngestOptions::default()).expect("reads");
        (pages.remove(0), warnings)
    }

    fn text(p: &PageGlyphs) -> String {
        p.glyphs.iter().map(|g| g.text.as_str()).collect()
    }

    /// A page with form fields: a text field whose appearance draws its
    /// value, one whose appearance is empty (the viewer draws `/V`), a
    /// hidden one and a password field.
    #[test]
    fn form_field_values_are_page_text() {
        let mut doc = Document::with_version("1.5");
        let pages_id = doc.new_object_id();
        let font_id = doc.add_object(dictionary! {
            "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
            "Encoding" => "WinAnsiEncoding",
        });
        let drawn = doc.add_object(Stream::new(
            dictionary! {
                "Type" => "XObject", "Subtype" => "Form",
                "BBox" => vec![0.into(), 0.into(), 100.into(), 20.into()],
                "Resources" => dictionary! { "Font" => dictionary! { "F1" => font_id } },
            },
            b"/Tx BMC BT /F1 10 Tf 2 5 Td (Montpellier) Tj ET EMC".to_vec(),
        ));
        let empty = || {
            Stream::new(
                dictionary! {
                    "Type" => "XObject", "Subtype" => "Form",
                    "BBox" => vec![0.into(), 0.into(), 100.into(), 20.into()],
                },
                b"/Tx BMC EMC".to_vec(),
            )
        };
        let field = |rect_y: i64, ap: ObjectId, value: &str, extra: Dictionary| {
            let mut d = dictionary! {
                "Type" => "Annot", "Subtype" => "Widget", "F" => 4, "FT" => "Tx",
                "Rect" => vec![100.into(), rect_y.into(), 200.into(), (rect_y + 20).into()],
                "DA" => Object::string_literal("0 g /F1 11 Tf"),
                "V" => Object::String(
                    [0xFE, 0xFF].into_iter().chain(value.encode_utf16().flat_map(u16::to_be_bytes)).collect(),
                    lopdf::StringFormat::Hexadecimal,
                ),
                "AP" => dictionary! { "N" => ap },
            };
            for (k, v) in extra {
                d.set(k, v);
            }
            d
        };
        let e1 = doc.add_object(empty());
        let e2 = doc.add_object(empty());
        let e3 = doc.add_object(empty());
        let annots: Vec<Object> = vec![
            doc.add_object(field(700, drawn, "ignored", dictionary! {}))
                .into(),
            doc.add_object(field(600, e1, "Alice Dupont", dictionary! {}))
                .into(),
            doc.add_object(field(500, e2, "caché", dictionary! { "F" => 2 }))
                .into(),
            doc.add_object(field(400, e3, "secret", dictionary! { "Ff" => 8192 }))
                .into(),
        ];
        let content_id = doc.add_object(Stream::new(dictionary! {}, b"".to_vec()));
        let page_id = doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages_id, "Contents" => content_id,
            "Annots" => annots,
        });
        doc.objects.insert(
            pages_id,
            Object::Dictionary(dictionary! {
                "Type" => "Pages", "Kids" => vec![page_id.into()], "Count" => 1,
                "MediaBox" => vec![0.into(), 0.into(), 600.into(), 800.into()],
            }),
        );
        let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
        doc.trailer.set("Root", catalog);
        let mut bytes = Vec::new();
        doc.save_to(&mut bytes).expect("save");
        let (pages, _) = glyphs(&bytes, &IngestOptions::default()).expect("reads");
        let p = &pages[0];
        assert_eq!(text(p), "MontpellierAlice Dupont");
        // The drawn appearance is placed on its /Rect (BBox origin → 100, 700).
        let m = &p.glyphs[0];
        assert!(
            (m.x - 102.0).abs() < 0.01 && (m.y - 705.0).abs() < 0.01,
            "{m:?}"
        );
        // The generated value: /DA size, inside its rectangle, a space glyph.
        let a = &p.glyphs[11];
        assert_eq!(a.text, "A");
        assert!((a.size - 11.0).abs() < 1e-6);
        assert!(a.x > 100.0 && a.y > 600.0 && a.y < 620.0, "{a:?}");
        assert!(p.glyphs[16].space);
    }

    #[test]
    fn tj_positions_follow_widths_kerning_and_spacing() {
        let (p, _) = run(
            b"BT /F1 10 Tf 1 0 0 1 100 700 Tm [(AV) -500 (a)] TJ 2 Tc (b) Tj ET",
            0,
            None,
        );
        assert_eq!(text(&p), "AVab");
        let x: Vec<f32> = p.glyphs.iter().map(|g| g.x).collect();
        // A = 667, V = 667 (Helvetica AFM), TJ -500 moves 5 units right.
        assert!((x[1] - 106.67).abs() < 0.01, "{x:?}");
        assert!((x[2] - (100.0 + 13.34 + 5.0)).abs() < 0.01, "{x:?}");
        assert!((x[3] - (x[2] + 5.56)).abs() < 0.01, "{x:?}");
        assert!(p
            .glyphs
            .iter()
            .all(|g| (g.size - 10.0).abs() < 1e-4 && g.y == 700.0));
    }

    #[test]
    fn text_and_graphics_matrices_scale_the_size() {
        let (p, _) = run(
            b"q 2 0 0 2 0 0 cm BT /F1 10 Tf 50 100 Td 0 Tw (a) Tj T* ET Q",
            0,
            None,
        );
        let g = &p.glyphs[0];
        assert_eq!((g.x, g.y), (100.0, 200.0));
        assert!((g.size - 20.0).abs() < 1e-4 && (g.width - 11.12).abs() < 0.01);
    }

    #[test]
    fn td_leading_and_quote_operators_move_lines() {
        let (p, _) = run(
            b"BT /F1 10 Tf 100 700 Td 0 -12 TD (a) Tj T* (b) Tj (c) ' 1 0.5 (d) \" ET",
            0,
            None,
        );
        let ys: Vec<f32> = p.glyphs.iter().map(|g| g.y).collect();
        assert_eq!(ys, vec![688.0, 676.0, 664.0, 652.0]);
        assert_eq!(text(&p), "abcd");
    }

    #[test]
    fn actual_text_replaces_the_glyphs_of_its_span() {
        let (p, _) = run(
            b"BT /F1 10 Tf 100 700 Td (a) Tj /Span /P1 BDC (xy) Tj EMC (z) Tj ET",
            0,
            None,
        );
        assert_eq!(text(&p), "afiz");
        let fi = &p.glyphs[1];
        assert!(
            (fi.width - 10.0).abs() < 0.01,
            "span extent kept: {}",
            fi.width
        );
        let (p, _) = run(
            b"BT /F1 10 Tf /Span <</ActualText (\xfe\xff\x00\xe9)>> BDC (e) Tj EMC ET",
            0,
            None,
        );
        assert_eq!(text(&p), "é");
    }

    #[test]
    fn rotated_pages_give_upright_coordinates() {
        let (p, _) = run(b"BT /F1 10 Tf 100 700 Td (a) Tj ET", 90, None);
        assert_eq!(p.bbox, [0.0, 0.0, 800.0, 600.0]);
        let g = &p.glyphs[0];
        assert_eq!((g.x, g.y), (700.0, 500.0));
        assert_eq!(g.dir, 270);
        // Text drawn rotated on a rotated page reads upright.
        let (p, _) = run(b"BT /F1 10 Tf 0 1 -1 0 100 100 Tm (a) Tj ET", 90, None);
        assert_eq!(p.glyphs[0].dir, 0);
        let (p, _) = run(b"BT /F1 10 Tf 100 700 Td (a) Tj ET", 180, None);
        assert_eq!(
            (p.glyphs[0].x, p.glyphs[0].y, p.glyphs[0].dir),
            (500.0, 100.0, 180)
        );
    }

    #[test]
    fn form_xobjects_are_drawn_and_cycles_cut() {
        let form = b"BT /F1 10 Tf 0 0 Td (f) Tj ET /X1 Do";
        let (p, warnings) = run(b"/X1 Do", 0, Some(form));
        assert_eq!(text(&p), "f", "the self-reference is not followed");
        assert_eq!(p.glyphs[0].x, 100.0, "form /Matrix applies");
        assert!(warnings.iter().any(|w| w.code == "pdf_cycle"));
    }

    #[test]
    fn broken_content_keeps_the_text_before_the_error() {
        let (p, _) = run(b"BT /F1 10 Tf (ok) Tj ET BT (unterminated Tj", 0, None);
        assert_eq!(text(&p), "ok");
    }

    #[test]
    fn missing_font_is_reported_not_fatal() {
        let (p, w) = run(b"BT /F9 10 Tf (x) Tj ET BT /F1 10 Tf (y) Tj ET", 0, None);
        assert_eq!(text(&p), "y");
        assert!(w.iter().any(|w| w.code == "pdf_font_missing"));
    }

    #[test]
    fn space_glyphs_are_flagged() {
        let (p, _) = run(b"BT /F1 10 Tf (a b) Tj ET", 0, None);
        let flags: Vec<bool> = p.glyphs.iter().map(|g| g.space).collect();
        assert_eq!(flags, vec![false, true, false]);
    }
}
