//! Page thumbnails of PDF sources, drawn by poppler's `pdftoppm` (Debian's
//! `poppler-utils`) when it is installed: a separate program, so a PDF that
//! crashes or hangs the renderer costs its thumbnails, not the report.
//!
//! Pages are rendered upright with their crop box, the frame the spans'
//! boxes are given in (`Span::bbox`: PDF points, origin at the bottom left
//! of the crop box, after `/Rotate`), so a box is drawn on a thumbnail by
//! scaling only. The page size in points comes from the image size and
//! the resolution (to within a pixel).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Resolution of the thumbnails: an A4 page is 331 × 468 pixels.
pub const DPI: u32 = 40;
/// No more pages than this are rendered per document.
pub const MAX_PAGES: u32 = 300;
/// A renderer still running after this long is killed.
const TIMEOUT: Duration = Duration::from_secs(60);

/// `pdftoppm` can be run.
pub fn available() -> bool {
    Command::new("pdftoppm")
        .arg("-v")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok()
}

/// One rendered page: its file (relative to the report) and its size in
/// points.
#[derive(Debug, Clone, PartialEq)]
pub struct Thumb {
    pub page: u32,
    pub file: String,
    pub width: f32,
    pub height: f32,
}

/// The source file of a document, when it is still there unchanged.
pub fn source_file(path: &str, sha256: &str, base: Option<&Path>) -> Option<PathBuf> {
    let p = Path::new(path);
    let p = match base {
        Some(b) if p.is_relative() => b.join(p),
        _ => p.to_path_buf(),
    };
    let bytes = std::fs::read(&p).ok()?;
    (crate::sha256_hex(&bytes) == sha256).then_some(p)
}

/// Renders the pages of `pdf` as `DIR/<n>.png`; `rel` is DIR relative to
/// the report. Nothing when the renderer fails (an encrypted file, say).
pub fn render(pdf: &Path, dir: &Path, rel: &str, pages: u32) -> Vec<Thumb> {
    if std::fs::create_dir_all(dir).is_err() {
        return Vec::new();
    }
    let last = pages.clamp(1, MAX_PAGES);
    let child = Command::new("pdftoppm")
        .args(["-q", "-png", "-gray", "-cropbox", "-r"])
        .arg(DPI.to_string())
        .args(["-f", "1", "-l"])
        .arg(last.to_string())
        .arg(pdf)
        .arg(dir.join("p"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
    let Ok(mut child) = child else {
        return Vec::new();
    };
    let start = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(_)) => break,
            Ok(None) if start.elapsed() < TIMEOUT => std::thread::sleep(Duration::from_millis(5)),
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                break;
            }
        }
    }
    // pdftoppm names pages p-1.png or p-01.png… by the page count's width.
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let Some(n) = name
            .strip_prefix("p-")
            .and_then(|r| r.strip_suffix(".png"))
            .and_then(|n| n.parse::<u32>().ok())
        else {
            continue;
        };
        let target = dir.join(format!("{n}.png"));
        if std::fs::rename(e.path(), &target).is_err() {
            continue;
        }
        if let Some((w, h)) = png_size(&target) {
            out.push(Thumb {
                page: n,
                file: format!("{rel}/{n}.png"),
                width: w as f32 * 72.0 / DPI as f32,
                height: h as f32 * 72.0 / DPI as f32,
            });
        }
    }
    out.sort_by_key(|t| t.page);
    out
}

/// Width and height of a PNG image, from its header.
fn png_size(path: &Path) -> Option<(u32, u32)> {
    use std::io::Read;
    let mut head = [0u8; 24];
    std::fs::File::open(path).ok()?.read_exact(&mut head).ok()?;
    if &head[..8] != b"\x89PNG\r\n\x1a\n" || &head[12..16] != b"IHDR" {
        return None;
    }
    let w = u32::from_be_bytes(head[16..20].try_into().ok()?);
    let h = u32::from_be_bytes(head[20..24].try_into().ok()?);
    Some((w, h))
}
