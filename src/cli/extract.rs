//! `ptsm extract`: documents → JSON.

use std::num::NonZeroUsize;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::ArgGroup;

use super::args::{DocArgs, Shard};
use super::batch::{self, Config};
use super::inputs;
use super::UsageError;

#[derive(Debug, clap::Args)]
#[command(group(ArgGroup::new("dest").required(true).multiple(true).args(["out", "stdout", "jsonl"])))]
pub struct ExtractArgs {
    /// Files and folders to convert (folders recursively); `-` reads
    /// standard input (its output is named `stdin.json`).
    #[arg(value_name = "PATH", required_unless_present = "files_from")]
    pub paths: Vec<PathBuf>,

    /// Write one JSON file per input into DIR, mirroring the input tree,
    /// with `errors.jsonl`, `summary.json` and the rerun manifest
    /// `.ptsm-manifest.jsonl`.
    #[arg(short = 'o', long = "out", value_name = "DIR")]
    pub out: Option<PathBuf>,

    /// Print the JSON of a single input on standard output.
    #[arg(long, conflicts_with_all = ["out", "jsonl", "files_from", "shard"])]
    pub stdout: bool,

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

    /// No progress and no summary on stderr (failures are still listed).
    #[arg(short, long)]
    pub quiet: bool,

    #[command(flatten)]
    pub doc: DocArgs,
}

pub fn run(args: ExtractArgs) -> anyhow::Result<ExitCode> {
    if args.stdout {
        return to_stdout(&args);
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
    let all = inputs::collect(&args.paths, list.as_deref(), args.out.as_deref())?;
    let inputs = inputs::take_shard(all, args.shard);
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
        quiet: args.quiet,
        shard: args.shard,
        options: args.doc.options(),
    };
    batch::run(inputs, &cfg)
}

/// `--stdout`: one input, its JSON on standard output.
fn to_stdout(args: &ExtractArgs) -> anyhow::Result<ExitCode> {
    let [path] = args.paths.as_slice() else {
        return Err(UsageError(format!(
            "--stdout takes exactly one input, got {}",
            args.paths.len()
        ))
        .into());
    };
    let opts = args.doc.options();
    let Some((name, result)) = super::process_one(path, &opts) else {
        return Ok(ExitCode::from(1));
    };
    let json = result
        .map_err(|e| e.source.to_string())
        .and_then(|p| ptsm::output::to_json(&p.document).map_err(|e| e.to_string()));
    match json {
        Ok(json) => Ok(super::text::print_stdout(json.as_bytes())),
        Err(reason) => {
            eprintln!("{name}: {reason}");
            Ok(ExitCode::from(1))
        }
    }
}
