//! The analysts' subcommands: `export`, `stats`, `validate`, `diff`,
//! `check`. Each is a thin layer over `ptsm::analyst`: parse, call, print,
//! choose the exit code.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use ptsm::analyst::{check, diff, export, load, stats, validate};

use super::args::DocArgs;
use super::ui::{self, Dest, GlobalArgs};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum TableFormat {
    /// One CSV file per table (UTF-8, `,`; with --csv-excel: BOM and `;`).
    Csv,
    /// One JSON Lines file per table, typed values.
    Jsonl,
    /// One Parquet file per table, typed columns.
    Parquet,
    /// One workbook, `tables.xlsx`, one sheet per table, typed cells.
    Xlsx,
}

#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// A folder of ptsm JSON (as written by `ptsm extract -o OUT`), or files.
    #[arg(value_name = "JSON", required = true)]
    pub inputs: Vec<PathBuf>,
    /// Table format. Parquet and XLSX keep each column's type (codes such
    /// as `departement` "01" or "2A" as text, counts as integers, pages as
    /// integers or null, dates as dates); CSV is text that each reader types
    /// its own way (see the README for the typed loads).
    #[arg(long, value_enum, default_value = "csv")]
    pub format: TableFormat,
    /// CSV for a spreadsheet set up for French (Excel): UTF-8 with a
    /// byte-order mark and `;` between fields.
    #[arg(long)]
    pub csv_excel: bool,
    /// Folder to write the tables into (documents, territories,
    /// working_groups, actions, axes, lists, dates, counts).
    #[arg(
        short = 'o',
        long = "output",
        visible_alias = "out",
        value_name = "DIR"
    )]
    pub output: PathBuf,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum StatsFormat {
    /// A table for the terminal.
    Table,
    /// One row per territory: declared and listed counts, then one column
    /// per theme.
    Csv,
    /// Territories, themes ranked, warnings by code.
    Json,
}

#[derive(Debug, clap::Args)]
pub struct StatsArgs {
    /// A folder of ptsm JSON, or files.
    #[arg(value_name = "JSON", required = true)]
    pub inputs: Vec<PathBuf>,
    /// What to write [default: table; csv or json when -o names a .csv or
    /// .json file].
    #[arg(long, value_enum)]
    pub format: Option<StatsFormat>,
    /// Write to FILE instead of standard output (`-`).
    #[arg(
        short = 'o',
        long = "output",
        visible_alias = "out",
        value_name = "FILE|-"
    )]
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
    /// Write the report to FILE instead of standard output (`-`).
    #[arg(
        short = 'o',
        long = "output",
        visible_alias = "out",
        value_name = "FILE|-"
    )]
    pub output: Option<PathBuf>,
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

/// Loads documents; an unreadable or non-ptsm file is an error naming it,
/// and finding no JSON at all is an error too (nothing silent).
fn load(inputs: &[PathBuf]) -> anyhow::Result<Vec<load::Loaded>> {
    let docs = load::load_all(inputs)?;
    if docs.is_empty() {
        anyhow::bail!("{}", no_json(inputs));
    }
    Ok(docs)
}

/// "no ptsm JSON in out/: give the folder `ptsm extract -o` wrote".
fn no_json(inputs: &[PathBuf]) -> String {
    let names: Vec<String> = inputs.iter().map(|p| p.display().to_string()).collect();
    format!(
        "no ptsm JSON in {}: give the folder that `ptsm extract … -o OUT` wrote, or its .json files",
        names.join(", ")
    )
}

pub fn export(a: ExportArgs, g: &GlobalArgs) -> anyhow::Result<ExitCode> {
    let dir = ui::output_folder(
        &a.output,
        "export writes several tables: give a folder (-o tables); for one document as \
         JSON on standard output use `ptsm extract FILE --stdout`",
    )?;
    let format = match (a.format, a.csv_excel) {
        (TableFormat::Csv, false) => export::Format::Csv,
        (TableFormat::Csv, true) => export::Format::CsvExcel,
        (_, true) => {
            return Err(ui::usage(
                "--csv-excel is a form of CSV",
                "use it with --format csv (the default), or drop it",
            )
            .into())
        }
        (TableFormat::Jsonl, false) => export::Format::Jsonl,
        (TableFormat::Parquet, false) => export::Format::Parquet,
        (TableFormat::Xlsx, false) => export::Format::Xlsx,
    };
    let docs = load(&a.inputs)?;
    ui::writable_folder(&dir)?;
    let tables = export::tables(&docs);
    let paths = export::write_tables(&tables, &dir, format)?;
    if !g.quiet {
        for (t, p) in tables.iter().zip(&paths) {
            if format == export::Format::Xlsx {
                eprintln!("{} [{}]: {} rows", p.display(), t.name, t.rows.len());
            } else {
                eprintln!("{}: {} rows", p.display(), t.rows.len());
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn stats(a: StatsArgs, _g: &GlobalArgs) -> anyhow::Result<ExitCode> {
    let docs = load(&a.inputs)?;
    let report = stats::report(&docs, ptsm::extract::themes::Taxonomy::builtin());
    let dest = Dest::of(a.output.as_deref());
    let format = a.format.unwrap_or_else(|| match &dest {
        Dest::File(p) => match p.extension().and_then(|e| e.to_str()) {
            Some(e) if e.eq_ignore_ascii_case("csv") => StatsFormat::Csv,
            Some(e) if e.eq_ignore_ascii_case("json") => StatsFormat::Json,
            _ => StatsFormat::Table,
        },
        Dest::Stdout => StatsFormat::Table,
    });
    let bytes = match format {
        StatsFormat::Table => {
            let (width, bold) = match dest {
                Dest::Stdout => (terminal_width(), ui::stdout_color()),
                Dest::File(_) => (100, false),
            };
            stats::render_table(&report, width, bold).into_bytes()
        }
        StatsFormat::Csv => {
            let mut buf = Vec::new();
            stats::write_report_csv(&report, &mut buf).context("cannot write the CSV")?;
            buf
        }
        StatsFormat::Json => {
            let mut s = serde_json::to_string_pretty(&report)?;
            s.push('\n');
            s.into_bytes()
        }
    };
    dest.write(&bytes)
}

/// Columns of the terminal on stdout (80 when it is not one, or `COLUMNS`
/// when set).
fn terminal_width() -> usize {
    if let Some(n) = std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok()) {
        return n;
    }
    super::progress::stdout_width().unwrap_or(80)
}

pub fn validate(a: ValidateArgs, g: &GlobalArgs) -> anyhow::Result<ExitCode> {
    let mut files = Vec::new();
    for i in &a.inputs {
        files.extend(load::json_files(i)?.into_iter().map(|(_, p)| p));
    }
    if files.is_empty() {
        anyhow::bail!("{}", no_json(&a.inputs));
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
    if !g.quiet || invalid > 0 {
        eprintln!("{} file(s) checked, {invalid} invalid", files.len());
    }
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
pub fn diff(a: DiffArgs, _g: &GlobalArgs) -> anyhow::Result<ExitCode> {
    let da = load(std::slice::from_ref(&a.a))?;
    let db = load(std::slice::from_ref(&a.b))?;
    let d = diff::diff_sets(&da, &db);
    let text = if a.json {
        let mut s = serde_json::to_string_pretty(&d)?;
        s.push('\n');
        s
    } else {
        diff::render(&d)
    };
    Dest::of(a.output.as_deref()).write(text.as_bytes())
}

pub fn check(a: CheckArgs, g: &GlobalArgs) -> anyhow::Result<ExitCode> {
    let report = check::check(&a.dir, &a.expected, &a.doc.options())?;
    for e in &report.errors {
        eprintln!("{e}");
    }
    print_diff(&report.diff, a.json)?;
    if report.passed() {
        if !g.quiet {
            eprintln!(
                "check passed: {} input(s) match the expected outputs",
                report.inputs
            );
        }
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
