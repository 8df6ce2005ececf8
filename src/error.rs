//! Errors and warnings shared by the stages.
//!
//! A [`DocError`] is fatal for one document (and only that one: the batch
//! goes on). A [`Warning`] is an anomaly inside a document that was handled
//! and must be reported in the output, never hidden.

use std::ops::Range;
use std::path::PathBuf;

/// A document could not be processed. Displays as `path: reason`.
#[derive(Debug, thiserror::Error)]
#[error("{}: {source}", path.display())]
pub struct DocError {
    pub path: PathBuf,
    #[source]
    pub source: StageError,
}

impl DocError {
    pub fn new(path: impl Into<PathBuf>, source: impl Into<StageError>) -> Self {
        DocError {
            path: path.into(),
            source: source.into(),
        }
    }

    /// A short, stable name for the kind of failure (for `errors.jsonl` and
    /// the batch summary).
    pub fn kind(&self) -> &'static str {
        self.source.kind()
    }
}

#[derive(Debug, thiserror::Error)]
pub enum StageError {
    #[error(transparent)]
    Ingest(#[from] IngestError),
    #[error(transparent)]
    Output(#[from] OutputError),
}

impl StageError {
    pub fn kind(&self) -> &'static str {
        match self {
            StageError::Ingest(e) => e.kind(),
            StageError::Output(_) => "output",
        }
    }
}

/// Why an input could not be read.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error("cannot read file: {0}")]
    Io(#[from] std::io::Error),
    #[error("empty file")]
    Empty,
    #[error("file is {size} bytes, over the limit of {limit} bytes")]
    TooLarge { size: u64, limit: u64 },
    #[error("unsupported format: {0}")]
    Unsupported(String),
    #[error(
        "text is not valid in any supported encoding (UTF-8, UTF-16 with BOM, Windows-1252): {0}"
    )]
    Encoding(String),
    #[error("not a PDF: {0}")]
    NotPdf(String),
    #[error("encrypted PDF: a password is needed (use --password)")]
    PasswordRequired,
    #[error("encrypted PDF: the password given is wrong")]
    WrongPassword,
    #[error("encrypted PDF: {0}")]
    Decryption(String),
    #[error("damaged PDF, nothing could be recovered: {0}")]
    Corrupt(String),
    #[error("no text layer: the document is image-only ({pages} page(s)) and needs OCR: {hint}")]
    ImageOnly { pages: u32, hint: String },
    #[error("page {page}: {message}")]
    Page { page: u32, message: String },
    #[error("limit exceeded: {0}")]
    Limit(String),
}

impl IngestError {
    pub fn kind(&self) -> &'static str {
        match self {
            IngestError::Io(_) => "io",
            IngestError::Empty => "empty",
            IngestError::TooLarge { .. } => "too_large",
            IngestError::Unsupported(_) => "unsupported_format",
            IngestError::Encoding(_) => "encoding",
            IngestError::NotPdf(_) => "not_pdf",
            IngestError::PasswordRequired => "password_required",
            IngestError::WrongPassword => "wrong_password",
            IngestError::Decryption(_) => "decryption",
            IngestError::Corrupt(_) => "corrupt",
            IngestError::ImageOnly { .. } => "image_only",
            IngestError::Page { .. } => "page",
            IngestError::Limit(_) => "limit",
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error("cannot write {}: {source}", path.display())]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot serialise: {0}")]
    Json(#[from] serde_json::Error),
}

/// Where a warning points. Ingest warnings know at most a page; later
/// stages know a byte range of the normalized text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Location {
    pub range: Option<Range<usize>>,
    pub page: Option<u32>,
}

/// An anomaly that was handled. `code` is stable and machine-readable.
#[derive(Debug, Clone, PartialEq)]
pub struct Warning {
    pub code: &'static str,
    pub message: String,
    pub location: Location,
}

impl Warning {
    pub fn new(code: &'static str, message: impl Into<String>) -> Self {
        Warning {
            code,
            message: message.into(),
            location: Location::default(),
        }
    }

    pub fn at(mut self, range: Range<usize>) -> Self {
        self.location.range = Some(range);
        self
    }

    pub fn on_page(mut self, page: u32) -> Self {
        self.location.page = Some(page);
        self
    }
}

/// A value with the warnings raised while making it.
#[derive(Debug, Clone)]
pub struct Warned<T> {
    pub output: T,
    pub warnings: Vec<Warning>,
}
