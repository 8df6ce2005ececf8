//! OCR of scanned pages (issue 19), on the scans kept in `tests/data/ocr/`
//! (made by `scripts/make-ocr-test-data.sh` from the Meuse LibreOffice
//! rendering in `corpus/`).
//!
//! The tests that need the engine (the `tesseract` program with its French
//! model, and `pdftoppm` for `--ocr always`) say on stderr that they were
//! skipped, with a running count, when it is absent or when ptsm is built
//! without the `ocr` feature; the others always run.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

use ptsm::ingest::OcrMode;
use ptsm::model::Document;

use crate::cli::{ptsm, stderr, BIN};

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/ocr")
        .join(name)
}

fn corpus(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("corpus")
        .join(name)
}

static SKIPPED: AtomicUsize = AtomicUsize::new(0);

/// Says on the process's stderr that `test` was skipped and why, with the
/// count so far. Written to the stream itself: the test harness captures
/// `eprintln!` of passing tests, and a skip must not look like a pass.
fn skip(test: &str, why: &str) {
    use std::io::Write;
    let n = SKIPPED.fetch_add(1, Ordering::Relaxed) + 1;
    let _ = writeln!(
        std::io::stderr(),
        "SKIPPED OCR test {test} ({n} OCR test(s) skipped so far): {why}"
    );
}

/// Whether the OCR engine can run here; if not, says that `test` is
/// skipped, and why ([`skip`]).
fn engine(test: &str) -> bool {
    let why = if !cfg!(feature = "ocr") {
        Some("ptsm is built without the `ocr` feature".to_string())
    } else {
        match Command::new("tesseract").arg("--list-langs").output() {
            Ok(o)
                if String::from_utf8_lossy(&o.stdout)
                    .lines()
                    .any(|l| l.trim() == "fra") =>
            {
                None
            }
            Ok(_) => {
                Some("Tesseract has no French model (apt-get install tesseract-ocr-fra)".into())
            }
            Err(_) => Some(
                "no `tesseract` program (apt-get install tesseract-ocr tesseract-ocr-fra)".into(),
            ),
        }
    };
    match why {
        None => true,
        Some(why) => {
            skip(test, &why);
            false
        }
    }
}

fn process(path: &Path, ocr: OcrMode) -> ptsm::Processed {
    let mut o = ptsm::Options::default();
    o.ingest.ocr = ocr;
    ptsm::process(path, &o).unwrap_or_else(|e| panic!("{e}"))
}

/// The facts of a document, as `corpus::entities` takes them, without the
/// OCR's own warnings.
fn facts(doc: &Document) -> serde_json::Value {
    let mut doc = doc.clone();
    doc.warnings.retain(|w| !w.code.starts_with("ocr_"));
    crate::corpus::entities(&doc)
}

/// Words of `got` found in `want` (multisets), over the words of `want`.
fn recall(got: &str, want: &str) -> f64 {
    let mut bag: std::collections::HashMap<&str, i32> = std::collections::HashMap::new();
    for w in got.split_whitespace() {
        *bag.entry(w).or_default() += 1;
    }
    let total = want.split_whitespace().count();
    let mut hit = 0;
    for w in want.split_whitespace() {
        if let Some(n) = bag.get_mut(w).filter(|n| **n > 0) {
            *n -= 1;
            hit += 1;
        }
    }
    hit as f64 / total.max(1) as f64
}

#[test]
fn pages_with_a_text_layer_are_never_ocrd_in_auto() {
    // No engine needed: nothing is planned for them.
    let mut names: Vec<String> = std::fs::read_dir(corpus(""))
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".pdf"))
        .collect();
    names.sort();
    assert_eq!(names.len(), 19);
    for name in names {
        let p = process(&corpus(&name), OcrMode::Auto);
        assert!(p.document.source.ocr_pages.is_empty(), "{name}");
        assert!(p.document.source.ocr.is_none(), "{name}");
        let json = serde_json::to_string(&p.document).unwrap();
        assert!(!json.contains("\"ocr"), "{name}: OCR fields in the output");
    }
}

#[test]
fn without_an_engine_an_image_only_document_says_how_to_enable_ocr() {
    let scan = data("meuse-ctsm-2023.libreoffice.300-bw.pdf");
    let o = Command::new(BIN)
        .args(["text", scan.to_str().unwrap()])
        .env("PTSM_TESSERACT", "/nonexistent/tesseract")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert!(e.contains("no text layer"), "{e}");
    if cfg!(feature = "ocr") {
        assert!(
            e.contains("apt-get install tesseract-ocr tesseract-ocr-fra"),
            "{e}"
        );
    } else {
        assert!(e.contains("`ocr` feature"), "{e}");
    }
    // --ocr never: the same error, which names the option.
    let o = ptsm(&["text", "--ocr", "never", scan.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("--ocr auto"), "{}", stderr(&o));
}

#[test]
fn without_an_engine_a_mixed_document_keeps_its_text_pages_and_warns() {
    let mixed = data("meuse-ctsm-2023.libreoffice.mixed.pdf");
    let o = Command::new(BIN)
        .args(["extract", "--stdout", mixed.to_str().unwrap()])
        .env("PTSM_TESSERACT", "/nonexistent/tesseract")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let w = v["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["code"] == "ocr_unavailable")
        .expect("an ocr_unavailable warning");
    assert!(w["message"].as_str().unwrap().contains("page(s) 2"), "{w}");
    assert_eq!(w["span"]["page"], 2);
    assert!(v["source"].get("ocr_pages").is_none());
    // Page 1's text is there.
    assert!(v["title"]["text"].as_str().unwrap().contains("MEUSE"));
}

#[test]
fn a_scan_gives_the_facts_of_its_text_source() {
    if !engine("a_scan_gives_the_facts_of_its_text_source") {
        return;
    }
    let scan = process(
        &data("meuse-ctsm-2023.libreoffice.300-bw.pdf"),
        OcrMode::Auto,
    );
    let text = process(&corpus("meuse-ctsm-2023.txt"), OcrMode::Auto);
    let src = &scan.document.source;
    assert_eq!(src.ocr_pages, [1, 2]);
    let ocr = src.ocr.as_ref().unwrap();
    assert_eq!(
        (ocr.engine.as_str(), ocr.language.as_str()),
        ("tesseract", "fra")
    );
    assert!(
        ocr.version.starts_with(|c: char| c.is_ascii_digit()),
        "{}",
        ocr.version
    );
    for p in &ocr.pages {
        assert!(p.mean_confidence > 85.0, "{p:?}");
        assert!(p.words > 300, "{p:?}");
    }
    assert_eq!(facts(&scan.document), facts(&text.document));
    // Spans of OCR'd pages carry pages and boxes, like any PDF's.
    for t in &scan.document.territories {
        assert!(t.span.page.is_some() && t.span.bbox.is_some());
    }
    // The output honours the contract.
    let v = serde_json::to_value(&scan.document).unwrap();
    let errs = ptsm::analyst::validate::validate_value(&v).expect("schema compiles");
    assert!(errs.is_empty(), "{errs:#?}");
}

#[test]
fn low_confidence_words_are_warned_at_their_span() {
    if !engine("low_confidence_words_are_warned_at_their_span") {
        return;
    }
    let p = process(
        &data("meuse-ctsm-2023.libreoffice.noisy-p1.pdf"),
        OcrMode::Auto,
    );
    let ocr = p.document.source.ocr.as_ref().unwrap();
    let low: u32 = ocr.pages.iter().map(|p| p.low_confidence_words).sum();
    let warned: Vec<_> = p
        .document
        .warnings
        .iter()
        .filter(|w| w.code == "ocr_low_confidence")
        .collect();
    assert!(low > 0, "a speckled scan has unsure words");
    assert_eq!(warned.len(), low.min(200) as usize);
    let mut at_word = 0;
    for w in &warned {
        let span = w.span.as_ref().expect("a span");
        assert_eq!(span.page, Some(1));
        if span.end > span.start {
            let text = &p.norm.text[span.start..span.end];
            // The message quotes the word the span points at.
            if w.message.contains(&format!("{text:?}")) {
                at_word += 1;
            }
        }
    }
    assert!(at_word * 2 >= warned.len(), "{at_word} of {}", warned.len());
}

#[test]
fn a_turned_noisy_scan_and_a_rotated_page_read_upright() {
    if !engine("a_turned_noisy_scan_and_a_rotated_page_read_upright") {
        return;
    }
    let reference = std::fs::read_to_string(corpus("meuse-ctsm-2023.txt")).unwrap();
    // Page 1 turned by 1.5°, speckled; page 2 stored turned a quarter and
    // shown upright by /Rotate 90.
    for (name, from, to) in [
        (
            "meuse-ctsm-2023.libreoffice.noisy-p1.pdf",
            "Contact presse",
            "Quatre thèmes",
        ),
        (
            "meuse-ctsm-2023.libreoffice.rot90-p2.pdf",
            "département de la Meuse.",
            "Meuse.",
        ),
    ] {
        let p = process(&data(name), OcrMode::Auto);
        let got = &p.norm.text;
        let start = reference.find(from).unwrap();
        let end = reference.rfind(to).unwrap() + to.len();
        let want = &reference[start..end];
        let r = recall(got, want);
        assert!(r > 0.85, "{name}: {r:.3} of the page's words read");
        // Lines are read whole, left to right: a long sentence of the page
        // comes out in one piece.
        let sentence = if name.contains("noisy") {
            "Le 13 décembre 2023"
        } else {
            "Une évaluation rapide des situations"
        };
        assert!(got.contains(sentence), "{name}: {got}");
    }
}

#[test]
fn a_mixed_document_ocrs_only_its_scanned_page() {
    if !engine("a_mixed_document_ocrs_only_its_scanned_page") {
        return;
    }
    let mixed = process(
        &data("meuse-ctsm-2023.libreoffice.mixed.pdf"),
        OcrMode::Auto,
    );
    let text = process(&corpus("meuse-ctsm-2023.libreoffice.pdf"), OcrMode::Auto);
    assert_eq!(mixed.document.source.ocr_pages, [2]);
    // Page 1 comes from its text layer: the same lines as the rendering's.
    let page1 = |p: &ptsm::Processed| -> Vec<String> {
        p.norm
            .lines
            .iter()
            .filter(|l| p.norm.origins_of(l).first().and_then(|o| o.page) == Some(1))
            .map(|l| p.norm.text[l.range.clone()].to_string())
            .collect()
    };
    let (a, b) = (page1(&mixed), page1(&text));
    // The last line of page 1 may run on into page 2.
    assert_eq!(a[..a.len() - 1], b[..b.len() - 1]);
    assert_eq!(facts(&mixed.document), facts(&text.document));
}

#[test]
fn ocr_always_reads_text_pages_too_and_never_reads_none() {
    if !engine("ocr_always_reads_text_pages_too_and_never_reads_none") {
        return;
    }
    if Command::new("pdftoppm").arg("-v").output().is_err() {
        skip(
            "ocr_always_reads_text_pages_too_and_never_reads_none",
            "no pdftoppm (apt-get install poppler-utils)",
        );
        return;
    }
    let path = corpus("meuse-ctsm-2023.libreoffice.pdf");
    let always = process(&path, OcrMode::Always);
    assert_eq!(always.document.source.ocr_pages, [1, 2]);
    let text = process(&path, OcrMode::Never);
    assert!(text.document.source.ocr.is_none());
    let r = recall(&always.norm.text, &text.norm.text);
    assert!(r > 0.95, "{r:.3}");
    // The image-only scan of the shared bad files reads in auto.
    let bad = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/bad/image-only-scan.pdf");
    let p = process(&bad, OcrMode::Auto);
    assert_eq!(p.document.source.ocr_pages, [1, 2]);
    assert!(p.norm.text.contains("Meuse"));
}
