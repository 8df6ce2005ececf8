//! Faults in the batch (issue 20): the batch killed at random points ten
//! times, the disk filled once, two batches run into one folder at once;
//! each time the output folder ends equal to an uninterrupted run's.
//! Inputs: copies of the corpus texts and PDFs with failing files among
//! them, so that `errors.jsonl` and the replayed failures are exercised.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::cli::{corpus, json, ptsm, scratch, stderr, tree, BIN};

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// `n` inputs under `dir`: corpus texts and PDFs in sub-folders, and a
/// failing file every 25 (empty, not a PDF, a damaged PDF).
fn inputs(dir: &Path, n: usize) {
    let sources = [
        "normandie-ptsm-2026.txt",
        "meuse-ctsm-2023.txt",
        "meuse-ctsm-2023.raw.txt",
        "meuse-ctsm-2023.reportlab.pdf",
        "normandie-ptsm-2026.libreoffice.pdf",
    ];
    for i in 0..n {
        let sub = dir.join(format!("lot-{}", i % 5));
        std::fs::create_dir_all(&sub).unwrap();
        match i % 25 {
            7 => std::fs::write(sub.join(format!("{i:04}-vide.txt")), b"").unwrap(),
            13 => std::fs::write(sub.join(format!("{i:04}-faux.pdf")), b"GIF89a\x01\x00").unwrap(),
            19 => std::fs::write(
                sub.join(format!("{i:04}-abime.pdf")),
                b"%PDF-1.7\n1 0 obj << >> endobj\n%%EOF",
            )
            .unwrap(),
            _ => {
                let src = sources[i % sources.len()];
                std::fs::copy(corpus(src), sub.join(format!("{i:04}-{src}"))).unwrap();
            }
        }
    }
}

/// The output folder without its summaries (they hold timings), as in
/// `cli::tree`, plus the totals of `summary.json`, which must agree.
fn state(out: &Path) -> (BTreeMap<String, Vec<u8>>, serde_json::Value) {
    let summary = json(&out.join("summary.json"));
    let totals = serde_json::json!({
        "files_total": summary["files"]["total"],
        "failed": summary["files"]["failed"],
        "pages": summary["pages"],
        "actions": summary["actions"],
        "errors_by_kind": summary["errors_by_kind"],
        "warnings_by_code": summary["warnings_by_code"],
    });
    (tree(out), totals)
}

fn assert_same(got: &Path, want: &(BTreeMap<String, Vec<u8>>, serde_json::Value), what: &str) {
    let (files, totals) = state(got);
    let differing: Vec<&String> = files
        .keys()
        .chain(want.0.keys())
        .filter(|k| files.get(*k) != want.0.get(*k))
        .take(5)
        .collect();
    assert!(
        differing.is_empty(),
        "{what}: differs from an uninterrupted run: {differing:?}"
    );
    assert_eq!(totals, want.1, "{what}: summary totals");
}

/// Whatever the moment of a kill, what is in OUT is whole: every JSON
/// output parses, `errors.jsonl` (if any) parses, and the manifest's lines
/// parse but perhaps the last (a line being appended).
fn assert_whole(out: &Path) {
    for (name, bytes) in tree(out) {
        if name.ends_with(".tmp") || name.ends_with(".ptsm-lock") {
            continue;
        }
        if name.ends_with(".json") {
            // A file renamed into place before the end-of-batch flush may be
            // empty after a *machine* crash, never after a process kill.
            serde_json::from_slice::<serde_json::Value>(&bytes)
                .unwrap_or_else(|e| panic!("{name}: not whole after a kill: {e}"));
        } else if name.ends_with("errors.jsonl") {
            for l in String::from_utf8(bytes).unwrap().lines() {
                serde_json::from_str::<serde_json::Value>(l).unwrap();
            }
        } else if name.ends_with(".ptsm-manifest.jsonl") {
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let lines: Vec<&str> = text.lines().collect();
            for l in lines.iter().take(lines.len().saturating_sub(1)) {
                if !l.is_empty() {
                    serde_json::from_str::<serde_json::Value>(l)
                        .unwrap_or_else(|e| panic!("manifest line {l:?}: {e}"));
                }
            }
        }
    }
}

fn xorshift(mut x: u64) -> impl FnMut() -> u64 {
    move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    }
}

/// Ten runs killed (SIGKILL) at random points, each one a rerun of the
/// folder the previous one left, then a run to the end: the folder equals
/// an uninterrupted run's, and was whole after every kill.
#[test]
fn a_batch_killed_ten_times_then_finished_equals_an_uninterrupted_run() {
    let d = scratch("faults-kill");
    let input = d.join("in");
    inputs(&input, 400);
    let reference = d.join("reference");
    let t = Instant::now();
    let o = ptsm(&["extract", "-q", "-j", "2", s(&input), "-o", s(&reference)]);
    let whole_run = t.elapsed();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let want = state(&reference);

    let out = d.join("out");
    let total = String::from_utf8_lossy(&want.0[".ptsm-manifest.jsonl"])
        .lines()
        .count();
    let manifest = out.join(".ptsm-manifest.jsonl");
    let lines =
        || std::fs::read(&manifest).map_or(0, |b| b.iter().filter(|&&c| c == b'\n').count());
    let mut next = xorshift(0x2545_f491_4f6c_dd1d);
    let mut killed = 0;
    for round in 0..10 {
        // A random point of the work left: once up to a quarter of the
        // inputs left are recorded (so that ten rounds leave work to the
        // last), or at once (a kill at start-up) one time in ten.
        let before = lines();
        let share = (next() % 1000) as f64 / 4000.0;
        let target = before + (((total - before) as f64 * share) as usize).max(1);
        let mut child = Command::new(BIN)
            .args(["extract", "-q", "-j", "2", s(&input), "-o", s(&out)])
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let t = Instant::now();
        let at_once = next() % 10 == 0;
        while !at_once
            && lines() < target
            && child.try_wait().unwrap().is_none()
            && t.elapsed() < whole_run * 4
        {
            std::thread::sleep(Duration::from_micros(200 + next() % 2000));
        }
        let _ = child.kill();
        let status = child.wait().unwrap();
        if status.code().is_none() {
            killed += 1;
        }
        assert_whole(&out);
        println!(
            "round {round}: {before} of {total} recorded, kill at {target} ({:?}): {}",
            t.elapsed(),
            if status.code().is_none() {
                "killed"
            } else {
                "had finished"
            }
        );
    }
    assert!(
        killed >= 7,
        "only {killed} of 10 runs were still running when killed"
    );
    let o = ptsm(&["extract", "-q", "-j", "2", s(&input), "-o", s(&out)]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_same(&out, &want, "after ten kills");
}

/// A shell that runs `script` in a mount namespace of its own (as root, or
/// in a user namespace mapping us to root), where a small tmpfs can be
/// mounted; `None` when this machine allows neither.
fn namespaced(script: &str) -> Option<std::process::Output> {
    let probe = |args: &[&str]| {
        Command::new("unshare")
            .args(args)
            .args(["sh", "-c", "mount -t tmpfs -o size=1m tmpfs /mnt 2>/dev/null || mount -t tmpfs -o size=1m tmpfs /tmp"])
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    };
    for args in [&["--mount"][..], &["--mount", "--map-root-user"]] {
        if probe(args) {
            return Some(
                Command::new("unshare")
                    .args(args)
                    .args(["sh", "-ec", script])
                    .output()
                    .unwrap(),
            );
        }
    }
    None
}

/// `enospc`: the disk fills during a rerun (`--force`). The run stops at
/// once with exit 1 and a message naming the disk, the previous run's
/// `errors.jsonl` and `summary.json` stay whole and unchanged, no output is
/// truncated; once space is freed, a plain rerun finishes the work and the
/// folder equals an uninterrupted run's.
#[test]
fn a_full_disk_stops_the_run_cleanly_and_a_rerun_finishes_it() {
    let d = scratch("faults-enospc");
    let input = d.join("in");
    inputs(&input, 60);
    let reference = d.join("reference");
    let o = ptsm(&["extract", "-q", "-j", "2", s(&input), "-o", s(&reference)]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let want = state(&reference);
    let used: u64 = want.0.values().map(|v| v.len() as u64).sum();

    let mnt = d.join("mnt");
    let res = d.join("res");
    std::fs::create_dir_all(&mnt).unwrap();
    std::fs::create_dir_all(&res).unwrap();
    // Room for one whole run and a half.
    let size = used * 3 / 2 + (4 << 20);
    let script = format!(
        r#"
        mount -t tmpfs -o size={size} tmpfs '{mnt}'
        P='{bin}'; IN='{input}'; M='{mnt}'; R='{res}'
        "$P" extract -q -j 2 "$IN" -o "$M/out" || true
        cp "$M/out/errors.jsonl" "$R/errors.before"; cp "$M/out/summary.json" "$R/summary.before"
        avail=$(df --output=avail -B1 "$M" | tail -1)
        fallocate -l $((avail - 65536)) "$M/filler" 2>/dev/null || head -c $((avail - 65536)) /dev/zero > "$M/filler"
        set +e
        "$P" extract -q -j 2 --force "$IN" -o "$M/out" 2> "$R/stderr.full"; echo $? > "$R/rc.full"
        set -e
        cp "$M/out/errors.jsonl" "$R/errors.after"; cp "$M/out/summary.json" "$R/summary.after"
        find "$M/out" -name '*.json' -size 0 > "$R/empty"
        rm "$M/filler"
        find "$M/out" -name '*.tmp' > "$R/temps"
        set +e
        "$P" extract -q -j 2 "$IN" -o "$M/out" 2> "$R/stderr.rerun"; echo $? > "$R/rc.rerun"
        set -e
        cp -a "$M/out" "$R/final"
        rm -rf "$M/out"
        # A first run into an empty folder that fills the disk half way.
        fallocate -l $(( $(df --output=avail -B1 "$M" | tail -1) - {half} )) "$M/filler" 2>/dev/null \
            || head -c $(( $(df --output=avail -B1 "$M" | tail -1) - {half} )) /dev/zero > "$M/filler"
        set +e
        "$P" extract -q -j 2 "$IN" -o "$M/out2" 2> "$R/stderr.half"; echo $? > "$R/rc.half"
        set -e
        ls "$M/out2" | grep -c '^lot-' > "$R/half.lots" || true
        find "$M/out2" -name '*.json' | wc -l > "$R/half.outputs"
        rm "$M/filler"
        set +e
        "$P" extract -q -j 2 "$IN" -o "$M/out2" 2> "$R/stderr.rerun2"; echo $? > "$R/rc.rerun2"
        set -e
        cp -a "$M/out2" "$R/final2"
        "#,
        half = used / 2,
        mnt = mnt.display(),
        bin = BIN,
        input = input.display(),
        res = res.display(),
    );
    let Some(o) = namespaced(&script) else {
        println!(
            "SKIPPED a_full_disk_stops_the_run_cleanly_and_a_rerun_finishes_it: no mount \
             namespace here (unshare --mount, as root or with --map-root-user), so no small \
             filesystem to fill"
        );
        return;
    };
    assert!(o.status.success(), "{}", stderr(&o));
    let read = |n: &str| std::fs::read_to_string(res.join(n)).unwrap();
    assert_eq!(read("rc.full").trim(), "1", "{}", read("stderr.full"));
    let msg = read("stderr.full");
    assert!(msg.contains("no space left on the disk holding"), "{msg}");
    assert!(
        msg.contains(&format!("mounted on {}", mnt.display())),
        "{msg}"
    );
    assert!(msg.contains("run the same command again"), "{msg}");
    assert_eq!(read("errors.after"), read("errors.before"));
    assert_eq!(read("summary.after"), read("summary.before"));
    assert!(!read("errors.before").is_empty());
    assert_eq!(read("empty"), "", "truncated outputs");
    assert_eq!(read("temps"), "", "temporaries left by the stopped run");
    assert_eq!(read("rc.rerun").trim(), "1", "{}", read("stderr.rerun"));
    assert_same(&res.join("final"), &want, "after a full disk");
    // The disk filled half way through a first run: it stopped with some
    // outputs written, and the rerun finished the work.
    assert_eq!(read("rc.half").trim(), "1");
    assert!(
        read("stderr.half").contains("no space left"),
        "{}",
        read("stderr.half")
    );
    let written: usize = read("half.outputs").trim().parse().unwrap();
    assert!(
        written > 0 && written < 55,
        "{written} outputs before the disk was full"
    );
    assert_eq!(read("rc.rerun2").trim(), "1", "{}", read("stderr.rerun2"));
    assert_same(&res.join("final2"), &want, "after a disk full half way");
}

/// `concurrent-unsharded`: two unsharded runs into one folder at once.
/// The second waits for the first (and says so); the same batch run twice
/// at once ends as one uninterrupted run, and two different batches end
/// with every input of both recorded, as if run one after the other.
#[test]
fn two_batches_into_one_folder_wait_for_each_other_and_lose_nothing() {
    let d = scratch("faults-concurrent");
    let input = d.join("in");
    inputs(&input, 300);
    let reference = d.join("reference");
    let o = ptsm(&["extract", "-q", "-j", "1", s(&input), "-o", s(&reference)]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let want = state(&reference);

    // The same batch twice at once.
    let out = d.join("out-same");
    let spawn = |out: &PathBuf, dirs: &[&Path]| {
        let mut args: Vec<String> = vec!["extract".into(), "-q".into(), "-j".into(), "1".into()];
        args.extend(dirs.iter().map(|p| p.display().to_string()));
        args.extend(["-o".into(), out.display().to_string()]);
        Command::new(BIN)
            .args(&args)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let first = spawn(&out, &[&input]);
    wait_for_progress(&out);
    let second = spawn(&out, &[&input]);
    let (a, b) = (
        first.wait_with_output().unwrap(),
        second.wait_with_output().unwrap(),
    );
    assert_eq!((a.status.code(), b.status.code()), (Some(1), Some(1)));
    assert!(
        stderr(&b).contains("waiting for it to finish"),
        "{}",
        stderr(&b)
    );
    assert_same(&out, &want, "the same batch twice at once");

    // Two different batches, as the reproducer runs them.
    let split = d.join("split");
    let (left, right) = (split.join("a"), split.join("b"));
    for (i, dir) in [&left, &right].into_iter().enumerate() {
        std::fs::create_dir_all(dir).unwrap();
        for lot in (0..5).filter(|l| l % 2 == i) {
            let from = input.join(format!("lot-{lot}"));
            let to = dir.join(format!("lot-{lot}"));
            std::fs::create_dir_all(&to).unwrap();
            for e in std::fs::read_dir(&from).unwrap() {
                let e = e.unwrap();
                std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
            }
        }
    }
    let sequential = |order: [&Path; 2], name: &str| {
        let out = d.join(name);
        for dir in order {
            ptsm(&["extract", "-q", "-j", "1", s(dir), "-o", s(&out)]);
        }
        state(&out)
    };
    let left_then_right = sequential([&left, &right], "seq-lr");
    let right_then_left = sequential([&right, &left], "seq-rl");
    let out = d.join("out-mixed");
    let first = spawn(&out, &[&left]);
    wait_for_progress(&out);
    let second = spawn(&out, &[&right]);
    let (a, b) = (
        first.wait_with_output().unwrap(),
        second.wait_with_output().unwrap(),
    );
    assert!(
        stderr(&b).contains("waiting for it to finish"),
        "{}",
        stderr(&b)
    );
    assert!(a.status.code().is_some() && b.status.code().is_some());
    let got = state(&out).0;
    // Every input of both batches is in the manifest, once.
    let manifest = String::from_utf8(got[".ptsm-manifest.jsonl"].clone()).unwrap();
    let inputs_of = |dir: &Path| {
        let mut n = 0;
        for lot in std::fs::read_dir(dir).unwrap() {
            n += std::fs::read_dir(lot.unwrap().path()).unwrap().count();
        }
        n
    };
    assert_eq!(
        manifest.lines().count(),
        inputs_of(&left) + inputs_of(&right)
    );
    assert!(
        got == left_then_right.0 || got == right_then_left.0,
        "two batches at once differ from the same two one after the other"
    );
}

/// Waits until a run writing into `out` has converted a few files (it then
/// holds the folder's lock).
fn wait_for_progress(out: &Path) {
    let manifest = out.join(".ptsm-manifest.jsonl");
    let t = Instant::now();
    while std::fs::metadata(&manifest).map_or(0, |m| m.len()) < 2_000
        && t.elapsed() < Duration::from_secs(60)
    {
        std::thread::sleep(Duration::from_millis(5));
    }
}
