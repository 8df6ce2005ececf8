//! `ptsm text`: the normalized text of a document, for debugging and for
//! scoring against other extractors.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use ptsm::model::Furniture;

use super::args::DocArgs;

#[derive(Debug, clap::Args)]
pub struct TextArgs {
    /// The file to read (`-`: standard input; an `http(s)://` address is
    /// downloaded first).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// Put the page furniture the layout removed (running headers and
    /// footers, page numbers) back at the top and bottom of its page, as
    /// poppler's `pdftotext` keeps it: for scoring against such references.
    #[arg(long)]
    pub furniture: bool,

    /// Write the text to FILE instead of standard output (`-`).
    #[arg(
        short = 'o',
        long = "output",
        visible_alias = "out",
        value_name = "FILE|-"
    )]
    pub output: Option<PathBuf>,

    #[command(flatten)]
    pub doc: DocArgs,

    #[command(flatten)]
    pub net: super::fetch::NetArgs,
}

pub fn run(args: TextArgs, _g: &super::ui::GlobalArgs) -> anyhow::Result<ExitCode> {
    if args.file.is_dir() {
        return Err(super::ui::usage(
            format!(
                "{} is a folder, and `ptsm text` reads one file",
                args.file.display()
            ),
            format!(
                "give one of its files, or convert the folder with `ptsm extract {} -o out`",
                args.file.display()
            ),
        )
        .into());
    }
    let opts = args.doc.options();
    let Some((name, result)) = super::process_one(&args.file, &opts, &args.net) else {
        return Ok(ExitCode::from(1));
    };
    match result {
        Ok(p) => {
            // Pages a budget left unread are said, not only left out.
            for w in p
                .document
                .warnings
                .iter()
                .filter(|w| w.code == ptsm::ingest::pdf::interp::PAGES_NOT_READ)
            {
                eprintln!("{name}: {}", w.message);
            }
            let furniture: &[Furniture] = if args.furniture {
                &p.document.furniture
            } else {
                &[]
            };
            super::ui::Dest::of(args.output.as_deref())
                .write(paged_text(&p.norm, furniture).as_bytes())
        }
        Err(e) => {
            eprintln!("{name}: {}", super::names::terminal(&e.source.to_string()));
            Ok(ExitCode::from(1))
        }
    }
}

/// The logical lines of `norm`, one per line, with a form feed wherever
/// the page changes: one `\f` per page boundary crossed, so that the text
/// of page P is the P-th `\f`-separated chunk even when a page has no
/// text. The page of a line is that of its first source piece. Each piece
/// of `furniture` goes before the text of its page when it lies above the
/// page's first line, after it otherwise.
pub fn paged_text(norm: &ptsm::normalize::NormDoc, furniture: &[Furniture]) -> String {
    let mut out = String::with_capacity(norm.text.len() + norm.lines.len() + 16);
    let mut page: Option<u32> = None;
    // The top of the first line of each page, to place its furniture.
    let mut first_top: std::collections::HashMap<u32, f32> = std::collections::HashMap::new();
    for line in &norm.lines {
        if let Some(o) = norm.origins_of(line).first() {
            if let (Some(p), Some(b)) = (o.page, o.bbox) {
                first_top.entry(p).or_insert(b[3]);
            }
        }
    }
    let above = |f: &Furniture| first_top.get(&f.page).is_some_and(|&top| f.bbox[1] >= top);
    let put = |out: &mut String, p: u32, top: bool| {
        for f in furniture.iter().filter(|f| f.page == p && above(f) == top) {
            out.push_str(&f.text);
            out.push('\n');
        }
    };
    for line in &norm.lines {
        let this = norm.origins_of(line).first().and_then(|o| o.page);
        if let Some(now) = this {
            let from = match page {
                Some(prev) => prev,
                None => {
                    put(&mut out, 1, true);
                    1
                }
            };
            for p in from..now {
                put(&mut out, p, false);
                out.push('\x0c');
                put(&mut out, p + 1, true);
            }
            page = Some(now);
        }
        out.push_str(norm.text.get(line.range.clone()).unwrap_or_default());
        out.push('\n');
    }
    // The furniture of the last page with text, and of the pages after it.
    let last = furniture.iter().map(|f| f.page).max().unwrap_or(0);
    if let Some(mut p) = page.or((last > 0).then_some(1)) {
        if page.is_none() {
            put(&mut out, p, true);
        }
        put(&mut out, p, false);
        while p < last {
            out.push('\x0c');
            p += 1;
            put(&mut out, p, true);
            put(&mut out, p, false);
        }
    }
    out
}

/// Writes to standard output; a closed pipe (`ptsm text f | head`) is not
/// an error.
pub fn print_stdout(bytes: &[u8]) -> ExitCode {
    write_stdout(|w| w.write_all(bytes))
}

/// [`print_stdout`] of what `fill` writes (through a buffer).
pub fn write_stdout(fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> ExitCode {
    let mut out = std::io::BufWriter::with_capacity(64 << 10, std::io::stdout().lock());
    let r = fill(&mut out).and_then(|()| out.flush());
    // A write error inside serde_json comes wrapped: find the broken pipe.
    let broken = |e: &std::io::Error| {
        e.kind() == std::io::ErrorKind::BrokenPipe
            || e
                .get_ref()
                .and_then(|i| i.downcast_ref::<ptsm::error::OutputError>())
                .is_some_and(|o| matches!(o, ptsm::error::OutputError::Json(j) if j.io_error_kind() == Some(std::io::ErrorKind::BrokenPipe)))
    };
    match r {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if broken(&e) => ExitCode::SUCCESS,
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
            d.origins.push(Origin {
                range: range.clone(),
                page: *page,
                bbox: None,
                source_line: 1,
            });
            d.lines.push(NormLine {
                range,
                gap_before: false,
                origins: d.origins.len() - 1..d.origins.len(),
                table: None,
            });
        }
        d.paged = lines.iter().any(|l| l.1.is_some());
        d
    }

    #[test]
    fn pages_are_separated_by_one_form_feed_per_boundary() {
        let d = doc(&[("Titre", Some(1)), ("Suite", Some(1)), ("Fin", Some(3))]);
        assert_eq!(paged_text(&d, &[]), "Titre\nSuite\n\x0c\x0cFin\n");
    }

    #[test]
    fn text_starting_on_a_later_page_keeps_page_numbering() {
        let d = doc(&[("Deux", Some(2))]);
        assert_eq!(paged_text(&d, &[]), "\x0cDeux\n");
    }

    #[test]
    fn furniture_goes_back_above_and_below_its_page() {
        use ptsm::model::FurnitureKind;
        let mut d = doc(&[("Corps un", Some(1)), ("Corps deux", Some(2))]);
        for (o, top) in d.origins.iter_mut().zip([700.0, 700.0]) {
            o.bbox = Some([50.0, top - 10.0, 500.0, top]);
        }
        let f = |page: u32, kind: FurnitureKind, text: &str, y: f32| Furniture {
            page,
            kind,
            text: text.to_string(),
            bbox: [50.0, y, 200.0, y + 10.0],
        };
        let furniture = [
            f(1, FurnitureKind::Header, "ARS", 800.0),
            f(1, FurnitureKind::PageNumber, "1", 20.0),
            f(2, FurnitureKind::Header, "ARS", 800.0),
            f(2, FurnitureKind::PageNumber, "2", 20.0),
            f(3, FurnitureKind::PageNumber, "3", 20.0),
        ];
        assert_eq!(
            paged_text(&d, &furniture),
            "ARS\nCorps un\n1\n\x0cARS\nCorps deux\n2\n\x0c3\n"
        );
    }

    #[test]
    fn unpaged_text_has_no_form_feed() {
        let d = doc(&[("aujourd’hui", None), ("l’ARS", None)]);
        assert_eq!(paged_text(&d, &[]), "aujourd’hui\nl’ARS\n");
    }
}
