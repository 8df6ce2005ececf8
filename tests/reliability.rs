//! Issue 20, "nothing lost, whatever happens": one test per reproducer of
//! `../shared/reliability/` (copies of the small inputs in
//! `tests/data/reliability/`, larger ones generated here), on the real
//! binary. The faults themselves (kills, a full disk, two runs at once) are
//! in `faults`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::cli::{corpus, json, ptsm, scratch, stderr, BIN};

fn data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/reliability")
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Words as `scripts/compare-readers.sh` counts them: NFKC, typographic
/// quotes and dashes folded, letters and digits only.
fn words(text: &str) -> BTreeMap<String, usize> {
    use unicode_normalization::UnicodeNormalization;
    let folded: String = text
        .nfkc()
        .map(|c| match c {
            '\u{2019}' | '\u{2018}' => '\'',
            '\u{201C}' | '\u{201D}' | '«' | '»' => '"',
            '\u{2013}' | '\u{2014}' => '-',
            c => c,
        })
        .collect();
    let mut out = BTreeMap::new();
    for t in folded.split_whitespace() {
        let w: String = t.chars().filter(|c| c.is_alphanumeric()).collect();
        if !w.is_empty() {
            *out.entry(w).or_insert(0) += 1;
        }
    }
    out
}

/// Silent text loss and glued words: every word pdftotext reads is in
/// ptsm's text, and each anomaly read through is a warning.
#[test]
fn pdfs_other_readers_read_lose_no_word_and_warn_of_repairs() {
    let tsv = std::fs::read_to_string(data().join("EXPECT.tsv")).unwrap();
    let mut checked = 0;
    for line in tsv
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let cols: Vec<&str> = line.split('\t').collect();
        let (file, warnings) = (cols[0], cols[1]);
        let path = data().join(file);
        let reference =
            std::fs::read_to_string(data().join(file.replace(".pdf", ".pdftotext.txt")))
                .unwrap_or_else(|e| panic!("{file}: no pdftotext reference: {e}"));
        let o = ptsm(&["text", "--furniture", s(&path)]);
        assert_eq!(o.status.code(), Some(0), "{file}: {}", stderr(&o));
        let got = words(&String::from_utf8_lossy(&o.stdout));
        let want = words(&reference);
        let missing: Vec<(&String, usize)> = want
            .iter()
            .filter_map(|(w, n)| {
                let have = got.get(w).copied().unwrap_or(0);
                (have < *n).then_some((w, n - have))
            })
            .collect();
        assert!(
            missing.is_empty(),
            "{file}: words pdftotext reads and ptsm lacks: {missing:?}"
        );
        let o = ptsm(&["extract", "--stdout", s(&path)]);
        assert_eq!(o.status.code(), Some(0), "{file}: {}", stderr(&o));
        let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        let codes: Vec<&str> = doc["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|w| w["code"].as_str().unwrap())
            .collect();
        for want in warnings.split(',').filter(|w| *w != "-") {
            assert!(
                codes.contains(&want),
                "{file}: no {want} warning in {codes:?}"
            );
        }
        checked += 1;
    }
    assert!(checked >= 23, "{checked}");
    // Every PDF of the folder is listed.
    let listed = std::fs::read_dir(data())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "pdf"))
        .count();
    assert_eq!(
        listed, checked,
        "a PDF of tests/data/reliability is not in EXPECT.tsv"
    );
}
