//! Issue 20, "nothing lost, whatever happens": one test per reproducer of
//! `../shared/reliability/` (copies of the small inputs in
//! `tests/data/reliability/`, larger ones generated here), on the real
//! binary. The faults themselves (kills, a full disk, two runs at once) are
//! in `faults`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
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

/// `nonutf8-collision`: two Latin-1 names ("résumé" with é = 0xE9, and with
/// è = 0xE8) beside a UTF-8 one and a name full of `%`: every input is
/// converted, each to its own output, and the names read back.
#[cfg(unix)]
#[test]
fn non_utf8_names_convert_to_distinct_outputs() {
    use std::os::unix::ffi::OsStrExt;
    let d = scratch("nonutf8");
    let input = d.join("in");
    std::fs::create_dir_all(&input).unwrap();
    let names: [&[u8]; 5] = [
        b"r\xE9sum\xE9.txt",
        b"r\xE8sum\xE8.txt",
        "résumé.txt".as_bytes(),
        b"r%E9sum%E9.txt",
        b"other.txt",
    ];
    for n in names {
        std::fs::write(
            input.join(std::ffi::OsStr::from_bytes(n)),
            "Projet territorial de santé mentale\n",
        )
        .unwrap();
    }
    let out = d.join("out");
    let o = ptsm(&["extract", "-q", s(&input), "-o", s(&out)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let summary = json(&out.join("summary.json"));
    assert_eq!(summary["files"]["converted"], 5);
    let mut outputs: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".txt.json"))
        .collect();
    outputs.sort();
    assert_eq!(
        outputs,
        [
            "other.txt.json",
            "r%25E9sum%25E9.txt.json",
            "r%E8sum%E8.txt.json",
            "r%E9sum%E9.txt.json",
            "résumé.txt.json"
        ]
        .map(String::from)
    );
    // Each output names its own input in `source.path`.
    let doc = json(&out.join("r%E8sum%E8.txt.json"));
    assert!(doc["source"]["path"]
        .as_str()
        .unwrap()
        .ends_with("/r%E8sum%E8.txt"));
}

/// `stderr-injection`: a name holding a line break and an ANSI escape is
/// printed escaped on stderr (one line, no escape byte), and JSON Lines
/// outputs escape U+2028 and U+2029.
#[cfg(unix)]
#[test]
fn names_are_escaped_on_stderr_and_line_separators_in_json_lines() {
    use std::os::unix::ffi::OsStrExt;
    let d = scratch("stderr-injection");
    let input = d.join("in");
    std::fs::create_dir_all(&input).unwrap();
    let evil = b"a\nforged.pdf: converted fine\x1b[31m\xe2\x80\xa8.pdf";
    std::fs::write(
        input.join(std::ffi::OsStr::from_bytes(evil)),
        b"%PDF-1.4 broken",
    )
    .unwrap();
    let out = d.join("out");
    let jsonl = d.join("docs.jsonl");
    let o = ptsm(&[
        "extract",
        "-q",
        s(&input),
        "-o",
        s(&out),
        "--jsonl",
        s(&jsonl),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(!err.contains('\x1b'), "{err:?}");
    assert!(!err.contains('\u{2028}'), "{err:?}");
    assert_eq!(err.lines().count(), 1, "{err:?}");
    assert!(
        err.contains("a\\nforged.pdf: converted fine\\u{1b}[31m\\u{2028}.pdf: "),
        "{err:?}"
    );
    for f in [out.join("errors.jsonl"), out.join(".ptsm-manifest.jsonl")] {
        let text = std::fs::read_to_string(&f).unwrap();
        assert!(!text.contains('\u{2028}'), "{}: {text:?}", f.display());
        assert!(text.contains("\\u2028"), "{}: {text:?}", f.display());
        for line in text.lines() {
            serde_json::from_str::<serde_json::Value>(line).unwrap();
        }
    }
    // A document whose text holds the separators: escaped in --jsonl too.
    let doc = d.join("sep.txt");
    std::fs::write(&doc, "Projet territorial\u{2028}de santé\u{2029}mentale\n").unwrap();
    let o = ptsm(&["extract", "-q", s(&doc), "--jsonl", "-"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let line = String::from_utf8(o.stdout).unwrap();
    assert!(!line.contains('\u{2028}') && !line.contains('\u{2029}'));
    assert_eq!(line.lines().count(), 1);
}

/// `tmp-symlink`: symbolic links planted in OUT under the names a
/// temporary could take, and a folder of OUT that is a link elsewhere:
/// nothing is written through them, the victim files are untouched.
#[cfg(unix)]
#[test]
fn nothing_is_written_through_links_planted_in_the_output_folder() {
    use std::os::unix::fs::symlink;
    let d = scratch("tmp-symlink");
    let input = d.join("in");
    std::fs::create_dir_all(input.join("sub")).unwrap();
    std::fs::write(
        input.join("a.txt"),
        "Projet territorial de santé mentale de la Meuse\n",
    )
    .unwrap();
    std::fs::write(
        input.join("sub/b.txt"),
        "Projet territorial de santé mentale\n",
    )
    .unwrap();
    let out = d.join("out");
    std::fs::create_dir_all(&out).unwrap();
    let victim = d.join("victim.txt");
    std::fs::write(&victim, "ORIGINAL VICTIM CONTENT\n").unwrap();
    let elsewhere = d.join("elsewhere");
    std::fs::create_dir_all(&elsewhere).unwrap();
    // The reproducer's name (old scheme, pid of the next process), and
    // pids around it: a temporary name can no longer be guessed.
    let pid = std::process::id();
    for p in pid..pid + 200 {
        symlink(&victim, out.join(format!(".a.txt.json.{p}.tmp"))).unwrap();
    }
    // A link as the manifest: the run is refused, nothing written.
    let manifest = out.join(".ptsm-manifest.jsonl");
    symlink(&victim, &manifest).unwrap();
    let o = ptsm(&["extract", "-q", s(&input), "-o", s(&out)]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("is a symbolic link"), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(&victim).unwrap(),
        "ORIGINAL VICTIM CONTENT\n"
    );
    std::fs::remove_file(&manifest).unwrap();
    symlink(&elsewhere, out.join("sub")).unwrap();
    let o = ptsm(&["extract", "-q", s(&input), "-o", s(&out)]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(&victim).unwrap(),
        "ORIGINAL VICTIM CONTENT\n"
    );
    assert_eq!(std::fs::read_dir(&elsewhere).unwrap().count(), 0);
    let a = out.join("a.txt.json");
    assert!(!std::fs::symlink_metadata(&a)
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(json(&a)["source"]["format"], "text");
    let errors = std::fs::read_to_string(out.join("errors.jsonl")).unwrap();
    assert!(errors.contains("outside the output folder"), "{errors}");
    assert!(errors.contains("sub/b.txt"), "{errors}");
    // The planted temporaries are gone, even the one named with a live
    // process's PID (this test's): a run that holds the folder's lock alone
    // knows no other run is writing there.
    let left: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
    assert_eq!(
        std::fs::read_to_string(&victim).unwrap(),
        "ORIGINAL VICTIM CONTENT\n"
    );
}

/// A FIFO named on the command line (nobody writes into it) does not
/// block the batch: reading is covered by the time limit. `/dev/zero` is
/// refused without being read, and `ptsm text` refuses a file over the size
/// limit from its size (a sparse 1 GB file: reading it would take seconds
/// and a gigabyte).
#[cfg(unix)]
#[test]
fn special_files_and_huge_files_are_refused_before_reading() {
    let d = scratch("special-files");
    let fifo = d.join("tube.txt");
    assert!(Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    // A writer that holds the FIFO open and never writes (opened read-write,
    // which does not wait for a reader on Linux).
    let writer = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(&fifo)
        .unwrap();
    let good = corpus("meuse-ctsm-2023.txt");
    let out = d.join("out");
    let t = Instant::now();
    let o = ptsm(&[
        "extract",
        "-q",
        // Long enough for the good file on a loaded machine; the FIFO
        // would block for ever.
        "--timeout",
        "20",
        s(&fifo),
        "/dev/zero",
        s(&good),
        "-o",
        s(&out),
    ]);
    drop(writer);
    assert!(
        t.elapsed() < Duration::from_secs(300),
        "the FIFO held the batch"
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let errors: Vec<serde_json::Value> = std::fs::read_to_string(out.join("errors.jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let kind = |input: &str| {
        errors
            .iter()
            .find(|e| e["input"] == input)
            .map(|e| e["kind"].as_str().unwrap().to_string())
    };
    assert_eq!(kind("tube.txt").as_deref(), Some("timeout"), "{errors:?}");
    assert_eq!(
        kind("zero").as_deref(),
        Some("unsupported_format"),
        "{errors:?}"
    );
    assert!(out.join("meuse-ctsm-2023.txt.json").is_file());

    let huge = d.join("huge.txt");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(1 << 30)
        .unwrap();
    let t = Instant::now();
    let o = ptsm(&["text", s(&huge)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("over the limit"), "{}", stderr(&o));
    assert!(t.elapsed() < Duration::from_secs(10));
    let o = ptsm(&["text", "/dev/zero"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("character device"), "{}", stderr(&o));
}

/// Symbolic links met in a walk: links to folders, loops and broken links
/// are counted and named in the summary; a link to a file outside the
/// folder is followed unless `--no-follow-symlinks`.
#[cfg(unix)]
#[test]
fn symlinks_in_walks_are_counted_named_and_optionally_not_followed() {
    use std::os::unix::fs::symlink;
    let d = scratch("walk-links");
    let input = d.join("in");
    std::fs::create_dir_all(input.join("sub")).unwrap();
    std::fs::copy(corpus("meuse-ctsm-2023.txt"), input.join("sub/a.txt")).unwrap();
    std::fs::copy(corpus("normandie-ptsm-2026.txt"), d.join("outside.txt")).unwrap();
    symlink(d.join("outside.txt"), input.join("dehors.txt")).unwrap();
    symlink(input.join("sub"), input.join("lien")).unwrap();
    symlink(input.join("b1"), input.join("b2")).unwrap();
    symlink(input.join("b2"), input.join("b1")).unwrap();
    symlink(input.join("nowhere.txt"), input.join("broken.txt")).unwrap();
    let out = d.join("out");
    let o = ptsm(&["extract", s(&input), "-o", s(&out)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("4 path(s) skipped in folders"),
        "{}",
        stderr(&o)
    );
    let summary = json(&out.join("summary.json"));
    assert_eq!(summary["files"]["converted"], 2);
    let skipped = &summary["skipped_paths"];
    assert_eq!(skipped["total"], 4, "{skipped}");
    assert_eq!(skipped["by_reason"]["symlink_loop"], 2);
    assert_eq!(skipped["by_reason"]["symlink_to_folder"], 1);
    assert_eq!(skipped["by_reason"]["broken_symlink"], 1);
    let paths: Vec<&str> = skipped["paths"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["path"].as_str().unwrap())
        .collect();
    assert!(paths.iter().any(|p| p.ends_with("/lien")), "{paths:?}");
    let out2 = d.join("out-no-follow");
    let o = ptsm(&[
        "extract",
        "-q",
        "--no-follow-symlinks",
        s(&input),
        "-o",
        s(&out2),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let summary = json(&out2.join("summary.json"));
    assert_eq!(summary["files"]["converted"], 1);
    assert_eq!(summary["skipped_paths"]["by_reason"]["symlink"], 5);
    assert!(!out2.join("dehors.txt.json").exists());
}

/// Two inputs can never map to one output: the output names of every
/// relative path of a few components drawn from awkward bytes are distinct
/// (case apart, which `inputs` refuses as a usage error).
#[test]
fn output_names_of_distinct_paths_never_collide() {
    let d = scratch("names-injective");
    let input = d.join("in");
    std::fs::create_dir_all(&input).unwrap();
    // Through the binary: a folder of files whose names differ only where
    // a lossy conversion would merge them.
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let mut made = 0;
        for a in [
            &b"%"[..],
            b"%25",
            b"\xE9",
            b"%E9",
            "é".as_bytes(),
            b"\xC3",
            b"\xC3\xA9",
            b"x",
        ] {
            for b in [&b""[..], b"%", b"E9", b"\xA9"] {
                let mut n = a.to_vec();
                n.extend_from_slice(b);
                n.extend_from_slice(b".txt");
                let p = input.join(std::ffi::OsStr::from_bytes(&n));
                if !p.exists() {
                    std::fs::write(&p, "Projet territorial\n").unwrap();
                    made += 1;
                }
            }
        }
        let out = d.join("out");
        let o = ptsm(&["extract", "-q", s(&input), "-o", s(&out)]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let outputs = std::fs::read_dir(&out)
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .ends_with(".txt.json")
            })
            .count();
        assert_eq!(outputs, made);
    }
}

/// Whether `prlimit` (util-linux) is here; the memory tests skip, saying so,
/// without it.
fn have_prlimit() -> bool {
    Command::new("prlimit")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// A 200 MB text of list items (`oom-200MB-text`), between two good inputs.
fn big_text_batch(d: &Path) -> PathBuf {
    let input = d.join("in");
    std::fs::create_dir_all(&input).unwrap();
    let line = b"- Action 1.2 : mettre en place un dispositif\n";
    let block: Vec<u8> = line.repeat((1 << 20) / line.len());
    let mut f = std::io::BufWriter::new(std::fs::File::create(input.join("m-big.txt")).unwrap());
    for _ in 0..200 {
        std::io::Write::write_all(&mut f, &block).unwrap();
    }
    drop(f);
    std::fs::copy(corpus("meuse-ctsm-2023.txt"), input.join("a-good.txt")).unwrap();
    std::fs::copy(corpus("normandie-ptsm-2026.txt"), input.join("z-good.txt")).unwrap();
    input
}

/// `oom-200MB-text`: under a 4 GB address-space cap, the 200 MB input
/// (which needs about 3 GB) is refused from its size with a `memory`
/// error instead of aborting the process; the inputs before and after it
/// are converted, and `errors.jsonl` and `summary.json` are written.
#[test]
fn a_200mb_text_under_a_4gb_cap_fails_alone() {
    if !have_prlimit() {
        println!("SKIPPED a_200mb_text_under_a_4gb_cap_fails_alone: no prlimit here");
        return;
    }
    let d = scratch("oom-200MB");
    let input = big_text_batch(&d);
    let out = d.join("out");
    let o = Command::new("prlimit")
        .args([
            "--as=4000000000",
            BIN,
            "extract",
            "-j",
            "1",
            s(&input),
            "-o",
            s(&out),
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(out.join("a-good.txt.json").is_file() && out.join("z-good.txt.json").is_file());
    let errors = std::fs::read_to_string(out.join("errors.jsonl")).unwrap();
    let e: serde_json::Value = serde_json::from_str(errors.lines().next().unwrap()).unwrap();
    assert_eq!(
        (e["input"].as_str(), e["kind"].as_str()),
        (Some("m-big.txt"), Some("memory"))
    );
    assert!(
        e["message"].as_str().unwrap().contains("--max-memory"),
        "{e}"
    );
    assert_eq!(json(&out.join("summary.json"))["files"]["converted"], 2);
}

/// The budget let through (`--max-memory` far above the cap), the same
/// input meets a real allocation failure under a 2 GB cap: that document
/// fails with a `memory` error, the batch goes on and ends normally.
#[test]
fn an_allocation_failure_fails_its_document_not_the_batch() {
    if !have_prlimit() {
        println!("SKIPPED an_allocation_failure_fails_its_document_not_the_batch: no prlimit here");
        return;
    }
    let d = scratch("oom-alloc-failure");
    let input = big_text_batch(&d);
    let out = d.join("out");
    let o = Command::new("prlimit")
        .args([
            "--as=2000000000",
            BIN,
            "extract",
            "-q",
            "-j",
            "1",
            "--max-memory",
            "100G",
            // What is tested is the allocation failure, however long a
            // loaded debug build takes to reach it (it once took over the
            // default 120 s and the document failed as `timeout`).
            "--timeout",
            "0",
            s(&input),
            "-o",
            s(&out),
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let errors = std::fs::read_to_string(out.join("errors.jsonl")).unwrap();
    assert!(errors.contains("\"kind\":\"memory\""), "{errors}");
    assert!(errors.contains("an allocation failed"), "{errors}");
    assert!(out.join("a-good.txt.json").is_file() && out.join("z-good.txt.json").is_file());
}

/// A document's JSON is the same bytes whether it is made whole in memory
/// (small documents) or streamed to its file in chunks (over a megabyte of
/// text), and the same as `--stdout` writes.
#[test]
fn streamed_and_buffered_outputs_are_the_same_bytes() {
    let d = scratch("streamed-json");
    let input = d.join("in");
    std::fs::create_dir_all(&input).unwrap();
    let text = std::fs::read_to_string(corpus("meuse-ctsm-2023.txt")).unwrap();
    std::fs::write(input.join("small.txt"), &text).unwrap();
    let big = text.repeat((3 << 20) / text.len() + 1);
    std::fs::write(input.join("big.txt"), &big).unwrap();
    let out = d.join("out");
    let o = ptsm(&["extract", "-q", s(&input), "-o", s(&out)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    for name in ["small.txt", "big.txt"] {
        let o = ptsm(&["extract", "--stdout", s(&input.join(name))]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let file = std::fs::read(out.join(format!("{name}.json"))).unwrap();
        assert!(
            file == o.stdout,
            "{name}: the batch's output differs from --stdout"
        );
    }
}
