//! `ptsm extract`: documents → JSON.

use std::num::NonZeroUsize;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::ArgGroup;

use super::args::{DocArgs, Shard};
use super::batch::{self, Config};
use super::fetch;
use super::inputs;
use super::ui::{self, GlobalArgs};
use super::UsageError;

#[derive(Debug, clap::Args)]
#[command(group(ArgGroup::new("dest").required(true).multiple(true).args(["out", "stdout", "jsonl"])))]
pub struct ExtractArgs {
    /// Files and folders to convert (folders recursively); `-` reads
    /// standard input (its output is named `stdin.json`); `http://` and
    /// `https://` addresses are downloaded first, after the files (their
    /// outputs are named after the address, `source.path` is the address).
    #[arg(value_name = "PATH", required_unless_present = "files_from")]
    pub paths: Vec<PathBuf>,

    /// Write one JSON file per input into DIR, mirroring the input tree,
    /// with `errors.jsonl`, `summary.json` and the rerun manifest
    /// `.ptsm-manifest.jsonl`.
    #[arg(
        short = 'o',
        long = "output",
        visible_alias = "out",
        value_name = "DIR"
    )]
    pub out: Option<PathBuf>,

    /// Print the JSON of a single file on standard output.
    #[arg(long, conflicts_with_all = ["out", "jsonl", "files_from", "shard"])]
    pub stdout: bool,

    /// Write each document's JSON on one line, without indentation (about
    /// half the bytes). Without it, files in DIR and `--stdout` are
    /// indented; `--jsonl` is always one line per document.
    #[arg(long)]
    pub compact: bool,

    /// Also (or only) write every document as one JSON line to FILE, `-`
    /// for standard output, in input order.
    #[arg(long, value_name = "FILE|-")]
    pub jsonl: Option<PathBuf>,

    /// Read the inputs from FILE (`-`: standard input), one path per line,
    /// after the PATHs given; outputs mirror each path as written.
    #[arg(long, value_name = "FILE|-")]
    pub files_from: Option<PathBuf>,

    /// Take only shard K of N (1 <= K <= N), chosen by a hash of each
    /// input's output name: N processes or machines given the same inputs
    /// split them without coordination, each input in exactly one shard.
    #[arg(long, value_name = "K/N")]
    pub shard: Option<Shard>,

    /// Number of documents converted at once [default: number of cores].
    #[arg(short = 'j', long, value_name = "N")]
    pub jobs: Option<NonZeroUsize>,

    /// Give up on a document after SECS seconds and record a `timeout`
    /// error (0: no limit). The abandoned work cannot be killed: it keeps a
    /// core busy until it ends or ptsm exits.
    #[arg(long, value_name = "SECS", default_value_t = 120.0)]
    pub timeout: f64,

    /// Convert every input, even those whose output is up to date.
    #[arg(long)]
    pub force: bool,

    /// Also write the HTML review report of OUT into REPORT_DIR (as `ptsm
    /// report OUT -o REPORT_DIR` does), after the batch.
    #[arg(long, value_name = "REPORT_DIR", requires = "out")]
    pub report: Option<PathBuf>,

    /// Memory the batch may use for the documents it converts at once
    /// (e.g. 4G, 512M). Each input reserves what it may need (a fixed part
    /// plus a multiple of its size) before it is converted, waiting for
    /// room; an input that needs more than the whole budget fails with a
    /// `memory` error. [default: 3/4 of the smallest of physical memory,
    /// the cgroup limit, ulimit -v and ulimit -d]
    #[arg(long, value_name = "SIZE", value_parser = super::memory::parse_size)]
    pub max_memory: Option<u64>,

    /// Skip symbolic links met while walking folders (each is counted and
    /// named in the summary). By default a link to a file is followed, even
    /// to a file outside the folder; links to folders are never followed.
    #[arg(long)]
    pub no_follow_symlinks: bool,

    #[command(flatten)]
    pub doc: DocArgs,

    #[command(flatten)]
    pub net: fetch::NetArgs,
}

pub fn run(args: ExtractArgs, g: &GlobalArgs) -> anyhow::Result<ExitCode> {
    if args.stdout {
        return to_stdout(&args);
    }
    if let Some(out) = &args.out {
        ui::output_folder(
            out,
            "for one document on standard output use --stdout; for a stream of \
             documents, one JSON line each, use --jsonl -",
        )?;
    }
    let stdin_uses = args.paths.iter().filter(|p| p.as_os_str() == "-").count()
        + usize::from(
            args.files_from
                .as_deref()
                .is_some_and(|p| p.as_os_str() == "-"),
        );
    if stdin_uses > 1 {
        return Err(UsageError("standard input (`-`) can be used only once".into()).into());
    }
    if !(args.timeout.is_finite() && args.timeout >= 0.0) {
        return Err(
            UsageError(format!("--timeout {}: expected seconds >= 0", args.timeout)).into(),
        );
    }
    let list = match &args.files_from {
        Some(f) => Some(inputs::read_list(f)?),
        None => None,
    };
    let (urls, paths): (Vec<PathBuf>, Vec<PathBuf>) = args
        .paths
        .iter()
        .cloned()
        .partition(|p| fetch::is_url(&p.to_string_lossy()));
    let walk = inputs::WalkOptions {
        no_follow_symlinks: args.no_follow_symlinks,
    };
    let all = inputs::collect(&paths, list.as_deref(), args.out.as_deref(), walk)?;
    if let (Some(line), false) = (all.skipped_summary(), g.quiet) {
        eprintln!("ptsm: {line}");
    }
    if let Some(out) = &args.out {
        ui::writable_folder(out)?;
    }
    let nothing = all.inputs.is_empty() && urls.is_empty();
    let skipped_line = all.skipped_summary();
    let walk_skipped = all.skipped.clone();
    let mut collected = all.inputs;
    let downloads = Downloads::fetch(&urls, &args.net)?;
    collected.extend(downloads.inputs.iter().cloned());
    let inputs = inputs::take_shard(collected, args.shard);
    let jobs = args
        .jobs
        .map(NonZeroUsize::get)
        .or_else(|| {
            std::thread::available_parallelism()
                .ok()
                .map(NonZeroUsize::get)
        })
        .unwrap_or(1);
    let cfg = Config {
        out: args.out.clone(),
        jsonl: args.jsonl.clone(),
        jobs,
        timeout: (args.timeout > 0.0).then(|| Duration::from_secs_f64(args.timeout)),
        force: args.force,
        // With nothing to convert, the error below says it all.
        quiet: g.quiet || nothing,
        shard: args.shard,
        options: args.doc.options(),
        max_memory: match args.max_memory {
            Some(m) => (m, format!("--max-memory {}", super::memory::human(m))),
            None => super::memory::default_budget(),
        },
        compact: args.compact,
        walk_skipped,
    };
    let mut code = batch::run(inputs, &cfg)?;
    if nothing {
        // Nothing silent: a run that found nothing to convert is no success.
        eprintln!(
            "{} no supported input in {}: ptsm reads PDF (.pdf), web pages (.html, .htm, \
             .xhtml, .shtml) and text (.txt){}",
            ui::red("ptsm:"),
            describe_paths(&paths, args.files_from.as_deref()),
            skipped_line.map(|l| format!("; {l}")).unwrap_or_default()
        );
        return Ok(ExitCode::from(1));
    }
    if let (Some(dir), Some(out)) = (&args.report, &args.out) {
        code = super::report::after_batch(out, dir, g.quiet, code)?;
    }
    // An address that could not be downloaded fails the run as an input
    // that could not be read does.
    Ok(if downloads.failed > 0 {
        ExitCode::from(1)
    } else {
        code
    })
}

/// The addresses given to `extract`, downloaded into a temporary folder
/// (removed with this value) and made inputs named after the address.
struct Downloads {
    dir: PathBuf,
    inputs: Vec<inputs::Input>,
    failed: usize,
}

impl Downloads {
    fn fetch(urls: &[PathBuf], net: &fetch::NetArgs) -> anyhow::Result<Downloads> {
        let dir = std::env::temp_dir().join(format!("ptsm-fetch-{}", std::process::id()));
        let mut d = Downloads {
            dir,
            inputs: Vec::new(),
            failed: 0,
        };
        if urls.is_empty() {
            return Ok(d);
        }
        let mut fetcher = fetch::Fetcher::new(net)?;
        std::fs::create_dir_all(&d.dir)?;
        for (i, u) in urls.iter().enumerate() {
            let url = u.to_string_lossy().into_owned();
            let got = fetcher.get(&url).and_then(|f| {
                let file = d.dir.join(i.to_string());
                std::fs::write(&file, &f.bytes)
                    .map(|()| (f, file))
                    .map_err(|e| e.to_string())
            });
            match got {
                Ok((f, file)) => d.inputs.push(inputs::Input {
                    path: Some(file),
                    display: url,
                    name: fetch::file_name(&f.final_url, f.content_type.as_deref()),
                }),
                Err(reason) => {
                    eprintln!(
                        "{}: {}",
                        super::names::terminal(&url),
                        super::names::terminal(&reason)
                    );
                    d.failed += 1;
                }
            }
        }
        Ok(d)
    }
}

impl Drop for Downloads {
    fn drop(&mut self) {
        if !self.inputs.is_empty() || self.dir.exists() {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

/// The inputs named, for a message: "a/, b.txt" (three at most).
fn describe_paths(paths: &[PathBuf], files_from: Option<&std::path::Path>) -> String {
    let mut names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    if let Some(f) = files_from {
        names.push(format!("the list {}", f.display()));
    }
    let more = names.len().saturating_sub(3);
    names.truncate(3);
    let mut s = names.join(", ");
    if more > 0 {
        s.push_str(&format!(" and {more} more"));
    }
    s
}

/// `--stdout`: one input, its JSON on standard output.
fn to_stdout(args: &ExtractArgs) -> anyhow::Result<ExitCode> {
    let [path] = args.paths.as_slice() else {
        return Err(ui::usage(
            format!(
                "--stdout prints one document, and {} inputs were given",
                args.paths.len()
            ),
            "to convert several files use -o DIR (one JSON file each) or --jsonl - \
             (one JSON line each on standard output)",
        )
        .into());
    };
    if path.is_dir() {
        return Err(ui::usage(
            format!(
                "--stdout prints one document, and {} is a folder",
                path.display()
            ),
            format!(
                "to convert a folder use -o DIR (ptsm extract {} -o out) or --jsonl -",
                path.display()
            ),
        )
        .into());
    }
    let opts = args.doc.options();
    let Some((name, result)) = super::process_one(path, &opts, &args.net) else {
        return Ok(ExitCode::from(1));
    };
    let compact = args.compact;
    match result {
        // Written as it is produced: a large document is never held whole.
        Ok(p) => Ok(super::text::write_stdout(|w| {
            if compact {
                ptsm::output::write_json_line(&p.document, w)
            } else {
                ptsm::output::write_json(&p.document, w)
            }
            .map_err(std::io::Error::other)
        })),
        Err(e) => {
            eprintln!("{name}: {}", super::names::terminal(&e.source.to_string()));
            Ok(ExitCode::from(1))
        }
    }
}
