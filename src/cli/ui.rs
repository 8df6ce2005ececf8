//! What every subcommand shares with the user: the global flags
//! (`-q/--quiet`, `--color`), the exit codes and environment variables
//! listed in `--help`, usage errors with a hint, and the checks that turn
//! "cannot open the manifest" into "cannot write to ro/: permission
//! denied; choose another --output".

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU8, Ordering};

use super::UsageError;

/// Appended to `ptsm --help` and to each subcommand's `--help`.
pub const AFTER_HELP: &str = "\
Exit status:
  0  all inputs converted (or checked, or written)
  1  an input failed (each named on stderr as `path: reason`, the others
     still written), an output could not be written, or there was nothing
     to do (no supported input; no JSON to validate)
  2  usage error: the command line is wrong (a hint says what to change)

Environment:
  NO_COLOR        no colour when --color is auto (any non-empty value)
  PTSM_TESSERACT  the Tesseract program used for OCR [default: tesseract]
  PTSM_PDFTOPPM   the program that renders pages for OCR [default: pdftoppm]
  TMPDIR          where addresses given to `extract` are downloaded first";

/// Flags every subcommand takes, before or after its name.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct GlobalArgs {
    /// Say nothing on stderr but errors: no progress bar, no summary, no
    /// per-file notes (failures are still listed).
    #[arg(short, long, global = true)]
    pub quiet: bool,

    /// Colour on the terminal: `auto` (when the stream is a terminal and
    /// NO_COLOR is unset), `always` or `never`.
    #[arg(long, value_enum, value_name = "WHEN", global = true, default_value_t = Color::Auto)]
    pub color: Color,
}

/// `--color`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Color {
    #[default]
    Auto,
    Always,
    Never,
}

/// The `--color` choice, read before the arguments are parsed (clap's own
/// errors are coloured by it) and kept for the rest of the run.
static COLOR: AtomicU8 = AtomicU8::new(0);

impl Color {
    /// The choice given on `args` (`--color X` or `--color=X`, the last
    /// one wins), without parsing the rest: clap needs it before it can
    /// report a parse error.
    pub fn sniff<I: IntoIterator<Item = std::ffi::OsString>>(args: I) -> Color {
        let mut color = Color::Auto;
        let mut next_is_value = false;
        for a in args {
            let a = a.to_string_lossy().into_owned();
            let value = if next_is_value {
                next_is_value = false;
                Some(a.as_str())
            } else if a == "--color" {
                next_is_value = true;
                None
            } else {
                a.strip_prefix("--color=")
            };
            match value {
                Some("always") => color = Color::Always,
                Some("never") => color = Color::Never,
                Some("auto") => color = Color::Auto,
                _ => {}
            }
            if a == "--" {
                break;
            }
        }
        color
    }

    /// Makes this choice the run's.
    pub fn install(self) {
        COLOR.store(self as u8, Ordering::Relaxed);
    }

    pub fn clap(self) -> clap::ColorChoice {
        match self {
            Color::Auto if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) => {
                clap::ColorChoice::Never
            }
            Color::Auto => clap::ColorChoice::Auto,
            Color::Always => clap::ColorChoice::Always,
            Color::Never => clap::ColorChoice::Never,
        }
    }
}

fn colored(is_terminal: bool) -> bool {
    match COLOR.load(Ordering::Relaxed) {
        1 => true,
        2 => false,
        _ => is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    }
}

/// Whether what goes to stderr may carry colour.
pub fn stderr_color() -> bool {
    colored(std::io::stderr().is_terminal())
}

/// Whether what goes to stdout may carry colour.
pub fn stdout_color() -> bool {
    colored(std::io::stdout().is_terminal())
}

/// `text` in bold red when stderr takes colour.
pub fn red(text: &str) -> String {
    paint(text, "1;31", stderr_color())
}

fn paint(text: &str, sgr: &str, on: bool) -> String {
    if on {
        format!("\x1b[{sgr}m{text}\x1b[0m")
    } else {
        text.to_string()
    }
}

/// What separates a usage error's message from its hint.
pub const HINT: &str = "\n\n  hint: ";

/// A usage error whose message ends with what to do instead.
pub fn usage(message: impl std::fmt::Display, hint: impl std::fmt::Display) -> UsageError {
    UsageError(format!("{message}{HINT}{hint}"))
}

/// Where a subcommand writes a file it was asked for: standard output for
/// `-` (or no `-o`), else the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Dest {
    Stdout,
    File(PathBuf),
}

impl Dest {
    pub fn of(output: Option<&Path>) -> Dest {
        match output {
            None => Dest::Stdout,
            Some(p) if p.as_os_str() == "-" => Dest::Stdout,
            Some(p) => Dest::File(p.to_path_buf()),
        }
    }

    /// Writes `bytes` (atomically for a file); a closed pipe on standard
    /// output is no error.
    pub fn write(&self, bytes: &[u8]) -> anyhow::Result<std::process::ExitCode> {
        match self {
            Dest::Stdout => Ok(super::text::print_stdout(bytes)),
            Dest::File(p) => {
                if let Some(parent) = p.parent().filter(|d| !d.as_os_str().is_empty()) {
                    std::fs::create_dir_all(parent)
                        .map_err(|e| cannot_write(parent, &e, "--output"))?;
                }
                ptsm::output::write_atomic(p, bytes).map_err(|e| match e {
                    ptsm::error::OutputError::Write { source, .. } => {
                        cannot_write(p, &source, "--output")
                    }
                    other => anyhow::anyhow!("{}: {other}", p.display()),
                })?;
                Ok(std::process::ExitCode::SUCCESS)
            }
        }
    }
}

/// The folder given to `-o/--output` where a subcommand writes several
/// files: `-` is refused (a folder cannot be standard output), with what to
/// use instead.
pub fn output_folder(dir: &Path, instead: &str) -> Result<PathBuf, UsageError> {
    if dir.as_os_str() == "-" {
        return Err(usage(
            "-o/--output is a folder here, and `-` (standard output) is not one",
            instead,
        ));
    }
    Ok(dir.to_path_buf())
}

/// Creates `dir` if needed and checks that a file can be created in it,
/// so that an unwritable folder is reported as such, with what to do,
/// before any work.
pub fn writable_folder(dir: &Path) -> anyhow::Result<()> {
    if dir.exists() && !dir.is_dir() {
        anyhow::bail!(
            "cannot write to {}: it is a file, not a folder; choose another --output",
            dir.display()
        );
    }
    std::fs::create_dir_all(dir).map_err(|e| cannot_write(dir, &e, "--output"))?;
    let probe = dir.join(format!(".ptsm-write-test.{}", std::process::id()));
    match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&probe)
    {
        Ok(_) => {
            let _ = std::fs::remove_file(&probe);
            Ok(())
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(cannot_write(dir, &e, "--output")),
    }
}

/// "cannot write to ro/: permission denied; choose another --output".
pub fn cannot_write(path: &Path, e: &std::io::Error, flag: &str) -> anyhow::Error {
    let why = match e.kind() {
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        std::io::ErrorKind::ReadOnlyFilesystem => "read-only file system".to_string(),
        std::io::ErrorKind::StorageFull => "no space left on the disk".to_string(),
        std::io::ErrorKind::NotADirectory => "a part of the path is a file".to_string(),
        _ => e.to_string(),
    };
    anyhow::anyhow!(
        "cannot write to {}: {why}; choose another {flag}",
        path.display()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn os(args: &[&str]) -> Vec<std::ffi::OsString> {
        args.iter().map(Into::into).collect()
    }

    #[test]
    fn color_is_read_before_parsing_and_the_last_one_wins() {
        assert_eq!(Color::sniff(os(&["ptsm", "stats", "x"])), Color::Auto);
        assert_eq!(
            Color::sniff(os(&["ptsm", "--color", "never", "stats"])),
            Color::Never
        );
        assert_eq!(
            Color::sniff(os(&["ptsm", "x", "--color=always", "--color=never"])),
            Color::Never
        );
        assert_eq!(
            Color::sniff(os(&["ptsm", "--", "--color=always"])),
            Color::Auto
        );
    }

    #[test]
    fn a_folder_output_refuses_standard_output() {
        let e = output_folder(Path::new("-"), "use --stdout").unwrap_err();
        assert!(e.0.contains("hint: use --stdout"), "{}", e.0);
        assert_eq!(
            output_folder(Path::new("out"), "").unwrap(),
            PathBuf::from("out")
        );
    }

    #[test]
    fn write_errors_say_what_to_do() {
        let e = std::io::Error::from(std::io::ErrorKind::PermissionDenied);
        assert_eq!(
            cannot_write(Path::new("ro/"), &e, "--output").to_string(),
            "cannot write to ro/: permission denied; choose another --output"
        );
    }
}
