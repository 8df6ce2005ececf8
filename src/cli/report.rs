//! `ptsm report`: a folder of ptsm JSON → a static HTML review report.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use ptsm::report::{self, Thumbnails};

#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    /// A folder of ptsm JSON (the `-o` folder of `ptsm extract`), or one
    /// JSON file.
    #[arg(value_name = "OUT")]
    pub input: PathBuf,

    /// The report's folder: created, or replaced if it holds an earlier
    /// report; any other non-empty folder is refused.
    #[arg(short = 'o', long = "out", value_name = "REPORT_DIR")]
    pub out: PathBuf,

    /// Page thumbnails of PDF sources, with the box of the selected item:
    /// `auto` draws them with `pdftoppm` (poppler-utils) when it is
    /// installed and the source is still at its `source.path` unchanged;
    /// `never` leaves them out (a smaller, faster report).
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ThumbArg::Auto)]
    pub thumbnails: ThumbArg,

    /// Folder that relative `source.path`s are resolved from [default:
    /// the current folder].
    #[arg(long, value_name = "DIR")]
    pub sources: Option<PathBuf>,

    /// Number of documents processed at once [default: number of cores].
    #[arg(short = 'j', long, value_name = "N")]
    pub jobs: Option<std::num::NonZeroUsize>,
}

/// `--thumbnails`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ThumbArg {
    Auto,
    Never,
}

pub fn run(a: ReportArgs, g: &super::ui::GlobalArgs) -> anyhow::Result<ExitCode> {
    let opts = report::Options {
        thumbnails: match a.thumbnails {
            ThumbArg::Auto => Thumbnails::Auto,
            ThumbArg::Never => Thumbnails::Never,
        },
        sources: a.sources.clone(),
        jobs: a.jobs.map(std::num::NonZeroUsize::get),
    };
    make(&a.input, &a.out, &opts, g.quiet)
}

/// Writes the report and says what was done; also the end of `ptsm
/// extract --report`.
pub fn make(
    input: &Path,
    out: &Path,
    opts: &report::Options,
    quiet: bool,
) -> anyhow::Result<ExitCode> {
    let start = std::time::Instant::now();
    let s = report::build(input, out, opts)?;
    if !quiet {
        eprintln!(
            "ptsm: report of {} document(s) in {} ({:.1} MB, {} page thumbnail(s), {:.2} s): open {}",
            s.documents,
            out.display(),
            s.bytes as f64 / 1e6,
            s.thumbnail_pages,
            start.elapsed().as_secs_f64(),
            out.join("index.html").display()
        );
        if s.without_text > 0 {
            eprintln!(
                "ptsm: {} document(s) without their text (blocks that do not rebuild it)",
                s.without_text
            );
        }
    }
    if s.unreadable > 0 {
        eprintln!(
            "ptsm: {} JSON file(s) are not ptsm documents (listed in the report)",
            s.unreadable
        );
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

/// `ptsm extract … -o OUT --report DIR`: the report of OUT; the batch's
/// exit code stands unless the report fails.
pub fn after_batch(
    out: &Path,
    dir: &Path,
    quiet: bool,
    code: ExitCode,
) -> anyhow::Result<ExitCode> {
    let made = make(out, dir, &report::Options::default(), quiet)?;
    Ok(if made == ExitCode::SUCCESS {
        code
    } else {
        made
    })
}
