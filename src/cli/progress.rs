//! Progress on stderr: an indicatif bar when stderr is a terminal, a plain
//! log line every few seconds otherwise, nothing with `--quiet`.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

const LOG_EVERY: Duration = Duration::from_secs(5);

pub struct Progress {
    bar: Option<ProgressBar>,
    log: bool,
    total: u64,
    start: Instant,
    done: AtomicU64,
    failed: AtomicU64,
    pages: AtomicU64,
    last_log: Mutex<Instant>,
}

impl Progress {
    pub fn new(total: usize, quiet: bool) -> Self {
        let total = total as u64;
        let bar = (!quiet && std::io::stderr().is_terminal()).then(|| {
            let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
            let style = ProgressStyle::with_template(
                "[{elapsed_precise}] {wide_bar} {pos}/{len} files ({per_sec}, ETA {eta}) {msg}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar());
            bar.set_style(style);
            bar
        });
        Progress {
            log: !quiet && bar.is_none(),
            bar,
            total,
            start: Instant::now(),
            done: AtomicU64::new(0),
            failed: AtomicU64::new(0),
            pages: AtomicU64::new(0),
            last_log: Mutex::new(Instant::now()),
        }
    }

    /// Shows the file now in hand.
    pub fn start_file(&self, name: &str) {
        if let Some(bar) = &self.bar {
            let pages = self.pages.load(Ordering::Relaxed);
            bar.set_message(format!("{pages} pages · {name}"));
        }
    }

    pub fn finish_file(&self, pages: u64, failed: bool) {
        let done = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        let pages = self.pages.fetch_add(pages, Ordering::Relaxed) + pages;
        let failed =
            self.failed.fetch_add(u64::from(failed), Ordering::Relaxed) + u64::from(failed);
        if let Some(bar) = &self.bar {
            bar.inc(1);
            return;
        }
        if !self.log {
            return;
        }
        let Ok(mut last) = self.last_log.lock() else {
            return;
        };
        if last.elapsed() < LOG_EVERY {
            return;
        }
        *last = Instant::now();
        let secs = self.start.elapsed().as_secs_f64().max(1e-9);
        eprintln!(
            "ptsm: {done}/{} files ({failed} failed), {pages} pages, {:.1} files/s",
            self.total,
            done as f64 / secs
        );
    }

    /// Prints a line without tearing the bar.
    pub fn println(&self, line: &str) {
        match &self.bar {
            Some(bar) => bar.suspend(|| eprintln!("{line}")),
            None => eprintln!("{line}"),
        }
    }

    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
