//! The end-of-batch summary, printed on stderr and written as
//! `OUT/summary.json`.
//!
//! Counts cover every input of the run, including those skipped because
//! their output was up to date (their numbers come from the manifest).
//! Rates cover only the work done in this run (inputs converted or failed
//! now, not those skipped or whose failure was replayed), over the wall
//! time of the run.

use std::collections::BTreeMap;
use std::time::Duration;

use serde::Serialize;

use super::inputs::Skipped;
use super::manifest::{DocStats, Entry};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Converted,
    Skipped,
    Failed,
}

#[derive(Debug, Default, Clone, Serialize, PartialEq, Eq)]
pub struct OutcomeCounts {
    pub total: u64,
    pub converted: u64,
    /// Up to date in `OUT`: not converted again.
    pub skipped: u64,
    /// Failed, in this run or (replayed from the manifest) in an earlier
    /// run on the same content.
    pub failed: u64,
}

impl OutcomeCounts {
    fn add(&mut self, o: Outcome) {
        self.total += 1;
        match o {
            Outcome::Converted => self.converted += 1,
            Outcome::Skipped => self.skipped += 1,
            Outcome::Failed => self.failed += 1,
        }
    }
}

#[derive(Debug, Default, Clone, Serialize)]
pub struct Summary {
    pub tool: String,
    pub files: OutcomeCounts,
    pub by_format: BTreeMap<String, OutcomeCounts>,
    pub pages: u64,
    pub bytes: u64,
    pub territories: u64,
    pub working_groups: u64,
    pub actions: u64,
    pub warnings_by_code: BTreeMap<String, u64>,
    /// Pages of PDFs left unread because a document's budget was spent
    /// (see the `pdf_pages_not_read` warnings): how many, and which, by
    /// input (`"1551-3000"`).
    pub pages_not_read: u64,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub pages_not_read_by_file: BTreeMap<String, String>,
    pub errors_by_kind: BTreeMap<String, u64>,
    /// Failures counted above that were replayed from the manifest (the
    /// same content failed in an earlier run and was not tried again).
    pub replayed_failures: u64,
    /// Entries the folder walks skipped, by why: `unsupported_format`
    /// (office documents, images, archives; also listed in `errors.jsonl`),
    /// `not_a_document`, `saved_page_files`, and the links and special
    /// files: symbolic links to folders, link loops, broken links, special
    /// files, unreadable folders, and with `--no-follow-symlinks` every link.
    pub skipped_paths: SkippedPaths,
    pub jobs: usize,
    pub wall_seconds: f64,
    /// Work done in this run (inputs read and converted or failed now).
    pub processed: Processed,
}

#[derive(Debug, Default, Clone, Serialize)]
pub struct SkippedPaths {
    pub total: u64,
    pub by_reason: BTreeMap<String, u64>,
    /// The first [`MAX_SKIPPED_LISTED`] of them, in walk order.
    pub paths: Vec<Skipped>,
}

/// Skipped entries named one by one in `summary.json` at most.
pub const MAX_SKIPPED_LISTED: usize = 1000;

#[derive(Debug, Default, Clone, Serialize)]
pub struct Processed {
    pub files: u64,
    pub pages: u64,
    pub bytes: u64,
    pub files_per_second: f64,
    pub pages_per_second: f64,
    pub mb_per_second: f64,
}

impl Summary {
    pub fn new(tool: String, jobs: usize) -> Self {
        Summary {
            tool,
            jobs,
            ..Summary::default()
        }
    }

    /// Counts and names what the folder walks skipped.
    pub fn add_walk_skipped(&mut self, skipped: &[Skipped]) {
        let s = &mut self.skipped_paths;
        for k in skipped {
            s.total += 1;
            *s.by_reason.entry(k.reason.to_string()).or_default() += 1;
            if s.paths.len() < MAX_SKIPPED_LISTED {
                s.paths.push(k.clone());
            }
        }
    }

    /// Adds one input, described by its manifest entry.
    pub fn add(&mut self, outcome: Outcome, entry: &Entry, replayed: bool) {
        self.files.add(outcome);
        self.by_format
            .entry(entry.format.clone())
            .or_default()
            .add(outcome);
        let DocStats {
            pages,
            territories,
            working_groups,
            actions,
            warnings,
            pages_not_read,
        } = &entry.stats;
        if let Some([first, last]) = *pages_not_read {
            self.pages_not_read += u64::from(last.saturating_sub(first)) + 1;
            self.pages_not_read_by_file
                .insert(entry.input.clone(), format!("{first}-{last}"));
        }
        self.pages += pages;
        self.bytes += entry.bytes;
        self.territories += territories;
        self.working_groups += working_groups;
        self.actions += actions;
        for (code, n) in warnings {
            *self.warnings_by_code.entry(code.clone()).or_default() += n;
        }
        if let Some(e) = &entry.error {
            *self.errors_by_kind.entry(e.kind.clone()).or_default() += 1;
            if replayed {
                self.replayed_failures += 1;
            }
        }
        if !replayed {
            self.processed.files += 1;
            self.processed.pages += pages;
            self.processed.bytes += entry.bytes;
        }
    }

    pub fn finish(&mut self, wall: Duration) {
        let s = wall.as_secs_f64();
        self.wall_seconds = round3(s);
        if s > 0.0 {
            let p = &mut self.processed;
            p.files_per_second = round3(p.files as f64 / s);
            p.pages_per_second = round3(p.pages as f64 / s);
            p.mb_per_second = round3(p.bytes as f64 / 1e6 / s);
        }
    }

    /// Two or three lines for a human.
    pub fn human(&self) -> String {
        let f = &self.files;
        let p = &self.processed;
        let mut s = format!(
            "ptsm: {} file(s): {} converted, {} up to date, {} failed; \
             {} page(s), {} territories, {} working group(s), {} action(s)\n\
             ptsm: {:.2} s, {:.1} files/s, {:.1} pages/s, {:.2} MB/s ({} job(s))",
            f.total,
            f.converted,
            f.skipped,
            f.failed,
            self.pages,
            self.territories,
            self.working_groups,
            self.actions,
            self.wall_seconds,
            p.files_per_second,
            p.pages_per_second,
            p.mb_per_second,
            self.jobs,
        );
        if self.pages_not_read > 0 {
            let files: Vec<String> = self
                .pages_not_read_by_file
                .iter()
                .map(|(f, pages)| format!("{f} pages {pages}"))
                .collect();
            s.push_str(&format!(
                "\nptsm: {} page(s) not read (a document's budget was spent): {}",
                self.pages_not_read,
                files.join(", ")
            ));
        }
        if !self.errors_by_kind.is_empty() {
            let kinds: Vec<String> = self
                .errors_by_kind
                .iter()
                .map(|(k, n)| format!("{k} {n}"))
                .collect();
            s.push_str(&format!("\nptsm: errors by kind: {}", kinds.join(", ")));
        }
        if self.skipped_paths.total > 0 {
            let reasons: Vec<String> = self
                .skipped_paths
                .by_reason
                .iter()
                .map(|(k, n)| format!("{k} {n}"))
                .collect();
            s.push_str(&format!(
                "\nptsm: {} path(s) skipped in folders ({}), named in summary.json",
                self.skipped_paths.total,
                reasons.join(", ")
            ));
        }
        s
    }
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::manifest::ErrorRecord;

    fn entry(format: &str, pages: u64, error: Option<&str>) -> Entry {
        let mut warnings = BTreeMap::new();
        warnings.insert("count_mismatch".to_string(), 2);
        Entry {
            input: "x".into(),
            sha256: "h".into(),
            tool: "t".into(),
            options: "o".into(),
            format: format.into(),
            bytes: 1_000_000,
            stats: DocStats {
                pages,
                territories: 1,
                working_groups: 3,
                actions: 4,
                warnings,
                pages_not_read: None,
            },
            error: error.map(|k| ErrorRecord {
                kind: k.into(),
                message: String::new(),
            }),
        }
    }

    #[test]
    fn skipped_files_count_in_totals_but_not_in_rates() {
        let mut s = Summary::new("t".into(), 2);
        s.add(Outcome::Converted, &entry("pdf", 3, None), false);
        s.add(Outcome::Skipped, &entry("pdf", 5, None), true);
        s.add(Outcome::Failed, &entry("text", 0, Some("encoding")), false);
        s.add(Outcome::Failed, &entry("text", 0, Some("empty")), true);
        s.finish(Duration::from_secs(2));
        assert_eq!(s.files.total, 4);
        assert_eq!(s.files.failed, 2);
        assert_eq!(s.by_format["pdf"].converted, 1);
        assert_eq!(s.by_format["pdf"].skipped, 1);
        assert_eq!(s.by_format["text"].failed, 2);
        assert_eq!(s.pages, 8);
        assert_eq!(s.warnings_by_code["count_mismatch"], 8);
        assert_eq!(s.errors_by_kind["encoding"], 1);
        assert_eq!(s.errors_by_kind["empty"], 1);
        assert_eq!(s.processed.files, 2);
        assert_eq!(s.processed.files_per_second, 1.0);
        assert_eq!(s.processed.pages_per_second, 1.5);
        assert_eq!(s.processed.mb_per_second, 1.0);
    }
}
