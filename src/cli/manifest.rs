//! `OUT/.ptsm-manifest.jsonl`: what each input became, so that a rerun can
//! skip the inputs whose content, tool version and options have not changed.
//!
//! One JSON object per line, appended (in input order) as soon as an
//! input's output is in place. Appending one short line per input keeps a
//! killed run's progress: the output is renamed into place *before* its
//! line is written, so a line always describes a complete output; an input
//! whose line was lost is simply converted again. A torn last line (killed
//! mid-write) is ignored on load. At the end of an unsharded run the file is
//! rewritten, sorted and with one line per input, through an atomic rename.
//! Sharded runs only append (several processes may share `OUT`; each line is
//! one `write` on a file opened in append mode).

use std::collections::{BTreeMap, HashMap};
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

pub const MANIFEST_NAME: &str = ".ptsm-manifest.jsonl";

/// Error kinds that depend on the moment rather than on the input: a rerun
/// tries such files again instead of replaying the recorded failure.
const TRANSIENT_KINDS: &[&str] = &["timeout", "panic", "io", "output", "memory"];

/// What one document contributed, kept so that the summary of a rerun that
/// skips files still counts them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocStats {
    /// PDF pages; a text file counts as one page.
    pub pages: u64,
    pub territories: u64,
    /// Top-level working groups and actions listed (sub-items not counted).
    pub working_groups: u64,
    pub actions: u64,
    pub warnings: BTreeMap<String, u64>,
    /// The first and last pages a PDF's budget left unread (they are
    /// always the last pages), when some were.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pages_not_read: Option<[u32; 2]>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorRecord {
    pub kind: String,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// The input's output name (see `inputs`).
    pub input: String,
    pub sha256: String,
    /// `ptsm` version and schema version that produced the output.
    pub tool: String,
    /// Fingerprint of the options that change the result (the password).
    pub options: String,
    /// `text` or `pdf`.
    pub format: String,
    pub bytes: u64,
    #[serde(default)]
    pub stats: DocStats,
    /// `None` when the output was written.
    #[serde(default)]
    pub error: Option<ErrorRecord>,
}

impl Entry {
    /// Whether a rerun may reuse this entry for an input of hash `sha256`.
    fn reusable(&self, sha256: &str, tool: &str, options: &str, out_exists: bool) -> bool {
        if self.sha256 != sha256 || self.tool != tool || self.options != options {
            return false;
        }
        match &self.error {
            None => out_exists,
            Some(e) => !TRANSIENT_KINDS.contains(&e.kind.as_str()),
        }
    }
}

pub struct Manifest {
    path: PathBuf,
    entries: HashMap<String, Entry>,
    file: Option<File>,
}

impl Manifest {
    /// Loads `OUT/.ptsm-manifest.jsonl` if present (unreadable lines are
    /// ignored: at worst the input is converted again) and opens it for
    /// appending.
    pub fn open(out: &Path) -> std::io::Result<Manifest> {
        let path = out.join(MANIFEST_NAME);
        if std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink()) {
            return Err(std::io::Error::other(format!(
                "{} is a symbolic link: ptsm never writes through a link in its output folder; \
                 remove it",
                path.display()
            )));
        }
        let mut entries = HashMap::new();
        let mut torn = false;
        match std::fs::read(&path) {
            Ok(bytes) => {
                torn = !bytes.is_empty() && !bytes.ends_with(b"\n");
                for line in bytes.split(|&b| b == b'\n') {
                    if let Ok(e) = serde_json::from_slice::<Entry>(line) {
                        entries.insert(e.input.clone(), e);
                    }
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e),
        }
        let mut options = OpenOptions::new();
        options.create(true).append(true);
        #[cfg(target_os = "linux")]
        {
            // Never appended through a link planted under its name.
            use std::os::unix::fs::OpenOptionsExt;
            options.custom_flags(rustix::fs::OFlags::NOFOLLOW.bits() as i32);
        }
        let mut file = options.open(&path)?;
        if torn {
            // End the torn line so that the next entry starts on its own.
            file.write_all(b"\n")?;
        }
        Ok(Manifest {
            path,
            entries,
            file: Some(file),
        })
    }

    /// The recorded entry for `name`, when it is still valid.
    pub fn lookup(
        &self,
        name: &str,
        sha256: &str,
        tool: &str,
        options: &str,
        out_exists: impl FnOnce() -> bool,
    ) -> Option<&Entry> {
        let e = self.entries.get(name)?;
        let exists = e.error.is_none() && out_exists();
        e.reusable(sha256, tool, options, exists).then_some(e)
    }

    pub fn record(&mut self, entry: Entry) -> std::io::Result<()> {
        if let Some(f) = self.file.as_mut() {
            // One `write` of the whole line: with `O_APPEND`, lines of
            // processes sharing the manifest do not interleave.
            let line = ptsm::output::json_line(&entry).map_err(std::io::Error::other)?;
            f.write_all(&line)?;
        }
        self.entries.insert(entry.input.clone(), entry);
        Ok(())
    }

    /// Rewrites the manifest sorted, one line per input.
    pub fn compact(mut self) -> std::io::Result<()> {
        self.file = None;
        let mut all: Vec<&Entry> = self.entries.values().collect();
        all.sort_by(|a, b| a.input.cmp(&b.input));
        ptsm::output::write_with(&self.path, true, |w| {
            for e in all {
                ptsm::output::write_json_line(e, &mut *w).map_err(std::io::Error::other)?;
            }
            Ok(())
        })
        .map_err(std::io::Error::other)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(input: &str, sha: &str, error: Option<&str>) -> Entry {
        Entry {
            input: input.into(),
            sha256: sha.into(),
            tool: "t".into(),
            options: "o".into(),
            format: "text".into(),
            bytes: 1,
            stats: DocStats::default(),
            error: error.map(|k| ErrorRecord {
                kind: k.into(),
                message: "m".into(),
            }),
        }
    }

    fn tmpdir(name: &str) -> PathBuf {
        let d = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("target/test-tmp/manifest")
            .join(name);
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    #[test]
    fn entry_is_reused_only_for_same_hash_tool_options_and_existing_output() {
        let e = entry("a.txt", "h", None);
        assert!(e.reusable("h", "t", "o", true));
        assert!(!e.reusable("h2", "t", "o", true));
        assert!(!e.reusable("h", "t2", "o", true));
        assert!(!e.reusable("h", "t", "o2", true));
        assert!(!e.reusable("h", "t", "o", false));
    }

    #[test]
    fn deterministic_failures_are_replayed_transient_ones_retried() {
        assert!(entry("a", "h", Some("corrupt")).reusable("h", "t", "o", false));
        assert!(!entry("a", "h", Some("timeout")).reusable("h", "t", "o", false));
        assert!(!entry("a", "h", Some("panic")).reusable("h", "t", "o", false));
    }

    #[test]
    fn torn_last_line_is_ignored_and_not_glued_to_the_next_entry() {
        let d = tmpdir("torn");
        let good = serde_json::to_string(&entry("a.txt", "h", None)).unwrap();
        std::fs::write(d.join(MANIFEST_NAME), format!("{good}\n{{\"input\":\"b.t")).unwrap();
        let mut m = Manifest::open(&d).unwrap();
        assert!(m.lookup("a.txt", "h", "t", "o", || true).is_some());
        assert!(m.lookup("b.txt", "h", "t", "o", || true).is_none());
        m.record(entry("c.txt", "h", None)).unwrap();
        drop(m);
        let m = Manifest::open(&d).unwrap();
        assert!(m.lookup("c.txt", "h", "t", "o", || true).is_some());
        m.compact().unwrap();
        let text = std::fs::read_to_string(d.join(MANIFEST_NAME)).unwrap();
        let inputs: Vec<String> = text
            .lines()
            .map(|l| serde_json::from_str::<Entry>(l).unwrap().input)
            .collect();
        assert_eq!(inputs, vec!["a.txt", "c.txt"]);
    }
}
