//! PDF reading on real files: the bad inputs of `tests/data/bad/` behave as
//! `tests/data/bad/EXPECT.tsv` says, the renderings of the sample releases give
//! back their text, and no file of the shared corpus panics the reader.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use ptsm::error::IngestError;
use ptsm::ingest::{self, IngestOptions, RawDoc};
use unicode_normalization::UnicodeNormalization;

fn corpus(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("corpus")
        .join(rel)
}

/// Copies of the hostile files of the shared corpus, kept out of `corpus/`
/// so that `ptsm extract corpus` converts every file it is given.
fn bad_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/bad")
}

fn shared() -> Option<PathBuf> {
    let p = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/pdf-corpus"));
    if p.is_dir() {
        Some(p)
    } else {
        crate::skip::skip(
            "a test of tests/pdf.rs on the shared PDF corpus",
            &format!("{} is absent", p.display()),
        );
        None
    }
}

fn read_with(path: &Path, password: Option<&str>) -> Result<RawDoc, IngestError> {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let opts = IngestOptions {
        password: password.map(str::to_owned),
        ..IngestOptions::default()
    };
    ingest::read(&path.to_string_lossy(), &bytes, &opts)
}

fn read(path: &Path) -> Result<RawDoc, IngestError> {
    read_with(path, None)
}

/// All glyph text of a PDF, whatever the layout makes of it.
fn glyph_text(path: &Path, password: Option<&str>) -> String {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let opts = IngestOptions {
        password: password.map(str::to_owned),
        ..IngestOptions::default()
    };
    let (pages, _) =
        ingest::pdf::glyphs(&bytes, &opts).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    pages
        .iter()
        .flat_map(|p| &p.glyphs)
        .map(|g| g.text.as_str())
        .collect()
}

fn has_warning(doc: &RawDoc, code: &str) -> bool {
    doc.warnings.iter().any(|w| w.code == code)
}

fn words(doc: &RawDoc) -> usize {
    doc.pages
        .iter()
        .flat_map(|p| &p.lines)
        .map(|l| l.text.split_whitespace().count())
        .sum()
}

#[test]
fn every_bad_file_is_listed_in_expect_tsv() {
    let expect = std::fs::read_to_string(bad_dir().join("EXPECT.tsv")).expect("EXPECT.tsv");
    let listed: Vec<&str> = expect
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split('\t').next())
        .collect();
    assert_eq!(listed.len(), 12);
    for name in listed {
        assert!(
            bad_dir().join(name).is_file(),
            "{name} is missing from tests/data/bad"
        );
    }
}

#[test]
fn bad_files_that_must_fail_give_the_right_error() {
    assert!(matches!(
        read(&bad_dir().join("empty.pdf")),
        Err(IngestError::Empty)
    ));
    assert!(matches!(
        read(&bad_dir().join("not-a-pdf-html.pdf")),
        Err(IngestError::NotPdf(_))
    ));
    assert!(matches!(
        read(&bad_dir().join("encrypted-aes256-user-password.pdf")),
        Err(IngestError::PasswordRequired)
    ));
    let never = IngestOptions {
        ocr: ptsm::ingest::OcrMode::Never,
        ..IngestOptions::default()
    };
    let path = bad_dir().join("image-only-scan.pdf");
    let bytes = std::fs::read(&path).unwrap();
    match ingest::read(&path.to_string_lossy(), &bytes, &never) {
        Err(e @ IngestError::ImageOnly { pages: 2, .. }) => {
            assert!(e.to_string().contains("--ocr auto"), "{e}")
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn wrong_password_is_told_apart_from_missing_password() {
    let path = bad_dir().join("encrypted-aes256-user-password.pdf");
    assert!(matches!(
        read_with(&path, Some("pas-le-bon")),
        Err(IngestError::WrongPassword)
    ));
    let doc = read_with(&path, Some("lecture")).expect("opens with its user password");
    assert!(glyph_text(&path, Some("lecture")).contains("Meuse"));
    assert!(words(&doc) > 0);
}

#[test]
fn damaged_files_are_repaired_with_a_warning() {
    for name in [
        "bad-startxref-offset.pdf",
        "bad-xref-entries.pdf",
        "truncated-no-xref-trailer.pdf",
        "wrong-stream-length.pdf",
    ] {
        let path = bad_dir().join(name);
        let doc = read(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(
            has_warning(&doc, "pdf_repaired"),
            "{name}: no pdf_repaired warning"
        );
        let text = glyph_text(&path, None);
        assert!(text.contains("santé"), "{name}: text missing");
    }
}

#[test]
fn junk_before_header_is_accepted_and_reported() {
    let doc = read(&bad_dir().join("junk-before-header.pdf")).expect("readable");
    assert!(has_warning(&doc, "pdf_junk_before_header"));
    assert!(words(&doc) > 500);
}

#[test]
fn empty_user_password_files_decrypt() {
    for name in [
        "encrypted-aes256-empty-user-password.pdf",
        "encrypted-rc4-128-empty-user-password.pdf",
    ] {
        let path = bad_dir().join(name);
        read(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(glyph_text(&path, None).contains("Meuse"), "{name}");
    }
}

#[test]
fn truncated_half_fails_clearly_or_reads() {
    match read(&bad_dir().join("truncated-half.pdf")) {
        Ok(doc) => assert!(has_warning(&doc, "pdf_repaired")),
        Err(e) => assert!(matches!(e, IngestError::Corrupt(_)), "unexpected {e:?}"),
    }
}

/// Letters and digits of a text, NFKC-folded and lower-cased, as a multiset.
fn letters(text: &str) -> HashMap<char, usize> {
    let mut m = HashMap::new();
    for c in text
        .nfkc()
        .flat_map(char::to_lowercase)
        .filter(|c| c.is_alphanumeric())
    {
        *m.entry(c).or_default() += 1;
    }
    m
}

/// Every rendering of a sample release shows all the letters of its clean
/// text (recall), with few extra (headers and footers are still glyphs).
#[test]
fn renderings_show_all_letters_of_their_expected_text() {
    let Some(shared) = shared() else { return };
    let mut checked = 0;
    for entry in std::fs::read_dir(corpus("")).expect("corpus") {
        let path = entry.expect("entry").path();
        if path.extension().and_then(|e| e.to_str()) != Some("pdf") {
            continue;
        }
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default();
        let reference = shared
            .join("reference")
            .join(format!("{stem}.expected.txt"));
        let Ok(expected) = std::fs::read_to_string(&reference) else {
            continue;
        };
        let text = glyph_text(&path, None);
        assert!(!text.contains('\u{FFFD}'), "{stem}: unmapped glyphs");
        let (want, got) = (letters(&expected), letters(&text));
        let total: usize = want.values().sum();
        let found: usize = want
            .iter()
            .map(|(c, n)| (*n).min(got.get(c).copied().unwrap_or(0)))
            .sum();
        let recall = found as f64 / total as f64;
        assert!(recall >= 0.995, "{stem}: letter recall {recall:.4}");
        checked += 1;
    }
    assert_eq!(checked, 19);
}

#[test]
fn symbol_and_dingbat_fonts_map_to_unicode() {
    // ReportLab draws → with the non-embedded Symbol font (built-in encoding).
    let text = glyph_text(&corpus("normandie-ptsm-2026.reportlab.pdf"), None);
    assert!(text.contains('→'));
    // groff: Type 1C fonts with a Custom encoding and no ToUnicode.
    let text = glyph_text(&corpus("meuse-ctsm-2023.groff.pdf"), None);
    assert!(text.contains("santé") && text.contains('☎'));
}

#[test]
fn rotated_landscape_pages_are_upright() {
    let bytes = std::fs::read(corpus("normandie-ptsm-2026.enscript-2up.pdf")).expect("file");
    let (pages, _) = ingest::pdf::glyphs(&bytes, &IngestOptions::default()).expect("reads");
    let page = pages.first().expect("a page");
    assert!(
        page.bbox[2] > page.bbox[3],
        "landscape after /Rotate 90: {:?}",
        page.bbox
    );
    let upright = page.glyphs.iter().filter(|g| g.dir == 0).count();
    assert!(
        upright * 10 > page.glyphs.len() * 9,
        "glyphs are not upright"
    );
    for g in &page.glyphs {
        assert!(
            g.x >= -1.0 && g.x <= page.bbox[2] + 1.0 && g.y >= -1.0 && g.y <= page.bbox[3] + 1.0
        );
    }
}

#[test]
fn glyph_widths_come_from_the_fonts() {
    // Non-embedded Helvetica: widths from the standard-14 metrics.
    let bytes = std::fs::read(corpus("meuse-ctsm-2023.reportlab.pdf")).expect("file");
    let (pages, _) = ingest::pdf::glyphs(&bytes, &IngestOptions::default()).expect("reads");
    let glyphs: Vec<_> = pages.iter().flat_map(|p| &p.glyphs).collect();
    let zero = glyphs.iter().filter(|g| g.width <= 0.0).count();
    assert_eq!(zero, 0, "glyphs without width");
    // Consecutive glyphs of a word touch: the next origin is the previous end.
    let touching = glyphs
        .windows(2)
        .filter(|w| w[0].y == w[1].y && !w[0].space && !w[1].space)
        .filter(|w| ((w[0].x + w[0].width) - w[1].x).abs() < 0.6)
        .count();
    let pairs = glyphs
        .windows(2)
        .filter(|w| w[0].y == w[1].y && !w[0].space && !w[1].space)
        .count();
    assert!(
        touching * 10 >= pairs * 8,
        "{touching}/{pairs} glyph pairs touch"
    );
}

#[test]
fn no_shared_pdf_panics_and_passwords_work() {
    let Some(shared) = shared() else { return };
    let manifest = std::fs::read_to_string(shared.join("real/MANIFEST.tsv")).expect("manifest");
    let mut passwords = HashMap::new();
    for line in manifest.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        if let (Some(f), Some(pw)) = (cols.first(), cols.get(10)) {
            if !pw.is_empty() && *pw != "-" {
                passwords.insert(f.to_string(), pw.to_string());
            }
        }
    }
    for dir in ["real", "pdf", "bad"] {
        for entry in std::fs::read_dir(shared.join(dir)).expect("dir") {
            let path = entry.expect("entry").path();
            if path.extension().and_then(|e| e.to_str()) != Some("pdf") {
                continue;
            }
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default()
                .to_owned();
            let _ = read(&path);
            if let Some(pw) = passwords.get(&name) {
                match read_with(&path, Some(pw)) {
                    Ok(doc) => assert!(words(&doc) > 0, "{name}: no text"),
                    // Known lopdf 0.47 limit: an inline /Encrypt dictionary.
                    Err(IngestError::Decryption(m)) => assert!(m.contains("inline"), "{name}: {m}"),
                    Err(e) => panic!("{name} with its password: {e}"),
                }
            }
        }
    }
}

#[test]
fn object_count_limit_is_enforced() {
    let bytes = std::fs::read(corpus("meuse-ctsm-2023.libreoffice.pdf")).expect("file");
    let opts = IngestOptions {
        max_objects: 5,
        ..IngestOptions::default()
    };
    assert!(matches!(
        ingest::read("x.pdf", &bytes, &opts),
        Err(IngestError::Limit(_))
    ));
}

#[test]
fn stream_size_limit_stops_decompression() {
    // Object streams are inflated at load time: over the limit, a typed error.
    let bytes = std::fs::read(corpus("meuse-ctsm-2023.libreoffice-objstm.pdf")).expect("file");
    let opts = IngestOptions {
        max_stream_bytes: 64,
        ..IngestOptions::default()
    };
    match ingest::read("x.pdf", &bytes, &opts) {
        Err(IngestError::Limit(_)) | Err(IngestError::Corrupt(_)) => {}
        Ok(doc) => assert!(
            doc.warnings.iter().any(|w| w.code == "pdf_stream_error"),
            "content over the limit was decoded anyway"
        ),
        Err(e) => panic!("unexpected {e:?}"),
    }
    // Content streams are decoded page by page: over the limit, a warning.
    let bytes = std::fs::read(corpus("meuse-ctsm-2023.libreoffice.pdf")).expect("file");
    let doc = ingest::read("x.pdf", &bytes, &opts).expect("the document still loads");
    assert!(doc.warnings.iter().any(|w| w.code == "pdf_stream_error"));
}

/// A deterministic mutation smoke test (the libFuzzer target in `fuzz/`
/// goes much further): flipped bytes, truncations and spliced slices of
/// real files must give a document or a typed error, never a panic.
/// `PTSM_MUTANTS=N` runs N mutants per file instead of 40.
#[test]
fn mutated_pdfs_never_panic() {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let opts = IngestOptions {
        max_stream_bytes: 4 * 1024 * 1024,
        // A mutant whose fonts no longer map would be rendered and OCR'd:
        // seconds each, spent in other programs.
        ocr: ptsm::ingest::OcrMode::Never,
        ..IngestOptions::default()
    };
    let mut outcomes = [0usize; 2];
    for name in [
        "normandie-ptsm-2026.reportlab.pdf",
        "meuse-ctsm-2023.groff.pdf",
        "meuse-ctsm-2023.libreoffice-objstm.pdf",
    ] {
        let original = std::fs::read(corpus(name)).expect("file");
        let rounds: u32 = std::env::var("PTSM_MUTANTS")
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(40);
        for round in 0..rounds {
            let mut bytes = original.clone();
            let len = bytes.len() as u64;
            match round % 4 {
                0 => {
                    for _ in 0..(1 + next() % 16) {
                        let i = (next() % len) as usize;
                        if let Some(b) = bytes.get_mut(i) {
                            *b = next() as u8;
                        }
                    }
                }
                1 => bytes.truncate((next() % len) as usize + 1),
                2 => {
                    let (a, b) = ((next() % len) as usize, (next() % len) as usize);
                    let (a, b) = (a.min(b), a.max(b).min(a + 4096));
                    let slice = bytes.get(a..b).unwrap_or_default().to_vec();
                    let at = (next() % len) as usize;
                    bytes.splice(at..at, slice);
                }
                _ => {
                    // Damage digits: lengths, offsets, object numbers.
                    for b in bytes.iter_mut().filter(|b| b.is_ascii_digit()) {
                        if next() % 50 == 0 {
                            *b = b'0' + (next() % 10) as u8;
                        }
                    }
                }
            }
            let ok = ingest::read("mutant.pdf", &bytes, &opts).is_ok();
            outcomes[usize::from(ok)] += 1;
        }
    }
    // Most mutants stay readable thanks to recovery.
    assert!(
        outcomes[1] > outcomes[0],
        "ok/err = {}/{}",
        outcomes[1],
        outcomes[0]
    );
}

/// A PDF of `pages` pages that all show the same content stream, a string
/// of `glyphs` glyphs in a standard font.
fn heavy_pdf(pages: usize, glyphs: usize) -> Vec<u8> {
    let content = format!("BT /F1 10 Tf 72 700 Td ({}) Tj ET", "a".repeat(glyphs));
    let mut objects: Vec<String> = vec![
        "<< /Type /Catalog /Pages 2 0 R >>".into(),
        format!(
            "<< /Type /Pages /Count {pages} /Kids [{}] >>",
            (0..pages)
                .map(|i| format!("{} 0 R", 5 + i))
                .collect::<Vec<_>>()
                .join(" ")
        ),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".into(),
        format!(
            "<< /Length {} >>\nstream\n{content}\nendstream",
            content.len()
        ),
    ];
    for _ in 0..pages {
        objects.push(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] \
             /Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>"
                .into(),
        );
    }
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for off in offsets {
        out.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// The document's glyph budget grows with its page count; when it is spent
/// anyway, the pages left unread are named in one warning (and the CLI
/// says it on stderr and in its summary).
#[test]
#[cfg_attr(debug_assertions, ignore = "millions of glyphs: run with --release")]
fn pages_a_budget_leaves_unread_are_named() {
    // 4 pages of 1.9 million glyphs: the budget of a short document
    // (4 million glyphs) reads two pages, part of the third, not the fourth.
    let bytes = heavy_pdf(4, 1_900_000);
    let doc = read_bytes(&bytes);
    let w = doc
        .warnings
        .iter()
        .find(|w| w.code == "pdf_pages_not_read")
        .expect("a pdf_pages_not_read warning");
    assert_eq!(w.location.page, Some(4), "{}", w.message);
    assert!(
        w.message.starts_with("page 4 was not read"),
        "{}",
        w.message
    );
    // 600 light pages are read whole, whatever their glyphs add up to
    // beyond the floor of the budget (6 million glyphs here).
    let bytes = heavy_pdf(600, 10_000);
    let doc = read_bytes(&bytes);
    assert!(
        !doc.warnings.iter().any(|w| w.code.starts_with("pdf_")),
        "{:?}",
        doc.warnings
    );
    assert_eq!(doc.pages.len(), 600);
    assert!(doc.pages.iter().all(|p| !p.lines.is_empty()));
}

fn read_bytes(bytes: &[u8]) -> RawDoc {
    ingest::read("heavy.pdf", bytes, &IngestOptions::default()).expect("heavy pdf")
}
