//! Reading ptsm JSON outputs back: single files or folders written by
//! `ptsm extract -o OUT` (walked recursively; hidden entries such as
//! `.ptsm-manifest.jsonl` are skipped).

use std::path::{Path, PathBuf};

use crate::model::Document;

/// A document read from a ptsm JSON file.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// Stable id of the document in tables: the JSON file's path relative
    /// to the folder given, without `.json` ("sub/a.pdf" for
    /// `OUT/sub/a.pdf.json`); the file name for a file given directly.
    pub id: String,
    pub path: PathBuf,
    pub doc: Document,
}

/// Why an output could not be read.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{}: cannot read: {error}", path.display())]
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
    #[error("{}: not a ptsm document: {error}", path.display())]
    Json {
        path: PathBuf,
        error: serde_json::Error,
    },
}

/// The file `ptsm extract -o OUT` writes next to the documents.
pub const BATCH_SUMMARY: &str = "summary.json";

/// True when the file looks like a ptsm document (an object with
/// `schema_version`): tells the batch summary from the output of an input
/// that happens to be named `summary`.
fn is_document(path: &Path) -> bool {
    std::fs::read(path)
        .ok()
        .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok())
        .is_some_and(|v| v.get("schema_version").is_some())
}

/// The `.json` files under `root` (itself if it is a file), sorted, each
/// with its id.
pub fn json_files(root: &Path) -> Result<Vec<(String, PathBuf)>, LoadError> {
    let meta = std::fs::metadata(root).map_err(|error| LoadError::Io {
        path: root.to_path_buf(),
        error,
    })?;
    if meta.is_file() {
        let name = root
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let id = name.strip_suffix(".json").unwrap_or(&name).to_string();
        return Ok(vec![(id, root.to_path_buf())]);
    }
    let mut out = Vec::new();
    walk(root, root, &mut out)?;
    out.sort();
    Ok(out)
}

fn walk(root: &Path, dir: &Path, out: &mut Vec<(String, PathBuf)>) -> Result<(), LoadError> {
    let io = |error| LoadError::Io {
        path: dir.to_path_buf(),
        error,
    };
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let entry = entry.map_err(io)?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        let path = entry.path();
        let ty = entry.file_type().map_err(io)?;
        if ty.is_dir() {
            walk(root, &path, out)?;
        } else if ty.is_file() && name.ends_with(".json") {
            if dir == root && name == BATCH_SUMMARY && !is_document(&path) {
                continue;
            }
            let rel = path.strip_prefix(root).unwrap_or(&path);
            let rel = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            let id = rel.strip_suffix(".json").unwrap_or(&rel).to_string();
            out.push((id, path));
        }
    }
    Ok(())
}

/// Reads one ptsm JSON file.
pub fn load_file(id: String, path: &Path) -> Result<Loaded, LoadError> {
    let bytes = std::fs::read(path).map_err(|error| LoadError::Io {
        path: path.to_path_buf(),
        error,
    })?;
    let doc = serde_json::from_slice(&bytes).map_err(|error| LoadError::Json {
        path: path.to_path_buf(),
        error,
    })?;
    Ok(Loaded {
        id,
        path: path.to_path_buf(),
        doc,
    })
}

/// Reads every ptsm JSON file under each of `roots`.
pub fn load_all(roots: &[PathBuf]) -> Result<Vec<Loaded>, LoadError> {
    let mut out = Vec::new();
    for r in roots {
        for (id, path) in json_files(r)? {
            out.push(load_file(id, &path)?);
        }
    }
    Ok(out)
}

/// The file name of the document's source ("normandie-ptsm-2026.txt"): the
/// key that matches documents across folders in `diff` and `check`.
pub fn source_name(doc: &Document) -> String {
    let p = doc.source.path.replace('\\', "/");
    p.rsplit('/').next().unwrap_or(&p).to_string()
}
