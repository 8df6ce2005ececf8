//! Batch conversion with the real binary: determinism across thread
//! counts, isolation of bad files, interrupted and repeated runs, shards,
//! streams.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::cli::{corpus, json, ptsm, ptsm_stdin, scratch, stderr, tree, BIN};

const TEXTS: [&str; 3] = [
    "normandie-ptsm-2026.txt",
    "meuse-ctsm-2023.txt",
    "meuse-ctsm-2023.raw.txt",
];

/// `n` copies of the corpus texts under `dir`, spread over sub-folders.
fn replicate(dir: &Path, n: usize) -> Vec<PathBuf> {
    let mut made = Vec::new();
    for i in 0..n {
        let t = TEXTS[i % TEXTS.len()];
        let sub = dir.join(format!("lot-{:02}", i % 7));
        std::fs::create_dir_all(&sub).unwrap();
        let p = sub.join(format!("{i:05}-{t}"));
        std::fs::copy(corpus(t), &p).unwrap();
        made.push(p);
    }
    made
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn output_is_identical_with_1_and_4_threads() {
    let d = scratch("jobs");
    let input = d.join("in");
    replicate(&input, 60);
    std::fs::write(input.join("vide.txt"), b"").unwrap();
    let mut trees = Vec::new();
    for jobs in ["1", "4"] {
        let out = d.join(format!("out-{jobs}"));
        let jsonl = d.join(format!("docs-{jobs}.jsonl"));
        let o = ptsm(&[
            "extract",
            "-q",
            "--jobs",
            jobs,
            s(&input),
            "-o",
            s(&out),
            "--jsonl",
            s(&jsonl),
        ]);
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        trees.push((tree(&out), std::fs::read(&jsonl).unwrap()));
    }
    assert_eq!(
        trees[0].0.len(),
        60 + 3,
        "60 outputs, errors.jsonl, manifest, lock"
    );
    assert!(
        trees[0].0 == trees[1].0,
        "outputs differ between --jobs 1 and 4"
    );
    assert!(
        trees[0].1 == trees[1].1,
        "--jsonl differs between --jobs 1 and 4"
    );
}

#[test]
fn jsonl_stream_follows_input_order() {
    let d = scratch("jsonl-order");
    let input = d.join("in");
    let made = replicate(&input, 40);
    let list: String = made
        .iter()
        .rev()
        .map(|p| format!("{}\n", p.display()))
        .collect();
    let o = ptsm_stdin(
        &[
            "extract",
            "-q",
            "-j",
            "4",
            "--files-from",
            "-",
            "--jsonl",
            "-",
        ],
        list.as_bytes(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let paths: Vec<String> = String::from_utf8(o.stdout)
        .unwrap()
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            v["source"]["path"].as_str().unwrap().to_string()
        })
        .collect();
    let expected: Vec<String> = made.iter().rev().map(|p| p.display().to_string()).collect();
    assert_eq!(paths, expected);
}

#[test]
fn bad_files_among_good_ones_are_each_reported_and_the_rest_converted() {
    let d = scratch("bad-among-good");
    let input = d.join("in");
    replicate(&input, 12);
    let bad = [
        ("vide.txt", &b""[..], "empty"),
        (
            "faux.pdf",
            &b"%PDF-1.7\n1 0 obj << >> endobj\n%%EOF"[..],
            "",
        ),
        ("pas-un.pdf", &b"GIF89a\x01\x00\x01\x00"[..], ""),
        ("ptsm-fault-panic.txt", &b"Bonjour"[..], "panic"),
        ("ptsm-fault-hang.txt", &b"Bonjour"[..], "timeout"),
    ];
    for (name, bytes, _) in &bad {
        std::fs::write(input.join(name), bytes).unwrap();
    }
    let out = d.join("out");
    let t = Instant::now();
    let o = Command::new(BIN)
        .args([
            "extract",
            // Long enough for any good file on a loaded machine (a debug
            // build under load took over 2 s for one corpus text); the
            // hung one sleeps an hour.
            "--timeout",
            "20",
            "-j",
            "2",
            s(&input),
            "-o",
            s(&out),
        ])
        .env("PTSM_FAULT_INJECTION", "1")
        .output()
        .unwrap();
    assert!(
        t.elapsed() < Duration::from_secs(600),
        "the hung file (an hour) held the batch"
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let good: Vec<_> = tree(&out)
        .into_keys()
        .filter(|k| k.ends_with(".json") && !k.starts_with('.'))
        .collect();
    assert_eq!(good.len(), 12, "{good:?}");
    let errors: Vec<serde_json::Value> = std::fs::read_to_string(out.join("errors.jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let names: BTreeSet<&str> = errors
        .iter()
        .map(|e| e["input"].as_str().unwrap())
        .collect();
    let expected: BTreeSet<&str> = bad.iter().map(|b| b.0).collect();
    assert_eq!(names, expected);
    let err = stderr(&o);
    for (name, _, kind) in &bad {
        let line = errors.iter().find(|e| e["input"] == *name).unwrap();
        if !kind.is_empty() {
            assert_eq!(line["kind"], *kind, "{line}");
        }
        assert!(!line["message"].as_str().unwrap().is_empty());
        let path = input.join(name);
        assert!(
            err.contains(&format!("{}: ", path.display())),
            "{name} not on stderr: {err}"
        );
    }
    let summary = json(&out.join("summary.json"));
    assert_eq!(summary["files"]["converted"], 12);
    assert_eq!(summary["files"]["failed"], 5);
}

/// One worker: after a document that hangs (abandoned with its document
/// thread) and one that panics, the next documents are still converted.
#[test]
fn one_worker_goes_on_after_a_hang_and_a_panic() {
    let d = scratch("one-worker-faults");
    let input = d.join("in");
    std::fs::create_dir_all(&input).unwrap();
    for (name, src) in [
        ("a-ptsm-fault-hang.txt", None),
        ("b.txt", Some(TEXTS[0])),
        ("c-ptsm-fault-panic.txt", None),
        ("d.txt", Some(TEXTS[1])),
    ] {
        match src {
            Some(t) => {
                std::fs::copy(corpus(t), input.join(name)).unwrap();
            }
            None => std::fs::write(input.join(name), "Bonjour").unwrap(),
        }
    }
    let out = d.join("out");
    let o = Command::new(BIN)
        .args([
            "extract",
            "-q",
            // As above: the good files must never reach it, the hung one
            // (an hour) always.
            "--timeout",
            "20",
            "-j",
            "1",
            s(&input),
            "-o",
            s(&out),
        ])
        .env("PTSM_FAULT_INJECTION", "1")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let summary = json(&out.join("summary.json"));
    assert_eq!(summary["files"]["converted"], 2);
    assert_eq!(summary["errors_by_kind"]["timeout"], 1);
    assert_eq!(summary["errors_by_kind"]["panic"], 1);
    assert!(out.join("b.txt.json").is_file() && out.join("d.txt.json").is_file());
}

#[test]
fn second_run_converts_nothing_and_force_converts_all() {
    let d = scratch("rerun");
    let input = d.join("in");
    replicate(&input, 20);
    let out = d.join("out");
    let run = |extra: &[&str]| {
        let mut args = vec!["extract", "-q", s(&input), "-o", s(&out)];
        args.extend_from_slice(extra);
        let o = ptsm(&args);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        json(&out.join("summary.json"))
    };
    let first = run(&[]);
    assert_eq!(first["files"]["converted"], 20);
    let before = tree(&out);
    let second = run(&[]);
    assert_eq!(second["files"]["converted"], 0);
    assert_eq!(second["files"]["skipped"], 20);
    // Counts of skipped files still come through, from the manifest.
    assert_eq!(second["pages"], first["pages"]);
    assert!(tree(&out) == before);
    // One changed input and one new input: two conversions.
    std::fs::write(
        input.join("lot-00/00000-normandie-ptsm-2026.txt"),
        "Le 1er janvier 2026\nBonjour.\n",
    )
    .unwrap();
    std::fs::copy(corpus("meuse-ctsm-2023.txt"), input.join("nouveau.txt")).unwrap();
    let third = run(&[]);
    assert_eq!(third["files"]["converted"], 2);
    assert_eq!(third["files"]["skipped"], 19);
    // A deleted output is written again.
    std::fs::remove_file(out.join("lot-01/00001-meuse-ctsm-2023.txt.json")).unwrap();
    assert_eq!(run(&[])["files"]["converted"], 1);
    // So is an empty one (a crash before the end-of-batch flush).
    let emptied = out.join("lot-02/00002-meuse-ctsm-2023.raw.txt.json");
    std::fs::write(&emptied, "").unwrap();
    assert_eq!(run(&[])["files"]["converted"], 1);
    assert!(std::fs::metadata(&emptied).unwrap().len() > 0);
    assert_eq!(run(&["--force"])["files"]["converted"], 21);
}

#[test]
fn killed_run_then_rerun_equals_an_uninterrupted_run() {
    let d = scratch("killed");
    let input = d.join("in");
    // Enough files that a debug build is still busy when the kill comes.
    replicate(&input, 600);
    let reference = d.join("reference");
    let o = ptsm(&["extract", "-q", "-j", "2", s(&input), "-o", s(&reference)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let lines = |manifest: &Path| {
        std::fs::read(manifest).map_or(0, |b| b.iter().filter(|&&c| c == b'\n').count())
    };
    let total = lines(&reference.join(".ptsm-manifest.jsonl"));
    assert_eq!(total, 600);

    // Kill without warning once a few inputs are recorded. What is checked
    // is the state the kill leaves, not the time it comes at: a kill that
    // lands after every input was recorded (the test's thread starved on a
    // loaded machine, or the run already ending) tests nothing, so it is
    // tried again in a fresh folder; a slow run is simply waited for.
    let mut attempt = 0;
    let (out, recorded) = loop {
        let out = d.join(format!("out-{attempt}"));
        let manifest = out.join(".ptsm-manifest.jsonl");
        let mut child = Command::new(BIN)
            .args(["extract", "-q", "-j", "2", s(&input), "-o", s(&out)])
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        while lines(&manifest) < 20 && child.try_wait().unwrap().is_none() {
            std::thread::sleep(Duration::from_millis(2));
        }
        child.kill().unwrap();
        let killed = child.wait().unwrap().code().is_none();
        let recorded = lines(&manifest);
        if killed && recorded < total {
            break (out, recorded);
        }
        attempt += 1;
        assert!(
            attempt < 5,
            "five runs in a row recorded all {total} inputs before the kill"
        );
        println!("note: attempt {attempt}: the kill came after the last input; again");
    };
    let partial = tree(&out);
    assert!(partial.len() < tree(&reference).len());

    let o = ptsm(&["extract", "-q", "-j", "2", s(&input), "-o", s(&out)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let (a, b) = (tree(&out), tree(&reference));
    assert_eq!(
        a.keys().collect::<Vec<_>>(),
        b.keys().collect::<Vec<_>>(),
        "not the same files as the uninterrupted run"
    );
    let differing: Vec<&String> = a
        .keys()
        .filter(|k| a.get(*k) != b.get(*k))
        .take(5)
        .collect();
    assert!(
        differing.is_empty(),
        "differs from the uninterrupted run: {differing:?}"
    );
    // What the killed run had recorded (its last line may be cut short) is
    // not converted again.
    let summary = json(&out.join("summary.json"));
    let skipped = summary["files"]["skipped"].as_u64().unwrap() as usize;
    assert!(
        skipped > 0 && skipped <= recorded && skipped < total,
        "{recorded} recorded before the kill, {skipped} skipped: {summary}"
    );
}

#[test]
fn shards_cover_every_input_exactly_once() {
    let d = scratch("shards");
    let input = d.join("in");
    replicate(&input, 50);
    let all_out = d.join("all");
    let o = ptsm(&["extract", "-q", s(&input), "-o", s(&all_out)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let outputs = |dir: &Path| -> BTreeSet<String> {
        tree(dir)
            .into_keys()
            .filter(|k| k.ends_with(".txt.json"))
            .collect()
    };
    let all = outputs(&all_out);
    assert_eq!(all.len(), 50);
    for n in 1..=4u32 {
        let mut seen = Vec::new();
        for k in 1..=n {
            let out = d.join(format!("shard-{k}-of-{n}"));
            let shard = format!("{k}/{n}");
            let o = ptsm(&["extract", "-q", "--shard", &shard, s(&input), "-o", s(&out)]);
            assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
            assert!(out.join(format!("summary.{k}-of-{n}.json")).is_file());
            seen.extend(outputs(&out));
        }
        let unique: BTreeSet<String> = seen.iter().cloned().collect();
        assert_eq!(
            seen.len(),
            unique.len(),
            "an input was in two shards of {n}"
        );
        assert_eq!(unique, all, "shards of {n} do not cover the inputs");
    }
}

#[test]
fn hostile_pdfs_of_the_shared_corpus_each_get_an_output_or_an_error() {
    let Some(bad) = crate::cli::shared("bad") else {
        return;
    };
    let d = scratch("shared-bad");
    let out = d.join("out");
    let o = ptsm(&[
        "extract",
        "--timeout",
        "60",
        "-j",
        "2",
        s(&bad),
        "-o",
        s(&out),
    ]);
    // 1: some files fail, as they should; never a crash (no exit code).
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let errors: Vec<serde_json::Value> = std::fs::read_to_string(out.join("errors.jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let failed: BTreeSet<String> = errors
        .iter()
        .map(|e| e["input"].as_str().unwrap().to_string())
        .collect();
    let pdfs: Vec<String> = std::fs::read_dir(&bad)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".pdf"))
        .collect();
    assert_eq!(pdfs.len(), 12);
    for name in &pdfs {
        let written = out.join(format!("{name}.json")).is_file();
        assert!(
            written != failed.contains(name),
            "{name}: output {written}, error listed {}",
            failed.contains(name)
        );
    }
    // Only PDFs were taken from the folder (not its README or EXPECT.tsv).
    assert!(failed.iter().all(|n| n.ends_with(".pdf")), "{failed:?}");
    let kind = |name: &str| {
        errors
            .iter()
            .find(|e| e["input"] == name)
            .map(|e| e["kind"].as_str().unwrap().to_string())
    };
    assert_eq!(kind("empty.pdf").as_deref(), Some("empty"));
    assert_eq!(kind("not-a-pdf-html.pdf").as_deref(), Some("not_pdf"));
    assert_eq!(
        kind("encrypted-aes256-user-password.pdf").as_deref(),
        Some("password_required")
    );
    assert!(kind("junk-before-header.pdf").is_none());
}
