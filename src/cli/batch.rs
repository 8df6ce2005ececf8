//! The batch engine behind `ptsm extract … -o OUT` and `--jsonl`.
//!
//! - `jobs` worker threads (a rayon pool) take inputs in order from a shared
//!   counter; each converts one document at a time and writes its JSON
//!   (atomically, streamed into a temporary file) as soon as it is done, so
//!   memory holds at most one document per worker.
//! - Results go through a bounded reorder buffer so that everything written
//!   in sequence (`--jsonl`, `errors.jsonl`, the manifest) comes out in input
//!   order whatever the number of threads. A worker that runs too far ahead
//!   of the oldest unfinished input waits: the buffer never holds more than
//!   `4 × jobs + 16` results.
//! - Each worker converts its documents on a document thread of its own
//!   (big stack), under `catch_unwind`, and waits at most `--timeout`
//!   seconds for each, reading included when the input is a pipe. A thread
//!   cannot be killed in Rust: one that runs over is *abandoned* (recorded
//!   as a `timeout` error; it goes on using a core until it ends or the
//!   process exits, and its result is dropped, never written), and the
//!   worker starts a new document thread for the next input. Keeping the
//!   thread from one document to the next saves starting a thread and
//!   mapping its stack per document.
//! - Memory: each input reserves what it may need from the batch's budget
//!   before it is converted (see `memory`); one that can never fit is
//!   refused, and an allocation failure on a document thread fails that
//!   document only.
//! - A full disk stops the run: no further input is taken, the bookkeeping
//!   files of the previous run are left whole, and the message names the
//!   disk; a rerun then finishes the work (see `outdir` for the lock that
//!   keeps two runs from mixing their records).

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufWriter, Read, Seek, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use anyhow::Context;
use ptsm::model::{Document, SourceFormat};
use ptsm::output::PendingFile;

use super::args::Shard;
use super::inputs::{Input, Skipped};
use super::manifest::{DocStats, Entry, ErrorRecord, Manifest};
use super::memory::{self, Budget};
use super::names::terminal;
use super::outdir::OutDir;
use super::progress::Progress;
use super::summary::{Outcome, Summary};

/// Stack of the per-document thread: parsers recurse (bounded by the
/// ingest depth limits), so give them room. Only touched pages are mapped.
const DOC_STACK: usize = 32 * 1024 * 1024;

/// How often a worker waiting for its document thread looks at the
/// thread's allocation-failure flag.
const OOM_POLL: Duration = Duration::from_millis(100);

pub struct Config {
    pub out: Option<PathBuf>,
    /// `--jsonl FILE`, `-` for standard output.
    pub jsonl: Option<PathBuf>,
    pub jobs: usize,
    pub timeout: Option<Duration>,
    pub force: bool,
    pub quiet: bool,
    pub shard: Option<Shard>,
    pub options: ptsm::Options,
    /// The memory budget of the batch (`--max-memory`), and where its
    /// value comes from (for messages).
    pub max_memory: (u64, String),
    /// `--compact`: each output file is one line of JSON.
    pub compact: bool,
    /// What the folder walks did not take: counted in the summary, and the
    /// files of a format ptsm does not read listed in `errors.jsonl`.
    pub walk_skipped: Vec<Skipped>,
}

/// A finished input, waiting for its turn in the ordered writers.
struct Done {
    outcome: Outcome,
    entry: Entry,
    display: String,
    /// The document as one JSON line for `--jsonl`.
    jsonl: Option<Spool>,
    /// The outcome comes from the manifest (an up-to-date output, or a
    /// failure that would happen again): nothing new to record.
    replayed: bool,
    /// The input failed because the disk is full: the run stops, and the
    /// failure is not recorded (a rerun converts the input).
    disk_full: bool,
}

/// Everything written in input order, behind one lock.
struct Sink {
    taken: usize,
    next: usize,
    /// Workers waiting in [`Shared::take`] for room in the reorder buffer:
    /// `push` wakes them only then (a wake is a system call each time).
    waiting: usize,
    pending: BTreeMap<usize, Done>,
    manifest: Option<Manifest>,
    /// The lines of `errors.jsonl`, written (atomically) at the end.
    errors: Option<Vec<u8>>,
    jsonl: Option<Box<dyn Write + Send>>,
    summary: Summary,
    /// First failure of a bookkeeping writer: reported at the end.
    write_error: Option<String>,
    /// Why the run stopped early (a full disk), if it did.
    stopped: Option<String>,
}

struct Shared<'a> {
    inputs: &'a [Input],
    cfg: &'a Config,
    out: Option<&'a OutDir>,
    options: Arc<ptsm::Options>,
    tool: String,
    options_fp: String,
    window: usize,
    budget: Budget,
    sink: Mutex<Sink>,
    turn: Condvar,
    /// Set when the run must stop (a full disk): no new input is taken.
    stopping: AtomicBool,
    progress: Progress,
}

pub fn run(inputs: Vec<Input>, cfg: &Config) -> anyhow::Result<ExitCode> {
    let start = Instant::now();
    let suffix = cfg
        .shard
        .map(|s| format!(".{}-of-{}", s.k, s.n))
        .unwrap_or_default();
    let out_dir = match &cfg.out {
        Some(out) => Some(OutDir::open(out, cfg.shard.is_some(), cfg.quiet)?),
        None => None,
    };
    let mut manifest = None;
    if let Some(out) = &out_dir {
        out.remove_stale_temporaries();
        manifest = Some(
            Manifest::open(&out.root)
                .with_context(|| format!("cannot open the manifest in {}", out.root.display()))?,
        );
    }
    let jsonl: Option<Box<dyn Write + Send>> = match &cfg.jsonl {
        None => None,
        Some(p) if p.as_os_str() == "-" => Some(Box::new(BufWriter::new(std::io::stdout()))),
        Some(p) => {
            let f = File::create(p).with_context(|| format!("cannot create {}", p.display()))?;
            Some(Box::new(BufWriter::new(f)))
        }
    };

    let jobs = cfg.jobs.max(1);
    // Each worker's runner gets its share of the cores: with as many
    // workers as cores, a runner is one thread and a document runs on it
    // alone (idle pool threads waiting for work cost a batch of small files
    // 13 %, and the cores are busy with other files anyway).
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    RUNNER_THREADS.store((cores / jobs).max(1), Ordering::Relaxed);
    // The build identity matters only to the manifest.
    let tool = if cfg.out.is_some() {
        super::tool_id()
    } else {
        super::tool_version()
    };
    let mut summary = Summary::new(tool.clone(), jobs);
    summary.add_walk_skipped(&cfg.walk_skipped);
    let shared = Shared {
        inputs: &inputs,
        cfg,
        out: out_dir.as_ref(),
        options: Arc::new(cfg.options.clone()),
        tool,
        options_fp: options_fingerprint(&cfg.options, cfg.compact),
        window: 4 * jobs + 16,
        budget: Budget::new(cfg.max_memory.0),
        sink: Mutex::new(Sink {
            taken: 0,
            next: 0,
            waiting: 0,
            pending: BTreeMap::new(),
            manifest,
            errors: out_dir
                .as_ref()
                .map(|_| unsupported_lines(&cfg.walk_skipped)),
            jsonl,
            summary,
            write_error: None,
            stopped: None,
        }),
        turn: Condvar::new(),
        stopping: AtomicBool::new(false),
        progress: Progress::new(inputs.len(), cfg.quiet),
    };

    install_panic_hook();
    memory::keep_ballast();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .thread_name(|i| format!("ptsm-worker-{i}"))
        .build()
        .context("cannot start the worker threads")?;
    pool.scope(|s| {
        for _ in 0..jobs {
            s.spawn(|_| worker(&shared));
        }
    });
    shared.progress.finish();
    if let Some(out) = &out_dir {
        // The outputs were written without an fsync each: flush them before
        // the manifest that lists them is rewritten.
        if let Err(e) = sync_folder(&out.root) {
            eprintln!(
                "ptsm: cannot flush {} to disk: {e}",
                terminal(&out.root.display().to_string())
            );
        }
    }

    let sink = shared
        .sink
        .into_inner()
        .map_err(|_| anyhow::anyhow!("internal error: a worker panicked outside a document"))?;
    let Sink {
        manifest,
        errors,
        jsonl,
        mut summary,
        mut write_error,
        stopped,
        ..
    } = sink;
    let mut note = |r: std::io::Result<()>, what: &str| {
        if let Err(e) = r {
            write_error.get_or_insert(format!("{what}: {e}"));
        }
    };
    if let Some(mut j) = jsonl {
        note(j.flush(), "--jsonl");
    }
    if let Some(reason) = stopped {
        // The records of the previous run stay as they were, whole: this
        // run's are incomplete. The manifest already lists every output in
        // place (its lines are appended as they are written).
        summary.finish(start.elapsed());
        if !cfg.quiet {
            eprintln!("{}", summary.human());
        }
        eprintln!("ptsm: {reason}");
        return Ok(ExitCode::from(1));
    }
    if let (Some(out), Some(errors)) = (&out_dir, errors) {
        let path = out.root.join(format!("errors{suffix}.jsonl"));
        note(
            ptsm::output::write_atomic(&path, &errors).map_err(std::io::Error::other),
            "errors.jsonl",
        );
    }
    if let Some(m) = manifest {
        // Sharded runs may share OUT with other processes appending to the
        // manifest: rewriting it could drop their lines.
        if cfg.shard.is_none() {
            note(m.compact(), "manifest");
        }
    }
    summary.finish(start.elapsed());
    if let Some(out) = &out_dir {
        let path = out.root.join(format!("summary{suffix}.json"));
        note(
            ptsm::output::write_with(&path, true, |w| {
                serde_json::to_writer_pretty(&mut *w, &summary).map_err(std::io::Error::other)?;
                w.write_all(b"\n")
            })
            .map_err(std::io::Error::other),
            "summary.json",
        );
    }
    if !cfg.quiet {
        eprintln!("{}", summary.human());
    }
    if let Some(e) = write_error {
        eprintln!("ptsm: {}", terminal(&e));
        return Ok(ExitCode::from(1));
    }
    Ok(if summary.files.failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn worker(shared: &Shared) {
    let mut runner: Option<Runner> = None;
    let mut buffers = Buffers::default();
    while let Some(i) = shared.take() {
        let Some(input) = shared.inputs.get(i) else {
            break;
        };
        shared.progress.start_file(&terminal(&input.display));
        // Last resort: the document itself runs under catch_unwind in
        // `run_isolated`; this one guards our own bookkeeping so that a
        // bug there still yields a result for the input and the batch ends.
        let done = catch_unwind(AssertUnwindSafe(|| {
            process_one(shared, &mut runner, &mut buffers, input)
        }))
        .unwrap_or_else(|p| failure(shared, input, "", 0, "panic", panic_message(&*p)));
        // Kept for the next input, unless one big input made them big: a
        // worker keeps at most a few megabytes between inputs.
        buffers.trim();
        let failed = done.outcome == Outcome::Failed;
        if failed && !done.disk_full {
            if let Some(e) = &done.entry.error {
                shared.progress.println(&format!(
                    "{}: {}",
                    terminal(&done.display),
                    terminal(&e.message)
                ));
            }
        }
        shared.progress.finish_file(done.entry.stats.pages, failed);
        shared.push(i, done);
    }
}

impl Shared<'_> {
    /// The next input index, waiting while the reorder buffer is full;
    /// `None` at the end, or once the run is stopping.
    fn take(&self) -> Option<usize> {
        let mut sink = self.sink.lock().ok()?;
        while sink.taken < self.inputs.len()
            && sink.taken - sink.next >= self.window
            && !self.stopping.load(Ordering::Relaxed)
        {
            sink.waiting += 1;
            sink = self.turn.wait(sink).ok()?;
            sink.waiting -= 1;
        }
        if sink.taken >= self.inputs.len() || self.stopping.load(Ordering::Relaxed) {
            return None;
        }
        sink.taken += 1;
        Some(sink.taken - 1)
    }

    fn push(&self, i: usize, done: Done) {
        let Ok(mut sink) = self.sink.lock() else {
            return;
        };
        if done.disk_full {
            self.stop(&mut sink);
        }
        sink.pending.insert(i, done);
        loop {
            let next = sink.next;
            let Some(done) = sink.pending.remove(&next) else {
                break;
            };
            if sink.emit(done) {
                self.stop(&mut sink);
            }
            sink.next += 1;
        }
        let wake = sink.waiting > 0 || self.stopping.load(Ordering::Relaxed);
        drop(sink);
        if wake {
            self.turn.notify_all();
        }
    }

    /// Stops the run: a disk is full.
    fn stop(&self, sink: &mut Sink) {
        if sink.stopped.is_none() {
            let disk = self
                .out
                .map_or_else(|| "the disk".to_string(), OutDir::disk);
            sink.stopped = Some(format!(
                "no space left on {disk}: the run stopped after {} of {} input(s); the outputs \
                 written are kept, and errors.jsonl and summary.json are those of the previous run. \
                 Free some space and run the same command again to finish",
                sink.next,
                self.inputs.len()
            ));
        }
        self.stopping.store(true, Ordering::Relaxed);
    }

    fn lookup(&self, input: &Input, sha: &str, out: &Path) -> Option<Entry> {
        let sink = self.sink.lock().ok()?;
        let m = sink.manifest.as_ref()?;
        // An empty output is a file whose data never reached the disk (a
        // crash before the end-of-batch flush): converted again.
        m.lookup(&input.name, sha, &self.tool, &self.options_fp, || {
            std::fs::metadata(input.output_path(out)).is_ok_and(|m| m.is_file() && m.len() > 0)
        })
        .cloned()
    }
}

impl Sink {
    /// Writes `done` to the ordered outputs; true when a disk is full.
    fn emit(&mut self, done: Done) -> bool {
        if done.disk_full || self.stopped.is_some() && done.outcome == Outcome::Failed {
            // Not a property of the input, and this run's records are not
            // written: a rerun takes it up.
            return false;
        }
        self.summary.add(done.outcome, &done.entry, done.replayed);
        let mut errs: Vec<std::io::Error> = Vec::new();
        let mut whats = Vec::new();
        if let (Some(buf), Some(e)) = (self.errors.as_mut(), &done.entry.error) {
            let line = ErrorLine {
                path: &done.display,
                input: &done.entry.input,
                kind: &e.kind,
                message: &e.message,
            };
            if let Err(e) = ptsm::output::write_json_line(&line, &mut *buf) {
                errs.push(std::io::Error::other(e));
                whats.push("errors.jsonl");
            }
        }
        if let (Some(w), Some(spool)) = (self.jsonl.as_mut(), done.jsonl) {
            if let Err(e) = spool.copy_to(w) {
                errs.push(e);
                whats.push("--jsonl");
            }
        }
        if !done.replayed && !done.entry.sha256.is_empty() {
            if let Some(m) = self.manifest.as_mut() {
                if let Err(e) = m.record(done.entry) {
                    errs.push(e);
                    whats.push("manifest");
                }
            }
        }
        let mut full = false;
        for (e, what) in errs.into_iter().zip(whats) {
            full |= ptsm::output::is_disk_full(&e);
            self.write_error.get_or_insert(format!("{what}: {e}"));
        }
        full
    }
}

/// One line of `errors.jsonl`.
#[derive(serde::Serialize)]
struct ErrorLine<'a> {
    path: &'a str,
    input: &'a str,
    kind: &'a str,
    message: &'a str,
}

/// The files of a format ptsm does not read that the folder walks met, as
/// `errors.jsonl` lines of kind `unsupported_format`, ahead of the inputs'
/// own: nothing a walk leaves out is silent. They are not inputs, so they
/// do not fail the run (a file of such a format named on the command line
/// does).
fn unsupported_lines(skipped: &[Skipped]) -> Vec<u8> {
    let mut out = Vec::new();
    for s in skipped.iter().filter(|s| s.reason == "unsupported_format") {
        let name = Path::new(&s.path)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let what = ptsm::ingest::unsupported::format(&name, &[])
            .unwrap_or_else(|| "this format".to_string());
        let line = ErrorLine {
            path: &s.path,
            input: &s.path,
            kind: "unsupported_format",
            message: &format!("unsupported format: {what}; skipped in the folder"),
        };
        // Into a Vec: cannot fail.
        let _ = ptsm::output::write_json_line(&line, &mut out);
    }
    out
}

/// One input, start to finish.
fn process_one(
    shared: &Shared,
    runner: &mut Option<Runner>,
    buffers: &mut Buffers,
    input: &Input,
) -> Done {
    let cfg = shared.cfg;
    let deadline = cfg.timeout.map(|t| Instant::now() + t);
    let limit = shared.options.ingest.max_file_bytes;
    // Only a regular file can be found up to date: a pipe is read once.
    let (bytes, regular) = match open_input(input, limit, std::mem::take(&mut buffers.input)) {
        Ok(Opened::Bytes(b)) => (b, true),
        Ok(Opened::Stream(reader)) => {
            // A pipe may never end: read on the document thread, within
            // the time limit.
            let read = run_isolated(runner, deadline, move || {
                read_bounded(reader, limit, Vec::new())
            });
            match read {
                Ok(b) => (b, false),
                Err(e) => return failure_from(shared, input, "", 0, e),
            }
        }
        Err(e) => return failure_from(shared, input, "", e.size, e.error),
    };
    let sha = ptsm::sha256_hex(&bytes);
    let want_jsonl = cfg.jsonl.is_some();

    if let (Some(out), false, true) = (shared.out, cfg.force, regular) {
        if let Some(entry) = shared.lookup(input, &sha, &out.root) {
            let jsonl = if want_jsonl && entry.error.is_none() {
                // The stream must hold every document, converted or not.
                match compact_existing(&input.output_path(&out.root)) {
                    Some(line) => Some(line),
                    None => {
                        return convert_and_write(
                            shared, runner, buffers, input, bytes, sha, deadline,
                        )
                    }
                }
            } else {
                None
            };
            // A recorded failure is replayed as a failure: the file still
            // needs attention, and the exit code must say so.
            let outcome = if entry.error.is_some() {
                Outcome::Failed
            } else {
                Outcome::Skipped
            };
            buffers.input = bytes;
            return Done {
                outcome,
                entry,
                display: input.display.clone(),
                jsonl,
                replayed: true,
                disk_full: false,
            };
        }
    }
    convert_and_write(shared, runner, buffers, input, bytes, sha, deadline)
}

#[allow(clippy::too_many_arguments)]
fn convert_and_write(
    shared: &Shared,
    runner: &mut Option<Runner>,
    buffers: &mut Buffers,
    input: &Input,
    bytes: Vec<u8>,
    sha: String,
    deadline: Option<Instant>,
) -> Done {
    let size = bytes.len() as u64;
    let sniffed = ptsm::ingest::sniff(&input.display, &bytes);
    let format = format_name(sniffed);
    let need = memory::need(size, sniffed);
    let Some(_reservation) = shared.budget.reserve(need) else {
        let message = format!(
            "needs up to {} of memory ({} + {} × its {} as {format}), over the batch's budget of \
             {} (--max-memory; default {}); not converted",
            memory::human(need),
            memory::human(memory::BASE_NEED),
            memory::factor(sniffed),
            memory::human(size),
            memory::human(shared.budget.total()),
            shared.cfg.max_memory.1,
        );
        buffers.input = bytes;
        return failure(shared, input, &sha, size, "memory", message);
    };
    let dest = match shared.out {
        Some(out) => {
            let path = input.output_path(&out.root);
            if let Err(message) = out.prepare(&path) {
                buffers.input = bytes;
                return failure(shared, input, &sha, size, "output", message);
            }
            Some(path)
        }
        None => None,
    };
    let job = ConvertJob {
        name: input.display.clone(),
        buffers: Buffers {
            input: bytes,
            json: std::mem::take(&mut buffers.json),
        },
        sha256: sha.clone(),
        options: Arc::clone(&shared.options),
        dest,
        want_jsonl: shared.cfg.jsonl.is_some(),
        compact: shared.cfg.compact,
    };
    let c = match run_isolated(runner, deadline, move || convert(job)) {
        Ok(c) => c,
        Err(e) => return failure_from(shared, input, &sha, size, e),
    };
    let Converted {
        buffers: back,
        pending,
        compact,
        stats,
    } = c;
    // Kept for the next document (see `worker`).
    *buffers = back;
    if let Some(p) = pending {
        // On Linux without an fsync per file (a journal commit each, more
        // than the conversion costs): the whole output folder is flushed
        // once by [`sync_folder`] at the end of the batch.
        if let Err(e) = p.commit(!cfg!(target_os = "linux")) {
            let full = matches!(&e, ptsm::error::OutputError::Write { source, .. } if ptsm::output::is_disk_full(source));
            let mut d = failure(shared, input, &sha, size, "output", e.to_string());
            d.disk_full = full;
            return d;
        }
    }
    Done {
        outcome: Outcome::Converted,
        entry: Entry {
            input: input.name.clone(),
            sha256: sha,
            tool: shared.tool.clone(),
            options: shared.options_fp.clone(),
            format: format.into(),
            bytes: size,
            stats,
            error: None,
        },
        display: input.display.clone(),
        jsonl: compact,
        replayed: false,
        disk_full: false,
    }
}

fn failure(
    shared: &Shared,
    input: &Input,
    sha: &str,
    bytes: u64,
    kind: &str,
    message: String,
) -> Done {
    let format = format_name(ptsm::ingest::sniff(&input.display, &[]));
    Done {
        outcome: Outcome::Failed,
        entry: Entry {
            input: input.name.clone(),
            sha256: sha.into(),
            tool: shared.tool.clone(),
            options: shared.options_fp.clone(),
            format: format.into(),
            bytes,
            stats: DocStats::default(),
            error: Some(ErrorRecord {
                kind: kind.into(),
                message,
            }),
        },
        display: input.display.clone(),
        jsonl: None,
        replayed: false,
        disk_full: false,
    }
}

fn failure_from(shared: &Shared, input: &Input, sha: &str, bytes: u64, e: ConvertError) -> Done {
    let mut d = failure(shared, input, sha, bytes, &e.kind, e.message);
    d.disk_full = e.disk_full;
    d
}

/// An input opened for reading.
enum Opened {
    /// A regular file (or standard input's bytes), read.
    Bytes(Vec<u8>),
    /// A pipe (a FIFO named on the command line, standard input): to be
    /// read on the document thread, under the time limit.
    Stream(Box<dyn Read + Send>),
}

struct OpenError {
    error: ConvertError,
    size: u64,
}

/// Opens an input and reads it into `buf` (emptied first; the previous
/// input's, so that no buffer is allocated per file) when it is a regular
/// file. The type and size are checked *before* reading: a regular file
/// over the size limit is refused from its metadata, a device (`/dev/zero`)
/// or a folder is refused, a FIFO is opened without blocking (opening one
/// waits for a writer) and handed back to be read with a bound and a time
/// limit.
fn open_input(input: &Input, limit: u64, mut buf: Vec<u8>) -> Result<Opened, OpenError> {
    buf.clear();
    let Some(path) = &input.path else {
        return Ok(Opened::Stream(Box::new(std::io::stdin())));
    };
    let fail = |e: ptsm::IngestError, size: u64| OpenError {
        error: ConvertError {
            kind: e.kind().into(),
            message: e.to_string(),
            disk_full: false,
        },
        size,
    };
    let (mut f, kind, size) = ptsm::ingest::open_file(path).map_err(|e| fail(e, 0))?;
    match kind {
        ptsm::ingest::FileKind::Regular => {}
        ptsm::ingest::FileKind::Pipe => return Ok(Opened::Stream(Box::new(f))),
    }
    if size > limit {
        return Err(fail(ptsm::IngestError::TooLarge { size, limit }, size));
    }
    buf.reserve(usize::try_from(size).unwrap_or(0));
    // Bounded even here: the file may grow while it is read.
    (&mut f)
        .take(limit.saturating_add(1))
        .read_to_end(&mut buf)
        .map_err(|e| fail(ptsm::IngestError::Io(e), size))?;
    if buf.len() as u64 > limit {
        let size = buf.len() as u64;
        return Err(fail(ptsm::IngestError::TooLarge { size, limit }, size));
    }
    Ok(Opened::Bytes(buf))
}

/// Reads `r` into `buf` up to `limit` bytes; more is a `too_large` error.
fn read_bounded(
    mut r: Box<dyn Read + Send>,
    limit: u64,
    mut buf: Vec<u8>,
) -> Result<Vec<u8>, ConvertError> {
    let err = |e: ptsm::IngestError| ConvertError {
        kind: e.kind().into(),
        message: e.to_string(),
        disk_full: false,
    };
    (&mut r)
        .take(limit.saturating_add(1))
        .read_to_end(&mut buf)
        .map_err(|e| err(ptsm::IngestError::Io(e)))?;
    if buf.len() as u64 > limit {
        return Err(err(ptsm::IngestError::TooLarge {
            size: buf.len() as u64,
            limit,
        }));
    }
    Ok(buf)
}

/// Flushes the filesystem of `dir` to disk (`syncfs`).
#[cfg(target_os = "linux")]
fn sync_folder(dir: &Path) -> std::io::Result<()> {
    let f = File::open(dir)?;
    rustix::fs::syncfs(&f).map_err(std::io::Error::from)
}

/// Elsewhere every output was flushed as it was written.
#[cfg(not(target_os = "linux"))]
fn sync_folder(_dir: &Path) -> std::io::Result<()> {
    Ok(())
}

fn format_name(f: SourceFormat) -> &'static str {
    match f {
        SourceFormat::Text => "text",
        SourceFormat::Pdf => "pdf",
        SourceFormat::Html => "html",
    }
}

/// What the document thread is given to convert one input.
struct ConvertJob {
    name: String,
    buffers: Buffers,
    sha256: String,
    options: Arc<ptsm::Options>,
    /// Where the JSON goes (`None`: only `--jsonl`).
    dest: Option<PathBuf>,
    want_jsonl: bool,
    /// `--compact`: the file is one line of JSON.
    compact: bool,
}

/// A converted document, written but not yet in place.
struct Converted {
    buffers: Buffers,
    /// The JSON in its temporary file, renamed into place by the worker
    /// (never by the document thread: a document abandoned after its time
    /// limit must not appear).
    pending: Option<PendingFile>,
    compact: Option<Spool>,
    stats: DocStats,
}

/// A worker's buffers for an input and its JSON, passed to the document
/// thread and back with each document: no input- or JSON-sized buffer
/// (100 to 250 KB) is allocated per file, nor freed by the other thread
/// (a large free across threads locks the allocating thread's arena and
/// consolidates it).
#[derive(Default)]
struct Buffers {
    input: Vec<u8>,
    json: Vec<u8>,
}

/// Capacity a worker's buffer keeps between documents at most.
const KEPT_BUFFER: usize = 8 << 20;

/// The JSON of a large document goes to its file in chunks of this size:
/// memory holds at most this much of it.
const JSON_CHUNK: usize = 1 << 20;

/// Normalized text (bytes) past which a document's JSON is streamed to its
/// file in chunks; below, it is made whole in memory (at most some
/// megabytes: the JSON is a small multiple of the text) and written in one
/// call, the faster way.
const STREAM_OVER: usize = 1 << 20;

impl Buffers {
    /// Drops a buffer grown over [`KEPT_BUFFER`] by one large document.
    fn trim(&mut self) {
        for b in [&mut self.input, &mut self.json] {
            if b.capacity() > KEPT_BUFFER {
                *b = Vec::new();
            }
        }
    }
}

/// A JSON line for `--jsonl`, kept until its turn in input order: in
/// memory, or past [`SPOOL_IN_MEMORY`] in an unnamed temporary file.
enum Spool {
    Mem(Vec<u8>),
    File(File),
}

/// The largest `--jsonl` line kept in memory while it waits for its turn.
const SPOOL_IN_MEMORY: usize = 8 << 20;

impl Spool {
    /// Writes the line to `w`.
    fn copy_to(self, w: &mut dyn Write) -> std::io::Result<()> {
        match self {
            Spool::Mem(b) => w.write_all(&b),
            Spool::File(mut f) => {
                f.rewind()?;
                std::io::copy(&mut f, w).map(|_| ())
            }
        }
    }
}

/// Writes a [`Spool`].
struct SpoolWriter {
    mem: Vec<u8>,
    file: Option<File>,
}

impl SpoolWriter {
    fn new() -> Self {
        SpoolWriter {
            mem: Vec::new(),
            file: None,
        }
    }

    fn finish(mut self) -> std::io::Result<Spool> {
        match self.file.take() {
            Some(mut f) => {
                f.write_all(&self.mem)?;
                Ok(Spool::File(f))
            }
            None => Ok(Spool::Mem(self.mem)),
        }
    }
}

impl Write for SpoolWriter {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.mem.extend_from_slice(bytes);
        if self.mem.len() >= SPOOL_IN_MEMORY {
            let f = match self.file.as_mut() {
                Some(f) => f,
                None => self.file.insert(tempfile::tempfile()?),
            };
            f.write_all(&self.mem)?;
            self.mem.clear();
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[derive(Debug)]
struct ConvertError {
    kind: String,
    message: String,
    /// The error is a full disk (the run stops).
    disk_full: bool,
}

/// A worker's document threads: a small rayon pool (its share of the cores)
/// that runs the worker's
/// documents one after the other, so that a batch does not start a thread
/// (and map a 32 MB stack) per document. A long document spreads its pages
/// and extractors over the pool's other threads (see `ptsm::par`), which
/// are document threads too: an allocation failure on any of them flags
/// the document, and a panic is the document's. A document that runs over
/// the time limit, or whose allocation failed, keeps its runner: the worker
/// abandons both, and the next document gets a new one.
/// Threads of each runner's pool (see [`run`]).
static RUNNER_THREADS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(1);

struct Runner {
    pool: rayon::ThreadPool,
    /// Set by the allocator when an allocation of one of the threads failed.
    oom: Arc<AtomicBool>,
}

impl Runner {
    fn start() -> std::io::Result<Runner> {
        let oom = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&oom);
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(RUNNER_THREADS.load(Ordering::Relaxed))
            .thread_name(|_| "ptsm-doc".into())
            .stack_size(DOC_STACK)
            .start_handler(move |_| {
                // `flag` lives as long as the pool's threads: the pool
                // keeps this handler until its last thread ends.
                memory::watch_this_thread(&flag);
                IN_DOCUMENT.with(|f| f.set(true));
            })
            .build()
            .map_err(std::io::Error::other)?;
        Ok(Runner { pool, oom })
    }
}

/// Runs `job` on the worker's document thread (`runner`, started if
/// needed), under `catch_unwind`, waiting for it until `deadline` at most.
fn run_isolated<T: Send + 'static>(
    runner: &mut Option<Runner>,
    deadline: Option<Instant>,
    job: impl FnOnce() -> Result<T, ConvertError> + Send + 'static,
) -> Result<T, ConvertError> {
    let (tx, rx) = mpsc::sync_channel(1);
    let wrapped = move || {
        let r = catch_unwind(AssertUnwindSafe(job));
        let r = r.unwrap_or_else(|p| {
            Err(ConvertError {
                kind: "panic".into(),
                message: panic_message(&*p),
                disk_full: false,
            })
        });
        // The receiver is gone when the worker gave up on us: the result
        // (and any temporary file it holds) is dropped here.
        let _ = tx.send(r);
    };
    let r = match runner.take() {
        Some(r) => r,
        None => Runner::start().map_err(|e| ConvertError {
            kind: "io".into(),
            message: format!("cannot start a thread: {e}"),
            disk_full: false,
        })?,
    };
    r.pool.spawn(wrapped);
    *runner = Some(r);
    loop {
        let wait = match deadline {
            Some(d) => d.saturating_duration_since(Instant::now()).min(OOM_POLL),
            None => OOM_POLL,
        };
        match rx.recv_timeout(wait) {
            Ok(r) => return r,
            Err(mpsc::RecvTimeoutError::Timeout) => {}
            Err(mpsc::RecvTimeoutError::Disconnected) => return Err(lost()),
        }
        if runner
            .as_ref()
            .is_some_and(|r| r.oom.load(Ordering::SeqCst))
        {
            // The thread sleeps for ever inside the allocator.
            *runner = None;
            return Err(ConvertError {
                kind: "memory".into(),
                message: "an allocation failed (out of memory): the document was not converted; \
                          the memory it took stays in use until ptsm exits"
                    .into(),
                disk_full: false,
            });
        }
        if let Some(d) = deadline {
            if Instant::now() >= d {
                // The runner stays with the document it is stuck on.
                *runner = None;
                return Err(ConvertError {
                    kind: "timeout".into(),
                    message: "gave up after the time limit (--timeout); the file was not converted"
                        .into(),
                    disk_full: false,
                });
            }
        }
    }
}

fn lost() -> ConvertError {
    ConvertError {
        kind: "panic".into(),
        message: "internal error: the document thread ended without a result".into(),
        disk_full: false,
    }
}

fn convert(job: ConvertJob) -> Result<Converted, ConvertError> {
    let ConvertJob {
        name,
        mut buffers,
        sha256,
        options,
        dest,
        want_jsonl,
        compact,
    } = job;
    fault_injection(&name);
    // A large input is given away, to be freed once read (the worker would
    // not keep its buffer anyway); a small one is lent and kept for the
    // next document.
    let processed = if buffers.input.capacity() > KEPT_BUFFER {
        ptsm::process_owned(&name, std::mem::take(&mut buffers.input), sha256, &options)
    } else {
        ptsm::process_bytes_hashed(&name, &buffers.input, sha256, &options)
    }
    .map_err(|e| ConvertError {
        kind: e.kind().into(),
        message: e.source.to_string(),
        disk_full: false,
    })?;
    // What the JSON does not need goes before it is written.
    let doc = processed.document;
    let text_len = processed.norm.text.len();
    drop(processed.norm);
    let out_err = |e: ptsm::error::OutputError| {
        let disk_full = match &e {
            ptsm::error::OutputError::Write { source, .. } => ptsm::output::is_disk_full(source),
            ptsm::error::OutputError::Json(j) => j.io_error_kind().is_some_and(|k| {
                matches!(
                    k,
                    std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded
                )
            }),
        };
        ConvertError {
            kind: "output".into(),
            message: e.to_string(),
            disk_full,
        }
    };
    // Whether `buffers.json` holds the document's JSON line.
    let mut made_line = false;
    let pending = match &dest {
        Some(dest) => {
            let mut p = PendingFile::create(dest).map_err(out_err)?;
            let write_err = |e: std::io::Error| {
                out_err(ptsm::error::OutputError::Write {
                    path: dest.clone(),
                    source: e,
                })
            };
            if text_len <= STREAM_OVER {
                // The usual document: its JSON (a few times its text) made
                // in the worker's buffer and written in one call, which
                // costs less than serializing through a chunking writer.
                if compact {
                    ptsm::output::to_json_compact_into(&doc, &mut buffers.json)
                } else {
                    ptsm::output::to_json_into(&doc, &mut buffers.json)
                }
                .map_err(out_err)?;
                p.file().write_all(&buffers.json).map_err(write_err)?;
                made_line = compact;
            } else {
                let mut w = ptsm::output::Chunked::new(&mut buffers.json, p.file(), JSON_CHUNK);
                if compact {
                    ptsm::output::write_json_line(&doc, &mut w)
                } else {
                    ptsm::output::write_json(&doc, &mut w)
                }
                .map_err(out_err)?;
                w.finish().map_err(write_err)?;
            }
            Some(p)
        }
        None => None,
    };
    let line = match (want_jsonl, made_line) {
        (false, _) => None,
        // The file's line is the stream's line.
        (true, true) => Some(Spool::Mem(buffers.json.clone())),
        (true, false) => {
            let mut w = SpoolWriter::new();
            ptsm::output::write_json_line(&doc, &mut w).map_err(out_err)?;
            Some(w.finish().map_err(|e| ConvertError {
                kind: "output".into(),
                message: format!("cannot keep the --jsonl line: {e}"),
                disk_full: false,
            })?)
        }
    };
    Ok(Converted {
        buffers,
        pending,
        compact: line,
        stats: stats_of(&doc),
    })
}

/// The pages a PDF's budget left unread, `[first, last]` (the warning
/// names the first; they run to the end of the document).
pub fn pages_not_read(doc: &Document) -> Option<[u32; 2]> {
    let w = doc
        .warnings
        .iter()
        .find(|w| w.code == ptsm::ingest::pdf::interp::PAGES_NOT_READ)?;
    let first = w.span.as_ref()?.page?;
    Some([first, doc.source.pages.unwrap_or(first).max(first)])
}

pub fn stats_of(doc: &Document) -> DocStats {
    let mut warnings = BTreeMap::new();
    for w in &doc.warnings {
        *warnings.entry(w.code.clone()).or_default() += 1;
    }
    DocStats {
        pages: doc.source.pages.map_or(1, u64::from),
        territories: doc.territories.len() as u64,
        working_groups: doc
            .territories
            .iter()
            .map(|t| t.working_groups.len() as u64)
            .sum(),
        actions: doc.territories.iter().map(|t| t.actions.len() as u64).sum(),
        warnings,
        pages_not_read: pages_not_read(doc),
    }
}

/// The existing output as one JSON line, copied as it is read (a large
/// document is never held whole), or `None` if it cannot be read.
fn compact_existing(path: &Path) -> Option<Spool> {
    let f = File::open(path).ok()?;
    let mut de = serde_json::Deserializer::from_reader(std::io::BufReader::new(f));
    let mut w = SpoolWriter::new();
    {
        let mut ser = serde_json::Serializer::with_formatter(&mut w, ptsm::output::LineStyle);
        serde_transcode::transcode(&mut de, &mut ser).ok()?;
    }
    de.end().ok()?;
    w.write_all(b"\n").ok()?;
    w.finish().ok()
}

/// What in the options changes the output of a document. The password is
/// hashed: the manifest must not hold it. `--compact` changes the bytes
/// written (not the document), so switching form converts again.
fn options_fingerprint(o: &ptsm::Options, compact: bool) -> String {
    let mut ingest = o.ingest.clone();
    ingest.password = ingest.password.map(|p| ptsm::sha256_hex(p.as_bytes()));
    let form = if compact { " compact" } else { "" };
    let h = ptsm::sha256_hex(format!("{ingest:?}{form}").as_bytes());
    h.get(..16).unwrap_or(&h).to_string()
}

thread_local! {
    static IN_DOCUMENT: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    static PANIC_AT: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Panics inside a document are reported as that document's error (with
/// their location); the default hook would also print them, interleaved
/// with the progress output. Panics elsewhere keep the default behaviour.
fn install_panic_hook() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if IN_DOCUMENT.with(|f| f.get()) {
                let at = info
                    .location()
                    .map(|l| format!("{}:{}", l.file(), l.line()));
                PANIC_AT.with(|p| *p.borrow_mut() = at);
            } else {
                default(info);
            }
        }));
    });
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    let msg = payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".into());
    let at = PANIC_AT.with(|p| p.borrow_mut().take());
    match at {
        Some(at) => format!("internal error (panic at {at}): {msg}"),
        None => format!("internal error (panic): {msg}"),
    }
}

/// Test hook, compiled only into the builds of the tests (the
/// `fault-injection` feature, or `cfg(test)`): with `PTSM_FAULT_INJECTION=1`
/// in the environment, an input whose name contains `ptsm-fault-panic`
/// panics and one containing `ptsm-fault-hang` sleeps for an hour, so that
/// the tests can exercise isolation on the real binary. In the product
/// (`cargo build`, `cargo install`) names never mean anything.
#[cfg(any(test, feature = "fault-injection"))]
fn fault_injection(name: &str) {
    // Read once: `getenv` takes a lock and walks the environment, per file.
    static ON: std::sync::LazyLock<bool> = std::sync::LazyLock::new(|| {
        std::env::var_os("PTSM_FAULT_INJECTION").is_some_and(|v| v == "1")
    });
    if !*ON {
        return;
    }
    if name.contains("ptsm-fault-panic") {
        panic!("injected fault");
    }
    if name.contains("ptsm-fault-hang") {
        std::thread::sleep(Duration::from_secs(3600));
    }
}

#[cfg(not(any(test, feature = "fault-injection")))]
#[inline(always)]
fn fault_injection(_name: &str) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn password_changes_the_fingerprint_and_is_not_stored() {
        let plain = ptsm::Options::default();
        let mut with = ptsm::Options::default();
        with.ingest.password = Some("secret".into());
        let a = options_fingerprint(&plain, false);
        let b = options_fingerprint(&with, false);
        assert_ne!(a, b);
        assert!(!b.contains("secret"));
        assert_eq!(a, options_fingerprint(&ptsm::Options::default(), false));
        assert_ne!(a, options_fingerprint(&plain, true));
    }

    fn job(name: &str) -> ConvertJob {
        ConvertJob {
            name: name.into(),
            buffers: Buffers {
                input: b"Bonjour".to_vec(),
                json: Vec::new(),
            },
            sha256: ptsm::sha256_hex(b"Bonjour"),
            options: Arc::new(ptsm::Options::default()),
            dest: None,
            want_jsonl: true,
            compact: false,
        }
    }

    #[test]
    fn isolated_conversion_reports_a_timeout_and_returns() {
        std::env::set_var("PTSM_FAULT_INJECTION", "1");
        let t = Instant::now();
        let j = job("x-ptsm-fault-hang.txt");
        let r = run_isolated(
            &mut None,
            Some(Instant::now() + Duration::from_millis(200)),
            move || convert(j),
        );
        let err = r.err().map(|e| e.kind);
        assert_eq!(err.as_deref(), Some("timeout"));
        assert!(t.elapsed() < Duration::from_secs(5));
    }

    #[test]
    fn isolated_conversion_turns_a_panic_into_an_error() {
        std::env::set_var("PTSM_FAULT_INJECTION", "1");
        install_panic_hook();
        let j = job("x-ptsm-fault-panic.txt");
        let r = run_isolated(
            &mut None,
            Some(Instant::now() + Duration::from_secs(30)),
            move || convert(j),
        );
        let e = r.err().expect("a panic must become an error");
        assert_eq!(e.kind, "panic");
        assert!(e.message.contains("injected fault"), "{}", e.message);
    }

    /// A pipe that never ends is given up at the time limit: reading is
    /// covered by it.
    #[test]
    fn reading_a_stalled_pipe_times_out() {
        let (r, w) = std::io::pipe().unwrap();
        let t = Instant::now();
        let got = run_isolated(
            &mut None,
            Some(Instant::now() + Duration::from_millis(300)),
            move || read_bounded(Box::new(r), 1 << 20, Vec::new()),
        );
        assert_eq!(got.err().map(|e| e.kind).as_deref(), Some("timeout"));
        assert!(t.elapsed() < Duration::from_secs(5));
        drop(w);
    }

    #[test]
    fn reading_is_bounded() {
        let zeros = std::io::repeat(0).take(10_000);
        let got = read_bounded(Box::new(zeros), 1000, Vec::new());
        assert_eq!(got.err().map(|e| e.kind).as_deref(), Some("too_large"));
    }

    /// The jsonl line of a converted document and the one copied from its
    /// output file on a rerun are the same bytes.
    #[test]
    fn jsonl_line_of_an_existing_output_is_the_converted_line() {
        let text = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/corpus/meuse-ctsm-2023.txt"
        ))
        .unwrap();
        let doc = ptsm::process_bytes("meuse.txt", &text, &ptsm::Options::default())
            .unwrap()
            .document;
        let d = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/test-tmp/batch-jsonl");
        std::fs::create_dir_all(&d).unwrap();
        let path = d.join("meuse.txt.json");
        let mut f = File::create(&path).unwrap();
        ptsm::output::write_json(&doc, &mut f).unwrap();
        drop(f);
        let mut direct = Vec::new();
        ptsm::output::write_json_line(&doc, &mut direct).unwrap();
        let mut copied = Vec::new();
        compact_existing(&path)
            .unwrap()
            .copy_to(&mut copied)
            .unwrap();
        assert_eq!(
            String::from_utf8(copied).unwrap(),
            String::from_utf8(direct).unwrap()
        );
    }

    #[test]
    fn a_long_jsonl_line_is_spooled_to_a_file_and_read_back_whole() {
        let mut w = SpoolWriter::new();
        let chunk = vec![b'x'; 1 << 20];
        for _ in 0..10 {
            w.write_all(&chunk).unwrap();
        }
        w.write_all(b"\n").unwrap();
        let spool = w.finish().unwrap();
        assert!(matches!(spool, Spool::File(_)));
        let mut out = Vec::new();
        spool.copy_to(&mut out).unwrap();
        assert_eq!(out.len(), (10 << 20) + 1);
    }
}
