//! Pages rendered by poppler's `pdftoppm` (Debian's `poppler-utils`), for
//! the pages whose own image cannot be used: JBIG2 or JPEG 2000 scans,
//! pages made of several images, pages drawn with vector graphics, and
//! every page in `--ocr always`. Optional: without it those pages are not
//! read and say so in a warning.

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};

use super::image::{Frame, Raster, MIN_DPI};
use crate::ingest::BBox;

/// Renders the pages of one document; the PDF is written to a temporary
/// file on the first page asked for, and removed by [`Renderer::finish`]
/// (or when the renderer is dropped).
pub struct Renderer<'a> {
    bytes: &'a [u8],
    password: Option<&'a str>,
    file: Option<PathBuf>,
}

fn program() -> String {
    std::env::var("PTSM_PDFTOPPM").unwrap_or_else(|_| "pdftoppm".into())
}

impl<'a> Renderer<'a> {
    pub fn new(bytes: &'a [u8], password: Option<&'a str>) -> Self {
        Renderer {
            bytes,
            password,
            file: None,
        }
    }

    fn file(&mut self) -> Result<PathBuf, String> {
        if let Some(f) = &self.file {
            return Ok(f.clone());
        }
        static N: AtomicU64 = AtomicU64::new(0);
        let path = std::env::temp_dir().join(format!(
            "ptsm-ocr-{}-{}.pdf",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::write(&path, self.bytes)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        self.file = Some(path.clone());
        Ok(path)
    }

    /// Page `number` (upright box `page`) in grey at [`MIN_DPI`].
    pub fn render(&mut self, number: u32, page: &BBox) -> Result<Raster, String> {
        let program = program();
        // Checked before the PDF is written out.
        Command::new(&program)
            .arg("-v")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .map_err(|_| format!("`{program}` is not installed (apt-get install poppler-utils)"))?;
        let file = self.file()?;
        let dpi = MIN_DPI.round() as u32;
        let n = number.to_string();
        let mut cmd = Command::new(&program);
        cmd.args([
            "-r",
            &dpi.to_string(),
            "-gray",
            "-cropbox",
            "-f",
            &n,
            "-l",
            &n,
        ]);
        if let Some(pw) = self.password {
            cmd.args(["-upw", pw]);
        }
        let out = cmd
            .arg(&file)
            .stdin(Stdio::null())
            .output()
            .map_err(|e| format!("cannot run `{program}`: {e}"))?;
        if !out.status.success() {
            return Err(format!(
                "`{program}` failed: {}",
                String::from_utf8_lossy(&out.stderr)
                    .lines()
                    .next()
                    .unwrap_or("")
            ));
        }
        let (w, _h) = pgm_size(&out.stdout).ok_or("`pdftoppm` wrote no PGM image")?;
        let width = page[2] - page[0];
        if width <= 0.0 {
            return Err("empty page".into());
        }
        Ok(Raster {
            pnm: out.stdout,
            dpi,
            frame: Frame {
                x0: page[0],
                y1: page[3],
                scale: w as f32 / width,
            },
        })
    }

    /// Removes the temporary file.
    pub fn finish(mut self) {
        self.remove();
    }

    fn remove(&mut self) {
        if let Some(f) = self.file.take() {
            let _ = std::fs::remove_file(f);
        }
    }
}

impl Drop for Renderer<'_> {
    fn drop(&mut self) {
        self.remove();
    }
}

/// Width and height from a binary PGM header (`P5 W H MAX`, no comments:
/// as pdftoppm writes it).
fn pgm_size(data: &[u8]) -> Option<(usize, usize)> {
    let text = String::from_utf8_lossy(data.get(..data.len().min(64))?);
    let mut tokens = text.split_ascii_whitespace();
    if tokens.next()? != "P5" {
        return None;
    }
    let w = tokens.next()?.parse().ok()?;
    let h = tokens.next()?.parse().ok()?;
    Some((w, h))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pgm_headers_are_read() {
        let mut data = b"P5\n2481 3508\n255\n".to_vec();
        data.extend([0xFF, 0x80, 0x00]);
        assert_eq!(pgm_size(&data), Some((2481, 3508)));
        assert_eq!(pgm_size(b"P6\n1 1\n255\n\0\0\0"), None);
    }
}
