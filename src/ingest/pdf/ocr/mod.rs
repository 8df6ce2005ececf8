//! OCR of the pages that have no text layer (scans), so that their words
//! reach the layout like those of any other page.
//!
//! Data flow, per document, after the interpreter ran every page:
//! 1. [`plan`] picks the pages to OCR from what the interpreter saw: in
//!    `auto`, a page that drew images and shows no text, only U+FFFD, or
//!    far fewer characters than its scanned area would hold; every page in
//!    `always`; none in `never`. Pages that drew no image cost nothing.
//! 2. For each of them (feature `ocr`), a page image: the page's own
//!    scanned image XObject decoded (DCT, Flate and the other generic
//!    filters, CCITT) and resampled upright to at least 300 dpi
//!    (`image`); otherwise the page rendered by `pdftoppm` (`render`).
//! 3. The `tesseract` program reads it and writes hOCR: lines with their
//!    baselines, words with boxes and confidences (`engine`).
//! 4. `words` turns the hOCR words into [`Glyph`](super::Glyph)s in upright page
//!    space (skew measured on the baselines and taken out, font size from
//!    the line height, one size per cluster of similar lines), which
//!    replace the page's glyphs; layout and everything after run
//!    unchanged.
//!
//! The pages read, the engine and its confidence per page go into an
//! [`OcrReport`]; words under [`LOW_CONFIDENCE`] are kept there with their
//! box, for a warning with their span once the text is normalized.

#[cfg(feature = "ocr")]
mod engine;
#[cfg(feature = "ocr")]
mod image;
#[cfg(feature = "ocr")]
mod render;
#[cfg(feature = "ocr")]
mod words;

use super::interp::DrawnImage;
use super::PageGlyphs;
use crate::error::Warning;
use crate::ingest::{BBox, IngestOptions, OcrMode};

/// Words whose confidence (0–100) is under this get a warning.
pub const LOW_CONFIDENCE: f32 = 50.0;

/// The `font` of OCR glyphs: one font for the whole OCR'd text, so that the
/// layout never sees a font change inside it.
pub const OCR_FONT: u32 = u32::MAX - 1;

/// What OCR did on one document.
#[derive(Debug, Clone, PartialEq)]
pub struct OcrReport {
    pub engine: String,
    pub version: String,
    pub language: String,
    /// One entry per page whose text comes from OCR, ascending.
    pub pages: Vec<OcrPageReport>,
    /// Words under [`LOW_CONFIDENCE`], in reading order of the engine.
    pub low: Vec<LowWord>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct OcrPageReport {
    pub page: u32,
    /// Mean of the word confidences (0–100), 0 when no word was read.
    pub mean_confidence: f32,
    pub words: u32,
    pub low_confidence_words: u32,
}

/// A word the engine was unsure of, in upright page space.
#[derive(Debug, Clone, PartialEq)]
pub struct LowWord {
    pub page: u32,
    pub bbox: BBox,
    pub text: String,
    pub confidence: f32,
}

/// Why a page is read by OCR.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// It draws images and shows no text.
    NoText,
    /// Its text is mostly U+FFFD (codes no font maps to Unicode).
    Unmapped,
    /// A scanned page (images over most of it) with a few characters of
    /// text only, such as a stamp or a page number added on the scan:
    /// that text is kept and the OCR'd words are added to it.
    Sparse,
    /// `--ocr always`.
    Forced,
}

/// Body text holds about one character per this many square points
/// (10 pt type: 5 pt advance, 12 pt line pitch).
const POINTS_PER_CHAR: f32 = 60.0;

/// A page's images must cover this share of it for the page to be a scan
/// in [`Need::NoText`] (a page with only a logo or a signature stamp and
/// no text is not worth an OCR run).
const MIN_SCAN_SHARE: f32 = 0.10;

/// A page is [`Need::Sparse`] when its images cover this share of it …
const SPARSE_SCAN_SHARE: f32 = 0.50;
/// … and its text has fewer characters than this share of what the
/// image area would hold at body-text density.
const SPARSE_TEXT_SHARE: f32 = 0.01;

/// The pages to OCR (indexes into `pages`) and why, in page order.
/// `images` are the images the interpreter saw drawn, in page order.
pub fn plan(pages: &[PageGlyphs], images: &[DrawnImage], mode: OcrMode) -> Vec<(usize, Need)> {
    match mode {
        OcrMode::Never => Vec::new(),
        OcrMode::Always => (0..pages.len()).map(|i| (i, Need::Forced)).collect(),
        OcrMode::Auto => {
            let mut out = Vec::new();
            for (i, page) in pages.iter().enumerate() {
                let drawn: Vec<&DrawnImage> =
                    images.iter().filter(|d| d.page == page.number).collect();
                if let Some(need) = page_need(page, &drawn) {
                    out.push((i, need));
                }
            }
            out
        }
    }
}

/// [`plan`] for one page, given the images it drew (read calls it as each
/// page is interpreted, so that pages without OCR are laid out at once).
pub fn page_plan(page: &PageGlyphs, images: &[DrawnImage], mode: OcrMode) -> Option<Need> {
    match mode {
        OcrMode::Never => None,
        OcrMode::Always => Some(Need::Forced),
        OcrMode::Auto => {
            let drawn: Vec<&DrawnImage> = images.iter().filter(|d| d.page == page.number).collect();
            page_need(page, &drawn)
        }
    }
}

/// [`plan`] for one page in `auto` mode. A page that drew no image and
/// maps its text is never looked at further.
fn page_need(page: &PageGlyphs, images: &[&DrawnImage]) -> Option<Need> {
    let (mut visible, mut unmapped) = (0usize, 0usize);
    if !page.glyphs.is_empty() {
        for g in &page.glyphs {
            for c in g.text.chars() {
                if c == '\u{FFFD}' {
                    unmapped += 1;
                } else if !c.is_whitespace() {
                    visible += 1;
                }
            }
        }
    }
    if unmapped > 0 && unmapped >= visible {
        return Some(Need::Unmapped);
    }
    if images.is_empty() {
        return None;
    }
    let page_area = area(&page.bbox);
    if page_area <= 0.0 {
        return None;
    }
    let covered = covered_area(&page.bbox, images);
    if visible == 0 {
        return (covered >= MIN_SCAN_SHARE * page_area).then_some(Need::NoText);
    }
    let would_hold = covered / POINTS_PER_CHAR;
    (covered >= SPARSE_SCAN_SHARE * page_area && (visible as f32) < SPARSE_TEXT_SHARE * would_hold)
        .then_some(Need::Sparse)
}

fn area(b: &BBox) -> f32 {
    (b[2] - b[0]).max(0.0) * (b[3] - b[1]).max(0.0)
}

/// The box in page space of the unit square drawn by `m`.
pub(crate) fn image_box(m: &[f32; 6]) -> BBox {
    let corners = [(0.0, 0.0), (1.0, 0.0), (0.0, 1.0), (1.0, 1.0)]
        .map(|(u, v)| (u * m[0] + v * m[2] + m[4], u * m[1] + v * m[3] + m[5]));
    let mut b = [f32::MAX, f32::MAX, f32::MIN, f32::MIN];
    for (x, y) in corners {
        b = [b[0].min(x), b[1].min(y), b[2].max(x), b[3].max(y)];
    }
    b
}

fn clip(b: &BBox, to: &BBox) -> BBox {
    [
        b[0].max(to[0]),
        b[1].max(to[1]),
        b[2].min(to[2]),
        b[3].min(to[3]),
    ]
}

/// The page area the images cover, overlaps counted once: each image's
/// box clipped to the page, the union measured on a coarse grid (a scan
/// is one image; a page of tiles or strips is a few dozen).
fn covered_area(page: &BBox, images: &[&DrawnImage]) -> f32 {
    let boxes: Vec<BBox> = images
        .iter()
        .map(|d| clip(&image_box(&d.matrix), page))
        .filter(|b| b.iter().all(|v| v.is_finite()) && area(b) > 0.0)
        .collect();
    match boxes.as_slice() {
        [] => 0.0,
        [one] => area(one),
        many => {
            const N: usize = 64;
            let (w, h) = (page[2] - page[0], page[3] - page[1]);
            let mut hit = 0usize;
            for i in 0..N {
                let x = page[0] + (i as f32 + 0.5) * w / N as f32;
                for j in 0..N {
                    let y = page[1] + (j as f32 + 0.5) * h / N as f32;
                    if many
                        .iter()
                        .any(|b| x >= b[0] && x <= b[2] && y >= b[1] && y <= b[3])
                    {
                        hit += 1;
                    }
                }
            }
            hit as f32 / (N * N) as f32 * w * h
        }
    }
}

/// What [`run`] did.
#[derive(Debug, Default)]
pub struct Outcome {
    pub report: Option<OcrReport>,
    /// Why the pages that needed OCR were not read (engine missing, OCR
    /// off…): the hint of the image-only error.
    pub not_read: Option<String>,
}

/// The hint of every error and warning about pages left unread.
pub const INSTALL_HINT: &str =
    "install Tesseract with its French model (apt-get install tesseract-ocr tesseract-ocr-fra)";

/// Reads the `planned` pages by OCR and puts their glyphs in `pages`.
/// Warnings go to `warnings`; nothing here fails the document: a page that
/// cannot be read keeps what it had (the caller tells an image-only
/// document that nothing could be read).
pub fn run(
    doc: &lopdf::Document,
    bytes: &[u8],
    opts: &IngestOptions,
    pages: &mut [PageGlyphs],
    images: &[DrawnImage],
    planned: &[(usize, Need)],
    warnings: &mut Vec<Warning>,
) -> Outcome {
    if planned.is_empty() {
        return Outcome::default();
    }
    #[cfg(feature = "ocr")]
    {
        read_pages(doc, bytes, opts, pages, images, planned, warnings)
    }
    #[cfg(not(feature = "ocr"))]
    {
        let _ = (doc, bytes, opts, images);
        let hint = "this build of ptsm has no OCR (build it with the `ocr` feature)".to_string();
        unread_warning(pages, planned, &hint, warnings);
        Outcome {
            report: None,
            not_read: Some(hint),
        }
    }
}

/// One warning naming the pages that needed OCR and were not read.
fn unread_warning(
    pages: &[PageGlyphs],
    planned: &[(usize, Need)],
    hint: &str,
    out: &mut Vec<Warning>,
) {
    let numbers: Vec<String> = planned
        .iter()
        .filter(|(_, need)| *need != Need::Forced)
        .filter_map(|(i, _)| pages.get(*i))
        .map(|p| p.number.to_string())
        .collect();
    if numbers.is_empty() {
        return;
    }
    let first = planned
        .first()
        .and_then(|(i, _)| pages.get(*i))
        .map_or(1, |p| p.number);
    out.push(
        Warning::new(
            "ocr_unavailable",
            format!(
                "page(s) {} have no usable text layer and were not read: {hint}",
                numbers.join(", ")
            ),
        )
        .on_page(first),
    );
}

#[cfg(feature = "ocr")]
fn read_pages(
    doc: &lopdf::Document,
    bytes: &[u8],
    opts: &IngestOptions,
    pages: &mut [PageGlyphs],
    images: &[DrawnImage],
    planned: &[(usize, Need)],
    warnings: &mut Vec<Warning>,
) -> Outcome {
    let engine = match engine::Engine::find(&opts.ocr_language) {
        Ok(e) => e,
        Err(hint) => {
            unread_warning(pages, planned, &hint, warnings);
            return Outcome {
                report: None,
                not_read: Some(hint),
            };
        }
    };
    let mut renderer = render::Renderer::new(bytes, opts.password.as_deref());
    let mut report = OcrReport {
        engine: "tesseract".into(),
        version: engine.version.clone(),
        language: engine.language.clone(),
        pages: Vec::new(),
        low: Vec::new(),
    };
    // Line sizes are snapped to clusters over the whole document, so the
    // pages are read first and turned into glyphs together.
    let mut read: Vec<(usize, Need, words::PageText)> = Vec::new();
    for &(i, need) in planned {
        let Some(page) = pages.get(i) else { continue };
        let number = page.number;
        let drawn: Vec<&DrawnImage> = images.iter().filter(|d| d.page == number).collect();
        let raster = page_raster(doc, opts, page, &drawn, need, &mut renderer, warnings);
        let Some((raster, from_scan)) = raster else {
            continue;
        };
        match engine.read(&raster.pnm, raster.dpi) {
            Ok(hocr) => {
                // For looking at what the engine read: PTSM_OCR_HOCR=DIR
                // keeps each page's hOCR as DIR/page-N.hocr.
                if let Some(dir) = std::env::var_os("PTSM_OCR_HOCR") {
                    let path = std::path::Path::new(&dir).join(format!("page-{number}.hocr"));
                    let _ = std::fs::write(path, &hocr);
                }
                let lines = engine::parse_hocr(&hocr);
                let text = words::PageText::new(lines, &raster.frame);
                // A sparse page read from its scan keeps its own text: the
                // scan does not hold it. Read from a rendering, it would be
                // there twice.
                let keep = need == Need::Sparse && from_scan;
                read.push((i, if keep { Need::Sparse } else { Need::NoText }, text));
            }
            Err(e) => warnings.push(
                Warning::new("ocr_error", format!("OCR of this page failed: {e}")).on_page(number),
            ),
        }
    }
    let sizes = words::SizeClusters::new(read.iter().map(|(_, _, t)| t));
    for (i, keep, text) in read {
        let Some(page) = pages.get_mut(i) else {
            continue;
        };
        let number = page.number;
        let out = text.glyphs(&sizes, number);
        if keep != Need::Sparse {
            page.glyphs.clear();
        }
        page.glyphs.extend(out.glyphs);
        report.low.extend(out.low);
        report.pages.push(OcrPageReport {
            page: number,
            mean_confidence: out.mean_confidence,
            words: out.words,
            low_confidence_words: out.low_count,
        });
    }
    renderer.finish();
    Outcome {
        report: (!report.pages.is_empty()).then_some(report),
        not_read: None,
    }
}

/// A page image ready for the engine, and whether it came from the page's
/// own scan (`true`) or a rendering.
#[cfg(feature = "ocr")]
fn page_raster(
    doc: &lopdf::Document,
    opts: &IngestOptions,
    page: &PageGlyphs,
    drawn: &[&DrawnImage],
    need: Need,
    renderer: &mut render::Renderer,
    warnings: &mut Vec<Warning>,
) -> Option<(image::Raster, bool)> {
    let number = page.number;
    // The page's scan when it is one image over most of the page (and, in
    // `always`, when the page has no text of its own to lose).
    let visible = page.glyphs.iter().any(|g| !g.text.trim().is_empty());
    let scan_ok = need != Need::Forced || !visible;
    let mut why_not_scan = None;
    if scan_ok {
        match image::scan_of(doc, &page.bbox, drawn, opts) {
            Ok(r) => return Some((r, true)),
            Err(e) => why_not_scan = Some(e),
        }
    }
    match renderer.render(number, &page.bbox) {
        Ok(r) => Some((r, false)),
        Err(e) => {
            let mut message = String::from("page not OCR'd: ");
            if let Some(s) = why_not_scan {
                message.push_str(&format!("its image could not be used ({s}), and "));
            }
            message.push_str(&format!("it could not be rendered ({e})"));
            warnings.push(Warning::new("ocr_error", message).on_page(number));
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::pdf::Glyph;

    fn page(number: u32, text: &str) -> PageGlyphs {
        PageGlyphs {
            number,
            bbox: [0.0, 0.0, 595.0, 842.0],
            rules: Vec::new(),
            glyphs: text
                .chars()
                .enumerate()
                .map(|(i, c)| Glyph {
                    text: c.into(),
                    x: 50.0 + 5.0 * i as f32,
                    y: 700.0,
                    width: 5.0,
                    size: 10.0,
                    ..Glyph::default()
                })
                .collect(),
        }
    }

    fn image(page: u32, x: f32, y: f32, w: f32, h: f32) -> DrawnImage {
        DrawnImage {
            page,
            id: None,
            matrix: [w, 0.0, 0.0, h, x, y],
        }
    }

    #[test]
    fn auto_reads_scans_and_never_a_page_with_a_text_layer() {
        let body = "Le projet territorial de santé mentale ".repeat(20);
        let pages = vec![
            page(1, &body),                  // text, no image
            page(2, ""),                     // full-page scan
            page(3, &body),                  // text over a full-page background
            page(4, ""),                     // a small logo, nothing else
            page(5, "12"),                   // a scan with a page number on it
            page(6, &"\u{FFFD}".repeat(40)), // unmapped font, no image
        ];
        let images = vec![
            image(2, 0.0, 0.0, 595.0, 842.0),
            image(3, 0.0, 0.0, 595.0, 842.0),
            image(4, 20.0, 780.0, 60.0, 40.0),
            image(5, 0.0, 0.0, 595.0, 842.0),
        ];
        assert_eq!(
            plan(&pages, &images, OcrMode::Auto),
            vec![(1, Need::NoText), (4, Need::Sparse), (5, Need::Unmapped)]
        );
        assert!(plan(&pages, &images, OcrMode::Never).is_empty());
        assert_eq!(plan(&pages, &images, OcrMode::Always).len(), 6);
    }

    #[test]
    fn rotated_and_tiled_images_cover_what_they_draw() {
        let p = [0.0, 0.0, 100.0, 200.0];
        // Drawn rotated by 90°: the unit square goes to x 0..100, y 0..200.
        let r = DrawnImage {
            page: 1,
            id: None,
            matrix: [0.0, 200.0, -100.0, 0.0, 100.0, 0.0],
        };
        assert_eq!(image_box(&r.matrix), [0.0, 0.0, 100.0, 200.0]);
        assert!((covered_area(&p, &[&r]) - 20_000.0).abs() < 1.0);
        // Two strips that overlap by half count once.
        let a = image(1, 0.0, 0.0, 100.0, 100.0);
        let b = image(1, 0.0, 50.0, 100.0, 100.0);
        let c = covered_area(&p, &[&a, &b]);
        assert!((c - 15_000.0).abs() < 600.0, "{c}");
    }
}
