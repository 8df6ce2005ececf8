//! Scoring helper: prints the laid-out text of a PDF as `ptsm::ingest::read`
//! gives it (lines joined with `\n`, pages separated by `\f`), for
//! `pdftext-eval`. With `--dehyphen`, a line ending in a letter and "-"
//! is joined to the next one, only to *estimate* what normalization will do.
//! With `--glyphs`, prints the interpreter's glyphs instead (debugging).

use std::process::ExitCode;

fn main() -> ExitCode {
    let mut dehyphen = false;
    let mut dump = false;
    let mut path = None;
    for a in std::env::args().skip(1) {
        if a == "--glyphs" {
            dump = true;
        } else if a == "--dehyphen" {
            dehyphen = true;
        } else {
            path = Some(a);
        }
    }
    let Some(path) = path else {
        eprintln!("usage: pdftext [--dehyphen] FILE.pdf");
        return ExitCode::from(2);
    };
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{path}: {e}");
            return ExitCode::from(1);
        }
    };
    if dump {
        // Debugging aid: the interpreter's glyphs, before layout.
        return match ptsm::ingest::pdf::glyphs(&bytes, &ptsm::IngestOptions::default()) {
            Ok((pages, _)) => {
                for p in pages {
                    for g in p.glyphs {
                        println!(
                            "p{} x={:.1} y={:.1} w={:.1} size={:.1} dir={} font={} space={} {:?}",
                            p.number, g.x, g.y, g.width, g.size, g.dir, g.font, g.space, g.text
                        );
                    }
                }
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("{path}: {e}");
                ExitCode::from(1)
            }
        };
    }
    let doc = match ptsm::ingest::read(&path, &bytes, &ptsm::IngestOptions::default()) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("{path}: {e}");
            return ExitCode::from(1);
        }
    };
    let mut out = String::new();
    for (k, page) in doc.pages.iter().enumerate() {
        if k > 0 {
            out.push('\u{c}');
        }
        let mut join_next = false;
        for line in &page.lines {
            let t = line.text.as_str();
            if join_next {
                // Drop the "\n" pushed after the previous line's hyphen.
                out.pop();
            }
            let hyph = dehyphen
                && t.strip_suffix('-')
                    .and_then(|r| r.chars().last())
                    .is_some_and(char::is_alphabetic);
            if hyph {
                out.push_str(t.strip_suffix('-').unwrap_or(t));
            } else {
                out.push_str(t);
            }
            out.push('\n');
            join_next = hyph;
        }
    }
    print!("{out}");
    ExitCode::SUCCESS
}
