//! Which files a batch converts, what each output is called, and which
//! shard of the inputs this process takes.
//!
//! Rules (documented in the README):
//! - a file named on the command line is always taken (its format is sniffed
//!   from its content by the library), and its output is named after its
//!   file name;
//! - a folder is walked recursively in sorted order, skipping hidden entries
//!   (names starting with `.`) and the output folder; it contributes regular
//!   `.txt`, `.pdf`, `.html`, `.htm`, `.xhtml` and `.shtml` files (any case)
//!   and regular files of any other name that *start* with `%PDF-` (a
//!   looser test, such as the library's "`%PDF-` in the first kilobyte",
//!   would take READMEs that talk about PDF headers); their outputs mirror
//!   the path under the folder. The folder of a page saved by a browser
//!   with its files (`page_files/` beside `page.html`) holds its images,
//!   scripts and frames, not documents: it is not walked. Other regular
//!   files are skipped and counted by why. Symbolic
//!   links to files are followed (unless `--no-follow-symlinks`), also when
//!   the file is outside the folder; symbolic links to folders, broken links,
//!   link loops, unreadable folders and special files (FIFOs, sockets,
//!   devices) are skipped, and each one is counted and named in the summary
//!   ([`Skipped`]);
//! - a line of `--files-from` is a file or folder path; its output mirrors
//!   the path as written (made relative, `..` folded to `_`), so listings
//!   produced by `find` keep their tree;
//! - `-` is standard input, named `stdin`.
//!
//! The output of input `NAME` is `OUT/NAME.json`: the extension is kept, so
//! `a.txt` and `a.pdf` in one folder give `a.txt.json` and `a.pdf.json`, and
//! each part of the path is written with [`names::escape_os`], which is
//! injective, so two distinct inputs under one root can never collide, even
//! when their names are not UTF-8. Inputs from different roots that would
//! still share an output are a usage error.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Component, Path, PathBuf};

use sha2::{Digest, Sha256};

use super::args::Shard;
use super::names::escape_os;
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

/// An entry a folder walk did not take, with why (see the module comment).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Skipped {
    /// The path, as [`Input::display`] writes paths.
    pub path: String,
    /// `unsupported_format` (office documents, images, archives: see
    /// [`ptsm::ingest::unsupported`]), `not_a_document` (any other file,
    /// such as a stylesheet), `saved_page_files` (the folder of a saved
    /// page's files), `symlink_to_folder`, `symlink_loop`, `broken_symlink`,
    /// `symlink` (`--no-follow-symlinks`), `special_file` or
    /// `unreadable_folder`.
    pub reason: &'static str,
}

/// How folders are walked.
#[derive(Debug, Clone, Copy, Default)]
pub struct WalkOptions {
    /// `--no-follow-symlinks`: symbolic links met in a walk are skipped
    /// (and counted) instead of followed.
    pub no_follow_symlinks: bool,
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
            ("symlink_to_folder", "link to a folder"),
            ("symlink_loop", "link loop"),
            ("broken_symlink", "broken link"),
            ("symlink", "link (--no-follow-symlinks)"),
            ("special_file", "special file"),
            ("unreadable_folder", "unreadable folder"),
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
            let detail = if !matches!(reason, "unsupported_format" | "not_a_document") {
                // Named (a few; all of them are in summary.json), escaped
                // for the terminal.
                let mut named: Vec<String> = of
                    .iter()
                    .take(3)
                    .map(|s| super::names::terminal(&s.path).into_owned())
                    .collect();
                if of.len() > 3 {
                    named.push("…".into());
                }
                named.join(", ")
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
    opts: WalkOptions,
) -> Result<Collected, UsageError> {
    let mut w = Walker {
        skip: out.and_then(|o| std::fs::canonicalize(o).ok()),
        opts,
        found: Collected::default(),
    };
    for p in paths {
        if p.as_os_str() == "-" {
            w.found.inputs.push(stdin_input());
            continue;
        }
        if p.is_dir() {
            w.walk(p, "");
        } else {
            let name = p
                .file_name()
                .map(|n| escape_os(n).into_owned())
                .unwrap_or_else(|| mirrored_name(p));
            w.found.inputs.push(file_input(p, name));
        }
    }
    for line in files_from.unwrap_or_default() {
        let p = PathBuf::from(line);
        if p.is_dir() {
            let prefix = mirrored_name(&p);
            w.walk(&p, &prefix);
        } else {
            let name = mirrored_name(&p);
            w.found.inputs.push(file_input(&p, name));
        }
    }
    let Collected { inputs, skipped } = w.found;
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
        display: display_path(p),
        name,
    }
}

/// A path as messages, `errors.jsonl` and `source.path` show it: its text,
/// with the bytes of a name that is not UTF-8 written `%XX`.
pub fn display_path(p: &Path) -> String {
    escape_os(p.as_os_str()).into_owned()
}

/// A relative, `/`-separated form of `p` that cannot leave `OUT`: root and
/// `.` components dropped, `..` folded to `_`.
pub fn mirrored_name(p: &Path) -> String {
    let parts: Vec<String> = p
        .components()
        .filter_map(|c| match c {
            Component::Normal(s) => Some(escape_os(s).into_owned()),
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

struct Walker {
    /// The output folder, canonical: never walked.
    skip: Option<PathBuf>,
    opts: WalkOptions,
    found: Collected,
}

impl Walker {
    fn skipped(&mut self, path: &Path, reason: &'static str) {
        self.found.skipped.push(Skipped {
            path: display_path(path),
            reason,
        });
    }

    /// Recursive, sorted walk. An unreadable folder is skipped (and counted):
    /// it holds no input we could convert anyway, and the batch goes on.
    fn walk(&mut self, dir: &Path, prefix: &str) {
        if let (Some(skip), Ok(canon)) = (&self.skip, std::fs::canonicalize(dir)) {
            if canon == *skip {
                return;
            }
        }
        let entries = match std::fs::read_dir(dir) {
            Ok(rd) => rd,
            Err(_) => {
                self.skipped(dir, "unreadable_folder");
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
            let raw = entry.file_name();
            if raw.as_encoded_bytes().first() == Some(&b'.') {
                continue;
            }
            let fname = escape_os(&raw).into_owned();
            let path = entry.path();
            let name = if prefix.is_empty() {
                fname
            } else {
                format!("{prefix}/{fname}")
            };
            // The entry itself, not what a link points to.
            let Ok(ft) = entry.file_type() else { continue };
            if ft.is_dir() {
                if saved_page_files(&raw.to_string_lossy(), &names) {
                    self.skipped(&path, "saved_page_files");
                    continue;
                }
                self.walk(&path, &name);
                continue;
            }
            let regular = if ft.is_symlink() {
                if self.opts.no_follow_symlinks {
                    self.skipped(&path, "symlink");
                    continue;
                }
                match std::fs::metadata(&path) {
                    Ok(m) if m.is_dir() => {
                        // Followed, a link to a folder can reach the same
                        // files twice or loop: the folder is named instead.
                        self.skipped(&path, "symlink_to_folder");
                        continue;
                    }
                    Ok(m) => m.is_file(),
                    Err(e) if e.raw_os_error() == Some(ELOOP) => {
                        self.skipped(&path, "symlink_loop");
                        continue;
                    }
                    Err(_) => {
                        self.skipped(&path, "broken_symlink");
                        continue;
                    }
                }
            } else {
                ft.is_file()
            };
            if !regular {
                // A FIFO would block the walk (and the batch) on its first
                // read; a device is not a document.
                self.skipped(&path, "special_file");
                continue;
            }
            if is_candidate(&path) {
                self.found.inputs.push(file_input(&path, name));
            } else {
                let unsupported =
                    ptsm::ingest::unsupported::format(&raw.to_string_lossy(), &[]).is_some();
                self.skipped(
                    &path,
                    if unsupported {
                        "unsupported_format"
                    } else {
                        "not_a_document"
                    },
                );
            }
        }
    }
}

/// `ELOOP`: too many levels of symbolic links.
#[cfg(target_os = "linux")]
const ELOOP: i32 = 40;
#[cfg(all(unix, not(target_os = "linux")))]
const ELOOP: i32 = 62;
#[cfg(not(unix))]
const ELOOP: i32 = -1;

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
    use std::process::Command;

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
        let got = collect(std::slice::from_ref(&d), None, None, WalkOptions::default()).unwrap();
        let names: Vec<&str> = got.inputs.iter().map(|i| i.name.as_str()).collect();
        assert_eq!(names, vec!["b.TXT", "scan", "sub/a.pdf"]);
        let reasons: Vec<&str> = got.skipped.iter().map(|s| s.reason).collect();
        assert_eq!(reasons, vec!["not_a_document", "not_a_document"]);
    }

    /// Latin-1 names beside their look-alikes: all taken, none colliding.
    #[cfg(unix)]
    #[test]
    fn non_utf8_names_are_taken_with_distinct_outputs() {
        use std::os::unix::ffi::OsStrExt;
        let d = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/test-tmp/inputs/latin1");
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        for name in [
            &b"r\xE9sum\xE9.txt"[..],
            b"r\xE8sum\xE8.txt",
            "résumé.txt".as_bytes(),
        ] {
            std::fs::write(d.join(std::ffi::OsStr::from_bytes(name)), b"x").unwrap();
        }
        let got = collect(std::slice::from_ref(&d), None, None, WalkOptions::default()).unwrap();
        let names: Vec<&str> = got.inputs.iter().map(|i| i.name.as_str()).collect();
        // Sorted by their bytes: "é" in UTF-8 is C3 A9.
        assert_eq!(
            names,
            vec!["résumé.txt", "r%E8sum%E8.txt", "r%E9sum%E9.txt"]
        );
        assert!(got.inputs[1].display.ends_with("/r%E8sum%E8.txt"));
    }

    /// Links to folders, loops, broken links and FIFOs are named in the
    /// report; links to files are followed unless told otherwise.
    #[cfg(unix)]
    #[test]
    fn skipped_entries_are_reported_and_links_to_files_followed() {
        use std::os::unix::fs::symlink;
        let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/test-tmp/inputs/links");
        let _ = std::fs::remove_dir_all(&base);
        let d = base.join("in");
        std::fs::create_dir_all(d.join("sub")).unwrap();
        std::fs::write(base.join("outside.txt"), b"x").unwrap();
        std::fs::write(d.join("sub/a.txt"), b"x").unwrap();
        symlink(base.join("outside.txt"), d.join("dehors.txt")).unwrap();
        symlink(d.join("sub"), d.join("lien-dossier")).unwrap();
        symlink(d.join("boucle-b"), d.join("boucle-a")).unwrap();
        symlink(d.join("boucle-a"), d.join("boucle-b")).unwrap();
        symlink(d.join("absent.txt"), d.join("casse.txt")).unwrap();
        let fifo = d.join("tube.txt");
        assert!(Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success());
        let got = collect(std::slice::from_ref(&d), None, None, WalkOptions::default()).unwrap();
        let names: Vec<&str> = got.inputs.iter().map(|i| i.name.as_str()).collect();
        assert_eq!(names, vec!["dehors.txt", "sub/a.txt"]);
        let reasons: Vec<(String, &str)> = got
            .skipped
            .iter()
            .map(|s| (s.path.rsplit('/').next().unwrap().to_string(), s.reason))
            .collect();
        assert_eq!(
            reasons,
            vec![
                ("boucle-a".to_string(), "symlink_loop"),
                ("boucle-b".to_string(), "symlink_loop"),
                ("casse.txt".to_string(), "broken_symlink"),
                ("lien-dossier".to_string(), "symlink_to_folder"),
                ("tube.txt".to_string(), "special_file"),
            ]
        );
        let strict = WalkOptions {
            no_follow_symlinks: true,
        };
        let got = collect(std::slice::from_ref(&d), None, None, strict).unwrap();
        let names: Vec<&str> = got.inputs.iter().map(|i| i.name.as_str()).collect();
        assert_eq!(names, vec!["sub/a.txt"]);
        assert_eq!(
            got.skipped.iter().filter(|s| s.reason == "symlink").count(),
            5
        );
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
        let got = collect(std::slice::from_ref(&d), None, None, WalkOptions::default()).unwrap();
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
