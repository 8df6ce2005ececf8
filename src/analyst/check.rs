//! `ptsm check DIR --expected EXPECTED`: runs the extraction on the inputs
//! of DIR and compares the result with expected outputs, so that users can
//! keep their own regression tests on their sample releases.

use std::path::{Path, PathBuf};

use crate::analyst::diff::{diff_sets, Diff};
use crate::analyst::load::{load_all, LoadError, Loaded};
use crate::Options;

/// The outcome of a check.
#[derive(Debug, Clone, Default)]
pub struct CheckReport {
    pub diff: Diff,
    /// Inputs that could not be processed, as `path: reason`.
    pub errors: Vec<String>,
    pub inputs: usize,
}

impl CheckReport {
    pub fn passed(&self) -> bool {
        self.errors.is_empty() && self.diff.is_empty()
    }
}

/// The `.txt` and `.pdf` files under `dir` (recursive, hidden entries
/// skipped), sorted.
pub fn inputs(dir: &Path) -> Result<Vec<PathBuf>, LoadError> {
    let mut out = Vec::new();
    walk(dir, &mut out)?;
    out.sort();
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), LoadError> {
    let io = |error| LoadError::Io {
        path: dir.to_path_buf(),
        error,
    };
    if std::fs::metadata(dir).map_err(io)?.is_file() {
        out.push(dir.to_path_buf());
        return Ok(());
    }
    for e in std::fs::read_dir(dir).map_err(io)? {
        let e = e.map_err(io)?;
        let name = e.file_name().to_string_lossy().to_lowercase();
        if name.starts_with('.') {
            continue;
        }
        let ty = e.file_type().map_err(io)?;
        if ty.is_dir() {
            walk(&e.path(), out)?;
        } else if ty.is_file() && (name.ends_with(".txt") || name.ends_with(".pdf")) {
            out.push(e.path());
        }
    }
    Ok(())
}

/// Processes the inputs of `dir` and diffs the expected outputs (A) against
/// what the extraction produces now (B).
pub fn check(dir: &Path, expected: &Path, opts: &Options) -> Result<CheckReport, LoadError> {
    let expected = load_all(&[expected.to_path_buf()])?;
    let files = inputs(dir)?;
    let mut actual = Vec::new();
    let mut errors = Vec::new();
    for f in &files {
        match crate::process(f, opts) {
            Ok(p) => actual.push(Loaded {
                id: f.to_string_lossy().into_owned(),
                path: f.clone(),
                doc: p.document,
            }),
            Err(e) => errors.push(e.to_string()),
        }
    }
    Ok(CheckReport {
        diff: diff_sets(&expected, &actual),
        errors,
        inputs: files.len(),
    })
}
