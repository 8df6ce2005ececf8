//! Progress on stderr: an indicatif bar when stderr is a terminal, a plain
//! log line every few seconds otherwise, nothing with `--quiet`.
//!
//! The bar's line fits the terminal, never wrapping (a wrapped line is
//! redrawn as a new line at every tick): `bar count rate ETA name`, the
//! bar a quarter of the width, the rate with one decimal, the ETA as
//! `1m05s`, and the file name shortened from the middle to what is left
//! (`corpus/normandie…2026.reportlab.pdf`), so that both its folder and its
//! extension stay readable.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle};

const LOG_EVERY: Duration = Duration::from_secs(5);

/// Columns of the terminal on stderr.
pub fn stderr_width() -> Option<usize> {
    terminal_size::terminal_size_of(std::io::stderr()).map(|(w, _)| usize::from(w.0))
}

/// Columns of the terminal on stdout.
pub fn stdout_width() -> Option<usize> {
    terminal_size::terminal_size_of(std::io::stdout()).map(|(w, _)| usize::from(w.0))
}

/// `name` in at most `max` characters: the middle replaced by "…" when it
/// is longer, keeping a little more of the end (the file name) than of the
/// start (the folders).
pub fn shorten_middle(name: &str, max: usize) -> String {
    let n = name.chars().count();
    if n <= max {
        return name.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let keep = max - 1;
    let head = keep * 2 / 5;
    let tail = keep - head;
    let mut out: String = name.chars().take(head).collect();
    out.push('…');
    out.extend(name.chars().skip(n - tail));
    out
}

/// A duration as `45s`, `12m05s` or `3h07m`.
fn short_duration(d: Duration) -> String {
    let s = d.as_secs();
    if s < 60 {
        format!("{s}s")
    } else if s < 3600 {
        format!("{}m{:02}s", s / 60, s % 60)
    } else {
        format!("{}h{:02}m", (s / 3600).min(99), (s % 3600) / 60)
    }
}

/// Widths of the parts of the bar's line for a terminal `width` columns
/// wide holding `total` files: (bar, room left for the file name).
pub fn layout(width: usize, total: u64) -> (usize, usize) {
    let digits = total.max(1).to_string().len();
    let bar = (width / 4).clamp(10, 40);
    // " 12/345" " 1234.5/s" " ETA 12m05s" " "
    let fixed = bar + 1 + (2 * digits + 1) + 1 + 9 + 1 + 10 + 1;
    // The last column stays empty: some terminals wrap on writing it.
    (bar, width.saturating_sub(fixed + 1))
}

pub struct Progress {
    bar: Option<ProgressBar>,
    /// Characters the file name may take on the bar's line.
    name_room: AtomicUsize,
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
        let width = stderr_width().unwrap_or(80);
        let (bar_width, name_room) = layout(width, total);
        let bar = (!quiet && std::io::stderr().is_terminal()).then(|| {
            let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
            let style = ProgressStyle::with_template(&format!(
                "{{bar:{bar_width}}} {{pos}}/{{len}} {{rate}} ETA {{left}} {{msg}}"
            ))
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("█▌ ")
            .with_key("rate", |s: &ProgressState, w: &mut dyn std::fmt::Write| {
                let _ = write!(w, "{:.1}/s", s.per_sec());
            })
            .with_key("left", |s: &ProgressState, w: &mut dyn std::fmt::Write| {
                let _ = w.write_str(&short_duration(s.eta()));
            });
            bar.set_style(style);
            bar
        });
        Progress {
            log: !quiet && bar.is_none(),
            name_room: AtomicUsize::new(name_room),
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
            let room = self.name_room.load(Ordering::Relaxed);
            bar.set_message(shorten_middle(name, room));
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_shortened_from_the_middle() {
        let name = "corpus/sous-dossier/normandie-ptsm-2026.reportlab-incremental.pdf";
        let s = shorten_middle(name, 30);
        assert_eq!(s.chars().count(), 30, "{s}");
        assert!(
            s.starts_with("corpus/sous") && s.ends_with("incremental.pdf"),
            "{s}"
        );
        assert!(s.contains('…'));
        assert_eq!(shorten_middle("a.pdf", 30), "a.pdf");
        assert_eq!(shorten_middle("abcdef", 1), "…");
    }

    #[test]
    fn the_line_leaves_room_for_a_name_at_80_columns() {
        let (bar, room) = layout(80, 10_000);
        assert_eq!(bar, 20);
        assert!(room >= 15, "{room}");
        let (_, room) = layout(120, 10_000);
        assert!(room >= 40, "{room}");
        assert_eq!(short_duration(Duration::from_secs(65)), "1m05s");
        assert_eq!(short_duration(Duration::from_secs(3 * 3600 + 420)), "3h07m");
    }
}
