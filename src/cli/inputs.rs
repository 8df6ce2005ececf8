//! Which files a batch converts, what each output is called, and which
//! shard of the inputs this process takes.
//!
//! Rules (documented in the README):
//! - a file named on the command line is always taken (its format is sniffed
//!   from its content by the library), and its output is named after its
//!   file name;
//! - a folder is walked recursively in sorted order, skipping hidden entries
//!   (names starting with `.`), symbolic links to folders, and the output
//!   folder; it contributes `.txt`, `.pdf`, `.html`, `.htm`, `.xhtml` and
//!   `.shtml` files (any case) and files of any other name that *start*
//!   with `%PDF-` (a looser test, such as the library's "`%PDF-` in the
//!   first kilobyte", would take READMEs that talk about PDF headers);
//!   their outputs mirror the path under the folder. The folder of a page
//!   saved by a browser with its files (`page_files/` beside `page.html`)
//!   holds its images, scripts and frames, not documents: it is not
//!   walked. Every other file is skipped and counted by why ([`Skipped`]);
//! - a line of `--files-from` is a file or folder path; its output mirrors
//!   the path as written (made relative, `..` folded to `_`), so listings
//!   produced by `find` keep their tree;
//! - `-` is standard input, named `stdin`.
//!
//! The output of input `NAME` is `OUT/NAME.json`: the extension is kept, so
//! `a.txt` and `a.pdf` in one folder give `a.txt.json` and `a.pdf.json` and
//! two distinct inputs under one root can never collide. Inputs from
//! different roots that would still share an output are a usage error.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Component, Path, PathBuf};

use sha2::{Digest, Sha256};

use super::args::Shard;
use super::UsageError;

/// Names written by the batch itself in `OUT`: no input may take them.
pub const RESERVED: &[&str] = &[
    "errors.jsonl",
    "summary.json",
    super::manifest::MANIFEST_NAME,
];

/// One input of a batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// Where to read it; `None` for standard input.
    pub path: Option<PathBuf>,
    /// The path as the user gave it (or as found under a folder they gave):
    /// used in messages and as `source.path` in the output.
    pub display: String,
    /// Relative output name with `/` separators, without the `.json`.
    pub name: String,
}

impl Input {
    /// `OUT/<name>.json`.
    pub fn output_path(&self, out: &Path) -> PathBuf {
        let mut p = out.to_path_buf();
        for part in self.name.split('/') {
            p.push(part);
        }
        let mut s = p.into_os_string();
        s.push(".json");
        PathBuf::from(s)
    }
}

/// An entry a folder walk did not take, with why: `unsupported_format`
/// (office documents, images, archives: see
/// [`ptsm::ingest::unsupported`]), `not_a_document` (any other file, such
/// as a stylesheet), `saved_page_files` (the folder of a saved page's
/// files).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// The path, as [`Input::display`] writes paths.
    pub path: String,
    pub reason: &'static str,
}

/// The inputs of a batch, and what the folder walks skipped.
#[derive(Debug, Default)]
pub struct Collected {
    pub inputs: Vec<Input>,
    pub skipped: Vec<Skipped>,
}

impl Collected {
    /// One line saying how many entries the walks skipped and why, with
    /// the extensions of the files; `None` when they skipped nothing.
    pub fn skipped_summary(&self) -> Option<String> {
        if self.skipped.is_empty() {
            return None;
        }
        let mut parts = Vec::new();
        for (reason, label) in [
            ("unsupported_format", "unsupported format"),
            ("not_a_document", "not a document"),
            ("saved_page_files", "folder of a saved page's files"),
        ] {
            let of: Vec<&Skipped> = self.skipped.iter().filter(|s| s.reason == reason).collect();
            if of.is_empty() {
                continue;
            }
            let mut exts: Vec<(String, usize)> = Vec::new();
            for s in &of {
                let e = Path::new(&s.path).extension().map_or_else(
                    || "no extension".to_string(),
                    |e| format!(".{}", e.to_string_lossy().to_lowercase()),
                );
                match exts.iter_mut().find(|(x, _)| *x == e) {
                    Some((_, n)) => *n += 1,
                    None => exts.push((e, 1)),
                }
            }
            let detail = if reason == "saved_page_files" {
                of.iter()
                    .map(|s| s.path.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            } else {
                exts.iter()
                    .map(|(e, n)| format!("{n} {e}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            parts.push(format!("{} {label} ({detail})", of.len()));
        }
        Some(format!(
            "skipped {} entr{} of the folders: {}",
            self.skipped.len(),
            if self.skipped.len() == 1 { "y" } else { "ies" },
            parts.join("; ")
        ))
    }
}

/// Collects the inputs of a batch, in a stable order: command-line order,
/// then `--files-from` order, each folder sorted by name.
pub fn collect(
    paths: &[PathBuf],
    files_from: Option<&[String]>,
    out: Option<&Path>,
) -> Result<Collected, UsageError> {
    let skip = out.and_then(|o| std::fs::canonicalize(o).ok());
    let mut inputs = Vec::new();
    let mut skipped = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            inputs.push(stdin_input());
            continue;
        }
        if p.is_dir() {
            walk(p, "", skip.as_deref(), &mut inputs, &mut skipped);
        } else {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| mirrored_name(p));
            inputs.push(file_input(p, name));
        }
    }
    for line in files_from.unwrap_or_default() {
        let p = PathBuf::from(line);
        if p.is_dir() {
            let prefix = mirrored_name(&p);
            walk(&p, &prefix, skip.as_deref(), &mut inputs, &mut skipped);
        } else {
            let name = mirrored_name(&p);
            inputs.push(file_input(&p, name));
        }
    }
    Ok(Collected {
        inputs: check_collisions(inputs)?,
        skipped,
    })
}

/// Splits a `--files-from` listing: one path per line, `\r\n` accepted,
/// blank lines ignored.
pub fn parse_list(text: &str) -> Vec<String> {
    text.lines()
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .filter(|l| !l.trim().is_empty())
        .map(str::to_string)
        .collect()
}

/// Reads a `--files-from` listing from a file or `-` (standard input).
pub fn read_list(from: &Path) -> Result<Vec<String>, UsageError> {
    let mut text = String::new();
    let res = if from.as_os_str() == "-" {
        std::io::stdin().read_to_string(&mut text).map(|_| ())
    } else {
        std::fs::read_to_string(from).map(|t| text = t)
    };
    res.map_err(|e| UsageError(format!("--files-from {}: {e}", from.display())))?;
    Ok(parse_list(&text))
}

fn stdin_input() -> Input {
    Input {
        path: None,
        display: "-".into(),
        name: "stdin".into(),
    }
}

fn file_input(p: &Path, name: String) -> Input {
    Input {
        path: Some(p.to_path_buf()),
        display: p.to_string_lossy().into_owned(),
        name,
    }
}

/// A relative, `/`-separated form of `p` that cannot leave `OUT`: root and
/// `.` components dropped, `..` folded to `_`.
pub fn mirrored_name(p: &Path) -> String {
    let parts: Vec<String> = p
        .components()
        .filter_map(|c| match c {
            Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
            Component::ParentDir => Some("_".into()),
            Component::RootDir | Component::CurDir | Component::Prefix(_) => None,
        })
        .collect();
    if parts.is_empty() {
        "_".into()
    } else {
        parts.join("/")
    }
}

/// Recursive, sorted walk. Unreadable folders are skipped with a message:
/// they hold no input we could convert anyway, and the batch goes on.
fn walk(
    dir: &Path,
    prefix: &str,
    skip: Option<&Path>,
    inputs: &mut Vec<Input>,
    skipped: &mut Vec<Skipped>,
) {
    if let (Some(skip), Ok(canon)) = (skip, std::fs::canonicalize(dir)) {
        if canon == skip {
            return;
        }
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(e) => {
            eprintln!("{}: cannot read folder: {e}", dir.display());
            return;
        }
    };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
    entries.sort_by_key(|e| e.file_name());
    let names: Vec<String> = entries
        .iter()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    for entry in entries {
        let fname = entry.file_name().to_string_lossy().into_owned();
        if fname.starts_with('.') {
            continue;
        }
        let path = entry.path();
        let name = if prefix.is_empty() {
            fname.clone()
        } else {
            format!("{prefix}/{fname}")
        };
        let Ok(ft) = entry.file_type() else { continue };
        if ft.is_dir() {
            if saved_page_files(&fname, &names) {
                skipped.push(Skipped {
                    path: path.to_string_lossy().into_owned(),
                    reason: "saved_page_files",
                });
                continue;
            }
            walk(&path, &name, skip, inputs, skipped);
        } else if ft.is_file() || (ft.is_symlink() && path.is_file()) {
            if is_candidate(&path) {
                inputs.push(file_input(&path, name));
            } else {
                let unsupported = ptsm::ingest::unsupported::format(&fname, &[]).is_some();
                skipped.push(Skipped {
                    path: path.to_string_lossy().into_owned(),
                    reason: if unsupported {
                        "unsupported_format"
                    } else {
                        "not_a_document"
                    },
                });
            }
        }
    }
}

/// Whether folder `name` holds the files of a page saved beside it by a
/// browser ("Page complète"): `X_files` (Chrome, Firefox, Edge; older
/// French versions: `X_fichiers`) next to `X.html` or `X.htm`.
fn saved_page_files(name: &str, siblings: &[String]) -> bool {
    let Some(stem) = name
        .strip_suffix("_files")
        .or_else(|| name.strip_suffix("_fichiers"))
    else {
        return false;
    };
    ["html", "htm", "xhtml", "shtml"]
        .iter()
        .any(|ext| siblings.iter().any(|s| s == &format!("{stem}.{ext}")))
}

/// `.txt`, `.pdf` and web pages by extension, any other file by its first
/// bytes.
fn is_candidate(path: &Path) -> bool {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    match ext.as_deref() {
        Some("txt" | "pdf" | "html" | "htm" | "xhtml" | "shtml") => true,
        _ => looks_like_pdf(path),
    }
}

fn looks_like_pdf(path: &Path) -> bool {
    let mut head = [0u8; 5];
    let Ok(f) = std::fs::File::open(path) else {
        return false;
    };
    matches!(f.take(5).read_exact(&mut head), Ok(())) && &head == b"%PDF-"
}

/// Drops exact duplicates (the same file reached twice), refuses two
/// different inputs that would write the same output.
fn check_collisions(inputs: Vec<Input>) -> Result<Vec<Input>, UsageError> {
    let mut seen: HashMap<String, Input> = HashMap::new();
    let mut kept = Vec::with_capacity(inputs.len());
    for input in inputs {
        let lower = input.name.to_lowercase();
        if RESERVED.contains(&lower.as_str())
            || RESERVED.contains(&format!("{lower}.json").as_str())
        {
            return Err(UsageError(format!(
                "{}: its output would overwrite the batch's own {}.json",
                input.display, input.name
            )));
        }
        // Lowercased so that case-insensitive file systems cannot collide either.
        match seen.get(&lower) {
            Some(prev) if same_file(prev, &input) => continue,
            Some(prev) => {
                return Err(UsageError(format!(
                    "{} and {} would both be written to {}.json; \
                     pass their common parent folder instead",
                    prev.display, input.display, input.name
                )))
            }
            None => {
                seen.insert(lower, input.clone());
                kept.push(input);
            }
        }
    }
    Ok(kept)
}

fn same_file(a: &Input, b: &Input) -> bool {
    match (&a.path, &b.path) {
        (None, None) => true,
        (Some(x), Some(y)) => match (std::fs::canonicalize(x), std::fs::canonicalize(y)) {
            (Ok(x), Ok(y)) => x == y,
            _ => x == y,
        },
        _ => false,
    }
}

/// The shard of an input, 1-based: stable across runs and machines because
/// it depends only on the output name (not on the absolute path or the
/// order of the inputs).
pub fn shard_of(name: &str, n: u32) -> u32 {
    let digest = Sha256::digest(name.as_bytes());
    let mut first = [0u8; 8];
    first.copy_from_slice(&digest[..8]);
    (u64::from_be_bytes(first) % u64::from(n.max(1))) as u32 + 1
}

pub fn take_shard(inputs: Vec<Input>, shard: Option<Shard>) -> Vec<Input> {
    match shard {
        None => inputs,
        Some(s) => inputs
            .into_iter()
            .filter(|i| shard_of(&i.name, s.n) == s.k)
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(name: &str, path: &str) -> Input {
        Input {
            path: Some(PathBuf::from(path)),
            display: path.into(),
            name: name.into(),
        }
    }

    #[test]
    fn mirrored_name_cannot_leave_the_output_folder() {
        assert_eq!(mirrored_name(Path::new("/a/b/c.pdf")), "a/b/c.pdf");
        assert_eq!(mirrored_name(Path::new("./x/../y.txt")), "x/_/y.txt");
        assert_eq!(mirrored_name(Path::new("..")), "_");
        assert_eq!(mirrored_name(Path::new("/")), "_");
    }

    #[test]
    fn output_keeps_the_extension_so_txt_and_pdf_do_not_collide() {
        let out = Path::new("OUT");
        let a = input("d/a.txt", "in/d/a.txt").output_path(out);
        let b = input("d/a.pdf", "in/d/a.pdf").output_path(out);
        assert_eq!(a, Path::new("OUT/d/a.txt.json"));
        assert_eq!(b, Path::new("OUT/d/a.pdf.json"));
    }

    #[test]
    fn different_files_with_one_output_name_are_refused() {
        let err = check_collisions(vec![input("a.txt", "x/a.txt"), input("a.txt", "y/a.txt")])
            .unwrap_err();
        assert!(
            err.0.contains("x/a.txt") && err.0.contains("y/a.txt"),
            "{err}"
        );
    }

    #[test]
    fn reserved_names_are_refused() {
        assert!(check_collisions(vec![input("summary", "summary")]).is_err());
        assert!(check_collisions(vec![input("errors.jsonl", "errors.jsonl")]).is_err());
        assert!(check_collisions(vec![input("summary.txt", "summary.txt")]).is_ok());
    }

    #[test]
    fn folder_walk_takes_txt_pdf_and_pdf_content_only() {
        let d = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/test-tmp/inputs/walk");
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(d.join("sub")).unwrap();
        std::fs::create_dir_all(d.join(".cache")).unwrap();
        let files: [(&str, &[u8]); 7] = [
            ("b.TXT", b"x"),
            ("sub/a.pdf", b"junk"),
            ("scan", b"%PDF-1.4\n"),
            ("README.md", b"A PDF starts with %PDF-1.7"),
            ("notes.md", b"x"),
            (".hidden.txt", b"x"),
            (".cache/c.txt", b"x"),
        ];
        for (name, bytes) in files {
            std::fs::write(d.join(name), bytes).unwrap();
        }
        let got = collect(std::slice::from_ref(&d), None, None).unwrap();
        let names: Vec<&str> = got.inputs.iter().map(|i| i.name.as_str()).collect();
        assert_eq!(names, vec!["b.TXT", "scan", "sub/a.pdf"]);
    }

    #[test]
    fn folder_walk_takes_web_pages_once_and_counts_what_it_skips() {
        let d = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/test-tmp/inputs/saved");
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(d.join("Page_files/sub")).unwrap();
        std::fs::create_dir_all(d.join("Other_files")).unwrap();
        let files: [(&str, &[u8]); 8] = [
            ("Page.html", b"<html>"),
            ("Page_files/frame.html", b"<html>"),
            ("Page_files/style.css", b"p{}"),
            ("Page_files/sub/logo.png", b"\x89PNG"),
            ("Other_files/note.htm", b"<p>"),
            ("contrat.docx", b"PK"),
            ("photo.JPG", b"x"),
            ("notes.md", b"x"),
        ];
        for (name, bytes) in files {
            std::fs::write(d.join(name), bytes).unwrap();
        }
        let got = collect(std::slice::from_ref(&d), None, None).unwrap();
        let names: Vec<&str> = got.inputs.iter().map(|i| i.name.as_str()).collect();
        // A folder named like a saved page's without the page is walked.
        assert_eq!(names, vec!["Other_files/note.htm", "Page.html"]);
        let reasons: Vec<(&str, &str)> = got
            .skipped
            .iter()
            .map(|s| (s.path.rsplit('/').next().unwrap_or(""), s.reason))
            .collect();
        assert_eq!(
            reasons,
            vec![
                ("Page_files", "saved_page_files"),
                ("contrat.docx", "unsupported_format"),
                ("notes.md", "not_a_document"),
                ("photo.JPG", "unsupported_format"),
            ]
        );
        let summary = got.skipped_summary().unwrap();
        assert!(summary.starts_with("skipped 4 entries"), "{summary}");
        assert!(
            summary.contains("2 unsupported format (1 .docx, 1 .jpg)"),
            "{summary}"
        );
    }

    #[test]
    fn files_from_listing_ignores_blank_lines_and_crlf() {
        assert_eq!(
            parse_list("a.txt\r\n\n  \nb c.pdf\n"),
            vec!["a.txt", "b c.pdf"]
        );
    }

    #[test]
    fn shards_partition_the_inputs() {
        let names: Vec<String> = (0..500).map(|i| format!("dir/doc-{i}.pdf")).collect();
        for n in 1..=5u32 {
            let mut counts = vec![0usize; n as usize];
            for name in &names {
                let k = shard_of(name, n);
                assert!((1..=n).contains(&k));
                counts[(k - 1) as usize] += 1;
                // Stable: the same name always lands in the same shard.
                assert_eq!(shard_of(name, n), k);
            }
            assert_eq!(counts.iter().sum::<usize>(), names.len());
            // Roughly balanced: no shard gets less than half its share.
            assert!(
                counts.iter().all(|&c| c * 2 * n as usize >= names.len()),
                "{counts:?}"
            );
        }
    }
}
