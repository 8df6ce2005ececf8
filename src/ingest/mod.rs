//! Stage 1: bytes → [`RawDoc`] (lines of text per page, with positions for PDF).
//!
//! Text files are decoded ([`text`]); PDFs are parsed with lopdf and laid out
//! by our own text layer ([`pdf`]); web pages are parsed with html5ever and
//! reduced to their main content ([`html`]). All produce the same shape so
//! that the later stages do not care where the text came from; a web page
//! also carries the structure of its markup ([`markup`]).

pub mod html;
pub mod markup;
pub mod pdf;
pub mod text;
pub mod unsupported;

use std::io::Read;
use std::path::Path;

use crate::error::{IngestError, Warning};
use crate::model::{Furniture, SourceFormat};

/// Options that affect reading.
#[derive(Debug, Clone)]
pub struct IngestOptions {
    /// User password for encrypted PDFs (the empty password is always tried).
    pub password: Option<String>,
    /// Inputs larger than this are refused.
    pub max_file_bytes: u64,
    /// Limit on the decompressed size of one PDF stream.
    pub max_stream_bytes: usize,
    /// Limit on the number of objects in one PDF.
    pub max_objects: usize,
    /// Limit on nesting (form XObjects, object references).
    pub max_depth: u32,
    /// Which PDF pages are read by OCR.
    pub ocr: OcrMode,
    /// The OCR engine's language model(s): `fra`, or `fra+eng`.
    pub ocr_language: String,
}

/// Which PDF pages are read by OCR (`--ocr`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OcrMode {
    /// Pages without a usable text layer: images and no text, text that is
    /// only U+FFFD, or a scan with a few characters on it. A page with a
    /// text layer is never OCR'd.
    #[default]
    Auto,
    /// Every page, its text layer set aside.
    Always,
    /// None: an image-only document is an error, as without an engine.
    Never,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions {
            password: None,
            max_file_bytes: 512 * 1024 * 1024,
            max_stream_bytes: 256 * 1024 * 1024,
            max_objects: 2_000_000,
            max_depth: 32,
            ocr: OcrMode::Auto,
            ocr_language: "fra".into(),
        }
    }
}

/// An axis-aligned box in PDF user space `[x0, y0, x1, y1]`, origin bottom left.
pub type BBox = [f32; 4];

/// A document as read: pages of lines. A text file is one page.
#[derive(Debug, Clone)]
pub struct RawDoc {
    pub format: SourceFormat,
    /// Detected encoding for text inputs.
    pub encoding: Option<String>,
    /// True when the source has real pages (PDF): spans then carry pages.
    pub paged: bool,
    /// True when line structure comes from a layout engine that already
    /// grouped lines into blocks (PDF): within a block, lines are wrapped
    /// lines of one paragraph or list item; an empty line separates blocks.
    /// False for text files, where normalization must guess.
    pub laid_out: bool,
    pub pages: Vec<RawPage>,
    /// Page furniture removed by the layout layer.
    pub furniture: Vec<Furniture>,
    /// Tables found by the layout layer (PDF). Each row is also a line of
    /// its page ([`RawLine::table`]), where the table stands in the text.
    pub tables: Vec<RawTable>,
    pub warnings: Vec<Warning>,
    /// The blocks a marked-up source (HTML) gives, over the lines of its
    /// only page, and its page metadata: normalization and segmentation
    /// take them as they are. `None` for PDF and text.
    pub markup: Option<Box<markup::Markup>>,
    /// What OCR read, when some pages had no text layer.
    pub ocr: Option<pdf::ocr::OcrReport>,
}

impl RawDoc {
    /// Frees the lines of the pages (their text and positions; the pages
    /// themselves are kept, and so their count). Normalization alone reads
    /// them: [`crate::process`] releases them once it is done, so that a
    /// text's lines (a `String` and 64 bytes a line: 2.6 × a text of list
    /// items) are not held through extraction beside the normalized text.
    pub fn release_lines(&mut self) {
        for p in &mut self.pages {
            p.lines = Vec::new();
        }
    }
}

/// A table: rows of cells on a grid of `cols` columns, on one page or
/// continued over several.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RawTable {
    pub cols: u32,
    pub rows: Vec<RawRow>,
    /// The table's box on each page it covers, in page order.
    pub regions: Vec<(u32, BBox)>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct RawRow {
    /// A header row (at the top of the table, or repeated at the top of a
    /// page it continues on).
    pub header: bool,
    /// The cells that start in this row, left to right.
    pub cells: Vec<RawCell>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct RawCell {
    /// First grid column (0-based) and the columns and rows it spans.
    pub col: u32,
    pub colspan: u32,
    pub rowspan: u32,
    /// The cell's box and text on each page it is drawn on: one part,
    /// or two when the row is split by a page break.
    pub parts: Vec<CellPart>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct CellPart {
    pub page: u32,
    pub bbox: BBox,
    /// The cell's lines of text on that page, in reading order (the
    /// normalizer joins them as it joins wrapped lines).
    pub lines: Vec<String>,
}

/// Which table row a [`RawLine`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TableRow {
    /// Index in [`RawDoc::tables`].
    pub table: u32,
    /// Index in its [`RawTable::rows`].
    pub row: u32,
}

#[derive(Debug, Clone, Default)]
pub struct RawPage {
    /// 1-based page number.
    pub number: u32,
    pub lines: Vec<RawLine>,
}

/// One visual line. An empty `text` is a block separator.
#[derive(Debug, Clone, Default)]
pub struct RawLine {
    pub text: String,
    /// Position on the page, for PDF sources.
    pub bbox: Option<BBox>,
    /// Set when the line is a table row: its text is then the row's cells
    /// separated by tabs (one field per grid column, empty where a cell
    /// spans from the left or above), for display; the cells themselves
    /// are in [`RawDoc::tables`].
    pub table: Option<TableRow>,
    /// 1-based line of the source file this line comes from, when lines
    /// were reordered (the columns of a laid-out text file); `None` for
    /// the n-th line of the document.
    pub source_line: Option<u32>,
}

impl RawLine {
    pub fn new(text: impl Into<String>) -> Self {
        RawLine {
            text: text.into(),
            bbox: None,
            table: None,
            source_line: None,
        }
    }
}

/// Which reader a file goes to: `%PDF-` in the first kilobyte, or the
/// name `.pdf` (a web page saved under a PDF's name is the error page a
/// server sent instead of the PDF: it is refused as no PDF); else markup
/// that starts like a web page (see [`html::sniff`]) or the name `.html`,
/// `.htm`, `.xhtml`, `.shtml`; else text.
pub fn sniff(name: &str, bytes: &[u8]) -> SourceFormat {
    let head = &bytes[..bytes.len().min(1024)];
    if head.windows(5).any(|w| w == b"%PDF-") {
        return SourceFormat::Pdf;
    }
    let lower = name.to_ascii_lowercase();
    if lower.ends_with(".pdf") {
        return SourceFormat::Pdf;
    }
    if html::sniff(head) || html::EXTENSIONS.iter().any(|e| lower.ends_with(e)) {
        return SourceFormat::Html;
    }
    SourceFormat::Text
}

/// What an input file is, for reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// A regular file: its size is known before it is read.
    Regular,
    /// A FIFO (named pipe): its size is unknown and a read may wait for
    /// ever; read it with a bound and, where that matters, a time limit.
    Pipe,
}

/// Opens `path` for reading and says what it is, before anything is read:
/// a regular file with its size, or a FIFO. The file is opened without
/// waiting (opening a FIFO otherwise blocks until a writer comes; on Linux
/// `O_NONBLOCK` is set for the open and cleared after). A folder, a device
/// (`/dev/zero` would be read until memory runs out) or a socket is
/// refused as `Unsupported`.
pub fn open_file(path: &Path) -> Result<(std::fs::File, FileKind, u64), IngestError> {
    let file = open_nonblocking(path)?;
    let meta = file.metadata()?;
    let ft = meta.file_type();
    if ft.is_file() {
        return Ok((file, FileKind::Regular, meta.len()));
    }
    if ft.is_dir() {
        return Err(IngestError::Unsupported("a folder, not a file".into()));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            set_blocking(&file)?;
            return Ok((file, FileKind::Pipe, 0));
        }
        let what = if ft.is_char_device() {
            "a character device"
        } else if ft.is_block_device() {
            "a block device"
        } else if ft.is_socket() {
            "a socket"
        } else {
            "not a regular file"
        };
        Err(IngestError::Unsupported(format!(
            "{what}, not a document: not read"
        )))
    }
    #[cfg(not(unix))]
    Err(IngestError::Unsupported(
        "not a regular file: not read".into(),
    ))
}

#[cfg(target_os = "linux")]
fn open_nonblocking(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(rustix::fs::OFlags::NONBLOCK.bits() as i32)
        .open(path)
}

#[cfg(not(target_os = "linux"))]
fn open_nonblocking(path: &Path) -> std::io::Result<std::fs::File> {
    std::fs::File::open(path)
}

#[cfg(target_os = "linux")]
fn set_blocking(file: &std::fs::File) -> std::io::Result<()> {
    let flags = rustix::fs::fcntl_getfl(file)?;
    rustix::fs::fcntl_setfl(file, flags - rustix::fs::OFlags::NONBLOCK)?;
    Ok(())
}

#[cfg(all(unix, not(target_os = "linux")))]
fn set_blocking(_file: &std::fs::File) -> std::io::Result<()> {
    Ok(())
}

/// Reads the file at `path`, at most `opts.max_file_bytes`: a regular file
/// over the limit is refused from its size, before any byte is read; a
/// FIFO is read up to the limit and refused past it; anything else is
/// refused by [`open_file`].
pub fn read_file(path: &Path, opts: &IngestOptions) -> Result<Vec<u8>, IngestError> {
    let limit = opts.max_file_bytes;
    let (file, _kind, size) = open_file(path)?;
    if size > limit {
        return Err(IngestError::TooLarge { size, limit });
    }
    read_bounded(file, limit, usize::try_from(size).unwrap_or(0))
}

/// Reads `r` to its end, at most `limit` bytes (more is `TooLarge`).
pub fn read_bounded(r: impl Read, limit: u64, size_hint: usize) -> Result<Vec<u8>, IngestError> {
    let mut bytes = Vec::with_capacity(size_hint);
    r.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(IngestError::TooLarge {
            size: bytes.len() as u64,
            limit,
        });
    }
    Ok(bytes)
}

/// Reads `bytes` (named `name` for messages and format sniffing).
pub fn read(name: &str, bytes: &[u8], opts: &IngestOptions) -> Result<RawDoc, IngestError> {
    if bytes.is_empty() {
        return Err(IngestError::Empty);
    }
    if bytes.len() as u64 > opts.max_file_bytes {
        return Err(IngestError::TooLarge {
            size: bytes.len() as u64,
            limit: opts.max_file_bytes,
        });
    }
    let format = sniff(name, bytes);
    if format != SourceFormat::Pdf {
        if let Some(what) = unsupported::format(name, bytes) {
            return Err(IngestError::Unsupported(what));
        }
    }
    match format {
        SourceFormat::Pdf => pdf::read(bytes, opts),
        SourceFormat::Text => text::read(bytes),
        SourceFormat::Html => html::read(name, bytes),
    }
}
