//! Memory: the budget of a batch (`--max-memory`), the share each input
//! is given, and what an allocation failure does to the batch.
//!
//! - **Budget.** The default is three quarters of the smallest memory limit
//!   the process has: physical memory, the cgroup's `memory.max` (v2) or
//!   `memory.limit_in_bytes` (v1), `ulimit -v` (address space, less 256 MB
//!   for thread stacks and allocator arenas, which count there but are
//!   mostly never touched) and `ulimit -d`.
//! - **Share.** Before converting an input, a worker reserves what the input
//!   may need at most ([`need`]): a fixed part plus a multiple of its size
//!   (measured, see `docs/reliability.md`). Reservations wait in turn until
//!   they fit in the budget, so that documents converted at once never need
//!   more together than the budget; an input that needs more than the whole
//!   budget is refused with a `memory` error, and the batch goes on.
//! - **Failure.** Should an allocation fail anyway (an estimate exceeded
//!   under a tight `ulimit -v`), Rust aborts the process, and the batch with
//!   it. The binary's allocator ([`Allocator`]) catches that case on the
//!   document threads only: the failing thread flags its document and
//!   sleeps for ever instead of returning, its worker records a `memory`
//!   error for that input and goes on with a new document thread. The
//!   memory that thread holds stays taken until ptsm exits, so under an
//!   address-space or data limit the batch keeps a *ballast* of 256 MB of
//!   address space ([`keep_ballast`], never touched, so never resident),
//!   which the failing thread gives back before it sleeps: room for the
//!   next document thread, its allocator arena and the batch's own records.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Condvar, Mutex};
use std::time::Duration;

use ptsm::model::SourceFormat;

const MB: u64 = 1 << 20;

/// What any document needs besides its own size: the pipeline's tables,
/// buffers, fonts, the thread's stack.
pub const BASE_NEED: u64 = 64 * MB;

/// Peak memory per byte of input, measured on pathological inputs (one
/// list item per line, the text of one repeated wide character, one long
/// line; see `docs/reliability.md`): 22.5 for a text of short list items,
/// whose JSON is five times its size, whose every line becomes an item
/// with its spans and whose every four bytes make a token of the
/// extractors' token layer; 16.7 for the sample releases. Rounded up.
pub const TEXT_FACTOR: u64 = 24;

/// For PDFs the size says little (a stream inflates up to the stream limit,
/// a page holds up to the glyph budget); this multiple covers every PDF of
/// the corpora at hand with room (the worst measured was about 8).
pub const PDF_FACTOR: u64 = 16;

/// For web pages: the DOM (html5ever's nodes, their attributes and text),
/// Readability's scores and copies, then the text pipeline. Measured 23 ×
/// (the slope from 1 to 4 MB of a page of paragraphs and lists: 57 MB →
/// 127 MB, see `docs/reliability.md`); a page denser in tags has more
/// nodes per byte, hence the margin.
pub const HTML_FACTOR: u64 = 32;

/// Peak memory per byte of input for `format`.
pub fn factor(format: SourceFormat) -> u64 {
    match format {
        SourceFormat::Text => TEXT_FACTOR,
        SourceFormat::Pdf => PDF_FACTOR,
        SourceFormat::Html => HTML_FACTOR,
    }
}

/// What converting an input of `size` bytes may need at most.
pub fn need(size: u64, format: SourceFormat) -> u64 {
    BASE_NEED.saturating_add(size.saturating_mul(factor(format)))
}

/// `n` bytes for a human: `1.5 GB`, `300 MB`.
pub fn human(n: u64) -> String {
    if n >= 1 << 30 {
        format!("{:.1} GB", n as f64 / (1u64 << 30) as f64)
    } else {
        format!("{} MB", n.div_ceil(MB))
    }
}

/// Parses `--max-memory`: bytes, or a number with `K`, `M`, `G` or `T`
/// (powers of 1024, an optional `B` or `iB` after them).
pub fn parse_size(s: &str) -> Result<u64, String> {
    let upper = s.trim().to_ascii_uppercase();
    let t = upper.as_str();
    let t = t
        .strip_suffix("IB")
        .or_else(|| t.strip_suffix('B'))
        .unwrap_or(t);
    let (digits, unit) = match t.char_indices().find(|(_, c)| c.is_ascii_alphabetic()) {
        Some((i, _)) => t.split_at(i),
        None => (t, ""),
    };
    let shift = match unit {
        "" => 0,
        "K" => 10,
        "M" => 20,
        "G" => 30,
        "T" => 40,
        _ => {
            return Err(format!(
                "{s:?}: expected a size such as 4G, 512M or 1500000000"
            ))
        }
    };
    let v: f64 = digits
        .trim()
        .parse()
        .map_err(|_| format!("{s:?}: expected a size such as 4G, 512M or 1500000000"))?;
    if !(v.is_finite() && v > 0.0) {
        return Err(format!("{s:?}: the size must be positive"));
    }
    Ok((v * (1u64 << shift) as f64) as u64)
}

/// The default budget and what it was derived from.
pub fn default_budget() -> (u64, String) {
    let mut limits: Vec<(u64, String)> = Vec::new();
    if let Some(ram) = meminfo_total() {
        limits.push((ram, "physical memory".into()));
    }
    if let Some(c) = cgroup_limit() {
        limits.push((c, "the cgroup's memory limit".into()));
    }
    for (v, what) in rlimits() {
        limits.push((v, what));
    }
    match limits.into_iter().min_by_key(|l| l.0) {
        Some((v, what)) => (v / 4 * 3, format!("3/4 of {what} ({})", human(v))),
        None => (4 << 30, "fixed default (no limit could be read)".into()),
    }
}

fn meminfo_total() -> Option<u64> {
    let text = std::fs::read_to_string("/proc/meminfo").ok()?;
    let line = text.lines().find(|l| l.starts_with("MemTotal:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

fn cgroup_limit() -> Option<u64> {
    let own = std::fs::read_to_string("/proc/self/cgroup").ok()?;
    let mut best: Option<u64> = None;
    for line in own.lines() {
        let mut parts = line.splitn(3, ':');
        let (_, controllers, path) = (parts.next()?, parts.next()?, parts.next()?);
        let file = if controllers.is_empty() {
            format!("/sys/fs/cgroup{path}/memory.max")
        } else if controllers.split(',').any(|c| c == "memory") {
            format!("/sys/fs/cgroup/memory{path}/memory.limit_in_bytes")
        } else {
            continue;
        };
        let v = std::fs::read_to_string(&file)
            .ok()
            .and_then(|t| t.trim().parse::<u64>().ok());
        // "max", or v1's "no limit" (a huge number), means none.
        if let Some(v) = v.filter(|&v| v < 1 << 60) {
            best = Some(best.map_or(v, |b| b.min(v)));
        }
    }
    best
}

#[cfg(target_os = "linux")]
fn rlimits() -> Vec<(u64, String)> {
    use rustix::process::{getrlimit, Resource};
    let mut out = Vec::new();
    if let Some(v) = getrlimit(Resource::As).current {
        // Address space counts reservations that are mostly never touched.
        out.push((
            v.saturating_sub(256 * MB),
            "the address-space limit (ulimit -v) less 256 MB".into(),
        ));
    }
    if let Some(v) = getrlimit(Resource::Data).current {
        out.push((v, "the data-size limit (ulimit -d)".into()));
    }
    out
}

#[cfg(not(target_os = "linux"))]
fn rlimits() -> Vec<(u64, String)> {
    Vec::new()
}

/// The batch's memory budget: reservations are granted in the order they
/// are asked for, each once the ones granted before leave room for it (a
/// large input is not passed over for ever by small ones).
pub struct Budget {
    total: u64,
    state: Mutex<State>,
    turn: Condvar,
}

#[derive(Default)]
struct State {
    used: u64,
    next_ticket: u64,
    serving: u64,
}

/// Memory reserved for one document, given back when dropped.
pub struct Reservation<'a> {
    budget: &'a Budget,
    bytes: u64,
}

impl Budget {
    pub fn new(total: u64) -> Budget {
        Budget {
            total,
            state: Mutex::new(State::default()),
            turn: Condvar::new(),
        }
    }

    pub fn total(&self) -> u64 {
        self.total
    }

    /// Waits until `bytes` fit, then reserves them; `None` when they never
    /// can (more than the whole budget).
    pub fn reserve(&self, bytes: u64) -> Option<Reservation<'_>> {
        if bytes > self.total {
            return None;
        }
        let mut st = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let ticket = st.next_ticket;
        st.next_ticket += 1;
        while st.serving != ticket || st.used + bytes > self.total {
            st = self.turn.wait(st).unwrap_or_else(|e| e.into_inner());
        }
        st.serving += 1;
        st.used += bytes;
        drop(st);
        // The next ticket may fit too.
        self.turn.notify_all();
        Some(Reservation {
            budget: self,
            bytes,
        })
    }
}

impl Drop for Reservation<'_> {
    fn drop(&mut self) {
        let mut st = self.budget.state.lock().unwrap_or_else(|e| e.into_inner());
        st.used = st.used.saturating_sub(self.bytes);
        drop(st);
        self.budget.turn.notify_all();
    }
}

/// Address space given back by a document thread whose allocation failed.
const BALLAST_BYTES: usize = 256 << 20;

static BALLAST: std::sync::atomic::AtomicPtr<u8> =
    std::sync::atomic::AtomicPtr::new(std::ptr::null_mut());

fn ballast_layout() -> Layout {
    Layout::from_size_align(BALLAST_BYTES, 4096).unwrap_or(Layout::new::<u8>())
}

/// Reserves the ballast (see the module comment) when the process has an
/// address-space or data limit: there an allocation fails when the limit
/// is reached, and the rest of the batch needs room after it. Without such
/// a limit memory runs out differently (the kernel's OOM killer), and no
/// ballast helps.
pub fn keep_ballast() {
    #[cfg(target_os = "linux")]
    {
        use rustix::process::{getrlimit, Resource};
        let limited = getrlimit(Resource::As).current.is_some()
            || getrlimit(Resource::Data).current.is_some();
        if limited && BALLAST.load(Ordering::SeqCst).is_null() {
            // SAFETY: a valid layout of non-zero size; freed only by
            // `release_ballast`, with the same layout.
            let p = unsafe { System.alloc(ballast_layout()) };
            BALLAST.store(p, Ordering::SeqCst);
        }
    }
}

/// Gives the ballast back (once).
fn release_ballast() {
    let p = BALLAST.swap(std::ptr::null_mut(), Ordering::SeqCst);
    if !p.is_null() {
        // SAFETY: allocated by `keep_ballast` with this layout, and taken
        // out of `BALLAST` by this swap only.
        unsafe { System.dealloc(p, ballast_layout()) };
    }
}

thread_local! {
    /// Set on document threads: the flag their worker watches.
    static OOM_FLAG: Cell<*const AtomicBool> = const { Cell::new(std::ptr::null()) };
}

/// Marks the current thread as a document thread whose allocation failures
/// set `flag` (which must live as long as the thread: the caller keeps an
/// `Arc` of it in the thread).
pub fn watch_this_thread(flag: &AtomicBool) {
    OOM_FLAG.with(|f| f.set(flag as *const AtomicBool));
}

/// What the allocator does when the system allocator returns null: on a
/// document thread, flag it and never return (see the module comment);
/// elsewhere, return, and Rust's usual abort follows.
#[cold]
fn allocation_failed() {
    let flag = OOM_FLAG.try_with(Cell::get).unwrap_or(std::ptr::null());
    if flag.is_null() {
        return;
    }
    release_ballast();
    // SAFETY: set by `watch_this_thread` from a reference that the thread
    // itself keeps alive.
    unsafe { (*flag).store(true, Ordering::SeqCst) };
    loop {
        // No allocation in here: `sleep` is a system call.
        std::thread::sleep(Duration::from_secs(3600));
    }
}

/// The system allocator, with [`allocation_failed`] on failure.
pub struct Allocator;

// SAFETY: every call is passed on to `System` unchanged; only a null result
// is looked at.
unsafe impl GlobalAlloc for Allocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if p.is_null() {
            allocation_failed();
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc_zeroed(layout) };
        if p.is_null() {
            allocation_failed();
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if p.is_null() {
            allocation_failed();
        }
        p
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[test]
    fn sizes_parse_with_units() {
        assert_eq!(parse_size("4G"), Ok(4 << 30));
        assert_eq!(parse_size("512M"), Ok(512 << 20));
        assert_eq!(parse_size("1.5GiB"), Ok(3 << 29));
        assert_eq!(parse_size("1000"), Ok(1000));
        assert_eq!(parse_size("2 gb"), Ok(2 << 30));
        assert!(parse_size("0").is_err());
        assert!(parse_size("lots").is_err());
        assert!(parse_size("3X").is_err());
    }

    #[test]
    fn need_grows_with_the_size() {
        assert!(need(200 * MB, SourceFormat::Text) > need(MB, SourceFormat::Text));
        assert_eq!(need(0, SourceFormat::Pdf), BASE_NEED);
    }

    #[test]
    fn default_budget_is_below_physical_memory() {
        let (b, what) = default_budget();
        assert!(b > 0, "{what}");
        if let Some(ram) = meminfo_total() {
            assert!(b <= ram, "{what}");
        }
    }

    /// Reservations beyond the budget wait for room; one over the whole
    /// budget is refused at once.
    #[test]
    fn reservations_wait_for_room_and_oversized_ones_are_refused() {
        let budget = Arc::new(Budget::new(100));
        assert!(budget.reserve(101).is_none());
        let first = budget.reserve(70).unwrap();
        let b2 = Arc::clone(&budget);
        let (tx, rx) = std::sync::mpsc::channel();
        let t = std::thread::spawn(move || {
            let r = b2.reserve(50).unwrap();
            tx.send(()).unwrap();
            drop(r);
        });
        assert!(rx.recv_timeout(Duration::from_millis(200)).is_err());
        drop(first);
        rx.recv_timeout(Duration::from_secs(10)).unwrap();
        t.join().unwrap();
        let all = budget.reserve(100).unwrap();
        drop(all);
    }
}
