//! Skipping a test visibly. The test harness captures what `println!` and
//! `eprintln!` print in a passing test, so a test that returns early reads
//! "ok" like one that ran; [`skip`] writes to the process's stderr itself
//! (which the harness leaves alone), with a running count, so that
//! `cargo test` shows every skip and why.

use std::io::Write;
use std::sync::atomic::{AtomicUsize, Ordering};

static SKIPPED: AtomicUsize = AtomicUsize::new(0);

/// Says that `test` was skipped and why, with the number skipped so far.
pub fn skip(test: &str, why: &str) {
    let n = SKIPPED.fetch_add(1, Ordering::Relaxed) + 1;
    let _ = writeln!(
        std::io::stderr(),
        "SKIPPED {test} ({n} test(s) skipped so far in this run): {why}"
    );
}
