//! The output folder `OUT` of a batch: its lock, the confinement of
//! outputs inside it, the removal of a killed run's temporaries, and the
//! name of the disk it is on (for "disk full" messages).
//!
//! **Lock.** Two runs writing into one `OUT` at once would each rewrite the
//! manifest, `errors.jsonl` and `summary.json` from what they saw, and the
//! one finishing last would drop the other's records. A run therefore holds
//! a lock on `OUT/.ptsm-lock` (`flock`) for its whole length: an unsharded
//! run an exclusive one, so a second run *waits* for the first (saying so on
//! stderr) and then runs as a rerun would; a sharded run (`--shard K/N`) a
//! shared one, since shards only append to the manifest and each writes its
//! own `errors.K-of-N.jsonl` and `summary.K-of-N.json`. The kernel releases
//! the lock of a process that dies, even by `kill -9`.
//!
//! **Confinement.** Output names never hold `..` or a root (see `inputs`),
//! but a folder inside `OUT` may be a symbolic link planted to lead
//! elsewhere. Before the first output goes into a folder, each part of its
//! path under `OUT` is checked (without following links) to be a real folder,
//! and created if missing; a path through a symbolic link is refused. (The
//! check is made once per folder and a batch; a folder swapped for a link
//! during the run is not seen.)

use std::collections::HashSet;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use anyhow::Context;

use super::names::terminal;

pub const LOCK_NAME: &str = ".ptsm-lock";

pub struct OutDir {
    pub root: PathBuf,
    /// Folders under `root` already checked (and created).
    checked: Mutex<HashSet<PathBuf>>,
    /// Held for the whole run; the lock goes with the file.
    _lock: Option<File>,
    /// The run holds `OUT`'s lock alone: no other run can be writing there.
    exclusive: bool,
}

impl OutDir {
    /// Creates `root` if needed and takes its lock (shared for a sharded
    /// run), waiting for another run that holds it.
    pub fn open(root: &Path, shared: bool, quiet: bool) -> anyhow::Result<OutDir> {
        std::fs::create_dir_all(root)
            .with_context(|| format!("cannot create output folder {}", root.display()))?;
        let lock = lock(root, shared, quiet)
            .with_context(|| format!("cannot lock the output folder {}", root.display()))?;
        let mut checked = HashSet::new();
        checked.insert(root.to_path_buf());
        Ok(OutDir {
            root: root.to_path_buf(),
            checked: Mutex::new(checked),
            exclusive: !shared && lock.is_some(),
            _lock: lock,
        })
    }

    /// Makes sure the folder of `path` (a path under `root`) is a real
    /// folder inside `root`, creating what is missing; refuses a path that
    /// goes through a symbolic link or anything but a folder.
    pub fn prepare(&self, path: &Path) -> Result<(), String> {
        let Some(dir) = path.parent() else {
            return Ok(());
        };
        if self.is_checked(dir) {
            return Ok(());
        }
        let rel = dir
            .strip_prefix(&self.root)
            .map_err(|_| format!("{} is not inside {}", dir.display(), self.root.display()))?;
        let mut at = self.root.clone();
        for part in rel.components() {
            at.push(part);
            if self.is_checked(&at) {
                continue;
            }
            match std::fs::symlink_metadata(&at) {
                Ok(m) if m.is_dir() => {}
                Ok(m) if m.file_type().is_symlink() => {
                    let target = std::fs::canonicalize(&at)
                        .map(|t| format!(" (to {})", t.display()))
                        .unwrap_or_default();
                    return Err(format!(
                        "{} is a symbolic link{target}: an output there would be written outside \
                         the output folder; refused",
                        at.display()
                    ));
                }
                Ok(_) => {
                    return Err(format!(
                        "{} is not a folder: the output cannot be written under it",
                        at.display()
                    ))
                }
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    match std::fs::create_dir(&at) {
                        Ok(()) => {}
                        // Made meanwhile by another worker or run: checked again.
                        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                            if !std::fs::symlink_metadata(&at).is_ok_and(|m| m.is_dir()) {
                                return Err(format!("{} is not a folder", at.display()));
                            }
                        }
                        Err(e) => return Err(format!("cannot create {}: {e}", at.display())),
                    }
                }
                Err(e) => return Err(format!("{}: {e}", at.display())),
            }
            self.checked
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .insert(at.clone());
        }
        Ok(())
    }

    fn is_checked(&self, dir: &Path) -> bool {
        self.checked
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .contains(dir)
    }

    /// Removes temporary files left in `OUT` by a killed run
    /// ([`ptsm::output::PendingFile`] names them `.NAME.PID.RANDOM.tmp`).
    /// A run holding the exclusive lock removes every one but its own: no
    /// other run can be writing (the PID in the name is no proof: a killed
    /// run's PID may already belong to another process). A shard, whose
    /// lock is shared, spares those of a process still alive: a parallel
    /// shard may be writing into the same folder; liveness is read in
    /// `/proc`, and where there is none, nothing is removed. Symbolic links
    /// to folders are not followed; a link named like a temporary is removed
    /// (the link, not what it points to).
    pub fn remove_stale_temporaries(&self) {
        let proc = Path::new("/proc/self").exists();
        if !self.exclusive && !proc {
            return;
        }
        let me = std::process::id();
        let mut stack = vec![self.root.clone()];
        while let Some(dir) = stack.pop() {
            let Ok(rd) = std::fs::read_dir(&dir) else {
                continue;
            };
            for entry in rd.filter_map(Result::ok) {
                let path = entry.path();
                let Ok(ft) = entry.file_type() else { continue };
                if ft.is_dir() {
                    stack.push(path);
                    continue;
                }
                let name = entry.file_name().to_string_lossy().into_owned();
                let Some(pid) = ptsm::output::temp_owner(&name) else {
                    continue;
                };
                if pid != me && (self.exclusive || !Path::new(&format!("/proc/{pid}")).exists()) {
                    let _ = std::fs::remove_file(&path);
                }
            }
        }
    }

    /// "the disk holding OUT (/dev/vdb mounted on /data, 0 B free)", for
    /// the message of a run stopped by a full disk.
    pub fn disk(&self) -> String {
        let canon = std::fs::canonicalize(&self.root).unwrap_or_else(|_| self.root.clone());
        let mount = mount_of(&canon);
        let free = free_space(&self.root);
        let mut s = format!(
            "the disk holding {}",
            terminal(&self.root.display().to_string())
        );
        match (mount, free) {
            (Some((source, point, fstype)), free) => {
                s.push_str(&format!(
                    " ({} mounted on {}, {fstype}",
                    terminal(&source),
                    terminal(&point)
                ));
                if let Some(f) = free {
                    s.push_str(&format!(", {} free", super::memory::human(f)));
                }
                s.push(')');
            }
            (None, Some(f)) => s.push_str(&format!(" ({} free)", super::memory::human(f))),
            (None, None) => {}
        }
        s
    }
}

/// Takes the lock of `root`, waiting (with a message) while another run
/// holds it. `None` where locks are not supported (the run goes on).
#[cfg(target_os = "linux")]
fn lock(root: &Path, shared: bool, quiet: bool) -> std::io::Result<Option<File>> {
    use rustix::fs::{flock, FlockOperation};
    use std::os::unix::fs::OpenOptionsExt;
    let path = root.join(LOCK_NAME);
    let file = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .mode(0o666)
        // Never through a link planted under the lock's name.
        .custom_flags(rustix::fs::OFlags::NOFOLLOW.bits() as i32)
        .open(&path)?;
    let (now, wait) = if shared {
        (
            FlockOperation::NonBlockingLockShared,
            FlockOperation::LockShared,
        )
    } else {
        (
            FlockOperation::NonBlockingLockExclusive,
            FlockOperation::LockExclusive,
        )
    };
    match flock(&file, now) {
        Ok(()) => return Ok(Some(file)),
        Err(rustix::io::Errno::WOULDBLOCK) => {}
        // NFS without lock support and the like: go on without.
        Err(rustix::io::Errno::NOLCK | rustix::io::Errno::OPNOTSUPP | rustix::io::Errno::INVAL) => {
            if !quiet {
                eprintln!(
                    "ptsm: {}: locks are not supported here; make sure no other run writes into \
                     this folder at the same time",
                    terminal(&root.display().to_string())
                );
            }
            return Ok(None);
        }
        Err(e) => return Err(e.into()),
    }
    // Said even with --quiet: otherwise a waiting run looks hung.
    eprintln!(
        "ptsm: another ptsm run is writing into {}; waiting for it to finish",
        terminal(&root.display().to_string())
    );
    flock(&file, wait)?;
    Ok(Some(file))
}

#[cfg(not(target_os = "linux"))]
fn lock(_root: &Path, _shared: bool, _quiet: bool) -> std::io::Result<Option<File>> {
    Ok(None)
}

/// The mount holding `path` (canonical): source, mount point and
/// filesystem type, from `/proc/self/mountinfo` (the longest mount point
/// that is a prefix of `path`).
fn mount_of(path: &Path) -> Option<(String, String, String)> {
    let text = std::fs::read_to_string("/proc/self/mountinfo").ok()?;
    let mut best: Option<(usize, (String, String, String))> = None;
    for line in text.lines() {
        let fields: Vec<&str> = line.split(' ').collect();
        let point = unescape_mount(fields.get(4)?);
        let sep = fields.iter().position(|f| *f == "-")?;
        let fstype = fields.get(sep + 1).copied().unwrap_or_default().to_string();
        let source = unescape_mount(fields.get(sep + 2).copied().unwrap_or_default());
        if path.starts_with(&point) {
            let len = point.len();
            if best.as_ref().is_none_or(|(l, _)| len >= *l) {
                best = Some((len, (source, point, fstype)));
            }
        }
    }
    best.map(|b| b.1)
}

/// mountinfo writes space, tab, newline and backslash as `\ooo`.
fn unescape_mount(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        let oct = b
            .get(i + 1..i + 4)
            .filter(|d| d.iter().all(|c| (b'0'..=b'7').contains(c)));
        match (c, oct) {
            (b'\\', Some(d)) => {
                out.push(
                    d.iter()
                        .fold(0u8, |v, c| v.wrapping_mul(8).wrapping_add(c - b'0')),
                );
                i += 4;
            }
            _ => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(target_os = "linux")]
fn free_space(path: &Path) -> Option<u64> {
    let s = rustix::fs::statvfs(path).ok()?;
    Some(s.f_bavail.saturating_mul(s.f_frsize))
}

#[cfg(not(target_os = "linux"))]
fn free_space(_path: &Path) -> Option<u64> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tmpdir(name: &str) -> PathBuf {
        let d = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("target/test-tmp/outdir")
            .join(name);
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    #[test]
    fn mount_points_are_unescaped() {
        assert_eq!(unescape_mount("/mnt/a\\040b"), "/mnt/a b");
        assert_eq!(unescape_mount("/plain"), "/plain");
    }

    #[test]
    fn the_disk_of_a_folder_is_named() {
        let d = tmpdir("disk");
        let out = OutDir::open(&d, false, true).unwrap();
        let s = out.disk();
        assert!(s.contains("mounted on"), "{s}");
        assert!(s.contains("free"), "{s}");
    }

    #[cfg(unix)]
    #[test]
    fn a_folder_that_is_a_link_out_of_out_is_refused() {
        let d = tmpdir("confine");
        let out = d.join("out");
        let victim = d.join("victim");
        std::fs::create_dir_all(&victim).unwrap();
        let o = OutDir::open(&out, false, true).unwrap();
        std::os::unix::fs::symlink(&victim, out.join("sub")).unwrap();
        let err = o.prepare(&out.join("sub/a.txt.json")).unwrap_err();
        assert!(err.contains("symbolic link"), "{err}");
        o.prepare(&out.join("new/deeper/a.txt.json")).unwrap();
        assert!(out.join("new/deeper").is_dir());
        assert_eq!(std::fs::read_dir(&victim).unwrap().count(), 0);
    }
}
