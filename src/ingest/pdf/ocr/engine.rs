//! The OCR engine: the `tesseract` program (Debian's `tesseract-ocr`, with
//! `tesseract-ocr-fra`), one run per page, the image on its standard input
//! and hOCR on its standard output.
//!
//! A program rather than bindings to libtesseract: building ptsm needs no
//! C++ library, headers or bindgen, a missing engine is a clear message at
//! run time instead of a build failure, and a crash or a runaway page in
//! the engine kills one child process, not the batch. Loading the French
//! model costs about 0.1 s a run, a few percent of a page's reading.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::sync::{LazyLock, Mutex, OnceLock};
use std::time::{Duration, Instant};

use regex::Regex;

use super::INSTALL_HINT;

/// A page that takes longer than this is given up (its process killed).
const PAGE_TIMEOUT: Duration = Duration::from_secs(300);

/// The program, found once per process and language.
#[derive(Debug, Clone)]
pub struct Engine {
    pub program: String,
    pub version: String,
    pub language: String,
}

/// What was found, by program and language.
type Probes = HashMap<(String, String), Result<Engine, String>>;

/// The program to run: `PTSM_TESSERACT` when set (tests point it at a
/// missing file to see the error), else `tesseract` on the `PATH`.
fn program() -> String {
    std::env::var("PTSM_TESSERACT").unwrap_or_else(|_| "tesseract".into())
}

impl Engine {
    /// The engine for `language` (`fra`, or `fra+eng`), or why there is
    /// none, as the hint for the user.
    pub fn find(language: &str) -> Result<Engine, String> {
        static FOUND: OnceLock<Mutex<Probes>> = OnceLock::new();
        let program = program();
        let key = (program.clone(), language.to_string());
        let cache = FOUND.get_or_init(|| Mutex::new(HashMap::new()));
        if let Some(found) = cache.lock().ok().and_then(|c| c.get(&key).cloned()) {
            return found;
        }
        let found = Engine::probe(&program, language);
        if let Ok(mut c) = cache.lock() {
            c.insert(key, found.clone());
        }
        found
    }

    fn probe(program: &str, language: &str) -> Result<Engine, String> {
        let run = |arg: &str| {
            Command::new(program)
                .arg(arg)
                .stdin(Stdio::null())
                .output()
                .map_err(|e| format!("no OCR engine (`{program}`: {e}): {INSTALL_HINT}"))
        };
        let out = run("--version")?;
        // `tesseract 5.3.0` on the first line (stdout, or stderr for 3.x).
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        let version = text
            .lines()
            .find_map(|l| l.trim().strip_prefix("tesseract "))
            .map(|v| v.trim().trim_start_matches('v').to_string())
            .ok_or_else(|| {
                format!("`{program} --version` does not name Tesseract: {INSTALL_HINT}")
            })?;
        let major: u32 = version
            .split('.')
            .next()
            .and_then(|m| m.parse().ok())
            .unwrap_or(0);
        if major < 4 {
            return Err(format!(
                "Tesseract {version} is too old (4 or later is needed): {INSTALL_HINT}"
            ));
        }
        let langs = run("--list-langs")?;
        let listed = String::from_utf8_lossy(&langs.stdout).into_owned();
        let have: Vec<&str> = listed.lines().skip(1).map(str::trim).collect();
        if let Some(missing) = language.split('+').find(|l| !have.contains(l)) {
            return Err(format!(
                "Tesseract {version} has no `{missing}` model: {INSTALL_HINT}"
            ));
        }
        Ok(Engine {
            program: program.to_string(),
            version,
            language: language.to_string(),
        })
    }

    /// Reads one page image (any format Leptonica reads; ptsm gives PGM) of
    /// `dpi` resolution: its hOCR.
    pub fn read(&self, image: &[u8], dpi: u32) -> Result<String, String> {
        let mut child = Command::new(&self.program)
            .args(["stdin", "stdout", "-l", &self.language, "--dpi"])
            .arg(dpi.to_string())
            .args(["--psm", "3", "hocr"])
            // One thread per page: the batch runs one page per core.
            .env("OMP_THREAD_LIMIT", "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot start `{}`: {e}", self.program))?;
        let (stdin, stdout, stderr) =
            (child.stdin.take(), child.stdout.take(), child.stderr.take());
        let (out, err, status) = std::thread::scope(|s| {
            s.spawn(move || {
                if let Some(mut i) = stdin {
                    // A write error shows as the engine's own failure.
                    let _ = i.write_all(image);
                }
            });
            let out = s.spawn(move || {
                let mut v = Vec::new();
                if let Some(mut o) = stdout {
                    let _ = o.read_to_end(&mut v);
                }
                v
            });
            let err = s.spawn(move || {
                let mut v = Vec::new();
                if let Some(mut e) = stderr {
                    let _ = e.read_to_end(&mut v);
                }
                v
            });
            let start = Instant::now();
            let status = loop {
                match child.try_wait() {
                    Ok(Some(st)) => break Ok(st),
                    Ok(None) if start.elapsed() > PAGE_TIMEOUT => {
                        let _ = child.kill();
                        let _ = child.wait();
                        break Err(format!(
                            "Tesseract took more than {} s on the page",
                            PAGE_TIMEOUT.as_secs()
                        ));
                    }
                    Ok(None) => std::thread::sleep(Duration::from_millis(5)),
                    Err(e) => break Err(format!("waiting for Tesseract: {e}")),
                }
            };
            (
                out.join().unwrap_or_default(),
                err.join().unwrap_or_default(),
                status,
            )
        });
        let status = status?;
        if !status.success() {
            let msg = String::from_utf8_lossy(&err);
            let first = msg
                .lines()
                .find(|l| !l.trim().is_empty() && !l.starts_with("Estimating resolution"))
                .unwrap_or("no message");
            return Err(format!("Tesseract failed ({status}): {first}"));
        }
        String::from_utf8(out).map_err(|_| "Tesseract wrote hOCR that is not UTF-8".into())
    }
}

/// A line of text as the engine found it, in image pixels (y down).
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub bbox: [f32; 4],
    /// Baseline `y = bbox[3] + offset + slope × (x − bbox[0])`.
    pub slope: f32,
    pub offset: f32,
    /// Height of the line's letters, ascenders to descenders (`x_size`).
    pub x_size: f32,
    /// The paragraph (`ocr_par`) the engine put it in, counted on the page.
    pub par: u32,
    pub words: Vec<Word>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    pub bbox: [f32; 4],
    /// 0 to 100.
    pub confidence: f32,
    pub text: String,
}

static ITEM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"(?s)(<p class=['"]ocr_par['"])|<span class=['"](?:ocr_line|ocr_header|ocr_caption|ocr_textfloat)['"][^>]*?title=["']([^"']*)["'][^>]*>|<span class=['"]ocrx_word['"][^>]*?title=["']([^"']*)["'][^>]*>(.*?)</span>"#,
    )
    .expect("hOCR pattern")
});
static TAG: LazyLock<Regex> = LazyLock::new(|| Regex::new("<[^>]*>").expect("tag pattern"));

/// The values of one `title` property (`bbox 1 2 3 4; x_wconf 95`).
fn property(title: &str, name: &str) -> Option<Vec<f32>> {
    let part = title
        .split(';')
        .map(str::trim)
        .find(|p| p.split_whitespace().next() == Some(name))?;
    let values: Vec<f32> = part
        .split_whitespace()
        .skip(1)
        .filter_map(|v| v.parse().ok())
        .collect();
    Some(values).filter(|v: &Vec<f32>| !v.is_empty())
}

fn bbox(title: &str) -> Option<[f32; 4]> {
    let v = property(title, "bbox")?;
    <[f32; 4]>::try_from(v.get(..4)?).ok()
}

fn unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// The lines and words of Tesseract's hOCR, in its reading order. Words
/// with no text, and lines with no words, are left out.
pub fn parse_hocr(hocr: &str) -> Vec<Line> {
    let mut lines: Vec<Line> = Vec::new();
    let mut par = 0;
    for c in ITEM.captures_iter(hocr) {
        if c.get(1).is_some() {
            par += 1;
        } else if let Some(title) = c.get(2) {
            let title = title.as_str();
            let Some(b) = bbox(title) else { continue };
            let baseline = property(title, "baseline").unwrap_or_default();
            lines.push(Line {
                bbox: b,
                slope: baseline.first().copied().unwrap_or(0.0),
                offset: baseline.get(1).copied().unwrap_or(0.0),
                x_size: property(title, "x_size")
                    .and_then(|v| v.first().copied())
                    .unwrap_or(b[3] - b[1]),
                par,
                words: Vec::new(),
            });
        } else if let (Some(title), Some(inner), Some(line)) =
            (c.get(3), c.get(4), lines.last_mut())
        {
            let text = unescape(&TAG.replace_all(inner.as_str(), ""));
            let text = text.trim();
            let Some(b) = bbox(title.as_str()) else {
                continue;
            };
            if text.is_empty() {
                continue;
            }
            line.words.push(Word {
                bbox: b,
                confidence: property(title.as_str(), "x_wconf")
                    .and_then(|v| v.first().copied())
                    .unwrap_or(0.0),
                text: text.to_string(),
            });
        }
    }
    lines.retain(|l| !l.words.is_empty());
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOCR: &str = r#"<div class='ocr_page' id='page_1' title='image "p-1.pgm"; bbox 0 0 2481 3508; ppageno 0'>
    <p class='ocr_par' id='par_1_1' lang='fra' title="bbox 1396 151 2244 228">
    <span class='ocr_line' id='line_1_1' title="bbox 1974 151 2241 185; baseline 0.01 -8; x_size 34; x_descenders 8; x_ascenders 6">
      <span class='ocrx_word' id='word_1_1' title='bbox 1974 151 2100 177; x_wconf 95'>Contact</span>
      <span class='ocrx_word' id='word_1_2' title='bbox 2114 157 2222 185; x_wconf 43'><strong>l&#39;ARS</strong></span>
      <span class='ocrx_word' id='word_1_3' title='bbox 2230 157 2240 185; x_wconf 90'> </span>
     </span>
    <p class='ocr_par' id='par_1_2' lang='fra' title="bbox 1396 151 2244 228">
    <span class='ocr_header' id='line_1_2' title="bbox 10 20 30 40; x_size 12.5">
      <span class='ocrx_word' id='word_1_4' title='bbox 10 20 30 40; x_wconf 96'>R&amp;D</span>
    </span>
    <span class='ocr_line' id='line_1_3' title="bbox 10 50 30 60">
    </span>"#;

    #[test]
    fn hocr_lines_and_words_are_read() {
        let lines = parse_hocr(HOCR);
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].bbox, [1974.0, 151.0, 2241.0, 185.0]);
        assert_eq!(
            (lines[0].slope, lines[0].offset, lines[0].x_size),
            (0.01, -8.0, 34.0)
        );
        let words: Vec<(&str, f32)> = lines[0]
            .words
            .iter()
            .map(|w| (w.text.as_str(), w.confidence))
            .collect();
        assert_eq!(words, [("Contact", 95.0), ("l'ARS", 43.0)]);
        assert_eq!(lines[1].words[0].text, "R&D");
        assert_eq!((lines[1].slope, lines[1].x_size), (0.0, 12.5));
        assert_eq!((lines[0].par, lines[1].par), (1, 2));
    }

    #[test]
    fn a_missing_program_is_a_hint_to_install_it() {
        let e = Engine::probe("/nonexistent/tesseract", "fra").unwrap_err();
        assert!(
            e.contains("apt-get install tesseract-ocr tesseract-ocr-fra"),
            "{e}"
        );
    }
}
