//! `pdf-extract-peer JOBS FILE…`: extracts the text of every FILE with the
//! `pdf-extract` crate on JOBS threads, and prints one line: files, failed,
//! characters extracted, seconds. Failures (errors and panics, which
//! pdf-extract raises on some inputs) are counted, not fatal.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let jobs: usize = args.next().and_then(|j| j.parse().ok()).unwrap_or(1).max(1);
    let files: Vec<String> = args.collect();
    // Keep the panics of pdf-extract off the terminal: they are counted.
    std::panic::set_hook(Box::new(|_| {}));
    let next = AtomicUsize::new(0);
    let failed = AtomicUsize::new(0);
    let chars = AtomicUsize::new(0);
    let start = Instant::now();
    std::thread::scope(|s| {
        for _ in 0..jobs {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(f) = files.get(i) else { break };
                let r = catch_unwind(AssertUnwindSafe(|| {
                    let bytes = std::fs::read(f).map_err(|e| e.to_string())?;
                    pdf_extract::extract_text_from_mem(&bytes).map_err(|e| e.to_string())
                }));
                match r {
                    Ok(Ok(text)) => {
                        chars.fetch_add(text.chars().count(), Ordering::Relaxed);
                    }
                    _ => {
                        failed.fetch_add(1, Ordering::Relaxed);
                    }
                }
            });
        }
    });
    println!(
        "files {} failed {} chars {} seconds {:.3}",
        files.len(),
        failed.load(Ordering::Relaxed),
        chars.load(Ordering::Relaxed),
        start.elapsed().as_secs_f64()
    );
}
