//! The analysts' subcommands: `export`, `stats`, `validate`, `diff`,
//! `check`. Each is a thin layer over `ptsm::analyst`: parse, call, print,
//! choose the exit code.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use ptsm::analyst::{check, diff, export, load, stats, validate};

use super::args::DocArgs;

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum TableFormat {
    Csv,
    Jsonl,
}

#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// A folder of ptsm JSON (as written by `ptsm extract -o OUT`), or files.
    #[arg(value_name = "OUT", required = true)]
    pub inputs: Vec<PathBuf>,
    /// Table format.
    #[arg(long, value_enum, default_value = "csv")]
    pub format: TableFormat,
    /// Folder to write documents, territories, working_groups, actions and
    /// axes tables into.
    #[arg(short = 'o', long = "output", value_name = "DIR")]
    pub output: PathBuf,
}

#[derive(Debug, clap::Args)]
pub struct StatsArgs {
    /// A folder of ptsm JSON, or files.
    #[arg(value_name = "OUT", required = true)]
    pub inputs: Vec<PathBuf>,
    /// Also write the territory × theme matrix as CSV to FILE.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct ValidateArgs {
    /// ptsm JSON files, or folders of them.
    #[arg(value_name = "FILE|DIR", required = true)]
    pub inputs: Vec<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct DiffArgs {
    /// The earlier output: a ptsm JSON file or a folder.
    #[arg(value_name = "A")]
    pub a: PathBuf,
    /// The later output: a ptsm JSON file or a folder.
    #[arg(value_name = "B")]
    pub b: PathBuf,
    /// Print the changes as JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Folder of input documents (.txt, .pdf).
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// Folder (or file) of expected ptsm JSON.
    #[arg(long, value_name = "EXPECTED")]
    pub expected: PathBuf,
    /// Print the changes as JSON.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub doc: DocArgs,
}

/// Loads documents; an unreadable or non-ptsm file is an error naming it.
fn load(inputs: &[PathBuf]) -> anyhow::Result<Vec<load::Loaded>> {
    Ok(load::load_all(inputs)?)
}

pub fn export(a: ExportArgs) -> anyhow::Result<ExitCode> {
    let docs = load(&a.inputs)?;
    let tables = export::tables(&docs);
    let format = match a.format {
        TableFormat::Csv => export::Format::Csv,
        TableFormat::Jsonl => export::Format::Jsonl,
    };
    let paths = export::write_tables(&tables, &a.output, format)?;
    for (t, p) in tables.iter().zip(&paths) {
        eprintln!("{}: {} rows", p.display(), t.rows.len());
    }
    Ok(ExitCode::SUCCESS)
}

pub fn stats(a: StatsArgs) -> anyhow::Result<ExitCode> {
    let docs = load(&a.inputs)?;
    let m = stats::matrix(&docs, ptsm::extract::themes::Taxonomy::builtin());
    print!("{}", stats::render(&m));
    if let Some(path) = &a.output {
        stats::write_csv_file(&m, path).with_context(|| format!("{}", path.display()))?;
        eprintln!(
            "{}: {} territories × {} themes",
            path.display(),
            m.rows.len(),
            m.themes.len()
        );
    }
    Ok(ExitCode::SUCCESS)
}

pub fn validate(a: ValidateArgs) -> anyhow::Result<ExitCode> {
    let mut files = Vec::new();
    for i in &a.inputs {
        files.extend(load::json_files(i)?.into_iter().map(|(_, p)| p));
    }
    let mut invalid = 0usize;
    for f in &files {
        let violations = validate::validate_file(f)?;
        if violations.is_empty() {
            continue;
        }
        invalid += 1;
        for v in violations {
            let at = if v.instance_path.is_empty() {
                "/"
            } else {
                v.instance_path.as_str()
            };
            println!("{}: {at}: {}", f.display(), v.message);
        }
    }
    eprintln!("{} file(s) checked, {invalid} invalid", files.len());
    Ok(if invalid == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn print_diff(d: &diff::Diff, json: bool) -> anyhow::Result<()> {
    if json {
        println!("{}", serde_json::to_string_pretty(d)?);
    } else {
        print!("{}", diff::render(d));
    }
    Ok(())
}

/// Exit 0 whether or not there are differences: a diff is a report; use
/// `check` for a pass/fail answer.
pub fn diff(a: DiffArgs) -> anyhow::Result<ExitCode> {
    let da = load(std::slice::from_ref(&a.a))?;
    let db = load(std::slice::from_ref(&a.b))?;
    print_diff(&diff::diff_sets(&da, &db), a.json)?;
    Ok(ExitCode::SUCCESS)
}

pub fn check(a: CheckArgs) -> anyhow::Result<ExitCode> {
    let report = check::check(&a.dir, &a.expected, &a.doc.options())?;
    for e in &report.errors {
        eprintln!("{e}");
    }
    print_diff(&report.diff, a.json)?;
    if report.passed() {
        eprintln!(
            "check passed: {} input(s) match the expected outputs",
            report.inputs
        );
        Ok(ExitCode::SUCCESS)
    } else {
        eprintln!(
            "check failed: {} difference(s), {} input(s) in error",
            report.diff.change_count(),
            report.errors.len()
        );
        Ok(ExitCode::from(1))
    }
}
