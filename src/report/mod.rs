//! The review report: a folder of static HTML pages made from a folder of
//! ptsm JSON, that opens from disk with no server and makes no network
//! request (`ptsm report OUT -o REPORT`, `ptsm extract … --report REPORT`).
//!
//! Pages: `index.html` (the documents, sortable and filterable, totals,
//! warnings by code), `map.html` (départements of France coloured by what
//! the corpus says about them), `heatmap.html` (territory × theme),
//! `doc/<name>.html` (one per document: its normalized text with every
//! extracted item highlighted, and the structured result beside it) and
//! `warnings/<code>.html`. Data the pages' scripts need is in `data/*.js`
//! (scripts, not JSON, so that a page opened from `file://` can load it).
//!
//! The report reads the JSON only: the normalized text is rebuilt from the
//! block tree ([`text::rebuild`]), never extracted again. The one thing it
//! reads besides is the source PDF, when it is still where `source.path`
//! says and its SHA-256 matches, to draw page thumbnails with `pdftoppm`.
//!
//! Documents are read, and their pages written, in parallel; what the
//! index, the map and the heatmap need is kept per document (a few hundred
//! bytes plus its items' short texts), so the work and the memory are
//! linear in the number of documents.

pub mod marks;
pub mod text;

mod doc_page;
mod heatmap;
mod map;
mod pages;
mod summary;
mod thumbs;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

pub use summary::DocInfo;

/// How the report is made.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Page thumbnails of PDF sources.
    pub thumbnails: Thumbnails,
    /// Where relative `source.path`s are resolved (for thumbnails); the
    /// current folder when `None`.
    pub sources: Option<PathBuf>,
    /// Worker threads (`None`: rayon's default, one per core).
    pub jobs: Option<usize>,
}

/// Whether PDF pages are rendered as thumbnails.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Thumbnails {
    /// With `pdftoppm` when it is installed and the source is found.
    #[default]
    Auto,
    Never,
}

/// What a report run did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stats {
    pub documents: usize,
    /// JSON files that could not be read as ptsm documents.
    pub unreadable: usize,
    /// Documents whose text could not be rebuilt from their blocks.
    pub without_text: usize,
    /// Items whose span is not in the text (not drawn, listed on the page).
    pub unplaced: usize,
    pub thumbnail_pages: usize,
    /// Bytes written.
    pub bytes: u64,
}

/// Why a report could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("{}: {error}", path.display())]
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
    #[error(transparent)]
    Load(#[from] crate::analyst::load::LoadError),
    #[error(
        "{}: the folder is not empty and holds no ptsm report (no `{MARKER}`): \
         refusing to write into it",
        .0.display()
    )]
    NotAReport(PathBuf),
    #[error("{}: the report cannot be written inside the folder it reads", .0.display())]
    Inside(PathBuf),
}

/// The file that marks a folder as a ptsm report, so that a new report
/// may replace it.
pub const MARKER: &str = ".ptsm-report";

pub(crate) fn io(path: &Path) -> impl FnOnce(std::io::Error) -> ReportError + '_ {
    move |error| ReportError::Io {
        path: path.to_path_buf(),
        error,
    }
}

/// Writes `bytes` to `path`, counting them.
pub(crate) fn write(
    path: &Path,
    bytes: &[u8],
    total: &std::sync::atomic::AtomicU64,
) -> Result<(), ReportError> {
    std::fs::write(path, bytes).map_err(io(path))?;
    total.fetch_add(bytes.len() as u64, std::sync::atomic::Ordering::Relaxed);
    Ok(())
}

/// Makes the report of the ptsm JSON under `input` (a folder written by
/// `ptsm extract -o`, or one file) in the folder `out`.
pub fn build(input: &Path, out: &Path, opts: &Options) -> Result<Stats, ReportError> {
    prepare(input, out)?;
    let files = crate::analyst::load::json_files(input)?;
    let failed = pages::read_errors(input);
    let slugs = slugs(&files);
    let pdftoppm = opts.thumbnails == Thumbnails::Auto && thumbs::available();
    let bytes = std::sync::atomic::AtomicU64::new(0);
    let work = |(i, (id, path)): (usize, &(String, PathBuf))| {
        doc_page::make(i, id, path, &slugs[i], out, opts, pdftoppm, &bytes)
    };
    let results: Vec<Result<DocInfo, summary::Unreadable>> = match opts.jobs {
        Some(n) => rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build()
            .map_err(|e| ReportError::Io {
                path: out.to_path_buf(),
                error: std::io::Error::other(e),
            })?
            .install(|| files.par_iter().enumerate().map(work).collect()),
        None => files.par_iter().enumerate().map(work).collect(),
    };
    let mut docs = Vec::with_capacity(results.len());
    let mut unreadable = Vec::new();
    for r in results {
        match r {
            Ok(d) => docs.push(d),
            Err(u) => unreadable.push(u),
        }
    }
    let corpus = summary::Corpus::new(docs, unreadable, failed);
    pages::write_assets(out, &bytes)?;
    pages::overview(&corpus, out, &bytes)?;
    pages::warnings(&corpus, out, &bytes)?;
    map::page(&corpus, out, &bytes)?;
    heatmap::page(&corpus, out, &bytes)?;
    Ok(Stats {
        documents: corpus.docs.len(),
        unreadable: corpus.unreadable.len(),
        without_text: corpus.docs.iter().filter(|d| !d.text_ok).count(),
        unplaced: corpus.docs.iter().map(|d| d.unplaced).sum(),
        thumbnail_pages: corpus.docs.iter().map(|d| d.thumbnails).sum(),
        bytes: bytes.into_inner(),
    })
}

/// Empties `out` if it is an earlier report, refuses any other non-empty
/// folder, and makes the subfolders.
fn prepare(input: &Path, out: &Path) -> Result<(), ReportError> {
    if let (Ok(i), Ok(o)) = (input.canonicalize(), out.canonicalize()) {
        if o.starts_with(&i) && i.is_dir() {
            return Err(ReportError::Inside(out.to_path_buf()));
        }
    }
    if out.exists() {
        let mut entries = std::fs::read_dir(out).map_err(io(out))?;
        if entries.next().is_some() {
            if !out.join(MARKER).exists() {
                return Err(ReportError::NotAReport(out.to_path_buf()));
            }
            for sub in ["doc", "pages", "data", "warnings", "assets"] {
                let p = out.join(sub);
                if p.exists() {
                    std::fs::remove_dir_all(&p).map_err(io(&p))?;
                }
            }
        }
    }
    for sub in ["doc", "data/heatmap", "warnings", "assets"] {
        let p = out.join(sub);
        std::fs::create_dir_all(&p).map_err(io(&p))?;
    }
    let m = out.join(MARKER);
    std::fs::write(
        &m,
        "ptsm review report: `ptsm report` may replace this folder\n",
    )
    .map_err(io(&m))
}

/// File names of the document pages: the JSON id with `/` as `__` and
/// anything but letters, digits, `.`, `_` and `-` as `_`, unique.
fn slugs(files: &[(String, PathBuf)]) -> Vec<String> {
    let mut seen = HashSet::new();
    files
        .iter()
        .map(|(id, _)| {
            let base: String = id
                .replace('/', "__")
                .chars()
                .map(|c| {
                    if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') {
                        c
                    } else {
                        '_'
                    }
                })
                .collect();
            let mut s = base.clone();
            let mut n = 2;
            while !seen.insert(s.to_ascii_lowercase()) {
                s = format!("{base}-{n}");
                n += 1;
            }
            s
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_safe_file_names_and_unique_whatever_the_case() {
        let files: Vec<(String, PathBuf)> = ["sub/a b.pdf", "sub__a_b.pdf", "Été.txt", "ÉTÉ.txt"]
            .iter()
            .map(|s| (s.to_string(), PathBuf::new()))
            .collect();
        assert_eq!(
            slugs(&files),
            ["sub__a_b.pdf", "sub__a_b.pdf-2", "_t_.txt", "_T_.txt-2"]
        );
    }
}
