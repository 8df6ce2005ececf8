//! Command-line front end: one module per subcommand, a [`Command`] enum
//! whose doc comments are the help, and one `match` that dispatches.
//!
//! Exit codes: 0 all went well; 1 some input failed (each named on stderr
//! as `path: reason`), an output could not be written, or there was nothing
//! to do; 2 usage error (clap's own parse errors exit 2 as well). They are
//! listed in `--help` ([`ui::AFTER_HELP`]).

mod analyst;
mod args;
mod batch;
mod docs;
mod extract;
mod fetch;
mod inputs;
mod manifest;
pub mod memory;
mod names;
mod outdir;
mod progress;
mod report;
mod summary;
mod text;
mod ui;

use std::path::Path;
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

/// Turns French public mental-health documents (ARS press releases, PTSM
/// and CTSM documents; PDF, web pages or text) into structured JSON.
#[derive(Debug, Parser)]
#[command(
    name = "ptsm",
    version,
    propagate_version = true,
    after_help = ui::AFTER_HELP
)]
pub struct Cli {
    #[command(flatten)]
    global: ui::GlobalArgs,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Convert documents to JSON: one file per input in OUT, a JSON Lines
    /// stream, or one document on standard output.
    ///
    /// Files named on the command line are always read (PDF, web page or
    /// text is decided from their content and name). Folders are walked
    /// recursively for `.txt`, `.pdf`, `.html`, `.htm`, `.xhtml` and
    /// `.shtml` files and for files of any name that start like a PDF;
    /// hidden entries and the files folder of a saved page are skipped,
    /// and what was skipped is counted on stderr. An `http://` or
    /// `https://` address is downloaded first (see `ptsm fetch`), its
    /// output named after the address, its `source.path` the address. The output of `DIR/sub/a.pdf` is
    /// `OUT/sub/a.pdf.json` (the extension is kept so that `a.txt` and
    /// `a.pdf` never collide). A rerun skips inputs whose content, tool
    /// version and options match what OUT already holds.
    Extract(extract::ExtractArgs),
    /// Print the normalized text of a document (pages separated by form
    /// feeds), for debugging and for scoring against other extractors.
    Text(text::TextArgs),
    /// Download web pages and PDFs into DIR, one request at a time, with a
    /// delay between requests to the same host; each file is kept as it
    /// came, with `<file>.fetch.json` (address, final address, status,
    /// content type, date) beside it.
    Fetch(fetch::FetchArgs),
    /// Flat tables (documents, territories, working_groups, actions, axes)
    /// from a folder of ptsm JSON, as CSV or JSON Lines.
    Export(analyst::ExportArgs),
    /// The territory × theme matrix of a folder of ptsm JSON.
    Stats(analyst::StatsArgs),
    /// Check ptsm JSON against the schema; exit 1 if any file is invalid.
    Validate(analyst::ValidateArgs),
    /// Territories, groups and actions added, removed or reworded, and
    /// declared counts changed, between two outputs (files or folders).
    Diff(analyst::DiffArgs),
    /// Run the extraction on DIR and compare with expected JSON; exit 1 with
    /// a readable diff when anything differs.
    Check(analyst::CheckArgs),
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish).
    Completions(docs::CompletionsArgs),
    /// Print the manual page (roff), or write one page per subcommand into
    /// DIR.
    Man(docs::ManArgs),
    /// A static HTML review report of a folder of ptsm JSON: the documents
    /// (sortable, filterable), a map of France, a territory × theme
    /// heatmap, and one page per document with every extracted item
    /// highlighted in its text. Opens from disk; no network request.
    Report(report::ReportArgs),
}

/// A mistake in the command line found after parsing: exits 2, like
/// clap's own errors.
#[derive(Debug)]
pub struct UsageError(pub String);

impl std::fmt::Display for UsageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UsageError {}

/// The whole command-line definition, as clap builds it: for the help,
/// completions and the manual page.
pub fn command() -> clap::Command {
    Cli::command().mut_subcommands(|s| {
        // A subcommand's own long help (completions, man) keeps the exit
        // codes after it.
        let long = s
            .get_after_long_help()
            .map(|h| format!("{h}\n\n{}", ui::AFTER_HELP));
        let s = s.after_help(ui::AFTER_HELP);
        match long {
            Some(l) => s.after_long_help(l),
            None => s,
        }
    })
}

pub fn main() -> ExitCode {
    let color = ui::Color::sniff(std::env::args_os());
    color.install();
    let matches = command().color(color.clap()).get_matches();
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    let g = cli.global;
    let name = match &cli.command {
        Command::Extract(_) => "extract",
        Command::Text(_) => "text",
        Command::Fetch(_) => "fetch",
        Command::Export(_) => "export",
        Command::Stats(_) => "stats",
        Command::Validate(_) => "validate",
        Command::Diff(_) => "diff",
        Command::Check(_) => "check",
        Command::Completions(_) => "completions",
        Command::Man(_) => "man",
        Command::Report(_) => "report",
    };
    let result = match cli.command {
        Command::Extract(a) => extract::run(a, &g),
        Command::Text(a) => text::run(a, &g),
        Command::Fetch(a) => fetch::run(a, &g),
        Command::Export(a) => analyst::export(a, &g),
        Command::Stats(a) => analyst::stats(a, &g),
        Command::Validate(a) => analyst::validate(a, &g),
        Command::Diff(a) => analyst::diff(a, &g),
        Command::Check(a) => analyst::check(a, &g),
        Command::Completions(a) => docs::completions(a),
        Command::Man(a) => docs::man(a),
        Command::Report(a) => report::run(a, &g),
    };
    match result {
        Ok(code) => code,
        Err(e) if e.is::<UsageError>() => {
            // Escaped (a path in it may hold a line break or an ANSI
            // escape), the hint's own line breaks kept.
            let message = e.to_string();
            let shown = match message.rsplit_once(ui::HINT) {
                Some((m, h)) => format!("{}{}{}", names::terminal(m), ui::HINT, names::terminal(h)),
                None => names::terminal(&message).into_owned(),
            };
            eprintln!(
                "{} {shown}\n\nFor more information, try 'ptsm {name} --help'.",
                ui::red("error:"),
            );
            ExitCode::from(2)
        }
        Err(e) => {
            eprintln!(
                "{} {}",
                ui::red("ptsm:"),
                names::terminal(&format!("{e:#}"))
            );
            ExitCode::from(1)
        }
    }
}

/// Version of the tool and of the JSON contract.
pub fn tool_version() -> String {
    format!(
        "ptsm {} (schema {})",
        env!("CARGO_PKG_VERSION"),
        ptsm::model::SCHEMA_VERSION
    )
}

/// The identity written in the manifest: outputs made by another version
/// of the tool, of the JSON contract, or by another build of the binary are
/// not reused. The build is identified by the executable's size and
/// modification time (hashing its content costs up to seconds for a debug
/// binary), so that a rebuilt development binary with the same version
/// number does not replay stale outputs. A copy of the same binary with
/// another mtime converts everything again: wasteful, never wrong.
pub fn tool_id() -> String {
    static ID: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    ID.get_or_init(|| {
        let build = std::env::current_exe()
            .and_then(std::fs::metadata)
            .ok()
            .map(|m| {
                let mtime = m
                    .modified()
                    .ok()
                    .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                    .map_or(0, |d| d.as_nanos());
                let h = ptsm::sha256_hex(format!("{}:{mtime}", m.len()).as_bytes());
                h.get(..12).unwrap_or_default().to_string()
            });
        format!(
            "{}, build {}",
            tool_version(),
            build.as_deref().unwrap_or("unknown")
        )
    })
    .clone()
}

/// Processes one input named on the command line, `-` being standard
/// input and an `http(s)://` address downloaded first: its display name and
/// the result. `None` when standard input could not be read, or the
/// address downloaded (said on stderr).
fn process_one(
    path: &Path,
    opts: &ptsm::Options,
    net: &fetch::NetArgs,
) -> Option<(String, Result<ptsm::Processed, ptsm::DocError>)> {
    let s = path.to_string_lossy();
    if fetch::is_url(&s) {
        let got = fetch::Fetcher::new(net)
            .map_err(|e| e.0)
            .and_then(|mut f| f.get(&s));
        return match got {
            Ok(f) => Some((s.to_string(), ptsm::process_bytes(&s, &f.bytes, opts))),
            Err(reason) => {
                eprintln!("{s}: {reason}");
                None
            }
        };
    }
    if path.as_os_str() == "-" {
        let limit = opts.ingest.max_file_bytes;
        let result = match ptsm::ingest::read_bounded(std::io::stdin().lock(), limit, 0) {
            Ok(bytes) => ptsm::process_bytes("-", &bytes, opts),
            Err(ptsm::IngestError::Io(e)) => {
                eprintln!("-: cannot read standard input: {e}");
                return None;
            }
            Err(e) => Err(ptsm::DocError::new("-", e)),
        };
        Some(("-".to_string(), result))
    } else {
        let name = inputs::display_path(path);
        Some((
            names::terminal(&name).into_owned(),
            ptsm::process(path, opts),
        ))
    }
}
