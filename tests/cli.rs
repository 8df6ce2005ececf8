//! The `ptsm` binary's command line: exit codes, standard input, help,
//! `ptsm text`. Runs the built binary in folders under `target/test-tmp/`.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

pub const BIN: &str = env!("CARGO_BIN_EXE_ptsm");

/// A fresh, empty folder for one test.
pub fn scratch(name: &str) -> PathBuf {
    let d = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target/test-tmp/cli")
        .join(name);
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

pub fn corpus(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("corpus")
        .join(name)
}

pub fn ptsm(args: &[&str]) -> Output {
    Command::new(BIN).args(args).output().unwrap()
}

pub fn ptsm_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Every file under `dir` (relative path → bytes), except the summaries,
/// which hold timings.
pub fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(base: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(base, &p, out);
            } else {
                let rel = p.strip_prefix(base).unwrap().to_string_lossy().into_owned();
                let name = p.file_name().unwrap().to_string_lossy();
                if !(name.starts_with("summary") && name.ends_with(".json")) {
                    out.insert(rel, std::fs::read(&p).unwrap());
                }
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

pub fn json(path: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

const TEXTS: [&str; 3] = [
    "normandie-ptsm-2026.txt",
    "meuse-ctsm-2023.txt",
    "meuse-ctsm-2023.raw.txt",
];

#[test]
fn extract_all_good_exits_0_and_writes_one_json_per_input() {
    let d = scratch("all-good");
    let out = d.join("out");
    let mut args = vec!["extract", "-q", "-o", out.to_str().unwrap()];
    let paths: Vec<String> = TEXTS
        .iter()
        .map(|t| corpus(t).display().to_string())
        .collect();
    args.extend(paths.iter().map(String::as_str));
    let o = ptsm(&args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    for (t, p) in TEXTS.iter().zip(&paths) {
        let doc = json(&out.join(format!("{t}.json")));
        assert_eq!(doc["source"]["path"], p.as_str());
        assert_eq!(doc["source"]["format"], "text");
    }
    let errors = std::fs::read_to_string(out.join("errors.jsonl")).unwrap();
    assert_eq!(errors, "");
    let summary = json(&out.join("summary.json"));
    assert_eq!(summary["files"]["converted"], 3);
}

#[test]
fn extract_with_a_failing_file_exits_1_names_it_and_writes_the_others() {
    let d = scratch("some-bad");
    let empty = d.join("vide.txt");
    std::fs::write(&empty, b"").unwrap();
    let missing = d.join("absent.txt");
    let out = d.join("out");
    let good = corpus("meuse-ctsm-2023.txt");
    let o = ptsm(&[
        "extract",
        "-o",
        out.to_str().unwrap(),
        empty.to_str().unwrap(),
        good.to_str().unwrap(),
        missing.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains(&format!("{}: empty file", empty.display())),
        "{err}"
    );
    assert!(
        err.contains(&format!("{}: cannot read file", missing.display())),
        "{err}"
    );
    assert!(out.join("meuse-ctsm-2023.txt.json").is_file());
    assert!(!out.join("vide.txt.json").exists());
}

#[test]
fn usage_errors_exit_2() {
    let d = scratch("usage");
    let out = d.join("out");
    let o = out.to_str().unwrap();
    let good = corpus("meuse-ctsm-2023.txt");
    let g = good.to_str().unwrap();
    let a = d.join("a");
    let b = d.join("b");
    for dir in [&a, &b] {
        std::fs::create_dir_all(dir).unwrap();
        std::fs::write(dir.join("x.txt"), "Bonjour").unwrap();
    }
    let cases: Vec<Vec<&str>> = vec![
        vec![],
        vec!["extract"],
        vec!["extract", g],
        vec!["extract", "--no-such-flag", g, "-o", o],
        vec!["extract", "--shard", "0/3", g, "-o", o],
        vec!["extract", "--jobs", "0", g, "-o", o],
        vec!["extract", "--stdout", g, g],
        vec!["extract", "--stdout", g, "-o", o],
        vec!["extract", "-", "--files-from", "-", "-o", o],
        // Two different files that would share OUT/x.txt.json.
        vec![
            "extract",
            "-o",
            o,
            a.join("x.txt").to_str().unwrap().to_owned().leak(),
            b.join("x.txt").to_str().unwrap().to_owned().leak(),
        ],
        vec!["text"],
    ];
    for args in cases {
        let r = ptsm(&args);
        assert_eq!(r.status.code(), Some(2), "{args:?}: {}", stderr(&r));
        assert!(!stderr(&r).is_empty(), "{args:?}");
    }
}

#[test]
fn help_explains_every_option() {
    let o = ptsm(&["extract", "--help"]);
    assert_eq!(o.status.code(), Some(0));
    let help = String::from_utf8_lossy(&o.stdout);
    for opt in [
        "--out",
        "--stdout",
        "--jsonl",
        "--files-from",
        "--shard",
        "--jobs",
        "--timeout",
        "--force",
        "--quiet",
        "--password",
    ] {
        assert!(help.contains(opt), "{opt} missing from help:\n{help}");
    }
    let top = ptsm(&["--help"]);
    let top = String::from_utf8_lossy(&top.stdout);
    assert!(top.contains("extract") && top.contains("text"), "{top}");
}

#[test]
fn stdin_to_stdout_gives_the_same_document_as_the_file() {
    let path = corpus("meuse-ctsm-2023.txt");
    let bytes = std::fs::read(&path).unwrap();
    let from_stdin = ptsm_stdin(&["extract", "-", "--stdout"], &bytes);
    assert_eq!(from_stdin.status.code(), Some(0), "{}", stderr(&from_stdin));
    let from_file = ptsm(&["extract", path.to_str().unwrap(), "--stdout"]);
    assert_eq!(from_file.status.code(), Some(0));
    let mut a: serde_json::Value = serde_json::from_slice(&from_stdin.stdout).unwrap();
    let mut b: serde_json::Value = serde_json::from_slice(&from_file.stdout).unwrap();
    assert_eq!(a["source"]["path"], "-");
    a["source"]["path"] = serde_json::Value::Null;
    b["source"]["path"] = serde_json::Value::Null;
    assert_eq!(a, b);
}

#[test]
fn stdin_into_an_output_folder_is_named_stdin_json() {
    let d = scratch("stdin-out");
    let out = d.join("out");
    let o = ptsm_stdin(
        &["extract", "-q", "-", "-o", out.to_str().unwrap()],
        "Le 13 décembre 2023\nBonjour.\n".as_bytes(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(json(&out.join("stdin.json"))["source"]["path"], "-");
}

#[test]
fn stdin_failure_exits_1_with_reason() {
    let o = ptsm_stdin(&["extract", "-", "--stdout"], b"");
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("-: empty file"), "{}", stderr(&o));
    assert!(o.stdout.is_empty());
}

#[test]
fn text_prints_the_normalized_text() {
    let path = corpus("meuse-ctsm-2023.txt");
    let o = ptsm(&["text", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = String::from_utf8(o.stdout).unwrap();
    let lib = ptsm::process(&path, &ptsm::Options::default()).unwrap();
    // Text files have no pages: the output is the logical lines as they are.
    assert_eq!(text, format!("{}\n", lib.norm.text));
    assert!(text.contains("Meuse"));
    assert!(!text.contains('\x0c'));
}

#[test]
fn text_failure_exits_1_with_path_and_reason() {
    let d = scratch("text-bad");
    let bad = d.join("vide.txt");
    std::fs::write(&bad, b"").unwrap();
    let o = ptsm(&["text", bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stderr(&o).trim(), format!("{}: empty file", bad.display()));
    assert!(o.stdout.is_empty());
}

/// The shared PDF corpus, or `None` (with a message) when it is absent.
pub fn shared(rel: &str) -> Option<PathBuf> {
    let p = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/pdf-corpus")).join(rel);
    if p.exists() {
        Some(p)
    } else {
        crate::skip::skip(
            "a test of tests/cli.rs on the shared PDF corpus",
            &format!("{} is absent", p.display()),
        );
        None
    }
}

#[test]
fn text_of_a_pdf_separates_pages_with_form_feeds() {
    let Some(pdf) = shared("pdf/normandie-ptsm-2026.libreoffice.pdf") else {
        return;
    };
    let o = ptsm(&["text", pdf.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = String::from_utf8(o.stdout).unwrap();
    let doc = ptsm(&["extract", pdf.to_str().unwrap(), "--stdout"]);
    let doc: serde_json::Value = serde_json::from_slice(&doc.stdout).unwrap();
    let pages = doc["source"]["pages"].as_u64().unwrap();
    assert_eq!(pages, 6);
    let feeds = text.matches('\x0c').count() as u64;
    // One feed per page boundary before the last line of text.
    assert!(
        (1..pages).contains(&feeds),
        "{feeds} form feeds for {pages} pages"
    );
    assert!(text.contains("Calvados"));
}

#[test]
fn password_option_opens_an_encrypted_pdf() {
    let Some(pdf) = shared("bad/encrypted-aes256-user-password.pdf") else {
        return;
    };
    let p = pdf.to_str().unwrap();
    let without = ptsm(&["extract", p, "--stdout"]);
    assert_eq!(without.status.code(), Some(1));
    assert!(stderr(&without).contains(&format!("{p}: encrypted PDF: a password is needed")));
    let with = ptsm(&["extract", "--password", "lecture", p, "--stdout"]);
    assert_eq!(with.status.code(), Some(0), "{}", stderr(&with));
    let doc: serde_json::Value = serde_json::from_slice(&with.stdout).unwrap();
    assert_eq!(doc["source"]["format"], "pdf");
}
