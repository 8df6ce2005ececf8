//! Regression inputs from fuzzing (`fuzz/`, see the README's "Fuzzing"
//! section): each file of `tests/data/fuzz/` goes through the whole
//! pipeline, `ptsm::process_bytes`, as `ptsm extract` runs it, and must give
//! a document or a typed error as `tests/data/fuzz/EXPECT.tsv` says, without
//! a panic, within a time bound, and with the warning listed there.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/fuzz")
}

struct Case {
    file: String,
    expect: String,
    warning: String,
}

fn cases() -> Vec<Case> {
    let tsv = std::fs::read_to_string(dir().join("EXPECT.tsv")).expect("EXPECT.tsv");
    tsv.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            let col = |i: usize| cols.get(i).copied().unwrap_or_default().to_string();
            Case {
                file: col(0),
                expect: col(1),
                warning: col(2),
            }
        })
        .collect()
}

#[test]
fn every_fuzz_input_is_listed() {
    let listed: Vec<String> = cases().into_iter().map(|c| c.file).collect();
    for entry in std::fs::read_dir(dir()).expect("tests/data/fuzz") {
        let name = entry
            .expect("entry")
            .file_name()
            .to_string_lossy()
            .into_owned();
        if name != "EXPECT.tsv" {
            assert!(listed.contains(&name), "{name} is not in EXPECT.tsv");
        }
    }
    for name in &listed {
        assert!(dir().join(name).is_file(), "{name} is missing");
    }
}

/// Generous: the release build takes a few seconds per file; without the
/// fixes these inputs ran for hours or ran out of memory.
const BOUND: Duration = Duration::from_secs(240);

/// Runs `bytes` through the whole pipeline on a thread of its own, so that
/// a hang fails the test instead of stalling the suite; a panic drops the
/// sender and fails it too.
fn run_bounded(name: &str, bytes: Vec<u8>) -> Result<ptsm::Processed, ptsm::DocError> {
    let (tx, rx) = mpsc::channel();
    let start = Instant::now();
    let worker_name = name.to_string();
    std::thread::spawn(move || {
        let r = ptsm::process_bytes(&worker_name, &bytes, &ptsm::Options::default());
        let _ = tx.send(r);
    });
    let result = match rx.recv_timeout(BOUND) {
        Ok(r) => r,
        Err(mpsc::RecvTimeoutError::Timeout) => panic!("{name}: still running after {BOUND:?}"),
        Err(mpsc::RecvTimeoutError::Disconnected) => panic!("{name}: process_bytes panicked"),
    };
    println!("{name}: {:?}", start.elapsed());
    result
}

#[test]
fn fuzz_inputs_give_a_document_or_an_error() {
    for case in cases() {
        let bytes = std::fs::read(dir().join(&case.file)).expect("file");
        let name = format!("tests/data/fuzz/{}", case.file);
        let result = run_bounded(&name, bytes);
        match (case.expect.as_str(), &result) {
            ("ok", Err(e)) => panic!("{name}: expected a document, got {e}"),
            ("error", Ok(_)) => panic!("{name}: expected an error"),
            _ => {}
        }
        if let (Ok(p), false) = (&result, case.warning.is_empty() || case.warning == "-") {
            let (code, text) = case.warning.split_once(':').unwrap_or((&case.warning, ""));
            assert!(
                p.document
                    .warnings
                    .iter()
                    .any(|w| w.code == code && w.message.contains(text)),
                "{name}: no {} warning in {:?}",
                case.warning,
                p.document.warnings
            );
        }
    }
}

/// `slow-nfkc` of `../shared/reliability` (made here: 1 MB, 349,525 ×
/// U+FDFA on one line, which NFKC expands 18×): it cost about 3 s of CPU
/// per MB (the key folding of segmentation and the extraction's scans went
/// over the whole expanded line again and again). It now gives a document
/// whose text keeps every character, within the bound.
#[test]
fn one_megabyte_of_one_wide_character_is_read() {
    let n = 349_525;
    let bytes = "\u{FDFA}".repeat(n).into_bytes();
    assert_eq!(bytes.len(), 1_048_575);
    let p = run_bounded("slow-nfkc/fdfa-1MB.txt", bytes).expect("a document");
    // Kept as U+FDFA (NFC) or expanded: no character is lost.
    assert!(p.norm.text.chars().count() >= n, "text lost");
}

/// Texts of one long line (2 MB) that extraction read again for each thing
/// it found on the line, quadratic in the line's length: the releases with
/// their line breaks made spaces (a text exported without its paragraphs),
/// one line of counts, names, dates, places and amounts (a megabyte of it
/// took 23 s in release, two megabytes some minutes), and U+FDFA with a
/// date every thousand characters (a key of the whole line, ten times its
/// size, made by every check of a line's first words). Each is now read
/// within the bound and keeps its text. (Their speed and memory are in the
/// pathological benchmark: `cargo run --release --example pathological`.)
#[test]
fn long_lines_of_every_shape_are_read() {
    let releases = ["normandie-ptsm-2026.txt", "meuse-ctsm-2023.txt"]
        .map(|f| {
            std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus").join(f))
                .expect("corpus")
        })
        .join(" ")
        .replace('\n', " ");
    let mixed = "le PTSM de la Meuse compte 12 actions et 3 groupes de travail, signé par \
        Jean Dupont le 3 janvier 2024 à Bar-le-Duc (55) ; Axe 1 : prévention ; Action 2.3 – \
        équipe mobile (GT 4) pour 1 200 000 €, contact : jean.dupont@ars.sante.fr \
        03 83 39 30 30 ; les 5 actions sont : a, b, c, d et e ; CTSM 2021-2026 ; Mme Claire \
        Martin, directrice générale de l’ARS Grand Est, ";
    let fdfa_dates = format!("{} 3 janvier 2024 ", "\u{FDFA}".repeat(1000));
    for (name, unit) in [
        ("prose-flat", releases.as_str()),
        ("mixed", mixed),
        ("fdfa-dates", fdfa_dates.as_str()),
    ] {
        let text = unit.repeat((2 << 20) / unit.len() + 1);
        let p = run_bounded(&format!("long-line/{name}.txt"), text.clone().into_bytes())
            .expect("a document");
        assert!(
            p.norm.text.chars().count() >= text.chars().count() * 9 / 10,
            "{name}: text lost"
        );
        assert!(!p.document.dates.is_empty(), "{name}: no date read");
    }
}
