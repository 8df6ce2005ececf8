//! `ptsm text`: the normalized text of a document, for debugging and for
//! scoring against other extractors.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use super::args::DocArgs;

#[derive(Debug, clap::Args)]
pub struct TextArgs {
    /// The file to read (`-`: standard input).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    #[command(flatten)]
    pub doc: DocArgs,
}

pub fn run(args: TextArgs) -> anyhow::Result<ExitCode> {
    let opts = args.doc.options();
    let Some((name, result)) = super::process_one(&args.file, &opts) else {
        return Ok(ExitCode::from(1));
    };
    match result {
        Ok(p) => Ok(print_stdout(paged_text(&p.norm).as_bytes())),
        Err(e) => {
            eprintln!("{name}: {}", e.source);
            Ok(ExitCode::from(1))
        }
    }
}

/// The logical lines of `norm`, one per line, with a form feed wherever
/// the page changes: one `\f` per page boundary crossed, so that the text
/// of page P is the P-th `\f`-separated chunk even when a page has no
/// text. The page of a line is that of its first source piece.
pub fn paged_text(norm: &ptsm::normalize::NormDoc) -> String {
    let mut out = String::with_capacity(norm.text.len() + norm.lines.len() + 16);
    let mut page: Option<u32> = None;
    for line in &norm.lines {
        let this = line.origins.first().and_then(|o| o.page);
        if let (Some(prev), Some(now)) = (page, this) {
            for _ in prev..now {
                out.push('\x0c');
            }
        } else if let (None, Some(now)) = (page, this) {
            for _ in 1..now {
                out.push('\x0c');
            }
        }
        if this.is_some() {
            page = this;
        }
        out.push_str(norm.text.get(line.range.clone()).unwrap_or_default());
        out.push('\n');
    }
    out
}

/// Writes to standard output; a closed pipe (`ptsm text f | head`) is not
/// an error.
pub fn print_stdout(bytes: &[u8]) -> ExitCode {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("ptsm: cannot write to standard output: {e}");
            ExitCode::from(1)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ptsm::normalize::{NormDoc, NormLine, Origin};

    fn doc(lines: &[(&str, Option<u32>)]) -> NormDoc {
        let mut d = NormDoc::default();
        for (text, page) in lines {
            let start = if d.text.is_empty() {
                0
            } else {
                d.text.len() + 1
            };
            if !d.text.is_empty() {
                d.text.push('\n');
            }
            d.text.push_str(text);
            let range = start..d.text.len();
            d.lines.push(NormLine {
                range: range.clone(),
                gap_before: false,
                origins: vec![Origin {
                    range,
                    page: *page,
                    bbox: None,
                    source_line: 1,
                }],
            });
        }
        d.paged = lines.iter().any(|l| l.1.is_some());
        d
    }

    #[test]
    fn pages_are_separated_by_one_form_feed_per_boundary() {
        let d = doc(&[("Titre", Some(1)), ("Suite", Some(1)), ("Fin", Some(3))]);
        assert_eq!(paged_text(&d), "Titre\nSuite\n\x0c\x0cFin\n");
    }

    #[test]
    fn text_starting_on_a_later_page_keeps_page_numbering() {
        let d = doc(&[("Deux", Some(2))]);
        assert_eq!(paged_text(&d), "\x0cDeux\n");
    }

    #[test]
    fn unpaged_text_has_no_form_feed() {
        let d = doc(&[("aujourd’hui", None), ("l’ARS", None)]);
        assert_eq!(paged_text(&d), "aujourd’hui\nl’ARS\n");
    }
}
