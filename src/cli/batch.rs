//! The batch engine behind `ptsm extract … -o OUT` and `--jsonl`.
//!
//! - `jobs` worker threads (a rayon pool) take inputs in order from a shared
//!   counter; each converts one document at a time and writes its JSON
//!   (atomically) as soon as it is done, so memory holds at most one document
//!   per worker.
//! - Results go through a bounded reorder buffer so that everything written
//!   in sequence (`--jsonl`, `errors.jsonl`, the manifest) comes out in input
//!   order whatever the number of threads. A worker that runs too far ahead
//!   of the oldest unfinished input waits: the buffer never holds more than
//!   `4 × jobs + 16` results.
//! - Each worker converts its documents on a document thread of its own
//!   (big stack), under `catch_unwind`, and waits at most `--timeout`
//!   seconds for each. A thread cannot be killed in Rust: one that runs over
//!   is *abandoned* (recorded as a `timeout` error; it goes on using a core
//!   until it ends or the process exits, and its result is dropped, never
//!   written), and the worker starts a new document thread for the next
//!   input. Keeping the thread from one document to the next saves starting
//!   a thread and mapping its stack per document.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufWriter, Read, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc;
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use anyhow::Context;
use ptsm::model::{Document, SourceFormat};

use super::args::Shard;
use super::inputs::Input;
use super::manifest::{DocStats, Entry, ErrorRecord, Manifest};
use super::progress::Progress;
use super::summary::{Outcome, Summary};

/// Stack of the per-document thread: parsers recurse (bounded by the
/// ingest depth limits), so give them room. Only touched pages are mapped.
const DOC_STACK: usize = 32 * 1024 * 1024;

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
}

/// A finished input, waiting for its turn in the ordered writers.
struct Done {
    outcome: Outcome,
    entry: Entry,
    display: String,
    /// Compact JSON of the document for `--jsonl`.
    jsonl: Option<String>,
    /// The outcome comes from the manifest (an up-to-date output, or a
    /// failure that would happen again): nothing new to record.
    replayed: bool,
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
    errors: Option<BufWriter<File>>,
    jsonl: Option<Box<dyn Write + Send>>,
    summary: Summary,
    /// First failure of a bookkeeping writer: reported at the end.
    write_error: Option<String>,
}

struct Shared<'a> {
    inputs: &'a [Input],
    cfg: &'a Config,
    options: Arc<ptsm::Options>,
    tool: String,
    options_fp: String,
    window: usize,
    sink: Mutex<Sink>,
    turn: Condvar,
    progress: Progress,
}

pub fn run(inputs: Vec<Input>, cfg: &Config) -> anyhow::Result<ExitCode> {
    let start = Instant::now();
    let suffix = cfg
        .shard
        .map(|s| format!(".{}-of-{}", s.k, s.n))
        .unwrap_or_default();
    let mut manifest = None;
    let mut errors = None;
    let mut errors_tmp = None;
    if let Some(out) = &cfg.out {
        std::fs::create_dir_all(out)
            .with_context(|| format!("cannot create output folder {}", out.display()))?;
        remove_stale_temporaries(out);
        manifest = Some(
            Manifest::open(out)
                .with_context(|| format!("cannot open the manifest in {}", out.display()))?,
        );
        let tmp = out.join(format!(".errors{suffix}.jsonl.{}.tmp", std::process::id()));
        let f = File::create(&tmp).with_context(|| format!("cannot create {}", tmp.display()))?;
        errors = Some(BufWriter::new(f));
        errors_tmp = Some(tmp);
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
    // The build identity matters only to the manifest.
    let tool = if cfg.out.is_some() {
        super::tool_id()
    } else {
        super::tool_version()
    };
    let shared = Shared {
        inputs: &inputs,
        cfg,
        options: Arc::new(cfg.options.clone()),
        tool: tool.clone(),
        options_fp: options_fingerprint(&cfg.options),
        window: 4 * jobs + 16,
        sink: Mutex::new(Sink {
            taken: 0,
            next: 0,
            waiting: 0,
            pending: BTreeMap::new(),
            manifest,
            errors,
            jsonl,
            summary: Summary::new(tool, jobs),
            write_error: None,
        }),
        turn: Condvar::new(),
        progress: Progress::new(inputs.len(), cfg.quiet),
    };

    install_panic_hook();
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
    if let Some(out) = &cfg.out {
        // The outputs were written without an fsync each: flush them before
        // the manifest that lists them is rewritten.
        if let Err(e) = sync_folder(out) {
            eprintln!("ptsm: cannot flush {} to disk: {e}", out.display());
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
    if let (Some(out), Some(mut errors), Some(tmp)) = (&cfg.out, errors, errors_tmp) {
        note(errors.flush(), "errors.jsonl");
        drop(errors);
        let path = out.join(format!("errors{suffix}.jsonl"));
        note(std::fs::rename(&tmp, &path), "errors.jsonl");
    }
    if let Some(m) = manifest {
        // Sharded runs may share OUT with other processes appending to the
        // manifest: rewriting it could drop their lines.
        if cfg.shard.is_none() {
            note(m.compact(), "manifest");
        }
    }
    summary.finish(start.elapsed());
    if let Some(out) = &cfg.out {
        let mut json = serde_json::to_string_pretty(&summary).unwrap_or_default();
        json.push('\n');
        let path = out.join(format!("summary{suffix}.json"));
        note(
            ptsm::output::write_atomic(&path, json.as_bytes()).map_err(std::io::Error::other),
            "summary.json",
        );
    }
    if !cfg.quiet {
        eprintln!("{}", summary.human());
    }
    if let Some(e) = write_error {
        eprintln!("ptsm: {e}");
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
        shared.progress.start_file(&input.display);
        // Last resort: the document itself runs under catch_unwind in
        // `convert_isolated`; this one guards our own bookkeeping so that a
        // bug there still yields a result for the input and the batch ends.
        let done = catch_unwind(AssertUnwindSafe(|| {
            process_one(shared, &mut runner, &mut buffers, input)
        }))
        .unwrap_or_else(|p| failure(shared, input, "", 0, "panic", panic_message(&*p)));
        // Kept for the next input, unless one big input made them big: a
        // worker keeps at most a few megabytes between inputs.
        buffers.trim();
        let failed = done.outcome == Outcome::Failed;
        if failed {
            if let Some(e) = &done.entry.error {
                shared
                    .progress
                    .println(&format!("{}: {}", done.display, e.message));
            }
        }
        shared.progress.finish_file(done.entry.stats.pages, failed);
        shared.push(i, done);
    }
}

impl Shared<'_> {
    /// The next input index, waiting while the reorder buffer is full.
    fn take(&self) -> Option<usize> {
        let mut sink = self.sink.lock().ok()?;
        while sink.taken < self.inputs.len() && sink.taken - sink.next >= self.window {
            sink.waiting += 1;
            sink = self.turn.wait(sink).ok()?;
            sink.waiting -= 1;
        }
        if sink.taken >= self.inputs.len() {
            return None;
        }
        sink.taken += 1;
        Some(sink.taken - 1)
    }

    fn push(&self, i: usize, done: Done) {
        let Ok(mut sink) = self.sink.lock() else {
            return;
        };
        sink.pending.insert(i, done);
        loop {
            let next = sink.next;
            let Some(done) = sink.pending.remove(&next) else {
                break;
            };
            sink.emit(done);
            sink.next += 1;
        }
        let wake = sink.waiting > 0;
        drop(sink);
        if wake {
            self.turn.notify_all();
        }
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
    fn emit(&mut self, done: Done) {
        self.summary.add(done.outcome, &done.entry, done.replayed);
        let mut errs = Vec::new();
        if let (Some(w), Some(e)) = (self.errors.as_mut(), &done.entry.error) {
            let line = serde_json::json!({
                "path": done.display,
                "input": done.entry.input,
                "kind": e.kind,
                "message": e.message,
                "replayed": done.replayed,
            });
            errs.push(writeln!(w, "{line}").map_err(|e| format!("errors.jsonl: {e}")));
        }
        if let (Some(w), Some(line)) = (self.jsonl.as_mut(), &done.jsonl) {
            errs.push(writeln!(w, "{line}").map_err(|e| format!("--jsonl: {e}")));
        }
        if !done.replayed && !done.entry.sha256.is_empty() {
            if let Some(m) = self.manifest.as_mut() {
                errs.push(m.record(done.entry).map_err(|e| format!("manifest: {e}")));
            }
        }
        for e in errs.into_iter().filter_map(Result::err) {
            self.write_error.get_or_insert(e);
        }
    }
}

/// One input, start to finish.
fn process_one(
    shared: &Shared,
    runner: &mut Option<Runner>,
    buffers: &mut Buffers,
    input: &Input,
) -> Done {
    let cfg = shared.cfg;
    let limit = shared.options.ingest.max_file_bytes;
    let bytes = match read_input(input, limit, std::mem::take(&mut buffers.input)) {
        Ok(b) => b,
        Err((kind, msg, size)) => return failure(shared, input, "", size, kind, msg),
    };
    let sha = ptsm::sha256_hex(&bytes);
    let want_jsonl = cfg.jsonl.is_some();

    if let (Some(out), false, Some(_)) = (&cfg.out, cfg.force, &input.path) {
        if let Some(entry) = shared.lookup(input, &sha, out) {
            let jsonl = if want_jsonl && entry.error.is_none() {
                // The stream must hold every document, converted or not.
                match compact_existing(&input.output_path(out)) {
                    Some(line) => Some(line),
                    None => return convert_and_write(shared, runner, buffers, input, bytes, sha),
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
            };
        }
    }
    convert_and_write(shared, runner, buffers, input, bytes, sha)
}

fn convert_and_write(
    shared: &Shared,
    runner: &mut Option<Runner>,
    buffers: &mut Buffers,
    input: &Input,
    bytes: Vec<u8>,
    sha: String,
) -> Done {
    let size = bytes.len() as u64;
    let format = format_name(ptsm::ingest::sniff(&input.display, &bytes));
    let converted = convert_isolated(
        runner,
        input.display.clone(),
        Buffers {
            input: bytes,
            json: std::mem::take(&mut buffers.json),
        },
        sha.clone(),
        Arc::clone(&shared.options),
        shared.cfg.timeout,
        shared.cfg.jsonl.is_some(),
    );
    let c = match converted {
        Ok(c) => c,
        Err(e) => return failure(shared, input, &sha, size, &e.kind, e.message),
    };
    let written = match &shared.cfg.out {
        Some(out) => write_output(&input.output_path(out), &c.buffers.json),
        None => Ok(()),
    };
    // Kept for the next document (see `worker`).
    *buffers = c.buffers;
    if let Err(e) = written {
        return failure(shared, input, &sha, size, "output", e.to_string());
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
            stats: c.stats,
            error: None,
        },
        display: input.display.clone(),
        jsonl: c.compact,
        replayed: false,
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
    }
}

/// Reads an input into `buf` (emptied first; the previous input's, so that
/// no buffer is allocated per file), refusing files over the size limit
/// *before* reading them (the library checks too, but only once the bytes
/// are in memory).
fn read_input(
    input: &Input,
    limit: u64,
    mut buf: Vec<u8>,
) -> Result<Vec<u8>, (&'static str, String, u64)> {
    buf.clear();
    let Some(path) = &input.path else {
        return std::io::stdin()
            .take(limit.saturating_add(1))
            .read_to_end(&mut buf)
            .map(|_| buf)
            .map_err(|e| ("io", format!("cannot read standard input: {e}"), 0));
    };
    let io = |size| {
        move |e| {
            let e = ptsm::IngestError::Io(e);
            (e.kind(), e.to_string(), size)
        }
    };
    let mut f = File::open(path).map_err(io(0))?;
    let size = f.metadata().map(|m| m.len()).unwrap_or(0);
    if size > limit {
        let e = ptsm::IngestError::TooLarge { size, limit };
        return Err((e.kind(), e.to_string(), size));
    }
    f.read_to_end(&mut buf).map_err(io(size))?;
    Ok(buf)
}

/// Writes one document's JSON. On Linux without an fsync per file (a
/// journal commit each, more than the conversion costs): the whole output
/// folder is flushed once by [`sync_folder`] at the end of the batch.
/// Readers and killed runs see whole files either way (temporary + rename).
fn write_output(path: &Path, json: &[u8]) -> Result<(), ptsm::error::OutputError> {
    if cfg!(target_os = "linux") {
        ptsm::output::write_atomic_unsynced(path, json)
    } else {
        ptsm::output::write_atomic(path, json)
    }
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

/// A converted document, serialised.
struct Converted {
    /// `json` holds the pretty JSON.
    buffers: Buffers,
    compact: Option<String>,
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

struct ConvertError {
    kind: String,
    message: String,
}

/// A worker's document thread: it converts the worker's documents one after
/// the other, so that a batch does not start a thread (and map a 32 MB
/// stack) per document. A document that runs over the timeout keeps its
/// runner: the worker abandons both, and the next document gets a new one.
struct Runner {
    jobs: mpsc::Sender<Box<dyn FnOnce() + Send>>,
}

impl Runner {
    fn start() -> std::io::Result<Runner> {
        let (jobs, queue) = mpsc::channel::<Box<dyn FnOnce() + Send>>();
        std::thread::Builder::new()
            .name("ptsm-doc".into())
            .stack_size(DOC_STACK)
            .spawn(move || {
                // Ends when the worker drops (or abandons) the runner.
                while let Ok(job) = queue.recv() {
                    job();
                }
            })?;
        Ok(Runner { jobs })
    }
}

/// Runs the pipeline on the worker's document thread (`runner`, started
/// if needed), under `catch_unwind`, waiting at most `timeout` for it.
fn convert_isolated(
    runner: &mut Option<Runner>,
    name: String,
    buffers: Buffers,
    sha256: String,
    options: Arc<ptsm::Options>,
    timeout: Option<Duration>,
    want_jsonl: bool,
) -> Result<Converted, ConvertError> {
    let (tx, rx) = mpsc::sync_channel(1);
    let job = move || {
        IN_DOCUMENT.with(|f| f.set(true));
        let r = catch_unwind(AssertUnwindSafe(|| {
            convert(&name, buffers, sha256, &options, want_jsonl)
        }));
        IN_DOCUMENT.with(|f| f.set(false));
        let r = r.unwrap_or_else(|p| {
            Err(ConvertError {
                kind: "panic".into(),
                message: panic_message(&*p),
            })
        });
        // The receiver is gone when the worker gave up on us: nothing to do.
        let _ = tx.send(r);
    };
    let Some(limit) = timeout else {
        job();
        return rx.recv().unwrap_or_else(|_| Err(lost()));
    };
    let mut job: Box<dyn FnOnce() + Send> = Box::new(job);
    // A runner whose thread is gone hands the job back: start another.
    for _ in 0..2 {
        let r = match runner.take() {
            Some(r) => r,
            None => match Runner::start() {
                Ok(r) => r,
                Err(e) => {
                    return Err(ConvertError {
                        kind: "io".into(),
                        message: format!("cannot start a thread: {e}"),
                    })
                }
            },
        };
        match r.jobs.send(job) {
            Ok(()) => {
                *runner = Some(r);
                break;
            }
            Err(mpsc::SendError(back)) => job = back,
        }
    }
    match rx.recv_timeout(limit) {
        Ok(r) => r,
        Err(mpsc::RecvTimeoutError::Timeout) => {
            // The runner stays with the document it is stuck on.
            *runner = None;
            Err(ConvertError {
                kind: "timeout".into(),
                message: format!(
                    "gave up after {} s (--timeout); the file was not converted",
                    limit.as_secs_f64()
                ),
            })
        }
        Err(mpsc::RecvTimeoutError::Disconnected) => Err(lost()),
    }
}

fn lost() -> ConvertError {
    ConvertError {
        kind: "panic".into(),
        message: "internal error: the document thread ended without a result".into(),
    }
}

fn convert(
    name: &str,
    mut buffers: Buffers,
    sha256: String,
    options: &ptsm::Options,
    want_jsonl: bool,
) -> Result<Converted, ConvertError> {
    fault_injection(name);
    let processed =
        ptsm::process_bytes_hashed(name, &buffers.input, sha256, options).map_err(|e| {
            ConvertError {
                kind: e.kind().into(),
                message: e.source.to_string(),
            }
        })?;
    let doc = processed.document;
    let out_err = |e: ptsm::error::OutputError| ConvertError {
        kind: "output".into(),
        message: e.to_string(),
    };
    ptsm::output::to_json_into(&doc, &mut buffers.json).map_err(out_err)?;
    let compact = if want_jsonl {
        Some(serde_json::to_string(&doc).map_err(|e| out_err(e.into()))?)
    } else {
        None
    };
    Ok(Converted {
        buffers,
        compact,
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

/// The existing output as one JSON line, or `None` if it cannot be read.
fn compact_existing(path: &Path) -> Option<String> {
    let text = std::fs::read(path).ok()?;
    let value: serde_json::Value = serde_json::from_slice(&text).ok()?;
    serde_json::to_string(&value).ok()
}

/// What in the options changes the output of a document. The password is
/// hashed: the manifest must not hold it.
fn options_fingerprint(o: &ptsm::Options) -> String {
    let mut ingest = o.ingest.clone();
    ingest.password = ingest.password.map(|p| ptsm::sha256_hex(p.as_bytes()));
    let h = ptsm::sha256_hex(format!("{ingest:?}").as_bytes());
    h.get(..16).unwrap_or(&h).to_string()
}

/// Removes temporary files left in `OUT` by a killed run (`write_atomic`
/// names them `.NAME.PID.tmp`), except those of a process still alive: a
/// parallel shard may be writing into the same folder. Liveness is read in
/// `/proc`; where there is none, nothing is removed.
fn remove_stale_temporaries(out: &Path) {
    if !Path::new("/proc/self").exists() {
        return;
    }
    let me = std::process::id();
    let mut stack = vec![out.to_path_buf()];
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
            let Some(pid) = temp_owner(&name) else {
                continue;
            };
            if pid != me && !Path::new(&format!("/proc/{pid}")).exists() {
                let _ = std::fs::remove_file(&path);
            }
        }
    }
}

/// The pid in a `.NAME.PID.tmp` name.
fn temp_owner(name: &str) -> Option<u32> {
    let rest = name.strip_prefix('.')?.strip_suffix(".tmp")?;
    let (_, pid) = rest.rsplit_once('.')?;
    pid.parse().ok()
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

/// Test hook: with `PTSM_FAULT_INJECTION=1` in the environment, an input
/// whose name contains `ptsm-fault-panic` panics and one containing
/// `ptsm-fault-hang` sleeps for an hour, so that the tests can exercise
/// isolation on the real binary. Without the variable, names mean nothing.
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temp_owner_reads_the_pid_of_write_atomic_temporaries() {
        assert_eq!(temp_owner(".a.txt.json.1234.tmp"), Some(1234));
        assert_eq!(temp_owner(".errors.jsonl.77.tmp"), Some(77));
        assert_eq!(temp_owner("a.txt.json"), None);
        assert_eq!(temp_owner(".x.tmp"), None);
    }

    #[test]
    fn password_changes_the_fingerprint_and_is_not_stored() {
        let plain = ptsm::Options::default();
        let mut with = ptsm::Options::default();
        with.ingest.password = Some("secret".into());
        let a = options_fingerprint(&plain);
        let b = options_fingerprint(&with);
        assert_ne!(a, b);
        assert!(!b.contains("secret"));
        assert_eq!(a, options_fingerprint(&ptsm::Options::default()));
    }

    #[test]
    fn isolated_conversion_reports_a_timeout_and_returns() {
        std::env::set_var("PTSM_FAULT_INJECTION", "1");
        let t = Instant::now();
        let r = convert_isolated(
            &mut None,
            "x-ptsm-fault-hang.txt".into(),
            Buffers {
                input: b"Bonjour".to_vec(),
                json: Vec::new(),
            },
            ptsm::sha256_hex(b"Bonjour"),
            Arc::new(ptsm::Options::default()),
            Some(Duration::from_millis(200)),
            false,
        );
        let err = r.err().map(|e| e.kind);
        assert_eq!(err.as_deref(), Some("timeout"));
        assert!(t.elapsed() < Duration::from_secs(5));
    }

    #[test]
    fn isolated_conversion_turns_a_panic_into_an_error() {
        std::env::set_var("PTSM_FAULT_INJECTION", "1");
        install_panic_hook();
        let r = convert_isolated(
            &mut None,
            "x-ptsm-fault-panic.txt".into(),
            Buffers {
                input: b"Bonjour".to_vec(),
                json: Vec::new(),
            },
            ptsm::sha256_hex(b"Bonjour"),
            Arc::new(ptsm::Options::default()),
            Some(Duration::from_secs(30)),
            false,
        );
        let e = r.err().expect("a panic must become an error");
        assert_eq!(e.kind, "panic");
        assert!(e.message.contains("injected fault"), "{}", e.message);
    }
}
